"""Detect and redact in one call: run the entities annotator on a text, then apply a policy."""

from __future__ import annotations

import importlib.util

from overheard.annotate.entities import find_entities
from overheard.annotate.language import detect_language
from overheard.redact.operators import Redaction, Redactor, protected_spans


def _term_spans(text: str, language: str) -> list[tuple[int, int]]:
    """Spans of coded terms from the terms annotator, when that annotator is installed."""
    if importlib.util.find_spec("overheard.annotate.terms") is None:
        return []
    try:
        from overheard.annotate.registry import create
        from overheard.model import Document

        annotator = create("terms")
        return [(f.start, f.end) for f in annotator.annotate(Document(text=text, language=language))]
    except Exception:  # the terms annotator is optional here; our own patterns still protect codes
        return []


def redact_text(text: str, redactor: Redactor, language: str | None = None,
                region: str | None = None, use_terms: bool = True) -> Redaction:
    """Find the entities of ``text`` and redact them with ``redactor``'s policy."""
    language = language or detect_language(text)
    entities = find_entities(text, language, region)
    extra = _term_spans(text, language) if use_terms else []
    units = [(e.start, e.end) for e in entities if e.label == "UNIT"]
    # a unit such as "200-я бригада" is redacted even though "200" looks like a code
    extra = [(s, e) for s, e in extra if not any(us <= s and e <= ue for us, ue in units)]
    return redactor.apply(text, entities, language, protected_spans(text, extra))
