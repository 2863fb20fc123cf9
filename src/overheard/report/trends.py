"""Aggregate the findings on current transcripts into trend tables whose every cell keeps its evidence.

Only findings on each call's *current* transcript count (the store's rule: reviewed, else
imported, else ASR), so a call with several transcript versions is never counted twice.
Rejected findings and machine findings a person corrected (they are superseded by the
person's finding) are left out; accepted findings and ones nobody has reviewed yet are
counted and tallied apart. A call without a date is put in the ``undated`` period, never
dropped. Evidence text is masked (█) where it overlaps a personal entity unless the caller
asks for people.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import yaml

from overheard.annotate.regions import normalise_oblast, regions_asked
from overheard.annotate.rules.places import find_places
from overheard.errors import OverheardError
from overheard.model import (
    CASUALTY_SIDES,
    ExternalSeries,
    FindingKind,
    ReviewStatus,
    StoredFinding,
    casualty_side,
)
from overheard.redact.operators import MASK_CHAR, is_personal, mask_spans, personal_words, scrub
from overheard.report.calendar import (  # noqa: F401  (period helpers, re-exported for callers of this module)
    PERIODS,
    UNDATED,
    period_count,
    period_label,
    period_of,
    period_start,
    periods_between,
)
from overheard.report.facts import CallFacts, LiveFacts, read_facts
from overheard.report.series import SeriesView, align_series
from overheard.store import Store
from overheard.text import fold

UNKNOWN_PLACE = "unknown"
ALL = "all"
CASUALTY_ORDER = ("killed", "wounded", "missing", "refused", "captured", "deserted")
COUNTED = (ReviewStatus.PENDING, ReviewStatus.ACCEPTED)  # rejected and corrected (superseded) are left out
LABELS_FILE = Path(__file__).with_name("labels.yaml")
SIDES = (*CASUALTY_SIDES, ALL)
DEFAULT_SIDE = "own"
SIDE_NOTE = ("Casualties counted: {side}. 'own' counts the losses the text marks as the speaker's side's; "
             "mentions whose side the text does not decide ('unknown') are tallied beside, not added; the "
             "enemy's are counted apart (ANNOTATION.md, Side). Choose side=all to sum every mention.")


class ReportError(OverheardError):
    """A report option is invalid (unknown period, a date that cannot be read, ...)."""

    code = "E025"


@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, dict[str, Any]]]:
    """The Russian term and English gloss of every casualty category and theme (``labels.yaml``)."""
    return yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8"))


def label_for(table: str, key: str) -> str:
    """How a plot or table names a category or theme: "двухсотые / 200s (killed)"."""
    entry = labels()["themes" if table == "themes" else "casualties"].get(key)
    return f"{entry['term']} / {entry['gloss']}" if entry else key


def code_for(key: str) -> str | None:
    """The casualty code a category is spoken as ("200" for killed), if any."""
    entry = labels()["casualties"].get(key)
    return entry.get("code") if entry else None


@dataclass(frozen=True)
class ReportOptions:
    """What a report covers and how it groups: period size, date range, places, unmasked people or not."""

    by: str = "week"
    date_from: date | None = None
    date_to: date | None = None
    places: tuple[str, ...] = ()  # oblast or settlement names; a call matches any of them
    include_people: bool = False  # show evidence text unmasked (names, phones, call signs)
    side: str = DEFAULT_SIDE  # whose casualties the tables count: own, enemy, unknown or all

    def __post_init__(self) -> None:
        if self.by not in PERIODS:
            raise ReportError(f"--by must be one of {', '.join(PERIODS)}")
        if self.side not in SIDES:
            raise ReportError(f"--side must be one of {', '.join(SIDES)}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ReportError("--from is after --to")
        if self.date_from and self.date_to:
            check_period_count(self.date_from, self.date_to, self.by)


MAX_PERIODS = 1000  # a report wider than this (2023-2060 by day...) is refused, not computed for minutes


def check_period_count(first: date, last: date, by: str) -> None:
    """Refuse a report of more than MAX_PERIODS periods with a clear message (audit F7)."""
    count = period_count(first, last, by)
    if count > MAX_PERIODS:
        raise ReportError(f"{first}..{last} by {by} is {count:,} periods, over the {MAX_PERIODS:,} a report "
                          "shows; narrow the dates or group by week or month")


def parse_day(value: str | None, option: str = "date") -> date | None:
    """Read ``YYYY-MM-DD`` (or ``YYYY-MM``, the month's first day); empty means no bound."""
    if not value:
        return None
    text = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}", text):
            return date.fromisoformat(text + "-01")
        return date.fromisoformat(text[:10])
    except ValueError:
        raise ReportError(f"{option} must look like 2023-01-31") from None


