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
from overheard.annotate.rules.casualties.words import grammemes, is_past_verb, pos, tags, verb_mood
from overheard.annotate.rules.terms import TermMatch
from overheard.annotate.rules.tokens import FIRM_ENDS, Tok

PRISONER = "plain.prisoner"
_COPULAS = frozenset({"—", "–", "-", "це", "є", "это", "есть", "то"})
_FOR = frozenset({"для", "ради", "заради"})  # "то тільки для полонених": what prisoners as a class get
_NOT_HEADS = frozenset({"ADVB", "NPRO", "PRCL", "CONJ", "PREP", "INTJ", "PRED"})


def is_prisoner(match: TermMatch) -> bool:
    """Whether a match is a prisoner noun."""
    return any(entry.id == PRISONER for entry in match.entries)


def prisoner_check(ctx: Context, match: TermMatch) -> Rejection | None:
    """Why a prisoner noun names no prisoners who exist (None: it does): a maxim ("полонений — це полонений"), the
    plural governed by a noun of a class ("збір родин полонених", "по обмену пленными") or after "для" ("то тільки
    для полонених"), a negated order or habit ("пленных не брать", "пленных мы не трогаем", "полоненого не бити", "не
    до пленных"), a list searched with nothing found ("перевіримо за списками полонених", "в списках пленных тоже
    нет"), or a plan of taking ("хто візьме полоненого")."""
    toks = ctx.toks
    word = toks[match.first]
    maxim = _maxim(ctx, match)
    if maxim is not None:
        return Rejection(Reason.CLASS, maxim)
    head = _class_head(ctx, match)
    if head is not None:
        return Rejection(Reason.CLASS, f"{head.text} {word.text}")
    found = tags(word.key, ctx.lang)[:1]
    before = toks[match.first - 1] if match.first > 0 and match.first not in ctx.breaks else None
    if before is not None and before.key in _FOR and found and "plur" in grammemes(found[0]):
        return Rejection(Reason.CLASS, f"{before.text} {word.text}")  # "то тільки для полонених": a class
    order = _negated_rule(ctx, match)
    if order is not None:
        return Rejection(Reason.CLASS, order)
    searched = searched_list(ctx, match)
    if searched is not None:
        return searched
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
    sentence_start = match.first - 1 == 0 or toks[match.first - 2].text in FIRM_ENDS
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
            if verb.key in cue_lists.keys("listener_asides"):
                continue  # "четверо пленных матери не говори пока": an aside to the listener, no rule (recall19)
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
    if not any(tok.key in ctx.cues.prisoner_killed for tok in near):
        return entry
    alive = cue_lists.keys("beaten_alive")
    if not any(tok.key in alive for tok in near):  # "до полусмерти забил": beaten, still alive
        return replace(entry, category="killed")
    return entry


_AIMS = frozenset({"на", "в", "во", "под", "під", "за"})  # "на прицел", "в оборот": aims; "у посадки" is where


def taken_check(ctx: Context, match: TermMatch) -> Rejection | None:
    """Why "взяли" takes no prisoner here (None: it does): not a past verb, no name for the enemy ("хохла", "кацапів",
    "ихних") beside it as its object, or a preposition of an aim after it ("взяли кацапа на прицел", "взяли в
    оборот"; "в плен / у полон" is the captivity phrase's own mention)."""
    from overheard.annotate.rules.casualties.side import side_cues  # side reads this module's neighbours: import late

    toks, lang = ctx.toks, ctx.lang
    verb = toks[match.first]
    phrase = next((m for m in ctx.matches if m is not match and match.first - 5 <= m.first <= match.last + 3 and any(
        e.category == "captured" for e in m.entries)), None)
    if phrase is not None:  # "двоих укропов в плен взяли": the phrase is the mention, with its count
        return Rejection(Reason.TOLD_BESIDE, " ".join(t.text for t in toks[phrase.first : phrase.last]))
    if not is_past_verb(verb, lang):
        return Rejection(Reason.NO_EVENT, verb.text)
    enemy = cue_lists.union(side_cues().enemy, cue_lists.keys("side_their"))
    near = ctx.before(match.first, 4) + ctx.after(match.last, 3)
    if not any(t.key in enemy and not _subject(ctx, t) for t in near):
        return Rejection(Reason.NO_CAPTIVE, verb.text)
    nxt = ctx.after(match.last, 3)
    captivity = cue_lists.keys("side_captivity")
    for k, tok in enumerate(nxt[:-1]):
        aim = nxt[k + 1]
        best = tags(aim.key, lang)[:1] if aim.key[:1].isalpha() else ()
        if tok.key in _AIMS and best and pos(best[0]) == "NOUN" and "accs" in grammemes(best[0]) and \
                "anim" not in grammemes(best[0]) and aim.key not in enemy and aim.key not in captivity:
            return Rejection(Reason.THING, f"{verb.text} {tok.text} {aim.text}")  # an aim, in the accusative
    return None


def _subject(ctx: Context, tok: Tok) -> bool:
    """Whether a name for the enemy is the subject of "взяли" (the nominative: "хохлы взяли позицию")."""
    found = tags(tok.key, ctx.lang)[:1]  # a noun only: the uk dictionary reads "москалів" as a possessive adjective
    return bool(found) and pos(found[0]) == "NOUN" and "nomn" in grammemes(found[0])


def searched_list(ctx: Context, match: TermMatch) -> Rejection | None:
    """Why a prisoner noun in a list of prisoners names nobody (None: it may): the list searched ("шукали в списках
    полонених, а ти в шпиталі", "перевіримо за списками полонених") or a negation in the sentence ("в списках
    погибших не значится, в списках пленных тоже", "в списках пленных его нет"), with no word that finds a man there
    ("нашли в списке пленных", "у списках полонених є", "не значится ..., а в списках пленных есть"). A list searched
    in vain is no capture (annotation-decisions.md, prisoner nouns; fa31)."""
    lists = cue_lists.keys("prisoner_lists")
    if not any(t.key in lists for t in ctx.sentence_before(match.first, 3)):
        return None
    around = [*reversed(ctx.sentence_before(match.first, 14)), *ctx.sentence_after(match.last, 6)]
    negation, found = ctx.cues.negation | {"нет", "немає", "нема", "ни"}, cue_lists.keys("prisoner_list_found")
    if any(t.key in found and not (k and around[k - 1].key in negation) for k, t in enumerate(around)):
        return None  # "в списке пленных нашли", "у списках полонених є"
    searches = cue_lists.keys("prisoner_list_searches")
    search = next((t for t in around if t.key in searches), None)
    if search is not None:
        return Rejection(Reason.NO_EVENT, search.text)
    absent = next((t for t in around if t.key in negation), None)
    return Rejection(Reason.DENIAL, absent.text) if absent is not None else None
