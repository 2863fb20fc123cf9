"""Redaction: operators over entity spans, keyed pseudonyms and the known forms of the leak check.

Redaction takes spans and never detects anything itself; detecting and redacting in one call is
:func:`overheard.jobs.redaction.redact_text`.
"""

from overheard.redact.operators import MASK, MODES, PLACE_MODES, Policy, Redaction, Redactor, Replacement

__all__ = ["MASK", "MODES", "PLACE_MODES", "Policy", "Redaction", "Redactor", "Replacement"]
