"""A 1,000-letter synthetic corpus (benchmarks/make_corpus.py, the project's copy of the shared
generator) reads as its manifest says."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jbz import store
from jbz.index.indexer import index_paths

MAKE_CORPUS = Path(__file__).resolve().parents[1] / "benchmarks" / "make_corpus.py"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, str(MAKE_CORPUS), str(out), "--docs", "1000"], check=True,
                   capture_output=True)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]
    db = store.open_db(out / "index.db")
    report = index_paths(db, [out / "letters"])
    return db, manifest, report


def test_every_letter_is_indexed(corpus):
    db, manifest, report = corpus
    assert report.failed == []
    assert len(report.indexed) == len(manifest) == 1000


def test_meeting_place_type_and_date_match_the_manifest(corpus):
    db, manifest, _ = corpus
    got = {row.file: row for row in store.documents(db)}
    wrong = []
    for want in manifest:
        row = got[want["file"]]
        fields = ("doc_type", "letter_date", "meeting_start", "meeting_end", "location", "informal", "kamerstuk")
        if any(getattr(row, f) != want[f] for f in fields):
            wrong.append(want["file"])
    assert len(wrong) <= 5, wrong[:10]  # at least 99.5 % right


def test_meetings_agree_with_the_manifest(corpus):
    db, manifest, _ = corpus
    want = {(d["meeting_start"], d["meeting_end"], d["location"], d["informal"]) for d in manifest}
    got = {(m["start"], m["end"], m["location"], m["informal"]) for m in store.meetings(db)}
    assert got == want


def test_reindexing_the_unchanged_corpus_changes_nothing(corpus):
    db, manifest, _ = corpus
    before = db.conn.execute("SELECT count(*), max(id) FROM passages").fetchone()
    report = index_paths(db, [Path(store.db_path(db)).parent / "letters"])
    assert len(report.unchanged) == 1000 and report.indexed == []
    assert db.conn.execute("SELECT count(*), max(id) FROM passages").fetchone() == before
