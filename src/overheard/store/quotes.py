"""Quotes chosen for publication: the rows, their status changes and the audit entries (ids, never text).

A quote goes draft -> approved -> published. Approval needs someone other than the quote's maker (the
caller checks the role); a change names the revision it was decided on, so two editors cannot both
approve or one approve what the other just withdrew (409).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from overheard.errors import ConflictError, NotFoundError, QuoteError
from overheard.model import QUOTE_STATUSES, Quote
from overheard.store import audit, marks
from overheard.store.rows import utcnow
from overheard.store.schema import QuoteRow, get_by_id

NEXT = {"draft": {"approved"}, "approved": {"published", "draft"}, "published": set()}


def _quote(row: QuoteRow) -> Quote:
    return Quote(id=row.id, call_id=row.call_id, transcript_id=row.transcript_id, char_start=row.char_start,
                 char_end=row.char_end, speaker=row.speaker, time_start=row.time_start, time_end=row.time_end,
                 text=row.text, translation=row.translation, note=row.note, theme=row.theme, status=row.status,
                 created_by=row.created_by, created_at=row.created_at, approved_by=row.approved_by,
                 approved_at=row.approved_at, published_at=row.published_at, revision=row.revision)


def add(session: Session, *, call_id: int, transcript_id: int, char_start: int, char_end: int, speaker: str | None,
        time_start: float | None, time_end: float | None, text: str, translation: str | None, note: str | None,
        theme: str | None, actor: str) -> Quote:
    """Store a new draft quote (audited with its id, range and seconds)."""
    row = QuoteRow(call_id=call_id, transcript_id=transcript_id, char_start=char_start, char_end=char_end,
                   speaker=speaker, time_start=time_start, time_end=time_end, text=text, translation=translation,
                   note=note, theme=theme, status="draft", created_by=actor, created_at=utcnow(), revision=0)
    session.add(row)
    session.flush()
    audit.append(session, actor=actor, action="quote.create", object_type="quote", object_id=row.id, call_id=call_id,
                 after={"status": "draft"}, details={"transcript_id": transcript_id, "char_start": char_start,
                                                     "char_end": char_end, "time_start": time_start,
                                                     "time_end": time_end, "theme": theme})
    return _quote(row)


def listed(session: Session, *, call_id: int | None = None, status: str | None = None,
           theme: str | None = None, ids: list[int] | None = None, tag: str | None = None,
           starred: str | None = None) -> list[Quote]:
    """Quotes, oldest first, filtered by call, status, theme, ids, a tag or one user's stars."""
    query = select(QuoteRow).order_by(QuoteRow.call_id, QuoteRow.char_start, QuoteRow.id)
    if call_id is not None:
        query = query.where(QuoteRow.call_id == call_id)
    if status:
        query = query.where(QuoteRow.status == status)
    if theme:
        query = query.where(QuoteRow.theme == theme)
    if ids is not None:
        query = query.where(QuoteRow.id.in_(ids))
    for condition in marks.marked("quote", QuoteRow.id, tag=tag, starred=starred):
        query = query.where(condition.correlate(QuoteRow))
    return [_quote(row) for row in session.execute(query).scalars()]


def one(session: Session, quote_id: int) -> Quote:
    """One quote by id (E005 when there is none)."""
    row = get_by_id(session, QuoteRow, quote_id)
    if row is None:
        raise NotFoundError(f"no quote {quote_id}")
    return _quote(row)


def set_status(session: Session, quote_id: int, status: str, actor: str, expected_revision: int | None) -> Quote:
    """Move a quote to ``status`` (draft -> approved -> published; approved -> draft withdraws an approval)."""
    if status not in QUOTE_STATUSES:
        raise QuoteError(f"a quote's status is one of {', '.join(QUOTE_STATUSES)}")
    row = get_by_id(session, QuoteRow, quote_id)
    if row is None:
        raise NotFoundError(f"no quote {quote_id}")
    if expected_revision is not None and expected_revision != row.revision:
        raise ConflictError(f"quote {quote_id} was changed meanwhile (now {row.status}); reload and decide again")
    if status not in NEXT[row.status]:
        raise QuoteError(f"a {row.status} quote cannot become {status}")
    if status == "approved" and actor == row.created_by:
        raise QuoteError(f"quote {quote_id} was made by {actor}: another editor must approve it")
    before = row.status
    now = utcnow()
    row.status = status
    row.revision += 1
    if status == "approved":
        row.approved_by, row.approved_at = actor, now
    elif status == "draft":
        row.approved_by, row.approved_at = None, None
    elif status == "published":
        row.published_at = now
    audit.append(session, actor=actor, action=f"quote.{status}", object_type="quote", object_id=row.id,
                 call_id=row.call_id, before={"status": before}, after={"status": status},
                 details={"revision": row.revision})
    return _quote(row)
