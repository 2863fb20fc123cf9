"""What a published call or quote is: redacted segments, findings, pseudonymous people and places.

Every string in these records has already been redacted and leak-checked by the job that built them;
exporters (:mod:`overheard.publish.formats`) only lay them out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class PublishedSegment:
    """One redacted utterance: speaker label (pseudonymised when it was a name), times, text, English."""

    position: int
    speaker: str | None
    start: float | None
    end: float | None
    text: str
    language: str | None = None
    translation: str | None = None  # English, redacted; None when there is none (or it was withheld)


@dataclass(frozen=True)
class PublishedFinding:
    """A finding as published: what and where (seconds), its redacted text and its review status."""

    kind: str
    label: str
    text: str
    start_s: float | None
    end_s: float | None
    review_status: str
    count: int | None = None
    approximate: bool | None = None
    side: str | None = None
    producer: str = ""


@dataclass(frozen=True)
class PublishedPerson:
    """A person as published: only their pseudonym, gender and whether they speak in the call."""

    pseudonym: str
    gender: str | None = None
    mentions: int = 0
    speaker: str | None = None  # the (pseudonymised) speaker label when this person is a party to the call
    role: str | None = None  # "mother", "soldier" (the metadata's role, never a name)


@dataclass(frozen=True)
class PublishedPlace:
    """A place named in the call, as the redaction policy lets it out (kept, or generalised to its oblast)."""

    name: str
    oblast: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class PublishedCall:
    """A call (or one quote of it) ready to be written in any format."""

    ref: str  # "call-3" or "quote-7": never the call key, which may be a file name holding a name
    call_id: int
    title: str
    recorded_at: str | None
    oblast: str | None
    language: str | None
    duration: float | None
    policy: Mapping[str, str]  # {"mode": "pseudonym", "places": "keep"}
    transcript_version: int
    transcript_source: str
    segments: tuple[PublishedSegment, ...]
    findings: tuple[PublishedFinding, ...] = ()
    people: tuple[PublishedPerson, ...] = ()
    places: tuple[PublishedPlace, ...] = ()
    note: str | None = None  # a quote's note
    audio_sha256: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def timed(self) -> bool:
        """Whether every segment with text has a start time (subtitles need them)."""
        return all(s.start is not None for s in self.segments if s.text.strip())

    @property
    def has_english(self) -> bool:
        """Whether any segment has an English translation."""
        return any(s.translation for s in self.segments)

    def header(self) -> list[tuple[str, str]]:
        """The call's metadata and the redaction policy as (field, value) lines for document headers."""
        rows = [("Call", self.title), ("Recorded", self.recorded_at or "unknown"), ("Oblast", self.oblast or "unknown"),
                ("Language", self.language or "unknown")]
        if self.duration:
            rows.append(("Duration", f"{self.duration:.0f} s"))
        rows += [("Transcript", f"version {self.transcript_version} ({self.transcript_source})"),
                 ("Redaction", f"people, phones, call signs and units: {self.policy.get('mode')}; "
                               f"places: {self.policy.get('places')}")]
        if self.note:
            rows.append(("Note", self.note))
        return rows


def clock(seconds: float | None) -> str:
    """"01:23" (or "1:02:03") for a second of audio; "--:--" when unknown."""
    if seconds is None:
        return "--:--"
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"
