"""A private, throwaway PostgreSQL server for tests and benchmarks.

Debian's ``postgresql`` package binaries (``initdb``, ``pg_ctl``) make a cluster in a
temporary folder that listens only on a unix socket inside that folder: no TCP port,
no clash with any system server, gone when stopped. initdb refuses to run as root, so
as root the server runs as the ``postgres`` user the Debian package creates.

Where the binaries are missing, tests skip on a hand run and fail in CI (``CI`` set),
as the browser tests do with chromium.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

SUPERUSER = "postgres"
PORT = 5432  # names the socket file only: listen_addresses is empty, so no TCP port is opened
# Speed over durability: a test cluster is thrown away, so nothing needs to reach the disk.
FAST_SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off")
# Passwords are checked on the socket for every role but the superuser the tests use.
PG_HBA = f"local all {SUPERUSER} trust\nlocal all all scram-sha-256\n"


def bin_dir() -> Path | None:
    """The newest ``/usr/lib/postgresql/N/bin`` holding initdb and pg_ctl, or None."""
    found = [
        path
        for path in Path("/usr/lib/postgresql").glob("*/bin")
        if (path / "initdb").is_file() and (path / "pg_ctl").is_file()
    ]
    return max(found, key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0, default=None)


def require_binaries() -> Path:
    """The binaries' folder; skip the test without them, but fail in CI where setup installs them."""
    found = bin_dir()
    message = None
    if found is None:
        message = "PostgreSQL server binaries are not installed (apt install postgresql)"
    elif os.getuid() == 0 and not _user_exists(SUPERUSER):
        message = f"running as root needs the '{SUPERUSER}' user that Debian's postgresql package creates"
    if message is not None:
        if os.environ.get("CI"):
            pytest.fail(message + "; scripts/setup-system.sh installs it", pytrace=False)
        pytest.skip(message)
    return found


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


class PostgresServer:
    """One private cluster: ``start()``, ``create_database()``, ``stop()``."""

    def __init__(self, binaries: Path, *, fast: bool = True) -> None:
        self.binaries = binaries
        self.fast = fast  # fsync off: right for tests; a benchmark of a real server passes False
        # /tmp, not $TMPDIR: the socket path must stay under 107 bytes, and the postgres user
        # must be able to reach the folder (a TMPDIR under /root would not let it).
        self.root = Path(tempfile.mkdtemp(prefix="overheard-pg-", dir="/tmp" if Path("/tmp").is_dir() else None))
        self.data = self.root / "data"
        self._as_owner: list[str] = []
        if os.getuid() == 0:
            if shutil.which("runuser") is None:
                raise RuntimeError("running as root needs runuser to start PostgreSQL as its own user")
            shutil.chown(self.root, user=SUPERUSER)
            self._as_owner = ["runuser", "-u", SUPERUSER, "--"]
        self._databases = 0

    @property
    def socket_dir(self) -> Path:
        """The folder holding the server's unix socket (libpq's ``host``)."""
        return self.root

    def _run(self, *command: str) -> None:
        result = subprocess.run([*self._as_owner, *command], capture_output=True, text=True, timeout=60, cwd=self.root)
        if result.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-2000:]}\n{tail}")

    def start(self) -> PostgresServer:
        """initdb a fresh cluster (UTF-8, no sync) and start it on the socket only."""
        self._run(
            str(self.binaries / "initdb"),
            "-D", str(self.data),
            "-U", SUPERUSER,
            "-E", "UTF8",
            "--locale=C.UTF-8",
            "--auth-local=trust",
            "--no-sync",
        )  # fmt: skip
        hba = self.data / "pg_hba.conf"
        hba.write_text(PG_HBA)
        if self._as_owner:
            shutil.chown(hba, user=SUPERUSER)
        options = f"-k {self.socket_dir} -p {PORT} -c listen_addresses='' " + " ".join(
            f"-c {setting}" for setting in (FAST_SETTINGS if self.fast else ())
        )
        self._run(
            str(self.binaries / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"),
            "-o", options, "-w", "-t", "30", "start",
        )  # fmt: skip
        return self

    def tool(self, name: str, *args: str) -> None:
        """Run a client program of the same version (pg_dump, pg_restore...) against this server."""
        self._run(str(self.binaries / name), "-h", str(self.socket_dir), "-p", str(PORT), "-U", SUPERUSER, *args)

    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str | None = None) -> str:
        """A SQLAlchemy URL for ``database`` over the socket."""
        auth = user if password is None else f"{user}:{password}"
        return f"postgresql+psycopg://{auth}@/{database}?host={self.socket_dir}&port={PORT}"

    def sql(self, *statements: str, database: str = "postgres") -> None:
        """Run statements as the superuser outside a transaction (CREATE DATABASE, roles...)."""
        import psycopg

        with psycopg.connect(host=str(self.socket_dir), port=PORT, user=SUPERUSER, dbname=database,
                             autocommit=True) as connection:  # fmt: skip
            for statement in statements:
                connection.execute(statement)

    def create_database(self, prefix: str = "store", *, encoding: str = "UTF8") -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        self._databases += 1
        name = f"{prefix}_{self._databases}"
        locale = "C.UTF-8" if encoding.upper() == "UTF8" else "C"
        self.sql(f"CREATE DATABASE {name} ENCODING '{encoding}' LOCALE '{locale}' TEMPLATE template0")
        return self.url(name)

    def stop(self) -> None:
        """Stop the server at once and delete its files."""
        if (self.data / "postmaster.pid").exists():
            self._run(str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)
