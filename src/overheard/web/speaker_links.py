"""Speaker links and per-call splits in the web workbench: link a call's speaker to a person (from the call page or
the person page), unlink it, split a person by call; each form has its JSON twin under /api with the same checks.

The rules are the review layer's (:mod:`overheard.review.speaker_links`, :func:`overheard.review.proposals.
split_by_calls`): analysts and above link, unlink and split (by pseudonym); editors and admins also see real
names; viewers are refused (403) and the call page shows them nothing of the links.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, RedirectResponse, Response

from overheard.errors import OverheardError
from overheard.jobs.people import Pseudonymiser, workspace_secret
from overheard.model import Role, WebSession
from overheard.review import desk, proposals, speaker_links
from overheard.review.writes import ReviewError
from overheard.web.api import store_of
from overheard.web.auth import require

router = APIRouter()


async def _body(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise ReviewError("body: a JSON object is expected")
    return body


def _link_json(request: Request, link, web_session: WebSession) -> JSONResponse:
    store, role = store_of(request), web_session.user.role
    people = {p.id: p for p in store.people([link.person_id])}
    return JSONResponse(speaker_links.link_view(link, role, {link.call_id: store.get_call(link.call_id).key}, people))


# ---- the JSON API ----------------------------------------------------------------------------
@router.get("/api/calls/{call_id}/speaker-links", tags=["api"])
def call_links_api(request: Request, call_id: int,
                   web_session: WebSession = Depends(require(Role.ANALYST))) -> dict[str, Any]:
    """A call's speakers and the person each is linked to (analysts: pseudonyms; editors: real names too)."""
    return speaker_links.call_links(store_of(request), call_id, web_session.user.role) or {}


@router.post("/api/speaker-links", tags=["api"])
async def link_api(request: Request, web_session: WebSession = Depends(require(Role.ANALYST))) -> JSONResponse:
    """Link a call's speaker to a person ``{call, speaker, person}`` (audited)."""
    body = await _body(request)
    link = await run_in_threadpool(speaker_links.link_speaker, store_of(request), body, web_session.user.name,
                                   web_session.user.role)
    return _link_json(request, link, web_session)


@router.post("/api/speaker-links/{link_id}/unlink", tags=["api"])
def unlink_api(request: Request, link_id: int,
               web_session: WebSession = Depends(require(Role.ANALYST))) -> JSONResponse:
    """Undo a speaker link (audited; kept as unlinked)."""
    link = speaker_links.unlink_speaker(store_of(request), link_id, web_session.user.name, web_session.user.role)
    return _link_json(request, link, web_session)


@router.post("/api/people/{person_id}/split-calls", tags=["api"])
async def split_calls_api(request: Request, person_id: int,
                          web_session: WebSession = Depends(require(Role.ANALYST))) -> JSONResponse:
    """Split a person by call ``{calls: [id, ...]}``: those calls' mentions become a new person (audited)."""
    body = await _body(request)
    namer = Pseudonymiser(workspace_secret(request.app.state.workspace))
    new = await run_in_threadpool(proposals.split_by_calls, store_of(request), person_id, body,
                                  web_session.user.name, web_session.user.role, namer)
    return JSONResponse(desk.person_page(store_of(request), new, web_session.user.role, web_session.user.name))


# ---- the page forms --------------------------------------------------------------------------
def _back(url: str, error: OverheardError | None = None) -> RedirectResponse:
    return RedirectResponse(url + ("?" + urlencode({"error": error.code}) if error else ""), status_code=303)


async def _fields(request: Request) -> tuple[dict[str, str], list[str]]:
    form = await request.form()
    return ({k: v for k, v in form.items() if isinstance(v, str) and k != "csrf_token"},
            [v for v in form.getlist("call") if isinstance(v, str)])


@router.post("/people/{person_id}/speakers", include_in_schema=False)
async def link_from_person_form(request: Request, person_id: int,
                                web_session: WebSession = Depends(require(Role.ANALYST))) -> Response:
    """Link a speaker of a call (id or key) to this person, from the person page."""
    fields, _ = await _fields(request)
    try:
        await run_in_threadpool(speaker_links.link_speaker, store_of(request),
                                {"call": fields.get("call", ""), "speaker": fields.get("speaker", ""),
                                 "person": person_id}, web_session.user.name, web_session.user.role)
    except OverheardError as error:
        return _back(f"/people/{person_id}", error)
    return _back(f"/people/{person_id}")


@router.post("/calls/{call_id}/speaker-links", include_in_schema=False)
async def link_from_call_form(request: Request, call_id: int,
                              web_session: WebSession = Depends(require(Role.ANALYST))) -> Response:
    """Link one of the call's speakers to a person (id), from the call page."""
    fields, _ = await _fields(request)
    person = fields.get("person", "").strip()
    try:
        if not person.isdigit():
            raise ReviewError("person: a person id (see /people)")
        await run_in_threadpool(speaker_links.link_speaker, store_of(request),
                                {"call": call_id, "speaker": fields.get("speaker", ""), "person": int(person)},
                                web_session.user.name, web_session.user.role)
    except OverheardError as error:
        return _back(f"/calls/{call_id}", error)
    return _back(f"/calls/{call_id}")


@router.post("/speaker-links/{link_id}/unlink", include_in_schema=False)
async def unlink_form(request: Request, link_id: int,
                      web_session: WebSession = Depends(require(Role.ANALYST))) -> Response:
    """Undo a speaker link from the call page or the person page (back to where the form was)."""
    fields, _ = await _fields(request)
    back = fields.get("back", "")
    back = back if back.startswith(("/calls/", "/people/")) and "//" not in back and "?" not in back else "/people"
    try:
        speaker_links.unlink_speaker(store_of(request), link_id, web_session.user.name, web_session.user.role)
    except OverheardError as error:
        return _back(back, error)
    return _back(back)


@router.post("/people/{person_id}/split-calls", include_in_schema=False)
async def split_calls_form(request: Request, person_id: int,
                           web_session: WebSession = Depends(require(Role.ANALYST))) -> Response:
    """Split a person by call from the person page (the ticked calls' mentions become a new person)."""
    _, calls = await _fields(request)
    namer = Pseudonymiser(workspace_secret(request.app.state.workspace))
    try:
        if not calls or not all(c.isdigit() for c in calls):
            raise ReviewError("calls: tick the calls whose mentions go to a new person")
        new = await run_in_threadpool(proposals.split_by_calls, store_of(request), person_id,
                                      {"calls": [int(c) for c in calls]}, web_session.user.name,
                                      web_session.user.role, namer)
    except OverheardError as error:
        return _back(f"/people/{person_id}", error)
    return _back(f"/people/{new}")
