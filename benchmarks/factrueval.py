"""Real news text nobody here wrote: personal-data leaks and places on the factRuEval-2016 test set.

factRuEval-2016 (github dialogue-evaluation/factRuEval-2016, MIT licence, test set: 132 Russian news and
magazine documents annotated by hand) is kept under benchmarks/data/factrueval2016/ as one JSON line per
document (only what this benchmark needs: the text, the name spans of its Person objects, the name spans of
its Location/LocOrg objects) with the repository's licence; places.tsv (written for overheard) says which
gold place names are settlements/regions of Russia, Ukraine and Belarus, and in which region.

    python benchmarks/factrueval.py [--json] [--misses N] [--limit N]
    python benchmarks/factrueval.py --extract PATH/TO/factRuEval-2016   # rebuild testset.jsonl from a checkout

Figures (each text is redacted as ``overheard redact --mode mask`` does, places kept):

- name-span leak: a gold name span (first name, surname, patronymic, nickname of a Person object; 2,139)
  is readable when any of its letters stands outside every replacement. The baseline masks natasha's PER
  spans and nothing else. Shown per span type, for surnames standing alone and for initials.
- over-masking: word tokens outside every gold name span that a replacement touches, over all such tokens
  (organisation and place names count as ordinary tokens here).
- places: gold place mentions (Location/LocOrg name spans) that places.tsv marks as a settlement, region
  or country of RU/UA/BY, found when a LOC entity overlaps them (natasha: a LOC span); resolved when that
  entity has coordinates; oblast accuracy where places.tsv names the region.
- foreign places pinned: gold places that are not in RU/UA/BY (foreign, or not a place on the ground)
  whose overlapping LOC entity carries a RU/UA/BY coordinate. The goal is none.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DATA = ROOT / "benchmarks" / "data" / "factrueval2016"
TESTSET = DATA / "testset.jsonl"
PLACES = DATA / "places.tsv"
NAME_TYPES = ("name", "surname", "patronymic", "nickname")
HOME = ("RU", "UA", "BY")
TOKEN = re.compile(r"\w+", re.UNICODE)


# ------------------------------------------------------------------------------------------- extraction

def _fields(line: str) -> list[str]:
    return line.split("#", 1)[0].split()


def extract(source: Path, out: Path = TESTSET) -> int:
    """Write ``out`` from a checkout of the factRuEval-2016 repository (its testset/ folder); returns the count."""
    folder = source / "testset"
    rows = []
    for spans_file in sorted(folder.glob("*.spans"), key=lambda p: int(p.stem.split("_")[1])):
        book = spans_file.stem
        text = (folder / f"{book}.txt").read_text(encoding="utf-8")
        spans = {f[0]: (f[1], int(f[2]), int(f[2]) + int(f[3]))
                 for f in map(_fields, spans_file.read_text(encoding="utf-8").splitlines()) if f}
        objects = {f[0]: (f[1], f[2:]) for f in map(_fields, (folder / f"{book}.objects")
                                                    .read_text(encoding="utf-8").splitlines()) if f}
        coref_name: dict[str, str] = {}
        for record in (folder / f"{book}.coref").read_text(encoding="utf-8").strip().split("\n\n"):
            lines = [line for line in record.strip().splitlines() if line.strip()]
            if not lines:
                continue
            names = [line.split(" ", 1)[1] for line in lines[1:] if line.startswith("name ")]
            for object_id in lines[0].split()[1:]:
                if names:
                    coref_name[object_id] = names[0]
        names, places, seen = [], [], set()
        for object_id, (kind, span_ids) in objects.items():
            for span_id in span_ids:
                span_type, start, end = spans[span_id]
                if kind == "Person" and span_type in NAME_TYPES and (start, end) not in seen:
                    seen.add((start, end))
                    names.append([start, end, span_type, len(span_ids)])
                if kind in ("Location", "LocOrg") and span_type == "loc_name":
                    places.append([start, end, kind, coref_name.get(object_id) or text[start:end]])
        rows.append({"id": book, "text": text, "names": sorted(names), "places": sorted(places)})
    with out.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows)


def load(limit: int | None = None) -> list[dict[str, Any]]:
    """The test-set documents (``--limit``: the first N)."""
    rows = [json.loads(line) for line in TESTSET.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows[:limit] if limit else rows


def place_labels() -> dict[str, dict[str, str]]:
    """places.tsv: gold place name -> kind, country, region."""
    lines = [line for line in PLACES.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return {row["name"]: row for row in csv.DictReader(lines, delimiter="\t")}


# ---------------------------------------------------------------------------------------------- scoring

def _covered(start: int, end: int, spans: list[tuple[int, int]], text: str) -> bool:
    """Whether every letter of ``text[start:end]`` lies inside one of ``spans``."""
    return all(any(s <= i < e for s, e in spans) for i in range(start, end) if text[i].isalnum())


def _natasha(text: str) -> list[tuple[str, int, int]]:
    from overheard.annotate.rules.entities.ner import natasha_spans

    return natasha_spans(text)


class Scorer:
    """Runs overheard's mask-mode redaction and natasha over each document and counts."""

    def __init__(self) -> None:
        from overheard.annotate.components.entities import EntityAnnotator
        from overheard.redact import Policy, Redactor

        self.annotator = EntityAnnotator()
        self.redactor = Redactor(b"", Policy("mask", "keep"))
        self.labels = place_labels()
        self.n: Counter = Counter()
        self.misses: dict[str, list[str]] = {}
        self.seconds = 0.0

    def miss(self, kind: str, text: str, start: int, end: int, note: str = "") -> None:
        """Remember one miss with its context."""
        left, right = max(0, start - 50), min(len(text), end + 50)
        context = (text[left:start] + "[" + text[start:end] + "]" + text[end:right]).replace("\n", " ")
        self.misses.setdefault(kind, []).append(f"{context} {note}".strip())

    def score(self, row: dict[str, Any]) -> None:
        """Count one document."""
        from overheard.annotate.components.entities import protected_spans
        from overheard.annotate.doc import Doc

        text, n = row["text"], self.n
        began = time.perf_counter()
        doc = Doc(text, "ru")
        findings = self.annotator.annotate(doc)
        redaction = self.redactor.apply(text, findings, "ru", protected_spans(doc))
        self.seconds += time.perf_counter() - began
        masked = [(r.start, r.end) for r in redaction.replacements]
        spans = _natasha(text)
        natasha_per = [(s, e) for t, s, e in spans if t == "PER"]
        natasha_loc = [(s, e) for t, s, e in spans if t == "LOC"]
        n["sentences"] += len(re.findall(r"[.!?…]+(?:\s|$)", text)) or 1
        alone = {tuple(x[:2]) for x in row["names"] if x[3] == 1 and x[2] == "surname"}
        for start, end, span_type, _parts in row["names"]:
            groups = ["all", span_type]
            if (start, end) in alone:
                groups.append("surname alone")
            if len(text[start:end].rstrip(".")) == 1:
                groups.append("initial")
            ours = not _covered(start, end, masked, text)
            theirs = not _covered(start, end, natasha_per, text)
            for group in groups:
                n["names", group] += 1
                n["leak", group] += ours
                n["natasha leak", group] += theirs
            if ours:
                self.miss("name leak", text, start, end, f"({span_type})")
        gold = [(s, e) for s, e, *_ in row["names"]]
        for match in TOKEN.finditer(text):
            s, e = match.span()
            if any(s < b and a < e for a, b in gold):
                continue
            n["tokens"] += 1
            if any(s < b and a < e for a, b in masked):
                n["over"] += 1
                why = next((f"{f.label}: {f.explanation}" for f in findings if f.start < e and s < f.end), "")
                self.miss("over-masking", text, s, e, why)
            if any(s < b and a < e for a, b in natasha_per):
                n["natasha over"] += 1
        locs = [f for f in findings if f.label == "LOC"]
        for start, end, _kind, name in row["places"]:
            label = self.labels.get(name, {"kind": "foreign", "country": "XX", "region": "-"})
            hits = [f for f in locs if f.start < end and start < f.end]
            geo = (max(hits, key=lambda f: min(end, f.end) - max(start, f.start)).attributes.get("geo") or {}
                   ) if hits else {}
            if label["country"] in HOME and label["kind"] in ("settlement", "region", "country"):
                n["home"] += 1
                n["home found"] += bool(hits)
                n["natasha home found"] += any(s < end and start < e for s, e in natasha_loc)
                if not hits:
                    self.miss("place missed", text, start, end, f"({name})")
                    continue
                resolved = geo.get("lat") is not None
                n["home resolved"] += resolved
                if not resolved:
                    self.miss("place unresolved", text, start, end, f"({name})")
                if label["region"] != "-":
                    n["home regioned"] += 1
                    n["home region right"] += geo.get("oblast") == label["region"]
                    if geo.get("oblast") != label["region"]:
                        self.miss("oblast", text, start, end, f"gold {label['region']}, got {geo.get('oblast')}")
            elif label["country"] not in HOME and label["kind"] != "fictional":
                n["foreign"] += 1
                if geo.get("country") in HOME:
                    n["foreign pinned"] += 1
                    self.miss("foreign place pinned", text, start, end,
                              f"-> {geo.get('local') or geo.get('name')} ({geo.get('oblast')}, {geo.get('country')})")

    def figures(self) -> dict[str, Any]:
        """Every figure as JSON-ready values."""
        n = self.n

        def pct(a: int, b: int) -> float | None:
            return round(100 * a / b, 2) if b else None

        groups = ["all", *NAME_TYPES, "surname alone", "initial"]
        return {
            "documents": n["docs"], "name_spans": n["names", "all"],
            "leak": {g: {"spans": n["names", g], "overheard": n["leak", g], "overheard_pct": pct(n["leak", g],
                     n["names", g]), "natasha": n["natasha leak", g],
                     "natasha_pct": pct(n["natasha leak", g], n["names", g])} for g in groups},
            "over_masking": {"tokens": n["tokens"], "overheard": n["over"], "overheard_pct": pct(n["over"],
                             n["tokens"]), "natasha": n["natasha over"], "natasha_pct": pct(n["natasha over"],
                                                                                             n["tokens"])},
            "places": {"gold_ru_ua_by": n["home"], "found": n["home found"], "recall_pct": pct(n["home found"],
                       n["home"]), "natasha_found": n["natasha home found"],
                       "natasha_recall_pct": pct(n["natasha home found"], n["home"]),
                       "resolved": n["home resolved"], "resolved_pct": pct(n["home resolved"], n["home"]),
                       "with_region": n["home regioned"], "region_right": n["home region right"],
                       "oblast_accuracy_pct": pct(n["home region right"], n["home regioned"]),
                       "foreign": n["foreign"], "foreign_pinned": n["foreign pinned"]},
            "seconds": round(self.seconds, 1),
            "sentences_per_second": round(n["sentences"] / self.seconds, 1) if self.seconds else None,
        }


