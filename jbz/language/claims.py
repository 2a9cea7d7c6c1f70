"""Reading a sentence's stage claim: the stage it names, whether that stage is planned or
reached, which meeting it speaks of. Done once per passage when a letter is indexed.

The wording is the genre's, 2009 to today (all patterns are over folded text: lower case, no
diacritics). Per rung:

- Commissievoorstel: the Commission (or a Commissioner) publishes, presents, submits or "comes
  with" a proposal ("De Commissie publiceerde op 27 april 2022 een voorstel", "heeft … gepresenteerd",
  "kwam met een voorstel", "gaf een presentatie van het pakket …, bestaande uit een voorstel"); a
  BNC-fiche's "Titel voorstel". Its other acts (a communication, an implementing act) are no rung.
- BNC-fiche: "BNC-fiche", and the fiche titles a BNC letter lists ("Fiche 2: Verordening …"): the
  fiche is the rung, reached.
- onderhandelingen in de Raad: negotiations, the Council working party, compromise texts, a
  (first) exchange of views or policy debate, progress, the presidency informing or explaining,
  questions put to the Council, guidance to the experts, referral back to officials, support in
  the Council, the Council agreeing to a point ("stemde in met uitbreiding van …").
- algemene oriëntatie: "algemene oriëntatie" (also partial), "algemene benadering", "Raadspositie",
  "Raadsmandaat", "onderhandelingsmandaat" (not a mandate for the Commission), "gedeeltelijk akkoord",
  "deelakkoorden": partial Council positions count.
- onderhandelingen met het Europees Parlement: trilogues, negotiations with the Parliament.
- voorlopig akkoord: a provisional or political agreement, an agreement reached in the trilogue or
  with the Parliament, "compromis bereikt tussen Raad en Parlement".
- formele aanname: "formeel aangenomen/vastgesteld", "bekrachtigd", "definitief aangenomen";
  never Council conclusions.
- bekendmaking: publication in the Official Journal (Publicatieblad).
- inwerkingtreding: "in werking treden", "inwerkingtreding", "van toepassing worden (op 12 juni)";
  never "van toepassing zijn op" said of a rule.

A sentence names the highest rung it mentions; a sentence of clauses ("…; het streven is …",
"…, waarbij de inzet blijft …") makes one claim per clause.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator

from jbz import dates
from jbz.fold import fold
from jbz.sentences import sentence_bounds
from jbz.language.stages import PHASES, MeetingReference, StageClaim


class _Gated:
    """A pattern with words one of which every match of it contains: a substring test rules most
    clauses out far faster than the pattern can (the words must be kept in step with it)."""

    __slots__ = ("pattern", "words")

    def __init__(self, pattern: str, words: tuple[str, ...]):
        self.pattern = re.compile(pattern)
        self.words = words

    def search(self, text: str) -> re.Match | None:
        """Return the pattern's first match in `text`, or None."""
        return self.pattern.search(text) if self._may_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match]:
        """Return the pattern's matches in `text`."""
        return self.pattern.finditer(text) if self._may_match(text) else iter(())

    def _may_match(self, text: str) -> bool:
        for word in self.words:
            if word in text:
                return True
        return False


