"""Review decisions on findings: accept, reject, correct or add findings, merge person candidates.

Each action goes through a Store method that writes the audit log with the
acting user; nothing stored is changed in place (a correction is a new human
finding that supersedes the machine one). Text corrections are :mod:`overheard.review.transcripts`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from overheard.errors import OverheardError
from overheard.model import Finding, FindingKind, ReviewStatus, StoredFinding, Supersession, nfc
from overheard.store import Store

REVIEW_PRODUCER = "review.v1"
CALL_STATUSES = ("new", "in_review", "verified")


class ReviewError(OverheardError):
    """A review action is malformed (unknown action, span outside the text, ...)."""

    code = "E015"


def _finding(store: Store, finding_id: int) -> StoredFinding:
    return store.finding(finding_id)


def decide(store: Store, finding_id: int, action: str, actor: str, revision: int | None = None) -> dict[str, Any]:
    """Accept or reject a finding; ``revision`` is the one the reviewer saw (409 when it changed)."""
    statuses = {"accept": ReviewStatus.ACCEPTED, "reject": ReviewStatus.REJECTED}
    if action not in statuses:
        raise ReviewError("action must be 'accept' or 'reject'")
    new_revision = store.set_finding_status(finding_id, statuses[action], actor, expected_revision=revision)
    return {"id": finding_id, "review_status": statuses[action].value, "revision": new_revision}


def _kind(value: str) -> FindingKind:
    try:
        return FindingKind(value)
    except ValueError:
        raise ReviewError("kind must be term, casualty, theme or entity") from None


def _span_finding(store: Store, transcript_id: int, *, kind: FindingKind, label: str, start: int, end: int,
                  attributes: Mapping[str, Any], explanation: str) -> Finding:
    text = store.transcript(transcript_id).text
    if not (0 <= start < end <= len(text)):
        raise ReviewError(f"span [{start}, {end}) lies outside the transcript (0..{len(text)})")
    label = nfc(label.strip())
    if not label or len(label) > 60:
        raise ReviewError("a finding needs a label of 1-60 characters")
    return Finding(kind=kind, label=label, start=start, end=end, text=text[start:end], score=1.0,
                   producer=REVIEW_PRODUCER, explanation=explanation, attributes=dict(attributes))


def correct(store: Store, finding_id: int, changes: Mapping[str, Any], actor: str) -> dict[str, Any]:
    """Replace a finding by a corrected human finding (label, kind, span, count, entity type).

    ``changes["revision"]``, when given, is the revision the reviewer saw: a finding decided or
    corrected meanwhile refuses the correction (409) instead of counting twice.
    """
    old = _finding(store, finding_id)
    attributes = dict(old.finding.attributes)
    if changes.get("count") not in (None, ""):
        try:
            attributes["count"] = int(changes["count"])
        except (TypeError, ValueError):
            raise ReviewError("count must be a whole number") from None
        attributes["approximate"] = _checked(changes.get("approximate"))  # a typed number is exact unless ticked
    if changes.get("entity_type"):
        attributes["entity_type"] = str(changes["entity_type"])[:40]
    kind = _kind(changes.get("kind") or old.finding.kind.value)
    label = changes.get("label") or changes.get("entity_type") or old.finding.label
    start = _int(changes.get("start"), old.finding.start)
    end = _int(changes.get("end"), old.finding.end)
    finding = _span_finding(store, old.transcript_id, kind=kind, label=str(label), start=start, end=end,
                            attributes=attributes,
                            explanation=f"corrected by {actor} from {old.finding.kind.value}:{old.finding.label}")
    revision = optional_int(changes.get("revision"))
    [new_id] = store.supersede_findings([Supersession(old.id, finding, revision)], actor)
    return {"id": new_id, "supersedes": old.id}


def optional_int(value: Any) -> int | None:
    """A form or JSON field as a whole number, None when empty (a malformed one is a ReviewError)."""
    return None if value in (None, "") else _int(value, 0)


def _checked(value: Any) -> bool:
    """A form checkbox ("on") or a JSON boolean."""
    return value is True or str(value).lower() in ("on", "true", "1", "yes")


def _int(value: Any, default: int) -> int:
    if value in (None, ""):
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ReviewError("start and end must be whole numbers") from None


def add_missed(store: Store, call_ref: int | str, data: Mapping[str, Any], actor: str) -> dict[str, Any]:
    """Add a finding the machine missed, on the call's current transcript."""
    current = store.current_transcript(call_ref)
    if current is None:
        raise ReviewError("this call has no transcript yet")
    attributes: dict[str, Any] = {}
    if data.get("count") not in (None, ""):
        attributes["count"] = _int(data.get("count"), 0)
        attributes["approximate"] = _checked(data.get("approximate"))
    if data.get("note"):
        attributes["note"] = str(data["note"])[:500]
    finding = _span_finding(store, current.id, kind=_kind(str(data.get("kind", ""))), label=str(data.get("label", "")),
                            start=_int(data.get("start"), -1), end=_int(data.get("end"), -1),
                            attributes=attributes, explanation=f"added by {actor} in review")
    return {"id": store.add_human_finding(current.id, finding, actor)}


def merge_persons(store: Store, first_id: int, second_id: int, actor: str) -> dict[str, Any]:
    """Mark two person candidates as the same person: both are superseded by findings sharing one name."""
    first, second = _finding(store, first_id), _finding(store, second_id)
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
    if status not in CALL_STATUSES:
        raise ReviewError("status must be new, in_review or verified")
    store.set_review_status(call_ref, status, actor)
    return {"call": str(call_ref), "review_status": status}

