"""Core data types shared by every layer of overheard.

Everything here is a frozen dataclass that validates itself on construction.
Offsets are half-open ``[start, end)`` Python string indices into the text the
finding was made on; times are seconds from the start of the recording.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC form (how overheard stores all text)."""
    return unicodedata.normalize("NFC", text)


def text_digest(text: str) -> str:
    """Return the sha256 hex digest of a text's UTF-8 bytes (identifies a transcript version)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _frozen_mapping(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(value or {}))


class FileKind(StrEnum):
    """What an original evidence file is."""

    AUDIO = "audio"
    TRANSCRIPT = "transcript"
    METADATA = "metadata"


class FindingKind(StrEnum):
    """The families of findings an annotator can produce."""

    TERM = "term"  # a coded / slang term from the lexicon
    CASUALTY = "casualty"  # a casualty mention with its count
    THEME = "theme"  # a theme of an utterance or a call
    ENTITY = "entity"  # a person, place, unit, phone, call sign, organisation


# The entity labels, those that identify people first. The personal-data labels are replaced by redaction,
# bleeped in clips and never shown to viewers, and an annotator that provides one is a personal-data
# detector. Defined here, once.
ENTITY_LABELS = ("PER", "PHONE", "CALLSIGN", "UNIT", "LOC", "ORG")
PERSONAL_DATA_LABELS = frozenset(ENTITY_LABELS[:4])


class ReviewStatus(StrEnum):
    """Where a finding stands in human review."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    CORRECTED = "corrected"


class Role(StrEnum):
    """What a user may do; each role includes everything of the roles before it."""

    VIEWER = "viewer"  # redacted text and audio only
    ANALYST = "analyst"  # reviews findings and corrects transcripts
    EDITOR = "editor"  # sees real names, exports unredacted material
    ADMIN = "admin"  # manages users

    @property
    def rank(self) -> int:
        """Position in the order viewer < analyst < editor < admin."""
        return list(Role).index(self)

    def allows(self, needed: Role) -> bool:
        """True when this role is ``needed`` or above it."""
        return self.rank >= Role(needed).rank


class TranscriptSource(StrEnum):
    """How a transcript version came to be."""

    IMPORTED = "imported"  # parsed from a transcript file that was ingested
    ASR = "asr"  # produced by speech recognition
    REVIEWED = "reviewed"  # corrected by a person


@dataclass(frozen=True)
class MediaInfo:
    """What probing an audio file found out about it."""

    duration: float
    channels: int
    sample_rate: int
    codec: str
    container: str

    def __post_init__(self) -> None:
        if self.duration < 0 or self.channels < 1 or self.sample_rate < 1:
            raise ValueError(f"implausible media info: {self}")


@dataclass(frozen=True)
class Recording:
    """One original evidence file as it sits in the vault."""

    sha256: str
    size: int
    kind: FileKind
    original_name: str
    vault_path: str  # relative to the workspace
    media: MediaInfo | None = None
    encoding: str | None = None  # detected text encoding for transcripts/metadata

    def __post_init__(self) -> None:
        if len(self.sha256) != 64:
            raise ValueError("sha256 must be 64 hex characters")


@dataclass(frozen=True)
class CallMetadata:
    """What is known about a call from its sidecar file or the command line."""

    recorded_at: datetime | None = None
    place: str | None = None
    oblast: str | None = None
    source: str | None = None
    obtained: str | None = None  # how the material was obtained
    participants: tuple[Participant, ...] = ()
    relation: str | None = None  # e.g. "brothers", "mother and son"
    notes: str | None = None
    language: str | None = None

    def merged_with(self, other: CallMetadata) -> CallMetadata:
        """Return a copy where every field set in ``other`` overrides this one."""
        values = {}
        for name in self.__dataclass_fields__:
            mine, theirs = getattr(self, name), getattr(other, name)
            values[name] = theirs if theirs not in (None, ()) else mine
        return CallMetadata(**values)


@dataclass(frozen=True)
class Call:
    """A call as listed and shown: its identity, metadata and a summary of its files."""

    id: int
    key: str  # the base file name its files share
    metadata: CallMetadata
    review_status: str = "new"
    duration: float | None = None  # longest audio original, seconds
    channels: int | None = None
    speakers: tuple[str, ...] = ()
    has_audio: bool = False
    transcript_version: int | None = None


@dataclass(frozen=True)
class Participant:
    """A party to a call, as the metadata describes them (a label, not necessarily a name)."""

    label: str  # speaker label used in the transcript, e.g. "A", "Мать"
    role: str | None = None  # e.g. "soldier", "mother"
    name: str | None = None  # personal data: only shown to roles allowed to see it
    channel: int | None = None  # stereo channel this party is on (0-based)


@dataclass(frozen=True)
class Word:
    """A recognised word with its timing and confidence."""

    start: float
    end: float
    text: str
    probability: float = 1.0

    def __post_init__(self) -> None:
        if self.end < self.start or self.start < 0:
            raise ValueError(f"bad word timing {self.start}-{self.end}")
        if not 0.0 <= self.probability <= 1.0:
            raise ValueError("word probability must lie in [0, 1]")


