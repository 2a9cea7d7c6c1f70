"""A dossier's EU procedures and the EU's own record: hand-written letters (tests/data/procedures)
about Eurodac, whose name covers the recast adopted in 2013 and the proposal of 4 May 2016, and
the bundled letters on the Terugkeerverordening, against the built-in register."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jbz import store
from jbz.cli import app
from jbz.dossiers.procedures import Procedure, procedure_at
from jbz.index.indexer import index_paths

LETTERS = Path(__file__).resolve().parent / "data" / "procedures"
NEW, OLD = "2016/0132(COD)", "2008/0242(COD)"


def run(db: Path, *args: str):
    return CliRunner().invoke(app, ["--db", str(db), *args])


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("procedures") / "jbz.db"
    index_paths(store.open_db(path), [LETTERS])
    return path


def track(db: Path, *args: str) -> dict:
    result = run(db, "track", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_places_before_and_after_the_new_proposal_belong_to_two_procedures(db):
    data = track(db, "Eurodac")
    by_date = {e["meeting_start"]: (e["procedure"] or {}).get("procedure") for e in data["entries"]}
    assert by_date == {"2012-06-07": OLD, "2016-06-09": NEW, "2018-06-04": NEW, "2022-06-09": NEW}


def test_each_procedure_climbs_its_own_ladder(db):
    rows = {row["start"]: row for row in track(db, "Eurodac")["overview"]}
    assert rows["2012-06-07"]["reached"] == "voorlopig akkoord"
    # The 2012 agreement on the recast is no rung of the 2016 proposal: that one starts again.
    assert rows["2016-06-09"]["reached"] == "Commissievoorstel"
    assert rows["2016-06-09"]["procedure"]["com"] == "COM(2016) 272"


def test_the_status_names_the_newest_procedure(db):
    status = track(db, "Eurodac")["status"]
    assert status["procedure"]["procedure"] == NEW
    assert status["procedure"]["act"] == "Verordening (EU) 2024/1358"


def test_one_procedure_is_shown_by_any_of_its_numbers(db):
    for typed in (NEW, "COM(2016) 272", "Verordening (EU) 2024/1358"):
        data = track(db, "Eurodac", "--procedure", typed)
        assert {e["meeting_start"] for e in data["entries"]} == {"2016-06-09", "2018-06-04", "2022-06-09"}, typed
        assert [r["procedure"] for r in data["eu_record"]] == [NEW]
    old = track(db, "Eurodac", "--procedure", "Verordening (EU) nr. 603/2013")
    assert [e["meeting_start"] for e in old["entries"]] == ["2012-06-07"]


def test_a_procedure_the_dossier_has_not_is_said_with_the_ones_it_has(db):
    result = run(db, "track", "Eurodac", "--procedure", "COM(2020) 610")
    assert result.exit_code == 1
    assert "COM(2016) 272" in result.output and "Traceback" not in result.output


def test_the_eu_record_stands_beside_the_letters_with_a_check_where_they_differ(db):
    record = {r["procedure"]: r for r in track(db, "Eurodac")["eu_record"]}
    assert list(record) == [NEW, OLD]  # newest first
    dates = {d["field"]: d for d in record[NEW]["dates"]}
    assert dates["proposal_date"]["date"] == "2016-05-04" and dates["proposal_date"]["source"]
    # The letters say a provisional agreement in June 2018; the register has 20 December 2023.
    assert record[NEW]["checks"] == [{"stage": "voorlopig akkoord", "register": "2023-12-20", "letters": "2018-06-04",
                                      "source": dates["provisional_agreement"]["source"]}]
    # The general approach of the letters (9 June 2022) is within a month of the register's (22 June).
    assert all(check["stage"] != "algemene oriëntatie" for check in record[NEW]["checks"])


def test_the_plain_timeline_says_the_procedure_and_the_record(db):
    lines = run(db, "track", "Eurodac").stdout.splitlines()
    assert f"# procedure: {NEW} · COM(2016) 272 · Verordening (EU) 2024/1358" in lines
    assert any(line.startswith("# EU record (2016/0132(COD)") and "proposal 2016-05-04" in line for line in lines)
    assert any(line.startswith("# check: the letters date voorlopig akkoord 2018-06-04") for line in lines)


def test_the_bundled_return_regulation_carries_the_registers_record(seeds_db_path):
    data = track(Path(seeds_db_path), "Terugkeerverordening")
    [record] = data["eu_record"]
    assert record["com"] == "COM(2025) 101" and record["procedure"] == "2025/0059(COD)"
    dates = {d["field"]: d for d in record["dates"]}
    assert dates["proposal_date"]["date"] == "2025-03-11" and dates["general_approach"]["date"] == "2025-12-08"
    assert all(d["source"].startswith("http") for d in dates.values())
    assert all(e["procedure"]["com"] == "COM(2025) 101" for e in data["entries"])


def _procedure(register_id: str, opened: str, *keys: str) -> Procedure:
    return Procedure(register_id, register_id, dates={"proposal_date": opened}, keys=frozenset(keys))


def test_a_printed_number_decides_before_the_date():
    old, new = _procedure("old", "2008-12-03", "com:2008/820"), _procedure("new", "2016-05-04", "com:2016/272")
    assert procedure_at([old, new], set(), "2017-01-01") is new
    assert procedure_at([old, new], set(), "2015-01-01") is old
    assert procedure_at([old, new], set(), "2001-01-01") is old  # before them all: the oldest
    assert procedure_at([old, new], {"com:2008/820"}, "2017-01-01") is old
    assert procedure_at([], set(), "2017-01-01") is None


def test_two_procedures_opened_the_same_day_are_not_told_apart_by_date():
    regulation, directive = _procedure("regulation", "2018-04-17"), _procedure("directive", "2018-04-17")
    assert procedure_at([regulation, directive], set(), "2019-03-08") is None
