"""The Typer application; each area registers its commands from its own module."""

from __future__ import annotations

import importlib
import sys

import typer

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
]

for _module in COMMAND_MODULES:
    importlib.import_module(_module).register(app)


def main() -> None:
    """Console entry point: run the app, turning expected errors into one-line messages."""
    try:
        app(standalone_mode=False)
    except OverheardError as error:
        typer.echo(f"error: {error}", err=True)
        sys.exit(2)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("aborted", err=True)
        sys.exit(130)
    except Exception as error:  # click usage errors carry their own exit code
        import click

        if isinstance(error, click.ClickException):
            error.show()
            sys.exit(error.exit_code)
        raise
