"""Counts in casualty mentions: numbers in digits or words, cardinal and collective, ru and uk.

Reads the number words from ``overheard/lexicons/numerals.yaml`` (expanded to every
inflected form once) and parses number expressions over the tokens of
:mod:`overheard.annotate.rules.tokens`, following ANNOTATION.md:

* exact numbers ("12", "двадцать пять", "трое", "двоє"): ``approximate=False``;
* approximations ("человек сорок", "около ста", "под сотню", "больше двух сотен",
  "десятка два", "десятки два", "три десятки", "людей сім", "двадцать с чем-то", "два-три"): the (lower-bound)
  number, ``approximate=True``;
* vague amounts ("много", "десятки", "половина", "полроты"): no number, ``approximate=True``;
* zero ("ноль", "ни одного"): ``zero=True`` (the caller treats it as a denial).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources

import yaml

from overheard.annotate import cues
from overheard.annotate.lexicon import _position, inflections
from overheard.annotate.rules.tokens import Tok, token_key
from overheard.text import morph

_RANGE = re.compile(r"^(\d+)\s*[-–]\s*(\d+)$")
_AFTER_A_COMMA = frozenset({"не", "если", "якщо", "может", "може", "а"})  # "сорок, если не больше"
_DIGITS = re.compile(r"^(\d{1,6})(?:~|:[а-яіїєa-z]+)?$")


@dataclass(frozen=True, slots=True)
class NumberExpr:
    """A number expression over tokens ``[first, last)``."""

    first: int
    last: int
    value: int | None
    approximate: bool
    zero: bool = False
    phrase: str = ""

    @property
    def vague(self) -> bool:
        """A vague amount ("много"): no number but not a bare mention either."""
        return self.value is None and not self.zero


@dataclass(frozen=True)
class NumberTables:
    """Folded word form -> value tables built from numerals.yaml."""

    cardinal: dict[str, int]
    collective: dict[str, int]
    multiplier: dict[str, int]
    approximate_noun: dict[str, int]
    vague: frozenset[str]
    before: frozenset[str]
    after: tuple[tuple[str, ...], ...]
    zero: tuple[tuple[str, ...], ...]
    people: frozenset[str]
    vague_phrases: tuple[tuple[frozenset[str], ...], ...] = ()
    inverted: frozenset[str] = frozenset()  # "человек сорок": a noun before the number makes it approximate
    about: frozenset[str] = frozenset()  # "с десяток"
    range_words: frozenset[str] = frozenset()  # "пять или шесть"
    masked: frozenset[str] = frozenset()  # "дох**а": masked profanity for "a lot"
    inverted_people: frozenset[str] = frozenset()  # "хлопців двадцять": a people noun before a cardinal, "about"
    tens: frozenset[str] = frozenset()  # forms of "десяток": "три десятки", "десятки два" are about thirty, twenty
    hundreds: frozenset[str] = frozenset()  # forms of "сотня": "сотни полторы", "сотні дві" are about 150, 200
    one_and_half: frozenset[str] = frozenset()  # "полтора", "півтори": "десятка півтора" is about fifteen
    nominative: frozenset[str] = frozenset()  # "тридцать", "п'ятеро": after "с/з" ("с тридцать") they mean about
    instrumental: dict[str, int] = field(default_factory=dict)  # "семью" only before "ранеными": seven
    lower_bound: tuple[tuple[str, ...], ...] = ()  # "не меньше", "как минимум": at least the number after it

    @cached_property
    def lower_bound_first(self) -> frozenset[str]:
        """First words of the lower-bound phrases (a cheap pre-check)."""
        return frozenset(seq[0] for seq in self.lower_bound)

    @cached_property
    def zero_first(self) -> frozenset[str]:
        """First words of the zero phrases (a cheap pre-check)."""
        return frozenset(seq[0] for seq in self.zero)

    @cached_property
    def vague_first(self) -> frozenset[str]:
        """First words of the vague phrases (a cheap pre-check)."""
        return frozenset().union(*(phrase[0] for phrase in self.vague_phrases))

    @cached_property
    def starts(self) -> frozenset[str]:
        """Every word key :func:`parse_number` can start an expression with, besides keys that start with a digit,
        hold a hyphen or start with "пол"/"пів" (:func:`find_numbers` passes over other words unparsed)."""
        return (self.zero_first | self.vague_first | self.vague | self.masked | self.before | self.about
                | self.lower_bound_first
                | self.inverted | self.inverted_people | self.tens | self.hundreds | self.one_and_half | _HALF_WORDS
                | frozenset(self.collective)
                | frozenset(self.instrumental)
                | frozenset(self.approximate_noun)
                | frozenset(self.multiplier) | frozenset(self.cardinal))


def _expand(mapping: dict[str, dict[str, int]], strict: bool) -> dict[str, int]:
    table: dict[str, int] = {}
    for lang, words in mapping.items():
        for word, value in words.items():
            for form in inflections(word, (lang,)):
                if strict and form != token_key(word):
                    parses = morph(lang).parse(form)
                    # keep only forms whose best reading is a numeral ("семью" is mostly "family")
                    if not any("NUMR" in str(p.tag) for p in parses[:2]):
                        continue
                table.setdefault(form, value)
    return table


@lru_cache(maxsize=1)
def number_tables() -> NumberTables:
    """The compiled number tables (built once)."""
    data = yaml.safe_load(
        resources.files("overheard.lexicons").joinpath("numerals.yaml").read_text(encoding="utf-8")
    )
    both = ("ru", "uk")
    vague: set[str] = set()
    for word in data["vague"]:
        vague.update(_position(word, both))
    people: set[str] = set()
    for word in data["people"]:
        people.update(inflections(word, both))
    cardinal = _expand(data["cardinal"], strict=True)
    for stop in cues.keys("not_numerals"):
        cardinal.pop(stop, None)
    for words in (data.get("cardinal_forms") or {}).values():
        cardinal.update({token_key(word): value for word, value in words.items()})
    return NumberTables(
        cardinal=cardinal,
        collective=_expand(data["collective"], strict=False),
        multiplier=_expand(data["multiplier"], strict=False),
        approximate_noun={k: v for k, v in _expand(data["approximate_noun"], strict=False).items()
                          if k not in vague},
        vague=frozenset(vague),
        before=frozenset(token_key(w.lstrip("=")) for w in data["approximate_before"]),
        after=tuple(tuple(token_key(w.lstrip("=")) for w in seq) for seq in data["approximate_after"]),
        zero=tuple(tuple(token_key(w.lstrip("=")) for w in phrase.split()) for phrase in data["zero"]),
        people=frozenset(people),
        vague_phrases=tuple(tuple(_position(w, both) for w in phrase.split()) for phrase in data["vague_phrases"]),
        inverted=cues.keys("inverted_count"),
        about=cues.keys("about_prepositions"),
        range_words=cues.keys("range_words"),
        masked=frozenset(token_key(w) for w in data.get("masked_vague") or ()),
        inverted_people=cues.keys("inverted_people_count"),
        tens=frozenset(inflections("десяток", both)),
        hundreds=frozenset(inflections("сотня", both)) - {"сот"},
        one_and_half=frozenset(token_key(w) for w in data.get("one_and_half") or ()),
        nominative=frozenset(token_key(word) for kind in ("cardinal", "collective") for words in data[kind].values()
                             for word, value in words.items() if value > 1),
        instrumental={token_key(word): value for words in (data.get("instrumental_forms") or {}).values()
                      for word, value in words.items()},
        lower_bound=tuple(sorted((tuple(token_key(w.lstrip("=")) for w in seq)
                                  for seq in data.get("lower_bound_before") or ()), key=len, reverse=True)),
    )


def _seq_at(toks: list[Tok], i: int, seq: tuple[str, ...]) -> bool:
    return i + len(seq) <= len(toks) and all(toks[i + k].key == seq[k] for k in range(len(seq)))


def _digits(key: str) -> int | None:
    match = _DIGITS.match(key)
    return int(match.group(1)) if match else None


def _core(toks: list[Tok], i: int, tables: NumberTables) -> tuple[int, int | None, bool] | None:
    """Parse the number itself at ``i``: returns (next index, value, approximate)."""
    n = len(toks)
    key = toks[i].key
    value = _digits(key)
    if value is not None:
        j = i + 1
        # "200 000" / "2 500": digit groups
        while j < n and toks[j].key.isdigit() and len(toks[j].key) == 3 and toks[j].start == toks[j - 1].end + 1:
            value = value * 1000 + int(toks[j].key)
            j += 1
        return j, value, False
    rng = _RANGE.match(key)
    if rng:
        return i + 1, int(rng.group(1)), True
    if "-" in key:  # "двое-трое", "два-три"
        left = key.split("-")[0]
        val = tables.collective.get(left) or tables.cardinal.get(left)
        if val:
            return i + 1, val, True
    if key in tables.collective and not (key in tables.cardinal and i + 1 < n and toks[i + 1].key in tables.multiplier):
        return i + 1, tables.collective[key], False  # but "двох сотень" is two hundred, not two
    if key in tables.approximate_noun and key not in tables.vague:
        # "десятка два" -> about twenty
        if i + 1 < n and tables.approximate_noun[key] == 10 and toks[i + 1].key in tables.cardinal:
            unit = tables.cardinal[toks[i + 1].key]
            if unit < 10:
                return i + 2, unit * 10, True
        return i + 1, tables.approximate_noun[key], True
    if key in tables.multiplier and key not in tables.cardinal:  # "тысяча двести"
        total, j = tables.multiplier[key], i + 1
        nxt = _core(toks, j, tables) if j < n and toks[j].key in tables.cardinal else None
        return (nxt[0], total + (nxt[1] or 0), False) if nxt else (j, total, False)
    if key not in tables.cardinal:
        return None
    total, current, j, last_size = 0, 0, i, 10_000
    while j < n and toks[j].key in tables.cardinal:
        val = tables.cardinal[toks[j].key]
        size = 100 if val >= 100 else 10 if val >= 20 else 1
        if size >= last_size or (last_size == 10 and val >= 10):
            break
        current += val
        last_size = size if val >= 20 or val < 10 else 0  # "пятнадцать" ends the number
        j += 1
        if last_size == 0:
            break
    if j < n and toks[j].key in tables.tens and 1 < current < 10 and not total:
        return j + 1, current * 10, True  # "три десятки", "зо два десятка": about thirty, twenty
    if j < n and toks[j].key in tables.multiplier:
        total += (current or 1) * tables.multiplier[toks[j].key]
        current = 0
        j += 1
        while j < n and toks[j].key in tables.cardinal:  # "тысяча двести"
            nxt = _core(toks, j, tables)
            if nxt is None:
                break
            j, val, _ = nxt
            current += val or 0
            break
    return j, total + current, False


def parse_number(toks: list[Tok], i: int) -> NumberExpr | None:
    """The number expression starting at token ``i`` (with its approximation words), or None."""
    tables = number_tables()
    n = len(toks)
    key = toks[i].key
    if key in tables.lower_bound_first:
        bounded = _lower_bound(toks, i, tables)
        if bounded is not None:
            return bounded
    if key in tables.zero_first:
        for seq in tables.zero:
            if _seq_at(toks, i, seq):
                return NumberExpr(i, i + len(seq), 0, False, zero=True)
    # vague phrases before single words: "половина роти" is one amount
    for phrase in tables.vague_phrases if key in tables.vague_first else ():
        if key in phrase[0] and i + len(phrase) <= n and all(
                toks[i + k].key in phrase[k] for k in range(1, len(phrase))):
            return NumberExpr(i, i + len(phrase), None, True,
                              phrase=" ".join(t.text for t in toks[i : i + len(phrase)]))
    scaled = _scaled(toks, i, tables)
    if scaled is not None:
        return scaled
    if key in tables.tens and i + 1 < n and 1 < tables.cardinal.get(toks[i + 1].key, 0) < 10:
        # "десятки два", "десятків зо три" reads as "десятка два": about twenty (else "десятки" is a vague many)
        return _finish(toks, i, i + 2, 10 * tables.cardinal[toks[i + 1].key], True)
    if key in tables.vague:
        return NumberExpr(i, i + 1, None, True, phrase=toks[i].text)
    if key in tables.instrumental and i + 1 < n and _plural_instrumental(toks[i + 1].key):
        return _finish(toks, i, i + 1, tables.instrumental[key], False)  # "с семью ранеными"
    if key in tables.masked and i + 1 < n and _glued(toks, i + 1) and set(toks[i + 1].text) <= set("*#@_."):
        end = i + 3 if i + 2 < n and _glued(toks, i + 2) and toks[i + 2].key.isalpha() else i + 2
        return NumberExpr(i, end, None, True, phrase="".join(t.text for t in toks[i:end]))  # "дох**а"
    if _half_of(key) and tables.approximate_noun.get(key, 0) < 10:  # "полроты", "полподвала", "півроти": half of
        # something ("полсотни", "півсотні" are fifty, about)
        return NumberExpr(i, i + 1, None, True, phrase=toks[i].text)
    j, approximate = i, False
    while j < n and toks[j].key in tables.before and j - i < 2:
        approximate = True
        j += 1
    scaled = _scaled(toks, j, tables) if i < j < n else None
    if scaled is not None:  # "где-то сотни полторы", "десь десятка півтора"
        return _finish(toks, i, scaled.last, scaled.value, True)
    if j < n and toks[j].key in tables.about and j + 1 < n and toks[j + 1].key in tables.approximate_noun:
        approximate = True
        j += 1  # "с десяток"
    elif j < n and toks[j].key in tables.about and j + 1 < n and toks[j + 1].key in tables.nominative and \
            not _ordinal_after(toks, j + 1):
        approximate = True
        j += 1  # "трёхсотых с тридцать", "поранених з двадцять", "з п'ятеро": about (not "с двадцати", "с двумя")
    if j < n and toks[j].key in tables.inverted and j + 2 < n and toks[j + 1].key == "по":
        nxt = _core(toks, j + 2, tables)
        if nxt is not None and nxt[1] and nxt[1] > 1:  # "человек по десять": about ten a time (counts30)
            return _finish(toks, i, nxt[0], nxt[1], True)
    if j < n and toks[j].key in tables.inverted and j + 1 < n:
        nxt = _core(toks, j + 1, tables) if toks[j + 1].key not in tables.people else None
        if nxt is not None and nxt[1]:  # "человек сорок": inverted order means "about"
            end, value, _ = nxt
            return _finish(toks, i, end, value, True)
    if j < n and toks[j].key in tables.inverted_people and j + 1 < n and \
            toks[j + 1].key in tables.cardinal and toks[j + 1].key not in tables.collective:
        nxt = _core(toks, j + 1, tables)
        if nxt is not None and nxt[1] and nxt[1] > 1:  # "хлопців двадцять", "людей сім": about, as "человек сорок"
            return _finish(toks, i, nxt[0], nxt[1], True)
    if j >= n:
        return None
    core = _core(toks, j, tables)
    if core is None:
        return None
    end, value, approx_core = core
    approximate = approximate or approx_core
    if end < n and "-" in toks[end].key and value and value % 10 == 0 and 20 <= value < 100:
        left, _, right = toks[end].key.partition("-")  # "двадцать три-двадцать четыре": a range of compounds
        if 0 < tables.cardinal.get(left, 0) < 10 and right in tables.cardinal:
            value, approximate, end = value + tables.cardinal[left], True, end + 1
            if end < n and 0 < tables.cardinal.get(toks[end].key, 0) < 10:
                end += 1
    # "пять-шесть", "пять или шесть": a range, the lower bound, approximate
    if end < n and toks[end].key in tables.range_words and end + 1 < n:
        other = _core(toks, end + 1, tables)
        if other is not None and other[1] and value and other[1] > value:
            end, approximate = other[0], True
    elif end < n and value and value < 10:
        other = _core(toks, end, tables)
        if other is not None and other[1] and other[1] == value + 1:
            end, approximate = other[0], True
    if end + 2 < n and toks[end].key == "," and value:
        for phrase in _alternatives():  # "то ли семь, то ли восемь", "чи то сім, чи то вісім" (counts31)
            if _seq_at(toks, end + 1, phrase) and end + 1 + len(phrase) < n:
                other = _core(toks, end + 1 + len(phrase), tables)
                if other is not None and other[1] and other[1] > value:
                    end, approximate = other[0], True
                break
    return _finish(toks, i, end, value, approximate)


@lru_cache(maxsize=1)
def _alternatives() -> tuple[tuple[str, ...], ...]:
    """The words that offer a second number as an alternative after a comma, longest first (read once)."""
    return tuple(sorted(cues.phrases("range_alternatives"), key=len, reverse=True))


_HALF_WORDS = frozenset({"пів", "пол"})
_EACH = frozenset({"по"})
_EACH_HUNDRED = frozenset({"сотне", "сотні", "сотню"})


def _scaled(toks: list[Tok], i: int, tables: NumberTables) -> NumberExpr | None:
    """A ten or a hundred scaled, always about: "десятка півтора", "полтора десятка" (15), "сотни полторы",
    "півтори сотні" (150), "сотні дві" (200), "пів сотні", "півсотні" (50), "по сотні за тиждень" (100 each time)."""
    n, key = len(toks), toks[i].key
    nxt = toks[i + 1].key if i + 1 < n else ""
    size = 10 if key in tables.tens else 100 if key in tables.hundreds else 0
    if size and nxt in tables.one_and_half:
        return _finish(toks, i, i + 2, size * 3 // 2, True)
    if size == 100 and 1 < tables.cardinal.get(nxt, 0) < 10 and nxt not in tables.collective:
        return _finish(toks, i, i + 2, 100 * tables.cardinal[nxt], True)
    if size == 100 and key in _EACH_HUNDRED and i > 0 and toks[i - 1].key in _EACH:
        return _finish(toks, i, i + 1, 100, True)
    if key in tables.one_and_half and (nxt in tables.tens or nxt in tables.hundreds):
        return _finish(toks, i, i + 2, (10 if nxt in tables.tens else 100) * 3 // 2, True)
    if key in _HALF_WORDS and nxt in tables.hundreds:
        return _finish(toks, i, i + 2, 50, True)
    return None


def _lower_bound(toks: list[Tok], i: int, tables: NumberTables) -> NumberExpr | None:
    """"Не меньше сорока", "не менше ніж десять", "как минимум трое": a lower bound before a number is the number,
    approximate, the phrase part of the expression (so that its "не" is no denial); None when no number follows."""
    for seq in tables.lower_bound:
        j = i + len(seq)
        if j < len(toks) and _seq_at(toks, i, seq) and toks[j].key not in tables.lower_bound_first:
            expr = parse_number(toks, j)
            if expr is not None and expr.value and not expr.zero:
                return NumberExpr(i, expr.last, expr.value, True,
                                  phrase=" ".join(tok.text for tok in toks[i : expr.last]))
    return None


def _ordinal_after(toks: list[Tok], i: int) -> bool:
    """Whether an ordinal follows the number word at ``i`` ("с двадцать пятого", "з чотириста сімнадцятого полку"): a
    date or a unit, no "about"."""
    return i + 1 < len(toks) and toks[i + 1].key in cues.keys("ordinal_units")


@lru_cache(maxsize=5_000)
def _plural_instrumental(key: str) -> bool:
    """Whether a word's best reading (ru or uk) is a plural in the instrumental ("ранеными", "двохсотими")."""
    for lang in ("ru", "uk"):
        parses = morph(lang).parse(key) if key[:1].isalpha() else []
        if parses and {"plur", "ablt"} <= set(str(parses[0].tag).replace(" ", ",").split(",")):
            return True
    return False


