"""Telephone-line conditions for measurement: 300-3400 Hz at 8 kHz, line noise, real narrowband codecs.

Used by ``benchmarks/asr.py`` and the slow tests to put clean speech through what an intercept goes
through: the phone band (sox ``sinc``), a noise floor, and a round trip through AMR-NB (libopencore
in PyAV), GSM 06.10 full rate (sox) or Opus at 8 kHz (libopus in PyAV). Each codec round trip
returns 8 kHz float samples decoded from the real bitstream, so every engine is given the same audio.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import numpy as np

from overheard.errors import AudioError

PHONE_RATE = 8_000
CODECS = ("amr-nb", "gsm", "opus")
_PYAV_CODECS = {"amr-nb": ("amr", "libopencore_amrnb", 12_200), "opus": ("ogg", "libopus", 12_000)}


def _sox(samples: np.ndarray, rate: int, out_rate: int, *effects: str) -> np.ndarray:
    """Run ``samples[channels, n]`` through sox with ``effects``; returns float32 ``[channels, m]``."""
    import soundfile

    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "in.wav", Path(tmp) / "out.wav"
        soundfile.write(str(src), np.atleast_2d(samples).T, rate, subtype="FLOAT")
        try:
            subprocess.run(
                ["sox", "-R", str(src), "-r", str(out_rate), str(dst), *effects], check=True, capture_output=True
            )
        except (OSError, subprocess.CalledProcessError) as error:
            raise AudioError("sox failed; install it with apt-get install sox libsox-fmt-all") from error
        data, _ = soundfile.read(str(dst), dtype="float32", always_2d=True)
    return data.T.copy()


def phone_band(samples: np.ndarray, rate: int = 16_000) -> np.ndarray:
    """``samples[channels, n]`` at ``rate`` resampled to 8 kHz and band-limited to 300-3400 Hz."""
    return _sox(samples, rate, PHONE_RATE, "sinc", "300-3400")


def active_rms(samples: np.ndarray, rate: int) -> float:
    """RMS of the louder half of 20 ms frames: the speech level, ignoring pauses."""
    frame = max(1, rate // 50)
    flat = np.asarray(samples, dtype=np.float64).reshape(-1)
    usable = len(flat) - len(flat) % frame
    if usable == 0:
        return 0.0
    energy = np.mean(flat[:usable].reshape(-1, frame) ** 2, axis=1)
    loud = np.sort(energy)[len(energy) // 2 :]
    return float(np.sqrt(np.mean(loud))) if len(loud) else 0.0


def line_noise(samples: np.ndarray, snr_db: float = 25.0, seed: int = 0, rate: int = PHONE_RATE) -> np.ndarray:
    """Add band-limited hiss ``snr_db`` below the speech level (the same level on every channel)."""
    rng = np.random.default_rng(seed)
    level = active_rms(samples, rate) * 10 ** (-snr_db / 20)
    noise = rng.standard_normal(np.atleast_2d(samples).shape).astype(np.float32)
    noise = _sox(noise, rate, rate, "sinc", "200-3600")
    noise *= level / max(1e-9, float(np.sqrt(np.mean(noise.astype(np.float64) ** 2))))
    return (np.atleast_2d(samples) + noise[:, : np.atleast_2d(samples).shape[1]]).astype(np.float32)


def encode(samples: np.ndarray, codec: str, path: Path) -> Path:
    """Encode 8 kHz ``samples[channels, n]`` with a narrowband codec into ``path`` (a real bitstream).

    ``amr-nb``: 12.2 kbit/s (``.amr``, mono only); ``gsm``: GSM 06.10 full rate (``.gsm``, raw, mono
    only); ``opus``: 12 kbit/s at 8 kHz (``.ogg``).
    """
    data = np.clip(np.atleast_2d(samples), -1.0, 1.0)
    if codec == "gsm":
        import soundfile

        if data.shape[0] != 1:
            raise AudioError("GSM 06.10 is mono; encode each channel on its own")
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "in.wav"
            soundfile.write(str(src), data.T, PHONE_RATE, subtype="PCM_16")
            subprocess.run(["sox", str(src), "-r", "8000", "-t", "gsm", str(path)], check=True, capture_output=True)
        return path
    import av

    container_format, name, bit_rate = _PYAV_CODECS[codec]
    if codec == "amr-nb" and data.shape[0] != 1:
        raise AudioError("AMR-NB is mono; encode each channel on its own")
    layout = "mono" if data.shape[0] == 1 else "stereo"
    with av.open(str(path), "w", format=container_format) as container:
        stream = container.add_stream(name, rate=PHONE_RATE, layout=layout)
        stream.bit_rate = bit_rate
        pcm = (data.T.reshape(1, -1) * 32767).astype(np.int16)
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(pcm), format="s16", layout=layout)
        frame.sample_rate = PHONE_RATE
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path


def decode(path: Path) -> np.ndarray:
    """Decode a file written by :func:`encode` back to 8 kHz float32 ``[channels, n]``."""
    if path.suffix == ".gsm":
        import soundfile

        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "out.wav"
            subprocess.run(["sox", "-t", "gsm", "-r", "8000", str(path), str(out)], check=True, capture_output=True)
            data, _ = soundfile.read(str(out), dtype="float32", always_2d=True)
        return data.T.copy()
    from overheard.speech.audio import _decode

    audio = _decode(path, PHONE_RATE, split_channels=True, collapse=False)
    return np.stack(audio.channels)


def through_codec(samples: np.ndarray, codec: str) -> np.ndarray:
    """``samples[channels, n]`` (8 kHz) after an encode/decode round trip, each channel coded on its own."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for index, row in enumerate(np.atleast_2d(samples)):
            suffix = {"amr-nb": ".amr", "gsm": ".gsm", "opus": ".ogg"}[codec]
            rows.append(decode(encode(row[None, :], codec, Path(tmp) / f"ch{index}{suffix}"))[0])
    length = min(len(r) for r in rows)
    return np.stack([r[:length] for r in rows]).astype(np.float32)
