"""Tags, stars and notes on calls, findings and quotes: what a tag may be, who sees and writes what, the filters,
the audit trail (digests, never the words), the CLI (`overheard tag`, `overheard note`, `overheard star`) and
the JSON API. (The browser walk-through is tests/test_marks_browser.py.)"""

from __future__ import annotations

import json

import pytest
from helpers import api_login, run_cli

from overheard.errors import MarkError, NotFoundError, PermissionDenied
from overheard.model import CallFilters, QueueFilters, Role
from overheard.review import marks
from overheard.review.quotes import make_quote


# ---- what a tag and a note may be -----------------------------------------------------------------
@pytest.mark.parametrize(("typed", "stored"), [
    ("follow-up", "follow-up"),
    ("  Follow_Up ", "follow_up"),
    ("Груз-200", "груз-200"),
    ("й".replace("й", "и\u0306"), "й"),  # decomposed й is stored composed (NFC)
    ("kia2", "kia2"),
    ("Верифіковано", "верифіковано"),
])
def test_a_tag_is_one_short_word_stored_in_nfc_lower_case(typed, stored):
    assert marks.clean_tag(typed) == stored


@pytest.mark.parametrize("typed", ["", "   ", "two words", "-dash-first", "_under", "a" * 33, "tag!", "#hash",
                                   "zero\u200bwidth", "line\nbreak", "<script>", "emoji🙂"])
def test_a_tag_that_is_not_one_short_word_is_refused_without_echoing_it(fresh, typed):
    with pytest.raises(MarkError) as refused:
        marks.tag(fresh.store, "call", fresh.audio_call, {"tag": typed}, "anna", Role.ANALYST)
    assert refused.value.code == "E035"
    assert typed.strip() == "" or typed not in str(refused.value)


@pytest.mark.parametrize("body", ["", "   ", "x" * 2001, "bell\x07", "rtl\u202eoverride"])
def test_a_note_must_be_text_of_at_most_2000_characters(fresh, body):
    with pytest.raises(MarkError, match="E035 body"):
        marks.add_note(fresh.store, "call", fresh.audio_call, {"body": body}, "anna", Role.ANALYST)


def test_only_calls_findings_and_quotes_take_marks_and_they_must_exist(fresh):
    with pytest.raises(MarkError, match="only call, finding, quote"):
        marks.tag(fresh.store, "person", 1, {"tag": "x"}, "anna", Role.ANALYST)
    with pytest.raises(NotFoundError, match="no finding 999999"):
        marks.tag(fresh.store, "finding", 999_999, {"tag": "x"}, "anna", Role.ANALYST)


# ---- writes, reads and the audit trail ------------------------------------------------------------
def test_tags_are_shared_stars_are_personal_notes_are_shared(fresh):
    store, call, finding = fresh.store, fresh.audio_call, fresh.findings["casualty"]
    marks.tag(store, "call", call, {"tag": "follow-up"}, "anna", Role.ANALYST)
    marks.tag(store, "call", call, {"tag": "Follow-Up"}, "boris", Role.EDITOR)  # the same tag: no second row
    marks.star(store, "finding", finding, {"starred": True}, "anna", Role.ANALYST)
    note = marks.add_note(store, "finding", finding, {"body": "Серёга is the brother? check"}, "anna",
                          Role.ANALYST)
    for user in ("anna", "boris"):
        seen = marks.visible(store, "finding", [finding], user, Role.EDITOR)[finding]
        assert seen.notes == (note,) and seen.starred == (user == "anna")
        assert marks.visible(store, "call", [call], user, Role.ANALYST)[call].tags == ("follow-up",)
    marks.tag(store, "call", call, {"tag": "follow-up"}, "boris", Role.EDITOR, add=False)
    assert store.marks("call", [call])[call].tags == ()
    marks.delete_note(store, note.id, "boris", Role.EDITOR)
    assert store.marks("finding", [finding], notes=True)[finding].notes == ()


def test_every_write_is_audited_by_digest_never_the_words(fresh):
    store, call = fresh.store, fresh.audio_call
    before = len(store.audit_entries(call))
    marks.tag(store, "call", call, {"tag": "petrenko"}, "anna", Role.ANALYST)
    marks.tag(store, "call", call, {"tag": "petrenko"}, "anna", Role.ANALYST)  # unchanged: no entry
    marks.star(store, "call", call, {"starred": True}, "anna", Role.ANALYST)
    note = marks.add_note(store, "call", call, {"body": "Иван Петренко called twice"}, "anna", Role.ANALYST)
    marks.delete_note(store, note.id, "anna", Role.ANALYST)
    marks.star(store, "call", call, {"starred": False}, "anna", Role.ANALYST)
    marks.tag(store, "call", call, {"tag": "petrenko"}, "anna", Role.ANALYST, add=False)
    entries = store.audit_entries(call)[before:]
    assert [e.action for e in entries] == ["tag.add", "star.add", "note.add", "note.delete", "star.remove",
                                           "tag.remove"]
    assert all(e.actor == "anna" and e.call_id == call for e in entries)
    logged = json.dumps([vars(e) for e in entries], default=str, ensure_ascii=False)
    assert "Петренко" not in logged and "petrenko" not in logged  # only digests of the words
    assert entries[0].after_digest and entries[2].after_digest
    assert store.verify_audit() == []


