"""The `jbz` command: a thin Typer layer that opens the index, calls the library, renders.

Exit codes: 0 ok, 1 nothing found, 2 usage or data error, 130 interrupted.
"""

import contextlib
import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

EXIT_OK, EXIT_NOT_FOUND, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130

EPILOG = ("Exit codes: 0 ok, 1 nothing found, 2 usage or data error, 130 interrupted. "
          "The index lives in $JBZ_DB, or --db, or your user data folder.")

app = typer.Typer(
    name="jbz",
    help="Follow EU Justice and Home Affairs files through the Dutch JBZ-Raad letters (Kamerstukken 32317).\n\n"
         "Examples:\n\n"
         "  jbz index ~/Downloads/jbz-brieven     index a folder of letters\n\n"
         "  jbz docs                              list the indexed letters\n\n"
         "  jbz meetings --json                   every meeting, as JSON",
    epilog=EPILOG, no_args_is_help=True,
    # Click's own help layout: Rich's doubled the start-up time of `jbz --help` (0.35 s against 0.15 s).
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]})


class State:
    db_option: Optional[Path] = None


state = State()


def _out():
    from jbz.views.console import SafeConsole
    return SafeConsole()


def _err():
    from jbz.views.console import SafeConsole
    return SafeConsole(stderr=True, soft_wrap=True)


def _print_json(value) -> None:
    """Print `value` as JSON on stdout, any control character in it written as a \\u escape."""
    from jbz.untrusted import json_safe
    print(json_safe(json.dumps(value, ensure_ascii=False, indent=_json_indent())))


def fail(message: str, code: int = EXIT_ERROR) -> None:
    """Print a one-line error on stderr and exit with `code`. The message is printed literally: it
    may quote what the user typed or a file's name, and "[...]" in those is not Rich markup."""
    from rich.text import Text
    _err().print(Text.assemble(("error:", "bold red"), f" {message}"), highlight=False)
    raise typer.Exit(code)


def default_db_path() -> Path:
    """Return the database file in the user's data folder."""
    base = os.environ.get("XDG_DATA_HOME") or (
        Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) if sys.platform == "win32"
        else Path.home() / ".local" / "share")
    return Path(base) / "jbz" / "jbz.db"


def resolve_db() -> tuple[Path, bool]:
    """Return (database path, whether it is the default one jbz may fill by itself)."""
    if state.db_option is not None:
        return state.db_option, False
    if os.environ.get("JBZ_DB"):
        return Path(os.environ["JBZ_DB"]), False
    return default_db_path(), True


def _say_upgrading(path: Path):
    """Return a callback that tells the user, once, that the index is being upgraded."""
    told = []

    def say(migration: str) -> None:
        if not told:
            told.append(migration)
            from jbz.untrusted import escape
            print(f"jbz: upgrading the index {escape(str(path))} for this version of jbz ({migration}); this happens"
                  " once and can take a minute on a large index", file=sys.stderr)
    return say


def open_index(fill_default: bool = True, answers: bool = False, mapped: bool = True):
    """Open the index; on a new default database, index the bundled letters first.

    An index that still holds no letter is said on stderr; with `answers` (a command that looks
    something up) it is the error, exit 1, rather than a "not found" that blames the query.
    `mapped`: read the file through memory mapping (scattered reads; not for a command that scans a
    whole table, whose every page would then count as its memory).
    """
    from jbz import store
    path, is_default = resolve_db()
    try:
        db = store.open_db(path, _say_upgrading(path), reading=mapped)
    except store.DatabaseError as exc:
        fail(str(exc))
    empty = store.is_empty(db)
    if empty and fill_default and is_default:
        from jbz.index.indexer import bundled_seeds, index_paths
        report = index_paths(db, [bundled_seeds()])
        _err().print(f"jbz: first run: indexed the {len(report.indexed)} bundled letters into {path}",
                     highlight=False)
        empty = not report.indexed
    if empty:
        from jbz.untrusted import escape
        message = f"the index {escape(str(path))} holds no letters yet; add some with 'jbz index FOLDER'"
        if answers:
            fail(message, EXIT_NOT_FOUND)
        _err().print(f"jbz: {message}", highlight=False, markup=False)
    return db


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import version
        print(f"jbz {version('jbz')}")
        raise typer.Exit()