@dataclass(frozen=True)
class CallPlace:
    """Where and when a call is counted: its period, oblast and settlement, and where that came from."""

    call_id: int
    key: str
    day: date | None
    period: str
    oblast: str
    settlement: str | None
    place_source: str  # "metadata", "metadata place, gazetteer", "places annotator" or "none"


@dataclass(frozen=True)
class Evidence:
    """One finding behind a number: where it is in the text and the audio, who made it and how sure."""

    call_id: int
    call_key: str
    call_date: str | None  # the call's date from its metadata (ISO), None when undated
    finding_id: int
    transcript_id: int
    kind: str
    label: str
    start: int
    end: int
    text: str  # masked (█) over personal entities unless the report includes people
    time_start: float | None
    time_end: float | None
    segment: int | None
    producer: str
    rule: str | None  # the lexicon entry or cue that fired, e.g. cas.200
    score: float
    review_status: str
    origin: str
    count: int | None
    approximate: bool
    explanation: str
    side: str | None = None  # casualty mentions: own, enemy or unknown

    @property
    def url(self) -> str:
        """The call page at the second that supports this finding (``?t=``), scrolled to the finding."""
        seek = f"?t={self.time_start:.2f}" if self.time_start is not None else ""
        return f"/calls/{self.call_id}{seek}#finding-{self.finding_id}"

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready copy."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__} | {"url": self.url}


@dataclass(frozen=True)
class Cell:
    """One number of a report table and every finding it is made of.

    Casualty cells: ``total`` is the sum of the stated numbers (exact ones and the lower
    bounds of approximate ones); ``exact_total`` only the exact ones; ``approximate`` counts
    mentions whose number is approximate, ``vague`` mentions with only a vague quantity
    ("много"), ``bare`` mentions with no quantity ("есть двухсотые"). Theme cells: ``calls``
    is the number of calls with the theme, ``mentions`` the utterances.
    """

    table: str  # "casualties" (by period), "places" (casualties by oblast) or "themes" (by period)
    period: str
    place: str
    key: str  # casualty category or theme
    mentions: int = 0
    total: int = 0
    exact_total: int = 0
    approximate: int = 0
    vague: int = 0
    bare: int = 0
    accepted: int = 0
    unreviewed: int = 0
    calls: int = 0
    settlements: tuple[tuple[str, int], ...] = ()  # places table: mentions per settlement
    evidence: tuple[Evidence, ...] = field(default=(), repr=False)

    @property
    def id(self) -> str:
        """Stable id of the cell inside a report, e.g. ``casualties|2023-W02|all|killed``."""
        return f"{self.table}|{self.period}|{self.place}|{self.key}"

    @property
    def value(self) -> int:
        """The headline number: people stated for casualties, calls for themes."""
        return self.calls if self.table == "themes" else self.total

    @property
    def label(self) -> str:
        """Russian term and English gloss of the cell's category or theme."""
        return label_for(self.table, self.key)

    def as_dict(self, evidence: bool = True) -> dict[str, Any]:
        """A JSON-ready copy, with the evidence list unless ``evidence`` is false."""
        data = {
            "id": self.id, "table": self.table, "period": self.period, "place": self.place, "key": self.key,
            "label": self.label, "code": code_for(self.key) if self.table != "themes" else None,
            "value": self.value, "mentions": self.mentions, "total": self.total, "exact_total": self.exact_total,
            "approximate": self.approximate, "vague": self.vague, "bare": self.bare, "accepted": self.accepted,
            "unreviewed": self.unreviewed, "calls": self.calls,
        }
        if self.table == "places":
            data["settlements"] = dict(self.settlements)
        if evidence:
            data["evidence"] = [item.as_dict() for item in self.evidence]
        return data


