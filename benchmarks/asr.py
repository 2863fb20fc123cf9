"""ASR benchmark: plain ``faster_whisper.WhisperModel.transcribe`` against overheard's pipeline, same audio.

Run: ``.venv/bin/python benchmarks/asr.py`` (about 3-5 minutes on 2 cores). For each audio case, each
engine runs in its own child process (so peak memory is its own); the script prints real-time factor
(processing seconds per audio second), peak RSS, word error rate against the known text, and the
share of segments flagged. Both use the same model (the default base model), int8, beam 5, word timestamps.

Cases (espeak-ng speech of known Russian sentences, see ``overheard.speech.synthetic``):
  mono-continuous   sentences with short pauses (overheard must not be slower here)
  mono-silences     the same sentences with 8-second silences between them (overheard should be faster)
  sample-call       a sample intercept from ``samples/`` mixed to mono (8 kHz phone band), if present
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = [
    "Привет, мама. У нас всё хорошо, кормят нормально.",
    "Завтра нас переводят на другую позицию.",
    "Связи не будет несколько дней, не волнуйся.",
    "Ребята говорят, что скоро будет ротация.",
    "Передай отцу, что я позвоню в воскресенье.",
    "Тут холодно, но мы держимся, всё нормально.",
]


def make_cases(folder: Path) -> list[tuple[str, Path, str]]:
    """Write the benchmark audio; returns ``(name, path, reference text)``."""
    from overheard.speech.synthetic import sequence, write

    cases = []
    for name, pause in (("mono-continuous", 0.6), ("mono-silences", 8.0)):
        audio, placed = sequence([(s, "ru") for s in SENTENCES * 2], pause)
        path = write(folder / f"{name}.wav", audio, 16_000)
        cases.append((name, path, " ".join(u.text for u in placed)))
    sample = ROOT / "samples" / "call-01-kupiansk.flac"
    if sample.is_file():
        from overheard.speech.audio import load_for_asr

        mixed = load_for_asr(sample).mono()
        path = write(folder / "sample-call.wav", mixed[None, :], 16_000)
        text = (ROOT / "samples" / "call-01-kupiansk.txt").read_text(encoding="utf-8")
        reference = " ".join(line.split(":", 1)[-1] for line in text.splitlines())
        cases.append(("sample-call", path, reference))
    return cases


def run_one(engine: str, path: str, threads: int) -> dict:
    """Transcribe ``path`` with one engine in this process; returns timings, text and peak memory."""
    from overheard.speech.model import default_model_dir

    model_dir = str(default_model_dir().path)
    if engine == "plain":
        from faster_whisper import WhisperModel, decode_audio

        model = WhisperModel(model_dir, device="cpu", compute_type="int8", cpu_threads=threads, local_files_only=True)
        audio = decode_audio(path, sampling_rate=16_000)
        started = time.perf_counter()
        segments, info = model.transcribe(audio, beam_size=5, word_timestamps=True)
        segments = list(segments)
        elapsed = time.perf_counter() - started
        text = " ".join(s.text for s in segments)
        flagged = sum(1 for s in segments if s.compression_ratio > 2.4)
        duration = info.duration
        count = len(segments)
    else:
        from overheard.speech.transcriber import get_transcriber, transcribe_file

        transcriber = get_transcriber(model_dir, cpu_threads=threads)
        transcriber._engine()  # load outside the timing, as for the plain engine
        started = time.perf_counter()
        result = transcribe_file(path, transcriber=transcriber)
        elapsed = time.perf_counter() - started
        text = result.transcript.text
        flagged = sum(1 for s in result.transcript.segments if s.flags)
        duration = result.duration
        count = len(result.transcript.segments)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB on Linux
    return {
        "elapsed": elapsed,
        "duration": duration,
        "text": text,
        "peak_mib": peak,
        "segments": count,
        "flagged": flagged,
    }


def main() -> None:
    """Run every case with both engines and print a table."""
    if len(sys.argv) == 4 and sys.argv[1] in ("plain", "overheard"):
        print(json.dumps(run_one(sys.argv[1], sys.argv[2], int(sys.argv[3]))))
        return
    from overheard.speech.metrics import word_error_rate

    threads = os.cpu_count() or 2
    print(f"ASR benchmark: whisper-base int8, {threads} CPU threads, beam 5, word timestamps")
    header = ("case", "audio s", "engine", "time s", "RTF", "peak MiB", "WER", "segs", "flagged")
    print("{:<16} {:>7} {:<10} {:>7} {:>6} {:>8} {:>5} {:>5} {:>7}".format(*header))
    with tempfile.TemporaryDirectory() as tmp:
        for name, path, reference in make_cases(Path(tmp)):
            rows = {}
            for engine in ("plain", "overheard"):
                out = subprocess.run(
                    [sys.executable, __file__, engine, str(path), str(threads)],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                row = json.loads(out.stdout.strip().splitlines()[-1])
                rows[engine] = row
                wer = word_error_rate(reference, row["text"])
                print(
                    f"{name:<16} {row['duration']:>7.1f} {engine:<10} {row['elapsed']:>7.1f} "
                    f"{row['elapsed'] / row['duration']:>6.3f} {row['peak_mib']:>8.0f} {wer:>5.2f} "
                    f"{row['segments']:>5} {row['flagged']:>7}"
                )
            speedup = rows["plain"]["elapsed"] / rows["overheard"]["elapsed"]
            print(f"{'':<16} overheard is {speedup:.2f}x the speed of the plain call")


if __name__ == "__main__":
    main()
