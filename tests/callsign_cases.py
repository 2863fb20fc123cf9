"""A seeded generator of the ways a call sign is used in calls and radio chatter, and of hard negatives (branch
callsign19): the test helper of ``tests/test_callsign19_generated.py`` and ``benchmarks/callsign_generated.py``.

Its word lists and templates are data (``tests/data/callsigns19/vocabulary.yaml``, ``templates.yaml``), written from
ANNOTATION.md's definition (Personal data, CALLSIGN) and from radio procedure, not read off the corpus or the blind
rounds. A case is one template filled with call signs of one or more categories (animals, birds, weapons, trades,
tools, adjectives, foreign words in Cyrillic and Latin script, numbers, places, people's names, weather, trees,
things) in the case the slot asks for, in Russian, Ukrainian or Surzhyk, rendered either cased with punctuation or as
lower-case speech-to-text without punctuation. Both the vocabulary and the templates are split into a ``tune`` part
(what the rules were made to pass) and a ``held_out`` part (only measured).

- :func:`positive_case`: a text and the spans of every call sign in it (each must be masked whole);
- :func:`negative_case`: a text with a word of the same vocabulary used as an ordinary word in the same kind of slot
  ("сокол летит", "бери лопату", "пятый день"), and its span (it must stay readable);
- :func:`plain_case`: procedure words as ordinary words ("на связи с мамой", "передай хлеб"), no call sign at all;
- :func:`score`: redacts a case as ``overheard redact --mode mask`` does and counts what leaked and what was masked
  that is no call sign.
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data" / "callsigns19"
SPLITS = ("tune", "held_out")
TOKEN = re.compile(r"\w+(?:['’ʼ]\w+)*")
_SLOT = re.compile(r"\{([ABCW])(?::(\w+))?\}")
_LATIN = re.compile(r"[A-Za-z]")
# the categories whose words have a plural a group may go by ("Соколы вышли")
ANIMATE = ("animal", "bird", "trade", "foreign", "person")  # as ordinary words: "вижу волка", "купил топор"
PLURAL_CATEGORIES = ("animal", "bird", "weapon", "trade", "tool", "foreign", "weather", "tree", "thing")
FILLERS = {
    "ru": ["Ладно, давай.", "Ну всё, пока.", "Короче, вот так.", "Ну ладно.", "Всё, давай, потом наберу."],
    "uk": ["Ну все, бувай.", "Добре, давай.", "Коротше, от так.", "Ну ладно."],
}


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, dict[str, list[tuple[str, str]]]]:
    """Category → split → [(Russian, Ukrainian)] call signs."""
    data = yaml.safe_load((DATA / "vocabulary.yaml").read_text(encoding="utf-8"))["categories"]
    out: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for category, splits in data.items():
        out[category] = {}
        for split in SPLITS:
            pairs = []
            for entry in splits[split]:
                ru, _, uk = entry.partition("|")
                pairs.append((ru.replace("_", " "), (uk or ru).replace("_", " ")))
            out[category][split] = pairs
    return out


@lru_cache(maxsize=1)
def templates() -> dict:
    """The templates as read from ``templates.yaml`` (positive, negative, plain)."""
    return yaml.safe_load((DATA / "templates.yaml").read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------------------------------- declension
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct")


@cache
def decline(word: str, language: str, case: str, animate: bool = True, adjectival: bool = False) -> str:
    """``word`` (a call sign in the nominative, one or more words) in ``case`` ("datv", "plur_gent", ...) as a speaker
    of ``language`` says it: the last word of a numbered call sign declines, a Latin word or one ending in a vowel
    that does not decline stays as it is; a call sign is a person, so (``animate``) its masculine or plural
    accusative is the genitive ("вызываю Гранита"); an ``adjectival`` one ("Дикий", "Пятый", "Македонский") declines
    as an adjective."""
    if case in ("", "nomn") or _LATIN.search(word):
        return word
    head, _, last = word.rpartition(" ")
    suffix = ""
    if "-" in last:
        last, suffix = last.split("-", 1)[0], "-" + last.split("-", 1)[1]
    plural = case.startswith("plur")
    grammatical = case.removeprefix("plur_").removeprefix("plur") or "nomn"
    form = _inflect(last.lower(), language, grammatical, plural, animate,
                    adjectival or last.lower().endswith(("ский", "ський")))
    if last[:1].isupper():
        form = form[:1].upper() + form[1:]
    return (head + " " if head else "") + form + suffix


def _inflect(word: str, language: str, case: str, plural: bool, animate: bool, adjectival: bool) -> str:
    parse = _parse(word, language, adjectival)
    if case == "accs" and not animate and not plural and not word.endswith(("а", "я")):
        return word  # an inanimate masculine accusative is the nominative ("купил топор")
    if case == "accs" and animate:  # call signs are people: an animate accusative
        if plural or parse is None and not word.endswith(("а", "я")) or parse is not None and (
                parse.tag.POS == "ADJF" or parse.tag.gender == "masc"):
            case = "gent"
    if case == "voct" and (language == "ru" or parse is not None and parse.tag.POS == "ADJF"):
        return word if not plural else _inflect(word, language, "nomn", True, animate, adjectival)
    if parse is not None:
        wanted = {case, "plur"} if plural else {case, "sing"}
        if parse.tag.POS == "ADJF" and not plural:
            wanted.add("masc")
        found = parse.inflect(wanted)
        if found is not None:
            return found.word
    return _by_ending(word, language, case, plural, adjectival)


_ADJECTIVE_ENDINGS = ("ый", "ий", "ой", "ій")
ADJECTIVAL = ("adjective", "number")  # categories whose words decline as adjectives


def _parse(word: str, language: str, adjectival: bool):
    """The dictionary's reading of ``word`` as a singular nominative noun (an adjective when ``adjectival``)."""
    from overheard.text import morph  # pymorphy3, as the package configures it

    pos = "ADJF" if adjectival else "NOUN"
    for p in morph(language).parse(word):
        # the Ukrainian dictionary leaves some nominatives untagged ("NOUN,inan femn")
        if p.is_known and p.tag.case in ("nomn", None) and p.tag.number != "plur" and p.tag.POS == pos \
                and "Fixd" not in p.tag:
            return p
    return None


