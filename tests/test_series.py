"""Trends in context: own casualties counted by default (and said), external series imported, set beside the
trend tables, overlaid on the plots with their source, and exported with the report.

The calls are tests/register_corpus.py's (January 2023: the same three own deaths told three times, four more
own dead, fifteen enemy dead); the series are written here, fictional.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
import register_corpus
from conftest import SAMPLES
from helpers import api_login, run_cli

from overheard.errors import ConflictError
from overheard.register.series import SeriesError, import_series_file, parse_period, parse_series, parse_value
from overheard.report.calendar import period_label, range_label, tick_labels
from overheard.report.formats import report_csv, report_tables
from overheard.report.plots import casualties_figure, svg_text, themes_figure
from overheard.report.trends import ReportError, ReportOptions, build_report

SOURCE = "Court records: fictional test data"
MONTHLY = f"""period,place,value,label,source,notes
2022-12,,30,Court cases (test),{SOURCE},
2023-01,,41,Court cases (test),{SOURCE},a busy month
2023-02,,38,Court cases (test),{SOURCE},
"""
WEEKLY = f"""date,period,place,value,label,source
,2023-W02,Luhansk,3,Luhansk cases (test),{SOURCE}
,2023-W03,Луганская,5,Luhansk cases (test),{SOURCE}
2023-01-17,,Donetsk,2,Luhansk cases (test),{SOURCE}
"""


@pytest.fixture
def ws(tmp_path):
    workspace, _ = register_corpus.build(tmp_path / "ws", users=True)
    yield workspace
    workspace.close()


def _write(tmp_path, text: str, name: str = "series.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---- side -------------------------------------------------------------------------------------------

def test_reports_count_own_losses_by_default_and_say_so(ws):
    own = build_report(ws.store, ReportOptions(by="week"))
    killed = {c.period: c.total for c in own.table("casualties") if c.key == "killed"}
    assert killed == {"2023-W02": 6, "2023-W03": 7}  # 3+3 ; 3+4 — the enemy's 15 are not in it
    assert {e.side for c in own.cells for e in c.evidence if c.table != "themes"} == {"own"}
    assert own.sides["enemy"] == {"mentions": 1, "people": 15, "categories": {"killed": 15}, "counted": False}
    assert own.sides["own"]["counted"] and own.sides["own"]["people"] == 13
    assert "Casualties counted: own" in own.side_note and "tallied beside" in own.side_note
    assert own.as_dict()["options"]["side"] == "own" and own.as_dict()["side_note"] == own.side_note

    enemy = build_report(ws.store, ReportOptions(by="week", side="enemy"))
    assert [(c.period, c.total) for c in enemy.table("casualties")] == [("2023-W02", 15), ("2023-W03", 0)]
    every = build_report(ws.store, ReportOptions(by="month", side="all"))
    assert every.grid("casualties")[("2023-01", "killed")].total == 13 + 15
    with pytest.raises(ReportError):
        ReportOptions(side="ours")


def test_csv_and_text_say_which_side_they_count(ws):
    report = build_report(ws.store, ReportOptions(by="week"))
    rows = list(csv.DictReader(io.StringIO(report_csv(report))))
    assert {r["side"] for r in rows if r["table"] in ("casualties", "places")} == {"own"}
    assert report_tables(report)[0].title == "Casualties by week (own side)"
    text = run_cli("report", workspace=ws.root)
    assert text.returncode == 0, text.stderr
    assert "Casualties counted: own" in text.stdout
    assert "enemy 1 / 15 (not in the tables)" in text.stdout
    assert "9–15 Jan 2023 (2023-W02)" in text.stdout  # calendar dates, the ISO week after them
    enemy = json.loads(run_cli("report", "--side", "enemy", "--format", "json", workspace=ws.root).stdout)
    assert enemy["options"]["side"] == "enemy" and enemy["register"]["side"] == "enemy"
    bad = run_cli("report", "--side", "ours", workspace=ws.root)
    assert bad.returncode == 2 and "E025" in bad.stderr and "--side" in bad.stderr


# ---- calendar dates ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("key", "by", "label"), [
    ("2023-W02", "week", "9–15 Jan 2023"), ("2023-W05", "week", "30 Jan–5 Feb 2023"),
    ("2022-W52", "week", "26 Dec 2022–1 Jan 2023"), ("2023-01", "month", "Jan 2023"),
    ("2023-01-09", "day", "9 Jan 2023"), ("undated", "week", "undated"),
])
def test_periods_read_as_calendar_dates(key, by, label):
    assert period_label(key, by) == label


def test_plot_ticks_carry_the_year_once_and_where_it_changes():
    assert tick_labels(["2022-W51", "2022-W52", "2023-W01", "2023-W02"], "week") == [
        "19–25 Dec 2022", "26 Dec 2022–1 Jan 2023", "2–8 Jan", "9–15 Jan"]
    assert tick_labels(["2022-12", "2023-01"], "month") == ["Dec 2022", "Jan 2023"]


# ---- reading a series file -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "first", "last"), [
    ("2023-01-09", date(2023, 1, 9), date(2023, 1, 9)),
    ("2023-W02", date(2023, 1, 9), date(2023, 1, 15)),
    ("2023-01", date(2023, 1, 1), date(2023, 1, 31)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2023-Q4", date(2023, 10, 1), date(2023, 12, 31)),
    ("2023", date(2023, 1, 1), date(2023, 12, 31)),
    ("2023-01-09..2023-01-22", date(2023, 1, 9), date(2023, 1, 22)),
])
def test_periods_a_series_may_use(text, first, last):
    assert parse_period(text) == (first, last)
    assert range_label(first, last)  # every one reads as dates too


@pytest.mark.parametrize("text", ["2023-13", "2023-W54", "2023-Q5", "9.1.2023", "2023-01-22..2023-01-09", "soon"])
def test_periods_that_are_refused(text):
    with pytest.raises(SeriesError, match="is not a day"):
        parse_period(text)


@pytest.mark.parametrize(("text", "value"), [("41", 41.0), ("12.5", 12.5), ("12,5", 12.5), ("1 234", 1234.0),
                                             ("-3", -3.0)])
def test_values_as_spreadsheets_write_them(text, value):
    assert parse_value(text) == value


@pytest.mark.parametrize("text", ["many", "1,234.5", "nan", "inf", "12 cases"])
def test_values_that_are_refused(text):
    with pytest.raises(SeriesError):
        parse_value(text)


def test_bad_rows_are_named_by_line_and_nothing_is_imported(ws, tmp_path):
    bad = _write(tmp_path, f"""period,date,value,label,source,notes
