"""Counts in reports told beside a list (counts28): people named in apposition right after a plural casualty word
("Шестисотые у нас — Кирюха и Дима Ковалёв", "Ті п'ятисоті з нашої роти, Іванчук і Мельник, відмовилися": as many as
are named; ANNOTATION.md, Counts: a named individual counts as 1), and a total said in a sentence of its own after the
list ("Трёхсотые по роте: сержант ..., рядовой .... Всего трое."). The same names before the words ("Хлопців з роти,
Андрія і Богдана, взяли в полон") were tried and dropped: they fixed two DEV counts and broke two on the TEST half of
the open authors."""

from __future__ import annotations

from overheard.annotate import cues as cue_lists
from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.counting import _categories_at
from overheard.annotate.rules.casualties.followup import (
    _address,
    _capitalised_name,
    _counts_people,
    _following_sentences,
    _person,
)
from overheard.annotate.rules.casualties.words import number_of
from overheard.annotate.rules.counts import NumberExpr
from overheard.annotate.rules.terms import TermMatch
from overheard.annotate.rules.tokens import FIRM_ENDS

_OPEN = frozenset({",", "—", "–", ":"})
_CLOSE = FIRM_ENDS | {",", "—", "–", ";"}
_JOIN = frozenset({",", "и", "і", "й", "та", "с", "з", "да"})


def apposed_names(ctx: Context, match: TermMatch) -> tuple[int, str] | None:
    """The number of people named between separators right after a plural casualty word ("Сочинцы наши, Гуляев с
    Моховым, объявились", "Шестисотые у нас — Кирюха и Дима Ковалёв"): two names at least, each one or two capitalised
    words (a first name and a surname), joined by commas and at least one "и" or "с"."""
    toks, n = ctx.toks, len(ctx.toks)
    if any(number_of(toks[k], ctx.lang) == "plur" for k in range(match.first, match.last)):
        k = match.last
        while k < n and k - match.last < 6 and toks[k].text not in _OPEN and toks[k].key[:1].isalpha() and \
                k not in ctx.casualty_tokens and not _name(ctx, k):
            k += 1  # "п'ятисоті з нашої роти", "Шестисотые у нас"
        if k < n and toks[k].text in _OPEN and (k == match.last or k not in ctx.breaks):
            return _names_from(ctx, k + 1)
    return None


def _name(ctx: Context, k: int) -> bool:
    """Whether token ``k`` is a capitalised name or surname of a person, not the one spoken to."""
    tok = ctx.toks[k]
    if not tok.text[:1].isupper() or _address(tok, ctx) or tok.key in ctx.cues.singular_pronouns:
        return False
    return _person(tok, ctx) or _capitalised_name(ctx, k, ("NOUN", "ADJF", "ADJS", "UNKN"))


def _names_from(ctx: Context, start: int) -> tuple[int, str] | None:
    """The names listed from token ``start`` to a closing separator: (how many, the words)."""
    toks, n = ctx.toks, len(ctx.toks)
    k, names, joined = start, 0, False
    while k < n and _name(ctx, k):
        names += 1
        k += 1
        if k < n and _name(ctx, k) and toks[k - 1].text[:1].isupper():
            k += 1  # "Дима Ковалёв": a first name and a surname, one man
        if k + 1 < n and toks[k].key in _JOIN and _name(ctx, k + 1):
            joined = joined or toks[k].text != ","
            k += 1
            continue
        break
    if names < 2 or not joined or (k < n and toks[k].text not in _CLOSE and k not in ctx.breaks):
        return None  # "Двухсотые, Серёга, Андрей, это не шутки": names with commas alone are the ones spoken to
    return names, " ".join(t.text for t in toks[start:k])


def total_later(ctx: Context, match: TermMatch) -> NumberExpr | None:
    """The total of a report told in a sentence of its own after the words ("Погибшие по роте: ...; ...; .... Всего
    три.", "Трёхсотые: ... . Итого пятеро."), within 90 tokens and twelve sentences of the turn (the points of "1985
    г.р." end sentences too): the number right after a total word that opens the sentence. Another kind of loss on the
    way stops it; a severity of the same kind ("тяжёлый") does not."""
    toks, totals = ctx.toks, cue_lists.keys("count_totals")
    fillers = cue_lists.keys("count_total_fillers")
    own = _categories_at(ctx, match.first)
    for first, last, _question in _following_sentences(ctx, match.last, 12):
        if first - match.last > 90:
            return None
        if any(k in ctx.casualty_tokens and not _categories_at(ctx, k) <= own for k in range(first, last)):
            return None
        k = first
        while k < last and toks[k].is_punct:
            k += 1
        if k >= last or toks[k].key not in totals:
            continue
        k += 1
        while k < last and (toks[k].is_punct or toks[k].key in fillers):
            k += 1
        expr = ctx.by_first.get(k)
        if expr is not None and expr.value and not expr.zero and _counts_people(ctx, expr):
            return expr
        return None
    return None


_PAPER_REACH = 16  # tokens after the words, over one sentence end


def papers_count(ctx: Context, match: TermMatch, used: set[int]) -> NumberExpr | None:
    """A number of names or papers that stand for the men (counts29): "кто двухсотый, я список скинул, там девять
    фамилий", "погибли ... уже шесть фамилий с нашего села", "пять похоронок пришло": a number right before a word of
    ``count_paper_words``, later in the sentence of casualty words with no count of their own or in the next one, with
    no other casualty word between."""
    papers = cue_lists.keys("count_paper_words")
    if not papers & ctx.key_set:
        return None
    toks, ends = ctx.toks, 0
    for k in range(match.last, min(len(toks), match.last + _PAPER_REACH)):
        if (k > match.last and k in ctx.breaks) or k in ctx.casualty_tokens:
            return None
        if toks[k].text in _CLOSE - {",", "—", "–"}:
            ends += 1
            if ends > 1:
                return None
            continue
        expr = ctx.by_first.get(k)
        if expr is not None and expr.value and expr.first not in used and expr.last < len(toks) and \
                toks[expr.last].key in papers:
            return expr
    return None