# the forms the Ukrainian dictionary lacks and no ending rule gives (singular genitive, dative, ablative, locative,
# plural nominative)
_IRREGULAR = {"іній": ("інею", "інею", "інеєм", "інеї", "інеї"), "тінь": ("тіні", "тіні", "тінню", "тіні", "тіні"),
              "кінь": ("коня", "коню", "конем", "коні", "коні"), "сіль": ("солі", "солі", "сіллю", "солі", "солі")}
_INDECLINABLE_ENDINGS = ("о", "и", "у", "е", "э", "ю", "і")


def _by_ending(word: str, language: str, case: str, plural: bool, adjectival: bool) -> str:
    """A regular declension by the word's ending, for a word no dictionary knows ("Хантер", "Ронін", "Малой")."""
    uk = language == "uk"
    if word in _IRREGULAR and case != "accs":
        forms = _IRREGULAR[word]
        return forms[4] if plural else {"gent": forms[0], "datv": forms[1], "ablt": forms[2], "loct": forms[3]}.get(
            case, word)
    if word.endswith("ло") and len(word) > 4:  # a neuter noun ("зубило")
        stem = word[:-1]
        return stem + ({"gent": "а", "datv": "у", "ablt": "ом", "loct": "і" if uk else "е"}.get(case, "о")
                       if not plural else "а")
    if word.endswith(_INDECLINABLE_ENDINGS):
        return word  # "Зорро", "Рэмбо", "Гарибальди": indeclinable
    if adjectival and word.endswith(_ADJECTIVE_ENDINGS):
        stem = word[:-2]
        table = ({"nomn": word[-2:], "gent": "ого", "datv": "ому", "ablt": "им", "loct": "ому"} if uk else
                 {"nomn": word[-2:], "gent": "ого", "datv": "ому", "ablt": "им" if stem[-1:] in "гкхжшчщ" else "ым",
                  "loct": "ом"})
        if plural:
            table = {"nomn": "і" if uk else "ые", "gent": "их" if uk else "ых", "datv": "им" if uk else "ым",
                     "ablt": "ими" if uk else "ыми", "loct": "их" if uk else "ых"}
        return stem + table.get(case, table["nomn"])
    if word.endswith("я"):  # a soft feminine noun ("ялиця", "Ниндзя")
        stem = word[:-1]
        if plural:
            table = {"nomn": "і" if uk else "и", "gent": "ь", "datv": "ям", "ablt": "ями", "loct": "ях"}
        else:
            table = {"gent": "і" if uk else "и", "datv": "і" if uk else "е", "accs": "ю", "ablt": "ею" if uk else "ей",
                     "loct": "і" if uk else "е", "voct": "е" if uk else "я"}
        return stem + table.get(case, "я")
    if word.endswith("а"):
        stem = word[:-1]
        hush = stem[-1:] in "гкхжшчщ"
        if plural:
            table = {"nomn": "и" if hush or uk else "ы", "gent": "", "datv": "ам", "ablt": "ами", "loct": "ах"}
        else:
            table = {"nomn": "а", "gent": ("и" if hush or uk else "ы"), "datv": "і" if uk else "е", "accs": "у",
                     "ablt": "ою" if uk else "ой", "loct": "і" if uk else "е", "voct": "о" if uk else "а"}
        return stem + table.get(case, "а")
    stem = word[:-1] if word.endswith(("ь", "й")) else word
    soft = word.endswith(("ь", "й"))
    if plural:
        table = {"nomn": ("і" if uk else "и") if soft or stem[-1:] in "гкхжшчщ" else ("и" if uk else "ы"),
                 "gent": "ів" if uk else "ов", "datv": "ам", "ablt": "ами", "loct": "ах"}
    else:
        table = {"nomn": word[len(stem):], "gent": "я" if soft else "а", "datv": ("ю" if soft else "у") if not uk
                 else ("ю" if soft else "ові"), "ablt": "ем" if soft else "ом", "loct": "і" if uk else "е",
                 "voct": "е" if uk else word[len(stem):]}
    return stem + table.get(case, "")