# Each rung comes with words one of which every match contains: a substring test rules most
# sentences out far faster than the pattern can. Highest rung first.
_RUNGS: list[tuple[str, tuple[str, ...], str]] = [
    ("inwerkingtreding", ("werking", "toepassing"),
     r"\bin werking (?:ge)?tre|\binwerkingtreding\b|\b(?:treedt|treden)\b[^.;]{0,40}\bin werking\b"
     r"|\bvan toepassing (?:te )?(?:worden|wordt|werd|geworden)\b(?!\s+op\s+(?!\d))"
     r"|\bvan toepassing (?:vanaf|sinds|met ingang van|per)\s+\d"),
    ("bekendmaking", ("publicatieblad", "bekend"),
     r"\bpublicatieblad\b|\bbekendmaking\b|\b(?:verordening|richtlijn|regels)\w*\b[^.;]{0,60}\bbekendgemaakt\b"),
    ("formele aanname", ("bekrachtig", "formee", "formele", "definitief"),
     r"\bbekrachtig|\bformeel (?:aangenomen|akkoord|vastgesteld|goedgekeurd)|\bformele (?:aanname|goedkeuring"
     r"|vaststelling)|\bdefinitief (?:aangenomen|vastgesteld)"),
    ("voorlopig akkoord", ("akkoord", "compromis", "overeenstemming"),
     r"\bvoorlopig (?:politiek )?akkoord|\btriloogakkoord|\bpolitieke? akkoord"
     r"|\b(?:akkoord|overeenstemming|compromis)\b[^.;]{0,40}\b(?:met het europees parlement|in de triloog"
     r"|tijdens de triloog|tussen (?:de )?raad en (?:het )?(?:europees )?parlement)"
     r"|\btriloog\b[^.;]{0,20}\bbereikte (?:akkoord|compromis)"),
    ("onderhandelingen met het Europees Parlement", ("trilo", "onderhandel"),
     r"\btriloog|\btrilogen\b|\bonderhandelingen\b[^.;]{0,80}\bmet het europees parlement"
     r"|\bmet het europees parlement[^.;]{0,40}\bonderhandel|\binterinstitutionele onderhandel"),
    ("algemene oriëntatie", ("orien", "benadering", "mandaat", "raadspositie", "positie van de raad",
                             "gedeeltelijk akkoord", "deelakkoord"),
     r"\balgemene orien|\balgemene benadering (?:aan|vast|bereikt|aangenomen|vastgesteld)\b|\braadsmandaat\b"
     r"|\bonderhandelingsmandaat\b(?! (?:voor |aan )?(?:de )?commissie)|\b(?:gedeeltelijke )?raadspositie"
     r"|\bpositie van de raad\b|\bgedeeltelijk akkoord\b|\bdeelakkoord"
     r"|\bmandaat\b[^.;]{0,30}\bvoor de (?:onderhandelingen|triloog|trilogen)\b"),
    ("onderhandelingen in de Raad", ("onderhandel", "compromisvoorstel", "raadswerkgroep", "gedachtewisseling",
                                     "debat", "discussie", "voortgang", "vooruitgang", "behandeling van", "lichtte", "toegelicht",
                                     "vragen voor", "richting mee", "terugverwezen", "steun voor", "stemde", "aandacht voor",
                                     "gesproken", "sprak", "besprak", "besproken", "opgepakt", "voorgelegd"),
     r"\bonderhandeling|\bcompromisvoorstel|\braadswerkgroep|\bgedachtewisseling|\bbeleidsdebat"
     r"|\bdebat over\b|\bdiscussie\b|\b(?:voortgang|vooruitgang)\b|\bbehandeling van (?:het|de|dit)\b"
     r"|\blichtte(?:n)?\b[^.;]{0,120}\btoe\b|\btoegelicht\b|\bvragen voor\b|\bvoorgelegd\b"
     r"|\brichting mee\b|\bterugverwezen\b|\b(?:er (?:is|was)|was er|is er|kreeg|kregen)\b[^.;]{0,30}\bsteun voor\b"
     r"|\bstemde(?:n)? in met\b|\baandacht voor\b|\bgesproken over\b|\bspr(?:a|ee)k(?:en)? over\b"
     r"|\bbesprak(?:en)?\b|\bbesproken\b|\bopgepakt\b"),
    ("BNC-fiche", ("fiche",), r"\bbnc-fiche|\bfiche(?: \d+)?:"),
    ("Commissievoorstel", ("commissievoorstel", "voorgesteld", "titel voorstel", "publice", "presente", "presentatie",
                           "gepubliceerd", "ingediend", "indien", "diende", "kwam", "komt", "komen met", "uitbreng",
                           "uitgebracht"),
     r"\bcommissievoorstel\b|\bheeft de (?:europese )?commissie [^.;]{0,60}\bvoorgesteld|\btitel voorstel\b"
     r"|\bcommiss(?:ie|aris)\b[^.;]{0,80}\b(?:publiceerde|presenteerde|gepubliceerd|gepresenteerd|ingediend"
     r"|in(?:ge)?dienen|indiende|diende|kwam(?:en)? met|komt met|komen met|presentatie van|presenteren"
     r"|publiceren|uitbrengen|uitgebracht)\b[^.;]{0,160}\bvoorstel"
     r"|\bvoorstel\w*\b[^.;]{0,80}\b(?:heeft|had) de (?:europese )?commissie\b[^.;]{0,40}\b(?:gepubliceerd"
     r"|gepresenteerd|ingediend|uitgebracht)"
     r"|\b(?:publiceerde|presenteerde|kwam|komt|diende) de (?:europese )?commissie\b"
     r"|\bcommiss(?:ie|aris)\b[^.;]{0,60}\bvoorstel\w*\b[^.;]{0,100}\b(?:in(?:ge)?dienen|presenteren|publiceren"
     r"|uitbrengen|gepresenteerd|gepubliceerd|ingediend|uitgebracht)\b"),
]
_STAGE_PATTERNS: list[tuple[str, tuple[str, ...], re.Pattern]] = [
    (name, keys, re.compile(pattern)) for name, keys, pattern in _RUNGS]
