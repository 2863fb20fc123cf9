"""A learned second opinion on names and call signs: a logistic-regression token classifier (issue 17).

Each word is described by sparse string features of itself and its neighbours (shape, capital letter,
position in the line, the punctuation around it, pymorphy3's part of speech, case and Name/Surn/Patr/Geox
tags, whether a dictionary knows it, suffixes, the name and call-sign lexicons, verbs of speech and address
beside it, radio words in the text, and the navec word cluster of the word and its neighbours,
:mod:`overheard.annotate.word_clusters`, which places a name or call sign it never saw among those it did); its
score is the logistic of the sum of the weights of its features.
The weights are data, ``lexicons/name_model.json``, written by ``scripts/train_name_model.py`` from the gold
entity spans of the folded blind rounds and the personal-data dev set, by :meth:`TokenModel.fit` (the base it shares
with the casualty models, :class:`overheard.annotate.rules.linear.LinearModel`: L2-regularised logistic regression
by full-batch gradient descent, numpy only, and the JSON data file).

Inference is a dictionary lookup per feature: it costs one pass over the words a rule has not already taken.

The role of a word in its sentence (:mod:`.roles`: the subject of a person's verb, the one told or addressed, an object,
a companion, a possessor, or plain vocabulary, and the same word's roles elsewhere in the text) is a feature set of
the shipped model since 2026.12.6 (``ROLES``): retrained with it on all the open data it leaks less held out by author
and on the closed blind rounds, for a few more ordinary words masked (docs/accuracy.md, names26, names27 and the
sixteenth session).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.entities.callsigns import listed_callsign
from overheard.annotate.rules.entities.candidates import Candidate
from overheard.annotate.rules.entities.openings import never_addressed
from overheard.annotate.rules.entities.recall import town_reading
from overheard.annotate.rules.entities.roles import (
    PERSON_ROLES,
    VOCABULARY_ROLES,
    RoleReading,
    creature_object,
    relative_pronoun,
    role_features,
    thing_after_verb,
)
from overheard.annotate.rules.entities.words import Word, entity_cues
from overheard.annotate.rules.linear import LinearModel, logistic, weight_sum
from overheard.annotate.rules.words import keys_of
from overheard.annotate.word_clusters import word_cluster
from overheard.lexicons.loader import LEXICON_DIR
from overheard.model import PERSONAL_DATA_LABELS
from overheard.names import name_lexicon
from overheard.text import fold, parses

MODEL_PATH = LEXICON_DIR / "name_model.json"
LABELS = ("PER", "CALLSIGN")  # what the model learns to find (one class: a word of a name or a call sign)
_FUNCTION = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "INTJ", "PRED", "NUMR", "ADVB", "COMP"})
_FLAGS = ("Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Init")


@dataclass(frozen=True)
class TokenModel(LinearModel):
    """Weights of the features, the bias, and the threshold a word's probability must reach to be masked."""

    SETTINGS = ("threshold", "ruled_threshold")

    threshold: float = 0.5
    meta: dict = field(default_factory=dict)
    # the probability a word a lexicon decides (:func:`ruled_word`: "серый", "шаман" in lower case) must reach to be
    # masked all the same; None: the model leaves those words to the rules
    ruled_threshold: float | None = None

    _cache: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def probability(self, features: Iterable[str]) -> float:
        """The model's probability that the word with these features is part of a name or a call sign (every
        feature as often as given, summed in the order given: :meth:`sum`)."""
        return logistic(self.bias + self.sum(features))

    def sum(self, features: Iterable[str]) -> float:
        """The summed weights of ``features`` (the bias apart)."""
        return weight_sum(self.weights, features)

    def word_sum(self, word: str, language: str) -> float:
        """Bias plus the weights of the word's own features, -inf for a word the model never scores
        (:func:`candidate_word`); cached per word."""
        cache = self._cache.setdefault(language, {})
        z = cache.get(word)
        if z is None:
            if len(cache) > 200_000:
                cache.clear()
            z = cache[word] = self.bias + self.sum(_word_features(word, language)) if candidate_word(
                word, language) else -math.inf
        return z

    def word_sums(self, words: Iterable[str], language: str) -> list[float]:
        """:meth:`word_sum` of each of ``words`` (the remembered ones read straight from the cache)."""
        get = self._cache.setdefault(language, {}).get
        return [z if (z := get(word)) is not None else self.word_sum(word, language) for word in words]

    def context_sum(self, word: str, language: str, side: str) -> float:
        """The weights of a neighbour's features (cached per word and side)."""
        key = (side, word, language)
        if key not in self._cache:
            self._cache[key] = self.sum(_context_features(word, language, side))
        return self._cache[key]

    def own_sum(self, features: Iterable[str]) -> float:
        """Bias plus the weights of the word's own features among ``features`` (what :meth:`word_sum` caches)."""
        w = self.weights
        return self.bias + sum(w.get(f, 0.0) for f in features if _WORD_GROUP.match(_GROUP.sub("=", f)))

    def place_sum(self, position: tuple) -> float:
        """The weights of the features of a word's place (cached per kind of place)."""
        key = ("place", position)
        if key not in self._cache:
            self._cache[key] = self.sum(_place_features(*position))
        return self._cache[key]

    @property
    def bound(self) -> float:
        """The most the features of a word's place and neighbours can add (each kind of feature fires at most
        once per word): a word whose own sum falls short of the threshold by more is never scored further."""
        if "bound" not in self._cache:
            best: dict[str, float] = {}
            for name, weight in self.weights.items():
                group = _GROUP.sub("=", name)
                if _WORD_GROUP.match(group):
                    continue
                best[group] = max(best.get(group, 0.0), weight)
            self._cache["bound"] = sum(best.values())
        return self._cache["bound"]

    @property
    def role_bound(self) -> float:
        """The most the role features (:func:`.roles.role_features`, one of each kind per word) can add: a word whose
        sum without them falls short of the threshold by more is not read for its roles."""
        if "role_bound" not in self._cache:
            best: dict[str, float] = {}
            for name, weight in self.weights.items():
                group = _GROUP.sub("=", name)
                if _ROLE_GROUP.match(group):
                    best[group] = max(best.get(group, 0.0), weight)
            self._cache["role_bound"] = sum(best.values())
        return self._cache["role_bound"]

    def role_bound_of(self, capitalised: bool) -> float:
        """The most the role features of a word with (or without) a capital letter can add, never more than
        :attr:`role_bound`: one role fires, so its ``role=``, ``role=&shape=`` and (where it adds)
        ``role_ordinal&role=`` weights count together for the best role alone (or nothing, for a role without
        weights), and each other kind of role feature adds its largest weight where that adds."""
        key = ("role_bound", capitalised)
        if key not in self._cache:
            shape = "cap" if capitalised else "lower"
            weights = self.weights
            roles = {*PERSON_ROLES, *VOCABULARY_ROLES, "none"} | {
                name[len("role="):].partition("&")[0] for name in weights if name.startswith("role=")}
            best_role = max(0.0, *(weights.get(f"role={role}", 0.0) + weights.get(f"role={role}&shape={shape}", 0.0)
                                   + max(0.0, weights.get(f"role_ordinal&role={role}", 0.0)) for role in roles))
            others: dict[str, float] = {}
            for name, weight in weights.items():
                group = _GROUP.sub("=", name)
                if _ROLE_GROUP.match(group) and group not in _ONE_ROLE_GROUPS:
                    others[group] = max(others.get(group, 0.0), weight)
            self._cache[key] = min(self.role_bound, best_role + sum(others.values()))
        return self._cache[key]


