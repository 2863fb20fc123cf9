"""Count accuracy on generated texts: how a casualty group's number is said (tests/count_generator.py, counts19).

    python benchmarks/count_cases.py [--n 1500] [--parts tune measure fresh fresh2] [--misses 20] [--rules] [--src PATH]

For each part of the generator (``tune``: what the count code was fixed against; ``measure``, ``fresh``: held out,
then opened and fixed against; ``fresh2``: held out; see tests/count_generator.py) builds ``--n`` texts from seeds
0..n-1, runs the casualty rules (and the count model unless ``--rules``) and matches the mentions to the expected
ones by category as ``benchmarks/accuracy.py`` does: count accuracy = matched mentions whose count and approximate flag
are both right; also the mentions missed and spurious (mention detection, which this benchmark does not judge), per
class and per style (cased, lower-case speech-to-text, Surzhyk). ``--misses N`` lists N wrong counts of the tune part
(``--show-measure`` also of the other parts).
``--src`` runs another checkout's ``src`` (``git archive <commit> src | tar -x -C /tmp/base``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def run(part: str, n: int, rules_only: bool) -> tuple[dict, list]:
    """Tallies per (what, key) and the wrong counts of ``n`` cases of ``part``."""
    from contextlib import nullcontext

    import count_generator

    from overheard.annotate.doc import Doc
    from overheard.annotate.lexicon import compile_lexicon, load_lexicon
    from overheard.annotate.rules.casualties import count_model

    lexicon = compile_lexicon(load_lexicon())
    tally: dict = defaultdict(Counter)
    wrong = []
    with count_model.disabled() if rules_only else nullcontext():
        for seed in range(n):
            case = count_generator.case(seed, part)
            mentions = Doc(case.text, case.lang).casualties(lexicon).mentions
            predicted = [(m.category, m.count, m.approximate) for m in mentions]
            pairs, missed, spurious = count_generator.score(case.expected, predicted)
            for key in (("all", ""), ("class", case.cls), ("style", case.style), ("lang", case.lang)):
                c = tally[key]
                c["texts"] += 1
                c["expected"] += len(case.expected)
                c["matched"] += len(pairs)
                c["right"] += sum(g == p for g, p in pairs)
                c["missed"] += len(missed)
                c["spurious"] += len(spurious)
            if any(g != p for g, p in pairs):
                wrong.append((case, [(g, p) for g, p in pairs if g != p]))
    return tally, wrong


def main() -> None:
    """Score each part and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1500, help="texts per part")
    parser.add_argument("--parts", nargs="*", default=["tune", "measure", "fresh", "fresh2"])
    parser.add_argument("--misses", type=int, default=0, metavar="N", help="list N wrong counts of the tune part")
    parser.add_argument("--show-measure", action="store_true", help="also list the held-out part's wrong counts")
    parser.add_argument("--rules", action="store_true", help="the count rules alone (no count model)")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the src folder to measure")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(args.src.resolve()))

    out = {}
    for part in args.parts:
        tally, wrong = run(part, args.n, args.rules)
        out[part] = {f"{k[0]}:{k[1]}": dict(v) for k, v in tally.items()}
        if args.json:
            continue
        a = tally["all", ""]
        print(f"== {part}: {a['texts']} texts, {a['expected']} mentions expected; matched {a['matched']}, missed "
              f"{a['missed']}, spurious {a['spurious']}; count accuracy {a['right'] / max(1, a['matched']):.3f} "
              f"({a['right']}/{a['matched']})")
        for what in ("class", "style", "lang"):
            rows = sorted((k[1], v) for k, v in tally.items() if k[0] == what)
            print(f"  by {what}: " + ", ".join(f"{k} {v['right'] / max(1, v['matched']):.3f} ({v['matched']})"
                                              for k, v in rows))
        if args.misses and (part == "tune" or args.show_measure):
            for case, bad in wrong[: args.misses]:
                print(f"  {case.template} [{case.style} {case.lang}] {case.text!r}: " +
                      "; ".join(f"{p[1]}{'~' if p[2] else ''} for {g[1]}{'~' if g[2] else ''}" for g, p in bad))
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
