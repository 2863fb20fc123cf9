"""CLI commands of the redact area: ``redact`` and ``leakcheck``."""

from __future__ import annotations

import io
import json
import os
import secrets
import select
import sys
from pathlib import Path
from typing import Annotated

import typer

from overheard.cli.common import ActorOption, WorkspaceOption
from overheard.errors import AnalysisInputError, InputFileError

ModeOption = Annotated[str, typer.Option("--mode", help="mask, label or pseudonym.")]
PlacesOption = Annotated[str, typer.Option("--places", help="keep, oblast or mask.")]
SecretOption = Annotated[
    Path | None,
    typer.Option("--secret-file", envvar="OVERHEARD_PSEUDONYM_KEY_FILE",
                 help="Key file for pseudonyms (created 0600 if absent). Default: the workspace's key."),
]


people_app = typer.Typer(help="Person candidates: list, sync from transcripts, merge, split.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add this area's commands to ``app``."""
    app.command("redact")(redact)
    app.command("leakcheck")(leakcheck)
    people_app.command("list")(people_list)
    people_app.command("sync")(people_sync)
    people_app.command("merge")(people_merge)
    people_app.command("split")(people_split)
    app.add_typer(people_app, name="people")
    app.command("places")(places_command)


def places_command(
    workspace: WorkspaceOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, json or geojson.")] = "text",
) -> None:
    """List the places named in every call, resolved to coordinates and oblast."""
    from overheard.jobs.redaction import call_places

    if fmt == "geojson":  # the people desk's export: the places stored by 'people sync', calls per place
        from overheard.jobs.network import places_geojson

        ws = _open(workspace)
        try:
            sys.stdout.write(json.dumps(places_geojson(ws.store), ensure_ascii=False, indent=2) + "\n")
        finally:
            ws.close()
        return
    ws = _open(workspace)
    try:
        found = call_places(ws)
    finally:
        ws.close()
    if fmt == "json":
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        return
    for item in found:
        geo = item["geo"] or {}
        where = f"{geo.get('name')}, {geo.get('oblast') or '-'}, {geo.get('country')}" if geo else "unresolved"
        coords = f"{geo['lat']:.3f},{geo['lon']:.3f}" if geo.get("lat") is not None else ""
        more = f" (+{item['candidates'] - 1} other candidates)" if item["candidates"] > 1 else ""
        typer.echo(f"{item['call']:<24} {item['text']:<22} {where:<40} {coords}{more}")


def _open(workspace: Path | None):
    from overheard.workspace import Workspace

    return Workspace.open(workspace)


def _actor(actor: str | None) -> str:
    from overheard.store.audit import default_actor

    return actor or default_actor()


def people_list(
    workspace: WorkspaceOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """List person candidates with their pseudonym, mentions and calls (shows real names: analysts only)."""
    from overheard.jobs.people import list_people

    ws = _open(workspace)
    try:
        people = list_people(ws)
    finally:
        ws.close()
    if fmt == "json":
        sys.stdout.write(json.dumps([p.as_dict() for p in people], ensure_ascii=False, indent=2) + "\n")
        return
    for p in people:
        calls = ",".join(map(str, p.calls))
        mark = " *" if p.decided else ""
        typer.echo(f"{p.id:>4}  {p.display:<28} -> {p.pseudonym:<20} {p.mentions:>3} mentions  calls {calls}{mark}")
        typer.echo(f"      keys: {'; '.join(p.keys)}   forms: {', '.join(p.forms)}")


def people_sync(workspace: WorkspaceOption = None, actor: ActorOption = None) -> None:
    """Find people, phones, call signs and units in every call's current transcript and store them."""
    from overheard.jobs.people import sync_people

    ws = _open(workspace)
    try:
        counts = sync_people(ws, _actor(actor))
    finally:
        ws.close()
    typer.echo(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in counts.items()))


def people_merge(
    target: Annotated[int, typer.Argument(help="Candidate id to keep.")],
    sources: Annotated[list[int], typer.Argument(help="Candidate ids merged into it.")],
    workspace: WorkspaceOption = None,
    actor: ActorOption = None,
) -> None:
    """Merge candidates into one person (stored; later syncs keep it)."""
    from overheard.jobs.people import merge_people

    ws = _open(workspace)
    try:
        person = merge_people(ws, target, sources, _actor(actor))
    finally:
        ws.close()
    typer.echo(f"candidate {person.id}: {len(person.keys)} keys, {person.mentions} mentions")


def people_split(
    candidate: Annotated[int, typer.Argument(help="Candidate id.")],
    key: Annotated[str, typer.Argument(help="The key to give its own candidate (see 'people list').")],
    workspace: WorkspaceOption = None,
    actor: ActorOption = None,
) -> None:
    """Split one key off a candidate into a new candidate (stored; the raw mentions stay)."""
    from overheard.jobs.people import split_person

    ws = _open(workspace)
    try:
        person = split_person(ws, candidate, key, _actor(actor))
    finally:
        ws.close()
    typer.echo(f"new candidate {person.id}: {person.mentions} mentions")


def _secret(secret_file: Path | None, workspace: Path | None) -> bytes:
    from overheard.redact.pseudonyms import load_or_create_secret

    if secret_file is not None:
        secret_file = Path(secret_file)
        secret_file.parent.mkdir(parents=True, exist_ok=True)
        return load_or_create_secret(secret_file.parent, secret_file.name)
    root = _workspace_root(workspace)
    if root is not None:
        return load_or_create_secret(root)
    typer.echo("note: no workspace or --secret-file; pseudonyms are consistent within this run only", err=True)
    return secrets.token_bytes(32)


def _workspace_root(workspace: Path | None) -> Path | None:
    from overheard.workspace import CONFIG_NAME, default_workspace_path

    root = Path(workspace) if workspace is not None else default_workspace_path()
    return root if (root / CONFIG_NAME).is_file() else None


def _read(source: str) -> bytes:
    if source == "-":
        return sys.stdin.buffer.read()
    path = Path(source)
    if not path.is_file():
        raise AnalysisInputError(f"input file {path.name} not found")
    return path.read_bytes()


def _lines(source: str):
    if source == "-":
        yield from _stdin_lines()
        return
    path = Path(source)
    if not path.is_file():
        raise AnalysisInputError(f"input file {path.name} not found")
    with path.open("rb") as handle:
        yield from handle


def _stdin_lines():
    """Lines of standard input, with a None whenever no further input is ready yet.

    ``redact --jsonl`` batches the NER model over chunks of lines; the None tells it to do the lines it
    holds now, so a program feeding it one line at a time gets each answer without sending more.
    """
    stream = sys.stdin.buffer
    try:
        fd = stream.fileno()
        select.select([fd], [], [], 0)
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):  # not a pipe or file (tests)
        yield from stream
        return
    held = b""
    while True:
        if not select.select([fd], [], [], 0)[0]:
            yield None
        data = os.read(fd, 1 << 16)
        if not data:
            break
        *lines, held = (held + data).split(b"\n")
        for line in lines:
            yield line + b"\n"
    if held:
        yield held


