"""A seeded generator of the ways a military unit is named in calls, and of hard negatives (branch units20): the
test helper of ``tests/test_units20_generated.py`` and ``benchmarks/unit_generated.py``.

Its word lists and templates are data (``tests/data/units20/vocabulary.yaml``, ``templates.yaml``), written from
ANNOTATION.md's definition (Personal data, UNIT: numbered formations, в/ч numbers) and the Russian and Ukrainian
number and adjective systems, not read off the corpus or the blind rounds. A case is one template of a group
(numbers in digits, numbers in words, abbreviations, в/ч numbers, a number alone for a unit, the formation before
its number, casualty codes beside units, the formation word left out after adjectives or after the word for it)
filled with a unit of the split's vocabulary in the case the slot asks for, in Russian or Ukrainian, rendered cased
with punctuation or as lower-case speech-to-text without punctuation. The vocabulary (numbers, formation words,
abbreviations, adjectives) and the templates are split into a ``tune`` part (what the rules were made to pass) and a
``held_out`` part (only measured).

- :func:`positive_case`: a text and the spans of every unit mention in it (each must be masked whole);
- :func:`negative_case`: ordinals and formation-like words that are no unit ("в пятом классе", "на второй полке",
  "закрой рот", "трёхсотые из роты"): nothing may be masked, the ordinal must stay readable;
- :func:`callsign_cases.score` scores either as ``overheard redact --mode mask`` does.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from callsign_cases import Case, Score, Tally, score, tally

DATA = Path(__file__).parent / "data" / "units20"
SPLITS = ("tune", "held_out")
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_SLOT = re.compile(r"\{([UEVORAS])(?::([^}:]+))?(?::(\w))?\}")
_PUNCT = re.compile(r"[.,!?:;«»\"“”„()…]|(?<!\w)[—–-](?!\w)")
_START, _END = "\x01", "\x02"

__all__ = ["SPLITS", "Case", "Score", "Tally", "negative_case", "ordinal_words", "positive_case", "score", "tally",
           "templates"]


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    """The word lists of ``vocabulary.yaml``."""
    return yaml.safe_load((DATA / "vocabulary.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def templates() -> dict:
    """The templates of ``templates.yaml`` (positive by group and language, negative by language)."""
    return yaml.safe_load((DATA / "templates.yaml").read_text(encoding="utf-8"))


# ------------------------------------------------------------------------------------------------ numbers in words
_RU = {"m": ("{}", "ого", "ому", "{}", "ым", "ом"), "f": ("ая", "ой", "ой", "ую", "ой", "ой"),
       "n": ("ое", "ого", "ому", "ое", "ым", "ом")}
_UK = {"m": ("ий", "ого", "ому", "ий", "им", "ому"), "f": ("а", "ої", "ій", "у", "ою", "ій"),
       "n": ("е", "ого", "ому", "е", "им", "ому")}
_THIRD = {"ru": {"m": "третий третьего третьему третий третьим третьем", "f": "третья третьей третьей третью третьей "
                 "третьей", "n": "третье третьего третьему третье третьим третьем"},
          "uk": {"m": "третій третього третьому третій третім третьому", "f": "третя третьої третій третю третьою "
                 "третій", "n": "третє третього третьому третє третім третьому"}}


def decline_adjective(word: str, language: str, gender: str, case: str) -> str:
    """A hard-stem adjective or ordinal in the masculine nominative ("пятый", "сороковой", "п'ятий", "третій") or a
    bare stem ("отдельн") in ``gender`` (m, f, n) and ``case`` (inanimate: the accusative of m is the nominative)."""
    k = CASES.index(case)
    if word in ("третий", "третій"):
        return _THIRD[language][gender].split()[k]
    stem = word[:-2] if word.endswith(("ый", "ий", "ой")) else word
    if language == "uk":
        return stem + _UK[gender][k]
    nominative = word if stem != word else stem + ("ий" if stem[-1] in "гкх" else "ый")
    ending = _RU[gender][k].replace("{}", nominative[len(stem):])
    if ending == "ым" and stem[-1] in "гкх":
        ending = "им"
    return stem + ending


def ordinal_words(number: int, language: str, gender: str, case: str) -> str:
    """``number`` as an ordinal in words ("сто пятьдесят пятой"): cardinals, then the last part declined."""
    vocab = vocabulary()
    cardinals, ordinals = vocab["cardinals"][language], vocab["ordinals"][language]
    parts = []
    rest = number
    for size in (1000, 100):
        if rest >= size:
            parts.append(rest // size * size)
            rest %= size
    if rest >= 20:
        parts.append(rest // 10 * 10)
        rest %= 10
    if rest:
        parts.append(rest)
    words = [cardinals[p] for p in parts[:-1]]
    words.append(decline_adjective(ordinals[parts[-1]], language, gender, case))
    return " ".join(words)


# the ending of a declined ordinal -> how its number is written with digits ("пятой" -> "5-й" or "5-ой")
_SUFFIXES = {"ru": [("его", ["го"]), ("ого", ["го", "ого"]), ("ему", ["му"]), ("ому", ["му", "ому"]),
                    ("ьим", ["м"]), ("ым", ["м", "ым"]), ("ем", ["м"]), ("ом", ["м", "ом"]), ("ья", ["я"]),
                    ("ая", ["я", "ая"]), ("ью", ["ю"]), ("ую", ["ю", "ую"]), ("ей", ["й"]), ("ой", ["й", "ой"]),
                    ("ый", ["й", "ый"]), ("ий", ["й"]), ("ье", ["е"]), ("ое", ["е", "ое"])],
             "uk": [("ього", ["го"]), ("ого", ["го"]), ("ьому", ["му"]), ("ому", ["му"]), ("ім", ["м"]),
                    ("им", ["м"]), ("ьої", ["ї"]), ("ої", ["ї", "ої"]), ("ьою", ["ю"]), ("ою", ["ю"]), ("ій", ["й"]),
                    ("ий", ["й", "ий"]), ("я", ["я"]), ("а", ["а", "{c}а"]), ("ю", ["ю"]), ("у", ["у", "{c}у"]),
                    ("є", ["є"]), ("е", ["е"])]}


def ordinal_digits(number: int, language: str, gender: str, case: str, rng: random.Random) -> str:
    """``number`` in digits with the ending of its ordinal in ``case`` ("155-й", "155-ої", "80-та")."""
    word = ordinal_words(number, language, gender, case).split()[-1]
    for ending, written in _SUFFIXES[language]:
        if word.endswith(ending):
            suffix = rng.choice(written).replace("{c}", word[-len(ending) - 1 : -len(ending)])
            return f"{number}-{suffix}"
    return str(number)


# ------------------------------------------------------------------------------------------------------- the units
@dataclass(frozen=True)
class Formation:
    """A formation word: its six case forms in either language, its gender, and the size of its numbers."""

    forms: dict[str, tuple[str, ...]]
    gender: str
    numbers: str


@lru_cache(maxsize=2)
def formations(split: str) -> tuple[Formation, ...]:
    """The formation words of ``split``."""
    return tuple(Formation({lang: tuple(entry[lang].split()) for lang in ("ru", "uk")}, entry["gender"],
                           entry["numbers"]) for entry in vocabulary()["formations"][split])


def _number(rng: random.Random, split: str, size: str) -> int:
    return rng.choice(vocabulary()["numbers"][size][split])


def _say_number(rng: random.Random, number: int, language: str, gender: str, case: str, mode: str) -> str:
    """The number of a unit as ``mode`` says it: words, digits with an ending, or bare digits."""
    if mode == "words":
        return ordinal_words(number, language, gender, case)
    if mode == "bare":
        return str(number)
    return ordinal_digits(number, language, gender, case, rng)


def _abbreviation(rng: random.Random, split: str) -> tuple[str, str]:
    word, _, gender = rng.choice(vocabulary()["abbreviations"][split]).partition(":")
    style = rng.random()
    if style < 0.4:
        return word, gender
    if style < 0.75:
        return word.upper(), gender
    return word[:-1].upper() + word[-1], gender  # "ОМСБр", "ОБРМп"


@dataclass
class _Unit:
    number: int
    gender: str
    mode: str  # how its number is said: words, digits, bare
    formation: Formation | None
    abbreviation: str
    adjectives: tuple[str, ...]


def _unit(rng: random.Random, split: str, group: str, asr: bool, large: bool = False) -> _Unit:
    choices = [f for f in formations(split) if f.numbers == "large" or not large]
    formation = None if group == "abbrev" else rng.choice(choices)
    abbreviation, gender = _abbreviation(rng, split) if group == "abbrev" else ("", formation.gender)
    size = "large" if formation is None else formation.numbers
    number = _number(rng, split, size)
    if group == "casualty" and rng.random() < 0.5:
        codes = [n for n in vocabulary()["numbers"]["large"][split] if n in (200, 300, 500)]
        formation = rng.choice([f for f in formations(split) if f.numbers == "large"])
        number, gender = rng.choice(codes), formation.gender
    if group == "words" or asr and rng.random() < 0.7:
        mode = "words"
    elif group == "digits":
        mode = "digits" if rng.random() < 0.8 else "bare"
    else:
        mode = rng.choice(["words", "digits", "bare"] if group == "abbrev" else ["words", "digits"])
    count = 0 if group == "abbrev" else rng.choices([0, 1, 2], [0.6, 0.3, 0.1])[0]
    adjectives = tuple(rng.sample(vocabulary()["adjectives"][split], count))
    return _Unit(number, gender, mode, formation, abbreviation, adjectives)


def _say_unit(rng: random.Random, unit: _Unit, language: str, case: str) -> str:
    words = [_say_number(rng, unit.number, language, unit.gender, case, unit.mode)]
    for adjective in unit.adjectives:
        ru, _, uk = adjective.partition("|")
        words.append(decline_adjective(ru if language == "ru" else uk, language, unit.gender, case))
    if unit.formation is not None:
        words.append(unit.formation.forms[language][CASES.index(case)])
    elif unit.abbreviation:
        words.append(unit.abbreviation)
    return " ".join(words)


_VCH_WORDS = {"ru": ("войсков", "ая ой ой ую ой ой", "част", "ь и и ь ью и"),
              "uk": ("військов", "а ої ій у ою ій", "частин", "а и і у ою і")}


def _vch(rng: random.Random, split: str, language: str, case: str, asr: bool) -> str:
    """A military unit number: "в/ч 12345", "вч А4567", "войсковой части 12345", spoken digit by digit or in groups."""
    first = rng.choice(vocabulary()["numbers"]["vch_first_digit"][split])
    digits = str(first) + "".join(str(rng.randint(0, 9)) for _ in range(4))
    letter = language == "uk" and rng.random() < 0.5
    if letter:
        digits = "А" + digits[1:]
    spoken = asr and rng.random() < 0.8 or not asr and rng.random() < 0.15
    k = CASES.index(case)
    adjective, adjective_endings, noun, noun_endings = _VCH_WORDS[language]
    written = f"{adjective}{adjective_endings.split()[k]} {noun}{noun_endings.split()[k]}"  # "войсковой части"
    prefixes = ["в/ч", "В/Ч", "вч", "в.ч.", written]
    if spoken:
        prefixes += ["вэ чэ", "в ч"] if language == "ru" else ["ве че", "в ч"]
        if case in ("nomn", "accs"):
            prefixes.append(noun + noun_endings.split()[k])
    prefix = rng.choice(prefixes)
    if not spoken:
        if letter and rng.random() < 0.3:
            return digits  # a Ukrainian unit number goes by itself ("пиши на А4321")
        return f"{prefix} {digits}"
    cardinals = vocabulary()["cardinals"][language]
    said = ["а" if language == "uk" else "а"] if letter else []
    rest = digits[1:] if letter else digits
    if rng.random() < 0.5:
        said += [cardinals[int(d)] for d in rest]
    else:  # in groups of two and three ("сорок семь ноль девяносто")
        at = 0
        while at < len(rest):
            size = rng.choice([2, 3]) if len(rest) - at > 3 else len(rest) - at
            group = rest[at : at + size]
            at += size
            value = int(group)
            if group.startswith("0") or value < 10:
                said += [cardinals[int(d)] for d in group] if value == 0 or len(group) > 2 and group[1] == "0" \
                    else [cardinals[0], *_cardinal_words(value, language)]
            else:
                said += _cardinal_words(value, language)
    return f"{prefix} {' '.join(said)}"


def _cardinal_words(value: int, language: str) -> list[str]:
    cardinals = vocabulary()["cardinals"][language]
    out = []
    for size in (100,):
        if value >= size:
            out.append(cardinals[value // size * size])
            value %= size
    if value >= 20:
        out.append(cardinals[value // 10 * 10])
        value %= 10
    if value:
        out.append(cardinals[value])
    return out


def _reversed(rng: random.Random, split: str, words: str) -> str:
    small = words.lower().startswith(("рот", "взвод", "батальон", "батальйон", "батар"))
    return f"{words} {_number(rng, split, 'small' if small else 'large')}"


# ------------------------------------------------------------------------------------------------------- the cases
def _pick(rng: random.Random, section: dict, split: str) -> tuple[str, str, str]:
    flat = [(g, lang, t) for g, langs in section.items() for lang, splits in langs.items() for t in splits[split]]
    return rng.choice(flat)


def positive_case(seed: int, split: str = "tune") -> Case:
    """A call naming one unit (or one unit twice, the second time by its number alone) of ``split``."""
    rng = random.Random(f"unit-positive-{split}-{seed}")
    group, language, template = _pick(rng, templates()["positive"], split)
    asr = rng.random() < 0.5
    unit = _unit(rng, split, group, asr, large="{E" in template or "{A" in template)
    if group == "adjective":
        unit.formation, unit.gender = None, "f"  # a brigade: "в 3-тю штурмову"
        if not unit.adjectives:
            unit.adjectives = (rng.choice(vocabulary()["adjectives"][split]),)
    small = _number(rng, split, "small")

    def fill(kind: str, arg: str, gender: str) -> tuple[str, bool]:
        case = arg or "nomn"
        if kind == "U":
            return _say_unit(rng, unit, language, case), True
        if kind == "E":
            mode = unit.mode if unit.mode != "bare" else "digits"
            return _say_number(rng, unit.number, language, unit.gender, case, mode), True
        if kind == "A":
            return _say_unit(rng, unit, language, case), True
        if kind == "S":
            mode = "words" if asr or rng.random() < 0.5 else "digits"
            return _say_number(rng, small, language, "f", case, mode), True
        if kind == "V":
            return _vch(rng, split, language, case, asr), True
        return _reversed(rng, split, arg), True

    case = _render(template, fill, language, asr, rng)
    case.kind = f"{group}/{language}/{unit.mode}"
    return case


def negative_case(seed: int, split: str = "tune") -> Case:
    """Ordinals and formation-like words that are no unit ("в пятом классе", "на второй полке", "закрой рот")."""
    rng = random.Random(f"unit-negative-{split}-{seed}")
    flat = [(lang, t) for lang, splits in templates()["negative"].items() for t in splits[split]]
    language, template = rng.choice(flat)
    asr = rng.random() < 0.5

    def fill(kind: str, arg: str, gender: str) -> tuple[str, bool]:
        number = _number(rng, split, rng.choice(["small", "small", "large"]))
        if number > 31 and "числ" in template:
            number = number % 28 + 1  # a date
        mode = "words" if asr or rng.random() < 0.6 else "digits"
        return _say_number(rng, number, language, gender or "m", arg or "nomn", mode), False

    case = _render(template, fill, language, asr, rng)
    case.kind = f"negative/{language}"
    return case


def _render(template: str, fill, language: str, asr: bool, rng: random.Random) -> Case:
    """Fill ``template``'s slots (speech-to-text: lower case, no punctuation) and find the spans."""
    pieces, at = [], 0
    for m in _SLOT.finditer(template):
        pieces.append(template[at : m.start()])
        form, secret = fill(m.group(1), m.group(2) or "", m.group(3) or "")
        pieces.append(f"{_START}{'s' if secret else 'o'}{form}{_END}")
        at = m.end()
    pieces.append(template[at:])
    text = "".join(pieces)
    if asr:
        text = _PUNCT.sub(" ", text.lower())
        text = re.sub(r"[ \t]+", " ", text).strip()
    out, secret_spans, ordinary = "", [], []
    i = 0
    while i < len(text):
        if text[i] == _START:
            end = text.index(_END, i)
            start = len(out)
            out += text[i + 2 : end]
            (secret_spans if text[i + 1] == "s" else ordinary).append((start, len(out)))
            i = end + 1
        else:
            out += text[i]
            i += 1
    return Case(out, language, secret_spans, ordinary, template=template, asr=asr)
