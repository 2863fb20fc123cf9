"""Tags, stars and notes in a real browser, without reloads: tag a call, star a finding, add a note to it, then find
them again through the filters of the calls list, the queue and search; a viewer sees only their own star."""

from __future__ import annotations

from helpers import BROWSER_MARKS, announced
from helpers import browser_login as login

pytestmark = BROWSER_MARKS


def test_tag_a_call_star_a_finding_note_it_and_filter_by_them(browser, site):
    corpus, base = site
    page = login(browser, base, "analyst", viewport={"width": 1440, "height": 900})
    page.goto(f"{base}/calls/{corpus.audio_call}")
    page.evaluate("window.__stay = 1")  # gone if the page reloads
    panel = page.locator("#call-marks")
    panel.locator("input.tag-input").fill("Follow-up")
    panel.locator("button.add-tag").click()
    panel.locator(".tag-chip", has_text="#follow-up").wait_for()
    assert page.evaluate("document.activeElement.classList.contains('tag-input')")  # ready for the next tag
    assert announced(page, "live", "Tag added: Follow-up")
    # a bad tag is explained in words, with its code, and nothing is saved
    panel.locator("input.tag-input").fill("two words")
    page.evaluate("document.querySelector('#call-marks input.tag-input').removeAttribute('pattern')")
    panel.locator("button.add-tag").click()
    panel.locator(".marks-error").wait_for()
    assert "E035" in panel.locator(".marks-error").text_content()

    finding = f"#finding-{corpus.findings['casualty']}"
    page.click(f"{finding} button.star-toggle")
    page.wait_for_selector(f"{finding} button.star-toggle[aria-pressed=true]")
    page.click(f"{finding} details.marks-editor summary")
    editor = page.locator(f"{finding} details.marks-editor .marks")
    editor.locator("textarea.note-input").fill("Ask the source whether the two are from one unit.")
    editor.locator("button.add-note").click()
    page.locator(f"{finding} .note-body", has_text="Ask the source").wait_for()
    page.locator(f"{finding} .note-count", has_text="1 note").wait_for()  # the head line follows the editor
    assert page.evaluate("window.__stay") == 1
    # the call page's review still works around the marks, and the editor stays open after a refresh
    page.click(f"{finding} button.accept")
    page.wait_for_selector(f"{finding}.status-accepted")
    page.locator(f"{finding} .note-body", has_text="Ask the source").wait_for()
    assert page.evaluate("window.__stay") == 1

    page.goto(f"{base}/calls")
    page.select_option("#filter-tag", "follow-up")
    page.click("#apply-filters")
    page.wait_for_url("**tag=follow-up**")
    assert page.locator("#calls tbody tr[data-call]").count() == 1
    assert page.get_attribute("#calls tbody tr[data-call]", "data-call") == str(corpus.audio_call)

    page.goto(f"{base}/queue")
    page.check("#queue-starred")
    page.select_option("#queue-status", "any")
    page.click("#queue-apply")
    page.wait_for_url("**starred=1**")
    assert [row.get_attribute("data-id") for row in page.locator("#queue tr.item").all()] == \
        [str(corpus.findings["casualty"])]

    page.goto(f"{base}/search?q=двухсотых&tag=follow-up")
    assert page.locator("#search-hits tr.hit").count() >= 1
    page.goto(f"{base}/search?q=двухсотых&tag=nothing-here")
    assert page.locator("#search-hits tr.hit").count() == 0


def test_a_viewer_stars_a_call_but_sees_no_tags_or_notes(browser, site):
    corpus, base = site
    analyst = login(browser, base, "analyst")
    analyst.goto(f"{base}/calls/{corpus.audio_call}")
    analyst.locator("#call-marks input.tag-input").fill("petrenko")
    analyst.locator("#call-marks button.add-tag").click()
    analyst.locator("#call-marks .tag-chip", has_text="#petrenko").wait_for()
    analyst.locator("#call-marks textarea.note-input").fill("Мария Петренко is his mother")
    analyst.locator("#call-marks button.add-note").click()
    analyst.locator("#call-marks .note-body").wait_for()

    viewer = login(browser, base, "viewer")
    viewer.goto(f"{base}/calls/{corpus.audio_call}")
    assert "Петренко" not in viewer.content() and "petrenko" not in viewer.content()
    assert viewer.locator("#call-marks input.tag-input").count() == 0
    viewer.click("#call-marks button.star-toggle")
    viewer.wait_for_selector("#call-marks button.star-toggle[aria-pressed=true]")
    viewer.goto(f"{base}/calls?starred=1")
    assert viewer.locator("#calls tbody tr[data-call]").count() == 1
    assert viewer.locator("#filter-tag").count() == 0
