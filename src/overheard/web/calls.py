"""The calls list: filtering, sorting and counting calls in SQL (fast with tens of thousands of calls).

``Store.list_calls`` builds every call with several queries each; the list page
needs one page of calls and a few counts, so it queries the tables directly,
read-only, through the store's session.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, case, exists, func, select
from sqlalchemy.sql import Select

from overheard.errors import OverheardError
from overheard.model import FindingKind, ReviewStatus
from overheard.store.schema import CallRow, FileRow, FindingRow, SegmentRow, TranscriptRow
from overheard.store.store import Store

SORTS = {
    "recorded_at": "recorded_at",
    "key": "key",
    "duration": "duration",
    "findings": "findings",
    "status": "review_status",
}
CALL_STATUSES = ("new", "in_review", "verified")
MAX_PAGE_SIZE = 500


class FilterError(OverheardError):
    """A calls-list filter value is malformed."""

    code = "E016"


def parse_date(value: str | None) -> date | None:
    """A YYYY-MM-DD filter value (empty means no filter)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FilterError("dates are written YYYY-MM-DD") from None


@dataclass(frozen=True)
class CallFilters:
    """What the calls list is narrowed to; empty fields do not filter."""

    date_from: date | None = None
    date_to: date | None = None
    oblast: str | None = None
    theme: str | None = None
    casualty: str | None = None
    language: str | None = None
    speaker: str | None = None
    status: str | None = None

    def as_query(self) -> dict[str, str]:
        """The filters as query-string values (for links that keep them)."""
        return {key: str(value) for key, value in asdict(self).items() if value not in (None, "")}


def _current_transcripts():
    return (
        select(TranscriptRow.call_id.label("call_id"), func.max(TranscriptRow.id).label("tid"))
        .group_by(TranscriptRow.call_id)
        .subquery("current")
    )


def _finding_exists(current, kind: FindingKind, label: str):
    return exists(
        select(FindingRow.id).where(
            FindingRow.transcript_id == current.c.tid,
            FindingRow.kind == kind.value,
            FindingRow.label == label,
            FindingRow.review_status != ReviewStatus.REJECTED.value,
        )
    )


def _filtered(query: Select, filters: CallFilters, current, language) -> Select:
    conditions = []
    if filters.date_from:
        conditions.append(CallRow.recorded_at >= datetime.combine(filters.date_from, time.min))
    if filters.date_to:
        conditions.append(CallRow.recorded_at < datetime.combine(filters.date_to + timedelta(days=1), time.min))
    if filters.oblast:
        conditions.append(CallRow.oblast == filters.oblast)
    if filters.status:
        conditions.append(CallRow.review_status == filters.status)
    if filters.language:
        conditions.append(language == filters.language)
    if filters.theme:
        conditions.append(_finding_exists(current, FindingKind.THEME, filters.theme))
    if filters.casualty:
        conditions.append(_finding_exists(current, FindingKind.CASUALTY, filters.casualty))
    if filters.speaker:
        conditions.append(
            exists(select(SegmentRow.id).where(SegmentRow.transcript_id == current.c.tid,
                                               SegmentRow.speaker == filters.speaker))
        )
    return query.where(and_(*conditions)) if conditions else query


