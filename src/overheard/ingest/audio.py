"""Probe audio originals with PyAV: duration, channels, sample rate, codec.

The whole stream is demuxed and decoded once, so corrupt and truncated files are
caught at ingest rather than when someone tries to listen.
"""

from __future__ import annotations

import struct
from pathlib import Path

import av

from overheard.errors import InputFileError
from overheard.model import MediaInfo

AUDIO_SUFFIXES = {".wav", ".flac", ".mp3", ".ogg", ".opus", ".oga", ".m4a", ".aac", ".amr", ".webm", ".mka"}


def probe_audio(path: Path, name: str) -> MediaInfo:
    """Decode ``path`` fully and describe it; raise InputFileError naming ``name`` if it is not sound audio."""
    _check_riff_length(path, name)
    try:
        container = av.open(str(path), mode="r")
    except (av.error.FFmpegError, OSError, ValueError) as error:
        raise InputFileError(f"{name}: not a readable audio file ({_reason(error)})") from None
    with container:
        if not container.streams.audio:
            raise InputFileError(f"{name}: the file has no audio stream")
        stream = container.streams.audio[0]
        codec = stream.codec_context.name
        channels = stream.codec_context.channels or 0
        sample_rate = stream.codec_context.sample_rate or 0
        declared = None
        if stream.duration is not None and stream.time_base is not None:
            declared = float(stream.duration * stream.time_base)
        elif container.duration is not None:
            declared = container.duration / 1_000_000
        decoded_samples, errors = 0, 0
        try:
            for packet in container.demux(stream):
                try:
                    for frame in packet.decode():
                        decoded_samples += frame.samples
                        sample_rate = sample_rate or frame.sample_rate
                        channels = channels or len(frame.layout.channels)
                except av.error.FFmpegError:
                    errors += 1
                    if errors > 3:
                        raise
        except av.error.FFmpegError as error:
            raise InputFileError(f"{name}: corrupt audio data ({_reason(error)})") from None
    if decoded_samples == 0 or sample_rate == 0 or channels == 0:
        raise InputFileError(f"{name}: no decodable audio in the file")
    duration = decoded_samples / sample_rate
    if declared and declared > 1.0 and duration < 0.9 * declared - 0.5:
        raise InputFileError(f"{name}: audio is truncated ({duration:.1f} s decodable of {declared:.1f} s declared)")
    return MediaInfo(
        duration=round(duration, 3),
        channels=channels,
        sample_rate=sample_rate,
        codec=codec,
        container=container.format.name.split(",")[0],
    )


def _check_riff_length(path: Path, name: str) -> None:
    """WAV files declare their length in the RIFF header; FFmpeg estimates it from the file size instead."""
    with open(path, "rb") as handle:
        header = handle.read(12)
    if len(header) == 12 and header[:4] == b"RIFF" and header[8:12] == b"WAVE":
        declared = struct.unpack("<I", header[4:8])[0] + 8
        actual = path.stat().st_size
        if declared not in (0xFFFFFFFF + 8, 8) and actual < declared:  # 0/-1: length unknown (streamed)
            raise InputFileError(f"{name}: audio is truncated ({actual} of {declared} bytes declared in its header)")


def _reason(error: Exception) -> str:
    text = getattr(error, "strerror", None) or type(error).__name__
    return str(text).splitlines()[0][:80]
