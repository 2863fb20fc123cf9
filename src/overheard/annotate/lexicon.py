"""The coded-term lexicon: load, validate and merge the YAML data, compile it for fast lookup.

The built-in lexicon lives in ``overheard/lexicons/coded_terms.yaml``; a workspace may add
or override entries with its own ``lexicon.yaml`` (same format; an entry with an existing
``id`` replaces the built-in one, ``disabled: true`` removes it).

Each entry is matched through:

* ``lemmas``: single words; every inflected form (pymorphy3, ru and/or uk) matches;
* ``phrases``: word sequences; each word matches all its inflected forms unless written
  ``=word`` (literal, only that form); ``a|b`` gives alternatives for one position;
* ``forms``: literal surface forms (one or more tokens), matched after folding (lower case, ё→е);
* ``codes``: digit codes: ``200`` matches "200", "200-й", "200-е", "200х", "200-ых", "груз-200";
* ``prefixes``: word beginnings (for coinages the dictionary does not know, e.g. "задвухсот").

Compiling expands every lemma once and builds hash tables, so matching a text needs no
morphological analysis at all.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from overheard.annotate.rules.tokens import token_key
from overheard.errors import LexiconError
from overheard.lexicons.loader import parse_yaml
from overheard.text import fold, morph

CASUALTY_CATEGORIES = ("killed", "wounded", "refused", "missing", "captured", "deserted")
TERM_CATEGORIES = CASUALTY_CATEGORIES + (
    "location",  # where a soldier is: "за ленточкой", "на нуле"
    "combatant",  # kinds of soldiers: "мобик", "контрабас", "штурмовик"
    "punishment",  # "яма", "подвал", "обнулить" as a threat
    "threat",  # verbs coined from codes: "задвухсотить"
    "equipment",  # "птичка", "арта", "бэха"
    "surrender",  # the "Хочу жить" line
    "slur",  # ethnic slurs, glossed neutrally
    "mobilization",  # "ТЦК", "бусификация"
    "operation",  # "СВО", "мясной штурм"
)
KINDS = ("code", "slang", "plain")  # plain: ordinary words used for casualties, not reported as terms
LANGUAGES = ("ru", "uk")
_ID = re.compile(r"^[a-z0-9][a-z0-9_.]*$")
_CODE = re.compile(r"^\d{2,4}$")
@dataclass(frozen=True, eq=False)
class LexiconEntry:
    """One coded or slang term with its variants, glosses and usage note."""

    id: str
    category: str
    kind: str
    language: tuple[str, ...]
    gloss: Mapping[str, str]
    note: str
    lemmas: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()  # documented surface variants (all of them are also matched)
    context: tuple[str, ...] = ()  # the entry counts only with one of these lemmas nearby
    context_window: int = 8
    examples: tuple[str, ...] = ()
    source: str = "builtin"

    @property
    def is_casualty(self) -> bool:
        """Whether a match of this entry can be a casualty mention."""
        return self.category in CASUALTY_CATEGORIES

    @property
    def protected(self) -> bool:
        """A coded casualty term (a code or slang, not a plain word): never an entity, never redacted."""
        return self.is_casualty and self.kind != "plain"

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready copy."""
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["gloss"] = dict(self.gloss)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}


