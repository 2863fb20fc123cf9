"""Reviewers' decisions on incidents: merge mentions, split them out, keep them apart, undo a decision.

Every write is one pydantic model (the :mod:`overheard.review.writes` style) used by the CLI, the JSON
API and the register page's forms; each decision is stored with the evidence the reviewer saw and
audited, and undoing one keeps it in the record.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator

from overheard.errors import OverheardError
from overheard.model import IncidentDecision
from overheard.register.incidents import Register, build_register
from overheard.register.proposals import reason_for, sides_agree
from overheard.review.writes import MAX_ID, _blank_is_none, _Write, clean_text, parse
from overheard.store import Store


class RegisterError(OverheardError):
    """An incident decision is malformed: too few mentions, not casualty mentions, mixed categories or sides."""

    code = "E045"


class IncidentWrite(_Write):
    """A decision on casualty mentions: merge them into one incident, split them out, or keep them apart."""

    action: Literal["merge", "split", "keep_apart"]
    findings: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(min_length=1, max_length=1000)
    note: Annotated[Annotated[str, Field(max_length=500)] | None, BeforeValidator(_blank_is_none)] = None

    @field_validator("findings", mode="before")
    @classmethod
    def _ids(cls, value: Any) -> Any:
        if isinstance(value, str):  # a form sends "12,15,31"
            return [part.strip() for part in value.replace(" ", ",").split(",") if part.strip()]
        return value

    @field_validator("note")
    @classmethod
    def _note(cls, value: str | None) -> str | None:
        return None if value is None else clean_text(value, limit=500, what="the note")


def decide_incidents(store: Store, data: dict[str, Any] | IncidentWrite, actor: str,
                     register: Register | None = None) -> IncidentDecision:
    """Check and store one decision; RegisterError (E045) when it cannot hold, E015 when malformed.

    ``register``: the register as it is now, when the caller keeps one (the web app); else it is built."""
    write = parse(IncidentWrite, data)
    register = register if register is not None else build_register(store)
    chosen = []
    for finding_id in dict.fromkeys(write.findings):
        mention = register.mentions.get(finding_id)
        if mention is None:
            raise RegisterError(f"finding {finding_id} is not a live casualty mention on a current transcript")
        chosen.append(mention)
    evidence: list[str] = []
    if write.action in ("merge", "keep_apart"):
        if len(chosen) < 2:
            raise RegisterError(f"{write.action.replace('_', ' ')} needs at least two casualty mentions")
        if write.action == "merge":
            if len({m.category for m in chosen}) > 1:
                raise RegisterError("an incident has one category: merge mentions of the same category")
            sides = {m.side for m in chosen} - {"unknown"}
            if len(sides) > 1 or not all(sides_agree(a.side, b.side) for a in chosen for b in chosen):
                raise RegisterError("own and enemy losses are never one incident")
        for i, a in enumerate(chosen):
            for b in chosen[i + 1:]:
                if (reason := reason_for(a, b)) is not None:
                    evidence.append(reason)
        evidence = list(dict.fromkeys(evidence)) or ["decided by hand"]
    else:
        incidents = {register.incident_of(m.finding_id).id for m in chosen}
        if all(len(register.incident_of(m.finding_id).mentions) == 1 for m in chosen):
            raise RegisterError("split takes mentions out of a merged incident; these are single already")
        evidence = [f"split out of {', '.join(sorted(incidents))}"]
    return store.add_incident_decision(write.action, [m.finding_id for m in chosen], evidence, write.note, actor)


def undo_decision(store: Store, decision_id: int | str, actor: str) -> IncidentDecision:
    """Undo a live decision (it stays in the record, stamped undone, and in the audit log)."""
    try:
        number = int(decision_id)
    except (TypeError, ValueError):
        raise RegisterError("a decision id is a whole number") from None
    if not 0 < number <= MAX_ID:
        raise RegisterError("a decision id is a whole number from 1")
    return store.undo_incident_decision(number, actor)
