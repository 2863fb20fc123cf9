"""Trend reports on a workspace built from fixed fictional transcripts with known answers.

The calls go through the real annotators, the real review actions and the real CLI; the
expected numbers are worked out by hand from ANNOTATION.md.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import pytest
from helpers import run_cli

from overheard import review
from overheard.jobs.annotate import annotate_workspace
from overheard.model import CallMetadata, FindingKind, Participant, Segment, Transcript, TranscriptSource
from overheard.report.formats import report_csv
from overheard.report.plots import casualties_figure, svg_text, write_plots
from overheard.report.trends import (
    UNDATED,
    ReportError,
    ReportOptions,
    build_report,
    label_for,
    normalise_oblast,
    oblast_of_settlement,
    parse_day,
    period_of,
    periods_between,
)
from overheard.workspace import Workspace

ACTOR = "tester"
NAMES = ("Серёга", "Серега", "Петренко", "Иван")

# key: (recorded_at, oblast, place, [(speaker, start, end, text)], participant name)
CALLS = {
    "w1-donetsk": (datetime(2023, 1, 2, 10, 0), "Donetsk", "Бахмут",
                   [("A", 0.0, 2.0, "Привет, мам."),
                    ("A", 2.5, 7.0, "Серёга, у нас двое двухсотых и трое трёхсотых.")], "Иван Петренко"),
    "w1-luhansk": (datetime(2023, 1, 4, 21, 30), "Luhansk", "Кременная",
                   [("A", None, None, "Вчера пятеро двухсотых. Хочу домой, не могу больше.")], None),
    "w2-versions": (datetime(2023, 1, 10, 9, 0), "Donetsk", "Донецк",
                    [("A", 0.0, 3.0, "Тут шесть двухсотых."), ("B", 3.0, 4.0, "Как дела?")], None),
    "w2-reviewed": (datetime(2023, 1, 12, 18, 0), "Luhansk", "Сватово",
                    [("A", 0.0, 4.0, "Было двое двухсотых."), ("A", 4.0, 8.0, "И трое трёхсотых.")], None),
    "no-date": (None, None, None, [("A", 1.0, 3.0, "Под Бахмутом много двухсотых.")], None),
}


def _build(root) -> tuple[Workspace, dict[str, int]]:
    ws = Workspace.create(root)
    store = ws.store
    ids = {}
    for key, (when, oblast, place, lines, name) in CALLS.items():
        participants = (Participant(label="A", role="soldier", name=name),) if name else ()
        ids[key] = store.add_call(key, ACTOR, CallMetadata(recorded_at=when, oblast=oblast, place=place, language="ru",
                                                           participants=participants), reason="test").id
        segments = tuple(Segment(text=text, speaker=speaker, start=start, end=end)
                         for speaker, start, end, text in lines)
        store.add_transcript(ids[key], Transcript(segments=segments, language="ru", source=TranscriptSource.IMPORTED),
                             actor=ACTOR)
    summary = annotate_workspace(ws, ACTOR)
    assert not summary.errors

    # A person corrects the text of one call: a new reviewed version becomes current.
    review.correct_transcript(store, ids["w2-versions"], {0: "Тут четверо двухсотых и человек сорок трёхсотых."}, ACTOR)
    annotate_workspace(ws, ACTOR)
    # In another call a reviewer rejects the killed mention and corrects the wounded count from 3 to 5.
    reviewed = {f.finding.label: f for f in store.findings(call_ref=ids["w2-reviewed"], kind=FindingKind.CASUALTY)}
    review.decide(store, reviewed["killed"].id, "reject", ACTOR)
    review.correct(store, reviewed["wounded"].id, {"count": "5"}, ACTOR)
    # And accepts the first call's killed mention, and marks a theme over an utterance that names someone.
    first = {f.finding.label: f for f in store.findings(call_ref=ids["w1-donetsk"], kind=FindingKind.CASUALTY)}
    review.decide(store, first["killed"].id, "accept", ACTOR)
    text = store.current_transcript(ids["w1-donetsk"]).text
    start = text.index("Серёга")
    review.add_missed(store, ids["w1-donetsk"], {"kind": "theme", "label": "casualty_report", "start": start,
                                                  "end": start + len("Серёга, у нас двое двухсотых")}, ACTOR)
    return ws, ids


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    ws, ids = _build(tmp_path_factory.mktemp("report") / "ws")
    yield ws, ids
    ws.close()


@pytest.fixture(scope="module")
def weekly(built):
    return build_report(built[0].store, ReportOptions(by="week", side="all"))  # every mention, whatever its side


def test_casualties_by_week_have_the_known_totals(weekly):
    grid = weekly.grid("casualties")
    assert weekly.periods == ("2023-W01", "2023-W02", UNDATED)
    assert grid[("2023-W01", "killed")].total == 7  # двое + пятеро
    assert grid[("2023-W01", "wounded")].total == 3
    assert grid[("2023-W01", "killed")].calls == 2
    # W02: the reviewed version's "четверо" (not the older "шесть"), the rejected "двое" left out
    assert grid[("2023-W02", "killed")].total == 4
    assert grid[("2023-W02", "killed")].mentions == 1
    # "человек сорок" (approximate 40) + the corrected 5 (instead of the machine's 3)
    wounded = grid[("2023-W02", "wounded")]
    assert (wounded.total, wounded.exact_total, wounded.approximate, wounded.mentions) == (45, 5, 1, 2)
    assert wounded.accepted == 1 and wounded.unreviewed == 1


def test_undated_calls_get_their_own_bucket(weekly):
    undated = weekly.grid("casualties")[(UNDATED, "killed")]
    assert (undated.total, undated.vague, undated.mentions) == (0, 1, 1)
    assert undated.evidence[0].call_key == "no-date"
    assert sum(1 for c in weekly.calls if c.day is None) == 1


def test_review_decisions_are_followed(weekly):
    everything = [e for cell in weekly.cells for e in cell.evidence]
    statuses = {e.review_status for e in everything}
    assert statuses <= {"pending", "accepted"}
    killed_w1 = weekly.grid("casualties")[("2023-W01", "killed")]
    assert (killed_w1.accepted, killed_w1.unreviewed) == (1, 1)
    assert weekly.excluded["rejected"] == 1 and weekly.excluded["corrected"] == 1
    corrected = [e for e in weekly.grid("casualties")[("2023-W02", "wounded")].evidence if e.origin == "human"]
    assert corrected[0].count == 5 and corrected[0].producer == review.REVIEW_PRODUCER


def test_every_evidence_item_points_into_text_and_audio(built, weekly):
    store = built[0].store
    for cell in weekly.cells:
        for item in cell.evidence:
            text = store.current_transcript(item.call_id).text
            assert len(text[item.start:item.end]) == len(item.text)
            assert item.producer and 0 < item.score <= 1
            assert item.url.startswith(f"/calls/{item.call_id}")
    first = weekly.grid("casualties")[("2023-W01", "killed")].evidence
    timed = next(e for e in first if e.call_key == "w1-donetsk")
    assert timed.time_start == 2.5 and timed.time_end == 7.0  # the segment's times (no word timings)
    assert timed.url == f"/calls/{timed.call_id}?t=2.50#finding-{timed.finding_id}"
    assert timed.rule == "cas.200"
    untimed = next(e for e in first if e.call_key == "w1-luhansk")
    assert untimed.time_start is None and "?t=" not in untimed.url


def test_places_from_metadata_or_the_places_annotator(weekly):
    places = weekly.grid("places")
    assert places[("Donetsk", "killed")].total == 2 + 4  # Бахмут, Донецк; the undated call adds a vague mention
    assert places[("Donetsk", "killed")].vague == 1
    assert places[("Luhansk", "killed")].total == 5
    undated = next(c for c in weekly.calls if c.key == "no-date")
    assert (undated.oblast, undated.place_source) == ("Donetsk", "places annotator")


def test_themes_by_week_and_the_period_sizes(built, weekly):
    themes = weekly.grid("themes")
    assert themes[("2023-W01", "wants_to_leave")].calls == 1
    assert themes[("2023-W01", "casualty_report")].calls == 2
    monthly = build_report(built[0].store, ReportOptions(by="month", side="all"))
    assert monthly.periods == ("2023-01", UNDATED)
    assert monthly.grid("casualties")[("2023-01", "killed")].total == 11
    daily = build_report(built[0].store, ReportOptions(by="day", side="all", date_from=parse_day("2023-01-03"),
                                                       date_to=parse_day("2023-01-10")))
    assert daily.periods[0] == "2023-01-03" and daily.periods[-2:] == ("2023-01-10", UNDATED)
    assert len(daily.periods) == 9  # every day shown, empty ones too, and the undated bucket kept
    assert daily.grid("casualties")[("2023-01-04", "killed")].total == 5
    assert daily.excluded["outside_dates"] == 2


def test_place_filter(built):
    luhansk = build_report(built[0].store, ReportOptions(places=("Луганская", "luhansk")))
    assert {c.oblast for c in luhansk.calls} == {"Luhansk"}
    by_settlement = build_report(built[0].store, ReportOptions(places=("бахмут",)))
    assert {c.key for c in by_settlement.calls} == {"w1-donetsk", "no-date"}  # the latter placed by the annotator


def test_names_are_masked_unless_asked(built, weekly):
    dumped = json.dumps(weekly.as_dict(), ensure_ascii=False)
    assert not any(name in dumped for name in NAMES)
    theme = next(e for e in weekly.grid("themes")[("2023-W01", "casualty_report")].evidence if e.origin == "human")
    assert theme.text == "██████, у нас двое двухсотых"
    people = build_report(built[0].store, ReportOptions(include_people=True, side="all"))
    assert "Серёга" in json.dumps(people.as_dict(), ensure_ascii=False)


def test_csv_has_numbers_codes_periods_and_oblasts_only(weekly):
    text = report_csv(weekly)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert not any(name in text for name in NAMES)
    assert not any(key in text for key in CALLS)  # no call keys
    assert "двухсот" not in text and "Бахмут" not in text
    killed = next(r for r in rows if r["table"] == "casualties" and r["period"] == "2023-W01" and r["key"] == "killed")
    assert (killed["code"], killed["total"], killed["period_start"]) == ("200", "7", "2023-01-02")
    assert {r["oblast"] for r in rows if r["table"] == "places"} == {"Donetsk", "Luhansk"}


def test_svg_bars_link_to_their_evidence(weekly, tmp_path):
    svg = svg_text(casualties_figure(weekly))
    cell = weekly.grid("casualties")[("2023-W01", "killed")]
    assert 'xlink:href="/trends?by=week&amp;side=all&amp;cell=casualties%7C2023-W01%7Call%7Ckilled#evidence"' in svg
    assert f'id="bar-{cell.id}"' in svg
    written = write_plots(weekly, tmp_path / "plots")
    assert sorted(p.name for p in written) == ["casualties.png", "casualties.svg", "themes.png", "themes.svg"]
    assert all(p.stat().st_size > 1000 for p in written)
    assert (tmp_path / "plots" / "casualties.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(("day", "by", "expected"), [
    ("2023-01-01", "week", "2022-W52"), ("2023-01-02", "week", "2023-W01"), ("2023-01-31", "month", "2023-01"),
    ("2024-02-29", "day", "2024-02-29"),
])
def test_period_keys(day, by, expected):
    assert period_of(parse_day(day), by) == expected


def test_periods_between_cover_gaps():
    keys = [k for k, _ in periods_between(parse_day("2023-11-15"), parse_day("2024-02-01"), "month")]
    assert keys == ["2023-11", "2023-12", "2024-01", "2024-02"]


def test_labels_and_bad_options():
    assert label_for("casualties", "killed") == "двухсотые / 200s (killed)"
    assert label_for("themes", "wants_to_leave") == "хочу домой / wants to leave"
    with pytest.raises(ReportError):
        ReportOptions(by="year")
    with pytest.raises(ReportError):
        parse_day("31.01.2023")


def test_cli_text_json_csv_and_plots(built, tmp_path):
    root = built[0].root
    text = run_cli("report", "--side", "all", workspace=root)
    assert text.returncode == 0, text.stderr
    assert "двухсотые" in text.stdout and "2023-W01" in text.stdout and "undated" in text.stdout
    assert "2–8 Jan 2023" in text.stdout  # calendar dates beside the ISO week
    assert not any(name in text.stdout for name in NAMES)
    data = json.loads(run_cli("report", "--by", "month", "--side", "all", "--format", "json", workspace=root).stdout)
    killed = next(c for c in data["tables"]["casualties"] if c["period"] == "2023-01" and c["key"] == "killed")
    assert killed["total"] == 11 and all(e["url"].startswith("/calls/") for e in killed["evidence"])
    out = run_cli("report", "--format", "csv", "--plots", str(tmp_path / "p"), "--base-url", "http://h:1",
                  workspace=root)
    assert out.returncode == 0 and out.stdout.startswith("table,period,")
    assert "http://h:1/trends?" in (tmp_path / "p" / "themes.svg").read_text(encoding="utf-8")
    bad = run_cli("report", "--by", "year", workspace=root)
    assert bad.returncode == 2 and "E025" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.parametrize(("name", "expected"), [
    ("Запорожская", "Zaporizhzhia"), ("Донецкая обл.", "Donetsk"), ("Луганська область", "Luhansk"),
    ("Luhansk", "Luhansk"), ("Тридевятая", "Тридевятая"),
])
def test_metadata_oblast_names_are_normalised(name, expected):
    assert normalise_oblast(name) == expected


def test_oblast_from_the_metadata_settlement():
    assert oblast_of_settlement("Сватово") == "Luhansk"
    assert oblast_of_settlement("Тридевятое царство") is None
