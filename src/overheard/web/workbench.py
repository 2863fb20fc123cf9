"""The review workbench's routes: the queue, undo, a finding's current state, and the call page's parts.

The call page's script decides through the JSON API and then swaps in the parts it changed
(``/calls/{id}/parts/findings`` and ``/parts/transcript``, rendered from the page's own templates),
so nothing reloads and scroll and focus stay. Every form also works without scripts.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from overheard import review
from overheard.annotate import regions
from overheard.errors import OverheardError
from overheard.model import CallFilters, FindingKind, QueueFilters, Role, WebSession
from overheard.review import writes
from overheard.store import Store
from overheard.web import review_views, views
from overheard.web.api import access_of, store_of
from overheard.web.auth import REVIEW, Access, require
from overheard.web.explain import explain, kind_words, label_words
from overheard.web.i18n import gettext as _
from overheard.web.i18n import word
from overheard.web.mark_views import marks_of, tag_choices, with_marks
from overheard.web.pages import back, render

router = APIRouter()
QUEUE_STATUSES = ("pending", "accepted", "rejected", "corrected", "any")


# ---- a finding's state and undo -------------------------------------------------------------
@router.get("/api/findings/{finding_id}")
def api_finding(request: Request, finding_id: int,
                web_session: WebSession = Depends(require(Role.VIEWER))) -> dict[str, Any]:
    """One finding as its call page shows it to this user (masked for viewers), with who decided it and when."""
    store = store_of(request)
    found = store.finding(finding_id)
    detail = views.call_detail(store, found.call_id, access_of(web_session))
    for finding in detail["findings"]:
        if finding["id"] == finding_id:
            return finding | {"decided": review_views.decided_words(finding)}
    # a finding of an earlier transcript version: shown with the same masking as a current one
    data = views.finding_dict(found, access_of(web_session), [(found.finding.start, found.finding.end)]
                              if not access_of(web_session).original else [])
    return data | {"decided": review_views.decided_words(data), "current": False}


@router.post("/api/findings/{finding_id}/undo")
def api_undo(request: Request, finding_id: int, body: writes.Undo,
             web_session: WebSession = Depends(require(REVIEW))) -> dict[str, Any]:
    """Take back the latest decision on a finding (409 when it changed since ``revision`` or has none left)."""
    return review.undo(store_of(request), finding_id, web_session.user.name, body.revision)


@router.post("/calls/{call_id}/findings/{finding_id}/undo", include_in_schema=False)
def undo_form(request: Request, call_id: int, finding_id: int, revision: str = Form(""),
              web_session: WebSession = Depends(require(REVIEW))) -> Response:
    """Undo from the call page without scripts."""
    try:
        review.undo(store_of(request), finding_id, web_session.user.name, revision, call_id=call_id)
    except OverheardError as error:
        return back(f"/calls/{call_id}?" + urlencode({"error": error.code}))
    return back(f"/calls/{call_id}#finding-{finding_id}")


# ---- the call page's parts ------------------------------------------------------------------
@router.get("/calls/{call_id}/parts/{part}", include_in_schema=False)
def call_part(request: Request, call_id: int, part: str,
              web_session: WebSession = Depends(require(Role.VIEWER))) -> HTMLResponse:
    """One part of the call page (``findings``, ``transcript`` or ``custody``), as the page renders it."""
    templates = {"findings": "partials/findings.html", "transcript": "partials/transcript.html",
                 "custody": "partials/custody.html"}
    if part not in templates:
        return render(request, "error.html", web_session, status_code=404, status=404,
                      message=_("There is no such part of the call page."))
    context = review_views.call_context(store_of(request), call_id, access_of(web_session), web_session.user.name)
    return render(request, templates[part], web_session, call=context["data"]["call"], **context)


@router.get("/calls/{call_id}/parts/correct/{finding_id}", include_in_schema=False)
def correct_part(request: Request, call_id: int, finding_id: int,
                 web_session: WebSession = Depends(require(REVIEW))) -> HTMLResponse:
    """One finding's correction form (and merge form), fetched when its "Correct" is opened."""
    context = review_views.call_context(store_of(request), call_id, access_of(web_session), web_session.user.name)
    found = [f for f in context["data"]["findings"] if f["id"] == finding_id]
    if not found:
        return render(request, "error.html", web_session, status_code=404, status=404,
                      message="That finding is not on this call's current transcript.")
    return render(request, "partials/correct_form.html", web_session, call=context["data"]["call"], f=found[0],
                  x=context["explained"][finding_id], **context)


