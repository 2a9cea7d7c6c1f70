"""What comes from a file or the network, made safe to use: XML parsed with no document type (no
entity expansion, no external entities), and text that cannot drive a terminal.

A letter, a file name or a server's answer may hold terminal control sequences (ESC ] 0 ; … BEL
retitles the window, ESC [ 2 J clears it) or bidi overrides that reorder what a reader sees. They
are removed when a letter is read (`jbz.read.normalise`) and again from every view on the way out
(`clean`), so an index made by an older jbz cannot bring them back; a file name keeps them, shown
escaped (`escape`), and JSON writes them as \\u escapes (`json_safe`).

defusedxml refuses a DTD outright (forbid_dtd), which rules out both the "billion laughs" and
external-entity attacks; the service's answers and metadata.xml files never need one.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element


class UnsafeXml(Exception):
    """The bytes are not XML jbz will read; the message says why."""


def parse_xml(data: bytes) -> "Element":
    """Return the root element of `data`, its encoding as its XML declaration says; raise UnsafeXml."""
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as safe_tree  # imported here: `jbz index` needs it only beside a fetched letter
    from defusedxml import DefusedXmlException
    try:
        return safe_tree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise UnsafeXml(f"it declares a document type or entities, which jbz does not read ({type(exc).__name__})") from None
    except (ParseError, ValueError, LookupError) as exc:
        raise UnsafeXml(f"not well-formed XML ({exc})") from None


#: C0 controls but tab and newline, DEL, the C1 range, and the bidi embeddings, overrides and isolates.
UNSAFE_CHARACTERS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")
_CONTROL = re.compile(f"[\t\n{UNSAFE_CHARACTERS}]+")


def clean(text: str) -> str:
    """Return `text` without the characters that could drive a terminal or reorder its line."""
    return _UNSAFE.sub("", text) if _UNSAFE.search(text) else text


def escape(name: str) -> str:
    """Return a file name with each such character shown as an escape ("\\x1b", "\\u202e")."""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
                       name)


def json_safe(dumped: str) -> str:
    """Return JSON text with each such character written as a \\u escape (json.dumps leaves DEL, C1
    and bidi characters raw when it writes UTF-8)."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def printable(text: str | None, limit: int = 2000) -> str:
    """Return text from the network with white space collapsed and control characters gone: it may
    reach a terminal."""
    return " ".join(_CONTROL.sub(" ", text or "").split())[:limit]
