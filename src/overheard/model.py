"""Core data types shared by every layer of overheard.

Everything here is a frozen dataclass that validates itself on construction, but for the two
records made by the thousand per request (a search posting, a call's header): immutable typed
NamedTuples, about five times cheaper to make.
Offsets are half-open ``[start, end)`` Python string indices into the text the
finding was made on; times are seconds from the start of the recording.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any, NamedTuple


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

# Whose losses a casualty mention reports (ANNOTATION.md, Side): the speaker's side, the other army's, or
# not decided by the text. The casualties annotator writes it as ``attributes["side"]``; a finding without
# it (older runs, hand-made findings that did not say) reads as "unknown". Defined here, once.
CASUALTY_SIDES = ("own", "enemy", "unknown")
UNKNOWN_SIDE = "unknown"


def casualty_side(attributes: Mapping[str, Any]) -> str:
    """The side of a casualty mention from its attributes: "own", "enemy" or "unknown" (absent or odd)."""
    side = attributes.get("side")
    return side if side in CASUALTY_SIDES else UNKNOWN_SIDE



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

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready values (dates as ISO strings, participants as dicts)."""
        values = {name: getattr(self, name) for name in METADATA_FIELDS}
        if values["recorded_at"] is not None:
            values["recorded_at"] = values["recorded_at"].isoformat()
        values["participants"] = [participant.as_dict() for participant in self.participants]
        return values


METADATA_FIELDS = ("recorded_at", "place", "oblast", "source", "obtained", "relation", "notes", "language")


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

    def as_dict(self) -> dict[str, Any]:
        """The participant as a plain dict."""
        return {"label": self.label, "role": self.role, "name": self.name, "channel": self.channel}


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
        if type(self.kind) is not FindingKind:  # annotators pass the member itself: no enum lookup then
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


_SCALARS = frozenset({str, int, float, bool, type(None)})  # what plain() returns as it is, without the ABC checks
_MAPPINGS = frozenset({dict, MappingProxyType})


def plain(value: Any) -> Any:
    """A JSON-ready deep copy: mappings (frozen ones too) become dicts, tuples become lists."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind in _MAPPINGS or isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


SUPERSEDED_DIGEST = "superseded"  # the config digest of a run record whose annotator version a newer one replaced


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
class SegmentTiming:
    """A segment's timing before an alignment changed it: what the imported file said."""

    start: float | None
    end: float | None
    channel: int | None
    words: int  # how many timed words it had


@dataclass(frozen=True)
class StoredAlignment:
    """Word timings given to a transcript version by forced alignment (text unchanged), with provenance."""

    id: int
    call_id: int
    transcript_id: int
    producer: str  # "whisper-align:<model name>"
    settings: Mapping[str, Any]  # model sha256, alignment settings and their digest, audio sha256
    before: tuple[SegmentTiming, ...]  # each segment's timing as it was, by position
    words: int  # words given timings
    created_at: datetime
    actor: str


@dataclass(frozen=True)
class SpeakerLabel:
    """A person's name for a speaker of a call (a channel or a cluster label such as "A").

    ``personal`` is None when no personal-data detector checked the label: viewers then see it
    masked, as they would an unchecked segment; True when a detector found personal data in it.
    """

    call_id: int
    speaker: str
    label: str
    personal: bool | None
    updated_at: datetime
    actor: str

    @property
    def viewer_safe(self) -> bool:
        """True only when a detector checked the label and found no personal data in it."""
        return self.personal is False


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


# ---- records the store returns (``overheard.store``): plain copies, never live database rows --------
@dataclass(frozen=True)
class StoredFile:
    """An original evidence file as recorded at ingest (the bytes sit in the vault, never modified)."""

    id: int
    call_id: int
    sha256: str
    size: int
    kind: str  # audio | transcript | metadata (FileKind values)
    original_name: str
    source_path: str  # where it was read from (display form)
    vault_path: str  # relative to the workspace root
    version: int
    previous_id: int | None
    format: str | None  # container or transcript format
    encoding: str | None
    duration: float | None
    channels: int | None
    sample_rate: int | None
    codec: str | None
    ingested_at: datetime
    actor: str


@dataclass(frozen=True)
class DerivedFile:
    """A file made from evidence (converted audio, clip, export) with its provenance."""

    id: int
    call_id: int | None
    kind: str  # e.g. "audio.playable", "audio.redacted"
    path: str  # relative to the workspace root
    sha256: str
    source_sha256: str | None
    producer: str | None
    settings: Mapping[str, Any]
    created_at: datetime
    actor: str


