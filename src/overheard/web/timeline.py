"""The timeline page and its JSON twin: incidents, refusals and punishments by date and place, with evidence.

``/timeline`` (every role) lists the events in date order, a page at a time, each with links to its
calls at the second of audio; ``/api/timeline`` returns the same data. Filters: ``kind`` (incident,
refusal, punishment; repeatable or comma-separated), ``side`` (incidents' side; all by default),
``from``/``to``, ``place``, ``page``. Evidence text is masked for viewers exactly as on Trends.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from overheard.model import WebSession
from overheard.register import SIDE_CHOICES
from overheard.register.timeline import KINDS, PER_PAGE, check_kinds, page_of, timeline_events
from overheard.report.trends import ALL, ReportError
from overheard.web.api import store_of
from overheard.web.i18n import N_
from overheard.web.pages import declare_page
from overheard.web.reports import cached, current_register, kept_for, options_from, trends_report

router = APIRouter()


def _page_number(text: str | None) -> int:
    if not text:
        return 1
    if not text.isdigit() or not 0 < int(text) <= 1_000_000:
        raise ReportError("page is a number from 1")
    return int(text)


def timeline_data(request: Request, web_session: WebSession) -> dict[str, Any]:
    """Incidents, refusals and punishments by date and place, each linked to the call and second behind it."""
    query = request.query_params
    kinds = check_kinds(tuple(k.strip() for value in query.getlist("kind") for k in value.split(",") if k.strip()))
    side = query.get("side") or ALL
    if side not in SIDE_CHOICES:
        raise ReportError("side must be one of " + ", ".join(SIDE_CHOICES))
    # month periods: the report is read for its calls and evidence only, and months keep its axis short
    options = options_from("month", query.get("from"), query.get("to"), query.getlist("place"), False, ALL)
    report = trends_report(request, web_session, options)
    register = current_register(request)
    events = cached(store_of(request), report.options, f"timeline|{','.join(kinds)}|{side}",
                    lambda: timeline_events(register, report, kinds, side,
                                            kept_for(store_of(request), f"timeline|{report.options.include_people}")))
    timeline = page_of(events, kinds, _page_number(query.get("page")), PER_PAGE)
    return timeline.as_dict() | {
        "options": {"kind": list(kinds), "side": side, "from": query.get("from") or "", "to": query.get("to") or "",
                    "place": ",".join(report.options.places)},
        "kinds": list(KINDS), "sides": list(SIDE_CHOICES),
        "note": N_("Incidents are the register's (the same losses told in several calls are one event); refusals "
                   "and punishments are calls with that theme. Unreviewed findings are shown and marked."),
    }


declare_page(router, "/timeline", "timeline.html", timeline_data)
