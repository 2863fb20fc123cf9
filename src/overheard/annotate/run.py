"""Run the workspace's annotation pipeline over every current transcript and store the findings.

Incremental: each (transcript, annotator) pair is skipped when the digest of (text, annotator
name + version, lexicon digest, language) equals the one stored with its last run. Findings of
an older version of the same annotator are cleared (pending machine findings only); findings
made or reviewed by a person are never touched (the Store guarantees it).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from overheard.annotate.analysis import Analyzer
from overheard.annotate.language import detect_language
from overheard.annotate.lexicon import load_lexicon
from overheard.annotate.registry import registered_names
from overheard.errors import OverheardError, WorkspaceError
from overheard.model import Document, text_digest

DEFAULT_PIPELINE = ("terms", "casualties", "themes", "entities")


@dataclass
class AnnotateSummary:
    """What a pipeline run did."""

    transcripts: int = 0
    annotated: int = 0  # (transcript, annotator) pairs that ran
    skipped: int = 0  # pairs whose digest had not changed
    findings: dict[str, int] = field(default_factory=dict)  # producer -> findings stored
    errors: list[str] = field(default_factory=list)
    pipeline: list[str] = field(default_factory=list)
    lexicon_digest: str = ""


def run_digest(text: str, producer: str, lexicon_digest: str, language: str) -> str:
    """The digest that decides whether an annotator must run again on a transcript."""
    payload = json.dumps({"text": text_digest(text), "producer": producer, "lexicon": lexicon_digest,
                          "language": language}, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def build_workspace_analyzer(workspace) -> Analyzer:
    """The pipeline named in the workspace config, with the workspace lexicon.yaml merged in."""
    names = workspace.setting("pipeline", list(DEFAULT_PIPELINE))
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise WorkspaceError("config.yaml: 'pipeline' must be a list of annotator names")
    known = set(registered_names()) | {"terms", "casualties", "themes"}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise WorkspaceError(
            f"config.yaml: unknown annotator(s) {', '.join(unknown)} in 'pipeline' (known: {', '.join(sorted(known))})")
    return Analyzer.build(load_lexicon(workspace.root), names)


def annotate_workspace(workspace, actor: str, force: bool = False,
                       progress: Callable[[int, int], None] | None = None) -> AnnotateSummary:
    """Annotate every current transcript of ``workspace``; returns counts and per-transcript errors."""
    analyzer = build_workspace_analyzer(workspace)
    store = workspace.store
    lexicon_digest = analyzer.lexicon.digest
    summary = AnnotateSummary(pipeline=[f"{a.name}.{a.version}" for a in analyzer.annotators],
                              lexicon_digest=lexicon_digest)
    transcripts = store.current_transcripts()
    summary.transcripts = len(transcripts)
    for number, stored in enumerate(transcripts, 1):
        try:
            _annotate_one(store, analyzer, stored, actor, force, summary)
        except OverheardError as error:
            summary.errors.append(f"transcript {stored.id} (call {stored.call_id}): {error}")
        except Exception as error:  # one broken transcript must not stop the run; no text in the message
            summary.errors.append(f"transcript {stored.id} (call {stored.call_id}): internal error "
                                  f"({type(error).__name__})")
        if progress:
            progress(number, len(transcripts))
    return summary


def _annotate_one(store, analyzer: Analyzer, stored, actor: str, force: bool, summary: AnnotateSummary) -> None:
    transcript = stored.transcript
    text = transcript.text
    if not text.strip():
        return
    language = transcript.language if transcript.language in ("ru", "uk") else detect_language(text)
    doc = Document(text=text, language=language, utterances=transcript.segment_offsets)
    existing = {f.finding.producer for f in store.findings(transcript_id=stored.id)}
    for annotator in analyzer.annotators:
        producer = f"{annotator.name}.{annotator.version}"
        digest = run_digest(text, producer, summary.lexicon_digest, language)
        if not force and store.annotation_digest(stored.id, producer) == digest:
            summary.skipped += 1
            continue
        findings = [f if f.producer == producer else replace(f, producer=producer) for f in annotator.annotate(doc)]
        for old in sorted(p for p in existing if p != producer and p.split(".", 1)[0] == annotator.name):
            store.replace_machine_findings(stored.id, old, [], "superseded", actor)  # older version's findings
        added = store.replace_machine_findings(stored.id, producer, findings, digest, actor)
        summary.annotated += 1
        summary.findings[producer] = summary.findings.get(producer, 0) + added
