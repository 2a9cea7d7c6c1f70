"""A letter's whole text, or one place of it, as `jbz show` prints it: the places in reading order,
then the footnotes their markers point to."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from jbz import store
from jbz.fold import fold


class PlaceNotFound(LookupError):
    """The letter has no place by the name asked for; the message lists the places it has."""


@dataclass(slots=True)
class Place:
    """One place of a letter: an item, sub-item, part, cover topic, section, its own text."""

    where: str
    kind: str
    title: str
    label: str | None
    text: str
    #: The PDF page it starts on, when the letter was read from a PDF.
    page: int | None = None

    def to_json(self) -> dict:
        """Return the place in the `jbz show --json` shape."""
        return {k: getattr(self, k) for k in ("where", "kind", "title", "label", "page", "text")}


@dataclass(slots=True)
class LetterText:
    """The places of one letter that were asked for, with the footnotes they point to."""

    document: store.DocumentRow
    #: The place asked for, or None for the whole letter.
    where: str | None
    places: list[Place]
    footnotes: list[tuple[int, str]] = field(default_factory=list)

    def to_json(self) -> dict:
        """Return the text in the `jbz show --json` shape."""
        doc = self.document
        return {"file": doc.file, "kamerstuk": doc.kamerstuk, "url": doc.url, "doc_type": doc.doc_type,
                "letter_date": doc.letter_date, "meeting_start": doc.meeting_start, "where": self.where,
                "places": [place.to_json() for place in self.places],
                "footnotes": [{"number": number, "text": text} for number, text in self.footnotes]}


# A footnote marker is printed glued to the word or the full stop before it ("december.1", "jl.3").
_MARKER = re.compile(r"(?<=[^\W\d_]|[.,;:)”’'\"])(\d{1,3})(?![\d\w])")


def letter_text(db: store.Index, document: store.DocumentRow, where: str | None = None) -> LetterText:
    """Return the whole text of `document` (every place but its footnotes, in reading order, then
    all footnotes), or of the place `where` ("Binnenlandse Zaken.1" with its sub-items, "cover" with
    every cover topic, a part with its items, "footnote 3") and the footnotes its markers point to.

    Raise PlaceNotFound if the letter has no such place.
    """
    rows = db.conn.execute('SELECT "where", kind, title, label, text, page FROM passages WHERE document_id = ?'
                           " ORDER BY id", (document.id,)).fetchall()
    places = [Place(*row) for row in rows]
    notes = db.conn.execute("SELECT number, text FROM footnotes WHERE document_id = ? ORDER BY number",
                            (document.id,)).fetchall()
    if where is None:
        return LetterText(document, None, [p for p in places if p.kind != "footnote"], notes)
    wanted = fold(" ".join(where.split()))
    chosen = [p for p in places if fold(p.where) == wanted or fold(p.where).startswith(wanted + ".")]
    if not chosen:
        names = list(dict.fromkeys(p.where for p in places if p.kind != "footnote"))
        raise PlaceNotFound(f"{document.file} has no place '{where}'; its places: " + ", ".join(names[:40])
                            + (", …" if len(names) > 40 else "") + " (or 'footnote N')")
    marked = {int(number) for place in chosen if place.kind != "footnote" for number in _MARKER.findall(place.text)}
    return LetterText(document, where, chosen, [(n, text) for n, text in notes if n in marked])
