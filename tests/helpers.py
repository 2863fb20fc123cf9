"""What many test modules need: the CLI run as a user types it, and a login as a role (API or browser)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PASSWORD = "correct horse battery"  # every test account's password (web_corpus and the other corpora use it)


def run_cli(
    *args: str,
    workspace: Path | None = None,
    input: str | bytes | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 300,
    subprocess_: bool = False,
) -> subprocess.CompletedProcess:
    """Run ``overheard ARGS`` as a user types it and capture exit status, stdout and stderr.

    In this process by default (the console entry point ``overheard.cli.app.main`` with its error boundary,
    stdin/stdout/stderr swapped, the environment restored afterwards); ``subprocess_=True`` runs
    ``python -m overheard`` in a real process, for tests where the process itself is the point (signals,
    interpreter start-up, what reaches a terminal). Output is text, or bytes when ``input`` is bytes.
    """
    command = ["-w", str(workspace)] if workspace is not None else []
    command += list(args)
    if subprocess_:
        full_env = {**os.environ, "PYTHONPATH": str(REPO / "src"), **(env or {})}
        return subprocess.run(
            [sys.executable, "-m", "overheard", *command],
            capture_output=True,
            text=isinstance(input, str) or input is None,
            input=input,
            env=full_env,
            timeout=timeout,
        )
    return _run_in_process(command, input, env)


def _run_in_process(command: list[str], input: str | bytes | None, env: dict[str, str] | None):
    from click.testing import CliRunner

    from overheard.cli.app import main

    saved_env = dict(os.environ)
    runner = CliRunner()
    returncode = 0
    try:
        with runner.isolation(input=input, env=env) as (stdout, stderr, _mixed):
            try:
                main(command)
            except SystemExit as done:
                returncode = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
            out, err = stdout.getvalue(), stderr.getvalue()
    finally:
        os.environ.clear()
        os.environ.update(saved_env)
    if not isinstance(input, bytes):
        out, err = out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
    return subprocess.CompletedProcess(["overheard", *command], returncode, out, err)


def api_login(workspace, name: str, password: str = PASSWORD, client=None):
    """Log ``name`` in through ``/api/login``; returns (client with its session cookie, CSRF headers).

    ``workspace`` is a Workspace (a new app is made for it) unless ``client`` is given.
    """
    from fastapi.testclient import TestClient

    from overheard.web import create_app

    client = client or TestClient(create_app(workspace))
    token = client.get("/api/session").json()["csrf_token"]
    response = client.post("/api/login", json={"name": name, "password": password}, headers={"X-CSRF-Token": token})
    assert response.status_code == 200, response.text
    return client, {"X-CSRF-Token": response.json()["csrf_token"]}


def browser_login(browser, base: str, name: str, password: str = PASSWORD, **context_options):
    """A new browser page (its own context) logged in as ``name`` through the login form, on /calls."""
    page = browser.new_context(**context_options).new_page()
    page.goto(f"{base}/login")
    page.fill("#name", name)
    page.fill("#password", password)
    page.click("#login")
    page.wait_for_url(f"{base}/calls")
    return page
