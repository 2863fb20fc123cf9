"""WebVTT subtitles with webvtt-py: one cue per utterance, the speaker as a voice tag; English as a second file."""

from __future__ import annotations

from pathlib import Path

from overheard.publish.document import PublishedCall
from overheard.publish.formats import FormatOptions, check_timed, cue_times, output_path, register


def timestamp(seconds: float) -> str:
    """"00:01:02.345"."""
    millis = int(round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _voice(name: str) -> str:
    return name.replace(">", "").replace("<", "").replace("&", "and")


def _text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class VttExporter:
    """Subtitles for the web (the player on a news site)."""

    name = "vtt"
    suffix = ".vtt"
    description = "WebVTT subtitles with <v Speaker> voices (+ .en.vtt English track)"
    needs_timings = True

    def write(self, call: PublishedCall, folder: Path, options: FormatOptions) -> list[Path]:
        """Write ``<ref>.vtt`` (and ``<ref>.en.vtt`` with ``options.english``)."""
        import webvtt

        check_timed(self.name, call)
        tracks = [False, True] if options.english and call.has_english else [False]
        written = []
        for english in tracks:
            document = webvtt.WebVTT()
            for segment, (start, end) in zip(call.segments, cue_times(call), strict=True):
                text = segment.translation if english else segment.text
                if not text or not text.strip():
                    continue
                body = f"<v {_voice(segment.speaker)}>{_text(text)}" if segment.speaker else _text(text)
                document.captions.append(webvtt.Caption(timestamp(start), timestamp(end), body))
            path = output_path(folder, call, self.suffix, english)
            document.save(str(path))
            written.append(path)
        return written


register(VttExporter())
