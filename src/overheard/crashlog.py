"""The error boundary's record: an unexpected exception becomes a coded one-line error and a local crash log.

The crash log (mode 0600, in a 0700 folder) holds where the failure happened: the exception
classes and the stack frames (file, line, function). It never holds exception messages or
local values, which may quote transcript text, names or SQL parameters.
"""

from __future__ import annotations

import os
import secrets
import traceback
from datetime import UTC, datetime
from pathlib import Path

INTERNAL_ERROR_CODE = "E099"


def crash_dir() -> Path:
    """Where crash logs go: $OVERHEARD_CRASH_DIR, else $XDG_STATE_HOME/overheard/crashes (~/.local/state/...)."""
    if os.environ.get("OVERHEARD_CRASH_DIR"):
        return Path(os.environ["OVERHEARD_CRASH_DIR"])
    state = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    return state / "overheard" / "crashes"


def crash_report(error: BaseException) -> str:
    """The exception's chain as classes and frames only (no messages, no values)."""
    lines = []
    for exception in _chain(error):
        lines.append(f"{type(exception).__module__}.{type(exception).__qualname__}")
        for frame in traceback.extract_tb(exception.__traceback__):
            lines.append(f"  {frame.filename}:{frame.lineno} in {frame.name}")
    return "\n".join(lines) + "\n"


def _chain(error: BaseException) -> list[BaseException]:
    seen, chain = set(), []
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or current.__context__
    return list(reversed(chain))


def write_crash_log(error: BaseException, where: str) -> Path | None:
    """Write a crash log for ``error`` (0600); returns its path, or None if it could not be written."""
    folder = crash_dir()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = folder / f"crash-{stamp}-{secrets.token_hex(3)}.log"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(f"overheard crash in {where} at {stamp}\n{crash_report(error)}")
    except OSError:
        return None
    return path


def one_line(error: BaseException, where: str) -> str:
    """The coded one-line message for an unexpected error (the class name and the crash log, nothing else)."""
    path = write_crash_log(error, where)
    log = f"; details in {path}" if path else ""
    return f"{INTERNAL_ERROR_CODE} internal error ({type(error).__name__}) in {where}{log}"
