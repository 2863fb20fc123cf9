"""Where overheard keeps derived, rebuildable files (joined models, expanded lexicons)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """``$OVERHEARD_CACHE``, else ``$XDG_CACHE_HOME/overheard``, else ``~/.cache/overheard``."""
    override = os.environ.get("OVERHEARD_CACHE")
    if override:
        return Path(override).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "overheard"
