"""Reading the index back: documents and their readings, meetings, the word list, stored claims."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from jbz.store.database import Index
from jbz.cite import official_url
from jbz.language.stages import MeetingReference, StageClaim

CLAIM_COLUMNS = "c.sentence, c.stage, c.status, c.ref_kind, c.ref_day, c.ref_month, c.ref_year"


def claim_from_row(sentence: str, stage: str, status: str, ref_kind: str | None, ref_day: str | None,
                   ref_month: int | None, ref_year: int | None) -> StageClaim:
    """Return the StageClaim a stage_claims row holds (CLAIM_COLUMNS, in that order)."""
    if ref_kind is None:
        return StageClaim(stage, status, sentence)
    reference = MeetingReference(ref_kind, dt.date.fromisoformat(ref_day) if ref_day else None, ref_month, ref_year)
    return StageClaim(stage, status, sentence, reference)



#: The fields of a reading, in the order `jbz docs NAME` shows them.
READING_FIELDS = ("kamerstuk", "chamber", "letter_date", "doc_type", "meeting_start", "meeting_end", "location",
                  "informal", "signatories", "cover_topics")


@dataclass(slots=True)
class FieldReading:
    """One field of a document's reading, with the span it was read from, for a person to check."""

    name: str
    value: object
    #: {"text": the deciding span, "source": "text" | "pdf header" | "metadata"}, or None if none was kept.
    evidence: dict | None
    #: Worked out (a year taken from the letter date, "jl." resolved) rather than printed.
    inferred: bool


@dataclass(slots=True)
class DocumentRow:
    """One stored document as the commands list it."""

    id: int
    file: str
    path: str
    kamerstuk: str | None
    chamber: str | None
    letter_date: str | None
    doc_type: str
    meeting_start: str | None
    meeting_end: str | None
    location: str | None
    informal: bool | None
    signatories: list[str]
    cover_topics: list[str]
    warnings: list[str]
    #: Every source file of the document (one letter saved as PDF and text is one document).
    files: list[str]
    #: For each field with a value, {"text": the span it was read from, "source": "text" | "pdf header" | "metadata"}.
    evidence: dict[str, dict]
    #: The fields worked out rather than printed.
    inferred: list[str]
    #: Other meetings the document names, each {"start", "end", "location", "informal"}.
    mentioned_meetings: list[dict]
    #: What the publisher's metadata.xml says (dossiernummer, ondernummer, vergaderjaar, documenttitel,
    #: datumBrief, creator); empty for a letter not fetched.
    official: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str | None:
        """Return the letter's official page, when its Kamerstuk is known."""
        return official_url(self.kamerstuk)

    def to_json(self) -> dict:
        """Return the document in the `jbz docs --json` shape."""
        return {k: getattr(self, k) for k in (
            "file", "path", "kamerstuk", "chamber", "letter_date", "doc_type", "meeting_start", "meeting_end",
            "location", "informal", "signatories", "cover_topics", "warnings", "files", "evidence", "inferred",
            "mentioned_meetings", "official", "url")}

    def reading(self) -> list[FieldReading]:
        """Return every field of the reading with its evidence: READING_FIELDS, then any other field
        the evidence names."""
        names = [*READING_FIELDS, *(name for name in self.evidence if name not in READING_FIELDS)]
        return [FieldReading(name, getattr(self, name, None) if name in READING_FIELDS else None,
                             self.evidence.get(name), name in self.inferred) for name in names]


_DOCUMENT_SELECT = (
    'SELECT d.id, d.file, d.path, d.kamerstuk, d.chamber, d.letter_date, d.doc_type, m.start, m."end",'
    " m.location, m.informal, d.signatories, d.warnings, d.evidence, d.inferred, d.mentioned_meetings, d.official"
    " FROM documents d LEFT JOIN meetings m ON m.id = d.meeting_id")


def documents(db: Index) -> list[DocumentRow]:
    """Return every stored document, in meeting-date then letter-date order."""
    return _document_rows(db, "")


