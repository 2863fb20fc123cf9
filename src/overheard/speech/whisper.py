"""The faster-whisper adapter: the only module that sees engine types.

Decoding path, chosen by measurement on a 2-core CPU (see ``benchmarks/asr.py``): the Silero VAD
cuts each channel into utterances, Whisper's language detector (restricted to the candidate
languages) labels each utterance, and faster-whisper's ``BatchedInferencePipeline`` decodes the
utterances of one language as a batch with ``clip_timestamps``. Compared with the plain sequential
``WhisperModel.transcribe`` this is several times faster, never decodes silence, cannot skip or loop
across 30-second windows (each utterance is its own window, decoded without conditioning on the
previous text), and gives every utterance its own language.
"""

from __future__ import annotations

import math
import os
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np

from overheard.errors import ModelError
from overheard.model import Segment, Transcript, TranscriptSource, Word, nfc
from overheard.speech.audio import ASR_SAMPLE_RATE, DecodedAudio
from overheard.speech.hallucination import SegmentEvidence, segment_flags
from overheard.speech.model import ModelInfo
from overheard.speech.transcriber import TranscribeSettings, TranscriptionResult
from overheard.speech.vad import overlap_fraction, sounding_seconds, speech_regions

SPEAKER_LABELS = "ABCDEFGH"
_MIN_CLIP_S = 0.3  # Whisper needs a little context; shorter VAD regions are widened to this


@dataclass(frozen=True)
class _Clip:
    start: float
    end: float
    language: str
    language_probability: float | None


@dataclass
class _Decoded:
    text: str
    words: list[Any]
    avg_logprob: float
    compression_ratio: float
    no_speech_prob: float
    start: float
    end: float


class WhisperTranscriber:
    """Transcribe with faster-whisper over a local CTranslate2 Whisper model (loaded lazily, once)."""

    def __init__(self, model: ModelInfo, compute_type: str = "int8", cpu_threads: int = 0) -> None:
        self.model = model
        self.compute_type = compute_type
        self.cpu_threads = cpu_threads
        self._whisper = None
        self._batched = None

    def _engine(self):
        if self._whisper is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")  # belts and braces: a path never needs the hub
            from faster_whisper import BatchedInferencePipeline, WhisperModel

            try:
                self._whisper = WhisperModel(
                    str(self.model.path),
                    device="cpu",
                    compute_type=self.compute_type,
                    cpu_threads=self.cpu_threads,
                    local_files_only=True,
                )
            except Exception as error:  # ctranslate2 raises RuntimeError/ValueError on bad directories
                raise ModelError(
                    f"cannot load speech model {self.model.name}: {type(error).__name__}; "
                    "check that it is a CTranslate2 Whisper directory"
                ) from error
            self._batched = BatchedInferencePipeline(self._whisper)
        return self._whisper, self._batched

    def transcribe(self, audio: DecodedAudio, settings: TranscribeSettings) -> TranscriptionResult:
        """Transcribe each channel separately (channel = speaker) and merge the turns by start time."""
        if audio.sample_rate != ASR_SAMPLE_RATE:
            raise ValueError("transcribe expects 16 kHz audio from overheard.speech.audio.load_for_asr")
        started = time.perf_counter()
        segments: list[Segment] = []
        warnings: list[str] = []
        speech = 0.0
        for index, samples in enumerate(audio.channels):
            regions = speech_regions(samples, settings.vad)
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
            segments.extend(self._channel(samples, regions, speaker, channel, settings))
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

    def _channel(
        self,
        samples: np.ndarray,
        regions: list[tuple[float, float]],
        speaker: str,
        channel: int | None,
        settings: TranscribeSettings,
    ) -> list[Segment]:
        if not regions:
            return []
        duration = len(samples) / ASR_SAMPLE_RATE
        clips = [self._label(samples, _widen(start, end, duration), settings) for start, end in regions]
        decoded = self._decode(samples, clips, "transcribe", settings)
        translations = self._decode(samples, clips, "translate", settings) if settings.translate else None
        segments: list[Segment] = []
        for index, clip in enumerate(clips):
            english = None
            if translations is not None:
                english = nfc(" ".join(part.text.strip() for part in translations[index]).strip())
            parts = decoded[index] or [_Decoded("", [], 0.0, 1.0, 0.0, clip.start, clip.end)]
            for part in parts:
                segments.append(_segment(part, clip, regions, speaker, channel, duration, settings, english))
                english = None  # the clip's translation goes on its first segment
        return segments

    def _label(self, samples: np.ndarray, span: tuple[float, float], settings: TranscribeSettings) -> _Clip:
        start, end = span
        if settings.language:
            return _Clip(start, end, settings.language, None)
        whisper, _ = self._engine()
        piece = samples[int(start * ASR_SAMPLE_RATE) : int(end * ASR_SAMPLE_RATE)]
        _, _, all_probs = whisper.detect_language(audio=piece)
        probs = dict(all_probs)
        candidates = {lang: probs.get(lang, 0.0) for lang in settings.candidate_languages}
        total = sum(candidates.values())
        best = max(candidates, key=candidates.get)
        probability = candidates[best] / total if total > 0 else 0.0
        return _Clip(start, end, best, round(probability, 4))

    def _decode(
        self, samples: np.ndarray, clips: list[_Clip], task: str, settings: TranscribeSettings
    ) -> list[list[_Decoded]]:
        """Decode every clip (batched per language); returns the decoded parts of each clip, in order."""
        _, batched = self._engine()
        by_language: dict[str, list[int]] = defaultdict(list)
        for index, clip in enumerate(clips):
            by_language[clip.language].append(index)
        results: list[list[_Decoded]] = [[] for _ in clips]
        for language, indexes in by_language.items():
            stamps = [{"start": clips[i].start, "end": clips[i].end} for i in indexes]
            pieces, _ = batched.transcribe(
                samples,
                language=language,
                task=task,
                beam_size=settings.beam_size,
                batch_size=settings.batch_size,
                word_timestamps=settings.word_timestamps and task == "transcribe",
                clip_timestamps=stamps,
            )
            for piece in pieces:
                owner = _owner(piece.start, piece.end, [clips[i] for i in indexes])
                results[indexes[owner]].append(
                    _Decoded(
                        text=piece.text,
                        words=list(piece.words or []),
                        avg_logprob=piece.avg_logprob,
                        compression_ratio=piece.compression_ratio,
                        no_speech_prob=piece.no_speech_prob,
                        start=piece.start,
                        end=piece.end,
                    )
                )
        return results


