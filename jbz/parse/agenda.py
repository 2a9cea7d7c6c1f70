"""The agenda proper: parts ("I. Binnenlandse Zaken"), numbered items, lettered sub-items, labels.

The numbering is the backbone: an item must carry the next number of its part, a sub-item the
next letter of its item, a part the next Roman numeral. That one rule keeps years ("2028. Het"),
amounts ("30.000") and the stray list markers PDF converters leave ("III. De informele Raad
zal ...") out of the structure, whatever the letter's year or layout.
"""
from __future__ import annotations

import re

from jbz.model import AgendaItem, Part, SubItem
from jbz.parse.lines import OPEN_END, Line, join_lines

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
# Parts some letters head with the bare word instead of a numeral.
BARE_PART_TITLES = {"justitie", "binnenlandse zaken", "migratie", "asiel en migratie",
                    "asiel- en migratie", "justitie en veiligheid", "gemengd comité", "gemengd comite"}

_LONGEST_BARE_PART = max(len(title) for title in BARE_PART_TITLES)
_PART = re.compile(r"^([IVX]{1,4})\.?\s+(\S.*)$")
_ITEM = re.compile(r"^(\d{1,2})\.\s*(\S.*)$")
_SUBITEM = re.compile(r"^([a-z])[.)]\s+(\S.*)$")

# The decision-type lines the Council agendas print under an item's title.
_LABEL_WORDS = (
    r"(?:\(?gedeeltelijke\)?\s+)?algemene\s+oriëntatie|gedachtewisseling|beleidsdebat|debat|discussie"
    r"|stand\s+van\s+zaken|voortgangs(?:rapportage|verslag|rapport)|goedkeuring|aanname|aanneming"
    r"|vaststelling|besluit(?:vorming)?|politiek\s+akkoord|politieke\s+overeenstemming|ondertekening"
    r"|(?:informatie|presentatie|toelichting)\s+(?:van|door)\b.{0,60}|mandaat\b.{0,40}"
)
# Agendas of 2015-2019 print "= Beleidsdebat, gedeeltelijke algemene oriëntatie" under a title.
LABEL_LINE = re.compile(rf"^(?:=\s*)?(?:{_LABEL_WORDS})(?:\s*(?:,|/|\ben\b)\s*(?:{_LABEL_WORDS}))*\s*$", re.I)
# A label printed on the title's last line ("routekaart voor na 2026 Goedkeuring"): capitalised.
_TRAILING_LABEL = re.compile(
    r"^(?P<title>.*\S)\s+(?P<label>(?:\(Gedeeltelijke\) a|Gedeeltelijke a|A)lgemene oriëntatie|Gedachtewisseling"
    r"|Beleidsdebat|Stand van zaken|Voortgangs(?:rapportage|verslag)|Goedkeuring|Aanname|Aanneming"
    r"|Vaststelling|Politiek akkoord|Informatie van het Voorzitterschap|Informatie van de Commissie)\s*$")
_MAX_TITLE = 400


#: The longest line read as a label.
LABEL_MAX_CHARS = 80


def is_label(text: str) -> bool:
    """Return whether a whole line is a decision-type label."""
    return len(text) <= LABEL_MAX_CHARS and bool(LABEL_LINE.match(text))


