"""The people desk's pages and their JSON twins: /people, /people/{id}, claims, evidence, proposals, call sign-off.

Every page is the same builder (:mod:`overheard.review.desk`) rendered or returned as JSON, with the same
role checks: viewers may see neither pseudonyms nor claims (403), analysts see pseudonyms and claim statuses,
editors and admins real identities, claim values and evidence. Writes are the review layer's rules
(:mod:`overheard.review.identities`, :mod:`overheard.review.proposals`, :mod:`overheard.review.signoff`).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from markupsafe import Markup
from starlette.datastructures import UploadFile

from overheard.annotate import regions
from overheard.errors import OverheardError
from overheard.jobs import network as network_job
from overheard.jobs.people import Pseudonymiser, workspace_secret
from overheard.model import Role, WebSession
from overheard.report import graphs, maps
from overheard.review import desk, identities, proposals, signoff
from overheard.web import i18n
from overheard.web.api import store_of
from overheard.web.auth import require
from overheard.web.pages import render

router = APIRouter()
MAX_FILES = 5


def filters_from(unit: str | None, oblast: str | None, status: str | None, verification: str | None,
                 q: str | None) -> desk.PeopleFilters:
    """Query parameters as people filters (empty strings mean no filter; an oblast is the region it names)."""
    region = regions.normalise_oblast(oblast) if oblast and oblast.strip() else None
    return desk.PeopleFilters(unit=unit or None, oblast=region, status=status or None,
                              verification=verification or None, query=(q or "")[:80] or None)


def _role(web_session: WebSession) -> Role:
    return web_session.user.role


# ---- reading ---------------------------------------------------------------------------------
@router.get("/people", include_in_schema=False)
def people_page(request: Request, unit: str | None = None, oblast: str | None = None, status: str | None = None,
                verification: str | None = None, q: str | None = None, page: int = Query(1, ge=1, le=100_000),
                web_session: WebSession = Depends(require(Role.ANALYST))) -> HTMLResponse:
    """People across calls, filtered by unit, oblast, status and verification state, with counts."""
    filters = filters_from(unit, oblast, status, verification, q)
    data = desk.people_list(store_of(request), _role(web_session), filters, page)

    def link(**changes: Any) -> str:
        return "/people?" + urlencode(data["filters"] | {k: str(v) for k, v in changes.items()})

    return render(request, "people.html", web_session, data=data, link=link)


@router.get("/api/people", tags=["api"])
def people_api(request: Request, unit: str | None = None, oblast: str | None = None, status: str | None = None,
               verification: str | None = None, q: str | None = None, page: int = Query(1, ge=1, le=100_000),
               page_size: int = Query(desk.PAGE_SIZE, ge=1, le=500),
               web_session: WebSession = Depends(require(Role.ANALYST))) -> dict[str, Any]:
    """The people list as JSON (same filters as the page)."""
    return desk.people_list(store_of(request), _role(web_session), filters_from(unit, oblast, status, verification, q),
                            page, page_size)


@router.get("/people/{person_id}", include_in_schema=False)
def person_page(request: Request, person_id: int, error: str | None = None,
                web_session: WebSession = Depends(require(Role.ANALYST))) -> HTMLResponse:
    """One person: mentions linking to the second of audio, claims, evidence, merge/split history, proposals."""
    data = desk.person_page(store_of(request), person_id, _role(web_session), web_session.user.name)
    return render(request, "person.html", web_session, data=data, error=error,
                  claim_kinds=identities.CLAIM_KINDS, evidence_kinds=identities.EVIDENCE_KINDS,
                  person_statuses=identities.PERSON_STATUSES)


@router.get("/api/people/{person_id}", tags=["api"])
def person_api(request: Request, person_id: int,
               web_session: WebSession = Depends(require(Role.ANALYST))) -> dict[str, Any]:
    """One person as JSON (claims and evidence per role)."""
    return desk.person_page(store_of(request), person_id, _role(web_session), web_session.user.name)


@router.get("/api/calls/{call_id}/verification", tags=["api"])
def call_verification_api(request: Request, call_id: int,
                          web_session: WebSession = Depends(require(Role.VIEWER))) -> dict[str, Any]:
    """What a call still needs to be verified (pending findings, sign-offs)."""
    return signoff.verification(store_of(request), call_id)


# ---- writing: the JSON API -------------------------------------------------------------------
async def _body(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise identities.ReviewError("body: a JSON object is expected")
    return body


def _person_json(request: Request, person_id: int, web_session: WebSession) -> JSONResponse:
    return JSONResponse(desk.person_page(store_of(request), person_id, _role(web_session), web_session.user.name))


@router.post("/api/people/{person_id}/claims", tags=["api"])
async def add_claim_api(request: Request, person_id: int,
                        web_session: WebSession = Depends(require(Role.EDITOR))) -> JSONResponse:
    """Record a claim ``{kind, value}`` about a person (editors and admins)."""
    body = await _body(request)
    claim = await run_in_threadpool(identities.add_claim, store_of(request), person_id, body,
                                    web_session.user.name, _role(web_session))
    return JSONResponse(identities.claim_view(claim, _role(web_session), web_session.user.name))


@router.post("/api/claims/{claim_id}/evidence", tags=["api"])
async def add_evidence_api(request: Request, claim_id: int,
                           web_session: WebSession = Depends(require(Role.EDITOR))) -> JSONResponse:
    """Record an evidence item ``{kind, source, observed_on?, note?, revision?}`` (editors and admins)."""
    body = await _body(request)
    claim = await run_in_threadpool(identities.add_evidence, store_of(request), request.app.state.workspace.vault,
                                    claim_id, body, web_session.user.name, _role(web_session))
    return JSONResponse(identities.claim_view(claim, _role(web_session), web_session.user.name))


@router.post("/api/claims/{claim_id}/decision", tags=["api"])
async def decide_claim_api(request: Request, claim_id: int,
                           web_session: WebSession = Depends(require(Role.EDITOR))) -> JSONResponse:
    """Sign off, dispute, retract or reopen a claim ``{action, note?, revision?}`` (editors and admins)."""
    body = await _body(request)
    claim = await run_in_threadpool(identities.decide, store_of(request), claim_id, body, web_session.user.name,
                                    _role(web_session))
    return JSONResponse(identities.claim_view(claim, _role(web_session), web_session.user.name))


@router.post("/api/people/proposals/{action}", tags=["api"])
async def proposal_api(request: Request, action: str,
                       web_session: WebSession = Depends(require(Role.ANALYST))) -> JSONResponse:
    """Accept or reject a merge/split proposal ``{signature}`` (analysts and above)."""
    body = await _body(request)
    signature = str(body.get("signature", ""))[:200]
    store = store_of(request)
    if action == "accept":
        namer = Pseudonymiser(workspace_secret(request.app.state.workspace))
        person = await run_in_threadpool(proposals.accept, store, signature, web_session.user.name,
                                         _role(web_session), namer)
        return _person_json(request, person, web_session)
    if action == "reject":
        decision = await run_in_threadpool(proposals.reject, store, signature, web_session.user.name,
                                           _role(web_session))
        return JSONResponse({"decision": decision, "status": "rejected"})
    raise identities.ReviewError("action: accept or reject")


@router.post("/api/people/decisions/{decision_id}/undo", tags=["api"])
def undo_api(request: Request, decision_id: int,
             web_session: WebSession = Depends(require(Role.ANALYST))) -> JSONResponse:
    """Undo a merge or split decision (analysts and above; audited)."""
    undone = store_of(request).undo_person_decision(decision_id, web_session.user.name)
    return JSONResponse({"decision": undone.id, "status": undone.status})


@router.post("/api/calls/{call_id}/signoff", tags=["api"])
def call_signoff_api(request: Request, call_id: int,
                     web_session: WebSession = Depends(require(Role.ANALYST))) -> dict[str, Any]:
    """Sign off a call; the second reviewer's sign-off, with every finding decided, makes it verified."""
    return signoff.sign_off(store_of(request), call_id, web_session.user.name, _role(web_session))


