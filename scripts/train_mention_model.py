"""Train the mention model that the casualty rules use as a second opinion on the mentions they keep.

    python scripts/train_mention_model.py      # corpus/ + hard negatives + every folded blind round + dev -> shipped
    python scripts/train_mention_model.py --out PATH --threshold 0.2 corpus/*.jsonl corpus/hard_negatives/*.jsonl

Reads annotated JSON lines ({"text", "lang", "casualties": [{"category", "count", "approximate"}]}), runs the
casualty rules alone on each text (mention model and count model off), matches the mentions they keep to the gold
ones by category (as ``benchmarks/accuracy.py`` does) and labels each kept mention 1 where it is matched, 0 where
it is spurious. Its features: :func:`overheard.annotate.rules.casualties.mention_model.features`. One logistic
regression (:meth:`overheard.annotate.rules.linear.LinearModel.fit`). Deterministic. The held-out measure (leave one
author out) and the threshold's choice: ``benchmarks/mention_model.py``.
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

DEFAULT_TRAIN = linear_training.CALL_TEXTS + linear_training.HARD_NEGATIVES
VERSION = "2026.12.5"  # bump with any change of the features, the data or the settings
L2, EPOCHS, MIN_COUNT, THRESHOLD, KEEP = 1.0, 400, 2, 0.05, 0.01


def records(paths: list[str]) -> list[dict]:
    """Annotated records of ``paths`` that carry casualties."""
    return linear_training.records(paths, "casualties")


def readings(rows: list[dict]) -> list[dict]:
    """Per record: the gold mentions and each mention the rules keep (category, count, approximate, features,
    label)."""
    from overheard.annotate.rules.casualties import count_model, mention_model

    out = []
    with count_model.disabled(), mention_model.disabled():
        for read in linear_training.rule_readings(rows):
            kept, text, rejected = read.kept, read.doc.text, read.decisions.rejected
            mentions = [{**read.predicted[i], "features": mention_model.features(read.ctx, m, kept, rejected),
                         "label": int(i in read.gold_of), "excerpt": text[max(0, m.start - 60) : m.end + 60]}
                        for i, m in enumerate(kept)]
            out.append({"id": read.row.get("id", ""), "gold": read.row["casualties"], "mentions": mentions})
    return out


def examples(read: list[dict]) -> list[tuple[list[str], int]]:
    """(features, label) of every mention the rules keep."""
    return [(m["features"], m["label"]) for record in read for m in record["mentions"]]


def fit_readings(read: list[dict], threshold: float = THRESHOLD, l2: float = L2, epochs: int = EPOCHS,
                 min_count: int = MIN_COUNT, keep: float = KEEP, meta: dict | None = None):
    """The model trained on ``read`` (from :func:`readings`)."""
    from overheard.annotate.rules.casualties.mention_model import MentionModel

    return MentionModel.fit(examples(read), l2=l2, epochs=epochs, min_count=min_count, keep=keep, meta=meta,
                            threshold=threshold)


def fit(paths: list[str], threshold: float = THRESHOLD, l2: float = L2, epochs: int = EPOCHS,
        held_out: dict | None = None):
    """The model trained on ``paths``."""
    rows = records(paths)
    read = readings(rows)
    mentions = [m for r in read for m in r["mentions"]]
    meta = {"version": VERSION, "trained_on": linear_training.trained_on(paths), "texts": len(rows),
            "mentions": len(mentions), "false_mentions": sum(not m["label"] for m in mentions), "l2": l2,
            "epochs": epochs, "min_count": MIN_COUNT, "keep": KEEP, "date": datetime.date.today().isoformat(),
            "script": "scripts/train_mention_model.py", "held_out": held_out or {}}
    return fit_readings(read, threshold, l2, epochs, meta=meta)


def main() -> None:
    """Train and write the model."""
    from overheard.annotate.rules.casualties.mention_model import MODEL_PATH

    args = linear_training.parser(__doc__, MODEL_PATH, "threshold", THRESHOLD, L2, EPOCHS,
                                  "corpus/, hard negatives, rounds, dev").parse_args()
    model = fit(args.files or DEFAULT_TRAIN, args.threshold, args.l2, args.epochs,
                linear_training.held_out(args.held_out))
    linear_training.write(model, args.out, f"{len(model.weights)} weights from {model.meta['mentions']} mentions "
                          f"({model.meta['false_mentions']} false) in {model.meta['texts']} texts")


if __name__ == "__main__":
    main()
