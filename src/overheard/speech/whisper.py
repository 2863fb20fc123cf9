"""The faster-whisper adapter: the only module that sees engine types.

Decoding path, chosen by measurement on a 2-core CPU (see ``benchmarks/asr.py``):

1. the Silero VAD cuts each channel into utterances; silences are cut out, so they are never decoded;
2. consecutive utterances are packed into windows of at most ``window_s`` seconds of speech (each
   Whisper window costs one encoder pass of ~1 s here, whatever its length);
3. faster-whisper's ``BatchedInferencePipeline`` decodes all windows as one batch, choosing a language
   per window among the candidate languages (no extra encoder pass, see
   :class:`overheard.speech.language.RestrictedLanguages`),
   the batch's windows spread over two one-thread model replicas side by side (see :class:`_Streams`);
4. words are mapped back to the original time line and regrouped into one segment per utterance;
5. in a window whose language is uncertain (a Russian/Ukrainian switch inside it, say) each utterance's
   own language is probed, and those in another language than the window's are decoded again alone,
   in their own language (see :meth:`WhisperTranscriber._split_mixed`);
6. a window that loops or comes back empty is decoded again utterance by utterance.

Compared with the plain sequential ``WhisperModel.transcribe`` this is several times faster on calls
with silences, cannot skip or loop across 30-second windows, and labels each window's language.
"""

from __future__ import annotations

import os
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

import numpy as np

from overheard.errors import ModelError
from overheard.model import Segment, Transcript, TranscriptSource, Word, nfc
from overheard.speech.audio import ASR_SAMPLE_RATE, DecodedAudio
from overheard.speech.diarize import speakers_for_regions
from overheard.speech.hallucination import (
    ALL_FLAGS,
    EMPTY_OUTPUT,
    HIGH_COMPRESSION,
    REPETITION_LOOP,
    SegmentEvidence,
    segment_flags,
    translation_flags,
)
from overheard.speech.language import LanguageChoice, RestrictedLanguages, fits_script, probe
from overheard.speech.model import ModelInfo
from overheard.speech.settings import TranscribeSettings, TranscriptionResult
from overheard.speech.vad import sounding_seconds, speech_regions
from overheard.speech.windows import GAP_S, Plan, owner, pack, token_budget

SPEAKER_LABELS = "ABCDEFGH"


