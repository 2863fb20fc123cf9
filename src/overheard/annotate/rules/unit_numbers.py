"""A unit's number where the formation word is not beside it (branch units20; ANNOTATION.md, Personal data, UNIT).

Three shapes the formation patterns of :mod:`.patterns` cannot see: a military unit number said in words after its
prefix ("вэ чэ девять четыре семь один два", "часть сорок семь ноль девяносто"); an ordinal in digits standing alone
for a brigade or a regiment ("377-й стоит под Кременной", "его из 47-го перевели"), which above 31 is no date and
below 1900 no year; and the number of a unit found in the text said again alone ("в 155-й бригаде ... в 155-й",
"сто пятьдесят пятой бригады ... в сто пятьдесят пятой"). Each is dropped when a noun it qualifies follows it
("в 134-й раз", "на 50-м километре"). The words are data (``lexicons/entity_patterns.yaml``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from overheard.annotate import cues
from overheard.text import parses

_NOT_QUALIFIED = frozenset({"PREP", "CONJ", "VERB", "INFN", "PRCL", "ADVB", "NPRO", "GRND", "NUMR"})


def qualified(after: str, cases: set) -> bool:
    """Whether the word after a bare ordinal is a noun it qualifies ("в 134-й раз"), read in both languages: a word
    either dictionary knows as a preposition, verb or other function word is not ("з 128-ї кажуть", "у 93-й під
    Бахмутом": a guess of the other language's dictionary read "кажуть" and "під" as nouns). ``cases``: the cases
    the ordinal can be in (empty: any)."""
    low = after.lower()
    found = [p for lang in ("ru", "uk") for p in parses(low, lang)[:4]]
    known = [p for p in found if p.is_known and p.score >= 0.2]
    if any(p.tag.POS in ("PREP", "NUMR") for p in known):
        return False  # "під" and "троє" are nouns too to the Ukrainian dictionary, but never after an ordinal
    if known and all(p.tag.POS in _NOT_QUALIFIED or "Apro" in str(p.tag) for p in known):
        return False  # "наша 155-я своё отвоевала": a pronoun's adjective qualifies a noun said later, or none
    return any(p.tag.POS in ("NOUN", "ADJF") and p.score >= 0.2 and (not cases or p.tag.case in cases)
               for p in (known or word_parses(after)))


def word_parses(word: str):
    """The readings of ``word`` in the language its letters suggest (Ukrainian when it has і, ї, є or ґ)."""
    return parses(word.lower(), "uk" if re.search("[іїєґ]", word.lower()) else "ru")


def ordinal_cases(word: str) -> set:
    """The cases an ordinal word can be in, read by both dictionaries ("десятому": dative in Russian, dative or
    locative in Ukrainian)."""
    if not word.replace("'", "").isalpha():
        return set()
    return {p.tag.case for lang in ("ru", "uk") for p in parses(word.lower(), lang)[:6] if p.tag.POS == "ADJF"}


# ------------------------------------------------------------------------------------------ spoken unit numbers
@lru_cache(maxsize=1)
def number_words() -> dict[str, int]:
    """Every number word of a number dictated in words (``dictated_*`` lists, nominative) -> how many digits it
    stands for (a hundred: three, a ten or a teen: two, a digit: one)."""
    out: dict[str, int] = {}
    for name, size in (("dictated_digits", 1), ("dictated_teens", 2), ("dictated_tens", 2),
                       ("dictated_hundreds", 3)):
        for word in cues.table(name):
            out[word.lower()] = size
    return out


@lru_cache(maxsize=1)
def _spoken_pattern() -> re.Pattern[str]:
    words = "|".join(sorted(map(re.escape, number_words()), key=len, reverse=True))
    prefix = f"{cues.regex('spoken_unit_prefixes')}|(?P<bare>{cues.regex('spoken_unit_bare_prefixes')})"
    thousands = cues.regex("spoken_thousands")
    run = rf"(?P<run>(?:{words})(?:\s+(?:{words}|{thousands}))*)(?![\w'-])"
    return re.compile(rf"(?<![\w-])(?:{prefix})\s*(?:[№#-]\s*)?(?:[аa]\s+)?{run}", re.IGNORECASE)


def spoken_unit_numbers(text: str) -> list[tuple[int, int, str]]:
    """Military unit numbers said in words after "в/ч", "вэ чэ", "войсковая часть", "військова частина" (three digits
    or more) or "часть"/"частина" alone (four or more); a thousand may stand inside ("пятьдесят две тысячи триста
    восемь")."""
    out = []
    sizes = number_words()
    for match in _spoken_pattern().finditer(text):
        said = [word for word in match.group("run").split() if word.lower() in sizes]  # a thousand is no digit
        digits = _digits(said, sizes)
        if digits >= (4 if match.group("bare") else 3):
            out.append((match.start(), match.end(), "unit:vch (in words)"))
    return out


def _digits(words: list[str], sizes: dict[str, int]) -> int:
    """How many digits a run of number words reads as: a hundred, ten and digit in a row are one group."""
    digits, previous = 0, 0
    for word in words:
        size = sizes[word.lower()]
        if 0 < size < previous and word.lower() not in ("ноль", "нуль"):
            previous = size
            continue  # "сорок семь": the digit completes the ten, "сто двадцать": the ten the hundred
        digits += size
        previous = size if size > 1 else 0
    return digits


_UKRAINIAN_NUMBER = re.compile(r"(?<![\w/.-])[АAаa]\d{4}(?![\w-])")


def ukrainian_unit_numbers(text: str) -> list[tuple[int, int, str]]:
    """A Ukrainian military unit number by itself: "А" and four digits ("номер частини А4321", "пиши на А0536")."""
    return [(m.start(), m.end(), "unit:vch (Ukrainian number)") for m in _UKRAINIAN_NUMBER.finditer(text)]


# --------------------------------------------------------------------------------------- ordinals in digits alone
@lru_cache(maxsize=1)
def _digit_ordinal() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w./,:-])((\d{{2,4}})-(?:{cues.regex('ordinal_digit_endings')}))(?![\w-])\s*([^\W\d_]*)",
                      re.IGNORECASE)


