"""Bytes on disk -> plain text. A small registry by file type; every reader ends in `normalise`."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from jbz.read.text import normalise, read_plain_text


class UnreadableFile(Exception):
    """A file jbz cannot turn into text; the message says why."""


@dataclass(slots=True)
class Text:
    """The text of one file, with what the reader noticed on the way."""

    text: str
    warnings: list[str] = field(default_factory=list)


Reader = Callable[[bytes], Text]

READERS: dict[str, Reader] = {}


def reader(*suffixes: str):
    """Register a function that turns a file's bytes into Text, for these suffixes."""
    def register(func: Reader) -> Reader:
        for suffix in suffixes:
            READERS[suffix] = func
        return func
    return register


@reader(".txt", ".text", "")
def _read_txt(data: bytes) -> Text:
    text, warnings = read_plain_text(data)
    return Text(text, warnings)


SUPPORTED = tuple(s for s in READERS if s)


def read_file(path: Path) -> Text:
    """Return the normalised text of the file at `path`; raise UnreadableFile with a reason."""
    func = READERS.get(path.suffix.lower())
    if func is None:
        raise UnreadableFile(f"unsupported file type '{path.suffix}' (jbz reads {', '.join(SUPPORTED)})")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror or exc}") from None
    sniffed = _sniff_binary(data)
    if sniffed:
        raise UnreadableFile(sniffed)
    result = func(data)
    if not result.text.strip():
        raise UnreadableFile("the file is empty")
    return result


_MAGIC = {b"%PDF": "a PDF file", b"\x89PNG": "a PNG image", b"PK\x03\x04": "a ZIP or Word file",
          b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image", b"SQLite format 3": "a SQLite database"}


def _sniff_binary(data: bytes) -> str | None:
    """Return why `data` is not text (a known binary format or NUL bytes), or None."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return f"this is {what}, not text"
    if b"\x00" in data[:65536]:
        return "binary data (NUL bytes), not text"
    return None


__all__ = ["Text", "UnreadableFile", "read_file", "normalise", "READERS", "SUPPORTED"]
