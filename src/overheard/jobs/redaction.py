"""Redaction inside a workspace and of loose texts: detect entities, then redact them.

:func:`redact_text` runs the entities annotator on a text and applies a policy (redaction itself
takes spans: :mod:`overheard.redact.operators`). :func:`redact_call` redacts a call's current
transcript with the workspace's pseudonym key and stored person candidates, and refuses to write
anything the leak check flags.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from overheard.annotate.analysis import map_jsonl
from overheard.annotate.components.entities import PRODUCER as ENTITIES
from overheard.annotate.components.entities import EntityAnnotator, find_entities, protected_spans
from overheard.annotate.doc import Doc
from overheard.annotate.rules.entities.ner import BATCH, prefetched
from overheard.errors import LeakError, NotFoundError
from overheard.jobs.leakcheck import scan_text
from overheard.jobs.people import list_people, workspace_secret
from overheard.model import PERSONAL_DATA_LABELS, Finding, FindingKind, ReviewStatus, StoredTranscript, plain
from overheard.names import name_lexicon
from overheard.redact.leakcheck import KnownForms
from overheard.redact.operators import MASK, Policy, Redaction, Redactor, Replacement
from overheard.redact.pseudonyms import first_name_pseudonym, related_names
from overheard.text import detect_language, fold
from overheard.workspace import Workspace


@lru_cache(maxsize=1)
def _entities() -> EntityAnnotator:
    return EntityAnnotator()


def redact_text(text: str, redactor: Redactor, language: str | None = None,
                region: str | None = None) -> Redaction:
    """Find the entities of ``text`` and redact them with ``redactor``'s policy; coded casualty terms (the
    coded-term lexicon's) are left as they are."""
    doc = _doc(text, language, region)
    return redactor.apply(text, _entities().annotate(doc), doc.language, protected_spans(doc))


def _doc(text: str, language: str | None, region: str | None = None) -> Doc:
    """The Doc :func:`redact_text` reads: ``language`` if it is ru or uk, else the detected one."""
    return Doc(text, language if language in ("ru", "uk") else detect_language(text), region=region)


def prefetch_ner(items: Sequence[tuple[str, str | None]]) -> AbstractContextManager:
    """A block within which :func:`redact_text` of any ``(text, language)`` of ``items`` reuses one batched
    run of the NER model over all of them (the same spans, several times faster than one text at a time)."""
    texts = []
    if _entities().ner:
        for text, language in items:
            doc = _doc(text, language)
            if doc.language == "ru":  # the entities rules ask natasha about Russian text only
                texts.append(doc.readable_text)
    return prefetched(texts)


def redact_jsonl(lines: Iterable[bytes | str | None], redactor: Redactor, lang: str = "auto", chunk: int = BATCH
                 ) -> Iterator[tuple[dict[str, Any] | None, str | None]]:
    """Redact JSON Lines ``{"id","text","lang"?}``; yields ``({"id","text"}, None)`` or ``(None, error)``.

    Errors name the line number and the id, never the text; one bad line does not stop the rest. Lines are
    read ``chunk`` at a time (a ``None`` in ``lines`` ends a chunk early: no more input ready) and the NER
    model runs once per chunk (:func:`prefetch_ner`); the output is that of one line at a time, in order.
    """

    def redact(text: str, record_lang: str, where: str) -> dict[str, Any]:
        return {"text": redact_text(text, redactor, None if record_lang == "auto" else record_lang).text}

    def prepare(items: list[tuple[str, str]]) -> AbstractContextManager:
        return prefetch_ner([(text, None if record_lang == "auto" else record_lang) for text, record_lang in items])

    return map_jsonl(lines, lang, redact, prepare, chunk)


def workspace_entities(ws: Workspace) -> list[Finding]:
    """Stored mentions and entity forms of every call as findings (what the leak check looks for)."""
    people, others = ws.store.person_mentions(), ws.store.entity_forms()
    out = []
    for row in people:
        out.append(Finding(FindingKind.ENTITY, "PER", row.start, row.end, row.text, 1.0, ENTITIES, "stored",
                           row.attributes))
    for row in others:
        out.append(Finding(FindingKind.ENTITY, row.label, row.start, row.end, row.text, 1.0, ENTITIES,
                           "stored", {"normal": row.normal}))
    return out


