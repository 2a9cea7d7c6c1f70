"""Plain-text views for output that goes to a pipe or a file: one tab-separated line per row, so
`grep`, `cut` and `sort` work on it, and notes about the whole as lines starting with "# ".

The same views as jbz.render, with the same names; Rich is not imported on this path.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jbz.store import DocumentRow


def _line(*cells) -> str:
    return "\t".join("" if cell is None else " ".join(str(cell).split()) for cell in cells) + "\n"


def documents_table(rows: list[DocumentRow]) -> str:
    """Return meeting, type, Kamerstuk, letter date, place and file of each document."""
    return "".join(_line(r.meeting_start, r.doc_type, r.kamerstuk, r.letter_date, r.location, r.file) for r in rows)


def meetings_table(rows: list[dict]) -> str:
    """Return start, end, place, formal/informal and the letters' files of each meeting."""
    return "".join(_line(r["start"], r["end"], r["location"], "informal" if r["informal"] else "formal",
                         ", ".join(d["file"] for d in r["documents"])) for r in rows)


def dossiers_table(rows: list[dict]) -> str:
    """Return name, meetings, first and last meeting and the stage reached of each dossier."""
    return "".join(_line(r["dossier"], r["meetings"], r["first"], r["last"], r["stage"], r["stage_since"])
                   for r in rows)


def timeline(dossier, entries, total: int, status=None, positions_only: bool = False) -> str:
    """Return "# " notes on the dossier and its status, then one line per place (or per position
    sentence): meeting, type, Kamerstuk, where, stage, excerpt."""
    shown = f", the latest {len(entries)} shown (--limit 0 shows all)" if len(entries) < total else ""
    out = [f"# {dossier.name}: {total} places{shown}\n"]
    if status is not None and status.stage:
        out.append(f"# status: {status.stage} reached" + (f" {status.since}" if status.since else "") + "\n")
    if status is not None and status.next:
        when = status.next.get("date")
        out.append(f"# next: {status.next['name']} planned" + (f" {when}" if when else "") + "\n")
    for e in entries:
        if positions_only:
            out += [_line(e.meeting_start, e.doc_type, e.kamerstuk or e.file, e.where, sentence)
                    for sentence in e.positions]
            continue
        stage = f"{e.stage['name']} ({e.stage['status']})" if e.stage else ""
        out.append(_line(e.meeting_start, e.doc_type, e.kamerstuk or e.file, e.where, stage, e.excerpt))
    return "".join(out)


def meeting_view(meeting: dict) -> str:
    """Return a "# " note on the meeting, then one line per agenda item and cover topic:
    meeting, type, Kamerstuk, number, title, label."""
    place = meeting["location"] or "place not given"
    out = [f"# {meeting['start']} – {meeting['end']}  {place}  {'informal' if meeting['informal'] else 'formal'}\n"]
    for doc in meeting["documents"]:
        kamerstuk = doc["kamerstuk"] or doc["file"]
        out += [_line(meeting["start"], doc["doc_type"], kamerstuk, "cover", topic) for topic in doc["cover_topics"]]
        for part in doc["parts"]:
            for item in part["items"]:
                for row in (item, *item["subitems"]):
                    out.append(_line(meeting["start"], doc["doc_type"], kamerstuk, row["where"], row["title"],
                                     row["label"]))
        out += [f"# warning: {doc['file']}: {warning}\n" for warning in doc.get("warnings", [])]
    return "".join(out)


def search_results(query: str, results) -> str:
    """Return one line per hit: meeting, type, Kamerstuk, where, title, snippet; then a "# " count."""
    if not results.total:
        return f"# no results for {query}\n"
    out = [_line(h.meeting_start, h.doc_type, h.kamerstuk or h.file, h.where, h.item_title, h.snippet)
           for h in results.hits]
    more = results.total - len(results.hits)
    out.append(f"# {results.total} results" + (f"; {more} more not shown (use --limit)" if more > 0 else "") + "\n")
    return "".join(out)


def _reading_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "; ".join(value) if isinstance(value, list) else str(value)


def official_line(official: dict[str, str]) -> str:
    """Return the publisher's metadata of a fetched letter as one line: "dossiernummer 32317; …"."""
    return "; ".join(f"{name} {' '.join(str(value).split())}" for name, value in official.items())


def document_view(row: DocumentRow) -> str:
    """Return "# " notes on the document and its files, then one line per field: field, value,
    printed or inferred, source, the span it was read from; then the meetings it mentions."""
    out = [f"# {row.file}: {row.doc_type} {row.kamerstuk or 'no Kamerstuk'}\n"]
    out += [f"# file: {path}\n" for path in row.files]
    if row.official:
        out.append(f"# official metadata: {official_line(row.official)}\n")
    for field in row.reading():
        evidence = field.evidence or {}
        how = ("inferred" if field.inferred else "official" if evidence.get("source") == "metadata"
               else "printed" if evidence else "")
        out.append(_line(field.name, _reading_value(field.value), how, evidence.get("source"), evidence.get("text")))
    for m in row.mentioned_meetings:
        out.append(f"# mentions: {m['start']} – {m['end']}  {m['location'] or 'place not given'}  "
                   f"{'informal' if m['informal'] else 'formal'}\n")
    out += [f"# warning: {warning}\n" for warning in row.warnings]
    return "".join(out)
