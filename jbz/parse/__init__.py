"""Plain text -> Document: the reading of one JBZ-Raad letter, as a pipeline of named steps.

lines (footnotes taken out by their markers) -> blocks (paragraphs joined by content, so layout
does not matter) -> header -> heading -> cover letter -> agenda. Every block lands somewhere: in
an item, a cover topic, a section, or the letter's own text.
"""
from __future__ import annotations

import hashlib
import re

from jbz.fold import fold
from jbz.model import CoverTopic, Document, Evidence
from jbz.parse.agenda import parse_agenda
from jbz.parse.blocks import join_blocks
from jbz.parse.header import quote_in, quote_of, read_header
from jbz.parse.letter import COMMITTEE, doc_type_of, find_heading, read_cover, read_heading, read_meeting, read_signatories
from jbz.parse.lines import RUNNING_HEADER, Line, take_footnotes


#: Bumped whenever the reading of a letter changes, so `jbz index` reads unchanged files again.
PARSER_VERSION = "14"  # 14: no title of an infinitive's object or of several files together


def parse_letter(text: str) -> Document:
    """Return the Document read off the text of one letter; never raises on odd text."""
    lines, footnotes = take_footnotes(text)
    blocks = join_blocks(lines)
    header = read_header(blocks)
    heading_at = find_heading(blocks, header.first_body_line)
    heading = read_heading(blocks, heading_at) if heading_at is not None else None
    cover_blocks = blocks[header.first_body_line:heading_at if heading is not None else len(blocks)]
    cover_text = " ".join(block.text for block in cover_blocks)
    doc = Document(kamerstuk=header.kamerstuk, chamber=header.chamber, letter_date=header.letter_date,
                   footnotes=footnotes, cover_text=cover_text, evidence=dict(header.evidence))
    unplaced = [block.text for block in blocks[:header.first_body_line]]
    committee = _committee_block(blocks[:max(header.first_body_line, 8)])
    doc.doc_type = "other" if committee else doc_type_of(heading, cover_text, header.letter_date)
    _infer_dossier(doc, header)
    if doc.doc_type == "other":
        _note_type(doc, committee or (blocks[0] if blocks else None))
        cover = read_cover(cover_blocks + (blocks[heading_at:] if heading is not None else []))
        doc.sections = _sections(cover.opening) + cover.topics
        rest = [text for text in cover.opening if not _subject(text)]
        doc.letter_text = _joined(unplaced + rest + cover.closing)
        doc.cover_text = ""  # an `other` document's text is in its sections and its own text, once
        return doc
    reading = read_meeting(heading, cover_text, header.letter_date, doc.warnings)
    if reading is not None:
        doc.meeting = reading.meeting
        _note_meeting(doc, reading, blocks)
    doc.signatories = read_signatories(cover_blocks)
    cover = read_cover(cover_blocks, with_topics=heading is not None)
    doc.cover_text, doc.cover_topics = _joined(cover.opening), cover.topics
    unplaced += cover.closing
    if heading is not None:
        unplaced.append(heading.text)
        doc.parts, preamble = parse_agenda(blocks[heading.end:])
        doc.sections = _sections(preamble)
        unplaced += [text for text in preamble if not _subject(text)]
    doc.letter_text = _joined(unplaced)
    return doc


def _committee_block(blocks: list[Line]) -> Line | None:
    """Return the block that names the document a committee's (a report of its debate, its questions)."""
    return next((block for block in blocks if COMMITTEE.search(block.text)), None)


def _infer_dossier(doc: Document, header) -> None:
    """Give a JBZ letter that prints only its number ("Nr. 978") the JBZ-Raad dossier of its year:
    32317 since 2010, 23490 before."""
    if header.number is None or header.kamerstuk is not None or doc.doc_type == "other":
        return
    year = doc.letter_date.year if doc.letter_date else None
    doc.kamerstuk = f"{'23490' if year and year < 2010 else '32317'}-{header.number}"
    doc.inferred.append("kamerstuk")


def _note_type(doc: Document, block: Line | None) -> None:
    if block is not None:
        doc.evidence["doc_type"] = Evidence(quote_of(block))


def _note_meeting(doc: Document, reading, blocks: list[Line]) -> None:
    """Record the text that named the meeting as the evidence of its fields."""
    span = quote_in(blocks, reading.span or reading.text)
    for name in ("doc_type", "meeting_start", "meeting_end", "informal") + (("location",) if doc.meeting.location else ()):
        doc.evidence[name] = Evidence(span)
    if reading.place_span:  # the heading named the dates, the cover letter the place
        doc.evidence["location"] = Evidence(quote_in(blocks, reading.place_span))
    if reading.inferred:
        doc.inferred += ["meeting_start", "meeting_end"]


_SUBJECT = re.compile(r"^([A-Z][^:.!?]{1,80}?):\s+(?=\S)")


def _subject(text: str) -> str | None:
    """Return the subject of an "Onderwerp: tekst" paragraph ("Eurodac: De Raad bereikte …")."""
    match = _SUBJECT.match(text)
    return match.group(1) if match and len(match.group(1).split()) <= 10 else None


def _sections(texts: list[str]) -> list[CoverTopic]:
    """Return the "Onderwerp: tekst" paragraphs among `texts` as sections titled by their subject."""
    return [CoverTopic(subject, text) for text in texts if (subject := _subject(text))]


def _joined(texts: list[str]) -> str:
    return " ".join(text for text in texts if text)


def identity_of(doc: Document, text: str) -> str | None:
    """Return what makes two files the same letter: its Kamerstuk, else its fingerprint.

    The same letter saved as PDF, Word and text has the same words in the same order, though
    its bytes and layout differ.
    """
    if doc.kamerstuk:
        return f"kamerstuk:{doc.kamerstuk}"
    return fingerprint(doc)


def fingerprint(doc: Document) -> str | None:
    """Return a hash of the opening words of the letter's body (letters only, folded), or None
    for a letter without text; layout, page furniture and footnotes do not change it."""
    body = " ".join([doc.cover_text, *(t.title + " " + t.body for t in doc.cover_topics),
                     *(s.title + " " + s.body for s in doc.sections), doc.letter_text])
    # 400 words lie well within the opening 40,000 characters; a huge letter is not folded whole.
    words = re.findall(r"[^\W\d_]+", fold(body[:40_000]))
    if not words:
        return None  # a scan without text: nothing but its bytes tells it apart
    return "text:" + hashlib.sha256(" ".join(words[:400]).encode()).hexdigest()


def kamerstuk_in_furniture(lines: list[str]) -> str | None:
    """Return the Kamerstuk a PDF's running header or footer prints, "32317-995", or None."""
    for line in lines:
        if match := RUNNING_HEADER.match(line.strip()):
            return f"{match.group(4).replace(' ', '')}-{match.group(5)}"
    return None


__all__ = ["parse_letter", "identity_of", "fingerprint", "kamerstuk_in_furniture", "PARSER_VERSION", "Line"]