@dataclass(frozen=True)
class Report:
    """Trend tables over the current transcripts, and what went into them."""

    options: ReportOptions
    periods: tuple[str, ...]  # in time order; "undated" last when there are undated calls
    period_starts: dict[str, str]
    oblasts: tuple[str, ...]
    categories: tuple[str, ...]
    themes: tuple[str, ...]
    cells: tuple[Cell, ...]
    calls: tuple[CallPlace, ...]
    excluded: dict[str, int]  # rejected, corrected (superseded), no transcript, outside the dates/places
    sides: dict[str, dict[str, Any]] = field(default_factory=dict)  # every side's mentions, counted or not
    series: tuple[SeriesView, ...] = ()  # external series set beside the periods, each with its source

    @property
    def side_note(self) -> str:
        """What the casualty numbers count, in one paragraph (every page and export says it)."""
        return SIDE_NOTE.format(side=self.options.side)

    def period_label(self, period: str) -> str:
        """A period as calendar dates ("2–8 Jan 2023" for 2023-W01, "Jan 2023"), not a bare ISO week."""
        return period_label(period, self.options.by)

    def table(self, name: str) -> list[Cell]:
        """The cells of one table: ``casualties``, ``places`` or ``themes``."""
        return [cell for cell in self.cells if cell.table == name]

    def cell(self, cell_id: str) -> Cell | None:
        """The cell with this id, or None."""
        return next((cell for cell in self.cells if cell.id == cell_id), None)

    def grid(self, name: str) -> dict[tuple[str, str], Cell]:
        """One table as ``{(period or oblast, key): cell}``."""
        return {(c.place if name == "places" else c.period, c.key): c for c in self.table(name)}

    def as_dict(self, evidence: bool = True) -> dict[str, Any]:
        """A JSON-ready copy: options, axes, every table's cells (with evidence unless told not to)."""
        return {
            "options": {"by": self.options.by, "from": _iso(self.options.date_from), "to": _iso(self.options.date_to),
                        "places": list(self.options.places), "include_people": self.options.include_people,
                        "side": self.options.side},
            "side_note": self.side_note,
            "sides": {side: dict(entry) for side, entry in self.sides.items()},
            "periods": list(self.periods),
            "period_starts": dict(self.period_starts),
            "period_labels": {period: self.period_label(period) for period in self.periods},
            "oblasts": list(self.oblasts),
            "categories": [{"key": k, "label": label_for("casualties", k), "code": code_for(k)}
                           for k in self.categories],
            "themes": [{"key": k, "label": label_for("themes", k)} for k in self.themes],
            "calls": {"counted": len(self.calls), "undated": sum(1 for c in self.calls if c.day is None)},
            "excluded": dict(self.excluded),
            "tables": {name: [c.as_dict(evidence) for c in self.table(name)]
                       for name in ("casualties", "places", "themes")},
            "series": [view.as_dict() for view in self.series],
        }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _call_day(value: datetime | None) -> date | None:
    # The date as the metadata states it (local to where the call was recorded), not converted to UTC.
    return value.date() if value is not None else None


