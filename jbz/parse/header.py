"""The top of a letter: its Kamerstuk, chamber and date, each with the text it was read from.

Sources print the Kamerstuk in many ways: the publication's own header ("32 317 JBZ-Raad" over
"Nr. 995 BRIEF VAN …", an Eerste Kamer letter code "OO BRIEF VAN …" or "DQ1 VERSLAG …"), the
officielebekendmakingen metadata table ("Dossier- en ondernummer | 32317 nr. 621"), or a site's
own line ("Kamerstuk 32317-477", "ID: 32317-155", "kst-32317-882"). The dossier is the one printed:
a BNC-fiche letter is 22112, a letter of 2009 is 23490.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from jbz import dates
from jbz.model import Evidence
from jbz.parse.lines import Line

# "32 317 JBZ-Raad", "21 501-02 Raad Algemene Zaken …", "23 490" (the title may follow on its own line).
_DOSSIER = re.compile(r"^(\d{2})\s?(\d{3})((?:-\d{1,3})?)(?=\s|$)(?!\s*(?:,|nr\b))")
_NR = re.compile(r"^(?:Nr|nr)\.\s*([0-9]{1,5}|[A-Z]{1,3})\d{0,2}(?=\s|$)")
# An Eerste Kamer letter code, perhaps with a footnote digit glued, before an upper-case title.
_EK_LETTER = re.compile(r"^([A-Z]{1,3})\d{0,2}\s+(?=(?:BRIEF|Brief|VERSLAG|MEMORIE|NOTA|MOTIE|LIJST)\b)")
# "Dossier- en ondernummer" table row: "| … | 2021-2022 | 32317 nr. NH |", or run together.
_TABLE_NUMBER = re.compile(r"(?<!\d)(\d{5}(?:-\d{1,3})?)\s*nr\.\s*([0-9]{1,5}|[A-Z]{1,3})\b")
_SITE_NUMBER = re.compile(r"^(?:Kamerstuk|ID:)\s+(\d{5}(?:-\d{1,3})?)-(\d{1,5}|[A-Z]{1,3})$|\bkst-(\d{5}(?:-\d{1,3})?)-"
                          r"(\d{1,5}|[A-Z]{1,3})\b")
_CHAMBER = re.compile(r"Aan de Voorzitter van de (Tweede|Eerste) Kamer", re.I)
_LETTER_DATE = re.compile(r"^(?:Den Haag|'s-Gravenhage),?\s+(.+)$", re.I)
HEADING = re.compile(r"^(?:Geannoteerde\s+agenda|(?:Deel)?verslag|Agenda)\d{0,2}\b", re.I)
#: How far down a letter its header may reach, in blocks.
_HEADER_BLOCKS = 25


@dataclass(slots=True)
class Header:
    """What the top of a letter says about the letter itself."""

    kamerstuk: str | None = None
    chamber: str | None = None
    letter_date: object = None
    #: The first block after the date line (0 when the letter prints none).
    first_body_line: int = 0
    #: The number printed without a dossier ("Nr. 978" on a page whose dossier line is cut off).
    number: str | None = None
    evidence: dict[str, Evidence] = field(default_factory=dict)


def read_header(blocks: list[Line]) -> Header:
    """Return the Kamerstuk, chamber and letter date printed above the letter's first sentence."""
    header = Header()
    top = blocks[:_HEADER_BLOCKS]
    for index, block in enumerate(top):
        text = block.text
        if header.chamber is None and (match := _CHAMBER.search(text)):
            header.chamber = "TK" if match.group(1).lower() == "tweede" else "EK"
            header.evidence["chamber"] = Evidence(quote_of(block))
        if (match := _LETTER_DATE.match(text)) and (day := dates.parse_dutch_date(match.group(1))):
            header.letter_date = day
            header.evidence["letter_date"] = Evidence(quote_of(block))
            header.first_body_line = index + 1
            break
        if HEADING.match(text) and index > 0:
            break
    _read_kamerstuk(top[:header.first_body_line or len(top)], header)
    return header


