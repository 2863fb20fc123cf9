"""What the pages and their JSON twins show, built from the store for one user's access.

Every builder returns plain JSON-ready data; the API returns it as is and the
HTML pages render it. Redaction for roles that may not see originals happens
here, before anything leaves the server.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from overheard.model import (
    Call,
    FindingKind,
    ReviewStatus,
    StoredFinding,
    StoredTranscript,
    tally_casualties,
)
from overheard.redact.operators import (
    MASK_CHAR,
    is_personal,
    mask_spans,
    personal_words,
    scrub,
    viewer_masked_spans,
)
from overheard.review.speakers import speaker_key_is_safe
from overheard.speech.hallucination import FLAG_MEANINGS, FlagThresholds
from overheard.store import Store
from overheard.web.auth import Access
from overheard.web.call_speech import call_speech, name_speakers
from overheard.web.explain import kind_words, label_words
from overheard.web.playable import PLAYABLE_KIND

LOW_WORD_PROBABILITY = FlagThresholds().word_probability  # as `transcribe --format json` marks words

MASK = MASK_CHAR
PERSONAL_FIELDS = ("source", "obtained", "notes", "relation")  # free text that may name people


def redaction_spans(stored: StoredTranscript, findings: Iterable[StoredFinding],
                    unchecked: Collection[int] | None) -> list[tuple[int, int]]:
    """The spans a viewer must not see: personal entity findings, and segments no detector has checked."""
    return viewer_masked_spans(findings, stored.transcript.segment_offsets, unchecked)


def word_offsets(segment_text: str, words: Sequence[Any]) -> list[tuple[int, int] | None]:
    """Character range of each timed word inside its segment's text (None when not found)."""
    offsets: list[tuple[int, int] | None] = []
    cursor = 0
    for word in words:
        token = word.text.strip()
        found = segment_text.find(token, cursor) if token else -1
        if found < 0:
            offsets.append(None)
            continue
        cursor = found + len(token)
        offsets.append((found, cursor))
    return offsets


def _scrub_value(value: Any, words: Sequence[str]) -> Any:
    if isinstance(value, str):
        return scrub(value, words)
    if isinstance(value, dict):
        return {key: _scrub_value(item, words) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub_value(item, words) for item in value]
    return value


def finding_dict(stored: StoredFinding, access: Access, spans: Sequence[tuple[int, int]],
                 words: Sequence[str] = ()) -> dict[str, Any]:
    """A finding for the user's access: personal entities and any quotes of them are masked for viewers."""
    data = stored.finding.as_dict()
    data.update(
        id=stored.id,
        call_id=stored.call_id,
        transcript_id=stored.transcript_id,
        origin=stored.origin,
        review_status=stored.review_status.value,
        segment_position=stored.segment_position,
        time_start=stored.time_start,
        time_end=stored.time_end,
        supersedes_id=stored.supersedes_id,
        reviewed_by=stored.reviewed_by,
        reviewed_at=stored.reviewed_at.isoformat() if stored.reviewed_at else None,
        revision=stored.revision,
    )
    if not access.original:
        data["text"] = mask_spans(data["text"], spans, stored.finding.start)
        if MASK_CHAR * len(data["text"]) == data["text"] and not is_personal(stored.finding):
            # wholly inside a segment no detector checked: its explanation may quote a name
            data["explanation"] = f"{stored.finding.label} (not yet checked for personal data)"
            data["attributes"] = {}
        elif is_personal(stored.finding):
            data["explanation"] = f"{stored.finding.label} (redacted)"
            data["attributes"] = {}
        else:  # explanations quote the phrase a rule fired on, which may hold a name
            data["explanation"] = scrub(data["explanation"], words)
            data["attributes"] = _scrub_value(data["attributes"], words)
    return data


def viewer_speaker_keys(speakers: Iterable[str | None]) -> dict[str | None, str]:
    """What viewers see for each speaker key: a short code ("A", "Б", "S1") as it is; any other key (an
    imported label such as "Максим:" may be a name, and no detector reads keys) becomes "speaker N",
    numbered in order of appearance. Fail closed: a key is shown only when it cannot be a name."""
    unsafe = sorted({s for s in speakers if not speaker_key_is_safe(s)})
    return {speaker: f"speaker {number}" for number, speaker in enumerate(unsafe, 1)}


def hide_speaker_keys(detail: dict[str, Any]) -> None:
    """Replace, for a viewer, every speaker key of a call detail that could be a name (see
    :func:`viewer_speaker_keys`), the same way in the call's speakers, the transcript and the speaker names."""
    transcript = detail.get("transcript") or {"segments": []}
    keys = [*detail["call"]["speakers"], *(s["speaker"] for s in transcript["segments"]),
            *(s["speaker"] for s in detail.get("speakers", ()))]
    shown = viewer_speaker_keys(keys)
    if not shown:
        return
    detail["call"]["speakers"] = list(dict.fromkeys(shown.get(k, k) for k in detail["call"]["speakers"]))
    for item in (*transcript["segments"], *detail.get("speakers", ())):
        item["speaker"] = shown.get(item["speaker"], item["speaker"])


