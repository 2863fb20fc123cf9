"""``overheard lexicon validate``: every lexicon file checked, one line per problem.

Each file in ``overheard/lexicons`` must parse without a key written twice; the word-list files must give
every list a note and a source and name no word twice (:mod:`overheard.lexicons.loader`); the coded-term
lexicon (and a workspace's ``lexicon.yaml``) must have valid entries whose examples match them; the theme
cues, number words, names, place data and look-alike letters must have the shape their code reads.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from overheard.annotate.lexicon import (
    builtin_lexicon_text,
    compile_lexicon,
    iter_examples,
    lexicon_problems,
    load_lexicon,
)
from overheard.annotate.rules.terms import scan
from overheard.annotate.rules.themes import compile_theme_rules
from overheard.errors import LexiconError
from overheard.lexicons.loader import LEXICON_DIR, check_files, read_yaml
from overheard.text import _confusables


def problems(user_lexicon: Path | None = None, directory: Path | None = None) -> list[str]:
    """Every problem of the lexicon files (the built-in ones, or those in ``directory``) and of ``user_lexicon``
    (a lexicon.yaml or a workspace folder), one line each."""
    builtin = directory is None
    directory = directory or LEXICON_DIR
    found = check_files(directory)
    coded = builtin_lexicon_text() if builtin else (directory / "coded_terms.yaml").read_text(encoding="utf-8")
    found += lexicon_problems(coded, "coded_terms.yaml")
    if not found and builtin:
        found += _examples_that_do_not_match()
    for check in (_themes, _numerals, _names, _places):
        found += _run(check, directory)
    if builtin:
        found += _run(_confusables_ok, directory)
    if user_lexicon is not None:
        path = user_lexicon / "lexicon.yaml" if user_lexicon.is_dir() else user_lexicon
        if path.exists():
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                found.append(f"{path.name}: not readable UTF-8 text")
            else:
                found += lexicon_problems(text, path.name, require_examples=False)
    return list(dict.fromkeys(found))  # a file-level problem may be found by two checks


def _run(check: Callable[[Path], list[str]], directory: Path) -> list[str]:
    try:
        return check(directory)
    except LexiconError as error:
        return [error.message]
    except (KeyError, TypeError, ValueError, AttributeError) as error:  # a file whose shape the code cannot read
        return [f"{check.__doc__.split(':')[0]}: cannot be read ({type(error).__name__}: {error})"]


def _examples_that_do_not_match() -> list[str]:
    lexicon = load_lexicon()
    compiled = compile_lexicon(lexicon)
    out = []
    for entry, example in iter_examples(lexicon):
        _, matches = scan(example, compiled)
        if entry.id not in {e.id for match in matches for e in match.entries}:
            out.append(f"coded_terms.yaml entry {entry.id}: example {example!r} does not match it")
    return out


def _themes(directory: Path) -> list[str]:
    """themes.yaml: theme cues."""
    return compile_theme_rules(directory / "themes.yaml")[1]


def _numerals(directory: Path) -> list[str]:
    """numerals.yaml: number words."""
    data = read_yaml(directory / "numerals.yaml")
    out = []
    for table in ("cardinal", "collective", "multiplier", "approximate_noun"):
        for lang, words in (data.get(table) or {}).items():
            if lang not in ("ru", "uk") or not isinstance(words, dict) or not all(
                    isinstance(value, int) for value in words.values()):
                out.append(f"numerals.yaml: {table}.{lang} must map ru or uk words to numbers")
    for name in ("vague", "people", "approximate_before", "approximate_after", "zero", "vague_phrases"):
        if not isinstance(data.get(name), list):
            out.append(f"numerals.yaml: '{name}' must be a list")
    return out


def _names(directory: Path) -> list[str]:
    """names.yaml: first names."""
    data = read_yaml(directory / "names.yaml")
    out = []
    seen: set[str] = set()
    for number, entry in enumerate(data.get("names") or [], 1):
        if not isinstance(entry, dict) or not entry.get("name") or entry.get("gender") not in ("m", "f"):
            out.append(f"names.yaml name #{number}: needs a name and a gender (m or f)")
            continue
        key = f"{entry['name']}|{entry.get('lang', 'ru')}"
        if key in seen:
            out.append(f"names.yaml: {entry['name']} ({entry.get('lang', 'ru')}) appears twice")
        seen.add(key)
        variants = entry.get("variants") or []
        if not isinstance(variants, list):
            out.append(f"names.yaml: variants of {entry['name']} must be a list")
            continue
        repeated = sorted({v for v in variants if variants.count(v) > 1})
        if repeated:
            out.append(f"names.yaml: {entry['name']} lists {', '.join(repeated)} twice")
    return out


def _places(directory: Path) -> list[str]:
    """place_aliases.yaml: place data."""
    data: dict[str, Any] = read_yaml(directory / "place_aliases.yaml")
    out = []
    for number, alias in enumerate(data.get("aliases") or [], 1):
        if not isinstance(alias, dict) or not alias.get("name") or not isinstance(alias.get("geonameid"), int):
            out.append(f"place_aliases.yaml alias #{number}: needs a name and a geonameid")
    for number, region in enumerate(data.get("regions") or [], 1):
        if not isinstance(region, dict) or not region.get("forms") or "lat" not in region or "lon" not in region:
            out.append(f"place_aliases.yaml region #{number}: needs forms, lat and lon")
    return out


def _confusables_ok(directory: Path) -> list[str]:
    """confusables.yaml: look-alike letters."""
    _confusables.cache_clear()
    try:
        _confusables()
    except ValueError as error:
        return [str(error)]
    return []
