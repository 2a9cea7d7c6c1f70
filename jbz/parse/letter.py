"""The letter around the agenda: Kamerstuk header, addressee, date line, cover letter, heading.

A letter is read top-down in named steps: header -> cover letter (topics, signatures) ->
the agenda's or report's own heading -> the agenda. The heading names the meeting; the cover
letter only backs it up, because cover letters get copied from the previous letter.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from jbz import dates
from jbz.model import CoverTopic, Meeting
from jbz.parse.header import HEADING
from jbz.parse.lines import NAME, OPEN_END, ROLE, SIGNED, Line, join_lines

_OFFER = re.compile(
    r"\b(?:bied(?:en|t)?|zend(?:en|t)?|stuur|sturen|doe|doen)\b.{0,200}?\b(geannoteerde agenda|verslag|agenda)\b"
    r"|\bdient\s+(?:tevens\s+|ook\s+)?als\s+(geannoteerde agenda|verslag|agenda)\b"
    r"|\b(vooruitlopend op het verslag)\b"
    r"|\binformeer(?:t|en)?\b[^.]{0,120}?\bover\s+(?:de|het)\s+(?:[a-z]+\s+){0,2}(raad|jbz-raad|bijeenkomst)\b",
    re.I | re.S)
_JBZ = re.compile(r"JBZ|Justitie en Binnenlandse Zaken", re.I)
_PLACE_AFTER = re.compile(r"^\s*(?:a\.s\.|jl\.)?\s*,?\s*(?:\(.*?\)\s*)?(?:[Ii]n|[Tt][Ee])\s+"
                          r"(?:het\s+|de\s+)?([A-Z][\w'’ëéèö-]+(?:[ -][A-Z][\w'’ëéèö-]+)?)")
_PLACE_BEFORE = re.compile(r"\b(?:[Ii]n|[Tt][Ee])\s+([A-Z][\w'’ëéèö-]+(?:[ -][A-Z][\w'’ëéèö-]+)?)\s*,?\s*(?:op\s+)?$")
_NOT_PLACES = {"De", "Het", "Een", "EU", "Raad", "Europa", "Nederland", "JBZ-Raad", "Kamer"}
# Sub-headings inside a cover topic, not topics of their own.
_NOT_TOPICS = re.compile(r"^(inzet (van )?(het kabinet|nederland)\b.{0,30}|kabinetsappreciatie|kabinetsreactie|appreciatie|inzet( van het)? kabinet|kabinetsinzet"
                         r"|achtergrond|aanleiding|proces|vervolg(proces|stappen)?|planning|tijdpad|context|doel"
                         r"|inhoud|conclusie|bijlage\w*|toelichting|nederlandse (inzet|positie))\s*$", re.I)


def find_heading(lines: list[Line], start: int) -> int | None:
    """Return the index of the agenda's or report's own heading line, or None."""
    after_signatures = None
    for index in range(start, len(lines)):
        if ROLE.match(lines[index].text):
            after_signatures = index
    first = after_signatures if after_signatures is not None else start
    for index in range(first, len(lines)):
        text = lines[index].text
        if HEADING.match(text) and _heading_has_date(lines, index):
            return index
    return None


def _heading_has_date(lines: list[Line], index: int) -> bool:
    block = " ".join(line.text for line in lines[index:index + 4])
    return bool(re.search(r"\d{1,2}\s*(?:[-–]|en)?\s*\d{0,2}\s+[a-z]+\s+\d{4}", block[:260], re.I))


@dataclass(slots=True)
class Heading:
    """The agenda's or report's heading, and where the agenda starts after it."""

    text: str
    end: int


def read_heading(lines: list[Line], index: int) -> Heading:
    """Return the heading starting at `index`: its lines joined up to and including the date."""
    parts = []
    for offset, line in enumerate(lines[index:index + 5]):
        parts.append(line.text)
        if re.search(r"\b\d{4}\b", line.text):
            return Heading(join_lines(parts), index + offset + 1)
    return Heading(lines[index].text, index + 1)


# Documents of a Kamer committee, not a minister's letter: reports of its debates, its questions.
COMMITTEE = re.compile(r"\b(?:verslag van een (?:algemeen|schriftelijk|mondeling)e? overleg|verslag van een"
                       r" commissiedebat|inbreng voor het|lijst van vragen)\b|^vastgesteld \d", re.I)


def doc_type_of(heading: Heading | None, cover: str, letter_date=None) -> str:
    """Return "agenda", "verslag" or "other" from the heading, else the cover letter's offer."""
    if heading is not None and _JBZ.search(heading.text + cover[:800]):
        first_word = heading.text.split(" ", 1)[0].lower()
        return "verslag" if "verslag" in first_word else "agenda"
    offer = _OFFER.search(cover[:1200])
    if offer and _JBZ.search(cover[:1200]):
        named = next(group for group in offer.groups() if group).lower()
        if named in ("raad", "jbz-raad", "bijeenkomst"):
            # "Hierbij informeer ik uw Kamer over de ingelaste Raad …": ahead of it, or after it.
            reading = _meeting_in(_offer_sentence(cover) or "", letter_date)
            ahead = reading is None or letter_date is None or reading.meeting.start >= letter_date
            return "agenda" if ahead else "verslag"
        return "verslag" if "verslag" in named else "agenda"
    return "other"


@dataclass(slots=True)
class MeetingReading:
    """The meeting a letter is about, the text that named it, and whether its dates were worked out."""

    meeting: Meeting
    #: The heading or cover sentence the dates were read from.
    text: str
    #: The year was not printed (taken from the letter date), or "a.s."/"jl." was resolved.
    inferred: bool = False
    #: The words around the dates and the place in `text`, for the evidence.
    span: str = ""
    #: The words the place was read from, when the cover letter named it and the heading did not.
    place_span: str = ""


