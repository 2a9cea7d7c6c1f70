"""Reading a sentence's stage claim: the stage it names, whether that stage is planned or
reached, which meeting it speaks of. Done once per passage when a letter is indexed.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re

from jbz import dates
from jbz.fold import fold
from jbz.sentences import sentence_bounds
from jbz.stages import PHASES, MeetingReference, StageClaim

# Patterns over folded text (lower case, no diacritics), highest stage first: a sentence names
# the highest rung it mentions. Each pattern comes with words one of which every match contains:
# a substring test rules most sentences out far faster than the pattern can.
_STAGE_PATTERNS: list[tuple[str, tuple[str, ...], re.Pattern]] = [
    (name, keys, re.compile(pattern)) for name, keys, pattern in [
        ("inwerkingtreding", ("werking", "toepassing"),
         r"\bin werking (?:ge)?tre|\binwerkingtreding\b|\bvan toepassing (?:worden|is|zijn|wordt)"),
        ("bekendmaking", ("publicatieblad", "bekend"), r"\bpublicatieblad\b|\bbekendgemaakt\b|\bbekendmaking\b"),
        ("formele aanname", ("bekrachtig", "formee", "formele", "definitief"),
         r"\bbekrachtig|\bformeel (?:aangenomen|akkoord|vastgesteld)|\bformele (?:aanname|goedkeuring)"
         r"|\bdefinitief aangenomen"),
        ("voorlopig akkoord", ("akkoord",),
         r"\bvoorlopig (?:politiek )?akkoord|\btriloogakkoord|\bakkoord (?:bereikt )?met het europees"
         r" parlement|\bpolitiek akkoord (?:bereikt )?met het europees parlement"),
        ("onderhandelingen met het Europees Parlement", ("trilo", "onderhandel"),
         r"\btriloog|\btrilogen\b|\bonderhandelingen\b[^.]{0,80}\bmet het europees parlement"
         r"|\bmet het europees parlement[^.]{0,40}\bonderhandel"),
        ("algemene oriëntatie", ("orientatie", "mandaat", "raadspositie"),
         r"\balgemene orientatie|\braadsmandaat\b|\bonderhandelingsmandaat\b|\braadspositie\b"),
        ("onderhandelingen in de Raad", ("onderhandel", "compromisvoorstel", "raadswerkgroep"),
         r"\bonderhandeling|\bcompromisvoorstel|\braadswerkgroep"),
        ("BNC-fiche", ("bnc-fiche",), r"\bbnc-fiche"),
        ("Commissievoorstel", ("commissievoorstel", "voorgesteld", "presenteerde"),
         r"\bcommissievoorstel\b|\bheeft de (?:europese )?commissie [^.]{0,60}\bvoorgesteld"
         r"|\bpresenteerde de commissie\b"),
    ]]
_STAGE_WORDS = tuple(dict.fromkeys(key for _, keys, _ in _STAGE_PATTERNS for key in keys))
# All those words in one pattern (longest first), and which stages each one may stand for.
_STAGE_WORD = re.compile("|".join(re.escape(word) for word in sorted(_STAGE_WORDS, key=len, reverse=True)))
_STAGES_OF_WORD = {word: [index for index, (_, keys, _) in enumerate(_STAGE_PATTERNS) if word in keys]
                   for word in _STAGE_WORDS}
# Words that make a stage something hoped for or aimed at, not something that happened.
_PLANNED = re.compile(
    r"\bstreeft|\bstreven\b|\bambitie|\bbeoogt|\bbeogen\b|\bhoopt|\bvoornemens|\bnaar verwachting|\bverwacht"
    r"|\bzal\b|\bzullen\b|\bwil(?:len|de)?\b|\bvan belang dat\b|\bop korte termijn|\bte komen\b|\bte bereiken\b"
    r"|\bin te stemmen\b|\bmoet(?:en)?\b|\bkunnen starten|\bvolgende\b|\bkomende\b|\bbinnenkort|\bzodra\b"
    r"|\bindien\b")
# Words that say a stage happened (or, for a phase, is under way).
_REACHED = re.compile(
    r"\blopende\b|\bbereikt(?:e|en)?\b|\binstemming van de raad\b|\bingestemd\b|\bstemde(?:n)?\b[^.]{0,60}\bin\b"
    r"|\bwerd(?:en)?\b[^.]{0,80}\b(?:aangenomen|bereikt|vastgesteld|bekrachtigd|gepubliceerd)\b"
    r"|\b(?:is|zijn|heeft|hebben)\b[^.]{0,60}\b(?:aangenomen|bereikt|vastgesteld|bekrachtigd|gepubliceerd"
    r"|in werking getreden)\b|\bbekrachtigd\b|\bverwelkom(?:t|de|den)\b[^.]{0,80}\b(?:instemming|akkoord|orientatie)")
# Words that make even a reached-sounding sentence an aim.
_AIM = re.compile(r"\bstreeft|\bambitie|\bbeoogt|\bbeoogde\b|\bhoopt|\bvolgende\b|\bzodra\b|\bindien\b")


def stages_named(folded: str) -> list[tuple[str, int]]:
    """Return (stage, offset) for every stage a folded sentence names, highest stage first."""
    candidates = sorted({index for word in _STAGE_WORD.findall(folded) for index in _STAGES_OF_WORD[word]})
    return [(_STAGE_PATTERNS[index][0], match.start()) for index in candidates
            if (match := _STAGE_PATTERNS[index][2].search(folded))]


def claim(sentence: str, letter_date: dt.date | None, folded: str | None = None) -> StageClaim | None:
    """Return the stage claim a sentence makes, with its status and the meeting it refers to.

    A milestone counts as reached only when the sentence says so ("werd … aangenomen", "de
    instemming van de Raad met …"); merely naming one ("voor de inwerkingtreding van het Pact")
    claims nothing. A phase of work is under way unless the sentence plans it.
    """
    folded = folded if folded is not None else fold(sentence)
    named = stages_named(folded)
    if not named:
        return None
    marker = _REACHED.search(folded)
    reached = bool(marker) and not _AIM.search(folded)
    # "overeenstemming bereikt over een algemene oriëntatie, waarmee … triloogonderhandelingen":
    # what was reached is the stage named next to the word that says so.
    name = min(named, key=lambda n: abs(n[1] - marker.start()))[0] if reached else named[0][0]
    planned = not reached and bool(_PLANNED.search(folded) or _AIM.search(folded))
    if planned:
        status = "planned"
    elif reached or name in PHASES:
        status = "reached"
    else:
        return None
    reference = meeting_reference(sentence, letter_date, folded)
    if status == "reached" and reference is not None and reference.kind in ("previous", "date", "month"):
        status = "reported"
    return StageClaim(name, status, sentence, reference)


_PREVIOUS = re.compile(r"\b(?:vorige|afgelopen|laatste)\s+(?:informele\s+)?(?:jbz-raad|raad|bijeenkomst)"
                       r"(?:\s+(?:in|van)\s+([a-z]+))?")
_NEXT = re.compile(r"\b(?:volgende|komende|eerstvolgende)\s+(?:informele\s+)?(?:jbz-raad|raad|bijeenkomst)")
_DIGIT = re.compile(r"\d")


def meeting_reference(sentence: str, letter_date: dt.date | None,
                      folded: str | None = None) -> MeetingReference | None:
    """Return the other meeting a sentence speaks of: the previous, the next, or one on a date."""
    folded = folded if folded is not None else fold(sentence)
    # Cheap tests first: each pattern needs one of these words, every date a digit.
    if any(word in folded for word in ("vorige", "afgelopen", "laatste")) and (match := _PREVIOUS.search(folded)):
        month = dates.MONTH_NAMES_NL.index(match.group(1)) + 1 if match.group(1) in dates.MONTH_NAMES_NL else None
        return MeetingReference("previous", month=month)
    has_digit = _DIGIT.search(sentence) is not None
    ranges = dates.find_date_ranges(sentence, letter_date) if has_digit else []
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


def _stage_word_offsets(folded: str) -> list[int]:
    # A plain substring search per word is several times faster than one pattern of them all.
    offsets = []
    for word in _STAGE_WORDS:
        at = folded.find(word)
        while at != -1:
            offsets.append(at)
            at = folded.find(word, at + 1)
    return offsets


def claims_in(text: str, letter_date: dt.date | None) -> list[StageClaim]:
    """Return the stage claims the sentences of a passage make, in order (each with its sentence)."""
    folded = fold(text)
    hits = _stage_word_offsets(folded)
    if not hits:
        return []
    # Only the sentences holding a stage word are read; the rest cannot claim a stage.
    bounds = sentence_bounds(text)
    found = []
    for index in sorted({bisect.bisect_right(bounds, hit) - 1 for hit in hits}):
        start, end = bounds[index], bounds[index + 1]
        stated = claim(text[start:end].strip(), letter_date, folded[start:end].strip())
        if stated is not None:
            found.append(stated)
    return found
