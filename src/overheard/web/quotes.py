"""Quotes and the publication pack in the web: make a quote from a selection, the quote board, approvals, the zip.

Pages and their JSON twins, with the same role checks: quotes hold the original words, so the board and
its API are for analysts and above; approving and publishing need an editor who did not make the quote;
the publication pack (a zip built by :func:`overheard.jobs.pack.build_pack`, leak-checked before anything
is written) is for editors.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from overheard.errors import OverheardError
from overheard.model import QUOTE_STATUSES, Role, WebSession
from overheard.review.quotes import make_quote, quote_dict, set_quote_status
from overheard.review.writes import labels_for
from overheard.web.api import store_of
from overheard.web.auth import REVIEW, require
from overheard.web.mark_views import marks_of, tag_choices, with_marks
from overheard.web.pages import render

router = APIRouter()


@dataclass(frozen=True)
class QuoteMarks:
    """The quote board's tag and star filters (see :func:`overheard.web.mark_views.with_marks`)."""

    tag: str | None = None
    starred: str | None = None
APPROVE = Role.EDITOR  # approve, publish, build packs
NO_STORE = {"Cache-Control": "no-store"}


class PackRequest(BaseModel):
    """What goes into a publication pack: approved quotes and whole calls."""

    quotes: list[int] = Field(default_factory=list, max_length=500)
    calls: list[int] = Field(default_factory=list, max_length=200)
    disguise: bool = True


def board(request: Request, call: str | None, theme: str | None, status: str | None, tag: str | None = None,
          starred: str | None = None, web_session: WebSession | None = None) -> dict[str, Any]:
    """The quote board's data: quotes grouped by call, with the filter values, each quote's tags, notes and the
    user's star, narrowed to a tag or the user's stars."""
    store = store_of(request)
    call_ref = int(call) if call and call.isdigit() else (call or None)
    marked = with_marks(QuoteMarks(), tag, starred, web_session) if web_session else QuoteMarks()
    quotes = store.quotes(call_ref=call_ref, status=status or None, theme=theme or None, tag=marked.tag,
                          starred=marked.starred)
    groups: dict[int, list[dict[str, Any]]] = {}
    for quote in quotes:
        groups.setdefault(quote.call_id, []).append(quote_dict(quote))
    return {"quotes": [q for items in groups.values() for q in items],
            "by_call": [{"call_id": call_id, "quotes": items} for call_id, items in groups.items()],
            "filters": {"call": call or "", "theme": theme or "", "status": status or "", "tag": marked.tag or "",
                        "starred": "1" if marked.starred else ""},
            "themes": list(labels_for("theme")), "statuses": list(QUOTE_STATUSES),
            "marks": marks_of(store, "quote", [q.id for q in quotes], web_session) if web_session else {},
            "tags": tag_choices(store, web_session, "quote") if web_session else []}


@router.get("/api/quotes")
def api_quotes(request: Request, call: str | None = None, theme: str | None = None, status: str | None = None,
               tag: str | None = None, starred: str | None = None,
               web_session: WebSession = Depends(require(REVIEW))) -> dict[str, Any]:
    """Quotes by call, theme, status, tag and the user's stars (analysts and above)."""
    return board(request, call, theme, status, tag, starred, web_session)


@router.get("/quotes", include_in_schema=False)
def quotes_page(request: Request, call: str | None = None, theme: str | None = None, status: str | None = None,
                error: str | None = None, tag: str | None = None, starred: str | None = None,
                web_session: WebSession = Depends(require(REVIEW))) -> HTMLResponse:
    """The quote board: quotes by call, theme, status, tag and star, approvals, and the publication pack."""
    return render(request, "quotes.html", web_session, data=board(request, call, theme, status, tag, starred,
                                                                  web_session), error=error,
                  may_approve=web_session.user.role.allows(APPROVE))


@router.post("/api/calls/{call_id}/quotes")
def api_make_quote(request: Request, call_id: int, body: dict[str, Any],
                   web_session: WebSession = Depends(require(REVIEW))) -> dict[str, Any]:
    """Keep selected words (``start``, ``end`` of the current transcript, ``version``) as a draft quote."""
    return quote_dict(make_quote(store_of(request), call_id, body, web_session.user.name))


