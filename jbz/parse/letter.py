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
from jbz.parse.lines import OPEN_END, ROLE, Line, join_lines

_KAMERSTUK_DOSSIER = re.compile(r"^(\d{2})\s?(\d{3})\b")
_NR = re.compile(r"^Nr\.\s*([0-9]{1,5}|[A-Z]{1,3})\b", re.I)
# An Eerste Kamer letter prints its letter code before "BRIEF VAN": "OO  BRIEF VAN DE MINISTER …".
_EK_LETTER = re.compile(r"^([A-Z]{1,3})\s+(?:BRIEF|Brief)\b")
_CHAMBER = re.compile(r"Aan de Voorzitter van de (Tweede|Eerste) Kamer", re.I)
_LETTER_DATE = re.compile(r"^(?:Den Haag|'s-Gravenhage),?\s+(.+)$", re.I)
_HEADING = re.compile(r"^(?:Geannoteerde\s+agenda|Verslag|Agenda)\b", re.I)
_OFFER = re.compile(r"\b(?:bied(?:en|t)?|zend(?:en|t)?|stuur|sturen|doe|doen)\b.{0,200}?"
                    r"\b(geannoteerde agenda|verslag|agenda)\b", re.I | re.S)
_JBZ = re.compile(r"JBZ|Justitie en Binnenlandse Zaken", re.I)
_PLACE_AFTER = re.compile(r"^\s*(?:a\.s\.|jl\.)?\s*,?\s*(?:\(.*?\)\s*)?(?:[Ii]n|[Tt][Ee])\s+"
                          r"(?:het\s+|de\s+)?([A-Z][\w'’ëéèö-]+(?:[ -][A-Z][\w'’ëéèö-]+)?)")
_PLACE_BEFORE = re.compile(r"\b(?:[Ii]n|[Tt][Ee])\s+([A-Z][\w'’ëéèö-]+(?:[ -][A-Z][\w'’ëéèö-]+)?)\s*,?\s*$")
_NOT_PLACES = {"De", "Het", "Een", "EU", "Raad", "Europa", "Nederland", "JBZ-Raad", "Kamer"}
# Sub-headings inside a cover topic, not topics of their own.
_NOT_TOPICS = re.compile(r"^(inzet (van )?(het kabinet|nederland)\b.{0,30}|kabinetsappreciatie|kabinetsreactie|appreciatie|inzet( van het)? kabinet|kabinetsinzet"
                         r"|achtergrond|aanleiding|proces|vervolg(proces|stappen)?|planning|tijdpad|context|doel"
                         r"|inhoud|conclusie|bijlage\w*|toelichting|nederlandse (inzet|positie))\s*$", re.I)


@dataclass(slots=True)
class Header:
    """What the top of a letter says about the letter itself."""

    kamerstuk: str | None = None
    chamber: str | None = None
    letter_date: object = None
    first_body_line: int = 0


def read_header(lines: list[Line]) -> Header:
    """Return the Kamerstuk, chamber and letter date printed above the letter's first sentence."""
    header = Header()
    dossier = nr = None
    for index, line in enumerate(lines[:25]):
        text = line.text
        if dossier is None and (match := _KAMERSTUK_DOSSIER.match(text)) and "JBZ" in text.upper():
            dossier = match.group(1) + match.group(2)
        if nr is None and (match := _NR.match(text) or _EK_LETTER.match(text)):
            nr = match.group(1)
        if header.chamber is None and (match := _CHAMBER.search(text)):
            header.chamber = "TK" if match.group(1).lower() == "tweede" else "EK"
        if (match := _LETTER_DATE.match(text)) and header.letter_date is None:
            header.letter_date = dates.parse_dutch_date(match.group(1))
            header.first_body_line = index + 1
            break
        if _HEADING.match(text) and index > 0:
            break
    if nr is not None:
        header.kamerstuk = f"{dossier or '32317'}-{nr}"
    return header


def find_heading(lines: list[Line], start: int) -> int | None:
    """Return the index of the agenda's or report's own heading line, or None."""
    after_signatures = None
    for index in range(start, len(lines)):
        if ROLE.match(lines[index].text):
            after_signatures = index
    first = after_signatures if after_signatures is not None else start
    for index in range(first, len(lines)):
        text = lines[index].text
        if _HEADING.match(text) and _heading_has_date(lines, index):
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


def doc_type_of(heading: Heading | None, cover: str) -> str:
    """Return "agenda", "verslag" or "other" from the heading, else the cover letter's offer."""
    if heading is not None and _JBZ.search(heading.text + cover[:800]):
        return "verslag" if heading.text.lower().startswith("verslag") else "agenda"
    offer = _OFFER.search(cover[:1200])
    if offer and _JBZ.search(cover[:1200]):
        return "verslag" if offer.group(1).lower() == "verslag" else "agenda"
    return "other"


def read_meeting(heading: Heading | None, cover: str, letter_date, warnings: list[str]) -> Meeting | None:
    """Return the meeting the letter is about: the heading's date, backed up by the cover letter."""
    from_heading = _meeting_in(heading.text, letter_date) if heading else None
    offer = _offer_sentence(cover)
    from_cover = _meeting_in(offer, letter_date) if offer else None
    if from_heading and from_cover:
        if (from_heading.start, from_heading.end) != (from_cover.start, from_cover.end):
            warnings.append(
                f"the cover letter names the meeting of {dates.format_range(from_cover.start, from_cover.end)}"
                f"{' in ' + from_cover.location if from_cover.location else ''}, but the heading says "
                f"{dates.format_range(from_heading.start, from_heading.end)}: the heading is followed")
            return from_heading
        from_heading.location = from_heading.location or from_cover.location
        from_heading.informal = from_heading.informal or from_cover.informal
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


def _meeting_in(text: str, letter_date) -> Meeting | None:
    """Return the first meeting date range in `text`, with its place and formality."""
    ranges = dates.find_date_ranges(text, letter_date)
    if not ranges:
        return None
    first = ranges[0]
    location = _place_near(text, first.pos, first.endpos)
    informal = bool(re.search(r"\binformele\b", text[:first.pos], re.I))
    return Meeting(first.start, first.end, location, informal)


def _place_near(text: str, pos: int, endpos: int) -> str | None:
    """Return the city named right after (or before) a date: "… 2018 te Luxemburg"."""
    for found in (_PLACE_AFTER.match(text[endpos:endpos + 80]), _PLACE_BEFORE.search(text[max(0, pos - 60):pos])):
        if found and found.group(1).title() not in _NOT_PLACES:
            # Headings in capitals ("TE LUXEMBURG") give the place as the letters print it elsewhere.
            place = found.group(1)
            return place.title() if place.isupper() and len(place) > 3 else place
    return None


def read_signatories(lines: list[Line]) -> list[str]:
    """Return the names printed under "De minister van …," lines."""
    names = []
    for index, line in enumerate(lines[:-1]):
        if ROLE.match(line.text):
            name = lines[index + 1].text.strip()
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
