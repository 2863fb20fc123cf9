"""Queries over the search index: words, "quoted phrases" and -excluded terms, with filters.

Any form of a word finds every other form (see :mod:`overheard.search.index`). Queries join on the
store's current-transcript rule, so a superseded version is never found.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from overheard.errors import OverheardError
from overheard.model import PERSONAL_DATA_LABELS, StoredTranscript
from overheard.redact.operators import mask_spans
from overheard.search.index import index_is_stale, is_word, update_index, word_keys
from overheard.store import Store
from overheard.text import tokenize

SNIPPET_CONTEXT = 60  # characters of context either side of the first hit in a segment
MARK_OPEN, MARK_CLOSE = "⟦", "⟧"


class SearchError(OverheardError):
    """A search query or filter is malformed."""

    code = "E030"


# ---- queries -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Term:
    """One query term: a word, or a quoted phrase of words; ``exclude`` for ``-word``."""

    words: tuple[str, ...]
    exclude: bool = False

    @property
    def text(self) -> str:
        """The term as typed (without the minus)."""
        return " ".join(self.words)


_TERM = re.compile(r'(-?)"([^"]*)"|(\S+)')


def parse_query(query: str) -> list[Term]:
    """Split a query into terms: words, ``"quoted phrases"`` and ``-excluded`` words or phrases."""
    terms: list[Term] = []
    for minus, quoted, bare in _TERM.findall(query or ""):
        exclude = bool(minus)
        if bare:
            exclude = bare.startswith("-") and len(bare) > 1
            bare = bare[1:] if exclude else bare
            text = bare.replace('"', " ")
        else:
            text = quoted
        words = tuple(t.text for t in tokenize(text) if is_word(t.text))
        if words:
            terms.append(Term(words, exclude))
    if not any(not t.exclude for t in terms):
        raise SearchError("the query needs at least one word to find (digits and punctuation are not indexed)")
    return terms


@dataclass
class SearchOptions:
    """Filters of a search."""

    call: str | None = None  # call key or id
    language: str | None = None  # ru | uk: transcript (else call) language
    speaker: str | None = None  # segment speaker label, exact
    date_from: date | None = None
    date_to: date | None = None  # inclusive
    limit: int = 100
    masked: bool = False  # mask personal entities in snippets and ignore hits inside them


@dataclass
class SearchHit:
    """One segment with at least one match of the query, in a call whose current transcript matches."""

    call_id: int
    call_key: str
    recorded_at: str | None
    transcript_id: int
    segment: int
    speaker: str | None
    seconds: float | None  # segment start, None when the transcript has no times
    spans: list[tuple[int, int]]  # char ranges in the transcript text
    segment_spans: list[tuple[int, int]]  # the same ranges inside the segment text
    snippet: str  # with every match between ⟦ and ⟧
    snippet_parts: list[tuple[str, bool]] = field(default_factory=list)  # (text, is a match)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        data = asdict(self)
        data["spans"] = [list(s) for s in self.spans]
        data["segment_spans"] = [list(s) for s in self.segment_spans]
        data["snippet_parts"] = [[text, hit] for text, hit in self.snippet_parts]
        return data


@dataclass
class SearchResult:
    """Hits, how many calls matched, and whether the list was cut at the limit."""

    query: str
    hits: list[SearchHit]
    calls: int
    truncated: bool
    indexed: int = 0  # transcripts indexed on demand before searching

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"query": self.query, "calls": self.calls, "truncated": self.truncated, "indexed": self.indexed,
                "hits": [hit.as_dict() for hit in self.hits]}


def parse_day(value: str | None, option: str = "date") -> date | None:
    """``YYYY-MM-DD`` as a date; empty means no bound."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise SearchError(f"{option} must look like 2026-01-31") from None


def _query_keys(word: str, language: str | None) -> set[str]:
    languages = (language,) if language in ("ru", "uk") else ("ru", "uk")
    return {key for lang in languages for key in word_keys(word, lang)}


