"""The search page and its JSON twin; saved searches; the batch search page (CSV of hits per query).

``/search?q=...`` lists the matching segments (KWIC: the match with its context), each linking to the
call page at the segment's second (``/calls/N?t=SECONDS``), with the filters of the calls list (date,
oblast, category, side, review status) and the speaker; ``/api/search`` returns the same hits. Roles
that may not see original text get snippets masked as the call page masks them for viewers
(``viewer_masked_spans``), and matches inside the mask do not count, so a viewer cannot probe for names.

Saved searches belong to the user who saved them (``/search/saved``, audited). Batch search
(``/search/batch``, analysts and above) takes an uploaded list of queries and answers a CSV; the queries
travel in the POST body only (never in a URL or a log line).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from overheard.annotate import regions
from overheard.annotate.lexicon import CASUALTY_CATEGORIES, load_lexicon
from overheard.model import CASUALTY_SIDES, CallFilters, Role, WebSession
from overheard.review.speakers import speaker_key_is_safe
from overheard.search import (
    CALL_STATUSES,
    FILTER_KEYS,
    HITS_PER_QUERY,
    SearchError,
    batch_csv,
    batch_search,
    options_from,
    read_queries,
    save_search,
    search,
)
from overheard.search.batch import COLUMNS, MAX_BATCH_BYTES, MAX_QUERIES, clean_queries
from overheard.web.api import access_of, store_of
from overheard.web.auth import require
from overheard.web.mark_views import with_marks
from overheard.web.pages import back, declare_page, render

router = APIRouter()
NO_STORE = {"Cache-Control": "no-store"}
MAX_LIMIT = 500
BATCH_ROLE = Role.ANALYST  # a batch list is often names: viewers may not run one


def hit_link(hit: dict[str, Any]) -> str:
    """The call page at the hit's segment (seeking to its second when the transcript is timed)."""
    seconds = hit.get("seconds")
    query = f"?t={seconds:g}" if seconds is not None else ""
    return f"/calls/{hit['call_id']}{query}"


def _lexicon(request: Request):
    return load_lexicon(request.app.state.workspace.root)


def _filters(params: Any) -> dict[str, str]:
    filters = {key: str(params.get(key) or "") for key in FILTER_KEYS}
    if filters["oblast"].strip():  # a region, whatever the spelling ("Донецкая": Donetsk), as the drop-down offers
        filters["oblast"] = regions.normalise_oblast(filters["oblast"])
    return filters


def run_search(request: Request, web_session: WebSession, q: str, filters: dict[str, str], limit: int
               ) -> dict[str, Any]:
    """The search for this user as JSON-ready data (masked unless the role may see original text)."""
    options = options_from(filters, limit=max(1, min(limit, MAX_LIMIT)), masked=not access_of(web_session).original)
    options = with_marks(options, options.tag, options.starred, web_session)  # a viewer's tag: E012
    data = search(store_of(request), q, options, lexicon=_lexicon(request)).as_dict()
    data["masked"] = options.masked
    for hit in data["hits"]:
        hit["url"] = hit_link(hit)
        if options.masked and not speaker_key_is_safe(hit.get("speaker")):
            hit["speaker"] = "speaker"  # a key that could be a name (see review.speakers)
    return data


def _choices(request: Request, original: bool = False) -> dict[str, list[str]]:
    """The values the filter selects offer (oblasts and speakers from the calls list's facets; for a viewer
    only the speaker keys that cannot be names)."""
    store = store_of(request)
    facets = store.call_list(CallFilters(), page_size=1).facets
    speakers = [key for key in facets.get("speaker", ()) if original or speaker_key_is_safe(key)]
    return {"oblast": list(regions.region_names(store.oblast_spellings())), "speaker": speakers,
            "category": list(CASUALTY_CATEGORIES), "side": list(CASUALTY_SIDES), "status": list(CALL_STATUSES)}


def _saved(request: Request, web_session: WebSession) -> list[dict[str, Any]]:
    from urllib.parse import urlencode

    return [{"id": s.id, "name": s.name, "query": s.query, "filters": dict(s.filters),
             "url": "/search?" + urlencode({"q": s.query, **s.filters}), "created_at": s.created_at.isoformat()}
            for s in store_of(request).saved_searches(web_session.user.name)]


