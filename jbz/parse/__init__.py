"""Plain text -> Document: the reading of one JBZ-Raad letter, as a pipeline of named steps."""
from __future__ import annotations

import hashlib
import re

from jbz.fold import fold
from jbz.model import Document
from jbz.parse.agenda import parse_agenda
from jbz.parse.letter import (doc_type_of, find_heading, read_cover_topics, read_header, read_heading,
                              read_meeting, read_signatories)
from jbz.parse.lines import RUNNING_HEADER, join_lines, take_footnotes


#: Bumped whenever the reading of a letter changes, so `jbz index` reads unchanged files again.
PARSER_VERSION = "7"


def parse_letter(text: str) -> Document:
    """Return the Document read off the text of one letter; never raises on odd text."""
    body, footnotes = take_footnotes(text)
    header = read_header(body)
    heading_at = find_heading(body, header.first_body_line)
    heading = read_heading(body, heading_at) if heading_at is not None else None
    cover_lines = body[header.first_body_line:heading_at if heading_at is not None else len(body)]
    if heading is None:
        cover_lines = body[header.first_body_line:]
    cover_text = join_lines([line.text for line in cover_lines])
    doc = Document(kamerstuk=header.kamerstuk, chamber=header.chamber, letter_date=header.letter_date,
                   footnotes=footnotes, cover_text=cover_text)
    doc.doc_type = doc_type_of(heading, cover_text)
    if doc.doc_type == "other":
        return doc
    doc.meeting = read_meeting(heading, cover_text, header.letter_date, doc.warnings)
    doc.signatories = read_signatories(cover_lines)
    doc.cover_topics = read_cover_topics(cover_lines) if heading is not None else []
    if heading is not None:
        doc.parts = parse_agenda(body[heading.end:])
    return doc


def identity_of(doc: Document, text: str) -> str | None:
    """Return what makes two files the same letter: its Kamerstuk, else its reading, else its words.

    The same letter saved as PDF, Word and text reads the same, though its bytes and layout differ.
    """
    if doc.kamerstuk:
        return f"kamerstuk:{doc.chamber or ''}:{doc.kamerstuk}"
    if doc.doc_type != "other":
        reading = [doc.doc_type, str(doc.letter_date), str(doc.meeting and doc.meeting.start), doc.chamber or "",
                   *(f"{p.title}|{i.number}|{i.title}" for p in doc.parts for i in p.items)]
        return "reading:" + hashlib.sha256("\n".join(reading).encode()).hexdigest()
    words = re.findall(r"\w+", fold(text))
    if not words:
        return None  # a scan without text: nothing but its bytes tells it apart
    return "text:" + hashlib.sha256(" ".join(words).encode()).hexdigest()


def kamerstuk_in_furniture(lines: list[str]) -> str | None:
    """Return the Kamerstuk a PDF's running header or footer prints, "32317-995", or None."""
    for line in lines:
        if match := RUNNING_HEADER.match(line.strip()):
            return f"{match.group(4).replace(' ', '')}-{match.group(5)}"
    return None


__all__ = ["parse_letter", "identity_of", "kamerstuk_in_furniture", "PARSER_VERSION"]
