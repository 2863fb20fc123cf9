"""The calls list: filtering, sorting and counting calls in SQL (fast with tens of thousands of calls).

``Store.list_calls`` builds every call with several queries each; the list page
needs one page of calls and a few counts, so it queries the tables directly,
read-only, through the store's session.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, case, exists, func, or_, select

from overheard.errors import OverheardError
from overheard.model import FindingKind, ReviewStatus
from overheard.store.schema import AuditHeadRow, CallRow, FileRow, FindingRow, SegmentRow, TranscriptRow
from overheard.store.store import Store, current_transcript_id_of, current_transcript_ids

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


def _current_tid():
    """Correlated: the id of the calling row's current transcript (the store's rule)."""
    return current_transcript_id_of(CallRow.id).correlate(CallRow)


def _finding_exists(kind: FindingKind, label: str):
    return exists(
        select(FindingRow.id).where(
            FindingRow.call_id == CallRow.id,
            FindingRow.transcript_id == _current_tid(),
            FindingRow.kind == kind.value,
            FindingRow.label == label,
            FindingRow.review_status != ReviewStatus.REJECTED.value,
        )
    ).correlate(CallRow)


def _conditions(filters: CallFilters) -> list:
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
        transcript_language = select(TranscriptRow.language).where(TranscriptRow.id == _current_tid())
        conditions.append(or_(CallRow.language == filters.language,
                              and_(CallRow.language.is_(None),
                                   transcript_language.scalar_subquery() == filters.language)))
    if filters.theme:
        conditions.append(_finding_exists(FindingKind.THEME, filters.theme))
    if filters.casualty:
        conditions.append(_finding_exists(FindingKind.CASUALTY, filters.casualty))
    if filters.speaker:
        conditions.append(
            exists(select(SegmentRow.id).where(SegmentRow.transcript_id == _current_tid(),
                                               SegmentRow.speaker == filters.speaker)).correlate(CallRow)
        )
    return conditions


def _sort_column(sort_key: str):
    if sort_key == "duration":
        return (select(func.max(FileRow.duration)).where(FileRow.call_id == CallRow.id, FileRow.kind == "audio")
                .correlate(CallRow).scalar_subquery())
    if sort_key == "findings":
        return (select(func.count(FindingRow.id))
                .where(FindingRow.call_id == CallRow.id, FindingRow.transcript_id == _current_tid(),
                       FindingRow.review_status != ReviewStatus.REJECTED.value)
                .correlate(CallRow).scalar_subquery())
    return getattr(CallRow, sort_key)


def list_calls(store: Store, filters: CallFilters, *, sort: str = "recorded_at", page: int = 1,
               page_size: int = 50) -> dict[str, Any]:
    """One page of calls matching ``filters`` with counts and the values each filter can take.

    Filters and sort keys are correlated subqueries that use the indexes on
    ``call_id``; the per-call figures are then fetched for the page's calls only,
    so a page costs about the same with 50 calls or 50,000.
    """
    descending = sort.startswith("-")
    sort_key = SORTS.get(sort.lstrip("-"), "recorded_at")
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    page = max(1, page)
    conditions = _conditions(filters)
    with store.reading() as session:
        version = session.execute(select(AuditHeadRow.count)).scalar() or 0
        by_status = dict(
            session.execute(
                select(CallRow.review_status, func.count(CallRow.id)).where(*conditions)
                .group_by(CallRow.review_status)
            ).all()
        )
        matching = sum(by_status.values())
        order = _sort_column(sort_key)
        order = order.desc().nulls_last() if descending else order.asc().nulls_last()
        rows = session.execute(
            select(CallRow.id, CallRow.key, CallRow.recorded_at, CallRow.oblast, CallRow.place, CallRow.language,
                   CallRow.review_status)
            .where(*conditions)
            .order_by(order, CallRow.id)
            .limit(page_size)
            .offset((page - 1) * page_size)
        ).all()
        calls = _page_figures(session, rows)
        total, facets = _cached_summary(store, session, version)
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


def _page_figures(session, rows) -> list[dict[str, Any]]:
    """Duration, transcript version and finding counts for one page of calls."""
    ids = [row.id for row in rows]
    if not ids:
        return []
    durations = dict(session.execute(
        select(FileRow.call_id, func.max(FileRow.duration))
        .where(FileRow.call_id.in_(ids), FileRow.kind == "audio").group_by(FileRow.call_id)
    ).all())
    newest = session.execute(
        select(TranscriptRow.call_id, TranscriptRow.id, TranscriptRow.version, TranscriptRow.language)
        .where(TranscriptRow.call_id.in_(ids), TranscriptRow.id.in_(current_transcript_ids()))
    ).all()
    transcripts = {row.call_id: row for row in newest}
    counts = {
        row.transcript_id: row
        for row in session.execute(
            select(FindingRow.transcript_id, func.count(FindingRow.id).label("findings"),
                   func.sum(case((FindingRow.review_status == ReviewStatus.PENDING.value, 1), else_=0))
                   .label("pending"))
            .where(FindingRow.transcript_id.in_([t.id for t in newest]),
                   FindingRow.review_status != ReviewStatus.REJECTED.value)
            .group_by(FindingRow.transcript_id)
        ).all()
    }
    calls = []
    for row in rows:
        transcript = transcripts.get(row.id)
        count = counts.get(transcript.id) if transcript else None
        calls.append({
            "id": row.id,
            "key": row.key,
            "recorded_at": row.recorded_at.isoformat() if row.recorded_at else None,
            "oblast": row.oblast,
            "place": row.place,
            "language": row.language or (transcript.language if transcript else None),
            "review_status": row.review_status,
            "duration": durations.get(row.id),
            "findings": count.findings if count else 0,
            "pending": int(count.pending or 0) if count else 0,
            "transcript_version": transcript.version if transcript else None,
        })
    return calls


_summaries: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_summaries_lock = threading.Lock()


def _cached_summary(store: Store, session, version: int) -> tuple[int, dict[str, list[str]]]:
    """Total calls and filter values, recomputed only when the store changed.

    Every write to the store appends to the audit log, so the audit head's
    count is a cheap change counter.
    """
    with _summaries_lock:
        cached = _summaries.get(store)
    if cached is not None and cached[0] == version:
        return cached[1], cached[2]
    total = session.execute(select(func.count(CallRow.id))).scalar_one()
    facets = _facets(session)
    with _summaries_lock:
        _summaries[store] = (version, total, facets)
    return total, facets


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _facets(session) -> dict[str, list[str]]:
    current = current_transcript_ids()

    def distinct(column, *where) -> list[str]:
        query = select(column).where(column.is_not(None), *where).distinct().order_by(column).limit(300)
        return [value for value in session.execute(query).scalars() if value]

    on_current = FindingRow.transcript_id.in_(current)
    return {
        "oblast": distinct(CallRow.oblast),
        "language": sorted(set(distinct(CallRow.language)) | set(distinct(TranscriptRow.language))),
        "theme": distinct(FindingRow.label, FindingRow.kind == FindingKind.THEME.value, on_current),
        "casualty": distinct(FindingRow.label, FindingRow.kind == FindingKind.CASUALTY.value, on_current),
        "speaker": distinct(SegmentRow.speaker, SegmentRow.transcript_id.in_(current)),
        "status": list(CALL_STATUSES),
    }
