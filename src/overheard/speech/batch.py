"""Batch transcription of workspace calls: resumable, optionally in a process pool, stored as versions.

Each finished call is stored at once (one transaction) as a new transcript version whose settings
hold the model name and hash, the decoding settings and the hash of the audio it was made from;
the store writes that into the custody log. A call whose newest ASR version already matches the
same audio, model and settings is skipped, so a run interrupted by a crash or Ctrl-C resumes where
it stopped.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from overheard.errors import NotFoundError
from overheard.model import Transcript, TranscriptSource
from overheard.speech.transcriber import TranscribeSettings, TranscriptionResult, get_transcriber, transcribe_file

PRODUCER_PREFIX = "faster-whisper"


@dataclass(frozen=True)
class Job:
    """One call to transcribe: its id and key, the audio original and its hash, and its length."""

    call_id: int
    key: str
    path: Path
    audio_sha256: str
    duration: float


@dataclass
class BatchReport:
    """What a batch run did."""

    done: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)
    audio_seconds: float = 0.0
    elapsed: float = 0.0
    results: dict[int, TranscriptionResult] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """Plain copy for ``--format json``."""
        return {
            "done": self.done,
            "skipped": self.skipped,
            "failed": self.failed,
            "audio_seconds": round(self.audio_seconds, 2),
            "elapsed": round(self.elapsed, 2),
        }


def settings_digest(settings: TranscribeSettings) -> str:
    """A short hash of the decoding settings (part of what makes a finished transcript reusable)."""
    return hashlib.sha256(json.dumps(settings.as_dict(), sort_keys=True).encode()).hexdigest()[:16]


def plan_jobs(workspace, calls: list[str] | None) -> list[Job]:
    """The calls to work on (all calls with audio when ``calls`` is None), with their newest audio original."""
    store = workspace.store
    chosen = [store.get_call(ref) for ref in calls] if calls else store.list_calls()
    jobs = []
    for call in chosen:
        recording = store.latest_recording(call.id)
        if recording is None:
            if calls:
                raise NotFoundError(f"call {call.id} has no audio to transcribe")
            continue
        jobs.append(
            Job(
                call.id,
                call.key,
                workspace.vault.absolute(recording.vault_path),
                recording.sha256,
                float(recording.duration or 0.0),
            )
        )
    return jobs


def already_done(workspace, job: Job, model_sha256: str, digest: str) -> bool:
    """True if some ASR version of this call came from the same audio, model and settings."""
    for stored in workspace.store.transcripts(job.call_id):
        settings = stored.settings or {}
        if (
            stored.transcript.source == TranscriptSource.ASR
            and settings.get("audio_sha256") == job.audio_sha256
            and settings.get("model_sha256") == model_sha256
            and settings.get("settings_digest") == digest
        ):
            return True
    return False


def store_result(workspace, job: Job, result: TranscriptionResult, actor: str) -> int:
    """Store one finished transcript as the call's next version, provenance in its settings."""
    provenance = {
        **result.provenance(),
        "audio_sha256": job.audio_sha256,
        "settings_digest": settings_digest(result.settings),
    }
    return workspace.store.add_transcript(
        job.call_id,
        result.transcript,
        actor=actor,
        producer=f"{PRODUCER_PREFIX}:{result.model.name}",
        settings=provenance,
    )


_WORKER: dict[str, Any] = {}


def _init_worker(model: str | None, threads: int) -> None:
    _WORKER["transcriber"] = get_transcriber(model, cpu_threads=threads)


def _work(path: str, settings: TranscribeSettings) -> TranscriptionResult:
    return transcribe_file(Path(path), settings, transcriber=_WORKER["transcriber"])


def transcribe_workspace(
    workspace,
    calls: list[str] | None,
    settings: TranscribeSettings,
    *,
    model: str | Path | None = None,
    workers: int = 1,
    redo: bool = False,
    store: bool = True,
    actor: str,
    on_start: Callable[[Job], None] | None = None,
    on_done: Callable[[Job, TranscriptionResult | None, str | None], None] | None = None,
    on_plan: Callable[[list[Job], list[Job]], None] | None = None,
) -> BatchReport:
    """Transcribe ``calls`` (all with audio when None) and store each transcript as a new version.

    ``model`` falls back to the workspace's ``speech.model`` setting, then to the default base model.
    Calls already transcribed from the same audio with the same model and settings are skipped unless
    ``redo``; with ``store=False`` nothing is written (results are only returned). With ``workers > 1``
    files are decoded in a process pool (the CPU threads split between workers); results are stored by
    this process as they arrive.
    """
    import time

    from overheard.speech.model import resolve_model

    model = model or workspace.setting("speech.model")
    info = resolve_model(model)
    digest = settings_digest(settings)
    jobs = plan_jobs(workspace, calls)
    todo = [job for job in jobs if redo or not store or not already_done(workspace, job, info.sha256, digest)]
    report = BatchReport(skipped=[job.call_id for job in jobs if job not in todo])
    if on_plan:
        on_plan(jobs, todo)
    started = time.perf_counter()

    def finish(job: Job, result: TranscriptionResult | None, error: str | None) -> None:
        if result is not None:
            if store:
                store_result(workspace, job, result, actor)
            report.results[job.call_id] = result
            report.done.append(job.call_id)
            report.audio_seconds += result.duration
        else:
            report.failed[job.call_id] = error or "failed"
        if on_done:
            on_done(job, result, error)

    if workers <= 1 or len(todo) <= 1:
        transcriber = get_transcriber(str(info.path))
        for job in todo:
            if on_start:
                on_start(job)
            try:
                result = transcribe_file(job.path, settings, transcriber=transcriber)
            except Exception as error:  # one bad file must not stop the batch; its code is reported
                finish(job, None, type(error).__name__ + (f" {error.code}" if hasattr(error, "code") else ""))
                continue
            finish(job, result, None)
    else:
        threads = max(1, (os.cpu_count() or 2) // workers)
        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(str(info.path), threads)) as pool:
            futures = {}
            for job in todo:
                if on_start:
                    on_start(job)
                futures[pool.submit(_work, str(job.path), settings)] = job
            for future in as_completed(futures):
                job = futures[future]
                try:
                    result = future.result()
                except Exception as error:
                    finish(job, None, type(error).__name__)
                    continue
                finish(job, result, None)
    report.elapsed = time.perf_counter() - started
    return report


@dataclass(frozen=True)
class Comparison:
    """An ASR transcript beside the call's written (imported or reviewed) transcript."""

    call_id: int
    written: Transcript | None
    recognised: Transcript
    word_error_rate: float | None


def compare_with_written(workspace, call_id: int, recognised: Transcript) -> Comparison:
    """Pair ``recognised`` with the newest non-ASR transcript of the call and score it (WER)."""
    from overheard.speech.metrics import word_error_rate

    written = None
    for stored in workspace.store.transcripts(call_id):
        if stored.transcript.source != TranscriptSource.ASR:
            written = stored.transcript
    if written is None:
        return Comparison(call_id, None, recognised, None)
    return Comparison(call_id, written, recognised, word_error_rate(written.text, recognised.text))
