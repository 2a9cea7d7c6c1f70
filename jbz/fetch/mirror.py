"""The local mirror of a dossier's Kamerstukken: what the listing holds that the mirror lacks is
downloaded, each file written under a temporary name and renamed, then everything is indexed.

DEST/<dossier>/<identifier>.<pdf|html|xml> and <identifier>.metadata.xml; DEST/<dossier>/.jbz-fetch.json
keeps each letter's `dcterms:modified`, so a second run downloads only what is new or changed.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from jbz.fetch.client import OFFICIAL_SRU_URL, Client, DownloadFailed, FetchError, Settings
from jbz.read.metadata import SUFFIX as METADATA_SUFFIX
from jbz.read.metadata import read_official
from jbz.fetch.sru import Record, list_records
from jbz.untrusted import UnsafeXml

#: The forms a letter is fetched in, in the order a missing one falls back to.
FORMATS = ("pdf", "html", "xml")
STATE_FILE = ".jbz-fetch.json"
#: The dossier of the JBZ-Raad letters since 2010 (23490 holds the ones before).
DEFAULT_DOSSIER = "32317"
_DOSSIER = re.compile(r"\d{4,6}(?:-[0-9A-Za-z]{1,4})?")
# An identifier names a file in the mirror: letters, digits, '-', '_' and '.', never '..' or a '/'.
_SAFE_IDENTIFIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,150}")


def _safe_name(name) -> bool:
    return isinstance(name, str) and bool(_SAFE_IDENTIFIER.fullmatch(name)) and ".." not in name


class NotADossier(ValueError):
    """What was asked for is not a dossier number; the message says what to type instead."""


class FetchInterrupted(Exception):
    """Ctrl-C during a run; `report` holds what was done, and the next run finishes the work."""

    def __init__(self, report: "FetchReport") -> None:
        super().__init__("interrupted")
        self.report = report


@dataclass(slots=True)
class Skipped:
    """A Kamerstuk that was not fetched (or not indexed), and why."""

    identifier: str
    reason: str


@dataclass(slots=True)
class FetchReport:
    """What one `jbz fetch` run did (or, with --dry-run, would do)."""

    #: Kamerstukken the listing holds (on or after --since), attachments not counted.
    listed: int = 0
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    #: In the mirror but no longer listed; --prune removes them.
    withdrawn: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    #: (identifier, form taken) where the asked-for form was not offered.
    fallbacks: list[tuple[str, str]] = field(default_factory=list)
    indexed: int = 0
    #: HTTP requests made, retries included.
    requests: int = 0
    dry_run: bool = False

    def to_json(self) -> dict:
        """Return the `jbz fetch --json` shape: counts, and the skipped letters with their reasons."""
        return {"listed": self.listed, "new": len(self.new), "changed": len(self.changed),
                "unchanged": len(self.unchanged),
                "skipped": [{"identifier": s.identifier, "reason": s.reason} for s in self.skipped],
                "indexed": self.indexed, "withdrawn": self.withdrawn, "pruned": self.pruned,
                "fallbacks": [{"identifier": i, "format": f} for i, f in self.fallbacks],
                "fetched": self.new + self.changed if not self.dry_run else [], "dry_run": self.dry_run,
                "requests": self.requests}


@dataclass(slots=True)
class FetchOptions:
    """What to fetch, where to, and how."""

    dossiers: list[str]
    dest: Path
    sru_url: str = OFFICIAL_SRU_URL
    format: str = "pdf"
    #: Only letters whose dcterms:issued is on or after this day.
    since: dt.date | None = None
    dry_run: bool = False
    prune: bool = False


def dossier_number(text: str) -> str:
    """Return a dossier number as the service knows it ("32 317" -> "32317"); raise NotADossier."""
    number = "".join(text.split())
    if not _DOSSIER.fullmatch(number):
        raise NotADossier(f"'{text}' is not a dossier number: jbz fetch takes Kamerstuk dossiers such as 32317 "
                          f"(the JBZ-Raad letters since 2010) or 23490 (before); fetch those, then "
                          f"'jbz track {text}' follows a file by its name")
    return number


def service_url(option: str | None, environ=os.environ) -> str:
    """Return the SRU base URL: --sru-url, else $JBZ_SRU_URL, else the official endpoint."""
    return (option or environ.get("JBZ_SRU_URL") or OFFICIAL_SRU_URL).strip()


def fetch(options: FetchOptions, settings: Settings, open_index: Callable[[], object] | None = None,
          progress: Callable[[int, int], None] | None = None, say: Callable[[str], None] | None = None,
          index_progress: Callable[[int, int], None] | None = None) -> FetchReport:
    """List the dossiers, download what the mirror lacks, and index the mirror into the index
    `open_index()` returns (none: not indexed); return the report.

    Every listing is read before anything is written (the index is not even opened): without network,
    or on an SRU diagnostic, FetchError is raised and nothing changes. Ctrl-C raises FetchInterrupted.
    """
    say = say or (lambda message: None)
    client = Client.for_service(options.sru_url, settings)
    report = FetchReport(dry_run=options.dry_run)
    try:
        listings = {dossier: _kamerstukken(client, options, dossier) for dossier in options.dossiers}
        mirrors = {dossier: Mirror(options.dest / dossier) for dossier in options.dossiers}
        plans = [(mirrors[d], record, status) for d, records in listings.items()
                 for record, status in _plan(mirrors[d], records, options, report)]
        for dossier, records in listings.items():
            _note_withdrawn(mirrors[dossier], {r.identifier for r in records}, options, report)
        if not options.dry_run:
            _download_all(client, plans, options, report, progress, say)
            if options.prune:
                _prune(mirrors.values(), report)
            if open_index is not None:
                _index(open_index(), [m.folder for m in mirrors.values() if m.folder.is_dir()], report, index_progress)
        else:
            for _, record, status in plans:
                (report.new if status == "new" else report.changed).append(record.identifier)
    except KeyboardInterrupt:
        report.requests = client.requests
        raise FetchInterrupted(report) from None
    report.requests = client.requests
    return report


def _kamerstukken(client: Client, options: FetchOptions, dossier: str) -> list[Record]:
    """Return the dossier's Kamerstukken the listing holds, once each, on or after --since."""
    seen: dict[str, Record] = {}
    for record in list_records(client, options.sru_url, dossier):
        if record.is_kamerstuk and record.identifier not in seen and _on_or_after(record.issued, options.since):
            seen[record.identifier] = record
    return list(seen.values())


