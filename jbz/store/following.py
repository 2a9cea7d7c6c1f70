"""The files a user follows and what `jbz news` has shown of them: user state, kept in the index
beside the letters (never emptied by a change of the letters), and carried over by a rebuild."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from jbz.store.database import Index, transaction


@dataclass(slots=True)
class Followed:
    """One followed file: its name, what the user typed, when it was followed and last looked at,
    and the standing (`jbz news` stage summary, as JSON) it last reported."""

    dossier: str
    query: str
    added: str
    looked: str | None = None
    standing: dict | None = None


def followed(db: Index) -> list[Followed]:
    """Return the followed files, in the order they were followed."""
    return [Followed(name, query, added, looked, json.loads(standing) if standing else None)
            for name, query, added, looked, standing in db.conn.execute(
                "SELECT dossier, query, added, looked, standing FROM followed ORDER BY added, dossier")]


def follow(db: Index, dossier: str, query: str) -> bool:
    """Follow a file; return False when it was followed already."""
    with transaction(db.conn):
        cursor = db.conn.execute("INSERT OR IGNORE INTO followed (dossier, query, added) VALUES (?, ?, ?)",
                                 (dossier, query, _now()))
    return cursor.rowcount == 1


def unfollow(db: Index, dossier: str) -> bool:
    """Stop following a file (and forget what news showed of it); return False when it was not followed."""
    with transaction(db.conn):
        cursor = db.conn.execute("DELETE FROM followed WHERE dossier = ?", (dossier,))
        db.conn.execute("DELETE FROM news_shown WHERE dossier = ?", (dossier,))
    return cursor.rowcount == 1


def shown_letters(db: Index, dossier: str) -> set[str]:
    """Return the identities of the letters `jbz news` has shown for a file."""
    return {row[0] for row in db.conn.execute("SELECT letter FROM news_shown WHERE dossier = ?", (dossier,))}


def remember_shown(db: Index, dossier: str, letters: list[str], standing: dict | None) -> None:
    """Record (inside the caller's transaction) that `letters` were shown for a file, its standing
    now, and that it was looked at."""
    now = _now()
    db.conn.executemany("INSERT OR IGNORE INTO news_shown VALUES (?, ?, ?)", [(dossier, letter, now) for letter in letters])
    db.conn.execute("UPDATE followed SET looked = ?, standing = ? WHERE dossier = ?",
                    (now, json.dumps(standing, ensure_ascii=False) if standing else None, dossier))


def following_state(db: Index) -> dict:
    """Return everything the user follows and was shown, to carry over a rebuild."""
    return {"followed": [list(row) for row in db.conn.execute("SELECT dossier, query, added, looked, standing FROM followed")],
            "shown": [list(row) for row in db.conn.execute("SELECT dossier, letter, shown FROM news_shown")]}


def restore_following(db: Index, state: dict) -> None:
    """Put back what `following_state` returned (into a fresh index)."""
    with transaction(db.conn):
        db.conn.executemany("INSERT OR REPLACE INTO followed VALUES (?, ?, ?, ?, ?)", state.get("followed", []))
        db.conn.executemany("INSERT OR IGNORE INTO news_shown VALUES (?, ?, ?)", state.get("shown", []))


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
