"""PDF letters: the text layer, page by page, with running headers and footers taken off.

PDFium (pypdfium2): the PDF engine of Chromium, a compiled library shipped inside the wheel, about
five times as fast as pure-Python pypdf on the letters and reading the lines as laid out on the
page, which is what the letter parser reads (the measurements: benchmarks/README.md).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import chain, islice

from jbz.read.base import MAX_PAGES, Text, UnreadableFile, reader
from jbz.read.text import normalise

SCAN_WARNING = "no text layer (a scan?): it needs OCR, which jbz does not run; indexed without text"
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")


@reader(".pdf", "pdf")
def read_pdf(data: bytes) -> Text:
    """Return a PDF's text, pages opened by a line of one space (as the parser expects)."""
    pages = [normalise(page) for page in page_texts(data)]
    if not any(page.strip() for page in pages):
        return Text("", [SCAN_WARNING])
    page_lines = [page.split("\n") for page in pages]
    furniture = running_lines(page_lines)
    # A line is furniture only if it opens like one: a cheap test first, on every line of every page.
    openings = tuple(key.removesuffix("#") for key in furniture)
    kept: list[list[str]] = []
    removed: set[str] = set()
    for lines in page_lines:
        kept.append([])
        for line in lines:
            if line.lstrip().startswith(openings) and _key(line) in furniture:
                removed.add(line.strip())
            else:
                kept[-1].append(line)
    text = "\n".join("\n \n" + "\n".join(lines) for lines in kept)
    return Text(text, [], sorted(removed))


def page_texts(data: bytes) -> Iterator[str]:
    """Yield the text of each page of the PDF in `data`, one page open at a time."""
    import pypdfium2 as pdfium
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium.raw.FPDF_ERR_PASSWORD:
            raise UnreadableFile("the PDF is encrypted with a password") from None
        raise UnreadableFile(f"cannot read this PDF ({exc})") from None
    try:
        if len(pdf) > MAX_PAGES:
            raise UnreadableFile(f"{len(pdf):,} pages, more than any letter has (limit {MAX_PAGES:,})")
        for number in range(len(pdf)):
            yield _page_text(pdf, number)
    except pdfium.PdfiumError as exc:
        raise UnreadableFile(f"cannot read this PDF, it looks damaged ({exc})") from None
    finally:
        pdf.close()


def _page_text(pdf, number: int) -> str:
    page = pdf[number]
    try:
        textpage = page.get_textpage()
        try:
            # PDFium joins a line that ends in a hyphen to the next, marking the hyphen U+FFFE: the
            # line break is put back, so a PDF's lines are the lines its text version has.
            return textpage.get_text_range().replace("\ufffe", "-\n")
        finally:
            textpage.close()
    finally:
        page.close()


def _key(line: str) -> str:
    # "…, nr. 995 3" and "…, nr. 995 4" are one running footer: page numbers do not count.
    # (str methods, not a regular expression: this runs on every line of every page.)
    stripped = line.strip()
    return stripped.rstrip("0123456789") + "#" if stripped[-1:].isdigit() else stripped


def running_lines(pages: list[list[str]]) -> set[str]:
    """Return the keys of lines that head or foot most pages: running headers and footers."""
    edges: Counter[str] = Counter()
    for lines in pages:
        head = islice((line for line in lines if line.strip()), 2)
        foot = islice((line for line in reversed(lines) if line.strip()), 2)
        for key in {_key(line) for line in chain(head, foot)}:
            edges[key] += 1
    # Bare page numbers stay: the parser drops them, and they end a footnote block.
    return {key for key, count in edges.items()
            if len(pages) >= 3 and count >= 0.6 * len(pages) and not _PAGE_NUMBER.match(key.replace("#", "1"))}
