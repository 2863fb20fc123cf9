"""Shared fixtures: workspaces on real SQLite files and real audio written with PyAV or sox."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
import web_corpus
from helpers import CHROMIUM, CHROMIUM_ARGS, REPO, serving

from overheard.workspace import Workspace

SAMPLES = REPO / "samples"

# Encoders PyAV ships, by file extension: (container format, codec, sample format).
ENCODERS = {
    ".wav": ("wav", "pcm_s16le", "s16"),
    ".flac": ("flac", "flac", "s16"),
    ".mp3": ("mp3", "libmp3lame", "fltp"),
    ".ogg": ("ogg", "libopus", "flt"),
    ".opus": ("opus", "libopus", "flt"),
    ".m4a": ("ipod", "aac", "fltp"),
    ".aac": ("adts", "aac", "fltp"),
    ".amr": ("amr", "libopencore_amrnb", "s16"),
    ".webm": ("webm", "libopus", "flt"),
}


def tone(seconds: float = 1.0, rate: int = 8000, channels: int = 1, frequency: float = 440.0) -> np.ndarray:
    """A sine tone, shape (channels, samples), float32 in [-0.5, 0.5]; each channel a different pitch."""
    t = np.arange(int(seconds * rate)) / rate
    return np.stack([0.5 * np.sin(2 * np.pi * frequency * (c + 1) * t) for c in range(channels)]).astype(np.float32)


def write_audio(path: Path, samples: np.ndarray, rate: int) -> Path:
    """Encode ``samples`` (channels, n) into ``path`` with the codec its extension implies."""
    import av

    container_format, codec, sample_format = ENCODERS[path.suffix]
    channels = samples.shape[0]
    if codec in ("libopus",) and rate not in (8000, 12000, 16000, 24000, 48000):
        raise ValueError("opus needs a standard rate")
    layout = "mono" if channels == 1 else "stereo"
    with av.open(str(path), "w", format=container_format) as container:
        stream = container.add_stream(codec, rate=rate, layout=layout)
        if codec == "libopencore_amrnb":
            stream.bit_rate = 12200
        data = samples if sample_format.endswith("p") else samples.T.reshape(1, -1)
        if sample_format.startswith("s16"):
            data = (data * 32767).astype(np.int16)
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(data), format=sample_format, layout=layout)
        frame.sample_rate = rate
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path


# What `make test-fast` leaves out (pytest -m "not slow"): a real browser, PostgreSQL, Ray, the Whisper
# model, or processes killed on purpose. A module named here, or a test using one of these fixtures, is slow;
# a test may also mark itself with @pytest.mark.slow.
SLOW_MODULES = ("browser", "accessibility", "postgres", "test_cluster", "test_speech", "test_align", "test_clips",
                "test_translate", "test_fail_closed", "test_extending", "test_register")
SLOW_FIXTURES = {"browser", "pg", "transcriber", "speech", "ray_cluster", "site", "serving"}


def pytest_collection_modifyitems(config, items) -> None:
    """Mark the slow tests (see SLOW_MODULES and SLOW_FIXTURES)."""
    for item in items:
        module = item.path.stem
        if any(part in module for part in SLOW_MODULES) or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session", autouse=True)
def crash_logs(tmp_path_factory) -> Path:
    """Crash logs of the error boundary go to a temporary folder, not the tester's home."""
    folder = tmp_path_factory.mktemp("crashes")
    os.environ["OVERHEARD_CRASH_DIR"] = str(folder)
    return folder


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """A fresh workspace on a real SQLite file."""
    ws = Workspace.create(tmp_path / "ws")
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, headless, driven by Playwright; one per test module."""
    import playwright.sync_api as playwright_api

    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The web test corpus (tests/web_corpus.py), built once per module; tests copy it (``fresh``)."""
    built = web_corpus.build(tmp_path_factory.mktemp("template"))
    yield built
    built.store.close()


@pytest.fixture
def fresh(template, tmp_path):
    """A copy of the web test corpus that is the test's own to review, correct and change."""
    built = web_corpus.clone(template, tmp_path / "ws")
    yield built
    built.store.close()


@pytest.fixture
def site(template, tmp_path):
    """A fresh corpus copy served on its own port: (corpus, base URL)."""
    corpus = web_corpus.clone(template, tmp_path / "ws")
    with serving(corpus) as base:
        yield corpus, base
    corpus.store.close()
