""":func:`overlap_test` answers what ``any(s < end and start < e for s, e in spans)`` answers, for few spans and many,
nested, touching, repeated and empty ones alike (the entity rules ask it of every word of a long text)."""

from __future__ import annotations

import random

import pytest

from overheard.annotate.rules.entities.candidates import overlap_test


@pytest.mark.parametrize("count", [0, 1, 3, 7, 8, 20, 200])
def test_overlap_test_answers_as_the_plain_walk(count: int) -> None:
    rng = random.Random(count)
    spans = []
    for _ in range(count):
        start = rng.randrange(0, 400)
        spans.append((start, start + rng.choice([0, 1, 2, 5, 30, 120])))  # empty, short, long and nested spans
    test = overlap_test(iter(spans))  # any iterable, read once
    for start in range(0, 560, 3):
        for width in (0, 1, 4, 17):
            end = start + width
            assert test(start, end) is any(s < end and start < e for s, e in spans), (start, end)


def test_touching_spans_do_not_overlap() -> None:
    test = overlap_test([(0, 5), (10, 15), (20, 25), (30, 35), (40, 45), (50, 55), (60, 65), (70, 75)])
    assert not test(5, 10) and not test(75, 80) and not test(45, 50)
    assert test(4, 6) and test(74, 75) and test(0, 100)
