"""First names: the name lexicon with all its forms, declension and diminutives.

``lexicons/names.yaml`` lists full first names with gender and their diminutives and
nicknames. Every variant is expanded into its case forms (pymorphy3 where it knows the
word, declension rules otherwise, plus truncated vocatives such as "Серёж", "Оль"), so a
lower-case ASR transcript ("передай серёге") is matched by a dictionary lookup. Grouping
mentions into person candidates is :mod:`overheard.annotate.rules.people`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from overheard.cache import cache_dir
from overheard.text import fold, morph, parses

NAMES_FILE = Path(__file__).resolve().parent / "lexicons" / "names.yaml"
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct")
_SIBILANT_OR_VELAR = set("гкхжшчщ")
_UK_ALTERNATION = {"к": "ц", "г": "з", "х": "с"}  # Ukrainian second palatalisation in the dative and locative
# possessive adjectives from names ("ванькин", "серёгиной", uk "оксанині"), longest ending first
_POSSESSIVE_ENDINGS = ("иними", "иного", "иному", "иной", "иных", "иным", "ином", "иною", "иній", "иної", "иних",
                       "иним", "ина", "ино", "ины", "ину", "ині", "ине", "ин")
# Ukrainian possessives of male names ("максимової роти", "петрового брата"): the -ов- family past the
# nominative, whose forms Russian surnames do not take ("Иванова", "Иванову" stay surnames)
_UK_POSSESSIVE_ENDINGS = tuple(v + e for v in ("ов", "єв", "ев")
                               for e in ("ої", "ій", "ою", "ого", "ому", "ими", "их", "им"))
PERSON_TAGS = {"Name", "Surn", "Patr"}
PLACE_TAGS = {"Geox", "Orgn"}


@dataclass(frozen=True)
class NameForm:
    """One surface form of a first name: which full name, gender and cases it can stand for."""

    canonical: str  # the full name, nominative ("Сергей")
    variant: str  # the variant it inflects ("Серёга")
    gender: str  # "m" or "f"
    cases: frozenset[str]
    lang: str


@dataclass
class NameLexicon:
    """Folded surface form → the first names it can be."""

    forms: dict[str, list[NameForm]] = field(default_factory=dict)
    ambiguous: set[str] = field(default_factory=set)
    yo_forms: set[str] = field(default_factory=set)  # forms spelt with ё ("тёмой"): never ambiguous
    function_forms: dict[str, set[str]] = field(
        default_factory=lambda: {"ru": set(), "uk": set()})  # also a function word ("коли", "только", "алло")
    variants: dict[str, set[str]] = field(default_factory=dict)  # canonical (folded) -> variants
    pseudonyms: Mapping[str, Any] = field(default_factory=dict)

    def lookup(self, token: str) -> list[NameForm]:
        """Name readings of ``token`` (any case, ё/е folded)."""
        return self.forms.get(fold(token), [])

    def lookup_key(self, key: str) -> list[NameForm]:
        """:meth:`lookup` of a token already folded (:func:`overheard.text.fold`), as rules hold it."""
        return self.forms.get(key, [])

    def possessive(self, token: str) -> list[NameForm]:
        """Readings of the name a possessive adjective is made from ("ванькина мать" → Ванька, genitive).

        Only the -ин family ("ванькин", "серёгина", "оксанині"); a form that is mostly an ordinary
        word ("машин", the genitive plural of "машина") is not one.
        """
        low = fold(token)
        if low.endswith(_UK_POSSESSIVE_ENDINGS):
            return self._uk_possessive(low)
        if not low.endswith(_POSSESSIVE_ENDINGS):  # almost every word: one C-level check
            return []
        for ending in _POSSESSIVE_ENDINGS:
            if low.endswith(ending) and len(low) - len(ending) >= 2:
                stem = low[: len(low) - len(ending)]
                break
        else:
            return []
        for lang in ("ru", "uk"):
            top = parses(low, lang)[0]
            if top.is_known and top.score >= 0.5 and top.tag.POS == "NOUN" and not (
                    {"Name", "Surn"} & set(top.tag.grammemes)):
                return []  # "машин": a noun's form, not a possessive
        for base in (stem + "а", stem + "я"):
            readings = self.forms.get(base, [])
            if readings and base not in self.ambiguous:
                return [replace(r, cases=frozenset({"gent"})) for r in readings]
        return []

    def _uk_possessive(self, low: str) -> list[NameForm]:
        """Readings of the male name a Ukrainian -ов-/-єв- possessive is made from ("максимової" → Максим,
        "петрового" → Петро, "андрієвої" → Андрій); not a form that is mostly an ordinary word ("нової",
        "готового")."""
        ending = next(e for e in _UK_POSSESSIVE_ENDINGS if low.endswith(e))
        stem = low[: len(low) - len(ending)]
        if len(stem) < 3:
            return []
        for lang in ("uk", "ru"):
            top = parses(low, lang)[0]
            if top.is_known and top.score >= 0.5 and not ({"Name", "Surn"} & set(top.tag.grammemes)) \
                    and not (top.tag.POS == "ADJF" and top.normal_form.endswith(("ів", "їв"))):
                return []  # "нової", "готового": an ordinary adjective, not a possessive in -ів/-їв
        for base in (stem, stem + "о", stem + "й", stem + "ь"):
            readings = [r for r in self.forms.get(base, []) if r.gender != "f"]
            if readings and base not in self.ambiguous:
                return [replace(r, cases=frozenset({"gent"})) for r in readings]
        return []

    def is_ambiguous(self, token: str) -> bool:
        """True when the form is also an ordinary word ("вера", "роман", "серый", "темой" but not "тёмой")."""
        low = token.lower()
        if "ё" in low and low in self.yo_forms:
            return False
        return fold(token) in self.ambiguous

    def all_forms(self, canonical: str) -> set[str]:
        """Every folded surface form of every variant of a full name (for leak checks)."""
        wanted = fold(canonical)
        return {form for form, readings in self.forms.items() if any(fold(r.canonical) == wanted for r in readings)}


def decline(word: str, gender: str) -> dict[str, set[str]]:
    """Rule-based case forms of a first name or nickname (lower case), keyed by case."""
    w = word.lower()
    out: dict[str, set[str]] = defaultdict(set)
    out["nomn"].add(w)
    if w.endswith("а") or w.endswith("я"):
        stem, soft = w[:-1], w.endswith("я")
        gen = "и" if soft or (stem and stem[-1] in _SIBILANT_OR_VELAR) else "ы"
        out["gent"] |= {stem + gen, stem + "і" if not soft else stem + "і"}
        out["datv"] |= {stem + "е", stem + "і"}
        out["accs"] |= {stem + ("ю" if soft else "у")}
        out["ablt"] |= {stem + ("ей" if soft or stem[-1:] in "жшчщц" else "ой"),
                        stem + ("ею" if soft else "ою"), stem + ("єю" if soft else "ою")}
        out["loct"] |= {stem + "е", stem + "і"}
        out["voct"] |= {stem + ("ь" if soft else ""), stem + ("ю" if soft else "о")}
        if not soft and stem[-1:] in _UK_ALTERNATION:  # uk "Маринці", "Ользі", "Солосі": к/г/х → ц/з/с before і
            out["datv"].add(stem[:-1] + _UK_ALTERNATION[stem[-1]] + "і")
            out["loct"].add(stem[:-1] + _UK_ALTERNATION[stem[-1]] + "і")
    elif gender == "m" and (w.endswith("ый") or w.endswith("ой")):  # nicknames "Серый", "Малой"
        stem = w[:-2]
        out["gent"] |= {stem + "ого"}
        out["datv"] |= {stem + "ому"}
        out["accs"] |= {stem + "ого"}
        out["ablt"] |= {stem + "ым"}
        out["loct"] |= {stem + "ом"}
        out["voct"] |= {w}
    elif w.endswith("й"):
        stem = w[:-1]
        out["gent"] |= {stem + "я"}
        out["datv"] |= {stem + "ю", stem + "єві", stem + "еві"}
        out["accs"] |= {stem + "я"}
        out["ablt"] |= {stem + "ем", stem + "єм"}
        out["loct"] |= {stem + "е", stem + "ї", stem + "ю"}
        out["voct"] |= {stem + "ю"}
    elif w.endswith("ь"):
        stem = w[:-1]
        out["gent"] |= {stem + "я"}
        out["datv"] |= {stem + "ю", stem + "еві"}
        out["accs"] |= {stem + "я"}
        out["ablt"] |= {stem + "ем"}
        out["loct"] |= {stem + "е", stem + "і"}
        out["voct"] |= {stem + "е", stem + "ю"}
    elif w.endswith("о") and gender == "m":
        stem = w[:-1]
        out["gent"] |= {stem + "а"}
        out["datv"] |= {stem + "у", stem + "ові"}
        out["accs"] |= {stem + "а"}
        out["ablt"] |= {stem + "ом"}
        out["loct"] |= {stem + "і", stem + "ові"}
        out["voct"] |= {stem + "е", stem + "о"}
    elif gender == "m" and w[-1:].isalpha():
        stem = w
        for fleeting, repl in (("ёк", "ьк"), ("ок", "к"), ("ек", "к"), ("ец", "ц"), ("ьок", "ьк")):
            if w.endswith(fleeting) and len(w) > 3:
                stem = w[: -len(fleeting)] + repl
                if fleeting == "ёк" and w[-3:-2] in "аеиоуыэюяё":
                    stem = w[:-2] + "йк"
        out["gent"] |= {stem + "а"}
        out["datv"] |= {stem + "у", stem + "ові", stem + "у"}
        out["accs"] |= {stem + "а"}
        out["ablt"] |= {stem + ("ем" if stem[-1] in "жшчщц" else "ом")}
        out["loct"] |= {stem + "е", stem + "ові", stem + "і"}
        out["voct"] |= {stem + "е", stem + "у"}
    return out


def _pymorphy_forms(word: str, lang: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    target = fold(word)
    for parse in morph(lang).parse(word.lower()):
        if not parse.is_known or fold(parse.normal_form) != target or parse.tag.POS != "NOUN":
            continue
        if "Name" not in parse.tag and "Surn" not in parse.tag:
            continue
        for form in parse.lexeme:
            if form.tag.number == "plur":
                continue
            out[str(form.tag.case or "nomn")].add(str(form.word))
        break
    return out


def _diminutives(canonical: str, variants: list[str]) -> list[str]:
    """Regular diminutives of -а/-я names and hypocoristics ("Соня" → "Сонька", "Сонечка", "Сонюшка";
    "Марина" → "Мариночка"), kept only where pymorphy3 does not know them as another word."""
    out = []
    for base in [canonical, *variants]:
        low = base.lower()
        if not (low.endswith("а") or low.endswith("я")) or len(low) < 4 or set(low) & set("іїєґ"):
            continue
        stem, soft = low[:-1], low.endswith("я")
        if stem[-1] in "аеёиоуыэюя" or stem.endswith(("к", "ч", "ш", "щ", "ж")):
            continue
        made = [stem + ("ька" if soft else "ка"), stem + "ечка" if soft else stem + "очка", stem + "енька",
                stem + "юша" if soft else stem + "уша", stem + "ечка"]
        if soft:
            made.append(stem + "юха")  # Настя → Настюха, Таня → Танюха
        for word in made:
            parses = morph("ru").parse(word)
            if parses and parses[0].is_known and not (PERSON_TAGS & _grammemes(parses[0].tag)):
                continue
            out.append(word[:1].upper() + word[1:])
    return list(dict.fromkeys(out))


LEXICON_FORMAT = 4  # bump when the expansion rules change (invalidates cached expansions)


def _cache_path() -> Path:
    import hashlib
    from importlib.metadata import version

    digest = hashlib.sha256(NAMES_FILE.read_bytes())
    for package in ("pymorphy3", "pymorphy3-dicts-ru", "pymorphy3-dicts-uk"):
        try:
            digest.update(version(package).encode())
        except Exception:  # an unknown version only means no reuse of the cache
            digest.update(b"?")
    digest.update(str(LEXICON_FORMAT).encode() + Path(__file__).read_bytes())
    return cache_dir() / f"names-{digest.hexdigest()[:20]}.pickle"


@lru_cache(maxsize=1)
def name_lexicon() -> NameLexicon:
    """Load (once) and expand ``names.yaml``; the expansion is cached on disk (derived data only)."""
    import pickle

    path = _cache_path()
    try:
        with path.open("rb") as handle:
            cached = pickle.load(handle)
        if isinstance(cached, NameLexicon):
            return cached
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    lexicon = _build_lexicon()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as handle:
            pickle.dump(lexicon, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except (OSError, pickle.PicklingError, AttributeError, TypeError):
        pass  # a read-only home (or an unpicklable value): expand again next time
    return lexicon


def _build_lexicon() -> NameLexicon:
    """Expand ``names.yaml`` into every case form of every variant."""
    with NAMES_FILE.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    lexicon = NameLexicon(ambiguous={fold(w) for w in data.get("ambiguous", [])})
    lexicon.pseudonyms = {"ru": data["pseudonyms"], "uk": data.get("pseudonyms_uk", data["pseudonyms"]),
                          "surnames": data.get("pseudonym_surnames", [])}
    seen: set[tuple[str, str, str]] = set()
    for entry in data["names"]:
        canonical, gender, lang = entry["name"], entry["gender"], entry.get("lang", "ru")
        lexicon.variants.setdefault(fold(canonical), set())
        for variant in [canonical, *entry.get("variants", []), *_diminutives(canonical, entry.get("variants", []))]:
            lexicon.variants[fold(canonical)].add(variant)
            cases: dict[str, set[str]] = defaultdict(set)
            for source in (decline(variant, gender), _pymorphy_forms(variant, "ru" if lang != "uk" else "uk")):
                for case, words in source.items():
                    cases[case] |= words
            by_form: dict[str, set[str]] = defaultdict(set)
            for case, words in cases.items():
                for word in words:
                    if len(word) >= 2:
                        by_form[fold(word)].add(case)
                        if "ё" in word:
                            lexicon.yo_forms.add(word)
            for form, form_cases in by_form.items():
                key = (form, fold(canonical), variant)
                if key in seen:
                    continue
                seen.add(key)
                lexicon.forms.setdefault(form, []).append(
                    NameForm(canonical, variant, gender, frozenset(form_cases), lang)
                )
    _mark_ambiguous(lexicon)
    return lexicon


_FUNCTION_POS = {"CONJ", "PRCL", "NPRO", "PREP", "INTJ", "PRED", "ADVB", "COMP"}


def _mark_ambiguous(lexicon: NameLexicon) -> None:
    """A form whose most likely reading is a frequent ordinary word (not a name) is ambiguous.

    Russian parses carry corpus frequencies; the Ukrainian dictionary does not, so a
    Ukrainian-only form is ambiguous only when no reading of it is a name. A reading
    whose lemma is itself a name variant ("маринку" as the common noun "маринка") or
    a rare reading (score under 0.75, "костяном") does not make the form ambiguous.
    """
    variants = {fold(v) for vs in lexicon.variants.values() for v in vs}
    for form in lexicon.forms:
        for lang in ("ru", "uk") if len(form) <= 8 else ():  # function words are short
            found = [p for p in parses(form, lang)[:4] if p.is_known]
            if lang == "ru":
                found = [p for p in found[:1] if p.score >= 0.4]
            if any(p.tag.POS in _FUNCTION_POS for p in found):
                lexicon.function_forms[lang].add(form)
                lexicon.ambiguous.add(form)
        if form in lexicon.ambiguous:
            continue
        if set(form) & set("іїєґ'"):
            known = [p for p in parses(form, "uk") if p.is_known]
            if known and not any(PERSON_TAGS & _grammemes(p.tag) for p in known):
                lexicon.ambiguous.add(form)
            continue
        found = parses(form, "ru")
        top = found[0] if found else None
        if top is None or not top.is_known or PERSON_TAGS & _grammemes(top.tag):
            continue
        function_word = top.tag.POS in _FUNCTION_POS or "Apro" in _grammemes(top.tag)
        frequent_word = top.score >= 0.75 and fold(top.normal_form) not in variants
        if function_word or frequent_word:
            lexicon.ambiguous.add(form)


def _grammemes(tag: Any) -> set[str]:
    return set(str(tag).replace(" ", ",").split(","))
