"""Counts of a mention: the count phrase next to it ("трое двухсотых", "двухсотых — семь"), or the number a
form implies when none is stated ("Серёгу ранило": one person) (ANNOTATION.md, Counts)."""

from __future__ import annotations

from functools import lru_cache

from overheard.annotate import cues as cue_lists
from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.person import named, one_person, plural_deed, they_did
from overheard.annotate.rules.casualties.reasons import NounReading
from overheard.annotate.rules.casualties.side import side_cues
from overheard.annotate.rules.casualties.words import (
    grammemes,
    is_animate,
    is_finite_verb,
    is_noun,
    is_past_verb,
    number_of,
    pos,
    tags,
    verb_mood,
)
from overheard.annotate.rules.counts import NumberExpr, number_tables
from overheard.annotate.rules.terms import TermMatch
from overheard.annotate.rules.token_facts import token_facts
from overheard.annotate.rules.tokens import FIRM_ENDS, SENTENCE_ENDS, Tok
from overheard.names import name_lexicon
from overheard.text import fold

LIST_DASHES = frozenset({"—", "–", "-", ":"})  # between a word and its count or a list: "загиблих — двоє", "Рома —"


def attach_count(ctx: Context, match: TermMatch, used: set[int]) -> tuple[NumberExpr | None, str]:
    """The count phrase next to a match and its side: before it ("трое двухсотых") or after ("двухсотых — семь"); a
    number before that is reached only across a comma gives way to one after the words in their own clause ("Одного
    спалили, там двохсотих штук п'ять", "семеро, и трёхсотых ещё штук десять": five, ten)."""
    if not ctx.by_first:
        return None, ""  # no number in the text: every count below is one of its number expressions
    before = _count_before(ctx, match, used)
    if before is not None and any(ctx.toks[k].text == "," for k in range(before.last, match.first)):
        after = _count_after(ctx, match)
        if after is not None and not any(ctx.toks[k].text == "," for k in range(match.last, after.first)):
            return after, "after"  # not "двоє у воді, не виринули, ще двоє на березі": the next group's count
    elif before is not None and not all(adjacent_filler(ctx, t) for t in ctx.toks[before.last : match.first]) and \
            _own_count_after(ctx, match):
        after = _count_after(ctx, match)
        if after is not None and after.first == match.last and not (
                after.last < len(ctx.toks) and ctx.toks[after.last].key in ctx.cues.count_out_of):
            return after, "after"  # "поправка не один а двое ильин тоже у нас трёхсотых трое": three, right after; not
            # "взяли двох русаків в полон один з бурятії": one of them
    if before is not None:
        return before, "before"
    after = _count_after(ctx, match)
    return (after, "after") if after is not None else (None, "")


def _count_before(ctx: Context, match: TermMatch, used: set[int]) -> NumberExpr | None:
    """The count phrase before a match ("трое двухсотых", "двое пацанов ушли в сзч"), if any."""
    toks, cues = ctx.toks, ctx.cues
    people = cues.people
    k, skipped = match.first - 1, 0
    while k >= 0 and skipped < 5 and k + 1 not in ctx.breaks:
        expr = ctx.by_last.get(k)
        if expr is not None and (_unit_code(ctx, expr) or _unit_ordinal(ctx, expr) or clock_time(ctx, expr)
                                 or measured_before(ctx, expr) or (
                                     _thousands_in_words(ctx, expr) and match.last in ctx.by_first)):
            break  # "в/ч А2291, у полоні", "з 93-ї взяли в полон": the number of a unit, not of people; "часов в пять"
        if expr is not None and _after_casualty_word(ctx, expr) and (expr.zero or any(
                toks[j].text == "," for j in range(expr.last, match.first))):
            break  # "двухсотых ноль, трёхсотых два", "загиблих — двоє, поранених — сім": the word before's count
        if expr is not None and _own_count_after(ctx, match) and (_grid_second(ctx, expr) or (
                _after_casualty_word(ctx, expr, severity=True) and not _counted_before(ctx, expr))):
            break  # "300 десь п'ятнадцять і 200 четверо", "из них тяжелых четыре без вести один": the word before's
            # count, where the words have a count of their own right after them (not "один двухсотый двое трёхсотых
            # один без вести": there each count stands before its word); "по квадрату сорок семь двенадцать минус два":
            # the grid's second number
        if expr is not None and expr.first not in used and not any(
                t in ctx.casualty_tokens for t in range(expr.first, expr.last)):
            return expr
        if toks[k].key in cues.units:
            k = _before_unit(ctx, k)  # "с третьей роты", "в 3-й роте": the words of the unit are no count
            continue
        if toks[k].text in LIST_DASHES or (toks[k].text == "," and match.last not in ctx.by_first):
            k -= 1
            skipped += 1
            continue
        if toks[k].key in people or toks[k].key in cues.radio_objects or toks[k].key in _enemy_names():
            k -= 1  # "двое пацанов ушли в сзч", "пятерых нациков уложили": the counted noun belongs to the count
            continue
        if k > 0 and k - 1 in ctx.by_last and (_counted_people(ctx, toks[k]) or _counted_one(ctx, k)):
            k -= 1  # "трое дагестанцев в СОЧ ушли", "двое татар из Казани отказались": the noun the number governs
            continue
        if k > 1 and k - 2 in ctx.by_last and toks[k - 1].key in _POSSESSIVES and _counted_people(ctx, toks[k]):
            k -= 2  # "двоє його побратимів загинули", "троих её одноклассников убило": whose men they are
            continue
        if ctx.cues.reads_as(toks[k].key, NounReading.TIME) and k > 0:
            j = k - 1  # "двое наших на прошлой неделе ушли в СОЧ": a time phrase between the count and the verb
            while j >= 0 and toks[j].key[:1].isalpha() and any(
                    pos(t) in ("ADJF", "NPRO") for t in tags(toks[j].key, ctx.lang)[:1]):  # "цього тижня"
                j -= 1
            if j >= 0 and toks[j].key in cues.count_place_prepositions:
                j -= 1
            if j < k - 1:
                k = j
                skipped += 1
                continue
        if k > 0 and _object_count(ctx, k - 1) and _subject_noun(ctx, toks[k]):
            k -= 1  # "а троих дроны добили": the subject between an object count and the verb
            skipped += 1
            continue
        if k > 1 and _object_count(ctx, k - 2) and (_subject_noun(ctx, toks[k]) or named(ctx, k, ("nomn",))) and (
                toks[k - 1].key in people or toks[k - 1].key in _enemy_names() or _counted_people(ctx, toks[k - 1])):
            k -= 2  # "троих укропов Борзый положил": the subject after the object count and its noun
            skipped += 1
            continue
        if k == match.first - 1 and toks[k].key in cues.count_out_of and k - 1 in ctx.by_last:
            break  # "один з полонених", "двоє з поранених загинули": a part of the group, not its size
        if toks[k].key in cues.skip_before:
            k -= 1
            skipped += 1
            continue
        if k > 0 and toks[k].key in _WITH_HIM and toks[k - 1].key in cues.count_out_of:
            k -= 2  # "Жека и ещё трое с ним ушли": the one they went with, between the count and the verb
            skipped += 1
            continue
        if k > 0 and toks[k - 1].key in cues.count_place_prepositions and toks[k].key[:1].isalpha() and \
                k - 1 not in ctx.casualty_tokens and k not in ctx.casualty_tokens:
            k -= 2  # "пів роти під Кринками поклали": a place phrase between the count and the verb
            skipped += 1
            continue
        # "двое ушли в соч", "трое попали в плен": a past verb and a preposition between count and phrase
        # and "все трое числятся четырёхсотыми": a verb of state in the present
        if toks[k].key in cues.count_into or is_past_verb(toks[k], ctx.lang) or (
                is_finite_verb(toks[k], ctx.lang) and verb_mood(toks[k], ctx.lang) is None):
            k -= 1
            skipped += 1
            continue
        break
    return None


