"""The hash-chained chain-of-custody log.

Each entry's hash covers its content and the previous entry's hash, so a changed,
inserted or deleted row breaks the chain. A single ``audit_head`` row records
the chain's length and last hash; appends update it in the same transaction,
which serialises concurrent writers on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from overheard.model import AuditEntry, AuditProblem, StoreChanges
from overheard.store.schema import AuditHeadRow, AuditRow

GENESIS = "0" * 64


def default_actor() -> str:
    """The acting user: ``OVERHEARD_ACTOR`` or the OS user name."""
    actor = os.environ.get("OVERHEARD_ACTOR")
    if actor:
        return actor
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        return f"uid-{os.getuid()}"


def digest_of(value: Any) -> str | None:
    """sha256 of a value's canonical JSON (None stays None): how before/after states are recorded."""
    if value is None:
        return None
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    return hashlib.sha256(canonical_json(value).encode()).hexdigest()


def canonical_json(value: Any) -> str:
    """Deterministic JSON: sorted keys, no whitespace, non-ASCII kept."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def _entry_hash(row: AuditRow) -> str:
    content = canonical_json(
        {
            "id": row.id,
            "at": row.at,
            "actor": row.actor,
            "action": row.action,
            "object_type": row.object_type,
            "object_id": row.object_id,
            "call_id": row.call_id,
            "before": row.before_digest,
            "after": row.after_digest,
            "details": row.details,
            "prev": row.prev_hash,
        }
    )
    return hashlib.sha256(content.encode()).hexdigest()


def append(
    session: Session,
    *,
    actor: str,
    action: str,
    object_type: str,
    object_id: str | int,
    call_id: int | None = None,
    before: Any = None,
    after: Any = None,
    details: dict[str, Any] | None = None,
) -> AuditRow:
    """Append one entry inside the caller's transaction and return it."""
    head = session.execute(select(AuditHeadRow).where(AuditHeadRow.id == 1).with_for_update()).scalar_one_or_none()
    if head is None:
        head = AuditHeadRow(id=1, count=0, last_hash=GENESIS)
        session.add(head)
    row = AuditRow(
        id=head.count + 1,
        at=datetime.now(UTC).isoformat(timespec="microseconds"),
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        call_id=call_id,
        before_digest=digest_of(before),
        after_digest=digest_of(after),
        details=canonical_json(details or {}),
        prev_hash=head.last_hash,
    )
    row.hash = _entry_hash(row)
    session.add(row)
    head.count += 1
    head.last_hash = row.hash
    session.flush()
    return row


def verify(session: Session) -> list[AuditProblem]:
    """Walk the whole chain; return every problem found (empty when intact)."""
    problems: list[AuditProblem] = []
    previous_hash, expected_id = GENESIS, 1
    for row in session.execute(select(AuditRow).order_by(AuditRow.id)).scalars():
        if row.id != expected_id:
            problems.append(AuditProblem(expected_id, f"entries {expected_id}..{row.id - 1} are missing"))
        if row.prev_hash != previous_hash:
            problems.append(AuditProblem(row.id, "does not link to the entry before it"))
        if _entry_hash(row) != row.hash:
            problems.append(AuditProblem(row.id, "content was changed after it was written"))
        previous_hash, expected_id = row.hash, row.id + 1
    head = session.get(AuditHeadRow, 1)
    count = expected_id - 1
    if head is not None and (head.count != count or head.last_hash != previous_hash):
        problems.append(
            AuditProblem(None, f"the log ends at entry {count} but {head.count} were written: entries removed")
        )
    return problems


def entry(row: AuditRow) -> AuditEntry:
    """An audit row as a core type."""
    return AuditEntry(id=row.id, at=row.at, actor=row.actor, action=row.action, object_type=row.object_type,
                      object_id=row.object_id, call_id=row.call_id, before_digest=row.before_digest,
                      after_digest=row.after_digest, details=row.details, prev_hash=row.prev_hash, hash=row.hash)


def entries(session: Session, call_id: int | None = None) -> list[AuditEntry]:
    """Audit entries of one call (or all), in order."""
    query = select(AuditRow).order_by(AuditRow.id)
    if call_id is not None:
        query = query.where(AuditRow.call_id == call_id)
    return [entry(row) for row in session.execute(query).scalars()]


def change_count(session: Session) -> int:
    """How many entries the chain holds: every write appends one, so it tells whether anything changed."""
    return session.execute(select(AuditHeadRow.count)).scalar() or 0


def changes_since(session: Session, since: int) -> StoreChanges:
    """The calls and call-less actions of the entries after position ``since`` (entry ids are positions)."""
    version = change_count(session)
    if since > version:
        return StoreChanges(since=since, version=version, calls=frozenset(), actions=frozenset(), rewound=True)
    calls: set[int] = set()
    actions: set[str] = set()
    for call_id, action in session.execute(select(AuditRow.call_id, AuditRow.action)
                                           .where(AuditRow.id > since, AuditRow.id <= version)):
        if call_id is None:
            actions.add(action)
        else:
            calls.add(call_id)
    return StoreChanges(since=since, version=version, calls=frozenset(calls), actions=frozenset(actions))
