"""Statements of what did not happen around a casualty word: a condition anywhere earlier in the sentence, a
possibility ("мог попасть"), one arm of a comparison of fates ("лучше ..., чем двухсотым") and a belief the
speaker held before ("я думала, він загинув") (ANNOTATION.md, "Not a mention": hypotheticals, guesses, wishes)."""

from __future__ import annotations

from overheard.annotate import cues as cue_lists
from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.reasons import Reason, Rejection
from overheard.annotate.rules.casualties.words import is_past_verb, verb_mood
from overheard.annotate.rules.terms import TermMatch


def possibility(ctx: Context, match: TermMatch, span_first: int) -> Rejection | None:
    """A modal verb of possibility with an infinitive in the clause of a plain word ("в плен мог попасть", "могли
    убить", "міг загинути"): what could have happened, not what did; a negated one ("не могли вывезти") is left to
    the other checks."""
    lang = ctx.lang
    modal = cue_lists.keys("possibility_modals")
    around = [*reversed(ctx.before(span_first, 4)), *ctx.toks[match.first : match.last], *ctx.after(match.last, 3)]
    for k, tok in enumerate(around):
        if tok.key not in modal or (k and around[k - 1].key in ctx.cues.negation):
            continue
        if any(verb_mood(t, lang) == "infinitive" for t in around[max(0, k - 2) : k + 3] if t is not tok):
            return Rejection(Reason.GUESS, tok.text)
    return None


def preference(ctx: Context, match: TermMatch, span_first: int) -> Rejection | None:
    """A casualty word in an arm of a comparison of fates: right after "чем"/"ніж" with a comparative before it
    ("Пятисотым быть лучше, чем двухсотым", "лучше сын-сочинец, чем сын в цинке"), or beside the comparative with
    "чем"/"ніж" after it ("краще в полоні живим, ніж у землі"): a preference between what could be, not a report."""
    better, than = cue_lists.keys("preference_comparatives"), cue_lists.keys("comparison_than")
    near = ctx.before(span_first, 3)
    if any(t.key in than for t in near):
        said = ctx.sentence_before(span_first, 14)
        found = next((t for t in said if t.key in better), None)
        if found is not None:
            return Rejection(Reason.INTENTION_BEFORE, found.text)
    found = next((t for t in near + ctx.after(match.last, 3) if t.key in better), None)
    if found is not None and any(t.key in than for t in ctx.sentence_after(match.last, 8)):
        return Rejection(Reason.INTENTION_BEFORE, found.text)
    return None


def past_belief(ctx: Context, span_first: int) -> Rejection | None:
    """A belief held in the past before the clause ("Я думала, він загинув", "а я три місяці думала, що він
    загинув", "боялась, что его в плен взяли"): what the speaker feared or thought, which the telling contradicts,
    not a report."""
    said = ctx.sentence_before(span_first, 12)
    beliefs = cue_lists.keys("belief_verbs")
    for k, tok in enumerate(said):
        if tok.key in beliefs and is_past_verb(tok, ctx.lang) and not (
                k + 1 < len(said) and said[k + 1].key in ctx.cues.negation):
            return Rejection(Reason.GUESS, tok.text)
    return None


def conditional_sentence(ctx: Context, span_first: int) -> Rejection | None:
    """A conditional conjunction anywhere earlier in the sentence ("Если бы нас тогда под Токмаком не сменили, мы бы
    там все двухсотыми и легли", "якщо ми завтра туди вдень підемо, будуть і двохсоті"): the mention is in the
    condition or its consequence, not a report; a set phrase ("если честно", "якщо чесно", "если что") conditions
    nothing, and a conjunction of a new clause between them ("бо", "а", "что": "скинь, якщо можеш, тисячу, бо в нас
    троє поранених") ends the condition's reach."""
    said = ctx.sentence_before(span_first, 40)
    conjunctions = cue_lists.keys("condition_clause")
    for k, tok in enumerate(said):
        if tok.key in ctx.cues.clause_end and tok.key[:1].isalpha():
            return None
        if tok.key not in conjunctions:
            continue
        nxt = said[k - 1].key if k else ""
        if nxt in cue_lists.keys("condition_set_phrases"):
            continue
        return Rejection(Reason.CONDITION, tok.text)
    return None
