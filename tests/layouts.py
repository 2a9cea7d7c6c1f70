"""The same letter in other layouts: transforms of a file's raw text, and builders of PDF, Word and
HTML files from it.

Every transform works on the text as it is on disk and knows nothing of letters: it never asks the
parser where a heading, an item or a footnote is. What a transform may use is the layout itself —
blank lines, line ends, line lengths — the way a converter, a word processor or a browser would.
A reading that changes under one of these is a reading that depends on layout.

A *block* is a run of non-blank lines (blank = empty or white space only). A *paragraph* is what the
author typed as one. A block is cut after a line that ends well short of the text's wrap width (a
word processor ends a line early only where a paragraph ends), after a line far longer than it (a
line never wrapped, such as a page title above the letter), and before a line that opens a list
entry ("2. ", "III. ", "b) ", "• "; Word makes each entry a paragraph). So the heading "Kopgroep
contraterrorisme ontbijt" on its own short line stays a paragraph of its own even where no blank
line follows it. A file whose blocks are single lines (a paragraph per line already) keeps them.

The brief for these tests said "paragraph = run of non-blank lines". In the seeds' PDF text a
heading runs straight on into its body without a blank line, so that definition glues a heading
to its text ("Kopgroep contraterrorisme ontbijt Voorafgaand aan de JBZ-Raad ..."): a file no
user has, and a reading no parser can recover. Line lengths are layout, not content.
"""
from __future__ import annotations

import html
import io
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

#: A line whose length plus the next line's first word stays under this share of the wrap width
#: ends a paragraph. Proportional fonts make wrapped lines of one width vary by some 10 %.
FULL_LINE = 0.85
#: A line this much longer than the wrap width was never wrapped (a page title above the letter).
LONG_LINE = 1.15

#: A line that opens a numbered or bulleted list entry, which a word processor makes a paragraph of.
_LIST_MARKER = re.compile(r"\s*(?:(?:\d{1,2}|[a-z]|[IVX]{1,5})[.)]|•)\s+\S")
_PAGE_NUMBER = re.compile(r"\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*")  # "3", " 12 ", "- 4 -"


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _blank(line: str) -> bool:
    return not line.strip()


def join_lines(lines: list[str]) -> str:
    """Return lines joined into one: single spaces, and a word broken at a line-end hyphen
    ("terug-" + "keer") joined without a space, the hyphen kept ("terug-keer")."""
    joined = ""
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if joined and not (joined.endswith("-") and not joined.endswith(" -")):
            joined += " "
        joined += line
    return joined


def blocks(text: str) -> list[list[str] | str]:
    """Return the text as blank lines (str, kept verbatim) and blocks (lists of non-blank lines)."""
    out: list[list[str] | str] = []
    for line in _lines(text):
        if _blank(line):
            out.append(line)
        elif out and isinstance(out[-1], list):
            out[-1].append(line)
        else:
            out.append([line])
    return out


def wrap_width(text: str) -> int:
    """Return the width the text's lines were wrapped at: the 90th percentile of their lengths."""
    lengths = sorted(len(line.strip()) for line in _lines(text) if not _blank(line))
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def paragraphs_of(block: list[str], width: int) -> list[list[str]]:
    """Return the paragraphs of one block: cut after each line that ends well short of `width` or
    runs well past it, and before each line that opens a list entry."""
    paragraphs: list[list[str]] = [[]]
    for line, following in zip(block, [*block[1:], None]):
        paragraphs[-1].append(line)
        if following is not None:
            room = len(line.strip()) + 1 + len(following.split()[0])
            unwrapped = len(line.strip()) > LONG_LINE * width  # never wrapped: a paragraph of its own
            if room < FULL_LINE * width or unwrapped or _LIST_MARKER.match(following):
                paragraphs.append([])
    return paragraphs


def paragraphs(text: str) -> list[str | None]:
    """Return the text's paragraphs, each joined onto one line, with None for each blank line."""
    width = wrap_width(text)
    out: list[str | None] = []
    for block in blocks(text):
        if isinstance(block, str):
            out.append(None)
        else:
            out += [join_lines(p) for p in paragraphs_of(block, width)]
    return out


# -- text -> text ---------------------------------------------------------------------------------

def rewrapped(width: int) -> Callable[[str], str]:
    """Return a transform that re-wraps every paragraph at `width` characters, keeping blank lines."""
    def rewrap(text: str) -> str:
        out = []
        for paragraph in paragraphs(text):
            out += [""] if paragraph is None else textwrap.wrap(
                paragraph, width, break_long_words=False, break_on_hyphens=False) or [""]
        return "\n".join(out)
    rewrap.__name__ = f"rewrapped_{width}"
    return rewrap


def one_line_per_paragraph(text: str) -> str:
    """Return the text with each paragraph on one line (a hyphen-broken word made whole)."""
    return "\n".join("" if p is None else p for p in paragraphs(text))


def blank_lines_doubled(text: str) -> str:
    """Return the text with every blank line twice."""
    return "\n".join(line + "\n" + line if _blank(line) else line for line in _lines(text))


