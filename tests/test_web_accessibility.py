"""axe-core on every page of the workbench, in Debian's chromium: no serious or critical violations.

axe-core's script is the local copy shipped by the ``axe-playwright-python`` package (no CDN, no network);
it is evaluated in the page, so the strict Content-Security-Policy stays on.
"""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest
from helpers import BROWSER_MARKS, browser_login

pytestmark = BROWSER_MARKS

AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
PAGES = ["/calls", "/calls/{call}", "/calls/{plain}", "/queue", "/search", "/search?q=двухсотых", "/trends",
         "/trends?side=all", "/timeline", "/register",
         "/users", "/no/such/page", "/calls?oblast=Херсонская"]


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page, as "rule: target" lines."""
    page.evaluate(AXE)
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
    }""")
    return result


@pytest.mark.parametrize("role", ["admin", "viewer"])
def test_no_serious_accessibility_violations_on_any_page(browser, site, role):
    corpus, base = site
    page = browser_login(browser, base, role)
    found = {}
    for path in PAGES:
        page.goto(base + path.format(call=corpus.audio_call, plain=corpus.plain_call))
        problems = serious_violations(page)
        if problems:
            found[path] = problems
    assert found == {}


def test_login_page_and_the_call_page_with_forms_open(browser, site):
    corpus, base = site
    anonymous = browser.new_context().new_page()
    anonymous.goto(f"{base}/login")
    assert serious_violations(anonymous) == []
    page = browser_login(browser, base, "analyst", viewport={"width": 390, "height": 844})
    page.goto(f"{base}/calls/{corpus.audio_call}")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert serious_violations(page) == []
