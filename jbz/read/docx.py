"""Word letters (.docx): paragraphs and table cells in order, with Word's own list numbers.

python-docx reads the document; the numbers Word draws in front of numbered paragraphs
("1.", "a.", "II.") are not in the paragraph text, so they are worked out from the numbering
definitions, because the agenda's structure hangs on them.
"""
from __future__ import annotations

import io
import zipfile

from jbz.read.base import Text, UnreadableFile, reader
from jbz.read.text import normalise

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@reader(".docx", "docx")
def read_docx(data: bytes) -> Text:
    """Return a Word document's text, one line per paragraph."""
    try:
        import docx
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableFile(f"cannot read this Word file ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # noqa: BLE001 - python-docx raises its own and lxml's errors on damaged files
        raise UnreadableFile(f"cannot read this Word file ({type(exc).__name__})") from None
    numbering = _Numbering(document)
    lines = []
    for block in document.element.body.iterchildren():
        if block.tag == f"{_W}p":
            if any(br.get(f"{_W}type") == "page" for br in block.iter(f"{_W}br")):
                lines.append(" ")  # a page starts here: the parser ends footnotes at page starts
            lines.append(numbering.label(block) + "".join(t.text or "" for t in block.iter(f"{_W}t")))
        elif block.tag == f"{_W}tbl":
            for cell in block.iter(f"{_W}tc"):
                lines += ["".join(t.text or "" for t in p.iter(f"{_W}t")) for p in cell.iter(f"{_W}p")]
    return Text(normalise("\n".join(lines)))


class _Numbering:
    """Counts Word's numbered paragraphs and renders their labels ("1. ", "a) ")."""

    FORMATS = {"decimal": str, "lowerLetter": lambda n: chr(96 + n) if n <= 26 else str(n),
               "upperLetter": lambda n: chr(64 + n) if n <= 26 else str(n),
               "upperRoman": lambda n: _roman(n), "lowerRoman": lambda n: _roman(n).lower()}

    def __init__(self, document) -> None:
        self.levels: dict[tuple[str, str], tuple[str, str]] = {}
        self.abstract_of: dict[str, str] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.style_numbering = _style_numbering(document)
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        for abstract in root.iter(f"{_W}abstractNum"):
            aid = abstract.get(f"{_W}abstractNumId")
            for level in abstract.iter(f"{_W}lvl"):
                fmt = level.find(f"{_W}numFmt")
                text = level.find(f"{_W}lvlText")
                self.levels[(aid, level.get(f"{_W}ilvl"))] = (
                    fmt.get(f"{_W}val") if fmt is not None else "decimal",
                    text.get(f"{_W}val") if text is not None else "%1.")
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None:
                self.abstract_of[num.get(f"{_W}numId")] = ref.get(f"{_W}val")

    def label(self, paragraph) -> str:
        props = paragraph.find(f"{_W}pPr")
        num_pr = props.find(f"{_W}numPr") if props is not None else None
        style = props.find(f"{_W}pStyle") if props is not None else None
        # A list style ("List Number") carries the numbering the paragraph itself does not.
        num, level = _num_and_level(num_pr) if num_pr is not None else \
            self.style_numbering.get(style.get(f"{_W}val") if style is not None else None, (None, 0))
        if num is None:
            return ""
        abstract = self.abstract_of.get(num)
        if abstract is None or num == "0":
            return ""
        counters = self.counters.setdefault(abstract, {})
        counters[level] = counters.get(level, 0) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        fmt, pattern = self.levels.get((abstract, str(level)), ("decimal", f"%{level + 1}."))
        if fmt == "bullet":
            return ""
        out = pattern
        for at in range(level + 1):
            at_fmt = self.levels.get((abstract, str(at)), ("decimal", ""))[0]
            render = self.FORMATS.get(at_fmt, str)
            out = out.replace(f"%{at + 1}", render(counters.get(at, 1)))
        return out + " "


def _num_and_level(num_pr) -> tuple[str | None, int]:
    num_id = num_pr.find(f"{_W}numId")
    ilvl = num_pr.find(f"{_W}ilvl")
    return (num_id.get(f"{_W}val") if num_id is not None else None,
            int(ilvl.get(f"{_W}val")) if ilvl is not None else 0)


def _style_numbering(document) -> dict[str, tuple[str | None, int]]:
    """Return the numbering (numId, level) each paragraph style carries."""
    out = {}
    try:
        styles = document.styles.element
    except (NotImplementedError, KeyError, AttributeError):
        return out
    for style in styles.iter(f"{_W}style"):
        num_pr = style.find(f"{_W}pPr/{_W}numPr")
        if num_pr is not None:
            out[style.get(f"{_W}styleId")] = _num_and_level(num_pr)
    return out


def _roman(number: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in numerals:
        while number >= value:
            out, number = out + letters, number - value
    return out