class _Masker:
    """Masks the personal entities of one transcript out of evidence text and explanations (the call page's rule).

    Evidence in a segment no personal-data detector has checked (``unchecked``; None: the whole
    transcript) is masked whole, explanation included: it may quote a name nobody has looked for.
    """

    def __init__(self, personal: Sequence[StoredFinding], unchecked: Collection[int] | None = ()) -> None:
        self.spans = [(f.finding.start, f.finding.end) for f in personal]
        self.words = personal_words(personal)
        self.unchecked = unchecked

    def blind(self, stored: StoredFinding) -> bool:
        """True when the finding lies in a segment nobody checked for personal data."""
        return self.unchecked is None or stored.segment_position in self.unchecked

    def text(self, stored: StoredFinding) -> str:
        f = stored.finding
        if self.blind(stored):
            return MASK_CHAR * len(f.text)
        return self.scrub(mask_spans(f.text, self.spans, f.start))

    def explanation(self, stored: StoredFinding) -> str:
        if self.blind(stored):
            return f"{stored.finding.label} (not yet checked for personal data)"
        return self.scrub(stored.finding.explanation)

    def scrub(self, text: str) -> str:
        return scrub(text, self.words)


@lru_cache(maxsize=4096)
def oblast_of_settlement(name: str) -> str | None:
    """The oblast of a settlement name from the metadata ("Сватово" → Luhansk), if the gazetteer knows it."""
    for match in find_places(name.strip()):
        if match.candidates and match.candidates[0][0].oblast:
            return match.candidates[0][0].oblast
    return None


def _place_from_findings(findings: Iterable[StoredFinding]) -> tuple[str, str | None] | None:
    oblasts, settlements = Counter(), {}
    for stored in findings:
        geo = stored.finding.attributes.get("geo")
        if stored.finding.label in ("LOC", "GPE") and isinstance(geo, dict) and geo.get("oblast"):
            oblasts[geo["oblast"]] += 1
            settlements.setdefault(geo["oblast"], geo.get("local") or stored.finding.attributes.get("normal"))
    if not oblasts:
        return None
    oblast = oblasts.most_common(1)[0][0]
    return oblast, settlements.get(oblast)


def _matches_place(place: CallPlace, wanted: Sequence[str]) -> bool:
    """A call's place against the report's places: its oblast (any spelling; an oblast takes in the city-regions
    drawn within it, ``annotate.regions``) or its settlement."""
    names = {fold(place.oblast)} | ({fold(place.settlement)} if place.settlement else set())
    return any(fold(w.strip()) in names or any(fold(region) in names for region in regions_asked(w)) for w in wanted)


def _matches_place_name(name: str, wanted: Sequence[str]) -> bool:
    """A series point's place against the report's places: an oblast (either spelling) or a settlement."""
    names = {fold(name.strip()), fold(normalise_oblast(name))}
    if (oblast := oblast_of_settlement(name)) is not None:
        names.add(fold(oblast))
    return any(fold(w.strip()) in names or any(fold(region) in names for region in regions_asked(w)) for w in wanted)


def _evidence(stored: StoredFinding, located: CallPlace, masker: _Masker | None) -> Evidence:
    f = stored.finding
    count = f.attributes.get("count")
    return Evidence(
        call_id=stored.call_id, call_key=located.key, call_date=_iso(located.day), finding_id=stored.id,
        transcript_id=stored.transcript_id,
        kind=str(f.kind), label=f.label, start=f.start, end=f.end,
        text=masker.text(stored) if masker else f.text,
        time_start=stored.time_start, time_end=stored.time_end, segment=stored.segment_position,
        producer=f.producer, rule=f.attributes.get("term_id"), score=f.score,
        review_status=stored.review_status.value, origin=stored.origin,
        count=count if isinstance(count, int) and not isinstance(count, bool) else None,
        approximate=bool(f.attributes.get("approximate", False)),
        explanation=masker.explanation(stored) if masker else f.explanation,
        side=casualty_side(f.attributes) if f.kind == FindingKind.CASUALTY else None,
    )


def _evidence_order(e: Evidence) -> tuple:
    """A cell's evidence order: dated calls first, by date, call, offset and finding."""
    return (e.call_date is None, e.call_date or "", e.call_id, e.start, e.finding_id)


