"""The HTML pages: thin over the same builders as the JSON API, rendered with Jinja2 (autoescaped)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from overheard import review
from overheard.errors import OverheardError
from overheard.model import Role, WebSession
from overheard.review import signoff, speaker_links
from overheard.store.users import LoginThrottled
from overheard.web import calls as calls_view
from overheard.web import review_views
from overheard.web.api import (
    access_of,
    detectors_of,
    filters_from,
    login_seed,
    set_login_cookie,
    set_session_cookie,
    store_of,
)
from overheard.web.auth import (
    MANAGE_USERS,
    REVIEW,
    SESSION_COOKIE,
    check_login_csrf,
    client_address,
    login_token,
    require,
)
from overheard.web.i18n import gettext as _
from overheard.web.mark_views import with_call_marks, with_marks

router = APIRouter(include_in_schema=False)


def render(request: Request, template: str | Path, web_session: WebSession | None, status_code: int = 200,
           **context: Any) -> HTMLResponse:
    """Render a page with the user, their access and CSRF token in the context.

    ``template`` names a built-in template, or is the path of a plugin's template file (which may extend
    ``base.html`` like the built-in ones).
    """
    context |= {
        "user": web_session.user if web_session else None,
        "access": access_of(web_session) if web_session else None,
        "csrf_token": web_session.csrf_token if web_session else context.get("csrf_token"),
    }
    templates = request.app.state.templates
    if isinstance(template, Path):
        page = _plugin_template(templates.env, template)
        return HTMLResponse(page.render({"request": request, **context}), status_code=status_code)
    return templates.TemplateResponse(request, template, context, status_code=status_code)


_PLUGIN_TEMPLATES: dict[tuple[Any, Path], Any] = {}


def _plugin_template(env: Any, path: Path) -> Any:
    """A plugin's template file compiled once per Jinja environment (autoescaped like the built-ins)."""
    key = (env, path)
    if key not in _PLUGIN_TEMPLATES:
        _PLUGIN_TEMPLATES[key] = env.from_string(path.read_text(encoding="utf-8"))
    return _PLUGIN_TEMPLATES[key]


def declare_page(router: APIRouter, path: str, template: str | Path,
                 build: Callable[[Request, WebSession], dict[str, Any]], role: Role = Role.VIEWER,
                 summary: str = "") -> None:
    """Declare a page once: ``GET path`` renders ``template`` with ``build``'s data as ``data``, and
    ``GET /api{path}`` returns the same data as JSON, both behind the same role check (and, like every
    response behind a login, ``Cache-Control: no-store``, set by the app's middleware)."""

    def page(request: Request, web_session: WebSession = Depends(require(role))) -> HTMLResponse:
        return render(request, template, web_session, data=build(request, web_session))

    def twin(request: Request, web_session: WebSession = Depends(require(role))) -> dict[str, Any]:
        return build(request, web_session)

    page.__doc__ = twin.__doc__ = summary or build.__doc__
    router.add_api_route(path, page, methods=["GET"], response_class=HTMLResponse, include_in_schema=False,
                         name=f"page:{path}")
    router.add_api_route(f"/api{path}", twin, methods=["GET"], name=f"api:{path}")


def back(url: str) -> RedirectResponse:
    """Redirect after a form POST (303 so the browser GETs the page again)."""
    return RedirectResponse(url, status_code=303)


