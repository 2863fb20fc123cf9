"""How the CLI presents calls, findings and custody history (call summaries as JSON-ready dicts, times)."""

from __future__ import annotations

import json
from typing import Any

from overheard.model import Call, StoredFinding
from overheard.store import Store


def format_seconds(value: float | None) -> str:
    """``83.4`` → ``01:23``; None → empty string."""
    if value is None:
        return ""
    minutes, secs = divmod(int(round(value)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def call_as_dict(call: Call) -> dict[str, Any]:
    """A call as a JSON-ready dict (participants' real names left out)."""
    meta = call.metadata.as_dict()
    meta["participants"] = [{k: v for k, v in p.items() if k != "name"} for p in meta["participants"]]
    return {
        "id": call.id,
        "key": call.key,
        **meta,
        "duration": call.duration,
        "channels": call.channels,
        "speakers": list(call.speakers),
        "has_audio": call.has_audio,
        "transcript_version": call.transcript_version,
        "review_status": call.review_status,
    }


def finding_as_dict(item: StoredFinding) -> dict[str, Any]:
    """A stored finding as a JSON-ready dict: the finding, where it is in the call and its review state."""
    return {
        "id": item.id,
        "call_id": item.call_id,
        "transcript_id": item.transcript_id,
        **item.finding.as_dict(),
        "segment": item.segment_position,
        "time_start": item.time_start,
        "time_end": item.time_end,
        "origin": item.origin,
        "review_status": str(item.review_status),
        "reviewed_by": item.reviewed_by,
    }


def _summary(action: str, details: dict[str, Any]) -> str:
    if action == "file.ingest":
        return f"{details.get('kind')} v{details.get('version')} {details.get('format') or ''}".strip()
    if action == "call.metadata":
        return f"changed {', '.join(details.get('fields', []))} ({details.get('reason', '')})"
    if action == "transcript.add":
        return f"v{details.get('version')} {details.get('source')} by {details.get('producer')}"
    if action == "annotate":
        return f"{details.get('producer')}: {details.get('added')} findings"
    if action == "derived.create":
        return f"{details.get('kind')} {details.get('path')}"
    return ", ".join(f"{k}={v}" for k, v in details.items() if isinstance(v, str | int | float))[:120]


def custody_history(store: Store, call_ref: int | str) -> dict[str, Any]:
    """Everything that happened to a call: originals with hashes, derived files and audit events."""
    call = store.get_call(call_ref)
    originals = [
        {
            "id": f.id,
            "name": f.original_name,
            "kind": f.kind,
            "version": f.version,
            "sha256": f.sha256,
            "size": f.size,
            "previous_id": f.previous_id,
            "vault_path": f.vault_path,
            "format": f.format,
            "encoding": f.encoding,
            "duration": f.duration,
            "channels": f.channels,
            "sample_rate": f.sample_rate,
            "codec": f.codec,
            "ingested_at": f.ingested_at.isoformat(),
            "actor": f.actor,
        }
        for f in store.files(call.id)
    ]
    derived = [
        {
            "id": d.id,
            "kind": d.kind,
            "path": d.path,
            "sha256": d.sha256,
            "source_sha256": d.source_sha256,
            "producer": d.producer,
            "settings": d.settings,
            "created_at": d.created_at.isoformat(),
            "actor": d.actor,
        }
        for d in store.derived_files(call.id)
    ]
    events = []
    for entry in store.audit_entries(call.id):
        details = json.loads(entry.details or "{}")
        events.append(
            {
                "id": entry.id,
                "at": entry.at,
                "actor": entry.actor,
                "action": entry.action,
                "object_type": entry.object_type,
                "object_id": entry.object_id,
                "before_digest": entry.before_digest,
                "after_digest": entry.after_digest,
                "details": details,
                "summary": _summary(entry.action, details),
                "hash": entry.hash,
            }
        )
    return {"call": {"id": call.id, "key": call.key}, "originals": originals, "derived": derived, "events": events}
