"""The real development set (../shared/real): 65 public JBZ documents from 2009 to 2026, read as a
user reads them. `jbz docs --json` against the hand labels field by field, every value's evidence
found in its letter, and every word of every letter — and of the seeds and a synthetic sample —
kept in a passage or footnote that search reaches.

CI has ../shared beside the clone; elsewhere the development-set tests skip with a reason."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jbz import store
from jbz.cli import app
from jbz.index.indexer import index_paths
from jbz.read import read_file

ROOT = Path(__file__).resolve().parents[1]
REAL = Path(__file__).resolve().parents[2] / "shared" / "real"
MAKE_CORPUS = ROOT / "benchmarks" / "make_corpus.py"
FIELDS = ("kamerstuk", "chamber", "letter_date", "doc_type", "meeting_start", "meeting_end", "location", "informal")
SOURCES = {"text", "pdf header", "metadata"}
SYNTHETIC_SAMPLE = 40  # letters (two per meeting) of the synthetic corpus, --seed 7

needs_real = pytest.mark.skipif(not REAL.is_dir(), reason=f"the development set is not at {REAL} "
                                                           "(CI has ../shared beside the clone)")


def labels() -> list[dict]:
    """Return every labelled document as the user reads it: the body twin of a tkconv page, with
    `body_overrides` applied, and the file it names as `read`."""
    if not REAL.is_dir():
        return []
    out = []
    for label in json.loads((REAL / "labels.json").read_text(encoding="utf-8")):
        name = label.get("body_file") or label["file"]
        out.append({**label, **(label.get("body_overrides") or {}), "read": name})
    return out


LABELS = labels()


def collapsed(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def real_index(tmp_path_factory):
    """Index the development set into a fresh database; return its path, folder and `docs --json`."""
    if not REAL.is_dir():
        pytest.skip(f"the development set is not at {REAL}")
    folder = tmp_path_factory.mktemp("real") / "letters"
    folder.mkdir()
    for label in LABELS:
        source = REAL / "docs" / label["read"]
        if source.read_text(encoding="utf-8").strip():
            shutil.copy(source, folder / label["read"])
    db_path = folder.parent / "jbz.db"
    report = index_paths(store.open_db(db_path), [folder])
    result = CliRunner().invoke(app, ["docs", "--json"], env={"JBZ_DB": str(db_path)})
    assert result.exit_code == 0, result.output
    docs = json.loads(result.stdout)
    by_file = {}
    for doc in docs:
        for name in [doc.get("file"), *(doc.get("files") or [])]:
            by_file.setdefault(Path(name or "").name, doc)
    return {"db": db_path, "folder": folder, "docs": by_file, "report": report}


# -- facts ----------------------------------------------------------------------------------------

def score(docs: dict[str, dict], folder: Path) -> tuple[int, int, list[str], list[str]]:
    """Return (right, labelled, misses, unsupported claims) of `docs --json` against the labels,
    counted as ../shared/tools/score_real.py counts them."""
    right = total = 0
    misses, unsupported = [], []
    for label in LABELS:
        name = label["read"]
        doc = docs.get(name, {})
        text = (folder / name).read_text(encoding="utf-8") if (folder / name).exists() else ""
        for field in FIELDS:
            want, got = label.get(field), doc.get(field)
            if field == "kamerstuk" and got:
                got = str(got).replace(" ", "")
            if want is None:
                printed = field == "location" and got and str(got) in text
                if got not in (None, "", []) and field != "doc_type" and not printed \
                        and field not in (doc.get("inferred") or []):
                    unsupported.append(f"{name}: {field} = {got!r}, the text does not say")
                continue
            total += 1
            right += got == want
            if got != want:
                misses.append(f"{name}: {field} = {got!r}, label {want!r}")
    return right, total, misses, unsupported


@needs_real
def test_every_labelled_document_is_indexed(real_index):
    assert real_index["report"].failed == []
    missing = [lab["read"] for lab in LABELS if (real_index["folder"] / lab["read"]).exists()
               and lab["read"] not in real_index["docs"]]
    assert missing == []


@needs_real
def test_facts_agree_with_the_labels(real_index, capsys):
    right, total, misses, unsupported = score(real_index["docs"], real_index["folder"])
    with capsys.disabled():
        print(f"\nreal set facts: {right}/{total} = {right / max(total, 1):.3f}; "
              f"unsupported claims {len(unsupported)}")
        for line in misses + unsupported:
            print(f"  {line}")
    assert right / total >= 0.98, f"{right}/{total} facts right; misses:\n" + "\n".join(misses)
    assert len(unsupported) <= 2, "\n".join(unsupported)


# -- evidence -------------------------------------------------------------------------------------

def _day_printed(value: str, span: str) -> bool:
    day = str(int(value[8:10]))
    return re.search(rf"(?<!\d)0?{day}(?!\d)", span) is not None


def evidence_problems(doc: dict, path: Path) -> list[str]:
    """Return what is wrong with one document's evidence: a field with a value and none, an unknown
    source, a span longer than 200 characters, not in the text, or not showing the value."""
    evidence, inferred = doc.get("evidence"), doc.get("inferred")
    if not isinstance(evidence, dict) or not isinstance(inferred, list):
        return [f"no evidence/inferred in docs --json (evidence={evidence!r}, inferred={inferred!r})"]
    raw = collapsed(path.read_text(encoding="utf-8"))
    read = collapsed(read_file(path).text)
    problems = []
    for field in FIELDS:
        value = doc.get(field)
        if value is None:
            continue
        found = evidence.get(field)
        if not isinstance(found, dict) or not found.get("text"):
            problems.append(f"{field} = {value!r} has no evidence")
            continue
        span, source = found["text"], found.get("source")
        if source not in SOURCES:
            problems.append(f"{field}: source {source!r} is none of {sorted(SOURCES)}")
        if source != "text":
            continue
        if len(span) > 200:
            problems.append(f"{field}: evidence of {len(span)} characters (at most 200)")
        if collapsed(span) not in read and collapsed(span) not in raw:
            problems.append(f"{field}: evidence {span!r} is not in the text")
        if field == "kamerstuk" and str(value).replace(" ", "").rsplit("-", 1)[-1] not in span:
            problems.append(f"{field}: evidence {span!r} does not show the number of {value!r}")
        if field == "location" and str(value).casefold() not in span.casefold():
            problems.append(f"{field}: evidence {span!r} does not name {value!r}")
        if field in ("letter_date", "meeting_start", "meeting_end") and field not in inferred \
                and not _day_printed(str(value), span):
            problems.append(f"{field}: evidence {span!r} does not print the day of {value}")
    return problems


@needs_real
@pytest.mark.parametrize("name", [lab["read"] for lab in LABELS])
def test_every_value_has_its_evidence_in_the_text(real_index, name):
    path = real_index["folder"] / name
    if not path.exists():
        pytest.skip(f"{name} is empty")
    doc = real_index["docs"].get(name)
    assert doc is not None, f"{name} is not in docs --json"
    problems = evidence_problems(doc, path)
    assert not problems, "\n".join(problems)


# -- every word is kept (issue 13, item 2) --------------------------------------------------------

_LETTER_OPENS = re.compile(r"Den Haag, \d|Aan de Voorzitter")
#: A list marker opening a line ("I. Binnenlandse Zaken", "b. Schengen barometer"): the numbering
#: jbz keeps as an item's number and in its `where` ("Migratie.3.b"), not a word of the text.
_LIST_MARKER = re.compile(r"^[ \t]*(?:[IVX]{1,5}|[a-z])[.)](?=\s)", re.MULTILINE)
_TITLE_OPENS = re.compile(r"^\s*(?:Vastgesteld\b|(?:Geannoteerde agenda|Verslag|Fiche|Brief van|BRIEF VAN)\b)",
                          re.MULTILINE)


def own_text(text: str) -> str:
    """Return the letter's own text: from its "Den Haag, <date>" line or addressee on, else from its
    title or "Vastgesteld" line, else all of it (site navigation before the letter is not the letter's); without its list markers."""
    found = _LETTER_OPENS.search(text) or _TITLE_OPENS.search(text)
    return _LIST_MARKER.sub(" ", text[found.start():] if found else text)


def words(text: str) -> set[str]:
    """Return the distinct words of `text`, letters only (a glued footnote digit is no part of one), folded."""
    return {w.casefold() for w in re.findall(r"[^\W\d_]+", text)}


def kept(db_path: Path, path: Path) -> tuple[set[str], float | None]:
    """Return the words a document's passages and footnotes hold, and the share of its passage text
    that sits in passages of kind "letter"."""
    db = store.open_db(db_path)
    row = db.conn.execute("SELECT document_id FROM document_files WHERE path = ?", (str(path),)).fetchone()
    if row is None:
        return set(), None
    # Search reaches a passage's title, text and label (an item's "Goedkeuring"), and its footnotes.
    passages = db.conn.execute("SELECT kind, title || ' ' || coalesce(label, ''), text FROM passages"
                               " WHERE document_id = ?", (row[0],)).fetchall()
    notes = [n for (n,) in db.conn.execute("SELECT text FROM footnotes WHERE document_id = ?", (row[0],))]
    held = words(" ".join(f"{title} {text}" for _, title, text in passages) + " " + " ".join(notes))
    size = sum(len(text) for _, _, text in passages)
    letter = sum(len(text) for kind, _, text in passages if kind == "letter")
    return held, (letter / size if size else None)


def _index(folder: Path) -> Path:
    db_path = folder.parent / f"{folder.name}.db"
    index_paths(store.open_db(db_path), [folder])
    return db_path


@pytest.fixture(scope="module")
def coverage(tmp_path_factory) -> dict[str, dict]:
    """Index the seeds, the development set and a synthetic sample; return per letter the words of
    its own text that no passage or footnote holds, and its share of text in "letter" passages."""
    base = tmp_path_factory.mktemp("coverage")
    groups: dict[str, Path] = {}
    seeds = base / "seeds"
    shutil.copytree(ROOT / "seeds", seeds, ignore=shutil.ignore_patterns("*.json", "*.md"))
    groups["seed"] = seeds
    if REAL.is_dir():
        real = base / "real"
        real.mkdir()
        for label in LABELS:
            source = REAL / "docs" / label["read"]
            if source.read_text(encoding="utf-8").strip():
                shutil.copy(source, real / label["read"])
        groups["real"] = real
    synthetic = base / "synthetic"
    subprocess.run([sys.executable, str(MAKE_CORPUS), str(synthetic), "--docs", str(SYNTHETIC_SAMPLE)],
                   check=True, capture_output=True)
    groups["synthetic"] = synthetic / "letters"
    out = {}
    for group, folder in groups.items():
        db_path = _index(folder)
        for path in sorted(folder.glob("*.txt")):
            wanted = words(own_text(read_file(path).text))
            held, letter_share = kept(db_path, path)
            out[f"{group}:{path.name}"] = {"words": len(wanted), "missing": sorted(wanted - held),
                                           "letter_share": letter_share}
    return out


def _coverage_cases():
    yield from (pytest.param(f"seed:{p.name}", id=f"seed:{p.name}") for p in sorted((ROOT / "seeds").glob("*.txt")))
    if REAL.is_dir():
        names = sorted({lab["read"] for lab in LABELS
                        if (REAL / "docs" / lab["read"]).read_text(encoding="utf-8").strip()})
        yield from (pytest.param(f"real:{n}", id=f"real:{n}") for n in names)
    else:
        yield pytest.param("real", marks=pytest.mark.skip(reason=f"the development set is not at {REAL}"),
                           id="real-set")
    yield pytest.param("synthetic", id="synthetic-sample")


@pytest.mark.parametrize("letter", list(_coverage_cases()))
def test_every_word_of_the_letter_is_in_a_passage_or_footnote(coverage, letter):
    if letter == "synthetic":
        lost = {k: v["missing"] for k, v in coverage.items() if k.startswith("synthetic:") and v["missing"]}
        assert not lost, "\n".join(f"{k}: {len(v)} words lost, e.g. {v[:15]}" for k, v in lost.items())
        return
    found = coverage[letter]
    assert found["missing"] == [], f"{len(found['missing'])} of {found['words']} words lost: {found['missing'][:40]}"


def test_coverage_summary(coverage, capsys):
    """Print the share of words kept, the letters below 100 % with their lost words, and each letter's
    share of passage text in passages of kind "letter"; every word should be kept."""
    total = sum(v["words"] for v in coverage.values())
    lost = sum(len(v["missing"]) for v in coverage.values())
    lines = [f"\ncoverage: {total - lost}/{total} distinct words kept = {(total - lost) / max(total, 1):.3f}"
             f" over {len(coverage)} letters"]
    for group in ("seed", "real", "synthetic"):
        mine = {k: v for k, v in coverage.items() if k.startswith(f"{group}:")}
        if not mine:
            continue
        words_in = sum(v["words"] for v in mine.values())
        lost_in = sum(len(v["missing"]) for v in mine.values())
        below = [k for k, v in mine.items() if v["missing"]]
        lines.append(f"  {group}: {words_in - lost_in}/{words_in} = {(words_in - lost_in) / max(words_in, 1):.3f};"
                     f" {len(below)} of {len(mine)} letters below 100 %")
    for name, v in coverage.items():
        share = "no passages" if v["letter_share"] is None else f"{v['letter_share']:.2f} in 'letter' passages"
        kept_share = (v["words"] - len(v["missing"])) / max(v["words"], 1)
        mark = f" lost {len(v['missing'])}: {' '.join(v['missing'][:12])}" if v["missing"] else ""
        lines.append(f"  {name}: {kept_share:.3f} kept, {share}{mark}")
    with capsys.disabled():
        print("\n".join(lines))
    assert lost == 0


def test_the_evidence_check_finds_a_span_that_is_not_in_the_text(tmp_path):
    """The checker above, on a hand-made reading: good evidence passes, each kind of bad one is named."""
    path = tmp_path / "brief.txt"
    path.write_text("32 317 JBZ-Raad\nNr. 995 Brief\nDen Haag, 26 februari\n2026\nde JBZ-Raad van 5-6 maart a.s. in Brussel.",
                    encoding="utf-8")
    doc = {"kamerstuk": "32317-995", "letter_date": "2026-02-26", "location": "Brussel", "meeting_start": "2026-03-05",
           "inferred": ["meeting_start"],
           "evidence": {"kamerstuk": {"text": "32 317 JBZ-Raad Nr. 995", "source": "text"},
                        "letter_date": {"text": "Den Haag, 26 februari 2026", "source": "text"},
                        "location": {"text": "5-6 maart a.s. in Brussel", "source": "text"},
                        "meeting_start": {"text": "de JBZ-Raad van 5-6 maart a.s.", "source": "text"}}}
    assert evidence_problems(doc, path) == []
    doc["evidence"]["kamerstuk"] = {"text": "32 317 JBZ-Raad", "source": "text"}
    doc["evidence"]["letter_date"] = {"text": "Den Haag, 27 februari 2026", "source": "text"}
    doc["evidence"]["location"] = {"text": "Brussel", "source": "a guess"}
    del doc["evidence"]["meeting_start"]
    assert [p.split(" ")[0].rstrip(":") for p in evidence_problems(doc, path)] == [
        "kamerstuk", "letter_date", "letter_date", "meeting_start", "location"]
