"""Checks of the match itself: a digit, ordinal or number-word code that is not a code here, a verb coined from a
code that is a threat, a plain casualty word that does not report a loss (a verb of intention, a thing
described, civilians, a hospital, "положили" with nobody laid)."""

from __future__ import annotations

from collections.abc import Sequence

from overheard.annotate import cues as cue_lists
from overheard.annotate.lexicon import LexiconEntry
from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.mentions import RejectedReading
from overheard.annotate.rules.casualties.prisoners import PRISONER, prisoner_check
from overheard.annotate.rules.casualties.reasons import NounReading, Reason, Rejection
from overheard.annotate.rules.casualties.things import animal_said_of, killed_object, thing_captor, thing_subject
from overheard.annotate.rules.casualties.wording import (
    call_sign,
    ending_disagrees,
    goodbye,
    habit_after,
    leaving_check,
    one_person_laid,
    outright_check,
    past_either,
    plural_past,
    time_adverb,
)
from overheard.annotate.rules.casualties.words import (
    DIGIT_CODE,
    agrees,
    grammemes,
    is_animate,
    is_noun,
    is_past_verb,
    known,
    number_of,
    pos,
    tags,
    verb_mood,
)
from overheard.annotate.rules.counts import NumberExpr, number_tables
from overheard.annotate.rules.terms import TermMatch
from overheard.annotate.rules.tokens import FIRM_ENDS, Tok
from overheard.text import fold

_BEFORE_DIGITS = (NounReading.DISTANCE, NounReading.MONEY, NounReading.AMMUNITION, NounReading.TIME)
_OBLIQUE = frozenset({"gent", "datv", "ablt", "loct", "gen2", "loc2"})
_NAME_STOPS = FIRM_ENDS | {"—", ":", "«"}  # a capital after these opens a sentence or a quotation
_ALL_BUT_PEOPLE = tuple(reading for reading in NounReading if reading is not NounReading.PEOPLE)


def code_number_check(ctx: Context, match: TermMatch, text: str) -> Rejection | None:
    """Why a digit or ordinal code word is not a code here (None: it is a code); ``text`` is what the tokens were
    made from."""
    toks, lang, cues = ctx.toks, ctx.lang, ctx.cues
    if match.last - match.first > 1:  # "груз 200", "тяжёлый трёхсотый": unambiguous phrases
        nxt = _next_word(toks, match.last)  # unless a measure follows: "груз двести килограмм", "вантаж 200 кг"
        if nxt is not None and (nxt.key in cues.measure_signs or cues.reads_as(nxt.key, NounReading.DISTANCE) or
                                nxt.key in cue_lists.keys("weight_units")):
            return Rejection(Reason.MEASURE, f"{toks[match.last - 1].text} {nxt.text}")
        return None
    tok = toks[match.first]
    prev = toks[match.first - 1] if match.first > 0 else None
    nxt = _next_word(toks, match.last)
    if prev is not None and prev.key in cues.cargo:
        return None
    if tok.text.isupper() and tok.key.isalpha() and len(tok.key) > 2:
        return None  # "СОЧ ночью", "СЗЧ в марте": an abbreviation is no number a noun could measure
    if all(entry.category == "deserted" for entry in match.entries if entry.is_casualty):
        return None  # "ушёл в соч ночью": lower-case speech-to-text, the same abbreviation (recall19)
    money = _money(ctx, match)
    if money is not None:
        return money
    if tok.key in number_tables().cardinal:  # "пятеро двести": the lexicon asked for a count right before it
        if nxt is not None and cues.reads_as(nxt.key, *_ALL_BUT_PEOPLE):
            return Rejection(Reason.NOUN_READING, f"{tok.text} {nxt.text}", cues.reading_of(nxt.key))
        if nxt is not None and (nxt.key[:1].isdigit() or nxt.key in number_tables().cardinal):
            return Rejection(Reason.LARGER_NUMBER, f"{tok.text} {nxt.text}")  # "двести один": a number
        if prev is not None and prev.key in cue_lists.keys("one_before_code") and (
                any(t.key in cue_lists.union(cues.vehicle_prepositions, cue_lists.keys("price_prepositions"))
                    for t in ctx.after(match.last, 2))
                or (match.first > 1 and toks[match.first - 2].key[:1].isdigit())):
            return Rejection(Reason.NOUN_READING, f"{prev.text} {tok.text}", NounReading.MONEY)  # "одна двести за"
        return None
    if prev is not None and cues.reads_as(prev.key, NounReading.VEHICLE):
        return Rejection(Reason.NOUN_READING, f"{prev.text} {tok.text}", NounReading.VEHICLE)  # "мерс пятисотый"
    if DIGIT_CODE.match(tok.key):
        joint = text[prev.end : tok.start] if prev is not None else " "
        if prev is not None and prev.key[:1].isalpha() and joint in ("", "-", "‑"):
            # "Л200", "Т-300", "КамАЗ-500": a model's name ("груз-200" is cargo, read above)
            return Rejection(Reason.UNIT_NUMBER, f"{prev.text}{joint}{tok.text}")
        if prev is not None and prev.key in cues.range_prepositions and tok.key.isdigit():
            return Rejection(Reason.QUANTITY, f"{prev.text} {tok.text}")
        if prev is not None and (prev.key in cues.before_unit or cues.reads_as(prev.key, NounReading.UNIT)):
            return Rejection(Reason.UNIT_NUMBER, f"{prev.text} {tok.text}")
        access = next((t for t in ctx.before(match.first, 3) if t.key in cues.access_codes), None)
        if access is not None:  # "код от подъезда 300", "пароль від вайфаю 500"
            return Rejection(Reason.UNIT_NUMBER, f"{access.text} ... {tok.text}")
        if prev is not None and tok.key.isdigit() and cues.reads_as(prev.key, *_BEFORE_DIGITS):
            return Rejection(Reason.NOUN_READING, f"{prev.text} {tok.text}", cues.reading_of(prev.key))
        if nxt is not None and nxt.start == tok.end + 1 and nxt.key.isdigit() and len(nxt.key) == 3:
            return Rejection(Reason.LARGER_NUMBER, f"{tok.text} {nxt.text}")
        if tok.key.isdigit() and prev is not None and nxt is not None and prev.key.isdigit() and nxt.key.isdigit() \
                and prev.end + 1 >= tok.start and nxt.start <= tok.end + 1:
            return Rejection(Reason.LARGER_NUMBER, f"{prev.text} {tok.text} {nxt.text}")  # "8 915 200 30 47": a phone
        if tok.key.endswith("~") and tok.text.endswith(("й", "Й")) and any(
                cues.reads_as(t.key, NounReading.VEHICLE) for t in ctx.sentence_before(match.first, 12)):
            return Rejection(Reason.NOUN_READING, f"... {tok.text}", NounReading.VEHICLE)  # "автобус ..., 200-й"
        if nxt is not None and nxt.key[:1].isdigit() is False and cues.reads_as(nxt.key, NounReading.MONEY):
            return Rejection(Reason.NOUN_READING, f"{tok.text} {nxt.text}", NounReading.MONEY)
        if nxt is not None and nxt.key in cues.measure_signs:
            return Rejection(Reason.MEASURE, f"{tok.text} {nxt.text}")
        if nxt is not None and call_sign(nxt):
            return None  # "малой 300-й гром тащит его": a call sign opens the next clause (recall19)
        if nxt is not None and ending_disagrees(tok, nxt, lang):
            return None  # "у нас 2 200-х матери не говори", "с 200-ми беда": no ordinal of that noun (recall19)
        if nxt is not None and is_noun(nxt, lang) and nxt.key not in cues.people or (
            nxt is not None and tok.key.isdigit() and cues.reads_as(nxt.key, NounReading.PEOPLE)
        ):
            return Rejection(Reason.NOUN_READING, f"{tok.text} {nxt.text}", cues.reading_of(nxt.key))
        return None
    if prev is not None and prev.key in cues.vehicle_prepositions and number_of(tok, ctx.lang) == "sing" and any(
            cues.reads_as(t.key, NounReading.VEHICLE) for t in ctx.sentence_before(match.first, 12)):
        # "на двухсотый автобус ... а там на трёхсотый": the second route ("на трёхсотых" are people)
        return Rejection(Reason.NOUN_READING, f"{prev.text} {tok.text}", NounReading.VEHICLE)
    car = _vehicle_beside(ctx, match)
    if car is not None:  # "у кума крузак двохсотий", "мерс купив, п'ятисотий", "пятисотый у нас только мерс"
        return Rejection(Reason.NOUN_READING, f"{car.text} ... {tok.text}", NounReading.VEHICLE)
    thing = _materiel_beside(ctx, match)
    if thing is not None:  # "танк двухсотый", "птичка трёхсотая, винт посекло", "гаубиця трьохсота": a thing destroyed
        return Rejection(Reason.THING, f"{thing.text} ... {tok.text}")
    known_reading = nxt is not None and cues.reads_as(nxt.key, *_ALL_BUT_PEOPLE)
    if known_reading and time_adverb(nxt) and not agrees(tok.key, nxt.key, lang) and not habit_after(ctx, match):
        known_reading = False  # "двухсотого ночью вывезли": when it happened, not a night the ordinal counts (recall19)
    if match.last in ctx.by_first and not known_reading:
        return None  # "пятисотых полроты": a count follows, not a noun
    if nxt is not None and not known_reading and call_sign(nxt):
        return None  # "шаман двухсотый гром тащит его": a call sign opens the next clause (recall19)
    if nxt is not None and nxt.key not in cues.people and nxt.key not in cues.modifiers and not _named(ctx, nxt) and (
            known_reading or agrees(tok.key, nxt.key, lang)):  # "трёхсотых лёгкие": severity after the code
        if not any(m.first == match.last for m in ctx.matches):
            return Rejection(Reason.NOUN_READING, f"{tok.text} {nxt.text}", cues.reading_of(nxt.key))
    return None


