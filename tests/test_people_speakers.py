"""The people desk, part two: speaker links (a person speaking in a call), the per-call split (one full name, two
people), the network's "speaks in" edges, and the map's real borders with dots that open calls and findings.

Real SQLite workspaces, real entity detection on small transcripts, FastAPI's TestClient, the CLI through Typer.
"""

from __future__ import annotations

import json

import pytest
from helpers import PASSWORD, api_login, run_cli

from overheard.errors import ConflictError, NotFoundError, PermissionDenied
from overheard.jobs import network as network_job
from overheard.jobs.people import Pseudonymiser, sync_people, workspace_secret
from overheard.model import CallMetadata, Role, Segment, Transcript
from overheard.report import maps
from overheard.review import proposals, speaker_links
from overheard.review.writes import ReviewError
from overheard.workspace import Workspace

ROLES = ("admin", "editor", "analyst", "viewer")
# One full name in three calls: in call 1 and 2 he is the one from the 155th brigade, in call 3 another man with the
# same name, from the 40th. Call 3 also names Сватово, where Андрей Ковалёв's unit is.
CALLS = {
    "call-a": ("Luhansk", [("A", "Слушай, Сергей Петров из сто пятьдесят пятой бригады вчера звонил."),
                           ("B", "Передай Сергею Петрову, пусть перезвонит.")]),
    "call-b": ("Luhansk", [("A", "Сергей Петров опять на связи, всё у него нормально."),
                           ("B", "Понял, Андрей Ковалёв тоже там.")]),
    "call-c": ("Donetsk", [("A", "Под Сватово двоих наших убило, Сергей Петров ранен."),
                           ("B", "Какой Сергей Петров? Наш? Нет, другой.")]),
}


def make_workspace(root) -> Workspace:
    ws = Workspace.create(root)
    for key, (oblast, lines) in CALLS.items():
        call = ws.store.add_call(key, "test", CallMetadata(oblast=oblast, language="ru"))
        segments = tuple(Segment(text=text, speaker=speaker, start=float(i * 5), end=float(i * 5 + 4))
                         for i, (speaker, text) in enumerate(lines))
        ws.store.add_transcript(call.id, Transcript(segments=segments, language="ru"), actor="test")
    sync_people(ws, "test")
    for name in ROLES:
        ws.store.add_user(name, name, PASSWORD, actor="test")
    return ws


@pytest.fixture()
def ws(tmp_path):
    workspace = make_workspace(tmp_path / "ws")
    yield workspace
    workspace.close()


def petrov(ws: Workspace):
    return next(p for p in ws.store.people() if "сергей|петров" in p.keys)


def call_id(ws: Workspace, key: str) -> int:
    return ws.store.get_call(key).id


# ---- speaker links --------------------------------------------------------------------------
def test_a_speaker_is_linked_to_a_person_audited_and_undone_by_unlinking(ws):
    person = petrov(ws)
    link = speaker_links.link_speaker(ws.store, {"call": "call-b", "speaker": "A", "person": person.id}, "anna",
                                      Role.ANALYST)
    assert (link.person_id, link.call_id, link.speaker, link.status) == (person.id, call_id(ws, "call-b"), "A",
                                                                         "linked")
    with pytest.raises(ConflictError):  # one person per speaker at a time
        speaker_links.link_speaker(ws.store, {"call": "call-b", "speaker": "A", "person": person.id}, "anna",
                                   Role.ANALYST)
    unlinked = speaker_links.unlink_speaker(ws.store, link.id, "boris", Role.ANALYST)
    assert (unlinked.status, unlinked.unlinked_by) == ("unlinked", "boris")
    assert ws.store.speaker_links() == []
    history = speaker_links.person_links(ws.store, person.id, Role.ANALYST)
    assert [(h["call_key"], h["speaker"], h["status"]) for h in history] == [("call-b", "A", "unlinked")]
    relinked = speaker_links.link_speaker(ws.store, {"call": call_id(ws, "call-b"), "speaker": "A",
                                                     "person": person.id}, "anna", Role.ANALYST)
    assert relinked.status == "linked"
    actions = [e.action for e in ws.store.audit_entries()]
    assert actions.count("people.speaker_link") == 2 and actions.count("people.speaker_unlink") == 1
    entry = next(e for e in ws.store.audit_entries() if e.action == "people.speaker_link")
    assert "A" not in json.dumps(entry.details) and "Петров" not in json.dumps(entry.details, ensure_ascii=False)
    assert ws.store.verify_audit() == []


