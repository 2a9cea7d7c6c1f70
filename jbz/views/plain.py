"""Plain-text views for output that goes to a pipe or a file: one tab-separated line per row, so
`grep`, `cut` and `sort` work on it, and notes about the whole as lines starting with "# ".

The same views as jbz.views.terminal, with the same names; Rich is not imported on this path.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jbz.store import DocumentRow


def _line(*cells) -> str:
    return "\t".join("" if cell is None else " ".join(str(cell).split()) for cell in cells) + "\n"


def documents_table(rows: list[DocumentRow]) -> str:
    """Return meeting, type, Kamerstuk, letter date, place, file and official page of each document."""
    return "".join(_line(r.meeting_start, r.doc_type, r.kamerstuk, r.letter_date, r.location, r.file, r.url)
                   for r in rows)


def meetings_table(rows: list[dict]) -> str:
    """Return start, end, place, formal/informal and the letters' files of each meeting."""
    return "".join(_line(r["start"], r["end"], r["location"], "informal" if r["informal"] else "formal",
                         ", ".join(d["file"] for d in r["documents"])) for r in rows)


def dossiers_table(rows: list[dict]) -> str:
    """Return name, letters, meetings, first and last date, the stage reached and since when, and the
    procedures of each EU file."""
    return "".join(_line(r["dossier"], r["letters"], r["meetings"], r["first"], r["last"], r["stage"],
                         r["stage_since"], procedures_cell(r["procedures"])) for r in rows)


def count(number: int, thing: str) -> str:
    """Return "1 place", "6 places"."""
    return f"{number} {thing}" + ("" if number == 1 else "s")


def following_table(rows: list[dict]) -> str:
    """Return each followed file: name, last meeting or letter, stage, letters, when last looked at."""
    return "".join(_line(r["dossier"], r["last"], r["stage"], r["letters"], r["looked"]) for r in rows)


def news_view(news: list) -> str:
    """Return what is new per followed file: a "# " line per file (letters, places, stage move), then a
    line per new letter (file, Kamerstuk, type, letter date, meeting, official page) and per position."""
    out = []
    for file in news:
        moved = f"; stage {file.stage['from'] or 'none'} -> {file.stage['to']}" if file.stage else ""
        out.append(f"# {file.dossier}: {count(len(file.letters), 'new letter')}, {count(file.places, 'place')}{moved}\n")
        out += [_line(file.dossier, letter["file"], letter["kamerstuk"], letter["doc_type"], letter["letter_date"],
                      letter["meeting_start"], letter["url"]) for letter in file.letters]
        out += [_line(file.dossier, "position", p["file"], p["stance"], p["text"]) for p in file.positions]
    return "".join(out)


def procedures_cell(procedures: list[dict]) -> str:
    """Return a file's procedures as "2016/0133(COD) COM(2016) 270 → Verordening (EU) 2024/1358; …"."""
    return "; ".join(" ".join(filter(None, [p.get("procedure"), p.get("com")]))
                     + (f" → {p['act']}" if p.get("act") else "") for p in procedures)


def timeline(dossier, entries, total: int, status=None, positions_only: bool = False, overview_rows=None,
             total_rows: int | None = None) -> str:
    """Return "# " notes on the dossier and its status, then one line per place (or per position
    sentence): meeting, type, Kamerstuk, where, stage, excerpt, official page, PDF page. (The
    overview is `overview`, `jbz track --brief`: its lines have other columns.)"""
    shown = f", the latest {len(entries)} shown (--limit 0 shows all)" if len(entries) < total else ""
    out = [f"# {dossier.name}: {total} places{shown}\n"]
    if status is not None and status.stage:
        out.append(f"# status: {status.stage} reached" + (f" {status.since}" if status.since else "") + "\n")
    if status is not None and status.next:
        when = status.next.get("date")
        out.append(f"# next: {status.next['name']} planned" + (f" {when}" if when else "") + "\n")
    out += [f"# {line}\n" for line in record_lines(status)]
    several = len({e.procedure.register_id for e in entries if e.procedure}) > 1
    last = None
    for e in entries:
        if several and e.procedure and e.procedure.register_id != last:
            out.append(f"# procedure: {e.procedure.label()}\n")
            last = e.procedure.register_id
        if positions_only:
            marks = {mark["text"]: mark for mark in e.stances}
            out += [_line(e.meeting_start, e.doc_type, e.kamerstuk or e.file, e.where, sentence, e.url, e.page,
                          marks.get(sentence, {}).get("stance"), marks.get(sentence, {}).get("change"))
                    for sentence in e.positions]
            continue
        stage = f"{e.stage['name']} ({e.stage['status']})" if e.stage else ""
        if e.member:
            stage = f"{e.member}: {stage}" if stage else e.member
        out.append(_line(e.meeting_start, e.doc_type, e.kamerstuk or e.file, e.where, stage, e.excerpt, e.url, e.page))
    return "".join(out)


#: The register's dates as a reader says them.
DATE_NAMES = {"proposal_date": "proposal", "general_approach": "general approach",
              "provisional_agreement": "provisional agreement", "adopted": "adopted",
              "entry_into_force": "in force", "applies_from": "applies"}


def record_lines(status) -> list[str]:
    """Return the lines that say which procedure the status speaks of, the EU's record of each of
    the dossier's procedures (the built-in register), and where the letters' dates differ from it."""
    if status is None:
        return []
    lines = [f"procedure: {status.procedure.label()}"] if status.procedure is not None else []
    for record in status.record:
        numbers = " · ".join(n for n in (record["procedure"], record["com"], record["act"]) if n) or record["name"]
        dates = ", ".join(f"{DATE_NAMES[d['field']]} {d['date']}" for d in record["dates"])
        lines.append(f"EU record ({numbers}): {dates or 'no dates known'}")
        lines += [f"check: the letters date {c['stage']} {c['letters']}, the EU record {c['register']}"
                  for c in record["checks"]]
    return lines