class _Pile:
    """One cell's evidence in the cell's order, with its sums, kept as items come and go (a cell of a month
    by every side holds thousands of mentions: one changed call must not sort them all again)."""

    __slots__ = ("items", "mentions", "total", "exact_total", "approximate", "vague", "bare", "accepted",
                 "unreviewed", "calls")

    def __init__(self) -> None:
        self.items: list[Evidence] = []  # in _evidence_order (bisected by key: no second list of keys to hold)
        self.mentions = self.total = self.exact_total = self.approximate = self.vague = self.bare = 0
        self.accepted = self.unreviewed = 0
        self.calls: Counter = Counter()

    def add(self, item: Evidence, sign: int, bulk: bool = False) -> None:
        """Put an item in (``sign`` 1) or take it out (-1; the same object that was put in). ``bulk``: appended
        out of order, for a build from nothing that sorts every cell once at the end."""
        if bulk:
            self.items.append(item)
        else:
            at = bisect.bisect_left(self.items, _evidence_order(item), key=_evidence_order)
            if sign > 0:
                self.items.insert(at, item)
            else:
                del self.items[at]
        self.mentions += sign
        if item.count is not None:
            self.total += sign * item.count
            if item.approximate:
                self.approximate += sign
            else:
                self.exact_total += sign * item.count
        elif item.approximate:
            self.vague += sign
        else:
            self.bare += sign
        if item.review_status == ReviewStatus.ACCEPTED.value:
            self.accepted += sign
        elif item.review_status == ReviewStatus.PENDING.value:
            self.unreviewed += sign
        _count(self.calls, item.call_id, sign)

    def cell(self, table: str, period: str, place: str, key: str, **extra: Any) -> Cell:
        """The cell of these items."""
        return Cell(table=table, period=period, place=place, key=key, mentions=self.mentions, total=self.total,
                    exact_total=self.exact_total, approximate=self.approximate, vague=self.vague, bare=self.bare,
                    accepted=self.accepted, unreviewed=self.unreviewed, calls=len(self.calls),
                    evidence=tuple(self.items), **extra)


def _ordered(keys: Iterable[str], order: Sequence[str]) -> tuple[str, ...]:
    keys = set(keys)
    return tuple(k for k in order if k in keys) + tuple(sorted(keys - set(order)))


def build_report(store: Store, options: ReportOptions | None = None) -> Report:
    """Aggregate casualty mentions by period and oblast and themes by period, every cell with its evidence.

    A full rebuild: every call's facts are read afresh. Long-lived callers (the web app) keep the
    facts in a :class:`~overheard.report.facts.LiveFacts` and call :func:`report_from` instead."""
    return report_from(read_facts(store), store.external_series(), options or ReportOptions())


def live_report(store: Store, live: LiveFacts, options: ReportOptions | None = None,
                kept: dict[str, Any] | None = None) -> Report:
    """The same report as :func:`build_report`, from facts kept in ``live``: after a write only the calls it
    touched are reread and their part recomputed; with ``kept`` (a dict the caller keeps for these options),
    only the cells whose evidence changed are computed again."""
    options = options or ReportOptions()
    facts = live.current(store)
    parts = live.derived("report-people" if options.include_people else "report-masked",
                         partial(call_part, include_people=options.include_people), facts.calls)
    return report_from(facts.calls, store.external_series(), options, parts, kept)


@dataclass(frozen=True)
class CallPart:
    """What one call brings to every report, whatever its options: where and when, and its counted evidence."""

    call_id: int
    key: str
    day: date | None
    oblast: str
    settlement: str | None
    place_source: str
    has_findings: bool  # any finding on a current transcript (else the call is tallied as without)
    casualties: tuple[Evidence, ...]  # counted (pending or accepted) casualty mentions
    themes: tuple[Evidence, ...]
    rejected: int  # casualty and theme findings left out, by status
    corrected: int

    def located(self, by: str) -> CallPlace:
        """The call's place and its period for this grouping."""
        return CallPlace(self.call_id, self.key, self.day, period_of(self.day, by), self.oblast, self.settlement,
                         self.place_source)


