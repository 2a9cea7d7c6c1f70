"""Bad files, interrupted runs, two processes at once, foreign databases: through the real command."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MAKE_CORPUS = ROOT / "benchmarks" / "make_corpus.py"  # the project's copy of the shared generator


def jbz(*args, db: Path, env_extra: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "JBZ_DB": str(db), "COLUMNS": "200", **(env_extra or {})}
    env.pop("JBZ_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "jbz", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=timeout)


def start_jbz(*args, db: Path) -> subprocess.Popen:
    env = {**os.environ, "JBZ_DB": str(db)}
    return subprocess.Popen([sys.executable, "-m", "jbz", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=ROOT, env=env)


def assert_no_traceback(result) -> None:
    assert "Traceback" not in result.stdout + result.stderr


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def messy_folder(tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    seed_text = (SEEDS / "002_0b783c6c09b9d010.txt").read_text(encoding="utf-8")
    (folder / "good.txt").write_text(seed_text, encoding="utf-8")
    (folder / "crlf.txt").write_bytes((SEEDS / "001_2a5ab7112efab522.txt").read_bytes().replace(b"\n", b"\r\n"))
    (folder / "bom.txt").write_bytes(b"\xef\xbb\xbf" + (SEEDS / "000_13a0f7031c7bf738.txt").read_bytes())
    (folder / "cp1252.txt").write_bytes((SEEDS / "004_f076fd594f40bb30.txt").read_text(encoding="utf-8")
                                        .replace("–", "-").encode("cp1252"))
    (folder / "not-jbz.txt").write_text("Geachte heer,\n\nDe gemeente Utrecht nodigt u uit voor een fietsroute.\n",
                                        encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "random.txt").write_bytes(os.urandom(4096) + b"\x00")
    (folder / "nul.txt").write_bytes(b"Den Haag\x00\x00\x00")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(200))
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    return folder


def test_bad_files_are_skipped_with_one_line_each_and_good_ones_indexed(messy_folder, tmp_path):
    db = tmp_path / "x.db"
    result = jbz("index", str(messy_folder), str(tmp_path / "does-not-exist"), db=db)
    assert_no_traceback(result)
    assert result.returncode == 2
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped ")]
    names = {Path(line.split(":")[0].removeprefix("skipped ")).name for line in skipped}
    assert names == {"empty.txt", "random.txt", "nul.txt", "image.txt", "loop-a.txt", "loop-b.txt",
                     "dangling.txt", "does-not-exist"}
    assert "5 indexed, 0 unchanged, 8 failed" in result.stderr
    docs = json.loads(jbz("docs", "--json", db=db).stdout)
    by_file = {d["file"]: d for d in docs}
    assert by_file["not-jbz.txt"]["doc_type"] == "other"
    assert by_file["good.txt"]["kamerstuk"] == "32317-975"
    assert by_file["crlf.txt"]["kamerstuk"] == "32317-995"
    assert by_file["bom.txt"]["meeting_start"] == "2026-01-22"
    assert by_file["cp1252.txt"]["meeting_start"] == "2025-07-22"
    hits = json.loads(jbz("search", "fietsroute", "--json", db=db).stdout)
    assert [h["file"] for h in hits["results"]] == ["not-jbz.txt"]


def test_unreadable_file_is_skipped(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads every file; a permission error cannot be made here")
    folder = tmp_path / "f"
    folder.mkdir()
    locked = folder / "locked.txt"
    locked.write_text("x")
    locked.chmod(0)
    result = jbz("index", str(folder), db=tmp_path / "x.db")
    assert "locked.txt: cannot read" in result.stderr and result.returncode == 2


def test_a_50_mb_text_file_is_indexed(tmp_path):
    seed = (SEEDS / "003_15903c3f800c1725.txt").read_text(encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text((seed * (50_000_000 // len(seed) + 1))[:50_000_000], encoding="utf-8")
    # With the default limits: the clock grows with a file's size (79 s for 50 MB), the memory cap too.
    result = jbz("index", str(big), db=tmp_path / "x.db", timeout=600)
    assert_no_traceback(result)
    assert result.returncode == 0 and "1 indexed" in result.stderr


def test_same_files_twice_leave_the_same_rows_and_a_changed_file_replaces_its_document(tmp_path):
    folder = tmp_path / "f"
    folder.mkdir()
    letter = folder / "letter.txt"
    letter.write_bytes((SEEDS / "003_15903c3f800c1725.txt").read_bytes())
    db = tmp_path / "x.db"
    jbz("index", str(folder), db=db)
    first = jbz("docs", "--json", db=db).stdout
    assert "1 unchanged" in jbz("index", str(folder), db=db).stderr
    assert jbz("docs", "--json", db=db).stdout == first
    letter.write_bytes((SEEDS / "002_0b783c6c09b9d010.txt").read_bytes())
    assert "1 indexed" in jbz("index", str(folder), db=db).stderr
    docs = json.loads(jbz("docs", "--json", db=db).stdout)
    assert [d["kamerstuk"] for d in docs] == ["32317-975"]
    meetings = json.loads(jbz("meetings", "--json", db=db).stdout)
    assert [m["start"] for m in meetings] == ["2025-10-13"]  # the old meeting went with its document


def test_prune_and_rebuild(tmp_path):
    folder = tmp_path / "f"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        (folder / seed.name).write_bytes(seed.read_bytes())
    db = tmp_path / "x.db"
    jbz("index", str(folder), db=db)
    next(folder.glob("*.txt")).unlink()
    assert "1 pruned" in jbz("index", str(folder), "--prune", db=db).stderr
    assert len(json.loads(jbz("docs", "--json", db=db).stdout)) == 1
    assert "1 indexed" in jbz("index", str(folder), "--rebuild", db=db).stderr


@pytest.mark.parametrize("kind", ["text", "other-sqlite", "newer-jbz"])
def test_foreign_or_newer_database_is_refused_and_left_untouched(tmp_path, kind):
    db = tmp_path / "x.db"
    if kind == "text":
        db.write_text("I am a shopping list, not a database.\n" * 50)
    elif kind == "other-sqlite":
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE moz_places (id INTEGER, url TEXT)")
        conn.commit()
        conn.close()
    else:
        assert jbz("index", db=db).returncode == 0
        conn = sqlite3.connect(db)
        conn.execute("INSERT INTO jbz_migrations VALUES ('m999_from_the_future', '2030-01-01')")
        conn.commit()
        conn.close()
    before = digest(db)
    for command in (["docs"], ["search", "terugkeer"], ["index"]):
        result = jbz(*command, db=db)
        assert_no_traceback(result)
        assert result.returncode == 2, (command, result.stderr)
        assert str(db) in result.stderr
        assert ("--db" in result.stderr) or ("upgrade" in result.stderr)
    assert digest(db) == before


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, str(MAKE_CORPUS), str(out), "--docs", "1000"], check=True, capture_output=True)
    return out / "letters"


def _search_answers(db: Path) -> list:
    answers = []
    for query in ("terugkeer", "Schengen", '"algemene oriëntatie"', "hub"):
        result = jbz("search", query, "--json", "--limit", "1000", db=db)
        answers.append(sorted((r["file"], r["where"]) for r in json.loads(result.stdout)["results"]))
    answers.append(jbz("meetings", "--json", db=db).stdout)
    return answers


def _wait_for_documents(db: Path, at_least: int, proc: subprocess.Popen) -> None:
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None:
        try:
            with sqlite3.connect(db, timeout=5) as conn:
                if conn.execute("SELECT count(*) FROM documents").fetchone()[0] >= at_least:
                    return
        except sqlite3.Error:
            pass
        time.sleep(0.05)


def test_kill_9_during_indexing_then_rerun_equals_a_clean_index(corpus, tmp_path):
    clean = tmp_path / "clean.db"
    assert jbz("index", str(corpus), db=clean, timeout=300).returncode == 0
    killed = tmp_path / "killed.db"
    proc = start_jbz("index", str(corpus), db=killed)
    _wait_for_documents(killed, 200, proc)
    workers = _children(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert workers, "no worker processes seen"
    assert _gone(workers), "a worker process outlived the killed jbz"
    with sqlite3.connect(killed) as conn:
        stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert 0 < stored < 1000
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('integrity-check')") is not None
    rerun = jbz("index", str(corpus), db=killed, timeout=300)
    assert rerun.returncode == 0 and f"{stored} unchanged" in rerun.stderr
    assert _search_answers(killed) == _search_answers(clean)


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def _gone(pids: list[int], within: float = 10) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not any(_alive(pid) for pid in pids):
            return True
        time.sleep(0.1)
    return False


def test_ctrl_c_says_how_many_documents_are_stored_and_exits_130(corpus, tmp_path):
    db = tmp_path / "x.db"
    proc = start_jbz("index", str(corpus), db=db)
    _wait_for_documents(db, 50, proc)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "interrupted," in stderr and "documents stored" in stderr
    assert "Traceback" not in stderr


def test_two_index_runs_at_once_and_reads_while_writing(corpus, tmp_path):
    db = tmp_path / "x.db"
    first, second = start_jbz("index", str(corpus), db=db), start_jbz("index", str(corpus), db=db)
    _wait_for_documents(db, 20, first)
    reads = [jbz("search", "terugkeer", "--json", db=db) for _ in range(3)]
    outs = [p.communicate(timeout=300) for p in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, outs
    assert all("locked" not in err and "Traceback" not in err for _, err in outs)
    for read in reads:
        assert_no_traceback(read)
        assert read.returncode in (0, 1)
    docs = json.loads(jbz("docs", "--json", db=db).stdout)
    assert len(docs) == 1000
