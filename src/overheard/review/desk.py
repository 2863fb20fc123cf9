"""The people desk's read models: the people list with filters and counts, and one person's page.

What a role sees (the same builders serve the pages, the JSON API and the CLI):

| | viewer | analyst | editor, admin |
|---|---|---|---|
| people list, person page | – (refused) | pseudonyms, counts, claim statuses | + real names, claim values, evidence |

A person's units are the units attached to their mentions (:func:`overheard.review.proposals.attached_forms`);
their oblasts are those of the calls they are mentioned in. The list over a whole workspace is built once
per change of the store (every write moves :meth:`~overheard.store.Store.change_count`) and then filtered
and paged in memory, so a 10,000-call workspace answers in milliseconds after the first request.
"""

from __future__ import annotations

import threading
import weakref
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from overheard.annotate.regions import normalise_oblast, regions_asked
from overheard.errors import NotFoundError, PermissionDenied
from overheard.model import Role
from overheard.review import identities, speaker_links
from overheard.review.proposals import attached_forms, proposals
from overheard.store import Store
from overheard.text import fold

SEE_PEOPLE = Role.ANALYST
SEE_IDENTITIES = Role.EDITOR
VERIFICATION_STATES = ("none", "unverified", "corroborated", "verified", "disputed", "retracted")
PAGE_SIZE = 50

_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_lock = threading.Lock()


@dataclass(frozen=True)
class PeopleFilters:
    """Filters of the people list (empty: no filter); ``status`` (a person status claim) is for editors."""

    unit: str | None = None
    oblast: str | None = None
    status: str | None = None
    verification: str | None = None
    query: str | None = None


def require_people(role: Role) -> None:
    """Refuse roles that may not see people at all (viewers)."""
    if not role.allows(SEE_PEOPLE):
        raise PermissionDenied(f"the {role.value} role may not see people (needs {SEE_PEOPLE.value})")


def cached(store: Store, what: str, make) -> Any:
    """``make()`` kept until the store changes (one value per ``what`` and store)."""
    version = store.change_count()
    with _lock:
        entries = _cache.setdefault(store, {})
        hit = entries.get(what)
        if hit is not None and hit[0] == version:
            return hit[1]
    value = make()
    with _lock:
        entries[what] = (version, value)
    return value


def attached(store: Store) -> dict[int, list[dict[str, Any]]]:
    """:func:`~overheard.review.proposals.attached_forms`, kept until the store changes."""
    return cached(store, "attached", lambda: attached_forms(store))


def open_proposals(store: Store, person_id: int) -> list:
    """The open proposals involving ``person_id`` (all of them computed once per change of the store)."""
    return [p for p in cached(store, "proposals", lambda: proposals(store)) if person_id in p.people]


def call_headers(store: Store) -> dict[int, Any]:
    """Every call's header by id, kept until the store changes."""
    return cached(store, "headers", lambda: {h.id: h for h in store.call_headers()})


def verification_state(statuses: dict[str, int]) -> str:
    """One word for a person's claims: the best status any claim reached, or ``none``."""
    for state in ("verified", "corroborated", "unverified", "disputed", "retracted"):
        if statuses.get(state):
            return state
    return "none"


def _rows(store: Store) -> list[dict[str, Any]]:
    """Every live person with counts, units, oblasts, claim statuses (full detail: filtered per role later)."""
    headers = call_headers(store)
    attached_to = attached(store)
    counts = store.claim_status_counts()
    status_claims: dict[int, set[str]] = defaultdict(set)
    for claim in store.claims():
        if claim.kind == "status" and claim.status not in ("retracted", "disputed"):
            status_claims[claim.candidate_id].add(claim.value)
    rows = []
    for person in store.people():
        # the regions of their calls (annotate.regions: "Донецкая" and "Donetsk" are one), as the calls list has them
        oblasts = sorted({normalise_oblast(headers[c].oblast) for c in person.calls
                          if c in headers and headers[c].oblast and headers[c].oblast.strip()})
        units = sorted({f["value"] for f in attached_to.get(person.id, ()) if f["label"] == "UNIT"})
        claims = counts.get(person.id, {})
        rows.append({"id": person.id, "pseudonym": person.pseudonym, "display": person.display,
                     "calls": len(person.calls), "mentions": person.mentions, "units": units, "oblasts": oblasts,
                     "claims": dict(claims), "verification": verification_state(claims),
                     "statuses": sorted(status_claims.get(person.id, ())), "retired": list(person.retired)})
    return rows


