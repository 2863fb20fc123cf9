"""The JSON API: every page's twin plus the review and account actions (served under /api)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, Field

from overheard import review
from overheard.errors import NotFoundError
from overheard.jobs.annotate import personal_data_detectors
from overheard.model import Role, User, WebSession
from overheard.review import writes
from overheard.store import Store
from overheard.web import calls as calls_view
from overheard.web import mark_views, playable, views
from overheard.web.auth import (
    LOGIN_COOKIE,
    MANAGE_USERS,
    REVIEW,
    SEE_ORIGINAL,
    SESSION_COOKIE,
    Access,
    Forbidden,
    check_login_csrf,
    client_address,
    login_token,
    new_login_seed,
    require,
    session_of,
)

router = APIRouter(prefix="/api", tags=["api"])

AUDIO_TYPES = {"wav": "audio/wav", "wave": "audio/wav", "mp3": "audio/mpeg", "ogg": "audio/ogg", "opus": "audio/ogg",
               "flac": "audio/flac", "m4a": "audio/mp4", "mp4": "audio/mp4", "mov": "audio/mp4", "aac": "audio/aac",
               "amr": "audio/amr", "webm": "audio/webm", "matroska": "audio/webm"}


# ---- request bodies ------------------------------------------------------------------------
class LoginBody(BaseModel):
    """Credentials for ``POST /api/login``."""

    name: str = Field(max_length=80)
    password: str = Field(max_length=1000)


# Review writes are the shared models of overheard.review.writes: the API and the page forms validate alike.


class NewUserBody(BaseModel):
    """An account to create."""

    name: str = Field(max_length=80)
    role: Role
    password: str = Field(max_length=256)


class UserChangeBody(BaseModel):
    """Changes to an account; empty fields stay as they are."""

    role: Role | None = None
    disabled: bool | None = None
    password: str | None = Field(None, max_length=256)


# ---- helpers -------------------------------------------------------------------------------
def store_of(request: Request) -> Store:
    """The workspace's store."""
    return request.app.state.workspace.store


def detectors_of(request: Request) -> list:
    """The workspace's personal-data detectors, built once per app; none (all masked) if they cannot be built."""
    state = request.app.state
    if getattr(state, "detectors", None) is None:
        try:
            state.detectors = personal_data_detectors(state.workspace)
        except Exception:  # noqa: BLE001  fail closed: edited segments stay unchecked, masked for viewers
            state.detectors = []
    return state.detectors


def access_of(web_session: WebSession) -> Access:
    """What this session's user may see."""
    return Access(role=web_session.user.role)


def user_dict(user: User) -> dict[str, Any]:
    """An account without secrets."""
    return {"id": user.id, "name": user.name, "role": user.role.value, "created_at": user.created_at.isoformat(),
            "disabled": user.disabled}


def filters_from(date_from: str | None, date_to: str | None, oblast: str | None, theme: str | None,
                 casualty: str | None, language: str | None, speaker: str | None,
                 status: str | None, side: str | None = None) -> calls_view.CallFilters:
    """Query parameters as call filters (empty strings mean no filter)."""
    return calls_view.CallFilters(date_from=calls_view.parse_date(date_from), date_to=calls_view.parse_date(date_to),
                                  oblast=oblast or None, theme=theme or None,
                                  casualty=casualty or None, language=language or None, speaker=speaker or None,
                                  status=status or None, side=calls_view.parse_side(side))


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    """Set the login cookie: HttpOnly, SameSite=Strict, Secure over HTTPS."""
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="strict", path="/",
                        secure=request.url.scheme == "https", max_age=12 * 3600)
    response.delete_cookie(LOGIN_COOKIE, path="/")


def login_seed(request: Request) -> str:
    """The browser's pre-login cookie value, or a fresh one."""
    return request.cookies.get(LOGIN_COOKIE) or new_login_seed()


def set_login_cookie(request: Request, response: Response, seed: str) -> None:
    """Set the pre-login cookie the login CSRF token is bound to."""
    response.set_cookie(LOGIN_COOKIE, seed, httponly=True, samesite="strict", path="/",
                        secure=request.url.scheme == "https", max_age=3600)


def set_login_seed(request: Request, response: Response) -> str:
    """Give the browser a pre-login cookie (keeping the current one) and return the login CSRF token."""
    seed = login_seed(request)
    set_login_cookie(request, response, seed)
    return login_token(request, seed)


def vault_file(request: Request, relative: str) -> Path:
    """A stored path inside the workspace, refusing anything that escapes it."""
    root = Path(request.app.state.workspace.root).resolve()
    path = (root / relative).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise NotFoundError("the audio file is missing from the vault; run 'overheard vault verify'")
    return path


