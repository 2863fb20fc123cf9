"""Queries over the search index: words, numbers, "quoted phrases" and -excluded terms, with filters.

Any form of a word finds every other form (see :mod:`overheard.search.index`); a term the coded-term
lexicon knows, or an English gloss or category, also finds the annotators' findings it stands for
(see :mod:`overheard.search.expand`), and each hit says which expansion matched ("killed → двухсотых").
Queries join on the store's current-transcript rule, so a superseded version is never found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from overheard.annotate import regions
from overheard.annotate.lexicon import CASUALTY_CATEGORIES, Lexicon
from overheard.errors import OverheardError
from overheard.model import (
    CASUALTY_SIDES,
    PERSONAL_DATA_LABELS,
    CallFilters,
    SearchScope,
    StoredTranscript,
)
from overheard.redact.operators import mask_spans, viewer_masked_spans
from overheard.search.expand import NO_EXPANSION, Expansion, lexicon_runs, search_lexicon, words_expansion
from overheard.search.index import index_is_stale, update_index, word_keys, words_of
from overheard.store import Store

SNIPPET_CONTEXT = 60  # characters of context either side of the first hit in a segment
MARK_OPEN, MARK_CLOSE = "⟦", "⟧"
CALL_STATUSES = ("new", "in_review", "verified")  # a call's review status (the calls list's filter)


class SearchError(OverheardError):
    """A search query or filter is malformed."""

    code = "E030"


# ---- queries -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Term:
    """One query term: a word, or a quoted phrase of words; ``exclude`` for ``-word``; ``expansion``: the
    lexicon entries and categories it also stands for (see :func:`expand_terms`)."""

    words: tuple[str, ...]
    exclude: bool = False
    expansion: Expansion = field(default=NO_EXPANSION, compare=False)

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
        words = tuple(word for _start, _end, word in words_of(text))
        if words:
            terms.append(Term(words, exclude))
    if not any(not t.exclude for t in terms):
        raise SearchError("the query needs at least one word or number to find (punctuation is not indexed)")
    return terms


def expand_terms(terms: list[Term], lexicon: Lexicon | None = None) -> list[Term]:
    """The terms with their lexicon expansions; consecutive words that make one lexicon term («груз 200»)
    become one term, found as those words in a row or as the findings of that term."""
    lexicon = search_lexicon(lexicon)
    merged: list[Term] = []
    index = 0
    while index < len(terms):
        term = terms[index]
        run_end = index
        while (run_end + 1 < len(terms) and len(terms[run_end + 1].words) == 1 and len(term.words) == 1
               and terms[run_end + 1].exclude == term.exclude):
            run_end += 1
        if run_end > index:  # a run of single words: look for multi-word lexicon terms in it
            words = tuple(t.words[0] for t in terms[index:run_end + 1])
            cursor = 0
            for first, last, _entries in lexicon_runs(words, lexicon):
                merged.extend(Term((word,), term.exclude) for word in words[cursor:first])
                merged.append(Term(words[first:last], term.exclude))
                cursor = last
            merged.extend(Term((word,), term.exclude) for word in words[cursor:])
            index = run_end + 1
            continue
        merged.append(term)
        index += 1
    return [Term(t.words, t.exclude, words_expansion(t.words, lexicon)) for t in merged]


@dataclass
class SearchOptions:
    """Filters of a search."""

    call: str | None = None  # call key or id
    language: str | None = None  # ru | uk: transcript (else call) language
    speaker: str | None = None  # segment speaker label, exact
    date_from: date | None = None
    date_to: date | None = None  # inclusive
    oblast: str | None = None  # the call's oblast (metadata)
    category: str | None = None  # calls with a casualty finding of this category (killed, wounded, ...)
    side: str | None = None  # ... of this side (own | enemy | unknown); expanded casualty findings too
    status: str | None = None  # the call's review status: new | in_review | verified
    tag: str | None = None  # calls carrying this tag (checked by the caller: viewers may not filter by tag)
    starred: str | None = None  # calls starred by this user
    limit: int = 100
    masked: bool = False  # mask what viewers may not see (viewer_masked_spans) and ignore hits inside it

    def __post_init__(self) -> None:
        if self.language not in (None, "ru", "uk"):
            raise SearchError("lang must be ru or uk")
        if self.category not in (None, *CASUALTY_CATEGORIES):
            raise SearchError(f"category must be one of {', '.join(CASUALTY_CATEGORIES)}")
        if self.side not in (None, *CASUALTY_SIDES):
            raise SearchError(f"side must be one of {', '.join(CASUALTY_SIDES)}")
        if self.status not in (None, *CALL_STATUSES):
            raise SearchError(f"status must be one of {', '.join(CALL_STATUSES)}")

    def scope(self, oblast_spellings: Sequence[str] = ()) -> SearchScope:
        """Where the store looks: the calls passing the call-level filters, and the segment filters. The oblast is
        a region, as on the calls list: ``oblast_spellings`` are the workspace's stored spellings
        (``Store.oblast_spellings``) of which those of the region asked for are kept (``annotate.regions``)."""
        filters = CallFilters(date_from=self.date_from, date_to=self.date_to, oblast=self.oblast,
                              casualty=self.category, side=self.side, status=self.status, tag=self.tag,
                              starred=self.starred)
        filters = regions.narrowed(filters, oblast_spellings)
        return SearchScope(filters=filters, call=self.call, language=self.language, speaker=self.speaker)

    def as_query(self) -> dict[str, str]:
        """The filters as query-string values (for links, saved searches and the CSV of a batch)."""
        values = {"call": self.call, "lang": self.language, "speaker": self.speaker,
                  "date_from": self.date_from.isoformat() if self.date_from else None,
                  "date_to": self.date_to.isoformat() if self.date_to else None, "oblast": self.oblast,
                  "category": self.category, "side": self.side, "status": self.status, "tag": self.tag,
                  "starred": "1" if self.starred else None}
        return {key: value for key, value in values.items() if value}


@dataclass
class SearchHit:
    """One segment with at least one match of the query, in a call whose current transcript matches."""

    call_id: int
    call_key: str
    recorded_at: str | None
    transcript_id: int
    segment: int
    speaker: str | None
    seconds: float | None  # the first match's word start (else its segment's), None when the transcript has no times
    spans: list[tuple[int, int]]  # char ranges in the transcript text
    segment_spans: list[tuple[int, int]]  # the same ranges inside the segment text
    snippet: str  # with every match between ⟦ and ⟧
    snippet_parts: list[tuple[str, bool]] = field(default_factory=list)  # (text, is a match)
    expansions: list[str] = field(default_factory=list)  # which expansion matched: "killed → двухсотых"

    @property
    def url(self) -> str:
        """The call page at the hit's segment (seeking to its second when the transcript is timed)."""
        return f"/calls/{self.call_id}" + (f"?t={self.seconds:g}" if self.seconds is not None else "")

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
    expanded: list[dict[str, Any]] = field(default_factory=list)  # per term: what it also stands for

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"query": self.query, "calls": self.calls, "truncated": self.truncated, "indexed": self.indexed,
                "expanded": self.expanded, "hits": [hit.as_dict() for hit in self.hits]}