def _count_after(ctx: Context, match: TermMatch) -> NumberExpr | None:
    """The count phrase after a match ("двухсотых — семь", "груза 200 у нас на этой неделе шесть"), if any."""
    toks, cues = ctx.toks, ctx.cues
    people = cues.people
    k, skipped, loose = match.last, 0, False
    while k < len(toks) and skipped < 7 and k not in ctx.breaks:
        if toks[k].key in cues.household:
            break  # "брат в плену, нас дома трое осталось": the people at home, not the captured
        if k > match.last and toks[k].key in cue_lists.keys("distributive_words"):
            break  # "кто трёхсотый, кто двести": the next share of the group, and its word
        period = (ctx.by_first.get(k) or ctx.by_first.get(k + 1) or (
            ctx.by_first.get(k + 2) if k + 1 < len(toks) and any(
                pos(t) in ("ADJF", "NPRO") for t in tags(toks[k + 1].key, ctx.lang)[:1]) else None)
        ) if toks[k].key in _PERIOD_PREPOSITIONS else None  # "за две недели", "за эти два дня"
        if period is not None and period.last < len(toks) and \
                ctx.cues.reads_as(toks[period.last].key, NounReading.TIME):
            k = period.last + 1  # "пятисотых за две недели двадцать три": a period with its own number
            skipped += 1
            continue
        expr = ctx.by_first.get(k)
        if expr is not None and expr.last < len(toks) and toks[expr.last].key in cues.units and \
                expr.first > 0 and toks[expr.first - 1].key in _SHARE_PREPOSITIONS:
            k = expr.last + 1  # "трёхсотых на обе роты девятнадцать": the units counted, not the men
            skipped += 1
            continue
        if expr is not None and (clock_time(ctx, expr) or measured_before(ctx, expr) or _unit_code(ctx, expr)):
            break  # "двухсотых вывезли часов в пять", "метров триста", "пацану двадцать два": a time, a measure, an
            # age; "пропали без вести под Кореневом, в/ч 42838": a unit's code
        closes = _ends_clause(ctx, expr.last) and (not _unpunctuated(ctx) or (expr.value or 0) > 1 or expr.vague) \
            if expr is not None and loose else True
        if not closes and toks[k - 1].key not in cue_lists.keys("count_all_of"):
            break  # reached over other words: only a number that closes the clause is the count ("всех шестерых")
        if expr is not None and _of_them(ctx, expr):
            break  # "здались в полон, один з них з Бурятії": one of the group, not its count
        if expr is not None and expr.first > 0 and toks[expr.first - 1].key in cue_lists.keys("count_likeness"):
            break  # "полонені кацапи всі як один кажуть": "all as one", no count
        if expr is not None and expr.first > 0 and _measured(ctx, toks[expr.first - 1], period=False):
            break  # "груз 200 везли, машины три": a number of vehicles (days, shells), not of the dead
        if expr is not None and not any(t in ctx.casualty_tokens for t in range(expr.first, expr.last)):
            nxt = expr.last
            while nxt < len(toks) and toks[nxt].key in people:
                nxt += 1
            follower = toks[nxt] if nxt < len(toks) else None
            if follower is not None and (nxt in ctx.casualty_tokens or (
                follower.key in cues.modifiers and nxt + 1 in ctx.casualty_tokens)):
                if not _has_count_after(ctx, nxt):
                    break  # it is the count of the next mention
            elif follower is not None and nxt == expr.last and _measured(ctx, follower):
                break  # "погиб 14 марта", "три дня назад": a date or a measure, not a count
            elif follower is not None and nxt == expr.last and is_noun(follower, ctx.lang) and \
                    follower.key not in cues.count_place_prepositions and nxt not in ctx.by_first and \
                    follower.key not in _ARITHMETIC and follower.key not in cue_lists.keys("count_rest_words") and \
                    not _cannot_govern(ctx, expr, follower):
                # "п'ятьох під Яром": "під" is no noun; "трое плюс двое"; "чотири решта цілі": the rest, a new clause
                if not is_animate(follower, ctx.lang) and (not _collective(ctx, expr) or toks[expr.first].key in _BOTH):
                    break  # "три дня назад": counts something else; "трехсотых четверо эвакуация ..." counts people;
                    # "трёхсотый, обе ноги": "both" agrees with the noun it counts, the legs
            return expr
        if toks[k].key in _PERIOD_PREPOSITIONS and k + 1 < len(toks) and k + 1 not in ctx.breaks and \
                ctx.cues.reads_as(toks[k + 1].key, NounReading.TIME) and k + 1 not in ctx.by_first:
            k += 2  # "наших трьохсотих за тиждень семеро": a period between the code word and its count
            skipped += 1
            continue
        if toks[k].key == "не" and k + 1 < len(toks) and toks[k + 1].key in _DONT_KNOW and _unpunctuated(ctx):
            k += 2  # "двухсотых у нас даже не знаю как сказать трое": a pause said in words
            skipped += 1
            loose = True
            continue
        if (toks[k].key in cues.skip_after or toks[k].text in "," or toks[k].key in people
                or toks[k].key in cues.units or is_finite_verb(toks[k], ctx.lang)):
            k += 1
            skipped += 1
            continue
        if k == match.last and toks[k].key[:1].isalpha() and any(
                pos(tag) == "INFN" for tag in tags(toks[k].key, ctx.lang)[:1]):
            k += 1  # "отказались идти шесть человек": the infinitive the verb governs, no other clause
            skipped += 1
            continue
        if toks[k].key[:1].isalpha() and k not in ctx.casualty_tokens and toks[k].key not in cues.clause_end \
                and toks[k].key not in cues.deny_after:
            k += 1  # "груза 200 у нас на этой неделе шесть": any words, if the number ends the clause
            skipped += 1
            loose = True
            continue
        break
    return None


def _cannot_govern(ctx: Context, expr: NumberExpr, tok: Tok) -> bool:
    """Whether the word after a number cannot be the noun the number counts, so that a new clause starts there: a
    pronoun ("з десяток мене не зачепило") or, after a number above one, a noun with no genitive or plural reading
    ("двухсотых привезли больше сорока морг уже не принимает"; "три дня", "два тижні", "пять лет" are governed)."""
    found = tags(tok.key, ctx.lang)[:3]
    if any(pos(tag) == "NPRO" for tag in found):
        return True
    return (expr.value or 0) > 1 and not any(
        "plur" in (g := grammemes(tag)) or "gent" in g or "gen2" in g for tag in found if pos(tag) == "NOUN")


