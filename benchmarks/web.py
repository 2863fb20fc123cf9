"""Latency of the workbench's pages with 10,000 calls, against a one-call store.

Builds two workspaces in a temporary folder (fictional generated calls with
segments, word timings, findings with sides and themes, audit entries, and an
external monthly series), serves each with uvicorn on a free localhost port,
logs in, and times a bounded number of sequential requests per endpoint. Prints
p50/p95 in milliseconds and the ratio to the small store, and the first (cold)
request of the pages that build a report (Trends, timeline), which later
requests take from the cache until the store changes.
Usage: ``python benchmarks/web.py [--calls 10000] [--requests 200] [--only trends,timeline]``.

``--findings-part WORKSPACE`` instead weighs the call page's findings part on the workspace's busiest call
(the demo's: ``scripts/demo.sh`` builds it, or ``overheard init``, ``ingest samples/call-*``, ``annotate``):
its bytes per finding, and its render time as a ratio to the same call's JSON (``/api/calls/N``, the same
data without the templates) timed in the same process, so machine load cancels out.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import uvicorn

from overheard.model import Finding, FindingKind, Segment, Transcript, TranscriptSource, Word
from overheard.store import audit  # the generator writes rows in bulk, as a white-box test would
from overheard.store.rows import finding_row, segment_row, utcnow
from overheard.store.schema import CallRow, TranscriptRow
from overheard.web import create_app
from overheard.workspace import Workspace

# metadata oblasts as people type them: several spellings of one region (the filters group them, annotate.regions)
OBLASTS = ["Запорожская", "Херсонская", "Донецкая", "Луганская", "Харьковская", "Белгородская", "Donetsk",
           "Донецька обл.", "Kyiv", "Kyiv City"]
LINES = [
    "Мам, у нас двое двухсотых, Серёга ранен.",
    "Ты где сейчас, сынок?",
    "Под Кременной стоим, всё нормально.",
    "Нам опять не заплатили, трое ушли в СОЧ.",
    "Береги себя, пожалуйста.",
    "Командир говорит, скоро ротация.",
    "Отказников опять в яму посадили.",
    "А ихних двухсотых штук пятнадцать лежит.",
]
SIDES = ("own", "own", "unknown", "enemy")
PASSWORD = "benchmark password"


FINDINGS = [  # needle, kind, label, attributes (a side drawn per call where it says SIDE)
    ("двое двухсотых", FindingKind.CASUALTY, "killed", {"count": 2, "side": "SIDE"}),
    ("Серёга", FindingKind.ENTITY, "PER", {}),
    ("СОЧ", FindingKind.TERM, "desertion", {}),
    ("ранен", FindingKind.CASUALTY, "wounded", {"count": 1, "side": "SIDE"}),
    ("ихних двухсотых штук пятнадцать", FindingKind.CASUALTY, "killed",
     {"count": 15, "approximate": True, "side": "enemy"}),
    ("Отказников", FindingKind.THEME, "refusal", {}),
    ("в яму посадили", FindingKind.THEME, "punishment", {}),
]


def fill(workspace: Workspace, calls: int, seed: int = 7) -> int:
    """Add ``calls`` generated calls through the store's rows, 500 per transaction with one flush per stage and
    one audit entry per batch (the chain stays valid); return the first call's id.

    Writing each call through its audited store method costs ~0.1 s a call on a shared machine (three
    hash-chained audit entries, each flushed); this writes the same rows in bulk, as a white-box test would.
    """
    rng = random.Random(seed)
    store, first = workspace.store, None
    start = datetime(2025, 1, 1)
    for batch in range(0, calls, 500):
        numbers = range(batch, min(batch + 500, calls))
        with store.writing() as session:
            made = []
            for number in numbers:
                row = CallRow(key=f"bench_{number:05d}", created_at=utcnow(), review_status="new",
                              recorded_at=start + timedelta(minutes=rng.randrange(0, 600 * 24 * 60)),
                              oblast=rng.choice(OBLASTS), language=rng.choice(["ru", "ru", "uk"]))
                segments, t = [], 0.0
                for index in range(rng.randint(4, 10)):
                    text = rng.choice(LINES)
                    words = []
                    for token in text.split():
                        words.append(Word(start=round(t, 2), end=round(t + 0.3, 2), text=token))
                        t += 0.35
                    segments.append(Segment(text=text, speaker="AB"[index % 2], start=words[0].start,
                                            end=words[-1].end, words=tuple(words), translation="(translation)"))
                session.add(row)
                made.append((row, Transcript(segments=tuple(segments), language=row.language,
                                             source=TranscriptSource.ASR)))
            session.flush()  # call ids
            first = first or made[0][0].id
            written = []
            for row, transcript in made:
                transcript_row = TranscriptRow(call_id=row.id, version=1, source=str(transcript.source),
                                               language=transcript.language, text=transcript.text,
                                               text_sha256=transcript.digest, settings={}, created_at=utcnow(),
                                               actor="bench")
                for position, (segment, (begin, end)) in enumerate(
                        zip(transcript.segments, transcript.segment_offsets, strict=True)):
                    transcript_row.segments.append(segment_row(position, segment, begin, end))
                session.add(transcript_row)
                written.append((transcript_row, transcript.text))
            session.flush()  # transcript and segment ids
            for transcript_row, text in written:
                side = rng.choice(SIDES)
                for needle, kind, label, attributes in FINDINGS:
                    at = text.find(needle)
                    if at >= 0:
                        attributes = {k: (side if v == "SIDE" else v) for k, v in attributes.items()}
                        finding = Finding(kind=kind, label=label, start=at, end=at + len(needle), text=needle,
                                          score=round(rng.random(), 2), producer="bench.v1", explanation="bench",
                                          attributes=attributes)
                        session.add(finding_row(finding, transcript_row, list(transcript_row.segments),
                                                origin="machine", actor="bench"))
            audit.append(session, actor="bench", action="bench.fill", object_type="calls", object_id=first,
                         details={"calls": len(made), "first": made[0][0].key, "last": made[-1][0].key})
    return first


def add_series(workspace: Workspace, folder: Path) -> None:
    """A fictional monthly series over the generated calls' dates, imported as a user would."""
    from overheard.register.series import import_series_file

    rows = ["period,value,label,source"] + [f"{year}-{month:02d},{20 + (year * 12 + month) % 17},Court cases "
                                            f"(benchmark),fictional" for year in (2025, 2026) for month in
                                            range(1, 13)]
    path = folder / "series.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    import_series_file(workspace.store, path, "bench")


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
              "Херсонская": ("Херсон", 46.64, 32.61), "Белгородская": ("Белгород", 50.6, 36.6),
              "Kyiv": ("Бровары", 50.51, 30.79), "Kyiv City": ("Киев", 50.45, 30.52)}
    places |= {"Donetsk": places["Донецкая"], "Донецька обл.": places["Донецкая"]}
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
    people = workspace.store.people()
    linked: set[int] = set()
    for person in people:  # about one call in ten has a speaker linked to a person named in it
        if person.calls and person.calls[0] % 10 == 0 and person.calls[0] not in linked:
            workspace.store.link_speaker(person.id, person.calls[0], "A", "bench")
            linked.add(person.calls[0])
    return next(p.id for p in people if p.calls)


