"""A question about a loss answered in the next turn (recall19): "— Сколько двухсотых? — Двое, ночью.", "— А раненые
есть? — Есть, семеро.", "скільки трьохсотих / четверо вчора". The question names the loss and the first sentence of the
next speaker's turn confirms it, with a count at its start (the size of the group) or with "есть / да / так" (a count
right after that word is the size). An answer that opens with a negation or a word for nobody ("— Ни одного, слава
богу", "— Нет", "— Жодного") confirms nothing, and neither does a question asked before another sentence of the same
turn (the next speaker answers the last one).
"""

from __future__ import annotations

from overheard.annotate import cues as cue_lists
from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.reasons import NounReading
from overheard.annotate.rules.casualties.wording import time_adverb
from overheard.annotate.rules.counts import NumberExpr
from overheard.annotate.rules.terms import TermMatch
from overheard.annotate.rules.tokens import SENTENCE_ENDS


def next_turn_answer(ctx: Context, match: TermMatch) -> tuple[bool, NumberExpr | None]:
    """(whether the next turn confirms the loss the question at ``match`` asks about, the count it gives if any)."""
    toks = ctx.toks
    k = match.last
    while k < len(toks) and k not in ctx.breaks:
        if toks[k].text in SENTENCE_ENDS and any(not t.is_punct for t in toks[k + 1 : _turn_end(ctx, k)]):
            return False, None  # another sentence follows in the same turn: the answer is not to this question
        k += 1
    if k >= len(toks):
        return False, None
    j = k
    if j + 1 < len(toks) and toks[j + 1].text == ":" and toks[j].text[:1].isupper():
        j += 2  # "Сын: Двое."
    while j < len(toks) and toks[j].is_punct and (j == k or j not in ctx.breaks):
        j += 1
    opening = [t for t in toks[j : j + 3] if not t.is_punct]
    refusing = cue_lists.union(ctx.cues.negation, ctx.cues.deny_before, ctx.cues.deny_after, cue_lists.keys("nobody"))
    if not opening or any(t.key in refusing for t in opening):
        return False, None
    affirmed = toks[j].key in ctx.cues.affirm
    if affirmed:
        j += 1
        while j < len(toks) and toks[j].is_punct and j not in ctx.breaks and toks[j].text not in SENTENCE_ENDS:
            j += 1
    count = ctx.by_first.get(j)
    if count is not None and not count.zero and _people(ctx, count):
        return True, count
    return affirmed, None


def _turn_end(ctx: Context, k: int) -> int:
    """The index of the first token of the next turn after ``k`` (or the end of the text)."""
    j = k + 1
    while j < len(ctx.toks) and j not in ctx.breaks:
        j += 1
    return j


def _people(ctx: Context, count: NumberExpr) -> bool:
    """Whether a number counts people: nothing after it, punctuation, a word for people, or an adverb of time, or a
    word no noun reading makes a time, a sum or a distance ("двое, ночью", "семь человек", not "три дня", "пять
    тысяч")."""
    k = count.last
    if k >= len(ctx.toks) or ctx.toks[k].is_punct or k in ctx.breaks:
        return True
    key = ctx.toks[k].key
    if key in ctx.cues.people or time_adverb(ctx.toks[k]):
        return True  # "семь человек", "четверо ночью"
    return not ctx.cues.reads_as(key, *(reading for reading in NounReading if reading is not NounReading.PEOPLE))