def _counted_one(ctx: Context, k: int) -> bool:
    """Whether token ``k`` is a person in the genitive single after two to four ("оба брата", "два сына", "троє
    синів" aside): the noun the number governs, so the number counts him and his kind."""
    expr = ctx.by_last.get(k - 1)
    if expr is None or expr.value not in (2, 3, 4) or not ctx.toks[k].key[:1].isalpha():
        return False
    found = tags(ctx.toks[k].key, ctx.lang)[:1]
    return bool(found) and {"NOUN", "anim", "gent", "sing"} <= grammemes(found[0])


def _collective(ctx: Context, expr: NumberExpr) -> bool:
    """Whether a number is one collective word ("четверо", "п'ятеро"): it counts people, never the noun after it (a
    time after it, "двое суток", is a measure and stopped before)."""
    return expr.last - expr.first == 1 and ctx.toks[expr.first].key in number_tables().collective


_ENDS = FIRM_ENDS | {"—", "–", ":", "«", '"'}
_BOTH = frozenset({"оба", "обе", "обидва", "обидві", "обоє"})
_PERIOD_PREPOSITIONS = frozenset({"за", "на", "через"})
_SHARE_PREPOSITIONS = frozenset({"на", "по", "с", "з", "из", "із", "від", "от", "в", "у"})  # "на обе роты"
_ARITHMETIC = frozenset({"плюс", "минус", "мінус"})
_DONT_KNOW = frozenset({"знаю", "знаєш", "знаешь"})


def _unpunctuated(ctx: Context) -> bool:
    """Whether the text has no punctuation at all, as speech-to-text writes it (read once per document)."""
    if "unpunctuated" not in ctx.memo:
        ctx.memo["unpunctuated"] = not any(tok.is_punct for tok in ctx.toks)
    return ctx.memo["unpunctuated"]


def distributive(ctx: Context, match: TermMatch) -> bool:
    """Whether the match is one item of "кто ..., кто ..." ("остальные — кто погиб, кто в плену", "хто двохсотий, хто
    трьохсотий", "частина загинула, частина в полоні"): a share of a group, so a singular form says nothing of its
    number."""
    who = cue_lists.keys("distributive_words")
    if not any(t.key in who for t in [*ctx.before(match.first, 2), ctx.toks[match.first]]):
        return False  # "кто двухсотый", or "кто в госпитале" (the phrase holds the word)
    sentence = ctx.sentence_before(match.first, 16) + ctx.sentence_after(match.last, 16)
    return sum(t.key in who for t in sentence) >= 2


def remainder(ctx: Context, match: TermMatch) -> Tok | None:
    """The word that makes a mention the rest of a group or a share of it, a vague number (the lead decided
    2026-12-01): "остальные двухсотые", "остальные — кто двухсотый, кто трёхсотый", "решта поранені", "кто в плену, кто
    в земле". Only fillers, punctuation and other casualty words may stand between the word and the mention."""
    rest, fillers = cue_lists.keys("count_rest_words"), cue_lists.keys("count_rest_fillers")
    for offset, tok in enumerate(ctx.sentence_before(match.first, 5)):
        if tok.key in rest:
            k = match.first - 1 - offset
            governed = any("nomn" not in grammemes(t) for t in tags(tok.key, ctx.lang)[:1])
            # "двоє інших — двохсоті": a number governs the word (two others, counted); "вернулись пятеро остальные
            # двухсотые": the nominative starts a new clause, the number counts the survivors
            return None if k - 1 in ctx.by_last and governed else tok
        if not (tok.is_punct or tok.key in fillers or match.first - 1 - offset in ctx.casualty_tokens):
            break
    if distributive(ctx, match):
        who = cue_lists.keys("distributive_words")
        return next(t for t in [ctx.toks[match.first], *ctx.before(match.first, 2)] if t.key in who)
    return None


def with_us(ctx: Context, match: TermMatch) -> NumberExpr | None:
    """The speaker together with the people named after "с/з" in the clause of a mention with no count ("нас с Лёшей
    вместе зацепило", "со мной ещё Гена и Марат отказались", "ми з Тарасом у полоні"): 1 + as many as are named."""
    from overheard.annotate.rules.casualties.side import is_person

    toks, names = ctx.toks, name_lexicon()

    def person(tok: Tok) -> bool:  # "Гена" capitalised is a name, though "гена" also reads as a gene's genitive
        if is_person(ctx, tok) or (tok.text[:1].isupper() and bool(names.lookup(tok.key))):
            return True
        found = tags(tok.key, ctx.lang)[:1] if tok.key[:1].isalpha() else ()  # "нас с братом", "з кумом"
        return bool(found) and {"NOUN", "anim", "ablt", "sing"} <= grammemes(found[0])

    phrases = cue_lists.phrases("with_us")
    heads = {phrase[0] for phrase in phrases}
    for k in range(match.first - len(ctx.before(match.first, 8)), match.first):
        if toks[k].key not in heads:
            continue  # most clauses hold no "мы/нас/со мной" at all
        for phrase in phrases:
            n = len(phrase)
            if k + n > match.first or any(toks[k + i].key != word for i, word in enumerate(phrase)):
                continue
            j, named = k + n, 0
            while j < match.first and (person(toks[j]) or (named and toks[j].key in ("и", "і", "й", "та", ","))):
                named += person(toks[j])
                j += 1
            if named and any(_other_deed(ctx, i, match) for i in range(j, match.first)):
                return None  # "Мы с Ритой смотрели списки погибших": the speaker's group did something else
            if named:
                return NumberExpr(k, j, 1 + named, False, phrase=" ".join(t.text for t in toks[k:j]))
    return None


def _other_deed(ctx: Context, k: int, match: TermMatch) -> bool:
    """Whether token ``k`` is a finite verb of another deed than the words ("мы с Ритой смотрели списки погибших"): not
    "быть" ("мы с Лёхой были ранены"), nor the verb of the words' own phrase, with only a preposition between ("мы с
    Тимуром ушли в СОЧ")."""
    tok = ctx.toks[k]
    if k in ctx.casualty_tokens or not tok.key.isalpha() or tok.key in cue_lists.keys("count_was"):
        return False
    if all(ctx.toks[i].key in ctx.cues.count_into or ctx.toks[i].key in ctx.cues.skip_before
           for i in range(k + 1, match.first)):
        return False
    found = tags(tok.key, ctx.lang)[:1]
    return bool(found) and pos(found[0]) == "VERB" and "INFN" not in grammemes(found[0])


_POSSESSIVES = frozenset({"его", "ее", "её", "их", "його", "її", "їх", "ихних", "їхніх", "наших", "ваших", "своих",
                          "своїх", "моих", "моїх"})


