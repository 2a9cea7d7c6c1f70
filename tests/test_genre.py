"""The genre beyond the five seeds: one fixture letter per quirk of other years and layouts."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jbz.parse import parse_letter
from jbz.read import read_file

LETTERS = Path(__file__).parent / "data" / "letters"


def read(name: str):
    return parse_letter(read_file(LETTERS / name).text)


def items(doc):
    return [(part.title, item.number, item.title, item.label) for part in doc.parts for item in part.items]


def test_eerste_kamer_letter_code_and_uppercase_heading():
    doc = read("ek_uppercase_header.txt")
    assert (doc.kamerstuk, doc.chamber, doc.letter_date, doc.doc_type) == ("32317-OO", "EK", dt.date(2018, 9, 28),
                                                                          "agenda")
    assert (doc.meeting.start, doc.meeting.end, doc.meeting.location) == (dt.date(2018, 10, 11),
                                                                          dt.date(2018, 10, 12), "Luxemburg")
    assert doc.signatories == ["F.B.J. Grapperhaus"]
    assert items(doc) == [("Binnenlandse Zaken", "1", "Migratie en grenzen", "Beleidsdebat"),
                          ("Binnenlandse Zaken", "2", "Terugkeerrichtlijn (herschikking)", "Voortgangsrapportage"),
                          ("Justitie", "1", "E-evidence", "Algemene oriëntatie")]


def test_html_derived_text_without_page_layout():
    doc = read("html_derived_verslag.txt")
    assert (doc.kamerstuk, doc.doc_type, doc.letter_date) == ("32317-402", "verslag", dt.date(2016, 3, 21))
    assert (doc.meeting.start, doc.meeting.location, doc.meeting.informal) == (dt.date(2016, 3, 10), "Brussel", False)
    assert [t[2] for t in items(doc)] == ["Migratie: implementatie van de hotspots en herplaatsing",
                                          "Europese grens- en kustwacht", "Europees Openbaar Ministerie"]
    assert [(n.number, n.references) for n in doc.footnotes] == [(1, ["32317-398"])]
    assert "Kamerstuk 32 317" not in doc.parts[1].items[0].body


def test_verslag_heading_te_brussel_outranks_nothing_and_next_meeting_is_ignored():
    doc = read("html_derived_verslag.txt")
    assert doc.meeting.end == dt.date(2016, 3, 11)  # not the 21 april meeting named in the text


def test_informal_report_takes_its_place_from_the_cover_letter_jl():
    doc = read("informal_verslag_kopenhagen.txt")
    assert (doc.doc_type, doc.meeting.start, doc.meeting.location, doc.meeting.informal) == (
        "verslag", dt.date(2025, 7, 22), "Kopenhagen", True)
    assert doc.warnings == []


def test_a_letter_about_another_council_is_other():
    doc = read("not_a_jbz_letter.txt")
    assert doc.doc_type == "other" and doc.meeting is None and doc.parts == []


@pytest.mark.parametrize("text, place", [
    ("Hierbij bied ik u de geannoteerde agenda aan van de JBZ-Raad van 4 en 5 maart 2024 in Brussel.", "Brussel"),
    ("Hierbij bieden wij u het verslag aan van de JBZ-Raad op 11-12 oktober 2018 te Luxemburg.", "Luxemburg"),
    ("Hierbij zend ik u de geannoteerde agenda van de informele JBZ-Raad van 30 en 31 januari 2025 te Warschau.",
     "Warschau"),
])
def test_cover_letter_offer_sentences(text, place):
    doc = parse_letter(f"Den Haag, 1 januari 2024\n\n{text}\n")
    assert doc.meeting is not None and doc.meeting.location == place


def test_items_numbered_straight_through_the_parts():
    doc = read("numbered_straight_through.txt")
    assert (doc.kamerstuk, doc.meeting.start, doc.meeting.location) == ("32317-512", dt.date(2015, 6, 15),
                                                                        "Luxemburg")
    assert items(doc) == [("Justitie", "1", "Verordening Europees Openbaar Ministerie", "Algemene oriëntatie"),
                          ("Justitie", "2", "Gegevensbeschermingsverordening", "Algemene oriëntatie"),
                          ("Binnenlandse Zaken", "3", "Migratie: herplaatsing en hervestiging", "Beleidsdebat"),
                          ("Binnenlandse Zaken", "4", "Terugkeerbeleid", "Gedachtewisseling")]
