#!/usr/bin/env python3
"""Make the sample corpus's audio from its transcripts with espeak-ng and sox.

Each call in ``samples/`` is a transcript (``NAME.txt``, ``.srt`` or ``.vtt``) plus
``NAME.meta.yaml``. This script speaks every utterance with espeak-ng in one voice per
speaker, puts each speaker on the stereo channel the metadata gives, leaves short pauses
between turns (or places each turn at its timestamp when the transcript has them), and
turns the result into a phone-band intercept with sox: 8 kHz, band-limited to 300-3400 Hz,
a little line noise, written as FLAC, WAV (IMA ADPCM), AMR-NB (mono) or Ogg Opus.

Usage::

    python scripts/make_sample_audio.py                 # all calls, into samples/
    python scripts/make_sample_audio.py --only call-01-kupiansk --out /tmp/audio
    python scripts/make_sample_audio.py --force         # rebuild even if up to date

The output is deterministic: espeak-ng and sox (run with ``-R``, no dither) give the same
bytes for the same input, the noise comes from a generator seeded by the call's name, and
Opus is muxed with FFmpeg's bit-exact flags. Outputs newer than their transcript, metadata
and this script are skipped.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import re
import shutil
import subprocess
import sys
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "samples"
TRANSCRIPT_SUFFIXES = (".txt", ".srt", ".vtt")
SYNTH_RATE = 22050  # espeak-ng's native output rate
PHONE_RATE = 8000

# Which container/codec each call is written as; calls not listed are FLAC. Mixed on
# purpose, like a real pile of intercepts: lossless stereo, ADPCM WAV, AMR-NB, Opus.
AUDIO_FORMATS: dict[str, str] = {
    "call-02-kreminna": "opus",
    "call-03-svatove": "amr",
    "call-05-lysychansk": "wav",
    "call-07-marinka": "amr",
    "call-08-donetsk": "opus",
    "call-11-kyslivka": "wav",
    "call-12-vuhledar": "amr",
    "call-13-popasna": "opus",
}
EXTENSIONS = {"flac": ".flac", "wav": ".wav", "amr": ".amr", "opus": ".opus"}
FEMALE_ROLES = {"mother", "wife", "sister", "girlfriend", "daughter", "grandmother"}


class SampleAudioError(Exception):
    """A sample cannot be turned into audio; the message says which file and why."""


@dataclass(frozen=True)
class Utterance:
    """One turn of a transcript: who speaks, what, and (if the transcript says) when."""

    speaker: str
    text: str
    start: float | None = None


@dataclass(frozen=True)
class Voice:
    """espeak-ng settings for one speaker."""

    variant: str
    pitch: int
    speed: int


# --------------------------------------------------------------------------- transcripts

_TIME_RE = r"(\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d{1,3}))?"
_TIMESTAMPED_RE = re.compile(r"^\[" + _TIME_RE + r"\]\s*(.*)$")
_CUE_TIME_RE = re.compile(r"^(?:(\d{1,2}):)?(\d{2}):(\d{2})[.,](\d{3})\s*-->")
_SPEAKER_RE = re.compile(r"^([^:]{1,40}):\s*(.+)$")
_VOICE_TAG_RE = re.compile(r"^<v(?:\.[^ >]*)?\s+([^>]+)>\s*(.*?)(?:</v>)?$")


def _seconds(h: str | None, m: str, s: str, frac: str | None) -> float:
    """Turn clock fields into seconds."""
    value = int(h or 0) * 3600 + int(m) * 60 + int(s)
    if frac:
        value += int(frac.ljust(3, "0")) / 1000
    return float(value)


def read_text(path: Path) -> str:
    """Read a transcript as text: UTF-8 (with or without BOM), else cp1251 like old agency files."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1251")


def _speaker_line(line: str, start: float | None) -> Utterance | None:
    """Parse ``Speaker: text`` or a WebVTT ``<v Speaker>text`` line."""
    match = _VOICE_TAG_RE.match(line) or _SPEAKER_RE.match(line)
    if not match:
        return None
    return Utterance(match.group(1).strip(), match.group(2).strip(), start)