def _counted_people(ctx: Context, tok: Tok) -> bool:
    """Whether a word is people counted by the number before it: an animate noun in the genitive plural
    ("дагестанцев", "татар", "строковиків"), a participle or adjective standing for people ("пятеро
    мобилизованных"), or a Ukrainian noun in "-ів" the dictionary reads only as a possessive adjective ("двох
    дідів", "трьох хлопців"), and no measure ("двох днів")."""
    if not tok.key[:1].isalpha():
        return False
    found = tags(tok.key, ctx.lang)
    if any({"NOUN", "anim", "gent", "plur"} <= grammemes(tag) for tag in found[:2]):
        return True
    if found and pos(found[0]) in ("PRTF", "ADJF") and {"gent", "plur"} <= grammemes(found[0]):
        return True  # "пятеро мобилизованных", "двоих раненых"
    return ctx.lang == "uk" and tok.key.endswith("ів") and bool(found) and pos(found[0]) == "ADJF" and \
        not _measured(ctx, tok)


@lru_cache(maxsize=1)
def _together_table() -> dict[str, int | str]:
    """The "втроём" table, folded like token keys (read once)."""
    return {fold(word): value for word, value in cue_lists.table("together_counts").items()}


def together_count(ctx: Context, match: TermMatch) -> NumberExpr | None:
    """The number of people who did a plain act together, told by an adverb in its clause ("мы сами сдались,
    втроём", "утрьох пішли в СЗЧ")."""
    table = _together_table()
    window = [(match.first - 1 - i, t) for i, t in enumerate(ctx.sentence_before(match.first, 4))]
    window += [(match.last + i, t) for i, t in enumerate(ctx.sentence_after(match.last, 4))]
    for k, tok in window:
        value = table.get(tok.key)
        if isinstance(value, int):
            return NumberExpr(k, k + 1, value, False, phrase=tok.text)
    return None


def measured_before(ctx: Context, expr: NumberExpr) -> bool:
    """Whether a measure noun stands right before a number ("метров триста", "снарядов сорок", "тисяч двісті"), a
    place on the map ("на отметке двести двадцать", "у квадраті сорок два") or a person in the dative, whose age it
    is ("пацану двадцать два было", "йому дев'ятнадцять"), or the number is thousands in words ("двісті тисяч") or a
    unit's code ("в/ч 42838"): the number counts no people."""
    toks = ctx.toks
    if _unit_code(ctx, expr):
        return True  # "все с в/ч 63354": a unit's code, no people
    if _thousands_in_words(ctx, expr) and expr.last < len(toks) and toks[expr.last].key.isalpha() and \
            expr.last not in ctx.casualty_tokens and toks[expr.last].key not in ctx.cues.people:
        return True  # "двісті тисяч обіцяють родинам": money, where a clause goes on after it
    if expr.first > 0 and _measure_unit(ctx, toks[expr.first - 1]) and expr.first - 1 not in ctx.casualty_tokens:
        return True  # "метров триста не дотащили", "рублей пятьсот": a measure, whatever follows it
    if expr.first == 0 or (expr.last < len(toks) and (expr.last in ctx.casualty_tokens or toks[expr.last].key in
                                                      ctx.cues.people)):
        return False  # "на высоте трое двухсотых": the number stands right before what it counts
    tok = toks[expr.first - 1]
    if tok.key in cue_lists.keys("count_place_numbers") or age_before(ctx, expr):
        return True
    if not _measured(ctx, tok, period=False) or expr.first - 2 in ctx.by_last:
        return False  # "двенадцать мин двадцать трехсотых": the mines are the first number's
    found = tags(ctx.toks[expr.first - 1].key, ctx.lang)[:1] if ctx.toks[expr.first - 1].key.isalpha() else ()
    return not found or "gent" in grammemes(found[0])  # "метров триста", not "одним прилётом троих"


def _measure_unit(ctx: Context, tok: Tok) -> bool:
    """Whether a unit of measure in the genitive (or abbreviated) stands here: "метров", "рублей", "км"; not "в
    двухстах метрах трое", where the locative places the count that follows."""
    if tok.key not in cue_lists.keys("count_measure_units"):
        return False
    found = tags(tok.key, ctx.lang)[:1] if len(tok.key) > 3 else ()
    return not found or "gent" in grammemes(found[0])


def _thousands_in_words(ctx: Context, expr: NumberExpr) -> bool:
    """Whether a number is a multiple of a thousand said in words ("двісті тисяч", "сто пятьдесят тысяч"; not "больше
    тысячи")."""
    toks = ctx.toks
    return (expr.value or 0) >= 1000 and expr.last - expr.first >= 2 and \
        toks[expr.last - 1].key in number_tables().multiplier and toks[expr.last - 2].key in number_tables().cardinal


def age_before(ctx: Context, expr: NumberExpr) -> bool:
    """Whether one person in the dative stands right before a number ("ему двадцать два", "хлопцю дев'ятнадцять"):
    his age."""
    toks, k = ctx.toks, expr.first - 1
    if k < 0 or not toks[k].key.isalpha() or (k > 0 and toks[k - 1].key in ctx.cues.count_place_prepositions):
        return False  # "в Кижинге трое": a place, not a person's age
    found = tags(toks[k].key, ctx.lang)[:1]
    if not found or "datv" not in grammemes(found[0]) or "plur" in grammemes(found[0]):
        return False
    return pos(found[0]) == "NPRO" or {"NOUN", "anim"} <= grammemes(found[0])


def _measured(ctx: Context, tok: Tok, period: bool = True) -> bool:
    """Whether a noun beside a number makes it money, a distance, shells, vehicles or (``period``: the noun after
    the number) a time or a date; a period before a count ("за день штук тридцать") leaves it a count."""
    readings = (NounReading.MONEY, NounReading.DISTANCE, NounReading.AMMUNITION, NounReading.VEHICLE)
    if period and (tok.key in cue_lists.keys("count_dates") or ctx.cues.reads_as(tok.key, NounReading.TIME)):
        return True
    return ctx.cues.reads_as(tok.key, *readings)


def _object_count(ctx: Context, k: int) -> bool:
    """Whether a number ends at token ``k`` in the accusative of people ("троих", "двоих", "п'ятьох")."""
    expr = ctx.by_last.get(k)
    return expr is not None and ctx.toks[k].key.endswith(("их", "ых", "ох"))


def _subject_noun(ctx: Context, tok: Tok) -> bool:
    """A noun whose best reading is nominative (the subject of the verb that follows)."""
    found = tags(tok.key, ctx.lang)[:1] if tok.key[:1].isalpha() else ()
    return bool(found) and pos(found[0]) == "NOUN" and "nomn" in grammemes(found[0])


def _of_them(ctx: Context, expr: NumberExpr) -> bool:
    """Whether a number is followed by "из них" / "з них" / "з їх": a part of a group already counted; not where a
    number follows it in turn, at most one word later ("трёхсотых шесть из них двое тяжёлых", "трехсотых одиннадцать
    из них тяжелых четыре": eleven, of them four)."""
    toks, k = ctx.toks, expr.last
    return k + 1 < len(toks) and toks[k].key in ctx.cues.count_out_of and toks[k + 1].key in ("них", "їх", "ніх") \
        and k + 2 not in ctx.by_first and (k + 3 not in ctx.by_first or toks[k + 2].is_punct)


