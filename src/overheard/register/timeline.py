"""The event timeline: casualty incidents, refusals and punishments by date and place, each with its evidence.

Events come from what the register and the Trends report already hold, so they follow the same rules
(current transcripts; rejected findings left out; unreviewed ones shown and marked):

- **incident**: a register incident (the same losses told in several calls are one event), with its
  category, side, people, status and every mention as evidence;
- **refusal** and **punishment**: the calls with that theme, one event per call, each utterance as
  evidence.

Every piece of evidence links to its call at the second of audio (``/calls/ID?t=SECONDS#finding-ID``).
Evidence text is the Trends report's: masked over personal entities unless the report was built with
people, so a viewer reads no name here either. Dates and places filter through the report (calls outside
them leave their events out; undated calls stay, at the end).
"""

from __future__ import annotations

import bisect
import threading
from collections import Counter
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import Any

from overheard.register.incidents import Incident, Register
from overheard.report.calendar import day_label, range_label
from overheard.report.trends import ALL, CallPlace, Evidence, Report, ReportError, label_for

KINDS = ("incident", "refusal", "punishment")
PER_PAGE = 100


@dataclass(frozen=True)
class TimelineEvidence:
    """One finding behind an event: the call, the second, the text (masked as the report masks it)."""

    call_id: int
    finding_id: int
    day: date | None
    time_start: float | None
    text: str
    count: int | None
    review_status: str
    url: str

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {"call_id": self.call_id, "finding_id": self.finding_id,
                "date": self.day.isoformat() if self.day else None, "time_start": self.time_start,
                "text": self.text, "count": self.count, "review_status": self.review_status, "url": self.url}


