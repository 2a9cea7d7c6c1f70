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


def _highlighted(text: str, spans: list[tuple[int, int]], style: str = "bold reverse") -> Text:
    out = Text(text)
    for start, end in spans:
        out.stylize(style, max(0, start), min(len(text), end))
    return out


def _meeting_line(start: str | None, end: str | None, location: str | None, informal: bool | None) -> Text:
    line = Text(_dates(start, end), style="bold")
    line.append(f"  {location or 'place not given'}", style="")
    line.append("  informal" if informal else "  formal", style="dim")
    return line


STATUS_STYLE = {"planned": "yellow", "reached": "bold green", "reported": "green"}
STANCE_STYLE = {"support": "green", "reservation": "red", "priority": "cyan", "neutral": "dim"}


def _status_lines(status) -> list[Text]:
    if status is None:
        return []
    lines = []
    if status.stage:
        lines.append(Text.assemble(("Status: ", "bold"), (status.stage, "bold green"),
                                   f" reached{' ' + status.since if status.since else ''}"))
    if status.last_meeting:
        lines.append(Text.assemble(("Last meeting: ", "bold"), status.last_meeting))
    if status.next:
        when = f" ({status.next['date']})" if status.next.get("date") else ""
        lines.append(Text.assemble(("Next: ", "bold"), (status.next["name"], "yellow"),
                                   f" planned{when}, says {status.next['source_file']}"))
    from jbz.views.plain import record_lines
    for line in record_lines(status):
        head, _, rest = line.partition(": ")
        lines.append(Text.assemble((f"{head[0].upper()}{head[1:]}: ", "bold yellow" if head == "check" else "bold"),
                                   rest))
    return lines


def _stage_text(stage: dict) -> Text:
    return Text.assemble(("stage: ", "dim"), (stage["name"], STATUS_STYLE.get(stage["status"], "")),
                         (f" ({stage['status']})", "dim"))


def _dossier_head(dossier, total: int, shown: int | None = None) -> list[Text]:
    rows = [Text.assemble(("Dossier: ", "bold"), (dossier.name, "bold magenta"),
                          (f"  ({total} places" + (f", showing the latest {shown}; --limit 0 shows all"
                                                   if shown is not None and shown < total else "") + ")", "dim"))]
    if len(dossier.aliases) > 1:
        rows.append(Text("also known as: " + "; ".join(dossier.aliases[1:4]), style="dim"))
    return rows


def _ladder_text(row) -> Text:
    from jbz.dossiers.story import PLANNED_GLYPH, REACHED_GLYPH
    text = Text(no_wrap=True)
    for glyph in row.ladder():
        text.append(glyph, style="bold green" if glyph == REACHED_GLYPH else "yellow" if glyph == PLANNED_GLYPH
                    else "dim")
    return text


def overview_table(rows, total_rows: int | None = None) -> Table:
    """Return the dossier's overview: one line per meeting (or dated letter), its letters, the ladder
    drawn in glyphs (● reached, ○ planned, · not yet), its stage and the outcome a later letter reports.
    `total_rows`: how many rows there are in all, when `rows` are the latest of them."""
    from jbz.views.plain import by_procedure, letters_cell, outcome_cell
    count = f"the latest {len(rows)} of {total_rows} meetings and letters (--limit 0 shows all)" \
        if total_rows and total_rows > len(rows) else f"{len(rows)} meetings and letters"
    table = Table(title=f"{count}   ladder: ● reached  ○ planned  · not yet", title_justify="left")
    for column in ("Meeting", "Letters", "Ladder", "Stage", "A later letter says"):
        table.add_column(column, overflow="fold", no_wrap=column == "Ladder")
    for procedure, group in by_procedure(rows):
        if procedure is not None:
            table.add_section()
            table.add_row(Text(f"procedure {procedure.label()}", style="bold"), "", "", "", "")
        _overview_rows(table, group)
    return table