def _glued(toks: list[Tok], i: int) -> bool:
    """Whether token ``i`` follows the one before it with no space ("дох" + "**")."""
    return toks[i].start == toks[i - 1].end


def _finish(toks: list[Tok], first: int, end: int, value: int | None, approximate: bool) -> NumberExpr:
    tables = number_tables()
    if end < len(toks) and toks[end].text == "+" and toks[end].start == toks[end - 1].end:
        end, approximate = end + 1, True  # "20+": at least twenty
    n = len(toks)
    here = toks[end].key if end < n else None  # a phrase of ``after`` starts here, or after a comma here
    past_comma = toks[end + 1].key if end + 1 < n and toks[end].text == "," else None
    for seq in tables.after:
        if seq and seq[0] != here and seq[0] != past_comma:
            continue  # neither test below can hold: its first word stands at neither place
        if _seq_at(toks, end, seq):
            end += len(seq)
            approximate = True
            break
        if seq[0] in _AFTER_A_COMMA and end + 1 < len(toks) and toks[end].text == "," and _seq_at(toks, end + 1, seq):
            end += 1 + len(seq)  # "пятеро, не меньше": the comma a speaker pauses at
            approximate = True
            break
    phrase = " ".join(tok.text for tok in toks[first:end])
    return NumberExpr(first, end, value, approximate, phrase=phrase)


