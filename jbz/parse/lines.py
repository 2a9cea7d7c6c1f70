"""Lines of PDF-derived text: footnotes taken out, page debris dropped, wrapped lines joined."""
from __future__ import annotations

import re
from dataclasses import dataclass

from jbz.model import Footnote


@dataclass(slots=True)
class Line:
    """One non-blank line of body text."""

    text: str
    #: The line opens a PDF page (the converters print it with one leading space).
    page_start: bool = False
    #: For a block of several lines (jbz.parse.blocks): its lines joined by single spaces, as the
    #: letter prints them (a hyphen at a line end kept apart), for evidence quoted from the text.
    raw: str = ""


_FOOTNOTE_START = re.compile(r"^(\d{1,3})(?:\s+(?=[A-Z(“\"'‘]|https?:|www\.)|(?=[A-Z][a-z]))(\S.*)$")
_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december")
_PAGE_NUMBER = re.compile(r"^(?:\d{1,3}|-\s*\d{1,3}\s*-|\d{1,3}\s*/\s*\d{1,3}|pagina \d+( van \d+)?)$", re.I)
# Running headers/footers of the Staten-Generaal PDFs: "Tweede Kamer, vergaderjaar 2025–2026, 32 317, nr. 995 3"
RUNNING_HEADER = re.compile(
    r"^(Tweede|Eerste) Kamer(?: der Staten-Generaal)?,? vergaderjaar (\d{4})\s*[–-]\s*(\d{4}),\s*"
    r"(\d{2}\s?\d{3})(?:\s*\w{0,4})?,\s*(?:nr\.|letter)\s*([A-Z]{1,3}|\d+)(?:\s+\d{1,3})?\s*$", re.I)
# A signature's role line: "De minister van Justitie en Veiligheid," (the name follows on the next line).
ROLE = re.compile(r"^(?:De\s+|Het\s+)?(?:minister|staatssecretaris|minister-president)\b.{0,100},\s*$", re.I)
# A role with the name on the same line, as web pages print a signature:
# "De Minister van Justitie en Veiligheid, F.B.J. Grapperhaus".
SIGNED = re.compile(r"^(?:De\s+|Het\s+)?(?:minister|staatssecretaris|minister-president)\b[^.]{0,100},\s+(?P<name>\S.*)$",
                    re.I)
# A signatory's name: initials, names and the particles between them ("E. M. H. Hirsch Ballin", "van der Burg").
NAME = re.compile(r"^(?:[A-Z][\w'’.-]*|van|de|der|den|ten|ter)(?:\s+(?:[A-Z][\w'’.-]*|van|de|der|den|ten|ter)){0,5}$")
# A heading or title runs on to the next line when it stops at a word that cannot end it.
OPEN_END = re.compile(r"(?:\b(?:de|het|een|van|voor|en|of|op|in|tot|met|over|aan|bij|naar|om|te|door|tussen"
                      r"|inzake|betreffende|ten|der|des|die|dat)|[-–:,(/&])$", re.I)
#: More than the longest OPEN_END ("betreffende") and a newline before the end.
_OPEN_END_REACH = 16


def ends_open(text: str) -> bool:
    """Return whether `text` stops at a word or mark that cannot end a heading or title (OPEN_END)."""
    # The pattern is anchored at the end: tried only on the last characters, not at every one.
    return OPEN_END.search(text, max(0, len(text) - _OPEN_END_REACH)) is not None


_KAMERSTUK_REF = re.compile(
    r"(?<!\d)(\d{2})\s?(\d{3})(?:\s*,?\s*(?:nr\.?|nummer)\s*|\s*-\s*)(\d{1,4}|[A-Z]{1,3})\b")


# A letter's date line and addressee always stand on their own; a file that runs them into the line
# before ("… Staten-Generaal Den Haag, 26 februari 2026") is cut there.
_OWN_LINE = re.compile(r"(?:Den Haag|'s-Gravenhage),\s+\d{1,2}\s+[a-z]+\s+\d{4}|Aan de Voorzitter van de (?:Tweede|Eerste) Kamer")
#: The words each of those lines opens with, found before the pattern is tried.
_OWN_LINE_OPENINGS = ("Den Haag,", "'s-Gravenhage,", "Aan de Voorzitter van de ")


