"""Shared language tools: tokens with offsets, lemmas for Russian and Ukrainian, ru/uk detection,
and look-alike letters.

Morphological analysers are loaded lazily and cached per language (loading one takes
a fraction of a second and ~15 MB; never do it at import time).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version

import razdel
import yaml

from overheard.lexicons.loader import LEXICON_DIR, word_list

# token_spans' fast path reads razdel's own atoms and rules; it was checked (tests/test_text.py) against razdel 0.5,
# so any other razdel, or one whose internals moved, gets razdel.tokenize itself: the tokens stay razdel's either way
RAZDEL_CHECKED = "0.5."
try:
    if not version("razdel").startswith(RAZDEL_CHECKED):
        raise ImportError(f"razdel {version('razdel')} is not the checked {RAZDEL_CHECKED}x")
    from razdel.segmenters.punct import DASHES as _RAZDEL_DASHES
    from razdel.segmenters.tokenize import ATOM as _RAZDEL_ATOM
    from razdel.segmenters.tokenize import Atom as _RazdelAtom
    from razdel.segmenters.tokenize import TokenSplit as _RazdelSplit
    from razdel.segmenters.tokenize import tokenize as _RAZDEL
    FAST_TOKENS = True
except (ImportError, PackageNotFoundError):
    _RAZDEL_DASHES = ""
    FAST_TOKENS = False

UKRAINIAN_ONLY = set("іїєґІЇЄҐ")
RUSSIAN_ONLY = set("ыэъёЫЭЪЁ")
_APOSTROPHES = "'’ʼ`"


@dataclass(frozen=True)
class Token:
    """A token with its half-open character range in the text it came from."""

    start: int
    end: int
    text: str


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into razdel tokens with character offsets (exactly ``razdel.tokenize``'s tokens, faster)."""
    return [Token(start, end, value) for start, end, value in token_spans(text)]


def token_spans(text: str) -> list[tuple[int, int, str]]:
    """razdel's tokens of ``text`` as ``(start, end, text)``, exactly as ``razdel.tokenize`` cuts them.

    razdel cuts the text into atoms (a run of letters of one script, a run of digits, one punctuation mark, one
    other character) and asks its rules whether to join two atoms only when nothing stands between them; atoms
    with a space between are always two tokens. Here the atoms come from razdel's own pattern in one pass, and
    a touching pair is decided from the two atoms alone where razdel's rules need nothing more
    (:func:`_razdel_join`), else by razdel's own rules with the same three-atom context on each side: this skips
    the split objects razdel builds for every pair of atoms. ``tests/test_text.py`` holds it to razdel.
    """
    if not FAST_TOKENS:
        return [(t.start, t.stop, t.text) for t in razdel.tokenize(text)]
    spans = [(match.start(), match.end(), match.lastgroup) for match in _RAZDEL_ATOM.finditer(text)]
    tokens: list[tuple[int, int, str]] = []
    if not spans:
        return tokens
    atoms: dict[int, _RazdelAtom] = {}  # razdel's Atom records, made only for the context of a pair it decides

    def atom(k: int) -> _RazdelAtom:
        if k not in atoms:
            atoms[k] = _RazdelAtom(spans[k][0], spans[k][1], spans[k][2], text[spans[k][0] : spans[k][1]])
        return atoms[k]

    window = _RAZDEL.split.window
    start, stop, kind = spans[0]
    for index in range(1, len(spans)):
        atom_start, atom_stop, atom_kind = spans[index]
        join = False
        if atom_start == stop:  # touching atoms: join them when razdel would
            join = _razdel_join(kind, text[spans[index - 1][0] : stop], atom_kind, text[atom_start:atom_stop])
            if join is None:  # razdel's own rules decide, with their context of three atoms on each side
                split = _RazdelSplit([atom(k) for k in range(max(0, index - window), index)], "",
                                     [atom(k) for k in range(index, min(len(spans), index + window))])
                split.buffer = text[start:stop]
                join = _RAZDEL.join(split)
        if join:
            stop, kind = atom_stop, atom_kind
            continue
        tokens.append((start, stop, text[start:stop]))
        start, stop, kind = atom_start, atom_stop, atom_kind
    tokens.append((start, stop, text[start:stop]))
    return tokens


# razdel's rules (razdel 0.5: dash, underscore, float, fraction, punct, other, yahoo, in this order) look at the
# atoms around a pair only when one of the two is a dash, an underscore, a point, a comma or a slash, or both are
# punctuation; otherwise only the "other" rule can join them
_RAZDEL_JOINERS = frozenset(_RAZDEL_DASHES + "_.,/\\")
_LETTERS_OR_OTHER = frozenset({"RU", "LAT", "OTHER"})


def _razdel_join(left_kind: str, left: str, right_kind: str, right: str) -> bool | None:
    """Whether razdel joins two touching atoms, when that follows from the two alone; None when its rules must look
    at the atoms around them."""
    if left in _RAZDEL_JOINERS or right in _RAZDEL_JOINERS or left_kind == right_kind == "PUNCT" or (
            right == "!" and left.lower() == "yahoo"):
        return None
    # razdel's "other": a character of no known kind ("Δ", or "і" in Ukrainian words) sticks to letters and others
    return (left_kind == "OTHER" and right_kind in _LETTERS_OR_OTHER) or (
        left_kind in _LETTERS_OR_OTHER and right_kind == "OTHER")


