"""The `jbz` command: a thin Typer layer that opens the index, calls the library, renders.

Exit codes: 0 ok, 1 nothing found, 2 usage or data error, 130 interrupted.
"""
from __future__ import annotations

import json
import os
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
    epilog=EPILOG, no_args_is_help=True, add_completion=False, rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]})


class State:
    db_option: Optional[Path] = None


state = State()


def _out():
    from rich.console import Console
    return Console()


def _err():
    from rich.console import Console
    return Console(stderr=True, soft_wrap=True)


def fail(message: str, code: int = EXIT_ERROR) -> None:
    """Print a one-line error on stderr and exit with `code`."""
    _err().print(f"[bold red]error:[/] {message}", highlight=False)
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


def open_index(fill_default: bool = True):
    """Open the index; on a new default database, index the bundled letters first."""
    from jbz import store
    path, is_default = resolve_db()
    try:
        db = store.open_db(path)
    except store.DatabaseError as exc:
        fail(str(exc))
    if fill_default and is_default and store.is_empty(db):
        from jbz.indexer import bundled_seeds, index_paths
        report = index_paths(db, [bundled_seeds()])
        _err().print(f"jbz: first run: indexed the {len(report.indexed)} bundled letters into {path}",
                     highlight=False)
    return db


@app.callback()
def main_options(
    db: Annotated[Optional[Path], typer.Option("--db", help="The index file (default: $JBZ_DB, or "
                                               "~/.local/share/jbz/jbz.db).", metavar="FILE")] = None,
) -> None:
    state.db_option = db


@app.command()
def index(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Letter files or folders (recursive). "
                                                          "Default: the bundled letters.")] = None,
    prune: Annotated[bool, typer.Option(help="Remove documents whose files are gone.")] = False,
    rebuild: Annotated[bool, typer.Option(help="Start the database afresh.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the summary.")] = False,
) -> None:
    """Read letters (.txt) into the index. Unchanged files are skipped; changed files replaced.

    Examples:

      jbz index                      the bundled letters

      jbz index ~/brieven --prune    a folder, dropping letters whose files are gone
    """
    from jbz import store
    from jbz.indexer import bundled_seeds, index_paths
    path, _ = resolve_db()
    if rebuild:
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    try:
        db = store.open_db(path)
    except store.DatabaseError as exc:
        fail(str(exc))
    targets = paths or [bundled_seeds()]
    err = _err()
    try:
        report = index_paths(db, targets, prune=prune)
    except KeyboardInterrupt:
        err.print(f"interrupted, {store.document_count(db)} documents stored")
        raise typer.Exit(EXIT_INTERRUPTED)
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


JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of a table.")]


@app.command()
def docs(as_json: JsonOption = False) -> None:
    """List the indexed letters: Kamerstuk, date, type and meeting.

    Example:  jbz docs --json | jq '.[].kamerstuk'
    """
    from jbz import render, store
    rows = store.documents(open_index())
    if as_json:
        print(json.dumps([row.to_json() for row in rows], ensure_ascii=False, indent=2))
        return
    _out().print(render.documents_table(rows))


@app.command()
def meetings(as_json: JsonOption = False) -> None:
    """List the Council meetings in date order, with their letters.

    Example:  jbz meetings --json
    """
    from jbz import render, store
    rows = list(store.meetings(open_index()))
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    _out().print(render.meetings_table(rows))


def main() -> None:
    """Run the jbz command line; never let a traceback reach the user."""
    try:
        app()
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)
