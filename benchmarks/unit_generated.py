"""Military units on generated text: how many survive ``redact --mode mask``, and how many ordinary words are masked.

The generator (``tests/unit_generator.py``, data in ``tests/data/units20/``) writes calls naming numbered formations
in every way the templates know (numbers in digits and in words, abbreviations in any case, в/ч numbers written or
spoken, a number alone for a unit, the formation before its number, casualty codes beside units, the formation word
left out; Russian and Ukrainian; cased or lower-case speech-to-text) and hard negatives (ordinals and
formation-like words that are no unit). Its vocabulary and templates are split into a part the rules were tuned on
and a held-out part that is only measured; this prints both:

    python benchmarks/unit_generated.py [--n 1000] [--src PATH] [--misses N] [--json]

Figures per split: unit mentions leaked (any of its words readable after masking) over all, and the texts with a
leak; ordinary tokens masked in the positive texts; hard negatives whose ordinal was masked and their tokens masked;
leaks by template group (cased / speech-to-text). ``--misses N`` lists up to N leaked and N over-masked cases **of
the tune split only** (the held-out split is never printed). ``--src`` measures another checkout's ``src``
(``git archive main src | tar -x -C /tmp/base``).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from callsign_generated import pct, run_splits  # benchmarks/callsign_generated.py: this folder is on sys.path

ROOT = Path(__file__).resolve().parents[1]


def measure(n: int, split: str, misses: int = 0) -> dict:
    """The figures of ``split`` over ``n`` positive and ``n // 2`` negative cases."""
    import unit_generator as gen

    items = leaked = texts_leaking = ordinary = overmasked = 0
    by_group: Counter = Counter()
    by_group_n: Counter = Counter()
    shown_leaks, shown_over = [], []
    for seed in range(n):
        case = gen.positive_case(seed, split)
        s = gen.score(case)
        items += s.secret_items
        leaked += len(s.leaked)
        texts_leaking += bool(s.leaked)
        ordinary += s.ordinary_tokens
        overmasked += len(s.overmasked)
        group = case.kind.split("/")[0] + ("/asr" if case.asr else "")
        by_group_n[group] += 1
        by_group[group] += bool(s.leaked)
        if s.leaked and len(shown_leaks) < misses:
            shown_leaks.append((case.kind, case.text, s.leaked, s.redacted))
        if s.overmasked and len(shown_over) < misses:
            shown_over.append((case.kind, case.text, s.overmasked, s.redacted))
    negatives = target = tokens = tokens_masked = 0
    for seed in range(n // 2):
        case = gen.negative_case(seed, split)
        s = gen.score(case)
        negatives += 1
        target += s.target_masked
        tokens += s.ordinary_tokens
        tokens_masked += len(s.overmasked)
        if s.overmasked and len(shown_over) < 2 * misses:
            shown_over.append((case.kind, case.text, s.overmasked, s.redacted))
    out = {"split": split,
           "positive": {"items": items, "leaked": leaked, "texts": n, "texts_leaking": texts_leaking,
                        "ordinary_tokens": ordinary, "overmasked": overmasked},
           "leaks_by_group": {g: f"{by_group[g]}/{by_group_n[g]}" for g in sorted(by_group_n)},
           "negative": {"texts": negatives, "ordinal_masked": target, "tokens": tokens,
                        "tokens_masked": tokens_masked}}
    if split == "tune" and misses:
        out["misses"] = {"leaked": shown_leaks, "overmasked": shown_over}
    return out


def main() -> None:
    """Print the generated-unit figures of both splits (or one)."""
    results = run_splits(__doc__.splitlines()[0], measure)
    if results is None:
        return
    for r in results:
        p, ng = r["positive"], r["negative"]
        print(f"== {r['split']}")
        print(f"units leaked               {pct(p['leaked'], p['items'])}   "
              f"texts with a leak {pct(p['texts_leaking'], p['texts'])}")
        print(f"ordinary tokens masked     {pct(p['overmasked'], p['ordinary_tokens'])} (positive texts)")
        print(f"hard negatives: ordinal masked {pct(ng['ordinal_masked'], ng['texts'])}   "
              f"tokens masked {pct(ng['tokens_masked'], ng['tokens'])}")
        print("leaks by group (texts)", r["leaks_by_group"])
        for kind, text, what, redacted in r.get("misses", {}).get("leaked", []):
            print(f"  LEAK {kind}: {text!r} -> {what} | {redacted!r}")
        for kind, text, what, redacted in r.get("misses", {}).get("overmasked", []):
            print(f"  OVER {kind}: {text!r} -> {what} | {redacted!r}")


if __name__ == "__main__":
    main()
