"""Identity verification: claims about a person, evidence items, and the rules that move a claim's status.

A claim (real name, unit, home town, relation to a speaker, status alive/killed/wounded/captured/refused)
starts ``unverified``. An evidence item from a source becomes ``corroborated`` (one independent source);
``verified`` needs two independent sources (evidence items whose source descriptions differ) and a
sign-off by an editor such that at least two people took part: the person who recorded all the
evidence cannot sign it off alone. An editor may ``dispute`` or ``retract`` a claim (with a note) and
``reopen`` it. Every transition is stored with who made it and audited (:mod:`overheard.store.identities`).

Who sees what: editors and admins see claim values, sources and notes; analysts see that a claim of
a kind exists and its status (with pseudonyms); viewers see neither (:func:`claim_view`).
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from overheard.errors import ConflictError, PermissionDenied
from overheard.model import Claim, Role
from overheard.review.writes import ReviewError, Revision, clean_text, parse
from overheard.store import Store
from overheard.store.vault import Vault, sha256_file
from overheard.text import fold

CLAIM_KINDS = ("real_name", "unit", "home_town", "relation", "status")
PERSON_STATUSES = ("alive", "killed", "wounded", "captured", "refused")
EVIDENCE_KINDS = ("relative_contacted", "soldier_contacted", "phone_profile", "document", "social_media",
                  "voice_comparison", "other")
CLAIM_STATUSES = ("unverified", "corroborated", "verified", "disputed", "retracted")
ACTIONS = ("sign_off", "dispute", "retract", "reopen")
SOURCES_TO_VERIFY = 2
MAX_ATTACHMENT = 50 * 1024 * 1024
RECORD = Role.EDITOR  # claims hold real identities: editors and admins record, see and decide them
SEE_STATUS = Role.ANALYST


class SignOffRefused(ConflictError):
    """A sign-off that the rules do not allow (too few sources, the recorder alone, a closed claim)."""

    code = "E040"


class NewClaim(BaseModel):
    """A claim about a person: its kind and value (a ``status`` claim's value is one of the person statuses)."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal[CLAIM_KINDS]  # type: ignore[valid-type]
    value: str = Field(max_length=400)

    @field_validator("value")
    @classmethod
    def _value(cls, value: str) -> str:
        return clean_text(value, limit=400, what="value").strip()


class NewEvidence(BaseModel):
    """An evidence item: kind, source description, the date it was obtained, an optional note."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal[EVIDENCE_KINDS]  # type: ignore[valid-type]
    source: str = Field(max_length=400)
    observed_on: date | None = None
    note: str | None = Field(None, max_length=4000)
    revision: Revision = None

    @field_validator("source")
    @classmethod
    def _source(cls, value: str) -> str:
        return clean_text(value, limit=400, what="source").strip()

    @field_validator("note")
    @classmethod
    def _note(cls, value: str | None) -> str | None:
        return clean_text(value, limit=4000, what="note").strip() if value and value.strip() else None

    @field_validator("observed_on", mode="before")
    @classmethod
    def _blank_date(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value


class ClaimDecision(BaseModel):
    """A decision on a claim: sign off, dispute, retract or reopen (a note is required to dispute or retract)."""

    model_config = ConfigDict(extra="forbid")
    action: Literal[ACTIONS]  # type: ignore[valid-type]
    note: str | None = Field(None, max_length=4000)
    revision: Revision = None

    @field_validator("note")
    @classmethod
    def _note(cls, value: str | None) -> str | None:
        return clean_text(value, limit=4000, what="note").strip() if value and value.strip() else None


def _allowed(role: Role, needed: Role, what: str) -> None:
    if not role.allows(needed):
        raise PermissionDenied(f"the {role.value} role may not {what} (needs {needed.value})")


def source_key(source: str) -> str:
    """How a source is compared for independence: folded, punctuation and spacing ignored."""
    return " ".join(re.findall(r"\w+", fold(source)))


def independent_sources(claim: Claim) -> int:
    """How many independent sources the claim's evidence comes from."""
    return len({source_key(e.source) for e in claim.evidence})


def evidence_status(claim: Claim, sources: int) -> str:
    """The status a claim reaches by evidence alone from ``sources`` independent sources (no sign-off)."""
    if claim.status in ("verified", "disputed", "retracted"):
        return claim.status  # evidence never closes or reopens a decided claim
    return "corroborated" if sources >= 1 else "unverified"


def missing_for_verification(claim: Claim, actor: str) -> list[str]:
    """What keeps ``actor`` from signing ``claim`` off (empty: the sign-off is allowed)."""
    missing = []
    if claim.status in ("verified", "disputed", "retracted"):
        missing.append(f"the claim is {claim.status}")
    sources = independent_sources(claim)
    if sources < SOURCES_TO_VERIFY:
        missing.append(f"{SOURCES_TO_VERIFY - sources} more independent source(s)")
    recorders = {e.recorded_by for e in claim.evidence}
    if recorders and len(recorders | {actor}) < 2:
        missing.append("a second editor: who recorded the evidence cannot sign it off alone")
    return missing


def add_claim(store: Store, person_id: int, data: Any, actor: str, role: Role) -> Claim:
    """Record a new unverified claim about a person (editors and admins; audited)."""
    _allowed(role, RECORD, "record identity claims")
    body = parse(NewClaim, data)
    if body.kind == "status" and body.value not in PERSON_STATUSES:
        raise ReviewError(f"value: a status claim is one of: {', '.join(PERSON_STATUSES)}")
    return store.claim(store.add_claim(person_id, body.kind, body.value, actor))


def vault_attachment(vault: Vault, path: Path) -> tuple[str, int, str, str]:
    """Put an attachment into the vault like an original; returns (sha256, size, name, vault path)."""
    path = Path(path)
    if not path.is_file():
        raise ReviewError("attachment: not a file")
    size = path.stat().st_size
    if size == 0 or size > MAX_ATTACHMENT:
        raise ReviewError(f"attachment: must hold 1 byte to {MAX_ATTACHMENT // (1024 * 1024)} MiB")
    sha256 = sha256_file(path)
    suffix = path.suffix or (mimetypes.guess_extension(mimetypes.guess_type(path.name)[0] or "") or "")
    return sha256, size, path.name[:400], vault.store_original(path, sha256, suffix)


def add_evidence(store: Store, vault: Vault | None, claim_id: int, data: Any, actor: str, role: Role,
                 attachments: Sequence[Path] = ()) -> Claim:
    """Record an evidence item with its attachments (vaulted, hashed, audited) and move the claim's status."""
    _allowed(role, RECORD, "record evidence")
    body = parse(NewEvidence, data)
    claim = store.claim(claim_id)
    if attachments and vault is None:
        raise ReviewError("attachment: no vault to keep it in")
    files = [vault_attachment(vault, Path(p)) for p in attachments] if vault is not None else []
    sources = len({source_key(e.source) for e in claim.evidence} | {source_key(body.source)})
    try:
        store.add_evidence(claim_id, kind=body.kind, source=body.source,
                           observed_on=body.observed_on.isoformat() if body.observed_on else None, note=body.note,
                           actor=actor, files=files, new_status=evidence_status(claim, sources),
                           expected_revision=claim.revision if body.revision is None else body.revision)
    except Exception:
        for _, _, _, relative in files:  # a refused write leaves no file behind that no record refers to
            if relative not in store.vault_paths():
                vault.discard_original(relative)
        raise
    return store.claim(claim_id)


def decide(store: Store, claim_id: int, data: Any, actor: str, role: Role) -> Claim:
    """Sign off, dispute, retract or reopen a claim (editors and admins; every transition audited)."""
    _allowed(role, RECORD, "decide identity claims")
    body = parse(ClaimDecision, data)
    claim = store.claim(claim_id)
    revision = claim.revision if body.revision is None else body.revision
    if body.action == "sign_off":
        missing = missing_for_verification(claim, actor)
        if missing:
            raise SignOffRefused(f"claim {claim_id} cannot be verified yet: needs {'; '.join(missing)}")
        target = "verified"
    elif body.action in ("dispute", "retract"):
        if not body.note:
            raise ReviewError("note: say why the claim is disputed or retracted")
        if claim.status == "retracted":
            raise SignOffRefused(f"claim {claim_id} is retracted; reopen it first")
        target = "disputed" if body.action == "dispute" else "retracted"
    else:
        if claim.status not in ("disputed", "retracted"):
            raise SignOffRefused(f"claim {claim_id} is {claim.status}; only a disputed or retracted claim reopens")
        target = "corroborated" if independent_sources(claim) else "unverified"
    store.claim_transition(claim_id, action=body.action, to_status=target, actor=actor, note=body.note,
                           expected_revision=revision)
    return store.claim(claim_id)


def claim_view(claim: Claim, role: Role, actor: str | None = None) -> dict[str, Any] | None:
    """A claim as ``role`` may see it: editors everything; analysts kind, status and the chain; viewers nothing."""
    if not role.allows(SEE_STATUS):
        return None
    full = role.allows(RECORD)
    out: dict[str, Any] = {
        "id": claim.id, "person": claim.candidate_id, "kind": claim.kind, "status": claim.status,
        "revision": claim.revision, "evidence_count": len(claim.evidence),
        "independent_sources": independent_sources(claim),
        "chain": [{"action": e.action, "from": e.from_status, "to": e.to_status, "by": e.actor,
                   "at": e.at.isoformat(), **({"note": e.note} if full else {})} for e in claim.events],
    }
    if full:
        out["value"] = claim.value
        out["created_by"] = claim.created_by
        out["evidence"] = [{
            "id": e.id, "kind": e.kind, "source": e.source, "observed_on": e.observed_on, "note": e.note,
            "recorded_by": e.recorded_by, "recorded_at": e.recorded_at.isoformat(),
            "attachments": [{"id": a.id, "name": a.name, "sha256": a.sha256, "size": a.size} for a in e.attachments],
        } for e in claim.evidence]
        if actor is not None:
            out["missing_for_sign_off"] = missing_for_verification(claim, actor)
    return out
