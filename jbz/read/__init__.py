"""Bytes on disk -> plain text. A small registry of readers, picked by content, else by suffix;
every reader ends in the same `normalise`, so one letter reads the same in every format."""
from __future__ import annotations

import re
from pathlib import Path

from jbz.read import docx, html, pdf, text  # noqa: F401  (each registers its reader)
from jbz.read import xml  # noqa: F401  (the official XML, as `jbz fetch --format xml` gets it)
from jbz.read.base import MAX_LINE, READERS, Text, UnreadableFile
from jbz.read.text import normalise

SUPPORTED = tuple(sorted(key for key in READERS if key.startswith(".")))


def read_file(path: Path) -> Text:
    """Return the normalised text of the file at `path`; raise UnreadableFile with a reason."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror or exc}") from None
    return read_bytes(data, path.suffix.lower())


def read_bytes(data: bytes, suffix: str = "") -> Text:
    """Return the text of a file's bytes: the content decides the reader (a PDF renamed .txt is a
    PDF), the suffix only when the content does not."""
    kind = sniff(data)
    if kind in _NOT_LETTERS:
        raise UnreadableFile(f"this is {_NOT_LETTERS[kind]}, not a letter")
    func = READERS.get(kind) or READERS.get(suffix)
    if func is None:
        raise UnreadableFile(f"unsupported file type '{suffix}' (jbz reads {', '.join(SUPPORTED)})")
    if kind is None and b"\x00" in data[:65536]:
        raise UnreadableFile("binary data (NUL bytes), not text")
    result = func(data)
    result.kind = kind or suffix.lstrip(".") or "text"
    if not result.text.strip() and not result.warnings:
        raise UnreadableFile("the file is empty" if not data.strip() else "no text in it")
    if _LONG_LINE.search(result.text):
        raise UnreadableFile(f"a line of more than {MAX_LINE:,} characters: not a letter")
    return result


_LONG_LINE = re.compile(f"[^\n]{{{MAX_LINE + 1}}}")


_NOT_LETTERS = {"png": "a PNG image", "jpeg": "a JPEG image", "gif": "a GIF image", "zip": "a ZIP archive",
                "sqlite": "a SQLite database"}


def sniff(data: bytes) -> str | None:
    """Return what the bytes are by their content ("pdf", "docx", "html", "png", …), or None."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx" if b"word/document.xml" in data else "zip"
    if head.startswith((b"<!doctype html", b"<html")) or (head.startswith(b"<") and b"<body" in data[:65536].lower()):
        return "html"
    for magic, kind in ((b"\x89PNG", "png"), (b"\xff\xd8\xff", "jpeg"), (b"GIF8", "gif"),
                        (b"SQLite format 3", "sqlite")):
        if data.startswith(magic):
            return kind
    return None


__all__ = ["Text", "UnreadableFile", "read_file", "read_bytes", "normalise", "READERS", "SUPPORTED"]
