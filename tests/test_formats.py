"""PDF, Word and HTML versions of the seed letters read exactly like their text versions."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jbz.cli import app
from jbz.parse import parse_letter
from jbz.parse.lines import take_footnotes
from jbz.read import UnreadableFile, read_file
from jbz.read.pdf import SCAN_WARNING
from layouts import make_pdf

fpdf = pytest.importorskip("fpdf", reason="fpdf2 (a test extra) builds the PDFs")
docx = pytest.importorskip("docx", reason="python-docx builds the Word files")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLD = {d["file"]: d for d in json.loads((ROOT / "tests" / "data" / "gold_seeds.json").read_text())["documents"]}

def make_docx(text: str, path: Path) -> None:
    document = docx.Document()
    body, _ = take_footnotes(text)  # Word keeps footnotes in a part of their own
    for index, line in enumerate(body):
        paragraph = document.add_paragraph()
        if line.page_start and index:
            paragraph.add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
        paragraph.add_run(line.text)
    document.save(str(path))


def make_html(text: str, path: Path) -> None:
    body, notes = take_footnotes(text)  # the publication pages print footnotes after the letter
    paragraphs = "\n".join(f"<p>{line.text.replace('&', '&amp;').replace('<', '&lt;')}</p>" for line in body)
    footnotes = "\n".join(f"<p>{n.number} {n.text}</p>" for n in notes)
    path.write_text(f"<!DOCTYPE html><html><head><title>Kamerstuk</title><script>var x = 1;</script></head>"
                    f"<body><nav><a href='/'>Home</a> Zoeken Menu</nav><header>Officiële bekendmakingen</header>"
                    f"<div id='broodtekst'>{paragraphs}<div class='voetnoten'>{footnotes}</div></div>"
                    f"<footer>Colofon Privacy</footer></body></html>", encoding="utf-8")


def reading(doc) -> dict:
    meeting = doc.meeting
    return {"kamerstuk": doc.kamerstuk, "chamber": doc.chamber, "letter_date": doc.letter_date,
            "doc_type": doc.doc_type,
            "meeting": meeting and (meeting.start, meeting.end, meeting.location, meeting.informal),
            "items": [(p.title, i.number, i.title, i.label, [(s.number, s.title) for s in i.subitems])
                      for p in doc.parts for i in p.items],
            "signatories": doc.signatories, "cover_topics": [t.title for t in doc.cover_topics]}


BUILDERS = {"pdf": make_pdf, "docx": make_docx, "html": make_html}


@pytest.fixture(scope="module")
def formats(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formats")
    for seed in SEEDS:
        text = seed.read_text(encoding="utf-8")
        shutil.copy(seed, folder / seed.name)
        for suffix, build in BUILDERS.items():
            build(text, folder / f"{seed.stem}.{suffix}")
    return folder


@pytest.mark.parametrize("suffix", sorted(BUILDERS))
@pytest.mark.parametrize("seed", [s.name for s in SEEDS])
def test_each_format_reads_like_the_text(formats, seed, suffix):
    stem = Path(seed).stem
    want = reading(parse_letter(read_file(formats / seed).text))
    got = reading(parse_letter(read_file(formats / f"{stem}.{suffix}").text))
    assert got == want


def test_twenty_files_index_into_five_documents_that_agree_with_the_gold(formats, tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "x.db")
    result = runner.invoke(app, ["--db", db, "index", str(formats)])
    assert result.exit_code == 0, result.output
    assert "20 indexed" in result.stderr or "5 indexed" in result.stderr
    docs = json.loads(runner.invoke(app, ["--db", db, "docs", "--json"]).stdout)
    assert len(docs) == 5
    for doc in docs:
        stem = Path(doc["file"]).stem
        assert sorted(Path(f).suffix for f in doc["files"]) == [".docx", ".html", ".pdf", ".txt"]
        gold = GOLD[f"{stem}.txt"]
        assert (doc["kamerstuk"], doc["doc_type"], doc["letter_date"], doc["meeting_start"], doc["location"]) == (
            gold["kamerstuk"], gold["doc_type"], gold["letter_date"], gold["meeting"]["start"],
            gold["meeting"]["location"])
    track = json.loads(runner.invoke(app, ["--db", db, "track", "Terugkeerverordening", "--json"]).stdout)
    assert len({e["meeting_start"] for e in track["entries"]}) == 5
    assert len({(e["file"], e["where"]) for e in track["entries"]}) == len(track["entries"])


def test_running_header_is_furniture_and_gives_the_kamerstuk(tmp_path):
    text = (ROOT / "seeds" / "000_13a0f7031c7bf738.txt").read_text(encoding="utf-8")  # prints no Kamerstuk
    pdf = tmp_path / "with-header.pdf"
    make_pdf(text, pdf, header="Tweede Kamer, vergaderjaar 2025–2026, 32 317, nr. 990")
    read = read_file(pdf)
    assert "vergaderjaar" not in read.text
    assert read.furniture and read.furniture[0].startswith("Tweede Kamer, vergaderjaar")
    runner = CliRunner()
    db = str(tmp_path / "x.db")
    runner.invoke(app, ["--db", db, "index", str(pdf)])
    assert json.loads(runner.invoke(app, ["--db", db, "docs", "--json"]).stdout)[0]["kamerstuk"] == "32317-990"


def test_a_scan_without_text_is_indexed_with_a_warning(tmp_path):
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 150, 200, style="F")
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    assert read_file(path).warnings == [SCAN_WARNING]
    runner = CliRunner()
    db = str(tmp_path / "x.db")
    result = runner.invoke(app, ["--db", db, "index", str(path)])
    assert result.exit_code == 0 and "needs OCR" in result.stderr
    docs = json.loads(runner.invoke(app, ["--db", db, "docs", "--json"]).stdout)
    assert docs[0]["doc_type"] == "other" and docs[0]["warnings"] == [SCAN_WARNING]


def test_a_pdf_renamed_txt_is_read_as_pdf_and_a_broken_one_refused(formats, tmp_path):
    renamed = tmp_path / "letter.txt"
    shutil.copy(formats / "002_0b783c6c09b9d010.pdf", renamed)
    assert parse_letter(read_file(renamed).text).kamerstuk == "32317-975"
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj <<>> garbage")
    with pytest.raises(UnreadableFile, match="cannot read this PDF"):
        read_file(broken)
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04word/document.xml not really a zip")
    with pytest.raises(UnreadableFile, match="Word file"):
        read_file(tmp_path / "broken.docx")


def test_html_page_keeps_the_document_and_drops_the_site(formats):
    text = read_file(formats / "001_2a5ab7112efab522.html").text
    assert "Geannoteerde agenda" in text
    assert not any(word in text for word in ("Zoeken Menu", "Colofon", "var x", "Officiële bekendmakingen"))


def test_word_list_numbers_are_read_from_the_numbering_definitions(tmp_path):
    document = docx.Document()
    document.add_paragraph("Geannoteerde agenda van de bijeenkomst van de Raad Justitie en Binnenlandse Zaken, "
                           "5 en 6 maart 2026")
    document.add_paragraph("Binnenlandse Zaken", style="List Number")
    document.add_paragraph("Schengen", style="List Number")
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    lines = read_file(path).text.split("\n")
    assert lines[1:3] == ["1. Binnenlandse Zaken", "2. Schengen"]


def _answers(runner: CliRunner, folder: Path, db: str) -> dict:
    """Index `folder` into `db`; return what docs, meeting and track say, with the folder, the
    files' suffixes and the PDF page of a place left out (the things that differ between formats)."""
    assert runner.invoke(app, ["--db", db, "index", str(folder)]).exit_code == 0
    docs = runner.invoke(app, ["--db", db, "docs", "--json"]).stdout
    meetings = [m["start"] for m in json.loads(runner.invoke(app, ["--db", db, "meetings", "--json"]).stdout)]
    answers = {"docs": docs, "track": runner.invoke(app, ["--db", db, "track", "Terugkeerverordening", "--json"]).stdout,
               **{day: runner.invoke(app, ["--db", db, "meeting", day, "--json"]).stdout for day in meetings}}
    return {key: _without_pages(json.loads(text.replace(str(folder), "FOLDER").replace(".pdf", ".txt")))
            for key, text in answers.items()}


def _without_pages(value):
    if isinstance(value, dict):
        return {k: _without_pages(v) for k, v in value.items() if k != "page"}
    if isinstance(value, list):
        return [_without_pages(v) for v in value]
    return value


def test_the_seeds_as_pdf_answer_docs_meeting_and_track_as_their_text(tmp_path):
    runner = CliRunner()
    texts, pdfs = tmp_path / "letters", tmp_path / "pdfs"
    texts.mkdir(), pdfs.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, texts / seed.name)
        # DejaVu has no glyph for the Symbol font's private-use bullet, so fpdf2 would leave it out of
        # the PDF; the published PDFs draw it, and jbz reads either as "•".
        make_pdf(seed.read_text(encoding="utf-8").replace("\uf0b7", "•"), pdfs / f"{seed.stem}.pdf")
    want = _answers(runner, texts, str(tmp_path / "text.db"))
    got = _answers(runner, pdfs, str(tmp_path / "pdf.db"))
    assert len(want) == 2 + 5  # docs, track and the five meetings
    for key in want:
        assert got[key] == want[key], key
