"""Citing and reading: official pages, PDF pages, `jbz show`; and the index as other tools open it
(sqlite-utils, Datasette), `jbz --version`, shell completion."""
from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jbz import store
from jbz.cli import app
from layouts import make_pdf

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
SEED_995 = ROOT / "seeds" / "001_2a5ab7112efab522.txt"
OFFICIAL = "https://zoek.officielebekendmakingen.nl/kst-{}.html"


def _jbz(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def _json(*args: str):
    return json.loads(_jbz(*args, "--json").stdout)


def test_track_search_and_docs_carry_the_official_page_when_the_kamerstuk_is_known(seeds_db_path):
    entries = _json("--db", seeds_db_path, "track", "Terugkeerverordening")["entries"]
    hits = _json("--db", seeds_db_path, "search", "terugkeer", "--limit", "50")["results"]
    docs = _json("--db", seeds_db_path, "docs")
    for row in [*entries, *hits, *docs]:
        assert row["url"] == (OFFICIAL.format(row["kamerstuk"]) if row["kamerstuk"] else None)
    assert {row["url"] for row in docs} >= {OFFICIAL.format(k) for k in ("32317-995", "32317-978", "32317-975")}
    # The seeds are text files: no place of theirs has a PDF page.
    assert all(row["page"] is None for row in [*entries, *hits])


def _letters(text: str) -> str:
    return "".join(re.findall(r"\w+", text.lower()))


@pytest.fixture(scope="module")
def pdf_db(tmp_path_factory):
    pytest.importorskip("fpdf", reason="fpdf2 (a test extra) builds the PDF")
    folder = tmp_path_factory.mktemp("pdf")
    pdf = folder / "letters" / "kst-32317-995.pdf"
    pdf.parent.mkdir()
    make_pdf(SEED_995.read_text(encoding="utf-8"), pdf)
    db = folder / "jbz.db"
    _jbz("--db", str(db), "index", str(pdf.parent))
    return str(db), pdf


def test_a_place_read_from_a_pdf_carries_the_page_it_starts_on(pdf_db):
    db, pdf = pdf_db
    from pypdf import PdfReader
    pages = [_letters(page.extract_text()) for page in PdfReader(str(pdf)).pages]
    shown = _json("--db", db, "show", "32317-995")["places"]
    assert all(place["page"] for place in shown)
    for place in shown:
        # The page named holds the place's opening words, as pypdf reads that page by itself.
        opening = _letters(place["title"] or place["text"])[:30]
        assert opening in pages[place["page"] - 1], place["where"]
    items = [p["page"] for p in shown if p["kind"] in ("part", "item", "subitem")]
    assert items == sorted(items) and items[0] > 1
    hits = _json("--db", db, "search", "terugkeerverordening")["results"]
    assert hits and all(hit["page"] == next(p["page"] for p in shown if (p["where"], p["title"]) ==
                                            (hit["where"], hit["item_title"])) for hit in hits)
    entries = _json("--db", db, "track", "Terugkeerverordening")["entries"]
    assert entries and all(entry["page"] for entry in entries)
    piped = subprocess.run([sys.executable, "-m", "jbz", "--db", db, "search", "terugkeerverordening"],
                           capture_output=True, text=True, cwd=ROOT).stdout
    assert [line.split("\t")[7] for line in piped.splitlines() if not line.startswith("# ")] == \
        [str(hit["page"]) for hit in hits]


def test_show_prints_one_items_whole_text_and_the_footnotes_it_points_to(seeds_db_path):
    item = _json("--db", seeds_db_path, "show", "32317-995", "Binnenlandse Zaken.1")
    assert [p["where"] for p in item["places"]] == ["Binnenlandse Zaken.1", "Binnenlandse Zaken.1.a",
                                                    "Binnenlandse Zaken.1.b"]
    assert item["url"] == OFFICIAL.format("32317-995")
    seed = " ".join(SEED_995.read_text(encoding="utf-8").split())
    body = item["places"][0]["text"]
    # The whole text: from its first sentence to its last, as long as the letter prints it.
    assert body.startswith("De lidstaten en Schengengeassocieerde landen")
    assert body.endswith("het belang van samenwerking met derde landen.")
    assert " ".join(body.split()[:12]) in seed and " ".join(body.split()[-12:]) in seed
    plain = subprocess.run([sys.executable, "-m", "jbz", "--db", seeds_db_path, "show", "32317-995",
                            "Binnenlandse Zaken.1"], capture_output=True, text=True, cwd=ROOT).stdout
    assert "# Binnenlandse Zaken.1  Algemene staat van het Schengengebied  [Gedachtewisseling]" in plain
    assert body in plain
    # A place whose text carries footnote markers gets those footnotes after it, and only those.
    january = _json("--db", seeds_db_path, "show", "000_13a0f7031c7bf738.txt", "Binnenlandse Zaken.1")
    assert [note["number"] for note in january["footnotes"]] == [1, 2]
    assert "december.1" in january["places"][0]["text"]


def test_show_without_a_place_prints_the_whole_letter_footnotes_last(seeds_db_path):
    letter = _json("--db", seeds_db_path, "show", "kst-32317-995")
    kinds = [p["kind"] for p in letter["places"]]
    assert "footnote" not in kinds and {"cover", "item", "letter"} <= set(kinds)
    assert [n["number"] for n in letter["footnotes"]] == list(range(1, len(letter["footnotes"]) + 1))
    assert len(letter["footnotes"]) == 7


def test_show_an_unknown_place_lists_the_places_and_exits_1(seeds_db_path):
    result = runner.invoke(app, ["--db", seeds_db_path, "show", "32317-995", "Binnenlandse Zaken.42"])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "'Binnenlandse Zaken.42'" in result.stderr and "Binnenlandse Zaken.8, Justitie" in result.stderr
    unknown = runner.invoke(app, ["--db", seeds_db_path, "show", "32317-9999"])
    assert unknown.exit_code == 1 and "'jbz docs' lists them" in unknown.stderr


def test_show_keeps_a_letters_control_characters_off_the_terminal(tmp_path):
    folder = tmp_path / "letters"
    folder.mkdir()
    text = SEED_995.read_text(encoding="utf-8").replace("De lidstaten en Schengengeassocieerde",
                                                        "De lidstaten \x1b[2J\x07en Schengengeassocieerde")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    db = str(tmp_path / "x.db")
    _jbz("--db", db, "index", str(folder))
    plain = subprocess.run([sys.executable, "-m", "jbz", "--db", db, "show", "32317-995", "Binnenlandse Zaken.1"],
                           capture_output=True, text=True, cwd=ROOT).stdout
    assert "\x1b" not in plain and "\x07" not in plain and "De lidstaten [2Jen Schengen" in plain


# The word itself, as FTS5 matches it (jbz search also finds it inside compounds: "terugkeerhubs").
_WORD_HUB = re.compile(r"\bterugkeerhub\b", re.I)


def test_sqlite_utils_finds_the_full_text_index_and_searches_it(seeds_db_path):
    import sqlite_utils
    db = sqlite_utils.Database(seeds_db_path)
    assert db["passages"].detect_fts() == "passages_fts"
    assert db["stage_claims"].detect_fts() == "claims_fts"
    found = list(db["passages"].search("terugkeerhub", columns=["where", "title"]))
    ours = _json("--db", seeds_db_path, "search", "terugkeerhub")["results"]
    whole_word = {(hit["where"], hit["item_title"]) for hit in ours if _WORD_HUB.search(hit["snippet"])}
    assert {(row["where"], row["title"]) for row in found} == whole_word and found
    cli = shutil.which("sqlite-utils", path=str(Path(sys.executable).parent))
    result = subprocess.run([cli, "search", seeds_db_path, "passages", "terugkeerhub", "-c", "where"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert {row["where"] for row in json.loads(result.stdout)} == {where for where, _ in whole_word}


def test_an_index_from_before_m014_is_upgraded_so_the_tools_find_its_full_text_index(tmp_path):
    import sqlite3

    import sqlite_utils
    path = tmp_path / "old.db"
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("CREATE TABLE jbz_migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    for migration in store.MIGRATIONS[:store.MIGRATIONS.index(store.migrations.m014_fts_declared_for_tools_and_pages)]:
        migration(store.Index(conn))
        conn.execute("INSERT INTO jbz_migrations VALUES (?, '2026-11-01')", (migration.__name__,))
    conn.execute("INSERT INTO documents (id, path, file, sha256, doc_type, indexed_at) VALUES (1, '/a.txt', 'a.txt',"
                 " 'x', 'agenda', '')")
    conn.execute('INSERT INTO passages (id, document_id, kind, "where", title, text) VALUES'
                 " (1, 1, 'item', 'Migratie.1', 'Terugkeerverordening', 'De terugkeerhub.')")
    conn.execute("INSERT INTO passages_fts (rowid, title, text) VALUES (1, 'Terugkeerverordening', 'De terugkeerhub.')")
    conn.close()
    assert sqlite_utils.Database(path)["passages"].detect_fts() is None  # the old declaration
    store.open_db(path).conn.close()
    upgraded = sqlite_utils.Database(path)
    assert upgraded["passages"].detect_fts() == "passages_fts"
    assert [row["where"] for row in upgraded["passages"].search("terugkeerhub")] == ["Migratie.1"]


def test_datasette_offers_search_on_passages(seeds_db_path, tmp_path):
    datasette_app = pytest.importorskip("datasette.app", reason="Datasette (a test extra) serves the index")
    copy = tmp_path / "jbz.db"
    shutil.copy(seeds_db_path, copy)

    async def ask():
        served = datasette_app.Datasette(files=[str(copy)])
        table = await served.client.get("/jbz/passages")
        found = await served.client.get("/jbz/passages.json?_search=terugkeerhub&_shape=array&_col=where")
        return table, found
    table, found = asyncio.run(ask())
    assert table.status_code == 200 and 'name="_search"' in table.text
    assert found.status_code == 200
    ours = _json("--db", seeds_db_path, "search", "terugkeerhub")["results"]
    assert {row["where"] for row in found.json()} == {hit["where"] for hit in ours if _WORD_HUB.search(hit["snippet"])}


def test_version_prints_the_package_version():
    result = _jbz("--version")
    assert result.stdout == f"jbz {version('jbz')}\n"


def test_shell_completion_is_offered():
    assert "--install-completion" in _jbz("--help").stdout
    script = _jbz("--show-completion", "bash").stdout
    assert "_jbz_completion" in script and "complete" in script
