"""What the pages show of tags, stars and notes: each object's marks as the user's role may see them, and the
tag/star filters of the calls list, the queue, the quote board and search.

Viewers see only their own stars (no tags, no notes: a tag is a word someone typed and a note may name a
person); the rule lives in :func:`overheard.review.marks.visible`, so the pages and the JSON API agree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any, TypeVar

from overheard.model import WebSession
from overheard.review import marks
from overheard.store import Store

Filters = TypeVar("Filters")


def with_marks(filters: Filters, tag: str | None, starred: str | None, web_session: WebSession) -> Filters:
    """``filters`` narrowed to a tag (analysts and above; E012 for a viewer) and to the user's stars."""
    role = web_session.user.role
    wanted = starred is not None and starred.strip().lower() not in ("", "0", "false", "no", "off")
    return dataclasses.replace(filters, tag=marks.check_filter(role, tag),
                               starred=web_session.user.name if wanted else None)


def marks_of(store: Store, kind: str, ids: Iterable[int], web_session: WebSession) -> dict[int, dict[str, Any]]:
    """Per id, the JSON-ready marks this user may see."""
    found = marks.visible(store, kind, list(ids), web_session.user.name, web_session.user.role)
    return {i: marks.marks_dict(m) for i, m in found.items()}


def tag_choices(store: Store, web_session: WebSession, kind: str | None = None) -> list[str]:
    """The tags a filter or a tag field offers this user (none for viewers)."""
    return [tag for tag, _ in marks.tags_in_use(store, web_session.user.role, kind)]


def with_call_marks(data: dict[str, Any], store: Store, web_session: WebSession) -> dict[str, Any]:
    """The calls list's data with each call's marks (``marks``, by call id) and the tags the filter offers."""
    data["marks"] = marks_of(store, "call", [call["id"] for call in data["calls"]], web_session)
    data["facets"]["tag"] = tag_choices(store, web_session, "call")
    return data
