"""The architecture is locked: imports point down the layers declared in pyproject.toml
(``[tool.importlinter]``, the shape in STYLE.md), no overheard modules import each other in a cycle,
and all SQL stays in overheard.store: no other module imports sqlalchemy, a table or a session-level
store module, opens a session, or leaves a store or workspace parameter untyped.

Both checks read the import graph, function-local imports included, so a cycle cannot hide in a
function body. ``make lint`` runs the same contract with ``lint-imports``.
"""

from __future__ import annotations

import ast
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


# ---- all SQL in the store ---------------------------------------------------------------------------
STORE = "overheard.store"
SQL_PACKAGES = ("sqlalchemy", "alembic")
# what only the store's own modules may import: the tables (ORM rows), row conversions, migrations and the
# aggregate modules, whose functions take a database session
STORE_INTERNALS = ("schema", "rows", "migrate", "calls", "files", "transcripts", "findings", "people", "search_index",
                   "quotes")
SRC = Path(__file__).resolve().parent.parent / "src" / "overheard"


def _outside_store(module: str) -> bool:
    return module != STORE and not module.startswith(STORE + ".")


def _import_linter_contract(contract_id: str) -> dict:
    import tomllib

    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    return next(c for c in config["contracts"] if c["id"] == contract_id)


def test_no_module_outside_the_store_imports_sql_or_rows():
    graph = grimp.build_graph("overheard", include_external_packages=True, cache_dir=None)
    forbidden = {*SQL_PACKAGES, *(f"{STORE}.{name}" for name in STORE_INTERNALS)}
    found = sorted(
        f"{importer} imports {imported}"
        for imported in forbidden if imported in graph.modules
        for importer in graph.find_modules_that_directly_import(imported)
        if importer.startswith("overheard.") and _outside_store(importer)
    )
    assert found == [], "SQL belongs in overheard.store (call a Store method):\n" + "\n".join(found)


def test_the_sql_contract_covers_every_layer_but_the_store():
    layers = _import_linter_contract("layers")["layers"]
    tops = {f"overheard.{name.strip()}" for layer in layers for name in layer.split("|")} - {STORE}
    contract = _import_linter_contract("sql-in-store")
    assert set(contract["source_modules"]) == tops
    assert {*SQL_PACKAGES, *(f"{STORE}.{name}" for name in STORE_INTERNALS)} <= set(contract["forbidden_modules"])


def _sources_outside_store() -> list[tuple[str, ast.Module]]:
    return [(str(path.relative_to(SRC.parent)), ast.parse(path.read_text(encoding="utf-8")))
            for path in sorted(SRC.rglob("*.py")) if "store" not in path.relative_to(SRC).parts[:1]]


def test_no_module_outside_the_store_opens_a_session():
    calls = sorted(
        f"{name}:{node.lineno} .{node.func.attr}()"
        for name, tree in _sources_outside_store() for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        and (node.func.attr == "execute"  # a session's or a connection's
             or (node.func.attr in ("reading", "writing") and not node.args and not node.keywords))  # Store's
    )
    assert calls == [], "database sessions belong in overheard.store:\n" + "\n".join(calls)


# the same names with another meaning: a workspace folder (the CLI's --workspace), and "store the results" flags
OTHER_MEANINGS = {"store": ("bool", "Annotated[bool,"), "workspace": ("Path | None", "WorkspaceOption",
                                                                      "Annotated[Path | None,"), "ws": ()}


@pytest.mark.parametrize(("parameter", "annotation"), [("store", "Store"), ("workspace", "Workspace"),
                                                        ("ws", "Workspace")])
def test_every_store_and_workspace_parameter_is_typed(parameter, annotation):
    untyped = sorted(
        f"{name}:{node.lineno} {node.name}({parameter})"
        for name, tree in _sources_outside_store() for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for argument in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
        if argument.arg == parameter
        and (argument.annotation is None
             or not ast.unparse(argument.annotation).startswith((annotation, *OTHER_MEANINGS[parameter])))
    )
    assert untyped == [], f"annotate these as {annotation}:\n" + "\n".join(untyped)
