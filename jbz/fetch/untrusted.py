"""What comes from the network, made safe to use: XML parsed with no document type (no entity
expansion, no external entities), and text without control characters.

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


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


def printable(text: str | None, limit: int = 2000) -> str:
    """Return text from the network with white space collapsed and control characters gone: it may
    reach a terminal."""
    return " ".join(_CONTROL.sub(" ", text or "").split())[:limit]
