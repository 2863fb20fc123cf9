"""Casualty mentions: coded and plain casualty words with their counts, following ANNOTATION.md.

Each lexicon match of a casualty category (killed, wounded, refused, missing, captured, deserted) is
checked against rules that reject readings which are not mentions: numbers that are not codes
(distances, money, ammunition, unit numbers, ordinals, car models: :mod:`.checks`), intentions and
threats, guesses, denials, false reports and questions (:mod:`.statement`). Accepted matches get a
count (:mod:`.counting`) and are merged so that a group mentioned twice in an utterance is one mention
(:mod:`.grouping`). Every decision carries a structured reason (:mod:`.reasons`); rejected readings are
kept too. The cue words are data: ``lexicons/context_cues.yaml``.
"""

from __future__ import annotations

from dataclasses import replace

from overheard.annotate import cues as cue_lists
from overheard.annotate.lexicon import LexiconEntry
from overheard.annotate.rules.casualties.answers import next_turn_answer
from overheard.annotate.rules.casualties.checks import (
    code_number_check,
    code_verb_check,
    echoed_ordinal,
    lying_check,
    past_war_check,
    plain_check,
    quoted_check,
    rate_check,
    remains_need_count,
    severity_check,
    station_called,
)
from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.count_model import recount
from overheard.annotate.rules.casualties.counting import (
    adjacent_filler,
    attach_count,
    extend_to_people,
    implicit_number,
    people_count_later,
    remainder,
    together_count,
    with_us,
)
from overheard.annotate.rules.casualties.followup import (
    companions,
    confirmed_answer,
    corrected_count,
    joined_pair,
    joined_people,
    listed_people,
    more_of_the_same,
    more_with_them,
    next_sentence_count,
    people_count_after_vague,
    pronoun_count,
    together_with,
    total_count,
)
from overheard.annotate.rules.casualties.formations import lost_formation
from overheard.annotate.rules.casualties.generic import class_talk, column_or_definition
from overheard.annotate.rules.casualties.grouping import group
from overheard.annotate.rules.casualties.mention_model import screen
from overheard.annotate.rules.casualties.mentions import CasualtyDecisions, CasualtyMention, RejectedReading
from overheard.annotate.rules.casualties.named_beside import also_named, list_before, names_before_comma, they_before
from overheard.annotate.rules.casualties.person import named
from overheard.annotate.rules.casualties.prisoners import killed_prisoners, taken_check
from overheard.annotate.rules.casualties.reasons import CountReading, MentionExplanation, Reason, Rejection
from overheard.annotate.rules.casualties.records import contradicted_record
from overheard.annotate.rules.casualties.reports import apposed_names, papers_count, total_later
from overheard.annotate.rules.casualties.same_men import described_count
from overheard.annotate.rules.casualties.scenes import there_in_story, told_in_scene, wounded_thing
from overheard.annotate.rules.casualties.side import SIDES, side_cues, side_of
from overheard.annotate.rules.casualties.statement import statement_check
from overheard.annotate.rules.casualties.with_him import companions_after
from overheard.annotate.rules.casualties.words import casualty_cues
from overheard.annotate.rules.counts import NumberExpr
from overheard.annotate.rules.terms import TermMatch
from overheard.annotate.rules.tokens import FIRM_ENDS, Tok

__all__ = ["SIDES", "CasualtyDecisions", "CasualtyMention", "Reason", "RejectedReading", "Rejection",
           "casualty_entry", "decide"]


def casualty_entry(match: TermMatch) -> LexiconEntry | None:
    """The first entry of a match that can be a casualty mention, if any."""
    return next((entry for entry in match.entries if entry.is_casualty), None)


_DECIDED_FIRST = {"plain.wounded_severity": severity_check, "plain.killed_lying": lying_check,
                  "plain.captured_taken": taken_check}


