"""The workbench in a real browser: Playwright driving Debian's chromium against a live uvicorn server."""

from __future__ import annotations

import time

import pytest
import web_corpus
from helpers import BROWSER_MARKS, browser_login

pytestmark = BROWSER_MARKS


def test_login_and_logout(browser, site):
    corpus, base = site
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}/login")
    page.fill("#name", "analyst")
    page.fill("#password", "not the password")
    page.click("#login")
    assert "Wrong name or password" in page.text_content("#login-error")
    page = browser_login(browser, base, "analyst")
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["overheard_session"]["httpOnly"] and cookies["overheard_session"]["sameSite"] == "Strict"
    assert page.evaluate("document.cookie").find("overheard_session") == -1  # not readable from scripts
    page.click("#logout")
    page.wait_for_url(f"{base}/login")
    page.goto(f"{base}/calls")
    assert "/login" in page.url
    context.close()


def test_role_permissions(browser, site):
    corpus, base = site
    viewer = browser_login(browser, base, "viewer")
    assert viewer.locator("text=Review queue").count() == 0 and viewer.locator("text=Users").count() == 0
    viewer.goto(f"{base}/calls/{corpus.audio_call}")
    body = viewer.text_content("body")
    assert "Серёга" not in body and "Иван" not in body and "██████" in body
    assert viewer.locator("#no-audio").count() == 1 and viewer.locator("audio").count() == 0
    assert viewer.locator("button.accept").count() == 0
    statuses = viewer.evaluate(
        """async ([call, file]) => {
            const csrf = document.querySelector('meta[name=csrf-token]').content;
            const text = await fetch(`/api/calls/${call}/export?redacted=false`);
            const audio = await fetch(`/api/calls/${call}/audio/${file}`);
            const review = await fetch('/api/findings/1/review', {method: 'POST', body: '{"action":"accept"}',
                headers: {'Content-Type': 'application/json', 'X-CSRF-Token': csrf}});
            const redacted = await (await fetch(`/api/calls/${call}`)).text();
            return [text.status, audio.status, review.status, redacted.includes('Серёга')];
        }""",
        [corpus.audio_call, corpus.file_id],
    )
    assert statuses == [403, 403, 403, False]
    assert viewer.goto(f"{base}/queue").status == 403
    analyst = browser_login(browser, base, "analyst")
    analyst.goto(f"{base}/calls/{corpus.audio_call}")
    assert "Серёга" in analyst.text_content("#transcript")
    assert analyst.locator(".real-name").count() == 0
    assert analyst.locator("#export-unredacted").count() == 0
    assert analyst.goto(f"{base}/users").status == 403
    editor = browser_login(browser, base, "editor")
    editor.goto(f"{base}/calls/{corpus.audio_call}")
    assert editor.locator(".real-name").first.text_content() == "Иван Петренко"
    assert editor.locator("#export-unredacted").count() == 1
    admin = browser_login(browser, base, "admin")
    admin.goto(f"{base}/users")
    assert admin.locator("#users tr[data-user]").count() == 4


def test_audio_plays_and_the_transcript_follows(browser, site):
    corpus, base = site
    page = browser_login(browser, base, "analyst")
    page.goto(f"{base}/calls/{corpus.audio_call}")
    page.wait_for_function("() => document.getElementById('player').readyState >= 1")
    assert page.evaluate("document.getElementById('player').duration") == pytest.approx(6.0, abs=0.05)
    page.evaluate("document.getElementById('player').play()")
    page.wait_for_function("() => document.getElementById('player').currentTime > 0.5")
    seen = set()
    deadline = time.monotonic() + 8
    while time.monotonic() < deadline and len(seen) < 4:
        t, word = page.evaluate("""() => {
            const p = document.getElementById('player');
            const el = document.querySelector('.r.now');
            return [p.currentTime, el ? el.dataset.w : null];
        }""")
        if word is not None:
            position, index = map(int, word.split("-"))
            segment = corpus.store.current_transcript(corpus.audio_call).transcript.segments[position]
            spoken = segment.words[index]
            assert spoken.start - 0.3 <= t <= spoken.end + 0.5, (t, word)
            seen.add(word)
        time.sleep(0.1)
    assert len(seen) >= 3, seen  # the highlight moved along with the audio
    assert page.locator(".seg.playing").count() == 1