@dataclass(frozen=True)
class IngestItem:
    """What happened to one input path in an ingest run (kept for failed and skipped paths too)."""

    id: int
    run_id: str
    source_path: str
    status: str  # ingested | new_version | unchanged | failed
    code: str | None
    message: str | None
    sha256: str | None
    call_id: int | None
    at: datetime


@dataclass(frozen=True)
class AuditEntry:
    """One entry of the hash-chained chain-of-custody log."""

    id: int
    at: str  # ISO 8601 UTC, part of the hashed content
    actor: str
    action: str
    object_type: str
    object_id: str
    call_id: int | None
    before_digest: str | None
    after_digest: str | None
    details: str  # canonical JSON, as hashed
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class AuditProblem:
    """One place where the audit chain does not hold."""

    entry_id: int | None
    problem: str


@dataclass(frozen=True)
class StoreChanges:
    """What the writes after one audit position touched, read from the audit log (every write appends to it).

    Read models kept between requests (Trends, the register, the timeline) rebuild only the calls named
    here; an entry that names no call is listed by its action, and a consumer that does not know an
    action rebuilds everything (fail safe). ``rewound``: the log is shorter than the position asked
    about (another database), so nothing kept from before can be trusted.
    """

    since: int
    version: int  # the audit log's length now: pass it as ``since`` next time
    calls: frozenset[int]  # calls named by the entries after ``since``
    actions: frozenset[str]  # actions of the entries after ``since`` that name no call
    rewound: bool = False


class CallHeader(NamedTuple):
    """A call's identity, time and place, without its files and transcripts (one row per call)."""

    id: int
    key: str
    recorded_at: datetime | None
    place: str | None
    oblast: str | None


# A city that is a first-level region of its own, inside the oblast around it: the map draws and counts it in the
# oblast's face, and a filter by the oblast takes its calls in (the gazetteer names Kyiv's city region "Kyiv City";
# the map's borders have Kyiv city and oblast as one face).
DRAWN_WITHIN: Mapping[str, tuple[str, ...]] = MappingProxyType({"Kyiv": ("Kyiv City",)})


@dataclass(frozen=True)
class CallFilters:
    """What the calls list is narrowed to; empty fields do not filter.

    ``oblast`` is the region asked for (a call's region: its metadata oblast as the gazetteer reads it,
    ``overheard.annotate.regions``); the store compares raw metadata strings, so the layer that normalises
    fills ``oblast_spellings`` with the stored spellings of that region. Without them ``oblast`` is compared as
    given."""

    date_from: date | None = None
    date_to: date | None = None  # inclusive
    oblast: str | None = None
    theme: str | None = None  # a theme finding on the current transcript
    casualty: str | None = None  # a casualty finding on the current transcript
    language: str | None = None  # the call's language, else its current transcript's
    speaker: str | None = None  # a speaker label of the current transcript
    status: str | None = None  # review status: new | in_review | verified
    side: str | None = None  # with casualty: a casualty finding of this side (own | enemy | unknown)
    tag: str | None = None  # the call carries this tag
    starred: str | None = None  # the call is starred by this user (the web passes the logged-in user)
    oblast_spellings: tuple[str, ...] = ()  # the metadata oblast strings that are the region ``oblast`` asks for

    def as_query(self) -> dict[str, str]:
        """The filters as query-string values (for links that keep them)."""
        return {key: str(value) for key, value in asdict(self).items()
                if value not in (None, "") and key != "oblast_spellings"}


CASUALTY_ORDER = ("killed", "wounded", "missing", "refused", "captured", "deserted")  # how tables list them


