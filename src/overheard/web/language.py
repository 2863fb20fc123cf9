"""The interface language a user chose: ``/language`` (page and form) and ``/api/language`` (JSON twin).

Every role may choose; the choice is stored on the account (``users.locale``, audited as ``user.locale``) so
it follows the person to any browser. "From the browser" clears it, and ``Accept-Language`` decides again.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, ValidationError

from overheard.model import Role, WebSession
from overheard.store.users import AccountError
from overheard.web import i18n
from overheard.web.api import store_of
from overheard.web.auth import require
from overheard.web.pages import back, render, safe_next

router = APIRouter(include_in_schema=False)
BROWSER = "browser"  # the form's value for "no choice: follow the browser"


class LanguageBody(BaseModel):
    """``POST /api/language``: a supported language, or null to follow the browser again."""

    language: Literal["en", "ru", "uk"] | None


def language_state(request: Request, web_session: WebSession) -> dict[str, Any]:
    """The language shown now, the user's stored choice (None: the browser's) and the languages offered."""
    return {"language": i18n.current(), "chosen": web_session.user.locale,
            "browser": i18n.negotiate(request.headers.get("accept-language")),
            "languages": [{"code": code, "name": name} for code, name in i18n.LANGUAGES.items()]}


def _choose(request: Request, web_session: WebSession, value: str | None) -> None:
    try:
        language = LanguageBody(language=value).language
    except ValidationError:
        raise AccountError(f"language: one of {', '.join(i18n.LANGUAGES)}, or none to follow the browser") from None
    store_of(request).set_user_locale(web_session.user.id, language, actor=web_session.user.name)


@router.get("/language")
def language_page(request: Request, next: str | None = None,
                  web_session: WebSession = Depends(require(Role.VIEWER))) -> HTMLResponse:
    """Choose the interface language."""
    return render(request, "language.html", web_session, data=language_state(request, web_session),
                  next=safe_next(next), browser_value=BROWSER)


@router.get("/api/language", include_in_schema=True)
def language_json(request: Request, web_session: WebSession = Depends(require(Role.VIEWER))) -> dict[str, Any]:
    """The interface language: shown now, chosen (null: the browser's), the browser's, and those offered."""
    return language_state(request, web_session)


@router.post("/language")
async def language_form(request: Request, language: str = Form(...), next: str = Form("/calls"),
                        web_session: WebSession = Depends(require(Role.VIEWER))) -> Response:
    """Store the choice from the menu or the page, then go back where the user was."""
    await run_in_threadpool(_choose, request, web_session, None if language == BROWSER else language)
    return back(safe_next(next))


@router.post("/api/language", include_in_schema=True)
def language_api(body: dict[str, Any], request: Request,
                 web_session: WebSession = Depends(require(Role.VIEWER))) -> dict[str, Any]:
    """Store the interface language (``{"language": "ru"}``; ``null`` follows the browser); audited."""
    _choose(request, web_session, body.get("language"))
    chosen = body.get("language")
    i18n.activate(i18n.language_for(chosen, request.headers.get("accept-language")))
    return {"language": i18n.current(), "chosen": chosen}
