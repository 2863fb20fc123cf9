"""In a real browser: on a call whose transcript was imported without times, every finding seeks the audio
once ``overheard align`` has run (before, none can: the text has no seconds).

The call is real audio (espeak-ng, one party per stereo channel) with a plain-text agency transcript and
its sidecar, ingested, annotated and aligned with the real pipeline and Whisper base model, as ``make demo``
does for the sample calls.
"""

from __future__ import annotations

import time

import pytest
import web_corpus
from helpers import BROWSER_MARKS, browser_login, serving
from test_align_job import META, TURNS

from overheard.ingest.ingest import ingest_paths
from overheard.jobs.align import align_workspace
from overheard.jobs.annotate import annotate_workspace
from overheard.speech.synthetic import Utterance, compose, write

pytestmark = BROWSER_MARKS


def player_time(page) -> float:
    return page.evaluate("() => document.getElementById('player').currentTime")


def click_and_wait(page, selector: str, expected: float) -> float:
    """Click ``selector`` and poll the player's position until it reaches ``expected`` (CSP: no eval waits)."""
    page.click(selector)
    deadline, position = time.monotonic() + 10, None
    while time.monotonic() < deadline:
        position = player_time(page)
        if abs(position - expected) < 0.05:
            break
        time.sleep(0.1)
    return position


def test_every_finding_of_an_untimed_imported_transcript_seeks_the_audio_once_aligned(browser, tmp_path):
    corpus = web_corpus.build(tmp_path / "ws")
    sources = tmp_path / "in"
    sources.mkdir()
    audio, _ = compose([Utterance(text, "ru", start, channel) for _, channel, start, text in TURNS], 8_000, 2)
    write(sources / "call-x.wav", audio, 8_000)
    (sources / "call-x.txt").write_text("".join(f"{who}: {text}\n" for who, _, _, text in TURNS), encoding="utf-8")
    (sources / "call-x.meta.yaml").write_text(META, encoding="utf-8")
    ingest_paths(corpus.workspace, [sources], actor="tester")
    call = corpus.store.call_by_key("call-x")
    annotate_workspace(corpus.workspace, actor="tester")
    findings = corpus.store.findings(call_ref=call.id)
    assert findings and all(f.time_start is None for f in findings)
    try:
        with serving(corpus) as base:
            page = browser_login(browser, base, "analyst")
            page.goto(f"{base}/calls/{call.id}")
            first = findings[0]
            page.click(f"#finding-{first.id} a.finding-seek")
            time.sleep(0.5)
            assert player_time(page) == 0  # no seconds anywhere in an untimed text: nothing to seek to

            align_workspace(corpus.workspace, [call.key], actor="tester")
            timed = corpus.store.findings(call_ref=call.id)
            assert all(f.time_start is not None for f in timed)
            page.goto(f"{base}/calls/{call.id}")
            for finding in sorted(timed, key=lambda f: -f.time_start):  # backwards: every click moves the player
                position = click_and_wait(page, f"#finding-{finding.id} a.finding-seek", finding.time_start)
                assert position == pytest.approx(finding.time_start, abs=0.05), finding.finding.text
            # a search hit opens the call at the matched word's second
            page.goto(f"{base}/search?q=позицию")
            page.click(f"a[href^='/calls/{call.id}?t=']")
            page.wait_for_url(f"**/calls/{call.id}?t=*")
            seconds = float(page.url.split("?t=")[1].split("#")[0])
            assert seconds > corpus.store.current_transcript(call.id).transcript.segments[2].start + 1.0
    finally:
        corpus.store.close()