@router.post("/calls/{call_id}/quotes", include_in_schema=False)
def make_quote_form(request: Request, call_id: int, start: str = Form(""), end: str = Form(""),
                    version: str = Form(""), note: str = Form(""), translation: str = Form(""),
                    theme: str = Form(""), web_session: WebSession = Depends(require(REVIEW))) -> Response:
    """The call page's "Quote selection" form."""
    data = {"start": start, "end": end, "version": version, "note": note, "translation": translation,
            "theme": theme}
    try:
        quote = make_quote(store_of(request), call_id, data, web_session.user.name)
    except OverheardError as error:
        return RedirectResponse(f"/calls/{call_id}?" + urlencode({"error": error.code}), status_code=303)
    return RedirectResponse(f"/quotes?{urlencode({'call': call_id})}#quote-{quote.id}", status_code=303)


@router.post("/api/quotes/{quote_id}/status")
def api_quote_status(request: Request, quote_id: int, body: dict[str, Any],
                     web_session: WebSession = Depends(require(APPROVE))) -> dict[str, Any]:
    """Approve (an editor who did not make it), publish, or send a quote back to draft."""
    return quote_dict(set_quote_status(store_of(request), quote_id, body, web_session.user.name))


@router.post("/quotes/{quote_id}/status", include_in_schema=False)
def quote_status_form(request: Request, quote_id: int, status: str = Form(...), revision: str = Form(""),
                      web_session: WebSession = Depends(require(APPROVE))) -> Response:
    """The board's approve / publish / withdraw buttons."""
    try:
        set_quote_status(store_of(request), quote_id, {"status": status, "revision": revision},
                         web_session.user.name)
    except OverheardError as error:
        return RedirectResponse("/quotes?" + urlencode({"error": str(error)[:300]}), status_code=303)
    return RedirectResponse(f"/quotes#quote-{quote_id}", status_code=303)


def _zip(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()


def pack_response(request: Request, web_session: WebSession, wanted: PackRequest) -> Response:
    """Build the pack in a private temporary folder and send it as a zip (nothing is sent if it fails)."""
    from overheard.jobs.pack import PackRequestItems, build_pack

    workspace = request.app.state.workspace
    with tempfile.TemporaryDirectory(prefix="overheard-pack-") as tmp:
        out = Path(tmp) / "pack"
        build_pack(workspace, PackRequestItems(quotes=tuple(wanted.quotes), calls=tuple(wanted.calls),
                                               disguise=wanted.disguise), out, actor=web_session.user.name)
        data = _zip(out)
    return Response(data, media_type="application/zip",
                    headers={"Content-Disposition": 'attachment; filename="publication-pack.zip"', **NO_STORE})


@router.post("/api/pack")
async def api_pack(request: Request, body: PackRequest,
                   web_session: WebSession = Depends(require(APPROVE))) -> Response:
    """The publication pack of approved quotes and chosen calls as a zip (editors)."""
    return await run_in_threadpool(pack_response, request, web_session, body)


@router.post("/pack", include_in_schema=False)
async def pack_form(request: Request, web_session: WebSession = Depends(require(APPROVE))) -> Response:
    """The board's "Download publication pack" form (checked quotes, call ids)."""
    form = await request.form()
    try:
        quotes = [int(v) for v in form.getlist("quote") if isinstance(v, str) and v.isdigit()]
        calls = [int(v) for v in str(form.get("calls") or "").replace(",", " ").split() if v.isdigit()]
        wanted = PackRequest(quotes=quotes, calls=calls, disguise=form.get("disguise") is not None)
        return await run_in_threadpool(pack_response, request, web_session, wanted)
    except OverheardError as error:  # the message names ids and codes, never words of a call
        return RedirectResponse("/quotes?" + urlencode({"error": str(error)[:300]}), status_code=303)


@router.get("/api/quotes/{quote_id}")
def api_quote(request: Request, quote_id: int,
              web_session: WebSession = Depends(require(REVIEW))) -> dict[str, Any]:
    """One quote."""
    return quote_dict(store_of(request).quote(quote_id))