# ---- the queue ------------------------------------------------------------------------------
def queue_filters(kind: str | None, label: str | None, theme: str | None, call: str | None, oblast: str | None,
                  max_score: str | None, status: str | None) -> QueueFilters:
    """Query parameters as queue filters; a value outside the vocabulary is an E015 naming the field."""
    if kind and kind not in {k.value for k in FindingKind}:
        raise review.ReviewError("kind: one of term, casualty, theme, entity")
    if status and status not in QUEUE_STATUSES:
        raise review.ReviewError("status: one of " + ", ".join(QUEUE_STATUSES))
    try:
        score = float(max_score) if max_score else None
        call_id = int(call) if call else None
    except ValueError:
        raise review.ReviewError("max_score is a number from 0 to 1 and call a call id") from None
    return QueueFilters(kind=kind or None, label=label or None, theme=theme or None, call=call_id,
                        oblast=regions.normalise_oblast(oblast) if oblast and oblast.strip() else None,
                        max_score=score, status=status or "pending")


def queue_data(store: Store, filters: QueueFilters, limit: int, web_session: WebSession | None = None
               ) -> dict[str, Any]:
    """The queue as JSON-ready data: counters and the first ``limit`` items, each explained for people (and,
    given the session, with its tags, notes and the user's star)."""
    filters = regions.narrowed(filters, store.oblast_spellings())  # the call's region, as the calls list has it
    queue = store.review_queue(limit, filters)
    items = []
    for item in queue.items:
        stored = item.finding
        data = views.finding_dict(stored, Access(role=Role.ANALYST), [])
        data["call_key"] = item.call_key
        data["explained"] = explain(data) | {"decided": review_views.decided_words(data)}
        items.append(data)
    if web_session is not None:
        found = marks_of(store, "finding", [item["id"] for item in items], web_session)
        for item in items:
            item["marks"] = found[item["id"]]
    return {"pending": queue.pending, "matching": queue.matching, "by_kind": dict(queue.by_kind), "items": items,
            "filters": {key: list(value) if isinstance(value, tuple) else value
                        for key, value in vars(filters).items() if value not in (None, ())}}


def queue_facets(store: Store) -> dict[str, list[tuple[str, str]]]:
    """The values each queue filter offers, in words."""
    calls = store.call_list(CallFilters(), page_size=500)
    return {
        "kind": [(kind.value, kind_words(kind.value)) for kind in FindingKind],
        "label": [(label, f"{kind_words(kind.value)}: {label_words(kind.value, label)}")
                  for kind in FindingKind for label in review.labels_for(kind)],
        "theme": [(label, label_words("theme", label)) for label in review.labels_for(FindingKind.THEME)],
        "call": [(str(call.id), call.key) for call in calls.calls],
        "oblast": [(value, value) for value in regions.region_names(store.oblast_spellings())],
        "max_score": [(value, _("below %(n)s") % {"n": value}) for value in ("0.5", "0.8", "0.95")],
        "status": [(status, word(status) if status != "any" else _("any status")) for status in QUEUE_STATUSES],
    }


@router.get("/api/queue")
def api_queue(request: Request, kind: str | None = None, label: str | None = None, theme: str | None = None,
              call: str | None = None, oblast: str | None = None, max_score: str | None = None,
              status: str | None = None, limit: int = Query(200, ge=1, le=1000), tag: str | None = None,
              starred: str | None = None, web_session: WebSession = Depends(require(REVIEW))) -> dict[str, Any]:
    """Findings to review: casualties and personal data first, then least confident; filtered (also by a tag and
    the user's stars); with counters."""
    filters = with_marks(queue_filters(kind, label, theme, call, oblast, max_score, status), tag, starred,
                         web_session)
    return queue_data(store_of(request), filters, limit, web_session)


@router.get("/queue", include_in_schema=False)
def queue_page(request: Request, kind: str | None = None, label: str | None = None, theme: str | None = None,
               call: str | None = None, oblast: str | None = None, max_score: str | None = None,
               status: str | None = None, tag: str | None = None, starred: str | None = None,
               web_session: WebSession = Depends(require(REVIEW))) -> HTMLResponse:
    """The review queue with filters, buttons and keys (j/k move, a/r accept/reject, u undo, Enter opens)."""
    store = store_of(request)
    filters = with_marks(queue_filters(kind, label, theme, call, oblast, max_score, status), tag, starred,
                         web_session)
    return render(request, "queue.html", web_session, data=queue_data(store, filters, 200, web_session),
                  facets=queue_facets(store) | {"tag": tag_choices(store, web_session, "finding")},
                  form={"kind": kind, "label": label, "theme": theme, "call": call, "oblast": filters.oblast,
                        "max_score": max_score, "status": status or "pending", "tag": filters.tag or "",
                        "starred": bool(filters.starred)})