_STAGE_WORDS = tuple(dict.fromkeys(key for _, keys, _ in _STAGE_PATTERNS for key in keys))
# All those words in one pattern (longest first), and which stages each one may stand for.
_STAGE_WORD = re.compile("|".join(re.escape(word) for word in sorted(_STAGE_WORDS, key=len, reverse=True)))
_STAGES_OF_WORD = {word: [index for index, (_, keys, _) in enumerate(_STAGE_PATTERNS) if word in keys]
                   for word in _STAGE_WORDS}
# A fiche is a document: naming one says it exists, as naming a phase says it is under way.
_REACHED_WHEN_NAMED = PHASES | {"BNC-fiche"}
_MEETING = r"(?:informele\s+)?(?:jbz-raad|raad|bijeenkomst|vergadering)"
# Between a verb and its participle: no full stop, except the one of "jl." or "nr.".
_GAP = r"(?:[^.;]|(?<=jl)\.|(?<=nr)\.)"
# Words that make a stage something hoped for or aimed at, not something that happened.
_PLANNED = _Gated(
    r"\bstreeft|\bstreven\b|\bambitie|\bbeoogt|\bbeogen\b|\bhoopt|\bvoornemens|\bnaar verwachting|\bverwacht"
    r"|\bzal\b|\bzullen\b|\bwil(?:len|de)?\b|\bvan belang dat\b|\bop korte termijn|\bte komen\b|\bte bereiken\b"
    r"|\bin te stemmen\b|\bmoet(?:en)?\b|\bkunnen starten|\bbinnenkort|\bzodra\b|\bindien\b|\binzet\b"
    r"|\bafzienbare tijd\b|\bte bewerkstelligen\b|\bvast te stellen\b|\baan te nemen\b|\bte presenteren\b"
    rf"|\b(?:volgende|komende|eerstvolgende)\s+{_MEETING}|\bkomende (?:periode|maanden|tijd)\b"
    r"|\bvoorzien (?:voor|in|op)\b|\b(?:treedt|treden)\b[^.;]{0,40}\bin werking\b",
    ("streeft", "streven", "ambitie", "beoogt", "beogen", "hoopt", "voornemens", "verwacht", "zal", "zullen", "wil",
     "van belang dat", "op korte termijn", "te komen", "te bereiken", "in te stemmen", "moet", "kunnen starten",
     "binnenkort", "zodra", "indien", "inzet", "afzienbare tijd", "te bewerkstelligen", "vast te stellen",
     "aan te nemen", "te presenteren", "volgende", "komende", "voorzien ", "treedt", "treden"))