@lru_cache(maxsize=20_000)
def _half_of(key: str) -> bool:
    """Whether ``key`` is "пол"/"пів" + a noun in the genitive ("полроты", "полподвала")."""
    for prefix, lang in (("пол-", "ru"), ("пол", "ru"), ("пів-", "uk"), ("пів", "uk")):
        rest = key[len(prefix):]
        if key.startswith(prefix) and len(rest) >= 3:
            if rest in cues.keys("count_half_periods"):
                return False  # "полгода", "півроку": half of a time, not of a group
            parses = morph(lang).parse(rest)
            if parses and morph(lang).word_is_known(rest) and {"NOUN", "gent"} <= set(
                    str(parses[0].tag).replace(" ", ",").split(",")):
                return True
    return False


def _year(toks: list[Tok], expr: NumberExpr) -> bool:
    """Whether a number is a clock time ("о 06:40": digits glued to a colon and digits) or a tens word opens a year
    or a date told in words ("вісімдесят дев'ятого року", "восемьдесят седьмого года рождения"): an ordinal unit,
    then a word for a year or a day, follows it."""
    first, end = expr.first, expr.last
    if toks[first].key.isdigit() and expr.last == first + 1:
        after = end + 1 < len(toks) and toks[end].text == ":" and _glued(toks, end) and _glued(toks, end + 1) \
            and toks[end + 1].key.isdigit()
        before = first >= 2 and toks[first - 1].text == ":" and _glued(toks, first) and _glued(toks, first - 1) \
            and toks[first - 2].key.isdigit()
        return after or before
    if not expr.value or expr.value % 10 or not 20 <= expr.value <= 90 or end + 1 >= len(toks):
        return False
    return toks[end].key in cues.keys("count_year_ordinals") and toks[end + 1].key in cues.keys("count_year_words")


