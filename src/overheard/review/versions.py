"""A call's transcript versions as a reviewer chooses between them: imported, aligned, ASR, reviewed.

An alignment adds word timings to a written version without changing its text, so one stored
version can be seen two ways: *as written* (the timings the file had) and *aligned* (with word
timings). :func:`version_choices` lists every way, :func:`version_transcript` gives the transcript
of one, and :func:`word_error_rate` measures how far two versions' words are apart.
Where each version's English came from is told by :func:`translation_provenance`: a machine
translation is always labelled as such.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from overheard.errors import NotFoundError
from overheard.model import StoredAlignment, StoredTranscript, Transcript, TranscriptSource
from overheard.speech.metrics import word_error_rate
from overheard.store import Store

__all__ = ["VersionChoice", "translation_provenance", "version_choices", "version_transcript", "word_error_rate"]

WRITTEN_SUFFIX = "-written"


@dataclass(frozen=True)
class VersionChoice:
    """One way to read a call's transcript: a stored version, or a written version before its alignment."""

    key: str  # "v3", or "v1-written" for v1 as the file had it before alignment
    kind: str  # imported | aligned | asr | reviewed
    version: int
    transcript_id: int
    producer: str | None
    created_at: str
    actor: str
    timed_words: int
    current: bool

    @property
    def label(self) -> str:
        """How the choice is named in the switcher, e.g. "v1 aligned"."""
        return f"v{self.version} {self.kind}"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready copy."""
        return {"key": self.key, "kind": self.kind, "label": self.label, "version": self.version,
                "transcript_id": self.transcript_id, "producer": self.producer, "created_at": self.created_at,
                "actor": self.actor, "timed_words": self.timed_words, "current": self.current}


def _timed_words(transcript: Transcript) -> int:
    return sum(len(s.words) for s in transcript.segments)


def version_choices(store: Store, call_ref: int | str) -> list[VersionChoice]:
    """Every way to read the call's transcript, oldest version first (a written one before its alignment)."""
    call = store.get_call(call_ref)
    current = store.current_transcript(call.id)
    aligned = {a.transcript_id: a for a in store.alignments(call_ref=call.id)}
    choices = []
    for stored in store.transcripts(call.id):
        source = stored.transcript.source.value
        common = {"version": stored.version, "transcript_id": stored.id, "created_at": stored.created_at.isoformat(),
                  "current": current is not None and stored.id == current.id}
        alignment = aligned.get(stored.id)
        if alignment is not None:
            before = as_written(stored, alignment)
            choices.append(VersionChoice(f"v{stored.version}{WRITTEN_SUFFIX}", source,
                                         producer=stored.transcript.producer, actor=stored.actor,
                                         timed_words=_timed_words(before), **common))
            choices.append(VersionChoice(f"v{stored.version}", "aligned", producer=alignment.producer,
                                         actor=alignment.actor, timed_words=_timed_words(stored.transcript), **common))
        else:
            choices.append(VersionChoice(f"v{stored.version}", source, producer=stored.transcript.producer,
                                         actor=stored.actor, timed_words=_timed_words(stored.transcript), **common))
    return choices


def as_written(stored: StoredTranscript, alignment: StoredAlignment) -> Transcript:
    """The version as its file had it, before ``alignment`` gave it word timings."""
    segments = list(stored.transcript.segments)
    for position, before in enumerate(alignment.before):
        if position < len(segments) and not before.words:
            segments[position] = replace(segments[position], start=before.start, end=before.end,
                                         channel=before.channel, words=())
    return replace(stored.transcript, segments=tuple(segments))


def version_transcript(store: Store, call_ref: int | str, key: str) -> tuple[VersionChoice, StoredTranscript]:
    """The choice named ``key`` and its transcript (a written version before alignment has no word timings)."""
    call = store.get_call(call_ref)
    choice = next((c for c in version_choices(store, call.id) if c.key == key), None)
    if choice is None:
        raise NotFoundError(f"call {call.id} has no transcript version {key[:20]!r}")
    stored = store.transcript(choice.transcript_id)
    if key.endswith(WRITTEN_SUFFIX):
        alignment = store.alignments(transcript_id=stored.id)[-1]
        stored = replace(stored, transcript=as_written(stored, alignment))
    return choice, stored


def default_pair(choices: list[VersionChoice]) -> tuple[str | None, str | None]:
    """What to compare when nothing is chosen: the current version against the newest other kind."""
    if not choices:
        return None, None
    currents = [c for c in choices if c.current]
    current = currents[-1] if currents else choices[-1]  # an aligned version is listed after its written form
    others = [c for c in choices if c.transcript_id != current.transcript_id]
    asr = [c for c in others if c.kind == TranscriptSource.ASR.value]
    other = (asr or others or [c for c in choices if c.key != current.key] or [current])[-1]
    return current.key, other.key


def translation_provenance(stored: StoredTranscript) -> dict[str, Any] | None:
    """Where the version's English came from: ``{"machine": bool, "by": str}``, or None without any.

    Whisper's translate task and the text translator (``overheard translate``) are machines; a
    translation that came inside an imported file is of unknown origin and is said to be so.
    """
    if not any(s.translation for s in stored.transcript.segments):
        return None
    settings = stored.settings or {}
    translator = settings.get("translation")
    if isinstance(translator, dict):
        return {"machine": True, "by": f"machine translation ({translator.get('translator', 'text translator')})"}
    asr_settings = settings.get("settings")
    if stored.transcript.source == TranscriptSource.ASR or (isinstance(asr_settings, dict)
                                                           and asr_settings.get("translate")):
        model = settings.get("model")
        return {"machine": True, "by": f"machine translation (Whisper translate{f', {model}' if model else ''})"}
    return {"machine": False, "by": "translation from the imported file (origin unknown)"}
