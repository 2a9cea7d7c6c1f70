"""Dutch dates and date ranges ("8 en 9 december 2025", "22-23 juli a.s.", "9-12-2025").

Regular expressions only locate candidates; dateutil, taught Dutch (`dutch_parserinfo`), and
datetime.date decide what is a real day, so no calendar arithmetic is written by hand here.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

MONTH_NAMES_NL: tuple[str, ...] = ("januari", "februari", "maart", "april", "mei", "juni", "juli",
                                   "augustus", "september", "oktober", "november", "december")
# The month and weekday names dateutil is taught: Dutch, and still English.
_MONTH_WORDS = [("jan", "januari", "january"), ("feb", "februari", "february"),
                ("mrt", "maart", "mar", "march"), ("apr", "april"), ("mei", "may"),
                ("jun", "juni", "june"), ("jul", "juli", "july"), ("aug", "augustus", "august"),
                ("sep", "sept", "september"), ("okt", "oktober", "oct", "october"),
                ("nov", "november"), ("dec", "december")]
_WEEKDAY_WORDS = [("ma", "maandag", "mon", "monday"), ("di", "dinsdag", "tue", "tuesday"),
                  ("wo", "woensdag", "wed", "wednesday"), ("do", "donderdag", "thu", "thursday"),
                  ("vr", "vrijdag", "fri", "friday"), ("za", "zaterdag", "sat", "saturday"),
                  ("zo", "zondag", "sun", "sunday")]


@lru_cache(maxsize=1)
def dutch_parserinfo():
    """Return dateutil's parserinfo taught Dutch month and weekday names, reading day first.

    Made on first use: importing dateutil is a fifth of a query command's start-up, and
    `jbz meeting 2025-12-08` never needs it.
    """
    from dateutil import parser as dateutil_parser

    class DutchParserInfo(dateutil_parser.parserinfo):
        MONTHS = _MONTH_WORDS
        WEEKDAYS = _WEEKDAY_WORDS
        # "e", "de" and "ste" also swallow ordinal suffixes: "1e maart", "8ste mei".
        JUMP = dateutil_parser.parserinfo.JUMP + ["en", "van", "de", "het", "den", "op", "te", "in",
                                                  "tot", "om", "e", "ste"]

    return DutchParserInfo(dayfirst=True, yearfirst=False)


def _shifted(date: dt.date, **delta) -> dt.date:
    """Return `date` moved by a dateutil relativedelta (months=1, day=31, …)."""
    from dateutil.relativedelta import relativedelta
    return date + relativedelta(**delta)


@dataclass(frozen=True, slots=True)
class DateRange:
    """A day or run of days written in a text, and where it was written."""

    start: dt.date
    end: dt.date
    pos: int
    endpos: int
    year_printed: bool


@dataclass(frozen=True, slots=True)
class DateQuery:
    """The inclusive span of days a user asked for: one day or one month."""

    start: dt.date
    end: dt.date


class DateQueryError(ValueError):
    """A date a user typed that jbz cannot read; the message lists forms that work."""


def _date(year: int, month: int, day: int) -> dt.date | None:
    """Return the date, or None when no such day exists (31 februari)."""
    try:
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


# --- one full date -------------------------------------------------------------------------

_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# Two defaults that differ in year, month and day (both leap years, both 31-day months):
# a field dateutil filled in from the default comes out different, a printed one the same.
_DEFAULT_A = dt.datetime(2000, 1, 1)
_DEFAULT_B = dt.datetime(2004, 3, 2)


@dataclass(frozen=True, slots=True)
class _Parsed:
    """What dateutil read, with None for every field the text did not print."""

    year: int | None
    month: int | None
    day: int | None


def _dateutil_fields(text: str) -> _Parsed | None:
    """Return the fields dateutil finds printed in `text`, or None when it cannot read it."""
    from dateutil import parser as dateutil_parser
    try:
        a = dateutil_parser.parse(text, parserinfo=dutch_parserinfo(), default=_DEFAULT_A)
        b = dateutil_parser.parse(text, parserinfo=dutch_parserinfo(), default=_DEFAULT_B)
    except (ValueError, OverflowError, TypeError):
        return None
    return _Parsed(a.year if a.year == b.year else None,
                   a.month if a.month == b.month else None,
                   a.day if a.day == b.day else None)


def _iso_day(text: str) -> dt.date | None:
    """Return the date in '2025-12-08', which dateutil with dayfirst would read as 12 August."""
    match = _ISO_DAY.fullmatch(text)
    return _date(*map(int, match.groups())) if match else None


# The form nearly every letter prints its date in: "26 februari 2026".
_PRINTED_DAY = re.compile(rf"(\d{{1,2}})\s+({'|'.join(MONTH_NAMES_NL)})\s+(\d{{4}})", re.IGNORECASE)


def parse_dutch_date(text: str) -> dt.date | None:
    """Return the date in '26 februari 2026' (or '1 Oktober 2025', '26-02-2026'), None if not a full date."""
    text = (text or "").strip()
    if len(text) > 100:  # a date line, not a page; keeps dateutil's work bounded
        return None
    if (iso := _iso_day(text)) is not None:
        return iso
    if match := _PRINTED_DAY.fullmatch(text):
        # The usual form needs no dateutil (a third of the time it takes to read a letter's header).
        day, month, year = match.groups()
        return _date(int(year), MONTH_NAMES_NL.index(month.lower()) + 1, int(day))
    fields = _dateutil_fields(text)
    if fields is None or None in (fields.year, fields.month, fields.day):
        return None
    return _date(fields.year, fields.month, fields.day)


# --- days and day ranges in running text ---------------------------------------------------

_ABBREVIATIONS = ("jan", "feb", "mrt", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "okt", "oct", "nov", "dec")
_FULL_NAMES = sorted({name for names in _MONTH_WORDS for name in names} - set(_ABBREVIATIONS),
                     key=len, reverse=True)
# Only an abbreviation takes a full stop: the one after "10 december." ends the sentence.
_MONTH = rf"(?:{'|'.join(_FULL_NAMES)})\b|(?:{'|'.join(_ABBREVIATIONS)})\b\.?"
_SEP = r"\s*[-–—]\s*|\s+(?:en|tot\s+en\s+met|t/m|tot)\s+"
_AHEAD = "ahead"
_BEHIND = "behind"
_RANGE = (
    # Opening with a digit, not a look behind, lets the search skip to the next digit.
    rf"(?P<day>\d(?<![\d.]\d)\d?)(?:(?P<sep>{_SEP})(?P<day2>\d{{1,2}}))?"
    rf"\s+(?P<month>{_MONTH})"
    # A second day and month only after a single first day: "30 juni en 1 juli", never "8 en 9 december en 3 …".
    rf"(?(day2)|(?:(?:\s+(?P<year1>\d{{4}})(?!\d))?(?P<sep2>{_SEP})(?P<day3>\d{{1,2}})\s+(?P<month2>{_MONTH}))?)"
    rf"(?:\s+(?P<year>\d{{4}})(?!\d)"
    rf"|\s+(?P<ahead>a\.\s?s\b\.?|aanstaande\b)|\s+(?P<behind>jl\b\.?|jongstleden\b))?"
)


@lru_cache(maxsize=1)
def _range_pattern() -> re.Pattern:
    # Compiled on first use: the largest pattern here, and `jbz meeting DATE` never needs it.
    return re.compile(_RANGE, re.IGNORECASE)


def find_date_ranges(text: str, reference: dt.date | None = None) -> list[DateRange]:
    """Return every Dutch day or day range in `text` in order; years not printed come from `reference`."""
    found: list[DateRange] = []
    for match in _range_pattern().finditer(text or ""):
        found.extend(_ranges_in(match, reference))
    return found


def _ranges_in(match: re.Match, reference: dt.date | None) -> list[DateRange]:
    """Return the DateRanges one regex match stands for: none, one, or two separate days."""
    start_md, end_md = _month_days(match)
    if start_md is None or end_md is None:
        return []
    span = _years(match, start_md, end_md, reference)
    if span is None:
        return []
    start, end = span
    if _rolls_over(match) and (end - start).days > _LONGEST_ROLLOVER:
        return []  # "9-8 mei" is a slip, not a month-long meeting
    printed = bool(match.group("year") or match.group("year1"))
    separator = (match.group("sep") or match.group("sep2") or "").strip().lower()
    if separator == "en" and (end - start).days > 1:
        # "5 en 12 maart" lists two days; only "5 en 6 maart" is one meeting.
        return [DateRange(day, day, match.start(), match.end(), printed) for day in (start, end)]
    return [DateRange(start, end, match.start(), match.end(), printed)]


_LONGEST_ROLLOVER = 3


def _rolls_over(match: re.Match) -> bool:
    """Return whether '31-1 juli' runs from the named month into the next one."""
    return bool(match.group("day2")) and int(match.group("day2")) < int(match.group("day"))


def _month_days(match: re.Match) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """Return (month, day) of the first and last day a match names, None for an unknown month."""
    month = _month_number(match.group("month"))
    first = (month, int(match.group("day"))) if month else None
    if match.group("month2"):
        month2 = _month_number(match.group("month2"))
        return first, (month2, int(match.group("day3"))) if month2 else None
    last_day = int(match.group("day2") or match.group("day"))
    if month and _rolls_over(match):
        # "31 en 1 juli" names the first day's month and runs on into the next one.
        return first, (_shifted(dt.date(2000, month, 1), months=1).month, last_day)
    return first, (month, last_day) if month else None


def _month_number(name: str) -> int | None:
    """Return 1-12 for a month name or abbreviation ('Oktober', 'dec.'), None for other words."""
    return dutch_parserinfo().month(name.rstrip("."))


def _years(match: re.Match, start_md: tuple[int, int], end_md: tuple[int, int],
           reference: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """Return the first and last day with their years, printed or inferred; None if impossible."""
    # Written days run forward in time, so a later month before an earlier one means New Year lies between.
    crosses_new_year = int(end_md[0] < start_md[0])
    year1 = int(match.group("year1")) if match.group("year1") else None
    year = int(match.group("year")) if match.group("year") else None
    if year1 is not None:
        start_year = year1
    elif year is not None:
        # A year belongs to the month it follows: the last day's in "30 december – 2 januari 2026",
        # the first day's in "31-1 december 2025".
        start_year = year - crosses_new_year if match.group("month2") else year
    elif reference is not None:
        hint = _AHEAD if match.group("ahead") else _BEHIND if match.group("behind") else None
        start_year = _infer_year(start_md, reference, hint)
    else:
        return None
    if start_year is None:
        return None
    end_year = start_year + crosses_new_year
    start, end = _date(start_year, *start_md), _date(end_year, *end_md)
    if start is None or end is None or end < start:
        return None
    return start, end


def _infer_year(month_day: tuple[int, int], reference: dt.date, hint: str | None) -> int | None:
    """Return the year of (month, day) seen from the letter date: ahead (a.s.), behind (jl.) or nearest."""
    # Four years either side, so 29 februari finds a leap year.
    candidates = [day for year in range(reference.year - 4, reference.year + 5)
                  if (day := _date(year, *month_day)) is not None]
    if hint == _AHEAD:
        candidates = [day for day in candidates if day >= reference][:1]
    elif hint == _BEHIND:
        candidates = [day for day in candidates if day <= reference][-1:]
    if not candidates:
        return None
    return min(candidates, key=lambda day: abs((day - reference).days)).year


# --- writing dates -------------------------------------------------------------------------

def format_dutch_date(d: dt.date) -> str:
    """Return '8 december 2025'."""
    return f"{d.day} {MONTH_NAMES_NL[d.month - 1]} {d.year}"


def format_range(start: dt.date, end: dt.date) -> str:
    """Return '8 december 2025', '8–9 december 2025', '30 juni – 1 juli 2025' or a range over New Year."""
    if start == end:
        return format_dutch_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{format_dutch_date(end)}"
    if start.year == end.year:
        return f"{start.day} {MONTH_NAMES_NL[start.month - 1]} – {format_dutch_date(end)}"
    return f"{format_dutch_date(start)} – {format_dutch_date(end)}"


# --- what a user types ---------------------------------------------------------------------

_HELP = "try 2025-12-08, 8 december 2025, 8-12-2025 or december 2025"
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_NUMERIC_DAY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_NUMERIC_MONTH = re.compile(r"(\d{1,2})[-/.](\d{4})")
_NAMED = re.compile(r"(?:\d{1,2}\.?\s+)?[^\W\d_]+\.?(?:\s+\d{4})?")


def parse_query_date(text: str) -> DateQuery:
    """Return the day or month a user typed; raise DateQueryError naming the forms that work."""
    raw = (text or "").strip()
    query = _read_query(raw)
    if query is None:
        raise DateQueryError(f"cannot read '{raw}' as a date; {_HELP}")
    return query


def _read_query(raw: str) -> DateQuery | None:
    """Return the DateQuery in `raw`, or None when no accepted form reads it."""
    if (day := _iso_day(raw)) is not None:
        return DateQuery(day, day)
    if match := _ISO_MONTH.fullmatch(raw):
        return _month_query(int(match.group(1)), int(match.group(2)))
    if match := _NUMERIC_DAY.fullmatch(raw):
        # Day first by rule: dateutil would quietly swap '12-13-2025' into 13 December.
        day = _date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        return DateQuery(day, day) if day else None
    if match := _NUMERIC_MONTH.fullmatch(raw):
        return _month_query(int(match.group(2)), int(match.group(1)))
    if _NAMED.fullmatch(raw):
        return _named_query(raw)
    return None


def _named_query(raw: str) -> DateQuery | None:
    """Return the day or month in '8 december 2025', '8 dec', 'december 2025'; None otherwise."""
    fields = _dateutil_fields(raw)
    if fields is None or fields.month is None:
        return None
    if fields.day is None:
        return _month_query(fields.year, fields.month) if fields.year is not None else None
    day = _date(fields.year or dt.date.today().year, fields.month, fields.day)
    return DateQuery(day, day) if day else None


def _month_query(year: int, month: int) -> DateQuery | None:
    """Return the first to last day of the month, or None for a month that does not exist."""
    first = _date(year, month, 1)
    if first is None:
        return None
    # An absolute day=31 is clamped to the month's last day.
    return DateQuery(first, _shifted(first, day=31))
