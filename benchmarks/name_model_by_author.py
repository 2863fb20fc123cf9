"""The learned name model held out by author: leave-one-author-out over the corpus (issue 17).

    python benchmarks/name_model_by_author.py [--thresholds 0.5 0.7 0.8 0.9] [--folds 18] [--cache DIR]

For each of the corpus's authors (``corpus/author-*.jsonl``) the token classifier is trained
(scripts/train_name_model.py's settings) on the other authors + every folded blind round + tests/data/pii_dev.jsonl
and scores the left-out author's texts; the figures are pooled over the folds. Beside it, the same texts with
the rules alone and with the shipped model (``lexicons/name_model.json``; when it was not trained on the corpus it
is held out too). Counted as benchmarks/accuracy.py counts: an item leaks ("exact") when its folded text still
stands in the output as whole words, "partial" by tests/test_redact.py's rule; over-masking is the share of word
tokens outside every gold entity that are masked. ``--folds 8`` deals the authors into eight folds (faster).
"""

from __future__ import annotations

import argparse
import glob
import math
import pickle
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))

PII = ("PER", "PHONE", "CALLSIGN", "UNIT")
BASE = sorted(glob.glob(str(ROOT / "tests/data/blind/round*/*.jsonl"))) + [str(ROOT / "tests/data/pii_dev.jsonl")]
AUTHORS = sorted(glob.glob(str(ROOT / "corpus/author-*.jsonl")))


def free_words(case) -> list[tuple[int, int, list[str], bool]]:
    """(start, end, features, ruled) of every word of a held-out case the model may score (benchmarks/name_model.py's
    ``score_with`` with places scored when they can be a name, never the words of :func:`...learned.never_scored` nor
    those its gates drop, :func:`...learned.gated`);
    ``ruled``: a word a lexicon decides
    (:func:`...learned.ruled_word`), masked only at ``--ruled`` thresholds."""
    from overheard.annotate.rules.entities.learned import (
        _Text,
        candidate_word,
        gated,
        never_scored,
        person_reading,
        ruled_word,
        token_features,
    )

    skip = set(case.skip) | {i for i in case.placed if not person_reading(case.words[i][2], case.lang)}
    shared = _Text.of(case.readable_text, case.words, case.lang)
    out = []
    for i, (s, e, word) in enumerate(case.words):
        if i in skip or not candidate_word(word, case.lang) or never_scored(word) or gated(
                case.readable_text, case.words, case.lang, i):
            continue
        out.append((s, e, token_features(case.readable_text, case.words, case.lang, i, shared=shared),
                    ruled_word(word, case.lang, case.readable_text[e : e + 2])))
    return out


def prepare(cache: Path | None, narrative: int | None = None):
    """Training examples per file (the folded rounds, the dev set and ``narrative`` generated tune sentences of each
    kind, as scripts/train_name_model.py adds them, together) and held-out cases (with their free words) per author,
    cached in ``cache``."""
    from name_model import analyse
    from train_name_model import NARRATIVE_TUNE, examples, narrative_rows, records

    path = cache / "prepared.pkl" if cache else None
    if path and path.exists():
        return pickle.loads(path.read_bytes())
    base = examples(records(BASE) + narrative_rows(NARRATIVE_TUNE if narrative is None else narrative))
    per_author, cases = {}, {}
    for a in AUTHORS:
        rows = records([a])
        per_author[a] = examples(rows)
        cs = analyse(rows)
        for c in cs:
            c.free_features = free_words(c)
            # plain tuples: the shared Words (and its parses) do not pickle
            c.words = [(s, e, w) for s, e, w in c.words]
        cases[a] = cs
    data = (base, per_author, cases)
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(data))
    return data


def dropped(base, per_author, cases, prefixes: tuple[str, ...]):
    """The prepared data without the features that start with any of ``prefixes``."""
    def keep(feats):
        return [f for f in feats if not f.startswith(prefixes)]

    base = [(keep(f), y) for f, y in base]
    per_author = {a: [(keep(f), y) for f, y in xs] for a, xs in per_author.items()}
    for cs in cases.values():
        for c in cs:
            c.free_features = [(s, e, keep(f), r) for s, e, f, r in c.free_features]
    return base, per_author, cases


def probabilities(weights: dict[str, float], bias: float, cases) -> None:
    """Each case's ``free`` list: (start, end, probability) of its free words under the model."""
    for c in cases:
        c.free = []
        for s, e, feats, ruled in c.free_features:
            z = bias + sum(weights.get(f, 0.0) for f in feats)
            c.free.append((s, e, 1.0 / (1.0 + math.exp(-z)) if z > -35 else 0.0, ruled))


def chosen(c, threshold: float | None, ruled: float | None = None) -> list[tuple[int, int]]:
    """The spans masked in case ``c``: the rules', the model's free words at or above ``threshold`` and its ruled
    words at or above ``ruled``."""
    return c.masked + [(s, e) for s, e, p, r in c.free if (threshold is not None and not r and p >= threshold)
                       or (r and ruled is not None and p >= ruled)]


