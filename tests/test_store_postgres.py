"""The shared store on a real PostgreSQL server and on SQLite, with the same test bodies.

A private server (tests/pg_server.py) starts once for this module on a unix socket in a
temporary folder; each test gets a fresh database on it. Every test that takes the
``database`` fixture runs twice: ``sqlite`` (the workspace's own overheard.db) and
``postgresql``.
"""

from __future__ import annotations

import dataclasses
import os
import socket
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import yaml
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from conftest import SAMPLES
from fastapi.testclient import TestClient
from helpers import REPO, run_cli
from pg_server import PostgresServer, require_binaries
from sqlalchemy import create_engine, func, inspect, select, text

from overheard.errors import ConflictError, NotFoundError, WorkspaceError
from overheard.ingest.ingest import ingest_paths
from overheard.jobs.annotate import annotate_workspace
from overheard.jobs.people import list_people, merge_people, split_person, sync_people
from overheard.model import (
    AnnotationRun,
    CallFilters,
    CallMetadata,
    EntityForm,
    Finding,
    FindingKind,
    MediaInfo,
    Participant,
    QueueFilters,
    ReviewStatus,
    Role,
    Segment,
    Supersession,
    Transcript,
    TranscriptSource,
)
from overheard.search import search, update_index
from overheard.store import Store, migrate
from overheard.store.schema import AuditRow, Base, CallRow, TranscriptRow
from overheard.store.store import DatabaseError
from overheard.store.users import AccountError, add_user, get_user
from overheard.web import create_app
from overheard.workspace import Workspace

SAMPLE_CALLS = ("call-01-kupiansk", "call-02-kreminna", "call-04-bakhmut")
PASSWORD = "Sh4red-store-Pa55"  # the test role's password: must never show up anywhere


@pytest.fixture(scope="module")
def pg():
    """One private PostgreSQL server for the module."""
    server = PostgresServer(require_binaries()).start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request) -> str | None:
    """The database a workspace is created with: None = SQLite in the workspace, else a new PG database."""
    if request.param == "sqlite":
        return None
    return request.getfixturevalue("pg").create_database()


@pytest.fixture
def ws(tmp_path, database) -> Workspace:
    """A fresh workspace on the backend under test (the vault always on local disk)."""
    workspace = Workspace.create(tmp_path / "ws", database=database)
    yield workspace
    workspace.close()


