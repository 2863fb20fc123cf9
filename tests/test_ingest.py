"""Ingest: formats, encodings, pairing, metadata, idempotence, versions, bad input."""

from __future__ import annotations

import json
import os
import stat
import unicodedata
from pathlib import Path

import pytest
from conftest import ENCODERS, tone, write_audio
from helpers import run_cli

from overheard.ingest.ingest import ingest_paths
from overheard.model import FileKind

RUSSIAN = "Мать: Алло, сынок, ты где?\nСын: Мам, привет. Тут у нас ёлки, 200-е есть, трое.\nМать: Господи.\n"


def ingest(ws, *paths, **kwargs):
    return ingest_paths(ws, [Path(p) for p in paths], actor="tester", **kwargs)


# ---- audio formats -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "suffix,channels",
    [(suffix, channels) for suffix in sorted(ENCODERS) for channels in (1, 2) if (suffix, channels) != (".amr", 2)],
)  # AMR-NB is mono only
def test_every_audio_format_is_probed_and_kept_byte_for_byte(workspace, tmp_path, suffix, channels):
    rate = 8000 if suffix in (".amr", ".wav", ".flac", ".ogg", ".opus", ".webm") else 16000
    source = write_audio(tmp_path / f"call{suffix}", tone(2.0, rate, channels), rate)
    report = ingest(workspace, source)
    assert [o.status for o in report.outcomes] == ["ingested"], report.outcomes
    (row,) = workspace.store.files()
    assert row.kind == FileKind.AUDIO and row.channels == channels
    assert abs(row.duration - 2.0) < 0.15
    assert row.sample_rate in (rate, 48000)  # opus decodes at 48 kHz
    vault_file = workspace.root / row.vault_path
    assert vault_file.read_bytes() == source.read_bytes()
    assert not vault_file.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


# ---- transcript formats --------------------------------------------------------------------------
TRANSCRIPTS = {
    "speaker_lines.txt": (RUSSIAN, ["Мать", "Сын", "Мать"], [None, None, None]),
    "stamped.txt": (
        "[00:00:01] A: Алло\n[00:00:04.5] B: Привет, мам\n[00:01:02] A: Ну как ты\n",
        ["A", "B", "A"],
        [1.0, 4.5, 62.0],
    ),
    "subs.srt": (
        "1\n00:00:01,000 --> 00:00:03,000\nМать: Алло\n\n2\n00:00:03,500 --> 00:00:06,000\nСын: Мам, привет\n\n"
        "3\n00:00:07,000 --> 00:00:08,000\nМать: <i>Ну?</i>\n",
        ["Мать", "Сын", "Мать"],
        [1.0, 3.5, 7.0],
    ),
    "subs.vtt": (
        "WEBVTT\n\nNOTE exported\n\n00:01.000 --> 00:03.000\n<v Мама>Алло, синку</v>\n\n"
        "cue-2\n00:03.500 --> 00:06.000\n<v Син>Мамо, привіт\n\n00:07.000 --> 00:08.000\n<v Мама>Що там?\n",
        ["Мама", "Син", "Мама"],
        [1.0, 3.5, 7.0],
    ),
    "ours.json": (
        json.dumps(
            {
                "language": "ru",
                "segments": [
                    {
                        "start": 0.5,
                        "end": 1.2,
                        "speaker": "A",
                        "text": "Алло",
                        "words": [{"start": 0.5, "end": 1.2, "word": "Алло", "probability": 0.9}],
                    },
                    {"start": 1.5, "end": 2.5, "speaker": "B", "text": "Привет"},
                    {"speaker": "A", "text": "Ну что"},
                ],
            },
            ensure_ascii=False,
        ),
        ["A", "B", "A"],
        [0.5, 1.5, None],
    ),
}


