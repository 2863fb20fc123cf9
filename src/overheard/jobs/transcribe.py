"""Batch transcription of workspace calls: resumable, optionally in a process pool, stored as versions.

Each finished call is stored at once (one transaction) as a new transcript version whose settings
hold the model name and hash, the decoding settings and the hash of the audio it was made from;
the store writes that into the custody log. A call whose newest ASR version already matches the
same audio, model and settings is skipped, so a run interrupted by a crash or Ctrl-C resumes where
it stopped.

Decoding runs through :mod:`overheard.jobs.cluster` (in this process, a local process pool, or Ray
tasks); storing always happens here, in the driver, so the store keeps one writer.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from overheard.errors import IntegrityError, ModelError, NotFoundError
from overheard.jobs.cluster import ClusterOptions, open_executor
from overheard.jobs.translate import gloss_translations
from overheard.model import Transcript, TranscriptSource
from overheard.speech.metrics import word_error_rate
from overheard.speech.model import resolve_model
from overheard.speech.settings import TranscribeSettings, TranscriptionResult
from overheard.speech.transcriber import Transcriber, get_transcriber, transcribe_file
from overheard.workspace import Workspace

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


def plan_jobs(workspace: Workspace, calls: list[str] | None) -> list[Job]:
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


def already_done(workspace: Workspace, job: Job, model_sha256: str, digest: str) -> bool:
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


def store_result(
    workspace: Workspace, job: Job, result: TranscriptionResult, actor: str, where: dict[str, str] | None = None
) -> int:
    """Store one finished transcript as the call's next version, provenance (and where it ran) in its settings."""
    provenance = {
        **result.provenance(),
        "audio_sha256": job.audio_sha256,
        "settings_digest": settings_digest(result.settings),
        "executor": where or {"backend": "local"},
    }
    return workspace.store.add_transcript(
        job.call_id,
        result.transcript,
        actor=actor,
        producer=f"{PRODUCER_PREFIX}:{result.model.name}",
        settings=provenance,
    )


@dataclass(frozen=True)
class WorkerSetup:
    """What every transcription worker needs: the model (None: the worker's own default), its hash, settings."""

    model: str | None
    model_sha256: str
    settings: TranscribeSettings
    threads: int = 0  # CTranslate2 CPU threads per worker (0: its default)


@dataclass(frozen=True)
class AudioPayload:
    """One call's original for a worker: its vault path (local workers) or its bytes (remote workers)."""

    sha256: str
    suffix: str
    path: str | None = None
    data: bytes | None = None


_WORKER: dict[tuple[str | None, int], Any] = {}


def _worker_transcriber(setup: WorkerSetup):
    """The worker's transcriber for ``setup`` (loaded once per process), checked against the driver's model hash."""
    key = (setup.model, setup.threads)
    if key not in _WORKER:
        info = resolve_model(setup.model)
        if info.sha256 != setup.model_sha256:
            raise ModelError(
                f"model {info.name} on this worker differs from the one the run was planned with (sha256 "
                f"{info.sha256[:12]} vs {setup.model_sha256[:12]}); install the same model on every node"
            )
        _WORKER[key] = get_transcriber(str(info.path), cpu_threads=setup.threads)
    return _WORKER[key]


def transcribe_audio(
    path: str | Path,
    settings: TranscribeSettings | None = None,
    model: str | Path | None = None,
    transcriber: Transcriber | None = None,
) -> TranscriptionResult:
    """Transcribe an audio file (:func:`overheard.speech.transcriber.transcribe_file`); with
    ``settings.translate`` each English rendering is followed by the gloss of the coded terms it renders."""
    result = transcribe_file(path, settings, model=model, transcriber=transcriber)
    if not result.settings.translate:
        return result
    return replace(result, transcript=gloss_translations(result.transcript))