def transcript_dict(stored: StoredTranscript, access: Access, spans: Sequence[tuple[int, int]],
                    unchecked: Collection[int] | None = ()) -> dict[str, Any]:
    """A transcript version with segments and timed words, masked for viewers.

    ``unchecked`` names the segments no personal-data detector has checked (None: all of them);
    viewers see those fully masked, and each segment says so (``unchecked``).
    """
    blind = set(range(len(stored.transcript.segments))) if unchecked is None else set(unchecked)
    segments = []
    for position, (segment, (char_start, char_end)) in enumerate(
        zip(stored.transcript.segments, stored.transcript.segment_offsets, strict=True)
    ):
        offsets = word_offsets(segment.text, segment.words)
        text = segment.text if access.original else mask_spans(segment.text, spans, char_start)
        words = []
        for word, found in zip(segment.words, offsets, strict=True):
            word_text = word.text
            if not access.original:
                word_text = text[found[0] : found[1]] if found else MASK
            words.append({"start": word.start, "end": word.end, "text": word_text, "probability": word.probability,
                          "char_start": char_start + found[0] if found else None,
                          "char_end": char_start + found[1] if found else None})
        segments.append({
            "position": position,
            "speaker": segment.speaker,
            "start": segment.start,
            "end": segment.end,
            "char_start": char_start,
            "char_end": char_end,
            "language": segment.language,
            "text": text,
            # a translation is not aligned to the spans, so viewers do not get it
            "translation": segment.translation if access.original else None,
            "language_probability": segment.language_probability,
            "flags": list(segment.flags),
            "flag_notes": {flag: FLAG_MEANINGS.get(flag, flag) for flag in segment.flags},
            "words": words,
            # recognised words carry the recogniser's confidence; aligned ones (a written text) do not
            "word_timing": "recognised" if stored.transcript.source.value == "asr" else "aligned",
            "unchecked": position in blind,  # no personal-data check yet: masked whole for viewers
        })
    return {
        "id": stored.id,
        "version": stored.version,
        "source": stored.transcript.source.value,
        "language": stored.transcript.language,
        "producer": stored.transcript.producer,
        "created_at": stored.created_at.isoformat(),
        "actor": stored.actor,
        "segments": segments,
        "redacted": not access.original,
    }


# details of custody entries that name files, call keys or paths: a file named after a person must not
# reach a role that may not see names (the same rule as recordings[].name)
NAMING_DETAILS = frozenset({"name", "key", "path", "vault_path", "source_path", "original_name", "settings"})


def audit_dicts(store: Store, call_id: int, access: Access | None = None) -> list[dict[str, Any]]:
    """The call's chain-of-custody entries, oldest first; file names, keys and paths only for roles that see names."""
    entries = []
    for row in store.audit_entries(call_id):
        details = json.loads(row.details or "{}")
        if access is not None and not access.names and isinstance(details, dict):
            details = {key: ("(hidden)" if key in NAMING_DETAILS else value) for key, value in details.items()}
        entries.append({"id": row.id, "at": row.at, "actor": row.actor, "action": row.action,
                        "object_type": row.object_type, "object_id": row.object_id, "details": details,
                        "hash": row.hash})
    return entries


def metadata_dict(call: Call, access: Access) -> dict[str, Any]:
    """The call's metadata with real names and personal free text removed for roles that may not see them."""
    data = call.metadata.as_dict()
    if not access.names:
        for participant in data["participants"]:
            participant["name"] = None
        for name in PERSONAL_FIELDS:
            data[name] = None if data.get(name) is None else "(hidden)"
    return data


# derived audio kinds safe for every role: names bleeped ("audio.redacted", "audio.clip.redacted"). A voice
# disguise alone is not enough: the names would still be heard.
VIEWER_AUDIO_MARKERS = ("redacted",)
LEGACY_CLIP_KIND = "clip"  # clips made before v2 (bleeped from recognised text): analysts and above only


def viewer_may_hear(kind: str) -> bool:
    """True for derived audio that has its names bleeped."""
    return kind.startswith("audio") and any(marker in kind.split(".") for marker in VIEWER_AUDIO_MARKERS)


def recordings(store: Store, call_id: int, access: Access) -> list[dict[str, Any]]:
    """Audio the user may play: originals and all derived audio for analysts and above, redacted audio for all."""
    items = []
    if access.original:
        for row in store.recordings(call_id):
            items.append({"id": row.id, "kind": "original", "name": row.original_name if access.names else None,
                          "duration": row.duration, "channels": row.channels, "format": row.format,
                          "url": f"/api/calls/{call_id}/audio/{row.id}"})
    for row in store.derived_files(call_id):
        if row.kind == PLAYABLE_KIND:
            continue  # served in place of its original, under the original's URL
        audio = row.kind.startswith("audio") or row.kind == LEGACY_CLIP_KIND
        if audio and (access.original or viewer_may_hear(row.kind)):
            settings = row.settings or {}
            items.append({"id": row.id, "kind": row.kind, "name": None, "duration": None, "channels": None,
                          "format": None, "url": f"/api/calls/{call_id}/derived/{row.id}",
                          "clip": _clip_label(settings) if "clip" in row.kind.split(".") else None})
    return items


