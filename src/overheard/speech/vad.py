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

    # 0.35, not Silero's 0.5: on festvox speech through the phone band (and AMR-NB, GSM, Opus) 0.5
    # started 12-21 of 22 sentences late, up to 0.8 s, and Whisper dropped their first words; with 0.35
    # and the widening below, at most 0.07 s late and the phone-band WER fell from 0.24 to 0.17.
    threshold: float = 0.35
    min_silence_s: float = 0.6
    speech_pad_s: float = 0.2
    min_speech_s: float = 0.15
    max_utterance_s: float = 28.0  # Whisper sees 30-second windows; longer utterances are split
    # Silero misses loud buzzy (phone-band, synthetic) speech; levelled to -40 dBFS it finds it
    # (measured: 0 -> 7.2 s of 7.5 s found on a phone-band channel; no loss on clean speech).
    level_rms: float = 0.01
    # Silero starts late on phone-band speech (measured on festvox through 300-3400 Hz: median 0.28 s,
    # up to 0.8 s after the first phone, so sentence-initial words were lost); each region is widened
    # to where the sound around it begins and ends (10 ms frames above the noise floor), by at most this.
    extend_s: float = 1.0
    extend_share: float = 0.25  # "sound": above floor + this share of the floor-to-speech range (dB)
    extend_pad_s: float = 0.1  # kept before the sound's first frame (a soft onset starts below the line)

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
    found = [(max(0.0, s["start"] / ASR_SAMPLE_RATE), min(duration, s["end"] / ASR_SAMPLE_RATE)) for s in stamps]
    if settings.extend_s > 0:
        found = _extend_to_sound(found, samples, settings)
    regions: list[tuple[float, float]] = []
    for start, end in found:
        if regions and start < regions[-1][1]:  # padding can make neighbours touch
            start = regions[-1][1]
        if end > start:
            regions.append((start, end))
    return regions


_FRAME = 160  # 10 ms at 16 kHz
_DIGITAL_SILENCE_DB = -90.0


def frame_levels(samples: np.ndarray, frame: int = _FRAME) -> np.ndarray:
    """Level in dB of each ``frame``-sample frame of ``samples``."""
    usable = len(samples) - len(samples) % frame
    power = np.mean(samples[:usable].astype(np.float64).reshape(-1, frame) ** 2, axis=1)
    return 10 * np.log10(power + 1e-12)


def _extend_to_sound(
    regions: list[tuple[float, float]], samples: np.ndarray, settings: VadSettings
) -> list[tuple[float, float]]:
    """Widen each region over the sounding frames just before and after it (at most ``extend_s``)."""
    level = frame_levels(samples)
    if len(level) < 100 or not regions:
        return regions
    live = level[level > _DIGITAL_SILENCE_DB]  # gaps of exact zeros (an edited file) are not the noise floor
    if len(live) < 100:
        return regions
    floor, loud = np.percentile(live, 10), np.percentile(live, 95)
    if loud - floor < 10.0:  # noise about as loud as speech: nothing to tell sound from silence by
        return regions
    sounding = level > floor + max(6.0, settings.extend_share * (loud - floor))
    # bridge dips of up to 50 ms (a stop closure) so one quiet frame does not end the walk
    sounding = np.convolve(sounding.astype(int), np.ones(5, dtype=int), mode="same") > 0
    step, limit = _FRAME / ASR_SAMPLE_RATE, int(settings.extend_s * ASR_SAMPLE_RATE / _FRAME)
    out = []
    for start, end in regions:
        first, last = int(start / step), min(len(sounding), int(np.ceil(end / step)))
        i = first
        while i > 0 and first - i < limit and sounding[i - 1]:
            i -= 1
        j = last
        while j < len(sounding) and j - last < limit and sounding[j]:
            j += 1
        wide_start, wide_end = min(start, max(0.0, i * step - settings.extend_pad_s)), max(end, j * step)
        longest = max(end - start, settings.max_utterance_s + 1.0)  # a widened region still fits a window
        wide_end = min(wide_end, wide_start + longest)
        out.append((wide_start, max(wide_end, end)))
    return out


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
