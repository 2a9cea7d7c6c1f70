"""HTML letters: a publication page saved from the browser, reduced to the document's own text.

The standard library's HTMLParser is enough: it builds a small tree, of which the reader keeps the
document body (the element the publication sites mark as the document, else <main>/<article>, else
<body>) and drops navigation, headers, footers and scripts. The rest is laid out as a browser shows
it: a line per block and per <br>, inline tags never splitting a word, a table row as its cells
joined by " | ", a footnote marker glued to the word before it ("Luxemburg1", as the PDFs print
superscripts), and the footnotes after the letter as "N text" lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from jbz.read.base import MAX_HTML_ELEMENTS, Text, UnreadableFile, reader
from jbz.read.text import normalise, read_plain_text

_BLOCKS = {"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "section",
           "article", "main", "header", "footer", "blockquote", "pre", "td", "th", "dd", "dt", "dl", "hr",
           "caption", "figure", "figcaption", "address", "center", "fieldset", "details", "summary"}
_SKIP = {"script", "style", "nav", "head", "noscript", "template", "svg", "form", "button", "aside",
         "select", "textarea", "title"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}
_MAX_DEPTH = 200
# How the official publication pages mark the letter itself.
_DOCUMENT = re.compile(r"\b(broodtekst|stuk|document-content|kamerstuk|content-body)\b", re.I)
# The footnotes printed after a letter: officielebekendmakingen's <div id="noten">, a "voetnoten"
# block, pandoc's <section class="footnotes">, Word's "Save as web page" footnote list.
_NOTES = re.compile(r"^(?:voetnoten|noten|eindnoten|footnotes|endnotes|notes)$|mso-element:\s*(?:foot|end)note-list",
                    re.I)
# One note in such a block: officielebekendmakingen's <div class="voet noot">, Word's <div id="ftn1">.
_NOTE = re.compile(r"^(?:noot|voetnoot|eindnoot|footnote|endnote)$|^_?(?:ftn|edn|fn)\d+$"
                   r"|mso-element:\s*(?:foot|end)note\s*$", re.I)
# A footnote marker that is a link, not (only) a <sup>: officielebekendmakingen's <a class="nootnum">,
# pandoc's footnote-ref, Word's <a href="#_ftn1">[1]</a>.
_MARKER_LINK = re.compile(r"^(?:nootnum|footnote-ref|noteref|doc-noteref)$|^#_?(?:ftn|edn)(?:ref)?\d+$", re.I)
_BACK_LINK = re.compile(r"^(?:footnote-back|doc-backlink|note-close)$", re.I)
_NOTE_NUMBER = re.compile(r"\[?(\d{1,3})(?:[\].)]\s*|\s+|$)(.*)", re.S)
_NOTES_HEADING = re.compile(r"(?:voet|eind)?noten|noot|footnotes|notes", re.I)
# A list item that prints its own number already ("1.", "a)", "IV.").
_OWN_LABEL = re.compile(r"\s*(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})[.)]\s")
# A start tag closes the open element of these tags, looking no further than these boundaries.
_IMPLIED_END = {
    "li": ({"li"}, {"ol", "ul"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "tr": ({"tr"}, {"table", "thead", "tbody", "tfoot"}),
    "thead": ({"thead", "tbody", "tfoot"}, {"table"}),
    "tbody": ({"thead", "tbody", "tfoot"}, {"table"}),
    "tfoot": ({"thead", "tbody", "tfoot"}, {"table"}),
    "dt": ({"dt", "dd"}, {"dl"}),
    "dd": ({"dt", "dd"}, {"dl"}),
    "p": ({"p"}, {"div", "td", "th", "li", "table", "body", "blockquote", "section", "article", "main", "dd"}),
}


@dataclass(slots=True, eq=False)
class _Element:
    """One element of the page: its tag, attributes and children (elements and text)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[_Element | str] = field(default_factory=list)

    def tokens(self) -> list[str]:
        """Return the words of the element's class, id, role and style attributes."""
        return [self.attrs.get(name, "") for name in ("id", "role", "style")] + self.attrs.get("class", "").split()

    def text(self) -> str:
        """Return all the text inside the element."""
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("#root")
        self.stack = [self.root]
        self.elements = 0

    def handle_starttag(self, tag, attrs):
        self.elements += 1
        if self.elements > MAX_HTML_ELEMENTS:
            raise UnreadableFile(f"more than {MAX_HTML_ELEMENTS:,} HTML elements: not a letter's page")
        self._close_implied(tag)
        element = _Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        # Thousands of unclosed tags (<font> after <font>) must not nest deeper than the walk can go.
        if tag not in _VOID and len(self.stack) < _MAX_DEPTH:
            self.stack.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return
        if tag == "br":  # browsers read a stray </br> as <br>
            self.stack[-1].children.append(_Element("br"))

    def handle_data(self, data):
        self.stack[-1].children.append(data)

    def parse_marked_section(self, i, report=1):
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:  # "<![foo[": the standard library gives up where browsers skip it
            end = self.rawdata.find(">", i)
            return -1 if end < 0 else end + 1

    def _close_implied(self, tag: str) -> None:
        closes, boundaries = _IMPLIED_END.get(tag, ((), ()))
        for index in range(len(self.stack) - 1, 0, -1):
            open_tag = self.stack[index].tag
            if open_tag in closes:
                del self.stack[index:]
                return
            if open_tag in boundaries:
                return