class WhisperTranscriber:
    """Transcribe with faster-whisper over a local CTranslate2 Whisper model (loaded lazily, once)."""

    def __init__(self, model: ModelInfo, compute_type: str = "int8", cpu_threads: int = 0) -> None:
        self.model = model
        self.compute_type = compute_type
        self.cpu_threads = cpu_threads
        self.streams, self.stream_threads = _streams(cpu_threads)
        self._whisper = None
        self._batched = None
        self._hotword_tokens: dict[str, int] = {}

    def _engine(self):
        if self._whisper is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")  # belts and braces: a path never needs the hub
            from faster_whisper import BatchedInferencePipeline, WhisperModel

            try:
                self._whisper = WhisperModel(
                    str(self.model.path),
                    device="cpu",
                    compute_type=self.compute_type,
                    cpu_threads=self.stream_threads,
                    num_workers=self.streams,
                    local_files_only=True,
                )
            except Exception as error:  # ctranslate2 raises RuntimeError/ValueError on bad directories
                raise ModelError(
                    f"cannot load speech model {self.model.name}: {type(error).__name__}; "
                    "check that it is a CTranslate2 Whisper directory"
                ) from error
            self._whisper.model = _Streams(self._whisper.model, self.streams)
            self._batched = BatchedInferencePipeline(self._whisper)
            _warm_up()
        return self._whisper, self._batched

    def transcribe(
        self, audio: DecodedAudio, settings: TranscribeSettings, progress: Callable[[float], None] | None = None
    ) -> TranscriptionResult:
        """Transcribe each channel separately (channel = speaker) and merge the turns by start time.

        ``progress`` is called with the share of the audio decoded so far (0 to 1), as batches finish.
        """
        if audio.sample_rate != ASR_SAMPLE_RATE:
            raise ValueError("transcribe expects 16 kHz audio from overheard.speech.audio.load_for_asr")
        started = time.perf_counter()
        segments: list[Segment] = []
        warnings: list[str] = []
        speech = 0.0
        for index, (samples, regions) in enumerate(zip(audio.channels, self._regions(audio, settings), strict=True)):
            found = sum(end - start for start, end in regions)
            speech += found
            speaker = SPEAKER_LABELS[index % len(SPEAKER_LABELS)]
            sounding = sounding_seconds(samples)
            if sounding > 2.0 and found < 0.5 * sounding:
                warnings.append(
                    f"vad_missed: channel {speaker} sounds for {sounding:.0f} s but the VAD found "
                    f"{found:.0f} s of speech; listen before trusting the gaps"
                )
            channel = index if len(audio.channels) > 1 else None
            share = _share(progress, index, len(audio.channels))
            found_segments = self._channel(samples, regions, speaker, channel, settings, share)
            if progress:
                progress((index + 1) / len(audio.channels))
            if settings.speakers > 1 and len(audio.channels) == 1:
                found_segments = _relabel(
                    found_segments, regions, speakers_for_regions(samples, regions, settings.speakers)
                )
            segments.extend(found_segments)
        segments.sort(key=lambda s: (s.start or 0.0, s.channel or 0))
        if not segments and audio.duration > 0:
            warnings.append("no_speech_detected: the VAD found no speech; check the audio before trusting this")
        elif segments and all(not s.text.strip() for s in segments):
            warnings.append("empty_output: speech was detected but nothing was recognised")
        transcript = Transcript(
            segments=tuple(segments),
            language=_main_language(segments),
            source=TranscriptSource.ASR,
            producer=f"faster-whisper:{self.model.name}",
        )
        return TranscriptionResult(
            transcript=transcript,
            duration=audio.duration,
            speech_duration=speech,
            model=self.model,
            settings=settings,
            elapsed=time.perf_counter() - started,
            channels=len(audio.channels),
            warnings=tuple(warnings),
        )

    def _regions(self, audio: DecodedAudio, settings: TranscribeSettings) -> list[list[tuple[float, float]]]:
        """Each channel's speech regions; a stereo call's channels side by side (Silero runs on one core)."""
        if len(audio.channels) == 1 or self.streams == 1:
            return [speech_regions(samples, settings.vad) for samples in audio.channels]
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=self.streams, thread_name_prefix="vad") as pool:
            return list(pool.map(lambda samples: speech_regions(samples, settings.vad), audio.channels))

    def _channel(
        self,
        samples: np.ndarray,
        regions: list[tuple[float, float]],
        speaker: str,
        channel: int | None,
        settings: TranscribeSettings,
        progress: Callable[[float], None] | None = None,
    ) -> list[Segment]:
        if not regions:
            return []
        duration = len(samples) / ASR_SAMPLE_RATE
        plan = pack(samples, regions, settings.window_s)
        segments: list[Segment] = []
        decoded = self._decode(plan, settings, progress=progress)
        for part, windows, redone in self._split_mixed(samples, plan, decoded, settings):
            translations = self._translate(part, windows, settings) if settings.translate else {}
            for window in windows:
                found = _utterances(window, part, speaker, channel, duration, settings, translations, redone)
                if any(set(s.flags) & _RETRY_FLAGS for s in found):
                    found = self._retry(
                        samples, part, window, found, speaker, channel, duration, settings, translations, redone
                    )
                segments.extend(found)
        segments.sort(key=lambda s: s.start or 0.0)
        return segments

    def _split_mixed(
        self, samples: np.ndarray, plan: Plan, windows: list[_Window], settings: TranscribeSettings
    ) -> list[tuple[Plan, list[_Window], set[int]]]:
        """Decode again, one utterance per window, the utterances a packed window may have got wrong.

        Packing shares one language decision among all utterances of a window, so a switch from
        Russian to Ukrainian (or English) inside it would label, and decode, every utterance in the
        majority language (measured: a Russian/English window got one "en" and the Russian came out
        as English words). Two kinds of utterance are redone, each alone in its own window:

        - one whose own language (:func:`overheard.speech.language.probe`, ~0.15 CPU-s) is not the
          window's. Only doubtful windows of more than one utterance are probed (:func:`_doubtful`:
          below ``settings.probe_below``, an utterance barely heard, or one written in another
          candidate's alphabet). The window's probability only decides whether to look (the same
          ru/en window scored 0.62 on one CPU and 0.79 on another; real Russian windows 0.98-1.0);
          each utterance's own language decides what is redone, and it is decoded in that language;
        - one the window heard not at all or barely while it heard another well (on festvox speech
          every utterance's mean word probability was 0.69-0.95, while Russian forced through an
          English window came back empty).

        Returns ``(plan, windows, regions to leave out)`` triples to turn into segments.
        """
        own: dict[int, LanguageChoice] = {}
        if settings.language is None and len(settings.candidate_languages) > 1:
            doubtful = [w for w in windows if len(plan.members(w.index)) > 1 and _doubtful(w, plan, settings)]
            members = [i for window in doubtful for i in plan.members(window.index)]
            own = dict(zip(members, self._probe(plan, members, settings), strict=True))
        foreign = {i for w in windows for i in plan.members(w.index) if i in own and own[i].language != w.language}
        redo = sorted(foreign | {i for window in windows for i in _unheard(window, plan)})
        if not redo:
            return [(plan, windows, set())]
        split = pack(samples, [plan.regions[i] for i in redo], 0.0)
        return [(plan, windows, set(redo)), (split, self._decode(split, settings, [own.get(i) for i in redo]), set())]

    def _probe(self, plan: Plan, regions: list[int], settings: TranscribeSettings) -> list[LanguageChoice]:
        """Each region's own language among the candidates (one short encoder pass each, streams side by side)."""
        whisper, _ = self._engine()
        rate = ASR_SAMPLE_RATE

        def one(region: int) -> LanguageChoice:
            start, end = plan.compact[region]
            clip = plan.audio[max(0, int((start - GAP_S) * rate)) : int((end + GAP_S) * rate)]
            features = whisper.feature_extractor(clip)[..., :-1]
            return probe(whisper.model.inner, features, settings.candidate_languages)

        return whisper.model.map(one, regions)

    def _retry(
        self,
        samples: np.ndarray,
        plan: Plan,
        window: _Window,
        first: list[Segment],
        speaker: str,
        channel: int | None,
        duration: float,
        settings: TranscribeSettings,
        translations: dict[int, _Rendering],
        redone: set[int],
    ) -> list[Segment]:
        """Re-decode a looping or empty window utterance by utterance, with repeated 3-grams forbidden.

        A packed window that loops loses every utterance after the loop; decoding each utterance as
        its own batch item with ``no_repeat_ngram_size=3`` recovers them (measured: cheaper than the
        sequential path's temperature fallback, which tripled the time on phone-band audio). The
        retry replaces an utterance only when it is free of loop flags; otherwise the first result
        stays, flagged.
        """
        _, batched = self._engine()
        members = [i for i in plan.members(window.index) if i not in redone]
        if not members:
            return first
        mini = pack(samples, [plan.regions[i] for i in members], 0.0)  # one window per utterance
        hotwords, room = self._hotwords(settings)
        pieces, _ = batched.transcribe(
            mini.audio,
            language=window.language or settings.candidate_languages[0],
            beam_size=settings.beam_size,
            batch_size=settings.batch_size * self.streams,  # each stream beam-searches batch_size windows
            word_timestamps=settings.word_timestamps,
            clip_timestamps=[{"start": a, "end": b} for a, b in mini.windows],
            hotwords=hotwords,
            max_new_tokens=min(token_budget(max(b - a for a, b in mini.windows)), room),
            no_repeat_ngram_size=3,  # forbids the loop; speech rarely repeats a 3-gram within one utterance
        )
        by_window: dict[int, list[Any]] = defaultdict(list)
        for piece in pieces:
            by_window[owner(piece.start, piece.end, mini.windows)].append(piece)
        result: list[Segment] = []
        for position, region_index in enumerate(members):
            start, end = plan.regions[region_index]
            old = [s for s in first if start - 0.01 <= (s.start or 0.0) <= end + 0.01]
            retried = _Window(
                position, by_window[position], window.language, window.language_probability, window.language_mass
            )
            extra = {position: translations[region_index]} if region_index in translations else {}
            new = _utterances(retried, mini, speaker, channel, duration, settings, extra)
            better = new and not any(set(s.flags) & _RETRY_FLAGS for s in new)
            result.extend(new if better else old)
        return result

    def _decode(
        self,
        plan: Plan,
        settings: TranscribeSettings,
        languages: list[LanguageChoice | None] | None = None,
        progress: Callable[[float], None] | None = None,
    ) -> list[_Window]:
        """Decode every window of the plan in one batched call; language per window unless forced.

        ``languages`` gives windows a language already chosen (None: Whisper's, among the candidates).
        """
        whisper, batched = self._engine()
        hotwords, room = self._hotwords(settings)
        restricted = RestrictedLanguages(whisper.model, settings.candidate_languages, languages or ())
        whisper.model = restricted
        try:
            pieces, _ = batched.transcribe(
                plan.audio,
                language=settings.language or settings.candidate_languages[0],
                multilingual=settings.language is None,
                task="transcribe",
                beam_size=settings.beam_size,
                batch_size=settings.batch_size * self.streams,
                word_timestamps=settings.word_timestamps,
                clip_timestamps=[{"start": a, "end": b} for a, b in plan.windows],
                hotwords=hotwords,
                max_new_tokens=min(token_budget(max(b - a for a, b in plan.windows)), room),
            )
            total = plan.windows[-1][1] if plan.windows else 0.0
            decoded = []
            for piece in pieces:  # the pipeline yields batch by batch
                decoded.append(piece)
                if progress and total > 0:
                    progress(min(1.0, piece.end / total))
            pieces = decoded
        finally:
            whisper.model = restricted.inner
        windows = [_Window(index, [], settings.language, None) for index in range(len(plan.windows))]
        for index, (language, probability, mass) in enumerate(restricted.detected[: len(windows)]):
            if settings.language is None:
                windows[index].language, windows[index].language_probability = language, probability
                windows[index].language_mass = mass
        for piece in pieces:
            windows[owner(piece.start, piece.end, plan.windows)].pieces.append(piece)
        return windows

    def _hotwords(self, settings: TranscribeSettings) -> tuple[str | None, int]:
        """The code-word bias for this decoding (or None) and the tokens it leaves for the text.

        Whisper's context is 448 tokens; the hotwords, the start sequence and the text share it.
        """
        hotwords = settings.hotwords.strip()
        if not hotwords:
            return None, _MAX_TOKENS
        if hotwords not in self._hotword_tokens:
            whisper, _ = self._engine()
            self._hotword_tokens[hotwords] = len(whisper.hf_tokenizer.encode(" " + hotwords).ids)
        return hotwords, _MAX_TOKENS - self._hotword_tokens[hotwords] - 8

    def _translate(self, plan: Plan, windows: list[_Window], settings: TranscribeSettings) -> dict[int, _Rendering]:
        """English per utterance (Whisper's translate task), keyed by region index, with its compression ratio."""
        _, batched = self._engine()
        out: dict[int, _Rendering] = {}
        by_language: dict[str, list[int]] = defaultdict(list)
        for window in windows:
            by_language[window.language or "ru"].extend(plan.members(window.index))
        for language, indexes in by_language.items():
            stamps = [{"start": plan.compact[i][0], "end": plan.compact[i][1]} for i in indexes]
            pieces, _ = batched.transcribe(
                plan.audio,
                language=language,
                task="translate",
                beam_size=settings.beam_size,
                batch_size=settings.batch_size * self.streams,
                clip_timestamps=stamps,
            )
            spans = [(plan.compact[i][0], plan.compact[i][1]) for i in indexes]
            for piece in pieces:
                region = indexes[owner(piece.start, piece.end, spans)]
                text, ratio = out.get(region, _Rendering("", 1.0))
                out[region] = _Rendering(
                    nfc(f"{text} {piece.text.strip()}".strip()), max(ratio, piece.compression_ratio)
                )
            for region in indexes:
                out.setdefault(region, _Rendering("", 1.0))  # nothing rendered: flagged, not hidden
        return out


