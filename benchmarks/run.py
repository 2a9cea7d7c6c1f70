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

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
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


def measure(command: list[str], env: dict | None = None, stdout=subprocess.DEVNULL) -> tuple[float, float]:
    """Run `command`; return (wall seconds, peak RSS of its process tree in MB, sampled every 20 ms)."""
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
    return wall, max(peak[0], usage.ru_maxrss) / 1024


def median_of(command: list[str], repeat: int, env: dict | None = None) -> float:
    return statistics.median(measure(command, env)[0] for _ in range(repeat))


def medians_in_rounds(commands: dict[str, list[str]], repeat: int) -> dict[str, float]:
    """Return each command's median wall time over `repeat` rounds, each round running every
    command: this machine's speed drifts within minutes, and a peer timed minutes apart from jbz
    would make a ratio of two machine states.

    Within a round each command runs twice and the second run is kept: this machine's page cache
    is small and often emptied, so a first run mostly times re-reading what the other commands
    (or the host) pushed out of it, for jbz and grep alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
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


def run_size(docs: int, repeat: int, work: Path) -> dict:
    corpus = work / f"corpus-{docs}"
    if not (corpus / "manifest.json").exists():
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(corpus), "--docs", str(docs)], check=True,
                       stdout=subprocess.DEVNULL)
    letters = corpus / "letters"
    size_mb = sum(f.stat().st_size for f in letters.glob("*.txt")) / 1e6
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))["documents"]
    runs = 3 if docs <= 2000 else 1
    out: dict = {"docs": docs, "corpus_mb": round(size_mb, 1)}

    bare, index, rss, bare_rss = [], [], [], []
    for _ in range(runs):
        for path in work.glob("bare.db*"):
            path.unlink()
        wall, peak = measure([sys.executable, "-c", BARE_FTS, str(letters), str(work / "bare.db")])
        bare.append(wall)
        bare_rss.append(peak)
        db = work / f"jbz-{docs}.db"
        for path in work.glob(f"jbz-{docs}.db*"):
            path.unlink()
        wall, peak = measure(JBZ + ["--db", str(db), "index", "--quiet", str(letters)])
        index.append(wall)
        rss.append(peak)
    out["bare_fts_s"] = statistics.median(bare)
    out["bare_fts_rss_mb"] = max(bare_rss)
    out["index_s"] = statistics.median(index)
    out["index_mb_per_s"] = size_mb / out["index_s"]
    out["index_rss_mb"] = max(rss)
    out["reindex_s"] = median_of(JBZ + ["--db", str(db), "index", "--quiet", str(letters)], repeat)
    out["db_mb"] = sum(p.stat().st_size for p in work.glob(f"jbz-{docs}.db*")) / 1e6

    meeting_day = manifest[len(manifest) // 2]["meeting_start"]
    queries = {
        "search": ["search", "terugkeer"],
        "meeting": ["meeting", meeting_day],
        "track": ["track", TRACKED[0]],
        # A second, smaller dossier: how track scales with the places a dossier has, not with the letters.
        "track_smaller": ["track", TRACKED[1]],
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

    got = json.loads(subprocess.run(JBZ + ["--db", str(db), "meetings", "--json"], capture_output=True, text=True,
                                    cwd=WORK_DIR).stdout)
    want = {(d["meeting_start"], d["meeting_end"], d["location"], d["informal"]) for d in manifest}
    have = {(m["start"], m["end"], m["location"], m["informal"]) for m in got}
    out["meetings_expected"] = len(want)
    out["meetings_agree"] = len(want & have)
    out["meetings_extra"] = len(have - want)
    return out


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
        ("meetings --json agree with the manifest", f"{result['meetings_agree']}/{result['meetings_expected']}"
         f" (+{result['meetings_extra']} extra)",
         result["meetings_agree"] == result["meetings_expected"] and not result["meetings_extra"]),
    ]
    if smaller:
        checks.append(("peak RSS not growing with corpus size",
                       f"{smaller['index_rss_mb']:.0f} MB at {smaller['docs']} → {result['index_rss_mb']:.0f} MB",
                       result["index_rss_mb"] <= smaller["index_rss_mb"] * 1.5))
    return checks


def report(results: list[dict], startup: dict, info: dict, command: str) -> str:
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
        "| | " + " | ".join(f"{r['docs']:,} letters ({r['corpus_mb']} MB)" for r in results) + " |",
        "|---|" + "---|" * len(results),
    ]
    rows = [
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
        ("database / corpus size", lambda r: f"{r['db_mb']:.1f} MB / {r['corpus_mb']} MB "
                                             f"({r['db_mb'] / r['corpus_mb']:.2f} ×)"),
        ("`jbz meetings --json` vs manifest", lambda r: f"{r['meetings_agree']}/{r['meetings_expected']} agree, "
                                                        f"{r['meetings_extra']} extra"),
    ]
    for label, cell in rows:
        lines.append(f"| {label} | " + " | ".join(cell(r) for r in results) + " |")
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
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--workdir", type=Path, default=None, help="keep corpora and databases here")
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="jbz-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    info = machine()
    startup = {"repeat": args.repeat, **medians_in_rounds({"help_s": JBZ + ["--help"],
                                                            "python_s": [sys.executable, "-c", "pass"]}, args.repeat)}
    results = []
    for docs in args.docs:
        print(f"benchmarking {docs} letters in {work} …", file=sys.stderr)
        results.append(run_size(docs, args.repeat, work))
    command = "python benchmarks/run.py " + " ".join(sys.argv[1:])
    text = report(results, startup, info, command.strip())
    args.out.write_text(text, encoding="utf-8")
    print(text)
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
