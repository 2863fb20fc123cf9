"""Does the learned count model help on authors it was not trained on? Count rules alone against rules + model.

    python benchmarks/count_model.py [--held TA TB ...] [--margins 0.1 0.2 0.3 0.5] [--l2 2.0]

Leave one author out: for each author of ``corpus/`` (or each ``--held`` author), trains the count model
(scripts/train_count_model.py's settings) on every other text (the other authors, the folded blind rounds and the
dev set), then scores that author's texts: count accuracy (matched mentions whose count and approximate flag are
both right, matched by category as ``benchmarks/accuracy.py`` does) with the rules' counts and with the model's
choices at each margin; pooled, per held author and per category, and how many counts the rules had right that the
model broke. One core, a few minutes (the rules run once per text; each fold only refits).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def predictions(record: dict, model, margin: float | None) -> list[dict]:
    """The record's mentions with the rules' counts (``model`` None) or the model's choices at ``margin``."""
    from overheard.annotate.rules.casualties.count_model import pick

    out = []
    for mention in record["mentions"]:
        p = dict(mention["predicted"])
        picked = pick(replace(model, margin=margin), mention["candidates"]) if model is not None else None
        if picked is not None:
            p["count"], p["approximate"] = picked[0].value, picked[0].approximate
        out.append(p)
    return out


def score(records: list[dict], model, margins: list[float]) -> dict:
    """Counters per setting ("rules", margins) and where ("pooled", category): matched, right, broke, fixed."""
    from accuracy import match_casualties

    tally: dict = defaultdict(Counter)
    for record in records:
        base = {p["i"]: (g, p) for g, p in match_casualties(record["gold"], predictions(record, None, 0))[0]}
        right_before = {i for i, (g, p) in base.items()
                        if (g["count"], g["approximate"]) == (p["count"], p["approximate"])}
        for setting in ["rules", *margins]:
            pairs = match_casualties(record["gold"], predictions(record, model if setting != "rules" else None,
                                                                 setting if setting != "rules" else 0))[0]
            for g, p in pairs:
                right = (g["count"], g["approximate"]) == (p["count"], p["approximate"])
                for where in ("pooled", g["category"]):
                    tally[setting, where]["matched"] += 1
                    tally[setting, where]["right"] += right
                    tally[setting, where]["broke"] += p["i"] in right_before and not right
                    tally[setting, where]["fixed"] += p["i"] not in right_before and right
    return tally


def main() -> None:
    """Train per held-out author and print the comparison."""
    import train_count_model as T
    from theme_model import authored

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--held", nargs="*", help="authors to hold out one at a time (default: every corpus author)")
    parser.add_argument("--margins", nargs="*", type=float, default=[0.0, 0.05, 0.1, 0.2, 0.3])
    parser.add_argument("--l2", type=float, default=T.L2)
    parser.add_argument("--epochs", type=int, default=T.EPOCHS)
    args = parser.parse_args()

    rows = authored(T.DEFAULT_TRAIN, T.records)
    read = T.readings(rows)
    for row, record in zip(rows, read, strict=True):
        record["_author"], record["_corpus"] = row["_author"], row["_corpus"]
    held = args.held or sorted({row["_author"] for row in rows if row["_corpus"]})
    total: dict = defaultdict(Counter)
    per_author: dict = {}
    for name in held:
        train = [r for r in read if r["_author"] != name]
        test = [r for r in read if r["_author"] == name]
        model = T.fit_readings(train, l2=args.l2, epochs=args.epochs)
        tally = score(test, model, args.margins)
        per_author[name] = tally
        for key, counter in tally.items():
            total[key].update(counter)

    def acc(c: Counter) -> str:
        return f"{c['right'] / c['matched']:.3f}" if c["matched"] else "  -  "

    settings = ["rules", *args.margins]
    print(f"{len(rows)} texts; held out one at a time: {', '.join(held)}; l2 {args.l2}, epochs {args.epochs}")
    print(f"{'setting':>8} {'pooled':>7} {'right/matched':>14} {'fixed':>6} {'broke':>6}  " +
          " ".join(f"{h:>5}" for h in held))
    for s in settings:
        c = total[s, "pooled"]
        label = "rules" if s == "rules" else f"m={s}"
        print(f"{label:>8} {acc(c):>7} {c['right']:>6}/{c['matched']:<7} {c['fixed']:>6} {c['broke']:>6}  " +
              " ".join(f"{acc(per_author[h][s, 'pooled']):>5}" for h in held))
    shipped = T.MARGIN if T.MARGIN in args.margins else args.margins[-1]
    print(f"\nper category, count accuracy: rules -> rules + model (margin {shipped}); fixed / broke")
    for category in ("killed", "wounded", "refused", "missing", "captured", "deserted"):
        a, b = total["rules", category], total[shipped, category]
        print(f"  {category:9} {acc(a)} -> {acc(b)}  ({b['matched']} matched; +{b['fixed']} / -{b['broke']})")


if __name__ == "__main__":
    main()
