"""Forced alignment: word timings for a known transcript, from the Whisper model already loaded.

An imported transcript (a typed ``.txt``, subtitles) has the right words but no word timings, so it
cannot drive bleeped clips or word-level review. :func:`align_transcript` gives every word a start
and end by aligning the known text to the audio with Whisper's cross-attention (CTranslate2's
``Whisper.align``, the dynamic-time-warping alignment faster-whisper uses for its word timestamps):
no decoding, only one encoder pass and one teacher-forced decoder pass per turn.

Where the transcript has timed turns (subtitles), each turn is aligned within its own span. Where it
has none (plain text), the call is first recognised once and the transcript's words are matched to
the recognised words: the matches give each turn its span and, on a stereo call, its channel (the
side whose recognised words match the turn). Turns longer than Whisper's 30-second window are cut
into pieces at the matched words. The text itself is never changed, so findings anchored to it stay
valid.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace

import numpy as np

from overheard.model import Segment, Transcript, Word, nfc
from overheard.speech.audio import ASR_SAMPLE_RATE, DecodedAudio
from overheard.speech.hallucination import words as folded_words


@dataclass(frozen=True)
class AlignSettings:
    """How much audio each turn gets and how turns are batched."""

    pad_s: float = 0.3  # audio kept either side of a timed turn
    located_pad_s: float = 0.6  # either side of a turn located through recognised words (looser)
    max_span_s: float = 28.0  # Whisper hears 30-second windows; longer turns are cut into pieces
    batch_size: int = 8
    min_word_s: float = 0.25  # a located turn gets at least this much audio per word
    language: str | None = None  # default: each segment's own language, else the transcript's, else ru

    def as_dict(self) -> dict:
        """The settings as plain values (stored with every alignment as its provenance)."""
        return asdict(self)


@dataclass(frozen=True)
class _Piece:
    segment: int  # index into the transcript's segments
    channel: int
    start: float  # seconds of audio the piece is aligned within
    end: float
    text: str
    language: str


@dataclass(frozen=True)
class _Heard:
    word: str  # folded
    start: float
    end: float
    channel: int
    utterance: tuple[float, float]  # the recognised segment (one VAD utterance) the word is in


def align_transcript(
    audio: DecodedAudio,
    transcript: Transcript,
    transcriber=None,
    settings: AlignSettings | None = None,
    progress: Callable[[float], None] | None = None,
) -> Transcript:
    """A copy of ``transcript`` with Whisper-aligned word timings on every spoken segment (text unchanged).

    ``progress`` is called with the share of the work done (0 to 1): recognising an untimed
    transcript's anchors is the first half, the alignment batches the rest.
    """
    from overheard.speech.transcriber import get_transcriber

    if audio.sample_rate != ASR_SAMPLE_RATE:
        raise ValueError("align_transcript expects 16 kHz audio from overheard.speech.audio.load_for_asr")
    settings = settings or AlignSettings()
    transcriber = transcriber or get_transcriber()
    spoken = [i for i, s in enumerate(transcript.segments) if folded_words(s.text)]
    if not spoken or audio.duration == 0:
        return transcript
    timed = all(transcript.segments[i].start is not None and transcript.segments[i].end is not None for i in spoken)
    heard = [] if timed else _recognised_words(audio, transcript, transcriber)
    base = 0.0 if timed else 0.5
    if progress and not timed:
        progress(base)
    pieces = _pieces(audio, transcript, spoken, heard, settings)
    whisper, _ = transcriber._engine()

    def batch_done(done: int) -> None:
        if progress:
            progress(base + (1.0 - base) * done / max(1, len(pieces)))

    aligned = _align(whisper, audio, pieces, settings, batch_done)
    by_segment: dict[int, list[Word]] = {}
    channel_of: dict[int, int] = {}
    for piece, found in zip(pieces, aligned, strict=True):
        by_segment.setdefault(piece.segment, []).extend(found)
        channel_of[piece.segment] = piece.channel
    segments = list(transcript.segments)
    for index, words in by_segment.items():
        words = _monotonic(words, audio.duration)
        old = segments[index]
        segments[index] = replace(
            old,
            words=tuple(words),
            start=old.start if old.start is not None else (words[0].start if words else None),
            end=old.end if old.end is not None else (words[-1].end if words else None),
            channel=channel_of[index] if len(audio.channels) > 1 else old.channel,
        )
    return replace(transcript, segments=tuple(segments))


def _recognised_words(audio: DecodedAudio, transcript: Transcript, transcriber) -> list[_Heard]:
    """Every word the model recognises in the call, per channel, in time order (the anchors)."""
    from overheard.speech.settings import TranscribeSettings

    languages = {s.language for s in transcript.segments if s.language} | {transcript.language or "ru"}
    forced = languages.pop() if len(languages) == 1 else None
    result = transcriber.transcribe(audio, TranscribeSettings(language=forced))
    heard = []
    for segment in result.transcript.segments:
        for word in segment.words:
            for token in folded_words(word.text):
                span = (segment.start or word.start, segment.end or word.end)
                heard.append(_Heard(token, word.start, word.end, segment.channel or 0, span))
    heard.sort(key=lambda h: h.start)
    return heard


def _pieces(
    audio: DecodedAudio, transcript: Transcript, spoken: list[int], heard: list[_Heard], settings: AlignSettings
) -> list[_Piece]:
    """The stretches of audio to align each spoken segment (or part of one) within."""
    anchors = _anchors(transcript, spoken, heard)  # segment -> [(word index, heard word)]
    default_language = settings.language or transcript.language or "ru"
    pieces: list[_Piece] = []
    previous_end = 0.0
    for position, index in enumerate(spoken):
        segment = transcript.segments[index]
        language = settings.language or segment.language or default_language
        matched = anchors.get(index, [])
        if segment.start is not None and segment.end is not None:
            start, end, pad = segment.start, segment.end, settings.pad_s
            channel = _channel_for(audio, segment, start, end, matched)
            start, end = start - pad, end + pad
        elif matched:
            channel = Counter(h.channel for _, h in matched).most_common(1)[0][0]
            on_side = [h for _, h in matched if h.channel == channel]
            # the whole utterances the matched words were heard in, but not into a neighbouring turn
            before = [h.end for i in spoken[:position] for _, h in anchors.get(i, []) if h.channel == channel]
            after = [h.start for i in spoken[position + 1 :] for _, h in anchors.get(i, []) if h.channel == channel]
            pad = settings.located_pad_s
            start = max(min(h.utterance[0] for h in on_side) - pad, max(before, default=0.0))
            end = min(max(h.utterance[1] for h in on_side) + pad, min(after, default=audio.duration))
            start, end = min(start, on_side[0].start - 0.1), max(end, on_side[-1].end + 0.1)
        else:  # nothing recognised: the gap up to the next located segment
            later = [anchors[i][0][1].start for i in spoken[position + 1 :] if anchors.get(i)]
            start, end = previous_end, later[0] if later else audio.duration
            channel = _channel_for(audio, segment, start, end, [])
        start, end = max(0.0, start), min(audio.duration, end)
        start, end = _room_for(segment.text, start, end, audio.duration, settings)
        previous_end = max(previous_end, end)
        for text, a, b in _split(segment.text, start, end, matched, settings.max_span_s):
            pieces.append(_Piece(index, channel, a, b, text, language))
    return pieces


def _room_for(text: str, start: float, end: float, duration: float, settings: AlignSettings) -> tuple[float, float]:
    """Widen a span too short to hold the turn's words (badly located on unintelligible audio).

    A turn located through a few misrecognised words, or squeezed between two neighbours, can get a
    span of a fraction of a second (0 s measured on an espeak-ng phone-band call); aligned there,
    every word lands in it. It gets at least ``min_word_s`` per word, around where it was placed.
    """
    needed = min(settings.max_span_s, max(1.0, settings.min_word_s * len(folded_words(text))))
    if end - start >= needed:
        return start, end
    middle = (start + end) / 2
    start = max(0.0, min(middle - needed / 2, duration - needed))
    return start, min(duration, start + needed)


def _anchors(transcript: Transcript, spoken: list[int], heard: list[_Heard]) -> dict[int, list[tuple[int, _Heard]]]:
    """Match the transcript's words to recognised words, letter by letter (misspelt words still match).

    The folded letters of both sides are aligned (longest matching blocks, in order); a transcript
    word is anchored to the recognised word that most of its matched letters fall in, when at least
    half its letters (two at least, unless it is one letter matched whole) match.
    """
    if not heard:
        return {}
    ref_chars: list[str] = []
    ref_owner: list[tuple[int, int] | None] = []
    ref_words: dict[tuple[int, int], str] = {}
    for index in spoken:
        for k, word in enumerate(folded_words(transcript.segments[index].text)):
            ref_chars += list(word) + [" "]
            ref_owner += [(index, k)] * len(word) + [None]
            ref_words[(index, k)] = word
    hyp_chars: list[str] = []
    hyp_owner: list[int | None] = []
    for h_index, h in enumerate(heard):
        hyp_chars += list(h.word) + [" "]
        hyp_owner += [h_index] * len(h.word) + [None]
    matcher = difflib.SequenceMatcher(a=ref_chars, b=hyp_chars, autojunk=False)
    votes: dict[tuple[int, int], Counter] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            owner, h_index = ref_owner[block.a + k], hyp_owner[block.b + k]
            if owner is not None and h_index is not None:
                votes.setdefault(owner, Counter())[h_index] += 1
    out: dict[int, list[tuple[int, _Heard]]] = {}
    for (index, k), counter in sorted(votes.items()):
        h_index, count = counter.most_common(1)[0]
        word = ref_words[(index, k)]
        if count >= max(2, (len(word) + 1) // 2) or heard[h_index].word == word:
            out.setdefault(index, []).append((k, heard[h_index]))
    return out


def _channel_for(audio: DecodedAudio, segment: Segment, start: float, end: float, matched: list) -> int:
    """The channel a segment was spoken on: its own, the side its words were heard on, or the louder."""
    count = len(audio.channels)
    if count == 1:
        return 0
    if segment.channel is not None and 0 <= segment.channel < count:
        return segment.channel
    if matched:
        return Counter(h.channel for _, h in matched).most_common(1)[0][0]
    a, b = int(start * ASR_SAMPLE_RATE), max(int(start * ASR_SAMPLE_RATE) + 1, int(end * ASR_SAMPLE_RATE))
    return int(
        np.argmax([float(np.mean(c[a:b].astype(np.float64) ** 2)) if b <= len(c) else 0.0 for c in audio.channels])
    )


def _split(
    text: str, start: float, end: float, matched: list[tuple[int, _Heard]], limit: float
) -> list[tuple[str, float, float]]:
    """Cut a turn longer than ``limit`` seconds into pieces at word boundaries (at matched words' times)."""
    if end - start <= limit:
        return [(text, start, end)]
    tokens = text.split()
    folded_counts = [len(folded_words(t)) for t in tokens]
    times: dict[int, float] = {k: h.start for k, h in matched}
    # the time each whitespace token starts: its first folded word's match, else by character share
    total_chars = max(1, len(text))
    token_starts, folded_index, char = [], 0, 0
    for token, count in zip(tokens, folded_counts, strict=True):
        guess = start + (end - start) * char / total_chars
        token_starts.append(times.get(folded_index, guess))
        folded_index += count
        char += len(token) + 1
    pieces, first, piece_start = [], 0, start
    for k in range(1, len(tokens) + 1):
        if k == len(tokens) or token_starts[k] - piece_start > limit - 1.0:
            cut = end if k == len(tokens) else token_starts[k]
            if k == len(tokens) or cut - piece_start > 1.0:
                pieces.append((" ".join(tokens[first:k]), max(start, piece_start - 0.5), min(end, cut + 0.5)))
                first, piece_start = k, cut
    return [p for p in pieces if p[0]]


def _align(
    whisper, audio: DecodedAudio, pieces: list[_Piece], settings: AlignSettings, done: Callable[[int], None]
) -> list[list[Word]]:
    """Word timings for every piece: batched encoder passes and CTranslate2 ``align`` calls, per language."""
    from faster_whisper.audio import pad_or_trim
    from faster_whisper.tokenizer import Tokenizer

    out: list[list[Word]] = [[] for _ in pieces]
    by_language: dict[str, list[int]] = {}
    for k, piece in enumerate(pieces):
        by_language.setdefault(piece.language, []).append(k)
    frames_per_second = ASR_SAMPLE_RATE / whisper.feature_extractor.hop_length
    finished = 0
    for language, members in by_language.items():
        tokenizer = Tokenizer(whisper.hf_tokenizer, True, task="transcribe", language=language)
        for first in range(0, len(members), settings.batch_size):
            batch = members[first : first + settings.batch_size]
            features, frames, tokens = [], [], []
            for k in batch:
                piece = pieces[k]
                samples = audio.channels[piece.channel]
                chunk = samples[int(piece.start * ASR_SAMPLE_RATE) : int(piece.end * ASR_SAMPLE_RATE)]
                mel = whisper.feature_extractor(chunk)[..., :-1]
                frames.append(min(mel.shape[-1], whisper.feature_extractor.nb_max_frames))
                features.append(pad_or_trim(mel))
                tokens.append(tokenizer.encode(" " + piece.text.strip()))
            encoded = whisper.encode(np.stack(features))
            results = whisper.model.align(encoded, tokenizer.sot_sequence, tokens, frames)
            for k, result, text_tokens in zip(batch, results, tokens, strict=True):
                found = _words(tokenizer, result, text_tokens, pieces[k].start, frames_per_second / 2)
                piece = pieces[k]
                out[k] = _snap_to_speech(found, audio.channels[piece.channel], piece.start, piece.end)
            finished += len(batch)
            done(finished)
    return out


_FRAME_S = 0.01
# Chosen on festvox speech (clean, phone band, words joined with gaps); see benchmarks/align.py.
_HEAD_FRAMES = 60  # a pause this soon after a word's aligned start (0.6 s; within its own span) is the gap before it
_PAUSE_FRAMES = 9  # 90 ms near the noise floor is a pause, longer than most stop closures inside a word
_SOUND_SHARE = 0.3  # a frame sounds above floor + 30% of the floor-to-speech range (dB), at least 6 dB
_QUIET_SHARE = 0.1  # and is silent for the pause rule below floor + 10% of it, at least 3 dB


def _snap_to_speech(words: list[Word], samples: np.ndarray, start: float, end: float) -> list[Word]:
    """Move word starts that fall in silence forward to where the sound begins (ends back likewise).

    Whisper's attention alignment hands the silence before a word to that word: measured on festvox
    speech, a turn's first word started 0.7-0.8 s early, at the start of the padded audio, while words
    inside a phrase were within 0.1 s; words separated by short pauses each started early by the pause
    (median 0.17 s). So a start that lies in silence moves to where the sound begins, and a start
    followed within 0.6 s (inside the word's own span) by a pause (90 ms near the noise floor) moves
    to where the sound resumes.
    """
    frame = int(_FRAME_S * ASR_SAMPLE_RATE)
    chunk = samples[int(start * ASR_SAMPLE_RATE) : int(end * ASR_SAMPLE_RATE)].astype(np.float64)
    count = len(chunk) // frame
    if count < 10 or not words:
        return words
    level = 10 * np.log10(np.mean(chunk[: count * frame].reshape(count, frame) ** 2, axis=1) + 1e-12)
    floor, loud = np.percentile(level, 10), np.percentile(level, 95)
    if loud - floor < 10.0:  # no clear pauses (noise as loud as speech): leave the timings alone
        return words
    sounding = level > floor + max(6.0, _SOUND_SHARE * (loud - floor))
    quiet = level < floor + max(3.0, _QUIET_SHARE * (loud - floor))
    # a run of 3 frames (30 ms) counts as sound; single clicks do not
    sounding = np.convolve(sounding.astype(int), np.ones(3, dtype=int), mode="same") >= 2
    out = []
    for word in words:
        a = int(round((word.start - start) / _FRAME_S))
        b = int(round((word.end - start) / _FRAME_S))
        a, b = min(max(a, 0), count - 1), min(max(b, 0), count)
        new_start, new_end = word.start, word.end
        head = sounding[a : min(b, a + _HEAD_FRAMES)]
        head_quiet = quiet[a : min(b, a + _HEAD_FRAMES)].astype(int)
        pauses = (
            np.flatnonzero(np.convolve(head_quiet, np.ones(_PAUSE_FRAMES, dtype=int), mode="valid") == _PAUSE_FRAMES)
            if len(head) >= _PAUSE_FRAMES
            else []
        )
        if b > a and not sounding[a]:  # starts in silence: the word begins where the sound does
            ahead = np.flatnonzero(sounding[a:b])
            if len(ahead):
                new_start = start + (a + ahead[0]) * _FRAME_S
        elif len(pauses):  # a pause just after the start: the word begins where the sound comes back
            after = np.flatnonzero(head[pauses[-1] + _PAUSE_FRAMES :])
            if len(after):
                new_start = start + (a + pauses[-1] + _PAUSE_FRAMES + after[0]) * _FRAME_S
        if b > a and not sounding[b - 1]:
            behind = np.flatnonzero(sounding[a:b])
            if len(behind):
                new_end = start + (a + behind[-1] + 1) * _FRAME_S
        new_start = round(min(new_start, word.end), 3)
        out.append(Word(new_start, round(max(new_start, min(new_end, word.end)), 3), word.text, word.probability))
    return out


def _words(tokenizer, result, text_tokens: list[int], offset: float, tokens_per_second: float) -> list[Word]:
    """Turn one alignment result into words (punctuation kept on its word), in audio seconds."""
    from faster_whisper.transcribe import merge_punctuations

    words, word_tokens = tokenizer.split_to_word_tokens(text_tokens + [tokenizer.eot])
    if len(word_tokens) <= 1 or not result.alignments:  # nothing aligned (no audio frames for the piece)
        return []
    boundaries = np.pad(np.cumsum([len(t) for t in word_tokens[:-1]]), (1, 0))
    text_indices = np.array([pair[0] for pair in result.alignments])
    time_indices = np.array([pair[1] for pair in result.alignments])
    jumps = np.pad(np.diff(text_indices), (1, 0), constant_values=1).astype(bool)
    jump_times = time_indices[jumps] / tokens_per_second
    probabilities = result.text_token_probs
    timing = [
        {
            "word": word,
            "tokens": tokens,
            "start": float(jump_times[i]),
            "end": float(jump_times[j]),
            "probability": float(np.mean(probabilities[i:j])) if j > i else 0.0,
        }
        for word, tokens, i, j in zip(words, word_tokens, boundaries[:-1], boundaries[1:], strict=False)
    ]
    merge_punctuations(timing, "\"'“¿([{-«", "\"'.。,，!！?？:：”)]}、»")
    return [
        Word(
            round(offset + item["start"], 3),
            round(offset + max(item["start"], item["end"]), 3),
            nfc(item["word"].strip()),
            min(1.0, max(0.0, item["probability"])),
        )
        for item in timing
        if item["word"].strip()
    ]


def start_errors(aligned: list[Word], truth: list[tuple[str, float, float]]) -> list[float]:
    """Absolute word-start errors (seconds) of ``aligned`` against true ``(word, start, end)`` boundaries.

    Words are paired in order by their folded text (a word missing on either side is skipped).
    """
    left = [(folded_words(w.text) or [""])[0] for w in aligned]
    right = [(folded_words(t[0]) or [""])[0] for t in truth]
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    errors = []
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            errors.append(abs(aligned[block.a + k].start - truth[block.b + k][1]))
    return errors


def _monotonic(words: list[Word], duration: float) -> list[Word]:
    """Starts non-decreasing and inside the audio (pieces of one turn may overlap by their padding)."""
    out: list[Word] = []
    previous = 0.0
    for word in words:
        start = min(max(word.start, previous), duration)
        end = min(max(word.end, start), duration)
        out.append(Word(start, end, word.text, word.probability))
        previous = start
    return out
