"""Full-text search: what a user types -> a safe FTS5 query; whole-word hits, then compound hits."""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from jbz import store
from jbz.cite import official_url
from jbz.fold import fold
from jbz.sentences import excerpt_around
from jbz.store import words_containing


class QueryError(Exception):
    """A search query that cannot be run; the message says what to type instead."""


@dataclass(slots=True)
class Term:
    """A word, a "quoted phrase" or a prefix*, with the operator before it (AND, OR, NOT)."""

    text: str
    operator: str = "AND"
    prefix: bool = False
    phrase: bool = False


_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_OPERATORS = {"AND", "OR", "NOT"}


def parse_query(query: str) -> list[Term]:
    """Return the terms of a user's query; stray operators, quotes and punctuation are dropped."""
    terms: list[Term] = []
    operator = "AND"
    for match in _TOKEN.finditer(query):
        phrase, word = match.group(1), match.group(2)
        if word is not None and word in _OPERATORS:
            operator = word if terms or word != "NOT" else "NOT"
            continue
        raw = phrase if phrase is not None else word
        prefix = phrase is None and raw.endswith("*")
        words = re.findall(r"\w+", fold(raw))
        if not words:
            continue
        if operator == "NOT" and not terms:
            operator = "AND"  # FTS5 cannot start with NOT; a lone NOT is read as a word boundary
        terms.append(Term(" ".join(words), operator, prefix, phrase is not None or len(words) > 1))
        operator = "AND"
    return terms


def _quoted(term: Term) -> str:
    return '"' + term.text.replace('"', '""') + '"' + ("*" if term.prefix else "")


def fts_expression(terms: list[Term], alternatives: dict[int, list[str]] | None = None) -> str:
    """Return the FTS5 MATCH expression for `terms` (every term quoted, so nothing is syntax).

    `alternatives` maps a term's index to other words it may be (the compounds it is part of).
    """
    parts = []
    for index, term in enumerate(terms):
        if index:
            parts.append(term.operator)
        others = (alternatives or {}).get(index)
        if others:
            parts.append("(" + " OR ".join([_quoted(term), *('"' + w + '"' for w in others)]) + ")")
        else:
            parts.append(_quoted(term))
    return " ".join(parts)


def compound_expression(db: store.Index, terms: list[Term]) -> str | None:
    """Return the query that also finds each single word inside the compounds it is part of.

    None when no word is part of a longer one. Words shorter than three letters are left whole.
    """
    alternatives = {}
    for index, term in enumerate(terms):
        if term.operator == "NOT" or term.phrase or len(term.text) < 3:
            continue
        others = [w for w in words_containing(db, term.text) if w != term.text]
        if others:
            alternatives[index] = others
    return fts_expression(terms, alternatives) if alternatives else None


@dataclass(slots=True)
class Hit:
    """One search result: a passage of a document."""

    file: str
    kamerstuk: str | None
    doc_type: str
    meeting_start: str | None
    where: str
    item_title: str
    snippet: str
    score: float
    letter_date: str | None = None
    highlights: list[tuple[int, int]] = field(default_factory=list)
    whole_word: bool = True
    #: The PDF page the passage starts on, when the letter was read from a PDF.
    page: int | None = None

    @property
    def url(self) -> str | None:
        """Return the letter's official page, when its Kamerstuk is known."""
        return official_url(self.kamerstuk)

    def to_json(self) -> dict:
        """Return the hit in the `jbz search --json` shape."""
        return {k: getattr(self, k) for k in ("file", "kamerstuk", "doc_type", "meeting_start", "where",
                                              "item_title", "snippet", "score", "letter_date", "url", "page")}


@dataclass(slots=True)
class Filters:
    """What narrows a search: meeting dates (inclusive ISO strings) and document type."""

    since: str | None = None
    until: str | None = None
    doc_type: str | None = None


@dataclass(slots=True)
class Results:
    """The hits to show, and how many there were in all."""

    hits: list[Hit]
    total: int


# Ranking needs only ids and scores; the text of a passage is read for the hits shown.
_FROM = (' FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid JOIN documents d ON d.id = p.document_id'
         ' LEFT JOIN meetings m ON m.id = d.meeting_id WHERE passages_fts MATCH ?')
_RANK = 'SELECT p.id, bm25(passages_fts, 5.0, 1.0)' + _FROM
# Without filters the ranking needs no joins at all, which makes it three times faster.
_RANK_BARE = "SELECT rowid, bm25(passages_fts, 5.0, 1.0) FROM passages_fts WHERE passages_fts MATCH ?"
_SHOW = ('SELECT p.id, d.file, d.kamerstuk, d.doc_type, m.start, p."where", p.title, p.text, d.letter_date, p.page'
         ' FROM passages p JOIN documents d ON d.id = p.document_id LEFT JOIN meetings m ON m.id = d.meeting_id'
         ' WHERE p.id = ?')
