"""Redaction inside a workspace and of loose texts: detect entities, then redact them.

:func:`redact_text` runs the entities annotator on a text and applies a policy (redaction itself
takes spans: :mod:`overheard.redact.operators`). :func:`redact_call` redacts a call's current
transcript with the workspace's pseudonym key and stored person candidates, and refuses to write
anything the leak check flags.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from overheard.annotate.analysis import map_jsonl
from overheard.annotate.components.entities import PRODUCER as ENTITIES
from overheard.annotate.components.entities import EntityAnnotator, find_entities, protected_spans
from overheard.annotate.doc import Doc
from overheard.errors import LeakError, NotFoundError
from overheard.jobs.leakcheck import scan_text
from overheard.jobs.people import list_people, workspace_secret
from overheard.model import Finding, FindingKind, plain
from overheard.names import name_lexicon
from overheard.redact.leakcheck import KnownForms
from overheard.redact.operators import Policy, Redaction, Redactor
from overheard.text import detect_language, fold
from overheard.workspace import Workspace


@lru_cache(maxsize=1)
def _entities() -> EntityAnnotator:
    return EntityAnnotator()


def redact_text(text: str, redactor: Redactor, language: str | None = None,
                region: str | None = None) -> Redaction:
    """Find the entities of ``text`` and redact them with ``redactor``'s policy; coded casualty terms (the
    coded-term lexicon's) are left as they are."""
    language = language if language in ("ru", "uk") else detect_language(text)
    doc = Doc(text, language, region=region)
    return redactor.apply(text, _entities().annotate(doc), language, protected_spans(doc))


def redact_jsonl(lines: Iterable[bytes | str], redactor: Redactor, lang: str = "auto"
                 ) -> Iterator[tuple[dict[str, Any] | None, str | None]]:
    """Redact JSON Lines ``{"id","text","lang"?}``; yields ``({"id","text"}, None)`` or ``(None, error)``.

    Errors name the line number and the id, never the text; one bad line does not stop the rest.
    """

    def redact(text: str, record_lang: str, where: str) -> dict[str, Any]:
        return {"text": redact_text(text, redactor, None if record_lang == "auto" else record_lang).text}

    return map_jsonl(lines, lang, redact)


def _findings(ws: Workspace) -> list[Finding]:
    """Stored mentions and entity forms as findings (for the leak check)."""
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
        return KnownForms().add_entities(_findings(ws))
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
        redactor.avoid_names |= {first} | {fold(v) for v in variants.get(first, ())}
    return redactor


def redact_call(ws: Workspace, call_ref: int | str, policy: Policy, actor: str, out: Path | None = None) -> str:
    """Redact a call's current transcript; refuse (LeakError) when the leak check finds anything.

    With ``out`` the text is written there only after it passed the leak check.
    """
    stored = ws.store.current_transcript(call_ref)
    if stored is None:
        raise NotFoundError(f"call {call_ref} has no transcript to redact")
    call = ws.store.get_call(stored.call_id)
    language = stored.transcript.language if stored.transcript.language in ("ru", "uk") else None
    result = redact_text(stored.text, workspace_redactor(ws, policy, call.key), language, call.metadata.oblast)
    known = KnownForms().add_entities(_findings(ws))
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