CONFUSABLES_FILE = LEXICON_DIR / "confusables.yaml"
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")
_LETTERS = re.compile(r"[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _confusables() -> dict[int, str]:
    data = yaml.safe_load(CONFUSABLES_FILE.read_text(encoding="utf-8"))
    table = {}
    for source, target in data["letters"].items():
        if len(source) != 1 or len(target) != 1 or not _CYRILLIC_LETTER.match(target):
            raise ValueError(f"{CONFUSABLES_FILE.name}: {source!r} -> {target!r} is not one letter to one Cyrillic")
        table[ord(source)] = target
    return table


@lru_cache(maxsize=1)
def _look_alike() -> re.Pattern[str]:
    """Any letter of the look-alike table (one pattern search instead of translating the whole text)."""
    return re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_confusables())) + "]")


def unconfuse(text: str) -> str:
    """Cyrillic for each Latin or Greek look-alike letter in a word that also has Cyrillic letters.

    "Cергей" (Latin C) becomes "Сергей"; the result has the same length, so offsets found on it hold
    for the original, which is what storage keeps. Words wholly in Latin are left alone.
    """
    if text.isascii() or not _CYRILLIC_LETTER.search(text):
        return text
    if _look_alike().search(text) is None:  # no look-alike letter at all (almost every text): skip the word walk
        return text
    table = _confusables()

    def fix(match: re.Match) -> str:
        word = match.group()
        return word.translate(table) if _CYRILLIC_LETTER.search(word) else word

    return _LETTERS.sub(fix, text)


def fold(word: str) -> str:
    """Lower-case, Cyrillic for look-alike letters, ё→е and one apostrophe, for matching (never for storage)."""
    # the rules fold the same few thousand words over and over: short strings are remembered
    return _fold_word(word) if len(word) <= _FOLD_CACHED_LENGTH else _fold(word)


_FOLD_CACHED_LENGTH = 48


def fold_words(words: list[str]) -> list[str]:
    """:func:`fold` of each of ``words`` (one C-level pass over the remembered folds when every word is short)."""
    if max(map(len, words), default=0) <= _FOLD_CACHED_LENGTH:
        return list(map(_fold_word, words))
    return list(map(fold, words))


@lru_cache(maxsize=100_000)
def _fold_word(word: str) -> str:
    return _fold(word)


def _fold(word: str) -> str:
    word = unconfuse(word).lower().replace("ё", "е")
    for mark in _APOSTROPHES[1:]:
        word = word.replace(mark, "'")
    return word


@lru_cache(maxsize=2)
def morph(language: str):
    """Return the cached pymorphy3 analyser for ``"ru"`` or ``"uk"``."""
    import pymorphy3

    analyzer = pymorphy3.MorphAnalyzer(lang="uk" if language == "uk" else "ru")
    _remember_known(analyzer)
    return analyzer


def _remember_known(analyzer) -> None:
    """Make ``Parse.is_known`` of ``analyzer``'s parses a remembered answer per word form: pymorphy3 asks its
    dictionary again on every read (a fuzzy DAWG search with the ё/е or г/ґ substitutes, 0.5-15 µs), and the entity
    rules read it of the same cached parses in every document. The answer is the dictionary's, unchanged."""
    result_type = analyzer._result_type  # the Parse subclass bound to this analyzer (pymorphy3 makes one per analyzer)
    if result_type is None:
        return
    dictionary, substitutes = analyzer.dictionary, analyzer.char_substitutes

    @lru_cache(maxsize=200_000)
    def known(word: str) -> bool:
        return dictionary.word_is_known(word=word, substitutes_compiled=substitutes)

    result_type.is_known = property(lambda parse: known(parse.word), doc="Whether the dictionary knows this form.")


@lru_cache(maxsize=200_000)
def lemma(word: str, language: str = "ru") -> str:
    """Most likely normal form of ``word`` (folded: lower case, ё→е)."""
    parses = morph(language).parse(word.lower())
    return fold(parses[0].normal_form) if parses else fold(word)


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str, default: str = "ru") -> str:
    """Guess whether ``text`` is Ukrainian or Russian from letters only one language uses.

    Counts Ukrainian-only letters (і ї є ґ) against Russian-only letters
    (ы э ъ ё) and a few frequent function words (``lexicons/language_cues.yaml``); returns
    ``default`` when there is no evidence either way.
    """
    uk = sum(ch in UKRAINIAN_ONLY for ch in text)
    ru = sum(ch in RUSSIAN_ONLY for ch in text)
    words = [w.lower() for w in _WORD.findall(text)]
    uk_words, ru_words = _language_words()
    uk += 2 * sum(w in uk_words for w in words)
    ru += 2 * sum(w in ru_words for w in words)
    if uk == ru:
        return default
    return "uk" if uk > ru else "ru"


@lru_cache(maxsize=1)
def _language_words() -> tuple[frozenset[str], frozenset[str]]:
    """(Ukrainian, Russian) function words from ``lexicons/language_cues.yaml``, as written (lower case)."""
    return frozenset(word_list("ukrainian_words").forms), frozenset(word_list("russian_words").forms)


@lru_cache(maxsize=200_000)
def parses(word: str, language: str = "ru") -> tuple:
    """Cached pymorphy3 parses of ``word`` (lower-cased) for ``"ru"`` or ``"uk"``, best first."""
    return tuple(morph(language).parse(word.lower()))
