"""Does the learned name model help on text it was not trained on? Rules alone against rules + model (issue 17).

    python benchmarks/name_model.py [--train GLOB ...] [--test GLOB ...] [--thresholds 0.5 0.7 0.9] [--factrueval]
    python benchmarks/name_model.py --model src/overheard/lexicons/name_model.json --test ... --factrueval

Trains the token classifier (scripts/train_name_model.py's ``fit``) on the training files only (default: blind
rounds 1-8 and tests/data/pii_dev.jsonl), then redacts each held-out file (default: rounds 9, 10, 11) as
``overheard redact --mode mask`` does with the rules alone, and adds the words the model scores at or above
each threshold among the words no personal-data entity covers (a word the rules read as a place or an
organisation only when it can be a name: ``--places``). Figures as benchmarks/accuracy.py counts them: a gold
PER/CALLSIGN/PHONE/UNIT item leaks when its folded text still stands in the output as whole words;
over-masking is the share of word tokens outside every gold entity that are masked. ``--factrueval`` adds the
factRuEval-2016 news test set, counted as
benchmarks/factrueval.py counts it (a name span leaks when any letter of it stays readable; over-masking over
tokens outside every gold name span, places and organisations included).
"""

from __future__ import annotations

import argparse
import glob
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))

PII = ("PER", "PHONE", "CALLSIGN", "UNIT")
MASK = "█████"


def _spans_text(text: str, spans: list[tuple[int, int]]) -> str:
    out, last = [], 0
    for s, e in sorted(spans):
        if s < last:
            s = last
        if e <= s:
            continue
        out += [text[last:s], MASK]
        last = e
    return "".join(out) + text[last:]


class Case:
    """One held-out text: what the rules masked, the words they left to the model, and the model's scores."""

    def __init__(self, text: str, readable_text: str, lang: str, gold: list[dict], masked: list[tuple[int, int]],
                 words: list, skip: list[int], placed: list[int], factrueval: bool = False) -> None:
        self.text, self.readable_text, self.lang, self.gold, self.masked = text, readable_text, lang, gold, masked
        self.words, self.skip, self.placed, self.fre = words, skip, placed, factrueval
        self.free: list[tuple[int, int, float]] = []

    def score_with(self, model, places: str = "name") -> None:
        """The model's probability of every word the rules left; ``places``: the words the rules read as a place
        or an organisation are scored never ("no"), when they can be a name ("name"), or always ("all")."""
        from overheard.annotate.rules.entities.learned import never_scored, person_reading, ruled_word, scored_words

        placed = [i for i in self.placed if places == "no" or places == "name" and not person_reading(
            self.words[i][2], self.lang)]
        ruled = [i for i, (_s, e, word) in enumerate(self.words)
                 if ruled_word(word, self.lang, self.readable_text[e : e + 2]) or never_scored(word)]
        self.free = [(self.words[i][0], self.words[i][1], p) for i, p in scored_words(
            self.readable_text, self.words, self.lang, model, self.skip + placed + ruled)]


def analyse(rows: list[dict], factrueval: bool = False) -> list[Case]:
    """Rules-only redaction of every row and the words it leaves to the model."""
    from overheard.annotate.components.entities import EntityAnnotator, protected_spans
    from overheard.annotate.doc import Doc
    from overheard.redact import Policy, Redactor
    from overheard.text import detect_language

    annotator = EntityAnnotator(name_model=False)
    redactor = Redactor(b"", Policy("mask", "keep"))
    cases = []
    for row in rows:
        lang = row.get("lang") if row.get("lang") in ("ru", "uk") else detect_language(row["text"])
        doc = Doc(row["text"], lang)
        findings = annotator.annotate(doc)
        protected = protected_spans(doc)
        redaction = redactor.apply(row["text"], findings, lang, protected)
        masked = [(r.start, r.end) for r in redaction.replacements]
        taken = [(f.start, f.end) for f in findings if f.label in PII]
        other = [(f.start, f.end) for f in findings if f.label not in PII]
        words = doc.words
        skip = [i for i, (s, e, _) in enumerate(words)
                if any(s < b and a < e for a, b in taken) or any(s < b and a < e for a, b in protected)]
        placed = [i for i, (s, e, _) in enumerate(words)
                  if i not in skip and any(s < b and a < e for a, b in other)]
        gold = row.get("entities") if not factrueval else [
            {"start": s, "end": e, "label": "PER", "text": row["text"][s:e]} for s, e, *_ in row["names"]]
        cases.append(Case(row["text"], doc.readable_text, lang, gold, masked, words, skip, placed, factrueval))
    return cases


