"""The search page in a real browser (Playwright driving Debian's chromium against a live server): a reporter
searches for the code "200", sees which expansion matched, filters, clicks through to the second of audio,
saves the search, and runs a batch that downloads a CSV; a viewer sees masked KWIC and no batch."""

from __future__ import annotations

import csv
import io

import pytest
import web_corpus
from helpers import BROWSER_MARKS, browser_login, serving

from overheard.model import Finding, FindingKind

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    corpus = web_corpus.build(tmp_path_factory.mktemp("search-browser"))
    # the terms annotator's finding for «двухсотых» (the corpus has the casualty mention only)
    text = corpus.store.transcript(corpus.transcript_id).text
    start = text.index("двухсотых")
    term = Finding(kind=FindingKind.TERM, label="killed", start=start, end=start + len("двухсотых"),
                   text="двухсотых", score=1.0, producer="terms.v2", explanation="lexicon entry cas.200",
                   attributes={"term_id": "cas.200", "gloss": {"en": "killed (KIA)"}})
    corpus.store.replace_machine_findings(corpus.transcript_id, "terms.v2", [term], "digest", "test")
    with serving(corpus) as base:
        yield corpus, base
    corpus.store.close()


def test_a_reporter_searches_200_and_clicks_through_to_the_second(browser, site):
    corpus, base = site
    page = browser_login(browser, base, "analyst")
    page.fill("#nav-search input[name=q]", "200")
    page.press("#nav-search input[name=q]", "Enter")
    page.wait_for_url(f"{base}/search?q=200")
    assert "1 segments in 1 calls" in page.text_content("#search-count")
    assert page.text_content("#search-hits mark") == "двухсотых"
    assert page.text_content(".via") == "200 → двухсотых"  # which expansion matched
    assert "двухсотый (killed (KIA))" in page.text_content("#search-expanded")
    # English, with filters from the form
    page.fill("#search-q", "killed")
    page.select_option("#search-oblast", "Zaporizhzhia")  # regions: the metadata says "Запорожская"
    page.click("#search-submit")
    page.wait_for_url("**/search?q=killed*")
    assert "killed → двое двухсотых" in page.text_content("#search-hits")
    page.select_option("#search-oblast", "Kherson")
    page.click("#search-submit")
    page.wait_for_selector("#search-hits .empty")
    # save it, run it again from the list
    page.fill("#search-q", "killed")
    page.select_option("#search-oblast", "")
    page.click("#search-submit")
    page.fill("#save-name", "the dead")
    page.click("#save-submit")
    page.wait_for_selector("#saved-list .saved-link")
    page.goto(f"{base}/search")
    page.click("#saved-list .saved-link")
    page.wait_for_url("**/search?q=killed*")
    # the time link opens the call page with the player at the matched word's second (inside the segment)
    page.click("#search-hits a.time-link")
    page.wait_for_url(f"{base}/calls/{corpus.audio_call}?t=*")
    assert 0 < float(page.url.rpartition("?t=")[2]) < 5
    assert page.locator("audio").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_batch_downloads_a_csv_and_a_viewer_sees_masked_kwic_only(browser, site, tmp_path):
    corpus, base = site
    page = browser_login(browser, base, "editor", accept_downloads=True)
    page.goto(f"{base}/search?q=200")
    page.click("#batch-link")
    page.wait_for_url(f"{base}/search/batch")
    listing = tmp_path / "names.txt"
    listing.write_text("Серёга\nИван\n200\nkilled\nартиллерия\n", encoding="utf-8")
    page.set_input_files("#batch-file", str(listing))
    with page.expect_download() as download:
        page.click("#batch-submit")
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8"))))
    assert [row["query"] for row in rows] == ["Серёга", "Иван", "200", "killed", "артиллерия"]
    assert rows[0]["snippet"].count("Серёга") == 1 and rows[4]["calls"] == "0"
    viewer = browser_login(browser, base, "viewer", viewport={"width": 390, "height": 844})
    viewer.goto(f"{base}/search?q=200")
    body = viewer.text_content("#search-hits")
    assert "двухсотых" in body and "Серёга" not in body and "██████" in body
    assert viewer.locator("#batch-link").count() == 0
    assert viewer.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")  # no sideways scroll
    viewer.goto(f"{base}/search?q=Серёга")
    assert viewer.locator("#search-hits .empty").count() == 1  # no probing for a masked name
    assert viewer.goto(f"{base}/search/batch").status == 403
