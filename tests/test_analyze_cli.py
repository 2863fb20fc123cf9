"""The ``overheard analyze`` contract and its handling of bad input (runs the real CLI)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from overheard.annotate.analysis import analyze_jsonl, analyze_text
from overheard.annotate.components.casualties import RULES_VERSION
from overheard.cli.app import app
from overheard.errors import AnalysisInputError

runner = CliRunner()
SAMPLE = "ну короче у нас двое двухсотых и трое трёхсотых б*** командир тупой а я хочу домой"


def run_cli(args: list[str], data: bytes) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "overheard", *args], input=data, capture_output=True, timeout=120)


def check_contract(result: dict, text: str) -> None:
    assert set(result) >= {"language", "terms", "casualties", "entities", "themes"}
    assert result["language"] in ("ru", "uk")
    for term in result["terms"]:
        assert set(term) == {"start", "end", "text", "term_id", "category", "gloss"}
        assert text[term["start"] : term["end"]] == term["text"]
    for casualty in result["casualties"]:
        assert set(casualty) == {"category", "count", "approximate", "side", "start", "end", "text", "explanation"}
        assert casualty["category"] in ("killed", "wounded", "refused", "missing", "captured", "deserted")
        assert casualty["side"] in ("own", "enemy", "unknown")
        assert casualty["count"] is None or isinstance(casualty["count"], int)
        assert isinstance(casualty["approximate"], bool)
        assert text[casualty["start"] : casualty["end"]] == casualty["text"]
    for theme in result["themes"]:
        assert set(theme) == {"theme", "score", "start", "end", "evidence"}
        assert 0 < theme["score"] <= 1
        assert text[theme["start"] : theme["end"]] == theme["evidence"]
    assert isinstance(result["entities"], list)


def test_analyze_text_contract():
    result = analyze_text(SAMPLE)
    check_contract(result, SAMPLE)
    assert [(c["category"], c["count"]) for c in result["casualties"]] == [("killed", 2), ("wounded", 3)]
    assert {t["theme"] for t in result["themes"]} >= {"casualty_report", "command_criticism", "wants_to_leave"}


def test_offsets_are_python_indices_with_astral_characters_and_crlf():
    text = "😀😀 привет\r\nу нас трое двухсотых 🙏"
    result = analyze_text(text)
    check_contract(result, text)
    assert result["casualties"][0]["text"] == "трое двухсотых"


def test_decomposed_unicode_matches_and_keeps_offsets():
    import unicodedata

    text = unicodedata.normalize("NFD", "ещё трое трёхсотых и тяжёлый трёхсотый")
    result = analyze_text(text)
    check_contract(result, text)
    assert [(c["category"], c["count"]) for c in result["casualties"]] == [("wounded", 3)]


def test_cli_json_from_stdin_and_file(tmp_path):
    done = runner.invoke(app, ["analyze", "--format", "json", "-"], input=SAMPLE.encode())
    assert done.exit_code == 0, done.output
    check_contract(json.loads(done.stdout), SAMPLE)
    path = tmp_path / "call.txt"
    path.write_text("троє хлопців загинули, двоє поранених", encoding="utf-8")
    result = runner.invoke(app, ["analyze", "--lang", "uk", str(path)])
    assert result.exit_code == 0
    parsed = json.loads(result.stdout)
    assert parsed["language"] == "uk"
    assert [(c["category"], c["count"]) for c in parsed["casualties"]] == [("killed", 3), ("wounded", 2)]


def test_cli_text_format_highlights_and_glosses():
    result = runner.invoke(app, ["analyze", "--format", "text", "-"], input=SAMPLE)
    assert result.exit_code == 0
    assert "killed (KIA)" in result.stdout and "casualty mentions" in result.stdout


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty text"),
        (b"   \n  ", "empty text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("двое двухсотых".encode("cp1251"), "not UTF-8"),
    ],
)
def test_cli_bad_input_is_a_coded_error(data, message):
    result = runner.invoke(app, ["analyze", "-"], input=data)
    assert isinstance(result.exception, AnalysisInputError)
    assert message in str(result.exception)


def test_cli_bad_input_prints_one_line_without_traceback():
    done = run_cli(["analyze", "-"], "двое двухсотых".encode("cp1251"))
    assert done.returncode != 0
    stderr = done.stderr.decode()
    assert "not UTF-8" in stderr and "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1


def test_huge_text_is_refused_clearly():
    with pytest.raises(AnalysisInputError) as error:
        analyze_text("двое двухсотых " * 700_000)  # ~10 MB of UTF-8
    assert "limit" in str(error.value)


def test_jsonl_batch_reports_bad_lines_and_keeps_going():
    lines = [
        json.dumps({"id": "a", "text": "трое двухсотых"}, ensure_ascii=False),
        "{not json",
        json.dumps({"text": "двое трёхсотых"}, ensure_ascii=False),
        json.dumps({"id": "e", "text": ""}),
        "",
        json.dumps({"id": 7, "text": "двоє поранених", "lang": "uk"}, ensure_ascii=False),
        json.dumps({"id": "x", "text": 5}),
        json.dumps([1, 2]),
    ]
    data = "\n".join(lines).encode() + b"\n\xff\xfe broken\n"
    done = run_cli(["analyze", "--jsonl", "-"], data)
    assert done.returncode == 1
    out = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == ["a", 7]
    assert out[1]["language"] == "uk" and out[1]["casualties"][0]["count"] == 2
    errors = done.stderr.decode().strip().splitlines()
    assert len(errors) == 6 and "Traceback" not in done.stderr.decode()
    assert "line 2" in errors[0] and "not valid JSON" in errors[0]
    assert "line 3" in errors[1] and "missing 'id'" in errors[1]
    assert "id e" in errors[2] and "empty text" in errors[2]
    assert "line 9" in errors[5] and "UTF-8" in errors[5]
    assert "двое" not in done.stderr.decode()  # errors never echo the text


def test_jsonl_all_good_exits_zero():
    done = runner.invoke(app, ["analyze", "--jsonl", "-"], input=b'{"id": "1", "text": "all good here"}\n')
    assert done.exit_code == 0 and json.loads(done.stdout)["id"] == "1"


def test_jsonl_library_function_yields_per_line():
    results = list(analyze_jsonl(['{"id": 1, "text": "трое двухсотых"}', "oops"]))
    assert results[0][0]["id"] == 1 and results[0][1] is None
    assert results[1][0] is None and "line 2" in results[1][1]


# ---------------------------------------------------------------- the pipeline into the store


def _workspace_with_call(tmp_path, lines: list[str]):
    from overheard.model import Segment, Transcript
    from overheard.workspace import Workspace

    ws = Workspace.create(tmp_path / "ws")
    ws.config["pipeline"] = ["terms", "casualties", "themes"]
    ws.store.add_call("call-a", "tester")
    transcript = Transcript(tuple(Segment(text=line, speaker="A") for line in lines), language="ru")
    transcript_id = ws.store.add_transcript("call-a", transcript, actor="tester")
    return ws, transcript_id


def test_annotate_stores_findings_and_skips_unchanged(tmp_path):
    from overheard.jobs.annotate import annotate_workspace
    from overheard.model import Finding, FindingKind

    ws, tid = _workspace_with_call(tmp_path, ["у нас трое двухсотых", "хочу домой мам", "в 300 метрах прилетело"])
    try:
        first = annotate_workspace(ws, "tester")
        assert first.errors == [] and first.annotated == 3 and first.skipped == 0
        stored = ws.store.findings(transcript_id=tid)
        casualties = [s.finding for s in stored if s.finding.kind == FindingKind.CASUALTY]
        assert [(f.label, f.attributes["count"]) for f in casualties] == [("killed", 3)]
        assert casualties[0].producer.startswith(f"casualties.{RULES_VERSION}+lex")
        themes = {s.finding.label for s in stored if s.finding.kind == FindingKind.THEME}
        assert {"casualty_report", "wants_to_leave"} <= themes

        text = ws.store.transcript(tid).text
        start = text.index("300")
        human = Finding(kind=FindingKind.CASUALTY, label="wounded", start=start, end=start + 3, text="300", score=1.0,
                        producer="human", explanation="analyst: a wounded soldier was mentioned here",
                        attributes={"count": 1, "approximate": False})
        ws.store.add_human_finding(tid, human, actor="analyst")

        second = annotate_workspace(ws, "tester")
        assert second.annotated == 0 and second.skipped == 3

        (ws.root / "lexicon.yaml").write_text(
            "version: '2'\nentries:\n  - id: slang.domoi\n    category: location\n    language: [ru]\n"
            "    forms: [домой]\n    gloss: {ru: домой, uk: додому, en: home}\n    note: test entry\n",
            encoding="utf-8")
        third = annotate_workspace(ws, "tester")
        assert third.annotated == 3 and third.skipped == 0  # a new lexicon re-runs everything
        after = ws.store.findings(transcript_id=tid)
        assert any(s.finding.attributes.get("term_id") == "slang.domoi" for s in after)
        assert sum(s.finding.producer == "human" for s in after) == 1  # the person's finding survives
        old_producers = {s.finding.producer for s in after} - {s.finding.producer for s in stored} - {"human"}
        assert all("+lex" in p for p in old_producers)
        assert len({s.finding.producer for s in after if s.finding.producer.startswith("terms.")}) == 1
    finally:
        ws.close()


def test_annotate_cli_on_a_workspace(tmp_path):
    ws, _ = _workspace_with_call(tmp_path, ["двое трёхсотых у нас"])
    root = ws.root
    ws.close()
    result = runner.invoke(app, ["annotate", "-w", str(root)])
    assert result.exit_code == 0, result.output
    assert "findings stored" in result.stdout
    again = runner.invoke(app, ["annotate", "-w", str(root)])
    assert "unchanged and skipped" in again.stdout and "0 annotator runs" in again.stdout
