"""``overheard series``: external series (court cases, announced losses) to set the trends against."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from overheard.cli.common import (
    ActorOption,
    FormatOption,
    WorkspaceOption,
    check_format,
    console,
    open_workspace,
    print_json,
)

series_app = typer.Typer(help="External series set beside the trend plots and tables, each cited by its source.",
                         no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add the ``series`` command group to the app."""
    app.add_typer(series_app, name="series")
    series_app.command("import")(import_series)
    series_app.command("list")(list_series)


def import_series(
    file: Annotated[Path, typer.Argument(help="CSV: date or period, place (optional), value, label, source, notes.")],
    replace: Annotated[bool, typer.Option("--replace", help="Replace a series already imported with other "
                                          "values.")] = False,
    workspace: WorkspaceOption = None,
    actor: ActorOption = None,
) -> None:
    """Import the series in a CSV file (all rows checked first; the same file again changes nothing; audited)."""
    from overheard.register.series import import_series_file
    from overheard.store.audit import default_actor

    ws = open_workspace(workspace)
    try:
        results = import_series_file(ws.store, file, actor or default_actor(), replace=replace)
    finally:
        ws.close()
    for result in results:
        typer.echo(f"{result.status}: {result.label} ({result.points} values)")


def list_series(workspace: WorkspaceOption = None, fmt: FormatOption = "text") -> None:
    """List imported series: label, source, values, the days they cover, places, who imported them and when."""
    check_format(fmt)
    ws = open_workspace(workspace)
    try:
        found = ws.store.external_series()
    finally:
        ws.close()
    if fmt == "json":
        print_json([{"label": s.label, "source": s.source, "notes": s.notes, "sha256": s.sha256,
                     "imported_at": s.imported_at.isoformat(timespec="seconds"), "actor": s.actor,
                     "points": [{"start": p.start.isoformat(), "end": p.end.isoformat(), "value": p.value,
                                 "place": p.place, "notes": p.notes} for p in s.points]} for s in found])
        return
    if not found:
        console.print("no external series; import one with 'overheard series import FILE.csv'")
        return
    for s in found:
        first = min((p.start for p in s.points), default=None)
        last = max((p.end for p in s.points), default=None)
        places = sorted({p.place for p in s.points if p.place})
        console.print(f"{s.label}: {len(s.points)} values, {first}..{last}"
                      + (f", places: {', '.join(places)}" if places else ", no place (national)")
                      + f"; imported {s.imported_at:%Y-%m-%d %H:%M} by {s.actor}")
        console.print(f"  source: {s.source}", style="dim")
