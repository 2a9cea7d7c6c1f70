#!/usr/bin/env python3
"""Benchmark jbz against its peers, in one run, on the same synthetic corpora.

    python benchmarks/run.py [--docs 1000 10000] [--repeat 7] [--out BENCHMARKS.md]

Run it with the Python of an environment where jbz is installed (`pip install .`): jbz is timed
as users run it, the installed `jbz` command, with its modules compiled at install time.

For each corpus size it generates letters (benchmarks/make_corpus.py), then measures whole
processes: `jbz index` against a bare FTS5 insert of the same texts (the floor for this design),
a re-index of the unchanged corpus, `jbz search` / `jbz meeting` / `jbz track` against
`grep -ril` for the same word, `jbz --help` against `python -c pass`, peak memory of the
process tree, and database size against corpus size. It also checks `jbz meetings --json`
against the generator's manifest. Figures are medians; ratios are to peers timed in the same run.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from make_corpus import pdf_unavailable  # noqa: E402  (the generator beside this file)
_INSTALLED = Path(sys.executable).with_name("jbz")
JBZ = [str(_INSTALLED)] if _INSTALLED.exists() else [sys.executable, "-m", "jbz"]
# Processes run outside the source tree, so `python -m jbz` finds the installed package, not ./jbz.
WORK_DIR = Path(tempfile.gettempdir())

# The dossier every synthetic letter is likeliest to name, and one named about a sixth as often.
TRACKED = ("Terugkeerverordening", "CSAM-verordening")

BARE_FTS = """
import sqlite3, sys, pathlib
conn = sqlite3.connect(sys.argv[2])
conn.execute("CREATE VIRTUAL TABLE t USING fts5(path, text, tokenize='unicode61 remove_diacritics 2')")
with conn:
    for f in sorted(pathlib.Path(sys.argv[1]).glob('*.txt')):
        conn.execute('INSERT INTO t VALUES (?, ?)', (str(f), f.read_text(encoding='utf-8')))
"""


def tree_rss_kib(pid: int) -> int:
    """Return the summed resident memory (KiB) of a process and all its descendants."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


class Run(NamedTuple):
    """One timed process."""

    wall: float
    #: Peak resident memory of the process and its descendants, MB, sampled every 20 ms.
    peak_mb: float
    #: User and system CPU seconds of the process and the descendants it waited for (its workers).
    cpu: float


def measure(command: list[str], env: dict | None = None, stdout=subprocess.DEVNULL) -> Run:
    """Run `command`; return its wall time, peak memory and CPU time."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=stdout, stderr=subprocess.DEVNULL, env=env, cwd=WORK_DIR)
    peak = [0]
    ended = threading.Event()

    def sample() -> None:
        # Not proc.poll(): that could reap the process before os.wait4 below takes its figures.
        while not ended.wait(0.02):
            peak[0] = max(peak[0], tree_rss_kib(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    ended.set()
    proc.returncode = os.waitstatus_to_exitcode(status)
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"benchmark step failed ({proc.returncode}): {' '.join(command)}")
    return Run(wall, max(peak[0], usage.ru_maxrss) / 1024, usage.ru_utime + usage.ru_stime)


def median_of(command: list[str], repeat: int, env: dict | None = None) -> float:
    return statistics.median(measure(command, env)[0] for _ in range(repeat))


def load() -> str:
    """Return the machine's load averages now (other work on a shared machine slows every figure)."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def medians_in_rounds(commands: dict[str, list[str]], repeat: int, slow: frozenset[str] = frozenset()) -> dict[str, float]:
    """Return each command's median wall time over `repeat` rounds, each round running every
    command: this machine's speed drifts within minutes, and a peer timed minutes apart from jbz
    would make a ratio of two machine states.

    Within a round each command runs twice and the second run is kept: this machine's page cache
    is small and often emptied, so a first run mostly times re-reading what the other commands
    (or the host) pushed out of it, for jbz and grep alike. The `slow` commands (pdfgrep: seconds
    a run) are timed once a round, in the first three rounds, after one warm-up run."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_no in range(repeat):
        for name, command in commands.items():
            if name in slow and round_no >= min(3, repeat):
                continue
            if name not in slow or round_no == 0:
                measure(command)
            times[name].append(measure(command)[0])
    return {name: statistics.median(walls) for name, walls in times.items()}


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    mem = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    return {"platform": platform.platform(), "cpu": cpu, "cores": os.cpu_count(), "ram_gib": round(mem / 2**20, 1),
            "python": platform.python_version(), "sqlite": sqlite3.sqlite_version}


def make_corpus(docs: int, work: Path, pdf: bool = False) -> Path:
    """Return the folder of the synthetic corpus of `docs` letters (with its PDFs if `pdf`), made once."""
    corpus = work / f"corpus-{docs}"
    done = corpus / ("pdf/seeds.json" if pdf else "manifest.json")
    if not done.exists():
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(corpus), "--docs", str(docs),
                        *(["--pdf"] if pdf else [])], check=True, stdout=subprocess.DEVNULL)
    return corpus


def meetings_vs_manifest(db: Path, manifest: list[dict]) -> dict:
    """Return how many of the manifest's meetings `jbz meetings --json` gives, and how many it adds."""
    got = json.loads(subprocess.run(JBZ + ["--db", str(db), "meetings", "--json"], capture_output=True, text=True,
                                    cwd=WORK_DIR).stdout)
    want = {(d["meeting_start"], d["meeting_end"], d["location"], d["informal"]) for d in manifest}
    have = {(m["start"], m["end"], m["location"], m["informal"]) for m in got}
    return {"meetings_expected": len(want), "meetings_agree": len(want & have), "meetings_extra": len(have - want)}


