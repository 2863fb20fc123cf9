"""Logistic regression over string features, numpy only: the one base of the learned second opinions.

:class:`LinearModel` is what the mention filter (:mod:`overheard.annotate.rules.casualties.mention_model`), the
count model (:mod:`overheard.annotate.rules.casualties.count_model`) and the name model
(:mod:`overheard.annotate.rules.entities.learned`) share: weights of sparse string features and a bias, the
probability as the logistic of their sum, the JSON data file each ships under ``lexicons/`` (its ``meta`` with the
``version``, its decision settings, the bias and the rounded weights), the loader of that file, and the fitting
routine their trainers call (:meth:`LinearModel.fit` over :func:`fit_logistic`). Each model keeps only its own
features and its decision (a threshold, a margin). :func:`switched_off` is the module switch of a second opinion
(``ENABLED``) turned off for a block. The theme model (one regression per theme) uses :func:`fit_logistic` and
:func:`logistic` alone.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from itertools import repeat
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar, Self


def logistic(z: float) -> float:
    """1 / (1 + e^-z), 0.0 far below zero."""
    return 1.0 / (1.0 + math.exp(-z)) if z > -35 else 0.0


def weight_sum(weights: Mapping[str, float], features: Iterable[str]) -> float:
    """The summed weights of ``features`` (0.0 for a feature without one), added in their order: what
    ``sum(weights.get(f, 0.0) for f in features)`` gives, without a Python generator step per feature."""
    return sum(map(weights.get, features, repeat(0.0)))


@dataclass(frozen=True)
class LinearModel:
    """Weights of string features and a bias. A subclass adds, as dataclass fields, its decision settings (named
    in :attr:`SETTINGS` in the order its data file writes them, each a float or None) and ``meta: dict`` (how it
    was trained: version, data, settings)."""

    SETTINGS: ClassVar[tuple[str, ...]] = ()

    weights: dict[str, float]
    bias: float

    @property
    def version(self) -> str:
        """The version its trainer wrote into ``meta`` ("" when none)."""
        return str(self.meta.get("version", ""))

    def probability(self, features: Iterable[str]) -> float:
        """The logistic of the bias plus the weights of ``features``, each distinct feature counted once."""
        return logistic(self.bias + weight_sum(self.weights, set(features)))

    def to_json(self) -> str:
        """The model as the data file ships it: meta, the settings, the bias and the weights (rounded, sorted)."""
        settings = {name: getattr(self, name) for name in self.SETTINGS}
        return json.dumps({"meta": self.meta, **settings, "bias": round(self.bias, 4),
                           "weights": {k: round(v, 4) for k, v in sorted(self.weights.items())}},
                          ensure_ascii=False, indent=0)

    @classmethod
    def from_json(cls, data: str) -> Self:
        """A model from :meth:`to_json`'s text (a setting the file lacks takes its default)."""
        raw = json.loads(data)
        defaults = {f.name: f.default for f in fields(cls)}
        settings = {name: raw.get(name, defaults[name]) for name in cls.SETTINGS}
        return cls(dict(raw["weights"]), float(raw["bias"]), meta=dict(raw.get("meta", {})),
                   **{name: None if value is None else float(value) for name, value in settings.items()})

    @classmethod
    def load(cls, path: Path) -> Self | None:
        """The model of the data file at ``path`` (None when the file is absent)."""
        return cls.from_json(path.read_text(encoding="utf-8")) if path.exists() else None

    @classmethod
    def fit(cls, examples: Sequence[tuple[Sequence[str], int]], *, l2: float = 1.0, epochs: int = 300,
            rate: float = 0.5, min_count: int = 1, keep: float = 0.0, meta: dict | None = None,
            **settings: Any) -> Self:
        """The model fitted to (features, label) examples by :func:`fit_logistic`, without the weights smaller
        than ``keep`` in size; ``settings`` are the subclass's decision settings. Deterministic."""
        weights, bias = fit_logistic(examples, l2=l2, epochs=epochs, rate=rate, min_count=min_count)
        return cls({k: v for k, v in weights.items() if abs(v) >= keep}, bias, meta=dict(meta or {}), **settings)


@contextmanager
def switched_off(module: ModuleType) -> Iterator[None]:
    """Within the block, ``module.ENABLED`` is False (a second opinion's module switch), restored after."""
    before, module.ENABLED = module.ENABLED, False
    try:
        yield
    finally:
        module.ENABLED = before


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