def safe_next(target: str | None) -> str:
    """Only local paths may be a redirect target after login."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/calls"
    return target


@router.get("/")
def home() -> RedirectResponse:
    """The calls list is the start page."""
    return RedirectResponse("/calls", status_code=303)


def login_page(request: Request, next: str | None, error: str | None = None, status_code: int = 200) -> Response:
    """The login form with a fresh login CSRF token bound to the pre-login cookie."""
    seed = login_seed(request)
    page = render(request, "login.html", None, status_code=status_code, next=safe_next(next), error=error,
                  csrf_token=login_token(request, seed))
    set_login_cookie(request, page, seed)
    return page


@router.get("/login")
def login_form(request: Request, next: str | None = None) -> Response:
    """The login form."""
    return login_page(request, next)


@router.post("/login")
async def login_submit(request: Request, name: str = Form(""), password: str = Form(""),
                       next: str = Form("/calls")) -> Response:
    """Check the form's credentials; on success start a session and go where the user was heading."""
    await check_login_csrf(request)
    store = store_of(request)
    try:
        user = await run_in_threadpool(store.authenticate, name, password, client=client_address(request),
                                       throttle=request.app.state.throttle)
    except LoginThrottled:
        return login_page(request, next, _("Too many failed logins. Wait 15 minutes and try again."), 429)
    if user is None:
        return login_page(request, next, _("Wrong name or password."), 401)
    token, _expires = await run_in_threadpool(store.start_web_session, user)
    response = back(safe_next(next))
    set_session_cookie(request, response, token)
    return response


@router.post("/logout")
def logout(request: Request, web_session: WebSession = Depends(require(Role.VIEWER))) -> Response:
    """End the session and show the login form."""
    store_of(request).end_web_session(request.cookies.get(SESSION_COOKIE, ""))
    response = back("/login")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/calls")
def calls_page(request: Request, date_from: str | None = None, date_to: str | None = None,
               oblast: str | None = None, theme: str | None = None, casualty: str | None = None,
               language: str | None = None, speaker: str | None = None, status: str | None = None,
               sort: str = "recorded_at", page: int = Query(1, ge=1, le=1_000_000), side: str | None = None,
               tag: str | None = None, starred: str | None = None,
               web_session: WebSession = Depends(require(Role.VIEWER))) -> HTMLResponse:
    """The calls list with its filter form."""
    filters = filters_from(date_from, date_to, oblast, theme, casualty, language, speaker, status, side)
    filters = with_marks(filters, tag, starred, web_session)
    data = with_call_marks(calls_view.list_calls(store_of(request), filters, sort=sort, page=page,
                                                 original=access_of(web_session).original),
                           store_of(request), web_session)
    query = filters.as_query()

    def link(**changes: Any) -> str:
        return "/calls?" + urlencode(query | {"sort": data["sort"]} | {k: str(v) for k, v in changes.items()})

    return render(request, "calls.html", web_session, data=data, link=link)


@router.get("/calls/{call_id}")
def call_page(request: Request, call_id: int, correct: int | None = Query(None, ge=1, le=2**31 - 1),
              web_session: WebSession = Depends(require(Role.VIEWER))) -> HTMLResponse:
    """One call: player, transcript following the audio, findings, metadata and custody (``correct``: the
    finding whose correction form is open, for browsers without scripts)."""
    store = store_of(request)
    context = review_views.call_context(store, call_id, access_of(web_session), web_session.user.name)
    return render(request, "call.html", web_session, **context, open_correct=correct,
                  verification=signoff.verification(store, call_id),  # what the call needs to be verified
                  speaker_links=speaker_links.call_links(  # who speaks (None for viewers)
                      store, call_id, web_session.user.role, [s["speaker"] for s in context["data"]["speakers"]]))


def _form_action(request: Request, call_id: int, action) -> Response:
    try:
        action()
    except OverheardError as error:
        return back(f"/calls/{call_id}?" + urlencode({"error": error.code}))
    return back(f"/calls/{call_id}")


@router.post("/calls/{call_id}/findings/{finding_id}/review")
def review_form(request: Request, call_id: int, finding_id: int, action: str = Form(...),
                revision: str = Form(""), web_session: WebSession = Depends(require(REVIEW))) -> Response:
    """Accept or reject a finding from the call page."""
    return _form_action(request, call_id, lambda: review.decide(store_of(request), finding_id, action,
                                                                web_session.user.name, revision, call_id=call_id))


