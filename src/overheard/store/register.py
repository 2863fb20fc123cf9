"""The casualty register's stored state: reviewers' incident decisions and imported external series.

Incidents themselves are not stored: they are the live casualty mentions grouped by the live
decisions, applied in order (:mod:`overheard.register.incidents`). A decision is never deleted;
undoing it stamps ``undone_at``/``undone_by``, and both are in the audit log.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from overheard.errors import ConflictError, NotFoundError
from overheard.model import ExternalSeries, IncidentDecision, SeriesPoint
from overheard.store import audit
from overheard.store.rows import utcnow
from overheard.store.schema import IncidentDecisionRow, SeriesPointRow, SeriesRow, get_by_id


def _decision(row: IncidentDecisionRow) -> IncidentDecision:
    return IncidentDecision(id=row.id, action=row.action, findings=tuple(int(i) for i in row.findings),
                            evidence=tuple(str(e) for e in row.evidence or ()), note=row.note, actor=row.actor,
                            created_at=row.created_at, undone_at=row.undone_at, undone_by=row.undone_by)


def add_decision(session: Session, action: str, findings: Sequence[int], evidence: Sequence[str],
                 note: str | None, actor: str) -> IncidentDecision:
    """Record one incident decision (audited as ``incident.<action>``)."""
    row = IncidentDecisionRow(action=action, findings=sorted(set(findings)), evidence=list(evidence), note=note,
                              actor=actor, created_at=utcnow())
    session.add(row)
    session.flush()
    audit.append(session, actor=actor, action=f"incident.{action}", object_type="incident_decision",
                 object_id=row.id, after={"findings": row.findings, "evidence": row.evidence},
                 details={"findings": row.findings, "note": note})
    return _decision(row)


def undo_decision(session: Session, decision_id: int, actor: str) -> IncidentDecision:
    """Mark a decision undone (audited as ``incident.undo``); ConflictError when it already was."""
    row = get_by_id(session, IncidentDecisionRow, decision_id)
    if row is None:
        raise NotFoundError(f"no incident decision {decision_id}")
    if row.undone_at is not None:
        raise ConflictError(f"incident decision {decision_id} was already undone by {row.undone_by}")
    row.undone_at, row.undone_by = utcnow(), actor
    audit.append(session, actor=actor, action="incident.undo", object_type="incident_decision",
                 object_id=row.id, before=row.action, after="undone", details={"findings": row.findings})
    return _decision(row)


def decisions(session: Session) -> list[IncidentDecision]:
    """Every incident decision, oldest first (undone ones too)."""
    rows = session.execute(select(IncidentDecisionRow).order_by(IncidentDecisionRow.id)).scalars()
    return [_decision(row) for row in rows]


def _series(row: SeriesRow) -> ExternalSeries:
    return ExternalSeries(id=row.id, label=row.label, source=row.source, notes=row.notes, sha256=row.sha256,
                          imported_at=row.imported_at, actor=row.actor,
                          points=tuple(SeriesPoint(start=p.period_start, end=p.period_end, value=p.value,
                                                   place=p.place, notes=p.notes) for p in row.points))


def import_series(session: Session, label: str, source: str, notes: str | None, sha256: str,
                  points: Sequence[SeriesPoint], actor: str, *, replace: bool = False) -> ExternalSeries:
    """Store a series under ``label`` (audited); ConflictError when the label is taken, unless ``replace``."""
    row = session.execute(select(SeriesRow).where(SeriesRow.label == label)).scalar_one_or_none()
    before = None
    if row is not None:
        if not replace:
            raise ConflictError(f"a series labelled {label!r} exists; import with --replace to replace it")
        before = {"sha256": row.sha256, "points": len(row.points)}
        row.points.clear()
        session.flush()
    else:
        row = SeriesRow(label=label)
        session.add(row)
    row.source, row.notes, row.sha256, row.imported_at, row.actor = source, notes, sha256, utcnow(), actor
    row.points.extend(SeriesPointRow(period_start=p.start, period_end=p.end, place=p.place, value=p.value,
                                     notes=p.notes) for p in points)
    session.flush()
    audit.append(session, actor=actor, action="series.import", object_type="series", object_id=row.id,
                 before=before, after={"sha256": sha256, "points": len(points)},
                 details={"label": label, "source": source, "points": len(points)})
    return _series(row)


def all_series(session: Session) -> list[ExternalSeries]:
    """Every imported series with its points, by label."""
    return [_series(row) for row in session.execute(select(SeriesRow).order_by(SeriesRow.label)).scalars()]
