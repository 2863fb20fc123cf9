"""CLI commands of the redact area: ``redact`` and ``leakcheck``."""

from __future__ import annotations

import json
import secrets
import sys
from pathlib import Path
from typing import Annotated

import typer

from overheard.errors import AnalysisInputError, InputFileError

ModeOption = Annotated[str, typer.Option("--mode", help="mask, label or pseudonym.")]
PlacesOption = Annotated[str, typer.Option("--places", help="keep, oblast or mask.")]
SecretOption = Annotated[
    Path | None,
    typer.Option("--secret-file", envvar="OVERHEARD_PSEUDONYM_KEY_FILE",
                 help="Key file for pseudonyms (created 0600 if absent). Default: the workspace's key."),
]
WorkspaceOption = Annotated[
    Path | None,
    typer.Option("--workspace", "-w", envvar="OVERHEARD_WORKSPACE", help="Workspace folder.", show_default=False),
]


def register(app: typer.Typer) -> None:
    """Add this area's commands to ``app``."""
    app.command("redact")(redact)
    app.command("leakcheck")(leakcheck)


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
        yield from sys.stdin.buffer
        return
    path = Path(source)
    if not path.is_file():
        raise AnalysisInputError(f"input file {path.name} not found")
    with path.open("rb") as handle:
        yield from handle


def redact(
    source: Annotated[str, typer.Argument(help="A text file, or - for standard input.")],
    mode: ModeOption = "label",
    places: PlacesOption = "keep",
    lang: Annotated[str, typer.Option("--lang", help="ru, uk or auto.")] = "auto",
    jsonl: Annotated[bool, typer.Option("--jsonl", help='Input is JSON Lines {"id","text","lang"?}.')] = False,
    replacements: Annotated[
        Path | None, typer.Option("--replacements", help="Also write the list of replacements (JSON) here.")
    ] = None,
    secret_file: SecretOption = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Print the text with people, phones, call signs and units replaced (coded terms untouched)."""
    from overheard.redact import MODES, PLACE_MODES, Policy, Redactor, redact_text
    from overheard.redact.pipeline import redact_jsonl

    if mode not in MODES:
        raise typer.BadParameter(f"must be one of: {', '.join(MODES)}", param_hint="--mode")
    if places not in PLACE_MODES:
        raise typer.BadParameter(f"must be one of: {', '.join(PLACE_MODES)}", param_hint="--places")
    if lang not in ("ru", "uk", "auto"):
        raise typer.BadParameter("must be ru, uk or auto", param_hint="--lang")
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
    from overheard.redact.leakcheck import KnownForms, known_forms_from_texts, read_text, scan_files

    if against:
        known = known_forms_from_texts((read_text(Path(p)), None) for p in against)
    else:
        root = _workspace_root(workspace)
        if root is None:
            raise InputFileError("leakcheck needs --against ORIGINAL... or a workspace (--workspace)")
        from overheard.redact.workspace import workspace_known_forms

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
