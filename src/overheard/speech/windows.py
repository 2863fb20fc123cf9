"""Decoding windows: a channel's speech regions cut out of the silence and packed into Whisper windows.

Each Whisper window costs one encoder pass (~0.6 s on 2 cores) whatever it holds, so regions are
packed in order into windows of at most ``window_s`` seconds, 0.3 s of silence between them so
Whisper hears the boundary. Regions are never cut to fill a window: measured on two festvox calls,
cutting the region that did not fit at a pause inside it saved one window in eight or nine but
raised the WER by 0.01-0.05 (each half lost the other's context).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from overheard.speech.audio import ASR_SAMPLE_RATE

GAP_S = 0.3  # silence kept between packed regions so Whisper hears a boundary


@dataclass
class Plan:
    """A channel's speech regions packed into windows of a compacted signal (silences cut out)."""

    audio: np.ndarray
    regions: list[tuple[float, float]]  # original seconds of each packed region
    compact: list[tuple[float, float]]  # the same in compacted seconds
    windows: list[tuple[float, float]]  # decoding windows in compacted seconds
    region_window: list[int]  # window index of each region

    def members(self, window_index: int) -> list[int]:
        """Indexes of the regions packed into one window."""
        return [i for i, w in enumerate(self.region_window) if w == window_index]

    def to_original(self, t: float) -> float:
        """Map a compacted time to the original recording's time."""
        for (a, b), (start, _) in zip(self.compact, self.regions, strict=True):
            if t <= b + GAP_S / 2:
                return start + max(0.0, min(t, b) - a)
        a, b = self.compact[-1]
        return self.regions[-1][0] + (b - a)


def pack(samples: np.ndarray, regions: list[tuple[float, float]], window_s: float) -> Plan:
    """Cut the regions out of ``samples`` and pack consecutive ones into windows of at most ``window_s``.

    ``window_s`` 0 gives one window per region.
    """
    gap = np.zeros(int(GAP_S * ASR_SAMPLE_RATE), dtype=np.float32)
    parts: list[np.ndarray] = []
    compact: list[tuple[float, float]] = []
    windows: list[tuple[float, float]] = []
    region_window: list[int] = []
    position = 0  # in samples
    window_start: float | None = None
    for start, end in regions:
        piece = samples[int(start * ASR_SAMPLE_RATE) : int(end * ASR_SAMPLE_RATE)]
        if window_start is not None and (position + len(piece)) / ASR_SAMPLE_RATE - window_start > window_s:
            windows.append((window_start, position / ASR_SAMPLE_RATE))
            window_start = None
        if window_start is None:
            parts.append(gap)  # lead-in silence, also separates windows
            position += len(gap)
            window_start = position / ASR_SAMPLE_RATE
        compact.append((position / ASR_SAMPLE_RATE, (position + len(piece)) / ASR_SAMPLE_RATE))
        region_window.append(len(windows))
        parts += [piece, gap]
        position += len(piece) + len(gap)
    if window_start is not None:
        windows.append((window_start, position / ASR_SAMPLE_RATE))
    audio = np.concatenate(parts).astype(np.float32) if parts else np.zeros(0, dtype=np.float32)
    return Plan(audio, list(regions), compact, windows, region_window)


def owner(start: float, end: float, spans: list[tuple[float, float]]) -> int:
    """Index of the span a decoded piece belongs to (the one its midpoint falls in, else the nearest)."""
    middle = (start + end) / 2
    distances = [0.0 if a <= middle <= b else min(abs(middle - a), abs(middle - b)) for a, b in spans]
    return int(np.argmin(distances))


def token_budget(seconds: float) -> int:
    """Most tokens a stretch of speech can need: fast Russian runs ~4 words (~9 tokens) a second.

    Capping generation at this bound stops a repetition loop early instead of letting it fill
    the model's 448-token limit (which is also most of the decoding time on a looping window).
    """
    return min(440, int(seconds * 12) + 16)