@app.callback()
def main_options(
    db: Annotated[Optional[Path], typer.Option("--db", help="The index file (default: $JBZ_DB, or "
                                               "~/.local/share/jbz/jbz.db).", metavar="FILE")] = None,
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                          help="Print jbz's version and exit.")] = False,
) -> None:
    state.db_option = db


@app.command()
def index(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Letter files or folders (recursive). "
                                                          "Default: the bundled letters.")] = None,
    prune: Annotated[bool, typer.Option(help="Remove documents whose files are gone.")] = False,
    rebuild: Annotated[bool, typer.Option(help="Start the database afresh.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the summary.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was done as JSON on stdout: the files "
                                          "indexed, unchanged, skipped (with why), warned of and pruned.")] = False,
) -> None:
    """Read letters (.txt, .pdf, .docx, .html) into the index. Unchanged files are skipped; changed files replaced.

    Exits 0, or 2 when a file was skipped (the rest is indexed).

    Examples:

      jbz index                      the bundled letters

      jbz index ~/brieven --prune    a folder, dropping letters whose files are gone

      jbz index ~/brieven --json | jq '.skipped'
    """
    from jbz import store
    from jbz.index.indexer import bundled_seeds, index_paths
    path, _ = resolve_db()
    kept = None
    if rebuild:
        kept = _following_state(path)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    try:
        db = store.open_db(path, _say_upgrading(path))
    except store.DatabaseError as exc:
        fail(str(exc))
    if kept:
        store.restore_following(db, kept)  # what you follow, and were shown, outlives a rebuild
    targets = paths or [bundled_seeds()]
    err = _err()
    bar = _ProgressBar(err, enabled=not quiet and not as_json and err.is_terminal)
    try:
        with bar:
            report = index_paths(db, targets, progress=bar.update, prune=prune)
    except KeyboardInterrupt:
        err.print(f"interrupted, {store.document_count(db)} documents stored")
        raise typer.Exit(EXIT_INTERRUPTED)
    if report.indexed or report.pruned:
        _remember_files(db)
    if as_json:
        _print_json({"database": str(path), "indexed": report.indexed, "unchanged": report.unchanged,
                     "skipped": [{"path": f.path, "reason": f.reason} for f in report.failed],
                     "warnings": [{"path": file, "warning": w} for file, w in report.warnings],
                     "pruned": report.pruned})
        raise typer.Exit(EXIT_ERROR if report.failed else EXIT_OK)
    for failure in report.failed:
        err.print(f"skipped {failure.path}: {failure.reason}", highlight=False, markup=False)
    if not quiet:
        for file, warning in report.warnings:
            err.print(f"warning: {Path(file).name}: {warning}", highlight=False, markup=False)
    summary = (f"{len(report.indexed)} indexed, {len(report.unchanged)} unchanged, "
               f"{len(report.failed)} failed" + (f", {len(report.pruned)} pruned" if prune else "")
               + f" -> {path}")
    err.print(summary, highlight=False)
    if report.failed:
        raise typer.Exit(EXIT_ERROR)


def _following_state(path: Path) -> dict | None:
    """Return what an index about to be rebuilt holds of the user's own (files followed, news shown)."""
    from jbz import store
    if not path.exists():
        return None
    try:
        return store.following_state(store.open_db(path))
    except (store.DatabaseError, sqlite3.Error):
        return None  # a foreign or broken file: nothing of the user's to keep


def _remember_files(db) -> None:
    """Group the files and count their letters now, so that `jbz dossiers` and `jbz track` find them kept."""
    from jbz.dossiers import catalogue, files
    try:
        known = catalogue.load_dossiers()
    except catalogue.AliasFileError:
        return  # the query commands say what is wrong with the alias file
    files.remember(db, known)


