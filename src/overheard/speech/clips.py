"""Publishable audio: cut a clip, bleep the words privacy annotators mark, disguise the voices.

The signal operations (:func:`bleep`, :func:`disguise`) work on plain arrays and need no workspace;
:func:`make_clip` ties them to a call: the newest audio original from the vault, word timings from
the current transcript, entity findings from the ``entities`` annotator, and a derived file with its
provenance (source hash, settings) in the custody log. The original is never touched.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from overheard.errors import AudioError, NotFoundError
from overheard.model import Finding, Transcript
from overheard.speech.audio import DecodedAudio, load_native, write_wav

PRODUCER = "overheard.clip.v1"
BLEEP_LABELS = frozenset({"PER", "PHONE", "CALLSIGN", "UNIT"})


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


def privacy_findings(transcript: Transcript, region: str | None = None) -> list[Finding]:
    """Entity findings (names, phones, call signs, units...) on each segment, offsets into the whole text."""
    from overheard.annotate.entities import find_entities

    findings = []
    for segment, (offset, _) in zip(transcript.segments, transcript.segment_offsets, strict=True):
        if not segment.text.strip():
            continue
        for finding in find_entities(segment.text, segment.language or transcript.language or "ru", region):
            findings.append(
                Finding(
                    kind=finding.kind,
                    label=finding.label,
                    start=finding.start + offset,
                    end=finding.end + offset,
                    text=finding.text,
                    score=finding.score,
                    producer=finding.producer,
                    explanation=finding.explanation,
                    attributes=finding.attributes,
                )
            )
    return findings


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


def clip_file(source: Path, settings: ClipSettings, output: Path, transcript: Transcript | None = None) -> ClipResult:
    """Make a clip of an audio file outside a workspace (bleeping transcribes it when no transcript is given)."""
    from overheard.store.vault import sha256_file

    audio = load_native(source)
    spans: list[tuple[float, float]] = []
    if settings.bleep:
        if transcript is None:
            from overheard.speech.transcriber import transcribe_file

            transcript = transcribe_file(source).transcript
        spans = word_spans(transcript, privacy_findings(transcript), settings.bleep_labels)
    data, used = render_clip(audio, settings, spans)
    write_wav(output, list(data), audio.sample_rate)
    return ClipResult(output, sha256_file(output), len(used), tuple(used))


def make_clip(
    call: str,
    settings: ClipSettings,
    output: Path | None = None,
    workspace: Path | None = None,
    actor: str | None = None,
) -> ClipResult:
    """Make a clip of a workspace call (or, if ``call`` is an audio file path, of that file)."""
    if Path(call).is_file():
        return clip_file(Path(call), settings, output or Path(call).with_suffix(".clip.wav"))
    import io

    from overheard.store.audit import default_actor
    from overheard.workspace import Workspace, default_workspace_path

    ws = Workspace.open(workspace or default_workspace_path())
    try:
        record = ws.store.get_call(call)
        recording = ws.store.latest_recording(record.id)
        if recording is None:
            raise NotFoundError(f"call {record.id} has no audio")
        audio = load_native(ws.vault.absolute(recording.vault_path))
        spans: list[tuple[float, float]] = []
        if settings.bleep:
            # the current transcript if it has word timings, else the newest version that has them (ASR)
            current = ws.store.current_transcript(record.id)
            timed = [t for t in ws.store.transcripts(record.id) if any(s.words for s in t.transcript.segments)]
            if current is not None and current in timed:
                timed.append(current)
            if not timed:
                raise NotFoundError(f"call {record.id} has no transcript with word timings; run overheard transcribe")
            transcript = timed[-1].transcript
            findings = privacy_findings(transcript, record.metadata.oblast)
            spans = word_spans(transcript, findings, settings.bleep_labels)
        data, used = render_clip(audio, settings, spans)
        buffer = io.BytesIO()
        import soundfile

        soundfile.write(buffer, np.stack(list(data)).T, audio.sample_rate, format="WAV", subtype="PCM_16")
        name = f"clips/{record.id}-{int((settings.start or 0) * 1000)}-{len(buffer.getvalue())}.wav"
        relative, sha = ws.vault.write_derived(name, buffer.getvalue())
        ws.store.add_derived_file(
            call_id=record.id,
            kind="clip",
            path=relative,
            sha256=sha,
            source_sha256=recording.sha256,
            producer=PRODUCER,
            settings={**settings.as_dict(), "bleeped_spans": len(used)},
            actor=actor or default_actor(),
        )
        path = ws.root / relative
        if output is not None:
            shutil.copyfile(path, output)
            path = output
        return ClipResult(path, sha, len(used), tuple(used))
    finally:
        ws.close()
