"""What the call page shows of the speech area: version choices, named speakers, translation provenance."""

from __future__ import annotations

from typing import Any

from overheard.model import StoredTranscript
from overheard.review import speakers as speaker_names
from overheard.review import versions as version_views
from overheard.store import Store


def call_speech(store: Store, call_id: int, current: StoredTranscript | None, original: bool) -> dict[str, Any]:
    """The version choices, the speakers with the names this user may see, and where the English came from.

    ``original``: the user may see original text (analysts and above); viewers get a speaker's name
    only when a detector checked it and found no personal data, and no translation at all.
    """
    labels = store.speaker_labels(call_id)
    speakers = speaker_names.speaker_dicts(labels, speaker_names.call_speakers(store, call_id), original)
    return {
        "version_choices": [c.as_dict() for c in version_views.version_choices(store, call_id)],
        "speakers": speakers,
        "translation": version_views.translation_provenance(current) if current and original else None,
    }


def name_speakers(transcript: dict[str, Any] | None, speakers: list[dict[str, Any]]) -> None:
    """Give every segment of a transcript dict the name of its speaker (``speaker_label``; None if unnamed)."""
    if not transcript:
        return
    names = {s["speaker"]: s["label"] for s in speakers}
    for segment in transcript["segments"]:
        segment["speaker_label"] = names.get(segment["speaker"])
