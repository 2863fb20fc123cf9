#!/usr/bin/env python3
"""Screenshot the call page of a real workspace (by default the one `make demo` builds) for the docs.

    .venv/bin/python scripts/screenshot.py [--workspace demo-workspace] [--call KEY] [--out docs/screenshot-call.png]
    .venv/bin/python scripts/screenshot.py --page /trends --out docs/screenshot-trends.png

The workspace is copied to a temporary folder first, so the one-off editor account this needs never
touches the real one. The call shown is the one with the most findings unless ``--call`` names one.
Needs Debian's chromium (``make setup`` installs it) and the ``dev`` extra (Playwright).
"""

from __future__ import annotations

import argparse
import secrets
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")


def busiest_call(store) -> str:
    """The key of the call whose current transcript has the most findings."""
    calls = store.list_calls()
    if not calls:
        raise SystemExit("error: the workspace has no calls; run `make demo` first")
    return max(calls, key=lambda call: len(store.findings(call_ref=call.id))).key


def main() -> int:
    """Copy the workspace, serve it on a free port, log in through the form and save the picture."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workspace", type=Path, default=ROOT / "demo-workspace")
    parser.add_argument("--call", help="call key (default: the call with the most findings)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot-call.png")
    parser.add_argument("--page", default=None, help="another page to take instead, e.g. /trends")
    args = parser.parse_args()
    if not (args.workspace / "config.yaml").is_file():
        print(f"error: {args.workspace} is not a workspace; run `make demo` first", file=sys.stderr)
        return 2
    import playwright.sync_api as playwright_api
    import uvicorn

    from overheard.model import Role
    from overheard.web import create_app
    from overheard.workspace import Workspace

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "workspace"
        shutil.copytree(args.workspace, copy, symlinks=True)
        workspace = Workspace.open(copy)
        password = secrets.token_urlsafe(12)
        workspace.store.set_account("screenshot", Role.EDITOR, password, actor="screenshot")
        key = args.call or busiest_call(workspace.store)
        call_id = next(call.id for call in workspace.store.list_calls() if call.key == key)
        server = uvicorn.Server(uvicorn.Config(create_app(workspace), host="127.0.0.1", port=0, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        base = f"http://127.0.0.1:{port}"
        try:
            with playwright_api.sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                                     args=["--no-sandbox", "--disable-gpu", "--mute-audio"])
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                page.goto(f"{base}/login")
                page.fill("#name", "screenshot")
                page.fill("#password", password)
                page.click("#login")
                page.wait_for_url(f"{base}/calls")
                if args.page:
                    page.goto(f"{base}{args.page}")
                    page.wait_for_load_state("networkidle")
                else:
                    page.goto(f"{base}/calls/{call_id}")
                    page.wait_for_selector("#transcript")
                args.out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.out), full_page=False)
                browser.close()
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            workspace.store.close()
    print(f"wrote {args.out} (call {key})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