def fresh_db(path: Path) -> Path:
    """Return `path` with any database (and its WAL files) there removed."""
    for old in path.parent.glob(path.name + "*"):
        old.unlink()
    return path


#: Another installed jbz (`--baseline-jbz`), whose `jbz index` is timed in the same rounds as this one's.
BASELINE: list[str] = []
#: Alternated rounds of `jbz index` (and the baseline's, and the bare insert) on a corpus of up to 2,000
#: letters (`--index-runs`); a larger corpus is indexed once.
INDEX_RUNS = 3


def run_size(docs: int, repeat: int, work: Path) -> dict:
    corpus = make_corpus(docs, work)
    letters = corpus / "letters"
    size_mb = sum(f.stat().st_size for f in letters.glob("*.txt")) / 1e6
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))["documents"]
    runs = INDEX_RUNS if docs <= 2000 else 1
    out: dict = {"docs": docs, "corpus_mb": round(size_mb, 1), "load_before": load()}

    bare, index, rss, bare_rss, baseline = [], [], [], [], []
    db = work / f"jbz-{docs}.db"
    for _ in range(runs):
        run = measure([sys.executable, "-c", BARE_FTS, str(letters), str(fresh_db(work / "bare.db"))])
        bare.append(run.wall)
        bare_rss.append(run.peak_mb)
        run = measure(JBZ + ["--db", str(fresh_db(db)), "index", "--quiet", str(letters)])
        index.append(run.wall)
        rss.append(run.peak_mb)
        if BASELINE:
            baseline.append(measure(BASELINE + ["--db", str(fresh_db(work / "baseline.db")), "index", "--quiet",
                                                str(letters)]).wall)
    out["bare_fts_s"] = statistics.median(bare)
    out["bare_fts_rss_mb"] = max(bare_rss)
    out["index_s"] = statistics.median(index)
    out["index_mb_per_s"] = size_mb / out["index_s"]
    out["index_rss_mb"] = max(rss)
    if baseline:
        out["baseline_index_s"] = statistics.median(baseline)
        out["baseline_index_runs"] = baseline
        out["index_runs"] = index
    out["reindex_s"] = median_of(JBZ + ["--db", str(db), "index", "--quiet", str(letters)], repeat)
    out["db_mb"] = sum(p.stat().st_size for p in work.glob(f"jbz-{docs}.db*")) / 1e6

    meeting_day = manifest[len(manifest) // 2]["meeting_start"]
    queries = {
        "search": ["search", "terugkeer"],
        "meeting": ["meeting", meeting_day],
        "track": ["track", TRACKED[0]],
        # A second, smaller dossier: how track scales with the places a dossier has, not with the letters.
        "track_smaller": ["track", TRACKED[1]],
        "dossiers": ["dossiers"],
    }
    commands = {"grep_s": ["grep", "-ril", "terugkeer", str(letters)], "python_s": [sys.executable, "-c", "pass"]}
    for name, args in queries.items():
        commands[f"{name}_s"] = JBZ + ["--db", str(db), *args]
        commands[f"{name}_json_s"] = JBZ + ["--db", str(db), *args, "--json"]
    out.update(medians_in_rounds(commands, repeat))
    for name, dossier in zip(("track", "track_smaller"), TRACKED):
        track = json.loads(subprocess.run(JBZ + ["--db", str(db), "track", dossier, "--json", "--limit", "1"],
                                          capture_output=True, text=True, cwd=WORK_DIR).stdout)
        out[f"{name}_entries"] = track["total"]

    out["dossiers_rss_mb"] = max(measure(JBZ + ["--db", str(db), "dossiers", "--json"]).peak_mb for _ in range(3))
    out["dossiers_rows"] = len(json.loads(subprocess.run(JBZ + ["--db", str(db), "dossiers", "--json"],
                                                         capture_output=True, text=True, cwd=WORK_DIR).stdout))
    out.update(news_timings(db, repeat))
    out.update(meetings_vs_manifest(db, manifest))
    out["load_after"] = load()
    return out


#: The files `jbz news` is timed following (the two tracked, and one named in far fewer letters).
FOLLOWED = (*TRACKED, "Eurodac")


def news_timings(db: Path, repeat: int) -> dict:
    """Time `jbz news` following three files: the first run (every letter new), and the runs after it
    (nothing new: what a user who looks every week mostly sees), median of `repeat`."""
    for name in FOLLOWED:
        subprocess.run(JBZ + ["--db", str(db), "follow", name], capture_output=True, cwd=WORK_DIR)
    first = measure(JBZ + ["--db", str(db), "news", "--json"]).wall
    again = median_of(JBZ + ["--db", str(db), "news", "--json"], repeat)
    for name in FOLLOWED:
        subprocess.run(JBZ + ["--db", str(db), "unfollow", name], capture_output=True, cwd=WORK_DIR)
    return {"news_first_s": first, "news_s": again}


# -- PDF letters: against pdftotext (the extraction floor) and pdfgrep -------------------------------

#: The peers of the PDF run, and how to get them; a missing one is skipped and named in the report.
PDF_PEERS = {"pdftotext": "apt-get install poppler-utils", "pdfgrep": "apt-get install pdfgrep"}

# The floor's extraction: pdftotext over every file, as many at once as the machine has cores.
PDFTOTEXT_ALL = 'cd "$1" && printf "%s\\n" *.pdf | xargs -P "$(nproc)" -I{} pdftotext -layout {} "$2/{}.txt"'


def page_count(letters: Path) -> int:
    """Return the number of pages of the PDFs in `letters` (PDFium: jbz's own reader)."""
    import pypdfium2
    total = 0
    for path in letters.glob("*.pdf"):
        pdf = pypdfium2.PdfDocument(path)
        total += len(pdf)
        pdf.close()
    return total


def extraction_floor(letters: Path, work: Path) -> tuple[Run, Run]:
    """Return the runs of pdftotext -layout over every file into a RAM-backed folder, and of a bare
    FTS5 insert of the texts it wrote, in one transaction."""
    ram = Path("/dev/shm") if Path("/dev/shm").is_dir() else work
    texts = Path(tempfile.mkdtemp(prefix="jbz-pdftotext-", dir=ram))
    try:
        extract = measure(["sh", "-c", PDFTOTEXT_ALL, "sh", str(letters), str(texts)])
        insert = measure([sys.executable, "-c", BARE_FTS, str(texts), str(fresh_db(work / "bare-pdf.db"))])
    finally:
        shutil.rmtree(texts, ignore_errors=True)
    return extract, insert


def seeds_vs_gold(seeds: Path, work: Path) -> dict:
    """Index the seed letters as PDFs into a database of their own; return the time it took and
    how many read as the gold file says (Kamerstuk, type, letter date, meeting)."""
    # A database of their own: their Kamerstukken (32317-975, -978, -995) are also numbers of synthetic
    # letters, and jbz rightly takes two files of one Kamerstuk for one letter.
    db = fresh_db(work / "jbz-pdf-seeds.db")
    wall = measure(JBZ + ["--db", str(db), "index", "--quiet", str(seeds)]).wall
    want = {d["file"]: d for d in json.loads((seeds.parent / "seeds.json").read_text(encoding="utf-8"))["documents"]}
    got = json.loads(subprocess.run(JBZ + ["--db", str(db), "docs", "--json"], capture_output=True, text=True,
                                    cwd=WORK_DIR).stdout)
    fields = ("kamerstuk", "doc_type", "letter_date", "meeting_start", "meeting_end", "location", "informal")
    agree = sum(all(doc[f] == want[doc["file"]][f] for f in fields) for doc in got if doc["file"] in want)
    return {"seeds_index_s": wall, "seeds_pages": page_count(seeds), "seeds_agree": agree, "seeds": len(want)}


def run_pdf_size(docs: int, repeat: int, work: Path) -> dict:
    """Measure jbz on the corpus of `docs` letters laid out as PDFs, against pdftotext and pdfgrep."""
    corpus = make_corpus(docs, work, pdf=True)
    letters = corpus / "pdf" / "letters"
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))["documents"]
    out: dict = {"docs": docs, "corpus_mb": round(sum(f.stat().st_size for f in letters.glob("*.pdf")) / 1e6, 1),
                 "pages": page_count(letters), "load_before": load(),
                 "missing": {peer: how for peer, how in PDF_PEERS.items() if shutil.which(peer) is None}}
    db = work / f"jbz-pdf-{docs}.db"
    floors: list[tuple[Run, Run]] = []
    index: list[Run] = []
    for _ in range(3 if docs <= 2000 else 1):
        if "pdftotext" not in out["missing"]:
            floors.append(extraction_floor(letters, work))
        index.append(measure(JBZ + ["--db", str(fresh_db(db)), "index", "--quiet", str(letters)]))
    if floors:
        out["pdftotext_s"] = statistics.median(extract.wall for extract, _ in floors)
        out["floor_insert_s"] = statistics.median(insert.wall for _, insert in floors)
        out["floor_s"] = statistics.median(extract.wall + insert.wall for extract, insert in floors)
        out["floor_cpu_s"] = statistics.median(extract.cpu + insert.cpu for extract, insert in floors)
    out["index_s"], out["index_cpu_s"] = statistics.median(r.wall for r in index), statistics.median(r.cpu for r in index)
    out["index_rss_mb"] = max(r.peak_mb for r in index)
    out["pages_per_s"] = out["pages"] / out["index_s"]
    out["reindex_s"] = median_of(JBZ + ["--db", str(db), "index", "--quiet", str(letters)], repeat)

    commands = {"python_s": [sys.executable, "-c", "pass"],
                "search_s": JBZ + ["--db", str(db), "search", "terugkeer"],
                "track_s": JBZ + ["--db", str(db), "track", TRACKED[0]],
                "track_json_s": JBZ + ["--db", str(db), "track", TRACKED[0], "--json"]}
    if "pdfgrep" not in out["missing"]:
        commands["pdfgrep_s"] = ["pdfgrep", "-ril", "terugkeer", str(letters)]
    out.update(medians_in_rounds(commands, repeat, slow=frozenset({"pdfgrep_s"})))
    track = json.loads(subprocess.run(JBZ + ["--db", str(db), "track", TRACKED[0], "--json", "--limit", "1"],
                                      capture_output=True, text=True, cwd=WORK_DIR).stdout)
    out["track_entries"] = track["total"]
    out.update(meetings_vs_manifest(db, manifest))
    out.update(seeds_vs_gold(corpus / "pdf" / "seeds", work))
    out["load_after"] = load()
    return out


