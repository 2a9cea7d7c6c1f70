"""Following files: `jbz follow`, `jbz news` (what is new since it last showed), its Atom feed, and the
remembered state under concurrency, Ctrl-C and a rebuild; on the bundled letters, end to end."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jbz import store
from jbz.cli import app

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
NEWEST = "001_2a5ab7112efab522.txt"  # the agenda of 26 February 2026 (32317-995)


def run(db: Path, *args: str):
    return CliRunner().invoke(app, ["--db", str(db), *args])


def news(db: Path, *args: str) -> dict:
    result = run(db, "news", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def letters(report: dict, dossier: str = "Terugkeerverordening") -> list[str]:
    return sorted(letter["file"] for file in report["dossiers"] if file["dossier"] == dossier
                  for letter in file["letters"])


@pytest.fixture
def followed(tmp_path) -> tuple[Path, Path]:
    """An index of the four oldest bundled letters, following the Terugkeerverordening."""
    folder = tmp_path / "letters"
    folder.mkdir()
    for seed in SEEDS.iterdir():
        if seed.name != NEWEST:
            shutil.copy(seed, folder / seed.name)
    db = tmp_path / "jbz.db"
    assert run(db, "index", str(folder)).exit_code == 0
    assert run(db, "follow", "Terugkeerverordening").exit_code == 0
    return db, folder


def test_news_shows_what_is_new_once_and_the_newest_letter_with_its_stage_move(followed):
    db, folder = followed
    first = news(db)
    assert letters(first) == sorted(p.name for p in folder.iterdir())
    assert news(db)["dossiers"] == []  # nothing new: shown once
    assert "nothing new" in run(db, "news").output
    shutil.copy(SEEDS / NEWEST, folder / NEWEST)
    assert run(db, "index", str(folder)).exit_code == 0
    peeked = news(db, "--peek")
    [file] = peeked["dossiers"]
    assert [letter["kamerstuk"] for letter in file["letters"]] == ["32317-995"]
    assert file["stage"]["to"].endswith("onderhandelingen met het Europees Parlement planned")
    assert news(db, "--peek") == peeked  # peeking remembers nothing
    assert letters(news(db)) == [NEWEST]
    assert news(db)["dossiers"] == []


def test_since_shows_the_letters_dated_from_a_day_shown_or_not(followed):
    db, _ = followed
    news(db)
    dates = [letter["letter_date"] or letter["meeting_start"]
             for file in news(db, "--since", "2025-11-01")["dossiers"] for letter in file["letters"]]
    assert dates and all(date >= "2025-11-01" for date in dates)
    assert len(dates) < 4  # the agenda of July 2025 is left out


def test_following_lists_each_file_with_when_it_was_looked_at(followed):
    db, _ = followed
    [row] = json.loads(run(db, "following", "--json").stdout)
    assert row["dossier"] == "Terugkeerverordening" and row["looked"] is None and row["letters"] == 4
    news(db)
    assert json.loads(run(db, "following", "--json").stdout)[0]["looked"]
    assert run(db, "unfollow", "Return Regulation").exit_code == 0  # any name of the file
    assert json.loads(run(db, "following", "--json").stdout) == []
    assert run(db, "unfollow", "Terugkeerverordening").exit_code == 1


def test_a_rebuild_shows_nothing_twice(followed):
    db, folder = followed
    news(db)
    assert run(db, "index", str(folder), "--rebuild").exit_code == 0
    assert news(db)["dossiers"] == []
    assert [row["dossier"] for row in json.loads(run(db, "following", "--json").stdout)] == ["Terugkeerverordening"]


def test_a_news_stopped_before_it_is_done_remembers_nothing(followed, monkeypatch):
    db, _ = followed
    import jbz.dossiers.news as news_module

    def stopped(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(news_module, "file_news", stopped)
    assert CliRunner().invoke(app, ["--db", str(db), "news"]).exit_code != 0  # Ctrl-C, as Click takes it
    monkeypatch.undo()
    assert len(letters(news(db))) == 4  # nothing was lost


def test_two_news_at_once_show_each_letter_once(followed):
    db, _ = followed
    command = [sys.executable, "-m", "jbz", "--db", str(db), "news", "--json"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [json.loads(process.communicate(timeout=120)[0]) for process in runs]
    shown = [name for output in outputs for name in letters(output)]
    assert sorted(shown) == sorted(set(shown)) and len(shown) == 4
    assert news(db)["dossiers"] == []


def test_the_atom_feed_reads_in_a_feed_reader_with_ids_that_stay(followed, tmp_path):
    feedparser = pytest.importorskip("feedparser", reason="feedparser is a test dependency: pip install -e '.[test]'")
    db, folder = followed
    path = tmp_path / "news.xml"
    assert run(db, "news", "--peek", "--atom", str(path)).exit_code == 0
    parsed = feedparser.parse(path.read_text(encoding="utf-8"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title and parsed.feed.id and parsed.feed.updated
    entries = parsed.entries
    assert len(entries) >= 4 and len({entry.id for entry in entries}) == len(entries)
    assert all(entry.title and entry.updated and entry.link for entry in entries)
    assert all(entry.link.startswith(("https://zoek.officielebekendmakingen.nl/", "file:")) for entry in entries)
    # RFC 4287's required elements: the feed's id, title, updated and author; each entry's id, title, updated.
    from xml.etree import ElementTree
    atom = "{http://www.w3.org/2005/Atom}"
    root = ElementTree.fromstring(path.read_bytes())
    assert all(root.find(atom + name) is not None for name in ("id", "title", "updated", "author"))
    for entry in root.findall(atom + "entry"):
        assert all(entry.find(atom + name) is not None and entry.find(atom + name).text for name in ("id", "title",
                                                                                                     "updated"))
    assert run(db, "index", str(folder), "--rebuild").exit_code == 0
    again = tmp_path / "again.xml"
    assert run(db, "news", "--peek", "--atom", str(again)).exit_code == 0
    assert {entry.id for entry in feedparser.parse(again.read_text(encoding="utf-8")).entries} == \
        {entry.id for entry in entries}


def test_news_without_a_followed_file_says_how_to_follow_one(tmp_path):
    db = tmp_path / "jbz.db"
    assert run(db, "index", str(SEEDS)).exit_code == 0
    result = run(db, "news")
    assert result.exit_code == 1 and "jbz follow" in result.output


def test_nothing_a_letter_holds_reaches_the_terminal_through_news_or_its_feed(tmp_path):
    # A position sentence of its own, so that the characters are in the news and in the feed's summary.
    seed = (SEEDS / NEWEST).read_text(encoding="utf-8")
    assert "de terugkeerverordening worden." in seed
    letter = seed.replace("de terugkeerverordening worden.", "de terugkeerverordening worden. Het kabinet steunt de "
                          "terugkeerverordening\x1b[31m\u202e\x9b volledig.", 1)
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "hostile.txt").write_text(letter, encoding="utf-8")
    db = tmp_path / "jbz.db"
    assert run(db, "index", str(folder)).exit_code == 0
    assert run(db, "follow", "Terugkeerverordening").exit_code == 0
    for extra in ([], ["--atom", "-"], ["--json"]):
        shown = subprocess.run([sys.executable, "-m", "jbz", "--db", str(db), "news", "--peek", *extra],
                               capture_output=True, text=True)
        assert shown.returncode == 0, shown.stderr
        assert "Terugkeerverordening" in shown.stdout and "volledig" in shown.stdout
        assert not any(c in shown.stdout + shown.stderr for c in "\x1b\u202e\x9b"), extra


def test_a_news_since_a_day_keeps_the_stage_remembered_from_every_letter(followed):
    db, folder = followed
    news(db)
    shutil.copy(SEEDS / NEWEST, folder / NEWEST)
    assert run(db, "index", str(folder)).exit_code == 0
    # Only the agenda of February 2026, which does not restate the general approach reached before.
    [file] = news(db, "--since", "2026-02-01")["dossiers"]
    assert [letter["kamerstuk"] for letter in file["letters"]] == ["32317-995"]
    [row] = store.followed(store.open_db(db))
    assert row.standing["reached"] == "algemene oriëntatie"  # not forgotten by a reading of one letter
