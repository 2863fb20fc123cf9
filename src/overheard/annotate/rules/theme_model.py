"""A learned second opinion on themes: one logistic regression per theme over the lemmas of an utterance (issue 17).

The cue rules (:mod:`overheard.annotate.rules.themes`) are precise but miss a theme said in words nobody wrote a
cue for ("ему звёздочку на погоны, а нам кресты"). This model reads the whole utterance as a bag of features:
each word's lemma (pymorphy3, ru or uk), a lemma after a negation ("не кормят" is ``n=кормить``), each pair of
neighbouring lemmas, and the language. A theme's probability is the logistic of its bias plus the weights of the
features present. The weights are data, ``lexicons/theme_model.json``, written by
``scripts/train_theme_model.py`` from the annotated texts of ``corpus/`` (ten authors' call-style texts) and the
folded blind rounds; ``benchmarks/theme_model.py`` measures it on authors it was not trained on.

It only adds: a theme the rules found stays as the rules found it, and ``casualty_report`` (which follows from
casualty mentions) is never the model's. Each hit keeps evidence, as every theme does: the clause (or, in text
without punctuation, the run of words) whose features add most to the theme, the words that weigh most in it,
and the probability as the score.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.linear import logistic
from overheard.annotate.rules.token_facts import token_facts
from overheard.annotate.rules.tokens import CLAUSE_ENDS, SENTENCE_ENDS, Tok
from overheard.lexicons.loader import LEXICON_DIR

MODEL_PATH = LEXICON_DIR / "theme_model.json"
# the themes the model may add: every theme but casualty_report, which casualty mentions decide
MODEL_THEMES = ("wants_to_leave", "refusal", "desertion", "surrender", "command_criticism", "punishment",
                "supply_shortage", "anti_war", "pro_war", "mobilization", "war_crime")
SENTENCE_SHARE = 0.5  # of the threshold: what the best sentence alone must reach
WINDOW = 12  # words: the longest evidence span in a clause without punctuation


@dataclass(frozen=True)
class ThemeModel:
    """Per theme, the weights of the features and the bias; the threshold a probability must reach to add a theme."""

    themes: tuple[str, ...]
    weights: dict[str, dict[str, float]]  # theme -> feature -> weight
    biases: dict[str, float]
    threshold: float = 0.5
    meta: dict = field(default_factory=dict)

    _by_feature: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _rows: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # the weights turned around (feature -> theme -> weight): an utterance's features are looked up once each
        for theme, weights in self.weights.items():
            for name, weight in weights.items():
                self._by_feature.setdefault(name, {})[theme] = weight
        # and as rows, one weight per theme in the order of ``biases`` (0.0 where the feature weighs nothing for
        # a theme): a theme's sum is then one C-level ``sum`` down a column instead of a Python loop per weight
        order = tuple(self.biases)
        self._rows.update({name: tuple(weights.get(theme, 0.0) for theme in order)
                           for name, weights in self._by_feature.items()})

    def feature_weights(self, feature: str) -> dict[str, float]:
        """The weight of ``feature`` for each theme that has one (an empty dict for an unknown feature)."""
        return self._by_feature.get(feature, {})

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        """Each theme's probability for an utterance with these features (each feature counted once)."""
        # the rows of the features that have weights (a row is never empty: every feature weighs for some theme)
        present = list(filter(None, map(self._rows.get, set(features))))
        # bias + the weights in the order of the features: the same additions, in the same order, as a loop would
        # make (adding a theme's 0.0 changes no sum)
        columns = zip(*present, strict=True) if present else ((),) * len(self.biases)
        return {theme: logistic(sum(column, bias)) for (theme, bias), column in zip(self.biases.items(), columns,
                                                                                         strict=True)}

    def to_json(self) -> str:
        """The model as the data file ships it (weights rounded, sorted)."""
        return json.dumps({"meta": self.meta, "threshold": self.threshold,
                           "themes": {t: {"bias": round(self.biases[t], 4),
                                          "weights": {k: round(v, 4) for k, v in sorted(self.weights[t].items())}}
                                      for t in self.themes}}, ensure_ascii=False, indent=0)

    @classmethod
    def from_json(cls, data: str) -> ThemeModel:
        """A model from :meth:`to_json`'s text."""
        raw = json.loads(data)
        themes = tuple(raw["themes"])
        return cls(themes, {t: dict(raw["themes"][t]["weights"]) for t in themes},
                   {t: float(raw["themes"][t]["bias"]) for t in themes}, float(raw["threshold"]),
                   dict(raw.get("meta", {})))


@lru_cache(maxsize=1)
def shipped_theme_model() -> ThemeModel | None:
    """The model the package ships (None when the data file is absent)."""
    return ThemeModel.from_json(MODEL_PATH.read_text(encoding="utf-8")) if MODEL_PATH.exists() else None


def lemma(key: str, language: str) -> str:
    """The folded word's most likely lemma (the word itself when pymorphy3 has no reading)."""
    return token_facts(key, language).lemma


