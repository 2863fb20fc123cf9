"""The Typer application; each area registers its commands from its own module."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from overheard import crashlog
from overheard.errors import OverheardError

app = typer.Typer(
    name="overheard",
    help="Offline workbench for intercepted and leaked phone calls.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

# Each module defines ``register(app)``; one module per area keeps this file small.
COMMAND_MODULES = [
    "overheard.cli.workspace_commands",
    "overheard.cli.analyze_commands",
    "overheard.cli.redact_commands",
    "overheard.cli.speech_commands",
    "overheard.cli.web_commands",
    "overheard.cli.report_commands",
    "overheard.cli.search_commands",
    "overheard.cli.publish_commands",
]


@app.callback()
def _global_options(
    workspace: Annotated[
        Path | None,
        typer.Option("--workspace", "-w", help="Workspace folder for every command (or $OVERHEARD_WORKSPACE)."),
    ] = None,
) -> None:
    """Offline workbench for intercepted and leaked phone calls."""
    if workspace is not None:
        os.environ["OVERHEARD_WORKSPACE"] = str(workspace)


for _module in COMMAND_MODULES:
    importlib.import_module(_module).register(app)


def main() -> None:
    """Console entry point: run the app, turning expected errors into one-line messages."""
    try:
        app()
    except OverheardError as error:
        typer.echo(f"error: {error}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # the error boundary: a coded line and a crash log, never text or names
        typer.echo(f"error: {crashlog.one_line(error, 'overheard ' + ' '.join(sys.argv[1:2]))}", err=True)
        sys.exit(3)