@lru_cache(maxsize=1)
def shipped_model() -> TokenModel | None:
    """The model the package ships (None when the data file is absent)."""
    return TokenModel.load(MODEL_PATH)


# ------------------------------------------------------------------------------------------------ features

_GAP = re.compile(r"\s+")
_GROUP = re.compile(r"=[^&]*")
# the word's own feature kinds (in :func:`_word_features`), summed per word and not part of the bound
_WORD_GROUP = re.compile(r"^(bias|lang=|shape=|w=|s[234]=|len=|hyphen|pos=|case=|known=|anim=|pos=&case=|"
                         r"pos=&anim=&shape=&known=|tag=|toptag=|c=|cc=|cc=&shape=|c=&lemma|"
                         r"unknown|namelex|namelex_amb|cslist|not_person|role|rank)$")
# the kinds of role feature (:func:`.roles.role_features`), each at most once a word: :attr:`TokenModel.role_bound`
_ROLE_GROUP = re.compile(r"^(role=|role=&shape=|role_person_noun|role_ordinal&role=|role_relative|role_elsewhere|"
                         r"vocab_elsewhere|role_elsewhere_only)$")
_ONE_ROLE_GROUPS = frozenset({"role=", "role=&shape=", "role_ordinal&role="})  # the kinds that name the word's role


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
    out = ["bias", f"lang={language}", f"shape={_shape(word)}", f"w={low}", f"s2={low[-2:]}", f"s3={low[-3:]}",
           f"s4={low[-4:]}", f"len={min(len(low), 9)}"]
    if "-" in word:
        out.append("hyphen")
    ps = parses(word.lower(), language)[:3]
    if ps:
        top = ps[0]
        out += [f"pos={top.tag.POS}", f"case={top.tag.case}", f"known={top.is_known}", f"anim={top.tag.animacy}",
                f"pos={top.tag.POS}&case={top.tag.case}",
                f"pos={top.tag.POS}&anim={top.tag.animacy}&shape={_shape(word)}&known={top.is_known}"]
        tags = set()
        for p in ps:
            s = str(p.tag)
            tags.update(flag for flag in _FLAGS if flag in s)
        out += [f"tag={t}" for t in sorted(tags)]
        out += [f"toptag={t}" for t in _FLAGS if t in str(top.tag)]
        if not top.is_known:
            out.append("unknown")
    out += _cluster_features(low, fold(ps[0].normal_form) if ps else low, _shape(word))
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


