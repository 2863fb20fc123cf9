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
from dataclasses import dataclass, field

from overheard.annotate.analysis import Analyzer
from overheard.annotate.doc import Doc
from overheard.annotate.lexicon import Lexicon, load_lexicon
from overheard.annotate.pipeline import DEFAULT_PIPELINE, Pipeline, Step, parse_config, run_annotator
from overheard.annotate.registry import Annotator, detects_personal_data, registered_names
from overheard.errors import OverheardError, RegistryError, WorkspaceError
from overheard.jobs.cluster import ClusterError, ClusterOptions, open_executor
from overheard.model import SUPERSEDED_DIGEST, AnnotationRun, Document, Finding, StoredTranscript, text_digest
from overheard.search import update_index
from overheard.store import Store
from overheard.text import detect_language
from overheard.workspace import Workspace


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
    executors: list[dict[str, str]] = field(default_factory=list)  # where the annotators ran
    indexed: int = 0  # transcripts added to the search index (overheard.search)


def personal_data_detectors(workspace: Workspace) -> list[Annotator]:
    """The personal-data detectors of the workspace's pipeline (run on every corrected segment)."""
    return [a for a in build_workspace_analyzer(workspace).annotators if detects_personal_data(a)]


def run_digest(text: str, producer: str, lexicon_digest: str, language: str) -> str:
    """The digest that decides whether an annotator must run again on a transcript."""
    payload = json.dumps({"text": text_digest(text), "producer": producer, "lexicon": lexicon_digest,
                          "language": language}, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def build_workspace_analyzer(workspace: Workspace) -> Analyzer:
    """The pipeline named in the workspace config, with the workspace lexicon.yaml merged in."""
    steps = _pipeline_steps(workspace)
    known = set(registered_names())
    unknown = [step.name for step in steps if step.name not in known]
    if unknown:
        raise WorkspaceError(
            f"config.yaml: unknown annotator(s) {', '.join(unknown)} in 'pipeline' (known: {', '.join(sorted(known))})")
    try:
        return Analyzer(Pipeline.from_config(steps, load_lexicon(workspace.root)))
    except RegistryError as error:
        raise WorkspaceError(f"config.yaml: {error.message}") from None


@dataclass(frozen=True)
class AnalyzerSpec:
    """What a worker needs to rebuild the workspace pipeline: the merged lexicon and the pipeline config."""

    lexicon: Lexicon
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class AnnotateItem:
    """One transcript for a worker: its document and the annotators (name.version) that must run on it."""

    transcript_id: int
    doc: Document
    producers: tuple[str, ...]


# (transcript id, {producer: JSON list of Finding.as_dict()} or None, one-line error or None)
ItemResult = tuple[int, dict[str, str] | None, str | None]

_ANALYZERS: dict[tuple[str, tuple[Step, ...]], Analyzer] = {}


def _analyzer_for(spec: AnalyzerSpec) -> Analyzer:
    """The pipeline for ``spec``, built once per worker process."""
    key = (spec.lexicon.digest, spec.steps)
    if key not in _ANALYZERS:
        _ANALYZERS[key] = Analyzer(Pipeline.from_config(spec.steps, spec.lexicon))
    return _ANALYZERS[key]


def annotate_batch(spec: AnalyzerSpec, items: list[AnnotateItem]) -> list[ItemResult]:
    """Worker side of ``annotate``: run the named annotators on each document (pure; the store is not touched).

    One failing document gets a one-line error (code or exception class, never text); the others go on.
    """
    analyzer = _analyzer_for(spec)
    here = {f"{annotator.name}.{annotator.version}": annotator for annotator in analyzer.annotators}
    results: list[ItemResult] = []
    for item in items:
        try:
            missing = [producer for producer in item.producers if producer not in here]
            if missing:  # another overheard version on this worker: its findings would be stored under wrong names
                raise ClusterError(f"annotator {missing[0]} is not on this worker (it has {', '.join(sorted(here))}); "
                                   "install the same overheard version on every node")
            found = {}
            doc = Doc.of(item.doc)  # one Doc: the annotators share its tokens and casualty decisions
            for producer in item.producers:  # as JSON, the form the store keeps (attributes may hold str subclasses)
                found[producer] = json.dumps([{**f.as_dict(), "producer": producer}
                                              for f in run_annotator(here[producer], doc)],
                                             ensure_ascii=False)
            results.append((item.transcript_id, found, None))
        except OverheardError as error:
            results.append((item.transcript_id, None, str(error)))
        except Exception as error:  # one broken transcript must not stop the run; no text in the message
            results.append((item.transcript_id, None, f"internal error ({type(error).__name__})"))
    return results


def annotate_workspace(workspace: Workspace, actor: str, force: bool = False,
                       progress: Callable[[int, int], None] | None = None,
                       cluster: ClusterOptions | None = None, batch_size: int = 16) -> AnnotateSummary:
    """Annotate every current transcript of ``workspace``; returns counts and per-transcript errors.

    The annotators run through ``cluster`` (default: here, in this process) in batches of ``batch_size``
    transcripts; findings are stored here as batches come back, and one ``annotate.run`` audit entry
    records where they ran.
    """
    analyzer = build_workspace_analyzer(workspace)
    spec = AnalyzerSpec(analyzer.lexicon, analyzer.pipeline.steps)
    _ANALYZERS.setdefault((spec.lexicon.digest, spec.steps), analyzer)
    store = workspace.store
    lexicon_digest = analyzer.lexicon.digest
    detectors = frozenset(f"{a.name}.{a.version}" for a in analyzer.annotators if detects_personal_data(a))
    summary = AnnotateSummary(pipeline=[f"{a.name}.{a.version}" for a in analyzer.annotators],
                              lexicon_digest=lexicon_digest)
    transcripts = store.current_transcripts()
    summary.transcripts = len(transcripts)
    finished = 0

    def tick() -> None:
        nonlocal finished
        finished += 1
        if progress:
            progress(finished, len(transcripts))

    def fail(stored, message: str) -> None:
        summary.errors.append(f"transcript {stored.id} (call {stored.call_id}): {message}")

    planned: dict[int, tuple] = {}  # transcript id -> (stored, [(annotator name, producer, digest)])
    items: list[AnnotateItem] = []
    for stored in transcripts:
        try:
            item, runs = _plan_one(store, analyzer, stored, force, summary)
        except OverheardError as error:
            fail(stored, str(error))
            item = None
        except Exception as error:  # one broken transcript must not stop the run; no text in the message
            fail(stored, f"internal error ({type(error).__name__})")
            item = None
        if item is None:
            tick()
            continue
        planned[stored.id] = (stored, runs)
        items.append(item)

    batches = [items[i:i + batch_size] for i in range(len(items))[::batch_size]]
    places: list[dict[str, str]] = []
    with open_executor(cluster or ClusterOptions()) as executor:
        for outcome in executor.map(annotate_batch, spec, batches):
            if outcome.where not in places:
                places.append(outcome.where)
            results = outcome.value or [(item.transcript_id, None, f"worker failed ({outcome.error})")
                                        for item in batches[outcome.index]]
            for transcript_id, found, error in results:
                stored, runs = planned[transcript_id]
                try:
                    if error is not None:
                        fail(stored, error)
                    else:
                        _store_one(store, stored, runs, found or {}, actor, summary, detectors)
                except OverheardError as problem:
                    fail(stored, str(problem))
                tick()
    if summary.annotated:
        store.audit(actor=actor, action="annotate.run", object_type="workspace", object_id="annotate",
                    details={"executors": places, "pipeline": summary.pipeline, "lexicon_digest": lexicon_digest,
                             "annotated": summary.annotated, "skipped": summary.skipped})
    summary.executors = places
    summary.indexed = update_index(store).indexed  # the search step: words of new transcript versions, by lemma
    return summary


def _pipeline_steps(workspace: Workspace) -> tuple[Step, ...]:
    """The pipeline config of the workspace (``pipeline`` in config.yaml: names or {name, config} items)."""
    try:
        return parse_config(workspace.setting("pipeline", list(DEFAULT_PIPELINE)))
    except RegistryError as error:
        raise WorkspaceError(f"config.yaml: {error.message}") from None


def _plan_one(store: Store, analyzer: Analyzer, stored: StoredTranscript, force: bool, summary: AnnotateSummary):
    """The worker item for one transcript and its (name, producer, digest) runs; ``None`` if nothing to do."""
    transcript = stored.transcript
    text = transcript.text
    if not text.strip():
        return None, []
    language = transcript.language if transcript.language in ("ru", "uk") else detect_language(text)
    runs = []
    for annotator in analyzer.annotators:
        producer = f"{annotator.name}.{annotator.version}"
        digest = run_digest(text, producer, summary.lexicon_digest, language)
        if not force and store.annotation_digest(stored.id, producer) == digest:
            summary.skipped += 1
            continue
        runs.append((annotator.name, producer, digest))
    if not runs:
        return None, []
    doc = Document(text=text, language=language, utterances=transcript.segment_offsets)
    return AnnotateItem(stored.id, doc, tuple(producer for _, producer, _ in runs)), runs


def _store_one(store: Store, stored: StoredTranscript, runs, found: dict, actor: str, summary: AnnotateSummary,
               personal_data: frozenset[str] = frozenset()) -> None:
    """Store one transcript's runs, and retire older versions of the same annotators, in one transaction."""
    existing = {f.finding.producer for f in store.findings(transcript_id=stored.id)}
    existing |= {run.producer for run in store.annotation_runs(stored.id) if run.config_digest != SUPERSEDED_DIGEST}
    names = {name for name, _, _ in runs}
    producers = {producer for _, producer, _ in runs}
    superseded = sorted(p for p in existing if p not in producers and p.split(".", 1)[0] in names)
    records = [AnnotationRun(producer, tuple(Finding(**plain) for plain in json.loads(found.get(producer, "[]"))),
                             digest, personal_data=producer in personal_data)
               for _, producer, digest in runs]
    added = store.store_annotations(stored.id, records, actor, superseded=superseded)
    for producer, count in added.items():
        summary.annotated += 1
        summary.findings[producer] = summary.findings.get(producer, 0) + count