def score(cases: list[Case], threshold: float | None) -> Counter:
    """Leaks and over-masking with the model's words at or above ``threshold`` masked (None: rules alone)."""
    from accuracy import TOKEN, readable
    from factrueval import TOKEN as FTOKEN
    from factrueval import _covered

    n: Counter = Counter()
    for c in cases:
        extra = [(s, e) for s, e, p in c.free if threshold is not None and p >= threshold]
        masked = c.masked + extra
        if c.fre:
            for g in c.gold:
                n["items"] += 1
                n["leaked"] += not _covered(g["start"], g["end"], masked, c.text)
            spans = [(g["start"], g["end"]) for g in c.gold]
            tokens = FTOKEN
        else:
            output = _spans_text(c.text, masked)
            for g in c.gold:
                if g["label"] not in PII:
                    continue
                leaked = readable(g["text"], output)
                n["items"] += 1
                n["leaked"] += leaked
                n["items", g["label"]] += 1
                n["leaked", g["label"]] += leaked
            spans = [(g["start"], g["end"]) for g in c.gold]
            tokens = TOKEN
        outside, over = over_masking(c.text, spans, masked, tokens)
        n["tokens"] += outside
        n["over"] += over
    return n


def over_masking(text: str, gold: list[tuple[int, int]], masked: list[tuple[int, int]],
                 tokens: re.Pattern[str]) -> tuple[int, int]:
    """The word tokens of ``text`` outside every ``gold`` span, and how many of them a ``masked`` span touches."""
    outside = over = 0
    for m in tokens.finditer(text):
        s, e = m.span()
        if any(s < b and a < e for a, b in gold):
            continue
        outside += 1
        over += any(s < b and a < e for a, b in masked)
    return outside, over


def pct(a: int, b: int) -> str:
    """"5.6% 16/287"."""
    return f"{100 * a / b:.1f}% {a}/{b}" if b else "-"


def main() -> None:
    """Train, analyse, print the table."""
    from train_name_model import fit, records

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", nargs="*",
                        default=["tests/data/blind/round[1-8]/*.jsonl", "tests/data/pii_dev.jsonl"])
    parser.add_argument("--test", nargs="*", default=["tests/data/blind/round9", "tests/data/blind/round10",
                                                      "tests/data/blind/round11"])
    parser.add_argument("--thresholds", nargs="*", type=float, default=[0.5, 0.7, 0.8, 0.9, 0.95])
    parser.add_argument("--places", choices=("no", "name", "all"), default="name",
                        help="words the rules read as a place or organisation: never scored, scored when they "
                             "can be a name (default), always scored")
    parser.add_argument("--factrueval", action="store_true")
    parser.add_argument("--l2", type=float, default=None)
    parser.add_argument("--epochs", type=int, default=None)
    parser.add_argument("--model", type=Path, default=None,
                        help="score with this trained model file (lexicons/name_model.json) instead of training one")
    args = parser.parse_args()
    if args.model:
        from overheard.annotate.rules.entities.learned import TokenModel

        model = TokenModel.from_json(args.model.read_text(encoding="utf-8"))
        print(f"model {args.model}: {len(model.weights)} weights")
    else:
        train = sorted(p for pattern in args.train for p in glob.glob(str(ROOT / pattern)))
        kwargs = {k: v for k, v in (("l2", args.l2), ("epochs", args.epochs)) if v is not None}
        model = fit(train, **kwargs)
        print(f"trained on {len(train)} files: {model.meta['texts']} texts, {model.meta['words']} words, "
              f"{len(model.weights)} weights")
    sets: dict[str, list[Case]] = {}
    for folder in args.test:
        files = sorted(glob.glob(str(ROOT / folder / "*.jsonl"))) if (ROOT / folder).is_dir() else [str(ROOT / folder)]
        sets[Path(folder).name] = analyse(records(files))
    if args.factrueval:
        from factrueval import load

        sets["factRuEval"] = analyse([{**r, "lang": "ru"} for r in load()], factrueval=True)
    header = ["rules alone"] + [f"+ model ≥ {t}" for t in args.thresholds]
    print("| set | figure | " + " | ".join(header) + " |")
    print("|---|---|" + "---|" * len(header))
    for name, cases in sets.items():
        for case in cases:
            case.score_with(model, args.places)
        runs = [score(cases, None)] + [score(cases, t) for t in args.thresholds]
        print(f"| {name} | leak all | " + " | ".join(pct(r["leaked"], r["items"]) for r in runs) + " |")
        for label in ("PER", "CALLSIGN"):
            if runs[0]["items", label]:
                print(f"| {name} | leak {label} | " + " | ".join(pct(r["leaked", label], r["items", label])
                                                           for r in runs) + " |")
        print(f"| {name} | over-masking | " + " | ".join(pct(r["over"], r["tokens"]) for r in runs) + " |")


if __name__ == "__main__":
    main()
