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

from pathlib import Path

# benchmarks/callsign_generated.py: this folder is on sys.path
from callsign_generated import pct, print_misses, print_positive, run_splits

ROOT = Path(__file__).resolve().parents[1]


def measure(n: int, split: str, misses: int = 0) -> dict:
    """The figures of ``split`` over ``n`` positive and ``n // 2`` negative cases."""
    import unit_generator as gen

    shown = misses if split == "tune" else 0
    by = {"group": lambda case: [case.kind.split("/")[0] + ("/asr" if case.asr else "")]}
    p = gen.tally((gen.positive_case(seed, split) for seed in range(n)), by, shown)
    ng = gen.tally((gen.negative_case(seed, split) for seed in range(n // 2)), show=shown)
    out = {"split": split,
           "positive": p.positive_figures(),
           "leaks_by_group": p.leaking_share("group"),
           "negative": {"texts": ng.texts, "ordinal_masked": ng.target_masked, "tokens": ng.ordinary_tokens,
                        "tokens_masked": ng.overmasked}}
    if shown:
        out["misses"] = {"leaked": p.shown_leaks, "overmasked": p.shown_over + ng.shown_over}
    return out


def main() -> None:
    """Print the generated-unit figures of both splits (or one)."""
    results = run_splits(__doc__.splitlines()[0], measure)
    if results is None:
        return
    for r in results:
        p, ng = r["positive"], r["negative"]
        print(f"== {r['split']}")
        print_positive("units", p)
        print(f"hard negatives: ordinal masked {pct(ng['ordinal_masked'], ng['texts'])}   "
              f"tokens masked {pct(ng['tokens_masked'], ng['tokens'])}")
        print("leaks by group (texts)", r["leaks_by_group"])
        print_misses(r)


if __name__ == "__main__":
    main()
