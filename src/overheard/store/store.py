"""The one Store: every database read and write of overheard goes through here.

SQLite (WAL mode) is the single-machine default; a ``postgresql+psycopg://...``
URL gives a shared multi-user store with the same methods. Write transactions are
serialised on both, so concurrent processes queue instead of failing half way or
racing on read-then-insert steps (next transcript version, call by key, audit head):
SQLite starts them with ``BEGIN IMMEDIATE``, PostgreSQL with a transaction-scoped
advisory lock (``pg_advisory_xact_lock``). Readers never wait on either.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import BigInteger, case, cast, delete, func, literal, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from overheard.errors import ConflictError, NotFoundError, WorkspaceError
from overheard.model import (
    AnnotationRun,
    Call,
    CallMetadata,
    CarriedFinding,
    Finding,
    FindingKind,
    ReviewStatus,
    StoredFinding,
    StoredTranscript,
    Supersession,
    Transcript,
)
from overheard.store import audit, migrate
from overheard.store.engines import (
    DatabaseError,
    check_encoding,
    reason,
    safe_url,
    server_engine,
    sqlite_engine,
    sqlite_file,
)
from overheard.store.rows import (  # noqa: F401  (re-exported: callers import them from here)
    METADATA_FIELDS,
    apply_metadata,
    finding_row,
    locate,
    metadata_from_row,
    metadata_to_dict,
    participant_dict,
    segment_row,
    stored_finding,
    stored_transcript,
    utcnow,
)
from overheard.store.schema import (
    AnnotationRunRow,
    AuditRow,
    CallRow,
    DerivedFileRow,
    FileRow,
    FindingRow,
    IngestItemRow,
    SegmentRow,
    TranscriptRow,
    get_by_id,
)

# Which transcript version is a call's *current* one: a person's correction beats an imported
# transcript, which beats speech recognition; within one source the newest wins. So running ASR
# on a call that has an agency transcript stores the ASR as a version without displacing it.
SOURCE_RANK = {"reviewed": 3, "imported": 2, "asr": 1}
SUPERSEDED_DIGEST = "superseded"  # the run record of an annotator version that a newer one replaced
LIVE_STATUSES = (ReviewStatus.PENDING.value, ReviewStatus.ACCEPTED.value)  # findings that count
_RANK_STRIDE = 1 << 40  # ids stay far below this; rank * stride + id orders by rank, then by age


def _stride():
    # 64-bit on every database: PostgreSQL would otherwise bind the stride as INTEGER and overflow.
    return literal(_RANK_STRIDE, BigInteger)


def _current_key():
    return cast(case(SOURCE_RANK, value=TranscriptRow.source, else_=0), BigInteger) * _stride() + TranscriptRow.id


def current_transcript_ids():
    """Subquery of every call's current transcript id (see SOURCE_RANK)."""
    return select(func.max(_current_key()) % _stride()).group_by(TranscriptRow.call_id).scalar_subquery()


def current_transcript_id_of(call_id_column):
    """Correlated scalar subquery: the current transcript id of the call in ``call_id_column``."""
    return (
        select(func.max(_current_key()) % _stride())
        .where(TranscriptRow.call_id == call_id_column)
        .scalar_subquery()
    )


