"""The casualty register: the same deaths told in several calls are one incident, counted once, by side.

The corpus (tests/register_corpus.py): three calls tell of the same three deaths, two naming the 54th
brigade near Кременная / Рубежное (13 km apart), one relaying what Санёк said ("у них под Кременной
трое"); a fourth call counts the enemy's dead; a fifth says "двухсотые все четверо", to which a
reviewer adds "четверо не вернулись" by hand.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
import register_corpus
from helpers import api_login, run_cli

from overheard import review
from overheard.register import RegisterError, build_register, decide_incidents, undo_decision
from overheard.register.exports import register_csv, register_json
from overheard.register.mentions import unit_key
from overheard.register.proposals import distance_km


@pytest.fixture
def built(tmp_path):
    ws, ids = register_corpus.build(tmp_path / "ws", users=True)
    yield ws, ids
    ws.close()


def _killed(register, side="own"):
    return next(t for t in register.totals(side) if t.category == "killed")


def test_three_reports_of_three_deaths_are_one_incident_of_three_people_after_acceptance(built):
    ws, ids = built
    same = {register_corpus.casualty_id(ws, ids[key]) for key in ("unit-kreminna", "unit-rubizhne", "relayed")}
    register = build_register(ws.store)
    [proposal] = [p for p in register.proposals if set(p.findings) & same]
    assert set(proposal.findings) == same
    assert any("same unit named" in r and "nearby places" in r for r in proposal.reasons)
    assert any(r.startswith("relayed report: same number (3 killed)") for r in proposal.reasons)

    before = [t for t in register.totals("own") if t.category == "killed"][0]
    # undecided: the mentions sum to 3+3+3 (+4 in another call); the range says 3..9 for these deaths
    assert (before.mentions, before.mention_people) == (4, 13)
    assert (before.people_low, before.people_high) == (7, 13)
    assert (before.incidents_low, before.incidents_high) == (2, 4)
    assert before.unreviewed == 4 and before.undecided == 3

    decision = decide_incidents(ws.store, {"action": "merge", "findings": list(proposal.findings)}, "anna")
    assert decision.evidence == proposal.reasons or set(decision.evidence) <= set(proposal.reasons)
    after = build_register(ws.store)
    incident = after.incident_of(min(same))
    assert (incident.people, len(incident.mentions), incident.status, incident.side) == (3, 3, "merged", "own")
    assert len(incident.calls) == 3 and incident.places == ("Кременная", "Рубежное")
    killed = _killed(after)
    assert (killed.people_low, killed.people_high) == (7, 7)  # 3 people in 1 incident (+ the other call's 4), not 9
    assert (killed.incidents_low, killed.incidents_high) == (2, 2) and killed.undecided == 0
    # the enemy's dead are counted apart and never proposed with ours
    enemy = _killed(after, "enemy")
    assert (enemy.people_low, enemy.people_high, enemy.mentions) == (15, 15, 1)
    assert all(after.mentions[f].side != "enemy" for p in after.proposals for f in p.findings)
    assert after.side_tally()["enemy"] == {"mentions": 1, "incidents": 1, "people": 15}


def test_decisions_are_audited_and_undoable(built):
    ws, ids = built
    findings = [register_corpus.casualty_id(ws, ids[k]) for k in ("unit-kreminna", "unit-rubizhne", "relayed")]
    merged = decide_incidents(ws.store, {"action": "merge", "findings": findings}, "anna")
    split = decide_incidents(ws.store, {"action": "split", "findings": [findings[2]]}, "boris")
    register = build_register(ws.store)
    assert len(register.incident_of(findings[0]).mentions) == 2
    assert len(register.incident_of(findings[2]).mentions) == 1
    undo_decision(ws.store, split.id, "anna")
    assert len(build_register(ws.store).incident_of(findings[0]).mentions) == 3
    undo_decision(ws.store, merged.id, "anna")
    back = build_register(ws.store)
    assert len(back.incident_of(findings[0]).mentions) == 1 and back.proposals  # proposed again
    actions = [e.action for e in ws.store.audit_entries() if e.action.startswith("incident.")]
    assert actions == ["incident.merge", "incident.split", "incident.undo", "incident.undo"]
    assert ws.store.verify_audit() == []
    with pytest.raises(Exception, match="already undone"):
        undo_decision(ws.store, merged.id, "anna")


def test_keeping_apart_stops_the_proposal(built):
    ws, ids = built
    findings = [register_corpus.casualty_id(ws, ids[k]) for k in ("unit-kreminna", "unit-rubizhne", "relayed")]
    decide_incidents(ws.store, {"action": "keep_apart", "findings": findings, "note": "different days"}, "anna")
    register = build_register(ws.store)
    assert not [p for p in register.proposals if set(p.findings) & set(findings)]
    killed = _killed(register)
    assert killed.people_low == killed.people_high == 13  # kept apart: the reviewer says 4 incidents


@pytest.mark.parametrize(("data", "message"), [
    ({"action": "merge", "findings": [1]}, "at least two"),
    ({"action": "merge", "findings": ["own", "enemy"]}, "findings"),
    ({"action": "merge", "findings": [999]}, "not a live casualty mention"),
    ({"action": "explode", "findings": [1, 4]}, "action"),
])
def test_malformed_decisions_are_refused(built, data, message):
    ws, _ = built
    with pytest.raises((RegisterError, review.ReviewError), match=message):
        decide_incidents(ws.store, data, "anna")


def test_own_and_enemy_losses_are_never_merged(built):
    ws, ids = built
    with pytest.raises(RegisterError, match="own and enemy"):
        decide_incidents(ws.store, {"action": "merge", "findings": [
            register_corpus.casualty_id(ws, ids["unit-kreminna"]), register_corpus.casualty_id(ws, ids["enemy"])]},
            "anna")


def test_a_hand_made_finding_repeating_the_machines_is_proposed_within_the_call(built):
    ws, ids = built
    call = ids["four"]
    text = ws.store.current_transcript(call).text
    start = text.index("четверо не вернулись")
    added = review.add_missed(ws.store, call, {"kind": "casualty", "label": "killed", "start": start,
                                               "end": start + len("четверо не вернулись"), "count": 4,
                                               "side": "own"}, "anna")["id"]
    machine = register_corpus.casualty_id(ws, call)
    register = build_register(ws.store)
    [proposal] = [p for p in register.proposals if added in p.findings]
    assert set(proposal.findings) == {machine, added}
    assert proposal.reasons == ("same call: a hand-made mention repeats another (4 killed)",)
    killed = _killed(register)
    assert killed.mention_people == 17 and killed.people_low == 7  # 4 stays 4 once the proposal is merged


def test_exports_hold_numbers_and_places_but_no_names(built):
    ws, ids = built
    register = build_register(ws.store)
    rows = list(csv.DictReader(io.StringIO(register_csv(register, "all"))))
    assert {r["side"] for r in rows} == {"own", "enemy"} and len(rows) == 5
    dumped = json.dumps(register_json(register, "all"), ensure_ascii=False) + register_csv(register, "all")
    for secret in ("Санёк", "Александр", "54", "unit-kreminna"):
        assert secret not in dumped, secret
    assert "Кременная" in dumped


def test_unit_keys_and_distances():
    assert unit_key("54-й бригады") == unit_key("54 бригада") == "54 brigade"
    assert unit_key("в/ч 12345") == "12345 military unit"
    assert unit_key("бригада") is None
    assert 12 < distance_km((49.04811, 38.21552), (49.01229, 38.37967)) < 14


def test_the_cli_lists_decides_and_undoes(built):
    ws, ids = built
    root = ws.root
    ws.close()
    listed = run_cli("incidents", "--format", "json", workspace=root)
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    assert data["side"] == "own" and "unknown" in data["notes"][0]
    [proposal] = [p for p in data["proposals"] if len(p["findings"]) == 3]
    accepted = run_cli("incidents", "accept", proposal["id"], "--actor", "anna", workspace=root)
    assert accepted.returncode == 0 and accepted.stdout.startswith("decision 1: merge"), accepted.stderr
    text = run_cli("incidents", workspace=root).stdout
    assert "killed (own): 7 people in 2 incidents, from 4 mentions (summed: 13)" in text
    enemy = run_cli("incidents", "--side", "enemy", "--format", "csv", workspace=root).stdout
    assert enemy.splitlines()[1].split(",")[1:4] == ["killed", "enemy", "15"]
    refused = run_cli("incidents", "merge", "1", workspace=root)
    assert refused.returncode == 2 and "E045" in refused.stderr
    assert run_cli("incidents", "undo", "1", workspace=root).returncode == 0
    assert "7–13 people" in run_cli("incidents", workspace=root).stdout
    kept = run_cli("incidents", "keep-apart", *map(str, proposal["findings"]), workspace=root)
    assert kept.returncode == 0 and kept.stdout.startswith("decision 2: keep apart"), kept.stderr
    assert "proposal P" not in run_cli("incidents", workspace=root).stdout


def test_the_register_page_and_its_json_twin(built):
    ws, ids = built
    viewer, _ = api_login(ws, "viewer")
    data = viewer.get("/api/register").json()
    [proposal] = [p for p in data["proposals"] if len(p["findings"]) == 3]
    page = viewer.get("/register")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert "7–13" in page.text and "Merge: same losses" not in page.text  # viewers read, do not decide
    assert "Санёк" not in page.text and "54-й" not in page.text
    assert viewer.post("/api/register/decisions", json={"action": "merge", "findings": proposal["findings"]},
                       headers={"X-CSRF-Token": "x"}).status_code == 403

    analyst, headers = api_login(ws, "analyst")
    assert "Merge: same losses" in analyst.get("/register").text
    response = analyst.post("/register/decisions", data={"action": "merge", "findings": ",".join(
        map(str, proposal["findings"])), "csrf_token": headers["X-CSRF-Token"]}, follow_redirects=False)
    assert response.status_code == 303 and "error" not in response.headers["location"]
    killed = next(t for t in analyst.get("/api/register").json()["totals"] if t["category"] == "killed")
    assert (killed["people_low"], killed["people_high"]) == (7, 7)
    bad = analyst.post("/api/register/decisions", json={"action": "merge", "findings": [proposal["findings"][0]]},
                       headers=headers)
    assert bad.status_code == 400 and "E045" in bad.text
    undo = analyst.post("/api/register/decisions/1/undo", headers=headers)
    assert undo.status_code == 200
    assert analyst.get("/api/register?format=csv").headers["content-type"].startswith("text/csv")
    assert analyst.get("/api/register?side=theirs").status_code == 400


def test_trends_and_the_report_show_the_register_ranges(built):
    ws, _ = built
    viewer, _ = api_login(ws, "viewer")
    box = viewer.get("/api/trends?by=month").json()["register"]
    killed = next(t for t in box["totals"] if t["category"] == "killed")
    assert (killed["people_low"], killed["people_high"], killed["unreviewed"]) == (7, 13, 4)
    assert box["sides"]["enemy"]["people"] == 15
    page = viewer.get("/trends?by=month").text
    assert 'id="register-box"' in page and "7–13" in page and "enemy 1 mentions / 15 people" in page
    root = ws.root
    ws.close()
    text = run_cli("report", "--by", "month", workspace=root).stdout
    assert "register, killed (own): 7–13 people in 2–4 incidents from 4 mentions; 4 unreviewed" in text
