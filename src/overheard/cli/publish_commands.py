"""CLI commands of the publish area: the publication pack and the quote list."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from overheard.cli.common import ActorOption, FormatOption, WorkspaceOption, check_format, console, open_workspace
from overheard.cli.common import print_json as print_json_value


def register(app: typer.Typer) -> None:
    """Add ``publish`` and ``quotes`` to the app."""
    app.command("publish")(publish)
    app.command("quotes")(quotes)


def publish(
    items: Annotated[list[str], typer.Argument(help="Quotes as q12 (approved ones only) and calls by id or key.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="A new (or empty) folder for the pack.")],
    mode: Annotated[str, typer.Option("--mode", help="People, phones, call signs, units: pseudonym|label|mask.")]
    = "pseudonym",
    places: Annotated[str, typer.Option("--places", help="Places: keep|oblast|mask.")] = "keep",
    disguise: Annotated[bool, typer.Option("--disguise/--no-disguise", help="Shift the voices in the clips.")] = True,
    english: Annotated[bool, typer.Option("--english/--no-english", help="Add the English track.")] = True,
    call_clips: Annotated[bool, typer.Option("--call-clips", help="Also a bleeped clip of each whole call.")] = False,
    workspace: WorkspaceOption = None,
    actor: ActorOption = None,
) -> None:
    """Build a leak-checked publication pack of approved quotes and chosen calls (nothing written on a leak)."""
    from overheard.jobs.pack import PackRequestItems, build_pack
    from overheard.redact.operators import MODES, PLACE_MODES, Policy
    from overheard.store.audit import default_actor

    if mode not in MODES:
        raise typer.BadParameter(f"must be one of {', '.join(MODES)}", param_hint="--mode")
    if places not in PLACE_MODES:
        raise typer.BadParameter(f"must be one of {', '.join(PLACE_MODES)}", param_hint="--places")
    quote_ids = tuple(int(item[1:]) for item in items if item[:1].lower() == "q" and item[1:].isdigit())
    calls = tuple(int(item) if item.isdigit() else item for item in items
                  if not (item[:1].lower() == "q" and item[1:].isdigit()))
    ws = open_workspace(workspace)
    try:
        result = build_pack(ws, PackRequestItems(quote_ids, calls, disguise, Policy(mode, places), english,
                                                 call_clips), out, actor or default_actor())
    finally:
        ws.close()
    console.print(f"pack written to [bold]{escape(str(result.folder))}[/]: {result.quotes} quote(s), "
                  f"{result.calls} call(s), {len(result.files)} files, all passed the leak check "
                  f"(manifest sha256 {result.manifest_sha256[:12]}…)")


def quotes(
    status: Annotated[str | None, typer.Option("--status", help="draft, approved or published.")] = None,
    call: Annotated[str | None, typer.Option("--call", help="One call's quotes (id or key).")] = None,
    fmt: FormatOption = "text",
    workspace: WorkspaceOption = None,
) -> None:
    """List quotes (they hold the original words: a workspace owner's view)."""
    from overheard.review.quotes import quote_dict

    check_format(fmt)
    ws = open_workspace(workspace)
    try:
        listed = [quote_dict(q) for q in ws.store.quotes(call_ref=call, status=status)]
    finally:
        ws.close()
    if fmt == "json":
        print_json_value(listed)
        return
    for q in listed:
        when = f"{q['time_start']:.1f}s" if q["time_start"] is not None else "untimed"
        who = escape(q["speaker"] or "—")
        console.print(f"q{q['id']:<4} call {q['call_id']:<4} {when:>8}  {q['status']:<9} {who}: {escape(q['text'])}",
                      highlight=False)