def redact(
    source: Annotated[str | None, typer.Argument(help="A text file, or - for standard input.")] = None,
    mode: ModeOption = "label",
    places: PlacesOption = "keep",
    lang: Annotated[str, typer.Option("--lang", help="ru, uk or auto.")] = "auto",
    jsonl: Annotated[bool, typer.Option("--jsonl", help='Input is JSON Lines {"id","text","lang"?}.')] = False,
    replacements: Annotated[
        Path | None, typer.Option("--replacements", help="Also write the list of replacements (JSON) here.")
    ] = None,
    secret_file: SecretOption = None,
    workspace: WorkspaceOption = None,
    call: Annotated[str | None, typer.Option("--call", help="Redact this workspace call's transcript.")] = None,
    all_calls: Annotated[
        Path | None, typer.Option("--all-calls", help="Write a leak-checked redacted copy of every call here.")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="With --call: write here (after the leak check).")] = None,
    actor: ActorOption = None,
) -> None:
    """Print the text with people, phones, call signs and units replaced (coded terms untouched)."""
    from overheard.jobs.redaction import redact_jsonl, redact_text
    from overheard.redact import PLACE_MODES, Policy, Redactor
    from overheard.redact.operators import redaction_modes

    if mode not in redaction_modes():
        raise typer.BadParameter(f"must be one of: {', '.join(redaction_modes())}", param_hint="--mode")
    if places not in PLACE_MODES:
        raise typer.BadParameter(f"must be one of: {', '.join(PLACE_MODES)}", param_hint="--places")
    if lang not in ("ru", "uk", "auto"):
        raise typer.BadParameter("must be ru, uk or auto", param_hint="--lang")
    if all_calls is not None:
        from overheard.jobs.redaction import redact_all_calls

        ws = _open(workspace)
        try:
            paths = redact_all_calls(ws, Policy(mode, places), _actor(actor), all_calls)
        finally:
            ws.close()
        typer.echo(f"{len(paths)} redacted transcript(s) written to {all_calls}, all passed the leak check")
        return
    if call is not None:
        from overheard.jobs.redaction import redact_call

        ws = _open(workspace)
        try:
            text = redact_call(ws, int(call) if call.isdigit() else call, Policy(mode, places), _actor(actor), out)
        finally:
            ws.close()
        if out is None:
            sys.stdout.write(text + ("" if text.endswith("\n") else "\n"))
        return
    if source is None:
        raise typer.BadParameter("give a FILE, - for standard input, or --call ID", param_hint="SOURCE")
    redactor = Redactor(_secret(secret_file, workspace) if mode == "pseudonym" else b"", Policy(mode, places))
    if jsonl:
        failed = 0
        for result, error in redact_jsonl(_lines(source), redactor, lang):
            if error:
                failed += 1
                typer.echo(f"error: {error}", err=True)
            else:
                sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
                sys.stdout.flush()
        if failed:
            raise typer.Exit(1)
        return
    from overheard.annotate.analysis import check_text, decode_input

    text = check_text(decode_input(_read(source), "input"), "input")
    result = redact_text(text, redactor, None if lang == "auto" else lang)
    sys.stdout.write(result.text + ("" if result.text.endswith("\n") else "\n"))
    if replacements is not None:
        replacements.write_text(
            json.dumps([r.as_dict() for r in result.replacements], ensure_ascii=False, indent=2), encoding="utf-8"
        )