def _overview_rows(table: Table, rows) -> None:
    from jbz.views.plain import letters_cell, outcome_cell
    for row in rows:
        kind = "letter" if row.dated_letter else "informal" if row.informal else "formal"
        meeting = Text.assemble((_dates(row.start, row.end), "bold"), f"\n{row.location}, {kind}" if row.location else f"\n{kind}")
        stage = Text()
        if row.stage:
            stage.append(row.stage["name"], style=STATUS_STYLE.get(row.stage["status"], ""))
            stage.append(f" ({row.stage['status']})", style="dim")
        if row.stance:
            stage.append(("\n" if row.stage else "") + f"cabinet: {row.stance_moved or row.stance}",
                         style=STANCE_STYLE.get(row.stance, ""))
        table.add_row(meeting, "\n".join(letters_cell([letter]) for letter in row.letters), _ladder_text(row),
                      stage if row.stage or row.stance else Text("—", style="dim"), outcome_cell(row.outcome) or "—")


def overview(dossier, rows, total: int, status=None, total_rows: int | None = None):
    """Return the dossier's head, status and overview table, without the places."""
    from rich.console import Group
    return Group(*_dossier_head(dossier, total), *_status_lines(status), overview_table(rows, total_rows))


def timeline(dossier, entries, total: int, status=None, positions_only: bool = False, overview_rows=None,
             total_rows: int | None = None):
    """Return the dossier's timeline: the overview table first (when given), then meetings down the
    left, each place with its highlighted excerpt."""
    from rich.console import Group
    from rich.padding import Padding
    rows = _dossier_head(dossier, total, len(entries))
    rows += _status_lines(status)
    if overview_rows:
        rows.append(overview_table(overview_rows, total_rows))
    last_meeting, last_doc = None, None
    for entry in entries:
        meeting = (entry.meeting_start, entry.meeting_end)
        if meeting != last_meeting:
            rows.append(Text(""))
            rows.append(_meeting_line(entry.meeting_start, entry.meeting_end, entry.location, entry.informal))
            last_meeting, last_doc = meeting, None
        if entry.file != last_doc:
            when = "before the meeting" if entry.doc_type == "agenda" else \
                "after the meeting" if entry.doc_type == "verslag" else ""
            rows.append(Padding(Text.assemble(
                (f"{entry.doc_type}", TYPE_STYLE.get(entry.doc_type, "") + " bold"), f" ({when})  " if when else "  ",
                (entry.kamerstuk or "no Kamerstuk", ""), f"  letter {entry.letter_date or '—'}  ",
                (entry.file, "dim"), (f"  {entry.url}" if entry.url else "", "dim underline")), (0, 0, 0, 2)))
            last_doc = entry.file
        head = Text.assemble(("• ", ""), (entry.where, "bold"), (f" (p. {entry.page})" if entry.page else "", "dim"))
        if entry.item_title:
            head.append(f"  {entry.item_title}")
        if entry.label:
            head.append(f"  [{entry.label}]", style="yellow")
        if entry.member:
            head.append(f"  member: {entry.member}", style="cyan")
        rows.append(Padding(head, (0, 0, 0, 4)))
        if positions_only:
            marks = {mark["text"]: mark for mark in entry.stances}
            for sentence in entry.positions:
                mark = marks.get(sentence)
                said = Text.assemble((f"[{mark['stance']}, {mark['change']}] ", STANCE_STYLE.get(mark["stance"], ""))
                                     if mark else "", "“" + sentence + "”")
                rows.append(Padding(said, (0, 0, 0, 6)))
            continue
        rows.append(Padding(_highlighted(entry.excerpt, entry.highlights), (0, 0, 0, 6)))
        if entry.stage:
            rows.append(Padding(_stage_text(entry.stage), (0, 0, 0, 6)))
        for outcome in entry.outcomes:
            rows.append(Padding(Text.assemble(
                ("→ ", "bold"), f"{outcome['source_file']} (letter {outcome.get('reported_in') or 'undated'}) says: ",
                (outcome["name"], STATUS_STYLE.get(outcome["status"], "")), f" {outcome['status']} — ",
                (outcome["evidence"], "italic")), (0, 0, 0, 6)))
    return Group(*rows)


