"""Forced alignments: word timings written onto a transcript version, the timings it had kept beside them.

Aligning never changes a transcript's text (its digest, and the findings anchored to it, stay as
they are); it gives the version's segments word timings, and a start, end and channel where the
imported file had none. The timings the segments had before, the model, the settings and the audio
are kept in an ``alignments`` row and in the custody log. The findings of the version are placed in
time again in the same transaction, so clicking one seeks the audio.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from overheard.errors import IntegrityError
from overheard.model import SegmentTiming, StoredAlignment, Transcript
from overheard.store import audit
from overheard.store import transcripts as transcript_rows
from overheard.store.rows import locate, utcnow
from overheard.store.schema import AlignmentRow, FindingRow


def add(session: Session, transcript_id: int, aligned: Transcript, *, producer: str, settings: dict[str, Any],
        actor: str) -> int:
    """Write ``aligned``'s timings onto transcript version ``transcript_id`` (same text), audited; returns its id.

    Each segment gets the aligned word timings; its start, end and channel are filled where they
    were empty (an imported turn's own times are kept). Findings on the version are located again.
    """
    row = transcript_rows.row(session, transcript_id)
    if aligned.digest != row.text_sha256 or len(aligned.segments) != len(row.segments):
        raise IntegrityError(f"the aligned text differs from transcript {transcript_id}; align it again")
    before = [[s.start, s.end, s.channel, len(s.words or [])] for s in row.segments]
    timed = 0
    for segment_row, segment in zip(row.segments, aligned.segments, strict=True):
        if not segment.words:
            continue
        segment_row.words = [[w.start, w.end, w.text, w.probability] for w in segment.words]
        timed += len(segment.words)
        if segment_row.start is None or segment_row.end is None:
            segment_row.start, segment_row.end = segment.start, segment.end
        if segment_row.channel is None:
            segment_row.channel = segment.channel
    session.flush()
    for finding in session.execute(select(FindingRow).where(FindingRow.transcript_id == transcript_id)).scalars():
        finding.segment_position, finding.time_start, finding.time_end = locate(row.segments, finding.start,
                                                                                finding.end)
    new = AlignmentRow(call_id=row.call_id, transcript_id=transcript_id, producer=producer, settings=settings,
                       before=before, words=timed, created_at=utcnow(), actor=actor)
    session.add(new)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="transcript.align",
        object_type="transcript",
        object_id=transcript_id,
        call_id=row.call_id,
        before={"timings": before},
        after={"words": [s.words for s in row.segments]},
        details={"version": row.version, "producer": producer, "settings": settings, "words": timed,
                 "segments": sum(1 for s in aligned.segments if s.words)},
    )
    return new.id


def of_transcript(session: Session, transcript_id: int) -> list[StoredAlignment]:
    """The alignments made of one transcript version, oldest first."""
    rows = session.execute(
        select(AlignmentRow).where(AlignmentRow.transcript_id == transcript_id).order_by(AlignmentRow.id)
    ).scalars()
    return [_stored(found) for found in rows]


def of_call(session: Session, call_id: int) -> list[StoredAlignment]:
    """The alignments made of any version of a call, oldest first."""
    rows = session.execute(
        select(AlignmentRow).where(AlignmentRow.call_id == call_id).order_by(AlignmentRow.id)
    ).scalars()
    return [_stored(found) for found in rows]


def _stored(row: AlignmentRow) -> StoredAlignment:
    return StoredAlignment(
        id=row.id,
        call_id=row.call_id,
        transcript_id=row.transcript_id,
        producer=row.producer,
        settings=row.settings or {},
        before=tuple(SegmentTiming(*item) for item in (row.before or [])),
        words=row.words,
        created_at=row.created_at,
        actor=row.actor,
    )
