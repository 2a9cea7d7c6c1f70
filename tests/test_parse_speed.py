"""The parser's fast paths find what their plain definitions find (property tests)."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from jbz.parse.header import printed_span

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
