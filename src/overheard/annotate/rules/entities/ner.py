"""natasha/slovnet NER (Russian only): a second opinion on names, and organisations the lexicons do not know.

The model is loaded on first use, once per process, and run on every Russian text with a capital letter
(a PER span it finds is masked even when the rules read the words otherwise).

Speed (issue 17): only the NER tagger runs (natasha's ``Doc.tag_ner`` also segments the text into
sentences, which the spans do not depend on); its small matrix products run on one BLAS thread (OpenBLAS'
own threads cost ten times the work on a busy machine and gain nothing at this size); and many texts can go
through the model as one batch (:func:`natasha_spans_batch`, :func:`prefetched`), which gives the same spans
as one text at a time, several times faster.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache

from overheard.annotate.word_clusters import embedding

BATCH = 32  # texts per model call: padding to the longest text of a batch costs more above this
Spans = list[tuple[str, int, int]]

_local = threading.local()  # .prefetched: {text: spans} of the batch being worked through in this thread


@lru_cache(maxsize=1)
def _natasha():
    """Load natasha's NER tagger (over the embedding the word clusters read too) and a handle on the BLAS thread
    pools (once per process)."""
    from natasha import NewsNERTagger
    from threadpoolctl import ThreadpoolController

    tagger = NewsNERTagger(embedding())
    tagger.batch_size = tagger.infer.encoder.batch_size = BATCH
    return tagger, ThreadpoolController()


def _needs_model(text: str) -> bool:
    """natasha finds nothing we use in all-lower-case (or blank) text: it is never run on it."""
    return any(ch.isupper() for ch in text)


def natasha_spans(text: str) -> Spans:
    """(type, start, end) of natasha's PER/LOC/ORG spans; nothing for all-lower-case text."""
    prefetched = getattr(_local, "prefetched", None)
    if prefetched is not None and text in prefetched:
        return list(prefetched[text])
    return natasha_spans_batch([text])[0]


def natasha_spans_batch(texts: Sequence[str]) -> list[Spans]:
    """:func:`natasha_spans` of each of ``texts``, in order, the model run over up to :data:`BATCH` at once."""
    out: list[Spans] = [[] for _ in texts]
    todo = [i for i, text in enumerate(texts) if _needs_model(text)]
    if not todo:
        return out
    tagger, threads = _natasha()
    todo.sort(key=lambda i: len(texts[i]))  # like lengths together: less padding in a batch
    with threads.limit(limits=1, user_api="blas"):
        markups = _infer(tagger.infer, [texts[i] for i in todo])
        for index, markup in zip(todo, markups, strict=True):
            out[index] = [(span.type, span.start, span.stop) for span in markup.spans]
    return out


def _infer(infer, texts: list[str]) -> Iterator:
    """slovnet's ``NERInfer.__call__`` (0.6): each text's span markup, the same, with two steps done cheaper: the
    words are :func:`overheard.text.tokenize`'s (razdel's tokens exactly, without razdel's split objects) and the
    tags are :func:`viterbi`'s."""
    from slovnet.markup import BIOMarkup

    from overheard.text import tokenize

    items = [[token.text for token in tokenize(text)] for text in texts]
    transitions = infer.model.head.crf.transitions.array
    preds = (pred for batch in infer.encoder(items)
             for pred in viterbi(infer.model(batch.word_id, batch.shape_id, batch.pad_mask), ~batch.pad_mask,
                                 transitions))
    for text, item, pred in zip(texts, items, infer.decoder(preds), strict=False):
        # zipped as slovnet's own NERInfer does (slovnet/infer/tag.py), without a length check
        yield BIOMarkup.from_tuples(zip(item, pred, strict=False)).to_span(text)


def viterbi(emissions, mask, transitions) -> list:
    """The best tag sequence of each text of a batch under a CRF, as slovnet's ``CRF.decode`` (0.6) gives it:
    ``emissions`` batch × words × tags, ``mask`` batch × words (true on a real word), ``transitions`` tags × tags.

    The same sums in the same order and the same ``argmax`` (ties to the first tag); each step's best scores are
    read with ``max`` instead of gathering them at the ``argmax`` through ``np.indices`` (the same values: a float's
    maximum is the element ``argmax`` finds, up to the sign of a zero, which no later comparison sees), and the
    path is walked back over plain lists; at a step where every text of the batch still has a word, the masked choice
    is not made (it would take every new score)."""
    import numpy as np

    batch_size, seq_len, tags_num = emissions.shape
    emissions = emissions.swapaxes(1, 0)
    mask = mask.swapaxes(1, 0)
    history = []
    score = emissions[0]  # batch x tags
    unpadded = mask.all(1).tolist()  # a word of every text of the batch: the masked choice below is the new score
    for index in range(1, seq_len):
        step = score[:, :, None] + transitions + emissions[index][:, None, :]  # batch x tags x tags
        history.append(step.argmax(-2))
        score = step.max(-2) if unpadded[index] else np.where(mask[index][:, None], step.max(-2), score)
    sizes = (mask.sum(0) - 1).tolist()
    stacked = np.stack(history) if history else np.zeros((0, batch_size, tags_num), dtype=np.int64)
    batch = []
    for index in range(batch_size):
        best = int(score[index].argmax())
        tags = [best]
        for indexes in reversed(stacked[: sizes[index], index].tolist()):
            best = indexes[best]
            tags.append(best)
        tags.reverse()
        batch.append(np.array(tags))
    return batch


@contextmanager
def prefetched(texts: Iterable[str]) -> Iterator[None]:
    """Within the block, :func:`natasha_spans` of any of ``texts`` (in this thread) is the batched result.

    Run the model once over a chunk of texts, then process each text as usual: the rules ask for their
    spans one text at a time and get them from the batch.
    """
    unique = list(dict.fromkeys(t for t in texts if _needs_model(t)))
    previous = getattr(_local, "prefetched", None)
    _local.prefetched = dict(zip(unique, natasha_spans_batch(unique), strict=True))
    try:
        yield
    finally:
        _local.prefetched = previous
