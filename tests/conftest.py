"""Shared fixtures: the bundled letters indexed once per test session."""
from __future__ import annotations

import pytest

from jbz import store
from jbz.index.indexer import bundled_seeds, index_paths


@pytest.fixture(scope="session")
def seeds_db_path(tmp_path_factory) -> str:
    """Return the path of a database holding the five bundled letters (tests must not write to it)."""
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    index_paths(store.open_db(path), [bundled_seeds()])
    return str(path)
