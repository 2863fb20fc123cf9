"""The review workbench without a browser: undo, conflicts, the queue's order and filters, explanations in words,
error pages. (The browser walk-throughs are tests/test_web_workbench_browser.py.)"""

from __future__ import annotations

import pytest
from helpers import api_login

from overheard import review
from overheard.errors import ConflictError
from overheard.model import QueueFilters, ReviewStatus
from overheard.web.explain import explain, label_words


def statuses(fresh) -> dict[int, str]:
    return {f.id: f.review_status.value for f in fresh.store.findings(call_ref=fresh.audio_call)}


def undo_entries(fresh) -> list[tuple[str, str]]:
    return [(e.actor, e.object_id) for e in fresh.store.audit_entries(fresh.audio_call) if e.action == "finding.undo"]


# ---- undo ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("action", ["accept", "reject"])
def test_a_decision_is_undone_back_to_pending_and_audited(fresh, action):
    finding = fresh.findings["casualty"]
    decided = review.decide(fresh.store, finding, action, "anna", 0)
    undone = review.undo(fresh.store, finding, "anna", decided["revision"])
    assert undone == {"id": finding, "review_status": "pending", "revision": 2, "changed": [finding]}
    assert undo_entries(fresh) == [("anna", str(finding))]
    with pytest.raises(ConflictError, match="no decision to undo"):
        review.undo(fresh.store, finding, "anna")
    assert fresh.store.verify_audit() == []


def test_undo_walks_back_one_decision_at_a_time(fresh):
    finding = fresh.findings["wounded"]
    review.decide(fresh.store, finding, "accept", "anna")
    review.decide(fresh.store, finding, "reject", "boris")  # the API allows changing one's mind
    assert review.undo(fresh.store, finding, "anna")["review_status"] == "accepted"
    assert review.undo(fresh.store, finding, "anna")["review_status"] == "pending"


def test_undoing_a_correction_withdraws_it_and_restores_the_machine_finding(fresh):
    theme = fresh.findings["theme"]
    review.decide(fresh.store, theme, "accept", "anna")
    fixed = review.correct(fresh.store, theme, {"label": "wants_to_leave", "revision": 1}, "anna")
    assert statuses(fresh)[theme] == "corrected"
    # undo from either side: here from the old, corrected finding
    undone = review.undo(fresh.store, theme, "anna")
    assert sorted(undone["changed"]) == sorted([fixed["id"], theme])
    after = statuses(fresh)
    assert after[theme] == "accepted" and after[fixed["id"]] == "rejected"  # the correction stays, withdrawn
    # and it can be corrected again (the unique live-correction index allows it: the old one is withdrawn)
    again = review.correct(fresh.store, theme, {"label": "casualty_report"}, "anna")
    review.undo(fresh.store, again["id"], "anna")  # from the correction's side
    assert statuses(fresh)[theme] == "accepted"
    assert fresh.store.verify_audit() == []


@pytest.mark.parametrize("clicked", ["first half", "second half", "old person finding"])
def test_undoing_a_merge_withdraws_both_halves_whichever_is_clicked(fresh, clicked):
    person, ivan = fresh.findings["person"], fresh.findings["ivan"]
    first, second = review.merge_persons(fresh.store, person, ivan, "anna")["ids"]
    assert statuses(fresh)[person] == statuses(fresh)[ivan] == "corrected"
    target = {"first half": first, "second half": second, "old person finding": ivan}[clicked]
    undone = review.undo(fresh.store, target, "anna")
    assert sorted(undone["changed"]) == sorted([first, second, person, ivan])
    after = statuses(fresh)
    assert after[first] == after[second] == "rejected" and after[person] == after[ivan] == "pending"
    assert sorted(int(i) for _, i in undo_entries(fresh)) == sorted([first, second, person, ivan])  # one each
    assert fresh.store.verify_audit() == []


def test_an_added_finding_is_withdrawn_by_undo(fresh):
    text = fresh.store.current_transcript(fresh.audio_call).text
    start = text.index("ранен")
    added = review.add_missed(fresh.store, fresh.audio_call, {"kind": "casualty", "label": "wounded",
                                                                "start": start, "end": start + 5}, "anna")
    assert review.undo(fresh.store, added["id"], "anna")["review_status"] == "rejected"


def test_undo_on_a_finding_changed_meanwhile_is_a_conflict(fresh):
    finding = fresh.findings["ivan"]
    review.decide(fresh.store, finding, "accept", "anna", 0)
    review.decide(fresh.store, finding, "reject", "boris", 1)
    with pytest.raises(ConflictError, match="rejected by boris"):
        review.undo(fresh.store, finding, "anna", 1)