# Words that say a stage happened (or, for a phase, is under way).
_REACHED = _Gated(
    r"\blopende\b|\bbereikt(?:e|en)?\b|\binstemming van de raad\b|\bingestemd\b|\bstemde(?:n)?\b[^.]{0,60}\bin\b"
    r"|\bwerd(?:en)?\b[^.]{0,80}\b(?:aangenomen|bereikt|vastgesteld|bekrachtigd|gepubliceerd)\b"
    rf"|\b(?:is|zijn|heeft|hebben)\b{_GAP}{{0,120}}\b(?:aangenomen|bereikt|vastgesteld|bekrachtigd|gepubliceerd"
    r"|gegeven|in werking getreden)\b|\bbekrachtigd\b|\bverwelkom(?:t|de|den)\b[^.]{0,80}\b(?:instemming|akkoord|orientatie)"
    r"|\bstelde(?:n)?\b[^.;]{0,80}\bvast\b|\bnam(?:en)?\b[^.;]{0,60}\baan\b"
    r"|\bsprake (?:was|is) van (?:unanimiteit|overeenstemming|een (?:gekwalificeerde )?meerderheid)"
    r"|\b(?:bestaat|bestond|was)\b[^.;]{0,20}\b(?:gekwalificeerde )?meerderheid voor"
    r"|\bmeerderheid (?:bestaat|bestond|is|was) voor"
    r"|\b(?:publiceerde|presenteerde|gepresenteerd|ingediend|indiende|diende)\b|\bkwam(?:en)?\b[^.;]{0,30}\bmet\b"
    r"|\bgaf een presentatie\b|\btitel voorstel\b",
    # Of a verb and its participle, the participle.
    ("lopende", "bereikt", "instemming van de raad", "ingestemd", "stemde", "aangenomen", "vastgesteld", "bekrachtigd",
     "gepubliceerd", "gegeven", "in werking getreden", "verwelkom", "stelde", "nam", "sprake ", "meerderheid",
     "publiceerde", "presenteerde", "gepresenteerd", "ingediend", "diende", "kwam", "gaf een presentatie",
     "titel voorstel"))
# Words that make even a reached-sounding sentence an aim.
_AIM = _Gated(rf"\bstreeft|\bambitie|\bbeoogt|\bbeoogde\b|\bhoopt|\b(?:volgende|eerstvolgende)\s+{_MEETING}"
              r"|\bzodra\b|\bindien\b", ("streeft", "ambitie", "beoog", "hoopt", "volgende", "zodra", "indien"))
# What is adopted, published or in force must be the file, not Council conclusions or an act of the
# Commission's own (an implementing or delegated act).
_NOT_THE_FILE = _Gated(r"\bconclusies?\b|\buitvoerings(?:handeling|besluit|verordening)|\bgedelegeerde\b",
                       ("conclusie", "uitvoerings", "gedelegeerde"))
_LATE_MILESTONES = {"formele aanname", "bekendmaking", "inwerkingtreding"}
_FILE_WORDS = re.compile(r"\bverordening|\brichtlijn|\bvoorstel|\bwetgev|\bregels\b|\bakkoord\b")
# Where a sentence splits into clauses that each may claim a rung.
_CLAUSE_END = _Gated(r";\s+|,\s+(?=waarbij\b)", (";", "waarbij"))


def stages_named(folded: str, words: list[str] | None = None) -> list[tuple[str, int]]:
    """Return (stage, offset) for every stage a folded sentence names, highest stage first.

    `words`: the stage words `_STAGE_WORD.findall(folded)` gives, when already known.
    """
    if words is None:
        words = _STAGE_WORD.findall(folded)
    candidates = sorted({index for word in words for index in _STAGES_OF_WORD[word]})
    return [(_STAGE_PATTERNS[index][0], match.start()) for index in candidates
            if (match := _STAGE_PATTERNS[index][2].search(folded))]


def _names_the_file(name: str, folded: str) -> bool:
    """Return whether a late milestone is said of the file, not of conclusions or a Commission act."""
    if name not in _LATE_MILESTONES:
        return True
    return not _NOT_THE_FILE.search(folded) or bool(_FILE_WORDS.search(_NOT_THE_FILE.pattern.sub("", folded)))