def _severity(match: TermMatch) -> bool:
    """Whether a match is a word decided before the other casualty words: a bare severity ("тяжёлый", "важкі"),
    "лежат" (the dead left where they fell) or "взяли" (the enemy taken); one that is no mention must never stop a
    count or a scan."""
    return any(entry.id in _DECIDED_FIRST for entry in match.entries)


def decide(text: str, toks: list[Tok], matches: list[TermMatch], numbers: list[NumberExpr], lang: str,
           breaks: frozenset[int], utterances: tuple[tuple[int, int], ...]) -> CasualtyDecisions:
    """Every casualty-looking match of a document, decided: a mention with its count, or a rejected reading.

    ``text`` is the text the tokens were made from, ``numbers`` its number expressions (only needed when a
    match is a casualty word), ``breaks`` the tokens that start a new line or utterance and ``utterances``
    the utterance ranges (at least one).
    """
    casualty_tokens = {k for m in matches if casualty_entry(m) for k in range(m.first, m.last)}
    if not casualty_tokens:  # no casualty word: nothing to decide (most utterances)
        return CasualtyDecisions((), (), frozenset())
    ctx = Context(toks, lang, matches, casualty_tokens, {e.first: e for e in numbers},
                  {e.last - 1: e for e in numbers}, casualty_cues(), breaks)
    rejected: list[RejectedReading] = []
    if any(_severity(m) for m in matches):
        # a severity word ("один тяжёлый") or "лежат" is a casualty word only where it is a mention of its own:
        # decided first, so that one that is not never stops a count or a scan ("трёхсотых, двое тяжёлых": five)
        ctx.casualty_tokens = casualty_tokens - {k for m in matches if _severity(m) for k in range(m.first, m.last)}
        dropped = set()
        for match in matches:
            entry = casualty_entry(match) if _severity(match) else None
            if entry is not None and entry.id in _DECIDED_FIRST:
                rejection = _DECIDED_FIRST[entry.id](ctx, match)
                if rejection is not None:
                    dropped.add(id(match))
                    rejected.append(RejectedReading(entry.category, match.start, match.end, entry.id, rejection))
        matches = [m for m in matches if id(m) not in dropped]
        ctx.matches = matches
        ctx.casualty_tokens = {k for m in matches if casualty_entry(m) for k in range(m.first, m.last)}
        if not ctx.casualty_tokens:
            return CasualtyDecisions((), tuple(rejected), frozenset())
    accepted: list[CasualtyMention] = []
    used: set[int] = set()
    for match in matches:
        entry = casualty_entry(match)
        if entry is None or _beside_code(ctx, match, entry):
            continue
        if entry.prefixes and match.last - match.first == 1 and not entry.lemmas:
            rejection = code_verb_check(ctx, match, entry)  # "задвухсотили" reports, "задвухсотим" threatens
        else:
            rejection = code_number_check(ctx, match, text) if entry.kind != "plain" else None
        if rejection is None and entry.kind != "plain":
            rejection = echoed_ordinal(ctx, match, rejected)  # "трёхсотый день ... Трёхсотый!": the day again
        if rejection is None and entry.kind == "code":
            rejection = station_called(ctx, match)  # "Пятисотый, я Гром, приём", "П'ятисотий — на зв'язку"
        rejection = rejection or (quoted_check(ctx, text, match) if entry.kind != "plain" else None)
        rejection = rejection or plain_check(ctx, match, entry)
        if rejection is None and entry.category in ("killed", "wounded", "missing", "captured"):
            rejection = past_war_check(ctx, match)  # "в девяносто пятом в Грозном ... сотни их там положили"
        if rejection is None:
            rejection = told_in_scene(ctx, match, match.first)  # "в доту рубились, всех положили", "на навчаннях"
        if rejection is None:
            rejection = there_in_story(ctx, match, match.first)  # "Пересматривал «9 роту». Там все полегли"
        if rejection is None and entry.category == "wounded" and entry.kind == "plain":
            thing = wounded_thing(ctx, match)  # "антенну посекло", "ствол посікло": a thing hit, nobody wounded
            rejection = Rejection(Reason.THING, f"{thing.text} {toks[match.first].text}") if thing else None
        if rejection is None and entry.kind in ("code", "plain"):
            rejection = rate_check(ctx, match, entry.kind == "plain")  # "за двухсотого семье пять миллионов"
        count, side, plus = (None, "", "") if rejection else _count(ctx, match, used)
        if rejection is None and entry.id == "plain.killed_remains":
            rejection = remains_need_count(ctx, match, count, side)  # "одиннадцать гробов", not "тело болит"
        if rejection is None:
            rejection = class_talk(ctx, match, entry, count) or column_or_definition(ctx, match, count)
        if rejection is None:
            span_first = count.first if count is not None and side == "before" else match.first
            rejection = statement_check(ctx, match, span_first, count, entry)
            if rejection is not None and rejection.reason is Reason.QUESTION:
                answer = next_sentence_count(ctx, match)  # "Сколько? — Человек двенадцать.": answered
                if answer is not None:
                    rejection, count, side, plus = None, answer, "next", ""
                elif confirmed_answer(ctx, match):  # "Ты трёхсотый? — Мам, ну лёгкий, царапина."
                    rejection = None
                else:
                    confirmed, said = next_turn_answer(ctx, match)  # "— Сколько 200-х? — Двое." (answers.py)
                    if confirmed:
                        rejection = None
                        if said is not None and said.first not in used:
                            count, side, plus = said, "next", ""
        if rejection:
            rejected.append(RejectedReading(entry.category, match.start, match.end, entry.id, rejection))
            continue
        if count is not None:
            used.add(count.first)
        mention = _mention(ctx, text, match, killed_prisoners(ctx, match, entry), count, side, plus)
        if count is None and accepted and _as_many(ctx, match):
            mention = _as_many_as(mention, accepted[-1])  # "двухсотых тридцать, и трёхсотых столько же"
        if accepted and _one_of_the_captives(ctx, mention, accepted[-1]):
            mention = replace(mention, side="enemy")  # "троих хохлов взяли в плен. Один раненый"
        accepted.append(mention)
        more = more_of_the_same(ctx, match) if entry.category != "refused" else None
        if more is not None and more.first not in used:
            used.add(more.first)
            accepted.append(_more(ctx, text, accepted[-1], more))
    grouped = group(accepted, toks, utterances, ctx.cues.new_group)
    kept = [m for m in grouped if _superseded(ctx, m, grouped) is None]
    for m in grouped:
        status = _superseded(ctx, m, grouped)
        if status is not None:
            rejected.append(RejectedReading(m.category, m.start, m.end, m.term_id,
                                            Rejection(Reason.SUPERSEDED, status.text)))
    records = [(m, contradicted_record(ctx, m, kept)) for m in kept]  # "числится погибшим" beside "в плену"
    kept = [m for m, why in records if why is None]
    rejected += [RejectedReading(m.category, m.start, m.end, m.term_id, why) for m, why in records if why is not None]
    kept, dropped = screen(ctx, kept, rejected)  # the learned mention filter's second opinion (mention_model.py)
    rejected += dropped
    spans = frozenset((m.start, m.end) for m in matches if casualty_entry(m)) - {(r.start, r.end) for r in rejected}
    spans -= {(m.start, m.end) for m in matches for r in dropped if r.start <= m.start and m.end <= r.end}
    kept = recount(ctx, kept)  # the learned count model's second opinion (count_model.py)
    return CasualtyDecisions(tuple(kept), tuple(rejected), spans)


