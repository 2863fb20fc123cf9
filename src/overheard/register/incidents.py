"""The casualty register: mentions grouped into incidents by reviewers' decisions, with proposals and ranges.

An **incident** is a group of casualty mentions that describe the same losses. Every mention starts
as its own incident; reviewers' live decisions, applied oldest first, merge mentions into one
incident, split mentions out of one, or keep mentions apart (no more proposals for them). An
incident stands for the **largest** number its mentions state (three calls each saying "трое
двухсотых" about the same losses are 3 people, not 9).

Counts are ranges. The **upper** bound counts incidents as the reviewers left them (undecided
proposals stay apart); the **lower** bound also merges every undecided proposal. Once every
proposal is decided the two meet. Mentions a person has not reviewed are counted and tallied
(``unreviewed``), as in Trends.

**Side** (ANNOTATION.md): the register counts ``own`` losses by default. Mentions whose side the
text does not decide (``unknown``) are not counted as own: they are tallied beside, and ``side=all``
or ``side=unknown`` shows them; ``enemy`` losses are always counted apart. A merged incident takes
the side its mentions decide (own or enemy; never both, a merge of own with enemy is refused).
"""

from __future__ import annotations

import bisect
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from overheard.model import CASUALTY_ORDER, CASUALTY_SIDES, IncidentDecision
from overheard.register.mentions import Mention, load_mentions
from overheard.register.proposals import Pair, PairIndex
from overheard.store import Store

SIDE_CHOICES = (*CASUALTY_SIDES, "all")
DEFAULT_SIDE = "own"


@dataclass(frozen=True)
class Incident:
    """One set of losses, told in one or more mentions (possibly in several calls).

    What it derives from its mentions (side, people, days...) is computed once: the register's totals,
    sorting and exports read them for every incident many times."""

    id: str  # "I" + the smallest finding id among its mentions
    mentions: tuple[Mention, ...]
    decisions: tuple[int, ...]  # the live decisions that shaped it

    @property
    def category(self) -> str:
        """The casualty category of its mentions."""
        return self.mentions[0].category

    @cached_property
    def side(self) -> str:
        """own or enemy when any mention decides it, else unknown."""
        decided = {m.side for m in self.mentions} - {"unknown"}
        return decided.pop() if len(decided) == 1 else "unknown"

    @cached_property
    def people(self) -> int | None:
        """The largest number its mentions state (None when none states a number)."""
        counts = [m.count for m in self.mentions if m.count is not None]
        return max(counts) if counts else None

    @cached_property
    def approximate(self) -> bool:
        """True when the largest number stated is an approximation."""
        people = self.people
        return any(m.approximate for m in self.mentions if m.count == people) if people is not None else False

    @cached_property
    def calls(self) -> tuple[int, ...]:
        """The calls its mentions come from."""
        return tuple(sorted({m.call_id for m in self.mentions}))

    @cached_property
    def days(self) -> tuple[date, ...]:
        """The dates of those calls (undated ones left out)."""
        return tuple(sorted({m.day for m in self.mentions if m.day is not None}))

    @cached_property
    def places(self) -> tuple[str, ...]:
        """Settlements named for it (utterance, else call metadata)."""
        return tuple(sorted({m.settlement for m in self.mentions if m.settlement}))

    @cached_property
    def oblasts(self) -> tuple[str, ...]:
        """Oblasts of its mentions."""
        return tuple(sorted({m.oblast for m in self.mentions}))

    @cached_property
    def unreviewed(self) -> int:
        """Mentions nobody has accepted yet."""
        return sum(1 for m in self.mentions if m.review_status == "pending")

    @property
    def status(self) -> str:
        """merged (one incident of several mentions, by a reviewer) or single."""
        return "merged" if len(self.mentions) > 1 else "single"

    def as_dict(self, proposal: str | None = None) -> dict[str, Any]:
        """JSON-ready: numbers, category, side, places, dates, calls and mention ids (no text, no names)."""
        return {
            "id": self.id, "category": self.category, "side": self.side, "people": self.people,
            "approximate": self.approximate, "mentions": len(self.mentions), "calls": list(self.calls),
            "first_day": self.days[0].isoformat() if self.days else None,
            "last_day": self.days[-1].isoformat() if self.days else None,
            "places": list(self.places), "oblasts": list(self.oblasts), "status": self.status,
            "unreviewed": self.unreviewed, "proposal": proposal, "decisions": list(self.decisions),
            "findings": [{"id": m.finding_id, "call_id": m.call_id, "date": m.day.isoformat() if m.day else None,
                          "count": m.count, "approximate": m.approximate, "side": m.side,
                          "review_status": m.review_status, "origin": m.origin, "relayed": m.relayed,
                          "url": m.url} for m in self.mentions],
        }


