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
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(n: int, split: str, misses: int = 0) -> dict:
    """The figures of ``split`` over ``n`` positive, ``n // 2`` negative and ``n // 5`` plain cases."""
    import callsign_cases as gen

    out: dict = {"split": split}
    items = leaked = texts_leaking = ordinary = overmasked = 0
    by_group: Counter = Counter()
    by_group_n: Counter = Counter()
    by_category: Counter = Counter()
    by_category_n: Counter = Counter()
    shown_leaks, shown_over = [], []
    for seed in range(n):
        case = gen.positive_case(seed, split)
        s = gen.score(case)
        items += s.secret_items
        leaked += len(s.leaked)
        texts_leaking += bool(s.leaked)
        ordinary += s.ordinary_tokens
        overmasked += len(s.overmasked)
        group = case.kind.split("/")[0] + "/" + case.kind.split("/")[1] + ("/asr" if case.asr else "")
        by_group_n[group] += 1
        by_group[group] += bool(s.leaked)
        for category in case.kind.split("/")[2].split("+"):
            by_category_n[category] += 1
            by_category[category] += bool(s.leaked)
        if s.leaked and len(shown_leaks) < misses:
            shown_leaks.append((case.kind, case.text, s.leaked, s.redacted))
        if s.overmasked and len(shown_over) < misses:
            shown_over.append((case.kind, case.text, s.overmasked, s.redacted))
    out["positive"] = {"items": items, "leaked": leaked, "texts": n, "texts_leaking": texts_leaking,
                       "ordinary_tokens": ordinary, "overmasked": overmasked}
    out["leaks_by_group"] = {g: f"{by_group[g]}/{by_group_n[g]}" for g in sorted(by_group_n)}
    out["leaks_by_category"] = {c: f"{by_category[c]}/{by_category_n[c]}" for c in sorted(by_category_n)}
    negatives = masked_words = neg_tokens = neg_over = 0
    neg_by_category: Counter = Counter()
    for seed in range(n // 2):
        case = gen.negative_case(seed, split)
        s = gen.score(case)
        negatives += 1
        masked_words += s.target_masked
        neg_tokens += s.ordinary_tokens
        neg_over += len(s.overmasked)
        if s.target_masked:
            neg_by_category[case.kind.split("/")[2]] += 1
        if s.target_masked and len(shown_over) < 2 * misses:
            shown_over.append((case.kind, case.text, s.overmasked, s.redacted))
    out["negative"] = {"texts": negatives, "word_masked": masked_words, "tokens": neg_tokens,
                       "tokens_masked": neg_over, "by_category": dict(sorted(neg_by_category.items()))}
    plain = plain_tokens = plain_over = 0
    for seed in range(n // 5):
        case = gen.plain_case(seed, split)
        s = gen.score(case)
        plain += 1
        plain_tokens += s.ordinary_tokens
        plain_over += len(s.overmasked)
        if s.overmasked and len(shown_over) < 2 * misses + 5:
            shown_over.append((case.kind, case.text, s.overmasked, s.redacted))
    out["plain"] = {"texts": plain, "tokens": plain_tokens, "tokens_masked": plain_over}
    out["narrative"] = _narrative(n, split, misses if split == "tune" else 0)
    if split == "tune" and misses:
        out["misses"] = {"leaked": shown_leaks, "overmasked": shown_over}
    return out


def _narrative(n: int, split: str, misses: int) -> dict:
    """Call signs told of in lower-case narrative (``tests/data/callsigns20/narrative.yaml``, branch leak20): leaked
    over ``n`` positive cases, and the same words as things, and as animals, masked over ``n // 2`` negative cases
    each."""
    import callsign_cases as gen

    items = leaked = masked = 0
    shown = []
    by_category: Counter = Counter()
    for seed in range(n):
        case = gen.narrative_case(seed, split)
        s = gen.score(case)
        items += s.secret_items
        leaked += len(s.leaked)
        by_category[case.kind.split("/")[2]] += len(s.leaked)
        if s.leaked and len(shown) < misses:
            shown.append(f"LEAK {case.kind}: {case.text!r} -> {s.redacted!r}")
    animals = 0
    for seed in range(n // 2):
        for kind in ("thing", "animal"):
            case = gen.narrative_negative_case(seed, split, kind)
            s = gen.score(case)
            if kind == "thing":
                masked += s.target_masked
            else:
                animals += s.target_masked
            if s.target_masked and len(shown) < 2 * misses:
                shown.append(f"OVER {case.kind}: {case.text!r} -> {s.redacted!r}")
    return {"items": items, "leaked": leaked, "negatives": n // 2, "negatives_masked": masked,
            "animals_masked": animals,
            "leaks_by_category": dict(sorted(by_category.items())), "misses": shown}


def pct(a: int, b: int) -> str:
    """``a`` of ``b`` as a percentage with its counts ("12.5% 3/24"; "-" of none)."""
    return f"{100 * a / b:.1f}% {a}/{b}" if b else "-"


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
        print(f"call signs leaked          {pct(p['leaked'], p['items'])}   "
              f"texts with a leak {pct(p['texts_leaking'], p['texts'])}")
        print(f"ordinary tokens masked     {pct(p['overmasked'], p['ordinary_tokens'])} (positive texts)")
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
        for kind, text, what, redacted in r.get("misses", {}).get("leaked", []):
            print(f"  LEAK {kind}: {text!r} -> {what} | {redacted!r}")
        for kind, text, what, redacted in r.get("misses", {}).get("overmasked", []):
            print(f"  OVER {kind}: {text!r} -> {what} | {redacted!r}")


if __name__ == "__main__":
    main()