def _one_of_the_captives(ctx: Context, mention: CasualtyMention, earlier: CasualtyMention) -> bool:
    """Whether a wounded or killed "один / один з них" right after the enemy the speaker's side took prisoner is one
    of those prisoners ("троих хохлов взяли в плен. Один раненый, перевязали", "двох полонених передали. Один з них
    поранений"): no word of the speaker's side in its own sentence."""
    if mention.category not in ("wounded", "killed") or mention.side == "enemy" or earlier.category != "captured" \
            or earlier.side != "enemy" or mention.count != 1 or earlier.last > mention.first:
        return False
    before = ctx.sentence_before(mention.first, 4)
    if not before or before[-1].key not in cue_lists.keys("one_of_group"):
        return False
    between = ctx.toks[earlier.last : mention.first]
    if sum(t.text in FIRM_ENDS for t in between) > 1:
        return False  # only the sentence right after the capture
    own = side_cues().own
    return not any(t.key in own for t in ctx.sentence_before(mention.first, 8) + ctx.sentence_after(mention.last, 8))


def _superseded(ctx: Context, mention: CasualtyMention, mentions: list[CasualtyMention]) -> Tok | None:
    """The status word that makes a missing mention of one person an earlier status the text replaces ("числился без
    вести. Погиб", "вважають зниклим безвісти, а він у полоні"): one person killed or captured is told too."""
    if mention.category != "missing" or mention.approximate or mention.count not in (1, None):
        return None
    if not any(m.category in ("killed", "captured") and m.count in (1, None) and not m.approximate
               and m.side == mention.side for m in mentions):
        return None
    status = cue_lists.keys("status_words")
    near = ctx.sentence_before(mention.first, 6) + ctx.sentence_after(mention.last, 4)
    return next((t for t in near if t.key in status), None)


