"""Findings: annotators' runs, people's findings and decisions, corrected versions, and the review queue.

Fail-closed rules live here. A re-run replaces only a producer's *pending* machine findings, so
it never undoes a person's decision. A decision names the revision it was made on and is refused
(:class:`ConflictError`) when the finding changed meanwhile or a live correction replaces it; the
database holds one live correction per finding (unique index, migration 0006). A corrected
transcript version is written with all its findings and run records in one transaction, and only
when the version the person edited is still current.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from overheard.errors import ConflictError, NotFoundError
from overheard.model import (
    SUPERSEDED_DIGEST,
    AnnotationRun,
    CarriedFinding,
    Finding,
    FindingKind,
    ReviewStatus,
    StoredFinding,
    Supersession,
    Transcript,
)
from overheard.store import audit, transcripts
from overheard.store.rows import finding_row, stored_finding, utcnow
from overheard.store.schema import AnnotationRunRow, FindingRow, TranscriptRow, get_by_id
from overheard.store.transcripts import current_transcript_ids

LIVE_STATUSES = (ReviewStatus.PENDING.value, ReviewStatus.ACCEPTED.value)  # findings that count


# ---- reading ---------------------------------------------------------------------------------
def get(session: Session, finding_id: int) -> StoredFinding:
    """One finding by id; raise NotFoundError."""
    row = get_by_id(session, FindingRow, finding_id)
    if row is None:
        raise NotFoundError(f"no finding {finding_id}")
    return stored_finding(row)


def query(
    session: Session,
    *,
    call_id: int | None = None,
    transcript_id: int | None = None,
    kind: FindingKind | str | None = None,
    current_only: bool = True,
    call_ids: Sequence[int] | None = None,
) -> list[StoredFinding]:
    """Findings filtered by call (or calls), transcript or kind; by default only on current transcripts."""
    found = select(FindingRow).order_by(FindingRow.transcript_id, FindingRow.start, FindingRow.id)
    if call_id is not None:
        found = found.where(FindingRow.call_id == call_id)
    if transcript_id is not None:
        found = found.where(FindingRow.transcript_id == transcript_id)
    elif current_only:
        found = found.where(FindingRow.transcript_id.in_(current_transcript_ids()))
    if kind is not None:
        found = found.where(FindingRow.kind == str(kind))
    if call_ids is not None:
        wanted = sorted(set(call_ids))
        rows = [row for chunk in range(0, len(wanted), 500)
                for row in session.execute(found.where(FindingRow.call_id.in_(wanted[chunk:chunk + 500]))).scalars()]
        rows.sort(key=lambda row: (row.transcript_id, row.start, row.id))
        return [stored_finding(row) for row in rows]
    return [stored_finding(row) for row in session.execute(found).scalars()]


def entity_spans(session: Session, transcript_ids: Sequence[int], labels: Sequence[str]
                 ) -> dict[int, list[tuple[int, int]]]:
    """Per transcript, the spans of its entity findings with one of ``labels`` (any case), rejected ones left out."""
    spans: dict[int, list[tuple[int, int]]] = {}
    if not transcript_ids:
        return spans
    rows = session.execute(select(FindingRow.transcript_id, FindingRow.start, FindingRow.end)
                           .where(FindingRow.transcript_id.in_(list(transcript_ids)),
                                  FindingRow.kind == FindingKind.ENTITY.value,
                                  func.upper(FindingRow.label).in_([label.upper() for label in labels]),
                                  FindingRow.review_status != ReviewStatus.REJECTED.value)).all()
    for tid, start, end in rows:
        spans.setdefault(tid, []).append((start, end))
    return spans


def entities_of(session: Session, transcript_ids: Sequence[int]) -> dict[int, list[StoredFinding]]:
    """Per transcript (each id asked for is a key), its entity findings of every review status."""
    found: dict[int, list[StoredFinding]] = {tid: [] for tid in transcript_ids}
    ids = list(transcript_ids)
    for start in range(0, len(ids), 500):
        rows = session.execute(select(FindingRow).where(FindingRow.transcript_id.in_(ids[start:start + 500]),
                                                        FindingRow.kind == FindingKind.ENTITY.value)
                               .order_by(FindingRow.transcript_id, FindingRow.start, FindingRow.id)).scalars()
        for row in rows:
            found[row.transcript_id].append(stored_finding(row))
    return found


# ---- annotation runs -------------------------------------------------------------------------
def annotation_digest(session: Session, transcript_id: int, producer: str) -> str | None:
    """The config digest the producer last ran with on this transcript, if it ran."""
    return session.execute(
        select(AnnotationRunRow.config_digest).where(
            AnnotationRunRow.transcript_id == transcript_id, AnnotationRunRow.producer == producer
        )
    ).scalar_one_or_none()


def annotation_runs(session: Session, transcript_id: int) -> list[AnnotationRun]:
    """The run records of a transcript version (without findings), by producer name."""
    rows = session.execute(
        select(AnnotationRunRow).where(AnnotationRunRow.transcript_id == transcript_id)
        .order_by(AnnotationRunRow.producer)
    ).scalars()
    return [AnnotationRun(row.producer, (), row.config_digest, bool(row.personal_data),
                          frozenset(row.unchecked_segments or ())) for row in rows]


def unchecked_segments(session: Session, transcript_ids: Sequence[int]) -> dict[int, frozenset[int] | None]:
    """Per transcript, the segment positions no personal-data detector has checked; None: never checked."""
    found: dict[int, frozenset[int] | None] = {tid: None for tid in transcript_ids}
    if not transcript_ids:
        return found
    rows = session.execute(
        select(AnnotationRunRow.transcript_id, AnnotationRunRow.unchecked_segments).where(
            AnnotationRunRow.transcript_id.in_(list(transcript_ids)),
            AnnotationRunRow.personal_data.is_(True),
            AnnotationRunRow.config_digest != SUPERSEDED_DIGEST,
        )
    ).all()
    for tid, unchecked in rows:
        mine = frozenset(unchecked or ())
        previous = found[tid]
        found[tid] = mine if previous is None else previous & mine  # checked by any detector is checked
    return found


def store_annotations(session: Session, transcript_id: int, runs: Sequence[AnnotationRun], actor: str,
                      superseded: Sequence[str] = ()) -> dict[str, int]:
    """Store several annotators' runs on one transcript; returns findings added per producer.

    ``superseded`` names older versions of the same annotators whose pending findings go and whose
    run record stops counting (``config_digest`` "superseded").
    """
    transcript = transcripts.row(session, transcript_id)
    for producer in superseded:
        write_run(session, transcript, AnnotationRun(producer, (), SUPERSEDED_DIGEST), actor)
    return {run.producer: write_run(session, transcript, run, actor) for run in runs}


def write_run(session: Session, transcript: TranscriptRow, run: AnnotationRun, actor: str) -> int:
    """Replace one producer's pending machine findings on a transcript and record the run; returns findings added.

    Reviewed machine findings (accepted, rejected, corrected) stay, and the run does not add them again.
    """
    reviewed = set(
        session.execute(
            select(FindingRow.kind, FindingRow.label, FindingRow.start, FindingRow.end).where(
                FindingRow.transcript_id == transcript.id,
                FindingRow.producer == run.producer,
                FindingRow.review_status != ReviewStatus.PENDING.value,
            )
        ).all()
    )
    removed = session.execute(
        delete(FindingRow).where(
            FindingRow.transcript_id == transcript.id,
            FindingRow.producer == run.producer,
            FindingRow.origin == "machine",
            FindingRow.review_status == ReviewStatus.PENDING.value,
        )
    ).rowcount
    segments = list(transcript.segments)
    added = 0
    for finding in run.findings:
        finding.check_against(transcript.text)
        if (str(finding.kind), finding.label, finding.start, finding.end) in reviewed:
            continue
        session.add(finding_row(finding, transcript, segments, origin="machine", actor=actor))
        added += 1
    record = session.execute(
        select(AnnotationRunRow).where(
            AnnotationRunRow.transcript_id == transcript.id, AnnotationRunRow.producer == run.producer
        )
    ).scalar_one_or_none()
    if record is None:
        record = AnnotationRunRow(transcript_id=transcript.id, producer=run.producer)
        session.add(record)
    record.config_digest, record.created_at = run.config_digest, utcnow()
    record.personal_data = run.personal_data
    record.unchecked_segments = sorted(run.unchecked_segments) or None
    audit.append(
        session,
        actor=actor,
        action="annotate",
        object_type="transcript",
        object_id=transcript.id,
        call_id=transcript.call_id,
        details={"producer": run.producer, "config_digest": run.config_digest, "added": added,
                 "replaced": removed, "personal_data": run.personal_data,
                 "unchecked_segments": sorted(run.unchecked_segments)},
    )
    return added


# ---- people's findings and decisions ---------------------------------------------------------
def add_human(session: Session, transcript: TranscriptRow, finding: Finding, actor: str,
              supersedes_id: int | None) -> int:
    """Store a finding made by a person (accepted), audited; returns its id."""
    finding.check_against(transcript.text)
    row = finding_row(finding, transcript, list(transcript.segments), origin="human", actor=actor)
    row.review_status = ReviewStatus.ACCEPTED.value
    row.supersedes_id = supersedes_id
    row.reviewed_by, row.reviewed_at = actor, utcnow()
    session.add(row)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="finding.add",
        object_type="finding",
        object_id=row.id,
        call_id=transcript.call_id,
        after=finding.as_dict(),
        details={"kind": row.kind, "label": row.label, "supersedes": supersedes_id},
    )
    return row.id


def supersede(session: Session, changes: Sequence[Supersession], actor: str) -> list[int]:
    """Replace stored findings by people's findings; returns the new ids (see :func:`for_decision`)."""
    new_ids = []
    for change in changes:
        old = for_decision(session, change.old_id, change.expected_revision)
        transcript = session.get(TranscriptRow, old.transcript_id)
        new_ids.append(add_human(session, transcript, change.finding, actor, old.id))
        set_status(session, old, ReviewStatus.CORRECTED, actor)
    return new_ids


