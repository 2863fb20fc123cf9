"""Leak check: every known surface form is found in every output format; clean output passes."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from overheard.cli.app import app
from overheard.jobs.leakcheck import known_forms_from_texts, scan_files, scan_text
from overheard.jobs.redaction import redact_text
from overheard.redact import Redactor
from overheard.redact.leakcheck import KnownForms

ORIGINAL = "Передай Серёге, что Андрей Викторович звонил. Позывной Гром. Номер +7 912 345-67-89. Мы в 200-й бригаде."
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(scope="module")
def known() -> KnownForms:
    return known_forms_from_texts([(ORIGINAL, "ru")])


def write_docx(path: Path, paragraphs: list[str]) -> None:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
           f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", xml)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("вчера видели Серёжу у блиндажа", "PER"),  # another inflection of another diminutive
        ("с Сергеем всё хорошо", "PER"),  # the full name of the same person
        ("передай серёге", "PER"),  # lower case
        ("передай Серому", "PER"),  # a nickname that is also a word counts when capitalised
        ("Викторовичу привет", "PER"),
        ("у Грома трое", "CALLSIGN"),
        ("звони 8 (912) 3456789", "PHONE"),
        ("восемь девятьсот двенадцать триста сорок пять шестьдесят семь восемьдесят девять", "PHONE"),
        ("перевели в 200 бригаду", "UNIT"),
    ],
)
def test_finds_inflected_and_variant_forms(known, text, label):
    hits = scan_text(text, known)
    assert [h.label for h in hits] == [label]


def test_ambiguous_forms_need_a_capital(known):
    assert scan_text("серому коту привет", known) == []


def test_clean_text_passes(known):
    assert scan_text("Передай [PER-1], что у нас трое двухсотых и груз 200.", known) == []


@pytest.mark.parametrize("suffix", [".txt", ".srt", ".vtt", ".json", ".csv", ".docx"])
def test_every_format(tmp_path, known, suffix):
    path = tmp_path / f"out{suffix}"
    leak = "потом Серёгу отправили"
    if suffix == ".json":
        path.write_text(json.dumps({"segments": [{"text": "чисто"}, {"text": leak}]}), encoding="utf-8")
    elif suffix == ".csv":
        path.write_text(f"start,text\n0.0,чисто\n1.5,{leak}\n", encoding="utf-8")
    elif suffix == ".docx":
        write_docx(path, ["чисто", leak])
    elif suffix == ".srt":
        path.write_text(f"1\n00:00:00,000 --> 00:00:01,000\nчисто\n\n2\n00:00:01,000 --> 00:00:02,000\n{leak}\n",
                        encoding="utf-8")
    elif suffix == ".vtt":
        path.write_text(f"WEBVTT\n\n00:00.000 --> 00:01.000\n{leak}\n", encoding="utf-8")
    else:
        path.write_text(f"чисто\n{leak}\n", encoding="utf-8")
    hits = scan_files([path], known)
    assert len(hits) == 1 and hits[0].label == "PER"
    assert "Серёг" not in str(hits[0])  # locations only, never the text


def test_cli_exit_codes_and_no_text_in_output(tmp_path):
    original = tmp_path / "call.txt"
    original.write_text(ORIGINAL, encoding="utf-8")
    redacted = tmp_path / "redacted.txt"
    redacted.write_text(redact_text(ORIGINAL, Redactor(b"k" * 32), "ru").text, encoding="utf-8")
    leaky = tmp_path / "leaky.txt"
    leaky.write_text("ну и Серёжа там был", encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(app, ["leakcheck", str(redacted), "--against", str(original)])
    assert ok.exit_code == 0, ok.stdout
    bad = runner.invoke(app, ["leakcheck", str(redacted), str(leaky), "--against", str(original)])
    assert bad.exit_code == 1
    assert f"{leaky}:1:6: PER" in bad.stdout and "Серёжа" not in bad.stdout + bad.stderr


def test_redacted_samples_pass_the_leak_check():
    """What `make demo` does: a redacted copy of every sample transcript passes the leak check."""
    from overheard.redact.leakcheck import read_text

    paths = sorted(p for p in SAMPLES.glob("call-*") if p.suffix in (".txt", ".srt", ".vtt"))
    assert len(paths) >= 10
    for mode in ("label", "pseudonym"):
        redactor = Redactor(b"s" * 32)
        redactor = Redactor(b"s" * 32, redactor.policy.__class__(mode))
        for path in paths:
            text = read_text(path)
            known = known_forms_from_texts([(text, None)])
            assert len(known) > 0, path.name
            out = redact_text(text, redactor).text
            assert scan_text(out, known) == [], (path.name, mode)
