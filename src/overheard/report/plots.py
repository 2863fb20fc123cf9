"""Plots of a report with matplotlib (Agg, DejaVu Sans so Cyrillic renders), as PNG and linked SVG.

In the SVG every bar is a link (``Artist.set_url``) to the page listing the evidence behind
it, and text is drawn as glyph paths, so the file needs no fonts. These are the files of
``overheard report``; the web page draws its plots with :mod:`overheard.report.svgplot`.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote_plus, urlencode

from matplotlib.ticker import MaxNLocator

from overheard.report.calendar import next_start, period_bounds, period_of, tick_labels
from overheard.report.series import SeriesView
from overheard.report.trends import DEFAULT_SIDE, Cell, Report, ReportOptions, label_for

# Colour per casualty category and theme order (colour-blind safe Okabe-Ito first, then tab10).
PALETTE = ("#000000", "#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#D55E00", "#0072B2", "#F0E442",
           "#7f7f7f", "#8c564b", "#bcbd22", "#17becf")
SERIES_COLOURS = ("#7B3294", "#008837", "#C2A5CF", "#A6DBA0")  # purple/green: apart from the bars' colours
CATEGORY_COLOURS = {"killed": "#222222", "wounded": "#D55E00", "missing": "#56B4E9", "refused": "#E69F00",
                    "captured": "#0072B2", "deserted": "#009E73"}


@dataclass(frozen=True)
class PlotWords:
    """What a plot says besides its numbers. The default is English (files, the CLI); the web passes the interface
    language's catalogue (its msgids are the English below, extracted by ``make i18n``), tick labels and names."""

    text: gettext.NullTranslations = field(default_factory=gettext.NullTranslations)
    ticks: Callable[[list[str], str], list[str]] = tick_labels  # (period keys, period size) -> axis labels
    name: Callable[[str, str], str] = label_for  # (table, category or theme) -> legend label
    period: Callable[[str, str], str] | None = None  # (period key, period size) -> its dates; None: the report's


ENGLISH = PlotWords()


def cell_link(report: Report, cell: Cell, base: str = "/trends") -> str:
    """The web page that lists this cell's evidence (the trends page with the same options and the cell)."""
    before, after = _link_parts(report.options, base)
    return f"{before}{quote_plus(cell.id)}{after}"


@lru_cache(maxsize=64)
def _link_parts(options: ReportOptions, base: str) -> tuple[str, str]:
    """What comes before and after the cell id in :func:`cell_link` (the same for every cell of a report)."""
    query = {"by": options.by}
    if options.side != DEFAULT_SIDE:
        query["side"] = options.side
    after = {}
    if options.date_from:
        after["from"] = options.date_from.isoformat()
    if options.date_to:
        after["to"] = options.date_to.isoformat()
    if options.places:
        after["place"] = ",".join(options.places)
    return f"{base}?{urlencode(query)}&cell=", (f"&{urlencode(after)}" if after else "") + "#evidence"


def plot_inputs(report: Report) -> tuple:
    """Everything the two plots draw, as one hashable value: reports with equal inputs have the same plots.

    A write that moves no bar (accepting a finding, a personal-data decision, a hand-made finding on a
    theme the call already counts) leaves the plots as they were, so they need not be drawn again."""
    bars = tuple((cell.id, cell.value, cell.vague, cell.bare) for cell in report.cells if cell.table != "places")
    return (report.options, report.periods, report.categories, report.themes, bars,
            tuple(repr(view) for view in report.series))


def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.family": "DejaVu Sans", "svg.fonttype": "path", "svg.hashsalt": "overheard"})
    return plt


def _stacked(report: Report, table: str, keys: tuple[str, ...], title: str, ylabel: str,
             link: Callable[[Cell], str], words: PlotWords = ENGLISH):
    plt = _pyplot()
    text = words.text
    grid = report.grid(table)
    periods = list(report.periods)
    fig, ax = plt.subplots(figsize=(max(6.0, 0.7 * len(periods) + 4), 4.8), dpi=100)
    bottoms = [0] * len(periods)
    for index, key in enumerate(keys):
        cells = [grid.get((period, key)) for period in periods]
        heights = [cell.value if cell else 0 for cell in cells]
        colour = CATEGORY_COLOURS.get(key, PALETTE[index % len(PALETTE)]) if table == "casualties" \
            else PALETTE[index % len(PALETTE)]
        label = words.name(table, key)
        bars = ax.bar(range(len(periods)), heights, bottom=bottoms, color=colour, label=label, edgecolor="white",
                      linewidth=0.5)
        for bar, cell in zip(bars, cells, strict=True):
            if cell is not None and cell.value:
                bar.set_url(link(cell))
                bar.set_gid(f"bar-{cell.id}")
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    if table == "casualties":
        # Mentions without a number add nothing to a bar's height; say how many, linked to them.
        for x, period in enumerate(periods):
            unnumbered = [grid[(period, key)] for key in keys
                          if (period, key) in grid and grid[(period, key)].vague + grid[(period, key)].bare]
            if unnumbered:
                count = sum(c.vague + c.bare for c in unnumbered)
                marker = ax.annotate(f"+{count}?", (x, bottoms[x]), xytext=(0, 2), textcoords="offset points",
                                   ha="center", va="bottom", fontsize=8)
                marker.set_url(link(unnumbered[0]))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xticks(range(len(periods)), words.ticks(periods, report.options.by), rotation=45, ha="right")
    ax.set_xlabel({"week": text.gettext("week (Monday to Sunday)"), "month": text.gettext("month"),
                   "day": text.gettext("day")}[report.options.by])
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.spines[["top"]].set_visible(False)
    shown = [view for view in report.series if view.values]
    overlay = _overlay(ax, report, shown, text) if shown else []
    handles, labels = ax.get_legend_handles_labels()
    if keys or overlay:
        ax.legend(handles + overlay, labels + [h.get_label() for h in overlay], loc="upper left",
                  bbox_to_anchor=(1.08 if overlay else 1.01, 1.0), fontsize=8, frameon=False)
    if not overlay:
        ax.spines[["right"]].set_visible(False)
    top = max(bottoms, default=0)
    ax.set_ylim(0, max(1, top) * 1.25)
    notes = []
    if table == "casualties":
        notes.append(text.gettext("+N?: mentions with no number (без числа: «много», «есть двухсотые»)"))
    notes += [text.gettext("Right axis: %(source)s") % {"source": view.citation} for view in shown]
    for row, note in enumerate(reversed(notes)):
        fig.text(0.01, 0.01 + row * 0.035, note, fontsize=7)
    fig.tight_layout(rect=(0, 0.035 * len(notes), 1, 1))
    return fig


