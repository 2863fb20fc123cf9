"""Checks of the statement around a mention: zero and denials, negation, near misses, questions, guesses,
conditions, the subjunctive, intentions and false reports (ANNOTATION.md, "Not a mention")."""

from __future__ import annotations

from overheard.annotate import cues as cue_lists
from overheard.annotate.lexicon import LexiconEntry
from overheard.annotate.rules.casualties.checks import rescued
from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.hearsay import contradicted_hearsay
from overheard.annotate.rules.casualties.reasons import Reason, Rejection
from overheard.annotate.rules.casualties.unreal import (
    addressed_as,
    conditional_sentence,
    imagined_frame,
    named_so,
    past_belief,
    possibility,
    preference,
    unreal_frame,
)
from overheard.annotate.rules.casualties.wording import alive_consistent, answer_no, farewell, no_news
from overheard.annotate.rules.casualties.words import grammemes, is_past_verb, number_of, pos, tags
from overheard.annotate.rules.counts import NumberExpr, number_tables
from overheard.annotate.rules.terms import TermMatch
from overheard.annotate.rules.tokens import FIRM_ENDS, SENTENCE_ENDS, Tok

_AND = frozenset({"и", "і", "й", "та"})
_THAT = frozenset({"что", "що", "шо", "мол", "мовляв"})
_IN = frozenset({"в", "у", "во"})
_NO_MORE = frozenset({"больше", "більше", "уже", "вже", "уж"})
_PERSONAL = frozenset({"я", "ты", "ти", "тебя", "тебе", "меня", "мене", "мне", "мені"})  # "а он мне: живой"

_PLAIN_ENDS = FIRM_ENDS - {"…"}  # a sentence end written plainly, not trailing off


