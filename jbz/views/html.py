"""Self-contained HTML pages of a dossier's timeline and of a meeting, to share and to print.

One file each: inline CSS and SVG, no script, no font, no image, nothing fetched (a Content
Security Policy forbids it). Every piece of text comes from the letters and is escaped. The page
prints on A4 without running off the paper's edge, and reads without colour: reached and planned
are told apart by shape (filled and hollow marks, ● and ○), never by colour alone.
"""
from __future__ import annotations

import datetime as dt
import re
from html import escape

from jbz.cite import official_url
from jbz.views.plain import DATE_NAMES
from jbz.language.stages import STAGES

_CSS = """
@page { size: A4; margin: 15mm 14mm; }
* { box-sizing: border-box; }
html { font: 10.5pt/1.45 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111; background: #fff; }
body { max-width: 182mm; margin: 0 auto; padding: 4mm 3mm; overflow-wrap: anywhere; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; border-bottom: 1px solid #444; }
h3 { font-size: 11pt; margin: 5mm 0 1mm; }
h4 { font-size: 10.5pt; margin: 2mm 0 0; font-weight: 600; }
p, ul, dl { margin: 1mm 0; }
a { color: #0b3d91; }
.muted { color: #555; font-size: 9pt; }
dl.status { display: grid; grid-template-columns: max-content 1fr; gap: 0 3mm; }
dl.status dt { font-weight: 600; }
dl.status dd { margin: 0; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 9pt; }
th, td { border: 1px solid #999; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eee; }
.ladder { font-family: "DejaVu Sans Mono", monospace; letter-spacing: 0.5px; white-space: nowrap; }
svg.chart { width: 100%; height: auto; display: block; }
svg.chart text { font-size: 9px; fill: #111; }
svg.chart .grid { stroke: #ccc; stroke-width: 0.6; }
svg.chart .axis { stroke: #333; stroke-width: 0.8; }
svg.chart .progress { fill: none; stroke: #333; stroke-width: 1.2; stroke-dasharray: 3 2; }
svg.chart .mark { stroke: #111; stroke-width: 1.4; }
svg.chart .mark.reached, svg.chart .mark.reported { fill: #111; }
svg.chart .mark.planned { fill: #fff; }
svg.chart .outcome { stroke: #111; stroke-width: 1.2; fill: #fff; }
svg.chart .outcome.reached { fill: #777; }
svg.chart .eu { fill: none; stroke: #1f5fa8; stroke-width: 1.6; }
.letter { margin: 1mm 0 0 3mm; }
.entry { margin: 1.5mm 0 2.5mm 6mm; break-inside: avoid; }
.excerpt { margin: 0.5mm 0; }
mark { background: #ffe680; color: inherit; font-weight: 600; }
.stage { font-size: 9pt; }
.member { font-size: 9pt; color: #1f5fa8; }
.stance { font-size: 9pt; font-style: italic; }
.outcomes { font-size: 9pt; padding-left: 5mm; }
blockquote { margin: 1mm 0 1mm 6mm; padding-left: 2mm; border-left: 2px solid #888; }
.pairs td:first-child, .pairs th:first-child { width: 50%; }
@media print {
  body { max-width: none; padding: 0; }
  a { color: #111; }
  mark { background: none; text-decoration: underline; }
  h2, h3 { break-after: avoid; }
}
"""

#: Nothing may be fetched: no script, font, image or style from anywhere but the page itself.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _page(title: str, body: list[str]) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{_CSP}\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)}</title><style>{_CSS}</style></head>\n<body>\n"
            + "\n".join(body) + f"\n<footer class=\"muted\"><p>Made by jbz {escape(_version())}.</p></footer>"
            "\n</body></html>\n")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("jbz")
    except PackageNotFoundError:
        return "(not installed)"


def _dates(start: str | None, end: str | None) -> str:
    if not start:
        return "undated"
    return start if not end or end == start else f"{start} – {end}"


