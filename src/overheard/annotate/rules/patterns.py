"""Pattern finders for entities that have a shape: military units and call signs (phone numbers: :mod:`.phones`).

Units are numbered formations ("в/ч 12345", "200-я бригада", "1-я рота 3-го батальона", "93 ОМБр") and
named ones ("ЧВК Вагнер"). Call signs are words introduced by "позывной"/"позивний" or
used in radio address ("Гром, я Кедр"). Bare casualty codes ("200", "груз 200",
"двухсотые") never match any of these. The words of every pattern are data
(``lexicons/entity_patterns.yaml``); the patterns are built from them on first use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.gates import WordStartGates, contains_any, literal_heads
from overheard.annotate.rules.unit_numbers import (
    acting_word_ordinals,
    adjective_units,
    company_numbers,
    coordinated_ordinals,
    digit_ordinals,
    number_words,
    ordinal_cases,
    qualified,
    repeated_numbers,
    spoken_unit_numbers,
    ukrainian_unit_numbers,
    word_ordinals,
)
from overheard.text import fold, parses


@dataclass(frozen=True)
class PatternMatch:
    """A span found by a pattern, with the rule that fired and a normal form."""

    label: str
    start: int
    end: int
    normal: str
    rule: str
    score: float = 0.9


# ------------------------------------------------------------------------------------- units

@dataclass(frozen=True)
class _UnitPatterns:
    """The unit patterns, built from the word lists once."""

    ordinal_words: str
    cardinal_prefix: str
    ordinal: str  # a unit's number: digits with an optional ending, or an ordinal in words
    vch: re.Pattern[str]
    numbered: re.Pattern[str]
    reversed: re.Pattern[str]
    named: re.Pattern[str]


@lru_cache(maxsize=1)
def _unit_patterns() -> _UnitPatterns:
    ordinal_words = cues.regex("ordinal_stems")[3:-1]  # the alternatives, without the group
    cardinal_prefix = rf"(?:{cues.regex('cardinal_prefixes')}\s+){{0,3}}"
    # "3-тьої", "3-тьому" (callsigns30): a Ukrainian ending after a dash may have four or five letters
    ordinal = rf"(?:\d{{1,4}}(?:-?[а-яіїєё]{{1,3}}|-[а-яіїєё]{{4,5}})?|{cardinal_prefix}(?:{ordinal_words})[а-яіїєё]*)"
    adjective = rf"(?:[а-яіїєё]+(?:-[а-яіїєё]+)?{cues.regex('adjective_endings')}\s+)"
    formation = cues.regex("formations")
    tail = rf"(?:\s+{cues.regex('unit_branches')}(?![\w-]))?"  # not "ТрО" of "полку трое"
    numbered = rf"(?<![\w-])(?:№\s?)?{ordinal}\s+{adjective}{{0,3}}{formation}[а-яіїєё]*{tail}"
    reversed_ = (rf"(?<![\w-]){formation}[а-яіїєё]*\s+{cues.regex('unit_number_words')}?\d{{1,4}}(?![-\w])"
                 rf"(?!\s*{cues.regex('not_unit_number')})")
    vch = rf"(?<![\w]){cues.regex('military_unit_prefixes')}\s*[№#-]?\s*(?:[АAВB]\s?-?\s?)?\d{{3,5}}\b"
    named = (rf"(?<![\w]){cues.regex('private_military_companies')}\s*[«\"“]?[А-ЯЁІЇЄA-Zа-яёіїє][\w-]+[»\"”]?"
             rf"|(?<![\w]){cues.regex('named_formations')}[а-яіїєё]*\s+[«\"“][^»\"”]{{2,30}}[»\"”]"
             rf"|(?<![\w]){cues.regex('storm_units')}[\s-]?[ZVzv](?![\w])")
    return _UnitPatterns(ordinal_words, cardinal_prefix, ordinal, re.compile(vch, re.IGNORECASE),
                         re.compile(numbered, re.IGNORECASE), re.compile(reversed_, re.IGNORECASE), re.compile(named))


_DIGIT = re.compile(r"\d")


def find_units(text: str) -> list[PatternMatch]:
    """Numbered and named military formations; adjacent ones ("1-я рота 3-го батальона") merge."""
    spans: list[tuple[int, int, str]] = []
    patterns = _unit_patterns()
    gates = _unit_gates()
    starts = gates.starts.mask(text)  # which word lists' literal letters start a word of the text (rules.gates)
    digit = _DIGIT.search(text) is not None
    # a numbered or reversed unit names its formation at the start of a word: without one, skip both patterns (and
    # without a word that starts with a formation's literal letters, skip the search for one)
    formation = bool(starts & _FORMATIONS) and _formation_start().search(text) is not None
    # a unit number ("в/ч 12345") has digits; a named unit has a company word, "Шторм", or a formation word and a quote
    named = contains_any(text, gates.named) or contains_any(text, gates.named_quoted) and contains_any(text, _QUOTES)
    for rule, regex in (("unit:vch", patterns.vch), ("unit:numbered", patterns.numbered),
                        ("unit:reversed", patterns.reversed), ("unit:named", patterns.named)):
        if not formation and rule in ("unit:numbered", "unit:reversed") or not digit and rule == "unit:vch" \
                or not named and rule == "unit:named":
            continue
        for match in regex.finditer(text):
            chunk = match.group().rstrip()
            if rule == "unit:numbered" and (not _has_number(chunk) or _shelf(chunk)):
                continue
            spans.append((match.start(), match.start() + len(chunk), rule))
    spans += _elliptic_units(text, starts, digit)
    if formation:
        spans += coordinated_ordinals(text, spans, patterns.ordinal)  # "22-а і 33-я бригади"
    # a number alone with nothing before it that names a unit only in a text that names a formation somewhere: in
    # other talk it is a bus, a year, a size or an article of the criminal code ("на пятьсот двенадцатом", "по 228-й")
    if digit:
        spans += ukrainian_unit_numbers(text)  # "номер частини А4321"
    if formation and digit:
        spans += digit_ordinals(text)  # "377-й стоит", "из 47-го"
    if formation:
        spans += company_numbers(text)  # "з нашої роти, з четвертої"
    if starts & _UNIT_ADJECTIVES:
        spans += adjective_units(text)  # "перейти в 3-тю штурмову"
    if formation and starts & _CARDINALS:
        spans += word_ordinals(text)  # "пятьсот двенадцатый", "девяносто третья опять на передке"
    elif starts & _CARDINALS:
        spans += acting_word_ordinals(text)  # "Сто п'ятдесят п'ята стоїть в Покровську?"
    if starts & _NUMBER_WORDS:
        spans += spoken_unit_numbers(text)  # "вэ чэ девять четыре семь один два"
    if spans:
        spans += repeated_numbers(text, spans)  # "в 155-й бригаде ... в 155-й"
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


_QUOTES = ("«", '"', "“")  # what a formation's name in quotes opens with (the named pattern)


_FORMATIONS, _CARDINALS, _HUNDRED_WORDS, _TENS, _NUMBER_WORDS, _UNIT_ADJECTIVES = 1, 2, 4, 8, 16, 32  # the bits of
# _UnitGates.starts


@dataclass(frozen=True)
class _UnitGates:
    """The literal letters the unit patterns' words start with (:mod:`.gates`; None: no gate for that list)."""

    # at a word start: a formation (numbered, reversed); after the elliptic preposition a hundred or a ten ("сто",
    # "сорок"), a hundred alone ("сто", "двісті"), a ten's ordinal stem ("сороков", "двадцят"), a number word of a
    # unit number said in words ("девять", "п'ять": rules.unit_numbers), an adjective of a kind of unit ("штурмов")
    starts: WordStartGates
    named: tuple[str, ...] | None  # a private military company or "Шторм", case-sensitive (named)
    named_quoted: tuple[str, ...] | None  # a formation named in quotes, case-sensitive (named)