def call_summary(findings: Iterable[StoredFinding]) -> dict[str, Any]:
    """The call page's header: casualties by category and side, themes, findings pending (numbers and categories
    only, the same for every role)."""
    counted = [f for f in findings if f.review_status in (ReviewStatus.PENDING, ReviewStatus.ACCEPTED)]
    return {
        "casualties": [tally.as_dict() for tally in tally_casualties(
            (f.finding.label, f.finding.attributes) for f in counted if f.finding.kind == FindingKind.CASUALTY)],
        "themes": sorted({f.finding.label for f in counted if f.finding.kind == FindingKind.THEME}),
        "pending": sum(1 for f in counted if f.review_status == ReviewStatus.PENDING),
    }


def _clip_label(settings: Any) -> str:
    """What a clip is, for its player: its range and what was done to it."""
    start, end = settings.get("start"), settings.get("end")
    when = f"{start or 0:g}-{end:g} s" if end is not None else f"from {start or 0:g} s"
    done = [word for word, flag in (("bleeped", settings.get("bleep")), ("voice disguised", settings.get("disguise")))
            if flag]
    return f"clip {when}" + (f" ({', '.join(done)})" if done else "")


def call_detail(store: Store, call_ref: int | str, access: Access) -> dict[str, Any]:
    """Everything the call page shows: metadata, audio, transcript, findings and custody."""
    call = store.get_call(call_ref)
    current = store.current_transcript(call.id)
    findings = store.findings(transcript_id=current.id) if current else []
    unchecked = store.unchecked_segments([current.id])[current.id] if current else None
    spans = redaction_spans(current, findings, unchecked) if current else []
    words = [] if access.original else personal_words(findings)
    versions = [{"id": t.id, "version": t.version, "source": t.transcript.source.value, "actor": t.actor,
                 "created_at": t.created_at.isoformat()} for t in store.transcripts(call.id)]
    detail = {
        "call": {
            "id": call.id,
            "key": call.key,
            "review_status": call.review_status,
            "duration": call.duration,
            "channels": call.channels,
            "speakers": list(call.speakers),
            "has_audio": call.has_audio,
            "metadata": metadata_dict(call, access),
        },
        "recordings": recordings(store, call.id, access),
        "transcript": transcript_dict(current, access, spans, unchecked) if current else None,
        "versions": versions,
        "findings": [finding_dict(f, access, spans, words) for f in findings],
        "summary": call_summary(findings),
        "custody": audit_dicts(store, call.id, access),
    }
    detail |= call_speech(store, call.id, current, access.original)  # version choices, speaker names, translation
    name_speakers(detail["transcript"], detail["speakers"])
    if not access.original:
        hide_speaker_keys(detail)
    return detail


def render_runs(segment: dict[str, Any], findings: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cut a segment's text into runs for the page: each run knows its word (for timing) and findings."""
    base, text = segment["char_start"], segment["text"]
    cuts = {0, len(text)}
    words = [(w["char_start"] - base, w["char_end"] - base, index, w["start"], w["probability"])
             for index, w in enumerate(segment["words"]) if w["char_start"] is not None]
    marks = [(max(f["start"] - base, 0), min(f["end"] - base, len(text)), f) for f in findings
             if f["review_status"] != ReviewStatus.REJECTED.value
             and f["start"] < segment["char_end"] and f["end"] > base]
    for start, end, *_ in words + marks:
        cuts.update((start, end))
    edges = sorted(cut for cut in cuts if 0 <= cut <= len(text))
    runs = []
    for start, end in zip(edges, edges[1:], strict=False):
        word = next(((index, t, p) for ws, we, index, t, p in words if ws <= start and end <= we), None)
        covering = [f for fs, fe, f in marks if fs <= start and end <= fe]
        runs.append({
            "text": text[start:end],
            "char": base + start,
            "word": word[0] if word else None,
            "time": word[1] if word else None,
            # the recogniser was unsure of this word: shown for review (the JSON marks it too)
            "unsure": round(word[2], 2) if word and word[2] < LOW_WORD_PROBABILITY
            and segment.get("word_timing", "recognised") == "recognised" else None,
            "findings": " ".join(str(f["id"]) for f in covering),
            "kinds": " ".join(sorted({f["kind"] for f in covering})),
            "title": "\n".join(f"{kind_words(f['kind'])}: {label_words(f['kind'], f['label'])}" for f in covering),
        })
    return runs
