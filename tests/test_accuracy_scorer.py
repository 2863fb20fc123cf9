"""The scorer's region names: one region spelt or named two ways is one region, two regions stay two.

``benchmarks/accuracy.py`` compares the tool's first-level region with the short English name an annotator wrote
(ANNOTATION.md). A name the annotators use for the region the tool calls otherwise must not count as an oblast error,
and a real confusion must still count.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location("accuracy", Path(__file__).parents[1] / "benchmarks" / "accuracy.py")
accuracy = importlib.util.module_from_spec(_SPEC)
sys.modules.setdefault("accuracy", accuracy)  # its dataclasses look their module up by name
_SPEC.loader.exec_module(accuracy)


@pytest.mark.parametrize(("predicted", "gold"), [
    ("Sakha", "Yakutia"),
    ("Tuva", "Tyva"),
    ("Primorye", "Primorsky Krai"),
    ("Krasnodar", "Krasnodar Krai"),
    ("Zabaykalsky", "Zabaykalsky Krai"),
    ("Kyiv City", "Kyiv"),
    ("Donetsk", "Donetsk"),
])
def test_one_region_under_two_names_is_the_same_region(predicted, gold):
    assert accuracy._same_region(predicted, gold)


@pytest.mark.parametrize(("predicted", "gold"), [
    ("Sakhalin", "Yakutia"),
    ("Sakha", "Donetsk"),
    ("Altai Krai", "Altai"),
    ("Kyiv Oblast", "Kyiv"),
    ("Luhansk", "Donetsk"),
])
def test_two_regions_stay_two(predicted, gold):
    assert not accuracy._same_region(predicted, gold)
