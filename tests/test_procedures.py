"""A dossier's EU procedures and the EU's own record: hand-written letters (tests/data/procedures)
about Eurodac, whose name covers the recast adopted in 2013 and the proposal of 4 May 2016, about
Dublin III and the AMMR that replaces it, and the bundled letters on the Terugkeerverordening,
against the built-in register."""
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


def test_dublin_iii_and_the_ammr_that_replaces_it_are_told_apart(db):
    dublin = track(db, "Dublinverordening")
    stages = {e["meeting_start"]: (e["procedure"]["procedure"], e["stage"] and e["stage"]["name"])
              for e in dublin["entries"]}
    assert stages["2013-06-06"] == ("2008/0243(COD)", "formele aanname")
    assert all(stage != "algemene oriëntatie" for _, stage in stages.values())  # the AMMR's, not Dublin's
    ammr = track(db, "Asiel- en migratiebeheerverordening")
    assert [(e["meeting_start"], e["procedure"]["procedure"], e["stage"]["name"]) for e in ammr["entries"]] == \
        [("2023-06-08", "2020/0279(COD)", "algemene oriëntatie")]
    assert ammr["status"]["procedure"]["act"] == "Verordening (EU) 2024/1351"


def test_a_file_the_register_does_not_know_has_the_procedure_its_letters_print_beside_its_name(db):
    data = track(db, "Richtlijn mensenhandel")
    assert [e["procedure"] for e in data["entries"]] == [{"procedure": None, "com": "COM(2021) 777", "act": None}]
    assert data["status"]["procedure"]["com"] == "COM(2021) 777"
    assert data["eu_record"] == []  # the register's record only: the letters' own number is no EU record


def test_two_numbers_printed_for_what_a_reader_asks_are_not_guessed_between(db):
    # The framework decision of 2009 and the directive of 2010 on interpreting: which is meant is not said.
    data = track(db, "recht op vertolking en vertaling")
    assert data["entries"] and all(e["procedure"] is None for e in data["entries"])
    assert data["status"]["procedure"] is None


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


# -- the real development set -----------------------------------------------------------------------

REAL = Path(__file__).resolve().parents[2] / "shared" / "real"


@pytest.fixture(scope="module")
def real_db(tmp_path_factory) -> Path:
    if not (REAL / "labels.json").exists():
        pytest.skip(f"the real development set is not at {REAL} (CI has ../shared beside the clone)")
    import shutil
    folder = tmp_path_factory.mktemp("real-procedures") / "docs"
    folder.mkdir()
    for label in json.loads((REAL / "labels.json").read_text(encoding="utf-8")):
        name = label.get("body_file") or label["file"]
        shutil.copy(REAL / "docs" / name, folder / name)
    path = folder.parent / "jbz.db"
    index_paths(store.open_db(path), [folder])
    return path


def test_real_eurodac_places_before_and_after_the_2016_proposal_do_not_share_a_ladder(real_db):
    data = track(real_db, "Eurodac")
    for entry in data["entries"]:
        day = entry["meeting_start"] or entry["letter_date"]
        assert entry["procedure"]["procedure"] == (NEW if day >= "2016-05-04" else OLD), day
    rows = data["overview"]
    old = [row for row in rows if row["procedure"]["procedure"] == OLD]
    new = [row for row in rows if row["procedure"]["procedure"] == NEW]
    print(f"\nEurodac on the real letters: {len(old)} rows of {OLD}, {len(new)} of {NEW}")
    assert old and new
    # The new procedure's ladder starts from its own places: none of the old one's rungs carries over.
    first_new = new[0]
    assert first_new["reached"] == (first_new["stage"]["name"] if first_new["stage"] and
                                    first_new["stage"]["status"] != "planned" else None)


def test_real_pact_lists_its_members_places_labelled_and_keeps_their_stages_apart(real_db):
    data = track(real_db, "Asiel- en migratiepact")
    members = [e for e in data["entries"] if e["member"]]
    own = [e for e in data["entries"] if not e["member"]]
    print(f"\nthe Pact on the real letters: {len(own)} own places, {len(members)} of its members "
          f"({sorted({e['member'] for e in members})})")
    assert own and members
    member_stages = {(e["file"], e["stage"]["name"]) for e in members if e["stage"]}
    # A stage a member's place claims is never the package's at that place.
    assert not any(e["stage"] and (e["file"], e["stage"]["name"]) in member_stages and e["stage"]["evidence"] in
                   {m["stage"]["evidence"] for m in members if m["stage"]} for e in own)