def _query_params(request: Request) -> tuple[str, dict[str, str], int]:
    params = request.query_params
    try:
        limit = int(params.get("limit") or 100)
    except ValueError:
        raise SearchError("limit must be a whole number") from None
    return params.get("q", ""), _filters(params), limit


@router.get("/api/search")
def api_search(request: Request, web_session: WebSession = Depends(require(Role.VIEWER))) -> JSONResponse:
    """Search hits as JSON: call, date, segment, speaker, seconds, spans, snippet, expansions; the filters
    ``call, lang, speaker, date_from, date_to, oblast, category, side, status`` and ``limit``."""
    q, filters, limit = _query_params(request)
    data = run_search(request, web_session, q, filters, limit)
    data["saved"] = _saved(request, web_session)
    return JSONResponse(data, headers=NO_STORE)


@router.get("/search", include_in_schema=False)
def search_page(request: Request, web_session: WebSession = Depends(require(Role.VIEWER))) -> HTMLResponse:
    """The search form and, when ``q`` is given, its hits; the user's saved searches beside it."""
    q, filters, limit = _query_params(request)
    data, error = None, None
    if q.strip():
        try:
            data = run_search(request, web_session, q, filters, limit)
        except SearchError as problem:
            error = str(problem)
    page = render(request, "search.html", web_session, q=q, data=data, error=error, form=filters,
                  choices=_choices(request, access_of(web_session).original), saved=_saved(request, web_session),
                  batch=access_of(web_session).role.allows(BATCH_ROLE))
    page.headers.update(NO_STORE)
    return page


# ---- saved searches --------------------------------------------------------------------------
class SavedSearchBody(BaseModel):
    """A search to save: a name, the query and its filters (the ``/search`` parameters)."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=120)
    q: str = Field(min_length=1, max_length=500)
    filters: dict[str, str] = Field(default_factory=dict)


def _parse_saved(data: Any) -> SavedSearchBody:
    try:
        body = SavedSearchBody.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "body"
        raise SearchError(f"{where}: {first['msg'].removeprefix('Value error, ')[:160]}") from None
    unknown = sorted(set(body.filters) - set(FILTER_KEYS))
    if unknown:
        raise SearchError(f"filters: unknown filter {unknown[0][:40]!r}")
    return body


@router.get("/api/search/saved")
def api_saved(request: Request, web_session: WebSession = Depends(require(Role.VIEWER))) -> JSONResponse:
    """The user's saved searches (nobody else's)."""
    return JSONResponse({"saved": _saved(request, web_session)}, headers=NO_STORE)


@router.post("/api/search/saved")
async def api_save(request: Request, body: dict[str, Any],
                   web_session: WebSession = Depends(require(Role.VIEWER))) -> JSONResponse:
    """Save a search (``name``, ``q``, ``filters``) for the user; the same name replaces it; audited."""
    parsed = _parse_saved(body)
    saved = await run_in_threadpool(save_search, store_of(request), web_session.user.name, parsed.name, parsed.q,
                                    parsed.filters)
    return JSONResponse({"id": saved.id, "name": saved.name, "query": saved.query, "filters": dict(saved.filters)},
                        headers=NO_STORE)


@router.post("/search/saved", include_in_schema=False)
async def save_form(request: Request, web_session: WebSession = Depends(require(Role.VIEWER))) -> Response:
    """The page's "Save this search" form: name, q and the filter fields."""
    form = await request.form()
    fields = {key: value for key, value in form.items() if isinstance(value, str)}
    filters = {key: fields[key] for key in FILTER_KEYS if fields.get(key)}
    parsed = _parse_saved({"name": fields.get("name", ""), "q": fields.get("q", ""), "filters": filters})
    saved = await run_in_threadpool(save_search, store_of(request), web_session.user.name, parsed.name, parsed.q,
                                    parsed.filters)
    return back(next(s["url"] for s in _saved(request, web_session) if s["id"] == saved.id))


@router.delete("/api/search/saved/{search_id}")
async def api_delete_saved(request: Request, search_id: int,
                           web_session: WebSession = Depends(require(Role.VIEWER))) -> JSONResponse:
    """Delete one of the user's saved searches (audited); 404 for anyone else's."""
    await run_in_threadpool(store_of(request).delete_saved_search, search_id, web_session.user.name)
    return JSONResponse({"deleted": search_id}, headers=NO_STORE)


