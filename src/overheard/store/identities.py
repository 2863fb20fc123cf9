"""Identity claims about people, their evidence items and attachments, and each claim's chain of transitions.

The store keeps and returns them; the rules (which status a claim reaches, who may sign it off) are
:mod:`overheard.review.identities`'. Every write bumps the claim's ``revision`` and names the revision
it was based on, so two editors deciding at once cannot both win; every transition is a
``claim_events`` row and an audit entry (ids, kinds and statuses only: never a value, source or note).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from overheard.errors import ConflictError, NotFoundError
from overheard.model import Attachment, Claim, ClaimEvent, Evidence
from overheard.store import audit
from overheard.store.people import CANDIDATES
from overheard.store.rows import utcnow
from overheard.store.schema import ClaimEventRow, ClaimEvidenceRow, EvidenceAttachmentRow, PersonClaimRow

CLAIMS = PersonClaimRow.__table__
EVIDENCE = ClaimEvidenceRow.__table__
ATTACHMENTS = EvidenceAttachmentRow.__table__
EVENTS = ClaimEventRow.__table__


def _attachment(row) -> Attachment:
    return Attachment(row.id, row.evidence_id, row.sha256, row.size, row.name, row.vault_path, row.added_by,
                      row.added_at)


def claims(session: Session, candidate_ids: Sequence[int] | None = None,
           claim_ids: Sequence[int] | None = None) -> list[Claim]:
    """Claims (of these candidates, or these ids, or all) with their evidence, attachments and events."""
    query = select(CLAIMS).order_by(CLAIMS.c.id)
    if candidate_ids is not None:
        query = query.where(CLAIMS.c.candidate_id.in_(list(candidate_ids)))
    if claim_ids is not None:
        query = query.where(CLAIMS.c.id.in_(list(claim_ids)))
    rows = session.execute(query).all()
    ids = [r.id for r in rows]
    evidence_rows = session.execute(select(EVIDENCE).where(EVIDENCE.c.claim_id.in_(ids))
                                    .order_by(EVIDENCE.c.id)).all()
    attached: dict[int, list[Attachment]] = defaultdict(list)
    for row in session.execute(select(ATTACHMENTS).where(ATTACHMENTS.c.evidence_id.in_([e.id for e in evidence_rows]))
                               .order_by(ATTACHMENTS.c.id)):
        attached[row.evidence_id].append(_attachment(row))
    evidence: dict[int, list[Evidence]] = defaultdict(list)
    for e in evidence_rows:
        evidence[e.claim_id].append(Evidence(e.id, e.claim_id, e.kind, e.source, e.observed_on, e.note,
                                             e.recorded_by, e.recorded_at, tuple(attached.get(e.id, ()))))
    events: dict[int, list[ClaimEvent]] = defaultdict(list)
    for e in session.execute(select(EVENTS).where(EVENTS.c.claim_id.in_(ids)).order_by(EVENTS.c.id)):
        events[e.claim_id].append(ClaimEvent(e.id, e.claim_id, e.action, e.from_status, e.to_status, e.actor, e.at,
                                             e.note))
    return [Claim(r.id, r.candidate_id, r.kind, r.value, r.status, r.created_by, r.created_at, r.revision,
                  tuple(evidence.get(r.id, ())), tuple(events.get(r.id, ()))) for r in rows]


def claim(session: Session, claim_id: int) -> Claim:
    """One claim; raise NotFoundError."""
    found = claims(session, claim_ids=[claim_id])
    if not found:
        raise NotFoundError(f"no claim {claim_id}: see 'overheard people show PERSON'")
    return found[0]


def status_counts(session: Session) -> dict[int, dict[str, int]]:
    """Per candidate, how many claims are in each status."""
    out: dict[int, dict[str, int]] = defaultdict(dict)
    for row in session.execute(select(CLAIMS.c.candidate_id, CLAIMS.c.status, func.count())
                               .group_by(CLAIMS.c.candidate_id, CLAIMS.c.status)):
        out[row[0]][row[1]] = row[2]
    return dict(out)


def attachments(session: Session) -> list[Attachment]:
    """Every evidence attachment (for vault verification)."""
    return [_attachment(r) for r in session.execute(select(ATTACHMENTS).order_by(ATTACHMENTS.c.id))]


def _event(session: Session, claim_id: int, action: str, before: str | None, after: str, actor: str,
           note: str | None, now) -> None:
    session.execute(insert(EVENTS).values(claim_id=claim_id, action=action, from_status=before, to_status=after,
                                          actor=actor, at=now, note=note))


def add_claim(session: Session, candidate_id: int, kind: str, value: str, actor: str) -> int:
    """A new unverified claim about a live candidate (audited); returns its id."""
    row = session.execute(select(CANDIDATES.c.id, CANDIDATES.c.merged_into)
                          .where(CANDIDATES.c.id == candidate_id)).first()
    if row is None:
        raise NotFoundError(f"no person with id {candidate_id}: list them with 'overheard people list'")
    if row.merged_into is not None:
        raise ConflictError(f"person {candidate_id} was merged into {row.merged_into}; add the claim there")
    now = utcnow()
    claim_id = session.execute(insert(CLAIMS).values(
        candidate_id=candidate_id, kind=kind, value=value, status="unverified", created_by=actor, created_at=now,
        updated_at=now, revision=0)).inserted_primary_key[0]
    _event(session, claim_id, "created", None, "unverified", actor, None, now)
    audit.append(session, actor=actor, action="claim.create", object_type="person_claim", object_id=claim_id,
                 details={"person": candidate_id, "kind": kind})
    return claim_id


def _locked(session: Session, claim_id: int, expected_revision: int | None):
    row = session.execute(select(CLAIMS).where(CLAIMS.c.id == claim_id)).first()
    if row is None:
        raise NotFoundError(f"no claim {claim_id}: see 'overheard people show PERSON'")
    if expected_revision is not None and row.revision != expected_revision:
        last = session.execute(select(EVENTS).where(EVENTS.c.claim_id == claim_id)
                               .order_by(EVENTS.c.id.desc())).first()
        who = f"{last.action} by {last.actor} at {last.at:%H:%M} UTC" if last else "changed"
        raise ConflictError(f"claim {claim_id} changed meanwhile ({who}); reload and decide again")
    return row


def add_evidence(session: Session, claim_id: int, *, kind: str, source: str, observed_on: str | None,
                 note: str | None, actor: str, files: Sequence[tuple[str, int, str, str]], new_status: str,
                 expected_revision: int) -> int:
    """Record an evidence item with its attachments (sha256, size, name, vault path) and the claim's new status."""
    row = _locked(session, claim_id, expected_revision)
    now = utcnow()
    evidence_id = session.execute(insert(EVIDENCE).values(
        claim_id=claim_id, kind=kind, source=source, observed_on=observed_on, note=note, recorded_by=actor,
        recorded_at=now)).inserted_primary_key[0]
    for sha256, size, name, vault_path in files:
        session.execute(insert(ATTACHMENTS).values(evidence_id=evidence_id, sha256=sha256, size=size, name=name,
                                                   vault_path=vault_path, added_by=actor, added_at=now))
        audit.append(session, actor=actor, action="evidence.attach", object_type="claim_evidence",
                     object_id=evidence_id, after={"sha256": sha256},
                     details={"claim": claim_id, "sha256": sha256, "size": size, "vault_path": vault_path})
    session.execute(update(CLAIMS).where(CLAIMS.c.id == claim_id).values(
        status=new_status, updated_at=now, revision=row.revision + 1))
    _event(session, claim_id, "evidence", row.status, new_status, actor, None, now)
    audit.append(session, actor=actor, action="claim.evidence", object_type="person_claim", object_id=claim_id,
                 before=row.status, after=new_status,
                 details={"evidence": evidence_id, "kind": kind, "from": row.status, "to": new_status,
                          "attachments": len(files)})
    return evidence_id


def transition(session: Session, claim_id: int, *, action: str, to_status: str, actor: str, note: str | None,
               expected_revision: int) -> int:
    """Move a claim to ``to_status`` (sign-off, dispute, retract, reopen; audited); returns the new revision."""
    row = _locked(session, claim_id, expected_revision)
    now = utcnow()
    session.execute(update(CLAIMS).where(CLAIMS.c.id == claim_id).values(
        status=to_status, updated_at=now, revision=row.revision + 1))
    _event(session, claim_id, action, row.status, to_status, actor, note, now)
    audit.append(session, actor=actor, action=f"claim.{action}", object_type="person_claim", object_id=claim_id,
                 before=row.status, after=to_status, details={"from": row.status, "to": to_status})
    return row.revision + 1
