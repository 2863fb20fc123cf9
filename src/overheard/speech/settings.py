"""What a transcription is asked to do and what it returns: shared by the interface
(:mod:`overheard.speech.transcriber`) and the engine (:mod:`overheard.speech.whisper`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from overheard.model import Transcript
from overheard.speech.hallucination import FlagThresholds
from overheard.speech.model import ModelInfo
from overheard.speech.vad import VadSettings

DEFAULT_LANGUAGES = ("ru", "uk")


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
    # 3, not faster-whisper's 5: on festvox speech (benchmarks/asr.py) beam 3 decoded 25-30% faster with
    # the same WER (clean 0.156 either way, phone band 0.162 against 0.171); beam 1 lost 0.02-0.035.
    beam_size: int = 3
    batch_size: int = 8
    speakers: int = 1  # mono only: cluster utterances into this many speakers (stereo: channel = speaker)
    window_s: float = 28.0  # speech packed per 30-second Whisper window (shorter: finer language switches)
    # A packed window of several utterances whose language probability is below this has each utterance's own
    # language probed (~0.15 CPU-s each); those whose language is not the window's are decoded again alone.
    # It decides where to look, not the labels: windows with a ru/en switch scored 0.50-0.99 (one scored 0.62
    # on an Intel CPU, 0.79 on an AMD one; the two above 0.95 also had a sentence barely heard, another sign:
    # whisper._doubtful), Russian-only synthetic 0.54-0.95, festvox Russian 0.98-1.0 (never probed: probing
    # every window would cost ~23% more CPU there).
    probe_below: float = 0.95
    word_timestamps: bool = True
    # Words to steer decoding toward (faster-whisper hotwords), e.g. jobs.bias.code_hotwords(): opt-in, measured
    hotwords: str = ""
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
