"""SubRip subtitles with the srt library: one cue per utterance, "Speaker: text"; English as a second file."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from overheard.publish.document import PublishedCall
from overheard.publish.formats import FormatOptions, output_path, register, subtitle_tracks


class SrtExporter:
    """Subtitles for a video editor (times from the transcript's timings)."""

    name = "srt"
    suffix = ".srt"
    description = "SubRip subtitles (+ .en.srt English track)"
    needs_timings = True

    def write(self, call: PublishedCall, folder: Path, options: FormatOptions) -> list[Path]:
        """Write ``<ref>.srt`` (and ``<ref>.en.srt`` with ``options.english``)."""
        import srt

        written = []
        for english, cues in subtitle_tracks(self.name, call, options):
            subtitles = [
                srt.Subtitle(number, timedelta(seconds=cue.start), timedelta(seconds=cue.end),
                             f"{cue.speaker}: {cue.text}" if cue.speaker else cue.text)
                for number, cue in enumerate(cues, start=1)
            ]
            path = output_path(folder, call, self.suffix, english)
            path.write_text(srt.compose(subtitles), encoding="utf-8")
            written.append(path)
        return written


register(SrtExporter())
