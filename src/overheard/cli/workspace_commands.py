"""CLI commands of the workspace area: init, ingest, calls, show, meta, vault, audit, custody."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from overheard.cli.common import (
    ActorOption,
    FormatOption,
    WorkspaceOption,
    check_format,
    console,
    err_console,
    open_workspace,
    print_json,
)
from overheard.errors import IntegrityError, MetadataError
from overheard.model import CallMetadata

vault_app = typer.Typer(help="Check the evidence vault.", no_args_is_help=True)
audit_app = typer.Typer(help="Check the chain-of-custody log.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add this area's commands to ``app``."""
    app.command("init")(init)
    app.command("ingest")(ingest)
    app.command("calls")(calls)
    app.command("show")(show)
    app.command("meta")(meta)
    app.command("custody")(custody)
    app.command("findings")(findings)
    vault_app.command("verify")(vault_verify)
    audit_app.command("verify")(audit_verify)
    app.add_typer(vault_app, name="vault")
    app.add_typer(audit_app, name="audit")


def init(
    directory: Annotated[Path | None, typer.Argument(help="Folder to create (default: --workspace).")] = None,
    workspace: WorkspaceOption = None,
    database: Annotated[str | None, typer.Option(help="SQLAlchemy URL of a shared database (PostgreSQL).")] = None,
) -> None:
    """Create a workspace: database, evidence vault and config file."""
    from overheard.workspace import Workspace, default_workspace_path
    root = directory or workspace or default_workspace_path()
    ws = Workspace.create(root, database=database)
    console.print(f"workspace ready at [bold]{escape(str(ws.root))}[/]")


def _cli_metadata(
    date: str | None,
    place: str | None,
    oblast: str | None,
    source: str | None,
    obtained: str | None,
    relation: str | None,
    notes: str | None,
    language: str | None,
) -> CallMetadata | None:
    from overheard.ingest.metadata import metadata_from_mapping
    values = {
        "recorded_at": date,
        "place": place,
        "oblast": oblast,
        "source": source,
        "obtained": obtained,
        "relation": relation,
        "notes": notes,
        "language": language,
    }
    values = {k: v for k, v in values.items() if v is not None}
    return metadata_from_mapping(values, "command-line metadata") if values else None


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (folders are walked recursively).")],
    workspace: WorkspaceOption = None,
    actor: ActorOption = None,
    date: Annotated[str | None, typer.Option(help="Date/time of the call(s), ISO 8601.")] = None,
    place: Annotated[str | None, typer.Option(help="Place of the call(s).")] = None,
    oblast: Annotated[str | None, typer.Option(help="Region (short English name, e.g. Luhansk).")] = None,
    source: Annotated[str | None, typer.Option(help="Where the material came from.")] = None,
    obtained: Annotated[str | None, typer.Option(help="How it was obtained.")] = None,
    relation: Annotated[str | None, typer.Option(help="Relation of the participants.")] = None,
    notes: Annotated[str | None, typer.Option(help="Free notes.")] = None,
    language: Annotated[str | None, typer.Option(help="ru, uk or mixed.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only print failures and the summary.")] = False,
) -> None:
    """Ingest audio, transcripts and sidecar metadata, keeping originals untouched."""
    from overheard.ingest.ingest import ingest_paths
    from overheard.store.audit import default_actor
    ws = open_workspace(workspace)
    cli_metadata = _cli_metadata(date, place, oblast, source, obtained, relation, notes, language)
    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as progress:
        task = progress.add_task("ingest", total=None)

        def on_total(total: int) -> None:
            progress.update(task, total=total)

        def on_file(outcome) -> None:
            progress.advance(task)
            if outcome.status == "failed":
                progress.console.print(f"[red]✗[/] {escape(outcome.message)}", highlight=False)
            elif not quiet:
                mark = "[green]✓[/]" if outcome.status in ("ingested", "new_version") else "[dim]=[/]"
                progress.console.print(f"{mark} {escape(outcome.message)}", highlight=False)

        report = ingest_paths(
            ws, paths, actor=actor or default_actor(), metadata=cli_metadata, on_file=on_file, on_total=on_total
        )
    console.print(
        f"{report.count('ingested')} ingested, {report.count('new_version')} new versions, "
        f"{report.count('unchanged')} unchanged, {len(report.failed)} failed"
    )
    if report.failed:
        raise typer.Exit(1)