def statement_check(ctx: Context, match: TermMatch, span_first: int, count: NumberExpr | None,
                    entry: LexiconEntry) -> Rejection | None:
    """Why the statement around a mention does not report a loss (None: it does)."""
    toks, cues = ctx.toks, ctx.cues
    before = ctx.before(span_first, 4)
    keys = [tok.key for tok in before]
    if count is not None and count.zero:
        return Rejection(Reason.ZERO, count.phrase)
    reach = ctx.before(span_first, 7) if any(tok.key in cues.units for tok in before) else before
    # "Ніхто в сорок першій бригаді в полон не здавався": nobody, past the words of a unit
    nobody = next((tok for tok in reach if tok.key in cue_lists.keys("nobody")), None)
    if nobody is not None:
        return Rejection(Reason.ZERO, nobody.text)  # "ніхто в полон не потрапив"
    hedged = _amount_hedged(ctx, span_first, keys)  # "чуть ли не вся рота в плену": almost all, no near miss
    pair = tuple(reversed(keys[:2]))
    if not hedged and (len(pair) == 2 and pair in cues.near_miss or tuple(reversed(keys[1:3])) in cues.near_miss):
        return Rejection(Reason.NEAR_MISS)
    if keys[:1] and keys[0] in cues.negation and not hedged and not answer_no(ctx, match, before, 0):
        return Rejection(Reason.NEGATED)
    negated_verb = _negated_verb(ctx, match, ctx.before(span_first, 8)) if not hedged else None
    if negated_verb is not None:  # "не попал в плен", "не был ранен", "в плен не сдался"
        return negated_verb
    if keys[:2] and any(k in cue_lists.keys("near_miss_lead") for k in keys[:2]) and ctx.after(match.last, 1) and \
            ctx.after(match.last, 1)[0].key in cues.negation:
        return Rejection(Reason.NEAR_MISS)  # "чуть двухсотым не стал": the word between "чуть" and "не"
    addressed = addressed_as(ctx, match, span_first)
    if addressed is not None:  # "ты что, двухсотый?", "ти шо трьохсотий": asked of the one spoken to
        return addressed
    framed = unreal_frame(ctx, span_first)
    if framed is not None:  # "в рапорте напишу, что погиб", "я ж не казав, шо мене поранило"
        return framed
    if entry.category == "deserted":
        denied = _desertion_denied(ctx, match, span_first, before, count)
        if denied is not None:
            return denied
        recorded = next((t for t in before[:3] + ctx.after(match.last, 2) if t.key in cue_lists.keys("recorded_as")),
                        None)
        if recorded is not None:  # "его в СОЧ записали, а он в госпитале": a record the speaker disputes
            return Rejection(Reason.FALSE_REPORT, recorded.text)
    right_after = ctx.after(match.last, 2)
    if right_after[:1] and right_after[0].key in cues.deny_after and right_after[0].key != "ні" and (
            _clause_ends(ctx, match.last + 1)):
        return Rejection(Reason.DENIAL, right_after[0].text, where="after it")  # "один тяжёлый, погибших нет"
    there = 1 if keys[:1] in (["там"], ["тут"]) else 0  # "та які там відмовники"
    if len(keys) > 1 + there and keys[there] in cues.deny_rhetorical and keys[there + 1] in cues.deny_rhetorical_lead:
        return Rejection(Reason.DENIAL, f"{before[there + 1].text} {before[there].text}")  # "да какие трёхсотые"
    media = _fiction(ctx, span_first, match.last)
    if media is not None:
        return Rejection(Reason.ON_SCREEN, media.text)
    name = named_so(ctx, match, span_first < match.first) if entry.kind == "code" else None
    if name is not None:  # "кота мы назвали Трёхсотый", "Собака наш П'ятисотий": a nickname
        return Rejection(Reason.NICKNAME, name.text)
    imagined = imagined_frame(ctx, span_first, match.last)
    if imagined is not None:  # "мне приснилось, что я в плену", "в нарды меня обнулил"
        return Rejection(Reason.IMAGINED, imagined.text)
    tail = ctx.sentence_after(match.last, 8)
    for k, tok in enumerate(tail[:-1]):
        if tok.key in cues.condition and tail[k + 1].key in cues.generic_tag and (
                k + 2 == len(tail) or tail[k + 2].is_punct):  # "вытаскивает, если что." ends the sentence
            return Rejection(Reason.CONDITION, f"{tok.text} {tail[k + 1].text}")
    answered = _answered_no(ctx, match, count)  # "У вас четверо п'ятисотих? — Ні, в нас таких нема."
    if answered is not None:
        return answered
    if count is None or count.value is None:
        denial = _denial(ctx, match, span_first, before)
        if denial is not None:
            return denial
    inside = toks[span_first : match.first][::-1]  # "один, кажется, трёхсотый": a hedge between count and word
    said = [*inside, *ctx.sentence_before(span_first, 8)] if not rescued(ctx, match) else []
    new_clause = False  # "скинь, якщо можеш, гроші, бо в нас двоє поранених": "бо" ends the condition's reach
    for k, tok in enumerate(said):
        if tok.key in cues.guess:
            return Rejection(Reason.GUESS, tok.text)
        if tok.key in cues.condition and not new_clause and not (
                k and said[k - 1].key in cue_lists.keys("condition_set_phrases")):  # "если честно, ..."
            return Rejection(Reason.CONDITION, tok.text)
        new_clause = new_clause or tok.key in cue_lists.keys("condition_breaks")
    guessed = _guess_after(ctx, match, count)
    if guessed is not None:  # "он в плену, возможно", "трьохсотий мабуть"
        return guessed
    conditional = conditional_sentence(ctx, span_first) if not rescued(ctx, match) else None
    if conditional is not None:
        return conditional
    unreal = preference(ctx, match, span_first) or past_belief(ctx, span_first)
    if unreal is not None:
        return unreal
    verbs = [*before[:4], *toks[match.first : match.last + 1], *ctx.after(match.last, 4)]
    past = any(is_past_verb(tok, ctx.lang) for tok in verbs)
    for offset, tok in enumerate(before[:4]):
        if past and tok.key in cues.subjunctive and not ctx.masked(span_first - 1 - offset):
            return Rejection(Reason.SUBJUNCTIVE, tok.text)
    nxt = toks[match.last] if match.last < len(toks) else None
    if nxt is not None and nxt.key in cues.subjunctive and is_past_verb(toks[match.last - 1], ctx.lang) and not \
            ctx.masked(match.last):
        return Rejection(Reason.SUBJUNCTIVE, nxt.text)  # "задвухсотили бы нас всех"
    later = ctx.after(match.last, 4)  # "поранений так би не говорив": would, in the clause after the word
    would = next((t for t in later[:3] if t.key in cues.subjunctive), None)
    if would is not None and any(is_past_verb(t, ctx.lang) for t in later) and not ctx.masked(
            match.last + later.index(would)):
        return Rejection(Reason.SUBJUNCTIVE, would.text)
    # a code noun names people who exist ("надо трёхсотых вывозить"); only future and wishes make it unreal
    plain_or_desertion = entry.kind != "code" or entry.category == "deserted"
    past_time = cue_lists.keys("past_time")
    if rescued(ctx, match):
        keys = []  # "надо пацанов из плена вытаскивать": they are in captivity; the plan is to free them
    for k, key in enumerate(keys):
        if key in past_time:
            break  # "не хочу тут сдохнуть вчера пятнадцать двухсотых привезли": yesterday's report, not the wish
        if key in (cues.intention if plain_or_desertion else cues.future):
            if _hotline(keys, k):
                continue  # "сдались по «Хочу жить»": the surrender line's name, no wish of the speaker
            return Rejection(Reason.INTENTION_BEFORE, before[k].text)
    possible = possibility(ctx, match, span_first) if plain_or_desertion else None
    if possible is not None:
        return possible
    after = ctx.after(match.last, 3)
    # "двухсотых вывезти не можем": a can't or must after a code noun is about handling people who exist
    after_cues = cues.intention if plain_or_desertion else cues.intention_not_handling
    for k, tok in enumerate(after):
        if not plain_or_desertion and tok.key in cues.modifiers:
            break  # "трёхсотый один тяжёлый, пусть ...": the severity closes the phrase; what follows is a new clause
        if tok.key in after_cues:
            if _hedge_at(ctx, match.last + k):
                break  # "человек сорок, если не больше": a hedge on the count, not a condition
            if farewell(ctx, match.last + k):
                break  # "... пятеро погибли ладно давай мам": the goodbye of unpunctuated speech, no plan
            follows = toks[match.last + k + 1].key if match.last + k + 1 < len(toks) else ""
            if k and _hotline([follows, tok.key, after[k - 1].key], 1):
                break  # "сдались хохлам по хочу жить"
            if k and after[k - 1].key in cues.negation:
                return Rejection(Reason.DENIED_INTENTION, tok.text)
            return Rejection(Reason.INTENTION_AFTER, tok.text)
    if entry.kind == "code":
        threat = _future_after(ctx, match)
        if threat is not None:
            return threat
    alive_speaker = _speaker_dead(ctx, match, span_first, entry, count)
    if alive_speaker is not None:  # "я вбитий сьогодні, три доби без сну", "я вчера погиб, ничего не помню"
        return alive_speaker
    joke = _joke_owned(ctx, match)
    if joke is not None:  # "он у нас трёхсотый по жизни ... Шучу, целый он"
        return joke
    lie = _false_report(ctx, match, span_first) or _rumour_denied(ctx, match, span_first) or contradicted_hearsay(
        ctx, match, span_first, entry.category, count.value if count is not None else None)
    if lie:
        return lie
    following = toks[match.last : match.last + 8]
    stop = next((k for k in range(match.last, match.last + 8) if k in ctx.breaks), None)
    if stop is not None:
        following = toks[match.last : stop]
    for k, tok in enumerate(following):
        if tok.text in _PLAIN_ENDS:
            break
        if entry.category in ("killed", "missing", "captured") and tok.key in cues.contrast and any(
                t.key in cues.alive_after for t in following[k + 1 : k + 4]) and not _others_alive(
                ctx, match, following[k + 1 : k + 3]) and not alive_consistent(
                ctx, match, entry, count, following[k + 1 : k + 3]):
            return Rejection(Reason.CONTRADICTED_LATER, tok.text)
    if entry.category in ("killed", "missing", "captured"):
        return _alive_later(ctx, match, entry, count)
    return None