2023-01,,41,Cases,{SOURCE},
2023-13,,5,Cases,{SOURCE},
,2023-01-05,many,Cases,{SOURCE},
2023-02,2023-02-01,3,Cases,{SOURCE},
2023-03,,3,,{SOURCE},
2023-04,,3,Cases,,
2023-05,,3,Cases,Another source,
2023-01-10..2023-01-12,,3,Cases,{SOURCE},
""")
    with pytest.raises(SeriesError) as caught:
        import_series_file(ws.store, bad, "anna")
    message = caught.value.message
    assert "\n" not in message and message.startswith("series.csv: nothing imported, 7 bad rows: ")
    assert "line 3: period '2023-13' is not a day" in message
    assert "line 4: value 'many' is not a number" in message
    assert "line 5: fill exactly one of date and period" in message
    assert "line 6: label is empty" in message and "line 7: source is empty" in message
    assert "(and 2 more)" in message
    assert ws.store.external_series() == []
    with pytest.raises(SeriesError, match=r"line 3: 'Cases' already has a value for these days \(line 2\)"):
        parse_series(f"period,value,label,source\n2023-01,1,Cases,{SOURCE}\n2023-01-10..2023-01-12,3,Cases,{SOURCE}\n")
    # the same days at two places are two values, not a double count
    assert len(parse_series(f"period,place,value,label,source\n2023-01,Luhansk,1,Cases,{SOURCE}\n"
                            f"2023-01,Donetsk,2,Cases,{SOURCE}\n")[0].points) == 2


@pytest.mark.parametrize(("header", "expected"), [
    ("when,value,label,source", "unknown column 'when'"),
    ("period,label,source", "missing column value"),
    ("value,label,source", "missing column date or period"),
    ("", "empty file"),
])
def test_bad_headers_say_what_the_columns_are(header, expected):
    with pytest.raises(SeriesError, match=expected):
        parse_series(header + "\n")


def test_import_is_idempotent_audited_and_replaces_only_when_asked(ws, tmp_path):
    path = _write(tmp_path, MONTHLY)
    first = run_cli("series", "import", str(path), "--actor", "anna", workspace=ws.root)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "imported: Court cases (test) (3 values)"
    again = run_cli("series", "import", str(path), workspace=ws.root)
    assert again.stdout.strip() == "unchanged: Court cases (test) (3 values)"
    imports = [e for e in ws.store.audit_entries() if e.action == "series.import"]
    assert len(imports) == 1 and imports[0].actor == "anna"

    changed = _write(tmp_path, MONTHLY.replace(",41,", ",44,"), "changed.csv")
    refused = run_cli("series", "import", str(changed), workspace=ws.root)
    assert refused.returncode != 0 and "E018" in refused.stderr and "--replace" in refused.stderr
    assert "Traceback" not in refused.stderr
    with pytest.raises(ConflictError):
        import_series_file(ws.store, changed, "anna")
    replaced = run_cli("series", "import", str(changed), "--replace", workspace=ws.root)
    assert replaced.stdout.strip() == "replaced: Court cases (test) (3 values)"
    [series] = ws.store.external_series()
    assert [p.value for p in series.points] == [30, 44, 38] and series.points[1].notes == "a busy month"
    assert len([e for e in ws.store.audit_entries() if e.action == "series.import"]) == 2
    assert ws.store.verify_audit() == []

    bad = run_cli("series", "import", str(_write(tmp_path, "period,value\n2023-01,x\n", "bad.csv")),
                  workspace=ws.root)
    assert bad.returncode != 0 and "E046" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1


def test_series_list(ws, tmp_path):
    empty = run_cli("series", "list", workspace=ws.root)
    assert "no external series" in empty.stdout
    run_cli("series", "import", str(_write(tmp_path, MONTHLY)), workspace=ws.root)
    listed = run_cli("series", "list", workspace=ws.root)
    assert "Court cases (test): 3 values, 2022-12-01..2023-02-28, no place (national)" in listed.stdout
    assert SOURCE in listed.stdout
    data = json.loads(run_cli("series", "list", "--format", "json", workspace=ws.root).stdout)
    assert data[0]["source"] == SOURCE and data[0]["points"][1] == {
        "start": "2023-01-01", "end": "2023-01-31", "value": 41.0, "place": None, "notes": "a busy month"}


def test_the_fictional_sample_series_imports_and_says_it_is_fictional(ws):
    [result] = import_series_file(ws.store, SAMPLES / "series-court-cases-refusers.csv", "demo")
    assert result.status == "imported" and result.points == 12
    [series] = ws.store.external_series()
    assert "FICTIONAL" in series.label and "not real" in series.source


# ---- set beside the trends -----------------------------------------------------------------------------

def test_a_series_sits_beside_the_periods_without_being_spread(ws, tmp_path):
    import_series_file(ws.store, _write(tmp_path, MONTHLY), "anna")
    import_series_file(ws.store, _write(tmp_path, WEEKLY, "weekly.csv"), "anna")
    weekly = build_report(ws.store, ReportOptions(by="week"))
    court, luhansk = weekly.series
    assert court.label == "Court cases (test)" and court.source == SOURCE
    # January's 41 sits in the first week on the axis and says it is a month's; December and February lie outside
    assert court.by_period() == {"2023-W02": 41}
    assert court.cell_text("2023-W02") == "41 (Jan 2023)" and court.cell_text("2023-W03") == "·"
    assert court.outside == 2
    # weekly values sit in their weeks; the Donetsk day sits in its week beside Luhansk's (no place filter)
    assert luhansk.by_period() == {"2023-W02": 3, "2023-W03": 7}
    assert luhansk.cell_text("2023-W03") == "7"

    # Luhansk's calls are all in the week of 9 Jan: its week 3 is outside the dates, Donetsk outside the place
    only_luhansk = build_report(ws.store, ReportOptions(by="week", places=("Луганская",)))
    assert only_luhansk.periods == ("2023-W02",)
    assert only_luhansk.series[1].by_period() == {"2023-W02": 3} and only_luhansk.series[1].outside == 2
    assert only_luhansk.series[0].by_period() == {"2023-W02": 41}  # a national figure stays

    monthly = build_report(ws.store, ReportOptions(by="month"))
    assert monthly.series[0].cell_text("2023-01") == "41" and monthly.series[0].outside == 2


def test_series_are_exported_with_the_report(ws, tmp_path):
    import_series_file(ws.store, _write(tmp_path, MONTHLY), "anna")
    report = build_report(ws.store, ReportOptions(by="month"))
    rows = [r for r in csv.DictReader(io.StringIO(report_csv(report))) if r["table"] == "series"]
    assert rows == [{"table": "series", "period": "2023-01", "period_start": "2023-01-01", "oblast": "",
                     "key": "Court cases (test)", "code": "", "value": "41", "mentions": "", "total": "",
                     "exact_total": "", "approximate": "", "vague": "", "bare": "", "accepted": "", "unreviewed": "",
                     "calls": "", "side": "", "span_start": "2023-01-01", "span_end": "2023-01-31", "source": SOURCE}]
    data = json.loads(run_cli("report", "--by", "month", "--format", "json", workspace=ws.root).stdout)
    [series] = data["series"]
    assert series["citation"].startswith("Court cases (test). Source: " + SOURCE)
    assert series["values"][0]["span"] == "Jan 2023" and series["by_period"] == {"2023-01": 41.0}
    text = run_cli("report", "--by", "month", workspace=ws.root).stdout
    assert "External: Court cases (test). Source: " + SOURCE in text


def test_plots_draw_the_series_on_a_second_axis(ws, tmp_path):
    import_series_file(ws.store, _write(tmp_path, MONTHLY), "anna")
    report = build_report(ws.store, ReportOptions(by="week"))
    figure = casualties_figure(report)
    assert len(figure.axes) == 2  # bars on the left axis, the series on the right
    right = figure.axes[1]
    assert right.get_ylabel() == "Court cases (test)"
    [line] = right.get_lines()
    assert list(line.get_ydata()) == [41, 41] and line.get_xdata()[0] == -0.5  # from the axis' start ...
    assert line.get_xdata()[1] == pytest.approx(1.5)  # ... to its end (January goes on past the last week)
    cited = [t.get_text() for t in figure.texts]
    assert f"Right axis: Court cases (test). Source: {SOURCE}" in cited
    assert [t.get_text() for t in figure.axes[0].get_xticklabels()] == ["9–15 Jan 2023", "16–22 Jan"]
    assert 'id="series-0"' in svg_text(figure)
    assert len(themes_figure(report).axes) == 2
    assert len(casualties_figure(build_report(ws.store, ReportOptions(by="week", date_to=date(2022, 11, 30),
                                                                         date_from=date(2022, 11, 1)))).axes) == 1


# ---- the web --------------------------------------------------------------------------------------------

def test_trends_page_and_api_count_own_by_default_and_show_the_series(ws, tmp_path):
    import_series_file(ws.store, _write(tmp_path, MONTHLY), "anna")
    client = api_login(ws, "viewer")[0]
    data = client.get("/api/trends").json()
    assert data["options"]["side"] == "own" and data["sides"]["enemy"]["people"] == 15
    assert sum(c["total"] for c in data["tables"]["casualties"]) == 13
    assert data["series"][0]["source"] == SOURCE and data["register"]["side"] == "own"
    assert data["period_labels"] == {"2023-W02": "9–15 Jan 2023", "2023-W03": "16–22 Jan 2023"}
    every = client.get("/api/trends", params={"side": "all"}).json()
    assert sum(c["total"] for c in every["tables"]["casualties"]) == 28
    assert client.get("/api/trends", params={"side": "ours"}).status_code == 400

    page = client.get("/trends")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    html = page.text
    assert "Casualties counted: own" in html and '<option value="own" selected>' in html
    assert f"Right axis: <b>Court cases (test)</b>. Source: {SOURCE}" in html
    assert html.count('class="series-cite"') == 2  # under both plots
    assert '<td class="series">41 (Jan 2023)</td>' in html
    assert "9–15 Jan 2023 <small class=\"period-key\">2023-W02</small>" in html
    enemy = client.get("/trends", params={"side": "enemy"}).text
    assert '<option value="enemy" selected>' in enemy and "side=enemy&amp;cell=" in enemy