def for_decision(session: Session, finding_id: int, expected_revision: int | None) -> FindingRow:
    """The finding a person decides on; ConflictError when it changed since ``expected_revision``
    or a live correction replaces it (decide on the correction instead)."""
    row = get_by_id(session, FindingRow, finding_id)
    if row is None:
        raise NotFoundError(f"no finding {finding_id}")
    if expected_revision is not None and (row.revision or 0) != expected_revision:
        when = row.reviewed_at.strftime("%H:%M") if row.reviewed_at else "?"
        raise ConflictError(f"finding {finding_id} changed since you loaded it: {row.review_status} by "
                            f"{row.reviewed_by or 'the machine'} at {when} UTC; reload and decide again")
    successor = session.execute(
        select(FindingRow.id).where(FindingRow.supersedes_id == finding_id,
                                    FindingRow.review_status.in_(LIVE_STATUSES))
    ).scalar()
    if successor is not None:
        raise ConflictError(f"finding {finding_id} was corrected by finding {successor}; "
                            "review the correction instead")
    return row


def set_status(session: Session, row: FindingRow, status: ReviewStatus, actor: str) -> int:
    """Record a decision on a finding (audited); returns its new revision."""
    before = row.review_status
    row.review_status = status.value
    row.reviewed_by, row.reviewed_at = actor, utcnow()
    row.revision = (row.revision or 0) + 1
    audit.append(
        session,
        actor=actor,
        action=f"finding.{status.value}",
        object_type="finding",
        object_id=row.id,
        call_id=row.call_id,
        before=before,
        after=row.review_status,
        details={"kind": row.kind, "label": row.label},
    )
    return row.revision