def _alive_later(ctx: Context, match: TermMatch, entry: LexiconEntry | None = None,
                 count: NumberExpr | None = None) -> Rejection | None:
    """A contrast later in the sentence that says the person is alive ("в плен взяли, а он вчера сам позвонил —
    живой-здоровый"), or a next sentence that opens by calling it a lie ("Брехня всё это была")."""
    toks, cues = ctx.toks, ctx.cues
    k, contrast, consistent = match.last, None, False
    while k < len(toks) and k - match.last < 16 and toks[k].text not in FIRM_ENDS and (
            k == match.last or k not in ctx.breaks):
        if toks[k].key in cues.contrast and contrast is None:
            contrast = toks[k]
            consistent = entry is not None and alive_consistent(ctx, match, entry, count, toks[k + 1 : k + 3])
        elif contrast is not None and _others_alive(ctx, match, [toks[k]]):
            return None
        elif contrast is not None and not consistent and toks[k].key in cues.alive_after:
            return Rejection(Reason.CONTRADICTED_LATER, contrast.text)
        if k > match.last and k in ctx.casualty_tokens:
            return None
        k += 1
    while k < len(toks) and toks[k].text in FIRM_ENDS and k not in ctx.breaks:
        k += 1
    opening = [t for t in toks[k : k + 3] if not t.is_punct]
    if k < len(toks) and k not in ctx.breaks and opening and opening[0].key in cues.lies:
        return Rejection(Reason.FALSE_REPORT, opening[0].text)
    return None


def _negated_verb(ctx: Context, match: TermMatch, before: list[Tok]) -> Rejection | None:
    """A negated verb of being or falling into the state right before the phrase, at most one word between ("не
    попал в плен", "не был тяжело ранен", "не потрапив у полон") or only words of whose and when
    (``denial_gap_words``: "не было у нас в этот раз трёхсотых"), or right after it ("в плен не сдался", "ранен не
    был"): the loss is denied (context_cues.yaml, negated_status_verbs)."""
    negation, verbs = ctx.cues.negation, cue_lists.keys("negated_status_verbs")
    gap = cue_lists.keys("denial_gap_words")  # "не было у нас трёхсотых": whose or when, between
    for k in range(min(len(before) - 1, 6)):
        if k > 1 and not all(tok.key in gap for tok in before[:k]):
            break  # one word of any kind may stand between ("не был тяжело ранен"), more only of whose and when
        if before[k].key in verbs and before[k + 1].key in negation and not any(
                tok.is_punct for tok in before[: k + 1]):
            return Rejection(Reason.NEGATED_VERB, f"{before[k + 1].text} {before[k].text}", where="before it")
    after = ctx.after(match.last, 2)
    if len(after) == 2 and after[0].key in negation and after[1].key in verbs:
        return Rejection(Reason.NEGATED_VERB, f"{after[0].text} {after[1].text}", where="after it")
    return None


def _amount_hedged(ctx: Context, span_first: int, keys: list[str]) -> bool:
    """Whether "чуть ли не" / "мало не" stands right before a word of quantity at the start of the mention ("чуть ли
    не вся рота в плену", "мало не весь взвод поклали"): the amount is hedged, nothing is negated."""
    if not keys or keys[0] not in ("не",) or span_first >= len(ctx.toks):
        return False
    hedge = tuple(reversed(keys[1:3])) in (("чуть", "ли"), ("чуть", "чи")) or keys[1:2] == ["мало"]
    return hedge and ctx.toks[span_first].key in cue_lists.keys("quantity_hedges")