def _link(url: str | None, text: str) -> str:
    return f"<a href=\"{escape(url)}\">{escape(text)}</a>" if url else escape(text)


def _letter_ref(doc_type: str, kamerstuk: str | None, file: str) -> str:
    """Return "agenda <a>32317-978</a>", linked to the official page when the Kamerstuk is known."""
    return f"{escape(doc_type)} " + (_link(official_url(kamerstuk), kamerstuk) if kamerstuk else escape(file))


def _highlighted(text: str, spans: list[tuple[int, int]]) -> str:
    out, at = [], 0
    for start, end in sorted(spans):
        if start < at:
            continue
        out += [escape(text[at:start]), "<mark>", escape(text[start:end]), "</mark>"]
        at = end
    out.append(escape(text[at:]))
    return "".join(out)


# -- a dossier ------------------------------------------------------------------------------------

def track_page(dossier, entries, total: int, status, overview) -> str:
    """Return the HTML page of a dossier: status, overview, the chart of its stage over time, the
    timeline with excerpts, and the cabinet's positions (entries staged and described)."""
    letter_ids = {file: f"letter-{n}" for n, file in enumerate(dict.fromkeys(e.file for e in entries))}
    kamerstukken = {entry.file: entry.kamerstuk for entry in entries}
    body = [f"<h1>{escape(dossier.name)}</h1>"]
    if len(dossier.aliases) > 1:
        body.append(f"<p class=\"muted\">also known as: {escape('; '.join(dossier.aliases[1:]))}</p>")
    body.append(f"<p class=\"muted\">{total} places in the letters"
                + (f"; the latest {len(entries)} shown" if len(entries) < total else "") + "</p>")
    body += _status_html(status, kamerstukken, letter_ids)
    body += _overview_html(overview, kamerstukken, letter_ids)
    body += _chart_html(entries, kamerstukken, letter_ids, status.record)
    body += _timeline_html(entries, kamerstukken, letter_ids)
    body += _positions_html(entries)
    return _page(f"{dossier.name} — jbz track", body)


def _cite(file: str, kamerstukken: dict, letter_ids: dict) -> str:
    """Return a link to the letter `file`: its official page, else its place on this page."""
    kamerstuk = kamerstukken.get(file)
    if kamerstuk:
        return _link(official_url(kamerstuk), kamerstuk)
    return f"<a href=\"#{letter_ids[file]}\">{escape(file)}</a>" if file in letter_ids else escape(file)