def read_meeting(heading: Heading | None, cover: str, letter_date, warnings: list[str]) -> MeetingReading | None:
    """Return the meeting the letter is about: the heading's date, backed up by the cover letter."""
    from_heading = _meeting_in(heading.text, letter_date) if heading else None
    offer = _offer_sentence(cover)
    from_cover = _meeting_in(offer, letter_date) if offer else None
    if from_heading and from_cover:
        heading_meeting, cover_meeting = from_heading.meeting, from_cover.meeting
        if (heading_meeting.start, heading_meeting.end) != (cover_meeting.start, cover_meeting.end):
            warnings.append(
                f"the cover letter names the meeting of {dates.format_range(cover_meeting.start, cover_meeting.end)}"
                f"{' in ' + cover_meeting.location if cover_meeting.location else ''}, but the heading says "
                f"{dates.format_range(heading_meeting.start, heading_meeting.end)}: the heading is followed")
            return from_heading
        if heading_meeting.location is None and cover_meeting.location:
            from_heading.place_span = from_cover.span
        heading_meeting.location = heading_meeting.location or cover_meeting.location
        heading_meeting.informal = heading_meeting.informal or cover_meeting.informal
        return from_heading
    return from_heading or from_cover


def _offer_sentence(cover: str) -> str | None:
    """Return the cover letter's sentence that offers the agenda or report, if any."""
    match = _OFFER.search(cover[:1500])
    if not match:
        return None
    start = cover.rfind(". ", 0, match.start()) + 1
    stop = cover.find(". ", match.end())
    # A "13-\n14 oktober a.s." date can carry the full stop of "a.s."; read on past it.
    stop = len(cover) if stop < 0 else min(len(cover), stop + 120)
    return cover[start:stop]


def _meeting_in(text: str, letter_date) -> MeetingReading | None:
    """Return the first meeting date range in `text`, with its place and formality."""
    ranges = dates.find_date_ranges(text, letter_date)
    if not ranges:
        return None
    first = ranges[0]
    location = _place_near(text, first.pos, first.endpos)
    informal = bool(re.search(r"\binformele\b", text[:first.pos], re.I))
    start = text.rfind(" ", 0, max(0, first.pos - 60)) + 1
    stop = text.find(" ", first.endpos + 40)
    span = text[start:stop if stop != -1 else len(text)]
    return MeetingReading(Meeting(first.start, first.end, location, informal), text, not first.year_printed, span)


def _place_near(text: str, pos: int, endpos: int) -> str | None:
    """Return the city named right after (or before) a date: "… 2018 te Luxemburg"."""
    for found in (_PLACE_AFTER.match(text[endpos:endpos + 80]), _PLACE_BEFORE.search(text[max(0, pos - 60):pos])):
        if found and found.group(1).title() not in _NOT_PLACES:
            # Headings in capitals ("TE LUXEMBURG") give the place as the letters print it elsewhere.
            place = found.group(1)
            return place.title() if place.isupper() and len(place) > 3 else place
    return None


def read_signatories(lines: list[Line]) -> list[str]:
    """Return the names printed under "De minister van …," lines, or after the comma of such a line."""
    names = []
    for index, line in enumerate(lines):
        signed = SIGNED.match(line.text)
        if ROLE.match(line.text) and index + 1 < len(lines):
            name = lines[index + 1].text.strip()
        elif signed and NAME.match(signed["name"].strip()):
            name = signed["name"].strip()
        else:
            continue
        # One minister can sign twice, for two portfolios; list the person once.
        if len(name) <= 60 and not ROLE.match(name) and not name.endswith((".", ",")) and name not in names:
            names.append(name)
    return names


@dataclass(slots=True)
class Cover:
    """The cover letter cut into its opening, the topics it raises, and what follows them."""

    #: The blocks before the first topic.
    opening: list[str]
    topics: list[CoverTopic]
    #: The signature block and anything after it.
    closing: list[str]


def read_cover(blocks: list[Line], with_topics: bool = True) -> Cover:
    """Return the cover letter's opening, its topics (headed blocks after the opening) and closing.

    Every block lands in one of them: a sub-heading inside a topic ("Kabinetsappreciatie") and a
    heading over a group of topics ("Asiel- en migratie thema's:") stay in the text around them.
    """
    body_end = next((i for i, block in enumerate(blocks) if ROLE.match(block.text)), len(blocks))
    opening: list[str] = []
    topics: list[CoverTopic] = []
    body: list[str] = opening
    for index in range(body_end):
        text = blocks[index].text
        if with_topics and _is_topic_heading(blocks, index) and not _NOT_TOPICS.match(text) \
                and not text.endswith(":"):
            if topics:
                topics[-1].body = " ".join(body)
            topics.append(CoverTopic(text))
            body = []
            continue
        body.append(text)
    if topics:
        topics[-1].body = " ".join(body)
    return Cover(opening, topics, [block.text for block in blocks[body_end:]])


def _is_topic_heading(blocks: list[Line], index: int) -> bool:
    """Return whether the block at `index` heads a topic: a short capitalised line that does not
    end a sentence, after a block that does, before a block that opens one."""
    text = blocks[index].text
    previous = blocks[index - 1].text if index else ""
    if index and not previous.endswith((".", ":", "?", "!", ";", ".”")):
        return False
    if not text[:1].isupper() or text.endswith((".", ",", ";")) or text.startswith(("Hierbij", "Daarnaast")):
        return False
    if len(text) > 220 or ". " in text or OPEN_END.search(text) and not text.endswith(":"):
        return False
    following = blocks[index + 1].text if index + 1 < len(blocks) else ""
    return not following or following[:1].isupper() or following[:1] in "“‘\"'(•-–"