def station_called(ctx: Context, match: TermMatch) -> Rejection | None:
    """A singular ordinal code word that opens its sentence or turn as the station called or answering on the radio:
    right after it (a comma or a dash between) a word of radio procedure (``radio_station_calls``: "ответь", "приём",
    "как слышишь", "на связи", "на зв'язку") or "я" and a capitalised call sign ("Пятисотый, я Гром, приём",
    "Двісті перший — на зв'язку. П'ятисотий — на зв'язку"): a call sign that is a number, no loss. "У нас двухсотый,
    приём" (not opening) and "Двухсотый у нас" (no call word right after) stay."""
    if match.last - match.first != 1 or not _opens(ctx, match.first):
        return None
    tok = ctx.toks[match.first]
    if number_of(tok, ctx.lang) != "sing" or not any("nomn" in grammemes(t) for t in tags(tok.key, ctx.lang)[:1]):
        return None
    k = match.last
    while k < len(ctx.toks) and ctx.toks[k].text in (",", "—", "–", "-") and k - match.last < 2:
        k += 1
    if k >= len(ctx.toks) or k == match.last and ctx.toks[k].key not in ("на", "в", "у"):
        return None  # "Двухсотый на связи" may go without a comma; other words need one
    keys = [t.key for t in ctx.toks[k : k + 3]]
    if any(tuple(keys[: len(p)]) == p for p in cue_lists.phrases("radio_station_calls")):
        return Rejection(Reason.NICKNAME, f"{tok.text} ... {ctx.toks[k].text}")
    if keys[:1] == ["я"] and k + 1 < len(ctx.toks) and ctx.toks[k + 1].text[:1].isupper():
        return Rejection(Reason.NICKNAME, f"{tok.text}, я {ctx.toks[k + 1].text}")
    return None


def _opens(ctx: Context, k: int) -> bool:
    """Whether token ``k`` opens its sentence, line or turn."""
    return k == 0 or k in ctx.breaks or ctx.toks[k - 1].text in FIRM_ENDS or ctx.toks[k - 1].text in ("—", "–", ":")


def _vehicle_beside(ctx: Context, match: TermMatch) -> Tok | None:
    """A car or a route named within four words of a singular ordinal code in its sentence, neither of them after a
    preposition and no person between ("у кума крузак двохсотий", "мерс купив, п'ятисотий", "пятисотый у нас только
    мерс у комбата"): the ordinal is the model; "трёхсотый в машине" (a man in a car) and "двухсотых в машину" stay."""
    toks, lang, cues = ctx.toks, ctx.lang, ctx.cues
    tok = toks[match.first]
    if number_of(tok, lang) != "sing" or _governed(ctx, match.first) or match.first - 1 in ctx.by_last:
        return None  # "у нас один трёхсотый ... машины нет": a man counted
    for k, car in _near_code(ctx, match):
        best = tags(car.key, lang)[:1]
        if not cues.reads_as(car.key, NounReading.VEHICLE) or (best and grammemes(best[0]) & _OBLIQUE):
            continue  # "машины нет", "в машине": no car the ordinal could name
        lo, hi = sorted((k, match.first))
        if _governed(ctx, k) or any(t.key in cues.people or is_animate(t, lang) for t in toks[lo + 1 : hi]):
            continue
        return car
    return None


_ECHO_REASONS = frozenset({Reason.NOUN_READING, Reason.UNIT_NUMBER, Reason.THING})
_ECHO_REACH = 20  # tokens back, across at most one sentence end, where the ordinal with its noun may stand


def echoed_ordinal(ctx: Context, match: TermMatch, rejected: Sequence[RejectedReading]) -> Rejection | None:
    """A bare ordinal code word that repeats, with its noun left out, an ordinal the rules read as no code a few words
    before ("трёхсотый день, как я из дома. Трёхсотый!", "бетон двухсотой марки, а надо трёхсотой", "на двохсоту
    маршрутку, а не на трьохсоту"): the same number of the same thing (``rejected``: the readings rejected so far). A
    count or a person beside it, a past verb in its clause, another ending, or more than one sentence end between,
    a word of a side in its clause keeps it ("двухсотый день пошёл. Вчера ещё один двухсотый", "Двухсотый день.
    Двухсотого вчера вывезли", "Двухсотый день. Вчера двухсотый у нас")."""
    toks, cues = ctx.toks, ctx.cues
    tok = toks[match.first]
    if match.last - match.first != 1 or not tok.key.isalpha() or tok.key in number_tables().cardinal:
        return None
    if match.first - 1 in ctx.by_last or match.last in ctx.by_first:
        return None  # "ещё один двухсотый", "двухсотых двое": men counted
    near = ctx.before(match.first, 3) + ctx.after(match.last, 3)  # in its clause: "Трёхсотый, Оль!" calls her
    if any(t.key in cues.people or t.key in cue_lists.keys("one_before_code") or is_animate(t, ctx.lang) for t in near):
        return None
    clause = ctx.before(match.first, 4) + ctx.after(match.last, 4)
    sides = cue_lists.keys("side_own", "side_enemy")
    if any(_past_verb(t, ctx.lang) or t.key in sides for t in clause):
        return None  # "Сегодня двухсотый день. Вчера двухсотый у нас был, вывезли": a man, and what befell him
    lo = max(0, match.first - _ECHO_REACH)
    ends = 0
    for k in range(match.first - 1, lo - 1, -1):
        if toks[k].text in FIRM_ENDS:
            ends += 1
            if ends > 1:
                return None
        earlier = next((r for r in rejected if r.start == toks[k].start and r.reason in _ECHO_REASONS
                        and toks[k].key[-2:] == tok.key[-2:]), None)
        if earlier is not None:
            return Rejection(earlier.reason, f"{toks[k].text} ... {tok.text}", earlier.rejection.reading)
    return None


def _past_verb(tok: Tok, lang: str) -> bool:
    """Whether a word's best reading is a past verb other than "был"/"був" ("было трёхсотой" is the grade's)."""
    found = tags(tok.key, lang)[:1] if tok.key[:1].isalpha() else ()
    return bool(found) and pos(found[0]) == "VERB" and "past" in grammemes(found[0]) and not tok.key.startswith(
        ("был", "був", "була", "було", "були"))