def test_a_viewer_sees_only_their_own_stars_never_tags_or_notes(fresh):
    store, call = fresh.store, fresh.audio_call
    marks.tag(store, "call", call, {"tag": "petrenko"}, "anna", Role.ANALYST)
    marks.add_note(store, "call", call, {"body": "Иван Петренко"}, "anna", Role.ANALYST)
    marks.star(store, "call", call, {"starred": True}, "viewer", Role.VIEWER)
    seen = marks.visible(store, "call", [call], "viewer", Role.VIEWER)[call]
    assert seen.tags == () and seen.notes == () and seen.starred
    with pytest.raises(PermissionDenied):
        marks.tag(store, "call", call, {"tag": "mine"}, "viewer", Role.VIEWER)
    with pytest.raises(PermissionDenied):
        marks.add_note(store, "call", call, {"body": "hello"}, "viewer", Role.VIEWER)
    with pytest.raises(PermissionDenied):
        marks.check_filter(Role.VIEWER, "petrenko")
    assert marks.tags_in_use(store, Role.VIEWER) == []


# ---- filters --------------------------------------------------------------------------------------
def test_the_calls_list_queue_quotes_and_search_filter_by_tag_and_star(fresh):
    store, call = fresh.store, fresh.audio_call
    marks.tag(store, "call", fresh.plain_call, {"tag": "uk"}, "anna", Role.ANALYST)
    marks.star(store, "call", call, {"starred": True}, "anna", Role.ANALYST)
    assert [c.id for c in store.call_list(CallFilters(tag="uk")).calls] == [fresh.plain_call]
    assert [c.id for c in store.call_list(CallFilters(starred="anna")).calls] == [call]
    assert store.call_list(CallFilters(starred="boris")).calls == ()
    finding = fresh.findings["wounded"]
    marks.tag(store, "finding", finding, {"tag": "check-count"}, "anna", Role.ANALYST)
    queue = store.review_queue(50, QueueFilters(tag="check-count"))
    assert [item.finding.id for item in queue.items] == [finding] and queue.matching == 1
    assert store.review_queue(50, QueueFilters(starred="anna")).items == ()
    quote = make_quote(store, call, {"start": 0, "end": 14}, "anna")
    marks.star(store, "quote", quote.id, {"starred": True}, "boris", Role.EDITOR)
    assert [q.id for q in store.quotes(starred="boris")] == [quote.id] and store.quotes(tag="uk") == []
    assert store.marked_ids("call", tag="uk") == [fresh.plain_call]
    assert store.tags_in_use() == [("check-count", 1), ("uk", 1)]


# ---- the JSON API and the forms --------------------------------------------------------------------
def test_the_api_tags_stars_and_notes_with_role_checks(fresh):
    call, finding = fresh.audio_call, fresh.findings["casualty"]
    analyst, headers = api_login(fresh, "analyst")
    tagged = analyst.post(f"/api/calls/{call}/tags", json={"tag": "Follow-up"}, headers=headers)
    assert tagged.status_code == 200 and tagged.json()["tags"] == ["follow-up"]
    assert analyst.post(f"/api/findings/{finding}/star", json={"starred": True}, headers=headers).json()["starred"]
    note = analyst.post(f"/api/findings/{finding}/notes", json={"body": "ask the source"}, headers=headers).json()
    assert note["body"] == "ask the source" and note["created_by"] == "analyst"
    assert analyst.get(f"/api/findings/{finding}/marks").json()["notes"][0]["id"] == note["id"]
    bad = analyst.post(f"/api/calls/{call}/tags", json={"tag": "two words"}, headers=headers)
    assert bad.status_code == 400 and bad.json()["error"].startswith("E035 tag:")
    assert analyst.post(f"/api/calls/{call}/tags", json={"tag": "x"}).status_code == 403  # no CSRF token
    assert analyst.get("/api/tags").json() == [{"tag": "follow-up", "count": 1}]
    assert [c["id"] for c in analyst.get("/api/calls?tag=follow-up").json()["calls"]] == [call]
    assert [f["id"] for f in analyst.get("/api/queue?starred=1&status=any").json()["items"]] == [finding]
    assert analyst.post(f"/api/notes/{note['id']}/delete", headers=headers).json()["notes"] == []
    assert analyst.post(f"/api/calls/{call}/tags/remove", json={"tag": "follow-up"},
                        headers=headers).json()["tags"] == []
    viewer, vheaders = api_login(fresh, "viewer")
    assert viewer.post(f"/api/calls/{call}/tags", json={"tag": "x"}, headers=vheaders).status_code == 403
    assert viewer.post(f"/api/calls/{call}/notes", json={"body": "x"}, headers=vheaders).status_code == 403
    assert viewer.get("/api/calls?tag=follow-up").status_code == 403
    assert viewer.get("/api/tags").status_code == 403
    assert viewer.post(f"/api/calls/{call}/star", json={"starred": True}, headers=vheaders).json()["starred"]
    assert [c["id"] for c in viewer.get("/api/calls?starred=1").json()["calls"]] == [call]
    assert viewer.get("/api/quotes/1/marks").status_code == 403  # viewers never see quotes


