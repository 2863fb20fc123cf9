"""The web API and pages over a real store: every endpoint, roles, CSRF, redaction, range audio, escaping."""

from __future__ import annotations

import hashlib
import json
import re

import numpy as np
import pytest
import web_corpus
from fastapi.testclient import TestClient
from helpers import PASSWORD, api_login

from overheard.store.rows import utcnow
from overheard.store.schema import FileRow
from overheard.store.users import Throttle
from overheard.web import create_app
from overheard.web.views import MASK

SECRET_NAMES = ("Серёга", "Серега", "Иван", "Петренко", "Seryoga", "Ivan")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Read-only corpus shared by the tests that do not change anything."""
    built = web_corpus.build(tmp_path_factory.mktemp("shared"))
    yield built
    built.store.close()


def client_for(corpus, **options) -> TestClient:
    return TestClient(create_app(corpus.workspace, **options))


def login(corpus, role: str, client: TestClient | None = None) -> tuple[TestClient, str]:
    """Log in through the API (helpers.api_login); returns the client and the bare CSRF token."""
    client, headers = api_login(corpus, role, client=client or client_for(corpus))
    return client, headers["X-CSRF-Token"]


@pytest.fixture(scope="module")
def sessions(corpus):
    return {role: login(corpus, role) for role in web_corpus.ROLES}


# ---- login, logout, cookies, CSRF on login ----------------------------------------------------
def test_anonymous_requests_are_refused(corpus):
    client = client_for(corpus)
    assert client.get("/api/calls").status_code == 401
    assert client.get(f"/api/calls/{corpus.audio_call}").status_code == 401
    page = client.get("/calls", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")
    assert client.get("/login").status_code == 200


def test_openapi_lists_the_json_twins(corpus):
    schema = client_for(corpus).get("/openapi.json").json()
    for path in ["/api/calls", "/api/calls/{call_id}", "/api/queue", "/api/users", "/api/session", "/api/login",
                 "/api/findings/{finding_id}/review", "/api/calls/{call_id}/audio/{file_id}"]:
        assert path in schema["paths"], path
    assert "/calls" not in schema["paths"]  # HTML pages are not part of the API schema


def test_session_cookie_is_httponly_and_samesite(corpus):
    client = client_for(corpus)
    token = client.get("/api/session").json()["csrf_token"]
    response = client.post("/api/login", json={"name": "viewer", "password": PASSWORD},
                           headers={"X-CSRF-Token": token})
    cookie = [v for k, v in response.headers.multi_items() if k == "set-cookie" and "overheard_session=" in v][0]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    assert client.get("/api/session").json()["user"]["role"] == "viewer"


@pytest.mark.parametrize("token", [None, "", "forged-token-value"])
def test_login_without_its_csrf_token_is_refused(corpus, token):
    client = client_for(corpus)
    client.get("/api/session")
    headers = {} if token is None else {"X-CSRF-Token": token}
    response = client.post("/api/login", json={"name": "admin", "password": PASSWORD}, headers=headers)
    assert response.status_code == 403
    assert client.get("/api/session").json()["user"] is None


def test_login_form_round_trip_and_logout(corpus):
    client = client_for(corpus)
    form = client.get("/login?next=/queue").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    wrong = client.post("/login", data={"name": "analyst", "password": "nope", "csrf_token": token, "next": "/queue"})
    assert wrong.status_code == 401 and "Wrong name or password" in wrong.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', wrong.text).group(1)
    ok = client.post("/login", data={"name": "analyst", "password": PASSWORD, "csrf_token": token,
                                     "next": "/queue"}, follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"] == "/queue"
    page = client.get("/calls").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert client.post("/logout", data={}, follow_redirects=False).status_code == 403  # no token
    assert client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    assert client.get("/api/calls").status_code == 401


def test_login_redirect_stays_on_this_site(corpus):
    client = client_for(corpus)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    response = client.post("/login", data={"name": "viewer", "password": PASSWORD, "csrf_token": token,
                                           "next": "//evil.example/x"}, follow_redirects=False)
    assert response.headers["location"] == "/calls"


def test_api_logout_ends_the_session_on_the_server(fresh):
    client, csrf = login(fresh, "editor")
    cookie = client.cookies.get("overheard_session")
    assert client.post("/api/logout", headers={"X-CSRF-Token": csrf}).status_code == 200
    replay = client_for(fresh)
    replay.cookies.set("overheard_session", cookie)
    assert replay.get("/api/calls").status_code == 401


def test_login_is_rate_limited(fresh):
    client = client_for(fresh, throttle=Throttle(per_name=3, per_client=50))
    token = client.get("/api/session").json()["csrf_token"]
    for _ in range(3):
        response = client.post("/api/login", json={"name": "admin", "password": "guess"},
                               headers={"X-CSRF-Token": token})
        assert response.status_code == 401
    blocked = client.post("/api/login", json={"name": "admin", "password": PASSWORD}, headers={"X-CSRF-Token": token})
    assert blocked.status_code == 429
    form_token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    page = client.post("/login", data={"name": "admin", "password": PASSWORD, "csrf_token": form_token})
    assert page.status_code == 429 and "Too many failed logins" in page.text


def test_disabled_account_loses_its_session(fresh):
    admin, admin_csrf = login(fresh, "admin")
    analyst, _ = login(fresh, "analyst")
    users = {u["name"]: u for u in admin.get("/api/users").json()}
    response = admin.post(f"/api/users/{users['analyst']['id']}", json={"disabled": True},
                          headers={"X-CSRF-Token": admin_csrf})
    assert response.status_code == 200 and response.json()["disabled"] is True
    assert analyst.get("/api/calls").status_code == 401


# ---- calls list ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("", ["call_0001", "call_0002", "call_0003"]),
        ("oblast=Херсонская", ["call_0002", "call_0003"]),
        ("language=uk", ["call_0002"]),
        ("theme=losses", ["call_0001"]),
        ("casualty=killed", ["call_0001"]),
        ("casualty=missing", []),
        ("speaker=C", ["call_0002"]),
        ("status=new", ["call_0001", "call_0002", "call_0003"]),
        ("status=verified", []),
        ("date_from=2026-05-10", ["call_0002", "call_0003"]),
        ("date_to=2026-05-10", ["call_0001", "call_0002"]),
        ("date_from=2026-03-02&date_to=2026-06-01", ["call_0002"]),
        ("sort=-key", ["call_0003", "call_0002", "call_0001"]),
        ("sort=-findings", ["call_0001", "call_0002", "call_0003"]),
        ("oblast=Херсонская&language=ru", ["call_0003"]),
        ("date_from=&date_to=&oblast=&theme=&casualty=&language=&speaker=&status=", ["call_0001", "call_0002",
                                                                                      "call_0003"]),
    ],
)
def test_calls_list_filters_and_sorts(sessions, query, keys):
    client, _ = sessions["viewer"]
    data = client.get(f"/api/calls?{query}").json()
    assert [call["key"] for call in data["calls"]] == keys
    assert data["counts"]["total"] == 3 and data["counts"]["matching"] == len(keys)


def test_calls_list_counts_facets_and_paging(sessions):
    client, _ = sessions["analyst"]
    data = client.get("/api/calls?page_size=2&page=2").json()
    assert [call["key"] for call in data["calls"]] == ["call_0003"]
    assert data["pages"] == 2 and data["counts"]["by_status"] == {"new": 3}
    assert data["facets"]["oblast"] == ["Kherson", "Zaporizhzhia"]  # regions, as the map names them
    assert data["facets"]["casualty"] == ["killed", "wounded"]
    first = next(call for call in client.get("/api/calls").json()["calls"] if call["key"] == "call_0001")
    assert first["findings"] == 6 and first["pending"] == 6 and first["duration"] == 6.0
    assert client.get("/api/calls?page_size=0").status_code == 422
    bad_date = client.get("/api/calls?date_from=yesterday")
    assert bad_date.status_code == 400 and "E016" in bad_date.json()["error"]
    page = client.get("/calls?oblast=Херсонская")
    assert page.status_code == 200 and 'id="count-matching">2<' in page.text


# ---- call page and redaction by role ---------------------------------------------------------------
def test_analyst_sees_the_original_text_but_not_real_names(sessions, corpus):
    client, _ = sessions["analyst"]
    data = client.get(f"/api/calls/{corpus.audio_call}").json()
    segments = data["transcript"]["segments"]
    assert segments[0]["text"] == "Мам, у нас двое двухсотых, Серёга ранен."
    assert segments[0]["translation"].startswith("Mum")
    assert segments[0]["words"][5] | {"probability": 0} == {"start": 1.75, "end": 2.06, "text": "Серёга",
                                                            "probability": 0, "char_start": 27, "char_end": 33}
    assert [p["name"] for p in data["call"]["metadata"]["participants"]] == [None, None]
    assert data["call"]["metadata"]["notes"] == "(hidden)"
    kinds = {f["kind"] for f in data["findings"]}
    assert kinds == {"casualty", "entity", "theme"}
    casualty = next(f for f in data["findings"] if f["label"] == "killed")
    assert casualty["attributes"]["count"] == 2 and casualty["time_start"] == 1.05
    assert [r["kind"] for r in data["recordings"]] == ["original"]
    assert [e["action"] for e in data["custody"]][:2] == ["call.create", "call.metadata"]


def test_editor_sees_real_names(sessions, corpus):
    client, _ = sessions["editor"]
    data = client.get(f"/api/calls/{corpus.audio_call}").json()
    assert [p["name"] for p in data["call"]["metadata"]["participants"]] == ["Иван Петренко", "Мария Петренко"]
    assert data["recordings"][0]["name"] == "call_0001.wav"


def test_viewer_gets_redacted_text_only(sessions, corpus):
    client, _ = sessions["viewer"]
    response = client.get(f"/api/calls/{corpus.audio_call}")
    body = response.text
    for name in SECRET_NAMES:
        assert name not in body, name
        assert json.dumps(name)[1:-1] not in body, name  # nor as a \\u escape
    data = response.json()
    assert data["transcript"]["redacted"] is True
    assert data["transcript"]["segments"][0]["text"] == "Мам, у нас двое двухсотых, ██████ ранен."
    assert data["transcript"]["segments"][0]["translation"] is None
    assert data["transcript"]["segments"][0]["words"][5]["text"] == MASK * 6
    assert data["recordings"] == []  # no redacted audio made yet; originals are refused
    place = next(f for f in data["findings"] if f["label"] == "LOC")
    assert place["text"] == "Энергодаром"  # places are kept, as in the default redaction policy
    person = next(f for f in data["findings"] if f["label"] == "PER")
    assert person["text"] in (MASK * 6, MASK * 4) and person["attributes"] == {}
    page = client.get(f"/calls/{corpus.audio_call}").text
    assert all(name not in page for name in SECRET_NAMES)
    assert "no bleeped clip" in page.lower()


def test_viewer_cannot_fetch_unredacted_text_or_original_audio(sessions, corpus):
    client, _ = sessions["viewer"]
    export = client.get(f"/api/calls/{corpus.audio_call}/export?redacted=false")
    assert export.status_code == 403 and "Серёга" not in export.text
    audio = client.get(f"/api/calls/{corpus.audio_call}/audio/{corpus.file_id}")
    assert audio.status_code == 403 and audio.headers["content-type"].startswith("application/json")
    redacted = client.get(f"/api/calls/{corpus.audio_call}/export")
    assert redacted.status_code == 200 and "Серёга" not in redacted.text and redacted.json()["redacted"] is True


@pytest.mark.parametrize(("role", "status"), [("viewer", 403), ("analyst", 403), ("editor", 200), ("admin", 200)])
def test_unredacted_export_needs_editor(sessions, corpus, role, status):
    client, _ = sessions[role]
    response = client.get(f"/api/calls/{corpus.audio_call}/export?redacted=false")
    assert response.status_code == status
    if status == 200:
        assert "Серёга" in response.text and "Петренко" in response.text
        assert any(e.action == "export.json" and e.actor == role for e in corpus.store.audit_entries())


def test_audio_is_streamed_with_ranges(sessions, corpus):
    client, _ = sessions["analyst"]
    url = f"/api/calls/{corpus.audio_call}/audio/{corpus.file_id}"
    whole = client.get(url)
    assert whole.status_code == 200 and whole.headers["content-type"] == "audio/wav"
    assert whole.headers["accept-ranges"] == "bytes" and whole.content[:4] == b"RIFF"
    part = client.get(url, headers={"Range": "bytes=1000-1999"})
    assert part.status_code == 206 and len(part.content) == 1000
    assert part.headers["content-range"] == f"bytes 1000-1999/{len(whole.content)}"
    assert part.content == whole.content[1000:2000]
    tail = client.get(url, headers={"Range": f"bytes={len(whole.content) - 10}-"})
    assert tail.status_code == 206 and tail.content == whole.content[-10:]
    assert client.get(f"/api/calls/{corpus.plain_call}/audio/{corpus.file_id}").status_code == 404
    assert client.get(f"/api/calls/{corpus.audio_call}/audio/9999").status_code == 404


def test_a_stored_path_never_escapes_the_workspace(fresh):
    outside = fresh.root.parent / "outside.wav"
    web_corpus.write_wav(outside, seconds=0.2)
    with fresh.store.writing() as session:
        row = FileRow(call_id=fresh.plain_call, sha256="e" * 64, size=1, kind="audio", original_name="x.wav",
                      source_path="x.wav", vault_path="../outside.wav", format="wav", ingested_at=utcnow(),
                      actor="test")
        session.add(row)
        session.flush()
        bad_id = row.id
    client, _ = login(fresh, "analyst")
    assert client.get(f"/api/calls/{fresh.plain_call}/audio/{bad_id}").status_code == 404
    assert client.get(f"/api/calls/{fresh.plain_call}/audio/..%2F..%2Fetc%2Fpasswd").status_code in (404, 422)


def test_transcript_text_is_escaped_in_pages(sessions, corpus):
    client, _ = sessions["analyst"]
    page = client.get(f"/calls/{corpus.xss_call}")
    assert page.status_code == 200
    assert "<script>window.__xss" not in page.text and "<img src=x" not in page.text
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in page.text
    assert client.get(f"/api/calls/{corpus.xss_call}").json()["transcript"]["segments"][0]["text"] == web_corpus.XSS
    assert "script-src 'self'" in page.headers["content-security-policy"]


@pytest.mark.parametrize("role", web_corpus.ROLES)
def test_pages_render_for_each_role(sessions, corpus, role):
    client, _ = sessions[role]
    assert client.get("/calls").status_code == 200
    assert client.get(f"/calls/{corpus.audio_call}").status_code == 200
    assert client.get(f"/api/calls/{corpus.audio_call}/audit").status_code == 200
    expected_queue = 403 if role == "viewer" else 200
    assert client.get("/queue").status_code == expected_queue
    assert client.get("/api/queue").status_code == expected_queue
    expected_users = 200 if role == "admin" else 403
    assert client.get("/users").status_code == expected_users
    assert client.get("/api/users").status_code == expected_users


def test_unknown_call_is_404(sessions):
    client, _ = sessions["viewer"]
    assert client.get("/api/calls/999").status_code == 404
    assert client.get("/calls/999").status_code == 404


@pytest.mark.parametrize("huge", [2**31, 2**63 + 5])
def test_ids_no_row_can_have_are_404_not_500(sessions, corpus, huge):
    client, csrf = sessions["analyst"]
    assert client.get(f"/api/calls/{huge}").status_code in (404, 422)
    assert client.get(f"/api/calls/{corpus.audio_call}/audio/{huge}").status_code in (404, 422)
    assert client.get(f"/api/calls/{corpus.audio_call}/derived/{huge}").status_code in (404, 422)
    response = client.post(f"/api/findings/{huge}/review", json={"action": "accept"}, headers={"X-CSRF-Token": csrf})
    assert response.status_code in (404, 422)


# ---- review -----------------------------------------------------------------------------------
def test_review_queue_casualties_and_personal_data_first_then_lowest_confidence(sessions):
    client, _ = sessions["analyst"]
    data = client.get("/api/queue").json()
    first = [item["kind"] in ("casualty", "entity") and item["label"] != "LOC" for item in data["items"]]
    assert first == sorted(first, reverse=True)  # what publication depends on comes first
    scores = [item["score"] for item, urgent in zip(data["items"], first, strict=True) if urgent]
    assert scores == sorted(scores) and data["pending"] == 6 and scores[0] == 0.42


def test_accept_and_reject_are_audited_with_the_user(fresh):
    client, csrf = login(fresh, "analyst")
    accept = client.post(f"/api/findings/{fresh.findings['casualty']}/review", json={"action": "accept"},
                         headers={"X-CSRF-Token": csrf})
    assert accept.status_code == 200 and accept.json()["review_status"] == "accepted"
    reject = client.post(f"/api/findings/{fresh.findings['place']}/review", json={"action": "reject"},
                         headers={"X-CSRF-Token": csrf})
    assert reject.json()["review_status"] == "rejected"
    custody = client.get(f"/api/calls/{fresh.audio_call}/audit").json()
    assert [(e["action"], e["actor"]) for e in custody[-2:]] == [("finding.accepted", "analyst"),
                                                                 ("finding.rejected", "analyst")]
    assert client.get("/api/queue").json()["pending"] == 4
    bad = client.post(f"/api/findings/{fresh.findings['casualty']}/review", json={"action": "delete"},
                      headers={"X-CSRF-Token": csrf})
    assert bad.status_code == 422


@pytest.mark.parametrize("headers", [{}, {"X-CSRF-Token": "forged"}, {"X-CSRF-Token": ""}])
def test_state_changes_without_the_session_csrf_token_are_refused(fresh, headers):
    client, _ = login(fresh, "admin")
    finding = fresh.findings["casualty"]
    requests = [
        (f"/api/findings/{finding}/review", {"action": "accept"}),
        (f"/api/findings/{finding}/correct", {"count": 3}),
        (f"/api/calls/{fresh.audio_call}/findings", {"kind": "term", "label": "x", "start": 0, "end": 3}),
        (f"/api/calls/{fresh.audio_call}/transcript", {"edits": {"0": "другой текст"}}),
        (f"/api/calls/{fresh.audio_call}/status", {"status": "verified"}),
        ("/api/findings/merge", {"first": fresh.findings["person"], "second": fresh.findings["ivan"]}),
        ("/api/users", {"name": "mallory", "role": "admin", "password": "long enough pw"}),
        ("/api/logout", {}),
    ]
    for url, body in requests:
        assert client.post(url, json=body, headers=headers).status_code == 403, url
    page_form = client.post(f"/calls/{fresh.audio_call}/findings/{finding}/review", data={"action": "accept"},
                            follow_redirects=False)
    assert page_form.status_code == 403
    assert client.get("/api/queue").json()["pending"] == 6
    assert all(e.action not in ("finding.accepted", "user.add") or e.actor == "test"
               for e in fresh.store.audit_entries())


def test_another_sessions_csrf_token_does_not_work(fresh):
    analyst, _ = login(fresh, "analyst")
    _, editor_csrf = login(fresh, "editor")
    response = analyst.post(f"/api/findings/{fresh.findings['casualty']}/review", json={"action": "accept"},
                            headers={"X-CSRF-Token": editor_csrf})
    assert response.status_code == 403


@pytest.mark.parametrize("role", ["viewer"])
def test_viewer_cannot_review(fresh, role):
    client, csrf = login(fresh, role)
    headers = {"X-CSRF-Token": csrf}
    finding = fresh.findings["casualty"]
    assert client.post(f"/api/findings/{finding}/review", json={"action": "accept"}, headers=headers).status_code == 403
    assert client.post(f"/api/findings/{finding}/correct", json={"count": 3}, headers=headers).status_code == 403
    assert client.post(f"/api/calls/{fresh.audio_call}/transcript", json={"edits": {"0": "x"}},
                       headers=headers).status_code == 403
    assert client.post(f"/api/calls/{fresh.audio_call}/status", json={"status": "verified"},
                       headers=headers).status_code == 403
    assert client.post("/api/users", json={"name": "x", "role": "admin", "password": "long enough pw"},
                       headers=headers).status_code == 403


def test_correct_a_finding_keeps_the_machine_one(fresh):
    client, csrf = login(fresh, "analyst")
    old = fresh.findings["casualty"]
    response = client.post(f"/api/findings/{old}/correct", json={"count": 3, "label": "killed"},
                           headers={"X-CSRF-Token": csrf})
    assert response.status_code == 200
    new = response.json()["id"]
    findings = {f["id"]: f for f in client.get(f"/api/calls/{fresh.audio_call}").json()["findings"]}
    assert findings[old]["review_status"] == "corrected"
    assert findings[new]["origin"] == "human" and findings[new]["supersedes_id"] == old
    assert findings[new]["attributes"]["count"] == 3 and findings[new]["text"] == "двое двухсотых"
    actions = [(e["action"], e["actor"]) for e in client.get(f"/api/calls/{fresh.audio_call}/audit").json()]
    assert ("finding.add", "analyst") in actions and ("finding.corrected", "analyst") in actions
    outside = client.post(f"/api/findings/{new}/correct", json={"start": 0, "end": 10_000},
                          headers={"X-CSRF-Token": csrf})
    assert outside.status_code == 400 and "E015" in outside.json()["error"]
    assert client.post("/api/findings/9999/correct", json={}, headers={"X-CSRF-Token": csrf}).status_code == 404


def test_a_corrected_count_is_exact_unless_marked_approximate(fresh):
    client, csrf = login(fresh, "analyst")
    about = client.post(f"/api/findings/{fresh.findings['casualty']}/correct", json={"count": 40, "approximate": True},
                        headers={"X-CSRF-Token": csrf}).json()["id"]
    exact = client.post(f"/api/findings/{about}/correct", json={"count": 45},
                        headers={"X-CSRF-Token": csrf}).json()["id"]
    findings = {f["id"]: f for f in client.get(f"/api/calls/{fresh.audio_call}").json()["findings"]}
    assert (findings[about]["attributes"]["count"], findings[about]["attributes"]["approximate"]) == (40, True)
    assert (findings[exact]["attributes"]["count"], findings[exact]["attributes"]["approximate"]) == (45, False)


def test_add_missed_finding_and_merge_persons(fresh):
    client, csrf = login(fresh, "editor")
    headers = {"X-CSRF-Token": csrf}
    added = client.post(f"/api/calls/{fresh.audio_call}/findings",
                        json={"kind": "casualty", "label": "wounded", "start": 34, "end": 39, "count": 1},
                        headers=headers)
    assert added.status_code == 200
    merged = client.post("/api/findings/merge", json={"first": fresh.findings["ivan"],
                                                      "second": fresh.findings["person"]}, headers=headers)
    assert merged.status_code == 200
    findings = {f["id"]: f for f in client.get(f"/api/calls/{fresh.audio_call}").json()["findings"]}
    assert findings[added.json()["id"]]["text"] == "ранен" and findings[added.json()["id"]]["origin"] == "human"
    for new_id in merged.json()["ids"]:
        assert findings[new_id]["attributes"]["person"] == "Иван"
    assert findings[fresh.findings["person"]]["review_status"] == "corrected"
    not_entities = client.post("/api/findings/merge", json={"first": fresh.findings["casualty"],
                                                            "second": fresh.findings["person"]}, headers=headers)
    assert not_entities.status_code == 400


def test_transcript_correction_makes_a_new_version(fresh):
    client, csrf = login(fresh, "analyst")
    response = client.post(f"/api/calls/{fresh.audio_call}/transcript",
                           json={"edits": {"1": "Ваня, ты где сейчас?"}}, headers={"X-CSRF-Token": csrf})
    assert response.status_code == 200 and response.json()["version"] == 2
    data = client.get(f"/api/calls/{fresh.audio_call}").json()
    assert data["transcript"]["source"] == "reviewed" and data["transcript"]["version"] == 2
    assert data["transcript"]["segments"][1]["text"] == "Ваня, ты где сейчас?"
    assert data["transcript"]["segments"][1]["words"] == []  # timings of an edited segment are dropped
    assert len(data["transcript"]["segments"][0]["words"]) == 7
    assert [v["version"] for v in data["versions"]] == [1, 2]
    assert fresh.store.transcripts(fresh.audio_call)[0].transcript.segments[1].text == "Иван, ты где сейчас?"
    assert ("transcript.add", "analyst") in [(e["action"], e["actor"]) for e in data["custody"]]
    bad = client.post(f"/api/calls/{fresh.audio_call}/transcript", json={"edits": {"9": "x"}},
                      headers={"X-CSRF-Token": csrf})
    assert bad.status_code == 400


def test_asr_flags_and_segment_languages_are_shown_with_their_meaning(fresh):
    from overheard.model import Segment, Transcript, TranscriptSource, Word

    segments = (
        Segment(text="Привет, мама.", speaker="A", start=0.0, end=1.2, language="ru", language_probability=0.93,
                words=(Word(0.0, 0.5, "Привет,", 0.9), Word(0.6, 1.2, "мама.", 0.8))),
        Segment(text="Привіт, синку.", speaker="B", start=2.0, end=3.1, language="uk", language_probability=0.55,
                flags=("language_uncertain", "language_unrecognised"),
                words=(Word(2.0, 2.5, "Привіт,", 0.3), Word(2.6, 3.1, "синку.", 0.2))),
    )
    fresh.store.add_transcript(fresh.audio_call, Transcript(segments=segments, language="ru",
                               source=TranscriptSource.ASR, producer="faster-whisper:whisper-base"),
                               actor="tester", producer="faster-whisper:whisper-base")
    client, _ = login(fresh, "analyst")
    data = client.get(f"/api/calls/{fresh.audio_call}").json()["transcript"]
    assert data["producer"] == "faster-whisper:whisper-base"
    flagged = data["segments"][1]
    assert flagged["flags"] == ["language_uncertain", "language_unrecognised"]
    assert "neither candidate language" in flagged["flag_notes"]["language_unrecognised"]
    assert flagged["language"] == "uk" and flagged["language_probability"] == 0.55
    page = client.get(f"/calls/{fresh.audio_call}").text
    assert page.count('class="seg-flag"') == 2
    assert re.search(r'data-flag="language_unrecognised" title="[^"]*neither candidate language', page)
    assert 'title="detected language, probability 0.55">uk</span>' in page
    assert 'title="detected language, probability 0.93">ru</span>' in page
    # words the recogniser was unsure of (below 0.4) are marked for review; sure ones are not
    unsure = re.findall(r'class="r w unsure"[^>]*title="low confidence: probability ([0-9.]+)">([^<]+)<', page)
    assert unsure == [("0.3", "Привіт,"), ("0.2", "синку.")]


def test_call_status_and_page_forms(fresh):
    client, csrf = login(fresh, "analyst")
    # one reviewer cannot verify a call with findings pending (the people desk's sign-off rule, docs/people.md)
    response = client.post(f"/api/calls/{fresh.audio_call}/status", json={"status": "verified"},
                           headers={"X-CSRF-Token": csrf})
    assert response.status_code == 409 and "E041" in response.json()["error"]
    response = client.post(f"/api/calls/{fresh.audio_call}/status", json={"status": "in_review"},
                           headers={"X-CSRF-Token": csrf})
    assert response.status_code == 200
    assert [c["key"] for c in client.get("/api/calls?status=in_review").json()["calls"]] == ["call_0001"]
    assert client.post(f"/api/calls/{fresh.audio_call}/status", json={"status": "done"},
                       headers={"X-CSRF-Token": csrf}).status_code == 400
    finding = fresh.findings["wounded"]
    form = client.post(f"/calls/{fresh.audio_call}/findings/{finding}/review",
                       data={"action": "reject", "csrf_token": csrf}, follow_redirects=False)
    assert form.status_code == 303
    page = client.get(f"/calls/{fresh.audio_call}").text
    assert f'id="finding-{finding}"' in page and "rejected by analyst" in page


# ---- users --------------------------------------------------------------------------------------
def test_admin_manages_users(fresh):
    client, csrf = login(fresh, "admin")
    created = client.post("/api/users", json={"name": "olena", "role": "analyst", "password": "long enough pw"},
                          headers={"X-CSRF-Token": csrf})
    assert created.status_code == 200 and created.json()["role"] == "analyst"
    assert "password" not in created.text
    duplicate = client.post("/api/users", json={"name": "olena", "role": "viewer", "password": "long enough pw"},
                            headers={"X-CSRF-Token": csrf})
    assert duplicate.status_code == 400
    promoted = client.post(f"/api/users/{created.json()['id']}", json={"role": "editor"},
                           headers={"X-CSRF-Token": csrf})
    assert promoted.json()["role"] == "editor"
    names = [u["name"] for u in client.get("/api/users").json()]
    assert names == ["admin", "analyst", "editor", "olena", "viewer"]
    page = client.get("/users").text
    form = client.post("/users", data={"name": "taras", "role": "viewer", "password": "long enough pw",
                                       "csrf_token": csrf}, follow_redirects=False)
    assert form.status_code == 303 and "olena" in page
    editor, editor_csrf = login(fresh, "editor")
    assert editor.post("/api/users", json={"name": "x", "role": "admin", "password": "long enough pw"},
                       headers={"X-CSRF-Token": editor_csrf}).status_code == 403


def test_derived_audio_by_role(fresh):
    derived = {}
    for kind in ("audio.redacted", "audio.converted"):
        relative = f"vault/derived/{kind}.wav"
        web_corpus.write_wav(fresh.root / relative, seconds=0.5)
        derived[kind] = fresh.store.add_derived_file(call_id=fresh.audio_call, kind=kind, path=relative,
                                                     sha256="d" * 64, source_sha256=None, producer="test",
                                                     settings={}, actor="test")
    viewer, _ = login(fresh, "viewer")
    data = viewer.get(f"/api/calls/{fresh.audio_call}").json()
    assert [r["kind"] for r in data["recordings"]] == ["audio.redacted"]
    redacted = viewer.get(data["recordings"][0]["url"], headers={"Range": "bytes=0-43"})
    assert redacted.status_code == 206 and redacted.content[:4] == b"RIFF"
    converted = f"/api/calls/{fresh.audio_call}/derived/{derived['audio.converted']}"
    assert viewer.get(converted).status_code == 403
    assert viewer.get(f"/api/calls/{fresh.plain_call}/derived/{derived['audio.redacted']}").status_code == 404
    analyst, _ = login(fresh, "analyst")
    kinds = [r["kind"] for r in analyst.get(f"/api/calls/{fresh.audio_call}").json()["recordings"]]
    assert kinds == ["original", "audio.redacted", "audio.converted"]
    assert analyst.get(converted).status_code == 200
    page = viewer.get(f"/calls/{fresh.audio_call}").text
    assert f'src="/api/calls/{fresh.audio_call}/derived/{derived["audio.redacted"]}"' in page


def test_transcript_correction_carries_findings_and_decisions(fresh):
    client, csrf = login(fresh, "analyst")
    headers = {"X-CSRF-Token": csrf}
    ids = fresh.findings
    client.post(f"/api/findings/{ids['casualty']}/review", json={"action": "accept"}, headers=headers)
    client.post(f"/api/findings/{ids['place']}/review", json={"action": "reject"}, headers=headers)
    corrected = client.post(f"/api/findings/{ids['theme']}/correct", json={"label": "wants_to_leave"}, headers=headers)
    before = {f["id"]: f for f in client.get(f"/api/calls/{fresh.audio_call}").json()["findings"]}
    response = client.post(f"/api/calls/{fresh.audio_call}/transcript",
                           json={"edits": {"1": "Ванечка, ты где сейчас?"}}, headers=headers)
    assert response.status_code == 200 and response.json()["carried_findings"] == 6
    data = client.get(f"/api/calls/{fresh.audio_call}").json()
    text = "\n".join(s["text"] for s in data["transcript"]["segments"])
    after = {(f["kind"], f["label"], f["text"]): f for f in data["findings"]}
    assert ("entity", "PER", "Иван") not in after  # its segment was edited: left to the annotators
    place = after[("entity", "LOC", "Энергодаром")]
    assert place["start"] == before[ids["place"]]["start"] + 3 and place["review_status"] == "rejected"
    assert text[place["start"]:place["end"]] == "Энергодаром"
    assert after[("casualty", "killed", "двое двухсотых")]["review_status"] == "accepted"
    assert after[("casualty", "wounded", "ранен")]["review_status"] == "pending"
    theme_machine = after[("theme", "losses", "Мам, у нас двое двухсотых, Серёга ранен.")]
    theme_human = after[("theme", "wants_to_leave", "Мам, у нас двое двухсотых, Серёга ранен.")]
    assert theme_machine["review_status"] == "corrected" and theme_human["origin"] == "human"
    assert theme_human["supersedes_id"] == theme_machine["id"] != corrected.json()["supersedes"]
    assert all(f["transcript_id"] == data["transcript"]["id"] for f in data["findings"])
    assert fresh.store.annotation_digest(data["transcript"]["id"], "entities.v1") == "carried-over"
    assert fresh.store.verify_audit() == []


def test_page_forms_for_review(fresh):
    client, csrf = login(fresh, "analyst")
    call = fresh.audio_call
    page = client.get(f"/calls/{call}?correct={fresh.findings['person']}").text  # the form opened without scripts
    assert f'action="/calls/{call}/findings/merge"' in page
    merged = client.post(f"/calls/{call}/findings/merge", data={"first": fresh.findings["person"],
                                                              "second": fresh.findings["ivan"], "csrf_token": csrf},
                         follow_redirects=False)
    assert merged.status_code == 303 and merged.headers["location"] == f"/calls/{call}"
    corrected = client.post(f"/calls/{call}/findings/{fresh.findings['casualty']}/correct",
                            data={"kind": "casualty", "label": "killed", "start": "", "end": "", "count": "3",
                                  "csrf_token": csrf}, follow_redirects=False)
    assert corrected.headers["location"] == f"/calls/{call}"
    added = client.post(f"/calls/{call}/findings", data={"kind": "term", "label": "location", "start": "0", "end": "3",
                                                         "csrf_token": csrf}, follow_redirects=False)
    assert added.headers["location"] == f"/calls/{call}"
    bad = client.post(f"/calls/{call}/findings", data={"kind": "term", "label": "x", "start": "5", "end": "2",
                                                       "csrf_token": csrf}, follow_redirects=False)
    assert bad.headers["location"] == f"/calls/{call}?error=E015"
    assert "That change could not be saved" in client.get(bad.headers["location"]).text  # in words, code in small print
    edited = client.post(f"/calls/{call}/transcript", data={"segment-2": "Под Энергодаром, всё хорошо.",
                                                            "csrf_token": csrf}, follow_redirects=False)
    assert edited.headers["location"] == f"/calls/{call}"
    data = client.get(f"/api/calls/{call}").json()
    assert data["transcript"]["version"] == 2 and data["transcript"]["segments"][2]["text"].endswith("хорошо.")
    labels = {(f["label"], f["origin"], f["review_status"]) for f in data["findings"]}
    assert ("killed", "human", "accepted") in labels and ("location", "human", "accepted") in labels
    actions = [e["action"] for e in data["custody"] if e["actor"] == "analyst"]
    assert actions.count("finding.add") >= 4 and "transcript.add" in actions


def test_codecs_browsers_cannot_play_are_served_as_a_wav_copy(fresh):
    import io

    import soundfile

    source = fresh.root / "vault" / "originals" / "fixture" / "adpcm.wav"
    soundfile.write(source, np.zeros(8000, dtype=np.float32) + 0.1, 8000, subtype="IMA_ADPCM")
    data = source.read_bytes()
    with fresh.store.writing() as session:
        row = FileRow(call_id=fresh.plain_call, sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                      kind="audio", original_name="adpcm.wav", source_path="adpcm.wav",
                      vault_path="vault/originals/fixture/adpcm.wav", format="wav", codec="adpcm_ima_wav",
                      duration=1.0, channels=1, sample_rate=8000, ingested_at=utcnow(), actor="test")
        session.add(row)
        session.flush()
        file_id = row.id
    client, _ = login(fresh, "analyst")
    url = f"/api/calls/{fresh.plain_call}/audio/{file_id}"
    whole = client.get(url)
    assert whole.status_code == 200 and whole.headers["content-type"] == "audio/wav"
    info = soundfile.info(io.BytesIO(whole.content))
    assert info.subtype == "PCM_16" and info.samplerate == 8000 and abs(info.duration - 1.0) < 0.05
    part = client.get(url, headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.content == whole.content[100:200]
    copies = [d for d in fresh.store.derived_files(fresh.plain_call) if d.kind == "audio.playable"]
    assert len(copies) == 1 and copies[0].source_sha256 == hashlib.sha256(data).hexdigest()
    assert source.read_bytes() == data  # the original is untouched
    listed = client.get(f"/api/calls/{fresh.plain_call}").json()["recordings"]
    assert [r["kind"] for r in listed] == ["original"] and listed[0]["url"] == url


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("Серёга ранен", ["Серёга"], "██████ ранен"),
        ("серега ранен", ["Серёга"], "██████ ранен"),
        ("СЕРЁГА и Витёк", ["Серега", "Витёк"], "██████ и █████"),
        ("(a+b) ранен", ["(a+b)"], "█████ ранен"),
        ("никого нет", ["Серёга"], "никого нет"),
        ("Серёга", [], "Серёга"),
    ],
)
def test_scrub_masks_quoted_names(text, words, expected):
    from overheard.web.views import scrub

    assert scrub(text, words) == expected


@pytest.mark.parametrize(
    ("text", "spans", "offset", "expected"),
    [
        ("Это я, Серёга.", [(7, 13)], 0, "Это я, ██████."),
        ("я, Серёга.", [(7, 13)], 4, "я, ██████."),
        ("Иван\nПетров", [(0, 11)], 0, "████\n██████"),
        ("abc", [(5, 9)], 0, "abc"),
    ],
)
def test_mask_spans_keeps_length_and_offsets(text, spans, offset, expected):
    from overheard.web.views import mask_spans

    assert mask_spans(text, spans, offset) == expected and len(expected) == len(text)


def test_users_page_form_changes_role_and_disables(fresh):
    client, csrf = login(fresh, "admin")
    users = {u["name"]: u["id"] for u in client.get("/api/users").json()}
    response = client.post(f"/users/{users['viewer']}", data={"role": "analyst", "disabled": "yes",
                                                              "csrf_token": csrf}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/users"
    changed = {u["name"]: u for u in client.get("/api/users").json()}["viewer"]
    assert changed["role"] == "analyst" and changed["disabled"] is True
    bad = client.post(f"/users/{users['viewer']}", data={"role": "boss", "csrf_token": csrf}, follow_redirects=False)
    assert bad.headers["location"] == "/users?error=E013"
    missing = client.post("/users/999", data={"role": "viewer", "csrf_token": csrf}, follow_redirects=False)
    assert missing.headers["location"] == "/users?error=E005"
    assert client.get("/", follow_redirects=False).headers["location"] == "/calls"
    assert client.get("/healthz").text == "ok"
    css = client.get("/static/app.css")
    assert css.status_code == 200 and "text/css" in css.headers["content-type"]
    assert client.get("/static/../web/app.py").status_code == 404