@dataclass(frozen=True)
class Segment:
    """One utterance: a speaker turn with optional timing, words and flags."""

    text: str
    speaker: str | None = None
    start: float | None = None
    end: float | None = None
    language: str | None = None
    language_probability: float | None = None
    channel: int | None = None
    words: tuple[Word, ...] = ()
    flags: tuple[str, ...] = ()  # e.g. "repetition_loop", "stock_phrase", "low_confidence"
    translation: str | None = None  # English rendering, never replacing ``text``

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"segment ends before it starts: {self.start}-{self.end}")


@dataclass(frozen=True)
class Transcript:
    """A version of a call's text, split into segments.

    ``text`` is the segments' texts joined by newlines; ``segment_offsets``
    gives each segment's ``[start, end)`` range inside ``text`` so findings made
    on the whole text can be traced back to a speaker and a second of audio.
    """

    segments: tuple[Segment, ...]
    language: str | None = None
    source: TranscriptSource = TranscriptSource.IMPORTED
    producer: str | None = None  # parser or model that made it

    @property
    def text(self) -> str:
        """The transcript as one string (segments joined by newlines)."""
        return "\n".join(segment.text for segment in self.segments)

    @property
    def segment_offsets(self) -> tuple[tuple[int, int], ...]:
        """Character range of each segment inside :attr:`text`."""
        offsets, position = [], 0
        for segment in self.segments:
            offsets.append((position, position + len(segment.text)))
            position += len(segment.text) + 1
        return tuple(offsets)

    @property
    def digest(self) -> str:
        """Hash identifying this exact text (findings are anchored to it)."""
        return text_digest(self.text)


@dataclass(frozen=True)
class Document:
    """What an annotator reads: a text, its language and its utterance boundaries."""

    text: str
    language: str = "ru"  # "ru", "uk" (after detection; never "auto" here)
    utterances: tuple[tuple[int, int], ...] = ()  # empty: the whole text is one utterance
    region: str | None = None  # the call's oblast from metadata, a prior for place names

    @property
    def utterance_ranges(self) -> tuple[tuple[int, int], ...]:
        """The utterance ranges, or the whole text as one utterance."""
        return self.utterances or ((0, len(self.text)),)


@dataclass(frozen=True)
class Finding:
    """A piece of evidence an annotator (or a person) found in a text.

    ``label`` is the term category, casualty category, theme name or entity
    type; ``attributes`` holds the kind-specific details (count, approximate,
    term_id, gloss, normal form, geo ...).
    """

    kind: FindingKind
    label: str
    start: int
    end: int
    text: str
    score: float
    producer: str  # registered annotator name with version, e.g. "casualty.v1"
    explanation: str
    attributes: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score {self.score} outside [0, 1]")
        if not self.producer:
            raise ValueError("a finding needs a producer")
        object.__setattr__(self, "kind", FindingKind(self.kind))
        object.__setattr__(self, "attributes", _frozen_mapping(self.attributes))

    def check_against(self, text: str) -> None:
        """Raise ``ValueError`` unless this finding's span lies in ``text`` and matches it."""
        if self.end > len(text) or text[self.start : self.end] != self.text:
            raise ValueError(f"finding {self.label} does not match its text span")

    def as_dict(self) -> dict[str, Any]:
        """A plain JSON-ready copy (never the live object)."""
        return {
            "kind": str(self.kind),
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": self.score,
            "producer": self.producer,
            "explanation": self.explanation,
            "attributes": plain(self.attributes),
        }


def plain(value: Any) -> Any:
    """A JSON-ready deep copy: mappings (frozen ones too) become dicts, tuples become lists."""
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


@dataclass(frozen=True)
class AnnotationRun:
    """One annotator's machine findings on one transcript version, stored together with its run record.

    ``personal_data`` marks a personal-data detector: a viewer sees a segment unmasked only where
    such a run checked it, so ``unchecked_segments`` names the segment positions it did not look at.
    """

    producer: str
    findings: tuple[Finding, ...]
    config_digest: str
    personal_data: bool = False
    unchecked_segments: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "findings", tuple(self.findings))
        object.__setattr__(self, "unchecked_segments", frozenset(self.unchecked_segments))


@dataclass(frozen=True)
class StoredTranscript:
    """A transcript version as kept in the store."""

    id: int
    call_id: int
    version: int
    transcript: Transcript
    created_at: datetime
    actor: str
    settings: Mapping[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The transcript's full text."""
        return self.transcript.text


@dataclass(frozen=True)
class StoredFinding:
    """A finding as kept in the store, with its review state and its place in time."""

    id: int
    call_id: int
    transcript_id: int
    finding: Finding
    origin: str  # "machine" or "human"
    review_status: ReviewStatus
    segment_position: int | None = None
    time_start: float | None = None
    time_end: float | None = None
    supersedes_id: int | None = None
    reviewed_by: str | None = None
    reviewed_at: datetime | None = None
    revision: int = 0  # bumped by every decision; a decision names the revision it was made on


@dataclass(frozen=True)
class CarriedFinding:
    """A finding of an unchanged segment moved onto a new transcript version, keeping its decision."""

    old: StoredFinding
    finding: Finding  # the same finding, shifted to its offsets in the new text


@dataclass(frozen=True)
class Supersession:
    """A person's finding that replaces a stored one (a correction, a merge), made on a known revision."""

    old_id: int
    finding: Finding
    expected_revision: int | None = None  # None: whatever the old finding's state (CLI and scripts)