def parse_transcript(path: Path) -> list[Utterance]:
    """Parse a sample transcript (speaker lines, ``[hh:mm:ss]`` lines, SRT or WebVTT)."""
    lines = read_text(path).splitlines()
    utterances: list[Utterance] = []
    if path.suffix in (".srt", ".vtt"):
        start: float | None = None
        for line in lines:
            line = line.strip()
            cue = _CUE_TIME_RE.match(line)
            if cue:
                start = _seconds(*cue.groups())
                continue
            if not line or line.isdigit() or line.startswith("WEBVTT"):
                continue
            parsed = _speaker_line(line, start)
            if parsed is None:
                raise SampleAudioError(f"{path.name}: cue text without a speaker label")
            utterances.append(parsed)
            start = None
        return utterances
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        start = None
        stamped = _TIMESTAMPED_RE.match(line)
        if stamped:
            start = _seconds(*stamped.groups()[:4])
            line = stamped.group(5)
        parsed = _speaker_line(line, start)
        if parsed is None:
            raise SampleAudioError(f"{path.name}:{number}: expected 'Speaker: text'")
        utterances.append(parsed)
    return utterances


def find_transcript(meta_path: Path) -> Path:
    """Return the transcript that belongs to a ``NAME.meta.yaml`` file."""
    base = meta_path.name[: -len(".meta.yaml")]
    for suffix in TRANSCRIPT_SUFFIXES:
        candidate = meta_path.with_name(base + suffix)
        if candidate.exists():
            return candidate
    raise SampleAudioError(f"{meta_path.name}: no transcript ({', '.join(TRANSCRIPT_SUFFIXES)}) beside it")


# --------------------------------------------------------------------------- voices


def assign_voices(meta: dict) -> dict[str, tuple[Voice, int]]:
    """Give each participant a distinct espeak-ng voice and its stereo channel."""
    male = [Voice("m3", 38, 165), Voice("m1", 62, 158), Voice("m7", 50, 160)]
    female = [Voice("f2", 70, 165), Voice("f4", 58, 160)]
    voices: dict[str, tuple[Voice, int]] = {}
    for person in meta["participants"]:
        pool = female if str(person.get("role", "")).lower() in FEMALE_ROLES else male
        voices[str(person["label"])] = (pool.pop(0), int(person["channel"]))
    return voices


def speakable(text: str) -> str:
    """Make transcript text speakable: drop masking asterisks and quotes, spell out unit marks."""
    text = text.replace("*", "").replace("«", "").replace("»", "")
    return re.sub(r"\bв/ч\b", "вэ чэ", text)


# --------------------------------------------------------------------------- tools


def require_tools() -> None:
    """Fail with a clear message when espeak-ng or sox is not installed."""
    missing = [tool for tool in ("espeak-ng", "sox") if shutil.which(tool) is None]
    if missing:
        raise SampleAudioError(
            f"missing {' and '.join(missing)}; install with: sudo apt-get install espeak-ng sox libsox-fmt-all"
        )


def _run(args: list[str]) -> None:
    """Run a tool with an argument list (no shell); raise with its stderr on failure."""
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SampleAudioError(f"{args[0]} failed ({result.returncode}): {result.stderr.strip()[:300]}")


def synthesise(text: str, lang: str, voice: Voice, workdir: Path) -> np.ndarray:
    """Speak one utterance with espeak-ng; return mono float32 samples at SYNTH_RATE."""
    out = workdir / "utterance.wav"
    _run(
        [
            "espeak-ng",
            "-v",
            f"{lang}+{voice.variant}",
            "-p",
            str(voice.pitch),
            "-s",
            str(voice.speed),
            "-w",
            str(out),
            speakable(text),
        ]
    )
    with wave.open(str(out), "rb") as wav:
        if wav.getframerate() != SYNTH_RATE or wav.getnchannels() != 1:
            raise SampleAudioError("espeak-ng wrote an unexpected format")
        pcm = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
    return pcm.astype(np.float32) / 32768.0


