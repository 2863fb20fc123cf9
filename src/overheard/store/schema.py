"""Database schema (SQLAlchemy 2 declarative models): every table of overheard is declared here.

Features (search, people, web accounts) import their tables from the store, never the reverse.
Changes to these tables are made only through Alembic migrations in
``store/migrations/versions``; the tests check that the models and the
migrations agree.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from overheard.model import SEARCH_KEY_LENGTH

# findings that count: not yet decided, or accepted (rejected and corrected ones are dead)
LIVE_SUCCESSOR = text("supersedes_id IS NOT NULL AND review_status IN ('pending', 'accepted')")


class Base(DeclarativeBase):
    """Base class of all tables."""


class CallRow(Base):
    """A call: one conversation, with its metadata; files and transcripts hang off it."""

    __tablename__ = "calls"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(255), unique=True)  # base file name shared by its files
    recorded_at: Mapped[datetime | None] = mapped_column(nullable=True)
    place: Mapped[str | None] = mapped_column(String(255))
    oblast: Mapped[str | None] = mapped_column(String(120))
    source: Mapped[str | None] = mapped_column(Text)
    obtained: Mapped[str | None] = mapped_column(Text)
    participants: Mapped[list | None] = mapped_column(JSON)
    relation: Mapped[str | None] = mapped_column(String(255))
    notes: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(8))
    review_status: Mapped[str] = mapped_column(String(20), default="new")
    created_at: Mapped[datetime] = mapped_column()

    files: Mapped[list[FileRow]] = relationship(back_populates="call", order_by="FileRow.id")


class FileRow(Base):
    """An original evidence file in the vault (never modified)."""

    __tablename__ = "files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    # up to 4 GiB, past INTEGER on PostgreSQL; SQLite's INTEGER holds 8 bytes already (migration 0004)
    size: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"))
    kind: Mapped[str] = mapped_column(String(20))  # audio | transcript | metadata
    original_name: Mapped[str] = mapped_column(String(400))
    source_path: Mapped[str] = mapped_column(Text)  # where it was read from (display form)
    vault_path: Mapped[str] = mapped_column(String(400))  # relative to the workspace root
    version: Mapped[int] = mapped_column(Integer, default=1)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("files.id"))
    format: Mapped[str | None] = mapped_column(String(40))  # container or transcript format
    encoding: Mapped[str | None] = mapped_column(String(40))
    duration: Mapped[float | None] = mapped_column(Float)
    channels: Mapped[int | None] = mapped_column(Integer)
    sample_rate: Mapped[int | None] = mapped_column(Integer)
    codec: Mapped[str | None] = mapped_column(String(40))
    ingested_at: Mapped[datetime] = mapped_column()
    actor: Mapped[str] = mapped_column(String(120))

    call: Mapped[CallRow] = relationship(back_populates="files")


class TranscriptRow(Base):
    """One version of a call's transcript; the highest version is current."""

    __tablename__ = "transcripts"
    __table_args__ = (UniqueConstraint("call_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(20))  # imported | asr | reviewed
    language: Mapped[str | None] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    text_sha256: Mapped[str] = mapped_column(String(64))
    producer: Mapped[str | None] = mapped_column(String(200))
    settings: Mapped[dict | None] = mapped_column(JSON)
    file_id: Mapped[int | None] = mapped_column(ForeignKey("files.id"))
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("transcripts.id"))
    created_at: Mapped[datetime] = mapped_column()
    actor: Mapped[str] = mapped_column(String(120))

    segments: Mapped[list[SegmentRow]] = relationship(
        order_by="SegmentRow.position", cascade="all, delete-orphan"
    )


class SegmentRow(Base):
    """One utterance of a transcript version."""

    __tablename__ = "segments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    transcript_id: Mapped[int] = mapped_column(ForeignKey("transcripts.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str | None] = mapped_column(String(120))
    channel: Mapped[int | None] = mapped_column(Integer)
    start: Mapped[float | None] = mapped_column(Float)
    end: Mapped[float | None] = mapped_column(Float)
    char_start: Mapped[int] = mapped_column(Integer)
    char_end: Mapped[int] = mapped_column(Integer)
    language: Mapped[str | None] = mapped_column(String(8))
    language_probability: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)
    translation: Mapped[str | None] = mapped_column(Text)
    flags: Mapped[list | None] = mapped_column(JSON)
    words: Mapped[list | None] = mapped_column(JSON)  # [[start, end, word, probability], ...]