def _cluster_features(low: str, lemma: str, shape: str) -> list[str]:
    """The word's navec cluster, fine and coarse (:mod:`overheard.annotate.word_clusters`), or its lemma's when
    navec lacks the form: unseen names land in the clusters of names the model was trained on."""
    cluster, via = word_cluster(low), ""
    if cluster is None and lemma != low:
        cluster, via = word_cluster(lemma), "&lemma"
    if cluster is None:
        return ["c=none"]
    fine, coarse = cluster
    out = [f"c={fine}", f"cc={coarse}", f"cc={coarse}&shape={shape}"]
    if via:
        out.append("c=&lemma")
    return out


@lru_cache(maxsize=1)
def _cue_sets() -> tuple[frozenset[str], ...]:
    cue = entity_cues()
    return (cue.address_verbs, cue.speech_verbs, cue.ranks, cue.person_cues, cue.place_prepositions,
            cues.keys("radio_talk"), cues.keys("greeting_after_name"))


@lru_cache(maxsize=100_000)
def _context_features(word: str, language: str, side: str) -> tuple[str, ...]:
    """Features of the word before (``side`` "p_") or after ("n_") the one scored (cached)."""
    low = fold(word.lower())
    address, speech, ranks, person, place, radio, greet = _cue_sets()
    out = [f"{side}w={low}"]
    ps = parses(word.lower(), language)[:1]
    if ps:
        out.append(f"{side}pos={ps[0].tag.POS}")
        out.append(f"{side}lem={fold(ps[0].normal_form)}")
        if ps[0].tag.POS == "VERB":
            out.append(f"{side}verb={ps[0].tag.tense}:{ps[0].tag.person or ps[0].tag.gender}:{ps[0].tag.number}")
        if _addressing(ps[0]):
            out.append(f"{side}addr2")
    out.append(f"{side}shape={_shape(word)}")
    cluster = word_cluster(low)
    if cluster is not None:
        out += [f"{side}c={cluster[0]}", f"{side}cc={cluster[1]}"]
    for name, words in (("addr", address), ("speech", speech), ("rank", ranks), ("person", person),
                        ("place", place), ("radio", radio), ("greet", greet)):
        if low in words:
            out.append(f"{side}{name}")
    return tuple(out)


def _addressing(parse) -> bool:
    """Whether a parse is a verb said to someone: second person or imperative."""
    tag = parse.tag
    return tag.POS in ("VERB", "INFN") and (tag.person == "2per" or tag.mood == "impr")


@lru_cache(maxsize=100_000)
def _far_features(word: str, language: str, side: str) -> tuple[str, ...]:
    """Features of the word two before (``side`` "p2_") or two after ("n2_") the one scored (cached)."""
    ps = parses(word.lower(), language)[:1]
    if not ps:
        return ()
    out = [f"{side}lem={fold(ps[0].normal_form)}", f"{side}pos={ps[0].tag.POS}"]
    if _addressing(ps[0]):
        out.append(f"{side}addr2")
    return tuple(out)


