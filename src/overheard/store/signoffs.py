"""Call sign-offs: reviewers vouching for a call's current transcript version and its findings.

The review layer (:mod:`overheard.review.signoff`) decides whether a sign-off may be given and whether
it makes the call verified; this module records it, checking in the same transaction that the
transcript signed is still the call's current one and that nobody signs the same version twice.
"""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from overheard.errors import ConflictError
from overheard.model import CallSignOff
from overheard.store import audit, calls, transcripts
from overheard.store.rows import utcnow
from overheard.store.schema import CallSignOffRow

SIGNOFFS = CallSignOffRow.__table__


def signoffs(session: Session, call_id: int) -> list[CallSignOff]:
    """Every sign-off of a call, oldest first (of any transcript version)."""
    return [CallSignOff(r.call_id, r.transcript_id, r.signed_by, r.signed_at)
            for r in session.execute(select(SIGNOFFS).where(SIGNOFFS.c.call_id == call_id).order_by(SIGNOFFS.c.id))]


def sign(session: Session, call_id: int, transcript_id: int, actor: str, status: str) -> None:
    """Record ``actor``'s sign-off of ``transcript_id`` and set the call's status to ``status`` (audited)."""
    row = calls.call_row(session, call_id)
    current = transcripts.current(session, row.id)
    if current is None or current.id != transcript_id:
        raise ConflictError(f"call {row.id}'s transcript changed meanwhile; reload it and sign off again")
    if session.execute(select(SIGNOFFS.c.id).where(SIGNOFFS.c.transcript_id == transcript_id,
                                                   SIGNOFFS.c.signed_by == actor)).first():
        raise ConflictError(f"{actor} already signed off this version of call {row.id}; a second reviewer must")
    session.execute(insert(SIGNOFFS).values(call_id=row.id, transcript_id=transcript_id, signed_by=actor,
                                            signed_at=utcnow()))
    audit.append(session, actor=actor, action="call.sign_off", object_type="call", object_id=row.id,
                 call_id=row.id, details={"transcript_id": transcript_id, "status": status})
    if row.review_status != status:
        calls.set_review_status(session, row, status, actor)