def _near_code(ctx: Context, match: TermMatch, size: int = 4) -> list[tuple[int, Tok]]:
    """(index, token) of the ``size`` tokens before a code and the ``size`` after it in its sentence, nearest first."""
    before = ctx.sentence_before(match.first, size)
    after = ctx.sentence_after(match.last, size)
    return [(match.first - 1 - p, t) for p, t in enumerate(before)] + [(match.last + p, t) for p, t in enumerate(after)]


def _materiel_beside(ctx: Context, match: TermMatch, others: bool = True) -> Tok | None:
    """A weapon, drone or military vehicle (``not_code_materiel``) within four words of a singular ordinal code in its
    sentence, in the nominative, agreeing with it in gender, neither after a preposition and no person or count between
    ("танк русні двохсотий", "птичка трёхсотая", "коробочка у меня двухсотая", "двухсотый мавик"): the ordinal says the
    thing is destroyed or damaged. "из танка вытащили двухсотого" (the genitive) and "птичка видела, там двухсотый"
    (another gender) stay. With ``others``, also "the other one" after such a thing (:func:`_another_of_them`)."""
    toks, lang = ctx.toks, ctx.lang
    tok = toks[match.first]
    if number_of(tok, lang) != "sing" or _governed(ctx, match.first) or match.first - 1 in ctx.by_last:
        return None
    genders = {g for t in tags(tok.key, lang)[:1] for g in grammemes(t) & _GENDERS}
    materiel = cue_lists.keys("not_code_materiel")
    for k, thing in _near_code(ctx, match):
        if thing.key not in materiel:
            continue
        found = tags(thing.key, lang) if known(thing.key, lang) else ()
        nominative = [grammemes(t) for t in found if pos(t) == "NOUN" and "nomn" in grammemes(t)] if found else [
            frozenset()]  # "фпв", "бмп", "бэха": slang the dictionary does not know, its guessed case says nothing
        if not nominative or (genders and all(g & _GENDERS and not g & _GENDERS & genders for g in nominative)):
            continue  # "птичка ... двухсотый": a man, not the drone
        lo, hi = sorted((k, match.first))
        if _governed(ctx, k) or any(not _aside(t, lang) or i in ctx.by_first
                                    for i, t in enumerate(toks[lo + 1 : hi], lo + 1)):
            continue
        return thing
    return _another_of_them(ctx, match, genders) if others else None


def _another_of_them(ctx: Context, match: TermMatch, genders: set[str]) -> Tok | None:
    """"Вторая двухсотая" after "Птичка трёхсотая": a word for "the other one" (``materiel_another``) in the three
    words before the code, of its gender, and an earlier code of the last 25 words that a thing of that gender took
    (the thing is returned)."""
    others = cue_lists.keys("materiel_another")
    if not any(t.key in others and (not genders or any(grammemes(g) & genders for g in tags(t.key, ctx.lang)))
               for t in ctx.sentence_before(match.first, 3)):
        return None
    for earlier in ctx.matches:
        if earlier.first >= match.first or earlier.first < match.first - 25 or earlier.last - earlier.first != 1 or \
                ctx.toks[earlier.first].key in others:
            continue
        if not any(e.is_casualty for e in earlier.entries) or DIGIT_CODE.match(ctx.toks[earlier.first].key):
            continue
        found = tags(ctx.toks[earlier.first].key, ctx.lang)[:1]
        if genders and not any(grammemes(g) & genders for g in found):
            continue
        thing = _materiel_beside(ctx, earlier, others=False)
        if thing is not None:
            return thing
    return None


def _aside(tok: Tok, lang: str) -> bool:
    """Whether a word between a thing and an ordinal code leaves the code the thing's: punctuation, a pronoun, a
    preposition, a particle, an adverb or a noun that cannot be a subject ("танк русні", "коробочка у меня", "гармата
    наша"); not a noun in the nominative ("танк подбили, мехвод двухсотый": the man is) nor a digit."""
    if not tok.key[:1].isalpha():
        return not tok.key[:1].isdigit()
    found = tags(tok.key, lang)
    if not found:
        return False
    if pos(found[0]) == "NOUN":
        return not any(pos(t) == "NOUN" and "nomn" in grammemes(t) for t in found) and not is_animate(tok, lang)
    return pos(found[0]) in ("NPRO", "PREP", "PRCL", "CONJ", "ADVB", "INTJ") or "Apro" in grammemes(found[0])


_GENDERS = frozenset({"masc", "femn", "neut"})


def _governed(ctx: Context, k: int) -> bool:
    """Whether a preposition stands right before token ``k``."""
    if k == 0 or not ctx.toks[k - 1].key[:1].isalpha():
        return False
    return any(pos(t) == "PREP" for t in tags(ctx.toks[k - 1].key, ctx.lang)[:1])


def _next_word(toks: list[Tok], index: int) -> Tok | None:
    """The token at ``index``, or the word right after it when it is an opening quotation mark: a name in quotes
    after an ordinal is still the noun it measures ("пятисотый «Мерседес»", "на п'ятисотому «мерсі»")."""
    if index >= len(toks):
        return None
    tok = toks[index]
    if index + 1 < len(toks) and (tok.text in ("«", "„") or (
            tok.text in ('"', "“") and toks[index + 1].start == tok.end and toks[index - 1].end < tok.start)):
        return toks[index + 1]
    return tok


def _died_wounded(ctx: Context, tok: Tok) -> bool:
    """Whether ``tok`` is a death among the wounded ("двоих не довезли, умерли в машине": plain.killed_died_wounded
    matched it), so no natural death."""
    return any(m.start == tok.start and any(e.id == "plain.killed_died_wounded" for e in m.entries)
               for m in ctx.matches)


def _named(ctx: Context, tok: Tok) -> bool:
    """Whether a word after a code word is the name of the man it describes ("один двохсотий семен з коломиї",
    "трёхсотый Саня"): a first name no other word shares, or one capitalised inside the sentence."""
    from overheard.names import name_lexicon

    names = name_lexicon()
    if not tok.key[:1].isalpha() or not names.lookup(tok.key):
        return False
    return not names.is_ambiguous(tok.key) or tok.text[:1].isupper()


def _money(ctx: Context, match: TermMatch) -> Rejection | None:
    """A bare number sent, paid or put on a card or a phone ("кинь 300 на карту", "положи двести на мобилу")."""
    toks, cues = ctx.toks, ctx.cues
    tok = toks[match.first]
    if not (tok.key.isdigit() or tok.key in number_tables().cardinal):
        return None
    verb = next((t for t in ctx.before(match.first, 2) if t.key in cues.money_verbs), None)
    if verb is not None:
        return Rejection(Reason.NOUN_READING, f"{verb.text} ... {tok.text}", NounReading.MONEY)
    before = ctx.before(match.first, 2)
    if len(before) == 2 and before[1].key in cues.vehicle_prepositions and before[0].key in cues.money_places:
        return Rejection(Reason.NOUN_READING, f"{before[1].text} {before[0].text} {tok.text}", NounReading.MONEY)
    after = ctx.after(match.last, 5)
    owed = next((t for t in after if t.key in cues.money_verbs), None)
    if owed is not None:  # "на телефон 300 закинь", "он мне 200 должен", "300 это я Айдыну должен"
        return Rejection(Reason.NOUN_READING, f"{tok.text} ... {owed.text}" if owed is not after[0] else
                         f"{tok.text} {owed.text}", NounReading.MONEY)
    if len(after) > 1 and after[1].key in ("на",) and _dative_person(after[0], ctx.lang):
        # "300 тебе на пиво, 500 маме на лекарства": a sum given to someone for something
        return Rejection(Reason.NOUN_READING, f"{tok.text} {after[0].text} {after[1].text}", NounReading.MONEY)
    for k, earlier in enumerate(ctx.sentence_before(match.first, 10)):
        amount = ctx.by_last.get(match.first - 1 - k)
        nxt = ctx.toks[match.first - k] if k else None
        if amount is not None and nxt is not None and nxt.key[:1].isalpha() and cues.reads_as(nxt.key,
                                                                                               NounReading.MONEY):
            # "скинула 500 гривень, і ще 300 від кума": the sum said before names what this number counts
            return Rejection(Reason.NOUN_READING, f"{earlier.text} {nxt.text} ... {tok.text}", NounReading.MONEY)
    for k, t in enumerate(after[:-1]):
        if t.key in cues.vehicle_prepositions and after[k + 1].key in cues.money_places:
            return Rejection(Reason.NOUN_READING, f"{tok.text} {t.text} {after[k + 1].text}", NounReading.MONEY)
    return None


