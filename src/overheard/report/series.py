"""External series (court cases against refusers, announced losses...) set beside a report's periods.

A series is not aligned by arithmetic: a value is never split or spread. Each point sits in the
report's row where its span starts (or where the report's axis starts, for a point that began
before it), and a point wider than that row says its own span ("12 (Jan 2023)"), so summing a
column gives the series' total and a monthly figure on a weekly table is not mistaken for a week's.
The plots draw each point as a flat line over its own span, on a second axis.

Places: a point without a place (national figures) is always shown; when the report is limited to
places, a point with a place is shown only if it is one of them. Points at several places in one
row are summed. Points outside the report's dates or places are counted in ``outside``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from overheard.model import ExternalSeries
from overheard.report.calendar import next_start, period_of, range_label


def number_text(value: float) -> str:
    """12.0 -> "12", 12.5 -> "12.5"."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@dataclass(frozen=True)
class SeriesValue:
    """One point of a series on a report's axis: the row it sits in, its own span, value and place."""

    period: str
    start: date
    end: date
    value: float
    place: str | None
    notes: str | None
    wider: bool  # the point's span is not inside its row (a month's figure on a weekly table)

    @property
    def span(self) -> str:
        """The point's own span in calendar dates ("Jan 2023", "2–8 Jan 2023")."""
        return range_label(self.start, self.end)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {"period": self.period, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "span": self.span, "value": self.value, "place": self.place, "notes": self.notes,
                "wider": self.wider}


@dataclass(frozen=True)
class SeriesView:
    """An imported series on one report: its label and source (cited under every plot) and its values."""

    label: str
    source: str
    notes: str | None
    imported_at: str
    values: tuple[SeriesValue, ...]
    outside: int  # points outside the report's dates or places

    def by_period(self) -> dict[str, float]:
        """The sum of the values sitting in each row."""
        sums: dict[str, float] = defaultdict(float)
        for value in self.values:
            sums[value.period] += value.value
        return dict(sums)

    def cell_text(self, period: str) -> str:
        """A table cell: "12", or "12 (Jan 2023)" when the value covers more than the row; "·" when none."""
        here = [v for v in self.values if v.period == period]
        if not here:
            return "·"
        total = number_text(sum(v.value for v in here))
        spans = sorted({v.span for v in here if v.wider})
        return f"{total} ({', '.join(spans)})" if spans else total

    @property
    def citation(self) -> str:
        """How a plot or table cites the series."""
        return f"{self.label}. Source: {self.source}" + (f". {self.notes}" if self.notes else "")

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: label, source, notes, the values with their spans, and the sum per row."""
        return {"label": self.label, "source": self.source, "notes": self.notes, "imported_at": self.imported_at,
                "citation": self.citation, "values": [v.as_dict() for v in self.values],
                "by_period": self.by_period(), "outside": self.outside}


def align_series(series: Sequence[ExternalSeries], by: str, axis: Sequence[tuple[str, date]],
                 matches_place: Callable[[str], bool] | None = None) -> tuple[SeriesView, ...]:
    """Every series beside the report's periods (``axis``: period keys with their first days, in order).

    ``matches_place`` keeps points whose place is one of the report's places (None: no place filter).
    """
    views = []
    first = axis[0][1] if axis else None
    last = next_start(axis[-1][1], by) - timedelta(days=1) if axis else None
    starts = dict(axis)
    for one in series:
        values, outside = [], 0
        for point in one.points:
            if first is None or point.end < first or point.start > last or (
                    matches_place is not None and point.place and not matches_place(point.place)):
                outside += 1
                continue
            anchor = max(point.start, first)
            period = period_of(anchor, by)
            if period not in starts:  # cannot happen inside the axis; kept out rather than misplaced
                outside += 1
                continue
            row_start = starts[period]
            row_end = next_start(row_start, by) - timedelta(days=1)
            values.append(SeriesValue(period=period, start=point.start, end=point.end, value=point.value,
                                      place=point.place, notes=point.notes,
                                      wider=point.start < row_start or point.end > row_end))
        views.append(SeriesView(label=one.label, source=one.source, notes=one.notes,
                                imported_at=one.imported_at.isoformat(timespec="seconds"), values=tuple(values),
                                outside=outside))
    return tuple(views)