# --------------------------------------------------------------------------- layout and mix


def _pause(name: str, index: int) -> float:
    """A deterministic pause between turns, 0.35-0.85 s, varying per call and turn."""
    digest = hashlib.sha256(f"{name}:{index}".encode()).digest()
    return 0.35 + digest[0] / 255 * 0.5


def layout(name: str, utterances: list[Utterance], durations: list[float]) -> list[float]:
    """Start time of each turn: its timestamp if it has one, else after the previous turn plus a pause."""
    starts: list[float] = []
    cursor = 0.6
    for index, (utt, duration) in enumerate(zip(utterances, durations, strict=True)):
        start = utt.start if utt.start is not None else cursor + (_pause(name, index) if index else 0.0)
        starts.append(start)
        cursor = max(cursor, start + duration)
    return starts


def render_call(meta_path: Path, workdir: Path) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """Speak a whole call into a stereo float32 array at SYNTH_RATE; also return each turn's (start, end)."""
    meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    name = meta_path.name[: -len(".meta.yaml")]
    utterances = parse_transcript(find_transcript(meta_path))
    voices = assign_voices(meta)
    lang = meta["language"]
    clips = []
    for utt in utterances:
        if utt.speaker not in voices:
            raise SampleAudioError(f"{name}: speaker label not among the participants")
        clips.append(synthesise(utt.text, lang, voices[utt.speaker][0], workdir))
    durations = [len(clip) / SYNTH_RATE for clip in clips]
    starts = layout(name, utterances, durations)
    total = max(s + d for s, d in zip(starts, durations, strict=True)) + 0.8
    mix = np.zeros((math.ceil(total * SYNTH_RATE), 2), dtype=np.float32)
    for utt, clip, start in zip(utterances, clips, starts, strict=True):
        offset = round(start * SYNTH_RATE)
        mix[offset : offset + len(clip), voices[utt.speaker][1]] += clip * 0.8
    seed = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "little")
    mix += np.random.default_rng(seed).normal(0.0, 0.003, mix.shape).astype(np.float32)
    np.clip(mix, -1.0, 1.0, out=mix)
    return mix, [(s, s + d) for s, d in zip(starts, durations, strict=True)]


def _write_wav(path: Path, stereo: np.ndarray, rate: int) -> None:
    """Write a float stereo array as 16-bit PCM WAV."""
    pcm = (stereo * 32767.0).round().astype("<i2")
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(stereo.shape[1])
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(pcm.tobytes())


def _phone_band(source: Path, target: Path, channels: int, extra: list[str]) -> None:
    """Resample to 8 kHz, band-limit to the phone band, and write ``target`` with sox."""
    _run(
        [
            "sox",
            "-R",
            "-D",
            "-V1",
            str(source),
            *extra,
            "-c",
            str(channels),
            "-r",
            str(PHONE_RATE),
            str(target),
            "sinc",
            "300-3400",
            "gain",
            "-n",
            "-3",
        ]
    )


def _encode_with_pyav(source_wav: Path, target: Path, container: str, codec: str, layout: str, bit_rate: int) -> None:
    """Encode an 8 kHz WAV with PyAV: Opus (sox has no encoder) and AMR-NB (sox's encoder uses DTX,
    whose comfort-noise frames FFmpeg's native AMR decoder cannot read)."""
    import av

    with (
        av.open(str(source_wav)) as src,
        av.open(str(target), "w", format=container, options={"fflags": "+bitexact"}) as dst,
    ):
        dst.flags |= 0x0400  # AVFMT_FLAG_BITEXACT: fixed stream serial, no encoder tag
        stream = dst.add_stream(codec, rate=PHONE_RATE, layout=layout)
        stream.bit_rate = bit_rate
        stream.codec_context.flags |= 0x00800000  # AV_CODEC_FLAG_BITEXACT
        for frame in src.decode(audio=0):
            frame.pts = None
            for packet in stream.encode(frame):
                dst.mux(packet)
        for packet in stream.encode(None):
            dst.mux(packet)