class FindingRow(Base):
    """A finding on a transcript version, made by an annotator or a person."""

    __tablename__ = "findings"
    __table_args__ = (
        Index("ix_findings_transcript_producer", "transcript_id", "producer"),
        # one live decision per finding: a finding is superseded by at most one live correction
        Index("ux_findings_live_successor", "supersedes_id", unique=True,
              sqlite_where=LIVE_SUCCESSOR, postgresql_where=LIVE_SUCCESSOR),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"), index=True)
    transcript_id: Mapped[int] = mapped_column(ForeignKey("transcripts.id"))
    kind: Mapped[str] = mapped_column(String(20), index=True)
    label: Mapped[str] = mapped_column(String(60), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float)
    producer: Mapped[str] = mapped_column(String(120))
    explanation: Mapped[str] = mapped_column(Text)
    attributes: Mapped[dict | None] = mapped_column(JSON)
    origin: Mapped[str] = mapped_column(String(10), default="machine")  # machine | human
    review_status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("findings.id"))
    segment_position: Mapped[int | None] = mapped_column(Integer)
    time_start: Mapped[float | None] = mapped_column(Float)
    time_end: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column()
    created_by: Mapped[str] = mapped_column(String(120))
    reviewed_by: Mapped[str | None] = mapped_column(String(120))
    reviewed_at: Mapped[datetime | None] = mapped_column()
    # bumped by every decision; a decision names the revision it was made on (optimistic concurrency)
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class AnnotationRunRow(Base):
    """Which annotator version last ran over which transcript version, with which config."""

    __tablename__ = "annotation_runs"
    __table_args__ = (UniqueConstraint("transcript_id", "producer"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    transcript_id: Mapped[int] = mapped_column(ForeignKey("transcripts.id"))
    producer: Mapped[str] = mapped_column(String(120))
    config_digest: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column()
    # a personal-data detector: viewers see a segment unmasked only where such a run checked it
    personal_data: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    unchecked_segments: Mapped[list | None] = mapped_column(JSON)  # positions it did not check (None: none)


class AlignmentRow(Base):
    """Word timings given to a transcript version by forced alignment, with their provenance (migration 0007)."""

    __tablename__ = "alignments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"), index=True)
    transcript_id: Mapped[int] = mapped_column(ForeignKey("transcripts.id"), index=True)
    producer: Mapped[str] = mapped_column(String(200))  # e.g. "whisper-align:whisper-base"
    settings: Mapped[dict | None] = mapped_column(JSON)  # model sha256, alignment settings, audio sha256
    # the segments' timings before alignment, by position: [start, end, channel, word count]
    before: Mapped[list | None] = mapped_column(JSON)
    words: Mapped[int] = mapped_column(Integer)  # words given timings
    created_at: Mapped[datetime] = mapped_column()
    actor: Mapped[str] = mapped_column(String(120))


