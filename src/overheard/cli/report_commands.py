"""``overheard report``: trends of casualty mentions and themes, with the evidence behind each number."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from overheard.cli.common import FormatOption, WorkspaceOption, check_format, console, open_workspace, print_json


def register(app: typer.Typer) -> None:
    """Add the report command to the app."""
    app.command("report")(report)


def report(
    workspace: WorkspaceOption = None,
    by: Annotated[str, typer.Option("--by", help="Period: day, week or month.")] = "week",
    date_from: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD (undated calls stay).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD.")] = None,
    place: Annotated[list[str] | None, typer.Option("--place", help="Oblast or settlement (repeatable).")] = None,
    fmt: FormatOption = "text",
    plots: Annotated[Path | None, typer.Option("--plots", help="Write PNG and linked SVG plots into this folder.")]
    = None,
    base_url: Annotated[str, typer.Option("--base-url", help="Where 'overheard serve' runs, for the SVG links.")]
    = "http://127.0.0.1:8000",
    include_people: Annotated[bool, typer.Option("--include-people", help="Do not mask names, phones and call "
                                                 "signs in the evidence text (JSON).")] = False,
    side: Annotated[str, typer.Option("--side", help="Whose casualties to count: own (default), enemy, unknown "
                                      "or all.")] = "own",
) -> None:
    """Casualties by code and period and oblast, themes by period; every number traceable to its findings.

    Counts come from the current transcript of each call; rejected findings are left out,
    unreviewed ones are counted and tallied apart. Casualties count the own side by default
    (--side): unknown-side mentions are tallied beside, the enemy's apart. Imported external
    series (overheard series import) stand beside the casualties and on the plots. --format json gives each number's
    evidence (call, finding id, span, seconds, producer, score); --format csv only numbers.
    """
    from overheard.report.formats import LEGEND, report_csv, report_json, report_tables, series_notes
    from overheard.report.trends import ReportOptions, build_report, parse_day

    check_format(fmt, ("text", "json", "csv"))
    options = ReportOptions(by=by, date_from=parse_day(date_from, "--from"), date_to=parse_day(date_to, "--to"),
                            places=tuple(place or ()), include_people=include_people, side=side)
    from overheard.register import build_register
    from overheard.register.exports import RANGE_NOTE, SIDE_NOTE, range_text

    ws = open_workspace(workspace)
    try:
        built = build_report(ws.store, options)
        register = build_register(ws.store)
    finally:
        ws.close()
    if plots is not None:
        from overheard.report.plots import cell_link, write_plots

        root = base_url.rstrip("/")
        written = write_plots(built, plots, lambda cell: root + cell_link(built, cell))
        typer.echo(f"wrote {len(written)} plot files to {plots}", err=True)
    if fmt == "json":
        print_json(report_json(built) | {"register": {
            "side": side, "totals": [t.as_dict() for t in register.totals(side)], "sides": register.side_tally(),
            "note": SIDE_NOTE.format(side=side) + " " + RANGE_NOTE}})
    elif fmt == "csv":
        sys.stdout.write(report_csv(built))
    else:
        for table in report_tables(built):
            console.print(table)
        undated = sum(1 for c in built.calls if c.day is None)
        console.print(f"{len(built.calls)} calls counted ({undated} undated); excluded: "
                      + (", ".join(f"{k} {v}" for k, v in sorted(built.excluded.items())) or "none"))
        console.print(built.side_note)
        console.print("by side (mentions / people stated): " + ", ".join(
            f"{s} {v['mentions']} / {v['people']}" + ("" if v["counted"] else " (not in the tables)")
            for s, v in built.sides.items()))
        for line in series_notes(built):
            console.print(line)
        console.print(LEGEND, style="dim")
        for t in register.totals(side):  # the register: the same losses told twice counted once
            console.print(f"register, {t.category} ({side}): {range_text(t.people_low, t.people_high)} people in "
                          f"{range_text(t.incidents_low, t.incidents_high)} incidents from {t.mentions} mentions; "
                          f"{t.unreviewed} unreviewed (overheard incidents)")
        console.print(SIDE_NOTE.format(side=side), style="dim")