@router.post("/calls/{call_id}/findings/{finding_id}/correct")
def correct_form(request: Request, call_id: int, finding_id: int, kind: str = Form(""), label: str = Form(""),
                 start: str = Form(""), end: str = Form(""), count: str = Form(""), approximate: str = Form(""),
                 entity_type: str = Form(""), revision: str = Form(""), side: str = Form(""),
                 web_session: WebSession = Depends(require(REVIEW))) -> Response:
    """Correct a finding from the call page."""
    changes = {"kind": kind, "label": label, "start": start, "end": end, "count": count,
               "approximate": approximate, "entity_type": entity_type, "revision": revision, "side": side}
    return _form_action(request, call_id, lambda: review.correct(store_of(request), finding_id, changes,
                                                                 web_session.user.name, call_id=call_id))


@router.post("/calls/{call_id}/findings/merge")
def merge_form(request: Request, call_id: int, first: int = Form(...), second: int = Form(...),
               web_session: WebSession = Depends(require(REVIEW))) -> Response:
    """Merge two person candidates from the call page."""
    return _form_action(request, call_id, lambda: review.merge_persons(store_of(request), first, second,
                                                                       web_session.user.name, call_id=call_id))


@router.post("/calls/{call_id}/findings")
def add_form(request: Request, call_id: int, kind: str = Form(...), label: str = Form(...), start: str = Form(...),
             end: str = Form(...), count: str = Form(""), approximate: str = Form(""), note: str = Form(""),
             side: str = Form(""), web_session: WebSession = Depends(require(REVIEW))) -> Response:
    """Add a missed finding from the call page."""
    data = {"kind": kind, "label": label, "start": start, "end": end, "count": count, "approximate": approximate,
            "note": note, "side": side}
    return _form_action(request, call_id, lambda: review.add_missed(store_of(request), call_id, data,
                                                                    web_session.user.name))


@router.post("/calls/{call_id}/transcript")
async def transcript_form(request: Request, call_id: int,
                          web_session: WebSession = Depends(require(REVIEW))) -> Response:
    """Correct segment texts from the call page (fields ``segment-N``)."""
    form = await request.form()
    if any(not isinstance(value, str) for value in form.values()):  # a file field is never segment text
        return back(f"/calls/{call_id}?" + urlencode({"error": review.ReviewError.code}))
    edits = {int(key.split("-", 1)[1]): value for key, value in form.items()
             if key.startswith("segment-") and key.split("-", 1)[1].isdigit() and len(key) < 12}
    version = str(form.get("version") or "")
    store = store_of(request)
    detectors = await run_in_threadpool(detectors_of, request)
    return await run_in_threadpool(
        _form_action, request, call_id,
        lambda: review.correct_transcript(store, call_id, edits, web_session.user.name,
                                          base_version=version, detectors=detectors))


@router.post("/calls/{call_id}/status")
def status_form(request: Request, call_id: int, status: str = Form(...),
                web_session: WebSession = Depends(require(REVIEW))) -> Response:
    """Set a call's review status from the call page."""
    return _form_action(request, call_id, lambda: review.set_call_status(store_of(request), call_id, status,
                                                                         web_session.user.name))


@router.get("/users")
def users_page(request: Request, error: str | None = None,
               web_session: WebSession = Depends(require(MANAGE_USERS))) -> HTMLResponse:
    """Account management (admins only)."""
    return render(request, "users.html", web_session, users=store_of(request).list_users(), roles=list(Role),
                  error=error)


@router.post("/users")
def add_user_form(request: Request, name: str = Form(...), role: str = Form(...), password: str = Form(...),
                  web_session: WebSession = Depends(require(MANAGE_USERS))) -> Response:
    """Create an account from the users page."""
    try:
        store_of(request).add_user(name, role, password, actor=web_session.user.name)
    except OverheardError as error:
        return back("/users?" + urlencode({"error": error.code}))
    return back("/users")


@router.post("/users/{user_id}")
def update_user_form(request: Request, user_id: int, role: str = Form(""), disabled: str = Form(""),
                     web_session: WebSession = Depends(require(MANAGE_USERS))) -> Response:
    """Change an account's role or disable/enable it from the users page."""
    try:
        store_of(request).update_user(user_id, actor=web_session.user.name, role=role or None,
                    disabled={"yes": True, "no": False}.get(disabled))
    except OverheardError as error:
        return back("/users?" + urlencode({"error": error.code}))
    return back("/users")
