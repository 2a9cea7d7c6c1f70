"""`jbz news --atom`: what is new for the followed files as an Atom 1.0 feed (RFC 4287).

One entry per change: a new letter naming a file, and a move of the file's stage. Each entry's id is
made of the file's name and the letter's identity (its Kamerstuk, else its reading), so it stays the
same from run to run and after `jbz index --rebuild`, and a feed reader shows each change once.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape

# XML 1.0 allows no control characters but tab, newline and carriage return: a letter's text may hold any.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def feed(news: list, now: dt.datetime, title: str = "jbz news") -> str:
    """Return the Atom feed of `news` (jbz.dossiers.news.FileNews, files with nothing new left out)."""
    entries = []
    for file in news:
        for letter in file.letters:
            entries.append(_letter_entry(file, letter))
        if file.stage and file.letters:
            entries.append(_stage_entry(file, file.letters[-1]))
    entries.sort(key=lambda entry: entry[0], reverse=True)
    updated = max((entry[0] for entry in entries), default=_stamp(now.date().isoformat()))
    return ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
            f"  <id>tag:jbz,2026:news</id>\n  <title>{_text(title)}</title>\n  <updated>{updated}</updated>\n"
            "  <author><name>jbz</name></author>\n  <generator>jbz</generator>\n"
            + "".join(body for _, body in entries) + "</feed>\n")


def _letter_entry(file, letter: dict) -> tuple[str, str]:
    what = f"{letter['doc_type']} {letter['kamerstuk'] or letter['file']}"
    meeting = f", meeting {letter['meeting_start']}" if letter.get("meeting_start") else ""
    said = [f"{file.dossier}: {what}, letter {letter['letter_date'] or 'undated'}{meeting}."]
    said += [f"The cabinet: “{p['text']}”" for p in file.positions if p["file"] == letter["file"]]
    return _entry(f"{file.dossier}/{letter['letter']}", f"{file.dossier}: {what}", letter, " ".join(said))


def _stage_entry(file, letter: dict) -> tuple[str, str]:
    moved = f"{file.stage['from'] or 'no stage'} → {file.stage['to']}"
    # The move is known by where it went: the same move is the same entry, however often it is written.
    where_to = hashlib.sha256(file.stage["to"].encode()).hexdigest()[:16]
    return _entry(f"{file.dossier}/stage/{where_to}", f"{file.dossier}: {file.stage['to']}", letter,
                  f"{file.dossier}: {moved}, says {letter['kamerstuk'] or letter['file']}.")


def _entry(key: str, title: str, letter: dict, summary: str) -> tuple[str, str]:
    stamp = _stamp(letter.get("letter_date") or letter.get("meeting_start"))
    link = letter.get("url") or (Path(letter["path"]).resolve().as_uri() if letter.get("path") else None)
    body = (f"  <entry>\n    <id>tag:jbz,2026:{quote(key, safe='/')}</id>\n    <title>{_text(title)}</title>\n"
            f"    <updated>{stamp}</updated>\n"
            + (f"    <link rel=\"alternate\" href=\"{_text(link)}\"/>\n" if link else "")
            + f"    <summary>{_text(summary)}</summary>\n  </entry>\n")
    return stamp, body


def _stamp(day: str | None) -> str:
    """Return an RFC 3339 time for an ISO day (midnight UTC); an undated change is dated today."""
    return f"{day or dt.date.today().isoformat()}T00:00:00Z"


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value), {'"': "&quot;"})
