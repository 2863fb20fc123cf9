"""Counts where a reporter looks: the calls list and the call page header say "2 killed, enemy: 15 killed",
the themes, and "N findings pending", for every role (numbers and categories only, never a name)."""

from __future__ import annotations

import pytest
import web_corpus
from fastapi.testclient import TestClient

from overheard import review
from overheard.web import create_app


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    built = web_corpus.build(tmp_path_factory.mktemp("counts"))
    text = built.store.current_transcript(built.audio_call).text
    start = text.index("двое двухсотых")
    # the reviewer marks the machine's "двое двухсотых" as own losses and adds the enemy's fifteen
    review.correct(built.store, built.findings["casualty"], {"side": "own"}, "analyst")
    review.add_missed(built.store, built.audio_call, {"kind": "casualty", "label": "killed", "start": start,
                                                      "end": start + 14, "count": 15, "side": "enemy"}, "analyst")
    yield built
    built.store.close()


def _client(corpus, role: str) -> TestClient:
    client = TestClient(create_app(corpus.workspace))
    token = client.get("/api/session").json()["csrf_token"]
    client.post("/api/login", json={"name": role, "password": web_corpus.PASSWORD}, headers={"X-CSRF-Token": token})
    return client


@pytest.mark.parametrize("role", ["viewer", "analyst"])
def test_the_calls_list_counts_casualties_by_category_and_side(corpus, role):
    client = _client(corpus, role)
    listed = {c["id"]: c for c in client.get("/api/calls").json()["calls"]}
    call = listed[corpus.audio_call]
    tallies = {(t["category"], t["side"]): (t["people"], t["mentions"]) for t in call["casualties"]}
    assert tallies == {("killed", "own"): (2, 1), ("killed", "enemy"): (15, 1), ("wounded", "unknown"): (1, 1)}
    assert call["themes"] == ["losses"]
    assert call["pending"] == 5  # wounded, the theme, two people, a place (not the corrected or added ones)
    page = client.get("/calls").text
    assert "2 killed" in page and "enemy: 15 killed" in page and "side?: 1 wounded" in page
    assert "Серёга" not in page and "Иван" not in page


def test_the_calls_list_filters_by_side(corpus):
    client = _client(corpus, "viewer")
    enemy = client.get("/api/calls?side=enemy&casualty=killed").json()
    assert [c["id"] for c in enemy["calls"]] == [corpus.audio_call]
    assert client.get("/api/calls?side=enemy&casualty=wounded").json()["calls"] == []
    assert [c["id"] for c in client.get("/api/calls?side=unknown").json()["calls"]] == [corpus.audio_call]
    assert client.get("/api/calls?side=theirs").status_code == 400


@pytest.mark.parametrize("role", ["viewer", "analyst"])
def test_the_call_page_header_shows_counts_themes_and_pending(corpus, role):
    client = _client(corpus, role)
    summary = client.get(f"/api/calls/{corpus.audio_call}").json()["summary"]
    assert summary["pending"] == 5 and summary["themes"] == ["losses"]
    assert {(t["category"], t["side"], t["people"]) for t in summary["casualties"]} == {
        ("killed", "own", 2), ("killed", "enemy", 15), ("wounded", "unknown", 1)}
    page = client.get(f"/calls/{corpus.audio_call}").text
    header = page[page.index('id="call-summary"'):page.index('class="player"')]
    assert "2 killed" in header and "enemy: 15 killed" in header and "5 findings pending" in header
    assert "Серёга" not in header
