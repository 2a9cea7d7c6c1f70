"""The bundled letters read exactly as the hand-made gold file says, field by field and item by item."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from jbz.parse import parse_letter
from jbz.read import read_file

ROOT = Path(__file__).resolve().parent.parent
GOLD = json.loads((ROOT / "tests" / "data" / "gold_seeds.json").read_text(encoding="utf-8"))
GOLD_DOCS = {doc["file"]: doc for doc in GOLD["documents"]}


def norm(text: str | None) -> str | None:
    return None if text is None else re.sub(r"\s+", " ", text).strip().casefold()


@pytest.fixture(scope="module")
def parsed():
    return {name: parse_letter(read_file(ROOT / "seeds" / name).text) for name in GOLD_DOCS}


def iso(value):
    return value.isoformat() if value else None


@pytest.mark.parametrize("name", sorted(GOLD_DOCS))
def test_header_fields(parsed, name):
    doc, gold = parsed[name], GOLD_DOCS[name]
    assert doc.kamerstuk == gold["kamerstuk"]
    assert doc.chamber == gold["chamber"]
    assert iso(doc.letter_date) == gold["letter_date"]
    assert doc.doc_type == gold["doc_type"]


@pytest.mark.parametrize("name", sorted(GOLD_DOCS))
def test_meeting(parsed, name):
    doc, gold = parsed[name], GOLD_DOCS[name]["meeting"]
    assert doc.meeting is not None
    assert (iso(doc.meeting.start), iso(doc.meeting.end)) == (gold["start"], gold["end"])
    assert doc.meeting.location == gold["location"]
    assert doc.meeting.informal == gold["informal"]


@pytest.mark.parametrize("name", sorted(GOLD_DOCS))
def test_signatories(parsed, name):
    assert parsed[name].signatories == GOLD_DOCS[name]["signatories"]


@pytest.mark.parametrize("name", sorted(GOLD_DOCS))
def test_cover_topics(parsed, name):
    assert [norm(t.title) for t in parsed[name].cover_topics] == [norm(t) for t in GOLD_DOCS[name]["cover_topics"]]


@pytest.mark.parametrize("name", sorted(GOLD_DOCS))
def test_parts_and_items(parsed, name):
    doc, gold = parsed[name], GOLD_DOCS[name]
    assert [norm(p.title) for p in doc.parts] == [norm(p["title"]) for p in gold["parts"]]
    for part, gold_part in zip(doc.parts, gold["parts"]):
        got = [(i.number, norm(i.title), i.label) for i in part.items]
        want = [(i["number"], norm(i["title"]), i["label"]) for i in gold_part["items"]]
        assert got == want, part.title
        for item, gold_item in zip(part.items, gold_part["items"]):
            got_subs = [(s.number, norm(s.title), s.label) for s in item.subitems]
            want_subs = [(s["number"], norm(s["title"]), s.get("label")) for s in gold_item.get("subitems", [])]
            assert got_subs == want_subs, f"{part.title}.{item.number}"


# -- the traps the gold file's notes describe, one test each ---------------------------------------

def test_trap_no_cover_letter_starts_at_heading(parsed):
    doc = parsed["000_13a0f7031c7bf738.txt"]
    assert doc.letter_date is None and doc.signatories == [] and doc.cover_topics == []
    assert doc.parts[0].items[0].title.startswith("Werksessie I")


def test_trap_misprinted_dossier_in_footnote_is_no_reference(parsed):
    doc = parsed["000_13a0f7031c7bf738.txt"]
    assert doc.footnotes[0].number == 1 and "7010422" in doc.footnotes[0].text
    assert doc.footnotes[0].references == []
    assert all("7010422" not in item.body for part in doc.parts for item in part.items)


def test_trap_label_on_title_last_line_is_split_off(parsed):
    item = parsed["001_2a5ab7112efab522.txt"].parts[0].items[1]
    assert (item.title, item.label) == ("Implementatie van interoperabiliteit: herziene routekaart voor na 2026",
                                        "Goedkeuring")
    ucpm = parsed["003_15903c3f800c1725.txt"].parts[0].items[5]
    assert ucpm.label == "Voortgangsrapportage" and ucpm.title.endswith("(UCPM)")


def test_trap_label_under_a_list_of_subitems_belongs_to_the_item(parsed):
    item = parsed["001_2a5ab7112efab522.txt"].parts[0].items[0]
    assert item.label == "Gedachtewisseling"
    assert [s.label for s in item.subitems] == [None, None]


def test_trap_header_prints_only_nr_implies_dossier_32317(parsed):
    assert parsed["002_0b783c6c09b9d010.txt"].kamerstuk == "32317-975"
    assert parsed["003_15903c3f800c1725.txt"].kamerstuk == "32317-978"


def test_trap_report_mentions_next_meeting_which_is_not_its_own(parsed):
    doc = parsed["002_0b783c6c09b9d010.txt"]
    assert "8 en 9 december" in " ".join(i.body for p in doc.parts for i in p.items)
    assert doc.meeting.start.isoformat() == "2025-10-13"


def test_trap_belangrijkste_resultaten_is_part_intro_not_an_item(parsed):
    doc = parsed["002_0b783c6c09b9d010.txt"]
    assert all(norm(i.title) != "belangrijkste resultaten" for p in doc.parts for i in p.items)
    assert doc.parts[0].intro.startswith("Belangrijkste resultaten")


def test_trap_cover_letter_copies_previous_meeting(parsed):
    doc = parsed["003_15903c3f800c1725.txt"]
    assert doc.meeting.start.isoformat() == "2025-12-08"
    assert doc.meeting.location != "Luxemburg"
    assert any("heading" in w for w in doc.warnings)


def test_trap_other_dates_in_text_are_not_the_meeting(parsed):
    doc = parsed["003_15903c3f800c1725.txt"]
    titles = [s.title for i in doc.parts[0].items for s in i.subitems]
    assert any("Sarajevo, 30-31 Oktober 2025" in t for t in titles)
    assert doc.meeting.end.isoformat() == "2025-12-09"


def test_trap_footnote_at_page_break_stays_out_of_item(parsed):
    doc = parsed["003_15903c3f800c1725.txt"]
    bodies = " ".join(i.body + " " + s.body for p in doc.parts for i in p.items for s in (i.subitems or [i]))
    assert "Zie ook het verslag" not in bodies
    assert any(n.text.startswith("Zie ook het verslag") for n in doc.footnotes)


def test_trap_stray_roman_markers_are_body_text(parsed):
    doc = parsed["004_f076fd594f40bb30.txt"]
    assert [p.title for p in doc.parts] == ["Binnenlandse Zaken", "Justitie"]
    assert "De informele Raad zal spreken" in doc.parts[0].items[2].body


def test_trap_same_minister_signs_twice(parsed):
    assert parsed["004_f076fd594f40bb30.txt"].signatories.count("D.M. van Weel") == 1


def test_word_broken_over_lines_stays_whole(parsed):
    text = " ".join(i.body for p in parsed["002_0b783c6c09b9d010.txt"].parts for i in p.items)
    assert "JBZ-Raad politieke overeenstemming" in text