@lru_cache(maxsize=1)
def _unit_gates() -> _UnitGates:
    named = [literal_heads(cues.word_list(name).patterns, ignore_case=False)
             for name in ("private_military_companies", "storm_units")]
    starts = WordStartGates([cues.word_list("formations").patterns, cues.word_list("cardinal_prefixes").patterns,
                             _HUNDREDS[3:-1].split("|"), cues.word_list("tens_ordinal_stems").patterns,
                             sorted(number_words()), cues.word_list("unit_adjectives").patterns],
                            whole=(False, True, True, False, True, False))  # whole: a word a space follows
    return _UnitGates(starts, None if None in named else named[0] + named[1],
                      literal_heads(cues.word_list("named_formations").patterns, ignore_case=False))


@lru_cache(maxsize=1)
def _formation_start() -> re.Pattern[str]:
    """A formation word at the start of a word, which the numbered and reversed unit patterns both need: one
    quick search, so a text without one is not tried against either (built once)."""
    return re.compile(rf"(?<![\w-])(?:{cues.regex('formations')})", re.IGNORECASE)


@lru_cache(maxsize=1)
def _elliptic_before() -> re.Pattern[str]:
    """The preposition every elliptic unit pattern starts with, followed by a space (built once)."""
    return re.compile(rf"(?<![\w-]){cues.regex('elliptic_unit_before')}\s+", re.IGNORECASE)


