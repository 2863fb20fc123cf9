"""Quotes: words a person selects in a transcript, kept with their speaker and second of audio for publication.

:func:`make_quote` takes a character range of the call's current transcript (what the call page's selection
gives) and stores a draft with the speaker of its segment, the time range of the words it covers (the
segment's times when the words are untimed), the original text, a translation and a note.
:func:`set_quote_status` approves (an editor who did not make it), publishes or withdraws one. Every write
is validated here (pydantic, as :mod:`overheard.review.writes`) and audited by the store.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator

from overheard.errors import ConflictError, QuoteError
from overheard.model import Quote, Transcript
from overheard.review.writes import MAX_OFFSET, Revision, _blank_is_none, _Write, clean_text, labels_for, parse
from overheard.store import Store

Note = Annotated[Annotated[str, Field(max_length=4000)] | None, BeforeValidator(_blank_is_none)]
Version = Annotated[Annotated[int, Field(ge=1, le=1_000_000)] | None, BeforeValidator(_blank_is_none)]


class NewQuote(_Write):
    """A selection to keep as a quote: a character range of the current transcript, on a known version."""

    start: int = Field(ge=0, le=MAX_OFFSET)
    end: int = Field(ge=1, le=MAX_OFFSET)
    version: Version = None
    translation: Note = None
    note: Note = None
    theme: Annotated[Annotated[str, Field(max_length=40)] | None, BeforeValidator(_blank_is_none)] = None

    @field_validator("translation", "note")
    @classmethod
    def _text(cls, value: str | None) -> str | None:
        return None if value is None else clean_text(value, limit=4000, what="the text")

    @field_validator("theme")
    @classmethod
    def _theme(cls, value: str | None) -> str | None:
        if value is not None and value not in labels_for("theme"):
            raise ValueError(f"theme must be one of {', '.join(labels_for('theme'))}")
        return value


class QuoteStatus(_Write):
    """A quote's next status, naming the revision the editor saw."""

    status: Literal["draft", "approved", "published"]
    revision: Revision = None


def quote_span(transcript: Transcript, start: int, end: int) -> tuple[int, str | None, float | None, float | None]:
    """The segment a range lies in, its speaker and the seconds of the words it covers (E052 across segments)."""
    for position, (segment, (a, b)) in enumerate(zip(transcript.segments, transcript.segment_offsets, strict=True)):
        if a <= start < b or (start == a == b):
            if end > b:
                raise QuoteError("a quote lies inside one utterance: select words of one speaker's turn")
            times, cursor = [], 0
            for word in segment.words:
                token = word.text.strip()
                found = segment.text.find(token, cursor) if token else -1
                if found < 0:
                    continue
                cursor = found + len(token)
                if a + found < end and start < a + cursor:
                    times.append((word.start, word.end))
            if times:
                return position, segment.speaker, min(t[0] for t in times), max(t[1] for t in times)
            return position, segment.speaker, segment.start, segment.end
    raise QuoteError("the selection is outside the transcript")


def make_quote(store: Store, call_ref: int | str, data: Any, actor: str) -> Quote:
    """Keep the selected words of a call's current transcript as a draft quote."""
    body = parse(NewQuote, data)
    current = store.current_transcript(call_ref)
    if current is None:
        raise QuoteError("this call has no transcript to quote")
    if body.version is not None and body.version != current.version:
        raise ConflictError(f"you selected words in version {body.version}, but the call is at version "
                            f"{current.version}; reload the call and select again")
    text = current.text
    start, end = body.start, min(body.end, len(text))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        raise QuoteError("the selection holds no words")
    position, speaker, time_start, time_end = quote_span(current.transcript, start, end)
    segment = current.transcript.segments[position]
    a, b = current.transcript.segment_offsets[position]
    translation = body.translation
    if translation is None and segment.translation and (start, end) == (a, b):
        translation = segment.translation  # the whole utterance: its translation fits the quote
    return store.add_quote(call_id=current.call_id, transcript_id=current.id, char_start=start, char_end=end,
                           speaker=speaker, time_start=time_start, time_end=time_end, text=text[start:end],
                           translation=translation, note=body.note, theme=body.theme, actor=actor)


def set_quote_status(store: Store, quote_id: int, data: Any, actor: str) -> Quote:
    """Approve (not the quote's maker), publish, or send back to draft; audited, 409 on a stale revision."""
    body = parse(QuoteStatus, data)
    return store.set_quote_status(quote_id, body.status, actor, body.revision)


def quote_dict(quote: Quote) -> dict[str, Any]:
    """A quote as the API returns it (analysts and above: it holds the original words)."""
    return {
        "id": quote.id, "call_id": quote.call_id, "transcript_id": quote.transcript_id,
        "char_start": quote.char_start, "char_end": quote.char_end, "speaker": quote.speaker,
        "time_start": quote.time_start, "time_end": quote.time_end, "text": quote.text,
        "translation": quote.translation, "note": quote.note, "theme": quote.theme, "status": quote.status,
        "created_by": quote.created_by, "created_at": quote.created_at.isoformat(),
        "approved_by": quote.approved_by, "approved_at": quote.approved_at.isoformat() if quote.approved_at else None,
        "published_at": quote.published_at.isoformat() if quote.published_at else None,
        "revision": quote.revision,
        "url": f"/calls/{quote.call_id}" + (f"?t={int(quote.time_start)}" if quote.time_start is not None else ""),
    }
