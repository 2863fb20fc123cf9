"""Does the learned theme model help on authors it was not trained on? Rules alone against rules + model (issue 17).

    python benchmarks/theme_model.py [--held TA TB ...] [--thresholds 0.2 0.3 0.4 0.5] [--keep 0.02]

Leave one author out: for each author of ``corpus/`` (or each ``--held`` author), trains the model
(scripts/train_theme_model.py's settings) on every other text (the other authors, the folded blind rounds and the
dev set), then scores that author's texts: the themes the cue rules find alone, and the rules plus the model's
themes at each threshold (the model reads each text as one bag of features). Prints micro P/R/F1 pooled and per
held author, per-theme F1 at the shipped threshold, and calibration: the share of texts that truly carry a theme
among those the model gives a probability in each band. ``casualty_report`` is counted as the rules give it.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def author(record: dict, path: str) -> str:
    """The author of a record: the corpus file's author, else the letters of the id ("AA" of "AA1-003")."""
    if "/corpus/" in path:
        return Path(path).stem.removeprefix("author-")
    m = re.match(r"[A-Za-z]+", record["id"])
    return m.group() if m else "dev"


def authored(paths: list[str], records) -> list[dict]:
    """The records of ``paths`` (read by ``records``), each with its ``_author`` ("dev" for the casualty dev set)
    and ``_corpus`` (whether it is a corpus text, so that its author is held out in turn)."""
    rows = []
    for path in paths:
        for record in records([path]):
            record["_author"] = "dev" if "casualty_dev" in path else author(record, path)
            record["_corpus"] = "/corpus/" in path
            rows.append(record)
    return rows


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 as benchmarks/accuracy.py counts them (0.0 where undefined)."""
    from accuracy import prf as counted

    figures = counted(tp, fp, fn)
    return tuple(figures[k] or 0.0 for k in ("precision", "recall", "f1"))


def main() -> None:
    """Train per held-out author and print the comparison."""
    import train_theme_model as T

    from overheard.annotate.components.themes import ThemeAnnotator
    from overheard.annotate.doc import Doc
    from overheard.annotate.rules.theme_model import MODEL_THEMES

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--held", nargs="*", help="authors to hold out one at a time (default: every corpus author)")
    parser.add_argument("--thresholds", nargs="*", type=float, default=[0.2, 0.3, 0.4, 0.5])
    parser.add_argument("--keep", type=float, default=T.KEEP)
    args = parser.parse_args()

    rows = authored(T.DEFAULT_TRAIN, T.records)
    features = T.featurise(rows)
    rules = ThemeAnnotator(theme_model=False)
    for row in rows:
        row["_rules"] = {hit.theme for hit in rules.hits(Doc(row["text"], row.get("lang") or "ru"))}
    held = args.held or sorted({row["_author"] for row in rows if row.get("_corpus")})
    shipped = T.THRESHOLD
    tally: dict = defaultdict(Counter)
    bands: dict[int, Counter] = defaultdict(Counter)
    for name in held:
        train = [i for i, row in enumerate(rows) if row["_author"] != name]
        test = [i for i, row in enumerate(rows) if row["_author"] == name]
        model = T.fit_rows([rows[i] for i in train], [features[i] for i in train], keep=args.keep)
        for i in test:
            row = rows[i]
            p = model.probabilities(features[i])
            gold = set(row["themes"])
            for theme in (*MODEL_THEMES, "casualty_report"):
                g, rule, q = theme in gold, theme in row["_rules"], p.get(theme, 0.0)
                if theme in MODEL_THEMES and not rule:
                    band = bands[min(int(q * 10), 9)]
                    band["n"] += 1
                    band["gold"] += g
                for setting, predicted in [("rules", rule)] + [(f"+model@{t}", rule or q >= t)
                                                                for t in args.thresholds]:
                    key = "tp" if g and predicted else "fp" if predicted else "fn" if g else "tn"
                    for where in ("pooled", name):
                        tally[where, setting][key] += 1
                    tally[theme, setting][key] += 1
    settings = ["rules"] + [f"+model@{t}" for t in args.thresholds]
    print(f"{len(rows)} texts; held out one at a time: {', '.join(held)}; weights kept >= {args.keep}")
    print(f"{'setting':14} {'pooled P/R/F1':>16}  " + " ".join(f"{h:>5}" for h in held))
    for setting in settings:
        c = tally["pooled", setting]
        per = " ".join(f"{prf(*(tally[h, setting][k] for k in ('tp', 'fp', 'fn')))[2]:5.2f}" for h in held)
        trio = "/".join(f"{x:.3f}" for x in prf(c["tp"], c["fp"], c["fn"]))
        print(f"{setting:14} {trio:>16}  {per}")
    print(f"\nper theme, F1: rules -> rules + model@{shipped} (gold texts)")
    for theme in (*MODEL_THEMES, "casualty_report"):
        a, b = tally[theme, "rules"], tally[theme, f"+model@{shipped}"]
        print(f"  {theme:18} {prf(a['tp'], a['fp'], a['fn'])[2]:.2f} -> {prf(b['tp'], b['fp'], b['fn'])[2]:.2f}"
              f"  ({a['tp'] + a['fn']})")
    print("\ncalibration (themes the rules did not find): model probability band -> share truly carrying it")
    for k in sorted(bands):
        n, g = bands[k]["n"], bands[k]["gold"]
        print(f"  {k / 10:.1f}-{(k + 1) / 10:.1f}: {g}/{n} = {g / n:.2f}")


if __name__ == "__main__":
    main()
