"""A learned second opinion on names and call signs: a logistic-regression token classifier (issue 17).

Each word is described by sparse string features of itself and its neighbours (shape, capital letter,
position in the line, the punctuation around it, pymorphy3's part of speech, case and Name/Surn/Patr/Geox
tags, whether a dictionary knows it, suffixes, the name and call-sign lexicons, verbs of speech and address
beside it, radio words in the text); its score is the logistic of the sum of the weights of its features.
The weights are data, ``lexicons/name_model.json``, written by ``scripts/train_name_model.py`` from the gold
entity spans of the folded blind rounds and the personal-data dev set; :func:`train` is the whole training
algorithm (L2-regularised logistic regression by full-batch gradient descent, numpy only).

Inference is a dictionary lookup per feature: it costs one pass over the words a rule has not already taken.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from overheard.annotate import cues
from overheard.annotate.rules.entities.callsigns import listed_callsign
from overheard.annotate.rules.entities.candidates import Candidate
from overheard.annotate.rules.entities.words import Word, entity_cues
from overheard.model import PERSONAL_DATA_LABELS
from overheard.names import name_lexicon
from overheard.text import fold, parses

MODEL_PATH = Path(__file__).resolve().parents[3] / "lexicons" / "name_model.json"
LABELS = ("PER", "CALLSIGN")  # what the model learns to find (one class: a word of a name or a call sign)
_FUNCTION = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "INTJ", "PRED", "NUMR", "ADVB", "COMP"})
_FLAGS = ("Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Init")


@dataclass(frozen=True)
class TokenModel:
    """Weights of the features, the bias, and the threshold a word's probability must reach to be masked."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5
    meta: dict = field(default_factory=dict)

    def probability(self, features: Iterable[str]) -> float:
        """The model's probability that the word with these features is part of a name or a call sign."""
        w = self.weights
        z = self.bias + sum(w.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-z)) if z > -35 else 0.0

    def to_json(self) -> str:
        """The model as the data file ships it (weights rounded, sorted)."""
        return json.dumps({"meta": self.meta, "threshold": self.threshold, "bias": round(self.bias, 4),
                           "weights": {k: round(v, 4) for k, v in sorted(self.weights.items())}},
                          ensure_ascii=False, indent=0)

    @classmethod
    def from_json(cls, data: str) -> TokenModel:
        """A model from :meth:`to_json`'s text."""
        raw = json.loads(data)
        return cls(dict(raw["weights"]), float(raw["bias"]), float(raw["threshold"]), dict(raw.get("meta", {})))


@lru_cache(maxsize=1)
def shipped_model() -> TokenModel | None:
    """The model the package ships (None when the data file is absent)."""
    return TokenModel.from_json(MODEL_PATH.read_text(encoding="utf-8")) if MODEL_PATH.exists() else None


# ------------------------------------------------------------------------------------------------ features

_GAP = re.compile(r"\s+")


def _gap(between: str) -> str:
    """The punctuation between two words as one class."""
    b = _GAP.sub("", between)
    if "\n" in between and not b:
        return "nl"
    if not b:
        return "sp"
    for mark, name in (("?", "q"), ("!", "x"), (".", "dot"), (":", "colon"), ("—", "dash"), ("–", "dash"),
                       ("-", "dash"), (",", "comma"), ("«", "quote"), ("»", "quote"), ('"', "quote"), ("(", "par"),
                       (")", "par")):
        if mark in b:
            return name
    return "other"


def _shape(word: str) -> str:
    if word.isupper() and len(word) > 1:
        return "upper"
    if word[:1].isupper():
        return "cap" if word[1:].islower() or len(word) == 1 else "mixed"
    return "lower"


@lru_cache(maxsize=100_000)
def _word_features(word: str, language: str) -> tuple[str, ...]:
    """Features of the word alone (cached: the same word gets them once per process)."""
    low = fold(word.lower())
    out = [f"w={low}", f"s2={low[-2:]}", f"s3={low[-3:]}", f"s4={low[-4:]}", f"len={min(len(low), 9)}"]
    if "-" in word:
        out.append("hyphen")
    ps = parses(word.lower(), language)[:3]
    if ps:
        top = ps[0]
        out += [f"pos={top.tag.POS}", f"case={top.tag.case}", f"known={top.is_known}", f"anim={top.tag.animacy}",
                f"pos={top.tag.POS}&case={top.tag.case}"]
        tags = set()
        for p in ps:
            s = str(p.tag)
            tags.update(flag for flag in _FLAGS if flag in s)
        out += [f"tag={t}" for t in sorted(tags)]
        out += [f"toptag={t}" for t in _FLAGS if t in str(top.tag)]
        if not top.is_known:
            out.append("unknown")
    lexicon = name_lexicon()
    if lexicon.lookup(word):
        out.append("namelex")
        if lexicon.is_ambiguous(word):
            out.append("namelex_amb")
    if listed_callsign(word, language):
        out.append("cslist")
    cue = entity_cues()
    if low in cue.not_person:
        out.append("not_person")
    if low in cue.speaker_roles:
        out.append("role")
    if low in cue.ranks:
        out.append("rank")
    return tuple(out)


