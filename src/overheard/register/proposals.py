"""Which casualty mentions may describe the same losses: proposals for a reviewer, each with its evidence.

Two mentions are proposed as one incident when they have the same category, sides that do not
contradict (own and enemy never meet; unknown meets either), a reviewer has not kept them apart, and:

- **same call**: a hand-made mention repeats the machine's (or two mentions give the same number);
- **same named person** (first name and surname) in both utterances;
- **same unit** named in both, dates within ``WINDOW_DAYS`` and the same or a nearby place (``NEAR_KM``);
- **a relayed report** ("мне Санёк говорил, у них под Кременной трое") with the same number, dates
  within the window, and the same or a nearby place.

Evidence lines name the rule, the number, the place and the days apart; never a person's name or a
unit number (both are personal data), so viewers can read them.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from overheard.register.mentions import Mention
from overheard.text import fold

WINDOW_DAYS = 7  # reports of the same losses more than a week apart are not proposed on a unit or relay alone
NEAR_KM = 30.0


@dataclass(frozen=True)
class Pair:
    """Two mentions that may be the same losses, and why."""

    first: int  # finding ids, first < second
    second: int
    reason: str


def sides_agree(a: str, b: str) -> bool:
    """Own and enemy losses are never the same losses; an unknown side may be either."""
    return a == b or "unknown" in (a, b)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def place_match(a: Mention, b: Mention) -> str | None:
    """"same place (X)" or "nearby places (X, Y: N km)", None when the places differ or are not known."""
    if a.settlement and b.settlement and fold(a.settlement) == fold(b.settlement):
        return f"same place ({a.settlement})"
    if a.coords and b.coords:
        km = distance_km(a.coords, b.coords)
        if km <= NEAR_KM:
            return f"nearby places ({a.settlement or a.oblast}, {b.settlement or b.oblast}: {km:.0f} km)"
    return None


def days_apart(a: Mention, b: Mention) -> int | None:
    """Days between the two calls, None when either is undated."""
    if a.day is None or b.day is None:
        return None
    return abs((a.day - b.day).days)


def _when(days: int) -> str:
    return "the same day" if days == 0 else f"{days} day{'s' if days != 1 else ''} apart"


def _number(m: Mention) -> str:
    return f"{m.count} {m.category}" if m.count is not None else m.category


def reason_for(a: Mention, b: Mention) -> str | None:
    """Why ``a`` and ``b`` may be the same losses (the first rule that holds), None when nothing suggests it."""
    if a.finding_id > b.finding_id:  # the same words whichever way round they are asked
        a, b = b, a
    if a.category != b.category or not sides_agree(a.side, b.side):
        return None
    counts_agree = a.count is None or b.count is None or a.count == b.count
    if a.call_id == b.call_id:
        if "human" in (a.origin, b.origin) and counts_agree:
            return f"same call: a hand-made mention repeats another ({_number(a)})"
        if a.count is not None and a.count == b.count:
            return f"same call, same number ({_number(a)})"
        return None
    if a.persons & b.persons:
        return f"the same person is named in both calls ({a.category})"
    days = days_apart(a, b)
    if days is None or days > WINDOW_DAYS:
        return None
    where = place_match(a, b)
    if where is None:
        return None
    if a.units & b.units:
        return f"same unit named, same category ({a.category}), {where}, {_when(days)}"
    if (a.relayed or b.relayed) and a.count is not None and a.count == b.count:
        return f"relayed report: same number ({_number(a)}), {where}, {_when(days)}"
    return None


def bucket_keys(m: Mention) -> list[tuple]:
    """The buckets a mention is compared in: its call, each person and unit it names, its category and number."""
    keys: list[tuple] = [("call", m.call_id)]
    keys += [("person", m.category, person) for person in m.persons]
    keys += [("unit", m.category, unit) for unit in m.units]
    if m.count is not None:
        keys.append(("number", m.category, m.count))
    return keys


def _buckets(mentions: Sequence[Mention]) -> dict[tuple, list[Mention]]:
    buckets: dict[tuple, list[Mention]] = defaultdict(list)
    for m in mentions:
        for key in bucket_keys(m):
            buckets[key].append(m)
    return buckets


def _bucket_pairs(key: tuple, members: list[Mention]) -> Iterable[tuple[Mention, Mention]]:
    if len(members) < 2:
        return ()
    if key[0] == "number":  # only a relayed mention pairs on its number alone
        relayed = [m for m in members if m.relayed]
        return ((r, m) for r in relayed for m in members if m is not r)
    return ((a, b) for i, a in enumerate(members) for b in members[i + 1:])


def candidate_pairs(mentions: Sequence[Mention]) -> Iterable[tuple[Mention, Mention]]:
    """Pairs worth checking (same call, person, unit, or same category and number), each once."""
    seen: set[tuple[int, int]] = set()
    for key, members in _buckets(mentions).items():
        for a, b in _bucket_pairs(key, members):
            ids = (min(a.finding_id, b.finding_id), max(a.finding_id, b.finding_id))
            if ids not in seen:
                seen.add(ids)
                yield a, b


class PairIndex:
    """The pairs of :func:`find_pairs`, kept up to date as mentions come and go.

    Mentions sit in buckets (:func:`bucket_keys`); a pair is checked when two mentions share a bucket
    (in a number bucket, when one of them is relayed). Adding a mention checks it against the members
    of its buckets only, and taking it out drops the pairs it is in: a write that changed one call's
    mentions costs those mentions, not every pair of 18,000 mentions."""

    def __init__(self) -> None:
        self.buckets: dict[tuple, dict[int, Mention]] = {}
        self.relayed: dict[tuple, dict[int, Mention]] = {}  # number buckets: their relayed members
        self.pairs: dict[tuple[int, int], Pair] = {}
        self.of: dict[int, set[tuple[int, int]]] = {}  # finding id -> the pairs it is in
        self._sorted: list[Pair] | None = []

    def add(self, m: Mention) -> None:
        """Put a mention in and find its pairs."""
        for key in bucket_keys(m):
            members = self.buckets.setdefault(key, {})
            if key[0] == "number" and not m.relayed:
                others = self.relayed.get(key, {}).values()
            else:
                others = members.values()
            for other in others:
                first, second = sorted((m.finding_id, other.finding_id))
                if (first, second) not in self.pairs and (reason := reason_for(m, other)) is not None:
                    self.pairs[(first, second)] = Pair(first, second, reason)
                    self.of.setdefault(first, set()).add((first, second))
                    self.of.setdefault(second, set()).add((first, second))
                    self._sorted = None
            members[m.finding_id] = m
            if key[0] == "number" and m.relayed:
                self.relayed.setdefault(key, {})[m.finding_id] = m

    def remove(self, m: Mention) -> None:
        """Take a mention out (the object that was put in) with every pair it is in."""
        for ids in self.of.pop(m.finding_id, ()):
            del self.pairs[ids]
            other = ids[0] if ids[1] == m.finding_id else ids[1]
            self.of[other].discard(ids)
            if not self.of[other]:
                del self.of[other]
            self._sorted = None
        for key in bucket_keys(m):
            for table in (self.buckets, self.relayed):
                members = table.get(key)
                if members is not None and members.pop(m.finding_id, None) is not None and not members:
                    del table[key]

    def sorted(self) -> list[Pair]:
        """Every pair, by finding ids."""
        if self._sorted is None:
            self._sorted = sorted(self.pairs.values(), key=lambda p: (p.first, p.second))
        return self._sorted


def find_pairs(mentions: Sequence[Mention]) -> list[Pair]:
    """Every pair of mentions some rule suggests are the same losses, with the reason."""
    index = PairIndex()
    for m in mentions:
        index.add(m)
    return list(index.sorted())
