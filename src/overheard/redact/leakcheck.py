"""Leak check, the redaction side: the known forms that must not appear in output, and reading output files.

Known forms come from the entities found in the original material: every case form of
every first name and of all its diminutives ("Сергей" → "Серёге", "Серёжу", "Серый"...),
surnames, patronymics and call signs in every case, phone numbers by their digits
(whatever the separators, or dictated in words) and unit numbers. The scan itself, which
needs the entity shape patterns, is :mod:`overheard.jobs.leakcheck`.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from overheard.errors import InputFileError
from overheard.model import Finding
from overheard.names import name_lexicon
from overheard.text import fold, parses

WORD = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")
SUPPORTED = (".txt", ".srt", ".vtt", ".json", ".jsonl", ".csv", ".docx", ".md", ".tsv")


@dataclass(frozen=True)
class Hit:
    """A known form found in a file (the form itself is deliberately not kept)."""

    path: str
    line: int
    column: int
    label: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.label}"


@dataclass
class KnownForms:
    """Every surface form that must not appear in redacted output."""

    words: dict[str, str] = field(default_factory=dict)  # folded word -> label
    capital_only: set[str] = field(default_factory=set)  # ambiguous words: count only when capitalised
    phones: set[str] = field(default_factory=set)  # last 9 digits
    units: set[str] = field(default_factory=set)  # normalised unit numbers ("200", "12345")

    def add_entities(self, entities: Iterable[Finding]) -> KnownForms:
        """Add the forms of these entity findings; returns self."""
        lexicon = name_lexicon()
        for entity in entities:
            label, attrs = entity.label, entity.attributes
            if label == "PER":
                for part in attrs.get("parts") or ():
                    if part["role"] == "first":
                        for form in lexicon.all_forms(part["canonical"]):
                            self._word(form, "PER", lexicon.is_ambiguous(form))
                    else:
                        self._lexeme(part.get("normal") or "", "PER")
                for word in WORD.findall(entity.text):
                    self._word(word, "PER", lexicon.is_ambiguous(word))
            elif label == "CALLSIGN":
                self._lexeme(attrs.get("normal") or entity.text, "CALLSIGN", capital_only=True)
                self._word(entity.text, "CALLSIGN", True)
            elif label == "PHONE":
                digits = re.sub(r"\D", "", attrs.get("normal") or entity.text)
                if len(digits) >= 7:
                    self.phones.add(digits[-9:])
            elif label == "UNIT":
                self.units |= set(re.findall(r"\d{2,5}", entity.text)) or {fold(entity.text)}
        return self

    def _word(self, word: str, label: str, ambiguous: bool = False) -> None:
        key = fold(word)
        if len(key) < 2:
            return
        self.words[key] = label
        if ambiguous:
            self.capital_only.add(key)

    def _lexeme(self, word: str, label: str, capital_only: bool = False) -> None:
        self._word(word, label, capital_only)
        for lang in ("ru", "uk"):
            for parse in parses(word, lang)[:2]:
                if parse.tag.POS == "NOUN":
                    for form in parse.lexeme:
                        self._word(form.word, label, capital_only)
                    break

    def __len__(self) -> int:
        return len(self.words) + len(self.phones) + len(self.units)


def read_text(path: Path) -> str:
    """The text content of a txt/srt/vtt/json/csv/docx file."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            with zipfile.ZipFile(path) as archive:
                xml = archive.read("word/document.xml").decode("utf-8")
            xml = re.sub(r"</w:p>", "\n", xml)
            xml = re.sub(r"<w:tab/>", "\t", xml)
            import html

            return html.unescape(re.sub(r"<[^>]+>", "", xml))
        raw = _decode(path.read_bytes())
    except (OSError, UnicodeDecodeError, KeyError, zipfile.BadZipFile) as error:
        raise InputFileError(f"cannot read {path.name} for the leak check ({type(error).__name__})") from None
    if suffix in (".json", ".jsonl"):
        return _json_strings(raw)
    if suffix in (".csv", ".tsv"):
        rows = csv.reader(io.StringIO(raw), delimiter="\t" if suffix == ".tsv" else ",")
        return "\n".join(" | ".join(row) for row in rows)
    return raw


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else the encoding charset-normalizer detects (e.g. cp1251)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise
        return str(best)


def _json_strings(raw: str) -> str:
    """Decode JSON (or JSON lines) so escaped Cyrillic is scanned as text; one value per line."""
    lines = []

    def walk(value) -> None:
        if isinstance(value, str):
            lines.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif value is not None:
            lines.append(str(value))

    try:
        walk(json.loads(raw))
    except json.JSONDecodeError:
        for line in raw.splitlines():
            try:
                walk(json.loads(line))
            except json.JSONDecodeError:
                lines.append(line)
    return "\n".join(lines)