def _dative_person(tok: Tok, lang: str) -> bool:
    """Whether a word is a person in the dative ("тебе", "маме", "Айдыну"): the one a sum is given to."""
    if not tok.key[:1].isalpha():
        return False
    best = tags(tok.key, lang)[:1]
    return bool(best) and "datv" in grammemes(best[0]) and (pos(best[0]) == "NPRO" or (
        pos(best[0]) == "NOUN" and "anim" in grammemes(best[0])))


def code_verb_check(ctx: Context, match: TermMatch, entry: LexiconEntry) -> Rejection | None:
    """A verb coined from a code reports a loss only in the past or as a participle ("затрёхсотило",
    "задвухсотили"); any other form is a threat ("задвухсотим", "позадвохсотять")."""
    tok = ctx.toks[match.first]
    prefix = max((fold(p) for p in entry.prefixes if tok.key.startswith(fold(p))), key=len, default=None)
    if prefix is None or match.last - match.first != 1:
        return None
    if ctx.cues.code_verb_reports.search(tok.key[len(prefix):]):
        return None
    return Rejection(Reason.THREAT, tok.text)


def rescued(ctx: Context, match: TermMatch) -> bool:
    """Whether a phrase of coming out of captivity ("из плена", "з полону") has a verb of getting people out beside
    it ("витягнемо з полону", "из плена вытаскивать"): a plan to free them says they are captured now."""
    toks = ctx.toks
    if not any(toks[k].key in ("из", "з", "із") for k in range(match.first, match.last)):
        return False
    rescue = cue_lists.keys("rescue_verbs")
    return any(t.key in rescue for t in ctx.before(match.first, 3) + ctx.after(match.last, 2))


_SINCE = frozenset({"с", "со", "з", "із", "от", "від"})


def past_war_check(ctx: Context, match: TermMatch) -> Rejection | None:
    """A loss in an earlier war: a war, its enemy or its year in the sentence ("дядько Степан в Афгані загинув",
    "отец против федералов воевал, сотни их там положили", "в сорок третьем под Курском двое братьев полегли"), or
    in the sentence before when this one points back to it with "тогда" ("как мы в Грозном в девяносто пятом
    стояли. Тогда сотнями двухсотые были")."""
    cues = ctx.cues
    if cues.past_wars.isdisjoint(ctx.key_set) and cue_lists.keys("past_war_decades").isdisjoint(ctx.key_set):
        return None  # no earlier war and no decade named anywhere: nothing below can reject
    before, after = ctx.sentence_before(match.first, 14), ctx.sentence_after(match.last, 8)
    contrast = cue_lists.keys("side_contrast")
    cut = next((i for i, t in enumerate(before) if t.key in contrast), None)
    if cut is not None:  # "дед в Афгане служил, а внука его вчера ранило": the contrast starts this war's clause
        before = before[:cut]
    window = before + after
    if any(t.key in cue_lists.keys("past_war_then") for t in before):
        k = match.first - len(before) - 1
        while k >= 0 and ctx.toks[k].is_punct and k + 1 not in ctx.breaks:
            k -= 1
        if k >= 0 and k + 1 not in ctx.breaks:
            window = window + ctx.sentence_before(k + 1, 24)
    earlier = next((t for t in window if t.key in cues.past_wars), None)
    if earlier is not None:
        return Rejection(Reason.PAST_WAR, earlier.text)
    decades = cue_lists.keys("past_war_decades")
    for tok in window:
        if tok.key not in decades:
            continue
        k = next(i for i, t in enumerate(ctx.toks) if t is tok)
        nxt = ctx.toks[k + 1] if k + 1 < len(ctx.toks) else None
        if tok.key.endswith(("ые", "ых", "ті", "тих", "ві", "вих")):
            return Rejection(Reason.PAST_WAR, tok.text)  # "в девяностые", "у сорокові"
        year = ctx.toks[k + 2].key if k + 2 < len(ctx.toks) else ""
        since = ctx.toks[k - 1].key if k > 0 else ""  # not a birth year: "вісімдесят дев'ятого року, двохсотий"
        if nxt is not None and nxt.key.endswith("ого") and year in ("года", "року") and since in _SINCE:
            # "ещё с девяносто восьмого года"
            return Rejection(Reason.PAST_WAR, f"{tok.text} {nxt.text} {ctx.toks[k + 2].text}")
        if nxt is None or not nxt.key.endswith(("ом", "ому", "ем", "єм")) or nxt.key in number_tables().cardinal:
            continue  # "сорок двухсотых": a count, not a year
        after_year = ctx.toks[k + 2] if k + 2 < len(ctx.toks) else None
        if after_year is not None and (after_year.key in cues.units or (
                is_noun(after_year, ctx.lang) and after_year.key not in ("году", "році", "годі")
                and after_year.key not in cues.count_place_prepositions)):
            continue  # "в девяносто пятом полку", "на сорок третьем километре": no year
        return Rejection(Reason.PAST_WAR, f"{tok.text} {nxt.text}")
    return None


def rate_check(ctx: Context, match: TermMatch, plain: bool = False) -> Rejection | None:
    """A code word after "за" with pay in its sentence is a rate paid for anyone killed or wounded, not a loss ("за
    ранение три миллиона, за двухсотого семье пять", "за трьохсотого виплата сто тисяч"); a ``plain`` word too, with
    no past verb in its clause ("за загиблого сім'ї виплачують", "за легке поранення — сто тисяч"; not "получил
    выплату за ранение")."""
    at = match.first - 1
    if at > 0 and ctx.toks[at].key != "за" and _adjective(ctx.toks[at], ctx.lang):
        at -= 1  # "за легке поранення — сто тисяч"
    if at < 0 or ctx.toks[at].key not in ("за",) or ctx.toks[match.first].key.endswith("ми"):
        return None  # "поехали за двухсотыми": to fetch them (the instrumental), no rate
    rate = cue_lists.keys("rate_words")
    window = ctx.sentence_before(at, 10) + ctx.sentence_after(match.last, 8)
    pay = next((t for t in window if t.key in rate), None)
    if pay is None:
        return None
    clause = ctx.before(at, 8) + ctx.after(match.last, 8)
    if plain and any(is_past_verb(t, ctx.lang) for t in clause if t.key[:1].isalpha()):
        return None  # "брат получил выплату за ранение": a wound that happened
    return Rejection(Reason.RATE, f"за {ctx.toks[match.first].text} ... {pay.text}")


def _adjective(tok: Tok, lang: str) -> bool:
    """Whether a word's best reading is a full adjective ("легке", "тяжёлое")."""
    found = tags(tok.key, lang)[:1] if tok.key[:1].isalpha() else ()
    return bool(found) and pos(found[0]) == "ADJF"


