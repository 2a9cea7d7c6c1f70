"""Body lines -> blocks: a letter's paragraphs, headings, items and labels, whatever its layout.

PDF text wraps a paragraph over many lines; a Word file or web page holds it on one; blank lines
come doubled, single or not at all. So blank lines and page cues are never read here: a line runs
on from the one before by its content alone. It runs on when the line before stops mid-sentence
(a lower-case start, an open end such as "van de", a word broken at a hyphen) or when the line
before was cut by the wrap (its next word would not have fitted); it never runs on into a line
that opens a structure of its own (an agenda item, a label, a date line, a signature).
"""
from __future__ import annotations

import re
from itertools import accumulate, repeat

from jbz.parse.agenda import LABEL_LINE, LABEL_MAX_CHARS
from jbz.parse.lines import NAME, ROLE, SIGNED, Line, ends_open, join_lines, wrap_cut, wrap_width

# Lines that open a block of their own, whatever the line before.
_OPENS = re.compile(
    r"^(?:\d{1,2}[.)]\s*\S|[IVX]{1,4}[.)]?\s+[A-Z]|[IVX]{1,4}\.?$|[a-z][.)]\s+\S|[•▪●◦·*\-–—]\s|(?:Den Haag|'s-Gravenhage),?\s+\d"
    r"|Aan de (?:Voorzitter|voorzitter|leden)\b|[Nn]r\.\s*\w|\d{2}\s?\d{3}(?:-\w+)?\s+\S|Fiche\b"
    r"|(?:Geannoteerde\s+agenda|Verslag\s+van\s+de|GEANNOTEERDE|VERSLAG|BRIEF\s+VAN)\b"
    r"|[A-Z]{1,3}\d{0,2}\s+(?:BRIEF|VERSLAG|MEMORIE|NOTA|MOTIE|LIJST)\b)")  # "B3 VERSLAG …", an Eerste Kamer code
# Lines after which a new block starts: signature roles, addressees, date lines, dossier headers.
_CLOSES = re.compile(
    r"^(?:Aan de (?:Voorzitter|voorzitter|leden)\b.*|(?:Den Haag|'s-Gravenhage),?\s+\d.*"
    r"|\d{2}\s?\d{3}(?:-\w+)?\s+\S.{0,120})$")
# A block that opens with an item's, sub-item's or part's number is a title: the wrap never
# decides that it runs on, only an unfinished end does.
_TITLE = re.compile(r"^(?:\d{1,2}[.)]\s*\S|[IVX]{1,4}[.)]?\s+[A-Z]|[a-z][.)]\s+\S"
                    r"|(?:Geannoteerde\s+agenda|(?:Deel)?[Vv]erslag)\d{0,2}\s+van\b)")
_HEADING_START = re.compile(r"^(?:Geannoteerde|(?:Deel)?[Vv]erslag)")
# The most lines a title's rest wraps onto, even at a narrow width.
_TITLE_LINES = 6
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# A role with its signature on the same line, and the rest of a name wrapped onto the next.
_BARE_NUMERAL = re.compile(r"^[IVX]{1,4}\.?$")
# "de Europese" / "Commissie", "de Verenigde" / "Staten": a capitalised adjective ends no heading or
# sentence; the name it opens is on the next line.
_NAME_ADJECTIVE_END = re.compile(r"(?:\b[A-Z][a-zëïé]+(?:se|sche)|\bVerenigde)$")
# Dutch capitalises names, not nouns: a line that opens with a capitalised function word starts a
# sentence, so the line before it, ending without a full stop, was a heading the wrap did not cut.
_SENTENCE_OPENER = re.compile(
    r"^(?:De|Het|Een|Dit|Deze|Dat|Die|Daar|Daarom|Daarbij|Daarnaast|Daarmee|Daarin|Daarover|Daartoe|Hierbij"
    r"|Hiermee|Hierin|Hierover|Er|Ook|Op|In|Met|Na|Naar|Bij|Over|Tijdens|Voorafgaand|Zoals|Als|Indien"
    r"|Wanneer|Omdat|Aangezien|Hoewel|Vanwege|Gezien|Namens|Tot|Uit|Om|Door|Nu|Verder|Tevens|Momenteel"
    r"|Inmiddels|Vervolgens|Via|Onder|Ik|Wij|We|Uw|Zij|Ze|Hij|Conform|Naast|Sinds|Volgens|Binnen|Tussen|Rond"
    r"|Rondom|Voor|Tegen|Zonder|Ondanks|Dankzij|Wegens|Middels|Aan|Alleen|Echter|Bovendien|Vanuit|Vanaf|Daarna"
    r"|Eerder|Later|Thans|Ten|Toen|Waar|Wat|Welke|Hoe|Waarom|Hier|Zo|Alle|Elke|Iedere|Geen|Enkele|Beide"
    r"|Sommige|Andere|Dergelijke|Mede|Gelet|Teneinde|Hiervoor|Hierdoor|Daardoor|Daarvoor|Waarbij|Overigens)\s")
_TERMINAL = (".", "!", "?", ":", ";", ".”", ".\"", "?”")
# Abbreviations a sentence runs on after: "nr.", "o.a.", "a.s." at a line end do not end it.
_ABBREVIATION = re.compile(r"(?:\b(?:nr|nrs|blz|p|art|jo|vgl|zgn|resp|dhr|mw|mr|dr|prof|ca|incl|excl|o\.a"
                           r"|a\.s|jl|e\.d|i\.h\.b|m\.b\.t|t\.a\.v|i\.v\.m|d\.d|o\.m|z\.s\.m|c\.q|e\.a|m\.n|bijv|t\.b\.v)\.)$",
                           re.I)
