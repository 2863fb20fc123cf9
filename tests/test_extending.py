"""Extension points (docs/extending.md): the worked example plugin installed as pip would install it, and
every built-in registered the same way, with a test and a docs heading each."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import web_corpus
from conftest import REPO
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from overheard import plugins
from overheard.annotate import registry
from overheard.annotate.doc import Doc
from overheard.annotate.pipeline import Pipeline
from overheard.errors import RegistryError
from overheard.model import Finding, FindingKind
from overheard.redact.operators import Policy, Redactor, redaction_modes
from overheard.web import create_app

EXAMPLE = REPO / "docs" / "examples"
DOCS = (REPO / "docs" / "extending.md").read_text(encoding="utf-8")


def install(target: Path) -> Path:
    """The example plugin as pip installs a package: the module, its template and its dist-info entry point."""
    for name in ("overheard_drones.py", "drones.html"):
        shutil.copy(EXAMPLE / name, target / name)
    info = target / "overheard_drones-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: overheard-drones\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[overheard]\ndrones = overheard_drones\n", encoding="utf-8")
    return target


@pytest.fixture
def drones_plugin(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(install(tmp_path)))
    registry.refresh()
    yield tmp_path
    sys.modules.pop("overheard_drones", None)
    registry.refresh()


def test_the_example_annotator_runs_in_a_pipeline_beside_the_built_ins(drones_plugin):
    assert "drones" in registry.registered_names()
    assert registry.spec("drones").origin == "overheard_drones:DroneAnnotator"
    results = Pipeline.from_config(["terms", "drones"]).run(Doc("Птичку сбили, мавик потеряли", "ru"))
    assert [(f.text, f.attributes["gloss"]["en"]) for f in results["drones.v1"]] == [
        ("Птичку", "drone (slang: 'birdie')"), ("мавик", "Mavic drone")]


def test_the_example_redaction_mode_replaces_names_with_one_word(drones_plugin):
    assert list(redaction_modes())[:3] == ["mask", "label", "pseudonym"] and "generic" in redaction_modes()
    text = "Серёга звонил"
    name = Finding(FindingKind.ENTITY, "PER", 0, 6, "Серёга", 0.9, "test", "a first name")
    redacted = Redactor(b"k" * 32, Policy(mode="generic")).apply(text, [name], "ru", [])
    assert redacted.text == "[имя] звонил" and redacted.replacements[0].operator == "generic"
    with pytest.raises(ValueError, match="generic"):  # the error names every mode, the plugin's too
        Policy(mode="nonesuch")


def test_the_example_page_is_declared_once_with_its_json_twin_and_role(drones_plugin, tmp_path):
    corpus = web_corpus.build(tmp_path / "ws")
    try:
        for role, allowed in (("viewer", False), ("analyst", True)):
            client = TestClient(create_app(corpus.workspace))
            token = client.get("/api/session").json()["csrf_token"]
            client.post("/api/login", json={"name": role, "password": web_corpus.PASSWORD},
                        headers={"X-CSRF-Token": token})
            page, twin = client.get("/drones"), client.get("/api/drones")
            assert (page.status_code, twin.status_code) == ((200, 200) if allowed else (403, 403))
            assert page.headers["cache-control"] == twin.headers["cache-control"] == "no-store"
            if allowed:
                assert "мавик" in page.text and "Mavic drone" in page.text
                assert {"word": "мавик", "gloss": "Mavic drone"} in twin.json()["words"]
    finally:
        corpus.store.close()


def test_the_example_command_is_added_to_the_cli(drones_plugin):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(drones_plugin), str(REPO / "src")])}
    run = subprocess.run([sys.executable, "-m", "overheard", "drones", "вчера дрон прилетел"], env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "6-10 дрон: drone"
    listed = subprocess.run([sys.executable, "-m", "overheard", "plugins"], env=env, capture_output=True,
                            text=True, timeout=120)
    assert "overheard_drones:DroneAnnotator" in listed.stdout and "generic" in listed.stdout


def test_a_name_taken_twice_is_refused_naming_both_targets():
    class Clash:
        @plugins.hookimpl
        def overheard_redaction_operators(self):
            return {"mask": "elsewhere:mask"}

    plugin = Clash()
    plugins.register_plugin(plugin)
    try:
        with pytest.raises(RegistryError, match=r"'mask' registered twice .*operators:mask_operator.*elsewhere:mask"):
            redaction_modes()
    finally:
        plugins.unregister_plugin(plugin)


# ---- meta-tests: everything registered is tested and documented ---------------------------------------------
def _tests_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "tests").glob("test_*.py"))


def _docs_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "docs").glob("*.md"))


@pytest.mark.parametrize("kind", plugins.KINDS)
def test_every_extension_point_is_documented(kind):
    assert re.search(rf"^#+ .*`{kind}`", DOCS, re.M), f"docs/extending.md needs a heading for `{kind}`"


@pytest.mark.parametrize(("kind", "name"), [(k, n) for k in plugins.KINDS for n in plugins.extensions(k)])
def test_every_built_in_component_loads_and_is_tested_and_documented(kind, name):
    target = plugins.resolve(kind, name)
    assert target is not None
    label = plugins.describe(plugins.extensions(kind)[name]).rpartition(":")[2].split(".")[0]
    module = plugins.describe(plugins.extensions(kind)[name]).partition(":")[0].rpartition(".")[2]
    tests = _tests_text()  # a test names the component by its class, its module, or its registered name
    assert label in tests or module in tests or f'"{name}"' in tests, f"no test mentions {kind} {name} ({label})"
    assert f"`{name}`" in _docs_text(), f"no docs page names {kind} {name!r} in backticks"


def _commands(app) -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    names = []
    for name, command in group.commands.items():
        names.append(name)
        names += [f"{name} {sub}" for sub in getattr(command, "commands", {})]
    return names


def test_every_cli_command_is_tested_and_has_a_docs_heading_or_mention():
    from overheard.cli.app import app

    tests, docs = _tests_text(), _docs_text() + (REPO / "README.md").read_text(encoding="utf-8")
    missing_tests = [n for n in _commands(app) if not re.search(rf"[\"'\s]{re.escape(n.split()[-1])}[\"'\s,]", tests)]
    missing_docs = [n for n in _commands(app) if f"overheard {n}" not in docs]
    assert missing_tests == [] and missing_docs == []


def test_every_command_named_in_a_message_exists():
    from overheard.cli.app import app

    commands = set(_commands(app))
    named = set()
    for path in (REPO / "src" / "overheard").rglob("*.py"):
        for match in re.finditer(r"(?:run|try|use) [`'\"]?overheard ([a-z-]+(?: [a-z-]+)?)", path.read_text("utf-8")):
            words = match.group(1).split()
            named.add(" ".join(words) if " ".join(words) in commands else words[0])
    assert named - commands == set(), f"messages name commands that do not exist: {sorted(named - commands)}"


def _web_routes(app) -> list[APIRoute]:
    def walk(routes):
        for route in routes:
            if hasattr(route, "original_router"):  # FastAPI's lazily included router
                yield from walk(route.original_router.routes)
            elif isinstance(route, APIRoute):
                yield route
    return list(walk(app.routes))


NOT_PAGES = {"/", "/login", "/logout", "/healthz"}


def test_every_page_has_a_json_twin():
    routes = _web_routes(create_app(None))
    gets = {r.path for r in routes if "GET" in r.methods}
    # a page's parts (HTML fragments swapped in after a decision) are parts of their page, not pages
    pages = {p for p in gets if not p.startswith("/api/") and p not in NOT_PAGES and "/parts/" not in p}
    assert pages, "no pages found: the route walk is broken"
    assert sorted(p for p in pages if f"/api{p}" not in gets) == []


def test_error_codes_are_unique_and_documented():
    codes: dict[str, list[str]] = {}
    for path in sorted((REPO / "src" / "overheard").rglob("*.py")):
        source = path.read_text("utf-8")
        for match in re.finditer(r'^class (\w+)\(.*?\):\n(?:(?:    .*)?\n)*?    code = "(E\d{3})"', source, re.M):
            codes.setdefault(match.group(2), []).append(match.group(1))
    assert len(codes) > 15, "the error classes were not found: the scan is broken"
    assert {c: n for c, n in codes.items() if len(n) > 1} == {}
    table = (REPO / "docs" / "errors.md").read_text(encoding="utf-8")
    assert sorted(c for c in [*codes, "E099"] if f"| {c} |" not in table) == []


def test_the_extending_guide_shows_the_example_files_it_describes():
    for name in ("overheard_drones.py", "drones.html"):
        assert f"docs/examples/{name}" in DOCS
    assert textwrap.dedent("""\
        [project.entry-points.overheard]
        drones = "overheard_drones"
        """) in DOCS
