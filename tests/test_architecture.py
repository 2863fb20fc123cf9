"""The architecture is locked: imports point down the layers declared in pyproject.toml
(``[tool.importlinter]``, the shape in STYLE.md) and no overheard modules import each other in a cycle.

Both checks read the import graph, function-local imports included, so a cycle cannot hide in a
function body. ``make lint`` runs the same contract with ``lint-imports``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import grimp
import pytest
from importlinter import api as _configured  # noqa: F401  (importing it configures import-linter)
from importlinter.application import use_cases

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"

# Imports that close a known cycle, as (importer, imported); an entry must go once its cycle is broken
# (test_allowed_cycles_still_exist). None left: the annotate refactor broke annotate.casualties <-> terms.
ALLOWED_CYCLE_IMPORTS: set[tuple[str, str]] = set()


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("overheard", cache_dir=None)


def _imports(graph: grimp.ImportGraph, ignored: Iterable[tuple[str, str]] = ()) -> dict[str, set[str]]:
    """Module -> the overheard modules it imports, without the ``ignored`` (importer, imported) pairs."""
    skip = set(ignored)
    return {module: {imported for imported in graph.find_modules_directly_imported_by(module)
                     if (module, imported) not in skip}
            for module in graph.modules}


def _cycles(imports: Mapping[str, set[str]]) -> list[list[str]]:
    """Groups of modules that all reach each other through imports (each group sorted, groups sorted)."""
    reach = {}
    for start in imports:
        seen: set[str] = set()
        todo = list(imports[start])
        while todo:
            module = todo.pop()
            if module not in seen:
                seen.add(module)
                todo.extend(imports.get(module, ()))
        reach[start] = seen
    groups = {frozenset({module} | {other for other in reach[module] if module in reach[other]})
              for module in imports if module in reach[module]}
    return sorted(sorted(group) for group in groups)


def test_imports_point_down_the_layers(capsys):
    kept = use_cases.lint_imports(config_filename=str(PYPROJECT), no_logo=True, cache_dir=None)
    assert kept, capsys.readouterr().out


def test_no_import_cycles(graph):
    cycles = _cycles(_imports(graph, ALLOWED_CYCLE_IMPORTS))
    assert cycles == [], "modules that import each other (break the cycle; do not hide it in a function):\n" + \
        "\n".join(" <-> ".join(cycle) for cycle in cycles)


@pytest.mark.parametrize(("importer", "imported"), sorted(ALLOWED_CYCLE_IMPORTS))
def test_allowed_cycles_still_exist(graph, importer, imported):
    cycles = _cycles(_imports(graph))
    assert any(importer in cycle and imported in cycle for cycle in cycles), (
        f"{importer} -> {imported} no longer closes a cycle: remove it from ALLOWED_CYCLE_IMPORTS")


def test_the_cycle_finder_finds_cycles():
    imports = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert _cycles(imports) == [["a", "b", "c"], ["e"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
