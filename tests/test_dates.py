"""Dutch dates: single dates, day ranges in letters, year inference and command-line queries."""
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jbz.dates import (MONTH_NAMES_NL, DateQuery, DateQueryError, DateRange, dutch_parserinfo,
                       find_date_ranges, format_dutch_date, format_range, parse_dutch_date,
                       parse_query_date)

D = dt.date
LETTER = D(2025, 11, 20)


# --- parse_dutch_date ------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("26 februari 2026", D(2026, 2, 26)),
    ("3 november 2025", D(2025, 11, 3)),
    ("1 Oktober 2025", D(2025, 10, 1)),
    ("10 JULI 2025 ", D(2025, 7, 10)),
    ("8 mrt. 2025", D(2025, 3, 8)),
    ("1e maart 2025", D(2025, 3, 1)),
    ("donderdag 5 maart 2026", D(2026, 3, 5)),
    ("8 December 2025", D(2025, 12, 8)),
    ("2025-12-08", D(2025, 12, 8)),
])
def test_parse_dutch_date(text, expected):
    assert parse_dutch_date(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "26 februari", "februari 2026", "31 februari 2026",
                                  "gisteren", "5 maart a.s.", "26 februari 2026 Kenmerk 12345"])
def test_parse_dutch_date_none_when_not_a_full_date(text):
    assert parse_dutch_date(text) is None


def test_parser_info_knows_dutch_and_english_months():
    info = dutch_parserinfo()
    for number, names in enumerate([("januari", "jan", "january"), ("maart", "mrt", "mar", "march"),
                                    ("mei", "may"), ("oktober", "okt", "oct", "october"),
                                    ("september", "sep", "sept")]):
        expected = [1, 3, 5, 10, 9][number]
        assert {info.month(name) for name in names} == {expected}
    assert [info.month(name) for name in MONTH_NAMES_NL] == list(range(1, 13))
    assert info.dayfirst is True


# --- find_date_ranges: every written form ----------------------------------------------------

@pytest.mark.parametrize("text, start, end", [
    ("5 en 6 maart 2026", D(2026, 3, 5), D(2026, 3, 6)),
    ("5-6 maart a.s.", D(2026, 3, 5), D(2026, 3, 6)),
    ("22-23 juli 2025", D(2025, 7, 22), D(2025, 7, 23)),
    ("22 – 23 juli 2025", D(2025, 7, 22), D(2025, 7, 23)),
    ("13 en 14 oktober jl.", D(2025, 10, 13), D(2025, 10, 14)),
    ("8 en 9 december", D(2025, 12, 8), D(2025, 12, 9)),
    ("30 juni en 1 juli 2025", D(2025, 6, 30), D(2025, 7, 1)),
    ("30 juni - 1 juli 2025", D(2025, 6, 30), D(2025, 7, 1)),
    ("11-12 oktober 2018", D(2018, 10, 11), D(2018, 10, 12)),
    ("8 december 2025", D(2025, 12, 8), D(2025, 12, 8)),
    ("3 december", D(2025, 12, 3), D(2025, 12, 3)),
    ("30-31 Oktober 2025", D(2025, 10, 30), D(2025, 10, 31)),
    ("8\nen  9\n december\n2025", D(2025, 12, 8), D(2025, 12, 9)),
    ("13-\n14 oktober a.s.", D(2026, 10, 13), D(2026, 10, 14)),
    ("5 tot en met 7 maart 2026", D(2026, 3, 5), D(2026, 3, 7)),
    ("8 dec. 2025", D(2025, 12, 8), D(2025, 12, 8)),
    ("30 december 2025 – 2 januari 2026", D(2025, 12, 30), D(2026, 1, 2)),
    ("30 december – 2 januari 2026", D(2025, 12, 30), D(2026, 1, 2)),
    ("31 en 1 juli 2013", D(2013, 7, 31), D(2013, 8, 1)),
    ("30 en 1 april 2025", D(2025, 4, 30), D(2025, 5, 1)),
    ("31-1 december 2025", D(2025, 12, 31), D(2026, 1, 1)),
])
def test_find_date_ranges_forms(text, start, end):
    found = find_date_ranges(f"De JBZ-Raad van {text} te Brussel.", LETTER)
    assert [(r.start, r.end) for r in found] == [(start, end)]
    match = found[0]
    assert f"De JBZ-Raad van {text} te Brussel."[match.pos:match.endpos].startswith(text.split()[0])