# So do the header's dossier line and number ("… 22 112 Nieuwe Commissievoorstellen … Nr. 3297 BRIEF VAN").
_OWN_HEADER_LINE = re.compile(r"(?<=\S)\s+(?=\d{2} \d{3}(?:-\d{2})? [A-Z]|Nr\. \w{1,5} (?:BRIEF|VERSLAG|Brief)\b)")
_HEADER_CHARS = 1500


def split_lines(text: str) -> list[tuple[str, bool]]:
    """Return (line stripped, page_start) for every non-blank line of `text`."""
    text = _cut_own_lines(text)
    text = _OWN_HEADER_LINE.sub("\n", text[:_HEADER_CHARS]) + text[_HEADER_CHARS:]
    return [(stripped, raw[0] == " " and raw[1] != " ") for raw in text.split("\n") if (stripped := raw.strip())]


def _cut_own_lines(text: str) -> str:
    """Return `text` with a newline for the whitespace before each date line or addressee that
    runs on from the text before it (see _OWN_LINE)."""
    cuts = []
    for opening in _OWN_LINE_OPENINGS:
        at = text.find(opening)
        while at != -1:
            if text[at - 1:at].isspace() and _OWN_LINE.match(text, at):
                cuts.append(at)
            at = text.find(opening, at + 1)
    pieces, done = [], 0
    for at in sorted(cuts):
        start = _whitespace_start(text, at)
        if start > 0:  # whitespace at the very start of the text runs on from nothing
            pieces += [text[done:start], "\n"]
            done = at
    return "".join(pieces) + text[done:] if pieces else text


def _whitespace_start(text: str, at: int) -> int:
    """Return where the whitespace that ends at `at` in `text` starts."""
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return at


def wrap_width(texts: list[str]) -> int:
    """Return the length a full line of this text reaches (its 90th percentile), for telling a
    wrap the layout forced from a line the writer ended."""
    lengths = sorted(map(len, texts)) or [80]
    return lengths[int(len(lengths) * 0.9)] if len(lengths) > 3 else max(lengths)


def wrap_cut(before: str, line: str, width: int) -> bool:
    """Return whether the wrap cut `before`: the next word of `line` would not have fitted after it."""
    return len(before) + 1 + len(line.split(" ", 1)[0]) >= 0.85 * width


def kamerstuk_references(text: str) -> list[str]:
    """Return the Kamerstukken a text cites, as "32317-975" (dossier, dash, number)."""
    refs = []
    for dossier_hi, dossier_lo, number in _KAMERSTUK_REF.findall(text):
        ref = f"{dossier_hi}{dossier_lo}-{number}"
        if ref not in refs:
            refs.append(ref)
    return refs


def _footnote_start(stripped: str, expected: int, body: list[Line] | None) -> re.Match | None:
    """Return the match when `stripped` opens footnote `expected` (or the one after it).

    Outside a footnote block the marker must also stand in the text before it (the last lines of
    `body`); inside a block (`body` None) the next number is enough.
    """
    match = _FOOTNOTE_START.match(stripped)
    if not match:
        return None
    number = int(match.group(1))
    if number not in (expected, expected + 1):
        return None
    if match.group(2).split(" ", 1)[0].lower().strip(",.") in _MONTHS:
        return None
    if body is None:
        return match
    return match if _marker_printed(_tail(body), str(number)) else None


def _marker_printed(text: str, number: str) -> bool:
    """Return whether footnote marker `number` stands in `text` glued to a word or a full stop
    ("december.1", "Raad2"), as the PDFs print superscripts."""
    at = text.find(number, 1)
    while at != -1:
        before = text[at - 1]
        if not (before.isspace() or before.isdecimal()):
            return True
        at = text.find(number, at + 1)
    return False


def _tail(body: list[Line], chars: int = 4000) -> str:
    """Return the last `chars` characters of the body text so far."""
    taken, size = [], 0
    for line in reversed(body):
        taken.append(line.text)
        size += len(line.text) + 1
        if size >= chars:
            break
    return " ".join(reversed(taken))[-chars:]


def _is_page_debris(stripped: str) -> bool:
    """Return whether a line is a page number or a running header/footer."""
    # The first character rules out most lines before a pattern has to.
    first = stripped[:1]
    if first.isdigit() or first in "-pP":
        return _PAGE_NUMBER.match(stripped) is not None
    return first in "TtEe" and RUNNING_HEADER.match(stripped) is not None


