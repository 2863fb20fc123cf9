"""JSON: the whole published call (segments, findings, pseudonymous people, places) as one object."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from overheard.publish.document import PublishedCall
from overheard.publish.formats import FormatOptions, output_path, register


class JsonExporter:
    """The published call for scripts and other tools."""

    name = "json"
    suffix = ".json"
    description = "JSON of the published call (segments, findings, people as pseudonyms, places)"
    needs_timings = False

    def write(self, call: PublishedCall, folder: Path, options: FormatOptions) -> list[Path]:
        """Write ``<ref>.json``."""
        data = dataclasses.asdict(call)
        data["policy"], data["extra"] = dict(call.policy), dict(call.extra)
        if not options.english:
            for segment in data["segments"]:
                segment["translation"] = None
        path = output_path(folder, call, self.suffix)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        return [path]


register(JsonExporter())