@pytest.mark.parametrize("data, error", [
    ({"call": "call-b", "speaker": "C", "person": 1}, ReviewError),  # not a speaker of the call
    ({"call": "call-b", "speaker": "A", "person": 9999}, NotFoundError),  # no such person
    ({"call": "nope", "speaker": "A", "person": 1}, NotFoundError),
    ({"call": "call-b", "speaker": "", "person": 1}, ReviewError),
    ({"call": "call-b", "speaker": "A", "person": 1, "extra": 1}, ReviewError),
])
def test_a_link_names_a_real_speaker_of_the_call_and_a_live_person(ws, data, error):
    with pytest.raises(error):
        speaker_links.link_speaker(ws.store, data, "anna", Role.ANALYST)


def test_viewers_may_neither_link_nor_see_links(ws):
    person = petrov(ws)
    with pytest.raises(PermissionDenied):
        speaker_links.link_speaker(ws.store, {"call": "call-a", "speaker": "A", "person": person.id}, "v",
                                   Role.VIEWER)
    assert speaker_links.call_links(ws.store, call_id(ws, "call-a"), Role.VIEWER) is None
    with pytest.raises(PermissionDenied):
        speaker_links.person_links(ws.store, person.id, Role.VIEWER)


def test_links_follow_a_merge_and_come_back_on_undo(ws):
    people = {p.display: p for p in ws.store.people()}
    kovalev, sergey = people["Андрей Ковалёв"], petrov(ws)
    speaker_links.link_speaker(ws.store, {"call": "call-b", "speaker": "B", "person": kovalev.id}, "anna",
                               Role.ANALYST)
    target, source = sorted((kovalev.id, sergey.id))
    decision = ws.store.merge_people(target, [source], "anna")
    assert [link.person_id for link in ws.store.speaker_links()] == [target]
    ws.store.undo_person_decision(decision, "anna")
    assert [link.person_id for link in ws.store.speaker_links()] == [kovalev.id]


def test_the_network_joins_a_speaker_to_the_call_they_speak_in(ws):
    secret = workspace_secret(ws)
    sergey = petrov(ws)
    kovalev = next(p for p in ws.store.people() if p.display == "Андрей Ковалёв")
    for speaker, person in (("A", sergey), ("B", kovalev)):
        speaker_links.link_speaker(ws.store, {"call": "call-b", "speaker": speaker, "person": person.id}, "anna",
                                   Role.ANALYST)
    graph = network_job.network(ws.store, secret, Role.ANALYST)
    call_node = f"call:{call_id(ws, 'call-b')}"
    speaks = [e for e in graph["edges"] if e["type"] == "speaks in"]
    assert {(e["source"], e["target"]) for e in speaks} == {(f"person:{sergey.id}", call_node),
                                                            (f"person:{kovalev.id}", call_node)}
    assert all(e["type"] in ("speaks in", "mentioned with") for e in graph["edges"])
    assert any(e["type"] == "mentioned with" for e in graph["edges"])
    assert next(n for n in graph["nodes"] if n["id"] == call_node)["label"] == "call-b"
    assert network_job.network(ws.store, secret, Role.ANALYST, call=call_id(ws, "call-a"))["edges"]
    assert not [e for e in network_job.network(ws.store, secret, Role.ANALYST, call=call_id(ws, "call-a"))["edges"]
                if e["type"] == "speaks in"]
    xml = network_job.graphml(graph)
    assert 'attr.name="type"' in xml and '<data key="edge_type">speaks in</data>' in xml
    assert '<data key="edge_type">mentioned with</data>' in xml