def sample_files(tmp_path: Path, keys=SAMPLE_CALLS) -> Path:
    """A folder with the sample corpus files of ``keys`` (audio, transcript and sidecar)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for path in SAMPLES.iterdir():
        if any(path.name.startswith(key + ".") for key in keys):
            (folder / path.name).write_bytes(path.read_bytes())
    return folder


# ---- schema ----------------------------------------------------------------------------------
def test_migrations_step_from_empty_to_head_and_match_the_models(database, tmp_path):
    url = database or f"sqlite:///{tmp_path / 'empty.db'}"
    engine = create_engine(url)
    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    revisions = [script.revision for script in scripts.walk_revisions()][::-1]
    assert revisions[-1] == migrate.head_revision() and len(revisions) >= 4
    config = migrate.alembic_config()
    for revision in revisions:  # one step at a time, as an old workspace would be upgraded
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
        assert migrate.current_revision(engine) == revision
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    assert {"calls", "files", "transcripts", "findings", "audit_log", "users", "person_candidates"} <= set(
        inspect(engine).get_table_names()
    )
    engine.dispose()


def test_file_sizes_past_two_gib_fit(ws):
    size = 3 * 1024**3 + 7  # a long recording: more than a 32-bit INTEGER holds
    ws.store.add_original(key="call-big", kind="audio", name="big.wav", sha256="ab" * 32, size=size,
                          source_path="big.wav", vault_path="vault/originals/ab/big.wav", actor="test",
                          file_format="wav")  # fmt: skip
    assert [f.size for f in ws.store.files("call-big")] == [size]


@pytest.mark.parametrize("number", [0, -1, 2**31, 10**12, 10**30])
def test_ids_no_row_can_have_are_not_found(ws, number):
    with pytest.raises(NotFoundError):
        ws.store.get_call(number)
    with pytest.raises(NotFoundError):
        ws.store.get_call(str(number))
    with pytest.raises(NotFoundError):
        ws.store.transcript(number)
    with pytest.raises(NotFoundError):
        ws.store.set_finding_status(number, ReviewStatus.ACCEPTED, "olena")
    with pytest.raises(NotFoundError):
        get_user(ws.store, number)


# ---- ingest ----------------------------------------------------------------------------------
def test_ingest_samples_then_reingest_changes_nothing(ws, tmp_path):
    folder = sample_files(tmp_path)
    first = ingest_paths(ws, [folder], actor="olena")
    assert sorted({o.status for o in first.outcomes}) == ["ingested"], [o.message for o in first.outcomes]
    assert len(first.outcomes) == 9
    calls = ws.store.list_calls()
    assert sorted(c.key for c in calls) == sorted(SAMPLE_CALLS)
    assert all(c.transcript_version == 1 and c.metadata.oblast for c in calls)
    files = ws.store.files()
    for row in files:  # originals stay on local disk, whatever the database
        assert (ws.root / row.vault_path).is_file()
    entries = len(ws.store.audit_entries())

    again = ingest_paths(ws, [folder], actor="petro")
    assert {o.status for o in again.outcomes} == {"unchanged"}
    assert [f.id for f in ws.store.files()] == [f.id for f in files]
    assert len(ws.store.audit_entries()) == entries
    assert ws.store.verify_audit() == []


# ---- Cyrillic ----------------------------------------------------------------------------------
LINES = ("Мам, Серёга ещё живой, а Петро́ — «трёхсотый».", "Ёлки, їжак і ґанок: ось де ми.")


def test_transcripts_findings_and_people_keep_cyrillic_intact(ws):
    assert all(unicodedata.is_normalized("NFC", line) for line in LINES)
    ws.store.add_call("call-ёж", "olena", CallMetadata(place="Щёлкино", oblast="Запорожская", participants=(
        Participant(label="A", role="soldier", name="Серёга Петров"),)), reason="test")  # fmt: skip
    transcript = Transcript(segments=tuple(Segment(text=line, speaker=s) for line, s in zip(LINES, "AB", strict=True)),
                            language="ru", source=TranscriptSource.IMPORTED)  # fmt: skip
    tid = ws.store.add_transcript("call-ёж", transcript, actor="olena")
    start = transcript.text.index("Серёга")
    finding = Finding(FindingKind.ENTITY, "PER", start, start + 6, "Серёга", 1.0, "human", "marked by hand",
                      {"normal": "Сергей", "surface": "Серёга"})  # fmt: skip
    fid = ws.store.add_human_finding(tid, finding, "olena")

    stored = ws.store.current_transcript("call-ёж")
    assert stored.text == transcript.text and [s.text for s in stored.transcript.segments] == list(LINES)
    assert "ё" in stored.text and "ї" in stored.text and "ґ" in stored.text
    call = ws.store.get_call("call-ёж")
    assert call.key == "call-ёж" and call.metadata.place == "Щёлкино"
    assert call.metadata.participants[0].name == "Серёга Петров"
    (found,) = [f for f in ws.store.findings(call_ref="call-ёж") if f.id == fid]
    assert found.finding.text == "Серёга" and found.finding.attributes["surface"] == "Серёга"
    assert found.review_status == ReviewStatus.ACCEPTED
    with ws.store.reading() as session:  # the database's own view of the text, not only Python's
        assert session.execute(select(func.length(TranscriptRow.text)).where(TranscriptRow.id == tid)).scalar() == len(
            transcript.text
        )
        assert session.execute(select(CallRow.id).where(CallRow.place == "Щёлкино")).scalar() == call.id
        assert session.execute(select(CallRow.id).where(CallRow.place == "Щелкино")).scalar() is None
        raw = session.execute(text("SELECT CAST(participants AS TEXT) FROM calls WHERE id = :id"), {"id": call.id})
        assert "Серёга Петров" in raw.scalar()  # JSON columns hold the letters, not \\u escapes

    sync_people(ws, "olena")
    forms = {form for person in list_people(ws) for form in person.forms}
    assert "Серёга" in forms, forms
    assert ws.store.verify_audit() == []


# ---- audit -------------------------------------------------------------------------------------
def test_audit_chain_verifies_and_catches_tampering(ws):
    for n in range(5):
        ws.store.audit(actor="olena", action="note", object_type="call", object_id=n, details={"note": f"ёж {n}"})
    assert ws.store.verify_audit() == []
    with ws.store.engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET details = :d WHERE id = 3"), {"d": '{"note":"еж 2"}'})
    assert [(p.entry_id, p.problem) for p in ws.store.verify_audit()] == [
        (3, "content was changed after it was written")
    ]
    with ws.store.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log WHERE id = 5"))
    problems = ws.store.verify_audit()
    assert problems[-1].entry_id is None and "entries removed" in problems[-1].problem


def test_pg_dump_and_restore_keep_the_store_and_its_chain(pg, tmp_path):
    source = Workspace.create(tmp_path / "ws", database=pg.create_database("live"))
    ingest_paths(source, [sample_files(tmp_path, SAMPLE_CALLS[:2])], actor="olena")
    calls = [(c.key, c.metadata, c.transcript_version) for c in source.store.list_calls()]
    texts = [t.text for t in source.store.current_transcripts()]
    entries = len(source.store.audit_entries())
    live = source.store.engine.url.database
    source.close()
    dump = pg.socket_dir / "live.dump"  # the server's own folder: the postgres user may write there
    pg.tool("pg_dump", "--format=custom", "--file", str(dump), live)
    restored_url = pg.create_database("restored")
    pg.tool("pg_restore", "--dbname", restored_url.split("/")[3].split("?")[0], str(dump))
    config = tmp_path / "ws" / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(source.config["database"], restored_url), "utf-8")
    restored = Workspace.open(tmp_path / "ws")
    assert restored.store.engine.url.database != live
    assert [(c.key, c.metadata, c.transcript_version) for c in restored.store.list_calls()] == calls
    assert [t.text for t in restored.store.current_transcripts()] == texts
    assert len(restored.store.audit_entries()) == entries and restored.store.verify_audit() == []
    restored.close()


# ---- concurrency -------------------------------------------------------------------------------
WRITER = """
import sys, time
from pathlib import Path
from overheard.model import Finding, FindingKind, Segment, Transcript, TranscriptSource
from overheard.store import Store

url, who, rounds, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
store = Store.open(url)
go.with_name(f"ready-{who}").touch()
while not go.exists():
    time.sleep(0.005)