@dataclass(frozen=True)
class _Text:
    """What every word of one text shares: the text, its words folded, radio talk, a capital letter anywhere."""

    text: str
    words: Sequence[Word]
    language: str
    folded: list[str]
    counts: dict[str, int]  # how often each folded word occurs (every key of ``folded``, nothing else)
    radio: bool
    cased: bool

    @classmethod
    def of(cls, text: str, words: Sequence[Word], language: str) -> _Text:
        """The shared reading of ``text``."""
        folded = keys_of(words)  # the document's folded keys (Doc.words), shared with the rules
        radio = _cue_sets()[5]
        counts: dict[str, int] = {}
        for key in folded:  # a plain dict: Counter's constructor costs several times more on a dozen words
            counts[key] = counts.get(key, 0) + 1
        return cls(text, words, language, folded, counts, not radio.isdisjoint(folded),
                   text != text.lower())

    @cached_property
    def roles(self) -> RoleReading:
        """The roles of the text's words toward their verbs (:mod:`.roles`), read lazily per scored word."""
        return RoleReading(self.text, self.words, self.language)

    @cached_property
    def elsewhere(self) -> tuple[frozenset[str], frozenset[str]]:
        """The repeated words written with a capital letter inside a sentence somewhere in the text, and those
        named after "позывной", "зовут" somewhere (read once per text, and only when a scored word repeats)."""
        text, words, folded, counts = self.text, self.words, self.folded, self.counts
        capitalised, named = set(), set()
        for i in range(1, len(words)):
            if counts[folded[i]] > 1:
                if words[i][2][:1].isupper() and words[i - 1][2][:1].islower() and _gap(
                        text[words[i - 1][1] : words[i][0]]) in ("sp", "comma"):
                    capitalised.add(folded[i])
                if any(_naming(w) for w in folded[max(0, i - 3) : i]):
                    named.add(folded[i])
        return frozenset(capitalised), frozenset(named)


_NAMING = ("позывн", "позивн", "зовут", "звуть", "кличут", "кличуть", "погоняло")  # "Позывной у него Граф"


def _naming(folded: str) -> bool:
    """Whether a folded word names someone after it ("позывной", "зовут")."""
    return folded.startswith(_NAMING)


def _position(t: _Text, i: int) -> tuple:
    """The kinds of word ``i``'s place in the text (a small space of values: its features' sum is cached)."""
    text, words = t.text, t.words
    start, end, word = words[i]
    before = _gap(text[words[i - 1][1] : start]) if i else "bos"
    after = _gap(text[end : words[i + 1][0]]) if i + 1 < len(words) else ("eos" if not text[end:].strip()
                                                                           else _gap(text[end:]))
    return _shape(word), before, after, t.cased, t.radio, i == 0, i + 1 == len(words), t.counts[t.folded[i]] > 1


def _position_features(t: _Text, i: int) -> list[str]:
    """Features of word ``i``'s place in the text: punctuation around it, line start, radio talk, repeats."""
    return list(_place_features(*_position(t, i))) + _wide_features(t, i)


# the role features (:mod:`.roles`): on in the shipped features since 2026.12.6 (scripts/train_name_model.py trains
# with them and 300 tune-side narrative sentences of each kind; docs/accuracy.md, the sixteenth session)
ROLES = True
_SELF = frozenset({"я", "это", "це", "тут"})  # "Урал, я Тайга", "это Тень", "тут кучер"
_YOU = frozenset({"ты", "ти", "вы", "ви", "тебе", "тебя", "тобі", "тобой", "тобою", "вас", "вам"})  # "серый ты где"