def free_port() -> int:
    """An unused localhost TCP port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def review_round_trips(client: httpx.Client, csrf: str, call_id: int, finding_ids: list[int],
                       requests: int) -> dict[str, list[float]]:
    """Time what the call page does per decision: the POST alone, and the POST plus the three parts it swaps in.

    Decisions alternate accept/reject and undo on the call's findings, so the store stays the same size.
    """
    headers = {"X-CSRF-Token": csrf}
    alone, with_parts = [], []
    for number in range(requests):
        finding = finding_ids[number % len(finding_ids)]
        revision = client.get(f"/api/findings/{finding}").json()["revision"]
        action = "accept" if number % 2 else "reject"
        began = time.perf_counter()
        decided = client.post(f"/api/findings/{finding}/review", json={"action": action, "revision": revision},
                              headers=headers)
        decided.raise_for_status()
        posted = time.perf_counter()
        for part in ("findings", "transcript", "custody"):
            client.get(f"/calls/{call_id}/parts/{part}").raise_for_status()
        done = time.perf_counter()
        alone.append((posted - began) * 1000)
        with_parts.append((done - began) * 1000)
        client.post(f"/api/findings/{finding}/undo", json={"revision": decided.json()["revision"]},
                    headers=headers).raise_for_status()
    return {"accept/reject (API)": alone, "accept/reject + parts": with_parts}


@contextmanager
def served_as_editor(workspace: Workspace, timeout: float) -> Iterator[tuple[httpx.Client, str]]:
    """Serve ``workspace`` on a free localhost port in a thread; yield an HTTP client logged in as the editor
    (password ``PASSWORD``) and its CSRF token; stop the server afterwards."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(workspace), host="127.0.0.1", port=port, log_level="warning",
                                           access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=timeout) as client:
            token = client.get("/api/session").json()["csrf_token"]
            login = client.post("/api/login", json={"name": "editor", "password": PASSWORD},
                                headers={"X-CSRF-Token": token})
            login.raise_for_status()
            yield client, login.json()["csrf_token"]
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def measure(workspace: Workspace, paths: dict[str, str], requests: int,
            review_call: int | None = None) -> dict[str, list[float]]:
    """Serve ``workspace``, log in as an editor, and time ``requests`` GETs of each path (ms);
    with ``review_call``, also decision round trips on that call's findings."""
    timings: dict[str, list[float]] = {}
    with served_as_editor(workspace, timeout=600) as (client, csrf):  # a cold report: minutes
        for name, path in paths.items():
            began = time.perf_counter()
            client.get(path).raise_for_status()  # warm caches once
            if name in COLD:
                timings[f"{name} (first, cold)"] = [(time.perf_counter() - began) * 1000]
            samples = []
            for _ in range(requests):
                began = time.perf_counter()
                client.get(path).raise_for_status()
                samples.append((time.perf_counter() - began) * 1000)
            timings[name] = samples
        if review_call is not None:
            ids = [f["id"] for f in client.get(f"/api/calls/{review_call}").json()["findings"]]
            timings |= review_round_trips(client, csrf, review_call, ids, requests)
    return timings


