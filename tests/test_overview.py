"""`jbz track`'s overview: a line per meeting (and per letter about no meeting), checked on the seeds."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from jbz.cli import app
from jbz.language.stages import STAGES
from terminal import in_a_terminal

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
SEED_MEETINGS = ["2025-07-22", "2025-10-13", "2025-12-08", "2026-01-22", "2026-03-05"]


def _track_json(db_path: str, *extra: str) -> dict:
    result = runner.invoke(app, ["--db", db_path, "track", "Terugkeerverordening", "--json", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_overview_has_a_row_per_seed_meeting_with_the_stages_the_entries_give(seeds_db_path):
    data = _track_json(seeds_db_path)
    rows = data["overview"]
    assert [row["start"] for row in rows] == SEED_MEETINGS
    for row in rows:
        entries = [e for e in data["entries"] if e["meeting_start"] == row["start"]]
        stages = [e["stage"] for e in entries if e["stage"]]
        # The row's stage is the highest its own places give; its letters are theirs.
        highest = max(stages, key=lambda s: STAGES.index(s["name"]))
        assert (row["stage"]["name"], row["stage"]["rung"]) == (highest["name"], STAGES.index(highest["name"]))
        assert row["stage"]["status"] in {s["status"] for s in stages if s["name"] == highest["name"]}
        assert [letter["file"] for letter in row["letters"]] == list(dict.fromkeys(e["file"] for e in entries))
        assert row["end"] == entries[0]["meeting_end"] and row["location"] == entries[0]["location"]
    by_start = {row["start"]: row for row in rows}
    assert by_start["2025-12-08"]["stage"] == {"name": "algemene oriëntatie", "status": "planned", "rung": 3}
    assert by_start["2025-12-08"]["planned"] == "algemene oriëntatie"
    assert by_start["2026-01-22"]["stage"]["status"] == "reported"
    # The general approach the January letter reports reached in December.
    outcome = by_start["2025-12-08"]["outcome"]
    assert (outcome["name"], outcome["status"], outcome["source_file"]) == (
        "algemene oriëntatie", "reached", "000_13a0f7031c7bf738.txt")
    assert all(by_start[day]["outcome"] is None for day in SEED_MEETINGS if day != "2025-12-08")


def test_the_ladder_fills_what_is_reached_by_then_and_rings_what_is_planned(seeds_db_path):
    rows = _track_json(seeds_db_path)["overview"]
    reached_so_far = -1
    for row in rows:
        ladder = row["ladder"]
        assert len(ladder) == len(STAGES) and set(ladder) <= {"●", "○", "·"}
        if row["stage"]["status"] != "planned":
            reached_so_far = max(reached_so_far, row["stage"]["rung"])
        assert ladder.count("●") == reached_so_far + 1 and ladder.startswith("●" * (reached_so_far + 1))
        planned = row["stage"]["rung"] if row["stage"]["status"] == "planned" else -1
        assert ladder.count("○") == max(0, planned - reached_so_far)
    assert [row["ladder"] for row in rows][-1] == "●●●●○····"  # negotiations with Parliament planned


def test_brief_prints_only_the_overview_one_tab_separated_line_per_row(seeds_db_path):
    result = subprocess.run([sys.executable, "-m", "jbz", "--db", seeds_db_path, "track", "Terugkeerverordening",
                             "--brief"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == SEED_MEETINGS
    cells = [line.split("\t") for line in lines]
    assert all(len(row) == 9 for row in cells)
    rows = _track_json(seeds_db_path)["overview"]
    assert [row[5] for row in cells] == [row["ladder"] for row in rows]
    assert cells[2][4] == "agenda 32317-978" and cells[2][3] == "formal" and cells[0][3] == "informal"
    assert cells[2][8].startswith("algemene oriëntatie reached, says 000_13a0f7031c7bf738.txt")
    assert _track_json(seeds_db_path, "--brief").keys() == {"query", "dossier", "aliases", "status", "total",
                                                            "overview", "eu_record"}


def _in_a_terminal(*args: str) -> str:
    """Run jbz with its output on a pseudo-terminal, as a person sees it; return the text, colours off."""
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", in_a_terminal(*args)[1])


def test_in_a_terminal_track_opens_with_the_five_row_overview_then_the_places(seeds_db_path):
    screen = _in_a_terminal("--db", seeds_db_path, "track", "Terugkeerverordening")
    table_at = screen.index("5 meetings and letters")
    first_place = screen.index("(before the meeting)")
    assert table_at < first_place
    table = screen[table_at:first_place]
    assert [day for day in SEED_MEETINGS if day in table] == SEED_MEETINGS
    assert "●●●○·····" in table and "algemene oriëntatie reached, says" in table
    brief = _in_a_terminal("--db", seeds_db_path, "track", "Terugkeerverordening", "--brief")
    assert "5 meetings and letters" in brief and "(before the meeting)" not in brief
    assert all(day in brief for day in SEED_MEETINGS)


def test_a_letter_about_no_meeting_is_a_row_at_its_date_before_the_meetings(tmp_path):
    import shutil

    from jbz import store
    from jbz.index.indexer import bundled_seeds, index_paths
    folder = tmp_path / "letters"
    shutil.copytree(bundled_seeds(), folder)
    shutil.copy(ROOT / "tests" / "data" / "letters" / "bnc_fiche_terugkeerverordening.txt", folder)
    db_file = tmp_path / "jbz.db"
    index_paths(store.open_db(db_file), [folder])
    rows = _track_json(str(db_file))["overview"]
    assert [row["start"] for row in rows] == ["2025-04-11", *SEED_MEETINGS]
    fiche = rows[0]
    assert fiche["dated_letter"] and fiche["end"] is None
    assert [letter["file"] for letter in fiche["letters"]] == ["bnc_fiche_terugkeerverordening.txt"]
    assert fiche["stage"]["name"] == "BNC-fiche" and fiche["ladder"] == "●●·······"
    assert not any(row["dated_letter"] for row in rows[1:])


def test_limit_keeps_the_latest_meetings_of_the_overview_and_says_so(seeds_db_path):
    assert [row["start"] for row in _track_json(seeds_db_path, "--limit", "2")["overview"]] == SEED_MEETINGS[-2:]
    result = subprocess.run([sys.executable, "-m", "jbz", "--db", seeds_db_path, "track", "Terugkeerverordening",
                             "--brief", "--limit", "2"], capture_output=True, text=True, cwd=ROOT)
    lines = result.stdout.splitlines()
    assert lines[0] == "# the latest 2 of 5 rows (--limit 0 shows all)"
    assert [line.split("\t")[0] for line in lines[1:]] == SEED_MEETINGS[-2:]
