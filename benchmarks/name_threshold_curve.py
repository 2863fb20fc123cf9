"""What each notch of the name model's threshold costs and buys: leaks against over-masked ordinary tokens.

    python benchmarks/name_threshold_curve.py [--thresholds 0.62 0.6 ...] [--factrueval] [--set NAME=LIST ...]

Each ``--set`` pools the files listed one a line in LIST (paths relative to the repository). Every text is redacted
with the rules alone (benchmarks/name_model.py's ``analyse``); the shipped model (``lexicons/name_model.json``) then
scores the words the rules left, as :func:`...learned.model_candidates` does (the words a lexicon decides, those never
scored and those its gates drop are left alone; a place reading yields when the word can be a name), and the words at
or above each threshold are masked too. Figures as benchmarks/accuracy.py counts them (an item leaks when its folded
text still stands in the output as whole words; over-masking over word tokens outside every gold entity), and for
``--factrueval`` as benchmarks/factrueval.py counts them. The model was trained on all open data, so on the open sets
the leak side of the curve is optimistic; factRuEval it never saw.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def model_scores(cases, model) -> None:
    """Each case's ``free``: (start, end, probability) of the words the shipped pipeline lets the model score."""
    from overheard.annotate.rules.entities.learned import gated, never_scored, person_reading, ruled_word, scored_words

    for c in cases:
        placed = [i for i in c.placed if not person_reading(c.words[i][2], c.lang)]
        left = [i for i, (_s, e, word) in enumerate(c.words)
                if ruled_word(word, c.lang, c.readable_text[e : e + 2]) or never_scored(word)]
        c.free = [(c.words[i][0], c.words[i][1], p) for i, p in scored_words(
            c.readable_text, c.words, c.lang, model, c.skip + placed + left)
            if not gated(c.readable_text, c.words, c.lang, i)]


def main() -> None:
    """Analyse each set once, print one row per threshold."""
    from name_model import analyse, score
    from train_name_model import records

    from overheard.annotate.rules.entities.learned import shipped_model

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--thresholds", nargs="*", type=float,
                        default=[0.7, 0.65, 0.62, 0.6, 0.58, 0.55, 0.52, 0.5, 0.45, 0.4])
    parser.add_argument("--set", action="append", default=[], metavar="NAME=LIST")
    parser.add_argument("--factrueval", action="store_true")
    args = parser.parse_args()
    model = shipped_model()
    sets = {}
    for spec in args.set:
        name, _, listing = spec.partition("=")
        files = [str(ROOT / line.strip()) for line in Path(listing).read_text().splitlines() if line.strip()]
        sets[name] = analyse(records(files))
    if args.factrueval:
        from factrueval import load

        sets["factRuEval"] = analyse([{**r, "lang": "ru"} for r in load()], factrueval=True)
    print(f"| set | threshold | leaked (all) | PER | CALLSIGN | over-masked tokens |  (name_model {model.version})")
    print("|---|---|---|---|---|---|")
    for name, cases in sets.items():
        model_scores(cases, model)
        for t in [None, *args.thresholds]:
            r = score(cases, t)
            print(f"| {name} | {'rules alone' if t is None else t} | {r['leaked']}/{r['items']} | "
                  f"{r['leaked', 'PER']} | {r['leaked', 'CALLSIGN']} | {r['over']}/{r['tokens']} |", flush=True)


if __name__ == "__main__":
    main()
