"""Apply Alembic migrations to a store's database."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).parent / "migrations"
# PostgreSQL advisory lock keys (any constant bigint; scoped to one database).
MIGRATION_LOCK = 0x6F76_6D69  # "ovmi": one process migrates at a time
WRITE_LOCK = 0x6F76_7772  # "ovwr": one write transaction at a time, as BEGIN IMMEDIATE on SQLite


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic config pointing at overheard's migration scripts.

    The database URL is deliberately not put in it: migrations run on a connection
    handed over in ``attributes``, so no password is copied into Alembic's settings
    (and a ``%`` in a URL cannot trip its config-file interpolation).
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def lock(connection: Connection, key: int) -> None:
    """On PostgreSQL, wait for the transaction-scoped advisory lock ``key`` (no-op elsewhere)."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({int(key)})")


def upgrade(engine: Engine) -> None:
    """Bring the database up to the newest schema revision (one process at a time on PostgreSQL)."""
    config = alembic_config(engine)
    with engine.begin() as connection:
        lock(connection, MIGRATION_LOCK)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None when never migrated)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    """The newest revision shipped with this version of overheard."""
    return ScriptDirectory.from_config(alembic_config_for_scripts()).get_current_head()


def is_known(revision: str) -> bool:
    """True when ``revision`` is one of the migrations shipped with this version of overheard."""
    try:
        return ScriptDirectory.from_config(alembic_config_for_scripts()).get_revision(revision) is not None
    except CommandError:
        return False


def alembic_config_for_scripts() -> Config:
    """An Alembic config for reading the migration scripts only."""
    return alembic_config()