def call_part(facts: CallFacts, include_people: bool) -> CallPart:
    """One call's part of every report: its place, and its counted evidence (masked unless ``include_people``)."""
    header, found = facts.header, facts.findings
    day = _call_day(header.recorded_at)
    counted = [f for f in found if f.review_status in COUNTED]
    if header.oblast:
        oblast, settlement, source = normalise_oblast(header.oblast), header.place, "metadata"
    elif header.place and (found_oblast := oblast_of_settlement(header.place)):
        oblast, settlement, source = found_oblast, header.place, "metadata place, gazetteer"
    elif (place := _place_from_findings(counted)) is not None:
        oblast, settlement, source = place[0], header.place or place[1], "places annotator"
    else:
        oblast, settlement, source = UNKNOWN_PLACE, header.place, "none"
    located = CallPlace(header.id, header.key, day, UNDATED, oblast, settlement, source)
    masker = None
    if not include_people:
        personal = [f for f in found if f.review_status != ReviewStatus.REJECTED and is_personal(f.finding)]
        masker = _Masker(personal, facts.unchecked)
    left_out = Counter(f.review_status for f in found if f.finding.kind in (FindingKind.CASUALTY, FindingKind.THEME))
    return CallPart(
        call_id=header.id, key=header.key, day=day, oblast=oblast, settlement=settlement, place_source=source,
        has_findings=bool(found),
        casualties=tuple(_evidence(f, located, masker) for f in counted if f.finding.kind == FindingKind.CASUALTY),
        themes=tuple(_evidence(f, located, masker) for f in counted if f.finding.kind == FindingKind.THEME),
        rejected=left_out[ReviewStatus.REJECTED], corrected=left_out[ReviewStatus.CORRECTED])


def report_from(calls: Mapping[int, CallFacts], series: Sequence[ExternalSeries], options: ReportOptions,
                parts: Mapping[int, CallPart] | None = None, kept: dict[str, Any] | None = None) -> Report:
    """The report over these calls' facts; ``parts``: each call's :func:`call_part` for these options' masking,
    already computed (a live cache), else computed here. ``kept``: a dict kept between calls with the same
    options: it holds the report's sums (:class:`_Sums`), and only the calls whose part is not the same object
    as last time are taken out of them and put back in; only the cells they touched are made again."""
    if parts is None:
        parts = {call_id: call_part(facts, options.include_people) for call_id, facts in calls.items()}
    if kept is None:
        return _Sums(options).update(parts).report(series)
    sums = kept.get("sums")
    if sums is None or sums.options != options:
        sums = kept.setdefault("sums", _Sums(options))  # setdefault: one object even when two threads race
        if sums.options != options:
            sums = kept["sums"] = _Sums(options)
    with sums.lock:
        try:
            sums.update(parts)
        except BaseException:
            if kept.get("sums") is sums:  # half updated: the next build starts from nothing
                del kept["sums"]
            raise
        return sums.report(series)  # a report refused (too many periods) leaves the sums as they are: whole


CellKey = tuple[str, str, str, str]  # table, period, place, key