class _ProgressBar:
    """A Rich progress bar (done, per second, ETA) that appears once a run has taken about a second."""

    def __init__(self, console, enabled: bool, doing: str = "indexing", unit: str = "files") -> None:
        import time
        self.console, self.enabled, self.started, self.bar, self.task = console, enabled, time.monotonic(), None, None
        self.doing, self.unit = doing, unit

    def __enter__(self) -> "_ProgressBar":
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()

    def update(self, done: int, total: int) -> None:
        import time
        if not self.enabled or done >= total:
            if self.bar is not None:
                self.bar.update(self.task, completed=done)
            return
        if self.bar is None and time.monotonic() - self.started > 1.0:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
            self.bar = Progress(TextColumn(self.doing), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[rate]} " + self.unit + "/s"), TimeRemainingColumn(),
                                console=self.console, transient=True)
            self.task = self.bar.add_task("index", total=total, rate="…")
            self.bar.start()
        if self.bar is not None:
            rate = done / max(time.monotonic() - self.started, 1e-6)
            self.bar.update(self.task, completed=done, rate=f"{rate:.0f}")


def _show(view: str, *args, **kwargs) -> None:
    """Print a view: drawn by Rich (jbz.views.terminal) in a terminal; as plain tab-separated lines
    (jbz.views.plain) into a pipe or a file, without importing Rich at all."""
    if sys.stdout.isatty():
        from jbz.views import terminal as render
        _out().print(getattr(render, view)(*args, **kwargs))
    else:
        from jbz.views import plain
        from jbz.untrusted import escape
        sys.stdout.write(escape(getattr(plain, view)(*args, **kwargs)))


def _json_indent() -> int | None:
    # Indented JSON for a person at a terminal; compact (and much faster to write) for a program.
    return 2 if sys.stdout.isatty() else None


JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of a table.")]
AliasesOption = Annotated[Optional[Path], typer.Option("--aliases", metavar="FILE",
                                                       help="A TOML file of extra dossier names.")]


@app.command()
def docs(
    name: Annotated[Optional[str], typer.Argument(
        metavar="[NAME]", help="One document, by a file's base name or path, or by Kamerstuk "
        "(32317-995, kst-32317-995, 32317-OO, 22112-3254).")] = None,
    as_json: JsonOption = False,
) -> None:
    """List the indexed letters: Kamerstuk, date, type and meeting; or show one letter's reading,
    each field with the text it was read from, for you to check.

    Examples:

      jbz docs --json | jq '.[].kamerstuk'

      jbz docs 32317-995

      jbz docs kst-32317-995 --json

      jbz docs ~/brieven/agenda.pdf
    """
    from jbz import store
    db = open_index(answers=name is not None)
    if name is None:
        rows = store.documents(db)
    else:
        try:
            rows = [store.document_named(db, name)]
        except store.DocumentNotFound as exc:
            fail(str(exc), EXIT_NOT_FOUND)
        except store.AmbiguousDocument as exc:
            fail(str(exc))
    if as_json:
        _print_json([row.to_json() for row in rows])
        return
    if name is None:
        _show("documents_table", rows)
    else:
        _show("document_view", rows[0])