class SpeakerLabelRow(Base):
    """A person's name for one speaker of a call (a channel or a cluster label), masked for viewers unless checked."""

    __tablename__ = "speaker_labels"
    __table_args__ = (UniqueConstraint("call_id", "speaker"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"), index=True)
    speaker: Mapped[str] = mapped_column(String(120))  # the speaker key in the transcripts ("A", "Мать")
    label: Mapped[str] = mapped_column(String(120))
    # None: no personal-data detector checked the label (viewers see it masked); True: it holds personal data
    personal: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    updated_at: Mapped[datetime] = mapped_column()
    actor: Mapped[str] = mapped_column(String(120))


class DerivedFileRow(Base):
    """A file made from evidence (converted audio, clip, export), stored apart from originals."""

    __tablename__ = "derived_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    path: Mapped[str] = mapped_column(String(400))  # relative to the workspace root
    sha256: Mapped[str] = mapped_column(String(64))
    source_sha256: Mapped[str | None] = mapped_column(String(64))
    producer: Mapped[str | None] = mapped_column(String(200))
    settings: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column()
    actor: Mapped[str] = mapped_column(String(120))


class IngestItemRow(Base):
    """The outcome of ingesting one input path (kept for failed and skipped items too)."""

    __tablename__ = "ingest_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[str] = mapped_column(String(40), index=True)
    source_path: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))  # ingested | unchanged | failed
    code: Mapped[str | None] = mapped_column(String(10))
    message: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64))
    call_id: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column()


class AuditRow(Base):
    """One entry of the append-only, hash-chained chain-of-custody log."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[str] = mapped_column(String(40))  # ISO 8601 UTC, part of the hashed content
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(60), index=True)
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str] = mapped_column(String(80))
    call_id: Mapped[int | None] = mapped_column(Integer, index=True)
    before_digest: Mapped[str | None] = mapped_column(String(64))
    after_digest: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[str] = mapped_column(Text)  # canonical JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditHeadRow(Base):
    """The single row that records the audit chain's length and last hash (serialises appends)."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))


# ---- search index (migration 0005) ---------------------------------------------------------
class PostingRow(Base):
    """One key of one word token of an indexed transcript version."""

    __tablename__ = "search_postings"
    __table_args__ = (Index("ix_search_postings_key", "key"),
                      Index("ix_search_postings_transcript", "transcript_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    transcript_id: Mapped[int] = mapped_column(ForeignKey("transcripts.id"))
    position: Mapped[int] = mapped_column(Integer)  # word number in the transcript (words only)
    segment: Mapped[int] = mapped_column(Integer)  # segment index in the transcript
    key: Mapped[str] = mapped_column(String(SEARCH_KEY_LENGTH))
    start: Mapped[int] = mapped_column(Integer)  # char range in the transcript text
    end: Mapped[int] = mapped_column(Integer)


class IndexedRow(Base):
    """A transcript version that is in the index, with the digest it was indexed under."""

    __tablename__ = "search_indexed"

    transcript_id: Mapped[int] = mapped_column(ForeignKey("transcripts.id"), primary_key=True)
    digest: Mapped[str] = mapped_column(String(64))
    indexed_at: Mapped[datetime] = mapped_column(DateTime())


class SavedSearchRow(Base):
    """A search a user saved under a name (migration 0008_search): visible to that user only."""

    __tablename__ = "saved_searches"
    __table_args__ = (UniqueConstraint("owner", "name", name="uq_saved_searches_owner_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner: Mapped[str] = mapped_column(String(120), index=True)  # the user's name
    name: Mapped[str] = mapped_column(String(120))
    query: Mapped[str] = mapped_column(Text)
    filters: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime())


# ---- people: person candidates and the pseudonym mapping (migration 0003) ---------------------
# The real-name <-> pseudonym mapping lives only here.
class PersonCandidateRow(Base):
    """A person as analysts see it: a display name (personal data) and its pseudonym."""

    __tablename__ = "person_candidates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    display: Mapped[str] = mapped_column(String(200))
    gender: Mapped[str | None] = mapped_column(String(1))
    pseudonym: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # migration 0007: one pseudonym per person; a merged-away candidate keeps its (retired) pseudonym
    language: Mapped[str | None] = mapped_column(String(8))
    merged_into: Mapped[int | None] = mapped_column(Integer)  # the candidate it was merged into

    __table_args__ = (Index("ux_person_candidates_pseudonym", "pseudonym", unique=True),)


class PersonKeyRow(Base):
    """A machine grouping key ("сергей|петров") and the candidate it belongs to (analysts may move it)."""

    __tablename__ = "person_keys"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("person_candidates.id"), index=True)
    decided_by: Mapped[str | None] = mapped_column(String(80))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)


class PersonMentionRow(Base):
    """One raw PER mention in a transcript version (never deleted by merges or splits)."""

    __tablename__ = "person_mentions"
    __table_args__ = (UniqueConstraint("transcript_id", "start", "end", name="uq_person_mentions_span"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), index=True)
    call_id: Mapped[int | None] = mapped_column(Integer, index=True)
    transcript_id: Mapped[int | None] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(200))
    normal: Mapped[str | None] = mapped_column(String(200))
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON)