for n in range(rounds):
    store.add_call("call-shared", who)  # both writers race to create the same call first
    line = f"{who} {n}: Серёга ещё там"
    tid = store.add_transcript("call-shared", Transcript(segments=(Segment(text=line),), language="ru",
                               source=TranscriptSource.REVIEWED), actor=who)
    store.add_human_finding(tid, Finding(FindingKind.ENTITY, "PER", line.index("С"), line.index("С") + 6, "Серёга",
                                         1.0, "human", "by hand"), who)
store.close()
"""


def test_two_processes_writing_at_once_leave_one_consistent_store(ws, tmp_path):
    url = str(ws.store.engine.url.render_as_string(hide_password=False))
    if ws.store.engine.dialect.name == "sqlite":
        url = str(ws.root / "overheard.db")
    go, rounds = tmp_path / "go", 12
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, url, who, str(rounds), str(go)], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for who in ("olena", "petro")
    ]  # fmt: skip
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"ready-{who}").exists() for who in ("olena", "petro")) and time.monotonic() < deadline:
        time.sleep(0.02)  # both have imported overheard and opened the store: start them together
    go.touch()
    for writer in writers:
        _out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err[-3000:]
    versions = [t.version for t in ws.store.transcripts("call-shared")]
    assert versions == list(range(1, 2 * rounds + 1))
    assert {t.actor for t in ws.store.transcripts("call-shared")} == {"olena", "petro"}
    assert len(ws.store.findings(call_ref="call-shared", current_only=False)) == 2 * rounds
    entries = ws.store.audit_entries()
    assert [e.action for e in entries].count("call.create") == 1
    assert len(entries) == 1 + 4 * rounds and ws.store.verify_audit() == []


def test_two_analysts_ingesting_at_once_store_each_file_once(ws, tmp_path):
    everything = sample_files(tmp_path, SAMPLE_CALLS + ("call-03-svatove", "call-05-lysychansk"))
    halves = [tmp_path / "a", tmp_path / "b"]
    for n, half in enumerate(halves):  # overlapping: call-01 is in both
        half.mkdir()
        for path in sorted(everything.iterdir()):
            if path.name.startswith("call-01") or (path.name.startswith(("call-02", "call-03")) == (n == 0)):
                (half / path.name).write_bytes(path.read_bytes())
    runs = [
        subprocess.Popen([sys.executable, "-m", "overheard", "-w", str(ws.root), "ingest", "-q", str(half)],
                         env={**os.environ, "PYTHONPATH": str(REPO / "src"), "OVERHEARD_ACTOR": who},
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for who, half in zip(("olena", "petro"), halves, strict=True)
    ]  # fmt: skip
    for run in runs:
        _out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err[-3000:]
    files = ws.store.files()
    assert len(files) == len(list(everything.iterdir())) == 15
    assert len({f.sha256 for f in files}) == 15 and {f.actor for f in files} == {"olena", "petro"}
    assert all((ws.root / f.vault_path).is_file() for f in files)
    assert sorted(c.key for c in ws.store.list_calls()) == sorted({p.name.split(".")[0] for p in everything.iterdir()})
    outcomes = [item.status for item in ws.store.ingest_items()]
    assert outcomes.count("unchanged") == 3 and outcomes.count("ingested") == 15
    assert ws.store.verify_audit() == []


def test_an_ingest_waits_for_another_machines_ingest_lock(pg, tmp_path):
    """Ingest takes the database's "ingest" lock too, so machines whose file locks don't meet still queue."""
    import threading

    ws = Workspace.create(tmp_path / "ws", database=pg.create_database())
    other_machine = Store.open(ws.store.engine.url.render_as_string(hide_password=False))
    done = threading.Event()
    try:
        with other_machine.exclusive("ingest"):
            worker = threading.Thread(target=lambda: (ingest_paths(ws, [sample_files(tmp_path, SAMPLE_CALLS[:1])],
                                                                   actor="petro"), done.set()))
            worker.start()
            assert not done.wait(2.0)  # held elsewhere: the ingest has not started
            assert ws.store.files() == []
        worker.join(timeout=120)
        assert done.is_set() and len(ws.store.files()) == 3
    finally:
        other_machine.close()
        ws.close()


def test_two_analysts_annotating_at_once_store_each_finding_once(ws, tmp_path):
    ingest_paths(ws, [sample_files(tmp_path)], actor="olena")
    runs = [
        subprocess.Popen([sys.executable, "-m", "overheard", "-w", str(ws.root), "annotate", "--force"],
                         env={**os.environ, "PYTHONPATH": str(REPO / "src"), "OVERHEARD_ACTOR": who},
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for who in ("olena", "petro")
    ]  # fmt: skip
    for run in runs:
        _out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err[-3000:]
    assert {e.actor for e in ws.store.audit_entries() if e.action == "annotate"} == {"olena", "petro"}
    after_both = findings_multiset(ws.store)
    annotate_workspace(ws, "ivan", force=True)  # what one run alone leaves
    assert sum(after_both.values()) > 20 and after_both == findings_multiset(ws.store)
    assert ws.store.verify_audit() == []


HOLDER = """
import sys, time
from pathlib import Path
from overheard.store import Store
store = Store.open(sys.argv[1])
with store.exclusive("ingest"):
    Path(sys.argv[2]).touch()
    time.sleep(1.5)
