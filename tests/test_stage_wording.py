"""The stage ladder's wording, rung by rung, as the letters put it from 2009 to today: one hand-written
sentence per wording, the claim it makes (stage and planned/reached), and the non-claims."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from jbz import store
from jbz.dossiers import catalogue, files, story, timeline
from jbz.language.claims import claim, claims_in, claims_of
from jbz.index.indexer import index_paths

LETTER = dt.date(2024, 3, 15)


@pytest.mark.parametrize("sentence, stage, status", [
    # Commissievoorstel
    ("De Commissie publiceerde op 27 april 2022 een voorstel voor een verordening inzake talentpools.",
     "Commissievoorstel", "reported"),
    ("De Europese Commissie heeft op 4 maart het voorstel voor een Terugkeerverordening gepresenteerd.",
     "Commissievoorstel", "reported"),
    ("In juni kwam de Commissie met een voorstel voor een Richtlijn minimumnormen.", "Commissievoorstel", "reached"),
    ("Commissaris Johansson gaf een presentatie van het pakket, bestaande uit een voorstel voor een verordening.",
     "Commissievoorstel", "reached"),
    ("De Commissie zal haar gewijzigde voorstellen indienen op de opvangrichtlijn.", "Commissievoorstel", "planned"),
    ("Titel voorstel: Voorstel voor een verordening tot vaststelling van een Uniekader.", "Commissievoorstel",
     "reached"),
    # BNC-fiche
    ("Fiche 2: Verordening inzake de herinvoering van grenstoezicht (Kamerstuk 22 112, nr. 1237)", "BNC-fiche",
     "reached"),
    ("Fiche: Voorstel Terugkeerverordening", "BNC-fiche", "reached"),
    ("Uw Kamer ontving de BNC-fiches over de API-verordeningen.", "BNC-fiche", "reached"),
    ("Het kabinet zal uw Kamer via het gebruikelijke BNC-fiche informeren over de Richtlijn.", "BNC-fiche", "planned"),
    # onderhandelingen in de Raad
    ("De Raad hield een eerste gedachtewisseling over het voorstel voor een richtlijn.", "onderhandelingen in de Raad",
     "reached"),
    ("Gegevensbescherming: de Raad gaf richting mee aan de experts in de raadswerkgroep.",
     "onderhandelingen in de Raad", "reached"),
    ("De voorstellen zijn terugverwezen voor verdere ambtelijke voorbereiding.", "onderhandelingen in de Raad",
     "reached"),
    ("Het Voorzitterschap legde de Raad vragen voor over de reikwijdte van de richtlijn.",
     "onderhandelingen in de Raad", "reached"),
    ("De Raad stemde in met uitbreiding van de reikwijdte van de verordening.", "onderhandelingen in de Raad",
     "reached"),
    ("Op de home-dag was er aandacht voor de Verordening seksueel misbruik van kinderen.",
     "onderhandelingen in de Raad", "reached"),
    ("Het Voorzitterschap zal de Raad informeren over de voortgang van de onderhandelingen.",
     "onderhandelingen in de Raad", "planned"),
    ("De nadruk lag op de discussie over de Raadsposities voor de Asielprocedureverordening.",
     "onderhandelingen in de Raad", "reached"),
    # algemene oriëntatie, partial positions included
    ("De Raad stelde een Raadspositie vast voor de Richtlijn milieustrafrecht.", "algemene oriëntatie", "reached"),
    ("De Raad bereikte een gedeeltelijk akkoord met betrekking tot de Eurodac-verordening.", "algemene oriëntatie",
     "reached"),
    ("Coreper heeft op 20 december jl. een gedeeltelijke raadspositie aangenomen op de verordening.",
     "algemene oriëntatie", "reported"),
    ("De Raad nam een algemene benadering aan over Europol.", "algemene oriëntatie", "reached"),
    ("Het Voorzitterschap beoogt een onderhandelingsmandaat te bereiken.", "algemene oriëntatie", "planned"),
    ("De Raad bereikte een gedeeltelijke algemene oriëntatie over de Grens- en Kustwachtverordening.",
     "algemene oriëntatie", "reached"),
    # onderhandelingen met het Europees Parlement
    ("De trilogen met het Europees Parlement zijn begonnen.", "onderhandelingen met het Europees Parlement",
     "reached"),
    ("Het Voorzitterschap wil de onderhandelingen met het Europees Parlement snel starten.",
     "onderhandelingen met het Europees Parlement", "planned"),
    # voorlopig akkoord
    ("Er werd een politiek akkoord bereikt over de Confiscatierichtlijn.", "voorlopig akkoord", "reached"),
    ("Er is een compromis bereikt tussen Raad en Parlement over de verordening.", "voorlopig akkoord", "reached"),
    ("Het Voorzitterschap maakte melding van het in de triloog bereikte akkoord.", "voorlopig akkoord", "reached"),
    ("Het Voorzitterschap streeft naar een voorlopig akkoord met het Europees Parlement.", "voorlopig akkoord",
     "planned"),
    # formele aanname, bekendmaking, inwerkingtreding
    ("De EOM verordening is formeel vastgesteld voor de deelnemende lidstaten.", "formele aanname", "reached"),
    ("De richtlijn is definitief aangenomen.", "formele aanname", "reached"),
    ("De verordening werd gepubliceerd in het Publicatieblad van de EU.", "bekendmaking", "reached"),
    ("De verordening treedt op 1 januari 2025 in werking.", "inwerkingtreding", "planned"),
    ("De verordening is op 3 maart in werking getreden.", "inwerkingtreding", "reported"),
    ("De nieuwe regels zullen van toepassing worden op 12 juni 2026.", "inwerkingtreding", "planned"),
])
def test_each_wording_claims_its_rung(sentence, stage, status):
    found = claim(sentence, LETTER)
    assert found is not None, sentence
    assert (found.name, found.status) == (stage, status)
    assert found.evidence == sentence


@pytest.mark.parametrize("sentence", [
    # "aangenomen" said of Council conclusions
    "De Raad heeft conclusies aangenomen met betrekking tot de toekomst van het terugkeerbeleid.",
    "De Raad heeft de conclusies over de Schengenruimte formeel aangenomen.",
    # "van toepassing" said of a rule
    "Het recht dat van toepassing is op de derdenwerking van de cessie.",
    "De procedurele waarborgen van de richtlijn zijn van toepassing op alle verdachten.",
    # acts of the Commission
    "De Commissie presenteerde haar halfjaarlijks verslag over het functioneren van de Schengenruimte.",
    "De Commissie heeft de uitvoeringsverordening formeel vastgesteld.",
    "De Commissie publiceerde een mededeling over de Europese asielstrategie.",
    # a milestone merely named
    "Ook wordt het mogelijk om nog voor de inwerkingtreding van het Pact landen aan te wijzen.",
])
def test_non_claims_stay_non_claims(sentence):
    found = claim(sentence, LETTER)
    assert found is None or found.name not in {"formele aanname", "inwerkingtreding", "Commissievoorstel",
                                                "bekendmaking"}, (sentence, found)


def test_a_mandate_for_the_commission_is_no_general_approach():
    found = claim("De Raad stelde het onderhandelingsmandaat voor de Commissie vast.", LETTER)
    assert found is None or found.name != "algemene oriëntatie"


def test_the_next_instruments_are_not_an_aim():
    # "de volgende instrumenten" lists what was adopted; only "de volgende JBZ-Raad" is a plan.
    found = claim("Tijdens deze bijeenkomst heeft de Raad de volgende instrumenten aangenomen: voorstel voor een "
                  "richtlijn mensenhandel (algemene oriëntatie, agendapunt 5);", LETTER)
    assert (found.name, found.status) == ("algemene oriëntatie", "reached")


@pytest.mark.parametrize("sentence, expected", [
    ("Europese grens- en kustwacht: er is voortgang geboekt met betrekking tot de behandeling van het voorstel; het "
     "streven is om voor de volgende JBZ-Raad een Raadspositie te bewerkstelligen.",
     [("onderhandelingen in de Raad", "reached"), ("algemene oriëntatie", "planned")]),
    ("Het voorzitterschap informeerde de ministers over de behandeling van het in- en uitreissysteem, waarbij de inzet "
     "blijft om binnen afzienbare tijd een Raadspositie vast te stellen.",
     [("onderhandelingen in de Raad", "reached"), ("algemene oriëntatie", "planned")]),
    ("Het Voorzitterschap lichtte het voorstel over de Kustwachtverordening toe, waarbij sprake was van unanimiteit "
     "met betrekking tot de deelakkoorden over terugkeer.",
     [("onderhandelingen in de Raad", "reached"), ("algemene oriëntatie", "reached")]),
])
def test_each_clause_claims_its_own_rung(sentence, expected):
    assert [(c.name, c.status) for c in claims_of(sentence, LETTER)] == expected


def test_an_agenda_decision_line_plans_each_decision():
    found = claims_of("= Beleidsdebat, gedeeltelijke algemene oriëntatie", LETTER)
    assert sorted((c.name, c.status) for c in found) == [("algemene oriëntatie", "planned"),
                                                         ("onderhandelingen in de Raad", "planned")]


def test_a_bnc_letter_claims_each_listed_fiche_on_its_own():
    text = ("Overeenkomstig de bestaande afspraken ontvangt u hierbij 3 fiches die werden opgesteld door de werkgroep "
            "Beoordeling Nieuwe Commissievoorstellen (BNC). Fiche: Prüm II-verordening (Kamerstuk 22 112, nr. 3292) "
            "Fiche: Mededeling Actieplan Sociale Economie (Kamerstuk 22 112, nr. 3294) Fiche: Verordening "
            "anti-dwang instrument (Kamerstuk 22 112, nr. 3300) De Minister van Buitenlandse Zaken, W.B. Hoekstra")
    fiches = [c for c in claims_in(text, LETTER) if c.name == "BNC-fiche"]
    assert [c.evidence for c in fiches] == [
        "Fiche: Prüm II-verordening (Kamerstuk 22 112, nr. 3292)",
        "Fiche: Mededeling Actieplan Sociale Economie (Kamerstuk 22 112, nr. 3294)",
        "Fiche: Verordening anti-dwang instrument (Kamerstuk 22 112, nr. 3300)"]
    assert {c.status for c in fiches} == {"reached"}
    # The BNC working group is the cabinet's, not a Council working party.
    assert not [c for c in claims_in(text, LETTER) if c.name == "onderhandelingen in de Raad"]


def test_each_bullet_under_a_lead_in_claims_its_own_rung():
    text = ("Tijdens deze bijeenkomst heeft de Raad de volgende instrumenten aangenomen: • voorstel voor een richtlijn "
            "mensenhandel (algemene oriëntatie, agendapunt 5); • voorstel voor een verordening erfrecht (politiek "
            "akkoord, agendapunt 6).")
    found = claims_in(text, LETTER)
    assert [(c.name, c.status) for c in found] == [("algemene oriëntatie", "reached"), ("voorlopig akkoord", "reached")]
    assert found[0].evidence.startswith("Tijdens deze bijeenkomst") and "erfrecht" not in found[0].evidence


def test_the_date_nearest_the_stage_decides_the_meeting_referred_to():
    # A report's sentence glued to its heading: the letter's date is not when the act was adopted.
    found = claim("Den Haag, 31 oktober 2017 Verslag van de bijeenkomst van 12 en 13 oktober 2017 te Luxemburg "
                  "De EOM verordening is formeel vastgesteld.", dt.date(2017, 10, 31))
    assert found.refers_to.day == dt.date(2017, 10, 12)


# -- the wording in letters, as `track` shows it ---------------------------------------------------

LETTERS = Path(__file__).parent / "data" / "letters"


@pytest.fixture(scope="module")
def wording_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wording") / "letters"
    folder.mkdir()
    for name in ("stage_verslag_wording.txt", "stage_commission_proposal.txt"):
        shutil.copy(LETTERS / name, folder / name)
    db = store.open_db(folder.parent / "jbz.db")
    index_paths(db, [folder])
    return db


def shown(db, name: str) -> list[tuple[str | None, str, str]]:
    """Return (meeting, stage, status) of every stage and outcome `track name` shows."""
    found = files.resolve(db, name, catalogue.load_dossiers())  # as `jbz track` resolves it
    entries = timeline.timeline(db, found)
    story.tell(entries)
    timeline.load_texts(db, found, entries)
    story.describe(found, entries)
    return [(e.meeting_start, s["name"], s["status"]) for e in entries for s in [e.stage, *e.outcomes] if s]


@pytest.mark.parametrize("name, expected", [
    ("Richtlijn milieustrafrecht", {("2023-12-07", "algemene oriëntatie", "reached")}),
    # One sentence, two clauses: work under way, and a Raadspositie aimed at.
    ("Opvangrichtlijn", {("2023-12-07", "onderhandelingen in de Raad", "reached"),
                         ("2023-12-07", "algemene oriëntatie", "planned")}),
    ("Confiscatierichtlijn", {("2023-12-07", "voorlopig akkoord", "reached")}),
])
def test_a_report_s_wording_is_read_per_file(wording_db, name, expected):
    assert set(shown(wording_db, name)) == expected


def test_conclusions_on_a_topic_put_it_on_no_ladder(wording_db):
    assert shown(wording_db, "Schengenbarometer") == []


def test_a_letter_on_one_proposal_is_dated_by_its_letter_and_claims_the_proposal(wording_db):
    found = files.resolve(wording_db, "Verordening talentpool", catalogue.load_dossiers())
    entries = timeline.timeline(wording_db, found)
    assert entries and {(e.meeting_start, e.letter_date) for e in entries} == {(None, "2022-05-12")}
    assert set((stage, status) for _, stage, status in shown(wording_db, "Verordening talentpool")) >= {
        ("Commissievoorstel", "reported")}