def search(store: Store, query: str, options: SearchOptions | None = None, *, refresh: bool = True) -> SearchResult:
    """Find the segments of current transcripts that match ``query`` (see ``parse_query``).

    Every non-excluded term must occur somewhere in a call's current transcript and no excluded
    term may; each segment holding a match of a positive term is a hit. With ``options.masked``
    snippets have personal entities masked and matches inside them do not count (so a viewer
    cannot find out which calls mention a masked name). ``refresh`` indexes stale transcripts first.
    """
    options = options or SearchOptions()
    terms = parse_query(query)
    indexed = update_index(store).indexed if refresh and index_is_stale(store) else 0
    words = {word for term in terms for word in term.words}
    keys = {word: _query_keys(word, options.language) for word in words}
    all_keys = sorted({key for ks in keys.values() for key in ks})
    matches = store.find_postings(all_keys, call=options.call, language=options.language, speaker=options.speaker,
                                  date_from=options.date_from, date_to=options.date_to)
    calls, rows = matches.calls, matches.postings
    personal = store.entity_spans(sorted({r[0] for r in rows}), sorted(PERSONAL_DATA_LABELS)) if options.masked else {}
    # segments no personal-data detector has checked are masked whole for viewers: nothing in them matches
    unchecked = store.unchecked_segments(sorted(personal.keys() | {r[0] for r in rows})) if options.masked else {}
    # (transcript, position) -> (segment, start, end, keys)
    tokens: dict[tuple[int, int], tuple[int, int, int, set[str]]] = {}
    for tid, position, segment, key, start, end in rows:
        if options.masked and (unchecked.get(tid) is None or segment in unchecked[tid]
                               or any(s < end and start < e for s, e in personal.get(tid, ()))):
            continue
        entry = tokens.setdefault((tid, position), (segment, start, end, set()))
        entry[3].add(key)
    by_word: dict[str, dict[int, set[int]]] = {}  # word -> transcript -> positions
    for (tid, position), (_seg, _s, _e, found) in tokens.items():
        for word, wanted in keys.items():
            if found & wanted:
                by_word.setdefault(word, {}).setdefault(tid, set()).add(position)
    matched: dict[int, list[tuple[int, int]]] = {}  # transcript -> [(first position, last position)]
    excluded: set[int] = set()
    for term in terms:
        occurrences = _term_occurrences(term, by_word)
        if term.exclude:
            excluded |= set(occurrences)
    candidates: set[int] | None = None
    for term in (t for t in terms if not t.exclude):
        occurrences = _term_occurrences(term, by_word)
        candidates = set(occurrences) if candidates is None else candidates & set(occurrences)
        for tid, found in occurrences.items():
            matched.setdefault(tid, []).extend(found)
    chosen = sorted((candidates or set()) - excluded,
                    key=lambda tid: (calls[tid].recorded_at is None, calls[tid].recorded_at or datetime.min,
                                     calls[tid].key))
    hits: list[SearchHit] = []
    truncated = False
    for tid in chosen:
        stored = store.transcript(tid)
        segment_hits = _segment_hits(stored, matched[tid], tokens, options, personal.get(tid, []))
        for hit in segment_hits:
            if len(hits) >= options.limit:
                truncated = True
                break
            call = calls[tid]
            hits.append(SearchHit(call_id=call.id, call_key=call.key,
                                  recorded_at=call.recorded_at.isoformat() if call.recorded_at else None,
                                  transcript_id=tid, **hit))
        if truncated:
            break
    return SearchResult(query=query, hits=hits, calls=len(chosen), truncated=truncated, indexed=indexed)


def _term_occurrences(term: Term, by_word: dict[str, dict[int, set[int]]]) -> dict[int, list[tuple[int, int]]]:
    """Transcript -> [(first, last position)] of each occurrence of the term (phrases: consecutive words)."""
    first = by_word.get(term.words[0], {})
    found: dict[int, list[tuple[int, int]]] = {}
    for tid, positions in first.items():
        for position in sorted(positions):
            if all(position + i in by_word.get(word, {}).get(tid, ()) for i, word in enumerate(term.words[1:], 1)):
                found.setdefault(tid, []).append((position, position + len(term.words) - 1))
    return found


def _segment_hits(stored: StoredTranscript, occurrences, tokens, options: SearchOptions,
                  personal) -> list[dict[str, Any]]:
    transcript = stored.transcript
    offsets = transcript.segment_offsets
    per_segment: dict[int, list[tuple[int, int]]] = {}
    for first, last in occurrences:
        segment, start, _, _ = tokens[(stored.id, first)]
        end = tokens[(stored.id, last)][2]
        per_segment.setdefault(segment, []).append((start, end))
    hits = []
    for index in sorted(per_segment):
        segment = transcript.segments[index]
        offset = offsets[index][0]
        spans = sorted(set(per_segment[index]))
        text = mask_spans(segment.text, personal, offset) if options.masked else segment.text
        local = [(s - offset, e - offset) for s, e in spans]
        parts = _snippet_parts(text, local)
        hits.append({"segment": index, "speaker": segment.speaker, "seconds": segment.start, "spans": spans,
                     "segment_spans": local, "snippet_parts": parts,
                     "snippet": "".join(f"{MARK_OPEN}{t}{MARK_CLOSE}" if hit else t for t, hit in parts)})
    return hits


def _snippet_parts(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """The segment text around its matches (cut to some context), as (text, is a match) parts."""
    window_start = max(spans[0][0] - SNIPPET_CONTEXT, 0)
    window_end = min(spans[-1][1] + SNIPPET_CONTEXT, len(text))
    parts: list[tuple[str, bool]] = []
    if window_start > 0:
        parts.append(("…", False))
    cursor = window_start
    for start, end in spans:
        if start < cursor:  # overlapping matches: extend the previous one
            if parts and parts[-1][1] and end > cursor:
                parts[-1] = (parts[-1][0] + text[cursor:end], True)
                cursor = end
            continue
        if start > cursor:
            parts.append((text[cursor:start], False))
        parts.append((text[start:end], True))
        cursor = end
    if window_end > cursor:
        parts.append((text[cursor:window_end], False))
    if window_end < len(text):
        parts.append(("…", False))
    return parts