_CODES = frozenset({200, 300, 400, 500, 600})  # "Один 300-й, вывезли": a casualty code (ANNOTATION.md), "600-й": a car


def digit_ordinals(text: str) -> list[tuple[int, int, str]]:
    """An ordinal in digits above 31 and below 1900 with no noun after it that it qualifies: a unit's number alone
    ("377-й стоит", "из 47-го", "64-а знову на передку"); dates (up to 31), years and casualty codes are left."""
    out = []
    for match in _digit_ordinal().finditer(text):
        number = int(match.group(2))
        if number <= 31 or number >= 1900 or match.group(2).startswith("0") or number in _CODES:
            continue
        if match.group(3) and qualified(match.group(3), set()):
            continue
        out.append((match.start(1), match.end(1), "unit:number"))
    return out


# ---------------------------------------------------------------------------------------- ordinals in words alone
@lru_cache(maxsize=1)
def _word_ordinal() -> re.Pattern[str]:
    """Cardinals then an ordinal in a singular form, above 31: no tens of twenty or thirty alone first, never a
    casualty code's ordinal last ("сорок двухсотых" is a count of the dead)."""
    cardinals = cues.regex("cardinal_prefixes")
    ordinals = cues.regex("ordinal_stems")
    return re.compile(rf"(?<![\w'-])(?<!тысяча\s)(?<!тисяча\s)(?<!девятьсот\s)(?<!дев'ятсот\s)"
                      rf"((?!(?:двадцат|тридцат|двадцят|тридцят)\w*\s+(?!{cardinals}\s))"
                      rf"(?!тысяча\s+девятьсот|тисяча\s+дев'ятсот)(?:{cardinals}\s+){{1,3}}"
                      rf"(?!{cues.regex('casualty_code_ordinals')})(?:{ordinals})[а-яіїєё']*?"
                      rf"{cues.regex('singular_ordinal_endings')})(?![\w'-])\s*([^\W\d_]*)", re.IGNORECASE)


_HUNDRED = re.compile(r"(?:сто|двести|триста|четыреста|пятьсот|шестьсот|семьсот|восемьсот|девятьсот|двісті"
                      r"|чотириста|п'ятсот|шістсот|сімсот|вісімсот|дев'ятсот|тысяча|тисяча)$", re.IGNORECASE)
_FEMININE = re.compile(r"(?:ая|ую|ья|ью|ей|а|(?<!ом|ем)у|ою|ої|ю|я)$")  # not the masculine "сорок третьому"


def word_ordinals(text: str) -> list[tuple[int, int, str]]:
    """An ordinal in words above 31 with no noun after it that it qualifies: a unit's number alone ("пятьсот
    двенадцатый", "сто п'ятдесят п'ятий знову"); below a hundred only a feminine one, a brigade ("девяносто третья
    опять на передке"), as a masculine one is a year or a size ("в сорок третьем", "берцы сорок третий"); dates
    ("двадцать пятого") and years ("тысяча девятьсот сорок пятом") are left."""
    out = []
    for match in _word_ordinal().finditer(text):
        words = match.group(1).split()
        last = words[-1]
        if not any(_HUNDRED.match(word) for word in words) and not _FEMININE.search(last.lower()):
            continue
        if match.group(2) and qualified(match.group(2), ordinal_cases(last)):
            continue
        out.append((match.start(1), match.end(1), "unit:number (in words)"))
    return out


