"""Storing letters: a batch of documents per transaction, each table in one executemany; forgetting files."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from jbz.store.database import Index, transaction
from jbz.language.stages import StageClaim

if TYPE_CHECKING:  # for annotations only: a query command need not import the parser's model
    from jbz.model import Document

def stored_hashes(db: Index) -> dict[str, str]:
    """Return the content hash stored for every indexed file path."""
    return dict(db.conn.execute("SELECT path, sha256 FROM document_files"))


def save_documents(db: Index, batch: list[tuple[str, str, Document, str]]) -> list[int]:
    """Store a batch of (path, sha256, doc, identity) in one transaction; return the documents' ids.

    A letter already stored under the same `identity` (the same Kamerstuk, or the same reading)
    gains `path` as another of its files instead of a second document.
    """
    conn = db.conn
    with transaction(conn):
        ids = []
        replaced = False
        rows = _Rows(conn)
        for path, sha256, doc, identity in batch:
            # Another `jbz index` may have stored this very file while this one was parsing it.
            same = conn.execute("SELECT document_id FROM document_files WHERE path = ? AND sha256 = ?",
                                (path, sha256)).fetchone()
            if same is not None:
                ids.append(same[0])
                continue
            replaced = _detach(conn, path) or replaced
            ids.append(_add_document(conn, rows, path, sha256, doc, identity))
        rows.write()
        if replaced:
            _drop_orphan_meetings(conn)
        _forget_derived(conn)
    return ids


def _add_document(conn: sqlite3.Connection, rows: _Rows, path: str, sha256: str, doc: Document,
                  identity: str) -> int:
    row = _same_letter(conn, doc, identity)
    if row is not None:
        conn.execute("INSERT INTO document_files (path, document_id, sha256) VALUES (?,?,?)", (path, row[0], sha256))
        _adopt_copy(conn, row[0], doc, identity)
        return row[0]
    meeting_id = _meeting_id(conn, doc)
    cur = conn.execute(
        "INSERT INTO documents (path, file, sha256, kamerstuk, chamber, letter_date, doc_type, meeting_id,"
        " signatories, warnings, indexed_at, identity, evidence, inferred, mentioned_meetings, official, fingerprint)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (path, Path(path).name, sha256, doc.kamerstuk, doc.chamber, _iso(doc.letter_date), doc.doc_type,
         meeting_id, json.dumps(doc.signatories, ensure_ascii=False),
         json.dumps(doc.warnings, ensure_ascii=False), dt.datetime.now().isoformat(timespec="seconds"), identity,
         *_reading_columns(doc), json.dumps(doc.official, ensure_ascii=False), doc.fingerprint))
    doc_id = cur.lastrowid
    conn.execute("INSERT INTO document_files (path, document_id, sha256) VALUES (?,?,?)", (path, doc_id, sha256))
    rows.add(doc_id, doc)
    return doc_id


def _same_letter(conn: sqlite3.Connection, doc: Document, identity: str) -> tuple | None:
    """Return the stored document this reading is another copy of: the same identity; or, between a
    copy that knows its Kamerstuk and one that prints none, the same fingerprint."""
    row = conn.execute("SELECT id FROM documents WHERE identity = ?", (identity,)).fetchone()
    if row is None and doc.fingerprint:
        row = conn.execute("SELECT id FROM documents WHERE identity = ?", (doc.fingerprint,)).fetchone()
    if row is None and identity.startswith("text:"):
        row = conn.execute("SELECT id FROM documents WHERE fingerprint = ?", (identity,)).fetchone()
    return row


def _adopt_copy(conn: sqlite3.Connection, doc_id: int, doc: Document, identity: str) -> None:
    """Let a copy that joins a stored document fill what the stored reading lacks (the Kamerstuk,
    chamber, letter date, with their evidence), and give it the publisher's metadata the copy has."""
    kamerstuk, chamber, letter_date, evidence, warnings = conn.execute(
        "SELECT kamerstuk, chamber, letter_date, evidence, warnings FROM documents WHERE id = ?", (doc_id,)).fetchone()
    evidence, warnings = json.loads(evidence), json.loads(warnings)
    filled = {"kamerstuk": kamerstuk or doc.kamerstuk, "chamber": chamber or doc.chamber,
              "letter_date": letter_date or _iso(doc.letter_date)}
    for name, stored in (("kamerstuk", kamerstuk), ("chamber", chamber), ("letter_date", letter_date)):
        if stored is None and name in doc.evidence:
            evidence[name] = {"text": doc.evidence[name].text, "source": doc.evidence[name].source}
    warnings += [w for w in doc.warnings if "publisher's metadata" in w and w not in warnings]
    conn.execute("UPDATE documents SET official = coalesce(?, official), fingerprint = coalesce(fingerprint, ?),"
                 " kamerstuk = ?, chamber = ?, letter_date = ?, evidence = ?, warnings = ?,"
                 " identity = CASE WHEN kamerstuk IS NULL AND ? IS NOT NULL THEN ? ELSE identity END WHERE id = ?",
                 (json.dumps(doc.official, ensure_ascii=False) if doc.official else None, doc.fingerprint,
                  filled["kamerstuk"], filled["chamber"], filled["letter_date"], json.dumps(evidence, ensure_ascii=False),
                  json.dumps(warnings, ensure_ascii=False), doc.kamerstuk, identity, doc_id))


