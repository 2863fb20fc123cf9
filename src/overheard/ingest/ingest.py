"""Take evidence files into a workspace without altering them.

Each file is handled on its own: validated, hashed, probed or parsed, copied into
the vault and recorded in one database transaction, so a crash leaves every file
either fully ingested or not at all (vault files without a row are swept on the
next run). Files sharing a base name (``call-07.amr``, ``call-07.txt``,
``call-07.meta.yaml``) become one call. Ingesting the same bytes again is a no-op;
the same name with new bytes becomes a new version linked to the old one.
"""

from __future__ import annotations

import fcntl
import os
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from overheard import crashlog
from overheard.errors import InputFileError, OverheardError
from overheard.ingest.audio import AUDIO_SUFFIXES, probe_audio
from overheard.ingest.encodings import decode_text
from overheard.ingest.metadata import SIDECAR_SUFFIXES, parse_sidecar
from overheard.ingest.transcripts import TRANSCRIPT_SUFFIXES, parse_transcript
from overheard.model import CallMetadata, FileKind, MediaInfo, Transcript, nfc
from overheard.store import audit
from overheard.store.vault import sha256_file
from overheard.workspace import Workspace

MAX_NAME_CHARS = 200
# Operating-system clutter skipped in folders (never evidence); hidden files are NOT skipped.
JUNK_FILES = {".DS_Store", "Thumbs.db", "desktop.ini", ".ingest.lock"}
VCS_FOLDERS = {".git", ".svn", ".hg"}


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one input file."""

    source: str  # display form of the path (control characters escaped)
    status: str  # "ingested" | "new_version" | "unchanged" | "failed"
    message: str
    call_id: int | None = None
    sha256: str | None = None
    code: str | None = None


@dataclass
class IngestReport:
    """Outcomes of one ingest run."""

    run_id: str
    outcomes: list[IngestOutcome] = field(default_factory=list)

    @property
    def failed(self) -> list[IngestOutcome]:
        """The outcomes that failed."""
        return [o for o in self.outcomes if o.status == "failed"]

    def count(self, status: str) -> int:
        """How many outcomes have ``status``."""
        return sum(1 for o in self.outcomes if o.status == status)


@dataclass(frozen=True)
class InputFile:
    """A file found under the paths given to ingest."""

    path: Path
    root: Path  # the folder it was found under (symlinks must stay inside it)
    kind: FileKind | None  # None: unknown format
    key: str  # call key: the base name shared by a call's files


def display_path(path: Path | str) -> str:
    """A path safe to print: control and format characters escaped, bytes that are not UTF-8 as \\xNN."""
    out = []
    for ch in str(path):
        category = unicodedata.category(ch)
        if category == "Cs" and 0xDC80 <= ord(ch) <= 0xDCFF:  # a byte os.fsdecode could not decode
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
        elif category in ("Cc", "Cf", "Cs"):
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return "".join(out)


def classify(path: Path) -> tuple[FileKind | None, str]:
    """The kind of file and its call key, from its name."""
    name = path.name
    lowered = name.lower()
    for suffix in SIDECAR_SUFFIXES:
        if lowered.endswith(suffix):
            return FileKind.METADATA, nfc(name[: -len(suffix)])
    suffix = path.suffix.lower()
    stem = nfc(name[: -len(suffix)] if suffix else name)
    if suffix in AUDIO_SUFFIXES:
        return FileKind.AUDIO, stem
    if suffix in TRANSCRIPT_SUFFIXES:
        return FileKind.TRANSCRIPT, stem
    return None, stem


def check_name(path: Path) -> None:
    """Refuse hostile file names: control characters, path tricks, absurd lengths."""
    name = path.name
    shown = display_path(name)[:80]
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in name):
        raise InputFileError(f"{shown}: file name contains control or direction characters; rename it")
    if "\\" in name or name in {".", ".."} or name.startswith(".."):
        raise InputFileError(f"{shown}: file name looks like a path traversal; rename it")
    if len(name) > MAX_NAME_CHARS or len(name.encode("utf-8", "surrogateescape")) > 240:
        raise InputFileError(f"{shown}...: file name is longer than {MAX_NAME_CHARS} characters; rename it")
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise InputFileError(f"{shown}: file name is not valid UTF-8; rename it") from None


def collect(paths: Iterable[Path]) -> Iterator[InputFile | IngestOutcome]:
    """Walk the given files and folders (recursively); yield input files, or failures for bad paths."""
    for given in paths:
        given = Path(given)
        if given.is_symlink() and not given.exists():
            yield _failure(given, InputFileError(f"{display_path(given)}: broken symbolic link"))
        elif given.is_dir():
            root = given.resolve()
            for folder, dirnames, filenames in os.walk(given, followlinks=False):
                dirnames[:] = sorted(d for d in dirnames if d not in VCS_FOLDERS)
                for filename in sorted(filenames):
                    if filename not in JUNK_FILES and not filename.startswith("._"):
                        yield _input(Path(folder) / filename, root)
        elif given.exists():
            yield _input(given, given.parent.resolve())
        else:
            yield _failure(given, InputFileError(f"{display_path(given)}: no such file or folder"))


def _input(path: Path, root: Path) -> InputFile:
    kind, key = classify(path)
    return InputFile(path=path, root=root, kind=kind, key=key)


def _failure(path: Path, error: OverheardError) -> IngestOutcome:
    return IngestOutcome(source=display_path(path), status="failed", message=str(error.message), code=error.code)


_ORDER = {FileKind.METADATA: 0, FileKind.AUDIO: 1, FileKind.TRANSCRIPT: 2, None: 3}


@contextmanager
def ingest_lock(root: Path) -> Iterator[None]:
    """One ingest at a time per workspace (the orphan sweep must not race a running ingest)."""
    with open(root / ".ingest.lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ingest_paths(
    workspace: Workspace,
    paths: Iterable[Path],
    *,
    actor: str | None = None,
    metadata: CallMetadata | None = None,
    on_file: Callable[[IngestOutcome], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> IngestReport:
    """Ingest files and folders into ``workspace``; one transaction per file.

    ``metadata`` (from command-line options) is applied to every call touched.
    ``on_total`` receives the number of files found; ``on_file`` each outcome.
    """
    actor = actor or audit.default_actor()
    report = IngestReport(run_id=uuid.uuid4().hex[:12])
    # the file lock covers one disk; the database lock covers analysts on other machines sharing the workspace
    with ingest_lock(workspace.root), workspace.store.exclusive("ingest"):
        swept = workspace.vault.sweep(workspace.store.vault_paths())
        if swept:
            workspace.store.audit(
                actor=actor,
                action="vault.sweep",
                object_type="vault",
                object_id="originals",
                details={"removed_uncommitted": len(swept)},
            )
        items = list(collect(paths))
        files = sorted((i for i in items if isinstance(i, InputFile)), key=lambda f: (f.key, _ORDER[f.kind]))
        if on_total:
            on_total(len(items))
        touched: set[int] = set()
        for item in [i for i in items if isinstance(i, IngestOutcome)] + files:
            outcome = item if isinstance(item, IngestOutcome) else _ingest_one(workspace, item, actor)
            report.outcomes.append(outcome)
            workspace.store.record_ingest_item(
                report.run_id,
                outcome.source,
                outcome.status,
                code=outcome.code,
                message=outcome.message,
                sha256=outcome.sha256,
                call_id=outcome.call_id,
            )
            if outcome.call_id is not None:
                touched.add(outcome.call_id)
            if on_file:
                on_file(outcome)
        if metadata is not None and metadata != CallMetadata():
            workspace.store.merge_metadata(sorted(touched), metadata, actor, reason="command line")
    return report


def _ingest_one(workspace: Workspace, item: InputFile, actor: str) -> IngestOutcome:
    shown = display_path(item.path)
    try:
        return _ingest_checked(workspace, item, actor, shown)
    except OverheardError as error:
        return IngestOutcome(source=shown, status="failed", message=error.message, code=error.code)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return IngestOutcome(
            source=shown, status="failed", message=f"{shown}: cannot read the file ({reason})", code=InputFileError.code
        )
    except Exception as error:  # the error boundary: this file fails with a coded line, the batch goes on
        return IngestOutcome(source=shown, status="failed", code=crashlog.INTERNAL_ERROR_CODE,
                             message=f"{shown}: {crashlog.one_line(error, 'ingest')}; nothing of this file was kept")


def _ingest_checked(workspace: Workspace, item: InputFile, actor: str, shown: str) -> IngestOutcome:
    path = item.path
    check_name(path)
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(item.root):
            raise InputFileError(f"{shown}: symbolic link points outside the folder being ingested")
    if not path.is_file():
        raise InputFileError(f"{shown}: not a regular file")
    if item.kind is None:
        raise InputFileError(f"{shown}: unknown file format '{display_path(path.suffix) or 'no extension'}'")
    size = path.stat().st_size
    if size == 0:
        raise InputFileError(f"{shown}: the file is empty")
    limit = int(workspace.setting("ingest.max_file_bytes", 4 * 1024**3))
    if item.kind != FileKind.AUDIO:
        limit = min(limit, int(workspace.setting("ingest.max_text_bytes", 64 * 1024**2)))
    if size > limit:
        raise InputFileError(f"{shown}: the file is too large ({size / 1024**2:.0f} MiB > {limit / 1024**2:.0f} MiB)")
    sha256 = sha256_file(path)
    existing = workspace.store.file_by_sha256(sha256)
    if existing is not None:
        return IngestOutcome(
            source=shown,
            status="unchanged",
            call_id=existing.call_id,
            sha256=sha256,
            message=f"{shown}: already ingested (call {existing.call_id}), nothing to do",
        )
    # Understand the file before it enters the vault: bad files never get there.
    media, transcript, metadata, encoding = None, None, None, None
    if item.kind == FileKind.AUDIO:
        media = probe_audio(path, shown)
    else:
        text, encoding = decode_text(path.read_bytes(), shown)
        if item.kind == FileKind.METADATA:
            metadata = parse_sidecar(text, path.name)
    call = workspace.store.call_by_key(item.key)
    known_speakers = [p.label for p in call.metadata.participants] if call else []
    if item.kind == FileKind.TRANSCRIPT:
        transcript = parse_transcript(text, TRANSCRIPT_SUFFIXES[path.suffix.lower()], shown, known_speakers)
    try:
        vault_path = workspace.vault.store_original(path, sha256, path.suffix)
    except ValueError:
        raise InputFileError(f"{shown}: the file changed while it was being ingested; try again") from None
    try:
        return _record(workspace, item, actor, shown, sha256=sha256, size=size, vault_path=vault_path, media=media,
                       transcript=transcript, metadata=metadata, encoding=encoding)
    except BaseException:
        workspace.vault.discard_original(vault_path)  # no row refers to it: never leave an orphan behind
        raise


def _record(workspace: Workspace, item: InputFile, actor: str, shown: str, *, sha256: str, size: int,
            vault_path: str, media: MediaInfo | None, transcript: Transcript | None, metadata: CallMetadata | None,
            encoding: str | None) -> IngestOutcome:
    """Record one vaulted file, its call, metadata and transcript in one transaction."""
    path = item.path
    row, created = workspace.store.add_original(
        key=item.key,
        kind=item.kind.value,
        name=path.name,
        sha256=sha256,
        size=size,
        source_path=shown,
        vault_path=vault_path,
        actor=actor,
        file_format=media.container if media else TRANSCRIPT_SUFFIXES.get(path.suffix.lower(), "metadata"),
        media=media,
        encoding=encoding,
        metadata=metadata,
        transcript=transcript,
    )
    call_id = row.call_id
    previous = row.previous_id is not None
    status = "new_version" if previous else "ingested"
    what = f"version {row.version} of {item.kind.value}" if previous else item.kind.value
    return IngestOutcome(
        source=shown,
        status=status,
        call_id=call_id,
        sha256=sha256,
        message=f"{shown}: {what} → call {call_id}" + (" (new call)" if created else ""),
    )