def _warm_up() -> None:
    """Load what every call needs once, with the model: the Silero VAD (~0.35 CPU-s) and the stock phrases."""
    from faster_whisper.vad import get_vad_model

    from overheard.speech.hallucination import stock_phrases

    get_vad_model()
    stock_phrases()


def _streams(cpu_threads: int) -> tuple[int, int]:
    """``(streams, threads per stream)`` for ``cpu_threads`` (0: the machine's cores, at most 4).

    Two CTranslate2 replicas of one thread each, working on different windows at once, decode a batch
    with less CPU than one replica of two threads: measured on 2 cores (festvox calls, cProfile per stage),
    the beam search took ~15% fewer CPU-seconds, as the small per-token matrix products of a beam no longer
    synchronise two threads. One stream when there is a single thread.
    """
    threads = cpu_threads or min(4, os.cpu_count() or 1)
    streams = 2 if threads >= 2 else 1
    return streams, max(1, threads // streams)


def _one_by_one(batch: np.ndarray) -> list[Any]:
    """Each item of a batch (first axis) as its own CTranslate2 ``StorageView`` of batch size 1."""
    import ctranslate2

    return [ctranslate2.StorageView.from_array(batch[i : i + 1]) for i in range(len(batch))]


class _Streams:
    """Wraps the CTranslate2 Whisper model: a batch's windows spread over its replicas, results in order.

    The encoder, the language detector and the word alignment run one window at a time (on a 2-core CPU,
    8 windows cost 7.4-7.6 CPU-seconds to encode one by one against 9.4-10.4 as one batch of 8: its
    attention scores, 8 x 1500 x 1500 per head, overflow the caches; language detection 0.3 against 0.9,
    word alignment about 1.9 against 2.2-3.1); the beam search decodes the batch cut into one contiguous
    part per replica. With ``streams`` replicas (``WhisperModel(num_workers=streams)``) the windows run
    that many at a time, each replica on its own cores; every window's result is the one it gets alone.
    """

    def __init__(self, inner: Any, streams: int = 1) -> None:
        self.inner = inner
        self.streams = max(1, streams)
        self._pool = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def map(self, function: Callable[[Any], Any], items: list[Any]) -> list[Any]:
        """``function`` over ``items``, up to ``streams`` at once (CTranslate2 releases the GIL), in order."""
        if self.streams == 1 or len(items) <= 1:
            return [function(item) for item in items]
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=self.streams, thread_name_prefix="whisper-stream")
        return list(self._pool.map(function, items))

    def encode(self, features: Any, to_cpu: bool = False) -> Any:
        """The encoder output of a batch of log-Mel features, computed window by window."""
        import ctranslate2

        batch = np.asarray(features)
        if batch.ndim != 3 or len(batch) <= 1:
            return self.inner.encode(features, to_cpu=to_cpu)
        outputs = self.map(lambda item: np.asarray(self.inner.encode(item, to_cpu=to_cpu)), _one_by_one(batch))
        return ctranslate2.StorageView.from_array(np.concatenate(outputs))

    def align(self, encoder_output: Any, start_sequence: Any, text_tokens: list, num_frames: Any, **options: Any):
        """Word alignment (faster-whisper's word timestamps) of each window's text, window by window."""
        encoded = np.asarray(encoder_output)
        if len(encoded) <= 1:
            return self.inner.align(encoder_output, start_sequence, text_tokens, num_frames, **options)

        def one(i_item: tuple[int, Any]) -> Any:
            i, item = i_item
            frames = num_frames[i] if isinstance(num_frames, list | tuple) else num_frames
            return self.inner.align(item, start_sequence, [text_tokens[i]], [frames], **options)[0]

        return self.map(one, list(enumerate(_one_by_one(encoded))))

    def detect_language(self, encoder_output: Any) -> list[list[tuple[str, float]]]:
        """Per batch item, Whisper's language probabilities, window by window."""
        return self.map(lambda item: self.inner.detect_language(item)[0], _one_by_one(np.asarray(encoder_output)))

    def generate(self, encoder_output: Any, prompts: list, **options: Any) -> list[Any]:
        """The beam search over a batch, cut into one contiguous part per stream, results in batch order."""
        import ctranslate2

        encoded = np.asarray(encoder_output)
        if self.streams == 1 or len(encoded) <= 1:
            return self.inner.generate(encoder_output, prompts, **options)
        bounds = np.linspace(0, len(encoded), min(self.streams, len(encoded)) + 1).round().astype(int)
        parts = [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]

        def one(part: tuple[int, int]) -> list[Any]:
            a, b = part
            view = ctranslate2.StorageView.from_array(np.ascontiguousarray(encoded[a:b]))
            return self.inner.generate(view, prompts[a:b], **options)

        return [result for results in self.map(one, parts) for result in results]


