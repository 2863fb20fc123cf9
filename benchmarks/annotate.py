"""Throughput of the coded-term + count + theme pipeline on 20,000 utterances (one core).

Prints utterances per second for: razdel tokenisation alone (the baseline), terms, terms +
casualties (with counts), terms + casualties + themes (each a pipeline built from config, as
``analyze`` and ``annotate`` build it, over one shared Doc per utterance), and the whole ``analyze``
contract with the entities annotator and no NER model, plus the ratio to the baseline, the one-time
start-up cost (lexicon, cue lists and theme rules compiled) and the peak memory of the process.

    python benchmarks/annotate.py [--n 20000] [--seed 7]

Utterances are built from the development set's sentences with random fillers, so every one is
distinct (no memoisation helps) but the vocabulary is that of real calls.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

FILLERS = ["ну", "короче", "слышь", "б***", "мам", "алло", "вот", "блин", "типа", "значит", "ага", "да",
           "ой", "ладно", "слушай", "це", "ну от", "розумієш"]


def utterances(n: int, seed: int) -> list[tuple[str, str]]:
    """``n`` distinct (text, lang) utterances in the style of the development set."""
    records = [json.loads(line) for line in (ROOT / "tests/data/casualty_dev.jsonl").read_text("utf-8").splitlines()]
    rng = random.Random(seed)
    out, seen = [], set()
    while len(out) < n:
        record = rng.choice(records)
        words = record["text"].split()
        for _ in range(rng.randint(1, 3)):
            words.insert(rng.randrange(len(words) + 1), rng.choice(FILLERS))
        text = " ".join(words)
        if text in seen:
            text = f"{text} {rng.randint(0, 10**6)}"
        seen.add(text)
        out.append((text, record["lang"]))
    return out


def measure(label: str, items, run, baseline: float | None = None) -> float:
    """Run ``run(text, lang)`` over every item; print and return utterances per second."""
    start = time.perf_counter()
    for text, lang in items:
        run(text, lang)
    rate = len(items) / (time.perf_counter() - start)
    ratio = f"  ({rate / baseline:.2f}x the tokenizer baseline)" if baseline else ""
    print(f"{label:<38} {rate:>10,.0f} utterances/s{ratio}")
    return rate


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--trace", action="store_true", help="also trace Python allocations (slows the run)")
    args = parser.parse_args()
    if args.trace:
        tracemalloc.start()

    from overheard.annotate.analysis import Analyzer
    from overheard.annotate.doc import Doc
    from overheard.annotate.pipeline import Pipeline
    from overheard.text import tokenize

    items = utterances(args.n, args.seed)
    start = time.perf_counter()
    pipelines = {names: Pipeline.from_config(names) for names in
                 (("terms",), ("terms", "casualties"), ("terms", "casualties", "themes"))}
    for pipeline in pipelines.values():
        pipeline.each(Doc("прогрев двое двухсотых хочу домой", "ru"))
    startup = time.perf_counter() - start
    print(f"{args.n:,} utterances, start-up (lexicon + cue lists + numbers + theme rules compiled once): "
          f"{startup:.2f} s")

    base = measure("baseline: razdel tokenisation", items, lambda t, lang: tokenize(t))
    measure("terms", items, lambda t, lang: pipelines[("terms",)].each(Doc(t, lang)), base)
    measure("terms + casualties (counts)", items,
            lambda t, lang: pipelines[("terms", "casualties")].each(Doc(t, lang)), base)
    total = measure("terms + casualties + themes", items,
                    lambda t, lang: pipelines[("terms", "casualties", "themes")].each(Doc(t, lang)), base)
    core_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    analyzer = Analyzer.build(names=["terms", "casualties", "themes", {"name": "entities", "config": {"ner": False}}])
    analyzer.analyze("прогрев: Серёга звонил из Харькова, двое двухсотых", "ru")
    measure("analyze: all four, entities without NER", items[: args.n // 4],
            lambda t, lang: analyzer.analyze(t, lang), base)
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    traced = ""
    if args.trace:
        traced = f"peak traced Python allocations {tracemalloc.get_traced_memory()[1] / 2**20:.1f} MiB; "
    print(f"{traced}peak memory (process max RSS) {core_rss:.0f} MiB for terms + casualties + themes, "
          f"{maxrss:.0f} MiB with the entities annotator's names and gazetteer")
    print(f"target >= 1,000 utterances/s on one core: {'met' if total >= 1000 else 'NOT met'} ({total:,.0f}/s)")


if __name__ == "__main__":
    main()
