"""`jbz meeting` pairs an agenda's items with the report's items on the same subject, never by position.

The letters in tests/data/pairing are written by hand in the seeds' layout: an agenda and the report of
one meeting whose item titles differ in wording and whose parts come in the other order, with an item
on each side that the other does not have.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jbz import store
from jbz.cli import app
from jbz.dossiers.catalogue import load_dossiers
from jbz.dossiers.pairing import meeting_pairing, pair

runner = CliRunner()
LETTERS = Path(__file__).resolve().parent / "data" / "pairing"

# agenda place -> report place, and why they are one subject
EXPECTED = {
    "Binnenlandse Zaken.1": "Binnenlandse Zaken.3",  # "Terugkeerverordening" / "Verordening tot vaststelling … terugkeer"
    "Binnenlandse Zaken.2": "Binnenlandse Zaken.2",  # "Staat van het Schengengebied" / "Schengen: de staat van het gebied"
    "Justitie.1": "Justitie.2",                      # COM(2022) 209 in both
    "Justitie.2": "Binnenlandse Zaken.1",            # the working lunch on Ukraine, in another part
}


@pytest.fixture(scope="module")
def paired_db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("pairing")
    shutil.copytree(LETTERS, folder / "letters")
    path = folder / "jbz.db"
    result = runner.invoke(app, ["--db", str(path), "index", str(folder / "letters")])
    assert result.exit_code == 0, result.output
    return str(path)


def _meeting(db: str, *extra: str, day: str = "2026-06-12"):
    result = runner.invoke(app, ["--db", db, "meeting", day, *extra])
    assert result.exit_code == 0, result.output
    return result


def test_each_agenda_item_is_paired_with_the_reports_item_on_the_same_subject(paired_db):
    [meeting] = json.loads(_meeting(paired_db, "--json").stdout)["meetings"]
    assert {p["agenda"]: p["verslag"] for p in meeting["pairs"]} == EXPECTED
    assert all(p["agenda_item"]["file"] == "agenda_2026-06-12.txt" and p["verslag_item"]["file"]
               == "verslag_2026-06-12.txt" for p in meeting["pairs"])
    assert [(s["where"], s["title"]) for s in meeting["unpaired"]["agenda"]] == [
        ("Binnenlandse Zaken.3", "Digitale toegang tot gegevens voor rechtshandhaving")]
    assert [(s["where"], s["title"]) for s in meeting["unpaired"]["verslag"]] == [
        ("Justitie.1", "Toekomst van Eurojust")]


def test_the_order_of_the_items_does_not_decide_the_pairs(paired_db):
    db = store.open_db(Path(paired_db))
    pairing = meeting_pairing(db, "2026-06-12", load_dossiers())
    agenda = [a for a, _ in pairing.pairs] + pairing.agenda_only
    verslag = [v for _, v in pairing.pairs] + pairing.verslag_only
    for reordered in (pair(agenda, verslag[::-1]), pair(agenda[::-1], verslag), pair(agenda[1:] + agenda[:1], verslag)):
        assert {a.where: v.where for a, v in reordered.pairs} == EXPECTED


def test_piped_meeting_names_the_paired_place_on_each_items_line(paired_db):
    lines = [line.split("\t") for line in _meeting(paired_db).stdout.splitlines() if not line.startswith("# ")]
    agenda = {cells[3]: cells[6] for cells in lines if cells[1] == "agenda"}
    report = {cells[3]: cells[6] for cells in lines if cells[1] == "verslag"}
    assert {where: other for where, other in agenda.items() if other} == EXPECTED
    assert {other: where for where, other in report.items() if other} == EXPECTED
    assert agenda["Binnenlandse Zaken.3"] == "" and report["Justitie.1"] == ""


def test_the_meeting_page_shows_the_items_side_by_side(paired_db):
    page = _meeting(paired_db, "--html", "-").stdout
    table = page[page.index("<table class=\"pairs\">"):]
    table = table[:table.index("</table>")]
    rows = table.split("<tr>")[2:]
    assert len(rows) == len(EXPECTED) + 2
    assert any("Terugkeerverordening" in row and "gemeenschappelijk systeem voor de terugkeer" in row for row in rows)
    assert any("Toekomst van Eurojust" in row and "<td>—</td><td>" in row for row in rows)


def test_a_meeting_with_only_an_agenda_has_no_pairs(seeds_db_path):
    [meeting] = json.loads(_meeting(seeds_db_path, "--json", day="2025-12-08").stdout)["meetings"]
    assert meeting["pairs"] == [] and meeting["unpaired"] == {"agenda": [], "verslag": []}
