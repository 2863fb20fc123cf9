"""The people desk in Chromium (Playwright): /people, /people/{id}, /network and /map for each role, no remote asset."""

from __future__ import annotations

import pytest
from helpers import BROWSER_MARKS, PASSWORD, browser_login, serving
from people_corpus import sample_workspace

pytestmark = BROWSER_MARKS

CALLS = ("call-01-kupiansk", "call-06-makiivka", "call-15-rubizhne")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    ws = sample_workspace(tmp_path_factory.mktemp("people-browser") / "ws", CALLS)
    for role in ("admin", "editor", "analyst", "viewer"):
        ws.store.add_user(role, role, PASSWORD, actor="test")
    with serving(ws) as base:
        yield ws, base
    ws.close()


@pytest.mark.parametrize("role", ["viewer", "analyst", "editor", "admin"])
def test_the_four_pages_for_each_role_with_no_remote_asset(browser, site, role):
    ws, base = site
    requested: list[str] = []
    page = browser_login(browser, base, role, requested=requested)
    person = next(p for p in ws.store.people() if p.display == "Алексей")
    statuses = {path: page.goto(base + path).status for path in ("/people", f"/people/{person.id}", "/network", "/map")}
    if role == "viewer":
        assert statuses == {"/people": 403, f"/people/{person.id}": 403, "/network": 403, "/map": 200}
        assert "Алексей" not in page.text_content("body") and page.locator("#map-svg").count() == 1
    else:
        assert set(statuses.values()) == {200}
        page.goto(f"{base}/people")
        assert page.locator("#people tbody tr").count() == len(ws.store.people())
        assert page.locator(".real-name").count() == (0 if role == "analyst" else len(ws.store.people()))
        page.click(f"tr[data-person='{person.id}'] a.pseudonym")
        page.wait_for_url(f"{base}/people/{person.id}")
        assert page.text_content("#pseudonym") == person.pseudonym
        page.click("#mentions a >> nth=0")  # a mention opens the call at its second
        assert f"/calls/{person.calls[0]}" in page.url
        page.goto(f"{base}/network")
        page.click(f"a.node-person[data-node='person:{person.id}']")
        page.wait_for_url(f"{base}/people/{person.id}")
    page.goto(f"{base}/map")
    dots = page.locator("a.place")
    assert dots.count() > 0
    name = dots.first.get_attribute("data-place")
    dots.first.click()
    page.wait_for_url("**/map?place=*")
    assert page.locator("#place-calls li a").count() >= 1 and name in page.text_content("#place-calls h2")
    assert page.locator("a.oblast[data-oblast='Donetsk']").get_attribute("data-casualties") is not None
    assert all(url.startswith(base) for url in requested), [u for u in requested if not u.startswith(base)]


def test_an_editor_records_a_claim_and_evidence_from_the_person_page(browser, site):
    ws, base = site
    page = browser_login(browser, base, "editor")
    person = next(p for p in ws.store.people() if p.display == "Алексей")
    page.goto(f"{base}/people/{person.id}")
    page.select_option("#new-claim select[name=kind]", "status")
    page.fill("#new-claim input[name=value]", "alive")
    page.click("#new-claim button")
    page.wait_for_selector(".claim")
    page.fill(".evidence-form input[name=source]", "his mother, in the call")
    page.click(".evidence-form .add-evidence")
    page.wait_for_selector(".claim[data-status='corroborated']")
    assert "his mother, in the call" in page.text_content(".claim .evidence")
    page.select_option(".claim-decision select[name=action]", "sign_off")
    page.click(".claim-decision .decide-claim")
    assert "E040" in page.text_content("#person-error")  # one source, and the recorder alone