def test_find_date_ranges_positions_and_order():
    text = "Op 8 en 9 december 2025 vergadert de Raad; het verslag van 13 oktober jl. volgt."
    found = find_date_ranges(text, LETTER)
    assert found == [DateRange(D(2025, 12, 8), D(2025, 12, 9), 3, 23, True),
                     DateRange(D(2025, 10, 13), D(2025, 10, 13), text.index("13 okt"), text.index(" volgt"), False)]
    assert text[found[0].pos:found[0].endpos] == "8 en 9 december 2025"
    assert text[found[1].pos:found[1].endpos] == "13 oktober jl."


def test_full_stop_ends_the_sentence_not_the_month():
    text = "Zij spreken op 10 december. Daarna niet."
    [found] = find_date_ranges(text, LETTER)
    assert text[found.pos:found.endpos] == "10 december"


@pytest.mark.parametrize("text, days", [
    ("op 5 en 12 maart 2026", [D(2026, 3, 5), D(2026, 3, 12)]),
    ("op 30 december en 2 januari a.s.", [D(2025, 12, 30), D(2026, 1, 2)]),
    ("op 8 en 9 december en 3 november 2025", [D(2025, 11, 3)]),  # no year printed for 8 en 9 december
])
def test_days_joined_by_en_are_separate_days_unless_consecutive(text, days):
    found = find_date_ranges(text, D(2025, 12, 20) if "a.s." in text else None)
    assert [(r.start, r.end) for r in found] == [(day, day) for day in days]


def test_tot_en_met_spans_any_length():
    [found] = find_date_ranges("het voorzitterschap (1 januari tot en met 30 juni 2025)")
    assert (found.start, found.end) == (D(2025, 1, 1), D(2025, 6, 30))


@pytest.mark.parametrize("text", ["31 februari 2025", "30 en 31 februari 2025", "31 juni", "0 mei 2025",
                                  "9-8 mei 2025", "25-2 mei 2025", "5 maartje 2025", "2025 mei"])
def test_invalid_days_are_skipped(text):
    assert find_date_ranges(text, LETTER) == []


def test_words_that_are_no_months_are_not_dates():
    assert find_date_ranges("artikel 5 van de verordening, 12 lidstaten en 3 marathons", LETTER) == []


# --- year inference --------------------------------------------------------------------------

@pytest.mark.parametrize("letter, text, start, end", [
    (D(2025, 12, 20), "8 en 9 januari a.s.", D(2026, 1, 8), D(2026, 1, 9)),
    (D(2026, 1, 10), "8 en 9 december jl.", D(2025, 12, 8), D(2025, 12, 9)),
    (D(2025, 12, 20), "8 en 9 januari", D(2026, 1, 8), D(2026, 1, 9)),
    (D(2026, 1, 10), "8 en 9 december", D(2025, 12, 8), D(2025, 12, 9)),
    # 'a.s.' looks ahead even when last year's date is nearer, 'jl.' looks back.
    (D(2025, 12, 20), "8 december a.s.", D(2026, 12, 8), D(2026, 12, 8)),
    (D(2025, 12, 1), "8 december jl.", D(2024, 12, 8), D(2024, 12, 8)),
    (D(2025, 12, 8), "8 december a.s.", D(2025, 12, 8), D(2025, 12, 8)),
    (D(2025, 12, 8), "8 december jl.", D(2025, 12, 8), D(2025, 12, 8)),
    (D(2025, 12, 20), "30 december – 2 januari a.s.", D(2025, 12, 30), D(2026, 1, 2)),
    (D(2025, 12, 20), "31 december en 1 januari a.s.", D(2025, 12, 31), D(2026, 1, 1)),
    (D(2025, 12, 20), "5 maart aanstaande", D(2026, 3, 5), D(2026, 3, 5)),
    (D(2026, 1, 10), "29 februari", D(2024, 2, 29), D(2024, 2, 29)),
])
def test_year_inferred_from_letter_date(letter, text, start, end):
    [found] = find_date_ranges(text, letter)
    assert (found.start, found.end, found.year_printed) == (start, end, False)


def test_no_reference_and_no_year_skips_the_match():
    assert find_date_ranges("8 en 9 december en 3 november 2025") == [
        DateRange(D(2025, 11, 3), D(2025, 11, 3), 19, 34, True)]


def test_leap_day_is_found_in_the_nearest_leap_year():
    [found] = find_date_ranges("29 februari a.s.", D(2025, 3, 1))
    assert found.start == D(2028, 2, 29)


# --- formatting ------------------------------------------------------------------------------

