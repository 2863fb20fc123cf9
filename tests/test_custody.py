"""Chain of custody: vault and audit tamper detection, crash safety, custody and browse commands."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from conftest import tone, write_audio
from helpers import REPO, run_cli
from test_ingest import make_call

from overheard.ingest.ingest import ingest_paths
from overheard.store.schema import Base


def test_migrations_build_exactly_the_schema_the_models_describe(workspace):
    with workspace.store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_wal_mode_is_on(workspace):
    with sqlite3.connect(workspace.root / "overheard.db") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


# ---- vault ---------------------------------------------------------------------------------------
def ingested_workspace(tmp_path: Path) -> Path:
    make_call(tmp_path / "in")
    assert run_cli("init", str(tmp_path / "ws")).returncode == 0
    assert run_cli("ingest", str(tmp_path / "in"), workspace=tmp_path / "ws").returncode == 0
    return tmp_path / "ws"


def test_vault_verify_reports_changed_and_missing_originals(tmp_path):
    ws = ingested_workspace(tmp_path)
    ok = run_cli("vault", "verify", workspace=ws)
    assert ok.returncode == 0 and "3 originals verified" in ok.stdout
    originals = sorted((ws / "vault" / "originals").rglob("*.*"))
    changed, missing = originals[0], originals[1]
    os.chmod(changed, 0o644)
    changed.write_bytes(changed.read_bytes() + b"x")
    os.chmod(changed, 0o444)
    missing.unlink()
    bad = run_cli("vault", "verify", workspace=ws)
    assert bad.returncode == 2
    assert f"{changed.relative_to(ws)}: changed" in bad.stderr
    assert f"{missing.relative_to(ws)}: missing" in bad.stderr
    assert "2 of 3 originals failed" in bad.stderr


# ---- audit chain ---------------------------------------------------------------------------------
def tamper(ws: Path, sql: str) -> None:
    with sqlite3.connect(ws / "overheard.db") as db:
        db.execute(sql)


def test_audit_chain_is_intact_after_normal_work(tmp_path):
    ws = ingested_workspace(tmp_path)
    result = run_cli("audit", "verify", workspace=ws)
    assert result.returncode == 0 and "audit log intact" in result.stdout


def test_an_edited_audit_entry_is_detected(tmp_path):
    ws = ingested_workspace(tmp_path)
    tamper(ws, "UPDATE audit_log SET actor = 'someone else' WHERE id = 2")
    result = run_cli("audit", "verify", workspace=ws)
    assert result.returncode == 2 and "entry 2: content was changed" in result.stderr


def test_a_deleted_audit_entry_in_the_middle_is_detected(tmp_path):
    ws = ingested_workspace(tmp_path)
    tamper(ws, "DELETE FROM audit_log WHERE id = 3")
    result = run_cli("audit", "verify", workspace=ws)
    assert result.returncode == 2 and "missing" in result.stderr


def test_deleting_the_newest_audit_entries_is_detected(tmp_path):
    ws = ingested_workspace(tmp_path)
    tamper(ws, "DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)")
    result = run_cli("audit", "verify", workspace=ws)
    assert result.returncode == 2 and "entries removed" in result.stderr


def test_a_rewritten_chain_is_detected_through_the_links(tmp_path):
    ws = ingested_workspace(tmp_path)
    # change the first hex digit whatever it is (setting it to 'f' was a no-op one time in 16)
    tamper(ws, "UPDATE audit_log SET hash = CASE WHEN substr(hash, 1, 1) = 'f' THEN 'e' ELSE 'f' END "
               "|| substr(hash, 2) WHERE id = 1")
    result = run_cli("audit", "verify", workspace=ws)
    assert result.returncode == 2 and "entry 2: does not link" in result.stderr


# ---- crash safety --------------------------------------------------------------------------------
def count_rows(db: Path, table: str) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as connection:
            return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_sigkill_mid_batch_then_rerun_ingests_every_file_once(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    total = 120
    for index in range(total):
        write_audio(batch / f"call-{index:03d}.wav", tone(3.0, 8000, 2, frequency=200 + index), 8000)
    run_cli("init", str(tmp_path / "ws"))
    db = tmp_path / "ws" / "overheard.db"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    process = subprocess.Popen(
        [sys.executable, "-m", "overheard", "-w", str(tmp_path / "ws"), "ingest", "-q", str(batch)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while count_rows(db, "files") < 10 and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    ingested_before = count_rows(db, "files")
    assert 10 <= ingested_before < total, "the kill must land in the middle of the batch"

    rerun = run_cli("ingest", "-q", str(batch), workspace=tmp_path / "ws")
    assert rerun.returncode == 0, rerun.stderr
    with sqlite3.connect(db) as connection:
        names = [row[0] for row in connection.execute("SELECT original_name FROM files")]
        vault_paths = {row[0] for row in connection.execute("SELECT vault_path FROM files")}
        calls = connection.execute("SELECT COUNT(*) FROM calls").fetchone()[0]
    assert sorted(names) == sorted(f"call-{i:03d}.wav" for i in range(total))  # each once
    assert calls == total
    on_disk = {str(p.relative_to(tmp_path / "ws")) for p in (tmp_path / "ws" / "vault" / "originals").rglob("*.wav")}
    assert on_disk == vault_paths  # no orphans
    assert not any((tmp_path / "ws" / "vault" / "tmp").iterdir())
    assert run_cli("audit", "verify", workspace=tmp_path / "ws").returncode == 0
    assert run_cli("vault", "verify", workspace=tmp_path / "ws").returncode == 0


def test_orphaned_vault_file_from_a_crash_is_swept(workspace, tmp_path):
    source = write_audio(tmp_path / "a.wav", tone(1.0), 8000)
    # what a crash between the vault copy and the database commit leaves behind
    from overheard.store.vault import sha256_file

    orphan = workspace.vault.store_original(source, sha256_file(source), ".wav")
    (workspace.vault.tmp / "half.part").write_bytes(b"half")
    other = write_audio(tmp_path / "b.wav", tone(1.0, frequency=300), 8000)
    ingest_paths(workspace, [other], actor="t")
    assert not (workspace.root / orphan).exists() and not any(workspace.vault.tmp.iterdir())
    assert any(e.action == "vault.sweep" for e in workspace.store.audit_entries())


# ---- browse and custody --------------------------------------------------------------------------
def test_calls_json_and_show_and_custody(tmp_path):
    ws = ingested_workspace(tmp_path)
    listed = json.loads(run_cli("calls", "--format", "json", workspace=ws).stdout)
    assert [c["id"] for c in listed] == [1] and listed[0]["oblast"] == "Luhansk" and listed[0]["channels"] == 2
    shown = run_cli("show", "call-07", workspace=ws).stdout
    assert "Сын:" in shown and "200-е есть" in shown
    custody = json.loads(run_cli("custody", "1", "--format", "json", workspace=ws).stdout)
    assert {o["kind"] for o in custody["originals"]} == {"audio", "transcript", "metadata"}
    assert all(len(o["sha256"]) == 64 for o in custody["originals"])
    actions = [e["action"] for e in custody["events"]]
    assert actions[0] == "call.create" and "call.metadata" in actions and "transcript.add" in actions
    text = run_cli("custody", "1", workspace=ws).stdout
    assert custody["originals"][0]["sha256"] in text


def test_meta_command_changes_metadata_with_an_audit_entry(tmp_path):
    ws = ingested_workspace(tmp_path)
    result = run_cli(
        "meta", "1", "place=Сватово", "notes=checked by phone", workspace=ws, env={"OVERHEARD_ACTOR": "ed"}
    )
    assert result.returncode == 0, result.stderr
    custody = json.loads(run_cli("custody", "1", "--format", "json", workspace=ws).stdout)
    last = custody["events"][-1]
    assert last["action"] == "call.metadata" and last["actor"] == "ed"
    assert set(last["details"]["fields"]) == {"place", "notes"} and last["before_digest"] != last["after_digest"]
    bad = run_cli("meta", "1", "colour=red", workspace=ws)
    assert bad.returncode == 2 and "colour" in bad.stderr and "Traceback" not in bad.stderr


def test_findings_carry_their_seconds_of_audio_and_are_listed(tmp_path):
    from overheard.model import Finding, FindingKind
    from overheard.workspace import Workspace

    transcript = {
        "language": "ru",
        "segments": [
            {"start": 0.0, "end": 1.0, "speaker": "Мать", "text": "Алло"},
            {
                "start": 2.0,
                "end": 5.0,
                "speaker": "Сын",
                "text": "у нас трое двухсотых",
                "words": [
                    {"start": 2.0, "end": 2.2, "word": "у"},
                    {"start": 2.2, "end": 2.6, "word": "нас"},
                    {"start": 2.7, "end": 3.1, "word": "трое"},
                    {"start": 3.2, "end": 4.0, "word": "двухсотых"},
                ],
            },
        ],
    }
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "c.json").write_text(json.dumps(transcript, ensure_ascii=False), encoding="utf-8")
    ws = Workspace.create(tmp_path / "ws")
    ingest_paths(ws, [tmp_path / "in"], actor="t")
    stored = ws.store.current_transcript("c")
    start = stored.text.index("трое")
    finding = Finding(
        kind=FindingKind.CASUALTY,
        label="killed",
        start=start,
        end=start + len("трое двухсотых"),
        text="трое двухсотых",
        score=0.9,
        producer="casualties.v1",
        explanation="test rule",
        attributes={"count": 3, "approximate": False},
    )
    ws.store.replace_machine_findings(stored.id, "casualties.v1", [finding], "digest", actor="t")
    ws.close()
    listed = json.loads(run_cli("findings", "c", "--format", "json", workspace=tmp_path / "ws").stdout)
    (item,) = listed
    assert (item["time_start"], item["time_end"], item["segment"]) == (2.7, 4.0, 1)
    assert item["attributes"]["count"] == 3 and item["producer"] == "casualties.v1"
    text = run_cli("findings", workspace=tmp_path / "ws").stdout
    assert "трое двухсотых" in text and "00:03" in text


def test_current_transcript_prefers_a_persons_text_then_the_imported_one_then_asr(workspace):
    from overheard.model import Segment, Transcript, TranscriptSource

    def version(text: str, source: TranscriptSource) -> int:
        return workspace.store.add_transcript("c", Transcript(segments=(Segment(text),), source=source), actor="t")

    workspace.store.add_call("c", "t")
    asr_first = version("аср раз", TranscriptSource.ASR)
    assert workspace.store.current_transcript("c").id == asr_first  # only ASR: it is current
    imported = version("агентство", TranscriptSource.IMPORTED)
    version("аср два", TranscriptSource.ASR)  # a later ASR run does not displace the agency's text
    assert workspace.store.current_transcript("c").id == imported
    assert [t.id for t in workspace.store.current_transcripts()] == [imported]
    assert workspace.store.get_call("c").transcript_version == 2
    reviewed = version("исправлено", TranscriptSource.REVIEWED)
    version("аср три", TranscriptSource.ASR)
    assert workspace.store.current_transcript("c").id == reviewed
    assert [t.id for t in workspace.store.current_transcripts()] == [reviewed]
