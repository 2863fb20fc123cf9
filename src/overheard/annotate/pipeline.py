"""One pipeline, built from config: the ordered annotators that ``analyze``, ``annotate`` and the web all run.

The config is what ``config.yaml`` holds under ``pipeline``: a list whose items are annotator names or
mappings with a config of their own::

    pipeline: [terms, casualties, themes, {name: entities, config: {ner: false}}]

Each annotator comes from the registry (:mod:`overheard.annotate.registry`) built with its default config
overridden by the item's; a factory that takes a ``lexicon`` gets the pipeline's coded-term lexicon. All
annotators of a run read one shared :class:`~overheard.annotate.doc.Doc`, so tokens, term matches and
casualty decisions are computed once per text; each keeps its findings under its own name.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from overheard.annotate.doc import READINGS, Doc
from overheard.annotate.lexicon import Lexicon, load_lexicon
from overheard.annotate.registry import Annotator, spec
from overheard.errors import RegistryError
from overheard.model import Document, Finding

DEFAULT_PIPELINE = ("terms", "casualties", "themes", "entities")


@dataclass(frozen=True)
class Step:
    """One item of a pipeline config: an annotator name and its config (hashable, so workers can share it)."""

    name: str
    config: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def parse(cls, item: Any) -> Step:
        """``"entities"``, ``{"name": "entities", "config": {...}}`` or ``{"entities": {...}}`` as a Step."""
        if isinstance(item, Step):
            return item
        if isinstance(item, str) and item:
            return cls(item)
        if isinstance(item, Mapping):
            if "name" in item and set(item) <= {"name", "config"}:
                name, config = item["name"], item.get("config") or {}
            elif len(item) == 1:
                name, config = next(iter(item.items()))
                config = config or {}
            else:
                name, config = None, None
            if isinstance(name, str) and name and isinstance(config, Mapping):
                return cls(name, tuple(sorted(config.items())))
        raise RegistryError(f"pipeline item {item!r}: expected an annotator name or {{name: ..., config: {{...}}}}")


def parse_config(items: Iterable[Any]) -> tuple[Step, ...]:
    """The steps of a pipeline config (RegistryError on a malformed item)."""
    if isinstance(items, str | bytes) or not isinstance(items, Iterable):
        raise RegistryError("'pipeline' must be a list of annotator names")
    return tuple(Step.parse(item) for item in items)


def run_annotator(annotator: Annotator, doc: Doc | Document) -> list[Finding]:
    """``annotator.annotate(doc)`` on the shared Doc, every finding checked and quoting the text as written.

    Components read ``doc.readable_text`` (look-alike Latin letters made Cyrillic: "Cергей" with a Latin C is
    found); a finding that quoted that reading gets the original characters back, which storage keeps.
    """
    doc = Doc.of(doc)
    text = doc.text
    found = []
    for finding in annotator.annotate(doc):
        if finding.text != text[finding.start : finding.end]:
            finding = dataclasses.replace(finding, text=text[finding.start : finding.end])
        finding.check_against(text)
        found.append(finding)
    return found


@dataclass(frozen=True, eq=False)
class Pipeline:
    """The annotators of one config, built once, with the coded-term lexicon they share."""

    lexicon: Lexicon
    steps: tuple[Step, ...]
    annotators: tuple[Annotator, ...]

    @classmethod
    def from_config(cls, config: Iterable[Any] = DEFAULT_PIPELINE, lexicon: Lexicon | None = None) -> Pipeline:
        """Build the pipeline of ``config`` (names or ``{name, config}`` items) over ``lexicon`` (default: built-in)."""
        lexicon = lexicon or load_lexicon()
        steps = parse_config(config)
        annotators = []
        for step in steps:
            found = spec(step.name)
            unknown = [reading for reading in found.requires if reading not in READINGS]
            if unknown:
                raise RegistryError(f"annotator {step.name!r} requires unknown reading(s) {', '.join(unknown)} "
                                    f"(a Doc has {', '.join(READINGS)})")
            config = dict(step.config)
            if "lexicon" in _parameters(found.factory):
                config.setdefault("lexicon", lexicon)
            try:
                annotators.append(found.create(**config))
            except TypeError as error:
                raise RegistryError(f"annotator {step.name!r}: bad config {dict(step.config)!r} ({error})") from None
        return cls(lexicon, steps, tuple(annotators))

    @classmethod
    def from_names(cls, names: Iterable[str], lexicon: Lexicon | None = None) -> Pipeline:
        """Build a pipeline from registered annotator names (each with its default config)."""
        return cls.from_config(list(names), lexicon)

    @property
    def names(self) -> tuple[str, ...]:
        """The annotator names, in order."""
        return tuple(annotator.name for annotator in self.annotators)

    @property
    def producers(self) -> tuple[str, ...]:
        """``name.version`` of every annotator, in order (what findings are stored under)."""
        return tuple(f"{annotator.name}.{annotator.version}" for annotator in self.annotators)

    def each(self, doc: Doc | Document) -> list[tuple[Annotator, list[Finding]]]:
        """Every annotator with its findings on ``doc`` (one shared Doc), each span checked against the text."""
        doc = Doc.of(doc)
        return [(annotator, run_annotator(annotator, doc)) for annotator in self.annotators]

    def run(self, doc: Doc | Document) -> dict[str, list[Finding]]:
        """Run every annotator on ``doc``; findings keyed by ``name.version``."""
        return {f"{annotator.name}.{annotator.version}": findings for annotator, findings in self.each(doc)}

    def by_name(self, doc: Doc | Document) -> dict[str, list[Finding]]:
        """Run every annotator on ``doc``; findings keyed by annotator name."""
        return {annotator.name: findings for annotator, findings in self.each(doc)}


def _parameters(factory: Any) -> set[str]:
    try:
        return set(inspect.signature(factory).parameters)
    except (TypeError, ValueError):  # a builtin or an odd callable: pass config only
        return set()