class _Sums:
    """A report's sums over every call's part, for one set of options, kept between builds.

    :meth:`update` compares the parts with the ones it holds: a call whose part is a new object (its
    facts were reread after a write) has its old part's contribution subtracted and its new one added,
    so a write that touched one call costs one call, not a pass over 10,000. Contributions are exact
    inverses (counters and sets keyed by finding), and a cell is made again only when a part that
    touched it changed: the report equals the one summed from scratch (``tests/test_trends_incremental.py``).
    """

    def __init__(self, options: ReportOptions) -> None:
        self.options = options
        self.lock = threading.Lock()
        self.parts: dict[int, CallPart] = {}
        self.placed: dict[int, CallPlace] = {}  # counted calls
        self.excluded: Counter = Counter()
        self.days: Counter = Counter()  # counted calls per day (undated apart)
        self.undated = 0
        self.oblasts: Counter = Counter()
        self.order: list[tuple] = []  # the counted calls' sort keys, in order (Report.calls)
        self.items: dict[CellKey, _Pile] = {}  # each cell's evidence and sums
        self.settlements: dict[tuple[str, str], Counter] = defaultdict(Counter)
        self.categories: Counter = Counter()  # counted casualty items per category
        self.themes: Counter = Counter()
        self.sides = _SideTally()
        self.cells: dict[CellKey, Cell] = {}  # made cells, dropped when their evidence changes
        self.calls: tuple[CallPlace, ...] | None = None

    def update(self, parts: Mapping[int, CallPart]) -> _Sums:
        """Bring the sums to ``parts``: the calls whose part changed, or that came or went, are redone."""
        held = self.parts
        if not held:  # from nothing: every part appended, each cell and the calls sorted once
            for call_id, part in parts.items():
                self._add(part, 1, bulk=True)
                held[call_id] = part
            for pile in self.items.values():
                pile.items.sort(key=_evidence_order)
            self.order.sort()
            return self
        changed = [call_id for call_id, part in parts.items() if held.get(call_id) is not part]
        gone = [call_id for call_id in held if call_id not in parts] if len(held) + len(changed) > len(parts) else []
        for call_id in (*changed, *gone):
            if call_id in held:
                self._add(held.pop(call_id), -1)
        for call_id in changed:
            part = parts[call_id]
            self._add(part, 1)
            held[call_id] = part
        return self

    def _add(self, part: CallPart, sign: int, bulk: bool = False) -> None:
        """Add (``sign`` 1) or take out (-1) one call's part (``bulk``: out of order, see :meth:`update`)."""
        options = self.options
        self.excluded[ReviewStatus.REJECTED.value] += sign * part.rejected
        self.excluded[ReviewStatus.CORRECTED.value] += sign * part.corrected
        day = part.day
        if day is not None and ((options.date_from and day < options.date_from)
                                or (options.date_to and day > options.date_to)):
            self.excluded["outside_dates"] += sign
            return
        if sign > 0:
            located = part.located(options.by)
            if options.places and not _matches_place(located, options.places):
                self.excluded["outside_places"] += 1
                return
            self.placed[part.call_id] = located
        else:
            located = self.placed.pop(part.call_id, None)
            if located is None:  # it was outside the places
                self.excluded["outside_places"] -= 1
                return
        self.calls = None
        if not part.has_findings:
            self.excluded["no_transcript_or_findings"] += sign
        order_key = (day is None, day or date.min, part.call_id)
        if sign > 0:
            if bulk:
                self.order.append(order_key)
            else:
                bisect.insort(self.order, order_key)
        else:
            del self.order[bisect.bisect_left(self.order, order_key)]
        if day is None:
            self.undated += sign
        else:
            _count(self.days, day, sign)
        _count(self.oblasts, part.oblast, sign)
        period = located.period
        for item in part.casualties:
            if not self.sides.add(item, options.side, sign):
                continue
            self._item(("casualties", period, ALL, item.label), item, sign, bulk)
            self._item(("places", ALL, part.oblast, item.label), item, sign, bulk)
            _count(self.settlements[(part.oblast, item.label)], part.settlement or UNKNOWN_PLACE, sign)
            _count(self.categories, item.label, sign)
        for item in part.themes:
            self._item(("themes", period, ALL, item.label), item, sign, bulk)
            _count(self.themes, item.label, sign)

    def _item(self, key: CellKey, item: Evidence, sign: int, bulk: bool = False) -> None:
        pile = self.items.get(key)
        if pile is None:
            pile = self.items[key] = _Pile()
        pile.add(item, sign, bulk)
        if not pile.mentions:
            del self.items[key]
        self.cells.pop(key, None)

    def _cell(self, key: CellKey, **extra: Any) -> Cell:
        made = self.cells.get(key)
        if made is None:
            made = self.cells[key] = (self.items[key] if key in self.items else _Pile()).cell(*key, **extra)
        return made

    def report(self, series: Sequence[ExternalSeries]) -> Report:
        """The report of the sums as they are now."""
        options = self.options
        axis: list[tuple[str, date]] = []
        if self.days:
            first, last = options.date_from or min(self.days), options.date_to or max(self.days)
            check_period_count(first, last, options.by)
            axis = periods_between(first, last, options.by)
        periods = [key for key, _ in axis]
        if self.undated:
            periods.append(UNDATED)
        categories = _ordered(self.categories, CASUALTY_ORDER)
        themes = _ordered(self.themes, tuple(labels()["themes"]))
        aligned = align_series(series, options.by, axis,
                               (lambda name: _matches_place_name(name, options.places)) if options.places else None)
        oblasts = tuple(sorted(self.oblasts, key=lambda o: (o == UNKNOWN_PLACE, o)))
        cells = [self._cell(("casualties", period, ALL, key)) for period in periods for key in categories]
        cells += [self._cell(("places", ALL, oblast, key),
                             settlements=tuple(sorted(self.settlements[(oblast, key)].items())))
                  for oblast in oblasts for key in categories if ("places", ALL, oblast, key) in self.items]
        cells += [self._cell(("themes", period, ALL, key)) for period in periods for key in themes]
        if self.calls is None:
            placed = self.placed
            self.calls = tuple(placed[key[2]] for key in self.order)
        excluded = {name: count for name, count in self.excluded.items()
                    if count or name in (ReviewStatus.REJECTED.value, ReviewStatus.CORRECTED.value)}
        return Report(
            options=options,
            periods=tuple(periods),
            period_starts={key: start.isoformat() for key, start in axis},
            oblasts=oblasts,
            categories=categories,
            themes=themes,
            cells=tuple(cells),
            calls=self.calls,
            excluded=excluded,
            sides=self.sides.as_dict(options.side),
            series=aligned,
        )


