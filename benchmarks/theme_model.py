"""Does the learned theme model help on authors it was not trained on? Rules alone against rules + model (issue 17).

    python benchmarks/theme_model.py [--held TA TB ...] [--thresholds 0.2 0.3 0.4 0.5] [--keep 0.02]
    python benchmarks/theme_model.py --clusters        # the same folds, each word's navec cluster added
    python benchmarks/theme_model.py --calibrate       # also the scores after a held-out Platt scaling
    python benchmarks/theme_model.py --folds 5         # every author, dealt into 5 folds

Leave one author out: for each author of ``corpus/`` and ``corpus/hard_negatives/`` (or each ``--held`` author),
trains the model (scripts/train_theme_model.py's settings) on every other text (the other authors, the folded
blind rounds and the dev set), then scores that author's texts: the themes the cue rules find alone, and the rules
plus the model's themes at each threshold (the model reads each text as one bag of features). With ``--folds K``
every author of the training set (corpus, hard negatives, blind rounds, dev) is dealt in turn into K folds and
each fold is held out. Prints micro P/R/F1 pooled and per held author (per source with ``--folds``), per-theme F1
at the shipped threshold, and reliability: per band of predicted probability, the mean prediction against the
share of (text, theme) pairs that truly carry the theme, for every pair, for the pairs the rules did not find (the
only ones where the model's probability becomes a theme's score) and for those per source, with the expected
calibration error (ECE: the gap of each band weighted by its share) and the Platt scaling that would fit them.
``casualty_report`` is counted as the rules give it.

``--clusters`` adds each word's navec cluster (``annotate/word_clusters.py``: ``c=<fine cluster>`` of the word,
or of its lemma when navec lacks the form) to the features of training and test alike; the folds are the same, so a
run with and one without compare the features. ``--calibrate`` also scores the model after a Platt scaling of its
log-odds (``a * z + b``, one pair for every theme), fitted for each held-out unit on the held-out log-odds of every
other unit's rules-silent pairs, so that no author's own labels set its scaling.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))

SOURCES = ("corpus", "hard negatives", "blind rounds", "dev")


def author(record: dict, path: str) -> str:
    """The author of a record: the corpus file's author, else the letters of the id ("AA" of "AA1-003")."""
    if "/corpus/" in path:
        return Path(path).stem.removeprefix("author-")
    m = re.match(r"[A-Za-z]+", record["id"])
    return m.group() if m else "dev"


def source(path: str) -> str:
    """Which of :data:`SOURCES` a file of the training set belongs to."""
    if "/corpus/hard_negatives/" in path:
        return "hard negatives"
    return "corpus" if "/corpus/" in path else "blind rounds" if "/blind/" in path else "dev"


def authored(paths: list[str], records) -> list[dict]:
    """The records of ``paths`` (read by ``records``), each with its ``_author`` ("dev" for the casualty dev set),
    ``_corpus`` (whether it is a corpus text, so that its author is held out in turn) and ``_source``."""
    rows = []
    for path in paths:
        for record in records([path]):
            record["_author"] = "dev" if "casualty_dev" in path else author(record, path)
            record["_corpus"] = "/corpus/" in path
            record["_source"] = source(path)
            rows.append(record)
    return rows


def cluster_features(row: dict) -> list[str]:
    """``c=<fine cluster>`` of each word of the record's text (of its lemma when navec lacks the form)."""
    from overheard.annotate.doc import Doc
    from overheard.annotate.rules.theme_model import lemma
    from overheard.annotate.word_clusters import word_cluster
    from overheard.text import detect_language

    lang = row.get("lang") if row.get("lang") in ("ru", "uk") else detect_language(row["text"])
    out = set()
    for tok in Doc(row["text"], lang).tokens:
        if tok.key.isalpha():
            cluster = word_cluster(tok.key) or word_cluster(lemma(tok.key, lang))
            if cluster is not None:
                out.add(f"c={cluster[0]}")
    return sorted(out)


def log_odds(model, features: list[str]) -> dict[str, float]:
    """Each theme's bias plus the weights of ``features`` (each counted once): the model's log-odds."""
    z = dict(model.biases)
    for feature in set(features):
        for theme, weight in model.feature_weights(feature).items():
            z[theme] += weight
    return z


