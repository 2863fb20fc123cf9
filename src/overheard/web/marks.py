"""Tags, stars and notes in the web: JSON routes under /api, the same writes as page forms, and the marks part.

For each of ``calls``, ``findings`` and ``quotes``:

- ``GET /api/{kind}/{id}/marks``: tags, the user's star and notes, as the role may see them;
- ``POST /api/{kind}/{id}/tags`` ``{"tag"}``, ``.../tags/remove`` ``{"tag"}``, ``.../notes`` ``{"body"}``:
  analysts and above; ``.../star`` ``{"starred"}``: every role for calls and findings (a star is personal and
  carries no words), analysts and above for quotes (viewers do not see quotes);
- the same paths without ``/api`` take page forms (CSRF field, then a redirect back);
- ``GET /parts/marks/{kind}/{id}`` renders the marks editor (``?inline=1``: the compact line) that the
  pages' script swaps in after a write, without a reload.

``POST /api/notes/{id}/delete`` (and the form twin) deletes a note; ``GET /api/tags`` lists the tags in use.
Every write is audited by the store (digests only: neither tags nor notes are written to the log in clear).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from overheard.errors import OverheardError
from overheard.model import Role, WebSession
from overheard.review import marks
from overheard.web.api import store_of
from overheard.web.auth import REVIEW, require
from overheard.web.mark_views import marks_of, tag_choices
from overheard.web.pages import back, render, safe_next

router = APIRouter()
KINDS = {"calls": "call", "findings": "finding", "quotes": "quote"}
STAR_ROLE = {"call": Role.VIEWER, "finding": Role.VIEWER, "quote": REVIEW}  # viewers never see quotes


def _check_role(web_session: WebSession, kind: str) -> None:
    from overheard.web.auth import Forbidden

    needed = STAR_ROLE[kind]
    if not web_session.user.role.allows(needed):
        raise Forbidden(f"the {web_session.user.role.value} role may not do this (needs {needed.value})")


def _marks(request: Request, kind: str, object_id: int, web_session: WebSession) -> dict[str, Any]:
    store_of(request).object_call(kind, object_id)  # E005 for an object that does not exist
    return marks_of(store_of(request), kind, [object_id], web_session)[object_id]


def _home(request: Request, kind: str, object_id: int) -> str:
    """Where a form goes back to when it does not say: the object's page."""
    if kind == "call":
        return f"/calls/{object_id}"
    if kind == "finding":
        return f"/calls/{store_of(request).object_call(kind, object_id)}#finding-{object_id}"
    return f"/quotes#quote-{object_id}"


def _form(request: Request, target: str, write: Callable[[], Any]) -> Response:
    """Run a form's write, then go back to ``target`` (with ``?error=CODE`` when it failed)."""
    try:
        write()
    except OverheardError as error:
        path, _, fragment = target.partition("#")
        joiner = "&" if "?" in path else "?"
        return back(path + joiner + urlencode({"error": error.code}) + (f"#{fragment}" if fragment else ""))
    return back(target)


