"""Real read Russian speech for measurement: Debian's ``festvox-ru`` recordings with their prompts.

``festvox-ru`` (the msu_ru_nsh voice for Festival) ships ~100 minutes of one male speaker reading 620
sentences, at 16 kHz, with each sentence's text (``etc/txt.done.data``) and phone labels (``lab/``).
It is installed with ``apt-get install festvox-ru`` (which also installs ``festival``). Used by
``benchmarks/asr.py`` and the slow tests, never by overheard itself.

Licence notice, kept as its terms require (from ``/usr/share/doc/festvox-ru/copyright``):

    Nickolay V. Shmyrev  Copyright (c) 2005  All Rights Reserved.
    Permission is hereby granted, free of charge, to use and distribute this software and its
    documentation without restriction, including without limitation the rights to use, copy, modify,
    merge, publish, distribute, sublicense, and/or sell copies of this work, and to permit persons to
    whom this work is furnished to do so, subject to the following conditions: 1. The code must retain
    the above copyright notice, this list of conditions and the following disclaimer. 2. Any
    modifications must be clearly marked as such. 3. Original authors' names are not deleted. 4. The
    authors' names are not used to endorse or promote products derived from this software without
    specific prior written permission. THE AUTHOR AND THE CONTRIBUTORS TO THIS WORK DISCLAIM ALL
    WARRANTIES WITH REGARD TO THIS SOFTWARE, INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY AND
    FITNESS, IN NO EVENT SHALL THE UNIVERSITY OF EDINBURGH NOR THE CONTRIBUTORS BE LIABLE FOR ANY
    SPECIAL, INDIRECT OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES WHATSOEVER RESULTING FROM LOSS OF USE,
    DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING
    OUT OF OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.

The recordings are used unmodified; overheard only cuts, joins, filters and re-encodes copies in memory.
"""

from __future__ import annotations

import difflib
import random
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from overheard.errors import AudioError

FESTVOX_RU = Path("/usr/share/festival/voices/russian/msu_ru_nsh_clunits")
_PROMPT = re.compile(r'^\(\s*(\S+)\s+"(.*)"\s*\)\s*$')
_PAUSE = "pau"


@dataclass(frozen=True)
class Recording:
    """One read sentence: its id (``ru_0003``), the text as read and the WAV and label files."""

    id: str
    text: str
    wav: Path
    lab: Path

    def samples(self) -> np.ndarray:
        """The recording as float32 mono at 16 kHz (its native rate)."""
        import soundfile

        data, rate = soundfile.read(str(self.wav), dtype="float32", always_2d=True)
        if rate != 16_000:
            raise AudioError(f"{self.wav.name} is {rate} Hz, expected 16000")
        return data[:, 0].copy()


@dataclass(frozen=True)
class TimedWord:
    """A word of a recording with its start and end second, from the recording's phone labels."""

    text: str
    start: float
    end: float


def available(directory: Path = FESTVOX_RU) -> bool:
    """True if the festvox-ru recordings are installed."""
    return (directory / "etc" / "txt.done.data").is_file() and (directory / "wav").is_dir()


def clean_text(prompt: str) -> str:
    """The prompt as plain text: stress marks (``+``) dropped, comma pauses tidied."""
    text = prompt.replace("+", "")
    text = re.sub(r"\s+,", ",", text)
    return re.sub(r"\s+", " ", text).strip()


def corpus(directory: Path = FESTVOX_RU) -> list[Recording]:
    """Every recording with its text, in id order; :class:`AudioError` if festvox-ru is not installed."""
    if not available(directory):
        raise AudioError("festvox-ru is not installed; run 'apt-get install festvox-ru'")
    recordings = []
    for line in (directory / "etc" / "txt.done.data").read_text(encoding="utf-8").splitlines():
        match = _PROMPT.match(line)
        if not match:
            continue
        ident = match.group(1)
        wav, lab = directory / "wav" / f"{ident}.wav", directory / "lab" / f"{ident}.lab"
        if wav.is_file():
            recordings.append(Recording(ident, clean_text(match.group(2)), wav, lab))
    return recordings


def by_id(*ids: str) -> list[Recording]:
    """The recordings with these ids, in the order given."""
    known = {r.id: r for r in corpus()}
    return [known[i] for i in ids]


def choose(count: int, seed: int = 12, min_s: float = 4.0, max_s: float = 12.0) -> list[Recording]:
    """``count`` recordings picked reproducibly: 4-12 s long, narration only.

    Dialogue lines (``- ...``) are left out: many hold the novel's invented Martian words, which no
    recogniser can spell and which would only add the same noise to every system's error rate.
    """
    import soundfile

    pool = [
        r
        for r in corpus()
        if " - " not in f" {r.text} " and min_s <= soundfile.info(str(r.wav)).duration <= max_s and ":" not in r.text
    ]
    return random.Random(seed).sample(pool, count)