def _others_alive(ctx: Context, match: TermMatch, words: list[Tok]) -> bool:
    """Whether the words after a contrast name the speaker's side while the mention is the enemy's: "кацапів двохсотих
    там штук п'ятнадцять, а наші всі живі" tells another group alive ("наш батальон весь двухсотый, а мы все
    живые" stays a contradiction of the same group)."""
    from overheard.annotate.rules.casualties.side import side_of

    own = cue_lists.keys("side_own")
    if not any(t.key in own and t.key not in _PERSONAL for t in words):
        return False
    return side_of(ctx, match).side == "enemy"


def _fiction(ctx: Context, first: int, last: int) -> Tok | None:
    """A film, series or book in the sentence of a mention ("груз 200 старий фільм"); a report verb between them
    ("пока фильм качали, нам сказали ...") makes the mention a report again."""
    cues = ctx.cues
    if cues.fiction_media.isdisjoint(ctx.key_set):
        return None  # no film or book named anywhere
    for tok in ctx.sentence_before(first, 14):
        if tok.key in cues.reported or tok.key in cues.report_verbs:
            break
        if tok.key in cues.fiction_media:
            return tok
    for tok in ctx.sentence_after(last, 10):
        if tok.key in cues.reported or tok.key in cues.report_verbs:
            break
        if tok.key in cues.fiction_media:
            return tok
    return None


def _denial(ctx: Context, match: TermMatch, span_first: int, before: list[Tok]) -> Rejection | None:
    """A denial before or after a mention without a number ("трёхсотых нет", "не было двухсотых"), or a question."""
    toks, cues = ctx.toks, ctx.cues
    keys = [tok.key for tok in before]
    if keys[:1] and keys[0] in cue_lists.keys("deny_determiners") and span_first == match.first:
        return Rejection(Reason.DENIAL, before[0].text, where="before it")  # "никаких двухсотых, все живы"
    for k, key in enumerate(keys[:3]):
        if key in cues.deny_before:
            if k and keys[k - 1] in cue_lists.keys("no_more"):
                continue  # "петра нема більше, загинув": "is no more" tells the death, it denies nothing
            if key in cues.deny_after and span_first - 2 - k in ctx.casualty_tokens:
                break  # "трехсотых нет двухсотые есть": the denial belongs to the word before
            if answer_no(ctx, match, before, k):
                continue  # "— Серёга живой? — нет двухсотый": the answer "no", then what he is (recall19)
            return Rejection(Reason.DENIAL, before[k].text, where="before it")
        if key in cues.negation and k + 1 < len(keys) and keys[k + 1] in cues.past_was:
            return Rejection(Reason.DENIAL, "не было")
    listed = _denied_with_next(ctx, match)
    if listed is not None:  # "двохсотих, трьохсотих нема": one denial for both words of the list
        return Rejection(Reason.DENIAL, listed.text, where="after it")
    after = ctx.after(match.last, 4)
    for k, tok in enumerate(after):
        if match.last + k in ctx.casualty_tokens:
            if (k == 1 and after[0].key in _AND) or k == 0:
                continue  # "трьохсотих і двохсотих нема", "двохсотих трьохсотих нема": one denial for both
            break  # "двухсотые есть трехсотых нет": the denial belongs to the next word
        if tok.key in cues.deny_after and not no_news(after, k):
            return Rejection(Reason.DENIAL, tok.text, where="after it")
        if tok.key in cues.negation and k + 1 < len(after) and after[k + 1].key in cues.past_was:
            return Rejection(Reason.DENIAL, "не было", where="after it")
    longer = ctx.after(match.last, 8)
    if len(longer) > len(after) and longer[-1].key in cues.deny_after and not any(
            match.last + k in ctx.casualty_tokens or ctx.by_first.get(match.last + k) for k in range(len(longer))) \
            and _clause_ends(ctx, match.last + len(longer)):
        # "трёхсотых у нас на этой неделе нет"
        return Rejection(Reason.DENIAL, longer[-1].text, where="at the end of its clause")
    unseen = _negated_sight(ctx, match)
    if unseen is not None:  # "трёхсотых с утра не привозили", "двухсотых не вижу", "поранених, тьфу-тьфу, не було"
        return unseen
    carried = tuple(t.key for t in after[:2]) in cues.denial_carried_phrases
    if after[:1] and (after[0].key in cues.denial_carried or carried) and not any(
            t.key in cues.affirm for t in after[1:]):
        earlier = ctx.sentence_before(span_first, 8)
        denied = next((t for t in earlier if t.key in cues.deny_after or t.key in cues.deny_before), None)
        if denied is not None:  # "трёхсотых нет, двухсотых тоже"
            return Rejection(Reason.DENIAL, f"{denied.text} ... {after[0].text}")
    if any(tok.key in cues.question for tok in before[:3]) and not _amount_hedged(ctx, span_first, keys):
        return Rejection(Reason.QUESTION)
    end = match.last + len(after)
    if end < len(toks) and toks[end].text.startswith("?") and not _tells_news(ctx, span_first):
        return Rejection(Reason.QUESTION)
    return None


