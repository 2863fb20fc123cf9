"""The casualty register: incidents counted once, whose losses they are, and trends set against the outside world.

:mod:`~overheard.register.mentions` reads the live casualty mentions with their dates, places and
ties; :mod:`~overheard.register.proposals` says which may be the same losses and why;
:mod:`~overheard.register.incidents` folds reviewers' decisions into incidents and counts them as
ranges; :mod:`~overheard.register.decisions` validates and stores those decisions;
:mod:`~overheard.register.series` imports external series; :mod:`~overheard.register.timeline` lists
incidents, refusals and punishments by date and place; :mod:`~overheard.register.exports` writes
the register as CSV and JSON.
"""

from overheard.register.decisions import IncidentWrite, RegisterError, decide_incidents, undo_decision
from overheard.register.incidents import (
    DEFAULT_SIDE,
    SIDE_CHOICES,
    Incident,
    Proposal,
    Register,
    Totals,
    build_register,
)
from overheard.register.mentions import Mention, load_mentions

__all__ = [
    "DEFAULT_SIDE",
    "SIDE_CHOICES",
    "Incident",
    "IncidentWrite",
    "Mention",
    "Proposal",
    "Register",
    "RegisterError",
    "Totals",
    "build_register",
    "decide_incidents",
    "load_mentions",
    "undo_decision",
]
