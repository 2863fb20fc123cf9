"""Calls: lookup by id or key, creation, metadata and review status, and the calls list in SQL.

The calls list filters, sorts and counts with correlated subqueries that use the indexes on
``call_id`` and then fetches the per-call figures for one page only, so a page costs about the
same with 50 calls or 50,000. Building a full :class:`~overheard.model.Call` takes several
queries per call, which suits one call page, not a list.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from overheard.errors import NotFoundError
from overheard.model import (
    UNKNOWN_SIDE,
    Call,
    CallFilters,
    CallHeader,
    CallListPage,
    CallMetadata,
    CallSummary,
    FindingKind,
    ReviewStatus,
    tally_casualties,
)
from overheard.store import audit, marks
from overheard.store.rows import apply_metadata, metadata_from_row, utcnow
from overheard.store.schema import CallRow, FileRow, FindingRow, SegmentRow, TranscriptRow, get_by_id
from overheard.store.transcripts import current_transcript_id_of, current_transcript_ids

# public sort names of the calls list -> what they sort by
SORTS = {
    "recorded_at": "recorded_at",
    "key": "key",
    "duration": "duration",
    "findings": "findings",
    "status": "review_status",
}
CALL_STATUSES = ("new", "in_review", "verified")
MAX_PAGE_SIZE = 500
FACET_LIMIT = 300  # values listed per filter


# ---- one call --------------------------------------------------------------------------------
def call_row(session: Session, ref: int | str) -> CallRow:
    """Find a call by numeric id or key; raise NotFoundError."""
    found = None
    if isinstance(ref, int) or str(ref).isdigit():
        found = get_by_id(session, CallRow, ref)
    if found is None:
        found = session.execute(select(CallRow).where(CallRow.key == str(ref))).scalar_one_or_none()
    if found is None:
        raise NotFoundError(f"no call {ref!s:.80} in this workspace; list them with 'overheard calls'")
    return found


def by_key(session: Session, key: str) -> CallRow | None:
    """The call with exactly this key (never read as an id), or None."""
    return session.execute(select(CallRow).where(CallRow.key == key)).scalar_one_or_none()


def call(session: Session, row: CallRow) -> Call:
    """A call row as a core type, with its audio summary, speakers and current transcript version."""
    audio = [f for f in row.files if f.kind == "audio"]
    latest = session.execute(
        select(TranscriptRow.id, TranscriptRow.version, TranscriptRow.language).where(
            TranscriptRow.id == current_transcript_id_of(row.id)
        )
    ).first()
    speakers: tuple[str, ...] = ()
    if latest is not None:
        names = session.execute(
            select(SegmentRow.speaker).where(SegmentRow.transcript_id == latest.id).distinct()
        ).scalars()
        speakers = tuple(sorted(name for name in names if name))
    metadata = metadata_from_row(row)
    if metadata.language is None and latest is not None and latest.language:
        metadata = metadata.merged_with(CallMetadata(language=latest.language))
    return Call(
        id=row.id,
        key=row.key,
        metadata=metadata,
        review_status=row.review_status,
        duration=max((f.duration or 0.0 for f in audio), default=None),
        channels=max((f.channels or 0 for f in audio), default=None),
        speakers=speakers,
        has_audio=bool(audio),
        transcript_version=latest.version if latest else None,
    )


def list_all(session: Session) -> list[Call]:
    """All calls, oldest recording first (undated last)."""
    rows = session.execute(select(CallRow).order_by(CallRow.recorded_at, CallRow.id)).scalars().all()
    dated = [r for r in rows if r.recorded_at is not None] + [r for r in rows if r.recorded_at is None]
    return [call(session, found) for found in dated]


def headers(session: Session, call_ids: Sequence[int] | None = None) -> list[CallHeader]:
    """Every call's (or these calls') id, key, time and place (one query, or one per 500 ids)."""
    columns = select(CallRow.id, CallRow.key, CallRow.recorded_at, CallRow.place, CallRow.oblast)
    if call_ids is None:
        return [CallHeader._make(found) for found in session.execute(columns)]
    wanted = sorted(set(call_ids))
    return [CallHeader._make(found) for chunk in range(0, len(wanted), 500)
            for found in session.execute(columns.where(CallRow.id.in_(wanted[chunk:chunk + 500])))]


def get_or_create(session: Session, key: str, actor: str) -> tuple[CallRow, bool]:
    """The call with ``key``, created (and audited) if new."""
    found = by_key(session, key)
    if found is not None:
        return found, False
    found = CallRow(key=key, created_at=utcnow(), review_status="new")
    session.add(found)
    session.flush()
    audit.append(session, actor=actor, action="call.create", object_type="call", object_id=found.id,
                 call_id=found.id, details={"key": key})
    return found, True


def set_metadata(session: Session, row: CallRow, metadata: CallMetadata, actor: str, reason: str) -> bool:
    """Merge ``metadata`` into a call; audits the change with before/after digests. True if changed."""
    before = metadata_from_row(row).as_dict()
    merged = metadata_from_row(row).merged_with(metadata)
    after = merged.as_dict()
    if before == after:
        return False
    apply_metadata(row, merged)
    changed = sorted(key for key in after if after[key] != before.get(key))
    audit.append(session, actor=actor, action="call.metadata", object_type="call", object_id=row.id,
                 call_id=row.id, before=before, after=after, details={"fields": changed, "reason": reason})
    return True


def set_review_status(session: Session, row: CallRow, status: str, actor: str) -> None:
    """Set a call's review status (new, in_review, verified) with an audit entry."""
    before = row.review_status
    row.review_status = status
    audit.append(session, actor=actor, action="call.review_status", object_type="call", object_id=row.id,
                 call_id=row.id, before=before, after=status, details={"from": before, "to": status})