# ------------------------------------------------------------------------------------------------------- the cases
@dataclass
class Case:
    """A generated text, its language, the spans that must be masked (``secret``) and those that must stay readable
    (``ordinary``: the hard negative's word), and how it was made."""

    text: str
    language: str
    secret: list[tuple[int, int]] = field(default_factory=list)
    ordinary: list[tuple[int, int]] = field(default_factory=list)
    kind: str = ""
    template: str = ""
    words: dict[str, str] = field(default_factory=dict)
    asr: bool = False


def _pick_template(rng: random.Random, section: dict, split: str) -> tuple[str, str, str]:
    """A (group, language, template) of ``section`` ({group: {lang: {split: [..]}}}), every template equally likely."""
    flat = [(g, lang, t) for g, langs in section.items() for lang, splits in langs.items() for t in splits[split]]
    return rng.choice(flat)


def _call_sign(rng: random.Random, split: str, language: str, categories: tuple[str, ...] | None = None
               ) -> tuple[str, str]:
    """A call sign of ``split``'s vocabulary as (category, word) in ``language`` (Surzhyk: either form)."""
    vocab = vocabulary()
    category = rng.choice(sorted(categories or vocab))
    ru, uk = rng.choice(vocab[category][split])
    if category == "latin":
        return category, ru
    word = {"ru": ru, "uk": uk}.get(language) or rng.choice([ru, uk])
    return category, word


