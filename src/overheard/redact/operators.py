"""Operators over entity spans: mask, label, pseudonym, keep; places keep|oblast|mask.

:func:`apply` takes a text and its ENTITY findings and returns the new text plus a list of
every replacement made, so each change is auditable and a leak check can run on it.
Coded casualty terms ("200", "груз 200", "двухсотые", "СЗЧ") are protected: the caller passes
their spans (detection's work: the coded-term lexicon, :mod:`overheard.annotate`), and no
replacement except a military unit ("200-я бригада") or a phone number ("+7 912 200 45 67") may
touch them, as entity detection treats them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from overheard import plugins
from overheard.model import PERSONAL_DATA_LABELS, Finding, FindingKind, ReviewStatus, StoredFinding
from overheard.redact.pseudonyms import (
    callsign_pseudonym,
    first_name_pseudonym,
    inflect_name,
    patronymic_pseudonym,
    surname_pseudonym,
)
from overheard.text import fold

MODES = ("mask", "label", "pseudonym")  # the built-in operators; plugins add more (redaction_modes())
PLACE_MODES = ("keep", "oblast", "mask")
MASK = "█████"
MASK_CHAR = "█"  # one masked character, for length-preserving masking (mask_spans)

@dataclass(frozen=True)
class Policy:
    """How each kind of entity is transformed."""

    mode: str = "label"  # mask | label | pseudonym for PER, PHONE, CALLSIGN, UNIT
    places: str = "keep"  # keep | oblast | mask
    organisations: str = "keep"

    def __post_init__(self) -> None:
        if self.mode not in MODES and self.mode not in redaction_modes():
            raise ValueError(f"mode must be one of {tuple(redaction_modes())}")
        if self.places not in PLACE_MODES:
            raise ValueError(f"places must be one of {PLACE_MODES}")


@dataclass(frozen=True)
class Replacement:
    """One change made to the text."""

    label: str
    start: int  # in the original text
    end: int
    original: str
    replacement: str
    operator: str
    key: str  # the entity key the replacement was derived from (never printed in logs)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready copy."""
        return dict(self.__dict__)


@dataclass(frozen=True)
class Redaction:
    """The redacted text and every replacement made."""

    text: str
    replacements: tuple[Replacement, ...]