def _widen(start: float, end: float, duration: float) -> tuple[float, float]:
    missing = _MIN_CLIP_S - (end - start)
    if missing > 0:
        start, end = max(0.0, start - missing / 2), min(duration, end + missing / 2)
    # millisecond grid, rounded inwards so a clip never reaches past the last sample
    return math.ceil(start * 1000) / 1000, math.floor(min(end, duration) * 1000) / 1000


def _owner(start: float, end: float, clips: list[_Clip]) -> int:
    """Index of the clip a decoded piece belongs to (the one its midpoint falls in, else the nearest)."""
    middle = (start + end) / 2
    distances = [0.0 if c.start <= middle <= c.end else min(abs(middle - c.start), abs(middle - c.end)) for c in clips]
    return int(np.argmin(distances))


def _segment(
    part: _Decoded,
    clip: _Clip,
    regions: list[tuple[float, float]],
    speaker: str,
    channel: int | None,
    duration: float,
    settings: TranscribeSettings,
    translation: str | None,
) -> Segment:
    words = _words(part.words, clip, duration)
    raw_times = [(w.start, w.end) for w in part.words] or [(part.start, part.end)]
    spoken = sum((e - s) * overlap_fraction(s, e, regions) for s, e in raw_times)
    total = sum(e - s for s, e in raw_times)
    evidence = SegmentEvidence(
        text=part.text,
        word_probabilities=tuple(w.probability for w in words),
        avg_logprob=part.avg_logprob,
        compression_ratio=part.compression_ratio,
        no_speech_prob=part.no_speech_prob,
        speech_overlap=spoken / total if total > 0 else 1.0,
        language_probability=1.0 if clip.language_probability is None else clip.language_probability,
    )
    start = words[0].start if words else max(clip.start, min(part.start, clip.end))
    end = words[-1].end if words else max(start, min(part.end, clip.end))
    return Segment(
        text=nfc(part.text.strip()),
        speaker=speaker,
        start=round(start, 3),
        end=round(end, 3),
        language=clip.language,
        language_probability=clip.language_probability,
        channel=channel,
        words=tuple(words),
        flags=segment_flags(evidence, settings.thresholds),
        translation=translation,
    )


def _words(raw: list[Any], clip: _Clip, duration: float) -> list[Word]:
    """Engine words as overheard words: clamped to the clip and the audio, starts non-decreasing.

    Whisper's cross-attention alignment can place a word a few milliseconds before its
    predecessor ends or past the clip edge; clamping keeps the invariants the rest of
    overheard relies on (monotonic, inside the audio) without moving words by more than that.
    """
    words: list[Word] = []
    previous_end = clip.start
    for item in raw:
        text = nfc(item.word.strip())
        if not text:
            continue
        start = min(max(item.start, previous_end, 0.0), clip.end, duration)
        end = min(max(item.end, start), clip.end, duration)
        words.append(Word(round(start, 3), round(end, 3), text, float(min(1.0, max(0.0, item.probability)))))
        previous_end = end
    return words


def _main_language(segments: list[Segment]) -> str | None:
    """The language with the most recognised speech time."""
    totals: dict[str, float] = defaultdict(float)
    for segment in segments:
        if segment.language and segment.text:
            totals[segment.language] += (segment.end or 0.0) - (segment.start or 0.0)
    return max(totals, key=totals.get) if totals else None