# ---- the calls list --------------------------------------------------------------------------
@dataclass
class SummaryCache:
    """Total calls and filter values of one store, kept until the store changes (per Store object)."""

    version: int = -1
    total: int = 0
    facets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    oblasts_version: int = -1
    oblasts: tuple[str, ...] = ()  # every distinct metadata oblast string (unbounded, unlike the facets)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _current_tid():
    """Correlated: the id of the calling row's current transcript (the store's rule)."""
    return current_transcript_id_of(CallRow.id).correlate(CallRow)


def _finding_exists(kind: FindingKind, label: str | None, side: str | None = None):
    where = [FindingRow.call_id == CallRow.id, FindingRow.transcript_id == _current_tid(),
             FindingRow.kind == kind.value, FindingRow.review_status != ReviewStatus.REJECTED.value]
    if label:
        where.append(FindingRow.label == label)
    if side:  # a finding without a side reads as unknown (model.casualty_side)
        where.append(func.coalesce(FindingRow.attributes["side"].as_string(), UNKNOWN_SIDE) == side)
    return exists(select(FindingRow.id).where(*where)).correlate(CallRow)


def _conditions(filters: CallFilters) -> list:
    conditions = []
    if filters.date_from:
        conditions.append(CallRow.recorded_at >= datetime.combine(filters.date_from, time.min))
    if filters.date_to:
        conditions.append(CallRow.recorded_at < datetime.combine(filters.date_to + timedelta(days=1), time.min))
    if filters.oblast or filters.oblast_spellings:
        conditions.append(oblast_condition(filters.oblast, filters.oblast_spellings))
    if filters.status:
        conditions.append(CallRow.review_status == filters.status)
    if filters.language:
        transcript_language = select(TranscriptRow.language).where(TranscriptRow.id == _current_tid())
        conditions.append(or_(CallRow.language == filters.language,
                              and_(CallRow.language.is_(None),
                                   transcript_language.scalar_subquery() == filters.language)))
    if filters.theme:
        conditions.append(_finding_exists(FindingKind.THEME, filters.theme))
    if filters.casualty or filters.side:
        conditions.append(_finding_exists(FindingKind.CASUALTY, filters.casualty, filters.side))
    if filters.speaker:
        conditions.append(
            exists(select(SegmentRow.id).where(SegmentRow.transcript_id == _current_tid(),
                                               SegmentRow.speaker == filters.speaker)).correlate(CallRow)
        )
    conditions += [c.correlate(CallRow) for c in marks.marked("call", CallRow.id, tag=filters.tag,
                                                              starred=filters.starred)]
    return conditions


def oblast_condition(oblast: str | None, spellings: Sequence[str]):
    """The call's metadata oblast is one of ``spellings`` (the region's stored spellings), else ``oblast`` as given."""
    return CallRow.oblast.in_(sorted(set(spellings))) if spellings else CallRow.oblast == oblast


def oblast_spellings(session: Session, version: int, cache: SummaryCache) -> tuple[str, ...]:
    """Every distinct metadata oblast string, recomputed only when the store changed (``version``)."""
    with cache.lock:
        if cache.oblasts_version == version:
            return cache.oblasts
    query = select(CallRow.oblast).where(CallRow.oblast.is_not(None)).distinct().order_by(CallRow.oblast)
    found = tuple(value for value in session.execute(query).scalars() if value)
    with cache.lock:
        cache.oblasts_version, cache.oblasts = version, found
    return found


def filter_conditions(filters: CallFilters) -> list:
    """The WHERE conditions on ``CallRow`` of the calls list's filters (for other queries over calls: search)."""
    return _conditions(filters)


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


