"""Hallucination flags as a table: each check with positive and negative rows (no model needed)."""

from __future__ import annotations

import pytest

from overheard.speech.hallucination import (
    ALL_FLAGS,
    SegmentEvidence,
    contains_stock_phrase,
    has_repetition_loop,
    segment_flags,
    stock_phrases,
)
from overheard.speech.metrics import word_error_rate


@pytest.mark.parametrize(
    ("text", "loop"),
    [
        ("Ти маєте, маєте, маєте, маєте, маєте, маєте.", True),
        ("Это пивиума. Это пивиума. Это пивиума. Это пивиума.", True),
        ("Медо житті каймати віддома. Медо житті каймати віддома. Медо житті каймати віддома.", True),
        ("тук-тук-тук-тук-тук-тук", True),
        ("Живой, мам, живой.", False),
        ("Да, да, да.", False),  # three times is how people talk
        ("Мам, я хочу домой. Честно, вот прям хочу.", False),
        ("", False),
    ],
)
def test_repetition_loops(text, loop):
    assert has_repetition_loop(text) is loop


@pytest.mark.parametrize(
    ("text", "stock"),
    [
        ("Продолжение следует...", True),
        ("Субтитры сделал кто-то", True),
        ("СПАСИБО ЗА ПРОСМОТР!", True),
        ("Дякую за перегляд!", True),
        ("Субтитри зроблено спільнотою", True),
        ("Субтитры создавались сообществом Amara.org", True),
        ("Спасибо, мам, за посылку.", False),
        ("Продолжение боёв следует ожидать завтра", False),  # words apart, not the phrase
        ("Дякую, синку.", False),
    ],
)
def test_stock_phrases(text, stock):
    assert contains_stock_phrase(text) is stock


def test_stock_phrase_list_is_data_with_notes():
    assert len(stock_phrases()) >= 15


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        (SegmentEvidence("Привет, мама.", (0.9, 0.95)), ()),
        (SegmentEvidence(""), ("empty_output",)),
        (SegmentEvidence("  ...  "), ("empty_output",)),
        (SegmentEvidence("ок ок ок ок ок", compression_ratio=3.1), ("repetition_loop", "high_compression")),
        (SegmentEvidence("Привет, мама.", avg_logprob=-1.3), ("low_logprob",)),
        (SegmentEvidence("Привет, мама.", avg_logprob=-1.3, no_speech_prob=0.8), ("low_logprob", "no_speech")),
        (SegmentEvidence("Привет, мама.", avg_logprob=-0.3, no_speech_prob=0.8), ()),  # confident text wins
        (SegmentEvidence("Привет, мама.", speech_overlap=0.2), ("over_silence",)),
        (SegmentEvidence("раз два три", (0.2, 0.9, 0.9)), ("low_confidence",)),  # a third of the words
        (SegmentEvidence("раз два три четыре", (0.2, 0.9, 0.9, 0.9)), ()),  # one word in four: marked on the word
        (SegmentEvidence("Привет, мама.", language_probability=0.6), ("language_uncertain",)),
        (SegmentEvidence("Привет, мама.", language_mass=0.05), ("language_unrecognised",)),
        (SegmentEvidence("Привет, мама.", language_mass=0.3), ()),
        (SegmentEvidence("Продолжение следует..."), ("stock_phrase",)),
    ],
)
def test_segment_flags(evidence, expected):
    flags = segment_flags(evidence)
    assert flags == expected
    assert set(flags) <= set(ALL_FLAGS)


@pytest.mark.parametrize(
    ("reference", "hypothesis", "wer"),
    [
        ("Привет, мама.", "привет мама", 0.0),
        ("Всё хорошо", "все хорошо", 0.0),  # ё folded
        ("у нас всё хорошо", "у вас всё хорошо", 0.25),
        ("у нас всё хорошо", "", 1.0),
        ("у нас", "у нас у нас у нас", 2.0),  # a loop costs more than silence
    ],
)
def test_word_error_rate(reference, hypothesis, wer):
    assert word_error_rate(reference, hypothesis) == pytest.approx(wer)
