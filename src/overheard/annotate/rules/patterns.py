"""Pattern finders for entities that have a shape: phone numbers, military units, call signs.

Phone numbers are found in digits ("+7 (912) 345-67-89", "067 123 45 67", "89123456789")
and dictated in words ("восемь девятьсот двенадцать триста сорок пять ..."). Units are
numbered formations ("в/ч 12345", "200-я бригада", "1-я рота 3-го батальона", "93 ОМБр") and
named ones ("ЧВК Вагнер"). Call signs are words introduced by "позывной"/"позивний" or
used in radio address ("Гром, я Кедр"). Bare casualty codes ("200", "груз 200",
"двухсотые") never match any of these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from overheard.text import fold


@dataclass(frozen=True)
class PatternMatch:
    """A span found by a pattern, with the rule that fired and a normal form."""

    label: str
    start: int
    end: int
    normal: str
    rule: str
    score: float = 0.9


# ------------------------------------------------------------------------------------ phones

_PHONE_DIGITS = re.compile(r"(?<![\w+])(\+\s?)?\d(?:[\s().\-–]{0,3}\d){8,13}(?!\w)")


def _valid_phone(digits: str, plus: bool) -> str | None:
    """Normalise a digit string to +CC... when it looks like a RU/UA/BY phone number."""
    if len(digits) == 11 and digits[0] in "78":
        return "+7" + digits[1:]
    if len(digits) == 12 and digits.startswith(("380", "375")):
        return "+" + digits
    if len(digits) == 10 and digits[0] == "0":
        return "+38" + digits
    if len(digits) == 10 and digits[0] == "9":
        return "+7" + digits
    if plus and 10 <= len(digits) <= 13:
        return "+" + digits
    return None


_PHONE_CONTEXT = re.compile(
    r"(?:номер|телефон|тел\.|мобильн|мобільн|звони|звоните|набери|наберите|запиши|запишите|записуй|"
    r"подзвони|дзвони|набирай)[^\n]{0,25}$",
    re.IGNORECASE,
)
_LOCAL_PHONE = re.compile(r"(?<![\w+])\d{2,3}[\s-]\d{2}[\s-]\d{2}(?![\w-])|(?<![\w+])\d{7}(?!\w)")


def _phone_context(text: str, start: int) -> bool:
    return bool(_PHONE_CONTEXT.search(text[max(0, start - 40) : start]))


def find_digit_phones(text: str) -> list[PatternMatch]:
    """Phone numbers written in digits with any of the usual separators (7-digit local ones after "номер")."""
    out = []
    for match in _LOCAL_PHONE.finditer(text):
        if _phone_context(text, match.start()) and not re.search(r"\d[\s-]*$", text[: match.start()]):
            digits = re.sub(r"\D", "", match.group())
            out.append(PatternMatch("PHONE", match.start(), match.end(), digits, "phone:local", 0.75))
    for match in _PHONE_DIGITS.finditer(text):
        chunk = match.group()
        if re.search(r"\d[.]\d\d[.]\d", chunk) and not chunk.startswith("+"):
            continue  # a date such as 12.05.2023
        digits = re.sub(r"\D", "", chunk)
        normal = _valid_phone(digits, bool(match.group(1)))
        if normal:
            out = [m for m in out if not (m.start < match.end() and match.start() < m.end)]
            out.append(PatternMatch("PHONE", match.start(), match.end(), normal, "phone:digits"))
    return out


_UNITS = {
    "ноль": 0, "нуль": 0, "один": 1, "одна": 1, "одно": 1, "два": 2, "две": 2, "дві": 2, "три": 3,
    "четыре": 4, "чотири": 4, "пять": 5, "п'ять": 5, "шесть": 6, "шість": 6, "семь": 7, "сім": 7,
    "восемь": 8, "вісім": 8, "девять": 9, "дев'ять": 9,
}
_TEENS = {
    "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14,
    "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19,
    "одинадцять": 11, "дванадцять": 12, "тринадцять": 13, "чотирнадцять": 14, "п'ятнадцять": 15,
    "шістнадцять": 16, "сімнадцять": 17, "вісімнадцять": 18, "дев'ятнадцять": 19, "десять.": 10,
}
_TENS = {
    "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70,
    "восемьдесят": 80, "девяносто": 90, "двадцять": 20, "тридцять": 30, "п'ятдесят": 50,
    "шістдесят": 60, "сімдесят": 70, "вісімдесят": 80, "дев'яносто": 90,
}
_HUNDREDS = {
    "сто": 100, "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500, "шестьсот": 600,
    "семьсот": 700, "восемьсот": 800, "девятьсот": 900, "двісті": 200, "чотириста": 400,
    "п'ятсот": 500, "шістсот": 600, "сімсот": 700, "вісімсот": 800, "дев'ятсот": 900,
}
_NUMBER_TOKEN = re.compile(r"\+|[^\W\d_]+(?:'[^\W\d_]+)?|\d+", re.UNICODE)
_GAP = re.compile(r"^[\s,.\-–—]*$")


def _token_value(word: str) -> tuple[str, int] | None:
    w = fold(word)
    if w.isdigit():
        return ("digits", 0)
    for kind, table in (("unit", _UNITS), ("teen", _TEENS), ("ten", _TENS), ("hundred", _HUNDREDS)):
        if w in table:
            return (kind, table[w])
    if w == "плюс":
        return ("plus", 0)
    return None


def find_word_phones(text: str) -> list[PatternMatch]:
    """Phone numbers dictated in words (mixed with digits), 10-12 digits long."""
    tokens = [(m.start(), m.end(), m.group()) for m in _NUMBER_TOKEN.finditer(text)]
    out: list[PatternMatch] = []
    i = 0
    while i < len(tokens):
        run = []
        j = i
        while j < len(tokens):
            value = _token_value(tokens[j][2])
            if value is None or (run and not _GAP.match(text[tokens[j - 1][1] : tokens[j][0]])):
                break
            if value[0] == "plus" and run:
                break
            run.append((tokens[j], value))
            j += 1
        words = [t for t, v in run if v[0] not in ("digits", "plus")]
        if len(words) >= 3:
            digits = _compose(run)
            normal = _valid_phone(digits, run[0][1][0] == "plus")
            if normal is None and 7 <= len(digits) <= 13 and _phone_context(text, run[0][0][0]):
                normal = digits  # a local number dictated after "номер"
            if normal:
                out.append(PatternMatch("PHONE", run[0][0][0], run[-1][0][1], normal, "phone:words", 0.85))
                i = j
                continue
        i = max(j, i + 1)
    return out


def _compose(run) -> str:
    """Concatenate the digit groups of a dictated number ("девятьсот двенадцать" → "912")."""
    groups: list[str] = []
    current: int | None = None
    stage = 0  # 3 after hundreds, 2 after tens, 1 after units/teens
    for (_, _, word), (kind, value) in run:
        if kind == "plus":
            continue
        if kind == "digits":
            if current is not None:
                groups.append(str(current))
                current = None
            groups.append(word)
            stage = 0
            continue
        rank = {"hundred": 3, "ten": 2, "teen": 1, "unit": 1}[kind]
        # a ten or a teen only continues a hundred ("девятьсот двенадцать"); a unit continues either
        joins = stage == 3 if kind in ("ten", "teen") else stage in (2, 3)
        if current is not None and joins and not (kind == "unit" and value == 0):
            current += value
        else:
            if current is not None:
                groups.append(str(current))
            current = value
        stage = rank if kind != "teen" else 1
        if kind == "unit" and value == 0:
            groups.append("0")
            current, stage = None, 0
    if current is not None:
        groups.append(str(current))
    return "".join(groups)


# ------------------------------------------------------------------------------------- units

_ORDINAL_WORDS = (
    r"перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|одиннадцат|двенадцат|"
    r"друг(?=ий|а\b|ої|ого|ому|ій|у\b)|трет|четверт|п'ят|шост|сьом|восьм|дев'ят|десят"
)
_CARDINAL_PREFIX = (
    r"(?:(?:сто|двести|триста|четыреста|пятьсот|двісті|чотириста|п'ятсот|двадцать|тридцать|сорок|пятьдесят|"
    r"шестьдесят|семьдесят|восемьдесят|девяносто|двадцять|тридцять|п'ятдесят|шістдесят|сімдесят|вісімдесят|"
    r"дев'яносто)\s+){0,2}"
)
_ORDINAL = rf"(?:\d{{1,4}}(?:-?[а-яіїєё]{{1,3}})?|{_CARDINAL_PREFIX}(?:{_ORDINAL_WORDS})[а-яіїєё]*)"
_ADJ = r"(?:[а-яіїєё]+(?:-[а-яіїєё]+)?(?:ая|ой|ую|ый|ий|ого|ому|ом|ые|ых|ым|ими|а|ої|ій|у|ою|і|их|им)\s+)"
_FORMATION = (
    r"(?:бригад|полк|батальон|батальйон|бат\b|рот[аыуеойіи]|рот\b|взвод|дивизи|дивізі|арми|армі|корпус|"
    r"отряд|загін|загон|загону|флотили|эскадрил|ескадрил|сотн|бтгр|бтг\b|омсбр|омбр|обрмп|одшбр|"
    r"ошбр|мсбр|мсп\b|мсд\b|дшб|дшбр|вдд|обр\b|оабр|опсп|ошб|мсб\b|тд\b|тп\b|оп\b|сп\b|ап\b|пдп|"
    r"гв\.?\s?мсп|гвмсп|оскн|обспп|оэвп|оэб|ооб|пп\b|абр|ракетн\w* бригад)"
)
_UNIT_TAIL = (
    r"(?:\s+(?:морской пехоты|морської піхоти|специального назначения|спеціального призначення|спецназа|"
    r"особого назначения|ВДВ|ВМФ|ДШВ|ССО|ГУР|НГУ|ТрО))?"
)
_UNIT_NUMBERED = re.compile(
    rf"(?<![\w-])(?:№\s?)?{_ORDINAL}\s+{_ADJ}{{0,3}}{_FORMATION}[а-яіїєё]*{_UNIT_TAIL}", re.IGNORECASE
)
_UNIT_REVERSED = re.compile(
    rf"(?<![\w-]){_FORMATION}[а-яіїєё]*\s+(?:№\s?)?\d{{1,4}}(?![-\w])(?!\s*(?:человек|чел|людей|люд|бойц|солдат|душ|штук|метр|км|двухсот|двохсот|тр[её]хсот|трьохсот|пятисот|п'ятисот|раненых|погибш|убит|поранен|загибл))",
    re.IGNORECASE,
)
_UNIT_VCH = re.compile(
    r"(?<![\w])(?:в\s?/\s?ч|в\.\s?ч\.|вч|войсков\w*\s+част\w*|військов\w*\s+частин\w*|ВЧ|в/ч)"
    r"\s*[№#-]?\s*(?:[АAВB]\s?-?\s?)?\d{3,5}\b",
    re.IGNORECASE,
)
_UNIT_NAMED = re.compile(
    r"(?<![\w])(?:ЧВК|пвк|чвк|PMC)\s*[«\"“]?[А-ЯЁІЇЄA-Zа-яёіїє][\w-]+[»\"”]?"
    r"|(?<![\w])(?:батальон|батальйон|бригад|полк|отряд|загін|загон)[а-яіїєё]*\s+[«\"“][^»\"”]{2,30}[»\"”]"
    r"|(?<![\w])(?:Шторм|шторм)[\s-]?[ZVzv](?![\w])",
)


def find_units(text: str) -> list[PatternMatch]:
    """Numbered and named military formations; adjacent ones ("1-я рота 3-го батальона") merge."""
    spans: list[tuple[int, int, str]] = []
    for rule, regex in (("unit:vch", _UNIT_VCH), ("unit:numbered", _UNIT_NUMBERED),
                        ("unit:reversed", _UNIT_REVERSED), ("unit:named", _UNIT_NAMED)):
        for match in regex.finditer(text):
            chunk = match.group().rstrip()
            if rule == "unit:numbered" and not _has_number(chunk):
                continue
            spans.append((match.start(), match.start() + len(chunk), rule))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    merged: list[list] = []
    for start, end, rule in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            continue
        if merged and not text[merged[-1][1] : start].strip() and rule == "unit:numbered":
            merged[-1][1] = end  # "1-я рота 3-го батальона"
            continue
        merged.append([start, end, rule])
    return [PatternMatch("UNIT", s, e, _unit_normal(text[s:e]), r) for s, e, r in merged]


def _has_number(chunk: str) -> bool:
    return bool(re.match(rf"(?:№\s?)?\d|{_CARDINAL_PREFIX}(?:{_ORDINAL_WORDS})", chunk.lower()))


def _unit_normal(chunk: str) -> str:
    return re.sub(r"\s+", " ", chunk.strip().lower())


# -------------------------------------------------------------------------------- call signs

_CALLSIGN_INTRO = re.compile(
    r"(?<![\w])(?:позывн|позивн)[а-яіїєё]*\s*(?:(?:у\s+(?:него|нього|неё|нее|неї)|его|його|был|був|была|була)\s+)?"
    r"(?:[-—–:]\s*)?[«\"“]?([А-ЯЁІЇЄа-яёіїєA-Za-z][\w'-]*)[»\"”]?",
    re.IGNORECASE,
)
_ON_AIR = re.compile(
    r"(?<![\w])([А-ЯЁІЇЄ][а-яёіїє]{2,})(?=\s*,?\s*(?:на связи|на зв'язку|на приёме|на приеме|при[её]м\b|прийом\b))"
)
_RADIO = re.compile(
    r"(?<![\w])([А-ЯЁІЇЄ][а-яёіїє]+)\s*,\s*(?:я|тут)\s+([А-ЯЁІЇЄа-яёіїє][а-яёіїє]+)\b"
    r"(?=[\s,.!]*(?:при[её]м|прийом|как слышно|як чути|ответь|відповідай|на связи|на зв'язку))",
)


def find_callsign_intros(text: str) -> list[PatternMatch]:
    """Call signs introduced explicitly ("позывной Гром", "с позывным «Шаман»") or in radio address."""
    out = []
    for match in _CALLSIGN_INTRO.finditer(text):
        word = match.group(1)
        if fold(word) in _NOT_CALLSIGN:
            continue
        out.append(PatternMatch("CALLSIGN", match.start(1), match.end(1), word[:1].upper() + word[1:],
                                "callsign:intro"))
    for match in _ON_AIR.finditer(text):
        if fold(match.group(1)) not in _NOT_CALLSIGN:
            out.append(PatternMatch("CALLSIGN", match.start(1), match.end(1), match.group(1), "callsign:on-air", 0.8))
    for match in _RADIO.finditer(text):
        for group in (1, 2):
            out.append(PatternMatch("CALLSIGN", match.start(group), match.end(group),
                                    match.group(group)[:1].upper() + match.group(group)[1:], "callsign:radio"))
    return out


_NOT_CALLSIGN = frozenset(
    "у его её ее его у него у нее какой який такой його її был була був есть нет не мой твой свой "
    "этот тот там кто хто я ты он она мы вы они все всі никто никого ти він вона ми ви вони".split()
)
