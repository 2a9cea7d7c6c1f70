"""Dossier intelligence: stages, outcomes linked back, the cabinet's position, status, `jbz dossiers`."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from jbz import store
from jbz.language.claims import claim
from jbz.cli import app
from jbz.sentences import sentences
from jbz.language.stages import is_position

runner = CliRunner()


@pytest.fixture
def db_path(seeds_db_path):
    return seeds_db_path


def track(db_path, name):
    result = runner.invoke(app, ["--db", db_path, "track", name, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def stages_by_meeting(data):
    out = {}
    for entry in data["entries"]:
        if entry["stage"]:
            out.setdefault(entry["meeting_start"], set()).add((entry["stage"]["name"], entry["stage"]["status"]))
    return out


def test_terugkeerverordening_stages_on_the_seeds(db_path):
    data = track(db_path, "Terugkeerverordening")
    stages = stages_by_meeting(data)
    assert ("onderhandelingen in de Raad", "reached") in stages["2025-07-22"]
    assert ("onderhandelingen in de Raad", "reached") in stages["2025-10-13"]
    assert ("algemene oriëntatie", "planned") in stages["2025-12-08"]
    assert ("algemene oriëntatie", "reported") in stages["2026-01-22"]
    assert {name for name, _ in stages["2026-03-05"]} == {"onderhandelingen met het Europees Parlement"}


def test_december_entry_shows_the_general_approach_reached_citing_the_january_letter(db_path):
    data = track(db_path, "Terugkeerverordening")
    december = [o for e in data["entries"] if e["meeting_start"] == "2025-12-08" for o in e["outcomes"]]
    reached = [o for o in december if o["status"] == "reached"]
    assert [(o["name"], o["source_file"]) for o in reached] == [("algemene oriëntatie", "000_13a0f7031c7bf738.txt")]
    assert "vorige JBZ-Raad in december" in reached[0]["evidence"]
    # The October report's "de volgende JBZ-Raad 8 en 9 december" is a planned step for December.
    planned = [o for o in december if o["status"] == "planned"]
    assert [o["source_file"] for o in planned] == ["002_0b783c6c09b9d010.txt"]


def test_terugkeerverordening_status(db_path):
    status = track(db_path, "Terugkeerverordening")["status"]
    assert (status["stage"], status["since"], status["last_meeting"]) == ("algemene oriëntatie", "2025-12-08",
                                                                          "2026-03-05")
    assert status["next"]["name"] == "onderhandelingen met het Europees Parlement"


def test_veilige_landen_van_herkomst_planned_in_december_adopted_on_23_february(db_path):
    data = track(db_path, "Verordening veilige landen van herkomst")
    stages = stages_by_meeting(data)
    assert ("algemene oriëntatie", "planned") in stages["2025-12-08"]
    march = [e for e in data["entries"] if e["meeting_start"] == "2026-03-05"]
    adopted = [e["stage"] for e in march if e["stage"] and e["stage"]["name"] == "formele aanname"]
    assert adopted and adopted[0]["source_file"] == "001_2a5ab7112efab522.txt"
    assert "23 februari" in adopted[0]["evidence"] and march[0]["where"] == "cover"
    assert (data["status"]["stage"], data["status"]["since"]) == ("formele aanname", "2026-02-23")


@pytest.mark.parametrize("name", ["2025/0059(COD)", "COM(2025) 101"])
def test_eu_identifiers_give_the_terugkeerverordening_timeline(db_path, name):
    data = track(db_path, name)
    assert data["dossier"] == "Terugkeerverordening"
    assert [e["meeting_start"] for e in data["entries"]] == \
        [e["meeting_start"] for e in track(db_path, "Terugkeerverordening")["entries"]]


def test_every_position_sentence_has_the_cabinet_or_the_netherlands_as_subject(db_path):
    data = track(db_path, "Terugkeerverordening")
    positions = [s for e in data["entries"] for s in e["positions"]]
    assert len(positions) >= 8
    for sentence in positions:
        head = " ".join(sentence.split()[:7]).lower()
        assert "kabinet" in head or "nederland" in head, sentence
        assert any(sentence in e["excerpt"] or sentence in _passage_text(db_path, e) for e in data["entries"])


def _passage_text(db_path, entry):
    db = store.open_db(__import__("pathlib").Path(db_path))
    return " ".join(r[0] for r in db.conn.execute(
        'SELECT p.text FROM passages p JOIN documents d ON d.id = p.document_id WHERE d.file = ? AND p."where" = ?',
        (entry["file"], entry["where"])))


def test_positions_option_shows_only_position_sentences(db_path):
    result = runner.invoke(app, ["--db", db_path, "track", "Terugkeerverordening", "--positions"])
    assert result.exit_code == 0
    assert "Volgens Nederland is de juiste balans gevonden" in result.stdout
    assert "De Raad sprak over de stand van zaken" not in result.stdout


def test_non_legislative_topic_gets_no_ladder(db_path):
    data = track(db_path, "Schengenbarometer")
    assert all(e["stage"] is None for e in data["entries"]) and data["status"]["stage"] is None


REQUIRED = ["Terugkeerverordening", "Asiel- en migratiepact", "Solidariteitspool", "Veilige landen van herkomst",
            "Veilig derde land", "EES", "ETIAS", "Eurodac", "UCPM", "CSAM-verordening", "Digital Travel Credential",
            "EBSP", "Richtlijn Tijdelijke Bescherming", "Bescherming van volwassenen", "Insolventierichtlijn"]


def test_dossiers_lists_the_files_with_their_meetings(db_path):
    result = runner.invoke(app, ["--db", db_path, "dossiers", "--json"])
    assert result.exit_code == 0
    rows = {r["dossier"]: r for r in json.loads(result.stdout)}
    assert set(REQUIRED) <= set(rows)
    assert (rows["Terugkeerverordening"]["meetings"], rows["Terugkeerverordening"]["first"],
            rows["Terugkeerverordening"]["last"], rows["Terugkeerverordening"]["stage"]) == \
        (5, "2025-07-22", "2026-03-05", "algemene oriëntatie")
    assert (rows["UCPM"]["first"], rows["UCPM"]["last"]) == ("2025-10-13", "2025-12-08")
    assert rows["Bescherming van volwassenen"]["last"] == "2026-03-05"
    assert all({"dossier", "aliases", "meetings", "first", "last", "stage"} <= set(r) for r in rows.values())
    # Variant spellings found in the letters are one dossier.
    assert not ({"Dublinverordening", "Dublin-verordening"} <= set(rows))


# -- phrase patterns, on hand-written sentences -------------------------------------------------------

LETTER = dt.date(2026, 2, 26)


@pytest.mark.parametrize("sentence, stage, status", [
    ("Het Voorzitterschap streeft ernaar een algemene oriëntatie te bereiken.", "algemene oriëntatie", "planned"),
    ("De Raad bereikte een algemene oriëntatie over het voorstel.", "algemene oriëntatie", "reached"),
    ("Het kabinet verwelkomt de instemming van de Raad met een algemene oriëntatie.", "algemene oriëntatie",
     "reached"),
    ("Op 23 februari jl. werd de verordening bekrachtigd in de Raad.", "formele aanname", "reported"),
    ("Tijdens de vorige JBZ-Raad werd een algemene oriëntatie bereikt.", "algemene oriëntatie", "reported"),
    ("De triloogonderhandelingen met het Europees Parlement zijn gestart.",
     "onderhandelingen met het Europees Parlement", "reached"),
    ("Er werd een voorlopig akkoord bereikt met het Europees Parlement.", "voorlopig akkoord", "reached"),
    ("De verordening is op 3 maart in werking getreden.", "inwerkingtreding", "reported"),
    ("De verordening werd gepubliceerd in het Publicatieblad.", "bekendmaking", "reached"),
    ("Het kabinet heeft een BNC-fiche naar uw Kamer gestuurd.", "BNC-fiche", None),
    ("De onderhandelingen in de Raadswerkgroep lopen nog.", "onderhandelingen in de Raad", "reached"),
    ("Op 19 november jl. werd in Coreper overeenstemming bereikt over een algemene oriëntatie, waarmee overgegaan "
     "kan worden tot de start van triloogonderhandelingen.", "algemene oriëntatie", "reported"),
    ("Het kabinet verwelkomt de beoogde aanname van de algemene oriëntatie door de Raad.", "algemene oriëntatie",
     "planned"),
])
def test_stage_phrases(sentence, stage, status):
    found = claim(sentence, LETTER)
    if status is None:
        assert found is None or found.name == stage
        return
    assert (found.name, found.status) == (stage, status)


def test_naming_a_milestone_claims_nothing():
    assert claim("Ook wordt het mogelijk om nog voor de inwerkingtreding van het Pact veilige landen aan te wijzen.",
                 LETTER) is None


def test_coming_meeting_is_a_planned_step_with_its_date():
    found = claim("Het Voorzitterschap sprak de ambitie uit om de volgende JBZ-Raad 8 en 9 december tot "
                  "overeenstemming te komen over een algemene oriëntatie.", dt.date(2025, 11, 3))
    assert (found.status, found.refers_to.kind, found.refers_to.day) == ("planned", "next", dt.date(2025, 12, 8))


@pytest.mark.parametrize("sentence, expected", [
    ("Het kabinet steunt het voorstel.", True),
    ("Nederland kan instemmen met de algemene oriëntatie.", True),
    ("Daarbij zal het kabinet onderstrepen dat de procedure eenvoudiger moet.", True),
    ("Volgens Nederland is de juiste balans gevonden.", True),
    ("Voor Nederland is het cruciaal dat vertraging wordt voorkomen.", True),
    ("Nederland is voorstander van een snelle afronding.", True),
    ("De terugkeer naar Nederland blijft complex.", False),
    ("De Commissie steunt het voorstel.", False),
    ("Lidstaten in Nederland en België spraken.", False),
])
def test_position_phrases(sentence, expected):
    assert is_position(sentence) is expected


def test_sentences_keep_footnote_markers_with_their_sentence():
    assert sentences("Dat gebeurde in december.1 Daarnaast is het kabinet positief.") == [
        "Dat gebeurde in december.1", "Daarnaast is het kabinet positief."]


def test_dossiers_finds_the_acts_a_text_names_by_compound(tmp_path):
    from jbz import store
    from jbz.dossiers.catalogue import discover
    db = store.open_db(tmp_path / "jbz.db")
    db.conn.execute("INSERT INTO documents (id, path, file, sha256, doc_type, indexed_at) VALUES"
                    " (1, '/a.txt', 'a.txt', 'x', 'agenda', '')")
    db.conn.execute(
        'INSERT INTO passages (document_id, kind, "where", title, text) VALUES (1, \'item\', \'Migratie.1\', \'\', ?)',
        ["Over de (Terugkeerverordening) en de CSAM-Verordening, de AI-verordening.\u00a0De Kaderrichtlijn"
         " volgt; de terugkeerverordening klein geschreven en Verordeningen van 2024 en"
         " Dublinverordeningen tellen niet."])
    names = {d.name for d in discover(db, [])}
    assert names == {"Terugkeerverordening", "CSAM-Verordening", "AI-verordening", "Kaderrichtlijn"}


# -- documents about no one meeting ---------------------------------------------------------------

def test_bnc_fiche_letter_is_a_dated_entry_before_the_first_meeting(tmp_path):
    # A BNC letter in the real 22112 layout (kst-22112-2708, 2022D04444): "Fiche: …" titles, no meeting.
    from pathlib import Path
    import shutil
    from jbz.index.indexer import bundled_seeds, index_paths
    folder = tmp_path / "letters"
    shutil.copytree(bundled_seeds(), folder)
    shutil.copy(Path(__file__).parent / "data" / "letters" / "bnc_fiche_terugkeerverordening.txt", folder)
    db_file = tmp_path / "jbz.db"
    index_paths(store.open_db(db_file), [folder])
    entries = track(str(db_file), "Terugkeerverordening")["entries"]
    first_meeting = next(i for i, e in enumerate(entries) if e["meeting_start"])
    fiche = [e for e in entries[:first_meeting] if e["file"] == "bnc_fiche_terugkeerverordening.txt"]
    assert fiche and first_meeting == len(fiche)
    assert all((e["meeting_start"], e["meeting_end"], e["letter_date"]) == (None, None, "2025-04-11") for e in fiche)
    assert ("BNC-fiche", "reached") in {(e["stage"]["name"], e["stage"]["status"]) for e in fiche if e["stage"]}
    assert entries[first_meeting]["meeting_start"] == "2025-07-22"