"""


def test_exclusive_lock_holds_across_processes_on_postgresql(pg, tmp_path):
    url = pg.create_database()
    store = Store.open(url, create=True)
    held = tmp_path / "held"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, url, str(held)], env={**os.environ,
                              "PYTHONPATH": str(REPO / "src")})  # fmt: skip
    deadline = time.monotonic() + 60
    while not held.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    with store.exclusive("vault"):  # another name: not blocked
        assert holder.poll() is None
    start = time.monotonic()
    with store.exclusive("ingest"):
        waited = time.monotonic() - start
        assert holder.wait(timeout=5) == 0
    assert waited > 0.8
    with store.exclusive("ingest"):  # released on the way out, so taken again at once
        pass
    store.close()


def findings_multiset(store: Store) -> Counter:
    """Every stored finding as (transcript, producer, kind, label, start, end, status), counted."""
    return Counter(
        (f.transcript_id, f.finding.producer, f.finding.kind, f.finding.label, f.finding.start, f.finding.end,
         f.review_status)
        for f in store.findings(current_only=False)
    )  # fmt: skip


def test_a_schema_newer_than_this_overheard_is_refused(ws):
    with ws.store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    ws.close()
    with pytest.raises(WorkspaceError, match="E001 the database has schema revision 0999, newer than"):
        Workspace.open(ws.root)


# ---- web ---------------------------------------------------------------------------------------
def test_web_app_logs_in_and_lists_calls(ws, tmp_path):
    ingest_paths(ws, [sample_files(tmp_path)], actor="olena")
    add_user(ws.store, "olena", "analyst", PASSWORD, actor="admin")
    client = TestClient(create_app(ws))
    token = client.get("/api/session").json()["csrf_token"]
    response = client.post("/api/login", json={"name": "olena", "password": PASSWORD}, headers={"X-CSRF-Token": token})
    assert response.status_code == 200, response.text
    listed = client.get("/api/calls").json()
    assert listed["counts"]["total"] == 3
    assert [c["key"] for c in listed["calls"]] == [c.key for c in ws.store.list_calls()]
    calls = {c.key: c for c in ws.store.list_calls()}
    longest = client.get("/api/calls", params={"sort": "-duration"}).json()["calls"]
    assert [c["key"] for c in longest] == sorted(calls, key=lambda key: -calls[key].duration)
    speaker = sorted(calls["call-01-kupiansk"].speakers)[0]  # Cyrillic speaker labels from the transcript
    assert any("\u0400" <= ch <= "\u04ff" for ch in speaker)
    assert speaker in listed["facets"]["speaker"]
    spoke = client.get("/api/calls", params={"speaker": speaker}).json()["calls"]
    assert "call-01-kupiansk" in [c["key"] for c in spoke]
    assert [c["key"] for c in spoke] == [key for key in calls if speaker in calls[key].speakers]
    assert client.get("/api/calls/99999999999").status_code == 404  # past INTEGER: "not found", not a 500
    first = listed["calls"][0]
    page = client.get(f"/calls/{first['id']}")
    assert page.status_code == 200 and first["key"] in page.text
    assert ws.store.verify_audit() == []


# ---- CLI, configuration and errors ------------------------------------------------------------
def test_sqlite_url_gets_wal_and_the_write_lock_too(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'x.db'}", create=True)
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    store.close()


def test_cli_init_on_postgresql_keeps_the_password_out_of_config_and_output(pg, tmp_path):
    url = pg.create_database("newsroom")
    name = url.split("/")[3].split("?")[0]
    pg.sql(f"CREATE ROLE analyst LOGIN PASSWORD '{PASSWORD}'", f"GRANT ALL ON DATABASE {name} TO analyst")
    pg.sql("GRANT ALL ON SCHEMA public TO analyst", database=name)
    shared = pg.url(name, user="analyst")
    root = tmp_path / "ws"

    refused = run_cli("init", str(root), "--database", pg.url(name, user="analyst", password=PASSWORD))
    assert refused.returncode == 2 and "E017" in refused.stderr and PASSWORD not in refused.stdout + refused.stderr
    assert not root.exists()

    done = run_cli("init", str(root), "--database", shared, env={"PGPASSWORD": PASSWORD})
    assert done.returncode == 0, done.stderr
    config = (root / "config.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(config)["database"] == shared and PASSWORD not in config
    assert not (root / "overheard.db").exists()
    ingested = run_cli("ingest", str(sample_files(tmp_path, SAMPLE_CALLS[:1])), workspace=root,
                       env={"PGPASSWORD": PASSWORD})  # fmt: skip
    assert ingested.returncode == 0, ingested.stderr
    listed = run_cli("audit", "verify", workspace=root, env={"PGPASSWORD": PASSWORD})
    assert listed.returncode == 0, listed.stderr
    for result in (done, ingested, listed):
        assert PASSWORD not in result.stdout + result.stderr
    with create_engine(pg.url(name)).connect() as connection:  # the rows are on the server, owned by the role
        assert connection.execute(select(func.count()).select_from(CallRow)).scalar() == 1
        actors = connection.execute(select(AuditRow.details)).scalars().all()
        assert all(PASSWORD not in details for details in actors)

    wrong = run_cli("audit", "verify", workspace=root, env={"PGPASSWORD": "not-the-" + PASSWORD})
    assert wrong.returncode == 2, wrong.stderr
    assert wrong.stderr.count("\n") == 1 and "E017" in wrong.stderr and "password authentication failed" in wrong.stderr
    assert PASSWORD not in wrong.stdout + wrong.stderr and "Traceback" not in wrong.stderr


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (f"postgresql+psycopg://analyst:{PASSWORD}@/overheard?host=/nonexistent-overheard-dir", "No such file"),
        (f"postgresql+psycopg://analyst:{PASSWORD}@127.0.0.1:1/overheard?connect_timeout=3", "refused"),
        (
            f"postgresql+psycopg://analyst@/overheard?host=/nonexistent-overheard-dir&password={PASSWORD}",
            "No such file",
        ),
        (f"mysql+mysqldb://analyst:{PASSWORD}@localhost/overheard", "is not installed (MySQLdb)"),
        (f"nosuchdb://analyst:{PASSWORD}@localhost/overheard", "is not a database URL"),
    ],
    ids=["no-socket", "refused", "password-in-query", "no-driver", "unknown-dialect"],
)
def test_unreachable_database_is_one_coded_line_without_the_password(tmp_path, url, expected):
    with pytest.raises(DatabaseError) as raised:
        Store.open(url, create=True)
    message = str(raised.value)
    assert message.startswith("E017 ") and expected in message and "\n" not in message
    assert PASSWORD not in message
    (tmp_path / "config.yaml").write_text("version: 1\n", encoding="utf-8")
    result = run_cli("audit", "verify", workspace=tmp_path, env={"OVERHEARD_DATABASE_URL": url})
    assert result.returncode == 2 and "E017" in result.stderr and expected in result.stderr
    assert PASSWORD not in result.stdout + result.stderr and "Traceback" not in result.stderr


def test_a_server_that_never_answers_is_given_up_on(tmp_path, monkeypatch):
    monkeypatch.delenv("PGCONNECT_TIMEOUT", raising=False)
    with socket.socket() as silent:  # accepts TCP connections, never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        url = f"postgresql+psycopg://analyst:{PASSWORD}@127.0.0.1:{silent.getsockname()[1]}/overheard"
        (tmp_path / "config.yaml").write_text("version: 1\n", encoding="utf-8")
        result = run_cli("audit", "verify", workspace=tmp_path,
                         env={"OVERHEARD_DATABASE_URL": url, "PGCONNECT_TIMEOUT": "2"})  # fmt: skip
        assert result.returncode == 2 and "E017" in result.stderr and "timeout expired" in result.stderr
        assert PASSWORD not in result.stdout + result.stderr
        monkeypatch.setenv("PGCONNECT_TIMEOUT", "2")  # libpq's variable is honoured (timed in-process: a
        start = time.monotonic()                       # CLI start-up on a busy machine is not the timeout)
        with pytest.raises(DatabaseError, match="timeout expired"):
            Store.open(url)
        assert time.monotonic() - start < 8
        monkeypatch.delenv("PGCONNECT_TIMEOUT")
        start = time.monotonic()
        with pytest.raises(DatabaseError, match="timeout expired"):
            Store.open(url)
        assert 9 < time.monotonic() - start < 20  # the default: 10 s, not psycopg's 130 s


def test_a_database_that_is_not_utf8_is_refused(pg):
    url = pg.create_database("latin", encoding="SQL_ASCII")
    with pytest.raises(DatabaseError, match="E017 .* stores text as SQL_ASCII, not UTF8"):
        Store.open(url, create=True)


# ---- every aggregate's queries, on both backends ------------------------------------------------
# The Store's methods (overheard.store.store) over each aggregate module: calls, files, transcripts,
# findings and the review queue, people, the search index, users and the audit log.
AT = datetime(2026, 2, 1, 10, 0)


def _transcript(*lines: tuple[str, str], language: str = "ru", source=TranscriptSource.IMPORTED) -> Transcript:
    return Transcript(segments=tuple(Segment(text=text, speaker=speaker, start=n * 2.0, end=n * 2.0 + 1.5)
                                     for n, (speaker, text) in enumerate(lines)), language=language, source=source)


def _finding(text: str, needle: str, kind: FindingKind, label: str, score: float, producer: str) -> Finding:
    start = text.index(needle)
    return Finding(kind, label, start, start + len(needle), needle, score, producer, f"test: {needle}")


@pytest.fixture
def three_calls(ws) -> dict[str, int]:
    """Three calls with metadata, current transcripts and machine findings; "007" is a key made of digits."""
    store = ws.store
    ids = {
        "kherson": store.add_call("kherson", "olena", CallMetadata(recorded_at=AT, oblast="Херсонская",
                                                                   place="Берислав", language="ru"), reason="test").id,
        "luhansk": store.add_call("luhansk", "olena", CallMetadata(recorded_at=AT + timedelta(days=10),
                                                                   oblast="Луганская"), reason="test").id,
        "007": store.add_call("007", "olena").id,
    }
    lines = {"kherson": [("Мать", "У нас двое двухсотых, Серёга ранен."), ("Солдат", "Держись, сынок.")],
             "luhansk": [("Сын", "Мам, нас не кормят, трое ушли."), ("Мать", "Береги себя.")],
             "007": [("A", "Тихо всё.")]}
    for key, said in lines.items():
        language = "uk" if key == "luhansk" else "ru"
        tid = store.add_transcript(ids[key], _transcript(*said, language=language), actor="olena")
        text = store.transcript(tid).text
        runs = []
        if key == "kherson":
            runs = [AnnotationRun("casualty.v1", (_finding(text, "двое двухсотых", FindingKind.CASUALTY, "killed", 0.9,
                                                           "casualty.v1"),
                                                  _finding(text, "ранен", FindingKind.CASUALTY, "wounded", 0.4,
                                                           "casualty.v1")), "d1"),
                    AnnotationRun("entities.v1", (_finding(text, "Серёга", FindingKind.ENTITY, "PER", 0.7,
                                                           "entities.v1"),), "d2", personal_data=True)]
        if key == "luhansk":
            runs = [AnnotationRun("themes.v1", (_finding(text, "нас не кормят", FindingKind.THEME, "supply", 0.6,
                                                         "themes.v1"),), "d3")]
        if runs:
            store.store_annotations(tid, runs, "olena")
    return ids


def test_calls_are_found_listed_filtered_sorted_and_paged(ws, three_calls):
    store, ids = ws.store, three_calls
    assert store.get_call("007").id == ids["007"] and store.call_by_key("007").id == ids["007"]
    assert store.call_by_key(str(ids["kherson"])) is None  # a key, never read as an id
    assert {c.key: (c.recorded_at, c.oblast, c.place) for c in store.call_headers()} == {
        "kherson": (AT, "Херсонская", "Берислав"), "luhansk": (AT + timedelta(days=10), "Луганская", None),
        "007": (None, None, None)}

    def keys(**filters) -> list[str]:
        return [c.key for c in store.call_list(CallFilters(**filters)).calls]

    assert keys() == ["kherson", "luhansk", "007"]  # oldest first, undated last
    assert keys(date_from=(AT + timedelta(days=1)).date()) == ["luhansk"] and keys(date_to=AT.date()) == ["kherson"]
    assert keys(oblast="Луганская") == ["luhansk"] and keys(theme="supply") == ["luhansk"]
    assert keys(casualty="killed") == ["kherson"] and keys(casualty="refused") == []
    assert keys(language="uk") == ["luhansk"]  # the call has none: its current transcript's language counts
    assert keys(speaker="Мать") == ["kherson", "luhansk"] and keys(speaker="Солдат") == ["kherson"]
    page = store.call_list(CallFilters(), sort="-findings", page=1, page_size=2)
    assert [c.key for c in page.calls] == ["kherson", "luhansk"] and (page.pages, page.sort) == (2, "-findings")
    kherson = page.calls[0]
    assert (kherson.findings, kherson.pending, kherson.transcript_version, kherson.language) == (3, 3, 1, "ru")
    assert [c.key for c in store.call_list(CallFilters(), sort="-findings", page=2, page_size=2).calls] == ["007"]
    assert [c.key for c in store.call_list(CallFilters(), sort="key").calls] == ["007", "kherson", "luhansk"]
    assert store.call_list(CallFilters(), sort="nonsense").sort == "recorded_at"
    assert (page.total, page.matching, dict(page.by_status)) == (3, 3, {"new": 3})
    assert page.facets["speaker"] == tuple(sorted({"A", "Мать", "Солдат", "Сын"}))
    assert (page.facets["casualty"], page.facets["theme"]) == (("killed", "wounded"), ("supply",))
    assert set(page.facets["language"]) == {"ru", "uk"} and page.facets["oblast"] == ("Луганская", "Херсонская")

    before = store.change_count()
    store.set_review_status("luhansk", "verified", "petro")
    assert store.change_count() == before + 1  # every write moves the counter the list's cache keys on
    assert keys(status="verified") == ["luhansk"]
    assert dict(store.call_list(CallFilters()).by_status) == {"new": 2, "verified": 1}
    assert store.merge_metadata([ids["007"], "luhansk"], CallMetadata(place="Сватово"), "petro", reason="test") == 2
    assert store.merge_metadata([ids["007"]], CallMetadata(place="Сватово"), "petro", reason="test") == 0
    assert store.update_metadata("007", CallMetadata(oblast="Луганская"), "petro").metadata.place == "Сватово"
    assert [e.action for e in store.audit_entries("007")][-2:] == ["call.metadata", "call.metadata"]
    with pytest.raises(NotFoundError):
        store.get_call("no-such-call")


def test_a_region_filter_is_every_stored_spelling_of_the_region(ws, three_calls):
    """The calls list and the queue by a call's region (annotate.regions) on both backends."""
    from overheard.annotate import regions

    store = ws.store
    store.add_call("kherson-en", "olena", CallMetadata(oblast="Kherson"), reason="test")
    assert store.oblast_spellings() == ("Kherson", "Луганская", "Херсонская")

    def keys(oblast: str) -> list[str]:
        filters = regions.narrowed(CallFilters(oblast=oblast), store.oblast_spellings())
        return [c.key for c in store.call_list(filters).calls]

    assert keys("Kherson") == keys("Херсонская") == ["kherson", "kherson-en"]
    assert keys("Тридевятая") == [] and store.call_list(CallFilters(oblast="Kherson")).matching == 1  # as given
    queue = store.review_queue(filters=regions.narrowed(QueueFilters(oblast="Kherson"), store.oblast_spellings()))
    assert {item.call_key for item in queue.items} == {"kherson"} and queue.matching == 3
    store.update_metadata("luhansk", CallMetadata(oblast="Херсонська область"), "petro")
    assert keys("Kherson") == ["kherson", "luhansk", "kherson-en"]  # the edit regroups the call at once


