"""Merge and split decisions on person candidates: applied, undone, or a proposal rejected.

A merge moves every key of the source candidates to the target; the sources stay as emptied rows
that point at the target (``merged_into``) and keep their pseudonyms, retired: the survivor keeps its
own, the others are recorded and never given to anyone else. A split gives keys a new candidate with
a new pseudonym. Each decision records the keys it moved, so undoing it moves them back (a merged
candidate gets its own pseudonym back). Audit entries carry ids, never names or keys.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from overheard.errors import ConflictError, NotFoundError
from overheard.model import PersonDecision
from overheard.store import audit
from overheard.store.people import CANDIDATES, KEYS, MENTIONS, PSEUDONYMS, PersonNamer, new_candidate, scope_key
from overheard.store.rows import utcnow
from overheard.store.schema import PersonDecisionRow

DECISIONS = PersonDecisionRow.__table__


def decision(row) -> PersonDecision:
    """A person_decisions row as a core type."""
    return PersonDecision(row.id, row.kind, row.status, row.target_id, tuple(row.candidates or ()),
                          tuple(tuple(m) for m in row.moves or ()), row.reason, row.signature,
                          tuple(row.evidence or ()), row.decided_by, row.decided_at, row.undone_by, row.undone_at)


def decisions(session: Session, candidate_id: int | None = None) -> list[PersonDecision]:
    """Every decision (or those involving ``candidate_id``), oldest first."""
    rows = session.execute(select(DECISIONS).order_by(DECISIONS.c.id)).all()
    return [decision(r) for r in rows if candidate_id is None or candidate_id in (r.candidates or ())]


def decided_signatures(session: Session) -> set[str]:
    """Signatures of proposals a person already decided (accepted, rejected or undone)."""
    return set(session.execute(select(DECISIONS.c.signature).where(DECISIONS.c.signature.is_not(None))).scalars())


def _live(session: Session, ids: Sequence[int]) -> None:
    found = {row.id: row for row in session.execute(select(CANDIDATES).where(CANDIDATES.c.id.in_(list(ids))))}
    for candidate_id in ids:
        row = found.get(candidate_id)
        if row is None:
            raise NotFoundError(f"no person with id {candidate_id}: list them with 'overheard people list'")
        if row.merged_into is not None:
            raise ConflictError(f"person {candidate_id} was merged into {row.merged_into}; decide on that one")


def _record(session: Session, kind: str, target_id: int, candidates: Sequence[int], moves: list, actor: str,
            reason: str, signature: str | None, evidence: Sequence[Mapping[str, Any]] | None, status: str) -> int:
    result = session.execute(insert(DECISIONS).values(
        kind=kind, status=status, target_id=target_id, candidates=list(candidates), moves=moves, reason=reason,
        signature=signature, evidence=[dict(e) for e in evidence or ()], decided_by=actor, decided_at=utcnow()))
    return result.inserted_primary_key[0]


def merge(session: Session, target_id: int, source_ids: Sequence[int], actor: str, *, reason: str = "manual",
          signature: str | None = None, evidence: Sequence[Mapping[str, Any]] | None = None) -> int:
    """Move every key of ``source_ids`` to ``target_id`` (kept across syncs, audited); returns the decision id."""
    sources = [s for s in dict.fromkeys(source_ids) if s != target_id]
    if not sources:
        raise ConflictError("a merge needs another person than the one kept")
    _live(session, [target_id, *sources])
    now = utcnow()
    moves = [[row.key, row.candidate_id, target_id]
             for row in session.execute(select(KEYS).where(KEYS.c.candidate_id.in_(sources)).order_by(KEYS.c.key))]
    session.execute(update(KEYS).where(KEYS.c.candidate_id.in_([target_id, *sources])).values(
        candidate_id=target_id, decided_by=actor, decided_at=now))
    session.execute(update(CANDIDATES).where(CANDIDATES.c.id.in_(sources)).values(merged_into=target_id,
                                                                                  updated_at=now))
    session.execute(update(CANDIDATES).where(CANDIDATES.c.id == target_id).values(updated_at=now))
    for source in sources:
        pseudonym = session.execute(select(CANDIDATES.c.pseudonym).where(CANDIDATES.c.id == source)).scalar_one()
        session.execute(insert(PSEUDONYMS).values(candidate_id=source, pseudonym=pseudonym, previous=pseudonym,
                                                  reason="merged", at=now, actor=actor))
    decision_id = _record(session, "merge", target_id, [target_id, *sources], moves, actor, reason, signature,
                          evidence, "applied")
    audit.append(session, actor=actor, action="people.merge", object_type="person_candidate", object_id=target_id,
                 before={"candidates": [target_id, *sources]}, after={"candidate": target_id},
                 details={"decision": decision_id, "reason": reason, "keys_moved": len(moves)})
    return decision_id


def split(session: Session, candidate_id: int, keys: Sequence[str], namer: PersonNamer, language: str, actor: str,
          *, reason: str = "manual", signature: str | None = None,
          evidence: Sequence[Mapping[str, Any]] | None = None) -> tuple[int, int]:
    """Give ``keys`` of a candidate a new candidate (raw mentions stay; audited); returns (new id, decision id)."""
    _live(session, [candidate_id])
    owned = set(session.execute(select(KEYS.c.key).where(KEYS.c.candidate_id == candidate_id)).scalars())
    if not keys or not set(keys) <= owned:
        raise NotFoundError(f"person {candidate_id} has no such key: see 'overheard people show {candidate_id}'")
    if set(keys) == owned:
        raise ConflictError("a split must leave the person at least one key")
    new_id = new_candidate(session, sorted(keys)[0], namer, language, actor, reason="split")
    session.execute(update(KEYS).where(KEYS.c.key.in_(list(keys))).values(
        candidate_id=new_id, decided_by=actor, decided_at=utcnow()))
    moves = [[key, candidate_id, new_id] for key in sorted(keys)]
    decision_id = _record(session, "split", candidate_id, [candidate_id, new_id], moves, actor, reason, signature,
                          evidence, "applied")
    audit.append(session, actor=actor, action="people.split", object_type="person_candidate", object_id=candidate_id,
                 after={"new_candidate": new_id}, details={"decision": decision_id, "keys_moved": len(moves)})
    return new_id, decision_id


def split_calls(session: Session, candidate_id: int, call_ids: Sequence[int], namer: PersonNamer, language: str,
                actor: str, *, reason: str = "per_call", signature: str | None = None,
                evidence: Sequence[Mapping[str, Any]] | None = None) -> tuple[int, int]:
    """Give a person's mentions in ``call_ids`` a new person: a name said in these and other calls is split per
    call (its mentions here get a key of their own, kept across syncs). Returns (new id, decision id)."""
    _live(session, [candidate_id])
    wanted = set(call_ids)
    owned = list(session.execute(select(KEYS.c.key).where(KEYS.c.candidate_id == candidate_id)).scalars())
    calls_of: dict[str, set[int]] = {}
    for row in session.execute(select(MENTIONS.c.key, MENTIONS.c.call_id).where(MENTIONS.c.key.in_(owned))):
        calls_of.setdefault(row.key, set()).add(row.call_id)
    moving = []
    for key in sorted(calls_of):
        here = calls_of[key] & wanted
        if not here:
            continue
        if calls_of[key] <= wanted:
            moving.append(key)
        else:
            moving += [scope_key(session, key, call_id, candidate_id, actor) for call_id in sorted(here)]
    if not moving:
        raise NotFoundError(f"person {candidate_id} is not mentioned in these calls: see its page")
    if all(calls_of[k] <= wanted for k in calls_of):
        raise ConflictError("a split must leave the person mentions in at least one other call")
    return split(session, candidate_id, moving, namer, language, actor, reason=reason, signature=signature,
                 evidence=evidence)


def reject(session: Session, kind: str, candidates: Sequence[int], signature: str, actor: str, reason: str,
           evidence: Sequence[Mapping[str, Any]] | None = None) -> int:
    """Record that a person rejected a proposal (it is not proposed again); returns the decision id."""
    if signature in decided_signatures(session):
        raise ConflictError("this proposal was already decided; reload the person page")
    _live(session, candidates)
    decision_id = _record(session, kind, candidates[0], candidates, [], actor, reason, signature, evidence,
                          "rejected")
    audit.append(session, actor=actor, action=f"people.{kind}_rejected", object_type="person_candidate",
                 object_id=candidates[0], details={"decision": decision_id, "candidates": list(candidates)})
    return decision_id


def undo(session: Session, decision_id: int, actor: str) -> PersonDecision:
    """Undo an applied merge or split: its keys go back where they were (audited); later decisions must go first."""
    row = session.execute(select(DECISIONS).where(DECISIONS.c.id == decision_id)).first()
    if row is None:
        raise NotFoundError(f"no merge or split decision {decision_id}")
    if row.status != "applied":
        raise ConflictError(f"decision {decision_id} is {row.status}; only an applied one can be undone")
    for key, _, to in row.moves:
        if session.execute(select(KEYS.c.candidate_id).where(KEYS.c.key == key)).scalar_one_or_none() != to:
            raise ConflictError(f"a later decision moved these mentions again; undo it before decision {decision_id}")
    now = utcnow()
    for key, origin, _ in row.moves:
        session.execute(update(KEYS).where(KEYS.c.key == key).values(candidate_id=origin, decided_by=actor,
                                                                     decided_at=now))
    if row.kind == "merge":
        restored = [c for c in row.candidates if c != row.target_id]
        session.execute(update(CANDIDATES).where(CANDIDATES.c.id.in_(restored)).values(merged_into=None,
                                                                                       updated_at=now))
        for candidate_id in restored:
            pseudonym = session.execute(select(CANDIDATES.c.pseudonym)
                                        .where(CANDIDATES.c.id == candidate_id)).scalar_one()
            session.execute(insert(PSEUDONYMS).values(candidate_id=candidate_id, pseudonym=pseudonym,
                                                      previous=pseudonym, reason="restored", at=now, actor=actor))
    else:  # the split-off candidate is emptied and points back at the one it came from
        session.execute(update(CANDIDATES).where(CANDIDATES.c.id == row.candidates[-1]).values(
            merged_into=row.target_id, updated_at=now))
    session.execute(update(DECISIONS).where(DECISIONS.c.id == decision_id).values(
        status="undone", undone_by=actor, undone_at=now))
    audit.append(session, actor=actor, action=f"people.{row.kind}_undone", object_type="person_candidate",
                 object_id=row.target_id, details={"decision": decision_id, "keys_moved": len(row.moves)})
    return decision(session.execute(select(DECISIONS).where(DECISIONS.c.id == decision_id)).one())