def _speaker_dead(ctx: Context, match: TermMatch, span_first: int, entry: LexiconEntry,
                  count: NumberExpr | None) -> Rejection | None:
    """A death said of the one who speaks or of the one spoken to ("я вбитий сьогодні, три доби без сну", "я вчера
    погиб, ничего не помню", "ты двухсотый уже за этим столом", "меня в карты положили"): whoever is on the call is
    alive, so the word is a figure of speech, a game or a drill, no loss. The person is the nearest word before it in
    its clause that can be a subject or an object (``speaker_or_listener``), no other person, count or name between;
    "мы" is left alone (a group may have lost some)."""
    if entry.category != "killed":
        return None
    if count is not None and count.value not in (None, 1) and not any(
            t.key in _TIMES for t in ctx.toks[max(0, count.first - 1) : count.last + 1]):
        return None  # people counted ("меня и ещё двоих положили" has no count here); "раз двадцать" counts times
    persons = cue_lists.keys("speaker_or_listener")
    if persons.isdisjoint(ctx.key_set):
        return None
    word = ctx.toks[match.last - 1]
    near = ctx.before(span_first, 5)
    times = any(t.key in _TIMES for t in near)  # "меня раз двадцать убили": how often, no count of people
    for tok in near:
        if times and (tok.key in _TIMES or tok.key in number_tables().cardinal or tok.key[:1].isdigit()):
            continue
        if tok.key in persons:
            said_of = _predicate_of_one(word, ctx.lang) if tok.key in _I_YOU else entry.kind == "plain"
            if not said_of:
                return None  # "я двухсотых вывозил": the speaker does something to others
            return Rejection(Reason.IMAGINED, f"{tok.text} ... {ctx.toks[match.first].text}")
        if tok.is_punct or tok.key in ctx.cues.negation:
            return None
        found = tags(tok.key, ctx.lang) if tok.key[:1].isalpha() else ()
        if not found or pos(found[0]) in ("NOUN", "NPRO", "NUMR") or tok.key[:1].isdigit() or \
                tok.key in ctx.cues.people:
            return None  # "я видел, Петю убили": someone else first
    return None


def _predicate_of_one(word: Tok, lang: str) -> bool:
    """Whether a word can be said of one person as its predicate: a verb or a short participle in the singular, or a
    singular adjective or participle in the nominative or the instrumental ("я погиб", "я вбитий", "ти двохсотий",
    "был двухсотым"); not "двухсотого" (whom the speaker carries)."""
    found = tags(word.key, lang) if word.key[:1].isalpha() else ()
    if not found:
        return False
    g, p = grammemes(found[0]), pos(found[0])
    if "plur" in g:
        return False
    return p in ("VERB", "PRTS", "ADJS") or bool({"nomn", "ablt"} & g)


def _joke_owned(ctx: Context, match: TermMatch) -> Rejection | None:
    """The speaker owning up to a joke (``joke_owned``: "шучу", "жартую", "прикалываюсь") later in the sentence of a
    casualty word or in the next one, no other casualty word between and no negation or "без" right before it ("Да он
    у нас трёхсотый по жизни ... Шучу, целый он", "Я сам себе пятисотый. Ладно, жартую"): the word was the joke. "Не
    шучу" and "без шуток" say the opposite. Laughter counts only right after the word (``joke_laughter``)."""
    jokes, laughter = cue_lists.keys("joke_owned"), cue_lists.keys("joke_laughter")
    if jokes.isdisjoint(ctx.key_set) and laughter.isdisjoint(ctx.key_set):
        return None
    words = [t for t in ctx.sentence_after(match.last, 10) if not t.is_punct][:6]
    for tok in words:
        if tok.key in ctx.cues.contrast:
            break
        if tok.key in laughter:
            return Rejection(Reason.IMAGINED, tok.text)  # "лежить, бідний, двохсотий, ха-ха"
    toks, k, sentences = ctx.toks, match.last, 0
    while k < len(toks) and sentences < 2 and k - match.last < 30:
        tok = toks[k]
        if k in ctx.casualty_tokens:
            return None
        if tok.text in SENTENCE_ENDS:
            sentences += 1
        elif tok.key in jokes and not (k and toks[k - 1].key in ctx.cues.negation | {"без"}):
            return Rejection(Reason.IMAGINED, tok.text)
        k += 1
    return None


def _negated_sight(ctx: Context, match: TermMatch) -> Rejection | None:
    """A negated verb of being, seeing or bringing in (``denial_sight_verbs``) after an uncounted plural casualty word
    in its sentence, only words of whose, when and luck between ("трёхсотых с утра не привозили", "двухсотых не
    вижу", "поранених, тьфу-тьфу, не було"): the genitive of negation, none of them. A negated verb of handling
    ("двухсотых не можем вывезти", "трёхсотого не довезли") is not in the list: the men exist."""
    if number_of(ctx.toks[match.last - 1], ctx.lang) != "plur":
        return None
    verbs, gap = cue_lists.keys("denial_sight_verbs"), cue_lists.keys("denial_gap_words", "sight_gap_words")
    later = ctx.sentence_after(match.last, 8)
    for k, tok in enumerate(later):
        if match.last + k in ctx.casualty_tokens or match.last + k in ctx.by_first or (
                k and match.last + k in ctx.breaks):
            return None
        if tok.key in ctx.cues.negation and k + 1 < len(later) and later[k + 1].key in verbs:
            return Rejection(Reason.DENIAL, f"{tok.text} {later[k + 1].text}", where="after it")
        if not tok.is_punct and tok.key not in gap:
            return None
    return None


