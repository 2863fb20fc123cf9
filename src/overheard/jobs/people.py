"""People inside a workspace: person candidates, analysts' merge/split decisions and the
pseudonym mapping (kept in the workspace database only).

Raw mentions are never lost: every PER mention is stored with its machine grouping key
("сергей|петров"); a candidate owns one or more keys. ``merge`` moves keys to another
candidate, ``split`` gives a key its own candidate; both record who decided and when,
and a later ``sync`` never undoes them. Audit entries carry ids and counts, never names.
How candidates are named is :class:`Pseudonymiser`'s part; the store keeps the tables.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from pathlib import Path
from typing import Any

from overheard.annotate.components.entities import find_entities
from overheard.annotate.rules.people import person_key
from overheard.model import (
    PERSONAL_DATA_LABELS,
    EntityForm,
    PeopleFound,
    Person,
    PersonDraft,
    PersonMention,
    PlaceMention,
    plain,
)
from overheard.names import name_lexicon
from overheard.redact.pseudonyms import load_or_create_secret, person_pseudonym, related_names
from overheard.text import detect_language, fold
from overheard.workspace import Workspace


def workspace_secret(ws: Workspace) -> bytes:
    """The workspace's pseudonym key (``pseudonym.key``, 0600, created on first use)."""
    return load_or_create_secret(Path(ws.root))


class Pseudonymiser:
    """Names person candidates with the workspace secret (the store's :class:`~overheard.store.PersonNamer`)."""

    def __init__(self, secret: bytes) -> None:
        self.secret = secret

    def new_candidate(self, key: str, attributes: Mapping[str, Any], language: str, taken: Container[str],
                      avoid: Container[str]) -> PersonDraft:
        """Display name, gender and a pseudonym nobody in ``taken`` has, whose first name is none of ``avoid``."""
        first, surname = attributes.get("first_name"), attributes.get("surname")
        gender = attributes.get("gender")
        pseudonym = person_pseudonym(self.secret, key, first=first, surname=surname, gender=gender,
                                     language=language, taken=taken, avoid=avoid)
        display = " ".join(x for x in (first, surname) if x) or attributes.get("normal") or "?"
        return PersonDraft(display=display, gender=gender, pseudonym=pseudonym)

    def can_avoid(self, names: set[str], language: str | None) -> bool:
        """Whether a pseudonymous first name in ``language`` (either gender) is none of ``names``."""
        pools = name_lexicon().pseudonyms["uk" if language == "uk" else "ru"]
        return all(any(fold(n) not in names for n in pools[g]) for g in ("m", "f"))

    def real_first_names(self, attributes: Iterable[Mapping[str, Any]]) -> set[str]:
        """Every first name real people in these mentions carry, with its variants, folded."""
        lexicon = name_lexicon()
        real: set[str] = set()
        for mention in attributes:
            for part in mention.get("parts", ()):
                if part.get("role") == "first":
                    real |= {fold(v) for v in lexicon.variants.get(fold(part["canonical"]), {part["canonical"]})}
                    real |= related_names(part["canonical"])  # Петро is also Пётр: neither may be a pseudonym
        return real


def sync_people(ws: Workspace, actor: str) -> dict[str, int]:
    """Find entities in every call's current transcript and store mentions and new candidates.

    Returns counts (calls, mentions, new candidates, other entity forms, pseudonyms changed).
    """
    namer = Pseudonymiser(workspace_secret(ws))
    store = ws.store
    calls = {call.id: call for call in store.list_calls()}
    found = []
    for stored in store.current_transcripts():
        call = calls.get(stored.call_id)
        region = call.metadata.oblast if call else None
        language = stored.transcript.language or detect_language(stored.text)
        language = language if language in ("ru", "uk") else detect_language(stored.text)
        mentions, forms, places = [], [], []
        for entity in find_entities(stored.text, language, region):
            if entity.label == "LOC":
                geo = entity.attributes.get("geo") or {}
                places.append(PlaceMention(stored.call_id, stored.id, entity.start, entity.end, entity.text,
                                           geo.get("name"), geo.get("oblast"), geo.get("country"), geo.get("lat"),
                                           geo.get("lon")))
            elif entity.label == "PER":
                mentions.append(PersonMention(
                    key=mention_key(entity.attributes, call.key if call else str(stored.call_id)),
                    call_id=stored.call_id, transcript_id=stored.id, start=entity.start, end=entity.end,
                    text=entity.text, normal=entity.attributes.get("normal"), attributes=plain(entity.attributes)))
            elif entity.label in PERSONAL_DATA_LABELS:  # PHONE, CALLSIGN, UNIT: kept as forms
                forms.append(EntityForm(label=entity.label, call_id=stored.call_id, transcript_id=stored.id,
                                        start=entity.start, end=entity.end, text=entity.text,
                                        normal=entity.attributes.get("normal")))
        found.append(PeopleFound(stored.id, stored.call_id, language, tuple(mentions), tuple(forms), tuple(places)))
    return store.sync_people(found, namer, actor)


def mention_key(attributes, call_key: str) -> str:
    """The machine grouping key of a PER mention.

    A full name ("сергей|петров") is one person across the workspace; a bare first name is one
    person within a call ("сергей@call-01"): two calls' Серёгас are only the same person once an
    analyst merges them.
    """
    key = person_key(attributes)
    return key if "|" in key else f"{key}@{call_key}"


def list_people(ws: Workspace) -> list[Person]:
    """Every person candidate with its keys, mention count, calls and surface forms."""
    return ws.store.people()


def merge_people(ws: Workspace, target_id: int, source_ids: list[int], actor: str) -> Person:
    """Move every key of ``source_ids`` to ``target_id`` (an analyst's decision, kept across syncs)."""
    ws.store.merge_people(target_id, source_ids, actor)
    return ws.store.people([target_id])[0]


def split_person(ws: Workspace, candidate_id: int, key: str | list[str], actor: str, **decision) -> Person:
    """Give one key (or several) of a candidate a new candidate (the raw mentions stay as they are)."""
    keys = [key] if isinstance(key, str) else key
    owner = ws.store.people([candidate_id])
    language = (owner[0].language if owner else None) or ("uk" if set(keys[0]) & set("іїєґ") else "ru")
    new_id = ws.store.split_person(candidate_id, keys, Pseudonymiser(workspace_secret(ws)), language, actor,
                                   **decision)
    return ws.store.people([new_id])[0]
