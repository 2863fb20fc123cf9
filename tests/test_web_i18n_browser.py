"""In Chromium: a reviewer switches the interface to Russian and to Ukrainian from the header's menu, and the
pages, buttons and the scripts' announcements follow; a browser asking for Ukrainian gets it before login."""

from __future__ import annotations

from helpers import BROWSER_MARKS, browser_login

pytestmark = BROWSER_MARKS


def test_a_reviewer_switches_to_russian_then_ukrainian_and_the_page_follows(browser, site):
    corpus, base = site
    page = browser_login(browser, base, "analyst")
    assert page.text_content("nav a[href='/calls']") == "Calls"
    page.select_option("#language-select", "ru")
    page.click("#language-submit")
    page.wait_for_selector("html[lang=ru]")
    assert page.url == f"{base}/calls"  # back where the reviewer was
    assert page.text_content("nav a[href='/calls']") == "Звонки"
    assert page.text_content("#apply-filters") == "Фильтровать" and page.text_content("#logout") == "Выйти"

    page.goto(f"{base}/calls/{corpus.audio_call}")
    finding = f"#finding-{corpus.findings['casualty']}"
    assert page.text_content(f"{finding} button.accept") == "Принять"
    assert "200-е (убитые)" in page.text_content(f"{finding} .label")  # the lexicon's label in Russian
    page.click(f"{finding} button.accept")
    page.wait_for_selector(f"{finding}.status-accepted")
    page.wait_for_function("document.getElementById('live').textContent.startsWith('Принято')")
    assert "принято" in page.text_content(f"{finding} .fstatus")
    assert page.text_content(f"{finding} button.undo") == "Отменить"
    text = page.text_content("#transcript")
    assert "двухсотых" in text  # the transcript itself is never translated

    page.select_option("#language-select", "uk")
    page.click("#language-submit")
    page.wait_for_selector("html[lang=uk]")
    assert page.url == f"{base}/calls/{corpus.audio_call}"
    assert page.text_content(f"{finding} button.undo") == "Скасувати"
    assert page.text_content("nav a[href='/queue']") == "Черга перевірки"
    page.goto(f"{base}/queue?status=any")
    assert page.text_content("#queue-apply") == "Фільтрувати"


def test_a_browser_asking_for_ukrainian_gets_it_before_login_and_after(browser, site):
    corpus, base = site
    page = browser_login(browser, base, "viewer", locale="uk-UA")
    assert page.text_content("nav a[href='/calls']") == "Дзвінки"
    fresh = browser.new_context(locale="uk-UA").new_page()
    fresh.goto(f"{base}/login")
    assert fresh.text_content("#login") == "Увійти"
