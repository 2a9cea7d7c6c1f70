"""Rich renderables for the commands' terminal output. JSON never goes through here."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text

from jbz.store import DocumentRow

TYPE_STYLE = {"agenda": "cyan", "verslag": "green", "other": "dim"}


def _dates(start: str | None, end: str | None) -> str:
    if not start:
        return "—"
    return start if not end or end == start else f"{start} – {end[-2:]}" if start[:8] == end[:8] else f"{start} – {end}"


def documents_table(rows: list[DocumentRow]) -> Table:
    """Return a table with one row per indexed document."""
    table = Table(title=f"{len(rows)} documents", title_justify="left", expand=False)
    for column in ("Meeting", "Type", "Kamerstuk", "Letter date", "Place", "File"):
        table.add_column(column, overflow="fold")
    for row in rows:
        meeting = _dates(row.meeting_start, row.meeting_end) + (" (informal)" if row.informal else "")
        table.add_row(meeting, Text(row.doc_type, style=TYPE_STYLE.get(row.doc_type, "")), row.kamerstuk or "—",
                      row.letter_date or "—", row.location or "—", row.file)
    return table


def meetings_table(rows: list[dict]) -> Table:
    """Return a table with one row per meeting and its letters."""
    table = Table(title=f"{len(rows)} meetings", title_justify="left")
    for column in ("Dates", "Place", "Kind", "Letters"):
        table.add_column(column, overflow="fold")
    for row in rows:
        letters = "\n".join(f"{d['doc_type']}  {d['kamerstuk'] or '—'}  {d['letter_date'] or '—'}  {d['file']}"
                            for d in row["documents"])
        table.add_row(_dates(row["start"], row["end"]), row["location"] or "—",
                      "informal" if row["informal"] else "formal", letters)
    return table