def list_calls(store: Store, filters: CallFilters, *, sort: str = "recorded_at", page: int = 1,
               page_size: int = 50) -> dict[str, Any]:
    """One page of calls matching ``filters`` with counts and the values each filter can take."""
    descending = sort.startswith("-")
    sort_key = SORTS.get(sort.lstrip("-"), "recorded_at")
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    page = max(1, page)
    current = _current_transcripts()
    durations = (
        select(FileRow.call_id.label("call_id"), func.max(FileRow.duration).label("duration"))
        .where(FileRow.kind == "audio")
        .group_by(FileRow.call_id)
        .subquery("durations")
    )
    counts = (
        select(
            FindingRow.transcript_id.label("tid"),
            func.count(FindingRow.id).label("findings"),
            func.sum(case((FindingRow.review_status == ReviewStatus.PENDING.value, 1), else_=0)).label("pending"),
        )
        .where(FindingRow.review_status != ReviewStatus.REJECTED.value)
        .group_by(FindingRow.transcript_id)
        .subquery("counts")
    )
    language = func.coalesce(CallRow.language, TranscriptRow.language)
    base = (
        select(CallRow.id)
        .outerjoin(current, current.c.call_id == CallRow.id)
        .outerjoin(TranscriptRow, TranscriptRow.id == current.c.tid)
    )
    base = _filtered(base, filters, current, language)
    matching_ids = base.subquery("matching")
    with store.reading() as session:
        total = session.execute(select(func.count(CallRow.id))).scalar_one()
        by_status = dict(
            session.execute(
                select(CallRow.review_status, func.count(CallRow.id))
                .where(CallRow.id.in_(select(matching_ids.c.id)))
                .group_by(CallRow.review_status)
            ).all()
        )
        matching = sum(by_status.values())
        columns = {
            "recorded_at": CallRow.recorded_at,
            "key": CallRow.key,
            "duration": durations.c.duration,
            "findings": counts.c.findings,
            "review_status": CallRow.review_status,
        }
        order = columns[sort_key]
        order = order.desc().nulls_last() if descending else order.asc().nulls_last()
        query = (
            select(CallRow.id, CallRow.key, CallRow.recorded_at, CallRow.oblast, CallRow.place,
                   CallRow.review_status, language.label("language"), durations.c.duration,
                   counts.c.findings, counts.c.pending, TranscriptRow.version)
            .outerjoin(current, current.c.call_id == CallRow.id)
            .outerjoin(TranscriptRow, TranscriptRow.id == current.c.tid)
            .outerjoin(durations, durations.c.call_id == CallRow.id)
            .outerjoin(counts, counts.c.tid == current.c.tid)
        )
        query = _filtered(query, filters, current, language)
        query = query.order_by(order, CallRow.id).limit(page_size).offset((page - 1) * page_size)
        rows = session.execute(query).all()
        calls = [
            {
                "id": row.id,
                "key": row.key,
                "recorded_at": row.recorded_at.isoformat() if row.recorded_at else None,
                "oblast": row.oblast,
                "place": row.place,
                "language": row.language,
                "review_status": row.review_status,
                "duration": row.duration,
                "findings": row.findings or 0,
                "pending": int(row.pending or 0),
                "transcript_version": row.version,
            }
            for row in rows
        ]
        facets = _facets(session, current)
    return {
        "counts": {"total": total, "matching": matching, "by_status": by_status},
        "calls": calls,
        "filters": asdict(filters) | {"date_from": _iso(filters.date_from), "date_to": _iso(filters.date_to)},
        "sort": ("-" if descending else "") + next(k for k, v in SORTS.items() if v == sort_key),
        "page": page,
        "page_size": page_size,
        "pages": max(1, -(-matching // page_size)),
        "facets": facets,
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _facets(session, current) -> dict[str, list[str]]:
    def distinct(column, *where) -> list[str]:
        query = select(column).where(column.is_not(None), *where).distinct().order_by(column).limit(300)
        return [value for value in session.execute(query).scalars() if value]

    on_current = FindingRow.transcript_id.in_(select(current.c.tid))
    return {
        "oblast": distinct(CallRow.oblast),
        "language": sorted(set(distinct(CallRow.language)) | set(distinct(TranscriptRow.language))),
        "theme": distinct(FindingRow.label, FindingRow.kind == FindingKind.THEME.value, on_current),
        "casualty": distinct(FindingRow.label, FindingRow.kind == FindingKind.CASUALTY.value, on_current),
        "speaker": distinct(SegmentRow.speaker, SegmentRow.transcript_id.in_(select(current.c.tid))),
        "status": list(CALL_STATUSES),
    }
