"""Every accuracy figure in one command: casualties, counts, themes, personal-data leaks, places.

Scores the development sets (tests/data/casualty_dev.jsonl, tests/data/pii_dev.jsonl) and any
blind batches named on the command line, per file and pooled over those files:

    python benchmarks/accuracy.py [--json] [--misses N] [--no-dev] [BATCH.jsonl ...]

A blind line is {"id","lang","text","casualties":[{"category","count","approximate","side"}],
"themes":[...], "entities":[{"label","start","end","text"}], "places":[{"text","start","end","name",
"region"}]}; a section a file lacks is not scored for it (printed "-"). Definitions:

- casualties: gold and predicted mentions of a text matched by category, exactly as
  ``analysis.evaluate`` (and so tests/test_themes.py) does; P/R/F1 over the matches, count accuracy =
  matched mentions whose count and approximate flag are both right; false alarms = share of texts with
  no gold casualty that get any; side accuracy over matched mentions whose prediction has a ``side``
  ("n/a" while the analyzer outputs none).
- themes: micro P/R/F1 over (text, theme) pairs, the text's themes being the set of theme names.
- personal data: each text is redacted as ``overheard redact --mode mask`` does (places kept). A gold
  PER/PHONE/CALLSIGN/UNIT item leaks ("exact") when its text, folded (lower case, ё=е, one apostrophe),
  still stands in the folded output as a whole word sequence; "partial" is tests/test_redact.py's rule
  (any word of 3+ letters of a name or call sign, a phone's last 7 digits, a unit's number next to its
  formation word). Full names are PER items with a space. Over-masking = share of word tokens outside
  every gold entity that a replacement covers.
- places: a gold place is found when a LOC entity of the analyzer overlaps its span (the one with the
  largest overlap is taken); oblast accuracy = found places whose ``geo.oblast`` equals the gold region
  (exact string), with the confusions listed. In pii_dev.jsonl the gold LOC entities are the places.

Models and lexicons load once; ~300 texts take a few seconds.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DEV_SETS = (ROOT / "tests/data/casualty_dev.jsonl", ROOT / "tests/data/pii_dev.jsonl")
CATEGORIES = ("killed", "wounded", "refused", "missing", "captured", "deserted")
PII = ("PER", "PHONE", "CALLSIGN", "UNIT")
TOKEN = re.compile(r"\w+(?:['’ʼ]\w+)*")
LETTERS = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")


@dataclass
class Tally:
    """Raw counts of one file (or several, merged); figures are derived from them."""

    sections: set[str] = field(default_factory=set)
    n: Counter = field(default_factory=Counter)
    confusions: Counter = field(default_factory=Counter)
    misses: list[dict[str, Any]] = field(default_factory=list)

    def merge(self, other: Tally) -> None:
        """Add ``other``'s counts and misses to this tally."""
        self.sections |= other.sections
        self.n.update(other.n)
        self.confusions.update(other.confusions)
        self.misses += other.misses


def excerpt(text: str, start: int = 0, end: int = 0, width: int = 60) -> str:
    """The text around ``[start, end)`` on one line, at most ``2 * width`` characters beyond the span."""
    left, right = max(0, start - width), min(len(text), end + width) if end else min(len(text), 2 * width)
    piece = text[left:right].replace("\n", " ")
    return ("…" if left else "") + piece + ("…" if right < len(text) else "")


