"""The SQLite index: schema by numbered migrations, batched write transactions, FTS5 passages."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from jbz.cite import official_url
from jbz.fold import fold
from jbz.language.stages import MeetingReference, StageClaim

if TYPE_CHECKING:  # for annotations only: a query command need not import the parser's model
    from jbz.model import Document

SCHEMA_VERSION_TABLE = "jbz_migrations"


@dataclass(slots=True)
class Index:
    """An open jbz database. Queries run on its plain sqlite3 connection: importing sqlite-utils
    costs a query command a third of its start-up, so only migrations use it, through `utils`."""

    conn: sqlite3.Connection

    def utils(self):
        """Return a sqlite-utils Database on the same connection, for schema work."""
        import sqlite_utils
        return sqlite_utils.Database(self.conn)


class DatabaseError(Exception):
    """The database file cannot be used; the message says which file and what to do."""


# -- transactions -------------------------------------------------------------------------------

@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run the block as one write transaction, taken up front so two writers queue, not deadlock."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Execute a multi-statement SQL script inside the current transaction.

    sqlite3's executescript() would commit first; a migration must stay all-or-nothing.
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        conn.execute(statement)


# -- migrations ---------------------------------------------------------------------------------

def m001_tables(db: Index) -> None:
    run_script(db.conn, """
    CREATE TABLE meetings (
        id INTEGER PRIMARY KEY, start TEXT NOT NULL UNIQUE, "end" TEXT NOT NULL,
        location TEXT, informal INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, file TEXT NOT NULL, sha256 TEXT NOT NULL,
        kamerstuk TEXT, chamber TEXT, letter_date TEXT, doc_type TEXT NOT NULL,
        meeting_id INTEGER REFERENCES meetings(id), signatories TEXT NOT NULL DEFAULT '[]',
        warnings TEXT NOT NULL DEFAULT '[]', cover_text TEXT NOT NULL DEFAULT '', indexed_at TEXT NOT NULL);
    CREATE INDEX documents_meeting ON documents(meeting_id);
    CREATE INDEX documents_kamerstuk ON documents(kamerstuk);
    CREATE TABLE cover_topics (
        id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        position INTEGER NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL);
    CREATE TABLE parts (
        id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        position INTEGER NOT NULL, title TEXT NOT NULL, intro TEXT NOT NULL);
    CREATE TABLE items (
        id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        part_id INTEGER NOT NULL REFERENCES parts(id) ON DELETE CASCADE,
        parent_id INTEGER REFERENCES items(id) ON DELETE CASCADE,
        position INTEGER NOT NULL, number TEXT NOT NULL, title TEXT NOT NULL, label TEXT,
        body TEXT NOT NULL, "where" TEXT NOT NULL);
    CREATE INDEX items_document ON items(document_id);
    CREATE TABLE footnotes (
        id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        number INTEGER NOT NULL, text TEXT NOT NULL);
    CREATE TABLE footnote_refs (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        footnote INTEGER NOT NULL, kamerstuk TEXT NOT NULL);
    CREATE INDEX footnote_refs_document ON footnote_refs(document_id);
    """)


def m002_passages(db: Index) -> None:
    # One searchable passage per item, sub-item, cover topic and cover letter; the FTS index
    # folds case and diacritics ("orientatie" finds "oriëntatie").
    run_script(db.conn, """
    CREATE TABLE passages (
        id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        item_id INTEGER REFERENCES items(id) ON DELETE CASCADE, kind TEXT NOT NULL,
        "where" TEXT NOT NULL, title TEXT NOT NULL, label TEXT, text TEXT NOT NULL);
    CREATE INDEX passages_document ON passages(document_id);
    CREATE VIRTUAL TABLE passages_fts USING fts5(
        title, text, content='passages', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
    CREATE TRIGGER passages_ai AFTER INSERT ON passages BEGIN
        INSERT INTO passages_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END;
    CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
        INSERT INTO passages_fts(passages_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    END;
    """)


def m003_folded_passages(db: Index) -> None:
    # A folded copy of each passage (title + text) with a trigram index over it: dossier names
    # and search words are found inside Dutch compounds ("hub" in "terugkeerhubs").
    run_script(db.conn, """
    ALTER TABLE passages ADD COLUMN folded TEXT NOT NULL DEFAULT '';
    CREATE VIRTUAL TABLE passages_tri USING fts5(folded, content='passages', content_rowid='id',
                                                 tokenize='trigram');
    CREATE TRIGGER passages_tri_ai AFTER INSERT ON passages BEGIN
        INSERT INTO passages_tri(rowid, folded) VALUES (new.id, new.folded);
    END;
    CREATE TRIGGER passages_tri_ad AFTER DELETE ON passages BEGIN
        INSERT INTO passages_tri(passages_tri, rowid, folded) VALUES ('delete', old.id, old.folded);
    END;
    """)
    for row_id, title, text in db.conn.execute("SELECT id, title, text FROM passages").fetchall():
        db.conn.execute("UPDATE passages SET folded = ? WHERE id = ?", (fold(f"{title}\n{text}"), row_id))
    db.conn.execute("INSERT INTO passages_tri(passages_tri) VALUES ('rebuild')")


def m004_document_files(db: Index) -> None:
    # One letter saved as PDF, Word and text (or twice) is one document with several files.
    run_script(db.conn, """
    ALTER TABLE documents ADD COLUMN identity TEXT;
    CREATE INDEX documents_identity ON documents(identity);
    CREATE TABLE document_files (
        path TEXT PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        sha256 TEXT NOT NULL);
    CREATE INDEX document_files_document ON document_files(document_id);
    INSERT INTO document_files (path, document_id, sha256) SELECT path, id, sha256 FROM documents;
    """)


def m005_vocabulary(db: Index) -> None:
    # The trigram index cost more to write than all the rest together; words inside compounds are
    # found through the FTS vocabulary instead ("hub" -> "terugkeerhub", "terugkeerhubs").
    run_script(db.conn, """
    DROP TRIGGER passages_tri_ai;
    DROP TRIGGER passages_tri_ad;
    DROP TABLE passages_tri;
    ALTER TABLE passages DROP COLUMN folded;
    CREATE VIRTUAL TABLE passages_vocab USING fts5vocab(passages_fts, 'row');
    """)


def m006_words(db: Index) -> None:
    # The indexed words in a plain table: scanning it for "words containing hub" is several times
    # faster than scanning the FTS vocabulary. Refreshed after every index run.
    run_script(db.conn, """
    CREATE TABLE words (term TEXT PRIMARY KEY) WITHOUT ROWID;
    INSERT INTO words SELECT term FROM passages_vocab;
    """)


def m007_index_passages_directly(db: Index) -> None:
    # The insert trigger made every passage cost 2.5 times what inserting it and its index entry
    # one after the other costs; the writer (_passage) now does both. Deletes keep their trigger.
    run_script(db.conn, "DROP TRIGGER passages_ai;")


def m008_text_once(db: Index) -> None:
    # Every body of text lives in passages (and its index); the copies in these columns were never read.
    run_script(db.conn, """
    ALTER TABLE documents DROP COLUMN cover_text;
    ALTER TABLE parts DROP COLUMN intro;
    ALTER TABLE items DROP COLUMN body;
    ALTER TABLE cover_topics DROP COLUMN body;
    """)


def m009_stage_claims(db: Index) -> None:
    # The stage claims of every sentence, read when a letter is indexed: `jbz track` on a dossier
    # with thousands of places would otherwise re-read all their sentences on every run.
    run_script(db.conn, """
    CREATE TABLE stage_claims (
        passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
        sentence TEXT NOT NULL, folded TEXT NOT NULL, stage TEXT NOT NULL, status TEXT NOT NULL,
        ref_kind TEXT, ref_day TEXT, ref_month INTEGER, ref_year INTEGER);
    CREATE INDEX stage_claims_passage ON stage_claims(passage_id);
    """)
    # Passages indexed before this migration get their claims now, dated as a new reading would.
    from jbz.language.claims import claims_in
    rows = db.utils().query(
        "SELECT p.id, p.text, coalesce(d.letter_date, m.start) AS dated FROM passages p"
        " JOIN documents d ON d.id = p.document_id LEFT JOIN meetings m ON m.id = d.meeting_id")
    for row in rows:
        letter_date = dt.date.fromisoformat(row["dated"]) if row["dated"] else None
        db.conn.executemany(
            "INSERT INTO stage_claims (passage_id, sentence, folded, stage, status, ref_kind, ref_day, ref_month,"
            " ref_year) VALUES (?,?,?,?,?,?,?,?,?)",
            [(passage_id, sentence, fold(sentence), *stated)
             for _, passage_id, sentence, *stated in (claim_row(0, row["id"], found)
                                                      for found in claims_in(row["text"], letter_date))])


def m010_claims_indexed(db: Index) -> None:
    # The full-text index decides which sentences name a dossier, as it decides which passages do:
    # `jbz track` no longer reads every claim of every matching passage to test it in Python.
    # Claims get their own id (an implicit rowid may change on VACUUM, and the index points at it);
    # their folded copy, used only for that test, goes.
    run_script(db.conn, """
    CREATE TABLE claims (
        id INTEGER PRIMARY KEY, passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
        sentence TEXT NOT NULL, stage TEXT NOT NULL, status TEXT NOT NULL,
        ref_kind TEXT, ref_day TEXT, ref_month INTEGER, ref_year INTEGER);
    INSERT INTO claims (passage_id, sentence, stage, status, ref_kind, ref_day, ref_month, ref_year)
        SELECT passage_id, sentence, stage, status, ref_kind, ref_day, ref_month, ref_year FROM stage_claims
        ORDER BY rowid;
    DROP TABLE stage_claims;
    ALTER TABLE claims RENAME TO stage_claims;
    CREATE INDEX stage_claims_passage ON stage_claims(passage_id);
    CREATE VIRTUAL TABLE claims_fts USING fts5(
        sentence, content='stage_claims', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
    INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');
    CREATE TRIGGER stage_claims_ad AFTER DELETE ON stage_claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, sentence) VALUES ('delete', old.id, old.sentence);
    END;
    """)


def m011_evidence(db: Index) -> None:
    # Where each value was read, so a person can check a reading (`jbz docs NAME`). Letters stored
    # before this have none until they are read again (a newer parser re-reads every file).
    run_script(db.conn, """
    ALTER TABLE documents ADD COLUMN evidence TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE documents ADD COLUMN inferred TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE documents ADD COLUMN mentioned_meetings TEXT NOT NULL DEFAULT '[]';
    """)


def m012_labels_searched(db: Index) -> None:
    # An item's label ("Goedkeuring", "Algemene oriëntatie") is printed text of the letter: search
    # reaches it too. FTS5 cannot add a column, so the index is made anew from the passages.
    run_script(db.conn, """
    DROP TABLE passages_vocab;
    DROP TRIGGER passages_ad;
    DROP TABLE passages_fts;
    CREATE VIRTUAL TABLE passages_fts USING fts5(
        title, text, label, content='passages', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
    INSERT INTO passages_fts(passages_fts) VALUES ('rebuild');
    CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
        INSERT INTO passages_fts(passages_fts, rowid, title, text, label)
        VALUES ('delete', old.id, old.title, old.text, old.label);
    END;
    CREATE VIRTUAL TABLE passages_vocab USING fts5vocab(passages_fts, 'row');
    """)


def m013_official_metadata(db: Index) -> None:
    # What the publisher's metadata.xml says of a fetched letter (`jbz fetch`), kept beside the text's
    # reading; and that letter's fingerprint, so a copy of it that prints no Kamerstuk joins it.
    run_script(db.conn, """
    ALTER TABLE documents ADD COLUMN official TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE documents ADD COLUMN fingerprint TEXT;
    CREATE INDEX documents_fingerprint ON documents(fingerprint);
    """)


def m014_fts_declared_for_tools_and_pages(db: Index) -> None:
    # sqlite-utils and Datasette find a table's full-text index by its declaration: `content="passages"`
    # (or `content=[passages]`); the single-quoted form of m002..m012 is the same to SQLite but invisible
    # to them. FTS5 keeps a table's declaration as written, so both indexes are made anew.
    # And the page of a PDF each passage starts on, for citing it (NULL for other formats and for
    # letters indexed before this, until they are read again).
    run_script(db.conn, """
    ALTER TABLE passages ADD COLUMN page INTEGER;
    DROP TABLE passages_vocab;
    DROP TRIGGER passages_ad;
    DROP TABLE passages_fts;
    CREATE VIRTUAL TABLE passages_fts USING fts5(
        title, text, label, content="passages", content_rowid="id", tokenize='unicode61 remove_diacritics 2');
    INSERT INTO passages_fts(passages_fts) VALUES ('rebuild');
    CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
        INSERT INTO passages_fts(passages_fts, rowid, title, text, label)
        VALUES ('delete', old.id, old.title, old.text, old.label);
    END;
    CREATE VIRTUAL TABLE passages_vocab USING fts5vocab(passages_fts, 'row');
    DROP TRIGGER stage_claims_ad;
    DROP TABLE claims_fts;
    CREATE VIRTUAL TABLE claims_fts USING fts5(
        sentence, content="stage_claims", content_rowid="id", tokenize='unicode61 remove_diacritics 2');
    INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');
    CREATE TRIGGER stage_claims_ad AFTER DELETE ON stage_claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, sentence) VALUES ('delete', old.id, old.sentence);
    END;
    """)


MIGRATIONS: list[Callable[[Index], None]] = [
    m001_tables, m002_passages, m003_folded_passages, m004_document_files, m005_vocabulary, m006_words,
    m007_index_passages_directly, m008_text_once, m009_stage_claims, m010_claims_indexed, m011_evidence,
    m012_labels_searched, m013_official_metadata, m014_fts_declared_for_tools_and_pages]


def migrate(db: Index, upgrading: Callable[[str], None] | None = None) -> None:
    """Apply every migration this database has not had yet, each in its own transaction.

    `upgrading(name)` is called before each one applied to a database that already holds letters:
    an upgrade may re-read every passage (m009), which takes a while on a large index.
    """
    conn = db.conn
    conn.execute(f"CREATE TABLE IF NOT EXISTS {SCHEMA_VERSION_TABLE} (name TEXT PRIMARY KEY, applied_at TEXT)")
    known = {m.__name__ for m in MIGRATIONS}
    newer = _applied(conn) - known
    if newer:
        raise DatabaseError(f"{db_path(db)} was made by a newer jbz (it has migration {sorted(newer)[-1]}); "
                            "upgrade jbz, or name another file with --db")
    for migration in MIGRATIONS:
        if migration.__name__ in _applied(conn):
            continue
        with transaction(conn):
            # Another process may have applied it while this one waited for the lock.
            if migration.__name__ in _applied(conn):
                continue
            if upgrading is not None and "documents" in _tables(conn) and document_count(db):
                upgrading(migration.__name__)
            migration(db)
            conn.execute(f"INSERT INTO {SCHEMA_VERSION_TABLE} VALUES (?, ?)",
                         (migration.__name__, dt.datetime.now().isoformat(timespec="seconds")))


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _applied(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute(f"SELECT name FROM {SCHEMA_VERSION_TABLE}")}


def db_path(db: Index) -> str:
    row = db.conn.execute("PRAGMA database_list").fetchone()
    return row[2] if row else "the database"


def open_db(path: Path, upgrading: Callable[[str], None] | None = None, reading: bool = False) -> Index:
    """Return the database at `path`, created or upgraded; raise DatabaseError for a foreign file.

    `upgrading(name)` hears of each migration applied to an index that already holds letters.
    `reading` maps the file into memory, for a query command.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(str(path), timeout=30, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 30000")
        tables = _tables(conn)
        if tables and SCHEMA_VERSION_TABLE not in tables:
            conn.close()
            raise DatabaseError(f"{path} is a SQLite database of another program; "
                                "name another file with --db, or start afresh with 'jbz index --rebuild'")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        # With WAL, NORMAL keeps every transaction atomic and the file consistent after a crash;
        # only the last commits may be lost on power failure, and a re-index redoes them.
        conn.execute("PRAGMA synchronous = NORMAL")
        # FTS5 merges its index segments while indexing: with the default 2 MB of page cache it
        # reads them back from disk (measured: storing took a quarter longer). Pages are only
        # cached as they are read, so queries do not pay for this.
        conn.execute("PRAGMA cache_size = -65536")
        if reading:
            # A query reads thousands of scattered pages once each: mapped, each read is a memory
            # access instead of a system call (measured at 10,000 letters: track's reads 0.10 -> 0.07 s).
            # Not for indexing, where touched pages would count against its memory.
            conn.execute(f"PRAGMA mmap_size = {2 ** 31}")
        db = Index(conn)
        migrate(db, upgrading)
        return db
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} is not a jbz database ({exc}); name another file with --db, "
                            "or start afresh with 'jbz index --rebuild'") from None


# -- writing ------------------------------------------------------------------------------------

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
                " ref_year) VALUES (?,?,?,?,?,?,?,?,?)")


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
            from jbz.passages import passages_of  # the indexer's workers read them; a direct caller may not have
            doc.passages = passages_of(doc)
        item_ids = self._parts(doc_id, doc, {id(p.item): p.where for p in doc.passages if p.item is not None})
        for passage in doc.passages:
            passage_id = self._new_id("passages")
            item_id = item_ids.get(id(passage.item)) if passage.item is not None else None
            self.rows["passages"].append((passage_id, doc_id, item_id, passage.kind, passage.where, passage.title,
                                          passage.label, passage.text, passage.page))
            self.rows["stage_claims"] += [claim_row(self._new_id("stage_claims"), passage_id, found)
                                          for found in passage.claims]
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