def _denied_with_next(ctx: Context, match: TermMatch) -> Tok | None:
    """The denial word right after the next casualty word when a comma alone joins the two ("двухсотых, трёхсотых
    нет", "трьохсотих, двохсотих нема", "не было"): both are denied; "двухсотые есть, трёхсотых нет" and
    "двухсотых двое, трёхсотых нет" say something of the first."""
    toks = ctx.toks
    k = match.last
    if k + 1 >= len(toks) or toks[k].text != "," or k + 1 not in ctx.casualty_tokens:
        return None
    j = k + 1
    while j in ctx.casualty_tokens:
        j += 1
    if j < len(toks) and toks[j].key in ctx.cues.deny_after and toks[j].key != "ні":
        return toks[j]
    if j + 1 < len(toks) and toks[j].key in ctx.cues.negation and toks[j + 1].key in ctx.cues.past_was:
        return toks[j]  # "двухсотых, трёхсотых не было"
    return None


def _tells_news(ctx: Context, span_first: int) -> bool:
    """Whether a question only wraps news in "do you know that": "ты в курсе, что Лысый в СЗЧ ушёл?", "чула, що
    Петька загинув?" (a verb of knowing or hearing, then "что"/"що" before the casualty word)."""
    said = ctx.sentence_before(span_first, 12)
    that = cue_lists.keys("news_question_that")
    for k, tok in enumerate(said):
        if tok.key in that and any(t.key in ctx.cues.news_questions for t in said[k + 1 : k + 4]):
            return True
    return False


def _false_report(ctx: Context, match: TermMatch, span_first: int) -> Rejection | None:
    """A figure the speaker calls false: "пишут двое двухсотых, брехня это", "официально ..., а на самом деле"."""
    cues = ctx.cues
    called = _called_false_before(ctx, span_first)
    if called is not None:
        return called
    if cues.lies.isdisjoint(ctx.key_set) and cues.reported.isdisjoint(ctx.key_set):
        return None  # no word of a lie and none of hearsay anywhere: nothing below can reject
    after: list[Tok] = []
    k = match.last
    while k < len(ctx.toks) and len(after) < 10 and k not in ctx.breaks and ctx.toks[k].text not in FIRM_ENDS:
        after.append(ctx.toks[k])
        k += 1
    for i, tok in enumerate(after):
        if tok.key in cues.lies and not (i and after[i - 1].key in cues.negation):
            return Rejection(Reason.FALSE_REPORT, tok.text)
    said = ctx.sentence_before(span_first, 12)  # nearest first
    claimed = cue_lists.keys("claimed_false_before")
    for i, tok in enumerate(said):
        if tok.key in claimed and any(t.key in _THAT for t in said[:i]) and not (
                i + 1 < len(said) and said[i + 1].key in cues.negation):
            return Rejection(Reason.FALSE_REPORT, tok.text)  # "кацапи брешуть, що в нас сорок полонених"
    reported = any(tok.key in cues.reported for tok in ctx.sentence_before(span_first, 8))
    keys = [tok.key for tok in after]
    if reported and any(keys[i : i + len(phrase)] == list(phrase) for phrase in cues.in_fact for i in range(len(keys))):
        return Rejection(Reason.CONTRADICTED)
    if reported:  # "говорят, у нас сто двухсотых — нет такого, никто не погиб": hearsay the speaker denies
        phrases = cue_lists.phrases("hearsay_denied")
        heads = {phrase[0] for phrase in phrases}
        for i, key in enumerate(keys):
            if key not in heads:
                continue
            denied = next((phrase for phrase in phrases if tuple(keys[i : i + len(phrase)]) == phrase), None)
            if denied is not None:
                return Rejection(Reason.FALSE_REPORT, " ".join(denied))
    return None


def _guess_after(ctx: Context, match: TermMatch, count: NumberExpr | None) -> Rejection | None:
    """A guess word that ends the sentence right after a mention of no number or of one ("он в плену, возможно.",
    "ще один повзе, трьохсотий мабуть", "Сашка ранило, наверное, не знаю точно"): a guess, no report. Where more
    follows the guess hedges that ("Вася в плену, может, обменяют"); where the mention has a number ("человек пять,
    наверное") or one follows ("трёхсотых, наверное, пятеро") the guess is about the count, which stays approximate."""
    if count is not None and count.value not in (None, 1):
        return None
    after = [tok for tok in ctx.sentence_after(match.last, 6) if not tok.is_punct]
    if not after or after[0].key not in ctx.cues.guess or after[0].key == "здається":
        return None  # "вийшов кацап, руки вгору, здається": he surrenders, not "it seems"
    rest = [tok.key for tok in after[1:]]
    if rest and rest[:2] not in _UNSURE_AFTER and rest[:3] not in _UNSURE_AFTER:
        return None
    return Rejection(Reason.GUESS, after[0].text)


