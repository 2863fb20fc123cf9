"""A learned second opinion on casualty mentions: whether a mention the rules keep is a report of losses at all.

The casualty rules (:mod:`.checks`, :mod:`.statement`) reject the readings they have a rule for; a new author's
wording they have none for ("я вбитий сьогодні, три доби без сну", "мне снилось, что я в плену") is kept. This
model looks at every mention the rules keep and describes it with string features: its category, lexicon entry
and kind, how its count was read, its side; the lemmas of its clause and of its sentence (with negated lemmas and
pairs of lemmas, :func:`overheard.annotate.rules.theme_model.token_features`), the words right beside it, a
question mark, the mood and tense of the verbs near it, "бы", quotation marks, which cue lists of
``lexicons/context_cues.yaml`` have a word in its clause or sentence (conditions, guesses, hearsay, denials, ...),
the reasons of the readings the rules rejected in its sentence, and how many other mentions the text holds; and
(:mod:`.said_of`, since 2026.12.5) what the loss verb in or beside it is said of (people, a pronoun, a number, an
animal, a thing, a place, nothing: "хлопців поклали" against "кабанів поклали") and the scene it is told in (a game
or sport, a dream, a film, the news, another war or an earlier year, an exercise). A logistic regression scores
it; a mention below the model's ``threshold`` becomes a rejected reading with the reason ``model`` and the
probability in its explanation (kept for review, as every rejected reading is).

The weights are data, ``lexicons/mention_model.json``, written by ``scripts/train_mention_model.py``; the
threshold is chosen on authors held out (``benchmarks/mention_model.py``). The model runs only on documents with
casualty mentions, before the count model. ``ENABLED = False`` (or :func:`disabled`) gives the rules alone.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import lru_cache

from overheard.annotate import cues as cue_lists
from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.mentions import CasualtyMention, RejectedReading
from overheard.annotate.rules.casualties.reasons import Reason, Rejection
from overheard.annotate.rules.casualties.said_of import said_of, scene
from overheard.annotate.rules.casualties.words import casualty_cues, grammemes, key_word, pos, tags, word_at
from overheard.annotate.rules.linear import LinearModel, switched_off
from overheard.annotate.rules.theme_model import token_features
from overheard.lexicons.loader import LEXICON_DIR

MODEL_PATH = LEXICON_DIR / "mention_model.json"
ENABLED = True  # module switch: False gives the casualty rules alone (benchmarks, training)
CLAUSE = 6  # tokens of the clause on each side whose lemmas describe the mention
BEFORE, AFTER = 15, 12  # tokens of the sentence before and after the mention whose features describe it
# the cue lists (lexicons/context_cues.yaml) whose words, in the clause or the sentence, are features
CUE_LISTS = ("negation", "guess", "condition", "subjunctive", "intention", "future", "deny_before", "deny_after",
             "lies", "reported", "nobody", "question", "fiction_media", "civilians", "natural_death", "past_wars",
             "hospital", "household", "contrast", "alive_after", "report_verbs", "zeroed_things", "refused_services",
             "no_more_alive", "money_verbs", "not_code_money", "not_code_time", "not_code_distance",
             "not_code_vehicle", "side_own", "side_enemy", "rescue_verbs", "status_words")
_QUOTES = frozenset("«»\"“”„")
# the features also conjoined with the mention's kind and category
_GENERAL = frozenset({"nopast", "q", "quote", "inquote", "neg", "lower", "same_cat", "approx", "merged"})
_GENERAL_PREFIXES = ("near=", "person=", "others=", "rk=", "side=")
_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "voct"})
_CASES_NUMBERS = _CASES | {"sing", "plur"}


@dataclass(frozen=True)
class MentionModel(LinearModel):
    """Weights of the mention features, the bias, and the probability a kept mention must reach to stay
    (:meth:`probability`: that a kept mention with these features is a casualty mention)."""

    SETTINGS = ("threshold",)

    threshold: float = 0.0
    meta: dict = field(default_factory=dict)


@lru_cache(maxsize=1)
def shipped_mention_model() -> MentionModel | None:
    """The model the package ships (None when the data file is absent)."""
    return MentionModel.load(MODEL_PATH)


def disabled() -> AbstractContextManager[None]:
    """Within the block, every mention the rules keep stays (the module switch, restored after)."""
    return switched_off(sys.modules[__name__])


def screen(ctx: Context, kept: list[CasualtyMention],
           rejected: Sequence[RejectedReading]) -> tuple[list[CasualtyMention], list[RejectedReading]]:
    """``kept`` without the mentions the model scores below its threshold, and those as rejected readings (the
    rules' alone when the model is off or absent); ``rejected`` are the rules' rejected readings so far."""
    model = shipped_mention_model() if ENABLED else None
    if model is None or not kept:
        return kept, []
    out, dropped = [], []
    for mention in kept:
        p = model.probability(features(ctx, mention, kept, rejected))
        if p >= model.threshold:
            out.append(mention)
            continue
        why = Rejection(Reason.MODEL, words=ctx_words(ctx, mention), probability=round(p, 3))
        dropped.append(RejectedReading(mention.category, mention.start, mention.end, mention.term_id, why))
    return out, dropped


def ctx_words(ctx: Context, mention: CasualtyMention) -> str:
    """The mention's own words, as the explanation quotes them."""
    return " ".join(tok.text for tok in ctx.toks[mention.first : mention.last])


def features(ctx: Context, mention: CasualtyMention, kept: Sequence[CasualtyMention],
             rejected: Sequence[RejectedReading]) -> list[str]:
    """The features of a kept mention (``kept``: every mention of the document; ``rejected``: the readings the
    rules rejected in it): the mention's own, its clause's, its sentence's, and some of them conjoined with its
    category and kind."""
    out = _own_features(ctx, mention, kept)
    out += _clause_features(ctx, mention)
    out += _sentence_features(ctx, mention, rejected)
    of, told_in = said_of(ctx, mention), scene(ctx, mention)
    general = [f for f in out if f in _GENERAL or f.startswith(_GENERAL_PREFIXES)] + of[:1] + told_in
    out += of + told_in
    out += [f"{f}|kind={mention.why.kind}|cat={mention.category}" for f in general]
    return out


def _own_features(ctx: Context, mention: CasualtyMention, kept: Sequence[CasualtyMention]) -> list[str]:
    """Category, entry, kind, how the count was read, side, language, the mention's words and their grammar, the
    words beside it, the other mentions of the document, and whether the text is written in lower case."""
    toks, lang = ctx.toks, ctx.lang
    why, first, last, cat = mention.why, mention.first, mention.last, mention.category
    rk = why.count.side or ("singular" if why.count.singular else "bare")
    n = mention.count
    count = "none" if n is None else "1" if n == 1 else "few" if n < 10 else "many"
    out = [f"cat={cat}", f"term={mention.term_id}", f"kind={why.kind}", f"cat={cat}|kind={why.kind}", f"rk={rk}",
           f"cat={cat}|rk={rk}", f"side={mention.side}", f"lang={lang}", f"n={count}"]
    if mention.approximate:
        out.append("approx")
    if why.merged:
        out.append("merged")
    out += [f"t={word_at(toks, k, lang)}" for k in range(first, last)]
    out += [f"tg={g}" for g in _grammar(toks[first].key, lang)]
    out += [f"pw={word_at(toks, first - 1, lang)}", f"pw2={word_at(toks, first - 2, lang)}",
            f"nw={word_at(toks, last, lang)}", f"nw2={word_at(toks, last + 1, lang)}"]
    if first > 0 and toks[first - 1].key in _negation():
        out.append("neg")
    others = [m for m in kept if m is not mention]
    out.append(f"others={min(len(others), 3)}")
    if any(m.category == cat for m in others):
        out.append("same_cat")
    if not any(tok.text[:1].isupper() for tok in toks[:60]):
        out.append("lower")
    return out


def _clause_features(ctx: Context, mention: CasualtyMention) -> list[str]:
    """The lemmas, cue lists, verb forms and nouns (animacy and case) of the clause around the mention, and
    whether a person stands within three words of it."""
    lang = ctx.lang
    clause = ctx.before(mention.first, CLAUSE) + ctx.after(mention.last, CLAUSE)
    out = [f for tok in clause for f in _clause_word(tok.key, lang)]
    near = ctx.before(mention.first, 3) + ctx.after(mention.last, 3)
    kinds = {g for tok in near for g in _noun_kind(tok.key, lang) if "|" in g}
    out += [f"near={g}" for g in sorted(kinds)]
    persons = _persons()
    person = any(g.startswith("anim") for g in kinds) or any(tok.key in persons for tok in near)
    out.append(f"person={person}")
    return out


def _sentence_features(ctx: Context, mention: CasualtyMention, rejected: Sequence[RejectedReading]) -> list[str]:
    """The lemmas and negated lemmas of the sentence (at most :data:`BEFORE` tokens before the mention and
    :data:`AFTER` after it), its cue lists and verb forms, no past verb, a question mark ending it, quotation
    marks (and the mention inside them), and the reasons of the readings the rules rejected in it."""
    toks, lang, first, last = ctx.toks, ctx.lang, mention.first, mention.last
    a, b = ctx.sentence_range(first, last)
    question = "?" in toks[b - 1].text
    a, b = max(a, first - BEFORE), min(b, last + AFTER)
    # the lemmas and negated lemmas (the first feature, the language, is left out)
    out = [f"s.{f}" for _, f in token_features(toks, a, b, lang, pairs=False)[1:]]
    past = False
    for k in range(a, b):
        if not first <= k < last:
            key = toks[k].key
            out += _sentence_word(key, lang)
            past = past or _verb_form(key, lang) == "past"
    if not past:
        out.append("nopast")
    if question:
        out.append("q")
    quotes = [k for k in range(a, b) if toks[k].text in _QUOTES]
    if quotes:
        out.append("quote")
        if sum(k < first for k in quotes) % 2:
            out.append("inquote")
    start, stop = toks[a].start, toks[b - 1].end
    out += [f"rej={r.reason}" for r in rejected if start <= r.start < stop]
    return out


@lru_cache(maxsize=50_000)
def _clause_word(key: str, lang: str) -> tuple[str, ...]:
    """The clause features of one word: its lemma, the cue lists that hold it, its verb form, its noun kind."""
    w = key_word(key, lang)
    out = [f"c={w}"] if w not in (".", "#") else []
    out += [f"cc={name}" for name in _cue_names().get(key, ())]
    if form := _verb_form(key, lang):
        out.append(f"cv={form}")
    out += [f"cn={g}" for g in _noun_kind(key, lang)]
    return tuple(out)


@lru_cache(maxsize=50_000)
def _sentence_word(key: str, lang: str) -> tuple[str, ...]:
    """The sentence features of one word beside the mention: the cue lists that hold it and its verb form."""
    out = [f"cs={name}" for name in _cue_names().get(key, ())]
    if form := _verb_form(key, lang):
        out.append(f"v={form}")
    return tuple(out)


@lru_cache(maxsize=50_000)
def _verb_form(key: str, lang: str) -> str:
    """"past", "pres", "futr", "impr" or "infn" for a word whose best reading is a verb, "by" for the
    subjunctive particle, else ""."""
    if not key[:1].isalpha():
        return ""
    if key in _subjunctive():
        return "by"
    found = tags(key, lang)[:1]
    if not found or pos(found[0]) not in ("VERB", "INFN"):
        return ""
    g = grammemes(found[0])
    for form in ("impr", "past", "futr", "pres"):
        if form in g:
            return form
    return "infn" if "INFN" in g or "infn" in g else ""


@lru_cache(maxsize=50_000)
def _grammar(key: str, lang: str) -> tuple[str, ...]:
    """The part of speech, case and number of a word's best reading ("NOUN", "datv", "plur")."""
    found = tags(key, lang)[:1] if key[:1].isalpha() else ()
    if not found:
        return ()
    g = grammemes(found[0])
    return (pos(found[0]), *sorted(g & _CASES_NUMBERS))


@lru_cache(maxsize=50_000)
def _noun_kind(key: str, lang: str) -> tuple[str, ...]:
    """For a word whose best reading is a noun: its animacy alone and with its case ("inan", "inan|nomn")."""
    found = tags(key, lang)[:1] if key[:1].isalpha() else ()
    if not found or pos(found[0]) != "NOUN":
        return ()
    g = grammemes(found[0])
    animacy = "anim" if "anim" in g else "inan"
    return (animacy, *(f"{animacy}|{case}" for case in sorted(g & _CASES)))


@lru_cache(maxsize=1)
def _cue_names() -> dict[str, tuple[str, ...]]:
    """Token key -> the names of the :data:`CUE_LISTS` that hold it (built once)."""
    out: dict[str, list[str]] = {}
    for name in CUE_LISTS:
        for key in cue_lists.keys(name):
            out.setdefault(key, []).append(name)
    return {key: tuple(names) for key, names in out.items()}


@lru_cache(maxsize=1)
def _persons() -> frozenset[str]:
    """Words for people in a count phrase and personal pronouns (a person beside the mention)."""
    pronouns = cue_lists.keys("subject_pronouns", "object_pronouns", "plural_pronouns", "singular_pronouns")
    return casualty_cues().people | pronouns


@lru_cache(maxsize=1)
def _negation() -> frozenset[str]:
    """Negation particles."""
    return cue_lists.keys("negation")


@lru_cache(maxsize=1)
def _subjunctive() -> frozenset[str]:
    """The particle of the subjunctive ("бы")."""
    return cue_lists.keys("subjunctive")
