"""People inside a workspace: person candidates, analysts' merge/split decisions and the
pseudonym mapping (kept in the workspace database only).

Raw mentions are never lost: every PER mention is stored with its machine grouping key
("сергей|петров"); a candidate owns one or more keys. ``merge`` moves keys to another
candidate, ``split`` gives a key its own candidate; both record who decided and when,
and a later ``sync`` never undoes them. Audit entries carry ids and counts, never names.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select, update

from overheard.annotate.components.entities import find_entities
from overheard.annotate.rules.people import person_key
from overheard.errors import NotFoundError
from overheard.model import PERSONAL_DATA_LABELS, plain
from overheard.names import name_lexicon
from overheard.redact.pseudonyms import first_name_pseudonym, load_or_create_secret, surname_pseudonym
from overheard.store.schema import EntityFormRow, PersonCandidateRow, PersonKeyRow, PersonMentionRow
from overheard.store.store import utcnow
from overheard.text import detect_language, fold

CANDIDATES = PersonCandidateRow.__table__
KEYS = PersonKeyRow.__table__
MENTIONS = PersonMentionRow.__table__
FORMS = EntityFormRow.__table__


def _now():
    return utcnow()


@dataclass(frozen=True)
class Person:
    """A person candidate as analysts see it (``display`` and ``forms`` are personal data)."""

    id: int
    display: str
    gender: str | None
    pseudonym: str
    keys: tuple[str, ...]
    mentions: int
    calls: tuple[int, ...]
    forms: tuple[str, ...]
    decided: bool  # an analyst merged or split it

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready copy."""
        return {**self.__dict__, "keys": list(self.keys), "calls": list(self.calls), "forms": list(self.forms)}


def workspace_secret(ws) -> bytes:
    """The workspace's pseudonym key (``pseudonym.key``, 0600, created on first use)."""
    return load_or_create_secret(Path(ws.root))


def sync_people(ws, actor: str) -> dict[str, int]:
    """Find entities in every call's current transcript and store mentions and new candidates.

    Returns counts (calls, mentions, new candidates, other entity forms).
    """
    secret = workspace_secret(ws)
    store = ws.store
    calls = {call.id: call for call in store.list_calls()}
    counts = {"calls": 0, "mentions": 0, "new_candidates": 0, "forms": 0}
    with store.writing() as session:
        known_keys = {row.key for row in session.execute(select(KEYS.c.key))}
        for stored in store.current_transcripts():
            call = calls.get(stored.call_id)
            region = call.metadata.oblast if call else None
            language = stored.transcript.language or detect_language(stored.text)
            language = language if language in ("ru", "uk") else detect_language(stored.text)
            entities = find_entities(stored.text, language, region)
            session.execute(delete(MENTIONS).where(MENTIONS.c.transcript_id == stored.id))
            session.execute(delete(FORMS).where(FORMS.c.transcript_id == stored.id))
            counts["calls"] += 1
            for entity in entities:
                if entity.label == "PER":
                    key = mention_key(entity.attributes, call.key if call else str(stored.call_id))
                    session.execute(insert(MENTIONS).values(
                        key=key, call_id=stored.call_id, transcript_id=stored.id, start=entity.start,
                        end=entity.end, text=entity.text, normal=entity.attributes.get("normal"),
                        attributes=plain(entity.attributes)))
                    counts["mentions"] += 1
                    if key not in known_keys:
                        known_keys.add(key)
                        cid = _new_candidate(session, entity.attributes, secret, language)
                        session.execute(insert(KEYS).values(key=key, candidate_id=cid))
                        counts["new_candidates"] += 1
                elif entity.label in PERSONAL_DATA_LABELS:  # PHONE, CALLSIGN, UNIT: kept as forms
                    session.execute(insert(FORMS).values(
                        label=entity.label, call_id=stored.call_id, transcript_id=stored.id, start=entity.start,
                        end=entity.end, text=entity.text, normal=entity.attributes.get("normal")))
                    counts["forms"] += 1
        counts["pseudonyms_changed"] = _assign_pseudonyms(session, secret)
    store.audit(actor=actor, action="people.sync", object_type="people", object_id="all", details=counts)
    return counts


def _assign_pseudonyms(session, secret: bytes) -> int:
    """Make sure no pseudonym is a real first name (or a diminutive of one) in the workspace."""
    lexicon = name_lexicon()
    real: set[str] = set()
    for row in session.execute(select(MENTIONS.c.attributes)):
        for part in (row.attributes or {}).get("parts", ()):
            if part.get("role") == "first":
                real |= {fold(v) for v in lexicon.variants.get(fold(part["canonical"]), {part["canonical"]})}
                real.add(fold(part["canonical"]))
    changed = 0
    for cand in session.execute(select(CANDIDATES)).all():
        first = cand.pseudonym.split()[0] if cand.pseudonym else "?"
        if first != "?" and fold(first) not in real:
            continue
        mention = session.execute(
            select(MENTIONS.c.attributes).join(KEYS, KEYS.c.key == MENTIONS.c.key)
            .where(KEYS.c.candidate_id == cand.id)).first()
        attributes = dict(mention.attributes) if mention else {}
        if not attributes.get("first_name"):
            continue
        name = first_name_pseudonym(secret, attributes["first_name"], cand.gender or "m", "nomn", "ru", real)
        rest = cand.pseudonym.split()[1:] if cand.pseudonym else []
        session.execute(update(CANDIDATES).where(CANDIDATES.c.id == cand.id).values(
            pseudonym=" ".join([name, *rest]), updated_at=_now()))
        changed += 1
    return changed