# ---- the per-call split ---------------------------------------------------------------------
def test_one_full_name_in_three_calls_is_split_per_call_kept_across_syncs_and_undone(ws):
    sergey = petrov(ws)
    assert len(sergey.calls) == 3 and sergey.keys == ("сергей|петров",)
    namer = Pseudonymiser(workspace_secret(ws))
    other = call_id(ws, "call-c")
    new_id = proposals.split_by_calls(ws.store, sergey.id, {"calls": [other]}, "anna", Role.ANALYST, namer)
    new, old = ws.store.people([new_id])[0], ws.store.people([sergey.id])[0]
    assert new.calls == (other,) and new.mentions == 2 and other not in old.calls and len(old.calls) == 2
    assert new.pseudonym != old.pseudonym
    pseudonyms = [p.pseudonym for p in ws.store.people()]
    assert len(pseudonyms) == len(set(pseudonyms))
    decision = ws.store.person_decisions(new_id)[-1]
    assert (decision.kind, decision.reason) == ("split", "per_call")
    assert {e["call_id"] for e in decision.evidence} == {other} and len(decision.evidence) == 2
    sync_people(ws, "test")  # a later sync keeps the split: the call's mentions stay under their own key
    assert ws.store.people([new_id])[0].calls == (other,)
    assert other not in ws.store.people([sergey.id])[0].calls
    ws.store.undo_person_decision(decision.id, "boris")
    assert len(ws.store.people([sergey.id])[0].calls) == 3 and not ws.store.people([new_id])
    assert new.pseudonym in ws.store.people([sergey.id])[0].retired or all(
        p.pseudonym != new.pseudonym for p in ws.store.people())  # retired, never given to anybody else
    actions = [e.action for e in ws.store.audit_entries()]
    assert "people.split" in actions and "people.split_undone" in actions
    assert ws.store.verify_audit() == []


def test_a_split_must_leave_the_person_a_call_and_name_calls_of_the_person(ws):
    sergey = petrov(ws)
    namer = Pseudonymiser(workspace_secret(ws))
    with pytest.raises(ConflictError):
        proposals.split_by_calls(ws.store, sergey.id, {"calls": list(sergey.calls)}, "anna", Role.ANALYST, namer)
    with pytest.raises(NotFoundError):
        proposals.split_by_calls(ws.store, sergey.id, {"calls": [9999]}, "anna", Role.ANALYST, namer)
    with pytest.raises(ReviewError):
        proposals.split_by_calls(ws.store, sergey.id, {"calls": []}, "anna", Role.ANALYST, namer)
    with pytest.raises(PermissionDenied):
        proposals.split_by_calls(ws.store, sergey.id, {"calls": [sergey.calls[0]]}, "v", Role.VIEWER, namer)


# ---- the web: pages, JSON twins, roles --------------------------------------------------------
login = api_login


def test_speaker_links_in_the_web_per_role(ws):
    sergey = petrov(ws)
    cid = call_id(ws, "call-b")
    analyst, a_headers = login(ws, "analyst")
    viewer, v_headers = login(ws, "viewer")
    editor, _ = login(ws, "editor")
    body = {"call": "call-b", "speaker": "A", "person": sergey.id}
    assert viewer.post("/api/speaker-links", json=body, headers=v_headers).status_code == 403
    assert viewer.get(f"/api/calls/{cid}/speaker-links").status_code == 403
    made = analyst.post("/api/speaker-links", json=body, headers=a_headers)
    assert made.status_code == 200, made.text
    assert made.json()["pseudonym"] == sergey.pseudonym and "display" not in made.json()
    assert analyst.post("/api/speaker-links", json=body, headers=a_headers).status_code == 409  # linked already
    links = analyst.get(f"/api/calls/{cid}/speaker-links").json()
    assert [s["link"]["person"] if s["link"] else None for s in links["speakers"]] == [sergey.id, None]
    assert editor.get(f"/api/calls/{cid}/speaker-links").json()["speakers"][0]["link"]["display"] == "Сергей Петров"
    analyst_page = analyst.get(f"/calls/{cid}").text
    assert 'id="speaker-links"' in analyst_page and sergey.pseudonym in analyst_page
    assert "Сергей Петров" not in analyst_page.split('id="speaker-links"')[1].split("</div>")[0]
    viewer_page = viewer.get(f"/calls/{cid}").text
    assert 'id="speaker-links"' not in viewer_page and sergey.pseudonym not in viewer_page
    person_page = analyst.get(f"/people/{sergey.id}").text
    assert 'id="speaks-in"' in person_page and "call-b" in person_page
    assert analyst.get(f"/api/people/{sergey.id}").json()["speaks_in"][0]["speaker"] == "A"
    graph = analyst.get("/api/network").json()
    assert any(e["type"] == "speaks in" for e in graph["edges"])
    assert "speaks in" in analyst.get("/api/network?format=graphml").text
    assert 'class="node node-call"' in analyst.get("/network").text
    link_id = made.json()["id"]
    assert viewer.post(f"/api/speaker-links/{link_id}/unlink", headers=v_headers).status_code == 403
    undone = analyst.post(f"/api/speaker-links/{link_id}/unlink", headers=a_headers).json()
    assert undone["status"] == "unlinked"