def _compound_ordinal(toks: list[Tok], expr: NumberExpr) -> bool:
    """Whether a round number in words (twenty and up: "двести", "тридцять") is the start of a compound ordinal:
    an ordinal word follows it at once ("в двести первой бригаде", "сто пятьдесят пятой", "тридцять третьої роти")."""
    if toks[expr.first].key[:1].isdigit() or not expr.value or expr.value < 20 or expr.value % 10 \
            or expr.approximate or expr.last >= len(toks):
        return False
    return toks[expr.last].key in cues.keys("ordinal_units")


def find_numbers(toks: list[Tok]) -> list[NumberExpr]:
    """All non-overlapping number expressions in ``toks``, left to right."""
    found, i = [], 0
    starts = number_tables().starts
    while i < len(toks):
        key = toks[i].key
        if key not in starts and not key[:1].isdigit() and "-" not in key and not key.startswith(("пол", "пів")):
            i += 1  # no number starts with this word (exactly what parse_number would find)
            continue
        if toks[i].hyphenated:
            i += 1  # "у Терека-2 двухсотый", "Т-72", "Ка-52": a name's or a model's number, no count
            continue
        if found and found[-1].last == i and key in number_tables().inverted and found[-1].value and \
                not toks[i - 1].key[:1].isdigit():
            i += 1  # "из пяти человек трое": the noun the number before governs, no inverted "человек трое"
            continue
        expr = parse_number(toks, i)
        if expr is not None and expr.last > i and _compound_ordinal(toks, expr):
            i = expr.last  # "в двести первой бригаде", "тридцять третьої роти": the tens of an ordinal, no count
            continue
        if expr is not None and expr.last > i and not _year(toks, expr):
            found.append(expr)
            i = expr.last
        else:
            i += 1
    return found
