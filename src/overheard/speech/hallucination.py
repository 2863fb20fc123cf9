"""Flags for recognised segments that are probably not (all) speech.

Whisper fills silence and noise with fluent text: repetition loops, subtitle credits, words
placed where the VAD heard nothing. Each check here returns a flag name; flagged segments are
kept and shown as such, never dropped, so a reviewer can judge them against the audio.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from overheard.errors import LexiconError
from overheard.text import fold

REPETITION_LOOP = "repetition_loop"
STOCK_PHRASE = "stock_phrase"
HIGH_COMPRESSION = "high_compression"
LOW_LOGPROB = "low_logprob"
NO_SPEECH = "no_speech"
OVER_SILENCE = "over_silence"
LOW_CONFIDENCE = "low_confidence"
EMPTY_OUTPUT = "empty_output"
LANGUAGE_UNCERTAIN = "language_uncertain"
LANGUAGE_UNRECOGNISED = "language_unrecognised"
# The same checks on a segment's English rendering (Whisper's translate task loops and invents
# subtitle credits just as its transcription does), kept apart so the original text is not doubted.
TRANSLATION_LOOP = "translation_repetition_loop"
TRANSLATION_STOCK_PHRASE = "translation_stock_phrase"
TRANSLATION_HIGH_COMPRESSION = "translation_high_compression"
TRANSLATION_EMPTY = "translation_empty"

ALL_FLAGS = (
    REPETITION_LOOP,
    STOCK_PHRASE,
    HIGH_COMPRESSION,
    LOW_LOGPROB,
    NO_SPEECH,
    OVER_SILENCE,
    LOW_CONFIDENCE,
    EMPTY_OUTPUT,
    LANGUAGE_UNCERTAIN,
    LANGUAGE_UNRECOGNISED,
    TRANSLATION_LOOP,
    TRANSLATION_STOCK_PHRASE,
    TRANSLATION_HIGH_COMPRESSION,
    TRANSLATION_EMPTY,
)

FLAG_MEANINGS = {
    REPETITION_LOOP: "a word or phrase repeats back to back: Whisper may be looping",
    STOCK_PHRASE: "a subtitle credit or video outro Whisper invents over noise",
    HIGH_COMPRESSION: "the text compresses too well: repetitive, probably looping",
    LOW_LOGPROB: "the model was unsure of its words",
    NO_SPEECH: "the model thinks this may not be speech",
    OVER_SILENCE: "most words fall where the voice detector heard no speech",
    LOW_CONFIDENCE: "a third or more of the words have low probability",
    EMPTY_OUTPUT: "speech was heard but nothing was recognised",
    LANGUAGE_UNCERTAIN: "the language is a close call between the candidates",
    LANGUAGE_UNRECOGNISED: "the model hears neither candidate language: the label is a guess",
    TRANSLATION_LOOP: "the English rendering repeats a word or phrase back to back: the translation may loop",
    TRANSLATION_STOCK_PHRASE: "the English rendering holds a subtitle credit or video outro",
    TRANSLATION_HIGH_COMPRESSION: "the English rendering compresses too well: repetitive, probably looping",
    TRANSLATION_EMPTY: "the text was recognised but its English rendering came back empty",
}

PHRASES_FILE = Path(__file__).resolve().parent.parent / "lexicons" / "hallucination_phrases.yaml"
_WORDS = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True)
class FlagThresholds:
    """Where a segment statistic starts to look like a hallucination (Whisper's own defaults)."""

    compression_ratio: float = 2.4
    avg_logprob: float = -1.0
    no_speech_prob: float = 0.6
    min_speech_overlap: float = 0.5
    word_probability: float = 0.4  # a word below this is marked for review (``low_confidence`` in JSON)
    low_word_share: float = 0.33  # a segment with this share of such words is flagged ``low_confidence``
    language_probability: float = 0.75  # between the candidate languages (ru against uk)
    language_mass: float = 0.2  # the candidates' share of all languages; below it the model hears neither


@dataclass(frozen=True)
class SegmentEvidence:
    """What the engine reported about one segment, the input to :func:`segment_flags`."""

    text: str
    word_probabilities: tuple[float, ...] = ()
    avg_logprob: float = 0.0
    compression_ratio: float = 1.0
    no_speech_prob: float = 0.0
    speech_overlap: float = 1.0  # fraction of the segment's time the VAD calls speech
    language_probability: float = 1.0
    language_mass: float = 1.0  # share of Whisper's whole language probability on the candidate languages


def words(text: str) -> list[str]:
    """Folded word tokens of ``text`` (punctuation dropped)."""
    return [fold(match.group()) for match in _WORDS.finditer(text)]


def has_repetition_loop(text: str, max_ngram: int = 8) -> bool:
    """True if some n-gram repeats back to back: a word 4+ times or a phrase of 2..8 words 3+ times."""
    tokens = words(text)
    for size in range(1, max_ngram + 1):
        needed = 4 if size == 1 else 3
        if len(tokens) < size * needed:
            break
        for start in range(len(tokens) - size * needed + 1):
            gram = tokens[start : start + size]
            repeats, position = 1, start + size
            while tokens[position : position + size] == gram:
                repeats += 1
                position += size
            if repeats >= needed:
                return True
    return False


@lru_cache(maxsize=4)
def stock_phrases(path: Path = PHRASES_FILE) -> tuple[tuple[str, ...], ...]:
    """The stock phrases from the data file, each as a tuple of folded words."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        entries = data["phrases"]
        phrases = tuple(tuple(words(entry["phrase"])) for entry in entries)
    except (OSError, yaml.YAMLError, KeyError, TypeError) as error:
        raise LexiconError(f"hallucination phrase list {path.name} is unreadable or malformed") from error
    if any(not phrase for phrase in phrases):
        raise LexiconError(f"hallucination phrase list {path.name} has an empty phrase")
    return phrases


def contains_stock_phrase(text: str) -> bool:
    """True if ``text`` contains one of the known subtitle-credit or outro phrases (as whole words)."""
    tokens = words(text)
    for phrase in stock_phrases():
        size = len(phrase)
        if any(tuple(tokens[i : i + size]) == phrase for i in range(len(tokens) - size + 1)):
            return True
    return False


def segment_flags(evidence: SegmentEvidence, thresholds: FlagThresholds | None = None) -> tuple[str, ...]:
    """Every flag that applies to one segment, in :data:`ALL_FLAGS` order."""
    limits = thresholds or FlagThresholds()
    found: set[str] = set()
    if not words(evidence.text):
        found.add(EMPTY_OUTPUT)
    else:
        if has_repetition_loop(evidence.text):
            found.add(REPETITION_LOOP)
        if contains_stock_phrase(evidence.text):
            found.add(STOCK_PHRASE)
        if evidence.compression_ratio > limits.compression_ratio:
            found.add(HIGH_COMPRESSION)
        if evidence.avg_logprob < limits.avg_logprob:
            found.add(LOW_LOGPROB)
        if evidence.no_speech_prob > limits.no_speech_prob and evidence.avg_logprob < limits.avg_logprob:
            found.add(NO_SPEECH)
        if evidence.speech_overlap < limits.min_speech_overlap:
            found.add(OVER_SILENCE)
        probabilities = evidence.word_probabilities
        low = sum(p < limits.word_probability for p in probabilities)
        if probabilities and low / len(probabilities) >= limits.low_word_share:
            found.add(LOW_CONFIDENCE)
    if evidence.language_probability < limits.language_probability:
        found.add(LANGUAGE_UNCERTAIN)
    if evidence.language_mass < limits.language_mass:
        found.add(LANGUAGE_UNRECOGNISED)
    return tuple(flag for flag in ALL_FLAGS if flag in found)


def translation_flags(
    translation: str | None, original: str, compression_ratio: float = 1.0, thresholds: FlagThresholds | None = None
) -> tuple[str, ...]:
    """Flags for a segment's English rendering: loops, stock phrases, over-compression, nothing rendered."""
    if translation is None:
        return ()
    limits = thresholds or FlagThresholds()
    found: set[str] = set()
    if not words(translation):
        if words(original):
            found.add(TRANSLATION_EMPTY)
    else:
        if has_repetition_loop(translation):
            found.add(TRANSLATION_LOOP)
        if contains_stock_phrase(translation):
            found.add(TRANSLATION_STOCK_PHRASE)
        if compression_ratio > limits.compression_ratio:
            found.add(TRANSLATION_HIGH_COMPRESSION)
    return tuple(flag for flag in ALL_FLAGS if flag in found)
