"""A whole formation said to be lost (counts29): "под Авдеевкой батальон положили", "три роти поклали", "противник
потерял до роты убитыми", "бригада с Лимана отказалась" are vague quantities (ANNOTATION.md, Counts: count null,
approximate), neither a bare mention nor one man, nor the number of companies."""

from __future__ import annotations

from overheard.annotate import cues as cue_lists
from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.followup import _counts_people
from overheard.annotate.rules.casualties.words import grammemes, pos, tags
from overheard.annotate.rules.counts import NumberExpr
from overheard.annotate.rules.terms import TermMatch

_UP_TO = frozenset({"до"})  # "до роты убитыми", "уничтожено до взвода": up to a company, about
_HALF = frozenset({"пів", "пол"})
_REACH = 3  # words between the formation and the casualty words: adjectives, a number, "с Лимана"


def lost_formation(ctx: Context, match: TermMatch, count: NumberExpr | None) -> NumberExpr | None:
    """A vague count when a formation noun is the group the casualty words tell of, next to them in the clause: in
    the nominative or accusative with no preposition ("батальон положили", "положили роту", "наша бригада
    отказалась"), or after "до" ("до роты убитыми"). Only where the rules found no count of people: a number that
    counts the formations ("три роти поклали") gives way too; "с роты трое", "командир роты погиб" keep theirs."""
    formations = cue_lists.keys("count_formations")
    if not formations & ctx.key_set:
        return None
    toks = ctx.toks
    counted = count is None or (count.value is not None and count.last < len(toks)
                                and toks[count.last].key in formations)
    if not counted or _people_counted(ctx, match, formations):
        return None  # "целое отделение положили, девять человек", "третій взвод відмовився, семеро": the people count
    for k in _near(ctx, match):
        if toks[k].key not in formations:
            continue
        j = k - 1
        while j >= 0 and j + 1 not in ctx.breaks and (j in ctx.by_last or _modifier(ctx, j)):
            j -= 1  # "нашу 2-ю роту", "три роти", "пів нашого батальйону"
        before = toks[j].key if j >= 0 and j + 1 not in ctx.breaks else ""
        found = _noun_tags(ctx, toks[k].key)
        if before in _UP_TO and (not found or any("gent" in grammemes(tag) for tag in found)):
            return NumberExpr(j, k + 1, None, True, phrase=" ".join(t.text for t in toks[j : k + 1]))
        if j >= 0 and j + 1 not in ctx.breaks and any(pos(tag) == "PREP" for tag in tags(before, ctx.lang)[:1]):
            continue  # "с роты", "в батальоне", "по бригаде": where the men are from, not who was lost
        numbered = any(x in ctx.by_last for x in range(j + 1, k))  # "три роти": the number governs the case
        half = any(toks[x].key in _HALF for x in range(j + 1, k))  # "пів нашого батальйону поклали"
        if not numbered and not half and found and "gent" in grammemes(found[0]) and before[:1].isalpha() and any(
                pos(tag) == "NOUN" for tag in tags(before, ctx.lang)[:1]):
            continue  # "командир роты погиб", "штаб бригады": the formation of another noun
        if not found or any(({"nomn", "accs"} | ({"gent"} if half else set())) & grammemes(tag) for tag in found):
            return NumberExpr(k, k + 1, None, True, phrase=toks[k].text)
    return None


def _people_counted(ctx: Context, match: TermMatch, formations: frozenset[str]) -> bool:
    """Whether a number of two or more that counts people stands in the sentence of the words or the next one
    ("третья рота отказалась. Ну не вся, человек тридцать", "взвод відмовився, семеро кажуть"): the formation is
    only where they were from."""
    toks = ctx.toks
    a, b = ctx.sentence_range(match.first, match.last)
    if b < len(toks):
        b = ctx.sentence_range(b, b + 1)[1]
    for expr in ctx.by_first.values():
        if a <= expr.first < b and (expr.value or 0) > 1 and not (
                expr.last < len(toks) and toks[expr.last].key in formations) and _counts_people(ctx, expr):
            return True
    return False


def _noun_tags(ctx: Context, key: str) -> list[str]:
    """The noun readings of a formation word, in the text's language first, then in the other ("роти" is a Ukrainian
    noun and a Russian verb: a text told as Russian may hold Ukrainian words)."""
    order = ("uk", "ru") if ctx.lang == "uk" else ("ru", "uk")
    return [tag for lang in order for tag in tags(key, lang)[:3] if pos(tag) == "NOUN"]


def _near(ctx: Context, match: TermMatch) -> list[int]:
    """Indices of the words next to a match in its clause, before it (over a place phrase) and after it."""
    toks, out = ctx.toks, []
    k, seen = match.first - 1, 0
    while k >= 0 and seen < _REACH and k + 1 not in ctx.breaks and not toks[k].is_punct:
        out.append(k)
        if k > 0 and toks[k - 1].key in ctx.cues.count_place_prepositions and toks[k].key[:1].isalpha():
            k -= 2  # "бригада с Лимана отказалась": the place between
            continue
        k -= 1
        seen += 1
    k, seen = match.last, 0
    while k < len(toks) and seen < _REACH and k not in ctx.breaks and not toks[k].is_punct:
        out.append(k)
        k += 1
        seen += 1
    return out


def _modifier(ctx: Context, k: int) -> bool:
    """Whether a word before a formation noun is its adjective, possessive or "пів/пол" ("нашу", "цілий", "пів")."""
    key = ctx.toks[k].key
    if key in _HALF or key in ctx.cues.modifiers:
        return True
    found = tags(key, ctx.lang)[:1] if key[:1].isalpha() else ()
    return bool(found) and pos(found[0]) in ("ADJF", "NPRO")