def positive_case(seed: int, split: str = "tune") -> Case:
    """A call or a radio exchange using one to three call signs of ``split``, rendered cased or as speech-to-text."""
    rng = random.Random(f"positive-{split}-{seed}")
    group, lang, template = _pick_template(rng, templates()["positive"], split)
    plural = group == "plural"
    words: dict[str, str] = {}
    categories: dict[str, str] = {}
    for role in sorted(set(m.group(1) for m in _SLOT.finditer(template))):
        while True:
            category, word = _call_sign(rng, split, lang, PLURAL_CATEGORIES if plural else None)
            if word not in words.values():
                break
        if category not in ("latin", "number") and " " not in word and rng.random() < 0.08 and not plural:
            word = f"{word}-{rng.randint(1, 9)}"  # "Гранит-1"
        words[role], categories[role] = word, category
    language = lang if lang != "sz" else rng.choice(["ru", "uk"])
    asr = group != "label" and rng.random() < 0.5
    if asr:  # a number after a dash is said as a word in speech; the generator keeps speech-to-text to bare words
        words = {role: word.split("-")[0] for role, word in words.items()}
    case = _render(template, words, language if lang != "sz" else "uk", asr, rng, secret_roles="ABC",
                   categories=categories)
    case.kind, case.language = f"{group}/{lang}/" + "+".join(sorted(set(categories.values()))), language
    return case


def negative_case(seed: int, split: str = "tune") -> Case:
    """A word of ``split``'s call-sign vocabulary used as an ordinary word of its category in a slot a call sign also
    stands in, rendered cased or as speech-to-text."""
    rng = random.Random(f"negative-{split}-{seed}")
    category, lang, template = _pick_template(rng, templates()["negative"], split)
    ru, uk = rng.choice(vocabulary()[category][split])
    word = ru if lang == "ru" else uk
    if category != "place":  # a place name keeps its capital; any other word is an ordinary lower-case word
        word = word.lower()
    if template.startswith("{W"):
        word = word[:1].upper() + word[1:]
    asr = rng.random() < 0.5
    case = _render(template, {"W": word}, lang, asr, rng, secret_roles="", animate=category in ANIMATE,
                   categories={"W": category})
    case.kind, case.language = f"negative/{lang}/{category}", lang
    return case


def plain_case(seed: int, split: str = "tune") -> Case:
    """Radio procedure words used as ordinary words ("Я на связи с мамой", "Передай хлеб"): nothing to mask."""
    rng = random.Random(f"plain-{split}-{seed}")
    flat = [(lang, t) for lang, splits in templates()["plain"].items() for t in splits[split]]
    lang, template = rng.choice(flat)
    case = _render(template, {}, lang, rng.random() < 0.5, rng, secret_roles="")
    case.kind, case.language = f"plain/{lang}", lang
    return case


_PUNCT = re.compile(r"[.,!?:;«»\"“”„()…]|(?<!\w)[—–-](?!\w)")
_START, _END = "\x01", "\x02"