def list_page(session: Session, filters: CallFilters, *, sort: str, page: int, page_size: int, version: int,
              cache: SummaryCache) -> CallListPage:
    """One page of calls matching ``filters``, with counts and the values each filter can take.

    ``version`` is the store's change counter: the total and the filter values are recomputed
    only when it moved since ``cache`` was filled.
    """
    descending = sort.startswith("-")
    sort_key = SORTS.get(sort.lstrip("-"), "recorded_at")
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    page = max(1, page)
    conditions = _conditions(filters)
    by_status = dict(
        session.execute(
            select(CallRow.review_status, func.count(CallRow.id)).where(*conditions).group_by(CallRow.review_status)
        ).all()
    )
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
    total, facets = _summary(session, version, cache)
    return CallListPage(
        calls=tuple(_page_figures(session, rows)),
        total=total,
        matching=sum(by_status.values()),
        by_status=by_status,
        facets=facets,
        sort=("-" if descending else "") + next(k for k, v in SORTS.items() if v == sort_key),
        page=page,
        page_size=page_size,
    )


def _page_figures(session: Session, rows: Sequence) -> list[CallSummary]:
    """Duration, transcript version and finding counts for one page of calls."""
    ids = [found.id for found in rows]
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
    transcripts = {found.call_id: found for found in newest}
    counts = {
        found.transcript_id: found
        for found in session.execute(
            select(FindingRow.transcript_id, func.count(FindingRow.id).label("findings"),
                   func.sum(case((FindingRow.review_status == ReviewStatus.PENDING.value, 1), else_=0))
                   .label("pending"))
            .where(FindingRow.transcript_id.in_([t.id for t in newest]),
                   FindingRow.review_status != ReviewStatus.REJECTED.value)
            .group_by(FindingRow.transcript_id)
        ).all()
    }
    casualties: dict[int, list] = {}
    themes: dict[int, set[str]] = {}
    for tid, kind, label, attributes in session.execute(
        select(FindingRow.transcript_id, FindingRow.kind, FindingRow.label, FindingRow.attributes)
        .where(FindingRow.transcript_id.in_([t.id for t in newest]),
               FindingRow.kind.in_([FindingKind.CASUALTY.value, FindingKind.THEME.value]),
               FindingRow.review_status.in_([ReviewStatus.PENDING.value, ReviewStatus.ACCEPTED.value]))
    ).all():
        if kind == FindingKind.CASUALTY.value:
            casualties.setdefault(tid, []).append((label, attributes or {}))
        else:
            themes.setdefault(tid, set()).add(label)
    calls = []
    for found in rows:
        transcript = transcripts.get(found.id)
        count = counts.get(transcript.id) if transcript else None
        calls.append(CallSummary(
            id=found.id,
            key=found.key,
            recorded_at=found.recorded_at,
            oblast=found.oblast,
            place=found.place,
            language=found.language or (transcript.language if transcript else None),
            review_status=found.review_status,
            duration=durations.get(found.id),
            findings=count.findings if count else 0,
            pending=int(count.pending or 0) if count else 0,
            transcript_version=transcript.version if transcript else None,
            casualties=tally_casualties(casualties.get(transcript.id, ())) if transcript else (),
            themes=tuple(sorted(themes.get(transcript.id, ()))) if transcript else (),
        ))
    return calls


def _summary(session: Session, version: int, cache: SummaryCache) -> tuple[int, dict[str, tuple[str, ...]]]:
    """Total calls and filter values, recomputed only when the store changed."""
    with cache.lock:
        if cache.version == version:
            return cache.total, cache.facets
    total = session.execute(select(func.count(CallRow.id))).scalar_one()
    facets = _facets(session)
    with cache.lock:
        cache.version, cache.total, cache.facets = version, total, facets
    return total, facets


def _facets(session: Session) -> dict[str, tuple[str, ...]]:
    current = current_transcript_ids()

    def distinct(column, *where) -> tuple[str, ...]:
        query = select(column).where(column.is_not(None), *where).distinct().order_by(column).limit(FACET_LIMIT)
        return tuple(value for value in session.execute(query).scalars() if value)

    on_current = FindingRow.transcript_id.in_(current)
    return {
        "oblast": distinct(CallRow.oblast),
        "language": tuple(sorted(set(distinct(CallRow.language)) | set(distinct(TranscriptRow.language)))),
        "theme": distinct(FindingRow.label, FindingRow.kind == FindingKind.THEME.value, on_current),
        "casualty": distinct(FindingRow.label, FindingRow.kind == FindingKind.CASUALTY.value, on_current),
        "speaker": distinct(SegmentRow.speaker, SegmentRow.transcript_id.in_(current)),
        "status": CALL_STATUSES,
    }
