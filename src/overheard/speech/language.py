"""Each utterance's language among the candidate languages: Whisper's detector, restricted and probed.

Whisper's language detector gives a probability for each of its ~100 languages from an encoder output.
overheard chooses among the candidate languages only (``--languages``, default ru,uk): the
probability of a non-candidate language of the same family (``lexicons/speech_languages.yaml``) is
credited to the candidates of that family, and the rest renormalised (:func:`choose`).

A packed decoding window gets one language, chosen from its whole encoder output
(:class:`RestrictedLanguages`, inside faster-whisper's batched pipeline). Whether an utterance in it
spoke another language is decided per utterance, by :func:`probe`: the utterance's own log-Mel
features, not padded to Whisper's 30 seconds, through the encoder and the detector. Measured on a
2-core CPU: 0.12-0.17 CPU-s for a 4-5 s utterance against 1.1-1.2 for a padded window, with the same
choice for 13 of 14 espeak-ng utterances (the 14th heard as neither candidate; docs/speech.md).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import yaml

from overheard.errors import LexiconError

LANGUAGES_FILE = Path(__file__).resolve().parent.parent / "lexicons" / "speech_languages.yaml"
_FRAMES_PER_SECOND = 100  # log-Mel frames (Whisper's 10 ms hop)
_MAX_FRAMES = 3000  # Whisper's 30-second input


class LanguageChoice(NamedTuple):
    """A language chosen among the candidates, its probability among them, and how well they were heard."""

    language: str
    probability: float  # renormalised over the candidates (family credit included)
    mass: float  # the candidates' own share of Whisper's whole language probability (no credit)


class LanguageGroups(NamedTuple):
    """Language families (for the credit) and scripts (for the text check), each a set of Whisper codes."""

    families: tuple[frozenset[str], ...]
    scripts: Mapping[str, frozenset[str]]


@lru_cache(maxsize=4)
def language_groups(path: Path = LANGUAGES_FILE) -> LanguageGroups:
    """The families and scripts from the data file (every code a Whisper language code)."""
    from faster_whisper.tokenizer import _LANGUAGE_CODES

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        groups = {kind: {name: entry["languages"] for name, entry in data[kind].items() if entry["note"]}
                  for kind in ("families", "scripts")}
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as error:
        raise LexiconError(f"language groups {path.name} are unreadable or malformed") from error
    for kind, named in groups.items():
        for name, codes in named.items():
            unknown = [code for code in codes if code not in _LANGUAGE_CODES]
            if unknown:
                raise LexiconError(f"language groups {path.name}: {kind} {name}: {unknown[0]!r} is not a Whisper code")
    return LanguageGroups(
        families=tuple(frozenset(codes) for codes in groups["families"].values()),
        scripts={name: frozenset(codes) for name, codes in groups["scripts"].items()},
    )


def choose(probabilities: Mapping[str, float], candidates: Sequence[str]) -> list[LanguageChoice]:
    """The candidates, most probable first, from Whisper's language probabilities (codes or ``<|ru|>`` tokens).

    A family's non-candidate languages add their probability to the family's candidates in
    proportion to theirs, unless every candidate is of that family (then it could not change the
    choice): with ru and en as candidates, Polish and Czech count for Russian.
    """
    probs = {token.strip("<|>"): p for token, p in probabilities.items()}
    raw = {code: probs.get(code, 0.0) for code in candidates}
    credited = dict(raw)
    for family in language_groups().families:
        inside = [code for code in candidates if code in family]
        if not inside or len(inside) == len(candidates):
            continue
        extra = sum(p for code, p in probs.items() if code in family and code not in raw)
        share = sum(raw[code] for code in inside)
        for code in inside:
            credited[code] += extra * (raw[code] / share if share > 0 else 1 / len(inside))
    total = sum(credited.values()) or 1.0
    mass = round(sum(raw.values()), 4)
    ranked = sorted(candidates, key=lambda code: -credited[code])
    return [LanguageChoice(code, round(credited[code] / total, 4), mass) for code in ranked]


def script_of(text: str) -> str | None:
    """The alphabet most of the text's letters are in ("cyrillic", "latin", ...), or None without letters."""
    counts: dict[str, int] = {}
    for char in text:
        if char.isalpha():
            script = unicodedata.name(char, "").split(" ")[0].lower()
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.get) if counts else None


def fits_script(text: str, language: str | None, candidates: Sequence[str]) -> bool:
    """False when the text is written in another candidate's alphabet than ``language``'s.

    English decoded in a Russian window often comes out in Latin letters: with en among the
    candidates that is a sign of a switch. Unknown languages, and alphabets no candidate uses, fit.
    """
    scripts = language_groups().scripts
    written = script_of(text)
    expected = {name for name, codes in scripts.items() if language in codes}
    if written is None or not expected or written in expected:
        return True
    return not any(code in scripts.get(written, ()) for code in candidates if code != language)


def probe_features(features: np.ndarray) -> np.ndarray:
    """An utterance's log-Mel features zero-padded to whole seconds (at most 30), as the encoder takes them."""
    seconds = max(1, math.ceil(features.shape[-1] / _FRAMES_PER_SECOND))
    frames = min(_MAX_FRAMES, seconds * _FRAMES_PER_SECOND)
    padded = np.zeros((features.shape[0], frames), dtype=np.float32)
    padded[:, : min(frames, features.shape[-1])] = features[:, :frames]
    return padded


def probe(model: Any, features: np.ndarray, candidates: Sequence[str]) -> LanguageChoice:
    """The language of one utterance from its own features (see :func:`probe_features`), no 30-s padding."""
    import ctranslate2

    encoded = model.encode(ctranslate2.StorageView.from_array(probe_features(features)[None]))
    return choose(dict(model.detect_language(encoded)[0]), candidates)[0]


class RestrictedLanguages:
    """Wraps the (stream-spreading) Whisper model: per-window language among the candidates.

    faster-whisper's batched pipeline (``multilingual=True``) detects a language per window from the
    encoder output it already computed; restricting that choice here gives per-window ru/uk labels at no
    extra encoder cost, and records in order each window's :class:`LanguageChoice`. ``preset`` gives the
    first windows a language already chosen (by :func:`probe`): they are decoded in it, and it is recorded.
    """

    def __init__(self, inner: Any, candidates: Sequence[str], preset: Sequence[LanguageChoice | None] = ()) -> None:
        self.inner = inner
        self.candidates = tuple(candidates)
        self.preset = list(preset)
        self.detected: list[LanguageChoice] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def detect_language(self, encoder_output: Any) -> list[list[tuple[str, float]]]:
        """Per batch item: the candidate languages only, most probable first, probabilities renormalised."""
        restricted = []
        for item in self.inner.detect_language(encoder_output):
            ranked = choose(dict(item), self.candidates)
            index = len(self.detected)
            chosen = self.preset[index] if index < len(self.preset) and self.preset[index] else ranked[0]
            ranked = [chosen] + [choice for choice in ranked if choice.language != chosen.language]
            self.detected.append(chosen)
            restricted.append([(f"<|{choice.language}|>", choice.probability) for choice in ranked])
        return restricted
