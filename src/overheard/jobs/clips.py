"""Publishable audio of a call: bleep the reviewed personal-data findings, record the clip in the workspace.

:func:`make_clip` ties the signal operations of :mod:`overheard.speech.clips` to a call: the newest
audio original from the vault, the call's *current* transcript (the reviewed one when a person corrected
it) and its stored findings that are not rejected, plus what the personal-data detectors find in it now
(over-bleeping is safe, missing a name is not). Findings are mapped to audio time through that
transcript's word timings; a segment without them (an imported transcript, a segment a person
corrected) gets them by forced alignment of its own text (:mod:`overheard.speech.align`), never from a
fresh recognition pass, whose words may be misheard. A name in the clip's range that still has no
timing stops the clip with one line (E050). The clip is a derived file with its provenance (source
hash, transcript version, findings, settings) in the custody log; the original is never touched.
"""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from overheard.annotate.components.entities import find_entities
from overheard.errors import NotFoundError, TimingError
from overheard.model import PERSONAL_DATA_LABELS, Finding, FindingKind, ReviewStatus, Segment, Transcript, Word
from overheard.speech.audio import load_for_asr, load_native, write_wav
from overheard.speech.clips import ClipResult, ClipSettings, render_clip, word_spans
from overheard.speech.transcriber import transcribe_file
from overheard.store.audit import default_actor
from overheard.store.vault import sha256_file
from overheard.workspace import Workspace, default_workspace_path

PRODUCER = "overheard.clip.v2"
CLIP_KIND = "audio.clip"  # a clip nothing was bleeped in: analysts and above
REDACTED_CLIP_KIND = "audio.clip.redacted"  # bleeped: every role may hear it (viewers: only these)
ALIGNED_KIND = "timings.aligned"  # word timings forced-aligned to a transcript version, kept for the next clip


def privacy_findings(transcript: Transcript, region: str | None = None) -> list[Finding]:
    """Entity findings (names, phones, call signs, units...) on each segment, offsets into the whole text."""
    findings = []
    for segment, (offset, _) in zip(transcript.segments, transcript.segment_offsets, strict=True):
        if not segment.text.strip():
            continue
        for finding in find_entities(segment.text, segment.language or transcript.language or "ru", region):
            findings.append(dataclasses.replace(finding, start=finding.start + offset, end=finding.end + offset))
    return findings


def clip_kind(settings: ClipSettings) -> str:
    """The derived-file kind of a clip made with ``settings`` (bleeped clips are the ones viewers may hear)."""
    return REDACTED_CLIP_KIND if settings.bleep else CLIP_KIND


def clip_file(source: Path, settings: ClipSettings, output: Path, transcript: Transcript | None = None) -> ClipResult:
    """Make a clip of an audio file outside a workspace (bleeping transcribes it when no transcript is given)."""
    audio = load_native(source)
    spans: list[tuple[float, float]] = []
    if settings.bleep:
        if transcript is None:
            transcript = transcribe_file(source).transcript
        spans = word_spans(transcript, privacy_findings(transcript), settings.bleep_labels)
    data, used = render_clip(audio, settings, _padded(spans, settings.pad_s))
    write_wav(output, list(data), audio.sample_rate)
    return ClipResult(output, sha256_file(output), len(used), tuple(used))


def reviewed_findings(ws: Workspace, transcript_id: int, labels: Iterable[str]) -> list[Finding]:
    """The transcript version's stored personal-data findings that a person has not rejected."""
    wanted = set(labels) & PERSONAL_DATA_LABELS
    return [stored.finding for stored in ws.store.findings(transcript_id=transcript_id)
            if stored.finding.kind == FindingKind.ENTITY and stored.finding.label in wanted
            and stored.review_status != ReviewStatus.REJECTED]


