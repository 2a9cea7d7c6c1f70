"""The official XML of a publication (`officiele-publicatie`, op-xsd-2014-05-15), as `jbz fetch
--format xml` downloads it, laid out as the PDF prints it.

No real letter XML of dossier 32317 has been seen, so the reader is tolerant: it knows the header
(`dossier` -> "32 317 JBZ-Raad", `stuk` -> "Nr. 995 BRIEF VAN …"), headings (`kop`: number and
title on one line), paragraphs, list items and footnotes (`noot`: the marker glued to the word
before it, the notes as "N text" lines after the letter, as the PDFs and the HTML reader have
them); any other element is a line of its own if it holds text, else its children are read.
"""
from __future__ import annotations

from jbz.untrusted import UnsafeXml, parse_xml
from jbz.read.base import Text, UnreadableFile, reader
from jbz.read.text import normalise

#: Elements that are one line of the letter each.
_LINES = {"tekstregel", "al", "tussenkop", "kop", "li", "titel", "stuknr", "datumtekst", "naam", "functie",
          "plaats", "datum", "aanhef", "slotformule", "regel", "entry", "row"}
#: Elements that stand inside a line, never splitting its words.
_INLINE = {"nadruk", "extref", "intref", "sup", "inf", "sub", "unl", "term", "nootref"}
_SKIP = {"metadata", "meta"}


@reader(".xml", "xml")
def read_xml(data: bytes) -> Text:
    """Return the text of an official publication's XML; raise UnreadableFile for other XML."""
    try:
        root = parse_xml(data)
    except UnsafeXml as exc:
        raise UnreadableFile(f"cannot read this XML: {exc}") from None
    kind = _local(root.tag)
    if kind == "metadata_gegevens":
        raise UnreadableFile("a publication's metadata.xml: it is read with its letter, not as a letter")
    if kind != "officiele-publicatie":
        raise UnreadableFile(f"an XML file that is not an official publication (<{kind}>, not <officiele-publicatie>)")
    lines: list[str] = []
    notes: list[tuple[str, str]] = []
    _read(root, lines, notes)
    lines += [f"{number} {text}" for number, text in notes]
    return Text(normalise("\n".join(line for line in lines if line)))


def _read(element, lines: list[str], notes: list[tuple[str, str]]) -> None:
    name = _local(element.tag)
    if name in _SKIP:
        return
    if name == "dossier":  # "32 317" and "JBZ-Raad", as the PDF's header prints them
        lines.append(" ".join(_inline(child, notes) for child in element if _local(child.tag) != "metadata"))
        return
    if name == "stuk":  # "Nr. 995" and the title on one line
        head = [child for child in element if _local(child.tag) in ("stuknr", "titel")]
        lines.append(" ".join(_inline(child, notes) for child in head))
        for child in element:
            if child not in head:
                _read(child, lines, notes)
        return
    if name in _LINES or len(element) == 0:
        lines.append(_inline(element, notes))
        return
    if element.text and element.text.strip():
        lines.append(element.text.strip())
    for child in element:
        _read(child, lines, notes)
        if child.tail and child.tail.strip():
            lines.append(child.tail.strip())


def _inline(element, notes: list[tuple[str, str]]) -> str:
    """Return the text of one line; a footnote leaves its number where it stands and goes to `notes`."""
    parts = [element.text or ""]
    for child in element:
        name = _local(child.tag)
        if name == "noot":
            number = next((_inline(c, notes) for c in child if _local(c.tag) == "noot.nr"), "") or str(len(notes) + 1)
            body = " ".join(_inline(c, notes) for c in child if _local(c.tag) != "noot.nr")
            notes.append((number, body))
            parts.append(number)
        elif name in _INLINE:
            parts.append(_inline(child, notes))
        else:
            parts.append(f" {_inline(child, notes)} ")
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