def test_the_forms_link_unlink_and_split_by_call(ws):
    sergey = petrov(ws)
    cid, other = call_id(ws, "call-b"), call_id(ws, "call-c")
    client, headers = login(ws, "analyst")
    token = headers["X-CSRF-Token"]
    response = client.post(f"/calls/{cid}/speaker-links", data={"csrf_token": token, "speaker": "B",
                                                                "person": str(sergey.id)}, follow_redirects=False)
    assert response.status_code == 303 and "error" not in response.headers["location"]
    link = ws.store.speaker_links(call_id=cid)[0]
    assert (link.speaker, link.person_id) == ("B", sergey.id)
    response = client.post(f"/speaker-links/{link.id}/unlink", data={"csrf_token": token,
                                                                   "back": f"/people/{sergey.id}"},
                           follow_redirects=False)
    assert response.headers["location"] == f"/people/{sergey.id}" and not ws.store.speaker_links()
    response = client.post(f"/people/{sergey.id}/speakers", data={"csrf_token": token, "call": "call-a",
                                                                  "speaker": "Z"}, follow_redirects=False)
    assert response.headers["location"].endswith("error=E015")
    response = client.post(f"/people/{sergey.id}/split-calls", data={"csrf_token": token, "call": [str(other)]},
                           follow_redirects=False)
    new_id = int(response.headers["location"].rsplit("/", 1)[1])
    assert new_id != sergey.id and ws.store.people([new_id])[0].calls == (other,)
    page = client.get(f"/people/{new_id}").text
    assert "split (per call)" in page and f'href="/calls/{other}"' in page


def test_cli_links_speakers_and_splits_by_call(ws):
    root = ws.root
    sergey = petrov(ws)
    ws.close()
    result = run_cli("people", "link-speaker", "call-a", "A", str(sergey.id), "--actor", "olena", workspace=root)
    assert result.returncode == 0, result.stderr
    assert "speaker A of call" in result.stdout
    result = run_cli("people", "speakers", "call-a", workspace=root)
    assert "Сергей Петров" in result.stdout and sergey.pseudonym in result.stdout
    result = run_cli("people", "unlink-speaker", "call-a", "A", "--actor", "olena", workspace=root)
    assert result.returncode == 0 and "unlinked" in result.stdout
    result = run_cli("people", "split-calls", str(sergey.id), "call-c", "--actor", "olena", workspace=root)
    assert result.returncode == 0, result.stderr
    assert "split by call; new person" in result.stdout
    result = run_cli("people", "show", str(sergey.id), workspace=root)
    assert "speaks in call-a" in result.stdout and "[unlinked]" in result.stdout


# ---- the map: real borders, dots that open calls and findings ----------------------------------
def inside(point: tuple[float, float], polygons) -> bool:
    x, y = point
    hit = False
    for polygon in polygons:
        for ring in polygon:
            for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
                if (y0 > y) != (y1 > y) and x < (x1 - x0) * (y - y0) / (y1 - y0) + x0:
                    hit = not hit
    return hit


