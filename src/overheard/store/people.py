"""People: raw person mentions, other entity forms, person candidates and the pseudonym mapping.

Every PER mention is kept with its machine grouping key; a candidate owns one or more keys.
A merge moves keys to another candidate, a split gives a key a new candidate; both record who
decided (:mod:`.person_decisions` keeps the decision and undoes it), and a later sync never undoes
them. How a candidate is named is the caller's :class:`PersonNamer`; the real-name <-> pseudonym
mapping lives only in these tables.

One pseudonym per person: no two candidates share one (a unique index; a candidate emptied by a merge
keeps its pseudonym, retired, so it is never given to anybody else), and no pseudonym is a real first
name of the workspace. Every pseudonym given or changed is in ``person_pseudonyms`` with the reason.
Audit entries carry ids and counts, never names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any, Protocol

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from overheard.model import EntityForm, PeopleFound, Person, PersonDraft, PersonMention, PlaceMention
from overheard.store import audit
from overheard.store.rows import utcnow
from overheard.store.schema import (
    EntityFormRow,
    PersonCandidateRow,
    PersonKeyRow,
    PersonKeyScopeRow,
    PersonMentionRow,
    PersonPseudonymRow,
    PlaceMentionRow,
)
from overheard.text import fold

CANDIDATES = PersonCandidateRow.__table__
KEYS = PersonKeyRow.__table__
MENTIONS = PersonMentionRow.__table__
FORMS = EntityFormRow.__table__
PLACES = PlaceMentionRow.__table__
PSEUDONYMS = PersonPseudonymRow.__table__
SCOPES = PersonKeyScopeRow.__table__
PLACEHOLDER = " #"  # migration 0007 marks the later of two candidates that shared a pseudonym with it


class PersonNamer(Protocol):
    """How person candidates are named: the pseudonym policy the store calls back into."""

    def new_candidate(self, key: str, attributes: Mapping[str, Any], language: str, taken: set[str],
                      avoid: Container[str]) -> PersonDraft:
        """A new candidate for the mention ``key`` with these attributes, in ``language`` (ru | uk).

        Its pseudonym is none of ``taken`` (folded pseudonyms of every other candidate) and its first
        name none of ``avoid`` (folded real first names, other people's pseudonyms in the same calls).
        """
        ...

    def real_first_names(self, attributes: Iterable[Mapping[str, Any]]) -> set[str]:
        """The folded first names (and their variants) that real people in these mentions carry."""
        ...

    def can_avoid(self, names: set[str], language: str | None) -> bool:
        """Whether some pseudonymous first name in ``language`` is none of ``names`` (a big workspace may use
        them all: then a pseudonym may share a first name with a real person, never the whole pseudonym)."""
        ...


def person_mention(row) -> PersonMention:
    """A person_mentions row as a core type."""
    return PersonMention(key=row.key, call_id=row.call_id, transcript_id=row.transcript_id, start=row.start,
                         end=row.end, text=row.text, normal=row.normal, attributes=dict(row.attributes or {}))


def entity_form(row) -> EntityForm:
    """An entity_forms row as a core type."""
    return EntityForm(label=row.label, call_id=row.call_id, transcript_id=row.transcript_id, start=row.start,
                      end=row.end, text=row.text, normal=row.normal)


def place_mention(row) -> PlaceMention:
    """A place_mentions row as a core type."""
    return PlaceMention(row.call_id, row.transcript_id, row.start, row.end, row.text, row.name, row.oblast,
                        row.country, row.lat, row.lon)


def first_word(pseudonym: str | None) -> str:
    """The first name of a pseudonym, folded ("" for none)."""
    return fold(pseudonym.split()[0]) if pseudonym and pseudonym.split() else ""


# ---- reading ---------------------------------------------------------------------------------
def mentions(session: Session, candidate_id: int | None = None) -> list[PersonMention]:
    """Every stored person mention (or those of one candidate's keys), in order."""
    query = select(MENTIONS).order_by(MENTIONS.c.id)
    if candidate_id is not None:
        query = query.join(KEYS, KEYS.c.key == MENTIONS.c.key).where(KEYS.c.candidate_id == candidate_id)
    return [person_mention(row) for row in session.execute(query)]


def named_in_call(session: Session, call_id: int) -> list[int]:
    """The candidates whose mentions are in one call (ids, in order)."""
    return sorted(set(session.execute(select(KEYS.c.candidate_id).join(MENTIONS, MENTIONS.c.key == KEYS.c.key)
                                      .where(MENTIONS.c.call_id == call_id)).scalars()))


def forms(session: Session, label: str | None = None) -> list[EntityForm]:
    """Every stored phone, call sign and unit form (or those with ``label``), in order."""
    query = select(FORMS).order_by(FORMS.c.id)
    if label is not None:
        query = query.where(FORMS.c.label == label)
    return [entity_form(row) for row in session.execute(query)]


def places(session: Session) -> list[PlaceMention]:
    """Every stored place mention, in order."""
    return [place_mention(row) for row in session.execute(select(PLACES).order_by(PLACES.c.id))]


def persons(session: Session, ids: Sequence[int] | None = None) -> list[Person]:
    """Every person candidate that owns a key (or those of ``ids``), with keys, mentions, calls and forms."""
    query = select(CANDIDATES).order_by(CANDIDATES.c.id)
    keys_query, mentions_query = select(KEYS), select(MENTIONS.c.key, MENTIONS.c.call_id, MENTIONS.c.text)
    if ids is not None:
        query = query.where(CANDIDATES.c.id.in_(list(ids)))
        keys_query = keys_query.where(KEYS.c.candidate_id.in_(list(ids)))
        mentions_query = mentions_query.join(KEYS, KEYS.c.key == MENTIONS.c.key).where(
            KEYS.c.candidate_id.in_(list(ids)))
    candidates = session.execute(query).all()
    by_candidate: dict[int, list] = defaultdict(list)
    for row in session.execute(keys_query):
        by_candidate[row.candidate_id].append(row)
    by_key: dict[str, list] = defaultdict(list)
    for row in session.execute(mentions_query):
        by_key[row.key].append(row)
    retired: dict[int, list[str]] = defaultdict(list)
    for row in session.execute(select(CANDIDATES.c.merged_into, CANDIDATES.c.pseudonym)
                               .where(CANDIDATES.c.merged_into.is_not(None))):
        retired[row.merged_into].append(row.pseudonym)
    people = []
    for cand in candidates:
        own = by_candidate.get(cand.id, [])
        if not own:
            continue  # emptied by a merge
        rows = [m for k in own for m in by_key.get(k.key, [])]
        people.append(Person(
            cand.id, cand.display, cand.gender, cand.pseudonym, tuple(sorted(k.key for k in own)), len(rows),
            tuple(sorted({m.call_id for m in rows if m.call_id is not None})), tuple(sorted({m.text for m in rows})),
            any(k.decided_by for k in own), cand.language, tuple(sorted(retired.get(cand.id, ())))))
    return people


def pseudonym_history(session: Session, candidate_ids: Sequence[int]) -> list[tuple]:
    """The pseudonym changes of these candidates, oldest first (rows: candidate_id, pseudonym, previous, ...)."""
    return session.execute(select(PSEUDONYMS).where(PSEUDONYMS.c.candidate_id.in_(list(candidate_ids)))
                           .order_by(PSEUDONYMS.c.id)).all()


# ---- writing ---------------------------------------------------------------------------------
class _Names:
    """The pseudonyms in use in the workspace (folded), kept current while a transaction writes."""

    def __init__(self, session: Session) -> None:
        rows = session.execute(select(CANDIDATES.c.id, CANDIDATES.c.pseudonym)).all()
        self.of = {row.id: row.pseudonym for row in rows}
        self.taken = {fold(p) for p in self.of.values()}

    def set(self, candidate_id: int, pseudonym: str) -> None:
        old = self.of.get(candidate_id)
        if old is not None:
            self.taken.discard(fold(old))
        self.of[candidate_id] = pseudonym
        self.taken.add(fold(pseudonym))


class _Either:
    """Membership in either of two sets, without copying them (a new candidate's names to avoid)."""

    def __init__(self, first: set[str], second: set[str]) -> None:
        self.first, self.second = first, second

    def __contains__(self, item: object) -> bool:
        return item in self.first or item in self.second


def sync(session: Session, found: Sequence[PeopleFound], namer: PersonNamer, actor: str) -> dict[str, int]:
    """Replace the mentions, forms and places of the transcripts in ``found``; new keys get new candidates.

    Each new candidate gets a pseudonym nobody else has, whose first name is no real first name of the
    workspace and no other pseudonym's first name in the same call. Pseudonyms that collide (an older
    workspace) or came to equal a real first name are renamed and recorded. Returns counts (calls,
    mentions, new candidates, forms, places, pseudonyms changed), which the audit entry records.
    """
    known = {row.key: row.candidate_id for row in session.execute(select(KEYS.c.key, KEYS.c.candidate_id))}
    names = _Names(session)
    existing = (row.attributes or {} for row in session.execute(select(MENTIONS.c.attributes)))
    real = namer.real_first_names(existing) | namer.real_first_names(
        m.attributes for item in found for m in item.mentions)
    counts = {"calls": 0, "mentions": 0, "new_candidates": 0, "forms": 0, "places": 0}
    now = utcnow()
    scoped = scopes(session)
    for item in found:
        if scoped:  # a per-call split keeps the mentions of a name in that call under their own key
            item = replace(item, mentions=tuple(
                replace(m, key=scoped[(m.key, m.call_id)]) if (m.key, m.call_id) in scoped else m
                for m in item.mentions))
        for table in (MENTIONS, FORMS, PLACES):
            session.execute(delete(table).where(table.c.transcript_id == item.transcript_id))
        counts["calls"] += 1
        if item.mentions:
            session.execute(insert(MENTIONS), [
                {"key": m.key, "call_id": m.call_id, "transcript_id": m.transcript_id, "start": m.start,
                 "end": m.end, "text": m.text, "normal": m.normal, "attributes": dict(m.attributes)}
                for m in item.mentions])
        counts["mentions"] += len(item.mentions)
        in_call = {first_word(names.of.get(known[m.key])) for m in item.mentions if m.key in known}
        new_keys, given = [], []
        for mention in item.mentions:
            if mention.key in known:
                continue
            draft = namer.new_candidate(mention.key, mention.attributes, item.language, names.taken,
                                        _Either(real, in_call))
            candidate_id = _add_candidate(session, draft, item.language, now)
            names.set(candidate_id, draft.pseudonym)
            in_call.add(first_word(draft.pseudonym))
            new_keys.append({"key": mention.key, "candidate_id": candidate_id})
            given.append({"candidate_id": candidate_id, "pseudonym": draft.pseudonym, "previous": None,
                          "reason": "assigned", "at": now, "actor": actor})
            known[mention.key] = candidate_id
            counts["new_candidates"] += 1
        if new_keys:
            session.execute(insert(KEYS), new_keys)
            session.execute(insert(PSEUDONYMS), given)
        if item.forms:
            session.execute(insert(FORMS), [
                {"label": f.label, "call_id": f.call_id, "transcript_id": f.transcript_id, "start": f.start,
                 "end": f.end, "text": f.text, "normal": f.normal} for f in item.forms])
        counts["forms"] += len(item.forms)
        if item.places:
            session.execute(insert(PLACES), [
                {"call_id": p.call_id, "transcript_id": p.transcript_id, "start": p.start, "end": p.end,
                 "text": p.text, "name": p.name, "oblast": p.oblast, "country": p.country, "lat": p.lat,
                 "lon": p.lon} for p in item.places])
        counts["places"] += len(item.places)
    counts["pseudonyms_changed"] = _rename(session, namer, names, real, actor, now)
    audit.append(session, actor=actor, action="people.sync", object_type="people", object_id="all", details=counts)
    return counts


def _rename(session: Session, namer: PersonNamer, names: _Names, real: set[str], actor: str, now) -> int:
    """Give a proper pseudonym to every candidate whose pseudonym is shared, a placeholder or a real first name.

    The oldest holder of a shared pseudonym keeps it. A retired pseudonym (its candidate merged away) stays.
    """
    seen: set[str] = set()
    wrong: list[tuple[int, str]] = []
    avoidable = {language: namer.can_avoid(real, language) for language in ("ru", "uk", None)}
    for row in session.execute(select(CANDIDATES.c.id, CANDIDATES.c.pseudonym, CANDIDATES.c.merged_into,
                                      CANDIDATES.c.gender, CANDIDATES.c.language).order_by(CANDIDATES.c.id)):
        folded = fold(row.pseudonym)
        if folded in seen:
            wrong.append((row.id, "collision"))
        elif PLACEHOLDER in row.pseudonym:
            wrong.append((row.id, "collision"))
        elif row.pseudonym == "?" and row.merged_into is None:
            wrong.append((row.id, "assigned"))
        elif row.merged_into is None and first_word(row.pseudonym) in real and avoidable.get(row.language, True):
            wrong.append((row.id, "real-name"))
        seen.add(folded)
    for candidate_id, reason in wrong:
        cand = session.execute(select(CANDIDATES).where(CANDIDATES.c.id == candidate_id)).one()
        mention = session.execute(
            select(MENTIONS.c.key, MENTIONS.c.attributes).join(KEYS, KEYS.c.key == MENTIONS.c.key)
            .where(KEYS.c.candidate_id == candidate_id)).first()
        key, attributes = (mention.key, dict(mention.attributes)) if mention else (str(candidate_id), {})
        language = cand.language or ("uk" if set(key) & set("іїєґ") else "ru")
        draft = namer.new_candidate(key, attributes, language, names.taken, set(real))
        session.execute(update(CANDIDATES).where(CANDIDATES.c.id == candidate_id).values(
            pseudonym=draft.pseudonym, updated_at=now))
        session.execute(insert(PSEUDONYMS).values(candidate_id=candidate_id, pseudonym=draft.pseudonym,
                                                  previous=cand.pseudonym.split(PLACEHOLDER)[0], reason=reason, at=now,
                                                  actor=actor))
        names.set(candidate_id, draft.pseudonym)
    return len(wrong)


def _add_candidate(session: Session, draft: PersonDraft, language: str | None, now) -> int:
    result = session.execute(insert(CANDIDATES).values(
        display=draft.display, gender=draft.gender, pseudonym=draft.pseudonym, language=language,
        created_at=now, updated_at=now))
    return result.inserted_primary_key[0]


def new_candidate(session: Session, key: str, namer: PersonNamer, language: str, actor: str,
                  reason: str = "assigned") -> int:
    """A new candidate (for a split) named for the mentions of ``key``, with a unique pseudonym; returns its id."""
    names = _Names(session)
    mention = session.execute(select(MENTIONS.c.attributes).where(MENTIONS.c.key == key)).first()
    attributes = dict(mention.attributes) if mention else {"normal": key}
    real = namer.real_first_names(row.attributes or {} for row in session.execute(select(MENTIONS.c.attributes)))
    draft = namer.new_candidate(key, attributes, language, names.taken, real)
    now = utcnow()
    candidate_id = _add_candidate(session, draft, language, now)
    session.execute(insert(PSEUDONYMS).values(candidate_id=candidate_id, pseudonym=draft.pseudonym, previous=None,
                                              reason=reason, at=now, actor=actor))
    return candidate_id


# ---- per-call scopes (a per-call split) ----------------------------------------------------------
def scopes(session: Session) -> dict[tuple[str, int], str]:
    """Every per-call scope: (machine key, call id) -> the key its mentions in that call are kept under."""
    return {(row.key, row.call_id): row.scoped_key for row in session.execute(select(SCOPES))}


def scope_key(session: Session, key: str, call_id: int, candidate_id: int, actor: str) -> str:
    """Keep the mentions of ``key`` in one call under a key of their own (owned, for now, by ``candidate_id``),
    now and after every later sync; returns that key ("сергей|петров@call:12")."""
    existing = session.execute(select(SCOPES.c.scoped_key).where(SCOPES.c.key == key, SCOPES.c.call_id == call_id)
                               ).scalar_one_or_none()
    scoped = existing or f"{key[:180]}@call:{call_id}"
    if existing is None:
        session.execute(insert(SCOPES).values(key=key, call_id=call_id, scoped_key=scoped, created_by=actor,
                                              created_at=utcnow()))
    session.execute(update(MENTIONS).where(MENTIONS.c.key == key, MENTIONS.c.call_id == call_id).values(key=scoped))
    if session.execute(select(KEYS.c.key).where(KEYS.c.key == scoped)).first() is None:
        session.execute(insert(KEYS).values(key=scoped, candidate_id=candidate_id))
    return scoped
