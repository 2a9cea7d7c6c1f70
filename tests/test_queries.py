"""track, meeting and search on the bundled letters, through the command and the functions beneath."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jbz.cli import app
from jbz.dossiers.catalogue import alias_pattern, load_dossiers, resolve
from jbz.search import fts_expression, parse_query

GOLD = json.loads((Path(__file__).parent / "data" / "gold_seeds.json").read_text(encoding="utf-8"))
runner = CliRunner()


@pytest.fixture
def db_path(seeds_db_path):
    return seeds_db_path


def jbz(db_path, *args):
    return runner.invoke(app, ["--db", db_path, *args])


def track_json(db_path, name):
    result = jbz(db_path, "track", name, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_track_lists_the_gold_meetings_and_places_in_date_order(db_path):
    data = track_json(db_path, "Terugkeerverordening")
    gold = GOLD["track"]["Terugkeerverordening"]["entries"]
    starts = [e["meeting_start"] for e in data["entries"]]
    assert starts == sorted(starts)
    assert sorted(set(starts)) == sorted(g["meeting_start"] for g in gold)
    for want in gold:
        got = {e["where"] for e in data["entries"] if e["meeting_start"] == want["meeting_start"]}
        assert set(want["where"]) <= got, want["meeting_start"]
        assert {e["doc_type"] for e in data["entries"] if e["meeting_start"] == want["meeting_start"]} == \
            {want["doc_type"]}


@pytest.mark.parametrize("name", ["terugkeerverordening", "TERUGKEERVERORDENING",
                                  "gemeenschappelijk systeem voor de terugkeer"])
def test_track_other_spellings_give_the_same_meetings(db_path, name):
    base = {e["meeting_start"] for e in track_json(db_path, "Terugkeerverordening")["entries"]}
    assert {e["meeting_start"] for e in track_json(db_path, name)["entries"]} == base


def test_track_formal_title_belongs_to_the_dossier(db_path):
    entries = track_json(db_path, "Terugkeerverordening")["entries"]
    october = [e for e in entries if e["where"] == "Binnenlandse Zaken.5" and e["meeting_start"] == "2025-10-13"]
    assert october and october[0]["item_title"].startswith("Verordening tot vaststelling")


def test_track_json_contract(db_path):
    data = track_json(db_path, "Terugkeerverordening")
    assert {"query", "dossier", "aliases", "entries"} <= set(data)
    keys = {"meeting_start", "meeting_end", "location", "informal", "file", "doc_type", "kamerstuk",
            "letter_date", "where", "item_title", "label", "excerpt"}
    assert all(keys <= set(e) for e in data["entries"])
    assert all("terugkeer" in e["excerpt"].lower() or "terugkeer" in e["item_title"].lower()
               for e in data["entries"])


def test_track_footnote_only_mention_makes_no_entry(db_path):
    # "Kopgroep" only appears in cover topics; "Aanhangsel Handelingen" only in a footnote of 003.
    result = jbz(db_path, "track", "Aanhangsel Handelingen", "--json")
    assert result.exit_code == 1


def test_track_unknown_name_suggests_close_names(db_path):
    result = jbz(db_path, "track", "Terugkeerverordnig")
    assert result.exit_code == 1
    assert "did you mean" in result.stderr and "Terugkeerverordening" in result.stderr


def test_abbreviation_alias_matches_whole_words_only():
    assert alias_pattern("EES").search("de lancering van ees op 12 oktober")
    assert not alias_pattern("EES").search("geestelijke gezondheid")
    assert alias_pattern("Terugkeerverordening").search("de nieuwe terugkeerverordeningen")


def test_user_alias_file_extends_the_builtin_names(tmp_path):
    extra = tmp_path / "mine.toml"
    extra.write_text('[Returnhubs]\naliases = ["terugkeerhub"]\n', encoding="utf-8")
    dossiers = load_dossiers(extra)
    assert resolve("Returnhubs", dossiers).aliases == ["Returnhubs", "terugkeerhub"]
    assert resolve("Terugkeerverordening", dossiers).name == "Terugkeerverordening"


@pytest.mark.parametrize("date", ["2025-12-08", "8 december 2025", "8 dec 2025", "9-12-2025", "8/12/2025",
                                  "december 2025", "2025-12", "2025-12-09"])
def test_every_date_form_finds_the_december_meeting(db_path, date):
    result = jbz(db_path, "meeting", date, "--json")
    assert result.exit_code == 0, result.output
    meetings = json.loads(result.stdout)["meetings"]
    assert [m["start"] for m in meetings] == ["2025-12-08"]


def test_meeting_json_has_the_agenda_tree(db_path):
    meeting = json.loads(jbz(db_path, "meeting", "2026-03-05", "--json").stdout)["meetings"][0]
    doc = meeting["documents"][0]
    assert doc["kamerstuk"] == "32317-995" and len(doc["cover_topics"]) == 4
    first = doc["parts"][0]["items"][0]
    assert first["label"] == "Gedachtewisseling"
    assert [s["number"] for s in first["subitems"]] == ["a", "b"]


def test_no_meeting_names_the_nearest_and_exits_1(db_path):
    result = jbz(db_path, "meeting", "2025-11-01")
    assert result.exit_code == 1
    assert "2025-10-13" in result.stderr and "2025-12-08" in result.stderr


def test_unreadable_date_says_which_forms_work(db_path):
    result = jbz(db_path, "meeting", "gisteren")
    assert result.exit_code == 2
    assert "2025-12-08" in result.stderr


def search_json(db_path, *args):
    result = jbz(db_path, "search", *args, "--json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_search_folds_diacritics(db_path):
    assert search_json(db_path, "orientatie")["total"] == search_json(db_path, "oriëntatie")["total"] > 0


def test_search_word_finds_its_compounds_after_whole_words(db_path):
    results = search_json(db_path, "terugkeerhub")["results"]
    texts = [r["snippet"].lower() for r in results]
    assert any("terugkeerhubs" in t for t in texts)
    whole = [i for i, t in enumerate(texts) if "terugkeerhub " in t or "terugkeerhub." in t]
    compound_only = [i for i, t in enumerate(texts) if "terugkeerhub" not in t.replace("terugkeerhubs", "")]
    assert whole and compound_only and max(whole) < min(compound_only)
    assert search_json(db_path, "hub")["total"] >= len(results)


def test_search_phrase_or_not_and_prefix(db_path):
    phrase = search_json(db_path, '"algemene oriëntatie"')["total"]
    assert 0 < phrase <= search_json(db_path, "algemene", "oriëntatie")["total"]
    eurodac, etias = search_json(db_path, "Eurodac")["total"], search_json(db_path, "ETIAS")["total"]
    assert search_json(db_path, "Eurodac", "OR", "ETIAS")["total"] >= max(eurodac, etias)
    assert search_json(db_path, "terugkeer", "NOT", "Syrië")["total"] < search_json(db_path, "terugkeer")["total"]
    assert search_json(db_path, "terugkeerbes*")["total"] > 0


def test_search_filters_and_limit(db_path):
    data = search_json(db_path, "terugkeer", "--type", "verslag", "--limit", "2")
    assert len(data["results"]) == 2 and data["total"] > 2
    assert {r["doc_type"] for r in data["results"]} == {"verslag"}
    since = search_json(db_path, "terugkeer", "--since", "2026-01", "--sort", "date")["results"]
    assert since and all(r["meeting_start"] >= "2026-01-01" for r in since)
    dates = [r["meeting_start"] for r in since]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("query", ['"unbalanced', "AND", "*", "NEAR(", "'; DROP TABLE documents; --", "OR OR",
                                   'a"b"c', "(((", "NOT"])
def test_hostile_queries_give_results_or_one_line_and_change_nothing(db_path, query):
    before = Path(db_path).read_bytes()
    result = jbz(db_path, "search", query)
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert len(result.stderr.strip().splitlines()) == 1
    assert Path(db_path).read_bytes() == before


def test_query_builder_quotes_every_term():
    terms = parse_query('NEAR( "a b" c* OR d NOT e')
    assert fts_expression(terms) == '"near" AND "a b" AND "c"* OR "d" NOT "e"'


def test_meeting_items_name_their_place_as_track_does(db_path):
    # A user joins `meeting --json` and `track --json` on (meeting, file, where).
    entries = track_json(db_path, "Terugkeerverordening")["entries"]
    for start in {e["meeting_start"] for e in entries}:
        result = jbz(db_path, "meeting", start, "--json")
        assert result.exit_code == 0, result.output
        places = set()
        for doc in json.loads(result.stdout)["meetings"][0]["documents"]:
            for part in doc["parts"]:
                for item in part["items"]:
                    places.add((doc["file"], item["where"]))
                    places |= {(doc["file"], sub["where"]) for sub in item["subitems"]}
                    assert all(sub["where"] == f"{item['where']}.{sub['number']}" for sub in item["subitems"])
        tracked = {(e["file"], e["where"]) for e in entries if e["meeting_start"] == start and e["where"] != "cover"}
        assert tracked and tracked <= places, start


def test_search_names_a_hit_in_a_section_footnote_or_unplaced_text_where_it_is_stored(tmp_path):
    # The parser's newer passage kinds carry their own place: a footnote hit is "footnote 3".
    import datetime as dt

    from jbz import store
    from jbz.model import Document, Passage
    from jbz.search import Filters, search
    passages = [Passage("letter", "letter", "", None, "Zie de bijlage over het kraanwater."),
                Passage("section", "Stand van zaken", "Stand van zaken", None, "Het kraanwater is veilig."),
                Passage("footnote", "footnote 3", "", None, "Kamerstuk 32317-975 over kraanwater.")]
    db = store.open_db(tmp_path / "jbz.db")
    store.save_documents(db, [("/x/a.txt", "sha", Document(kamerstuk="32317-1", letter_date=dt.date(2026, 1, 5),
                                                           passages=passages), "kamerstuk::32317-1")])
    store.refresh_words(db)
    hits = search(db, "kraanwater", Filters(), 20, "relevance").hits
    assert sorted(hit.where for hit in hits) == ["Stand van zaken", "footnote 3", "letter"]
    assert {hit.to_json()["where"] for hit in hits} == {"letter", "Stand van zaken", "footnote 3"}


def test_search_finds_a_footnote_of_a_seed_and_names_it_by_number(db_path):
    # "Aanhangsel Handelingen" is printed only in footnote 3 of letter 003.
    results = search_json(db_path, "Aanhangsel Handelingen")["results"]
    assert [(r["file"], r["where"]) for r in results] == [("003_15903c3f800c1725.txt", "footnote 3")]