def _document_rows(db: Index, where: str, params: tuple = ()) -> list[DocumentRow]:
    rows = db.conn.execute(f"{_DOCUMENT_SELECT} {where} ORDER BY m.start, d.letter_date, d.file", params).fetchall()
    # Only the chosen documents' topics and files (`where` narrows documents d, as in the query above).
    chosen = f" WHERE document_id IN (SELECT d.id FROM documents d {where})" if where else ""
    topics: dict[int, list[str]] = {}
    for doc_id, title in db.conn.execute(f"SELECT document_id, title FROM cover_topics{chosen}"
                                         " ORDER BY document_id, position", params):
        topics.setdefault(doc_id, []).append(title)
    files: dict[int, list[str]] = {}
    for doc_id, path in db.conn.execute(f"SELECT document_id, path FROM document_files{chosen} ORDER BY path",
                                        params):
        files.setdefault(doc_id, []).append(path)
    return [DocumentRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9],
                        None if r[10] is None else bool(r[10]), json.loads(r[11]), topics.get(r[0], []),
                        json.loads(r[12]), files.get(r[0], [r[2]]), json.loads(r[13]), json.loads(r[14]),
                        json.loads(r[15]), json.loads(r[16])) for r in rows]


class DocumentNotFound(LookupError):
    """No stored document goes by the name asked for; the message says what to try."""


class AmbiguousDocument(LookupError):
    """Several stored documents go by the name asked for; the message names their files."""


def document_named(db: Index, name: str) -> DocumentRow:
    """Return the document one of whose files has this path or base name, or whose Kamerstuk this is
    ("32317-995", "kst-32317-995", "32317-OO", "21501-02-2132").

    Raise DocumentNotFound if none does, AmbiguousDocument if several do.
    """
    ids = _ids_by_path(db, name) or _ids_by_file_name(db, name) or _ids_by_kamerstuk(db, name)
    if not ids:
        raise DocumentNotFound(f"no indexed document has the file name, path or Kamerstuk '{name}'; "
                               "'jbz docs' lists them, with their Kamerstukken and files")
    found = _document_rows(db, f"WHERE d.id IN ({','.join('?' * len(ids))})", tuple(sorted(ids)))
    if len(found) > 1:
        raise AmbiguousDocument(f"{len(found)} documents go by '{name}': "
                                + "; ".join(row.path for row in found) + "; name one by its path")
    return found[0]


def _ids_by_path(db: Index, name: str) -> set[int]:
    # Files are stored under their resolved path (indexer key); a user may type a relative one.
    candidates = {name}
    try:
        candidates.add(str(Path(name).expanduser().resolve()))
    except (OSError, RuntimeError):
        pass
    return {row[0] for path in candidates
            for row in db.conn.execute("SELECT document_id FROM document_files WHERE path = ?", (path,))}


def _ids_by_file_name(db: Index, name: str) -> set[int]:
    pattern = "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = db.conn.execute("SELECT document_id, path FROM document_files WHERE path LIKE ? ESCAPE '\\'", (pattern,))
    return {doc_id for doc_id, path in rows if Path(path).name == name}


def kamerstuk_key(name: str) -> str:
    """Return a Kamerstuk as typed ("kst-32317-995", "32 317-995", "32317-oo") in the stored form, upper-cased."""
    key = "".join(name.split()).upper()
    return key[4:] if key.startswith("KST-") else key


def _ids_by_kamerstuk(db: Index, name: str) -> set[int]:
    rows = db.conn.execute("SELECT id FROM documents WHERE upper(replace(kamerstuk, ' ', '')) = ?",
                           (kamerstuk_key(name),))
    return {row[0] for row in rows}


def meetings(db: Index) -> Iterator[dict]:
    """Yield every meeting in date order with its documents, in the `jbz meetings --json` shape."""
    docs: dict[int, list[dict]] = {}
    for row in db.conn.execute("SELECT meeting_id, file, doc_type, kamerstuk, letter_date FROM documents"
                               " WHERE meeting_id IS NOT NULL ORDER BY letter_date, file"):
        docs.setdefault(row[0], []).append(
            {"file": row[1], "doc_type": row[2], "kamerstuk": row[3], "letter_date": row[4]})
    for row in db.conn.execute('SELECT id, start, "end", location, informal FROM meetings ORDER BY start'):
        yield {"start": row[1], "end": row[2], "location": row[3], "informal": bool(row[4]),
               "documents": docs.get(row[0], [])}