def _wide_features(t: _Text, i: int, roles: bool = True) -> list[str]:
    """Features of word ``i`` beyond its own place and next neighbours: the words two away (form, lemma, part of
    speech), the slot of an address or a radio call ("карпати карпати я птаха", "триста я дон", a sentence start
    before a verb said to someone), the same word capitalised or named after "позывной" elsewhere, and last, with
    ``roles`` (and :data:`ROLES`), its role features (:func:`.roles.role_features`)."""
    words, folded, n = t.words, t.folded, len(t.words)
    out = []
    if i > 1:
        out.append(f"p2w={folded[i - 2]}")
        out += _far_features(words[i - 2][2], t.language, "p2_")
    if i + 2 < n:
        out += _far_features(words[i + 2][2], t.language, "n2_")
    low = folded[i]
    prev = folded[i - 1] if i else ""
    nxt = folded[i + 1] if i + 1 < n else ""
    if low == nxt or low == prev:
        out.append(f"twice&radio={t.radio}")
    if prev in _SELF:
        out.append(f"after_self={prev}&radio={t.radio}&cased={t.cased}")
    if nxt == "я" or nxt == low and i + 2 < n and folded[i + 2] == "я":
        out.append(f"before_ya&first={i == 0 or _gap(t.text[words[i - 1][1] : words[i][0]]) != 'sp'}")
    if i + 1 < n:
        addr2 = "n_addr2" in _context_features(words[i + 1][2], t.language, "n_")
        you = any(w in _YOU for w in folded[i + 1 : i + 4])
        if addr2 or you:
            first = i == 0 or _gap(t.text[words[i - 1][1] : words[i][0]]) not in ("sp", "comma")
            if addr2:
                out.append(f"slot=before_addr2&first={first}")
            if you:
                out.append(f"slot=before_you&first={first}")
    if t.counts[low] > 1:
        capitalised, named = t.elsewhere
        if low in capitalised and words[i][2][:1].islower():
            out.append("capitalised_elsewhere")
        if low in named and not any(_naming(w) for w in folded[max(0, i - 3) : i]):
            out.append("named_elsewhere")
    if roles and ROLES:
        out += role_features(t.roles, i, t.counts[low] > 1)
    return out


@lru_cache(maxsize=4096)
def _place_features(shape: str, before: str, after: str, cased: bool, radio: bool, first_word: bool,
                    last_word: bool, repeat: bool) -> tuple[str, ...]:
    first = first_word or before in ("dot", "q", "x", "nl", "colon", "dash", "bos")
    out = [f"before={before}", f"after={after}", f"shape={shape}&first={first}", f"shape={shape}&cased={cased}",
           f"first={first}&after={after}&cased={cased}",
           f"before={before}&after={after}", f"shape={shape}&before={before}", f"shape={shape}&after={after}"]
    if radio:
        out += ["radio", f"radio&before={before}", f"radio&after={after}", f"radio&shape={shape}"]
    if first_word:
        out.append("p_none")
    if last_word:
        out.append("n_none")
    if repeat:
        out += ["repeat", f"repeat&shape={shape}"]
    return tuple(out)


def token_features(text: str, words: Sequence[Word], language: str, i: int, *, shared: _Text | None = None
                   ) -> list[str]:
    """The features of word ``i`` of ``text`` (``words`` as :attr:`Doc.words` gives them); ``shared`` is what
    the words of one text share (computed when not given)."""
    t = shared or _Text.of(text, words, language)
    out = list(_word_features(words[i][2], language)) + _position_features(t, i)
    if i:
        out += _context_features(words[i - 1][2], language, "p_")
    if i + 1 < len(words):
        out += _context_features(words[i + 1][2], language, "n_")
    return out


def region_reading(candidate: Candidate) -> bool:
    """Whether a LOC candidate is a region named by one of its forms (place_aliases.yaml regions: "Белгородчина",
    "Донеччина", "Бурятия"; a negative geonameid): never a person's name."""
    geo = candidate.attributes.get("geo") or {}
    return candidate.label == "LOC" and not candidate.from_ner and (geo.get("geonameid") or 0) < 0


@lru_cache(maxsize=50_000)
def person_reading(word: str, language: str) -> bool:
    """Whether ``word`` can be a person's name: a form of the name lexicon, or a Name/Surn/Patr parse."""
    if name_lexicon().lookup(word):
        return True
    return any(any(flag in str(p.tag) for flag in ("Name", "Surn", "Patr")) for p in parses(word.lower(), language)[:4])


def ruled_word(word: str, language: str, after: str = "") -> bool:
    """Whether the rules have the last word on ``word``, so the model does not overrule them: a name that is also
    an ordinary word ("роман", "любовь", "серый"), in lower case a call-sign-list word ("шаман", "гроза"), a word
    a family call uses plainly ("деду") or an ethnic word ("бурят"), and a weapon model ("Леопард-2"). The rules
    read these from their context cues; the model is a second opinion on the words no lexicon decides."""
    low = _folded(word)
    return name_lexicon().is_ambiguous(word) or word[:1].islower() and (
        listed_callsign(word, language) is not None or low in _ruled_sets()) \
        or low in cues.keys("weapon_models") and after[:1] in ("-", " ") and after[1:2].isdigit()


