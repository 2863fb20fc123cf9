"""Database engines for the store: SQLite files and database servers (PostgreSQL).

SQLite gets WAL mode and ``BEGIN IMMEDIATE`` for write transactions; PostgreSQL write
transactions take a transaction-scoped advisory lock first. Both serialise writers, so the
store's read-then-write steps (next transcript version, call by key, audit head) need no
retries. Connection problems become one-line :class:`DatabaseError` messages with the
password masked.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError

from overheard.errors import WorkspaceError
from overheard.store import migrate

CONNECT_TIMEOUT = 10  # seconds, unless the URL says connect_timeout=N or PGCONNECT_TIMEOUT is set


def json_text(value) -> str:
    """JSON columns as UTF-8 text: Cyrillic stored as written, not as ``\\uXXXX`` escapes."""
    return json.dumps(value, ensure_ascii=False)


def owner_only(path: Path) -> None:
    """Make a database file (and its WAL and shared-memory files) readable and writable by its owner only.

    The database links real names to pseudonyms and holds password hashes: under a umask of 022 it
    would otherwise be readable by every account on the machine.
    """
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))  # an empty file is an empty SQLite database
    for companion in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        try:
            if companion.exists() and companion.stat().st_mode & 0o077 and companion.stat().st_uid == os.getuid():
                os.chmod(companion, 0o600)
        except OSError:
            pass  # a read-only copy or someone else's file: SQLite will say what it can do with it


def sqlite_engine(path: Path) -> Engine:
    """An engine for the SQLite file at ``path``: WAL, foreign keys, BEGIN IMMEDIATE for writes, owner-only.

    SQL parameters are kept out of error messages (``hide_parameters``): they hold transcript text.
    """
    owner_only(Path(path))
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 60}, json_serializer=json_text,
                           hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # let us issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        immediate = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class DatabaseError(WorkspaceError):
    """The workspace's database server cannot be reached or used (driver, network, login, encoding)."""

    code = "E017"


def safe_url(url: str) -> str:
    """``url`` with any password masked (``***``), for messages and logs."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return "(unreadable URL)"
    if "password" in parsed.query:
        parsed = parsed.update_query_dict({"password": "***"})
    return parsed.render_as_string(hide_password=True)


def has_password(url: str) -> bool:
    """True when a database URL carries a password (in the authority or as ``?password=``)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return False
    return bool(parsed.password) or "password" in parsed.query


def reason(error: BaseException, url: str) -> str:
    """The driver's first message line, with the URL's password scrubbed out of it."""
    original = getattr(error, "orig", None) or error
    lines = [line.strip() for line in str(original).splitlines() if line.strip()]
    # libpq: 'connection failed: connection to server at "h", port 1 failed: Connection refused' + advice
    reason = lines[0].rsplit(" failed: ", 1)[-1] if lines else type(original).__name__
    reason = reason.removeprefix("FATAL:").strip()
    try:
        parsed = make_url(url)
        secrets = [parsed.password, parsed.query.get("password")]
    except ArgumentError:
        secrets = []
    for secret in secrets:
        if isinstance(secret, str) and secret:
            reason = reason.replace(secret, "***")
    return reason[:200]


def sqlite_file(url: str) -> str | None:
    """The file path of a ``sqlite:///PATH`` URL (so it gets WAL and BEGIN IMMEDIATE too), else None."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return parsed.database


def _with_timeout(url: str):
    """``url`` with connect_timeout=CONNECT_TIMEOUT for PostgreSQL (psycopg would wait 130 s).

    A timeout in the URL or libpq's PGCONNECT_TIMEOUT variable wins.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql" or "connect_timeout" in parsed.query:
        return parsed
    if os.environ.get("PGCONNECT_TIMEOUT"):
        return parsed
    return parsed.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT)})


def server_engine(url: str) -> Engine:
    """An engine for a database server URL; PostgreSQL write transactions take the write lock."""
    try:
        engine = create_engine(_with_timeout(url), pool_pre_ping=True, json_serializer=json_text,
                               hide_parameters=True)
    except ArgumentError:
        raise DatabaseError(f"{safe_url(url)} is not a database URL: write postgresql+psycopg://USER@HOST/DB") from None
    except ModuleNotFoundError as error:
        raise DatabaseError(
            f"the driver for {safe_url(url)} is not installed ({error.name}): pip install 'overheard[postgres]'"
        ) from None
    if engine.dialect.name == "postgresql":

        @event.listens_for(engine, "begin")
        def _on_begin(connection) -> None:
            if connection.get_execution_options().get("write", False):
                migrate.lock(connection, migrate.WRITE_LOCK)

    return engine


def check_encoding(engine: Engine) -> None:
    """Refuse a PostgreSQL database that would not keep Cyrillic text as UTF-8."""
    # A raw driver connection: SQLAlchemy's own first connect cannot even parse the server version
    # once the driver hands back bytes, as psycopg does for a SQL_ASCII database.
    args, kwargs = engine.dialect.create_connect_args(engine.url)
    with engine.dialect.loaded_dbapi.connect(*args, **kwargs) as connection:
        encoding = connection.execute("SHOW server_encoding").fetchone()[0]
    if isinstance(encoding, bytes):
        encoding = encoding.decode("ascii", "replace")
    if str(encoding).upper() not in ("UTF8", "UTF-8"):
        raise DatabaseError(
            f"the database {safe_url(str(engine.url))} stores text as {encoding}, not UTF8: "
            "create it with ENCODING 'UTF8' (see docs/scale-out.md)"
        )