def laid_check(ctx: Context, match: TermMatch) -> Rejection | None:
    """"Положили" / "поклали" is a killing only of people: a count, people, soldiers, an enemy name or a unit in the
    clause, and no bed, stretcher or hospital after it ("положили в госпиталь")."""
    cues = ctx.cues
    after = ctx.after(match.last, 4)
    if any(t.key in cues.hospital or t.key in cues.laid_not_killed or t.key in cues.money_places for t in after):
        return Rejection(Reason.HOSPITAL if any(t.key in cues.hospital for t in after) else Reason.NO_PEOPLE,
                         ctx.toks[match.first].text)
    near = ctx.before(match.first, 5) + ctx.after(match.last, 6)
    counted = any(k in ctx.by_first for k in range(max(0, match.first - 5), match.last + 6))
    if counted or any(t.key in cues.laid_objects or t.key in cues.people for t in near):
        return None
    if plural_past(ctx, match) and one_person_laid(ctx, match) and not any(
            t.key in cues.hospital or t.key in cues.laid_not_killed or t.key in cues.civilians
            or t.key in cue_lists.keys("laid_one_civilian")
            for t in ctx.sentence_before(match.first, 8) + ctx.sentence_after(match.last, 6)):
        return None  # "Серёгу вчера положили", "Тараса застрелили", "поклали його": one person (recall19)
    return Rejection(Reason.NO_PEOPLE, ctx.toks[match.first].text)


def _speaker_laid(ctx: Context, match: TermMatch) -> Tok | None:
    """The speaker as the whole object of "положили" / "поклали" ("поклали нас сьогодні раніше", "положили меня на
    нижнюю полку"): the one who tells it was put somewhere, not killed; a part or all of "us" ("из нас троих
    положили", "нас там всех положили") is a loss."""
    me = cue_lists.keys("speaker_objects")
    near = [t for t in ctx.before(match.first, 1) + ctx.after(match.last, 1) if t.key in me]
    if not near:
        return None
    k = next(i for i, t in enumerate(ctx.toks) if t is near[0])
    if k > 0 and ctx.toks[k - 1].key[:1].isalpha() and any(pos(t) == "PREP" for t in tags(ctx.toks[k - 1].key,
                                                                                           ctx.lang)[:1]):
        return None  # "у нас положили троих"
    said = ctx.sentence_before(match.first, 10) + ctx.sentence_after(match.last, 10)
    whole = cue_lists.keys("count_vague_words", "distributive_words", "group_pronouns", "whole_group") | ctx.cues.units
    tables = number_tables()
    if any(t.key in whole or t.key in ctx.cues.people or t.key in tables.cardinal or t.key in tables.collective
           or t.key[:1].isdigit() for t in said):
        return None  # "поклали нас під Вугледаром, майже весь взвод", "положили нас ... человек тридцать"
    return near[0]


def radio_check(ctx: Context, match: TermMatch) -> Rejection | None:
    """Radio and soldier slang for the dead ("минус три", "двоих минусанули", "зачистили", "обидва лягли",
    "уничтожено до десяти военнослужащих", "лежат, не шевелятся") kills only people: a word for people, soldiers or
    the enemy in the clause, or a count of people (a collective or animate form: "трое", "двоих"); "минус" also
    needs a count right after it and no measure, money or time ("минус три градуса", "минус три тысячи")."""
    cues = ctx.cues
    tok = ctx.toks[match.first]
    if tok.key in ("минус", "мінус"):
        count = ctx.by_first.get(match.last)
        if count is None:
            return Rejection(Reason.NO_PEOPLE, tok.text)
        after = ctx.after(count.last, 2)
        if any(cues.reads_as(t.key, *_ALL_BUT_PEOPLE) or t.key in cues.measure_signs or t.key in cues.money_places
               or t.key in cues.laid_not_killed for t in after):
            return Rejection(Reason.NOUN_READING, f"{tok.text} ... {after[0].text}", NounReading.MONEY)
    after = ctx.after(match.last, 4)
    if any(t.key in cues.hospital or t.key in cues.laid_not_killed for t in after):
        return Rejection(Reason.NO_PEOPLE, tok.text)
    near = ctx.sentence_before(match.first, 6) + ctx.sentence_after(match.last, 6)
    collective = frozenset() if tok.key in ("минус", "мінус") else number_tables().collective  # "мінус п'ять, на двох"
    if any(t.key in cues.radio_objects or t.key in cues.people or t.key in collective for t in near):
        return None
    return Rejection(Reason.NO_PEOPLE, tok.text)


def _quoted(ctx: Context, text: str, match: TermMatch) -> bool:
    """Whether the match stands alone in quotation marks: a title or an inscription ("фильм «Груз 200»")."""
    before = text[:match.start].rstrip()
    after = text[match.end:].lstrip()
    return before.endswith(("«", "„", '"', "“")) and after.startswith(("»", "“", '"', "”"))


def quoted_check(ctx: Context, text: str, match: TermMatch) -> Rejection | None:
    """A code word alone in quotation marks is a title or an inscription, not a report ("торт з написом «300»");
    a count before the quotes or later in the sentence makes it a report in quotes ("четверо «четырёхсотых»")."""
    after = [match.last + i for i, _ in enumerate(ctx.sentence_after(match.last, 8))]
    if _quoted(ctx, text, match) and not any(k in ctx.by_last for k in (match.first - 1, match.first - 2)) \
            and not any(k in ctx.by_first for k in after):  # "у нас «груз двести» на этой неделе — пятеро"
        return Rejection(Reason.QUOTED, text[match.start:match.end])
    return None


def flag_check(ctx: Context, match: TermMatch) -> Rejection | None:
    """Soldiers who came out "с белым флагом" / "з піднятими руками" gave themselves up only when a past verb says they
    did ("трое вышли с белой тряпкой"), no verb of intention or the future stands before it ("выйду к ним с белой
    тряпкой") and no other capture or killing in the sentence already tells it ("сдался", "их расстреляли")."""
    lang = ctx.lang
    before = ctx.sentence_before(match.first, 6)
    for tok in before[:4]:
        found = tags(tok.key, lang) if tok.key[:1].isalpha() else ()
        if found and pos(found[0]) in ("VERB", "INFN"):
            mood = verb_mood(tok, lang)
            if mood:
                return Rejection(Reason.VERB_NEAR, tok.text, mood=mood, term_id="plain.surrendered_flag")
    inside = ctx.toks[match.first : match.last]
    if not any(is_past_verb(tok, lang) for tok in before + inside + ctx.after(match.last, 3)):
        return Rejection(Reason.NO_EVENT, ctx.toks[match.first].text)
    coming = cue_lists.keys("surrender_coming")
    if any(t.key in ("руки",) for t in inside) and not any(
            t.key in coming for t in before + ctx.sentence_after(match.last, 6)):
        return Rejection(Reason.NO_EVENT, " ".join(t.text for t in inside))  # "Половина отряда руки подняли": a vote
    # another capture or a killing in the sentence tells what became of them, and so does a killing in the sentence
    # before ("одного вбили на місці. Кажуть, уже після того, як він руки підняв")
    first = match.first - len(before)
    earlier = first - len(ctx.sentence_before(first - 1, 16)) - 1 if first > 0 and first not in ctx.breaks else first
    last = match.last + len(ctx.sentence_after(match.last, 16))
    for other in ctx.matches:
        entry = _casualty_entry(other)
        if other is match or entry is None or not (earlier <= other.first < last):
            continue
        if other.first < first and entry.category != "killed":
            continue
        lo, hi = sorted((match.last, other.first)) if other.first >= match.last else (other.last, match.first)
        if any(_another(ctx, k) for k in range(lo, hi)):
            continue  # "двоє вийшли з піднятими руками, а третій лишився — двохсотий": someone else
        if entry.category == "killed" or (entry.category == "captured" and not _present(ctx, other)):
            return Rejection(Reason.NO_EVENT, ctx.toks[match.first].text)
    return None


def _another(ctx: Context, k: int) -> bool:
    """Whether token ``k`` names another person than the ones before: a word of another group ("ещё", "другой") or an
    ordinal ("третій")."""
    tok = ctx.toks[k]
    if tok.key in ctx.cues.new_group:
        return True
    found = tags(tok.key, ctx.lang)[:1] if tok.key[:1].isalpha() else ()
    return bool(found) and "Anum" in grammemes(found[0])


_DASHES = frozenset({"—", "–", "-", ","})


