"""Tables of the redact area (migration 0003): person candidates, their keys, raw mentions, entity forms.

Registered on the Store's declarative ``Base`` (imported at the end of ``store/schema.py``), so the
migrations and the models describe the same schema. The real-name ↔ pseudonym mapping lives only here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from overheard.store.schema import Base


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
