"""``overheard search``: find words, numbers and codes in current transcripts, one query or a batch of them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from overheard.cli.common import FormatOption, WorkspaceOption, check_format, console, open_workspace, print_json

if TYPE_CHECKING:  # the command imports its libraries when it runs, not when the CLI starts
    from overheard.annotate.lexicon import Lexicon
    from overheard.search import SearchOptions
    from overheard.store import Store


def register(app: typer.Typer) -> None:
    """Add the search command to the app."""
    app.command("search")(search)


def search(
    query: Annotated[str | None, typer.Argument(help='Words, numbers, "quoted phrases" and -excluded words.')] = None,
    workspace: WorkspaceOption = None,
    call: Annotated[str | None, typer.Option("--call", help="Only this call (key or id).")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Only transcripts in this language: ru or uk.")] = None,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Only segments of this speaker label.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD (inclusive).")] = None,
    oblast: Annotated[str | None, typer.Option("--oblast", help="Only calls of this oblast.")] = None,
    category: Annotated[str | None, typer.Option("--category", help="Only calls with a casualty finding of this "
                                                 "category: killed, wounded, refused, missing, captured, "
                                                 "deserted.")] = None,
    side: Annotated[str | None, typer.Option("--side", help="... of this side: own, enemy or unknown.")] = None,
    status: Annotated[str | None, typer.Option("--status", help="Only calls of this review status: new, "
                                               "in_review, verified.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most this many segments (default 50; "
                                              "per query with --batch, default 20).")] = None,
    batch: Annotated[Path | None, typer.Option("--batch", help="Run every query of this file (one per line, or a "
                                               "CSV with a 'query' column) and write hits per query as CSV.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="With --batch: write the CSV here (default: stdout).")
                   ] = None,
    redacted: Annotated[bool, typer.Option("--redacted", help="Mask what a viewer may not see (names, phones, call "
                                           "signs, units, unchecked segments) in snippets, and ignore matches "
                                           "inside it.")] = False,
    fmt: FormatOption = "text",
) -> None:
    """Search the current transcript of every call; each word also finds every form of its lemma.

    «двухсотый» finds «двухсотых», ё and е match both ways; "quoted phrases" need the words in a row,
    -word drops calls that contain it. Codes and their words find each other through the annotators'
    findings (200, груз 200, двухсотые), and so do English glosses and categories (killed, KIA, wounded).
    Snippets show the original text (analyst's tool) unless --redacted.
    """
    from overheard.annotate.lexicon import load_lexicon
    from overheard.search import SearchError, options_from
    from overheard.search import search as run_search

    check_format(fmt)
    if (query is None) == (batch is None):
        raise SearchError("give a query or --batch FILE (not both)")
    filters = {"call": call, "lang": lang, "speaker": speaker, "date_from": date_from, "date_to": date_to,
               "oblast": oblast, "category": category, "side": side, "status": status}
    options = options_from(filters, limit=limit or 50, masked=redacted)
    ws = open_workspace(workspace)
    try:
        lexicon = load_lexicon(ws.root)
        if batch is not None:
            _batch(ws.store, batch, out, options, lexicon, limit)
            return
        result = run_search(ws.store, query or "", options, lexicon=lexicon)
    finally:
        ws.close()
    if fmt == "json":
        print_json(result.as_dict())
        return
    _print_table(result, options.limit)


def _batch(store: Store, path: Path, out: Path | None, options: SearchOptions, lexicon: Lexicon,
           hits: int | None) -> None:
    """Read the list, run it, write the CSV; the summary on stderr names no query."""
    from overheard.errors import InputFileError
    from overheard.search import HITS_PER_QUERY, batch_csv, batch_search, read_queries

    try:
        data = path.read_bytes()
    except OSError:
        raise InputFileError(f"cannot read the batch file {path.name}") from None
    queries = read_queries(data)
    result = batch_search(store, queries, options, lexicon=lexicon, hits_per_query=hits or HITS_PER_QUERY)
    text = batch_csv(result)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
    errors = sum(1 for item in result.items if item.error)
    with_hits = sum(1 for item in result.items if item.result and item.result.hits)
    typer.echo(f"{len(queries)} queries, {with_hits} with hits, {result.hits} hit rows, {errors} errors"
               + (f"; CSV in {out}" if out else ""), err=True)


def _print_table(result, limit: int) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"{len(result.hits)} segments in {result.calls} calls", title_justify="left")
    for column in ("call", "date", "seg", "speaker", "time", "text"):
        table.add_column(column, overflow="fold")
    for hit in result.hits:
        text = "".join(f"[bold reverse]{escape(part)}[/]" if match else escape(part)
                       for part, match in hit.snippet_parts)
        if hit.expansions:
            text += "  [dim](" + escape("; ".join(hit.expansions)) + ")[/]"
        seconds = "" if hit.seconds is None else f"{int(hit.seconds // 60)}:{hit.seconds % 60:04.1f}"
        table.add_row(f"{hit.call_key} ({hit.call_id})", (hit.recorded_at or "")[:10], str(hit.segment),
                      hit.speaker or "", seconds, text)
    console.print(table)
    for item in result.expanded:
        console.print(f"{escape(item['term'])} also stands for: {escape('; '.join(item['to']))}")
    if result.truncated:
        console.print(f"(more results: raise --limit above {limit})")
