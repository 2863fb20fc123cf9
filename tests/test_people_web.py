"""The people desk in the web workbench: /people, /people/{id}, /network, /map with their JSON twins, role
checks at the API, claims and evidence, call sign-off by a second reviewer (FastAPI's TestClient, real SQLite)."""

from __future__ import annotations

import pytest
from helpers import PASSWORD, api_login
from people_corpus import sample_workspace

from overheard.jobs.annotate import personal_data_detectors
from overheard.jobs.people import sync_people
from overheard.review import correct_transcript

ROLES = ("admin", "editor", "editor2", "analyst", "analyst2", "viewer")
CALLS = ("call-01-kupiansk", "call-03-svatove", "call-15-rubizhne")


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    ws = sample_workspace(tmp_path_factory.mktemp("web") / "ws", CALLS)
    for name in ROLES:
        ws.store.add_user(name, name.rstrip("2"), PASSWORD, actor="test")
    call = ws.store.get_call("call-01-kupiansk")
    current = ws.store.current_transcript(call.id)
    edited = current.transcript.segments[0].text.replace("Это я, Серёга.", "Это я, Серёга, позывной Дизель.")
    correct_transcript(ws.store, call.id, {0: edited}, "anna", base_version=current.id,
                       detectors=personal_data_detectors(ws))
    sync_people(ws, "anna")
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def clients(desk):
    return {name: api_login(desk, name) for name in ROLES}


PAGES = ["/people", "/people/{person}", "/network", "/map", "/people?verification=none&oblast=Kharkiv",
         "/network?identities=true"]
APIS = ["/api/people", "/api/people/{person}", "/api/network", "/api/map", "/api/places.geojson",
        "/api/network?format=graphml"]


@pytest.mark.parametrize("role, allowed", [("viewer", {"/map", "/api/map", "/api/places.geojson"}),
                                           ("analyst", set(PAGES + APIS) - {"/network?identities=true"}),
                                           ("editor", set(PAGES + APIS)), ("admin", set(PAGES + APIS))])
def test_every_page_and_its_json_twin_checks_the_role(desk, clients, role, allowed):
    client, _ = clients[role]
    person = desk.store.people()[0].id
    for url in PAGES + APIS:
        response = client.get(url.format(person=person))
        expected = 200 if url in allowed else 403
        assert response.status_code == expected, (role, url, response.status_code)
        assert response.headers["cache-control"] == "no-store"
        if response.status_code == 200 and url.startswith("/") and not url.startswith("/api"):
            assert "http://" not in response.text.replace("http://www.w3.org", "") and "https://" not in response.text


def test_analysts_see_pseudonyms_editors_real_names(desk, clients):
    analyst = clients["analyst"][0].get("/api/people").json()
    editor = clients["editor"][0].get("/api/people").json()
    assert analyst["counts"]["people"] == editor["counts"]["people"] > 5
    assert "display" not in analyst["people"][0] and editor["people"][0]["display"]
    page = clients["analyst"][0].get("/people").text
    assert "Сергей" not in page and analyst["people"][0]["pseudonym"] in page
    assert "Сергей" in clients["editor"][0].get("/people").text
    network = clients["analyst"][0].get("/api/network").json()
    assert not any(n["label"] in ("Дизель", "Сергей") for n in network["nodes"])
    assert any(n["label"] == "Дизель" for n in clients["editor"][0].get("/api/network?identities=true").json()["nodes"])


