"""The search page and its JSON twin: words in any of their forms across the current transcripts.

``/search?q=...`` lists the matching segments, each linking to the call page at the segment's
second (``/calls/N?t=SECONDS``); ``/api/search`` returns the same hits. Roles that may not see
original text get snippets with personal entities masked (the entity findings, as the call page
masks them), and matches inside a masked entity do not count, so a viewer cannot probe for names.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse

from overheard.model import Role, WebSession
from overheard.search import SearchError, SearchOptions, parse_day, search
from overheard.web.api import access_of, store_of
from overheard.web.auth import require
from overheard.web.pages import render

router = APIRouter()
NO_STORE = {"Cache-Control": "no-store"}
MAX_LIMIT = 500


def hit_link(hit: dict[str, Any]) -> str:
    """The call page at the hit's segment (seeking to its second when the transcript is timed)."""
    seconds = hit.get("seconds")
    query = f"?t={seconds:g}" if seconds is not None else ""
    return f"/calls/{hit['call_id']}{query}"


def run_search(request: Request, web_session: WebSession, q: str, call: str | None, lang: str | None,
               speaker: str | None, date_from: str | None, date_to: str | None, limit: int) -> dict[str, Any]:
    """The search for this user as JSON-ready data (masked unless the role may see original text)."""
    if lang and lang not in ("ru", "uk"):
        raise SearchError("lang must be ru or uk")
    options = SearchOptions(call=call or None, language=lang or None, speaker=speaker or None,
                            date_from=parse_day(date_from, "from"), date_to=parse_day(date_to, "to"),
                            limit=max(1, min(limit, MAX_LIMIT)), masked=not access_of(web_session).original)
    data = search(store_of(request), q, options).as_dict()
    data["masked"] = options.masked
    for hit in data["hits"]:
        hit["url"] = hit_link(hit)
    return data


@router.get("/api/search")
def api_search(request: Request, q: str = "", call: str | None = None, lang: str | None = None,
               speaker: str | None = None, date_from: str | None = None, date_to: str | None = None,
               limit: int = 100, web_session: WebSession = Depends(require(Role.VIEWER))) -> JSONResponse:
    """Search hits as JSON: call, date, segment, speaker, seconds, spans, snippet."""
    return JSONResponse(run_search(request, web_session, q, call, lang, speaker, date_from, date_to, limit),
                        headers=NO_STORE)


@router.get("/search", include_in_schema=False)
def search_page(request: Request, q: str = "", call: str | None = None, lang: str | None = None,
                speaker: str | None = None, date_from: str | None = None, date_to: str | None = None,
                limit: int = 100, web_session: WebSession = Depends(require(Role.VIEWER))) -> HTMLResponse:
    """The search form and, when ``q`` is given, its hits."""
    data, error = None, None
    if q.strip():
        try:
            data = run_search(request, web_session, q, call, lang, speaker, date_from, date_to, limit)
        except SearchError as problem:
            error = str(problem)
    page = render(request, "search.html", web_session, q=q, data=data, error=error,
                  form={"call": call or "", "lang": lang or "", "speaker": speaker or "",
                        "date_from": date_from or "", "date_to": date_to or ""})
    page.headers.update(NO_STORE)
    return page
