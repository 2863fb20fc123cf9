"""A call's region has one meaning everywhere: the map, the calls list and its filter values, the review queue,
search, the people desk and the reports.

A call's region is its metadata oblast as the gazetteer reads it ("Донецкая", "Донецька обл." and "Donetsk" are
Donetsk); asking for an oblast takes in a city-region inside it (Kyiv City in Kyiv, ``model.DRAWN_WITHIN``); a
spelling the gazetteer cannot read filters as it is given. Real SQLite workspace, real annotators, the real web app.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from helpers import PASSWORD, api_login

from overheard.annotate import regions
from overheard.model import DRAWN_WITHIN, CallFilters, CallMetadata, QueueFilters, Role, Segment, Transcript
from overheard.report import maps
from overheard.report.trends import ReportOptions, build_report
from overheard.workspace import Workspace

# call key -> the oblast its metadata names, as people typed it
CALLS = {
    "donetsk-ru": "Донецкая",
    "donetsk-uk": "Донецька обл.",
    "donetsk-en": "Donetsk",
    "kyiv-oblast": "Київська область",
    "kyiv-en": "Kyiv",
    "kyiv-city": "Kyiv City",
    "luhansk": "Луганская",
    "fairy-tale": "Тридевятая",  # no gazetteer knows it
    "nowhere": None,
}
DONETSK = ["donetsk-en", "donetsk-ru", "donetsk-uk"]
KYIV = ["kyiv-city", "kyiv-en", "kyiv-oblast"]  # the city-region is in the Kyiv face
LINE = "Мам, у нас двое двухсотых. Передай привет Сергею Петрову."  # one casualty mention, one person per call


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """The calls above, one casualty mention and one person each, annotated, people synced; an analyst, a viewer."""
    from overheard.jobs.annotate import annotate_workspace
    from overheard.jobs.people import sync_people

    ws = Workspace.create(tmp_path_factory.mktemp("regions") / "ws")
    for key, oblast in CALLS.items():
        call = ws.store.add_call(key, "test", CallMetadata(oblast=oblast, language="ru"))
        segment = Segment(text=LINE, speaker="A", start=0.0, end=2.0)
        ws.store.add_transcript(call.id, Transcript(segments=(segment,), language="ru"), actor="test")
    annotate_workspace(ws, actor="test")
    sync_people(ws, "test")
    for role in (Role.ANALYST, Role.VIEWER):
        ws.store.add_user(role.value, role, PASSWORD, actor="test")
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def analyst(workspace):
    client, _ = api_login(workspace, "analyst")
    return client


def listed(client, query: str) -> list[str]:
    """The keys of the calls ``/api/calls?QUERY`` lists."""
    return sorted(call["key"] for call in client.get(f"/api/calls?{query}&page_size=500").json()["calls"])


def mentions(client, query: str) -> int:
    """The casualty mentions of the calls ``/api/calls?QUERY`` lists."""
    calls = client.get(f"/api/calls?{query}&page_size=500").json()["calls"]
    return sum(tally["mentions"] for call in calls for tally in call["casualties"])


# ---- the rule --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("asked", "stored", "spellings"), [
    ("Donetsk", ["Донецкая", "Donetsk", "Донецька обл.", "Луганская"], ("Donetsk", "Донецкая", "Донецька обл.")),
    ("Донецкая", ["Донецкая", "Donetsk"], ("Donetsk", "Донецкая")),  # any spelling asks for the region
    ("Kyiv", ["Kyiv City", "Київська область", "Kyiv", "Луганская"], ("Kyiv", "Kyiv City", "Київська область")),
    ("Kyiv City", ["Kyiv City", "Київська область", "Kyiv"], ("Kyiv City",)),  # the city does not take the oblast
    ("Тридевятая", ["Тридевятая", "Donetsk"], ("Тридевятая",)),  # unreadable: as given
    ("Nowhere", ["Donetsk"], ("Nowhere",)),  # nothing stored: still as given (it lists nothing)
])
def test_a_filter_by_a_region_takes_every_stored_spelling_of_it(asked, stored, spellings):
    assert regions.spellings_of(asked, stored) == spellings


def test_the_filter_values_are_one_name_per_region():
    assert regions.region_names(["Донецкая", "Donetsk", "Донецька обл.", "Kyiv City", "Тридевятая", " "]) == (
        "Donetsk", "Kyiv City", "Тридевятая")


def test_the_map_and_the_filter_read_one_table_of_city_regions():
    assert maps.DRAWN_WITHIN is DRAWN_WITHIN and DRAWN_WITHIN["Kyiv"] == ("Kyiv City",)
    assert regions.regions_asked("Київська область") == {"Kyiv", "Kyiv City"}


# ---- the map and the calls list -----------------------------------------------------------------------------
def test_the_maps_donetsk_link_lists_the_calls_of_every_spelling(workspace, analyst):
    assert analyst.get("/api/map").json()["casualties_by_oblast"]["Donetsk"] == 3
    page = analyst.get("/map").text
    assert 'href="/calls?oblast=Donetsk"' in page
    assert listed(analyst, "oblast=Donetsk") == DONETSK
    html = analyst.get("/calls?oblast=Donetsk").text
    assert 'id="count-matching">3<' in html and all(key in html for key in DONETSK)


def test_every_face_of_the_map_counts_what_its_link_lists(workspace, analyst):
    faces = re.findall(r'<a href="/calls\?oblast=([^"]+)" class="oblast" data-oblast="[^"]+" data-casualties="(\d+)"',
                       analyst.get("/map").text)
    assert len(faces) == len(maps.region_names())
    counted = {name: int(count) for name, count in faces if int(count)}
    assert counted == {"Donetsk": 3, "Kyiv": 3, "Luhansk": 1}  # Kyiv: oblast, "Kyiv" and the city inside it
    for name, count in counted.items():
        assert mentions(analyst, f"oblast={name}") == count, name
    assert listed(analyst, "oblast=Kyiv") == KYIV
    assert listed(analyst, "oblast=Kyiv%20City") == ["kyiv-city"]
    table = analyst.get("/map").text.split('id="choropleth-table"')[1].split("</table>")[0]
    rows = re.findall(r'<a href="/calls\?oblast=([^"]+)">[^<]*</a></th><td>(\d+)</td>', table)
    assert {unquote(name): int(count) for name, count in rows} == {"Donetsk": 3, "Kyiv": 3, "Kyiv City": 1,
                                                                   "Luhansk": 1, "Тридевятая": 1}
    for name, count in rows:  # the table beside the map (for screen readers) counts what its links list, too
        assert mentions(analyst, f"oblast={name}") == int(count), name


def test_the_oblast_filter_offers_one_entry_per_region(workspace, analyst):
    regions_offered = ["Donetsk", "Kyiv", "Kyiv City", "Luhansk", "Тридевятая"]
    assert analyst.get("/api/calls").json()["facets"]["oblast"] == regions_offered
    select = analyst.get("/calls").text.split('id="filter-oblast"')[1].split("</select>")[0]
    assert re.findall(r'<option value="([^"]*)"', select) == ["", *regions_offered]
    queue = analyst.get("/queue").text.split('name="oblast"')[1].split("</select>")[0]
    assert re.findall(r'<option value="([^"]*)"', queue) == ["", *regions_offered]
    search = analyst.get("/search").text.split('name="oblast"')[1].split("</select>")[0]
    assert re.findall(r'<option value="([^"]*)"', search) == ["", *regions_offered]


def test_a_call_keeps_its_metadata_spelling_and_says_its_region(analyst):
    row = next(call for call in analyst.get("/api/calls?oblast=Donetsk").json()["calls"] if call["key"] == "donetsk-ru")
    assert (row["oblast"], row["region"]) == ("Донецкая", "Donetsk")


def test_a_spelling_the_gazetteer_cannot_read_filters_as_given(analyst):
    assert listed(analyst, "oblast=Тридевятая") == ["fairy-tale"]
    assert listed(analyst, "oblast=Atlantis") == []
    assert listed(analyst, "oblast=Донецька%20обл.") == DONETSK  # a stored spelling asks for its region
    for page in ("/calls?oblast=Донецкая", "/queue?oblast=Донецкая", "/search?q=двухсотых&oblast=Донецкая"):
        assert '<option value="Donetsk" selected>' in analyst.get(page).text, page  # the region asked for


# ---- the queue, search, the people desk, the reports ---------------------------------------------------------
def test_the_queue_filter_agrees_with_the_calls_list(workspace, analyst):
    for name in ("Donetsk", "Kyiv", "Kyiv City", "Тридевятая", "Atlantis"):
        items = analyst.get(f"/api/queue?oblast={name}&kind=casualty&status=any").json()["items"]
        assert sorted(item["call_key"] for item in items) == listed(analyst, f"oblast={name}"), name
    stored = workspace.store.oblast_spellings()
    queue = workspace.store.review_queue(filters=regions.narrowed(QueueFilters(oblast="Kyiv", kind="casualty"), stored))
    assert sorted(item.call_key for item in queue.items) == KYIV


def test_search_filters_by_the_region(analyst):
    hits = analyst.get("/api/search?q=двухсотых&oblast=Donetsk").json()["hits"]
    assert sorted({hit["call_key"] for hit in hits}) == DONETSK


def test_the_people_desk_filters_people_by_the_regions_of_their_calls(analyst):
    everyone = analyst.get("/api/people").json()
    assert everyone["facets"]["oblast"] == ["Donetsk", "Kyiv", "Kyiv City", "Luhansk", "Тридевятая"]
    assert everyone["counts"]["people"] >= 1
    for name in ("Donetsk", "Донецкая", "Kyiv", "Тридевятая"):
        assert analyst.get(f"/api/people?oblast={name}").json()["counts"]["matching"] >= 1, name
    assert analyst.get("/api/people?oblast=Atlantis").json()["counts"]["matching"] == 0
    assert "<option selected>Donetsk</option>" in analyst.get("/people?oblast=Донецкая").text


def test_the_reports_mean_the_same_region(workspace):
    report = build_report(workspace.store, ReportOptions(by="month", places=("Kyiv",), side="all"))
    assert set(report.oblasts) == {"Kyiv", "Kyiv City"}  # the oblast takes in the city-region, as on the map
    donetsk = build_report(workspace.store, ReportOptions(by="month", places=("Донецкая",), side="all"))
    assert donetsk.oblasts == ("Donetsk",)


# ---- edits -----------------------------------------------------------------------------------------------------
def test_a_metadata_edit_moves_the_call_to_its_new_region(tmp_path):
    ws = Workspace.create(tmp_path / "ws")
    try:
        for key, oblast in (("a", "Донецкая"), ("b", "Луганская")):
            ws.store.add_call(key, "test", CallMetadata(oblast=oblast))

        def keys(oblast: str) -> list[str]:
            filters = regions.narrowed(CallFilters(oblast=oblast), ws.store.oblast_spellings())
            return [c.key for c in ws.store.call_list(filters).calls]

        assert keys("Donetsk") == ["a"] and keys("Luhansk") == ["b"]
        ws.store.update_metadata("b", CallMetadata(oblast="Донецька область"), "editor")
        assert keys("Donetsk") == ["a", "b"] and keys("Luhansk") == []
        assert ws.store.call_list(CallFilters(oblast="Donetsk")).calls == ()  # the store alone compares as given
    finally:
        ws.close()
