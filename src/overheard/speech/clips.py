"""Publishable audio, the signal side: cut a clip, bleep word spans, disguise the voices.

The signal operations (:func:`bleep`, :func:`disguise`, :func:`render_clip`) work on plain arrays and
need no workspace; :func:`word_spans` turns findings into the time spans of the words they cover.
Which words to bleep (the ``entities`` annotator) and a call's clip as a derived file with its
provenance are :mod:`overheard.jobs.clips`.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from overheard.errors import AudioError
from overheard.model import PERSONAL_DATA_LABELS, Finding, Transcript
from overheard.speech.audio import DecodedAudio

BLEEP_LABELS = PERSONAL_DATA_LABELS  # every label that identifies a person is bleeped


@dataclass(frozen=True)
class ClipSettings:
    """What clip to make: a time range, bleeping, voice disguise."""

    start: float | None = None
    end: float | None = None
    bleep: bool = False
    disguise: bool = False
    semitones: float = -4.0  # voice shift; -4 keeps speech intelligible and moves the voice a long way
    bleep_frequency: float = 1000.0
    bleep_level: float = 0.25
    bleep_labels: tuple[str, ...] = tuple(sorted(BLEEP_LABELS))
    pad_s: float = 0.06  # bleep this much either side of each word: aligned timings are off by a few frames
    align: bool = True  # give untimed segments word timings by forced alignment (never a fresh recognition)

    def as_dict(self) -> dict:
        """Plain copy for the custody log."""
        return asdict(self)


@dataclass(frozen=True)
class ClipResult:
    """A written clip: where, its hash, and how many word spans were bleeped."""

    path: Path
    sha256: str
    bleeped: int
    spans: tuple[tuple[float, float], ...]


def bleep(
    samples: np.ndarray,
    sample_rate: int,
    spans: Iterable[tuple[float, float]],
    frequency: float = 1000.0,
    level: float = 0.25,
) -> np.ndarray:
    """Return a copy of ``samples`` (``[n]`` or ``[channels, n]``) with each ``(start, end)`` second span
    replaced by a sine tone on every channel. Samples outside the spans are untouched."""
    out = np.array(samples, dtype=np.float32, copy=True)
    length = out.shape[-1]
    for start, end in spans:
        a = max(0, int(round(start * sample_rate)))
        b = min(length, int(round(end * sample_rate)))
        if b <= a:
            continue
        t = np.arange(a, b) / sample_rate
        out[..., a:b] = (level * np.sin(2 * np.pi * frequency * t)).astype(np.float32)
    return out


def disguise(samples: np.ndarray, sample_rate: int, semitones: float = -4.0) -> np.ndarray:
    """Shift the voice by ``semitones`` keeping the tempo (sox ``pitch``: resampling plus WSOLA time-stretch,
    so formants move with the pitch); returns an array of the same shape and length."""
    if shutil.which("sox") is None:
        raise AudioError("voice disguise needs sox; install it with apt-get install sox")
    import soundfile

    data = np.atleast_2d(np.asarray(samples, dtype=np.float32))
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "in.wav", Path(tmp) / "out.wav"
        soundfile.write(str(source), data.T, sample_rate, subtype="FLOAT")
        completed = subprocess.run(
            ["sox", "-R", str(source), str(target), "pitch", f"{semitones * 100:.0f}"],
            capture_output=True,
        )
        if completed.returncode != 0:
            raise AudioError("sox could not shift the voice")
        shifted, _ = soundfile.read(str(target), dtype="float32", always_2d=True)
    shifted = shifted.T
    length = data.shape[1]
    if shifted.shape[1] < length:  # sox may drop a few samples at the end
        shifted = np.pad(shifted, ((0, 0), (0, length - shifted.shape[1])))
    shifted = shifted[:, :length]
    return shifted[0] if np.asarray(samples).ndim == 1 else shifted


def word_spans(transcript: Transcript, findings: Iterable[Finding], labels: Iterable[str] = BLEEP_LABELS):
    """Time spans ``(start, end)`` of every word that overlaps a finding with one of ``labels``.

    Findings carry character offsets into ``transcript.text``; words are located inside their
    segment's text in order, so a finding maps to exactly the words it covers.
    """
    wanted = set(labels)
    marked = [(f.start, f.end) for f in findings if f.label in wanted]
    spans: list[tuple[float, float]] = []
    for segment, (offset, _) in zip(transcript.segments, transcript.segment_offsets, strict=True):
        cursor = 0
        for word in segment.words:
            found = segment.text.find(word.text, cursor)
            if found < 0:
                continue
            a, b = offset + found, offset + found + len(word.text)
            cursor = found + len(word.text)
            if any(a < end and start < b for start, end in marked):
                spans.append((word.start, word.end))
    return _merge(spans)


def _merge(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def render_clip(
    audio: DecodedAudio, settings: ClipSettings, spans: Iterable[tuple[float, float]] = ()
) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """Cut, bleep and disguise ``audio``; returns ``(samples[channels, n], bleeped spans in clip time)``."""
    rate = audio.sample_rate
    data = np.stack(audio.channels)
    start = max(0.0, settings.start or 0.0)
    end = min(audio.duration, settings.end if settings.end is not None else audio.duration)
    if end <= start:
        raise AudioError("clip range is empty: --to must be after --from and inside the recording")
    data = data[:, int(round(start * rate)) : int(round(end * rate))]
    shifted = [(max(0.0, a - start), min(end, b) - start) for a, b in spans if b > start and a < end]
    if settings.disguise:  # disguise first, so the tone itself stays at its exact frequency
        data = disguise(data, rate, settings.semitones)
    if settings.bleep:
        data = bleep(data, rate, shifted, settings.bleep_frequency, settings.bleep_level)
    return data, shifted if settings.bleep else []