def match_casualties(gold: list[dict], predicted: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """(matched pairs, missed gold, spurious predictions), matched by category as ``analysis.evaluate`` does."""

    def key(c: dict) -> tuple:
        return c["category"], c["count"], c["approximate"]

    keys = [key(p) for p in predicted]
    unmatched = list(predicted)
    pairs, missed = [], []
    for item in sorted(gold, key=lambda g: key(g) not in keys):
        same = [p for p in unmatched if p["category"] == item["category"]]
        if not same:
            missed.append(item)
            continue
        best = next((p for p in same if key(p) == key(item)), same[0])
        unmatched.remove(best)
        pairs.append((item, best))
    return pairs, missed, unmatched


def show(c: dict) -> str:
    """A casualty mention in one short string."""
    side = f" {c['side']}" if c.get("side") else ""
    where = f" '{c['text']}'" if c.get("text") else ""
    return f"{c['category']} {c['count']}{'~' if c['approximate'] else ''}{side}{where}"


def readable(item: str, output: str) -> bool:
    """True when ``item`` (folded) stands in ``output`` (folded) with no letter or digit glued to it."""
    from overheard.text import fold

    return re.search(rf"(?<!\w){re.escape(fold(item))}(?!\w)", fold(output)) is not None


def readable_in_part(item: dict, output: str) -> bool:
    """tests/test_redact.py's ``leaked``: the item, or an identifying part of it, can be read in the output."""
    from overheard.text import fold

    if item["label"] == "PHONE":
        digits = re.sub(r"\D", "", item["text"])
        if len(digits) >= 7 and digits[-7:] in re.sub(r"\D", "", output):
            return True
    if fold(item["text"]) in fold(output):
        return True
    if item["label"] in ("PER", "CALLSIGN"):
        words = {fold(w) for w in LETTERS.findall(output)}
        return any(len(w) >= 3 and fold(w) in words for w in LETTERS.findall(item["text"]))
    if item["label"] == "UNIT":
        return any(re.search(rf"(?<!\d){n}(?!\d)\s*-?\s*\w*\s*(?:бригад|полк|бат|рот|взвод|диви|арм|в/ч)", output)
                   for n in re.findall(r"\d{2,5}", item["text"]))
    return False


class Scorer:
    """The analyzer and the mask-mode redactor, built once, scoring gold records into a Tally."""

    def __init__(self) -> None:
        from overheard.annotate.analysis import default_analyzer
        from overheard.redact import Policy, Redactor

        self.analyzer = default_analyzer()
        self.redactor = Redactor(b"", Policy("mask", "keep"))  # as `overheard redact --mode mask`

    def score(self, records: list[dict], source: str) -> Tally:
        """Counts and misses of every record of one file."""
        tally = Tally()
        for record in records:
            self._record(record, source, tally)
        return tally

    def _record(self, record: dict, source: str, tally: Tally) -> None:
        text, lang = record["text"], record.get("lang") or "auto"
        out = self.analyzer.analyze(text, lang)
        n, rid = tally.n, record["id"]
        tally.n["texts"] += 1

        def miss(metric: str, gold: Any, predicted: Any, start: int = 0, end: int = 0) -> None:
            tally.misses.append({"metric": metric, "file": source, "id": rid, "excerpt": excerpt(text, start, end),
                                 "gold": gold, "predicted": predicted})

        if "casualties" in record:
            tally.sections.add("casualties")
            gold, predicted = record["casualties"], out["casualties"]
            pairs, missed, spurious = match_casualties(gold, predicted)
            for g, p in pairs:
                n["cas", g["category"], "tp"] += 1
                same_count = (g["count"], g["approximate"]) == (p["count"], p["approximate"])
                n["counts_right"] += same_count
                if not same_count:
                    miss("count", show(g), show(p), p["start"], p["end"])
                if p.get("side") is not None and g.get("side") is not None:
                    n["side_scored"] += 1
                    n["side_right"] += p["side"] == g["side"]
                    if p["side"] != g["side"]:
                        miss("side", show(g), show(p), p["start"], p["end"])
            for g in gold:
                n["side_gold", g.get("side") or "none"] += 1
            for g in missed:
                n["cas", g["category"], "fn"] += 1
                miss("casualty missed", show(g), "; ".join(map(show, predicted)) or "nothing")
            for p in spurious:
                n["cas", p["category"], "fp"] += 1
                miss("casualty spurious", "; ".join(map(show, gold)) or "nothing", show(p), p["start"], p["end"])
            if not gold:
                n["free"] += 1
                n["free_flagged"] += bool(predicted)
        if "themes" in record:
            tally.sections.add("themes")
            gold_themes, found = set(record["themes"]), {t["theme"] for t in out["themes"]}
            for theme in gold_themes | found:
                n["theme", theme, "tp" if theme in gold_themes & found else "fn" if theme in gold_themes else "fp"] += 1
            if gold_themes - found:
                miss("theme missed", sorted(gold_themes), sorted(found))
            if found - gold_themes:
                miss("theme spurious", sorted(gold_themes), sorted(found))
        if "entities" in record:
            tally.sections.add("personal_data")
            self._personal_data(record, tally, miss)
        places = record.get("places")
        if places is None and "entities" in record:  # pii_dev: gold LOC entities, no region
            places = [{**e, "region": None} for e in record["entities"] if e["label"] == "LOC"]
        if places is not None:
            tally.sections.add("places")
            self._places(places, out["entities"], tally, miss)

    def _personal_data(self, record: dict, tally: Tally, miss) -> None:
        from overheard.jobs.redaction import redact_text

        text, n = record["text"], tally.n
        lang = record.get("lang") if record.get("lang") in ("ru", "uk") else None
        redaction = redact_text(text, self.redactor, lang)
        output = redaction.text
        for item in record["entities"]:
            if item["label"] not in PII:
                continue
            groups = [item["label"], "all"]
            groups += ["full_name"] if item["label"] == "PER" and " " in item["text"].strip() else []
            exact, partial = readable(item["text"], output), readable_in_part(item, output)
            for group in groups:
                n["pii", group, "items"] += 1
                n["pii", group, "exact"] += exact
                n["pii", group, "partial"] += partial
            if exact or partial:
                miss("leak" if exact else "leak (partial)", f"{item['label']} '{item['text']}'",
                     f"output: {output.replace(chr(10), ' ')}", item["start"], item["end"])
        spans = [(e["start"], e["end"]) for e in record["entities"]]
        covered = [(r.start, r.end, r.label) for r in redaction.replacements]
        for token in TOKEN.finditer(text):
            s, e = token.span()
            if any(s < b and a < e for a, b in spans):
                continue
            n["tokens"] += 1
            hit = next((label for a, b, label in covered if s < b and a < e), None)
            if hit:
                n["masked"] += 1
                miss("over-masking", "not personal data", f"{token.group()} masked as {hit}", s, e)

    def _places(self, places: list[dict], entities: list[dict], tally: Tally, miss) -> None:
        n = tally.n
        locs = [e for e in entities if e["label"] == "LOC"]
        for place in places:
            n["places"] += 1
            s, e = place["start"], place["end"]
            overlapping = [loc for loc in locs if s < loc["end"] and loc["start"] < e]
            gold = f"'{place['text']}' {place.get('name') or ''} ({place['region']})".replace("  ", " ")
            if not overlapping:
                miss("place missed", gold, "no LOC", s, e)
                continue
            n["found"] += 1
            best = max(overlapping, key=lambda loc: min(e, loc["end"]) - max(s, loc["start"]))
            geo = (best.get("attributes") or {}).get("geo") or {}
            if place["region"] is None:
                continue
            n["regioned"] += 1
            predicted = geo.get("oblast") or ("unresolved" if not geo else geo.get("country") or "none")
            if _same_region(predicted, place["region"]):
                n["region_right"] += 1
            else:
                tally.confusions[place["region"], predicted] += 1
                miss("oblast", gold, f"'{best['text']}' {geo.get('name', '')} ({predicted})", s, e)


# one region spelt two ways: the tool's names (place_aliases.yaml admin1) -> the other spelling annotators use
# (GeoNames' own: "Tyva Republic", "Gomel Oblast"; transliterated from Russian or from Belarusian)
# "Primorye" is GeoNames' name of Primorsky Krai, "Sakha" GeoNames' name of the republic most call Yakutia;
# "Kyiv" is what some annotators call the region of Kyiv itself
# (the tool says "Kyiv City", apart from the oblast around it, as most do: a Kyiv-oblast town read as Kyiv City
# stays an error)
_SPELLINGS = {"Tuva": "Tyva", "Homel": "Gomel", "Hrodna": "Grodno", "Mogilev": "Mahilyow", "Primorye": "Primorsky Krai",
              "Kyiv City": "Kyiv", "Sakha": "Yakutia"}


def _same_region(predicted: str, gold: str) -> bool:
    """Region names compared as ANNOTATION.md asks (short English names): an annotator's "Krasnodar Krai" or
    "Zabaykalsky Krai" is the tool's "Krasnodar", "Zabaykalsky" ("Altai Krai" stays apart from "Altai Republic");
    "Tyva" is "Tuva", "Gomel" "Homel", "Primorsky Krai" "Primorye", "Yakutia" "Sakha" (one region, two names), and
    "Kyiv" the tool's "Kyiv City"."""
    if _SPELLINGS.get(predicted, "").removesuffix(" Krai") == gold.removesuffix(" Krai"):
        return True
    return predicted == gold or predicted.removesuffix(" Krai") == gold.removesuffix(" Krai") != "Altai"


def ratio(num: int, den: int) -> float | None:
    """num / den, or None when there is nothing to divide."""
    return num / den if den else None


def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    """Precision, recall and F1 (None where undefined) with the counts."""
    p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
    f1 = ratio(2 * tp, 2 * tp + fp + fn)
    return {"precision": p, "recall": r, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def figures(tally: Tally) -> dict[str, Any]:
    """Every figure of a tally, as plain JSON-ready values (a section the gold lacks is None)."""
    n = tally.n
    out: dict[str, Any] = {"texts": n["texts"], "casualties": None, "themes": None, "personal_data": None,
                           "places": None}
    if "casualties" in tally.sections:
        total = [sum(n["cas", c, k] for c in CATEGORIES) for k in ("tp", "fp", "fn")]
        out["casualties"] = {
            **prf(*total),
            "count_accuracy": ratio(n["counts_right"], total[0]), "counts_right": n["counts_right"],
            "false_alarm_rate": ratio(n["free_flagged"], n["free"]), "free_texts": n["free"],
            "free_flagged": n["free_flagged"],
            "side_accuracy": ratio(n["side_right"], n["side_scored"]), "side_scored": n["side_scored"],
            "gold_sides": dict(sorted((k[1], v) for k, v in n.items() if isinstance(k, tuple) and k[0] == "side_gold")),
            "per_category": {c: prf(n["cas", c, "tp"], n["cas", c, "fp"], n["cas", c, "fn"]) for c in CATEGORIES},
        }
    if "themes" in tally.sections:
        themes = sorted({key[1] for key in n if isinstance(key, tuple) and key[0] == "theme"})
        per = {t: prf(n["theme", t, "tp"], n["theme", t, "fp"], n["theme", t, "fn"]) for t in themes}
        out["themes"] = {**prf(*(sum(p[k] for p in per.values()) for k in ("tp", "fp", "fn"))), "per_theme": per}
    if "personal_data" in tally.sections:
        leaks = {}
        for group in (*PII, "all", "full_name"):
            items = n["pii", group, "items"]
            leaks[group] = {"items": items, "leaked": n["pii", group, "exact"], "leaked_partial":
                            n["pii", group, "partial"], "leak_rate": ratio(n["pii", group, "exact"], items),
                            "partial_rate": ratio(n["pii", group, "partial"], items)}
        out["personal_data"] = {"leaks": leaks, "tokens": n["tokens"], "masked": n["masked"],
                                "over_masking": ratio(n["masked"], n["tokens"])}
    if "places" in tally.sections:
        out["places"] = {
            "gold": n["places"], "found": n["found"], "recall": ratio(n["found"], n["places"]),
            "with_region": n["regioned"], "region_right": n["region_right"],
            "oblast_accuracy": ratio(n["region_right"], n["regioned"]),
            "confusions": [{"gold": g, "predicted": p, "count": c} for (g, p), c in tally.confusions.most_common()],
        }
    return out


def load(path: Path) -> list[dict]:
    """The records of a JSON Lines file; a bad line or a gold span that does not match the text stops the run."""
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise SystemExit(f"{path}:{number}: not valid JSON ({error.msg})") from None
        for span in record.get("entities", []) + record.get("places", []):
            if record["text"][span["start"] : span["end"]] != span["text"]:
                raise SystemExit(f"{path}:{number}: gold span {span['start']}-{span['end']} does not match its text")
        records.append(record)
    return records


def rows(fig: dict[str, Any]) -> list[tuple[str, str]]:
    """(metric, cell) rows of one column of the table."""

    def num(x: float | None) -> str:
        return "n/a" if x is None else f"{x:.3f}"

    def pct(part: int, whole: int) -> str:
        return "n/a" if not whole else f"{100 * part / whole:.1f}% {part}/{whole}"

    def trio(p: dict) -> str:
        return "/".join("-" if p[k] is None else f"{p[k]:.2f}" for k in ("precision", "recall", "f1"))

    out = [("texts", str(fig["texts"]))]
    cas, themes, pii, places = fig["casualties"], fig["themes"], fig["personal_data"], fig["places"]
    out += [("casualty P/R/F1", trio(cas) if cas else "-"),
            ("  matched / fp / fn", f"{cas['tp']} / {cas['fp']} / {cas['fn']}" if cas else "-"),
            ("  count accuracy", num(cas["count_accuracy"]) if cas else "-"),
            ("  false alarms (free texts)", pct(cas["free_flagged"], cas["free_texts"]) if cas else "-"),
            ("  side accuracy", (num(cas["side_accuracy"]) if cas["side_scored"] else "n/a") if cas else "-")]
    for c in CATEGORIES:
        p = cas["per_category"][c] if cas else None
        out.append((f"  F1 {c}", "-" if not p else "n/a" if p["f1"] is None else
                    f"{p['f1']:.2f} ({p['tp'] + p['fn']})"))
    out.append(("theme micro P/R/F1", trio(themes) if themes else "-"))
    for theme in sorted({t for t in (themes or {}).get("per_theme", {})}):
        p = themes["per_theme"][theme]
        out.append((f"  {theme}", f"{trio(p)} ({p['tp'] + p['fn']})"))
    for group, name in [*((lab, f"leak {lab}") for lab in PII), ("all", "leak all PII"),
                        ("full_name", "leak full names")]:
        leak = pii["leaks"][group] if pii else None
        out.append((name, pct(leak["leaked"], leak["items"]) if leak else "-"))
    out.append(("  partial (test rule) all", pct(pii["leaks"]["all"]["leaked_partial"], pii["leaks"]["all"]["items"])
                if pii else "-"))
    out.append(("  partial full names", pct(pii["leaks"]["full_name"]["leaked_partial"],
                                            pii["leaks"]["full_name"]["items"]) if pii else "-"))
    out.append(("over-masking (tokens)", pct(pii["masked"], pii["tokens"]) if pii else "-"))
    out.append(("place recall", pct(places["found"], places["gold"]) if places else "-"))
    out.append(("oblast accuracy (found)", pct(places["region_right"], places["with_region"]) if places else "-"))
    return out


def table(columns: dict[str, dict[str, Any]]) -> str:
    """The figures of several files side by side."""
    cells = {name: dict(rows(fig)) for name, fig in columns.items()}
    metrics: list[str] = []
    for fig in columns.values():
        metrics += [m for m, _ in rows(fig) if m not in metrics]
    widths = {name: max(len(name), *(len(c.get(m, "-")) for m in metrics for c in [cells[name]])) for name in cells}
    label = max(map(len, metrics))
    lines = [" " * label + "  " + "  ".join(name.rjust(widths[name]) for name in cells)]
    for metric in metrics:
        lines.append(metric.ljust(label) + "  " + "  ".join(cells[n].get(metric, "-").rjust(widths[n]) for n in cells))
    return "\n".join(lines)


def short(path: Path) -> str:
    """A column name for a file: 'author-A-batch1.jsonl' -> 'A-batch1'."""
    return path.stem.removeprefix("author-")


def main() -> None:
    """Score the dev sets and the given blind batches; print the table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="blind batch files (JSON Lines with gold)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--misses", type=int, default=0, metavar="N", help="also list up to N misses per metric")
    parser.add_argument("--no-dev", action="store_true", help="skip the development sets")
    args = parser.parse_args()

    scorer = Scorer()
    dev = {} if args.no_dev else {path.stem: scorer.score(load(path), path.name) for path in DEV_SETS}
    blind: dict[str, Tally] = {}
    for path in args.files:
        name = short(path) if short(path) not in blind else str(path)
        blind[name] = scorer.score(load(path), path.name)
    pooled = Tally()
    for tally in blind.values():
        pooled.merge(tally)
    blind_columns = {name: figures(t) for name, t in blind.items()}
    if blind:
        blind_columns["pooled"] = figures(pooled)
    dev_columns = {name: figures(t) for name, t in dev.items()}

    def misses(tally: Tally) -> dict[str, list[dict]]:
        grouped: dict[str, list[dict]] = {}
        for item in tally.misses:
            grouped.setdefault(item["metric"], []).append(item)
        return {metric: items[: args.misses] for metric, items in grouped.items()}

    if args.json:
        result: dict[str, Any] = {"dev": dev_columns, "blind": blind_columns}
        if args.misses:
            result["misses"] = {"dev": {k: misses(t) for k, t in dev.items()}, "blind": misses(pooled)}
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    for title, columns in (("blind batches", blind_columns), ("development sets", dev_columns)):
        if not columns:
            continue
        print(f"== {title}\n{table(columns)}")
        print("P/R/F1: '-' where nothing was predicted; (n) = gold items; x% a/b = a of b")
        places = (columns.get("pooled") or {}).get("places")
        if places:
            pairs = ", ".join(f"{c['gold']}→{c['predicted']} ×{c['count']}" for c in places["confusions"])
            print(f"oblast confusions (pooled, gold→predicted): {pairs or 'none'}")
        print()
    if args.misses:
        for title, tally in (*(("dev " + k, t) for k, t in dev.items()), ("blind pooled", pooled)):
            for metric, items in misses(tally).items():
                print(f"== misses: {title}: {metric} ({len([m for m in tally.misses if m['metric'] == metric])})")
                for m in items:
                    print(f"  {m['file']} {m['id']}: {m['excerpt']}")
                    print(f"      gold: {m['gold']} | predicted: {m['predicted']}")


if __name__ == "__main__":
    main()
