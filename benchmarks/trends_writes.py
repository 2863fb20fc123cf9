"""The first view of Trends, the timeline and the register after a write, against their warm views, at 10,000 calls.

Builds one workspace of generated calls (``benchmarks/web.py``'s generator: segments, findings with sides
and themes, people, an external series), serves it with uvicorn, logs in as an editor and:

1. times ``--requests`` warm GETs of each page (the baseline: nothing written since the last view);
2. ``--rounds`` times per page: makes one write through the JSON API, then times the first GET of the page.
   The writes cycle through the kinds a desk makes: accept a casualty finding, reject one, undo a
   decision, add a hand-made casualty finding, correct a finding's side, keep two mentions apart and
   merge two (incident decisions), each on a different call, and two the CLI makes (through the same
   store, as ``overheard ingest`` and ``overheard metadata`` would): a new call and a metadata edit
   (the call moves to another month and oblast).

Prints p50/p95 in milliseconds of both, and the ratio of the first-view p95 to the warm p95 (the same
process, the same load, so the ratio says what a write costs the next reader). The write's own time is
printed apart. Wall-clock time is what a reader waits; on a shared machine it grows with the load, so
the CPU time the process spent on each request (server and client share the process) is printed too.
``--copy-of DIR`` copies a workspace built before (by this script's ``--keep DIR``) instead of building
one. ``--profile DIR`` also profiles (cProfile, in the server's worker thread) every first view after a
write and writes one ``PAGE-KIND.prof`` per page and kind of write into DIR, with the top functions by
cumulative time printed (profiling slows the request: the timings of a profiled run are not the figures).
Usage: ``python benchmarks/trends_writes.py [--calls 10000] [--requests 30] [--rounds 12] [--profile DIR]``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import fastapi.routing
import httpx
from web import PASSWORD, add_series, fill, fill_people, percentile, served_as_editor

from overheard.model import CallMetadata
from overheard.store import Store
from overheard.workspace import Workspace

PAGES = {"trends page": "/trends", "timeline page": "/timeline", "register page": "/register"}
WRITES = ("accept", "reject", "undo", "hand-made finding", "side correction", "incident keep apart",
          "incident merge", "new call", "metadata")
OBLASTS = ("Donetsk", "Luhansk", "Kharkiv", "Zaporizhzhia")


class Writer:
    """One write of each kind in turn, through the JSON API (the CLI's through the store), each on a call not
    written before."""

    def __init__(self, client: httpx.Client, csrf: str, first_call: int, store: Store) -> None:
        self.client, self.headers, self.store = client, {"X-CSRF-Token": csrf}, store
        self.next_call = first_call
        self.count = 0
        self.last_decided: tuple[int, int] | None = None  # finding id, revision after the decision

    def _casualties(self) -> tuple[int, list[dict]]:
        while True:
            call = self.next_call
            self.next_call += 1
            found = [f for f in self.client.get(f"/api/calls/{call}").json()["findings"]
                     if f["kind"] == "casualty" and f["review_status"] == "pending"]
            if len(found) >= 1:
                return call, found

    def _like(self, finding: dict) -> dict:
        """A pending casualty finding on a later call with the same category and side (a merge must not join
        own and enemy losses, nor two categories)."""
        side = finding["attributes"].get("side")
        while True:
            _, found = self._casualties()
            for other in found:
                if other["label"] == finding["label"] and other["attributes"].get("side") == side:
                    return other

    def _post(self, path: str, body: dict) -> dict:
        response = self.client.post(path, json=body, headers=self.headers)
        if response.is_error:
            raise RuntimeError(f"{path}: {response.status_code} {response.text}")
        return response.json()

    def write(self) -> str:
        """Make the next write; return its kind."""
        kind = WRITES[self.count % len(WRITES)]
        self.count += 1
        call, found = self._casualties()
        finding = found[0]
        if kind in ("accept", "reject"):
            done = self._post(f"/api/findings/{finding['id']}/review",
                              {"action": kind, "revision": finding["revision"]})
            self.last_decided = (finding["id"], done["revision"])
        elif kind == "undo":
            if self.last_decided is None:
                return self.write()
            finding_id, revision = self.last_decided
            self._post(f"/api/findings/{finding_id}/undo", {"revision": revision})
            self.last_decided = None
        elif kind == "hand-made finding":
            self._post(f"/api/calls/{call}/findings", {
                "kind": "casualty", "label": finding["label"], "start": finding["start"], "end": finding["end"],
                "count": 3, "side": "own"})
        elif kind == "side correction":
            self._post(f"/api/findings/{finding['id']}/correct", {"side": "enemy", "revision": finding["revision"]})
        elif kind in ("incident keep apart", "incident merge"):
            self._post("/api/register/decisions", {"action": kind.split(" ", 1)[1].replace(" ", "_"),
                                                   "findings": [finding["id"], self._like(finding)["id"]]})
        elif kind == "new call":
            self.store.add_call(f"bench_new_{self.count:05d}", "bench", CallMetadata(
                recorded_at=datetime(2025, 3, 1, 8, 0) + timedelta(days=self.count), oblast="Kharkiv"),
                reason="ingest")
        else:  # metadata: the call moves to another month and oblast
            self.store.update_metadata(call, CallMetadata(
                recorded_at=datetime(2025, 6, 1, 8, 0) + timedelta(days=self.count),
                oblast=OBLASTS[self.count % len(OBLASTS)]), "bench")
        return kind


class Profiled:
    """Profile the next request's endpoint (cProfile in the worker thread that runs it), when asked."""

    def __init__(self, folder: Path | None) -> None:
        self.folder, self.next_name = folder, None
        self.stats: dict[str, list[pstats.Stats]] = {}
        if folder is None:
            return
        folder.mkdir(parents=True, exist_ok=True)
        original = fastapi.routing.run_in_threadpool

        async def run(func, *args, **kwargs):
            name, self.next_name = self.next_name, None
            if name is None:
                return await original(func, *args, **kwargs)

            def profiled():
                profile = cProfile.Profile()
                try:
                    return profile.runcall(func, *args, **kwargs)
                finally:
                    profile.dump_stats(folder / f"{name}.{len(self.stats.get(name, ()))}.prof")
                    self.stats.setdefault(name, []).append(pstats.Stats(profile))
            return await original(profiled)

        fastapi.routing.run_in_threadpool = run

    def ask(self, name: str) -> None:
        """Profile the next endpoint call under ``name`` (nothing without a folder)."""
        if self.folder is not None:
            self.next_name = name

    def report(self, top: int = 25) -> None:
        """Print each name's profiles merged: the top functions by cumulative time."""
        for name, runs in self.stats.items():
            merged = runs[0]
            for more in runs[1:]:
                merged.add(more)
            out = io.StringIO()
            merged.stream = out
            merged.sort_stats("cumulative").print_stats(top)
            merged.dump_stats(self.folder / f"{name}.prof")
            print(f"\n=== {name}: {len(runs)} profiled ===\n" + out.getvalue().split("\n\n", 2)[-1][:6000])


def timed(timings: dict[str, list[float]], name: str, action) -> None:
    """Run ``action`` and add its wall-clock and CPU milliseconds under ``name`` and ``name (CPU)``."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    timings.setdefault(name, []).append((time.perf_counter() - wall) * 1000)
    timings.setdefault(f"{name} (CPU)", []).append((time.process_time() - cpu) * 1000)


def measure(workspace: Workspace, first_call: int, requests: int, rounds: int,
            profiled: Profiled | None = None, pages: dict[str, str] = PAGES) -> dict[str, list[float]]:
    """Serve the workspace and time warm views and first views after a write (ms); with ``profiled``, profile
    each first view after a write."""
    timings: dict[str, list[float]] = {}
    profiled = profiled or Profiled(None)
    with served_as_editor(workspace, timeout=900) as (client, csrf):
        for name, path in pages.items():
            timed(timings, f"{name} (cold, once)", lambda path=path: client.get(path).raise_for_status())
        for name, path in pages.items():
            for _ in range(requests):
                timed(timings, f"{name} warm", lambda path=path: client.get(path).raise_for_status())
        writer = Writer(client, csrf, first_call, workspace.store)
        for _ in range(rounds):
            for name, path in pages.items():
                kinds: list[str] = []
                timed(timings, "the write itself", lambda kinds=kinds: kinds.append(writer.write()))
                profiled.ask(f"{name.split()[0]}-{kinds[0].replace(' ', '-')}")
                timed(timings, f"{name} after a write", lambda path=path: client.get(path).raise_for_status())
    return timings


def main() -> None:
    """Build the store, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=30, help="warm GETs per page")
    parser.add_argument("--rounds", type=int, default=12, help="writes (each followed by a first view) per page")
    parser.add_argument("--copy-of", type=Path, help="copy this workspace (made with --keep) instead of building one")
    parser.add_argument("--keep", type=Path, help="also copy the built workspace here, for later --copy-of runs")
    parser.add_argument("--profile", type=Path, help="profile each first view after a write into this folder")
    parser.add_argument("--pages", default="trends,timeline,register", help="which pages to time (comma-separated)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "large"
        began = time.perf_counter()
        if args.copy_of:
            shutil.copytree(args.copy_of, root)
            workspace = Workspace.open(root)
            first = min(header.id for header in workspace.store.call_headers())
        else:
            workspace = Workspace.create(root)
            workspace.store.add_user("editor", "editor", PASSWORD, actor="bench")
            first = fill(workspace, args.calls)
            add_series(workspace, Path(folder))
            fill_people(workspace)
            if args.keep:
                shutil.copytree(root, args.keep)
        calls = len(workspace.store.call_headers())
        print(f"{calls} calls ready in {time.perf_counter() - began:.1f} s")
        load = os.getloadavg()[0]
        profiled = Profiled(args.profile)
        pages = {name: path for name, path in PAGES.items() if name.split()[0] in args.pages.split(",")}
        timings = measure(workspace, first, args.requests, args.rounds, profiled, pages)
        workspace.close()
    profiled.report()
    print(f"\n{calls} calls; milliseconds; {args.requests} warm GETs and {args.rounds} writes per page; "
          f"load average {load:.1f} before, {os.getloadavg()[0]:.1f} after")
    print(f"{'':40} {'p50':>8} {'p95':>8} {'n':>4}")
    for name, samples in timings.items():
        print(f"{name:40} {percentile(samples, 50):8.0f} {percentile(samples, 95):8.0f} {len(samples):4}")
    print("\nfirst view after a write, p95 / warm p95 (wall clock; CPU):")
    for name in pages:
        ratios = []
        for clock in ("", " (CPU)"):
            warm = percentile(timings[f"{name} warm{clock}"], 95)
            after = percentile(timings[f"{name} after a write{clock}"], 95)
            ratios.append(f"{after / warm:6.1f}x ({after:.0f} ms against {warm:.0f} ms)")
        print(f"{name:24} {ratios[0]:36} {ratios[1]}")


if __name__ == "__main__":
    main()