def test_originals_derived_files_and_ingest_outcomes(ws):
    store = ws.store
    media = MediaInfo(duration=12.5, channels=2, sample_rate=8000, codec="amr_nb", container="amr")
    first, created = store.add_original(key="call-ёж", kind="audio", name="call-ёж.amr", sha256="1" * 64, size=10,
                                        source_path="in/call-ёж.amr", vault_path="vault/originals/11/x.amr",
                                        actor="olena", file_format="amr", media=media)
    assert created and (first.version, first.previous_id, first.codec, first.channels) == (1, None, "amr_nb", 2)
    again, created = store.add_original(key="call-ёж", kind="audio", name="call-ёж.amr", sha256="2" * 64, size=11,
                                        source_path="in/call-ёж.amr", vault_path="vault/originals/22/x.amr",
                                        actor="petro", file_format="amr", media=media)
    assert not created and (again.version, again.previous_id) == (2, first.id)
    sidecar, _ = store.add_original(key="call-ёж", kind="metadata", name="call-ёж.meta.yaml", sha256="3" * 64, size=5,
                                    source_path="in/call-ёж.meta.yaml", vault_path="vault/originals/33/x.yaml",
                                    actor="olena", file_format="metadata", metadata=CallMetadata(oblast="Донецкая"))
    text, _ = store.add_original(key="call-ёж", kind="transcript", name="call-ёж.txt", sha256="4" * 64, size=5,
                                 source_path="in/call-ёж.txt", vault_path="vault/originals/44/x.txt", actor="olena",
                                 file_format="txt", encoding="utf-8", transcript=_transcript(("A", "Алло, мам?")))
    call = store.get_call("call-ёж")
    assert (call.metadata.oblast, call.duration, call.channels, call.has_audio) == ("Донецкая", 12.5, 2, True)
    assert store.current_transcript(call.id).settings == {"format": "txt", "encoding": "utf-8"}
    assert [f.id for f in store.files(call.id)] == [first.id, again.id, sidecar.id, text.id] == [
        f.id for f in store.files()]
    assert store.file_by_sha256("2" * 64) == again and store.file(first.id) == first and store.file(10**12) is None
    assert store.latest_recording("call-ёж") == again and store.recordings(call.id) == [first, again]
    derived_id = store.add_derived_file(call_id=call.id, kind="audio.playable", path="vault/derived/p.wav",
                                        sha256="5" * 64, source_sha256=again.sha256, producer="pyav",
                                        settings={"codec": "pcm_s16le"}, actor="overheard-web")
    (derived,) = store.derived_files("call-ёж")
    assert derived == store.derived_file(derived_id) and derived.settings == {"codec": "pcm_s16le"}
    assert store.derived_file(derived_id + 1) is None and store.derived_files() == [derived]
    assert store.vault_paths() == {f.vault_path for f in store.files()} | {"vault/derived/p.wav"}
    store.record_ingest_item("run-1", "in/a.txt", "failed", code="E004", message="empty")
    store.record_ingest_item("run-2", "in/b.txt", "ingested", sha256="4" * 64, call_id=call.id)
    assert [(i.run_id, i.status, i.code) for i in store.ingest_items()] == [("run-1", "failed", "E004"),
                                                                           ("run-2", "ingested", None)]
    assert [i.call_id for i in store.ingest_items("run-2")] == [call.id]
    assert [e.action for e in store.audit_entries(call.id)].count("file.ingest") == 4
    assert store.verify_audit() == []


