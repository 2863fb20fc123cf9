"""Index and query time of ``overheard.search`` on generated transcripts (SQLite, one core).

Prints: the time to index N transcripts from scratch (tokens, pymorphy3 lemmas, postings written),
an incremental run with nothing to do, re-indexing after one transcript changed, and the median
time of a few queries, next to a baseline in the same process: a plain case-folded substring scan
of every current transcript's text for the same word (which finds fewer forms, and no phrases).

    python benchmarks/search.py [--n 2000] [--seed 7]

Transcripts are 6-12 segments drawn from the development set's sentences (Russian and Ukrainian)
with random fillers, so the vocabulary is that of real calls.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

FILLERS = ["ну", "короче", "слышь", "мам", "алло", "вот", "блин", "типа", "значит", "ага", "ладно", "це", "розумієш"]
QUERIES = ["двухсотый", "трёхсотых", '"двое двухсотых"', "поранений", "двухсотый -мама", "блин"]


def sentences() -> list[tuple[str, str]]:
    """(language, text) of the casualty development set."""
    rows = [json.loads(line) for line in (ROOT / "tests/data/casualty_dev.jsonl").read_text("utf-8").splitlines()]
    return [(row.get("lang", "ru"), row["text"]) for row in rows if row.get("text")]


def build(root: Path, n: int, seed: int):
    """A workspace with ``n`` calls, one imported transcript each."""
    from overheard.model import CallMetadata, Segment, Transcript, TranscriptSource
    from overheard.workspace import Workspace

    rng = random.Random(seed)
    pool = sentences()
    ws = Workspace.create(root)
    start = datetime(2026, 1, 1)
    for i in range(n):
        language = rng.choice(["ru", "ru", "uk"])
        lines = [t for lang, t in pool if lang == language] or [t for _, t in pool]
        segments = []
        for j in range(rng.randint(6, 12)):
            text = rng.choice(lines)
            if rng.random() < 0.5:
                text = f"{rng.choice(FILLERS)} {text}"
            segments.append(Segment(text=text, speaker="AB"[j % 2], start=j * 4.0, end=j * 4.0 + 3.5))
        call_id = ws.store.add_call(f"bench-{i:05d}", "bench", CallMetadata(recorded_at=start + timedelta(hours=i))).id
        ws.store.add_transcript(call_id, Transcript(segments=tuple(segments), language=language,
                                                    source=TranscriptSource.IMPORTED), actor="bench")
    return ws


def scan(store, word: str) -> int:
    """Baseline: calls whose current text contains ``word`` (case-folded, ё = е), by a full scan."""
    from overheard.text import fold

    needle = fold(word.strip('"-'))
    return sum(needle in fold(t.text) for t in store.current_transcripts())


def timed(function, repeat: int = 5) -> tuple[float, object]:
    """Median seconds of ``repeat`` calls and the last value."""
    times, value = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - began)
    return statistics.median(times), value


def main() -> None:
    """Build, index, query; print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    from overheard.model import Segment, Transcript, TranscriptSource
    from overheard.search import SearchOptions, search, update_index

    with tempfile.TemporaryDirectory() as folder:
        began = time.perf_counter()
        ws = build(Path(folder) / "ws", args.n, args.seed)
        print(f"built {args.n} calls in {time.perf_counter() - began:.1f} s")
        store = ws.store
        began = time.perf_counter()
        summary = update_index(store)
        first = time.perf_counter() - began
        words = summary.postings
        print(f"index from scratch: {summary.indexed} transcripts, {words} postings in {first:.2f} s "
              f"({summary.indexed / first:.0f} transcripts/s)")
        nothing, again = timed(lambda: update_index(store), repeat=3)
        print(f"incremental run with nothing to do: {nothing * 1000:.0f} ms (indexed {again.indexed})")
        call = store.list_calls()[0]
        old = store.current_transcript(call.id).transcript
        store.add_transcript(call.id, Transcript(segments=old.segments + (Segment(text="Трое трёхсотых."),),
                                                 language=old.language, source=TranscriptSource.REVIEWED),
                             actor="bench")
        one, changed = timed(lambda: update_index(store), repeat=1)
        print(f"after one new version: {one * 1000:.0f} ms (indexed {changed.indexed}, dropped {changed.dropped})")
        size = (Path(folder) / "ws" / "overheard.db").stat().st_size
        print(f"database size with the index: {size / 1e6:.1f} MB")
        print(f"{'query':<22} {'calls':>6} {'hits':>6} {'search ms':>10} {'scan ms':>8} {'ratio':>6}")
        for query in QUERIES:
            seconds, result = timed(lambda q=query: search(store, q, SearchOptions(limit=100)))
            base, counted = timed(lambda q=query: scan(store, q.split()[0]), repeat=3)
            print(f"{query:<22} {result.calls:>6} {len(result.hits):>6} {seconds * 1000:>10.1f} "
                  f"{base * 1000:>8.1f} {base / seconds:>6.1f}x")
        ws.close()


if __name__ == "__main__":
    main()
