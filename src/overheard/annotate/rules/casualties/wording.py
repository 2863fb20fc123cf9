"""Wording of losses the casualty rules had missed, as classes (recall19; the generated specification is
``tests/casualty_wording.py``): each function here recognises a way of telling a loss that an older check read as no
mention, and the checks ask it before they reject.

- numbers: a digit code's ending that agrees with no noun after it ("у нас 2 200-х матери не говори"), a call sign
  after a code in radio speech ("малой 300-й гром тащит его"), an adverb of time after a code ("двухсотого ночью
  вывезли"; not a habit: "двухсотых днём не забираем");
- statements: the goodbye of unpunctuated speech ("... пятеро погибли ладно давай"), the answer "no" before what he
  is ("— Лёха живой? — нет двухсотый"), "ні слуху ні духу" after "зник", "alive" said of a captive or of one man
  beside a group lost ("Сашка забрали в полон, але він живий", "трьох наших задвохсотило а мене ні живий");
- plain words: one named person "положили / застрелили" ("Серёгу вчера положили"), Russian past verbs in a Ukrainian
  call (Surzhyk: "п'ятеро попали в плен"), leaving the unit or the positions ("ушёл из части"; not a retreat or going
  over), "наглухо" after a count of people ("четверо сразу наглухо").
"""

from __future__ import annotations

from overheard.annotate import cues as cue_lists
from overheard.annotate.lexicon import LexiconEntry
from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.person import one_person
from overheard.annotate.rules.casualties.reasons import Reason, Rejection
from overheard.annotate.rules.casualties.words import agrees, grammemes, is_past_verb, known, pos, tags
from overheard.annotate.rules.counts import NumberExpr
from overheard.annotate.rules.terms import TermMatch
from overheard.annotate.rules.theme_model import lemma
from overheard.annotate.rules.tokens import Tok

# an ending written after a digit code, as the endings of an adjective it could stand for ("200-х" = "-ых")
_ENDING_AS_ADJECTIVE = {
    "й": ("ый", "ой", "ий"), "ый": ("ый",), "ий": ("ий", "ый"), "ой": ("ой",), "го": ("ого",), "ого": ("ого",),
    "му": ("ому",), "ому": ("ому",), "м": ("ым", "ом"), "ым": ("ым",), "им": ("им", "ым"), "ом": ("ом",),
    "х": ("ых",), "ых": ("ых",), "их": ("их", "ых"), "ми": ("ыми",), "ыми": ("ыми",), "ими": ("ими", "ыми"),
    "е": ("ые", "ое"), "ые": ("ые",), "ие": ("ие", "ые"), "ая": ("ая",), "я": ("ая",), "ую": ("ую",), "ю": ("ую",),
    "і": ("і",), "ті": ("і",), "ої": ("ої",), "ою": ("ою",), "ій": ("ій",), "ім": ("им",),
}


_ADJECTIVE_STEMS = {"ru": "двухсот", "uk": "двохсот"}


def ending_disagrees(tok: Tok, nxt: Tok, lang: str) -> bool:
    """Whether a digit code's written ending ("200-х", "300-ми") can agree with no reading of the noun after it: an
    ordinal agrees with what it counts ("200-й день", "в 300-х метрах"), a code noun is followed by a new clause ("у
    нас 2 200-х матери не говори", "с 300-ми беда") (recall19)."""
    ending = tok.text.lower().lstrip("0123456789").lstrip("-–")
    endings = _ENDING_AS_ADJECTIVE.get(ending)
    if not endings or not nxt.key[:1].isalpha() or lang not in _ADJECTIVE_STEMS:
        return False
    return not any(agrees(_ADJECTIVE_STEMS[lang] + end, nxt.key, lang) for end in endings)


def call_sign(tok: Tok) -> bool:
    """Whether a word is one of the common call signs (``callsigns.yaml``: "гром", "сокіл", "малой"): after a code word
    in unpunctuated radio speech it names the next man, it is no noun the code could count."""
    return tok.key in cue_lists.keys("callsigns")


def time_adverb(tok: Tok) -> bool:
    """Whether a time word is the instrumental said as an adverb of when ("ночью", "утром", "днём", "вечером"), not a
    time an ordinal could count ("двухсотая ночь", "в двухсотый раз")."""
    found = tags(tok.key, "ru")[:3]
    return any(pos(t) == "ADVB" for t in found[:2]) and any("ablt" in grammemes(t) for t in found)


