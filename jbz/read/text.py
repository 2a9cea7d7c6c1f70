"""Plain-text letters: encoding detection and the normaliser every reader shares."""
from __future__ import annotations

import re
import unicodedata

from jbz.read.base import Text, reader
from jbz.untrusted import clean

_BOM = "\ufeff"
# Characters PDF converters and word processors leave in, and what each becomes: spaces (no-break,
# thin, figure, narrow no-break, ideographic) a plain space; soft hyphens and zero-width characters,
# which only get in the way of search, nothing; private-use bullets (Symbol font U+F0B7) a bullet.
_REPLACEMENTS = {
    **{chr(c): " " for c in (0x00A0, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)},
    **{c: "" for c in "\u00ad\u200b\u200c\u200d\u2060"},
    **{c: "•" for c in "\uf0a7\uf0b7\uf0d8\uf0fc\uf076\uf0a8"},
}
# One pass over the text for all of them (a pass per kind took longer than the rest of reading).
_ODD_CHARACTERS = re.compile("[" + "".join(_REPLACEMENTS) + "]")


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
    """Return `text` with Unix line ends, plain spaces, no soft hyphens, composed accents, and no
    character that could drive a terminal (see `jbz.untrusted`)."""
    text = text.removeprefix(_BOM)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n\n")
    text = _ODD_CHARACTERS.sub(lambda match: _REPLACEMENTS[match.group()], text)
    return unicodedata.normalize("NFC", clean(text))


@reader(".txt", ".text", "")
def read_txt(data: bytes) -> Text:
    """Return a plain-text letter's text."""
    text, warnings = read_plain_text(data)
    return Text(text, warnings)