class Store:
    """Narrow API over the workspace database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = engine.execution_options(write=True)

    # ---- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, url_or_path: str | Path, *, create: bool = False) -> Store:
        """Open a store by SQLite file path or SQLAlchemy URL; ``create`` migrates a new database.

        A server that cannot be reached, a missing driver or a database that is not UTF-8
        raise :class:`DatabaseError` (one line, password masked).
        """
        text = str(url_or_path)
        if "://" in text and not sqlite_file(text):
            engine = server_engine(text)
        else:
            path = Path(sqlite_file(text) or text)
            if not create and not path.exists():
                raise WorkspaceError(f"no database at {path}: run 'overheard init' first")
            engine = sqlite_engine(path)
        store = cls(engine)
        try:
            if engine.dialect.name == "postgresql":
                check_encoding(engine)
            if create:
                migrate.upgrade(engine)
            else:
                store._check_revision()
        except (DBAPIError, engine.dialect.loaded_dbapi.Error) as error:
            engine.dispose()
            raise DatabaseError(f"cannot use the database {safe_url(text)}: {reason(error, text)}") from None
        except WorkspaceError:  # DatabaseError included: a refused database, a newer schema
            engine.dispose()
            raise
        return store

    def _check_revision(self) -> None:
        current, head = migrate.current_revision(self.engine), migrate.head_revision()
        if current != head:
            if current is not None and not migrate.is_known(current):
                raise WorkspaceError(
                    f"the database has schema revision {current:.20}, newer than this overheard knows ({head}): "
                    "upgrade overheard on this machine as well"
                )
            migrate.upgrade(self.engine)

    def close(self) -> None:
        """Release database connections."""
        self.engine.dispose()

    @contextmanager
    def exclusive(self, name: str) -> Iterator[None]:
        """Hold the lock ``name`` against every other process on this database while inside.

        On PostgreSQL a session advisory lock on its own connection (released by the server
        if the process dies), so machines that share a workspace folder over the network
        exclude each other whatever the file system's locking; on SQLite a no-op, since
        the workspace's file locks are on the same disk as the database.
        """
        if self.engine.dialect.name != "postgresql":
            yield
            return
        key = int.from_bytes(hashlib.sha256(f"overheard:{name}".encode()).digest()[:8], "big", signed=True)
        with self.engine.connect() as connection:
            connection.exec_driver_sql(f"SELECT pg_advisory_lock({key})")
            connection.commit()
            try:
                yield
            finally:
                connection.exec_driver_sql(f"SELECT pg_advisory_unlock({key})")
                connection.commit()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only session."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A write transaction: committed on success, rolled back on any error."""
        with Session(self._writer, expire_on_commit=False) as session, session.begin():
            yield session

    # ---- calls ---------------------------------------------------------------------------
    def call_row(self, session: Session, ref: int | str) -> CallRow:
        """Find a call by numeric id or key inside ``session``; raise NotFoundError."""
        row = None
        if isinstance(ref, int) or str(ref).isdigit():
            row = get_by_id(session, CallRow, ref)
        if row is None:
            row = session.execute(select(CallRow).where(CallRow.key == str(ref))).scalar_one_or_none()
        if row is None:
            raise NotFoundError(f"no call {ref!s:.80} in this workspace; list them with 'overheard calls'")
        return row

    def get_call(self, ref: int | str) -> Call:
        """One call by id or key."""
        with self.reading() as session:
            return self._call(session, self.call_row(session, ref))

    def list_calls(self) -> list[Call]:
        """All calls, oldest recording first (undated last)."""
        with self.reading() as session:
            rows = session.execute(select(CallRow).order_by(CallRow.recorded_at, CallRow.id)).scalars().all()
            dated = [r for r in rows if r.recorded_at is not None] + [r for r in rows if r.recorded_at is None]
            return [self._call(session, row) for row in dated]

    def _call(self, session: Session, row: CallRow) -> Call:
        audio = [f for f in row.files if f.kind == "audio"]
        latest = session.execute(
            select(TranscriptRow.id, TranscriptRow.version, TranscriptRow.language).where(
                TranscriptRow.id == current_transcript_id_of(row.id)
            )
        ).first()
        speakers: tuple[str, ...] = ()
        if latest is not None:
            names = session.execute(
                select(SegmentRow.speaker).where(SegmentRow.transcript_id == latest.id).distinct()
            ).scalars()
            speakers = tuple(sorted(name for name in names if name))
        metadata = metadata_from_row(row)
        if metadata.language is None and latest is not None and latest.language:
            metadata = metadata.merged_with(CallMetadata(language=latest.language))
        return Call(
            id=row.id,
            key=row.key,
            metadata=metadata,
            review_status=row.review_status,
            duration=max((f.duration or 0.0 for f in audio), default=None),
            channels=max((f.channels or 0 for f in audio), default=None),
            speakers=speakers,
            has_audio=bool(audio),
            transcript_version=latest.version if latest else None,
        )

    def get_or_create_call(self, session: Session, key: str, actor: str) -> tuple[CallRow, bool]:
        """The call with ``key``, created (and audited) if new."""
        row = session.execute(select(CallRow).where(CallRow.key == key)).scalar_one_or_none()
        if row is not None:
            return row, False
        row = CallRow(key=key, created_at=utcnow(), review_status="new")
        session.add(row)
        session.flush()
        audit.append(
            session,
            actor=actor,
            action="call.create",
            object_type="call",
            object_id=row.id,
            call_id=row.id,
            details={"key": key},
        )
        return row, True

    def set_metadata(self, session: Session, row: CallRow, metadata: CallMetadata, actor: str, reason: str) -> bool:
        """Merge ``metadata`` into a call; audits the change with before/after digests. True if changed."""
        before = metadata_to_dict(metadata_from_row(row))
        merged = metadata_from_row(row).merged_with(metadata)
        after = metadata_to_dict(merged)
        if before == after:
            return False
        apply_metadata(row, merged)
        changed = sorted(key for key in after if after[key] != before.get(key))
        audit.append(
            session,
            actor=actor,
            action="call.metadata",
            object_type="call",
            object_id=row.id,
            call_id=row.id,
            before=before,
            after=after,
            details={"fields": changed, "reason": reason},
        )
        return True

    def update_metadata(self, ref: int | str, metadata: CallMetadata, actor: str) -> Call:
        """Change a call's metadata from the CLI or web (audited)."""
        with self.writing() as session:
            row = self.call_row(session, ref)
            self.set_metadata(session, row, metadata, actor, reason="edited")
            session.flush()
            return self._call(session, row)

    def set_review_status(self, ref: int | str, status: str, actor: str) -> None:
        """Set a call's review status (new, in_review, verified) with an audit entry."""
        with self.writing() as session:
            row = self.call_row(session, ref)
            before = row.review_status
            row.review_status = status
            audit.append(
                session,
                actor=actor,
                action="call.review_status",
                object_type="call",
                object_id=row.id,
                call_id=row.id,
                before=before,
                after=status,
                details={"from": before, "to": status},
            )

    # ---- files ---------------------------------------------------------------------------
    def file_by_sha256(self, sha256: str) -> FileRow | None:
        """The original with these bytes, if already ingested."""
        with self.reading() as session:
            return session.execute(select(FileRow).where(FileRow.sha256 == sha256)).scalar_one_or_none()

    def files(self, call_ref: int | str | None = None) -> list[FileRow]:
        """Originals of one call (or of all calls), oldest first."""
        with self.reading() as session:
            query = select(FileRow).order_by(FileRow.id)
            if call_ref is not None:
                query = query.where(FileRow.call_id == self.call_row(session, call_ref).id)
            return list(session.execute(query).scalars())

    def recordings(self, call_ref: int | str) -> list[FileRow]:
        """Audio originals of a call, newest version of each name last."""
        return [f for f in self.files(call_ref) if f.kind == "audio"]

    def latest_recording(self, call_ref: int | str) -> FileRow | None:
        """The newest audio original of a call, or None."""
        recordings = self.recordings(call_ref)
        return recordings[-1] if recordings else None

    def vault_paths(self) -> set[str]:
        """Every vault path the database refers to (originals and derived)."""
        with self.reading() as session:
            originals = set(session.execute(select(FileRow.vault_path)).scalars())
            derived = set(session.execute(select(DerivedFileRow.path)).scalars())
            return originals | derived

    def add_derived_file(
        self,
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
        """Record a derived file (clip, export, converted audio) with its provenance."""
        with self.writing() as session:
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

    def derived_files(self, call_ref: int | str | None = None) -> list[DerivedFileRow]:
        """Derived files of a call (or all)."""
        with self.reading() as session:
            query = select(DerivedFileRow).order_by(DerivedFileRow.id)
            if call_ref is not None:
                query = query.where(DerivedFileRow.call_id == self.call_row(session, call_ref).id)
            return list(session.execute(query).scalars())

    # ---- transcripts ---------------------------------------------------------------------
    def add_transcript(
        self,
        call_ref: int | str,
        transcript: Transcript,
        *,
        actor: str,
        producer: str | None = None,
        settings: dict[str, Any] | None = None,
        file_id: int | None = None,
        session: Session | None = None,
    ) -> int:
        """Store ``transcript`` as the call's next version (audited); returns its id."""
        if session is None:
            with self.writing() as own:
                return self.add_transcript(
                    call_ref,
                    transcript,
                    actor=actor,
                    producer=producer,
                    settings=settings,
                    file_id=file_id,
                    session=own,
                )
        call = self.call_row(session, call_ref)
        previous = (
            session.execute(
                select(TranscriptRow).where(TranscriptRow.call_id == call.id).order_by(TranscriptRow.version.desc())
            )
            .scalars()
            .first()
        )
        row = TranscriptRow(
            call_id=call.id,
            version=(previous.version + 1) if previous else 1,
            source=str(transcript.source),
            language=transcript.language,
            text=transcript.text,
            text_sha256=transcript.digest,
            producer=producer or transcript.producer,
            settings=settings or {},
            file_id=file_id,
            previous_id=previous.id if previous else None,
            created_at=utcnow(),
            actor=actor,
        )
        for position, (segment, (start, end)) in enumerate(
            zip(transcript.segments, transcript.segment_offsets, strict=True)
        ):
            row.segments.append(segment_row(position, segment, start, end))
        session.add(row)
        session.flush()
        audit.append(
            session,
            actor=actor,
            action="transcript.add",
            object_type="transcript",
            object_id=row.id,
            call_id=call.id,
            before={"text_sha256": previous.text_sha256} if previous else None,
            after={"text_sha256": row.text_sha256},
            details={
                "version": row.version,
                "source": row.source,
                "producer": row.producer,
                "settings": settings or {},
                "segments": len(transcript.segments),
            },
        )
        return row.id

    def transcripts(self, call_ref: int | str) -> list[StoredTranscript]:
        """All transcript versions of a call, oldest first."""
        with self.reading() as session:
            call = self.call_row(session, call_ref)
            rows = session.execute(
                select(TranscriptRow).where(TranscriptRow.call_id == call.id).order_by(TranscriptRow.version)
            ).scalars()
            return [stored_transcript(row) for row in rows]

    def current_transcript(self, call_ref: int | str) -> StoredTranscript | None:
        """The call's current transcript (reviewed, else imported, else ASR; newest first), or None."""
        versions = self.transcripts(call_ref)
        if not versions:
            return None
        return max(versions, key=lambda t: (SOURCE_RANK.get(str(t.transcript.source), 0), t.id))

    def transcript(self, transcript_id: int) -> StoredTranscript:
        """One transcript version by id."""
        with self.reading() as session:
            row = get_by_id(session, TranscriptRow, transcript_id)
            if row is None:
                raise NotFoundError(f"no transcript {transcript_id}")
            return stored_transcript(row)

    def current_transcripts(self) -> list[StoredTranscript]:
        """The current transcript of every call (see SOURCE_RANK)."""
        with self.reading() as session:
            rows = session.execute(
                select(TranscriptRow)
                .where(TranscriptRow.id.in_(current_transcript_ids()))
                .order_by(TranscriptRow.call_id)
            ).scalars()
            return [stored_transcript(row) for row in rows]

    # ---- findings ------------------------------------------------------------------------
    def annotation_digest(self, transcript_id: int, producer: str) -> str | None:
        """The config digest the producer last ran with on this transcript, if it ran."""
        with self.reading() as session:
            return session.execute(
                select(AnnotationRunRow.config_digest).where(
                    AnnotationRunRow.transcript_id == transcript_id, AnnotationRunRow.producer == producer
                )
            ).scalar_one_or_none()

    def replace_machine_findings(
        self, transcript_id: int, producer: str, findings: Sequence[Finding], config_digest: str, actor: str,
        *, personal_data: bool = False,
    ) -> int:
        """Replace one producer's machine findings on a transcript; human findings are never touched.

        Reviewed machine findings (accepted, rejected, corrected) are kept too, so a re-run
        never undoes a person's decision. ``personal_data`` marks the producer as a
        personal-data detector (see :meth:`unchecked_segments`).
        """
        run = AnnotationRun(producer, tuple(findings), config_digest, personal_data=personal_data)
        return self.store_annotations(transcript_id, [run], actor)[producer]

    def store_annotations(
        self, transcript_id: int, runs: Sequence[AnnotationRun], actor: str, *, superseded: Sequence[str] = ()
    ) -> dict[str, int]:
        """Store several annotators' runs on one transcript in one transaction; returns findings added per producer.

        ``superseded`` names older versions of the same annotators whose pending findings go and whose
        run record stops counting (``config_digest`` "superseded"); a crash leaves all or nothing.
        """
        with self.writing() as session:
            transcript = get_by_id(session, TranscriptRow, transcript_id)
            if transcript is None:
                raise NotFoundError(f"no transcript {transcript_id}")
            for producer in superseded:
                self._write_run(session, transcript, AnnotationRun(producer, (), SUPERSEDED_DIGEST), actor)
            return {run.producer: self._write_run(session, transcript, run, actor) for run in runs}

    def _write_run(self, session: Session, transcript: TranscriptRow, run: AnnotationRun, actor: str) -> int:
        reviewed = set(
            session.execute(
                select(FindingRow.kind, FindingRow.label, FindingRow.start, FindingRow.end).where(
                    FindingRow.transcript_id == transcript.id,
                    FindingRow.producer == run.producer,
                    FindingRow.review_status != ReviewStatus.PENDING.value,
                )
            ).all()
        )
        removed = session.execute(
            delete(FindingRow).where(
                FindingRow.transcript_id == transcript.id,
                FindingRow.producer == run.producer,
                FindingRow.origin == "machine",
                FindingRow.review_status == ReviewStatus.PENDING.value,
            )
        ).rowcount
        segments = list(transcript.segments)
        added = 0
        for finding in run.findings:
            finding.check_against(transcript.text)
            if (str(finding.kind), finding.label, finding.start, finding.end) in reviewed:
                continue
            session.add(finding_row(finding, transcript, segments, origin="machine", actor=actor))
            added += 1
        record = session.execute(
            select(AnnotationRunRow).where(
                AnnotationRunRow.transcript_id == transcript.id, AnnotationRunRow.producer == run.producer
            )
        ).scalar_one_or_none()
        if record is None:
            record = AnnotationRunRow(transcript_id=transcript.id, producer=run.producer)
            session.add(record)
        record.config_digest, record.created_at = run.config_digest, utcnow()
        record.personal_data = run.personal_data
        record.unchecked_segments = sorted(run.unchecked_segments) or None
        audit.append(
            session,
            actor=actor,
            action="annotate",
            object_type="transcript",
            object_id=transcript.id,
            call_id=transcript.call_id,
            details={"producer": run.producer, "config_digest": run.config_digest, "added": added,
                     "replaced": removed, "personal_data": run.personal_data,
                     "unchecked_segments": sorted(run.unchecked_segments)},
        )
        return added

    def annotation_runs(self, transcript_id: int) -> list[AnnotationRun]:
        """The run records of a transcript version (without findings), oldest producer name first."""
        with self.reading() as session:
            rows = session.execute(
                select(AnnotationRunRow).where(AnnotationRunRow.transcript_id == transcript_id)
                .order_by(AnnotationRunRow.producer)
            ).scalars()
            return [AnnotationRun(row.producer, (), row.config_digest, bool(row.personal_data),
                                  frozenset(row.unchecked_segments or ())) for row in rows]

    def unchecked_segments(self, transcript_ids: Sequence[int]) -> dict[int, frozenset[int] | None]:
        """Per transcript, the segment positions no personal-data detector has checked; None: never checked.

        What viewers see is masked from personal-data findings, so a segment no detector looked at
        (a new version before ``annotate``, a detector that failed) is shown to them fully masked.
        """
        found: dict[int, frozenset[int] | None] = {tid: None for tid in transcript_ids}
        if not transcript_ids:
            return found
        with self.reading() as session:
            rows = session.execute(
                select(AnnotationRunRow.transcript_id, AnnotationRunRow.unchecked_segments).where(
                    AnnotationRunRow.transcript_id.in_(list(transcript_ids)),
                    AnnotationRunRow.personal_data.is_(True),
                    AnnotationRunRow.config_digest != SUPERSEDED_DIGEST,
                )
            ).all()
        for tid, unchecked in rows:
            mine = frozenset(unchecked or ())
            previous = found[tid]
            found[tid] = mine if previous is None else previous & mine  # checked by any detector is checked
        return found

    def add_human_finding(
        self, transcript_id: int, finding: Finding, actor: str, supersedes_id: int | None = None
    ) -> int:
        """Store a finding made by a person (accepted); audited; returns its id.

        A correction of a stored finding goes through :meth:`supersede_findings`, which also retires
        the old one in the same transaction.
        """
        if supersedes_id is not None:
            return self.supersede_findings([Supersession(supersedes_id, finding)], actor)[0]
        with self.writing() as session:
            transcript = get_by_id(session, TranscriptRow, transcript_id)
            if transcript is None:
                raise NotFoundError(f"no transcript {transcript_id}")
            return self._add_human(session, transcript, finding, actor, None)

    def _add_human(self, session: Session, transcript: TranscriptRow, finding: Finding, actor: str,
                   supersedes_id: int | None) -> int:
        finding.check_against(transcript.text)
        row = finding_row(finding, transcript, list(transcript.segments), origin="human", actor=actor)
        row.review_status = ReviewStatus.ACCEPTED.value
        row.supersedes_id = supersedes_id
        row.reviewed_by, row.reviewed_at = actor, utcnow()
        session.add(row)
        session.flush()
        audit.append(
            session,
            actor=actor,
            action="finding.add",
            object_type="finding",
            object_id=row.id,
            call_id=transcript.call_id,
            after=finding.as_dict(),
            details={"kind": row.kind, "label": row.label, "supersedes": supersedes_id},
        )
        return row.id

    def supersede_findings(self, changes: Sequence[Supersession], actor: str) -> list[int]:
        """Replace stored findings by people's findings, all in one transaction; returns the new ids.

        Each old finding becomes ``corrected`` and its replacement points at it. A finding that
        already has a live correction, or whose revision is not the one the person saw, refuses
        the whole change (:class:`ConflictError`): one live decision per finding, which the
        database also enforces with a unique index.
        """
        with self.writing() as session:
            new_ids = []
            for change in changes:
                old = self._finding_for_decision(session, change.old_id, change.expected_revision)
                transcript = session.get(TranscriptRow, old.transcript_id)
                new_ids.append(self._add_human(session, transcript, change.finding, actor, old.id))
                self._set_status(session, old, ReviewStatus.CORRECTED, actor)
            return new_ids

    def set_finding_status(
        self, finding_id: int, status: ReviewStatus, actor: str, *, expected_revision: int | None = None
    ) -> int:
        """Accept, reject or mark a finding corrected (audited); returns its new revision.

        Refused (:class:`ConflictError`) when the finding changed since ``expected_revision`` or
        when a live correction replaces it (decide on the correction instead).
        """
        with self.writing() as session:
            row = self._finding_for_decision(session, finding_id, expected_revision)
            return self._set_status(session, row, ReviewStatus(status), actor)

    def _finding_for_decision(self, session: Session, finding_id: int, expected_revision: int | None) -> FindingRow:
        row = get_by_id(session, FindingRow, finding_id)
        if row is None:
            raise NotFoundError(f"no finding {finding_id}")
        if expected_revision is not None and (row.revision or 0) != expected_revision:
            when = row.reviewed_at.strftime("%H:%M") if row.reviewed_at else "?"
            raise ConflictError(f"finding {finding_id} changed since you loaded it: {row.review_status} by "
                                f"{row.reviewed_by or 'the machine'} at {when} UTC; reload and decide again")
        successor = session.execute(
            select(FindingRow.id).where(FindingRow.supersedes_id == finding_id,
                                        FindingRow.review_status.in_(LIVE_STATUSES))
        ).scalar()
        if successor is not None:
            raise ConflictError(f"finding {finding_id} was corrected by finding {successor}; "
                                "review the correction instead")
        return row

    def _set_status(self, session: Session, row: FindingRow, status: ReviewStatus, actor: str) -> int:
        before = row.review_status
        row.review_status = status.value
        row.reviewed_by, row.reviewed_at = actor, utcnow()
        row.revision = (row.revision or 0) + 1
        audit.append(
            session,
            actor=actor,
            action=f"finding.{status.value}",
            object_type="finding",
            object_id=row.id,
            call_id=row.call_id,
            before=before,
            after=row.review_status,
            details={"kind": row.kind, "label": row.label},
        )
        return row.revision

    def add_reviewed_transcript(
        self,
        call_id: int,
        transcript: Transcript,
        *,
        based_on: int,
        carried: Sequence[CarriedFinding],
        runs: Sequence[AnnotationRun],
        actor: str,
        settings: dict[str, Any],
    ) -> int:
        """Store a person's corrected transcript version with all its findings in one transaction.

        ``based_on`` is the transcript id the person edited: if it is no longer the call's current
        version, nothing is written (:class:`ConflictError`). ``runs`` are the run records of the new
        version with the findings detected anew on edited segments; ``carried`` are the findings of
        unchanged segments with their decisions, corrections pointing at their carried targets.
        A kill at any point leaves either the old state or all of the new one.
        """
        with self.writing() as session:
            current = session.execute(select(current_transcript_id_of(call_id))).scalar()
            if current != based_on:
                raise ConflictError(f"call {call_id} has a newer transcript version than the one you edited; "
                                    "reload the call and apply your correction again")
            new_id = self.add_transcript(call_id, transcript, actor=actor, producer=transcript.producer,
                                         settings=settings, session=session)
            row = session.get(TranscriptRow, new_id)
            for run in runs:
                self._write_run(session, row, run, actor)
            segments = list(row.segments)
            id_map: dict[int, int] = {}
            decisions = []
            for item in sorted(carried, key=lambda c: (c.old.origin != "machine", c.old.id)):
                old, finding = item.old, item.finding
                finding.check_against(row.text)
                copy = finding_row(finding, row, segments, origin=old.origin, actor=actor)
                copy.review_status = old.review_status.value
                copy.reviewed_by, copy.reviewed_at, copy.revision = old.reviewed_by, old.reviewed_at, old.revision
                copy.supersedes_id = id_map.get(old.supersedes_id) if old.supersedes_id else None
                session.add(copy)
                session.flush()
                id_map[old.id] = copy.id
                if old.review_status != ReviewStatus.PENDING or old.origin != "machine":
                    decisions.append([old.id, copy.id, old.review_status.value])
            audit.append(
                session,
                actor=actor,
                action="findings.carry",
                object_type="transcript",
                object_id=new_id,
                call_id=call_id,
                details={"from_transcript": based_on, "carried": len(id_map), "decisions": decisions},
            )
            return new_id

    def findings(
        self,
        *,
        call_ref: int | str | None = None,
        transcript_id: int | None = None,
        kind: FindingKind | str | None = None,
        current_only: bool = True,
    ) -> list[StoredFinding]:
        """Findings filtered by call, transcript or kind; by default only on current transcripts."""
        with self.reading() as session:
            query = select(FindingRow).order_by(FindingRow.transcript_id, FindingRow.start, FindingRow.id)
            if call_ref is not None:
                call = self.call_row(session, call_ref)
                query = query.where(FindingRow.call_id == call.id)
            if transcript_id is not None:
                query = query.where(FindingRow.transcript_id == transcript_id)
            elif current_only:
                query = query.where(FindingRow.transcript_id.in_(current_transcript_ids()))
            if kind is not None:
                query = query.where(FindingRow.kind == str(kind))
            return [stored_finding(row) for row in session.execute(query).scalars()]

    # ---- ingest bookkeeping and audit ---------------------------------------------------
    def record_ingest_item(
        self,
        run_id: str,
        source_path: str,
        status: str,
        *,
        code: str | None = None,
        message: str | None = None,
        sha256: str | None = None,
        call_id: int | None = None,
    ) -> None:
        """Remember what happened to one input path (ingested, unchanged or failed)."""
        with self.writing() as session:
            session.add(
                IngestItemRow(
                    run_id=run_id,
                    source_path=source_path,
                    status=status,
                    code=code,
                    message=message,
                    sha256=sha256,
                    call_id=call_id,
                    at=utcnow(),
                )
            )

    def ingest_items(self, run_id: str | None = None) -> list[IngestItemRow]:
        """Ingest outcomes, of one run or all."""
        with self.reading() as session:
            query = select(IngestItemRow).order_by(IngestItemRow.id)
            if run_id:
                query = query.where(IngestItemRow.run_id == run_id)
            return list(session.execute(query).scalars())

    def audit(
        self,
        *,
        actor: str,
        action: str,
        object_type: str,
        object_id: str | int,
        call_id: int | None = None,
        before: Any = None,
        after: Any = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        """Append an audit entry in its own transaction."""
        with self.writing() as session:
            audit.append(
                session,
                actor=actor,
                action=action,
                object_type=object_type,
                object_id=object_id,
                call_id=call_id,
                before=before,
                after=after,
                details=details,
            )

    def audit_entries(self, call_ref: int | str | None = None) -> list[AuditRow]:
        """Audit entries of one call (or all), in order."""
        with self.reading() as session:
            query = select(AuditRow).order_by(AuditRow.id)
            if call_ref is not None:
                query = query.where(AuditRow.call_id == self.call_row(session, call_ref).id)
            return list(session.execute(query).scalars())

    def verify_audit(self) -> list[audit.AuditProblem]:
        """Check the audit chain; an empty list means intact."""
        with self.reading() as session:
            return audit.verify(session)
