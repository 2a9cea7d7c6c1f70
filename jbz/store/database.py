"""The open database: the connection, write transactions, multi-statement scripts."""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator


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


def tables(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def db_path(db: Index) -> str:
    row = db.conn.execute("PRAGMA database_list").fetchone()
    return row[2] if row else "the database"
