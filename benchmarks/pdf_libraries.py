#!/usr/bin/env python3
"""Which PDF library should jbz read PDFs with? Speed and reading of each one installed.

    python benchmarks/pdf_libraries.py CORPUS [--letters 200]

CORPUS is a folder made by `make_corpus.py CORPUS --pdf` (letters/*.txt, pdf/letters/*.pdf and
pdf/seeds/*.pdf). For every library that is installed (pypdfium2, pypdf, pdfminer.six, PyMuPDF) it
times the text extraction of each page (CPU time, this process alone) and plugs the library into
jbz's PDF reader in place of PDFium, to count the letters whose reading (every field the parser
fills, its passages included) differs from the reading of the same letter's .txt.
"""
from __future__ import annotations

import argparse
import io
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from unittest import mock

from jbz.parse import parse_letter
from jbz.parse.passages import passages_of
from jbz.read import pdf, read_bytes, read_file

ROOT = Path(__file__).resolve().parent.parent


def pypdf_pages(data: bytes) -> Iterator[str]:
    from pypdf import PdfReader
    return (page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def pdfminer_pages(data: bytes) -> Iterator[str]:
    from pdfminer.high_level import extract_text
    return iter(extract_text(io.BytesIO(data)).split("\f")[:-1])


def pymupdf_pages(data: bytes) -> Iterator[str]:
    import pymupdf
    with pymupdf.open(stream=data, filetype="pdf") as document:
        return iter([page.get_text() for page in document])


LIBRARIES: dict[str, tuple[str, Callable[[bytes], Iterator[str]]]] = {
    "pypdfium2 (jbz)": ("pypdfium2", pdf.page_texts), "pypdf": ("pypdf", pypdf_pages),
    "pdfminer.six": ("pdfminer", pdfminer_pages), "PyMuPDF": ("pymupdf", pymupdf_pages)}


def reading(text: str):
    """Return everything the parser reads from a letter's text, evidence and warnings aside."""
    doc = parse_letter(text)
    doc.passages = passages_of(doc)
    return replace(doc, evidence={}, warnings=[])


def measure(pages_of: Callable[[bytes], Iterator[str]], pdfs: list[Path], texts: list[Path]) -> dict:
    """Return the CPU time per page of `pages_of`, and how many of `pdfs` read unlike their `texts`."""
    datas = [path.read_bytes() for path in pdfs]
    started, pages = time.process_time(), 0
    for data in datas:
        pages += sum(1 for _ in pages_of(data))
    cpu = time.process_time() - started
    with mock.patch.object(pdf, "page_texts", pages_of):
        differ = [p.name for p, data, t in zip(pdfs, datas, texts) if reading(read_bytes(data, ".pdf").text)
                  != reading(read_file(t).text)]
    return {"pages": pages, "ms_per_page": 1000 * cpu / pages, "differ": differ}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--letters", type=int, default=200, help="synthetic letters to read (the first N)")
    args = parser.parse_args()
    letters = sorted((args.corpus / "pdf" / "letters").glob("*.pdf"))[:args.letters]
    seeds = sorted((args.corpus / "pdf" / "seeds").glob("*.pdf"))
    print(f"| library | ms of CPU a page ({len(letters)} letters) | letters read unlike their .txt "
          f"| seeds ({len(seeds)}) read unlike their .txt |\n|---|---|---|---|")
    for name, (module, pages_of) in LIBRARIES.items():
        try:
            __import__(module)
        except ImportError:
            print(f"| {name} | not installed | | |")
            continue
        synthetic = measure(pages_of, letters, [args.corpus / "letters" / f"{p.stem}.txt" for p in letters])
        real = measure(pages_of, seeds, [ROOT / "seeds" / f"{p.stem}.txt" for p in seeds])
        print(f"| {name} | {synthetic['ms_per_page']:.2f} | {len(synthetic['differ'])} of {len(letters)} "
              f"| {len(real['differ'])} ({', '.join(real['differ']) or 'none'}) |", flush=True)


if __name__ == "__main__":
    main()