_UNSURE_AFTER = (["не", "знаю"], ["не", "знаю", "точно"], ["точно", "не", "знаю"], ["хз"])


def _called_false_before(ctx: Context, span_first: int) -> Rejection | None:
    """A claim the speaker calls false before saying it: a word of a lie, or "не правда"/"не вірте", right before
    "что"/"що" that opens the claim ("це все брехня, що у нас сорок двохсотих", "то не правда, що в нас двадцять
    двохсотих", "не вірте, що тата взяли в полон"); not a negated lie ("это не брехня, что"), nor "что" opening what
    others say ("не верь тому, что пишут, у нас двое")."""
    called, negated = cue_lists.keys("called_false_before"), cue_lists.keys("called_false_when_negated")
    if called.isdisjoint(ctx.key_set) and negated.isdisjoint(ctx.key_set):
        return None
    words = [tok for tok in ctx.sentence_before(span_first, 12) if not tok.is_punct]  # nearest first
    pronouns = cue_lists.keys("called_false_pronouns")
    for i, tok in enumerate(words[1:], 1):
        that = i - 1
        if words[that].key in pronouns and that >= 1 and tok.key in called:
            that -= 1  # "брехня це, що в нас десять двохсотих": a pronoun between the lie and "що"
        if words[that].key not in _THAT or (that >= 1 and words[that - 1].key in ctx.cues.reported):
            continue
        before = words[i + 1].key if i + 1 < len(words) else ""
        if tok.key in called and before not in ctx.cues.negation or tok.key in negated and before in ctx.cues.negation:
            return Rejection(Reason.CALLED_FALSE, tok.text if tok.key in called else f"{words[i + 1].text} {tok.text}")
    return None


def _future_after(ctx: Context, match: TermMatch) -> Rejection | None:
    """A code word as the predicate of a future copula or a verb of making right after it: a threat or a
    prediction ("вы у меня все двухсотые будете", "сам его двухсотым сделаю"), not a report; "будут вывозить"
    (the copula of an infinitive) is handling people who exist."""
    after = ctx.after(match.last, 3)
    future = cue_lists.keys("future_after")
    for k, tok in enumerate(after[:2]):
        if tok.key not in future:
            continue
        nxt = after[k + 1] if k + 1 < len(after) else None
        found = tags(nxt.key, ctx.lang)[:1] if nxt is not None and nxt.key[:1].isalpha() else ()
        if found and pos(found[0]) in ("INFN", "PRTS", "PRTF"):
            return None  # "трёхсотых будут вывозить ночью": people who exist, handled later
        return Rejection(Reason.INTENTION_AFTER, tok.text)
    return None


def _rumour_denied(ctx: Context, match: TermMatch, span_first: int) -> Rejection | None:
    """A question or hearsay the next turn calls a lie: "правда, что у вас двое погибли? Соседка сказала. — Ні,
    мам, то брехня", "по телику сказали, вы тысячу укропов положили. — Мам, не верь, брехня это"."""
    toks, cues = ctx.toks, ctx.cues
    if cues.lies.isdisjoint(ctx.key_set):
        return None  # only a word of a lie rejects below
    k = match.last
    while k < len(toks) and toks[k].text not in ("?", ".", "!", "…") and k not in ctx.breaks:
        if k > match.last and k in ctx.casualty_tokens:
            return None
        k += 1
    asked = k < len(toks) and toks[k].text == "?"
    if not (asked or any(tok.key in cues.reported for tok in ctx.sentence_before(span_first, 12))):
        return None
    words: list[Tok] = []
    sentences = 0
    while k < len(toks) and sentences < 3 and len(words) < 12:
        if k in ctx.casualty_tokens:
            return None
        if toks[k].text in ("?", ".", "!", "…"):
            sentences += 1 if words else 0
        elif not toks[k].is_punct:
            words.append(toks[k])
            if toks[k].key in cues.lies and not (len(words) > 1 and words[-2].key in cues.negation):
                return Rejection(Reason.FALSE_REPORT, toks[k].text)
        k += 1
    return None


def _clause_ends(ctx: Context, index: int) -> bool:
    """Whether the clause ends at token ``index`` (punctuation, a line break or the end of the text)."""
    return index >= len(ctx.toks) or index in ctx.breaks or ctx.toks[index].is_punct


def _hedge_at(ctx: Context, index: int) -> bool:
    """Whether a count hedge ("если не больше", "якщо не більше") starts at token ``index``."""
    keys = [tok.key for tok in ctx.toks[index : index + 4]]
    return any(tuple(keys[: len(phrase)]) == phrase for phrase in cue_lists.phrases("count_hedges"))


def _desertion_denied(ctx: Context, match: TermMatch, span_first: int, before: list[Tok],
                      count: NumberExpr | None = None) -> Rejection | None:
    """A desertion the clause negates: a negated verb of going off beside it ("я в сзч не пойду", "не вздумай в СОЧ
    уходить", "не йди в сзч") or a negated state ("я не в СОЧ, я в Ростове"). "Ушёл в СОЧ и не вернулся" is no
    denial: only the verbs of context_cues.yaml desertion_going count."""
    negation = ctx.cues.negation
    if len(before) > 1 and before[0].key in _IN and before[1].key in negation:
        return Rejection(Reason.NEGATED)  # "я не в СОЧ"
    going = cue_lists.keys("desertion_going")
    clause = [*reversed(before), *ctx.after(match.last, 3)]
    for tok, nxt in zip(clause, clause[1:], strict=False):
        if tok.key in negation and nxt.key in going:
            return Rejection(Reason.DENIED_INTENTION, nxt.text)
    return _going_denied_later(ctx, match) if count is None else None  # "Двое в СОЧ, не пойду я за ними": told