def parse_day(value: str | None, option: str = "date") -> date | None:
    """``YYYY-MM-DD`` as a date; empty means no bound."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise SearchError(f"{option} must look like 2026-01-31") from None


def _query_keys(word: str, language: str | None) -> set[str]:
    """The index keys a query word matches; a code with an ending («300-е») matches codes with any ending
    («300-ых», «300х»), not the bare number («300 метров»)."""
    languages = (language,) if language in ("ru", "uk") else ("ru", "uk")
    keys = {key for lang in languages for key in word_keys(word, lang)}
    if word[:1].isdigit() and not word.isdigit():
        keys.discard(re.match(r"\d+", word).group())
    return keys


Occurrence = tuple[int, int, int, str | None]  # (segment, start, end, the term it was expanded from or None)


def _expanded(term: Term) -> list[dict[str, Any]]:
    return [{"term": term.text, "exclude": term.exclude, "to": list(term.expansion.reasons),
             "why": [reason.as_dict() for reason in term.expansion.why]}] if term.expansion else []


def search(store: Store, query: str, options: SearchOptions | None = None, *, refresh: bool = True,
           lexicon: Lexicon | None = None) -> SearchResult:
    """Find the segments of current transcripts that match ``query`` (see ``parse_query``).

    Every non-excluded term must occur somewhere in a call's current transcript and no excluded
    term may; each segment holding a match of a positive term is a hit. A term occurs where its words
    stand (any form) or, through ``expand_terms``, where a finding of the lexicon entries or categories
    it stands for was made (``lexicon``: the workspace's; the built-in one by default). With
    ``options.masked`` snippets are masked as viewers see text (``viewer_masked_spans``: personal
    entities and segments no personal-data detector checked) and matches inside the mask do not count,
    so a viewer cannot find out which calls mention a masked name. ``refresh`` indexes stale
    transcripts first.
    """
    options = options or SearchOptions()
    terms = expand_terms(parse_query(query), lexicon)
    indexed = update_index(store).indexed if refresh and index_is_stale(store) else 0
    words = {word for term in terms for word in term.words}
    keys = {word: _query_keys(word, options.language) for word in words}
    all_keys = sorted({key for ks in keys.values() for key in ks})
    entry_ids = sorted({entry for term in terms for entry in term.expansion.entry_ids})
    categories = sorted({category for term in terms for category in term.expansion.categories})
    matches = store.search_matches(all_keys, options.scope(store.oblast_spellings()), term_ids=entry_ids,
                                   categories=categories,
                                   side=options.side)
    calls = matches.calls
    found_in = sorted({p.transcript_id for p in matches.postings} | {f.transcript_id for f in matches.findings})
    blocked = _Blind(store, found_in) if options.masked else None
    # (transcript, position) -> (segment, start, end, keys)
    tokens: dict[tuple[int, int], tuple[int, int, int, set[str]]] = {}
    for tid, position, segment, key, start, end in matches.postings:
        if blocked and blocked.hides(tid, segment, start, end):
            continue
        entry = tokens.setdefault((tid, position), (segment, start, end, set()))
        entry[3].add(key)
    by_word: dict[str, dict[int, set[int]]] = {}  # word -> transcript -> positions
    for (tid, position), (_seg, _s, _e, found) in tokens.items():
        for word, wanted in keys.items():
            if found & wanted:
                by_word.setdefault(word, {}).setdefault(tid, set()).add(position)
    concepts = [f for f in matches.findings if f.segment is not None
                and not (blocked and blocked.hides(f.transcript_id, f.segment, f.start, f.end))]
    occurrences = [(term, _term_occurrences(term, by_word, tokens, concepts)) for term in terms]
    excluded: set[int] = set()
    candidates: set[int] | None = None
    matched: dict[int, list[Occurrence]] = {}
    for term, found in occurrences:
        if term.exclude:
            excluded |= set(found)
            continue
        candidates = set(found) if candidates is None else candidates & set(found)
        for tid, items in found.items():
            matched.setdefault(tid, []).extend(items)
    chosen = sorted((candidates or set()) - excluded,
                    key=lambda tid: (calls[tid].recorded_at is None, calls[tid].recorded_at or datetime.min,
                                     calls[tid].key))
    hits: list[SearchHit] = []
    truncated = False
    for tid in chosen:
        stored = store.transcript(tid)
        hidden = blocked.spans(stored) if blocked else []
        for hit in _segment_hits(stored, matched[tid], hidden):
            if len(hits) >= options.limit:
                truncated = True
                break
            call = calls[tid]
            hits.append(SearchHit(call_id=call.id, call_key=call.key,
                                  recorded_at=call.recorded_at.isoformat() if call.recorded_at else None,
                                  transcript_id=tid, **hit))
        if truncated:
            break
    return SearchResult(query=query, hits=hits, calls=len(chosen), truncated=truncated, indexed=indexed,
                        expanded=[item for term in terms for item in _expanded(term)])


class _Blind:
    """What a viewer may not see in the transcripts a search found something in, failing closed.

    ``hides`` is the quick test on index rows (personal entity spans, segments no detector checked);
    ``spans`` is :func:`overheard.redact.operators.viewer_masked_spans` itself, exactly what the call
    page masks, applied to every hit shown.
    """

    def __init__(self, store: Store, transcript_ids: list[int]) -> None:
        self.store = store
        self.personal = store.entity_spans(transcript_ids, sorted(PERSONAL_DATA_LABELS))
        self.unchecked = store.unchecked_segments(transcript_ids)

    def hides(self, tid: int, segment: int, start: int, end: int) -> bool:
        """True when a match at this place would show a viewer something masked."""
        unchecked = self.unchecked.get(tid)
        return (unchecked is None or segment in unchecked
                or any(s < end and start < e for s, e in self.personal.get(tid, ())))

    def spans(self, stored: StoredTranscript) -> list[tuple[int, int]]:
        """The masked spans of a transcript version, as the call page computes them for viewers."""
        findings = self.store.entity_findings([stored.id])[stored.id]
        return viewer_masked_spans(findings, stored.transcript.segment_offsets, self.unchecked.get(stored.id))


def _term_occurrences(term: Term, by_word: dict[str, dict[int, set[int]]], tokens, concepts
                      ) -> dict[int, list[Occurrence]]:
    """Transcript -> occurrences of the term: its words in a row (any form), or a finding it expands to."""
    first = by_word.get(term.words[0], {})
    found: dict[int, list[Occurrence]] = {}
    for tid, positions in first.items():
        for position in sorted(positions):
            if all(position + i in by_word.get(word, {}).get(tid, ()) for i, word in enumerate(term.words[1:], 1)):
                segment, start, _, _ = tokens[(tid, position)]
                end = tokens[(tid, position + len(term.words) - 1)][2]
                found.setdefault(tid, []).append((segment, start, end, None))
    expansion = term.expansion
    if expansion:
        for match in concepts:
            if (match.label in expansion.categories
                    or (match.kind == "term" and match.term_id in expansion.entry_ids)):
                found.setdefault(match.transcript_id, []).append((match.segment, match.start, match.end, term.text))
    return found


def _segment_hits(stored: StoredTranscript, occurrences: list[Occurrence],
                  hidden: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """One hit per segment with an occurrence outside ``hidden`` (masked in its snippet)."""
    transcript = stored.transcript
    text_of = stored.text
    offsets = transcript.segment_offsets
    per_segment: dict[int, list[Occurrence]] = {}
    for occurrence in occurrences:
        segment, start, end, _ = occurrence
        if any(s < end and start < e for s, e in hidden):
            continue  # fail closed: nothing a viewer may not see is a match
        per_segment.setdefault(segment, []).append(occurrence)
    hits = []
    for index in sorted(per_segment):
        segment = transcript.segments[index]
        offset = offsets[index][0]
        spans = _union(sorted({(start, end) for _, start, end, _ in per_segment[index]}))
        literal = {(start, end) for _, start, end, via in per_segment[index] if via is None}
        expansions: list[str] = []
        for _, start, end, via in sorted(per_segment[index], key=lambda o: (o[1], -o[2])):
            label = f"{via} → {text_of[start:end]}"
            if via is not None and (start, end) not in literal and label not in expansions:
                expansions.append(label)
        text = mask_spans(segment.text, hidden, offset) if hidden else segment.text
        local = [(s - offset, e - offset) for s, e in spans]
        parts = _snippet_parts(text, local)
        seconds = _word_start(segment, local[0][0])
        hits.append({"segment": index, "speaker": segment.speaker, "seconds": seconds, "spans": spans,
                     "segment_spans": local, "snippet_parts": parts, "expansions": expansions,
                     "snippet": "".join(f"{MARK_OPEN}{t}{MARK_CLOSE}" if hit else t for t, hit in parts)})
    return hits


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping ones joined («груз 200» and its «200» are one match)."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and start < joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def _word_start(segment, char: int) -> float | None:
    """The second the word at ``char`` (an offset in the segment) starts, from word timings (imported
    transcripts get them by alignment); else the segment's start; None when the segment has no times."""
    cursor = 0
    for word in segment.words:
        token = word.text.strip()
        found = segment.text.find(token, cursor) if token else -1
        if found < 0:
            continue
        cursor = found + len(token)
        if cursor > char:
            return word.start
    return segment.start


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
