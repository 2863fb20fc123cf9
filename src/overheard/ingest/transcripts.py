"""Parsers for the transcript formats overheard ingests.

Formats (chosen by file extension, then by content):

* plain text, one utterance per line, ``Speaker: text`` (``A: ...``, ``Мать: ...``);
* the same with timestamps, ``[00:01:23] A: text`` or ``[01:23.5] A: text``;
* SubRip ``.srt`` and WebVTT ``.vtt`` (speaker from ``<v Name>`` or a ``Name:`` prefix);
* JSON, overheard's own format (the one ``overheard transcribe --format json`` prints)::

    {"language": "ru",
     "segments": [{"start": 0.0, "end": 2.1, "speaker": "A", "language": "ru",
                   "text": "...", "flags": [],
                   "words": [{"start": 0.0, "end": 0.4, "word": "...", "probability": 0.93}]}]}

  Only ``segments[].text`` is required.

A ``Name:`` prefix is taken as a speaker label when the label is short, has no
sentence punctuation, and either recurs in the file or is a participant named in
the call's metadata; otherwise the colon is part of the text ("Слушай: ...").
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterable
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from overheard.errors import InputFileError
from overheard.model import Segment, Transcript, TranscriptSource, Word, nfc
from overheard.text import detect_language

TRANSCRIPT_SUFFIXES = {".txt": "text", ".text": "text", ".srt": "srt", ".vtt": "vtt", ".json": "json"}

_SPEAKER = re.compile(r"^\s*(?P<label>[^\W\d_][\w .'’()\-]{0,38}?)\s*:\s+(?P<text>.*)$", re.UNICODE)
_STAMP = re.compile(r"^\s*\[(?P<time>(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)\]\s*(?P<rest>.*)$")
_CUE_TIME = re.compile(
    r"^\s*(?P<start>(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*(?P<end>(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3})"
)
_VOICE = re.compile(r"^<v(?:\.[\w.-]+)?\s+(?P<label>[^>]+)>(?P<text>.*?)(?:</v>)?$", re.DOTALL)
# a tag never holds "<": without it in the class, "<a<a<a..." would backtrack quadratically (audit F11)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_MAX_FIELD = 10_000
_Seconds = Annotated[float, Field(ge=0.0, allow_inf_nan=False)]


def parse_transcript(text: str, fmt: str, name: str, known_speakers: Iterable[str] = ()) -> Transcript:
    """Parse decoded ``text`` in format ``fmt`` ("text", "srt", "vtt", "json") into a Transcript."""
    parsers = {"text": parse_lines, "srt": parse_srt, "vtt": parse_vtt, "json": parse_json}
    if fmt not in parsers:
        raise InputFileError(f"{name}: unknown transcript format {fmt!r}")
    segments, language = parsers[fmt](text, name, set(known_speakers))
    segments = [s for s in segments if s.text.strip()]
    if not segments:
        raise InputFileError(f"{name}: the transcript has no text")
    joined = "\n".join(s.text for s in segments)
    language = language or detect_language(joined)
    return Transcript(
        segments=tuple(segments), language=language, source=TranscriptSource.IMPORTED, producer=f"import.{fmt}.v1"
    )


def seconds(stamp: str) -> float:
    """``HH:MM:SS.mmm`` / ``MM:SS,mmm`` → seconds."""
    parts = stamp.replace(",", ".").split(":")
    value = 0.0
    for part in parts:
        value = value * 60 + float(part)
    return value


def _speaker_split(lines: list[str], known: set[str]) -> list[tuple[str | None, str]]:
    """Split ``Label: text`` prefixes where the label is a real speaker label.

    A label counts when it recurs or is a known participant; once such labels
    structure most lines, a one-off capitalised label of one or two words counts too.
    """
    candidates = [_SPEAKER.match(line) for line in lines]
    counts = Counter(m.group("label").strip() for m in candidates if m)
    known_folded = {k.casefold() for k in known}
    accepted = {label for label, n in counts.items() if n >= 2 or label.casefold() in known_folded}
    plausible = {label for label in counts if label[0].isupper() and len(label.split()) <= 2}
    labelled_lines = sum(counts[label] for label in accepted | plausible)
    if labelled_lines * 5 >= len(lines) * 3 and len(plausible) <= max(2, len(lines) // 2):
        accepted |= plausible  # most lines start with a short capitalised label: a dialogue
    result = []
    for line, match in zip(lines, candidates, strict=True):
        if match and match.group("label").strip() in accepted:
            result.append((match.group("label").strip(), match.group("text").strip()))
        else:
            result.append((None, line.strip()))
    return result


def parse_lines(text: str, name: str, known: set[str]) -> tuple[list[Segment], str | None]:
    """Plain ``Speaker: text`` lines, optionally with ``[hh:mm:ss]`` timestamps."""
    stamps: list[float | None] = []
    bodies: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        match = _STAMP.match(line)
        if match:
            stamps.append(seconds(match.group("time")))
            bodies.append(match.group("rest"))
        else:
            stamps.append(None)
            bodies.append(line)
    pairs = _speaker_split(bodies, known)
    segments, previous = [], None
    timed = [s for s in stamps if s is not None]
    if timed and any(b < a for a, b in zip(timed, timed[1:], strict=False)):
        raise InputFileError(f"{name}: timestamps go backwards")
    for index, ((speaker, body), start) in enumerate(zip(pairs, stamps, strict=True)):
        speaker = speaker or previous
        end = next((s for s in stamps[index + 1 :] if s is not None), None) if start is not None else None
        segments.append(Segment(text=nfc(body), speaker=speaker, start=start, end=end))
        previous = speaker
    return segments, None


def _cue_blocks(text: str) -> list[list[str]]:
    blocks, current = [], []
    for line in text.splitlines():
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _cues(blocks: list[list[str]], name: str, known: set[str]) -> list[Segment]:
    raw: list[tuple[float, float, str | None, str]] = []
    for number, block in enumerate(blocks, 1):
        time_index = next((i for i, line in enumerate(block[:3]) if _CUE_TIME.match(line)), None)
        if time_index is None:
            raise InputFileError(f"{name}: cue {number} has no 'start --> end' time line")
        match = _CUE_TIME.match(block[time_index])
        start, end = seconds(match.group("start")), seconds(match.group("end"))
        if end < start:
            raise InputFileError(f"{name}: cue {number} ends before it starts")
        body = " ".join(block[time_index + 1 :]).strip()
        voice = _VOICE.match(body)
        speaker = None
        if voice:
            speaker, body = voice.group("label").strip(), voice.group("text")
        body = html.unescape(_TAG.sub("", body)).strip()
        raw.append((start, end, speaker, body))
    labelled = _speaker_split([body for *_, body in raw], known)
    return [
        Segment(text=nfc(body), speaker=voice_speaker or split_speaker, start=start, end=end)
        for (start, end, voice_speaker, _), (split_speaker, body) in zip(raw, labelled, strict=True)
    ]


def parse_srt(text: str, name: str, known: set[str]) -> tuple[list[Segment], str | None]:
    """SubRip subtitles."""
    return _cues(_cue_blocks(text), name, known), None


def parse_vtt(text: str, name: str, known: set[str]) -> tuple[list[Segment], str | None]:
    """WebVTT subtitles (NOTE, STYLE and REGION blocks are skipped)."""
    blocks = _cue_blocks(text)
    if not blocks or not blocks[0][0].lstrip("\ufeff").startswith("WEBVTT"):
        raise InputFileError(f"{name}: a WebVTT file must start with 'WEBVTT'")
    cues = [b for b in blocks[1:] if not b[0].startswith(("NOTE", "STYLE", "REGION"))]
    return _cues(cues, name, known), None


class _JsonWord(BaseModel):
    """A timed word of a JSON transcript."""

    model_config = ConfigDict(extra="ignore")
    start: _Seconds
    end: _Seconds
    word: str = Field(max_length=_MAX_FIELD)
    probability: float = Field(1.0, ge=0.0, le=1.0)


class _JsonSegment(BaseModel):
    """One segment of a JSON transcript: ``text`` is required and must be a string, every other field is typed."""

    model_config = ConfigDict(extra="ignore")
    text: str
    speaker: str | None = Field(None, max_length=120)
    start: _Seconds | None = None
    end: _Seconds | None = None
    language: str | None = Field(None, max_length=8)
    language_probability: float | None = Field(None, ge=0.0, le=1.0)
    channel: int | None = Field(None, ge=0, le=64)
    words: list[_JsonWord] | None = None
    flags: list[Annotated[str, Field(max_length=60)]] | None = None
    translation: str | None = None


class _JsonTranscript(BaseModel):
    """overheard's JSON transcript: an object with a ``segments`` list (``language`` optional)."""

    model_config = ConfigDict(extra="ignore")
    language: str | None = Field(None, max_length=8)
    segments: list[_JsonSegment]


