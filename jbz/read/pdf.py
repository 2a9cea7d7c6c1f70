"""PDF letters: the text layer, page by page, with running headers and footers taken off.

pypdf: pure Python, well kept, no system libraries, and its text extraction keeps the lines as
laid out on the page, which is what the letter parser reads.
"""
from __future__ import annotations

import io
import re
from collections import Counter

from jbz.read.base import Text, UnreadableFile, reader
from jbz.read.text import normalise

SCAN_WARNING = "no text layer (a scan?): it needs OCR, which jbz does not run; indexed without text"
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")


@reader(".pdf", "pdf")
def read_pdf(data: bytes) -> Text:
    """Return a PDF's text, pages opened by a line of one space (as the parser expects)."""
    pages = _page_texts(data)
    if not any(page.strip() for page in pages):
        return Text("", [SCAN_WARNING])
    page_lines = [normalise(page).split("\n") for page in pages]
    furniture = running_lines(page_lines)
    kept = [[line for line in lines if _key(line) not in furniture] for lines in page_lines]
    text = "\n".join("\n \n" + "\n".join(lines) for lines in kept)
    removed = sorted({line.strip() for lines in page_lines for line in lines if _key(line) in furniture})
    return Text(text, [], removed)


def _page_texts(data: bytes) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError
    try:
        pdf = PdfReader(io.BytesIO(data))
        if pdf.is_encrypted and not pdf.decrypt(""):
            raise UnreadableFile("the PDF is encrypted with a password")
        return [page.extract_text() or "" for page in pdf.pages]
    except UnreadableFile:
        raise
    except PyPdfError as exc:
        raise UnreadableFile(f"cannot read this PDF ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # noqa: BLE001 - a damaged PDF can make pypdf fail in any way
        raise UnreadableFile(f"cannot read this PDF, it looks damaged ({type(exc).__name__})") from None


def _key(line: str) -> str:
    # "…, nr. 995 3" and "…, nr. 995 4" are one running footer: page numbers do not count.
    return re.sub(r"\d+\s*$", "#", line.strip())


def running_lines(pages: list[list[str]]) -> set[str]:
    """Return the keys of lines that head or foot most pages: running headers and footers."""
    edges: Counter[str] = Counter()
    for lines in pages:
        content = [line for line in lines if line.strip()]
        for line in set(content[:2] + content[-2:]):
            edges[_key(line)] += 1
    # Bare page numbers stay: the parser drops them, and they end a footnote block.
    return {key for key, count in edges.items()
            if len(pages) >= 3 and count >= 0.6 * len(pages) and not _PAGE_NUMBER.match(key.replace("#", "1"))}
