"""Distributed transcription and annotation: the same job code on a real (local) Ray cluster.

One Ray instance is started for the module; the batch functions find it already connected and
use it, so each test pays for tasks, not for a cluster start.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from overheard.ingest.ingest import ingest_paths
from overheard.jobs.annotate import annotate_workspace
from overheard.jobs.cluster import ClusterError, ClusterOptions, open_executor, parse_cluster
from overheard.jobs.transcribe import settings_digest, transcribe_workspace
from overheard.speech.model import BASE_MODEL_SHA256
from overheard.speech.settings import TranscribeSettings
from overheard.speech.synthetic import Utterance, compose, write
from overheard.workspace import Workspace

if importlib.util.find_spec("ray") is None:
    pytest.skip("ray is not installed (pip install -e '.[dev]')", allow_module_level=True)

REPO = Path(__file__).resolve().parents[1]
SAMPLES = ("call-01-kupiansk", "call-03-svatove", "call-05-lysychansk")
RAY = ClusterOptions("ray", None, 2)


@pytest.fixture(scope="module", autouse=True)
def ray_cluster():
    """One private Ray instance (2 CPUs, no dashboard, 127.0.0.1 only) for the whole module.

    Started the way ``--cluster ray`` starts it; the batch functions find it connected and reuse it.
    """
    executor = open_executor(RAY)
    yield executor
    executor.close()


def _text_workspace(root: Path) -> Workspace:
    """A workspace holding three sample calls' written transcripts (and their metadata)."""
    sources = root / "in"
    sources.mkdir(parents=True)
    for key in SAMPLES:
        for suffix in (".txt", ".meta.yaml"):
            if (REPO / "samples" / f"{key}{suffix}").is_file():
                shutil.copy(REPO / "samples" / f"{key}{suffix}", sources)
    ws = Workspace.create(root / "ws")
    ingest_paths(ws, [sources], actor="tester")
    return ws


def _stored_findings(ws: Workspace) -> list[tuple]:
    rows = []
    for stored in ws.store.findings():
        f = stored.finding
        call = ws.store.transcript(stored.transcript_id).call_id
        rows.append((call, f.kind, f.label, f.start, f.end, f.text, f.score, f.producer, f.explanation,
                     json.dumps(dict(f.attributes), sort_keys=True, ensure_ascii=False, default=str)))
    return sorted(rows, key=repr)


def test_annotate_through_ray_stores_exactly_the_local_findings(tmp_path):
    local, remote, pooled = (_text_workspace(tmp_path / name) for name in "abc")
    try:
        here = annotate_workspace(local, "tester")
        there = annotate_workspace(remote, "tester", cluster=RAY, batch_size=1)  # one task per transcript
        pool = annotate_workspace(pooled, "tester", cluster=ClusterOptions("local", None, 2), batch_size=2)
        assert here.errors == [] and there.errors == [] and pool.errors == []
        assert _stored_findings(pooled) == _stored_findings(local)
        assert here.transcripts == there.transcripts == len(SAMPLES)
        assert there.annotated == here.annotated > 0 and there.findings == here.findings
        assert _stored_findings(remote) == _stored_findings(local) != []
        assert [w["backend"] for w in here.executors] == ["local"]
        assert {w["backend"] for w in there.executors} == {"ray"} and all(w["node"] for w in there.executors)
        run = [e for e in remote.store.audit_entries() if e.action == "annotate.run"][-1]
        assert json.loads(run.details)["executors"][0]["backend"] == "ray"

        again = annotate_workspace(remote, "tester", cluster=RAY)  # incremental through Ray too
        assert again.annotated == 0 and again.skipped == here.annotated
    finally:
        for ws in (local, remote, pooled):
            ws.close()


@pytest.fixture()
def audio_workspace(tmp_path):
    """One short spoken call and one whose vault original was damaged after ingest."""
    sources = tmp_path / "in"
    sources.mkdir()
    good, _ = compose([Utterance("Завтра нас переводят на другую позицию.", "ru", 0.3)], 16_000, 1)
    write(sources / "call-good.wav", good, 16_000)
    other, _ = compose([Utterance("У нас всё хорошо.", "ru", 0.3)], 8_000, 1)
    write(sources / "call-damaged.wav", other, 8_000)
    ws = Workspace.create(tmp_path / "ws")
    ingest_paths(ws, [sources], actor="tester")
    damaged = ws.store.get_call("call-damaged")
    path = ws.vault.absolute(ws.store.latest_recording(damaged.id).vault_path)
    path.chmod(0o644)
    path.write_bytes(path.read_bytes()[:44] + b"\x00" * 4000)  # a header and silence: not the original
    yield ws
    ws.close()


def test_transcribe_through_ray_stores_provenance_resumes_and_reports_a_bad_call(audio_workspace):
    ws = audio_workspace
    good, damaged = ws.store.get_call("call-good"), ws.store.get_call("call-damaged")
    settings = TranscribeSettings(language="ru")
    report = transcribe_workspace(ws, None, settings, cluster=RAY, actor="tester")
    assert report.done == [good.id]
    assert report.failed == {damaged.id: "IntegrityError E006"}  # one line, from the worker's sha256 check
    stored = ws.store.current_transcript(good.id)
    assert "позици" in stored.transcript.text.lower()
    assert stored.settings["executor"]["backend"] == "ray" and stored.settings["executor"]["node"]
    assert stored.settings["model_sha256"] == BASE_MODEL_SHA256
    assert stored.settings["audio_sha256"] == ws.store.latest_recording(good.id).sha256
    assert stored.settings["settings_digest"] == settings_digest(settings)
    entry = [e for e in ws.store.audit_entries(good.id) if e.action == "transcript.add"][-1]
    assert json.loads(entry.details)["settings"]["executor"]["backend"] == "ray"
    assert ws.store.current_transcript(damaged.id) is None

    again = transcribe_workspace(ws, None, settings, cluster=RAY, actor="tester")  # resumed: nothing redone
    assert again.done == [] and again.skipped == [good.id] and list(again.failed) == [damaged.id]
    assert [t.version for t in ws.store.transcripts(good.id)] == [1]

    local = transcribe_workspace(ws, [good.key], settings, store=False, actor="tester")  # the same job code here
    assert local.results[good.id].transcript.text == stored.transcript.text


