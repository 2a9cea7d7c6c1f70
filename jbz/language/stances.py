"""The cabinet's stance in a position sentence ("Het kabinet steunt …", "Nederland heeft zorgen over …"),
and whether two position sentences make the same point, whatever their wording.

A stance is read from the sentence's words by lemma, not from whole phrases: a verb or noun of support,
of reservation or of priority, in any of its forms; a negation ("niet", "geen", "nog niet") in the same
clause turns support into a reservation and a reservation into support ("heeft geen bezwaar"). Where
a sentence holds both, the reservation is the stance: it is what a reader following the file needs.
"""
from __future__ import annotations

import re

from jbz.fold import fold

SUPPORT, RESERVATION, PRIORITY, NEUTRAL = "support", "reservation", "priority", "neutral"

# Word stems (folded) of each stance; a word counts when it starts with one (steun, steunt, steunde …).
_SUPPORT = ("steun", "instem", "verwelkom", "positief", "positieve", "voorstander", "onderschrij", "onderschreef",
            "waardeer", "waardeert", "verheugd", "ingenomen")
_RESERVATION = ("zorg", "kritisch", "kritische", "voorbehoud", "bezwaar", "terughoudend", "onthoud", "onthield",
                "twijfel", "vraagtekens", "sceptisch", "tegenstander", "ongelukkig")
_PRIORITY = ("belang", "aandacht", "inzet", "pleit", "benadruk", "dringt", "drong", "onderstreep", "onderstreept",
             "prioriteit", "cruciaal", "essentieel")
# Words that are a stance only together with the word after them ("stemt in", "zet zich in", "maakt zich zorgen").
_PARTICLE_SUPPORT = re.compile(r"\bstem(?:t|de|den|men)?\b[^.;]{0,40}?\bin\b|\bakkoord\s+(?:gaan|gaat|ging)\b"
                               r"|\bstaat\s+achter\b|\bkan\s+leven\s+met\b")
# "zet zich in", "zet Nederland zich in voor", "zette zich … in".
_PARTICLE_PRIORITY = re.compile(r"\bzet(?:te|ten)?\b[^.;]{0,40}?\bzich\b[^.;]{0,60}?\bin\b|\bwil\s+dat\b")
_AGAINST = re.compile(r"\bstem(?:t|de|den|men)?\s+tegen\b")
_NEGATIONS = frozenset("niet geen allerminst".split())
# A subordinate clause starts: a negation beyond it is that clause's, not the stance's ("steunen wanneer
# dit leidt tot … en niet tot …").
_SUBORDINATORS = frozenset("wanneer als indien omdat dat die zodat tenzij mits terwijl hoewel waardoor waarbij".split())
_CLAUSE = re.compile(r"[,;:]\s+(?:maar|terwijl|hoewel|al)\b|\s+maar\s+|;")
_WORD = re.compile(r"[a-z]+")


def stance_of(sentence: str) -> str:
    """Return the stance a position sentence takes: support, reservation, priority or neutral."""
    found = set()
    for clause in _CLAUSE.split(fold(sentence)):
        found |= _clause_stances(clause)
    for stance in (RESERVATION, SUPPORT, PRIORITY):
        if stance in found:
            return stance
    return NEUTRAL


def _clause_stances(clause: str) -> set[str]:
    words = _WORD.findall(clause)
    found = set()
    for at, word in enumerate(words):
        if word.startswith(_SUPPORT):
            found.add(RESERVATION if _negated(words, at) else SUPPORT)
        elif word.startswith(_RESERVATION):
            # "heeft geen bezwaar": a reservation denied is consent.
            found.add(SUPPORT if _negated(words, at) else RESERVATION)
        elif word.startswith(_PRIORITY):
            found.add(PRIORITY)
    if _PARTICLE_SUPPORT.search(clause):
        found.add(RESERVATION if any(w in _NEGATIONS for w in words) else SUPPORT)
    if _AGAINST.search(clause):
        found.add(RESERVATION)
    if _PARTICLE_PRIORITY.search(clause):
        found.add(PRIORITY)
    return found


def _negated(words: list[str], at: int) -> bool:
    """Return whether the stance word at `at` is negated: a negation up to five words before it, or up
    to three after it ("steunt het voorstel niet"), within its own clause."""
    for step in (-1, 1):
        for distance in range(1, 6 if step < 0 else 4):
            index = at + step * distance
            if not 0 <= index < len(words) or words[index] in _SUBORDINATORS:
                break
            if words[index] in _NEGATIONS:
                return True
    return False


# Words that carry no point of their own in a position sentence.
_STOP = frozenset("het kabinet nederland nederlandse daarbij daarom hierbij zich zijn wordt worden zal zullen "
                  "deze dit dat die voor over naar met van een ook niet geen nog wel meer heeft hebben kan kunnen "
                  "moet moeten wil willen blijft blijven onder andere alle raad commissie voorstel".split())
#: How much of their content two sentences must share to make the same point (Jaccard of their stems).
SAME_POINT = 0.5


def point_of(sentence: str) -> frozenset[str]:
    """Return what a sentence is about: the stems of its content words (stance words and function words out)."""
    stems = set()
    for word in _WORD.findall(fold(sentence)):
        if len(word) < 4 or word in _STOP or word.startswith(_SUPPORT + _RESERVATION + _PRIORITY):
            continue
        stems.add(word[:6])
    return frozenset(stems)


def same_point(first: frozenset[str], second: frozenset[str]) -> bool:
    """Return whether two sentences' points (see `point_of`) are one: they share at least half their stems."""
    if not first or not second:
        return False
    return len(first & second) / len(first | second) >= SAME_POINT