def never_scored(word: str) -> bool:
    """Whether the model never masks ``word``: a kinship, role or rank word, an endearment or an exclamation
    (:func:`.openings.never_addressed`: "батюшка", "братуха", "ротный"), which the spec says is no personal data;
    where such a word is a call sign ("а Батя в тылу сидит") the rules say so."""
    return _folded(word) in never_addressed()


def counting(text: str, words: Sequence[Word], language: str, i: int) -> bool:
    """Whether word ``i`` is an ordinal in a list of ordinals ("Первый, второй, третий — все на месте") or one a
    relative clause describes ("Пятый, кто вернулся, был без ноги": :meth:`.roles.RoleReading.relative`): counting,
    not a station called "Первый"."""
    if not _ordinal(words[i][2], language):
        return False
    if i + 1 < len(words) and _gap(text[words[i][1] : words[i + 1][0]]) == "comma" and relative_pronoun(
            _folded(words[i + 1][2])):
        return True
    return any(0 <= j < len(words) and _ordinal(words[j][2], language) and _gap(
        text[words[min(i, j)][1] : words[max(i, j)][0]]) == "comma" for j in (i - 1, i + 1))


def gated(text: str, words: Sequence[Word], language: str, i: int) -> bool:
    """Whether the model never masks word ``i`` whatever its score: counting (:func:`counting`), a thing after a
    transitive verb (:func:`.roles.thing_after_verb`: "бери гвоздь") or an animal seen, caught or fed
    (:func:`.roles.creature_object`: "бачив у лісі пугача"). These only drop the model's hits."""
    return counting(text, words, language, i) or thing_after_verb(words, language, i) or creature_object(
        words, language, i)


@lru_cache(maxsize=10_000)
def _ordinal(word: str, language: str) -> bool:
    ps = parses(word.lower(), language)[:1]
    return bool(ps) and "Anum" in str(ps[0].tag)


@lru_cache(maxsize=1)
def _ruled_sets() -> frozenset[str]:
    return cues.keys("ordinary_callsign_words", "ethnic_nicknames")


@lru_cache(maxsize=100_000)
def _folded(word: str) -> str:
    return fold(word.lower())


@lru_cache(maxsize=100_000)
def candidate_word(word: str, language: str) -> bool:
    """Whether the model scores ``word`` at all: letters, two or more, not a function word of the dictionary."""
    if len(word) < 2:
        return False
    ps = parses(word.lower(), language)[:1]
    return not (ps and ps[0].is_known and ps[0].tag.POS in _FUNCTION and ps[0].score > 0.5)


def scored_words(text: str, words: Sequence[Word], language: str, model: TokenModel,
                 skip: Iterable[int] = (), floor: float | None = None) -> list[tuple[int, float]]:
    """(index, probability) of every candidate word of ``text`` not in ``skip``; with ``floor``, only the words
    whose probability can reach it (the others are passed over without building their context): those whose
    own features fall short of it by more than all the others can add, and those whose own features sum below
    the model's ``word_floor`` (lower than any training word the model scored at its threshold had, by a margin).
    """
    skipped = set(skip)
    own = [(i, z) for i, z in _own_scores(words, language, model, floor) if i not in skipped]
    return _scored(text, words, language, model, own)


def _scored(text: str, words: Sequence[Word], language: str, model: TokenModel,
            own: list[tuple[int, float]], least: float = -math.inf) -> list[tuple[int, float]]:
    """The probability of each (index, own sum) of ``own``: the sums of its place and neighbours added. A word
    whose sum cannot reach ``least`` (a threshold's log-odds) even with the most its role features can add
    (:meth:`TokenModel.role_bound_of` its shape) is left out without reading its roles (most scored words: the roles
    read the grammar of the whole text)."""
    if not own:
        return []
    t = _Text.of(text, words, language)
    out = []
    weights = model.weights
    for i, z in own:
        z += model.place_sum(_position(t, i))
        wide = _wide_features(t, i, roles=False)
        before = model.context_sum(words[i - 1][2], language, "p_") if i else 0.0
        after = model.context_sum(words[i + 1][2], language, "n_") if i + 1 < len(words) else 0.0
        if ROLES:
            # the margin covers the rounding of a sum added in another order
            bound = model.role_bound_of(words[i][2][:1].isupper())
            if z + weight_sum(weights, wide) + before + after + bound < least - 1e-9:
                continue
            wide += role_features(t.roles, i, t.counts[t.folded[i]] > 1)
        z += weight_sum(weights, wide)
        if i:
            z += before
        if i + 1 < len(words):
            z += after
        out.append((i, logistic(z)))
    return out


