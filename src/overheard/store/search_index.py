"""The search index's tables: postings per word key and the digest each transcript was indexed under.

What a key is (folded surface and normal forms) is :mod:`overheard.search`'s business; this
module writes postings, says which transcripts are indexed under which digest, and finds the
postings of some keys, and the TERM and CASUALTY findings of some lexicon entries and categories,
in the current transcripts that pass a search's filters.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.orm import Session

from overheard.model import (
    UNKNOWN_SIDE,
    CallFilters,
    CallHeader,
    ConceptMatch,
    FindingKind,
    IndexedTranscript,
    Posting,
    PostingMatches,
    SearchScope,
)
from overheard.store.calls import filter_conditions
from overheard.store.findings import LIVE_STATUSES
from overheard.store.rows import utcnow
from overheard.store.schema import CallRow, FindingRow, IndexedRow, PostingRow, SegmentRow, TranscriptRow
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


def _scope(scope: SearchScope):
    """Select of (transcript id, call id, key, recorded_at, place, oblast) of the current transcripts in scope."""
    query = (select(TranscriptRow.id, CallRow.id, CallRow.key, CallRow.recorded_at, CallRow.place, CallRow.oblast)
             .join(CallRow, CallRow.id == TranscriptRow.call_id)
             .where(TranscriptRow.id.in_(current_transcript_ids()), *filter_conditions(scope.filters)))
    if scope.call:
        ref = scope.call.strip()
        query = query.where((CallRow.key == ref) | (CallRow.id == int(ref)) if ref.isdigit() and len(ref) < 10
                            else CallRow.key == ref)
    if scope.language:
        query = query.where(func.coalesce(TranscriptRow.language, CallRow.language) == scope.language)
    return query


def _speaker_condition(speaker: str, transcript_column, position_column):
    return select(SegmentRow.id).where(SegmentRow.transcript_id == transcript_column,
                                       SegmentRow.position == position_column,
                                       SegmentRow.speaker == speaker).exists()


def _concepts(session: Session, allowed, scope: SearchScope, term_ids: Sequence[str],
              categories: Sequence[str], side: str | None) -> list[ConceptMatch]:
    """The live (pending or accepted: not rejected, not replaced by a correction) TERM findings of
    ``term_ids`` or ``categories`` and CASUALTY findings of ``categories`` in the transcripts in scope;
    with ``side``, the casualty findings of that side only and no TERM findings by category."""
    if not term_ids and not categories:
        return []
    term_id = FindingRow.attributes["term_id"].as_string()
    side_of = func.coalesce(FindingRow.attributes["side"].as_string(), UNKNOWN_SIDE)
    wanted = []
    if term_ids:
        wanted.append((FindingRow.kind == FindingKind.TERM.value) & term_id.in_(list(term_ids)))
    if categories:
        if not side:  # terms have no side: with one asked for, only casualty mentions of that side count
            wanted.append((FindingRow.kind == FindingKind.TERM.value) & FindingRow.label.in_(list(categories)))
        casualty = (FindingRow.kind == FindingKind.CASUALTY.value) & FindingRow.label.in_(list(categories))
        wanted.append(casualty & (side_of == side) if side else casualty)
    conditions = [FindingRow.transcript_id.in_(select(allowed.c[0])),
                  FindingRow.review_status.in_(LIVE_STATUSES), or_(*wanted)]
    if scope.speaker:
        conditions.append(_speaker_condition(scope.speaker, FindingRow.transcript_id, FindingRow.segment_position))
    rows = session.execute(select(FindingRow.transcript_id, FindingRow.segment_position, FindingRow.start,
                                  FindingRow.end, FindingRow.kind, FindingRow.label, term_id, side_of)
                           .where(*conditions).order_by(FindingRow.transcript_id, FindingRow.start)).all()
    return [ConceptMatch._make(row) for row in rows]


def matches(session: Session, keys: Sequence[str], scope: SearchScope, *, term_ids: Sequence[str] = (),
            categories: Sequence[str] = (), side: str | None = None) -> PostingMatches:
    """Postings of ``keys`` and findings of ``term_ids``/``categories`` in the current transcripts in
    ``scope``, and the calls they are in (only the calls of transcripts with postings or findings).

    A casualty finding counts when it is of ``side`` (a finding without a side reads as unknown).
    """
    allowed = _scope(scope).subquery()
    rows: list = []
    if keys:
        conditions = [PostingRow.key.in_(list(keys)), PostingRow.transcript_id.in_(select(allowed.c[0]))]
        if scope.speaker:
            conditions.append(_speaker_condition(scope.speaker, PostingRow.transcript_id, PostingRow.segment))
        rows = session.execute(
            select(PostingRow.transcript_id, PostingRow.position, PostingRow.segment, PostingRow.key,
                   PostingRow.start, PostingRow.end).where(*conditions)
        ).all()
    concepts = _concepts(session, allowed, scope, term_ids, categories, side)
    found = {row[0] for row in rows} | {match.transcript_id for match in concepts}
    calls = {}
    if found:
        calls = {row[0]: CallHeader._make(row[1:]) for row in session.execute(select(allowed)) if row[0] in found}
    return PostingMatches(calls=calls, postings=tuple(map(Posting._make, rows)), findings=tuple(concepts))


def postings(session: Session, keys: Sequence[str], *, call: str | None = None, language: str | None = None,
             speaker: str | None = None, date_from: date | None = None, date_to: date | None = None
             ) -> PostingMatches:
    """Postings of ``keys`` in the current transcripts that pass the filters, and the calls they are in
    (only the calls of transcripts with postings).

    ``call`` is a call key or id, ``language`` the transcript's (else the call's) language,
    ``speaker`` an exact segment speaker label, ``date_to`` inclusive.
    """
    scope = SearchScope(filters=CallFilters(date_from=date_from, date_to=date_to), call=call, language=language,
                        speaker=speaker)
    return matches(session, keys, scope)
