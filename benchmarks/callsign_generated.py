"""Call signs on generated text: how many survive ``redact --mode mask``, and how many ordinary words are masked.

The generator (``tests/callsign_cases.py``, data in ``tests/data/callsigns19/``) writes calls and radio chatter
with call signs of every kind in every slot, hard negatives (the same words as ordinary words) and radio procedure
words used as ordinary words. Its vocabulary and templates are split into a part the rules were tuned on and a
held-out part that is only measured; this prints both:

    python benchmarks/callsign_generated.py [--n 1000] [--src PATH] [--misses N] [--json]

Figures per split: call-sign occurrences leaked (any of its words readable after masking) over all, and the texts
with a leak; ordinary tokens masked in the positive texts; hard negatives whose word was masked; tokens masked in
the plain texts; the leaks by template group and by vocabulary category; and call signs told of in lower-case
narrative (``tests/data/callsigns20/narrative.yaml``, branch leak20) with their hard negatives. ``--misses N`` lists
up to N leaked and N over-masked cases **of the tune split only** (the held-out split is never printed). ``--src``
measures another checkout's ``src`` (``git archive main src | tar -x -C /tmp/base``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(n: int, split: str, misses: int = 0) -> dict:
    """The figures of ``split`` over ``n`` positive, ``n // 2`` negative and ``n // 5`` plain cases."""
    import callsign_cases as gen

    shown = misses if split == "tune" else 0
    by = {"group": lambda case: ["/".join(case.kind.split("/")[:2]) + ("/asr" if case.asr else "")],
          "category": lambda case: case.kind.split("/")[2].split("+")}
    p = gen.tally((gen.positive_case(seed, split) for seed in range(n)), by, shown)
    ng = gen.tally((gen.negative_case(seed, split) for seed in range(n // 2)),
                   {"category": lambda case: [case.kind.split("/")[2]]}, shown)
    pl = gen.tally((gen.plain_case(seed, split) for seed in range(n // 5)), show=shown)
    out = {"split": split,
           "positive": p.positive_figures(),
           "leaks_by_group": p.leaking_share("group"),
           "leaks_by_category": p.leaking_share("category"),
           "negative": {"texts": ng.texts, "word_masked": ng.target_masked, "tokens": ng.ordinary_tokens,
                        "tokens_masked": ng.overmasked,
                        "by_category": {k: v for k, v in sorted(ng.masked_by["category"].items()) if v}},
           "plain": {"texts": pl.texts, "tokens": pl.ordinary_tokens, "tokens_masked": pl.overmasked},
           "narrative": _narrative(n, split, shown)}
    if shown:
        out["misses"] = {"leaked": p.shown_leaks, "overmasked": p.shown_over + ng.shown_over + pl.shown_over}
    return out


def _narrative(n: int, split: str, misses: int) -> dict:
    """Call signs told of in lower-case narrative (``tests/data/callsigns20/narrative.yaml``, branch leak20): leaked
    over ``n`` positive cases, and the same words as things, and as animals, masked over ``n // 2`` negative cases
    each."""
    import callsign_cases as gen

    p = gen.tally((gen.narrative_case(seed, split) for seed in range(n)),
                  {"category": lambda case: [case.kind.split("/")[2]]}, misses)
    things, animals = (gen.tally((gen.narrative_negative_case(seed, split, kind) for seed in range(n // 2)),
                                 show=misses) for kind in ("thing", "animal"))
    shown = [f"LEAK {kind}: {text!r} -> {redacted!r}" for kind, text, _, redacted in p.shown_leaks]
    shown += [f"OVER {kind}: {text!r} -> {redacted!r}" for kind, text, _, redacted in things.shown_over
              + animals.shown_over][:misses]
    return {"items": p.items, "leaked": p.leaked, "negatives": n // 2, "negatives_masked": things.target_masked,
            "animals_masked": animals.target_masked,
            "leaks_by_category": dict(sorted(p.leaks_by["category"].items())), "misses": shown}


def pct(a: int, b: int) -> str:
    """``a`` of ``b`` as a percentage with its counts ("12.5% 3/24"; "-" of none)."""
    return f"{100 * a / b:.1f}% {a}/{b}" if b else "-"


def print_positive(what: str, p: dict) -> None:
    """The positive cases' lines every generated-class benchmark prints: ``what`` leaked, texts with a leak, ordinary
    tokens masked."""
    print(f"{what + ' leaked':<27}{pct(p['leaked'], p['items'])}   "
          f"texts with a leak {pct(p['texts_leaking'], p['texts'])}")
    print(f"ordinary tokens masked     {pct(p['overmasked'], p['ordinary_tokens'])} (positive texts)")


def print_misses(result: dict) -> None:
    """The leaked and over-masked cases a split's result lists (``--misses``; the tune split only)."""
    for label, key in (("LEAK", "leaked"), ("OVER", "overmasked")):
        for kind, text, what, redacted in result.get("misses", {}).get(key, []):
            print(f"  {label} {kind}: {text!r} -> {what} | {redacted!r}")


def run_splits(description: str, measure) -> list[dict] | None:
    """The command line every generated-class benchmark shares (``--n``, ``--src``, ``--misses``, ``--split``,
    ``--json``): ``measure(n, split, misses)`` of each split asked for, or None when printed as JSON already."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--n", type=int, default=1000, help="positive cases per split")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the src folder to measure")
    parser.add_argument("--misses", type=int, default=0, metavar="N", help="list up to N misses of the tune split")
    parser.add_argument("--split", choices=["tune", "held_out", "both"], default="both")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(args.src))
    sys.path.insert(0, str(ROOT / "tests"))
    splits = ["tune", "held_out"] if args.split == "both" else [args.split]
    results = [measure(args.n, split, args.misses) for split in splits]
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return None
    return results


def main() -> None:
    """Print the generated call-sign figures of both splits (or one)."""
    results = run_splits(__doc__.splitlines()[0], measure)
    if results is None:
        return
    for r in results:
        p, ng, pl = r["positive"], r["negative"], r["plain"]
        print(f"== {r['split']}")
        print_positive("call signs", p)
        print(f"hard negatives masked      {pct(ng['word_masked'], ng['texts'])}   "
              f"their tokens {pct(ng['tokens_masked'], ng['tokens'])}  {ng['by_category']}")
        print(f"plain texts' tokens masked {pct(pl['tokens_masked'], pl['tokens'])}")
        nr = r["narrative"]
        print(f"narrative call signs leaked {pct(nr['leaked'], nr['items'])}   "
              f"negatives masked: things {pct(nr['negatives_masked'], nr['negatives'])}, "
              f"animals {pct(nr['animals_masked'], nr['negatives'])}")
        print("narrative leaks by category", nr["leaks_by_category"])
        for line in nr["misses"]:
            print("  " + line)
        print("leaks by group   ", r["leaks_by_group"])
        print("leaks by category", r["leaks_by_category"])
        print_misses(r)


if __name__ == "__main__":
    main()