def workspace_known_forms(root: Path) -> KnownForms:
    """Every known surface form of every person, phone, call sign and unit in the workspace."""
    ws = Workspace.open(Path(root))
    try:
        return KnownForms().add_entities(workspace_entities(ws))
    finally:
        ws.close()


def workspace_redactor(ws: Workspace, policy: Policy, call_key: str | None = None) -> Redactor:
    """A redactor keyed with the workspace secret, using the stored candidates of ``call_key``'s people:
    merged candidates share one label and one pseudonym."""
    redactor = Redactor(workspace_secret(ws), policy)
    people = list_people(ws)
    # this call's first-name keys first, then full names; other calls' bare first names never apply
    ranked = []
    for person in people:
        for key in person.keys:
            name, _, call = key.partition("@")
            if call and call != call_key:
                continue
            ranked.append((0 if call else 1, name, person))
    for _, name, person in sorted(ranked, key=lambda r: r[0]):
        for part in {name, name.split("|")[0]}:
            redactor.labels.setdefault(("PER", part), person.id)
            if person.pseudonym and person.pseudonym != "?":
                redactor.first_names.setdefault(part, person.pseudonym.split()[0])
    signs = (form.normal for form in ws.store.entity_forms("CALLSIGN"))
    redactor.avoid_names |= {fold(sign) for sign in signs if sign}
    variants = name_lexicon().variants
    for person in people:
        first = fold(person.display.split()[0]) if person.display else ""
        redactor.avoid_names |= {first} | {fold(v) for v in variants.get(first, ())} | related_names(first)
    # a stored pseudonym that is (a relative of) someone's real name is not used: the keyed pick avoids it
    redactor.first_names = {key: name for key, name in redactor.first_names.items()
                            if fold(name) not in redactor.avoid_names}
    return redactor


@dataclass(frozen=True)
class RedactedSegment:
    """One utterance after redaction, with its (pseudonymised) speaker label and its place in the original."""

    position: int
    speaker: str | None
    text: str
    char_start: int  # the segment's range in the original transcript text
    char_end: int


@dataclass(frozen=True)
class RedactedTranscript:
    """A transcript version redacted segment by segment, with the entities and every replacement made."""

    stored: StoredTranscript
    language: str
    text: str  # the whole redacted text (segments joined by newlines)
    segments: tuple[RedactedSegment, ...]
    entities: tuple[Finding, ...]
    replacements: tuple[Replacement, ...]

    def mapped(self, position: int) -> int:
        """Where an offset of the original text lands in the redacted text (inside a replacement: its start)."""
        return map_offset(position, self.replacements)

    def lines(self) -> list[str]:
        """"Speaker: text" per segment, as the copies are written."""
        return [f"{s.speaker}: {s.text}" if s.speaker else s.text for s in self.segments]


def map_offset(position: int, replacements: Sequence[Replacement]) -> int:
    """An offset of the original text, moved by the replacements before it (into a replacement: its start)."""
    shift = 0
    for piece in replacements:
        if piece.end <= position:
            shift += len(piece.replacement) - (piece.end - piece.start)
        elif piece.start < position:
            return piece.start + shift
    return position + shift


def reviewed_entities(ws: Workspace, transcript_id: int) -> list[Finding]:
    """Stored personal-data findings of a transcript version that no one rejected (a person may have added one)."""
    return [f.finding for f in ws.store.findings(transcript_id=transcript_id)
            if f.finding.kind == FindingKind.ENTITY and f.finding.label in PERSONAL_DATA_LABELS
            and f.review_status != ReviewStatus.REJECTED]


def redact_transcript(ws: Workspace, call_ref: int | str, redactor: Redactor) -> RedactedTranscript:
    """Redact a call's current transcript utterance by utterance, speaker labels included.

    Entities are found again on the current text (one utterance at a time) and joined by the stored findings
    people added or kept (those that overlap nothing found); coded casualty terms stay as they are.
    """
    stored = ws.store.current_transcript(call_ref)
    if stored is None:
        raise NotFoundError(f"call {call_ref} has no transcript to redact")
    call = ws.store.get_call(stored.call_id)
    language = stored.transcript.language if stored.transcript.language in ("ru", "uk") else None
    language = language or detect_language(stored.text)
    text = stored.text
    doc = Doc(text, language, tuple(stored.transcript.segment_offsets), region=call.metadata.oblast)
    found = list(_entities().annotate(doc))
    for extra in reviewed_entities(ws, stored.id):
        if extra.end <= len(text) and not any(extra.start < f.end and f.start < extra.end for f in found):
            found.append(extra)
    result = redactor.apply(text, found, language, protected_spans(doc))
    segments = []
    for position, (segment, (start, end)) in enumerate(
        zip(stored.transcript.segments, stored.transcript.segment_offsets, strict=True)
    ):
        body = result.text[map_offset(start, result.replacements) : map_offset(end, result.replacements)]
        segments.append(RedactedSegment(position, speaker_label(segment.speaker, redactor, language, found),
                                        body, start, end))
    return RedactedTranscript(stored, language, result.text, tuple(segments), tuple(found), result.replacements)