def _clause_claim(clause: str, folded: str, letter_date: dt.date | None, aim: bool = False,
                  words: list[str] | None = None) -> StageClaim | None:
    """Return the claim one clause makes (its evidence is filled in by the caller); `aim` when the
    clause says what a coming meeting is to do."""
    named = [(name, at) for name, at in stages_named(folded, words) if _names_the_file(name, folded)]
    if not named:
        return None
    marker = None if aim else _REACHED.search(folded)
    reached = bool(marker) and not _AIM.search(folded)
    if reached:
        # "overeenstemming bereikt over een algemene oriëntatie, waarmee … triloogonderhandelingen":
        # what was reached is the milestone named next to the word that says so.
        milestones = [n for n in named if n[0] not in PHASES] or named
        name = min(milestones, key=lambda n: abs(n[1] - marker.start()))[0]
    else:
        name = named[0][0]
    planned = aim or (not reached and bool(_PLANNED.search(folded) or _AIM.search(folded)))
    if not reached and not planned and name not in _REACHED_WHEN_NAMED:
        # A milestone merely named ("de discussie over de Raadsposities"): the work under way is the claim.
        under_way = [n for n, _ in named if n in _REACHED_WHEN_NAMED]
        if not under_way:
            return None
        name = under_way[0]
    status = "planned" if planned else "reached"
    reference = meeting_reference(clause, letter_date, folded, dict(named).get(name, 0))
    if status == "reached" and reference is not None and reference.kind in ("previous", "date", "month"):
        status = "reported"
    return StageClaim(name, status, clause, reference)


# An agenda's decision line ("= Beleidsdebat, gedeeltelijke algemene oriëntatie") says what the
# meeting is to do: each of its decisions is planned.
_DECISION_LINE = re.compile(r"\s*=\s")
_DECISION_END = re.compile(r"[,;]\s+|\s+en\s+")


def _clauses(folded: str, ends: re.Pattern | _Gated = _CLAUSE_END) -> list[tuple[int, int]]:
    cuts = [match.end() for match in ends.finditer(folded)]
    return list(zip([0, *cuts], [*cuts, len(folded)]))


def claims_of(sentence: str, letter_date: dt.date | None, folded: str | None = None,
              hits: list[tuple[int, int, str]] | None = None) -> list[StageClaim]:
    """Return the stage claims of one sentence, one per clause that claims a different rung, each
    with the whole sentence as evidence. `hits`: the stage words of `folded` as `_stage_words_at`
    finds them (offsets into `folded`), when already known."""
    folded = folded if folded is not None else fold(sentence)
    aim = bool(_DECISION_LINE.match(folded))
    found: list[StageClaim] = []
    for start, end in _clauses(folded, _DECISION_END if aim else _CLAUSE_END):
        words = None if hits is None else _words_read(hits, start, end)
        if words == []:
            continue
        stated = _clause_claim(sentence[start:end], folded[start:end], letter_date, aim, words)
        if stated is not None and all(stated.name != other.name for other in found):
            stated.evidence = sentence
            found.append(stated)
    return found


def claim(sentence: str, letter_date: dt.date | None, folded: str | None = None) -> StageClaim | None:
    """Return the stage claim a sentence makes (its first clause's), with its status and the meeting
    it refers to.

    A milestone counts as reached only when the sentence says so ("werd … aangenomen", "de
    instemming van de Raad met …"); merely naming one ("voor de inwerkingtreding van het Pact")
    claims nothing. A phase of work is under way unless the sentence plans it.
    """
    found = claims_of(sentence, letter_date, folded)
    return found[0] if found else None


_PREVIOUS = re.compile(r"\b(?:vorige|afgelopen|laatste)\s+(?:informele\s+)?(?:jbz-raad|raad|bijeenkomst)"
                       r"(?:\s+(?:in|van)\s+([a-z]+))?")
