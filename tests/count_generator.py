"""A seeded generator of how a casualty group's number is said (ANNOTATION.md, Counts; counts19).

Templates and words are data, ``tests/data/count_cases.yaml``: digits and number words in their cases, collectives,
approximate and vague amounts, bare mentions, one man named, the number before or after the words, in the next
clause, sentence or turn, corrected, with companions ("и с ним ещё семеро"), a part of the group ("из них трое"), a
sum the speaker gives, and a number nearby that is no count (a time, a date, money, a unit, a distance, shells),
in Russian and Ukrainian, cased with punctuation, lower-case speech-to-text with numbers as words, and Surzhyk.

Every template and every word list is in one of the parts: ``tune`` (what the count code was fixed against),
``measure`` (held out while the tune part was fixed, then opened), ``fresh`` (written after those fixes; read, then
fixed against) and ``fresh2`` (written after reading the fresh part, before its fixes; never fixed against, though
some of its cue words went into the lists). The fresh parts take the measure part's words where they have none of
their own. :func:`case` builds one text of a part from a seed; :func:`score` matches its mentions to the expected
ones by category, as ``benchmarks/accuracy.py`` does. ``benchmarks/count_cases.py`` prints the figures.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data" / "count_cases.yaml"
PARTS = ("tune", "measure", "fresh", "fresh2")
STYLES = ("cased", "asr", "surzhyk")
SLOT = re.compile(r"\{([A-Za-z][A-Za-z0-9+]*)(?::([a-z_]+))?\}")
_FORMS = {"nom": 0, "gen": 1, "ins": 2, "coll": 3, "collg": 4}


@dataclass(frozen=True)
class CountCase:
    """One generated text and the mentions a careful analyst gives it: (category, count, approximate)."""

    seed: int
    part: str
    template: str
    cls: str
    style: str
    lang: str
    text: str
    expected: tuple[tuple[str, int | None, bool], ...]


@lru_cache(maxsize=1)
def data() -> dict:
    """The generator's templates and word lists (read once)."""
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def templates(part: str) -> list[dict]:
    """The templates of one part."""
    return [t for t in data()["templates"] if t["part"] == part]


def _pick(rng: random.Random, value):
    """One item of a word list; a ``{tune, measure}`` pair is read by the caller first."""
    return rng.choice(value) if isinstance(value, list) else value


def _split(value, part: str):
    """A word list's own part when it is split, else the list; the fresh part takes the measure part's plain phrases
    where it has none of its own."""
    if isinstance(value, dict) and "measure" in value:
        return value.get(part) or value["measure"]
    return value


def number_words(value: int, form: str, lang: str, rng: random.Random) -> str:
    """``value`` said in words in ``form`` (nom, gen, ins, coll, collg, acc, word, any; digit: digits)."""
    if form == "digit":
        return str(value)
    if form == "any":
        form = rng.choice(["digit", "nom", "coll"])
        return number_words(value, form, lang, rng)
    if form == "word":
        form = rng.choice(["nom", "coll"])
    if form == "acc":  # the animate accusative: "троих"/"трёх" двухсотых; "пять"/"пятерых" from five
        form = rng.choice(["gen", "collg"]) if value < 5 else rng.choice(["nom", "collg"])
    table = data()["numbers"][lang]
    whole = table["units"] | table["teens"] | table["tens"]
    if value in whole:
        forms = whole[value]
        index = _FORMS[form]
        if index >= len(forms):  # no collective: the cardinal ("двенадцать"; an object "вывезли двенадцать")
            index = 0
        return forms[index]
    if value == 100:
        return "сто" if form in ("nom", "coll") else "ста"
    tens, unit = value - value % 10, value % 10
    index = {"coll": 0, "collg": 0}.get(form, _FORMS[form])
    return f"{whole[tens][index]} {whole[unit][index]}"


def _other(rng: random.Random, values: list[int], n: int) -> int:
    """A value of the part other than ``n``."""
    return rng.choice([v for v in values if v != n])


def _speakable(value: int) -> bool:
    """Whether a count agrees with a plural noun after it (not "двадцать один", which takes the single)."""
    return value >= 2 and (value % 10 != 1 or value == 11)


def _categories(template: dict, lang: str, slots: set[str]) -> list[str]:
    """The categories whose words fill every slot of the template (and its ``cats``)."""
    cats = data()["categories"][lang]
    out = []
    for name, words in cats.items():
        if template.get("cats") and name not in template["cats"]:
            continue
        if any(s.startswith("c:") for s in slots) and "code" not in words:
            continue
        if any(s.startswith("v:") and s[2:] not in words for s in slots):
            continue
        out.append(name)
    return out


def _slots(text: str) -> set[str]:
    return {f"{m.group(1).lower()}:{m.group(2) or ''}" for m in SLOT.finditer(text)}


