"""Merge and split proposals for person candidates, with the evidence that suggests them; a person decides.

A phone number, call sign or unit is *attached* to a person mention when it is said in the same
transcript within :data:`NEAR` characters of the mention with no other person named in between
("Серёга, позывной Дизель"; "номер Тани ... 8 927 040-15-88"). Proposals:

- **merge, same call sign** / **same phone**: two people with the same call sign or phone attached;
- **merge, same name and unit**: two people with the same full name (or first name) and the same unit;
- **split, units differ**: one person (a full name is one person across calls) with two different units.

Each proposal has a stable ``signature``; accepting it is a merge or split decision that records the
signature and the evidence, rejecting it is recorded too, so a decided proposal is not made again. Both
are audited and undoable (:meth:`overheard.store.Store.undo_person_decision`).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from overheard.errors import NotFoundError, PermissionDenied
from overheard.model import Role
from overheard.store import PersonNamer, Store
from overheard.text import fold

NEAR = 60  # characters between a person mention and the form attached to it
DECIDE = Role.ANALYST
REASONS = {"callsign": "same call sign", "phone": "same phone number", "name_unit": "same name and unit",
           "units_differ": "one name, different units"}


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
        units = defaultdict(list)
        for form in forms:
            if form["label"] == "UNIT":
                units[fold(form["value"])].append(form)
        calls = {f["call_id"] for fs in units.values() for f in fs}
        if len(units) >= 2 and len(calls) >= 2 and len(people[candidate].keys) >= 1:
            value = "|".join(sorted(units))
            found.append(Proposal("split", "units_differ", (candidate,),
                                  f"split:units_differ:{candidate}:{_digest(value)}",
                                  tuple(f for fs in units.values() for f in fs)))
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
    # the keys whose mentions carry the second unit (by call) go to the new person
    units = sorted({fold(f["value"]) for f in proposal.evidence})
    calls = {f["call_id"] for f in proposal.evidence if fold(f["value"]) != units[0]}
    keys = sorted({m.key for m in store.person_mentions(person.id) if m.call_id in calls})
    if not keys or set(keys) == set(person.keys):
        raise NotFoundError("the units are said of one name key only; split by hand with 'overheard people split'")
    return store.split_person(person.id, keys, namer, person.language or "ru", actor, reason=proposal.reason,
                              signature=signature, evidence=_evidence(proposal))


def reject(store: Store, signature: str, actor: str, role: Role) -> int:
    """Record that a person rejected a proposal (audited; it is not proposed again); returns the decision id."""
    if not role.allows(DECIDE):
        raise PermissionDenied(f"the {role.value} role may not decide on proposals (needs {DECIDE.value})")
    proposal = _find(store, signature)
    return store.reject_person_proposal(proposal.kind, proposal.people, signature, actor, proposal.reason,
                                        _evidence(proposal))
