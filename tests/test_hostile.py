"""Hostile files: each is built here, small on disk and huge when read, and indexed by the real
command beside the five seeds. Each is skipped with its reason; the seeds read as the gold file says;
no character a file holds can drive the terminal."""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from terminal import in_a_terminal
from test_reliability import ROOT, _children, assert_no_traceback, jbz

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLD = {d["file"]: d for d in json.loads((ROOT / "tests" / "data" / "gold_seeds.json").read_text(
    encoding="utf-8"))["documents"]}
# What a terminal would obey: C0 but tab and newline, DEL, C1, bidi overrides and isolates.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
TRAP = "\x1b]0;pwned\x07\x1b[2J\x1b[31m\u202e\x9b"

_CONTENT_TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                  '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
                  'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                  '</Types>')
_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="word/document.xml"/></Relationships>')
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _word_file(path: Path, document: bytes | None = None, zeros: int = 0) -> None:
    """Write a Word package whose document.xml is `document`, or a paragraph of `zeros` NUL bytes
    (deflated by about a thousand times: a zip bomb)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        if document is not None:
            package.writestr("word/document.xml", document)
            return
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0"?><w:document {_W}><w:body><w:p><w:r><w:t>'.encode())
            chunk = bytes(1 << 20)
            for _ in range(zeros >> 20):
                part.write(chunk)
            part.write(b"</w:t></w:r></w:p></w:body></w:document>")


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                             for i in range(1, 10))
                  + f']><w:document {_W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'.encode())
EXTERNAL_ENTITY = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                   + f'<w:document {_W}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>'.encode())


def _pdf_bomb(path: Path, inflated: int = 1 << 30) -> None:
    """Write a one-page PDF whose content stream, about 1 MB deflated, inflates to `inflated` bytes."""
    import zlib
    packer = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    stream = b"".join(packer.compress(chunk) for _ in range(inflated >> 20)) + packer.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(out)


def _many_pages(path: Path, pages: int = 1_200) -> None:
    from fpdf import FPDF
    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
    pdf.output(str(path))


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for seed in SEEDS:
        (folder / seed.name).write_bytes(seed.read_bytes())
    _word_file(folder / "zip-bomb.docx", zeros=1 << 30)
    _word_file(folder / "billion-laughs.docx", BILLION_LAUGHS)
    _word_file(folder / "external-entity.docx", EXTERNAL_ENTITY)
    (folder / "nested.html").write_text("<html><body>" + "<div>" * 100_000 + "x" + "</div>" * 100_000
                                        + "</body></html>", encoding="utf-8")
    (folder / "markup.html").write_text("<html><body>" + '<span class="a"></span>' * 400_000 + "</body></html>",
                                        encoding="utf-8")
    (folder / "long-line.txt").write_text("Den Haag, 1 maart 2025\n" + "woord " * 2_000_000 + "\n", encoding="utf-8")
    _pdf_bomb(folder / "stream-bomb.pdf")
    _many_pages(folder / "many-pages.pdf")
    return folder


EXPECTED_REASONS = {
    "zip-bomb.docx": "zip bomb", "billion-laughs.docx": "document type or entities",
    "external-entity.docx": "document type or entities", "nested.html": "HTML elements",
    "markup.html": "HTML elements", "long-line.txt": "a line of more than", "many-pages.pdf": "pages, more than",
    # PDFium gives up on the stream (the memory cap) by aborting: the worker is replaced.
    "stream-bomb.pdf": ("crashed the reader", "needed more than"),
}


@pytest.fixture(scope="module")
def hostile_run(hostile_folder, tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "jbz.db"
    result = jbz("index", str(hostile_folder), db=db, timeout=300)
    return result, db


def test_the_bombs_are_small_on_disk(hostile_folder):
    assert (hostile_folder / "stream-bomb.pdf").stat().st_size < 2 * 2**20
    bomb = hostile_folder / "zip-bomb.docx"
    assert bomb.stat().st_size < 2 * 2**20
    with zipfile.ZipFile(bomb) as package:
        assert package.getinfo("word/document.xml").file_size >= 2**30


def test_each_hostile_file_is_skipped_with_its_reason_and_the_run_exits_2(hostile_run):
    result, _ = hostile_run
    assert_no_traceback(result)
    assert result.returncode == 2, result.stderr
    reasons = dict(re.findall(r"^skipped \S*/([^/:]+): (.*)$", result.stderr, re.M))
    assert set(reasons) == set(EXPECTED_REASONS), reasons
    for name, words in EXPECTED_REASONS.items():
        assert any(w in reasons[name] for w in ((words,) if isinstance(words, str) else words)), (name, reasons[name])


def test_the_seeds_beside_them_read_as_the_gold_file(hostile_run):
    _, db = hostile_run
    docs = {d["file"]: d for d in json.loads(jbz("docs", "--json", db=db).stdout)}
    for name, gold in GOLD.items():
        doc = docs[name]
        meeting = gold["meeting"] or {}
        assert (doc["kamerstuk"], doc["doc_type"], doc["letter_date"], doc["meeting_start"], doc["location"]) == (
            gold["kamerstuk"], gold["doc_type"], gold["letter_date"], meeting.get("start"), meeting.get("location"))


def test_control_characters_in_a_letter_are_not_stored(tmp_path):
    text = SEEDS[1].read_text(encoding="utf-8").replace("Schengenbarometer", f"Schengen{TRAP}barometer", 1)
    text = text.replace("Schengen barometer", f"Schengen{TRAP} barometer", 1)
    assert TRAP in text
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "trap.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "jbz.db"
    assert jbz("index", str(tmp_path / "letters"), db=db).returncode == 0
    import sqlite3
    with sqlite3.connect(db) as conn:
        stored = [row[0] for row in conn.execute("SELECT text FROM passages")] + \
            [row[0] for row in conn.execute("SELECT title FROM items")]
    assert any("Schengen" in text for text in stored)
    assert not [text for text in stored if UNSAFE.search(text or "")]


def _rss_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"^VmRSS:\s+(\d+)", status, re.M)
    return int(match.group(1)) if match else 0


def _run_measured(args: list[str], env: dict, on_poll=None, timeout: float = 120):
    """Run jbz, sampling the summed RSS of it and its workers; return (process, stderr, peak MB, seconds)."""
    import os
    import subprocess
    import sys
    import time
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "jbz", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, cwd=ROOT, env={**os.environ, **env})
    peak = 0
    while process.poll() is None and time.monotonic() - started < timeout:
        tree = [process.pid] + _children(process.pid)
        peak = max(peak, sum(_rss_kb(pid) for pid in tree))
        if on_poll:
            on_poll(process, tree)
        time.sleep(0.02)
    stdout, stderr = process.communicate(timeout=30)
    return process, stderr, peak / 1024, time.monotonic() - started


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc to measure memory")
def test_the_hostile_folder_indexes_within_the_safety_limits(hostile_folder, tmp_path):
    process, stderr, peak_mb, seconds = _run_measured(["index", str(hostile_folder)],
                                                      {"JBZ_DB": str(tmp_path / "jbz.db")})
    print(f"hostile folder: {seconds:.1f} s, peak RSS {peak_mb:.0f} MB summed over jbz and its workers")
    assert process.returncode == 2, stderr
    assert "5 indexed" in stderr
    assert peak_mb < 300 and seconds < 60


def _seeds_and_a_big_letter(tmp_path: Path, name: str) -> Path:
    """Return a folder of the five seeds and an 8 MB letter `name` (a seed repeated): seconds to read."""
    folder = tmp_path / "letters"
    folder.mkdir()
    seed = SEEDS[3].read_text(encoding="utf-8")
    (folder / name).write_text((seed * (8_000_000 // len(seed) + 1))[:8_000_000], encoding="utf-8")
    for path in SEEDS:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def test_a_file_that_passes_the_clock_is_stopped_and_the_rest_indexed(tmp_path):
    folder = _seeds_and_a_big_letter(tmp_path, "slow.txt")
    result = jbz("index", str(folder), db=tmp_path / "jbz.db", env_extra={"JBZ_READ_TIMEOUT": "1"})
    assert_no_traceback(result)
    assert result.returncode == 2
    assert re.search(r"^skipped \S*slow\.txt: took longer than 1\.2\d* s to read", result.stderr, re.M), result.stderr
    assert "5 indexed" in result.stderr


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc to find the worker")
def test_a_worker_killed_mid_file_loses_only_that_file(tmp_path):
    import os
    import signal
    folder = _seeds_and_a_big_letter(tmp_path, "000-big.txt")
    killed = []

    def kill_a_worker(process, tree):
        # The big file is the first job: the first worker seen busy for a while is reading it.
        if not killed and len(tree) > 1 and _rss_kb(tree[1]) > 60_000:
            os.kill(tree[1], signal.SIGKILL)
            killed.append(tree[1])

    process, stderr, _, _ = _run_measured(["index", str(folder)], {"JBZ_DB": str(tmp_path / "jbz.db")}, kill_a_worker)
    assert killed, "no worker was seen reading the big file"
    assert "Traceback" not in stderr
    assert process.returncode == 2, stderr
    assert re.search(r"^skipped \S*000-big\.txt: crashed the reader \(signal SIGKILL\)", stderr, re.M), stderr
    assert "5 indexed" in stderr


# -- nothing a file holds reaches the terminal ------------------------------------------------------

# Rich's own colour codes and links: what a terminal may receive from jbz itself.
_RICH_CODES = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b\x07]*(?:\x1b\\|\x07)")
OUTPUT_TRAP = "\x1b]0;pwned\x07\x1b[2J\x1b[31mROOD\x9b6n\u202e\u2066"


@pytest.fixture(scope="module")
def trapped_index(tmp_path_factory) -> tuple[Path, str]:
    """An index whose letter has a control-laden file name, and whose stored text holds them as an
    older jbz would have stored them."""
    import sqlite3
    folder = tmp_path_factory.mktemp("trapped")
    name = "brief\x1b[2J\u202e.txt"
    (folder / name).write_bytes(SEEDS[1].read_bytes())
    db = folder / "jbz.db"
    assert jbz("index", str(folder), db=db).returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE passages SET text = text || ?", (OUTPUT_TRAP,))
        conn.execute("UPDATE items SET title = title || ?", (OUTPUT_TRAP,))
        conn.execute("UPDATE documents SET signatories = ?", (json.dumps([f"D.M. van Weel{OUTPUT_TRAP}"]),))
    return db, name


QUERIES = [("search", "Schengen"), ("track", "Terugkeerverordening"), ("meeting", "2026-03-05"), ("docs",),
           ("docs", "32317-995"), ("show", "32317-995")]


def _unsafe_left(output: str) -> list[str]:
    return sorted({repr(c) for c in UNSAFE.findall(_RICH_CODES.sub("", output))})


@pytest.mark.parametrize("query", QUERIES, ids=[" ".join(q) for q in QUERIES])
def test_no_control_character_from_a_letter_or_a_name_reaches_a_pipe_or_json(trapped_index, query):
    db, name = trapped_index
    for extra in ((), ("--json",)):
        result = jbz(*query, *extra, db=db)
        assert result.returncode == 0, result.stderr
        assert not UNSAFE.search(result.stdout + result.stderr), (extra, _unsafe_left(result.stdout))
        if extra:
            json.loads(result.stdout)
    listing = json.loads(jbz("docs", "--json", db=db).stdout)
    assert listing[0]["file"] == name  # the name itself is kept, written as \u escapes


@pytest.mark.skipif(not Path("/dev/ptmx").exists(), reason="needs a pseudo-terminal")
@pytest.mark.parametrize("query", QUERIES, ids=[" ".join(q) for q in QUERIES])
def test_no_control_character_from_a_letter_or_a_name_reaches_a_terminal(trapped_index, query):
    db, _ = trapped_index
    returncode, output = in_a_terminal(*query, env={"JBZ_DB": str(db), "TERM": "xterm-256color"}, stderr_too=True)
    assert returncode == 0, output[-2000:]
    assert "\x1b[31mROOD" not in output and "\x1b]0;" not in output
    assert not _unsafe_left(output), _unsafe_left(output)
