"""Property tests: the reader, the letter parser and the search never raise on arbitrary input."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jbz import store
from jbz.index.indexer import bundled_seeds
from jbz.index.pages import _letters, page_starts
from jbz.parse import parse_letter
from jbz.read import UnreadableFile, read_bytes
from jbz.read.text import read_plain_text
from jbz.search import QueryError, fts_expression, parse_query, search

SEED_LINES = [line for f in sorted(bundled_seeds().glob("*.txt"))
              for line in f.read_text(encoding="utf-8").splitlines()][:3000]

# Text that looks like a letter: seed lines shuffled, with structure markers and noise mixed in.
letter_like = st.lists(
    st.one_of(st.sampled_from(SEED_LINES), st.sampled_from(["I. Justitie", "II.", "1. ", "a) ", " ", "",
                                                           "Den Haag, 31 februari 2025", "Nr. ", "32 317 JBZ-Raad",
                                                           "Gedachtewisseling", "3 Kamerstukken II, nr. 9"]),
              st.text(max_size=120)),
    max_size=120).map("\n".join)
nested = st.recursive(st.text(max_size=20), lambda inner: st.tuples(
    st.sampled_from('([{"\'“'), inner, st.sampled_from(')]}"\'”')).map("".join), max_leaves=30)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000))
def test_reader_never_raises_on_bytes(data):
    text, warnings = read_plain_text(data)
    assert "\r" not in text and "\u00ad" not in text


@settings(max_examples=150, deadline=None)
@given(st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04word/document.xml", b"<!DOCTYPE html><body>", b"", b"\xef\xbb\xbf"]),
       st.binary(max_size=2000), st.sampled_from([".pdf", ".docx", ".html", ".txt", ""]))
def test_every_reader_fails_only_with_a_reason(head, tail, suffix):
    try:
        read_bytes(head + tail, suffix)
    except UnreadableFile as exc:
        assert str(exc)


@settings(max_examples=150, deadline=None)
@given(st.one_of(letter_like, st.text(max_size=2000), nested, st.text(min_size=5000, max_size=20000)))
def test_parser_never_raises(text):
    doc = parse_letter(text)
    assert doc.doc_type in ("agenda", "verslag", "other")
    for part in doc.parts:
        numbers = [int(item.number) for item in part.items]
        assert numbers == list(range(numbers[0], numbers[0] + len(numbers))) if numbers else True


@pytest.fixture
def seeded(seeds_db_path):
    return store.open_db(Path(seeds_db_path)), seeds_db_path


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=200), nested,
                 st.lists(st.sampled_from(['"', "AND", "OR", "NOT", "NEAR(", "*", ")", "(", "^", "-", ":",
                                           "terugkeer", "'", ";", "DROP", "title:", "{x}"]), max_size=12)
                 .map(" ".join)))
def test_search_never_raises_and_never_writes(seeded, query):
    db, path = seeded
    before = db.conn.total_changes
    try:
        results = search(db, query, limit=5)
        assert results.total >= len(results.hits)
    except QueryError as exc:
        assert str(exc)
    assert db.conn.total_changes == before


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_query_builder_quotes_everything(query):
    expression = fts_expression(parse_query(query))
    # Outside the quoted terms only the operators remain.
    outside = " ".join(expression.split('"')[::2]).replace("*", " ").split()
    assert set(outside) <= {"AND", "OR", "NOT"}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=200) | letter_like)
def test_a_pdf_pages_letters_and_openings_are_found_as_the_plain_definitions_find_them(text):
    # The page of a PDF place is found by fast paths; they must agree with the plain regular expressions.
    assert _letters(text) == re.sub(r"\W+", "", text.lower())
    assert page_starts(text) == ([m.start() for m in re.finditer(r"(?m)^ $", text)] or [0])
