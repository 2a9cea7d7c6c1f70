"""The parser's fast paths find what their plain definitions find (property tests)."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from jbz.index.indexer import bundled_seeds
from jbz.parse import blocks, lines
from jbz.parse.agenda import is_label
from jbz.parse.header import printed_span
from jbz.parse.lines import OPEN_END, ROLE, ends_open

SEED_LINES = [line.strip() for f in sorted(bundled_seeds().glob("*.txt"))
              for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
# The openings the block reader's patterns look for, to be followed by arbitrary text.
MARKERS = ["1. ", "12) ", "IV. A", "III", "II.", "a) x", "- ", "• ", "Den Haag, 3", "'s-Gravenhage 1", "Aan de leden",
           "Nr. 9", "32 317 JBZ", "21 501-02 Raad", "Fiche", "VERSLAG", "B3 VERSLAG", "De minister van X, ",
           "staatssecretaris, ", "Gedachtewisseling", "= Beleidsdebat", "informatie van de ", "mandaat ",
           "van de", " betreffende", "Xbetreffende", "(", "\n", "en\n", "of "]

# Words and printed text from a small alphabet, so that the words often do stand in the text.
_word = st.text(alphabet="ab-", min_size=1, max_size=4)
_printed = st.text(alphabet="ab- \n\u00a0", max_size=40)


def _span_by_pattern(printed: str, words: list[str]) -> tuple[int, int] | None:
    pattern = r"\s+".join(re.escape(word).replace(r"\-", r"-\s?") for word in words)
    match = re.search(pattern, printed)
    return match.span() if match else None


@settings(max_examples=1500, deadline=None)
@given(_printed, st.lists(_word, min_size=1, max_size=4))
def test_printed_span_is_the_pattern_of_the_words(printed, words):
    assert printed_span(printed, words) == _span_by_pattern(printed, words)


def _opens_and_closes_by_patterns(text: str) -> tuple[bool, bool]:
    """The plain definitions: a line opens a block of its own; the next line opens one."""
    opens = bool(blocks._OPENS.match(text) or ROLE.match(text) or is_label(text))
    closes = bool(is_label(text) or blocks._CLOSES.match(text) or ROLE.match(text) or blocks._BARE_NUMERAL.match(text))
    return opens, closes


_line = st.one_of(st.sampled_from(SEED_LINES), st.sampled_from(MARKERS), st.text(max_size=90),
                  st.tuples(st.sampled_from(MARKERS), st.text(max_size=30)).map("".join))


@settings(max_examples=1500, deadline=None)
@given(_line)
def test_line_kind_is_the_patterns_one_by_one(text):
    kind = blocks.line_kind(text)
    assert (kind != blocks._FREE, kind == blocks._CLOSES_BLOCK) == _opens_and_closes_by_patterns(text)


def test_line_kind_of_every_seed_line():
    for text in SEED_LINES:
        kind = blocks.line_kind(text)
        assert (kind != blocks._FREE, kind == blocks._CLOSES_BLOCK) == _opens_and_closes_by_patterns(text), text


@settings(max_examples=1500, deadline=None)
@given(_line)
def test_ends_open_is_the_pattern_searched_everywhere(text):
    assert ends_open(text) == bool(OPEN_END.search(text))


_OWN_LINE_BY_PATTERN = re.compile(r"(?<=\S)\s+(?=(?:Den Haag|'s-Gravenhage),\s+\d{1,2}\s+[a-z]+\s+\d{4}"
                                  r"|Aan de Voorzitter van de (?:Tweede|Eerste) Kamer)")
_around_own_lines = st.lists(st.one_of(
    st.sampled_from(["Den Haag, 26 februari 2026", "'s-Gravenhage, 1 mei 2010", "Den Haag,\n3 juni\n2020",
                     "Aan de Voorzitter van de Tweede Kamer", "Aan de Voorzitter van de Eerste", "Den Haag, 2",
                     " ", "\n", "\n\n ", "x", "Staten-Generaal"]),
    st.text(alphabet="ab \n\t", max_size=5)), max_size=12).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_around_own_lines)
def test_own_lines_are_cut_where_the_pattern_cuts(text):
    assert lines._cut_own_lines(text) == _OWN_LINE_BY_PATTERN.sub("\n", text)
