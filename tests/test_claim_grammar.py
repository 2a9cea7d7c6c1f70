"""Paraphrase properties of the claim reader: one claim written in many forms — main clause, inverted
after an adverbial, subordinate; past, perfect, present, future, modal; active and passive; split
particles; two or three files under one stage noun; a footnote digit glued to a name; a heading above
it — reads as the same (stage, status), with a scope that covers the file(s). Negative controls stay
silent. The wordings the old phrase lists knew are in tests/test_stage_wording.py."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from jbz.index.indexer import bundled_seeds
from jbz.language.claims import claims_in
from jbz.language.stages import STAGES
from jbz.parse import parse_letter
from jbz.read import read_file

LETTER = dt.date(2024, 3, 15)
A, B, C = "de Richtlijn milieustrafrecht", "de Verordening veilige landen van herkomst", "de Eurodac-verordening"
REACHED = {"reached", "reported"}

# Per rung and status, the claim in many forms; {f} is where the file is named.
FORMS: dict[tuple[str, str], list[str]] = {
    ("Commissievoorstel", "reached"): [
        "De Commissie publiceerde op 4 maart een voorstel voor {f}.",
        "Op 4 maart publiceerde de Europese Commissie het voorstel voor {f}.",
        "De Commissie heeft het voorstel voor {f} gepresenteerd.",
        "Het voorstel voor {f} is door de Europese Commissie gepubliceerd.",
        "De Commissie diende in juni een voorstel in voor {f}.",
        "De Commissie bracht in mei een voorstel uit voor {f}.",
        "De Europese Commissie heeft een wetsvoorstel ingediend voor {f}.",
        "Verder wordt het al door de Commissie gepresenteerde voorstel voor {f} besproken.",
        "Het kabinet meldt dat de Commissie een voorstel voor {f} heeft gepresenteerd.",
    ],
    ("Commissievoorstel", "planned"): [
        "De Commissie zal een voorstel voor {f} presenteren.",
        "Naar verwachting publiceert de Commissie in juni 2024 een voorstel voor {f}.",
        "De Commissie is voornemens een voorstel voor {f} in te dienen.",
    ],
    ("BNC-fiche", "reached"): [
        "Fiche: {F} (Kamerstuk 22 112, nr. 3300)",
        "Uw Kamer ontving het BNC-fiche over {f}.",
        "Het kabinet heeft het BNC-fiche over {f} naar uw Kamer gestuurd.",
    ],
    ("BNC-fiche", "planned"): [
        "Het kabinet zal uw Kamer via een BNC-fiche informeren over {f}.",
    ],
    ("onderhandelingen in de Raad", "reached"): [
        "De Raad hield een gedachtewisseling over {f}.",
        "Tijdens de Raad werd {f} besproken.",
        "De onderhandelingen over {f} lopen nog.",
        "Het Voorzitterschap lichtte de voortgang van de onderhandelingen over {f} toe.",
        "Daarnaast werd de voortgang van {f} besproken.",
    ],
    ("onderhandelingen in de Raad", "planned"): [
        "Het Voorzitterschap zal de Raad informeren over de voortgang van de onderhandelingen over {f}.",
        "Naar verwachting vindt een beleidsdebat plaats over {f}.",
        "Op 20 juni 2024 vindt een beleidsdebat plaats over {f}.",
        "De Raad zal een gedachtewisseling houden over {f}.",
    ],
    ("algemene oriëntatie", "reached"): [
        "De Raad bereikte een algemene oriëntatie over {f}.",
        "Op 8 december bereikte de Raad een algemene oriëntatie over {f}.",
        "Er werd een algemene oriëntatie bereikt over {f}.",
        "De Raad heeft een algemene oriëntatie over {f} vastgesteld.",
        "De Raad stelde een Raadspositie vast over {f}.",
        "De Raad nam een algemene benadering aan over {f}.",
        "De Raad bereikte een akkoord over {f}.",
        "Het kabinet verwelkomt dat de Raad een algemene oriëntatie over {f} heeft bereikt.",
    ],
    ("algemene oriëntatie", "planned"): [
        "Het Voorzitterschap streeft naar een algemene oriëntatie over {f}.",
        "De Raad zal een algemene oriëntatie bereiken over {f}.",
        "Het Voorzitterschap beoogt een Raadspositie over {f} vast te stellen.",
        "Naar verwachting wordt een algemene oriëntatie bereikt over {f}.",
        "Waarschijnlijk bereikt de Raad een algemene oriëntatie over {f}.",
        "Het Voorzitterschap wil tot een akkoord komen in de Raad over {f}.",
    ],
    ("onderhandelingen met het Europees Parlement", "reached"): [
        "De trilogen over {f} zijn begonnen.",
        "De onderhandelingen met het Europees Parlement over {f} zijn gestart.",
        "De triloogonderhandelingen over {f} lopen.",
    ],
    ("onderhandelingen met het Europees Parlement", "planned"): [
        "Het Voorzitterschap wil de onderhandelingen met het Europees Parlement over {f} snel starten.",
        "De trilogen over {f} zullen in juni beginnen.",
    ],
    ("voorlopig akkoord", "reached"): [
        "Er werd een voorlopig akkoord bereikt over {f}.",
        "De Raad en het Europees Parlement bereikten een akkoord over {f}.",
        "In de triloog is een akkoord bereikt over {f}.",
        "Het Voorzitterschap meldde het in de triloog bereikte akkoord over {f}.",
        "Het politiek akkoord over {f} is bereikt.",
    ],
    ("voorlopig akkoord", "planned"): [
        "Het Voorzitterschap streeft naar een voorlopig akkoord met het Europees Parlement over {f}.",
        "Naar verwachting wordt in de triloog een akkoord bereikt over {f}.",
    ],
    ("formele aanname", "reached"): [
        "{F} is formeel aangenomen.",
        "De Raad heeft {f} formeel vastgesteld.",
        "Op 23 februari werd {f} bekrachtigd in de Raad.",
        "De Raad nam {f} formeel aan.",
    ],
    ("formele aanname", "planned"): [
        "De Raad zal {f} formeel aannemen.",
        "Naar verwachting wordt {f} formeel aangenomen.",
        "De Raad zal {f} bekrachtigen.",
    ],
    ("bekendmaking", "reached"): [
        "{F} werd gepubliceerd in het Publicatieblad.",
        "{F} is op 9 juli bekendgemaakt.",
    ],
    ("bekendmaking", "planned"): [
        "{F} zal worden gepubliceerd in het Publicatieblad.",
    ],
    ("inwerkingtreding", "reached"): [
        "{F} is op 3 maart in werking getreden.",
        "Sinds 25 mei 2018 is {f} van kracht.",
        "{F} is per 11 juni 2023 van toepassing geworden.",
        "{F} trad op 1 januari in werking.",
    ],
    ("inwerkingtreding", "planned"): [
        "{F} treedt op 1 januari 2025 in werking.",
        "{F} zal op 12 juni 2026 van toepassing worden.",
        "{F} wordt met ingang van 17 februari 2025 van toepassing.",
        "Op 12 juni 2026 treedt {f} in werking.",
        "{F} zal in werking treden.",
    ],
}
CASES = [(stage, status, form) for (stage, status), forms in FORMS.items() for form in forms]


def test_every_rung_has_both_statuses():
    assert {stage for stage, _ in FORMS} == set(STAGES)
    assert all((stage, status) in FORMS for stage in STAGES for status in ("reached", "planned"))


def _render(form: str, name: str) -> str:
    return form.format(f=name, F=name[0].upper() + name[1:])


def _claims_about(text: str, stage: str, status: str, name: str) -> list:
    wanted = REACHED if status == "reached" else {"planned"}
    core = name.split(" ", 1)[1]
    return [c for c in claims_in(text, LETTER) if c.name == stage and c.status in wanted
            and c.scope and core in c.evidence[c.scope[0]:c.scope[1]]]


@pytest.mark.parametrize("stage, status, form", CASES)
def test_each_form_reads_as_its_claim_with_the_file_in_scope(stage, status, form):
    sentence = _render(form, A)
    assert _claims_about(sentence, stage, status, A), (sentence, claims_in(sentence, LETTER))


@pytest.mark.parametrize("stage, status, form", CASES)
def test_a_heading_above_changes_nothing_and_is_not_in_scope(stage, status, form):
    text = "Migratie en asiel\n\n" + _render(form, A)
    found = _claims_about(text, stage, status, A)
    assert found, text
    assert all("Migratie en asiel" not in c.evidence[c.scope[0]:c.scope[1]] for c in found)


@pytest.mark.parametrize("stage, status, form", CASES)
def test_a_footnote_digit_glued_to_the_name_changes_nothing(stage, status, form):
    text = _render(form.replace("{f}", "{f}1").replace("{F}", "{F}1"), A)
    assert _claims_about(text, stage, status, A), text


@pytest.mark.parametrize("sentence, stage, status", [
    (f"De Raad bereikte drie algemene oriëntaties, namelijk op {A}, {B} en {C}.", "algemene oriëntatie", "reached"),
    (f"De bijeenkomst stond in het teken van twee algemene oriëntaties, namelijk op {A} en op {B}.",
     "algemene oriëntatie", "reached"),
    (f"Er werd een voorlopig akkoord bereikt over {A} en {B}.", "voorlopig akkoord", "reached"),
    (f"Daarnaast werd de voortgang van {A} en {B} besproken.", "onderhandelingen in de Raad", "reached"),
    ((f"De Commissie presenteerde een pakket, bestaande uit een voorstel voor {A}, een voorstel voor {B} en een "
      f"voorstel voor {C}."), "Commissievoorstel", "reached"),
])
def test_files_under_one_stage_noun_are_all_in_its_scope(sentence, stage, status):
    names = [n for n in (A, B, C) if n in sentence]
    for name in names:
        assert _claims_about(sentence, stage, status, name), (name, claims_in(sentence, LETTER))


def test_a_file_in_a_neighbouring_phrase_is_not_in_the_scope():
    sentence = f"De Raad sprak over de evaluatie van {A} en de voortgang van de onderhandelingen over {B}."
    talks = [c for c in claims_in(sentence, LETTER) if c.name == "onderhandelingen in de Raad"]
    assert talks and all("milieustrafrecht" not in c.evidence[c.scope[0]:c.scope[1]] for c in talks)
    assert any("veilige landen" in c.evidence[c.scope[0]:c.scope[1]] for c in talks)


def test_each_clause_has_its_own_scope():
    sentence = (f"De Raad bereikte een algemene oriëntatie over {A}; over {B} werd een eerste gedachtewisseling "
                "gehouden.")
    found = {c.name: c.evidence[c.scope[0]:c.scope[1]] for c in claims_in(sentence, LETTER)}
    assert "milieustrafrecht" in found["algemene oriëntatie"] and "veilige" not in found["algemene oriëntatie"]
    assert "veilige" in found["onderhandelingen in de Raad"] and "milieu" not in found["onderhandelingen in de Raad"]


def test_the_topic_before_a_colon_is_the_scope_when_the_clause_names_no_file():
    found = claims_in("Eurovalsemunterij: de Raad bereikt een algemene oriëntatie met betrekking tot het voorstel.",
                      LETTER)
    assert [(c.name, c.evidence[c.scope[0]:c.scope[1]].startswith("Eurovalsemunterij")) for c in found] == [
        ("algemene oriëntatie", True)]


def test_a_package_heading_gives_its_stage_to_the_member_named_not_to_itself():
    found = claims_in("Herziening gemeenschappelijk Europees asielstelsel: De Raad bereikte een gedeeltelijk akkoord "
                      "met betrekking tot de Eurodac-verordening.", LETTER)
    assert [c.name for c in found] == ["algemene oriëntatie"]
    assert "asielstelsel" not in found[0].evidence[found[0].scope[0]:found[0].scope[1]]


def test_a_list_named_in_the_next_sentence_is_the_scope():
    text = ("Het voorzitterschap zal informatie delen over de voortgang van de trilogen over een aantal dossiers. "
            f"Dit betreft {A} en {B}.")
    found = [c for c in claims_in(text, LETTER) if c.name == "onderhandelingen met het Europees Parlement"]
    assert found and "milieustrafrecht" in found[0].evidence[found[0].scope[0]:found[0].scope[1]]


def test_a_past_tense_stays_reached_whatever_the_date():
    found = claims_in(f"Op 1 januari 2030 bereikte de Raad een algemene oriëntatie over {A}.", LETTER)
    assert [c.status for c in found] == ["reported"]


def test_a_date_in_another_clause_does_not_make_a_claim_planned():
    found = claims_in(f"De Raad bereikte een algemene oriëntatie over {A}, waarna op 1 juni 2025 de trilogen "
                      "beginnen.", LETTER)
    assert ("algemene oriëntatie", "reached") in [(c.name, c.status) for c in found]


def test_the_meeting_referred_to_is_the_one_in_the_claim_s_own_clause():
    found = claims_in(f"De Raad bereikte op 8 december 2023 een algemene oriëntatie over {A}; de volgende JBZ-Raad "
                      "op 14 maart 2024 bespreekt de trilogen.", LETTER)
    general = next(c for c in found if c.name == "algemene oriëntatie")
    assert general.refers_to.day == dt.date(2023, 12, 8)


@pytest.mark.parametrize("sentence", [
    "De Raad heeft conclusies aangenomen over de toekomst van het terugkeerbeleid.",
    "De Raad heeft de conclusies over de Schengenruimte formeel aangenomen.",
    "De Commissie publiceerde een mededeling over de Europese asielstrategie.",
    "De Commissie presenteerde haar jaarlijks verslag over de rechtsstaat.",
    "De Commissie heeft de uitvoeringsverordening formeel vastgesteld.",
    "De Commissie heeft een gedelegeerde handeling vastgesteld.",
    "De procedurele waarborgen van de richtlijn zijn van toepassing op alle verdachten.",
    "Het recht dat van toepassing is op de cessie van vorderingen.",
    "Het wetsvoorstel is door de Tweede Kamer aangenomen.",
    "De Tweede Kamer heeft het wetsvoorstel ingediend.",
    "Ook wordt het mogelijk om nog voor de inwerkingtreding van het Pact landen aan te wijzen.",
    "De Uitvoeringshandeling wordt openbaar zodra de Raad overeenstemming over de inhoud heeft bereikt.",
    "Nederland kan akkoord gaan met de resterende onderdelen van de roadmap.",
    "Onderdeel hiervan is steun voor opvang in de regio.",
])
def test_negative_controls_stay_silent(sentence):
    assert claims_in(sentence, LETTER) == [], claims_in(sentence, LETTER)


# -- claims beyond the labels, judged by hand (tests/data/judged_claims.json) ------------------------

JUDGED = json.loads((Path(__file__).parent / "data" / "judged_claims.json").read_text(encoding="utf-8"))["claims"]


@pytest.fixture(scope="module")
def seed_claims() -> dict[str, list]:
    """Return the claims the reader makes in each bundled seed letter, dated as the letter."""
    found = {}
    for path in sorted(Path(bundled_seeds()).glob("*.txt")):
        text = read_file(path).text
        found[path.name] = claims_in(text, parse_letter(text).letter_date)
    return found


@pytest.mark.parametrize("judged", JUDGED, ids=[f"{j['verdict']}:{j['contains'][:40]}:{j['stage']}" for j in JUDGED])
def test_a_judged_claim_is_read_when_right_and_not_when_wrong(judged, seed_claims):
    read = [c for c in seed_claims[judged["file"]] if judged["contains"] in " ".join(c.evidence.split())
            and (c.name, c.status) == (judged["stage"], judged["status"])]
    if judged["verdict"] == "right":
        assert read, judged["why"]
    else:
        assert not read, judged["why"]


@pytest.mark.parametrize("opening", [
    "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal Den Haag, 31 oktober 2017 ",
    "Tweede Kamer der Staten-Generaal Vergaderjaar 2017-2018 ",
])
def test_a_chamber_named_in_a_letter_s_opening_does_not_make_the_claim_national(opening):
    sentence = opening + "De Prüm II-verordening is formeel aangenomen."
    found = claims_in(sentence, dt.date(2017, 11, 1))
    assert [claim.name for claim in found] == ["formele aanname"] and found[0].status in ("reached", "reported")


def test_a_bill_the_chamber_adopts_is_still_no_claim():
    assert claims_in("Het wetsvoorstel ter uitvoering van de verordening is door de Eerste Kamer aangenomen.",
                     dt.date(2017, 11, 1)) == []
