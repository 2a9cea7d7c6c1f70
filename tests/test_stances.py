"""The cabinet's stance in its position sentences, and how it moves from meeting to meeting: a sentence
per stance in several wordings, negation, the same point in other words, and three hand-written
letters (tests/data/stances) for each kind of change."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jbz import store
from jbz.cli import app
from jbz.index.indexer import index_paths
from jbz.language.stances import point_of, same_point, stance_of

LETTERS = Path(__file__).resolve().parent / "data" / "stances"


@pytest.mark.parametrize("sentence, stance", [
    ("Het kabinet steunt het voorstel.", "support"),
    ("Nederland steunde de algemene oriëntatie.", "support"),
    ("Nederland kan instemmen met de compromistekst.", "support"),
    ("Nederland stemde in met de tekst van het voorzitterschap.", "support"),
    ("Het kabinet verwelkomt het voorstel van de Commissie.", "support"),
    ("Het kabinet is positief over de terugkeerhubs.", "support"),
    ("Nederland heeft geen bezwaar tegen de tekst.", "support"),
    ("Het kabinet heeft zorgen over de rechtsbescherming.", "reservation"),
    ("Nederland maakt zich zorgen over de termijnen.", "reservation"),
    ("Nederland is kritisch over de uitvoerbaarheid.", "reservation"),
    ("Nederland plaatst een parlementair voorbehoud.", "reservation"),
    ("Nederland kan (nog) niet instemmen met de tekst.", "reservation"),
    ("Het kabinet steunt het voorstel niet.", "reservation"),
    ("Nederland onthoudt zich van stemming.", "reservation"),
    ("Nederland stemde tegen.", "reservation"),
    ("Het kabinet steunt de inzet, maar heeft zorgen over de termijnen.", "reservation"),
    ("Het kabinet zet zich in voor snelle terugkeer.", "priority"),
    ("Daarbij zet Nederland zich in voor aanpassing van juridische kaders.", "priority"),
    ("Nederland vraagt aandacht voor de uitvoerbaarheid.", "priority"),
    ("Het kabinet hecht veel belang aan wederzijdse erkenning.", "priority"),
    ("Voor Nederland is het cruciaal dat terugkeer effectief wordt.", "priority"),
    ("Het kabinet zal tijdens de Raad het woord voeren.", "neutral"),
    ("Nederland kan het voorstel steunen wanneer dit leidt tot snellere procedures en niet tot meer lasten.", "support"),
])
def test_a_position_sentences_stance(sentence, stance):
    assert stance_of(sentence) == stance


def test_the_same_point_in_other_words_is_one_point_and_another_point_is_not():
    first = point_of("Het kabinet heeft zorgen over de termijnen voor beroep in de Terugkeerverordening.")
    assert same_point(first, point_of("Nederland steunt inmiddels de termijnen voor beroep in de Terugkeerverordening."))
    assert same_point(first, point_of("Over de beroepstermijnen van de Terugkeerverordening heeft het kabinet zorgen."))
    assert not same_point(first, point_of("Het kabinet verwelkomt de afspraken over detentie."))


@pytest.fixture(scope="module")
def track(tmp_path_factory) -> dict:
    path = tmp_path_factory.mktemp("stances") / "jbz.db"
    index_paths(store.open_db(path), [LETTERS])
    result = CliRunner().invoke(app, ["--db", str(path), "track", "Terugkeerverordening", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _marks(track: dict) -> dict[str, list[tuple[str, str]]]:
    marks: dict[str, list[tuple[str, str]]] = {}
    for entry in track["entries"]:
        marks.setdefault(entry["meeting_start"], []).extend((s["stance"], s["change"]) for s in entry["stances"])
    return marks


def test_each_kind_of_change_from_meeting_to_meeting(track):
    marks = _marks(track)
    assert sorted(marks["2025-04-07"]) == [("priority", "new"), ("reservation", "new")]
    # The appeal deadlines again, now supported; detention for the first time.
    assert sorted(marks["2025-06-12"]) == [("support", "new"), ("support", "stance changed from reservation")]
    assert sorted(marks["2025-10-13"]) == [("support", "repeated"), ("support", "repeated")]


def test_the_overview_says_the_stance_per_meeting_where_it_moved_and_what_was_dropped(track):
    rows = {row["start"]: row for row in track["overview"]}
    assert rows["2025-04-07"]["stance"] == "reservation"
    assert rows["2025-06-12"]["stance_moved"] == "reservation → support"
    assert rows["2025-06-12"]["dropped"] == ["Nederland zet zich in voor terugkeerhubs in derde landen onder de "
                                             "Terugkeerverordening."]
    assert rows["2025-10-13"]["dropped"] == [] and rows["2025-10-13"]["stance_moved"] is None


def test_every_bundled_position_sentence_has_a_stance(seeds_db_path):
    result = CliRunner().invoke(app, ["--db", seeds_db_path, "track", "Terugkeerverordening", "--positions", "--json"])
    entries = json.loads(result.stdout)["entries"]
    positions = [sentence for entry in entries for sentence in entry["positions"]]
    stances = [mark for entry in entries for mark in entry["stances"]]
    assert positions and [mark["text"] for mark in stances] == positions
    assert {mark["stance"] for mark in stances} <= {"support", "reservation", "priority", "neutral"}
    assert all(mark["change"] in ("new", "repeated") or mark["change"].startswith("stance changed from ")
               for mark in stances)