def _count(ctx: Context, match: TermMatch, used: set[int]) -> tuple[NumberExpr | None, str, str]:
    """The count of a match, its place and a person counted with it (:func:`_stated_count`), with the number the
    speaker corrects it to ("трое, нет, четверо") or the total he gives ("трое, плюс ещё двое, итого пятеро")."""
    count, side, plus = _stated_count(ctx, match, used)
    formation = lost_formation(ctx, match, count)  # "батальон положили", "три роти поклали": a vague many
    if formation is not None:
        return formation, "formation", ""
    if count is not None and count.vague and (side == "after" and _asked(ctx, count) or side == "before" and (
            _asked_after(ctx, match))):
        answer = next_sentence_count(ctx, match, answering=True)  # "— Трехсотых много? — Да нет, пятнадцать.": the
        # answer counts; "— Много двухсотых у вас? — Да человек семь за неделю, и трёхсотых с десяток." too
        if answer is not None and answer.first not in used:
            return answer, "next", ""
    if count is None or count.value is None or plus or side in ("named", "rest", "together", "with"):
        return count, side, plus
    better = total_count(ctx, count, match) or more_with_them(ctx, count, match)
    if better is not None and better.first in used:
        better = None
    if better is not None:
        used.add(better.first)  # "и с ними ещё пятнадцать", "итого пятеро": counted here, no other mention's count
    elif side not in ("before", "after"):  # next to the words, corrections are read already
        better = corrected_count(ctx, count, match)
        if better is not None and better.first in used:
            better = None
    if better is None:
        return count, side, plus
    phrase = f"{count.phrase}, {better.phrase}".strip(", ")
    return replace(count, value=better.value, approximate=better.approximate, phrase=phrase), side, plus


def _asked(ctx: Context, count: NumberExpr) -> bool:
    """Whether a count ends its sentence with a question mark ("Трехсотых много?"): the asker's guess, not the
    answer."""
    k = count.last
    return k < len(ctx.toks) and ctx.toks[k].text.startswith("?")


def _one_named_before(ctx: Context, match: TermMatch) -> bool:
    """Whether one man is named right before a phrase of a state ("А Михайло на щиті. Двох за тиждень втратили"): the
    count of the next sentence is another tally, not his (counts30)."""
    return any(named(ctx, match.first - 1 - i, ("nomn", "accs")) for i in range(len(ctx.before(match.first, 2))))


def _asked_after(ctx: Context, match: TermMatch) -> bool:
    """Whether the sentence of the words ends with a question mark within a few words ("Много двухсотых у вас?")."""
    k = match.last
    while k < len(ctx.toks) and k - match.last < 4 and ctx.toks[k].key[:1].isalpha() and k not in ctx.breaks:
        k += 1
    return k < len(ctx.toks) and ctx.toks[k].text.startswith("?")


