"""The shortcuts the claims reader takes for speed give what the plain definitions give: the stage
words read once per passage, the substring tests before a pattern, the "nr." test of a sentence end,
and the day pattern that opens with a digit. Checked on the bundled letters and the real set."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from jbz import dates
from jbz.language import claims
from jbz.fold import fold
from jbz.indexer import bundled_seeds
from jbz.read import read_file
from jbz.sentences import sentence_bounds

REAL = Path(__file__).resolve().parents[2] / "shared" / "real" / "docs"


def _texts() -> list[str]:
    paths = sorted(Path(bundled_seeds()).glob("*.txt")) + sorted(REAL.glob("*.txt"))
    return [read_file(path).text for path in paths]


TEXTS = _texts()
# Texts made of stage words run together, so that words overlap and clauses cut through them.
_RANDOM = random.Random(14)
_PIECES = [*claims._STAGE_WORDS, " ", "; ", ", waarbij ", "akkoord", "voorstel", "nr. 12 ", "Nr. 3. ", "x"]
JUMBLES = ["".join(_RANDOM.choice(_PIECES) for _ in range(_RANDOM.randint(1, 30))) for _ in range(2000)]


def _plain_stage_words_at(folded: str) -> list[tuple[int, int, str]]:
    return sorted((match.start(), -len(word), word) for word in claims._STAGE_WORDS
                  for match in re.finditer(f"(?={re.escape(word)})", folded))


def test_the_stage_words_of_a_passage_are_every_place_each_word_stands():
    for text in TEXTS + JUMBLES:
        folded = fold(text)
        assert claims._stage_words_at(folded) == _plain_stage_words_at(folded)


def test_a_clause_reads_the_stage_words_the_pattern_reads():
    for text in TEXTS + JUMBLES:
        folded = fold(text)
        hits = claims._stage_words_at(folded)
        cuts = sorted({0, len(folded), *(_RANDOM.randrange(len(folded) + 1) for _ in range(8))})
        for start, end in zip(cuts, cuts[1:]):
            assert claims._words_read(hits, start, end) == claims._STAGE_WORD.findall(folded[start:end])


@pytest.mark.parametrize("name", ["_REACHED", "_PLANNED", "_AIM", "_NOT_THE_FILE", "_CLAUSE_END"])
def test_a_pattern_ruled_out_by_its_words_has_no_match(name):
    gated = getattr(claims, name)
    sentences = [fold(text[a:b]) for text in TEXTS for a, b in zip(sentence_bounds(text), sentence_bounds(text)[1:])]
    matched = 0
    for sentence in sentences:
        plain = gated.pattern.search(sentence)
        found = gated.search(sentence)
        assert (found and found.span()) == (plain and plain.span()), sentence
        matched += plain is not None
    assert matched, f"{name} matches no sentence here, so this test shows nothing"


def _plain_claim_bounds(text: str) -> list[int]:
    bounds = sentence_bounds(text)
    return [b for i, b in enumerate(bounds) if i in (0, len(bounds) - 1)
            or not claims._NUMBER_ABBREVIATION.search(text, max(0, b - 8), b)]


def test_a_sentence_end_after_nr_is_dropped_as_the_plain_rule_drops_it():
    for text in TEXTS + JUMBLES:
        assert claims._claim_bounds(text) == _plain_claim_bounds(text)


def test_the_day_pattern_finds_what_its_look_behind_form_finds():
    opening = r"(?P<day>\d(?<![\d.]\d)\d?)"
    assert opening in dates._RANGE
    plain = re.compile(dates._RANGE.replace(opening, r"(?<![\d.])(?P<day>\d{1,2})"), re.IGNORECASE)
    odd = ["1.2 mei", "12.3 juni 2024", "x1 en 2 maart", "123 mei", "3-4 april", "8 en 9 december jl.", "31-1 juli"]
    for text in TEXTS + odd:
        assert ([m.groupdict() | {"span": m.span()} for m in dates._range_pattern().finditer(text)]
                == [m.groupdict() | {"span": m.span()} for m in plain.finditer(text)])