@dataclass
class _Window:
    index: int
    pieces: list[Any]
    language: str | None
    language_probability: float | None
    language_mass: float | None = None  # the candidates' share of Whisper's whole language probability


def _utterances(
    window: _Window,
    plan: Plan,
    speaker: str,
    channel: int | None,
    duration: float,
    settings: TranscribeSettings,
    translations: dict[int, _Rendering],
    skip: set[int] = frozenset(),
) -> list[Segment]:
    """Split a decoded window back into one segment per speech region (but ``skip``), in original time."""
    members = plan.members(window.index)
    spans = [plan.compact[i] for i in members]
    assigned: dict[int, list[Any]] = defaultdict(list)
    texts: dict[int, list[str]] = defaultdict(list)
    for piece in window.pieces:
        if piece.words:
            for word in piece.words:
                assigned[members[owner(word.start, word.end, spans)]].append(word)
        else:
            texts[members[owner(piece.start, piece.end, spans)]].append(piece.text)
    pieces = window.pieces
    avg_logprob = float(np.mean([p.avg_logprob for p in pieces])) if pieces else 0.0
    compression = max((p.compression_ratio for p in pieces), default=1.0)
    no_speech = max((p.no_speech_prob for p in pieces), default=0.0)
    window_empty = not any(p.text.strip() for p in pieces)
    segments = []
    for region_index in members:
        if region_index in skip:
            continue
        start, end = plan.regions[region_index]
        raw = assigned.get(region_index, [])
        text = "".join(w.word for w in raw).strip() if raw else " ".join(texts.get(region_index, [])).strip()
        if not text and not window_empty and end - start < _KEEP_EMPTY_S:
            continue  # a breath or click the VAD let through; the window itself produced text
        words = _words(raw, plan, region_index, duration)
        a, b = plan.compact[region_index]
        raw_total = sum(w.end - w.start for w in raw)
        inside = sum(max(0.0, min(w.end, b) - max(w.start, a)) for w in raw)
        evidence = SegmentEvidence(
            text=text,
            word_probabilities=tuple(w.probability for w in words),
            avg_logprob=avg_logprob,
            compression_ratio=compression,
            no_speech_prob=no_speech,
            speech_overlap=inside / raw_total if raw_total > 0 else 1.0,
            language_probability=1.0 if window.language_probability is None else window.language_probability,
            language_mass=1.0 if window.language_mass is None else window.language_mass,
        )
        segments.append(
            Segment(
                text=nfc(text),
                speaker=speaker,
                start=round(words[0].start if words else start, 3),
                end=round(words[-1].end if words else min(end, duration), 3),
                language=window.language,
                language_probability=window.language_probability,
                channel=channel,
                words=tuple(words),
                flags=_with_translation_flags(
                    segment_flags(evidence, settings.thresholds), translations.get(region_index), text, settings
                ),
                # glosses of coded terms are added by jobs.translate
                translation=_raw(translations.get(region_index)),
            )
        )
    return segments


