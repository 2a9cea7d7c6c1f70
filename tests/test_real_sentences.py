"""The claim reader on real sentences it was not written from: ../shared/real/sentences.json (69 sentences
of other Dutch government pages, each read alone, dated as its page) and ../shared/real/stages.json (60
claims in the JBZ letters of ../shared/real/docs). For each label: does `claims_in(sentence, date)` give
its stage and status (label "reached" = reached or reported) with a scope holding the labelled name?
Recall and precision are printed with the misses; the thresholds are the ones reached, not hoped for."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from jbz.language.claims import claims_in

REAL = Path(__file__).resolve().parents[2] / "shared" / "real"
MATCHES = {"reached": {"reached", "reported"}, "planned": {"planned"}}
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]

pytestmark = pytest.mark.skipif(not (REAL / "sentences.json").exists(),
                                reason=f"the real development set is not at {REAL}")


def collapse(text: str) -> str:
    return " ".join(text.split())


def page_date(label: dict) -> dt.date:
    """Return the date a sentence is read at: its page's, else the latest day it names, else 1 March 2024
    (as ../shared/tools/score_real.py dates it)."""
    if label.get("letter_date"):
        return dt.date.fromisoformat(label["letter_date"])
    named = [(int(y), MONTHS.index(m) + 1, int(d)) for d, m, y in re.findall(
        r"(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+((?:19|20)\d{2})", label["sentence"])]
    return dt.date(*max(named)) if named else dt.date(2024, 3, 1)


def letter_dates() -> dict[str, dt.date | None]:
    """Return each labelled letter's date (by the file a label names: the page or its body)."""
    found: dict[str, dt.date | None] = {}
    for label in json.loads((REAL / "labels.json").read_text(encoding="utf-8")):
        day = dt.date.fromisoformat(label["letter_date"]) if label.get("letter_date") else None
        for name in (label["file"], label.get("body_file")):
            if name:
                found[name] = day
    return found


def in_scope(found, name: str) -> bool:
    return bool(found.scope) and name in collapse(found.evidence[found.scope[0]:found.scope[1]])


def under_heading(found, name: str) -> bool:
    """Return whether the name stands before the claim's scope (a heading or lead-in the integrator
    falls back to when the scope names no file)."""
    return bool(found.scope) and name in collapse(found.evidence[:found.scope[0]])


def score(labels: list[dict], dates: list[dt.date | None]) -> dict:
    """Return found / via heading / shown / wrong / contradicted counts, printing every miss."""
    result = {"found": 0, "heading": 0, "shown": 0, "wrong": 0, "contradicted": 0}
    labelled: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for label in labels:
        labelled.setdefault((collapse(label["sentence"]), collapse(label["dossier"])), set()).add(
            (label["stage"], label["status"]))
    for label, day in zip(labels, dates):
        name = collapse(label["dossier"])
        claims = claims_in(label["sentence"], day)
        right = [c for c in claims if c.name == label["stage"] and c.status in MATCHES[label["status"]]]
        if any(in_scope(c, name) for c in right):
            result["found"] += 1
            continue
        heading = any(under_heading(c, name) for c in right) and not any(in_scope(c, name) for c in claims)
        result["heading"] += heading
        print(f"  {'heading' if heading else 'MISSED'}: {name[:50]!r} {label['stage']} {label['status']}: "
              f"{collapse(label['sentence'])[:110]}")
        for c in claims:
            print(f"      read: {c.name} {c.status}, scope {collapse(c.evidence[c.scope[0]:c.scope[1]])[:70]!r}")
    for (sentence, name), stages in labelled.items():
        label = next(l for l in labels if collapse(l["sentence"]) == sentence and collapse(l["dossier"]) == name)
        for c in claims_in(label["sentence"], dates[labels.index(label)]):
            if not in_scope(c, name):
                continue
            result["shown"] += 1
            if not any(c.name == stage and c.status in MATCHES[status] for stage, status in stages):
                result["wrong"] += 1
                result["contradicted"] += any(c.name == stage for stage, _ in stages)
                print(f"  WRONG: {name[:50]!r} read {c.name} {c.status}: {sentence[:110]}")
    return result


def test_sentences_of_other_pages_are_read_as_labelled():
    labels = json.loads((REAL / "sentences.json").read_text(encoding="utf-8"))
    result = score(labels, [page_date(label) for label in labels])
    found, right = result["found"] / len(labels), 1 - result["wrong"] / max(result["shown"], 1)
    print(f"\nsentences: found {result['found']}/{len(labels)} = {found:.2f}; claims on the labelled files right "
          f"{result['shown'] - result['wrong']}/{result['shown']} = {right:.2f}")
    # Of the misses, four are judgement calls of the labels (see the report): reached here, not hoped for.
    assert found >= 0.9
    assert right >= 0.94


def test_stage_claims_of_the_jbz_letters_are_read_as_labelled():
    labels = json.loads((REAL / "stages.json").read_text(encoding="utf-8"))
    days = letter_dates()
    result = score(labels, [days.get(label["file"]) for label in labels])
    print(f"\nstages: found {result['found']}/{len(labels)} in scope, {result['heading']} more under their "
          f"heading; claims on the labelled files right {result['shown'] - result['wrong']}/{result['shown']}, "
          f"contradicted {result['contradicted']}")
    assert result["contradicted"] == 0
    assert result["found"] >= 0.9 * len(labels)
    assert result["found"] + result["heading"] >= 0.95 * len(labels)
