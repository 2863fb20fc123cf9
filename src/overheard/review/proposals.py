"""Merge and split proposals for person candidates, with the evidence that suggests them; a person decides.

A phone number, call sign or unit is *attached* to a person mention when it is said in the same
transcript within :data:`NEAR` characters of the mention with no other person named in between
("Серёга, позывной Дизель"; "номер Тани ... 8 927 040-15-88"). Proposals:

- **merge, same call sign** / **same phone**: two people with the same call sign or phone attached;
- **merge, same name and unit**: two people with the same full name (or first name) and the same unit;
- **split, units (call signs) differ**: one person (a full name is one person across calls) with two different
  units (call signs) in different calls: accepting it splits the person *per call* (the mentions in the calls
  naming only the other unit become a new person, even where one name key spans both).

Each proposal has a stable ``signature``; accepting it is a merge or split decision that records the
signature and the evidence, rejecting it is recorded too, so a decided proposal is not made again. Both
are audited and undoable (:meth:`overheard.store.Store.undo_person_decision`).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from overheard.errors import NotFoundError, PermissionDenied
from overheard.model import Role
from overheard.review.writes import parse
from overheard.store import PersonNamer, Store
from overheard.text import fold

NEAR = 60  # characters between a person mention and the form attached to it
DECIDE = Role.ANALYST
REASONS = {"callsign": "same call sign", "phone": "same phone number", "name_unit": "same name and unit",
           "units_differ": "one name, different units", "callsigns_differ": "one name, different call signs",
           "per_call": "split by call"}
SPLIT_BY = {"UNIT": "units_differ", "CALLSIGN": "callsigns_differ"}


@dataclass(frozen=True)
class Proposal:
    """A suggested merge or split with the evidence behind it (``evidence`` quotes transcripts: analysts+)."""

    kind: str  # merge | split
    reason: str
    people: tuple[int, ...]
    signature: str
    evidence: tuple[dict[str, Any], ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready copy."""
        return {"kind": self.kind, "reason": self.reason, "reason_text": REASONS[self.reason],
                "people": list(self.people), "signature": self.signature, "evidence": list(self.evidence)}


def _digest(value: str) -> str:
    return hashlib.sha256(fold(value).encode()).hexdigest()[:12]


def attached_forms(store: Store) -> dict[int, list[dict[str, Any]]]:
    """Per candidate, the phones, call signs and units attached to its mentions (see the module doc)."""
    owner = {key: person.id for person in store.people() for key in person.keys}
    by_transcript: dict[int, list] = defaultdict(list)
    for mention in store.person_mentions():
        by_transcript[mention.transcript_id].append(mention)
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for form in store.entity_forms():
        mentions = by_transcript.get(form.transcript_id, ())
        best, distance = None, NEAR + 1
        for mention in mentions:
            gap = form.start - mention.end if form.start >= mention.end else mention.start - form.end
            if 0 <= gap < distance:
                between = [m for m in mentions if m is not mention and min(form.end, mention.end) <= m.start
                           and m.end <= max(form.start, mention.start)]
                if not between:
                    best, distance = mention, gap
        if best is not None and best.key in owner:
            out[owner[best.key]].append({"label": form.label, "value": form.normal or form.text,
                                         "call_id": form.call_id, "transcript_id": form.transcript_id,
                                         "start": min(form.start, best.start), "end": max(form.end, best.end)})
    return out