class EntityFormRow(Base):
    """A phone, call sign or unit mention (for leak checks across the workspace)."""

    __tablename__ = "entity_forms"
    __table_args__ = (UniqueConstraint("transcript_id", "start", "end", name="uq_entity_forms_span"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[str] = mapped_column(String(20))
    call_id: Mapped[int | None] = mapped_column(Integer)
    transcript_id: Mapped[int | None] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(200))
    normal: Mapped[str | None] = mapped_column(String(200))


# ---- the people desk (migration 0007): pseudonym history, merge/split decisions, claims, evidence, sign-offs
class PersonPseudonymRow(Base):
    """A pseudonym a candidate was given, and why (assigned, collision, real-name, merged)."""

    __tablename__ = "person_pseudonyms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("person_candidates.id"), index=True)
    pseudonym: Mapped[str] = mapped_column(String(80))
    previous: Mapped[str | None] = mapped_column(String(80))
    reason: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(120))


class PersonDecisionRow(Base):
    """A person's decision on person candidates: a merge, a split, or a rejected proposal; undoable."""

    __tablename__ = "person_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # merge | split
    status: Mapped[str] = mapped_column(String(10))  # applied | undone | rejected
    target_id: Mapped[int] = mapped_column(ForeignKey("person_candidates.id"), index=True)
    candidates: Mapped[list] = mapped_column(JSON)  # every candidate id involved
    moves: Mapped[list] = mapped_column(JSON)  # [[key, from candidate, to candidate], ...]
    reason: Mapped[str] = mapped_column(String(40))  # manual | callsign | phone | name_unit | units_differ
    signature: Mapped[str | None] = mapped_column(String(200), index=True)  # of the proposal it decided
    evidence: Mapped[list | None] = mapped_column(JSON)
    decided_by: Mapped[str] = mapped_column(String(120))
    decided_at: Mapped[datetime] = mapped_column(DateTime)
    undone_by: Mapped[str | None] = mapped_column(String(120))
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)


class PersonClaimRow(Base):
    """A claim about a person (real name, unit, home town, relation, status) and where it stands."""

    __tablename__ = "person_claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("person_candidates.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # real_name | unit | home_town | relation | status
    value: Mapped[str] = mapped_column(Text)  # personal data: editors and admins only
    status: Mapped[str] = mapped_column(String(20), index=True)  # unverified | corroborated | verified | ...
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class ClaimEvidenceRow(Base):
    """One evidence item for a claim: what kind, from which source, when, recorded by whom."""

    __tablename__ = "claim_evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("person_claims.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    source: Mapped[str] = mapped_column(Text)  # who or what: independence is judged on it
    observed_on: Mapped[str | None] = mapped_column(String(10))  # YYYY-MM-DD
    note: Mapped[str | None] = mapped_column(Text)  # personal data: editors and admins only
    recorded_by: Mapped[str] = mapped_column(String(120))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)


class EvidenceAttachmentRow(Base):
    """A screenshot or document attached to an evidence item, kept in the vault like an original."""

    __tablename__ = "evidence_attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    evidence_id: Mapped[int] = mapped_column(ForeignKey("claim_evidence.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"))
    name: Mapped[str] = mapped_column(String(400))
    vault_path: Mapped[str] = mapped_column(String(400))
    added_by: Mapped[str] = mapped_column(String(120))
    added_at: Mapped[datetime] = mapped_column(DateTime)


