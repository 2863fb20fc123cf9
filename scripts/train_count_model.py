"""Train the count model that the casualty rules use as a second opinion on counts (issue 17).

    python scripts/train_count_model.py        # corpus/ + every folded blind round + the dev set -> the shipped model
    python scripts/train_count_model.py --out PATH --margin 0.3 corpus/*.jsonl ...

Reads annotated JSON lines ({"text", "lang", "casualties": [{"category", "count", "approximate"}]}), runs the
casualty rules alone on each text, matches their mentions to the gold ones by category (as
``benchmarks/accuracy.py`` does) and, for each matched mention, labels each candidate reading of its count
(:func:`overheard.annotate.rules.casualties.count_model.candidates`) 1 where it equals the gold count and
approximate flag. One logistic regression (:func:`overheard.annotate.rules.linear.fit_logistic`) over all
candidates. Deterministic. The held-out measure (leave one author out) and the margin's choice:
``benchmarks/count_model.py``.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from train_theme_model import DEFAULT_TRAIN  # noqa: E402  (the corpus, every folded round and the dev set)

VERSION = "2026.12.3"  # bump with any change of the features, the data or the settings
L2, EPOCHS, MIN_COUNT, MARGIN, KEEP = 1.0, 400, 2, 0.0, 0.01


def records(paths: list[str]) -> list[dict]:
    """Annotated records of ``paths`` that carry casualties."""
    from train_name_model import records as annotated

    return annotated(paths, "casualties")


def readings(rows: list[dict]) -> list[dict]:
    """Per record: the gold mentions and, for each mention the rules keep, its prediction and candidate readings."""
    from accuracy import match_casualties

    from overheard.annotate.doc import Doc
    from overheard.annotate.lexicon import compile_lexicon, load_lexicon
    from overheard.annotate.rules.casualties import count_model
    from overheard.annotate.rules.casualties.context import Context
    from overheard.annotate.rules.casualties.words import casualty_cues
    from overheard.text import detect_language

    lexicon = compile_lexicon(load_lexicon())
    out = []
    with count_model.disabled():
        for row in rows:
            lang = row.get("lang") if row.get("lang") in ("ru", "uk") else detect_language(row["text"])
            doc = Doc(row["text"], lang)
            kept = list(doc.casualties(lexicon).mentions)
            predicted = [{"category": m.category, "count": m.count, "approximate": m.approximate, "i": i}
                         for i, m in enumerate(kept)]
            gold_of = {p["i"]: g for g, p in match_casualties(row["casualties"], predicted)[0]}
            mentions = []
            if kept:
                matches = doc.term_matches(lexicon)
                casualty = {k for m in matches if any(e.is_casualty for e in m.entries) for k in range(m.first, m.last)}
                numbers = doc.numbers
                ctx = Context(doc.tokens, doc.language, matches, casualty, {e.first: e for e in numbers},
                              {e.last - 1: e for e in numbers}, casualty_cues(), doc.breaks)
                for i, m in enumerate(kept):
                    mentions.append({"predicted": predicted[i], "gold": gold_of.get(i),
                                     "candidates": count_model.candidates(ctx, m, kept)})
            out.append({"gold": row["casualties"], "mentions": mentions})
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
    from overheard.annotate.rules.linear import fit_logistic

    weights, bias = fit_logistic(examples(read), l2=l2, epochs=epochs, min_count=min_count)
    return CountModel({k: v for k, v in weights.items() if abs(v) >= keep}, bias, margin, dict(meta or {}))


def fit(paths: list[str], margin: float = MARGIN, l2: float = L2, epochs: int = EPOCHS, held_out: dict | None = None):
    """The model trained on ``paths``."""
    rows = records(paths)
    read = readings(rows)
    names = sorted({str(Path(p).relative_to(ROOT)) if Path(p).is_relative_to(ROOT) else p for p in paths})
    meta = {"version": VERSION, "trained_on": names, "texts": len(rows),
            "mentions": sum(len(r["mentions"]) for r in read), "l2": l2, "epochs": epochs, "min_count": MIN_COUNT,
            "keep": KEEP, "date": datetime.date.today().isoformat(), "script": "scripts/train_count_model.py",
            "held_out": held_out or {}}
    return fit_readings(read, margin, l2, epochs, meta=meta)


def main() -> None:
    """Train and write the model."""
    import json

    from overheard.annotate.rules.casualties.count_model import MODEL_PATH

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", help="annotated JSON lines (default: corpus/, every blind round, dev)")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--margin", type=float, default=MARGIN)
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--held-out", type=Path, help="a JSON file of held-out figures to keep in the meta")
    args = parser.parse_args()
    held = json.loads(args.held_out.read_text(encoding="utf-8")) if args.held_out else None
    model = fit(args.files or DEFAULT_TRAIN, args.margin, args.l2, args.epochs, held)
    args.out.write_text(model.to_json() + "\n", encoding="utf-8")
    print(f"{args.out}: {len(model.weights)} weights from {model.meta['mentions']} mentions "
          f"in {model.meta['texts']} texts")


if __name__ == "__main__":
    main()
