"""Allow ``python -m overheard``."""

from overheard.cli import main

main()
