"""What every report reads of each call, kept between requests and brought up to date from the audit log.

A Trends report, the register and the timeline read, per call: its header (time and place), the
findings on its current transcript (every kind and status: casualties and themes are counted,
entities mask evidence and place the call), which segments of that transcript no personal-data
detector checked (evidence there is masked whole, fail closed), and the text of the segments that
hold casualty mentions (is the report relayed?). :class:`CallFacts` holds that for one call, and
:func:`read_facts` reads it for every call (a full rebuild) or for some.

:class:`LiveFacts` keeps the facts of one store. On each use it asks the store which calls the
writes since its last look touched (:meth:`~overheard.store.Store.changes_since`, read from the
audit log, which every write appends to in its own transaction) and rereads those calls only: a
review decision rereads one call, not 10,000. It rereads *everything* when it cannot tell what a
write touched: an entry that names no call and is not one of :data:`CALL_FREE`, or a log shorter
than it was (another database). A write that did not commit (a crash half way) is neither in the
data nor in the log, so it changes nothing here either.

Things derived from one call's facts (its report evidence, masked or not; its casualty mentions)
are kept by :meth:`LiveFacts.derived` beside the facts they came from and recomputed only when
that call's facts are new, so a report over 10,000 calls after one write recomputes one call's part.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from overheard.model import CallHeader, FindingKind, ReviewStatus, StoredFinding
from overheard.store import Store

# Audit actions that name no call and change nothing a report reads of a call: accounts, saved searches,
# the people desk (person tables, not findings), incident decisions and external series (both reread
# whole on every rebuild: they are small), publication packs and vault sweeps (files outside the calls'
# rows), and the summary of an annotate run (each transcript it wrote has its own entry naming its call).
# Any other call-less action makes LiveFacts reread every call.
CALL_FREE = ("user.", "search.", "claim.", "evidence.", "people.", "incident.", "series.", "publish.", "vault.",
             "annotate.run")
COUNTED = (ReviewStatus.PENDING, ReviewStatus.ACCEPTED)

T = TypeVar("T")


@dataclass(frozen=True)
class CallFacts:
    """One call as reports read it: header, findings on its current transcript, unchecked segments, segment texts."""

    header: CallHeader
    findings: tuple[StoredFinding, ...]  # on the current transcript, every kind and status, in text order
    unchecked: frozenset[int] | None  # that transcript's segments no personal-data detector checked; None: all
    segments: Mapping[int, tuple[int, str]]  # position -> (char start, text) of the segments with casualty mentions

    @property
    def call_id(self) -> int:
        """The call's id."""
        return self.header.id


READ_TRIES = 4


def read_facts(store: Store, call_ids: Sequence[int] | None = None) -> dict[int, CallFacts]:
    """The facts of every call (``call_ids`` None) or of these calls (ones that no longer exist are left out).

    The facts come from several queries; a write committed between them could pair one transcript's
    findings with another state of its checks. Every write appends to the audit log in its own
    transaction, so a read during which the log did not move saw one state: the read is repeated
    until so. If writers never pause, the last read is used with every segment counted as unchecked,
    so viewers see its evidence masked whole (fail closed) until the next read.
    """
    return _read_stable(store, call_ids)[0]


def _read_stable(store: Store, call_ids: Sequence[int] | None) -> tuple[dict[int, CallFacts], bool]:
    """:func:`read_facts`, and whether the read saw one state (False: every segment counted as unchecked)."""
    for _ in range(READ_TRIES):
        before = store.change_count()
        facts = _read(store, call_ids)
        if store.change_count() == before:
            return facts, True
    return {call_id: replace(found, unchecked=None) for call_id, found in facts.items()}, False


def _read(store: Store, call_ids: Sequence[int] | None) -> dict[int, CallFacts]:
    headers = store.call_headers(call_ids)
    found = store.findings(current_only=True, call_ids=call_ids)
    by_call: dict[int, list[StoredFinding]] = defaultdict(list)
    for stored in found:
        by_call[stored.call_id].append(stored)
    unchecked = store.unchecked_segments(sorted({items[0].transcript_id for items in by_call.values()}))
    wanted: dict[int, set[int]] = defaultdict(set)  # transcript -> positions holding casualty mentions
    for f in found:
        if f.finding.kind == FindingKind.CASUALTY and f.review_status in COUNTED and f.segment_position is not None:
            wanted[f.transcript_id].add(f.segment_position)
    texts = store.segment_texts(sorted(wanted)) if wanted else {}
    facts = {}
    for header in headers:
        items = by_call.get(header.id, [])
        transcript = items[0].transcript_id if items else None
        facts[header.id] = CallFacts(
            header=header, findings=tuple(items),
            unchecked=unchecked.get(transcript) if transcript is not None else None,
            segments={position: texts[(transcript, position)] for position in sorted(wanted.get(transcript, ()))
                      if (transcript, position) in texts})
    return facts


