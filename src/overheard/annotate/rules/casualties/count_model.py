"""A learned second opinion on casualty counts (issue 17): which reading of a mention's count is right.

The count rules (:mod:`.counting`, :mod:`.followup`) pick one reading per mention. This model looks at every
reading the mention could have: the rules' own; each number expression of its sentence and the sentences
before and after it that no other mention holds; one person; a bare mention (unknown, exact); and a vague many
(unknown, approximate). Each candidate is described by string features (what kind of reading it is, whether it
is the rules' choice, for a number its distance, direction, sentence and clause, its own lemma and the lemmas
around it, the value and the form of the number word (digits, collective, the oblique "двоих/двох" of an object);
for the mention its category, trigger lemma, grammatical number and the lemmas of its sentence, each conjoined with
the kind of reading), and a logistic regression scores it. The mention's features are built once per mention and
scored through a table of weights per kind (:meth:`CountModel.score`), not spelled out for every candidate; the
readings the model may not choose are built only for training. The rules' reading is
replaced only where the best candidate beats it by the model's ``margin`` (chosen on authors held out, see
``benchmarks/count_model.py``), so a confident rule is kept. A changed count says so in its explanation: the
count model, its probability, the phrase used and what the rules had read.

The weights are data, ``lexicons/count_model.json``, written by ``scripts/train_count_model.py``. The model runs
only on documents with casualty mentions. ``ENABLED = False`` (or :func:`disabled`) gives the rules alone.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from functools import lru_cache

from overheard.annotate import cues as cue_lists
from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.counting import (
    adjacent_filler,
    clock_time,
    distributive,
    implicit_number,
    measured_before,
)
from overheard.annotate.rules.casualties.followup import corrected_count, more_with_them, survivors_told, total_count
from overheard.annotate.rules.casualties.mentions import CasualtyMention
from overheard.annotate.rules.casualties.reasons import CountReading
from overheard.annotate.rules.casualties.words import grammemes, key_word, pos, tags, word_at
from overheard.annotate.rules.counts import number_tables
from overheard.annotate.rules.linear import LinearModel, logistic, switched_off, weight_sum
from overheard.annotate.rules.terms import TermMatch
from overheard.annotate.rules.tokens import CLAUSE_ENDS, FIRM_ENDS
from overheard.lexicons.loader import LEXICON_DIR
from overheard.text import parses

MODEL_PATH = LEXICON_DIR / "count_model.json"
ENABLED = True  # module switch: False gives the count rules alone (benchmarks, training)
REACH = 20  # tokens: the farthest number candidate from the mention's words
BEFORE, AFTER = 8, 6  # tokens of the mention's sentence whose lemmas describe it
_PHRASES = {"one": "one person", "none": "no count stated", "vague": "an unknown number, many"}
_KEPT_AS_IS = ("more", "same", "rest", "formation")  # a count phrase of its own ("Вчера ещё двое"), the rest of a
# group or a whole formation lost ("батальон положили"): vague


@dataclass(frozen=True)
class CountModel(LinearModel):
    """Weights of the candidate features, the bias, and the margin the best candidate must beat the rules' by
    (:meth:`probability`: that a candidate with these features is the mention's count)."""

    SETTINGS = ("margin",)

    margin: float = 0.0
    meta: dict = field(default_factory=dict)

    def score(self, candidate: Candidate, memo: dict | None = None) -> float:
        """:meth:`probability` of ``candidate.features``, without building the strings of the mention's features
        conjoined with the candidate's kind: their weights are looked up in a table per kind (:func:`_by_kind`);
        ``memo`` keeps that sum per kind for the other candidates of the same mention."""
        weights = self.weights
        own = None if memo is None else memo.get(candidate.kind)
        if own is None:
            conjoined = _by_kind(weights).get(candidate.kind, {})
            own = weight_sum(conjoined, candidate.own)
            if memo is not None:
                memo[candidate.kind] = own
        return logistic(self.bias + own + weight_sum(weights, set(candidate.extra)))


_BY_KIND: dict[int, tuple[dict[str, float], dict[str, dict[str, float]]]] = {}


def _by_kind(weights: dict[str, float]) -> dict[str, dict[str, float]]:
    """The weights of the features conjoined with a kind ("w=погибнуть|t=num"), as kind -> feature -> weight; made
    once per weights dict (a model and its copies at other margins share it)."""
    hit = _BY_KIND.get(id(weights))
    if hit is not None and hit[0] is weights:
        return hit[1]
    table: dict[str, dict[str, float]] = {}
    for name, weight in weights.items():
        head, conjoined, kind = name.rpartition("|t=")
        if conjoined:
            table.setdefault(kind, {})[head] = weight
    if len(_BY_KIND) > 16:
        _BY_KIND.clear()
    _BY_KIND[id(weights)] = (weights, table)
    return table


@lru_cache(maxsize=1)
def shipped_count_model() -> CountModel | None:
    """The model the package ships (None when the data file is absent)."""
    return CountModel.load(MODEL_PATH)


def disabled() -> AbstractContextManager[None]:
    """Within the block, mentions keep the count rules' readings (the module switch, restored after)."""
    return switched_off(sys.modules[__name__])


@dataclass(frozen=True)
class Candidate:
    """One reading of a mention's count, with its features; ``first``/``last`` are the number's tokens (-1: none).

    The features are ``t=<kind>``, each of the mention's features (``own``, shared by the mention's candidates)
    conjoined with the kind, then the candidate's other features (``extra``); :attr:`features` spells them out."""

    value: int | None
    approximate: bool
    kind: str  # "num" (a number expression), "one", "none" (bare mention) or "vague" (unknown, many)
    phrase: str
    own: tuple[str, ...]  # the mention's features, each once (conjoined with ``kind`` in :attr:`features`)
    extra: tuple[str, ...]  # "t=<kind>" first, then the features of the reading itself
    rules: bool  # the rules' own reading
    first: int = -1
    last: int = -1
    allowed: bool = True  # whether the model may pick it over the rules' reading (:func:`_allowed`)

    @property
    def features(self) -> tuple[str, ...]:
        """Every feature as a string (training reads them; scoring uses :meth:`CountModel.score`)."""
        kind = self.kind
        return (self.extra[0], *(f"{f}|t={kind}" for f in self.own), *self.extra[1:])


def recount(ctx: Context, kept: list[CasualtyMention]) -> list[CasualtyMention]:
    """``kept`` with each count the model prefers over the rules' by its margin (the rules' alone when off)."""
    model = shipped_count_model() if ENABLED else None
    if model is None or not kept:
        return kept
    return [choose(model, ctx, m, candidates(ctx, m, kept, every=False)) for m in kept]


def choose(model: CountModel, ctx: Context, mention: CasualtyMention,
           readings: list[Candidate]) -> CasualtyMention:
    """``mention`` with the count of the best reading if it beats the rules' by the model's margin."""
    rules = next((c for c in readings if c.rules), None)
    if rules is None:
        return mention
    picked = pick(model, readings)
    return mention if picked is None else _recounted(ctx, mention, *picked)


def pick(model: CountModel, readings: Sequence[Candidate]) -> tuple[Candidate, float] | None:
    """The reading (and its probability) that replaces the rules' one: the best allowed reading, where it beats the
    rules' by the model's margin; None keeps the rules' reading."""
    memo: dict[str, float] = {}  # the candidates of one mention share its features
    scored = [(model.score(c, memo), c) for c in readings if c.allowed or c.rules]
    p_rules = next((p for p, c in scored if c.rules), None)
    if p_rules is None:
        return None
    p_best, best = max(scored, key=lambda pair: pair[0])
    if best.rules or p_best - p_rules < model.margin:
        return None
    return best, p_best


def _recounted(ctx: Context, mention: CasualtyMention, best: Candidate, p: float) -> CasualtyMention:
    """``mention`` counted by ``best``: the span is the term's, with the number when it stands right beside it."""
    toks = ctx.toks
    start, end = toks[mention.first].start, toks[mention.last - 1].end
    if best.first >= 0:
        between = range(best.last, mention.first) if best.last <= mention.first else range(mention.last, best.first)
        if all(adjacent_filler(ctx, toks[k]) for k in between) and not any(k in ctx.breaks for k in between):
            start, end = min(start, toks[best.first].start), max(end, toks[best.last - 1].end)
    how = CountReading(best.value, best.phrase, "model", best.approximate, stated=best.kind == "num",
                       singular=best.kind == "one", model=round(p, 3), overruled=mention.why.count.text)
    return replace(mention, count=best.value, approximate=best.approximate, start=start, end=end,
                   explicit=best.kind == "num", why=replace(mention.why, count=how))


def _bucket(n: int, edges: Sequence[int]) -> str:
    """The first edge ``n`` is at most, or ``>last``."""
    return next((str(e) for e in edges if n <= e), f">{edges[-1]}")


_OBLIQUE = ("их", "ых", "ох", "ех", "ух")


@lru_cache(maxsize=5_000)
def _number_form(first: str, last: str) -> str:
    """What kind of number word a count is: digits, a collective ("двое", "двоих") or another word, in the
    accusative/genitive of people ("двоих", "двох", "трёх": "_obj") or not; the object of a verb far from it is
    still its count ("двоих наших ... забрали в плен")."""
    if first[:1].isdigit():
        return "digit"
    kind = "coll" if last in number_tables().collective else "word"
    return f"{kind}_obj" if last.endswith(_OBLIQUE) else kind


@lru_cache(maxsize=50_000)
def _word_feature(key: str, lang: str) -> str:
    """"w=<lemma>" of a word of the mention's sentence ("" for a number in digits or punctuation; cached)."""
    word = key_word(key, lang)
    return "" if word in (".", "#") else f"w={word}"


@lru_cache(maxsize=50_000)
def _named(key: str, lang: str) -> bool:
    """Whether the word's first reading is a first name or a surname."""
    readings = parses(key, lang) if key[:1].isalpha() else ()
    return bool(readings) and ("Name" in readings[0].tag or "Surn" in readings[0].tag)


def _mention_features(ctx: Context, mention: CasualtyMention, match: TermMatch | None,
                       here: tuple[int, int]) -> list[str]:
    """What describes the mention itself (conjoined with each candidate's kind by :func:`candidates`); ``match`` is
    its term match and ``here`` the token range of its sentence."""
    toks, lang = ctx.toks, ctx.lang
    entry_kind = mention.why.kind
    reading = mention.why.count
    rk = reading.side or ("singular" if reading.singular else "bare")
    number = implicit_number(ctx, match) if match is not None else None
    out = [f"cat={mention.category}", f"kind={entry_kind}", f"trig={word_at(toks, mention.first, lang)}",
           f"impl={number}", f"lang={lang}", f"rk={rk}", f"cat={mention.category}|impl={number}"]
    a, b = here
    for k in range(max(a, mention.first - BEFORE), min(b, mention.last + AFTER)):
        if not mention.first <= k < mention.last:
            word = _word_feature(toks[k].key, lang)
            if word:
                out.append(word)
    out += [f"pw={word_at(toks, mention.first - 1, lang)}", f"nw={word_at(toks, mention.last, lang)}"]
    near = [k for k in range(mention.first - 3, mention.last + 3)
            if 0 <= k < len(toks) and not mention.first <= k < mention.last and toks[k].key[:1].isalpha()]
    if any(toks[k].text[:1].isupper() and k != a for k in near):
        out.append("cap")
    if any(_named(toks[k].key, lang) for k in near):
        out.append("name")
    rest = cue_lists.keys("count_rest_words")
    if any(tok.key in rest for tok in ctx.before(mention.first, 3)):
        out.append("rest")  # "остальные двухсотые", "решта поранені"
    vague = cue_lists.keys("count_vague_words")
    if any(toks[k].key in vague for k in range(a, b)):
        out.append("vague_word")
    return out


def _number_features(ctx: Context, mention: CasualtyMention, expr, taken: bool, here: tuple[int, int]) -> list[str]:
    """What describes a number expression as a count of ``mention`` (``here``: the mention's sentence)."""
    toks, lang = ctx.toks, ctx.lang
    before = expr.last <= mention.first
    lo, hi = (expr.last, mention.first) if before else (mention.last, expr.first)
    distance = max(0, hi - lo)
    there = ctx.sentence_range(expr.first, expr.first + 1)
    where = "sent" if here == there else ("prev" if before else "next")
    if where == "sent" and not any(toks[k].text in CLAUSE_ENDS for k in range(lo, hi)):
        where = "clause"
    between = any(k in ctx.casualty_tokens for k in range(lo, hi))
    value = expr.value
    follower = toks[expr.last].key if expr.last < len(toks) else ""
    noun = bool(follower[:1].isalpha()) and any(pos(t) == "NOUN" for t in tags(follower, lang)[:1])
    follows = "people" if follower in ctx.cues.people else "cas" if expr.last in ctx.casualty_tokens else \
        "noun" if noun else "other"
    size = "vague" if value is None else _bucket(value, (1, 2, 5, 10, 50))
    out = [f"nxk={follows}", f"dir={'before' if before else 'after'}", f"dist={_bucket(distance, (0, 1, 2, 4, 8))}",
           f"where={where}", f"where={where}|dir={'before' if before else 'after'}",
           f"nl={word_at(toks, expr.first, lang)}", f"pl={word_at(toks, expr.first - 1, lang)}",
           f"nx={word_at(toks, expr.last, lang)}", f"vb={size}",
           f"nap={expr.approximate}", f"cat={mention.category}|where={where}"]
    form = _number_form(toks[expr.first].key, toks[expr.last - 1].key)
    out += [f"nf={form}", f"nf={form}|where={where}"]
    if between:
        out.append("cas_between")
    if taken:
        out.append("taken")
    return out


def candidates(ctx: Context, mention: CasualtyMention, kept: Sequence[CasualtyMention],
               every: bool = True) -> list[Candidate]:
    """Every reading of ``mention``'s count the model weighs (none for a mention that is a count phrase itself);
    ``every=False`` leaves out the readings it may not choose (:func:`_allowed`), which :func:`pick` never scores."""
    reading = mention.why.count
    if reading.side in _KEPT_AS_IS or reading.model is not None:
        return []
    toks = ctx.toks
    match = next((m for m in ctx.matches if m.first == mention.first and m.last == mention.last), None)
    if match is not None and distributive(ctx, match):
        return []  # "остальные — кто погиб, кто в плену": the rules' reading of a share of a group is kept
    rules_key = (mention.count, mention.approximate)
    others = [m for m in kept if m is not mention]
    taken_values = {m.count for m in others if m.explicit and m.count is not None}
    here = ctx.sentence_range(mention.first, mention.first + 1)
    a, _ = here
    _, b = ctx.sentence_range(mention.last - 1, mention.last)
    lo = ctx.sentence_range(a - 1, a)[0] if a > 0 else a
    hi = ctx.sentence_range(b, b + 1)[1] if b < len(toks) else b
    lo, hi = max(lo, mention.first - REACH), min(hi, mention.last + REACH)
    nearest: dict[tuple[int | None, bool], tuple[int, object]] = {}
    for expr in ctx.by_first.values():
        if expr.first < lo or expr.last > hi or expr.zero or mention.first <= expr.first < mention.last:
            continue
        if any(k in ctx.casualty_tokens for k in range(expr.first, expr.last)):
            continue  # a code word's own digits ("груз 200")
        spot = (toks[expr.first].start, toks[expr.last - 1].end)
        if any(m.start <= spot[0] and spot[1] <= m.end for m in others):
            continue  # another mention's count phrase
        distance = mention.first - expr.last if expr.last <= mention.first else expr.first - mention.last
        key = (expr.value, expr.approximate)
        if key not in nearest or distance < nearest[key][0]:
            nearest[key] = (distance, expr)
    generic = {(1, False): "one", (None, False): "none", (None, True): "vague"}
    keys = list(dict.fromkeys([rules_key, *generic, *nearest]))
    own = _mention_features(ctx, mention, match, here)
    unique = tuple(dict.fromkeys(own))  # each feature once: a model sums the weights of a set of features
    out = []
    for key in keys:
        expr = nearest.get(key, (0, None))[1]
        kind = "num" if expr is not None and key != (None, True) else generic.get(key, "num")
        if kind == "num" and expr is None:
            kind = "ruled"  # a count the rules read from words that are no number expression ("он и ещё двое")
        is_rules = key == rules_key
        allowed = _allowed(ctx, mention, kind, expr, a, b, match)
        if not (allowed or is_rules or every):
            continue  # a reading the model may not choose is never scored (the trainer still learns from it)
        feats = [f"t={kind}"]  # then the mention's features conjoined with the kind (Candidate.features)
        if key in generic and kind != generic[key]:
            feats += [f"t={generic[key]}", *(f"{f}|t={generic[key]}" for f in own[:7])]
        if expr is not None:
            numeric = _number_features(ctx, mention, expr, key[0] in taken_values, here)
            feats += numeric
            if is_rules:
                feats += [f"R|{f}" for f in numeric[:1] + numeric[5:8]]
        if is_rules:
            feats += ["R", f"R|{own[5]}", f"R|{own[0]}", f"R|t={kind}"]
        phrase = expr.phrase if expr is not None and expr.phrase else _PHRASES.get(kind, reading.phrase)
        first, last = (expr.first, expr.last) if expr is not None else (-1, -1)
        out.append(Candidate(key[0], key[1], kind, phrase, unique, tuple(feats), is_rules, first, last, allowed))
    return out


def _allowed(ctx: Context, mention: CasualtyMention, kind: str, expr, a: int, b: int,
             match: TermMatch | None = None) -> bool:
    """Whether the model may choose a reading over the rules': one person only where the word itself is no plural
    noun or adjective ("двухсотых забрали") and no plural noun, pronoun or adjective stands beside it ("наших ребят
    из плена"); a number only when it is no part of the group ("двоє з поранених") and no other noun follows it ("с
    двумя автоматами", "двое суток") and no contrast word ("а", "але") or word for the rest of a group ("остальные",
    "решта": ``count_rest_words``) stands between it and the words; a vague many only where the sentence says so
    ("остальные", "решта", "столько": ``count_vague_words`` in lexicons/context_cues.yaml, or a vague amount)."""
    toks, lang = ctx.toks, ctx.lang
    if kind == "one":
        near = ctx.before(mention.first, 6) + ctx.after(mention.last, 3)
        if mention.last - mention.first == 1 and _plural(toks[mention.first].key, lang):
            return False  # "Двохсотих забрали": the code word itself says several
        if any(_plural_participle(toks[k].key, lang) for k in range(mention.first, mention.last)):
            return False  # "Без вести пропавшие": a plural participle of the phrase says several (counts31)
        return not any(_plural(tok.key, lang) for tok in near)
    if kind == "num" and expr is not None:
        if expr.last == mention.first - 1 and toks[expr.last].key in ctx.cues.count_out_of:
            return False  # "двоє з поранених загинули", "один з полонених": a part of the group, not its size
        if clock_time(ctx, expr) or measured_before(ctx, expr):
            return False  # "часов в пять", "метров триста": a time or a measure, no people
        if match is not None and expr.value is not None and (
                corrected_count(ctx, expr, match) is not None or total_count(ctx, expr, match) is not None
                or more_with_them(ctx, expr, match) is not None):
            return False  # "трое, точнее двое": a number the speaker corrected, or a part of the total he gave
        if expr.first >= mention.last and any(ctx.toks[k].text in FIRM_ENDS for k in range(mention.last, expr.first)):
            a_, b_ = ctx.sentence_range(expr.first, expr.last)
            if survivors_told(ctx, a_, b_):
                return False  # "одни трёхсотые. Человек шестьдесят было, девять осталось": the group, its survivors
        lo, hi = (expr.last, mention.first) if expr.last <= mention.first else (mention.last, expr.first)
        stops = cue_lists.keys("side_contrast", "count_rest_words")
        if any(toks[k].key in stops and k != expr.last for k in range(lo, hi)):  # "двоє інших — двохсоті": counted
            return False  # "двухсотых забрали, а человек двадцать ещё сидят", "нас пятеро, остальные двухсотые"
    if kind == "num" and expr is not None and expr.last < len(toks):
        follower = toks[expr.last].key
        return not (follower[:1].isalpha() and follower not in ctx.cues.people and expr.last not in ctx.casualty_tokens
                    and any(pos(t) == "NOUN" for t in tags(follower, lang)[:1]))
    reading = mention.why.count
    if kind == "vague" and reading.side == "next" and reading.value is not None and b <= len(toks) and \
            toks[b - 1].text.startswith("?"):
        return False  # "— Трехсотых много? — Да нет, пятнадцать.": the question's "many" was answered
    if kind == "vague" and expr is None:
        vague = cue_lists.keys("count_vague_words")
        return any(toks[k].key in vague for k in range(a, b))
    return True


@lru_cache(maxsize=50_000)
def _plural_participle(key: str, lang: str) -> bool:
    """Whether a word's best reading is a participle in the nominative plural ("пропавшие", "зниклі")."""
    found = tags(key, lang)[:1] if key[:1].isalpha() else ()
    return bool(found) and pos(found[0]) == "PRTF" and {"plur", "nomn"} <= grammemes(found[0])


@lru_cache(maxsize=50_000)
def _plural(key: str, lang: str) -> bool:
    """Whether a word's best reading is a plural noun, pronoun or adjective ("ребят", "наших", "нас")."""
    found = tags(key, lang)[:1] if key[:1].isalpha() else ()
    return bool(found) and pos(found[0]) in ("NOUN", "NPRO", "ADJF") and "plur" in grammemes(found[0])
