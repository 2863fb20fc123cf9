"""The men another casualty word describes, counted once for both losses (counts28): "Двоих пятисотых на рассвете
обнулили" (two refusers, killed: two), "двое ихних сочинцев сдались нашим" (two deserters, captured: two), "двох кацапів
трьохсотих в плен взяли" (ANNOTATION.md, "A group in two categories": one mention per category, the same count)."""

from __future__ import annotations

from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.counting import _categories_at
from overheard.annotate.rules.casualties.words import number_of
from overheard.annotate.rules.counts import NumberExpr
from overheard.annotate.rules.terms import TermMatch

_BETWEEN = 4  # words between the describing word and the words ("на рассвете", "до нас вийшли", "ночью сами")


def described_count(ctx: Context, match: TermMatch) -> NumberExpr | None:
    """The number before a plural casualty word of another kind that ends at most four words before the words (a
    plain word or slang, no code word), with no punctuation or conjunction between, and at most one possessive or
    people word between the number and that word: those men's count ("Двоих пятисотых на рассвете обнулили", "двоє
    їхніх СЗЧшників до нас вийшли, здались")."""
    toks = ctx.toks
    entry = next((e for e in match.entries if e.is_casualty), None)
    if entry is None or entry.kind == "code":
        return None  # "двое двухсотых и трёхсотый": a code word of its own is another group
    own = _categories_at(ctx, match.first)
    k = match.first - 1
    while k >= 0 and match.first - 1 - k < _BETWEEN and k not in ctx.casualty_tokens:
        if toks[k].is_punct or k + 1 in ctx.breaks or k in ctx.by_last or toks[k].key in ctx.cues.joining:
            return None  # "двоє загинули, а Стас зник безвісти": another clause, another group
        k -= 1
    if k < 0 or k not in ctx.casualty_tokens:
        return None
    other = next((m for m in ctx.matches if m.first <= k < m.last), None)
    if other is None or _categories_at(ctx, k) & own or number_of(toks[other.first], ctx.lang) != "plur":
        return None
    j = other.first - 1
    if j >= 0 and j not in ctx.by_last and (toks[j].key in ctx.cues.modifiers or toks[j].key in ctx.cues.people or
                                            toks[j].key in ctx.cues.skip_before):
        j -= 1  # "двое ихних сочинцев", "двох кацапів трьохсотих"
    expr = ctx.by_last.get(j)
    if expr is None or not expr.value or expr.value < 2:
        return None
    return expr
