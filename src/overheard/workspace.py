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

from overheard.errors import OverheardError, WorkspaceError
from overheard.store import DatabaseError, Store
from overheard.store.engines import has_password
from overheard.store.vault import Vault

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
        """Create (or complete) a workspace at ``root`` and return it opened.

        ``database`` is a server URL for a shared store (PostgreSQL); it is written to
        config.yaml, so it must not hold a password (libpq reads ``~/.pgpass`` or
        ``PGPASSWORD``). The database is reached and migrated before anything is written,
        so an unreachable server leaves no half-made workspace behind.
        """
        root = Path(root)
        if root.exists() and not root.is_dir():
            raise WorkspaceError(f"{root} exists and is not a folder")
        if database and has_password(database):
            raise DatabaseError(
                "config.yaml is plain text: leave the password out of --database and put it in ~/.pgpass or "
                "PGPASSWORD (or give the whole URL in OVERHEARD_DATABASE_URL); see docs/scale-out.md"
            )
        config_path = root / CONFIG_NAME
        config = dict(DEFAULT_CONFIG, database=database)
        if config_path.exists():
            config = load_config(config_path)
            if database and config.get("database") != database:
                raise WorkspaceError(f"{root} already has a database set in {CONFIG_NAME}: edit it there")
        made_root = not root.exists()
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
        if made_root:
            os.chmod(root, 0o700)  # evidence and the names behind pseudonyms: the owner's eyes only
        try:
            store = Store.open(database_url(root, config), create=True)
        except OverheardError:
            if made_root and not any(root.iterdir()):
                root.rmdir()
            raise
        if not config_path.exists():
            descriptor = os.open(config_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write("# overheard workspace settings\n"
                             + yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
        Vault(root / "vault").create()
        return cls(root=root, config=load_config(config_path), store=store, vault=Vault(root / "vault"))

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