def _on_or_after(issued: str, since: dt.date | None) -> bool:
    if since is None:
        return True
    try:
        return dt.date.fromisoformat(issued[:10]) >= since
    except ValueError:
        return True  # no date to go by: rather fetched once too many than missed


def _plan(mirror: "Mirror", records: list[Record], options: FetchOptions, report: FetchReport):
    """Yield (record, "new" | "changed") for what must be downloaded; count the rest in `report`."""
    state = mirror.state()
    for record in records:
        report.listed += 1
        if not _safe_name(record.identifier):
            report.skipped.append(Skipped(record.identifier, "an identifier that is no safe file name; refused"))
            continue
        held = state.get(record.identifier)
        form = pick_format(record, options.format)
        if held is None:
            yield record, "new"
        elif held.get("modified") != record.modified:
            yield record, "changed"
        elif not (mirror.folder / held.get("file", "")).is_file() or (form and held.get("format") != form):
            yield record, "new"
        else:
            report.unchanged.append(record.identifier)


def pick_format(record: Record, wanted: str) -> str | None:
    """Return the form to fetch: `wanted` if the record offers it, else the first other it offers."""
    for form in (wanted, *(f for f in FORMATS if f != wanted)):
        if record.manifestations.get(form):
            return form
    return None


def _download_all(client: Client, plans, options: FetchOptions, report: FetchReport, progress, say) -> None:
    for mirror in {id(m): m for m, _, _ in plans}.values():
        mirror.clean_partials()
    for done, (mirror, record, status) in enumerate(plans, 1):
        try:
            form = _download(client, mirror, record, options.format)
        except DownloadFailed as exc:
            report.skipped.append(Skipped(record.identifier, str(exc)))
        else:
            (report.new if status == "new" else report.changed).append(record.identifier)
            if form != options.format:
                report.fallbacks.append((record.identifier, form))
                say(f"{record.identifier}: no {options.format} offered; took the {form}")
        if progress:
            progress(done, len(plans))


