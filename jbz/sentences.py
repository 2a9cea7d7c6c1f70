"""Sentences of a passage: where they end, and the excerpt around a hit."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

# A sentence ends at . ! or ?, perhaps followed by a footnote marker ("december.1 Daarnaast").
SENTENCE_END = re.compile(r"[.!?]\d{0,3}\s+(?=[A-Z0-9“‘(])")


@lru_cache(maxsize=64)
def sentence_bounds(text: str) -> tuple[int, ...]:
    """Return where the sentences of a paragraph start, and its end: 0, …, len(text).

    Kept for the last texts asked: a passage shown by `track` is cut for its excerpt and again
    for the cabinet's positions.
    """
    return (0, *(m.end() for m in SENTENCE_END.finditer(text)), len(text))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of the sentences of a paragraph."""
    bounds = sentence_bounds(text)
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


def sentences(text: str) -> list[str]:
    """Return the sentences of a paragraph (a footnote marker after the full stop stays with it)."""
    return [text[a:b].strip() for a, b in sentence_spans(text)]


def excerpt_around(text: str, spans: list[tuple[int, int]], sentences: int = 2) -> tuple[str, list[tuple[int, int]]]:
    """Return up to `sentences` sentences of `text` from the first hit on, and the hits inside them."""
    bounds = sentence_bounds(text)
    start_index = min(bisect.bisect_right(bounds, spans[0][0]) - 1, len(bounds) - 2)
    start = bounds[start_index]
    end = bounds[min(start_index + sentences, len(bounds) - 1)]
    if end - start > 600:
        end = start + 600
    excerpt = text[start:end].strip()
    offset = start + (len(text[start:end]) - len(text[start:end].lstrip()))
    inside = [(a - offset, b - offset) for a, b in spans if a >= offset and b <= offset + len(excerpt)]
    return excerpt, inside