def _routes(plural: str, kind: str) -> None:
    """Declare the JSON routes, form routes and part of one kind of object."""

    @router.get(f"/api/{plural}/{{object_id}}/marks", name=f"{kind}_marks")
    def api_marks(request: Request, object_id: int,
                  web_session: WebSession = Depends(require(Role.VIEWER))) -> dict[str, Any]:
        _check_role(web_session, kind)
        return _marks(request, kind, object_id, web_session)

    @router.post(f"/api/{plural}/{{object_id}}/tags", name=f"{kind}_tag")
    def api_tag(request: Request, object_id: int, body: dict[str, Any],
                web_session: WebSession = Depends(require(REVIEW))) -> dict[str, Any]:
        marks.tag(store_of(request), kind, object_id, body, web_session.user.name, web_session.user.role)
        return _marks(request, kind, object_id, web_session)

    @router.post(f"/api/{plural}/{{object_id}}/tags/remove", name=f"{kind}_untag")
    def api_untag(request: Request, object_id: int, body: dict[str, Any],
                  web_session: WebSession = Depends(require(REVIEW))) -> dict[str, Any]:
        marks.tag(store_of(request), kind, object_id, body, web_session.user.name, web_session.user.role,
                  add=False)
        return _marks(request, kind, object_id, web_session)

    @router.post(f"/api/{plural}/{{object_id}}/star", name=f"{kind}_star")
    def api_star(request: Request, object_id: int, body: dict[str, Any],
                 web_session: WebSession = Depends(require(Role.VIEWER))) -> dict[str, Any]:
        _check_role(web_session, kind)
        marks.star(store_of(request), kind, object_id, body, web_session.user.name, web_session.user.role)
        return _marks(request, kind, object_id, web_session)

    @router.post(f"/api/{plural}/{{object_id}}/notes", name=f"{kind}_note")
    def api_note(request: Request, object_id: int, body: dict[str, Any],
                 web_session: WebSession = Depends(require(REVIEW))) -> dict[str, Any]:
        note = marks.add_note(store_of(request), kind, object_id, body, web_session.user.name, web_session.user.role)
        return marks.note_dict(note)

    @router.post(f"/{plural}/{{object_id}}/tags", include_in_schema=False, name=f"{kind}_tag_form")
    def tag_form(request: Request, object_id: int, tag: str = Form(""), back_to: str = Form("", alias="back"),
                 web_session: WebSession = Depends(require(REVIEW))) -> Response:
        target = safe_next(back_to) if back_to else _home(request, kind, object_id)
        return _form(request, target, lambda: marks.tag(store_of(request), kind, object_id, {"tag": tag},
                                                        web_session.user.name, web_session.user.role))

    @router.post(f"/{plural}/{{object_id}}/tags/remove", include_in_schema=False, name=f"{kind}_untag_form")
    def untag_form(request: Request, object_id: int, tag: str = Form(""), back_to: str = Form("", alias="back"),
                   web_session: WebSession = Depends(require(REVIEW))) -> Response:
        target = safe_next(back_to) if back_to else _home(request, kind, object_id)
        return _form(request, target, lambda: marks.tag(store_of(request), kind, object_id, {"tag": tag},
                                                        web_session.user.name, web_session.user.role, add=False))

    @router.post(f"/{plural}/{{object_id}}/star", include_in_schema=False, name=f"{kind}_star_form")
    def star_form(request: Request, object_id: int, starred: str = Form("true"),
                  back_to: str = Form("", alias="back"),
                  web_session: WebSession = Depends(require(Role.VIEWER))) -> Response:
        _check_role(web_session, kind)
        target = safe_next(back_to) if back_to else _home(request, kind, object_id)
        wanted = starred.strip().lower() in ("true", "1", "on", "yes")
        return _form(request, target, lambda: marks.star(store_of(request), kind, object_id, {"starred": wanted},
                                                         web_session.user.name, web_session.user.role))

    @router.post(f"/{plural}/{{object_id}}/notes", include_in_schema=False, name=f"{kind}_note_form")
    def note_form(request: Request, object_id: int, body: str = Form(""), back_to: str = Form("", alias="back"),
                  web_session: WebSession = Depends(require(REVIEW))) -> Response:
        target = safe_next(back_to) if back_to else _home(request, kind, object_id)
        return _form(request, target, lambda: marks.add_note(store_of(request), kind, object_id, {"body": body},
                                                             web_session.user.name, web_session.user.role))

    @router.get(f"/parts/marks/{kind}/{{object_id}}", include_in_schema=False, name=f"{kind}_marks_part")
    def marks_part(request: Request, object_id: int, inline: bool = False,
                   web_session: WebSession = Depends(require(Role.VIEWER))) -> HTMLResponse:
        _check_role(web_session, kind)
        m = _marks(request, kind, object_id, web_session)
        template = "partials/marks_inline.html" if inline else "partials/marks.html"
        return render(request, template, web_session, kind=kind, oid=object_id, m=m,
                      tag_choices=tag_choices(store_of(request), web_session),
                      back_to=_home(request, kind, object_id))


for _plural, _kind in KINDS.items():
    _routes(_plural, _kind)


@router.post("/api/notes/{note_id}/delete")
def api_delete_note(request: Request, note_id: int,
                    web_session: WebSession = Depends(require(REVIEW))) -> dict[str, Any]:
    """Delete a note (analysts and above); returns the object's marks after it."""
    note = marks.delete_note(store_of(request), note_id, web_session.user.name, web_session.user.role)
    return _marks(request, note.object_type, note.object_id, web_session)


@router.post("/notes/{note_id}/delete", include_in_schema=False)
def delete_note_form(request: Request, note_id: int, back_to: str = Form("", alias="back"),
                     web_session: WebSession = Depends(require(REVIEW))) -> Response:
    """The marks editor's "Delete" button on a note."""
    return _form(request, safe_next(back_to) if back_to else "/calls",
                 lambda: marks.delete_note(store_of(request), note_id, web_session.user.name,
                                           web_session.user.role))


@router.get("/api/tags")
def api_tags(request: Request, kind: str | None = None,
             web_session: WebSession = Depends(require(REVIEW))) -> list[dict[str, Any]]:
    """The tags in use (on calls, findings or quotes, or all), most used first, with their counts."""
    return [{"tag": t, "count": n} for t, n in marks.tags_in_use(store_of(request), web_session.user.role, kind)]
