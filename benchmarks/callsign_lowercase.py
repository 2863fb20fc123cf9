"""Personal data in the lower-case texts of the open sets: leaks after ``redact --mode mask`` and over-masking.

Speech-to-text writes no capital and no comma; this scores only the texts an author wrote that way (no capital
letter anywhere), per group of files, as ``benchmarks/accuracy.py`` scores personal data (exact leaks; over-masked
word tokens outside every gold entity):

    python benchmarks/callsign_lowercase.py [--src PATH] [--misses N] [--all-texts] [--json]

Groups: the corpus authors the lower-case rules were tuned on (TA-TI), the held-out authors (TJ-TR), rounds 1-16
of ``tests/data/blind``, and the hard-negative authors (no call signs; over-masking only) NA-NC (tune) and ND-NF
(held out). ``--misses N`` lists
up to N leaks and N over-masked tokens **of the tune groups only**; the other groups print figures only.
``--all-texts`` scores every text, cased ones too. ``--src`` measures another checkout's ``src``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

GROUPS = {
    "tune TA-TI": [f"corpus/author-T{a}.jsonl" for a in "ABCDEFGHI"],
    "held out TJ-TR": [f"corpus/author-T{a}.jsonl" for a in "JKLMNOPQR"],
    "rounds 1-16": [str(p.relative_to(ROOT)) for r in range(1, 17)
                    for p in sorted((ROOT / f"tests/data/blind/round{r}").glob("*.jsonl"))],
    "tune hard negatives NA-NC": [f"corpus/hard_negatives/author-N{a}.jsonl" for a in "ABC"],
    "held out hard negatives ND-NF": [f"corpus/hard_negatives/author-N{a}.jsonl" for a in "DEF"],
}


def measure(paths: list[str], all_texts: bool, misses: int) -> dict:
    """Leaks (CALLSIGN and all personal data) and over-masking of the lower-case texts of ``paths``."""
    import accuracy

    scorer = accuracy.Scorer()
    tally = accuracy.Tally()
    tally.sections.add("personal_data")
    texts = 0
    for path in paths:
        for record in accuracy.load(ROOT / path):
            if not all_texts and any(ch.isupper() for ch in record["text"]):
                continue
            texts += 1
            record = {**record, "entities": record.get("entities", [])}
            scorer._personal_data(record, tally, _collector(tally, record, path))
    n: Counter = tally.n
    out = {"texts": texts, "tokens": n["tokens"], "masked": n["masked"]}
    for group in ("CALLSIGN", "all"):
        out[group] = {"items": n["pii", group, "items"], "leaked": n["pii", group, "exact"]}
    if misses:
        out["leaks"] = [m for m in tally.misses if m["metric"] == "leak"][:misses]
        out["over"] = [m for m in tally.misses if m["metric"] == "over-masking"][:misses]
    return out


def _collector(tally, record: dict, path: str):
    import accuracy

    def miss(metric: str, gold, predicted, start: int = 0, end: int = 0) -> None:
        tally.misses.append({"metric": metric, "file": path, "id": record["id"],
                             "excerpt": accuracy.excerpt(record["text"], start, end), "gold": gold,
                             "predicted": predicted if metric != "leak" else ""})
    return miss


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.2f}% {a}/{b}" if b else "-"


def main() -> None:
    """Print the figures of every group (misses of the tune group only)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the src folder to measure")
    parser.add_argument("--misses", type=int, default=0, metavar="N", help="list up to N misses of the tune groups")
    parser.add_argument("--all-texts", action="store_true", help="score cased texts too")
    parser.add_argument("--group", choices=sorted(GROUPS), action="append", help="only these groups")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import accuracy  # noqa: F401  (it puts this checkout's src first; --src goes before it)

    sys.path.insert(0, str(args.src))
    results = {}
    for name in args.group or GROUPS:
        results[name] = measure(GROUPS[name], args.all_texts, args.misses if name.startswith("tune") else 0)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return
    for name, r in results.items():
        print(f"{name:22} texts {r['texts']:5}  CALLSIGN leaked {_pct(r['CALLSIGN']['leaked'], r['CALLSIGN']['items'])}"
              f"  all leaked {_pct(r['all']['leaked'], r['all']['items'])}"
              f"  over-masked {_pct(r['masked'], r['tokens'])}")
        for m in r.get("leaks", []):
            print(f"  LEAK {m['file']} {m['id']}: {m['gold']} | {m['excerpt']}")
        for m in r.get("over", []):
            print(f"  OVER {m['file']} {m['id']}: {m['predicted']} | {m['excerpt']}")


if __name__ == "__main__":
    main()
