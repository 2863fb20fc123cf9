"""Published calls: a call's current transcript redacted and shaped for the exporters, and the leak check of files.

:func:`published_call` redacts the current transcript utterance by utterance with the workspace's stored
pseudonyms (:mod:`overheard.jobs.redaction`), keeps the speaker labels, and adds what the formats need:
times, findings with their redacted text, people by pseudonym, places as the policy allows, and the
English translation with every name in it replaced (transliterated forms included) or, when a name
could still be there, withheld. :func:`leak_check` scans written files against every person, phone,
call sign and unit of the workspace, look-alike letters included.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from overheard.jobs.leakcheck import scan_files
from overheard.jobs.redaction import RedactedTranscript, redact_transcript, workspace_entities, workspace_redactor
from overheard.model import FindingKind, ReviewStatus
from overheard.names import name_lexicon
from overheard.publish.document import (
    PublishedCall,
    PublishedFinding,
    PublishedPerson,
    PublishedPlace,
    PublishedSegment,
)
from overheard.redact.leakcheck import Hit, KnownForms
from overheard.redact.operators import MASK, Policy, Redactor, entity_key
from overheard.text import fold
from overheard.workspace import Workspace

WITHHELD = "[translation withheld: it may name someone]"
_TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ'",
                     ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
                      "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "yi", "ye", "g",
                      ""], strict=True))


def skeleton(word: str) -> str:
    """A loose Latin key for a name, so "Ира", "Ira", "Iryna" and "Андрюша", "Andryusha" meet."""
    latin = "".join(_TRANSLIT.get(c, c) for c in fold(word))
    latin = latin.lower().replace("kh", "h").replace("ks", "x").replace("ye", "e").replace("yu", "u")
    latin = latin.replace("ya", "a").replace("j", "y").replace("iy", "i").replace("y", "i").replace("w", "v")
    return re.sub(r"(.)\1+", r"\1", latin)


def english_text(translation: str | None, names: Iterable[str], replacement: dict[str, str]) -> str | None:
    """The English translation with every (transliterated) known name form replaced; withheld if one survives.

    ``names`` are the Cyrillic forms of the people in the call; ``replacement`` maps a form's skeleton to
    what it becomes (the pseudonym transliterated, or its label).
    """
    if not translation:
        return translation
    keys = {skeleton(n) for n in names if len(fold(n)) >= 2}

    def swap(match: re.Match) -> str:
        key = skeleton(match.group())
        hit = next((k for k in keys if key == k or (len(k) >= 4 and key.startswith(k[:4]) and len(key) - len(k) <= 3)),
                   None)
        return replacement.get(hit, "[name]") if hit else match.group()

    out = re.sub(r"[A-Za-z][A-Za-z'’-]*", swap, translation)
    if any(skeleton(word) in keys for word in re.findall(r"[A-Za-z][A-Za-z'’-]*", out) if word[:1].isupper()
           and not word.startswith("[")):
        return WITHHELD
    return out


def _latin(word: str) -> str:
    latin = "".join(_TRANSLIT.get(c, c) for c in word.lower())
    return latin[:1].upper() + latin[1:]


def _person_names(redacted: RedactedTranscript) -> tuple[set[str], dict[str, str]]:
    """Every Cyrillic form of the call's people and, by skeleton, what the English should say instead."""
    lexicon = name_lexicon()
    forms: set[str] = set()
    instead: dict[str, str] = {}
    by_key = {r.key: r.replacement for r in redacted.replacements if r.label == "PER"}
    for entity in redacted.entities:
        if entity.label != "PER":
            continue
        words = {entity.text, *re.findall(r"\w+", entity.text)}
        for part in entity.attributes.get("parts") or ():
            if part.get("role") == "first":
                words |= lexicon.all_forms(part["canonical"]) | {part["canonical"]}
                new = by_key.get(fold(part["canonical"]))
            else:
                words.add(part.get("normal") or "")
                new = by_key.get(fold(part.get("normal") or ""))
            for word in words:
                instead.setdefault(skeleton(word), _latin(new) if new and not new.startswith("[") else "[name]")
        forms |= words
    return {f for f in forms if f}, instead


def _published_findings(ws: Workspace, redacted: RedactedTranscript, char_range: tuple[int, int] | None):
    out = []
    for stored in ws.store.findings(transcript_id=redacted.stored.id):
        finding = stored.finding
        if stored.review_status == ReviewStatus.REJECTED:
            continue
        if char_range and not (finding.start < char_range[1] and char_range[0] < finding.end):
            continue
        text = redacted.text[redacted.mapped(finding.start) : redacted.mapped(finding.end)]
        if finding.kind == FindingKind.ENTITY and finding.label not in ("LOC", "ORG"):
            text = text if text != finding.text else MASK  # never the original of a personal finding
        attrs = finding.attributes
        out.append(PublishedFinding(
            kind=str(finding.kind), label=finding.label, text=text, start_s=stored.time_start, end_s=stored.time_end,
            review_status=stored.review_status.value, count=attrs.get("count"), approximate=attrs.get("approximate"),
            side=attrs.get("side"), producer=finding.producer))
    return tuple(out)


