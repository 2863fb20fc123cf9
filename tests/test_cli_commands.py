"""Commands the other tests reach only through the library, run as a user types them."""

from __future__ import annotations

import json
import shutil

import soundfile
from conftest import REPO, tone, write_audio
from typer.testing import CliRunner

from overheard.cli.app import app

SAMPLES = REPO / "samples"


def test_people_sync_finds_the_people_of_every_call_and_lists_them_by_pseudonym(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    for name in ("call-01-kupiansk.txt", "call-01-kupiansk.meta.yaml", "call-03-svatove.txt",
                 "call-03-svatove.meta.yaml"):
        shutil.copy(SAMPLES / name, source / name)
    runner, ws = CliRunner(), str(tmp_path / "ws")
    assert runner.invoke(app, ["init", ws]).exit_code == 0
    assert runner.invoke(app, ["-w", ws, "ingest", str(source)]).exit_code == 0
    synced = runner.invoke(app, ["-w", ws, "people", "sync", "--actor", "tester"])
    assert synced.exit_code == 0, synced.output
    listed = runner.invoke(app, ["-w", ws, "people", "list", "--format", "json"])
    people = json.loads(listed.output)
    assert len(people) >= 2 and all(person["pseudonym"] for person in people)


def test_clip_cuts_and_disguises_a_bare_audio_file(tmp_path):
    source = write_audio(tmp_path / "call.wav", tone(3.0, rate=16_000), 16_000)
    out = tmp_path / "clip.wav"
    done = CliRunner().invoke(app, ["clip", str(source), "--from", "0.5", "--to", "2.0", "--disguise", "-o", str(out)])
    assert done.exit_code == 0, done.output
    audio, rate = soundfile.read(out)
    assert abs(len(audio) / rate - 1.5) < 0.05


def test_people_reject_of_a_proposal_that_does_not_exist_is_one_coded_line(tmp_path):
    runner, ws = CliRunner(), str(tmp_path / "ws")
    assert runner.invoke(app, ["init", ws]).exit_code == 0
    done = runner.invoke(app, ["-w", ws, "people", "reject", "no-such-signature", "--actor", "tester"])
    assert done.exit_code != 0 and "Traceback" not in done.output
