"""Detect and redact in one call: run the entities annotator on a text, then apply a policy."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from overheard.annotate.analysis import map_jsonl
from overheard.annotate.entities import find_entities
from overheard.errors import OverheardError
from overheard.redact.operators import Redaction, Redactor
from overheard.text import detect_language, protected_spans

CASUALTY_LABELS = frozenset({"killed", "wounded", "refused", "missing", "captured", "deserted"})


@lru_cache(maxsize=1)
def _terms_annotator():
    try:
        from overheard.annotate.registry import create

        return create("terms")
    except (ImportError, KeyError):
        return None


def _term_spans(text: str, language: str) -> list[tuple[int, int]]:
    """Spans of casualty-coded terms from the terms annotator, when that annotator is installed."""
    annotator = _terms_annotator()
    if annotator is None:
        return []
    from overheard.model import Document

    try:
        findings = annotator.annotate(Document(text=text, language=language))
    except OverheardError:
        return []
    return [(f.start, f.end) for f in findings if f.label in CASUALTY_LABELS]


def redact_text(text: str, redactor: Redactor, language: str | None = None,
                region: str | None = None, use_terms: bool = True) -> Redaction:
    """Find the entities of ``text`` and redact them with ``redactor``'s policy."""
    language = language if language in ("ru", "uk") else detect_language(text)
    entities = find_entities(text, language, region)
    extra = _term_spans(text, language) if use_terms else []
    return redactor.apply(text, entities, language, protected_spans(text, extra))


def redact_jsonl(lines: Iterable[bytes | str], redactor: Redactor, lang: str = "auto"
                 ) -> Iterator[tuple[dict[str, Any] | None, str | None]]:
    """Redact JSON Lines ``{"id","text","lang"?}``; yields ``({"id","text"}, None)`` or ``(None, error)``.

    Errors name the line number and the id, never the text; one bad line does not stop the rest.
    """

    def redact(text: str, record_lang: str, where: str) -> dict[str, Any]:
        return {"text": redact_text(text, redactor, None if record_lang == "auto" else record_lang).text}

    return map_jsonl(lines, lang, redact)
