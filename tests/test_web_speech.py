"""The speech area in the web: transcript versions side by side, speaker names, machine translations labelled.

Over the real store of ``web_corpus`` with the real personal-data detectors (the workspace pipeline's
``entities`` annotator). Viewers must never see a name: not in a version's text, not as a speaker's
name, not in custody.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from test_web_api import SECRET_NAMES, client_for, login

from overheard.model import Segment, Transcript, TranscriptSource, Word
from overheard.redact.operators import MASK  # a masked speaker name
from overheard.web.views import MASK as MASK_CHAR


def aligned_plain_call(corpus) -> int:
    """The corpus's plain call (imported, no times) given word timings as an alignment would."""
    stored = corpus.store.current_transcript(corpus.plain_call)
    segments, position = [], 0.5
    for segment in stored.transcript.segments:
        words = []
        for token in segment.text.split():
            words.append(Word(position, position + 0.3, token, 0.2))  # low alignment probability: not "unsure"
            position += 0.4
        segments.append(dataclasses.replace(segment, words=tuple(words), start=words[0].start, end=words[-1].end))
        position += 1.0
    corpus.store.add_alignment(stored.id, dataclasses.replace(stored.transcript, segments=tuple(segments)),
                               producer="whisper-align:whisper-base", settings={"model_sha256": "0" * 64},
                               actor="tester")
    return stored.id


def test_versions_switcher_lists_written_aligned_and_asr_with_the_wer_between_them(fresh):
    aligned_plain_call(fresh)
    asr = Transcript(segments=(Segment("Привіт як ти", speaker="A", start=0.5, end=1.5),
                               Segment("Все добре не хвилюйся", speaker="B", start=3.0, end=4.0)),
                     language="uk", source=TranscriptSource.ASR, producer="faster-whisper:whisper-base")
    fresh.store.add_transcript(fresh.plain_call, asr, actor="tester", producer=asr.producer)
    client, _ = login(fresh, "analyst")
    data = client.get(f"/api/calls/{fresh.plain_call}/versions").json()
    assert [(c["key"], c["kind"], c["current"]) for c in data["choices"]] == [
        ("v1-written", "imported", True), ("v1", "aligned", True), ("v2", "asr", False)]
    assert data["left"]["choice"]["key"] == "v1" and data["right"]["choice"]["key"] == "v2"
    assert data["word_error_rate"] == 0.125  # "там" missed: one word of eight
    chosen = client.get(f"/api/calls/{fresh.plain_call}/versions", params={"left": "v1-written", "right": "v1"})
    sides = chosen.json()
    assert sides["word_error_rate"] == 0.0  # aligning never changes the text
    assert all(s["start"] is None and not s["words"] for s in sides["left"]["transcript"]["segments"])
    assert all(s["words"] for s in sides["right"]["transcript"]["segments"])
    page = client.get(f"/calls/{fresh.plain_call}/versions", params={"left": "v1", "right": "v2"})
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert 'id="wer-value">0.12<' in page.text
    call_page = client.get(f"/calls/{fresh.plain_call}").text
    assert 'id="version-choices"' in call_page and "v1 aligned" in call_page and "v1 imported" in call_page
    assert client.get(f"/api/calls/{fresh.plain_call}/versions", params={"left": "v9"}).status_code == 404


def test_aligned_words_are_not_marked_as_unsure_recognition(fresh):
    aligned_plain_call(fresh)
    client, _ = login(fresh, "analyst")
    page = client.get(f"/calls/{fresh.plain_call}").text
    assert 'class="r w' in page and "unsure" not in page.split('id="transcript"')[1].split("</section>")[0]


def test_viewers_see_versions_masked_and_a_never_checked_version_masked_whole(fresh):
    client, _ = login(fresh, "viewer")
    data = client.get(f"/api/calls/{fresh.audio_call}/versions", params={"left": "v1", "right": "v1"}).json()
    text = json.dumps(data, ensure_ascii=False)
    assert not any(name in text for name in SECRET_NAMES) and MASK_CHAR in text
    assert data["left"]["translation"] is None
    assert all(s["translation"] is None for s in data["left"]["transcript"]["segments"])


def rename(client, token, call, speaker, label):
    return client.post(f"/api/calls/{call}/speakers", json={"speaker": speaker, "label": label},
                       headers={"X-CSRF-Token": token})


