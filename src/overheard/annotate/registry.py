"""The annotator registry: one entry per name, with its version, what it requires and provides, and its defaults.

An annotator is a small component: a class (or factory) whose instances have a ``name``, a ``version`` and
``annotate(doc) -> list[Finding]``. Its class may declare

* ``requires``: the :class:`~overheard.annotate.doc.Doc` readings it reads (``overheard.annotate.doc.READINGS``);
* ``provides``: what it finds, as ``kind:LABEL`` (``entity:PER``, ``casualty:killed``, ``term:*``); an annotator
  that provides a personal-data label is a personal-data detector (:func:`detects_personal_data`);
* ``default_config``: keyword arguments of its factory, overridden per pipeline by config.yaml.

Annotators come from the ``overheard_annotators`` extension point (:mod:`overheard.plugins`): the built-in
plugin (:mod:`overheard.builtins`) and installed plugins return ``{name: "module:attribute"}``. Nothing is
imported until a name is asked for. :func:`register` adds one programmatically (tests, notebooks).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from overheard import plugins
from overheard.errors import RegistryError
from overheard.model import PERSONAL_DATA_LABELS, Finding, FindingKind


@runtime_checkable
class Annotator(Protocol):
    """What every annotator provides."""

    name: str
    version: str

    def annotate(self, doc: Any) -> list[Finding]:
        """Return the findings this annotator makes on ``doc`` (a Doc; a Document works for third parties)."""
        ...


@dataclass(frozen=True)
class AnnotatorSpec:
    """A registered annotator: its name, factory, version, readings required, labels provided, default config."""

    name: str
    factory: Callable[..., Annotator]
    version: str = ""
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()
    default_config: Mapping[str, Any] = field(default_factory=dict)
    origin: str = ""  # the entry point ("module:attribute") or "register()"

    @classmethod
    def of(cls, factory: Callable[..., Annotator] | AnnotatorSpec, name: str | None = None,
           origin: str = "") -> AnnotatorSpec:
        """The spec of ``factory`` from its class attributes (``name``, ``version``, ``requires``, ...)."""
        if isinstance(factory, AnnotatorSpec):
            return factory
        name = name or getattr(factory, "name", None)
        if not isinstance(name, str) or not name:
            raise RegistryError(f"annotator {origin or factory!r} has no name")
        return cls(name, factory, str(getattr(factory, "version", "")), tuple(getattr(factory, "requires", ())),
                   tuple(getattr(factory, "provides", ())), dict(getattr(factory, "default_config", {}) or {}),
                   origin)

    @property
    def personal_data(self) -> bool:
        """Whether it finds personal data (it provides PER, PHONE, CALLSIGN or UNIT)."""
        return provides_personal_data(self.provides)

    def create(self, **config: Any) -> Annotator:
        """An annotator built with the default config overridden by ``config``."""
        return self.factory(**{**self.default_config, **config})


_REGISTERED: dict[str, AnnotatorSpec] = {}  # added with register()
_LOADED: dict[str, AnnotatorSpec] = {}  # entry points loaded so far


def provides_personal_data(provides: tuple[str, ...] | list[str]) -> bool:
    """Whether ``provides`` names a personal-data label (``entity:PER``, ``entity:*`` ...)."""
    for item in provides:
        kind, _, label = str(item).partition(":")
        if kind == FindingKind.ENTITY and (label == "*" or label.upper() in PERSONAL_DATA_LABELS):
            return True
    return False


def detects_personal_data(annotator: Any) -> bool:
    """True for an annotator that finds personal data (it provides PER, PHONE, CALLSIGN or UNIT): viewers'
    masking trusts only the segments such an annotator has checked. The one test of it."""
    return provides_personal_data(tuple(getattr(annotator, "provides", ())))


def _entry_points() -> dict[str, object]:
    """Built-in and plugin annotators by name: ``{name: "module:attribute" or the factory}``."""
    return plugins.extensions("annotators")


def refresh() -> None:
    """Read the plugins again (after installing one, or in tests)."""
    plugins.reset()
    _LOADED.clear()


def register(factory: Callable[..., Annotator] | AnnotatorSpec, name: str | None = None) -> AnnotatorSpec:
    """Register an annotator class or factory (or a ready spec) under its name; returns its spec."""
    spec = AnnotatorSpec.of(factory, name, origin="register()")
    known = _REGISTERED.get(spec.name)
    if known is not None and known.factory is not spec.factory or spec.name in _entry_points():
        raise RegistryError(f"annotator {spec.name!r} registered twice")
    _REGISTERED[spec.name] = spec
    return spec


def unregister(name: str) -> None:
    """Remove an annotator added with :func:`register` (tests)."""
    _REGISTERED.pop(name, None)


def registered_names() -> list[str]:
    """Names of all annotators: built-in, installed through entry points, and registered."""
    return sorted(set(_entry_points()) | set(_REGISTERED))


def spec(name: str) -> AnnotatorSpec:
    """The spec of the annotator called ``name`` (RegistryError, naming the known ones, if there is none)."""
    if name in _REGISTERED:
        return _REGISTERED[name]
    if name not in _LOADED:
        entry = _entry_points().get(name)
        if entry is None:
            raise RegistryError(f"no annotator named {name!r} (known: {', '.join(registered_names()) or 'none'})")
        try:
            target = plugins.load(entry)
        except Exception as error:  # a broken plugin names itself; the others stay usable
            raise RegistryError(f"annotator {name!r} ({plugins.describe(entry)}) cannot be loaded: "
                                f"{type(error).__name__}: {error}") from None
        _LOADED[name] = dataclasses.replace(AnnotatorSpec.of(target, name, origin=plugins.describe(entry)),
                                            name=name)
    return _LOADED[name]


def create(name: str, **config: Any) -> Annotator:
    """Build the annotator registered under ``name`` with its default config overridden by ``config``."""
    return spec(name).create(**config)
