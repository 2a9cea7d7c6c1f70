"""The SQLite index: rows in, answers out.

In: parsed Documents with their passages and stage claims (from jbz.index). Out: the
rows the queries read. `database` holds the connection, `migrations` the numbered schema
(and its FTS5 set-up), `writes` the batched storing, `reads` the queries' building blocks,
`places` a letter's text as `jbz show` prints it. Never imports Rich.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Callable

from jbz.store.database import DatabaseError, Index, db_path, tables, transaction
from jbz.store.migrations import MIGRATIONS, SCHEMA_VERSION_TABLE, migrate
from jbz.store.reads import (CLAIM_COLUMNS, READING_FIELDS, AmbiguousDocument, DocumentNotFound, DocumentRow,
                             FieldReading, claim_from_row, derived, document_count, document_named, documents, is_empty,
                             kamerstuk_key, meetings, meetings_between, nearest_meetings, words_containing)
from jbz.store.following import (Followed, follow, followed, following_state, remember_shown, restore_following,
                                 shown_letters, unfollow)
from jbz.store.writes import (checkpoint, claim_row, indexed_paths, refresh_words, remember_derived, remove_files,
                              save_documents, stored_hashes)

__all__ = [
    "Followed", "follow", "followed", "following_state", "remember_shown", "restore_following", "shown_letters",
    "unfollow",
    "CLAIM_COLUMNS", "MIGRATIONS", "READING_FIELDS", "SCHEMA_VERSION_TABLE", "AmbiguousDocument", "DatabaseError",
    "DocumentNotFound", "DocumentRow", "FieldReading", "Index", "checkpoint", "claim_from_row", "claim_row",
    "db_path", "derived", "document_count", "document_named", "documents", "indexed_paths", "is_empty", "kamerstuk_key",
    "meetings", "meetings_between", "migrate", "nearest_meetings", "open_db", "refresh_words", "remember_derived", "remove_files",
    "save_documents", "stored_hashes", "transaction", "words_containing"]


def open_db(path: Path, upgrading: Callable[[str], None] | None = None, reading: bool = False) -> Index:
    """Return the database at `path`, created or upgraded; raise DatabaseError for a foreign file.

    `upgrading(name)` hears of each migration applied to an index that already holds letters.
    `reading` maps the file into memory, for a query command.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(str(path), timeout=30, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 30000")
        existing = tables(conn)
        if existing and SCHEMA_VERSION_TABLE not in existing:
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

