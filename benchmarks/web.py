"""Latency of the workbench's call page, calls list and people desk with 10,000 calls, against a one-call store.

Builds two workspaces in a temporary folder (fictional generated calls with
segments, word timings, findings and audit entries), serves each with uvicorn
on a free localhost port, logs in, and times a bounded number of sequential
requests per endpoint. Prints p50/p95 in milliseconds and the ratio to the
small store. Usage: ``python benchmarks/web.py [--calls 10000] [--requests 200]``.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import uvicorn

from overheard.model import Finding, FindingKind, Segment, Transcript, TranscriptSource, Word
from overheard.store import audit, transcripts  # the generator writes rows in bulk, as a white-box test would
from overheard.store import calls as call_rows
from overheard.store.rows import finding_row
from overheard.store.schema import TranscriptRow
from overheard.web import create_app
from overheard.workspace import Workspace

OBLASTS = ["Запорожская", "Херсонская", "Донецкая", "Луганская", "Харьковская", "Белгородская"]
LINES = [
    "Мам, у нас двое двухсотых, Серёга ранен.",
    "Ты где сейчас, сынок?",
    "Под Кременной стоим, всё нормально.",
    "Нам опять не заплатили, трое ушли в СОЧ.",
    "Береги себя, пожалуйста.",
    "Командир говорит, скоро ротация.",
]
PASSWORD = "benchmark password"


def fill(workspace: Workspace, calls: int, seed: int = 7) -> int:
    """Add ``calls`` generated calls through the store (one transaction per 500); return the first call's id."""
    rng = random.Random(seed)
    store, first = workspace.store, None
    start = datetime(2025, 1, 1)
    for batch in range(0, calls, 500):
        with store.writing() as session:
            for number in range(batch, min(batch + 500, calls)):
                row, _ = call_rows.get_or_create(session, f"bench_{number:05d}", "bench")
                row.recorded_at = start + timedelta(minutes=rng.randrange(0, 600 * 24 * 60))
                row.oblast, row.language = rng.choice(OBLASTS), rng.choice(["ru", "ru", "uk"])
                first = first or row.id
                segments, t = [], 0.0
                for index in range(rng.randint(4, 10)):
                    text = rng.choice(LINES)
                    words = []
                    for token in text.split():
                        words.append(Word(start=round(t, 2), end=round(t + 0.3, 2), text=token))
                        t += 0.35
                    segments.append(Segment(text=text, speaker="AB"[index % 2], start=words[0].start,
                                            end=words[-1].end, words=tuple(words), translation="(translation)"))
                transcript = Transcript(segments=tuple(segments), language=row.language, source=TranscriptSource.ASR)
                tid = transcripts.add(session, row.id, transcript, actor="bench")
                transcript_row = session.get(TranscriptRow, tid)
                text = transcript.text
                for needle, kind, label in [("двое двухсотых", FindingKind.CASUALTY, "killed"),
                                            ("Серёга", FindingKind.ENTITY, "PER"),
                                            ("СОЧ", FindingKind.TERM, "desertion"),
                                            ("ранен", FindingKind.CASUALTY, "wounded")]:
                    at = text.find(needle)
                    if at >= 0:
                        finding = Finding(kind=kind, label=label, start=at, end=at + len(needle), text=needle,
                                          score=round(rng.random(), 2), producer="bench.v1", explanation="bench")
                        session.add(finding_row(finding, transcript_row, list(transcript_row.segments),
                                                origin="machine", actor="bench"))
                audit.append(session, actor="bench", action="annotate", object_type="transcript", object_id=tid,
                             call_id=row.id, details={"producer": "bench.v1"})
    return first


