"""``redact --jsonl`` runs the NER model over chunks of lines, and nobody can tell from its output.

Bad lines among good ones still fail alone, with their own line number, in order; a chunk gives what one
text at a time gives; the model's batched spans are those of one text at a time, whatever the lengths; and a
program feeding the command one line at a time gets each answer without sending the next line.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from overheard.annotate.rules.entities.ner import BATCH, natasha_spans, natasha_spans_batch, prefetched
from overheard.jobs.redaction import redact_jsonl, redact_text
from overheard.redact import Policy, Redactor

DEV = Path(__file__).parent / "data" / "pii_dev.jsonl"
SECRET = b"batches-test-key-0123456789abcde"


def dev_rows() -> list[dict]:
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_bad_lines_fail_alone_in_order_and_good_lines_match_one_at_a_time():
    rows = dev_rows()[: 2 * BATCH + 5]
    lines = [json.dumps({"id": r["id"], "text": r["text"], "lang": r["lang"]}, ensure_ascii=False) for r in rows]
    bad = {3: "{not json", 10: json.dumps({"text": "Серёга звонил"}), 40: json.dumps({"id": 7, "text": 5}),
           41: json.dumps({"id": "x", "text": "Петров", "lang": "de"})}
    lines.insert(20, "")  # blank lines are skipped but counted
    for number in sorted(bad):
        lines.insert(number - 1, bad[number])
    got = list(redact_jsonl([line + "\n" for line in lines], Redactor(SECRET, Policy("pseudonym")), "auto"))

    single = Redactor(SECRET, Policy("pseudonym"))
    expected = []
    for row in rows:
        expected.append({"id": row["id"], "text": redact_text(row["text"], single, row["lang"]).text})
    assert [result for result, error in got if error is None] == expected
    errors = [error for result, error in got if result is None]
    assert [e.split(":")[0] for e in errors] == ["E008 line 3", "E008 line 10", "E008 line 40 (id 7)",
                                                "E008 line 41 (id x)"]
    assert not any("Серёга" in e or "Петров" in e for e in errors)  # errors never quote the text
    positions = [i for i, (result, error) in enumerate(got) if result is None]
    assert positions == [2, 9, 38, 39]  # each error where its line was


def test_a_chunk_ends_early_when_no_more_input_is_ready():
    redactor = Redactor(SECRET, Policy("label"))
    lines = iter(['{"id": 1, "text": "Передай Серёге привет"}\n', None,
                  '{"id": 2, "text": "Скажи Ивану Петрову"}\n'])
    results = redact_jsonl(lines, redactor)
    assert next(results) == ({"id": 1, "text": "Передай [PER-1] привет"}, None)
    assert next(lines) == '{"id": 2, "text": "Скажи Ивану Петрову"}\n'  # the second line was not read yet


def test_batched_spans_are_the_spans_of_one_text_at_a_time():
    texts = [r["text"] for r in dev_rows() if r["lang"] == "ru"]
    texts += [" ".join(texts[:40]), "Ой", "", "все в нижнем регистре", "А. Н. Петров и Сергей Иванович Козлов."]
    assert natasha_spans_batch(texts) == [natasha_spans(text) for text in texts]
    with prefetched(texts):
        assert natasha_spans(texts[-1]) == natasha_spans_batch([texts[-1]])[0]


@pytest.mark.skipif(sys.platform == "win32", reason="select on pipes")
def test_a_line_fed_through_a_pipe_is_answered_before_the_next(tmp_path):
    command = [str(Path(sys.executable).parent / "overheard"), "redact", "--jsonl", "-"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    try:
        process.stdin.write('{"id": 1, "text": "Передай Серёге привет"}\n'.encode())
        process.stdin.flush()
        deadline = time.monotonic() + 120  # start-up loads the models
        while time.monotonic() < deadline and not select.select([process.stdout], [], [], 1)[0]:
            assert process.poll() is None
        line = process.stdout.readline()
        assert json.loads(line) == {"id": 1, "text": "Передай [PER-1] привет"}
        process.stdin.write('{"id": 2, "text": "Скажи Серёге"}\n'.encode())
        process.stdin.close()
        assert json.loads(process.stdout.readline()) == {"id": 2, "text": "Скажи [PER-1]"}
        assert process.wait(timeout=60) == 0
    finally:
        process.kill()
