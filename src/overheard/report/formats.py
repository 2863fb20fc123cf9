"""A report as text tables (rich), JSON with evidence, or CSV without personal data.

The CSV carries numbers, codes, periods and oblasts only: no call keys, no text, no
settlement names from the transcripts, no producer explanations; it is what can leave the
newsroom. The JSON carries every cell's evidence (text masked over personal entities unless
the report was built with people).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from rich.table import Table

from overheard.report.series import number_text
from overheard.report.trends import ALL, Cell, Report, code_for, label_for

CSV_FIELDS = ("table", "period", "period_start", "oblast", "key", "code", "value", "mentions", "total", "exact_total",
              "approximate", "vague", "bare", "accepted", "unreviewed", "calls", "side", "span_start", "span_end",
              "source")


def report_json(report: Report, evidence: bool = True) -> dict[str, Any]:
    """The report as JSON-ready data (each cell with its evidence list)."""
    return report.as_dict(evidence=evidence)


def report_csv(report: Report) -> str:
    """One row per non-empty cell: counts, codes, periods and oblasts only (no text, no names, no call ids).

    Casualty rows say which side they count (``side``); then one ``series`` row per value of each external
    series, in the period it sits in, with its own span and its source.
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for cell in report.cells:
        if not cell.mentions:
            continue
        writer.writerow({
            "table": cell.table,
            "period": "" if cell.period == ALL else cell.period,
            "period_start": report.period_starts.get(cell.period, ""),
            "oblast": "" if cell.place == ALL else cell.place,
            "key": cell.key,
            "code": (code_for(cell.key) or "") if cell.table != "themes" else "",
            "value": cell.value, "mentions": cell.mentions, "total": cell.total, "exact_total": cell.exact_total,
            "approximate": cell.approximate, "vague": cell.vague, "bare": cell.bare, "accepted": cell.accepted,
            "unreviewed": cell.unreviewed, "calls": cell.calls,
            "side": report.options.side if cell.table != "themes" else "",
        })
    for view in report.series:
        for value in view.values:
            writer.writerow({"table": "series", "period": value.period,
                             "period_start": report.period_starts.get(value.period, ""), "oblast": value.place or "",
                             "key": view.label, "value": number_text(value.value),
                             "span_start": value.start.isoformat(), "span_end": value.end.isoformat(),
                             "source": view.source})
    return out.getvalue()


def cell_text(cell: Cell | None) -> str:
    """A casualty cell as "12 (+2~ 1?)": stated total, then approximate (~), vague (?) and bare (·) mentions."""
    if cell is None or not cell.mentions:
        return "·"
    if cell.table == "themes":
        return f"{cell.calls}" + (f" ({cell.mentions})" if cell.mentions != cell.calls else "")
    marks = [f"{n}{sign}" for n, sign in ((cell.approximate, "~"), (cell.vague, "?"), (cell.bare, "·")) if n]
    return f"{cell.total}" + (f" ({' '.join(marks)})" if marks else "")


def report_tables(report: Report) -> list[Table]:
    """Rich tables: casualties by period (external series beside), casualties by oblast, themes by period."""
    tables = []
    side = "every side" if report.options.side == ALL else f"{report.options.side} side"
    for name, title, rows, keys in (
        ("casualties", f"Casualties by {report.options.by} ({side})", report.periods, report.categories),
        ("places", "Casualties by oblast", report.oblasts, report.categories),
        ("themes", f"Themes by {report.options.by} (calls)", report.periods, report.themes),
    ):
        grid = report.grid(name)
        table = Table(title=title, title_justify="left")
        table.add_column("oblast" if name == "places" else report.options.by)
        for key in keys:
            table.add_column(grid_label(name, key), justify="right")
        beside = report.series if name != "places" else ()
        for view in beside:
            table.add_column(f"{view.label}\n(external)", justify="right", style="magenta")
        for row in rows:
            if name == "places" and not any((row, key) in grid for key in keys):
                continue
            head = row if name == "places" else period_head(report, row)
            table.add_row(head, *(cell_text(grid.get((row, key))) for key in keys),
                          *(view.cell_text(row) for view in beside))
        tables.append(table)
    return tables


def period_head(report: Report, period: str) -> str:
    """A table row's head: calendar dates, with the ISO week key after a week ("2–8 Jan 2023 (2023-W01)")."""
    label = report.period_label(period)
    return f"{label} ({period})" if report.options.by == "week" and label != period else label


def series_notes(report: Report) -> list[str]:
    """One line per external series: its citation, and how many of its values lie outside this report."""
    return [f"External: {view.citation}" + (f" ({view.outside} values outside these dates or places)"
                                             if view.outside else "") for view in report.series]


def grid_label(table: str, key: str) -> str:
    """A short column header: the term and gloss on two lines."""
    return label_for("themes" if table == "themes" else "casualties", key).replace(" / ", "\n")


LEGEND = ("External series (right of the casualty columns, right axis on the plots) sit in the row where their "
          "span starts; a value covering more than the row shows its span in brackets. "
          "Numbers are people stated in the calls (exact numbers plus the lower bound of approximate ones); "
          "in brackets: N~ mentions with an approximate number, N? vague quantities ('много'), N· mentions with no "
          "number. Themes: calls with the theme (utterances). Rejected findings are left out; unreviewed ones count. "
          "Evidence: --format json, or /trends.")