def audio_response(path: Path, fmt: str | None) -> FileResponse:
    """Stream an audio file; Starlette's FileResponse answers Range requests with 206."""
    media_type = AUDIO_TYPES.get((fmt or path.suffix.lstrip(".")).lower(), "application/octet-stream")
    # never cached: after an analyst logs out, a viewer in the same browser must not replay the original
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": "no-store"})


# ---- session -------------------------------------------------------------------------------
@router.get("/session")
def get_session(request: Request, response: Response) -> dict[str, Any]:
    """Who is logged in and their CSRF token; when nobody is, the token for ``POST /api/login``."""
    web_session = session_of(request)
    if web_session is None:
        return {"user": None, "csrf_token": set_login_seed(request, response)}
    return {"user": user_dict(web_session.user), "csrf_token": web_session.csrf_token}


@router.post("/login")
async def login(request: Request, body: LoginBody) -> JSONResponse:
    """Log in with name and password (needs the login CSRF token from ``GET /api/session``)."""
    await check_login_csrf(request)
    store = store_of(request)
    user = await run_in_threadpool(store.authenticate, body.name, body.password, client=client_address(request),
                                   throttle=request.app.state.throttle)
    if user is None:
        return JSONResponse({"error": "wrong name or password"}, status_code=401)
    token, web_session = await run_in_threadpool(store.start_web_session, user)
    response = JSONResponse({"user": user_dict(user), "csrf_token": web_session.csrf_token})
    set_session_cookie(request, response, token)
    return response


@router.post("/logout")
def logout(request: Request, web_session: WebSession = Depends(require(Role.VIEWER))) -> JSONResponse:
    """End the current session."""
    store_of(request).end_web_session(request.cookies.get(SESSION_COOKIE, ""))
    response = JSONResponse({"logged_out": web_session.user.name})
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


# ---- calls ---------------------------------------------------------------------------------
@router.get("/calls")
def api_calls(request: Request, date_from: str | None = None, date_to: str | None = None,
              oblast: str | None = None, theme: str | None = None, casualty: str | None = None,
              language: str | None = None, speaker: str | None = None, status: str | None = None,
              sort: str = "recorded_at", page: int = Query(1, ge=1, le=1_000_000),
              page_size: int = Query(50, ge=1, le=500), side: str | None = None,
              tag: str | None = None, starred: str | None = None,
              web_session: WebSession = Depends(require(Role.VIEWER))) -> dict[str, Any]:
    """The calls list: filtered, sorted, paged, with counts (casualties by category and side, themes) and filter
    values; ``side`` keeps calls with a casualty mention of that side (with ``casualty``: of that category)."""
    filters = filters_from(date_from, date_to, oblast, theme, casualty, language, speaker, status, side)
    filters = mark_views.with_marks(filters, tag, starred, web_session)  # a viewer's tag filter: 403
    return mark_views.with_call_marks(calls_view.list_calls(store_of(request), filters, sort=sort, page=page,
                                                            page_size=page_size,
                                                            original=access_of(web_session).original),
                                      store_of(request), web_session)


@router.get("/calls/{call_id}")
def api_call(request: Request, call_id: int,
             web_session: WebSession = Depends(require(Role.VIEWER))) -> dict[str, Any]:
    """One call: metadata, audio, current transcript, findings and custody (redacted for viewers)."""
    return views.call_detail(store_of(request), call_id, access_of(web_session))


@router.get("/calls/{call_id}/audit")
def api_call_audit(request: Request, call_id: int,
                   web_session: WebSession = Depends(require(Role.VIEWER))) -> list[dict[str, Any]]:
    """The call's chain-of-custody entries."""
    store = store_of(request)
    return views.audit_dicts(store, store.get_call(call_id).id, access_of(web_session))


@router.get("/calls/{call_id}/audio/{file_id}", response_class=FileResponse)
def api_audio(request: Request, call_id: int, file_id: int,
              web_session: WebSession = Depends(require(SEE_ORIGINAL))) -> FileResponse:
    """An original recording, streamed with HTTP range support (analysts and above)."""
    row = store_of(request).file(file_id)
    if row is None or row.call_id != call_id or row.kind != "audio":
        raise NotFoundError(f"no recording {file_id} in call {call_id}")
    path = vault_file(request, row.vault_path)
    if playable.needs_conversion(row):
        # AMR, ADPCM...: stream a PCM WAV copy, made once and recorded as a derived file
        relative, fmt = playable.playable_copy(request.app.state.workspace, row, path)
        return audio_response(vault_file(request, relative), fmt)
    return audio_response(path, row.format)


