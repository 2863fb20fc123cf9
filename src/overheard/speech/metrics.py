"""Accuracy measures for speech recognition output."""

from __future__ import annotations

from overheard.speech.hallucination import words


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Word error rate: word-level edit distance over the reference length (case, ё and punctuation folded)."""
    ref, hyp = words(reference), words(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    row = list(range(len(hyp) + 1))
    for i, ref_word in enumerate(ref, 1):
        previous, row[0] = row[:], i
        for j, hyp_word in enumerate(hyp, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ref_word != hyp_word))
    return row[-1] / len(ref)