def transcribe_payload(setup: WorkerSetup, payload: AudioPayload) -> TranscriptionResult:
    """Worker side of a batch: decode and transcribe one original (bytes are sha256-checked first)."""
    if payload.data is None:
        return transcribe_audio(Path(payload.path or ""), setup.settings, transcriber=_worker_transcriber(setup))
    if hashlib.sha256(payload.data).hexdigest() != payload.sha256:
        raise IntegrityError("the audio received does not match its vault sha256; run 'overheard vault verify'")
    transcriber = _worker_transcriber(setup)
    with tempfile.TemporaryDirectory(prefix="overheard-asr-") as scratch:
        path = Path(scratch) / f"original{payload.suffix}"
        path.write_bytes(payload.data)
        return transcribe_audio(path, setup.settings, transcriber=transcriber)


def _payload(job: Job, remote: bool) -> AudioPayload:
    """Remote workers get the original's bytes (no shared file system needed); local ones its path."""
    if remote:
        return AudioPayload(job.audio_sha256, job.path.suffix, data=job.path.read_bytes())
    return AudioPayload(job.audio_sha256, job.path.suffix, path=str(job.path))


def transcribe_workspace(
    workspace: Workspace,
    calls: list[str] | None,
    settings: TranscribeSettings,
    *,
    model: str | Path | None = None,
    workers: int = 1,
    cluster: ClusterOptions | None = None,
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
    ``redo``; with ``store=False`` nothing is written (results are only returned). ``cluster`` picks
    where calls are decoded (default: local, a process pool of ``workers`` when above 1, the CPU threads
    split between them; or Ray tasks, which get each original's bytes and load the model themselves).
    Results are stored by this process as they arrive, with where they ran in the provenance.
    """
    import time

    cluster = cluster or ClusterOptions("local", None, workers)
    model = model or workspace.setting("speech.model")
    info = resolve_model(model)
    digest = settings_digest(settings)
    jobs = plan_jobs(workspace, calls)
    todo = [job for job in jobs if redo or not store or not already_done(workspace, job, info.sha256, digest)]
    report = BatchReport(skipped=[job.call_id for job in jobs if job not in todo])
    if on_plan:
        on_plan(jobs, todo)
    started = time.perf_counter()
    if cluster.backend == "local" and len(todo) <= 1:
        cluster = ClusterOptions("local", None, 1)  # one call: no pool to start
    if cluster.backend == "ray":  # workers resolve the model themselves: the default one, or a path they must have
        setup = WorkerSetup(None if model is None else str(info.path), info.sha256, settings, threads=1)
    else:
        threads = max(1, (os.cpu_count() or 2) // cluster.workers) if cluster.workers > 1 else 0
        setup = WorkerSetup(str(info.path), info.sha256, settings, threads=threads)

    with open_executor(cluster) as executor:
        payloads = (_payload(job, executor.remote) for job in todo)
        submit = (lambda index: on_start(todo[index])) if on_start else None
        for outcome in executor.map(transcribe_payload, setup, payloads, on_submit=submit):
            job, result = todo[outcome.index], outcome.value
            if result is not None:
                if store:
                    store_result(workspace, job, result, actor, outcome.where)
                report.results[job.call_id] = result
                report.done.append(job.call_id)
                report.audio_seconds += result.duration
            else:
                report.failed[job.call_id] = outcome.error or "failed"
            if on_done:
                on_done(job, result, outcome.error)
    report.elapsed = time.perf_counter() - started
    return report


@dataclass(frozen=True)
class Comparison:
    """An ASR transcript beside the call's written (imported or reviewed) transcript."""

    call_id: int
    written: Transcript | None
    recognised: Transcript
    word_error_rate: float | None


def compare_with_written(workspace: Workspace, call_id: int, recognised: Transcript) -> Comparison:
    """Pair ``recognised`` with the newest non-ASR transcript of the call and score it (WER)."""
    written = None
    for stored in workspace.store.transcripts(call_id):
        if stored.transcript.source != TranscriptSource.ASR:
            written = stored.transcript
    if written is None:
        return Comparison(call_id, None, recognised, None)
    return Comparison(call_id, written, recognised, word_error_rate(written.text, recognised.text))