@pytest.mark.parametrize("start, end, expected", [
    (D(2025, 12, 8), D(2025, 12, 8), "8 december 2025"),
    (D(2025, 12, 8), D(2025, 12, 9), "8–9 december 2025"),
    (D(2025, 6, 30), D(2025, 7, 1), "30 juni – 1 juli 2025"),
    (D(2025, 12, 30), D(2026, 1, 2), "30 december 2025 – 2 januari 2026"),
])
def test_format_range(start, end, expected):
    assert format_range(start, end) == expected


def test_format_dutch_date_round_trips():
    day = D(2025, 1, 1)
    while day.year == 2025:
        assert parse_dutch_date(format_dutch_date(day)) == day
        day += dt.timedelta(days=1)


def test_format_range_is_found_again():
    for start, end in [(D(2025, 12, 8), D(2025, 12, 9)), (D(2025, 6, 30), D(2025, 7, 1)),
                       (D(2025, 12, 30), D(2026, 1, 2))]:
        [found] = find_date_ranges(format_range(start, end))
        assert (found.start, found.end) == (start, end)


# --- parse_query_date ------------------------------------------------------------------------

THIS_YEAR = dt.date.today().year


@pytest.mark.parametrize("text, start, end", [
    ("2025-12-08", D(2025, 12, 8), D(2025, 12, 8)),
    ("8 december 2025", D(2025, 12, 8), D(2025, 12, 8)),
    ("8 dec 2025", D(2025, 12, 8), D(2025, 12, 8)),
    ("8 dec. 2025", D(2025, 12, 8), D(2025, 12, 8)),
    ("8 December 2025", D(2025, 12, 8), D(2025, 12, 8)),
    ("  8 december 2025 ", D(2025, 12, 8), D(2025, 12, 8)),
    ("8 december", D(THIS_YEAR, 12, 8), D(THIS_YEAR, 12, 8)),
    ("9-12-2025", D(2025, 12, 9), D(2025, 12, 9)),
    ("8/12/2025", D(2025, 12, 8), D(2025, 12, 8)),
    ("08.12.2025", D(2025, 12, 8), D(2025, 12, 8)),
    ("december 2025", D(2025, 12, 1), D(2025, 12, 31)),
    ("dec 2025", D(2025, 12, 1), D(2025, 12, 31)),
    ("December 2025", D(2025, 12, 1), D(2025, 12, 31)),
    ("2025-12", D(2025, 12, 1), D(2025, 12, 31)),
    ("12-2025", D(2025, 12, 1), D(2025, 12, 31)),
    ("februari 2024", D(2024, 2, 1), D(2024, 2, 29)),
    ("mei 2025", D(2025, 5, 1), D(2025, 5, 31)),
    ("May 2025", D(2025, 5, 1), D(2025, 5, 31)),
    ("29 februari 2024", D(2024, 2, 29), D(2024, 2, 29)),
])
def test_parse_query_date(text, start, end):
    assert parse_query_date(text) == DateQuery(start, end)


@pytest.mark.parametrize("text", ["", "   ", "gisteren", "2025-13-45", "foo", "32-12-2025", "12-13-2025",
                                  "31 februari 2025", "december", "2025", "13-2025", "8 foo 2025",
                                  "8 december 2025 10:00", "maandag", "0000-01-01", "9999-12-32"])
def test_parse_query_date_errors(text):
    with pytest.raises(DateQueryError) as error:
        parse_query_date(text)
    assert str(error.value) == (f"cannot read '{text.strip()}' as a date; "
                                "try 2025-12-08, 8 december 2025, 8-12-2025 or december 2025")


def test_date_query_error_is_a_value_error():
    assert issubclass(DateQueryError, ValueError)


# --- never raise -----------------------------------------------------------------------------

# Text built from date-like pieces reaches the regex and dateutil far deeper than random text.
DATEISH = st.lists(st.sampled_from(list("0123456789 -–./:,aejlsmdtn\n") +
                                   ["maart", "mei", "dec", "juni", "a.s.", "jl.", " en ", "2025"]),
                   max_size=30).map("".join)


@settings(deadline=None, max_examples=300)
@given(st.one_of(st.text(max_size=300), DATEISH), st.one_of(st.none(), st.dates()))
def test_nothing_raises_on_arbitrary_text(text, reference):
    for found in find_date_ranges(text, reference):
        assert found.start <= found.end and 0 <= found.pos < found.endpos <= len(text)
    result = parse_dutch_date(text)
    assert result is None or isinstance(result, dt.date)
    try:
        query = parse_query_date(text)
    except DateQueryError:
        return
    assert query.start <= query.end
