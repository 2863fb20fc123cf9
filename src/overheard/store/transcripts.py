"""Transcript versions: the next version of a call, every version, and the current-version rule in SQL.

A call's *current* transcript is a person's correction, else an imported transcript, else speech
recognition; within one source the newest wins (``SOURCE_RANK``). The rule is one SQL expression
here, so the calls list, findings, search and the review queue all agree on it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, case, cast, func, literal, select
from sqlalchemy.orm import Session, selectinload

from overheard.errors import NotFoundError
from overheard.model import StoredTranscript, Transcript
from overheard.store import audit
from overheard.store.rows import segment_row, stored_transcript, utcnow
from overheard.store.schema import SegmentRow, TranscriptRow, get_by_id

# Which transcript version is a call's *current* one: a person's correction beats an imported
# transcript, which beats speech recognition; within one source the newest wins. So running ASR
# on a call that has an agency transcript stores the ASR as a version without displacing it.
SOURCE_RANK = {"reviewed": 3, "imported": 2, "asr": 1}
_RANK_STRIDE = 1 << 40  # ids stay far below this; rank * stride + id orders by rank, then by age


def _stride():
    # 64-bit on every database: PostgreSQL would otherwise bind the stride as INTEGER and overflow.
    return literal(_RANK_STRIDE, BigInteger)


def _current_key():
    return cast(case(SOURCE_RANK, value=TranscriptRow.source, else_=0), BigInteger) * _stride() + TranscriptRow.id


def current_transcript_ids():
    """Subquery of every call's current transcript id (see SOURCE_RANK)."""
    return select(func.max(_current_key()) % _stride()).group_by(TranscriptRow.call_id).scalar_subquery()


def current_transcript_id_of(call_id_column):
    """Correlated scalar subquery: the current transcript id of the call in ``call_id_column``."""
    return (
        select(func.max(_current_key()) % _stride())
        .where(TranscriptRow.call_id == call_id_column)
        .scalar_subquery()
    )


def current_id(session: Session, call_id: int) -> int | None:
    """The id of the call's current transcript, or None."""
    return session.execute(select(current_transcript_id_of(call_id))).scalar()


def row(session: Session, transcript_id: int) -> TranscriptRow:
    """A transcript version's row by id; raise NotFoundError."""
    found = get_by_id(session, TranscriptRow, transcript_id)
    if found is None:
        raise NotFoundError(f"no transcript {transcript_id}")
    return found


def add(
    session: Session,
    call_id: int,
    transcript: Transcript,
    *,
    actor: str,
    producer: str | None = None,
    settings: dict[str, Any] | None = None,
    file_id: int | None = None,
) -> int:
    """Store ``transcript`` as the call's next version (audited); returns its id."""
    previous = (
        session.execute(
            select(TranscriptRow).where(TranscriptRow.call_id == call_id).order_by(TranscriptRow.version.desc())
        )
        .scalars()
        .first()
    )
    new = TranscriptRow(
        call_id=call_id,
        version=(previous.version + 1) if previous else 1,
        source=str(transcript.source),
        language=transcript.language,
        text=transcript.text,
        text_sha256=transcript.digest,
        producer=producer or transcript.producer,
        settings=settings or {},
        file_id=file_id,
        previous_id=previous.id if previous else None,
        created_at=utcnow(),
        actor=actor,
    )
    for position, (segment, (start, end)) in enumerate(
        zip(transcript.segments, transcript.segment_offsets, strict=True)
    ):
        new.segments.append(segment_row(position, segment, start, end))
    session.add(new)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="transcript.add",
        object_type="transcript",
        object_id=new.id,
        call_id=call_id,
        before={"text_sha256": previous.text_sha256} if previous else None,
        after={"text_sha256": new.text_sha256},
        details={
            "version": new.version,
            "source": new.source,
            "producer": new.producer,
            "settings": settings or {},
            "segments": len(transcript.segments),
        },
    )
    return new.id


def versions(session: Session, call_id: int) -> list[StoredTranscript]:
    """All transcript versions of a call, oldest first."""
    rows = session.execute(
        select(TranscriptRow).where(TranscriptRow.call_id == call_id).order_by(TranscriptRow.version)
    ).scalars()
    return [stored_transcript(found) for found in rows]


def current(session: Session, call_id: int) -> StoredTranscript | None:
    """The call's current transcript (reviewed, else imported, else ASR; newest first), or None."""
    found = versions(session, call_id)
    if not found:
        return None
    return max(found, key=lambda t: (SOURCE_RANK.get(str(t.transcript.source), 0), t.id))


def get(session: Session, transcript_id: int) -> StoredTranscript:
    """One transcript version by id."""
    return stored_transcript(row(session, transcript_id))


def all_current(session: Session) -> list[StoredTranscript]:
    """The current transcript of every call, by call id."""
    rows = session.execute(
        select(TranscriptRow).where(TranscriptRow.id.in_(current_transcript_ids())).order_by(TranscriptRow.call_id)
        .options(selectinload(TranscriptRow.segments))  # one query for every segment, not one per transcript
    ).scalars()
    return [stored_transcript(found) for found in rows]


def segment_texts(session: Session, transcript_ids: list[int]) -> dict[tuple[int, int], tuple[int, str]]:
    """``(transcript id, position) -> (char_start, text)`` of every segment of these transcripts."""
    out: dict[tuple[int, int], tuple[int, str]] = {}
    for chunk in range(0, len(transcript_ids), 5000):
        rows = session.execute(select(SegmentRow.transcript_id, SegmentRow.position, SegmentRow.char_start,
                                      SegmentRow.text)
                               .where(SegmentRow.transcript_id.in_(transcript_ids[chunk:chunk + 5000])))
        out |= {(tid, position): (start, text) for tid, position, start, text in rows}
    return out


def segment_starts(session: Session, transcript_ids: list[int]) -> dict[int, list[tuple[int, float | None]]]:
    """``transcript id -> [(char_start, start second), ...]`` of its segments in order (one query per 5,000)."""
    out: dict[int, list[tuple[int, float | None]]] = {tid: [] for tid in transcript_ids}
    for chunk in range(0, len(transcript_ids), 5000):
        rows = session.execute(select(SegmentRow.transcript_id, SegmentRow.char_start, SegmentRow.start)
                               .where(SegmentRow.transcript_id.in_(transcript_ids[chunk:chunk + 5000]))
                               .order_by(SegmentRow.transcript_id, SegmentRow.position))
        for tid, char_start, start in rows:
            out[tid].append((char_start, start))
    return out


def current_digests(session: Session) -> dict[int, str]:
    """Text sha256 of every call's current transcript, by transcript id."""
    return dict(session.execute(
        select(TranscriptRow.id, TranscriptRow.text_sha256).where(TranscriptRow.id.in_(current_transcript_ids()))
    ).all())
