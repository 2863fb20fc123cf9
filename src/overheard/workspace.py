"""A workspace: one folder holding the database, the evidence vault and a config file.

```
WORKSPACE/
  config.yaml        settings (database URL, pipeline, model paths)
  overheard.db       SQLite database in WAL mode (unless config names another database)
  vault/originals/   evidence files, content-addressed by sha256, read-only
  vault/derived/     files made from evidence (clips, exports, converted audio)
  vault/tmp/         half-written files; swept on the next ingest
```
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from overheard.errors import WorkspaceError
from overheard.ingest.vault import Vault
from overheard.store import Store

CONFIG_NAME = "config.yaml"
DATABASE_NAME = "overheard.db"
DEFAULT_WORKSPACE = "overheard-workspace"

DEFAULT_CONFIG: dict[str, Any] = {
    "version": 1,
    "database": None,  # None: overheard.db inside the workspace; or an SQLAlchemy URL (PostgreSQL)
    "pipeline": ["terms", "casualties", "themes", "entities"],
    "speech": {"model": None, "workers": 1},
    "ingest": {"max_file_bytes": 4 * 1024**3, "max_text_bytes": 64 * 1024**2},
}


def default_workspace_path() -> Path:
    """``$OVERHEARD_WORKSPACE`` or ``./overheard-workspace``."""
    return Path(os.environ.get("OVERHEARD_WORKSPACE") or DEFAULT_WORKSPACE)


@dataclass
class Workspace:
    """An opened workspace."""

    root: Path
    config: dict[str, Any]
    store: Store
    vault: Vault = field(repr=False)

    @classmethod
    def create(cls, root: Path, database: str | None = None) -> Workspace:
        """Create (or complete) a workspace at ``root`` and return it opened."""
        root = Path(root)
        if root.exists() and not root.is_dir():
            raise WorkspaceError(f"{root} exists and is not a folder")
        root.mkdir(parents=True, exist_ok=True)
        config_path = root / CONFIG_NAME
        if not config_path.exists():
            config = dict(DEFAULT_CONFIG, database=database)
            config_path.write_text(
                "# overheard workspace settings\n" + yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                encoding="utf-8",
            )
        Vault(root / "vault").create()
        config = load_config(config_path)
        store = Store.open(database_url(root, config), create=True)
        return cls(root=root, config=config, store=store, vault=Vault(root / "vault"))

    @classmethod
    def open(cls, root: Path | None = None) -> Workspace:
        """Open an existing workspace; raise WorkspaceError with advice if there is none."""
        root = Path(root) if root is not None else default_workspace_path()
        config_path = root / CONFIG_NAME
        if not config_path.is_file():
            raise WorkspaceError(f"no overheard workspace at {root}: create one with 'overheard init {root}'")
        config = load_config(config_path)
        store = Store.open(database_url(root, config))
        return cls(root=root, config=config, store=store, vault=Vault(root / "vault"))

    def setting(self, dotted: str, default: Any = None) -> Any:
        """A config value by dotted name, e.g. ``speech.model``."""
        value: Any = self.config
        for part in dotted.split("."):
            if not isinstance(value, dict) or part not in value:
                return default
            value = value[part]
        return default if value is None else value

    def close(self) -> None:
        """Release the database."""
        self.store.close()


def load_config(path: Path) -> dict[str, Any]:
    """Read config.yaml over the defaults."""
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise WorkspaceError(f"cannot read {path}: {type(error).__name__}") from None
    if not isinstance(loaded, dict):
        raise WorkspaceError(f"{path} must hold a mapping of settings")
    config = {key: (dict(value) if isinstance(value, dict) else value) for key, value in DEFAULT_CONFIG.items()}
    for key, value in loaded.items():
        if isinstance(value, dict) and isinstance(config.get(key), dict):
            config[key].update(value)
        else:
            config[key] = value
    return config


def database_url(root: Path, config: dict[str, Any]) -> str:
    """The database URL from config, or the workspace's own SQLite file path."""
    return config.get("database") or os.environ.get("OVERHEARD_DATABASE_URL") or str(root / DATABASE_NAME)