def test_findings_decisions_and_the_review_queue(ws, three_calls):
    store = ws.store
    current = store.current_transcript("kherson")
    queue = store.review_queue(limit=2)
    assert queue.pending == 4 and [(i.call_key, i.finding.finding.label) for i in queue.items] == [
        ("kherson", "wounded"), ("kherson", "PER")]  # casualties and personal data first, then lowest score
    themes = store.review_queue(filters=QueueFilters(kind="theme"))
    assert themes.matching == 1 and [i.finding.finding.label for i in themes.items] == ["supply"]
    wounded = queue.items[0].finding
    assert store.finding(wounded.id) == wounded
    with pytest.raises(NotFoundError):
        store.finding(10**12)
    assert store.entity_spans([current.id], ("per",)) == {current.id: [(current.text.index("Серёга"),
                                                                         current.text.index("Серёга") + 6)]}
    assert store.annotation_digest(current.id, "entities.v1") == "d2"
    assert store.annotation_digest(current.id, "other.v1") is None
    assert [r.producer for r in store.annotation_runs(current.id)] == ["casualty.v1", "entities.v1"]
    assert store.unchecked_segments([current.id]) == {current.id: frozenset()}

    revision = store.set_finding_status(wounded.id, ReviewStatus.ACCEPTED, "olena", expected_revision=0)
    with pytest.raises(ConflictError, match="changed since you loaded it"):
        store.set_finding_status(wounded.id, ReviewStatus.REJECTED, "petro", expected_revision=0)
    fixed = dataclasses.replace(wounded.finding, label="killed", producer="review.v1")
    (new_id,) = store.supersede_findings([Supersession(wounded.id, fixed, revision)], "olena")
    with pytest.raises(ConflictError, match="was corrected by finding"):
        store.supersede_findings([Supersession(wounded.id, fixed)], "petro")
    assert store.finding(new_id).supersedes_id == wounded.id
    assert store.finding(wounded.id).review_status == ReviewStatus.CORRECTED
    person = next(f for f in store.findings(call_ref="kherson") if f.finding.label == "PER")
    store.set_finding_status(person.id, ReviewStatus.REJECTED, "olena")
    assert store.entity_spans([current.id], ("PER",)) == {}  # rejected entities mask nothing
    assert store.review_queue().pending == 2
    store.replace_machine_findings(current.id, "casualty.v1", [], "d9", "petro")  # pending ones go, decisions stay
    assert {(f.finding.label, f.review_status) for f in store.findings(transcript_id=current.id, kind="casualty")} == {
        ("wounded", ReviewStatus.CORRECTED), ("killed", ReviewStatus.ACCEPTED)}

    edited = _transcript(("Мать", "У нас двое двухсотых, Серёга ранен."), ("Солдат", "Держись, сынок!"),
                         source=TranscriptSource.REVIEWED)
    new_tid = store.add_reviewed_transcript(current.call_id, edited, based_on=current.id, carried=[],
                                            runs=[AnnotationRun("entities.v1", (), "d2", True, frozenset({1}))],
                                            actor="olena", settings={})
    with pytest.raises(ConflictError, match="newer transcript version"):
        store.add_reviewed_transcript(current.call_id, edited, based_on=current.id, carried=[], runs=[],
                                      actor="petro", settings={})
    assert store.current_transcript("kherson").id == new_tid and store.unchecked_segments([new_tid]) == {
        new_tid: frozenset({1})}
    assert [t.version for t in store.transcripts("kherson")] == [1, 2]
    assert store.findings(call_ref="kherson") == [] and len(store.findings(call_ref="kherson", current_only=False)) == 3
    assert store.verify_audit() == []