def _render(template: str, words: dict[str, str], language: str, asr: bool, rng: random.Random,
            secret_roles: str, animate: bool = True, categories: dict[str, str] | None = None) -> Case:
    """Fill ``template`` (speech-to-text: lower case, no punctuation, lines joined or kept) and find the spans."""
    template = template.replace("\\n", "\n")
    categories = categories or {}
    if rng.random() < 0.25:  # a neutral sentence around it, so that the slot is not always the text's start or end
        filler = rng.choice(FILLERS["uk" if language == "uk" else "ru"])
        joint = "\n" if re.match(r"\{[ABC][^}]*\}:", template) else " "  # a speaker label keeps its own line
        template = filler + joint + template if rng.random() < 0.5 else template + joint + filler
    pieces: list[str] = []
    at = 0
    filled: dict[str, str] = {}
    for m in _SLOT.finditer(template):
        pieces.append(template[at : m.start()])
        role, case = m.group(1), m.group(2) or "nomn"
        form = decline(words[role], language, case, animate, categories.get(role, "") in ADJECTIVAL)
        filled.setdefault(role, words[role])
        mark = "s" if role in secret_roles else "o"
        pieces.append(f"{_START}{mark}{form}{_END}")
        at = m.end()
    pieces.append(template[at:])
    text = "".join(pieces)
    if asr:
        text = text.lower()
        text = _PUNCT.sub(" ", text)
        if rng.random() < 0.5:
            text = text.replace("\n", " ")
        text = "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n"))
    out, secret, ordinary = "", [], []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == _START:
            mark = text[i + 1]
            end = text.index(_END, i)
            start = len(out)
            out += text[i + 2 : end]
            (secret if mark == "s" else ordinary).append((start, len(out)))
            i = end + 1
        else:
            out += ch
            i += 1
    return Case(out, language, secret, ordinary, template=template, words=filled, asr=asr)


# ---------------------------------------------------------------------------------------------------------- scoring
@dataclass
class Score:
    """What redaction left readable of a case: the call signs (``leaked``), the ordinary words masked
    (``overmasked``), and the token counts behind them."""

    leaked: list[str]
    overmasked: list[str]
    secret_items: int
    ordinary_tokens: int
    target_masked: bool  # a hard negative's word masked
    redacted: str


def score(case: Case) -> Score:
    """Redact ``case`` as ``overheard redact --mode mask`` (places kept) and score it."""
    from overheard.jobs.redaction import redact_text
    from overheard.redact import Policy, Redactor

    redaction = redact_text(case.text, _redactor(Redactor, Policy), case.language)
    covered = [(r.start, r.end) for r in redaction.replacements]

    def masked(start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in covered)

    leaked = []
    for start, end in case.secret:
        if any(not masked(t.start(), t.end()) for t in TOKEN.finditer(case.text, start, end)):
            leaked.append(case.text[start:end])
    overmasked, ordinary = [], 0
    for token in TOKEN.finditer(case.text):
        if any(s <= token.start() and token.end() <= e for s, e in case.secret):
            continue
        ordinary += 1
        if any(token.start() < b and a < token.end() for a, b in covered):
            overmasked.append(token.group())
    target = any(any(a < e and s < b for a, b in covered) for s, e in case.ordinary)
    return Score(leaked, overmasked, len(case.secret), ordinary, target, redaction.text)


@dataclass
class Tally:
    """What :func:`tally` adds up over generated cases: texts, secret items and those leaked, texts with a leak,
    ordinary tokens and those masked, hard negatives whose word was masked; per key of each grouping in ``by``
    (:func:`tally`'s argument) the texts, the texts with a leak, the items leaked and the negatives masked; and up
    to ``show`` cases of each kind of miss as (kind, text, leaked or masked words, redacted text)."""

    texts: int = 0
    items: int = 0
    leaked: int = 0
    texts_leaking: int = 0
    ordinary_tokens: int = 0
    overmasked: int = 0
    target_masked: int = 0
    texts_by: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    leaking_by: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    leaks_by: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    masked_by: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    shown_leaks: list[tuple] = field(default_factory=list)
    shown_over: list[tuple] = field(default_factory=list)

    def positive_figures(self) -> dict[str, int]:
        """The figures of positive cases as the generated-class benchmarks report them: secret items and those
        leaked, texts and those with a leak, ordinary tokens and those masked."""
        return {"items": self.items, "leaked": self.leaked, "texts": self.texts, "texts_leaking": self.texts_leaking,
                "ordinary_tokens": self.ordinary_tokens, "overmasked": self.overmasked}

    def leaking_share(self, grouping: str) -> dict[str, str]:
        """"texts with a leak/texts" per key of ``grouping``, keys sorted."""
        return {k: f"{self.leaking_by[grouping][k]}/{n}" for k, n in sorted(self.texts_by[grouping].items())}


