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

from jbz.parse.lines import NAME, OPEN_END, ROLE, SIGNED, Line, join_lines, wrap_cut, wrap_width

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


def runs_on(block: list[str], line: str, following: list[str], width: int, is_label) -> bool:
    """Return whether `line` continues the block whose lines so far are `block` (`following` are
    the lines after `line`, as far as a title's end may need to be looked for)."""
    before = block[-1]
    if _OPENS.match(line) or ROLE.match(line) or is_label(line) or is_label(before) or _CLOSES.match(before) \
            or ROLE.match(before) or _BARE_NUMERAL.match(before):
        return False
    if before.endswith("-") and not before.endswith(" -"):
        return True
    if SIGNED.match(block[0]) and len(block) == 1 and NAME.match(line):
        return True  # "De minister van Veiligheid en Justitie, I.W." / "Opstelten"
    first = line[:1]
    if first.islower() or _open_parenthesis(block):
        return True
    if before.endswith(_TERMINAL):
        return bool(_ABBREVIATION.search(before)) and (first.isdigit() or first.isupper()) and \
            before.endswith(("nr.", "nrs.", "blz.", "p.", "art."))
    if OPEN_END.search(before) or before.endswith(",") or _NAME_ADJECTIVE_END.search(before):
        return True
    if _SENTENCE_OPENER.match(line):
        return False
    cut = wrap_cut(before, line, width)
    if _TITLE.match(block[0]):
        if _YEAR.search(" ".join(block)) and _HEADING_START.match(block[0]):
            return False  # a heading is whole once it has named its meeting's date
        return cut and _unfinished_run(line, following, width, is_label)
    return cut


def _unfinished_run(line: str, following: list[str], width: int, is_label) -> bool:
    """Return whether `line` and the lines wrapped after it stop short of a full stop before the
    next item, label or heading: then they are the rest of a title, not the text under it."""
    run = [line]
    for after in following:
        if not after or not runs_on(run, after, [], width, is_label):
            break
        run.append(after)
    else:
        if len(following) >= _TITLE_LINES:
            return False
    text = " ".join(run)
    return not text.endswith(_TERMINAL) and ". " not in text


def _open_parenthesis(block: list[str]) -> bool:
    """Return whether the block stops inside a parenthesis ("… 2024/1350 (hierna:"), which its
    sentence has yet to close."""
    text = " ".join(block)
    return text.count("(") > text.count(")") and len(text) - text.rfind("(") < 300


def join_blocks(lines: list[Line], is_label) -> list[Line]:
    """Return the blocks of the body lines: each wrapped paragraph, heading or item as one Line,
    its text joined (a word broken at a line-end hyphen whole) and `raw` its lines joined by spaces."""
    texts = [line.text for line in lines]
    width = wrap_width(texts)
    blocks: list[list[str]] = []
    for index, text in enumerate(texts):
        following = texts[index + 1:index + 1 + _TITLE_LINES]
        if blocks and runs_on(blocks[-1], text, following, width, is_label):
            blocks[-1].append(text)
        else:
            blocks.append([text])
    return [Line(join_lines(parts), raw=" ".join(" ".join(parts).split())) for parts in blocks]