def test_people_are_synced_merged_split_and_read(ws, three_calls):
    counts = sync_people(ws, "olena")
    assert counts["calls"] == 3 and counts["mentions"] >= 1
    mentions = ws.store.person_mentions()
    assert any(m.text == "Серёга" for m in mentions) and all(m.transcript_id for m in mentions)
    assert all(isinstance(f, EntityForm) for f in ws.store.entity_forms())
    people = list_people(ws)
    assert people == ws.store.people() and all(p.pseudonym and p.pseudonym != p.display for p in people)
    again = sync_people(ws, "petro")  # idempotent: nothing new
    assert again["new_candidates"] == 0 and list_people(ws) == people
    serega = next(p for p in people if "Серёга" in p.forms)
    other = ws.store.add_call("extra", "olena").id
    ws.store.add_transcript(other, _transcript(("A", "Передай Ивану Петренко, что всё хорошо.")), actor="olena")
    sync_people(ws, "olena")
    ivan = next(p for p in list_people(ws) if p.id != serega.id and p.id not in {q.id for q in people})
    merged = merge_people(ws, serega.id, [ivan.id], "olena")
    assert merged.decided and set(ivan.keys) <= set(merged.keys)
    split = split_person(ws, serega.id, ivan.keys[0], "petro")
    assert split.keys == (ivan.keys[0],) and split.id not in {serega.id, ivan.id}
    with pytest.raises(NotFoundError):
        merge_people(ws, serega.id, [10**6], "olena")
    actions = [e.action for e in ws.store.audit_entries()]
    assert actions.count("people.sync") == 3 and "people.merge" in actions and "people.split" in actions
    assert ws.store.verify_audit() == []