def pdf_targets(r: dict) -> list[tuple[str, str, bool | None]]:
    """Return the PDF run's targets: (target, measured, passed; None where a peer was missing)."""
    floor, pdfgrep = r.get("floor_s"), r.get("pdfgrep_s")
    return [
        ("jbz index ≤ 1.0 × extraction floor (pdftotext + bare FTS5 insert)",
         f"{r['index_s'] / floor:.2f} ×" if floor else "pdftotext missing", floor and r["index_s"] <= floor),
        ("peak RSS of jbz index ≤ 300 MB", f"{r['index_rss_mb']:.0f} MB", r["index_rss_mb"] <= 300),
        ("jbz search ≤ 0.05 × pdfgrep -ril", f"{r['search_s'] / pdfgrep:.3f} ×" if pdfgrep else "pdfgrep missing",
         pdfgrep and r["search_s"] <= 0.05 * pdfgrep),
        (f"jbz track {TRACKED[0]} ≤ 0.5 s", f"{r['track_s']:.3f} s", r["track_s"] <= 0.5),
        ("meetings --json agree with the manifest", f"{r['meetings_agree']}/{r['meetings_expected']}"
         f" (+{r['meetings_extra']} extra)", r["meetings_agree"] == r["meetings_expected"] and not r["meetings_extra"]),
        ("the seeds as PDF read as the gold file", f"{r['seeds_agree']}/{r['seeds']}", r["seeds_agree"] == r["seeds"]),
    ]