def calls(workspace: WorkspaceOption = None, fmt: FormatOption = "text") -> None:
    """List the calls in the workspace."""
    from overheard.cli.browse import call_as_dict, format_seconds
    check_format(fmt)
    ws = open_workspace(workspace)
    rows = [call_as_dict(call) for call in ws.store.list_calls()]
    if fmt == "json":
        print_json(rows)
        return
    table = Table(title=f"{len(rows)} calls")
    for column in ("id", "key", "date", "place", "oblast", "duration", "speakers", "language", "status"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            str(row["id"]),
            escape(row["key"]),
            (row["recorded_at"] or "")[:16].replace("T", " "),
            escape(row["place"] or ""),
            escape(row["oblast"] or ""),
            format_seconds(row["duration"]),
            escape(", ".join(row["speakers"])),
            row["language"] or "",
            row["review_status"],
        )
    console.print(table)


def show(
    call: Annotated[str, typer.Argument(help="Call id or key.")],
    workspace: WorkspaceOption = None,
    fmt: FormatOption = "text",
    version: Annotated[int | None, typer.Option(help="Transcript version (default: newest).")] = None,
) -> None:
    """Print a call's transcript with speakers and times."""
    from overheard.cli.browse import call_as_dict, format_seconds
    check_format(fmt)
    ws = open_workspace(workspace)
    info = ws.store.get_call(call)
    versions = ws.store.transcripts(info.id)
    chosen = next((t for t in versions if t.version == version), None) if version else (versions or [None])[-1]
    if fmt == "json":
        print_json(
            {
                "call": call_as_dict(info),
                "transcript": None
                if chosen is None
                else {
                    "version": chosen.version,
                    "language": chosen.transcript.language,
                    "source": str(chosen.transcript.source),
                    "segments": [
                        {
                            "speaker": s.speaker,
                            "start": s.start,
                            "end": s.end,
                            "text": s.text,
                            "language": s.language,
                            "flags": list(s.flags),
                            "translation": s.translation,
                        }
                        for s in chosen.transcript.segments
                    ],
                },
            }
        )
        return
    meta = info.metadata
    console.print(
        f"[bold]call {info.id}[/] {escape(info.key)} · {escape(meta.place or '?')} "
        f"({escape(meta.oblast or '?')}) · {meta.recorded_at or 'undated'}"
    )
    if chosen is None:
        console.print("[dim]no transcript yet[/]")
        return
    console.print(
        f"[dim]transcript v{chosen.version} ({chosen.transcript.source}, {escape(chosen.transcript.producer or '')})[/]"
    )
    for segment in chosen.transcript.segments:
        stamp = f"[{format_seconds(segment.start)}] " if segment.start is not None else ""
        flags = f" [yellow]⚑ {', '.join(segment.flags)}[/]" if segment.flags else ""
        console.print(
            f"[dim]{stamp}[/][bold cyan]{escape(segment.speaker or '?')}:[/] {escape(segment.text)}{flags}",
            highlight=False,
        )
        if segment.translation:
            console.print(f"    [italic dim]{escape(segment.translation)}[/]", highlight=False)


def meta(
    call: Annotated[str, typer.Argument(help="Call id or key.")],
    assignments: Annotated[list[str], typer.Argument(help="KEY=VALUE pairs, e.g. place=Сватово oblast=Luhansk")],
    workspace: WorkspaceOption = None,
    actor: ActorOption = None,
) -> None:
    """Change a call's metadata (the change is written to the custody log)."""
    from overheard.ingest.metadata import metadata_from_mapping
    from overheard.store.audit import default_actor
    values = {}
    for assignment in assignments:
        key, sep, value = assignment.partition("=")
        if not sep:
            raise MetadataError(f"'{assignment[:40]}' is not KEY=VALUE")
        values[key.strip()] = value
    metadata = metadata_from_mapping(values, "command-line metadata")
    ws = open_workspace(workspace)
    updated = ws.store.update_metadata(call, metadata, actor or default_actor())
    console.print(f"call {updated.id} metadata updated")