def tally(cases, threshold: float | None, ruled: float | None = None) -> Counter:
    """Leaks (exact, partial) and over-masking of ``cases`` with their free words at or above ``threshold``."""
    from accuracy import TOKEN, readable, readable_in_part
    from name_model import _spans_text, over_masking

    n: Counter = Counter()
    for c in cases:
        masked = chosen(c, threshold, ruled)
        output = _spans_text(c.text, masked)
        for g in c.gold:
            if g["label"] not in PII:
                continue
            exact = readable(g["text"], output)
            n["items"] += 1
            n["leaked"] += exact
            n["partial"] += exact or readable_in_part(g, output)
            n["leaked", g["label"]] += exact
        outside, over = over_masking(c.text, [(g["start"], g["end"]) for g in c.gold], masked, TOKEN)
        n["tokens"] += outside
        n["over"] += over
    return n


def report(name: str, runs: list[tuple[float | None, float | None, Counter]]) -> None:
    """Print one block of the table."""
    print(name, flush=True)
    for t, rt, r in runs:
        print(f"  {t} ruled {rt}: leak {r['leaked']}/{r['items']} (PER {r['leaked', 'PER']}, CALLSIGN "
              f"{r['leaked', 'CALLSIGN']}, UNIT {r['leaked', 'UNIT']}) partial {r['partial']}; "
              f"over-masking {r['over']}/{r['tokens']}", flush=True)


def main() -> None:
    """Prepare, train the folds, print the pooled table."""
    from train_name_model import EPOCHS, L2, MIN_COUNT

    from overheard.annotate.rules.entities.learned import TokenModel, shipped_model

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--thresholds", nargs="*", type=float, default=[0.5, 0.6, 0.7, 0.8, 0.9])
    parser.add_argument("--ruled", nargs="*", type=float, default=[0.9, 0.95, 0.98],
                        help="thresholds tried for the words a lexicon decides (never masked by the shipped code)")
    parser.add_argument("--folds", type=int, default=18)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--reuse", action="store_true", help="the held-out probabilities of the last run in --cache")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--drop", nargs="*", default=[], metavar="PREFIX",
                        help="leave out the features starting with these (e.g. 'role' 'vocab_elsewhere': the features "
                             "before the role features of rules/entities/roles.py), in training and held out")
    parser.add_argument("--misses", nargs=2, type=float, default=None, metavar=("T", "RULED"),
                        help="print the leaks and over-masked words at these thresholds")
    parser.add_argument("--misses-of", nargs="*", default=None, metavar="CODE",
                        help="print misses only of these authors (codes such as TA UC), so a held-out half stays"
                             " unread")
    parser.add_argument("--no-roles", action="store_true",
                        help="without the role features (rules/entities/roles.py), as 2026.12.4 was trained")
    parser.add_argument("--narrative", type=int, default=None,
                        help="generated tune narrative sentences of each kind in every fold's training data (default: "
                             "scripts/train_name_model.py's NARRATIVE_TUNE)")
    args = parser.parse_args()
    if args.no_roles:
        from overheard.annotate.rules.entities import learned

        learned.ROLES = False
    base, per_author, cases = prepare(args.cache, args.narrative)
    if args.drop:
        base, per_author, cases = dropped(base, per_author, cases, tuple(args.drop))
    everything = [c for a in AUTHORS for c in cases[a]]
    shipped = shipped_model()
    report("rules alone", [(None, None, tally(everything, None))])
    if shipped is not None:
        probabilities(shipped.weights, shipped.bias, everything)
        report(f"+ shipped model (threshold {shipped.threshold})", [(t, None, tally(everything, t))
                                                                     for t in args.thresholds])
    probs = args.cache / f"heldout-{args.folds}{'-drop' if args.drop else ''}.pkl" if args.cache else None
    if args.reuse and probs and probs.exists():
        for c, free in zip(everything, pickle.loads(probs.read_bytes()), strict=True):
            c.free = free
    else:
        for group in [AUTHORS[k :: args.folds] for k in range(args.folds)]:
            train_set = base + [x for a in AUTHORS if a not in group for x in per_author[a]]
            model = TokenModel.fit(train_set, l2=args.l2, epochs=args.epochs, min_count=MIN_COUNT)
            probabilities(model.weights, model.bias, [c for a in group for c in cases[a]])
            print(f"fold {[Path(a).stem[-2:] for a in group]}: {len(train_set)} words, {len(model.weights)} weights",
                  file=sys.stderr, flush=True)
        if probs:
            probs.write_bytes(pickle.dumps([c.free for c in everything]))
    report(f"+ model held out by author ({args.folds} folds)",
           [(t, rt, tally(everything, t, rt)) for t in args.thresholds for rt in [None, *args.ruled]])
    if args.misses is not None:
        from accuracy import readable
        from name_model import _spans_text

        t, rt = args.misses
        readable_authors = [a for a in AUTHORS if args.misses_of is None or Path(a).stem[-2:] in args.misses_of]
        for c in [c for a in readable_authors for c in cases[a]]:
            masked = chosen(c, t, rt)
            output = _spans_text(c.text, masked)
            for g in c.gold:
                if g["label"] in PII and readable(g["text"], output):
                    ps = [(round(p, 2), r) for s, e, p, r in c.free if s < g["end"] and g["start"] < e]
                    print(f"LEAK {g['label']} {g['text']!r} p={ps} | {c.text[max(0, g['start'] - 50):g['end'] + 50]!r}")
            spans = [(g["start"], g["end"]) for g in c.gold]
            for s, e, p, r in c.free:
                if (s, e) in masked and not any(s < b and a < e for a, b in spans):
                    print(f"OVER {c.text[s:e]!r} p={p:.2f} ruled={r} | {c.text[max(0, s - 50):e + 50]!r}")


if __name__ == "__main__":
    main()
