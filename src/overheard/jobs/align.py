"""Word timings for every written transcript: forced alignment of the imported text to the call's audio.

An agency's plain-text transcript has the right words but no times, so clicking a finding, a search
hit or a Trends bar could not seek the audio, and bleeped clips fell back to speech recognition that
misheard the names. ``align_workspace`` gives every call that has audio and a written (imported or
reviewed) transcript word timings with :func:`overheard.speech.align.align_transcript`: per turn, on
the turn's own channel of a stereo call, located through recognised words where the file has no
times. The timings are written onto that transcript version (its text, and so its findings, stay
as they are) with the model, the settings and the audio's sha256 as provenance in the custody log.

A call already aligned with the same audio, model and settings is skipped, so an interrupted run
resumes where it stopped (``redo`` aligns again).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from overheard.errors import NotFoundError, OverheardError
from overheard.jobs.cluster import error_label
from overheard.model import Call, StoredTranscript, Transcript, TranscriptSource
from overheard.speech.align import AlignSettings, align_transcript
from overheard.speech.audio import load_for_asr
from overheard.speech.hallucination import words as folded_words
from overheard.speech.model import resolve_model
from overheard.speech.transcriber import get_transcriber
from overheard.workspace import Workspace

PRODUCER_PREFIX = "whisper-align"


@dataclass(frozen=True)
class AlignJob:
    """One call to align: its written transcript version and the audio original it is aligned to."""

    call_id: int
    key: str
    transcript_id: int
    version: int
    path: Path
    audio_sha256: str
    duration: float


@dataclass
class AlignReport:
    """What an alignment run did: calls aligned (words timed), skipped (already done or timed), failed."""

    done: dict[int, int] = field(default_factory=dict)  # call id -> words given timings
    skipped: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)
    audio_seconds: float = 0.0
    elapsed: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """Plain copy for ``--format json``."""
        return {"done": {str(k): v for k, v in self.done.items()}, "skipped": self.skipped, "failed": self.failed,
                "audio_seconds": round(self.audio_seconds, 2), "elapsed": round(self.elapsed, 2)}


def settings_digest(settings: AlignSettings) -> str:
    """A short hash of the alignment settings (part of what makes a finished alignment reusable)."""
    return hashlib.sha256(json.dumps(settings.as_dict(), sort_keys=True).encode()).hexdigest()[:16]


def _needs_timings(transcript: Transcript) -> bool:
    return any(folded_words(s.text) and not s.words for s in transcript.segments)


def plan_alignments(workspace: Workspace, calls: list[str] | None) -> list[AlignJob]:
    """The calls whose current transcript is written (not ASR) and lacks word timings, with their audio.

    Named calls without audio or without a written transcript are an error; with ``calls`` None such
    calls are passed over.
    """
    store = workspace.store
    chosen = [store.get_call(ref) for ref in calls] if calls else store.list_calls()
    jobs = []
    for call in chosen:
        recording = store.latest_recording(call.id)
        current = store.current_transcript(call.id)
        if recording is None or current is None or current.transcript.source == TranscriptSource.ASR:
            if calls:
                what = "audio" if recording is None else "written transcript to align"
                raise NotFoundError(f"call {call.id} has no {what}")
            continue
        jobs.append(AlignJob(call.id, call.key, current.id, current.version,
                             workspace.vault.absolute(recording.vault_path), recording.sha256,
                             float(recording.duration or 0.0)))
    return jobs


def already_done(workspace: Workspace, job: AlignJob, model_sha256: str, digest: str) -> bool:
    """True if the version was aligned to the same audio with the same model and settings, or needs no timings."""
    for done in workspace.store.alignments(transcript_id=job.transcript_id):
        settings = done.settings
        if (settings.get("audio_sha256") == job.audio_sha256 and settings.get("model_sha256") == model_sha256
                and settings.get("settings_digest") == digest):
            return True
    return not _needs_timings(workspace.store.transcript(job.transcript_id).transcript)


def with_participant_channels(transcript: Transcript, call: Call, channels: int) -> Transcript:
    """Turns without a channel get their speaker's channel from the call's metadata (stereo audio only)."""
    if channels < 2:
        return transcript
    by_label = {p.label: p.channel for p in call.metadata.participants
                if p.channel is not None and 0 <= p.channel < channels}
    return replace(transcript, segments=tuple(
        replace(s, channel=by_label.get(s.speaker or "")) if s.channel is None and s.speaker in by_label else s
        for s in transcript.segments))


def align_call(workspace: Workspace, job: AlignJob, transcriber, settings: AlignSettings,
               progress: Callable[[float], None] | None = None) -> tuple[Transcript, dict[str, Any]]:
    """Align one call's written transcript to its audio: the timed transcript and its provenance."""
    stored: StoredTranscript = workspace.store.transcript(job.transcript_id)
    call = workspace.store.get_call(job.call_id)
    audio = load_for_asr(job.path)
    transcript = stored.transcript
    if transcript.language is None and call.metadata.language:
        transcript = replace(transcript, language=call.metadata.language)
    hinted = with_participant_channels(transcript, call, len(audio.channels))
    started = time.perf_counter()
    aligned = align_transcript(audio, hinted, transcriber, settings, progress)
    untimed = not any(s.start is not None for s in stored.transcript.segments)
    provenance = {
        "model": transcriber.model.name,
        "model_sha256": transcriber.model.sha256,
        "align": settings.as_dict(),
        "settings_digest": settings_digest(settings),
        "audio_sha256": job.audio_sha256,
        "channels": len(audio.channels),
        "turns_located_by": "recognised words" if untimed else "the transcript's own times",
        "elapsed_s": round(time.perf_counter() - started, 2),
    }
    # the stored text is the version's own (the language default above is not written back)
    return replace(aligned, language=stored.transcript.language), provenance


