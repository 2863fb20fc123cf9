"""Train the mention model that the casualty rules use as a second opinion on the mentions they keep.

    python scripts/train_mention_model.py      # corpus/ + hard negatives + every folded blind round + dev -> shipped
    python scripts/train_mention_model.py --out PATH --threshold 0.2 corpus/*.jsonl corpus/hard_negatives/*.jsonl

Reads annotated JSON lines ({"text", "lang", "casualties": [{"category", "count", "approximate"}]}), runs the
casualty rules alone on each text (mention model and count model off), matches the mentions they keep to the gold
ones by category (as ``benchmarks/accuracy.py`` does) and labels each kept mention 1 where it is matched, 0 where
it is spurious. Its features: :func:`overheard.annotate.rules.casualties.mention_model.features`. One logistic
regression (:func:`overheard.annotate.rules.linear.fit_logistic`). Deterministic. The held-out measure (leave one
author out) and the threshold's choice: ``benchmarks/mention_model.py``.
"""

from __future__ import annotations

import argparse
import datetime
import glob
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from train_theme_model import DEFAULT_TRAIN as THEME_TRAIN  # noqa: E402  (the corpus, every folded round, dev)

HARD_NEGATIVES = sorted(glob.glob(str(ROOT / "corpus/hard_negatives/*.jsonl")))
DEFAULT_TRAIN = THEME_TRAIN + HARD_NEGATIVES
VERSION = "2026.12.1"  # bump with any change of the features, the data or the settings
L2, EPOCHS, MIN_COUNT, THRESHOLD, KEEP = 1.0, 400, 2, 0.1, 0.01


def records(paths: list[str]) -> list[dict]:
    """Annotated records of ``paths`` that carry casualties."""
    from train_name_model import records as annotated

    return annotated(paths, "casualties")


def readings(rows: list[dict]) -> list[dict]:
    """Per record: the gold mentions and each mention the rules keep (category, count, approximate, features,
    label)."""
    from accuracy import match_casualties

    from overheard.annotate.doc import Doc
    from overheard.annotate.lexicon import compile_lexicon, load_lexicon
    from overheard.annotate.rules.casualties import count_model, mention_model
    from overheard.annotate.rules.casualties.context import Context
    from overheard.annotate.rules.casualties.words import casualty_cues
    from overheard.text import detect_language

    lexicon = compile_lexicon(load_lexicon())
    out = []
    with count_model.disabled(), mention_model.disabled():
        for row in rows:
            lang = row.get("lang") if row.get("lang") in ("ru", "uk") else detect_language(row["text"])
            doc = Doc(row["text"], lang)
            decisions = doc.casualties(lexicon)
            kept = list(decisions.mentions)
            predicted = [{"category": m.category, "count": m.count, "approximate": m.approximate, "i": i}
                         for i, m in enumerate(kept)]
            matched = {p["i"] for _, p in match_casualties(row["casualties"], predicted)[0]}
            mentions = []
            if kept:
                matches = doc.term_matches(lexicon)
                casualty = {k for m in matches if any(e.is_casualty for e in m.entries) for k in range(m.first, m.last)}
                numbers = doc.numbers
                ctx = Context(doc.tokens, doc.language, matches, casualty, {e.first: e for e in numbers},
                              {e.last - 1: e for e in numbers}, casualty_cues(), doc.breaks)
                for i, m in enumerate(kept):
                    feats = mention_model.features(ctx, m, kept, decisions.rejected)
                    mentions.append({**predicted[i], "features": feats, "label": int(i in matched),
                                     "excerpt": doc.text[max(0, m.start - 60) : m.end + 60]})
            out.append({"id": row.get("id", ""), "gold": row["casualties"], "mentions": mentions})
    return out


def examples(read: list[dict]) -> list[tuple[list[str], int]]:
    """(features, label) of every mention the rules keep."""
    return [(m["features"], m["label"]) for record in read for m in record["mentions"]]


def fit_readings(read: list[dict], threshold: float = THRESHOLD, l2: float = L2, epochs: int = EPOCHS,
                 min_count: int = MIN_COUNT, keep: float = KEEP, meta: dict | None = None):
    """The model trained on ``read`` (from :func:`readings`)."""
    from overheard.annotate.rules.casualties.mention_model import MentionModel
    from overheard.annotate.rules.linear import fit_logistic

    weights, bias = fit_logistic(examples(read), l2=l2, epochs=epochs, min_count=min_count)
    return MentionModel({k: v for k, v in weights.items() if abs(v) >= keep}, bias, threshold, dict(meta or {}))


def fit(paths: list[str], threshold: float = THRESHOLD, l2: float = L2, epochs: int = EPOCHS,
        held_out: dict | None = None):
    """The model trained on ``paths``."""
    rows = records(paths)
    read = readings(rows)
    names = sorted({str(Path(p).relative_to(ROOT)) if Path(p).is_relative_to(ROOT) else p for p in paths})
    mentions = [m for r in read for m in r["mentions"]]
    meta = {"version": VERSION, "trained_on": names, "texts": len(rows), "mentions": len(mentions),
            "false_mentions": sum(not m["label"] for m in mentions), "l2": l2, "epochs": epochs,
            "min_count": MIN_COUNT, "keep": KEEP, "date": datetime.date.today().isoformat(),
            "script": "scripts/train_mention_model.py", "held_out": held_out or {}}
    return fit_readings(read, threshold, l2, epochs, meta=meta)


def main() -> None:
    """Train and write the model."""
    import json

    from overheard.annotate.rules.casualties.mention_model import MODEL_PATH

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", help="annotated JSON lines (default: corpus/, hard negatives, rounds, dev)")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--held-out", type=Path, help="a JSON file of held-out figures to keep in the meta")
    args = parser.parse_args()
    held = json.loads(args.held_out.read_text(encoding="utf-8")) if args.held_out else None
    model = fit(args.files or DEFAULT_TRAIN, args.threshold, args.l2, args.epochs, held)
    args.out.write_text(model.to_json() + "\n", encoding="utf-8")
    print(f"{args.out}: {len(model.weights)} weights from {model.meta['mentions']} mentions "
          f"({model.meta['false_mentions']} false) in {model.meta['texts']} texts")


if __name__ == "__main__":
    main()