def test_the_scenario_through_the_api(desk, clients):
    analyst, analyst_h = clients["analyst"]
    editor, editor_h = clients["editor"]
    editor2, editor2_h = clients["editor2"]
    viewer, viewer_h = clients["viewer"]
    sergeys = [p for p in desk.store.people() if p.display == "Сергей"]
    page = analyst.get(f"/api/people/{sergeys[0].id}").json()
    (proposal,) = page["proposals"]
    assert proposal["reason"] == "callsign" and len({e["call_id"] for e in proposal["evidence"]}) == 2
    assert viewer.post("/api/people/proposals/accept", json={"signature": proposal["signature"]},
                       headers=viewer_h).status_code == 403
    merged = analyst.post("/api/people/proposals/accept", json={"signature": proposal["signature"]},
                          headers=analyst_h).json()
    assert len(merged["calls"]) == 2 and merged["decisions"][-1]["reason"] == "callsign"
    person = merged["id"]
    assert analyst.post(f"/api/people/{person}/claims", json={"kind": "real_name", "value": "Сергей Бондарев"},
                        headers=analyst_h).status_code == 403
    claim = editor.post(f"/api/people/{person}/claims", json={"kind": "real_name", "value": "Сергей Бондарев"},
                        headers=editor_h).json()
    for source in ("his mother, by phone", "a serving soldier of his company"):
        claim = editor.post(f"/api/claims/{claim['id']}/evidence", json={
            "kind": "relative_contacted" if "mother" in source else "soldier_contacted", "source": source,
            "observed_on": "2023-02-01", "revision": claim["revision"]}, headers=editor_h).json()
    assert claim["status"] == "corroborated" and claim["independent_sources"] == 2
    refused = editor.post(f"/api/claims/{claim['id']}/decision", json={"action": "sign_off"}, headers=editor_h)
    assert refused.status_code == 409 and "E040" in refused.json()["error"]
    claim = editor2.post(f"/api/claims/{claim['id']}/decision", json={"action": "sign_off"}, headers=editor2_h).json()
    assert claim["status"] == "verified"
    # analysts see the status, not the identity; viewers see nothing
    seen = analyst.get(f"/api/people/{person}").json()
    assert seen["claims"][0]["status"] == "verified" and "value" not in seen["claims"][0]
    assert "Бондарев" not in analyst.get(f"/people/{person}").text
    assert "Бондарев" in editor.get(f"/people/{person}").text
    assert viewer.get(f"/api/people/{person}").status_code == 403 and viewer.get(f"/people/{person}").status_code == 403
    assert "Бондарев" not in viewer.get("/map").text
    people = analyst.get("/api/people?verification=verified").json()
    assert [p["id"] for p in people["people"]] == [person]
    assert desk.store.verify_audit() == []


def test_a_call_is_verified_only_by_a_second_reviewer_with_every_finding_decided(desk, clients):
    analyst, analyst_h = clients["analyst"]
    analyst2, analyst2_h = clients["analyst2"]
    call = desk.store.get_call("call-03-svatove").id
    state = analyst.get(f"/api/calls/{call}/verification").json()
    assert not state["verified"] and state["missing"] == ["a sign-off"]  # never annotated: nothing pending
    # a finding left pending keeps the call from being signed off, and the call page says so
    from overheard.model import Finding, FindingKind
    tid = state["transcript_id"]
    text = desk.store.transcript(tid).text
    start = text.index("двухсотых")
    desk.store.replace_machine_findings(tid, "casualties.test", [Finding(
        FindingKind.CASUALTY, "killed", start, start + 9, "двухсотых", 0.9, "casualties.test", "test")], "d", "test")
    desk.store.replace_machine_findings(tid, "entities.test", [Finding(
        FindingKind.ENTITY, "CALLSIGN", text.index("Шаман"), text.index("Шаман") + 5, "Шаман", 0.9, "entities.test",
        "test")], "d", "test", personal_data=True)
    state = analyst.get(f"/api/calls/{call}/verification").json()
    assert state["missing"][:2] == ["1 personal-data finding(s) to decide", "1 casualty finding(s) to review"]
    assert "1 personal-data finding(s) to decide" in analyst.get(f"/calls/{call}").text
    refused = analyst.post(f"/api/calls/{call}/signoff", headers=analyst_h)
    assert refused.status_code == 409 and "E041" in refused.json()["error"]
    for finding in desk.store.findings(call_ref=call):
        assert analyst.post(f"/api/findings/{finding.id}/review", json={"action": "accept"},
                            headers=analyst_h).status_code == 200
    first = analyst.post(f"/api/calls/{call}/signoff", headers=analyst_h).json()
    assert not first["verified"] and first["review_status"] == "in_review"
    assert "a second reviewer's sign-off" in first["missing"][0]
    again = analyst.post(f"/api/calls/{call}/status", json={"status": "verified"}, headers=analyst_h)
    assert again.status_code == 409  # the same reviewer cannot verify it alone, whichever way they ask
    second = analyst2.post(f"/api/calls/{call}/signoff", headers=analyst2_h).json()
    assert second["verified"] and second["review_status"] == "verified" and second["signed_by"] == ["analyst",
                                                                                                     "analyst2"]
    assert "Verified" in analyst.get(f"/calls/{call}").text
    assert clients["viewer"][0].post(f"/api/calls/{call}/signoff", headers=clients["viewer"][1]).status_code == 403
