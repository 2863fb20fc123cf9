"""Speaker links: a person speaking in a call (one of its speakers, a channel or speaker label, linked to a person).

A link is made and undone by a person (audited with ids only: the speaker key may be a name). Unlinking keeps the
row with who and when, so the person page shows the history; a call's speaker is linked to at most one person at
a time. Links follow merges: a merged-away candidate's links belong to the survivor (and come back on undo).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from overheard.errors import ConflictError, NotFoundError
from overheard.model import SpeakerLink
from overheard.store import audit
from overheard.store.people import CANDIDATES
from overheard.store.rows import utcnow
from overheard.store.schema import PersonSpeakerRow

LINKS = PersonSpeakerRow.__table__


def live_owners(session: Session) -> dict[int, int]:
    """Each merged-away candidate -> the live candidate it ended in (following ``merged_into``)."""
    merged = {row.id: row.merged_into for row in session.execute(
        select(CANDIDATES.c.id, CANDIDATES.c.merged_into).where(CANDIDATES.c.merged_into.is_not(None)))}
    out = {}
    for start in merged:
        seen, current = {start}, merged[start]
        while current in merged and merged[current] not in seen:
            seen.add(current)
            current = merged[current]
        out[start] = current
    return out


def _link(row, owners: dict[int, int]) -> SpeakerLink:
    return SpeakerLink(row.id, owners.get(row.candidate_id, row.candidate_id), row.candidate_id, row.call_id,
                       row.speaker, row.status, row.linked_by, row.linked_at, row.unlinked_by, row.unlinked_at)


def links(session: Session, *, person_ids: Sequence[int] | None = None, call_id: int | None = None,
          history: bool = False) -> list[SpeakerLink]:
    """Speaker links (of these live persons, of one call, or all), current ones only unless ``history``."""
    query = select(LINKS).order_by(LINKS.c.id)
    if call_id is not None:
        query = query.where(LINKS.c.call_id == call_id)
    if not history:
        query = query.where(LINKS.c.status == "linked")
    owners = live_owners(session)
    if person_ids is not None:  # their own links and those of the candidates merged into them
        wanted = set(person_ids)
        query = query.where(LINKS.c.candidate_id.in_(sorted(wanted | {c for c, o in owners.items() if o in wanted})))
    found = [_link(row, owners) for row in session.execute(query)]
    return found if person_ids is None else [link for link in found if link.person_id in set(person_ids)]


def link(session: Session, candidate_id: int, call_id: int, speaker: str, actor: str) -> SpeakerLink:
    """Link a call's speaker to a live person (audited); refused if the speaker is linked already."""
    row = session.execute(select(CANDIDATES.c.id, CANDIDATES.c.merged_into)
                          .where(CANDIDATES.c.id == candidate_id)).first()
    if row is None or row.merged_into is not None:
        raise NotFoundError(f"no person {candidate_id} (merged into another, or never found): see /people")
    current = session.execute(select(LINKS.c.id, LINKS.c.candidate_id).where(
        LINKS.c.call_id == call_id, LINKS.c.speaker == speaker, LINKS.c.status == "linked")).first()
    if current is not None:
        raise ConflictError(f"this speaker is linked to a person already (link {current.id}); unlink it first")
    now = utcnow()
    link_id = session.execute(insert(LINKS).values(
        candidate_id=candidate_id, call_id=call_id, speaker=speaker, status="linked", linked_by=actor,
        linked_at=now)).inserted_primary_key[0]
    audit.append(session, actor=actor, action="people.speaker_link", object_type="person_candidate",
                 object_id=candidate_id, after={"link": link_id},
                 details={"link": link_id, "call": call_id, "person": candidate_id})
    return _link(session.execute(select(LINKS).where(LINKS.c.id == link_id)).one(), live_owners(session))


def unlink(session: Session, link_id: int, actor: str) -> SpeakerLink:
    """Undo a speaker link (the row stays, marked unlinked by ``actor``; audited)."""
    row = session.execute(select(LINKS).where(LINKS.c.id == link_id)).first()
    if row is None:
        raise NotFoundError(f"no speaker link {link_id}: see the person page")
    if row.status != "linked":
        raise ConflictError(f"speaker link {link_id} was unlinked already by {row.unlinked_by}; reload")
    session.execute(update(LINKS).where(LINKS.c.id == link_id).values(status="unlinked", unlinked_by=actor,
                                                                        unlinked_at=utcnow()))
    audit.append(session, actor=actor, action="people.speaker_unlink", object_type="person_candidate",
                 object_id=row.candidate_id, before={"link": link_id},
                 details={"link": link_id, "call": row.call_id, "person": row.candidate_id})
    return _link(session.execute(select(LINKS).where(LINKS.c.id == link_id)).one(), live_owners(session))