def pdf_report(results: list[dict]) -> list[str]:
    """Return the lines of BENCHMARKS.md's PDF section."""
    def ratio(r: dict, key: str, peer: str) -> str:
        return f" ({r[key] / r[peer]:.3f} × {peer.removesuffix('_s')})" if r.get(peer) else ""

    lines = ["", "## PDF letters", "",
             "The same synthetic letters laid out as A4 PDFs by `make_corpus.py --pdf` (fpdf2, DejaVu Sans, the "
             "Tweede Kamer's running header with the page number, footnotes in small type at the page foot), "
             "against what a user without jbz runs on a folder of PDFs. The extraction floor is `pdftotext -layout` "
             "(poppler-utils) over every file, as many at once as the machine has cores (`xargs -P $(nproc)`), "
             "writing into a RAM-backed folder (/dev/shm), plus a bare FTS5 insert of the texts it wrote in one "
             "transaction. pdfgrep is timed once a round in the first three rounds, after a warm-up run.", "",
             "| | " + " | ".join(f"{r['docs']:,} letters ({r['pages']:,} pages, {r['corpus_mb']} MB)"
                                 for r in results) + " |",
             "|---|" + "---|" * len(results)]
    rows = [
        ("machine load (1, 5, 15 min) before / after", lambda r: f"{r['load_before']} / {r['load_after']}"),
        ("`pdftotext -layout`, all files", lambda r: f"{r['pdftotext_s']:.2f} s" if "floor_s" in r else "—"),
        ("bare FTS5 insert of its texts", lambda r: f"{r['floor_insert_s']:.2f} s" if "floor_s" in r else "—"),
        ("extraction floor (the two together)", lambda r: f"{r['floor_s']:.2f} s; CPU {r['floor_cpu_s']:.1f} s"
                                                          if "floor_s" in r else "—"),
        ("`jbz index`", lambda r: f"{r['index_s']:.2f} s ({r['pages_per_s']:.0f} pages/s)"
                                  + (f", {r['index_s'] / r['floor_s']:.2f} × floor" if "floor_s" in r else "")
                                  + f"; CPU {r['index_cpu_s']:.1f} s"
                                  + (f", {r['index_cpu_s'] / r['floor_cpu_s']:.2f} × floor's" if "floor_s" in r else "")),
        ("peak RSS of jbz index (with its workers)", lambda r: f"{r['index_rss_mb']:.0f} MB"),
        ("re-index, unchanged", lambda r: f"{r['reindex_s']:.2f} s"),
        ("`pdfgrep -ril terugkeer` (peer)", lambda r: f"{r['pdfgrep_s']:.2f} s" if "pdfgrep_s" in r else "—"),
        ("`python -c pass` (the machine's pace in the same rounds)", lambda r: f"{r['python_s']:.3f} s"),
        ("`jbz search terugkeer`", lambda r: f"{r['search_s']:.3f} s" + ratio(r, "search_s", "pdfgrep_s")),
        (f"`jbz track {TRACKED[0]}`", lambda r: f"{r['track_s']:.3f} s for {r['track_entries']} entries"
                                                + ratio(r, "track_s", "pdfgrep_s") + f"; --json {r['track_json_s']:.3f} s"),
        ("`jbz meetings --json` vs manifest", lambda r: f"{r['meetings_agree']}/{r['meetings_expected']} agree, "
                                                        f"{r['meetings_extra']} extra"),
        ("the 5 seeds as PDF: `jbz index`, docs as the gold file says",
         lambda r: f"{r['seeds_index_s']:.2f} s for {r['seeds_pages']} pages; {r['seeds_agree']}/{r['seeds']} agree"),
    ]
    for label, cell in rows:
        lines.append(f"| {label} | " + " | ".join(cell(r) for r in results) + " |")
    for peer, how in sorted({p: h for r in results for p, h in r["missing"].items()}.items()):
        lines += ["", f"{peer} was not installed, so its figures are missing (`{how}`)."]
    lines += ["", "| target | corpus | measured | |", "|---|---|---|---|"]
    for result in results:
        for name, measured, ok in pdf_targets(result):
            verdict = "SKIPPED" if ok is None else "PASS" if ok else "FAIL"
            corpus = "the 5 seeds as PDF" if name.startswith("the seeds") else f"{result['docs']:,} PDFs"
            lines.append(f"| {name} | {corpus} | {measured} | {verdict} |")
    return lines