@router.get("/calls/{call_id}/derived/{derived_id}", response_class=FileResponse)
def api_derived_audio(request: Request, call_id: int, derived_id: int,
                      web_session: WebSession = Depends(require(Role.VIEWER))) -> FileResponse:
    """Derived audio (redacted for every role; other derived audio for analysts and above)."""
    row = store_of(request).derived_file(derived_id)
    audio = row is not None and (row.kind.startswith("audio") or row.kind == views.LEGACY_CLIP_KIND)
    if row is None or row.call_id != call_id or not audio:
        raise NotFoundError(f"no derived audio {derived_id} in call {call_id}")
    relative, kind = row.path, row.kind
    if not views.viewer_may_hear(kind) and not access_of(web_session).original:
        raise Forbidden("the viewer role hears bleeped clips only")
    return audio_response(vault_file(request, relative), None)


@router.get("/calls/{call_id}/export")
def api_export(request: Request, call_id: int, redacted: bool = True,
               web_session: WebSession = Depends(require(Role.VIEWER))) -> dict[str, Any]:
    """The call's transcript and findings as JSON; unredacted only for editors and admins (audited)."""
    access = access_of(web_session)
    if not redacted:
        if not access.export_unredacted:
            raise Forbidden(f"the {access.role.value} role may not export unredacted material (needs editor)")
    else:
        access = Access(role=Role.VIEWER)
    store = store_of(request)
    detail = views.call_detail(store, call_id, access)
    store.audit(actor=web_session.user.name, action="export.json", object_type="call", object_id=call_id,
                call_id=call_id, details={"redacted": redacted})
    detail.pop("custody")
    return detail | {"redacted": redacted}


@router.post("/calls/{call_id}/status")
def api_call_status(request: Request, call_id: int, body: writes.CallStatus,
                    web_session: WebSession = Depends(require(REVIEW))) -> dict[str, Any]:
    """Mark a call new, in review or verified."""
    return review.set_call_status(store_of(request), call_id, body.status, web_session.user.name)


@router.post("/calls/{call_id}/findings")
def api_add_finding(request: Request, call_id: int, body: writes.NewFinding,
                    web_session: WebSession = Depends(require(REVIEW))) -> dict[str, Any]:
    """Add a finding the machine missed."""
    return review.add_missed(store_of(request), call_id, body, web_session.user.name)


@router.post("/calls/{call_id}/transcript")
def api_correct_transcript(request: Request, call_id: int, body: writes.TranscriptCorrection,
                           web_session: WebSession = Depends(require(REVIEW))) -> dict[str, Any]:
    """Correct segment texts; stores a new reviewed transcript version."""
    return review.correct_transcript(store_of(request), call_id, body.edits, web_session.user.name,
                                     base_version=body.version, detectors=detectors_of(request))


# ---- findings and review -------------------------------------------------------------------
@router.post("/findings/{finding_id}/review")
def api_decide(request: Request, finding_id: int, body: writes.Decision,
               web_session: WebSession = Depends(require(REVIEW))) -> dict[str, Any]:
    """Accept or reject a finding."""
    return review.decide(store_of(request), finding_id, body.action, web_session.user.name, body.revision)


@router.post("/findings/{finding_id}/correct")
def api_correct(request: Request, finding_id: int, body: writes.FindingCorrection,
                web_session: WebSession = Depends(require(REVIEW))) -> dict[str, Any]:
    """Correct a finding (category, count, span, entity type); the machine finding is kept as superseded."""
    return review.correct(store_of(request), finding_id, body, web_session.user.name)


@router.post("/findings/merge")
def api_merge(request: Request, body: writes.Merge,
              web_session: WebSession = Depends(require(REVIEW))) -> dict[str, Any]:
    """Merge two person candidates into one person."""
    return review.merge_persons(store_of(request), body.first, body.second, web_session.user.name)


# ---- users ---------------------------------------------------------------------------------
@router.get("/users")
def api_users(request: Request, web_session: WebSession = Depends(require(MANAGE_USERS))) -> list[dict[str, Any]]:
    """All accounts (admins only)."""
    return [user_dict(user) for user in store_of(request).list_users()]


@router.post("/users")
def api_add_user(request: Request, body: NewUserBody,
                 web_session: WebSession = Depends(require(MANAGE_USERS))) -> dict[str, Any]:
    """Create an account (admins only)."""
    return user_dict(store_of(request).add_user(body.name, body.role, body.password, actor=web_session.user.name))


@router.post("/users/{user_id}")
def api_update_user(request: Request, user_id: int, body: UserChangeBody,
                    web_session: WebSession = Depends(require(MANAGE_USERS))) -> dict[str, Any]:
    """Change an account's role, password or disabled flag (admins only)."""
    return user_dict(store_of(request).update_user(user_id, actor=web_session.user.name, role=body.role,
                                                   disabled=body.disabled, password=body.password))
