"""Dutch dates and date ranges ("8 en 9 december 2025", "22-23 juli a.s.", "9-12-2025")."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from dateutil import parser as dateutil_parser

MONTH_NAMES_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                  "september", "oktober", "november", "december")


class DutchParserInfo(dateutil_parser.parserinfo):
    """dateutil taught Dutch month names (and English ones), day first."""

    MONTHS = [("jan", "januari", "january"), ("feb", "februari", "february"), ("mrt", "maart", "mar", "march"),
              ("apr", "april"), ("mei", "may"), ("jun", "juni", "june"), ("jul", "juli", "july"),
              ("aug", "augustus", "august"), ("sep", "sept", "september"), ("okt", "oktober", "oct", "october"),
              ("nov", "november"), ("dec", "december")]
    JUMP = [" ", ".", ",", ";", "-", "/", "'", "en", "van", "de", "op", "te", "in", "tot", "on", "of", "the"]

    def __init__(self) -> None:
        super().__init__(dayfirst=True, yearfirst=False)


_INFO = DutchParserInfo()


@dataclass(frozen=True, slots=True)
class DateRange:
    start: dt.date
    end: dt.date
    pos: int
    endpos: int
    year_printed: bool


@dataclass(frozen=True, slots=True)
class DateQuery:
    start: dt.date
    end: dt.date


class DateQueryError(ValueError):
    """A date a user typed that jbz cannot read."""


def parse_dutch_date(text: str) -> dt.date | None:
    """Return the date in '26 februari 2026', or None when it is not a full date."""
    match = re.match(r"\s*(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})\b", text or "")
    if not match or _INFO.month(match.group(2)) is None:
        return None
    try:
        return dateutil_parser.parse(" ".join(match.groups()), parserinfo=_INFO).date()
    except (ValueError, OverflowError):
        return None


_MONTH_WORD = r"[A-Za-z]{3,10}"
_RANGE = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:\s*(?:[-–—]|en|tot)\s*(\d{{1,2}}))?\s+({_MONTH_WORD})"
    rf"(?:\s*(?:[-–—]|en|tot)\s*(\d{{1,2}})\s+({_MONTH_WORD}))?"
    rf"(?:\s+(\d{{4}})(?!\d)|\s+(a\.s\.|jl\.))?")


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_date_ranges(text: str, reference: dt.date | None = None) -> list[DateRange]:
    """Return every Dutch day or day range in `text`, in order; a missing year comes from `reference`."""
    out = []
    for m in _RANGE.finditer(text or ""):
        month1 = _INFO.month(m.group(3))
        if month1 is None:
            continue
        day1, day2 = int(m.group(1)), m.group(2)
        month2 = _INFO.month(m.group(5)) if m.group(5) else None
        if m.group(5) and month2 is None:
            continue
        if month2:  # "30 juni en 1 juli"
            start_md, end_md = (month1, day1), (month2, int(m.group(4)))
        elif day2 and int(day2) < day1:
            # "31 en 1 juli": a range whose second day is smaller runs into the next month.
            start_md, end_md = (month1, day1), (month1 % 12 + 1, int(day2))
        else:
            start_md, end_md = (month1, day1), (month1, int(day2) if day2 else day1)
        year = int(m.group(6)) if m.group(6) else None
        if year is None:
            if reference is None:
                continue
            year = _infer_year(start_md, reference, m.group(7))
        end_year = year + 1 if end_md[0] < start_md[0] else year
        start, end = _make(year, *start_md), _make(end_year, *end_md)
        if start is None or end is None or end < start:
            continue
        out.append(DateRange(start, end, m.start(), m.end(), m.group(6) is not None))
    return out


def _infer_year(month_day: tuple[int, int], reference: dt.date, hint: str | None) -> int:
    candidates = [y for y in (reference.year - 1, reference.year, reference.year + 1)
                  if _make(y, *month_day)]
    if hint == "a.s.":
        later = [y for y in candidates if _make(y, *month_day) >= reference]
        return later[0] if later else reference.year
    if hint == "jl.":
        earlier = [y for y in candidates if _make(y, *month_day) <= reference]
        return earlier[-1] if earlier else reference.year
    return min(candidates, key=lambda y: abs((_make(y, *month_day) - reference).days)) if candidates \
        else reference.year


def format_dutch_date(d: dt.date) -> str:
    """Return '8 december 2025'."""
    return f"{d.day} {MONTH_NAMES_NL[d.month - 1]} {d.year}"


def format_range(start: dt.date, end: dt.date) -> str:
    """Return '8–9 december 2025', '30 juni – 1 juli 2025' or '8 december 2025'."""
    if start == end:
        return format_dutch_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {MONTH_NAMES_NL[start.month - 1]} {start.year}"
    if start.year == end.year:
        return f"{start.day} {MONTH_NAMES_NL[start.month - 1]} – {format_dutch_date(end)}"
    return f"{format_dutch_date(start)} – {format_dutch_date(end)}"


_HELP = "try 2025-12-08, 8 december 2025, 8-12-2025 or december 2025"


def parse_query_date(text: str) -> DateQuery:
    """Return the day or month a user typed; raise DateQueryError saying which forms work."""
    raw = (text or "").strip()
    try:
        return _parse_query(raw)
    except (ValueError, OverflowError, TypeError) as exc:
        if isinstance(exc, DateQueryError):
            raise
        raise DateQueryError(f"cannot read '{raw}' as a date; {_HELP}") from None


def _parse_query(raw: str) -> DateQuery:
    lowered = raw.lower()
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", lowered):
        return _month(int(m.group(1)), int(m.group(2)))
    if m := re.fullmatch(r"(\d{1,2})[-/.](\d{4})", lowered):
        return _month(int(m.group(2)), int(m.group(1)))
    if m := re.fullmatch(r"([a-z]+)\.?\s+(\d{4})", lowered):
        month = _INFO.month(m.group(1))
        if month:
            return _month(int(m.group(2)), month)
        raise DateQueryError(f"cannot read '{raw}' as a date; {_HELP}")
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", lowered):
        day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return DateQuery(day, day)
    if m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", lowered):
        day = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return DateQuery(day, day)
    if m := re.fullmatch(r"(\d{1,2})\s+([a-z]+)\.?(?:\s+(\d{4}))?", lowered):
        month = _INFO.month(m.group(2))
        if month:
            year = int(m.group(3)) if m.group(3) else dt.date.today().year
            day = dateutil_parser.parse(f"{m.group(1)} {m.group(2)} {year}", parserinfo=_INFO).date()
            return DateQuery(day, day)
    raise DateQueryError(f"cannot read '{raw}' as a date; {_HELP}")


def _month(year: int, month: int) -> DateQuery:
    last = calendar.monthrange(year, month)[1]
    return DateQuery(dt.date(year, month, 1), dt.date(year, month, last))
