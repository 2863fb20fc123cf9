"""Coded-term bias benchmark: does steering Whisper toward the lexicon's code words help them survive ASR?

Run: ``.venv/bin/python benchmarks/hotwords.py`` (about 10 minutes on 2 cores; needs festvox-ru).

Audio: Russian sentences of the casualty dev set (``tests/data/casualty_dev.jsonl``) spoken by Festival's
msu_ru_nsh voice (units of one real speaker, from festvox-ru; espeak-ng was unintelligible to the base
model on this text, WER 0.92), ten to a synthetic call with 1.5 s pauses, at 16 kHz and through the
phone band (300-3400 Hz, 8 kHz, hiss 25 dB down). Sentences whose code is written in digits ("200-х")
are left out: the voice reads digits as a number, so the code's spelling would be decided by the
voice, not the recogniser. A third of the sentences hold no coded or slang term at all, so invented
codes show up as false codes.

For each condition the same overheard pipeline runs with the decoding prompt changed:
  none      ``hotwords`` empty: no bias
  lexicon   faster-whisper ``hotwords`` from ``jobs.bias.code_hotwords`` (``transcribe --code-bias``),
            the lexicon's code words as the previous-text context of every window
  hand      hotwords picked by hand (``HOTWORDS``), for comparison
  prompt    ``initial_prompt``: a sentence using the code words, as the previous text

The same sentences spoken by espeak-ng (``espeak-clean``), which the base model barely understands,
show what the bias does to unintelligible audio: there it writes the hotwords themselves.

Scored with the ``terms`` annotator on the reference and on each recognised sentence: coded-term
recall (share of reference code/slang findings whose term id is found in the same sentence), false
codes (term ids found that the reference sentence does not have), WER and wall time.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "casualty_dev.jsonl"
HOTWORDS = "двухсотых, трёхсотых, пятисотых, двухсотый, трёхсотый, двохсотих, трьохсотих, сочинцы, СЗЧ"
PROMPT = "У нас двое двухсотых и трое трёхсотых, один пятисотый, двохсоті й трьохсоті."
PER_CALL = 10
PAUSE_S = 1.5


def sentences(count: int, seed: int) -> list[dict]:
    """Dev-set sentences: two thirds with a code or slang term written in letters, one third with none."""
    from overheard.annotate.components.terms import TermAnnotator
    from overheard.annotate.doc import Doc
    from overheard.model import Document

    annotator = TermAnnotator()
    with_terms, without = [], []
    for line in DEV.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item.get("lang") != "ru" or any(ch in item["text"] for ch in "*#@"):
            continue
        found = annotator.annotate(Doc.of(Document(item["text"], "ru")))
        if any(any(ch.isdigit() for ch in f.text) for f in found):
            continue
        item["terms"] = sorted({f.attributes["term_id"] for f in found})
        (with_terms if item["terms"] else without).append(item)
    rng = random.Random(seed)
    chosen = rng.sample(with_terms, min(len(with_terms), 2 * count // 3))
    chosen += rng.sample(without, min(len(without), count - len(chosen)))
    rng.shuffle(chosen)
    return chosen


def build_calls(
    items: list[dict], phone: bool, voice: str = "festival"
) -> list[tuple[np.ndarray, list[tuple[float, float, dict]]]]:
    """Calls of ``PER_CALL`` sentences: (16 kHz samples, [(start, end, item)])."""
    from overheard.speech import festvox, phoneline, synthetic

    def speak(text: str) -> np.ndarray:
        return festvox.speak(text) if voice == "festival" else synthetic.speak(text, "ru")

    calls = []
    for first in range(0, len(items), PER_CALL):
        parts, placed, position = [np.zeros(8_000, dtype=np.float32)], [], 0.5
        for item in items[first : first + PER_CALL]:
            samples = speak(item["text"])
            placed.append((position, position + len(samples) / 16_000, item))
            parts += [samples, np.zeros(int(PAUSE_S * 16_000), dtype=np.float32)]
            position += len(samples) / 16_000 + PAUSE_S
        audio = np.concatenate(parts)
        if phone:
            narrow = phoneline.line_noise(phoneline.phone_band(audio[None, :]), 25.0, seed=first)
            audio = _up(narrow[0])
        calls.append((audio, placed))
    return calls


def _up(samples: np.ndarray) -> np.ndarray:
    import tempfile

    from overheard.speech.audio import load_for_asr
    from overheard.speech.synthetic import write

    with tempfile.TemporaryDirectory() as tmp:
        return load_for_asr(write(Path(tmp) / "x.wav", samples[None, :], 8_000)).channels[0]


def run(condition: str, calls, transcriber) -> dict:
    """Transcribe every call with one bias condition; score coded terms per sentence."""
    from overheard.annotate.components.terms import TermAnnotator
    from overheard.annotate.doc import Doc
    from overheard.jobs.bias import code_hotwords
    from overheard.model import Document
    from overheard.speech.audio import DecodedAudio
    from overheard.speech.metrics import word_error_rate
    from overheard.speech.settings import TranscribeSettings

    _, batched = transcriber._engine()
    original = batched.transcribe
    extra = {"hand": {"hotwords": HOTWORDS}, "prompt": {"initial_prompt": PROMPT}}.get(condition, {})

    def biased(*args, **kwargs):
        if kwargs.get("task", "transcribe") == "transcribe":
            kwargs.update(extra)
        return original(*args, **kwargs)

    settings = TranscribeSettings(language="ru", hotwords=code_hotwords() if condition == "lexicon" else "")

    batched.transcribe = biased
    annotator = TermAnnotator()
    found = expected = false = 0
    refs, hyps, elapsed = [], [], 0.0
    try:
        for audio, placed in calls:
            decoded = DecodedAudio((audio.astype(np.float32),), 16_000, 16_000, 1)
            started = time.perf_counter()
            result = transcriber.transcribe(decoded, settings)
            elapsed += time.perf_counter() - started
            for start, end, item in placed:
                text = " ".join(
                    s.text for s in result.transcript.segments if start - 0.3 <= (s.start or 0.0) < end + 0.3
                )
                heard = {f.attributes["term_id"] for f in annotator.annotate(Doc.of(Document(text, "ru")))}
                expected += len(item["terms"])
                found += len(heard & set(item["terms"]))
                false += len(heard - set(item["terms"]))
                refs.append(item["text"])
                hyps.append(text)
    finally:
        batched.transcribe = original
    return {
        "condition": condition,
        "recall": found / max(1, expected),
        "found": found,
        "expected": expected,
        "false_codes": false,
        "wer": word_error_rate(" ".join(refs), " ".join(hyps)),
        "seconds": elapsed,
    }


def main() -> None:
    """Run every condition on clean and phone-band calls and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=90)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--conditions", default="none,lexicon,hand,prompt")
    parser.add_argument("--audio", default="festival-clean,festival-phone,espeak-clean")
    args = parser.parse_args()
    from overheard.speech.transcriber import get_transcriber

    transcriber = get_transcriber()
    transcriber._engine()
    items = sentences(args.sentences, args.seed)
    print(f"{len(items)} dev sentences, {sum(1 for i in items if i['terms'])} with a coded or slang term")
    print(f"{'audio':<14} {'bias':<9} {'recall':>7} {'found':>9} {'false':>6} {'WER':>5} {'wall s':>7}")
    for audio in args.audio.split(","):
        calls = build_calls(items, phone=audio.endswith("phone"), voice=audio.split("-")[0])
        for condition in args.conditions.split(","):
            row = run(condition, calls, transcriber)
            print(
                f"{audio:<14} {condition:<9} {row['recall']:>7.2f} "
                f"{row['found']:>4}/{row['expected']:<4} {row['false_codes']:>6} {row['wer']:>5.2f} "
                f"{row['seconds']:>7.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