@pytest.mark.parametrize("name", sorted(TRANSCRIPTS))
def test_every_transcript_format_becomes_segments(workspace, tmp_path, name):
    text, speakers, starts = TRANSCRIPTS[name]
    (tmp_path / name).write_text(text, encoding="utf-8")
    report = ingest(workspace, tmp_path / name)
    assert report.outcomes[0].status == "ingested", report.outcomes
    stored = workspace.store.current_transcript(report.outcomes[0].call_id)
    assert [s.speaker for s in stored.transcript.segments] == speakers
    assert [s.start for s in stored.transcript.segments] == starts
    assert "<i>" not in stored.text
    if name == "ours.json":
        assert stored.transcript.segments[0].words[0].probability == 0.9


def test_language_is_detected_for_ukrainian_transcripts(workspace, tmp_path):
    (tmp_path / "uk.vtt").write_text(TRANSCRIPTS["subs.vtt"][0], encoding="utf-8")
    report = ingest(workspace, tmp_path / "uk.vtt")
    assert workspace.store.current_transcript(report.outcomes[0].call_id).transcript.language == "uk"


def test_a_colon_inside_a_sentence_is_not_a_speaker(workspace, tmp_path):
    (tmp_path / "t.txt").write_text("Мать: Алло\nСын: Слушай: тут плохо\nМать: Что?\n", encoding="utf-8")
    report = ingest(workspace, tmp_path / "t.txt")
    segments = workspace.store.current_transcript(report.outcomes[0].call_id).transcript.segments
    assert segments[1].speaker == "Сын" and segments[1].text == "Слушай: тут плохо"


# ---- encodings -----------------------------------------------------------------------------------
UKRAINIAN = "Мама: Синку, ти де?\nСин: Мамо, я живий. Їжі нема, хлопці кажуть - двохсоті є. Ґанок, є.\n"