@router.post("/search/saved/{search_id}/delete", include_in_schema=False)
async def delete_form(request: Request, search_id: int,
                      web_session: WebSession = Depends(require(Role.VIEWER))) -> Response:
    """The page's delete button of a saved search."""
    await run_in_threadpool(store_of(request).delete_saved_search, search_id, web_session.user.name)
    return back("/search")


# ---- batch search ----------------------------------------------------------------------------
def _batch_info(request: Request, web_session: WebSession) -> dict[str, Any]:
    """What a batch takes: one query per line or a CSV with a 'query' column, and the limits."""
    return {"max_queries": MAX_QUERIES, "max_bytes": MAX_BATCH_BYTES, "hits_per_query": HITS_PER_QUERY,
            "columns": list(COLUMNS),
            "choices": _choices(request, access_of(web_session).original)}


declare_page(router, "/search/batch", "search_batch.html", _batch_info, role=BATCH_ROLE,
             summary="Batch search: a list of queries in, hits per query out as CSV.")


def _csv_response(text: str) -> Response:
    return Response(text, media_type="text/csv; charset=utf-8",
                    headers={**NO_STORE, "Content-Disposition": 'attachment; filename="search-batch.csv"'})


def _run_batch(request: Request, web_session: WebSession, queries: list[str], filters: dict[str, str],
               hits: int) -> str:
    options = options_from(filters, masked=not access_of(web_session).original)
    options = with_marks(options, options.tag, options.starred, web_session)
    result = batch_search(store_of(request), queries, options, lexicon=_lexicon(request),
                          hits_per_query=max(1, min(hits, MAX_LIMIT)))
    return batch_csv(result)


def _hits(value: Any) -> int:
    try:
        return int(value) if value not in (None, "") else HITS_PER_QUERY
    except (TypeError, ValueError):
        raise SearchError("hits per query must be a whole number") from None


@router.post("/search/batch", include_in_schema=False)
async def batch_form(request: Request, web_session: WebSession = Depends(require(BATCH_ROLE))) -> Response:
    """The upload form: a file (text or CSV) or pasted lines, the filters; answers the CSV."""
    form = await request.form()
    upload = form.get("file")
    data = b""
    if upload is not None and not isinstance(upload, str):
        data = await upload.read(MAX_BATCH_BYTES + 1)
    pasted = form.get("queries")
    if not data.strip() and isinstance(pasted, str):
        data = pasted.encode("utf-8")
    fields = {key: value for key, value in form.items() if isinstance(value, str)}
    queries = read_queries(data)
    text = await run_in_threadpool(_run_batch, request, web_session, queries, _filters(fields),
                                   _hits(fields.get("hits")))
    return _csv_response(text)


class BatchBody(BaseModel):
    """A batch for the API: the queries (or the text of a list) and the filters."""

    model_config = ConfigDict(extra="forbid")
    queries: list[str] | None = Field(default=None, max_length=MAX_QUERIES)
    text: str | None = Field(default=None, max_length=MAX_BATCH_BYTES)
    filters: dict[str, str] = Field(default_factory=dict)
    hits: int = Field(default=HITS_PER_QUERY, ge=1, le=MAX_LIMIT)


@router.post("/api/search/batch")
async def api_batch(request: Request, body: dict[str, Any],
                    web_session: WebSession = Depends(require(BATCH_ROLE))) -> Response:
    """Run a batch (``queries`` or ``text``, ``filters``, ``hits`` per query); answers the CSV."""
    try:
        parsed = BatchBody.model_validate(body)
    except ValidationError as error:
        first = error.errors()[0]
        raise SearchError(f"{'.'.join(str(p) for p in first['loc'])}: {first['msg'][:160]}") from None
    unknown = sorted(set(parsed.filters) - set(FILTER_KEYS))
    if unknown:
        raise SearchError(f"filters: unknown filter {unknown[0][:40]!r}")
    queries = clean_queries(parsed.queries) if parsed.queries is not None else read_queries(parsed.text or "")
    text = await run_in_threadpool(_run_batch, request, web_session, queries, _filters(parsed.filters), parsed.hits)
    return _csv_response(text)