def report(fig: dict[str, Any]) -> str:
    """The figures as a short table."""
    out = [f"factRuEval-2016 test set: {fig['documents']} documents, {fig['name_spans']} name spans",
           f"{'name-span leak':32} {'overheard':>16} {'natasha PER':>16}"]
    for group, row in fig["leak"].items():
        out.append(f"  {group:30} {row['overheard_pct']!s:>7}% {row['overheard']:>4}/{row['spans']:<5}"
                   f"{row['natasha_pct']!s:>6}% {row['natasha']:>4}/{row['spans']}")
    over = fig["over_masking"]
    out.append(f"{'over-masking (ordinary tokens)':32} {over['overheard_pct']!s:>7}% {over['overheard']:>4}/"
               f"{over['tokens']:<5}{over['natasha_pct']!s:>6}% {over['natasha']:>4}/{over['tokens']}")
    p = fig["places"]
    out += [f"places in RU/UA/BY: recall {p['recall_pct']}% ({p['found']}/{p['gold_ru_ua_by']}), natasha "
            f"{p['natasha_recall_pct']}%; with coordinates {p['resolved_pct']}% ({p['resolved']}); oblast "
            f"accuracy {p['oblast_accuracy_pct']}% ({p['region_right']}/{p['with_region']})",
            f"foreign places given a RU/UA/BY coordinate: {p['foreign_pinned']} of {p['foreign']}",
            f"redaction time {fig['seconds']} s ({fig['sentences_per_second']} sentences/s, one process, models warm)"]
    return "\n".join(out)


def main() -> None:
    """Score the test set (or rebuild it with --extract)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extract", type=Path, metavar="CHECKOUT", help="rebuild testset.jsonl from a checkout")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--misses", type=int, default=0, metavar="N", help="also list up to N misses per kind")
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N documents")
    args = parser.parse_args()
    if args.extract:
        print(f"{extract(args.extract)} documents written to {TESTSET}")
        return
    if not TESTSET.exists():
        print(f"skipped: {TESTSET} is missing (rebuild it with --extract from a factRuEval-2016 checkout)")
        return
    scorer = Scorer()
    scorer.n["docs"] = 0
    for row in load(args.limit):
        scorer.n["docs"] += 1
        scorer.score(row)
    fig = scorer.figures()
    if args.json:
        json.dump(fig | ({"misses": {k: v[: args.misses] for k, v in scorer.misses.items()}} if args.misses else {}),
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    print(report(fig))
    for kind, items in scorer.misses.items() if args.misses else ():
        print(f"\n== {kind} ({len(items)})")
        for item in items[: args.misses]:
            print("  " + item)


if __name__ == "__main__":
    main()