def test_a_viewer_never_sees_a_note_or_tag_on_any_page_or_api(fresh):
    call, finding = fresh.audio_call, fresh.findings["person"]
    analyst, headers = api_login(fresh, "analyst")
    analyst.post(f"/api/calls/{call}/tags", json={"tag": "petrenko"}, headers=headers)
    analyst.post(f"/api/findings/{finding}/tags", json={"tag": "petrenko"}, headers=headers)
    analyst.post(f"/api/calls/{call}/notes", json={"body": "Мария Петренко confirmed"}, headers=headers)
    analyst.post(f"/api/findings/{finding}/notes", json={"body": "Мария Петренко again"}, headers=headers)
    assert "Мария Петренко confirmed" in analyst.get(f"/calls/{call}").text
    viewer, _ = api_login(fresh, "viewer")
    for path in (f"/calls/{call}", f"/api/calls/{call}", "/calls", "/api/calls", f"/calls/{call}/parts/findings",
                 f"/parts/marks/call/{call}", f"/parts/marks/finding/{finding}", f"/api/calls/{call}/marks",
                 f"/api/findings/{finding}/marks", f"/api/findings/{finding}", f"/api/calls/{call}/audit",
                 "/search?q=двухсотых", "/api/search?q=двухсотых"):
        page = viewer.get(path)
        assert page.status_code == 200, path
        assert "Петренко" not in page.text and "petrenko" not in page.text, path


def test_the_forms_work_without_scripts_and_come_back_to_the_page(fresh):
    call = fresh.audio_call
    client, headers = api_login(fresh, "editor")
    token = headers["X-CSRF-Token"]
    sent = client.post(f"/calls/{call}/tags", data={"csrf_token": token, "tag": "Urgent", "back": f"/calls/{call}"},
                       follow_redirects=False)
    assert sent.status_code == 303 and sent.headers["location"] == f"/calls/{call}"
    bad = client.post(f"/calls/{call}/tags", data={"csrf_token": token, "tag": "no good", "back": "/calls"},
                      follow_redirects=False)
    assert bad.headers["location"] == "/calls?error=E035"
    away = client.post(f"/calls/{call}/star", data={"csrf_token": token, "starred": "true",
                                                    "back": "//evil.example/"}, follow_redirects=False)
    assert away.headers["location"] == "/calls"  # only local paths
    client.post(f"/calls/{call}/notes", data={"csrf_token": token, "body": "a note"})
    assert client.post(f"/calls/{call}/notes", data={"body": "no token"}).status_code == 403
    page = client.get(f"/calls/{call}").text
    assert "#urgent" in page and "a note" in page and 'aria-pressed="true"' in page
    assert client.get("/calls?tag=urgent&starred=1").text.count('class="call-link"') == 1


# ---- the command line -------------------------------------------------------------------------------
def test_tag_note_and_star_on_the_command_line(fresh):
    root, call = fresh.root, "call_0001"
    fresh.store.close()
    env = {"OVERHEARD_ACTOR": "anna"}
    added = run_cli("tag", "add", "call", call, "Follow-up", "груз-200", workspace=root, env=env)
    assert added.returncode == 0, added.stderr
    assert "follow-up, груз-200" in added.stdout
    refused = run_cli("tag", "add", "call", call, "two words", workspace=root, env=env)
    assert refused.returncode != 0 and "E035" in refused.stderr and "two words" not in refused.stderr
    listed = run_cli("tag", "list", workspace=root)
    assert "follow-up" in listed.stdout and "груз-200" in listed.stdout
    tagged = run_cli("tag", "list", "--tag", "follow-up", "-f", "json", workspace=root)
    assert json.loads(tagged.stdout) == [{"object_type": "call", "object_id": fresh.audio_call}]
    assert run_cli("tag", "remove", "call", call, "груз-200", workspace=root, env=env).stdout.strip().endswith(
        "follow-up")
    noted = run_cli("note", "add", "finding", str(fresh.findings["casualty"]), "ask about Серёга",
                    workspace=root, env=env)
    assert noted.returncode == 0 and noted.stdout.startswith("note ")
    notes = run_cli("note", "list", "finding", str(fresh.findings["casualty"]), "-f", "json", workspace=root)
    [note] = json.loads(notes.stdout)
    assert note["body"] == "ask about Серёга" and note["created_by"] == "anna"
    assert run_cli("note", "delete", str(note["id"]), workspace=root, env=env).returncode == 0
    starred = run_cli("star", "call", call, workspace=root, env=env)
    assert "★" in starred.stdout
    unstarred = run_cli("star", "call", call, "--remove", workspace=root, env=env)
    assert "★" not in unstarred.stdout
    audit = run_cli("audit", "verify", workspace=root)
    assert audit.returncode == 0, audit.stdout + audit.stderr
