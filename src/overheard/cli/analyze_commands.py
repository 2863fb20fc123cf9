"""CLI commands of the analyze area: ``analyze``, ``lexicon`` and ``annotate``."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from overheard.annotate.lexicon import CASUALTY_CATEGORIES, LexiconEntry, load_lexicon
from overheard.annotate.validate import problems as lexicon_problems
from overheard.cli.cluster_options import ClusterOption, RayAddressOption, cluster_options
from overheard.cli.common import ActorOption, WorkspaceOption
from overheard.errors import AnalysisInputError, LexiconError
from overheard.lexicons.loader import word_lists

lexicon_app = typer.Typer(help="List, search and validate the coded-term lexicon.", no_args_is_help=True)
console = Console()
err_console = Console(stderr=True)

LexiconOption = Annotated[
    Path | None,
    typer.Option("--lexicon", help="A lexicon.yaml (or a folder holding one) merged over the built-in; "
                 "default: the workspace's lexicon.yaml when -w is given."),
]


def register(app: typer.Typer) -> None:
    """Add this area's commands to ``app``."""
    app.command("analyze")(analyze)
    lexicon_app.command("list")(lexicon_list)
    lexicon_app.command("search")(lexicon_search)
    lexicon_app.command("validate")(lexicon_validate)
    app.add_typer(lexicon_app, name="lexicon")
    app.command("annotate")(annotate)


