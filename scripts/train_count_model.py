"""Train the count model that the casualty rules use as a second opinion on counts (issue 17).

    python scripts/train_count_model.py        # corpus/ + every folded blind round + the dev set -> the shipped model
    python scripts/train_count_model.py --out PATH --margin 0.3 corpus/*.jsonl ...

Reads annotated JSON lines ({"text", "lang", "casualties": [{"category", "count", "approximate"}]}), runs the
casualty rules alone on each text, matches their mentions to the gold ones by category (as
``benchmarks/accuracy.py`` does) and, for each matched mention, labels each candidate reading of its count
(:func:`overheard.annotate.rules.casualties.count_model.candidates`) 1 where it equals the gold count and
approximate flag. One logistic regression (:meth:`overheard.annotate.rules.linear.LinearModel.fit`) over all
candidates. Deterministic. The held-out measure (leave one author out) and the margin's choice:
``benchmarks/count_model.py``.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import linear_training  # noqa: E402

DEFAULT_TRAIN = linear_training.CALL_TEXTS  # the hard negatives are not in the shipped count model's data

VERSION = "2026.12.4"  # bump with any change of the features, the data or the settings
L2, EPOCHS, MIN_COUNT, MARGIN, KEEP = 1.0, 400, 2, 0.0, 0.01


def records(paths: list[str]) -> list[dict]:
    """Annotated records of ``paths`` that carry casualties."""
    return linear_training.records(paths, "casualties")


def readings(rows: list[dict]) -> list[dict]:
    """Per record: the gold mentions and, for each mention the rules keep, its prediction and candidate readings."""
    from overheard.annotate.rules.casualties import count_model

    out = []
    with count_model.disabled():
        for read in linear_training.rule_readings(rows):
            kept = read.kept
            mentions = [{"predicted": read.predicted[i], "gold": read.gold_of.get(i),
                         "candidates": count_model.candidates(read.ctx, m, kept)} for i, m in enumerate(kept)]
            out.append({"gold": read.row["casualties"], "mentions": mentions})
    return out


def examples(read: list[dict]) -> list[tuple[list[str], int]]:
    """(features, label) of every candidate of every mention matched to a gold one."""
    out = []
    for record in read:
        for mention in record["mentions"]:
            gold = mention["gold"]
            if gold is None:
                continue
            for c in mention["candidates"]:
                out.append((list(c.features), int((c.value, c.approximate) == (gold["count"], gold["approximate"]))))
    return out


def fit_readings(read: list[dict], margin: float = MARGIN, l2: float = L2, epochs: int = EPOCHS,
                 min_count: int = MIN_COUNT, keep: float = KEEP, meta: dict | None = None):
    """The model trained on ``read`` (from :func:`readings`)."""
    from overheard.annotate.rules.casualties.count_model import CountModel

    return CountModel.fit(examples(read), l2=l2, epochs=epochs, min_count=min_count, keep=keep, meta=meta,
                          margin=margin)


def fit(paths: list[str], margin: float = MARGIN, l2: float = L2, epochs: int = EPOCHS, held_out: dict | None = None):
    """The model trained on ``paths``."""
    rows = records(paths)
    read = readings(rows)
    meta = {"version": VERSION, "trained_on": linear_training.trained_on(paths), "texts": len(rows),
            "mentions": sum(len(r["mentions"]) for r in read), "l2": l2, "epochs": epochs, "min_count": MIN_COUNT,
            "keep": KEEP, "date": datetime.date.today().isoformat(), "script": "scripts/train_count_model.py",
            "held_out": held_out or {}}
    return fit_readings(read, margin, l2, epochs, meta=meta)


def main() -> None:
    """Train and write the model."""
    from overheard.annotate.rules.casualties.count_model import MODEL_PATH

    args = linear_training.parser(__doc__, MODEL_PATH, "margin", MARGIN, L2, EPOCHS,
                                  "corpus/, every blind round, dev").parse_args()
    model = fit(args.files or DEFAULT_TRAIN, args.margin, args.l2, args.epochs, linear_training.held_out(args.held_out))
    linear_training.write(model, args.out, f"{len(model.weights)} weights from {model.meta['mentions']} mentions "
                          f"in {model.meta['texts']} texts")


if __name__ == "__main__":
    main()