@dataclass(frozen=True)
class CasualtyTally:
    """Casualty mentions of one category and side: people stated, mentions, and mentions without a number."""

    category: str
    side: str  # own | enemy | unknown
    people: int  # the sum of the stated counts (approximate ones at their lower bound)
    mentions: int
    unnumbered: int  # vague ("много") or bare ("есть двухсотые"): in mentions, not in people

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready copy (numbers and categories only: safe for every role)."""
        return asdict(self)


def tally_casualties(mentions: Iterable[tuple[str, Mapping[str, Any]]]) -> tuple[CasualtyTally, ...]:
    """Casualty mentions, as (category, attributes) pairs, summed by category and side (own first), in the
    tables' category order."""
    people: dict[tuple[str, str], list[int]] = {}
    for category, attributes in mentions:
        count = attributes.get("count")
        numbered = isinstance(count, int) and not isinstance(count, bool)
        entry = people.setdefault((category, casualty_side(attributes)), [0, 0, 0])
        entry[0] += count if numbered else 0
        entry[1] += 1
        entry[2] += 0 if numbered else 1

    def order(key: tuple[str, str]) -> tuple[int, int, str]:
        category, side = key
        rank = CASUALTY_ORDER.index(category) if category in CASUALTY_ORDER else len(CASUALTY_ORDER)
        return CASUALTY_SIDES.index(side), rank, category

    return tuple(CasualtyTally(category, side, *people[(category, side)])
                 for category, side in sorted(people, key=order))


@dataclass(frozen=True)
class CallSummary:
    """One line of the calls list: the call and the figures of its current transcript."""

    id: int
    key: str
    recorded_at: datetime | None
    oblast: str | None
    place: str | None
    language: str | None  # the call's, else its current transcript's
    review_status: str
    duration: float | None  # longest audio original, seconds
    findings: int  # on the current transcript, rejected ones left out
    pending: int  # of those, not yet reviewed
    transcript_version: int | None
    casualties: tuple[CasualtyTally, ...] = ()  # counted findings (pending or accepted) by category and side
    themes: tuple[str, ...] = ()  # themes of counted findings


