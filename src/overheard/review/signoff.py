"""Call sign-off: a call is verified only when its current transcript's findings are decided and two
different reviewers vouched for it.

What a call needs, on its current transcript version:
- no personal-data finding (PER, PHONE, CALLSIGN, UNIT) still pending: a name left undecided may be one
  a redaction misses;
- every casualty finding reviewed (accepted, rejected or corrected);
- a sign-off by a second reviewer: the first reviewer's sign-off puts the call "in review", a second
  reviewer's makes it "verified". A reviewer cannot sign the same version twice.
:func:`verification` says what is still missing, in words the call page shows.
"""

from __future__ import annotations

from typing import Any

from overheard.errors import ConflictError, NotFoundError, PermissionDenied
from overheard.model import PERSONAL_DATA_LABELS, FindingKind, ReviewStatus, Role
from overheard.store import Store

SIGNERS_NEEDED = 2
SIGN = Role.ANALYST


class CallNotReady(ConflictError):
    """A call sign-off refused: findings still pending, or the same reviewer signing twice."""

    code = "E041"


def verification(store: Store, call_ref: int | str) -> dict[str, Any]:
    """Where a call stands: pending personal-data and casualty findings, sign-offs, and what is missing."""
    call = store.get_call(call_ref)
    current = store.current_transcript(call.id)
    if current is None:
        return {"call": call.id, "transcript_id": None, "verified": False, "review_status": call.review_status,
                "pending_personal_data": 0, "pending_casualty": 0, "signed_by": [],
                "missing": ["a transcript"]}
    findings = store.findings(call_ref=call.id, transcript_id=current.id)
    pending = [f for f in findings if f.review_status == ReviewStatus.PENDING]
    personal = sum(1 for f in pending if f.finding.kind == FindingKind.ENTITY
                   and f.finding.label in PERSONAL_DATA_LABELS)
    casualty = sum(1 for f in pending if f.finding.kind == FindingKind.CASUALTY)
    signed = [s.signed_by for s in store.call_signoffs(call.id) if s.transcript_id == current.id]
    missing = []
    if personal:
        missing.append(f"{personal} personal-data finding(s) to decide")
    if casualty:
        missing.append(f"{casualty} casualty finding(s) to review")
    if len(signed) < SIGNERS_NEEDED:
        missing.append("a sign-off" if not signed else f"a second reviewer's sign-off (signed by {signed[0]})")
    return {"call": call.id, "transcript_id": current.id, "verified": not missing,
            "review_status": call.review_status, "pending_personal_data": personal, "pending_casualty": casualty,
            "signed_by": signed, "missing": missing}


def sign_off(store: Store, call_ref: int | str, actor: str, role: Role = Role.ANALYST) -> dict[str, Any]:
    """Sign off a call's current transcript; the second reviewer's sign-off makes it verified (audited).

    Refused (:class:`CallNotReady`) while findings are pending or when ``actor`` already signed this version.
    """
    if not role.allows(SIGN):
        raise PermissionDenied(f"the {role.value} role may not sign off calls (needs {SIGN.value})")
    state = verification(store, call_ref)
    if state["transcript_id"] is None:
        raise NotFoundError(f"call {state['call']} has no transcript to sign off")
    findings_missing = [m for m in state["missing"] if "sign-off" not in m]
    if findings_missing:
        raise CallNotReady(f"call {state['call']} cannot be signed off yet: {'; '.join(findings_missing)}")
    if actor in state["signed_by"]:
        raise CallNotReady(f"{actor} already signed off call {state['call']}; a second reviewer must sign it off")
    status = "verified" if len(state["signed_by"]) + 1 >= SIGNERS_NEEDED else "in_review"
    store.sign_off_call(state["call"], state["transcript_id"], actor, status)
    return verification(store, call_ref)
