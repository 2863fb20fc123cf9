"""``overheard plugins``: what each extension point holds (built-in and installed plugins)."""

from __future__ import annotations

import typer

from overheard.cli.common import FormatOption, check_format, console, print_json


def register(app: typer.Typer) -> None:
    """Add the ``plugins`` command."""
    app.command("plugins")(plugins_command)


def plugins_command(fmt: FormatOption = "text") -> None:
    """List every extension point and what is registered on it (name and module:attribute)."""
    from overheard import plugins

    check_format(fmt)
    table = {kind: {name: plugins.describe(target) for name, target in plugins.extensions(kind).items()}
             for kind in plugins.KINDS}
    if fmt == "json":
        print_json(table)
        return
    for kind, entries in table.items():
        console.print(f"[bold]{kind}[/bold]")
        for name, target in entries.items():
            console.print(f"  {name:<14} {target}", highlight=False)
