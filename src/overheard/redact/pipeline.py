"""Detect and redact in one call: run the entities annotator on a text, then apply a policy."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from overheard.annotate.entities import find_entities
from overheard.annotate.language import detect_language
from overheard.errors import AnalysisInputError, OverheardError
from overheard.redact.operators import Redaction, Redactor, protected_spans

CASUALTY_LABELS = frozenset({"killed", "wounded", "refused", "missing", "captured", "deserted"})
LANGS = ("ru", "uk", "auto")


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


def _decode(raw: bytes | str, where: str) -> str:
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AnalysisInputError(f"{where}: not UTF-8 text") from None


def _safe_id(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 and text.isprintable() else text[:40].encode("unicode_escape").decode()


def redact_jsonl(lines: Iterable[bytes | str], redactor: Redactor, lang: str = "auto"
                 ) -> Iterator[tuple[dict[str, Any] | None, str | None]]:
    """Redact JSON Lines ``{"id","text","lang"?}``; yields ``({"id","text"}, None)`` or ``(None, error)``.

    Errors name the line number and the id, never the text; one bad line does not stop the rest.
    """
    for number, raw in enumerate(lines, 1):
        where = f"line {number}"
        try:
            line = _decode(raw, where)
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise AnalysisInputError(f"{where}: not valid JSON ({error.msg} at column {error.colno})") from None
            if not isinstance(record, dict) or record.get("id") in (None, ""):
                raise AnalysisInputError(f"{where}: expected a JSON object with 'id' and 'text'")
            where = f"line {number} (id {_safe_id(record['id'])})"
            text = record.get("text")
            if not isinstance(text, str):
                raise AnalysisInputError(f"{where}: 'text' must be a string")
            record_lang = record.get("lang") or lang
            if record_lang not in LANGS:
                raise AnalysisInputError(f"{where}: unknown lang: use ru, uk or auto")
            result = redact_text(text, redactor, None if record_lang == "auto" else record_lang)
            yield {"id": record["id"], "text": result.text}, None
        except OverheardError as error:
            yield None, str(error)
        except Exception as error:  # a bug must not stop the batch; report it without the text
            yield None, f"E000 {where}: internal error ({type(error).__name__}); please report it"