def severity_check(ctx: Context, match: TermMatch) -> Rejection | None:
    """A severity word ("тяжёлый", "важкі", "лёгких") is a wounded man only as a noun: after a count, a name or a
    person ("один тяжёлый", "Ростик важкий", "остальные — тяжёлые"), with no noun it describes after it, no other
    casualty word within two words (then it is that word's severity) and no "из них" (a part of a group counted)."""
    toks, lang = ctx.toks, ctx.lang
    tok = toks[match.first]
    severity = {k for m in ctx.matches for k in range(m.first, m.last)
                if any(e.id == "plain.wounded_severity" for e in m.entries)}
    if any(k in ctx.casualty_tokens for k in range(max(0, match.first - 2), min(len(toks), match.last + 2))):
        return Rejection(Reason.NOUN_READING, tok.text, NounReading.ATTRIBUTIVE)
    nxt = toks[match.last] if match.last < len(toks) else None
    if nxt is not None and nxt.key[:1].isalpha() and agrees(tok.key, nxt.key, lang):
        return Rejection(Reason.NOUN_READING, f"{tok.text} {nxt.text}", NounReading.ATTRIBUTIVE)  # "тяжёлый день"
    k = match.first - 1
    while k >= 0 and toks[k].text in _DASHES and k + 1 not in ctx.breaks:
        k -= 1
    prev = toks[k] if k >= 0 and k + 1 not in ctx.breaks else None
    if prev is None or not prev.key[:1].isalnum():
        return Rejection(Reason.NO_PERSON)
    tables = number_tables()
    counted = prev.key[:1].isdigit() or prev.key in tables.cardinal or prev.key in tables.collective
    person = prev.key in cue_lists.keys("severity_subjects") or (
        prev.key[:1].isalpha()
        and any({"NOUN", "anim", "nomn"} <= grammemes(t) for t in tags(prev.key, lang)[:1]))
    if not (counted or person):
        return Rejection(Reason.NO_PERSON)
    if counted and any(t.key in cue_lists.keys("severity_part_of") for t in ctx.before(k, 3)):
        return Rejection(Reason.NOUN_READING, f"... {prev.text} {tok.text}", NounReading.PEOPLE)  # "из них восемь"
    return _severity_of_group(ctx, match, severity)


def lying_check(ctx: Context, match: TermMatch) -> Rejection | None:
    """"Лежат" is the dead left where they fell only when said of others in the present or the past, with people,
    bodies or a count beside it in its clause, no other casualty word within five words (then that word tells it),
    and no word of the wounded, the living or a shelter within twenty words before or twelve after ("наших двое там
    лежат" is; "лежим в посадке", "трёхсотые лежат в блиндаже", "в госпитале ... ещё двое там же лежат" are not)."""
    toks, lang = ctx.toks, ctx.lang
    tok = toks[match.first]
    found = tags(tok.key, lang)[:2]  # the uk dictionary reads "лежать" first as an infinitive, then as "they lie"
    if not any(pos(t) == "VERB" and ("3per" in grammemes(t) or "past" in grammemes(t)) for t in found) or any(
            "1per" in grammemes(t) or "2per" in grammemes(t) for t in found[:1]):
        return Rejection(Reason.NO_PERSON)
    near = ctx.before(match.first, 6) + ctx.after(match.last, 6)
    if any(t.key in cue_lists.keys("lying_self") for t in near):
        return Rejection(Reason.NO_PERSON)  # "мы там сутки лежали": the speakers lay there, alive
    people = cue_lists.keys("lying_people")
    tables = number_tables()
    if not any(t.key in people or t.key[:1].isdigit() or t.key in tables.cardinal or t.key in tables.collective
               or t.key in tables.approximate_noun for t in near):
        return Rejection(Reason.NO_PERSON)
    remains = {k for m in ctx.matches if any(e.id == "plain.killed_remains" for e in m.entries)
               for k in range(m.first, m.last)}  # "его тело так и не забрали, лежит там": the body is no other word
    if any(k in ctx.casualty_tokens and k not in remains
           for k in range(max(0, match.first - 5), min(len(toks), match.last + 5))):
        return Rejection(Reason.NOUN_READING, tok.text, NounReading.PEOPLE)  # "двухсотых десятка два лежит"
    alive = cue_lists.keys("lying_alive")
    around = toks[max(0, match.first - 20) : match.first] + toks[match.last : match.last + 12]
    hit = next((t for t in around if t.key in alive), None)
    if hit is not None:
        return Rejection(Reason.NO_EVENT, hit.text)
    return None


def _heavy(key: str) -> bool:
    return key.startswith(("тяж", "важк"))


def _severity_of_group(ctx: Context, match: TermMatch, severity: set[int]) -> Rejection | None:
    """A severity after a wounded mention in the 25 words before it tells part of that group ("два трёхсотых, один
    тяжёлый", "двоє легкі, один важкий"), unless that mention has the other severity and "и"/"і"/"а"/"ещё" joins
    the new one ("трое лёгких трёхсотых и один тяжёлый": two groups)."""
    toks = ctx.toks
    tok = toks[match.first]
    joined = any(t.key in cue_lists.keys("severity_joins") for t in ctx.before(match.first, 3))
    for other in ctx.matches:
        if other.first >= match.first or other.first < match.first - 25:
            continue
        entry = _casualty_entry(other)
        if entry is None or entry.category != "wounded":
            continue
        if entry.id == "plain.wounded_severity":
            if any(k in ctx.casualty_tokens for k in range(max(0, other.first - 2), other.last + 2)):
                continue  # "трёхсотых лёгких": the code word's own severity, that mention is checked below
            return Rejection(Reason.NOUN_READING, f"{toks[other.first].text} ... {tok.text}", NounReading.PEOPLE)
        near = [toks[k].key for k in range(max(0, other.first - 2), min(len(toks), other.last + 2))
                if not match.first <= k < match.last]
        other_severity = [key for key in near if key.startswith(("тяж", "важк", "лёгк", "легк"))]
        if not (joined and other_severity and all(_heavy(key) != _heavy(tok.key) for key in other_severity)):
            return Rejection(Reason.NOUN_READING, f"{toks[other.first].text} ... {tok.text}", NounReading.PEOPLE)
    return None


def _present(ctx: Context, match: TermMatch) -> bool:
    """Whether a one-word match is a verb in the present ("сдаются")."""
    found = tags(ctx.toks[match.first].key, ctx.lang) if match.last - match.first == 1 else ()
    return bool(found) and pos(found[0]) == "VERB" and "pres" in found[0]


def _casualty_entry(match: TermMatch) -> LexiconEntry | None:
    """The first entry of a match that can be a casualty mention, if any."""
    return next((entry for entry in match.entries if entry.is_casualty), None)


def _people_or_function(tok: Tok, lang: str) -> bool:
    """Whether a word after a casualty adjective is no thing it could describe: people ("полонених русаків", an animate
    noun first) or a preposition ("тягнуть пораненого до посадки": "до" is also the note C)."""
    if not tok.key[:1].isalpha():
        return False
    found = tags(tok.key, lang)[:3]
    if any(pos(tag) == "NOUN" and "anim" in grammemes(tag) and "Surn" not in grammemes(tag) for tag in found):
        return True  # "русаків" reads first as a plural-only thing, then as the people
    other = tags(tok.key, "uk" if lang == "ru" else "ru")[:2]
    return any(pos(tag) in ("PREP", "CONJ", "PRCL") for tag in (*found, *other))


def _past_passive(tok: Tok, lang: str) -> bool:
    """Whether the best reading is a past passive: a short participle ("двое взяты в плен"), the Ukrainian impersonal
    "-но/-то" form ("троє взято в полон") or its perfective passive adjective ("двоє взяті в полон")."""
    if not tok.key[:1].isalpha():
        return False
    found = tags(tok.key, lang)
    if not found:
        return False
    g = grammemes(found[0])
    return (pos(found[0]) == "PRTS" and "past" in g) or (pos(found[0]) == "VERB" and "Impe" in g) or (
        pos(found[0]) == "ADJF" and {"pssv", "perf"} <= g)


