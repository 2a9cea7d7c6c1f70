"""Plain text -> Document: the reading of one JBZ-Raad letter, as a pipeline of named steps.

lines (footnotes taken out by their markers) -> blocks (paragraphs joined by content, so layout
does not matter) -> header -> heading -> cover letter -> agenda. Every block lands somewhere: in
an item, a cover topic, a section, or the letter's own text.
"""
from __future__ import annotations

import hashlib
import re

from jbz.fold import fold
from jbz.model import CoverTopic, Document
from jbz.parse.agenda import is_label, parse_agenda
from jbz.parse.blocks import join_blocks
from jbz.parse.letter import (doc_type_of, find_heading, read_cover, read_header, read_heading,
                              read_meeting, read_signatories)
from jbz.parse.lines import RUNNING_HEADER, Line, take_footnotes


#: Bumped whenever the reading of a letter changes, so `jbz index` reads unchanged files again.
PARSER_VERSION = "8"


def parse_letter(text: str) -> Document:
    """Return the Document read off the text of one letter; never raises on odd text."""
    lines, footnotes = take_footnotes(text)
    blocks = join_blocks(lines, is_label)
    header = read_header(blocks)
    heading_at = find_heading(blocks, header.first_body_line)
    heading = read_heading(blocks, heading_at) if heading_at is not None else None
    cover_blocks = blocks[header.first_body_line:heading_at if heading is not None else len(blocks)]
    cover_text = " ".join(block.text for block in cover_blocks)
    doc = Document(kamerstuk=header.kamerstuk, chamber=header.chamber, letter_date=header.letter_date,
                   footnotes=footnotes, cover_text=cover_text)
    unplaced = [block.text for block in blocks[:header.first_body_line]]
    doc.doc_type = doc_type_of(heading, cover_text)
    if doc.doc_type == "other":
        cover = read_cover(cover_blocks + (blocks[heading_at:] if heading is not None else []))
        doc.sections = _sections(cover.opening) + cover.topics
        rest = [text for text in cover.opening if not _subject(text)]
        doc.letter_text = _joined(unplaced + rest + cover.closing)
        return doc
    doc.meeting = read_meeting(heading, cover_text, header.letter_date, doc.warnings)
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
    words = re.findall(r"[^\W\d_]+", fold(body))
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
