"""Benchmark `overheard redact --jsonl` on 10,000 sentences: sentences per second and peak memory.

The sentences are built from the development set's texts with names, places and numbers
swapped at random (fixed seed), so caches do not see the same sentence twice. Each run is a
separate process (models load once per run, as in real use); the baseline is the same
JSON-lines round trip without redaction, run the same way.

    .venv/bin/python benchmarks/redact.py [N]
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "pii_dev.jsonl"
BASELINE = (
    "import sys, json\n"
    "for line in sys.stdin:\n"
    "    r = json.loads(line)\n"
    "    print(json.dumps({'id': r['id'], 'text': r['text']}, ensure_ascii=False))\n"
)


def sentences(n: int) -> list[dict]:
    """``n`` varied sentences derived from the development set."""
    import yaml

    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    names = yaml.safe_load((ROOT / "src/overheard/lexicons/names.yaml").read_text(encoding="utf-8"))["names"]
    first = [n["name"] for n in names] + [v for n in names for v in n.get("variants", [])]
    towns = ["Бахмут", "Купянск", "Херсон", "Изюм", "Лиман", "Сватово", "Харьков", "Курск", "Омск", "Чита"]
    rng = random.Random(4)
    out = []
    for i in range(n):
        row = rng.choice(rows)
        text = row["text"]
        for entity in sorted(row["entities"], key=lambda e: -e["start"]):
            if entity["label"] == "PER" and rng.random() < 0.7:
                text = text[: entity["start"]] + rng.choice(first) + text[entity["end"] :]
            elif entity["label"] == "LOC" and rng.random() < 0.5:
                text = text[: entity["start"]] + rng.choice(towns) + text[entity["end"] :]
        if rng.random() < 0.3:
            text = text.lower()
        out.append({"id": i, "text": text + f" {rng.randint(1, 99)}", "lang": row["lang"]})
    return out


WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "sys.stderr.write(f\"\\nPEAK {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\\n\")\n"
    "sys.exit(code)\n"
)


def run(command: list[str], source: Path) -> tuple[float, int, int]:
    """(seconds, peak RSS of that process in MiB, output lines) of one run in a fresh process."""
    start = time.perf_counter()
    with source.open("rb") as stdin:
        done = subprocess.run([sys.executable, "-c", WRAPPER, *command], stdin=stdin, capture_output=True,
                              check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"command failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    peak_kib = int(done.stderr.decode().rsplit("PEAK ", 1)[1].split()[0])
    return seconds, peak_kib // 1024, done.stdout.count(b"\n")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "sentences.jsonl"
        source.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in sentences(n)), encoding="utf-8")
        cli = [str(Path(sys.executable).parent / "overheard"), "redact", "--jsonl"]
        base_s, base_mb, _ = run([sys.executable, "-c", BASELINE], source)
        print(f"sentences: {n}")
        print(f"baseline json round trip: {n / base_s:,.0f} sentences/s, peak {base_mb} MiB")
        one = Path(tmp) / "one.jsonl"
        one.write_text('{"id": 0, "text": "передай Серёге привет"}\n', encoding="utf-8")
        one_s, one_mb, _ = run(cli + ["-"], one)
        print(f"start-up (one sentence, models loaded): {one_s:.2f} s, peak {one_mb} MiB")
        for mode in ("label", "pseudonym"):
            secret = Path(tmp) / "key"
            seconds, peak, lines = run(cli + ["--mode", mode, "--secret-file", str(secret), "-"], source)
            print(f"redact --jsonl --mode {mode}: {lines} lines in {seconds:.1f} s = {n / seconds:,.0f} sentences/s "
                  f"({n / (seconds - one_s):,.0f}/s after start-up), peak {peak} MiB, "
                  f"{base_s / seconds:.3f}x the baseline's speed")


if __name__ == "__main__":
    main()