@lru_cache(maxsize=1)
def _cue_sets() -> tuple[frozenset[str], ...]:
    cue = entity_cues()
    return (cue.address_verbs, cue.speech_verbs, cue.ranks, cue.person_cues, cue.place_prepositions,
            cues.keys("radio_talk"), cues.keys("greeting_after_name"))


def _context_word(word: str, language: str, side: str) -> list[str]:
    low = fold(word.lower())
    address, speech, ranks, person, place, radio, greet = _cue_sets()
    out = [f"{side}w={low}"]
    ps = parses(word.lower(), language)[:1]
    if ps:
        out.append(f"{side}pos={ps[0].tag.POS}")
        if ps[0].tag.POS == "VERB":
            out.append(f"{side}verb={ps[0].tag.tense}:{ps[0].tag.person or ps[0].tag.gender}:{ps[0].tag.number}")
    out.append(f"{side}shape={_shape(word)}")
    for name, words in (("addr", address), ("speech", speech), ("rank", ranks), ("person", person),
                        ("place", place), ("radio", radio), ("greet", greet)):
        if low in words:
            out.append(f"{side}{name}")
    return out


def token_features(text: str, words: Sequence[Word], language: str, i: int, *, radio: bool | None = None,
                   cased: bool | None = None, counts: Counter | None = None) -> list[str]:
    """The features of word ``i`` of ``text`` (``words`` as :attr:`Doc.words` gives them).

    ``radio`` (a radio word anywhere in the text) and ``cased`` (the text has a capital letter) are computed
    when not given; pass them when scoring many words of one text.
    """
    start, end, word = words[i]
    if radio is None:
        radio = any(fold(w[2].lower()) in _cue_sets()[5] for w in words)
    if cased is None:
        cased = any(ch.isupper() for ch in text)
    shape = _shape(word)
    before = _gap(text[words[i - 1][1] : start]) if i else "bos"
    after = _gap(text[end : words[i + 1][0]]) if i + 1 < len(words) else ("eos" if not text[end:].strip()
                                                                           else _gap(text[end:]))
    first = i == 0 or before in ("dot", "q", "x", "nl", "colon", "dash", "bos")
    out = list(_word_features(word, language))
    out += [f"lang={language}", f"shape={shape}", f"before={before}", f"after={after}",
            f"shape={shape}&first={first}", f"shape={shape}&cased={cased}", f"before={before}&after={after}",
            f"shape={shape}&before={before}", f"shape={shape}&after={after}", "bias"]
    if radio:
        out += ["radio", f"radio&before={before}", f"radio&after={after}", f"radio&shape={shape}"]
    if i:
        out += _context_word(words[i - 1][2], language, "p_")
    else:
        out.append("p_none")
    if i + 1 < len(words):
        out += _context_word(words[i + 1][2], language, "n_")
    else:
        out.append("n_none")
    if i > 1:
        out.append(f"p2w={fold(words[i - 2][2].lower())}")
    low = fold(word.lower())
    if (counts[low] if counts is not None else sum(fold(w[2].lower()) == low for w in words)) > 1:
        out += ["repeat", f"repeat&shape={shape}"]
    return out


@lru_cache(maxsize=50_000)
def person_reading(word: str, language: str) -> bool:
    """Whether ``word`` can be a person's name: a form of the name lexicon, or a Name/Surn/Patr parse."""
    if name_lexicon().lookup(word):
        return True
    return any(any(flag in str(p.tag) for flag in ("Name", "Surn", "Patr")) for p in parses(word.lower(), language)[:4])


def candidate_word(word: str, language: str) -> bool:
    """Whether the model scores ``word`` at all: letters, two or more, not a function word of the dictionary."""
    if len(word) < 2:
        return False
    ps = parses(word.lower(), language)[:1]
    return not (ps and ps[0].is_known and ps[0].tag.POS in _FUNCTION and ps[0].score > 0.5)


def scored_words(text: str, words: Sequence[Word], language: str, model: TokenModel,
                 skip: Iterable[int] = ()) -> list[tuple[int, float]]:
    """(index, probability) of every candidate word of ``text`` not in ``skip``."""
    folded = [fold(w[2].lower()) for w in words]
    radio = any(w in _cue_sets()[5] for w in folded)
    cased = any(ch.isupper() for ch in text)
    counts = Counter(folded)
    skipped = set(skip)
    return [(i, model.probability(token_features(text, words, language, i, radio=radio, cased=cased, counts=counts)))
            for i, (_s, _e, word) in enumerate(words) if i not in skipped and candidate_word(word, language)]


