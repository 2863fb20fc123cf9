"""Local processes vs Ray for ``annotate`` and ``transcribe --all`` on this machine.

Prints, for the same workspace content:

* Ray's own costs: ``import ray``, starting a private instance, the memory of its processes
  (idle and after the annotators are loaded) and shutting it down;
* ``annotate`` of N transcripts (the 16 sample calls' transcripts, copied to N calls): in this
  process, a local pool of ``--workers`` processes, and Ray with ``--workers`` CPUs (start-up
  included, as ``overheard annotate --cluster ray`` pays it), each as a ratio to the first;
* ``transcribe --all`` of ``--calls`` short espeak-ng calls the same three ways.

    python benchmarks/cluster.py [--transcripts 160] [--calls 6] [--workers 2]

Every run starts from a fresh copy of the workspace, so nothing is skipped as already done.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SENTENCES = [
    "Завтра нас переводят на другую позицию.",
    "У нас всё хорошо, мама, не переживай.",
    "Передай Андрею, что мы уходим утром.",
    "Связи не будет три дня, не волнуйся.",
    "Вчера у нас было двое трёхсотых.",
    "Позвони мне вечером, когда сможешь.",
]


def ray_rss_mib() -> float:
    """Resident memory of every Ray process on the machine (the driver excluded), in MiB."""
    import psutil

    total = 0
    for process in psutil.process_iter(["cmdline", "memory_info"]):
        command = " ".join(process.info["cmdline"] or [])
        if "ray::" in command or "/ray/" in command:
            total += process.info["memory_info"].rss
    return total / 2**20


def text_workspace(root: Path, copies: int):
    """The sample calls' transcripts, stored on ``copies`` x 16 calls."""
    from overheard.ingest.ingest import ingest_paths
    from overheard.workspace import Workspace

    ws = Workspace.create(root)
    ingest_paths(ws, [ROOT / "samples"], actor="bench")
    originals = [(s.call_id, s.transcript) for s in ws.store.current_transcripts()]
    for copy in range(1, copies):
        for call_id, transcript in originals:
            key = f"copy{copy}-{call_id}"
            ws.store.add_call(key, "bench")
            ws.store.add_transcript(key, transcript, actor="bench")
    return ws


def audio_workspace(root: Path, calls: int):
    """``calls`` short spoken calls (espeak-ng), one sentence each."""
    from overheard.ingest.ingest import ingest_paths
    from overheard.speech.synthetic import Utterance, compose, write
    from overheard.workspace import Workspace

    sources = root.parent / f"{root.name}-in"
    sources.mkdir(parents=True)
    for number in range(calls):
        audio, _ = compose([Utterance(SENTENCES[number % len(SENTENCES)], "ru", 0.3)], 16_000, 1)
        write(sources / f"call-{number:03d}.wav", audio, 16_000)
    ws = Workspace.create(root)
    ingest_paths(ws, [sources], actor="bench")
    return ws


def fresh_copy(source: Path, target: Path):
    """A copy of a closed workspace folder, opened."""
    from overheard.workspace import Workspace

    shutil.copytree(source, target)
    return Workspace.open(target)


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transcripts", type=int, default=160, help="transcripts to annotate (multiple of 16)")
    parser.add_argument("--calls", type=int, default=6, help="short calls to transcribe")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    from overheard.jobs.annotate import annotate_workspace
    from overheard.jobs.cluster import ClusterOptions, open_executor
    from overheard.jobs.transcribe import transcribe_workspace
    from overheard.speech.settings import TranscribeSettings

    backends = [
        ("in this process", ClusterOptions("local", None, 1)),
        (f"local pool x{args.workers}", ClusterOptions("local", None, args.workers)),
        (f"ray, {args.workers} CPUs", ClusterOptions("ray", None, args.workers)),
    ]
    scratch = Path(tempfile.mkdtemp(prefix="overheard-bench-cluster-"))
    try:
        started = time.perf_counter()
        import ray  # noqa: F401  (the import cost is part of what is measured)

        imported = time.perf_counter() - started
        started = time.perf_counter()
        executor = open_executor(ClusterOptions("ray", None, args.workers))
        up = time.perf_counter() - started
        idle = ray_rss_mib()
        started = time.perf_counter()
        executor.close()
        down = time.perf_counter() - started
        print(f"ray: import {imported:.2f} s, private start {up:.2f} s, shutdown {down:.2f} s, "
              f"its processes {idle:.0f} MiB resident when idle")

        texts = text_workspace(scratch / "texts", max(1, args.transcripts // 16))
        count = len(texts.store.current_transcripts())
        texts.close()
        print(f"\nannotate {count} transcripts (pipeline of the workspace, start-up included):")
        baseline = None
        for number, (label, options) in enumerate(backends):
            ws = fresh_copy(scratch / "texts", scratch / f"texts-{number}")
            peak = [0.0]

            def sample(done: int, total: int, peak=peak, options=options) -> None:
                if options.backend == "ray" and done % 16 == 0:
                    peak[0] = max(peak[0], ray_rss_mib())

            started = time.perf_counter()
            summary = annotate_workspace(ws, "bench", cluster=options, progress=sample)
            elapsed = time.perf_counter() - started
            ws.close()
            baseline = baseline or elapsed
            assert not summary.errors, summary.errors
            memory = f", Ray processes {peak[0]:.0f} MiB" if peak[0] else ""
            print(f"  {label:18s} {elapsed:6.2f} s  x{elapsed / baseline:.2f}  "
                  f"({count / elapsed:.1f} transcripts/s{memory})")

        audio = audio_workspace(scratch / "audio", args.calls)
        audio.close()
        print(f"\ntranscribe --all of {args.calls} short calls (base model, --lang ru, start-up included):")
        baseline = None
        for number, (label, options) in enumerate(backends):
            ws = fresh_copy(scratch / "audio", scratch / f"audio-{number}")
            peak = [0.0]

            def measure(job, result, error, peak=peak, options=options) -> None:
                if options.backend == "ray":
                    peak[0] = max(peak[0], ray_rss_mib())

            started = time.perf_counter()
            report = transcribe_workspace(ws, None, TranscribeSettings(language="ru"), cluster=options, actor="bench",
                                          on_done=measure)
            elapsed = time.perf_counter() - started
            ws.close()
            baseline = baseline or elapsed
            assert not report.failed, report.failed
            memory = f", Ray processes {peak[0]:.0f} MiB" if peak[0] else ""
            print(f"  {label:18s} {elapsed:6.2f} s  x{elapsed / baseline:.2f}  ({report.audio_seconds:.0f} s of audio, "
                  f"real-time factor {elapsed / report.audio_seconds:.2f}{memory})")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