class ClaimEventRow(Base):
    """One transition of a claim's status, with who made it (the chain shown on the person page)."""

    __tablename__ = "claim_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("person_claims.id"), index=True)
    action: Mapped[str] = mapped_column(String(20))  # created | evidence | sign_off | dispute | retract | reopen
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(120))
    at: Mapped[datetime] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)


class PlaceMentionRow(Base):
    """A place named in a call's current transcript, resolved (filled by ``people sync``; for the map)."""

    __tablename__ = "place_mentions"
    __table_args__ = (UniqueConstraint("transcript_id", "start", "end", name="uq_place_mentions_span"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[int] = mapped_column(Integer, index=True)
    transcript_id: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(200))
    name: Mapped[str | None] = mapped_column(String(200))
    oblast: Mapped[str | None] = mapped_column(String(120))
    country: Mapped[str | None] = mapped_column(String(8))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)


class CallSignOffRow(Base):
    """A reviewer's sign-off of a call's transcript version (two different reviewers make it verified)."""

    __tablename__ = "call_signoffs"
    __table_args__ = (UniqueConstraint("transcript_id", "signed_by", name="uq_call_signoffs_reviewer"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"), index=True)
    transcript_id: Mapped[int] = mapped_column(ForeignKey("transcripts.id"))
    signed_by: Mapped[str] = mapped_column(String(120))
    signed_at: Mapped[datetime] = mapped_column(DateTime)


# ---- the people desk (migration 0012): speaker links and per-call name scopes -------------------------
class PersonSpeakerRow(Base):
    """A person speaking in a call: one speaker of the call (a channel or speaker label) linked to a person.

    Unlinking keeps the row (status ``unlinked``, who and when): the person page shows the history. At most one
    linked row per call and speaker (checked in :mod:`overheard.store.speaker_links`)."""

    __tablename__ = "person_speakers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("person_candidates.id"), index=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"), index=True)
    speaker: Mapped[str] = mapped_column(String(120))  # the transcripts' speaker key (may be personal data)
    status: Mapped[str] = mapped_column(String(10))  # linked | unlinked
    linked_by: Mapped[str] = mapped_column(String(120))
    linked_at: Mapped[datetime] = mapped_column(DateTime)
    unlinked_by: Mapped[str | None] = mapped_column(String(120))
    unlinked_at: Mapped[datetime | None] = mapped_column(DateTime)


class PersonKeyScopeRow(Base):
    """A name key's mentions in one call grouped under their own key (a per-call split), kept across syncs."""

    __tablename__ = "person_key_scopes"
    __table_args__ = (UniqueConstraint("key", "call_id", name="uq_person_key_scopes_key_call"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200))  # the machine key ("сергей|петров")
    call_id: Mapped[int] = mapped_column(Integer, index=True)
    scoped_key: Mapped[str] = mapped_column(String(200), unique=True)  # "сергей|петров@call:12"
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime)


# ---- web accounts (migration 0002) -----------------------------------------------------------
class UserRow(Base):
    """A local account of the web workbench."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column()
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    locale: Mapped[str | None] = mapped_column(String(8))  # interface language (migration 0012); None: the browser's


class WebSessionRow(Base):
    """A logged-in browser: the sha256 of its cookie token and its CSRF token."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column()
    expires_at: Mapped[datetime] = mapped_column()


