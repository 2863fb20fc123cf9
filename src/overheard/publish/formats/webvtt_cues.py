"""WebVTT subtitles with webvtt-py: one cue per utterance, the speaker as a voice tag; English as a second file."""

from __future__ import annotations

from pathlib import Path

from overheard.publish.document import PublishedCall
from overheard.publish.formats import FormatOptions, output_path, register, subtitle_tracks


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

        written = []
        for english, cues in subtitle_tracks(self.name, call, options):
            document = webvtt.WebVTT()
            for cue in cues:
                body = f"<v {_voice(cue.speaker)}>{_text(cue.text)}" if cue.speaker else _text(cue.text)
                document.captions.append(webvtt.Caption(timestamp(cue.start), timestamp(cue.end), body))
            path = output_path(folder, call, self.suffix, english)
            document.save(str(path))
            written.append(path)
        return written


register(VttExporter())
