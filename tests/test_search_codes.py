"""Search finds what the story is about: codes and digits ("200", "груз 200", "300-е"), the words they stand
for ("двухсотые"), English glosses and categories ("killed", "KIA", "refusers"), with filters and masking.

A real SQLite workspace of fixed fictional transcripts that went through the real annotators; every
expected hit is worked out by hand from the sentences below.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from overheard.jobs.annotate import annotate_workspace
from overheard.model import CallMetadata, FindingKind, Segment, Transcript, TranscriptSource
from overheard.redact.operators import MASK_CHAR, mask_spans, viewer_masked_spans
from overheard.review.findings import correct, decide, set_call_status
from overheard.search import INDEX_VERSION, SearchError, SearchOptions, expand_terms, parse_query, search, update_index
from overheard.search.index import word_keys
from overheard.workspace import Workspace

ACTOR = "tester"

# key: (recorded_at, oblast, language, [(speaker, start, text)])
CALLS = {
    "dead-1": (datetime(2026, 3, 1, 14, 0), "Луганская", "ru", [
        ("A", 0.0, "Мам, у нас двое двухсотых, Серёга ранен."),
        ("B", 4.0, "Тут груз 200 неделями лежит, никто не забирает."),
    ]),
    "dead-2": (datetime(2026, 3, 10, 9, 0), "Донецкая", "ru", [
        ("A", 1.0, "Ну короче 200-е шесть человек."),
        ("A", 3.5, "И пятеро трехсотых увезли."),
    ]),
    "ordinal": (datetime(2026, 3, 12, 9, 0), "Донецкая", "ru", [
        ("A", 0.0, "Сегодня посчитал, двухсотый день уже тут."),
        ("A", 2.0, "Прилетело в 300 метрах от нас."),
    ]),
    "uk-dead": (datetime(2026, 4, 2, 20, 0), "Харківська", "uk", [
        ("A", 0.0, "У нас двохсоті є, хлопці загинули."),
    ]),
    "plain": (datetime(2026, 4, 5, 8, 0), "Донецкая", "ru", [
        ("A", 0.0, "У нас вчера погибли трое."),
    ]),
    "refusers": (datetime(2026, 4, 8, 8, 0), "Запорожская", "ru", [
        ("A", 0.0, "У нас уже пятисотых человек десять."),
        ("B", 2.0, "Отказников в яму посадили."),
    ]),
    "enemy": (datetime(2026, 4, 9, 8, 0), "Донецкая", "ru", [
        ("A", 0.0, "Мы их позицию взяли, там ихних двухсотых штук пятнадцать лежало."),
    ]),
}
DEAD = ["dead-1", "dead-2", "uk-dead", "enemy"]  # the calls that speak of the dead with the code


def _transcript(lines, language: str) -> Transcript:
    return Transcript(segments=tuple(Segment(text=text, speaker=speaker, start=start, end=start + 2.0)
                                     for speaker, start, text in lines), language=language,
                      source=TranscriptSource.IMPORTED)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    ws = Workspace.create(tmp_path_factory.mktemp("codes") / "ws")
    store = ws.store
    ids = {}
    for key, (when, oblast, language, lines) in CALLS.items():
        ids[key] = store.add_call(key, ACTOR, CallMetadata(recorded_at=when, oblast=oblast, language=language),
                                  reason="test").id
        store.add_transcript(ids[key], _transcript(lines, language), actor=ACTOR)
    summary = annotate_workspace(ws, ACTOR)
    assert not summary.errors and summary.indexed == len(CALLS)
    # a reviewer says the enemy's dead are the enemy's; the call "dead-2" is in review
    [enemy] = [f for f in store.findings(call_ref=ids["enemy"], kind=FindingKind.CASUALTY)]
    correct(store, enemy.id, {"side": "enemy"}, ACTOR)
    set_call_status(store, ids["dead-2"], "in_review", ACTOR)
    yield ws, ids
    ws.close()


def calls_of(store, query: str, **options) -> list[str]:
    """The call keys with hits, in hit order, once each."""
    keys: list[str] = []
    for hit in search(store, query, SearchOptions(**options)).hits:
        if hit.call_key not in keys:
            keys.append(hit.call_key)
    return keys


def matched(store, query: str, **options) -> list[tuple[str, str]]:
    """(call key, matched text) of every match."""
    out = []
    for hit in search(store, query, SearchOptions(**options)).hits:
        text = store.transcript(hit.transcript_id).text
        out.extend((hit.call_key, text[s:e]) for s, e in hit.spans)
    return out


# ---- 1. digits and codes ---------------------------------------------------------------------
@pytest.mark.parametrize(("word", "keys"), [
    ("200", {"200"}),
    ("200-е", {"200-е", "200~", "200"}),  # the code key of any ending, and the number
    ("200х", {"200х", "200~", "200"}),
    ("двухсотых", {"двухсотых", "двухсотый"}),
    ("Трёхсотых", {"трехсотых", "трехсотый"}),  # ё = е, lower case, lemma
])
def test_numbers_and_codes_are_indexed_with_their_keys(word, keys):
    assert set(word_keys(word, "ru")) == keys
    assert INDEX_VERSION == "search.v2"


def test_200_finds_the_calls_that_speak_of_the_dead_and_not_an_ordinal(corpus):
    ws, _ = corpus
    assert calls_of(ws.store, "200") == DEAD
    assert matched(ws.store, "200", call="dead-1") == [("dead-1", "двухсотых"), ("dead-1", "груз 200")]
    # "двухсотый день" is an ordinal, "в 300 метрах" a distance: the annotators said so, the search agrees
    assert "ordinal" not in calls_of(ws.store, "200") and "ordinal" not in calls_of(ws.store, "wounded")


def test_gruz_200_is_one_term_the_code_in_words_or_digits(corpus):
    ws, _ = corpus
    assert calls_of(ws.store, "груз 200") == DEAD
    assert calls_of(ws.store, '"груз 200"') == DEAD
    assert calls_of(ws.store, "груз-200") == DEAD
    assert [t.words for t in expand_terms(parse_query("груз 200 мама"))] == [("груз", "200"), ("мама",)]


def test_300_e_and_the_words_find_each_other(corpus):
    ws, _ = corpus
    assert matched(ws.store, "300-е") == [("dead-2", "трехсотых")]
    assert matched(ws.store, "300") == [("dead-2", "трехсотых"), ("ordinal", "300")]  # the number, literally
    assert ("dead-2", "200-е") in matched(ws.store, "двухсотые")
    assert ("dead-1", "груз 200") in matched(ws.store, "двухсотые")
    assert ("uk-dead", "двохсоті") in matched(ws.store, "двухсотые")
    # the word itself still finds every form of its lemma, the ordinal too (recall before precision)
    assert ("ordinal", "двухсотый") in matched(ws.store, "двухсотые")
    assert calls_of(ws.store, "двухсотые") == calls_of(ws.store, "ДВУХСОТЫЕ") == calls_of(ws.store, "двухсотые")


# ---- 2. glosses and categories ---------------------------------------------------------------
def test_killed_finds_the_coded_terms_and_the_plain_casualty_mentions(corpus):
    ws, _ = corpus
    result = search(ws.store, "killed")
    assert sorted({h.call_key for h in result.hits}) == sorted([*DEAD, "plain"])
    by_call = {h.call_key: h.expansions for h in result.hits if h.segment == 0}
    assert "killed → двухсотых" in by_call["dead-1"]
    assert by_call["plain"] == ["killed → погибли трое"]
    assert by_call["uk-dead"][0] == "killed → двохсоті"
    assert result.expanded[0]["term"] == "killed" and "category killed" in result.expanded[0]["to"]


def test_english_glosses(corpus):
    ws, _ = corpus
    assert calls_of(ws.store, "KIA") == DEAD  # the gloss of «двухсотый», not the plain «погибли»
    assert calls_of(ws.store, "kia") == DEAD
    assert calls_of(ws.store, "wounded") == ["dead-1", "dead-2"]  # «ранен», «пятеро трехсотых»
    refusers = search(ws.store, "refusers").hits
    assert [(h.call_key, h.expansions) for h in refusers] == [
        ("refusers", ["refusers → пятисотых"]), ("refusers", ["refusers → Отказников"])]
    assert calls_of(ws.store, "refused") == ["refusers"]  # the category name


def test_a_rejected_finding_is_not_found_through_an_expansion(tmp_path):
    ws = Workspace.create(tmp_path / "ws")
    call = ws.store.add_call("one", ACTOR).id
    ws.store.add_transcript(call, _transcript([("A", 0.0, "Там груз 200 лежит.")], "ru"), actor=ACTOR)
    annotate_workspace(ws, ACTOR)
    assert calls_of(ws.store, "killed") == ["one"]
    for stored in ws.store.findings(call_ref=call):
        if stored.finding.kind in (FindingKind.TERM, FindingKind.CASUALTY):
            decide(ws.store, stored.id, "reject", ACTOR)
    assert calls_of(ws.store, "killed") == []
    assert calls_of(ws.store, "200") == ["one"]  # the digits themselves are still there
    ws.close()


# ---- 3. filters ------------------------------------------------------------------------------
def test_filters_date_oblast_category_side_speaker_status(corpus):
    ws, _ = corpus
    assert calls_of(ws.store, "200", date_from=date(2026, 3, 5), date_to=date(2026, 4, 2)) == ["dead-2", "uk-dead"]
    assert calls_of(ws.store, "200", oblast="Донецкая") == ["dead-2", "enemy"]
    assert calls_of(ws.store, "killed", side="enemy") == ["enemy"]
    assert calls_of(ws.store, "200", category="wounded") == ["dead-1", "dead-2"]  # calls with a wounded mention
    assert calls_of(ws.store, "200", status="in_review") == ["dead-2"]
    assert calls_of(ws.store, "200", speaker="B") == ["dead-1"]
    assert matched(ws.store, "200", speaker="B") == [("dead-1", "груз 200")]
    for bad in ({"side": "ours"}, {"category": "dead"}, {"status": "done"}, {"language": "en"}):
        with pytest.raises(SearchError):
            SearchOptions(**bad)


def test_kwic_hits_link_to_the_second(corpus):
    ws, ids = corpus
    first, second = search(ws.store, "груз 200", SearchOptions(call="dead-1")).hits
    assert (second.call_id, second.segment, second.seconds, second.speaker) == (ids["dead-1"], 1, 4.0, "B")
    assert second.snippet == "Тут ⟦груз 200⟧ неделями лежит, никто не забирает." and second.expansions == []
    assert first.snippet == "Мам, у нас двое ⟦двухсотых⟧, Серёга ранен."
    assert first.expansions == ["груз 200 → двухсотых"]  # which expansion matched


# ---- masking: what a viewer sees is what viewer_masked_spans leaves -----------------------------
def test_viewers_get_the_call_pages_masking_and_no_match_inside_it(corpus):
    ws, _ = corpus
    store = ws.store
    masked = search(store, "200 ранен", SearchOptions(masked=True, call="dead-1")).hits
    assert masked and all("Серёга" not in h.snippet for h in masked)
    for hit in masked:  # the snippet is the segment masked exactly as the call page masks it for viewers
        stored = store.transcript(hit.transcript_id)
        hidden = viewer_masked_spans(store.findings(transcript_id=stored.id), stored.transcript.segment_offsets,
                                     store.unchecked_segments([stored.id])[stored.id])
        offset = stored.transcript.segment_offsets[hit.segment][0]
        visible = mask_spans(stored.transcript.segments[hit.segment].text, hidden, offset)
        assert "".join(part for part, _ in hit.snippet_parts).strip("…") in visible
    assert search(store, "серёга", SearchOptions(masked=True)).hits == []
    assert calls_of(store, "серёга") == ["dead-1"]


def test_masking_fails_closed_where_no_detector_looked(tmp_path):
    ws = Workspace.create(tmp_path / "ws")
    store = ws.store
    call = store.add_call("fresh", ACTOR).id
    store.add_transcript(call, _transcript([("A", 0.0, "Иван, у нас двое двухсотых.")], "ru"), actor=ACTOR)
    update_index(store)  # indexed but never annotated: no personal-data detector has checked it
    assert calls_of(store, "двухсотых") == ["fresh"]  # analysts see it
    assert search(store, "двухсотых", SearchOptions(masked=True)).hits == []  # viewers do not
    assert search(store, "иван", SearchOptions(masked=True)).hits == []
    annotate_workspace(ws, ACTOR)
    [hit] = search(store, "двухсотых", SearchOptions(masked=True)).hits
    assert "Иван" not in hit.snippet and hit.snippet.startswith(MASK_CHAR * 4)
    # a reviewer rejects the name finding: the word is no name after all, viewers see and find it
    [person] = [f for f in store.findings(call_ref=call, kind=FindingKind.ENTITY) if f.finding.label == "PER"]
    decide(store, person.id, "reject", ACTOR)
    assert [h.call_key for h in search(store, "иван", SearchOptions(masked=True)).hits] == ["fresh"]
    ws.close()
