"""Document -> passages: the stretches of a letter that are searched and tracked, each with the
stage claims its sentences make and the EU files it names. Read once, with the letter, so that `jbz track` never has to.

Every word of the letter is in exactly one passage: an item, a cover topic, a section, the
letter's own text, or a footnote.
"""
from __future__ import annotations

import bisect

from jbz.fold import fold
from jbz.language.claims import claims_in
from jbz.language.names import mentions_in, names_in
from jbz.model import Document, Passage


def passages_of(doc: Document) -> list[Passage]:
    """Return the passages of a letter in reading order, their stage claims read."""
    passages = [*_cover_passages(doc), *_agenda_passages(doc), *_section_passages(doc)]
    if doc.letter_text.strip():
        passages.append(Passage("letter", "letter", "", None, doc.letter_text.strip()))
    # A claim's date words ("op 8 december jl.") count from the letter's date, else the meeting's.
    letter_date = doc.letter_date or (doc.meeting.start if doc.meeting else None)
    for passage in passages:
        folded = fold(passage.text)
        passage.claims = claims_in(passage.text, letter_date, folded)
        passage.mentions, passage.definitions = names_in(passage.text, folded)
        passage.claim_files = _claim_files(passage)
        if passage.kind in ("section", "cover") and passage.title:
            _read_title(passage, letter_date)
    passages += [Passage("footnote", f"footnote {note.number}", "", None, note.text) for note in doc.footnotes]
    return passages


def _read_title(passage: Passage, letter_date) -> None:
    """Add what a section's or cover topic's heading says on its own to the passage: the files it names,
    and, where the text under it claims nothing, its claims (a headline such as "Mogelijk akkoord
    herziening detacheringsrichtlijn" or a fiche's "Fiche: Verordening …" is the only statement).
    A heading is read apart from the text: never part of the sentence below."""
    passage.title_mentions = mentions_in(passage.title)
    if passage.claims:
        return  # the text says it, with its dates; a headline's summary would only restate it undated
    for found in claims_in(passage.title, letter_date):
        start, end = found.scope or (0, len(found.evidence))
        passage.claims.append(found)
        passage.claim_files.append(list(dict.fromkeys(
            mention.key for mention in passage.title_mentions if mention.start < end and mention.end > start)))


def _claim_files(passage: Passage) -> list[list[str]]:
    """Return, for each of a passage's claims, the keys of the files it is about (see `_files_claimed`)."""
    if not passage.mentions:
        return [[] for _ in passage.claims]
    # The mentions are in text order and so are the claims' sentences: each claim's sentence is
    # looked for from the one before it, and its mentions found by bisection, so that a letter of
    # many megabytes is read in linear time.
    starts = [mention.start for mention in passage.mentions]
    files = []
    since = 0
    for found in passage.claims:
        at = passage.text.find(found.evidence, since)
        if at < 0:
            at = passage.text.find(found.evidence)
        files.append(_files_claimed(passage, found, at, starts))
        since = max(at, since)
    return files


def _files_claimed(passage: Passage, found, at: int, starts: list[int]) -> list[str]:
    """Return the keys of the files a claim whose sentence stands at `at` (-1: nowhere) is about:
    those the passage names inside the claim's scope (its sentence where it has none)."""
    start, end = found.scope or (0, len(found.evidence))
    if at < 0:  # a sentence pieced together (a bullet with its lead-in): read its names anew
        names = mentions_in(found.evidence)
    else:
        stop = at + len(found.evidence)
        inside = passage.mentions[bisect.bisect_left(starts, at):bisect.bisect_left(starts, stop)]
        names = [mention for mention in inside if mention.end <= stop]
        start, end = start + at, end + at
    return list(dict.fromkeys(mention.key for mention in names if mention.start < end and mention.end > start))


def _cover_passages(doc: Document) -> list[Passage]:
    # One passage per cover topic (so a topic titled after a dossier counts whole), and the opening.
    passages = [Passage("cover", "cover", "", None, doc.cover_text.strip())] if doc.cover_text.strip() else []
    return passages + [Passage("cover", "cover", topic.title, None, topic.body) for topic in doc.cover_topics]


def _section_passages(doc: Document) -> list[Passage]:
    # A section's text opens with its subject ("Eurodac: De Raad bereikte …"), so its claims read whole;
    # a headed section keeps its heading as its title.
    return [Passage("section", section.title, "" if section.body.startswith(section.title) else section.title,
                    None, section.body) for section in doc.sections]


def _agenda_passages(doc: Document) -> list[Passage]:
    passages = []
    for part in doc.parts:
        if part.intro or part.title:
            passages.append(Passage("part", part.title, part.title, None, part.intro))
        for item in part.items:
            where = f"{part.title}.{item.number}" if part.title else item.number
            passages.append(Passage("item", where, item.title, item.label, item.body, item))
            passages += [Passage("subitem", f"{where}.{sub.number}", sub.title, sub.label, sub.body, sub)
                         for sub in item.subitems]
    return passages
