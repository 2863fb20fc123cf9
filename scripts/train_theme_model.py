"""Train the theme model that the ``themes`` annotator uses as a second opinion (issue 17).

    python scripts/train_theme_model.py        # corpus/ (hard negatives too) + every folded blind round + the dev set
    python scripts/train_theme_model.py --out PATH --threshold 0.3 corpus/*.jsonl ...

Reads annotated JSON lines ({"text", "lang", "themes": [...]}), describes each text by the features of
:func:`overheard.annotate.rules.theme_model.text_features`, and fits one logistic regression per theme
(:func:`overheard.annotate.rules.linear.fit_logistic`), the text's gold themes as labels. Weights smaller than
``--keep`` are dropped so that the data file stays small. Deterministic: the same files give the same weights.
The held-out measure (leave one author out) is ``benchmarks/theme_model.py``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import linear_training  # noqa: E402

DEFAULT_TRAIN = linear_training.CALL_TEXTS + linear_training.HARD_NEGATIVES
VERSION = "2026.12.1"  # bump with any change of the features, the data or the settings
L2, EPOCHS, MIN_COUNT, THRESHOLD, KEEP = 1.0, 600, 2, 0.4, 0.02


def records(paths: list[str]) -> list[dict]:
    """Annotated records of ``paths`` that carry themes."""
    from train_name_model import records as annotated

    return annotated(paths, "themes")


def featurise(rows: list[dict]) -> list[list[str]]:
    """The model's features of each record's text."""
    from overheard.annotate.doc import Doc
    from overheard.annotate.rules.theme_model import text_features
    from overheard.text import detect_language

    out = []
    for row in rows:
        lang = row.get("lang") if row.get("lang") in ("ru", "uk") else detect_language(row["text"])
        out.append(text_features(Doc(row["text"], lang).tokens, lang))
    return out


def fit_rows(rows: list[dict], features: list[list[str]], threshold: float = THRESHOLD, l2: float = L2,
             epochs: int = EPOCHS, min_count: int = MIN_COUNT, keep: float = KEEP, meta: dict | None = None):
    """The model trained on ``rows`` (with their ``features``)."""
    from overheard.annotate.rules.linear import fit_logistic
    from overheard.annotate.rules.theme_model import MODEL_THEMES, ThemeModel

    weights, biases = {}, {}
    for theme in MODEL_THEMES:
        examples = [(f, int(theme in row["themes"])) for f, row in zip(features, rows, strict=True)]
        w, b = fit_logistic(examples, l2=l2, epochs=epochs, min_count=min_count)
        weights[theme] = {name: value for name, value in w.items() if abs(value) >= keep}
        biases[theme] = b
    return ThemeModel(MODEL_THEMES, weights, biases, threshold, dict(meta or {}))


def fit(paths: list[str], threshold: float = THRESHOLD, l2: float = L2, epochs: int = EPOCHS,
        min_count: int = MIN_COUNT, keep: float = KEEP):
    """The model trained on ``paths``."""
    rows = records(paths)
    names = sorted({str(Path(p).relative_to(ROOT)) if Path(p).is_relative_to(ROOT) else p for p in paths})
    meta = {"version": VERSION, "trained_on": names, "texts": len(rows), "l2": l2, "epochs": epochs,
            "min_count": min_count, "keep": keep, "script": "scripts/train_theme_model.py"}
    return fit_rows(rows, featurise(rows), threshold, l2, epochs, min_count, keep, meta)


def main() -> None:
    """Train and write the model."""
    from overheard.annotate.rules.theme_model import MODEL_PATH

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*",
                        help="annotated JSON lines (default: corpus/ and its hard negatives, every blind round, dev)")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--keep", type=float, default=KEEP, help="drop weights smaller than this")
    args = parser.parse_args()
    model = fit(args.files or DEFAULT_TRAIN, args.threshold, args.l2, args.epochs, keep=args.keep)
    args.out.write_text(model.to_json() + "\n", encoding="utf-8")
    kept = sum(len(w) for w in model.weights.values())
    print(f"{args.out}: {kept} weights over {len(model.themes)} themes from {model.meta['texts']} texts")


if __name__ == "__main__":
    main()
