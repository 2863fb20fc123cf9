"""In a real browser: click a bar on the Trends page, then an evidence row, and land on the call at its second."""

from __future__ import annotations

import os
import time

import playwright.sync_api as playwright_api
import pytest
import web_corpus
from test_web_browser import ARGS, CHROMIUM, login, serving

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists() and not os.environ.get("CI"),
                       reason="Debian's chromium is not installed (apt install chromium)"),
]


def test_click_a_bar_through_to_the_second_of_audio(tmp_path):
    corpus = web_corpus.build(tmp_path / "ws")
    killed = "casualties|2026-W09|all|killed"
    try:
        with serving(corpus) as base, playwright_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
            page = login(browser, base, "analyst")
            page.click("nav >> text=Trends")
            page.wait_for_url(f"{base}/trends")
            # the bar is an SVG path inside a link; its fill survived the strict CSP (no inline styles)
            bar = page.locator(f'[id="bar-{killed}"] path')
            assert bar.evaluate("el => getComputedStyle(el).fill") == "rgb(34, 34, 34)"
            bar.click()
            page.wait_for_selector("#evidence-list")
            assert "cell=casualties%7C2026-W09%7Call%7Ckilled" in page.url
            assert page.text_content("#evidence-list .etext") == "«двое двухсотых»"
            page.click("#evidence-list a.evidence-link")
            page.wait_for_url(f"**/calls/{corpus.audio_call}?t=1.05#finding-{corpus.findings['casualty']}")
            # polled from here: the page's CSP forbids the string evaluation wait_for_function would use
            deadline, position = time.monotonic() + 10, None
            while time.monotonic() < deadline:
                position = page.evaluate("() => document.getElementById('player').currentTime")
                if abs(position - 1.05) < 0.01:
                    break
                time.sleep(0.1)
            assert position == pytest.approx(1.05, abs=0.01)
            assert page.locator(f"#finding-{corpus.findings['casualty']}").is_visible()
            browser.close()
    finally:
        corpus.store.close()