@dataclass
class Redactor:
    """Applies a policy; keeps label numbers stable across the texts it redacts."""

    secret: bytes
    policy: Policy = field(default_factory=Policy)
    labels: dict[tuple[str, str], int] = field(default_factory=dict)
    avoid_names: set[str] = field(default_factory=set)  # real names never to use as pseudonyms
    first_names: dict[str, str] = field(default_factory=dict)  # stored pseudonyms: folded key -> first name

    def label_for(self, label: str, key: str) -> str:
        """"[PER-3]": the number of this entity among those of its label seen so far."""
        number = self.labels.get((label, key))
        if number is None:
            number = 1 + max((n for (lab, _), n in self.labels.items() if lab == label), default=0)
            self.labels[(label, key)] = number
        return f"[{label}-{number}]"

    def apply(self, text: str, entities: Sequence[Finding], language: str,
              protected: Sequence[tuple[int, int]]) -> Redaction:
        """Return ``text`` with the policy applied to ``entities`` (non-overlapping, any order); no replacement
        but a unit's or a phone number's, or a person's the rules name over a code ("Хохол — это фамилия", attribute
        ``over_code``), touches the ``protected`` spans (the coded casualty terms)."""
        guard = list(protected)
        avoid = set(self.avoid_names)
        for entity in entities:
            if entity.label == "CALLSIGN":
                avoid.add(fold(entity.attributes.get("normal") or entity.text))
            if entity.label == "PER":
                avoid |= {fold(p.get("canonical") or p.get("normal") or "")
                          for p in entity.attributes.get("parts", ())}
                avoid |= {fold(entity.attributes.get("first_name") or "")}
        pieces: list[Replacement] = []
        for entity in sorted(entities, key=lambda e: e.start):
            if entity.label not in ("UNIT", "PHONE") and not entity.attributes.get("over_code") \
                    and any(entity.start < e and s < entity.end for s, e in guard):
                continue
            if pieces and entity.start < pieces[-1].end:
                continue
            pieces.extend(self._replace(text, entity, language, avoid))
        out, position = [], 0
        for piece in pieces:
            out.append(text[position : piece.start])
            out.append(piece.replacement)
            position = piece.end
        out.append(text[position:])
        return Redaction("".join(out), tuple(pieces))

    def _replace(self, text: str, entity: Finding, language: str, avoid: set[str]) -> list[Replacement]:
        label, attrs = entity.label, entity.attributes
        key = entity_key(entity)
        if label == "LOC":
            if self.policy.places == "keep":
                return []
            geo = attrs.get("geo") or {}
            region = geo.get("oblast") or geo.get("country")
            if self.policy.places == "oblast" and region:
                return [self._one(entity, f"[{region}]", "oblast", key)]
            return [self._one(entity, MASK, "mask", key)]
        if label not in PERSONAL_DATA_LABELS:
            return []
        operator = plugins.resolve("redaction_operators", self.policy.mode)
        return list(operator(self, text, entity, language, avoid))

    def _person(self, text: str, entity: Finding, language: str, avoid: set[str]) -> list[Replacement]:
        attrs = entity.attributes
        parts = attrs.get("parts") or ()
        gender, case = attrs.get("gender"), attrs.get("case")
        if not parts:
            return [self._one(entity, self.label_for("PER", entity_key(entity)), "label", entity_key(entity))]
        out = []
        for part in parts:
            original = text[part["start"] : part["end"]]
            role = part["role"]
            if role == "first":
                key = fold(part["canonical"])
                if key in self.first_names:
                    new = inflect_name(self.first_names[key], part.get("case"), part.get("gender"), language)
                else:
                    new = first_name_pseudonym(self.secret, part["canonical"], part.get("gender") or "m",
                                               part.get("case"), language, avoid)
            elif role == "patronymic":
                new = patronymic_pseudonym(self.secret, part["normal"], gender, case, avoid)
                key = fold(part["normal"])
            else:
                new = surname_pseudonym(self.secret, part["normal"], gender, case, avoid)
                key = fold(part["normal"])
            out.append(Replacement("PER", part["start"], part["end"], original,
                                   _match_case(original, new), "pseudonym", key))
        return out

    @staticmethod
    def _one(entity: Finding, replacement: str, operator: str, key: str) -> Replacement:
        return Replacement(entity.label, entity.start, entity.end, entity.text, replacement, operator, key)


def mask_operator(redactor: Redactor, text: str, entity: Finding, language: str,
                  avoid: set[str]) -> list[Replacement]:
    """``--mode mask``: a block of the same width for every item ("█████")."""
    return [redactor._one(entity, MASK, "mask", entity_key(entity))]


def label_operator(redactor: Redactor, text: str, entity: Finding, language: str,
                   avoid: set[str]) -> list[Replacement]:
    """``--mode label``: "[PER-3]", numbered per label and stable across the texts one redactor sees."""
    key = entity_key(entity)
    return [redactor._one(entity, redactor.label_for(entity.label, key), "label", key)]


def pseudonym_operator(redactor: Redactor, text: str, entity: Finding, language: str,
                       avoid: set[str]) -> list[Replacement]:
    """``--mode pseudonym``: names and call signs replaced by stable pseudonyms inflected like the original;
    phones and units get labels (an invented number could be someone's)."""
    if entity.label in ("PHONE", "UNIT"):
        return label_operator(redactor, text, entity, language, avoid)
    if entity.label == "CALLSIGN":
        new = callsign_pseudonym(redactor.secret, entity_key(entity), avoid, entity.text)
        return [redactor._one(entity, _match_case(entity.text, new), "pseudonym", entity_key(entity))]
    return redactor._person(text, entity, language, avoid)


