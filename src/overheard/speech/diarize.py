"""Simple speaker clustering for mono calls: who spoke each utterance, by voice pitch and timbre.

Stereo calls need none of this (channel = speaker). On a mono call, each VAD utterance is described by
its median pitch and its average log-mel spectrum, the features are standardised, and k-means (k = the
number of speakers the user says took part, farthest-point initialisation, so the result is deterministic)
groups them. Speakers are lettered in order of first appearance. It is a review aid, not identification:
two similar voices, or one voice shouting and whispering, will be mixed up.
"""

from __future__ import annotations

import numpy as np

from overheard.speech.audio import ASR_SAMPLE_RATE

_FRAME = int(0.04 * ASR_SAMPLE_RATE)
_HOP = int(0.01 * ASR_SAMPLE_RATE)


def median_pitch(samples: np.ndarray, rate: int = ASR_SAMPLE_RATE) -> float:
    """Median fundamental frequency (Hz) of the clearly voiced 40 ms frames (autocorrelation, 60-400 Hz); 0 if none."""
    lo, hi = rate // 400, rate // 60
    if len(samples) < _FRAME + hi:
        return 0.0
    loud = float(np.percentile(np.abs(samples), 90)) or 1.0
    estimates = []
    for start in range(0, len(samples) - _FRAME, _HOP * 2):
        chunk = samples[start : start + _FRAME].astype(np.float64)
        chunk = chunk - chunk.mean()
        if np.sqrt(np.mean(chunk**2)) < 0.2 * loud:
            continue
        corr = np.correlate(chunk, chunk, "full")[_FRAME - 1 :]
        lag = lo + int(np.argmax(corr[lo:hi]))
        if corr[0] > 0 and corr[lag] > 0.5 * corr[0]:
            estimates.append(rate / lag)
    return float(np.median(estimates)) if estimates else 0.0


def utterance_features(samples: np.ndarray, regions: list[tuple[float, float]]) -> np.ndarray:
    """One row per region: log median pitch and 16 band energies of the average power spectrum (dB)."""
    rows = []
    for start, end in regions:
        piece = samples[int(start * ASR_SAMPLE_RATE) : int(end * ASR_SAMPLE_RATE)]
        pitch = median_pitch(piece)
        spectrum = np.abs(
            np.fft.rfft(piece[: ASR_SAMPLE_RATE * 10] * np.hanning(min(len(piece), ASR_SAMPLE_RATE * 10)))
        )
        bands = np.array_split(spectrum[: len(spectrum) // 2] ** 2, 16)  # 0-4 kHz: the phone band
        energy = np.array([10 * np.log10(band.mean() + 1e-10) for band in bands])
        rows.append(np.concatenate([[np.log(pitch) if pitch > 0 else 0.0], energy - energy.mean()]))
    return np.array(rows, dtype=np.float64)


def cluster(features: np.ndarray, k: int, pitch_weight: float = 4.0, iterations: int = 50) -> list[int]:
    """k-means labels for the rows of ``features`` (standardised; pitch weighted up), first-seen order."""
    n = len(features)
    if n == 0:
        return []
    k = max(1, min(k, n))
    scaled = (features - features.mean(axis=0)) / (features.std(axis=0) + 1e-9)
    scaled[:, 0] *= pitch_weight  # pitch separates voices best; the spectrum breaks ties
    centres = [scaled[0]]
    while len(centres) < k:  # farthest-point initialisation: deterministic, spreads the centres
        distance = np.min([np.sum((scaled - c) ** 2, axis=1) for c in centres], axis=0)
        centres.append(scaled[int(np.argmax(distance))])
    centres = np.array(centres)
    labels = np.zeros(n, dtype=int)
    for _ in range(iterations):
        labels = np.argmin(((scaled[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2), axis=1)
        updated = np.array([scaled[labels == j].mean(axis=0) if np.any(labels == j) else centres[j] for j in range(k)])
        if np.allclose(updated, centres):
            break
        centres = updated
    order: dict[int, int] = {}
    for label in labels:
        order.setdefault(int(label), len(order))
    return [order[int(label)] for label in labels]


def speakers_for_regions(samples: np.ndarray, regions: list[tuple[float, float]], k: int) -> list[int]:
    """Speaker index (0 = first to speak) for each speech region of a mono channel."""
    if k <= 1 or len(regions) <= 1:
        return [0] * len(regions)
    return cluster(utterance_features(samples, regions), k)
