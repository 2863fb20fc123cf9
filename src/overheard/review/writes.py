"""What a person may write in review, validated once for the JSON API, the page forms and the library.

Every review write is a pydantic model: counts are whole numbers in 0..100,000, labels come from a
fixed vocabulary per kind (the lexicon's casualty categories and themes, the term categories, the
entity labels), text is non-empty and free of control characters, ids and offsets are bounded. A
form's empty field means "not given". A bad write is a :class:`ReviewError` naming the field, never
quoting what was typed (it may be a name).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator

from overheard.annotate.lexicon import CASUALTY_CATEGORIES, TERM_CATEGORIES
from overheard.annotate.rules.themes import THEMES
from overheard.errors import OverheardError
from overheard.model import CASUALTY_SIDES, ENTITY_LABELS, FindingKind

MAX_COUNT = 100_000  # more people than any call reports; a typo of 10**30 must not overflow the totals
MAX_ID = 2**31 - 1
MAX_OFFSET = 50_000_000
MAX_SEGMENT_CHARS = 20_000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


class ReviewError(OverheardError):
    """A review action is malformed (unknown action, span outside the text, label not in the vocabulary...)."""

    code = "E015"


def labels_for(kind: FindingKind | str) -> tuple[str, ...]:
    """The fixed vocabulary of labels a person may give a finding of ``kind``."""
    return {
        FindingKind.CASUALTY: CASUALTY_CATEGORIES,
        FindingKind.THEME: THEMES,
        FindingKind.TERM: TERM_CATEGORIES,
        FindingKind.ENTITY: ENTITY_LABELS,
    }[FindingKind(kind)]


def check_label(kind: FindingKind | str, label: str) -> str:
    """``label`` if the vocabulary of ``kind`` has it; else a ReviewError listing the vocabulary."""
    allowed = labels_for(kind)
    if label not in allowed:
        raise ReviewError(f"a {FindingKind(kind).value} finding's label is one of: {', '.join(allowed)}")
    return label


def check_side(kind: FindingKind | str, side: str | None) -> str | None:
    """``side`` for a casualty finding (None: not given); a ReviewError when another kind is given a side."""
    if side is not None and FindingKind(kind) != FindingKind.CASUALTY:
        raise ReviewError("side: only a casualty finding has a side (own, enemy or unknown)")
    return side


def _blank_is_none(value: Any) -> Any:
    """A form sends "" for a field left empty: that means "not given"."""
    return None if isinstance(value, str) and not value.strip() else value


def _checkbox(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip().lower() in ("on", "true", "1", "yes")
    return False if value is None else value


def clean_text(value: str, *, limit: int, what: str) -> str:
    """Text a person typed: no control or direction characters, not empty, at most ``limit`` characters."""
    if _CONTROL.search(value):
        raise ValueError(f"{what} holds control or direction characters")
    if not value.strip():
        raise ValueError(f"{what} is empty")
    if len(value) > limit:
        raise ValueError(f"{what} is longer than {limit} characters")
    return value


Count = Annotated[Annotated[int, Field(ge=0, le=MAX_COUNT)] | None, BeforeValidator(_blank_is_none)]
Offset = Annotated[Annotated[int, Field(ge=0, le=MAX_OFFSET)] | None, BeforeValidator(_blank_is_none)]
Revision = Annotated[Annotated[int, Field(ge=0, le=MAX_ID)] | None, BeforeValidator(_blank_is_none)]
Checkbox = Annotated[bool, BeforeValidator(_checkbox)]
Label = Annotated[Annotated[str, Field(max_length=60)] | None, BeforeValidator(_blank_is_none)]
# whose losses a casualty mention reports (ANNOTATION.md, Side); only casualty findings carry it
Side = Annotated[Literal[CASUALTY_SIDES] | None, BeforeValidator(_blank_is_none)]  # type: ignore[valid-type]


class _Write(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Decision(_Write):
    """Accept or reject a finding, naming the revision the reviewer saw."""

    action: Literal["accept", "reject"]
    revision: Revision = None


class Undo(_Write):
    """Take back the latest decision on a finding, naming the revision the reviewer saw."""

    revision: Revision = None


class FindingCorrection(_Write):
    """What to change in a finding; fields not given keep the old value."""

    kind: Annotated[FindingKind | None, BeforeValidator(_blank_is_none)] = None
    label: Label = None
    start: Offset = None
    end: Offset = None
    count: Count = None
    approximate: Checkbox = False  # with a count: "about N" (ANNOTATION.md); without, the count is exact
    entity_type: Annotated[Literal["PER", "PHONE", "CALLSIGN", "UNIT", "LOC", "ORG"] | None,
                           BeforeValidator(_blank_is_none)] = None
    side: Side = None  # casualty findings: own, enemy or unknown
    revision: Revision = None


class NewFinding(_Write):
    """A finding the machine missed."""

    kind: FindingKind
    label: str = Field(max_length=60)
    start: int = Field(ge=0, le=MAX_OFFSET)
    end: int = Field(ge=0, le=MAX_OFFSET)
    count: Count = None
    approximate: Checkbox = False
    side: Side = None  # casualty findings: own, enemy or unknown (not given: unknown)
    note: Annotated[Annotated[str, Field(max_length=500)] | None, BeforeValidator(_blank_is_none)] = None

    @field_validator("note")
    @classmethod
    def _note(cls, value: str | None) -> str | None:
        return None if value is None else clean_text(value, limit=500, what="the note")


class Merge(_Write):
    """Two person candidates that are the same person."""

    first: int = Field(ge=1, le=MAX_ID)
    second: int = Field(ge=1, le=MAX_ID)


class TranscriptCorrection(_Write):
    """New text for some segments of the current transcript, by segment position, on a known version."""

    edits: dict[Annotated[int, Field(ge=0, le=1_000_000)], str] = Field(max_length=10_000)
    version: Revision = None  # the version edited: 409 if the call has a newer one

    @field_validator("edits")
    @classmethod
    def _texts(cls, edits: dict[int, str]) -> dict[int, str]:
        return {position: clean_text(text.replace("\r\n", "\n").replace("\n", " "), limit=MAX_SEGMENT_CHARS,
                                     what=f"segment {position}")
                for position, text in edits.items()}


CALL_STATUSES = ("new", "in_review", "verified")


class CallStatus(_Write):
    """A call's review status (one of CALL_STATUSES, checked by ``review.set_call_status``)."""

    status: str = Field(max_length=20)


def parse(model: type[_Write], data: Any) -> Any:
    """``data`` (a JSON body or form fields) as ``model``; a ReviewError naming the first bad field."""
    if isinstance(model, type) and isinstance(data, model):
        return data
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "body"
        message = first["msg"].removeprefix("Value error, ")
        raise ReviewError(f"{where}: {message.splitlines()[0][:160]}") from None