class LoginAttemptRow(Base):
    """One login attempt (kept to rate-limit guessing)."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), index=True)
    client: Mapped[str] = mapped_column(String(80), index=True)
    at: Mapped[datetime] = mapped_column(index=True)
    success: Mapped[bool] = mapped_column(Boolean)


class IncidentDecisionRow(Base):
    """A reviewer's decision about casualty incidents: merge mentions into one, split some out, or keep them apart.

    The register is these decisions applied in order over the live casualty mentions; undoing one marks it
    undone (kept, audited), so the register can always be rebuilt as it stood.
    """

    __tablename__ = "incident_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = mapped_column(String(20))  # merge | split | keep_apart
    findings: Mapped[list] = mapped_column(JSON)  # finding ids of the casualty mentions decided on
    evidence: Mapped[list | None] = mapped_column(JSON)  # the proposal's reasons, as shown to the reviewer
    note: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column()
    undone_at: Mapped[datetime | None] = mapped_column()
    undone_by: Mapped[str | None] = mapped_column(String(120))


class SeriesRow(Base):
    """An external series imported to set trends against (court cases, announced losses...), with its source."""

    __tablename__ = "series"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[str] = mapped_column(String(200), unique=True)
    source: Mapped[str] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))  # of the imported file
    imported_at: Mapped[datetime] = mapped_column()
    actor: Mapped[str] = mapped_column(String(120))

    points: Mapped[list[SeriesPointRow]] = relationship(order_by="SeriesPointRow.period_start",
                                                        cascade="all, delete-orphan")


class SeriesPointRow(Base):
    """One value of an external series over a day, week, month or other period, optionally at a place."""

    __tablename__ = "series_points"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id"), index=True)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)  # inclusive
    place: Mapped[str | None] = mapped_column(String(200))
    value: Mapped[float] = mapped_column(Float)
    notes: Mapped[str | None] = mapped_column(Text)


# ---- quotes for publication (migration 0007_publish) -----------------------------------------------
class QuoteRow(Base):
    """Words of a transcript version chosen for publication; draft -> approved -> published."""

    __tablename__ = "quotes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"), index=True)
    transcript_id: Mapped[int] = mapped_column(ForeignKey("transcripts.id"))
    char_start: Mapped[int] = mapped_column(Integer)
    char_end: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str | None] = mapped_column(String(120))
    time_start: Mapped[float | None] = mapped_column(Float)
    time_end: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)
    translation: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    theme: Mapped[str | None] = mapped_column(String(40), index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column()
    approved_by: Mapped[str | None] = mapped_column(String(120))
    approved_at: Mapped[datetime | None] = mapped_column()
    published_at: Mapped[datetime | None] = mapped_column()
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


# ---- tags, stars and notes on calls, findings and quotes (migration 0012_tags) ------------------
class TagRow(Base):
    """A shared tag on a call, finding or quote (``object_type`` one of model.MARKABLE)."""

    __tablename__ = "tags"
    __table_args__ = (UniqueConstraint("object_type", "object_id", "tag", name="uq_tags_object_tag"),
                      Index("ix_tags_type_tag", "object_type", "tag"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    object_type: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[int] = mapped_column(Integer)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"), index=True)  # the object's call (custody)
    tag: Mapped[str] = mapped_column(String(40))
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime())


class StarRow(Base):
    """One user's star on a call, finding or quote: personal, carries no words."""

    __tablename__ = "stars"
    __table_args__ = (UniqueConstraint("object_type", "object_id", "owner", name="uq_stars_object_owner"),
                      Index("ix_stars_owner_type", "owner", "object_type"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    object_type: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[int] = mapped_column(Integer)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"), index=True)
    owner: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime())


class NoteRow(Base):
    """A note on a call, finding or quote: free text, personal data (never in the audit log, only its digest)."""

    __tablename__ = "notes"
    __table_args__ = (Index("ix_notes_object", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    object_type: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[int] = mapped_column(Integer)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime())


MAX_ID = 2**31 - 1  # ids are INTEGER columns; PostgreSQL rejects a larger number outright


def get_by_id(session, model: type, value: int | str):
    """``session.get(model, value)``, but None for an id no row can have.

    SQLite answers "no row" for ``/calls/99999999999``; PostgreSQL raises "integer out of
    range", which would surface as a server error instead of "not found".
    """
    number = int(value)
    return session.get(model, number) if 0 < number <= MAX_ID else None