def token_features(toks: Sequence[Tok], lo: int, hi: int, language: str,
                   pairs: bool = True) -> list[tuple[int, str]]:
    """(token index, feature) of tokens ``lo``..``hi``: ``lang=`` at index ``lo``, then for each word its ``w=``
    lemma, ``n=`` lemma right after a negation, and (unless ``pairs`` is false) ``b=`` the previous lemma and this
    one (punctuation breaks a pair)."""
    negation = cues.keys("negation")
    out = [(lo, f"lang={language}")]
    previous, negated = None, False
    for i in range(lo, hi):
        key = toks[i].key
        if not key.isalpha():
            previous, negated = None, False
            continue
        facts = token_facts(key, language)
        unit = facts.lemma
        out.append((i, facts.word_feature))
        if negated:
            out.append((i, facts.negated_feature))
        if pairs and previous is not None:
            out.append((i, f"b={previous}_{unit}"))
        negated = key in negation
        previous = unit
    return out


def text_features(toks: Sequence[Tok], language: str) -> list[str]:
    """The features of a whole text (what the model is trained on)."""
    return sorted({feature for _, feature in token_features(toks, 0, len(toks), language)})


@dataclass(frozen=True)
class ModelTheme:
    """A theme the model adds to an utterance: probability, evidence span and the words that weigh most in it."""

    theme: str
    probability: float
    start: int
    end: int
    words: tuple[str, ...]


def model_themes(toks: Sequence[Tok], lo: int, hi: int, language: str, model: ThemeModel,
                 found: Iterable[str] = ()) -> list[ModelTheme]:
    """Themes of the utterance of tokens ``lo``..``hi`` that the model scores at or above its threshold, but for
    those in ``found`` (the rules' own), each with its evidence span.

    The utterance is scored as one bag of words, and one of its sentences, scored alone, must reach
    :data:`SENTENCE_SHARE` of the threshold: a theme the model reads only across sentences ("Командир уехал в
    штаб. Вовка дурак, опять проспал.") is not added. The evidence lies in that sentence.
    """
    if hi <= lo:
        return []
    features = token_features(toks, lo, hi, language)
    probabilities = model.probabilities(feature for _, feature in features)
    skip = set(found)
    wanted = [t for t in model.themes if t not in skip and probabilities.get(t, 0.0) >= model.threshold]
    if not wanted:
        return []
    sentences = []
    for a, b in _sentences(toks, lo, hi):
        # a sentence's own features are the utterance's within it (a sentence end breaks every pair and
        # negation), with the language at its start: what token_features(toks, a, b, language) gives
        own = [(a, f"lang={language}")] + [(i, f) for i, f in features if a <= i < b and not f.startswith("lang=")]
        sentences.append((a, b, own, model.probabilities(feature for _, feature in own)))
    out = []
    for theme in wanted:
        a, b, own, alone = max(sentences, key=lambda sentence: sentence[3].get(theme, 0.0))
        if alone.get(theme, 0.0) < model.threshold * SENTENCE_SHARE:
            continue
        start, end, words = _evidence(toks, a, b, own, model, theme)
        out.append(ModelTheme(theme, round(probabilities[theme], 3), start, end, words))
    return out


def _sentences(toks: Sequence[Tok], lo: int, hi: int) -> list[tuple[int, int]]:
    """Token ranges of the sentences of tokens ``lo``..``hi`` (each holds at least one word)."""
    out, start = [], lo
    for i in range(lo, hi + 1):
        if i == hi or toks[i].key in SENTENCE_ENDS:
            if any(toks[k].key.isalpha() for k in range(start, i)):
                out.append((start, i))
            start = i + 1
    return out or [(lo, hi)]


def _evidence(toks: Sequence[Tok], lo: int, hi: int, features: list[tuple[int, str]], model: ThemeModel,
              theme: str) -> tuple[int, int, tuple[str, ...]]:
    """The clause of tokens ``lo``..``hi`` (a run of at most :data:`WINDOW` words) whose features add most to
    ``theme``, and its three heaviest words."""
    gain: dict[int, float] = {}
    seen: set[str] = set()
    for i, feature in features:  # each feature counts once, where it first stands
        if feature in seen:
            continue
        seen.add(feature)
        weight = model.feature_weights(feature).get(theme, 0.0)
        if weight > 0:
            gain[i] = gain.get(i, 0.0) + weight
    best, span = -1.0, (lo, hi - 1)
    for a, b in _spans(toks, lo, hi):
        total = sum(gain.get(i, 0.0) for i in range(a, b + 1))
        if total > best:
            best, span = total, (a, b)
    a, b = span
    heavy = sorted((i for i in range(a, b + 1) if gain.get(i, 0.0) > 0), key=lambda i: -gain[i])[:3]
    return toks[a].start, toks[b].end, tuple(toks[i].text for i in sorted(heavy))


def _spans(toks: Sequence[Tok], lo: int, hi: int) -> Iterable[tuple[int, int]]:
    """First and last token of each clause of the utterance; a clause of more than :data:`WINDOW` words gives
    its runs of :data:`WINDOW` words instead."""
    start = lo
    for i in range(lo, hi + 1):
        if i == hi or toks[i].key in CLAUSE_ENDS:
            words = [k for k in range(start, i) if toks[k].key not in CLAUSE_ENDS]
            if len(words) > WINDOW:
                for n in range(0, len(words) - WINDOW + 1, WINDOW // 3):
                    yield words[n], words[n + WINDOW - 1]
            elif words:
                yield words[0], words[-1]
            start = i + 1