class _Lines:
    """Text laid out in lines: inline text runs on, a block or a <br> ends the line."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.parts: list[str] = []
        self.label = ""

    def text(self, text: str) -> None:
        self.parts.append(text)

    def glue(self, marker: str) -> None:
        """Append `marker` to the word before it, without the space between."""
        self.parts = ["".join(self.parts).rstrip(), marker]

    def number_next(self, label: str) -> None:
        """Put a list item's `label` ("1. ") in front of the next line."""
        self.end()
        self.label = label

    def end(self) -> None:
        line = " ".join("".join(self.parts).split())
        self.parts = []
        if line:
            self.lines.append(self.label + line)
            self.label = ""

    def add(self, line: str) -> None:
        self.end()
        if line:
            self.lines.append(line)

    def close(self) -> list[str]:
        """Return the lines, the last one ended."""
        self.end()
        return self.lines


@dataclass(slots=True)
class _Page:
    """What rendering a page collects besides its lines."""

    notes: list[str] = field(default_factory=list)
    in_notes: bool = False


def _marks_document(element: _Element) -> bool:
    attributes = f"{element.attrs.get('id', '')} {element.attrs.get('class', '')}"
    return element.tag in ("main", "article") or bool(_DOCUMENT.search(attributes))


def _is_notes(element: _Element) -> bool:
    return any(_NOTES.search(token) for token in element.tokens() if token)


def _is_note(element: _Element) -> bool:
    return element.tag == "li" or any(_NOTE.search(token) for token in element.tokens() if token)


def _marker(element: _Element) -> str | None:
    """Return the footnote marker an element prints ("1" of <sup>1</sup> or <a href="#_ftn1">[1]</a>),
    or None when it is not one."""
    if element.tag != "sup" and not (element.tag == "a" and any(
            _MARKER_LINK.search(token) for token in [element.attrs.get("href", ""), *element.tokens()] if token)):
        return None
    marker = re.sub(r"[\s\[\]()]", "", element.text())
    # A superscript that holds words is not a marker: it is laid out as text.
    return marker if marker and len(marker) <= 8 and len(element.text().split()) <= 1 else None


def _render(node: _Element | str, out: _Lines, page: _Page, in_document: bool, pre: bool = False) -> None:
    """Lay out `node` into `out`; footnotes go to `page.notes`."""
    if isinstance(node, str):
        if pre:  # a <pre> keeps its line ends
            *ended, rest = node.split("\n")
            for line in ended:
                out.text(line)
                out.end()
            node = rest
        out.text(node)
        return
    tag = node.tag
    if not page.in_notes and _is_notes(node) and tag not in ("script", "style", "head", "template"):
        page.notes += _note_lines(node, page)
        return
    if tag in _SKIP or (tag in ("header", "footer") and not in_document) or \
            any(_BACK_LINK.search(token) for token in node.tokens() if token):
        return
    if page.in_notes and tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return  # a notes block's own heading ("Noten", "X Noot") is the site's, not the letter's
    if tag == "br":
        out.end()
        return
    marker = _marker(node)
    if marker is not None:
        out.glue(marker)
        return
    if tag == "tr":
        for line in _row_lines(node, page, in_document):
            out.add(line)
        return
    in_document = in_document or _marks_document(node)
    block = tag in _BLOCKS
    if block:
        out.end()
    if tag == "ol" and not page.in_notes:
        _render_numbered_list(node, out, page, in_document)
    else:
        for child in node.children:
            _render(child, out, page, in_document, pre or tag == "pre")
    if block:
        out.end()


def _render_numbered_list(ol: _Element, out: _Lines, page: _Page, in_document: bool) -> None:
    """Lay out an <ol> with the numbers the browser draws in front of its items ("1. ", "b. ")."""
    number = _int(ol.attrs.get("start"), 1)
    style = ol.attrs.get("type", "1")
    for child in ol.children:
        if isinstance(child, _Element) and child.tag == "li":
            number = _int(child.attrs.get("value"), number)
            if not _OWN_LABEL.match(child.text()):
                out.number_next(f"{_list_label(number, style)}. ")
            _render(child, out, page, in_document)
            number += 1
        else:
            _render(child, out, page, in_document)