def case(seed: int, part: str = "tune") -> CountCase:
    """The generated text of ``seed`` in ``part``: a template, a language and style, words and numbers of the part."""
    rng = random.Random(f"{part}:{seed}")
    d = data()
    template = rng.choice(templates(part))
    style = rng.choice(STYLES) if template.get("asr", True) else rng.choice(["cased", "cased", "surzhyk"])
    lang = "uk" if style == "surzhyk" else rng.choice(["ru", "uk"])
    pattern = template[lang]
    slots = _slots(pattern)
    cats = _categories(template, lang, slots)
    category = rng.choice(cats)
    second = [c for c in _categories({"cats": None}, lang, {s.replace("2:", ":") for s in slots if s[1] == "2"})
              if c != category]
    category2 = rng.choice(second) if second else None
    values = _split(d["round"] if template.get("round") else d["values"], part)
    while True:
        n = rng.choice(values)
        m = _other(rng, _split(d["values"], part), n)
        if template.get("m_less") and m >= n:
            n, m = max(n, m), min(n, m)
            if m == n:
                continue
        n2 = rng.choice([v for v in (n + 1, n - 1, n + 2) if _speakable(v)])
        s = n + m
        used = "".join(slots)
        if (_speakable(s) or "s:" not in used) and (_speakable(n + 1) or "n+1:" not in used):
            break
    numbers = {"n": n, "n2": n2, "m": m, "s": s, "n+1": n + 1, "n+2": n + 2}
    names = rng.sample(_split(d["names"][lang], part), 3)
    cat_words = d["categories"][lang]
    frame = d["frame"][lang]
    asr = style == "asr"
    first_is_name = [False]

    def fill(match: re.Match) -> str:
        name, form = match.group(1), match.group(2) or ""
        key = name.lower()
        if key in numbers:
            number_lang = "ru" if style == "surzhyk" and rng.random() < 0.4 else lang
            said = number_words(numbers[key], "nom" if asr and form in ("digit", "any") else form, number_lang, rng)
        elif key in ("c", "c2"):
            words = cat_words[category if key == "c" else category2]["code"]
            said = _pick(rng, words[form])
        elif key in ("v", "v2"):
            words = cat_words[category if key == "v" else category2][form]
            said = _pick(rng, _split(words, part))
        elif key.startswith("name"):
            person = names[{"name": 0, "name2": 1, "name3": 2}[key]]
            said = person[{"": 0, "acc": 1, "ins": 2, "voc": 3}[form]]
            if match.start() == 0:
                first_is_name[0] = True
        elif key == "people":  # "человек" agreeing with the number before it
            value = numbers[form]
            few = 2 <= value % 10 <= 4 and not 12 <= value % 100 <= 14
            said = {"ru": "человека" if few else "человек", "uk": "чоловіки" if few else "чоловік"}[lang]
        elif key == "x":
            said = _pick(rng, _split(d["distractors"][lang][form], part))
        else:
            said = _pick(rng, _split(frame[key], part))
        return said[:1].upper() + said[1:] if name[:1].isupper() else said

    text = SLOT.sub(fill, pattern)
    opener = _pick(rng, _split(frame["open"], part)) if rng.random() < 0.5 else ""
    closer = _pick(rng, _split(frame["close"], part)) if rng.random() < 0.4 else ""
    if not first_is_name[0]:
        text = (text[:1].lower() if opener[-1:].isalpha() or opener.endswith(",") else text[:1].upper()) + text[1:]
    if style == "surzhyk" and rng.random() < 0.5 and not text.startswith("—"):
        filler = _pick(rng, _split(d["surzhyk"]["fillers"], part))
        text = f"{filler}, {text[:1].lower() if not first_is_name[0] else text[:1]}{text[1:]}"
    text = " ".join(p for p in (opener, text, closer) if p)
    if text[:1].islower():
        text = text[:1].upper() + text[1:]
    if asr:
        text = speech_to_text(text)
    expected = []
    for item in template["expect"]:
        which = category
        item = str(item)
        if item.startswith("2:"):
            which, item = category2, item[2:]
        approximate = item.endswith("~")
        item = item.rstrip("~")
        count = None if item == "null" else numbers[item] if item in numbers else int(item)
        expected.append((which, count, approximate))
    return CountCase(seed, part, template["id"], template["class"], style, lang, text, tuple(expected))


def speech_to_text(text: str) -> str:
    """``text`` as speech-to-text writes it: lower case, no punctuation or speaker labels, one line."""
    text = re.sub(r"(?m)^[АБ]: ", "", text)
    text = re.sub(r"[.,!?;:—–«»\"…]|(?<!\w)-|-(?!\w)", " ", text.lower())
    return re.sub(r"\s+", " ", text).strip()


def score(expected, predicted) -> tuple[list[tuple[tuple, tuple]], list[tuple], list[tuple]]:
    """(matched pairs, missed, spurious): expected and predicted (category, count, approximate) matched by category,
    a same-count prediction first, as ``benchmarks/accuracy.py`` matches gold mentions."""
    unmatched = list(predicted)
    pairs, missed = [], []
    for item in sorted(expected, key=lambda g: g not in predicted):
        same = [p for p in unmatched if p[0] == item[0]]
        if not same:
            missed.append(item)
            continue
        best = item if item in same else same[0]
        unmatched.remove(best)
        pairs.append((item, best))
    return pairs, missed, unmatched
