"""The Trends page and /api/trends over the web test corpus: roles, masking, clickable bars, evidence links."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
import web_corpus
from fastapi.testclient import TestClient
from helpers import api_login

from overheard.web import create_app

SECRET_NAMES = ("Серёга", "Серега", "Иван", "Петренко")
KILLED = "casualties|2026-W09|all|killed"  # the corpus's audio call is dated 2026-03-01 (ISO week 9)
ALL = {"side": "all"}  # the corpus's casualty findings state no side: every mention counts only with side=all


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    built = web_corpus.build(tmp_path_factory.mktemp("trends"))
    yield built
    built.store.close()


def test_trends_needs_a_login(corpus):
    client = TestClient(create_app(corpus.workspace))
    assert client.get("/api/trends").status_code == 401
    page = client.get("/trends", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")


def test_api_gives_every_number_with_its_evidence(corpus):
    data = api_login(corpus, "analyst")[0].get("/api/trends?by=week&side=all").json()
    killed = next(c for c in data["tables"]["casualties"] if c["id"] == KILLED)
    assert (killed["total"], killed["mentions"], killed["label"]) == (2, 1, "двухсотые / 200s (killed)")
    evidence = killed["evidence"][0]
    assert evidence["finding_id"] == corpus.findings["casualty"]
    assert evidence["text"] == "двое двухсотых" and evidence["producer"] == "casualty.v1"
    assert evidence["time_start"] == pytest.approx(1.05)  # the word timing of «двое»
    assert evidence["url"] == f"/calls/{corpus.audio_call}?t=1.05#finding-{corpus.findings['casualty']}"
    # the two calls without casualty findings are counted as calls, and the undated bucket is absent
    assert data["calls"] == {"counted": 3, "undated": 0}
    assert data["periods"][0] == "2026-W09" and data["periods"][-1] == "2026-W23"
    # the corpus's metadata names oblasts in Russian; the report uses the places annotator's English names
    assert data["oblasts"] == ["Kherson", "Zaporizhzhia"]
    assert [c["id"] for c in data["tables"]["places"]] == ["places|all|Zaporizhzhia|killed",
                                                           "places|all|Zaporizhzhia|wounded"]
    only = api_login(corpus, "viewer")[0].get("/api/trends", params={"place": "Запорожская", "by": "month"}).json()
    assert only["calls"]["counted"] == 1 and only["periods"] == ["2026-03"] and only["options"]["places"] == [
        "Запорожская"]
    one = api_login(corpus, "viewer")[0].get("/api/trends", params={"cell": KILLED} | ALL).json()["cell"]
    assert one["id"] == KILLED and len(one["evidence"]) == 1


def test_viewers_get_masked_evidence_and_analysts_the_text(corpus):
    viewer = api_login(corpus, "viewer")[0].get("/api/trends").text
    assert not any(name in viewer for name in SECRET_NAMES)
    assert "██████" in viewer  # «Серёга» inside the theme's evidence span
    analyst = api_login(corpus, "analyst")[0].get("/api/trends").text
    assert "Серёга" in analyst
    page = api_login(corpus, "viewer")[0].get("/trends", params={"cell": "themes|2026-W09|all|losses"})
    assert page.status_code == 200
    assert not any(name in page.text for name in SECRET_NAMES)
    assert "Мам, у нас двое двухсотых, ██████ ранен." in page.text


def test_page_has_clickable_bars_and_cells_under_the_strict_policy(corpus):
    client = api_login(corpus, "viewer")[0]
    page = client.get("/trends?by=week&side=all")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert "script-src 'self'" in page.headers["content-security-policy"]
    html = page.text
    assert html.count("<svg") == 2 and "style=" not in html and "<!--" not in html
    links = re.findall(r'xlink:href="([^"]+)"', html)
    assert any(unquote(link.replace("&amp;", "&")).endswith(f"cell={KILLED}#evidence") for link in links)
    assert f'data-cell="{KILLED}"' in html
    opened = client.get(links[0].replace("&amp;", "&"))
    assert 'id="evidence"' in opened.text and "evidence-link" in opened.text


def test_evidence_row_links_to_the_call_at_its_second(corpus):
    client = api_login(corpus, "analyst")[0]
    html = client.get("/trends", params={"cell": KILLED} | ALL).text
    href = re.search(r'class="evidence-link" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert href == f"/calls/{corpus.audio_call}?t=1.05#finding-{corpus.findings['casualty']}"
    call = client.get(href.split("#")[0])
    assert call.status_code == 200 and f'id="finding-{corpus.findings["casualty"]}"' in call.text


def test_bad_parameters_are_one_line_errors(corpus):
    client = api_login(corpus, "viewer")[0]
    bad = client.get("/api/trends?by=year")
    assert bad.status_code == 400 and "E025" in bad.json()["error"]
    missing = client.get("/api/trends", params={"cell": "casualties|1999-W01|all|killed"})
    assert missing.status_code == 404
    assert client.get("/api/trends?from=2026-13-40").status_code == 400


def test_a_review_decision_shows_at_once(corpus, tmp_path):
    fresh = web_corpus.clone(corpus, tmp_path / "ws")
    try:
        client = api_login(fresh, "analyst")[0]
        before = client.get("/api/trends", params=ALL).json()
        assert any(c["id"] == KILLED for c in before["tables"]["casualties"])
        client.get("/trends", params=ALL)  # fills the page cache too
        token = client.get("/api/session").json()["csrf_token"]
        decided = client.post(f"/api/findings/{fresh.findings['casualty']}/review", json={"action": "reject"},
                              headers={"X-CSRF-Token": token})
        assert decided.status_code == 200, decided.text
        after = client.get("/api/trends", params=ALL).json()
        assert not any(c["id"] == KILLED for c in after["tables"]["casualties"])
        assert after["excluded"]["rejected"] == 1
        assert f'id="bar-{KILLED}"' not in client.get("/trends", params=ALL).text
    finally:
        fresh.store.close()