@pytest.mark.parametrize("oblast, city", [
    ("Kyiv", (30.52, 50.45)), ("Kharkiv", (36.23, 49.99)), ("Luhansk", (39.31, 48.57)), ("Donetsk", (37.80, 48.00)),
    ("Zaporizhzhia", (35.14, 47.84)), ("Kherson", (32.60, 46.66)), ("Lviv", (24.03, 49.84)),
    ("Crimea", (34.10, 44.95)), ("Sevastopol", (33.52, 44.60)), ("Odesa", (30.73, 46.48)),
    ("Zakarpattia", (22.29, 48.62)), ("Chernihiv", (31.29, 51.50)), ("Belgorod", (36.59, 50.60)),
    ("Svatove in Luhansk", None),
])
def test_the_map_has_real_oblast_borders(oblast, city):
    borders = maps.borders()
    if city is None:  # Сватово is near the Kharkiv border: a hull of settlements got it wrong, a border does not
        assert inside((38.15, 49.41), borders["Luhansk"]) and not inside((38.15, 49.41), borders["Kharkiv"])
        return
    assert inside(city, borders[oblast])
    others = [name for name in maps.region_names() if name != oblast and inside(city, borders[name])]
    assert others == []


def test_every_ukrainian_region_of_the_gazetteer_is_on_the_map_and_the_data_says_its_source():
    from overheard.annotate.rules.places import gazetteer

    ukrainian = {p.oblast for p in gazetteer().places.values() if p.country == "UA" and p.oblast}
    inside = {city for cities in maps.DRAWN_WITHIN.values() for city in cities}  # Kyiv City in the Kyiv face
    assert ukrainian <= set(maps.region_names()) | inside
    assert "Natural Earth" in maps.BORDERS.with_name("README.md").read_text(encoding="utf-8")
    svg = maps.map_svg([], {"Luhansk": 3, "Kyiv": 1, "Kyiv City": 2})
    assert 'data-oblast="Luhansk" data-casualties="3"' in svg and "http" not in svg.replace("http://www.w3.org", "")
    assert 'data-oblast="Kyiv" data-casualties="3"' in svg  # the city's mentions shade the face it lies in


def test_the_map_shades_an_oblast_however_the_metadata_names_it(tmp_path):
    from overheard.jobs.annotate import annotate_workspace
    from overheard.jobs.network import casualties_by_oblast

    ws = Workspace.create(tmp_path / "ws")
    try:
        for key, oblast in (("call-ru", "Донецкая"), ("call-uk", "Донецька обл."), ("call-en", "Donetsk")):
            call = ws.store.add_call(key, "test", CallMetadata(oblast=oblast, language="ru"))
            segment = Segment(text="У нас двое двухсотых.", speaker="A", start=0.0, end=2.0)
            ws.store.add_transcript(call.id, Transcript(segments=(segment,), language="ru"), actor="test")
        annotate_workspace(ws, actor="test")
        assert casualties_by_oblast(ws.store) == {"Donetsk": 3}
        assert 'data-oblast="Donetsk" data-casualties="3"' in maps.map_svg([], casualties_by_oblast(ws.store))
    finally:
        ws.close()


def test_a_place_on_the_map_opens_its_calls_and_their_findings(ws):
    from overheard.jobs.annotate import annotate_workspace

    annotate_workspace(ws, actor="test")
    viewer, _ = login(ws, "viewer")
    data = viewer.get("/api/map?place=Svatove").json()
    assert [c["key"] for c in data["place_calls"]] == ["call-c"]
    findings = data["place_calls"][0]["findings"]
    assert {f["kind"] for f in findings} >= {"casualty"}
    assert all(f["url"].startswith(f"/calls/{call_id(ws, 'call-c')}#finding-") for f in findings)
    page = viewer.get("/map?place=Svatove").text
    assert 'class="place-finding kind-casualty"' in page and "Сергей" not in page
