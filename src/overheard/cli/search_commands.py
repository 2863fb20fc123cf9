"""``overheard search``: find words in any of their forms (Russian and Ukrainian lemmas) in current transcripts."""

from __future__ import annotations

from typing import Annotated

import typer

from overheard.cli.common import FormatOption, WorkspaceOption, check_format, console, open_workspace, print_json


def register(app: typer.Typer) -> None:
    """Add the search command to the app."""
    app.command("search")(search)


def search(
    query: Annotated[str, typer.Argument(help='Words, "quoted phrases" and -excluded words.')],
    workspace: WorkspaceOption = None,
    call: Annotated[str | None, typer.Option("--call", help="Only this call (key or id).")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Only transcripts in this language: ru or uk.")] = None,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Only segments of this speaker label.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD (inclusive).")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many segments.")] = 50,
    redacted: Annotated[bool, typer.Option("--redacted", help="Mask names, phones, call signs and units (from the "
                                           "entity findings) in snippets, and ignore matches inside them.")] = False,
    fmt: FormatOption = "text",
) -> None:
    """Search the current transcript of every call; each word also finds every form of its lemma.

    «двухсотый» finds «двухсотых», ё and е match both ways; "quoted phrases" need the words in a row,
    -word drops calls that contain it. Snippets show the original text (analyst's tool) unless --redacted.
    """
    from overheard.search import SearchError, SearchOptions, parse_day
    from overheard.search import search as run_search

    check_format(fmt)
    if lang is not None and lang not in ("ru", "uk"):
        raise SearchError("--lang must be ru or uk")
    options = SearchOptions(call=call, language=lang, speaker=speaker, date_from=parse_day(date_from, "--from"),
                            date_to=parse_day(date_to, "--to"), limit=limit, masked=redacted)
    ws = open_workspace(workspace)
    try:
        result = run_search(ws.store, query, options)
    finally:
        ws.close()
    if fmt == "json":
        print_json(result.as_dict())
        return
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"{len(result.hits)} segments in {result.calls} calls", title_justify="left")
    for column in ("call", "date", "seg", "speaker", "time", "text"):
        table.add_column(column, overflow="fold")
    for hit in result.hits:
        text = "".join(f"[bold reverse]{escape(part)}[/]" if match else escape(part)
                       for part, match in hit.snippet_parts)
        seconds = "" if hit.seconds is None else f"{int(hit.seconds // 60)}:{hit.seconds % 60:04.1f}"
        table.add_row(f"{hit.call_key} ({hit.call_id})", (hit.recorded_at or "")[:10], str(hit.segment),
                      hit.speaker or "", seconds, text)
    console.print(table)
    if result.truncated:
        console.print(f"(more results: raise --limit above {limit})")
