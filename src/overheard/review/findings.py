"""Review decisions on findings: accept, reject, correct or add findings, merge person candidates.

Each action goes through a Store method that writes the audit log with the
acting user; nothing stored is changed in place (a correction is a new human
finding that supersedes the machine one). Text corrections are :mod:`overheard.review.transcripts`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from overheard.errors import NotFoundError
from overheard.model import Finding, FindingKind, ReviewStatus, StoredFinding, Supersession, nfc
from overheard.review.writes import (
    CALL_STATUSES,
    MAX_ID,
    CallStatus,
    Decision,
    FindingCorrection,
    Merge,
    NewFinding,
    ReviewError,
    Undo,
    check_label,
    check_side,
    parse,
)
from overheard.store import Store

REVIEW_PRODUCER = "review.v1"


def _finding(store: Store, finding_id: int, call_id: int | None = None) -> StoredFinding:
    """A stored finding; NotFoundError when it does not exist or belongs to another call than ``call_id``."""
    if not 0 < int(finding_id) <= MAX_ID:
        raise NotFoundError(f"no finding {finding_id}")
    try:
        found = store.finding(finding_id)
    except NotFoundError:
        found = None
    if found is None or (call_id is not None and found.call_id != call_id):
        raise NotFoundError(f"no finding {finding_id} in call {call_id}" if call_id else f"no finding {finding_id}")
    return found


def decide(store: Store, finding_id: int, action: str, actor: str, revision: int | str | None = None, *,
           call_id: int | None = None) -> dict[str, Any]:
    """Accept or reject a finding; ``revision`` is the one the reviewer saw (409 when it changed).

    ``call_id`` (the page's URL) must be the finding's call: a finding of another call is not found.
    """
    decision = parse(Decision, {"action": action, "revision": revision})
    statuses = {"accept": ReviewStatus.ACCEPTED, "reject": ReviewStatus.REJECTED}
    _finding(store, finding_id, call_id)
    new_revision = store.set_finding_status(finding_id, statuses[decision.action], actor,
                                            expected_revision=decision.revision)
    return {"id": finding_id, "review_status": statuses[decision.action].value, "revision": new_revision}


def undo(store: Store, finding_id: int, actor: str, revision: int | str | None = None, *,
         call_id: int | None = None) -> dict[str, Any]:
    """Take back the latest decision on a finding (audited); ``revision`` is the one the reviewer saw (409).

    Undoing a correction withdraws the person's finding and gives the machine finding its old status back.
    """
    request = parse(Undo, {"revision": revision})
    _finding(store, finding_id, call_id)
    undone = store.undo_decision(finding_id, actor, expected_revision=request.revision)
    return {"id": finding_id, "review_status": undone.status, "revision": undone.revision,
            "changed": list(undone.changed)}


def _span_finding(store: Store, transcript_id: int, *, kind: FindingKind, label: str, start: int, end: int,
                  attributes: Mapping[str, Any], explanation: str) -> Finding:
    text = store.transcript(transcript_id).text
    if not (0 <= start < end <= len(text)):
        raise ReviewError(f"span [{start}, {end}) lies outside the transcript (0..{len(text)})")
    return Finding(kind=kind, label=nfc(label), start=start, end=end, text=text[start:end], score=1.0,
                   producer=REVIEW_PRODUCER, explanation=explanation, attributes=dict(attributes))


def correct(store: Store, finding_id: int, changes: Mapping[str, Any] | FindingCorrection, actor: str, *,
            call_id: int | None = None) -> dict[str, Any]:
    """Replace a finding by a corrected human finding (label, kind, span, count, entity type, side).

    ``revision``, when given, is the revision the reviewer saw: a finding decided or corrected
    meanwhile refuses the correction (409) instead of counting twice. A label a person gives comes
    from the kind's fixed vocabulary; a count is a whole number in 0..100,000.
    """
    change = parse(FindingCorrection, changes)
    old = _finding(store, finding_id, call_id)
    attributes = dict(old.finding.attributes)
    if change.count is not None:
        attributes["count"] = change.count
        attributes["approximate"] = change.approximate  # a typed number is exact unless ticked
    if change.entity_type:
        attributes["entity_type"] = change.entity_type
    kind = change.kind or old.finding.kind
    if check_side(kind, change.side) is not None:
        attributes["side"] = change.side
    elif kind != FindingKind.CASUALTY:
        attributes.pop("side", None)  # a casualty corrected into another kind loses its side
    label = change.label or change.entity_type
    if label is not None or kind != old.finding.kind:
        label = check_label(kind, label or old.finding.label)
    start = old.finding.start if change.start is None else change.start
    end = old.finding.end if change.end is None else change.end
    finding = _span_finding(store, old.transcript_id, kind=kind, label=label or old.finding.label, start=start,
                            end=end, attributes=attributes,
                            explanation=f"corrected by {actor} from {old.finding.kind.value}:{old.finding.label}")
    [new_id] = store.supersede_findings([Supersession(old.id, finding, change.revision)], actor)
    return {"id": new_id, "supersedes": old.id}


def optional_int(value: Any) -> int | None:
    """A form or JSON field as a whole number, None when empty (a malformed one is a ReviewError)."""
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ReviewError("a revision or version must be a whole number") from None


def add_missed(store: Store, call_ref: int | str, data: Mapping[str, Any] | NewFinding,
               actor: str) -> dict[str, Any]:
    """Add a finding the machine missed, on the call's current transcript (label from the kind's vocabulary).

    A casualty finding may say whose losses it reports (``side``: own, enemy, unknown); not given reads as unknown.
    """
    new = parse(NewFinding, data)
    current = store.current_transcript(call_ref)
    if current is None:
        raise ReviewError("this call has no transcript yet")
    attributes: dict[str, Any] = {}
    if new.count is not None:
        attributes["count"] = new.count
        attributes["approximate"] = new.approximate
    if new.note:
        attributes["note"] = new.note
    if check_side(new.kind, new.side) is not None:
        attributes["side"] = new.side
    finding = _span_finding(store, current.id, kind=new.kind, label=check_label(new.kind, new.label),
                            start=new.start, end=new.end, attributes=attributes,
                            explanation=f"added by {actor} in review")
    return {"id": store.add_human_finding(current.id, finding, actor)}


def merge_persons(store: Store, first_id: int, second_id: int, actor: str, *,
                  call_id: int | None = None) -> dict[str, Any]:
    """Mark two person candidates as the same person: both are superseded by findings sharing one name."""
    merge = parse(Merge, {"first": first_id, "second": second_id})
    first, second = _finding(store, merge.first, call_id), _finding(store, merge.second, call_id)
    if first_id == second_id or any(f.finding.kind != FindingKind.ENTITY for f in (first, second)):
        raise ReviewError("merge needs two different entity findings")
    person = str(first.finding.attributes.get("normal") or first.finding.text)
    changes = []
    for old in (first, second):
        attributes = dict(old.finding.attributes) | {"person": person, "merged": [first_id, second_id]}
        finding = dataclasses.replace(old.finding, producer=REVIEW_PRODUCER, score=1.0, attributes=attributes,
                                      explanation=f"merged by {actor}: same person as finding "
                                                  f"{second_id if old is first else first_id}")
        changes.append(Supersession(old.id, finding, old.revision))
    ids = store.supersede_findings(changes, actor)  # both or neither
    return {"ids": ids, "merged": [first_id, second_id]}


def set_call_status(store: Store, call_ref: int | str, status: str, actor: str) -> dict[str, Any]:
    """Mark a call new, in review or verified."""
    status = parse(CallStatus, {"status": status.status if isinstance(status, CallStatus) else status}).status
    if status not in CALL_STATUSES:
        raise ReviewError("status must be new, in_review or verified")
    if status == "verified":  # only a second reviewer's sign-off, with every finding decided, verifies a call
        from overheard.review.signoff import sign_off

        state = sign_off(store, call_ref, actor)
        return {"call": str(call_ref), "review_status": state["review_status"], "verification": state}
    store.set_review_status(call_ref, status, actor)
    return {"call": str(call_ref), "review_status": status}

