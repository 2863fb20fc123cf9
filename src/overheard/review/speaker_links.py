"""Speaker links: who speaks in a call. A person decides that a call's speaker (a channel "A"/"B" or a speaker label
of its transcripts) is one of the people of the desk; the link is audited and undone by unlinking.

| | viewer | analyst | editor, admin |
|---|---|---|---|
| see links (call page, person page, network) | – (nothing of them) | by pseudonym | + the person's real name |
| link, unlink | – | ✓ | ✓ |

Analysts may link as they may merge: a link says "speaker A of call 12 is Матвей", by pseudonym; who Матвей really
is stays with the editors' claims. Viewers are refused (403) and the call page shows them nothing of the links.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from overheard.errors import PermissionDenied
from overheard.model import Role, SpeakerLink
from overheard.review.speakers import call_speakers
from overheard.review.writes import ReviewError, parse
from overheard.store import Store

LINK = Role.ANALYST
SEE_LINKS = Role.ANALYST
SEE_IDENTITIES = Role.EDITOR


class SpeakerLinkRequest(BaseModel):
    """Link one speaker of a call (id or key) to a person (id)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    call: int | str = Field(union_mode="left_to_right")
    speaker: str = Field(min_length=1, max_length=120)
    person: int = Field(ge=1, le=2**31 - 1)


def _require(role: Role, needed: Role, what: str) -> None:
    if not role.allows(needed):
        raise PermissionDenied(f"the {role.value} role may not {what} (needs {needed.value})")


def speakers_of(store: Store, call_id: int) -> list[str]:
    """The speakers of a call a person may be linked to: its transcripts' speaker keys, then its channels."""
    call = store.get_call(call_id)
    return list(dict.fromkeys([*call_speakers(store, call.id), *call.speakers]))


def link_speaker(store: Store, data: Any, actor: str, role: Role) -> SpeakerLink:
    """Link a call's speaker to a person (validated, audited); refused if the speaker is linked already."""
    _require(role, LINK, "link speakers to people")
    request = parse(SpeakerLinkRequest, data)
    reference = int(request.call) if isinstance(request.call, str) and request.call.isdigit() else request.call
    call = store.get_call(reference)
    if request.speaker not in speakers_of(store, call.id):
        raise ReviewError("speaker: not a speaker of this call (see its transcript's speakers)")
    return store.link_speaker(request.person, call.id, request.speaker, actor)


def unlink_speaker(store: Store, link_id: int, actor: str, role: Role) -> SpeakerLink:
    """Undo a speaker link (audited; the person page keeps it as unlinked)."""
    _require(role, LINK, "unlink speakers from people")
    return store.unlink_speaker(link_id, actor)


def link_view(link: SpeakerLink, role: Role, call_keys: Mapping[int, str], people: Mapping[int, Any]) -> dict[str, Any]:
    """A link as the pages and the JSON show it to ``role`` (real name for editors and admins only)."""
    person = people.get(link.person_id)
    out = {"id": link.id, "call_id": link.call_id, "call_key": call_keys.get(link.call_id), "speaker": link.speaker,
           "person": link.person_id, "pseudonym": person.pseudonym if person else None, "status": link.status,
           "linked_by": link.linked_by, "linked_at": link.linked_at.isoformat(), "unlinked_by": link.unlinked_by,
           "unlinked_at": link.unlinked_at.isoformat() if link.unlinked_at else None}
    if role.allows(SEE_IDENTITIES):
        out["display"] = person.display if person else None
    return out


def _views(store: Store, links: Sequence[SpeakerLink], role: Role) -> list[dict[str, Any]]:
    people = {p.id: p for p in store.people(sorted({link.person_id for link in links}))} if links else {}
    keys = {call_id: store.get_call(call_id).key for call_id in {link.call_id for link in links}}
    return [link_view(link, role, keys, people) for link in links]


def person_links(store: Store, person_id: int, role: Role) -> list[dict[str, Any]]:
    """The calls a person speaks in, with the unlinked ones (history), oldest first."""
    _require(role, SEE_LINKS, "see speaker links")
    return _views(store, store.speaker_links(person_ids=[person_id], history=True), role)


def call_links(store: Store, call_id: int, role: Role, speakers: Sequence[str] | None = None) -> dict[str, Any] | None:
    """A call's speakers with the person each is linked to, and the people named in the call (to pick from);
    ``None`` for roles that may see nothing of it (viewers). ``speakers``: the transcripts' speaker keys when the
    caller has them already (the call page), else read here."""
    if not role.allows(SEE_LINKS):
        return None
    call = store.get_call(call_id)
    keys = call_speakers(store, call.id) if speakers is None else speakers
    speakers = list(dict.fromkeys([*keys, *call.speakers]))
    links = store.speaker_links(call_id=call.id)
    named = store.people_named_in_call(call.id)
    wanted = sorted(set(named) | {link.person_id for link in links})
    people = {p.id: p for p in store.people(wanted)} if wanted else {}
    views = {link.speaker: link_view(link, role, {call.id: call.key}, people) for link in links}
    names = role.allows(SEE_IDENTITIES)
    return {"call": call.id, "can_link": role.allows(LINK),
            "speakers": [{"speaker": s, "link": views.get(s)} for s in speakers],
            "named": [{"id": p.id, "pseudonym": p.pseudonym, **({"display": p.display} if names else {})}
                      for p in (people[i] for i in named if i in people)]}
