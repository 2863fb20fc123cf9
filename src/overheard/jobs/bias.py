"""Decoding bias toward the lexicon's casualty codes, so "двухсотых" survives recognition (opt-in).

Whisper base, hearing "двое двухсотых" on a phone line, writes "двое двухсот" or "двое двухсотах" and the
``terms`` annotator then finds no code. faster-whisper's ``hotwords`` puts words in front of every
window as if they had been said just before; the model then spells them when it hears them.

Measured (``benchmarks/hotwords.py``; 90 casualty dev-set sentences spoken by festival's festvox-ru
voice, 60 with a code or slang term): coded-term recall 0.29 -> 0.47 clean and 0.19 -> 0.53 on the
phone band, no false code on the 30 sentences without a term, WER 0.31 -> 0.25 and 0.36 -> 0.30. But
on audio the model cannot make out it writes the hotwords themselves: espeak-ng Russian came back as
"трёхсотих, пятисотих сочинец, сочник" (WER 0.48 -> 0.86), false codes that would be counted as
casualties. On festvox read speech without codes the WER moved by -0.003 to +0.03, and decoding took
~10% longer. So the bias is off by default (``TranscribeSettings.hotwords`` empty; ``overheard transcribe
--code-bias`` fills it from here): turn it on for calls that are intelligible and where codes matter, and
review the codes it finds. The words come from the
lexicon (``lexicons/coded_terms.yaml``), never from this module.
"""

from __future__ import annotations

from functools import lru_cache

from overheard.annotate.lexicon import load_lexicon


@lru_cache(maxsize=4)
def code_hotwords(lexicon_path: str | None = None) -> str:
    """The lexicon's casualty codes as Whisper hotwords, e.g. ``"двухсотых, двохсотих, трёхсотых, ..."``.

    One form per code entry and language: the genitive plural when the lexicon lists it (the form a
    count takes, "трое трёхсотых"), else the lemmas. Digit forms ("200-х") are left out: Whisper
    writes digits it hears anyway.
    """
    chosen: list[str] = []
    for entry in load_lexicon(lexicon_path).entries:
        if entry.kind != "code":
            continue
        forms = [w for w in entry.variants + entry.lemmas if w and not any(ch.isdigit() for ch in w)]
        counting = [w for w in forms if w.lower().endswith(("ых", "их"))]
        chosen += [w for w in counting or entry.lemmas if w not in chosen]
    return ", ".join(chosen)
