"""Casualty mentions as the register sees them: each live casualty finding with its call's date and place,
its side, and what in its utterance can tie it to other reports (a named person, a unit, a place, a relay).

Only findings on current transcripts that count (pending or accepted) are mentions, the Trends rule.
The place of a mention is the place named in its own utterance when there is one ("у них под
Кременной трое": Кременная), else the call's metadata place, else the call's oblast. Person keys and
unit keys are used to compare mentions and are never shown to roles that may not see names.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from overheard.annotate.regions import normalise_oblast
from overheard.annotate.rules.places import find_places
from overheard.model import (
    FindingKind,
    ReviewStatus,
    StoredFinding,
    casualty_side,
)
from overheard.report.facts import CallFacts, LiveFacts, read_facts
from overheard.report.trends import UNKNOWN_PLACE, oblast_of_settlement
from overheard.store import Store
from overheard.text import fold

COUNTED = (ReviewStatus.PENDING, ReviewStatus.ACCEPTED)

# "мне Санёк говорил", "брат рассказал", "кум каже", "передали": the speaker reports what someone else saw
RELAY = re.compile(r"\b(говорил|говорит|говорят|сказал|сказала|сказали|рассказ\w*|передал\w*|пишут|писал\w*|"
                   r"слышал\w*|казав|казала|каже|кажуть|розповів\w*|розповіла|переказ\w*|чув|чула)\b",
                   re.IGNORECASE)

# unit words by stem -> a kind, so "54-й бригады" and "54 бригада" are the same unit
_UNIT_KINDS = (("бригад", "brigade"), ("полк", "regiment"), ("батальон", "battalion"), ("батальйон", "battalion"),
               ("дивизи", "division"), ("дивізі", "division"), ("рот", "company"), ("взвод", "platoon"),
               ("в/ч", "military unit"), ("вч", "military unit"), ("частин", "military unit"))
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class Mention:
    """One live casualty mention with what the register compares it by."""

    finding_id: int
    call_id: int
    call_key: str
    transcript_id: int
    day: date | None
    oblast: str
    settlement: str | None  # where the losses were, as far as the call says (utterance, else metadata)
    coords: tuple[float, float] | None
    category: str
    side: str
    count: int | None
    approximate: bool
    review_status: str
    origin: str
    segment: int | None
    start: int
    end: int
    time_start: float | None
    persons: frozenset[str]  # folded full names (first name and surname) named in the utterance
    units: frozenset[str]  # "54 brigade"
    relayed: bool  # the speaker relays someone else's report

    @property
    def url(self) -> str:
        """The call page at the mention."""
        seek = f"?t={self.time_start:.2f}" if self.time_start is not None else ""
        return f"/calls/{self.call_id}{seek}#finding-{self.finding_id}"


def unit_key(text: str) -> str | None:
    """A unit's comparable form: its number and kind ("54-й бригады" -> "54 brigade"), None without a number."""
    number = _NUMBER.search(text)
    folded = fold(text)
    kind = next((name for stem, name in _UNIT_KINDS if fold(stem) in folded), None)
    if number is None or kind is None:
        return None
    return f"{int(number.group())} {kind}"


def person_key(attributes: dict) -> str | None:
    """A named person's comparable form: canonical first name and surname, folded; None without a surname."""
    surname = attributes.get("surname")
    if not surname:
        return None
    first = attributes.get("first_name") or ""
    return fold(f"{first} {surname}".strip())


@lru_cache(maxsize=4096)
def _coords_of(name: str) -> tuple[float, float] | None:
    for match in find_places(name.strip()):
        if match.candidates:
            place = match.candidates[0][0]
            return (place.lat, place.lon)
    return None


def _call_place(place: str | None, oblast: str | None) -> tuple[str, str | None]:
    if oblast:
        return normalise_oblast(oblast), place
    if place and (found := oblast_of_settlement(place)):
        return found, place
    return UNKNOWN_PLACE, place