def fill_people(workspace: Workspace, seed: int = 7) -> int:
    """Add three people per call (bare first names, some full names), call signs, units and places, through the
    store as ``people sync`` stores them; returns a person id that has calls."""
    from sqlalchemy import select

    from overheard.jobs.people import Pseudonymiser
    from overheard.model import EntityForm, PeopleFound, PersonMention, PlaceMention

    rng = random.Random(seed)
    names = [("Сергей", "m"), ("Андрей", "m"), ("Денис", "m"), ("Алексей", "m"), ("Роман", "m"), ("Ольга", "f"),
             ("Наталья", "f"), ("Евгений", "m"), ("Николай", "m"), ("Ирина", "f"), ("Владимир", "m")]
    places = {"Донецкая": ("Донецк", 48.0, 37.8), "Луганская": ("Луганск", 48.57, 39.3),
              "Харьковская": ("Купянск", 49.71, 37.61), "Запорожская": ("Мелитополь", 46.85, 35.37),
              "Херсонская": ("Херсон", 46.64, 32.61), "Белгородская": ("Белгород", 50.6, 36.6)}
    with workspace.store.reading() as session:
        rows = session.execute(select(TranscriptRow.id, TranscriptRow.call_id)).all()
    headers = {h.id: h for h in workspace.store.call_headers()}
    found = []
    for transcript_id, call_id in rows:
        mentions = []
        for slot in range(3):
            first, gender = rng.choice(names)
            surname = rng.choice(["Петров", "Иванов"]) if rng.random() < 0.05 else None
            key = f"{first.lower()}|{surname.lower()}" if surname else f"{first.lower()}@{headers[call_id].key}"
            mentions.append(PersonMention(key, call_id, transcript_id, slot * 8, slot * 8 + 6, first, first, {
                "first_name": first, "surname": surname, "gender": gender,
                "parts": [{"role": "first", "canonical": first, "gender": gender}]}))
        forms = [EntityForm("UNIT", call_id, transcript_id, 30, 40, f"{rng.randint(1, 40)}-я бригада",
                            None)] if rng.random() < 0.3 else []
        name, lat, lon = places[headers[call_id].oblast]
        found.append(PeopleFound(transcript_id, call_id, "ru", tuple(mentions), tuple(forms),
                                 (PlaceMention(call_id, transcript_id, 50, 55, name, name, headers[call_id].oblast,
                                               "UA", lat, lon),)))
    workspace.store.sync_people(found, Pseudonymiser(b"benchmark secret"), "bench")
    return next(p.id for p in workspace.store.people() if p.calls)


def free_port() -> int:
    """An unused localhost TCP port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def measure(workspace: Workspace, paths: dict[str, str], requests: int) -> dict[str, list[float]]:
    """Serve ``workspace``, log in as an editor, and time ``requests`` GETs of each path (ms)."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(workspace), host="127.0.0.1", port=port, log_level="warning",
                                           access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    timings: dict[str, list[float]] = {}
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            token = client.get("/api/session").json()["csrf_token"]
            client.post("/api/login", json={"name": "editor", "password": PASSWORD},
                        headers={"X-CSRF-Token": token}).raise_for_status()
            for name, path in paths.items():
                client.get(path).raise_for_status()  # warm caches once
                samples = []
                for _ in range(requests):
                    began = time.perf_counter()
                    client.get(path).raise_for_status()
                    samples.append((time.perf_counter() - began) * 1000)
                timings[name] = samples
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    return timings


def percentile(samples: list[float], q: float) -> float:
    """The q-th percentile (0-100) of samples."""
    return statistics.quantiles(samples, n=100, method="inclusive")[int(q) - 1] if len(samples) > 1 else samples[0]


def main() -> None:
    """Build both stores, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        results = {}
        for label, count in (("small", 1), ("large", args.calls)):
            workspace = Workspace.create(Path(folder) / label)
            workspace.store.add_user("editor", "editor", PASSWORD, actor="bench")
            began = time.perf_counter()
            first = fill(workspace, count)
            person = fill_people(workspace)
            print(f"{label}: {count} calls with {len(workspace.store.people())} people built in "
                  f"{time.perf_counter() - began:.1f} s")
            paths = {
                "calls page": "/calls",
                "calls API": "/api/calls",
                "calls page, filtered+sorted": "/calls?oblast=Донецкая&casualty=killed&sort=-findings",
                "call page": f"/calls/{first}",
                "call API": f"/api/calls/{first}",
                "people page": "/people",
                "people API, filtered": "/api/people?oblast=Донецкая&verification=none",
                "person page": f"/people/{person}",
                "network page": "/network",
                "map page": "/map",
            }
            results[label] = measure(workspace, paths, args.requests)
            workspace.close()
    print(f"\n{args.requests} sequential requests per endpoint on localhost; milliseconds")
    print(f"{'endpoint':32} {'1 call p50':>10} {'p95':>7} {f'{args.calls} p50':>11} {'p95':>7} {'p50 ratio':>9}")
    for name in results["small"]:
        small, large = results["small"][name], results["large"][name]
        s50, s95, l50, l95 = (percentile(small, 50), percentile(small, 95), percentile(large, 50),
                              percentile(large, 95))
        print(f"{name:32} {s50:10.1f} {s95:7.1f} {l50:11.1f} {l95:7.1f} {l50 / s50:9.2f}")


if __name__ == "__main__":
    main()