def model_candidates(text: str, words: Sequence[Word], language: str, model: TokenModel,
                     chosen: Sequence[Candidate], codes: Sequence[tuple[int, int]]) -> list[Candidate]:
    """Words the rules left (no personal-data entity over them, no coded term; a place or organisation only
    when the word can also be a name) that ``model`` scores at or above its threshold, neighbours joined into
    one span: a PER when a word of it can be a name, else a CALLSIGN. Each says the model and its score and
    outranks a place reading (masked when unsure)."""
    taken = [(c.start, c.end) for c in chosen if c.label in PERSONAL_DATA_LABELS] + list(codes)
    placed = [(c.start, c.end) for c in chosen if c.label not in PERSONAL_DATA_LABELS]
    skip = [i for i, (s, e, word) in enumerate(words) if any(s < b and a < e for a, b in taken)
            or any(s < b and a < e for a, b in placed) and not person_reading(word, language)]
    hits = [(i, p) for i, p in scored_words(text, words, language, model, skip) if p >= model.threshold]
    out: list[Candidate] = []
    for i, p in hits:
        start, end, word = words[i]
        last = out[-1] if out else None
        if last is not None and last.attributes["last"] == i - 1 and not text[last.end : start].strip():
            last.end, last.score = end, max(last.score, p)
            last.attributes["last"] = i
            last.attributes["words"].append(word)
            continue
        out.append(Candidate("", start, end, p, "", {"last": i, "words": [word]}, leak_first=True))
    for c in out:
        person = any(person_reading(w, language) for w in c.attributes["words"])
        c.label = "PER" if person else "CALLSIGN"
        c.rule = f"model: {'name' if person else 'call sign'} by the learned second opinion, p={c.score:.2f} " \
                 f"(name_model {model.meta.get('version', '')}, masked when unsure)"
        c.score = round(c.score, 3)
        normal = " ".join(w[:1].upper() + w[1:].lower() for w in c.attributes["words"])
        c.attributes = {"normal": normal} if not person else {
            "normal": normal, "first_name": None, "surname": None, "gender": None, "case": None,
            "parts": [{"role": "name", "start": c.start, "end": c.end, "normal": normal}]}
    return out


# ------------------------------------------------------------------------------------------------ training

def train(examples: Sequence[tuple[Sequence[str], int]], *, l2: float = 1.0, epochs: int = 300,
          rate: float = 0.5, min_count: int = 1, threshold: float = 0.5, meta: dict | None = None) -> TokenModel:
    """Fit L2-regularised logistic regression to (features, label) examples; deterministic.

    Full-batch gradient descent with AdaGrad step sizes over the features seen at least ``min_count``
    times; ``l2`` is the penalty on the summed squared weights (the bias is not penalised).
    """
    import numpy as np

    counts: dict[str, int] = {}
    for feats, _ in examples:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    vocab = {f: j for j, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count and f != "bias"))}
    rows, cols = [], []
    for r, (feats, _) in enumerate(examples):
        js = sorted({vocab[f] for f in feats if f in vocab})
        rows += [r] * len(js)
        cols += js
    rows_a, cols_a = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
    y = np.array([label for _, label in examples], dtype=np.float64)
    n, d = len(examples), len(vocab)
    w, b = np.zeros(d), 0.0
    g2w, g2b = np.full(d, 1e-8), 1e-8
    for _ in range(epochs):
        z = b + np.bincount(rows_a, weights=w[cols_a], minlength=n)
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -35, 35)))
        err = p - y
        gw = np.bincount(cols_a, weights=err[rows_a], minlength=d) / n + l2 * w / n
        gb = float(err.mean())
        g2w += gw * gw
        g2b += gb * gb
        w -= rate * gw / np.sqrt(g2w)
        b -= rate * gb / math.sqrt(g2b)
    names = sorted(vocab, key=vocab.get)
    weights = {f: float(w[j]) for f, j in zip(names, range(d), strict=True) if abs(w[j]) >= 5e-4}
    return TokenModel(weights, float(b), threshold, dict(meta or {}))


def gold_examples(text: str, words: Sequence[Word], language: str, gold: Sequence[dict],
                  protected: Sequence[tuple[int, int]] = ()) -> list[tuple[list[str], int]]:
    """Training examples of one annotated text: each candidate word, labelled 1 inside a gold PER or CALLSIGN
    span; words of gold UNIT and PHONE spans and of coded terms (``protected``) are left out."""
    folded = [fold(w[2].lower()) for w in words]
    radio = any(w in _cue_sets()[5] for w in folded)
    cased = any(ch.isupper() for ch in text)
    counts = Counter(folded)
    out = []
    for i, (s, e, word) in enumerate(words):
        if not candidate_word(word, language) or any(s < b and a < e for a, b in protected):
            continue
        labels = {g["label"] for g in gold if s < g["end"] and g["start"] < e}
        if labels & {"UNIT", "PHONE"}:
            continue
        features = token_features(text, words, language, i, radio=radio, cased=cased, counts=counts)
        out.append((features, int(bool(labels & set(LABELS)))))
    return out