def _going_denied_later(ctx: Context, match: TermMatch) -> Rejection | None:
    """A negated verb of going off later in the sentence of a verbless desertion phrase, past an aside and a verb of
    saying ("В СЗЧ, як деякі, не побіжу", "В СОЧ, говорит, бегать не буду"): the first verb after the phrase
    decides; another verb first ("в СОЧ ушёл, я не пойду") tells the desertion and leaves it."""
    negation, going = ctx.cues.negation, cue_lists.keys("desertion_going")
    if any(not t.is_punct and t.key not in _SPEAKER_LEAD for t in ctx.before(match.first, 4)):
        return None  # "Петька в СОЧ, не пойду я за ним": someone else's desertion, told
    said = cue_lists.union(ctx.cues.reported, cue_lists.keys("hearsay_words"))
    later = ctx.sentence_after(match.last, 8)
    for i, tok in enumerate(later):
        k = match.last + i
        if k in ctx.casualty_tokens or (i and k in ctx.breaks):
            return None
        if tok.key in going:
            prev = later[i - 1].key if i else ""
            nxt = [t.key for t in later[i + 1 : i + 3]]
            if prev in negation or (nxt[:1] and nxt[0] in negation and nxt[1:] and nxt[1] in _WILL):
                return Rejection(Reason.DENIED_INTENTION, tok.text)
            return None
        found = tags(tok.key, ctx.lang)[:1] if tok.key[:1].isalpha() else ()
        if found and pos(found[0]) in ("VERB", "INFN") and tok.key not in said:
            return None
    return None


_TIMES = frozenset({"раз", "раза", "рази", "разів"})
_I_YOU = frozenset({"я", "ты", "ти"})  # the subject: the word is said of him ("я погиб", "ти двохсотий")
_WILL = frozenset({"буду", "будем", "будемо", "стану", "станем", "станемо"})
_SPEAKER_LEAD = frozenset({"в", "у", "во", "я", "мы", "ми", "ну", "да", "та", "и", "і", "а", "же", "ж", "так", "то"})


def _answered_no(ctx: Context, match: TermMatch, count: NumberExpr | None) -> Rejection | None:
    """The sentence after a mention denies it: an answer "нет"/"ні" to a question that holds it ("Четверо
    п'ятисотих? — Ні, Галю, в нас таких нема"), or "таких нема", "их нет", "жодного нема" at its start ("где двухсотые
    по журналу. А их нет"). A denial of something else later in that sentence ("Нет, сейчас никого") is no answer
    unless it opens with such a word."""
    toks = ctx.toks
    k = match.last
    while k < len(toks) and toks[k].text not in SENTENCE_ENDS:
        if k in ctx.breaks and k > match.last:
            break
        if k > match.last and k in ctx.casualty_tokens:
            return None  # another casualty word in the sentence: the next one is about it
        k += 1
    asked = k < len(toks) and toks[k].text.startswith("?")
    while k < len(toks) and (toks[k].is_punct or toks[k].text in SENTENCE_ENDS):
        k += 1
    places = [i for i in range(k, min(len(toks), k + 10)) if not toks[i].is_punct][:6]
    if not places or k in ctx.breaks and not asked or any(i in ctx.casualty_tokens for i in places):
        return None
    words = [toks[i] for i in places]
    keys = [t.key for t in words]
    deny = ctx.cues.deny_after
    heads = cue_lists.keys("answered_no_heads")
    if asked and keys[0] in ("нет", "ні", "ни"):
        return Rejection(Reason.DENIAL, words[0].text, where="in the answer")
    if not asked and count is not None:
        return None  # "у нас трое двухсотых. Их нет уже": a count told is a report; the next sentence mourns them
    for i, key in enumerate(keys[:-1]):
        if (key in heads and keys[i + 1] in deny) or (key in deny and keys[i + 1] in heads):
            if any(t.key in _NO_MORE for t in words[i + 2 : i + 3]):
                return None  # "их нет больше": they are dead, nothing is denied
            return Rejection(Reason.DENIAL, f"{words[i].text} {words[i + 1].text}", where="in the next sentence")
    return None


_HOTLINE_LEAD = frozenset({"по", "через", "на", "в", "у", "этот", "этому", "цей", "цю", "проект", "проєкт", "линию",
                           "лінію"})


def _hotline(keys: list[str], k: int) -> bool:
    """Whether "хочу" at ``keys[k]`` (nearest first) is the name of the surrender line "Хочу жить" / "Хочу жити" after
    a preposition ("сдались по хочу жить", "вийшов через «Хочу жити»"), not a wish."""
    if keys[k] != "хочу" or k == 0 or keys[k - 1] not in ("жить", "жити"):
        return False
    return k + 1 < len(keys) and keys[k + 1] in _HOTLINE_LEAD
