"""The sample corpus in ``samples/`` and the script that makes its audio."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
from pathlib import Path

import av
import numpy as np
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
REQUIRED_KEYS = {
    "recorded_at",
    "place",
    "oblast",
    "source",
    "obtained",
    "participants",
    "relation",
    "notes",
    "language",
}
AUDIO_SUFFIXES = (".flac", ".wav", ".amr", ".opus")


def _load_script():
    """Import scripts/make_sample_audio.py as a module."""
    spec = importlib.util.spec_from_file_location("make_sample_audio", ROOT / "scripts" / "make_sample_audio.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


msa = _load_script()
METAS = sorted(SAMPLES.glob("*.meta.yaml"))
NAMES = [m.name[: -len(".meta.yaml")] for m in METAS]


def _meta(name: str) -> dict:
    return yaml.safe_load((SAMPLES / f"{name}.meta.yaml").read_text(encoding="utf-8"))


def _transcript(name: str) -> Path:
    found = [SAMPLES / f"{name}{s}" for s in msa.TRANSCRIPT_SUFFIXES if (SAMPLES / f"{name}{s}").exists()]
    assert len(found) == 1, f"{name}: expected exactly one transcript, found {found}"
    return found[0]


def _audio(name: str) -> Path:
    found = [SAMPLES / f"{name}{s}" for s in AUDIO_SUFFIXES if (SAMPLES / f"{name}{s}").exists()]
    assert len(found) == 1, f"{name}: expected exactly one audio file, found {found}"
    return found[0]


def _decode(path: Path) -> tuple[np.ndarray, int]:
    """Decode a file to an (n, channels) int16-range array and its decoded sample rate."""
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        channels = stream.channels
        chunks, rate = [], None
        for frame in container.decode(audio=0):
            rate = frame.sample_rate
            array = frame.to_ndarray()
            chunks.append(array.T if frame.format.is_planar else array.reshape(-1, channels))
    return np.concatenate(chunks).astype(np.float64), rate


def _folded(text: str) -> str:
    return text.lower().replace("ё", "е")


def _corpus_text() -> str:
    return _folded("\n".join(msa.read_text(_transcript(n)) for n in NAMES))


# ------------------------------------------------------------------ corpus shape


def test_corpus_size_and_languages():
    assert len(NAMES) >= 14
    languages = [_meta(n)["language"] for n in NAMES]
    assert set(languages) <= {"ru", "uk"}
    assert languages.count("uk") >= 4
    relations = {_meta(n)["relation"] for n in NAMES}
    assert "brothers" in relations


@pytest.mark.parametrize("name", NAMES)
def test_metadata(name):
    meta = _meta(name)
    assert REQUIRED_KEYS <= set(meta), f"missing {REQUIRED_KEYS - set(meta)}"
    when = dt.datetime.fromisoformat(str(meta["recorded_at"]))
    assert (when.year, when.month) == (2023, 1)
    assert "T" in str(meta["recorded_at"]), "recorded_at needs a time of day"
    assert meta["oblast"] in {"Kharkiv", "Luhansk", "Donetsk"}
    assert all(str(meta[k]).strip() for k in ("place", "source", "obtained", "relation", "notes"))
    channels = [p["channel"] for p in meta["participants"]]
    assert sorted(channels) == [0, 1]
    assert all(p["label"] and p["role"] for p in meta["participants"])


@pytest.mark.parametrize("name", NAMES)
def test_transcript_speakers_match_participants(name):
    utterances = msa.parse_transcript(_transcript(name))
    assert 10 <= len(utterances) <= 25
    labels = {str(p["label"]) for p in _meta(name)["participants"]}
    assert {u.speaker for u in utterances} == labels
    assert all(u.text for u in utterances)


def test_transcript_formats_are_mixed():
    suffixes = [_transcript(n).suffix for n in NAMES]
    assert ".srt" in suffixes and ".vtt" in suffixes
    stamped = [n for n in NAMES if msa.parse_transcript(_transcript(n))[0].start is not None]
    assert len(stamped) >= 4  # timestamped .txt files plus SRT and WebVTT
    cp1251 = []
    for name in NAMES:
        raw = _transcript(name).read_bytes()
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            cp1251.append(name)
            assert "А:" in raw.decode("cp1251")
    assert len(cp1251) == 1


@pytest.mark.parametrize(
    "phrase",
    [
        "двухсот",
        "трехсот",
        "пятисот",
        "груз 200",
        "тяжелый трехсотый",
        "двохсот",
        "трьохсот",
        "п'ятисот",
        "отказники",
        "ушел в соч",
        "хочу жить",
        "яму",
        "подвал",
        "обнулят",
        "около ста",
        "человек сорок",
        "в 300 метрах",
        "500 рублей",
        "200-я бригада",
        "позывной",
        "в/ч",
        "купянск",
        "кременн",
        "сватово",
        "бахмут",
        "артемовск",
        "лисичанськ",
        "макеевк",
        "изюм",
    ],
)
def test_corpus_covers(phrase):
    assert phrase in _corpus_text()


def test_phone_number_in_digits():
    assert re.search(r"\b8 9\d\d \d{3}-\d\d-\d\d\b", _corpus_text())


@pytest.mark.parametrize("name", NAMES)
def test_timestamps_are_monotonic(name):
    starts = [u.start for u in msa.parse_transcript(_transcript(name))]
    if starts[0] is None:
        assert all(s is None for s in starts)
        return
    assert starts == sorted(starts)


# ------------------------------------------------------------------ committed audio


@pytest.mark.parametrize("name", NAMES)
def test_committed_audio(name):
    path = _audio(name)
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        channels, rate = stream.channels, stream.sample_rate
        duration = float(container.duration / 1e6)
    if path.suffix == ".amr":
        assert channels == 1  # AMR-NB is mono only
    else:
        assert channels == 2
    if path.suffix != ".opus":  # Opus always decodes at 48 kHz
        assert rate == 8000
    assert 60 <= duration <= 150
    last_start = msa.parse_transcript(_transcript(name))[-1].start
    if last_start is not None:
        assert last_start < duration


def test_audio_formats_are_mixed():
    suffixes = [_audio(n).suffix for n in NAMES]
    assert suffixes.count(".amr") >= 2
    assert suffixes.count(".opus") >= 2
    assert suffixes.count(".flac") + suffixes.count(".wav") > len(NAMES) / 2
    total = sum(_audio(n).stat().st_size for n in NAMES)
    assert total < 6_500_000


def test_speakers_are_on_their_own_channels():
    name = "call-04-bakhmut"  # SRT: cue times give each turn's span in the audio
    audio, rate = _decode(_audio(name))
    utterances = msa.parse_transcript(_transcript(name))
    channel = {p["label"]: p["channel"] for p in _meta(name)["participants"]}
    for utt, nxt in zip(utterances[:4], utterances[1:5], strict=True):
        span = audio[int(utt.start * rate) : int(nxt.start * rate)]
        rms = np.sqrt((span**2).mean(axis=0))
        assert rms[channel[utt.speaker]] > 10 * rms[1 - channel[utt.speaker]]


# ------------------------------------------------------------------ the generator


def test_script_makes_stereo_phone_band_audio(tmp_path):
    name = "call-04-bakhmut"
    assert msa.main(["--only", name, "--out", str(tmp_path)]) == 0
    made = tmp_path / f"{name}.flac"
    with av.open(str(made)) as container:
        stream = container.streams.audio[0]
        assert (stream.channels, stream.sample_rate) == (2, 8000)
        duration = float(container.duration / 1e6)
    last_cue_start = msa.parse_transcript(_transcript(name))[-1].start
    assert last_cue_start + 1 < duration < last_cue_start + 15
    audio, rate = _decode(made)
    spectrum = np.abs(np.fft.rfft(audio[:, 0] + audio[:, 1]))
    freqs = np.fft.rfftfreq(len(audio), 1 / rate)
    in_band = spectrum[(freqs > 300) & (freqs < 3400)].mean()
    assert spectrum[freqs < 150].mean() < in_band / 10  # band-limited at the low end
    # idempotent: a second run leaves the up-to-date file alone
    stamp = made.stat().st_mtime_ns
    assert msa.main(["--only", name, "--out", str(tmp_path)]) == 0
    assert made.stat().st_mtime_ns == stamp


def test_script_mixes_amr_down_to_mono(tmp_path):
    name = next(n for n in NAMES if msa.output_path(n, tmp_path).suffix == ".amr")
    assert msa.main(["--only", name, "--out", str(tmp_path)]) == 0
    audio, rate = _decode(tmp_path / f"{name}.amr")
    assert audio.shape[1] == 1 and rate == 8000
    assert 60 <= len(audio) / rate <= 150


def test_script_errors(tmp_path, monkeypatch, capsys):
    assert msa.main(["--only", "call-99-nowhere", "--out", str(tmp_path)]) == 1
    assert "no such call" in capsys.readouterr().err
    monkeypatch.setenv("PATH", str(tmp_path))
    assert msa.main(["--only", NAMES[0], "--out", str(tmp_path)]) == 1
    assert "missing espeak-ng and sox" in capsys.readouterr().err
