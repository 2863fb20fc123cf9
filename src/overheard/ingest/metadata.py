"""Sidecar metadata files (``NAME.meta.yaml`` / ``NAME.meta.yml`` / ``NAME.meta.json``).

Example::

    recorded_at: 2023-01-14T19:32:00+03:00
    place: Кременная
    oblast: Luhansk
    source: intercept provided by source A
    obtained: copied from a seized phone
    participants:
      - {label: Солдат, role: soldier, channel: 0}
      - {label: Мать, role: mother, channel: 1}
    relation: mother and son
    notes: free text
    language: ru

Unknown keys are an error (a typo should not silently drop information).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from overheard.errors import MetadataError
from overheard.model import CallMetadata, Participant, nfc

SIDECAR_SUFFIXES = (".meta.yaml", ".meta.yml", ".meta.json")


class ParticipantModel(BaseModel):
    """A participant entry in a sidecar."""

    model_config = ConfigDict(extra="forbid")
    label: str
    role: str | None = None
    name: str | None = None
    channel: int | None = None


class SidecarModel(BaseModel):
    """The keys a sidecar metadata file may hold."""

    model_config = ConfigDict(extra="forbid")
    recorded_at: datetime | None = None
    place: str | None = None
    oblast: str | None = None
    source: str | None = None
    obtained: str | None = None
    participants: list[ParticipantModel] = []
    relation: str | None = None
    notes: str | None = None
    language: str | None = None

    @field_validator("recorded_at", mode="before")
    @classmethod
    def _dates_allowed(cls, value: Any) -> Any:
        if isinstance(value, date) and not isinstance(value, datetime):
            return datetime(value.year, value.month, value.day)
        return value

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str | None) -> str | None:
        if value is not None and value not in {"ru", "uk", "mixed"}:
            raise ValueError("language must be ru, uk or mixed")
        return value


def metadata_from_mapping(data: Any, name: str) -> CallMetadata:
    """Validate a mapping of metadata; raise MetadataError naming ``name`` and the bad key."""
    if not isinstance(data, dict):
        raise MetadataError(f"{name}: metadata must be a mapping of keys to values")
    try:
        model = SidecarModel.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "file"
        raise MetadataError(f"{name}: metadata key '{where}': {first['msg']}") from None
    recorded_at = model.recorded_at
    if recorded_at is not None and recorded_at.tzinfo is not None:
        # Keep the local wall-clock time the source gave (what analysts compare with events).
        recorded_at = recorded_at.replace(tzinfo=None)
    return CallMetadata(
        recorded_at=recorded_at,
        place=_text(model.place),
        oblast=_text(model.oblast),
        source=_text(model.source),
        obtained=_text(model.obtained),
        participants=tuple(
            Participant(label=nfc(p.label), role=_text(p.role), name=_text(p.name), channel=p.channel)
            for p in model.participants
        ),
        relation=_text(model.relation),
        notes=_text(model.notes),
        language=model.language,
    )


def parse_sidecar(text: str, name: str) -> CallMetadata:
    """Parse the decoded text of a YAML or JSON sidecar."""
    try:
        data = json.loads(text) if name.lower().endswith(".json") else yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError) as error:
        line = getattr(getattr(error, "problem_mark", None), "line", getattr(error, "lineno", None))
        where = f" near line {line + 1 if isinstance(line, int) and not hasattr(error, 'lineno') else line}"
        raise MetadataError(f"{name}: not valid {'JSON' if name.endswith('.json') else 'YAML'}{where}") from None
    except RecursionError:
        raise MetadataError(f"{name}: nested too deeply to be metadata") from None
    except ValueError as error:  # YAML's own timestamp type: an impossible date such as 2023-02-30
        raise MetadataError(f"{name}: impossible value ({str(error)[:60]}); check the dates") from None
    return metadata_from_mapping(data, name)


def _text(value: str | None) -> str | None:
    return nfc(value.strip()) if isinstance(value, str) and value.strip() else None
