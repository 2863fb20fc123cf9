"""Database schema (SQLAlchemy 2 declarative models): every table of overheard is declared here.

Features (search, people, web accounts) import their tables from the store, never the reverse.
Changes to these tables are made only through Alembic migrations in
``store/migrations/versions``; the tests check that the models and the
migrations agree.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
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


MAX_ID = 2**31 - 1  # ids are INTEGER columns; PostgreSQL rejects a larger number outright


def get_by_id(session, model: type, value: int | str):
    """``session.get(model, value)``, but None for an id no row can have.

    SQLite answers "no row" for ``/calls/99999999999``; PostgreSQL raises "integer out of
    range", which would surface as a server error instead of "not found".
    """
    number = int(value)
    return session.get(model, number) if 0 < number <= MAX_ID else None
