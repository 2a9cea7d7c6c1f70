"""Word letters (.docx): paragraphs and table rows in order, with Word's own list numbers, and the
footnotes and endnotes after the letter.

python-docx reads the document; the numbers Word draws in front of numbered paragraphs
("1.", "a.", "II.") are not in the paragraph text, so they are worked out from the numbering
definitions, because the agenda's structure hangs on them. python-docx does not read footnotes
or endnotes: their parts are taken from the package and laid out as a PDF prints them, the number
glued to the word before the reference ("in Luxemburg1") and each note as a line "N text".
"""
from __future__ import annotations

import io
import zipfile

from jbz.read.base import MAX_INFLATE_RATIO, MAX_INFLATED, Text, UnreadableFile, reader
from jbz.read.text import normalise

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Not walked into: properties, the VML copy of a drawing (the same text box again), deleted text.
_NOT_TEXT = {f"{_W}pPr", f"{_W}rPr", f"{_W}sdtPr", _MC_FALLBACK, f"{_W}del", f"{_W}moveFrom"}
# Elements that only wrap paragraphs and tables: content controls, custom XML.
_WRAPPERS = {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"}
# Word's own notes that draw the line above the footnotes; not notes of the letter.
_NOT_NOTES = {"separator", "continuationSeparator", "continuationNotice"}
_NOTE_KINDS = {f"{_W}footnoteReference": "footnote", f"{_W}endnoteReference": "endnote"}
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


@reader(".docx", "docx")
def read_docx(data: bytes) -> Text:
    """Return a Word document's text: a line per paragraph and per soft line break, a table row as
    its cells joined by " | ", then the footnotes and endnotes as "N text" lines."""
    document = _open(data)
    try:
        notes = _Notes(_note_part(document, "footnote"), _note_part(document, "endnote"))
        notes.count_footnotes(document.element.body)
        body = _Body(_Numbering(document), notes)
        for block in document.element.body.iterchildren():
            body.block(block)
        lines = body.lines + notes.lines()
    except UnreadableFile:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged file can break any step of the walk
        raise UnreadableFile(f"cannot read this Word file, it looks damaged ({type(exc).__name__})") from None
    return Text(normalise("\n".join(lines)))


def _open(data: bytes):
    """Return the python-docx Document of a Word file's bytes."""
    check_package(data)
    try:
        import docx
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableFile(f"cannot read this Word file ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # noqa: BLE001 - python-docx raises its own and lxml's errors on damaged files
        raise UnreadableFile(f"cannot read this Word file ({type(exc).__name__})") from None


def check_package(data: bytes) -> None:
    """Raise UnreadableFile when the Word file's parts would inflate beyond the limits (a zip bomb)
    or an XML part declares a document type (entity expansion, external entities): Word writes neither."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise UnreadableFile(f"cannot read this Word file ({type(exc).__name__}: {exc})") from None
    inflated = sum(member.file_size for member in members)
    if inflated > MAX_INFLATED:
        raise UnreadableFile(f"its parts inflate to {inflated / 2**20:,.0f} MB (limit {MAX_INFLATED // 2**20} MB):"
                             " a zip bomb, not a letter")
    for member in members:
        if member.file_size > 2**20 and member.file_size > MAX_INFLATE_RATIO * max(member.compress_size, 1):
            raise UnreadableFile(f"{member.filename} inflates {member.file_size // max(member.compress_size, 1):,} times"
                                 f" (limit {MAX_INFLATE_RATIO}): a zip bomb, not a letter")
        if member.filename.endswith((".xml", ".rels")):
            with package.open(member) as part:
                prolog = part.read(4096)
            if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
                raise UnreadableFile(f"{member.filename} declares a document type or entities (XML entity expansion),"
                                     " which Word never writes")


def _note_part(document, kind: str) -> dict[str, object]:
    """Return the letter's notes of `kind` ("footnote", "endnote") by id; Word's separators left out."""
    from docx.oxml.parser import parse_xml
    from lxml import etree
    for rel in document.part.rels.values():
        if rel.reltype != f"{_RELATIONSHIPS}{kind}s" or rel.is_external:
            continue
        try:
            root = parse_xml(rel.target_part.blob)
        except etree.XMLSyntaxError as exc:
            raise UnreadableFile(f"the {kind}s of this Word file ({rel.target_ref}) are damaged: {exc}") from None
        return {note.get(f"{_W}id"): note for note in root.iterchildren(f"{_W}{kind}")
                if note.get(f"{_W}type") not in _NOT_NOTES and note.get(f"{_W}id") not in ("-1", "0")}
    return {}


class _Notes:
    """The footnotes and endnotes, numbered 1, 2, 3 in the order the body refers to them,
    footnotes first and endnotes numbered on."""

    def __init__(self, footnotes: dict, endnotes: dict) -> None:
        self.notes = {"footnote": footnotes, "endnote": endnotes}
        self.numbers: dict[tuple[str, str], int] = {}
        self.next = {"footnote": 1, "endnote": 1}

    def count_footnotes(self, body) -> None:
        """Start the endnote numbers after the footnotes the body refers to."""
        referred = {ref.get(f"{_W}id") for ref in _walk(body) if ref.tag == f"{_W}footnoteReference"}
        self.next["endnote"] = len(referred & self.notes["footnote"].keys()) + 1

    def number(self, reference) -> int | None:
        """Return the number a footnote or endnote reference prints, or None for a note that is missing."""
        kind, note_id = _NOTE_KINDS[reference.tag], reference.get(f"{_W}id")
        if note_id not in self.notes[kind]:
            return None
        if (kind, note_id) not in self.numbers:
            self.numbers[(kind, note_id)] = self.next[kind]
            self.next[kind] += 1
        return self.numbers[(kind, note_id)]

    def lines(self) -> list[str]:
        """Return the notes the body refers to, in order, as "N text" lines."""
        out = []
        for (kind, note_id), number in sorted(self.numbers.items(), key=lambda item: item[1]):
            note = _Body(None, self)
            for block in self.notes[kind][note_id].iterchildren():
                note.block(block)
            text = " ".join(" ".join(note.lines).split())
            if text:
                out.append(f"{number} {text}")
        return out


def _walk(element, into_text_boxes: bool = True):
    """Yield the elements under `element` in document order, leaving out what is not text."""
    for child in element.iterchildren():
        if child.tag in _NOT_TEXT:
            continue
        yield child
        if into_text_boxes or child.tag != f"{_W}txbxContent":
            yield from _walk(child, into_text_boxes)


class _Body:
    """Lays out paragraphs and tables as lines."""

    def __init__(self, numbering: _Numbering | None, notes: _Notes) -> None:
        self.numbering = numbering
        self.notes = notes
        self.lines: list[str] = []

    def block(self, element) -> None:
        if element.tag == f"{_W}p":
            self.paragraph(element)
        elif element.tag == f"{_W}tbl":
            self.table(element)
        elif element.tag in _WRAPPERS:
            for child in element.iterchildren():
                self.block(child)

    def paragraph(self, paragraph) -> None:
        props = paragraph.find(f"{_W}pPr")
        if props is not None and _is_on(props.find(f"{_W}pageBreakBefore")):
            self.lines.append(" ")
        parts = [self.numbering.label(paragraph) if self.numbering else ""]
        text_boxes = []
        for element in _walk(paragraph, into_text_boxes=False):
            tag = element.tag
            if tag == f"{_W}t":
                parts.append(element.text or "")
            elif tag in (f"{_W}tab", f"{_W}ptab"):
                parts.append(" ")
            elif tag == f"{_W}noBreakHyphen":
                parts.append("-")
            elif tag in (f"{_W}br", f"{_W}cr"):
                page = element.get(f"{_W}type") == "page"
                if not page or "".join(parts):
                    self.lines.append("".join(parts))
                if page:
                    self.lines.append(" ")  # a page starts here: the parser ends footnotes at page starts
                parts = []
            elif tag in _NOTE_KINDS:
                number = self.notes.number(element)
                if number is not None:  # glued to the word before it, as a PDF prints a superscript
                    parts = ["".join(parts).rstrip(), str(number)]
            elif tag == f"{_W}txbxContent":
                text_boxes.append(element)
        self.lines.append("".join(parts))
        for box in text_boxes:
            for block in box.iterchildren():
                self.block(block)

    def table(self, table) -> None:
        """Lay out each row as one line of its cells joined by " | ", or, when a cell holds several
        lines (a table used for layout), as those lines."""
        for row in _children(table, f"{_W}tr"):
            cells = []
            for cell in _children(row, f"{_W}tc"):
                content = _Body(self.numbering, self.notes)
                for block in cell.iterchildren():
                    content.block(block)
                cells.append([line.strip() for line in content.lines if line.strip()])
            cells = [cell for cell in cells if cell]
            if all(len(cell) == 1 for cell in cells):
                self.lines += [" | ".join(cell[0] for cell in cells)] if cells else []
            else:
                self.lines += [line for cell in cells for line in cell]


def _children(element, tag: str) -> list:
    """Return the children of `element` with `tag`, looking through content controls."""
    found = []
    for child in element.iterchildren():
        if child.tag == tag:
            found.append(child)
        elif child.tag in _WRAPPERS:
            found += _children(child, tag)
    return found


def _is_on(toggle) -> bool:
    return toggle is not None and toggle.get(f"{_W}val", "true") not in ("0", "false", "off")


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
