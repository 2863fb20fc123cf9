"""Plain text: a header with the call's metadata and redaction policy, then "[01:23] Speaker: text" lines."""

from __future__ import annotations

from pathlib import Path

from overheard.publish.document import PublishedCall, clock
from overheard.publish.formats import FormatOptions, output_path, register


class TextExporter:
    """UTF-8 text a newsroom can paste anywhere."""

    name = "txt"
    suffix = ".txt"
    description = "plain text, one utterance a line with its time and speaker"
    needs_timings = False

    def write(self, call: PublishedCall, folder: Path, options: FormatOptions) -> list[Path]:
        """Write ``<ref>.txt``."""
        lines = [f"{key}: {value}" for key, value in call.header()] + [""]
        for segment in call.segments:
            who = f"{segment.speaker}: " if segment.speaker else ""
            lines.append(f"[{clock(segment.start)}] {who}{segment.text}")
            if options.english and segment.translation:
                lines.append(f"        EN: {segment.translation}")
        path = output_path(folder, call, self.suffix)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return [path]


register(TextExporter())