def _read_kamerstuk(blocks: list[Line], header: Header) -> None:
    """Set the Kamerstuk the header prints, with its evidence; other papers it cites do not count."""
    dossier = nr = None
    dossier_at = nr_at = 0
    for index, block in enumerate(blocks):
        text = block.text
        if dossier is None and (match := _DOSSIER.match(text)):
            dossier, dossier_at = match.group(1) + match.group(2) + match.group(3), index
        if nr is None and (match := _NR.match(text) or _EK_LETTER.match(text)):
            nr, nr_at = match.group(1), index
    nr_block = blocks[nr_at] if nr else None
    header.number = nr
    if nr and not dossier:
        header.evidence["kamerstuk"] = Evidence(quote_of(nr_block, 100))
    if dossier and nr:
        header.kamerstuk = f"{dossier}-{nr}"
        # One span from the dossier line to the number, as printed, when it is short enough.
        span = " ".join(block.raw or block.text for block in blocks[min(dossier_at, nr_at):max(dossier_at, nr_at) + 1])
        header.evidence["kamerstuk"] = Evidence(span if len(span) <= 200 else quote_of(nr_block))
        return
    for block in blocks:
        match = _TABLE_NUMBER.search(block.text) or _SITE_NUMBER.search(block.text)
        if match:
            groups = [g for g in match.groups() if g]
            header.kamerstuk = f"{groups[0]}-{groups[1]}"
            header.evidence["kamerstuk"] = Evidence(quote_of(block))
            return


def quote_of(block: Line, limit: int = 200) -> str:
    """Return a block's text as the letter prints it, cut to `limit` characters at a word."""
    text = block.raw or block.text
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0]


def quote_in(blocks: list[Line], text: str, limit: int = 200) -> str:
    """Return the span of the blocks' printed text where `text` (read off the joined blocks)
    stands, as printed, cut to `limit` characters from its start."""
    printed = " ".join(block.raw or block.text for block in blocks)
    words = text.split()[:40]
    if not words:
        return ""
    span = printed_span(printed, words)
    if span is None:
        return " ".join(text.split())[:limit].rsplit(" ", 1)[0]
    quote = printed[span[0]:span[1]]
    return quote if len(quote) <= limit else quote[:limit].rsplit(" ", 1)[0]


def printed_span(printed: str, words: list[str]) -> tuple[int, int] | None:
    r"""Return (start, end) of the first place `printed` holds `words` apart by whitespace, or None.

    The joined text made "13-\n14" one word; the printed text may hold it as "13- 14", so a hyphen
    in a word may be followed by one whitespace. (This is the regular expression of the words
    joined by `\s+`, each hyphen as `-\s?`, found without compiling one for every letter.)
    """
    first = words[0].split("-", 1)[0] or "-"
    start = printed.find(first)
    while start != -1:
        end = _words_end(printed, start, words)
        if end is not None:
            return start, end
        start = printed.find(first, start + 1)
    return None


def _words_end(printed: str, at: int, words: list[str]) -> int | None:
    """Return where `words` end when `printed` holds them from `at` (see `printed_span`), or None."""
    for index, word in enumerate(words):
        if index:
            gap = _whitespace_end(printed, at)
            if gap == at:
                return None
            at = gap
        pieces = word.split("-")
        for number, piece in enumerate(pieces):
            if not printed.startswith(piece, at):
                return None
            at += len(piece)
            if number == len(pieces) - 1:
                break
            if not printed.startswith("-", at):
                return None
            at += 1
            # A hyphen ending a word before the next leaves the whitespace to the gap between them.
            ends_inner_word = number == len(pieces) - 2 and not pieces[-1] and index < len(words) - 1
            if not ends_inner_word and at < len(printed) and printed[at].isspace():
                at += 1
    return at


def _whitespace_end(text: str, at: int) -> int:
    """Return the index after the whitespace that starts at `at` in `text`."""
    while at < len(text) and text[at].isspace():
        at += 1
    return at
