"""Coded, actionable errors.

Every expected failure raises an :class:`OverheardError` subclass whose message is
one line that names the problem and what to do next. Messages must never contain
personal data or transcript text: name files by their (sanitised) path and calls
by their id.
"""

from __future__ import annotations


class OverheardError(Exception):
    """Base class for expected errors; the CLI prints ``code: message`` without a traceback."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"{self.code} {self.message}"


class WorkspaceError(OverheardError):
    """The workspace is missing, not initialised, or of an unknown schema."""

    code = "E001"


class InputFileError(OverheardError):
    """An input file cannot be ingested (empty, corrupt, unknown format, hostile name...)."""

    code = "E002"


class EncodingError(InputFileError):
    """A text file's encoding could not be determined."""

    code = "E003"


class MetadataError(InputFileError):
    """A sidecar metadata file or a metadata option is invalid."""

    code = "E004"


class NotFoundError(OverheardError):
    """A call, transcript or finding that was asked for does not exist."""

    code = "E005"


class IntegrityError(OverheardError):
    """The vault or the audit log failed verification."""

    code = "E006"


class LexiconError(OverheardError):
    """A lexicon file is invalid."""

    code = "E007"


class AnalysisInputError(OverheardError):
    """Text given to ``analyze``/``redact`` is empty, binary or malformed."""

    code = "E008"


class ModelError(OverheardError):
    """A model could not be found or loaded (no network access is ever attempted)."""

    code = "E009"


class AudioError(OverheardError):
    """Audio could not be decoded or written."""

    code = "E010"


class LeakError(OverheardError):
    """An export contains personal data that should have been redacted."""

    code = "E011"


class PermissionDenied(OverheardError):
    """The acting user's role does not allow this."""

    code = "E012"


class ConflictError(OverheardError):
    """What a write was based on changed meanwhile (another reviewer, another tab): reload and decide again."""

    code = "E018"


class MarkError(OverheardError):
    """A tag, note or star is malformed (a tag's length or characters, an empty or overlong note, an object type
    that cannot be marked)."""

    code = "E035"


class RegistryError(OverheardError):
    """An annotator name is unknown or taken twice, its entry point cannot be loaded, or a pipeline item or its
    config is malformed."""

    code = "E019"


class TimingError(OverheardError):
    """A personal-data finding inside a clip's range has no word timing, so it cannot be bleeped: nothing is written."""

    code = "E050"


class PublishError(OverheardError):
    """A publication item is not approved, or a pack could not be built: nothing is written."""

    code = "E051"


class QuoteError(OverheardError):
    """A quote is malformed (range, words, status change) or its status change is not allowed."""

    code = "E052"