def custody(
    call: Annotated[str, typer.Argument(help="Call id or key.")],
    workspace: WorkspaceOption = None,
    fmt: FormatOption = "text",
) -> None:
    """Print a call's chain of custody: original hashes, ingest, metadata changes, derived files."""
    from overheard.cli.browse import custody_history
    check_format(fmt)
    ws = open_workspace(workspace)
    history = custody_history(ws.store, call)
    if fmt == "json":
        print_json(history)
        return
    info = history["call"]
    console.print(f"[bold]custody of call {info['id']}[/] ({escape(info['key'])})")
    table = Table(title="originals")
    for column in ("file", "kind", "version", "sha256", "ingested", "by"):
        table.add_column(column)
    for item in history["originals"]:
        table.add_row(
            escape(item["name"]),
            item["kind"],
            str(item["version"]),
            item["sha256"],
            item["ingested_at"][:19],
            escape(item["actor"]),
        )
    console.print(table)
    if history["derived"]:
        table = Table(title="derived files")
        for column in ("kind", "path", "sha256", "from", "created", "by"):
            table.add_column(column)
        for item in history["derived"]:
            table.add_row(
                item["kind"],
                escape(item["path"]),
                item["sha256"][:16],
                (item["source_sha256"] or "")[:16],
                item["created_at"][:19],
                escape(item["actor"]),
            )
        console.print(table)
    table = Table(title="history")
    for column in ("#", "when", "who", "what", "object", "details"):
        table.add_column(column)
    for entry in history["events"]:
        table.add_row(
            str(entry["id"]),
            entry["at"][:19],
            escape(entry["actor"]),
            entry["action"],
            f"{entry['object_type']} {entry['object_id']}",
            escape(entry["summary"]),
        )
    console.print(table)


def findings(
    call: Annotated[str | None, typer.Argument(help="Call id or key (default: all calls).")] = None,
    workspace: WorkspaceOption = None,
    kind: Annotated[str | None, typer.Option(help="term, casualty, theme or entity.")] = None,
    fmt: FormatOption = "text",
) -> None:
    """List the findings on the current transcripts, with their evidence (span, seconds, rule, score)."""
    from overheard.cli.browse import finding_as_dict, format_seconds
    check_format(fmt)
    ws = open_workspace(workspace)
    rows = [finding_as_dict(item) for item in ws.store.findings(call_ref=call, kind=kind)]
    if fmt == "json":
        print_json(rows)
        return
    table = Table(title=f"{len(rows)} findings")
    for column in ("call", "kind", "label", "text", "count", "at", "score", "by", "status", "why"):
        table.add_column(column, overflow="fold")
    for row in rows:
        count = row["attributes"].get("count")
        approximate = "~" if row["attributes"].get("approximate") and count is not None else ""
        table.add_row(
            str(row["call_id"]),
            row["kind"],
            escape(row["label"]),
            escape(row["text"]),
            f"{approximate}{count}" if count is not None else "",
            format_seconds(row["time_start"]),
            f"{row['score']:.2f}",
            escape(row["producer"]),
            row["review_status"],
            escape(row["explanation"][:90]),
        )
    console.print(table)


def vault_verify(workspace: WorkspaceOption = None) -> None:
    """Re-hash every original in the vault; report files that changed, went missing, or that no record refers to."""
    ws = open_workspace(workspace)
    expected = {f.vault_path: f.sha256 for f in ws.store.files()}
    expected |= {a.vault_path: a.sha256 for a in ws.store.evidence_attachments()}  # evidence, kept like originals
    problems = ws.vault.verify(expected)
    for problem in problems:
        err_console.print(f"[red]✗[/] {escape(problem.path)}: {problem.problem}", highlight=False)
    if problems:
        orphans = sum(1 for p in problems if p.problem == "orphan")
        raise IntegrityError(f"{len(problems) - orphans} of {len(expected)} originals failed verification"
                             + (f"; {orphans} file(s) in the vault belong to no record" if orphans else ""))
    console.print(f"vault intact: {len(expected)} originals verified")


def audit_verify(workspace: WorkspaceOption = None) -> None:
    """Check the hash chain of the audit log; any edited or deleted entry is reported."""
    ws = open_workspace(workspace)
    problems = ws.store.verify_audit()
    for problem in problems:
        where = f"entry {problem.entry_id}" if problem.entry_id is not None else "log"
        err_console.print(f"[red]✗[/] {where}: {problem.problem}", highlight=False)
    if problems:
        raise IntegrityError(f"audit log tampered: {len(problems)} problem(s)")
    count = len(ws.store.audit_entries())
    console.print(f"audit log intact: {count} entries, chain verified at {datetime.now():%Y-%m-%d %H:%M}")
