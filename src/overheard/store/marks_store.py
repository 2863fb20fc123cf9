"""The tags, stars and notes part of the :class:`~overheard.store.Store` facade (a mixin, like :mod:`.desk`).

Each method is one transaction over :mod:`.marks` and returns core types.
"""

from __future__ import annotations

from collections.abc import Sequence

from overheard.model import Marks, Note
from overheard.store import marks


class MarksStore:
    """Store methods of tags, stars and notes (mixed into :class:`~overheard.store.Store`)."""

    def add_tag(self, object_type: str, object_id: int, tag: str, actor: str) -> bool:
        """Tag a call, finding or quote (audited); False when it already had the tag."""
        with self.writing() as session:
            return marks.add_tag(session, object_type, object_id, tag, actor)

    def remove_tag(self, object_type: str, object_id: int, tag: str, actor: str) -> bool:
        """Take a tag off (audited); False when it did not have it."""
        with self.writing() as session:
            return marks.remove_tag(session, object_type, object_id, tag, actor)

    def set_star(self, object_type: str, object_id: int, owner: str, starred: bool) -> bool:
        """Star or unstar for ``owner`` (audited when it changes); True when it changed."""
        with self.writing() as session:
            return marks.set_star(session, object_type, object_id, owner, starred)

    def add_note(self, object_type: str, object_id: int, body: str, actor: str) -> Note:
        """Add a note (audited by digest only)."""
        with self.writing() as session:
            return marks.add_note(session, object_type, object_id, body, actor)

    def delete_note(self, note_id: int, actor: str) -> Note:
        """Delete a note (audited by digest only); returns what was deleted."""
        with self.writing() as session:
            return marks.delete_note(session, note_id, actor)

    def marks(self, object_type: str, ids: Sequence[int], user: str | None = None, *,
              notes: bool = False) -> dict[int, Marks]:
        """Per id: tags, whether ``user`` starred it, and (with ``notes``) its notes."""
        with self.reading() as session:
            return marks.marks_of(session, object_type, ids, user, notes=notes)

    def tags_in_use(self, object_type: str | None = None) -> list[tuple[str, int]]:
        """Every tag in use (on ``object_type``, or anything) with its count, most used first."""
        with self.reading() as session:
            return marks.tags_in_use(session, object_type)

    def object_call(self, object_type: str, object_id: int) -> int:
        """The call id of a call, finding or quote (E005 when it does not exist)."""
        with self.reading() as session:
            return marks.call_of(session, object_type, object_id)

    def marked_ids(self, object_type: str, *, tag: str | None = None, starred: str | None = None) -> list[int]:
        """Ids of the calls, findings or quotes carrying ``tag`` and/or starred by the user ``starred``."""
        with self.reading() as session:
            return marks.marked_ids(session, object_type, tag=tag, starred=starred)