def _overlaps(segment: Segment, start: float, end: float) -> bool | None:
    """Whether a segment's time lies in ``[start, end)``; None when the segment has no time at all."""
    times = [w.start for w in segment.words] + [w.end for w in segment.words]
    a = segment.start if segment.start is not None else (min(times) if times else None)
    b = segment.end if segment.end is not None else (max(times) if times else None)
    if a is None and b is None:
        return None
    a = a if a is not None else b
    b = b if b is not None else a
    return a < end and start < b + 1e-9


def _word_ranges(segment: Segment) -> list[tuple[int, int]]:
    """Character ranges (in the segment's text) of its timed words."""
    ranges, cursor = [], 0
    for word in segment.words:
        token = word.text.strip()
        found = segment.text.find(token, cursor) if token else -1
        if found >= 0:
            ranges.append((found, found + len(token)))
            cursor = found + len(token)
    return ranges


def _untimed(segment: Segment, offset: int, finding: Finding) -> bool:
    """True when some letter or digit of ``finding`` lies in no timed word of ``segment``."""
    ranges = _word_ranges(segment)
    for position in range(max(finding.start, offset), min(finding.end, offset + len(segment.text))):
        if segment.text[position - offset].isalnum() and not any(a <= position - offset < b for a, b in ranges):
            return True
    return False


def needs_timing(transcript: Transcript, findings: Sequence[Finding], start: float, end: float) -> list[int]:
    """Segments that hold a finding without word timing and may lie in the clip's range."""
    out = []
    for position, (segment, (offset, stop)) in enumerate(
        zip(transcript.segments, transcript.segment_offsets, strict=True)
    ):
        inside = [f for f in findings if f.start < stop and offset < f.end]
        if not inside or _overlaps(segment, start, end) is False:
            continue
        if any(_untimed(segment, offset, f) for f in inside):
            out.append(position)
    return out


