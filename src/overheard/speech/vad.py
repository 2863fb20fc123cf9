"""Voice activity detection with the Silero VAD model that ships inside faster-whisper (onnxruntime, no torch).

Speech regions decide what the recogniser ever sees: long silences are skipped, so they can
never be "heard" as words, and each region becomes one utterance with its own language.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from overheard.speech.audio import ASR_SAMPLE_RATE, normalise_level


@dataclass(frozen=True)
class VadSettings:
    """Silero VAD thresholds; ``min_silence_s`` is the pause that ends an utterance."""

    threshold: float = 0.5
    min_silence_s: float = 0.6
    speech_pad_s: float = 0.2
    min_speech_s: float = 0.15
    max_utterance_s: float = 28.0  # Whisper sees 30-second windows; longer utterances are split
    # Silero misses loud buzzy (phone-band, synthetic) speech; levelled to -40 dBFS it finds it
    # (measured: 0 -> 7.2 s of 7.5 s found on a phone-band channel; no loss on clean speech).
    level_rms: float = 0.01

    def as_dict(self) -> dict[str, float]:
        """Plain copy for provenance."""
        return asdict(self)


def speech_regions(samples: np.ndarray, settings: VadSettings | None = None) -> list[tuple[float, float]]:
    """Return ``(start, end)`` seconds of speech in 16 kHz mono ``samples``, in order, non-overlapping."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    settings = settings or VadSettings()
    if len(samples) == 0:
        return []
    options = VadOptions(
        threshold=settings.threshold,
        min_speech_duration_ms=int(settings.min_speech_s * 1000),
        max_speech_duration_s=settings.max_utterance_s,
        min_silence_duration_ms=int(settings.min_silence_s * 1000),
        speech_pad_ms=int(settings.speech_pad_s * 1000),
    )
    levelled = normalise_level(samples, settings.level_rms) if settings.level_rms else samples
    stamps = get_speech_timestamps(levelled, options, sampling_rate=ASR_SAMPLE_RATE)
    duration = len(samples) / ASR_SAMPLE_RATE
    regions: list[tuple[float, float]] = []
    for stamp in stamps:
        start = max(0.0, stamp["start"] / ASR_SAMPLE_RATE)
        end = min(duration, stamp["end"] / ASR_SAMPLE_RATE)
        if regions and start < regions[-1][1]:  # padding can make neighbours touch
            start = regions[-1][1]
        if end > start:
            regions.append((start, end))
    return regions


def overlap_fraction(start: float, end: float, regions: list[tuple[float, float]]) -> float:
    """Fraction of ``[start, end)`` covered by ``regions`` (1.0 for an empty interval inside one)."""
    if end <= start:
        return 1.0 if any(a <= start <= b for a, b in regions) else 0.0
    covered = sum(max(0.0, min(end, b) - max(start, a)) for a, b in regions)
    return min(1.0, covered / (end - start))


def sounding_seconds(samples: np.ndarray, floor: float = 1e-3) -> float:
    """Seconds of ``samples`` (16 kHz) that carry sound: 20 ms frames above a tenth of the loud level.

    Compared with the VAD's speech time to warn when the VAD ignored most of a sounding channel.
    """
    frame = 320
    usable = len(samples) - len(samples) % frame
    if usable == 0:
        return 0.0
    energy = np.sqrt(np.mean(samples[:usable].reshape(-1, frame).astype(np.float64) ** 2, axis=1))
    loud = float(np.percentile(energy, 95))
    return float(np.sum(energy > max(floor, 0.1 * loud))) * frame / ASR_SAMPLE_RATE
