"""Files on disk -> stored documents: walk the paths, skip what is unchanged, report what failed."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from jbz import store
from jbz.read.metadata import SUFFIX as METADATA_SUFFIX
from jbz.read.metadata import apply_official_beside, metadata_bytes
from jbz.model import Document
from jbz.index.pages import place_pages
from jbz.parse import PARSER_VERSION, fingerprint, identity_of, kamerstuk_in_furniture, parse_letter
from jbz.parse.passages import passages_of
from jbz.read import READERS, UnreadableFile, read_bytes
from jbz.index.workers import read_guarded


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
    package = Path(__file__).resolve().parents[1]
    installed, source_tree = package / "seeds", package.parent / "seeds"
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
            # A fetched letter's metadata.xml is read with its letter, never as a letter of its own.
            if name.startswith(".") or path.suffix.lower() not in READERS or name.lower().endswith(METADATA_SUFFIX):
                continue
            if path.is_symlink() and not path.exists():
                report.failed.append(Failure(str(path), "a symbolic link that points nowhere"))
                continue
            files.append(path)
    return files


def index_paths(db: store.Index, paths: Iterable[Path],
                progress: Callable[[int, int], None] | None = None, prune: bool = False) -> IndexReport:
    """Read, parse and store every letter under `paths`; return what was indexed, skipped and why.

    Every file is read once, in a worker process on every core, which hashes it and reads and parses
    it only when its content hash is not the one stored; this process stores the documents, a batch
    per transaction. `progress(done, total)` is called after each file.
    """
    report = IndexReport()
    files = collect_files(paths, report)
    stored = store.stored_hashes(db)  # one read of every file's hash, not a query per file
    jobs = [(path, key, stored.get(key)) for path in files for key in [str(path.resolve())]]
    batch: list[_Reading] = []
    for done, reading in enumerate(_read_all(jobs), 1):
        if reading.unchanged:
            report.unchanged.append(str(reading.path))
        else:
            batch.append(reading)
        # The last batch is stored after every file is read, while no worker has work left: kept small.
        if len(batch) >= _BATCH or done == len(files) - _LAST_BATCH:
            _store(db, batch, report)
            batch = []
        if progress:
            progress(done, len(files))
    _store(db, batch, report)
    if report.indexed:
        store.refresh_words(db)
    if prune:
        report.pruned = [p for p in store.indexed_paths(db) if not Path(p).exists()]
        store.remove_files(db, report.pruned)
    if report.indexed or report.pruned:
        store.checkpoint(db)
    return report


@dataclass(slots=True)
class _Reading:
    """One file read and parsed (in a worker process), ready to be stored."""

    path: Path
    key: str
    sha: str
    doc: Document | None = None
    identity: str = ""
    failure: str | None = None
    unchanged: bool = False


def read_and_parse(job: tuple[Path, str, str | None]) -> _Reading:
    """Return the parsed reading of one file, or that it is unchanged (its content hash is the one
    stored), or why it cannot be read (runs in a worker)."""
    path, key, stored_sha = job
    try:
        data = path.read_bytes()
    except OSError as exc:
        return _Reading(path, key, "", failure=f"cannot read: {exc.strerror or exc}")
    # The parser's version is part of the hash: a newer reading refreshes unchanged files too; so is
    # a fetched letter's metadata.xml, which fills and checks its reading.
    sha = f"{hashlib.sha256(data + metadata_bytes(path)).hexdigest()}/{PARSER_VERSION}"
    if sha == stored_sha:
        return _Reading(path, key, sha, unchanged=True)
    try:
        text = read_bytes(data, path.suffix.lower())
    except UnreadableFile as exc:
        return _Reading(path, key, sha, failure=str(exc))
    del data  # a PDF's bytes are not needed while it is parsed
    doc = parse_letter(text.text)
    doc.warnings = text.warnings + doc.warnings
    # A PDF whose body lacks the Kamerstuk may print it in its running header.
    doc.kamerstuk = doc.kamerstuk or kamerstuk_in_furniture(text.furniture)
    apply_official_beside(doc, path)
    # Kept with every letter, so that a copy which prints no Kamerstuk joins it, in either order.
    doc.fingerprint = fingerprint(doc)
    doc.passages = passages_of(doc)
    if text.kind == "pdf":
        place_pages(text.text, doc.passages)
    return _Reading(path, key, sha, doc, identity_of(doc, text.text) or f"file:{sha}")


# Documents per write transaction: each commit makes FTS5 write a new index segment, so one per
# letter costs several times the insert itself; a batch is lost whole on Ctrl-C and redone next run.
_BATCH = 100
_LAST_BATCH = 20  # files: the batch before it is stored while the workers read these
_PARALLEL_FROM = 32  # files; below this, starting worker processes costs more than it saves
_IN_FLIGHT = 64      # parsed documents waiting to be stored, so memory stays flat at any corpus size


def _read_all(jobs: list[tuple[Path, str, str | None]]) -> Iterator[_Reading]:
    """Yield the readings of `jobs` in order, each read in a worker process under the per-file
    limits (jbz.index.workers), on every core when there are enough files."""
    cores = os.cpu_count() or 1
    processes = 1 if cores < 2 or len(jobs) < _PARALLEL_FROM else min(cores, 8)
    yield from read_guarded(read_and_parse, jobs, _failed, _size, processes, _IN_FLIGHT)


def _size(job: tuple[Path, str, str | None]) -> int:
    try:
        return job[0].stat().st_size
    except OSError:
        return 0


def _failed(job: tuple[Path, str, str | None], reason: str) -> _Reading:
    path, key, _ = job
    return _Reading(path, key, "", failure=reason)


def _store(db: store.Index, batch: list[_Reading], report: IndexReport) -> None:
    readable = []
    for reading in batch:
        if reading.failure is not None:
            report.failed.append(Failure(str(reading.path), reading.failure))
        else:
            readable.append(reading)
    if not readable:
        return
    store.save_documents(db, [(r.key, r.sha, r.doc, r.identity) for r in readable])
    for reading in readable:
        report.indexed.append(str(reading.path))
        report.warnings.extend((str(reading.path), w) for w in reading.doc.warnings)
