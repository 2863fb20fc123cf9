"""Local accounts of the web workbench: users, login sessions and login attempts.

Passwords are hashed with argon2id (argon2-cffi); session cookies carry a random
token whose sha256 is stored, so a copy of the database does not yield live
sessions. Every change to an account is written to the audit log.

Callers use the Store's methods (``store.add_user``, ``store.authenticate``, ...), which call the
functions here. These take the store itself rather than a session because a password is hashed
between transactions: a guessing attack never holds the write lock reviewers need.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Protocol

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from overheard.errors import NotFoundError, OverheardError
from overheard.model import Role, User, WebSession
from overheard.store import audit
from overheard.store.rows import utcnow
from overheard.store.schema import LoginAttemptRow, UserRow, WebSessionRow, get_by_id


class Transactions(Protocol):
    """What the account functions use of :class:`~overheard.store.store.Store`, whose methods call them."""

    def reading(self) -> AbstractContextManager[Session]:
        """A read-only session."""
        ...

    def writing(self) -> AbstractContextManager[Session]:
        """A write transaction."""
        ...

class AccountError(OverheardError):
    """A user name, role, password or interface language is not acceptable, or the user already exists."""

    code = "E013"


class LoginThrottled(OverheardError):
    """Too many failed logins for a name or from an address."""

    code = "E014"


NAME_PATTERN = re.compile(r"^[A-Za-z0-9_.@-]{1,80}$")
MIN_PASSWORD = 8
MAX_PASSWORD = 256  # argon2 would hash a megabyte; nobody types one
MIN_STRENGTH = 3  # zxcvbn's score 0-4: 3 is "safely unguessable" against online guessing with throttling
SESSION_LIFETIME = timedelta(hours=12)
THROTTLE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_NAME = 5  # per name *and* client address: a guesser elsewhere cannot lock the real user out
MAX_FAILURES_PER_CLIENT = 20
BACKOFF_CAP = timedelta(seconds=60)


@dataclass(frozen=True)
class Throttle:
    """How many failed logins a window allows per (name, client address) and per client address.

    Failures for one name from many addresses do not lock the account: past ``per_name`` of them,
    each further attempt for the name waits twice as long since the last failure, starting at
    ``backoff_base`` (up to ``backoff_cap``).
    """

    per_name: int = MAX_FAILURES_PER_NAME
    per_client: int = MAX_FAILURES_PER_CLIENT
    window: timedelta = THROTTLE_WINDOW
    backoff_cap: timedelta = BACKOFF_CAP
    backoff_base: timedelta = timedelta(seconds=1)


DEFAULT_THROTTLE = Throttle()

_hasher = PasswordHasher()


def _user(row: UserRow) -> User:
    return User(id=row.id, name=row.name, role=Role(row.role), created_at=row.created_at,
                disabled=bool(row.disabled), locale=row.locale)


def _role(role: str | Role) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise AccountError(f"unknown role {str(role)[:20]!r}: use admin, editor, analyst or viewer") from None


def check_password(password: str, name: str = "") -> None:
    """Refuse a password that is short, absurdly long, or guessable (zxcvbn score below MIN_STRENGTH).

    zxcvbn (kept by Dropbox's authors, offline frequency lists of common passwords, words and names)
    rejects "12345678", "password" and the user's own name; the message never repeats the password.
    """
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"passwords need at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"passwords are at most {MAX_PASSWORD} characters")
    from zxcvbn import zxcvbn  # loads its word lists (~0.2 s): only when a password is set

    result = zxcvbn(password[:72], user_inputs=[name, "overheard"] if name else ["overheard"])
    if result["score"] < MIN_STRENGTH:
        hint = (result.get("feedback") or {}).get("warning") or "it is too easy to guess"
        raise AccountError(f"that password is too weak ({hint.rstrip('.')}); use a longer phrase of unrelated words")


def add_user(store: Transactions, name: str, role: str | Role, password: str, *, actor: str) -> User:
    """Create an account with an argon2id password hash (audited); raise AccountError on bad input."""
    if not NAME_PATTERN.match(name):
        raise AccountError("user names are 1-80 characters of letters, digits, '_', '.', '@' or '-'")
    check_password(password, name)
    checked = _role(role)
    password_hash = _hasher.hash(password)  # seconds of work, outside the write transaction
    with store.writing() as session:
        if session.execute(select(UserRow.id).where(UserRow.name == name)).first() is not None:
            raise AccountError(f"user {name} already exists; pick another name")
        row = UserRow(name=name, role=checked.value, password_hash=password_hash, created_at=utcnow(),
                      disabled=False)
        session.add(row)
        session.flush()
        audit.append(session, actor=actor, action="user.add", object_type="user", object_id=row.id,
                     details={"name": name, "role": checked.value})
        return _user(row)


def list_users(store: Transactions) -> list[User]:
    """All accounts, by name."""
    with store.reading() as session:
        return [_user(row) for row in session.execute(select(UserRow).order_by(UserRow.name)).scalars()]


def get_user(store: Transactions, user_id: int) -> User:
    """One account by id; raise NotFoundError."""
    with store.reading() as session:
        row = get_by_id(session, UserRow, user_id)
        if row is None:
            raise NotFoundError(f"no user {user_id}")
        return _user(row)


def update_user(store: Transactions, user_id: int, *, actor: str, role: str | Role | None = None,
                disabled: bool | None = None, password: str | None = None) -> User:
    """Change an account's role, disabled flag or password (audited; disabling ends its sessions).

    A change that would leave no enabled admin is refused: someone must always be able to manage accounts.
    """
    password_hash = None
    if password is not None:
        with store.reading() as session:
            row = get_by_id(session, UserRow, user_id)
            check_password(password, row.name if row is not None else "")
        password_hash = _hasher.hash(password)  # outside the write transaction
    with store.writing() as session:
        row = get_by_id(session, UserRow, user_id)
        if row is None:
            raise NotFoundError(f"no user {user_id}")
        admins_before = _enabled_admins(session)
        changed: dict[str, object] = {}
        if role is not None and _role(role).value != row.role:
            changed["role"] = {"from": row.role, "to": _role(role).value}
            row.role = _role(role).value
        if disabled is not None and bool(disabled) != bool(row.disabled):
            changed["disabled"] = bool(disabled)
            row.disabled = bool(disabled)
        if password_hash is not None:
            row.password_hash = password_hash
            changed["password"] = "changed"
        if changed and admins_before > 0 and _enabled_admins(session) == 0:
            raise AccountError("that change would leave no enabled admin; make another account admin first")
        if changed:
            if row.disabled or "password" in changed or "role" in changed:
                session.execute(delete(WebSessionRow).where(WebSessionRow.user_id == row.id))
            audit.append(session, actor=actor, action="user.update", object_type="user", object_id=row.id,
                         details={"name": row.name, **changed})
        return _user(row)


def set_locale(store: Transactions, user_id: int, locale: str | None, *, actor: str) -> User:
    """Store the interface language a user chose (a two-letter code; None: follow the browser), audited."""
    if locale is not None and not (len(locale) == 2 and locale.isascii() and locale.isalpha() and locale.islower()):
        raise AccountError(f"a language is a two-letter code such as ru, not {locale[:12]!r}")
    with store.writing() as session:
        row = get_by_id(session, UserRow, user_id)
        if row is None:
            raise NotFoundError(f"no user {user_id}")
        if row.locale != locale:
            audit.append(session, actor=actor, action="user.locale", object_type="user", object_id=row.id,
                         details={"name": row.name, "from": row.locale, "to": locale})
            row.locale = locale
        return _user(row)


def set_account(store: Transactions, name: str, role: str | Role, password: str, *, actor: str) -> User:
    """Create the account, or give an existing one this role and password and enable it (audited)."""
    existing = [user for user in list_users(store) if user.name == name]
    if not existing:
        return add_user(store, name, role, password, actor=actor)
    return update_user(store, existing[0].id, actor=actor, role=role, disabled=False, password=password)


def _enabled_admins(session: Session) -> int:
    session.flush()
    return session.execute(select(func.count(UserRow.id)).where(UserRow.role == Role.ADMIN.value,
                                                                 UserRow.disabled.is_(False))).scalar_one()


def _failures(session: Session, since: datetime, *conditions) -> int:
    return session.execute(
        select(func.count(LoginAttemptRow.id)).where(*conditions, LoginAttemptRow.at >= since,
                                                    LoginAttemptRow.success.is_(False))
    ).scalar_one()


def _throttled(session: Session, name: str, client: str, now: datetime, throttle: Throttle) -> str | None:
    """Why this attempt must wait, or None: per (name, address), per address, and backoff per name."""
    since = now - throttle.window
    minutes = int(throttle.window.total_seconds() // 60)
    if (_failures(session, since, LoginAttemptRow.name == name, LoginAttemptRow.client == client) >= throttle.per_name
            or _failures(session, since, LoginAttemptRow.client == client) >= throttle.per_client):
        return f"too many failed logins; wait {minutes} minutes and try again"
    anywhere = _failures(session, since, LoginAttemptRow.name == name)
    if anywhere >= throttle.per_name:  # guesses from many addresses: slow them down, never lock the user out
        last = session.execute(select(func.max(LoginAttemptRow.at)).where(
            LoginAttemptRow.name == name, LoginAttemptRow.success.is_(False))).scalar()
        wait = min(throttle.backoff_base * 2 ** min(anywhere - throttle.per_name, 16), throttle.backoff_cap)
        if last is not None and now - last < wait:
            return f"too many failed logins for this name; wait {int(wait.total_seconds())} seconds and try again"
    return None


def authenticate(store: Transactions, name: str, password: str, *, client: str,
                 throttle: Throttle = DEFAULT_THROTTLE) -> User | None:
    """Check a password; None when wrong. Raise LoginThrottled when this attempt must wait.

    The attempt is first recorded as a failure in a short transaction (so parallel guesses are
    counted exactly), the password is hashed outside any transaction (a guessing attack never holds
    the write lock reviewers need), and a right password then marks the attempt a success.
    """
    name, client = name[:80], client[:80]
    dummy = _dummy_hash()  # made before any name is looked up, so its first making times no name
    now = utcnow()
    with store.writing() as session:
        reason = _throttled(session, name, client, now, throttle)
        if reason:
            raise LoginThrottled(reason)
        attempt = LoginAttemptRow(name=name, client=client, at=now, success=False)
        session.add(attempt)
        row = session.execute(select(UserRow).where(UserRow.name == name)).scalar_one_or_none()
        session.flush()
        attempt_id = attempt.id
        stored = (row.id, row.password_hash) if row is not None and not row.disabled else None
    ok = False
    if stored is not None:
        try:
            ok = _hasher.verify(stored[1], password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
    else:
        # spend the same time as a real check so names cannot be probed by timing
        try:
            _hasher.verify(dummy, password)
        except VerificationError:
            pass
    if not ok:
        return None
    rehashed = _hasher.hash(password) if _hasher.check_needs_rehash(stored[1]) else None
    with store.writing() as session:
        row = session.get(UserRow, stored[0])
        if row is None or row.disabled or row.password_hash != stored[1]:
            return None  # disabled or given a new password meanwhile
        if rehashed:
            row.password_hash = rehashed
        session.get(LoginAttemptRow, attempt_id).success = True
        horizon = now - max(throttle.window, THROTTLE_WINDOW) * 4
        session.execute(delete(LoginAttemptRow).where(LoginAttemptRow.at < horizon))
        return _user(row)


@cache
def _dummy_hash() -> str:
    """A hash to check unknown names against, made on the first login (not at import: argon2 takes 64 MiB)."""
    return _hasher.hash("not a real password, only spends time")


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(store: Transactions, user: User) -> tuple[str, WebSession]:
    """Open a login session; returns the cookie token (shown once) and the session."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    row = WebSessionRow(token_sha256=_token_digest(token), user_id=user.id, csrf_token=secrets.token_urlsafe(32),
                        created_at=now, expires_at=now + SESSION_LIFETIME)
    with store.writing() as session:
        session.execute(delete(WebSessionRow).where(WebSessionRow.expires_at < now))
        session.add(row)
        audit.append(session, actor=user.name, action="user.login", object_type="user", object_id=user.id,
                     details={"name": user.name})
    return token, WebSession(user=user, csrf_token=row.csrf_token, expires_at=row.expires_at)


def find_session(store: Transactions, token: str) -> WebSession | None:
    """The live session of a cookie token, or None (expired, logged out or user disabled)."""
    if not token or len(token) > 100:
        return None
    with store.reading() as session:
        found = session.execute(
            select(WebSessionRow, UserRow).join(UserRow, UserRow.id == WebSessionRow.user_id)
            .where(WebSessionRow.token_sha256 == _token_digest(token))
        ).first()
        if found is None:
            return None
        web_session, user = found
        if web_session.expires_at < utcnow() or user.disabled:
            return None
        return WebSession(user=_user(user), csrf_token=web_session.csrf_token, expires_at=web_session.expires_at)


def end_session(store: Transactions, token: str) -> None:
    """Log a session out (audited when it existed)."""
    with store.writing() as session:
        row = session.execute(
            select(WebSessionRow).where(WebSessionRow.token_sha256 == _token_digest(token))
        ).scalar_one_or_none()
        if row is None:
            return
        user = session.get(UserRow, row.user_id)
        session.delete(row)
        audit.append(session, actor=user.name if user else "?", action="user.logout", object_type="user",
                     object_id=row.user_id, details={})
