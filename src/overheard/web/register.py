"""The register page and its JSON twin: incidents counted once, proposals for a reviewer, decisions undoable.

``/register`` (every role) lists the totals as ranges for the chosen side (own by default), the
proposals with their evidence, the incidents with calls, counts, side, places, dates and status,
and the decisions taken. Incidents and proposals come a page at a time (``?page=N``; 100 a page,
or ``per_page`` up to 100); the totals count the whole register, and ``/api/register`` without
``page`` and its CSV hold every incident. Analysts and above merge, keep apart, split and undo from it
(``POST /api/register/decisions``, ``POST /api/register/decisions/{id}/undo``, and the page's forms).
Nothing on it holds text or names: call ids, finding ids, numbers, categories and places only.
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from overheard.errors import OverheardError
from overheard.model import CASUALTY_ORDER, Role, WebSession
from overheard.register import SIDE_CHOICES, IncidentWrite, RegisterError
from overheard.register import decide_incidents as decide
from overheard.register import undo_decision as undo
from overheard.register.exports import MAX_PAGE, PER_PAGE, range_text, register_csv, register_json
from overheard.web.auth import REVIEW, require
from overheard.web.pages import back, render
from overheard.web.reports import current_register, store_of

router = APIRouter()
NO_STORE = {"Cache-Control": "no-store"}


def _side(side: str | None) -> str:
    side = side or "own"
    if side not in SIDE_CHOICES:
        raise RegisterError("side is one of: " + ", ".join(SIDE_CHOICES))
    return side


def _page(text: str | None) -> int | None:
    if not text:
        return None
    if not text.isdigit() or not 0 < int(text) <= MAX_PAGE:
        raise RegisterError("page is a number from 1")
    return int(text)


def _category(category: str | None) -> str | None:
    if category and category not in CASUALTY_ORDER:
        raise RegisterError("category is one of: " + ", ".join(CASUALTY_ORDER))
    return category or None


@router.get("/register", include_in_schema=False)
def register_page(request: Request, side: str | None = None, category: str | None = None, error: str | None = None,
                  page: str | None = None, per_page: str | None = None,
                  web_session: WebSession = Depends(require(Role.VIEWER))) -> HTMLResponse:
    """Totals as ranges (over the whole register), then a page of proposals with evidence and incidents, and
    the decisions."""
    side, category = _side(side), _category(category)
    size = _page(per_page) or PER_PAGE
    data = register_json(current_register(request), side, category, _page(page) or 1, size)
    query = {"side": side} | ({"category": category} if category else {}) | (
        {"per_page": size} if size != PER_PAGE else {})
    links = {name: "/register?" + urlencode(query | {"page": number})
             for name, number in (("previous", data["paging"]["page"] - 1), ("next", data["paging"]["page"] + 1))
             if 0 < number <= data["paging"]["pages"]}
    page = render(request, "register.html", web_session, data=data, side=side, category=category or "", links=links,
                  sides=SIDE_CHOICES, categories=CASUALTY_ORDER, range_text=range_text, error=error)
    page.headers.update(NO_STORE)
    return page


@router.get("/api/register", tags=["api"])
def register_api(request: Request, side: str | None = None, category: str | None = None, format: str = "json",
                 page: str | None = None, per_page: str | None = None,
                 web_session: WebSession = Depends(require(Role.VIEWER))) -> Response:
    """The register as JSON (``format=csv``: one row per incident); numbers, categories, side, places, dates.

    Every incident and proposal unless ``page`` (JSON only): then the page ``/register`` shows, with
    ``paging``. The CSV always holds every incident."""
    side, category = _side(side), _category(category)
    built = current_register(request)
    if format == "csv":
        return PlainTextResponse(register_csv(built, side, category), media_type="text/csv", headers=NO_STORE)
    if format != "json":
        raise RegisterError("format is json or csv")
    return JSONResponse(register_json(built, side, category, _page(page) or (1 if per_page else None),
                                      _page(per_page) or PER_PAGE),
                        headers=NO_STORE)


@router.post("/api/register/decisions", tags=["api"])
def decide_api(request: Request, body: IncidentWrite,
               web_session: WebSession = Depends(require(REVIEW))) -> JSONResponse:
    """Merge, split or keep apart casualty mentions (audited)."""
    decision = decide(store_of(request), body, web_session.user.name, current_register(request))
    return JSONResponse({"id": decision.id, "action": decision.action, "findings": list(decision.findings),
                         "evidence": list(decision.evidence)}, headers=NO_STORE)


@router.post("/api/register/decisions/{decision_id}/undo", tags=["api"])
def undo_api(request: Request, decision_id: int,
             web_session: WebSession = Depends(require(REVIEW))) -> JSONResponse:
    """Undo a decision (kept on record, marked undone, audited)."""
    undone = undo(store_of(request), decision_id, web_session.user.name)
    return JSONResponse({"id": undone.id, "undone_by": undone.undone_by}, headers=NO_STORE)


def _form(side: str, action) -> Response:
    try:
        action()
    except OverheardError as error:
        return back("/register?" + urlencode({"side": side, "error": error.code}))
    return back("/register?" + urlencode({"side": side}))


@router.post("/register/decisions", include_in_schema=False)
def decide_form(request: Request, action: str = Form(...), findings: str = Form(...), note: str = Form(""),
                side: str = Form("own"), web_session: WebSession = Depends(require(REVIEW))) -> Response:
    """A decision from the register page's forms."""
    return _form(side, lambda: decide(store_of(request), {"action": action, "findings": findings, "note": note},
                                      web_session.user.name, current_register(request)))


@router.post("/register/decisions/{decision_id}/undo", include_in_schema=False)
def undo_form(request: Request, decision_id: int, side: str = Form("own"),
              web_session: WebSession = Depends(require(REVIEW))) -> Response:
    """Undo a decision from the register page."""
    return _form(side, lambda: undo(store_of(request), decision_id, web_session.user.name))
