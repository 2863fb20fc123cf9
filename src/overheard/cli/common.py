"""Options and helpers shared by the CLI commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

if TYPE_CHECKING:
    from overheard.workspace import Workspace

# Messages never wrap (one error, one line); tables get room when output is not a terminal.
console = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)
err_console = Console(stderr=True, soft_wrap=True, width=None if sys.stderr.isatty() else 160)

WorkspaceOption = Annotated[
    Path | None,
    typer.Option(
        "--workspace",
        "-w",
        envvar="OVERHEARD_WORKSPACE",
        help="Workspace folder (default ./overheard-workspace).",
        show_default=False,
    ),
]
ActorOption = Annotated[
    str | None,
    typer.Option("--actor", envvar="OVERHEARD_ACTOR", help="Who is acting, for the audit log (default: OS user)."),
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="Output format: text or json.")]


def open_workspace(path: Path | None) -> Workspace:
    """Open the workspace named by ``--workspace`` (or the default)."""
    from overheard.workspace import Workspace, default_workspace_path

    return Workspace.open(path or default_workspace_path())


def print_json(value: Any) -> None:
    """Print JSON with Cyrillic kept readable."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def check_format(fmt: str, allowed: tuple[str, ...] = ("text", "json")) -> str:
    """Validate a ``--format`` value."""
    if fmt not in allowed:
        raise typer.BadParameter(f"must be one of: {', '.join(allowed)}", param_hint="--format")
    return fmt