_NOT_WORD_HIT = " AND {id} NOT IN (SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?)"


def search(db: store.Index, query: str, filters: Filters | None = None, limit: int = 20,
           sort: str = "relevance") -> Results:
    """Return the passages matching `query`: whole-word hits by bm25, then hits inside compounds."""
    terms = parse_query(query)
    if not terms:
        raise QueryError(f"nothing to search for in '{query}': type a word, a \"quoted phrase\" or a prefix*")
    where, params = _filter_sql(filters or Filters())
    words = fts_expression(terms)
    # The compound query finds everything the word query finds, and the compounds besides.
    everything = compound_expression(db, terms) or words
    counting = ("SELECT count(*)" + _FROM + where) if where else \
        "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?"  # no joins needed without filters
    total = _run(db, counting, [everything, *params], "")[0][0]
    if sort == "date":
        ranked = _run(db, _RANK + where, [everything, *params], f" ORDER BY m.start DESC, d.letter_date DESC LIMIT {limit}")
        whole = {row[0] for row in _run(db, "SELECT p.id" + _FROM + where, [words, *params], "")} \
            if everything != words else {row[0] for row in ranked}
        shown = [(row, row[0] in whole) for row in ranked]
    else:
        rank, not_word_hit = (_RANK + where, _NOT_WORD_HIT.format(id="p.id")) if where else \
            (_RANK_BARE, _NOT_WORD_HIT.format(id="rowid"))
        shown = [(row, True) for row in _run(db, rank, [words, *params], f" ORDER BY 2 LIMIT {limit}")]
        if len(shown) < limit and everything != words:
            shown += [(row, False) for row in _run(db, rank + not_word_hit, [everything, *params, words],
                                                   f" ORDER BY 2 LIMIT {limit - len(shown)}")]
    hits = [_hit(db.conn.execute(_SHOW, (row[0],)).fetchone(), row[1], terms, whole_word)
            for row, whole_word in shown]
    return Results(hits, total)


def _filter_sql(filters: Filters) -> tuple[str, list]:
    clauses, params = [], []
    if filters.since:
        clauses.append('m."end" >= ?')
        params.append(filters.since)
    if filters.until:
        clauses.append("m.start <= ?")
        params.append(filters.until)
    if filters.doc_type:
        clauses.append("d.doc_type = ?")
        params.append(filters.doc_type)
    return "".join(" AND " + c for c in clauses), params


def _run(db: store.Index, sql: str, params: list, tail: str) -> list[tuple]:
    try:
        return db.conn.execute(sql + tail, params).fetchall()
    except sqlite3.OperationalError as exc:
        raise QueryError(f"cannot search for that ({exc}); try plain words, \"a phrase\", OR, NOT or word*") \
            from None


def _hit(row: tuple, score: float, terms: list[Term], whole_word: bool) -> Hit:
    _, file, kamerstuk, doc_type, start, where, title, text, letter_date, page = row
    spans = find_terms(fold(text), terms, whole_word)
    snippet, inside = excerpt_around(text, spans, sentences=1) if spans else (text[:200], [])
    if len(snippet) > 300:
        snippet, inside = _window(snippet, inside)
    return Hit(file, kamerstuk, doc_type, start, where, title, snippet, round(float(score), 3), letter_date,
               inside, whole_word, page)


def find_terms(folded: str, terms: list[Term], whole_word: bool = True) -> list[tuple[int, int]]:
    """Return the (start, end) spans where the positive terms occur in a folded text."""
    spans = []
    for term in terms:
        if term.operator == "NOT":
            continue
        words = [re.escape(w) for w in term.text.split()]
        body = r"\W+".join(words)
        if whole_word:
            pattern = rf"\b{body}\w*" if term.prefix else rf"\b{body}\b"
        else:
            pattern = rf"\w*{body}\w*"
        spans += [(m.start(), m.end()) for m in re.finditer(pattern, folded)]
    if not spans and whole_word:
        return find_terms(folded, terms, whole_word=False)
    return sorted(spans)


def _window(snippet: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    first = spans[0][0] if spans else 0
    start = max(0, first - 100)
    end = min(len(snippet), start + 300)
    text = ("…" if start else "") + snippet[start:end] + ("…" if end < len(snippet) else "")
    shift = start - (1 if start else 0)
    return text, [(a - shift, b - shift) for a, b in spans if a >= start and b <= end]
