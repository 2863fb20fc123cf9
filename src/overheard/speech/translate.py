"""English renderings beside the original text: Whisper's translate task for audio, a local model for text.

No package registry ships Russian→English text-translation weights, so a newsroom installs one from a
file it obtained itself (see ``docs/translation.md``): an Argos Translate package (``translate-ru_en-*.argosmodel``,
a zip holding a CTranslate2 model and a SentencePiece model) or a CTranslate2 conversion of an OPUS-MT
model (``model.bin`` with ``source.spm``/``target.spm``). :func:`install_translator` copies it into the
overheard cache; nothing is ever downloaded.

Coded terms keep their meaning: a machine translation renders "двухсотых" as "two hundredths", so every
rendering gets the lexicon's English gloss of each coded term the original contains
(``[двухсотых = the 200s: killed (KIA)]``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from overheard.cache import cache_dir
from overheard.errors import ModelError
from overheard.model import Document, Transcript, nfc


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


def coded_term_notes(text: str, language: str = "ru") -> list[str]:
    """Glosses of the coded and slang terms in ``text``, e.g. ``двухсотых = the 200s: killed (KIA)``."""
    notes: list[str] = []
    for finding in _term_annotator().annotate(Document(text, language)):
        gloss = (finding.attributes.get("gloss") or {}).get("en")
        if not gloss:
            continue
        codes = [c for c in finding.attributes.get("codes", ()) if c]
        code = codes[0] if codes else _code_of(finding.attributes.get("term_id", ""))
        meaning = f"the {code}s: {gloss}" if code else gloss
        note = f"{finding.text} = {meaning}"
        if note not in notes:
            notes.append(note)
    return notes


def _code_of(term_id: str) -> str:
    """The number of a numeric casualty code (``cas.200`` → ``200``), else empty."""
    tail = term_id.rsplit(".", 1)[-1]
    return tail if tail.isdigit() else ""


@lru_cache(maxsize=1)
def _term_annotator():
    from overheard.annotate.terms import TermAnnotator

    return TermAnnotator()


def with_glosses(translation: str, original: str, language: str = "ru") -> str:
    """``translation`` followed by the English gloss of every coded term in ``original``, in brackets."""
    notes = coded_term_notes(original, language)
    if not notes:
        return translation
    return f"{translation} [{'; '.join(notes)}]".strip()


def translate_transcript(transcript: Transcript, translator: Translator) -> Transcript:
    """A copy of ``transcript`` with an English rendering on every segment (the original text unchanged)."""
    texts = [segment.text for segment in transcript.segments]
    english = translator.translate(texts)
    segments = tuple(
        replace(
            segment, translation=with_glosses(rendering, segment.text, segment.language or transcript.language or "ru")
        )
        if segment.text.strip()
        else segment
        for segment, rendering in zip(transcript.segments, english, strict=True)
    )
    return replace(transcript, segments=segments)


def translate_call(workspace, call: str, translator_name: str = "ru-en", actor: str = "overheard") -> int:
    """Store a new version of a call's current transcript with an English rendering on every segment.

    The text is unchanged (so findings anchored to it stay valid); the translator's name and the
    hash of its model file go into the version's settings and the custody log. Returns the version id.
    """
    from overheard.errors import NotFoundError
    from overheard.speech.model import file_sha256

    translator = load_translator(translator_name)
    record = workspace.store.get_call(call)
    stored = workspace.store.current_transcript(record.id)
    if stored is None:
        raise NotFoundError(f"call {record.id} has no transcript to translate")
    translated = translate_transcript(stored.transcript, translator)
    files = locate_files(
        Path(translator_name) if Path(translator_name).is_dir() else translators_dir() / translator_name
    )
    settings = {
        **dict(stored.settings or {}),
        "translation": {"translator": translator.name, "model_sha256": file_sha256(files.model_dir / "model.bin")},
        "translated_from_version": stored.version,
    }
    return workspace.store.add_transcript(
        record.id, translated, actor=actor, producer=stored.transcript.producer, settings=settings
    )
