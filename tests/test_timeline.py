"""The event timeline: incidents, refusals and punishments by date and place, each linked to its evidence.

The calls are tests/register_corpus.py's (January 2023: the same three own deaths told in three calls, the
enemy's fifteen, four more own dead) and one more, written here, where refusers are put in a pit.
"""

from __future__ import annotations

from datetime import datetime

import pytest
import register_corpus
from fastapi.testclient import TestClient
from helpers import api_login

from overheard import register
from overheard.model import CallMetadata, Finding, FindingKind, Segment, Transcript, TranscriptSource
from overheard.register.timeline import build_timeline
from overheard.report.trends import ReportError, ReportOptions, build_report
from overheard.web import create_app

PIT = "Отказников в яму посадили, Серёга тоже там сидит."


def add_pit_call(ws) -> int:
    """A call of 18 Jan 2023 from Кременная: refusers put in a pit (a refusal and a punishment), a name in it."""
    store = ws.store
    call = store.add_call("pit", "fixture", CallMetadata(recorded_at=datetime(2023, 1, 18, 20, 0), oblast="Luhansk",
                                                         place="Кременная", language="ru"), reason="test").id
    tid = store.add_transcript(call, Transcript(segments=(Segment(text=PIT, speaker="A", start=1.0, end=5.0),),
                                                language="ru", source=TranscriptSource.IMPORTED), actor="fixture")

    def finding(needle, kind, label, producer, **attributes):
        start = PIT.index(needle)
        return Finding(kind=kind, label=label, start=start, end=start + len(needle), text=needle, score=0.8,
                       producer=producer, explanation=f"{label} cue", attributes=attributes)

    store.replace_machine_findings(tid, "themes.v1", [
        finding("Отказников", FindingKind.THEME, "refusal", "themes.v1"),
        finding("в яму посадили, Серёга тоже там", FindingKind.THEME, "punishment", "themes.v1")], "d", "fixture")
    store.replace_machine_findings(tid, "entities.v1", [
        finding("Серёга", FindingKind.ENTITY, "PER", "entities.v1", normal="Сергей")], "d", "fixture",
        personal_data=True)
    return call


@pytest.fixture
def built(tmp_path):
    ws, ids = register_corpus.build(tmp_path / "ws", users=True)
    ids["pit"] = add_pit_call(ws)
    yield ws, ids
    ws.close()


def _timeline(ws, **options):
    kinds = options.pop("kinds", ("incident", "refusal", "punishment"))
    side = options.pop("side", "all")
    report = build_report(ws.store, ReportOptions(by="month", side="all", **options))
    return build_timeline(register.build_register(ws.store), report, kinds, side)


def test_events_in_date_order_with_place_kind_side_and_evidence(built):
    ws, ids = built
    timeline = _timeline(ws)
    assert timeline.counts == {"incident": 5, "refusal": 1, "punishment": 1}
    assert [(e.when, e.kind, e.side, e.people) for e in timeline.events] == [
        ("14 Jan 2023", "incident", "own", 3),
        ("15 Jan 2023", "incident", "enemy", 15),
        ("15 Jan 2023", "incident", "own", 3),
        ("17 Jan 2023", "incident", "own", 3),
        ("18 Jan 2023", "refusal", None, None),
        ("18 Jan 2023", "punishment", None, None),
        ("20 Jan 2023", "incident", "own", 4),
    ]
    punishment = next(e for e in timeline.events if e.kind == "punishment")
    assert punishment.places == ("Кременная",) and punishment.oblasts == ("Luhansk",)
    [evidence] = punishment.evidence
    assert evidence.url == f"/calls/{ids['pit']}?t=1.00#finding-{evidence.finding_id}"
    assert evidence.text == "в яму посадили, ██████ тоже там"  # masked as Trends masks it
    first = timeline.events[0]
    assert first.label == "двухсотые / 200s (killed)" and first.places == ("Кременная",)
    assert first.evidence[0].url.startswith(f"/calls/{ids['unit-kreminna']}?t=0.00#finding-")
    assert first.evidence[0].text == "трое двухсотых"


def test_merged_incident_is_one_event_with_every_call_as_evidence(built):
    ws, ids = built
    same = [register_corpus.casualty_id(ws, ids[k]) for k in ("unit-kreminna", "unit-rubizhne", "relayed")]
    register.decide_incidents(ws.store, {"action": "merge", "findings": same}, "anna")
    timeline = _timeline(ws, kinds=("incident",), side="own")
    assert [(e.when, e.people, e.status, len(e.evidence)) for e in timeline.events] == [
        ("14–17 Jan 2023", 3, "merged", 3), ("20 Jan 2023", 4, "single", 1)]
    assert {ev.call_id for ev in timeline.events[0].evidence} == {ids[k] for k in
                                                                  ("unit-kreminna", "unit-rubizhne", "relayed")}


def test_filters_and_pages(built):
    ws, _ = built
    luhansk = _timeline(ws, places=("Luhansk",))
    assert {e.key.split("-")[0] for e in luhansk.events} >= {"refusal", "punishment"}
    assert all("Luhansk" in e.oblasts or e.kind == "incident" for e in luhansk.events)
    assert luhansk.counts["incident"] == 3  # the Kharkiv relay and the Donetsk four are elsewhere
    from datetime import date

    late = _timeline(ws, date_from=date(2023, 1, 18))
    assert [e.kind for e in late.events] == ["refusal", "punishment", "incident"]
    paged = build_timeline(register.build_register(ws.store),
                           build_report(ws.store, ReportOptions(by="month", side="all")), per_page=3, page=3)
    assert (paged.page, paged.pages, paged.total, len(paged.events)) == (3, 3, 7, 1)
    with pytest.raises(ReportError):
        _timeline(ws, kinds=("parade",))


def test_timeline_page_and_its_json_twin(built):
    ws, ids = built
    anonymous = TestClient(create_app(ws))
    assert anonymous.get("/api/timeline").status_code == 401
    viewer = api_login(ws, "viewer")[0]
    data = viewer.get("/api/timeline").json()
    assert data["total"] == 7 and data["options"]["side"] == "all" and data["counts"]["refusal"] == 1
    assert "Серёга" not in str(data)
    only = viewer.get("/api/timeline", params={"kind": "refusal,punishment", "from": "2023-01-16"}).json()
    assert [e["kind"] for e in only["events"]] == ["refusal", "punishment"]
    enemy = viewer.get("/api/timeline", params={"kind": "incident", "side": "enemy"}).json()
    assert [(e["people"], e["side"]) for e in enemy["events"]] == [(15, "enemy")]
    assert viewer.get("/api/timeline", params={"side": "ours"}).status_code == 400
    assert viewer.get("/api/timeline", params={"kind": "parade"}).status_code == 400
    assert viewer.get("/api/timeline", params={"page": "0"}).status_code == 400

    page = viewer.get("/timeline")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    html = page.text
    assert '<a href="/timeline">Timeline</a>' in html
    assert "<h2>18 Jan 2023</h2>" in html and 'id="event-punishment-' in html
    assert f'href="/calls/{ids["pit"]}?t=1.00#finding-' in html
    assert "Серёга" not in html and "██████" in html
    analyst = api_login(ws, "analyst")[0].get("/api/timeline", params={"kind": "punishment"}).json()
    assert analyst["events"][0]["evidence"][0]["text"] == "в яму посадили, Серёга тоже там"
