"""The local text-translation model: install it from a file, load it, translate a batch of texts.

No package registry ships Russian→English text-translation weights, so a newsroom installs one from a
file it obtained itself (see ``docs/translation.md``): an Argos Translate package (``translate-ru_en-*.argosmodel``,
a zip holding a CTranslate2 model and a SentencePiece model) or a CTranslate2 conversion of an OPUS-MT
model (``model.bin`` with ``source.spm``/``target.spm``). :func:`install_translator` copies it into the
overheard cache; nothing is ever downloaded. Translating a transcript, with the English gloss of each
coded term, is :mod:`overheard.jobs.translate`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from overheard.cache import cache_dir
from overheard.errors import ModelError
from overheard.model import nfc


class Translator(Protocol):
    """Translates a batch of texts into English."""

    name: str

    def translate(self, texts: list[str]) -> list[str]:
        """English renderings of ``texts``, in order."""
        ...


@dataclass(frozen=True)
class TranslatorFiles:
    """Where a local translation model's parts are."""

    model_dir: Path
    source_spm: Path
    target_spm: Path


def locate_files(directory: Path) -> TranslatorFiles:
    """Find the CTranslate2 model and SentencePiece files of an Argos or OPUS-MT style directory."""
    directory = Path(directory)
    candidates = [directory, directory / "model"] + [p / "model" for p in sorted(directory.glob("*")) if p.is_dir()]
    model_dir = next((c for c in candidates if (c / "model.bin").is_file()), None)
    if model_dir is None:
        raise ModelError(f"{directory.name}: no CTranslate2 model.bin found; see docs/translation.md")
    roots = [directory, model_dir, model_dir.parent]
    for root in roots:
        if (root / "sentencepiece.model").is_file():  # Argos: one shared SentencePiece model
            return TranslatorFiles(model_dir, root / "sentencepiece.model", root / "sentencepiece.model")
        if (root / "source.spm").is_file() and (root / "target.spm").is_file():  # OPUS-MT conversion
            return TranslatorFiles(model_dir, root / "source.spm", root / "target.spm")
    raise ModelError(f"{directory.name}: no SentencePiece model (sentencepiece.model or source.spm/target.spm)")


class CTranslate2Translator:
    """A local CTranslate2 translation model with SentencePiece tokenisation (loaded once, CPU)."""

    def __init__(self, directory: str | Path, beam_size: int = 4, max_length: int = 256) -> None:
        import ctranslate2
        import sentencepiece

        files = locate_files(Path(directory))
        self.name = Path(directory).name
        self.beam_size = beam_size
        self.max_length = max_length
        try:
            self._model = ctranslate2.Translator(str(files.model_dir), device="cpu")
            self._source = sentencepiece.SentencePieceProcessor(model_file=str(files.source_spm))
            self._target = sentencepiece.SentencePieceProcessor(model_file=str(files.target_spm))
        except (RuntimeError, OSError, ValueError) as error:
            raise ModelError(f"cannot load translation model {self.name}: {type(error).__name__}") from error

    def translate(self, texts: list[str]) -> list[str]:
        """English renderings of ``texts`` (empty texts stay empty)."""
        wanted = [i for i, text in enumerate(texts) if text.strip()]
        out = [""] * len(texts)
        if not wanted:
            return out
        batch = [self._source.encode(texts[i], out_type=str) for i in wanted]
        results = self._model.translate_batch(batch, beam_size=self.beam_size, max_decoding_length=self.max_length)
        for i, result in zip(wanted, results, strict=True):
            out[i] = nfc(self._target.decode(result.hypotheses[0]))
        return out


def translators_dir() -> Path:
    """Where installed translation models live (``<cache>/translators``)."""
    return cache_dir() / "translators"


def install_translator(package: Path, name: str = "ru-en") -> Path:
    """Install an ``.argosmodel`` file or a model directory under ``name`` (atomically); returns its folder."""
    package = Path(package)
    if not name.replace("-", "").replace("_", "").isalnum():
        raise ModelError("translator name must be letters, digits, '-' or '_'")
    target = translators_dir() / name
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=target.parent))
    try:
        if package.is_dir():
            shutil.copytree(package, staging, dirs_exist_ok=True)
        elif zipfile.is_zipfile(package):
            with zipfile.ZipFile(package) as archive:
                for member in archive.namelist():
                    resolved = (staging / member).resolve()
                    if not resolved.is_relative_to(staging.resolve()):
                        raise ModelError(f"{package.name}: archive member escapes the install folder")
                archive.extractall(staging)
        else:
            raise ModelError(f"{package.name} is neither an .argosmodel (zip) file nor a model directory")
        CTranslate2Translator(staging)  # refuse to install what cannot be loaded
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    load_translator.cache_clear()
    return target


@lru_cache(maxsize=2)
def load_translator(name_or_path: str = "ru-en") -> CTranslate2Translator:
    """An installed translator by name, or a model directory by path."""
    path = Path(name_or_path)
    if not path.is_dir():
        path = translators_dir() / name_or_path
    if not path.is_dir():
        raise ModelError(
            f"no translator {name_or_path!s:.60}; install one with 'overheard translator install FILE' "
            "(see docs/translation.md)"
        )
    return CTranslate2Translator(path)