def habit_after(ctx: Context, match: TermMatch) -> bool:
    """Whether a present-tense verb follows the time word after a code ("двухсотых днём не забираем"): a habit or a
    rule, not the time of an event."""
    return any(t.key[:1].isalpha() and any(pos(g) == "VERB" and "pres" in grammemes(g)
                                           for g in tags(t.key, ctx.lang)[:1]) for t in ctx.after(match.last + 1, 3))


def one_person_laid(ctx: Context, match: TermMatch) -> bool:
    """Whether the clause of "положили" / "застрелили" names one person as its object (``person.one_person``) and that
    person is a pronoun ("поклали його"), a capitalised name or, in lower-case speech-to-text, any name ("Серёгу",
    "серегу"), or an animate common noun in the accusative ("брата", "кума"); a lower-case word of cased text the
    dictionary also reads as a name ("Набили мішки піском") is none (recall19)."""
    if one_person(ctx, match, True) != "sing":
        return False
    lower = not any(t.text[:1].isupper() for t in ctx.utterance_of(match.first) if t.key[:1].isalpha())
    for tok in ctx.before(match.first, 6) + ctx.after(match.last, 4):
        if not tok.key[:1].isalpha():
            continue
        if tok.key in ctx.cues.object_pronouns:
            return True
        for tag in tags(tok.key, ctx.lang)[:3]:
            g = grammemes(tag)
            if pos(tag) != "NOUN" or "plur" in g or not g & {"accs", "gent"}:
                continue
            if g & {"Name", "Surn"}:
                if tok.text[:1].isupper() or lower:
                    return True
            elif "anim" in g and "accs" in g:
                return True
    return False


def plural_past(ctx: Context, match: TermMatch) -> bool:
    """Whether a one-word match is a plural past verb ("положили", "поклали": "they" did it; the Ukrainian dictionary
    marks no transitivity)."""
    found = tags(ctx.toks[match.first].key, ctx.lang)[:1] if match.last - match.first == 1 else ()
    return bool(found) and {"VERB", "plur", "past"} <= grammemes(found[0])


_GOODBYE_OPENERS = frozenset({"ладно", "давай", "давайте", "добре", "гаразд"})


def farewell(ctx: Context, k: int) -> bool:
    """Whether "ладно" / "давай" at token ``k`` opens the goodbye of unpunctuated speech ("у нас пятеро погибли ладно
    давай мам", "брат пішов у сзч все давай"): after it only goodbye words (``farewell``), the end of the utterance,
    or a word that is no verb ("ладно давай матери не говори"); "давай сдадимся" is a plan (recall19)."""
    toks = ctx.toks
    if toks[k].key not in _GOODBYE_OPENERS or (k > 0 and toks[k - 1].key in ctx.cues.negation):
        return False
    goodbye = cue_lists.keys("farewell")
    j = k + 1
    while j < len(toks) and j not in ctx.breaks and toks[j].key in goodbye:
        j += 1
    if j >= len(toks) or j in ctx.breaks or toks[j].is_punct:
        return True
    if j in ctx.casualty_tokens or not toks[j].key[:1].isalpha():
        return False
    found = tags(toks[j].key, ctx.lang)[:1]
    return not found or pos(found[0]) not in ("VERB", "INFN", "PRTS", "PREP")


def goodbye(ctx: Context, tok: Tok) -> bool:
    """Whether ``tok`` is a :func:`farewell` ("... отказались ладно давай": no "давать" of a service)."""
    return farewell(ctx, next(k for k, t in enumerate(ctx.toks) if t is tok))


def past_either(tok: Tok, lang: str) -> bool:
    """Whether a word is a past verb, in the call's language or, for a word that dictionary does not know or reads
    as past only second, in the other one: Surzhyk ("п'ятеро попали в плен" in a Ukrainian call) (recall19)."""
    if is_past_verb(tok, lang):
        return True
    if not tok.key[:1].isalpha():
        return False
    other = "uk" if lang == "ru" else "ru"
    second = any(pos(g) == "VERB" and "past" in grammemes(g) for g in tags(tok.key, lang)[1:2])  # "попали": past too
    return (second or not known(tok.key, lang)) and known(tok.key, other) and is_past_verb(tok, other)


