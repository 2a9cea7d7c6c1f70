"""Plain-text letters: encoding detection and the normaliser every reader shares."""
from __future__ import annotations

import re
import unicodedata

from jbz.read.base import Text, reader

_BOM = "\ufeff"
# Spaces PDF converters leave in: no-break, thin, figure, narrow no-break, ideographic.
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# Invisible characters that only get in the way of search: soft hyphen, zero-width space/joiners.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060]")
# Private-use bullets (Symbol font U+F0B7 and friends) become a plain bullet.
_PRIVATE_BULLETS = re.compile("[\uf0a7\uf0b7\uf0d8\uf0fc\uf076\uf0a8]")


def read_plain_text(data: bytes) -> tuple[str, list[str]]:
    """Return (normalised text, warnings): UTF-8 with or without BOM, else cp1252 with a warning."""
    warnings = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        warnings.append("not valid UTF-8: read as Windows-1252 (cp1252)")
    return normalise(text), warnings


def normalise(text: str) -> str:
    """Return `text` with Unix line ends, plain spaces, no soft hyphens, composed accents."""
    text = text.removeprefix(_BOM)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n\n")
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = _PRIVATE_BULLETS.sub("•", text)
    return unicodedata.normalize("NFC", text)


@reader(".txt", ".text", "")
def read_txt(data: bytes) -> Text:
    """Return a plain-text letter's text."""
    text, warnings = read_plain_text(data)
    return Text(text, warnings)
