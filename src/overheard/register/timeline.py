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
from dataclasses import dataclass
from datetime import date
from typing import Any

from overheard.register.incidents import Incident, Register
from overheard.report.calendar import day_label, range_label
from overheard.report.trends import ALL, Evidence, Report, ReportError, label_for

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

    ``kept``: a dict the caller keeps between calls: an incident's event is reused when the incident and
    its evidence are the same objects as last time, a call's refusal or punishment event when its evidence
    is (the web app keeps both per call between writes)."""
    kinds = check_kinds(kinds)
    counted = {c.call_id: c for c in report.calls}
    texts, changed = _texts(report, kept)
    events: list[TimelineEvent] = []
    if "incident" in kinds:
        # an incident's event is reused when the incident is the same object and none of its calls' evidence
        # changed (evidence objects are rebuilt only for a call that was reread), with the same calls counted
        counted_now = frozenset(counted)
        last = kept.get(("incidents", side)) if kept is not None else None
        before, same_calls = (last[0], last[1] == counted_now) if last is not None else ({}, False)
        made: dict[str, tuple] = {}
        for incident in register.incidents:
            hit = before.get(incident.id)
            if (hit is not None and hit[0] is incident and same_calls and changed is not None
                    and changed.isdisjoint(incident.calls)):
                made[incident.id] = hit
                if hit[1] is not None:
                    events.append(hit[1])
                continue
            event = None
            if (side == ALL or incident.side == side) and any(c in counted for c in incident.calls):
                event = _incident_event(incident, texts)
                events.append(event)
            made[incident.id] = (incident, event)
        if kept is not None:  # swapped whole: another thread may be reading the old one
            kept[("incidents", side)] = (made, counted_now)
    before_calls = kept.get("calls", {}) if kept is not None else {}
    made_calls: dict[str, tuple] = {}
    for theme in ("refusal", "punishment"):
        if theme not in kinds:
            continue
        by_call: dict[int, list[Evidence]] = {}
        for cell in report.table("themes"):
            if cell.key == theme:
                for item in cell.evidence:
                    by_call.setdefault(item.call_id, []).append(item)
        for call_id, items in by_call.items():
            key = f"{theme}-{call_id}"
            hit = before_calls.get(key)
            if hit is not None and len(hit[0]) == len(items) and all(a is b for a, b in zip(hit[0], items,
                                                                                          strict=True)):
                made_calls[key] = hit  # the same evidence objects: the same call part, place and day
                events.append(hit[1])
                continue
            where = counted[call_id]
            events.append(TimelineEvent(
                kind=theme, key=f"{theme}-{call_id}", first_day=where.day, last_day=where.day,
                oblasts=(where.oblast,), places=(where.settlement,) if where.settlement else (),
                label=label_for("themes", theme), category=theme, side=None, people=None, approximate=False,
                status=f"{len(items)} utterance{'s' if len(items) > 1 else ''}",
                unreviewed=sum(1 for e in items if e.review_status == "pending"),
                evidence=tuple(_evidence(e, None, where.day) for e in sorted(items, key=lambda e: e.start))))
            made_calls[key] = (tuple(items), events[-1])
    if kept is not None:
        kept["calls"] = made_calls
    return _in_order(events, kept.setdefault("order", {}) if kept is not None else None, (kinds, side))


def _order_key(event: TimelineEvent) -> tuple:
    """Date order, undated last; the key makes it total (one place per event)."""
    return (event.first_day is None, event.first_day or date.min, event.oblasts, KINDS.index(event.kind), event.key)


def _in_order(events: list[TimelineEvent], kept: dict | None, choice: tuple) -> list[TimelineEvent]:
    """``events`` in date order. With ``kept``, the order of the last call with the same kinds and side is
    patched: the events that are not the same objects as last time are taken out and put in by bisection,
    so a write that changed one call moves a few events instead of sorting 30,000 again."""
    by_key = {event.key: event for event in events}
    last = kept.get(choice) if kept is not None else None
    if last is not None:
        order, before = last
        gone = [key for key, event in before.items() if by_key.get(key) is not event]
        new = [event for event in events if before.get(event.key) is not event]
        if len(gone) + len(new) <= len(events) // 8 + 8:
            order = list(order)  # copied: another thread may be reading the old one
            for key in gone:
                del order[bisect.bisect_left(order, _order_key(before[key]))]
            for event in new:
                bisect.insort(order, _order_key(event))
            if kept is not None:
                kept[choice] = (order, by_key)
            return [by_key[entry[-1]] for entry in order]
    order = sorted(_order_key(event) for event in events)
    if kept is not None:
        if len(kept) >= 8:  # the few kind and side choices in use; forget the oldest
            kept.pop(next(iter(kept)))
        kept[choice] = (order, by_key)
    return [by_key[entry[-1]] for entry in order]


def _texts(report: Report, kept: dict[str, Any] | None) -> tuple[dict[int, Evidence], frozenset[int] | None]:
    """Finding id -> the report's evidence for it (masked as the report masks it), and the calls whose
    evidence is not the same objects as last time (None: unknown, everything is new).

    With ``kept`` it is patched from the last call's: only the cells that are not the same objects as last
    time are walked."""
    cells = report.table("casualties")
    last = kept.get("texts") if kept is not None else None
    changed: frozenset[int] | None = None
    if last is None:
        texts = {e.finding_id: e for cell in cells for e in cell.evidence}
    else:
        before, old = last
        now = {id(cell): cell for cell in cells}
        texts = dict(old)
        touched: list[Evidence] = []
        for key, cell in before.items():
            if key not in now:
                for item in cell.evidence:
                    touched.append(item)
                    if texts.get(item.finding_id) is item:
                        del texts[item.finding_id]
        for key, cell in now.items():
            if key not in before:
                touched.extend(cell.evidence)
                texts.update((item.finding_id, item) for item in cell.evidence)
        changed = frozenset(item.call_id for item in touched if old.get(item.finding_id) is not
                            texts.get(item.finding_id))
    if kept is not None:
        kept["texts"] = ({id(cell): cell for cell in cells}, texts)  # the cells are held: their ids stay theirs
    return texts, changed


def page_of(events: list[TimelineEvent], kinds: tuple[str, ...], page: int = 1,
            per_page: int = PER_PAGE) -> Timeline:
    """One page of events, with the counts of every kind."""
    if page < 1:
        raise ReportError("page starts at 1")
    kinds = check_kinds(kinds)
    counts = {kind: sum(1 for e in events if e.kind == kind) for kind in kinds}
    pages = max(1, -(-len(events) // per_page))
    chosen = events[(page - 1) * per_page: page * per_page]
    return Timeline(events=tuple(chosen), counts=counts, total=len(events), page=min(page, pages), pages=pages)


def day_heading(day: date | None) -> str:
    """A day as the timeline heads it."""
    return day_label(day) if day else "undated"