def leakcheck(
    files: Annotated[list[Path], typer.Argument(help="Files to scan: txt, srt, vtt, json, csv, docx.")],
    against: Annotated[
        list[Path] | None,
        typer.Option("--against", help="Original text file(s) whose people, phones, call signs and units to look for."),
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Exit 1 (listing file:line:column and label, never the text) when a known form appears in FILES."""
    from overheard.jobs.leakcheck import known_forms_from_texts, scan_files
    from overheard.redact.leakcheck import KnownForms, read_text

    if against:
        known = known_forms_from_texts((read_text(Path(p)), None) for p in against)
    else:
        root = _workspace_root(workspace)
        if root is None:
            raise InputFileError("leakcheck needs --against ORIGINAL... or a workspace (--workspace)")
        from overheard.jobs.redaction import workspace_known_forms

        known = workspace_known_forms(root)
    if not isinstance(known, KnownForms) or not len(known):
        typer.echo("note: no personal data known; nothing to look for", err=True)
    hits = scan_files(files, known)
    for hit in hits:
        typer.echo(str(hit))
    if hits:
        typer.echo(f"leak check failed: {len(hits)} hit(s) in {len({h.path for h in hits})} file(s)", err=True)
        raise typer.Exit(1)
    typer.echo(f"leak check passed: {len(files)} file(s)", err=True)
