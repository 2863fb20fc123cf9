"""Casualty recall and false mentions on generated wording (tests/casualty_wording.py), tune and measure parts.

    python benchmarks/casualty_wording.py [--per-template N] [--seeds S ...] [--misses N] [--part tune|measure]
                                          [--src PATH] [--json]

Every template of each part is rendered N times per category with each seed. Recall: expected mentions found (matched
by category); counts: matched mentions whose count is the one the template says; false mentions: predicted mentions
no expected one matches (in positive and negative texts); negatives flagged: negative texts with any mention. Figures
in all, by category and by wording tag. ``--src`` scores another checkout's ``src`` (main's, for the figure before).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    """Print the figures of both parts (or one), and up to N misses and false mentions of one part."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-template", type=int, default=6)
    parser.add_argument("--seeds", type=int, nargs="+", default=[19, 20, 21])
    parser.add_argument("--part", choices=["tune", "measure"], action="append")
    parser.add_argument("--misses", type=int, default=0, metavar="N")
    parser.add_argument("--src", type=Path, default=ROOT / "src")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(args.src.resolve()))
    sys.path.insert(0, str(ROOT / "tests"))
    import casualty_wording as cw  # noqa: PLC0415 (after the path is set)

    from overheard.annotate.analysis import utterances_of  # noqa: PLC0415
    from overheard.annotate.doc import Doc  # noqa: PLC0415
    from overheard.annotate.lexicon import compile_lexicon, load_lexicon  # noqa: PLC0415

    lexicon = compile_lexicon(load_lexicon())

    def predict(text: str, lang: str) -> list[tuple[str, int | None]]:
        doc = Doc(text=text, language=lang, utterances=utterances_of(text))
        return [(m.category, m.count) for m in doc.casualties(lexicon).mentions]

    figures = {}
    for part in args.part or list(cw.PARTS):
        texts = [g for seed in args.seeds for g in cw.generate(part, args.per_template, seed)]
        s = cw.score(texts, predict)
        keys = sorted(k for k in s.expected if k != "all")
        figures[part] = {
            "texts": len(texts), "expected": s.expected["all"], "found": s.found["all"], "recall": s.recall,
            "counts_right": s.counts_right, "false_mentions": s.false["all"], "negatives": s.negatives,
            "negatives_flagged": s.flagged_negatives,
            "by": {k: [s.found[k], s.expected[k], s.false[k]] for k in keys},
        }
        if not args.json:
            print(f"{part}: {len(texts)} texts, recall {s.recall:.3f} ({s.found['all']}/{s.expected['all']}), "
                  f"counts right {s.counts_right}/{s.found['all']}, false mentions {s.false['all']}, "
                  f"negatives flagged {s.flagged_negatives}/{s.negatives}")
            for k in keys:
                share = s.found[k] / s.expected[k]
                print(f"    {k:22} {s.found[k]:5}/{s.expected[k]:<5} {share:.3f}  false {s.false[k]}")
        if args.misses:
            print(f"--- {part}: misses")
            for g, predicted in s.misses[: args.misses]:
                print(f"  [{g.template} {g.category}] {g.text!r} expected {g.expected} got {predicted}")
            print(f"--- {part}: false mentions")
            for g, predicted in s.spurious[: args.misses]:
                print(f"  [{g.template} {g.category}] {g.text!r} expected {g.expected} got {predicted}")
    if args.json:
        print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