def _list_label(number: int, style: str) -> str:
    if style in "aA" and 1 <= number <= 26:
        return chr(ord(style) - 1 + number)
    if style in "iI":
        roman = _roman(number)
        return roman if style == "I" else roman.lower()
    return str(number)


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out, number = out + letters, number - value
    return out


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default


def _row_lines(row: _Element, page: _Page, in_document: bool) -> list[str]:
    """Return a table row as one line of its cells joined by " | " (the officielebekendmakingen
    metadata table), or, when a cell holds several lines (a table used for layout), those lines."""
    cells = []
    for child in row.children:
        lines = _Lines()
        if isinstance(child, _Element) and child.tag in ("td", "th"):
            for grandchild in child.children:
                _render(grandchild, lines, page, in_document)
        else:
            _render(child, lines, page, in_document)
        cells.append(lines.close())
    cells = [cell for cell in cells if cell]
    if all(len(cell) == 1 for cell in cells):
        return [" | ".join(cell[0] for cell in cells)] if cells else []
    return [line for cell in cells for line in cell]


def _note_lines(container: _Element, page: _Page) -> list[str]:
    """Return the footnotes in a notes block as "N text" lines."""
    page.in_notes = True
    try:
        items = _note_items(container)
        if not items:  # a line per note, numbered as printed ("<p>1 Kamerstuk …</p>")
            lines = _Lines()
            _render(container, lines, page, True)
            return [_printed_number(line) or line for line in lines.close() if not _NOTES_HEADING.fullmatch(line)]
        out = []
        for item, number in items:
            lines = _Lines()
            for child in item.children:
                _render(child, lines, page, True)
            text = " ".join(lines.close())
            if not text:
                continue
            if number is None:  # numbered as printed, else in order
                out.append(_printed_number(text) or f"{len(page.notes) + len(out) + 1} {text}")
            else:  # numbered by its list, unless it prints that number itself
                printed = _NOTE_NUMBER.fullmatch(text)
                out.append(f"{number} {printed.group(2) if printed and int(printed.group(1)) == number else text}")
        return out
    finally:
        page.in_notes = False


def _note_items(container: _Element) -> list[tuple[_Element, int | None]]:
    """Return the notes in a notes block, each with the number its list gives it (or None)."""
    items: list[tuple[_Element, int | None]] = []

    def visit(element: _Element, number: int | None) -> None:
        for child in element.children:
            if not isinstance(child, _Element):
                continue
            if child.tag == "li" and element.tag == "ol":
                number = _int(child.attrs.get("value"), number or _int(element.attrs.get("start"), 1))
                items.append((child, number))
                number += 1
            elif _is_note(child):
                items.append((child, None))
            else:
                visit(child, None)

    visit(container, None)
    return items


def _printed_number(text: str) -> str | None:
    """Return a note that prints its number ("1 …", "1. …", "[1] …") as "N text", else None."""
    match = _NOTE_NUMBER.fullmatch(text)
    return f"{match.group(1)} {match.group(2)}".strip() if match else None


def _outermost(element: _Element, wanted, stop=lambda element: False) -> list[_Element]:
    """Return the outermost elements under `element` for which `wanted` holds, not looking into
    skipped elements or those for which `stop` holds."""
    found = []
    for child in element.children:
        if not isinstance(child, _Element) or child.tag in _SKIP or stop(child):
            continue
        if wanted(child):
            found.append(child)
        else:
            found += _outermost(child, wanted, stop)
    return found


def page_lines(root: _Element) -> list[str]:
    """Return the lines of the letter on a parsed page, its footnotes last."""
    page = _Page()
    lines = _Lines()
    documents = _outermost(root, _marks_document)
    for document in documents:
        _render(document, lines, page, True)
    body = lines.close()
    if not body:
        page, lines = _Page(), _Lines()
        _render(root, lines, page, False)
        body = lines.close()
    else:
        # The notes may be printed after the element that holds the letter.
        for container in _outermost(root, _is_notes, stop=lambda element: element in documents):
            page.notes += _note_lines(container, page)
    return body + page.notes


@reader(".html", ".htm", "html")
def read_html(data: bytes) -> Text:
    """Return the text of the letter on an HTML page: one line per block or <br>, footnotes last."""
    raw, warnings = read_plain_text(data)
    builder = _TreeBuilder()
    builder.feed(raw)
    builder.close()
    return Text(normalise("\n".join(page_lines(builder.root))), warnings)
