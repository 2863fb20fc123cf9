"""Batch search (a list of queries in, a CSV of hits per query out) and saved searches, in the CLI and
the web, over a real annotated SQLite workspace (the fictional calls of test_search_codes.py).

Batch lists are often people's names: they must never reach a log line, an error message or a viewer.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from helpers import PASSWORD, api_login, run_cli
from test_search_codes import ACTOR, CALLS, DEAD, _transcript

from overheard.errors import NotFoundError
from overheard.jobs.annotate import annotate_workspace
from overheard.model import CallMetadata, FindingKind
from overheard.review.findings import correct
from overheard.search import SearchError, SearchOptions, batch_csv, batch_search, read_queries, save_search
from overheard.store.users import add_user
from overheard.workspace import Workspace

# 20 queries: names, call signs, units, phrases, codes, glosses; one that cannot run, one spreadsheet formula
QUERIES = ["Серёга", "Иван Петренко", "позывной Гром", "200-я бригада", "груз 200", "200", "300-е", "двухсотые",
           "killed", "wounded", "KIA", "refusers", '"двое двухсотых"', "яма", "отказник", "пятисотые", "Сватово",
           "артиллерия", "?", "=HYPERLINK(\"http://x\")"]
NAMES = ("Серёга", "Иван", "Петренко", "Гром")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    ws = Workspace.create(tmp_path_factory.mktemp("batch") / "ws")
    for key, (when, oblast, language, lines) in CALLS.items():
        call = ws.store.add_call(key, ACTOR, CallMetadata(recorded_at=when, oblast=oblast, language=language),
                                 reason="test").id
        ws.store.add_transcript(call, _transcript(lines, language), actor=ACTOR)
    assert not annotate_workspace(ws, ACTOR).errors
    [enemy] = ws.store.findings(call_ref="enemy", kind=FindingKind.CASUALTY)
    correct(ws.store, enemy.id, {"side": "enemy"}, ACTOR)  # a reviewer says whose dead these are
    for role in ("viewer", "analyst", "editor"):
        add_user(ws.store, role, role, PASSWORD, actor=ACTOR)
    add_user(ws.store, "analyst2", "analyst", PASSWORD, actor=ACTOR)
    yield ws
    ws.close()


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# ---- reading a list ---------------------------------------------------------------------------
@pytest.mark.parametrize(("data", "queries"), [
    ("Серёга\n\n# a comment\nгруз 200\n", ["Серёга", "груз 200"]),
    ("\ufeffСерёга\r\nгруз 200\r\n".encode(), ["Серёга", "груз 200"]),  # BOM and CRLF
    ("query,note\nСерёга,brother\n\"Иван, Петренко\",\n", ["Серёга", "Иван, Петренко"]),  # the query column
    ("name,query\nx,200\ny,killed\n", ["200", "killed"]),
    ("Серёга;Гром\n", ["Серёга;Гром"]),  # not a CSV: one query per line
])
def test_a_list_is_lines_or_a_csv_query_column(data, queries):
    assert read_queries(data) == queries


@pytest.mark.parametrize(("data", "words"), [
    ("", "no query"),
    ("# only a comment\n", "no query"),
    (b"\xff\xfe\x00binary", "UTF-8"),
    ("ok\n" + "Иван " * 80 + "\n", "line 2"),
    ("\n".join(["слово"] * 1001), "at most 1000"),
])
def test_a_bad_list_is_refused_by_line_number_never_by_its_text(data, words):
    with pytest.raises(SearchError) as raised:
        read_queries(data)
    assert words in str(raised.value) and "Иван" not in str(raised.value)


# ---- the batch --------------------------------------------------------------------------------
def test_a_batch_of_20_queries_returns_hits_per_query_as_csv(corpus):
    result = batch_search(corpus.store, QUERIES, SearchOptions())
    rows = rows_of(batch_csv(result))
    assert [int(r) for r in dict.fromkeys(row["query_no"] for row in rows)] == list(range(1, 21))
    by_query: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_query.setdefault(row["query"], []).append(row)
    assert sorted({r["call_key"] for r in by_query["груз 200"]}) == sorted(DEAD)
    assert by_query["груз 200"][0]["calls"] == "4" and by_query["груз 200"][0]["url"].startswith("/calls/")
    assert {r["call_key"] for r in by_query["killed"]} == {*DEAD, "plain"}
    assert "killed → погибли трое" in {r["expansions"] for r in by_query["killed"]}
    assert [r["call_key"] for r in by_query["Серёга"]] == ["dead-1"]
    [none] = by_query["артиллерия"]
    assert (none["calls"], none["segments"], none["call_key"], none["error"]) == ("0", "0", "", "")
    assert by_query["?"][0]["error"].startswith("E030") and by_query["?"][0]["calls"] == ""
    assert "'=HYPERLINK(\"http://x\")" in by_query  # a formula is text in a spreadsheet
    assert all(not row["snippet"].startswith(("=", "+", "@")) for row in rows)


def test_the_cli_batch_writes_the_csv_and_names_no_query(corpus, tmp_path):
    listing = tmp_path / "names.txt"
    listing.write_text("\n".join(QUERIES), encoding="utf-8")
    out = tmp_path / "hits.csv"
    done = run_cli("search", "--batch", str(listing), "--out", str(out), workspace=corpus.root)
    assert done.returncode == 0, done.stderr
    rows = rows_of(out.read_text(encoding="utf-8"))
    assert len({row["query_no"] for row in rows}) == 20
    assert "20 queries" in done.stderr and done.stdout == ""
    assert not any(name in done.stderr for name in NAMES)  # the summary names no query
    stdout = run_cli("search", "--batch", str(listing), "--limit", "1", "--category", "killed",
                     workspace=corpus.root)
    assert stdout.returncode == 0 and all(int(row["segments"] or 0) <= 1 for row in rows_of(stdout.stdout))
    both = run_cli("search", "200", "--batch", str(listing), workspace=corpus.root)
    assert both.returncode == 2 and "E030" in both.stderr
    bad = tmp_path / "bad.txt"
    bad.write_text("ok\n" + "Петренко " * 60, encoding="utf-8")
    refused = run_cli("search", "--batch", str(bad), workspace=corpus.root)
    assert refused.returncode == 2 and "line 2" in refused.stderr and "Петренко" not in refused.stderr


def test_the_cli_single_query_filters_and_expansions(corpus):
    done = run_cli("search", "killed", "--category", "wounded", "--oblast", "Донецкая", "--format", "json",
                   workspace=corpus.root)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert {hit["call_key"] for hit in data["hits"]} == {"dead-2"}
    assert data["expanded"][0]["term"] == "killed"
    text = run_cli("search", "KIA", workspace=corpus.root)
    assert text.returncode == 0 and "KIA → двухсотых" in text.stdout and "also stands for" in text.stdout
    assert run_cli("search", "200", "--side", "ours", workspace=corpus.root).returncode == 2


# ---- the web ----------------------------------------------------------------------------------
def test_web_batch_upload_for_analysts_and_never_for_viewers(corpus):
    analyst, headers = api_login(corpus, "analyst")
    page = analyst.get("/search/batch")
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.text
    assert analyst.get("/api/search/batch").json()["max_queries"] == 1000
    body = "\n".join(QUERIES).encode()
    answer = analyst.post("/search/batch", files={"file": ("names.txt", body, "text/plain")},
                          data={"csrf_token": headers["X-CSRF-Token"], "category": "killed"})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/csv") and answer.headers["cache-control"] == "no-store"
    assert "attachment" in answer.headers["content-disposition"]
    assert len({row["query_no"] for row in rows_of(answer.text)}) == 20
    pasted = analyst.post("/search/batch", data={"csrf_token": headers["X-CSRF-Token"], "queries": "200\nkilled"})
    assert {row["query"] for row in rows_of(pasted.text)} == {"200", "killed"}
    api = analyst.post("/api/search/batch", json={"queries": QUERIES, "hits": 2}, headers=headers)
    assert api.status_code == 200 and all(int(r["segments"] or 0) <= 2 for r in rows_of(api.text))
    assert analyst.post("/search/batch", files={"file": ("a.txt", body, "text/plain")}).status_code == 403  # CSRF
    assert analyst.post("/api/search/batch", json={"queries": ["x"], "filters": {"evil": "1"}},
                        headers=headers).status_code == 400
    viewer, viewer_headers = api_login(corpus, "viewer")
    assert viewer.get("/search/batch").status_code == 403 and viewer.get("/api/search/batch").status_code == 403
    refused = viewer.post("/api/search/batch", json={"queries": ["Серёга"]}, headers=viewer_headers)
    assert refused.status_code == 403 and "Серёга" not in refused.text
    assert 'id="batch-link"' not in viewer.get("/search", params={"q": "200"}).text


def test_web_search_filters_kwic_and_expansions(corpus):
    analyst, _ = api_login(corpus, "analyst")
    data = analyst.get("/api/search", params={"q": "killed", "side": "enemy"}).json()
    assert {hit["call_key"] for hit in data["hits"]} == {"enemy"}
    assert data["hits"][0]["url"].endswith("?t=0")
    assert data["hits"][0]["expansions"] == ["killed → двухсотых штук пятнадцать", "killed → двухсотых"]
    page = analyst.get("/search", params={"q": "killed", "oblast": "Донецкая", "status": "new"}).text
    assert 'class="via">killed → погибли трое<' in page and 'class="time-link"' in page
    assert '<option value="Donetsk" selected>' in page  # the region the metadata spelling asks for
    assert 'id="search-error"' in analyst.get("/search", params={"q": "200", "side": "ours"}).text
    viewer, _ = api_login(corpus, "viewer")
    masked = viewer.get("/api/search", params={"q": "200 ранен"}).json()
    assert masked["masked"] and masked["hits"] and not any("Серёга" in h["snippet"] for h in masked["hits"])
    assert viewer.get("/api/search", params={"q": "Серёга"}).json()["hits"] == []


def test_saved_searches_are_per_user_and_audited_without_their_text(corpus):
    analyst, headers = api_login(corpus, "analyst")
    saved = analyst.post("/api/search/saved", json={"name": "Brother", "q": "Серёга",
                                                    "filters": {"oblast": "Луганская"}}, headers=headers)
    assert saved.status_code == 200, saved.text
    search_id = saved.json()["id"]
    page = analyst.post("/search/saved", data={"csrf_token": headers["X-CSRF-Token"], "name": "the dead",
                                                "q": "груз 200", "side": "unknown"}, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/search?q=")
    listed = analyst.get("/api/search/saved").json()["saved"]
    assert [s["name"] for s in listed] == ["the dead", "Brother"] and listed[1]["filters"] == {"oblast": "Луганская"}
    assert 'class="saved-link">Brother<' in analyst.get("/search").text
    other, other_headers = api_login(corpus, "analyst2")
    assert other.get("/api/search/saved").json()["saved"] == []
    assert other.delete(f"/api/search/saved/{search_id}", headers=other_headers).status_code == 404
    assert analyst.post("/api/search/saved", json={"name": "x", "q": "?"}, headers=headers).status_code == 400
    assert analyst.post("/api/search/saved", json={"name": "x", "q": "200", "filters": {"side": "ours"}},
                        headers=headers).status_code == 400
    assert analyst.delete(f"/api/search/saved/{search_id}", headers=headers).json() == {"deleted": search_id}
    entries = [e for e in corpus.store.audit_entries() if e.action.startswith("search.")]
    assert [e.action for e in entries] == ["search.save", "search.save", "search.delete"]
    assert all(e.actor == "analyst" for e in entries)
    assert not any("Серёга" in e.details or "Brother" in e.details for e in entries)
    with pytest.raises(NotFoundError):
        corpus.store.saved_search(search_id, "analyst")
    again = save_search(corpus.store, "editor", "same", "200", {})
    assert save_search(corpus.store, "editor", "same", "killed", {}).id == again.id  # a name is replaced
    assert [s.query for s in corpus.store.saved_searches("editor")] == ["killed"]
