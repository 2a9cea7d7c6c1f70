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


def test_the_readmes_first_question_on_a_new_default_db_finds_the_meetings(env):
    # The README's first command: `jbz track Terugkeerverordening` with no index made yet.
    result = run("track", "Terugkeerverordening", "--json")
    assert result.exit_code == 0, result.output
    entries = json.loads(result.stdout)["entries"]
    assert "bundled letters" in result.stderr
    meetings = json.loads(run("meetings", "--json").stdout)
    assert len(meetings) == 5
    assert {entry["meeting_start"] for entry in entries} == {meeting["start"] for meeting in meetings}


def test_named_db_is_never_filled_behind_the_users_back(env):
    result = run("--db", str(env / "mine.db"), "docs", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize("query", [["track", "Terugkeerverordening"], ["search", "terugkeer"],
                                   ["meeting", "2025-12-08"], ["show", "32317-995"], ["docs", "32317-995"]])
def test_a_question_to_an_empty_index_says_it_is_empty_and_how_to_fill_it(env, query):
    result = run("--db", str(env / "mine.db"), *query)
    assert result.exit_code == 1
    assert "holds no letters yet" in result.stderr and "jbz index FOLDER" in result.stderr
    assert "did you mean" not in result.stderr


def test_a_listing_of_an_empty_index_is_empty_with_a_note_on_stderr(env):
    result = run("--db", str(env / "mine.db"), "meetings", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert "holds no letters yet" in result.stderr


def test_a_known_dossier_no_letter_discusses_is_not_offered_itself_as_a_suggestion(seeds_db_path, monkeypatch,
                                                                                     tmp_path):
    monkeypatch.setenv("JBZ_DB", str(seeds_db_path))
    aliases = tmp_path / "dossiers.toml"
    aliases.write_text('[Rugzakverordening]\naliases = ["Rugzakverordening"]\n', encoding="utf-8")
    result = run("track", "Rugzakverordening", "--aliases", str(aliases))
    assert result.exit_code == 1
    assert "'Rugzakverordening'" in result.stderr
    assert "Rugzakverordening," not in result.stderr and "Rugzakverordening?" not in result.stderr


def test_docs_json_contract(env):
    run("--db", str(env / "x.db"), "index")
    docs = json.loads(run("--db", str(env / "x.db"), "docs", "--json").stdout)
    keys = {"file", "path", "kamerstuk", "chamber", "letter_date", "doc_type", "meeting_start", "meeting_end",
            "location", "informal", "signatories", "cover_topics", "warnings", "files", "evidence", "inferred",
            "mentioned_meetings"}
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


def test_index_json_says_what_was_indexed_skipped_and_why(env):
    folder = env / "letters"
    folder.mkdir()
    good = folder / "good.txt"
    good.write_bytes((ROOT / "seeds" / "002_0b783c6c09b9d010.txt").read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    db = str(env / "x.db")
    result = run("--db", db, "index", str(folder), "--json")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["indexed"] == [str(good)] and report["unchanged"] == []
    assert report["skipped"] == [{"path": str(folder / "empty.txt"), "reason": "the file is empty"}]
    assert report["database"] == db
    (folder / "empty.txt").unlink()
    again = run("--db", db, "index", str(folder), "--json")
    assert again.exit_code == 0
    assert json.loads(again.stdout)["unchanged"] == [str(good)]


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
    # meeting, type, Kamerstuk, place, title, snippet, official page, PDF page
    assert len(hits) == 3 and all(len(line.split("\t")) == 8 for line in hits)
    assert all(line.split("\t")[0].startswith("20") for line in hits)  # the meeting's date first
    assert all(cells[6] == (f"https://zoek.officielebekendmakingen.nl/kst-{cells[2]}.html" if cells[2].startswith("32317-")
                            else "") for cells in (line.split("\t") for line in hits))
    assert len(notes) == 1 and "results" in notes[0] and "more not shown" in notes[0]


def test_piped_track_and_meeting_are_plain_lines(seeds_db_path):
    track = _piped(seeds_db_path, "track", "Terugkeerverordening")
    assert track.returncode == 0 and "no rich" in track.stderr
    assert track.stdout.startswith("# Terugkeerverordening: ")
    places = [l.split("\t") for l in track.stdout.splitlines() if not l.startswith("# ")]
    assert places and all(len(p) == 8 for p in places)
    assert {p[6] for p in places if p[2] == "32317-995"} == {"https://zoek.officielebekendmakingen.nl/kst-32317-995.html"}
    assert [p[0] for p in places] == sorted(p[0] for p in places)
    meeting = _piped(seeds_db_path, "meeting", "2025-12-08")
    assert meeting.returncode == 0 and "no rich" in meeting.stderr
    items = [l.split("\t") for l in meeting.stdout.splitlines() if not l.startswith("# ")]
    assert {row[0] for row in items} == {"2025-12-08"} and any("Terugkeer" in row[4] for row in items)


SEED_001 = "001_2a5ab7112efab522.txt"


@pytest.mark.parametrize("name", [SEED_001, str(ROOT / "seeds" / SEED_001), f"seeds/{SEED_001}", "32317-995",
                                  "kst-32317-995"])
def test_docs_name_gives_that_one_document_as_a_one_element_list(seeds_db_path, monkeypatch, name):
    monkeypatch.chdir(ROOT)  # for the relative path
    result = run("--db", seeds_db_path, "docs", name, "--json")
    assert result.exit_code == 0, result.output
    [doc] = json.loads(result.stdout)
    assert doc["file"] == SEED_001 and doc["kamerstuk"] == "32317-995"
    assert isinstance(doc["evidence"], dict) and isinstance(doc["inferred"], list)
    assert isinstance(doc["mentioned_meetings"], list)
    assert all(set(found) == {"text", "source"} and found["source"] in ("text", "pdf header", "metadata")
               for found in doc["evidence"].values())
    assert all(field in doc["evidence"] for field in doc["inferred"])


def test_docs_name_shows_each_field_with_the_text_it_was_read_from(seeds_db_path):
    result = run("--db", seeds_db_path, "docs", SEED_001)
    assert result.exit_code == 0, result.output
    fields = {line.split("\t")[0]: line.split("\t") for line in result.stdout.splitlines()
              if not line.startswith("# ")}
    assert all(len(cells) == 5 for cells in fields.values())
    name, value, how, source, text = fields["kamerstuk"]
    assert value == "32317-995" and how == "printed" and source == "text" and "995" in text
    assert fields["letter_date"][1] == "2026-02-26"


def test_docs_name_not_found_exits_1_and_says_what_to_try(seeds_db_path):
    result = run("--db", seeds_db_path, "docs", "32317-9999")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "'32317-9999'" in result.stderr and "'jbz docs' lists them" in result.stderr


def test_docs_name_help_has_examples():
    result = run("docs", "--help")
    assert result.exit_code == 0
    assert "Examples" in result.stdout and "jbz docs 32317-995" in result.stdout


def test_piped_docs_name_is_plain_lines_without_rich(seeds_db_path):
    result = _piped(seeds_db_path, "docs", "kst-32317-995")
    assert result.returncode == 0 and "no rich" in result.stderr
    assert result.stdout.startswith(f"# {SEED_001}: agenda 32317-995\n")
    rows = [line.split("\t") for line in result.stdout.splitlines() if not line.startswith("# ")]
    assert [row[0] for row in rows][:3] == ["kamerstuk", "chamber", "letter_date"]


def test_a_letters_text_and_file_name_are_shown_literally_not_as_rich_markup():
    from rich.console import Console

    from jbz.views import plain, terminal as render
    from jbz.store import DocumentRow
    row = DocumentRow(1, "[bold]brief[/].txt", "/x/[bold]brief[/].txt", "32317-995", "TK", "2026-02-26", "agenda",
                      None, None, None, None, [], ["Het [i]EU[/i]-pact"], ["[/]"], ["/x/[bold]brief[/].txt"],
                      {"kamerstuk": {"text": "32 317 [red]Nr.[/red] 995", "source": "text"}}, ["kamerstuk"],
                      [{"start": "2025-12-08", "end": "2025-12-09", "location": "[b]Brussel", "informal": False}])
    console = Console(record=True, width=200)
    console.print(render.document_view(row))
    shown = console.export_text()
    for literal in ("[bold]brief[/].txt", "Het [i]EU[/i]-pact", "32 317 [red]Nr.[/red] 995", "warning: [/]",
                    "[b]Brussel", "inferred"):
        assert literal in shown
    piped = plain.document_view(row)
    assert "kamerstuk\t32317-995\tinferred\ttext\t32 317 [red]Nr.[/red] 995\n" in piped


def test_an_error_quoting_what_the_user_typed_prints_it_literally(seeds_db_path):
    result = run("--db", seeds_db_path, "docs", "[/bold]")
    assert result.exit_code == 1 and "'[/bold]'" in result.stderr
