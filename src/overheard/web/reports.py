"""The Trends page and its JSON twin: report tables and plots whose every number opens its evidence.

``/trends`` shows the casualties and themes plots (inline SVG: each bar is a link) and the
tables; ``?cell=ID`` adds that number's evidence list, each row linking to the call page at
the supporting second (``/calls/N?t=SECONDS#finding-M``). ``/api/trends`` returns the same
report with every cell's evidence. Viewers get evidence text with personal entities masked,
exactly as the call page masks them; analysts and above see it unmasked.
"""

from __future__ import annotations

import dataclasses
import gc
import threading
import weakref
from collections import OrderedDict
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from markupsafe import Markup

from overheard.errors import NotFoundError
from overheard.model import Role, WebSession
from overheard.register import DEFAULT_SIDE, SIDE_CHOICES, Register, build_register
from overheard.register.exports import RANGE_NOTE, SIDE_NOTE, range_text
from overheard.register.mentions import live_mentions
from overheard.report.facts import LiveFacts
from overheard.report.formats import cell_text
from overheard.report.plots import PlotWords, cell_link, plot_inputs
from overheard.report.svgplot import casualties_svg, themes_svg
from overheard.report.trends import Report, ReportOptions, live_report, parse_day
from overheard.store import Store
from overheard.web import i18n
from overheard.web.api import access_of, store_of
from overheard.web.auth import require
from overheard.web.explain import category_name, theme_name
from overheard.web.pages import render
from overheard.web.words import period_words, tick_words

router = APIRouter()
NO_STORE = {"Cache-Control": "no-store"}
CACHED_REPORTS = 16  # per store: a click on a bar re-renders the same report with another cell selected
CACHE_BUDGET = 200_000  # cells + evidence items kept per store (a 10,000-call report is ~30,000): bounds memory

_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_cache_lock = threading.Lock()
_live: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # store -> LiveFacts
_kept: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # store -> {view: what it reuses after a write}
_plots: OrderedDict = OrderedDict()  # plot inputs -> the two SVGs (content-addressed: any store, any user)
CACHED_PLOTS = 16


def options_from(by: str, date_from: str | None, date_to: str | None, place: list[str] | None,
                 include_people: bool, side: str | None = None) -> ReportOptions:
    """Query parameters as report options (``place`` may repeat or hold comma-separated names)."""
    places = tuple(p.strip() for value in place or () for p in value.split(",") if p.strip())
    return ReportOptions(by=by or "week", date_from=parse_day(date_from, "from"), date_to=parse_day(date_to, "to"),
                         places=places, include_people=include_people, side=side or DEFAULT_SIDE)


def cached(store: Store, options: ReportOptions, what: str, make) -> Any:
    """``make()`` for these options, kept until the store changes (the last few per store)."""
    version = store.change_count()  # every write moves it
    key = (options, what)
    with _cache_lock:
        entries = _cache.setdefault(store, OrderedDict())
        hit = entries.get(key)
        if hit is not None and hit[0] == version:
            entries.move_to_end(key)
            return hit[1]
    value = make()
    with _cache_lock:
        entries[key] = (version, value, _cost(value))
        while len(entries) > 1 and (len(entries) > CACHED_REPORTS
                                    or sum(entry[2] for entry in entries.values()) > CACHE_BUDGET):
            entries.popitem(last=False)
    return value


def _cost(value: Any) -> int:
    """Roughly how much a cached value holds: its cells and their evidence (plots count as their text size)."""
    if isinstance(value, Report):
        return sum(1 + len(cell.evidence) for cell in value.cells)
    if hasattr(value, "mentions") and hasattr(value, "incidents"):  # the register: one unit per mention
        return len(value.mentions)
    if isinstance(value, list):  # timeline events: about two units per event (itself and its evidence)
        return 2 * len(value)
    return len(str(value)) // 1000


def freeze_heap() -> None:
    """Move every object alive now out of the cyclic garbage collector's reach (``gc.freeze``).

    The facts of 10,000 calls are ~600,000 long-lived objects; without this every full collection walks
    them all, and one request in a few after a write took twice as long. They hold no reference cycles, so
    reference counting still frees them when a full reread replaces them."""
    gc.collect()
    gc.freeze()


def live_facts(store: Store) -> LiveFacts:
    """The call facts kept for this store: after a write only the calls it touched are reread."""
    with _cache_lock:
        live = _live.get(store)
        if live is None:
            live = _live[store] = LiveFacts(after_full_read=freeze_heap)
        return live


def kept_for(store: Store, name: str) -> dict[str, Any]:
    """A dict a view keeps between rebuilds for this store (what it can reuse after a write); the last
    CACHED_REPORTS * 2 names per store are kept."""
    with _cache_lock:
        names = _kept.setdefault(store, OrderedDict())
        found = names.get(name)
        if found is None:
            found = names[name] = {}
            while len(names) > CACHED_REPORTS * 2:
                names.popitem(last=False)
        names.move_to_end(name)
        return found


def current_register(request: Request) -> Register:
    """The casualty register, rebuilt only when the store changed (shared by Trends and /register), from kept
    call facts: only the mentions of calls written since are recomputed."""
    store = store_of(request)
    return cached(store, None, "register", lambda: build_register(
        store, live_mentions(store, live_facts(store)), kept_for(store, "register")))


