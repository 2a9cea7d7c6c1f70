"""HTML letters: a publication page saved from the browser, reduced to the document's own text.

The standard library's HTMLParser is enough: keep the text of the document body (the element
the publication sites mark as the document, else <main>/<article>, else <body>), drop navigation,
headers, footers and scripts, and end a line at every block element.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from jbz.read.base import Text, reader
from jbz.read.text import normalise, read_plain_text

_BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "section",
           "article", "main", "header", "footer", "blockquote", "pre", "td", "th", "dd", "dt"}
_SKIP = {"script", "style", "nav", "head", "noscript", "template", "svg", "form", "button", "aside"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}
# How the official publication pages mark the letter itself.
_DOCUMENT = re.compile(r"\b(broodtekst|stuk|document-content|kamerstuk|content-body)\b", re.I)


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, skipped, marks the document)
        self.all: list[str] = []
        self.document: list[str] = []

    def _skipping(self) -> bool:
        return any(skipped for _, skipped, _ in self.stack)

    def _in_document(self) -> bool:
        return any(marks for _, _, marks in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = " ".join(f"{v}" for k, v in attrs if k in ("id", "class") and v)
        skipped = tag in _SKIP or (tag in ("header", "footer") and not self._in_document())
        marks = tag in ("main", "article") or bool(_DOCUMENT.search(attributes))
        if tag in _BLOCKS:
            self._emit("\n")
        if tag not in _VOID:
            self.stack.append((tag, skipped, marks))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break
        if tag in _BLOCKS:
            self._emit("\n")

    def handle_data(self, data):
        if not self._skipping():
            self._emit(re.sub(r"\s+", " ", data))

    def _emit(self, text: str) -> None:
        self.all.append(text)
        if self._in_document():
            self.document.append(text)


@reader(".html", ".htm", "html")
def read_html(data: bytes) -> Text:
    """Return the text of the letter on an HTML page, one line per block."""
    raw, warnings = read_plain_text(data)
    extractor = _Extractor()
    extractor.feed(raw)
    extractor.close()
    chosen = extractor.document if "".join(extractor.document).strip() else extractor.all
    lines = [line.strip() for line in "".join(chosen).split("\n")]
    return Text(normalise("\n".join(line for line in lines if line)), warnings)
