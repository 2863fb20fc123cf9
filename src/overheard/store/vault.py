"""The evidence vault: originals stored content-addressed by sha256, read-only, never modified.

An original is first copied to ``tmp/`` while its hash is computed, flushed to
disk, made read-only and then renamed into ``originals/ab/<sha256><ext>``, so a
crash leaves either nothing or a complete file; files that no database row
refers to (a crash between rename and commit) are swept by :meth:`Vault.sweep`.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1024 * 1024
_SAFE_SUFFIX = re.compile(r"^\.[a-z0-9]{1,8}$")


def sha256_file(path: Path) -> str:
    """Stream a file through sha256."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def copy_hashing(sources: Iterable[Path], destination: Path) -> str:
    """Write the sources, concatenated, to ``destination`` and flush it to disk; return its sha256."""
    digest = hashlib.sha256()
    with open(destination, "wb") as writer:
        for source in sources:
            with open(source, "rb") as reader:
                while chunk := reader.read(CHUNK):
                    digest.update(chunk)
                    writer.write(chunk)
        writer.flush()
        os.fsync(writer.fileno())
    return digest.hexdigest()


@dataclass(frozen=True)
class VaultProblem:
    """A vault file that changed or went missing."""

    path: str
    problem: str  # "changed" | "missing" | "writable" | "orphan" (a file no database row refers to)


class Vault:
    """Content-addressed storage of originals, with derived files kept apart."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.originals = self.root / "originals"
        self.derived = self.root / "derived"
        self.tmp = self.root / "tmp"

    def create(self) -> None:
        """Make the vault folders, readable by their owner only (a seized laptop's other accounts see nothing)."""
        for folder in (self.root, self.originals, self.derived, self.tmp):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.chmod(folder, 0o700)

    def relative_path(self, sha256: str, suffix: str) -> str:
        """Where an original with this hash lives, relative to the workspace root."""
        suffix = suffix.lower() if _SAFE_SUFFIX.match(suffix.lower()) else ""
        return f"vault/originals/{sha256[:2]}/{sha256}{suffix}"

    def absolute(self, relative: str) -> Path:
        """The absolute path of a workspace-relative vault path (refuses paths outside the vault)."""
        path = (self.root.parent / relative).resolve()
        if not path.is_relative_to(self.root.resolve()):
            raise ValueError("vault path escapes the vault")
        return path

    def store_original(self, source: Path, expected_sha256: str, suffix: str) -> str:
        """Copy ``source`` into the vault (unless already there) and return its relative path.

        Raises ``ValueError`` if the bytes read do not hash to ``expected_sha256``
        (the file changed while it was being ingested).
        """
        relative = self.relative_path(expected_sha256, suffix)
        final = self.root.parent / relative
        if final.exists():
            return relative
        self.tmp.mkdir(parents=True, exist_ok=True)
        temporary = self.tmp / f"{expected_sha256}.{os.getpid()}.part"
        try:
            if copy_hashing([source], temporary) != expected_sha256:
                raise ValueError("file changed while it was being read")
            os.chmod(temporary, stat.S_IRUSR)  # read-only, and for the owner only
            final.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.replace(temporary, final)
            _fsync_dir(final.parent)
        finally:
            temporary.unlink(missing_ok=True)
        return relative

    def write_derived(self, relative_name: str, data: bytes) -> tuple[str, str]:
        """Write a derived file atomically under ``vault/derived``; returns (relative path, sha256)."""
        target = (self.derived / relative_name).resolve()
        if not target.is_relative_to(self.derived.resolve()):
            raise ValueError("derived file name escapes the vault")
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".part")
        temporary.write_bytes(data)
        os.replace(temporary, target)
        return str(target.relative_to(self.root.parent.resolve())), hashlib.sha256(data).hexdigest()

    def discard_original(self, relative: str) -> None:
        """Remove an original that was just stored but never recorded (its transaction failed)."""
        path = self.absolute(relative)
        if path.is_relative_to(self.originals.resolve()):
            path.unlink(missing_ok=True)

    def original_files(self) -> Iterator[Path]:
        """Every file under ``originals/``."""
        if self.originals.exists():
            yield from (p for p in self.originals.rglob("*") if p.is_file())

    def sweep(self, referenced: set[str]) -> list[str]:
        """Remove half-written temp files and originals no database row refers to; return them."""
        removed = []
        if self.tmp.exists():
            for leftover in self.tmp.iterdir():
                leftover.unlink(missing_ok=True)
                removed.append(str(leftover.relative_to(self.root.parent)))
        for path in self.original_files():
            relative = str(path.relative_to(self.root.parent))
            if relative not in referenced:
                path.unlink(missing_ok=True)
                removed.append(relative)
        return removed

    def verify(self, expected: dict[str, str]) -> list[VaultProblem]:
        """Re-hash every original; ``expected`` maps relative path → sha256. Files nobody refers to are orphans."""
        problems = [VaultProblem(relative, "orphan") for relative in sorted(
            str(path.relative_to(self.root.parent)) for path in self.original_files()) if relative not in expected]
        for relative, sha256 in sorted(expected.items()):
            path = self.root.parent / relative
            if not path.is_file():
                problems.append(VaultProblem(relative, "missing"))
                continue
            if sha256_file(path) != sha256:
                problems.append(VaultProblem(relative, "changed"))
            elif path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
                problems.append(VaultProblem(relative, "writable"))
        return problems


def _fsync_dir(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