def targets(result: dict, smaller: dict | None) -> list[tuple[str, str, bool]]:
    checks = [
        ("jbz index ≤ 2.5 × bare FTS5 insert", f"{result['index_s'] / result['bare_fts_s']:.2f} ×",
         result["index_s"] <= 2.5 * result["bare_fts_s"]),
        ("peak RSS of jbz index ≤ 300 MB", f"{result['index_rss_mb']:.0f} MB", result["index_rss_mb"] <= 300),
        ("re-index unchanged corpus ≤ 3 s", f"{result['reindex_s']:.2f} s", result["reindex_s"] <= 3),
        ("jbz search ≤ 0.25 s and below grep -ril", f"{result['search_s']:.3f} s vs {result['grep_s']:.3f} s",
         result["search_s"] <= 0.25 and result["search_s"] < result["grep_s"]),
        ("jbz meeting ≤ 0.25 s and below grep -ril", f"{result['meeting_s']:.3f} s vs {result['grep_s']:.3f} s",
         result["meeting_s"] <= 0.25 and result["meeting_s"] < result["grep_s"]),
        *[(f"jbz track {dossier} ({result[f'{name}_entries']} entries) ≤ 0.5 s", f"{result[f'{name}_s']:.3f} s",
           result[f"{name}_s"] <= 0.5) for name, dossier in zip(("track", "track_smaller"), TRACKED)
          if result[f"{name}_entries"] >= 500],  # the target is for dossiers of 500 places or more
        ("jbz dossiers ≤ 0.5 s and ≤ 150 MB", f"{result['dossiers_s']:.3f} s, {result['dossiers_rss_mb']:.0f} MB",
         result["dossiers_s"] <= 0.5 and result["dossiers_rss_mb"] <= 150),
        ("jbz news, three files followed, nothing new ≤ 0.5 s", f"{result['news_s']:.3f} s",
         result["news_s"] <= 0.5),
        *([("jbz index ≤ 1.2 × the baseline jbz, same rounds",
            f"{result['index_s']:.2f} s vs {result['baseline_index_s']:.2f} s = "
            f"{result['index_s'] / result['baseline_index_s']:.2f} ×",
            result["index_s"] <= 1.2 * result["baseline_index_s"])] if "baseline_index_s" in result else []),
        ("meetings --json agree with the manifest", f"{result['meetings_agree']}/{result['meetings_expected']}"
         f" (+{result['meetings_extra']} extra)",
         result["meetings_agree"] == result["meetings_expected"] and not result["meetings_extra"]),
    ]
    if smaller:
        checks.append(("peak RSS not growing with corpus size",
                       f"{smaller['index_rss_mb']:.0f} MB at {smaller['docs']} → {result['index_rss_mb']:.0f} MB",
                       result["index_rss_mb"] <= smaller["index_rss_mb"] * 1.5))
    return checks