def clock_time(ctx: Context, expr: NumberExpr) -> bool:
    """Whether a number is a time of day: after "в/о/к" and a word of the clock ("часов в пять", "годині о п'ятій"),
    two digits with a leading zero ("в 06 40" as speech-to-text writes "06:40"), or hours and minutes in digits after
    "в" ("в 22 15")."""
    toks, first = ctx.toks, expr.first
    key = toks[first].key
    if key[:1] == "0" and len(key) == 2 and key.isdigit():
        return True
    prepositions = cue_lists.keys("count_clock_prepositions")
    if first > 1 and key.isdigit() and len(key) == 2 and int(key) < 60 and toks[first - 1].key.isdigit() and \
            int(toks[first - 1].key) < 24 and toks[first - 2].key in prepositions:
        return True  # the minutes of "в 22 15"
    if first == 0 or toks[first - 1].key not in prepositions:
        return False
    if first > 1 and toks[first - 2].key in cue_lists.keys("count_clock_words"):
        return True
    return key.isdigit() and expr.last < len(toks) and toks[expr.last].key.isdigit() and \
        len(toks[expr.last].key) == 2 and int(toks[expr.last].key) < 60 and int(key) < 24


def _before_unit(ctx: Context, k: int) -> int:
    """The token before a unit's words ending at ``k``: "двое (с третьей роты)", "(в 3-й роте) двухсотые"."""
    toks, cues = ctx.toks, ctx.cues
    k -= 1
    while k >= 0 and k + 1 not in ctx.breaks and (_ordinal(ctx, toks[k]) or _ordinal_tens(ctx, k)):
        k -= 1
    if k >= 0 and k + 1 not in ctx.breaks and (toks[k].key in cues.count_out_of or toks[k].key in cues.count_into):
        k -= 1
    return k


def _ordinal_tens(ctx: Context, k: int) -> bool:
    """Whether token ``k`` is a round number in words that starts a compound ordinal ("(в сорок) першій бригаді",
    "(сто) двадцать второй роты"): a part of the unit's name."""
    toks = ctx.toks
    return k + 1 < len(toks) and toks[k].key in number_tables().cardinal and (
        toks[k + 1].key in cue_lists.keys("ordinal_units") or _ordinal_tens(ctx, k + 1))


def _ordinal(ctx: Context, tok: Tok) -> bool:
    """An ordinal or a possessive before a unit: "3-й", "третьей", "нашого", "сусіднього"."""
    if tok.key.endswith("~") or ":" in tok.key or tok.key in ctx.cues.modifiers:
        return True
    found = tags(tok.key, ctx.lang)[:1] if tok.key[:1].isalpha() else ()
    return bool(found) and pos(found[0]) == "ADJF"


def _ends_clause(ctx: Context, index: int) -> bool:
    """Whether token ``index`` (just after a number) ends its clause, or only people/"было" follow."""
    toks, cues = ctx.toks, ctx.cues
    while index < len(toks) and (toks[index].key in cues.people or toks[index].key in cues.count_was):
        index += 1
    if index < len(toks) and toks[index].key in cues.count_out_of:  # "троє хлопців з нашої роти."
        k = index + 1
        while k < len(toks) and _ordinal(ctx, toks[k]):
            k += 1
        if k < len(toks) and toks[k].key in cues.units:
            index = k + 1
    if index < len(toks) and index not in ctx.breaks and is_finite_verb(toks[index], ctx.lang):
        index += 1  # "человек пятнадцать набралось"
    if index < len(toks) and toks[index].key in cues.subject_pronouns:
        return True  # "... четверых я один сбежал": a new clause starts with its subject
    if index < len(toks) and _unpunctuated(ctx) and toks[index].key.isalpha() and not _governed(ctx, toks[index]):
        return True  # speech-to-text: "отказались идти на штурм двенадцать маме не говори", no comma to end it
    return index >= len(toks) or index in ctx.breaks or toks[index].key in cues.clause_end or toks[index].is_punct


def _governed(ctx: Context, tok: Tok) -> bool:
    """Whether a word after a number may be what the number counts or belong to it: a noun or adjective in the
    genitive ("двенадцать километров", "трое раненых"), a people word, an ordinal ("у двадцять третьому": a year)."""
    if tok.key in ctx.cues.people:
        return True
    found = tags(tok.key, ctx.lang)[:1]
    if not found or pos(found[0]) not in ("NOUN", "ADJF", "PRTF"):
        return False
    g = grammemes(found[0])
    return "gent" in g or "Anum" in g or (pos(found[0]) == "ADJF" and bool({"datv", "loct"} & g))


_CODE_VALUES = frozenset({200, 300, 400, 500, 600})


def _grid_second(ctx: Context, expr: NumberExpr) -> bool:
    """Whether a number follows right after a number of a place on the map ("по квадрату сорок семь двенадцать")."""
    before = ctx.by_last.get(expr.first - 1)
    return before is not None and before.first > 0 and \
        ctx.toks[before.first - 1].key in cue_lists.keys("count_place_numbers")


def _counted_before(ctx: Context, expr: NumberExpr) -> bool:
    """Whether the casualty word right before a number has a number of its own right before it ("один двухсотый
    двое ..."): a list whose counts stand before their words."""
    k = expr.first - 1
    while k >= 0 and ctx.toks[k].text in LIST_DASHES:
        k -= 1
    first = min((m.first for m in ctx.matches if m.first <= k < m.last), default=k)
    return first - 1 in ctx.by_last


def _own_count_after(ctx: Context, match: TermMatch) -> bool:
    """Whether a number stands right after the match that counts it, not a code number glossing it ("один без вести
    четыреста": the code of the missing, said again)."""
    expr = ctx.by_first.get(match.last)
    return expr is not None and expr.value not in _CODE_VALUES and match.last not in ctx.casualty_tokens and \
        not measured_before(ctx, expr) and not clock_time(ctx, expr)


def _has_count_after(ctx: Context, index: int) -> bool:
    """Whether the mention starting at token ``index`` has a number right after it ("трехсотых пятеро")."""
    end = next((m.last for m in ctx.matches if m.first <= index < m.last), index + 1)
    return end in ctx.by_first or (end + 1 in ctx.by_first and ctx.toks[end].key in ctx.cues.skip_after)


def implicit_number(ctx: Context, match: TermMatch) -> str | None:
    """'sing' or 'plur' when no count is stated but the words say one person or several (None: unknown); read
    once per match and document (the count and the mention both ask)."""
    key = ("implicit_number", match.first, match.last)
    if key not in ctx.memo:
        ctx.memo[key] = _implicit_number(ctx, match)
    return ctx.memo[key]