def test_click_a_word_or_finding_to_seek(browser, site):
    corpus, base = site
    page = browser_login(browser, base, "analyst")
    page.goto(f"{base}/calls/{corpus.audio_call}")
    page.wait_for_function("() => document.getElementById('player').readyState >= 1")
    page.click("span[data-w='1-3']")  # "сейчас?" starts at 3.45 s
    page.evaluate("document.getElementById('player').pause()")
    t = page.evaluate("document.getElementById('player').currentTime")
    assert 3.4 <= t < 4.0
    assert "now" in page.get_attribute("span[data-w='1-3']", "class")
    page.click(f"#finding-{corpus.findings['wounded']} a.finding-seek")  # "ранен" at 2.1 s
    page.evaluate("document.getElementById('player').pause()")
    t = page.evaluate("document.getElementById('player').currentTime")
    assert 2.05 <= t < 2.6


def test_accept_reject_correct_and_see_the_audit_log(browser, site):
    corpus, base = site
    page = browser_login(browser, base, "analyst")
    page.goto(f"{base}/calls/{corpus.audio_call}")
    page.click(f"#finding-{corpus.findings['casualty']} button.accept")
    page.wait_for_selector(f"#finding-{corpus.findings['casualty']}.status-accepted")
    page.click(f"#finding-{corpus.findings['wounded']} button.reject")
    page.wait_for_selector(f"#finding-{corpus.findings['wounded']}.status-rejected")
    theme = f"#finding-{corpus.findings['theme']}"
    page.click(f"{theme} details.correct summary")
    page.select_option(f"{theme} select[name=label]", "wants_to_leave")
    page.click(f"{theme} button.save-correction")
    page.wait_for_selector(f"{theme}.status-corrected")
    assert page.locator("li.finding.kind-theme .label", has_text="wants to leave").count() == 1
    for action in ("finding.accepted", "finding.rejected", "finding.corrected", "finding.add"):  # shown as words
        assert page.locator(f'#custody [data-action="{action}"]').count() == 1, action
    assert "finding rejected" in page.text_content("#custody")
    entries = [(e.action, e.actor) for e in corpus.store.audit_entries(corpus.audio_call)]
    assert entries[-4:] == [("finding.accepted", "analyst"), ("finding.rejected", "analyst"),
                            ("finding.add", "analyst"), ("finding.corrected", "analyst")]
    assert "rejected" not in page.get_attribute(".r[data-w='0-6']", "class")  # rejected: no longer highlighted
    assert "casualty" not in (page.get_attribute(".r[data-w='0-6']", "class") or "")


def test_review_queue_keyboard_shortcuts(browser, site):
    corpus, base = site
    page = browser_login(browser, base, "analyst")
    page.goto(f"{base}/queue")
    rows = page.locator("#queue tr.item")
    ids = [int(rows.nth(i).get_attribute("data-id")) for i in range(rows.count())]
    assert ids[0] == corpus.findings["person"]  # personal data and casualties first, then lowest confidence
    page.keyboard.press("j")
    assert "current" in rows.nth(1).get_attribute("class")
    page.keyboard.press("a")
    page.wait_for_function("() => document.querySelectorAll('#queue tr.item')[1].dataset.status === 'accepted'")
    assert "current" in rows.nth(1).get_attribute("class")  # no auto-advance: the cursor stays
    page.keyboard.press("k")
    page.keyboard.press("r")
    page.wait_for_function("() => document.querySelectorAll('#queue tr.item')[0].dataset.status === 'rejected'")
    status = {f.id: f.review_status.value for f in corpus.store.findings(call_ref=corpus.audio_call)}
    assert status[ids[0]] == "rejected" and status[ids[1]] == "accepted" and status[ids[2]] == "pending"
    page.reload()
    assert page.locator("#queue tr.item").count() == len(ids) - 2