def _aligned_cache(ws: Workspace, call_id: int, digest: str) -> dict[int, list[Word]]:
    """Word timings aligned earlier to this exact transcript text, by segment position."""
    out: dict[int, list[Word]] = {}
    for derived in ws.store.derived_files(call_id):
        if derived.kind != ALIGNED_KIND or derived.settings.get("transcript_digest") != digest:
            continue
        try:
            data = json.loads(ws.vault.absolute(derived.path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for position, words in data.get("segments", {}).items():
            out[int(position)] = [Word(w["start"], w["end"], w["text"], w.get("probability", 1.0)) for w in words]
    return out


def timed_transcript(ws: Workspace, call_id: int, transcript: Transcript, positions: Sequence[int],
                     audio_path: Path, source_sha256: str, actor: str, align: bool = True) -> Transcript:
    """``transcript`` with word timings on the segments at ``positions``: aligned earlier, else now (``align``).

    Only those segments are aligned (each within its own time span where it has one), and their words are
    kept as a derived file, so the next clip of this transcript version does not align them again.
    """
    if not positions:
        return transcript
    digest = transcript.digest
    cached = _aligned_cache(ws, call_id, digest)
    missing = [p for p in positions if p not in cached]
    if missing and align:
        from overheard.speech.align import align_transcript

        piece = Transcript(tuple(transcript.segments[p] for p in missing), transcript.language, transcript.source,
                           transcript.producer)
        aligned = align_transcript(load_for_asr(audio_path), piece)
        fresh = {p: list(s.words) for p, s in zip(missing, aligned.segments, strict=True) if s.words}
        if fresh:
            payload = {"transcript_digest": digest, "segments": {
                str(p): [{"start": float(w.start), "end": float(w.end), "text": w.text,
                          "probability": float(w.probability)} for w in words] for p, words in fresh.items()}}
            data = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()
            relative, sha = ws.vault.write_derived(f"aligned/{call_id}-{digest[:16]}-{len(cached) + len(fresh)}.json",
                                                   data)
            ws.store.add_derived_file(call_id=call_id, kind=ALIGNED_KIND, path=relative, sha256=sha,
                                      source_sha256=source_sha256, producer="overheard.align.v1",
                                      settings={"transcript_digest": digest, "segments": sorted(fresh)},
                                      actor=actor)
            cached.update(fresh)
    segments = list(transcript.segments)
    for position in positions:
        if position in cached:
            words = tuple(Word(float(w.start), float(w.end), w.text, w.probability) for w in cached[position])
            old = segments[position]
            segments[position] = dataclasses.replace(
                old, words=words, start=old.start if old.start is not None else words[0].start,
                end=old.end if old.end is not None else words[-1].end)
    return dataclasses.replace(transcript, segments=tuple(segments))


def check_timed(transcript: Transcript, findings: Sequence[Finding], start: float, end: float, call_id: int) -> None:
    """Refuse (E050) when a finding that may lie in the clip's range has a letter no timed word covers."""
    for position, (segment, (offset, stop)) in enumerate(
        zip(transcript.segments, transcript.segment_offsets, strict=True)
    ):
        if _overlaps(segment, start, end) is False:
            continue
        for finding in findings:
            if finding.start < stop and offset < finding.end and _untimed(segment, offset, finding):
                where = f"{segment.start:.1f} s" if segment.start is not None else "an untimed segment"
                raise TimingError(
                    f"call {call_id}: a {finding.label} in segment {position + 1} ({where}) has no word timing, so "
                    "it cannot be bleeped; nothing written (align the transcript or choose another range)")


def _padded(spans: Iterable[tuple[float, float]], pad: float) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for a, b in sorted((max(0.0, a - pad), b + pad) for a, b in spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


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
        return clip_call(ws, call, settings, output, actor or default_actor())
    finally:
        ws.close()


def clip_call(ws: Workspace, call: int | str, settings: ClipSettings, output: Path | None, actor: str) -> ClipResult:
    """Make, store and (optionally) copy out a clip of a call in an open workspace."""
    record = ws.store.get_call(call)
    recording = ws.store.latest_recording(record.id)
    if recording is None:
        raise NotFoundError(f"call {record.id} has no audio")
    audio_path = ws.vault.absolute(recording.vault_path)
    audio = load_native(audio_path)
    start = max(0.0, settings.start or 0.0)
    end = settings.end if settings.end is not None else audio.duration
    spans: list[tuple[float, float]] = []
    provenance: dict = {}
    if settings.bleep:
        current = ws.store.current_transcript(record.id)
        if current is None:
            raise NotFoundError(f"call {record.id} has no transcript to find names in; import or transcribe one")
        transcript = current.transcript
        stored = reviewed_findings(ws, current.id, settings.bleep_labels)
        detected = [f for f in privacy_findings(transcript, record.metadata.oblast) if f.label in settings.bleep_labels]
        findings = stored + detected
        positions = needs_timing(transcript, findings, start, end)
        transcript = timed_transcript(ws, record.id, transcript, positions, audio_path, recording.sha256, actor,
                                      settings.align)
        check_timed(transcript, findings, start, end, record.id)
        spans = _padded(word_spans(transcript, findings, settings.bleep_labels), settings.pad_s)
        provenance = {"transcript_id": current.id, "transcript_version": current.version,
                      "transcript_digest": current.transcript.digest, "reviewed_findings": len(stored),
                      "aligned_segments": len(positions)}
    data, used = render_clip(audio, settings, spans)
    buffer = io.BytesIO()
    import soundfile

    soundfile.write(buffer, np.stack(list(data)).T, audio.sample_rate, format="WAV", subtype="PCM_16")
    name = f"clips/{record.id}-{int(start * 1000)}-{int(min(end, audio.duration) * 1000)}-{len(buffer.getvalue())}.wav"
    relative, sha = ws.vault.write_derived(name, buffer.getvalue())
    ws.store.add_derived_file(
        call_id=record.id,
        kind=clip_kind(settings),
        path=relative,
        sha256=sha,
        source_sha256=recording.sha256,
        producer=PRODUCER,
        settings={**settings.as_dict(), **provenance, "bleeped_spans": len(used)},
        actor=actor,
    )
    path = ws.root / relative
    if output is not None:
        shutil.copyfile(path, output)
        path = output
    return ClipResult(path, sha, len(used), tuple(used))
