"""The publication pack: approved quotes and chosen calls, redacted, in the newsroom's formats, leak-checked.

:func:`build_pack` writes into a hidden folder beside the target and renames it into place only when
everything passed: every quote is approved (or published) and made on its call's current transcript
version, every file leak-checks clean against the workspace's people (look-alike letters included).
Otherwise nothing is left behind and one coded line says why (E051 not approved, E011 a leak).

A pack holds ``quotes/`` (each approved quote as DOCX, TXT, SRT and VTT with an English track, and a
bleeped, optionally voice-disguised clip of its seconds), ``calls/`` (each chosen call in every format),
``METHODOLOGY.md`` (how codes were decoded, what was reviewed and by how many people) and
``manifest.json`` (sha256 of every original and every output, model and lexicon versions, custody
excerpts).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from overheard.errors import LeakError, NotFoundError, PublishError
from overheard.jobs.clips import clip_call
from overheard.jobs.publish import known_forms, leak_check, published_call
from overheard.jobs.redaction import workspace_redactor
from overheard.lexicons.loader import LEXICON_DIR
from overheard.model import Quote
from overheard.publish.document import PublishedCall, clock
from overheard.publish.formats import FormatOptions, exporter, exporters
from overheard.redact.leakcheck import SUPPORTED
from overheard.redact.operators import Policy
from overheard.speech.clips import ClipSettings
from overheard.workspace import Workspace

QUOTE_FORMATS = ("docx", "txt", "srt", "vtt")
CALL_FORMATS = ("docx", "txt", "md", "srt", "vtt", "csv", "ftm", "json")
PUBLISHABLE = ("approved", "published")
CLIP_MARGIN_S = 0.3


@dataclass(frozen=True)
class PackRequestItems:
    """What to pack and how."""

    quotes: tuple[int, ...] = ()
    calls: tuple[int | str, ...] = ()
    disguise: bool = True
    policy: Policy = field(default_factory=lambda: Policy("pseudonym"))
    english: bool = True
    call_clips: bool = False  # a bleeped clip of each whole call (aligns untimed transcripts: slow)


@dataclass(frozen=True)
class PackResult:
    """A written pack: its folder, every file in it and the manifest's hash."""

    folder: Path
    files: tuple[Path, ...]
    manifest_sha256: str
    quotes: int
    calls: int


