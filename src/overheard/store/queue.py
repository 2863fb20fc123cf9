"""The review queue: findings on current transcripts, filtered, with what publication depends on first.

Casualty findings and personal-data entities (PER, PHONE, CALLSIGN, UNIT) come first, because a
story's numbers and its redaction rest on them; then the least confident. Counts are over all
matching findings, not just the page shown.
"""

from __future__ import annotations

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from overheard.model import PERSONAL_DATA_LABELS, FindingKind, QueueFilters, QueueItem, ReviewQueue, ReviewStatus
from overheard.store import marks
from overheard.store.calls import oblast_condition
from overheard.store.rows import stored_finding
from overheard.store.schema import CallRow, FindingRow
from overheard.store.transcripts import current_transcript_ids

LIVE = (ReviewStatus.PENDING.value, ReviewStatus.ACCEPTED.value)


def _conditions(filters: QueueFilters, current) -> list:
    conditions = [FindingRow.transcript_id.in_(current)]
    if filters.status != "any":
        conditions.append(FindingRow.review_status == filters.status)
    if filters.kind:
        conditions.append(FindingRow.kind == filters.kind)
    if filters.label:
        conditions.append(FindingRow.label == filters.label)
    if filters.call is not None:
        conditions.append(FindingRow.call_id == filters.call)
    if filters.max_score is not None:
        conditions.append(FindingRow.score <= filters.max_score)
    if filters.oblast or filters.oblast_spellings:
        conditions.append(FindingRow.call_id.in_(
            select(CallRow.id).where(oblast_condition(filters.oblast, filters.oblast_spellings))))
    if filters.theme:
        themed = FindingRow.__table__.alias("themed")
        conditions.append(FindingRow.call_id.in_(
            select(themed.c.call_id).where(themed.c.kind == FindingKind.THEME.value, themed.c.label == filters.theme,
                                           themed.c.review_status.in_(LIVE), themed.c.transcript_id.in_(current))))
    conditions += [c.correlate(FindingRow) for c in marks.marked("finding", FindingRow.id, tag=filters.tag,
                                                                 starred=filters.starred)]
    return conditions


def review_queue(session: Session, filters: QueueFilters, limit: int) -> ReviewQueue:
    """The first ``limit`` findings matching ``filters``: casualties and personal data first, then least confident."""
    current = current_transcript_ids()
    pending = session.execute(
        select(func.count(FindingRow.id)).where(FindingRow.review_status == ReviewStatus.PENDING.value,
                                                FindingRow.transcript_id.in_(current))
    ).scalar_one()
    where = and_(*_conditions(filters, current))
    by_kind = tuple(session.execute(
        select(FindingRow.kind, func.count(FindingRow.id)).where(where).group_by(FindingRow.kind)
        .order_by(FindingRow.kind)
    ).all())
    first = case((or_(FindingRow.kind == FindingKind.CASUALTY.value,
                      and_(FindingRow.kind == FindingKind.ENTITY.value,
                           func.upper(FindingRow.label).in_(sorted(PERSONAL_DATA_LABELS)))), 0), else_=1)
    rows = session.execute(
        select(FindingRow, CallRow.key).join(CallRow, CallRow.id == FindingRow.call_id).where(where)
        .order_by(first, FindingRow.score, FindingRow.id).limit(limit)
    ).all()
    return ReviewQueue(pending=pending, items=tuple(QueueItem(stored_finding(row), key) for row, key in rows),
                       matching=sum(n for _, n in by_kind), by_kind=tuple((k, n) for k, n in by_kind))