def write_audio(mix: np.ndarray, fmt: str, target: Path, workdir: Path) -> None:
    """Turn the stereo mix into a phone-band file of the given format at ``target``."""
    raw = workdir / "mix.wav"
    _write_wav(raw, mix, SYNTH_RATE)
    partial = target.with_name(target.name + ".partial" + EXTENSIONS[fmt])
    try:
        if fmt == "flac":
            # 8-bit like a cheap line recorder; 16-bit FLAC of a noisy line is four times larger.
            _phone_band(raw, partial, 2, ["-b", "8"])
            partial.replace(target)
        elif fmt == "wav":
            _phone_band(raw, partial, 2, ["-e", "ima-adpcm"])
            partial.replace(target)
        elif fmt == "amr":
            # AMR-NB is mono only: both parties mixed down, as in most phone-line recordings.
            band = workdir / "band.wav"
            _phone_band(raw, band, 1, [])
            _encode_with_pyav(band, partial, "amr", "libopencore_amrnb", "mono", 12200)
            partial.replace(target)
        elif fmt == "opus":
            band = workdir / "band.wav"
            _phone_band(raw, band, 2, [])
            _encode_with_pyav(band, partial, "ogg", "libopus", "stereo", 16000)
            partial.replace(target)
        else:
            raise SampleAudioError(f"unknown audio format {fmt!r}")
    finally:
        partial.unlink(missing_ok=True)


# --------------------------------------------------------------------------- driver


def output_path(name: str, out_dir: Path) -> Path:
    """Where a call's audio goes."""
    return out_dir / (name + EXTENSIONS[AUDIO_FORMATS.get(name, "flac")])


def is_up_to_date(target: Path, inputs: list[Path]) -> bool:
    """True when ``target`` exists and is newer than every input."""
    if not target.exists():
        return False
    built = target.stat().st_mtime
    return all(path.stat().st_mtime <= built for path in inputs)


def make_call(meta_path: Path, out_dir: Path, force: bool = False) -> tuple[Path, bool]:
    """Make one call's audio in ``out_dir``; return (path, whether it was (re)built)."""
    name = meta_path.name[: -len(".meta.yaml")]
    target = output_path(name, out_dir)
    inputs = [meta_path, find_transcript(meta_path), Path(__file__).resolve()]
    if not force and is_up_to_date(target, inputs):
        return target, False
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="overheard-sample-") as tmp:
        mix, _ = render_call(meta_path, Path(tmp))
        write_audio(mix, AUDIO_FORMATS.get(name, "flac"), target, Path(tmp))
    return target, True


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=SAMPLES_DIR, help="folder with the transcripts")
    parser.add_argument("--out", type=Path, default=None, help="where to write audio (default: --samples)")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="make only this call (base name, e.g. call-01-kupiansk); repeatable",
    )
    parser.add_argument("--force", action="store_true", help="rebuild even when the output is up to date")
    args = parser.parse_args(argv)
    out_dir = args.out or args.samples
    try:
        require_tools()
        metas = sorted(args.samples.glob("*.meta.yaml"))
        if args.only:
            wanted = set(args.only)
            metas = [m for m in metas if m.name[: -len(".meta.yaml")] in wanted]
            unknown = wanted - {m.name[: -len(".meta.yaml")] for m in metas}
            if unknown:
                raise SampleAudioError(f"no such call: {', '.join(sorted(unknown))}")
        if not metas:
            raise SampleAudioError(f"no *.meta.yaml files in {args.samples}")
        for meta_path in metas:
            target, built = make_call(meta_path, out_dir, force=args.force)
            print(f"{'made' if built else 'up to date'}: {target}")
    except SampleAudioError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
