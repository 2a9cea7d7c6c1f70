"""Packages: the Asylum and Migration Pact and its member files, on hand-written letters
(tests/data/packages): a member's stage is the member's, the package's track lists both, labelled."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jbz import store
from jbz.cli import app
from jbz.index.indexer import index_paths

LETTERS = Path(__file__).resolve().parent / "data" / "packages"
PACT = "Asiel- en migratiepact"


def run(db: Path, *args: str):
    return CliRunner().invoke(app, ["--db", str(db), *args])


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("packages") / "jbz.db"
    index_paths(store.open_db(path), [LETTERS])
    return path


def track(db: Path, name: str) -> dict:
    result = run(db, "track", name, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_coreper_mandate_on_two_members_is_not_the_packages_general_approach(db):
    data = track(db, PACT)
    own = [e for e in data["entries"] if e["member"] is None]
    assert all(e["stage"] is None or e["stage"]["name"] != "algemene oriëntatie" for e in own)
    assert all(row["reached"] != "algemene oriëntatie" for row in data["overview"])
    # The members carry it, labelled, at the meeting whose letter says so.
    members = {(e["meeting_start"], e["member"]): e["stage"] and e["stage"]["name"] for e in data["entries"] if e["member"]}
    assert members[("2022-06-09", "Eurodac")] == "algemene oriëntatie"
    assert members[("2022-06-09", "Screeningverordening")] == "algemene oriëntatie"


def test_the_package_lists_a_place_that_names_only_a_member_labelled(db):
    data = track(db, PACT)
    [ammr] = [e for e in data["entries"] if e["meeting_start"] == "2023-06-08"]
    assert ammr["member"] == "Asiel- en migratiebeheerverordening"
    assert ammr["stage"]["name"] == "algemene oriëntatie" and ammr["stage"]["status"] == "planned"
    # Its plan is the member's: the package's own row plans nothing there.
    [row] = [r for r in data["overview"] if r["start"] == "2023-06-08"]
    assert row["planned"] is None and row["stage"] is None


def test_the_packages_own_claims_make_its_status(db):
    status = track(db, PACT)["status"]
    assert status["stage"] == "formele aanname" and status["since"] == "2024-05-14"


def test_a_member_tracked_alone_is_not_labelled(db):
    data = track(db, "Screeningverordening")
    assert [e["meeting_start"] for e in data["entries"]] == ["2022-06-09"]
    assert data["entries"][0]["member"] is None and data["entries"][0]["stage"]["name"] == "algemene oriëntatie"


def test_dossiers_gives_a_package_its_members(db):
    rows = {row["dossier"]: row for row in json.loads(run(db, "dossiers", "--json").stdout)}
    assert "Asiel- en migratiebeheerverordening" in rows[PACT]["members"] and "Eurodac" in rows[PACT]["members"]
    assert rows["Screeningverordening"]["members"] == []


def test_the_plain_timeline_labels_a_members_place(db):
    lines = [line.split("\t") for line in run(db, "track", PACT).stdout.splitlines() if not line.startswith("# ")]
    assert any(cells[4] == "Asiel- en migratiebeheerverordening: algemene oriëntatie (planned)" for cells in lines)