def claim_row(claim_id: int, passage_id: int, found: StageClaim) -> tuple:
    """Return the stage_claims row of one sentence's claim (read back by `claim_from_row`)."""
    ref = found.refers_to
    return (claim_id, passage_id, found.evidence, found.name, found.status, ref and ref.kind,
            ref.day.isoformat() if ref and ref.day else None, ref and ref.month, ref and ref.year)


CLAIM_COLUMNS = "c.sentence, c.stage, c.status, c.ref_kind, c.ref_day, c.ref_month, c.ref_year"


def claim_from_row(sentence: str, stage: str, status: str, ref_kind: str | None, ref_day: str | None,
                   ref_month: int | None, ref_year: int | None) -> StageClaim:
    """Return the StageClaim a stage_claims row holds (CLAIM_COLUMNS, in that order)."""
    if ref_kind is None:
        return StageClaim(stage, status, sentence)
    reference = MeetingReference(ref_kind, dt.date.fromisoformat(ref_day) if ref_day else None, ref_month, ref_year)
    return StageClaim(stage, status, sentence, reference)


def _drop_orphan_meetings(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM meetings WHERE id NOT IN (SELECT meeting_id FROM documents"
                 " WHERE meeting_id IS NOT NULL)")


def remove_files(db: Index, paths: list[str]) -> None:
    """Forget these file paths; documents left without any file go, with everything hanging off them."""
    with transaction(db.conn):
        for path in paths:
            _detach(db.conn, path)
        _drop_orphan_meetings(db.conn)


def indexed_paths(db: Index) -> list[str]:
    """Return every file path the index has read."""
    return [row[0] for row in db.conn.execute("SELECT path FROM document_files ORDER BY path")]


# -- reading ------------------------------------------------------------------------------------

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


def checkpoint(db: Index) -> None:
    """Copy the write-ahead log into the database file, so the file alone holds the whole index."""
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def refresh_words(db: Index) -> None:
    """Add the words of newly indexed passages to the word list (stale words only cost a lookup)."""
    with transaction(db.conn):
        db.conn.execute("INSERT OR IGNORE INTO words SELECT term FROM passages_vocab")
