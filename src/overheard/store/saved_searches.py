"""Saved searches: a user's named queries with their filters, visible to that user only, audited.

The audit entry names the saved search by id and owner; the query and the name are personal work
(a query may hold a person's name), so the log keeps only their digests (``before``/``after``).
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from overheard.errors import NotFoundError
from overheard.model import SavedSearch
from overheard.store import audit
from overheard.store.rows import utcnow
from overheard.store.schema import SavedSearchRow


def _saved(row: SavedSearchRow) -> SavedSearch:
    return SavedSearch(id=row.id, owner=row.owner, name=row.name, query=row.query,
                       filters=dict(row.filters or {}), created_at=row.created_at)


def save(session: Session, owner: str, name: str, query: str, filters: Mapping[str, str]) -> SavedSearch:
    """Save (or, under a name the owner already used, replace) a search; one audit entry."""
    row = session.execute(select(SavedSearchRow).where(SavedSearchRow.owner == owner,
                                                       SavedSearchRow.name == name)).scalar_one_or_none()
    before = None
    if row is None:
        row = SavedSearchRow(owner=owner, name=name, query=query, filters=dict(filters), created_at=utcnow())
        session.add(row)
    else:
        before = {"name": row.name, "query": row.query, "filters": row.filters}
        row.query, row.filters, row.created_at = query, dict(filters), utcnow()
    session.flush()
    audit.append(session, actor=owner, action="search.save", object_type="saved_search", object_id=row.id,
                 before=before, after={"name": name, "query": query, "filters": dict(filters)},
                 details={"replaced": before is not None, "filters": sorted(filters)})
    return _saved(row)


def of_owner(session: Session, owner: str) -> list[SavedSearch]:
    """The owner's saved searches, newest first."""
    rows = session.execute(select(SavedSearchRow).where(SavedSearchRow.owner == owner)
                           .order_by(SavedSearchRow.created_at.desc(), SavedSearchRow.id.desc())).scalars()
    return [_saved(row) for row in rows]


def _row(session: Session, search_id: int, owner: str) -> SavedSearchRow:
    row = session.get(SavedSearchRow, search_id)
    if row is None or row.owner != owner:  # another user's search is as good as missing
        raise NotFoundError(f"no saved search {search_id}")
    return row


def get(session: Session, search_id: int, owner: str) -> SavedSearch:
    """One of the owner's saved searches; NotFoundError otherwise."""
    return _saved(_row(session, search_id, owner))


def delete(session: Session, search_id: int, owner: str) -> None:
    """Delete one of the owner's saved searches, with an audit entry."""
    row = _row(session, search_id, owner)
    before = {"name": row.name, "query": row.query, "filters": row.filters}
    session.delete(row)
    audit.append(session, actor=owner, action="search.delete", object_type="saved_search", object_id=search_id,
                 before=before, details={})