_FINITE = frozenset({"VERB"})


def acting_word_ordinals(text: str) -> list[tuple[int, int, str]]:
    """A feminine ordinal in words with a hundred or a ten before it, the subject of the verb right after it, in a
    text that names no formation: a brigade by its number alone ("Сто п'ятдесят п'ята стоїть в Покровську?", "двести
    первая зашла"; callsigns30; "Сімдесят друга тримає Вугледар", callsigns31); a noun it qualifies after it ("сто
    пятая маршрутка") is no verb."""
    out = []
    for match in _word_ordinal().finditer(text):
        words = match.group(1).split()
        if len(words) < 2 or not _FEMININE.search(words[-1].lower()) \
                or "nomn" not in ordinal_cases(words[-1]) or not match.group(2):
            continue
        if any(p.tag.POS in _FINITE and p.score >= 0.3 for p in word_parses(match.group(2))[:2]):
            out.append((match.start(1), match.end(1), "unit:number (in words, the subject of a verb)"))
    return out


# ------------------------------------------------------------------------------- a found unit's number said again
_ENDINGS = (r"(?:ого|его|ому|ему|ього|ьому|ыми|ими|ой|ей|ий|ый|ая|яя|ую|юю|ым|им|ом|ем|ої|ій|ою|ьої|ьою|ім|а|я|у|ю"
            r"|е|є|і)")
_STEM = re.compile(rf"^(.+?)ь?{_ENDINGS}$")


_JOINS = r"(?:,|\s(?:и|і|й|та|або|или|чи))"


@lru_cache(maxsize=2)
def _joined_before(ordinal: str) -> re.Pattern[str]:
    """An ordinal and a join ("и", "і", "та", a comma) at the end of a text: what :func:`coordinated_ordinals` looks
    for before a unit (built once, not per text)."""
    return re.compile(rf"(?<![\w-])({ordinal})\s*{_JOINS}\s*$", re.IGNORECASE)


def coordinated_ordinals(text: str, found: list[tuple[int, int, str]], ordinal: str) -> list[tuple[int, int, str]]:
    """Ordinals joined by "и"/"і"/"та" or a comma to a numbered unit found, the formation word said once after the
    last ("22-а і 33-я бригади", "с 3-го и 4-го батальонов", "из седьмой и девятой рот"): each is a unit of its own.
    ``ordinal`` is the unit pattern's ordinal (digits with an ending, or an ordinal in words)."""
    before = _joined_before(ordinal)
    out = []
    for start, _end, rule in found:
        if rule != "unit:numbered":
            continue
        at = start
        for _ in range(4):
            match = before.search(text[max(0, at - 60) : at])
            if match is None or re.fullmatch(r"\d+", match.group(1)):
                break  # a bare number ("их было 20, и 3-я рота ушла") may be a count
            if not match.group(1)[:1].isdigit() and not ordinal_cases(match.group(1).split()[-1]):
                break  # a cardinal ("квадрат сорок два сімнадцять, 92-га бригада"), not an ordinal
            first = max(0, at - 60) + match.start(1)
            out.append((first, first + len(match.group(1)), "unit:numbered (joined to the next)"))
            at = first
    return out


