"""The schema as numbered migrations (m001_tables, m002_passages, ...), recorded in the database and applied
on every open: safe to run twice, so an old index upgrades itself. FTS5 set-up lives here too."""
from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Callable

from jbz.fold import fold
from jbz.store.database import DatabaseError, Index, db_path, run_script, tables, transaction
from jbz.store.reads import document_count
from jbz.store.writes import DEFINITION_INSERT, MENTION_INSERT, claim_row, definition_row, mention_row

SCHEMA_VERSION_TABLE = "jbz_migrations"

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


def m015_files_named(db: Index) -> None:
    # Which passage names which EU file, as printed and where (offsets in the passage, or in its title
    # where `in_title`), and the names
    # letters define ("het Europees Openbaar Ministerie (EOM)"): read once, at index time, so that
    # `jbz dossiers` and `jbz track` look them up instead of reading every passage again. Each claim
    # keeps the span of its sentence it is about and the files named there (claim_files). The passages'
    # places (id, letter, kind) get an index of their own: a dossier's passages are counted by letter
    # without reading their texts, which share the table's pages.
    run_script(db.conn, """
    CREATE TABLE mentions (
        passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
        document_id INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        printed TEXT NOT NULL, key TEXT NOT NULL, kind TEXT NOT NULL, in_title INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX mentions_key ON mentions(key, document_id);
    CREATE INDEX mentions_name ON mentions(key, printed);
    CREATE INDEX passages_place ON passages(id, document_id, kind);
    CREATE INDEX mentions_passage ON mentions(passage_id);
    CREATE TABLE definitions (
        passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
        long_printed TEXT NOT NULL, long_key TEXT NOT NULL, short_printed TEXT NOT NULL, short_key TEXT NOT NULL);
    CREATE INDEX definitions_passage ON definitions(passage_id);
    ALTER TABLE stage_claims ADD COLUMN scope_start INTEGER;
    ALTER TABLE stage_claims ADD COLUMN scope_end INTEGER;
    CREATE TABLE claim_files (
        claim_id INTEGER NOT NULL REFERENCES stage_claims(id) ON DELETE CASCADE, key TEXT NOT NULL);
    CREATE INDEX claim_files_claim ON claim_files(claim_id);
    CREATE INDEX claim_files_key ON claim_files(key);
    """)
    # The passages of an index made before this name their files now; their claims get their files
    # when the letters are read again (a newer parser re-reads every file).
    from jbz.language.names import names_in
    rows = db.conn.execute("SELECT id, document_id, text FROM passages WHERE kind != 'footnote'")
    for passage_id, document_id, text in rows.fetchall():
        mentions, definitions = names_in(text)
        db.conn.executemany(MENTION_INSERT, [mention_row(passage_id, document_id, m) for m in mentions])
        db.conn.executemany(DEFINITION_INSERT, [definition_row(passage_id, pair) for pair in definitions])


def m016_derived(db: Index) -> None:
    """Answers worked out from the whole index (the files and their listing), kept until a letter changes."""
    # The names the letters print are counted once per change of the letters (as a derived answer):
    # their index cost every letter's storing more than it saved.
    run_script(db.conn, """
    CREATE TABLE derived (name TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, body TEXT NOT NULL);
    DROP INDEX mentions_name;
    """)


def m017_following(db: Index) -> None:
    """The files a user follows, and which letters `jbz news` has shown for each (by the letter's
    identity, which a re-index keeps), with the stage it last reported."""
    run_script(db.conn, """
    CREATE TABLE followed (dossier TEXT PRIMARY KEY, query TEXT NOT NULL, added TEXT NOT NULL,
                           looked TEXT, standing TEXT);
    CREATE TABLE news_shown (dossier TEXT NOT NULL, letter TEXT NOT NULL, shown TEXT NOT NULL,
                             PRIMARY KEY (dossier, letter)) WITHOUT ROWID;
    """)


MIGRATIONS: list[Callable[[Index], None]] = [
    m001_tables, m002_passages, m003_folded_passages, m004_document_files, m005_vocabulary, m006_words,
    m007_index_passages_directly, m008_text_once, m009_stage_claims, m010_claims_indexed, m011_evidence,
    m012_labels_searched, m013_official_metadata, m014_fts_declared_for_tools_and_pages, m015_files_named,
    m016_derived, m017_following]


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
            if upgrading is not None and "documents" in tables(conn) and document_count(db):
                upgrading(migration.__name__)
            migration(db)
            conn.execute(f"INSERT INTO {SCHEMA_VERSION_TABLE} VALUES (?, ?)",
                         (migration.__name__, dt.datetime.now().isoformat(timespec="seconds")))


def _applied(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute(f"SELECT name FROM {SCHEMA_VERSION_TABLE}")}

