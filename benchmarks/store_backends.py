"""The same store work on SQLite and on PostgreSQL, in one run: seconds and the PostgreSQL/SQLite ratio.

    python benchmarks/store_backends.py [--calls 200] [--writers 4] [--fast]

For each backend: ingest ``--calls`` transcripts (the sample transcripts, each made distinct),
re-ingest them (all unchanged), annotate them all (terms, casualties, themes, entities), list
the web workbench's first page of calls, verify the audit chain, and let ``--writers``
processes add 25 transcript versions each to one call at the same time (writes per second
under contention). PostgreSQL is a private server started here (tests/pg_server.py) on a unix
socket, durable (fsync on) unless ``--fast``; SQLite is the workspace's WAL file. Both on the
same disk, so the ratio is the cost of the engine, not of the network a newsroom adds.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from pg_server import PostgresServer, bin_dir  # noqa: E402

from overheard.ingest.ingest import ingest_paths  # noqa: E402
from overheard.jobs.annotate import annotate_workspace  # noqa: E402
from overheard.web.calls import CallFilters, list_calls  # noqa: E402
from overheard.workspace import Workspace  # noqa: E402

WRITER = """
import sys, time
from pathlib import Path
from overheard.model import Segment, Transcript, TranscriptSource
from overheard.store import Store
url, who, go = sys.argv[1], sys.argv[2], Path(sys.argv[3])
store = Store.open(url)
go.with_name("ready-" + who).touch()
while not go.exists():
    time.sleep(0.002)
for n in range(25):
    text = f"{who} {n}: Серёга ещё там"
    store.add_transcript("call-0000", Transcript(segments=(Segment(text=text),), source=TranscriptSource.REVIEWED),
                         actor=who)
"""


def corpus(folder: Path, calls: int) -> Path:
    """``calls`` distinct transcript files made from the sample transcripts."""
    folder.mkdir(parents=True)
    texts = []
    for path in sorted((ROOT / "samples").glob("call-*.txt")):
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:  # the samples include a cp1251 file; this corpus is UTF-8 only
            continue
    for n in range(calls):
        text = texts[n % len(texts)]
        (folder / f"call-{n:04d}.txt").write_text(text + f"\nA: Запись номер {n}, всё.\n", encoding="utf-8")
    return folder


def timed(figures: dict, name: str, work):
    """Run ``work()`` and record its wall time under ``name``."""
    start = time.perf_counter()
    result = work()
    figures[name] = time.perf_counter() - start
    return result


def contended_writes(ws: Workspace, url: str, writers: int, scratch: Path) -> float:
    """Seconds for ``writers`` processes to add 25 transcript versions each to one call at once."""
    go = scratch / "go"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    names = [f"writer{n}" for n in range(writers)]
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, url, name, str(go)], env=env) for name in names]
    while not all((scratch / f"ready-{name}").exists() for name in names):
        time.sleep(0.01)
    start = time.perf_counter()
    go.touch()
    if any(proc.wait() != 0 for proc in procs):
        raise SystemExit("a writer failed")
    return time.perf_counter() - start


def run(database: str | None, files: Path, writers: int, scratch: Path) -> dict[str, float]:
    """The measured steps on one backend."""
    figures: dict[str, float] = {}
    ws = Workspace.create(scratch / "ws", database=database)
    report = timed(figures, "ingest", lambda: ingest_paths(ws, [files], actor="bench"))
    assert all(o.status == "ingested" for o in report.outcomes)
    timed(figures, "re-ingest", lambda: ingest_paths(ws, [files], actor="bench"))
    timed(figures, "annotate", lambda: annotate_workspace(ws, "bench"))
    timed(figures, "web list", lambda: [list_calls(ws.store, CallFilters(), page=p) for p in (1, 2, 3)])
    problems = timed(figures, "audit verify", ws.store.verify_audit)
    assert problems == []
    url = database or str(ws.root / "overheard.db")
    figures[f"{writers} writers x25"] = contended_writes(ws, url, writers, scratch)
    versions = [t.version for t in ws.store.transcripts("call-0000")]
    assert versions == list(range(1, len(versions) + 1)) and len(versions) == 1 + 25 * writers
    ws.close()
    return figures


def main() -> None:
    """Parse options, run both backends, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--fast", action="store_true", help="PostgreSQL with fsync off (as in the tests)")
    args = parser.parse_args()
    binaries = bin_dir()
    if binaries is None:
        raise SystemExit("PostgreSQL server binaries are missing: apt install postgresql")
    with tempfile.TemporaryDirectory(prefix="overheard-bench-") as scratch:
        scratch = Path(scratch)
        files = corpus(scratch / "in", args.calls)
        # Annotator start-up (lexicons, morphology) is paid once here, so neither backend carries it.
        warm = Workspace.create(scratch / "warm")
        ingest_paths(warm, [corpus(scratch / "warm-in", 2)], actor="bench")
        annotate_workspace(warm, "bench")
        warm.close()
        (scratch / "sqlite").mkdir()
        sqlite = run(None, files, args.writers, scratch / "sqlite")
        server = PostgresServer(binaries, fast=args.fast).start()
        try:
            (scratch / "pg").mkdir()
            postgres = run(server.create_database("bench"), files, args.writers, scratch / "pg")
        finally:
            server.stop()
    mode = "fsync off" if args.fast else "durable"
    print(f"store backends: {args.calls} calls, {args.writers} concurrent writers, PostgreSQL {mode} on a unix socket")
    print(f"{'step':<18}{'SQLite s':>10}{'PostgreSQL s':>14}{'PG/SQLite':>11}")
    for step in sqlite:
        print(f"{step:<18}{sqlite[step]:>10.2f}{postgres[step]:>14.2f}{postgres[step] / sqlite[step]:>11.2f}")


if __name__ == "__main__":
    main()