COLD = ("trends page", "trends, all sides", "timeline page", "timeline API")


def percentile(samples: list[float], q: float) -> float:
    """The q-th percentile (0-100) of samples."""
    return statistics.quantiles(samples, n=100, method="inclusive")[int(q) - 1] if len(samples) > 1 else samples[0]


def findings_part(root: Path, requests: int) -> None:
    """Print the findings part's size and render time on the busiest call of the workspace at ``root``."""
    from collections import Counter

    from fastapi.testclient import TestClient

    workspace = Workspace.open(root)
    store = workspace.store
    if "editor" not in {user.name for user in store.list_users()}:
        store.add_user("editor", "editor", PASSWORD, actor="bench")
    current = {call.id: store.current_transcript(call.id) for call in store.list_calls()}
    counts = Counter(f.call_id for f in store.findings() if current.get(f.call_id)
                     and f.transcript_id == current[f.call_id].id)
    call_id, findings = counts.most_common(1)[0]
    client = TestClient(create_app(workspace))
    token = client.get("/api/session").json()["csrf_token"]
    client.post("/api/login", json={"name": "editor", "password": PASSWORD},
                headers={"X-CSRF-Token": token}).raise_for_status()
    paths = {"findings part": f"/calls/{call_id}/parts/findings", "call JSON (baseline)": f"/api/calls/{call_id}",
             "call page": f"/calls/{call_id}"}
    sizes, times = {}, {}
    for name, path in paths.items():
        sizes[name] = len(client.get(path).content)
        samples = []
        for _ in range(requests):
            began = time.perf_counter()
            client.get(path).raise_for_status()
            samples.append((time.perf_counter() - began) * 1000)
        times[name] = statistics.median(samples)
    print(f"call {call_id}: {findings} findings on its current transcript; {requests} requests each, in-process")
    print(f"{'what':24} {'bytes':>9} {'bytes/finding':>14} {'median ms':>10} {'ratio to JSON':>14}")
    for name in paths:
        print(f"{name:24} {sizes[name]:9d} {sizes[name] / findings:14.0f} {times[name]:10.1f} "
              f"{times[name] / times['call JSON (baseline)']:14.2f}")
    workspace.close()