def test_the_search_index_is_written_read_and_filtered(ws, three_calls):
    store = ws.store
    current, indexed = store.search_index_state()
    assert indexed == {} and set(current) == {t.id for t in store.current_transcripts()}
    update_index(store)
    current, indexed = store.search_index_state()
    assert set(indexed) == set(current)
    kherson = store.current_transcript("kherson").id
    matches = store.find_postings(["двухсотый", "мать"])
    assert {p.transcript_id for p in matches.postings} == {kherson}
    assert matches.calls[kherson].key == "kherson" and set(matches.calls) == {kherson}
    assert store.find_postings(["двухсотый"], call="luhansk").postings == ()
    assert store.find_postings(["двухсотый"], call=str(three_calls["kherson"])).postings != ()
    assert store.find_postings(["двухсотый"], language="uk").postings == ()
    assert store.find_postings(["двухсотый"], speaker="Солдат").postings == ()
    assert store.find_postings(["двухсотый"], speaker="Мать").postings != ()
    assert store.find_postings(["двухсотый"], date_from=(AT + timedelta(days=1)).date()).postings == ()
    assert store.find_postings(["двухсотый"], date_to=AT.date()).postings != ()
    assert store.find_postings([]).postings == ()
    store.drop_from_index([kherson])
    assert kherson not in store.search_index_state()[1] and store.find_postings(["двухсотый"]).postings == ()
    assert update_index(store).indexed == 1 and search(store, "двухсотый").calls == 1


def test_accounts_and_login_sessions(ws):
    store = ws.store
    admin = store.add_user("admin", Role.ADMIN, PASSWORD, actor="setup")
    olena = store.add_user("olena", "analyst", PASSWORD, actor="admin")
    assert [u.name for u in store.list_users()] == ["admin", "olena"] and store.get_user(olena.id) == olena
    assert store.authenticate("olena", "not the password", client="c") is None
    user = store.authenticate("olena", PASSWORD, client="c")
    token, session = store.start_web_session(user)
    assert store.find_web_session(token) == session and session.user.role is Role.ANALYST
    store.update_user(olena.id, actor="admin", role=Role.EDITOR)  # a new role ends the sessions
    assert store.find_web_session(token) is None
    token, _ = store.start_web_session(store.get_user(olena.id))
    store.end_web_session(token)
    assert store.find_web_session(token) is None
    assert store.set_account("olena", Role.VIEWER, PASSWORD, actor="admin").role is Role.VIEWER
    with pytest.raises(AccountError, match="no enabled admin"):
        store.update_user(admin.id, actor="admin", disabled=True)
    actions = [e.action for e in store.audit_entries()]
    assert actions.count("user.login") == 2 and actions.count("user.logout") == 1 and store.verify_audit() == []