def x_of(day, report: Report, index: dict[str, int]) -> float:
    """Where a day falls on the categorical period axis (period i spans i-0.5 .. i+0.5), clipped to the axis."""
    by = report.options.by
    key = period_of(day, by)
    if key not in index:
        return -0.5 if not index or day < period_bounds(next(iter(index)), by)[0] else len(index) - 0.5
    start, end = period_bounds(key, by)
    length = (next_start(start, by) - start).days
    return index[key] - 0.5 + (day - start).days / length


def _overlay(ax, report: Report, views: list[SeriesView], text: gettext.NullTranslations) -> list:
    """Each external series on a second (right) axis: every point a flat line over its own span."""
    from datetime import timedelta

    from matplotlib.lines import Line2D

    index = {key: i for i, key in enumerate(report.periods) if key in report.period_starts}
    right = ax.twinx()
    handles, top = [], 0.0
    for number, view in enumerate(views):
        colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
        for value in view.values:
            x0 = x_of(value.start, report, index)
            x1 = x_of(value.end + timedelta(days=1), report, index)
            right.plot([x0, x1], [value.value, value.value], color=colour, linewidth=2.5,
                       solid_capstyle="butt", gid=f"series-{number}")
            top = max(top, value.value)
        label = text.gettext("%(label)s (right axis)") % {"label": view.label}
        handles.append(Line2D([], [], color=colour, linewidth=2.5, label=label))
    right.set_ylim(0, max(1.0, top) * 1.25)
    right.set_ylabel(views[0].label if len(views) == 1 else text.gettext("external series"), fontsize=8)
    right.spines[["top"]].set_visible(False)
    return handles


def _by(text: gettext.NullTranslations, by: str) -> str:
    return {"day": text.gettext("by day"), "week": text.gettext("by week"), "month": text.gettext("by month")}[by]


def casualties_figure(report: Report, link: Callable[[Cell], str] | None = None, words: PlotWords = ENGLISH):
    """Stacked bars: people stated killed/wounded/... per period, one colour per category."""
    link = link or (lambda cell: cell_link(report, cell))
    text = words.text
    side = {"all": text.gettext("every side"), "own": text.gettext("own side"), "enemy": text.gettext("enemy side"),
            "unknown": text.gettext("unknown side")}.get(report.options.side, report.options.side)
    return _stacked(report, "casualties", report.categories,
                    text.gettext("Casualties stated in calls (%(side)s), %(by)s")
                    % {"side": side, "by": _by(text, report.options.by)},
                    text.gettext("people stated (exact + approximate)"), link, words)


def themes_figure(report: Report, link: Callable[[Cell], str] | None = None, words: PlotWords = ENGLISH):
    """Stacked bars: calls with each theme per period."""
    link = link or (lambda cell: cell_link(report, cell))
    text = words.text
    return _stacked(report, "themes", report.themes,
                    text.gettext("Themes in calls, %(by)s") % {"by": _by(text, report.options.by)},
                    text.gettext("calls"), link, words)


def svg_text(fig) -> str:
    """The figure as SVG text (links kept), and the figure closed."""
    plt = _pyplot()
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(fig)
    return buffer.getvalue()


def write_plots(report: Report, directory: Path, link: Callable[[Cell], str] | None = None) -> list[Path]:
    """Write casualties and themes plots as PNG and SVG into ``directory``; return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in (("casualties", casualties_figure), ("themes", themes_figure)):
        fig = make(report, link)
        png = directory / f"{name}.png"
        fig.savefig(png, format="png", metadata={"Software": "overheard"})
        svg = directory / f"{name}.svg"
        svg.write_text(svg_text(fig), encoding="utf-8")
        written += [png, svg]
    return written