def register_box(request: Request, side: str = DEFAULT_SIDE) -> dict[str, Any]:
    """What Trends shows of the register: per category, people and incidents as ranges, mentions, unreviewed.

    Kept with the register until the store changes (totals read the register's kept sums and walk only the
    incidents in undecided proposals)."""
    built = current_register(request)
    return cached(store_of(request), None, f"register-box|{side}", lambda: {
        "side": side, "totals": [t.as_dict() for t in built.totals(side)], "sides": built.side_tally(),
        "note": SIDE_NOTE.format(side=side) + " " + RANGE_NOTE})


def plot_words() -> PlotWords:
    """The plots' words in the interface language: its catalogue, period ticks and category and theme names."""
    return PlotWords(text=i18n.catalogue(), ticks=tick_words, period=period_words,
                     name=lambda table, key: theme_name(key) if table == "themes" else category_name(key))


def trends_report(request: Request, web_session: WebSession, options: ReportOptions) -> Report:
    """The report for this user: evidence unmasked only for roles that see original text."""
    options = dataclasses.replace(options, include_people=access_of(web_session).original)
    store = store_of(request)
    return cached(store, options, "report", lambda: live_report(store, live_facts(store), options,
                                                                kept_for(store, f"report|{options!r}")))


def report_plots(report: Report) -> dict[str, Markup]:
    """The casualties and themes plots as inline SVG in the interface language, drawn again only when what they
    draw (or the language) changed."""
    key = (plot_inputs(report), i18n.current())
    with _cache_lock:
        hit = _plots.get(key)
        if hit is not None:
            _plots.move_to_end(key)
            return hit
    words = plot_words()
    plots = {"casualties": Markup(casualties_svg(report, words=words)),
             "themes": Markup(themes_svg(report, words=words))}
    with _cache_lock:
        _plots[key] = plots
        while len(_plots) > CACHED_PLOTS:
            _plots.popitem(last=False)
    return plots


def selected_cell(report: Report, cell_id: str | None) -> dict[str, Any] | None:
    """The cell asked for with ``?cell=``, with its evidence; NotFoundError if the report has no such cell."""
    if not cell_id:
        return None
    cell = report.cell(cell_id)
    if cell is None:
        raise NotFoundError("no such number in this report; open the trends page again")
    return cell.as_dict(evidence=True)


def table_rows(report: Report, name: str) -> dict[str, Any]:
    """One table for the template: column labels and rows of (text, link, id) per cell."""
    keys = report.themes if name == "themes" else report.categories
    grid = report.grid(name)
    rows = report.oblasts if name == "places" else report.periods
    beside = report.series if name != "places" else ()
    out = []
    for row in rows:
        cells = [grid.get((row, key)) for key in keys]
        if name == "places" and not any(cells):
            continue
        out.append({"head": row if name == "places" else period_words(row, report.options.by),
                    "key": row if name != "places" and report.period_label(row) != row else None,
                    "cells": [{"text": cell_text(cell), "href": cell_link(report, cell) if cell and cell.mentions
                               else None, "id": cell.id if cell else None} for cell in cells],
                    "series": [view.cell_text(row) for view in beside]})
    return {"name": name, "columns": [theme_name(k) if name == "themes" else category_name(k) for k in keys],
            "series": [view.label for view in beside], "rows": out}


@router.get("/trends", include_in_schema=False)
def trends_page(request: Request, by: str = "week", date_from: str | None = Query(None, alias="from"),
                date_to: str | None = Query(None, alias="to"), place: list[str] | None = Query(None),
                cell: str | None = None, side: str | None = None,
                web_session: WebSession = Depends(require(Role.VIEWER))) -> HTMLResponse:
    """Plots and tables of casualties (own side unless ``side``) and themes, external series beside them;
    ``cell`` lists one number's evidence."""
    report = trends_report(request, web_session, options_from(by, date_from, date_to, place, False, side))
    data = report.as_dict(evidence=False)
    plots = report_plots(report)
    tables = [table_rows(report, name) for name in ("casualties", "places", "themes")]
    page = render(request, "trends.html", web_session, data=data, plots=plots, tables=tables,
                  register=register_box(request, report.options.side), range_text=range_text,
                  selected=selected_cell(report, cell), by=report.options.by, side=report.options.side,
                  sides=SIDE_CHOICES, date_from=date_from or "", date_to=date_to or "",
                  place=",".join(report.options.places))
    page.headers.update(NO_STORE)
    return page


@router.get("/api/trends", tags=["api"])
def trends_api(request: Request, by: str = "week", date_from: str | None = Query(None, alias="from"),
               date_to: str | None = Query(None, alias="to"), place: list[str] | None = Query(None),
               cell: str | None = None, side: str | None = None,
               web_session: WebSession = Depends(require(Role.VIEWER))) -> JSONResponse:
    """The trends report as JSON: every cell with its evidence (or just ``cell``'s), the series beside."""
    report = trends_report(request, web_session, options_from(by, date_from, date_to, place, False, side))
    if cell:
        return JSONResponse({"cell": selected_cell(report, cell)}, headers=NO_STORE)
    return JSONResponse(report.as_dict(evidence=True) | {"register": register_box(request, report.options.side)},
                        headers=NO_STORE)
