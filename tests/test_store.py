"""The index file itself: upgrades of a database an earlier jbz wrote, batched writes."""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from jbz import store
from jbz.index.indexer import bundled_seeds, index_paths
from jbz.model import Document, Evidence, Meeting
from jbz.parse import parse_letter
from jbz.search import Filters, search


def _database_of_an_earlier_jbz(path: Path, migrations: int) -> None:
    """Write a database as a jbz with only the first `migrations` migrations left it: one letter
    whose texts sit in the columns later migrations drop, indexed by the old insert trigger."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    db = store.Index(conn)
    conn.execute("CREATE TABLE jbz_migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    for migration in store.MIGRATIONS[:migrations]:
        migration(db)
        conn.execute("INSERT INTO jbz_migrations VALUES (?, '2026-11-01')", (migration.__name__,))
    conn.execute("INSERT INTO meetings (id, start, \"end\") VALUES (1, '2025-12-08', '2025-12-09')")
    conn.execute("INSERT INTO documents (id, path, file, sha256, doc_type, meeting_id, cover_text, indexed_at,"
                 " identity) VALUES (1, '/old/a.txt', 'a.txt', 'x/6', 'agenda', 1, 'Hierbij bied ik aan', '',"
                 " 'kamerstuk::32317-1')")
    conn.execute("INSERT INTO document_files VALUES ('/old/a.txt', 1, 'x/6')")
    conn.execute("INSERT INTO parts (id, document_id, position, title, intro) VALUES (1, 1, 0, 'Migratie', '')")
    conn.execute('INSERT INTO items (id, document_id, part_id, position, number, title, body, "where")'
                 " VALUES (1, 1, 1, 1, '1', 'Terugkeerverordening', 'De Raad bereikte een algemene oriëntatie.',"
                 " 'Migratie.1')")
    conn.execute('INSERT INTO passages (document_id, item_id, kind, "where", title, text) VALUES'
                 " (1, 1, 'item', 'Migratie.1', 'Terugkeerverordening', 'De Raad bereikte een algemene oriëntatie.')")
    conn.execute("INSERT INTO words SELECT term FROM passages_vocab")
    conn.close()


def test_a_database_of_an_earlier_jbz_is_upgraded_in_place_and_keeps_its_letters(tmp_path):
    path = tmp_path / "old.db"
    _database_of_an_earlier_jbz(path, migrations=6)
    db = store.open_db(path)
    assert [row.file for row in store.documents(db)] == ["a.txt"]
    hits = search(db, "orientatie", Filters(), 20, "relevance")
    assert [(h.where, h.file) for h in hits.hits] == [("Migratie.1", "a.txt")]
    # Its sentences' stage claims are read during the upgrade, as indexing reads them now.
    assert db.conn.execute("SELECT stage, status, sentence FROM stage_claims").fetchall() == [
        ("algemene oriëntatie", "reached", "De Raad bereikte een algemene oriëntatie.")]
    # New letters go into the upgraded file next to the old one, and are found the same way.
    report = index_paths(db, [bundled_seeds()])
    assert len(report.indexed) == 5 and not report.failed
    assert store.document_count(db) == 6
    assert search(db, "Terugkeerverordening", Filters(), 50, "relevance").total > 1
    # The full-text indexes match their passages and claims exactly: FTS5 raises "database disk
    # image is malformed" if not.
    _check_full_text_indexes(db)
    # The old letter's claim is found through the claims' index, as a new letter's is.
    names = db.conn.execute("SELECT c.sentence FROM claims_fts f JOIN stage_claims c ON c.id = f.rowid"
                            " WHERE claims_fts MATCH 'orientatie'").fetchall()
    assert ("De Raad bereikte een algemene oriëntatie.",) in names


def _check_full_text_indexes(db: store.Index) -> None:
    db.conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('integrity-check')")
    db.conn.execute("INSERT INTO claims_fts(claims_fts) VALUES ('integrity-check')")


def test_a_changed_letter_replaces_its_claims_in_the_claim_index(tmp_path):
    letters = tmp_path / "letters"
    letters.mkdir()
    seed = max(bundled_seeds().glob("*.txt"), key=lambda path: path.read_text(encoding="utf-8").count("oriëntatie"))
    letter = letters / seed.name
    letter.write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    db = store.open_db(tmp_path / "jbz.db")
    index_paths(db, [letters])
    before = db.conn.execute("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'orientatie'").fetchone()[0]
    assert before > 0
    # The letter as re-issued without the word: none of its old claims may be found by it any more.
    letter.write_text(letter.read_text(encoding="utf-8").replace("oriëntatie", "positie"), encoding="utf-8")
    assert index_paths(db, [letters]).indexed == [str(letter)]
    assert db.conn.execute("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'orientatie'").fetchone()[0] == 0
    fresh = store.open_db(tmp_path / "fresh.db")
    index_paths(fresh, [letters])
    count = "SELECT count(*) FROM stage_claims"
    assert db.conn.execute(count).fetchone() == fresh.conn.execute(count).fetchone()
    _check_full_text_indexes(db)


def test_a_batch_that_fails_halfway_leaves_nothing_of_itself(tmp_path, monkeypatch):
    db = store.open_db(tmp_path / "jbz.db")
    index_paths(db, [bundled_seeds()])
    before = [db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
              for table in ("documents", "items", "passages", "passages_fts")]
    docs = [(f"/new/{n}.txt", "sha", doc, f"identity-{n}") for n, doc in enumerate(_seed_documents())]

    def broken_write(self):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store.writes._Rows, "write", broken_write)
    with pytest.raises(sqlite3.OperationalError):
        store.save_documents(db, docs)
    after = [db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
             for table in ("documents", "items", "passages", "passages_fts")]
    assert after == before


def _seed_documents():
    return [parse_letter(path.read_text(encoding="utf-8")) for path in sorted(bundled_seeds().glob("*.txt"))]


def test_an_upgrade_is_announced_but_a_new_index_is_not(tmp_path):
    heard = []
    store.open_db(tmp_path / "new.db", heard.append)
    assert heard == []
    _database_of_an_earlier_jbz(tmp_path / "old.db", migrations=6)
    store.open_db(tmp_path / "old.db", heard.append)
    assert heard == [m.__name__ for m in store.MIGRATIONS[6:]]
    store.open_db(tmp_path / "old.db", heard.append)
    assert len(heard) == len(store.MIGRATIONS) - 6


def test_an_index_from_before_evidence_is_upgraded_and_its_letters_read_back_without_any(tmp_path):
    path = tmp_path / "old.db"
    _database_of_an_earlier_jbz(path, migrations=6)
    db = store.open_db(path)
    store.open_db(path)  # a second open finds nothing left to do
    [row] = store.documents(db)
    assert (row.evidence, row.inferred, row.mentioned_meetings) == ({}, [], [])
    assert row.to_json()["evidence"] == {}
    # A letter stored into the upgraded file keeps its evidence.
    store.save_documents(db, [("/new/b.txt", "sha", _checked_document(), "kamerstuk::32317-995")])
    assert store.document_named(db, "b.txt").evidence["kamerstuk"] == {"text": "32 317 JBZ-Raad Nr. 995",
                                                                      "source": "text"}


def _checked_document(kamerstuk: str = "32317-995") -> Document:
    """A reading as the parser gives it, evidence and all, built by hand."""
    return Document(
        kamerstuk=kamerstuk, chamber="TK", letter_date=dt.date(2026, 2, 26), doc_type="agenda",
        meeting=Meeting(dt.date(2026, 3, 5), dt.date(2026, 3, 6), "Brussel"),
        evidence={"kamerstuk": Evidence("32 317 JBZ-Raad Nr. 995"),
                  "letter_date": Evidence("Den Haag, 26 februari 2026", "pdf header"),
                  "meeting_start": Evidence("de JBZ-Raad van 5 en 6 maart a.s."),
                  "location": Evidence("in Brussel", "metadata")},
        inferred=["meeting_start"],
        mentioned_meetings=[Meeting(dt.date(2025, 12, 8), dt.date(2025, 12, 9), None, True)],
        passages=[])


def test_evidence_inferred_fields_and_mentioned_meetings_are_stored_and_read_back(tmp_path):
    db = store.open_db(tmp_path / "jbz.db")
    store.save_documents(db, [("/letters/a.txt", "sha", _checked_document(), "kamerstuk::32317-995")])
    [row] = store.documents(db)
    assert row.evidence == {"kamerstuk": {"text": "32 317 JBZ-Raad Nr. 995", "source": "text"},
                            "letter_date": {"text": "Den Haag, 26 februari 2026", "source": "pdf header"},
                            "meeting_start": {"text": "de JBZ-Raad van 5 en 6 maart a.s.", "source": "text"},
                            "location": {"text": "in Brussel", "source": "metadata"}}
    assert row.inferred == ["meeting_start"]
    assert row.mentioned_meetings == [{"start": "2025-12-08", "end": "2025-12-09", "location": None,
                                       "informal": True}]
    reading = {field.name: field for field in row.reading()}
    assert list(reading)[:len(store.READING_FIELDS)] == list(store.READING_FIELDS)
    assert reading["meeting_start"].inferred and not reading["kamerstuk"].inferred
    assert reading["location"].value == "Brussel" and reading["location"].evidence["source"] == "metadata"
    assert reading["chamber"].evidence is None


@pytest.fixture
def named_db(tmp_path):
    db = store.open_db(tmp_path / "jbz.db")
    letters = [("/letters/2026/a.txt", _checked_document()), ("/letters/2026/a.pdf", _checked_document()),
               ("/letters/ek/brief.html", _checked_document("32317-OO")),
               ("/letters/bnc/fiche.txt", _checked_document("21501-02-2132")),
               ("/letters/x/same_name.txt", _checked_document(None)),
               ("/letters/y/same_name.txt", _checked_document(None))]
    store.save_documents(db, [(path, "sha", doc, doc.kamerstuk or path) for path, doc in letters])
    return db


@pytest.mark.parametrize("name, path", [
    ("a.txt", "/letters/2026/a.txt"), ("a.pdf", "/letters/2026/a.txt"),  # either file of the one letter
    ("/letters/2026/a.pdf", "/letters/2026/a.txt"), ("32317-995", "/letters/2026/a.txt"),
    ("kst-32317-995", "/letters/2026/a.txt"), ("KST-32317-995", "/letters/2026/a.txt"),
    (" 32 317-995", "/letters/2026/a.txt"), ("32317-OO", "/letters/ek/brief.html"),
    ("kst-32317-oo", "/letters/ek/brief.html"), ("21501-02-2132", "/letters/bnc/fiche.txt"),
    ("/letters/y/same_name.txt", "/letters/y/same_name.txt")])
def test_a_document_is_found_by_a_files_name_or_path_or_by_its_kamerstuk(named_db, name, path):
    row = store.document_named(named_db, name)
    assert row.path == path
    if path == "/letters/2026/a.txt":
        assert row.files == ["/letters/2026/a.pdf", "/letters/2026/a.txt"]


@pytest.mark.parametrize("name", ["b.txt", "32317-996", "995", "a", "%.txt", "_.txt", "letters", ""])
def test_a_name_no_document_has_is_not_found(named_db, name):
    with pytest.raises(store.DocumentNotFound, match="'jbz docs' lists them"):
        store.document_named(named_db, name)


def test_a_base_name_two_documents_share_names_both_and_asks_for_the_path(named_db):
    with pytest.raises(store.AmbiguousDocument, match="/letters/x/same_name.txt; /letters/y/same_name.txt"):
        store.document_named(named_db, "same_name.txt")