def _places(redacted: RedactedTranscript, policy: Policy, char_range) -> tuple[PublishedPlace, ...]:
    if policy.places == "mask":
        return ()
    seen: dict[str, PublishedPlace] = {}
    for entity in redacted.entities:
        if entity.label != "LOC" or (char_range and not (entity.start < char_range[1] and char_range[0] < entity.end)):
            continue
        geo = entity.attributes.get("geo") or {}
        if policy.places == "oblast":
            region = geo.get("oblast") or geo.get("country")
            if region:
                seen.setdefault(region, PublishedPlace(region, region, geo.get("country")))
            continue
        name = geo.get("name") or entity.attributes.get("normal") or entity.text
        seen.setdefault(name, PublishedPlace(name, geo.get("oblast"), geo.get("country"), geo.get("lat"),
                                             geo.get("lon")))
    return tuple(seen.values())


def _people(ws: Workspace, redacted: RedactedTranscript, redactor: Redactor, call_key: str,
            segments: Sequence[PublishedSegment]) -> tuple[PublishedPerson, ...]:
    keys: dict[str, str | None] = {}
    for entity in redacted.entities:
        if entity.label == "PER":
            keys.setdefault(entity_key(entity), entity.attributes.get("gender"))
    speakers = {s.speaker for s in segments if s.speaker}
    out: dict[str, PublishedPerson] = {}
    for key, gender in keys.items():
        if redactor.policy.mode == "pseudonym":
            name = redactor.first_names.get(key.split("|")[0])
            if not name:
                name = next((r.replacement for r in redacted.replacements if r.key == key and r.label == "PER"), None)
            if not name or name.startswith("["):
                name = redactor.label_for("PER", key)
        elif redactor.policy.mode == "label":
            name = redactor.label_for("PER", key)
        else:
            continue  # masked: nobody to list
        mentions = sum(1 for e in redacted.entities if e.label == "PER" and entity_key(e) == key)
        speaker = name if name in speakers else None
        if name in out:
            mentions += out[name].mentions
        out[name] = PublishedPerson(name, gender, mentions, speaker)
    return tuple(out.values())


def published_call(ws: Workspace, call_ref: int | str, policy: Policy, redactor: Redactor | None = None, *,
                   char_range: tuple[int, int] | None = None, ref: str | None = None, title: str | None = None,
                   note: str | None = None, translations: dict[int, str] | None = None) -> PublishedCall:
    """A call's current transcript (or the character range of a quote) redacted and ready for any format.

    ``translations`` overrides the English of some segments (a quote's own translation, by position).
    """
    call = ws.store.get_call(call_ref)
    redactor = redactor or workspace_redactor(ws, policy, call.key)
    redacted = redact_transcript(ws, call.id, redactor)
    names, instead = _person_names(redacted)
    segments = []
    for segment, original in zip(redacted.segments, redacted.stored.transcript.segments, strict=True):
        start, end = segment.char_start, segment.char_end
        text = segment.text
        if char_range:
            if not (start < char_range[1] and char_range[0] < end) and not (start == end == char_range[0]):
                continue
            a, b = max(start, char_range[0]), min(end, char_range[1])
            text = redacted.text[redacted.mapped(a) : redacted.mapped(b)]
        english = (translations or {}).get(segment.position, original.translation)
        segments.append(PublishedSegment(segment.position, segment.speaker, original.start, original.end, text,
                                         original.language or redacted.language,
                                         english_text(english, names, instead)))
    recording = ws.store.latest_recording(call.id)
    metadata = call.metadata
    recorded = metadata.recorded_at.isoformat() if metadata.recorded_at else None
    oblast = metadata.oblast if policy.places != "mask" else None
    default_title = ", ".join([f"Call {call.id}", *([recorded[:10]] if recorded else []), *filter(None, [oblast])])
    return PublishedCall(
        ref=ref or f"call-{call.id}", call_id=call.id, title=title or default_title,
        recorded_at=recorded, oblast=oblast, language=redacted.language, duration=call.duration,
        policy={"mode": policy.mode, "places": policy.places}, transcript_version=redacted.stored.version,
        transcript_source=redacted.stored.transcript.source.value, segments=tuple(segments),
        findings=_published_findings(ws, redacted, char_range),
        people=_people(ws, redacted, redactor, call.key, segments),
        places=_places(redacted, policy, char_range), note=note,
        audio_sha256=recording.sha256 if recording else None,
        extra={"transcript_id": redacted.stored.id, "transcript_digest": redacted.stored.transcript.digest,
               "replacements": len(redacted.replacements)})


def known_forms(ws: Workspace) -> KnownForms:
    """Every known form of every person, phone, call sign and unit of the workspace."""
    return KnownForms().add_entities(workspace_entities(ws))


def leak_check(ws: Workspace, paths: Iterable[Path], known: KnownForms | None = None) -> list[Hit]:
    """Leak-check written files (txt, md, docx, srt, vtt, csv, json) against the workspace's people."""
    return scan_files(list(paths), known or known_forms(ws))
