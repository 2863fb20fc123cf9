"""The Trends page's plots as plain SVG, written directly: a few milliseconds, where matplotlib takes seconds.

The web page redraws a plot whenever a write moves a bar (a rejected casualty, a corrected number),
so drawing must cost nothing beside the numbers. These are the same stacked bars as
:mod:`overheard.report.plots` (which still writes the PNG and SVG files of ``overheard report``): one
colour per category, every bar a link to the evidence behind it (``id="bar-<cell id>"``), "+N?" over a
period whose mentions state no number, external series as flat lines on a right axis
(``id="series-<n>"``) with their source cited under the plot. Colours and shapes are presentation
attributes and text is ``<text>``, so the SVG sits in a page with a strict Content-Security-Policy (no
``style`` attributes), and each bar has an accessible name ("9–15 Jan 2023, killed: 4").
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import timedelta
from html import escape

from overheard.report.plots import CATEGORY_COLOURS, ENGLISH, PALETTE, SERIES_COLOURS, PlotWords, cell_link, x_of
from overheard.report.trends import DEFAULT_SIDE, Cell, Report

FONT = 'font-family="DejaVu Sans, Verdana, sans-serif"'
TOP, BOTTOM, LEFT = 40, 104, 96  # room for the title, the slanted period labels, the left axis
SLOT = 26  # px per period
HEIGHT = 300  # of the bars' area
LEGEND = 230
NOTE = 14  # px per note line under the plot


def nice_ticks(top: float, most: int = 6) -> list[float]:
    """0 and round steps (1, 2 or 5 times a power of ten) up to ``top``, at most ``most`` + 1 ticks."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / most
    power = 10 ** math.floor(math.log10(raw))
    step = next(s * power for s in (1, 2, 5, 10) if s * power >= raw)
    step = max(step, 1.0)  # people and calls are whole numbers
    return [i * step for i in range(int(top // step) + 1)]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _stacked(report: Report, table: str, keys: tuple[str, ...], title: str, ylabel: str,
             link: Callable[[Cell], str], words: PlotWords) -> str:
    text = words.text
    grid = report.grid(table)
    periods = list(report.periods)
    labels = words.ticks(periods, report.options.by)

    def period_name(period: str) -> str:
        return words.period(period, report.options.by) if words.period else report.period_label(period)
    shown = [view for view in report.series if view.values]
    right_axis = 56 if shown else 0
    width = LEFT + max(8, len(periods)) * SLOT + 20 + right_axis + LEGEND
    notes = ([text.gettext("+N?: mentions with no number (без числа: «много», «есть двухсотые»)")]
             if table == "casualties" else []) + [text.gettext("Right axis: %(source)s") % {"source": view.citation}
                                                  for view in shown]
    height = TOP + HEIGHT + BOTTOM + NOTE * len(notes)
    plot_right = LEFT + max(8, len(periods)) * SLOT
    heights = {(period, key): (grid[(period, key)].value if (period, key) in grid else 0)
               for period in periods for key in keys}
    stacks = [sum(heights[(period, key)] for key in keys) for period in periods]
    ticks = nice_ticks(max(1, max(stacks, default=0)) * 1.25)
    top = ticks[-1] if ticks[-1] >= max(stacks, default=0) else max(stacks)

    def y(value: float) -> float:
        return TOP + HEIGHT - HEIGHT * value / top

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
           f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="group" '
           f'aria-label="{escape(title)}" class="trend-plot">',
           f"<title>{escape(title)}</title>",
           f'<text x="{LEFT}" y="22" {FONT} font-size="14" font-weight="bold">{escape(title)}</text>']
    # left axis: grid lines, tick labels, the axis label
    for tick in ticks:
        out.append(f'<line x1="{LEFT}" x2="{plot_right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#dddddd"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" {FONT} font-size="10" text-anchor="end">'
                   f"{_number(tick)}</text>")
    out.append(f'<text transform="translate(14 {TOP + HEIGHT / 2:.0f}) rotate(-90)" {FONT} font-size="11" '
               f'text-anchor="middle">{escape(ylabel)}</text>')
    out.append(f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + HEIGHT}" stroke="#333333"/>')
    out.append(f'<line x1="{LEFT}" x2="{plot_right}" y1="{TOP + HEIGHT}" y2="{TOP + HEIGHT}" stroke="#333333"/>')
    # bars, stacked per period in the order of the keys
    colours = {key: (CATEGORY_COLOURS.get(key, PALETTE[i % len(PALETTE)]) if table == "casualties"
                     else PALETTE[i % len(PALETTE)]) for i, key in enumerate(keys)}
    for x, period in enumerate(periods):
        left, bottom = LEFT + x * SLOT + 3, 0.0
        for key in keys:
            cell, value = grid.get((period, key)), heights[(period, key)]
            if not value or cell is None:
                continue
            y0, y1 = y(bottom + value), y(bottom)
            name = escape(f"{period_name(period)}, {words.name(table, key)}: {_number(value)}")
            out.append(f'<a id="bar-{escape(cell.id)}" xlink:href="{escape(link(cell))}" aria-label="{name}">'
                       f"<title>{name}</title>"
                       f'<path d="M{left:.1f} {y1:.1f}H{left + SLOT - 6:.1f}V{y0:.1f}H{left:.1f}Z" '
                       f'fill="{colours[key]}" stroke="#ffffff" stroke-width="0.5"/></a>')
            bottom += value
        if table == "casualties":  # mentions without a number add nothing to the height: say how many, linked
            unnumbered = [grid[(period, key)] for key in keys
                          if (period, key) in grid and grid[(period, key)].vague + grid[(period, key)].bare]
            if unnumbered:
                count = sum(c.vague + c.bare for c in unnumbered)
                said = text.gettext("%(n)s mentions with no number, %(period)s") % {
                    "n": count, "period": period_name(period)}
                out.append(f'<a xlink:href="{escape(link(unnumbered[0]))}" aria-label="{escape(said)}">'
                           f'<text x="{left + (SLOT - 6) / 2:.1f}" '
                           f'y="{y(bottom) - 3:.1f}" {FONT} font-size="9" text-anchor="middle">+{count}?</text></a>')
        centre = LEFT + x * SLOT + SLOT / 2
        out.append(f'<text transform="translate({centre:.1f} {TOP + HEIGHT + 12}) rotate(-45)" {FONT} '
                   f'font-size="10" text-anchor="end">{escape(labels[x])}</text>')
    axis = {"week": text.gettext("week (Monday to Sunday)"), "month": text.gettext("month"),
            "day": text.gettext("day")}.get(report.options.by, "")
    out.append(f'<text x="{(LEFT + plot_right) / 2:.0f}" y="{TOP + HEIGHT + BOTTOM - 6}" {FONT} font-size="11" '
               f'text-anchor="middle">{escape(axis)}</text>')
    legend = [(colours[key], words.name(table, key), "rect") for key in keys]
    if shown:
        legend += _overlay(out, report, shown, plot_right, y_top=TOP, height=HEIGHT, words=words)
    for row, (colour, text, shape) in enumerate(legend):
        at_x, at_y = plot_right + 16 + right_axis, TOP + 6 + row * 18
        mark = (f'<rect x="{at_x}" y="{at_y}" width="12" height="10" fill="{colour}"/>' if shape == "rect" else
                f'<line x1="{at_x}" x2="{at_x + 12}" y1="{at_y + 5}" y2="{at_y + 5}" stroke="{colour}" '
                f'stroke-width="2.5"/>')
        out.append(mark + f'<text x="{at_x + 18}" y="{at_y + 9}" {FONT} font-size="10">{escape(text)}</text>')
    for row, note in enumerate(notes):
        out.append(f'<text x="6" y="{TOP + HEIGHT + BOTTOM + NOTE * row + 10}" {FONT} font-size="9">'
                   f"{escape(note)}</text>")
    out.append("</svg>")
    return "".join(out)


def _overlay(out: list[str], report: Report, views, plot_right: float, *, y_top: float,
             height: float, words: PlotWords) -> list[tuple[str, str, str]]:
    """Each series as flat lines over its points' own spans, on a right axis; returns legend entries."""
    index = {key: i for i, key in enumerate(report.periods) if key in report.period_starts}
    top_value = max(value.value for view in views for value in view.values)
    ticks = nice_ticks(max(1.0, top_value) * 1.25)
    top = max(ticks[-1], top_value)

    def y(value: float) -> float:
        return y_top + height - height * value / top

    def x(position: float) -> float:  # period i spans i-0.5 .. i+0.5 on the categorical axis
        return LEFT + (position + 0.5) * SLOT

    out.append(f'<line x1="{plot_right}" x2="{plot_right}" y1="{y_top}" y2="{y_top + height}" stroke="#333333"/>')
    for tick in ticks:
        out.append(f'<text x="{plot_right + 6}" y="{y(tick) + 4:.1f}" {FONT} font-size="10">{_number(tick)}</text>')
    legend = []
    for number, view in enumerate(views):
        colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
        lines = []
        for value in view.values:
            x0 = x(x_of(value.start, report, index))
            x1 = x(x_of(value.end + timedelta(days=1), report, index))
            lines.append(f'<line x1="{x0:.1f}" x2="{x1:.1f}" y1="{y(value.value):.1f}" y2="{y(value.value):.1f}" '
                         f'stroke="{colour}" stroke-width="2.5"><title>{escape(view.label)}: '
                         f"{_number(value.value)} ({escape(value.span)})</title></line>")
        out.append(f'<g id="series-{number}">{"".join(lines)}</g>')
        legend.append((colour, words.text.gettext("%(label)s (right axis)") % {"label": view.label}, "line"))
    return legend


def _by(text, by: str) -> str:
    return {"day": text.gettext("by day"), "week": text.gettext("by week"),
            "month": text.gettext("by month")}.get(by, by)


def casualties_svg(report: Report, link: Callable[[Cell], str] | None = None, words: PlotWords = ENGLISH) -> str:
    """Stacked bars: people stated killed/wounded/... per period, one colour per category, as SVG text."""
    link = link or (lambda cell: cell_link(report, cell))
    text = words.text
    side = {"all": text.gettext("every side"), "own": text.gettext("own side"), "enemy": text.gettext("enemy side"),
            "unknown": text.gettext("unknown side")}.get(report.options.side or DEFAULT_SIDE, report.options.side)
    title = text.gettext("Casualties stated in calls (%(side)s), %(by)s") % {
        "side": side, "by": _by(text, report.options.by)}
    return _stacked(report, "casualties", report.categories, title,
                    text.gettext("people stated (exact + approximate)"), link, words)


def themes_svg(report: Report, link: Callable[[Cell], str] | None = None, words: PlotWords = ENGLISH) -> str:
    """Stacked bars: calls with each theme per period, as SVG text."""
    link = link or (lambda cell: cell_link(report, cell))
    text = words.text
    title = text.gettext("Themes in calls, %(by)s") % {"by": _by(text, report.options.by)}
    return _stacked(report, "themes", report.themes, title, text.gettext("calls"), link, words)