@dataclass(frozen=True, eq=False)
class Lexicon:
    """A validated, merged set of entries with a version and a content digest."""

    version: str
    entries: tuple[LexiconEntry, ...]
    sources: tuple[str, ...] = ()

    @property
    def digest(self) -> str:
        """sha256 of the merged entries (changes whenever any entry changes)."""
        payload = json.dumps([e.as_dict() for e in self.entries], ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(f"{self.version}\n{payload}".encode()).hexdigest()

    def get(self, entry_id: str) -> LexiconEntry:
        """The entry with ``entry_id`` (KeyError if none)."""
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise KeyError(entry_id)

    def search(self, query: str) -> list[LexiconEntry]:
        """Entries whose id, glosses, note or any variant contains ``query`` (folded)."""
        needle = fold(query.strip())
        word_ids = compile_lexicon(self).lookup_entry_ids(needle) if needle else set()
        hits = []
        for entry in self.entries:
            haystack = " ".join(
                [entry.id, entry.category, entry.note, *entry.gloss.values(), *entry.lemmas, *entry.phrases,
                 *entry.forms, *entry.codes, *entry.variants]
            )
            if needle in fold(haystack):
                hits.append(entry)
                continue
            if entry.id in word_ids:
                hits.append(entry)
        return hits


def _strings(value: Any, where: str, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str | int):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise LexiconError(f"{where}: '{name}' must be a list of strings")
    return tuple(str(v).strip() for v in value if str(v).strip())


def parse_entry(raw: Any, where: str, require_examples: bool = True) -> LexiconEntry:
    """Validate one raw YAML mapping and return the entry (raises LexiconError)."""
    if not isinstance(raw, dict):
        raise LexiconError(f"{where}: an entry must be a mapping")
    entry_id = str(raw.get("id", "")).strip()
    if not _ID.match(entry_id):
        raise LexiconError(f"{where}: missing or invalid id (lower case letters, digits, '_' and '.')")
    where = f"{where} entry {entry_id}"
    category = raw.get("category")
    if category not in TERM_CATEGORIES:
        raise LexiconError(f"{where}: unknown category {category!r} (known: {', '.join(TERM_CATEGORIES)})")
    kind = raw.get("kind", "code")
    if kind not in KINDS:
        raise LexiconError(f"{where}: kind must be one of {', '.join(KINDS)}")
    language = _strings(raw.get("language", list(LANGUAGES)), where, "language")
    if not language or any(lang not in LANGUAGES for lang in language):
        raise LexiconError(f"{where}: language must be ru and/or uk")
    gloss = raw.get("gloss")
    if not isinstance(gloss, dict) or any(not isinstance(gloss.get(k), str) or not gloss[k]
                                          for k in ("ru", "uk", "en")):
        raise LexiconError(f"{where}: gloss needs ru, uk and en strings")
    if set(gloss) - {"ru", "uk", "en"}:
        extra = ", ".join(sorted(map(str, set(gloss) - {"ru", "uk", "en"})))
        raise LexiconError(f"{where}: gloss has only ru, uk and en, not {extra} (quote a gloss that holds a comma)")
    note = raw.get("note")
    if not isinstance(note, str) or not note.strip():
        raise LexiconError(f"{where}: a short note on usage and ambiguity is required")
    values = {
        name: _strings(raw.get(name), where, name)
        for name in ("lemmas", "phrases", "forms", "codes", "prefixes", "variants", "context", "examples")
    }
    for code in values["codes"]:
        if not _CODE.match(code):
            raise LexiconError(f"{where}: code {code!r} must be 2-4 digits")
    if not any(values[name] for name in ("lemmas", "phrases", "forms", "codes", "prefixes", "variants")):
        raise LexiconError(f"{where}: needs at least one of lemmas, phrases, forms, codes, prefixes, variants")
    if require_examples and not values["examples"]:
        raise LexiconError(f"{where}: needs at least one example sentence")
    window = raw.get("context_window", 8)
    if not isinstance(window, int) or not 1 <= window <= 30:
        raise LexiconError(f"{where}: context_window must be an integer 1-30")
    unknown = set(raw) - set(LexiconEntry.__dataclass_fields__) - {"disabled"}
    if unknown:
        raise LexiconError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    return LexiconEntry(
        id=entry_id, category=category, kind=kind, language=language,
        gloss={k: str(v) for k, v in gloss.items()}, note=note.strip(), context_window=window,
        source=str(raw.get("source", "builtin")), **values,
    )


def _read_yaml(text: str, where: str) -> dict[str, Any]:
    data = parse_yaml(text, where)  # a key written twice is an error, not the last one silently kept
    if not isinstance(data, dict) or not isinstance(data.get("entries", []), list):
        raise LexiconError(f"{where}: expected a mapping with a list of 'entries'")
    return data


def parse_lexicon(text: str, where: str = "lexicon", require_examples: bool = True) -> tuple[str, list[dict]]:
    """Parse YAML text into (version, raw entry mappings) after validating every entry (LexiconError on the first
    problem; :func:`lexicon_problems` lists them all)."""
    data = _read_yaml(text, where)
    problems = _entry_problems(data.get("entries") or [], where, require_examples)
    if problems:
        raise LexiconError(problems[0])
    return str(data.get("version", "0")), data.get("entries") or []


def _entry_problems(raw_entries: list, where: str, require_examples: bool) -> list[str]:
    """One line per invalid entry or repeated id."""
    problems: list[str] = []
    seen: set[str] = set()
    for number, raw in enumerate(raw_entries, 1):
        try:
            if isinstance(raw, dict) and raw.get("disabled"):
                if not _ID.match(str(raw.get("id", ""))):
                    raise LexiconError(f"{where} entry #{number}: a disabled entry still needs its id")
            else:
                parse_entry(raw, f"{where} entry #{number}", require_examples)
        except LexiconError as error:
            problems.append(error.message)
        if not isinstance(raw, dict) or not raw.get("id"):
            continue
        entry_id = str(raw.get("id"))
        if entry_id in seen:
            problems.append(f"{where}: id {entry_id} appears twice")
        seen.add(entry_id)
    return problems


def lexicon_problems(text: str, where: str, require_examples: bool = True) -> list[str]:
    """Every problem of a coded-term lexicon file, one line each (an empty list: valid)."""
    try:
        data = _read_yaml(text, where)
    except LexiconError as error:
        return [error.message]
    return _entry_problems(data.get("entries") or [], where, require_examples)


def builtin_lexicon_text() -> str:
    """The text of the built-in lexicon file."""
    return resources.files("overheard.lexicons").joinpath("coded_terms.yaml").read_text(encoding="utf-8")


@lru_cache(maxsize=8)
def _load(override_text: str | None, override_name: str) -> Lexicon:
    version, entries = parse_lexicon(builtin_lexicon_text(), "coded_terms.yaml")
    merged: dict[str, LexiconEntry] = {}
    for number, raw in enumerate(entries, 1):
        entry = parse_entry(raw, f"coded_terms.yaml entry #{number}")
        merged[entry.id] = entry
    sources = ["builtin"]
    if override_text is not None:
        user_version, user_entries = parse_lexicon(override_text, override_name, require_examples=False)
        for number, raw in enumerate(user_entries, 1):
            if raw.get("disabled"):
                merged.pop(str(raw["id"]), None)
                continue
            raw = {**raw, "source": override_name}
            merged[str(raw["id"])] = parse_entry(raw, f"{override_name} entry #{number}", False)
        version = f"{version}+{override_name}:{user_version}"
        sources.append(override_name)
    return Lexicon(version=version, entries=tuple(merged.values()), sources=tuple(sources))


def load_lexicon(override: str | Path | None = None) -> Lexicon:
    """Load the built-in lexicon, merged with ``override`` (a lexicon.yaml file or a workspace dir)."""
    if override is None:
        return _load(None, "")
    path = Path(override)
    if path.is_dir():
        path = path / "lexicon.yaml"
        if not path.exists():
            return _load(None, "")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(f"lexicon file {path.name} not found") from None
    except (UnicodeDecodeError, OSError):
        raise LexiconError(f"lexicon file {path.name} is not readable UTF-8 text") from None
    return _load(text, path.name)


def validate_file(path: str | Path) -> Lexicon:
    """Validate a lexicon file (built-in or user) and return the merged lexicon; raises LexiconError."""
    return load_lexicon(path)


# ---------------------------------------------------------------- compiled form


@lru_cache(maxsize=4096)
def inflections(word: str, languages: tuple[str, ...]) -> frozenset[str]:
    """Every folded inflected form of ``word`` (a lemma) in the given languages, including itself."""
    forms = {fold(word)}
    target = fold(word)
    known = [lang for lang in languages if morph(lang).word_is_known(word.lower())]
    # a word no dictionary knows ("мобик", "бэха") is inflected by the predictor of the first language
    for lang in known or languages[:1]:
        for parse in morph(lang).parse(word.lower()):
            if fold(parse.normal_form) == target and (known or "NOUN" in parse.tag or "ADJF" in parse.tag):
                forms.update(fold(item.word) for item in parse.lexeme)
                if not known:
                    break
    return frozenset(forms)


def _position(word: str, languages: tuple[str, ...]) -> frozenset[str]:
    keys: set[str] = set()
    for alternative in word.split("|"):
        if alternative.startswith("="):
            literal = token_key(alternative[1:])
            keys.add(literal)
        elif _CODE.match(alternative):
            keys.update({alternative, f"{alternative}~"})
        else:
            keys.update(inflections(alternative, languages))
    return frozenset(keys)


# context words that stand for a class of tokens, not a lemma: "#count" is any number (a cardinal or collective
# word of numerals.yaml, or digits), read by rules.terms when it checks an entry's context
CONTEXT_CLASSES = frozenset({"#count"})


@dataclass(eq=False)  # hashed by identity: a Doc keeps its readings per compiled lexicon
class CompiledLexicon:
    """Hash tables over token keys: single tokens, multi-token sequences and prefixes."""

    lexicon: Lexicon
    single: dict[str, list[LexiconEntry]] = field(default_factory=dict)
    sequences: dict[str, list[tuple[tuple[frozenset[str], ...], LexiconEntry]]] = field(default_factory=dict)
    prefixes: list[tuple[str, LexiconEntry]] = field(default_factory=list)
    context: dict[str, frozenset[str]] = field(default_factory=dict)
    # every prefix as one tuple, for one str.startswith before walking ``prefixes`` (set by compile_lexicon)
    prefix_starts: tuple[str, ...] = ()
    # token key -> whether an entry can start at it (single, sequence or prefix): filled by rules.terms as keys recur
    start_memo: dict[str, bool] = field(default_factory=dict, repr=False)

    def lookup_entry_ids(self, word: str) -> set[str]:
        """Ids of the entries a single word (any inflection) would match."""
        key = token_key(word)
        ids = {entry.id for entry in self.single.get(key, [])}
        ids.update(entry.id for prefix, entry in self.prefixes if key.startswith(prefix))
        return ids


def _split_words(phrase: str) -> list[str]:
    # "груз-200" is two tokens for matching, like the tokenizer makes it
    return [part for part in re.split(r"[\s]+|(?<=\D)-(?=\d)|(?<=\d)-(?=\D\D\D)", phrase.strip()) if part]


@lru_cache(maxsize=8)
def compile_lexicon(lexicon: Lexicon) -> CompiledLexicon:
    """Expand every entry into lookup tables (done once per lexicon)."""
    compiled = CompiledLexicon(lexicon)

    def add(positions: list[frozenset[str]], entry: LexiconEntry) -> None:
        if len(positions) == 1:
            for key in positions[0]:
                bucket = compiled.single.setdefault(key, [])
                if entry not in bucket:
                    bucket.append(entry)
        else:
            for key in positions[0]:
                compiled.sequences.setdefault(key, []).append((tuple(positions), entry))

    for entry in lexicon.entries:
        langs = entry.language
        for lemma_word in entry.lemmas:
            add([_position(lemma_word, langs)], entry)
        for phrase in entry.phrases:
            add([_position(word, langs) for word in _split_words(phrase)], entry)
        for form in (*entry.forms, *entry.variants):
            add([_position("=" + word, langs) for word in _split_words(form)], entry)
        for code in entry.codes:
            add([frozenset({code, f"{code}~"})], entry)
            add([_position("груз", ("ru",)), frozenset({code, f"{code}~"})], entry)
        for prefix in entry.prefixes:
            compiled.prefixes.append((fold(prefix), entry))
        if entry.context:
            keys: set[str] = set()
            for word in entry.context:
                keys.update({word} if word in CONTEXT_CLASSES else _position(word, langs))
            compiled.context[entry.id] = frozenset(keys)
    for bucket in compiled.sequences.values():
        bucket.sort(key=lambda item: -len(item[0]))  # longest first
    compiled.prefix_starts = tuple(prefix for prefix, _ in compiled.prefixes)
    return compiled


@lru_cache(maxsize=8)
def compile_protected(lexicon: Lexicon) -> CompiledLexicon:
    """The protected entries of ``lexicon`` compiled without their context conditions.

    What redaction and entity detection must leave alone is every coded casualty term however it is used
    ("200", "груз 200", "двухсотые", "СЗЧ", "обнулили"; a bare "400" too), so no context is required here.
    """
    entries = tuple(dataclasses.replace(entry, context=()) for entry in lexicon.entries if entry.protected)
    return compile_lexicon(Lexicon(lexicon.version, entries, lexicon.sources))


def entries_by_category(lexicon: Lexicon) -> dict[str, list[LexiconEntry]]:
    """Entries grouped by category, in file order."""
    groups: dict[str, list[LexiconEntry]] = {}
    for entry in lexicon.entries:
        groups.setdefault(entry.category, []).append(entry)
    return groups


def iter_examples(lexicon: Lexicon) -> Iterable[tuple[LexiconEntry, str]]:
    """Every (entry, example sentence) pair of the lexicon."""
    for entry in lexicon.entries:
        for example in entry.examples:
            yield entry, example