def meeting_view(meeting: dict):
    """Return one meeting: header, its letters, cover-letter topics and the agenda tree."""
    from rich.console import Group
    from rich.tree import Tree
    blocks = [_meeting_line(meeting["start"], meeting["end"], meeting["location"], meeting["informal"])]
    for doc in meeting["documents"]:
        tree = Tree(Text.assemble((doc["doc_type"], TYPE_STYLE.get(doc["doc_type"], "") + " bold"),
                                  f"  {doc['kamerstuk'] or 'no Kamerstuk'}  letter {doc['letter_date'] or '—'}  ",
                                  (doc["file"], "dim")))
        if doc["cover_topics"]:
            cover = tree.add(Text("Cover letter", style="bold"))
            for topic in doc["cover_topics"]:
                cover.add(topic)
        for part in doc["parts"]:
            branch = tree.add(Text(part["title"] or "Agenda", style="bold"))
            for item in part["items"]:
                node = branch.add(_item_text(item))
                for sub in item["subitems"]:
                    node.add(_item_text(sub))
        for warning in doc.get("warnings", []):
            tree.add(Text(f"warning: {warning}", style="yellow"))
        blocks.append(tree)
    if meeting.get("pairs") or any(meeting.get("unpaired", {}).values()):
        blocks.append(_pairs_table(meeting))
    blocks.append(Text(""))
    return Group(*blocks)


def _pairs_table(meeting: dict) -> Table:
    """Return the agenda's items beside the report's items on the same subject; either side alone after."""
    table = Table(title="Agenda and report, item by item", title_justify="left")
    table.add_column("Agenda (before)", overflow="fold", ratio=1)
    table.add_column("Report (after)", overflow="fold", ratio=1)
    cell = lambda side: Text.assemble((side["where"], "bold"), f"  {side['title']}")  # noqa: E731
    for pair in meeting["pairs"]:
        table.add_row(cell(pair["agenda_item"]), cell(pair["verslag_item"]))
    for side in meeting["unpaired"]["agenda"]:
        table.add_row(cell(side), Text("—", style="dim"))
    for side in meeting["unpaired"]["verslag"]:
        table.add_row(Text("—", style="dim"), cell(side))
    return table


def _item_text(item: dict) -> Text:
    text = Text(f"{item['number']}. {item['title']}")
    if item.get("label"):
        text.append(f"  [{item['label']}]", style="yellow")
    return text


def search_results(query: str, results):
    """Return the ranked hits, each with its document, meeting, place and highlighted snippet."""
    from rich.console import Group
    from rich.padding import Padding
    if not results.total:
        return Text(f"no results for {query}")
    rows = []
    for hit in results.hits:
        rows.append(Text.assemble((hit.meeting_start or "no meeting", "bold"), "  ",
                                  (hit.doc_type, TYPE_STYLE.get(hit.doc_type, "")), "  ",
                                  (hit.kamerstuk or hit.file, ""), "  ", (hit.where, "bold"),
                                  (f" (p. {hit.page})" if hit.page else "", "dim"),
                                  (f"  {hit.item_title}" if hit.item_title else "", "")))
        rows.append(Padding(_highlighted(hit.snippet, hit.highlights), (0, 0, 1, 4)))
    more = results.total - len(results.hits)
    rows.append(Text(f"{results.total} results" + (f"; {more} more not shown (use --limit)" if more > 0 else ""),
                     style="dim"))
    return Group(*rows)


def dossiers_table(rows: list[dict]) -> Table:
    """Return a table with one row per EU file: letters, meetings, first and last, stage reached."""
    from jbz.views.plain import procedures_cell
    table = Table(title=f"{len(rows)} dossiers", title_justify="left")
    for column in ("Dossier", "Letters", "Meetings", "First", "Last", "Stage reached", "Procedure / COM / act"):
        table.add_column(column, overflow="fold")
    for row in rows:
        stage = f"{row['stage']} ({row['stage_since'] or 'date unknown'})" if row["stage"] else "—"
        table.add_row(row["dossier"], str(row["letters"]), str(row["meetings"]), row["first"] or "—",
                      row["last"] or "—", stage, procedures_cell(row["procedures"]) or "—")
    return table


def following_table(rows: list[dict]) -> Table:
    """Return a table of the followed files: last meeting or letter, stage, letters, last looked at."""
    table = Table(title=f"following {len(rows)} files", title_justify="left")
    for column in ("Dossier", "Last", "Stage", "Letters", "Last looked"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row["dossier"], row["last"] or "—", row["stage"] or "—", str(row["letters"]),
                      (row["looked"] or "never")[:16].replace("T", " "))
    return table


