"""Extension points: the one table of contents of what a plugin can add to overheard.

Each hook below is one kind of extension. A plugin is a module with functions named like the hooks and
marked ``@hookimpl``; each returns ``{name: target}``, where a target is the object itself or a
``"module:attribute"`` reference that is imported only when that name is first used (so the entities
model is not loaded to list the CLI commands). The built-in components are registered exactly the same
way, by :mod:`overheard.builtins`. Third parties declare their module in the ``overheard`` entry-point
group of their package::

    [project.entry-points.overheard]
    tiny = "tiny_plugin"

This follows datasette's design (pluggy hookspecs, built-ins as a default plugin). ``docs/extending.md``
walks through adding each kind; ``tests/test_extending.py`` runs the worked example.
"""

from __future__ import annotations

import importlib
from typing import Any

import pluggy

from overheard.errors import RegistryError

PROJECT = "overheard"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


class Hooks:
    """The extension points (each returns ``{name: object or "module:attribute"}``)."""

    @hookspec
    def overheard_annotators(self) -> dict[str, Any]:
        """Annotator classes or factories (see :mod:`overheard.annotate.registry`): ``name`` = the pipeline name."""

    @hookspec
    def overheard_redaction_operators(self) -> dict[str, Any]:
        """Redaction modes for personal data (``redact --mode NAME``): ``operator(redactor, text, entity,
        language, avoid) -> list[Replacement]`` (see :mod:`overheard.redact.operators`)."""

    @hookspec
    def overheard_exporters(self) -> dict[str, Any]:
        """Export formats (``overheard export --format NAME``): see :mod:`overheard.jobs.exporters`."""

    @hookspec
    def overheard_asr_engines(self) -> dict[str, Any]:
        """Speech recognition engines: a class built as ``Engine(model_info, compute_type=..., cpu_threads=...)``
        with ``transcribe(audio, settings) -> TranscriptionResult`` (see :mod:`overheard.speech.transcriber`)."""

    @hookspec
    def overheard_web_routers(self) -> dict[str, Any]:
        """FastAPI routers the web app includes, in registration order (see :mod:`overheard.web.pages`)."""

    @hookspec
    def overheard_cli_commands(self) -> dict[str, Any]:
        """Functions ``register(app)`` that add Typer commands to ``overheard`` (see :mod:`overheard.cli.app`)."""


KINDS = tuple(name.removeprefix("overheard_") for name in vars(Hooks) if name.startswith("overheard_"))
BUILTIN_PLUGIN = "overheard.builtins"

_MANAGER: pluggy.PluginManager | None = None


def manager() -> pluggy.PluginManager:
    """The plugin manager: the hookspecs, the built-in plugin, then installed plugins (read once)."""
    global _MANAGER
    if _MANAGER is None:
        pm = pluggy.PluginManager(PROJECT)
        pm.add_hookspecs(Hooks)
        pm.register(importlib.import_module(BUILTIN_PLUGIN), name=BUILTIN_PLUGIN)
        try:
            pm.load_setuptools_entrypoints(PROJECT)
        except Exception as error:  # a broken plugin names itself; the built-ins stay usable
            raise RegistryError(f"an overheard plugin cannot be loaded: {type(error).__name__}: {error}") from None
        _MANAGER = pm
    return _MANAGER


def register_plugin(plugin: Any, name: str | None = None) -> None:
    """Register a plugin module or object at run time (tests, notebooks)."""
    manager().register(plugin, name=name)


def unregister_plugin(plugin: Any) -> None:
    """Remove a plugin registered with :func:`register_plugin`."""
    manager().unregister(plugin)


def reset() -> None:
    """Forget the manager (the next call reads the entry points again)."""
    global _MANAGER
    _MANAGER = None


def extensions(kind: str) -> dict[str, Any]:
    """Every registered ``{name: target}`` of one kind, built-ins first; a name registered twice with
    different targets is a :class:`RegistryError` naming both."""
    if kind not in KINDS:
        raise RegistryError(f"no extension point {kind!r} (known: {', '.join(KINDS)})")
    hook = getattr(manager().hook, f"overheard_{kind}")
    found: dict[str, Any] = {}
    for result in reversed(hook()):  # pluggy calls the last registered first: built-ins come back last
        for name, target in (result or {}).items():
            if name in found and not _same(found[name], target):
                raise RegistryError(f"{kind[:-1].replace('_', ' ')} {name!r} registered twice "
                                    f"({describe(found[name])} and {describe(target)})")
            found[name] = target
    return found


def load(target: Any) -> Any:
    """The object a target stands for (a ``"module:attribute"`` reference is imported now)."""
    if not isinstance(target, str):
        return target
    module, _, attribute = target.partition(":")
    value: Any = importlib.import_module(module)
    for part in filter(None, attribute.split(".")):
        value = getattr(value, part)
    return value


def resolve(kind: str, name: str) -> Any:
    """The loaded object registered as ``name`` of ``kind`` (RegistryError naming the known ones)."""
    known = extensions(kind)
    if name not in known:
        raise RegistryError(f"no {kind[:-1].replace('_', ' ')} named {name!r} (known: {', '.join(known) or 'none'})")
    try:
        return load(known[name])
    except Exception as error:
        raise RegistryError(f"{kind[:-1].replace('_', ' ')} {name!r} ({describe(known[name])}) cannot be loaded: "
                            f"{type(error).__name__}: {error}") from None


def describe(target: Any) -> str:
    """``"module:attribute"`` for a target, whether given as a reference or as the object."""
    if isinstance(target, str):
        return target
    module = getattr(target, "__module__", None) or type(target).__module__
    return f"{module}:{getattr(target, '__qualname__', type(target).__qualname__)}"


def _same(a: Any, b: Any) -> bool:
    return a is b or describe(a) == describe(b)

