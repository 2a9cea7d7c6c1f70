"""Case and diacritic folding that keeps every character in place, so offsets map back."""
from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFKD", char)[:1] or char
    lowered = base.lower()
    return lowered if len(lowered) == 1 else char.lower()[:1] or char


def fold(text: str) -> str:
    """Return `text` lower-cased without diacritics, one character for each character of `text`."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in text)
