"""Casualty mentions: coded and plain casualty words with their counts, following ANNOTATION.md.

Each lexicon match of a casualty category (killed, wounded, refused, missing, captured,
deserted) is checked against rules that reject readings which are not mentions:
numbers that are not codes (distances, money, ammunition, unit numbers, ordinals, car
models), intentions and threats, guesses, denials, false reports and questions. Accepted
matches get a count (:mod:`overheard.annotate.counts`) and are merged so that a group
mentioned twice in an utterance is one mention. Every decision is written into the
finding's explanation; rejected readings are kept too (:func:`find_casualties`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from overheard.annotate.counts import NumberExpr, find_numbers, number_tables
from overheard.annotate.lexicon import (
    CompiledLexicon,
    LexiconEntry,
    compile_lexicon,
    inflections,
    load_lexicon,
)
from overheard.annotate.registry import register
from overheard.annotate.terms import PRODUCER_VERSION, TermMatch, Tok, scan
from overheard.model import Document, Finding, FindingKind
from overheard.text import morph


@dataclass(frozen=True)
class CasualtyMention:
    """An accepted casualty mention."""

    category: str
    count: int | None
    approximate: bool
    start: int
    end: int
    term_id: str
    explanation: str
    explicit: bool  # the count was stated (not inferred from a singular form)
    first: int  # token range of the code word (for grouping)
    last: int


@dataclass(frozen=True)
class RejectedReading:
    """A casualty-looking match that is not a mention, and why."""

    category: str
    start: int
    end: int
    term_id: str
    reason: str


def _forms(*words: str) -> frozenset[str]:
    keys: set[str] = set()
    for word in words:
        keys.update({word} if word.startswith("=") is False and " " in word else inflections(word, ("ru", "uk")))
    return frozenset(keys)


def _lits(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Nouns after a number that show it is not a code, with the reading they give.
_NOUN_READINGS = {
    "distance": _forms("метр", "километр", "кілометр", "шаг", "крок", "верста") | _lits("м км кмх"),
    "money": _forms("рубль", "доллар", "бакс", "евро", "гривна", "гривня", "тысяча", "тисяча", "косарь",
                    "зарплата", "выплата", "виплата", "копейка") | _lits("р руб грн тыс тис к $ ₽ € usd"),
    "ammunition": _forms("снаряд", "патрон", "мина", "выстрел", "ракета", "граната", "набій", "постріл",
                         "міна", "шт", "штука", "выстрел", "прилет", "приліт"),
    "time or date": _forms("день", "раз", "год", "час", "минута", "секунда", "неделя", "месяц", "сутки",
                           "число", "рік", "година", "хвилина", "тиждень", "місяць", "доба", "ночь", "утро")
    | _lits("г гг"),
    "unit number": _forms("бригада", "полк", "батальон", "рота", "дивизия", "отряд", "взвод", "батальйон",
                          "дивізія", "загін", "часть", "частина", "бригада", "армия", "корпус"),
    "vehicle or route": _forms("мерс", "мерседес", "мерин", "автобус", "маршрут", "маршрутка", "трасса",
                               "машина", "тачка", "бмв", "лексус", "рейс", "трамвай", "троллейбус"),
    "count of people": _forms("человек", "людина", "чоловік", "пацан", "боец", "солдат", "мобик", "хлопець"),
}
_BEFORE_UNIT = _forms("маршрут", "автобус", "номер", "рейс", "трасса", "бригада", "полк", "дивизия",
                      "батальон", "калибр", "модель", "квартира", "дом", "кабинет", "палата") | _lits("№ в/ч вч")

_CLAUSE_END = frozenset(". , ; ! ? : ... … что а но але що когда коли потому бо".split())
_DENY_BEFORE = _lits("нет нету немає нема ни ні без") | frozenset({"не было", "не було"})
_DENY_AFTER = _lits("нет нету немає нема ні")
_INTENTION = _forms("хотеть", "хотіти", "собираться", "збиратися", "планировать", "планувати", "мечтать",
                    "бояться", "боятися", "думать", "думати", "решить") | _lits(
    "лучше надо нужно можно могу можем могут если чтобы чтоб буду будем будет будут будешь готов готовы "
    "хочется хочеться треба можна краще якщо щоб аби будемо буде будуть ладно давай давайте пусть нехай "
    "могли")
# discourse imperatives ("прикинь", "слушай") are not a speaker's plan
_DISCOURSE = _lits("прикинь прикиньте слушай слушайте слышь смотри представь представляешь знаешь уяви слухай "
                   "дивись глянь понимаешь розумієш")
_HOSPITAL = _forms("госпиталь", "больница", "лазарет", "санчасть", "госпіталь", "лікарня", "палата", "медрота")
_HANDLING = _lits("надо нужно можно могу можем могут могли треба можна можемо можуть")
_GUESS = _lits("может можеть возможно наверное наверно вероятно небось походу мабуть може можливо напевно "
               "напевне мабуть видать якобы нібито будто начебто типа вдруг раптом вроде кажется ніби наче здається")
_WAS = _lits("было було была были будет всего наверное мабуть примерно приблизно")
_FALSE_AFTER = _forms("живой", "живий", "вернуться", "повернутися", "объявиться", "оказаться", "виявитися")
_LIES = _forms("брехня", "вранье", "фейк", "неправда", "ложь") | _lits("враньё брешуть брешут врут брешет врет врёт")
_REPORTED = _forms("писать", "написать", "сводка", "официально", "офіційно", "зведення", "писати", "телек",
                   "телевизор", "бумага", "папір", "заявить", "отчитаться", "доложить")
_CONTRAST = _lits("а но але оказался оказалось оказывается виявився виявилося")
_FUTURE = _forms("хотеть", "хотіти", "стать", "стати", "бояться", "боятися") | _lits(
    "будут будет буду будем будешь будуть буде будемо чтобы чтоб щоб аби лучше краще")
_CONDITION = _lits("если якщо коли-небудь хоть хоч")
_NEAR_MISS = frozenset({("чуть", "не"), ("едва", "не"), ("ледь", "не"), ("мало", "не"), ("чуть", "было")})
_QUESTION = _lits("сколько скільки ли чи")
_SKIP_BEFORE = _forms("тяжелый", "легкий", "важкий", "новый", "новий", "свой", "наш", "ваш", "их") | _lits(
    "еще ещё уже вже сразу только тільки всего всього там тоже теж ще кто хто из з із")
_SKIP_AFTER = _lits("— – - : у в нас них вас их было було всего всього уже вже это це там еще ещё ще тоже "
                    "теж же вот от сегодня сьогодні вчера вчора получается выходит итого есть є все всі ну "
                    "короче типа блин бля значит вообще просто даже взагалі теперь тепер сейчас зараз пока поки тут")
_MODIFIERS = _forms("тяжелый", "легкий", "важкий", "наш", "свой", "новый", "новий")
_ADJACENT_WORDS = _lits("у нас их них все всі")
_NEW_GROUP = _lits("еще ещё ще також тоже теж плюс другой другие інші")
_OBJECT_PRONOUNS = _lits("меня его её ее мене його її")
_PHRASE_WORDS = _lits("вести вісти без в у во плен плену полон полоні груз часть частина частину")
_SING_PRONOUNS = _lits("он она его ее её него нее неё меня я ты тебя він вона його її нього неї мене мені")
_PLUR_PRONOUNS = _lits("они их них нас мы вас вони їх них ми нас")
_DIRECTION = _lits("плен полон")  # accusative: "в плен", "у полон"
_CIVILIANS = _forms("мирный", "мирняк", "гражданский", "цивільний", "мирний", "житель", "мешканець", "бабка",
                    "дед", "ребенок", "дети", "дитина", "женщина", "жінка", "селянин")
_DIGIT_CODE = re.compile(r"^\d+~?$")


def _people() -> frozenset[str]:
    return number_tables().people


@lru_cache(maxsize=50_000)
def _tags(key: str, lang: str) -> tuple[str, ...]:
    """Tag strings of the two best parses of a folded word (cached)."""
    parses = morph(lang).parse(key)
    return tuple(str(p.tag) for p in parses[:3])


def _pos(tag: str) -> str:
    return tag.split(",")[0].split(" ")[0]


def _grammemes(tag: str) -> set[str]:
    return set(re.split(r"[ ,]", tag))


def _is_noun(tok: Tok, lang: str) -> bool:
    if not tok.key[:1].isalpha():
        return False
    tags = _tags(tok.key, lang)
    return bool(tags) and _pos(tags[0]) == "NOUN"


def _agrees(a: str, b: str, lang: str) -> bool:
    """Whether two words can agree in number and case (an adjective + noun pair)."""
    cases = {"nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2"}
    for ta in _tags(a, lang):
        ga = _grammemes(ta)
        for tb in _tags(b, lang):
            gb = _grammemes(tb)
            if _pos(tb) != "NOUN":
                continue
            number_ok = ("plur" in ga) == ("plur" in gb) or "Pltm" in gb
            if number_ok and (ga & gb & cases):
                return True
    return False


def _noun_reading(key: str) -> str:
    for reading, keys in _NOUN_READINGS.items():
        if key in keys:
            return reading
    return "an attributive use before a noun (ordinal or model)"


def _verb_mood(tok: Tok, lang: str) -> str | None:
    """'future', 'infinitive' or 'imperative' when the best reading of ``tok`` is one, else None."""
    tags = _tags(tok.key, lang)
    if not tags:
        return None
    g = _grammemes(tags[0])
    if "INFN" in g or "infn" in g:  # the uk dictionary tags an infinitive VERB,...,infn
        return "infinitive"
    if "futr" in g:
        return "future"
    if "impr" in g:
        return "imperative"
    return None


def _number_of(tok: Tok, lang: str) -> str | None:
    """'sing' or 'plur' for a word whose best reading has a grammatical number."""
    key = tok.key
    if _DIGIT_CODE.match(key) or ":" in key:
        ending = tok.text.lower().lstrip("0123456789-–")
        if not ending:
            return None
        if ending in {"е", "ые", "ие", "х", "ых", "их", "ми", "ыми", "ими", "і", "ті"}:
            return "plur"
        return "sing"
    tags = _tags(key, lang)
    if not tags:
        return None
    g = _grammemes(tags[0])
    if "plur" in g:
        return "plur"
    if "sing" in g or "neut" in g or "masc" in g or "femn" in g:
        return "sing"
    return None


@dataclass
class _Context:
    toks: list[Tok]
    lang: str
    matches: list[TermMatch]
    casualty_tokens: set[int]
    by_first: dict[int, NumberExpr]
    by_last: dict[int, NumberExpr]
    breaks: frozenset[int] = frozenset()  # token i starts a new line or utterance


def _window_before(ctx: _Context, index: int, size: int) -> list[Tok]:
    out: list[Tok] = []
    k = index - 1
    while k >= 0 and len(out) < size:
        if ctx.toks[k].key in _CLAUSE_END or ctx.toks[k].text in "—–" or k + 1 in ctx.breaks:
            break
        out.append(ctx.toks[k])
        k -= 1
    return out  # nearest first


def _sentence_before(ctx: _Context, index: int, size: int) -> list[Tok]:
    """Up to ``size`` tokens before ``index`` within the sentence (commas do not stop it)."""
    out: list[Tok] = []
    k = index - 1
    while k >= 0 and len(out) < size:
        if ctx.toks[k].text in (".", "!", "?", "…", "...") or k + 1 in ctx.breaks:
            break
        out.append(ctx.toks[k])
        k -= 1
    return out


def _masked(ctx: _Context, index: int) -> bool:
    """Whether the one-letter token at ``index`` starts masked profanity ("б***")."""
    tok = ctx.toks[index]
    nxt = ctx.toks[index + 1] if index + 1 < len(ctx.toks) else None
    return nxt is not None and nxt.start == tok.end and nxt.text[:1] in "*.…_#@"


def _window_after(ctx: _Context, index: int, size: int) -> list[Tok]:
    out: list[Tok] = []
    k = index
    while k < len(ctx.toks) and len(out) < size:
        if ctx.toks[k].key in _CLAUSE_END or k in ctx.breaks:
            break
        out.append(ctx.toks[k])
        k += 1
    return out


def _code_number_check(ctx: _Context, match: TermMatch) -> str | None:
    """Reasons a digit or ordinal code word is not a code here (None: it is a code)."""
    toks, lang = ctx.toks, ctx.lang
    if match.last - match.first > 1:  # "груз 200", "тяжёлый трёхсотый": unambiguous phrases
        return None
    tok = toks[match.first]
    prev = toks[match.first - 1] if match.first > 0 else None
    nxt = toks[match.last] if match.last < len(toks) else None
    if prev is not None and prev.key == "груз":
        return None
    if _DIGIT_CODE.match(tok.key):
        if prev is not None and prev.key in ("по", "на", "до", "от", "с") and tok.key.isdigit():
            return f"'{prev.text} {tok.text}': a quantity or range, not a code"
        if prev is not None and (prev.key in _BEFORE_UNIT or prev.key in _NOUN_READINGS["unit number"]):
            return f"'{prev.text} {tok.text}': a unit, route or model number, not a code"
        if prev is not None and tok.key.isdigit() and any(
                prev.key in _NOUN_READINGS[r] for r in ("distance", "money", "ammunition", "time or date")):
            return f"'{prev.text} {tok.text}': {_noun_reading(prev.key)}, not a code"
        if nxt is not None and nxt.start == tok.end + 1 and nxt.key.isdigit() and len(nxt.key) == 3:
            return f"'{tok.text} {nxt.text}': part of a larger number, not a code"
        if nxt is not None and nxt.key[:1].isdigit() is False and nxt.key in _NOUN_READINGS["money"]:
            return f"'{tok.text} {nxt.text}': money, not a code"
        if nxt is not None and nxt.key in {"%", "$", "₽", "€", "грн", "р", "м", "км", "кг", "г", "шт"}:
            return f"'{tok.text} {nxt.text}': a measure, not a code"
        if nxt is not None and _is_noun(nxt, lang) and nxt.key not in _people() or (
            nxt is not None and tok.key.isdigit() and nxt.key in _NOUN_READINGS["count of people"]
        ):
            return f"'{tok.text} {nxt.text}': {_noun_reading(nxt.key)}, not a code"
        return None
    known_reading = nxt is not None and any(
        nxt.key in keys for reading, keys in _NOUN_READINGS.items() if reading != "count of people")
    if match.last in ctx.by_first and not known_reading:
        return None  # "пятисотых полроты": a count follows, not a noun
    if nxt is not None and nxt.key not in _people() and (known_reading or _agrees(tok.key, nxt.key, lang)):
        if not any(m.first == match.last for m in ctx.matches):
            return f"'{tok.text} {nxt.text}': {_noun_reading(nxt.key)}, not a code"
    return None


def _plain_check(ctx: _Context, match: TermMatch, entry: LexiconEntry) -> str | None:
    """Reasons a plain casualty word (or a phrase) does not report a loss here."""
    toks, lang = ctx.toks, ctx.lang
    words = [toks[k] for k in range(match.first, match.last)]
    for tok in words:
        if tok.key in ("вести", "вісти"):  # "без вести" is a fixed phrase, not the verb
            continue
        mood = _verb_mood(tok, lang) if tok.key[:1].isalpha() else None
        if mood and _pos(_tags(tok.key, lang)[0]) in ("VERB", "INFN"):
            return f"'{tok.text}': {mood} verb form, an intention, fear or threat, not a report"
    has_verb = any(tok.key[:1].isalpha() and tok.key not in ("вести", "вісти")
                   and _pos(_tags(tok.key, lang)[0]) in ("VERB", "INFN", "PRTF", "PRTS") for tok in words
                   if _tags(tok.key, lang))
    if not has_verb and (match.last - match.first > 1 or entry.category in ("captured", "missing", "deserted")):
        # "в плен", "без вести": the verb next to the phrase decides ("сдамся в плен" is an intention)
        for tok in _window_before(ctx, match.first, 2) + _window_after(ctx, match.last, 1):
            tags = _tags(tok.key, lang) if tok.key[:1].isalpha() else ()
            if tok.key in _DISCOURSE:
                continue
            if tags and _pos(tags[0]) in ("VERB", "INFN"):
                mood = _verb_mood(tok, lang)
                if mood:
                    return f"'{tok.text}': {mood} verb with '{entry.id}', an intention, not a report"
                break
    if any(tok.key in _DIRECTION for tok in words) and not has_verb:
        # "в плен" names a direction: only a past verb next to it makes it an event ("сдался в плен")
        near = _window_before(ctx, match.first, 3) + _window_after(ctx, match.last, 2)
        if not any(_is_past_verb(tok, lang) for tok in near):
            return f"'{' '.join(t.text for t in words)}' without a completed event (no past-tense verb next to it)"
    if entry.category == "killed":
        near = _window_before(ctx, match.first, 3) + _window_after(ctx, match.last, 3)
        if any(tok.key in _CIVILIANS for tok in near):
            return "civilian victims: evidence of a war crime, not a military loss"
        if entry.id == "plain.killed_laid" and any(tok.key in _HOSPITAL for tok in _window_after(ctx, match.last, 3)):
            return "'положили' into a hospital: admitted, not killed"
    if len(words) == 1 and words[0].key[:1].isalpha():
        tags = _tags(words[0].key, lang)
        nxt = toks[match.last] if match.last < len(toks) else None
        if (tags and _pos(tags[0]) in ("ADJF", "PRTF") and nxt is not None and nxt.key not in _people()
                and match.last not in ctx.by_first):
            if _agrees(words[0].key, nxt.key, lang) and nxt.key not in _CIVILIANS:
                if not any(m.first == match.last for m in ctx.matches):
                    return f"'{words[0].text} {nxt.text}': describes a thing, not people"
        if entry.category == "refused" and nxt is not None and nxt.key in ("от", "від"):
            after = toks[match.last + 1].key if match.last + 1 < len(toks) else ""
            if after in _PLUR_PRONOUNS | _SING_PRONOUNS:
                return f"'{words[0].text} {nxt.text} ...': abandoning someone, not a refusal to fight"
    return None


def _context_check(ctx: _Context, match: TermMatch, span_first: int, count: NumberExpr | None,
                   entry: LexiconEntry) -> str | None:
    """Denials, negation, intentions, guesses, false reports, near misses and questions."""
    toks = ctx.toks
    before = _window_before(ctx, span_first, 4)
    keys = [tok.key for tok in before]
    if count is not None and count.zero:
        return f"'{count.phrase}': zero, a denial"
    pair = tuple(reversed(keys[:2]))
    if len(pair) == 2 and pair in _NEAR_MISS or tuple(reversed(keys[1:3])) in _NEAR_MISS:
        return "a near miss ('чуть не'), nobody was lost"
    if keys[:1] == ["не"] or keys[:1] == ["ні"]:
        return "negated ('не' before it)"
    if count is None or count.value is None:
        for k, key in enumerate(keys[:3]):
            if key in _DENY_BEFORE:
                if key in _DENY_AFTER and span_first - 2 - k in ctx.casualty_tokens:
                    break  # "трехсотых нет двухсотые есть": the denial belongs to the word before
                return f"denial ('{before[k].text}' before it)"
            if key == "не" and k + 1 < len(keys) and keys[k + 1] in ("было", "було"):
                return "denial ('не было')"
        after = _window_after(ctx, match.last, 4)
        for k, tok in enumerate(after):
            if match.last + k in ctx.casualty_tokens:
                break  # "двухсотые есть трехсотых нет": the denial belongs to the next word
            if tok.key in _DENY_AFTER:
                return f"denial ('{tok.text}' after it)"
            if tok.key in ("не", "ні") and k + 1 < len(after) and after[k + 1].key in ("было", "було", "было"):
                return "denial ('не было' after it)"
        if any(tok.key in _QUESTION for tok in before[:3]):
            return "a question, not a statement"
        end = match.last + len(after)
        if end < len(toks) and toks[end].text.startswith("?"):
            return "a question, not a statement"
    for tok in _sentence_before(ctx, span_first, 6):
        if tok.key in _GUESS:
            return f"a guess or hearsay marked as unreliable ('{tok.text}')"
        if tok.key in _CONDITION:
            return f"a condition ('{tok.text}'), not a report"
    verbs = [*before[:4], *ctx.toks[match.first : match.last + 1]]
    past = any(_is_past_verb(tok, ctx.lang) for tok in verbs)
    for offset, tok in enumerate(before[:4]):
        if past and tok.key in ("бы", "б") and not _masked(ctx, span_first - 1 - offset):
            return f"subjunctive ('{tok.text}'): would, not did"
    # a code noun names people who exist ("надо трёхсотых вывозить"); only future and wishes make it unreal
    cues = _FUTURE if entry.kind == "code" and entry.category != "deserted" else _INTENTION
    for k, key in enumerate(keys):
        if key in cues:
            return f"an intention or condition ('{before[k].text}'), not a report"
    after2 = _window_after(ctx, match.last, 3)
    # "двухсотых вывезти не можем": a can't or must after a code noun is about handling people who exist
    after_cues = _INTENTION - _HANDLING if entry.kind == "code" and entry.category != "deserted" else _INTENTION
    for k, tok in enumerate(after2):
        if tok.key in after_cues:
            if k and after2[k - 1].key in ("не", "ні"):
                return f"a denied intention ('не {tok.text}'), not a report"
            return f"an intention ('{tok.text}'), not a report"
    lie = _false_report(ctx, match, span_first)
    if lie:
        return lie
    following = ctx.toks[match.last : match.last + 8]
    stop = next((k for k in range(match.last, match.last + 8) if k in ctx.breaks), None)
    if stop is not None:
        following = ctx.toks[match.last : stop]
    for k, tok in enumerate(following):
        if tok.text in (".", "!", "?"):
            break
        if entry.category in ("killed", "missing", "captured") and tok.key in _CONTRAST and any(
                t.key in _FALSE_AFTER for t in following[k + 1 : k + 4]):
            return f"reported falsely: '{tok.text} ...' contradicts it"
    return None


def _false_report(ctx: _Context, match: TermMatch, span_first: int) -> str | None:
    """A figure the speaker calls false: "пишут двое двухсотых, брехня это", "официально ..., а на самом деле"."""
    after: list[Tok] = []
    k = match.last
    while k < len(ctx.toks) and len(after) < 10 and k not in ctx.breaks and ctx.toks[k].text not in ".!?…":
        after.append(ctx.toks[k])
        k += 1
    for i, tok in enumerate(after):
        if tok.key in _LIES and not (i and after[i - 1].key in ("не", "ні")):
            return f"reported falsely ('{tok.text}' follows)"
    reported = any(tok.key in _REPORTED for tok in _sentence_before(ctx, span_first, 8))
    keys = [tok.key for tok in after]
    if reported and any(keys[i : i + 3] == ["на", "самом", "деле"] for i in range(len(keys))) or (
            reported and "насправді" in keys):
        return "an official or reported figure the speaker contradicts ('на самом деле' follows)"
    return None


def _attach_count(ctx: _Context, match: TermMatch, used: set[int]) -> tuple[NumberExpr | None, str]:
    """The count phrase next to a match: before it ("трое двухсотых") or after ("двухсотых — семь")."""
    toks = ctx.toks
    people = _people()
    k, skipped = match.first - 1, 0
    while k >= 0 and skipped < 3 and k + 1 not in ctx.breaks:
        expr = ctx.by_last.get(k)
        if expr is not None and expr.first not in used and not any(
                t in ctx.casualty_tokens for t in range(expr.first, expr.last)):
            return expr, "before"
        if toks[k].text in ("—", "–", "-", ":") or (toks[k].text == "," and match.last not in ctx.by_first):
            k -= 1
            skipped += 1
            continue
        if toks[k].key in people or toks[k].key in _UNITS:
            k -= 1  # "двое пацанов ушли в сзч": the counted noun belongs to the count phrase, no skip spent
            continue
        if toks[k].key in ("из", "з", "с", "со") and k + 1 < len(toks) and toks[k + 1].key in _UNITS:
            k -= 1  # "двоє з роти пішли в сзч"
            continue
        if toks[k].key in _SKIP_BEFORE:
            k -= 1
            skipped += 1
            continue
        # "двое ушли в соч", "трое попали в плен": a past verb and a preposition between count and phrase
        if toks[k].key in ("в", "у", "во", "на") or _is_past_verb(toks[k], ctx.lang):
            k -= 1
            skipped += 1
            continue
        break
    k, skipped, loose = match.last, 0, False
    while k < len(toks) and skipped < 7 and k not in ctx.breaks:
        expr = ctx.by_first.get(k)
        if expr is not None and loose and not _ends_clause(ctx, expr.last):
            break  # reached over other words: only a number that closes the clause is the count
        if expr is not None and not any(t in ctx.casualty_tokens for t in range(expr.first, expr.last)):
            nxt = expr.last
            while nxt < len(toks) and toks[nxt].key in people:
                nxt += 1
            follower = toks[nxt] if nxt < len(toks) else None
            if follower is not None and (nxt in ctx.casualty_tokens or (
                follower.key in _MODIFIERS and nxt + 1 in ctx.casualty_tokens)):
                if not _has_count_after(ctx, nxt):
                    break  # it is the count of the next mention
            elif follower is not None and nxt == expr.last and _is_noun(follower, ctx.lang):
                if not _is_animate(follower, ctx.lang):
                    break  # "три дня назад": counts something else
            return expr, "after"
        if (toks[k].key in _SKIP_AFTER or toks[k].text in "," or toks[k].key in people
                or toks[k].key in _UNITS or _is_finite_verb(toks[k], ctx.lang)):
            k += 1
            skipped += 1
            continue
        if toks[k].key[:1].isalpha() and k not in ctx.casualty_tokens and toks[k].key not in _CLAUSE_END \
                and toks[k].key not in _DENY_AFTER:
            k += 1  # "груза 200 у нас на этой неделе шесть": any words, if the number ends the clause
            skipped += 1
            loose = True
            continue
        break
    return None, ""


def _ends_clause(ctx: _Context, index: int) -> bool:
    """Whether token ``index`` (just after a number) ends its clause, or only people/"было" follow."""
    toks = ctx.toks
    while index < len(toks) and (toks[index].key in _people() or toks[index].key in _WAS):
        index += 1
    return index >= len(toks) or index in ctx.breaks or toks[index].key in _CLAUSE_END or toks[index].is_punct


def _has_count_after(ctx: _Context, index: int) -> bool:
    """Whether the mention starting at token ``index`` has a number right after it ("трехсотых пятеро")."""
    end = next((m.last for m in ctx.matches if m.first <= index < m.last), index + 1)
    return end in ctx.by_first or (end + 1 in ctx.by_first and ctx.toks[end].key in _SKIP_AFTER)


def _is_animate(tok: Tok, lang: str) -> bool:
    return any("anim" in _grammemes(tag) and _pos(tag) == "NOUN" for tag in _tags(tok.key, lang)[:2])


def _implicit_number(ctx: _Context, match: TermMatch) -> str | None:
    toks, lang = ctx.toks, ctx.lang
    neighbours = _window_before(ctx, match.first, 3) + _window_after(ctx, match.last, 2)
    verb = toks[match.first] if match.last - match.first == 1 and toks[match.first].key[:1].isalpha() else None
    they_did = verb is not None and any(
        {"VERB", "plur", "past", "tran"} <= _grammemes(tag) | {_pos(tag)} for tag in _tags(verb.key, lang)[:1])
    names = [tok for tok in neighbours if tok.key[:1].isalpha() and any(
        "Name" in _grammemes(tag) for tag in _tags(tok.key, lang)[:1])]
    if len({tok.key for tok in names}) > 1:
        return "plur"  # "Серёгу с Витькой ранили": two named men, not one
    for tok in neighbours:
        if tok.key in _OBJECT_PRONOUNS:
            return "sing"
        if they_did and tok.key[:1].isalpha() and any(
                {"Name", "sing"} <= _grammemes(tag) for tag in _tags(tok.key, lang)[:1]):
            return "sing"  # "Витька ранили": "they wounded" one named man (colloquial accusative)
        tags = _tags(tok.key, lang) if tok.key[:1].isalpha() else ()
        if any({"NOUN", "anim", "accs"} <= (g := _grammemes(tag) | {_pos(tag)}) and "plur" not in g
               for tag in tags[:2]) or any(
                {"Name", "accs", "sing"} <= _grammemes(tag) for tag in tags):
            return "sing"  # "Серёгу ранило", "брата взяли в плен": one named or described person
    if match.last - match.first > 1:
        for tok in toks[match.first : match.last]:
            tags = _tags(tok.key, lang) if tok.key[:1].isalpha() and tok.key not in _PHRASE_WORDS else ()
            if tags and _pos(tags[0]) in ("VERB", "PRTF", "PRTS", "ADJF"):
                return _number_of(tok, lang)
    if match.last - match.first == 1:
        number = _number_of(toks[match.first], lang)
        if number and toks[match.first].key[:1].isalpha():
            tags = _tags(toks[match.first].key, lang)
            if tags and _pos(tags[0]) not in ("PREP", "CONJ"):
                return number
        elif number:
            return number
    for tok in neighbours:
        tags = _tags(tok.key, lang)[:1] if tok.key[:1].isalpha() else ()
        if tags and {"NOUN", "anim", "nomn"} <= _grammemes(tags[0]) | {_pos(tags[0])}:
            return "plur" if "plur" in _grammemes(tags[0]) else "sing"  # "братан мой в плену"
        if tok.key in _SING_PRONOUNS:
            return "sing"
        if tok.key in _PLUR_PRONOUNS:
            return "plur"
        tags = _tags(tok.key, lang) if tok.key[:1].isalpha() else ()
        if tags and _pos(tags[0]) in ("VERB", "PRTS"):
            g = _grammemes(tags[0])
            return "plur" if "plur" in g else "sing" if "sing" in g or "masc" in g or "femn" in g else None
    return None


_UNITS = _NOUN_READINGS["unit number"] - _lits("часть частина")


def _is_past_verb(tok: Tok, lang: str) -> bool:
    if not tok.key[:1].isalpha():
        return False
    tags = _tags(tok.key, lang)
    return bool(tags) and _pos(tags[0]) == "VERB" and "past" in _grammemes(tags[0])


def _is_finite_verb(tok: Tok, lang: str) -> bool:
    if not tok.key[:1].isalpha():
        return False
    tags = _tags(tok.key, lang)
    return bool(tags) and _pos(tags[0]) == "VERB"


def _casualty_entry(match: TermMatch) -> LexiconEntry | None:
    return next((entry for entry in match.entries if entry.is_casualty), None)


@lru_cache(maxsize=16)
def _find_cached(text: str, lexicon_key: int, lang: str, utterances: tuple[tuple[int, int], ...]):
    compiled = _COMPILED[lexicon_key]
    toks, matches = scan(text, compiled)
    numbers = find_numbers(toks) if any(_casualty_entry(m) for m in matches) else []
    casualty_tokens = {k for m in matches if _casualty_entry(m) for k in range(m.first, m.last)}
    breaks = _breaks(text, toks, utterances)
    ctx = _Context(toks, lang, matches, casualty_tokens, {e.first: e for e in numbers},
                   {e.last - 1: e for e in numbers}, frozenset(breaks))
    accepted: list[CasualtyMention] = []
    rejected: list[RejectedReading] = []
    used: set[int] = set()
    for match in matches:
        entry = _casualty_entry(match)
        if entry is None:
            continue
        surface = text[match.start : match.end]
        reason = _code_number_check(ctx, match) if entry.kind != "plain" else None
        reason = reason or _plain_check(ctx, match, entry)
        count, side = (None, "") if reason else _attach_count(ctx, match, used)
        if count is not None:
            used.add(count.first)
        if reason is None:
            span_first = count.first if count is not None and side == "before" else match.first
            reason = _context_check(ctx, match, span_first, count, entry)
        if reason:
            rejected.append(RejectedReading(entry.category, match.start, match.end, entry.id, reason))
            continue
        start, end = match.start, match.end
        if count is not None:
            between = range(count.last, match.first) if side == "before" else range(match.last, count.first)
            if all(_adjacent_filler(toks[k]) for k in between):  # ANNOTATION.md: span with an adjacent count
                start, end = min(start, toks[count.first].start), max(end, toks[count.last - 1].end)
                end = _extend_people(toks, count, end) if side == "after" else end
            value, approximate, explicit = count.value, count.approximate, True
            how = (f"count {value if value is not None else 'vague'} from '{count.phrase}' {side} it"
                   + (" (approximate)" if approximate else ""))
        else:
            number = _implicit_number(ctx, match)
            value, approximate, explicit = (1, False, False) if number == "sing" else (None, False, False)
            how = "singular form: one person" if value == 1 else "no count stated"
        explanation = f"{entry.id} ({entry.kind}) matched '{surface}' as {entry.category}; {how}"
        accepted.append(CasualtyMention(entry.category, value, approximate, start, end, entry.id, explanation,
                                        explicit, match.first, match.last))
    return _group(accepted, toks, utterances), rejected


def _breaks(text: str, toks: list[Tok], utterances) -> set[int]:
    """Token indices that start a new line or utterance (windows never cross them)."""
    starts = sorted({start for start, _ in utterances[1:]})
    breaks, pointer = set(), 0
    for i in range(1, len(toks)):
        gap_start, gap_end = toks[i - 1].end, toks[i].start
        while pointer < len(starts) and starts[pointer] < gap_start:
            pointer += 1
        if "\n" in text[gap_start:gap_end] or (pointer < len(starts) and starts[pointer] <= gap_end):
            breaks.add(i)
    return breaks


def _adjacent_filler(tok: Tok) -> bool:
    """Tokens that keep a count adjacent to its code word: dashes, commas, "наших", "тяжёлых", "человек"."""
    return tok.is_punct or tok.key in _MODIFIERS or tok.key in _people() or tok.key in _ADJACENT_WORDS


def _extend_people(toks: list[Tok], count: NumberExpr, end: int) -> int:
    k = count.last
    if k < len(toks) and toks[k].key in _NOUN_READINGS["count of people"]:
        return toks[k].end
    return end


def _group(mentions: list[CasualtyMention], toks: list[Tok], utterances) -> list[CasualtyMention]:
    """Merge mentions of one group within an utterance (ANNOTATION.md: one entry per group)."""
    starts = [start for start, _ in utterances]

    def utterance_of(position: int) -> int:
        return bisect.bisect_right(starts, position) - 1

    result: list[CasualtyMention] = []
    groups: dict[tuple[int, str], list[int]] = {}  # (utterance, category) -> indices into result
    for mention in mentions:
        new_group = mention.first > 0 and any(
            toks[k].key in _NEW_GROUP for k in range(max(0, mention.first - 3), mention.first))
        target = None
        key = (utterance_of(mention.start), mention.category)
        for index in groups.get(key, ()):
            earlier = result[index]
            if new_group and mention.explicit and earlier.explicit:
                continue
            if mention.explicit and earlier.explicit and mention.count != earlier.count:
                continue
            target = index
        if target is None:
            groups.setdefault(key, []).append(len(result))
            result.append(mention)
            continue
        earlier = result[target]
        if mention.explicit and not earlier.explicit:
            result[target] = replace(mention, explanation=mention.explanation
                                     + f"; same group as the earlier mention ({earlier.term_id})")
        else:
            result[target] = replace(earlier, explanation=earlier.explanation
                                     + f"; '{mention.term_id}' later refers to the same group")
    return result


_COMPILED: dict[int, CompiledLexicon] = {}


def find_casualties(doc: Document, compiled: CompiledLexicon | None = None):
    """Casualty mentions and rejected readings in ``doc``: ``(mentions, rejected)``."""
    compiled = compiled or compile_lexicon(load_lexicon())
    _COMPILED[id(compiled)] = compiled
    return _find_cached(doc.text, id(compiled), doc.language, doc.utterance_ranges)


@register("casualties")
class CasualtyAnnotator:
    """Casualty mentions (killed, wounded, refused, missing, captured, deserted) with counts."""

    name = "casualties"

    def __init__(self, lexicon=None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.version = f"{PRODUCER_VERSION}+lex{self.lexicon.digest[:8]}"

    def annotate(self, doc: Document) -> list[Finding]:
        """One CASUALTY finding per mention (label = category; attributes: count, approximate, term_id)."""
        mentions, _ = find_casualties(doc, compile_lexicon(self.lexicon))
        producer = f"{self.name}.{self.version}"
        return [
            Finding(
                kind=FindingKind.CASUALTY, label=m.category, start=m.start, end=m.end,
                text=doc.text[m.start : m.end], score=1.0, producer=producer, explanation=m.explanation,
                attributes={"category": m.category, "count": m.count, "approximate": m.approximate,
                            "term_id": m.term_id},
            )
            for m in mentions
        ]