def plain_check(ctx: Context, match: TermMatch, entry: LexiconEntry) -> Rejection | None:
    """Why a plain casualty word (or a phrase) does not report a loss here (None: it may)."""
    toks, lang, cues = ctx.toks, ctx.lang, ctx.cues
    if entry.id == "plain.surrendered_flag":
        return flag_check(ctx, match)
    if entry.id == "plain.wounded_severity":
        return None  # decided before the other casualty words (casualties.decide, severity_check)
    if entry.id == "plain.killed_lying":
        return None  # decided before the other casualty words (casualties.decide, lying_check)
    if entry.id == "plain.missing_gone":
        return gone_check(ctx, match)
    if entry.id == "plain.killed_outright":
        return outright_check(ctx, match)
    if entry.id == "plain.deserted":
        left = leaving_check(ctx, match)
        if left is not None:
            return left
    if entry.id == PRISONER:
        rejection = prisoner_check(ctx, match)  # "полонений — це полонений", "пленных не брать": no prisoners who exist
        if rejection is not None:
            return rejection
    if entry.id == "plain.captured_taken":
        return None  # decided before the other casualty words (casualties.decide, taken_check)
    if entry.id == "plain.exchanged" and match.last - match.first == 1:
        near = ctx.before(match.first, 4) + ctx.after(match.last, 4)
        people = cue_lists.keys("exchange_people")
        if not any(t.key in people or (t.key[:1].isalpha() and any(
                "anim" in grammemes(g) and pos(g) == "NOUN" for g in tags(t.key, lang)[:1])) for t in near):
            return Rejection(Reason.NO_PERSON)  # "обменял доллары", "обміняли техніку"
    if entry.id == "plain.refused":
        offer = cue_lists.keys("refused_offer")
        found = next((t for t in ctx.toks[max(0, match.first - 15) : match.first] + ctx.sentence_after(match.last, 8)
                      if t.key in offer), None)
        if found is not None:  # "мені пропонували роботу, я відмовилась": an offer turned down, not a fight
            return Rejection(Reason.ABANDONING, found.text)
    words = [toks[k] for k in range(match.first, match.last)]
    for tok in words:
        if tok.key in cues.fixed_phrase_verbs:  # "без вести" is a fixed phrase, not the verb
            continue
        if entry.id == "plain.killed_radio" and len(words) > 1:  # "лежать осталось": the infinitive is its part
            continue
        mood = verb_mood(tok, lang) if tok.key[:1].isalpha() else None
        if mood and past_either(tok, lang):
            mood = None  # "двоє ушли с позиций" in a Ukrainian call: a Russian past, no Ukrainian guess (recall19)
        if mood and pos(tags(tok.key, lang)[0]) in ("VERB", "INFN"):
            return Rejection(Reason.VERB_FORM, tok.text, mood=mood)
    has_verb = any(tok.key[:1].isalpha() and tok.key not in cues.fixed_phrase_verbs
                   and pos(tags(tok.key, lang)[0]) in ("VERB", "INFN", "PRTF", "PRTS") for tok in words
                   if tags(tok.key, lang))
    if not has_verb and (match.last - match.first > 1 or entry.category in ("captured", "missing", "deserted")) and \
            entry.id != PRISONER and not rescued(ctx, match):  # "пленный говорит": the prisoner's own verb
        # "в плен", "без вести": the verb next to the phrase decides ("сдамся в плен" is an intention)
        before = ctx.before(match.first, 2)
        after = ctx.after(match.last, 2)
        if len(after) > 1 and after[0].key in cues.negation and verb_mood(after[1], lang) == "infinitive":
            # "наших у полон не брати": an order not to take them
            return Rejection(Reason.VERB_NEAR, f"{after[0].text} {after[1].text}", mood="infinitive", term_id=entry.id)
        told = after[:1] and after[0].key[:1].isalpha() and is_past_verb(after[0], lang)
        for tok in [] if told else before + after[:1]:  # "не поверишь хабиба в плен взяли": the verb after tells it
            found = tags(tok.key, lang) if tok.key[:1].isalpha() else ()
            if tok.key in cues.discourse or tok.key in number_tables().cardinal:
                continue  # "три роки в полоні": a number word is no verb ("три" is also "rub!")
            if found and pos(found[0]) in ("VERB", "INFN"):
                mood = verb_mood(tok, lang)
                if mood == "imperative" and tok in before and not any(t.key in cues.direction for t in words):
                    break  # a state ("держись там в плену", "не пугайся, я в плену") is no order to be captured
                if mood:
                    return Rejection(Reason.VERB_NEAR, tok.text, mood=mood, term_id=entry.id)
                break
    if any(tok.key in cues.direction for tok in words) and not has_verb:
        # "в плен" names a direction: only a past verb next to it makes it an event ("сдался в плен")
        near = ctx.before(match.first, 5) + ctx.after(match.last, 2)  # "Взяли сьогодні двох кацапів у полон"
        later = next((t for t in ctx.after(match.last, 3) if t.key[:1].isalpha() and tags(t.key, lang)
                      and pos(tags(t.key, lang)[0]) in ("VERB", "INFN", "PRTS")), None)  # "в плен к хохлам попали"
        if not any(past_either(tok, lang) or _past_passive(tok, lang) for tok in [*near, *([later] if later else [])]):
            return Rejection(Reason.NO_EVENT, " ".join(t.text for t in words))
    if entry.category == "killed":
        near = ctx.before(match.first, 3) + ctx.after(match.last, 3)
        if any(tok.key in cues.civilians and not _nickname(ctx, tok) for tok in near):
            return Rejection(Reason.CIVILIANS)
        if entry.id == "plain.killed_radio":
            radio = radio_check(ctx, match)
            if radio is not None:
                return radio
        if entry.id in ("plain.killed_laid", "pun.obnulit"):
            thing = next((t for t in ctx.before(match.first, 3) + ctx.after(match.last, 2)
                          if t.key in cues.zeroed_things or (cues.reads_as(t.key, NounReading.AMMUNITION)
                                                              and t.key not in cues.count_units)), None)
            if thing is not None:  # "карточку обнулили", "мин двадцать положили": a thing, nobody killed
                return Rejection(Reason.THING, f"{thing.text} {words[0].text}")
        victim = killed_object(ctx, match, _named) if len(words) == 1 else None
        if victim is not None:  # "кота убили", "кур всех перестреляли", "посадку зачистили": no person killed
            return Rejection(Reason.THING, f"{victim.text} {words[0].text}")
    if entry.kind == "plain" and entry.id != PRISONER:
        animal = animal_said_of(ctx, match, _named)
        if animal is not None:  # "кабана тільки поранили", "пёс без вести пропал": an animal, nobody lost
            return Rejection(Reason.THING, f"{animal.text} ... {words[0].text}")
    captor = thing_captor(ctx, match) if entry.category == "captured" and entry.id != PRISONER else None
    if captor is not None:  # "я в плену у этой ипотеки": held by a thing
        return Rejection(Reason.THING, f"{words[-1].text} ... {captor.text}")
    if entry.kind == "plain" and entry.category in ("killed", "missing", "deserted"):
        subject = thing_subject(ctx, match, _named)
        if subject is not None:  # "рассада погибла", "телефон загинув", "посылка пропала без вести": a thing
            return Rejection(Reason.THING, f"{subject.text} {words[0].text}")
        if entry.id == "plain.killed_no_more":
            no_more = no_more_check(ctx, match)
            if no_more is not None:
                return no_more
        if entry.id == "plain.killed_laid" and len(words) == 1:
            speaker = _speaker_laid(ctx, match)
            if speaker is not None:  # "поклали нас сьогодні раніше", "положили нас на ночь в школе": put to bed
                return Rejection(Reason.NO_PEOPLE, f"{words[0].text} {speaker.text}")
        if entry.id == "plain.killed_laid":
            laid = laid_check(ctx, match)
            if laid is not None:
                return laid
        if entry.id in ("plain.killed_buried", "plain.killed_euphemism", "plain.killed_no_more",
                        "plain.killed_died_wounded"):
            inside = {id(tok) for tok in words}  # "умер от ран" names its own cause
            natural = next((t for t in ctx.utterance_of(match.first) if t.key in cues.natural_death
                            and id(t) not in inside and not _nickname(ctx, t) and not _died_wounded(ctx, t)), None)
            if natural is not None:  # "похоронили деда, сердце": a burial, no military loss
                return Rejection(Reason.NATURAL_DEATH, natural.text)
    if len(words) == 1 and words[0].key[:1].isalpha():
        found = tags(words[0].key, lang)
        if entry.category == "captured" and found and pos(found[0]) == "VERB" and "pres" in found[0]:
            return Rejection(Reason.NO_EVENT, words[0].text)  # "да какие хохлы сдаются": no surrender happened
        nxt = toks[match.last] if match.last < len(toks) else None
        if (found and pos(found[0]) in ("ADJF", "PRTF") and nxt is not None and nxt.key not in cues.people
                and match.last not in ctx.by_first and entry.id != PRISONER):  # "у пленных телефоны забрали"
            if agrees(words[0].key, nxt.key, lang) and nxt.key not in cues.civilians and nxt.key not in cues.modifiers \
                    and not _named(ctx, nxt) and not _people_or_function(nxt, lang) \
                    and not call_sign(nxt):  # "двохсотий тарас з полтави", "сокіл двохсотий мольфар тягне"
                if not any(m.first == match.last for m in ctx.matches):
                    return Rejection(Reason.THING, f"{words[0].text} {nxt.text}")
        if entry.category == "refused":
            service = next((t for t in ctx.before(match.first, 3) + ctx.after(match.last, 4)
                            if t.key in cues.refused_services and not goodbye(ctx, t)), None)
            if service is not None:  # "в банке отказались каникулы давать": an office refusing a service
                return Rejection(Reason.THING, f"{words[0].text} ... {service.text}")
        if entry.category == "refused" and nxt is not None and nxt.key in cues.from_prepositions:
            after = toks[match.last + 1].key if match.last + 1 < len(toks) else ""
            if after in cue_lists.union(cues.plural_pronouns, cues.singular_pronouns):
                return Rejection(Reason.ABANDONING, f"{words[0].text} {nxt.text}")
    return None