def platt(pairs: list[tuple[float, int]]) -> tuple[float, float]:
    """(a, b) such that ``logistic(a * z + b)`` best fits (log-odds z, label) pairs: maximum likelihood, Newton."""
    import numpy as np

    z = np.array([value for value, _ in pairs], dtype=np.float64)
    y = np.array([label for _, label in pairs], dtype=np.float64)
    a, b = 1.0, 0.0
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(a * z + b, -35, 35)))
        w = p * (1 - p) + 1e-9
        hessian = np.array([[np.sum(w * z * z), np.sum(w * z)], [np.sum(w * z), np.sum(w)]]) + 1e-6 * np.eye(2)
        step = np.linalg.solve(hessian, np.array([np.sum((p - y) * z), np.sum(p - y)]))
        a, b = a - float(step[0]), b - float(step[1])
        if abs(step).max() < 1e-9:
            break
    return a, b


def reliability(pairs: list[tuple[float, int]], bands: int = 10) -> tuple[list[tuple[float, int, float, float]], float]:
    """Per band of predicted probability: (band start, pairs, mean prediction, share truly carrying the theme);
    and the expected calibration error over all bands."""
    grouped: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for q, g in pairs:
        grouped[min(int(q * bands), bands - 1)].append((q, g))
    rows, gap = [], 0.0
    for k in sorted(grouped):
        band = grouped[k]
        mean, share = sum(q for q, _ in band) / len(band), sum(g for _, g in band) / len(band)
        rows.append((k / bands, len(band), mean, share))
        gap += len(band) * abs(mean - share)
    return rows, gap / max(1, len(pairs))


