"""Redaction: operators over entity spans, keyed pseudonyms and the leak check."""

from overheard.redact.operators import MASK, MODES, PLACE_MODES, Policy, Redaction, Redactor, Replacement
from overheard.redact.pipeline import redact_text

__all__ = ["MASK", "MODES", "PLACE_MODES", "Policy", "Redaction", "Redactor", "Replacement", "redact_text"]