_NEXT = re.compile(r"\b(?:volgende|komende|eerstvolgende)\s+(?:informele\s+)?(?:jbz-raad|raad|bijeenkomst)")
_DIGIT = re.compile(r"\d")


def meeting_reference(sentence: str, letter_date: dt.date | None,
                      folded: str | None = None, near: int = 0) -> MeetingReference | None:
    """Return the other meeting a sentence speaks of: the previous, the next, or one on a date (of
    several, the one nearest offset `near`, where the stage is named)."""
    folded = folded if folded is not None else fold(sentence)
    # Cheap tests first: each pattern needs one of these words, every date a digit.
    if ("vorige" in folded or "afgelopen" in folded or "laatste" in folded) and (match := _PREVIOUS.search(folded)):
        month = dates.MONTH_NAMES_NL.index(match.group(1)) + 1 if match.group(1) in dates.MONTH_NAMES_NL else None
        return MeetingReference("previous", month=month)
    has_digit = _DIGIT.search(sentence) is not None
    ranges = dates.find_date_ranges(sentence, letter_date) if has_digit else []
    # A sentence glued to the heading before it ("Den Haag, 31 oktober 2017 Verslag …") holds other dates.
    ranges.sort(key=lambda r: abs(r.pos - near))
    if ("volgende" in folded or "komende" in folded) and _NEXT.search(folded):
        return MeetingReference("next", day=ranges[0].start if ranges else None)
    if ranges:
        return MeetingReference("date", day=ranges[0].start)
    if has_digit and (match := _COUNCIL_OF_MONTH.search(folded)):
        return MeetingReference("month", month=dates.MONTH_NAMES_NL.index(match.group(1)) + 1,
                                year=int(match.group(2)))
    return None


_COUNCIL_OF_MONTH = re.compile(r"\b(?:jbz-raad|raad|bijeenkomst)\s+(?:van|in)\s+(" + "|".join(dates.MONTH_NAMES_NL)
                               + r")\s+(\d{4})\b")


# Stage words that share a part seldom found alone are looked for by that part: one search of the
# text finds them all ("akkoord" finds "deelakkoord" and "gedeeltelijk akkoord"). Earlier parts first.
_SHARED_PARTS = ("akkoord", "spr", "publ", "dien", "compromis", "voorge", "stel", "present", "forme", "bek", "raads",
                 "toe", "kom", "uitg", "n voor")
_WORDS_OF_PART: dict[str, list[tuple[str, int]]] = {}
for _word in _STAGE_WORDS:
    _part = next((part for part in _SHARED_PARTS if part in _word), _word)
    _WORDS_OF_PART.setdefault(_part, []).append((_word, _word.index(_part)))


def _stage_words_at(folded: str) -> list[tuple[int, int, str]]:
    """Return (offset, -length, word) for every place a stage word occurs in a folded text, overlaps
    included, in order of offset, the longest word first."""
    # A plain substring search per part is several times faster than one pattern of all words.
    hits = []
    for part, words in _WORDS_OF_PART.items():
        at = folded.find(part)
        while at != -1:
            for word, offset in words:
                if at >= offset and folded.startswith(word, at - offset):
                    hits.append((at - offset, -len(word), word))
            at = folded.find(part, at + 1)
    hits.sort()
    return hits


def _words_read(hits: list[tuple[int, int, str]], start: int, end: int) -> list[str]:
    """Return the stage words `_STAGE_WORD.findall` reads in `folded[start:end]`, given the text's
    `_stage_words_at`: left to right, the longest at each place, none overlapping the one before."""
    words = []
    for at, minus_length, word in hits:
        if at >= start and at - minus_length <= end:
            words.append(word)
            start = at - minus_length
    return words


# A BNC letter lists its fiches in one run without full stops ("Fiche 2: Verordening … (Kamerstuk
# 22 112, nr. 1237) Fiche 3: …"); a report lists what the Council adopted as bullets under one
# lead-in ("heeft de Raad de volgende instrumenten aangenomen: • … (algemene oriëntatie); • …").
_FICHE = re.compile(r"\bfiche(?: \d+)?:")
_FICHE_END = re.compile(r"\(kamerstuk[^)]{0,40}\)")
_BULLET = re.compile(r"\s*[•▪●]\s*")