def news_view(news: list):
    """Return what is new per followed file: its new letters, the stage move, the cabinet's positions."""
    from rich.console import Group
    from rich.padding import Padding
    from jbz.views.plain import count
    blocks = []
    for file in news:
        blocks.append(Text.assemble((file.dossier, "bold magenta"),
                                    (f"  {count(len(file.letters), 'new letter')}, {count(file.places, 'place')}", "dim")))
        if file.stage:
            blocks.append(Padding(Text.assemble(("stage: ", "bold"), file.stage["from"] or "none", " → ",
                                                (file.stage["to"], "bold green")), (0, 0, 0, 2)))
        for letter in file.letters:
            blocks.append(Padding(Text.assemble(
                (letter["doc_type"], TYPE_STYLE.get(letter["doc_type"], "") + " bold"),
                f"  {letter['kamerstuk'] or 'no Kamerstuk'}  letter {letter['letter_date'] or '—'}",
                f"  meeting {letter['meeting_start']}" if letter["meeting_start"] else "",
                (f"  {letter['file']}", "dim"), (f"  {letter['url']}" if letter["url"] else "", "dim underline")),
                (0, 0, 0, 2)))
        for position in file.positions:
            blocks.append(Padding(Text.assemble((f"[{position['stance']}] ", STANCE_STYLE.get(position["stance"], "")),
                                                "“" + position["text"] + "”"), (0, 0, 0, 4)))
        blocks.append(Text(""))
    return Group(*blocks)


def _reading_value(value) -> str:
    if value is None or value == []:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "\n".join(value) if isinstance(value, list) else str(value)


def _evidence_text(field, value: str) -> Text:
    if field.evidence is None:
        return Text("no evidence kept" if value != "—" else "", style="dim")
    span = Text(field.evidence["text"])
    # The value as printed, where the span prints it so ("32317-995" is printed "32 317 … Nr. 995").
    at = field.evidence["text"].find(value) if isinstance(field.value, str) else -1
    if at >= 0:
        span.stylize("bold", at, at + len(value))
    span.append(f"  ({field.evidence['source']})", style="dim")
    return span


def document_view(row: DocumentRow):
    """Return one document's reading: each field, its value, and the span it was read from."""
    from rich.console import Group
    head = Text.assemble((row.file, "bold"), "  ", (row.doc_type, TYPE_STYLE.get(row.doc_type, "") + " bold"),
                         "  ", row.kamerstuk or "no Kamerstuk")
    blocks = [head] + [Text(f"file: {path}", style="dim") for path in row.files]
    if row.official:
        from jbz.views.plain import official_line
        blocks.append(Text.assemble(("official metadata: ", "bold"), official_line(row.official)))
    if row.url:
        blocks.append(Text(f"official page: {row.url}", style="dim"))
    table = Table(expand=False, show_lines=True)
    for column in ("Field", "Value", "Read from"):
        table.add_column(column, overflow="fold")
    for field in row.reading():
        value = _reading_value(field.value)
        shown = Text(value)
        if field.inferred:
            shown.append("\ninferred", style="yellow")
        table.add_row(Text(field.name), shown, _evidence_text(field, value))
    blocks.append(table)
    for meeting in row.mentioned_meetings:
        blocks.append(Text.assemble(("mentions: ", "bold"), _meeting_line(
            meeting["start"], meeting["end"], meeting["location"], meeting["informal"])))
    blocks += [Text(f"warning: {warning}", style="yellow") for warning in row.warnings]
    return Group(*blocks)


def letter_view(letter):
    """Return a letter's places, each under its heading with its whole text, then its footnotes."""
    from rich.console import Group
    from rich.padding import Padding

    from jbz.views.plain import place_heading
    doc = letter.document
    blocks = [Text.assemble((doc.file, "bold"), "  ", (doc.doc_type, TYPE_STYLE.get(doc.doc_type, "") + " bold"),
                            "  ", doc.kamerstuk or "no Kamerstuk", (f"  {doc.url}" if doc.url else "", "dim underline"))]
    for place in letter.places:
        blocks += [Text(""), Text(place_heading(place), style="bold")]
        if place.text:
            blocks.append(Padding(Text(place.text), (0, 0, 0, 2)))
    if letter.footnotes:
        blocks += [Text(""), Text("Footnotes", style="bold")]
        blocks += [Padding(Text(f"{number} {text}"), (0, 0, 0, 2)) for number, text in letter.footnotes]
    return Group(*blocks)
