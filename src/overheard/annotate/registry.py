"""The annotator registry and the pipeline that runs registered annotators over a text.

An annotator is a small component with a ``name``, a ``version`` and an
``annotate(doc) -> list[Finding]`` method. Register it with
``@register("casualty")``; the pipeline is an ordered list of names, built from
the workspace config. Models and lexicons are loaded lazily by the annotator
itself (never at import or registration time).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from overheard.model import Document, Finding
from overheard.text import unconfuse


@runtime_checkable
class Annotator(Protocol):
    """What every annotator provides."""

    name: str
    version: str

    def annotate(self, doc: Document) -> list[Finding]:
        """Return the findings this annotator makes on ``doc``."""
        ...


AnnotatorFactory = Callable[[], Annotator]
_REGISTRY: dict[str, AnnotatorFactory] = {}

# Modules that register annotators; imported on first use of the registry, not at package import.
ANNOTATOR_MODULES: list[str] = [
    "overheard.annotate.entities",
    "overheard.annotate.terms",
    "overheard.annotate.casualties",
    "overheard.annotate.themes",
]


def register(name: str) -> Callable[[AnnotatorFactory], AnnotatorFactory]:
    """Class/function decorator registering an annotator factory under ``name``."""

    def decorate(factory: AnnotatorFactory) -> AnnotatorFactory:
        if name in _REGISTRY and _REGISTRY[name] is not factory:
            raise ValueError(f"annotator {name!r} registered twice")
        _REGISTRY[name] = factory
        return factory

    return decorate


def _load_builtin_modules() -> None:
    import importlib

    for module in ANNOTATOR_MODULES:
        importlib.import_module(module)


def registered_names() -> list[str]:
    """Names of all registered annotators."""
    _load_builtin_modules()
    return sorted(_REGISTRY)


def create(name: str) -> Annotator:
    """Build the annotator registered under ``name``."""
    _load_builtin_modules()
    try:
        factory = _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise KeyError(f"no annotator named {name!r} (known: {known})") from None
    return factory()


def run_annotator(annotator: Annotator, doc: Document) -> list[Finding]:
    """``annotator.annotate(doc)`` on the text with look-alike Latin letters made Cyrillic (same offsets);
    every finding quotes the original characters ("Cергей" with a Latin C is found, and kept as written)."""
    readable = unconfuse(doc.text)
    if readable is doc.text:
        return annotator.annotate(doc)
    found = annotator.annotate(dataclasses.replace(doc, text=readable))
    return [dataclasses.replace(f, text=doc.text[f.start:f.end]) for f in found]


@dataclass
class Pipeline:
    """An ordered list of annotators; each keeps its findings under its own name."""

    annotators: Sequence[Annotator]

    @classmethod
    def from_names(cls, names: Iterable[str]) -> Pipeline:
        """Build a pipeline from registered annotator names."""
        return cls([create(name) for name in names])

    def each(self, doc: Document) -> list[tuple[Annotator, list[Finding]]]:
        """Every annotator with its findings on ``doc``, each span checked against the text."""
        results = []
        for annotator in self.annotators:
            findings = run_annotator(annotator, doc)
            for finding in findings:
                finding.check_against(doc.text)
            results.append((annotator, findings))
        return results

    def run(self, doc: Document) -> dict[str, list[Finding]]:
        """Run every annotator on ``doc``; returns findings keyed by ``name.version``."""
        return {f"{annotator.name}.{annotator.version}": findings for annotator, findings in self.each(doc)}
