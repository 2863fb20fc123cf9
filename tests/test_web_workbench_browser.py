"""A reviewer's day in a real browser: decisions in place, undo, keys, conflicts between two reviewers, the queue
with mouse, keyboard and a 390 px touch screen, and no page wider than a phone."""

from __future__ import annotations

import pytest
from helpers import BROWSER_MARKS, announced, browser_login

from overheard.model import ReviewStatus

pytestmark = BROWSER_MARKS


def status_of(corpus, finding_id: int) -> str:
    return corpus.store.finding(finding_id).review_status.value


def test_decisions_update_in_place_keep_scroll_and_focus_and_undo(browser, site):
    corpus, base = site
    page = browser_login(browser, base, "analyst", viewport={"width": 1440, "height": 900})
    page.goto(f"{base}/calls/{corpus.audio_call}")
    page.evaluate("window.__stay = 1")  # gone if the page reloads
    page.evaluate("document.getElementById('findings').style.maxHeight = '120px'")
    page.evaluate("document.getElementById('findings').scrollTop = 60")
    casualty = f"#finding-{corpus.findings['casualty']}"
    page.click(f"{casualty} button.accept")
    page.wait_for_selector(f"{casualty}.status-accepted")
    assert page.evaluate("window.__stay") == 1
    assert "accepted by analyst at" in page.text_content(f"{casualty} .fstatus")
    assert page.evaluate("document.activeElement.classList.contains('undo')")  # focus stays on the finding
    assert page.evaluate("document.activeElement.closest('li').id") == casualty[1:]
    assert "Accepted" in announced(page, "live", "Accepted")
    assert page.locator('#custody [data-action="finding.accepted"]', has_text="finding accepted").count() == 1
    assert page.evaluate("document.getElementById('findings').scrollTop") > 0 or \
        page.evaluate("document.getElementById('findings').scrollHeight <= 120")
    page.click(f"{casualty} button.undo")
    page.wait_for_selector(f"{casualty}.status-pending")
    assert "decision undone by analyst" in page.text_content(f"{casualty} .fstatus")
    assert page.evaluate("document.activeElement.classList.contains('accept')")
    assert status_of(corpus, corpus.findings["casualty"]) == "pending"
    assert page.locator('#custody [data-action="finding.undo"]').count() == 1
    # rejecting removes the mark from the transcript, undo brings it back, still without a reload
    wounded = corpus.findings["wounded"]
    page.click(f"#finding-{wounded} button.reject")
    page.wait_for_selector(f"#finding-{wounded}.status-rejected")
    assert page.locator(f".r[data-f~='{wounded}']").count() == 0
    page.click(f"#finding-{wounded} button.undo")
    page.wait_for_selector(f"#finding-{wounded}.status-pending")
    assert page.locator(f".r[data-f~='{wounded}']").count() >= 1 and page.evaluate("window.__stay") == 1


def test_keyboard_review_on_the_call_page(browser, site):
    corpus, base = site
    page = browser_login(browser, base, "analyst")
    page.goto(f"{base}/calls/{corpus.audio_call}")
    first = page.locator("li.finding").first.get_attribute("data-id")
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == f"finding-{first}"
    page.keyboard.press("a")
    page.wait_for_selector(f"#finding-{first}.status-accepted")
    page.keyboard.press("u")
    page.wait_for_selector(f"#finding-{first}.status-pending")
    page.keyboard.press("j")
    second = page.evaluate("document.querySelector('li.finding.current').dataset.id")
    assert second != first
    page.keyboard.press("r")
    page.wait_for_selector(f"#finding-{second}.status-rejected")
    assert status_of(corpus, int(first)) == "pending" and status_of(corpus, int(second)) == "rejected"
    page.keyboard.press("k")
    page.keyboard.press("c")
    assert page.locator(f"#finding-{first} details.correct").get_attribute("open") is not None


def select_words(page, word_key: str, length: int) -> None:
    page.evaluate("""([key, length]) => {
        const run = document.querySelector(`.r[data-w='${key}']`);
        const range = document.createRange();
        range.setStart(run.firstChild, 0);
        range.setEnd(run.firstChild, length);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
    }""", [word_key, length])


def test_correct_a_span_by_selecting_words_then_undo(browser, site):
    corpus, base = site
    page = browser_login(browser, base, "analyst")
    page.goto(f"{base}/calls/{corpus.audio_call}")
    theme = f"#finding-{corpus.findings['theme']}"
    page.click(f"{theme} details.correct summary")
    assert page.input_value(f"{theme} input[name=count]") == ""  # never "None"
    select_words(page, "0-4", 9)  # "двухсотых"
    page.click(f"{theme} button.use-selection")
    assert page.text_content(f"{theme} .span-text") == "двухсотых"
    page.select_option(f"{theme} select[name=kind]", "casualty")
    page.select_option(f"{theme} select[name=label]", "killed")
    page.fill(f"{theme} input[name=count]", "2")
    page.click(f"{theme} button.save-correction")
    page.wait_for_selector(f"{theme}.status-corrected")
    new = page.evaluate("document.activeElement.closest('li').dataset.id")
    assert page.text_content(f"#finding-{new} .ftext") == "двухсотых"
    assert "count 2" in page.text_content(f"#finding-{new}")
    page.click(f"#finding-{new} button.undo")
    page.wait_for_selector(f"{theme}.status-pending")
    assert status_of(corpus, int(new)) == "rejected"


