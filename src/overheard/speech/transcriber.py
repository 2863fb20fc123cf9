"""The speech-recognition interface: settings, result type, JSON rendering and the model cache.

:class:`Transcriber` has one implementation, :class:`overheard.speech.whisper.WhisperTranscriber`
(faster-whisper over a local CTranslate2 model); callers use :func:`get_transcriber` and
:func:`transcribe_file` and never see engine types.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from overheard.model import Transcript
from overheard.speech.audio import DecodedAudio, load_for_asr
from overheard.speech.hallucination import FlagThresholds
from overheard.speech.model import ModelInfo
from overheard.speech.vad import VadSettings

DEFAULT_LANGUAGES = ("ru", "uk")


def parse_languages(text: str) -> tuple[str, ...]:
    """Candidate languages from ``"ru,uk,en"``: Whisper language codes, deduplicated, in order.

    Raises :class:`ValueError` naming the first code Whisper does not know.
    """
    from faster_whisper.tokenizer import _LANGUAGE_CODES

    codes = tuple(dict.fromkeys(code.strip().lower() for code in text.split(",") if code.strip()))
    if not codes:
        raise ValueError("name at least one language code, e.g. ru,uk")
    unknown = [code for code in codes if code not in _LANGUAGE_CODES]
    if unknown:
        raise ValueError(f"{unknown[0]!r} is not a Whisper language code (ru, uk, en, pl, ...)")
    return codes


@dataclass(frozen=True)
class TranscribeSettings:
    """How to decode: language policy, beam, batching, VAD and flag thresholds.

    ``language`` forces one language for every segment; otherwise each utterance gets the most
    probable of ``candidate_languages`` (Whisper's detector restricted to them: these calls are
    Russian or Ukrainian, and an unrestricted detector calls synthetic or phone-band Russian
    Czech or Polish).
    """

    language: str | None = None
    candidate_languages: tuple[str, ...] = DEFAULT_LANGUAGES
    translate: bool = False  # also render each segment in English (Whisper's translate task)
    beam_size: int = 5
    batch_size: int = 8
    speakers: int = 1  # mono only: cluster utterances into this many speakers (stereo: channel = speaker)
    window_s: float = 28.0  # speech packed per 30-second Whisper window (shorter: finer language switches)
    # A packed window whose language probability is below this is decoded again utterance by utterance.
    # Measured on synthetic speech: windows holding a ru/en or ru/uk switch 0.59-0.62, Russian-only
    # windows 0.74-0.82 (splitting those made the continuous-speech benchmark 1.5x slower than plain).
    split_below: float = 0.7
    word_timestamps: bool = True
    code_bias: bool = False  # steer decoding toward the lexicon's casualty codes (speech.bias: opt-in, measured)
    vad: VadSettings = field(default_factory=VadSettings)
    thresholds: FlagThresholds = field(default_factory=FlagThresholds)

    def as_dict(self) -> dict[str, Any]:
        """Plain copy for the custody log and the JSON output."""
        data = asdict(self)
        data["candidate_languages"] = list(self.candidate_languages)
        return data


@dataclass(frozen=True)
class TranscriptionResult:
    """A transcript plus what produced it and how long it took."""

    transcript: Transcript
    duration: float
    speech_duration: float
    model: ModelInfo
    settings: TranscribeSettings
    elapsed: float
    channels: int
    warnings: tuple[str, ...] = ()

    @property
    def real_time_factor(self) -> float:
        """Processing seconds per second of audio (below 1 is faster than real time)."""
        return self.elapsed / self.duration if self.duration else 0.0

    def provenance(self) -> dict[str, Any]:
        """Model name, hash and settings, for the custody log."""
        return {
            "model": self.model.name,
            "model_sha256": self.model.sha256,
            "settings": self.settings.as_dict(),
            "duration": round(self.duration, 3),
            "speech_duration": round(self.speech_duration, 3),
            "channels": self.channels,
            "elapsed": round(self.elapsed, 3),
            "warnings": list(self.warnings),
        }


class Transcriber(Protocol):
    """Turns decoded audio into a :class:`Transcript` with timed words and flags."""

    model: ModelInfo

    def transcribe(self, audio: DecodedAudio, settings: TranscribeSettings) -> TranscriptionResult:
        """Transcribe every channel of ``audio`` (channel = speaker) and merge the turns by time."""
        ...


_CACHE: dict[tuple[str, str, int], Transcriber] = {}


def get_transcriber(model: str | Path | None = None, compute_type: str = "int8", cpu_threads: int = 0) -> Transcriber:
    """A loaded transcriber for ``model`` (a CTranslate2 Whisper directory; ``None``: the default base model).

    Loaded once per process and reused; loading never touches the network.
    """
    from overheard.speech.model import resolve_model
    from overheard.speech.whisper import WhisperTranscriber

    info = resolve_model(model)
    key = (str(info.path), compute_type, cpu_threads)
    if key not in _CACHE:
        _CACHE[key] = WhisperTranscriber(info, compute_type=compute_type, cpu_threads=cpu_threads)
    return _CACHE[key]


def transcribe_file(
    path: str | Path,
    settings: TranscribeSettings | None = None,
    model: str | Path | None = None,
    transcriber: Transcriber | None = None,
) -> TranscriptionResult:
    """Decode an audio file and transcribe it (the library call behind ``overheard transcribe FILE``)."""
    engine = transcriber or get_transcriber(model)
    audio = load_for_asr(path)
    return engine.transcribe(audio, settings or TranscribeSettings())


def result_to_json(result: TranscriptionResult) -> dict[str, Any]:
    """The documented JSON shape: language, duration and segments with speaker, flags and words."""
    threshold = result.settings.thresholds.word_probability
    segments = []
    for segment in result.transcript.segments:
        item: dict[str, Any] = {
            "start": segment.start,
            "end": segment.end,
            "speaker": segment.speaker,
            "channel": segment.channel,
            "language": segment.language,
            "language_probability": segment.language_probability,
            "text": segment.text,
            "flags": list(segment.flags),
            "words": [
                {
                    "start": word.start,
                    "end": word.end,
                    "word": word.text,
                    "probability": round(word.probability, 4),
                    **({"low_confidence": True} if word.probability < threshold else {}),
                }
                for word in segment.words
            ],
        }
        if segment.translation is not None:
            item["translation"] = segment.translation
        segments.append(item)
    return {
        "language": result.transcript.language,
        "duration": round(result.duration, 3),
        "segments": segments,
        "warnings": list(result.warnings),
        "model": {"name": result.model.name, "sha256": result.model.sha256},
        "real_time_factor": round(result.real_time_factor, 4),
    }


def timed(function, *args, **kwargs):
    """Call ``function`` and return ``(result, seconds)``."""
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return value, time.perf_counter() - started