_HEARD_WELL = 0.7  # a window's best utterance at or above this mean word probability was heard well
_HEARD_POORLY = 0.4  # beside it, an utterance below this (or without words) is decoded again on its own


def _member_words(window: _Window, plan: Plan) -> dict[int, list[Any]]:
    """The decoded words of a window, by the region they fall in."""
    members = plan.members(window.index)
    spans = [plan.compact[i] for i in members]
    found: dict[int, list[Any]] = defaultdict(list)
    for piece in window.pieces:
        for word in piece.words or ():
            found[members[owner(word.start, word.end, spans)]].append(word)
    return found


def _unheard(window: _Window, plan: Plan) -> set[int]:
    """Regions of a window that came back empty or barely recognised while another was heard well."""
    members = plan.members(window.index)
    if len(members) < 2:
        return set()
    means = {i: float(np.mean([w.probability for w in found])) for i, found in _member_words(window, plan).items()}
    if not means or max(means.values()) < _HEARD_WELL:
        return set()
    long_enough = [i for i in members if plan.regions[i][1] - plan.regions[i][0] >= _KEEP_EMPTY_S]
    return {i for i in long_enough if means.get(i, 0.0) < _HEARD_POORLY}


def _doubtful(window: _Window, plan: Plan, settings: TranscribeSettings) -> bool:
    """Whether a window may hold more than one language, so its utterances' own languages are worth probing.

    Signs: the window's language is uncertain, an utterance of 1 s or more was barely heard (no
    words, or a mean word probability under 0.5: on festvox speech every one scored 0.64-0.95, an
    English utterance decoded in a Russian window 0.0-0.44), or one was written in another candidate's
    alphabet.
    """
    if window.language_probability is not None and window.language_probability < settings.probe_below:
        return True
    words = _member_words(window, plan)
    for region in plan.members(window.index):
        found = words.get(region, [])
        start, end = plan.regions[region]
        if end - start >= _KEEP_EMPTY_S and (not found or np.mean([w.probability for w in found]) < _PROBE_HEARD):
            return True
        if not fits_script("".join(w.word for w in found), window.language, settings.candidate_languages):
            return True
    return False


