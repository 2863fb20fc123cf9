"""One man and the companions told after him (counts28): "Мурада обнулили. С ним трое были", "Тарасик загинув. І ще
четверо з його взводу", "Максим в плену. Его и ещё семерых взяли", "костя без вести и двое с ним", "Лёва в плену. Его
взяли вместе с Гошей": he and as many more, one group (ANNOTATION.md, "One entry per group"; Counts)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from overheard.annotate import cues as cue_lists
from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.counting import _categories_at
from overheard.annotate.rules.casualties.followup import (
    _companion,
    _counts_people,
    _person,
    sentence_after,
    sentence_end,
    spared,
)
from overheard.annotate.rules.counts import NumberExpr
from overheard.annotate.rules.terms import TermMatch

_AND = frozenset({"и", "і", "й", "та", "а"})


@dataclass(frozen=True)
class _Scan:
    """Where a companion phrase is looked for: the words, the end of the sentence scanned (``last``), its first word
    when it is a later sentence (``opening``; None in the words' own sentence), and whether the words are said of one
    man."""

    ctx: Context
    match: TermMatch
    last: int
    opening: int | None
    singular: bool


def companions_after(ctx: Context, match: TermMatch, singular: bool) -> tuple[NumberExpr, str] | None:
    """The count of one man and his companions told after the words, in their sentence or one of the next two (same
    turn, no other kind of loss on the way): "с ним (ещё) трое", "и (ещё) двое с ним", "его и ещё семерых"; where the
    words are said of one man (``singular``) also "і ще четверо" opening a sentence or right after the man, "вместе с
    Гошей" and "И Ахмед с ним" in a later sentence. Returns the count (he included) and the word that told it; None
    where the companions are said to be unharmed ("с ним трое были, все целы", "з ним ще двоє, їх не зачепило")."""
    toks = ctx.toks
    end = sentence_end(ctx, match.last)
    spans, index = [(match.last, end, False)], end
    for _ in range(2):
        found = sentence_after(ctx, index)
        if found is None:
            break
        spans.append((found[0], found[1], True))
        index = found[1]
    own = _categories_at(ctx, match.first)
    for first, last, later in spans:
        if any(j in ctx.casualty_tokens and (later or not _categories_at(ctx, j) <= own) for j in range(first, last)):
            return None  # a loss told again later has its own count; in the words' sentence only another kind stops
        opening = first
        while opening < last and toks[opening].is_punct:
            opening += 1
        scan = _Scan(ctx, match, last, opening if later else None, singular)
        for i in range(first, last):
            found = _companions_at(scan, i)
            if found is None:
                continue
            if spared(ctx, found[0].last):
                return None  # "с ним трое были, все целы", "их не задело": they came through
            return found
    return None


def _companions_at(scan: _Scan, i: int) -> tuple[NumberExpr, str] | None:
    """The companions' count when one of the patterns of :func:`companions_after` starts at token ``i``."""
    ctx, last = scan.ctx, scan.last
    toks, cues = ctx.toks, ctx.cues
    with_words, him, more = cues.count_out_of, cue_lists.keys("companion_him"), cues.new_group
    one_man = cue_lists.keys("companion_one_man")

    def number(j: int) -> tuple[NumberExpr, str] | None:
        while j < last and toks[j].key in more:
            j += 1
        expr = ctx.by_first.get(j)
        if expr is None or not expr.value or expr.approximate or expr.last > last:
            return None
        after = toks[expr.last].key if expr.last < last else ""
        if not (j > i and toks[j - 1].key in more or after in with_words or after in cues.people) and \
                not _counts_people(ctx, expr):
            return None  # "с ним ещё один из расчёта", "и двое с ним", "і ще двох хлопців з ним" count people
        words = " ".join(t.text for t in toks[i : expr.last])
        return replace(expr, value=expr.value + 1, phrase=words), toks[i].text

    tok = toks[i]
    if tok.key in with_words and i + 1 < last and toks[i + 1].key in him and (
            scan.singular or i + 2 < last and toks[i + 2].key in more):
        return number(i + 2)  # "с ним (ещё) трое", "з ним ще четверо"; not "трёхсотых с ним девять": him included
    expr = ctx.by_first.get(i)
    if expr is not None:
        close = expr.last + (expr.last < last and toks[expr.last].key in cues.people)  # "двох хлопців з ним"
        j = i - 1 - (i > 0 and toks[i - 1].key in more)
        if close + 1 < last and toks[close].key in with_words and toks[close + 1].key in him and j >= 0 and (
                toks[j].key in _AND or toks[j].text == ","):
            return number(i)  # "и двое с ним", "ще двоє з ним"
    if tok.key in one_man and i + 2 < last and toks[i + 1].key in _AND and toks[i + 2].key in more:
        return number(i + 2)  # "его и ещё семерых"
    if not scan.singular:
        return None
    if tok.key in _AND and i + 1 < last and toks[i + 1].key in more:
        after_him = i == scan.match.last or (toks[i - 1].key[:1].isalpha() and _person(toks[i - 1], ctx))
        if i == scan.opening or (scan.opening is None and after_him):
            return number(i + 1)  # "Тарасик загинув. І ще четверо", "Хоронили Артёма и ещё двоих"
    if scan.opening is None:
        return None
    if tok.key in cues.together and i + 2 < last and toks[i + 1].key in with_words and _companion(ctx, toks[i + 2]):
        return NumberExpr(i, i + 3, 2, False, phrase=" ".join(t.text for t in toks[i : i + 3])), toks[i + 2].text
    j = i + (tok.key in _AND)  # "И Ахмед с ним."
    if i == scan.opening and j + 2 < last and toks[j].key not in cues.singular_pronouns and _person(toks[j], ctx) and \
            toks[j + 1].key in with_words and toks[j + 2].key in him:
        return NumberExpr(i, j + 3, 2, False, phrase=" ".join(t.text for t in toks[i : j + 3])), toks[j].text
    return None
