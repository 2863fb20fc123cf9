"""Time of a trends report and its plots over 10,000 generated calls, against a 100-call store.

Fills two workspaces with benchmarks/web.py's generator (segments, word timings,
casualty and name findings over 600 days), then times ``build_report`` by week and by
month, the two SVG plots, and the CSV. Prints seconds (median of a few runs) and the
ratio to the small store. Usage: ``python benchmarks/report.py [--calls 10000] [--runs 3]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from web import fill  # noqa: E402  (the web benchmark's fictional call generator)

from overheard.report.formats import report_csv  # noqa: E402
from overheard.report.plots import casualties_figure, svg_text, themes_figure  # noqa: E402
from overheard.report.trends import ReportOptions, build_report  # noqa: E402
from overheard.workspace import Workspace  # noqa: E402


def timed(function, runs: int) -> tuple[float, object]:
    """Median seconds of ``runs`` calls, and the last result."""
    samples, result = [], None
    for _ in range(runs):
        began = time.perf_counter()
        result = function()
        samples.append(time.perf_counter() - began)
    return statistics.median(samples), result


def measure(workspace: Workspace, runs: int) -> dict[str, float]:
    """Seconds per step on one workspace."""
    store = workspace.store
    figures: dict[str, float] = {}
    figures["report by week"], weekly = timed(lambda: build_report(store, ReportOptions(by="week")), runs)
    figures["report by month"], _ = timed(lambda: build_report(store, ReportOptions(by="month")), runs)
    figures["two SVG plots"], _ = timed(lambda: (svg_text(casualties_figure(weekly)), svg_text(themes_figure(weekly))),
                                        runs)
    figures["CSV"], _ = timed(lambda: report_csv(weekly), runs)
    figures["evidence items"] = float(sum(len(c.evidence) for c in weekly.cells))
    return figures


def main() -> None:
    """Build both stores, time each step, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        small, large = Workspace.create(Path(folder) / "small"), Workspace.create(Path(folder) / "large")
        fill(small, 100)
        began = time.perf_counter()
        fill(large, args.calls)
        print(f"filled {args.calls} calls in {time.perf_counter() - began:.1f} s")
        base, big = measure(small, args.runs), measure(large, args.runs)
        print(f"{'step':<18}{'100 calls':>12}{f'{args.calls} calls':>14}{'ratio':>8}")
        for step in base:
            ratio = big[step] / base[step] if base[step] else float("nan")
            unit = "" if step == "evidence items" else " s"
            print(f"{step:<18}{base[step]:>10.3f}{unit:<2}{big[step]:>12.3f}{unit:<2}{ratio:>8.1f}")
        small.close()
        large.close()


if __name__ == "__main__":
    main()
