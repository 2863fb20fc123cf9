"""Does the learned mention model help on authors it was not trained on? Casualty rules alone against rules + model.

    python benchmarks/mention_model.py [--held TA NA ...] [--thresholds 0.05 0.1 0.2 0.3] [--l2 1.0] [--list 0.1]

Leave one author out: for each author (every author of ``corpus/``, every blind-round author, and the hard-negative
authors of ``corpus/hard_negatives/``; the dev set is always trained on), trains the mention model
(scripts/train_mention_model.py's settings) on every other text, then scores that author's texts with the mentions
the rules keep, and with those the model scores below each threshold dropped. Prints, pooled and per group (the
corpus authors, the round authors, each hard-negative author apiece): casualty P/R/F1 (matched by category as
``benchmarks/accuracy.py`` does), false alarms (casualty-free texts with any mention), and how many kept mentions
the model dropped that were false and that were true; and the model's AUC on the held-out kept mentions. ``--list``
prints the held-out mentions dropped at that threshold. One core, a few minutes (the rules run once per text; each
fold only refits).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _authors(folder: Path) -> frozenset[str]:
    return frozenset(path.stem.removeprefix("author-") for path in folder.glob("author-*.jsonl"))


CORPUS_AUTHORS = _authors(ROOT / "corpus")
HARD_NEGATIVE_AUTHORS = _authors(ROOT / "corpus/hard_negatives")


def group_of(name: str) -> str:
    """The group an author's figures are also reported in: "corpus" (every ``corpus/author-*.jsonl``), each
    hard-negative author (``corpus/hard_negatives/``) apiece, or "rounds" (the folded blind rounds' authors)."""
    if name in CORPUS_AUTHORS:
        return "corpus"
    return name if name in HARD_NEGATIVE_AUTHORS else "rounds"


def score(record: dict, probabilities: list[float], threshold: float, tally: Counter) -> None:
    """Add one record's counts at ``threshold`` to ``tally``: tp, fp, fn, free texts and those flagged, and the
    kept mentions dropped that were false and true."""
    from accuracy import match_casualties

    kept = [m for m, p in zip(record["mentions"], probabilities, strict=True) if p >= threshold]
    pairs, missed, spurious = match_casualties(record["gold"], kept)
    tally["tp"] += len(pairs)
    tally["fp"] += len(spurious)
    tally["fn"] += len(missed)
    for m, p in zip(record["mentions"], probabilities, strict=True):
        if p < threshold:
            tally["dropped_false" if not m["label"] else "dropped_true"] += 1
    if not record["gold"]:
        tally["free"] += 1
        tally["flagged"] += bool(kept)


def auc(pairs: list[tuple[float, int]]) -> float:
    """The area under the ROC curve of (score, label) pairs (ties count half)."""
    pos = sorted(p for p, y in pairs if y)
    neg = sorted(p for p, y in pairs if not y)
    if not pos or not neg:
        return float("nan")
    import bisect

    wins = sum(bisect.bisect_left(pos, n, lo=0) for n in neg)  # positives below each negative
    ties = sum(bisect.bisect_right(pos, n) - bisect.bisect_left(pos, n) for n in neg)
    return 1.0 - (wins + 0.5 * ties) / (len(pos) * len(neg))


def held_out(read: list[dict], held: list[str], l2: float, epochs: int, fit) -> dict[str, list[float]]:
    """Per held author, the held-out probability of each kept mention of its records (in record order)."""
    out = {}
    for name in held:
        model = fit([r for r in read if r["_author"] != name], l2=l2, epochs=epochs)
        out[name] = [model.probability(m["features"]) for r in read if r["_author"] == name for m in r["mentions"]]
    return out


def shipped_probabilities(read: list[dict], held: list[str]) -> dict[str, list[float]]:
    """Per author, the shipped model's probability of each kept mention of its records (no refit)."""
    from overheard.annotate.rules.casualties.mention_model import shipped_mention_model

    model = shipped_mention_model()
    return {name: [model.probability(m["features"]) for r in read if r["_author"] == name for m in r["mentions"]]
            for name in held}


def line(label: str, c: Counter) -> str:
    """One row of the table."""
    from theme_model import prf

    p, r, f = prf(c["tp"], c["fp"], c["fn"])
    rate = c["flagged"] / c["free"] if c["free"] else 0.0
    return (f"{label:>7} {p:.3f}/{r:.3f}/{f:.3f} {c['tp']:>5} {c['fp']:>4} {c['fn']:>4}  "
            f"{c['flagged']:>3}/{c['free']:<4} ({rate:5.1%})  -{c['dropped_false']:<4} -{c['dropped_true']:<4}")


def main() -> None:
    """Train per held-out author and print the comparison."""
    import train_mention_model as T
    from theme_model import authored

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--held", nargs="*", help="authors to hold out one at a time (default: every author)")
    parser.add_argument("--thresholds", nargs="*", type=float, default=[0.05, 0.1, 0.15, 0.2, 0.3, 0.5])
    parser.add_argument("--l2", type=float, default=T.L2)
    parser.add_argument("--epochs", type=int, default=T.EPOCHS)
    parser.add_argument("--list", type=float, help="print the held-out mentions dropped at this threshold")
    parser.add_argument("--shipped", action="store_true",
                        help="score every author with the shipped weights, no refit (held out only for authors it "
                             "was not trained on)")
    parser.add_argument("--json", type=Path, help="write the shipped threshold's figures here (the meta)")
    args = parser.parse_args()

    rows = authored(T.DEFAULT_TRAIN, T.records)
    read = T.readings(rows)
    for row, record in zip(rows, read, strict=True):
        record["_author"] = row["_author"]
    held = args.held or sorted({r["_author"] for r in read if r["_author"] != "dev"})
    if args.shipped:
        probabilities = shipped_probabilities(read, held)
    else:
        probabilities = held_out(read, held, args.l2, args.epochs, T.fit_readings)
    tally: dict = defaultdict(Counter)
    scored: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for name in held:
        ps = iter(probabilities[name])
        for record in (r for r in read if r["_author"] == name):
            own = [next(ps) for _ in record["mentions"]]
            for setting in ["rules", *args.thresholds]:
                threshold = 0.0 if setting == "rules" else setting
                for where in ("pooled", group_of(name)):
                    score(record, own, threshold, tally[setting, where])
            for where in ("pooled", group_of(name)):
                scored[where] += [(p, m["label"]) for p, m in zip(own, record["mentions"], strict=True)]
            if args.list is not None:
                for p, m in zip(own, record["mentions"], strict=True):
                    if p < args.list:
                        print(f"  {'TRUE ' if m['label'] else 'false'} {p:.3f} {record['id']} {m['category']}: "
                              f"{m['excerpt']!r}")
    groups = ["pooled", *sorted({group_of(h) for h in held}, key=lambda g: (len(g) == 2, g))]
    kept = sum(len(r["mentions"]) for r in read)
    false = sum(not m["label"] for r in read for m in r["mentions"])
    print(f"{len(rows)} texts, {kept} kept mentions ({false} false); held out one at a time: {len(held)} authors; "
          f"l2 {args.l2}, epochs {args.epochs}")
    for where in groups:
        print(f"\n{where}: AUC {auc(scored[where]):.3f} over {len(scored[where])} kept mentions")
        print(f"{'thresh':>7} {'P/R/F1':>17} {'tp':>5} {'fp':>4} {'fn':>4}  {'false alarms':>17}  dropped false/true")
        for setting in ["rules", *args.thresholds]:
            print(line(str(setting), tally[setting, where]))
    if args.json:
        shipped = T.THRESHOLD if T.THRESHOLD in args.thresholds else args.thresholds[0]
        args.json.write_text(json.dumps(summary(tally, groups, shipped, len(held)), indent=1) + "\n", encoding="utf-8")


def summary(tally: dict, groups: list[str], threshold: float, folds: int) -> dict:
    """The held-out figures at ``threshold`` against the rules alone, per group, as the model's meta keeps them."""
    from theme_model import prf

    out: dict = {"threshold": threshold, "folds": folds, "benchmark": "benchmarks/mention_model.py"}
    for where in groups:
        rules, model = tally["rules", where], tally[threshold, where]
        out[where] = {"f1_rules": round(prf(rules["tp"], rules["fp"], rules["fn"])[2], 4),
                      "f1_model": round(prf(model["tp"], model["fp"], model["fn"])[2], 4),
                      "false_alarms_rules": rules["flagged"], "false_alarms_model": model["flagged"],
                      "free_texts": rules["free"], "false_dropped": model["dropped_false"],
                      "true_dropped": model["dropped_true"]}
    return out


if __name__ == "__main__":
    main()
