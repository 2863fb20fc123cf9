"""Tags, stars and notes on calls, findings and quotes: validated writes and what each role may read.

- A **tag** is one short shared label: 1-32 letters (any script), digits, ``-`` or ``_``, NFC, lower-cased
  (``Груз-200`` and ``груз-200`` are one tag).
- A **star** is one user's bookmark; it carries no words.
- A **note** is shared free text (1-2,000 characters, no control or direction characters); it may hold a
  name, so it is personal data.

Who sees what (fail closed): analysts and above see and write tags and notes; a viewer sees neither (a tag
is a word someone typed, and a note may name a person), only their own stars, which they may set. Every
write is audited by the store with digests, never the words; a bad value is an E035 :class:`MarkError`
naming the field, never quoting what was typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from overheard.errors import MarkError, PermissionDenied
from overheard.model import MARKABLE, Marks, Note, Role
from overheard.review.writes import clean_text
from overheard.store import Store

MAX_TAG = 32
MAX_NOTE = 2000
TAG_PATTERN = re.compile(r"[^\W_][\w-]*")  # a letter or digit first, then letters, digits, - and _
WRITE_MARKS = Role.ANALYST  # tag, untag, note; also what reading tags and notes needs
ObjectType = Literal["call", "finding", "quote"]


def clean_tag(value: str) -> str:
    """A typed tag as stored: NFC, trimmed, lower-cased; ValueError when it is not one short word."""
    tag = unicodedata.normalize("NFC", value).strip().lower()
    if not tag:
        raise ValueError("a tag is empty")
    if len(tag) > MAX_TAG:
        raise ValueError(f"a tag is at most {MAX_TAG} characters")
    if not TAG_PATTERN.fullmatch(tag):
        raise ValueError("a tag is letters, digits, - and _ (one word, starting with a letter or digit)")
    return tag


class _Mark(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class TagWrite(_Mark):
    """A tag to add to or remove from an object."""

    tag: str = Field(max_length=200)

    @field_validator("tag")
    @classmethod
    def _tag(cls, value: str) -> str:
        return clean_tag(value)


class NoteWrite(_Mark):
    """A note to add to an object."""

    body: str = Field(max_length=MAX_NOTE * 2)

    @field_validator("body")
    @classmethod
    def _body(cls, value: str) -> str:
        text = unicodedata.normalize("NFC", value.replace("\r\n", "\n"))
        return clean_text(text.strip(), limit=MAX_NOTE, what="the note")


class StarWrite(_Mark):
    """Star (true) or unstar (false) an object."""

    starred: bool = True


def parse(model: type[_Mark], data: Any) -> Any:
    """``data`` (a JSON body, form fields or CLI values) as ``model``; an E035 naming the first bad field."""
    if isinstance(data, model):
        return data
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "body"
        message = first["msg"].removeprefix("Value error, ")
        raise MarkError(f"{where}: {message.splitlines()[0][:160]}") from None


def object_type(value: str) -> str:
    """``value`` if calls, findings or quotes are meant (plural and singular), else an E035."""
    kind = value.strip().lower().removesuffix("s")
    if kind not in MARKABLE:
        raise MarkError(f"only {', '.join(MARKABLE)} take tags, stars and notes")
    return kind


def _may_write(role: Role) -> None:
    if not role.allows(WRITE_MARKS):
        raise PermissionDenied(f"the {role.value} role may not tag or write notes (needs {WRITE_MARKS.value})")


def tag(store: Store, kind: str, object_id: int, data: Any, actor: str, role: Role, *, add: bool = True) -> Marks:
    """Add (or, with ``add=False``, remove) a tag on an object; returns its marks as ``actor`` sees them."""
    _may_write(role)
    kind = object_type(kind)
    value = parse(TagWrite, data).tag
    (store.add_tag if add else store.remove_tag)(kind, object_id, value, actor)
    return visible(store, kind, [object_id], actor, role)[object_id]


def star(store: Store, kind: str, object_id: int, data: Any, owner: str, role: Role) -> Marks:
    """Star or unstar an object for ``owner`` (every role: a star carries no words)."""
    kind = object_type(kind)
    store.set_star(kind, object_id, owner, parse(StarWrite, data).starred)
    return visible(store, kind, [object_id], owner, role)[object_id]


def add_note(store: Store, kind: str, object_id: int, data: Any, actor: str, role: Role) -> Note:
    """Add a note to an object (analysts and above)."""
    _may_write(role)
    return store.add_note(object_type(kind), object_id, parse(NoteWrite, data).body, actor)


def delete_note(store: Store, note_id: int, actor: str, role: Role) -> Note:
    """Delete a note (analysts and above; the audit keeps who and when, by digest)."""
    _may_write(role)
    return store.delete_note(note_id, actor)


def visible(store: Store, kind: str, ids: Sequence[int], user: str | None, role: Role) -> dict[int, Marks]:
    """Per id, the marks ``role`` may see: all of them for analysts and above, only the user's stars for viewers."""
    kind = object_type(kind)
    found = store.marks(kind, ids, user, notes=role.allows(WRITE_MARKS))
    if role.allows(WRITE_MARKS):
        return found
    return {i: Marks(kind, i, starred=m.starred) for i, m in found.items()}  # fail closed: no tags, no notes


def check_filter(role: Role, tag_value: str | None) -> str | None:
    """A tag filter as stored (None: no filter); viewers may not filter by tag (it would show who has which)."""
    if not tag_value or not tag_value.strip():
        return None
    if not role.allows(WRITE_MARKS):
        raise PermissionDenied(f"the {role.value} role may not filter by tag (needs {WRITE_MARKS.value})")
    return parse(TagWrite, {"tag": tag_value}).tag


def tags_in_use(store: Store, role: Role, kind: str | None = None) -> list[tuple[str, int]]:
    """The tags a filter offers (none for viewers)."""
    if not role.allows(WRITE_MARKS):
        return []
    return store.tags_in_use(object_type(kind) if kind else None)


def note_dict(note: Note) -> dict[str, Any]:
    """A note as JSON-ready data."""
    return {"id": note.id, "object_type": note.object_type, "object_id": note.object_id, "body": note.body,
            "created_by": note.created_by, "created_at": note.created_at.isoformat(timespec="seconds")}


def marks_dict(marks: Marks) -> dict[str, Any]:
    """An object's marks as JSON-ready data (what :func:`visible` left in)."""
    return {"object_type": marks.object_type, "object_id": marks.object_id, "tags": list(marks.tags),
            "starred": marks.starred, "notes": [note_dict(n) for n in marks.notes]}
