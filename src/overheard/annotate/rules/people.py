"""People: grouping PER mentions into person candidates.

Mentions are grouped by the full name a variant belongs to ("Серёга", "Серёжа", "Сергей" →
сергей; the name lexicon with every form is in :mod:`overheard.names`) and, when present, the
surname.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from overheard.text import fold


@dataclass(frozen=True)
class PersonCandidate:
    """A person as far as the text tells: one key, all the mentions that point to it."""

    key: str  # e.g. "сергей|петров" or "сергей"
    first_name: str | None
    surname: str | None
    gender: str | None
    mentions: tuple[tuple[int, int, str], ...]  # (start, end, text) of each mention

    @property
    def forms(self) -> set[str]:
        """Distinct surface forms of this person's mentions."""
        return {text for _, _, text in self.mentions}


def person_key(attributes: Mapping[str, Any]) -> str:
    """The grouping key of a PER entity: full first name (and surname when present), folded."""
    first = attributes.get("first_name")
    surname = attributes.get("surname")
    if first and surname:
        return f"{fold(first)}|{fold(surname)}"
    return fold(first or surname or attributes.get("normal", ""))


def group_people(entities: Iterable[Any]) -> list[PersonCandidate]:
    """Group PER findings (of one or many texts) into person candidates.

    A mention with only a first name joins the single candidate that has that first name
    and a surname, when there is exactly one; otherwise it forms its own candidate.
    """
    people = [e for e in entities if getattr(e, "label", None) == "PER"]
    full: dict[str, list[Any]] = defaultdict(list)
    for entity in people:
        full[person_key(entity.attributes)].append(entity)
    by_first: dict[str, list[str]] = defaultdict(list)
    for key in full:
        if "|" in key:
            by_first[key.split("|")[0]].append(key)
    merged: dict[str, list[Any]] = defaultdict(list)
    for key, mentions in full.items():
        target = key
        if "|" not in key and len(by_first.get(key, [])) == 1:
            target = by_first[key][0]
        merged[target].extend(mentions)
    candidates = []
    for key, mentions in merged.items():
        first = next((m.attributes.get("first_name") for m in mentions if m.attributes.get("first_name")), None)
        surname = next((m.attributes.get("surname") for m in mentions if m.attributes.get("surname")), None)
        gender = next((m.attributes.get("gender") for m in mentions if m.attributes.get("gender")), None)
        candidates.append(
            PersonCandidate(key, first, surname, gender, tuple(sorted((m.start, m.end, m.text) for m in mentions)))
        )
    return sorted(candidates, key=lambda c: c.mentions[0])