def tally(cases: Iterable[Case], by: dict[str, Callable[[Case], Iterable[str]]] | None = None,
          show: int = 0) -> Tally:
    """Score every case of ``cases`` (:func:`score`) and add the figures up; ``by`` names groupings, each a function
    giving a case's keys (its template group, its categories); ``show`` keeps that many leaks and over-maskings.
    The generated-class benchmarks and their spec tests all count with this."""
    out = Tally()
    for case in cases:
        s = score(case)
        out.texts += 1
        out.items += s.secret_items
        out.leaked += len(s.leaked)
        out.texts_leaking += bool(s.leaked)
        out.ordinary_tokens += s.ordinary_tokens
        out.overmasked += len(s.overmasked)
        out.target_masked += s.target_masked
        for grouping, keys in (by or {}).items():
            for key in keys(case):
                out.texts_by[grouping][key] += 1
                out.leaking_by[grouping][key] += bool(s.leaked)
                out.leaks_by[grouping][key] += len(s.leaked)
                out.masked_by[grouping][key] += s.target_masked
        if s.leaked and len(out.shown_leaks) < show:
            out.shown_leaks.append((case.kind, case.text, s.leaked, s.redacted))
        if (s.overmasked or s.target_masked) and len(out.shown_over) < show:
            out.shown_over.append((case.kind, case.text, s.overmasked, s.redacted))
    return out


@lru_cache(maxsize=1)
def _redactor_instance(redactor_cls, policy_cls):
    return redactor_cls(b"", policy_cls("mask", "keep"))


def _redactor(redactor_cls, policy_cls):
    return _redactor_instance(redactor_cls, policy_cls)


# ------------------------------------------------------------------------------------ narrative (branch leak20)
NARRATIVE = Path(__file__).parent / "data" / "callsigns20" / "narrative.yaml"
NARRATIVE_KINDS = {"thing": ("tool", "weapon", "tree", "thing"), "animal": ("animal", "bird")}  # words told of as what
# they are in a story


@cache
def narrative_templates() -> dict:
    """The narrative templates: {"positive"|"negative": {lang: {split: [...]}}}."""
    return yaml.safe_load(NARRATIVE.read_text(encoding="utf-8"))


def narrative_case(seed: int, split: str = "tune") -> Case:
    """A call sign of ``split`` told of in lower-case narrative (speech-to-text: no capital, no punctuation)."""
    rng = random.Random(f"narrative-{split}-{seed}")
    lang, template = _pick_narrative(rng, "positive", split)
    category, word = _call_sign(rng, split, lang)
    case = _render(template, {"A": word}, lang, True, rng, secret_roles="A", categories={"A": category})
    case.kind, case.language = f"narrative/{lang}/{category}", lang
    return case


def narrative_negative_case(seed: int, split: str = "tune", kind: str = "thing") -> Case:
    """A word of ``split``'s vocabulary that is also a thing (``kind`` "thing") or an animal ("animal"), told of as
    that in lower-case narrative."""
    rng = random.Random(f"narrative-negative-{kind}-{split}-{seed}")
    flat = [(lang, t) for lang, splits in narrative_templates()["negative"][kind].items() for t in splits[split]]
    lang, template = rng.choice(flat)
    category = rng.choice(NARRATIVE_KINDS[kind])
    ru, uk = rng.choice(vocabulary()[category][split])
    word = (ru if lang == "ru" else uk).lower()
    case = _render(template, {"W": word}, lang, True, rng, secret_roles="", animate=category in ANIMATE,
                   categories={"W": category})
    case.kind, case.language = f"narrative-negative/{lang}/{category}", lang
    return case


def _pick_narrative(rng: random.Random, section: str, split: str) -> tuple[str, str]:
    flat = [(lang, t) for lang, splits in narrative_templates()[section].items() for t in splits[split]]
    return rng.choice(flat)