def _implicit_number(ctx: Context, match: TermMatch) -> str | None:
    """:func:`implicit_number` from the words themselves, then from the grammar of the clause: one person as the
    object of "they did it" or the subject of a state (:func:`.person.one_person`)."""
    if generic_relative(ctx, match):
        return None  # "тех, кто в СОЧ ушёл": whoever did it, no one man (counts31)
    number = _word_number(ctx, match)
    if number == "sing" or distributive(ctx, match):
        return number
    verb = they_did(ctx, match) or any(
        plural_deed(tok.key, ctx.lang) for tok in ctx.before(match.first, 3) + ctx.after(match.last, 2))
    if number == "plur" and match.last - match.first == 1 and _plural_word(ctx, ctx.toks[match.first]) and \
            not _recorded_into(ctx, match):
        return number  # "трехсотых вывезли": the code word itself says several, whoever else the clause names
    if number is None or (number == "plur" and verb):
        return one_person(ctx, match, verb) or number  # "plur" of the subject: "мы хохла в плен взяли"
    return number


_WHO = frozenset({"кто", "хто"})
_LINKS = frozenset({"VERB", "INFN", "PREP", "PRCL", "ADVB", "CONJ"})


def generic_relative(ctx: Context, match: TermMatch) -> bool:
    """Whether the words are in a clause of "кто/хто" that refers back to a plural "те/все" ("Тех, кто в СОЧ ушёл, — на
    штурм", "судити тих, хто пішов у СЗЧ", "всех, кто сдался в плен"): whoever did it, a group of no stated size,
    though the verb after "кто" is singular. At most three words between "кто" and the words, each a verb, a
    preposition or a particle: not "всем кто слышит у меня трёхсотый" (the words have a subject of their own)."""
    toks = ctx.toks
    for k in range(match.first - 1, max(-1, match.first - 5), -1):
        if k + 1 in ctx.breaks or toks[k].is_punct:
            return False
        if toks[k].key not in _WHO and not any(pos(t) in _LINKS for t in tags(toks[k].key, ctx.lang)[:1]):
            return False
        if toks[k].key in _WHO:
            j = k - 1
            if j >= 0 and toks[j].text == ",":
                j -= 1  # "тех, кто"; speech-to-text writes no comma ("тим хто загинув")
            return j >= 0 and j + 1 not in ctx.breaks and toks[j].key in cue_lists.keys("count_generic_antecedents")
    return False


def _recorded_into(ctx: Context, match: TermMatch) -> bool:
    """Whether a plural word names the class a man is entered in ("моего в пятисотые записали", "його записали в
    п'ятисоті"): "в/у" before it and a verb of the records in its clause; the object tells how many."""
    if match.first == 0 or ctx.toks[match.first - 1].key not in ("в", "у", "во"):
        return False
    recorded = cue_lists.keys("recorded_as")
    return any(t.key in recorded for t in ctx.before(match.first - 1, 4) + ctx.after(match.last, 3))


def _plural_verb(ctx: Context, k: int) -> bool:
    """Whether token ``k`` is a verb in the plural ("отримали", "получили")."""
    found = tags(ctx.toks[k].key, ctx.lang)[:1] if ctx.toks[k].key.isalpha() else ()
    return bool(found) and pos(found[0]) == "VERB" and "plur" in grammemes(found[0])


def _plural_word(ctx: Context, tok: Tok) -> bool:
    """Whether a word's best reading is a plural adjective or noun in the nominative, genitive or accusative
    ("двухсотых", "трьохсоті", "пленные"; not "раненым", also a single instrumental)."""
    found = token_facts(tok.key, ctx.lang).readings if tok.key[:1].isalpha() else ()
    return bool(found) and found[0].pos in ("ADJF", "NOUN") and "plur" in found[0].grammemes and \
        bool({"nomn", "gent", "accs"} & found[0].grammemes)


def _heard(ctx: Context, k: int) -> bool:
    """Whether token ``k`` is "меня/мене" after a verb in the second person ("слышишь меня", "чуєш мене"): the caller
    asking to be heard, no one the words are about."""
    if k == 0 or ctx.toks[k].key not in _SPEAKER or not ctx.toks[k - 1].key.isalpha():
        return False
    found = tags(ctx.toks[k - 1].key, ctx.lang)[:1]
    return bool(found) and pos(found[0]) == "VERB" and "2per" in grammemes(found[0])


