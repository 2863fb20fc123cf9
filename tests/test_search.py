"""Search by lemma over a workspace of fixed fictional transcripts that went through the real annotators.

The words, their forms and where they stand are written below; every expected hit is worked out by hand.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from fastapi.testclient import TestClient
from helpers import PASSWORD, api_login, run_cli
from sqlalchemy import func, select

from overheard.jobs.annotate import annotate_workspace
from overheard.model import CallMetadata, Segment, Transcript, TranscriptSource
from overheard.search import (
    SearchError,
    SearchOptions,
    Term,
    parse_query,
    search,
    update_index,
)
from overheard.store.schema import IndexedRow, PostingRow
from overheard.store.users import add_user
from overheard.web import create_app
from overheard.workspace import Workspace

ACTOR = "tester"

# key: (recorded_at, language, source, [(speaker, start, text)])
CALLS = {
    "ru-1": (datetime(2026, 3, 1, 14, 0), "ru", [
        ("A", 0.0, "Мам, у нас двое двухсотых, Серёга ранен."),
        ("B", 3.5, "Иван, ты где сейчас?"),
        ("A", 5.25, "Под Сватово трехсотых много."),
    ]),
    "ru-2": (datetime(2026, 3, 5, 9, 0), "ru", [
        ("A", 1.0, "Двухсотые лежат у дороги, трёхсотых вывезли."),
        ("B", 4.0, "Хочу домой."),
    ]),
    "uk-1": (datetime(2026, 4, 10, 20, 0), "uk", [
        ("A", None, "Привіт, мамо."),
        ("A", None, "У нас багато поранених, двоє загинули."),
    ]),
}


def _transcript(lines, language: str, source=TranscriptSource.IMPORTED) -> Transcript:
    return Transcript(segments=tuple(Segment(text=text, speaker=speaker, start=start,
                                             end=None if start is None else start + 2.0)
                                     for speaker, start, text in lines), language=language, source=source)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    ws = Workspace.create(tmp_path_factory.mktemp("search") / "ws")
    store = ws.store
    ids = {}
    for key, (when, language, lines) in CALLS.items():
        ids[key] = store.add_call(key, ACTOR, CallMetadata(recorded_at=when, language=language), reason="test").id
        store.add_transcript(ids[key], _transcript(lines, language), actor=ACTOR)
    # a call whose imported transcript was corrected by a person: only the reviewed version is current
    ids["versions"] = store.add_call("versions", ACTOR, CallMetadata(recorded_at=datetime(2026, 4, 20, 8, 0),
                                                                    language="ru"), reason="test").id
    store.add_transcript(ids["versions"], _transcript([("A", 0.0, "Командир говорил про миномёты.")], "ru"),
                         actor=ACTOR)
    store.add_transcript(ids["versions"], _transcript([("A", 0.0, "Командир говорил про артиллерию.")], "ru",
                                                      TranscriptSource.REVIEWED), actor=ACTOR)
    summary = annotate_workspace(ws, ACTOR)
    assert not summary.errors and summary.indexed == 4  # the search step ran inside annotate
    for role in ("analyst", "viewer"):
        add_user(store, role, role, PASSWORD, actor=ACTOR)
    yield ws, ids
    ws.close()


def found(store, query: str, **options) -> list[tuple[str, int, str]]:
    """(call key, segment, matched text) of every hit."""
    result = search(store, query, SearchOptions(**options))
    out = []
    for hit in result.hits:
        text = store.transcript(hit.transcript_id).text
        out.extend((hit.call_key, hit.segment, text[s:e]) for s, e in hit.spans)
    return out


def test_any_form_of_the_lemma_is_found(corpus):
    ws, _ = corpus
    assert found(ws.store, "двухсотый") == [("ru-1", 0, "двухсотых"), ("ru-2", 0, "Двухсотые")]
    assert found(ws.store, "ДВУХСОТЫХ") == found(ws.store, "двухсотый")
    assert found(ws.store, "ранить") == [("ru-1", 0, "ранен")]


def test_yo_and_ye_match_both_ways(corpus):
    ws, _ = corpus
    expected = [("ru-1", 2, "трехсотых"), ("ru-2", 0, "трёхсотых")]
    assert found(ws.store, "трёхсотых") == expected
    assert found(ws.store, "трехсотый") == expected
    assert found(ws.store, "Серега") == found(ws.store, "серёга") == [("ru-1", 0, "Серёга")]


def test_ukrainian_words_by_their_uk_lemma(corpus):
    ws, _ = corpus
    # «поранений» is also the uk gloss of «трёхсотый»: its findings are found too (see test_search_codes.py)
    assert found(ws.store, "поранений") == [("ru-1", 2, "трехсотых"), ("ru-2", 0, "трёхсотых"),
                                            ("uk-1", 1, "поранених")]
    assert found(ws.store, "поранених") == found(ws.store, "поранений")
    assert found(ws.store, "загинути", language="uk") == [("uk-1", 1, "загинули")]
    hit = search(ws.store, "поранений").hits[-1]
    assert hit.seconds is None and hit.speaker == "A"  # the uk transcript has no times
    assert hit.expansions == [] and search(ws.store, "поранений").hits[0].expansions == ["поранений → трехсотых"]


def test_phrases_need_the_words_in_a_row_and_words_only_the_same_call(corpus):
    ws, _ = corpus
    assert found(ws.store, '"двое двухсотых"') == [("ru-1", 0, "двое двухсотых")]
    assert found(ws.store, '"двухсотых двое"') == []
    assert found(ws.store, '"двухсотый ранить"') == []  # a comma and a name stand between them
    # words: every one must be in the call, each segment with a match is a hit
    assert found(ws.store, "двухсотый трехсотый", call="ru-1") == [("ru-1", 0, "двухсотых"), ("ru-1", 2, "трехсотых")]
    assert [h[0] for h in found(ws.store, "двухсотый дорога")] == ["ru-2", "ru-2"]
    assert found(ws.store, "двухсотый артиллерия") == []


def test_excluded_words_drop_the_call(corpus):
    ws, _ = corpus
    assert found(ws.store, "двухсотый -сватово") == [("ru-2", 0, "Двухсотые")]
    assert found(ws.store, 'двухсотый -"хочу домой"') == [("ru-1", 0, "двухсотых")]
    assert parse_query('a -"b c" -d "e f"') == [Term(("a",)), Term(("b", "c"), True), Term(("d",), True),
                                                 Term(("e", "f"))]
    with pytest.raises(SearchError):
        parse_query("-двухсотый ?")


def test_only_the_current_transcript_version_is_found(corpus):
    ws, ids = corpus
    assert found(ws.store, "миномёт") == []  # the imported version, superseded by the reviewed one
    assert found(ws.store, "артиллерия") == [("versions", 0, "артиллерию")]
    with ws.store.reading() as session:
        indexed = set(session.execute(select(IndexedRow.transcript_id)).scalars())
    assert indexed == {t.id for t in ws.store.current_transcripts()}


def test_seconds_and_filters(corpus):
    ws, ids = corpus
    hits = search(ws.store, "трехсотый").hits
    assert [(h.call_id, h.seconds, h.speaker) for h in hits] == [(ids["ru-1"], 5.25, "A"), (ids["ru-2"], 1.0, "A")]
    assert hits[0].recorded_at == "2026-03-01T14:00:00"
    assert hits[0].snippet == "Под Сватово ⟦трехсотых⟧ много."
    assert found(ws.store, "трехсотый", date_from=date(2026, 3, 2)) == [("ru-2", 0, "трёхсотых")]
    assert found(ws.store, "трехсотый", date_to=date(2026, 3, 1)) == [("ru-1", 2, "трехсотых")]
    assert found(ws.store, "трехсотый", call=str(ids["ru-2"])) == [("ru-2", 0, "трёхсотых")]
    assert found(ws.store, "трехсотый", language="uk") == []
    assert found(ws.store, "иван где", speaker="B") == [("ru-1", 1, "Иван"), ("ru-1", 1, "где")]
    assert found(ws.store, "иван", speaker="A") == []
    assert len(search(ws.store, "трехсотый", SearchOptions(limit=1)).hits) == 1


def test_masked_search_hides_names_and_does_not_match_inside_them(corpus):
    ws, _ = corpus
    hit = search(ws.store, "ранен", SearchOptions(masked=True)).hits[0]
    assert "Серёга" not in hit.snippet and "██████" in hit.snippet and "⟦ранен⟧" in hit.snippet
    assert search(ws.store, "серёга", SearchOptions(masked=True)).hits == []
    assert found(ws.store, "серёга") == [("ru-1", 0, "Серёга")]  # unmasked for analysts


def test_indexing_is_incremental(tmp_path):
    ws = Workspace.create(tmp_path / "ws")
    store = ws.store
    call_id = store.add_call("one", ACTOR).id
    store.add_transcript(call_id, _transcript([("A", 0.0, "Двое двухсотых.")], "ru"), actor=ACTOR)
    first = update_index(store)
    assert (first.current, first.indexed, first.postings > 0) == (1, 1, True)
    again = update_index(store)
    assert (again.indexed, again.dropped, again.postings) == (0, 0, 0)
    store.add_transcript(call_id, _transcript([("A", 0.0, "Трое трёхсотых.")], "ru"), actor=ACTOR)
    result = search(store, "трехсотый")  # the search indexes the stale index on demand
    assert result.indexed == 1 and [h.snippet for h in result.hits] == ["Трое ⟦трёхсотых⟧."]
    assert search(store, "двухсотый").hits == []
    with store.reading() as session:
        assert session.execute(select(func.count(IndexedRow.transcript_id))).scalar() == 1
        old = session.execute(select(func.count()).select_from(PostingRow)
                              .where(PostingRow.transcript_id != store.current_transcript(call_id).id)).scalar()
    assert old == 0  # the superseded version's postings were dropped
    assert update_index(store, force=True).indexed == 1
    ws.close()


def test_cli_json_and_text(corpus):
    ws, ids = corpus
    result = run_cli("search", "двухсотый", "--format", "json", workspace=ws.root)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["calls"] == 2 and data["indexed"] == 0
    first = data["hits"][0]
    assert {k: first[k] for k in ("call_key", "call_id", "segment", "speaker", "seconds", "spans")} == {
        "call_key": "ru-1", "call_id": ids["ru-1"], "segment": 0, "speaker": "A", "seconds": 0.0, "spans": [[16, 25]]}
    assert first["snippet"] == "Мам, у нас двое ⟦двухсотых⟧, Серёга ранен."
    text = run_cli("search", "двухсотый -сватово", "--redacted", workspace=ws.root)
    assert text.returncode == 0 and "ru-2" in text.stdout and "ru-1" not in text.stdout
    bad = run_cli("search", "?", workspace=ws.root)
    assert bad.returncode == 2 and "E030" in bad.stderr and "Traceback" not in bad.stderr


def test_web_search_masks_for_viewers_and_links_to_the_second(corpus):
    ws, ids = corpus
    assert TestClient(create_app(ws)).get("/api/search?q=ранен").status_code == 401
    analyst = api_login(ws, "analyst")[0]
    page = analyst.get("/search", params={"q": "ранен"})
    assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
    assert "Серёга" in page.text and "<mark>ранен</mark>" in page.text
    assert f'href="/calls/{ids["ru-1"]}?t=0"' in page.text
    viewer = api_login(ws, "viewer")[0]
    masked = viewer.get("/search", params={"q": "ранен"}).text
    assert "Серёга" not in masked and "██████" in masked and "<mark>ранен</mark>" in masked
    data = viewer.get("/api/search", params={"q": "трехсотый"}).json()
    assert data["masked"] is True and [h["url"] for h in data["hits"]] == [f"/calls/{ids['ru-1']}?t=5.25",
                                                                          f"/calls/{ids['ru-2']}?t=1"]
    assert viewer.get("/api/search", params={"q": "серёга"}).json()["hits"] == []
    assert analyst.get("/api/search", params={"q": "серёга"}).json()["hits"][0]["call_key"] == "ru-1"
    assert analyst.get("/api/search", params={"q": "?"}).status_code == 400
    assert 'action="/search"' in analyst.get("/calls").text  # the search box in the header
    empty = analyst.get("/search")
    assert empty.status_code == 200 and 'id="search-hits"' not in empty.text
    assert 'id="search-error"' in analyst.get("/search", params={"q": "?"}).text
    uk = analyst.get("/api/search", params={"q": "поранений", "lang": "uk"}).json()["hits"][0]
    assert uk["url"] == f"/calls/{ids['uk-1']}" and uk["seconds"] is None


def test_basic_query_on_postgresql(tmp_path):
    from pg_server import PostgresServer, require_binaries

    server = PostgresServer(require_binaries()).start()
    try:
        ws = Workspace.create(tmp_path / "ws", database=server.create_database())
        store = ws.store
        call_id = store.add_call("pg-1", ACTOR).id
        store.add_transcript(call_id, _transcript([("A", 2.5, "Вчера трое трёхсотых и двое двухсотых.")], "ru"),
                             actor=ACTOR)
        result = search(store, "трехсотый двухсотый")
        assert result.indexed == 1 and [(h.call_key, h.seconds, h.snippet) for h in result.hits] == [
            ("pg-1", 2.5, "Вчера трое ⟦трёхсотых⟧ и двое ⟦двухсотых⟧.")]
        assert search(store, '"трое двухсотых"').hits == [] and update_index(store).indexed == 0
        ws.close()
    finally:
        server.stop()
