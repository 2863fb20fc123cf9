"""Leak check: scan output files for any known surface form of a person, phone, call sign or unit.

The known forms (:class:`overheard.redact.leakcheck.KnownForms`) come from the entities found in the
original material; phones and units are found in the output by the entities annotator's shape
patterns, so the scan lives here, above both. Hits are reported by file, line, column and label
only: the matched text is never printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from overheard.annotate.components.entities import find_entities
from overheard.annotate.rules.patterns import find_units
from overheard.annotate.rules.phones import find_digit_phones, find_word_phones
from overheard.errors import InputFileError
from overheard.redact.leakcheck import SUPPORTED, WORD, Hit, KnownForms, read_text
from overheard.text import detect_language, fold

_PART = re.compile(r"[^\W\d_]+")


def scan_text(text: str, known: KnownForms, path: str = "-") -> list[Hit]:
    """Every place in ``text`` where a known form occurs."""
    hits: list[tuple[int, int, str]] = []
    for match in WORD.finditer(text):
        word = match.group()
        # "Ира's", "Петро-молодший": a name joined to a suffix or another word is still the name
        pieces = [(match.start(), word)] + [(match.start() + p.start(), p.group()) for p in _PART.finditer(word)]
        for start, piece in pieces if len(pieces) > 2 else pieces[:1]:
            key = fold(piece)
            label = known.words.get(key)
            if label is None or (key in known.capital_only and not piece[:1].isupper()):
                continue
            hits.append((start, start + len(piece), label))
            break
    if known.phones:

        def is_known(digits: str) -> bool:
            return any(digits.endswith(phone) for phone in known.phones)

        for phone in find_digit_phones(text) + find_word_phones(text):
            if is_known(re.sub(r"\D", "", phone.normal)):
                hits.append((phone.start, phone.end, "PHONE"))
        for match in re.finditer(r"\d(?:[\s\-().]{0,2}\d){6,}", text):
            if is_known(re.sub(r"\D", "", match.group())):
                hits.append((match.start(), match.end(), "PHONE"))
    if known.units:
        for unit in find_units(text):
            if set(re.findall(r"\d{2,5}", text[unit.start : unit.end])) & known.units:
                hits.append((unit.start, unit.end, "UNIT"))
    out, covered = [], -1
    for offset, end, label in sorted(hits):
        if offset < covered:
            continue
        covered = end
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        out.append(Hit(path, line, column, label))
    return out


def scan_files(paths: Iterable[Path], known: KnownForms) -> list[Hit]:
    """Leak-check files; raises InputFileError for an unsupported or unreadable file."""
    hits: list[Hit] = []
    for path in paths:
        path = Path(path)
        if path.suffix.lower() not in SUPPORTED:
            raise InputFileError(f"leak check cannot read {path.suffix or 'extensionless'} files ({path.name})")
        hits.extend(scan_text(read_text(path), known, str(path)))
    return hits


def known_forms_from_texts(texts: Iterable[tuple[str, str | None]]) -> KnownForms:
    """Known forms of the entities found in original texts ``(text, language)``."""
    known = KnownForms()
    for text, language in texts:
        known.add_entities(find_entities(text, language or detect_language(text)))
    return known