def _word_number(ctx: Context, match: TermMatch) -> str | None:
    toks, lang, cues = ctx.toks, ctx.lang, ctx.cues
    if any(entry.id == "plain.killed_no_more" for entry in match.entries):
        return _no_more_number(ctx, match)
    if distributive(ctx, match):
        return None  # "остальные — кто двухсотый, кто трёхсотый": some of a group each, not one man
    if any(entry.id == "plain.prisoner" for entry in match.entries) and any(
            t.key in cue_lists.keys("prisoner_lists") for t in ctx.sentence_before(match.first, 3)):
        # "вашего Артура нашли в списке пленных": the one found in the list, not the list's prisoners
        sentence = ctx.sentence_before(match.first, 12) + ctx.sentence_after(match.last, 8)
        return None if any(t.key in cues.plural_pronouns for t in sentence) else "sing"
    neighbours = ctx.before(match.first, 3) + ctx.after(match.last, 2)
    verb = toks[match.first] if match.last - match.first == 1 and toks[match.first].key[:1].isalpha() else None
    they_did = verb is not None and any(
        {"VERB", "plur", "past", "tran"} <= reading.grammemes for reading in token_facts(verb.key, lang).readings[:1])
    places = {id(toks[k + 1]) for k in range(max(0, match.first - 5), min(len(toks) - 1, match.last + 3))
              if toks[k].key in cues.count_place_prepositions}  # "под Бахмутом": a town, though also a name
    names = [tok for tok in neighbours if tok.key[:1].isalpha() and id(tok) not in places and any(
        "Name" in reading.grammemes for reading in token_facts(tok.key, lang).readings[:1])]
    if len({tok.key for tok in names}) > 1:
        return "plur"  # "Серёгу с Витькой ранили": two named men, not one
    if any(toks[k].key in cues.cargo for k in range(match.first, match.last)):
        for tok in _rest_of_sentence(ctx, match.last, 10):  # "груз 200 отправили домой к матери его": one man
            found = tags(tok.key, lang)[:1] if tok.key[:1].isalpha() else ()
            if tok.key in cues.singular_pronouns or tok.key in cues.object_pronouns or (
                    found and {"NOUN", "anim"} <= grammemes(found[0])
                    and "plur" not in grammemes(found[0]) and tok.key not in cues.people):  # uk tags omit "sing"
                return "sing"
    own = tags(toks[match.first].key, lang)[:1] if verb is not None else ()
    objects = cues.object_pronouns
    if _plural_word(ctx, toks[match.first]) and any(_heard(ctx, k) for k in range(max(0, match.first - 3),
                                                                                   match.first)):
        objects = objects - _SPEAKER  # "алло слышишь меня двухсотые есть": the listener's "меня", not one victim
    if own and pos(own[0]) in ("ADJF", "NOUN") and "plur" in grammemes(own[0]) and "nomn" in grammemes(own[0]) and \
            not any(tok.key in cues.singular_pronouns or tok.key in objects for tok in neighbours):
        return "plur"  # "у ворога двохсоті": the code word says several; "ворога" is their owner, not one victim
    for tok in neighbours:
        if tok.key in objects:
            return "sing"
        if id(tok) in places:
            continue  # "пацанов наших положили под Бахмутом": a town, though the dictionary reads a name first
        found = token_facts(tok.key, lang).readings if tok.key[:1].isalpha() else ()
        if they_did and any({"Name", "sing"} <= reading.grammemes for reading in found[:1]):
            return "sing"  # "Витька ранили": "they wounded" one named man (colloquial accusative)
        if any({"NOUN", "anim", "accs"} <= (g := reading.grammemes) and "plur" not in g
               for reading in found[:2]) or any(
                {"Name", "accs", "sing"} <= reading.grammemes for reading in found):
            return "sing"  # "Серёгу ранило", "брата взяли в плен": one named or described person
    if match.last - match.first > 1:
        for tok in toks[match.first : match.last]:
            found = tags(tok.key, lang) if tok.key[:1].isalpha() and tok.key not in cues.phrase_words else ()
            if tok.key in cue_lists.keys("amount_verbs"):
                return None  # "чоловік двадцять їх там назавжди лишилося": an amount, not one man
            if found and pos(found[0]) in ("VERB", "PRTF", "PRTS", "ADJF"):
                if {"VERB", "plur", "tran"} <= grammemes(found[0]):
                    named = _one_named_object(ctx, match)  # "Серёжу не довезли": they did not bring one man
                    if named is not None:
                        return named
                return number_of(tok, lang)
    if match.last - match.first == 1:
        number = number_of(toks[match.first], lang)
        if number and toks[match.first].key[:1].isalpha():
            found = tags(toks[match.first].key, lang)
            if toks[match.first].key in cue_lists.keys("amount_verbs"):
                return None  # "орків під сотню лягло", "много погибло": the subject is an amount, not one man
            if found and pos(found[0]) not in ("PREP", "CONJ"):
                if number == "sing" and pos(found[0]) == "NOUN" and {"nomn", "accs"} & grammemes(found[0]) and \
                        match.first > 0 and _plural_verb(ctx, match.first - 1):
                    return "plur"  # "наші хлопці отримали поранення": they got wounds, whatever the noun's number
                return number
        elif number:
            return number
    if match.last - match.first > 1:  # "безвісти зниклий": a person noun inside the phrase
        for tok in toks[match.first : match.last]:
            found = tags(tok.key, lang)[:1] if tok.key[:1].isalpha() else ()
            if found and {"NOUN", "anim", "nomn"} <= grammemes(found[0]):
                return "plur" if "plur" in grammemes(found[0]) else "sing"
    indices = [match.first - 1 - i for i in range(len(ctx.before(match.first, 3)))]
    indices += [match.last + i for i in range(len(neighbours) - len(indices))]
    captor = False
    for k, tok in zip(indices, neighbours, strict=True):
        if k > 0 and toks[k - 1].key in cue_lists.union(cues.from_prepositions, _OWNER_PREPOSITIONS) and (
                tok.key in cues.plural_pronouns or tok.key in cues.singular_pronouns):
            captor = True
            continue  # "он у вас в плену": the captor, not the captive
        found = tags(tok.key, lang)[:1] if tok.key[:1].isalpha() else ()
        if found and {"NOUN", "anim", "nomn"} <= grammemes(found[0]):
            return "plur" if "plur" in grammemes(found[0]) else "sing"  # "братан мой в плену"
        if tok.key in cues.singular_pronouns:
            return "sing"
        if tok.key in cues.plural_pronouns:
            return "plur"
        found = tags(tok.key, lang) if tok.key[:1].isalpha() else ()
        if found and pos(found[0]) in ("VERB", "PRTS"):
            if captor:
                return None  # "брат говорит у них в плену": the verb's subject is not the captive
            g = grammemes(found[0])
            if "plur" in g and "intr" not in g and _one_named_object(ctx, match):
                return "sing"  # "Ромку ... в плен взяли": they took one named man
            return "plur" if "plur" in g else "sing" if "sing" in g or "masc" in g or "femn" in g else None
    return _one_named_object(ctx, match) or _one_named_subject(ctx, match)


def _one_named_subject(ctx: Context, match: TermMatch) -> str | None:
    """'sing' when a state phrase with no verb ("в плену", "безвісти відсутній") has one person as its subject
    earlier in the sentence: a name in the nominative ("наш Максим уже пів року в полоні"), or a nominative
    singular pronoun ("он с нашей роты, в плену сейчас", "мій з лютого в полоні")."""
    toks, lang, cues = ctx.toks, ctx.lang, ctx.cues
    for k in range(match.first, match.last):
        found = tags(toks[k].key, lang)[:1] if toks[k].key[:1].isalpha() else ()
        if found and pos(found[0]) in ("VERB", "INFN"):
            return None  # a verb in the phrase has its own subject or object
    names = name_lexicon()
    singular = cue_lists.keys("count_singular_subjects")
    found_names: set[str] = set()
    pronoun = False
    k = match.first - 1
    while k >= 0 and match.first - k <= 8 and k + 1 not in ctx.breaks and \
            toks[k].text not in FIRM_ENDS:
        tok = toks[k]
        expr = ctx.by_last.get(k)
        if expr is not None and expr.last < len(toks) and _measured(ctx, toks[expr.last]):
            k = expr.first - 1  # "пів року", "два месяца": a time, not a count
            continue
        if expr is not None or tok.key in cues.plural_pronouns:
            return None  # "трое наших", "они": several
        if tok.key[:1].isalpha():
            best = tags(tok.key, lang)[:1]
            if k >= match.first - 2 and tok.text[:1].isupper() and all(
                    t.key in ("в", "у", "во") for t in toks[k + 1 : match.first]) and any(
                    {"Surn", "nomn"} <= grammemes(tag) and "plur" not in grammemes(tag)
                    for tag in tags(tok.key, lang)[:3]):
                found_names.add(tok.key)  # "Рыбаков в СЗЧ": a surname right before the state (also "of fishermen")
                k -= 1
                continue
            if any({"plur", "anim"} <= grammemes(tag) or (tok.key in cues.people and "plur" in grammemes(tag))
                   for tag in best):
                return None  # "наших", "хлопці": several
            inside = tok.text[:1].isupper() and k > 0 and k not in ctx.breaks and toks[k - 1].text not in _ENDS
            # "Мам, Влад з нашого взводу на щиті": capitalised inside a sentence, "влад" is the name, not "of powers"
            readings = names.lookup(tok.key) if inside or not names.is_ambiguous(tok.key) else []
            if any("nomn" in r.cases for r in readings):
                found_names.add(readings[0].canonical)
            elif tok.key in singular:
                pronoun = True
            elif best and pos(best[0]) == "VERB" and k < match.first - 1:
                break  # another clause's verb ("сказала, что ..."): its subject is not this one
        k -= 1
    return "sing" if len(found_names) == 1 or (pronoun and not found_names) else None


