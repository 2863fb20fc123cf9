"""Speaker labels: a person's name for each speaker of a call (a channel or a cluster label), audited.

The label is kept beside the transcripts (their ``speaker`` keys are never rewritten). Whether a
personal-data detector checked the label, and found a name in it, is kept with it, so the web can
show viewers only labels known to hold none. The custody entry records the label under ``name``,
which custody hides from roles that may not see names.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from overheard.model import SpeakerLabel
from overheard.store import audit
from overheard.store.rows import utcnow
from overheard.store.schema import SpeakerLabelRow


def set_label(session: Session, call_id: int, speaker: str, label: str, personal: bool | None, actor: str) -> None:
    """Name ``speaker`` of the call ``label`` (an empty label removes the name), audited."""
    row = session.execute(
        select(SpeakerLabelRow).where(SpeakerLabelRow.call_id == call_id, SpeakerLabelRow.speaker == speaker)
    ).scalar_one_or_none()
    before = {"name": row.label} if row else None
    if not label:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(SpeakerLabelRow(call_id=call_id, speaker=speaker, label=label, personal=personal,
                                    updated_at=utcnow(), actor=actor))
    else:
        row.label, row.personal, row.updated_at, row.actor = label, personal, utcnow(), actor
    session.flush()
    audit.append(session, actor=actor, action="speaker.rename", object_type="call", object_id=call_id,
                 call_id=call_id, before=before, after={"name": label} if label else None,
                 details={"speaker": speaker, "name": label, "checked": personal is not None})


def labels(session: Session, call_id: int) -> list[SpeakerLabel]:
    """The call's speaker labels, by speaker key."""
    rows = session.execute(
        select(SpeakerLabelRow).where(SpeakerLabelRow.call_id == call_id).order_by(SpeakerLabelRow.speaker)
    ).scalars()
    return [SpeakerLabel(r.call_id, r.speaker, r.label, r.personal, r.updated_at, r.actor) for r in rows]
