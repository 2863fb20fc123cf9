"""Tags, stars and notes on calls, findings and quotes: the rows, the filters over them, and the audit entries.

Tags are shared labels; a star belongs to one user; notes are shared free text. Each write is one audit entry
on the object's call whose ``details`` name the object and whose ``before``/``after`` hold only digests: a tag
may be a word someone chose and a note may hold a name, so neither is written to the log in clear. Values
arrive validated (:mod:`overheard.review.marks`); this module checks that the object exists.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from overheard.errors import MarkError, NotFoundError
from overheard.model import MARKABLE, Marks, Note
from overheard.store import audit
from overheard.store.rows import utcnow
from overheard.store.schema import CallRow, FindingRow, NoteRow, QuoteRow, StarRow, TagRow, get_by_id

_TABLES = {"call": CallRow, "finding": FindingRow, "quote": QuoteRow}


def call_of(session: Session, object_type: str, object_id: int) -> int:
    """The call an object belongs to (itself for a call); NotFoundError when there is no such object."""
    if object_type not in MARKABLE:
        raise MarkError(f"only {', '.join(MARKABLE)} take tags, stars and notes")
    row = get_by_id(session, _TABLES[object_type], object_id)
    if row is None:
        raise NotFoundError(f"no {object_type} {object_id}")
    return row.id if object_type == "call" else row.call_id


def _audit(session: Session, actor: str, action: str, object_type: str, object_id: int, call_id: int,
           **states) -> None:
    audit.append(session, actor=actor, action=action, object_type=object_type, object_id=object_id,
                 call_id=call_id, details={"object_type": object_type, "object_id": object_id}, **states)


def _tag_row(session: Session, object_type: str, object_id: int, tag: str) -> TagRow | None:
    return session.execute(select(TagRow).where(TagRow.object_type == object_type, TagRow.object_id == object_id,
                                                TagRow.tag == tag)).scalar_one_or_none()


def add_tag(session: Session, object_type: str, object_id: int, tag: str, actor: str) -> bool:
    """Tag an object; False (and no audit entry) when it already had the tag."""
    call_id = call_of(session, object_type, object_id)
    if _tag_row(session, object_type, object_id, tag) is not None:
        return False
    session.add(TagRow(object_type=object_type, object_id=object_id, call_id=call_id, tag=tag, created_by=actor,
                       created_at=utcnow()))
    _audit(session, actor, "tag.add", object_type, object_id, call_id, after={"tag": tag})
    return True


def remove_tag(session: Session, object_type: str, object_id: int, tag: str, actor: str) -> bool:
    """Take a tag off an object; False (and no audit entry) when it did not have it."""
    call_id = call_of(session, object_type, object_id)
    row = _tag_row(session, object_type, object_id, tag)
    if row is None:
        return False
    session.delete(row)
    _audit(session, actor, "tag.remove", object_type, object_id, call_id, before={"tag": tag})
    return True


def set_star(session: Session, object_type: str, object_id: int, owner: str, starred: bool) -> bool:
    """Star or unstar an object for ``owner``; True when that changed something (then audited)."""
    call_id = call_of(session, object_type, object_id)
    row = session.execute(select(StarRow).where(StarRow.object_type == object_type, StarRow.object_id == object_id,
                                                StarRow.owner == owner)).scalar_one_or_none()
    if (row is not None) == starred:
        return False
    if starred:
        session.add(StarRow(object_type=object_type, object_id=object_id, call_id=call_id, owner=owner,
                            created_at=utcnow()))
    else:
        session.delete(row)
    _audit(session, owner, "star.add" if starred else "star.remove", object_type, object_id, call_id)
    return True


def _note(row: NoteRow) -> Note:
    return Note(id=row.id, object_type=row.object_type, object_id=row.object_id, body=row.body,
                created_by=row.created_by, created_at=row.created_at)


def add_note(session: Session, object_type: str, object_id: int, body: str, actor: str) -> Note:
    """Add a note to an object (audited by digest: the words stay out of the log)."""
    call_id = call_of(session, object_type, object_id)
    row = NoteRow(object_type=object_type, object_id=object_id, call_id=call_id, body=body, created_by=actor,
                  created_at=utcnow())
    session.add(row)
    session.flush()
    _audit(session, actor, "note.add", object_type, object_id, call_id, after={"note": row.id, "body": body})
    return _note(row)


def delete_note(session: Session, note_id: int, actor: str) -> Note:
    """Delete a note, words and all (audited by digest); NotFoundError when there is none."""
    row = get_by_id(session, NoteRow, note_id)
    if row is None:
        raise NotFoundError(f"no note {note_id}")
    note = _note(row)
    session.delete(row)
    _audit(session, actor, "note.delete", row.object_type, row.object_id, row.call_id,
           before={"note": row.id, "body": row.body})
    return note


def marks_of(session: Session, object_type: str, ids: Sequence[int], user: str | None, *,
             notes: bool) -> dict[int, Marks]:
    """Per object id, its tags, whether ``user`` starred it and (with ``notes``) its notes; unmarked ids too."""
    ids = sorted(set(ids))
    if object_type not in MARKABLE:
        raise MarkError(f"only {', '.join(MARKABLE)} take tags, stars and notes")
    tags: dict[int, list[str]] = {i: [] for i in ids}
    starred: set[int] = set()
    noted: dict[int, list[Note]] = {i: [] for i in ids}
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        for object_id, tag in session.execute(select(TagRow.object_id, TagRow.tag).where(
                TagRow.object_type == object_type, TagRow.object_id.in_(chunk))):
            tags[object_id].append(tag)
        if user:
            starred |= set(session.execute(select(StarRow.object_id).where(
                StarRow.object_type == object_type, StarRow.owner == user, StarRow.object_id.in_(chunk))).scalars())
        if notes:
            for row in session.execute(select(NoteRow).where(NoteRow.object_type == object_type,
                                                             NoteRow.object_id.in_(chunk))
                                       .order_by(NoteRow.created_at, NoteRow.id)).scalars():
                noted[row.object_id].append(_note(row))
    return {i: Marks(object_type, i, tuple(sorted(tags[i])), i in starred, tuple(noted[i])) for i in ids}


def tags_in_use(session: Session, object_type: str | None = None) -> list[tuple[str, int]]:
    """Every tag with how many objects (of ``object_type``, or all) carry it, most used first."""
    query = select(TagRow.tag, func.count(TagRow.id)).group_by(TagRow.tag)
    if object_type:
        query = query.where(TagRow.object_type == object_type)
    return [(tag, n) for tag, n in session.execute(query.order_by(func.count(TagRow.id).desc(), TagRow.tag))]


def marked(object_type: str, id_column, *, tag: str | None = None, starred: str | None = None) -> list:
    """WHERE conditions: ``id_column`` (an id of ``object_type``) carries ``tag`` / is starred by ``starred``."""
    conditions = []
    if tag:
        conditions.append(exists(select(TagRow.id).where(TagRow.object_type == object_type,
                                                         TagRow.object_id == id_column, TagRow.tag == tag)))
    if starred:
        conditions.append(exists(select(StarRow.id).where(StarRow.object_type == object_type,
                                                          StarRow.object_id == id_column, StarRow.owner == starred)))
    return conditions



def marked_ids(session: Session, object_type: str, *, tag: str | None = None, starred: str | None = None) -> list[int]:
    """Ids of the ``object_type`` objects carrying ``tag`` and/or starred by ``starred``, in id order."""
    if object_type not in MARKABLE:
        raise MarkError(f"only {', '.join(MARKABLE)} take tags, stars and notes")
    table = _TABLES[object_type]
    conditions = [c.correlate(table) for c in marked(object_type, table.id, tag=tag, starred=starred)]
    return list(session.execute(select(table.id).where(*conditions).order_by(table.id)).scalars())