def _one_named_object(ctx: Context, match: TermMatch) -> str | None:
    """'sing' when one person is named as the object earlier in the sentence ("Ромку с третьего взвода в плен
    взяли", "сусіда нашого, Степана Мельника, росіяни взяли в полон"): a capture or loss of that one man."""
    names = name_lexicon()
    found: set[str] = set()
    window = ctx.sentence_before(match.first, 10)
    lower = not any(tok.text[:1].isupper() for tok in window)  # speech-to-text: names are lower-case too
    for tok in window:
        if not tok.key[:1].isalpha() or tok.key in ctx.cues.people:
            continue
        readings = [] if names.is_ambiguous(tok.key) else names.lookup(tok.key)
        if readings and any({"accs", "gent"} & r.cases for r in readings) and (tok.text[:1].isupper() or lower):
            found.add(readings[0].canonical)
        best = tags(tok.key, ctx.lang)[:1]
        if not readings and any("Name" in grammemes(tag) and ({"accs", "gent"} & grammemes(tag)) for tag in best):
            found.add(tok.key)
        elif not readings and (tok.key in ctx.cues.plural_pronouns or any(
                {"plur", "anim"} <= grammemes(tag) and "nomn" not in grammemes(tag) for tag in best)):
            return None  # "их", "хлопців": several people (a plural subject, "росіяни", says nothing)
    return "sing" if len(found) == 1 else None


def adjacent_filler(ctx: Context, tok: Tok) -> bool:
    """Tokens that keep a count adjacent to its code word: dashes, commas, "наших", "тяжёлых", "человек"."""
    cues = ctx.cues
    return tok.is_punct or tok.key in cues.modifiers or tok.key in cues.people or tok.key in cues.adjacent_words


def extend_to_people(ctx: Context, count: NumberExpr, end: int) -> int:
    """The end of a count phrase after a code word, with "человек" after the number ("200-е — шесть человек")."""
    k = count.last
    if k < len(ctx.toks) and ctx.cues.reads_as(ctx.toks[k].key, NounReading.PEOPLE):
        return ctx.toks[k].end
    return end



def people_count_later(ctx: Context, match: TermMatch, used: set[int]) -> NumberExpr | None:
    """A people count told later in the sentence of a plural code word with no count of its own, in the inverted
    order that makes it approximate ("двухсотых, кто не вышел, — человек двадцать", "п'ятисоті, кажуть, чоловік
    десять", "четырёхсотые — это без вести — человек двенадцать"); another casualty word on the way stops it."""
    count_units, stops = ctx.cues.count_units, cue_lists.keys("count_later_stops")
    category = _categories_at(ctx, match.first)
    if len(category) != 1:
        return None
    category = next(iter(category))
    for k in range(match.last, min(match.last + 14, len(ctx.toks))):
        tok = ctx.toks[k]
        if tok.text in SENTENCE_ENDS or (k > match.last and k in ctx.breaks) or tok.key in stops or (
                k in ctx.casualty_tokens and category not in _categories_at(ctx, k)):
            return None  # "четырёхсотые — это без вести — человек двенадцать": a gloss of the same category passes
        expr = ctx.by_first.get(k)
        if expr is not None:
            if tok.key in count_units and expr.value and expr.approximate and k not in used:
                return expr
            return None  # the first number on the way counts something else
    return None


def _categories_at(ctx: Context, k: int) -> set[str]:
    """The casualty categories of the matches that cover token ``k``."""
    return {e.category for m in ctx.matches if m.first <= k < m.last for e in m.entries if e.category in _CATEGORIES}


_CATEGORIES = frozenset({"killed", "wounded", "refused", "missing", "captured", "deserted"})


def _rest_of_sentence(ctx: Context, index: int, size: int) -> list[Tok]:
    """Up to ``size`` tokens from ``index`` to the end of the sentence (commas do not stop it)."""
    out: list[Tok] = []
    k = index
    while k < len(ctx.toks) and len(out) < size and ctx.toks[k].text not in FIRM_ENDS and (
            k == index or k not in ctx.breaks):
        out.append(ctx.toks[k])
        k += 1
    return out


def _no_more_number(ctx: Context, match: TermMatch) -> str | None:
    """"Деда больше нет", "нет его больше": one person; "пацанов больше нет", "їх більше нема": several."""
    cues = ctx.cues
    inside = list(ctx.toks[match.first : match.last])
    before = [t for t in ctx.sentence_before(match.first, 4) if t.key not in cues.no_more_skip][:1]
    after = [t for t in ctx.sentence_after(match.last, 3) if t.key not in cues.no_more_skip][:1]
    for tok in inside + before + after:
        if tok.key in cues.plural_pronouns:
            return "plur"
        if tok.key in cues.singular_pronouns or tok.key in cues.object_pronouns:
            return "sing"
        if tok.key[:1].isalpha() and tok not in inside:
            found = [tag for tag in tags(tok.key, ctx.lang)[:3] if "anim" in grammemes(tag)]
            return number_of(tok, ctx.lang) if not found else "plur" if "plur" in grammemes(found[0]) else "sing"
    return None


_OWNER_PREPOSITIONS = frozenset({"у", "в", "к", "до"})
_SPEAKER = frozenset({"меня", "мене"})
_WITH_HIM = frozenset({"ним", "нею", "ней", "ними", "мной", "мною", "тобой", "тобою"})  # "с ним": with him


def _enemy_names() -> frozenset[str]:
    """Names for the enemy ("нациков", "укропов"): counted nouns between a count and its verb."""
    return side_cues().enemy


def _after_casualty_word(ctx: Context, expr: NumberExpr, severity: bool = False) -> bool:
    """Whether a number stands right after a casualty word (``severity``: or a word of how bad a wound is, "тяжелых
    четыре"), across a dash or a colon ("двухсотых ноль", "загиблих — двоє"): that word's count in a list of reports."""
    k = expr.first - 1
    while k >= 0 and ctx.toks[k].text in LIST_DASHES:
        k -= 1
    return k >= 0 and (k in ctx.casualty_tokens or (severity and ctx.toks[k].key in ctx.cues.severity))


def _unit_code(ctx: Context, expr: NumberExpr) -> bool:
    """Whether a number in digits is a unit's code: after "в/ч" or glued to a letter ("А2291")."""
    toks = ctx.toks
    if not toks[expr.first].key[:1].isdigit() or expr.first == 0:
        return False
    before = toks[expr.first - 1]
    if before.end == toks[expr.first].start and before.key.isalpha() and len(before.key) == 1:
        return True
    return expr.first >= 3 and toks[expr.first - 1].key in ("ч", "вч") and toks[expr.first - 2].text == "/"


_UNIT_ORDINAL_PREPOSITIONS = frozenset({"з", "с", "із", "зі", "из", "со", "від", "от", "в", "у", "во", "по", "на",
                                        "до"})


def _unit_ordinal(ctx: Context, expr: NumberExpr) -> bool:
    """Whether a number is a unit named by its ordinal in digits after "з/с/в/по" ("з 93-ї", "с 155-й", "в 3-й",
    "зведення по 72-й: загиблих — двоє"): the brigade the men belong to, not their count."""
    toks = ctx.toks
    if expr.last - expr.first != 1 or expr.first == 0 or expr.first in ctx.casualty_tokens:
        return False
    key = toks[expr.first].key
    return key[:1].isdigit() and (key.endswith("~") or ":" in key) and \
        toks[expr.first - 1].key in _UNIT_ORDINAL_PREPOSITIONS
