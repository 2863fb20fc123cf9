"""Logistic regression over string features, numpy only: the training algorithm of the learned second opinions
(the name model, :mod:`overheard.annotate.rules.entities.learned`, and the theme model,
:mod:`overheard.annotate.rules.theme_model`). Inference is theirs: a sum of the weights of the features present.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from itertools import repeat


def logistic(z: float) -> float:
    """1 / (1 + e^-z), 0.0 far below zero."""
    return 1.0 / (1.0 + math.exp(-z)) if z > -35 else 0.0


def weight_sum(weights: Mapping[str, float], features: Iterable[str]) -> float:
    """The summed weights of ``features`` (0.0 for a feature without one), added in their order: what
    ``sum(weights.get(f, 0.0) for f in features)`` gives, without a Python generator step per feature."""
    return sum(map(weights.get, features, repeat(0.0)))


def fit_logistic(examples: Sequence[tuple[Sequence[str], int]], *, l2: float = 1.0, epochs: int = 300,
                 rate: float = 0.5, min_count: int = 1) -> tuple[dict[str, float], float]:
    """Weights and bias of L2-regularised logistic regression fitted to (features, label) examples; deterministic.

    Full-batch gradient descent with AdaGrad step sizes over the features seen in at least ``min_count``
    examples; ``l2`` is the penalty on the summed squared weights (the bias is not penalised). Weights below
    5e-4 in size are dropped.
    """
    import numpy as np

    counts: dict[str, int] = {}
    for feats, _ in examples:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    vocab = {f: j for j, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count and f != "bias"))}
    rows, cols = [], []
    for r, (feats, _) in enumerate(examples):
        js = sorted({vocab[f] for f in feats if f in vocab})
        rows += [r] * len(js)
        cols += js
    rows_a, cols_a = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
    y = np.array([label for _, label in examples], dtype=np.float64)
    n, d = len(examples), len(vocab)
    w, b = np.zeros(d), 0.0
    g2w, g2b = np.full(d, 1e-8), 1e-8
    for _ in range(epochs):
        z = b + np.bincount(rows_a, weights=w[cols_a], minlength=n)
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -35, 35)))
        err = p - y
        gw = np.bincount(cols_a, weights=err[rows_a], minlength=d) / n + l2 * w / n
        gb = float(err.mean())
        g2w += gw * gw
        g2b += gb * gb
        w -= rate * gw / np.sqrt(g2w)
        b -= rate * gb / math.sqrt(g2b)
    names = sorted(vocab, key=vocab.get)
    return {f: float(w[j]) for f, j in zip(names, range(d), strict=True) if abs(w[j]) >= 5e-4}, float(b)
