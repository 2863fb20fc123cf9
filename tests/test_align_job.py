"""``overheard align``: every written transcript gets word timings, stored on its version with provenance.

Real audio (espeak-ng Russian, one party per stereo channel) and the real Whisper base model; the
transcript is plain text without times, as most agency transcripts are. What is checked is the
spec: the text (and every finding anchored to it) is unchanged, each turn gets timed words on its
speaker's channel, the provenance is in the custody log, findings, search hits and bleeped clips
use the timings, and a second run does nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from overheard.ingest.ingest import ingest_paths
from overheard.jobs.align import align_workspace, settings_digest
from overheard.jobs.clips import make_clip
from overheard.model import Finding, FindingKind, TranscriptSource
from overheard.review import versions
from overheard.search import SearchOptions, search
from overheard.speech.align import AlignSettings
from overheard.speech.clips import ClipSettings
from overheard.speech.model import BASE_MODEL_SHA256
from overheard.speech.synthetic import Utterance, compose, write
from overheard.workspace import Workspace

pytestmark = pytest.mark.slow

TURNS = [("Солдат", 0, 0.4, "Привет, мама. Это Андрей, у нас всё хорошо."),
         ("Мать", 1, 4.6, "Андрюша, сынок, когда ты вернёшься домой?"),
         ("Солдат", 0, 8.8, "Не знаю, мама. Завтра нас переводят на другую позицию.")]
META = """recorded_at: '2023-01-09T20:14:00+03:00'
oblast: Luhansk
language: ru
participants:
- {label: Солдат, role: soldier, channel: 0}
- {label: Мать, role: mother, channel: 1}
"""


@pytest.fixture(scope="module")
def aligned(tmp_path_factory):
    """A stereo call with a plain-text transcript, ingested and aligned once: (workspace, call, report)."""
    root = tmp_path_factory.mktemp("align-job")
    sources = root / "in"
    sources.mkdir()
    audio, _ = compose([Utterance(text, "ru", start, channel) for _, channel, start, text in TURNS], 8_000, 2)
    write(sources / "call-x.wav", audio, 8_000)
    (sources / "call-x.txt").write_text("".join(f"{who}: {text}\n" for who, _, _, text in TURNS), encoding="utf-8")
    (sources / "call-x.meta.yaml").write_text(META, encoding="utf-8")
    ws = Workspace.create(root / "ws")
    ingest_paths(ws, [sources], actor="tester")
    call = ws.store.call_by_key("call-x")
    before = ws.store.current_transcript(call.id)
    # a finding made before the alignment, on the untimed text: it has no second yet
    text = before.transcript.text
    start = text.index("Андрей")
    ws.store.add_human_finding(before.id, Finding(FindingKind.ENTITY, "PER", start, start + 6, "Андрей", 1.0,
                                                  "review.v1", "a person"), actor="tester")
    assert ws.store.findings(transcript_id=before.id)[0].time_start is None
    shares: list[float] = []
    report = align_workspace(ws, None, actor="tester", on_progress=lambda job, share: shares.append(share))
    report.progress = shares  # what the CLI's per-file bar was told
    yield ws, call, before, report
    ws.close()


def test_every_turn_gets_word_timings_on_its_speakers_channel_and_the_text_is_unchanged(aligned):
    ws, call, before, report = aligned
    assert list(report.done) == [call.id] and not report.failed
    after = ws.store.current_transcript(call.id)
    assert after.id == before.id and after.transcript.source == TranscriptSource.IMPORTED
    assert after.transcript.text == before.transcript.text and after.transcript.digest == before.transcript.digest
    for (who, channel, start, text), segment in zip(TURNS, after.transcript.segments, strict=True):
        assert segment.speaker == who and segment.channel == channel
        assert len(segment.words) == len(text.split())
        starts = [w.start for w in segment.words]
        assert starts == sorted(starts)
        assert segment.start == pytest.approx(start, abs=0.6)  # the turn was spoken there
        assert segment.words[0].start == segment.start and segment.end >= segment.words[-1].start


def test_each_file_reports_its_progress_up_to_the_whole(aligned):
    _, _, _, report = aligned
    assert report.progress[0] == 0.5  # the recognition pass that locates untimed turns is half the work
    assert report.progress == sorted(report.progress) and report.progress[-1] == 1.0


def test_transcription_reports_each_files_progress_as_its_batches_finish(aligned):
    ws, call, _, _ = aligned
    from overheard.jobs.transcribe import transcribe_workspace
    from overheard.speech.settings import TranscribeSettings

    shares: list[float] = []
    report = transcribe_workspace(ws, [call.key], TranscribeSettings(language="ru"), store=False, actor="tester",
                                  on_progress=lambda job, share: shares.append(share))
    assert report.done == [call.id]
    assert shares == sorted(shares) and shares[-1] == 1.0 and 0 < shares[0] < 1.0  # two channels: halves


def test_the_alignment_is_stored_with_its_provenance_in_custody(aligned):
    ws, call, before, _ = aligned
    (alignment,) = ws.store.alignments(transcript_id=before.id)
    recording = ws.store.latest_recording(call.id)
    assert alignment.producer == "whisper-align:whisper-base"
    assert alignment.settings["model_sha256"] == BASE_MODEL_SHA256
    assert alignment.settings["audio_sha256"] == recording.sha256
    assert alignment.settings["settings_digest"] == settings_digest(AlignSettings())
    assert alignment.settings["turns_located_by"] == "recognised words"
    assert [b.start for b in alignment.before] == [None, None, None]  # what the file said, kept
    entry = [e for e in ws.store.audit_entries(call.id) if e.action == "transcript.align"][-1]
    details = json.loads(entry.details)
    assert details["producer"] == alignment.producer and details["words"] == alignment.words
    assert not ws.store.verify_audit()


def test_findings_made_before_the_alignment_are_placed_in_time(aligned):
    ws, call, before, _ = aligned
    (finding,) = ws.store.findings(transcript_id=before.id)
    segment = ws.store.current_transcript(call.id).transcript.segments[0]
    andrey = next(w for w in segment.words if w.text.startswith("Андрей"))
    assert finding.time_start == pytest.approx(andrey.start) and finding.segment_position == 0


def test_search_hits_seek_to_the_word_itself(aligned):
    ws, call, _, _ = aligned
    hits = search(ws.store, "позицию", SearchOptions()).hits
    segment = ws.store.current_transcript(call.id).transcript.segments[2]
    word = next(w for w in segment.words if w.text.startswith("позицию"))
    assert [h.seconds for h in hits] == [pytest.approx(word.start)]
    assert word.start > segment.start + 1.0  # the word, not the turn's start


def test_bleeped_clips_use_the_written_text_and_its_timings(aligned):
    ws, call, _, _ = aligned
    result = make_clip(call.key, ClipSettings(bleep=True), workspace=ws.root, actor="tester")
    segment = ws.store.current_transcript(call.id).transcript.segments[0]
    andrey = next(w for w in segment.words if w.text.startswith("Андрей"))
    assert any(a <= andrey.start + 0.01 and andrey.end - 0.01 <= b for a, b in result.spans)


def test_the_version_switcher_offers_the_file_as_written_and_aligned(aligned):
    ws, call, before, _ = aligned
    choices = versions.version_choices(ws.store, call.id)
    assert [(c.key, c.kind) for c in choices] == [("v1-written", "imported"), ("v1", "aligned")]
    assert choices[0].timed_words == 0 and choices[1].timed_words == sum(len(t[3].split()) for t in TURNS)
    _, written = versions.version_transcript(ws.store, call.id, "v1-written")
    assert all(not s.words and s.start is None for s in written.transcript.segments)
    assert written.transcript.text == before.transcript.text


def test_a_second_run_skips_what_is_done_and_the_cli_reports_it(aligned):
    ws, call, _, _ = aligned
    command = [sys.executable, "-m", "overheard", "-w", str(ws.root), "align", "--all", "--format", "json"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout) | {"elapsed": 0} == {"done": {}, "skipped": [call.id], "failed": {},
                                                        "audio_seconds": 0.0, "elapsed": 0}
    assert len(ws.store.alignments(call_ref=call.id)) == 1


def test_a_named_call_without_a_written_transcript_is_a_coded_error(tmp_path):
    sources = tmp_path / "in"
    sources.mkdir()
    audio, _ = compose([Utterance("Привет, мама.", "ru", 0.3)], 16_000, 1)
    write(sources / "call-y.wav", audio, 16_000)
    ws = Workspace.create(tmp_path / "ws")
    ingest_paths(ws, [sources], actor="tester")
    ws.close()
    command = [sys.executable, "-m", "overheard", "-w", str(tmp_path / "ws"), "align", "call-y"]
    shown = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert shown.returncode != 0 and "E005" in shown.stderr + shown.stdout
    assert "written transcript" in shown.stderr + shown.stdout
