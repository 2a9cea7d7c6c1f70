"""The page of a PDF each passage starts on, so that a place can be cited as the reader of the
official PDF finds it ("Binnenlandse Zaken.1, p. 3").

The PDF reader opens every page with a line of one space. A passage's text is the letter's words
re-joined (wrapped lines and hyphen breaks undone, page furniture gone), so it is found in the
file's text by its letters and digits alone.
"""
from __future__ import annotations

import bisect
import re
from itertools import accumulate

from jbz.model import Passage

#: ASCII bytes that are not letters or digits: dropped at C speed before the few others are looked at.
_ASCII_NOT_WORD = bytes(b for b in range(128) if not (chr(b).isalnum() or chr(b) == "_"))
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
_PAGE_OPENING = re.compile(r"\n(?= \n)")
#: Letters and digits of a passage's opening looked for: enough to tell one paragraph from another.
_OPENING = 80


def page_starts(text: str) -> list[int]:
    """Return the offsets in `text` of the lines that open a PDF page (a line of one space)."""
    # A newline before a line of one space, in the text between newlines: found by its literal
    # "\n", many times faster than testing every line with (?m)^ $.
    starts = [match.start() for match in _PAGE_OPENING.finditer(f"\n{text}\n")]
    return starts or [0]


def place_pages(text: str, passages: list[Passage]) -> None:
    """Set the `page` (1 = the first) of each passage whose opening words are found in `text`, the
    text the PDF reader returned; a passage not found keeps None."""
    starts = page_starts(text)
    bounds = starts[1:] + [len(text)]
    # The letters of each page, and where each page's letters end in the letters of the whole text
    # (no word runs across a page's opening line of one space).
    page_letters = [_letters(text[start:end]) for start, end in zip([0] + bounds[:-1], bounds)]
    joined = "".join(page_letters)
    page_ends = list(accumulate(len(letters) for letters in page_letters))
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
        passage.page = bisect.bisect_right(page_ends, at) + 1


def _letters(text: str | None) -> str:
    """Return the letters and digits of `text`, lower-cased, run together."""
    # The same as re.sub(r"\W+", "", text.lower()), three times as fast on a page: a page's text is
    # mostly ASCII, and only its few distinct other characters need a Unicode test.
    letters = (text or "").lower().encode().translate(None, _ASCII_NOT_WORD).decode()
    if not letters.isascii():
        for char in set(_NOT_ASCII.findall(letters)):
            if not (char.isalnum() or char == "_"):
                letters = letters.replace(char, "")
    return letters


def _opening_letters(text: str | None) -> str:
    """Return the first `_OPENING` letters and digits of `text`, reading no more of it than needed."""
    text = text or ""
    head = _letters(text[:_OPENING * 4])
    return (head if len(head) >= _OPENING or len(text) <= _OPENING * 4 else _letters(text))[:_OPENING]


def _find_opening(joined: str, passage: Passage, start: int) -> int:
    """Return where a passage's title and text begin in the letters of the page text, from `start`
    on, or -1. The title is tried with its label and text first (an item's title recurs in the
    cover letter), then the text alone, then the title."""
    title, body = _opening_letters(passage.title), _opening_letters(passage.text)
    for wanted in ((title + _opening_letters(passage.label) + body)[:_OPENING], body, title):
        if len(wanted) >= 8:
            at = joined.find(wanted, start)
            if at >= 0:
                return at
    return -1
