"""Saved searches: a user's named query with its filters, kept in the store (audited), run again later.

A saved search belongs to the user who saved it; nobody else lists, runs or deletes it. The query
text may hold a person's name, so the audit log keeps only its digest.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from overheard.model import SavedSearch
from overheard.search.query import SearchError, SearchOptions, parse_day, parse_query
from overheard.store import Store

MAX_NAME = 120
MAX_QUERY = 500
FILTER_KEYS = ("call", "lang", "speaker", "date_from", "date_to", "oblast", "category", "side", "status", "tag",
               "starred")


def options_from(values: Mapping[str, str | None], **extra) -> SearchOptions:
    """Search options from query-string style values (``lang``, ``date_from`` ... as in ``/search``);
    empty values do not filter; SearchError for a malformed one."""
    def value(key: str) -> str | None:
        found = values.get(key)
        return found.strip() if isinstance(found, str) and found.strip() else None

    return SearchOptions(call=value("call"), language=value("lang"), speaker=value("speaker"),
                         date_from=parse_day(value("date_from"), "from"), date_to=parse_day(value("date_to"), "to"),
                         oblast=value("oblast"), category=value("category"), side=value("side"),
                         status=value("status"), tag=value("tag"), starred=value("starred"), **extra)


def _clean(text: str, limit: int, what: str) -> str:
    text = unicodedata.normalize("NFC", (text or "").strip())
    if not text:
        raise SearchError(f"a saved search needs a {what}")
    if len(text) > limit or any(unicodedata.category(char) == "Cc" for char in text):
        raise SearchError(f"a saved search's {what} is at most {limit} characters, without control characters")
    return text


def save_search(store: Store, owner: str, name: str, query: str, filters: Mapping[str, str | None]) -> SavedSearch:
    """Check and save a search under ``name`` for ``owner`` (replacing one of the same name); audited."""
    name, query = _clean(name, MAX_NAME, "name"), _clean(query, MAX_QUERY, "query")
    parse_query(query)  # a query that cannot run is not saved
    options = options_from(filters)
    return store.save_search(owner, name, query, options.as_query())
