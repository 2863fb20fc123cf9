"""Who is asking and what they may do: session cookies, CSRF tokens and role checks.

The session cookie holds a random token (HttpOnly, SameSite=Strict); its sha256
is looked up in the store. Every state-changing request must carry the
session's CSRF token, in the ``X-CSRF-Token`` header (API) or a ``csrf_token``
form field (pages); the login form, made before any session exists, carries an
HMAC of a random pre-login cookie instead. Roles are checked here, on the
server, for every request: hiding a button is never the protection.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Request

from overheard.model import Role, WebSession
from overheard.web.i18n import gettext as _
from overheard.web.i18n import word

SESSION_COOKIE = "overheard_session"
LOGIN_COOKIE = "overheard_login"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

# What each capability needs (roles include everything below them).
SEE_ORIGINAL = Role.ANALYST  # unredacted transcript text, original audio, translations
REVIEW = Role.ANALYST  # accept/reject/correct findings, correct transcripts
SEE_NAMES = Role.EDITOR  # participants' real names and the other personal metadata
EXPORT_UNREDACTED = Role.EDITOR
MANAGE_USERS = Role.ADMIN


class NotLoggedIn(Exception):
    """No valid session: pages redirect to the login form, the API answers 401."""


class Forbidden(Exception):
    """The user's role does not allow this, or the CSRF token is missing or wrong (403).

    ``reason`` is English (the API's ``error``, logs); ``words`` what the page says, in the interface language."""

    def __init__(self, reason: str, words: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.words = words


def role_forbidden(role: Role, needed: Role) -> Forbidden:
    """The 403 for a ``role`` below ``needed``: English for the API, in words of the interface language for pages."""
    return Forbidden(f"the {role.value} role may not do this (needs {needed.value})",
                     _("The %(role)s role may not do this (it needs %(needed)s).")
                     % {"role": word(role.value), "needed": word(needed.value)})


def csrf_forbidden(where: str = "the page") -> Forbidden:
    """The 403 for a missing or wrong CSRF token (``where`` to reload: "the page" or "the login page")."""
    return Forbidden(f"missing or wrong CSRF token; reload {where}",
                     _("The form has expired or did not come from this page: reload the login page and try again.")
                     if where == "the login page" else
                     _("The form has expired or did not come from this page: reload the page and try again."))


@dataclass(frozen=True)
class Access:
    """What the current user may see; passed to the view builders."""

    role: Role

    @property
    def original(self) -> bool:
        """May see unredacted text and original audio."""
        return self.role.allows(SEE_ORIGINAL)

    @property
    def names(self) -> bool:
        """May see real names and other personal metadata."""
        return self.role.allows(SEE_NAMES)

    @property
    def review(self) -> bool:
        """May review findings and correct transcripts."""
        return self.role.allows(REVIEW)

    @property
    def export_unredacted(self) -> bool:
        """May export unredacted material."""
        return self.role.allows(EXPORT_UNREDACTED)

    @property
    def admin(self) -> bool:
        """May manage users."""
        return self.role.allows(MANAGE_USERS)


def session_of(request: Request) -> WebSession | None:
    """The request's live session (looked up once per request), or None."""
    if not hasattr(request.state, "web_session"):
        token = request.cookies.get(SESSION_COOKIE, "")
        request.state.web_session = request.app.state.workspace.store.find_web_session(token) if token else None
    return request.state.web_session


def login_token(request: Request, seed: str) -> str:
    """The CSRF token of the login form, bound to the pre-login cookie ``seed``."""
    return hmac.new(request.app.state.secret, seed.encode(), hashlib.sha256).hexdigest()


def new_login_seed() -> str:
    """A fresh random value for the pre-login cookie."""
    return secrets.token_urlsafe(24)


async def submitted_csrf(request: Request) -> str:
    """The CSRF token sent with a request (header first, then form field)."""
    token = request.headers.get(CSRF_HEADER)
    if token:
        return token
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        return value if isinstance(value, str) else ""
    return ""


async def check_login_csrf(request: Request) -> None:
    """Refuse a login POST whose token does not match its pre-login cookie."""
    seed = request.cookies.get(LOGIN_COOKIE, "")
    sent = await submitted_csrf(request)
    if not seed or not sent or not hmac.compare_digest(sent, login_token(request, seed)):
        raise csrf_forbidden("the login page")


def require(role: Role) -> Callable:
    """A FastAPI dependency: the session of a user with at least ``role``; CSRF-checked when unsafe."""

    async def dependency(request: Request) -> WebSession:
        web_session = session_of(request)
        if web_session is None:
            raise NotLoggedIn()
        if request.method in UNSAFE_METHODS:
            sent = await submitted_csrf(request)
            if not sent or not hmac.compare_digest(sent, web_session.csrf_token):
                raise csrf_forbidden()
        if not web_session.user.role.allows(role):
            raise role_forbidden(web_session.user.role, role)
        return web_session

    dependency.__name__ = f"require_{role.value}"
    return dependency


def client_address(request: Request) -> str:
    """The peer's address, for login rate limiting (proxies are not trusted)."""
    return request.client.host if request.client else "unknown"