@pytest.mark.parametrize(
    "encoding,text",
    [
        ("utf-8", RUSSIAN),
        ("utf-8-sig", RUSSIAN),
        ("utf-16", RUSSIAN),
        ("utf-16-le", RUSSIAN),
        ("cp1251", RUSSIAN),
        ("koi8-r", RUSSIAN),
        ("cp1251", UKRAINIAN),
        ("koi8-u", UKRAINIAN),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-nobom", "cp1251", "koi8r", "cp1251-uk", "koi8u-uk"],
)
def test_text_encodings_are_detected_and_stored_as_nfc_utf8(workspace, tmp_path, encoding, text):
    raw = text.encode(encoding)
    (tmp_path / "call.txt").write_bytes(raw)
    report = ingest(workspace, tmp_path / "call.txt")
    assert report.outcomes[0].status == "ingested", report.outcomes
    stored = workspace.store.current_transcript(report.outcomes[0].call_id)
    assert stored.text == "\n".join(line.split(": ", 1)[1] for line in text.strip().splitlines())
    assert stored.transcript.segments[0].speaker == text.split(":")[0]
    (row,) = workspace.store.files()
    assert (workspace.root / row.vault_path).read_bytes() == raw  # the original bytes stay in the vault


def test_decomposed_unicode_is_stored_as_nfc(workspace, tmp_path):
    decomposed = unicodedata.normalize("NFD", "А: Йошкар-Ола, ёлки\nБ: ну да\n")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    (tmp_path / "c.txt").write_text(decomposed, encoding="utf-8")
    report = ingest(workspace, tmp_path / "c.txt")
    text = workspace.store.current_transcript(report.outcomes[0].call_id).text
    assert text == unicodedata.normalize("NFC", text) and "Йошкар" in text


# ---- pairing and metadata ------------------------------------------------------------------------
SIDECAR = """recorded_at: 2023-01-14T19:32:00+03:00
place: Кременная
oblast: Luhansk
source: intercept provided by source A
obtained: copied from a seized phone
participants:
  - {label: Сын, role: soldier, channel: 0}
  - {label: Мать, role: mother, channel: 1}
relation: mother and son
notes: test call
language: ru
"""


def make_call(folder: Path, name: str = "call-07") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_audio(folder / f"{name}.flac", tone(1.5, 8000, 2), 8000)
    (folder / f"{name}.txt").write_text(RUSSIAN, encoding="utf-8")
    (folder / f"{name}.meta.yaml").write_text(SIDECAR, encoding="utf-8")
    return folder


def test_audio_transcript_and_sidecar_with_one_base_name_are_one_call(workspace, tmp_path):
    report = ingest(workspace, make_call(tmp_path / "in"))
    assert {o.status for o in report.outcomes} == {"ingested"} and len(report.outcomes) == 3
    (call,) = workspace.store.list_calls()
    assert call.key == "call-07" and call.has_audio and call.channels == 2
    meta = call.metadata
    assert (meta.place, meta.oblast, meta.relation, meta.language) == ("Кременная", "Luhansk", "mother and son", "ru")
    assert meta.recorded_at.isoformat() == "2023-01-14T19:32:00"  # local wall-clock time as given
    assert [(p.label, p.role, p.channel) for p in meta.participants] == [("Сын", "soldier", 0), ("Мать", "mother", 1)]
    assert set(call.speakers) == {"Сын", "Мать"}


def test_json_sidecar_and_cli_metadata_override(workspace, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "c.txt").write_text(RUSSIAN, encoding="utf-8")
    (folder / "c.meta.json").write_text(json.dumps({"place": "Сватово", "oblast": "Luhansk"}), encoding="utf-8")
    from overheard.model import CallMetadata

    ingest(workspace, folder, metadata=CallMetadata(oblast="Kharkiv", notes="from the CLI"))
    meta = workspace.store.list_calls()[0].metadata
    assert (meta.place, meta.oblast, meta.notes) == ("Сватово", "Kharkiv", "from the CLI")
    actions = [e.action for e in workspace.store.audit_entries(1)]
    assert actions.count("call.metadata") == 2  # sidecar, then the command line, both audited


def test_a_sidecar_with_an_unknown_key_fails_with_the_key_named(workspace, tmp_path):
    (tmp_path / "c.meta.yaml").write_text("plaec: typo\n", encoding="utf-8")
    report = ingest(workspace, tmp_path / "c.meta.yaml")
    assert report.outcomes[0].status == "failed" and "plaec" in report.outcomes[0].message


# ---- idempotence and versions --------------------------------------------------------------------
def test_reingesting_the_same_bytes_is_a_no_op(workspace, tmp_path):
    folder = make_call(tmp_path / "in")
    ingest(workspace, folder)
    entries = len(workspace.store.audit_entries())
    again = ingest(workspace, folder)
    assert [o.status for o in again.outcomes] == ["unchanged"] * 3
    assert all("already ingested" in o.message for o in again.outcomes)
    assert len(workspace.store.files()) == 3 and len(workspace.store.transcripts(1)) == 1
    assert len(workspace.store.audit_entries()) == entries
    assert len(list(workspace.vault.original_files())) == 3


def test_same_name_with_new_bytes_becomes_a_linked_new_version(workspace, tmp_path):
    folder = make_call(tmp_path / "in")
    ingest(workspace, folder)
    (folder / "call-07.txt").write_text(RUSSIAN + "Сын: Всё, пока.\n", encoding="utf-8")
    report = ingest(workspace, folder / "call-07.txt")
    assert report.outcomes[0].status == "new_version"
    transcripts = [f for f in workspace.store.files() if f.kind == "transcript"]
    assert [f.version for f in transcripts] == [1, 2] and transcripts[1].previous_id == transcripts[0].id
    versions = workspace.store.transcripts("call-07")
    assert [v.version for v in versions] == [1, 2] and versions[-1].text.endswith("Всё, пока.")
    assert all((workspace.root / f.vault_path).exists() for f in transcripts)  # the old original stays


# ---- bad input -----------------------------------------------------------------------------------
def bad_inputs(folder: Path, outside: Path) -> dict[str, str]:
    """Write every kind of bad input; returns file name → expected words in its error."""
    folder.mkdir(parents=True)
    good = write_audio(folder / "good.wav", tone(1.0), 8000)
    (folder / "corrupt.mp3").write_bytes(b"ID3\x03\x00" + os.urandom(4000))
    data = good.read_bytes()
    write_audio(folder / "long.wav", tone(4.0), 8000)
    (folder / "truncated.wav").write_bytes((folder / "long.wav").read_bytes()[:9000])
    (folder / "long.wav").unlink()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not really")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "ctrl\x07name.txt").write_text(RUSSIAN, encoding="utf-8")
    (folder / "..\\..\\evil.txt").write_text(RUSSIAN, encoding="utf-8")
    (folder / ("д" * 120 + ".txt")).write_text(RUSSIAN, encoding="utf-8")
    outside.mkdir(parents=True)
    (outside / "secret.txt").write_text(RUSSIAN, encoding="utf-8")
    (folder / "link.txt").symlink_to(outside / "secret.txt")
    (folder / "fine.wav").write_bytes(data + b"")  # same bytes as good.wav: unchanged, not failed
    return {
        "corrupt.mp3": "not a readable audio",
        "truncated.wav": "truncated",
        "empty.txt": "empty",
        "notes.docx": "unknown file format",
        "binary.txt": "binary",
        "ctrl\\x07name.txt": "control",
        "..\\..\\evil.txt": "path traversal",
        "д" * 70: "longer than",
        "link.txt": "outside",
    }


def test_every_bad_input_fails_alone_with_a_one_line_error(workspace, tmp_path):
    expected = bad_inputs(tmp_path / "in", tmp_path / "elsewhere")
    report = ingest(workspace, tmp_path / "in")
    failed = {o.source.split("/")[-1]: o.message for o in report.failed}
    assert len(failed) == len(expected), failed
    for name, words in expected.items():
        (message,) = [m for source, m in failed.items() if source.startswith(name[:70])]
        assert words in message and "\n" not in message
    assert [o.status for o in report.outcomes if o.status != "failed"] == ["ingested", "unchanged"]
    assert len(workspace.store.ingest_items(report.run_id)) == len(report.outcomes)
    # nothing from the failures reached the vault
    assert len(list(workspace.vault.original_files())) == 1


def test_cli_exits_non_zero_without_traceback_on_bad_input(tmp_path):
    bad_inputs(tmp_path / "in", tmp_path / "elsewhere")
    run_cli("init", str(tmp_path / "ws"))
    result = run_cli("ingest", str(tmp_path / "in"), workspace=tmp_path / "ws")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "1 ingested, 0 new versions, 1 unchanged, 9 failed" in result.stdout
    assert result.stderr.count("✗") == 9


def test_missing_workspace_and_missing_path_give_one_line_errors(tmp_path):
    result = run_cli("calls", workspace=tmp_path / "nowhere")
    assert result.returncode == 2 and "overheard init" in result.stderr and "Traceback" not in result.stderr
    run_cli("init", str(tmp_path / "ws"))
    result = run_cli("ingest", str(tmp_path / "missing.wav"), workspace=tmp_path / "ws")
    assert result.returncode == 1 and "no such file" in result.stderr


def test_files_over_the_configured_size_limits_are_refused(tmp_path):
    from overheard.workspace import Workspace

    ws = Workspace.create(tmp_path / "ws")
    config = (ws.root / "config.yaml").read_text(encoding="utf-8")
    config = config.replace("max_file_bytes: 4294967296", "max_file_bytes: 20000")
    config = config.replace("max_text_bytes: 67108864", "max_text_bytes: 1000")
    (ws.root / "config.yaml").write_text(config, encoding="utf-8")
    ws = Workspace.open(ws.root)
    (tmp_path / "in").mkdir()
    write_audio(tmp_path / "in" / "big.wav", tone(5.0), 8000)
    (tmp_path / "in" / "long.txt").write_text(RUSSIAN * 20, encoding="utf-8")
    (tmp_path / "in" / "short.txt").write_text(RUSSIAN, encoding="utf-8")
    report = ingest(ws, tmp_path / "in")
    statuses = {o.source.rsplit("/", 1)[-1]: (o.status, o.message) for o in report.outcomes}
    assert statuses["big.wav"][0] == "failed" and "too large" in statuses["big.wav"][1]
    assert statuses["long.txt"][0] == "failed" and "too large" in statuses["long.txt"][1]
    assert statuses["short.txt"][0] == "ingested"
