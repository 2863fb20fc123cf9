"""The Typer application; each area registers its commands from its own module."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from overheard import crashlog, plugins
from overheard.errors import OverheardError

app = typer.Typer(
    name="overheard",
    help="Offline workbench for intercepted and leaked phone calls.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)



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


# Each area's module defines ``register(app)`` (one module per area keeps this file small); they and any
# plugin's commands come from the ``overheard_cli_commands`` extension point (overheard.builtins).
for _name in plugins.extensions("cli_commands"):
    plugins.resolve("cli_commands", _name)(app)


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app on ``argv`` (default: the process's), expected errors as one-line messages."""
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        app(args=argv, prog_name="overheard")
    except OverheardError as error:
        typer.echo(f"error: {error}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # the error boundary: a coded line and a crash log, never text or names
        typer.echo(f"error: {crashlog.one_line(error, 'overheard ' + ' '.join(argv[:1]))}", err=True)
        sys.exit(3)