def _segments(sentence: str, folded: str) -> list[tuple[str, str, int | None]]:
    """Return the parts of a sentence that claim on their own: each listed fiche, each bullet with
    its lead-in; else the sentence itself. Each as (text, folded text, where the folded text starts
    in `folded`, or None when it is pieced together)."""
    fiches = [match.start() for match in _FICHE.finditer(folded)] if "fiche" in folded else []
    if fiches:
        parts = [(0, fiches[0])] if folded[:fiches[0]].strip() else []
        for start, end in zip(fiches, [*fiches[1:], len(folded)]):
            closing = _FICHE_END.search(folded, start, end)
            parts.append((start, closing.end() if closing else end))
        return [(sentence[a:b].strip(), folded[a:b].strip(), a + _leading_space(folded[a:b])) for a, b in parts]
    bullets = list(_BULLET.finditer(folded)) if "•" in folded or "▪" in folded or "●" in folded else []
    if len(bullets) >= 2 or (bullets and bullets[0].start() > 0):
        lead = sentence[:bullets[0].start()].strip()
        ends = [b.start() for b in bullets[1:]] + [len(folded)]
        return [(f"{lead} {sentence[b.end():end].strip()}".strip(), f"{fold(lead)} {folded[b.end():end].strip()}".strip(),
                 None) for b, end in zip(bullets, ends)]
    return [(sentence, folded, 0)]


def _leading_space(text: str) -> int:
    return len(text) - len(text.lstrip())


_NUMBER_ABBREVIATION = re.compile(r"\bnr\.\s*$")


def _claim_bounds(text: str) -> list[int]:
    """Return the sentence bounds of a text, without the false end after "nr." ("(Kamerstuk 22 112,
    nr. 1237)")."""
    bounds = list(sentence_bounds(text))
    # Only an end three to eight characters after an "nr." can be one (the first and last stay).
    false_ends = set()
    at = text.find("nr.")
    while at != -1:
        for index in range(bisect.bisect_left(bounds, at + 3, 1, len(bounds) - 1),
                           bisect.bisect_right(bounds, at + 8, 1, len(bounds) - 1)):
            if _NUMBER_ABBREVIATION.search(text, max(0, bounds[index] - 8), bounds[index]):
                false_ends.add(index)
        at = text.find("nr.", at + 1)
    for index in sorted(false_ends, reverse=True):
        del bounds[index]
    return bounds


def claims_in(text: str, letter_date: dt.date | None) -> list[StageClaim]:
    """Return the stage claims the sentences of a passage make, in order (each with its sentence)."""
    folded = fold(text)
    hits = _stage_words_at(folded)
    if not hits:
        return []
    # Only the sentences holding a stage word are read; the rest cannot claim a stage. No stage
    # word spans a sentence's end (none holds a full stop or starts with a space).
    bounds = _claim_bounds(text)
    hits_of_sentence: list[tuple[int, list[tuple[int, int, str]]]] = []
    end = 0
    for hit in hits:
        if hit[0] >= end:
            index = bisect.bisect_right(bounds, hit[0]) - 1
            end = bounds[index + 1]
            hits_of_sentence.append((index, []))
        hits_of_sentence[-1][1].append(hit)
    found = []
    for index, sentence_hits in hits_of_sentence:
        start, end = bounds[index], bounds[index + 1]
        # Where the folded sentence starts once stripped (the text is stripped on its own).
        folded_start = start + _leading_space(folded[start:end])
        for segment, folded_segment, at in _segments(text[start:end].strip(), folded[start:end].strip()):
            segment_hits = None if at is None else [(offset - folded_start - at, minus_length, word)
                                                    for offset, minus_length, word in sentence_hits]
            found += claims_of(segment, letter_date, folded_segment, segment_hits)
    return found
