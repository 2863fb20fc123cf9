"""Speaker links, the split by call and the map's findings in Chromium (Playwright), per role, no remote asset."""

from __future__ import annotations

import pytest
from helpers import BROWSER_MARKS, PASSWORD, browser_login, serving
from people_corpus import sample_workspace

from overheard.jobs.annotate import annotate_workspace

pytestmark = BROWSER_MARKS

CALLS = ("call-03-svatove", "call-10-luhansk")  # both name Сватово


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    ws = sample_workspace(tmp_path_factory.mktemp("speakers-browser") / "ws", CALLS)
    annotate_workspace(ws, actor="test")
    for role in ("admin", "editor", "analyst", "viewer"):
        ws.store.add_user(role, role, PASSWORD, actor="test")
    with serving(ws) as base:
        yield ws, base
    ws.close()


def login(browser, base: str, role: str):
    requested: list[str] = []
    return browser_login(browser, base, role, requested=requested), requested


def test_an_analyst_links_a_speaker_on_the_call_page_and_unlinks_it_on_the_person_page(browser, site):
    ws, base = site
    call = ws.store.get_call("call-03-svatove")
    person = ws.store.people([ws.store.people_named_in_call(call.id)[0]])[0]
    page, requested = login(browser, base, "analyst")
    page.goto(f"{base}/calls/{call.id}")
    speaker = page.locator("#speaker-links li").first.get_attribute("data-speaker")
    page.fill(f"#speaker-links li[data-speaker='{speaker}'] input[name=person]", str(person.id))
    page.click(f"#speaker-links li[data-speaker='{speaker}'] .link-speaker button")
    page.wait_for_selector("#speaker-links a.linked-person")
    assert page.text_content("#speaker-links a.linked-person") == person.pseudonym
    assert page.locator("#speaker-links .real-name").count() == 0  # analysts: pseudonyms only
    page.goto(f"{base}/network")
    page.click(f"a.node-call[data-node='call:{call.id}']")
    page.wait_for_url(f"{base}/calls/{call.id}")
    page.goto(f"{base}/people/{person.id}")
    assert "call-03-svatove" in page.text_content("#speaks-in")
    page.click("#speaks-in .unlink-speaker")
    page.wait_for_selector("#speaks-in li[data-status='unlinked']")
    assert ws.store.speaker_links() == []
    assert all(url.startswith(base) for url in requested)


@pytest.mark.parametrize("role", ["viewer", "editor", "admin"])
def test_who_speaks_is_shown_by_role(browser, site, role):
    ws, base = site
    call = ws.store.get_call("call-10-luhansk")
    person = ws.store.people([ws.store.people_named_in_call(call.id)[0]])[0]
    if not ws.store.speaker_links(call_id=call.id):
        ws.store.link_speaker(person.id, call.id, call.speakers[0], "test")
    page, requested = login(browser, base, role)
    page.goto(f"{base}/calls/{call.id}")
    if role == "viewer":
        assert page.locator("#speaker-links").count() == 0
        assert person.pseudonym not in page.text_content("body")
        assert page.goto(f"{base}/api/calls/{call.id}/speaker-links").status == 403
    else:
        assert page.text_content("#speaker-links a.linked-person") == person.pseudonym
        assert page.text_content("#speaker-links .real-name") == person.display
    assert all(url.startswith(base) for url in requested)


@pytest.mark.parametrize("role", ["viewer", "analyst"])
def test_a_dot_on_the_map_opens_the_calls_and_findings(browser, site, role):
    ws, base = site
    page, requested = login(browser, base, role)
    page.goto(f"{base}/map")
    page.click("a.place[data-place='Svatove']")
    page.wait_for_url("**/map?place=Svatove*")
    assert page.locator("#place-calls li.place-call").count() == 2
    finding = page.locator("#place-calls a.place-finding").first
    href = finding.get_attribute("href")
    finding.click()
    page.wait_for_url(f"{base}{href.split('#')[0]}*")
    assert page.locator(f"#{href.split('#')[1]}").count() == 1
    assert all(url.startswith(base) for url in requested)