def _download(client: Client, mirror: "Mirror", record: Record, wanted: str) -> str:
    """Fetch one letter and its metadata.xml into the mirror; return the form taken."""
    form = pick_format(record, wanted)
    if form is None:
        raise DownloadFailed(f"the record offers no {', '.join(FORMATS)} form")
    letter = client.get(record.manifestations[form])
    if not _looks_like(form, letter):
        raise DownloadFailed(f"the {form} download is not a {form.upper()} file")
    metadata = None
    if record.manifestations.get("metadata"):
        metadata = client.get(record.manifestations["metadata"])
        try:
            read_official(metadata)
        except UnsafeXml as exc:
            raise DownloadFailed(f"its metadata.xml cannot be read: {exc}") from None
    name = f"{record.identifier}.{form}"
    # The metadata first: a letter in the mirror always has the metadata it was fetched with.
    if metadata is not None:
        mirror.write(record.identifier + METADATA_SUFFIX, metadata)
    mirror.write(name, letter)
    mirror.remember(record, name, form)
    return form


def _looks_like(form: str, data: bytes) -> bool:
    from jbz.read import sniff
    if form == "pdf":
        return sniff(data) == "pdf"
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def _note_withdrawn(mirror: "Mirror", listed: set[str], options: FetchOptions, report: FetchReport) -> None:
    for identifier, held in sorted(mirror.state().items()):
        if identifier not in listed and _on_or_after(held.get("issued", ""), options.since):
            report.withdrawn.append(identifier)


def _prune(mirrors, report: FetchReport) -> None:
    for mirror in mirrors:
        for identifier in [i for i in report.withdrawn if i in mirror.state()]:
            mirror.forget(identifier)
            report.pruned.append(identifier)


def _index(db, folders: list[Path], report: FetchReport, progress) -> None:
    """Index the mirror's folders, and forget the files of it that are gone (pruned, or replaced by
    another form)."""
    from jbz import store
    from jbz.index.indexer import index_paths
    indexed = index_paths(db, folders, progress=progress)
    report.indexed = len(indexed.indexed)
    roots = [str(folder.resolve()) + os.sep for folder in folders]
    gone = [p for p in store.indexed_paths(db) if p.startswith(tuple(roots)) and not Path(p).exists()]
    if gone:
        store.remove_files(db, gone)
    report.skipped += [Skipped(Path(f.path).name.rsplit(".", 1)[0], f"fetched but not indexed: {f.reason}")
                       for f in indexed.failed]


class Mirror:
    """One dossier's folder in the mirror, with the state of what it holds."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._state: dict[str, dict] | None = None

    def state(self) -> dict[str, dict]:
        """Return {identifier: {"modified", "issued", "file", "format"}} of the letters held."""
        if self._state is None:
            try:
                loaded = json.loads((self.folder / STATE_FILE).read_text(encoding="utf-8"))
                self._state = {k: v for k, v in loaded.items() if isinstance(v, dict) and _safe_name(v.get("file"))
                               and _safe_name(k)} if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                self._state = {}  # none yet, or damaged: every letter is fetched again, nothing is lost
        return self._state

    def path(self, name: str) -> Path:
        """Return the path of file `name` in the folder; raise DownloadFailed if it would lie outside."""
        target = (self.folder / name).resolve()
        if target.parent != self.folder.resolve() or name.startswith("."):
            raise DownloadFailed(f"the name {name!r} would lie outside the mirror; refused")
        return target

    def write(self, name: str, data: bytes) -> None:
        """Write `data` as file `name`: to a hidden temporary file first, renamed when complete."""
        target = self.path(name)
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f".{name}.part-{os.getpid()}"
        try:
            with open(partial, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)

    def remember(self, record: Record, name: str, form: str) -> None:
        """Note the letter as held, in the state file (written whole, then renamed)."""
        state = self.state()
        previous = state.get(record.identifier, {}).get("file")
        state[record.identifier] = {"modified": record.modified, "issued": record.issued, "file": name,
                                    "format": form}
        self._write_state()
        if previous and previous != name:
            (self.folder / previous).unlink(missing_ok=True)

    def _write_state(self) -> None:
        partial = self.folder / f"{STATE_FILE}.part-{os.getpid()}"
        try:
            partial.write_text(json.dumps(self.state(), indent=1, sort_keys=True), encoding="utf-8")
            os.replace(partial, self.folder / STATE_FILE)
        finally:
            partial.unlink(missing_ok=True)

    def forget(self, identifier: str) -> None:
        """Remove a letter and its metadata from the folder and the state."""
        held = self.state().pop(identifier)
        for name in (held.get("file"), identifier + METADATA_SUFFIX):
            if name:
                (self.folder / name).unlink(missing_ok=True)
        self._write_state()

    def clean_partials(self) -> None:
        """Remove temporary files a killed run left behind."""
        if self.folder.is_dir():
            for leftover in self.folder.glob(".*.part-*"):
                leftover.unlink(missing_ok=True)
