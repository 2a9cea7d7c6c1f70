"""An agenda's items side by side with the report's items on the same subject.

A report (verslag) seldom keeps the agenda's order or wording: "Terugkeerverordening" on the
agenda is "Verordening tot vaststelling van een gemeenschappelijk systeem voor de terugkeer …" in
the report, and the Justice part may come first. Items are paired by what names their subject —
a COM or procedure number, a dossier's name, the words of their titles — never by position.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from jbz import store
from jbz.dossiers.catalogue import Dossier, names_pattern
from jbz.fold import fold
from jbz.sentences import sentences

_COM = re.compile(r"\bcom\s*\(\s*(\d{4})\s*\)\s*0*(\d+)")
_PROCEDURE = re.compile(r"\b(\d{4})\s*/\s*0*(\d+)\s*\(\s*(cod|cns|nle|app)\s*\)")
# Words that say what kind of item it is, not what it is about.
_NOT_SUBJECT = set("""
aan als and bij conclusies dat de den der des die dit door een en europese eu for het in inzake met naar
nieuwe of om onder op over overige onderwerpen over stand tegen ten ter the tot uit van vast vaststelling
voor werklunch werksessie zaken zake zijn lidstaten raad commissie voorstel voorstellen verordening richtlijn
""".split())
#: The least score two items must have to be paired: on hand-written pairs of differently worded items the
#: true pairs scored 2.3-4.0 and no other over 0.2; of 14,511 pairs of differently titled items of the
#: synthetic corpus's meetings (texts drawn at random) 1.6 % reach it.
_ENOUGH = 1.0


@dataclass(slots=True)
class Side:
    """An agenda or report item as pairing sees it."""

    file: str
    where: str
    title: str
    identifiers: set[str] = field(default_factory=set)
    dossiers: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    #: The words of its title and text, counted: what it talks about.
    bag: Counter = field(default_factory=Counter)

    def to_json(self) -> dict:
        """Return the item as `jbz meeting --json` names it: file, place and title."""
        return {"file": self.file, "where": self.where, "title": self.title}


def _identifiers(folded: str) -> set[str]:
    found = {f"COM({year}) {number}" for year, number in _COM.findall(folded)}
    return found | {f"{year}/{int(number):04d}({kind.upper()})" for year, number, kind in _PROCEDURE.findall(folded)}


def _stems(folded_title: str) -> set[str]:
    # Six letters stand for a word: "migratie" and "migratiepact", "terugkeer" and "terugkeerbeleid".
    return {word[:6] for word in re.findall(r"[^\W\d_]+", folded_title) if len(word) >= 4 and word not in _NOT_SUBJECT}


def _side(file: str, where: str, title: str, text: str, dossiers: list[Dossier]) -> Side:
    folded_title = fold(title)
    named = {d.name for d in dossiers if names_pattern(tuple(d.aliases)).search(folded_title)}
    # An item names its own proposal in its title or its opening ("Het voorstel (COM(2022) 209) …");
    # numbers further on are often other files it is compared with.
    opening = fold(" ".join(sentences(text)[:2]))
    bag = Counter(word[:6] for word in re.findall(r"[^\W\d_]{5,}", folded_title + " " + fold(text))
                  if word not in _NOT_SUBJECT)
    return Side(file, where, title, _identifiers(folded_title + " " + opening), named, _stems(folded_title), bag)


def _one(word: str) -> float:
    return 1.0


def score(agenda: Side, verslag: Side, weight: Callable[[str], float] = _one,
          spread: Callable[[str], float] = _one) -> float:
    """Return how surely two items are about the same subject: a shared COM or procedure number or
    dossier name counts most, then the very same title; then the share of title words they have in common, each weighed by
    `weight` (a word many titles use, "toekomst", says less than "Eurojust"); then how alike their
    words are (cosine), each weighed by `spread` (a word every item of the meeting uses says nothing)."""
    total = 2.0 * len(agenda.identifiers & verslag.identifiers) + 1.5 * len(agenda.dossiers & verslag.dossiers)
    if fold(agenda.title) == fold(verslag.title):
        total += 1.0  # "Overige onderwerpen" is the report's "Overige onderwerpen", though no word of it says what
    both = sum(map(weight, agenda.words)) + sum(map(weight, verslag.words))
    if both:
        total += 2 * 2 * sum(map(weight, agenda.words & verslag.words)) / both
    return total + 2 * _cosine(agenda.bag, verslag.bag, spread)


def _cosine(a: Counter, b: Counter, weight: Callable[[str], float]) -> float:
    dot = sum(a[word] * b[word] * weight(word) ** 2 for word in a.keys() & b.keys())
    norm = math.sqrt(sum((n * weight(w)) ** 2 for w, n in a.items()) * sum((n * weight(w)) ** 2 for w, n in b.items()))
    return dot / norm if norm else 0.0


@dataclass(slots=True)
class Pairing:
    """Which agenda item the report treats as which, and what either side has alone."""

    pairs: list[tuple[Side, Side]]
    agenda_only: list[Side]
    verslag_only: list[Side]

    def to_json(self) -> dict:
        """Return the `pairs` and `unpaired` fields of `jbz meeting --json`."""
        return {"pairs": [{"agenda": a.where, "verslag": v.where, "agenda_item": a.to_json(),
                           "verslag_item": v.to_json()} for a, v in self.pairs],
                "unpaired": {"agenda": [s.to_json() for s in self.agenda_only],
                             "verslag": [s.to_json() for s in self.verslag_only]}}


def pair(agenda: list[Side], verslag: list[Side], weight: Callable[[str], float] = _one) -> Pairing:
    """Return the items paired one to one, the surest pairs first; pairs below `_ENOUGH` are not made.
    `weight` weighs title words (see `score`); the words of texts are weighed by how few of these
    items use them."""
    spread = _inverse_frequency([side.bag.keys() for side in agenda + verslag])
    candidates = sorted(((score(a, v, weight, spread), i, j) for i, a in enumerate(agenda)
                         for j, v in enumerate(verslag)),
                        key=lambda c: (-c[0], c[1], c[2]))
    used_a, used_v, chosen = set(), set(), []
    for value, i, j in candidates:
        if value < _ENOUGH:
            break
        if i not in used_a and j not in used_v:
            used_a.add(i)
            used_v.add(j)
            chosen.append((i, j))
    chosen.sort()
    return Pairing([(agenda[i], verslag[j]) for i, j in chosen],
                   [a for i, a in enumerate(agenda) if i not in used_a],
                   [v for j, v in enumerate(verslag) if j not in used_v])


def meeting_pairing(db: store.Index, meeting_start: str, dossiers: list[Dossier]) -> Pairing | None:
    """Return the pairing of a meeting's agenda items with its report's, or None unless the index
    holds both an agenda and a report of that meeting."""
    sides: dict[str, list[Side]] = {"agenda": [], "verslag": []}
    for doc_type, file, where, title, text in db.conn.execute(
            'SELECT d.doc_type, d.file, p."where", p.title, p.text FROM meetings m'
            " JOIN documents d ON d.meeting_id = m.id JOIN passages p ON p.document_id = d.id"
            " WHERE m.start = ? AND p.kind = 'item' AND d.doc_type IN ('agenda', 'verslag')"
            " ORDER BY d.letter_date, d.file, p.id", (meeting_start,)):
        sides[doc_type].append(_side(file, where, title, text, dossiers))
    if not sides["agenda"] or not sides["verslag"]:
        return None
    return pair(sides["agenda"], sides["verslag"], title_word_weights(db))


def title_word_weights(db: store.Index) -> Callable[[str], float]:
    """Return how much a title word tells, by how few of the index's distinct item titles use it
    (inverse document frequency): read once per index."""
    key = store.db_path(db)
    if key not in _WEIGHTS:
        _WEIGHTS[key] = _inverse_frequency(_stems(fold(title)) for (title,) in
                                           db.conn.execute("SELECT DISTINCT title FROM items"))
    return _WEIGHTS[key]


def _inverse_frequency(word_sets) -> Callable[[str], float]:
    """Return log(n / how many of the n sets hold the word), smoothed: rare words weigh most."""
    counts: Counter[str] = Counter()
    sets = 0
    for words in word_sets:
        counts.update(words)
        sets += 1
    return lambda word: math.log((sets + 2) / (counts.get(word, 0) + 1))


_WEIGHTS: dict[str, Callable[[str], float]] = {}
