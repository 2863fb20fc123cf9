"""Text corrections: a reviewed transcript version, with the findings of unchanged segments carried over.

The old version stays; the personal-data detectors run on the edited segments, and the new version,
its carried findings and what the detectors found are written in one transaction.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from overheard.annotate.pipeline import run_annotator
from overheard.annotate.registry import Annotator
from overheard.errors import ConflictError
from overheard.model import (
    SUPERSEDED_DIGEST,
    AnnotationRun,
    CarriedFinding,
    Document,
    Finding,
    StoredFinding,
    StoredTranscript,
    Transcript,
    TranscriptSource,
    nfc,
)
from overheard.review.findings import REVIEW_PRODUCER
from overheard.review.writes import ReviewError, TranscriptCorrection, parse
from overheard.store import Store
from overheard.text import detect_language

CARRIED_DIGEST = "carried-over"  # never a real config digest: annotators re-run on the corrected text


def correct_transcript(store: Store, call_ref: int | str, edits: Mapping[int, str], actor: str, *,
                       base_version: int | str | None = None, detectors: Sequence[Annotator] = ()) -> dict[str, Any]:
    """Store a reviewed transcript version with some segments' text replaced; the old version stays.

    Word timings of an edited segment no longer match its words and are dropped (the segment
    keeps its start and end). Findings in unchanged segments are carried over with their
    review decisions; the personal-data ``detectors`` run on the edited segments, and the new
    version, its carried findings and what the detectors found are written in one transaction.
    A segment no detector could check is recorded as unchecked, and viewers see it fully masked
    until ``overheard annotate`` runs. ``base_version`` is the version the person edited: when
    the call has a newer one, nothing is written (409).
    """
    correction = parse(TranscriptCorrection, {"edits": edits, "version": base_version})
    edits, base_version = correction.edits, correction.version
    current = store.current_transcript(call_ref)
    if current is None:
        raise ReviewError("this call has no transcript to correct")
    if base_version is not None and base_version != current.version:
        raise ConflictError(f"you edited version {base_version}, but the call is at version {current.version} "
                            "(someone saved a correction meanwhile); reload the call and apply your edit again")
    segments = list(current.transcript.segments)
    changed = []
    for position, text in edits.items():
        if not 0 <= position < len(segments):
            raise ReviewError(f"no segment {position} in this transcript")
        text = nfc(text.strip())
        if text != segments[position].text:
            segments[position] = dataclasses.replace(segments[position], text=text, words=())
            changed.append(position)
    if not changed:
        return {"id": current.id, "version": current.version, "changed": []}
    transcript = Transcript(segments=tuple(segments), language=current.transcript.language,
                            source=TranscriptSource.REVIEWED, producer=REVIEW_PRODUCER)
    carried = carried_findings(current, transcript, set(changed), store.findings(transcript_id=current.id))
    runs = new_version_runs(store.annotation_runs(current.id), transcript, set(changed), carried, detectors)
    new_id = store.add_reviewed_transcript(current.call_id, transcript, based_on=current.id, carried=carried,
                                           runs=runs, actor=actor,
                                           settings={"previous_version": current.version, "edited_segments": changed})
    unchecked = store.unchecked_segments([new_id])[new_id]
    return {"id": new_id, "version": current.version + 1, "changed": changed, "carried_findings": len(carried),
            "unchecked_segments": sorted(range(len(segments)) if unchecked is None else unchecked)}


def carried_findings(old: StoredTranscript, new: Transcript, changed: set[int],
                     findings: Sequence[StoredFinding]) -> list[CarriedFinding]:
    """Findings of unchanged segments, shifted to their offsets in the new text, with their decisions.

    Findings in edited segments, or spanning several segments, are left behind: the detectors
    and the next ``annotate`` find them anew.
    """
    old_offsets, new_offsets = old.transcript.segment_offsets, new.segment_offsets
    carried = []
    for stored in findings:
        finding = stored.finding
        for position, (start, end) in enumerate(old_offsets):
            if start <= finding.start and finding.end <= end:
                if position not in changed:
                    delta = new_offsets[position][0] - start
                    carried.append(CarriedFinding(stored, dataclasses.replace(
                        finding, start=finding.start + delta, end=finding.end + delta)))
                break
    return carried


def new_version_runs(old_runs: Sequence[AnnotationRun], new: Transcript, changed: set[int],
                     carried: Sequence[CarriedFinding], detectors: Sequence[Annotator]) -> list[AnnotationRun]:
    """The run records of a corrected version: every old run carried over, detectors run on edited segments.

    Carried runs get the digest ``carried-over`` (so ``annotate`` re-runs them on the whole new text)
    and keep their unchecked segments plus the edited ones; a detector's run covers the edited
    segments it could read. A detector that fails on a segment leaves it unchecked, never shown.
    """
    runs: dict[str, AnnotationRun] = {}
    for run in old_runs:
        if run.config_digest != SUPERSEDED_DIGEST:
            runs[run.producer] = AnnotationRun(run.producer, (), CARRIED_DIGEST, run.personal_data,
                                               run.unchecked_segments | changed)
    offsets = new.segment_offsets
    carried_here = {(c.finding.producer, c.finding.kind, c.finding.label, c.finding.start, c.finding.end)
                    for c in carried}
    for detector in detectors:
        producer = f"{detector.name}.{detector.version}"
        previous = runs.get(producer)
        # a detector that never ran on this call has checked none of the unchanged segments
        unchecked = set(previous.unchecked_segments) if previous else set(range(len(new.segments)))
        found: list[Finding] = []
        for position in sorted(changed):
            segment = new.segments[position]
            base = offsets[position][0]
            try:
                language = next((lang for lang in (segment.language, new.language) if lang in ("ru", "uk")),
                                None) or detect_language(segment.text)
                spans = run_annotator(detector, Document(text=segment.text, language=language))
            except Exception:  # noqa: BLE001  fail closed: a segment the detector cannot read stays masked
                continue
            for finding in spans:
                shifted = dataclasses.replace(finding, start=finding.start + base, end=finding.end + base,
                                              producer=producer)
                if (producer, shifted.kind, shifted.label, shifted.start, shifted.end) not in carried_here:
                    found.append(shifted)
            unchecked.discard(position)
        runs[producer] = AnnotationRun(producer, tuple(found), CARRIED_DIGEST, True, frozenset(unchecked))
    return list(runs.values())