def _stated_count(ctx: Context, match: TermMatch, used: set[int]) -> tuple[NumberExpr | None, str, str]:
    """The count of a match, its place and a person counted with it: next to it ("трое двухсотых"), together with
    a named person ("разом з двома"), the people named ("Петренко з Іваненком"), or in a following sentence."""
    together = together_with(ctx, match)  # "Тараса взяли в полон разом з трьома хлопцями": he and three more
    if together is not None and together[0].first not in used:
        return together[0], "together", together[1]
    if match.first - 1 not in ctx.by_last:  # "Мурада обнулили. С ним трое были": he and three more
        later = companions_after(ctx, match, implicit_number(ctx, match) != "plur")
        if later is not None and later[0].first not in used:
            return later[0], "together", later[1]
    count, side = attach_count(ctx, match, used)
    if count is not None:
        better = people_count_after_vague(ctx, match, count)
        if better is not None and better.first not in used:
            return better, "after", ""
        count, plus = companions(ctx, count, side)
        better = corrected_count(ctx, count, match)
        if better is not None:
            return replace(count, value=better.value, approximate=better.approximate,
                           phrase=f"{count.phrase}, {better.phrase}".strip(", ")), side, plus
        return count, side, plus
    described = described_count(ctx, match)  # "Двоих пятисотых на рассвете обнулили": the refusers' count
    if described is not None:
        return described, "group", ""
    rest = remainder(ctx, match)  # "остальные двухсотые", "кто в плену, кто без вести": a vague group
    if rest is not None:
        k = ctx.toks.index(rest)
        return NumberExpr(k, k + 1, None, True, phrase=rest.text), "rest", ""
    entry = casualty_entry(match)
    if entry is not None and entry.category in ("captured", "deserted", "refused"):
        together = together_count(ctx, match)  # "мы сами сдались, втроём"
        if together is not None and together.first not in used:
            return together, "group", ""
    us = with_us(ctx, match)  # "нас с Лёшей вместе зацепило": the speaker and one more
    if us is not None and us.first not in used:
        return us, "with", ""
    if implicit_number(ctx, match) == "plur":
        later = people_count_later(ctx, match, used)  # "двухсотых, кто не вышел, — человек двадцать"
        if later is not None:
            return later, "after", ""
    sized = pronoun_count(ctx, match)  # "взяли в полон, троє їх було"
    if sized is not None and sized.first not in used:
        return sized, "group", ""
    # "Сочинцы наши, Гуляев с Моховым, объявились": two named; "Хертек трёхсотый лёгкий, Салчак тоже": he and one more
    named = joined_people(ctx, match) or joined_pair(ctx, match) or listed_people(ctx, match) or \
        apposed_names(ctx, match) or also_named(ctx, match) or names_before_comma(ctx, match) or \
        list_before(ctx, match)
    if named is not None:
        first = match.first - 1
        return NumberExpr(first, first + 1, named[0], False, phrase=named[1]), "named", ""
    they = they_before(ctx, match)  # "Трьох поранених русаків підібрали ... Тепер вони в полоні": the three
    if they is not None:
        return they, "group", ""
    denied = any(tok.key in ctx.cues.deny_after for tok in ctx.after(match.last, 2))
    if not denied and implicit_number(ctx, match) == "plur":
        total = total_later(ctx, match)  # "Погибшие по роте: ...; ...; .... Всего три."
        if total is not None and total.first not in used:
            return total, "next", ""
    papers = papers_count(ctx, match, used)  # "кто двухсотый ... там девять фамилий"
    if papers is not None:
        return papers, "next", ""
    if not denied and (implicit_number(ctx, match) != "sing" or (
            match.last - match.first > 1 and not _one_named_before(ctx, match))):
        later = next_sentence_count(ctx, match)  # not after "двухсотых нет": the next turn counts something else
        if later is not None and later.first not in used:
            return later, "next", ""
    return None, "", ""