def proposals(store: Store, person_id: int | None = None) -> list[Proposal]:
    """Open proposals (those involving ``person_id``, or all), not yet decided by a person."""
    people = {p.id: p for p in store.people()}
    attached = attached_forms(store)
    decided = store.decided_proposals()
    found: list[Proposal] = []
    groups: dict[tuple[str, str], dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for candidate, forms in attached.items():
        for form in forms:
            if form["label"] == "CALLSIGN":
                groups[("callsign", fold(form["value"]))][candidate].append(form)
            elif form["label"] == "PHONE":
                groups[("phone", form["value"])][candidate].append(form)
            elif form["label"] == "UNIT":
                display = fold(people[candidate].display)
                groups[("name_unit", f"{display}|{fold(form['value'])}")][candidate].append(form)
    for (reason, value), by_person in sorted(groups.items()):
        if len(by_person) < 2:
            continue
        ids = tuple(sorted(by_person))
        evidence = tuple(f for pid in ids for f in by_person[pid])
        found.append(Proposal("merge", reason, ids, f"merge:{reason}:{'-'.join(map(str, ids))}:{_digest(value)}",
                              evidence))
    for candidate, forms in attached.items():
        for label, reason in SPLIT_BY.items():
            values = defaultdict(list)
            for form in forms:
                if form["label"] == label:
                    values[fold(form["value"])].append(form)
            calls = {f["call_id"] for fs in values.values() for f in fs}
            if len(values) >= 2 and len(calls) >= 2 and _split_calls(tuple(f for fs in values.values() for f in fs)):
                value = "|".join(sorted(values))
                found.append(Proposal("split", reason, (candidate,), f"split:{reason}:{candidate}:{_digest(value)}",
                                      tuple(f for fs in values.values() for f in fs)))
    return [p for p in found if p.signature not in decided and (person_id is None or person_id in p.people)]


def _find(store: Store, signature: str) -> Proposal:
    for proposal in proposals(store):
        if proposal.signature == signature:
            return proposal
    raise NotFoundError("no such open proposal (decided already, or the mentions changed); reload the person page")


def _evidence(proposal: Proposal) -> list[dict[str, Any]]:
    # kept with the decision: where the evidence is, not what it says (the transcript keeps that)
    return [{k: f[k] for k in ("label", "call_id", "transcript_id", "start", "end")} for f in proposal.evidence]


def accept(store: Store, signature: str, actor: str, role: Role, namer: PersonNamer | None = None) -> int:
    """Apply a proposal as a merge (the lowest id survives) or a split; returns the decision's person id."""
    if not role.allows(DECIDE):
        raise PermissionDenied(f"the {role.value} role may not merge or split people (needs {DECIDE.value})")
    proposal = _find(store, signature)
    if proposal.kind == "merge":
        target, *sources = proposal.people
        store.merge_people(target, sources, actor, reason=proposal.reason, signature=signature,
                           evidence=_evidence(proposal))
        return target
    if namer is None:
        raise NotFoundError("a split needs the workspace's pseudonym key")
    person = store.people([proposal.people[0]])[0]
    # the mentions in the calls that name only another unit (call sign) than the first go to a new person
    return store.split_person_calls(person.id, sorted(_split_calls(proposal.evidence)), namer,
                                    person.language or "ru", actor, reason=proposal.reason, signature=signature,
                                    evidence=_evidence(proposal))


def _split_calls(evidence: tuple[dict[str, Any], ...]) -> set[int]:
    """The calls of a split proposal whose mentions go to the new person: those naming another value than the
    first (alphabetically) and not the first."""
    first = min(fold(f["value"]) for f in evidence)
    with_first = {f["call_id"] for f in evidence if fold(f["value"]) == first}
    return {f["call_id"] for f in evidence if fold(f["value"]) != first} - with_first


class SplitByCalls(BaseModel):
    """A split by call: the person's mentions in these calls become a new person."""

    model_config = ConfigDict(extra="forbid")

    calls: list[int] = Field(min_length=1, max_length=500)


def split_by_calls(store: Store, person_id: int, data: Any, actor: str, role: Role, namer: PersonNamer) -> int:
    """Give a person's mentions in some calls a new person (a full name said elsewhere too is split per call),
    with those mentions recorded as the evidence (audited, undoable); returns the new person's id."""
    if not role.allows(DECIDE):
        raise PermissionDenied(f"the {role.value} role may not merge or split people (needs {DECIDE.value})")
    request = parse(SplitByCalls, data)
    found = store.people([person_id])
    if not found:
        raise NotFoundError(f"no person {person_id} (merged into another, or never found): see /people")
    person = found[0]
    calls = set(request.calls)
    evidence = [{"label": "PER", "call_id": m.call_id, "transcript_id": m.transcript_id, "start": m.start,
                 "end": m.end} for m in store.person_mentions(person.id) if m.call_id in calls]
    return store.split_person_calls(person.id, sorted(calls), namer, person.language or "ru", actor,
                                    reason="per_call", evidence=evidence)


def reject(store: Store, signature: str, actor: str, role: Role) -> int:
    """Record that a person rejected a proposal (audited; it is not proposed again); returns the decision id."""
    if not role.allows(DECIDE):
        raise PermissionDenied(f"the {role.value} role may not decide on proposals (needs {DECIDE.value})")
    proposal = _find(store, signature)
    return store.reject_person_proposal(proposal.kind, proposal.people, signature, actor, proposal.reason,
                                        _evidence(proposal))
