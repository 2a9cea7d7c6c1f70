"""The publisher's metadata.xml beside a letter: what officielebekendmakingen says the letter is.

A fetched letter `kst-32317-995.pdf` has `kst-32317-995.metadata.xml` beside it, a list of
`<metadata name="OVERHEIDop.dossiernummer" content="32317"/>` rows. Its values are kept with the
document as the publisher's; where the text is silent (or only inferred a value) they fill the
field, with evidence source "metadata"; where the text reads otherwise, the document gets a warning.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from jbz.untrusted import UnsafeXml, parse_xml, printable
from jbz.model import Document, Evidence

#: The suffix of a metadata file beside its letter.
SUFFIX = ".metadata.xml"

#: The values kept, by the name metadata.xml gives them.
OFFICIAL_NAMES = {"OVERHEIDop.dossiernummer": "dossiernummer", "OVERHEIDop.ondernummer": "ondernummer",
                  "OVERHEIDop.vergaderjaar": "vergaderjaar", "OVERHEIDop.documenttitel": "documenttitel",
                  "OVERHEIDop.datumBrief": "datumBrief", "DC.creator": "creator"}


def metadata_path(letter: Path) -> Path:
    """Return where the metadata file of `letter` lies: its name with SUFFIX for the extension."""
    return letter.with_name(letter.name.rsplit(".", 1)[0] + SUFFIX)


def metadata_bytes(letter: Path) -> bytes:
    """Return the bytes of the metadata file beside `letter`, or b"" when there is none."""
    try:
        return metadata_path(letter).read_bytes()
    except OSError:
        return b""


def read_official(data: bytes) -> dict[str, str]:
    """Return the kept values of a metadata.xml (its declared encoding honoured); raise UnsafeXml."""
    root = parse_xml(data)
    found: dict[str, str] = {}
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] != "metadata":
            continue
        key = OFFICIAL_NAMES.get((element.get("name") or "").strip())
        value = printable(element.get("content"), 500)
        if key and value and key not in found:  # a Kamerstuk of two dossiers lists its first one first
            found[key] = value
    return found


def apply_official_beside(doc: Document, letter: Path) -> None:
    """Give `doc` the publisher's metadata filed beside `letter`, if any (see the module's docstring)."""
    data = metadata_bytes(letter)
    if not data:
        return
    try:
        official = read_official(data)
    except UnsafeXml as exc:
        doc.warnings.append(f"the metadata file beside it was not read: {exc}")
        return
    apply_official(doc, official)


def apply_official(doc: Document, official: dict[str, str]) -> None:
    """Keep `official` with `doc`; fill the fields the text is silent on, warn where it disagrees."""
    doc.official = dict(official)
    for name, value, read_from in (
            ("kamerstuk", _kamerstuk(official), ("dossiernummer", "ondernummer")),
            ("letter_date", _date(official.get("datumBrief")), ("datumBrief",)),
            ("chamber", _chamber(official.get("creator", "")), ("creator",))):
        if value is not None:
            _fill(doc, name, value, "; ".join(f"{key} {official[key]}" for key in read_from))


def _fill(doc: Document, name: str, official, quoted: str) -> None:
    current = getattr(doc, name)
    if current is None or name in doc.inferred:
        if current is not None and _key(current) != _key(official):
            doc.warnings.append(f"the text's {name} {_shown(current)} was inferred; the publisher's metadata "
                                f"says {_shown(official)}, which is kept")
        setattr(doc, name, official)
        doc.evidence[name] = Evidence(quoted[:200], "metadata")
        if name in doc.inferred:
            doc.inferred.remove(name)
    elif _key(current) != _key(official):
        doc.warnings.append(f"the text reads {name} {_shown(current)}, the publisher's metadata says {_shown(official)}")


def _kamerstuk(official: dict[str, str]) -> str | None:
    dossier, number = official.get("dossiernummer", ""), official.get("ondernummer", "")
    dossier, number = "".join(dossier.split()), "".join(number.split())
    if not re.fullmatch(r"\d{4,6}(?:-[0-9A-Za-z]{1,4})?", dossier) or not re.fullmatch(r"[0-9A-Za-z]{1,8}", number):
        return None
    return f"{dossier}-{number.upper() if number.isalpha() else number}"


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _chamber(creator: str) -> str | None:
    lowered = creator.lower()
    return "TK" if "tweede kamer" in lowered else "EK" if "eerste kamer" in lowered else None


def _key(value) -> str:
    return "".join(str(value).split()).upper()


def _shown(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)
