"""What every reader shares: the Text it returns, the error it raises, and the registry."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable


class UnreadableFile(Exception):
    """A file jbz cannot turn into text; the message says why."""


# Bounds on the work one file may cause, far above any real letter (README, "Untrusted files").
#: Characters in one line: a Word paragraph of a letter runs to a few thousand.
MAX_LINE = 200_000
#: Elements of one HTML page: a publication page holds a few thousand.
MAX_HTML_ELEMENTS = 50_000
#: Pages of one PDF: the longest report runs to some sixty.
MAX_PAGES = 1_000
#: Bytes the parts of one Word file may inflate to, together.
MAX_INFLATED = 256 * 2**20
#: How many times its packed size one part of a Word file may inflate to (text packs about 5-10x).
MAX_INFLATE_RATIO = 200


@dataclass(slots=True)
class Text:
    """The text of one file, with what the reader noticed on the way."""

    text: str
    warnings: list[str] = field(default_factory=list)
    #: Running headers and footers taken off the pages ("Tweede Kamer, vergaderjaar …, nr. 995 3").
    furniture: list[str] = field(default_factory=list)
    #: What the file was read as: "pdf", "docx", "html" by its content, else its suffix ("txt"), set by `read_bytes`.
    kind: str = ""


Reader = Callable[[bytes], Text]

#: Readers by file-name suffix (".pdf") and by the kind content sniffing finds ("pdf").
READERS: dict[str, Reader] = {}


def reader(*keys: str):
    """Register a function that turns a file's bytes into Text, for these suffixes and kinds."""
    def register(func: Reader) -> Reader:
        for key in keys:
            READERS[key] = func
        return func
    return register
