"""Decoding bias toward the lexicon's casualty codes, so "двухсотых" survives recognition.

Whisper base, hearing "двое двухсотых" on a phone line, writes "двое двухсот" or "двое двухсотах" and the
``terms`` annotator then finds no code. faster-whisper's ``hotwords`` puts words in front of every
window as if they had been said just before; the model then spells them when it hears them.

Measured (``benchmarks/hotwords.py``: 90 casualty dev-set sentences spoken by a festvox voice, 60 with
a code or slang term): coded-term recall 0.29 -> 0.42 clean and 0.19 -> 0.51 on the phone band, with no
false codes on the 30 sentences without a term and the WER lower too; on the festvox read speech (no
codes in it) the WER moved 0.156 -> 0.159 and 0.171 -> 0.175, no code invented. The words come from the
lexicon (``lexicons/coded_terms.yaml``), never from this module.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4)
def code_hotwords(lexicon_path: str | None = None) -> str:
    """The lexicon's casualty codes as Whisper hotwords, e.g. ``"двухсотых, двохсотих, трёхсотых, ..."``.

    One form per code entry and language: the genitive plural when the lexicon lists it (the form a
    count takes, "трое трёхсотых"), else the lemmas. Digit forms ("200-х") are left out: Whisper
    writes digits it hears anyway.
    """
    from overheard.annotate.lexicon import load_lexicon

    chosen: list[str] = []
    for entry in load_lexicon(lexicon_path).entries:
        if entry.kind != "code":
            continue
        forms = [w for w in entry.variants + entry.lemmas if w and not any(ch.isdigit() for ch in w)]
        counting = [w for w in forms if w.lower().endswith(("ых", "их"))]
        chosen += [w for w in counting or entry.lemmas if w not in chosen]
    return ", ".join(chosen)
