"""Redaction: operators over entity spans, keyed pseudonyms and the leak check.

Names are imported lazily, so that ``overheard.redact.people_tables`` (imported by the Store's
schema) does not pull in the language models.
"""

from __future__ import annotations

from typing import Any

_EXPORTS = {
    "MASK": "overheard.redact.operators",
    "MODES": "overheard.redact.operators",
    "PLACE_MODES": "overheard.redact.operators",
    "Policy": "overheard.redact.operators",
    "Redaction": "overheard.redact.operators",
    "Redactor": "overheard.redact.operators",
    "Replacement": "overheard.redact.operators",
    "redact_text": "overheard.redact.pipeline",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Import the public names on first use."""
    if name not in _EXPORTS:
        raise AttributeError(name)
    import importlib

    return getattr(importlib.import_module(_EXPORTS[name]), name)