def test_undo_and_conflicts_through_the_api(fresh):
    client, csrf = api_login(fresh, "analyst")
    finding = fresh.findings["casualty"]
    accepted = client.post(f"/api/findings/{finding}/review", json={"action": "accept", "revision": 0}, headers=csrf)
    stale = client.post(f"/api/findings/{finding}/review", json={"action": "reject", "revision": 0}, headers=csrf)
    assert stale.status_code == 409 and stale.json()["error"].startswith("E018 ")
    now = client.get(f"/api/findings/{finding}").json()
    assert (now["review_status"], now["reviewed_by"], now["revision"]) == ("accepted", "analyst", 1)
    assert now["decided"].startswith("accepted by analyst at ")
    undone = client.post(f"/api/findings/{finding}/undo", json={"revision": accepted.json()["revision"]},
                         headers=csrf)
    assert undone.json()["review_status"] == "pending"
    assert client.post(f"/api/findings/{finding}/undo", json={}, headers=csrf).status_code == 409
    viewer, viewer_csrf = api_login(fresh, "viewer")
    assert viewer.post(f"/api/findings/{finding}/undo", json={}, headers=viewer_csrf).status_code == 403
    person = viewer.get(f"/api/findings/{fresh.findings['person']}").json()
    assert "Серёга" not in str(person)  # the finding's twin is masked for viewers like the call page


# ---- the queue ----------------------------------------------------------------------------------
def test_queue_puts_casualties_and_personal_data_first_then_confidence(fresh):
    queue = fresh.store.review_queue()
    order = [(i.finding.finding.kind.value, i.finding.finding.label) for i in queue.items]
    assert order == [("entity", "PER"), ("casualty", "killed"), ("casualty", "wounded"), ("entity", "PER"),
                     ("theme", "losses"), ("entity", "LOC")]
    assert queue.pending == queue.matching == 6


@pytest.mark.parametrize(("query", "labels"), [
    ("kind=casualty", ["killed", "wounded"]),
    ("label=PER", ["PER", "PER"]),
    ("max_score=0.6", ["PER", "killed", "wounded"]),
    ("oblast=Запорожская&kind=theme", ["losses"]),
    ("oblast=Херсонская", []),
    ("theme=losses&kind=entity", ["PER", "PER", "LOC"]),
    ("theme=refusal", []),
])
def test_queue_filters(fresh, query, labels):
    client, _ = api_login(fresh, "analyst")
    data = client.get(f"/api/queue?{query}").json()
    assert [item["label"] for item in data["items"]] == labels and data["matching"] == len(labels)


def test_queue_status_filter_and_counters(fresh):
    client, csrf = api_login(fresh, "analyst")
    client.post(f"/api/findings/{fresh.findings['place']}/review", json={"action": "accept"}, headers=csrf)
    accepted = client.get("/api/queue?status=accepted").json()
    assert [i["id"] for i in accepted["items"]] == [fresh.findings["place"]] and accepted["pending"] == 5
    assert client.get("/api/queue?status=any").json()["by_kind"] == {"casualty": 2, "entity": 3, "theme": 1}
    assert client.get("/api/queue?kind=rumour").json()["error"].startswith("E015")
    assert fresh.store.review_queue(filters=QueueFilters(call=fresh.plain_call)).matching == 0


def test_queue_page_has_buttons_filters_and_words(fresh):
    client, _ = api_login(fresh, "analyst")
    page = client.get("/queue").text
    assert page.count('class="accept"') == 6 and page.count('class="undo"') == 6
    assert 'id="queue-kind"' in page and "wants to leave" in page and "wants_to_leave</option>" not in page
    assert "{" not in page.split('id="queue"')[1].split("</table>")[0]  # no dicts or regexes in the rows


# ---- explanations in words ----------------------------------------------------------------------
TERM = {"kind": "term", "label": "killed", "text": "двухсотых", "review_status": "pending",
        "explanation": "lexicon entry cas.200 (builtin) matched 'двухсотых'; note: From «груз 200».",
        "attributes": {"term_id": "cas.200", "gloss": {"ru": "убитый", "uk": "убитий", "en": "killed (KIA)"}}}
THEME = {"kind": "theme", "label": "supply_shortage", "text": "нам опять не выдали ничего", "review_status": "pending",
         "explanation": "supply_shortage (score 0.7) from cue '=не кормить|платить|выдавать|выдать|видати'",
         "attributes": {"scope": "utterance"}}
