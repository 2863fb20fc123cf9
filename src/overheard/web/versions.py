"""Transcript versions side by side, and speaker names: pages and their JSON twins.

``/calls/N/versions?left=v1&right=v2`` shows two ways of reading a call's transcript (imported as
written, aligned, ASR, reviewed: :mod:`overheard.review.versions`) side by side with the word error
rate between them; ``/api/calls/N/versions`` returns the same. Each side is masked for viewers from
its own version's findings, failing closed (a version no detector checked is masked whole).
``POST /calls/N/speakers`` (form) and ``POST /api/calls/N/speakers`` (JSON) name a speaker (analysts
and above, audited); viewers see a name only when a detector checked it and found no personal data.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response

from overheard.errors import OverheardError
from overheard.model import Role, WebSession
from overheard.review import speakers as speaker_names
from overheard.review import versions as version_views
from overheard.store import Store
from overheard.web import views
from overheard.web.api import access_of, detectors_of, store_of
from overheard.web.auth import REVIEW, Access, require
from overheard.web.pages import back, render

router = APIRouter()
NO_STORE = {"Cache-Control": "no-store"}


def version_side(store: Store, call_id: int, key: str, access: Access) -> dict[str, Any]:
    """One side of the comparison: the choice and its transcript, masked for viewers from its own findings."""
    choice, stored = version_views.version_transcript(store, call_id, key)
    findings = store.findings(transcript_id=stored.id, current_only=False)
    unchecked = store.unchecked_segments([stored.id])[stored.id]
    spans = views.redaction_spans(stored, findings, unchecked)
    return {"choice": choice.as_dict(), "transcript": views.transcript_dict(stored, access, spans, unchecked),
            "translation": version_views.translation_provenance(stored) if access.original else None}


def compare_versions(store: Store, call_id: int, left: str | None, right: str | None,
                     access: Access) -> dict[str, Any]:
    """Every version choice of the call, and the two chosen ones side by side with the WER between them."""
    call = store.get_call(call_id)
    choices = version_views.version_choices(store, call.id)
    default_left, default_right = version_views.default_pair(choices)
    left, right = left or default_left, right or default_right
    data: dict[str, Any] = {"call": {"id": call.id, "key": call.key}, "choices": [c.as_dict() for c in choices],
                            "left": None, "right": None, "word_error_rate": None}
    if left is None or right is None:
        return data
    data["left"] = version_side(store, call.id, left, access)
    data["right"] = version_side(store, call.id, right, access)
    if not access.original:  # a speaker key may be a name: viewers see "speaker N", as on the call page
        segments = [*data["left"]["transcript"]["segments"], *data["right"]["transcript"]["segments"]]
        shown = views.viewer_speaker_keys([*call.speakers, *(segment["speaker"] for segment in segments)])
        for segment in segments:
            segment["speaker"] = shown.get(segment["speaker"], segment["speaker"])
    texts = [version_views.version_transcript(store, call.id, key)[1].text for key in (left, right)]
    # the reference is the left side; the figure says how many words differ, never which
    data["word_error_rate"] = round(version_views.word_error_rate(texts[0], texts[1]), 3) if texts[0] else None
    return data


@router.get("/api/calls/{call_id}/versions")
def api_versions(request: Request, call_id: int, left: str | None = None, right: str | None = None,
                 web_session: WebSession = Depends(require(Role.VIEWER))) -> JSONResponse:
    """The call's transcript versions, two of them side by side with the word error rate between them."""
    return JSONResponse(compare_versions(store_of(request), call_id, left, right, access_of(web_session)),
                        headers=NO_STORE)


@router.get("/calls/{call_id}/versions", include_in_schema=False)
def versions_page(request: Request, call_id: int, left: str | None = None, right: str | None = None,
                  web_session: WebSession = Depends(require(Role.VIEWER))) -> HTMLResponse:
    """Two transcript versions side by side."""
    data = compare_versions(store_of(request), call_id, left, right, access_of(web_session))
    return render(request, "versions.html", web_session, data=data)


@router.post("/api/calls/{call_id}/speakers")
async def api_rename_speaker(request: Request, call_id: int, body: speaker_names.SpeakerRename,
                             web_session: WebSession = Depends(require(REVIEW))) -> dict[str, Any]:
    """Name a speaker of the call (analysts and above; audited)."""
    detectors = await run_in_threadpool(detectors_of, request)
    return await run_in_threadpool(speaker_names.rename_speaker, store_of(request), call_id, body,
                                   web_session.user.name, detectors)


@router.post("/calls/{call_id}/speakers", include_in_schema=False)
async def rename_speaker_form(request: Request, call_id: int, speaker: str = Form(""), label: str = Form(""),
                              web_session: WebSession = Depends(require(REVIEW))) -> Response:
    """Name a speaker from the call page."""
    detectors = await run_in_threadpool(detectors_of, request)
    try:
        await run_in_threadpool(speaker_names.rename_speaker, store_of(request), call_id,
                                {"speaker": speaker, "label": label}, web_session.user.name, detectors)
    except OverheardError as error:
        return back(f"/calls/{call_id}?" + urlencode({"error": error.code}))
    return back(f"/calls/{call_id}")
