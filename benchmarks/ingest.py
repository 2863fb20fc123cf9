"""Ingest throughput and memory: 250 files, then 1,000 files, in one process.

Prints files per second, Python peak memory (tracemalloc) and the process's peak RSS for each run, and
the ratio of per-file time at 1,000 files to per-file time at 250 (1.0 means ingest time grows
linearly with the number of files). Half the files are 2-second 8 kHz stereo WAV calls, half
transcripts paired with them.

    .venv/bin/python benchmarks/ingest.py [--files 1000] [--baseline 250]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
import wave
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from overheard.ingest.ingest import ingest_paths  # noqa: E402
from overheard.workspace import Workspace  # noqa: E402

LINES = [
    "Солдат: Мам, привет. У нас тут трое двухсотых, {n} трёхсотых.",
    "Мать: Господи, сынок, а ты как?",
    "Солдат: Нормально. Домой хочу. Кормят плохо, воды нет.",
]


def make_batch(folder: Path, files: int, seed: int) -> None:
    """Write ``files`` input files: pairs of a WAV call and its transcript."""
    folder.mkdir(parents=True)
    rng = np.random.default_rng(seed)
    for index in range(files // 2):
        name = f"call-{seed}-{index:05d}"
        samples = (rng.standard_normal((16000, 2)) * 3000).astype(np.int16)
        with wave.open(str(folder / f"{name}.wav"), "wb") as out:
            out.setnchannels(2)
            out.setsampwidth(2)
            out.setframerate(8000)
            out.writeframes(samples.tobytes())
        text = "\n".join(LINES).format(n=index)
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")


def run(files: int, seed: int) -> dict[str, float]:
    """Ingest a fresh batch into a fresh workspace; return timings and memory."""
    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "batch"
        make_batch(batch, files, seed)
        workspace = Workspace.create(Path(tmp) / "ws")
        tracemalloc.start()
        started = time.perf_counter()
        report = ingest_paths(workspace, [batch], actor="benchmark")
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        workspace.close()
        assert not report.failed and len(report.outcomes) == files
    return {"files": files, "seconds": elapsed, "files_per_s": files / elapsed, "peak_mib": peak / 2**20,
            "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    """Run the baseline and the full batch and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--baseline", type=int, default=250)
    args = parser.parse_args()
    baseline = run(args.baseline, seed=1)
    full = run(args.files, seed=2)
    for result in (baseline, full):
        print(f"{result['files']:>6} files: {result['seconds']:7.2f} s  {result['files_per_s']:7.1f} files/s  "
              f"python peak {result['peak_mib']:6.1f} MiB  process peak RSS {result['rss_mib']:6.0f} MiB")
    ratio = (full["seconds"] / full["files"]) / (baseline["seconds"] / baseline["files"])
    print(f"per-file time at {args.files} vs {args.baseline} files: {ratio:.2f}x (1.00 = linear)")


if __name__ == "__main__":
    main()
