"""The corpus store: one Store class over SQLite (default) or PostgreSQL."""

from overheard.store.store import Store

__all__ = ["Store"]