def _count(attributes) -> int | None:
    count = attributes.get("count")
    return count if isinstance(count, int) and not isinstance(count, bool) else None


def load_mentions(store: Store) -> list[Mention]:
    """Every live casualty mention on the current transcripts, with its call's date and place and its ties."""
    return mentions_from({call_id: call_mentions(facts) for call_id, facts in read_facts(store).items()})


def live_mentions(store: Store, live: LiveFacts) -> list[Mention]:
    """The same mentions as :func:`load_mentions`, from facts kept in ``live`` (only calls written since reread),
    in no particular order (the register does not depend on it; sorting 18,000 mentions would cost more
    than the rest of a build after a write)."""
    facts = live.current(store)
    return [m for found in live.derived("register-mentions", call_mentions, facts.calls).values() for m in found]


def call_mentions(facts: CallFacts) -> tuple[Mention, ...]:
    """One call's live casualty mentions (what the register keeps per call between requests)."""
    casualties = [f for f in facts.findings if f.finding.kind == FindingKind.CASUALTY and f.review_status in COUNTED]
    if not casualties:
        return ()
    entities: dict[int | None, list[StoredFinding]] = defaultdict(list)
    for f in facts.findings:
        if f.finding.kind == FindingKind.ENTITY and f.review_status in COUNTED:
            entities[f.segment_position].append(f)
    # only the utterance before each mention is read (is it relayed?): the facts hold those segments' text alone
    return tuple(_mention(f, facts.header, entities.get(f.segment_position, ()),
                          facts.segments.get(f.segment_position) if f.segment_position is not None else None)
                 for f in casualties)


def mentions_from(per_call: Mapping[int, Sequence[Mention]]) -> list[Mention]:
    """Every call's mentions in one list, in the order the store gives findings (transcript, offset, id)."""
    return sorted((m for found in per_call.values() for m in found),
                  key=lambda m: (m.transcript_id, m.start, m.finding_id))


def _mention(stored: StoredFinding, header, nearby: Iterable[StoredFinding],
             segment: tuple[int, str] | None) -> Mention:
    f = stored.finding
    oblast, settlement = _call_place(header.place, header.oblast)
    coords = _coords_of(settlement) if settlement else None
    persons, units = set(), set()
    for entity in nearby:
        attributes = dict(entity.finding.attributes)
        if entity.finding.label == "PER" and (key := person_key(attributes)):
            persons.add(key)
        elif entity.finding.label == "UNIT" and (key := unit_key(attributes.get("normal") or entity.finding.text)):
            units.add(key)
        elif entity.finding.label in ("LOC", "GPE") and isinstance(geo := attributes.get("geo"), dict):
            # the place named in the utterance is where these losses were, whatever the call's metadata says
            settlement = geo.get("local") or attributes.get("normal") or settlement
            oblast = geo.get("oblast") or oblast
            if geo.get("lat") is not None and geo.get("lon") is not None:
                coords = (float(geo["lat"]), float(geo["lon"]))
    relayed = False
    if segment is not None:  # the utterance up to the mention: "мне Санёк говорил, у них ... трое"
        segment_start, text = segment
        relayed = bool(RELAY.search(text[:max(0, f.start - segment_start)]))
    return Mention(
        finding_id=stored.id, call_id=stored.call_id, call_key=header.key, transcript_id=stored.transcript_id,
        day=header.recorded_at.date() if header.recorded_at else None, oblast=oblast, settlement=settlement,
        coords=coords, category=f.label, side=casualty_side(f.attributes), count=_count(f.attributes),
        approximate=bool(f.attributes.get("approximate", False)), review_status=stored.review_status.value,
        origin=stored.origin, segment=stored.segment_position, start=f.start, end=f.end,
        time_start=stored.time_start, persons=frozenset(persons), units=frozenset(units), relayed=relayed,
    )
