"""SubRip subtitles with the srt library: one cue per utterance, "Speaker: text"; English as a second file."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from overheard.publish.document import PublishedCall
from overheard.publish.formats import FormatOptions, check_timed, cue_times, output_path, register


class SrtExporter:
    """Subtitles for a video editor (times from the transcript's timings)."""

    name = "srt"
    suffix = ".srt"
    description = "SubRip subtitles (+ .en.srt English track)"
    needs_timings = True

    def write(self, call: PublishedCall, folder: Path, options: FormatOptions) -> list[Path]:
        """Write ``<ref>.srt`` (and ``<ref>.en.srt`` with ``options.english``)."""
        import srt

        check_timed(self.name, call)
        tracks = [False, True] if options.english and call.has_english else [False]
        written = []
        for english in tracks:
            cues = []
            for segment, (start, end) in zip(call.segments, cue_times(call), strict=True):
                text = segment.translation if english else segment.text
                if not text or not text.strip():
                    continue
                content = f"{segment.speaker}: {text}" if segment.speaker else text
                cues.append(srt.Subtitle(len(cues) + 1, timedelta(seconds=start), timedelta(seconds=end), content))
            path = output_path(folder, call, self.suffix, english)
            path.write_text(srt.compose(cues), encoding="utf-8")
            written.append(path)
        return written


register(SrtExporter())