@dataclass(frozen=True)
class Proposal:
    """Incidents some rule suggests are the same losses, for a reviewer to merge or keep apart."""

    id: str  # "P" + the smallest finding id among them
    incidents: tuple[str, ...]
    findings: tuple[int, ...]
    category: str
    reasons: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {"id": self.id, "incidents": list(self.incidents), "findings": list(self.findings),
                "category": self.category, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class Totals:
    """One category and side of the register: mentions, and people and incidents as ranges."""

    category: str
    side: str
    mentions: int
    mention_people: int  # what summing the mentions gives (the Trends number): the unmerged ceiling
    incidents_low: int  # undecided proposals merged
    incidents_high: int  # undecided proposals kept apart
    people_low: int
    people_high: int
    unnumbered: int  # incidents that state no number (vague or bare): in incidents, not in people
    unreviewed: int  # mentions nobody has accepted
    undecided: int  # mentions in proposals nobody has decided

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class Register:
    """Every incident, every undecided proposal and every decision, over the live casualty mentions."""

    incidents: tuple[Incident, ...]
    proposals: tuple[Proposal, ...]
    decisions: tuple[IncidentDecision, ...]
    mentions: dict[int, Mention] = field(repr=False)
    tallies: _Tallies | None = field(default=None, repr=False, compare=False)  # sums over the incidents

    def proposal_of(self) -> dict[str, str]:
        """Incident id -> the undecided proposal it is in."""
        return {incident: p.id for p in self.proposals for incident in p.incidents}

    def incident_of(self, finding_id: int) -> Incident | None:
        """The incident a mention belongs to."""
        return next((i for i in self.incidents if any(m.finding_id == finding_id for m in i.mentions)), None)

    def _tallies(self) -> _Tallies:
        if self.tallies is not None:
            return self.tallies
        tallies = _Tallies()
        for incident in self.incidents:
            tallies.add(incident, 1)
        proposed = set(self.proposal_of())
        return tallies.with_proposed([i for i in self.incidents if i.id in proposed])

    def totals(self, side: str = DEFAULT_SIDE, categories: Sequence[str] | None = None) -> list[Totals]:
        """Per category, for one side (or ``all``): mentions, people and incidents as ranges.

        Kept sums over every incident (:class:`_Tallies`) give the upper bounds; only the incidents in
        undecided proposals (few) are walked for the lower bounds."""
        proposal_of = self.proposal_of()
        tallies = self._tallies()
        out = []
        for category in categories or _ordered(tallies.categories):
            base = [0] * len(_SUMS)
            for each in CASUALTY_SIDES:
                if side in ("all", each):
                    base = [a + b for a, b in zip(base, tallies.sums.get((category, each), ()), strict=False)] \
                        if (category, each) in tallies.sums else base
            sums = dict(zip(_SUMS, base, strict=True))
            chosen = [i for i in tallies.proposed if i.category == category and (side == "all" or i.side == side)]
            merged: dict[str, list[Incident]] = defaultdict(list)  # lower bound: proposals merged
            for incident in chosen:
                merged[proposal_of[incident.id]].append(incident)
            low_people = [max((i.people for i in group if i.people is not None), default=None)
                          for group in merged.values()]
            out.append(Totals(
                category=category, side=side, mentions=sums["mentions"], mention_people=sums["mention_people"],
                incidents_low=sums["incidents"] - len(chosen) + len(merged), incidents_high=sums["incidents"],
                people_low=sums["people"] - sum(i.people for i in chosen if i.people is not None)
                + sum(p for p in low_people if p is not None),
                people_high=sums["people"], unnumbered=sums["unnumbered"], unreviewed=sums["unreviewed"],
                undecided=sum(len(i.mentions) for i in chosen),
            ))
        return out

    def side_tally(self) -> dict[str, dict[str, int]]:
        """Mentions and people (upper bound) per side: what the ``own`` default leaves out is said, not hidden."""
        tally: dict[str, dict[str, int]] = {s: {"mentions": 0, "incidents": 0, "people": 0} for s in CASUALTY_SIDES}
        for (_category, side), sums in self._tallies().sums.items():
            entry = tally[side]
            for name in ("mentions", "incidents", "people"):
                entry[name] += sums[_SUMS.index(name)]
        return tally


_SUMS = ("mentions", "mention_people", "incidents", "people", "unnumbered", "unreviewed")


class _Tallies:
    """Sums over incidents per category and side (:data:`_SUMS`), kept by the register between builds: an
    incident's contribution is added when it appears and taken out when it goes."""

    def __init__(self) -> None:
        self.sums: dict[tuple[str, str], list[int]] = {}
        self.categories: Counter = Counter()  # incidents per category, every side
        self.proposed: tuple[Incident, ...] = ()  # incidents in undecided proposals

    def add(self, incident: Incident, sign: int) -> None:
        """Add (``sign`` 1) or take out (-1) one incident."""
        people = incident.people
        self._add(incident.category, incident.side, (
            len(incident.mentions), sum(m.count for m in incident.mentions if m.count is not None), 1,
            people or 0, people is None, incident.unreviewed), sign)

    def add_single(self, m: Mention, sign: int) -> None:
        """:meth:`add` for the incident of one mention alone, read from the mention (its side, people and
        unreviewed are the mention's; nothing of the incident is computed)."""
        count = m.count
        self._add(m.category, m.side, (1, count or 0, 1, count or 0, count is None, m.review_status == "pending"),
                  sign)

    def _add(self, category: str, side: str, values: tuple, sign: int) -> None:
        key = (category, side)
        sums = self.sums.get(key)
        if sums is None:
            sums = self.sums[key] = [0] * len(_SUMS)
        for index, value in enumerate(values):
            sums[index] += sign * value
        if not sums[2]:
            del self.sums[key]
        self.categories[category] += sign
        if not self.categories[category]:
            del self.categories[category]

    def copy(self) -> _Tallies:
        """A copy that can be added to without changing this one."""
        made = _Tallies()
        made.sums = {key: list(sums) for key, sums in self.sums.items()}
        made.categories = Counter(self.categories)
        return made

    def with_proposed(self, proposed: Sequence[Incident]) -> _Tallies:
        """These tallies, naming the incidents in undecided proposals."""
        self.proposed = tuple(proposed)
        return self


def _ordered(keys: Iterable[str]) -> list[str]:
    keys = set(keys)
    return [k for k in CASUALTY_ORDER if k in keys] + sorted(keys - set(CASUALTY_ORDER))


def apply_decisions(mentions: Sequence[Mention], decisions: Sequence[IncidentDecision]
                    ) -> tuple[dict[int, int], dict[int, set[int]], set[frozenset[int]]]:
    """Fold the live decisions, oldest first, over the mentions.

    Returns the group of each mention (finding id -> group), the live decisions behind each group,
    and the pairs of mentions reviewers kept apart. Decisions naming mentions that are no longer
    live (rejected, or on an older transcript) apply to the ones that still are.
    """
    group = {m.finding_id: m.finding_id for m in mentions}
    shaped: dict[int, set[int]] = defaultdict(set)
    apart: set[frozenset[int]] = set()
    fresh = -1
    for decision in decisions:
        if not decision.live:
            continue
        present = [f for f in decision.findings if f in group]
        if decision.action == "merge" and present:
            targets = {group[f] for f in present}
            target = min(targets)
            for finding, current in group.items():
                if current in targets:
                    group[finding] = target
            shaped[target] |= {decision.id} | {d for t in targets for d in shaped.pop(t, set())}
            apart -= {frozenset((a, b)) for a in present for b in present if a != b}
        elif decision.action == "split":
            for finding in present:
                group[finding] = fresh
                shaped[fresh].add(decision.id)
                fresh -= 1
        elif decision.action == "keep_apart":
            apart |= {frozenset((a, b)) for a in present for b in present if a != b}
    return group, shaped, apart


def build_register(store: Store, mentions: Sequence[Mention] | None = None,
                   kept: dict[str, Any] | None = None) -> Register:
    """The register now: incidents after the live decisions, and the proposals still undecided.

    ``kept``: a dict the caller keeps between builds (the web app, with mentions kept per call). It holds
    the register's state (:class:`_Kept`): a build compares the mentions with the ones it holds and redoes
    only those that are not the same objects (their call was reread), and the mentions the live decisions
    name (few); the single-mention incidents of every other mention, their order, their sums and their
    candidate pairs are kept. The result equals a build from nothing (``tests/test_trends_incremental.py``)."""
    mentions = load_mentions(store) if mentions is None else mentions
    decisions = tuple(store.incident_decisions())
    if kept is None:
        return _Kept().update(mentions, decisions)
    state = kept.setdefault("state", _Kept())
    with state.lock:
        try:
            return state.update(mentions, decisions)
        except BaseException:
            if kept.get("state") is state:  # half updated: the next build starts from nothing
                del kept["state"]
            raise


def _order(incident: Incident) -> tuple:
    return (incident.days[0] if incident.days else date.max, incident.id)


def _single_order(m: Mention) -> tuple:
    """:func:`_order` of the incident of ``m`` alone."""
    return (m.day if m.day is not None else date.max, f"I{m.finding_id}")


class _Kept:
    """What a register keeps between builds: the mentions, the incident of every mention no live decision
    names (it is alone: a single), the singles' order and sums, and the candidate pairs."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.mentions: dict[int, Mention] = {}
        self.named: frozenset[int] = frozenset()  # finding ids the live decisions name
        self.singles: dict[int, Incident] = {}
        self.order: list[tuple] = []  # the singles' sort keys, in order
        self.listed: list[Incident] = []  # the singles in that order
        self.ordered: tuple[Incident, ...] | None = ()
        self.tallies = _Tallies()
        self.pairs = PairIndex()

    def _single(self, m: Mention, sign: int, bulk: bool = False) -> None:
        """Add (1) or take out (-1) the single incident of ``m`` (``bulk``: appended out of order, see update)."""
        if sign > 0:
            incident = self.singles[m.finding_id] = Incident(id=f"I{m.finding_id}", mentions=(m,), decisions=())
            key = _single_order(m)
            at = len(self.order) if bulk else bisect.bisect_left(self.order, key)
            self.order.insert(at, key)
            self.listed.insert(at, incident)
        else:
            incident = self.singles.pop(m.finding_id, None)
            if incident is None:
                return
            m = incident.mentions[0]  # the mention it was made of
            at = bisect.bisect_left(self.order, _single_order(m))
            del self.order[at]
            del self.listed[at]
        self.tallies.add_single(m, sign)
        self.ordered = None

    def update(self, mentions: Sequence[Mention], decisions: tuple[IncidentDecision, ...]) -> Register:
        """The register over these mentions and decisions, the kept state brought up to them."""
        now = {m.finding_id: m for m in mentions}
        held = self.mentions
        changed = [f for f, m in now.items() if held.get(f) is not m]
        gone = [f for f in held if f not in now] if len(held) + len(changed) > len(now) else []
        named = frozenset(f for d in decisions if d.live for f in d.findings)
        for f in (*changed, *gone):
            if f in held:
                old = held[f]
                self.pairs.remove(old)
                self._single(old, -1)
        bulk = not held  # from nothing: singles appended, sorted once below
        for f in changed:
            m = now[f]
            self.pairs.add(m)
            if f not in named:
                self._single(m, 1, bulk)
        if bulk and self.order:
            self.order, self.listed = map(list, zip(*sorted(zip(self.order, self.listed, strict=True),
                                                          key=lambda pair: pair[0]), strict=True))
        for f in named - self.named:  # newly named: no longer a single
            if f in self.singles:
                self._single(now[f], -1)
        for f in self.named - named:  # no longer named: a single again
            if f in now and f not in self.singles:
                self._single(now[f], 1)
        self.mentions, self.named = now, named
        return self._register(decisions)

    def _register(self, decisions: tuple[IncidentDecision, ...]) -> Register:
        now = self.mentions
        present = [now[f] for f in sorted(self.named) if f in now]
        group, shaped, apart = apply_decisions(present, decisions)
        members: dict[int, list[Mention]] = defaultdict(list)
        for m in present:
            members[group[m.finding_id]].append(m)
        named: dict[int, Incident] = {}
        for key, found in members.items():
            found.sort(key=lambda m: (m.day is None, m.day or date.min, m.call_id, m.start, m.finding_id))
            named[key] = Incident(id=f"I{min(m.finding_id for m in found)}", mentions=tuple(found),
                                  decisions=tuple(sorted(shaped.get(key, ()))))
        if self.ordered is None:
            self.ordered = tuple(self.listed)
        ordered = self.ordered
        tallies = self.tallies.copy()  # a snapshot: the kept sums change with the next write, this register not
        if named:  # the few incidents the decisions shaped, put among the singles
            order, listed = list(self.order), list(self.listed)
            for incident in named.values():
                key = _order(incident)
                at = bisect.bisect_left(order, key)
                order.insert(at, key)
                listed.insert(at, incident)
                tallies.add(incident, 1)
            ordered = tuple(listed)

        def incident_of(key: int) -> Incident:
            return named[key] if key in named else self.singles[key]

        proposals = _proposals(self.pairs.sorted(), lambda f: group.get(f, f), apart, incident_of)
        tallies.with_proposed(list({incident_of(group.get(f, f)).id: incident_of(group.get(f, f))
                                    for p in proposals for f in p.findings}.values()))
        return Register(incidents=ordered, proposals=tuple(proposals), decisions=decisions, mentions=now,
                        tallies=tallies)


def _proposals(pairs: Sequence[Pair], group: Callable[[int], int], apart: set[frozenset[int]],
               incident: Callable[[int], Incident]) -> list[Proposal]:
    """Connect incidents that some pair links (not already one, not kept apart) into proposals."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    reasons: dict[int, list[str]] = defaultdict(list)
    links = []
    for pair in pairs:
        a, b = group(pair.first), group(pair.second)
        if a == b or frozenset((pair.first, pair.second)) in apart:
            continue
        if incident(a).side != incident(b).side and "unknown" not in (incident(a).side, incident(b).side):
            continue
        links.append((a, b, pair.reason))
        parent[find(a)] = find(b)
    for a, _b, reason in links:
        reasons[find(a)].append(reason)
    components: dict[int, set[int]] = defaultdict(set)
    for a, b, _reason in links:
        components[find(a)] |= {a, b}
    out = []
    for root, keys in components.items():
        chosen = sorted((incident(k) for k in keys), key=lambda i: i.id)
        findings = tuple(sorted(m.finding_id for i in chosen for m in i.mentions))
        out.append(Proposal(id=f"P{findings[0]}", incidents=tuple(i.id for i in chosen), findings=findings,
                            category=chosen[0].category, reasons=tuple(dict.fromkeys(reasons[root]))))
    return sorted(out, key=lambda p: p.id)