def test_filter_the_calls_list(browser, site):
    corpus, base = site
    page = browser_login(browser, base, "viewer")
    assert page.locator("#calls tbody tr[data-call]").count() == 3
    page.select_option("#filter-oblast", "Kherson")  # a region: the metadata says "Херсонская"
    page.click("#apply-filters")
    page.wait_for_url("**oblast=**")
    assert page.locator("#calls tbody tr[data-call]").count() == 2
    assert page.text_content("#count-matching") == "2"
    page.select_option("#filter-language", "uk")
    page.click("#apply-filters")
    page.wait_for_url("**language=uk**")
    assert [page.locator(".call-link").nth(i).text_content() for i in range(1)] == ["call_0002"]
    page.click("text=Clear")
    page.select_option("#filter-casualty", "killed")
    page.click("#apply-filters")
    page.wait_for_url("**casualty=killed**")
    assert page.locator(".call-link").all_text_contents() == ["call_0001"]
    page.click("th >> text=Call")  # sort by key
    page.click("th >> text=Call")  # and descending
    page.wait_for_url("**sort=-key**")


def test_script_in_a_transcript_stays_text(browser, site):
    corpus, base = site
    page = browser_login(browser, base, "analyst")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{base}/calls/{corpus.xss_call}")
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert web_corpus.XSS in page.text_content("#transcript")
    assert page.locator("#transcript img").count() == 0 and page.locator("#transcript script").count() == 0
    assert dialogs == []


def test_screenshot_of_the_call_page(browser, site, tmp_path):
    """The page renders to a picture (docs/screenshot-call.png itself comes from scripts/screenshot.py)."""
    corpus, base = site
    page = browser_login(browser, base, "editor", viewport={"width": 1440, "height": 900})
    page.goto(f"{base}/calls/{corpus.audio_call}")
    page.wait_for_function("() => document.getElementById('player').readyState >= 1")
    page.click("span[data-w='0-5']")  # highlight a word, as while listening
    page.evaluate("document.getElementById('player').pause()")
    page.wait_for_selector(".r.now")
    shot = tmp_path / "call.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000


def test_add_a_missed_finding_from_a_selection_and_correct_the_text(browser, site):
    corpus, base = site
    page = browser_login(browser, base, "analyst")
    page.goto(f"{base}/calls/{corpus.audio_call}")
    page.click("#add-finding summary")
    # select "ранен" (characters 34-39) in the first turn, as a reader would with the mouse
    page.evaluate("""() => {
        const run = document.querySelector(".seg[data-pos='0'] .r[data-w='0-6']");
        const range = document.createRange();
        range.setStart(run.firstChild, 0);
        range.setEnd(run.firstChild, 5);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
    }""")
    page.click("#use-selection")
    assert (page.input_value("#add-start"), page.input_value("#add-end")) == ("34", "39")
    page.select_option("#add-finding select[name=kind]", "casualty")
    page.select_option("#add-finding select[name=label]", "wounded")
    page.click("#add-finding-submit")
    page.wait_for_selector("li.finding.status-accepted .ftext:text-is('ранен')")
    page.click("#edit-transcript summary")
    page.fill("textarea[name=segment-2]", "Под Энергодаром, <b>всё</b> хорошо.")
    page.click("#save-transcript")
    page.wait_for_selector("text=Transcript v2")
    assert "<b>всё</b> хорошо." in page.text_content(".seg[data-pos='2'] .orig")
    assert page.locator(".seg[data-pos='2'] b").count() == 0
    versions = corpus.store.transcripts(corpus.audio_call)
    assert [v.transcript.source.value for v in versions] == ["asr", "reviewed"]
    assert versions[-1].actor == "analyst"
