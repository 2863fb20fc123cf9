"""The one Store: every database read and write of overheard goes through its methods.

``Store`` is a facade. Each public method is one operation on one aggregate and one transaction
(or a few, where passwords are hashed between them); it opens the session and calls the
aggregate's module, which holds the SQL: :mod:`~overheard.store.calls`,
:mod:`~overheard.store.files`, :mod:`~overheard.store.transcripts`, :mod:`~overheard.store.findings`,
:mod:`~overheard.store.people`, :mod:`~overheard.store.search_index`, :mod:`~overheard.store.users`
and :mod:`~overheard.store.audit`. Every method returns core types from :mod:`overheard.model`,
never database rows.

SQLite (WAL mode) is the single-machine default; a ``postgresql+psycopg://...``
URL gives a shared multi-user store with the same methods. Write transactions are
serialised on both, so concurrent processes queue instead of failing half way or
racing on read-then-insert steps (next transcript version, call by key, audit head):
SQLite starts them with ``BEGIN IMMEDIATE``, PostgreSQL with a transaction-scoped
advisory lock (``pg_advisory_xact_lock``). Readers never wait on either.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from overheard.errors import WorkspaceError
from overheard.model import (
    AnnotationRun,
    AuditEntry,
    AuditProblem,
    Call,
    CallFilters,
    CallHeader,
    CallListPage,
    CallMetadata,
    CarriedFinding,
    DerivedFile,
    ExternalSeries,
    Finding,
    FindingKind,
    IncidentDecision,
    IndexedTranscript,
    IngestItem,
    MediaInfo,
    PostingMatches,
    QueueFilters,
    Quote,
    ReviewQueue,
    ReviewStatus,
    Role,
    SavedSearch,
    SearchScope,
    SeriesPoint,
    SpeakerLabel,
    StoreChanges,
    StoredAlignment,
    StoredFile,
    StoredFinding,
    StoredTranscript,
    Supersession,
    Transcript,
    User,
    WebSession,
)
from overheard.store import (
    alignments,
    audit,
    calls,
    decisions,
    files,
    findings,
    migrate,
    queue,
    quotes,
    register,
    saved_searches,
    search_index,
    speakers,
    transcripts,
    users,
)
from overheard.store.desk import PeopleDeskStore
from overheard.store.engines import (
    DatabaseError,
    check_encoding,
    reason,
    safe_url,
    server_engine,
    sqlite_engine,
    sqlite_file,
)
from overheard.store.marks_store import MarksStore

__all__ = ["DatabaseError", "Store"]


class Store(PeopleDeskStore, MarksStore):
    """Narrow API over the workspace database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = engine.execution_options(write=True)
        self._call_summary = calls.SummaryCache()  # the calls list's total and filter values

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

    # ---- transactions (for the store's own modules and white-box tests; callers use the methods below)
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
    def get_call(self, ref: int | str) -> Call:
        """One call by id or key; raise NotFoundError."""
        with self.reading() as session:
            return calls.call(session, calls.call_row(session, ref))

    def call_by_key(self, key: str) -> Call | None:
        """The call with exactly this key (a key of digits is not read as an id), or None."""
        with self.reading() as session:
            row = calls.by_key(session, key)
            return calls.call(session, row) if row is not None else None

    def list_calls(self) -> list[Call]:
        """All calls, oldest recording first (undated last)."""
        with self.reading() as session:
            return calls.list_all(session)

    def call_headers(self, call_ids: Sequence[int] | None = None) -> list[CallHeader]:
        """Every call's (or these calls') id, key, time and place, in one query."""
        with self.reading() as session:
            return calls.headers(session, call_ids)

    def call_list(self, filters: CallFilters, *, sort: str = "recorded_at", page: int = 1,
                  page_size: int = 50) -> CallListPage:
        """One page of calls matching ``filters`` with counts and filter values (see :mod:`.calls`)."""
        with self.reading() as session:
            return calls.list_page(session, filters, sort=sort, page=page, page_size=page_size,
                                   version=audit.change_count(session), cache=self._call_summary)

    def oblast_spellings(self) -> tuple[str, ...]:
        """Every distinct metadata oblast string of the calls, as stored (``annotate.regions`` reads them)."""
        with self.reading() as session:
            return calls.oblast_spellings(session, version=audit.change_count(session), cache=self._call_summary)

    def add_call(self, key: str, actor: str, metadata: CallMetadata | None = None, *,
                 reason: str = "created") -> Call:
        """The call with ``key``, created if new, with ``metadata`` merged in (both audited)."""
        with self.writing() as session:
            row, _ = calls.get_or_create(session, key, actor)
            if metadata is not None:
                calls.set_metadata(session, row, metadata, actor, reason=reason)
            session.flush()
            return calls.call(session, row)

    def update_metadata(self, ref: int | str, metadata: CallMetadata, actor: str) -> Call:
        """Change a call's metadata from the CLI or web (audited)."""
        with self.writing() as session:
            row = calls.call_row(session, ref)
            calls.set_metadata(session, row, metadata, actor, reason="edited")
            session.flush()
            return calls.call(session, row)

    def merge_metadata(self, refs: Sequence[int | str], metadata: CallMetadata, actor: str, *, reason: str) -> int:
        """Merge ``metadata`` into several calls in one transaction (audited per call); returns how many changed."""
        with self.writing() as session:
            return sum(calls.set_metadata(session, calls.call_row(session, ref), metadata, actor, reason=reason)
                       for ref in refs)

    def set_review_status(self, ref: int | str, status: str, actor: str) -> None:
        """Set a call's review status (new, in_review, verified) with an audit entry."""
        with self.writing() as session:
            calls.set_review_status(session, calls.call_row(session, ref), status, actor)

    def _call_id(self, session: Session, ref: int | str | None) -> int | None:
        return None if ref is None else calls.call_row(session, ref).id

    # ---- files ---------------------------------------------------------------------------
    def file_by_sha256(self, sha256: str) -> StoredFile | None:
        """The original with these bytes, if already ingested."""
        with self.reading() as session:
            return files.by_sha256(session, sha256)

    def files(self, call_ref: int | str | None = None) -> list[StoredFile]:
        """Originals of one call (or of all calls), oldest first."""
        with self.reading() as session:
            return files.originals(session, self._call_id(session, call_ref))

    def file(self, file_id: int) -> StoredFile | None:
        """One original by id, or None."""
        with self.reading() as session:
            return files.original(session, file_id)

    def recordings(self, call_ref: int | str) -> list[StoredFile]:
        """Audio originals of a call, newest version of each name last."""
        return [f for f in self.files(call_ref) if f.kind == "audio"]

    def latest_recording(self, call_ref: int | str) -> StoredFile | None:
        """The newest audio original of a call, or None."""
        recordings = self.recordings(call_ref)
        return recordings[-1] if recordings else None

    def add_original(self, *, key: str, kind: str, name: str, sha256: str, size: int, source_path: str,
                     vault_path: str, actor: str, file_format: str, media: MediaInfo | None = None,
                     encoding: str | None = None, metadata: CallMetadata | None = None,
                     transcript: Transcript | None = None) -> tuple[StoredFile, bool]:
        """Record a vaulted original, its call (created if new), metadata and transcript in one transaction.

        Returns the file and whether its call is new (see :func:`.files.add_original`).
        """
        with self.writing() as session:
            return files.add_original(session, key=key, kind=kind, name=name, sha256=sha256, size=size,
                                      source_path=source_path, vault_path=vault_path, actor=actor,
                                      file_format=file_format, media=media, encoding=encoding, metadata=metadata,
                                      transcript=transcript)

    def vault_paths(self) -> set[str]:
        """Every vault path the database refers to (originals and derived)."""
        with self.reading() as session:
            return files.vault_paths(session)

    def add_derived_file(self, *, call_id: int | None, kind: str, path: str, sha256: str, source_sha256: str | None,
                         producer: str | None, settings: dict[str, Any] | None, actor: str) -> int:
        """Record a derived file (clip, export, converted audio) with its provenance."""
        with self.writing() as session:
            return files.add_derived(session, call_id=call_id, kind=kind, path=path, sha256=sha256,
                                     source_sha256=source_sha256, producer=producer, settings=settings, actor=actor)

    def derived_files(self, call_ref: int | str | None = None) -> list[DerivedFile]:
        """Derived files of a call (or all), oldest first."""
        with self.reading() as session:
            return files.derived(session, self._call_id(session, call_ref))

    def derived_file(self, derived_id: int) -> DerivedFile | None:
        """One derived file by id, or None."""
        with self.reading() as session:
            return files.derived_one(session, derived_id)

    def record_ingest_item(self, run_id: str, source_path: str, status: str, *, code: str | None = None,
                           message: str | None = None, sha256: str | None = None, call_id: int | None = None) -> None:
        """Remember what happened to one input path (ingested, unchanged or failed)."""
        with self.writing() as session:
            files.record_ingest_item(session, run_id, source_path, status, code=code, message=message,
                                     sha256=sha256, call_id=call_id)

    def ingest_items(self, run_id: str | None = None) -> list[IngestItem]:
        """Ingest outcomes, of one run or all."""
        with self.reading() as session:
            return files.ingest_items(session, run_id)

    # ---- transcripts ---------------------------------------------------------------------
    def add_transcript(self, call_ref: int | str, transcript: Transcript, *, actor: str, producer: str | None = None,
                       settings: dict[str, Any] | None = None, file_id: int | None = None) -> int:
        """Store ``transcript`` as the call's next version (audited); returns its id."""
        with self.writing() as session:
            return transcripts.add(session, calls.call_row(session, call_ref).id, transcript, actor=actor,
                                   producer=producer, settings=settings, file_id=file_id)

    def transcripts(self, call_ref: int | str) -> list[StoredTranscript]:
        """All transcript versions of a call, oldest first."""
        with self.reading() as session:
            return transcripts.versions(session, calls.call_row(session, call_ref).id)

    def current_transcript(self, call_ref: int | str) -> StoredTranscript | None:
        """The call's current transcript (reviewed, else imported, else ASR; newest first), or None."""
        with self.reading() as session:
            return transcripts.current(session, calls.call_row(session, call_ref).id)

    def transcript(self, transcript_id: int) -> StoredTranscript:
        """One transcript version by id; raise NotFoundError."""
        with self.reading() as session:
            return transcripts.get(session, transcript_id)

    def current_transcripts(self) -> list[StoredTranscript]:
        """The current transcript of every call (see :data:`.transcripts.SOURCE_RANK`)."""
        with self.reading() as session:
            return transcripts.all_current(session)

    def segment_texts(self, transcript_ids: Sequence[int]) -> dict[tuple[int, int], tuple[int, str]]:
        """``(transcript id, position) -> (char_start, text)`` of the segments of these transcripts (one query)."""
        with self.reading() as session:
            return transcripts.segment_texts(session, sorted(set(transcript_ids)))

    def segment_starts(self, transcript_ids: Sequence[int]) -> dict[int, list[tuple[int, float | None]]]:
        """Per transcript, each segment's first character and start second, in order."""
        with self.reading() as session:
            return transcripts.segment_starts(session, list(transcript_ids))

    def add_alignment(self, transcript_id: int, aligned: Transcript, *, producer: str, settings: dict[str, Any],
                      actor: str) -> int:
        """Write forced-alignment word timings onto a transcript version (text unchanged), audited."""
        with self.writing() as session:
            return alignments.add(session, transcript_id, aligned, producer=producer, settings=settings,
                                  actor=actor)

    def alignments(self, *, transcript_id: int | None = None, call_ref: int | str | None = None
                   ) -> list[StoredAlignment]:
        """Alignments made of one transcript version, or of every version of a call, oldest first."""
        with self.reading() as session:
            if transcript_id is not None:
                return alignments.of_transcript(session, transcript_id)
            return alignments.of_call(session, calls.call_row(session, call_ref).id)

    # ---- speaker labels --------------------------------------------------------------------
    def set_speaker_label(self, call_ref: int | str, speaker: str, label: str, *, personal: bool | None,
                          actor: str) -> None:
        """Name one speaker of a call (empty: remove the name); ``personal`` None = no detector checked it."""
        with self.writing() as session:
            speakers.set_label(session, calls.call_row(session, call_ref).id, speaker, label, personal, actor)

    def speaker_labels(self, call_ref: int | str) -> list[SpeakerLabel]:
        """The names people gave the call's speakers."""
        with self.reading() as session:
            return speakers.labels(session, calls.call_row(session, call_ref).id)

    # ---- findings ------------------------------------------------------------------------
    def findings(self, *, call_ref: int | str | None = None, transcript_id: int | None = None,
                 kind: FindingKind | str | None = None, current_only: bool = True,
                 call_ids: Sequence[int] | None = None) -> list[StoredFinding]:
        """Findings filtered by call (or calls), transcript or kind; by default only on current transcripts."""
        with self.reading() as session:
            return findings.query(session, call_id=self._call_id(session, call_ref), transcript_id=transcript_id,
                                  kind=kind, current_only=current_only, call_ids=call_ids)

    def finding(self, finding_id: int) -> StoredFinding:
        """One finding by id; raise NotFoundError."""
        with self.reading() as session:
            return findings.get(session, finding_id)

    def review_queue(self, limit: int = 200, filters: QueueFilters | None = None) -> ReviewQueue:
        """Findings to review (pending unless ``filters`` say otherwise): casualties and personal data first,
        then lowest score; with how many are pending in all and how many match."""
        with self.reading() as session:
            return queue.review_queue(session, filters or QueueFilters(), limit)

    def entity_spans(self, transcript_ids: Sequence[int], labels: Sequence[str]) -> dict[int, list[tuple[int, int]]]:
        """Per transcript, the spans of entity findings with these labels that are not rejected."""
        with self.reading() as session:
            return findings.entity_spans(session, transcript_ids, labels)

    def annotation_digest(self, transcript_id: int, producer: str) -> str | None:
        """The config digest the producer last ran with on this transcript, if it ran."""
        with self.reading() as session:
            return findings.annotation_digest(session, transcript_id, producer)

    def annotation_runs(self, transcript_id: int) -> list[AnnotationRun]:
        """The run records of a transcript version (without findings), by producer name."""
        with self.reading() as session:
            return findings.annotation_runs(session, transcript_id)

    def unchecked_segments(self, transcript_ids: Sequence[int]) -> dict[int, frozenset[int] | None]:
        """Per transcript, the segment positions no personal-data detector has checked; None: never checked.

        What viewers see is masked from personal-data findings, so a segment no detector looked at
        (a new version before ``annotate``, a detector that failed) is shown to them fully masked.
        """
        with self.reading() as session:
            return findings.unchecked_segments(session, transcript_ids)

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
            return findings.store_annotations(session, transcript_id, runs, actor, superseded)

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
            return findings.add_human(session, transcripts.row(session, transcript_id), finding, actor, None)

    def supersede_findings(self, changes: Sequence[Supersession], actor: str) -> list[int]:
        """Replace stored findings by people's findings, all in one transaction; returns the new ids.

        Each old finding becomes ``corrected`` and its replacement points at it. A finding that
        already has a live correction, or whose revision is not the one the person saw, refuses
        the whole change (:class:`ConflictError`): one live decision per finding, which the
        database also enforces with a unique index.
        """
        with self.writing() as session:
            return findings.supersede(session, changes, actor)

    def set_finding_status(
        self, finding_id: int, status: ReviewStatus, actor: str, *, expected_revision: int | None = None
    ) -> int:
        """Accept, reject or mark a finding corrected (audited); returns its new revision.

        Refused (:class:`ConflictError`) when the finding changed since ``expected_revision`` or
        when a live correction replaces it (decide on the correction instead).
        """
        with self.writing() as session:
            row = findings.for_decision(session, finding_id, expected_revision)
            return findings.set_status(session, row, ReviewStatus(status), actor)

    def undo_decision(self, finding_id: int, actor: str, *, expected_revision: int | None = None) -> decisions.Undone:
        """Take back the latest decision on a finding, audited (see :mod:`overheard.store.decisions`).

        Refused (:class:`ConflictError`) when the finding changed since ``expected_revision`` or
        has nothing left to undo.
        """
        with self.writing() as session:
            return decisions.undo(session, finding_id, actor, expected_revision)

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
            return findings.add_reviewed_transcript(session, call_id, transcript, based_on=based_on, carried=carried,
                                                    runs=runs, actor=actor, settings=settings)

    # ---- search index --------------------------------------------------------------------
    def search_index_state(self) -> tuple[dict[int, str], dict[int, str]]:
        """(text sha256 of every current transcript, digest of every indexed one), by transcript id."""
        with self.reading() as session:
            return transcripts.current_digests(session), search_index.indexed_digests(session)

    def index_transcripts(self, indexed: Sequence[IndexedTranscript]) -> None:
        """Replace these transcripts' postings and digests in one transaction."""
        with self.writing() as session:
            search_index.replace(session, indexed)

    def drop_from_index(self, transcript_ids: Sequence[int]) -> None:
        """Remove transcripts and their postings from the search index."""
        with self.writing() as session:
            search_index.drop(session, transcript_ids)

    def find_postings(self, keys: Sequence[str], *, call: str | None = None, language: str | None = None,
                      speaker: str | None = None, date_from: date | None = None,
                      date_to: date | None = None) -> PostingMatches:
        """Postings of ``keys`` in current transcripts passing the filters (see :func:`.search_index.postings`)."""
        with self.reading() as session:
            return search_index.postings(session, keys, call=call, language=language, speaker=speaker,
                                         date_from=date_from, date_to=date_to)

    def search_matches(self, keys: Sequence[str], scope: SearchScope, *, term_ids: Sequence[str] = (),
                       categories: Sequence[str] = (), side: str | None = None) -> PostingMatches:
        """Postings of ``keys`` and live TERM/CASUALTY findings of ``term_ids``/``categories`` in the current
        transcripts in ``scope`` (see :func:`.search_index.matches`)."""
        with self.reading() as session:
            return search_index.matches(session, keys, scope, term_ids=term_ids, categories=categories, side=side)

    def entity_findings(self, transcript_ids: Sequence[int]) -> dict[int, list[StoredFinding]]:
        """Per transcript, its entity findings (every review status): what viewer masking is computed from."""
        with self.reading() as session:
            return findings.entities_of(session, transcript_ids)

    # ---- saved searches (see :mod:`.saved_searches`) ------------------------------------------
    def save_search(self, owner: str, name: str, query: str, filters: Mapping[str, str]) -> SavedSearch:
        """Save a search under a name for its owner (audited; the query text stays out of the audit log)."""
        with self.writing() as session:
            return saved_searches.save(session, owner, name, query, filters)

    def saved_searches(self, owner: str) -> list[SavedSearch]:
        """The searches ``owner`` saved, newest first."""
        with self.reading() as session:
            return saved_searches.of_owner(session, owner)

    def saved_search(self, search_id: int, owner: str) -> SavedSearch:
        """One of ``owner``'s saved searches; raise NotFoundError for another user's or a missing one."""
        with self.reading() as session:
            return saved_searches.get(session, search_id, owner)

    def delete_saved_search(self, search_id: int, owner: str) -> None:
        """Delete one of ``owner``'s saved searches (audited); raise NotFoundError if it is not theirs."""
        with self.writing() as session:
            saved_searches.delete(session, search_id, owner)

    # ---- accounts (see :mod:`.users`) -------------------------------------------------------
    def add_user(self, name: str, role: str | Role, password: str, *, actor: str) -> User:
        """Create an account (audited); raise AccountError on a bad name, role or password."""
        return users.add_user(self, name, role, password, actor=actor)

    def list_users(self) -> list[User]:
        """All accounts, by name."""
        return users.list_users(self)

    def get_user(self, user_id: int) -> User:
        """One account by id; raise NotFoundError."""
        return users.get_user(self, user_id)

    def update_user(self, user_id: int, *, actor: str, role: str | Role | None = None, disabled: bool | None = None,
                    password: str | None = None) -> User:
        """Change an account's role, disabled flag or password (audited; never leaves no enabled admin)."""
        return users.update_user(self, user_id, actor=actor, role=role, disabled=disabled, password=password)

    def set_user_locale(self, user_id: int, locale: str | None, *, actor: str) -> User:
        """Store the interface language a user chose (None: follow the browser), audited as ``user.locale``."""
        return users.set_locale(self, user_id, locale, actor=actor)

    def set_account(self, name: str, role: str | Role, password: str, *, actor: str) -> User:
        """Create the account, or give an existing one this role and password and enable it (audited)."""
        return users.set_account(self, name, role, password, actor=actor)

    def authenticate(self, name: str, password: str, *, client: str,
                     throttle: users.Throttle = users.DEFAULT_THROTTLE) -> User | None:
        """Check a password; None when wrong. Raise LoginThrottled when this attempt must wait."""
        return users.authenticate(self, name, password, client=client, throttle=throttle)

    def start_web_session(self, user: User) -> tuple[str, WebSession]:
        """Open a login session; returns the cookie token (shown once) and the session."""
        return users.start_session(self, user)

    def find_web_session(self, token: str) -> WebSession | None:
        """The live login session of a cookie token, or None."""
        return users.find_session(self, token)

    def end_web_session(self, token: str) -> None:
        """Log a session out (audited when it existed)."""
        users.end_session(self, token)

    # ---- audit ---------------------------------------------------------------------------
    # ---- quotes for publication ---------------------------------------------------------------
    def add_quote(self, **fields: Any) -> Quote:
        """Store a draft quote (see :func:`overheard.store.quotes.add` for the fields); audited."""
        with self.writing() as session:
            return quotes.add(session, **fields)

    def quotes(self, *, call_ref: int | str | None = None, status: str | None = None, theme: str | None = None,
               ids: Sequence[int] | None = None, tag: str | None = None, starred: str | None = None) -> list[Quote]:
        """Quotes filtered by call, status, theme, ids, a tag or one user's stars."""
        with self.reading() as session:
            call_id = self._call_id(session, call_ref) if call_ref is not None else None
            return quotes.listed(session, call_id=call_id, status=status, theme=theme,
                                 ids=list(ids) if ids is not None else None, tag=tag, starred=starred)

    def quote(self, quote_id: int) -> Quote:
        """One quote (E005 when there is none)."""
        with self.reading() as session:
            return quotes.one(session, quote_id)

    def set_quote_status(self, quote_id: int, status: str, actor: str, expected_revision: int | None = None) -> Quote:
        """Approve, publish or withdraw a quote (audited; 409 on a stale revision)."""
        with self.writing() as session:
            return quotes.set_status(session, quote_id, status, actor, expected_revision)

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
            audit.append(session, actor=actor, action=action, object_type=object_type, object_id=object_id,
                         call_id=call_id, before=before, after=after, details=details)

    def audit_entries(self, call_ref: int | str | None = None) -> list[AuditEntry]:
        """Audit entries of one call (or all), in order."""
        with self.reading() as session:
            return audit.entries(session, self._call_id(session, call_ref))

    def verify_audit(self) -> list[AuditProblem]:
        """Check the audit chain; an empty list means intact."""
        with self.reading() as session:
            return audit.verify(session)

    # ---- the casualty register: incident decisions and external series ---------------------------
    def add_incident_decision(self, action: str, findings: Sequence[int], evidence: Sequence[str],
                              note: str | None, actor: str) -> IncidentDecision:
        """Record a reviewer's merge, split or keep-apart decision on casualty mentions (audited)."""
        with self.writing() as session:
            return register.add_decision(session, action, findings, evidence, note, actor)

    def undo_incident_decision(self, decision_id: int, actor: str) -> IncidentDecision:
        """Undo an incident decision (kept, stamped undone, audited)."""
        with self.writing() as session:
            return register.undo_decision(session, decision_id, actor)

    def incident_decisions(self) -> list[IncidentDecision]:
        """Every incident decision, oldest first, undone ones included."""
        with self.reading() as session:
            return register.decisions(session)

    def import_series(self, label: str, source: str, notes: str | None, sha256: str,
                      points: Sequence[SeriesPoint], actor: str, *, replace: bool = False) -> ExternalSeries:
        """Store an external series with its points (audited); a taken label needs ``replace``."""
        with self.writing() as session:
            return register.import_series(session, label, source, notes, sha256, points, actor, replace=replace)

    def external_series(self) -> list[ExternalSeries]:
        """Every imported external series with its points."""
        with self.reading() as session:
            return register.all_series(session)

    def change_count(self) -> int:
        """A counter that moves with every write (the audit chain's length): for caches of derived views."""
        with self.reading() as session:
            return audit.change_count(session)

    def changes_since(self, since: int) -> StoreChanges:
        """Which calls (and which call-less actions) the writes after audit position ``since`` touched.

        Every write appends its audit entry in its own transaction, so a write that did not commit
        (a crash half way) is neither in the data nor here. Read this *before* the data it invalidates:
        data read afterwards is at least as new as ``version``.
        """
        with self.reading() as session:
            return audit.changes_since(session, since)
