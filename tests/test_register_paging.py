"""The register page comes a page at a time; its totals, its JSON without ``page`` and its CSV stay whole.

The calls are tests/register_corpus.py's: four own-side incidents (three of them one proposal) and the
enemy's fifteen dead, so ``side=all`` lists five incidents: three pages of two.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
import register_corpus
from helpers import api_login

from overheard.register.exports import PER_PAGE


@pytest.fixture
def built(tmp_path):
    ws, ids = register_corpus.build(tmp_path / "ws", users=True)
    yield ws, ids
    ws.close()


def _rows(html: str, table: str) -> list[str]:
    body = html.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<tr (?:id="incident-|data-category=")([^"]+)"', body)


def test_the_json_pages_add_up_to_the_whole_register_and_totals_count_everything(built):
    ws, _ = built
    viewer = api_login(ws, "viewer")[0]
    whole = viewer.get("/api/register?side=all").json()
    assert "paging" not in whole and len(whole["incidents"]) == 5
    pages = [viewer.get(f"/api/register?side=all&page={n}&per_page=2").json() for n in (1, 2, 3)]
    assert [p["paging"]["page"] for p in pages] == [1, 2, 3]
    assert {p["paging"]["pages"] for p in pages} == {3}
    assert pages[0]["paging"]["incidents"] == 5 and pages[0]["paging"]["proposals"] == len(whole["proposals"])
    assert [i for p in pages for i in p["incidents"]] == whole["incidents"]
    assert [i for p in pages for i in p["proposals"]] == whole["proposals"]
    for page in pages:  # totals, side tally and decisions are the whole register's on every page
        assert (page["totals"], page["sides"], page["decisions"]) == \
            (whole["totals"], whole["sides"], whole["decisions"])
    past = viewer.get("/api/register?side=all&page=9&per_page=2").json()
    assert past["paging"]["page"] == 3 and past["incidents"] == pages[2]["incidents"]
    table = list(csv.DictReader(io.StringIO(viewer.get("/api/register?side=all&format=csv&page=1&per_page=2").text)))
    assert [row["incident"] for row in table] == [i["id"] for i in whole["incidents"]]  # the CSV is whole


@pytest.mark.parametrize("query", ["page=0", "page=x", "page=-1", f"per_page={PER_PAGE + 1}", "per_page=0",
                                   "page=1&per_page=1000000"])
def test_page_numbers_and_sizes_are_bounded(built, query):
    ws, _ = built
    viewer = api_login(ws, "viewer")[0]
    for path in ("/register", "/api/register"):
        response = viewer.get(f"{path}?{query}")
        assert response.status_code == 400 and "E045" in response.text, (path, query)


def test_the_page_shows_one_page_of_incidents_with_links_and_the_whole_totals(built):
    ws, _ = built
    viewer = api_login(ws, "viewer")[0]
    first = viewer.get("/register?side=all&per_page=2")
    assert first.status_code == 200 and first.headers["cache-control"] == "no-store"
    assert _rows(first.text, "incidents") == ["I1", "I2"] or len(_rows(first.text, "incidents")) == 2
    assert 'rel="next" href="/register?side=all&amp;per_page=2&amp;page=2"' in first.text
    assert 'rel="prev"' not in first.text and "page 1 of 3" in first.text
    last = viewer.get("/register?side=all&per_page=2&page=3")
    assert len(_rows(last.text, "incidents")) == 1 and 'rel="next"' not in last.text
    assert 'rel="prev" href="/register?side=all&amp;per_page=2&amp;page=2"' in last.text
    seen = [r for n in (1, 2, 3) for r in _rows(viewer.get(f"/register?side=all&per_page=2&page={n}").text,
                                                   "incidents")]
    whole = viewer.get("/api/register?side=all").json()
    assert seen == [f"{i['id']}" for i in whole["incidents"]]
    assert _rows(first.text, "register-totals") == _rows(last.text, "register-totals") != []
    assert first.text.split('id="register-totals"')[1].split("</table>")[0] == \
        last.text.split('id="register-totals"')[1].split("</table>")[0]
    assert "Incidents <small>(5)</small>" in first.text
    # one page only: no page links at all
    assert 'class="pages"' not in viewer.get("/register?side=all").text


def test_roles_see_on_every_page_what_they_saw_before(built):
    ws, _ = built
    viewer, analyst = api_login(ws, "viewer")[0], api_login(ws, "analyst")[0]
    for n in (1, 2, 3):
        page = viewer.get(f"/register?side=all&per_page=2&page={n}").text
        assert "Санёк" not in page and "54-й" not in page and "Merge: same losses" not in page
    shown = "".join(analyst.get(f"/register?per_page=1&page={n}").text for n in (1, 2, 3, 4))
    assert "Merge: same losses" in shown