def mention_key(attributes, call_key: str) -> str:
    """The machine grouping key of a PER mention.

    A full name ("сергей|петров") is one person across the workspace; a bare first name is one
    person within a call ("сергей@call-01"): two calls' Серёгас are only the same person once an
    analyst merges them.
    """
    key = person_key(attributes)
    return key if "|" in key else f"{key}@{call_key}"


def _new_candidate(session, attributes, secret: bytes, language: str) -> int:
    first, surname = attributes.get("first_name"), attributes.get("surname")
    gender = attributes.get("gender")
    pseudonym = ""
    if first:
        pseudonym = first_name_pseudonym(secret, first, gender or "m", "nomn", language)
    if surname:
        pseudonym = f"{pseudonym} {surname_pseudonym(secret, surname, gender, 'nomn')}".strip()
    display = " ".join(x for x in (first, surname) if x) or attributes.get("normal") or "?"
    now = _now()
    result = session.execute(insert(CANDIDATES).values(
        display=display, gender=gender, pseudonym=pseudonym or "?", created_at=now, updated_at=now))
    return result.inserted_primary_key[0]




def list_people(ws) -> list[Person]:
    """Every person candidate with its keys, mention count, calls and surface forms."""
    with ws.store.reading() as session:
        candidates = session.execute(select(CANDIDATES).order_by(CANDIDATES.c.id)).all()
        keys = session.execute(select(KEYS)).all()
        mentions = session.execute(select(MENTIONS.c.key, MENTIONS.c.call_id, MENTIONS.c.text)).all()
    by_candidate: dict[int, list] = defaultdict(list)
    for row in keys:
        by_candidate[row.candidate_id].append(row)
    by_key: dict[str, list] = defaultdict(list)
    for row in mentions:
        by_key[row.key].append(row)
    people = []
    for cand in candidates:
        own = by_candidate.get(cand.id, [])
        if not own:
            continue  # emptied by a merge
        rows = [m for k in own for m in by_key.get(k.key, [])]
        people.append(Person(
            cand.id, cand.display, cand.gender, cand.pseudonym, tuple(sorted(k.key for k in own)), len(rows),
            tuple(sorted({m.call_id for m in rows if m.call_id is not None})), tuple(sorted({m.text for m in rows})),
            any(k.decided_by for k in own)))
    return people


def merge_people(ws, target_id: int, source_ids: list[int], actor: str) -> Person:
    """Move every key of ``source_ids`` to ``target_id`` (an analyst's decision, kept across syncs)."""
    ids = [target_id, *source_ids]
    with ws.store.writing() as session:
        found = {row.id for row in session.execute(select(CANDIDATES.c.id).where(CANDIDATES.c.id.in_(ids)))}
        missing = sorted(set(ids) - found)
        if missing:
            raise NotFoundError(f"no person candidate with id {missing[0]}: list them with 'overheard people list'")
        now = _now()
        session.execute(update(KEYS).where(KEYS.c.candidate_id.in_(ids)).values(
            candidate_id=target_id, decided_by=actor, decided_at=now))
        session.execute(update(CANDIDATES).where(CANDIDATES.c.id == target_id).values(updated_at=now))
    ws.store.audit(actor=actor, action="people.merge", object_type="person_candidate", object_id=target_id,
                   before={"candidates": ids}, after={"candidate": target_id})
    return next(p for p in list_people(ws) if p.id == target_id)


def split_person(ws, candidate_id: int, key: str, actor: str) -> Person:
    """Give one key of a candidate its own new candidate (the raw mentions stay as they are)."""
    secret = workspace_secret(ws)
    with ws.store.writing() as session:
        row = session.execute(select(KEYS).where(KEYS.c.key == key, KEYS.c.candidate_id == candidate_id)).first()
        if row is None:
            raise NotFoundError(f"candidate {candidate_id} has no such key: see 'overheard people list'")
        mention = session.execute(select(MENTIONS.c.attributes).where(MENTIONS.c.key == key)).first()
        attributes = dict(mention.attributes) if mention else {"normal": key}
        language = "uk" if set(key) & set("іїєґ") else "ru"
        new_id = _new_candidate(session, attributes, secret, language)
        session.execute(update(KEYS).where(KEYS.c.key == key).values(
            candidate_id=new_id, decided_by=actor, decided_at=_now()))
    ws.store.audit(actor=actor, action="people.split", object_type="person_candidate", object_id=candidate_id,
                   after={"new_candidate": new_id, "key_sha256": hashlib.sha256(key.encode()).hexdigest()[:16]})
    return next(p for p in list_people(ws) if p.id == new_id)