CASUALTY = {"kind": "casualty", "label": "wounded", "text": "трёхсотых человек семь", "review_status": "accepted",
            "explanation": "cas.300 (code) matched 'трёхсотых' as wounded; count 7 from 'человек семь' after it "
                           "(approximate)", "attributes": {"count": 7, "approximate": True}}
PLACE = {"kind": "entity", "label": "LOC", "text": "Купянском", "review_status": "pending",
         "explanation": "gazetteer:купянск", "attributes": {"geo": {"name": "Kupyansk", "oblast": "Kharkiv"}}}


@pytest.mark.parametrize(("finding", "label", "rule_has", "marked", "gloss", "count"), [
    (TERM, "200s (killed)", "coded word for killed (KIA)", ["двухсотых"], "killed (KIA)", None),
    (THEME, "supply shortage", "«выдали»", ["выдали"], None, None),
    (CASUALTY, "300s (wounded)", "count 7 from «человек семь»", ["трёхсотых", "человек семь"], None, "about 7"),
    (PLACE, "place", "Kupyansk, Kharkiv", ["Купянском"], None, None),
])
def test_findings_are_explained_in_words(finding, label, rule_has, marked, gloss, count):
    shown = explain(finding)
    assert shown["label"] == label and rule_has in shown["rule"]
    assert [p["text"] for p in shown["parts"] if p["mark"]] == marked
    assert "".join(p["text"] for p in shown["parts"]) == finding["text"]
    assert shown["gloss"] == gloss and shown["count"] == count
    assert not any(mark in shown["rule"] for mark in ("|", "{", "'ru'", "=не"))


def test_gloss_in_the_ui_language():
    assert explain(TERM, "uk")["gloss"] == "убитий" and explain(TERM, "de")["gloss"] == "killed (KIA)"
    assert label_words("entity", "CALLSIGN") == "call sign"
    assert label_words("theme", "wants_to_leave") == "wants to leave"


def test_call_page_shows_words_not_dicts_offsets_or_none(fresh):
    client, _ = api_login(fresh, "analyst")
    page = client.get(f"/calls/{fresh.audio_call}").text
    assert "{&#39;" not in page and "None" not in page
    assert page.count('class="kind-tag') >= 6 and 'class="legend"' in page and 'id="live"' in page
    part = client.get(f"/calls/{fresh.audio_call}/parts/findings")
    assert part.status_code == 200 and part.text.lstrip().startswith('<ul class="findings"')
    # each correction form comes on its own when "Correct" opens, which keeps the findings list light
    assert "correct-form" not in part.text and part.text.count('class="correct-open"') >= 6
    form = client.get(f"/calls/{fresh.audio_call}/parts/correct/{fresh.findings['theme']}").text
    assert 'name="start" value=' in form and 'type="hidden" name="start"' in form  # offsets are not typed
    assert "None" not in form and 'name="count" inputmode="numeric" value=""' in form
    assert client.get(f"/calls/{fresh.plain_call}/parts/correct/{fresh.findings['theme']}").status_code == 404
    unscripted = client.get(f"/calls/{fresh.audio_call}?correct={fresh.findings['person']}").text
    assert unscripted.count('class="grid correct-form"') == 1 and "/findings/merge" in unscripted


# ---- errors and unknown addresses ---------------------------------------------------------------
def test_unknown_addresses_are_pages_outside_the_api(fresh):
    client, _ = api_login(fresh, "analyst")
    page = client.get("/no/such/page")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "There is no page at this address." in page.text and page.headers["cache-control"] == "no-store"
    assert client.get("/calls/not-a-number").headers["content-type"].startswith("text/html")
    assert client.get("/api/no/such").headers["content-type"] == "application/json"
    missing = client.get("/calls/999")
    assert missing.status_code == 404 and "E005" in missing.text and 'class="code"' in missing.text


def test_a_failed_form_action_is_explained_in_words(fresh):
    client, _ = api_login(fresh, "analyst")
    page = client.get(f"/calls/{fresh.audio_call}?error=E018").text
    assert "Someone else changed this" in page and '<small class="code">(E018)</small>' in page


def test_undo_form_works_without_scripts(fresh):
    client, csrf = api_login(fresh, "analyst")
    finding = fresh.findings["place"]
    client.post(f"/api/findings/{finding}/review", json={"action": "reject"}, headers=csrf)
    form = client.post(f"/calls/{fresh.audio_call}/findings/{finding}/undo",
                       data={"csrf_token": csrf["X-CSRF-Token"], "revision": "1"}, follow_redirects=False)
    assert form.status_code == 303 and statuses(fresh)[finding] == ReviewStatus.PENDING.value
