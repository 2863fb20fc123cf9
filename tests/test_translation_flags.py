"""Whisper-translate output carries the same hallucination checks as transcripts (issue #12).

A table for the checks themselves, then the real base model translating real espeak-ng audio: a caller
repeating "мама" comes out as a loop in Russian and in English ("Come on, come on, come on, come on."
measured), and the English loop is flagged on the segment beside the Russian one.
"""

from __future__ import annotations

import pytest

from overheard.speech.hallucination import ALL_FLAGS, FLAG_MEANINGS, translation_flags


@pytest.mark.parametrize(
    ("translation", "original", "ratio", "expected"),
    [
        ("Hi, mum. We are fine, they feed us well.", "Привет, мама. У нас всё хорошо.", 1.2, ()),
        ("Yes, yes, yes, yes, yes, yes, yes.", "Да, да, да, да, да, да, да.", 1.5, ("translation_repetition_loop",)),
        ("We will call. We will call. We will call.", "Позвоним.", 1.4, ("translation_repetition_loop",)),
        ("Thank you for watching!", "Хорошо.", 1.0, ("translation_stock_phrase",)),
        ("Subtitles by the Amara.org community", "", 1.0, ("translation_stock_phrase",)),
        ("To be continued...", "Продолжение следует", 1.0, ("translation_stock_phrase",)),
        ("Thank you.", "Спасибо.", 1.0, ()),  # people do say it: not a stock phrase on its own
        ("go go go on and on", "x", 2.9, ("translation_high_compression",)),
        ("", "Привет, мама.", 1.0, ("translation_empty",)),
        ("", "", 1.0, ()),
        (None, "Привет, мама.", 1.0, ()),  # no translation asked for
    ],
)
def test_translation_flags(translation, original, ratio, expected):
    flags = translation_flags(translation, original, ratio)
    assert flags == expected
    assert set(flags) <= set(ALL_FLAGS)
    assert all(flag in FLAG_MEANINGS for flag in flags)


@pytest.mark.slow
def test_a_looping_whisper_translation_is_flagged_on_its_segment(tmp_path):
    from overheard.speech.synthetic import Utterance, compose, write
    from overheard.speech.transcriber import TranscribeSettings, get_transcriber, transcribe_file

    said = "Мама, мама, мама, мама, мама, мама."
    audio, _ = compose([Utterance("Привет, мама. У нас всё хорошо.", "ru", 0.3), Utterance(said, "ru", 5.0)])
    path = write(tmp_path / "yes.wav", audio, 16_000)
    result = transcribe_file(path, TranscribeSettings(translate=True, language="ru"), transcriber=get_transcriber())
    segments = [s for s in result.transcript.segments if s.text]
    for segment in segments:
        print(segment.text, "|", segment.translation, "|", segment.flags)
    assert all(s.translation is not None for s in segments)
    first, *rest = segments
    assert not any(flag.startswith("translation_") for flag in first.flags)
    looping = [s for s in rest if "translation_repetition_loop" in s.flags]
    assert looping
    assert all(flag in FLAG_MEANINGS for s in segments for flag in s.flags)
