"""Search the current transcript of every call by lemma: any form of a word finds every other form.

:mod:`overheard.search.index` builds and updates the index of postings; :mod:`overheard.search.query`
parses queries and finds the matching segments.
"""

from overheard.search.batch import HITS_PER_QUERY, BatchResult, batch_csv, batch_search, read_queries
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
from overheard.search.saved import FILTER_KEYS, options_from, save_search

__all__ = [
    "CALL_STATUSES",
    "FILTER_KEYS",
    "HITS_PER_QUERY",
    "INDEX_VERSION",
    "MARK_CLOSE",
    "MARK_OPEN",
    "BatchResult",
    "Expansion",
    "IndexSummary",
    "SearchError",
    "SearchHit",
    "SearchOptions",
    "SearchResult",
    "Term",
    "batch_csv",
    "batch_search",
    "expand_terms",
    "gloss_expansion",
    "index_digest",
    "index_is_stale",
    "is_word",
    "parse_day",
    "options_from",
    "parse_query",
    "read_queries",
    "save_search",
    "search",
    "transcript_postings",
    "update_index",
    "word_keys",
    "words_expansion",
    "words_of",
]
