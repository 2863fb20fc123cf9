"""Local accounts: hashing, validation, login throttling, sessions, audit, migration and CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, inspect

from overheard.store import Store, migrate
from overheard.store.schema import UserRow
from overheard.store.users import (
    MAX_FAILURES_PER_NAME,
    AccountError,
    LoginThrottled,
    Role,
    Throttle,
    add_user,
    authenticate,
    end_session,
    find_session,
    list_users,
    start_session,
    update_user,
)

PASSWORD = "long enough secret"


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "overheard.db", create=True)
    yield opened
    opened.close()


def test_password_is_stored_as_argon2id_hash(store):
    add_user(store, "olena", "analyst", PASSWORD, actor="admin")
    with store.reading() as session:
        row = session.query(UserRow).one()
    assert row.password_hash.startswith("$argon2id$")
    assert PASSWORD not in row.password_hash
    assert authenticate(store, "olena", PASSWORD, client="c1").role is Role.ANALYST
    assert authenticate(store, "olena", "wrong password", client="c1") is None
    assert authenticate(store, "nobody", PASSWORD, client="c1") is None


@pytest.mark.parametrize(
    ("name", "role", "password"),
    [
        ("", "viewer", PASSWORD),
        ("has space", "viewer", PASSWORD),
        ("../etc", "viewer", PASSWORD),
        ("Іван", "viewer", PASSWORD),
        ("ok", "boss", PASSWORD),
        ("ok", "viewer", "short"),
    ],
)
def test_bad_accounts_are_refused(store, name, role, password):
    with pytest.raises(AccountError):
        add_user(store, name, role, password, actor="admin")
    assert list_users(store) == []


def test_duplicate_name_is_refused(store):
    add_user(store, "olena", "viewer", PASSWORD, actor="admin")
    with pytest.raises(AccountError, match="already exists"):
        add_user(store, "olena", "admin", PASSWORD, actor="admin")


@pytest.mark.parametrize(
    ("role", "needed", "allowed"),
    [
        ("viewer", "viewer", True),
        ("viewer", "analyst", False),
        ("analyst", "analyst", True),
        ("analyst", "editor", False),
        ("editor", "analyst", True),
        ("editor", "admin", False),
        ("admin", "editor", True),
    ],
)
def test_role_order(role, needed, allowed):
    assert Role(role).allows(Role(needed)) is allowed


def test_failed_logins_throttle_the_name_even_with_the_right_password(store):
    add_user(store, "olena", "viewer", PASSWORD, actor="admin")
    add_user(store, "petro", "viewer", PASSWORD, actor="admin")
    # a first wait of a minute, so a slow password hash on a busy machine cannot outlast it
    throttle = Throttle(backoff_base=timedelta(minutes=1))
    for _ in range(MAX_FAILURES_PER_NAME):
        assert authenticate(store, "olena", "guess", client="10.0.0.1", throttle=throttle) is None
    with pytest.raises(LoginThrottled):
        authenticate(store, "olena", PASSWORD, client="10.0.0.2", throttle=throttle)
    assert authenticate(store, "petro", PASSWORD, client="10.0.0.3", throttle=throttle) is not None


def test_failed_logins_throttle_the_client_address(store):
    add_user(store, "olena", "viewer", PASSWORD, actor="admin")
    throttle = Throttle(per_name=100, per_client=3)
    for index in range(3):
        assert authenticate(store, f"guess{index}", "guess", client="10.9.9.9", throttle=throttle) is None
    with pytest.raises(LoginThrottled):
        authenticate(store, "olena", PASSWORD, client="10.9.9.9", throttle=throttle)
    assert authenticate(store, "olena", PASSWORD, client="10.1.1.1", throttle=throttle) is not None


def test_old_failures_leave_the_window(store):
    add_user(store, "olena", "viewer", PASSWORD, actor="admin")
    throttle = Throttle(per_name=1, per_client=100, window=timedelta(seconds=0))
    assert authenticate(store, "olena", "guess", client="c", throttle=throttle) is None
    assert authenticate(store, "olena", PASSWORD, client="c", throttle=throttle) is not None


def test_session_lifecycle(store):
    user = add_user(store, "olena", "editor", PASSWORD, actor="admin")
    token, session = start_session(store, user)
    assert len(token) >= 40 and len(session.csrf_token) >= 40
    found = find_session(store, token)
    assert found is not None and found.user.name == "olena" and found.csrf_token == session.csrf_token
    assert find_session(store, token + "x") is None
    assert find_session(store, "") is None
    end_session(store, token)
    assert find_session(store, token) is None


def test_disabling_or_demoting_ends_sessions(store):
    user = add_user(store, "olena", "editor", PASSWORD, actor="admin")
    token, _ = start_session(store, user)
    update_user(store, user.id, actor="admin", role="viewer")
    assert find_session(store, token) is None
    token, _ = start_session(store, user)
    update_user(store, user.id, actor="admin", disabled=True)
    assert find_session(store, token) is None
    assert authenticate(store, "olena", PASSWORD, client="c") is None
    update_user(store, user.id, actor="admin", disabled=False, password="another long one")
    assert authenticate(store, "olena", "another long one", client="c").role is Role.VIEWER


def test_account_changes_are_audited_without_passwords(store):
    user = add_user(store, "olena", "analyst", PASSWORD, actor="boss")
    start_session(store, user)
    update_user(store, user.id, actor="boss", role="editor", password="another long one")
    entries = store.audit_entries()
    assert [e.action for e in entries] == ["user.add", "user.login", "user.update"]
    assert entries[0].actor == "boss" and entries[1].actor == "olena"
    assert all(PASSWORD not in e.details and "another long one" not in e.details for e in entries)
    assert store.verify_audit() == []


def test_migration_0002_adds_the_account_tables(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    config = migrate.alembic_config(engine)
    from alembic import command

    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    assert "users" not in inspect(engine).get_table_names()
    migrate.upgrade(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"users", "web_sessions", "login_attempts"} <= tables
    assert migrate.current_revision(engine) == "0002" or migrate.current_revision(engine) == migrate.head_revision()


def _cli(*args, stdin: str = "", cwd=None):
    return subprocess.run([sys.executable, "-m", "overheard", *args], input=stdin, capture_output=True, text=True,
                          cwd=cwd, timeout=120)


def test_cli_user_add_and_list(tmp_path):
    workspace = tmp_path / "ws"
    assert _cli("init", str(workspace)).returncode == 0
    done = _cli("user", "add", "olena", "--role", "editor", "--password-stdin", "-w", str(workspace),
                stdin=PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    assert PASSWORD not in done.stdout + done.stderr
    short = _cli("user", "add", "petro", "--role", "viewer", "--password-stdin", "-w", str(workspace),
                 stdin="short\n")
    assert short.returncode == 2 and "E013" in short.stderr
    listed = _cli("user", "list", "--format", "json", "-w", str(workspace))
    users = json.loads(listed.stdout)
    assert [(u["name"], u["role"], u["disabled"]) for u in users] == [("olena", "editor", False)]
    changed = _cli("user", "set", "olena", "--disable", "-w", str(workspace))
    assert changed.returncode == 0 and "disabled" in changed.stdout


def test_cli_serve_with_a_demo_account(tmp_path):
    import os
    import re
    import socket
    import time

    import httpx

    workspace = tmp_path / "ws"
    assert _cli("init", str(workspace)).returncode == 0
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-u", "-m", "overheard", "serve", "--demo-account", "--port", str(port),
                               "-w", str(workspace)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env=os.environ | {"OVERHEARD_ACTOR": "tester"})
    try:
        lines = []
        while not any("serving" in line for line in lines):
            line = server.stdout.readline()
            assert line, "".join(lines)
            lines.append(line)
        password = re.search(r"name demo, password (\S+)", "".join(lines)).group(1)
        assert f"http://127.0.0.1:{port}" in "".join(lines)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            for _ in range(100):
                try:
                    token = client.get("/api/session").json()["csrf_token"]
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            response = client.post("/api/login", json={"name": "demo", "password": password},
                                   headers={"X-CSRF-Token": token})
            assert response.status_code == 200 and response.json()["user"]["role"] == "admin"
    finally:
        server.terminate()
        server.wait(timeout=20)
