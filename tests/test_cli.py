"""The commands as a user runs them: exit codes, JSON contract, first-run seeding, bad input."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jbz.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.delenv("JBZ_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path


def run(*args):
    return runner.invoke(app, list(args))


def test_first_query_on_default_db_indexes_the_bundled_letters(env):
    result = run("docs", "--json")
    assert result.exit_code == 0, result.output
    docs = json.loads(result.stdout)
    assert len(docs) == 5
    assert "bundled letters" in result.stderr


def test_named_db_is_never_filled_behind_the_users_back(env):
    result = run("--db", str(env / "mine.db"), "docs", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_docs_json_contract(env):
    run("--db", str(env / "x.db"), "index")
    docs = json.loads(run("--db", str(env / "x.db"), "docs", "--json").stdout)
    keys = {"file", "path", "kamerstuk", "chamber", "letter_date", "doc_type", "meeting_start", "meeting_end",
            "location", "informal", "signatories", "cover_topics", "warnings"}
    assert all(keys <= set(doc) for doc in docs)
    by_file = {d["file"]: d for d in docs}
    assert by_file["001_2a5ab7112efab522.txt"]["kamerstuk"] == "32317-995"
    assert by_file["003_15903c3f800c1725.txt"]["warnings"]


def test_meetings_json_in_date_order_with_documents(env):
    db = str(env / "x.db")
    run("--db", db, "index")
    meetings = json.loads(run("--db", db, "meetings", "--json").stdout)
    assert [m["start"] for m in meetings] == sorted(m["start"] for m in meetings)
    assert meetings[1] == {"start": "2025-10-13", "end": "2025-10-14", "location": "Luxemburg", "informal": False,
                           "documents": [{"file": "002_0b783c6c09b9d010.txt", "doc_type": "verslag",
                                          "kamerstuk": "32317-975", "letter_date": "2025-11-03"}]}


def test_index_twice_reports_unchanged(env):
    db = str(env / "x.db")
    first = run("--db", db, "index")
    second = run("--db", db, "index")
    assert "5 indexed" in first.stderr
    assert "0 indexed, 5 unchanged, 0 failed" in second.stderr


def test_bad_files_are_skipped_with_a_reason_and_the_rest_indexed(env):
    folder = env / "letters"
    folder.mkdir()
    (folder / "good.txt").write_bytes((ROOT / "seeds" / "002_0b783c6c09b9d010.txt").read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "scan.txt").write_bytes(b"%PDF-1.4 binary")
    (folder / "nul.txt").write_bytes(b"abc\x00def")
    result = run("--db", str(env / "x.db"), "index", str(folder), str(env / "missing"))
    assert result.exit_code == 2
    assert "1 indexed" in result.stderr and "4 failed" in result.stderr
    assert "empty.txt: the file is empty" in result.stderr
    assert "scan.txt: cannot read this PDF" in result.stderr  # read as the PDF it is, and found broken
    assert "no such file or folder" in result.stderr


def test_cp1252_letter_reads_like_its_utf8_twin(env):
    text = (ROOT / "seeds" / "004_f076fd594f40bb30.txt").read_text(encoding="utf-8").replace("–", "-")
    readings = []
    for name, data in (("cp.txt", text.encode("cp1252")),
                       ("bom.txt", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())):
        (env / name).write_bytes(data)
        db = str(env / f"{name}.db")
        assert run("--db", db, "index", str(env / name)).exit_code == 0
        readings.append(json.loads(run("--db", db, "docs", "--json").stdout)[0])
    strip = lambda d: {k: v for k, v in d.items() if k not in ("file", "path", "warnings", "files")}
    assert strip(readings[0]) == strip(readings[1])
    assert any("cp1252" in w for w in readings[0]["warnings"])


def test_the_same_letter_saved_twice_is_one_document_with_two_files(env):
    folder = env / "twice"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_bytes((ROOT / "seeds" / "000_13a0f7031c7bf738.txt").read_bytes())
    (folder / "c.txt").write_bytes((ROOT / "seeds" / "002_0b783c6c09b9d010.txt").read_bytes().replace(b"\n", b"\r\n"))
    (folder / "d.txt").write_bytes((ROOT / "seeds" / "002_0b783c6c09b9d010.txt").read_bytes())
    db = str(env / "x.db")
    assert run("--db", db, "index", str(folder)).exit_code == 0
    docs = json.loads(run("--db", db, "docs", "--json").stdout)
    assert sorted([Path(f).name for f in d["files"]] for d in docs) == [["a.txt", "b.txt"], ["c.txt", "d.txt"]]
    hits = json.loads(run("--db", db, "search", "Frontex", "--json").stdout)["results"]
    assert len({(h["file"], h["where"]) for h in hits}) == len(hits)
    (folder / "a.txt").unlink()
    run("--db", db, "index", str(folder), "--prune")
    docs = json.loads(run("--db", db, "docs", "--json").stdout)
    assert sorted([Path(f).name for f in d["files"]] for d in docs) == [["b.txt"], ["c.txt", "d.txt"]]


def test_foreign_database_is_an_error_not_a_traceback(env):
    bogus = env / "not.db"
    bogus.write_text("hello, I am not SQLite" * 100)
    result = run("--db", str(bogus), "docs")
    assert result.exit_code == 2
    assert "not a jbz database" in result.stderr
    assert bogus.read_text().startswith("hello")


def test_installed_command_prints_help_with_examples():
    result = subprocess.run([sys.executable, "-m", "jbz", "--help"], capture_output=True, text=True,
                            cwd=ROOT, env={**os.environ, "COLUMNS": "120"})
    assert result.returncode == 0
    assert "Examples" in result.stdout and "Exit codes" in result.stdout


PIPED = """
import sys
from jbz.cli import main
sys.argv = ["jbz", *sys.argv[1:]]
try:
    main()
finally:
    print("rich imported" if "rich" in sys.modules else "no rich", file=sys.stderr)
"""


def _piped(db_path, *args):
    return subprocess.run([sys.executable, "-c", PIPED, "--db", db_path, *args], capture_output=True, text=True,
                          cwd=ROOT)


def test_piped_search_is_one_tab_separated_line_per_hit_without_rich(seeds_db_path):
    result = _piped(seeds_db_path, "search", "terugkeer", "--limit", "3")
    assert result.returncode == 0 and "no rich" in result.stderr
    lines = result.stdout.splitlines()
    hits, notes = [l for l in lines if not l.startswith("# ")], [l for l in lines if l.startswith("# ")]
    assert len(hits) == 3 and all(len(line.split("\t")) == 6 for line in hits)
    assert all(line.split("\t")[0].startswith("20") for line in hits)  # the meeting's date first
    assert len(notes) == 1 and "results" in notes[0] and "more not shown" in notes[0]


def test_piped_track_and_meeting_are_plain_lines(seeds_db_path):
    track = _piped(seeds_db_path, "track", "Terugkeerverordening")
    assert track.returncode == 0 and "no rich" in track.stderr
    assert track.stdout.startswith("# Terugkeerverordening: ")
    places = [l.split("\t") for l in track.stdout.splitlines() if not l.startswith("# ")]
    assert places and all(len(p) == 6 for p in places)
    assert [p[0] for p in places] == sorted(p[0] for p in places)
    meeting = _piped(seeds_db_path, "meeting", "2025-12-08")
    assert meeting.returncode == 0 and "no rich" in meeting.stderr
    items = [l.split("\t") for l in meeting.stdout.splitlines() if not l.startswith("# ")]
    assert {row[0] for row in items} == {"2025-12-08"} and any("Terugkeer" in row[4] for row in items)