def _count(counter: Counter, key: Any, sign: int) -> None:
    """Add ``sign`` to ``counter[key]``; a key whose count falls to zero is removed (as if never counted)."""
    value = counter[key] + sign
    if value:
        counter[key] = value
    else:
        del counter[key]


class _SideTally:
    """Casualty mentions and people stated per side, for every side: what a side choice leaves out is said."""

    def __init__(self) -> None:
        self.entries = {side: {"mentions": 0, "people": 0, "categories": Counter()} for side in CASUALTY_SIDES}
        self.numbered = {side: Counter() for side in CASUALTY_SIDES}  # numbered mentions per category

    def add(self, item: Evidence, wanted: str, sign: int = 1) -> bool:
        """Tally one casualty mention (``sign`` -1: take it out again); True when the report counts it (its side
        is the one wanted, or all)."""
        entry = self.entries[item.side]
        entry["mentions"] += sign
        if item.count is not None:
            entry["people"] += sign * item.count
            numbered = self.numbered[item.side]
            _count(numbered, item.label, sign)
            if item.label in numbered:
                entry["categories"][item.label] += sign * item.count
            else:  # no numbered mention of it left: gone, as if never counted (a count of 0 stays a key)
                del entry["categories"][item.label]
        return wanted == ALL or item.side == wanted

    def as_dict(self, wanted: str) -> dict[str, dict[str, Any]]:
        """Per side: mentions, people stated, people per category, and whether the tables count it."""
        return {side: {"mentions": e["mentions"], "people": e["people"],
                       "categories": dict(sorted(e["categories"].items(), key=lambda kv: _rank(kv[0]))),
                       "counted": wanted in (ALL, side)}
                for side, e in self.entries.items()}


def _rank(category: str) -> tuple[int, str]:
    return (CASUALTY_ORDER.index(category) if category in CASUALTY_ORDER else len(CASUALTY_ORDER), category)