def people_list(store: Store, role: Role, filters: PeopleFilters = PeopleFilters(), page: int = 1,
                page_size: int = PAGE_SIZE) -> dict[str, Any]:
    """One page of people matching ``filters`` with counts and the values each filter can take."""
    require_people(role)
    rows = cached(store, "people", lambda: _rows(store))
    names = role.allows(SEE_IDENTITIES)
    matching = [r for r in rows if _matches(r, filters, names)]
    pages = max(1, -(-len(matching) // page_size))
    page = min(max(page, 1), pages)
    shown = matching[(page - 1) * page_size: page * page_size]
    facets = cached(store, "people-facets", lambda: {
        "unit": sorted({u for r in rows for u in r["units"]}),
        "oblast": sorted({o for r in rows for o in r["oblasts"]}),
        "verification": list(VERIFICATION_STATES),
        "status": list(identities.PERSON_STATUSES)})
    by_state = Counter(r["verification"] for r in matching)
    return {
        "counts": {"people": len(rows), "matching": len(matching), "by_verification": dict(by_state),
                   "mentions": sum(r["mentions"] for r in matching)},
        "people": [_row_for(r, names) for r in shown],
        "filters": {k: v for k, v in filters.__dict__.items() if v and (k != "status" or names)},
        "facets": {k: v for k, v in facets.items() if k != "status" or names},
        "page": page, "pages": pages, "page_size": page_size,
    }


def _matches(row: dict[str, Any], filters: PeopleFilters, names: bool) -> bool:
    if filters.unit and filters.unit not in row["units"]:
        return False
    if filters.oblast and not ({filters.oblast} | regions_asked(filters.oblast)) & set(row["oblasts"]):
        return False
    if filters.verification and row["verification"] != filters.verification:
        return False
    if filters.status and names and filters.status not in row["statuses"]:
        return False
    if filters.query:
        wanted = fold(filters.query)
        haystack = fold(row["pseudonym"]) + (" " + fold(row["display"]) if names else "")
        if wanted not in haystack:
            return False
    return True


def _row_for(row: dict[str, Any], names: bool) -> dict[str, Any]:
    out = {k: row[k] for k in ("id", "pseudonym", "calls", "mentions", "units", "oblasts", "claims",
                               "verification", "retired")}
    if names:
        out["display"] = row["display"]
        out["statuses"] = row["statuses"]
    return out


def _times_of(store: Store, offsets: dict[int, list[int]]) -> dict[int, dict[int, float | None]]:
    """Per transcript, the second of audio each character offset falls in (its segment's start); one query."""
    segments = store.segment_starts(sorted(offsets))
    out: dict[int, dict[int, float | None]] = {}
    for tid, wanted in offsets.items():
        spans = segments.get(tid, [])
        starts = [s for s, _ in spans]
        out[tid] = {offset: spans[max(bisect_right(starts, offset) - 1, 0)][1] if spans else None
                    for offset in wanted}
    return out


def person_page(store: Store, person_id: int, role: Role, actor: str | None = None) -> dict[str, Any]:
    """One person: mentions linking to their second of audio, claims and evidence (per role), decisions,
    pseudonym history and open merge/split proposals."""
    require_people(role)
    found = store.people([person_id])
    if not found:
        raise NotFoundError(f"no person {person_id} (merged into another, or never found): see /people")
    person = found[0]
    names = role.allows(SEE_IDENTITIES)
    headers = call_headers(store)
    mentions = store.person_mentions(person.id)
    by_transcript: dict[int, list[int]] = defaultdict(list)
    for m in mentions:
        by_transcript[m.transcript_id].append(m.start)
    times = _times_of(store, {tid: offsets for tid, offsets in by_transcript.items() if tid is not None})
    rows = []
    for m in mentions:
        second = times.get(m.transcript_id, {}).get(m.start)
        header = headers.get(m.call_id)
        rows.append({"call_id": m.call_id, "call_key": header.key if header else None,
                     "oblast": header.oblast if header else None, "text": m.text, "start": m.start, "end": m.end,
                     "time": second,
                     "url": f"/calls/{m.call_id}" + (f"?t={second:.2f}" if second is not None else "")})
    by_call: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_call[row["call_id"]].append(row)
    claims = [identities.claim_view(c, role, actor) for c in store.claims([person.id])]
    decisions = []
    for d in store.person_decisions(person.id):
        item = {"id": d.id, "kind": d.kind, "status": d.status, "reason": d.reason, "people": list(d.candidates),
                "target": d.target_id, "decided_by": d.decided_by, "decided_at": d.decided_at.isoformat(),
                "undone_by": d.undone_by, "keys_moved": len(d.moves),
                "evidence": [{k: e.get(k) for k in ("label", "call_id", "start", "end")} for e in d.evidence]}
        decisions.append(item)
    history = [{"pseudonym": h.pseudonym, "previous": h.previous, "reason": h.reason, "at": h.at.isoformat(),
                "by": h.actor} for h in store.pseudonym_history([person.id])]
    out = {
        "id": person.id, "pseudonym": person.pseudonym, "retired": list(person.retired),
        "calls": [{"id": c, "key": headers[c].key if c in headers else None,
                   "mentions": [{"text": r["text"], "url": r["url"]} for r in by_call.get(c, ())]}
                  for c in person.calls],
        "mentions": rows, "claims": claims, "decisions": decisions, "pseudonyms": history,
        "proposals": [p.as_dict() for p in open_proposals(store, person.id)],
        "forms": list(attached(store).get(person.id, [])),
        "speaks_in": speaker_links.person_links(store, person.id, role),
    }
    if names:
        out["display"] = person.display
        out["keys"] = list(person.keys)
    return out
