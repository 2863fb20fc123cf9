"""The speech-recognition interface: the Transcriber protocol, JSON rendering and the model cache.

:class:`Transcriber` implementations are ASR engines of the ``overheard_asr_engines`` extension point
(:mod:`overheard.plugins`); the built-in one is :class:`overheard.speech.whisper.WhisperTranscriber`
(faster-whisper over a local CTranslate2 model); callers use :func:`get_transcriber` and
:func:`transcribe_file` and never see engine types. Settings and the result type are
:mod:`overheard.speech.settings`, shared with the engine.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from overheard import plugins
from overheard.speech.audio import DecodedAudio, load_for_asr
from overheard.speech.model import ModelInfo, resolve_model
from overheard.speech.settings import TranscribeSettings, TranscriptionResult


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


class Transcriber(Protocol):
    """Turns decoded audio into a :class:`Transcript` with timed words and flags."""

    model: ModelInfo

    def transcribe(
        self, audio: DecodedAudio, settings: TranscribeSettings, progress: Callable[[float], None] | None = None
    ) -> TranscriptionResult:
        """Transcribe every channel of ``audio`` (channel = speaker) and merge the turns by time;
        ``progress`` (optional) hears the share decoded so far."""
        ...


_CACHE: dict[tuple[str, str, str, int], Transcriber] = {}


def get_transcriber(model: str | Path | None = None, compute_type: str = "int8", cpu_threads: int = 0,
                    engine: str = "whisper") -> Transcriber:
    """A loaded transcriber for ``model`` (a CTranslate2 Whisper directory; ``None``: the default base model).

    ``engine`` names an ASR engine of the ``overheard_asr_engines`` extension point (built in: ``whisper``).
    Loaded once per process and reused; loading never touches the network.
    """
    info = resolve_model(model)
    key = (engine, str(info.path), compute_type, cpu_threads)
    if key not in _CACHE:
        factory = plugins.resolve("asr_engines", engine)
        _CACHE[key] = factory(info, compute_type=compute_type, cpu_threads=cpu_threads)
    return _CACHE[key]


def transcribe_file(
    path: str | Path,
    settings: TranscribeSettings | None = None,
    model: str | Path | None = None,
    transcriber: Transcriber | None = None,
    progress: Callable[[float], None] | None = None,
) -> TranscriptionResult:
    """Decode an audio file and transcribe it (the library call behind ``overheard transcribe FILE``)."""
    engine = transcriber or get_transcriber(model)
    audio = load_for_asr(path)
    if progress is None:
        return engine.transcribe(audio, settings or TranscribeSettings())
    return engine.transcribe(audio, settings or TranscribeSettings(), progress)


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
