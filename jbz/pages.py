"""The page of a PDF each passage starts on, so that a place can be cited as the reader of the
official PDF finds it ("Binnenlandse Zaken.1, p. 3").

The PDF reader opens every page with a line of one space. A passage's text is the letter's words
re-joined (wrapped lines and hyphen breaks undone, page furniture gone), so it is found in the
file's text by its letters and digits alone.
"""
from __future__ import annotations

import bisect
import re

from jbz.model import Passage

_WORD = re.compile(r"\w+")
#: Letters and digits of a passage's opening looked for: enough to tell one paragraph from another.
_OPENING = 80


def page_starts(text: str) -> list[int]:
    """Return the offsets in `text` of the lines that open a PDF page (a line of one space)."""
    starts = [match.start() for match in re.finditer(r"(?m)^ $", text)]
    return starts or [0]


def place_pages(text: str, passages: list[Passage]) -> None:
    """Set the `page` (1 = the first) of each passage whose opening words are found in `text`, the
    text the PDF reader returned; a passage not found keeps None."""
    starts = page_starts(text)
    words = list(_WORD.finditer(text))
    joined = "".join(match.group().lower() for match in words)
    # Where each word begins in `joined`, to map a hit back to the word and so to its offset in `text`.
    word_at = []
    total = 0
    for match in words:
        word_at.append(total)
        total += len(match.group())
    # Passages come in reading order: each is looked for after the one before (a part titled
    # "Justitie" is not the ministry the letterhead names), then from the top (a report's sections
    # stand before its agenda, footnotes at the foot of their page).
    cursor = 0
    for passage in passages:
        at = _find_opening(joined, passage, cursor)
        if at < 0:
            at = _find_opening(joined, passage, 0)
        if at < 0:
            continue
        cursor = at
        offset = words[bisect.bisect_right(word_at, at) - 1].start()
        passage.page = max(1, bisect.bisect_right(starts, offset))


def _find_opening(joined: str, passage: Passage, start: int) -> int:
    """Return where a passage's title and text begin in the letters of the page text, from `start`
    on, or -1. The
    title is tried with its label and text first (an item's title recurs in the cover letter), then
    the text alone, then the title."""
    def letters(text: str | None) -> str:
        return "".join(_WORD.findall((text or "").lower()))
    title, body = letters(passage.title), letters(passage.text)
    for wanted in (title + letters(passage.label) + body, body, title):
        wanted = wanted[:_OPENING]
        if len(wanted) >= 8:
            at = joined.find(wanted, start)
            if at >= 0:
                return at
    return -1
