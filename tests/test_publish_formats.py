"""Every format is written by its library and read back by a real client; nothing written names anyone.

A timed Russian call (call-02, with an English translation added to two segments) and an untimed
Ukrainian one (call-05) go through every registered exporter. The readers are the ones a newsroom's
tools use: python-docx, srt, webvtt-py, followthemoney's model, markdown-it, csv and json.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLES

from overheard.errors import PublishError
from overheard.ingest.ingest import ingest_paths
from overheard.jobs.annotate import annotate_workspace
from overheard.jobs.people import sync_people
from overheard.jobs.publish import WITHHELD, english_text, leak_check, published_call
from overheard.jobs.redaction import workspace_redactor
from overheard.publish.formats import FormatOptions, exporter, exporters
from overheard.redact.operators import Policy
from overheard.workspace import Workspace

pytestmark = pytest.mark.slow

ENGLISH = {0: "Hello, Ir? Ira, it's me.", 1: "Andryusha! Finally. I didn't know what to think. Where are you?"}
NAMES = ("Ира", "Ир", "Андрюша", "Андрей", "Петро", "Петю", "Галю", "Ira", "Andryusha", "Andrey")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """(workspace, {key: PublishedCall}) for call-02 (timed, with English) and call-05 (untimed, uk)."""
    source = tmp_path_factory.mktemp("samples")
    for key in ("call-02-kreminna", "call-05-lysychansk"):
        for path in SAMPLES.glob(key + ".*"):
            if path.suffix in (".txt", ".yaml"):
                shutil.copy(path, source / path.name)
    ws = Workspace.create(tmp_path_factory.mktemp("formats") / "ws")
    ingest_paths(ws, [source], actor="tester")
    current = ws.store.current_transcript("call-02-kreminna")
    segments = [dataclasses.replace(s, translation=ENGLISH.get(i)) for i, s in enumerate(current.transcript.segments)]
    ws.store.add_transcript("call-02-kreminna", dataclasses.replace(current.transcript, segments=tuple(segments)),
                            actor="tester")
    annotate_workspace(ws, "tester")
    sync_people(ws, "tester")
    policy = Policy("pseudonym")
    redactor = workspace_redactor(ws, policy)
    calls = {key: published_call(ws, key, policy, redactor) for key in ("call-02-kreminna", "call-05-lysychansk")}
    yield ws, calls
    ws.close()


def _write(call, name: str, folder: Path, english: bool = False) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return exporter(name).write(call, folder, FormatOptions(english=english))


def test_the_registry_has_one_module_per_format():
    assert set(exporters()) == {"txt", "md", "docx", "srt", "vtt", "csv", "ftm", "json"}
    for name, item in exporters().items():
        assert item.name == name and item.suffix.startswith(".") and item.description
    with pytest.raises(PublishError) as raised:
        exporter("pdf")
    assert "known formats: csv, docx" in str(raised.value)


def test_docx_reopens_with_header_speakers_and_times(published, tmp_path):
    import docx

    _, calls = published
    call = calls["call-02-kreminna"]
    (path,) = _write(call, "docx", tmp_path)
    document = docx.Document(str(path))
    header = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert header["Oblast"] == "Luhansk" and "pseudonym" in header["Redaction"]
    assert header["Recorded"].startswith("2023")
    lines = [p for p in document.paragraphs if p.runs and p.runs[0].text.startswith("[")]
    assert len(lines) == len(call.segments)
    first = lines[0]
    assert first.runs[0].text == "[00:01] " and first.runs[1].bold and first.runs[1].text == "Муж: "
    assert first.runs[2].text == call.segments[0].text and "Ир" not in first.runs[2].text


def test_srt_and_vtt_parse_back_with_an_english_track(published, tmp_path):
    import srt
    import webvtt

    _, calls = published
    call = calls["call-02-kreminna"]
    main, english = _write(call, "srt", tmp_path, english=True)
    cues = list(srt.parse(main.read_text(encoding="utf-8")))
    assert len(cues) == len(call.segments)
    assert cues[0].start.total_seconds() == 1.0 and cues[0].content == f"Муж: {call.segments[0].text}"
    assert all(a.start <= b.start for a, b in zip(cues, cues[1:], strict=False))
    en = list(srt.parse(english.read_text(encoding="utf-8")))
    assert len(en) == 2 and en[0].content.startswith("Муж: Hello,") and "Ira" not in en[0].content
    main, english = _write(call, "vtt", tmp_path, english=True)
    captions = webvtt.read(str(main)).captions
    assert len(captions) == len(call.segments) and captions[0].start == "00:00:01.000"
    assert captions[1].voice == "Жена" and captions[1].text == call.segments[1].text
    assert "Andryusha" not in " ".join(c.text for c in webvtt.read(str(english)).captions)


def test_subtitles_need_times(published, tmp_path):
    _, calls = published
    with pytest.raises(PublishError, match="needs a timed"):
        _write(calls["call-05-lysychansk"], "srt", tmp_path)


def test_ftm_entities_validate_against_the_model(published, tmp_path):
    from followthemoney import model

    _, calls = published
    for call in [*calls.values(), dataclasses.replace(calls["call-02-kreminna"], audio_sha256="ab" * 32)]:
        (path,) = _write(call, "ftm", tmp_path, english=True)
        entities = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        ids = {e["id"] for e in entities}
        schemas = {e["schema"] for e in entities}
        assert {"Audio", "PlainText", "Call", "Person", "Documentation"} <= schemas
        for data in entities:
            proxy = model.get_proxy(data, cleaned=False)  # unknown schema or property raises
            assert proxy.schema.validate(data) is None, data["schema"]
            for prop, values in proxy.properties.items():
                if proxy.schema.get(prop).type.name == "entity":
                    assert set(values) <= ids  # every link points at an entity in the file
        people = [e for e in entities if e["schema"] == "Person"]
        assert all(p["properties"]["name"][0] not in NAMES for p in people)
        transcript = next(e for e in entities if e["schema"] == "PlainText")
        assert transcript["properties"]["parent"] == [next(e["id"] for e in entities if e["schema"] == "Audio")]


def test_text_markdown_csv_and_json_read_back(published, tmp_path):
    from markdown_it import MarkdownIt

    _, calls = published
    call = calls["call-05-lysychansk"]
    (txt,) = _write(call, "txt", tmp_path)
    lines = txt.read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"Call: {call.title}" and any(line.startswith("[--:--] Чоловік: Алло,") for line in lines)
    (md,) = _write(call, "md", tmp_path)
    html = MarkdownIt().enable("table").render(md.read_text(encoding="utf-8"))
    assert "<table>" in html and "<strong>Дружина</strong>" in html
    (table,) = _write(call, "csv", tmp_path)
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    assert rows and {r["kind"] for r in rows} >= {"casualty"} and all(r["call"] == call.ref for r in rows)
    casualty = next(r for r in rows if r["kind"] == "casualty" and r["count"])
    assert int(casualty["count"]) > 0
    (js,) = _write(call, "json", tmp_path)
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["ref"] == call.ref and len(data["segments"]) == len(call.segments)


def test_every_file_of_every_format_passes_the_leak_check(published, tmp_path):
    ws, calls = published
    written = []
    for call in calls.values():
        for name, item in exporters().items():
            if item.needs_timings and not call.timed:
                continue
            written += _write(call, name, tmp_path, english=True)
    assert len(written) >= 15
    assert leak_check(ws, written) == []
    leaky = tmp_path / "leaky.srt"
    leaky.write_text("1\n00:00:01,000 --> 00:00:02,000\nМуж: Алло, Ирa?\n", encoding="utf-8")  # Latin a
    assert [h.label for h in leak_check(ws, [leaky])] == ["PER"]


@pytest.mark.parametrize(("english", "expected"), [
    ("Tell Ira I called.", "Tell Taisiya I called."),
    ("Andryusha, where are you?", "Saveliy, where are you?"),
    ("We had three 200s today.", "We had three 200s today."),
])
def test_english_names_are_replaced_by_their_pseudonyms(english, expected):
    names = {"Ира", "Андрюша"}
    instead = {}
    from overheard.jobs.publish import skeleton

    instead[skeleton("Ира")] = "Taisiya"
    instead[skeleton("Андрюша")] = "Saveliy"
    assert english_text(english, names, instead) == expected


def test_english_with_a_name_left_is_withheld():
    from overheard.jobs.publish import skeleton

    assert english_text("Ira said hi", {"Ира"}, {skeleton("Ира"): "Ira"}) == WITHHELD
