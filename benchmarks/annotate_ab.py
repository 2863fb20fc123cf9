"""Paired throughput of ``analyze`` without NER for two source trees: which is faster, on a machine whose load drifts.

    python benchmarks/annotate_ab.py BASE_SRC [--src PATH] [--n 3000] [--chunk 250] [--rounds 3] [--stage casualties]

``benchmarks/annotate.py`` measures one tree per process, so two runs one after the other see different loads on a
shared machine (the ninth session saw whichever ran second come out slower, both ways round). Here each tree runs in
its own long-lived process (the analyzer built and every utterance analysed once first, so word caches are warm),
and the two take turns on the same chunk of utterances, the order flipped every chunk; each chunk's CPU time is
measured in its own process. The ratio of each pair, measured within seconds of each other, is what to read: the
median pair ratio and the ratio of the totals are printed, with each tree's utterances per CPU second and the load.

``--stage casualties`` measures the terms and casualties annotators alone (a pipeline of the two, as
``benchmarks/annotate.py`` builds it) instead of the whole of ``analyze``. ``BASE_SRC`` is the other tree's ``src``
(``git archive <commit> src | tar -x -C /tmp/base``); ``--src`` defaults to this checkout's. Without ``BASE_SRC``
the checkout runs against itself (an A/A run, as ``make bench`` calls it): its ratios show how far the machine's
noise alone moves a pair. The utterances are :func:`annotate.utterances`'s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def worker(src: Path, n: int, seed: int, stage: str = "analyze") -> None:
    """Serve chunks on stdin ("a b": analyse utterances a..b) and answer each with its CPU seconds; ``stage``
    "casualties" runs the terms and casualties annotators alone."""
    sys.path.insert(0, str(src.resolve()))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from annotate import utterances

    from overheard.annotate.analysis import Analyzer
    from overheard.annotate.doc import Doc
    from overheard.annotate.pipeline import Pipeline

    items = utterances(n, seed)
    if stage == "casualties":
        pipeline = Pipeline.from_config(("terms", "casualties"))

        def run(text: str, lang: str) -> object:
            return pipeline.each(Doc(text, lang))
    else:
        run = Analyzer.build(names=["terms", "casualties", "themes",
                                    {"name": "entities", "config": {"ner": False}}]).analyze
    for text, lang in items:  # warm: the first parse of every word is paid here, by both trees alike
        run(text, lang)
    print("ready", flush=True)
    for line in sys.stdin:
        a, b = map(int, line.split())
        start = time.process_time()
        for text, lang in items[a:b]:
            run(text, lang)
        print(time.process_time() - start, flush=True)


def main() -> None:
    """Run both trees in turns and print the ratios."""
    if sys.argv[1:2] == ["--worker"]:  # one tree's process: --worker SRC N SEED STAGE
        worker(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path, nargs="?", default=ROOT / "src",
                        help="the src folder to compare against (default: this checkout's own, an A/A run)")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the src folder measured against it")
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--chunk", type=int, default=250)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--stage", choices=("analyze", "casualties"), default="analyze",
                        help="the whole of analyze, or the terms and casualties annotators alone")
    args = parser.parse_args()
    procs = [subprocess.Popen([sys.executable, __file__, "--worker", str(src), str(args.n), str(args.seed),
                               args.stage],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
             for src in (args.base, args.src)]
    for proc in procs:
        if proc.stdout.readline().strip() != "ready":
            sys.exit("a worker failed to start")
    totals, ratios, turn = [0.0, 0.0], [], 0
    for _ in range(args.rounds):
        for a in range(0, args.n, args.chunk):
            seconds = [0.0, 0.0]
            for k in ((0, 1) if turn % 2 == 0 else (1, 0)):
                procs[k].stdin.write(f"{a} {min(a + args.chunk, args.n)}\n")
                procs[k].stdin.flush()
                seconds[k] = float(procs[k].stdout.readline())
            turn += 1
            totals = [totals[0] + seconds[0], totals[1] + seconds[1]]
            ratios.append(seconds[0] / max(seconds[1], 1e-9))
    for proc in procs:
        proc.stdin.close()
        proc.wait()
    done = args.n * args.rounds
    print(f"base {args.base.resolve()}: {done / totals[0]:,.0f} utterances/s ({args.stage})")
    print(f"this {args.src.resolve()}: {done / totals[1]:,.0f} utterances/s")
    print(f"speed of this against base: x{statistics.median(ratios):.3f} (median of {len(ratios)} pairs), "
          f"x{totals[0] / totals[1]:.3f} (totals); load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
