"""Undoing people's decisions on findings, from the audit log that recorded them.

A decision is an audit entry on a finding: ``finding.accepted``, ``finding.rejected``,
``finding.corrected`` (the old finding, replaced by a person's) or ``finding.add`` (a person's
finding: a correction, a merge half or a missed finding). ``finding.undo`` entries take the latest
decision back; undoing again takes back the one before. A merge is undone whole: undoing either half
withdraws both. Nothing is deleted: an undone correction
stays as a rejected human finding, and every undo is an audit entry of its own, naming the entry
it undoes. The status to go back to is read from the undone entry's ``before`` digest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from overheard.errors import ConflictError, NotFoundError
from overheard.model import ReviewStatus
from overheard.store import audit
from overheard.store.rows import utcnow
from overheard.store.schema import AuditRow, FindingRow, get_by_id

DECISIONS = ("finding.accepted", "finding.rejected", "finding.corrected", "finding.add", "finding.pending")
UNDO = "finding.undo"
_STATUS_OF_DIGEST = {audit.digest_of(status.value): status for status in ReviewStatus}


class NothingToUndo(ConflictError):
    """The finding has no decision left to take back (or it was made on an earlier transcript version)."""


@dataclass(frozen=True)
class Undone:
    """What an undo changed: the finding the person clicked and every finding whose status moved."""

    finding_id: int
    changed: tuple[int, ...]
    status: str
    revision: int


def open_decisions(session: Session, finding_id: int) -> list[AuditRow]:
    """The finding's decisions not yet undone, oldest first."""
    rows = session.execute(
        select(AuditRow).where(AuditRow.object_type == "finding", AuditRow.object_id == str(finding_id),
                               AuditRow.action.in_((*DECISIONS, UNDO))).order_by(AuditRow.id)
    ).scalars()
    stack: list[AuditRow] = []
    for row in rows:
        if row.action != UNDO:
            stack.append(row)
            continue
        undone = json.loads(row.details or "{}").get("undoes")
        stack = [entry for entry in stack if entry.id != undone]
    return stack


def _move(session: Session, row: FindingRow, status: ReviewStatus, actor: str, undoes: int) -> None:
    before = row.review_status
    row.review_status = status.value
    row.reviewed_by, row.reviewed_at = actor, utcnow()
    row.revision = (row.revision or 0) + 1
    audit.append(session, actor=actor, action=UNDO, object_type="finding", object_id=row.id, call_id=row.call_id,
                 before=before, after=row.review_status,
                 details={"kind": row.kind, "label": row.label, "undoes": undoes,
                          "to": row.review_status})


def _restore_replaced(session: Session, human: FindingRow, actor: str) -> list[int]:
    """A withdrawn correction gives the finding it replaced its status from before the correction back."""
    if human.supersedes_id is None:
        return []
    old = session.get(FindingRow, human.supersedes_id)
    if old is None or old.review_status != ReviewStatus.CORRECTED.value:
        return []
    corrected = [entry for entry in open_decisions(session, old.id) if entry.action == "finding.corrected"]
    if not corrected:
        return []
    previous = _STATUS_OF_DIGEST.get(corrected[-1].before_digest, ReviewStatus.PENDING)
    _move(session, old, previous, actor, corrected[-1].id)
    return [old.id]


def _merge_sibling(session: Session, half: FindingRow) -> FindingRow | None:
    """The other live half of the merge ``half`` came from (both carry ``merged: [first, second]``), if any."""
    merged = (half.attributes or {}).get("merged")
    if not isinstance(merged, list) or len(merged) != 2 or half.supersedes_id not in merged:
        return None
    other = merged[1] if half.supersedes_id == merged[0] else merged[0]
    sibling = session.execute(
        select(FindingRow).where(FindingRow.supersedes_id == other,
                                 FindingRow.review_status.in_((ReviewStatus.PENDING.value,
                                                               ReviewStatus.ACCEPTED.value)))
    ).scalar()
    if sibling is None or (sibling.attributes or {}).get("merged") != merged:
        return None
    return sibling


def undo(session: Session, finding_id: int, actor: str, expected_revision: int | None = None) -> Undone:
    """Take back the latest decision on a finding (audited); see the module docstring.

    ``expected_revision`` is the revision the person saw: a finding changed meanwhile refuses the
    undo (:class:`ConflictError`), as a decision would be refused. Undoing a ``corrected`` finding
    withdraws its live correction and gives it its old status back. Undoing either half of a merge
    withdraws both halves (as long as the other half has no later decision) and restores both persons.
    """
    row = get_by_id(session, FindingRow, finding_id)
    if row is None:
        raise NotFoundError(f"no finding {finding_id}")
    if expected_revision is not None and (row.revision or 0) != expected_revision:
        when = row.reviewed_at.strftime("%H:%M") if row.reviewed_at else "?"
        raise ConflictError(f"finding {finding_id} changed since you loaded it: {row.review_status} by "
                            f"{row.reviewed_by or 'the machine'} at {when} UTC; reload and decide again")
    target = row
    if row.review_status == ReviewStatus.CORRECTED.value:
        successor = session.execute(
            select(FindingRow).where(FindingRow.supersedes_id == row.id,
                                     FindingRow.review_status.in_((ReviewStatus.PENDING.value,
                                                                   ReviewStatus.ACCEPTED.value)))
        ).scalar()
        if successor is not None:
            target = successor
    decisions = open_decisions(session, target.id)
    if not decisions:
        raise NothingToUndo(f"finding {finding_id} has no decision to undo here (a decision made on an earlier "
                            "transcript version stays; decide again instead)")
    latest = decisions[-1]
    changed = [target.id]
    if latest.action == "finding.add":  # a person's finding: withdrawn, and what it replaced comes back
        sibling = _merge_sibling(session, target)
        _move(session, target, ReviewStatus.REJECTED, actor, latest.id)
        changed += _restore_replaced(session, target, actor)
        sibling_added = open_decisions(session, sibling.id) if sibling is not None else []
        if sibling_added and sibling_added[-1].action == "finding.add":  # a merge is undone whole, never half
            _move(session, sibling, ReviewStatus.REJECTED, actor, sibling_added[-1].id)
            changed += [sibling.id, *_restore_replaced(session, sibling, actor)]
    else:  # accepted, rejected, or an old "corrected" whose correction is gone: the status before it
        previous = _STATUS_OF_DIGEST.get(latest.before_digest, ReviewStatus.PENDING)
        _move(session, target, previous, actor, latest.id)
    return Undone(finding_id=finding_id, changed=tuple(changed), status=row.review_status,
                  revision=row.revision or 0)
