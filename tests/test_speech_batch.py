"""Workspace batch transcription: stored versions with provenance, resumable, process pool, CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from overheard.ingest.ingest import ingest_paths
from overheard.jobs.clips import make_clip
from overheard.jobs.transcribe import settings_digest, transcribe_workspace
from overheard.model import TranscriptSource
from overheard.speech.clips import ClipSettings
from overheard.speech.model import BASE_MODEL_SHA256
from overheard.speech.settings import TranscribeSettings
from overheard.speech.synthetic import Utterance, compose, write
from overheard.workspace import Workspace


@pytest.fixture()
def workspace(tmp_path):
    """A workspace with two short synthetic calls (8 kHz stereo and 16 kHz mono)."""
    sources = tmp_path / "in"
    sources.mkdir()
    stereo, _ = compose(
        [
            Utterance("Привет, мама. У нас всё хорошо.", "ru", 0.3, 0),
            Utterance("Передай Андрею, что мы завтра уходим.", "ru", 3.5, 1),
        ],
        8_000,
        2,
    )
    write(sources / "call-a.wav", stereo, 8_000)
    mono, _ = compose([Utterance("Завтра нас переводят на другую позицию.", "ru", 0.3)], 16_000, 1)
    write(sources / "call-b.wav", mono, 16_000)
    ws = Workspace.create(tmp_path / "ws")
    ingest_paths(ws, [sources], actor="tester")
    yield ws
    ws.close()


def test_batch_stores_versions_with_provenance_and_resumes(workspace):
    settings = TranscribeSettings()
    report = transcribe_workspace(workspace, None, settings, actor="tester")
    assert sorted(report.done) == sorted(c.id for c in workspace.store.list_calls())
    assert not report.failed
    for call in workspace.store.list_calls():
        stored = workspace.store.current_transcript(call.id)
        assert stored.transcript.source == TranscriptSource.ASR
        assert stored.settings["model"] == "whisper-base"
        assert stored.settings["model_sha256"] == BASE_MODEL_SHA256
        assert stored.settings["settings_digest"] == settings_digest(settings)
        assert stored.settings["audio_sha256"] == workspace.store.latest_recording(call.id).sha256
        assert any(segment.words for segment in stored.transcript.segments)
    entries = [e for e in workspace.store.audit_entries() if e.action == "transcript.add"]
    assert len(entries) == 2
    assert all(json.loads(e.details)["settings"]["model_sha256"] == BASE_MODEL_SHA256 for e in entries)

    again = transcribe_workspace(workspace, None, settings, actor="tester")  # resumed run: nothing to redo
    assert again.done == [] and sorted(again.skipped) == sorted(report.done)

    forced = TranscribeSettings(language="ru")  # other settings: a new version
    first = workspace.store.list_calls()[0]
    third = transcribe_workspace(workspace, [str(first.id)], forced, actor="tester")
    assert third.done == [first.id]
    assert [t.version for t in workspace.store.transcripts(first.id)] == [1, 2]


def test_stereo_call_keeps_speakers_per_channel(workspace):
    call = next(c for c in workspace.store.list_calls() if c.key == "call-a")
    transcribe_workspace(workspace, [call.key], TranscribeSettings(), actor="tester")
    segments = workspace.store.current_transcript(call.id).transcript.segments
    assert [s.speaker for s in segments if s.text] == ["A", "B"]
    assert [s.channel for s in segments if s.text] == [0, 1]


def test_process_pool_gives_the_same_transcripts(workspace):
    report = transcribe_workspace(workspace, None, TranscribeSettings(language="ru"), workers=2, actor="tester")
    assert len(report.done) == 2 and not report.failed
    assert all(workspace.store.current_transcript(c.id).transcript.segments for c in workspace.store.list_calls())


def test_clip_of_a_workspace_call_is_a_derived_file_with_provenance(workspace, tmp_path):
    from overheard.model import Segment, Transcript

    call = next(c for c in workspace.store.list_calls() if c.key == "call-a")
    # an agency transcript without word timings stays current; the bleep uses the ASR version's timings
    agency = workspace.store.add_transcript(
        call.key, Transcript(segments=(Segment("Привет, мама."), Segment("Передай Андрею, что мы уходим."))),
        actor="tester",
    )
    transcribe_workspace(workspace, [call.key], TranscribeSettings(), actor="tester")
    assert workspace.store.current_transcript(call.key).id == agency
    original = workspace.store.latest_recording(call.id)
    before = workspace.vault.absolute(original.vault_path).read_bytes()
    result = make_clip(call.key, ClipSettings(bleep=True, disguise=True), workspace=workspace.root, actor="tester")
    assert result.path.is_file() and result.bleeped >= 1
    assert workspace.vault.absolute(original.vault_path).read_bytes() == before
    derived = workspace.store.derived_files(call.id)
    assert derived[-1].source_sha256 == original.sha256 and derived[-1].sha256 == result.sha256
    entry = [e for e in workspace.store.audit_entries(call.id) if e.action == "derived.create"][-1]
    details = json.loads(entry.details)
    assert details["settings"]["bleep"] is True and details["producer"] == "overheard.clip.v2"
    assert derived[-1].kind == "audio.clip.redacted"


def test_cli_batch_json_and_resume(workspace):
    command = [sys.executable, "-m", "overheard", "transcribe", "--all", "-w", str(workspace.root), "--format", "json"]
    first = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr[-2000:]
    assert len(json.loads(first.stdout)["done"]) == 2
    second = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert json.loads(second.stdout)["done"] == [] and len(json.loads(second.stdout)["skipped"]) == 2


def test_compare_without_storing_shows_written_transcript_and_wer(workspace, tmp_path):
    call = next(c for c in workspace.store.list_calls() if c.key == "call-b")
    written = "Завтра нас переводят на другую позицию."
    (tmp_path / "in" / "call-b.txt").write_text(f"Солдат: {written}\n", encoding="utf-8")
    ingest_paths(workspace, [tmp_path / "in" / "call-b.txt"], actor="tester")
    versions = len(workspace.store.transcripts(call.id))
    command = [sys.executable, "-m", "overheard", "transcribe", "call-b", "-w", str(workspace.root)]
    shown = subprocess.run(command + ["--compare", "--no-store"], capture_output=True, text=True, timeout=300)
    assert shown.returncode == 0, shown.stderr[-2000:]
    assert "written transcript" in shown.stdout and "word error rate" in shown.stdout
    assert "переводят" in shown.stdout
    assert len(workspace.store.transcripts(call.id)) == versions  # nothing stored
    as_json = subprocess.run(command + ["--compare", "--no-store", "-f", "json"], capture_output=True, text=True)
    rates = json.loads(as_json.stdout)["word_error_rates"]
    assert 0.0 <= rates[str(call.id)] <= 1.0
