"""Search the current transcript of every call by lemma: any form of a word finds every other form.

:mod:`overheard.search.index` builds and updates the index of postings; :mod:`overheard.search.query`
parses queries and finds the matching segments.
"""

from overheard.search.expand import Expansion, gloss_expansion, words_expansion
from overheard.search.index import (
    INDEX_VERSION,
    IndexSummary,
    index_digest,
    index_is_stale,
    is_word,
    transcript_postings,
    update_index,
    word_keys,
    words_of,
)
from overheard.search.query import (
    CALL_STATUSES,
    MARK_CLOSE,
    MARK_OPEN,
    SearchError,
    SearchHit,
    SearchOptions,
    SearchResult,
    Term,
    expand_terms,
    parse_day,
    parse_query,
    search,
)

__all__ = [
    "CALL_STATUSES",
    "INDEX_VERSION",
    "MARK_CLOSE",
    "MARK_OPEN",
    "Expansion",
    "IndexSummary",
    "SearchError",
    "SearchHit",
    "SearchOptions",
    "SearchResult",
    "Term",
    "expand_terms",
    "gloss_expansion",
    "index_digest",
    "index_is_stale",
    "is_word",
    "parse_day",
    "parse_query",
    "search",
    "transcript_postings",
    "update_index",
    "word_keys",
    "words_expansion",
    "words_of",
]
