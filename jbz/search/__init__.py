"""Full-text search over the stored passages.

In: what a user types and filters (dates, letter type). Out: ranked places (whole-word hits by
bm25, then hits inside compounds) with highlighted snippets, for the views. Reads the store only.
"""
from jbz.search.query import Filters, QueryError, fts_expression, parse_query, search

__all__ = ["Filters", "QueryError", "fts_expression", "parse_query", "search"]
