"""The search index: one posting per (word token, key), kept up to date incrementally.

``key`` is the folded (lower case, ё→е) normal form of each of the token's likely pymorphy3
parses, plus its folded surface form, so «двухсотый» finds «двухсотых» and «трёхсотых» =
«трехсотых». Ukrainian segments are lemmatised with the uk dictionary. Only tokens with letters
are words; digits and punctuation are not indexed.

Indexing is incremental: ``search_indexed`` records each indexed transcript with a digest of its text
and of ``INDEX_VERSION``; ``update_index`` indexes only current transcripts whose digest is missing or
different and drops the postings of transcripts that stopped being current.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from overheard.model import SEARCH_KEY_LENGTH as KEY_LENGTH
from overheard.model import IndexedTranscript, Posting, StoredTranscript
from overheard.store import Store
from overheard.text import detect_language, fold, parses, tokenize, unconfuse

INDEX_VERSION = "search.v1"  # bump when the keys change: every transcript is indexed again
MAX_LEMMAS = 3  # distinct normal forms kept per token (pymorphy3's best parses)
_HAS_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_BATCH = 200  # transcripts per write transaction


# ---- keys ----------------------------------------------------------------------------------
def word_keys(word: str, language: str) -> tuple[str, ...]:
    """The index keys of one word: its folded surface form and the folded normal forms of its best parses."""
    keys = [fold(word)]
    for parse in parses(unconfuse(word), "uk" if language == "uk" else "ru"):
        normal = fold(parse.normal_form)
        if normal not in keys:
            keys.append(normal)
        if len(keys) > MAX_LEMMAS:
            break
    return tuple(key[:KEY_LENGTH] for key in keys)


def is_word(token: str) -> bool:
    """True for tokens that are indexed (they contain a letter)."""
    return bool(_HAS_LETTER.search(token))


def index_digest(text_sha256: str) -> str:
    """The digest that decides whether a transcript must be indexed again."""
    return hashlib.sha256(f"{INDEX_VERSION}:{text_sha256}".encode()).hexdigest()


def transcript_postings(stored: StoredTranscript) -> list[Posting]:
    """The postings of every word of a stored transcript version."""
    transcript = stored.transcript
    rows: list[Posting] = []
    position = 0
    for index, (segment, (offset, _end)) in enumerate(zip(transcript.segments, transcript.segment_offsets,
                                                          strict=True)):
        language = segment.language if segment.language in ("ru", "uk") else None
        language = language or (transcript.language if transcript.language in ("ru", "uk") else None)
        language = language or detect_language(segment.text)
        for token in tokenize(segment.text):
            if not is_word(token.text):
                continue
            for key in word_keys(token.text, language):
                rows.append(Posting(stored.id, position, index, key, offset + token.start, offset + token.end))
            position += 1
    return rows


# ---- indexing ------------------------------------------------------------------------------
@dataclass
class IndexSummary:
    """What ``update_index`` did."""

    current: int = 0  # current transcripts
    indexed: int = 0  # transcripts (re)indexed now
    dropped: int = 0  # transcripts removed from the index (no longer current)
    postings: int = 0  # posting rows written


def _stale(store: Store) -> tuple[list[int], list[int], int]:
    """(current transcripts to index, indexed transcripts no longer current, number of current ones)."""
    current, indexed = store.search_index_state()
    wanted = {tid: index_digest(sha) for tid, sha in current.items()}
    todo = sorted(tid for tid, digest in wanted.items() if indexed.get(tid) != digest)
    gone = sorted(tid for tid in indexed if tid not in wanted)
    return todo, gone, len(wanted)


def index_is_stale(store: Store) -> bool:
    """True when some current transcript is not indexed (or indexed from other text or keys)."""
    todo, gone, _ = _stale(store)
    return bool(todo or gone)


def update_index(store: Store, force: bool = False) -> IndexSummary:
    """Index every current transcript not indexed yet; drop transcripts that are no longer current.

    ``force`` indexes every current transcript again. Writes go through the store's serialised
    write transactions, each deleting a transcript's old postings before inserting the new ones,
    so two processes updating at once cannot leave duplicates.
    """
    todo, gone, current = _stale(store)
    if force:
        todo = sorted(store.search_index_state()[0])
    summary = IndexSummary(current=current)
    if gone:
        store.drop_from_index(gone)
        summary.dropped = len(gone)
    for start in range(0, len(todo), _BATCH):
        chunk = todo[start:start + _BATCH]
        prepared = []
        for transcript_id in chunk:
            stored = store.transcript(transcript_id)
            sha = hashlib.sha256(stored.text.encode("utf-8")).hexdigest()
            prepared.append(IndexedTranscript(transcript_id, index_digest(sha), tuple(transcript_postings(stored))))
        store.index_transcripts(prepared)
        summary.indexed += len(chunk)
        summary.postings += sum(len(item.postings) for item in prepared)
    return summary
