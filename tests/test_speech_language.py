"""Choosing an utterance's language among the candidates: family credit, alphabets, the short probe.

The probe figures are measured on espeak-ng speech with the base model (int8, 2 CPU cores): an English
sentence alone scored en 0.998-0.999 against ru, the Russian sentence below pl 0.36-0.77 and ru only
0.02-0.03, so between ru and en it is a coin toss (0.47-0.60) unless Polish counts for Russian.
"""

from __future__ import annotations

import numpy as np
import pytest

from overheard.errors import LexiconError
from overheard.speech.language import (
    LanguageChoice,
    choose,
    fits_script,
    language_groups,
    probe,
    probe_features,
    script_of,
)


@pytest.mark.parametrize(
    ("probabilities", "candidates", "expected"),
    [
        # Polish and Czech count for Russian against English ...
        ({"en": 0.016, "ru": 0.028, "pl": 0.635, "cs": 0.016, "la": 0.047}, ("ru", "en"),
         LanguageChoice("ru", 0.977, 0.044)),
        # ... but never change the choice between Russian and Ukrainian (their ratio is kept)
        ({"uk": 0.02, "ru": 0.03, "pl": 0.6, "la": 0.2}, ("ru", "uk"), LanguageChoice("ru", 0.6, 0.05)),
        # a language of no candidate's family counts for nobody
        ({"en": 0.373, "ru": 0.102, "la": 0.073}, ("ru", "en"), LanguageChoice("en", 0.7853, 0.475)),
        # nothing Slavic heard but Polish: the Slavic candidates share it evenly
        ({"en": 0.05, "pl": 0.5}, ("ru", "uk", "en"), LanguageChoice("ru", 0.4545, 0.05)),
        # Whisper's tokens work as well as codes
        ({"<|ru|>": 0.2, "<|uk|>": 0.6}, ("ru", "uk"), LanguageChoice("uk", 0.75, 0.8)),
    ],
)
def test_the_most_probable_candidate_with_its_family_credit(probabilities, candidates, expected):
    ranked = choose(probabilities, candidates)
    assert ranked[0] == expected
    assert sorted(choice.language for choice in ranked) == sorted(candidates)
    assert [choice.probability for choice in ranked] == sorted((c.probability for c in ranked), reverse=True)
    assert sum(choice.probability for choice in ranked) == pytest.approx(1.0, abs=1e-3)


@pytest.mark.parametrize(
    ("text", "script"),
    [("Привет, мама.", "cyrillic"), ("The commander said", "latin"), ("Привет, mama, hello", "latin"),
     ("200, 300!", None), ("", None)],
)
def test_the_alphabet_of_a_text_is_that_of_most_of_its_letters(text, script):
    assert script_of(text) == script


@pytest.mark.parametrize(
    ("text", "language", "candidates", "fits"),
    [
        ("The commander said we would rotate", "ru", ("ru", "en"), False),  # English in a Russian window
        ("Завтра нас переводят", "en", ("ru", "en"), False),  # Russian in an English window
        ("Завтра нас переводят", "ru", ("ru", "en"), True),
        ("Nobody knows", "en", ("ru", "en"), True),
        ("The commander said", "ru", ("ru", "uk"), True),  # no candidate writes Latin: not a switch
        ("Привіт, синку", "ru", ("ru", "uk"), True),  # both Cyrillic: the alphabet cannot tell
        ("...", "ru", ("ru", "en"), True),
        ("The commander", None, ("ru", "en"), True),
    ],
)
def test_a_text_in_another_candidates_alphabet_does_not_fit_its_language(text, language, candidates, fits):
    assert fits_script(text, language, candidates) is fits


def test_the_language_groups_are_whisper_codes_with_notes(tmp_path):
    from faster_whisper.tokenizer import _LANGUAGE_CODES

    groups = language_groups()
    assert {"ru", "uk", "pl"} <= next(family for family in groups.families if "ru" in family)
    assert "ru" in groups.scripts["cyrillic"] and "en" in groups.scripts["latin"]
    assert all(code in _LANGUAGE_CODES for codes in (*groups.families, *groups.scripts.values()) for code in codes)
    bad = tmp_path / "languages.yaml"
    bad.write_text("families:\n  slavic: {languages: [ru, xx], note: n}\nscripts: {}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="'xx' is not a Whisper code"):
        language_groups(bad)
    bad.write_text("families:\n  slavic: {languages: [ru]}\nscripts: {}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="malformed"):
        language_groups(bad)


@pytest.mark.parametrize(("frames", "padded"), [(37, 100), (100, 100), (371, 400), (2999, 3000), (3600, 3000)])
def test_probe_features_are_padded_to_whole_seconds_up_to_thirty(frames, padded):
    features = np.ones((80, frames), dtype=np.float32)
    out = probe_features(features)
    assert out.shape == (80, padded)
    assert out[:, : min(frames, padded)].all() and not out[:, min(frames, padded) :].any()


@pytest.mark.parametrize(
    ("text", "spoken", "candidates", "expected"),
    [
        ("Nobody knows when they will let us go home.", "en", ("ru", "en"), "en"),
        ("Завтра нас переводят на другую позицию.", "ru", ("ru", "en"), "ru"),  # heard as Polish
    ],
)
def test_one_utterance_probed_without_padding_gets_its_own_language(text, spoken, candidates, expected):
    from overheard.speech.synthetic import speak
    from overheard.speech.transcriber import get_transcriber

    whisper, _ = get_transcriber()._engine()
    samples = np.concatenate([np.zeros(4_800, np.float32), speak(text, spoken), np.zeros(4_800, np.float32)])
    choice = probe(whisper.model.inner, whisper.feature_extractor(samples)[..., :-1], candidates)
    assert choice.language == expected
    assert choice.probability > 0.9