def no_more_check(ctx: Context, match: TermMatch) -> Rejection | None:
    """Why "больше нет" / "більше нема" is no death here: no person beside it ("денег больше нет"), or a place
    or a line after it ("его больше нет на связи": not reachable). A person is a name ("Деда", "Ярика"), an
    animate noun ("брата") or a pronoun of a person ("его", "його") when someone was spoken of before."""
    from overheard.annotate.rules.casualties.side import is_person

    toks, cues = ctx.toks, ctx.cues
    after = ctx.sentence_after(match.last, 2)
    if after and after[0].key in cues.no_more_alive and not (len(after) > 1 and after[1].key in ("живых", "живих")):
        return Rejection(Reason.NO_PERSON, f"{toks[match.first].text} {toks[match.last - 1].text} {after[0].text}")
    later = next((t for k, t in enumerate(toks[match.last : match.last + 8], match.last)
                  if t.key in cues.alive_after and toks[k - 1].key not in ("в", "у")), None)  # not "нет в живых"
    if later is not None:  # "Шамана нашего больше нет. Не, живой, живой.": gone, not dead
        return Rejection(Reason.CONTRADICTED_LATER, later.text)
    near = [t for t in ctx.sentence_before(match.first, 4) if t.key not in cues.no_more_skip]
    near = near[:1] + [t for t in ctx.sentence_after(match.last, 3) if t.key not in cues.no_more_skip][:1]
    for tok in [*toks[match.first : match.last], *near]:
        if not tok.key[:1].isalpha():
            continue
        if tok.key in cues.no_more_pronouns:
            if any(is_person(ctx, t) or t.key in cues.people for t in ctx.toks[: match.first]
                   if t.key not in cues.no_more_pronouns):
                return None
            continue
        if tok.text.islower() and any(pos(tag) == "NOUN" and "anim" not in grammemes(tag)
                                      for tag in tags(tok.key, ctx.lang)[:3]):
            continue  # "світла більше нема": a thing that is also a name
        if is_person(ctx, tok) or is_animate(tok, ctx.lang):
            return None
    return Rejection(Reason.NO_PERSON, " ".join(t.text for t in toks[match.first : match.last]))


def _nickname(ctx: Context, tok: Tok) -> bool:
    """Whether a word for a civilian ("дед", "малой") is capitalised inside a sentence: a soldier's nickname
    ("Деда больше нет"), not an old man."""
    k = next((i for i, t in enumerate(ctx.toks) if t is tok), 0)
    return tok.text[:1].isupper() and k > 0 and ctx.toks[k - 1].text not in _NAME_STOPS \
        and k not in ctx.breaks


def remains_need_count(ctx: Context, match: TermMatch, count: NumberExpr | None, side: str) -> Rejection | None:
    """Coffins, bodies or graves are the dead only when counted right beside the word ("одиннадцать гробов пришло",
    "трупів під сотню", "сорок новых могил"): "тело болит", "тела не забрали" and "гроб закрытый" count nobody."""
    if count is None or side not in ("before", "after") or count.zero:
        return Rejection(Reason.NO_PERSON, ctx.toks[match.first].text)
    return None


_ADDRESSED = frozenset({"ты", "ти", "вы", "ви", "тебя", "тебе"})
_WHERE = frozenset({"где", "куда", "де", "куди", "чего", "чого", "зачем", "навіщо", "почему", "чому"})


def gone_check(ctx: Context, match: TermMatch) -> Rejection | None:
    """"Пропал" / "зник" alone is missing in action only of a person named, counted or spoken of beside it ("Маляр
    пропал", "один пропал, не отвечает", "Сашко з Херсона зник"), not of the one spoken to ("ты где пропал?"), in a
    question ("куда он пропал"), of a thing ("связь пропала") or where another casualty word of the sentence tells
    what happened ("пішли в СЗЧ, просто зникли"); a guessed captivity ("может, в плену") leaves him missing."""
    from overheard.annotate.rules.casualties.side import is_person

    toks, cues, lang = ctx.toks, ctx.cues, ctx.lang
    near = ctx.before(match.first, 3) + ctx.after(match.last, 2)
    if any(t.key in _ADDRESSED or t.key in _WHERE for t in near):
        return Rejection(Reason.NO_PERSON, toks[match.first].text)
    tables = number_tables()
    if not any(t.key[:1].isalpha() and (is_person(ctx, t) or _named(ctx, t) or is_animate(t, lang)
                                        or t.key in cues.people
                                        or t.key in tables.cardinal or t.key in tables.collective)
               for t in near):
        return Rejection(Reason.NO_PERSON, toks[match.first].text)
    first = match.first - len(ctx.sentence_before(match.first, 30))
    last = match.last + len(ctx.sentence_after(match.last, 30))
    later = last + 1 + len(ctx.sentence_after(last + 1, 20)) if last < len(toks) and last not in ctx.breaks else last
    if any(last <= m.first < later and (e := _casualty_entry(m)) is not None and e.category != "wounded"
           and not any(t.key in cues.guess for t in ctx.sentence_before(m.first, 3)) for m in ctx.matches):
        # "двое пропали. Утром нашли — оба двухсотые": the next sentence tells what became of them
        return Rejection(Reason.SUPERSEDED, toks[match.first].text)
    counted = any(t.key in tables.cardinal or t.key in tables.collective for t in ctx.before(match.first, 1))
    for other in ctx.matches:
        entry = _casualty_entry(other)
        if other is match or entry is None or not (first <= other.first < last) or entry.category not in (
                "captured", "deserted", "missing"):
            continue  # the wounded or killed of the sentence are other men ("двое трёхсотые, а Маляр пропал")
        if counted and other.first < match.first:
            continue  # "двоих в плен взяли, один пропал": a group of its own, counted after the others
        guessed = any(t.key in cues.guess for t in ctx.sentence_before(other.first, 3))
        if not (entry.category == "captured" and guessed):
            return Rejection(Reason.SUPERSEDED, toks[other.first].text)
    return None