def sha256_of(path: Path) -> str:
    """The sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _check_quotes(ws: Workspace, ids: tuple[int, ...]) -> list[Quote]:
    quotes = ws.store.quotes(ids=list(ids))
    missing = sorted(set(ids) - {q.id for q in quotes})
    if missing:
        raise PublishError(f"no quote {', '.join(map(str, missing))}; nothing written")
    unapproved = [q.id for q in quotes if q.status not in PUBLISHABLE]
    if unapproved:
        raise PublishError(f"quote {', '.join(map(str, unapproved))} is not approved (an editor other than its maker "
                           "approves it on /quotes); nothing written")
    for quote in quotes:
        current = ws.store.current_transcript(quote.call_id)
        if current is None or current.id != quote.transcript_id:
            raise PublishError(f"quote {quote.id} was made on an older transcript of call {quote.call_id}; make it "
                               "again on the current one; nothing written")
    return quotes


def _write(item: PublishedCall, names: tuple[str, ...], folder: Path, english: bool) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name in names:
        chosen = exporter(name)
        if chosen.needs_timings and not item.timed:
            continue  # untimed transcript: no subtitles (the manifest says so)
        written += chosen.write(item, folder, FormatOptions(english=english))
    return written


def _quote_item(ws: Workspace, quote: Quote, request: PackRequestItems, labels: dict) -> PublishedCall:
    call = ws.store.get_call(quote.call_id)
    redactor = workspace_redactor(ws, request.policy, call.key)
    redactor.labels = labels  # "[PER-3]" is the same person across the whole pack
    current = ws.store.current_transcript(call.id)
    position = next(i for i, (a, b) in enumerate(current.transcript.segment_offsets) if a <= quote.char_start <= b)
    when = f" at {clock(quote.time_start)}" if quote.time_start is not None else ""
    return published_call(ws, call.id, request.policy, redactor, char_range=(quote.char_start, quote.char_end),
                          ref=f"quote-{quote.id}", title=f"Quote {quote.id}, call {call.id}{when}", note=quote.note,
                          translations={position: quote.translation} if quote.translation else None)


def _reviewers(ws: Workspace, call_id: int) -> dict[str, Any]:
    entries = ws.store.audit_entries(call_id)
    decided = [e for e in entries if e.action.startswith(("finding.", "transcript.review", "quote."))
               and e.action not in ("finding.machine",)]
    findings = ws.store.findings(call_ref=call_id)
    current = ws.store.current_transcript(call_id)
    live = [f for f in findings if current and f.transcript_id == current.id]
    return {
        "transcript_version": current.version if current else None,
        "transcript_source": current.transcript.source.value if current else None,
        "findings": dict(Counter(f.review_status.value for f in live)),
        "people_who_reviewed": len({e.actor for e in decided}),
    }


def _lexicon_versions() -> dict[str, Any]:
    import yaml

    out = {}
    for path in sorted(LEXICON_DIR.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError:
            data = None
        version = data.get("version") if isinstance(data, dict) else None
        out[path.name] = {"version": version, "sha256": sha256_of(path)}
    return out


def _custody(ws: Workspace, call_id: int) -> list[dict[str, Any]]:
    """The call's custody chain, names left out: when, who (account), what, and the entry's hash."""
    return [{"at": e.at, "actor": e.actor, "action": e.action, "object": f"{e.object_type}:{e.object_id}",
             "hash": e.hash} for e in ws.store.audit_entries(call_id)]


def _models(ws: Workspace, call_id: int) -> dict[str, Any]:
    producers = sorted({f.finding.producer for f in ws.store.findings(call_ref=call_id)})
    transcripts = [{"version": t.version, "source": t.transcript.source.value, "producer": t.transcript.producer,
                    "model": (t.settings or {}).get("model")} for t in ws.store.transcripts(call_id)]
    return {"annotators": producers, "transcripts": transcripts}


def _methodology(ws: Workspace, request: PackRequestItems, call_ids: list[int], quotes: list[Quote]) -> str:
    lines = ["# How this material was prepared", "",
             "## The calls",
             "The recordings and transcripts are kept unchanged in an evidence vault; every step on them is in a "
             "hash-chained custody log (excerpts in manifest.json).", "",
             "## How the coded language was decoded",
             "Casualty codes (\"200\" killed, \"300\" wounded, \"500\" refusing to fight, \"СЗЧ\" deserted, ...) were "
             "read with overheard's coded-term lexicon (versions in manifest.json), counts and approximations by "
             "rule, following the project's annotation guidelines; every finding keeps the rule that fired. Coded "
             "terms and their counts are never altered by redaction.", "",
             "## What was reviewed, and by whom"]
    for call_id in call_ids:
        review = _reviewers(ws, call_id)
        counts = ", ".join(f"{n} {status}" for status, n in sorted(review["findings"].items())) or "none"
        lines.append(f"- Call {call_id}: transcript version {review['transcript_version']} "
                     f"({review['transcript_source']}); findings: {counts}; "
                     f"{review['people_who_reviewed']} person(s) reviewed it.")
    if quotes:
        approvers = {q.approved_by for q in quotes if q.approved_by}
        makers = {q.created_by for q in quotes}
        lines.append(f"- {len(quotes)} quote(s), chosen by {len(makers)} person(s) and approved by {len(approvers)} "
                     "editor(s), none by the person who chose it.")
    lines += ["", "## Redaction",
              f"People, phones, call signs and units: {request.policy.mode} (pseudonyms are consistent across this "
              f"pack and never a real name of the workspace); places: {request.policy.places}. Clips have every "
              "personal-data finding of the reviewed transcript replaced by a tone"
              + (" and the voices shifted in pitch" if request.disguise else "") + ".",
              "Every text file in this pack was checked against every known form of every person, phone, call sign "
              "and unit in the workspace (all cases, diminutives, look-alike Latin letters) before it was written.",
              ""]
    return "\n".join(lines)


def build_pack(ws: Workspace, request: PackRequestItems, out: Path, actor: str) -> PackResult:
    """Write the publication pack into ``out`` (a new or empty folder), or nothing at all."""
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise PublishError(f"{out.name} exists and is not empty; choose a new folder")
    if not request.quotes and not request.calls:
        raise PublishError("a pack needs at least one approved quote or one call")
    quotes = _check_quotes(ws, tuple(request.quotes))
    calls = [ws.store.get_call(ref) for ref in request.calls]
    for call in calls:
        if ws.store.current_transcript(call.id) is None:
            raise NotFoundError(f"call {call.id} has no transcript to publish")
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        items: list[dict[str, Any]] = []
        labels: dict = {}
        for quote in quotes:
            item = _quote_item(ws, quote, request, labels)
            files = _write(item, QUOTE_FORMATS, work / "quotes", request.english)
            recording = ws.store.latest_recording(quote.call_id)
            if recording is not None and quote.time_start is not None and quote.time_end is not None:
                target = work / "quotes" / f"quote-{quote.id}.wav"
                settings = ClipSettings(start=max(0.0, quote.time_start - CLIP_MARGIN_S),
                                        end=quote.time_end + CLIP_MARGIN_S, bleep=True, disguise=request.disguise)
                clip_call(ws, quote.call_id, settings, target, actor)
                files.append(target)
            items.append({"type": "quote", "id": quote.id, "call_id": quote.call_id, "status": quote.status,
                          "approved_by": quote.approved_by, "time_start": quote.time_start,
                          "time_end": quote.time_end, "files": [f.relative_to(work).as_posix() for f in files],
                          "subtitles": item.timed})
        for call in calls:
            redactor = workspace_redactor(ws, request.policy, call.key)
            redactor.labels = labels
            item = published_call(ws, call.id, request.policy, redactor)
            files = _write(item, CALL_FORMATS, work / "calls", request.english)
            if request.call_clips and ws.store.latest_recording(call.id) is not None:
                target = work / "calls" / f"{item.ref}.wav"
                clip_call(ws, call.id, ClipSettings(bleep=True, disguise=request.disguise), target, actor)
                files.append(target)
            items.append({"type": "call", "id": call.id, "transcript_version": item.transcript_version,
                          "files": [f.relative_to(work).as_posix() for f in files], "subtitles": item.timed})
        call_ids = sorted({q.call_id for q in quotes} | {c.id for c in calls})
        (work / "METHODOLOGY.md").write_text(_methodology(ws, request, call_ids, quotes), encoding="utf-8")
        outputs = sorted(p for p in work.rglob("*") if p.is_file())
        manifest = {
            "made_by": "overheard", "actor": actor, "policy": {"mode": request.policy.mode,
                                                               "places": request.policy.places},
            "disguise": request.disguise, "items": items,
            "originals": {str(call_id): [{"kind": f.kind, "sha256": f.sha256, "size": f.size, "version": f.version}
                                         for f in ws.store.files(call_id)] for call_id in call_ids},
            "outputs": {p.relative_to(work).as_posix(): sha256_of(p) for p in outputs},
            "models": {str(call_id): _models(ws, call_id) for call_id in call_ids},
            "lexicons": _lexicon_versions(),
            "formats": {name: e.description for name, e in exporters().items()},
            "custody": {str(call_id): _custody(ws, call_id) for call_id in call_ids},
        }
        manifest_path = work / "manifest.json"
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
        checked = [p for p in work.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED]
        hits = leak_check(ws, checked, known_forms(ws))
        if hits:
            where = "; ".join(f"{Path(h.path).relative_to(work).as_posix()}:{h.line}:{h.column} {h.label}"
                              for h in hits[:5])
            raise LeakError(f"the pack would leak {len(hits)} known form(s) ({where}); nothing written")
        if out.exists():
            out.rmdir()  # empty, checked above
        os.replace(work, out)
    except BaseException:  # a refusal, a leak or a crash: nothing of the pack is left
        shutil.rmtree(work, ignore_errors=True)
        raise
    files = tuple(sorted(p for p in out.rglob("*") if p.is_file()))
    manifest_sha = sha256_of(out / "manifest.json")
    ws.store.audit(actor=actor, action="publish.pack", object_type="pack", object_id=manifest_sha[:16],
                   details={"quotes": [q.id for q in quotes], "calls": [c.id for c in calls], "files": len(files),
                            "manifest_sha256": manifest_sha, "policy": request.policy.mode})
    return PackResult(out, files, manifest_sha, len(quotes), len(calls))