def log_loss(pairs: list[tuple[float, int]]) -> float:
    """Mean negative log-likelihood of (probability, label) pairs."""
    return -sum(math.log(max(q, 1e-12)) if g else math.log(max(1 - q, 1e-12)) for q, g in pairs) / max(1, len(pairs))


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 as benchmarks/accuracy.py counts them (0.0 where undefined)."""
    from accuracy import prf as counted

    figures = counted(tp, fp, fn)
    return tuple(figures[k] or 0.0 for k in ("precision", "recall", "f1"))


def main() -> None:
    """Train per held-out author (or fold) and print the comparison."""
    import train_theme_model as T

    from overheard.annotate.components.themes import ThemeAnnotator
    from overheard.annotate.doc import Doc
    from overheard.annotate.rules.linear import logistic
    from overheard.annotate.rules.theme_model import MODEL_THEMES

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--held", nargs="*", help="authors to hold out one at a time (default: every corpus author)")
    parser.add_argument("--folds", type=int, help="deal every author into this many folds instead")
    parser.add_argument("--thresholds", nargs="*", type=float, default=[0.2, 0.3, 0.4, 0.5])
    parser.add_argument("--keep", type=float, default=T.KEEP)
    parser.add_argument("--clusters", action="store_true", help="add each word's navec cluster to the features")
    parser.add_argument("--calibrate", action="store_true", help="also score the model after Platt scaling")
    args = parser.parse_args()

    rows = authored(T.DEFAULT_TRAIN, T.records)
    features = T.featurise(rows)
    if args.clusters:
        features = [sorted({*own, *cluster_features(row)}) for own, row in zip(features, rows, strict=True)]
    rules = ThemeAnnotator(theme_model=False)
    for row in rows:
        row["_rules"] = {hit.theme for hit in rules.hits(Doc(row["text"], row.get("lang") or "ru"))}
    if args.folds:
        authors = sorted({row["_author"] for row in rows})
        units = [authors[k :: args.folds] for k in range(args.folds)]
        columns = {name: [i for i, row in enumerate(rows) if row["_source"] == name] for name in SOURCES}
    else:
        held = args.held or sorted({row["_author"] for row in rows if row.get("_corpus")})
        units = [[name] for name in held]
        columns = {name: [i for i, row in enumerate(rows) if row["_author"] == name] for name in held}
    unit_of = {name: k for k, unit in enumerate(units) for name in unit}
    odds: dict[int, dict[str, float]] = {}  # text -> theme -> log-odds of the model that never saw its author
    for unit in units:
        train = [i for i, row in enumerate(rows) if row["_author"] not in unit]
        model = T.fit_rows([rows[i] for i in train], [features[i] for i in train], keep=args.keep)
        for i, row in enumerate(rows):
            if row["_author"] in unit:
                odds[i] = log_odds(model, features[i])
    scalings = {"model": [(1.0, 0.0)] * len(units)}
    if args.calibrate:  # each unit's scaling from every other unit's rules-silent pairs
        scalings["calibrated"] = [platt([(z[theme], int(theme in rows[i]["themes"])) for i, z in odds.items()
                                         if unit_of[rows[i]["_author"]] != k
                                         for theme in MODEL_THEMES if theme not in rows[i]["_rules"]])
                                  for k in range(len(units))]
    print(f"{len(rows)} texts; held out in turn: {', '.join('+'.join(unit) for unit in units)};"
          f" weights kept >= {args.keep}{'; features + navec clusters' if args.clusters else ''}")
    for variant, ab in scalings.items():
        probability = {}
        for i, z in odds.items():
            a, b = ab[unit_of[rows[i]["_author"]]]
            probability[i] = {theme: logistic(a * value + b) for theme, value in z.items()}
        print(f"\n== {variant}" + (f" (a, b per held unit: {', '.join(f'{a:.2f} {b:+.2f}' for a, b in ab)})"
                                    if variant != "model" else ""))
        report(rows, probability, columns, args.thresholds, T.THRESHOLD)


def report(rows: list[dict], probability: dict[int, dict[str, float]], columns: dict[str, list[int]],
           thresholds: list[float], shipped: float) -> None:
    """Print P/R/F1 of the rules alone and with the model at each threshold, per theme, and reliability."""
    from overheard.annotate.rules.theme_model import MODEL_THEMES

    column_of = {i: name for name, members in columns.items() for i in members}
    tally: dict = defaultdict(Counter)
    pairs: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for i, p in probability.items():
        row = rows[i]
        gold = set(row["themes"])
        for theme in (*MODEL_THEMES, "casualty_report"):
            g, rule, q = theme in gold, theme in row["_rules"], p.get(theme, 0.0)
            if theme in MODEL_THEMES:
                pairs["every pair"].append((q, int(g)))
                if not rule:
                    pairs["rules silent"].append((q, int(g)))
                    pairs[f"rules silent, {row['_source']}"].append((q, int(g)))
            for setting, predicted in [("rules", rule)] + [(f"+model@{t}", rule or q >= t) for t in thresholds]:
                key = "tp" if g and predicted else "fp" if predicted else "fn" if g else "tn"
                for where in ("pooled", column_of[i]):
                    tally[where, setting][key] += 1
                tally[theme, setting][key] += 1
    names = [name for name, members in columns.items() if members]
    print(f"{'setting':14} {'pooled P/R/F1':>17}  " + " ".join(f"{name[:5]:>5}" for name in names))
    for setting in ["rules"] + [f"+model@{t}" for t in thresholds]:
        c = tally["pooled", setting]
        per = " ".join(f"{prf(*(tally[h, setting][k] for k in ('tp', 'fp', 'fn')))[2]:5.2f}" for h in names)
        trio = "/".join(f"{x:.3f}" for x in prf(c["tp"], c["fp"], c["fn"]))
        print(f"{setting:14} {trio:>17}  {per}")
    print(f"\nper theme, F1: rules -> rules + model@{shipped} (gold texts)")
    for theme in (*MODEL_THEMES, "casualty_report"):
        a, b = tally[theme, "rules"], tally[theme, f"+model@{shipped}"]
        print(f"  {theme:18} {prf(a['tp'], a['fp'], a['fn'])[2]:.2f} -> {prf(b['tp'], b['fp'], b['fn'])[2]:.2f}"
              f"  ({a['tp'] + a['fn']})")
    for name in ["every pair", "rules silent"] + [f"rules silent, {s}" for s in SOURCES]:
        if not pairs[name]:
            continue
        bands, ece = reliability(pairs[name])
        a, b = platt([(math.log(max(q, 1e-12) / max(1 - q, 1e-12)), g) for q, g in pairs[name]])
        brier = sum((q - g) ** 2 for q, g in pairs[name]) / len(pairs[name])
        print(f"\nreliability, {name}: {len(pairs[name])} (text, theme) pairs; ECE {ece:.4f}, Brier {brier:.4f},"
              f" log loss {log_loss(pairs[name]):.4f}; the Platt scaling that fits them: a {a:.2f}, b {b:+.2f}")
        print("  " + "  ".join(f"{start:.1f}: {mean:.2f}->{share:.2f} ({n})" for start, n, mean, share in bands))


if __name__ == "__main__":
    main()
