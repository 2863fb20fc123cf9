"""The calls list page's data: one page of calls with counts and filter values, as JSON-ready dicts.

The store filters, sorts, counts and pages in SQL (:meth:`overheard.store.Store.call_list`),
so a page costs about the same with 50 calls or 50,000; this module reads the filters from the
query string and shapes the page for the template and the API.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from overheard.annotate import regions
from overheard.errors import OverheardError
from overheard.model import CASUALTY_SIDES, CallFilters, CallListPage, CallSummary
from overheard.review.speakers import speaker_key_is_safe
from overheard.store import Store

__all__ = ["CallFilters", "FilterError", "list_calls", "parse_date", "parse_side"]


class FilterError(OverheardError):
    """A calls-list filter value is malformed."""

    code = "E016"


def parse_date(value: str | None) -> date | None:
    """A YYYY-MM-DD filter value (empty means no filter)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FilterError("dates are written YYYY-MM-DD") from None


def parse_side(value: str | None) -> str | None:
    """A side filter value: own, enemy or unknown (empty means no filter)."""
    if not value:
        return None
    if value not in CASUALTY_SIDES:
        raise FilterError("side is one of: " + ", ".join(CASUALTY_SIDES))
    return value


def list_calls(store: Store, filters: CallFilters, *, sort: str = "recorded_at", page: int = 1,
               page_size: int = 50, original: bool = True) -> dict[str, Any]:
    """One page of calls matching ``filters`` with counts and the values each filter can take (for a viewer,
    ``original`` False, only the speaker keys that cannot be names). An oblast filter is a region: every stored
    spelling of it and the city-regions within it (``annotate.regions``); the oblast filter offers regions."""
    stored = store.oblast_spellings()
    filters = regions.narrowed(filters, stored)
    listed = store.call_list(filters, sort=sort, page=page, page_size=page_size)
    data = page_dict(listed, filters)
    data["facets"]["oblast"] = list(regions.region_names(stored))
    if not original:
        data["facets"]["speaker"] = [key for key in data["facets"].get("speaker", ()) if speaker_key_is_safe(key)]
    return data


def page_dict(listed: CallListPage, filters: CallFilters) -> dict[str, Any]:
    """A page of the calls list as the API returns it and the template reads it."""
    return {
        "counts": {"total": listed.total, "matching": listed.matching, "by_status": dict(listed.by_status)},
        "calls": [call_dict(call) for call in listed.calls],
        "filters": asdict(filters) | {"date_from": _iso(filters.date_from), "date_to": _iso(filters.date_to),
                                      "oblast_spellings": list(filters.oblast_spellings)},
        "sort": listed.sort,
        "page": listed.page,
        "page_size": listed.page_size,
        "pages": listed.pages,
        "facets": {name: list(values) for name, values in listed.facets.items()} | {"side": list(CASUALTY_SIDES)},
    }


def call_dict(call: CallSummary) -> dict[str, Any]:
    """One line of the calls list."""
    return {
        "id": call.id,
        "key": call.key,
        "recorded_at": call.recorded_at.isoformat() if call.recorded_at else None,
        "oblast": call.oblast,
        "region": regions.normalise_oblast(call.oblast) if call.oblast else None,
        "place": call.place,
        "language": call.language,
        "review_status": call.review_status,
        "duration": call.duration,
        "findings": call.findings,
        "pending": call.pending,
        "transcript_version": call.transcript_version,
        # numbers and categories only: safe for every role (no text, no names)
        "casualties": [tally.as_dict() for tally in call.casualties],
        "themes": list(call.themes),
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