def repeated_numbers(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The number of a unit already found, said again alone ("в 24-й бригаде ... в 24-й", "сорок седьмой бригады ...
    из сорок седьмой"), in the same spelling; ten and above only ("вторая", "третьей" alone are no unit), and not
    where a noun it qualifies follows it."""
    keys = set()
    for start, end, _rule in found:
        key = _number_key(text[start:end])
        if key:
            keys.add(key)
    if not keys:
        return []
    out = []
    for key in keys:
        for match in re.finditer(rf"(?<![\w-]){key}(?![\w-])\s*([^\W\d_]*)", text, re.IGNORECASE):
            if any(s <= match.start() < e for s, e, _ in found):
                continue
            words = match.group().split()
            last = words[-2] if match.group(1) else words[-1]
            if match.group(1) and qualified(match.group(1), ordinal_cases(last.split("-")[0]) if not
                                            last[:1].isdigit() else set()):
                continue
            end = match.end() - len(match.group(1)) if match.group(1) else match.end()
            out.append((match.start(), len(text[:end].rstrip()), "unit:number (said again)"))
    return out


@lru_cache(maxsize=1)
def _number_head() -> re.Pattern[str]:
    cardinals = cues.regex("cardinal_prefixes")
    return re.compile(rf"(?:№\s?)?(?:(\d{{2,4}})(?:-[а-яіїє]{{1,3}})?|((?:{cardinals}\s+){{0,3}})([а-яіїєё']+))"
                      r"(?=\s|$)", re.IGNORECASE)


def _number_key(chunk: str) -> str:
    """A regular expression for the number a unit phrase starts with, in any case form ("" for one below ten)."""
    match = _number_head().match(chunk)
    if match is None:
        return ""
    if match.group(1):
        return rf"{match.group(1)}(?:-[а-яіїє]{{1,3}})?" if int(match.group(1)) >= 10 else ""
    cardinals, last = match.group(2).split(), match.group(3).lower()
    stem = _STEM.match(last)
    if stem is None or not cardinals and (not re.search(cues.regex("tens_ordinal_stems") + "|надцат|надцят", last)
                                          or re.match(cues.regex("casualty_code_ordinals"), last)):
        return ""  # below ten, or a casualty code alone ("трёхсотый из трёхсотой бригады" is a wounded man)
    return r"\s+".join([*map(re.escape, cardinals), re.escape(stem.group(1)) + "ь?" + _ENDINGS])


# ------------------------------------------------------------------------------------- the formation word left out
@lru_cache(maxsize=1)
def _adjective_unit() -> re.Pattern[str]:
    cardinal = rf"(?:{cues.regex('cardinal_prefixes')}\s+){{0,3}}"
    ordinal = rf"(?:\d{{1,4}}-[а-яіїє]{{1,3}}|{cardinal}{cues.regex('ordinal_stems')}[а-яіїєё']*)"
    adjective = rf"{cues.regex('unit_adjectives')}[а-яіїєё]*"
    return re.compile(rf"(?<![\w-])({ordinal}\s+(?:{adjective}\s+)?{adjective})(?![\w-])\s*([^\W\d_]*)", re.IGNORECASE)


def adjective_units(text: str) -> list[tuple[int, int, str]]:
    """A unit's number and the adjectives of its kind with the formation word left out ("перейти в 3-тю штурмову",
    "из сорок седьмой отдельной"); not where a noun they qualify follows ("на 5-й штурмовой позиции")."""
    out = []
    for match in _adjective_unit().finditer(text):
        if match.group(2) and qualified(match.group(2), ordinal_cases(match.group(1).split()[-1])):
            continue
        out.append((match.start(1), match.end(1), "unit:adjectives (formation left out)"))
    return out


_FEMININE_ORDINAL = r"(?:ая|ой|ей|ую|ья|ью|ьей|а|ої|ій|у|ою|я|ю|ьої|ьою)"


@lru_cache(maxsize=1)
def _company_number() -> re.Pattern[str]:
    words = rf"{cues.regex('ordinal_stems')}[а-яіїє']*?{_FEMININE_ORDINAL}"
    # Ukrainian feminine endings of every ordinal ("1-ша", "2-гої", "3-тя", "3-тьої", "7-мій"; callsigns30)
    digits = (r"\d{1,2}-(?:й|я|ю|ой|ей|ї|ої|а|у|ую|ою|та|тої|тій|тою|га|гої|гій|гу|гою|ту|ша|шої|шій|шу|шою|тя|тьої|тю"
              r"|тьою|ма|мої|мій|мою)")
    # after a colon too: a list of companies ("По ротах: 1-ша — 3 трьохсотих, 2-га — чисто")
    return re.compile(rf"(?<![\w-])(?:(?P<before>{cues.regex('elliptic_unit_before')}\s+|(?<=[,—–:])\s*))?"
                      rf"({digits}|{words})(?![\w'-])\s*([^\W\d_]*)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _feminine_formation() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){cues.regex('feminine_formations')}", re.IGNORECASE)


def company_numbers(text: str) -> list[tuple[int, int, str]]:
    """A feminine ordinal alone after a preposition or a comma, up to 120 characters after a feminine formation word:
    that company's or brigade's number ("з нашої роти, з четвертої", "у 2-й роті тихо, я в 1-й"); not where a noun it
    qualifies follows ("в роте ... с третьей попытки")."""
    out = []
    for match in _company_number().finditer(text):
        if match.group("before") is None and match.start() == match.start(2):
            # no preposition or comma: only right after the formation word itself ("нашу роту седьмую отвели")
            previous = re.search(r"(\w+)\s+$", text[max(0, match.start() - 30) : match.start()])
            if previous is None or not _feminine_formation().match(previous.group(1)):
                continue
        elif _feminine_formation().search(text, max(0, match.start() - 120), match.start()) is None:
            continue
        last = match.group(2)
        if last.lower() in number_words():
            continue  # a cardinal ("рота с девяноста до тридцати семи")
        if match.group(3) and qualified(match.group(3), ordinal_cases(last) if not last[:1].isdigit() else set()):
            continue
        out.append((match.start(2), match.end(2), "unit:number (after its formation)"))
    return out
