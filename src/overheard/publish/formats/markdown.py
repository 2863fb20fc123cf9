"""Markdown: a metadata table and one paragraph per utterance, speaker in bold (rendered with markdown-it)."""

from __future__ import annotations

from pathlib import Path

from overheard.publish.document import PublishedCall, clock
from overheard.publish.formats import FormatOptions, output_path, register

_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_{}[]<>()#+|!"})


def escape(text: str) -> str:
    """Markdown-escape transcript text, so "[PER-1]" or "*" stay as written."""
    return text.translate(_SPECIAL)


class MarkdownExporter:
    """Markdown for a newsroom CMS or a wiki."""

    name = "md"
    suffix = ".md"
    description = "Markdown: metadata table, one paragraph per utterance"
    needs_timings = False

    def write(self, call: PublishedCall, folder: Path, options: FormatOptions) -> list[Path]:
        """Write ``<ref>.md``."""
        lines = [f"# {escape(call.title)}", "", "| | |", "|---|---|"]
        lines += [f"| {key} | {escape(value)} |" for key, value in call.header()]
        lines.append("")
        for segment in call.segments:
            who = f"**{escape(segment.speaker)}** " if segment.speaker else ""
            lines.append(f"{who}`{clock(segment.start)}` {escape(segment.text)}")
            if options.english and segment.translation:
                lines.append(f"> {escape(segment.translation)}")
            lines.append("")
        path = output_path(folder, call, self.suffix)
        path.write_text("\n".join(lines), encoding="utf-8")
        return [path]


register(MarkdownExporter())