def main() -> None:
    """Build both stores, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--only", default="", help="Comma-separated words: time only endpoints whose name has one.")
    parser.add_argument("--findings-part", type=Path, default=None, metavar="WORKSPACE",
                        help="Weigh the findings part on this workspace's busiest call instead.")
    args = parser.parse_args()
    if args.findings_part:
        findings_part(args.findings_part, min(args.requests, 50))
        return
    only = [w.strip() for w in args.only.split(",") if w.strip()]
    with tempfile.TemporaryDirectory() as folder:
        results = {}
        for label, count in (("small", 1), ("large", args.calls)):
            workspace = Workspace.create(Path(folder) / label)
            workspace.store.add_user("editor", "editor", PASSWORD, actor="bench")
            began = time.perf_counter()
            first = fill(workspace, count)
            add_series(workspace, Path(folder))
            person = fill_people(workspace)
            busiest = max(workspace.store.people(), key=lambda p: len(p.calls)).id
            print(f"{label}: {count} calls with {len(workspace.store.people())} people built in "
                  f"{time.perf_counter() - began:.1f} s")
            paths = {
                "calls page": "/calls",
                "calls API": "/api/calls",
                "calls page, filtered+sorted": "/calls?oblast=Донецкая&casualty=killed&sort=-findings",
                "calls API, by region": "/api/calls?oblast=Donetsk",
                "calls API, oblast with its city": "/api/calls?oblast=Kyiv",
                "call page": f"/calls/{first}",
                "call API": f"/api/calls/{first}",
                "people page": "/people",
                "people API, filtered": "/api/people?oblast=Донецкая&verification=none",
                "person page": f"/people/{person}",
                "person page, busiest": f"/people/{busiest}",
                "network page": "/network",
                "map page": "/map",
                "map, a place's calls": "/map?place=Купянск",
            }
            paths["queue page"] = "/queue"
            paths["queue, casualties"] = "/api/queue?kind=casualty&limit=50"
            paths["queue, by region"] = "/api/queue?oblast=Donetsk&limit=50"
            paths["trends page"] = "/trends"
            paths["trends, all sides"] = "/trends?side=all&by=month"
            paths["timeline page"] = "/timeline"
            paths["timeline API"] = "/api/timeline?page=2"
            if only:
                paths = {name: path for name, path in paths.items() if any(word in name for word in only)}
            results[label] = measure(workspace, paths, args.requests, review_call=None if only else first)
            workspace.close()
    print(f"\n{args.requests} sequential requests per endpoint on localhost; milliseconds")
    print(f"{'endpoint':32} {'1 call p50':>10} {'p95':>7} {f'{args.calls} p50':>11} {'p95':>7} {'p50 ratio':>9}")
    for name in results["small"]:
        if name not in results["large"]:
            continue
        small, large = results["small"][name], results["large"][name]
        s50, s95, l50, l95 = (percentile(small, 50), percentile(small, 95), percentile(large, 50),
                              percentile(large, 95))
        print(f"{name:32} {s50:10.1f} {s95:7.1f} {l50:11.1f} {l95:7.1f} {l50 / s50:9.2f}")


if __name__ == "__main__":
    main()