class _Derived(Generic[T]):
    """One value per call, kept with the facts it was computed from."""

    def __init__(self, make: Callable[[CallFacts], T]) -> None:
        self.make = make
        self.kept: dict[int, tuple[CallFacts, T]] = {}
        self.last: tuple[Mapping[int, CallFacts], dict[int, T]] | None = None  # the calls last seen, the values

    def over(self, calls: Mapping[int, CallFacts], patch: _Patch | None = None) -> dict[int, T]:
        """The value of every call (the dict returned is not to be changed: it may be returned again).

        ``patch``: how ``calls`` was made from the calls before (which calls were reread): when those are the
        calls last seen here, only the reread calls are looked at, not all 10,000."""
        kept = self.kept
        if self.last is not None and self.last[0] is calls:
            return self.last[1]
        if patch is not None and self.last is not None and patch.before is self.last[0] and patch.after is calls:
            out = dict(self.last[1])
            for call_id in patch.reread:
                facts = calls.get(call_id)
                if facts is None:
                    out.pop(call_id, None)
                    kept.pop(call_id, None)
                    continue
                hit = kept.get(call_id)
                if hit is None or hit[0] is not facts:
                    hit = kept[call_id] = (facts, self.make(facts))
                out[call_id] = hit[1]
            self.last = (calls, out)
            return out
        out = {}
        for call_id, facts in calls.items():
            hit = kept.get(call_id)
            if hit is None or hit[0] is not facts:
                hit = (facts, self.make(facts))
                kept[call_id] = hit
            out[call_id] = hit[1]
        if len(kept) > len(calls):  # calls gone since: forget them
            for call_id in [c for c in kept if c not in calls]:
                del kept[call_id]
        self.last = (calls, out)
        return out


@dataclass(frozen=True)
class _Patch:
    """The last partial update: ``after`` is ``before`` with the calls in ``reread`` read again (or gone)."""

    before: Mapping[int, CallFacts]
    after: Mapping[int, CallFacts]
    reread: frozenset[int]


@dataclass(frozen=True)
class Facts:
    """The facts of every call at one audit position, and which calls the last update reread."""

    version: int
    calls: Mapping[int, CallFacts]
    reread: frozenset[int] | None  # None: every call was read (a full rebuild)


class LiveFacts:
    """The call facts of one store, kept in memory and updated from the audit log; thread safe."""

    def __init__(self, after_full_read: Callable[[], object] | None = None) -> None:
        self.after_full_read = after_full_read  # e.g. the web app freezes the heap (gc.freeze) under the facts
        self._lock = threading.Lock()
        self._facts: Facts | None = None
        self._derived: dict[str, _Derived] = {}
        self._patch: _Patch | None = None
        self.full_reads = 0  # how many times every call was read (for tests and benchmarks)
        self.partial_reads = 0

    def current(self, store: Store) -> Facts:
        """The facts as the store is now: the calls written since the last look reread, or all when unsure."""
        with self._lock:
            kept = self._facts
            if kept is not None:
                changes = store.changes_since(kept.version)  # before the data: data read after is at least as new
                if changes.version == kept.version and not changes.rewound:
                    return kept
                if not changes.rewound and all(action.startswith(CALL_FREE) for action in changes.actions):
                    fresh, stable = _read_stable(store, sorted(changes.calls)) if changes.calls else ({}, True)
                    calls = dict(kept.calls)  # copied, not changed in place: readers may hold the old mapping
                    for call_id in changes.calls:
                        calls.pop(call_id, None)
                    calls.update(fresh)
                    self.partial_reads += 1
                    self._patch = _Patch(kept.calls, calls, frozenset(changes.calls))
                    facts = Facts(changes.version, calls, frozenset(changes.calls))
                    self._facts = facts if stable else None  # a torn read is used once, masked, never kept
                    return facts
            version = store.change_count()
            found, stable = _read_stable(store, None)
            facts = Facts(version, found, None)
            self._patch = None
            self._facts = facts if stable else None
            self.full_reads += 1
            if self.after_full_read is not None:
                self.after_full_read()
            return facts

    def derived(self, name: str, make: Callable[[CallFacts], T], calls: Mapping[int, CallFacts]) -> dict[int, T]:
        """``make(facts)`` for every call, recomputed only for calls whose facts are new since the last use (after
        a partial update, only the calls it reread are looked at). The dict returned is not to be changed."""
        with self._lock:
            cache = self._derived.setdefault(name, _Derived(make))
            return cache.over(calls, self._patch)
