"""Prisoner nouns ("пленный", "полонений", "військовополонений"): prisoners who exist are a captured mention with no
verb of taking ("пленный говорит", "полонені кацапи кажуть", "наших полонених розстрілювали"); prisoners as a class, a
rule or an order are not ("полонений — це полонений", "пленных не брать", "збір родин полонених").

docs/annotation-decisions.md: the lead decided 2026-12-01, following the majority of the corpus authors.
"""

from __future__ import annotations

from dataclasses import replace

from overheard.annotate import cues as cue_lists
from overheard.annotate.lexicon import LexiconEntry
from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.reasons import Reason, Rejection
from overheard.annotate.rules.casualties.words import grammemes, pos, tags, verb_mood
from overheard.annotate.rules.terms import TermMatch
from overheard.annotate.rules.tokens import Tok

PRISONER = "plain.prisoner"
_COPULAS = frozenset({"—", "–", "-", "це", "є", "это", "есть", "то"})
_NOT_HEADS = frozenset({"ADVB", "NPRO", "PRCL", "CONJ", "PREP", "INTJ", "PRED"})


def is_prisoner(match: TermMatch) -> bool:
    """Whether a match is a prisoner noun."""
    return any(entry.id == PRISONER for entry in match.entries)


def prisoner_check(ctx: Context, match: TermMatch) -> Rejection | None:
    """Why a prisoner noun names no prisoners who exist (None: it does): a maxim ("полонений — це полонений"), the
    plural governed by a noun of a class ("збір родин полонених", "по обмену пленными"), or a negated order or habit
    ("пленных не брать", "пленных мы не трогаем", "полоненого не бити", "не до пленных")."""
    toks = ctx.toks
    word = toks[match.first]
    maxim = _maxim(ctx, match)
    if maxim is not None:
        return Rejection(Reason.CLASS, maxim)
    head = _class_head(ctx, match)
    if head is not None:
        return Rejection(Reason.CLASS, f"{head.text} {word.text}")
    order = _negated_rule(ctx, match)
    if order is not None:
        return Rejection(Reason.CLASS, order)
    taking = cue_lists.keys("prisoner_taking")
    for tok in ctx.before(match.first, 3) + ctx.after(match.last, 3):
        mood = verb_mood(tok, ctx.lang) if tok.key in taking else None
        if mood is not None:  # "хто візьме полоненого", "будем пленных брать": a plan or an order, nobody taken yet
            return Rejection(Reason.VERB_NEAR, tok.text, mood=mood, term_id=PRISONER)
    return None


def _maxim(ctx: Context, match: TermMatch) -> str | None:
    """The words of "полонений — це полонений", "пленный есть пленный": the same noun again across a copula (either
    of the two)."""
    toks = ctx.toks
    for near, later in ((ctx.sentence_after(match.last, 3), True), (ctx.sentence_before(match.first, 3), False)):
        between: list[str] = []
        for tok in near:
            if tok.key == toks[match.first].key:
                words = [toks[match.first].text, *between, tok.text]
                return " ".join(words if later else reversed(words))
            if tok.key not in _COPULAS:
                break
            between.append(tok.text)
    return None


def _class_head(ctx: Context, match: TermMatch) -> Tok | None:
    """A common noun that governs the plural prisoner noun after it ("родин полонених", "поиск пленных", "обмену
    пленными"): prisoners as a class. A list of prisoners ("в списках полонених") names men in it, a count or a
    people word ("вісімнадцяти полонених") counts them, a place or a name before it ("з Коломиї полонених витягнув")
    governs nothing."""
    toks, lang = ctx.toks, ctx.lang
    found = tags(toks[match.first].key, lang)[:1]
    if match.first == 0 or not found or "plur" not in grammemes(found[0]) or "nomn" in grammemes(found[0]):
        return None
    head = toks[match.first - 1]
    if match.first in ctx.breaks or len(head.key) < 3 or not head.key.isalpha() or match.first - 1 in ctx.by_last:
        return None
    if head.key in ctx.cues.people or head.key in cue_lists.keys("prisoner_lists") or head.key in ctx.cues.units:
        return None
    readings = tags(head.key, lang)[:3]
    if not readings or pos(readings[0]) != "NOUN" or grammemes(readings[0]) & {"Name", "Surn", "Patr", "Geox", "Orgn"}:
        return None
    other = tags(head.key, "uk" if lang == "ru" else "ru")[:2]
    if any(pos(tag) in _NOT_HEADS for tag in (*readings, *other)) or grammemes(readings[0]) & {"Abbr", "Fixd"}:
        return None  # "зараз полонених", "про полонених": an adverb or a preposition also read as a noun
    sentence_start = match.first - 1 == 0 or toks[match.first - 2].text in (".", "!", "?", "…")
    return head if not head.text[:1].isupper() or sentence_start else None


def _negated_rule(ctx: Context, match: TermMatch) -> str | None:
    """"не" with a verb of an order or a habit beside the prisoner noun: an infinitive, an imperative or a present
    or before it ("пленных не брать", "пленных мы не трогаем", "полонених зеків не чіпають", "не брать пленных"), or
    "не до пленных". A past verb tells what happened to prisoners who exist ("полонених не обміняли") or belongs to
    another clause ("навіть не стріляли полонених пару взяли"), except a verb of taking ("пленных не брали": no
    prisoners were taken)."""
    negation = ctx.cues.negation
    before = ctx.before(match.first, 3)
    if len(before) > 1 and before[1].key in negation and before[0].key in ("до",):
        return f"{before[1].text} {before[0].text}"
    for near in (ctx.after(match.last, 4), list(reversed(before))):
        for tok, verb in zip(near, near[1:], strict=False):
            if tok.key not in negation or not verb.key[:1].isalpha():
                continue
            found = tags(verb.key, ctx.lang)[:1]
            if not found or pos(found[0]) not in ("VERB", "INFN"):
                continue
            taking = verb.key in cue_lists.keys("prisoner_taking")
            if taking or "past" not in grammemes(found[0]):
                return f"{tok.text} {verb.text}"
    return None


def killed_prisoners(ctx: Context, match: TermMatch, entry: LexiconEntry) -> LexiconEntry:
    """Prisoners with a verb of killing in their clause ("пленных хохлов постреляли", "пленного прямо у ямы застрелил",
    "ихнего пленного пацаны до смерти запинали") are a killed mention: the corpus authors annotate the killing only."""
    if entry.category != "captured" or entry.kind != "plain" or not entry.lemmas:
        return entry
    near = ctx.before(match.first, 3) + ctx.after(match.last, 6)
    if any(tok.key in ctx.cues.prisoner_killed for tok in near):
        return replace(entry, category="killed")
    return entry
