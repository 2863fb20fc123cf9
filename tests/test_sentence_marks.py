"""A run of end marks ends a sentence like one mark does ("?!", "?..", "!!", "!!!"): razdel keeps such a run as one
token, and every rule that asks where a sentence ends reads it from ``tokens.SENTENCE_ENDS``. Before, a capitalised
code word after "?!" stood inside a sentence, so it read as a nickname and the loss was missed."""

from __future__ import annotations

import pytest

from overheard.annotate.analysis import analyze_text
from overheard.annotate.rules.tokens import SENTENCE_ENDS, tokens


@pytest.mark.parametrize("marks", ["?!", "?..", "!!", "!!!", "...", "…", "?!!"])
def test_a_run_of_end_marks_is_one_token_that_ends_a_sentence(marks):
    toks = tokens(f"Что{marks} Ладно")
    assert [t.text for t in toks] == ["Что", marks, "Ладно"]
    assert marks in SENTENCE_ENDS


@pytest.mark.parametrize(
    "text, category, count",
    [
        ("Что?! Двухсотых трое.", "killed", 3),
        ("Как так?! Трёхсотых пятеро у нас.", "wounded", 5),
        ("Ну что там?.. Трёхсотых двое.", "wounded", 2),
        ("Ты где?! Трёхсотый я, нога.", "wounded", 1),
        ("Орки прут?! Трьохсотих двоє.", "wounded", 2),
        # a drill asked about in the sentence before is no scene of this one
        ("Учения были?! Трое раненых.", "wounded", 3),
    ],
)
def test_a_code_word_opening_a_sentence_after_a_run_of_marks_is_a_loss(text, category, count):
    found = [(c["category"], c["count"]) for c in analyze_text(text)["casualties"]]
    assert found == [(category, count)]


@pytest.mark.parametrize("text", ["Двухсотый раз говорю!! Не звони.", "Слышь?! Трёхсотый раз повторяю, не звони."])
def test_an_ordinal_after_a_run_of_marks_stays_no_loss(text):
    assert analyze_text(text)["casualties"] == []