_LABEL_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")


def speaker_label(label: str | None, redactor: Redactor, language: str, entities: Sequence[Finding] = ()) -> str | None:
    """A speaker label with every first name in it replaced as the policy says ("Андрей" -> "Савелий").

    Role labels ("Мать", "Муж", "A") stay as they are. The pseudonym is the person's stored one (the same
    as in the text), in the nominative.
    """
    if not label:
        return label
    lexicon = name_lexicon()

    def replace(match: re.Match) -> str:
        word = match.group()
        readings = lexicon.lookup(word)
        if not readings or (lexicon.is_ambiguous(word) and not word[:1].isupper()):
            return word
        readings = [r for r in readings if r.lang in (language, "both")] or readings
        canonical, gender = readings[0].canonical, readings[0].gender
        key = fold(canonical)
        if redactor.policy.mode == "mask":
            return MASK
        if redactor.policy.mode == "label":
            return redactor.label_for("PER", key)
        if key in redactor.first_names:
            new = redactor.first_names[key]
        else:
            avoid = set(redactor.avoid_names) | {fold(p.get("canonical") or "") for e in entities
                                                 for p in e.attributes.get("parts", ())}
            new = first_name_pseudonym(redactor.secret, canonical, gender, "nomn", language, avoid)
        return new.lower() if word.islower() else new

    return _LABEL_WORD.sub(replace, label)


def redact_call(ws: Workspace, call_ref: int | str, policy: Policy, actor: str, out: Path | None = None) -> str:
    """Redact a call's current transcript ("Speaker: text" lines); refuse (LeakError) when the leak check
    finds anything.

    With ``out`` the text is written there only after it passed the leak check.
    """
    call = ws.store.get_call(call_ref)
    redacted = redact_transcript(ws, call.id, workspace_redactor(ws, policy, call.key))
    stored = redacted.stored
    result = Redaction("\n".join(redacted.lines()), redacted.replacements)
    known = KnownForms().add_entities(workspace_entities(ws))
    hits = scan_text(result.text, known, f"call {stored.call_id}")
    if hits:
        where = ", ".join(f"{h.line}:{h.column} {h.label}" for h in hits[:5])
        raise LeakError(f"redacted call {stored.call_id} still contains {len(hits)} known form(s) at {where}; "
                        "nothing written")
    if out is not None:
        out.write_text(result.text, encoding="utf-8")
    ws.store.audit(actor=actor, action="redact.call", object_type="call", object_id=stored.call_id,
                   call_id=stored.call_id, details={"mode": policy.mode, "places": policy.places,
                                                    "replacements": len(result.replacements),
                                                    "transcript_id": stored.id})
    return result.text


def redact_all_calls(ws: Workspace, policy: Policy, actor: str, out_dir: Path) -> list[Path]:
    """Write a leak-checked redacted copy of every call's current transcript into ``out_dir``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for call in ws.store.list_calls():
        if ws.store.current_transcript(call.id) is None:
            continue
        path = out_dir / f"{call.key}.redacted.txt"
        redact_call(ws, call.id, policy, actor, path)
        written.append(path)
    return written


def call_places(ws: Workspace) -> list[dict[str, Any]]:
    """Every place mention in every call's current transcript, resolved (call key, text, geo)."""
    out = []
    for call in ws.store.list_calls():
        stored = ws.store.current_transcript(call.id)
        if stored is None:
            continue
        language = stored.transcript.language if stored.transcript.language in ("ru", "uk") else None
        language = language or detect_language(stored.text)
        for entity in find_entities(stored.text, language, call.metadata.oblast):
            if entity.label == "LOC":
                out.append({"call": call.key, "text": entity.text, "geo": plain(entity.attributes.get("geo")),
                            "candidates": len(entity.attributes.get("candidates") or ())})
    return out
