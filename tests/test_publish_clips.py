"""Clips from reviewed findings, on a real sample call whose recogniser mishears the wife's name.

call-02-kreminna opens with the husband's "Алло, Ир? Ира, это я." at 1 s. The recogniser's version
hears "Алло, и? И раз, это я." (no name in it); an analyst corrects that segment, which drops its word
timings, and the personal-data detectors find "Ир" and "Ира" in the reviewed text. The clip must bleep
those two words: their time range is read off the original audio itself (espeak-ng leaves silence at
every comma and question mark, so the turn is four runs of speech: Алло | Ир | Ира | это я).
"""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest
from conftest import SAMPLES
from helpers import run_cli

from overheard.errors import TimingError
from overheard.ingest.ingest import ingest_paths
from overheard.jobs.annotate import annotate_workspace, personal_data_detectors
from overheard.jobs.clips import REDACTED_CLIP_KIND, clip_call
from overheard.model import Segment, Transcript, TranscriptSource, Word
from overheard.review import correct_transcript
from overheard.speech.audio import load_native
from overheard.speech.clips import ClipSettings
from overheard.workspace import Workspace

pytestmark = pytest.mark.slow

CALL = "call-02-kreminna"
MISHEARD = "Алло, и? И раз, это я."
REVIEWED = "Алло, Ир? Ира, это я."


def speech_runs(samples: np.ndarray, rate: int, start: float, end: float) -> list[tuple[float, float]]:
    """Runs of speech (10 ms frames above the line noise) in ``[start, end)``, gaps under 60 ms closed."""
    frame = rate // 100
    runs: list[list[float]] = []
    for i in range(int(start * rate), int(end * rate) - frame, frame):
        if np.sqrt(np.mean(samples[i : i + frame] ** 2)) > 0.004:
            t = i / rate
            if runs and t - runs[-1][1] < 0.06:
                runs[-1][1] = t + 0.01
            else:
                runs.append([t, t + 0.01])
    return [(a, b) for a, b in runs if b - a >= 0.05]


@pytest.fixture(scope="module")
def corrected(tmp_path_factory):
    """The sample call with a misheard recognition, corrected by an analyst: (workspace, reviewed version id)."""
    ws = Workspace.create(tmp_path_factory.mktemp("clips") / "ws")
    ingest_paths(ws, [SAMPLES / f"{CALL}.opus", SAMPLES / f"{CALL}.meta.yaml"], actor="tester")
    heard = (Word(1.0, 1.2, "Алло,"), Word(1.39, 1.51, "и?"), Word(1.83, 1.92, "И"), Word(1.92, 2.02, "раз,"),
             Word(2.18, 2.3, "это"), Word(2.3, 2.48, "я."))
    asr = Transcript((Segment(MISHEARD, "Муж", 1.0, 4.0, language="ru", words=heard),
                      Segment("Андрюша! Ну наконец-то.", "Жена", 4.0, 9.0, language="ru")),
                     language="ru", source=TranscriptSource.ASR, producer="whisper-base")
    ws.store.add_transcript(CALL, asr, actor="tester", producer="whisper-base")
    annotate_workspace(ws, "tester")
    result = correct_transcript(ws.store, CALL, {0: REVIEWED}, "analyst", detectors=personal_data_detectors(ws))
    yield ws, result["id"]
    ws.close()


def test_the_reviewed_names_are_bleeped_where_they_are_spoken(corrected):
    ws, reviewed = corrected
    current = ws.store.current_transcript(CALL)
    assert current.id == reviewed and current.transcript.segments[0].words == ()  # the correction dropped them
    names = [f.finding.text for f in ws.store.findings(transcript_id=reviewed) if f.finding.label == "PER"]
    assert {"Ир", "Ира"} <= set(names)

    result = clip_call(ws, CALL, ClipSettings(start=0.0, end=4.0, bleep=True, disguise=True), None, "editor")

    original = load_native(ws.vault.absolute(ws.store.latest_recording(CALL).vault_path))
    rate = original.sample_rate
    loudest = np.max(np.abs(np.stack(original.channels)), axis=0)
    runs = speech_runs(loudest, rate, 0.9, 3.0)
    assert len(runs) == 4, runs  # Алло | Ир | Ира | это я
    clip = load_native(result.path)
    assert clip.sample_rate == rate
    for start, end in runs[1:3]:  # the two names: every sample is the tone, none of the voice is left
        a, b = int(start * rate), int(end * rate)
        tone = 0.25 * np.sin(2 * np.pi * 1000.0 * np.arange(a, b) / rate)
        for channel in clip.channels:
            residual = channel[a:b] - tone
            assert np.sqrt(np.mean(residual**2)) < 0.002, (start, end)
    a, b = int(runs[0][0] * rate), int(runs[0][1] * rate)  # "Алло" is not a name: still speech, not tone
    tone = 0.25 * np.sin(2 * np.pi * 1000.0 * np.arange(a, b) / rate)
    assert np.sqrt(np.mean((clip.channels[0][a:b] - tone) ** 2)) > 0.01

    derived = ws.store.derived_files(CALL)
    clip_row = [d for d in derived if d.kind == REDACTED_CLIP_KIND][-1]
    assert clip_row.sha256 == result.sha256
    assert clip_row.settings["transcript_id"] == reviewed and clip_row.settings["aligned_segments"] == 1
    assert any(d.kind == "timings.aligned" for d in derived)  # kept: the next clip does not align again


def test_a_name_without_timing_stops_the_clip_with_one_line(corrected, tmp_path):
    ws, _ = corrected
    before = len(ws.store.derived_files(CALL))
    with pytest.raises(TimingError) as raised:
        clip_call(ws, CALL, ClipSettings(start=4.0, end=6.0, bleep=True, align=False), tmp_path / "c.wav", "editor")
    message = str(raised.value)
    assert message.startswith("E050 ") and "\n" not in message and "segment 2" in message
    assert "Андр" not in message  # never the name itself
    assert len(ws.store.derived_files(CALL)) == before and not (tmp_path / "c.wav").exists()


def test_a_second_clip_reuses_the_kept_alignment(corrected):
    ws, _ = corrected
    result = clip_call(ws, CALL, ClipSettings(start=0.0, end=4.0, bleep=True, align=False), None, "editor")
    assert result.bleeped == 2


def test_the_cli_clip_reports_the_bleeps_and_the_viewer_kind(corrected):
    ws, _ = corrected
    done = run_cli("clip", CALL, "--from", "0", "--to", "4", "--bleep", workspace=ws.root)
    assert done.returncode == 0, done.stderr
    assert "(2 word spans bleeped)" in done.stdout
    entry = [e for e in ws.store.audit_entries(CALL) if e.action == "derived.create"][-1]
    assert json.loads(entry.details)["kind"] == REDACTED_CLIP_KIND


def test_reviewed_findings_skip_rejected_ones(corrected):
    from overheard.jobs.clips import reviewed_findings
    from overheard.review import decide

    ws, reviewed = corrected
    stored = [f for f in ws.store.findings(transcript_id=reviewed) if f.finding.label == "PER"]
    before = reviewed_findings(ws, reviewed, ["PER"])
    decide(ws.store, stored[0].id, "reject", "analyst", stored[0].revision)
    after = reviewed_findings(ws, reviewed, ["PER"])
    assert len(after) == len(before) - 1
    assert all(dataclasses.is_dataclass(f) for f in after)
