"""Files on disk -> stored documents: walk the paths, skip what is unchanged, report what failed."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import sqlite_utils

from jbz import store
from jbz.parse import PARSER_VERSION, identity_of, parse_letter
from jbz.read import READERS, UnreadableFile, read_file


@dataclass(slots=True)
class Failure:
    """A file that was skipped, and why."""

    path: str
    reason: str


@dataclass(slots=True)
class IndexReport:
    """What one `jbz index` run did."""

    indexed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)


def bundled_seeds() -> Path:
    """Return the folder of letters that ship with jbz (the default corpus)."""
    here = Path(__file__).resolve().parent
    installed, source_tree = here / "seeds", here.parent / "seeds"
    return installed if installed.is_dir() else source_tree


def collect_files(paths: Iterable[Path], report: IndexReport) -> list[Path]:
    """Return the letter files under `paths` (folders recursively); missing paths go to `report`."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(_walk(path, report))
        elif path.is_file():
            found.append(path)
        elif path.is_symlink():
            report.failed.append(Failure(str(path), "a symbolic link that points nowhere"))
        else:
            report.failed.append(Failure(str(path), "no such file or folder"))
    return found


def _walk(folder: Path, report: IndexReport) -> list[Path]:
    files = []
    for root, dirs, names in os.walk(folder, onerror=lambda e: report.failed.append(
            Failure(str(e.filename), f"cannot read folder: {e.strerror}"))):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(root) / name
            if name.startswith(".") or path.suffix.lower() not in READERS:
                continue
            if path.is_symlink() and not path.exists():
                report.failed.append(Failure(str(path), "a symbolic link that points nowhere"))
                continue
            files.append(path)
    return files


def index_paths(db: sqlite_utils.Database, paths: Iterable[Path],
                progress: Callable[[int, int], None] | None = None, prune: bool = False) -> IndexReport:
    """Read, parse and store every letter under `paths`; return what was indexed, skipped and why.

    `progress(done, total)` is called after each file.
    """
    report = IndexReport()
    files = collect_files(paths, report)
    for done, path in enumerate(files, 1):
        index_file(db, path, report)
        if progress:
            progress(done, len(files))
    if prune:
        report.pruned = [p for p in store.indexed_paths(db) if not Path(p).exists()]
        store.remove_files(db, report.pruned)
    return report


def index_file(db: sqlite_utils.Database, path: Path, report: IndexReport) -> None:
    """Index one file into `db`, recording the outcome in `report`."""
    key = str(path.resolve())
    try:
        data = path.read_bytes()
    except OSError as exc:
        report.failed.append(Failure(str(path), f"cannot read: {exc.strerror or exc}"))
        return
    # The parser's version is part of the key: a newer reading refreshes unchanged files too.
    sha = f"{hashlib.sha256(data).hexdigest()}/{PARSER_VERSION}"
    if store.stored_hash(db, key) == sha:
        report.unchanged.append(str(path))
        return
    try:
        text = read_file(path)
    except UnreadableFile as exc:
        report.failed.append(Failure(str(path), str(exc)))
        return
    doc = parse_letter(text.text)
    doc.warnings = text.warnings + doc.warnings
    store.save_document(db, key, sha, doc, identity_of(doc, text.text))
    report.indexed.append(str(path))
    report.warnings.extend((str(path), w) for w in doc.warnings)