def _log_odds(probability: float | None) -> float:
    """The log-odds of a threshold probability (-inf where it is none, or not between 0 and 1)."""
    if probability is None or not 0.0 < probability < 1.0:
        return -math.inf
    return math.log(probability / (1.0 - probability))


def _own_scores(words: Sequence[Word], language: str, model: TokenModel,
                floor: float | None) -> list[tuple[int, float]]:
    """(index, bias + own features' sum) of the candidate words that can reach ``floor``."""
    word_floor = model.meta.get("word_floor")
    least = -math.inf if floor is None else max(math.log(floor / (1 - floor)) - model.bound,
                                                -math.inf if word_floor is None else word_floor)
    sums = model.word_sums([word for _s, _e, word in words], language)
    return [(i, z) for i, z in enumerate(sums) if z >= least and z > -math.inf]


def model_candidates(text: str, words: Sequence[Word], language: str, model: TokenModel,
                     chosen: Sequence[Candidate], codes: Sequence[tuple[int, int]]) -> list[Candidate]:
    """Words the rules left (no personal-data entity over them, no coded term; a place or organisation only
    when the word can also be a name) that ``model`` scores at or above its threshold, neighbours joined into
    one span: a PER when a word of it can be a name, else a CALLSIGN. Each says the model and its score and
    outranks a place reading (masked when unsure)."""
    own = _own_scores(words, language, model, model.threshold)
    if not own:
        return []
    taken = [(c.start, c.end) for c in chosen if c.label in PERSONAL_DATA_LABELS] + list(codes)
    placed = [(c.start, c.end) for c in chosen if c.label not in PERSONAL_DATA_LABELS]
    # places decided before the model: a town ("Бахмут держим") or a region by name ("потом Белгородчина")
    towns = [(c.start, c.end) for c in chosen if town_reading(c, text[c.start : c.end]) or region_reading(c)]
    free, ruled = [], set()
    for i, z in own:
        s, e, word = words[i]
        if any(s < b and a < e for a, b in taken) or any(s < b and a < e for a, b in placed) and (
                not person_reading(word, language) or any(s < b and a < e for a, b in towns)) or never_scored(word):
            continue
        if ruled_word(word, language, text[e : e + 2]):
            if model.ruled_threshold is None:
                continue
            ruled.add(i)
        free.append((i, z))
    lowest = min(model.threshold, model.ruled_threshold) if ruled and model.ruled_threshold is not None \
        else model.threshold
    hits = [(i, p) for i, p in _scored(text, words, language, model, free, _log_odds(lowest))
            if p >= (model.ruled_threshold if i in ruled else model.threshold)
            and not gated(text, words, language, i)]
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
                 f"(name_model {model.version}, masked when unsure)"
        c.score = round(c.score, 3)
        normal = " ".join(w[:1].upper() + w[1:].lower() for w in c.attributes["words"])
        c.attributes = {"normal": normal} if not person else {
            "normal": normal, "first_name": None, "surname": None, "gender": None, "case": None,
            "parts": [{"role": "name", "start": c.start, "end": c.end, "normal": normal}]}
    return out


# ------------------------------------------------------------------------------------------------ training

def gold_examples(text: str, words: Sequence[Word], language: str, gold: Sequence[dict],
                  protected: Sequence[tuple[int, int]] = ()) -> list[tuple[list[str], int]]:
    """Training examples of one annotated text: each candidate word, labelled 1 inside a gold PER or CALLSIGN
    span; words of gold UNIT and PHONE spans and of coded terms (``protected``) are left out."""
    shared = _Text.of(text, words, language)
    out = []
    for i, (s, e, word) in enumerate(words):
        if not candidate_word(word, language) or any(s < b and a < e for a, b in protected):
            continue
        labels = {g["label"] for g in gold if s < g["end"] and g["start"] < e}
        if labels & {"UNIT", "PHONE"}:
            continue
        features = token_features(text, words, language, i, shared=shared)
        out.append((features, int(bool(labels & set(LABELS)))))
    return out