def annotate(
    workspace: WorkspaceOption = None,
    actor: ActorOption = None,
    force: Annotated[bool, typer.Option("--force", help="Re-run even where nothing changed.")] = False,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Processes working in parallel (--cluster ray: its CPUs).")
    ] = 1,
    cluster: ClusterOption = None,
    ray_address: RayAddressOption = None,
) -> None:
    """Run the workspace pipeline over every current transcript; only what changed is re-annotated."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from overheard.jobs.annotate import annotate_workspace
    from overheard.store.audit import default_actor
    from overheard.workspace import Workspace, default_workspace_path

    options = cluster_options(cluster, ray_address, workers)
    ws = Workspace.open(workspace or default_workspace_path())
    progress = Progress(TextColumn("annotating"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err_console, transient=True, disable=not err_console.is_terminal)
    bar = progress.add_task("annotate", total=None)
    try:
        with progress:
            summary = annotate_workspace(ws, actor or default_actor(), force=force, cluster=options,
                                         progress=lambda done, total: progress.update(bar, completed=done, total=total))
    finally:
        ws.close()
    console.print(f"pipeline: {', '.join(summary.pipeline)}; lexicon {summary.lexicon_digest[:12]}")
    console.print(f"{summary.transcripts} transcripts: {summary.annotated} annotator runs, "
                  f"{summary.skipped} unchanged and skipped; {summary.indexed} added to the search index")
    if options.backend != "local" and summary.executors:
        nodes = {where.get("node", "?") for where in summary.executors}
        console.print(f"annotators ran on {options.describe()}: {len(nodes)} node(s)")
    for producer, count in sorted(summary.findings.items()):
        console.print(f"  {producer}: {count} findings stored")
    for error in summary.errors:
        err_console.print(f"error: {escape(error)}", highlight=False, soft_wrap=True)
    if summary.errors:
        raise typer.Exit(1)


def _lexicon_source(lexicon: Path | None) -> Path | None:
    """``--lexicon`` if given, else the workspace of ``-w``/$OVERHEARD_WORKSPACE (its lexicon.yaml), else none."""
    if lexicon is not None:
        return lexicon
    workspace = os.environ.get("OVERHEARD_WORKSPACE")
    if workspace and Path(workspace).is_dir():
        return Path(workspace)
    return None


def _read_bytes(source: str) -> bytes:
    if source == "-":
        return sys.stdin.buffer.read()
    path = Path(source)
    if not path.is_file():
        raise AnalysisInputError(f"input file {path.name} not found")
    return path.read_bytes()


def analyze(
    source: Annotated[str, typer.Argument(help="A text file, or - for standard input.")],
    lang: Annotated[str, typer.Option("--lang", help="ru, uk or auto.")] = "auto",
    fmt: Annotated[str, typer.Option("--format", "-f", help="json or text.")] = "json",
    jsonl: Annotated[bool, typer.Option("--jsonl", help='Input is JSON Lines {"id","text","lang"?}.')] = False,
    lexicon: LexiconOption = None,
    explain: Annotated[bool, typer.Option("--explain", help="Also list rejected casualty readings.")] = False,
) -> None:
    """Find coded terms, casualty mentions with counts, entities and themes in a text."""
    if lang not in ("ru", "uk", "auto"):
        raise typer.BadParameter("must be ru, uk or auto", param_hint="--lang")
    if fmt not in ("json", "text"):
        raise typer.BadParameter("must be json or text", param_hint="--format")
    if jsonl:
        _analyze_jsonl(source, lang, _lexicon_source(lexicon), explain)
        return
    from overheard.annotate.analysis import analyze_text, decode_input  # lazy: the casualty rules take a while to load

    data = _read_bytes(source)
    text = decode_input(data, "input")
    result = analyze_text(text, lang=lang, lexicon=_lexicon_source(lexicon), explain=explain)
    if fmt == "json":
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    else:
        render_text(text, result, console)


def _iter_lines(source: str):
    if source == "-":
        yield from sys.stdin.buffer
        return
    path = Path(source)
    if not path.is_file():
        raise AnalysisInputError(f"input file {path.name} not found")
    with path.open("rb") as handle:
        yield from handle


def _analyze_jsonl(source: str, lang: str, lexicon: Path | None, explain: bool) -> None:
    from overheard.annotate.analysis import analyze_jsonl

    failed = 0
    for result, error in analyze_jsonl(_iter_lines(source), lang=lang, lexicon=lexicon, explain=explain):
        if error:
            failed += 1
            err_console.print(f"error: {escape(error)}", highlight=False, soft_wrap=True)
        else:
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
            sys.stdout.flush()
    if failed:
        raise typer.Exit(1)


_STYLES = {"casualty": "bold white on red", "term": "bold yellow", "theme": "underline", "entity": "bold cyan"}


def render_text(text: str, result: dict, out: Console) -> None:
    """Print ``text`` with findings highlighted, then a glossed list of them (for people)."""
    rendered = Text(text)
    for theme in result["themes"]:
        rendered.stylize(_STYLES["theme"], theme["start"], theme["end"])
    for entity in result["entities"]:
        rendered.stylize(_STYLES["entity"], entity["start"], entity["end"])
    for term in result["terms"]:
        rendered.stylize(_STYLES["term"], term["start"], term["end"])
    for casualty in result["casualties"]:
        rendered.stylize(_STYLES["casualty"], casualty["start"], casualty["end"])
    out.print(f"[dim]language: {result['language']}[/]")
    out.print(rendered)
    if result["casualties"]:
        table = Table(title="casualty mentions", show_lines=False)
        for column in ("category", "count", "approx.", "text", "why"):
            table.add_column(column)
        for c in result["casualties"]:
            count = "?" if c["count"] is None else str(c["count"])
            table.add_row(c["category"], count, "yes" if c["approximate"] else "", escape(c["text"]),
                          escape(c["explanation"]))
        out.print(table)
    if result["terms"]:
        table = Table(title="coded terms")
        for column in ("text", "term", "category", "gloss"):
            table.add_column(column)
        for t in result["terms"]:
            table.add_row(escape(t["text"]), t["term_id"], t["category"], escape(t["gloss"]))
        out.print(table)
    if result["themes"]:
        table = Table(title="themes")
        for column in ("theme", "score", "evidence"):
            table.add_column(column)
        for t in result["themes"]:
            table.add_row(t["theme"], f"{t['score']:.2f}", escape(t["evidence"]))
        out.print(table)
    if result["entities"]:
        table = Table(title="entities")
        for column in ("label", "text"):
            table.add_column(column)
        for e in result["entities"]:
            table.add_row(e["label"], escape(e["text"]))
        out.print(table)
    for rejected in result.get("rejected", []):
        out.print(f"[dim]not a mention: {escape(rejected['text'])}: {escape(rejected['reason'])}[/]")


def _variants(entry: LexiconEntry) -> str:
    items = [*entry.codes, *entry.lemmas, *entry.phrases, *entry.forms, *(p + "…" for p in entry.prefixes)]
    return ", ".join(dict.fromkeys(items))


def _entries_table(entries: list[LexiconEntry], title: str) -> Table:
    table = Table(title=title, show_lines=False)
    for column in ("id", "category", "lang", "variants", "gloss (en)", "note"):
        table.add_column(column, overflow="fold")
    for entry in entries:
        category = f"[red]{entry.category}[/]" if entry.category in CASUALTY_CATEGORIES else entry.category
        table.add_row(entry.id, category, "/".join(entry.language), escape(_variants(entry)),
                      escape(entry.gloss["en"]), escape(entry.note))
    return table


def lexicon_list(
    category: Annotated[str | None, typer.Option("--category", "-c", help="Only this category.")] = None,
    lexicon: LexiconOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """List the lexicon entries (built-in merged with a workspace lexicon.yaml)."""
    lex = load_lexicon(_lexicon_source(lexicon))
    entries = [e for e in lex.entries if category is None or e.category == category]
    if fmt == "json":
        sys.stdout.write(json.dumps([e.as_dict() for e in entries], ensure_ascii=False, indent=2) + "\n")
        return
    console.print(_entries_table(entries, f"lexicon {lex.version} ({len(entries)} entries)"))


def lexicon_search(
    query: Annotated[str, typer.Argument(help="A word in any inflection, an id or a gloss fragment.")],
    lexicon: LexiconOption = None,
) -> None:
    """Find entries by id, gloss, note or any inflected variant."""
    hits = load_lexicon(_lexicon_source(lexicon)).search(query)
    if not hits:
        console.print("no entry matches")
        raise typer.Exit(1)
    console.print(_entries_table(hits, f"{len(hits)} matching entries"))


def lexicon_validate(
    path: Annotated[Path | None, typer.Argument(help="A lexicon.yaml to check as well (default: the workspace's).")
                    ] = None,
) -> None:
    """Check every lexicon file (coded terms, cue lists, themes, numbers, names, places) and a lexicon.yaml.

    Prints one line per problem and exits non-zero when there is any.
    """
    if path is not None and not path.exists():
        raise LexiconError(f"lexicon file {path.name} not found")
    user = path if path is not None else _lexicon_source(None)
    problems = lexicon_problems(user)
    for problem in problems:
        sys.stdout.write(problem + "\n")
    if problems:
        raise LexiconError(f"{len(problems)} problem(s) in the lexicon files (one per line above)")
    lex = load_lexicon(user)
    sys.stdout.write(f"ok: {len(lex.entries)} entries, version {lex.version}, digest {lex.digest[:12]}; "
                     f"{len(word_lists())} word lists; every lexicon file checked\n")
