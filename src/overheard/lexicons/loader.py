"""The one loader of overheard's word lists: every list has a note and a source, and no word twice.

A word-list file is YAML with a ``version`` and ``lists``; each list is named once across all files::

    version: "2026.12.1"
    lists:
      deny_before:
        note: Words before a casualty word that deny it ("нет двухсотых").
        source: ANNOTATION.md, "Not a mention" (denials); written for overheard
        lemmas: [...]    # every inflected form matches (the user expands them, e.g. overheard.annotate.cues)
        forms: [...]     # literal forms, one or more words
        patterns: [...]  # regular-expression fragments (each must compile)
        table: {...}     # word -> value (an int or a string)
        read_as: phrases # only for a list its code reads as word sequences (overheard.annotate.cues.phrases)

A list is read one token at a time unless it says ``read_as: phrases``: a lemma or form with a space inside
("не было") can never equal one token, so there it is an error, not a cue that silently never fires.

Loading is lazy (on first use) and cached; a duplicate word, a duplicate YAML key, a list without a
note or a source, or a list name used twice is an error naming the file and the entry.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from overheard.errors import LexiconError

LEXICON_DIR = Path(__file__).resolve().parent
_FIELDS = ("lemmas", "forms", "patterns", "table")
# The word-list files (the other files here have formats of their own, read by the code that uses them).
WORD_LIST_FILES = ("callsigns.yaml", "context_cues.yaml", "entity_cues.yaml", "entity_patterns.yaml",
                   "language_cues.yaml")
_TOP_LEVEL = {"version", "lists"}
_READ_AS = ("tokens", "phrases")


@dataclass(frozen=True)
class WordList:
    """One reviewed list of words (or patterns, or a word -> value table) with its note and source."""

    name: str
    file: str
    note: str
    source: str
    lemmas: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    table: Mapping[str, int | str] = field(default_factory=dict)
    read_as: str = "tokens"  # "phrases": its lemmas and forms may be several words, read as sequences

    @property
    def words(self) -> tuple[str, ...]:
        """Lemmas and literal forms together, in file order."""
        return self.lemmas + self.forms

    @property
    def alternatives(self) -> str:
        """The patterns joined as alternatives ``a|b|...`` (for a group of the caller's own)."""
        return "|".join(self.patterns)

    @property
    def regex(self) -> str:
        """The patterns as one non-capturing alternation ``(?:a|b|...)``."""
        return f"(?:{self.alternatives})"


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses a key written twice in one mapping (PyYAML keeps the last)."""


class _DuplicateKey(yaml.constructor.ConstructorError):
    """A key written twice in one mapping."""


def _mapping_without_duplicates(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            line = key_node.start_mark.line + 1
            where = f"lines {seen[key]} and {line}" if seen[key] != line else (
                f"line {line}; quote a value that holds a comma")
            raise _DuplicateKey(None, None, f"key {key!r} appears twice ({where})", key_node.start_mark)
        seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


def parse_yaml(text: str, where: str) -> Any:
    """Parse lexicon YAML, refusing a key written twice; raises LexiconError naming ``where`` and the line."""
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None)
        if isinstance(error, _DuplicateKey):
            raise LexiconError(f"{where}{line}: {problem}") from None
        raise LexiconError(f"{where}{line}: not valid YAML" + (f" ({problem})" if problem else "")) from None


def read_yaml(path: Path) -> Any:
    """Parse a lexicon YAML file, refusing duplicate keys; raises LexiconError naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise LexiconError(f"{path.name}: not readable UTF-8 text") from None
    return parse_yaml(text, path.name)


def is_word_list_file(data: Any) -> bool:
    """Whether parsed YAML is a word-list file (a mapping with ``lists``)."""
    return isinstance(data, dict) and "lists" in data


def _strings(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value):
        return tuple(item.strip() for item in value)
    return None


def parse_lists(data: Any, file: str) -> tuple[list[WordList], list[str]]:
    """The lists of one parsed word-list file and the problems found (one line each)."""
    problems: list[str] = []
    if not is_word_list_file(data) or not isinstance(data["lists"], dict):
        return [], [f"{file}: expected a mapping with 'version' and 'lists' (list name -> note, source, words)"]
    problems += [f"{file}: unknown top-level key {key!r}" for key in data if key not in _TOP_LEVEL]
    found = []
    for name, spec in data["lists"].items():
        where = f"{file}: list {name}"
        if not isinstance(spec, dict):
            problems.append(f"{where}: expected a mapping with note, source and words")
            continue
        problems += [f"{where}: unknown field {key!r} (known: note, source, {', '.join(_FIELDS)})"
                     for key in spec if key not in ("note", "source", "read_as", *_FIELDS)]
        read_as = str(spec.get("read_as", "tokens"))
        if read_as not in _READ_AS:
            problems.append(f"{where}: read_as must be one of {', '.join(_READ_AS)}, not {read_as!r}")
        for needed in ("note", "source"):
            if not isinstance(spec.get(needed), str) or not spec[needed].strip():
                problems.append(f"{where}: needs a '{needed}'")
        values: dict[str, Any] = {}
        for kind in ("lemmas", "forms", "patterns"):
            if kind in spec:
                items = _strings(spec[kind])
                if items is None:
                    problems.append(f"{where}: '{kind}' must be a list of non-empty strings")
                    continue
                values[kind] = items
        if "table" in spec:
            table = spec["table"]
            if not isinstance(table, dict) or not all(
                    isinstance(k, str) and isinstance(v, int | str) for k, v in table.items()):
                problems.append(f"{where}: 'table' must map words to numbers or strings")
            else:
                values["table"] = dict(table)
        if not any(values.values()):
            problems.append(f"{where}: needs at least one of {', '.join(_FIELDS)}")
        seen: dict[str, str] = {}
        for kind in ("lemmas", "forms", "patterns"):
            for item in values.get(kind, ()):
                if item in seen:
                    also = "" if seen[item] == kind else f" (in {seen[item]} and {kind})"
                    problems.append(f"{where}: {item!r} appears twice{also}")
                seen.setdefault(item, kind)
        if read_as != "phrases":
            problems += [f"{where}: {item!r} has a space inside, but the list is read one token at a time, so it"
                         " never matches (split it into single words, or mark the list read_as: phrases if its"
                         " code reads word sequences)"
                         for kind in ("lemmas", "forms") for item in values.get(kind, ()) if len(item.split()) > 1]
        for pattern in values.get("patterns", ()):
            try:
                re.compile(pattern)
            except re.error as error:
                problems.append(f"{where}: pattern {pattern!r} does not compile ({error})")
        found.append(WordList(str(name), file, str(spec.get("note", "")).strip(), str(spec.get("source", "")).strip(),
                              **values, read_as=read_as if read_as in _READ_AS else "tokens"))
    return found, problems


def lexicon_files(directory: Path | None = None) -> list[Path]:
    """Every lexicon data file (YAML and CSV) in ``directory`` (default: the built-in one), sorted by name."""
    directory = directory or LEXICON_DIR
    return sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml", ".csv") and p.is_file())


def check_word_lists(paths: Iterable[Path] | None = None) -> tuple[dict[str, WordList], list[str]]:
    """All lists of the word-list files ``paths`` (default: WORD_LIST_FILES), and every problem found."""
    lists: dict[str, WordList] = {}
    problems: list[str] = []
    for path in [LEXICON_DIR / name for name in WORD_LIST_FILES] if paths is None else paths:
        try:
            data = read_yaml(path)
        except LexiconError as error:
            problems.append(error.message)
            continue
        found, trouble = parse_lists(data, path.name)
        problems += trouble
        for item in found:
            if item.name in lists:
                problems.append(f"{path.name}: list {item.name} is already defined in {lists[item.name].file}")
                continue
            lists[item.name] = item
    return lists, problems


def check_files(directory: Path | None = None) -> list[str]:
    """Problems of every data file in ``directory``: YAML that does not parse or repeats a key, CSV that does
    not parse, word-list files (all of WORD_LIST_FILES) that break the list rules, one line each."""
    directory = directory or LEXICON_DIR
    problems: list[str] = []
    for path in lexicon_files(directory):
        if path.name in WORD_LIST_FILES:
            continue  # checked below, list by list
        if path.suffix == ".csv":
            try:
                with path.open(encoding="utf-8", newline="") as handle:
                    rows = list(csv.reader(handle))
            except (OSError, UnicodeDecodeError, csv.Error) as error:
                problems.append(f"{path.name}: not a readable CSV file ({error})")
                continue
            widths = {len(row) for row in rows}
            if len(widths) > 1:
                problems.append(f"{path.name}: rows of different lengths {sorted(widths)}")
            continue
        try:
            data = read_yaml(path)
        except LexiconError as error:
            problems.append(error.message)
            continue
        if is_word_list_file(data) and path.name not in WORD_LIST_FILES:
            problems.append(f"{path.name}: a word-list file missing from WORD_LIST_FILES in {Path(__file__).name}")
    return problems + check_word_lists([directory / name for name in WORD_LIST_FILES])[1]


@lru_cache(maxsize=1)
def word_lists() -> dict[str, WordList]:
    """Every built-in word list by name (loaded once); raises LexiconError on the first problem."""
    lists, problems = check_word_lists()
    if problems:
        raise LexiconError(problems[0] + (f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""))
    return lists


def word_list(name: str) -> WordList:
    """The built-in word list called ``name`` (LexiconError if there is none)."""
    try:
        return word_lists()[name]
    except KeyError:
        raise LexiconError(f"no word list named {name!r} in {LEXICON_DIR.name}/") from None