def parse_json(text: str, name: str, known: set[str]) -> tuple[list[Segment], str | None]:
    """overheard's JSON transcript format (see the module docstring), validated field by field.

    ``text`` must be a string (``null`` or a number is an error, never the word "None"), times are
    finite and not negative, and the other fields have their types; nesting too deep to be a
    transcript is refused before Python's recursion limit is reached.
    """
    if _too_deep(text):
        raise InputFileError(f"{name}: JSON nested more than {MAX_JSON_DEPTH} levels deep; not a transcript")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputFileError(f"{name}: invalid JSON at line {error.lineno} column {error.colno}") from None
    except RecursionError:
        raise InputFileError(f"{name}: JSON nested too deeply; not a transcript") from None
    if not isinstance(data, dict) or not isinstance(data.get("segments"), list):
        raise InputFileError(f"{name}: JSON transcript needs an object with a 'segments' list")
    try:
        parsed = _JsonTranscript.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        # pydantic's message names the type expected, never the value found (it may be transcript text)
        raise InputFileError(f"{name}: {where}: {first['msg'].splitlines()[0][:120]}") from None
    segments = []
    for number, item in enumerate(parsed.segments, 1):
        try:
            words = tuple(Word(start=w.start, end=w.end, text=w.word, probability=w.probability)
                          for w in item.words or ())
            segments.append(Segment(text=nfc(item.text.strip()), speaker=item.speaker, start=item.start,
                                    end=item.end, language=item.language,
                                    language_probability=item.language_probability, channel=item.channel,
                                    words=words, flags=tuple(item.flags or ()), translation=item.translation))
        except ValueError as error:  # end before start and the like (model invariants)
            raise InputFileError(f"{name}: segment {number} is malformed ({str(error)[:80]})") from None
    return segments, parsed.language


MAX_JSON_DEPTH = 64  # a transcript is 5 levels deep; anything far deeper is hostile or not a transcript


def _too_deep(text: str) -> bool:
    """True when brackets nest deeper than MAX_JSON_DEPTH (checked without parsing, so no recursion)."""
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return True
        elif char in "]}":
            depth -= 1
    return False