_LEAVE_VERBS = ("уйти", "піти")
_WE = frozenset({"мы", "ми", "нас"})
_OVER_TO = frozenset({"к", "до", "ко"})


def leaving_check(ctx: Context, match: TermMatch) -> Rejection | None:
    """Leaving the unit or the positions ("ушёл из части", "пішли з позиції") is a desertion, but not when the
    speaker's side leaves ("мы с позиций ушли": a retreat) or when the men went over to someone ("ушли с позиции к
    украинцам": a surrender, captured) (recall19)."""
    toks = ctx.toks
    verb = next((toks[k] for k in range(match.first, match.last)
                 if toks[k].key[:1].isalpha() and lemma(toks[k].key, ctx.lang) in _LEAVE_VERBS), None)
    if verb is None:
        return None
    we = next((t for t in ctx.before(match.first, 5) if t.key in _WE), None)
    over = next((t for t in ctx.after(match.last, 2) if t.key in _OVER_TO), None)
    if we is not None or over is not None:
        return Rejection(Reason.RETREAT, " ".join(t.text for t in toks[match.first : match.last]))
    return None


def outright_check(ctx: Context, match: TermMatch) -> Rejection | None:
    """"Наглухо" kills only the people counted before it ("четверо сразу наглухо", "одного наглухо"): a count of
    people within four words before it and no verb between them ("закрыли наглухо, трое суток сидели") (recall19)."""
    people = cue_lists.keys("outright_people")
    for i, tok in enumerate(ctx.before(match.first, 4)):  # nearest first
        if tok.key in people or match.first - 1 - i in ctx.by_last:
            return None  # "четверо сразу наглухо", "10 сразу наглухо"
        if tok.key[:1].isalpha() and any(pos(g) in ("VERB", "INFN") for g in tags(tok.key, ctx.lang)[:1]):
            break
    return Rejection(Reason.NO_PEOPLE, ctx.toks[match.first].text)


def no_news(after: list[Tok], k: int) -> bool:
    """Whether "ні" at ``after[k]`` belongs to "ні слуху ні духу" ("зник, ні слуху ні духу": no news of him, which
    tells he is missing, not a denial) (recall19)."""
    phrases = cue_lists.phrases("no_news")
    return any(tuple(t.key for t in after[i : i + 2]) in phrases for i in range(max(0, k - 2), k + 1))


_NO = frozenset({"нет", "ні", "нє", "не-а"})
_SINGULAR_ENDINGS = ("й", "ый", "ий", "ой")


def answer_no(ctx: Context, match: TermMatch, before: list[Tok], k: int) -> bool:
    """Whether "нет" / "ні" opening a clause right before a singular code word in the nominative answers a question
    ("— Лёха живой? — нет двухсотый", "— ні, трьохсотий"): "no", then what he is; "нет двухсотых" (the genitive) is a
    denial (recall19)."""
    if k != 0 or before[0].key not in _NO or len(before) > 1 or match.last - match.first != 1:
        return False
    tok = ctx.toks[match.first]
    if tok.key[:1].isdigit():
        return tok.text.lower().lstrip("0123456789").lstrip("-–") in _SINGULAR_ENDINGS
    found = tags(tok.key, ctx.lang)[:1]
    return bool(found) and "nomn" in grammemes(found[0]) and "plur" not in grammemes(found[0])


_ONE_ALIVE = frozenset({"он", "она", "він", "вона", "я", "мене", "меня", "его", "його", "её", "ее", "її", "сам"})


def alive_consistent(ctx: Context, match: TermMatch, entry: LexiconEntry, count: NumberExpr | None,
                      words: list[Tok]) -> bool:
    """Whether "а/але ... живой" after a loss tells nothing against it (recall19): a captive is alive ("Сашка забрали в
    полон, але він живий"; not after hearsay: "говорили, что в плен взяли, а он живой, звонил" is a rumour the speaker
    refutes), and one man alive is not a group lost ("трьох наших задвохсотило а мене ні живий", "двухсотых человек
    сорок, а он живой и довольный")."""
    if entry.category == "captured":
        return not any(t.key in ctx.cues.reported for t in ctx.sentence_before(match.first, 12))
    if not any(t.key in _ONE_ALIVE for t in words[:2]):
        return False
    if count is None:
        return False  # "Серёгу записали в погибшие, а он живой": the one man himself
    return count.value > 1 if count.value is not None else count.approximate  # "половину роты поклали, а він живий"
