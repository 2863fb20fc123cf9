"""Review actions: accept, reject, correct or add findings, merge person candidates, correct text.

Each action goes through a Store method that writes the audit log with the
acting user; nothing stored is changed in place (a correction is a new human
finding that supersedes the machine one, a text correction a new transcript version).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from overheard.errors import NotFoundError, OverheardError
from overheard.model import (
    Finding,
    FindingKind,
    ReviewStatus,
    StoredFinding,
    StoredTranscript,
    Transcript,
    TranscriptSource,
    nfc,
)
from overheard.store.schema import FindingRow, get_by_id
from overheard.store.store import Store, stored_finding

REVIEW_PRODUCER = "review.v1"
CARRIED_DIGEST = "carried-over"  # never a real config digest: annotators re-run on the corrected text
CALL_STATUSES = ("new", "in_review", "verified")


class ReviewError(OverheardError):
    """A review action is malformed (unknown action, span outside the text, ...)."""

    code = "E015"


def _finding(store: Store, finding_id: int) -> StoredFinding:
    with store.reading() as session:
        row = get_by_id(session, FindingRow, finding_id)
        if row is None:
            raise NotFoundError(f"no finding {finding_id}")
        return stored_finding(row)


def decide(store: Store, finding_id: int, action: str, actor: str) -> dict[str, Any]:
    """Accept or reject a finding."""
    statuses = {"accept": ReviewStatus.ACCEPTED, "reject": ReviewStatus.REJECTED}
    if action not in statuses:
        raise ReviewError("action must be 'accept' or 'reject'")
    _finding(store, finding_id)
    store.set_finding_status(finding_id, statuses[action], actor)
    return {"id": finding_id, "review_status": statuses[action].value}


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
    """Replace a finding by a corrected human finding (label, kind, span, count, entity type)."""
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
    new_id = store.add_human_finding(old.transcript_id, finding, actor, supersedes_id=old.id)
    store.set_finding_status(old.id, ReviewStatus.CORRECTED, actor)
    return {"id": new_id, "supersedes": old.id}


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
    ids = []
    for old in (first, second):
        attributes = dict(old.finding.attributes) | {"person": person, "merged": [first_id, second_id]}
        finding = dataclasses.replace(old.finding, producer=REVIEW_PRODUCER, score=1.0, attributes=attributes,
                                      explanation=f"merged by {actor}: same person as finding "
                                                  f"{second_id if old is first else first_id}")
        ids.append(store.add_human_finding(old.transcript_id, finding, actor, supersedes_id=old.id))
        store.set_finding_status(old.id, ReviewStatus.CORRECTED, actor)
    return {"ids": ids, "merged": [first_id, second_id]}


def correct_transcript(store: Store, call_ref: int | str, edits: Mapping[int, str], actor: str) -> dict[str, Any]:
    """Store a reviewed transcript version with some segments' text replaced; the old version stays.

    Word timings of an edited segment no longer match its words and are dropped
    (the segment keeps its start and end). Findings in unchanged segments are
    carried over with their review decisions (see :func:`carry_findings`);
    findings in edited segments stay with the old version until the annotators
    run again.
    """
    current = store.current_transcript(call_ref)
    if current is None:
        raise ReviewError("this call has no transcript to correct")
    segments = list(current.transcript.segments)
    changed = []
    for position, text in edits.items():
        if not 0 <= position < len(segments):
            raise ReviewError(f"no segment {position} in this transcript")
        text = nfc(str(text).replace("\r\n", "\n").replace("\n", " ").strip())
        if text != segments[position].text:
            segments[position] = dataclasses.replace(segments[position], text=text, words=())
            changed.append(position)
    if not changed:
        return {"id": current.id, "version": current.version, "changed": []}
    transcript = Transcript(segments=tuple(segments), language=current.transcript.language,
                            source=TranscriptSource.REVIEWED, producer=REVIEW_PRODUCER)
    new_id = store.add_transcript(current.call_id, transcript, actor=actor, producer=REVIEW_PRODUCER,
                                  settings={"previous_version": current.version, "edited_segments": changed})
    carried = carry_findings(store, current, new_id, set(changed), actor)
    return {"id": new_id, "version": current.version + 1, "changed": changed, "carried_findings": carried}


def carry_findings(store: Store, old: StoredTranscript, new_id: int, changed: set[int], actor: str) -> int:
    """Copy findings of unchanged segments onto a new transcript version, shifted to the new offsets.

    Machine findings are stored per producer with the config digest
    ``carried-over`` (so the pipeline re-runs that annotator on the new text, and
    its re-run keeps every reviewed decision); their accept/reject/correct
    decisions are restored. Human findings are added again, pointing at the
    carried finding they correct. Findings in edited segments, or spanning
    several segments, are left for the annotators. Returns how many were carried.
    """
    new = store.transcript(new_id)
    old_offsets, new_offsets = old.transcript.segment_offsets, new.transcript.segment_offsets

    def moved(finding: Finding) -> Finding | None:
        for position, (start, end) in enumerate(old_offsets):
            if start <= finding.start and finding.end <= end:
                if position in changed:
                    return None
                delta = new_offsets[position][0] - start
                return dataclasses.replace(finding, start=finding.start + delta, end=finding.end + delta)
        return None

    machine: dict[str, list[tuple[StoredFinding, Finding]]] = {}
    human: list[tuple[StoredFinding, Finding]] = []
    for stored in store.findings(transcript_id=old.id):
        shifted = moved(stored.finding)
        if shifted is not None:
            (machine.setdefault(stored.finding.producer, []) if stored.origin == "machine" else human).append(
                (stored, shifted))
    for producer, items in machine.items():
        store.replace_machine_findings(new_id, producer, [shifted for _, shifted in items], CARRIED_DIGEST, actor)
    key = lambda f: (f.producer, f.kind.value, f.label, f.start, f.end)  # noqa: E731
    new_ids = {key(f.finding): f.id for f in store.findings(transcript_id=new_id) if f.origin == "machine"}
    id_map = {}
    for items in machine.values():
        for stored, shifted in items:
            id_map[stored.id] = new_ids[key(shifted)]
            if stored.review_status != ReviewStatus.PENDING:
                store.set_finding_status(id_map[stored.id], stored.review_status, actor)
    for stored, shifted in human:
        id_map[stored.id] = store.add_human_finding(new_id, shifted, actor,
                                                    supersedes_id=id_map.get(stored.supersedes_id))
    return len(id_map)


def set_call_status(store: Store, call_ref: int | str, status: str, actor: str) -> dict[str, Any]:
    """Mark a call new, in review or verified."""
    if status not in CALL_STATUSES:
        raise ReviewError("status must be new, in_review or verified")
    store.set_review_status(call_ref, status, actor)
    return {"call": str(call_ref), "review_status": status}