def _beside_code(ctx: Context, match: TermMatch, entry: LexiconEntry) -> bool:
    """Whether a plain word stands right beside a code word of its category and only restates it ("двохсотими
    лягло", "Вітю зачепило, легкий трьохсотий"): the code word is the mention."""
    if entry.kind != "plain" or match.last - match.first != 1:
        return False
    toks = ctx.toks

    def code_at(k: int) -> bool:
        return any(m.first <= k < m.last and (e := casualty_entry(m)) is not None and e.kind == "code"
                   and e.category == entry.category for m in ctx.matches)

    if match.first > 0 and code_at(match.first - 1):
        return True
    k = match.last
    while k < len(toks) and k - match.last < 2 and toks[k].text in (",", "—", "–", "-"):
        k += 1
    return k > match.last and k < len(toks) and k not in ctx.breaks and code_at(k)


def _mention(ctx: Context, text: str, match: TermMatch, entry: LexiconEntry, count: NumberExpr | None,
             side: str, plus: str = "") -> CasualtyMention:
    """An accepted mention: its span (with an adjacent count phrase), count and explanation."""
    toks = ctx.toks
    start, end = match.start, match.end
    if count is not None:
        between = range(count.last, match.first) if side == "before" else range(match.last, count.first)
        if side in ("before", "after") and all(adjacent_filler(ctx, toks[k]) for k in between):
            # ANNOTATION.md: the span takes the count phrase when it is adjacent
            start, end = min(start, toks[count.first].start), max(end, toks[count.last - 1].end)
            end = extend_to_people(ctx, count, end) if side == "after" else end
        value, approximate, explicit = count.value, count.approximate, True
        how = CountReading(value, count.phrase, side, approximate, stated=True, plus=plus)
    else:
        singular = implicit_number(ctx, match) == "sing"
        value, approximate, explicit = (1 if singular else None), False, False
        how = CountReading(value, singular=singular)
    side = side_of(ctx, match)
    why = MentionExplanation(entry.id, entry.kind, text[match.start : match.end], entry.category, how,
                             side=side.text)
    return CasualtyMention(entry.category, value, approximate, start, end, entry.id, why, explicit, match.first,
                           match.last, side.side)


def _more(ctx: Context, text: str, earlier: CasualtyMention, count: NumberExpr) -> CasualtyMention:
    """Another group of the loss of ``earlier``, counted in a following sentence ("Вчера ещё двое."): its span is the
    count phrase, its side that of ``earlier`` unless the sentence names whose they are."""
    toks = ctx.toks
    start, end = toks[count.first].start, toks[count.last - 1].end
    how = CountReading(count.value, count.phrase, "more", count.approximate, stated=True)
    why = replace(earlier.why, surface=text[start:end], count=how, merged=())
    return replace(earlier, count=count.value, approximate=count.approximate, start=start, end=end, why=why,
                   explicit=True, first=count.first, last=count.last)


def _as_many(ctx: Context, match: TermMatch) -> bool:
    """Whether "столько же" / "стільки ж" stands right beside the match ("ещё" may come first): as many as the mention
    before."""
    toks = ctx.toks
    more = match.last < len(toks) and toks[match.last].key in ("ещё", "еще", "ще")  # "поранених ще стільки ж"
    for k in (match.last + more, match.first - 2):
        if 0 <= k and k + 1 < len(toks) and toks[k].key in ("столько", "стільки", "стiльки") and \
                toks[k + 1].key in ("же", "ж", "само"):
            return True
    return False


def _as_many_as(mention: CasualtyMention, earlier: CasualtyMention) -> CasualtyMention:
    """``mention`` counted as ``earlier`` ("ще стільки ж поранених": as many as the dead before)."""
    if earlier.count is None and not earlier.approximate:
        return mention
    how = CountReading(earlier.count, "столько же", "same", earlier.approximate, stated=True)
    return replace(mention, count=earlier.count, approximate=earlier.approximate, explicit=True,
                   why=replace(mention.why, count=how))