def blank_lines_collapsed(text: str) -> str:
    """Return the text with every run of blank lines made one empty line."""
    out: list[str] = []
    for line in _lines(text):
        if _blank(line):
            if out and out[-1] == "":
                continue
            line = ""
        out.append(line)
    return "\n".join(out)


def furniture_lines_removed(text: str) -> str:
    """Return the text without its white-space-only lines (empty lines stay) and bare page-number lines."""
    return "\n".join(line for line in _lines(text)
                     if line == "" or not (_blank(line) or _PAGE_NUMBER.fullmatch(line)))


def trailing_spaces_stripped(text: str) -> str:
    """Return the text with the white space at every line end removed."""
    return "\n".join(line.rstrip() for line in _lines(text))


def crlf(text: str) -> str:
    """Return the text with Windows line ends."""
    return "\r\n".join(_lines(text))


# -- text -> file bytes ---------------------------------------------------------------------------

def word_file(texts: list[str]) -> bytes:
    """Return a Word file with one paragraph per string."""
    import docx  # python-docx, a test extra
    document = docx.Document()
    for paragraph in texts:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_paragraph_per_line(text: str) -> bytes:
    """Return a Word file with one paragraph per line (a blank line an empty paragraph)."""
    return word_file([line.strip() for line in _lines(text)])


def docx_paragraph_per_paragraph(text: str) -> bytes:
    """Return a Word file with one paragraph per paragraph, and no empty ones."""
    return word_file([p for p in paragraphs(text) if p])


def _escape(line: str) -> str:
    return html.escape(line.strip(), quote=False)


def _page(body: str) -> bytes:
    return ("<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Kamerstuk</title></head>\n"
            f"<body>\n{body}\n</body></html>\n").encode("utf-8")


def html_p_per_line(text: str) -> bytes:
    """Return an HTML page with a <p> for every non-blank line."""
    return _page("\n".join(f"<p>{_escape(line)}</p>" for line in _lines(text) if not _blank(line)))


def html_p_per_paragraph(text: str) -> bytes:
    """Return an HTML page with a <p> for every paragraph."""
    return _page("\n".join(f"<p>{_escape(p)}</p>" for p in paragraphs(text) if p))


def html_br_between_lines(text: str) -> bytes:
    """Return an HTML page with a <p> per block and <br> between the block's lines."""
    return _page("\n".join("<p>" + "<br>".join(_escape(line) for line in block) + "</p>"
                           for block in blocks(text) if isinstance(block, list)))


#: Every layout by name: (transform, suffix of the file it makes).
LAYOUTS: dict[str, tuple[Callable[[str], str | bytes], str]] = {
    "rewrapped_50": (rewrapped(50), ".txt"),
    "rewrapped_110": (rewrapped(110), ".txt"),
    "one_line_per_paragraph": (one_line_per_paragraph, ".txt"),
    "blank_lines_doubled": (blank_lines_doubled, ".txt"),
    "blank_lines_collapsed": (blank_lines_collapsed, ".txt"),
    "furniture_lines_removed": (furniture_lines_removed, ".txt"),
    "trailing_spaces_stripped": (trailing_spaces_stripped, ".txt"),
    "crlf": (crlf, ".txt"),
    "docx_paragraph_per_line": (docx_paragraph_per_line, ".docx"),
    "docx_paragraph_per_paragraph": (docx_paragraph_per_paragraph, ".docx"),
    "html_p_per_line": (html_p_per_line, ".html"),
    "html_p_per_paragraph": (html_p_per_paragraph, ".html"),
    "html_br_between_lines": (html_br_between_lines, ".html"),
}


def layout_bytes(name: str, text: str) -> tuple[bytes, str]:
    """Return the file the named layout makes of `text`, and its suffix."""
    transform, suffix = LAYOUTS[name]
    made = transform(text)
    return (made.encode("utf-8") if isinstance(made, str) else made), suffix


# -- PDF (fpdf2), laid out as the seeds' own PDFs -------------------------------------------------

def pages_of(text: str) -> list[list[str]]:
    """Split a seed into its PDF pages: a line with one leading space opens a page."""
    pages: list[list[str]] = [[]]
    for line in text.split("\n"):
        if (line.startswith(" ") and not line.startswith("  ")) or line == " ":
            pages.append([])
        pages[-1].append(line.strip())
    return [page for page in pages if any(page)]


def make_pdf(text: str, path: Path, header: str | None = None) -> None:
    """Write `text` as a PDF at `path`, a page per seed page, a running `header` with page numbers."""
    import fpdf  # fpdf2, a test extra
    import pytest
    pdf = fpdf.FPDF(format="A4")
    pdf.set_auto_page_break(False)
    if FONT.exists():
        pdf.add_font("DejaVu", fname=str(FONT))
        pdf.set_font("DejaVu", size=7)
    else:  # pragma: no cover - every machine this project runs on has DejaVu
        pytest.skip(f"no Unicode font at {FONT}")
    for number, lines in enumerate(pages_of(text), 1):
        pdf.add_page()
        if header:
            pdf.set_xy(10, 5)
            pdf.cell(0, 4, f"{header} {number}")
        y = 14
        for line in lines:
            if line:
                pdf.set_xy(10, y)
                pdf.cell(0, 3.2, line)
            y += 3.2 if line else 1.0
    pdf.output(str(path))
