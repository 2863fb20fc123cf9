"""Statements of what did not happen around a casualty word: a condition anywhere earlier in the sentence, a
possibility ("мог попасть"), one arm of a comparison of fates ("лучше ..., чем двухсотым") and a belief the
speaker held before ("я думала, він загинув") (ANNOTATION.md, "Not a mention": hypotheticals, guesses, wishes)."""

from __future__ import annotations

import re

from overheard.annotate import cues as cue_lists
from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.reasons import NounReading, Reason, Rejection
from overheard.annotate.rules.casualties.words import is_past_verb, verb_mood
from overheard.annotate.rules.terms import TermMatch
from overheard.annotate.rules.tokens import SENTENCE_ENDS, Tok


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
    nothing, and a conjunction of a new clause between them ("бо", "а": "скинь, якщо можеш, тисячу, бо в нас троє
    поранених") ends the condition's reach ("если позвонят, что пропал" keeps what is said inside it)."""
    said = ctx.sentence_before(span_first, 40)
    conjunctions = cue_lists.keys("condition_clause")
    for k, tok in enumerate(said):
        if tok.key in cue_lists.keys("condition_breaks"):
            return None
        if tok.key not in conjunctions:
            continue
        nxt = said[k - 1].key if k else ""
        if nxt in cue_lists.keys("condition_set_phrases"):
            continue
        return Rejection(Reason.CONDITION, tok.text)
    return None


def imagined_frame(ctx: Context, first: int, last: int) -> Tok | None:
    """A video game named before a casualty word (in the 30 words before a verb made of a code, across turns:
    "в танчики гонял? — задвухсотили меня"), a dream, a game or a drill earlier in its sentence ("мені наснилось, що
    ти в полоні", "Мишка меня в нарды обнулил", "інструктор дає вводну"), or "условно" / "умовно" before it in the
    sentence ("умовно двоє двохсотих і четверо трьохсотих"): what happens there is no loss ("п'ять років умовно за
    СЗЧ" is a suspended sentence). A word of a report between them ("сон приснился, а утром сказали: погиб") makes it
    a report again, unless it is told inside the dream ("снився ніби ... мама каже")."""
    notional = next((t for t in [*ctx.toks[first:last], *ctx.sentence_before(first, 8)] if t.key in cue_lists.keys(
        "notional")), None)
    if notional is not None and not _sentenced(ctx, notional):  # "умовно двоє двохсотих": a drill
        return notional
    cues = ctx.cues
    games = cue_lists.keys("game_titles")
    if not games.isdisjoint(ctx.key_set):  # a game named in the turns before: "в танчики гонял? — задвухсотили"
        slang = any(_CODE_STEM.search(t.key) and is_past_verb(t, ctx.lang) for t in ctx.toks[first:last])
        # across turns only for a verb made of a code ("задвухсотили меня"): "Утром прилёт, двое двухсотых" after a
        # game is a loss; nearest first, up to a report, a contrast ("а в нас реально"), a relative pronoun
        window = ctx.toks[max(0, first - 30) : first][::-1] if slang else ctx.sentence_before(first, 14)
        relative, like = cue_lists.keys("relative_pronouns"), cue_lists.keys("comparison_like")
        breaks = cue_lists.keys("game_breaks", "relative_pronouns")
        for k, tok in enumerate(window):
            if tok.key in cues.reported or tok.key in cues.report_verbs or tok.key in breaks:
                break
            if tok.key in games and not (k + 1 < len(window) and window[k + 1].key in like) \
                    and relative.isdisjoint(t.key for t in window[k + 1 : k + 7]):
                return tok  # not "як в катці без респа" (a comparison), not "з яким ми в доту рубились" (the man)
    frames = cue_lists.keys("imagined_frames")
    if frames.isdisjoint(ctx.key_set):
        return None
    said = ctx.sentence_before(first, 16)  # nearest first
    reported, later = False, cue_lists.keys("after_dream_words")
    for k, tok in enumerate(said):
        if reported and tok.key in later:
            break  # "приснилось ..., а утром мать звонит и говорит": a report after the dream
        if tok.key in cues.reported or tok.key in cues.report_verbs:
            reported = True  # "сон приснился, а утром сказали: погиб": a report after the dream
        elif tok.key in frames and (not reported or _dream_content(said[max(0, k - 2) : k])):
            return tok  # "снився ніби ... мама каже тебе двохсотим записали": what is said inside the dream
    return None


_CODE_STEM = re.compile(r"(?:двух|двох|трех|трьох|четырех|чотирьох|пятис|п'ятис|шестис|\d00)")


def _dream_content(after_frame: list[Tok]) -> bool:
    """Whether the words right after a dream or game word open what happens in it ("снився ніби", "приснилось,
    что"): a report told there is part of the dream."""
    content = cue_lists.keys("dream_content_words")
    return any(tok.key in content for tok in after_frame)


def named_so(ctx: Context, match: TermMatch, count_before: bool) -> Tok | None:
    """A code word that is a name: a verb of naming in its clause ("кота мы назвали Трёхсотый", "Кличемо Тараса
    «Двохсотим»"), or, with no count, written with a capital inside a sentence
    ("Собака наш П'ятисотий живий"): a nickname, not a loss."""
    naming = cue_lists.keys("naming_verbs")
    near = ctx.before(match.first, 4) + ctx.after(match.last, 3)  # not "не знаю, как звать, — двухсотые оба"
    found = next((t for t in near if t.key in naming), None)
    if found is not None:
        return found
    tok = ctx.toks[match.first]
    k = match.first
    inside = k > 0 and k not in ctx.breaks and ctx.toks[k - 1].text not in _OPENERS
    if not count_before and inside and tok.text[:1].isupper() and not tok.text.isupper() and tok.key[:1].isalpha():
        return tok
    return None


_OPENERS = SENTENCE_ENDS | {"—", "–", "-", ":", "«", '"', "„", "“"}


def addressed_as(ctx: Context, match: TermMatch, span_first: int) -> Rejection | None:
    """A casualty word asked of the one spoken to: "ты что / ти шо" right before it ("ты что, двухсотый?", "ти шо
    трьохсотий, ти чого в шпиталі"), or a tag that asks right after it ("я двухсотый что ли"): a question or a joke,
    not a report."""
    lead = [t.key for t in ctx.sentence_before(span_first, 3) if not t.is_punct][:2]
    if len(lead) == 2 and lead[0] in cue_lists.keys("asking_what") and lead[1] in cue_lists.keys("addressee_subjects"):
        return Rejection(Reason.QUESTION)
    after = [t.key for t in ctx.after(match.last, 2)]
    if any(tuple(after[: len(p)]) == p for p in cue_lists.phrases("asking_tags")):
        return Rejection(Reason.QUESTION)
    return None


def unreal_frame(ctx: Context, span_first: int) -> Rejection | None:
    """A verb of saying or writing before "что"/"що" that says the claim is not made: a future ("в рапорте напишу, что
    погиб при выполнении") or a negated past or present ("я ж не казав, шо мене поранило", "я ж не кажу, що вони
    загинули"): a threat or a denial, not a report ("скажи ей, что я ранен" relays one; "не говори маме, что Петя
    погиб", an order, is no denial)."""
    said = ctx.sentence_before(span_first, 10)
    that = cue_lists.keys("news_question_that")
    saying = cue_lists.union(ctx.cues.report_verbs, ctx.cues.reported)
    for k, tok in enumerate(said):
        if tok.key not in that:
            continue
        rest = [t for t in said[k + 1 : k + 4] if t.text not in (",", "—", "–")]
        verb = rest[0] if rest else None
        if verb is None or verb.key not in saying:
            return None
        mood = verb_mood(verb, ctx.lang)
        if mood == "future":
            return Rejection(Reason.VERB_NEAR, verb.text, mood=mood, term_id="saying")
        if len(rest) > 1 and rest[1].key in ctx.cues.negation and (is_past_verb(verb, ctx.lang) or mood is None):
            return Rejection(Reason.DENIAL, f"{rest[1].text} {verb.text}")  # "я ж не кажу, що вони загинули"
        return None
    return None


def _sentenced(ctx: Context, tok: Tok) -> bool:
    """Whether "условно" / "умовно" follows a term ("п'ять років умовно"): a suspended sentence, no drill."""
    k = next(i for i, t in enumerate(ctx.toks) if t is tok)
    prev = ctx.toks[k - 1] if k > 0 else None
    return prev is not None and ctx.cues.reads_as(prev.key, NounReading.TIME)
