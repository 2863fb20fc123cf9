"""Publishable audio of a call: bleep the words privacy annotators mark, record the clip in the workspace.

:func:`make_clip` ties the signal operations of :mod:`overheard.speech.clips` to a call: the newest
audio original from the vault, word timings from the current transcript, entity findings from the
``entities`` annotator, and a derived file with its provenance (source hash, settings) in the custody
log. The original is never touched.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import numpy as np

from overheard.annotate.components.entities import find_entities
from overheard.errors import NotFoundError
from overheard.model import Finding, Transcript
from overheard.speech.audio import load_native, write_wav
from overheard.speech.clips import ClipResult, ClipSettings, render_clip, word_spans
from overheard.speech.transcriber import transcribe_file
from overheard.store.audit import default_actor
from overheard.store.vault import sha256_file
from overheard.workspace import Workspace, default_workspace_path

PRODUCER = "overheard.clip.v1"


def privacy_findings(transcript: Transcript, region: str | None = None) -> list[Finding]:
    """Entity findings (names, phones, call signs, units...) on each segment, offsets into the whole text."""
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


def clip_file(source: Path, settings: ClipSettings, output: Path, transcript: Transcript | None = None) -> ClipResult:
    """Make a clip of an audio file outside a workspace (bleeping transcribes it when no transcript is given)."""
    audio = load_native(source)
    spans: list[tuple[float, float]] = []
    if settings.bleep:
        if transcript is None:
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
