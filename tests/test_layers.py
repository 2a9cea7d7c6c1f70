"""The house's layers, checked by import-linter: file -> text -> Document -> rows -> query -> output,
one way (the contracts are in pyproject.toml). A wrong arrow fails here, not in review."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOP_LEVEL = {"__init__", "__main__", "cli", "model", "dates", "fold", "sentences", "untrusted", "cite"}

pytest.importorskip("importlinter", reason="import-linter is a test dependency: pip install '.[test]'")


def lint_imports(package_parent: Path) -> subprocess.CompletedProcess:
    """Run import-linter on the `jbz` package found in `package_parent`, with the project's contracts."""
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from importlinter.cli import lint_imports;"
            "sys.exit(lint_imports(config_filename=sys.argv[2]))")
    return subprocess.run([sys.executable, "-c", code, str(package_parent), str(ROOT / "pyproject.toml")],
                          capture_output=True, text=True, cwd=package_parent, timeout=300)


def test_the_layers_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


@pytest.mark.parametrize("module, arrow_up", [
    ("parse/header.py", "from jbz import store"),
    ("store/reads.py", "import rich"),
    ("language/claims.py", "from jbz.dossiers import story"),
])
def test_an_arrow_up_breaks_the_contract(tmp_path, module, arrow_up):
    copy = tmp_path / "jbz"
    shutil.copytree(ROOT / "jbz", copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{arrow_up}  # an arrow up\n", encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout


def test_only_the_cli_the_model_and_small_helpers_sit_at_the_top():
    modules = {path.stem for path in (ROOT / "jbz").glob("*.py")}
    assert modules <= TOP_LEVEL, sorted(modules - TOP_LEVEL)


def test_every_package_says_what_comes_in_and_goes_out():
    for init in (ROOT / "jbz").glob("*/__init__.py"):
        head = init.read_text(encoding="utf-8").lstrip()
        assert head.startswith('"""'), f"{init.parent.name} has no docstring"
