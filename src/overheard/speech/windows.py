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
# How many of the latest windows a region may still be packed into. 1 packs in time order. Measured on
# festvox calls: 4 (first fit) saved one or two encoder passes in eight or nine but raised the WER by
# 0.015-0.04 (clean 0.156 -> 0.171, phone band 0.171 -> 0.210 at 29.5 s windows), so it stays 1.
OPEN_WINDOWS = 1


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

    def to_original(self, t: float, region: int | None = None) -> float:
        """Map a compacted time to the original recording's time (within ``region`` when known)."""
        if region is None:
            region = owner(t, t, [(a - GAP_S / 2, b + GAP_S / 2) for a, b in self.compact])
        a, b = self.compact[region]
        return self.regions[region][0] + max(0.0, min(t, b) - a)


def pack(
    samples: np.ndarray, regions: list[tuple[float, float]], window_s: float, open_windows: int = OPEN_WINDOWS
) -> Plan:
    """Cut the regions out of ``samples`` and pack them into windows of at most ``window_s`` seconds.

    Regions are taken in time order and each goes into the first of the last ``open_windows``
    windows it still fits in (else a new one), so a short utterance fills the hole a long one left
    in an earlier window; each window holds its regions in time order. ``window_s`` 0 gives one
    window per region.
    """
    rate = ASR_SAMPLE_RATE
    gap = np.zeros(int(GAP_S * rate), dtype=np.float32)
    limit = window_s * rate
    pieces = [samples[int(start * rate) : int(end * rate)] for start, end in regions]
    groups: list[list[int]] = []
    fill: list[int] = []  # samples of speech and inner gaps per window
    for index, piece in enumerate(pieces):
        for window in range(max(0, len(groups) - open_windows), len(groups)):
            if fill[window] + len(gap) + len(piece) <= limit:
                groups[window].append(index)
                fill[window] += len(gap) + len(piece)
                break
        else:
            groups.append([index])
            fill.append(len(piece))
    parts: list[np.ndarray] = []
    compact: list[tuple[float, float]] = [(0.0, 0.0)] * len(regions)
    windows: list[tuple[float, float]] = []
    region_window = [0] * len(regions)
    position = 0  # in samples
    for window, members in enumerate(groups):
        parts.append(gap)  # lead-in silence, also separates windows
        position += len(gap)
        window_start = position / rate
        for index in members:
            compact[index] = (position / rate, (position + len(pieces[index])) / rate)
            region_window[index] = window
            parts += [pieces[index], gap]
            position += len(pieces[index]) + len(gap)
        windows.append((window_start, position / rate))
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