def _detach(conn: sqlite3.Connection, path: str) -> bool:
    """Take `path` off its document; return whether it had one.

    A document left without files goes; one left with others is named after one of those.
    """
    row = conn.execute("SELECT document_id FROM document_files WHERE path = ?", (path,)).fetchone()
    if row is None:
        return False
    conn.execute("DELETE FROM document_files WHERE path = ?", (path,))
    other = conn.execute("SELECT path FROM document_files WHERE document_id = ? ORDER BY path LIMIT 1",
                         (row[0],)).fetchone()
    if other is None:
        conn.execute("DELETE FROM documents WHERE id = ?", (row[0],))
    else:
        conn.execute("UPDATE documents SET path = ?, file = ? WHERE id = ?", (other[0], Path(other[0]).name, row[0]))
    return True


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _reading_columns(doc: Document) -> tuple[str, str, str]:
    """Return the evidence, inferred and mentioned_meetings columns of `doc`, as JSON."""
    evidence = {name: {"text": found.text, "source": found.source} for name, found in doc.evidence.items()}
    mentioned = [{"start": _iso(m.start), "end": _iso(m.end), "location": m.location, "informal": m.informal}
                 for m in doc.mentioned_meetings]
    return (json.dumps(evidence, ensure_ascii=False), json.dumps(list(doc.inferred), ensure_ascii=False),
            json.dumps(mentioned, ensure_ascii=False))


def _meeting_id(conn: sqlite3.Connection, doc: Document) -> int | None:
    meeting = doc.meeting
    if meeting is None:
        return None
    row = conn.execute('SELECT id, location, informal FROM meetings WHERE start = ?',
                       (meeting.start.isoformat(),)).fetchone()
    if row is None:
        return conn.execute('INSERT INTO meetings (start, "end", location, informal) VALUES (?,?,?,?)',
                            (meeting.start.isoformat(), meeting.end.isoformat(), meeting.location,
                             int(meeting.informal))).lastrowid
    # An agenda and a report of one meeting share the row: each fills what the other lacks.
    if row[1] is None and meeting.location:
        conn.execute("UPDATE meetings SET location = ? WHERE id = ?", (meeting.location, row[0]))
    if meeting.informal and not row[2]:
        conn.execute("UPDATE meetings SET informal = 1 WHERE id = ?", (row[0],))
    return row[0]


CLAIM_INSERT = ("INSERT INTO stage_claims (id, passage_id, sentence, stage, status, ref_kind, ref_day, ref_month,"
                " ref_year, scope_start, scope_end) VALUES (?,?,?,?,?,?,?,?,?,?,?)")