class _Builder:
    """Walks the body lines after the heading and grows parts, items and sub-items."""

    def __init__(self) -> None:
        self.parts: list[Part] = []
        self.item: AgendaItem | None = None
        self.sub: SubItem | None = None
        self.title_open = False
        self.body: list[str] = []
        #: Blocks before the first part or item (a report's "Belangrijkste resultaten" paragraphs).
        self.preamble: list[str] = []

    # -- where text goes -------------------------------------------------------------------
    def flush(self) -> None:
        text = " ".join(self.body)
        self.body = []
        if not text:
            return
        target = self.sub or self.item
        if target is not None:
            target.body = (target.body + " " + text).strip()
        elif self.parts:
            self.parts[-1].intro = (self.parts[-1].intro + " " + text).strip()
        else:
            self.preamble.append(text)

    def open_part(self, title: str) -> None:
        self.flush()
        self.parts.append(Part(title=title.strip()))
        self.item, self.sub, self.title_open = None, None, False

    def open_item(self, number: str, title: str) -> None:
        self.flush()
        if not self.parts:
            self.parts.append(Part(title=""))
        self.item = AgendaItem(number=number, title=title)
        self.parts[-1].items.append(self.item)
        self.sub, self.title_open = None, True
        self.split_trailing_label()

    def open_subitem(self, letter: str, title: str) -> None:
        self.flush()
        self.sub = SubItem(number=letter, title=title)
        self.item.subitems.append(self.sub)
        self.title_open = True
        self.split_trailing_label()

    # -- expectations ----------------------------------------------------------------------
    def next_roman(self) -> str:
        numbered = sum(1 for p in self.parts if p.title)
        return ROMAN[numbered] if numbered < len(ROMAN) else ""

    def next_item_numbers(self) -> set[str]:
        """Return the numbers the next item may carry: the next in its part; in a part without
        items yet, 1 or (as some letters number straight through) the previous part's last + 1."""
        items = self.parts[-1].items if self.parts else []
        if items:
            return {str(int(items[-1].number) + 1)}
        earlier = [part.items[-1].number for part in self.parts[:-1] if part.items]
        return {"1", str(int(earlier[-1]) + 1)} if earlier else {"1"}

    def next_letter(self) -> str | None:
        if self.item is None:
            return None
        return chr(ord("a") + len(self.item.subitems))

    # -- titles and labels -----------------------------------------------------------------
    def heading(self) -> AgendaItem | SubItem:
        return self.sub or self.item

    def split_trailing_label(self) -> None:
        target = self.heading()
        match = _TRAILING_LABEL.match(target.title)
        if match:
            target.title = match.group("title")
            self.set_label(match.group("label"))

    def set_label(self, label: str) -> None:
        label = re.sub(r"\s+", " ", label.strip().lstrip("= "))
        target = self.heading()
        if self.sub is not None and self.item.label is None and self._subitems_are_a_list():
            # "a. …  b. …  Gedachtewisseling": the label, and the text after it, are the item's.
            target, self.sub = self.item, None
        target.label = label
        self.title_open = False

    def _subitems_are_a_list(self) -> bool:
        subs = self.item.subitems
        return len(subs) > 1 and all(not s.body and s.label is None for s in subs)

    def continue_title(self, text: str, ahead: list[str]) -> bool:
        """Join `text` to the open title when it is the title's next wrapped line."""
        target = self.heading()
        if len(target.title) > _MAX_TITLE:
            return False
        following = ahead[0] if ahead else ""
        starts_lower = text[:1].islower() or text[:1] in "(-–"
        short_tail = len(text) < 100 and not text.endswith((".", ";"))
        # "…: Post 2026 / Roadmap / Aanname": a short block right above the label ends the title.
        wrapped = short_tail and is_label(following)
        if not (starts_lower or OPEN_END.search(target.title) or wrapped):
            return False
        if not _reads_as_title([text] + ahead):
            return False
        target.title = join_lines([target.title, text])
        self.split_trailing_label()
        return True

    # -- the walk --------------------------------------------------------------------------
    def feed(self, texts: list[str], index: int) -> None:
        text = texts[index]
        if self.try_structure(text):
            return
        if self.title_open:
            if is_label(text):
                self.set_label(text)
                return
            if self.continue_title(text, texts[index + 1:index + 5]):
                return
            self.title_open = False
        self.body.append(text)

    def try_structure(self, text: str) -> bool:
        # Most lines are prose: the first character rules them out before any pattern runs.
        first = text[:1]
        if first in "IVX":
            match = _PART.match(text)
            if match and match.group(1) == self.next_roman() and _looks_like_part_title(match.group(2)):
                self.open_part(match.group(2))
                return True
        bare = text.rstrip(" :")
        if len(bare) <= _LONGEST_BARE_PART and bare.lower() in BARE_PART_TITLES and not self.title_open:
            self.open_part(bare)
            return True
        if first.isdigit():
            match = _ITEM.match(text)
            if match and match.group(1) in self.next_item_numbers() and not _is_date_start(match.group(2)):
                self.open_item(match.group(1), match.group(2).strip())
                return True
        elif text[1:2] in (".", ")") and first == self.next_letter():
            match = _SUBITEM.match(text)
            if match and self._subitem_fits(match.group(1)):
                self.open_subitem(match.group(1), match.group(2).strip())
                return True
        return False

    def _subitem_fits(self, letter: str) -> bool:
        # "a." opens a list only right under the item's heading, not inside its prose.
        return letter != "a" or (not self.item.body and not self.body)

    def finish(self) -> list[Part]:
        self.flush()
        for part in self.parts:
            for item in part.items:
                item.title = _clean_title(item.title)
                for sub in item.subitems:
                    sub.title = _clean_title(sub.title)
        return self.parts


_SENTENCE_END = re.compile(r"[A-Za-zÀ-ÿ)]{2}\d{0,3}[.!?]\d{0,3}(?:\s|$)")


def _reads_as_title(lines: list[str]) -> bool:
    """Return whether the lines from here to the end of a would-be title hold no full stop.

    Titles never end a sentence; prose that happens to start in lower case soon does.
    """
    for index, text in enumerate(lines):
        if _SENTENCE_END.search(text):
            return False
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if not following or is_label(following) or not (following[:1].islower() or OPEN_END.search(text)):
            return True
    return True


def _looks_like_part_title(title: str) -> bool:
    """Return whether text after a Roman numeral is a part's name rather than a sentence."""
    title = title.strip()
    return (len(title) <= 60 and not title.endswith((".", ",", ";")) and title[:1].isupper()
            and len(title.split()) <= 6)


def _is_date_start(rest: str) -> bool:
    return bool(re.match(r"(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober"
                         r"|november|december)\b", rest, re.I))


def _clean_title(title: str) -> str:
    return re.sub(r"\s+", " ", title).strip().rstrip(":").strip()


def parse_agenda(blocks: list[Line]) -> tuple[list[Part], list[str]]:
    """Return the parts, items and sub-items found in the blocks after the heading, and the
    blocks before the first of them."""
    builder = _Builder()
    texts = [block.text for block in blocks]
    for index in range(len(texts)):
        builder.feed(texts, index)
    parts = builder.finish()
    return parts, builder.preamble