@dataclass(frozen=True)
class CallListPage:
    """One page of the calls list with its counts and the values each filter can take."""

    calls: tuple[CallSummary, ...]
    total: int  # calls in the store
    matching: int  # calls passing the filters
    by_status: Mapping[str, int]  # matching calls per review status
    facets: Mapping[str, tuple[str, ...]]  # filter name -> values found in the store
    sort: str  # the sort applied, "-" first when descending
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        """Number of pages of matching calls (at least one)."""
        return max(1, -(-self.matching // self.page_size))


@dataclass(frozen=True)
class QueueItem:
    """A pending finding in the review queue, with the key of its call."""

    finding: StoredFinding
    call_key: str


@dataclass(frozen=True)
class ReviewQueue:
    """Findings to review on current transcripts (first page), how many are pending in all and how many match."""

    pending: int
    items: tuple[QueueItem, ...]
    matching: int = 0  # findings matching the queue's filters (all pages)
    by_kind: tuple[tuple[str, int], ...] = ()  # matching findings per kind


@dataclass(frozen=True)
class QueueFilters:
    """What the review queue is narrowed to; empty fields do not filter."""

    kind: str | None = None  # term | casualty | theme | entity
    label: str | None = None  # the finding's category, theme or entity label
    theme: str | None = None  # the call has a live theme finding with this label
    call: int | None = None
    oblast: str | None = None
    max_score: float | None = None  # confidence at most this
    status: str = "pending"  # pending | accepted | rejected | corrected | any
    tag: str | None = None  # the finding carries this tag
    starred: str | None = None  # the finding is starred by this user
    oblast_spellings: tuple[str, ...] = ()  # as CallFilters: the metadata oblast strings of the region asked for


@dataclass(frozen=True)
class PersonMention:
    """One raw person (PER) mention in a transcript version, with its machine grouping key."""

    key: str  # "сергей|петров", or "сергей@call-01" for a bare first name
    call_id: int | None
    transcript_id: int | None
    start: int
    end: int
    text: str
    normal: str | None
    attributes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EntityForm:
    """A phone, call sign or unit mention (kept for leak checks across the workspace)."""

    label: str  # PHONE | CALLSIGN | UNIT
    call_id: int | None
    transcript_id: int | None
    start: int
    end: int
    text: str
    normal: str | None


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a transcript version, resolved to a settlement, oblast and coordinates (if it could be)."""

    call_id: int
    transcript_id: int
    start: int
    end: int
    text: str
    name: str | None = None
    oblast: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class PeopleFound:
    """What entity detection found in one current transcript version: person mentions and other forms."""

    transcript_id: int
    call_id: int
    language: str  # ru | uk: the language pseudonyms of new candidates are made in
    mentions: tuple[PersonMention, ...]
    forms: tuple[EntityForm, ...]
    places: tuple[PlaceMention, ...] = ()


@dataclass(frozen=True)
class PersonDraft:
    """A new person candidate before it is stored: display name (personal data), gender and pseudonym."""

    display: str
    gender: str | None
    pseudonym: str


@dataclass(frozen=True)
class Person:
    """A person candidate as analysts see it (``display`` and ``forms`` are personal data)."""

    id: int
    display: str
    gender: str | None
    pseudonym: str
    keys: tuple[str, ...]
    mentions: int
    calls: tuple[int, ...]
    forms: tuple[str, ...]
    decided: bool  # an analyst merged or split it
    language: str | None = None
    retired: tuple[str, ...] = ()  # pseudonyms of candidates merged into this one (kept, never reused)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready copy."""
        return {**self.__dict__, "keys": list(self.keys), "calls": list(self.calls), "forms": list(self.forms),
                "retired": list(self.retired)}


@dataclass(frozen=True)
class SpeakerLink:
    """A person speaking in a call: one speaker of the call (a channel or speaker label) linked to a person.

    ``person_id`` is the live person (the links of a person merged into another follow the survivor);
    ``candidate_id`` the one it was linked to. ``speaker`` may be personal data (an imported label)."""

    id: int
    person_id: int
    candidate_id: int
    call_id: int
    speaker: str
    status: str  # linked | unlinked
    linked_by: str
    linked_at: datetime
    unlinked_by: str | None = None
    unlinked_at: datetime | None = None


@dataclass(frozen=True)
class PseudonymChange:
    """A pseudonym a person candidate was given and why (assigned, collision, real-name, merged, restored)."""

    candidate_id: int
    pseudonym: str
    previous: str | None
    reason: str
    at: datetime
    actor: str


@dataclass(frozen=True)
class PersonDecision:
    """A person's decision on candidates: a merge or split (applied or undone) or a rejected proposal."""

    id: int
    kind: str  # merge | split
    status: str  # applied | undone | rejected
    target_id: int
    candidates: tuple[int, ...]
    moves: tuple[tuple[str, int, int], ...]  # (key, from candidate, to candidate): personal data (keys)
    reason: str
    signature: str | None
    evidence: tuple[Mapping[str, Any], ...]
    decided_by: str
    decided_at: datetime
    undone_by: str | None = None
    undone_at: datetime | None = None


@dataclass(frozen=True)
class Attachment:
    """A file attached to an evidence item, kept in the vault with its hash."""

    id: int
    evidence_id: int
    sha256: str
    size: int
    name: str
    vault_path: str
    added_by: str
    added_at: datetime


@dataclass(frozen=True)
class Evidence:
    """One evidence item of a claim (``source`` and ``note`` are personal data)."""

    id: int
    claim_id: int
    kind: str
    source: str
    observed_on: str | None
    note: str | None
    recorded_by: str
    recorded_at: datetime
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class ClaimEvent:
    """One transition of a claim's status."""

    id: int
    claim_id: int
    action: str
    from_status: str | None
    to_status: str
    actor: str
    at: datetime
    note: str | None = None


@dataclass(frozen=True)
class Claim:
    """A claim about a person with its evidence and its chain of transitions (``value`` is personal data)."""

    id: int
    candidate_id: int
    kind: str
    value: str
    status: str
    created_by: str
    created_at: datetime
    revision: int
    evidence: tuple[Evidence, ...] = ()
    events: tuple[ClaimEvent, ...] = ()


@dataclass(frozen=True)
class CallSignOff:
    """A reviewer's sign-off of one transcript version of a call."""

    call_id: int
    transcript_id: int
    signed_by: str
    signed_at: datetime


SEARCH_KEY_LENGTH = 120  # characters of a search index key (the column's width)


class Posting(NamedTuple):
    """One index key of one word token of a transcript version (the search index's unit)."""

    transcript_id: int
    position: int  # word number in the transcript (words only)
    segment: int  # segment index in the transcript
    key: str
    start: int  # character range in the transcript text
    end: int


@dataclass(frozen=True)
class IndexedTranscript:
    """A transcript version's postings under the digest that says when it must be indexed again."""

    transcript_id: int
    digest: str
    postings: tuple[Posting, ...]


class ConceptMatch(NamedTuple):
    """A TERM or CASUALTY finding a search expanded to (a lexicon entry or a category), where it stands."""

    transcript_id: int
    segment: int | None  # segment position in the transcript
    start: int  # character range in the transcript text
    end: int
    kind: str  # "term" | "casualty"
    label: str  # the category
    term_id: str | None  # the lexicon entry of a TERM finding
    side: str  # casualty side (own | enemy | unknown)


@dataclass(frozen=True)
class SearchScope:
    """Where a search looks: current transcripts of the calls passing ``filters`` (as the calls list
    filters them: dates, oblast, review status, a casualty finding of a category and side), of one call
    (key or id), in one transcript language, in segments of one speaker."""

    filters: CallFilters = field(default_factory=CallFilters)
    call: str | None = None
    language: str | None = None  # the transcript's (else the call's) language
    speaker: str | None = None  # segment speaker label, exact


@dataclass(frozen=True)
class PostingMatches:
    """Postings of some keys in the current transcripts passing a search's filters, with their calls."""

    calls: Mapping[int, CallHeader]  # transcript id -> its call, for the transcripts with postings or findings
    postings: tuple[Posting, ...]
    findings: tuple[ConceptMatch, ...] = ()  # findings of the entries and categories asked for


@dataclass(frozen=True)
class SavedSearch:
    """A search a user saved under a name: the query and its filters, visible to that user only."""

    id: int
    owner: str  # the user's name
    name: str
    query: str
    filters: Mapping[str, str]  # the search's filters as query-string values
    created_at: datetime


@dataclass(frozen=True)
class User:
    """An account as the web layer sees it (never carries the hash)."""

    id: int
    name: str
    role: Role
    created_at: datetime
    disabled: bool = False
    locale: str | None = None  # the interface language they chose ("ru"); None: follow the browser


@dataclass(frozen=True)
class WebSession:
    """A live login session."""

    user: User
    csrf_token: str
    expires_at: datetime


INCIDENT_ACTIONS = ("merge", "split", "keep_apart")


@dataclass(frozen=True)
class IncidentDecision:
    """A reviewer's decision on casualty incidents (merge, split or keep apart), with the evidence they saw."""

    id: int
    action: str  # one of INCIDENT_ACTIONS
    findings: tuple[int, ...]  # the casualty mentions decided on
    evidence: tuple[str, ...]  # the reasons of the proposal, as shown (no names: see register.proposals)
    note: str | None
    actor: str
    created_at: datetime
    undone_at: datetime | None = None
    undone_by: str | None = None

    @property
    def live(self) -> bool:
        """True unless the decision was undone."""
        return self.undone_at is None


@dataclass(frozen=True)
class SeriesPoint:
    """One value of an external series over the days ``start``..``end`` (inclusive), optionally at a place."""

    start: date
    end: date
    value: float
    place: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class ExternalSeries:
    """A series from outside the calls (court cases against refusers, announced losses), cited by its source."""

    id: int
    label: str
    source: str
    notes: str | None
    sha256: str
    imported_at: datetime
    actor: str
    points: tuple[SeriesPoint, ...] = ()


QUOTE_STATUSES = ("draft", "approved", "published")  # a quote's life; approval by an editor who did not make it


@dataclass(frozen=True)
class Quote:
    """Words chosen from a transcript version for publication, with their speaker and second of audio."""

    id: int
    call_id: int
    transcript_id: int
    char_start: int  # half-open range in the transcript version's text
    char_end: int
    speaker: str | None
    time_start: float | None  # from the word timings (else the segment's), None when untimed
    time_end: float | None
    text: str  # the original words (personal data: redacted before anything leaves)
    translation: str | None
    note: str | None
    theme: str | None
    status: str
    created_by: str
    created_at: datetime
    approved_by: str | None = None
    approved_at: datetime | None = None
    published_at: datetime | None = None
    revision: int = 0


MARKABLE = ("call", "finding", "quote")  # what a person may tag, star and annotate with a note


@dataclass(frozen=True)
class Note:
    """A person's note on a call, finding or quote: free text, so personal data (analysts and above only)."""

    id: int
    object_type: str  # one of MARKABLE
    object_id: int
    body: str
    created_by: str
    created_at: datetime


@dataclass(frozen=True)
class Marks:
    """What people put on one call, finding or quote: shared tags, one user's star, shared notes."""

    object_type: str
    object_id: int
    tags: tuple[str, ...] = ()  # sorted
    starred: bool = False  # by the user the marks were read for
    notes: tuple[Note, ...] = ()  # oldest first