def take_footnotes(text: str) -> tuple[list[Line], list[Footnote]]:
    """Return the body lines (blank lines and page debris dropped) and the footnotes of `text`.

    A footnote opens with the next number that the body printed as a marker before it, wherever
    it stands; it runs on while its text is unfinished (see `_note_runs_on`), never by where blank
    lines or page breaks fall, which differ from one layout of a letter to another.
    """
    body: list[Line] = []
    notes: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    lines = split_lines(text)
    width = wrap_width([stripped for stripped, _ in lines])
    for stripped, page_start in lines:
        if _is_page_debris(stripped):
            continue
        # Only a line that opens with a digit can open a footnote.
        numbered = stripped[0].isdigit()
        if current is not None:
            start = numbered and _footnote_start(stripped, len(notes) + 1, None)
            if start:
                current = _open_footnote(notes, start)
                continue
            if _note_runs_on(current[-1], stripped, width):
                current.append(stripped)
                continue
            current = None
        start = numbered and _footnote_start(stripped, len(notes) + 1, body)
        if start:
            current = _open_footnote(notes, start)
            continue
        body.append(Line(stripped, page_start))
    footnotes = []
    for number, lines in notes:
        text = join_lines(lines)
        footnotes.append(Footnote(number, text, kamerstuk_references(text)))
    return body, footnotes


# A reference ends at its number ("…, nr. 400", "p. 12"), its year or "final"; "van 13 en 14" and
# "2022-23, 22" end a line the wrap cut, not the note.
_REFERENCE_END = re.compile(r"(?:\b(?:nr|nrs|p|pp|blz|pag|art)\.?\s*\d+\w?|\b(?:19|20)\d{2}|\bfinal)$", re.I)
_NOTE_ABBREVIATION = re.compile(r"\b(?:nr|nrs|blz|p|pp|art|jo|vgl|zie|o\.a|e\.a|resp)\.$", re.I)
_STRUCTURE = re.compile(r"^(?:\d{1,2}\.\s+[A-Z]|[IVX]{1,4}\.\s+[A-Z]|[a-z][.)]\s+[A-Z])")


def _note_runs_on(last: str, line: str, width: int) -> bool:
    """Return whether `line` continues a footnote whose last line so far is `last`.

    A finished reference ("…, nr. 973.", "…, nr. 400", "COM(2025) 795 final.") ends the note and
    the body resumes; an unfinished one runs on into a line that continues it (lower case, a
    number, after an open end such as "van de", a comma or a hyphen, or where the wrap cut it).
    """
    if _STRUCTURE.match(line):
        return False
    finished = last.endswith((".", ")", "]", "”", '"')) or _REFERENCE_END.search(last) is not None
    if finished and not _NOTE_ABBREVIATION.search(last):
        return False
    first = line[:1]
    # "(2026-2027), COM (2025) 702 final." under an unfinished title: the bracket goes on with it.
    return first.islower() or first.isdigit() or first == "(" or wrap_cut(last, line, width) or last.endswith(("-", ",", "(", ":", "/")) or \
        bool(OPEN_END.search(last)) or bool(_NOTE_ABBREVIATION.search(last)) or \
        bool(_CITED_PAPERS.search(last)) or bool(_CHAMBER_NUMERAL.match(line))


# "Kamerstukken" / "II, 2024-25, 32 317, nr. 975.": a citation of papers runs on to their chamber and number.
_CITED_PAPERS = re.compile(r"\b(?:Kamerstukken|Kamerstuk|Handelingen|Aanhangsel)$")
_CHAMBER_NUMERAL = re.compile(r"^I{1,2}\b[ ,]")


def _open_footnote(notes: list[tuple[int, list[str]]], start: re.Match) -> list[str]:
    """Append a new footnote to `notes`; return the list its lines go into."""
    lines = [start.group(2)]
    notes.append((int(start.group(1)), lines))
    return lines


def join_lines(lines: list[str]) -> str:
    """Return wrapped lines as one paragraph; a word the PDF broke at a hyphen stays whole."""
    text = "\n".join(lines)
    if "-" in text and _LINE_ENDS_IN_HYPHEN.search(text):
        return _join_hyphenated(lines)
    return " ".join(text.split())


_LINE_ENDS_IN_HYPHEN = re.compile(r"-[ \t]*\n")


def _join_hyphenated(lines: list[str]) -> str:
    pieces: list[str] = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if pieces and not (pieces[-1].endswith("-") and not pieces[-1].endswith(" -")):
            pieces.append(" ")
        pieces.append(line)
    return " ".join("".join(pieces).split())
