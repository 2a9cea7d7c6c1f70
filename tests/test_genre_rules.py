"""Genre rules of the header, type and meeting, each on a small hand-written letter of its quirk."""
from __future__ import annotations

import datetime as dt

import pytest

from jbz.parse import parse_letter
from jbz.parse.passages import passages_of

ADDRESSEE = "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal"


def letter(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def test_officielebekendmakingen_metadata_table_gives_the_kamerstuk():
    doc = parse_letter(letter("Kamerstuk", "| Datum publicatie | Organisatie | Vergaderjaar | Dossier- en ondernummer |",
                              "| 12 juni 2020 | Tweede Kamer der Staten-Generaal | 2019-2020 | 32317 nr. 621 |",
                              ADDRESSEE, "Den Haag, 12 juni 2020", "Hierbij bied ik u het verslag aan van de JBZ-Raad"
                              " van 4 en 5 juni 2020."))
    assert doc.kamerstuk == "32317-621"
    assert "32317 nr. 621" in doc.evidence["kamerstuk"].text


def test_another_dossier_keeps_its_own_number():
    doc = parse_letter(letter("22 112 Nieuwe Commissievoorstellen en initiatieven van de lidstaten van de Europese Unie",
                              "Nr. 3297 BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN", ADDRESSEE, "Den Haag, 4 februari 2022",
                              "Overeenkomstig de bestaande afspraken ontvangt u hierbij 9 fiches.",
                              "Fiche: Prüm II-verordening (Kamerstuk 22 112, nr. 3292)"))
    assert (doc.kamerstuk, doc.doc_type, doc.meeting) == ("22112-3297", "other", None)
    assert [s.title for s in doc.sections] == ["Fiche"]


def test_a_number_without_its_dossier_line_takes_the_jbz_dossier_of_its_year():
    text = "Nr. 47 BRIEF VAN DE MINISTER\n{addressee}\nDen Haag, {day}\nHierbij bied ik u de geannoteerde agenda aan " \
           "van de JBZ-Raad van 6 en 7 april {year} te Luxemburg.\n"
    new = parse_letter(text.format(addressee=ADDRESSEE, day="18 maart 2011", year=2011))
    old = parse_letter(text.format(addressee=ADDRESSEE, day="18 maart 2009", year=2009))
    assert (new.kamerstuk, old.kamerstuk) == ("32317-47", "23490-47")
    assert "kamerstuk" in new.inferred and "47" in new.evidence["kamerstuk"].text


def test_eerste_kamer_letter_code_with_a_glued_footnote_digit_and_a_committee_report_is_other():
    doc = parse_letter(letter("32 317 JBZ-Raad", "DQ1 VERSLAG VAN EEN MONDELING OVERLEG", "Vastgesteld 31 maart 2014",
                              "De vaste commissie heeft op 18 februari 2014 overleg gevoerd over de JBZ-Raad van"
                              " 3 en 4 maart 2014 te Brussel."))
    assert (doc.kamerstuk, doc.doc_type, doc.meeting, doc.letter_date) == ("32317-DQ", "other", None, None)


def test_a_report_heading_with_a_glued_footnote_digit_names_the_meeting():
    doc = parse_letter(letter("32 317 JBZ-Raad", "Nr. 17 BRIEF VAN DE MINISTER VAN JUSTITIE", ADDRESSEE,
                              "Den Haag, 17 juni 2010", "Hierbij bied ik u aan het verslag van de bijeenkomst van de Raad"
                              " Justitie en Binnenlandse Zaken van 3–4 juni jl.", "De minister van Justitie,",
                              "E. M. H. Hirsch Ballin",
                              "Verslag1 van de bijeenkomst van de Raad Justitie en Binnenlandse Zaken, 3 en 4 juni 2010"
                              " te Luxemburg",
                              "Eurodac: De Raad bereikte een gedeeltelijk akkoord over de Eurodac-verordening."))
    assert doc.doc_type == "verslag"
    assert (doc.meeting.start, doc.meeting.end, doc.meeting.location) == (dt.date(2010, 6, 3), dt.date(2010, 6, 4),
                                                                           "Luxemburg")
    assert "Luxemburg" in doc.evidence["location"].text
    sections = [p for p in passages_of(doc) if p.kind == "section"]
    assert [(p.where, p.text[:7]) for p in sections] == [("Eurodac", "Eurodac")]


@pytest.mark.parametrize("offer, doc_type, start, place", [
    ("Deze brief dient tevens als geannoteerde agenda voor de extra zittingen van de Raad Justitie en"
     " Binnenlandse Zaken op 4 maart.", "agenda", dt.date(2020, 3, 4), None),
    ("Hierbij informeer ik uw Kamer over de ingelaste Raad van Justitie en Binnenlandse Zaken op 31 augustus a.s."
     " in Brussel.", "agenda", dt.date(2020, 8, 31), "Brussel"),
    ("Hierbij informeer ik u, vooruitlopend op het verslag van de Raad van Justitie en Binnenlandse Zaken op 3 en 4"
     " februari 2020, over de bespreking.", "verslag", dt.date(2020, 2, 3), None),
    ("Hierbij bieden wij u het verslag aan van de Raad Justitie en Binnenlandse Zaken, gehouden in Brussel op"
     " 18 februari 2020.", "verslag", dt.date(2020, 2, 18), "Brussel"),
])
def test_cover_letters_that_offer_an_agenda_or_report_in_other_words(offer, doc_type, start, place):
    doc = parse_letter(letter("32 317 JBZ-Raad", "Nr. 704 BRIEF VAN DE STAATSSECRETARIS", ADDRESSEE,
                              "Den Haag, 26 februari 2020", offer))
    assert (doc.doc_type, doc.meeting.start, doc.meeting.location, doc.meeting.informal) == (doc_type, start, place,
                                                                                           False)
    assert doc.evidence["meeting_start"].text in " ".join(offer.split())
    assert ("meeting_start" in doc.inferred) == (str(start.year) not in offer)


def test_a_date_line_run_into_the_addressee_still_dates_the_letter():
    doc = parse_letter(f"32 317 JBZ-Raad\nNr. 995 Brief van de ministers\n{ADDRESSEE} Den Haag, 26 februari 2026\n"
                       "Hierbij bieden wij uw Kamer de geannoteerde agenda aan van de JBZ-Raad van 5-6 maart a.s. in"
                       " Brussel.\n")
    assert (doc.letter_date, doc.chamber, doc.meeting.location) == (dt.date(2026, 2, 26), "TK", "Brussel")


def test_a_footnote_ends_where_its_reference_is_finished_and_the_body_runs_on_across_it():
    doc = parse_letter(letter("Den Haag, 1 maart 2025", "Hierbij bied ik u de geannoteerde agenda aan van de JBZ-Raad"
                              " van 13 en 14 maart 2025 in Brussel.1 Het kabinet steunt de inzet van de",
                              "1 Kamerstukken II 2024/25, 32317, nr. 900.", "Commissie op dit punt."))
    assert [(n.number, n.text) for n in doc.footnotes] == [(1, "Kamerstukken II 2024/25, 32317, nr. 900.")]
    assert "steunt de inzet van de Commissie op dit punt." in doc.cover_text


def test_a_signature_printed_on_one_line_names_the_signatory():
    # Web pages print "role, name" on one line; PDFs put the name under the role.
    doc = parse_letter(letter("32 317 JBZ-Raad", "Nr. 532 BRIEF VAN DE MINISTERS", ADDRESSEE, "Den Haag, 19 december 2018",
                              "Hierbij bieden wij u het verslag aan van de Raad Justitie en Binnenlandse Zaken van 6 en 7"
                              " december 2018 te Brussel.",
                              "De Minister van Justitie en Veiligheid, F.B.J. Grapperhaus",
                              "De Staatssecretaris van Justitie en Veiligheid, M.G.J. Harbers",
                              "De minister van Justitie, die de Raad bijwoonde, sprak daar over de plannen."))
    assert doc.signatories == ["F.B.J. Grapperhaus", "M.G.J. Harbers"]


NARROW_AGENDA = letter(
    "32 317 JBZ-Raad", "Nr. 980 BRIEF VAN DE MINISTER", ADDRESSEE, "Den Haag, 1 december 2025",
    "Hierbij bied ik u de geannoteerde agenda aan van",
    "de JBZ-Raad van 8 en 9 december 2025.",
    "Ministeriële bijeenkomst – Europese Havenalliantie",
    "Voorafgaand aan de Raad organiseert het",
    "voorzitterschap een bijeenkomst over havens.",
    "De minister van Justitie en Veiligheid,", "D.M. van Weel",
    "Geannoteerde agenda van de JBZ-Raad van 8 en 9 december 2025",
    "Binnenlandse Zaken",
    "1. Werksessie III: Presentatie van de Deense",
    "Nationale Politie: de strijd tegen georganiseerde",
    "criminaliteit en drugshandel in de Vrijstad",
    "Christiania",
    "Gedachtewisseling",
    "Het kabinet zal de presentatie aanhoren en de",
    "Deense aanpak verwelkomen.")


def test_a_heading_as_long_as_the_wrap_stands_alone_when_a_sentence_opens_under_it():
    # At a narrow width a heading fills its line: the capitalised function word that opens the text under
    # it ("Voorafgaand", "De", "Op") tells it from a wrapped sentence.
    doc = parse_letter(NARROW_AGENDA)
    assert [t.title for t in doc.cover_topics] == ["Ministeriële bijeenkomst – Europese Havenalliantie"]


def test_a_title_wrapped_over_lines_runs_on_to_its_label():
    # A title's rest stops without a full stop before its label; the text under a title ends one.
    doc = parse_letter(NARROW_AGENDA)
    item = doc.parts[0].items[0]
    assert item.title == ("Werksessie III: Presentatie van de Deense Nationale Politie: de strijd tegen georganiseerde"
                          " criminaliteit en drugshandel in de Vrijstad Christiania")
    assert item.label == "Gedachtewisseling"
    assert "Deense aanpak verwelkomen" in item.body


def test_a_footnote_wrapped_at_a_number_or_a_capital_runs_on_to_its_end():
    # Wrapped narrow, a reference breaks after "13 en 14" or "22" and before "Parlement": the
    # note ends at its number after "nr.", not at the first digit or capital a line starts with.
    doc = parse_letter(letter(
        "Den Haag, 1 december 2025",
        "Hierbij bied ik u de geannoteerde agenda aan van de JBZ-Raad van 8 en 9 december 2025 in",
        "Brussel. Het kabinet verwelkomt het voorstel1 en de conclusies2 van de Raad, en zal",
        "1 Besluit nr. 1313/2013/EU van het Europees Parlement en de Raad van het jaar 2013 en het Europees",
        "Parlement en de Raad betreffende het Uniemechanisme.",
        "2 Zie verslag van de JBZ-Raad van 13 en 14",
        "oktober 2025, Kamerstukken II, 2024-25, 22",
        "112, nr. 975",
        "deze steunen."))
    assert [n.text for n in doc.footnotes] == [
        "Besluit nr. 1313/2013/EU van het Europees Parlement en de Raad van het jaar 2013 en het Europees Parlement"
        " en de Raad betreffende het Uniemechanisme.",
        "Zie verslag van de JBZ-Raad van 13 en 14 oktober 2025, Kamerstukken II, 2024-25, 22 112, nr. 975"]
    assert "van de Raad, en zal deze steunen." in doc.cover_text


def test_a_parenthesis_or_a_name_adjective_at_a_line_end_keeps_the_sentence_going():
    # Neither line was cut by the wrap: "(hierna:" is still open, and "de Europese" names what follows.
    doc = parse_letter(letter(
        "Den Haag, 1 december 2025",
        "Hierbij bied ik u de geannoteerde agenda aan van de JBZ-Raad van 8 en 9 december 2025 in Brussel.",
        "Kopgroep verdragen",
        "Op 11 november jl. is er een voorstel (hierna:",
        "Hervestigingsverordening).",
        "Nederland blijft betrokken bij de Europese",
        "Commissie en de lidstaten over het voorstel en zal dit in de Raad ook zo zeggen.",
        "De minister van Asiel en Migratie,", "D.M. van Weel",
        "Geannoteerde agenda van de JBZ-Raad van 8 en 9 december 2025",
        "Binnenlandse Zaken", "1. Terugkeerverordening", "Algemene oriëntatie",
        "Het kabinet steunt het voorstel van het voorzitterschap voor een algemene oriëntatie."))
    assert [(t.title, t.body) for t in doc.cover_topics] == [(
        "Kopgroep verdragen", "Op 11 november jl. is er een voorstel (hierna: Hervestigingsverordening). Nederland"
        " blijft betrokken bij de Europese Commissie en de lidstaten over het voorstel en zal dit in de Raad ook zo"
        " zeggen.")]


def test_a_place_the_cover_letter_names_is_evidenced_by_the_cover_letter():
    # The report's heading gives the dates, only the cover letter says where: the evidence shows the place.
    doc = parse_letter(letter(
        "32 317 JBZ-Raad", "Nr. 975 BRIEF VAN DE MINISTERS", ADDRESSEE, "Den Haag, 3 november 2025",
        "Hierbij bieden wij u het verslag aan van de Raad Justitie en Binnenlandse Zaken op 13 en 14 oktober 2025 in"
        " Luxemburg.", "De minister van Justitie en Veiligheid,", "D.M. van Weel",
        "Verslag van de bijeenkomst van de Raad Justitie en Binnenlandse Zaken, 13 en 14 oktober 2025",
        "I. Justitie", "1. Terugkeerverordening", "De Raad sprak over het voorstel."))
    assert doc.meeting.location == "Luxemburg"
    assert "Luxemburg" in doc.evidence["location"].text
    assert "13 en 14 oktober 2025" in doc.evidence["meeting_start"].text


def test_an_old_agenda_prints_its_labels_after_an_equals_sign():
    # Agendas of 2015-2019: "= Beleidsdebat, gedeeltelijke algemene oriëntatie" under the item's title.
    doc = parse_letter(letter(
        "32 317 JBZ-Raad", "Nr. 530 BRIEF VAN DE MINISTERS", ADDRESSEE, "Den Haag, 23 november 2018",
        "Hierbij bieden wij u de geannoteerde agenda aan van de JBZ-Raad van 6 en 7 december 2018 te Brussel.",
        "De Minister van Justitie en Veiligheid,", "F.B.J. Grapperhaus",
        "Geannoteerde agenda van de bijeenkomst van de Raad Justitie en Binnenlandse Zaken, 6–7 december 2018 te"
        " Brussel", "I. Immigratie en asiel", "1. Voorstel herziening Europese Grens- en Kustwacht Verordening",
        "= Beleidsdebat, gedeeltelijke algemene oriëntatie", "Het kabinet steunt de inzet van het voorzitterschap.",
        "2. Terugkeerrichtlijn", "= Algemene oriëntatie", "Het kabinet kan instemmen."))
    items = [(i.title, i.label, i.body) for p in doc.parts for i in p.items]
    assert items == [
        ("Voorstel herziening Europese Grens- en Kustwacht Verordening", "Beleidsdebat, gedeeltelijke algemene oriëntatie",
         "Het kabinet steunt de inzet van het voorzitterschap."),
        ("Terugkeerrichtlijn", "Algemene oriëntatie", "Het kabinet kan instemmen.")]
