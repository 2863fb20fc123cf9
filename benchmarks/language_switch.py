"""Language switches inside one decoding window: is every sentence labelled, and written, in its language?

Run: ``.venv/bin/python benchmarks/language_switch.py`` (about 3 minutes on 2 cores), or
``--compute int8,float32`` to repeat it under other numerics (float32 weights move Whisper's language
probabilities by a few hundredths, as another CPU does).

Ten arrangements of espeak-ng Russian and English sentences, 1.5 s apart, each fitting one 28-second
window, transcribed with candidate languages ru,en (the Russian/Ukrainian case cannot be tested with
synthetic speech: the base model does not hear espeak-ng's Ukrainian as Ukrainian). A sentence is right
when every segment in its time has its language and, for Russian, more than a third of Cyrillic letters
(English otherwise). Prints each arrangement's marks (``+ru`` right, ``-en`` wrong), the totals and the
CPU seconds per compute type.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from asr import SENTENCES  # benchmarks/asr.py: this script's folder is on sys.path when it runs

RU = SENTENCES  # the Russian sentences of the ASR benchmark
EN = [
    "The commander said we would rotate next week.",
    "Nobody knows when they will let us go home.",
    "We have not had any food since yesterday morning.",
]
ARRANGEMENTS = {  # (language, sentence index); the first is tests/test_speech.py's
    "test": [("ru", 0), ("en", 0), ("ru", 1), ("en", 1), ("ru", 3)],
    "en-ru-en-ru-en": [("en", 0), ("ru", 1), ("en", 1), ("ru", 2), ("en", 2)],
    "ru-ru-ru-en-ru": [("ru", 0), ("ru", 1), ("ru", 4), ("en", 0), ("ru", 5)],
    "en-en-ru-en": [("en", 0), ("en", 1), ("ru", 3), ("en", 2)],
    "ru-en-ru-en-ru": [("ru", 2), ("en", 2), ("ru", 4), ("en", 1), ("ru", 5)],
    "ru-ru-en-ru": [("ru", 0), ("ru", 1), ("en", 0), ("ru", 4)],
    "ru-en-ru-ru": [("ru", 0), ("en", 1), ("ru", 3), ("ru", 2)],
    "en-ru-en-en": [("en", 2), ("ru", 0), ("en", 0), ("en", 1)],
    "ru-ru-en-ru-2": [("ru", 0), ("ru", 1), ("en", 0), ("ru", 2)],
    "ru-ru-en-ru-3": [("ru", 0), ("ru", 1), ("en", 0), ("ru", 3)],
}


def cyrillic(text: str) -> bool:
    """More than a third of the characters are Russian letters."""
    return sum("а" <= c.lower() <= "я" or c in "ёЁ" for c in text) > len(text) / 3


def main() -> None:
    """Transcribe every arrangement under each compute type and print the marks and totals."""
    from overheard.speech.settings import TranscribeSettings
    from overheard.speech.synthetic import sequence, write
    from overheard.speech.transcriber import get_transcriber, transcribe_file

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compute", default="int8", help="compute types, comma-separated (int8, float32, ...)")
    args = parser.parse_args()
    settings = TranscribeSettings(candidate_languages=("ru", "en"))
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for name, order in ARRANGEMENTS.items():
            turns = [((RU if language == "ru" else EN)[index], language) for language, index in order]
            audio, placed = sequence(turns, pause=1.5)
            files[name] = (write(Path(folder) / f"{name}.wav", audio, 16_000), placed)
        for compute in args.compute.split(","):
            transcriber = get_transcriber(compute_type=compute)
            right = total = 0
            started = time.process_time()
            for name, (path, placed) in files.items():
                result = transcribe_file(path, settings, transcriber=transcriber)
                marks = []
                for utterance in placed:
                    found = [s for s in result.transcript.segments
                             if s.text and utterance.start - 0.5 <= (s.start or 0.0) <= utterance.end]
                    text = " ".join(s.text for s in found)
                    ok = bool(found) and all(s.language == utterance.language for s in found)
                    ok = ok and cyrillic(text) == (utterance.language == "ru")
                    right, total = right + ok, total + 1
                    marks.append(("+" if ok else "-") + ",".join(s.language or "?" for s in found))
                print(f"{compute:8s} {name:15s} {' '.join(marks)}", flush=True)
            print(f"{compute}: {right}/{total} sentences right, {time.process_time() - started:.1f} CPU-s")


if __name__ == "__main__":
    main()
