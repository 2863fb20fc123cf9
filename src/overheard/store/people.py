"""People: raw person mentions, other entity forms, person candidates and the pseudonym mapping.

Every PER mention is kept with its machine grouping key; a candidate owns one or more keys.
A merge moves keys to another candidate, a split gives a key a new candidate; both record who
decided, and a later sync never undoes them. How a candidate is named (its pseudonym, which
first names are real) is the caller's :class:`PersonNamer`; the real-name <-> pseudonym mapping
lives only in these tables. Audit entries carry ids and counts, never names.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from overheard.errors import NotFoundError
from overheard.model import EntityForm, PeopleFound, Person, PersonDraft, PersonMention
from overheard.store import audit
from overheard.store.rows import utcnow
from overheard.store.schema import EntityFormRow, PersonCandidateRow, PersonKeyRow, PersonMentionRow
from overheard.text import fold

CANDIDATES = PersonCandidateRow.__table__
KEYS = PersonKeyRow.__table__
MENTIONS = PersonMentionRow.__table__
FORMS = EntityFormRow.__table__


class PersonNamer(Protocol):
    """How person candidates are named: the pseudonym policy the store calls back into."""

    def new_candidate(self, attributes: Mapping[str, Any], language: str) -> PersonDraft:
        """A new candidate for a mention with these attributes, in ``language`` (ru | uk)."""
        ...

    def real_first_names(self, attributes: Iterable[Mapping[str, Any]]) -> set[str]:
        """The folded first names (and their variants) that real people in these mentions carry."""
        ...

    def first_name(self, first_name: str, gender: str, avoid: set[str]) -> str:
        """A pseudonymous first name for ``first_name`` that is none of ``avoid``."""
        ...


def person_mention(row) -> PersonMention:
    """A person_mentions row as a core type."""
    return PersonMention(key=row.key, call_id=row.call_id, transcript_id=row.transcript_id, start=row.start,
                         end=row.end, text=row.text, normal=row.normal, attributes=dict(row.attributes or {}))


def entity_form(row) -> EntityForm:
    """An entity_forms row as a core type."""
    return EntityForm(label=row.label, call_id=row.call_id, transcript_id=row.transcript_id, start=row.start,
                      end=row.end, text=row.text, normal=row.normal)


# ---- reading ---------------------------------------------------------------------------------
def mentions(session: Session) -> list[PersonMention]:
    """Every stored person mention, in order."""
    return [person_mention(row) for row in session.execute(select(MENTIONS).order_by(MENTIONS.c.id))]


def forms(session: Session, label: str | None = None) -> list[EntityForm]:
    """Every stored phone, call sign and unit form (or those with ``label``), in order."""
    query = select(FORMS).order_by(FORMS.c.id)
    if label is not None:
        query = query.where(FORMS.c.label == label)
    return [entity_form(row) for row in session.execute(query)]


def persons(session: Session) -> list[Person]:
    """Every person candidate that owns a key, with its keys, mention count, calls and surface forms."""
    candidates = session.execute(select(CANDIDATES).order_by(CANDIDATES.c.id)).all()
    keys = session.execute(select(KEYS)).all()
    found = session.execute(select(MENTIONS.c.key, MENTIONS.c.call_id, MENTIONS.c.text)).all()
    by_candidate: dict[int, list] = defaultdict(list)
    for row in keys:
        by_candidate[row.candidate_id].append(row)
    by_key: dict[str, list] = defaultdict(list)
    for row in found:
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


# ---- writing ---------------------------------------------------------------------------------
def sync(session: Session, found: Sequence[PeopleFound], namer: PersonNamer, actor: str) -> dict[str, int]:
    """Replace the mentions and forms of the transcripts in ``found``; new keys get new candidates.

    Pseudonyms that came to equal a real first name in the workspace are renamed. Returns counts
    (calls, mentions, new candidates, forms, pseudonyms changed), which the audit entry records.
    """
    known_keys = set(session.execute(select(KEYS.c.key)).scalars())
    counts = {"calls": 0, "mentions": 0, "new_candidates": 0, "forms": 0}
    for item in found:
        session.execute(delete(MENTIONS).where(MENTIONS.c.transcript_id == item.transcript_id))
        session.execute(delete(FORMS).where(FORMS.c.transcript_id == item.transcript_id))
        counts["calls"] += 1
        for mention in item.mentions:
            session.execute(insert(MENTIONS).values(
                key=mention.key, call_id=mention.call_id, transcript_id=mention.transcript_id, start=mention.start,
                end=mention.end, text=mention.text, normal=mention.normal, attributes=dict(mention.attributes)))
            counts["mentions"] += 1
            if mention.key not in known_keys:
                known_keys.add(mention.key)
                candidate_id = _add_candidate(session, namer.new_candidate(mention.attributes, item.language))
                session.execute(insert(KEYS).values(key=mention.key, candidate_id=candidate_id))
                counts["new_candidates"] += 1
        for form in item.forms:
            session.execute(insert(FORMS).values(
                label=form.label, call_id=form.call_id, transcript_id=form.transcript_id, start=form.start,
                end=form.end, text=form.text, normal=form.normal))
            counts["forms"] += 1
    counts["pseudonyms_changed"] = _rename_real_names(session, namer)
    audit.append(session, actor=actor, action="people.sync", object_type="people", object_id="all", details=counts)
    return counts


def _rename_real_names(session: Session, namer: PersonNamer) -> int:
    """Make sure no pseudonym is a real first name (or a diminutive of one) in the workspace."""
    real = namer.real_first_names(row.attributes or {} for row in session.execute(select(MENTIONS.c.attributes)))
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
        name = namer.first_name(attributes["first_name"], cand.gender or "m", real)
        rest = cand.pseudonym.split()[1:] if cand.pseudonym else []
        session.execute(update(CANDIDATES).where(CANDIDATES.c.id == cand.id).values(
            pseudonym=" ".join([name, *rest]), updated_at=utcnow()))
        changed += 1
    return changed


def _add_candidate(session: Session, draft: PersonDraft) -> int:
    now = utcnow()
    result = session.execute(insert(CANDIDATES).values(
        display=draft.display, gender=draft.gender, pseudonym=draft.pseudonym, created_at=now, updated_at=now))
    return result.inserted_primary_key[0]


def merge(session: Session, target_id: int, source_ids: Sequence[int], actor: str) -> None:
    """Move every key of ``source_ids`` to ``target_id`` (an analyst's decision, kept across syncs; audited)."""
    ids = [target_id, *source_ids]
    found = set(session.execute(select(CANDIDATES.c.id).where(CANDIDATES.c.id.in_(ids))).scalars())
    missing = sorted(set(ids) - found)
    if missing:
        raise NotFoundError(f"no person candidate with id {missing[0]}: list them with 'overheard people list'")
    now = utcnow()
    session.execute(update(KEYS).where(KEYS.c.candidate_id.in_(ids)).values(
        candidate_id=target_id, decided_by=actor, decided_at=now))
    session.execute(update(CANDIDATES).where(CANDIDATES.c.id == target_id).values(updated_at=now))
    audit.append(session, actor=actor, action="people.merge", object_type="person_candidate", object_id=target_id,
                 before={"candidates": ids}, after={"candidate": target_id})


def split(session: Session, candidate_id: int, key: str, namer: PersonNamer, language: str, actor: str) -> int:
    """Give one key of a candidate its own new candidate (the raw mentions stay; audited); returns its id."""
    row = session.execute(select(KEYS).where(KEYS.c.key == key, KEYS.c.candidate_id == candidate_id)).first()
    if row is None:
        raise NotFoundError(f"candidate {candidate_id} has no such key: see 'overheard people list'")
    mention = session.execute(select(MENTIONS.c.attributes).where(MENTIONS.c.key == key)).first()
    attributes = dict(mention.attributes) if mention else {"normal": key}
    new_id = _add_candidate(session, namer.new_candidate(attributes, language))
    session.execute(update(KEYS).where(KEYS.c.key == key).values(
        candidate_id=new_id, decided_by=actor, decided_at=utcnow()))
    audit.append(session, actor=actor, action="people.split", object_type="person_candidate", object_id=candidate_id,
                 after={"new_candidate": new_id, "key_sha256": hashlib.sha256(key.encode()).hexdigest()[:16]})
    return new_id