@dataclass(frozen=True)
class TimelineEvent:
    """Something that happened, as the calls tell it: when, where, what, whose, and the evidence."""

    kind: str  # incident, refusal or punishment
    key: str  # "I12" for an incident, "refusal-7" for call 7's refusal
    first_day: date | None
    last_day: date | None
    oblasts: tuple[str, ...]
    places: tuple[str, ...]
    label: str  # "двухсотые / 200s (killed)", "отказ воевать / refusal"
    category: str  # the casualty category or the theme
    side: str | None  # incidents only
    people: int | None  # incidents only: the largest number its mentions state
    approximate: bool
    status: str  # merged / single (incidents); calls (themes)
    unreviewed: int
    evidence: tuple[TimelineEvidence, ...]

    @property
    def when(self) -> str:
        """Calendar dates: "14 Jan 2023", "14–17 Jan 2023", or "undated"."""
        if self.first_day is None:
            return "undated"
        return range_label(self.first_day, self.last_day or self.first_day)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: no call keys, no names; evidence text as masked for the reader."""
        return {"kind": self.kind, "key": self.key, "when": self.when,
                "first_day": self.first_day.isoformat() if self.first_day else None,
                "last_day": self.last_day.isoformat() if self.last_day else None,
                "oblasts": list(self.oblasts), "places": list(self.places), "label": self.label,
                "category": self.category, "side": self.side, "people": self.people,
                "approximate": self.approximate, "status": self.status, "unreviewed": self.unreviewed,
                "evidence": [e.as_dict() for e in self.evidence]}


@dataclass(frozen=True)
class Timeline:
    """One page of events in date order, and how many there are of each kind."""

    events: tuple[TimelineEvent, ...]
    counts: dict[str, int]
    total: int
    page: int
    pages: int

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {"events": [e.as_dict() for e in self.events], "counts": dict(self.counts), "total": self.total,
                "page": self.page, "pages": self.pages}


def _evidence(item: Evidence | None, mention, day: date | None) -> TimelineEvidence:
    if item is not None:
        return TimelineEvidence(call_id=item.call_id, finding_id=item.finding_id, day=day, time_start=item.time_start,
                                text=item.text, count=item.count, review_status=item.review_status, url=item.url)
    return TimelineEvidence(call_id=mention.call_id, finding_id=mention.finding_id, day=day,
                            time_start=mention.time_start, text="", count=mention.count,
                            review_status=mention.review_status, url=mention.url)


def _incident_event(incident: Incident, texts: dict[int, Evidence]) -> TimelineEvent:
    return TimelineEvent(
        kind="incident", key=incident.id, first_day=incident.days[0] if incident.days else None,
        last_day=incident.days[-1] if incident.days else None, oblasts=incident.oblasts, places=incident.places,
        label=label_for("casualties", incident.category), category=incident.category, side=incident.side,
        people=incident.people, approximate=incident.approximate, status=incident.status,
        unreviewed=incident.unreviewed,
        evidence=tuple(_evidence(texts.get(m.finding_id), m, m.day) for m in incident.mentions))


def build_timeline(register: Register, report: Report, kinds: tuple[str, ...] = KINDS, side: str = ALL,
                   page: int = 1, per_page: int = PER_PAGE) -> Timeline:
    """One page of the events of the chosen kinds (incidents of the chosen side) over the report's calls.

    ``report`` must count every side (``side="all"``): its evidence gives the masked text of each mention.
    """
    return page_of(timeline_events(register, report, kinds, side), kinds, page, per_page)


def check_kinds(kinds: tuple[str, ...]) -> tuple[str, ...]:
    """The kinds asked for, in timeline order; ReportError (E025) for an unknown one."""
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ReportError(f"kind must be one of {', '.join(KINDS)}")
    return tuple(k for k in KINDS if k in kinds) or KINDS


def timeline_events(register: Register, report: Report, kinds: tuple[str, ...] = KINDS,
                    side: str = ALL, kept: dict[str, Any] | None = None) -> list[TimelineEvent]:
    """Every event of the chosen kinds, in date order (undated last).

    ``kept``: a dict the caller keeps between calls. It holds, per report options, kinds and side, the
    events and their date order (:class:`_Kept`): a build walks only the report cells that are not the
    same objects as last time (their calls changed) and makes again only the events of incidents that are
    not the same objects or whose calls changed, and of those calls' refusals and punishments; each is
    taken out of the date order and put back by bisection."""
    kinds = check_kinds(kinds)
    if kept is None:
        return _Kept(kinds, side).update(register, report)
    choice = (report.options, kinds, side)
    state = kept.get(choice)
    if state is None:
        if len(kept) >= KEPT_CHOICES:  # the few choices in use; forget the oldest
            kept.pop(next(iter(kept)), None)
        state = kept.setdefault(choice, _Kept(kinds, side))
    with state.lock:
        try:
            return state.update(register, report)
        except BaseException:
            if kept.get(choice) is state:  # half updated: the next build starts from nothing
                del kept[choice]
            raise


KEPT_CHOICES = 8
THEMES = ("refusal", "punishment")


def _order_key(event: TimelineEvent) -> tuple:
    """Date order, undated last; the key makes it total (one place per event)."""
    return (event.first_day is None, event.first_day or date.min, event.oblasts, KINDS.index(event.kind), event.key)


class _Kept:
    """One choice of the timeline (report options, kinds, side), kept between builds."""

    def __init__(self, kinds: tuple[str, ...], side: str) -> None:
        self.kinds, self.side = kinds, side
        self.lock = threading.Lock()
        self.cells: dict[int, Any] = {}  # id -> the report's casualty and theme cells last walked (held: ids stay)
        self.texts: dict[int, Evidence] = {}  # finding id -> its evidence in the report (masked as it masks)
        self.themes: dict[str, dict[int, dict[int, Evidence]]] = {theme: {} for theme in THEMES}  # call -> items
        self.incidents: dict[str, tuple[Incident, TimelineEvent | None]] = {}
        self.events: dict[str, TimelineEvent] = {}  # key -> event
        self.order: list[tuple] = []  # the events' order keys, in order
        self.listed: list[TimelineEvent] = []  # the events in that order

    def _put(self, key: str, event: TimelineEvent | None) -> None:
        """Replace the event under ``key`` (None: there is none now) in the events and their order."""
        old = self.events.pop(key, None)
        if old is event:
            if event is not None:
                self.events[key] = event
            return
        if old is not None:
            at = bisect.bisect_left(self.order, _order_key(old))
            del self.order[at]
            del self.listed[at]
        if event is not None:
            self.events[key] = event
            order_key = _order_key(event)
            at = bisect.bisect_left(self.order, order_key)
            self.order.insert(at, order_key)
            self.listed.insert(at, event)

    def _cells(self, report: Report) -> tuple[set[int], set[int]]:
        """Walk the cells that are not the same objects as last time: the calls whose casualty evidence changed
        (a mention's evidence is another object now), and the calls whose refusal or punishment evidence did."""
        cells = {id(cell): cell for cell in report.cells if cell.table in ("casualties", "themes")}
        held = self.cells
        gone = [cell for key, cell in held.items() if key not in cells]
        new = [cell for key, cell in cells.items() if key not in held]
        texts, themes = self.texts, self.themes
        before: dict[int, Evidence | None] = {}  # finding id -> its evidence before this walk
        theme_before: dict[tuple[str, int, int], Evidence | None] = {}  # (theme, call, finding id) -> the same
        for cell in gone:
            for item in cell.evidence:
                if cell.table == "casualties":
                    before.setdefault(item.finding_id, texts.get(item.finding_id))
                    if texts.get(item.finding_id) is item:
                        del texts[item.finding_id]
                elif cell.key in THEMES:
                    items = themes[cell.key].get(item.call_id)
                    held = items.get(item.finding_id) if items is not None else None
                    theme_before.setdefault((cell.key, item.call_id, item.finding_id), held)
                    if held is item:
                        del items[item.finding_id]
                        if not items:
                            del themes[cell.key][item.call_id]
        for cell in new:
            for item in cell.evidence:
                if cell.table == "casualties":
                    before.setdefault(item.finding_id, texts.get(item.finding_id))
                    texts[item.finding_id] = item
                elif cell.key in THEMES:
                    items = themes[cell.key].setdefault(item.call_id, {})
                    theme_before.setdefault((cell.key, item.call_id, item.finding_id), items.get(item.finding_id))
                    items[item.finding_id] = item
        casualty_calls: set[int] = set()
        for finding_id, old in before.items():
            now = texts.get(finding_id)
            if now is not old:
                casualty_calls.update(e.call_id for e in (old, now) if e is not None)
        # a call's refusal or punishment is made again only when one of its items is another object now (a cell
        # of a month holds hundreds of calls: the others' events stay)
        theme_calls = {call for (theme, call, finding_id), old in theme_before.items()
                       if themes[theme].get(call, {}).get(finding_id) is not old}
        self.cells = cells
        return casualty_calls, theme_calls

    def update(self, register: Register, report: Report) -> list[TimelineEvent]:
        """The events over this register and report, the kept ones brought up to them."""
        first = not self.cells
        changed, theme_calls = self._cells(report)
        counted: dict[int, CallPlace] | None = None
        if "incident" in self.kinds:
            seen = 0
            for incident in register.incidents:
                seen += 1
                hit = self.incidents.get(incident.id)
                if (hit is not None and hit[0] is incident and not first
                        and (not changed or changed.isdisjoint(incident.calls))):
                    continue
                if counted is None:
                    counted = {c.call_id: c for c in report.calls}
                event = None
                if (self.side == ALL or incident.side == self.side) and any(c in counted for c in incident.calls):
                    event = _incident_event(incident, self.texts)
                self.incidents[incident.id] = (incident, event)
                self._put(incident.id, event)
            if seen < len(self.incidents):  # incidents gone (merged into another, or their mentions rejected)
                now = {incident.id for incident in register.incidents}
                for key in [key for key in self.incidents if key not in now]:
                    del self.incidents[key]
                    self._put(key, None)
        for theme in THEMES:
            if theme not in self.kinds:
                continue
            by_call = self.themes[theme]
            for call_id in (by_call if first else theme_calls):
                items = by_call.get(call_id)
                if not items:
                    self._put(f"{theme}-{call_id}", None)
                    continue
                if counted is None:
                    counted = {c.call_id: c for c in report.calls}
                self._put(f"{theme}-{call_id}", _theme_event(theme, counted[call_id], list(items.values())))
        return list(self.listed)


def _theme_event(theme: str, where: CallPlace, items: list[Evidence]) -> TimelineEvent:
    """A call's refusal or punishment: one event, each utterance as evidence."""
    return TimelineEvent(
        kind=theme, key=f"{theme}-{where.call_id}", first_day=where.day, last_day=where.day,
        oblasts=(where.oblast,), places=(where.settlement,) if where.settlement else (),
        label=label_for("themes", theme), category=theme, side=None, people=None, approximate=False,
        status=f"{len(items)} utterance{'s' if len(items) > 1 else ''}",
        unreviewed=sum(1 for e in items if e.review_status == "pending"),
        evidence=tuple(_evidence(e, None, where.day) for e in sorted(items, key=lambda e: (e.start, e.finding_id))))


def page_of(events: list[TimelineEvent], kinds: tuple[str, ...], page: int = 1,
            per_page: int = PER_PAGE) -> Timeline:
    """One page of events, with the counts of every kind."""
    if page < 1:
        raise ReportError("page starts at 1")
    kinds = check_kinds(kinds)
    found = Counter(map(attrgetter("kind"), events))
    counts = {kind: found[kind] for kind in kinds}
    pages = max(1, -(-len(events) // per_page))
    chosen = events[(page - 1) * per_page: page * per_page]
    return Timeline(events=tuple(chosen), counts=counts, total=len(events), page=min(page, pages), pages=pages)


def day_heading(day: date | None) -> str:
    """A day as the timeline heads it."""
    return day_label(day) if day else "undated"