def align_workspace(
    workspace: Workspace,
    calls: list[str] | None,
    *,
    model: str | Path | None = None,
    settings: AlignSettings | None = None,
    redo: bool = False,
    actor: str,
    on_plan: Callable[[list[AlignJob], list[AlignJob]], None] | None = None,
    on_start: Callable[[AlignJob], None] | None = None,
    on_progress: Callable[[AlignJob, float], None] | None = None,
    on_done: Callable[[AlignJob, int | None, str | None], None] | None = None,
) -> AlignReport:
    """Align the written transcript of ``calls`` (all with audio when None) and store the word timings.

    ``model`` falls back to the workspace's ``speech.model`` setting, then to the default base model
    (loaded once for the whole run). Each call is stored as soon as it is aligned; a call that fails
    is reported with a text-free error line and the run goes on.
    """
    settings = settings or AlignSettings()
    model = model or workspace.setting("speech.model")
    info = resolve_model(model)
    digest = settings_digest(settings)
    jobs = plan_alignments(workspace, calls)
    todo = [job for job in jobs if redo or not already_done(workspace, job, info.sha256, digest)]
    report = AlignReport(skipped=[job.call_id for job in jobs if job not in todo])
    if on_plan:
        on_plan(jobs, todo)
    started = time.perf_counter()
    transcriber = get_transcriber(str(info.path)) if todo else None
    for job in todo:
        if on_start:
            on_start(job)
        progress = (lambda share, job=job: on_progress(job, share)) if on_progress else None
        try:
            aligned, provenance = align_call(workspace, job, transcriber, settings, progress)
            workspace.store.add_alignment(job.transcript_id, aligned, producer=f"{PRODUCER_PREFIX}:{info.name}",
                                          settings=provenance, actor=actor)
        except OverheardError as error:
            report.failed[job.call_id] = str(error)
        except Exception as error:  # noqa: BLE001  one call fails alone, with its class only (no text)
            report.failed[job.call_id] = error_label(error)
        else:
            report.done[job.call_id] = sum(len(s.words) for s in aligned.segments)
            report.audio_seconds += job.duration
        if on_done:
            on_done(job, report.done.get(job.call_id), report.failed.get(job.call_id))
    report.elapsed = time.perf_counter() - started
    return report