MENTION_INSERT = ('INSERT INTO mentions (passage_id, document_id, start, "end", printed, key, kind, in_title)'
                  " VALUES (?,?,?,?,?,?,?,?)")
DEFINITION_INSERT = ("INSERT INTO definitions (passage_id, long_printed, long_key, short_printed, short_key)"
                     " VALUES (?,?,?,?,?)")


class _Rows:
    """The rows hanging off a batch of documents, with their ids assigned up front, so that each
    table is written in one executemany (a statement per row cost more than the rows)."""

    INSERTS = {
        "cover_topics": "INSERT INTO cover_topics (document_id, position, title) VALUES (?,?,?)",
        "parts": "INSERT INTO parts (id, document_id, position, title) VALUES (?,?,?,?)",
        "items": 'INSERT INTO items (id, document_id, part_id, parent_id, position, number, title, label, "where")'
                 " VALUES (?,?,?,?,?,?,?,?,?)",
        "passages": 'INSERT INTO passages (id, document_id, item_id, kind, "where", title, label, text, page)'
                    " VALUES (?,?,?,?,?,?,?,?,?)",
        "stage_claims": CLAIM_INSERT,
        "claim_files": "INSERT INTO claim_files (claim_id, key) VALUES (?,?)",
        "mentions": MENTION_INSERT,
        "definitions": DEFINITION_INSERT,
        "footnotes": "INSERT INTO footnotes (document_id, number, text) VALUES (?,?,?)",
        "footnote_refs": "INSERT INTO footnote_refs (document_id, footnote, kamerstuk) VALUES (?,?,?)",
    }

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.rows: dict[str, list[tuple]] = {table: [] for table in self.INSERTS}
        # The batch holds the write lock (BEGIN IMMEDIATE), so nobody else takes these ids meanwhile.
        self.next_id = {table: conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]
                        for table in ("parts", "items", "passages", "stage_claims")}

    def _new_id(self, table: str) -> int:
        self.next_id[table] += 1
        return self.next_id[table] - 1

    def add(self, doc_id: int, doc: Document) -> None:
        """Queue the cover topics, parts, items, passages, stage claims and footnotes of document `doc_id`."""
        self.rows["cover_topics"] += [(doc_id, position, topic.title)
                                      for position, topic in enumerate(doc.cover_topics)]
        if doc.passages is None:
            from jbz.parse.passages import passages_of  # the indexer's workers read them; a direct caller may not have
            doc.passages = passages_of(doc)
        item_ids = self._parts(doc_id, doc, {id(p.item): p.where for p in doc.passages if p.item is not None})
        for passage in doc.passages:
            passage_id = self._new_id("passages")
            item_id = item_ids.get(id(passage.item)) if passage.item is not None else None
            self.rows["passages"].append((passage_id, doc_id, item_id, passage.kind, passage.where, passage.title,
                                          passage.label, passage.text, passage.page))
            for found, files in zip(passage.claims, passage.claim_files or [[]] * len(passage.claims)):
                claim_id = self._new_id("stage_claims")
                self.rows["stage_claims"].append((*claim_row(claim_id, passage_id, found), *(found.scope or (None, None))))
                self.rows["claim_files"] += [(claim_id, key) for key in files]
            self.rows["mentions"] += [mention_row(passage_id, doc_id, mention) for mention in passage.mentions]
            self.rows["mentions"] += [mention_row(passage_id, doc_id, mention, True)
                                      for mention in passage.title_mentions]
            self.rows["definitions"] += [definition_row(passage_id, pair) for pair in passage.definitions]
        for note in doc.footnotes:
            self.rows["footnotes"].append((doc_id, note.number, note.text))
            self.rows["footnote_refs"] += [(doc_id, note.number, ref) for ref in note.references]

    def write(self) -> None:
        """Insert every queued row, and index the passages and the sentences that make claims."""
        for table, sql in self.INSERTS.items():
            self.conn.executemany(sql, self.rows[table])
        self.conn.executemany("INSERT INTO passages_fts (rowid, title, text, label) VALUES (?,?,?,?)",
                              [(row[0], row[5], row[7], row[6]) for row in self.rows["passages"]])
        self.conn.executemany("INSERT INTO claims_fts (rowid, sentence) VALUES (?,?)",
                              [(row[0], row[2]) for row in self.rows["stage_claims"]])

    def _parts(self, doc_id: int, doc: Document, where: dict[int, str]) -> dict[int, int]:
        """Queue the parts and items (`where` each stands, by object id, as its passage has it);
        return the row id of each item and sub-item, by object id."""
        item_ids: dict[int, int] = {}
        position = 0
        for part_position, part in enumerate(doc.parts):
            part_id = self._new_id("parts")
            self.rows["parts"].append((part_id, doc_id, part_position, part.title))
            for item in part.items:
                position += 1
                item_ids[id(item)] = self._item(doc_id, part_id, None, position, item, where[id(item)])
                for sub in item.subitems:
                    position += 1
                    item_ids[id(sub)] = self._item(doc_id, part_id, item_ids[id(item)], position, sub, where[id(sub)])
        return item_ids

    def _item(self, doc_id: int, part_id: int, parent_id: int | None, position: int, item, where: str) -> int:
        item_id = self._new_id("items")
        self.rows["items"].append((item_id, doc_id, part_id, parent_id, position, item.number, item.title,
                                   item.label, where))
        return item_id