def add_reviewed_transcript(
    session: Session,
    call_id: int,
    transcript: Transcript,
    *,
    based_on: int,
    carried: Sequence[CarriedFinding],
    runs: Sequence[AnnotationRun],
    actor: str,
    settings: dict[str, Any],
) -> int:
    """Store a person's corrected version with its run records and carried findings; returns its id.

    Refused (:class:`ConflictError`, nothing written) when ``based_on`` is no longer the call's
    current version. Carried corrections point at their carried targets.
    """
    if transcripts.current_id(session, call_id) != based_on:
        raise ConflictError(f"call {call_id} has a newer transcript version than the one you edited; "
                            "reload the call and apply your correction again")
    new_id = transcripts.add(session, call_id, transcript, actor=actor, producer=transcript.producer,
                             settings=settings)
    row = session.get(TranscriptRow, new_id)
    for run in runs:
        write_run(session, row, run, actor)
    segments = list(row.segments)
    id_map: dict[int, int] = {}
    decisions = []
    for item in sorted(carried, key=lambda c: (c.old.origin != "machine", c.old.id)):
        old, finding = item.old, item.finding
        finding.check_against(row.text)
        copy = finding_row(finding, row, segments, origin=old.origin, actor=actor)
        copy.review_status = old.review_status.value
        copy.reviewed_by, copy.reviewed_at, copy.revision = old.reviewed_by, old.reviewed_at, old.revision
        copy.supersedes_id = id_map.get(old.supersedes_id) if old.supersedes_id else None
        session.add(copy)
        session.flush()
        id_map[old.id] = copy.id
        if old.review_status != ReviewStatus.PENDING or old.origin != "machine":
            decisions.append([old.id, copy.id, old.review_status.value])
    audit.append(
        session,
        actor=actor,
        action="findings.carry",
        object_type="transcript",
        object_id=new_id,
        call_id=call_id,
        details={"from_transcript": based_on, "carried": len(id_map), "decisions": decisions},
    )
    return new_id