def is_empty(db: Index) -> bool:
    """Return whether the index holds no documents yet."""
    return document_count(db) == 0


def document_count(db: Index) -> int:
    """Return how many documents the index holds."""
    return db.conn.execute("SELECT count(*) FROM documents").fetchone()[0]


def meetings_between(db: Index, start: str, end: str) -> list[dict]:
    """Return the meetings overlapping [start, end] with their documents, topics and agendas.

    The shape is the one `jbz meeting --json` prints.
    """
    rows = db.conn.execute('SELECT id, start, "end", location, informal FROM meetings'
                           ' WHERE start <= ? AND "end" >= ? ORDER BY start', (end, start)).fetchall()
    return [{"start": r[1], "end": r[2], "location": r[3], "informal": bool(r[4]),
             "documents": _meeting_documents(db, r[0])} for r in rows]


def _meeting_documents(db: Index, meeting_id: int) -> list[dict]:
    docs = []
    for doc_id, file, doc_type, kamerstuk, letter_date, warnings in db.conn.execute(
            "SELECT id, file, doc_type, kamerstuk, letter_date, warnings FROM documents WHERE meeting_id = ?"
            " ORDER BY letter_date, file", (meeting_id,)):
        topics = [r[0] for r in db.conn.execute(
            "SELECT title FROM cover_topics WHERE document_id = ? ORDER BY position", (doc_id,))]
        docs.append({"file": file, "doc_type": doc_type, "kamerstuk": kamerstuk, "letter_date": letter_date,
                     "cover_topics": topics, "parts": _agenda(db, doc_id), "warnings": json.loads(warnings)})
    return docs


def _agenda(db: Index, doc_id: int) -> list[dict]:
    parts = {pid: {"title": title, "items": []} for pid, title in db.conn.execute(
        "SELECT id, title FROM parts WHERE document_id = ? ORDER BY position", (doc_id,))}
    items: dict[int, dict] = {}
    for item_id, part_id, parent_id, number, title, label, where in db.conn.execute(
            'SELECT id, part_id, parent_id, number, title, label, "where" FROM items WHERE document_id = ?'
            " ORDER BY position", (doc_id,)):
        # "where" is the place as track and search name it ("Migratie.3.b"), to join on.
        if parent_id is None:
            items[item_id] = {"number": number, "where": where, "title": title, "label": label, "subitems": []}
            parts[part_id]["items"].append(items[item_id])
        else:
            items[parent_id]["subitems"].append({"number": number, "where": where, "title": title, "label": label})
    return list(parts.values())


def nearest_meetings(db: Index, day: str) -> tuple[dict | None, dict | None]:
    """Return the meetings just before and just after `day` (either may be None)."""
    before = db.conn.execute('SELECT start, "end", location FROM meetings WHERE "end" < ? ORDER BY start DESC'
                             " LIMIT 1", (day,)).fetchone()
    after = db.conn.execute('SELECT start, "end", location FROM meetings WHERE start > ? ORDER BY start'
                            " LIMIT 1", (day,)).fetchone()
    as_dict = lambda r: None if r is None else {"start": r[0], "end": r[1], "location": r[2]}
    return as_dict(before), as_dict(after)


def words_containing(db: Index, fragment: str, limit: int = 300) -> list[str]:
    """Return the indexed words (folded) that contain `fragment`: the compounds a word is part of."""
    pattern = "%" + fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = db.conn.execute("SELECT term FROM words WHERE term LIKE ? ESCAPE '\\' LIMIT ?", (pattern, limit))
    return [row[0] for row in rows]


def derived(db: Index, name: str, fingerprint: str) -> str | None:
    """Return the answer `name` kept for `fingerprint` (what else it depends on), if no letter changed since."""
    row = db.conn.execute("SELECT body FROM derived WHERE name = ? AND fingerprint = ?", (name, fingerprint)).fetchone()
    return row[0] if row else None
