"""Conversion between database rows and overheard's core types (call metadata, transcripts, findings)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from overheard.model import (
    METADATA_FIELDS,
    CallMetadata,
    Finding,
    FindingKind,
    Participant,
    ReviewStatus,
    Segment,
    StoredFinding,
    StoredTranscript,
    Transcript,
    TranscriptSource,
    Word,
)
from overheard.store.schema import CallRow, FindingRow, SegmentRow, TranscriptRow


def utcnow() -> datetime:
    """Current time in UTC without tzinfo (how timestamps are stored)."""
    return datetime.now(UTC).replace(tzinfo=None)


def metadata_from_row(row: CallRow) -> CallMetadata:
    """The call's metadata as a core type."""
    participants = tuple(Participant(**p) for p in (row.participants or []))
    return CallMetadata(participants=participants, **{name: getattr(row, name) for name in METADATA_FIELDS})


def apply_metadata(row: CallRow, metadata: CallMetadata) -> None:
    """Write metadata fields onto a call row."""
    for name in METADATA_FIELDS:
        setattr(row, name, getattr(metadata, name))
    row.participants = [p.as_dict() for p in metadata.participants]


def segment_row(position: int, segment: Segment, char_start: int, char_end: int) -> SegmentRow:
    """A segment as a database row."""
    return SegmentRow(
        position=position,
        speaker=segment.speaker,
        channel=segment.channel,
        start=segment.start,
        end=segment.end,
        char_start=char_start,
        char_end=char_end,
        language=segment.language,
        language_probability=segment.language_probability,
        text=segment.text,
        translation=segment.translation,
        flags=list(segment.flags),
        words=[[w.start, w.end, w.text, w.probability] for w in segment.words],
    )


def stored_transcript(row: TranscriptRow) -> StoredTranscript:
    """A transcript row (with its segments) as a core type."""
    segments = tuple(
        Segment(
            text=s.text,
            speaker=s.speaker,
            start=s.start,
            end=s.end,
            language=s.language,
            language_probability=s.language_probability,
            channel=s.channel,
            words=tuple(Word(start=w[0], end=w[1], text=w[2], probability=w[3]) for w in (s.words or [])),
            flags=tuple(s.flags or ()),
            translation=s.translation,
        )
        for s in row.segments
    )
    transcript = Transcript(
        segments=segments, language=row.language, source=TranscriptSource(row.source), producer=row.producer
    )
    return StoredTranscript(
        id=row.id,
        call_id=row.call_id,
        version=row.version,
        transcript=transcript,
        created_at=row.created_at,
        actor=row.actor,
        settings=row.settings or {},
    )


def locate(segments: Iterable[SegmentRow], start: int, end: int) -> tuple[int | None, float | None, float | None]:
    """Which segment a character span falls in and the seconds of audio it covers.

    Uses word timings when the segment has them (words are matched to characters in
    order), otherwise the segment's own start and end.
    """
    for segment in segments:
        if segment.char_start <= start <= segment.char_end:
            if segment.start is None:
                return segment.position, None, None
            words = segment.words or []
            if not words:
                return segment.position, segment.start, segment.end
            local_start, local_end = start - segment.char_start, end - segment.char_start
            times, cursor = [], 0
            for w_start, w_end, text, _prob in words:
                found = segment.text.find(text.strip(), cursor)
                if found < 0:
                    continue
                cursor = found + len(text.strip())
                if found < local_end and cursor > local_start:
                    times.append((w_start, w_end))
            if times:
                return segment.position, min(t[0] for t in times), max(t[1] for t in times)
            return segment.position, segment.start, segment.end
    return None, None, None


def finding_row(
    finding: Finding, transcript: TranscriptRow, segments: list[SegmentRow], *, origin: str, actor: str
) -> FindingRow:
    """A finding as a database row, placed in its segment and in time."""
    position, time_start, time_end = locate(segments, finding.start, finding.end)
    return FindingRow(
        call_id=transcript.call_id,
        transcript_id=transcript.id,
        kind=str(finding.kind),
        label=finding.label,
        start=finding.start,
        end=finding.end,
        text=finding.text,
        score=finding.score,
        producer=finding.producer,
        explanation=finding.explanation,
        attributes=finding.as_dict()["attributes"],
        origin=origin,
        review_status=ReviewStatus.PENDING.value,
        segment_position=position,
        time_start=time_start,
        time_end=time_end,
        created_at=utcnow(),
        created_by=actor,
    )


def stored_finding(row: FindingRow) -> StoredFinding:
    """A finding row as a core type."""
    finding = Finding(
        kind=FindingKind(row.kind),
        label=row.label,
        start=row.start,
        end=row.end,
        text=row.text,
        score=row.score,
        producer=row.producer,
        explanation=row.explanation,
        attributes=row.attributes or {},
    )
    return StoredFinding(
        id=row.id,
        call_id=row.call_id,
        transcript_id=row.transcript_id,
        finding=finding,
        origin=row.origin,
        review_status=ReviewStatus(row.review_status),
        segment_position=row.segment_position,
        time_start=row.time_start,
        time_end=row.time_end,
        supersedes_id=row.supersedes_id,
        reviewed_by=row.reviewed_by,
        reviewed_at=row.reviewed_at,
        revision=row.revision or 0,
    )
