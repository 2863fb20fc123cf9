"""Files: originals recorded at ingest (with versions), derived files, ingest outcomes and vault paths."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from overheard.model import CallMetadata, DerivedFile, IngestItem, MediaInfo, StoredFile, Transcript, nfc
from overheard.store import audit, calls, transcripts
from overheard.store.rows import utcnow
from overheard.store.schema import DerivedFileRow, EvidenceAttachmentRow, FileRow, IngestItemRow, get_by_id


def stored_file(row: FileRow) -> StoredFile:
    """An original's row as a core type."""
    return StoredFile(
        id=row.id, call_id=row.call_id, sha256=row.sha256, size=row.size, kind=row.kind,
        original_name=row.original_name, source_path=row.source_path, vault_path=row.vault_path,
        version=row.version, previous_id=row.previous_id, format=row.format, encoding=row.encoding,
        duration=row.duration, channels=row.channels, sample_rate=row.sample_rate, codec=row.codec,
        ingested_at=row.ingested_at, actor=row.actor,
    )  # fmt: skip


def derived_file(row: DerivedFileRow) -> DerivedFile:
    """A derived file's row as a core type."""
    return DerivedFile(id=row.id, call_id=row.call_id, kind=row.kind, path=row.path, sha256=row.sha256,
                       source_sha256=row.source_sha256, producer=row.producer, settings=dict(row.settings or {}),
                       created_at=row.created_at, actor=row.actor)


def ingest_item(row: IngestItemRow) -> IngestItem:
    """An ingest outcome's row as a core type."""
    return IngestItem(id=row.id, run_id=row.run_id, source_path=row.source_path, status=row.status, code=row.code,
                      message=row.message, sha256=row.sha256, call_id=row.call_id, at=row.at)


# ---- originals -------------------------------------------------------------------------------
def by_sha256(session: Session, sha256: str) -> StoredFile | None:
    """The original with these bytes, if already ingested."""
    found = session.execute(select(FileRow).where(FileRow.sha256 == sha256)).scalar_one_or_none()
    return stored_file(found) if found is not None else None


def _of_call(session: Session, row_class, convert, call_id: int | None) -> list:
    query = select(row_class).order_by(row_class.id)
    if call_id is not None:
        query = query.where(row_class.call_id == call_id)
    return [convert(found) for found in session.execute(query).scalars()]


def _by_id(session: Session, row_class, convert, row_id: int):
    found = get_by_id(session, row_class, row_id)
    return convert(found) if found is not None else None


def originals(session: Session, call_id: int | None = None) -> list[StoredFile]:
    """Originals of one call (or of all calls), oldest first."""
    return _of_call(session, FileRow, stored_file, call_id)


def original(session: Session, file_id: int) -> StoredFile | None:
    """One original by id, or None."""
    return _by_id(session, FileRow, stored_file, file_id)


def add_original(
    session: Session,
    *,
    key: str,
    kind: str,
    name: str,
    sha256: str,
    size: int,
    source_path: str,
    vault_path: str,
    actor: str,
    file_format: str,
    media: MediaInfo | None = None,
    encoding: str | None = None,
    metadata: CallMetadata | None = None,
    transcript: Transcript | None = None,
) -> tuple[StoredFile, bool]:
    """Record a vaulted original under the call ``key`` (created if new): its metadata or transcript too.

    The same name of the same kind again in a call is the next version of that file, linked to the
    previous one. Returns the file and whether the call was created.
    """
    name = nfc(name)
    call, created = calls.get_or_create(session, key, actor)
    previous = (
        session.execute(
            select(FileRow)
            .where(FileRow.call_id == call.id, FileRow.kind == kind, FileRow.original_name == name)
            .order_by(FileRow.version.desc())
        )
        .scalars()
        .first()
    )
    row = FileRow(
        call_id=call.id,
        sha256=sha256,
        size=size,
        kind=kind,
        original_name=name,
        source_path=source_path,
        vault_path=vault_path,
        version=(previous.version + 1) if previous else 1,
        previous_id=previous.id if previous else None,
        encoding=encoding,
        format=file_format,
        duration=media.duration if media else None,
        channels=media.channels if media else None,
        sample_rate=media.sample_rate if media else None,
        codec=media.codec if media else None,
        ingested_at=utcnow(),
        actor=actor,
    )
    session.add(row)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="file.ingest",
        object_type="file",
        object_id=row.id,
        call_id=call.id,
        before={"sha256": previous.sha256} if previous else None,
        after={"sha256": sha256},
        details={
            "name": row.original_name,
            "kind": row.kind,
            "size": size,
            "version": row.version,
            "format": row.format,
            "encoding": encoding,
            "vault_path": vault_path,
            "duration": row.duration,
            "channels": row.channels,
            "sample_rate": row.sample_rate,
            "codec": row.codec,
        },
    )
    if metadata is not None:
        calls.set_metadata(session, call, metadata, actor, reason=f"sidecar file {row.id}")
    if transcript is not None:
        transcripts.add(session, call.id, transcript, actor=actor, file_id=row.id,
                        settings={"format": row.format, "encoding": encoding})
    return stored_file(row), created


def vault_paths(session: Session) -> set[str]:
    """Every vault path the database refers to (originals, evidence attachments and derived)."""
    paths = set(session.execute(select(FileRow.vault_path)).scalars())
    paths |= set(session.execute(select(EvidenceAttachmentRow.vault_path)).scalars())
    return paths | set(session.execute(select(DerivedFileRow.path)).scalars())


# ---- derived files ---------------------------------------------------------------------------
def add_derived(
    session: Session,
    *,
    call_id: int | None,
    kind: str,
    path: str,
    sha256: str,
    source_sha256: str | None,
    producer: str | None,
    settings: dict[str, Any] | None,
    actor: str,
) -> int:
    """Record a derived file with its provenance (audited); returns its id."""
    row = DerivedFileRow(
        call_id=call_id,
        kind=kind,
        path=path,
        sha256=sha256,
        source_sha256=source_sha256,
        producer=producer,
        settings=settings or {},
        created_at=utcnow(),
        actor=actor,
    )
    session.add(row)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="derived.create",
        object_type="derived_file",
        object_id=row.id,
        call_id=call_id,
        after={"sha256": sha256},
        details={
            "kind": kind,
            "path": path,
            "source_sha256": source_sha256,
            "producer": producer,
            "settings": settings or {},
        },
    )
    return row.id


def derived(session: Session, call_id: int | None = None) -> list[DerivedFile]:
    """Derived files of a call (or all), oldest first."""
    return _of_call(session, DerivedFileRow, derived_file, call_id)


def derived_one(session: Session, derived_id: int) -> DerivedFile | None:
    """One derived file by id, or None."""
    return _by_id(session, DerivedFileRow, derived_file, derived_id)


# ---- ingest outcomes -------------------------------------------------------------------------
def record_ingest_item(session: Session, run_id: str, source_path: str, status: str, *, code: str | None,
                       message: str | None, sha256: str | None, call_id: int | None) -> None:
    """Remember what happened to one input path (ingested, unchanged or failed)."""
    session.add(IngestItemRow(run_id=run_id, source_path=source_path, status=status, code=code, message=message,
                              sha256=sha256, call_id=call_id, at=utcnow()))


def ingest_items(session: Session, run_id: str | None = None) -> list[IngestItem]:
    """Ingest outcomes, of one run or all, in order."""
    query = select(IngestItemRow).order_by(IngestItemRow.id)
    if run_id:
        query = query.where(IngestItemRow.run_id == run_id)
    return [ingest_item(found) for found in session.execute(query).scalars()]
