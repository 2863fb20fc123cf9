"""Speaker renaming: an analyst names a call's speaker (a channel "A"/"B", a cluster, a transcript label).

The transcripts keep their speaker keys; the name is stored beside them, audited. Before it is
stored the personal-data detectors read it, as they read an edited segment: a name a detector
finds ("Серёга") is never shown to viewers, and neither is a label no detector could check (it fails
closed, as an unchecked segment does). "Мать" or "Солдат" (checked, no personal data) is shown to all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from overheard.annotate.pipeline import run_annotator
from overheard.annotate.registry import Annotator
from overheard.model import Document, SpeakerLabel
from overheard.redact.operators import MASK, is_personal
from overheard.review.writes import ReviewError, clean_text, parse
from overheard.store import Store

MAX_LABEL = 60


class SpeakerRename(BaseModel):
    """A new name for one speaker of a call; an empty label removes the name."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    speaker: str = Field(min_length=1, max_length=120)
    label: str = Field("", max_length=MAX_LABEL)

    @field_validator("label")
    @classmethod
    def _label(cls, value: str) -> str:
        return value and clean_text(value, limit=MAX_LABEL, what="the speaker label")


def call_speakers(store: Store, call_id: int) -> list[str]:
    """The speaker keys of every transcript version of the call, in order of first appearance."""
    seen: dict[str, None] = {}
    for stored in store.transcripts(call_id):
        for segment in stored.transcript.segments:
            if segment.speaker:
                seen.setdefault(segment.speaker, None)
    return list(seen)


def check_label(label: str, language: str, detectors: Sequence[Annotator]) -> bool | None:
    """True if a personal-data detector finds personal data in ``label``; None if none could read it."""
    if not detectors:
        return None
    for detector in detectors:
        try:
            found = run_annotator(detector, Document(text=label, language=language))
        except Exception:  # noqa: BLE001  fail closed: a label no detector read is not shown to viewers
            return None
        if any(is_personal(f) for f in found):
            return True
    return False


def rename_speaker(store: Store, call_id: int, data: Any, actor: str,
                   detectors: Sequence[Annotator] = ()) -> dict[str, Any]:
    """Name one speaker of a call (validated, checked for personal data, audited); returns the call's labels."""
    rename = parse(SpeakerRename, data)
    call = store.get_call(call_id)
    if rename.speaker not in call_speakers(store, call.id):
        raise ReviewError("speaker is not a speaker of this call's transcripts")
    language = call.metadata.language if call.metadata.language in ("ru", "uk") else "ru"
    personal = check_label(rename.label, language, detectors) if rename.label else False
    store.set_speaker_label(call.id, rename.speaker, rename.label, personal=personal, actor=actor)
    return {"speakers": speaker_dicts(store.speaker_labels(call.id), call_speakers(store, call.id), True)}


def shown_label(label: SpeakerLabel | None, original: bool) -> str | None:
    """The name a user sees for a speaker: all of it for analysts and above, for viewers only a checked
    label without personal data (else masked)."""
    if label is None:
        return None
    if original or label.viewer_safe:
        return label.label
    return MASK


def speaker_dicts(labels: Sequence[SpeakerLabel], speakers: Sequence[str], original: bool) -> list[dict[str, Any]]:
    """Every speaker of the call with the name shown to this user (None: not named)."""
    by_key = {label.speaker: label for label in labels}
    out = []
    for speaker in speakers:
        label = by_key.get(speaker)
        out.append({"speaker": speaker, "label": shown_label(label, original),
                    "checked": None if label is None else label.personal is not None,
                    "masked": label is not None and not original and not label.viewer_safe})
    return out


_SPEAKER_CODE = re.compile(r"[A-Za-zА-ЯЁа-яё]?\d{0,2}")


def speaker_key_is_safe(key: str | None) -> bool:
    """Whether a viewer may see this speaker key as it is: a short code ("A", "Б", "S1") cannot be a name; any
    other key (an imported label such as "Максим:") may be one, and no detector reads keys. Fail closed."""
    return key is None or bool(_SPEAKER_CODE.fullmatch(key))