def speak(text: str) -> np.ndarray:
    """``text`` spoken by Festival with the msu_ru_nsh voice: float32 mono at 16 kHz.

    The voice joins units cut from the same real speaker's recordings (clunits), so it sounds far
    more human than espeak-ng; measured, the base model's WER on casualty-report sentences was 0.24
    with it against 0.92 with espeak-ng.
    """
    import soundfile

    if shutil.which("text2wave") is None or not available():
        raise AudioError("festival's Russian voice is not installed; run 'apt-get install festvox-ru'")
    with tempfile.TemporaryDirectory() as tmp:
        source, out = Path(tmp) / "text.txt", Path(tmp) / "speech.wav"
        source.write_text(text, encoding="utf-8")
        subprocess.run(
            ["text2wave", "-eval", "(voice_msu_ru_nsh_clunits)", str(source), "-o", str(out)],
            check=True,
            capture_output=True,
            timeout=120,
        )
        data, rate = soundfile.read(str(out), dtype="float32", always_2d=True)
    if rate != 16_000:
        raise AudioError(f"festival wrote {rate} Hz, expected 16000")
    return data[:, 0].copy()


def phone_labels(recording: Recording) -> list[tuple[float, float, str]]:
    """The recording's phone labels as ``(start, end, phone)`` seconds (festvox ``.lab``: end times)."""
    rows: list[tuple[float, float, str]] = []
    previous = 0.0
    for line in recording.lab.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) != 3 or line.startswith("#"):
            continue
        end = float(parts[0])
        rows.append((previous, end, parts[2]))
        previous = end
    return rows


def word_timings(recordings: list[Recording]) -> dict[str, list[TimedWord]]:
    """Word start and end seconds of each recording, from its phone labels.

    Festival's own Russian front end (installed with festvox-ru) gives each word's phones; they are
    matched to the label file's phone sequence (the labels were made by the same front end, so they
    agree apart from pauses). A word whose phones do not all match is left out rather than guessed.
    """
    if shutil.which("festival") is None:
        raise AudioError("festival is not installed; run 'apt-get install festvox-ru'")
    phones = _festival_word_phones([r.text for r in recordings])
    out: dict[str, list[TimedWord]] = {}
    for recording, words in zip(recordings, phones, strict=True):
        labels = [row for row in phone_labels(recording) if row[2] != _PAUSE]
        flat = [(index, phone) for index, (_, word_phones) in enumerate(words) for phone in word_phones]
        matcher = difflib.SequenceMatcher(a=[p for _, p in flat], b=[row[2] for row in labels], autojunk=False)
        position: dict[int, int] = {}
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                position[block.a + k] = block.b + k
        timed: list[TimedWord] = []
        offset = 0
        for text, word_phones in words:
            indexes = [position.get(offset + k) for k in range(len(word_phones))]
            offset += len(word_phones)
            if word_phones and None not in indexes:
                timed.append(TimedWord(text, labels[indexes[0]][0], labels[indexes[-1]][1]))
        out[recording.id] = timed
    return out


def _festival_word_phones(texts: list[str]) -> list[list[tuple[str, list[str]]]]:
    """Festival's word/phone analysis of each text (one festival process for all)."""
    script = ["(voice_msu_ru_nsh_clunits)"]
    for text in texts:
        quoted = text.replace("\\", " ").replace('"', " ")
        script.append(
            f'(set! utt (utt.synth (Utterance Text "{quoted}")))'
            '(mapcar (lambda (w) (format t "W\\t%s\\t" (item.name w))'
            ' (mapcar (lambda (s) (mapcar (lambda (p) (format t "%s " (item.name p))) (item.daughters s)))'
            ' (item.daughters (item.relation w \'SylStructure))) (format t "\\n"))'
            " (utt.relation.items utt 'Word))"
            '(format t "END\\n")'
        )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "words.scm"
        path.write_text("\n".join(script) + "\n", encoding="utf-8")
        done = subprocess.run(["festival", "-b", str(path)], capture_output=True, text=True, timeout=600)
    results: list[list[tuple[str, list[str]]]] = [[]]
    for line in done.stdout.splitlines():
        if line == "END":
            results.append([])
        elif line.startswith("W\t"):
            _, word, phones = line.split("\t", 2)
            results[-1].append((word, phones.split()))
    results.pop()
    if len(results) != len(texts):
        raise AudioError("festival did not analyse every sentence; check the festvox-ru installation")
    return results
