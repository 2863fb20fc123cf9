"""The search index's tables: postings per word key and the digest each transcript was indexed under.

What a key is (folded surface and normal forms) is :mod:`overheard.search`'s business; this
module writes postings, says which transcripts are indexed under which digest, and finds the
postings of some keys in the current transcripts that pass a search's filters.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from overheard.model import CallHeader, IndexedTranscript, Posting, PostingMatches
from overheard.store.rows import utcnow
from overheard.store.schema import CallRow, IndexedRow, PostingRow, SegmentRow, TranscriptRow
from overheard.store.transcripts import current_transcript_ids

_CHUNK = 500  # transcript ids per DELETE


def indexed_digests(session: Session) -> dict[int, str]:
    """The digest each indexed transcript version was indexed under."""
    return dict(session.execute(select(IndexedRow.transcript_id, IndexedRow.digest)).all())


def drop(session: Session, transcript_ids: Sequence[int]) -> None:
    """Remove transcripts and their postings from the index."""
    for start in range(0, len(transcript_ids), _CHUNK):
        chunk = list(transcript_ids[start:start + _CHUNK])
        session.execute(delete(PostingRow).where(PostingRow.transcript_id.in_(chunk)))
        session.execute(delete(IndexedRow).where(IndexedRow.transcript_id.in_(chunk)))


def replace(session: Session, indexed: Sequence[IndexedTranscript]) -> None:
    """(Re)index transcripts: their old postings go, the new ones and their digests are written."""
    drop(session, [item.transcript_id for item in indexed])
    rows = [{"transcript_id": p.transcript_id, "position": p.position, "segment": p.segment, "key": p.key,
             "start": p.start, "end": p.end} for item in indexed for p in item.postings]
    if rows:
        session.execute(insert(PostingRow), rows)
    if indexed:
        now = utcnow()
        session.execute(insert(IndexedRow), [{"transcript_id": item.transcript_id, "digest": item.digest,
                                              "indexed_at": now} for item in indexed])


def _scope(*, call: str | None, language: str | None, date_from: date | None, date_to: date | None):
    """Select of (transcript id, call id, key, recorded_at, place, oblast) of the current transcripts in scope."""
    query = (select(TranscriptRow.id, CallRow.id, CallRow.key, CallRow.recorded_at, CallRow.place, CallRow.oblast)
             .join(CallRow, CallRow.id == TranscriptRow.call_id)
             .where(TranscriptRow.id.in_(current_transcript_ids())))
    if call:
        ref = call.strip()
        query = query.where((CallRow.key == ref) | (CallRow.id == int(ref)) if ref.isdigit() and len(ref) < 10
                            else CallRow.key == ref)
    if language:
        query = query.where(func.coalesce(TranscriptRow.language, CallRow.language) == language)
    if date_from:
        query = query.where(CallRow.recorded_at >= datetime.combine(date_from, datetime.min.time()))
    if date_to:
        query = query.where(CallRow.recorded_at < datetime.combine(date_to + timedelta(days=1), datetime.min.time()))
    return query


def postings(session: Session, keys: Sequence[str], *, call: str | None = None, language: str | None = None,
             speaker: str | None = None, date_from: date | None = None, date_to: date | None = None
             ) -> PostingMatches:
    """Postings of ``keys`` in the current transcripts that pass the filters, and the calls they are in
    (only the calls of transcripts with postings).

    ``call`` is a call key or id, ``language`` the transcript's (else the call's) language,
    ``speaker`` an exact segment speaker label, ``date_to`` inclusive.
    """
    allowed = _scope(call=call, language=language, date_from=date_from, date_to=date_to).subquery()
    if not keys:
        return PostingMatches(calls={}, postings=())
    conditions = [PostingRow.key.in_(list(keys)), PostingRow.transcript_id.in_(select(allowed.c[0]))]
    if speaker:
        conditions.append(select(SegmentRow.id).where(SegmentRow.transcript_id == PostingRow.transcript_id,
                                                      SegmentRow.position == PostingRow.segment,
                                                      SegmentRow.speaker == speaker).exists())
    rows = session.execute(
        select(PostingRow.transcript_id, PostingRow.position, PostingRow.segment, PostingRow.key,
               PostingRow.start, PostingRow.end).where(*conditions)
    ).all()
    found = {row[0] for row in rows}
    calls = {row[0]: CallHeader._make(row[1:]) for row in session.execute(select(allowed)) if row[0] in found}
    return PostingMatches(calls=calls, postings=tuple(map(Posting._make, rows)))
