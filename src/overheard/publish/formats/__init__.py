"""The exporters, one module per format, each registering itself with :func:`register`.

An exporter is a small object with a ``name`` ("docx"), a ``suffix`` (".docx"), a ``description``, whether
it ``needs_timings`` (subtitles), and ``write(call, folder, options) -> [paths]`` that lays out one
:class:`~overheard.publish.document.PublishedCall` with a kept library and returns the files it wrote
(``<ref>.<suffix>``, plus ``<ref>.en<suffix>`` for an English track). Adding a format is one new module
in this package: every module here is imported when the registry is first read.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from overheard import plugins
from overheard.errors import PublishError
from overheard.publish.document import PublishedCall


@dataclass(frozen=True)
class FormatOptions:
    """Choices every exporter understands."""

    english: bool = False  # add the English translation (a second track for subtitles)


class Exporter(Protocol):
    """What a format module registers."""

    name: str
    suffix: str
    description: str
    needs_timings: bool

    def write(self, call: PublishedCall, folder: Path, options: FormatOptions) -> list[Path]:
        """Write ``call`` into ``folder``; return the files written."""
        ...


_REGISTRY: dict[str, Exporter] = {}
_LOADED = False


def register(exporter: Exporter) -> Exporter:
    """Add an exporter (its name must be new)."""
    if exporter.name in _REGISTRY and _REGISTRY[exporter.name] is not exporter:
        raise PublishError(f"two exporters are called {exporter.name}")
    _REGISTRY[exporter.name] = exporter
    return exporter


def _load() -> None:
    """The built-in formats of this package, then those of the ``overheard_exporters`` extension point (the
    built-in plugin declares the same classes; a plugin's class or instance is added under its name)."""
    global _LOADED
    if not _LOADED:
        for module in pkgutil.iter_modules(__path__):
            importlib.import_module(f"{__name__}.{module.name}")
        for name, target in plugins.extensions("exporters").items():
            found = plugins.load(target)
            if name not in _REGISTRY:
                register(found() if isinstance(found, type) else found)
        _LOADED = True


def exporters() -> dict[str, Exporter]:
    """Every registered exporter by name."""
    _load()
    return dict(sorted(_REGISTRY.items()))


def exporter(name: str) -> Exporter:
    """One exporter by name (E051 for an unknown one, listing the known ones)."""
    known = exporters()
    if name not in known:
        raise PublishError(f"no format called {name}; known formats: {', '.join(known)}")
    return known[name]


def output_path(folder: Path, call: PublishedCall, suffix: str, english: bool = False) -> Path:
    """``folder/<ref>[.en]<suffix>``."""
    return Path(folder) / f"{call.ref}{'.en' if english else ''}{suffix}"


def check_timed(name: str, call: PublishedCall) -> None:
    """Subtitles need a start time on every segment: refuse (E051) otherwise."""
    if not call.timed:
        raise PublishError(f"{call.ref} has segments without times; {name} needs a timed (or aligned) transcript")


def cue_times(call: PublishedCall) -> list[tuple[float, float]]:
    """Start and end of each segment for subtitles: a missing end runs to the next start (at most 7 s)."""
    times = []
    segments = list(call.segments)
    for index, segment in enumerate(segments):
        start = segment.start or 0.0
        following = next((s.start for s in segments[index + 1 :] if s.start is not None), None)
        end = segment.end if segment.end is not None else min(following or start + 7.0, start + 7.0)
        times.append((start, max(end, start + 0.5)))
    return times


@dataclass(frozen=True)
class Cue:
    """One subtitle: an utterance's speaker (may be empty), start and end in seconds, and its text."""

    speaker: str
    start: float
    end: float
    text: str


def subtitle_tracks(name: str, call: PublishedCall, options: FormatOptions) -> Iterator[tuple[bool, list[Cue]]]:
    """(english?, cues) for each subtitle file to write: the original, and English with ``options.english``
    when the call has translations. Utterances with no text are left out; an untimed call is refused."""
    check_timed(name, call)
    for english in [False, True] if options.english and call.has_english else [False]:
        cues = []
        for segment, (start, end) in zip(call.segments, cue_times(call), strict=True):
            text = segment.translation if english else segment.text
            if text and text.strip():
                cues.append(Cue(segment.speaker or "", start, end, text))
        yield english, cues