def test_an_analyst_names_speakers_and_viewers_see_only_names_that_are_not_personal(fresh):
    analyst, token = login(fresh, "analyst")
    assert rename(analyst, token, fresh.audio_call, "A", "Серёга").status_code == 200
    answer = rename(analyst, token, fresh.audio_call, "B", "мать")
    assert answer.status_code == 200
    assert {s["speaker"]: s["label"] for s in answer.json()["speakers"]} == {"A": "Серёга", "B": "мать"}
    detail = analyst.get(f"/api/calls/{fresh.audio_call}").json()
    assert [s["speaker_label"] for s in detail["transcript"]["segments"]] == ["Серёга", "мать", "Серёга"]

    viewer, _ = login(fresh, "viewer")
    seen = viewer.get(f"/api/calls/{fresh.audio_call}").json()
    assert {s["speaker"]: s["label"] for s in seen["speakers"]} == {"A": MASK, "B": "мать"}
    assert [s["speaker_label"] for s in seen["transcript"]["segments"]] == [MASK, "мать", MASK]
    assert "Серёга" not in json.dumps(seen, ensure_ascii=False)  # custody included
    assert "Серёга" not in viewer.get(f"/calls/{fresh.audio_call}").text
    assert "мать" in viewer.get(f"/calls/{fresh.audio_call}").text

    entries = [e for e in fresh.store.audit_entries(fresh.audio_call) if e.action == "speaker.rename"]
    assert [(e.actor, json.loads(e.details)["speaker"]) for e in entries] == [("analyst", "A"), ("analyst", "B")]
    assert not fresh.store.verify_audit()


def test_a_label_no_detector_could_check_is_masked_for_viewers(fresh):
    app_client = client_for(fresh)
    app_client.app.state.detectors = []  # the detectors could not be built: fail closed
    analyst, token = login(fresh, "analyst", app_client)
    assert rename(analyst, token, fresh.audio_call, "B", "мать").status_code == 200
    (label,) = fresh.store.speaker_labels(fresh.audio_call)
    assert label.personal is None and not label.viewer_safe
    viewer, _ = login(fresh, "viewer", client_for(fresh))
    assert {s["speaker"]: s["label"] for s in viewer.get(f"/api/calls/{fresh.audio_call}").json()["speakers"]} \
        == {"A": None, "B": MASK}


@pytest.mark.parametrize(("body", "status"), [
    ({"speaker": "Z", "label": "мать"}, 400),  # not a speaker of this call
    ({"speaker": "A", "label": "x" * 61}, 422),
    ({"speaker": "A", "label": "ма\u202eть"}, 422),  # direction characters
    ({"speaker": "A", "label": "мать", "extra": 1}, 422),
])
def test_bad_speaker_names_are_refused(fresh, body, status):
    analyst, token = login(fresh, "analyst")
    answer = analyst.post(f"/api/calls/{fresh.audio_call}/speakers", json=body, headers={"X-CSRF-Token": token})
    assert answer.status_code == status
    assert fresh.store.speaker_labels(fresh.audio_call) == []


def test_viewers_may_not_rename_and_the_form_needs_its_csrf_token(fresh):
    viewer, token = login(fresh, "viewer")
    assert rename(viewer, token, fresh.audio_call, "A", "мать").status_code == 403
    analyst, token = login(fresh, "analyst")
    form = {"speaker": "B", "label": "мать"}
    assert analyst.post(f"/calls/{fresh.audio_call}/speakers", data=form, follow_redirects=False).status_code == 403
    sent = analyst.post(f"/calls/{fresh.audio_call}/speakers", data=form | {"csrf_token": token},
                        follow_redirects=False)
    assert sent.status_code == 303 and [s.label for s in fresh.store.speaker_labels(fresh.audio_call)] == ["мать"]


def test_machine_translations_are_labelled_on_the_page_and_in_exports(fresh):
    analyst, _ = login(fresh, "analyst")
    detail = analyst.get(f"/api/calls/{fresh.audio_call}").json()
    assert detail["translation"] == {"machine": True, "by": "machine translation (Whisper translate)"}
    page = analyst.get(f"/calls/{fresh.audio_call}").text
    assert page.count('<span class="machine-label">machine translation') == 3
    editor, _ = login(fresh, "editor")
    export = editor.get(f"/api/calls/{fresh.audio_call}/export", params={"redacted": "false"}).json()
    assert export["translation"]["machine"] is True
    redacted = editor.get(f"/api/calls/{fresh.audio_call}/export").json()
    assert redacted["translation"] is None  # no translation leaves in a redacted export