def redaction_modes() -> dict[str, object]:
    """Every ``--mode``: the built-in operators and those plugins add (``overheard_redaction_operators``)."""
    return plugins.extensions("redaction_operators")


def entity_key(entity: Finding) -> str:
    """The identity of an entity for labels and pseudonyms (same person → same key)."""
    attrs = entity.attributes
    if entity.label == "PER":
        first, surname = attrs.get("first_name"), attrs.get("surname")
        return fold(first or surname or attrs.get("normal") or entity.text)
    if entity.label == "PHONE":
        return re.sub(r"\D", "", attrs.get("normal") or entity.text)[-10:]
    return fold(attrs.get("normal") or entity.text)


def _match_case(original: str, new: str) -> str:
    """Lower-case the replacement when the original was (ASR text), else capitalise."""
    if original.islower():
        return new.lower()
    return new[:1].upper() + new[1:]


def mask_spans(text: str, spans: Iterable[tuple[int, int]], offset: int = 0) -> str:
    """``text`` (which starts at ``offset`` of its transcript) with the spans' characters replaced by █.

    Length-preserving, unlike the operators above: every offset into the text stays valid (word
    timings, finding highlights, search hits), so the web pages and search snippets shown to
    viewers use this. Whitespace inside a span is masked too, line breaks are kept.
    """
    chars = list(text)
    for start, end in spans:
        for index in range(max(start - offset, 0), min(end - offset, len(chars))):
            if chars[index] != "\n":
                chars[index] = MASK_CHAR
    return "".join(chars)


def is_personal(finding: Finding) -> bool:
    """True for entities that identify people (``PERSONAL_DATA_LABELS``: PER, PHONE, CALLSIGN, UNIT).

    Places and organisations stay visible, as in ``overheard.redact``'s default policy.
    """
    return finding.kind == FindingKind.ENTITY and finding.label.upper() in PERSONAL_DATA_LABELS



def viewer_masked_spans(findings: Iterable[StoredFinding], segment_offsets: Sequence[tuple[int, int]],
                        unchecked: Collection[int] | None) -> list[tuple[int, int]]:
    """The spans of a transcript a viewer must not see, failing closed.

    Every personal entity finding not rejected by a reviewer, and every whole segment that no
    personal-data detector has checked (``unchecked``: their positions; None: the version was never
    checked, so every segment). Detection that has not run is never taken to mean "no names".
    """
    spans = [(f.finding.start, f.finding.end) for f in findings
             if is_personal(f.finding) and f.review_status != ReviewStatus.REJECTED]
    blind = range(len(segment_offsets)) if unchecked is None else unchecked
    spans += [segment_offsets[position] for position in blind if position < len(segment_offsets)]
    return sorted(spans)


def personal_words(findings: Iterable[StoredFinding]) -> list[str]:
    """The texts (and normal forms) of personal entities, longest first, to scrub from free text."""
    words = set()
    for stored in findings:
        if is_personal(stored.finding) and stored.review_status != ReviewStatus.REJECTED:
            words.add(stored.finding.text)
            for key in ("normal", "canonical", "first_name", "surname", "person"):
                value = stored.finding.attributes.get(key)
                if isinstance(value, str):
                    words.add(value)
    return sorted((w for w in words if len(w.strip()) >= 2), key=len, reverse=True)



def scrub(text: str, words: Sequence[str]) -> str:
    """``text`` with every occurrence of ``words`` (case-insensitive, ё = е) masked."""
    if not words or not text:
        return text

    def fuzzy(word: str) -> str:
        return "".join("[её]" if char in "её" else "[ЕЁ]" if char in "ЕЁ" else re.escape(char) for char in word)

    pattern = re.compile("|".join(fuzzy(word) for word in words), re.IGNORECASE)
    return pattern.sub(lambda m: MASK_CHAR * len(m.group(0)), text)