#: The longest abbreviation, and its full stop: the pattern is tried on that many last characters.
_ABBREVIATION_REACH = 8


# One pattern classifies a line for `runs_on`: it matches when the line opens a block of its own
# (_OPENS, a signature role, a label), and its group `closes` when, besides, the next line opens
# one (a role, a label, _CLOSES, a bare numeral; _CLOSES and the bare numeral are within _OPENS).
# Trying the patterns one by one on every line was most of the block reader's time.
_OPENS_OR_CLOSES = re.compile(
    rf"(?P<closes>(?i:{ROLE.pattern})|(?=(?s:.){{0,{LABEL_MAX_CHARS}}}\Z)(?i:{LABEL_LINE.pattern})|{_CLOSES.pattern}"
    rf"|{_BARE_NUMERAL.pattern})|{_OPENS.pattern}")
#: How a line stands to its neighbours: 0 it may run on either way, 1 it opens a block,
#: 2 it opens a block and the next line opens one too.
_FREE, _OPENS_BLOCK, _CLOSES_BLOCK = 0, 1, 2


def line_kind(text: str) -> int:
    """Return whether `text` opens a block of its own and closes it (_FREE, _OPENS_BLOCK, _CLOSES_BLOCK)."""
    match = _OPENS_OR_CLOSES.match(text)
    if match is None:
        return _FREE
    return _CLOSES_BLOCK if match.group("closes") is not None else _OPENS_BLOCK


class _BlockReader:
    """The body lines of one letter, with what `runs_on` asks of each line worked out once."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.width = wrap_width(texts)
        self.kinds = [line_kind(text) for text in texts]
        #: The number of "(" and ")" in the lines before each index, for `open_parenthesis`.
        self.opened = list(accumulate(map(str.count, texts, repeat("(")), initial=0))
        self.closed = list(accumulate(map(str.count, texts, repeat(")")), initial=0))

    def runs_on(self, start: int, at: int, look_ahead: bool = True) -> bool:
        """Return whether line `at` continues the block of the lines from `start` up to it (with
        `look_ahead`, the lines after `at` may be read for a title's end)."""
        texts = self.texts
        line, before, first_line = texts[at], texts[at - 1], texts[start]
        if self.kinds[at] != _FREE or self.kinds[at - 1] == _CLOSES_BLOCK:
            return False
        if before.endswith("-") and not before.endswith(" -"):
            return True
        if at - start == 1 and SIGNED.match(first_line) and NAME.match(line):
            return True  # "De minister van Veiligheid en Justitie, I.W." / "Opstelten"
        first = line[:1]
        if first.islower() or self.open_parenthesis(start, at):
            return True
        if before.endswith(_TERMINAL):
            return before.endswith(("nr.", "nrs.", "blz.", "p.", "art.")) and (first.isdigit() or first.isupper()) \
                and bool(_ABBREVIATION.search(before, max(0, len(before) - _ABBREVIATION_REACH)))
        if ends_open(before) or before.endswith(",") or _NAME_ADJECTIVE_END.search(before, before.rfind(" ") + 1):
            return True
        if _SENTENCE_OPENER.match(line):
            return False
        cut = wrap_cut(before, line, self.width)
        if _TITLE.match(first_line):
            if _HEADING_START.match(first_line) and _YEAR.search(" ".join(texts[start:at])):
                return False  # a heading is whole once it has named its meeting's date
            return cut and self.unfinished_run(at, look_ahead)
        return cut

    def unfinished_run(self, at: int, look_ahead: bool) -> bool:
        """Return whether line `at` and the lines wrapped after it stop short of a full stop before
        the next item, label or heading: then they are the rest of a title, not the text under it."""
        following = range(at + 1, min(at + 1 + _TITLE_LINES, len(self.texts))) if look_ahead else range(0)
        end = at + 1
        for after in following:
            if not self.texts[after] or not self.runs_on(at, after, look_ahead=False):
                break
            end = after + 1
        else:
            if len(following) >= _TITLE_LINES:
                return False
        text = " ".join(self.texts[at:end])
        return not text.endswith(_TERMINAL) and ". " not in text

    def open_parenthesis(self, start: int, at: int) -> bool:
        """Return whether the block of the lines from `start` up to `at` stops inside a parenthesis
        ("… 2024/1350 (hierna:"), which its sentence has yet to close."""
        if self.opened[at] - self.opened[start] <= self.closed[at] - self.closed[start]:
            return False
        text = " ".join(self.texts[start:at])
        return len(text) - text.rfind("(") < 300


def join_blocks(lines: list[Line]) -> list[Line]:
    """Return the blocks of the body lines: each wrapped paragraph, heading or item as one Line,
    its text joined (a word broken at a line-end hyphen whole) and `raw` its lines joined by spaces."""
    reader = _BlockReader([line.text for line in lines])
    starts = [0] if lines else []
    for at in range(1, len(lines)):
        if not reader.runs_on(starts[-1], at):
            starts.append(at)
    ends = starts[1:] + [len(lines)]
    return [_block(reader.texts[start:end]) for start, end in zip(starts, ends)]


def _block(parts: list[str]) -> Line:
    """Return the block of the lines `parts`: their text joined, and as printed."""
    raw = " ".join(" ".join(parts).split())
    # Without a hyphen, joining the lines is squeezing their whitespace, as for the printed text.
    return Line(join_lines(parts) if "-" in raw else raw, raw=raw)
