"""Per-theme P/R/F1 of supply shortage, command criticism and war crime on generated text (themes22).

    python benchmarks/theme_generated.py [--part tune|held|both] [--misses N] [--per-template 6]

The texts are ``tests/theme_generator.py``'s (templates and words in ``tests/data/themes22/``), split into a
``tune`` half the cues were fixed against and a ``held`` half that was never read while fixing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    """Print the figures of each half, and the misses of the tune half when asked."""
    import theme_generator as gen

    from overheard.annotate.analysis import Analyzer

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("tune", "held", "both"), default="both")
    parser.add_argument("--misses", type=int, default=0, help="list up to N misses (tune half only)")
    parser.add_argument("--per-template", type=int, default=6)
    args = parser.parse_args()
    analyzer = Analyzer.build()
    for part in gen.PARTS if args.part == "both" else (args.part,):
        pairs = []
        for case in gen.cases(part, args.per_template):
            found = {t["theme"] for t in analyzer.analyze(case.text)["themes"]}
            pairs.append((case, found))
        figures = gen.score(pairs)
        print(f"{part}: {len(pairs)} texts")
        for theme, f in figures.items():
            counts = f"(tp {f['tp']} fp {f['fp']} fn {f['fn']})"
            print(f"  {theme:18} P {f['p']:.2f} R {f['r']:.2f} F1 {f['f1']:.2f}  {counts}")
        if args.misses and part == "tune":
            shown = 0
            for case, found in pairs:
                wrong = (case.themes - found) | ((found & set(gen.SCORED)) - case.themes - case.allowed)
                if wrong and shown < args.misses:
                    shown += 1
                    print(f"    {case.sub:28} {sorted(case.themes)} got {sorted(found)}: {case.text}")


if __name__ == "__main__":
    main()