def test_two_reviewers_see_the_conflict_and_choose(browser, site):
    corpus, base = site
    anna = browser_login(browser, base, "analyst")
    boris = browser_login(browser, base, "editor")
    casualty, place = corpus.findings["casualty"], corpus.findings["place"]
    for page in (anna, boris):
        page.goto(f"{base}/calls/{corpus.audio_call}")
    anna.click(f"#finding-{casualty} button.accept")
    anna.wait_for_selector(f"#finding-{casualty}.status-accepted")
    boris.click(f"#finding-{casualty} button.reject")  # on the page he loaded before anna decided
    box = boris.locator(f"#finding-{casualty} .conflict")
    box.locator("button.keep-theirs").wait_for()
    assert "Changed by analyst at" in box.text_content()
    assert box.locator(".theirs").text_content().startswith("accepted") and "reject" in box.text_content()
    assert "changed by analyst" in announced(boris, "live-error", "Conflict")
    box.locator("button.apply-mine").click()
    boris.wait_for_selector(f"#finding-{casualty}.status-rejected")
    assert corpus.store.finding(casualty).reviewed_by == "editor"
    # the other choice: keep what the other reviewer decided
    anna.click(f"#finding-{place} button.reject")
    anna.wait_for_selector(f"#finding-{place}.status-rejected")
    boris.click(f"#finding-{place} button.accept")
    boris.locator(f"#finding-{place} .conflict button.keep-theirs").click()
    boris.wait_for_selector(f"#finding-{place}.status-rejected")
    assert status_of(corpus, place) == ReviewStatus.REJECTED.value


def test_queue_with_the_mouse_only(browser, site):
    corpus, base = site
    page = browser_login(browser, base, "analyst", viewport={"width": 1440, "height": 900})
    page.goto(f"{base}/queue")
    pending = int(page.text_content("#queue-pending"))
    row = page.locator("#queue tr.item").nth(2)
    row.locator("button.accept").click()
    page.wait_for_function("() => document.querySelectorAll('#queue tr.item')[2].dataset.status === 'accepted'")
    assert page.text_content("#queue-accepted") == "1" and int(page.text_content("#queue-pending")) == pending - 1
    assert "current" in row.get_attribute("class") and row.locator("button.accept").is_hidden()
    row.locator("button.undo").click()
    page.wait_for_function("() => document.querySelectorAll('#queue tr.item')[2].dataset.status === 'pending'")
    assert page.text_content("#queue-accepted") == "0" and int(page.text_content("#queue-pending")) == pending
    page.locator("#queue tr.item").nth(0).locator("button.reject").click()
    page.wait_for_function("() => document.querySelectorAll('#queue tr.item')[0].dataset.status === 'rejected'")
    assert page.text_content("#queue-rejected") == "1"
    page.select_option("#queue-kind", "casualty")
    page.click("#queue-apply")
    page.wait_for_url("**kind=casualty**")
    assert page.locator("#queue tr.item").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= 1440


def test_queue_with_the_keyboard_only(browser, site):
    corpus, base = site
    page = browser_login(browser, base, "analyst")
    page.goto(f"{base}/queue")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("j")
    page.keyboard.press("a")
    page.wait_for_function("() => document.querySelector('#queue tr.current').dataset.status === 'accepted'")
    page.keyboard.press("u")
    page.wait_for_function("() => document.querySelector('#queue tr.current').dataset.status === 'pending'")
    current = page.evaluate("document.querySelector('#queue tr.current').dataset.id")
    assert status_of(corpus, int(current)) == "pending"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/calls/{corpus.audio_call}**")


@pytest.mark.parametrize("path", ["/calls", "/calls/{call}", "/queue", "/search?q=двухсотых", "/trends",
                                  "/no/such/page"])
def test_no_page_scrolls_sideways_on_a_390px_phone(browser, site, path):
    corpus, base = site
    page = browser_login(browser, base, "analyst", viewport={"width": 390, "height": 844},
                         has_touch=True, is_mobile=True)
    page.goto(base + path.format(call=corpus.audio_call))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{path} is {width} px wide"
    if path == "/calls/{call}":  # the transcript comes first, the findings below it
        transcript = page.locator("#transcript").bounding_box()
        findings = page.locator("#findings").bounding_box()
        assert transcript["y"] < findings["y"] and transcript["width"] > 300


def test_queue_on_a_390px_touch_screen(browser, site):
    corpus, base = site
    page = browser_login(browser, base, "analyst", viewport={"width": 390, "height": 844},
                         has_touch=True, is_mobile=True)
    page.goto(f"{base}/queue")
    row = page.locator("#queue tr.item").first
    row.locator("button.accept").tap()
    page.wait_for_function("() => document.querySelector('#queue tr.item').dataset.status === 'accepted'")
    row.locator("button.undo").tap()
    page.wait_for_function("() => document.querySelector('#queue tr.item').dataset.status === 'pending'")
    box = row.locator("button.accept").bounding_box()
    assert box["height"] >= 30 and box["x"] + box["width"] <= 390