# ---- writing: the page forms -----------------------------------------------------------------
def _back(person_id: int, error: OverheardError | None = None) -> RedirectResponse:
    query = "?" + urlencode({"error": error.code}) if error else ""
    return RedirectResponse(f"/people/{person_id}{query}", status_code=303)


async def _form(request: Request) -> tuple[dict[str, str], list[UploadFile]]:
    form = await request.form()
    fields = {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf_token"}
    files = [v for v in form.getlist("attachment") if isinstance(v, UploadFile) and v.filename][:MAX_FILES]
    return fields, files


@router.post("/people/{person_id}/claims", include_in_schema=False)
async def add_claim_form(request: Request, person_id: int,
                         web_session: WebSession = Depends(require(Role.EDITOR))) -> Response:
    """Record a claim from the person page."""
    fields, _ = await _form(request)
    try:
        await run_in_threadpool(identities.add_claim, store_of(request), person_id,
                                {"kind": fields.get("kind", ""), "value": fields.get("value", "")},
                                web_session.user.name, _role(web_session))
    except OverheardError as error:
        return _back(person_id, error)
    return _back(person_id)


@router.post("/people/{person_id}/claims/{claim_id}/evidence", include_in_schema=False)
async def add_evidence_form(request: Request, person_id: int, claim_id: int,
                            web_session: WebSession = Depends(require(Role.EDITOR))) -> Response:
    """Record an evidence item, with attachments, from the person page."""
    fields, files = await _form(request)
    body = {k: fields.get(k, "") for k in ("kind", "source", "observed_on", "note", "revision")}
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, upload in enumerate(files):
            name = Path(upload.filename or "attachment").name[:120] or "attachment"
            path = Path(folder) / f"{index}-{name}"
            path.write_bytes(await upload.read(identities.MAX_ATTACHMENT + 1))
            paths.append(path)
        try:
            await run_in_threadpool(identities.add_evidence, store_of(request), request.app.state.workspace.vault,
                                    claim_id, body, web_session.user.name, _role(web_session), paths)
        except OverheardError as error:
            return _back(person_id, error)
    return _back(person_id)


@router.post("/people/{person_id}/claims/{claim_id}/decision", include_in_schema=False)
async def decide_claim_form(request: Request, person_id: int, claim_id: int,
                            web_session: WebSession = Depends(require(Role.EDITOR))) -> Response:
    """Sign off, dispute, retract or reopen a claim from the person page."""
    fields, _ = await _form(request)
    body = {k: fields.get(k, "") for k in ("action", "note", "revision")}
    try:
        await run_in_threadpool(identities.decide, store_of(request), claim_id, body, web_session.user.name,
                                _role(web_session))
    except OverheardError as error:
        return _back(person_id, error)
    return _back(person_id)


@router.post("/people/{person_id}/proposals", include_in_schema=False)
async def proposal_form(request: Request, person_id: int,
                        web_session: WebSession = Depends(require(Role.ANALYST))) -> Response:
    """Accept or reject a proposal from the person page."""
    fields, _ = await _form(request)
    store, signature = store_of(request), fields.get("signature", "")[:200]
    try:
        if fields.get("action") == "accept":
            namer = Pseudonymiser(workspace_secret(request.app.state.workspace))
            person_id = await run_in_threadpool(proposals.accept, store, signature, web_session.user.name,
                                                _role(web_session), namer)
        else:
            await run_in_threadpool(proposals.reject, store, signature, web_session.user.name, _role(web_session))
    except OverheardError as error:
        return _back(person_id, error)
    return _back(person_id)


@router.post("/people/{person_id}/decisions/{decision_id}/undo", include_in_schema=False)
def undo_form(request: Request, person_id: int, decision_id: int,
              web_session: WebSession = Depends(require(Role.ANALYST))) -> Response:
    """Undo a merge or split from the person page."""
    try:
        store_of(request).undo_person_decision(decision_id, web_session.user.name)
    except OverheardError as error:
        return _back(person_id, error)
    return _back(person_id)


@router.post("/calls/{call_id}/signoff", include_in_schema=False)
def call_signoff_form(request: Request, call_id: int,
                      web_session: WebSession = Depends(require(Role.ANALYST))) -> Response:
    """Sign off a call from the call page."""
    try:
        signoff.sign_off(store_of(request), call_id, web_session.user.name, _role(web_session))
    except OverheardError as error:
        return RedirectResponse(f"/calls/{call_id}?" + urlencode({"error": error.code}), status_code=303)
    return RedirectResponse(f"/calls/{call_id}", status_code=303)


# ---- network and map -------------------------------------------------------------------------
def _network(request: Request, web_session: WebSession, identities: bool, unit: str | None, call: int | None,
             limit: int | None) -> dict[str, Any]:
    workspace = request.app.state.workspace
    return network_job.network(store_of(request), workspace_secret(workspace), _role(web_session),
                               identities=identities, unit=unit or None, call=call, limit=limit)


@router.get("/network", include_in_schema=False)
def network_page(request: Request, unit: str | None = None, call: int | None = Query(None, ge=1, le=2**31 - 1),
                 identities: bool = False,
                 web_session: WebSession = Depends(require(Role.ANALYST))) -> HTMLResponse:
    """People, units, call signs and phones as a graph across calls (server-side SVG), filtered by unit or call."""
    graph = _network(request, web_session, identities, unit, call, network_job.MAX_SHOWN)
    text = i18n.catalogue()  # tooltips in the interface language (cached per language)
    svg = (desk.cached(store_of(request), f"network-svg:{identities}:{i18n.current()}",
                       lambda: graphs.network_svg(graph, text=text))
           if not unit and call is None else graphs.network_svg(graph, text=text))
    return render(request, "network.html", web_session, graph=graph, svg=Markup(svg),
                  unit=unit or "", call=call or "", identities=identities)


@router.get("/api/network", tags=["api"])
def network_api(request: Request, unit: str | None = None, call: int | None = Query(None, ge=1, le=2**31 - 1),
                identities: bool = False, format: str = "json",
                web_session: WebSession = Depends(require(Role.ANALYST))) -> Response:
    """The network as JSON or GraphML (``format=graphml``); identities only for editors who ask."""
    graph = _network(request, web_session, identities, unit, call, None)
    if format == "graphml":
        return Response(network_job.graphml(graph), media_type="application/graphml+xml")
    return JSONResponse(graph)


def _map(request: Request, place: str | None) -> dict[str, Any]:
    store = store_of(request)
    dots = network_job.place_dots(store)
    selected = next((d for d in dots if d["name"] == place), None) if place else None
    calls = network_job.place_calls(store, selected["name"]) if selected else []
    by_oblast = network_job.casualties_by_oblast(store)
    return {"places": dots, "casualties_by_oblast": by_oblast, "casualties_as_listed": regions.as_listed(by_oblast),
            "place": place, "place_calls": calls}


@router.get("/map", include_in_schema=False)
def map_page(request: Request, place: str | None = None,
             web_session: WebSession = Depends(require(Role.VIEWER))) -> HTMLResponse:
    """Places resolved in calls on an offline map; oblasts shaded by casualty mentions; click for the calls."""
    data = _map(request, place)
    svg = Markup(maps.map_svg(data["places"], data["casualties_by_oblast"], text=i18n.catalogue()))
    return render(request, "map.html", web_session, data=data, svg=svg)


@router.get("/api/map", tags=["api"])
def map_api(request: Request, place: str | None = None,
            web_session: WebSession = Depends(require(Role.VIEWER))) -> dict[str, Any]:
    """The map's data: places with their calls, casualty mentions by oblast."""
    return _map(request, place)


@router.get("/api/places.geojson", tags=["api"])
def places_geojson_api(request: Request, web_session: WebSession = Depends(require(Role.VIEWER))) -> JSONResponse:
    """The places found in calls as GeoJSON."""
    return JSONResponse(network_job.places_geojson(store_of(request)), media_type="application/geo+json")