def _kind(row) -> str:
    return "letter" if row.dated_letter else "informal" if row.informal else "formal"


def letters_cell(letters: list[dict]) -> str:
    """Return the letters of an overview row as "agenda 32317-978; verslag 32317-975" (a file where no Kamerstuk)."""
    return "; ".join(f"{letter['doc_type']} {letter['kamerstuk'] or letter['file']}" for letter in letters)


def outcome_cell(outcome: dict | None) -> str:
    """Return an overview row's outcome as "algemene oriëntatie reached, says FILE (letter DATE)"."""
    if outcome is None:
        return ""
    return (f"{outcome['name']} {outcome['status']}, says {outcome['kamerstuk'] or outcome['source_file']}"
            + (f" (letter {outcome['reported_in']})" if outcome.get("reported_in") else ""))


def overview(dossier, rows, total: int, status=None, total_rows: int | None = None) -> str:
    """Return one line per meeting (or dated letter) of a dossier: start, end, place, formal /
    informal / letter, its letters, the ladder drawn in glyphs, its stage and status, the outcome
    a later letter reports; a "# " note first when these are only the latest of `total_rows`."""
    cut = f"# the latest {len(rows)} of {total_rows} rows (--limit 0 shows all)\n" \
        if total_rows and total_rows > len(rows) else ""
    out = [cut]
    for procedure, group in by_procedure(rows):
        if procedure is not None:
            out.append(f"# procedure: {procedure.label()}\n")
        out += [_line(r.start, r.end, r.location, _kind(r), letters_cell(r.letters), r.ladder(),
                      r.stage and r.stage["name"], r.stage and r.stage["status"], outcome_cell(r.outcome))
                for r in group]
    return "".join(out)


def by_procedure(rows) -> list[tuple[object, list]]:
    """Return the overview rows grouped by EU procedure, the newest procedure first, each group in
    date order; one group of all rows (procedure None) where they speak of fewer than two."""
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(row.procedure.register_id if row.procedure else "", []).append(row)
    if len(groups) < 2:
        return [(None, list(rows))]
    ordered = sorted(groups.values(), key=lambda group: group[0].procedure.opened if group[0].procedure else "",
                     reverse=True)
    return [(group[0].procedure, group) for group in ordered]


def paired_places(meeting: dict) -> dict[tuple[str, str], str]:
    """Return, by (file, place), the place on the other side an agenda or report item is paired with."""
    other = {}
    for pair in meeting.get("pairs", []):
        agenda, verslag = pair["agenda_item"], pair["verslag_item"]
        other[(agenda["file"], agenda["where"])] = verslag["where"]
        other[(verslag["file"], verslag["where"])] = agenda["where"]
    return other


def meeting_view(meeting: dict) -> str:
    """Return a "# " note on the meeting, then one line per agenda item and cover topic:
    meeting, type, Kamerstuk, number, title, label, and the place of the item on the same subject in
    the meeting's other letter (the report for an agenda item, the agenda for a report's)."""
    place = meeting["location"] or "place not given"
    out = [f"# {meeting['start']} – {meeting['end']}  {place}  {'informal' if meeting['informal'] else 'formal'}\n"]
    paired = paired_places(meeting)
    for doc in meeting["documents"]:
        kamerstuk = doc["kamerstuk"] or doc["file"]
        out += [_line(meeting["start"], doc["doc_type"], kamerstuk, "cover", topic) for topic in doc["cover_topics"]]
        for part in doc["parts"]:
            for item in part["items"]:
                for row in (item, *item["subitems"]):
                    out.append(_line(meeting["start"], doc["doc_type"], kamerstuk, row["where"], row["title"],
                                     row["label"], paired.get((doc["file"], row["where"]))))
        out += [f"# warning: {doc['file']}: {warning}\n" for warning in doc.get("warnings", [])]
    return "".join(out)


def search_results(query: str, results) -> str:
    """Return one line per hit: meeting, type, Kamerstuk, where, title, snippet, official page, PDF
    page; then a "# " count."""
    if not results.total:
        return f"# no results for {query}\n"
    out = [_line(h.meeting_start, h.doc_type, h.kamerstuk or h.file, h.where, h.item_title, h.snippet, h.url, h.page)
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
    out += [f"# url: {row.url}\n"] if row.url else []
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


def place_heading(place) -> str:
    """Return a place's heading: where, title, [label], (p. N)."""
    return "  ".join(part for part in (place.where, place.title if place.title != place.where else "",
                                       f"[{place.label}]" if place.label else "",
                                       f"(p. {place.page})" if place.page else "") if part)


def letter_view(letter) -> str:
    """Return "# " notes on the letter, then each place: a "# " heading and its whole text; then
    its footnotes, each "N text"."""
    doc = letter.document
    out = [f"# {doc.file}: {doc.doc_type} {doc.kamerstuk or 'no Kamerstuk'}\n"]
    out += [f"# url: {doc.url}\n"] if doc.url else []
    for place in letter.places:
        out.append(f"\n# {place_heading(place)}\n")
        if place.text:
            out.append(place.text + "\n")
    if letter.footnotes:
        out.append("\n# footnotes\n")
        out += [f"{number} {text}\n" for number, text in letter.footnotes]
    return "".join(out)
