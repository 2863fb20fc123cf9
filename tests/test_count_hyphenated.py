"""A number written after a word and a hyphen is that word's number, not a count (terms and casualties v36).

"Терек-2" is a call sign, "Т-72" and "Ка-52" are models: "у Терека-2 двухсотый" is one killed, not two. The tokens
split such a number from its word; :attr:`Tok.hyphenated` keeps what was there. A number with a space before it, a
range, a digit code with its ending and "груз-200" keep their readings.
"""

from __future__ import annotations

import pytest

from overheard.annotate.analysis import analyze_text
from overheard.annotate.rules.tokens import tokens


@pytest.mark.parametrize(("text", "category", "count"), [
    ("у Терека-2 двухсотый", "killed", 1),
    ("Терек-2, у меня трёхсотый, забирайте", "wounded", 1),
    ("у Грома-3 трое трёхсотых", "wounded", 3),
    ("Сокіл-5 доповідає: один двохсотий", "killed", 1),
    ("Т-72 подбит, двое трёхсотых", "wounded", 2),
])
def test_a_names_number_is_no_count(text: str, category: str, count: int) -> None:
    found = [(c["category"], c["count"]) for c in analyze_text(text)["casualties"]]
    assert found == [(category, count)]


@pytest.mark.parametrize(("text", "category", "count"), [
    ("у Петрова 2 трёхсотых", "wounded", 2),
    ("привезли 2-х трёхсотых", "wounded", 2),
    ("груз-200 везём, двое", "killed", 2),
])
def test_counts_stay_counts(text: str, category: str, count: int) -> None:
    found = [(c["category"], c["count"]) for c in analyze_text(text)["casualties"]]
    assert found == [(category, count)]


def test_the_token_says_it_was_hyphenated() -> None:
    toks = tokens("у Терека-2 и у Грома 3")
    assert [(t.text, t.hyphenated) for t in toks if t.text.isdigit()] == [("2", True), ("3", False)]
