"""What is new for the files a user follows: the letters `jbz news` has not shown before (kept by the
letter's identity, so a re-index shows nothing twice), or those dated from a day on; their places,
the stage move they make, and the cabinet's positions in them."""
from __future__ import annotations

from dataclasses import dataclass, field

from jbz import store
from jbz.dossiers import files
from jbz.dossiers.catalogue import Dossier
from jbz.dossiers.story import positions, stage_entries, tell
from jbz.dossiers.timeline import Entry, letters_naming, load_texts, package_timeline, timeline
from jbz.language.stages import STAGES
from jbz.language.stances import stance_of


@dataclass(slots=True)
class Standing:
    """Where a file stands by the letters read so far: the highest rung reached, the highest planned
    beyond it, and the newest procedure spoken of (its label)."""

    reached: str | None = None
    planned: str | None = None
    procedure: str | None = None

    def text(self) -> str | None:
        """Return the standing as a reader says it: "algemene oriëntatie reached; … planned"."""
        parts = [f"{self.reached} reached"] if self.reached else []
        if self.planned:
            parts.append(f"{self.planned} planned")
        said = "; ".join(parts) or None
        return f"{self.procedure}: {said or 'no stage yet'}" if self.procedure else said

    def to_json(self) -> dict:
        return {"reached": self.reached, "planned": self.planned, "procedure": self.procedure}


@dataclass(slots=True)
class FileNews:
    """What is new for one file."""

    dossier: str
    letters: list[dict] = field(default_factory=list)
    places: int = 0
    #: {"from": …, "to": …} (Standing.text) where the new letters move the file's stage, else None.
    stage: dict | None = None
    positions: list[dict] = field(default_factory=list)
    #: The identities of the new letters, and the standing after them (remembered unless peeking).
    seen: list[str] = field(default_factory=list)
    standing: Standing | None = None

    def to_json(self) -> dict:
        """Return the file's news in the `jbz news --json` shape."""
        return {"dossier": self.dossier, "letters": self.letters, "places": self.places, "stage": self.stage,
                "positions": self.positions}


def file_news(db: store.Index, dossier: Dossier, members: list[Dossier], shown: set[str],
              before: dict | None, since: str | None = None) -> FileNews:
    """Return what is new for one file: its letters not in `shown` (or, with `since`, dated from that
    day on), their places and positions, and the stage move from the standing `before` (as remembered)."""
    naming = letters_naming(db, dossier)
    for member in members:
        naming.update(letters_naming(db, member))
    new = {document for document, letter in naming.items() if (letter or str(document)) not in shown}
    letters = _letters(db, new)
    if since is not None:
        new = {document for document, (_, _, day) in letters.items() if day >= since}
    news = FileNews(dossier.name)
    if not new:
        return news
    entries = package_timeline(db, dossier, members, new) if members else timeline(db, dossier, new)
    if not entries:
        return news
    tell(entries)
    stage_entries(dossier, entries)
    was = Standing(**before) if before else Standing()
    news.standing = _moved_to(was, entries)
    if news.standing.text() != was.text():
        news.stage = {"from": was.text(), "to": news.standing.text()}
    load_texts(db, dossier, entries)
    paths = {identity: path for identity, path, _ in letters.values()}
    by_letter: dict[str, dict] = {}
    for entry in entries:
        by_letter.setdefault(entry.letter or entry.file, {
            "file": entry.file, "kamerstuk": entry.kamerstuk, "doc_type": entry.doc_type,
            "letter_date": entry.letter_date, "meeting_start": entry.meeting_start, "url": entry.url,
            "path": paths.get(entry.letter), "letter": entry.letter or entry.file})
        news.positions += [{"text": sentence, "stance": stance_of(sentence), "file": entry.file,
                            "meeting_start": entry.meeting_start} for sentence in positions(entry)]
    news.letters = sorted(by_letter.values(), key=lambda letter: (letter["letter_date"] or letter["meeting_start"] or "",
                                                                   letter["file"]))
    news.places = len(entries)
    news.seen = list(by_letter)
    return news


def _letters(db: store.Index, documents: set[int]) -> dict[int, tuple[str, str, str]]:
    """Return each of these letters' identity, file path and date (its own, else its meeting's)."""
    ids = sorted(documents)
    found: dict[int, tuple[str, str, str]] = {}
    for at in range(0, len(ids), 500):
        chunk = ids[at:at + 500]
        found.update((row[0], row[1:]) for row in db.conn.execute(
            "SELECT d.id, d.identity, d.path, coalesce(d.letter_date, m.start, '') FROM documents d"
            f" LEFT JOIN meetings m ON m.id = d.meeting_id WHERE d.id IN ({','.join('?' * len(chunk))})", chunk))
    return found


def _moved_to(was: Standing, entries: list[Entry]) -> Standing:
    """Return the standing after the new places: the highest rung reached and planned by then, on the
    newest procedure (a new procedure starts again)."""
    own = [entry for entry in entries if entry.member is None]
    procedures = [entry.procedure for entry in own if entry.procedure]
    newest = max(procedures, key=lambda p: p.opened, default=None)
    label = newest.label() if newest else was.procedure
    standing = Standing(was.reached, was.planned, label) if label == was.procedure else Standing(procedure=label)
    rank = {name: rung for rung, name in enumerate(STAGES)}
    for entry in own:
        if newest is not None and entry.procedure is not None and entry.procedure.register_id != newest.register_id:
            continue
        for claim in entry.claims:
            if claim.status != "planned" and claim.milestone and rank[claim.name] > rank.get(standing.reached, -1):
                standing.reached = claim.name
            elif claim.status == "planned" and rank[claim.name] > rank.get(standing.planned, -1):
                standing.planned = claim.name
    if standing.planned and rank[standing.planned] <= rank.get(standing.reached, -1):
        standing.planned = None
    return standing


def followed_news(db: store.Index, known: list[Dossier], everything: bool = False,
                  since: str | None = None) -> list[FileNews]:
    """Return what is new for each followed file (`everything`: for every file the index lists), in the
    order they were followed; with `since`, the letters dated from that day on, shown or not."""
    if everything:
        wanted = [(row.dossier, row.dossier, None) for row in files.listing(db, known)]
    else:
        wanted = [(row.dossier, row.query, row.standing) for row in store.followed(db)]
    found = []
    for name, query, before in wanted:
        dossier = files.resolve(db, query, known)
        members = [files.resolve(db, member, known) for member in dossier.members]
        shown = set() if since is not None else store.shown_letters(db, name)
        # The stage moves from where the file stood when last shown, also with --since: a reading of
        # the recent letters alone would forget the rungs they do not restate.
        news = file_news(db, dossier, members, shown, before, since)
        news.dossier = name
        found.append(news)
    return found