@app.command()
def show(
    name: Annotated[str, typer.Argument(metavar="NAME", help="A letter, as 'jbz docs' takes it: a file's base name "
                                        "or path, or its Kamerstuk (32317-995, kst-32317-995).")],
    where: Annotated[Optional[str], typer.Argument(metavar="[WHERE]", help="A place in it, as track and search "
                                                   "name it: 'Binnenlandse Zaken.1', cover, 'footnote 3'.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Print a letter's whole text, or one place of it, with the footnotes after it.

    Examples:

      jbz show 32317-995

      jbz show 32317-995 "Binnenlandse Zaken.1"

      jbz show kst-32317-978 cover --json
    """
    from jbz import store
    from jbz.store.places import PlaceNotFound, letter_text
    db = open_index(answers=True)
    try:
        letter = letter_text(db, store.document_named(db, name), where)
    except (store.DocumentNotFound, PlaceNotFound) as exc:
        fail(str(exc), EXIT_NOT_FOUND)
    except store.AmbiguousDocument as exc:
        fail(str(exc))
    if as_json:
        _print_json(letter.to_json())
        return
    _show("letter_view", letter)


@app.command()
def meetings(as_json: JsonOption = False) -> None:
    """List the Council meetings in date order, with their letters.

    Example:  jbz meetings --json
    """
    from jbz import store
    rows = list(store.meetings(open_index()))
    if as_json:
        _print_json(rows)
        return
    _show("meetings_table", rows)


@app.command()
def dossiers(
    as_json: JsonOption = False,
    aliases: AliasesOption = None,
    min_letters: Annotated[int, typer.Option("--min-letters", metavar="N",
                                             help="Only files that at least N letters name.")] = 1,
) -> None:
    """List every EU file the letters name, once, the latest first: its other names, how many letters
    and meetings, first and last date, the stage the letters say it reached, procedure / COM / act.

    One file is one row under all its names: spellings, abbreviations a letter defines ("het
    Europees Openbaar Ministerie (EOM)"), formal titles, act, COM and procedure numbers, the built-in
    register of EU Justice and Home Affairs files and your alias file (~/.config/jbz/dossiers.toml or --aliases).

    Examples:

      jbz dossiers

      jbz dossiers --min-letters 3 --json
    """
    from jbz.dossiers import files
    known = _known(aliases)
    db = open_index(mapped=False)
    rows = [row.to_json() for row in files.listing(db, known, min_letters)]
    if as_json:
        _print_json(rows)
        return
    _show("dossiers_table", rows)


TERMINAL_TRACK_LIMIT = 50

HtmlOption = Annotated[Optional[str], typer.Option(
    "--html", metavar="FILE", help="Write one self-contained HTML page (no network needed) to FILE; - for stdout.")]


def _write_page(target: str, page: str) -> None:
    """Write an HTML page or a feed to `target` ("-": stdout) and say so on stderr."""
    from jbz.untrusted import escape
    page = escape(page)  # a file name or a letter's text must not reach a terminal that cats the page
    if target == "-":
        sys.stdout.write(page)
        return
    try:
        Path(target).write_text(page, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {target}: {exc.strerror or exc}")
    print(f"wrote {escape(target)}", file=sys.stderr)

DateText = Annotated[Optional[str], typer.Option(metavar="DATE", help="Any DATE form, e.g. 2025-12-08, "
                                                  "'8 december 2025', 9-12-2025 or 'december 2025'.")]


def _date_range(text: str):
    from jbz.dates import DateQueryError, parse_query_date
    try:
        return parse_query_date(text)
    except DateQueryError as exc:
        fail(str(exc))


@app.command()
def track(
    dossier: Annotated[str, typer.Argument(help="A dossier name or alias, e.g. Terugkeerverordening.")],
    as_json: JsonOption = False,
    aliases: AliasesOption = None,
    limit: Annotated[Optional[int], typer.Option(help="Show at most this many places, and meetings in the "
                                                 "overview (default: all with --json or --html, else the "
                                                 "latest 50; 0 = all).")] = None,
    positions: Annotated[bool, typer.Option("--positions", help="Show only the sentences that state the "
                                            "cabinet's (the Dutch) position, meeting by meeting.")] = False,
    brief: Annotated[bool, typer.Option("--brief", help="Show only the overview: a line per meeting (tab-separated "
                                        "into a pipe).")] = False,
    procedure: Annotated[Optional[str], typer.Option("--procedure", metavar="NUMBER", help="Only the places of one "
                                                     "EU procedure: its number, COM number or act, e.g. "
                                                     "2016/0132(COD), 'COM(2016) 272'.")] = None,
    html: HtmlOption = None,
) -> None:
    """Show where a dossier is discussed, meeting by meeting, in date order.

    Opens with an overview: a line per meeting (and per letter about no meeting) with its letters,
    the stage on the ladder (● reached, ○ planned) and what a later letter reports.

    Matching folds case and accents, finds the name inside compounds, and knows a dossier by
    its other names (see jbz/dossiers/dossiers.toml; add your own in ~/.config/jbz/dossiers.toml).

    Where the built-in register knows the file, each place belongs to one EU procedure (a name such
    as Eurodac covers several over the years), each procedure climbs its own ladder, and the EU's own
    record (proposal, general approach, agreement, adoption, entry into force) stands beside the letters.

    Examples:

      jbz track Terugkeerverordening

      jbz track Terugkeerverordening --brief

      jbz track Terugkeerverordening --html terugkeer.html

      jbz track "gemeenschappelijk systeem voor de terugkeer" --json

      jbz track "COM(2025) 101" --positions

      jbz track Eurodac --procedure "COM(2016) 272"
    """
    from jbz.dossiers import catalogue as dossiers_mod
    from jbz.dossiers import files, story
    from jbz.dossiers import timeline as timeline_mod
    from jbz.dossiers.procedures import procedures_of
    known = _known(aliases)
    db = open_index(answers=True)
    found = files.resolve(db, dossier, known)
    if found.members:
        members = [files.resolve(db, member, known) for member in found.members]
        entries = timeline_mod.package_timeline(db, found, members)
    else:
        entries = timeline_mod.timeline(db, found)
    if not entries:
        close = dossiers_mod.suggestions(db, dossier, known)
        hint = f"; did you mean: {', '.join(close)}?" if close else "; try 'jbz search' for any word"
        fail(f"no letter in the index discusses '{dossier}'{hint}", EXIT_NOT_FOUND)
    procedures = procedures_of(found.register_ids)
    if procedure is not None:
        chosen = next((p for p in procedures if p.matches(procedure)), None)
        if chosen is None:
            known_here = "; ".join(p.label() for p in procedures) or "none is known"
            fail(f"'{found.name}' has no procedure {procedure} (its procedures: {known_here})", EXIT_NOT_FOUND)
        procedures = [chosen]
        entries = [e for e in entries if e.procedure and e.procedure.register_id == chosen.register_id]
        if not entries:
            fail(f"no letter in the index speaks of {chosen.label()}", EXIT_NOT_FOUND)
    status = story.tell(entries, procedures)
    # The overview needs every place's stage; piped, only --brief prints it (at 11,000 places the
    # stages and the overview cost a quarter of the command).
    staged = as_json or html is not None or brief or sys.stdout.isatty()
    if staged:
        story.stage_entries(found, entries)
    overview = story.overview(entries) if staged else []
    if limit is None and not as_json and html is None:
        limit = TERMINAL_TRACK_LIMIT
    # A capped timeline keeps its latest places and meetings: that is where a file stands now.
    rows = overview[-limit:] if limit else overview
    head = {"query": dossier, "dossier": found.name, "aliases": found.aliases, "status": status.to_json(),
            "total": len(entries), "eu_record": status.record}
    if brief and html is None:
        if as_json:
            _print_json({**head, "overview": [row.to_json() for row in rows]})
        else:
            _show("overview", found, rows, len(entries), status, total_rows=len(overview))
        return
    shown = entries[-limit:] if limit else entries
    timeline_mod.load_texts(db, found, shown)
    story.describe(found, shown, staged=staged)
    story.mark_rows(rows, story.compare_positions(shown))
    if positions:
        shown = [e for e in shown if e.positions]
    if html is not None:
        from jbz.views.html import track_page
        _write_page(html, track_page(found, shown, len(entries), status, rows))
        return
    if as_json:
        _print_json({**head, "overview": [row.to_json() for row in rows], "entries": [e.to_json() for e in shown]})
        return
    _show("timeline", found, shown, len(entries), status, positions_only=positions, overview_rows=rows,
          total_rows=len(overview))


@app.command()
def meeting(
    date: Annotated[str, typer.Argument(metavar="DATE", help="A day or a month: 2025-12-08, '8 december 2025', "
                                        "'8 dec 2025', 9-12-2025, 8/12/2025, 'december 2025', 2025-12.")],
    as_json: JsonOption = False,
    html: HtmlOption = None,
) -> None:
    """Show one meeting: dates, place, its letters, cover-letter topics and the agenda; where both an
    agenda and a report are indexed, each agenda item beside the report's item on the same subject.

    Any day inside a multi-day meeting finds it; a month lists every meeting in it.

    Examples:

      jbz meeting 2025-12-08

      jbz meeting "december 2025" --json

      jbz meeting 2025-12 --html december.html
    """
    from jbz import store
    from jbz.dossiers.pairing import meeting_pairing
    wanted = _date_range(date)
    known = _known(None)
    db = open_index(answers=True)
    found = store.meetings_between(db, wanted.start.isoformat(), wanted.end.isoformat())
    if not found:
        before, after = store.nearest_meetings(db, wanted.start.isoformat())
        near = "; ".join(f"{label} {m['start']}" + (f" ({m['location']})" if m["location"] else "")
                         for label, m in (("before:", before), ("after:", after)) if m)
        fail(f"no meeting on {date}" + (f"; nearest {near}" if near else "; the index holds no meetings"),
             EXIT_NOT_FOUND)
    for item in found:
        pairing = meeting_pairing(db, item["start"], known)
        item.update(pairing.to_json() if pairing else {"pairs": [], "unpaired": {"agenda": [], "verslag": []}})
    if html is not None:
        from jbz.views.html import meeting_page
        _write_page(html, meeting_page(date, found))
        return
    if as_json:
        _print_json({"query": date, "meetings": found})
        return
    for item in found:
        _show("meeting_view", item)


@app.command()
def search(
    terms: Annotated[list[str], typer.Argument(help="Words, \"a phrase\", OR, NOT, prefix*.")],
    since: DateText = None,
    until: DateText = None,
    doc_type: Annotated[Optional[str], typer.Option("--type", help="agenda, verslag or other.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many results to show.")] = 20,
    sort: Annotated[str, typer.Option(help="relevance or date.")] = "relevance",
    as_json: JsonOption = False,
) -> None:
    """Search items and cover letters; whole-word hits first, then hits inside compounds.

    Examples:

      jbz search terugkeerhub

      jbz search '"algemene orientatie"' --since 2025-10 --type agenda

      jbz search Eurodac OR ETIAS --sort date
    """
    from jbz.search import Filters, QueryError, search as run_search
    if doc_type not in (None, "agenda", "verslag", "other"):
        fail(f"--type must be agenda, verslag or other, not '{doc_type}'")
    if sort not in ("relevance", "date"):
        fail(f"--sort must be relevance or date, not '{sort}'")
    filters = Filters(since=_date_range(since).start.isoformat() if since else None,
                      until=_date_range(until).end.isoformat() if until else None, doc_type=doc_type)
    query = " ".join(terms)
    db = open_index(answers=True)
    try:
        results = run_search(db, query, filters, limit, sort)
    except QueryError as exc:
        fail(str(exc))
    if as_json:
        _print_json({"query": query, "total": results.total, "results": [h.to_json() for h in results.hits]})
    else:
        _show("search_results", query, results)
    if not results.total:
        raise typer.Exit(EXIT_NOT_FOUND)


@app.command()
def fetch(
    dossiers: Annotated[Optional[list[str]], typer.Argument(
        metavar="[DOSSIERNUMMER ...]", help="Kamerstuk dossiers (default: 32317, the JBZ-Raad letters since "
        "2010; 23490 holds those before).")] = None,
    dest: Annotated[Optional[Path], typer.Option(metavar="DIR", help="The mirror folder (default: "
                                                 "~/.local/share/jbz/letters).")] = None,
    form: Annotated[str, typer.Option("--format", help="pdf (the official publication), html or xml; "
                                      "another form the record offers if it lacks this one.")] = "pdf",
    since: DateText = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List what would be fetched; write nothing.")] = False,
    prune: Annotated[bool, typer.Option(help="Remove letters the service no longer lists.")] = False,
    sru_url: Annotated[Optional[str], typer.Option(metavar="URL", help="The SRU service (default: $JBZ_SRU_URL, "
                                                   "or https://repository.overheid.nl/sru).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Download a dossier's Kamerstukken (Tweede and Eerste Kamer) from the official open-data service
    into a local mirror, with each one's metadata.xml, and index them. The only command that uses the
    network; a second run downloads only what is new or changed.

    Examples:

      jbz fetch                          every JBZ-Raad letter since 2010

      jbz fetch 32317 23490 --since 2024-01-01

      jbz fetch --dry-run --json
    """
    from jbz import store
    from jbz.fetch.client import FetchError, Settings
    from jbz.fetch.mirror import (DEFAULT_DOSSIER, FORMATS, FetchInterrupted, FetchOptions, NotADossier,
                                  dossier_number, fetch as run_fetch, service_url)
    if form not in FORMATS:
        fail(f"--format must be {', '.join(FORMATS)}, not '{form}'")
    try:
        numbers = [dossier_number(d) for d in dossiers or [DEFAULT_DOSSIER]]
        settings = Settings.from_env()
    except (NotADossier, FetchError) as exc:
        fail(str(exc))
    options = FetchOptions(numbers, dest or default_db_path().parent / "letters", service_url(sru_url), form,
                           _date_range(since).start if since else None, dry_run, prune)
    err = _err()
    path, _ = resolve_db()

    def say(message: str) -> None:
        err.print(message, highlight=False, markup=False)

    try:
        with _ProgressBar(err, err.is_terminal, doing="fetching", unit="letters") as bar, \
                _ProgressBar(err, err.is_terminal) as index_bar:
            report = run_fetch(options, settings, None if dry_run else lambda: store.open_db(path, _say_upgrading(path)),
                               progress=bar.update, say=say, index_progress=index_bar.update)
    except (FetchError, store.DatabaseError) as exc:
        fail(str(exc))
    except FetchInterrupted as exc:
        done = len(exc.report.new) + len(exc.report.changed)
        err.print(f"interrupted after fetching {done} letters; no file is half-written, and running the same "
                  "command again finishes the work", highlight=False)
        raise typer.Exit(EXIT_INTERRUPTED)
    for skipped in report.skipped:
        say(f"skipped {skipped.identifier}: {skipped.reason}")
    for identifier in report.withdrawn:
        say(f"{identifier} is no longer listed by the service" + (": removed" if identifier in report.pruned
                                                                   else " (--prune removes it)"))
    if dry_run:
        for identifier in report.new + report.changed:
            say(f"would fetch {identifier} ({'new' if identifier in report.new else 'changed'})")
    if as_json:
        _print_json(report.to_json())
    verb = "would fetch" if dry_run else "fetched"
    say(f"{report.listed} listed: {verb} {len(report.new)} new, {len(report.changed)} changed; "
        f"{len(report.unchanged)} unchanged, {len(report.skipped)} skipped, {len(report.withdrawn)} withdrawn; "
        f"{report.indexed} indexed; {report.requests} requests -> {options.dest}")
    if report.indexed and not dry_run:
        _say_followed_news(store.open_db(path), say)
    if report.skipped:
        raise typer.Exit(EXIT_ERROR)


def _say_followed_news(db, say) -> None:
    """Say in a line per followed file what `jbz news` would show now (nothing when none is followed)."""
    from jbz import store
    from jbz.dossiers import catalogue
    from jbz.dossiers.news import followed_news
    if not store.followed(db):
        return
    try:
        known = catalogue.load_dossiers()
    except catalogue.AliasFileError:
        return
    from jbz.views.plain import count
    news = [n for n in followed_news(db, known) if n.letters]
    for file in news:
        say(f"new for {file.dossier}: {count(len(file.letters), 'letter')}, {count(file.places, 'place')}"
            + (f"; stage {file.stage['from'] or 'none'} -> {file.stage['to']}" if file.stage else "")
            + " ('jbz news' shows them)")
    if not news:
        say("nothing new for the files you follow")


@app.command()
def follow(
    names: Annotated[list[str], typer.Argument(metavar="NAME...", help="Any name `jbz track` understands.")],
    aliases: AliasesOption = None,
) -> None:
    """Follow EU files: `jbz news` then says what is new for them. Kept in the index.

    Examples:

      jbz follow Terugkeerverordening "COM(2022) 209"
    """
    from jbz import store
    from jbz.dossiers import files
    db, known = open_index(), _known(aliases)
    for name in names:
        found = files.resolve(db, name, known)
        added = store.follow(db, found.name, name)
        shown = f"{found.name} (as '{name}')" if found.name != name.strip() else found.name
        _err().print(f"{'following' if added else 'already following'} {shown}", highlight=False, markup=False)


@app.command()
def unfollow(
    names: Annotated[list[str], typer.Argument(metavar="NAME...", help="A followed file, by any of its names.")],
    aliases: AliasesOption = None,
) -> None:
    """Stop following EU files (exit 1 when one was not followed).

    Examples:

      jbz unfollow Terugkeerverordening
    """
    from jbz import store
    from jbz.dossiers import files
    db, known = open_index(), _known(aliases)
    missing = False
    for name in names:
        followed = {row.dossier for row in store.followed(db)}
        target = name if name in followed else files.resolve(db, name, known).name
        if store.unfollow(db, target):
            _err().print(f"no longer following {target}", highlight=False, markup=False)
        else:
            missing = True
            _err().print(f"not following '{name}'; 'jbz following' lists what you follow", highlight=False,
                         markup=False)
    if missing:
        raise typer.Exit(EXIT_NOT_FOUND)


@app.command()
def following(as_json: JsonOption = False) -> None:
    """List the files you follow: each with its last meeting, stage and when you last looked.

    Examples:

      jbz following --json
    """
    from jbz import store
    from jbz.dossiers import files
    db = open_index()
    rows = {row.dossier: row for row in files.listing(db, _known(None))}
    out = []
    for followed in store.followed(db):
        row = rows.get(followed.dossier)
        out.append({"dossier": followed.dossier, "query": followed.query, "followed": followed.added,
                    "looked": followed.looked, "last": row.last if row else None,
                    "stage": row.stage if row else None, "letters": row.letters if row else 0})
    if as_json:
        _print_json(out)
        return
    if not out:
        _err().print("you follow no file yet; 'jbz follow NAME' follows one", highlight=False)
        return
    _show("following_table", out)


@app.command()
def news(
    since: DateText = None,
    every: Annotated[bool, typer.Option("--all", help="Every file the letters name, not only the ones you follow.")] = False,
    peek: Annotated[bool, typer.Option("--peek", help="Show without remembering what was shown.")] = False,
    atom: Annotated[Optional[str], typer.Option("--atom", metavar="FILE", help="Also write it as an Atom feed to "
                                                "FILE; - for stdout (then nothing else is printed there).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Say what is new for the files you follow since `jbz news` last showed them: the new letters,
    their places, a stage move, the cabinet's positions. Then remembers what it showed (by the letters'
    identities: a re-index or --rebuild shows nothing twice); --peek does not.

    With --since DATE: the letters dated from DATE on, shown before or not.

    Examples:

      jbz news

      jbz news --peek --json

      jbz news --since 2025-12-01 --atom terugkeer.xml
    """
    import datetime as dt
    from jbz import store
    from jbz.dossiers.news import followed_news
    known = _known(None)
    db = open_index()
    if not every and not store.followed(db):
        fail("you follow no file yet; 'jbz follow NAME' follows one (or 'jbz news --all')", EXIT_NOT_FOUND)
    start = _date_range(since).start.isoformat() if since else None
    remember = not peek and not every
    # What is shown and what is remembered are one: the write lock is taken before anything is read,
    # so two runs at once queue, and Ctrl-C before the commit remembers nothing (and showed nothing).
    with store.transaction(db.conn) if remember else contextlib.nullcontext():
        found = followed_news(db, known, every, start)
        if remember:
            for file in found:
                if file.seen:
                    store.remember_shown(db, file.dossier, file.seen,
                                         file.standing.to_json() if file.standing else None)
    fresh = [file for file in found if file.letters]
    if atom is not None:
        from jbz.views.atom import feed
        _write_page(atom, feed(fresh, dt.datetime.now(dt.timezone.utc)))
        if atom == "-":
            return
    if as_json:
        _print_json({"since": start, "dossiers": [file.to_json() for file in fresh]})
        return
    if not fresh:
        _err().print("nothing new" + (f" since {start}" if start else " since you last looked"), highlight=False)
        return
    _show("news_view", fresh)


def _known(aliases: Path | None):
    """Return the dossiers of the alias files, or fail saying what is wrong with one."""
    from jbz.dossiers import catalogue
    try:
        return catalogue.load_dossiers(aliases)
    except catalogue.AliasFileError as exc:
        fail(str(exc))


def main() -> None:
    """Run the jbz command line; never let a traceback reach the user (JBZ_DEBUG=1 shows it)."""
    try:
        app()
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:  # noqa: BLE001 - the last line of defence for the user's terminal
        if os.environ.get("JBZ_DEBUG"):
            raise
        from jbz.untrusted import escape
        print(f"jbz: internal error: {type(exc).__name__}: {escape(str(exc))}. Run again with JBZ_DEBUG=1 for the"
              " details, and please report it.", file=sys.stderr)
        sys.exit(EXIT_ERROR)