def _status_html(status, kamerstukken: dict, letter_ids: dict) -> list[str]:
    rows = []
    if status.stage:
        rows.append(("Status", f"{escape(status.stage)} reached" + (f" {escape(status.since)}" if status.since else "")))
    if status.last_meeting:
        rows.append(("Last meeting", escape(status.last_meeting)))
    if status.next:
        when = f" ({escape(status.next['date'])})" if status.next.get("date") else ""
        rows.append(("Next", f"{escape(status.next['name'])} planned{when}, says "
                             f"{_cite(status.next['source_file'], kamerstukken, letter_ids)}"))
    if status.procedure is not None:
        rows.append(("Procedure", escape(status.procedure.label())))
    for record in status.record:
        numbers = " · ".join(n for n in (record["procedure"], record["com"], record["act"]) if n) or record["name"]
        dates = ", ".join(f"{DATE_NAMES[d['field']]} {_link(_first_url(d['source']), d['date'])}" for d in record["dates"])
        rows.append(("EU record", f"{escape(numbers)}: {dates or 'no dates known'}"))
        rows += [("Check", f"the letters date {escape(c['stage'])} {escape(c['letters'])}, the EU record "
                           f"{_link(_first_url(c['source']), c['register'])}") for c in record["checks"]]
    if not rows:
        return []
    return ["<dl class=\"status\">" + "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows) + "</dl>"]


def _overview_html(rows, kamerstukken: dict, letter_ids: dict) -> list[str]:
    out = ["<h2 id=\"overview\">Overview</h2>",
           "<p class=\"muted\">The ladder, lowest rung first: ● reached by then, ○ planned, · not yet.</p>",
           "<table class=\"overview\"><colgroup><col style=\"width:15%\"><col style=\"width:13%\">"
           "<col style=\"width:11%\"><col style=\"width:18%\"><col style=\"width:23%\"><col style=\"width:20%\">"
           "</colgroup><thead><tr><th>Dates</th><th>Place</th><th>Kind</th><th>Letters</th>"
           "<th>Stage on the ladder</th><th>Outcome, as a later letter says</th></tr></thead><tbody>"]
    for row in rows:
        kind = "letter" if row.dated_letter else "informal" if row.informal else "formal"
        letters = "<br>".join(_letter_ref(x["doc_type"], x["kamerstuk"], x["file"]) for x in row.letters)
        stage = (f"<br>{escape(row.stage['name'])} ({escape(row.stage['status'])})" if row.stage else "")
        if row.stance:
            stage += f"<br><span class=\"stance\">cabinet: {escape(row.stance_moved or row.stance)}</span>"
        outcome = "—"
        if row.outcome:
            outcome = f"{escape(row.outcome['name'])} {escape(row.outcome['status'])}, says " \
                      f"{_cite(row.outcome['source_file'], kamerstukken, letter_ids)}"
        out.append(f"<tr class=\"row\" data-start=\"{escape(row.start or '')}\"><td>{escape(_dates(row.start, row.end))}"
                   f"</td><td>{escape(row.location or '—')}</td><td>{kind}</td><td>{letters}</td>"
                   f"<td><span class=\"ladder\" aria-label=\"{escape(row.reached or 'no rung')} reached\">"
                   f"{escape(row.ladder())}</span>{stage}</td><td>{outcome}</td></tr>")
    out.append("</tbody></table>")
    return out


#: The chart's frame, in SVG user units: rung names on the left, dates along the bottom.
_W, _H, _LEFT, _RIGHT, _TOP, _BOTTOM = 720, 300, 150, 30, 16, 40


def _entry_date(entry) -> str | None:
    return entry.meeting_start or entry.letter_date


def _chart_html(entries, kamerstukken: dict, letter_ids: dict, record: list[dict] = ()) -> list[str]:
    """Return the chart of the stage over time: a mark per entry with a stage, at its date and rung
    (filled: reached or reported; hollow: planned); a diamond per outcome another letter reports,
    linked to that letter; a dashed line through the highest rung reached so far; a square per date
    of the EU's own record (the register), linked to its source."""
    staged = [(n, e) for n, e in enumerate(entries) if e.stage and _entry_date(e)]
    out = ["<h2 id=\"chart\">Stage over time</h2>"]
    if not staged:
        return out + ["<p>No place names a stage of this dossier on the legislative ladder.</p>"]
    eu_dates = [(_full_day(d["date"]), d) for r in record for d in r["dates"] if d["stage"] in STAGES]
    days = sorted({dt.date.fromisoformat(_entry_date(e)) for _, e in staged}
                  | {dt.date.fromisoformat(day) for day, _ in eu_dates})
    first, last = days[0], days[-1]
    span = max((last - first).days, 1)
    # The first date stands a little right of the axis, clear of the rungs' names.
    start, plot_w, plot_h = _LEFT + 12, _W - _LEFT - 12 - _RIGHT, _H - _TOP - _BOTTOM

    def x_of(day: str) -> float:
        if first == last:
            return start + plot_w / 2
        return round(start + (dt.date.fromisoformat(day) - first).days / span * plot_w, 2)

    def y_of(rung: int) -> float:
        return round(_TOP + (len(STAGES) - 1 - rung) / (len(STAGES) - 1) * plot_h, 2)

    svg = [f"<svg class=\"chart\" viewBox=\"0 0 {_W} {_H}\" role=\"img\" aria-labelledby=\"chart-title\">"
           "<title id=\"chart-title\">The stage of the dossier at each place, by date</title>"]
    for rung, name in enumerate(STAGES):
        y = y_of(rung)
        svg.append(f"<line class=\"grid\" x1=\"{_LEFT}\" y1=\"{y}\" x2=\"{_W - _RIGHT}\" y2=\"{y}\"/>"
                   + _rung_label(name, _LEFT - 6, y))
    svg.append(f"<line class=\"axis\" x1=\"{_LEFT}\" y1=\"{_H - _BOTTOM}\" x2=\"{_W - _RIGHT}\" y2=\"{_H - _BOTTOM}\"/>")
    for day in _ticks(first, last):
        x = x_of(day.isoformat())
        svg.append(f"<line class=\"axis\" x1=\"{x}\" y1=\"{_H - _BOTTOM}\" x2=\"{x}\" y2=\"{_H - _BOTTOM + 4}\"/>"
                   f"<text x=\"{x}\" y=\"{_H - _BOTTOM + 15}\" text-anchor=\"middle\">{day.isoformat()[:7]}</text>")
    svg.append(_progress_line(staged, x_of, y_of))
    for n, entry in staged:
        svg += _outcome_marks(n, entry, x_of, y_of, kamerstukken, letter_ids)
    for day, date in eu_dates:
        x, y = x_of(day), y_of(STAGES.index(date["stage"]))
        title = escape(f"EU record: {date['stage']} {date['date']}" + (f" ({date['source']})" if date["source"] else ""))
        mark = (f"<rect class=\"eu\" data-date=\"{escape(day)}\" data-rung=\"{STAGES.index(date['stage'])}\" "
                f"x=\"{x - 4}\" y=\"{y - 4}\" width=\"8\" height=\"8\"><title>{title}</title></rect>")
        url = _first_url(date["source"])
        svg.append(f"<a href=\"{escape(url)}\">{mark}</a>" if url else mark)
    for n, entry in staged:
        rung, status = STAGES.index(entry.stage["name"]), entry.stage["status"]
        label = f"{_entry_date(entry)} {entry.where}: {entry.stage['name']} ({status})"
        svg.append(f"<a href=\"#entry-{n}\"><circle class=\"mark {escape(status)}\" data-entry=\"entry-{n}\" "
                   f"data-date=\"{escape(_entry_date(entry))}\" data-rung=\"{rung}\" data-status=\"{escape(status)}\" "
                   f"cx=\"{x_of(_entry_date(entry))}\" cy=\"{y_of(rung)}\" r=\"5\"><title>{escape(label)}</title>"
                   "</circle></a>")
    legend_y = _H - 8
    svg.append(f"<circle class=\"mark reached\" cx=\"{_LEFT}\" cy=\"{legend_y - 3}\" r=\"4\"/>"
               f"<text x=\"{_LEFT + 8}\" y=\"{legend_y}\">reached</text>"
               f"<circle class=\"mark planned\" cx=\"{_LEFT + 70}\" cy=\"{legend_y - 3}\" r=\"4\"/>"
               f"<text x=\"{_LEFT + 78}\" y=\"{legend_y}\">planned</text>"
               f"<path class=\"outcome reached\" d=\"{_diamond(_LEFT + 140, legend_y - 3)}\"/>"
               f"<text x=\"{_LEFT + 148}\" y=\"{legend_y}\">what a later letter reports</text>"
               f"<line class=\"progress\" x1=\"{_LEFT + 290}\" y1=\"{legend_y - 3}\" x2=\"{_LEFT + 310}\" "
               f"y2=\"{legend_y - 3}\"/><text x=\"{_LEFT + 316}\" y=\"{legend_y}\">highest rung reached so far</text>"
               + (f"<rect class=\"eu\" x=\"{_LEFT + 446}\" y=\"{legend_y - 7}\" width=\"8\" height=\"8\"/>"
                  f"<text x=\"{_LEFT + 458}\" y=\"{legend_y}\">EU record</text>" if eu_dates else ""))
    svg.append("</svg>")
    undated = sum(1 for e in entries if e.stage and not _entry_date(e))
    note = [f"<p class=\"muted\">{undated} places with a stage have no date and are not drawn.</p>"] if undated else []
    return out + ["".join(svg)] + note


def _full_day(value: str) -> str:
    """Return an ISO date of the register as a day: "2022-02" is drawn at its first."""
    return value if len(value) == 10 else f"{value[:7]}-01"


_URL = re.compile(r"https?://[^\s;,)]+")


def _first_url(source: str | None) -> str | None:
    """Return the first web address a register source names, or None."""
    match = _URL.search(source or "")
    return match.group() if match else None


def _rung_label(name: str, x: float, y: float) -> str:
    """Return a rung's name right-aligned before the chart, on two lines when it is long."""
    words, lines = name.split(), [""]
    for word in words:
        if lines[-1] and len(lines[-1]) + 1 + len(word) > 26:
            lines.append("")
        lines[-1] = f"{lines[-1]} {word}".strip()
    top = y + 3 - 5.5 * (len(lines) - 1)
    return (f"<text x=\"{x}\" y=\"{top}\" text-anchor=\"end\">"
            + "".join(f"<tspan x=\"{x}\" dy=\"{0 if n == 0 else 11}\">{escape(line)}</tspan>"
                      for n, line in enumerate(lines)) + "</text>")


def _ticks(first: dt.date, last: dt.date) -> list[dt.date]:
    """Return the dates to label the time axis at: month starts, or years on a long span, at most ~8."""
    months = (last.year - first.year) * 12 + last.month - first.month
    step = max(1, -(-months // 7))
    if step > 6:
        step = 12 * max(1, -(-months // 84))
    ticks, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        day = dt.date(year, month, 1)
        if first <= day <= last:
            ticks.append(day)
        month += step
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return ticks or [first]


def _diamond(x: float, y: float, r: float = 5) -> str:
    return f"M{x} {y - r}L{x + r} {y}L{x} {y + r}L{x - r} {y}Z"


def _progress_line(staged, x_of, y_of) -> str:
    """Return a step line through the highest rung reached (or reported) so far, by date."""
    points, best = [], -1
    for _, entry in staged:
        if entry.stage["status"] != "planned":
            best = max(best, STAGES.index(entry.stage["name"]))
        if best >= 0:
            x, y = x_of(_entry_date(entry)), y_of(best)
            if points:
                points.append(f"{x},{points[-1].split(',')[1]}")
            points.append(f"{x},{y}")
    return f"<polyline class=\"progress\" points=\"{' '.join(points)}\"/>" if len(points) > 1 else ""


def _outcome_marks(n: int, entry, x_of, y_of, kamerstukken: dict, letter_ids: dict) -> list[str]:
    """Return a diamond per outcome another letter reports for this place, linked to that letter."""
    marks = []
    others = [outcome for outcome in entry.outcomes if outcome["source_file"] != entry.file]
    for shift, outcome in enumerate(others, 1):
        kamerstuk = kamerstukken.get(outcome["source_file"])
        href = official_url(kamerstuk) or (f"#{letter_ids[outcome['source_file']]}"
                                           if outcome["source_file"] in letter_ids else None)
        x, y = x_of(_entry_date(entry)) + 9 * shift, y_of(STAGES.index(outcome["name"]))
        label = f"{outcome['name']} {outcome['status']}, says {kamerstuk or outcome['source_file']}"
        shape = (f"<path class=\"outcome {escape(outcome['status'])}\" data-entry=\"entry-{n}\" d=\"{_diamond(x, y)}\">"
                 f"<title>{escape(label)}</title></path>")
        marks.append(f"<a href=\"{escape(href)}\">{shape}</a>" if href else shape)
    return marks


def _timeline_html(entries, kamerstukken: dict, letter_ids: dict) -> list[str]:
    out = ["<h2 id=\"timeline\">Timeline</h2>"]
    last_meeting, last_file = None, None
    for n, entry in enumerate(entries):
        meeting = (entry.meeting_start, entry.meeting_end, entry.file if not entry.meeting_start else None)
        if meeting != last_meeting:
            if last_meeting is not None:
                out.append("</section>")
            kind = "letter about no one meeting" if not entry.meeting_start else \
                "informal" if entry.informal else "formal"
            out.append(f"<section class=\"meeting\" data-start=\"{escape(_entry_date(entry) or '')}\">"
                       f"<h3>{escape(_dates(_entry_date(entry), entry.meeting_end))}  "
                       f"{escape(entry.location or 'place not given')}  <span class=\"muted\">{kind}</span></h3>")
            last_meeting, last_file = meeting, None
        if entry.file != last_file:
            when = {"agenda": " (before the meeting)", "verslag": " (after the meeting)"}.get(entry.doc_type, "")
            out.append(f"<p class=\"letter\" id=\"{letter_ids[entry.file]}\"><strong>{escape(entry.doc_type)}</strong>"
                       f"{when} · {_cite(entry.file, kamerstukken, letter_ids) if entry.kamerstuk else 'no Kamerstuk'}"
                       f" · letter {escape(entry.letter_date or '—')} · <span class=\"muted\">{escape(entry.file)}</span></p>")
            last_file = entry.file
        out.append(_entry_html(n, entry, kamerstukken, letter_ids))
    if last_meeting is not None:
        out.append("</section>")
    return out


def _entry_html(n: int, entry, kamerstukken: dict, letter_ids: dict) -> str:
    head = f"{escape(entry.where)}" + (f" <span class=\"muted\">(p. {entry.page})</span>" if entry.page else "")
    if entry.item_title:
        head += f" — {escape(entry.item_title)}"
    if entry.label:
        head += f" <span class=\"muted\">[{escape(entry.label)}]</span>"
    if entry.member:
        head += f" <span class=\"member\">member: {escape(entry.member)}</span>"
    parts = [f"<div class=\"entry\" id=\"entry-{n}\" data-file=\"{escape(entry.file)}\" data-where=\"{escape(entry.where)}\""
             f" data-meeting=\"{escape(entry.meeting_start or '')}\" data-member=\"{escape(entry.member or '')}\">"
             f"<h4>{head}</h4>",
             f"<p class=\"excerpt\">{_highlighted(entry.excerpt, entry.highlights)}</p>"]
    if entry.stage:
        glyph = "○" if entry.stage["status"] == "planned" else "●"
        parts.append(f"<p class=\"stage\">{glyph} stage: {escape(entry.stage['name'])} ({escape(entry.stage['status'])})</p>")
    if entry.outcomes:
        parts.append("<ul class=\"outcomes\">" + "".join(
            f"<li>→ {_cite(o['source_file'], kamerstukken, letter_ids)}"
            f"{' (letter ' + escape(o['reported_in']) + ')' if o.get('reported_in') else ''} says: "
            f"<strong>{escape(o['name'])}</strong> {escape(o['status'])} — <q>{escape(o['evidence'])}</q></li>"
            for o in entry.outcomes) + "</ul>")
    return "".join(parts) + "</div>"


def _positions_html(entries) -> list[str]:
    out = ["<h2 id=\"positions\">The cabinet's positions</h2>"]
    said = [e for e in entries if e.positions]
    if not said:
        return out + ["<p>No sentence in these places states the cabinet's position.</p>"]
    last = None
    for entry in said:
        if (entry.meeting_start, entry.file) != last:
            out.append(f"<h3>{escape(_dates(_entry_date(entry), entry.meeting_end))} · {escape(entry.doc_type)} "
                       f"{escape(entry.kamerstuk or entry.file)}</h3>")
            last = (entry.meeting_start, entry.file)
        marks = {mark["text"]: mark for mark in entry.stances}
        out += [f"<blockquote data-stance=\"{escape(marks[sentence]['stance'] if sentence in marks else '')}\">"
                + (f"<span class=\"stance\">{escape(marks[sentence]['stance'])}, {escape(marks[sentence]['change'])}"
                   "</span> " if sentence in marks else "")
                + f"{escape(sentence)} <span class=\"muted\">({escape(entry.where)})</span></blockquote>"
                for sentence in entry.positions]
    return out


# -- a meeting ------------------------------------------------------------------------------------

def meeting_page(query: str, meetings: list[dict]) -> str:
    """Return the HTML page of one or more meetings (`jbz meeting --json` shape): dates, place, the
    letters linked to their official pages, cover topics, the agenda, and agenda items paired with
    the report's items."""
    body = [f"<h1>JBZ-Raad {escape(query)}</h1>"] if len(meetings) > 1 else []
    for meeting in meetings:
        body += _meeting_html(meeting, heading="h2" if len(meetings) > 1 else "h1")
    title = _dates(meetings[0]["start"], meetings[0]["end"]) if len(meetings) == 1 else query
    return _page(f"JBZ-Raad {title} — jbz meeting", body)


def _meeting_html(meeting: dict, heading: str) -> list[str]:
    kind = "informal" if meeting["informal"] else "formal"
    out = [f"<section class=\"meeting\" data-start=\"{escape(meeting['start'])}\"><{heading}>JBZ-Raad "
           f"{escape(_dates(meeting['start'], meeting['end']))}</{heading}>"
           f"<p>{escape(meeting['location'] or 'place not given')} · {kind}</p>"]
    for doc in meeting["documents"]:
        out.append(f"<h3>{_letter_ref(doc['doc_type'], doc['kamerstuk'], doc['file'])} · letter "
                   f"{escape(doc['letter_date'] or '—')} · <span class=\"muted\">{escape(doc['file'])}</span></h3>")
        if doc["cover_topics"]:
            out.append("<p><strong>Cover letter:</strong></p><ul>"
                       + "".join(f"<li>{escape(topic)}</li>" for topic in doc["cover_topics"]) + "</ul>")
        for part in doc["parts"]:
            out.append(f"<h4>{escape(part['title'] or 'Agenda')}</h4><ul>")
            for item in part["items"]:
                subs = "".join(f"<li>{_item_html(sub)}</li>" for sub in item["subitems"])
                out.append(f"<li>{_item_html(item)}" + (f"<ul>{subs}</ul>" if subs else "") + "</li>")
            out.append("</ul>")
        out += [f"<p class=\"muted\">warning: {escape(warning)}</p>" for warning in doc.get("warnings", [])]
    out += _pairs_html(meeting)
    out.append("</section>")
    return out


def _item_html(item: dict) -> str:
    label = f" <span class=\"muted\">[{escape(item['label'])}]</span>" if item.get("label") else ""
    return f"<span data-where=\"{escape(item['where'])}\">{escape(item['number'])}. {escape(item['title'])}</span>{label}"


def _pairs_html(meeting: dict) -> list[str]:
    pairs, unpaired = meeting.get("pairs") or [], meeting.get("unpaired") or {}
    if not pairs and not any(unpaired.values()):
        return []
    out = ["<h3>Agenda and report, item by item</h3>",
           "<table class=\"pairs\"><thead><tr><th>Agenda (before)</th><th>Report (after)</th></tr></thead><tbody>"]
    cell = lambda side: f"{escape(side['where'])} — {escape(side['title'])}" if side else "—"  # noqa: E731
    for pair in pairs:
        out.append(f"<tr><td>{cell(pair['agenda_item'])}</td><td>{cell(pair['verslag_item'])}</td></tr>")
    for side in unpaired.get("agenda", []):
        out.append(f"<tr><td>{cell(side)}</td><td>—</td></tr>")
    for side in unpaired.get("verslag", []):
        out.append(f"<tr><td>—</td><td>{cell(side)}</td></tr>")
    out.append("</tbody></table>")
    return out
