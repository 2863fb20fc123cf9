"""The NER model's tags are slovnet's own, found with less work (:mod:`overheard.annotate.rules.entities.ner`).

:func:`~overheard.annotate.rules.entities.ner.viterbi` gives exactly the tag paths of slovnet's ``CRF.decode``,
ties, masked words and one-word texts included; and the spans of whole texts are those of slovnet's own
``NERInfer``, which tokenises with razdel again.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from overheard.annotate.rules.entities.ner import _infer, _natasha, viterbi

ROOT = Path(__file__).resolve().parents[1]


def slovnet_paths(emissions: np.ndarray, mask: np.ndarray, transitions: np.ndarray) -> list[list[int]]:
    from slovnet.exec.model import CRF, Weight

    crf = CRF(Weight(transitions.shape, transitions.dtype.name, transitions))
    return [path.tolist() for path in crf.decode(emissions, mask)]


@pytest.mark.parametrize("seed", range(40))
def test_the_tag_paths_are_slovnets(seed: int) -> None:
    rng = np.random.default_rng(seed)
    batch, words, tags = int(rng.integers(1, 6)), int(rng.integers(1, 30)), int(rng.integers(2, 10))
    if seed % 3 == 0:  # small whole numbers: many ties, broken towards the first tag as slovnet breaks them
        emissions = rng.integers(-2, 3, (batch, words, tags)).astype(np.float32)
        transitions = rng.integers(-2, 3, (tags, tags)).astype(np.float32)
    else:
        emissions = rng.normal(size=(batch, words, tags)).astype(np.float32)
        transitions = rng.normal(size=(tags, tags)).astype(np.float32)
    lengths = rng.integers(0 if seed % 5 == 0 else 1, words + 1, batch)  # a padded text, even an empty one
    mask = np.arange(words)[None, :] < lengths[:, None]
    ours = viterbi(emissions, mask, transitions)
    assert [path.tolist() for path in ours] == slovnet_paths(emissions, mask, transitions)
    assert all(path.dtype == np.int64 for path in ours)


def test_the_spans_of_whole_texts_are_slovnets() -> None:
    tagger, _threads = _natasha()
    texts = [json.loads(line)["text"] for line in (ROOT / "tests/data/pii_dev.jsonl").read_text("utf-8").splitlines()
             if line.strip()][:60]
    texts += ["Путин встретился с Си Цзиньпином в Москве.", "Алло, Серёга? Это Петров из «Газпрома», г. Курск.", "А"]
    ours = [[(s.type, s.start, s.stop) for s in markup.spans] for markup in _infer(tagger.infer, texts)]
    theirs = [[(s.type, s.start, s.stop) for s in markup.spans] for markup in tagger.infer(texts)]
    assert ours == theirs
    assert any(ours)