def test_interrupted_ray_run_cancels_its_tasks_and_resumes(audio_workspace):
    import ray

    ws = audio_workspace
    good = ws.store.get_call("call-good")
    settings = TranscribeSettings(language="ru")

    def interrupt(job, result, error):  # Ctrl-C as the first call comes back
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        transcribe_workspace(ws, None, settings, cluster=RAY, actor="tester", on_done=interrupt)
    deadline = time.monotonic() + 60  # the call still in flight was cancelled: both CPUs come back (slowly on a
    while time.monotonic() < deadline:  # loaded machine: the cancelled worker must notice and exit first)
        if ray.available_resources().get("CPU") == 2:
            break
        time.sleep(0.1)
    assert ray.available_resources().get("CPU") == 2
    resumed = transcribe_workspace(ws, None, settings, cluster=RAY, actor="tester")
    assert good.id in resumed.done + resumed.skipped
    assert [t.version for t in ws.store.transcripts(good.id)] == [1]  # stored once, whatever the order


def test_cli_annotate_and_transcribe_accept_the_cluster_options(tmp_path):
    from typer.testing import CliRunner

    from overheard.cli.app import app

    ws = _text_workspace(tmp_path)
    root = ws.root
    ws.close()
    runner = CliRunner()
    result = runner.invoke(app, ["annotate", "-w", str(root), "--cluster", "ray", "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "findings stored" in result.stdout and "annotators ran on Ray" in result.stdout
    result = runner.invoke(app, ["transcribe", "--all", "-w", str(root), "--cluster", "ray", "--format", "json"])
    assert result.exit_code == 0, result.output  # written transcripts only: no audio, nothing to do
    assert json.loads(result.stdout)["done"] == []


@pytest.mark.parametrize(
    ("cluster", "address", "expected"),
    [
        (None, None, ClusterOptions("local", None, 3)),
        ("local", None, ClusterOptions("local", None, 3)),
        ("ray", None, ClusterOptions("ray", None, 3)),
        ("ray", "auto", ClusterOptions("ray", "auto", 3)),
        (None, "10.0.0.5:6379", ClusterOptions("ray", "10.0.0.5:6379", 3)),
        ("ray://head:10001", None, ClusterOptions("ray", "ray://head:10001", 3)),
    ],
)
def test_parse_cluster(cluster, address, expected):
    assert parse_cluster(cluster, address, 3) == expected


@pytest.mark.parametrize(("cluster", "address"), [("spark", None), ("ray://head:10001", "auto"), ("local", "auto")])
def test_parse_cluster_rejects_bad_values(cluster, address):
    with pytest.raises(ClusterError):
        parse_cluster(cluster, address, 1)


def _cli(*args: str, prelude: str = "") -> subprocess.CompletedProcess:
    code = f"import sys\n{prelude}\nfrom overheard.cli import main\nsys.argv = ['overheard', *{list(args)!r}]\nmain()"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)


def test_unreachable_cluster_is_a_one_line_coded_error(tmp_path):
    ws = _text_workspace(tmp_path)
    ws.close()
    result = _cli("annotate", "-w", str(ws.root), "--cluster", "ray://127.0.0.1:9")  # nothing listens on port 9
    assert result.returncode == 2
    assert result.stderr.startswith("error: E020 Ray cluster at 127.0.0.1:9 is unreachable")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_missing_ray_is_a_one_line_coded_error(tmp_path):
    ws = _text_workspace(tmp_path)
    ws.close()
    result = _cli("annotate", "-w", str(ws.root), "--cluster", "ray", prelude="sys.modules['ray'] = None")
    assert result.returncode == 2
    assert result.stderr == (
        "error: E020 Ray is not installed; pip install 'overheard[cluster]' or run without --cluster\n"
    )


def test_local_executor_reports_a_failing_item_and_goes_on():
    with open_executor(ClusterOptions("local", None, 2)) as pool:
        outcomes = sorted(pool.map(_invert, None, [1, 0, 4]), key=lambda o: o.index)
    assert [o.value for o in outcomes] == [1.0, None, 0.25]
    assert [o.error for o in outcomes] == [None, "ZeroDivisionError", None]
    assert {o.where["backend"] for o in outcomes} == {"local"}


def _invert(_shared, number):
    return 1 / number


def test_private_instance_stays_on_loopback_and_leaves_no_proxy_behind(ray_cluster):
    import ray

    assert ray.util.get_node_ip_address() == "127.0.0.1"  # never the machine's address (or 8.8.8.8 to find it)
    assert os.environ.get("no_grpc_proxy") != "*"  # the start-up-only proxy variables were put back
    assert ray_cluster.window == 4  # 2 x the cluster's CPUs in flight
