"""The ``overheard`` command line: thin Typer wrappers over library functions."""

from overheard.cli.app import app, main

__all__ = ["app", "main"]
