"""The stage ladder on real letters: the 60 hand-labelled stage claims of ../shared/real/stages.json
are found by `track` with the dossier named as a user types it, in their letter, none contradicted."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from jbz import store
from jbz.dossiers import catalogue, files, story, timeline
from jbz.fold import fold
from jbz.index.indexer import index_paths

REAL = Path(__file__).resolve().parents[2] / "shared" / "real"
# A label "reached" is matched by jbz's "reached" (at this meeting) or "reported" (at an earlier one).
MATCHES = {"reached": {"reached", "reported"}, "planned": {"planned"}}

pytestmark = pytest.mark.skipif(not (REAL / "stages.json").exists(),
                                reason=f"the real development set is not at {REAL}")


def collapse(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def real_db(tmp_path_factory):
    """Return the index of the real documents, each read as a user has it (a tkconv page's body)."""
    folder = tmp_path_factory.mktemp("real") / "docs"
    folder.mkdir()
    for label in json.loads((REAL / "labels.json").read_text(encoding="utf-8")):
        name = label.get("body_file") or label["file"]
        shutil.copy(REAL / "docs" / name, folder / name)
    db = store.open_db(folder.parent / "jbz.db")
    index_paths(db, [folder])
    return db


@pytest.fixture(scope="module")
def labels():
    return json.loads((REAL / "stages.json").read_text(encoding="utf-8"))


def tracked(db, name: str) -> list[dict]:
    """Return the stages `track name` shows: one per entry's stage and linked outcome."""
    found = files.resolve(db, name, catalogue.load_dossiers())  # as `jbz track` resolves it
    entries = timeline.timeline(db, found)
    story.tell(entries)
    timeline.load_texts(db, found, entries)
    story.describe(found, entries)
    return [{**stage, "source_file": stage.get("source_file") or entry.file}
            for entry in entries for stage in [entry.stage, *entry.outcomes] if stage]


def verdict(label: dict, shown: list[dict]) -> str:
    """Return "found", "contradicted" (the stage with the other status) or "missed"."""
    mine = [s for s in shown if s["source_file"] == label["file"] and s["name"] == label["stage"]]
    if any(s["status"] in MATCHES[label["status"]] for s in mine):
        return "found"
    return "contradicted" if mine else "missed"


def test_labelled_stage_claims_are_found_by_track(real_db, labels):
    cache: dict[str, list[dict]] = {}
    verdicts = []
    for label in labels:
        name = collapse(label["dossier"])
        shown = cache.setdefault(name, tracked(real_db, name))
        verdicts.append((verdict(label, shown), label, shown))
    found = sum(v == "found" for v, _, _ in verdicts)
    print(f"\nstages: {found}/{len(labels)} labelled claims found")
    for result, label, shown in verdicts:
        if result != "found":
            got = sorted({(s["name"], s["status"]) for s in shown if s["source_file"] == label["file"]})
            print(f"  {result}: {label['file']}: {collapse(label['dossier'])!r} {label['stage']} {label['status']}"
                  f" (track shows {got or 'nothing'} in that letter)")
    contradicted = [label for v, label, _ in verdicts if v == "contradicted"]
    assert not contradicted
    assert found >= 0.9 * len(labels)


def test_claims_the_labels_lack_are_printed_for_review(real_db, labels):
    labelled = {(label["file"], label["stage"], fold(collapse(label["sentence"]))[:60]) for label in labels}
    files = sorted({label["file"] for label in labels})
    extra = []
    for file, stage, status, sentence in real_db.conn.execute(
            "SELECT d.file, c.stage, c.status, c.sentence FROM stage_claims c JOIN passages p ON p.id = c.passage_id"
            f" JOIN documents d ON d.id = p.document_id WHERE d.file IN ({','.join('?' * len(files))})"
            " ORDER BY d.file, c.id", files):
        sentence = collapse(sentence)
        if not any(f == file and s == stage and (start in fold(sentence) or fold(sentence)[:60] in start)
                   for f, s, start in labelled):
            extra.append(f"  {file}: {stage} {status}: {sentence[:160]}")
    print(f"\n{len(extra)} stage claims in the labelled letters that no label has:")
    print("\n".join(extra))
    assert all(re.match(r"  \S+: ", line) for line in extra)