@lru_cache(maxsize=1)
def _elliptic_pattern() -> re.Pattern[str]:
    ending = cues.regex("elliptic_unit_endings")
    return re.compile(rf"(?<![\w-]){cues.regex('elliptic_unit_before')}\s+(\d{{2,3}}-{ending})"
                      r"(?![\w-])\s*([^\W\d_]*)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _elliptic_words_pattern() -> re.Pattern[str]:
    patterns = _unit_patterns()
    prefix = rf"(?:{cues.regex('cardinal_prefixes')}\s+){{1,3}}"
    return re.compile(rf"(?<![\w-]){cues.regex('elliptic_unit_before')}\s+({prefix}(?:{patterns.ordinal_words})"
                      r"[а-яіїєё]*(?:ої|ій|ой|ей|ую|ая|(?<!ом)у|а))(?![\w-])\s*([^\W\d_]*)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _elliptic_tens_pattern() -> re.Pattern[str]:
    """A feminine ordinal of whole tens alone for a brigade ("хлопці з вісімдесятої", "из сороковой")."""
    return re.compile(rf"(?<![\w-]){cues.regex('elliptic_unit_before')}\s+((?:{cues.regex('tens_ordinal_stems')[3:-1]})"
                      r"(?:ої|ой|ей|ую|ая|у))(?![\w-])\s*([^\W\d_]*)", re.IGNORECASE)


_HUNDREDS = (r"(?:сто|двести|триста|четыреста|пятьсот|шестьсот|семьсот|восемьсот|девятьсот|двісті|чотириста"
             r"|п'ятсот|шістсот|сімсот|вісімсот|дев'ятсот)")


@lru_cache(maxsize=1)
def _elliptic_masculine_pattern() -> re.Pattern[str]:
    """A masculine ordinal above a hundred in words for a regiment ("в сто тринадцатом", "з двісті першого"):
    never a year ("в двадцать втором") as those have no hundreds."""
    patterns = _unit_patterns()
    thousand = r"(?:тысяча\s+(?!девятьсот)|тисяча\s+(?!дев'ятсот))?"  # "в тысяча сто восьмом", not a year
    return re.compile(rf"(?<![\w-]){cues.regex('elliptic_unit_before')}\s+({thousand}{_HUNDREDS}\s+"
                      rf"(?:{cues.regex('cardinal_prefixes')}\s+)?(?:{patterns.ordinal_words})"
                      r"[а-яіїєё]*(?:ом|ому|ого|ім))(?![\w-])\s*([^\W\d_]*)", re.IGNORECASE)


def _elliptic_units(text: str, starts: int, digit: bool) -> list[tuple[int, int, str]]:
    """Brigades named by their number alone ("з нашої 117-ї", "в 134-й, під Оріховом", "з сорок сьомої"): a
    feminine ordinal in digits, or in words above twenty, after a preposition, with no noun after it that it
    would qualify ("в 134-й раз", "в сорок седьмой раз"). ``starts`` is the text's :attr:`_UnitGates.starts` mask,
    ``digit`` whether it has a digit."""
    out: list[tuple[int, int, str]] = []
    # after its preposition and a space, each pattern starts with digits, a hundred or a ten ("сорок"), a hundred
    # alone ("сто"), or the stem of a ten's ordinal ("сороков"): a pattern whose start is nowhere is not tried
    tried = (digit, bool(starts & _CARDINALS), bool(starts & _HUNDRED_WORDS), bool(starts & _TENS))
    if not any(tried):
        return out
    before = _elliptic_before().search(text)
    if before is None:
        return out  # no preposition that starts one: none of the four patterns can match
    # each pattern starts with that preposition: none can match before the first one (a lookbehind still sees
    # the text before ``first``)
    first = before.start()
    found = [pattern().finditer(text, first) for pattern, wanted in zip(
        (_elliptic_pattern, _elliptic_words_pattern, _elliptic_masculine_pattern, _elliptic_tens_pattern), tried,
        strict=True) if wanted]
    for match in [match for matches in found for match in matches]:
        after = match.group(2)
        last = match.group(1).split()[-1]
        cases = ordinal_cases(last)  # both dictionaries: "десятому" is locative only to the Ukrainian one
        # a noun after it that it qualifies, in its case ("в сто пятом кабинете"; not "в сто тринадцатом человек")
        if after and qualified(after, cases):
            continue
        out.append((match.start(1), match.end(1), "unit:elliptic"))
    return out


_SHELF = re.compile(r"(?:ой|ей|[\d]-й|ую|ю)\s+(?:[а-яё]+(?:ой|ей|ую)\s+)*полк(?:е|и|ой|у)$", re.IGNORECASE)


def _shelf(chunk: str) -> bool:
    """A feminine ordinal before a form of "полка" (a shelf: "на второй полке", "на 5-ю полку"); a regiment's
    ordinal is masculine ("во втором полку", "второго полка")."""
    return _SHELF.search(chunk) is not None


def _has_number(chunk: str) -> bool:
    return bool(_number_start().match(chunk.lower()))


@lru_cache(maxsize=1)
def _number_start() -> re.Pattern[str]:
    """A digit or an ordinal word at the start of a unit phrase (built once, not per call)."""
    patterns = _unit_patterns()
    return re.compile(rf"(?:№\s?)?\d|{patterns.cardinal_prefix}(?:{patterns.ordinal_words})")


def _unit_normal(chunk: str) -> str:
    return re.sub(r"\s+", " ", chunk.strip().lower())


# -------------------------------------------------------------------------------- call signs

@lru_cache(maxsize=1)
def _callsign_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The call-sign patterns (introduced, on air, radio address), built from the word lists once."""
    intro = re.compile(
        rf"(?<![\w]){cues.regex('callsign_words')}[а-яіїєё]*\s*(?:(?:{cues.regex('callsign_fillers')})\s+){{0,3}}"
        r"(?:[-—–:]\s*)?[«\"“]?(?<![\w])([А-ЯЁІЇЄа-яёіїєA-Za-z][\w'-]*)[»\"”]?",
        re.IGNORECASE,
    )
    on_air = re.compile(rf"(?<![\w])([А-ЯЁІЇЄ][а-яёіїє]{{2,}})(?=\s*,?\s*{cues.regex('on_air')})")
    radio = re.compile(
        rf"(?<![\w])([А-ЯЁІЇЄ][а-яёіїє]+)\s*,\s*{cues.regex('radio_self')}\s+([А-ЯЁІЇЄа-яёіїє][а-яёіїє]+)\b"
        rf"(?=[\s,.!]*{cues.regex('radio_closings')})",
    )
    return intro, on_air, radio


@lru_cache(maxsize=1)
def _said_to_be_callsign() -> re.Pattern[str]:
    """A word, then words that say it is a call sign, then "позывной" ("сапёр это позывной его"), or a dash between
    them ("Жила — позывной у него такой")."""
    return re.compile(rf"(?<![\w'-])([^\W\d_][\w'-]+)(?:\s*[,—–-]?\s*(?:{cues.regex('callsign_said_to_be')})\s+|"
                      rf"\s+[—–-]\s+){cues.regex('callsign_words')}", re.IGNORECASE)  # "Жила — позывной у него"


@lru_cache(maxsize=1)
def _callsign_word_heads() -> tuple[str, ...] | None:
    """The literal beginnings of the words for "call sign" (``callsign_words``) as written in lower case, capitalised
    and in capitals: a text without one has no sign said to be one."""
    heads = literal_heads(cues.word_list("callsign_words").patterns, ignore_case=False)
    return None if heads is None else tuple(h for head in heads for h in (head, head.capitalize(), head.upper()))


_DASH_THEN = re.compile(r"\s+[—–-]\s+\w")
_NOT_A_SIGN = frozenset({"VERB", "INFN", "NPRO", "PREP", "CONJ", "PRCL", "ADVB", "INTJ", "PRED", "GRND", "NUMR"})


def said_to_be_callsigns(text: str) -> list[PatternMatch]:
    """A word the speaker says is a call sign, before "это позывной", "его позывной", "то його позивний" ("сапёр это
    позывной его", "тайга его позывной"); not a verb, pronoun or other function word ("спроси его позывной")."""
    if not contains_any(text, _callsign_word_heads()):
        return []
    out = []
    not_callsign = cues.keys("not_callsign")
    for match in _said_to_be_callsign().finditer(text):
        word = match.group(1)
        key = fold(word)
        # "Жила — позывной у него такой": capitalised before a dash, a sign whatever a dictionary reads it as
        dash = _DASH_THEN.match(text, match.end(1)) is not None
        dashed = dash and word[:1].isupper()
        if dash and not dashed:
            continue  # "передаёт привет — позывной его": a lower-case word before a dash is the sentence's, not a sign
        if key in not_callsign or not dashed and any(p.tag.POS in _NOT_A_SIGN and p.score >= 0.2
                                                     for lang in ("ru", "uk") for p in parses(key, lang)[:2]):
            continue
        out.append(PatternMatch("CALLSIGN", match.start(1), match.end(1), word[:1].upper() + word[1:],
                                "callsign: said to be one (before \"это позывной\")"))
    return out


# after "позывной <whose>": up to five more words of the clause, a comma, dash or colon, then one word that ends it
_OWNED_CALLSIGN = re.compile(
    r"(?:\s+[^\s,.!?:;—–]+){0,5}?\s*[,:—–]\s*[«\"“]?([А-ЯЁІЇЄа-яёіїєA-Za-z][\w'-]*)[»\"”]?(?=\s*(?:[.!?,;]|$))")


_CAPITAL = re.compile(r"[А-ЯЁІЇЄ]")  # the first letter of the on-air and radio patterns' call sign


def find_callsign_intros(text: str) -> list[PatternMatch]:
    """Call signs introduced explicitly ("позывной Гром", "с позывным «Шаман»") or in radio address."""
    out = said_to_be_callsigns(text)
    intro, on_air, radio = _callsign_patterns()
    not_callsign = cues.keys("not_callsign")
    owners = cues.keys("callsign_owners")
    for match in intro.finditer(text):
        word = match.group(1)
        if fold(word) in owners:  # "позывной ихнего командира мы знаем, фазан": the sign comes after the owner
            after = _OWNED_CALLSIGN.match(text, match.end(1))
            if after:
                sign = after.group(1)
                out.append(PatternMatch("CALLSIGN", after.start(1), after.end(1), sign[:1].upper() + sign[1:],
                                        "callsign:intro (after whose it is)"))
            continue
        if fold(word) in not_callsign:
            continue
        out.append(PatternMatch("CALLSIGN", match.start(1), match.end(1), word[:1].upper() + word[1:],
                                "callsign:intro"))
    if _CAPITAL.search(text) is None:
        return out  # the on-air and radio patterns start with a capital letter (speech-to-text writes none)
    addresses = cues.keys("endearments", "not_address_callsigns")  # "Сынок, приём": a son called, not a station
    for match in on_air.finditer(text):
        if fold(match.group(1)) not in not_callsign and fold(match.group(1)) not in addresses:
            out.append(PatternMatch("CALLSIGN", match.start(1), match.end(1), match.group(1), "callsign:on-air", 0.8))
    for match in radio.finditer(text):
        for group in (1, 2):
            out.append(PatternMatch("CALLSIGN", match.start(group), match.end(group),
                                    match.group(group)[:1].upper() + match.group(group)[1:], "callsign:radio"))
    return out

