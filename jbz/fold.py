"""Case and diacritic folding that keeps every character in place, so offsets map back."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=None)
def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFKD", char)[:1] or char
    lowered = base.lower()
    # One character for one character: offsets in the folded text are offsets in the original.
    return lowered if len(lowered) == 1 else char


def _fold_match(match: re.Match) -> str:
    return _fold_char(match.group())


def fold(text: str) -> str:
    """Return `text` lower-cased without diacritics, one character for each character of `text`."""
    if text.isascii():
        return text.lower()
    # Only the few accented characters go through Python; the rest is lowered in C.
    folded = _NON_ASCII.sub(_fold_match, text)
    lowered = folded.lower()
    return lowered if len(lowered) == len(folded) else "".join(c.lower() if len(c.lower()) == 1 else c
                                                              for c in folded)
