"""Batch search: a list of queries (names, call signs, units, phrases) in, hits per query out, as CSV.

The list is a text file with one query per line, or a CSV file whose ``query`` column (else its first
column) holds the queries; blank lines and lines starting with ``#`` are skipped. Each query runs as
:func:`overheard.search.search` with the same filters. The CSV out has one row per hit (the query's
totals repeated) and one row for a query without hits or with an error.

Queries are often people's names: nothing here logs them, an error about a line names its number and
never its text, and the CSV goes only to the person who asked (viewers may not run a batch).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace

from overheard.annotate.lexicon import Lexicon
from overheard.search.index import index_is_stale, update_index
from overheard.search.query import SearchError, SearchOptions, SearchResult, search
from overheard.store import Store

MAX_QUERIES = 1000  # queries in one batch
MAX_QUERY_CHARS = 300  # characters of one query
MAX_BATCH_BYTES = 1_000_000  # size of an uploaded list
HITS_PER_QUERY = 20  # default number of hit rows per query
COLUMNS = ("query_no", "query", "calls", "segments", "truncated", "call_key", "call_id", "recorded_at", "segment",
           "speaker", "seconds", "url", "snippet", "expansions", "error")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class BatchItem:
    """One query of a batch and its result (or the error that stopped it)."""

    number: int  # 1-based position in the list
    query: str
    result: SearchResult | None = None
    error: str | None = None  # "E030: ..." without the query's text


@dataclass
class BatchResult:
    """Every query of a batch, in list order."""

    items: list[BatchItem] = field(default_factory=list)
    indexed: int = 0

    @property
    def hits(self) -> int:
        """Hit rows over all queries."""
        return sum(len(item.result.hits) for item in self.items if item.result)

    def summary(self) -> list[dict[str, object]]:
        """Per query: number, calls, segments, truncated, error (no query text: safe to log or show)."""
        return [{"query_no": item.number, "calls": item.result.calls if item.result else 0,
                 "segments": len(item.result.hits) if item.result else 0,
                 "truncated": bool(item.result and item.result.truncated), "error": item.error}
                for item in self.items]


def read_queries(data: bytes | str) -> list[str]:
    """The queries of an uploaded list: text lines, or a CSV's ``query`` (else first) column.

    Raises SearchError naming the line (never its text) for an unreadable file, a query too long, or a
    list that is empty or longer than MAX_QUERIES.
    """
    if isinstance(data, bytes):
        if len(data) > MAX_BATCH_BYTES:
            raise SearchError(f"the list is larger than {MAX_BATCH_BYTES // 1000} kB; split it")
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise SearchError("the list must be UTF-8 text (one query per line, or CSV)") from None
    if "\x00" in data:
        raise SearchError("the list must be UTF-8 text (one query per line, or CSV)")
    lines = data.splitlines()
    rows: list[tuple[int, str]]
    first = lines[0] if lines else ""
    if _looks_like_csv(first):
        table = list(csv.reader(io.StringIO(data)))
        header = [cell.strip().lower() for cell in table[0]] if table else []
        column = header.index("query") if "query" in header else 0
        start = 1 if "query" in header else 0
        rows = [(number, row[column] if column < len(row) else "") for number, row in enumerate(table[start:],
                                                                                                  start + 1)]
    else:
        rows = list(enumerate(lines, 1))
    return clean_queries(rows)


def clean_queries(rows: list[tuple[int, str]] | list[str]) -> list[str]:
    """The queries of numbered lines (or of a plain list), blank and ``#`` lines left out; SearchError
    naming the line for one too long, or for a list that is empty or too long."""
    queries = []
    for number, text in (enumerate(rows, 1) if rows and isinstance(rows[0], str) else rows):
        text = text.strip()
        if not text or text.startswith("#"):
            continue
        if len(text) > MAX_QUERY_CHARS:
            raise SearchError(f"line {number}: a query longer than {MAX_QUERY_CHARS} characters")
        queries.append(text)
    if not queries:
        raise SearchError("the list holds no query (one per line, or a CSV with a 'query' column)")
    if len(queries) > MAX_QUERIES:
        raise SearchError(f"the list holds {len(queries)} queries; at most {MAX_QUERIES} per batch")
    return queries


def _looks_like_csv(first_line: str) -> bool:
    cells = next(csv.reader([first_line]), []) if first_line else []
    return len(cells) > 1 or (len(cells) == 1 and cells[0].strip().lower() == "query")


def batch_search(store: Store, queries: list[str], options: SearchOptions | None = None, *,
                 lexicon: Lexicon | None = None, hits_per_query: int = HITS_PER_QUERY) -> BatchResult:
    """Run every query with the same filters; a malformed query becomes its row's error, not the batch's."""
    options = replace(options or SearchOptions(), limit=max(1, hits_per_query))
    batch = BatchResult(indexed=update_index(store).indexed if index_is_stale(store) else 0)
    for number, query in enumerate(queries, 1):
        item = BatchItem(number, query)
        try:
            item.result = search(store, query, options, refresh=False, lexicon=lexicon)
        except SearchError as problem:  # its message describes the problem, never quotes the query
            item.error = f"{problem.code}: {problem}"
        batch.items.append(item)
    return batch


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def batch_csv(batch: BatchResult) -> str:
    """The CSV of a batch: one row per hit, one row for a query without hits or with an error."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for item in batch.items:
        base = {"query_no": item.number, "query": item.query, "error": item.error}
        result = item.result
        if result is not None:
            base.update(calls=result.calls, segments=len(result.hits), truncated=str(result.truncated).lower())
        rows = []
        for hit in result.hits if result else ():
            rows.append({**base, "call_key": hit.call_key, "call_id": hit.call_id, "recorded_at": hit.recorded_at,
                         "segment": hit.segment, "speaker": hit.speaker,
                         "seconds": "" if hit.seconds is None else f"{hit.seconds:g}",
                         "url": hit.url, "snippet": hit.snippet,
                         "expansions": "; ".join(hit.expansions)})
        for row in rows or [base]:
            writer.writerow([_cell(row.get(column)) for column in COLUMNS])
    return out.getvalue()
