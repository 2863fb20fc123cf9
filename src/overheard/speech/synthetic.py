"""Synthetic test speech: known Russian and Ukrainian sentences spoken by espeak-ng, placed on a timeline.

Used by the speech tests and ``benchmarks/asr.py`` so accuracy and speed are measured on audio whose
words and timings are known exactly. Needs the ``espeak-ng`` and ``sox`` programs.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from overheard.errors import AudioError

# Voices chosen by measurement: the base model recognised these espeak-ng variants best
# (ru+f2 at 130 wpm with 4 ms word gaps; uk+klatt4 at 120 wpm with 8 ms gaps). English, which the model
# recognises well even from espeak-ng, is there to test language switches the model can actually hear.
VOICES = {"ru": ("ru+f2", 130, 4), "uk": ("uk+klatt4", 120, 8), "en": ("en-us", 150, 4)}


@dataclass(frozen=True)
class Utterance:
    """A sentence to speak: on which channel, from which second, in which language."""

    text: str
    language: str
    start: float
    channel: int = 0


@dataclass(frozen=True)
class PlacedUtterance:
    """An utterance as placed in the generated audio, with its real end time."""

    text: str
    language: str
    start: float
    end: float
    channel: int


def require_tools() -> None:
    """Raise :class:`AudioError` unless espeak-ng and sox are installed."""
    missing = [tool for tool in ("espeak-ng", "sox") if shutil.which(tool) is None]
    if missing:
        raise AudioError(f"missing {' and '.join(missing)}; install them with apt-get")


def speak(text: str, language: str, sample_rate: int = 16_000, voice: str | None = None) -> np.ndarray:
    """Speak ``text`` with espeak-ng and return float32 mono samples at ``sample_rate`` (resampled by sox).

    ``voice`` overrides the language's default espeak-ng voice (e.g. ``ru`` for a male voice).
    """
    require_tools()
    default, speed, gap = VOICES[language]
    voice = voice or default
    with tempfile.TemporaryDirectory() as tmp:
        raw, out = Path(tmp) / "raw.wav", Path(tmp) / "out.wav"
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(speed), "-g", str(gap), "-w", str(raw), text],
            check=True,
            capture_output=True,
        )
        subprocess.run(["sox", "-R", str(raw), "-r", str(sample_rate), "-b", "16", str(out)], check=True)
        import soundfile

        samples, _ = soundfile.read(str(out), dtype="float32")
    return samples if samples.ndim == 1 else samples[:, 0]


def compose(
    utterances: list[Utterance], sample_rate: int = 16_000, channels: int = 1, tail: float = 1.0
) -> tuple[np.ndarray, list[PlacedUtterance]]:
    """Place spoken utterances on a silent timeline; returns ``(samples[channels, n], placements)``."""
    pieces = [(u, speak(u.text, u.language, sample_rate)) for u in utterances]
    length = max(int(u.start * sample_rate) + len(s) for u, s in pieces) + int(tail * sample_rate)
    audio = np.zeros((channels, length), dtype=np.float32)
    placed = []
    for utterance, samples in pieces:
        offset = int(utterance.start * sample_rate)
        audio[utterance.channel, offset : offset + len(samples)] += samples
        end = (offset + len(samples)) / sample_rate
        placed.append(PlacedUtterance(utterance.text, utterance.language, utterance.start, end, utterance.channel))
    return audio, placed


def write(path: Path, audio: np.ndarray, sample_rate: int) -> Path:
    """Write ``audio[channels, n]`` as a 16-bit WAV file."""
    import soundfile

    soundfile.write(str(path), audio.T, sample_rate, subtype="PCM_16")
    return path


def phone_band(audio: np.ndarray) -> np.ndarray:
    """Make ``audio`` sound like a phone line: 8 kHz input is assumed; a 300-3400 Hz band-pass via sox."""
    require_tools()
    import soundfile

    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "in.wav", Path(tmp) / "out.wav"
        soundfile.write(str(src), audio.T, 8000, subtype="FLOAT")
        subprocess.run(["sox", "-R", str(src), str(dst), "sinc", "300-3400"], check=True, capture_output=True)
        data, _ = soundfile.read(str(dst), dtype="float32", always_2d=True)
    return data.T.copy()


def sequence(
    sentences: list[tuple[str, ...]], pause: float, sample_rate: int = 16_000, lead: float = 0.3
) -> tuple[np.ndarray, list[PlacedUtterance]]:
    """Speak ``(text, language[, voice])`` sentences one after another, ``pause`` seconds apart (mono)."""
    spoken = [(item[0], item[1], speak(item[0], item[1], sample_rate, *item[2:])) for item in sentences]
    gap = np.zeros(int(pause * sample_rate), dtype=np.float32)
    parts, placed, position = [np.zeros(int(lead * sample_rate), dtype=np.float32)], [], lead
    for text, language, samples in spoken:
        end = position + len(samples) / sample_rate
        placed.append(PlacedUtterance(text, language, position, end, 0))
        parts += [samples, gap]
        position = end + len(gap) / sample_rate
    return np.concatenate(parts)[None, :], placed


def word_by_word(
    text: str, language: str = "ru", gap: float = 0.12, sample_rate: int = 16_000, lead: float = 0.5
) -> tuple[np.ndarray, list[tuple[str, float, float]]]:
    """Speak ``text`` one word at a time and join the words ``gap`` seconds apart.

    Returns ``(samples[1, n], [(word, start, end)])`` with every word's true boundaries (each word's
    own leading and trailing silence trimmed at 1% of its peak): ground truth for forced alignment.
    """
    parts = [np.zeros(int(lead * sample_rate), dtype=np.float32)]
    position, placed = lead, []
    for word in text.split():
        samples = speak(word, language, sample_rate)
        loud = np.flatnonzero(np.abs(samples) > 0.01 * float(np.max(np.abs(samples)) or 1.0))
        if len(loud):
            samples = samples[loud[0] : loud[-1] + 1]
        placed.append((word, position, position + len(samples) / sample_rate))
        parts += [samples, np.zeros(int(gap * sample_rate), dtype=np.float32)]
        position += (len(samples) + int(gap * sample_rate)) / sample_rate
    parts.append(np.zeros(int(lead * sample_rate), dtype=np.float32))
    return np.concatenate(parts)[None, :], placed
