"""English renderings beside the original text, with the meaning of coded terms kept.

Coded terms keep their meaning: a machine translation renders "двухсотых" as "two hundredths", so every
rendering gets the lexicon's English gloss of each coded term the original contains
(``[двухсотых = the 200s: killed (KIA)]``): renderings of a text model (:func:`translate_transcript`,
:func:`translate_call`) and Whisper's translate task (:func:`gloss_translations`) alike. The glosses come
from the ``terms`` annotator, so this lives above both speech and annotate.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from overheard.annotate.components.terms import TermAnnotator
from overheard.errors import NotFoundError
from overheard.model import Document, Transcript
from overheard.speech.model import file_sha256
from overheard.speech.translate import Translator, load_translator, locate_files, translators_dir
from overheard.workspace import Workspace


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
    return TermAnnotator()


def with_glosses(translation: str, original: str, language: str = "ru") -> str:
    """``translation`` followed by the English gloss of every coded term in ``original``, in brackets."""
    notes = coded_term_notes(original, language)
    if not notes:
        return translation
    return f"{translation} [{'; '.join(notes)}]".strip()


def gloss_translations(transcript: Transcript) -> Transcript:
    """A copy of ``transcript`` whose English renderings (Whisper's translate task) are each followed by
    the gloss of every coded term in their segment; segments without a rendering stay as they are."""
    segments = tuple(
        replace(segment, translation=with_glosses(segment.translation, segment.text, segment.language or "ru"))
        if segment.translation is not None
        else segment
        for segment in transcript.segments
    )
    return replace(transcript, segments=segments)


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


def translate_call(workspace: Workspace, call: str, translator_name: str = "ru-en", actor: str = "overheard") -> int:
    """Store a new version of a call's current transcript with an English rendering on every segment.

    The text is unchanged (so findings anchored to it stay valid); the translator's name and the
    hash of its model file go into the version's settings and the custody log. Returns the version id.
    """
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