def report(results: list[dict], pdf_results: list[dict], pdf_skipped: str | None, startup: dict, info: dict,
           command: str) -> str:
    lines = [
        "# Benchmarks", "",
        f"Run on {time.strftime('%Y-%m-%d %H:%M %Z')} with `{command}`.", "",
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['ram_gib']} GiB RAM; {info['platform']}; "
        f"Python {info['python']}, SQLite {info['sqlite']}.", "",
        f"jbz ran as `{' '.join(Path(part).name if i == 0 else part for i, part in enumerate(JBZ))}`, output going to a "
        "pipe or file, not a terminal (plain text, as a script sees it). Every figure is a whole process, wall time, median of the runs "
        "named; ratios are to the peer timed in the same run on the same files. The queries, grep and "
        "`python -c pass` are timed in rounds, so that a drift in the machine's speed reaches jbz and its peer "
        "alike; in each round every command runs twice and the second run is timed (with its files in the page "
        "cache, which on this machine is small and often emptied). Peak RSS is summed over jbz and "
        "its worker processes, sampled every 20 ms.",
        "",
    ]
    table = [
        "| | " + " | ".join(f"{r['docs']:,} letters ({r['corpus_mb']} MB)" for r in results) + " |",
        "|---|" + "---|" * len(results),
    ]
    rows = [
        ("machine load (1, 5, 15 min) before / after", lambda r: f"{r['load_before']} / {r['load_after']}"),
        ("bare FTS5 insert (floor)", lambda r: f"{r['bare_fts_s']:.2f} s"),
        ("`jbz index`", lambda r: f"{r['index_s']:.2f} s ({r['index_mb_per_s']:.1f} MB/s), "
                                  f"{r['index_s'] / r['bare_fts_s']:.2f} × floor"),
        ("peak RSS: jbz index / bare insert", lambda r: f"{r['index_rss_mb']:.0f} MB / {r['bare_fts_rss_mb']:.0f} MB"),
        ("re-index, unchanged", lambda r: f"{r['reindex_s']:.2f} s"),
        ("`grep -ril terugkeer` (peer)", lambda r: f"{r['grep_s']:.3f} s"),
        ("`python -c pass` (the machine's pace in the same rounds)", lambda r: f"{r['python_s']:.3f} s"),
        ("`jbz search terugkeer`", lambda r: f"{r['search_s']:.3f} s ({r['search_s'] / r['grep_s']:.2f} × grep); "
                                             f"--json {r['search_json_s']:.3f} s"),
        ("`jbz meeting DATE`", lambda r: f"{r['meeting_s']:.3f} s ({r['meeting_s'] / r['grep_s']:.2f} × grep); "
                                         f"--json {r['meeting_json_s']:.3f} s"),
        *[(f"`jbz track {dossier}`", lambda r, name=name: f"{r[f'{name}_s']:.3f} s for {r[f'{name}_entries']} "
                                                          f"entries; --json {r[f'{name}_json_s']:.3f} s")
          for name, dossier in zip(("track", "track_smaller"), TRACKED)],
        ("`jbz dossiers`", lambda r: f"{r['dossiers_s']:.3f} s, peak {r['dossiers_rss_mb']:.0f} MB, "
                                     f"{r['dossiers_rows']} files; --json {r['dossiers_json_s']:.3f} s"),
        ("`jbz news` following " + ", ".join(FOLLOWED), lambda r: f"{r['news_s']:.3f} s with nothing new; "
                                                                 f"the first run (every letter new) {r['news_first_s']:.2f} s"),
        ("`jbz index` of the baseline jbz (same rounds)",
         lambda r: (f"{r['baseline_index_s']:.2f} s (runs {', '.join(f'{x:.2f}' for x in r['baseline_index_runs'])};"
                    f" this jbz {', '.join(f'{x:.2f}' for x in r['index_runs'])}): "
                    f"{r['index_s'] / r['baseline_index_s']:.2f} ×") if "baseline_index_s" in r else "not measured"),
        ("database / corpus size", lambda r: f"{r['db_mb']:.1f} MB / {r['corpus_mb']} MB "
                                             f"({r['db_mb'] / r['corpus_mb']:.2f} ×)"),
        ("`jbz meetings --json` vs manifest", lambda r: f"{r['meetings_agree']}/{r['meetings_expected']} agree, "
                                                        f"{r['meetings_extra']} extra"),
    ]
    for label, cell in rows:
        table.append(f"| {label} | " + " | ".join(cell(r) for r in results) + " |")
    lines += table if results else ["No text corpus measured in this run."]
    lines += ["", f"Start-up: `jbz --help` {startup['help_s']:.3f} s against `python -c pass` "
                  f"{startup['python_s']:.3f} s (median of {startup['repeat']}).", "", "## Targets", "",
              "| target | corpus | measured | |", "|---|---|---|---|"]
    previous = None
    for result in results:
        for name, measured, ok in targets(result, previous):
            lines.append(f"| {name} | {result['docs']:,} | {measured} | {'PASS' if ok else 'FAIL'} |")
        previous = result
    ok = startup["help_s"] <= 0.2
    lines.append(f"| jbz --help ≤ 0.2 s | — | {startup['help_s']:.3f} s | {'PASS' if ok else 'FAIL'} |")
    if pdf_results:
        lines += pdf_report(pdf_results)
    elif pdf_skipped:
        lines += ["", "## PDF letters", "", f"Not measured: {pdf_skipped}."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="*", default=[1000, 10000], help="text corpora: letters in each")
    parser.add_argument("--pdf-docs", type=int, nargs="*", default=[1000],
                        help="PDF corpora: letters in each (10,000 take fpdf2 about half an hour to lay out)")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--workdir", type=Path, default=None, help="keep corpora and databases here")
    parser.add_argument("--index-runs", type=int, default=3,
                        help="alternated rounds of jbz index on corpora of up to 2,000 letters (a larger one: 1)")
    parser.add_argument("--baseline-jbz", type=Path, default=None,
                        help="another installed jbz (e.g. an older commit's) whose index is timed in the same rounds")
    args = parser.parse_args()
    if args.baseline_jbz:
        BASELINE[:] = [str(args.baseline_jbz)]
    global INDEX_RUNS
    INDEX_RUNS = max(1, args.index_runs)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="jbz-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    info = machine()
    startup = {"repeat": args.repeat, **medians_in_rounds({"help_s": JBZ + ["--help"],
                                                            "python_s": [sys.executable, "-c", "pass"]}, args.repeat)}
    results = []
    for docs in args.docs:
        print(f"benchmarking {docs} letters in {work} …", file=sys.stderr)
        results.append(run_size(docs, args.repeat, work))
    pdf_skipped = pdf_unavailable() if args.pdf_docs else None
    pdf_results = []
    for docs in [] if pdf_skipped else args.pdf_docs:
        print(f"benchmarking {docs} letters as PDFs in {work} …", file=sys.stderr)
        pdf_results.append(run_pdf_size(docs, args.repeat, work))
    command = "python benchmarks/run.py " + " ".join(sys.argv[1:])
    text = report(results, pdf_results, pdf_skipped, startup, info, command.strip())
    args.out.write_text(text, encoding="utf-8")
    print(text)
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
