"""In a real browser: Trends (the side chosen, a bar, its evidence, the call at its second; an external series on a
second axis with its source) and the timeline (filters, evidence links to the call)."""

from __future__ import annotations

import time

import pytest
import web_corpus
from helpers import BROWSER_MARKS, browser_login, serving

pytestmark = BROWSER_MARKS


def test_click_a_bar_through_to_the_second_of_audio(browser, tmp_path):
    corpus = web_corpus.build(tmp_path / "ws")
    killed = "casualties|2026-W09|all|killed"
    try:
        with serving(corpus) as base:
            page = browser_login(browser, base, "analyst")
            page.click("nav >> text=Trends")
            page.wait_for_url(f"{base}/trends")
            # own losses by default, and said; the corpus's mention states no side, so it shows under "all"
            assert "Casualties counted: own" in page.text_content("#side-note")
            assert page.locator(f'[id="bar-{killed}"]').count() == 0
            page.select_option("#trends-side", "all")
            page.click("#trends-filters button[type=submit]")
            page.wait_for_url("**/trends?*side=all*")
            # the bar is an SVG path inside a link; its fill survived the strict CSP (no inline styles)
            bar = page.locator(f'[id="bar-{killed}"] path')
            assert bar.evaluate("el => getComputedStyle(el).fill") == "rgb(34, 34, 34)"
            bar.click()
            page.wait_for_selector("#evidence-list")
            assert "cell=casualties%7C2026-W09%7Call%7Ckilled" in page.url and "side=all" in page.url
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
    finally:
        corpus.store.close()


MONTHLY = """period,place,value,label,source
2023-01,,41,Court cases (browser test),Court records: fictional test data
"""


def test_trends_with_a_series_and_the_timeline_through_to_the_call(browser, tmp_path):
    import register_corpus
    from test_timeline import add_pit_call

    from overheard.register.series import import_series_file

    ws, ids = register_corpus.build(tmp_path / "ws", users=True)
    pit = add_pit_call(ws)
    (tmp_path / "series.csv").write_text(MONTHLY, encoding="utf-8")
    import_series_file(ws.store, tmp_path / "series.csv", "anna")
    try:
        with serving(ws) as base:
            page = browser_login(browser, base, "viewer")
            page.click("nav >> text=Trends")
            page.wait_for_url(f"{base}/trends")
            # the series: a line on the right axis of both plots, its source under each, a column in the tables
            assert page.locator('#plot-casualties [id="series-0"]').count() == 1
            assert page.locator('#plot-themes [id="series-0"]').count() == 1
            cite = page.text_content("#plot-casualties figcaption")
            assert "Right axis: Court cases (browser test). Source: Court records: fictional test data" in cite
            assert page.text_content("#table-casualties td.series") == "41 (Jan 2023)"
            assert page.text_content("#table-casualties tbody th").startswith("9–15 Jan 2023")
            # the enemy's dead are a choice away, never summed with own ones
            page.select_option("#trends-side", "enemy")
            page.click("#trends-filters button[type=submit]")
            page.wait_for_url("**/trends?*side=enemy*")
            enemy = "casualties|2023-W02|all|killed"
            page.locator(f'[id="bar-{enemy}"] path').click()
            page.wait_for_selector("#evidence-list")
            assert page.text_content("#evidence-list .etext") == "«ихних двухсотых штук пятнадцать»"

            page.click("nav >> text=Timeline")
            page.wait_for_url(f"{base}/timeline")
            assert page.locator("#timeline li.event").count() == 7
            page.uncheck("input[name=kind][value=incident]")
            page.click("#timeline-filters button[type=submit]")
            page.wait_for_url("**/timeline?*kind=refusal*")
            assert page.locator("#timeline li.event").count() == 2
            assert page.text_content("#timeline .day h2") == "18 Jan 2023"
            evidence = page.locator("#timeline li.kind-punishment a.evidence-link")
            assert "██████" in page.text_content("#timeline li.kind-punishment") and \
                "Серёга" not in page.content()
            finding = evidence.get_attribute("href").rsplit("-", 1)[1]
            evidence.click()
            page.wait_for_url(f"**/calls/{pit}?t=1.00#finding-{finding}")
            assert page.locator(f"#finding-{finding}").is_visible()
    finally:
        ws.close()
