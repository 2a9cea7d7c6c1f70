"""Case and diacritic folding that keeps every character in place, so offsets map back."""
from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFKD", char)[:1] or char
    lowered = base.lower()
    return lowered if len(lowered) == 1 else char


# Latin letters with accents, the ones Dutch and its neighbours use, through a translate table:
# indexing folds every passage, and a per-character Python loop was most of its cost.
_LATIN = {code: _fold_char(chr(code)) for code in range(0x250) if _fold_char(chr(code)) != chr(code)}


def fold(text: str) -> str:
    """Return `text` lower-cased without diacritics, one character for each character of `text`."""
    if text.isascii():
        return text.lower()
    folded = text.translate(_LATIN)
    if max(folded) < "\u0250":
        return folded
    return "".join(c if c < "\u0250" else _fold_char(c) for c in folded)
