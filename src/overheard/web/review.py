"""Review actions: accept, reject, correct or add findings, merge person candidates, correct text.

Each action goes through a Store method that writes the audit log with the
acting user; nothing stored is changed in place (a correction is a new human
finding that supersedes the machine one, a text correction a new transcript version).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from overheard.annotate.language import detect_language
from overheard.annotate.registry import Annotator, run_annotator
from overheard.errors import ConflictError, NotFoundError, OverheardError
from overheard.model import (
    AnnotationRun,
    CarriedFinding,
    Document,
    Finding,
    FindingKind,
    ReviewStatus,
    StoredFinding,
    StoredTranscript,
    Supersession,
    Transcript,
    TranscriptSource,
    nfc,
)
from overheard.store.schema import FindingRow, get_by_id
from overheard.store.store import SUPERSEDED_DIGEST, Store, stored_finding

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


def correct_transcript(store: Store, call_ref: int | str, edits: Mapping[int, str], actor: str, *,
                       base_version: int | None = None, detectors: Sequence[Annotator] = ()) -> dict[str, Any]:
    """Store a reviewed transcript version with some segments' text replaced; the old version stays.

    Word timings of an edited segment no longer match its words and are dropped (the segment
    keeps its start and end). Findings in unchanged segments are carried over with their
    review decisions; the personal-data ``detectors`` run on the edited segments, and the new
    version, its carried findings and what the detectors found are written in one transaction.
    A segment no detector could check is recorded as unchecked, and viewers see it fully masked
    until ``overheard annotate`` runs. ``base_version`` is the version the person edited: when
    the call has a newer one, nothing is written (409).
    """
    current = store.current_transcript(call_ref)
    if current is None:
        raise ReviewError("this call has no transcript to correct")
    if base_version is not None and base_version != current.version:
        raise ConflictError(f"you edited version {base_version}, but the call is at version {current.version} "
                            "(someone saved a correction meanwhile); reload the call and apply your edit again")
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
    carried = carried_findings(current, transcript, set(changed), store.findings(transcript_id=current.id))
    runs = new_version_runs(store.annotation_runs(current.id), transcript, set(changed), carried, detectors)
    new_id = store.add_reviewed_transcript(current.call_id, transcript, based_on=current.id, carried=carried,
                                           runs=runs, actor=actor,
                                           settings={"previous_version": current.version, "edited_segments": changed})
    unchecked = store.unchecked_segments([new_id])[new_id]
    return {"id": new_id, "version": current.version + 1, "changed": changed, "carried_findings": len(carried),
            "unchecked_segments": sorted(range(len(segments)) if unchecked is None else unchecked)}


def carried_findings(old: StoredTranscript, new: Transcript, changed: set[int],
                     findings: Sequence[StoredFinding]) -> list[CarriedFinding]:
    """Findings of unchanged segments, shifted to their offsets in the new text, with their decisions.

    Findings in edited segments, or spanning several segments, are left behind: the detectors
    and the next ``annotate`` find them anew.
    """
    old_offsets, new_offsets = old.transcript.segment_offsets, new.segment_offsets
    carried = []
    for stored in findings:
        finding = stored.finding
        for position, (start, end) in enumerate(old_offsets):
            if start <= finding.start and finding.end <= end:
                if position not in changed:
                    delta = new_offsets[position][0] - start
                    carried.append(CarriedFinding(stored, dataclasses.replace(
                        finding, start=finding.start + delta, end=finding.end + delta)))
                break
    return carried


def new_version_runs(old_runs: Sequence[AnnotationRun], new: Transcript, changed: set[int],
                     carried: Sequence[CarriedFinding], detectors: Sequence[Annotator]) -> list[AnnotationRun]:
    """The run records of a corrected version: every old run carried over, detectors run on edited segments.

    Carried runs get the digest ``carried-over`` (so ``annotate`` re-runs them on the whole new text)
    and keep their unchecked segments plus the edited ones; a detector's run covers the edited
    segments it could read. A detector that fails on a segment leaves it unchecked, never shown.
    """
    runs: dict[str, AnnotationRun] = {}
    for run in old_runs:
        if run.config_digest != SUPERSEDED_DIGEST:
            runs[run.producer] = AnnotationRun(run.producer, (), CARRIED_DIGEST, run.personal_data,
                                               run.unchecked_segments | changed)
    offsets = new.segment_offsets
    carried_here = {(c.finding.producer, c.finding.kind, c.finding.label, c.finding.start, c.finding.end)
                    for c in carried}
    for detector in detectors:
        producer = f"{detector.name}.{detector.version}"
        previous = runs.get(producer)
        # a detector that never ran on this call has checked none of the unchanged segments
        unchecked = set(previous.unchecked_segments) if previous else set(range(len(new.segments)))
        found: list[Finding] = []
        for position in sorted(changed):
            segment = new.segments[position]
            base = offsets[position][0]
            try:
                language = next((lang for lang in (segment.language, new.language) if lang in ("ru", "uk")),
                                None) or detect_language(segment.text)
                spans = run_annotator(detector, Document(text=segment.text, language=language))
            except Exception:  # noqa: BLE001  fail closed: a segment the detector cannot read stays masked
                continue
            for finding in spans:
                shifted = dataclasses.replace(finding, start=finding.start + base, end=finding.end + base,
                                              producer=producer)
                if (producer, shifted.kind, shifted.label, shifted.start, shifted.end) not in carried_here:
                    found.append(shifted)
            unchecked.discard(position)
        runs[producer] = AnnotationRun(producer, tuple(found), CARRIED_DIGEST, True, frozenset(unchecked))
    return list(runs.values())


def set_call_status(store: Store, call_ref: int | str, status: str, actor: str) -> dict[str, Any]:
    """Mark a call new, in review or verified."""
    if status not in CALL_STATUSES:
        raise ReviewError("status must be new, in_review or verified")
    store.set_review_status(call_ref, status, actor)
    return {"call": str(call_ref), "review_status": status}