_PROBE_HEARD = 0.5  # an utterance heard worse than this makes its window's utterances worth probing


_MAX_TOKENS = 448  # Whisper's decoder context: prompt and generated text together


class _Rendering(NamedTuple):
    """An utterance's English rendering from Whisper's translate task and its worst compression ratio."""

    text: str
    compression_ratio: float


def _raw(translation: _Rendering | None) -> str | None:
    return None if translation is None else translation.text


def _with_translation_flags(
    flags: tuple[str, ...], translation: _Rendering | None, original: str, settings: TranscribeSettings
) -> tuple[str, ...]:
    """The segment's flags plus those of its English rendering (loops, stock phrases), in flag order."""
    if translation is None:
        return flags
    extra = translation_flags(translation.text, original, translation.compression_ratio, settings.thresholds)
    return tuple(flag for flag in ALL_FLAGS if flag in set(flags) | set(extra))


_RETRY_FLAGS = {REPETITION_LOOP, HIGH_COMPRESSION, EMPTY_OUTPUT}
_KEEP_EMPTY_S = 1.0  # an unrecognised speech region this long is shown (flagged), not hidden


def _words(raw: list[Any], plan: Plan, region_index: int, duration: float) -> list[Word]:
    """Engine words in original time, clamped to their speech region, starts non-decreasing.

    Whisper's cross-attention alignment can place a word a few milliseconds before its
    predecessor ends or into the silence around a region; clamping keeps the invariants the rest
    of overheard relies on (monotonic, inside the audio) without moving words by more than that.
    """
    region_start, region_end = plan.regions[region_index]
    region_end = min(region_end, duration)
    words: list[Word] = []
    previous_end = region_start
    for item in raw:
        text = nfc(item.word.strip())
        if not text:
            continue
        start = min(max(plan.to_original(item.start, region_index), previous_end), region_end)
        end = min(max(plan.to_original(item.end, region_index), start), region_end)
        words.append(
            Word(round(float(start), 3), round(float(end), 3), text, float(min(1.0, max(0.0, item.probability))))
        )
        previous_end = words[-1].end
    return words


def _relabel(segments: list[Segment], regions: list[tuple[float, float]], labels: list[int]) -> list[Segment]:
    """Give each segment of a mono channel the clustered speaker of the region it starts in."""
    out = []
    for segment in segments:
        start = segment.start or 0.0
        index = min(
            range(len(regions)),
            key=lambda i: 0 if regions[i][0] <= start <= regions[i][1] else abs(start - regions[i][0]),
        )
        out.append(replace(segment, speaker=SPEAKER_LABELS[labels[index] % len(SPEAKER_LABELS)]))
    return out


def _main_language(segments: list[Segment]) -> str | None:
    """The language with the most recognised speech time."""
    totals: dict[str, float] = defaultdict(float)
    for segment in segments:
        if segment.language and segment.text:
            totals[segment.language] += (segment.end or 0.0) - (segment.start or 0.0)
    return max(totals, key=totals.get) if totals else None


def _share(progress: Callable[[float], None] | None, index: int, count: int) -> Callable[[float], None] | None:
    """Progress within channel ``index`` of ``count`` as progress of the whole call."""
    if progress is None:
        return None
    return lambda share: progress((index + share) / count)