def mention_row(passage_id: int, document_id: int, mention, in_title: bool = False) -> tuple:
    """Return the mentions row of one name a passage (or its title) prints (a jbz.language.names.Mention)."""
    return (passage_id, document_id, mention.start, mention.end, mention.printed, mention.key, mention.kind,
            int(in_title))


def definition_row(passage_id: int, pair) -> tuple:
    """Return the definitions row of a (long, short) pair of names a passage defines."""
    long, short = pair
    return (passage_id, long.printed, long.key, short.printed, short.key)


def claim_row(claim_id: int, passage_id: int, found: StageClaim) -> tuple:
    """Return the stage_claims row of one sentence's claim (read back by `claim_from_row`)."""
    ref = found.refers_to
    return (claim_id, passage_id, found.evidence, found.name, found.status, ref and ref.kind,
            ref.day.isoformat() if ref and ref.day else None, ref and ref.month, ref and ref.year)


def _drop_orphan_meetings(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM meetings WHERE id NOT IN (SELECT meeting_id FROM documents"
                 " WHERE meeting_id IS NOT NULL)")


def remove_files(db: Index, paths: list[str]) -> None:
    """Forget these file paths; documents left without any file go, with everything hanging off them."""
    with transaction(db.conn):
        for path in paths:
            _detach(db.conn, path)
        _drop_orphan_meetings(db.conn)
        _forget_derived(db.conn)


def _forget_derived(conn: sqlite3.Connection) -> None:
    # In the transaction that changes the letters: a derived answer never outlives its letters.
    conn.execute("DELETE FROM derived")


def remember_derived(db: Index, name: str, fingerprint: str, body: str) -> None:
    """Keep an answer worked out from the whole index (see reads.derived) until a letter changes;
    where the index cannot be written (a read-only file), it is worked out again next time."""
    try:
        with transaction(db.conn):
            db.conn.execute("INSERT OR REPLACE INTO derived VALUES (?, ?, ?)", (name, fingerprint, body))
    except sqlite3.OperationalError:
        pass


def indexed_paths(db: Index) -> list[str]:
    """Return every file path the index has read."""
    return [row[0] for row in db.conn.execute("SELECT path FROM document_files ORDER BY path")]



def checkpoint(db: Index) -> None:
    """Copy the write-ahead log into the database file, so the file alone holds the whole index."""
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def refresh_words(db: Index) -> None:
    """Add the words of newly indexed passages to the word list (stale words only cost a lookup)."""
    with transaction(db.conn):
        db.conn.execute("INSERT OR IGNORE INTO words SELECT term FROM passages_vocab")
