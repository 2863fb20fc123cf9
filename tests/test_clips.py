"""Publishable clips: bleep exactly the marked words, disguise the voice by a measured pitch shift."""

from __future__ import annotations

import numpy as np
import pytest

from overheard.errors import AudioError
from overheard.jobs.clips import clip_file, privacy_findings
from overheard.model import Finding, FindingKind, Segment, Transcript, Word
from overheard.speech.audio import load_native
from overheard.speech.clips import ClipSettings, bleep, disguise, render_clip, word_spans
from overheard.speech.synthetic import Utterance, compose, write

RATE = 16_000


def _pitch(samples: np.ndarray, rate: int) -> float:
    """Median fundamental frequency (Hz) of voiced 40 ms frames, by autocorrelation (60-400 Hz)."""
    frame, hop = int(0.04 * rate), int(0.01 * rate)
    lo, hi = rate // 400, rate // 60
    loud = np.percentile(np.abs(samples), 90)
    estimates = []
    for start in range(0, len(samples) - frame, hop):
        chunk = samples[start : start + frame] - samples[start : start + frame].mean()
        if np.sqrt(np.mean(chunk**2)) < 0.2 * loud:
            continue
        corr = np.correlate(chunk, chunk, "full")[frame - 1 :]
        lag = lo + int(np.argmax(corr[lo:hi]))
        if corr[lag] > 0.5 * corr[0]:  # clearly periodic: voiced
            estimates.append(rate / lag)
    return float(np.median(estimates))


@pytest.fixture(scope="module")
def speech():
    audio, placed = compose([Utterance("Передай Андрею, что мы завтра уходим.", "ru", 0.3)], RATE, 1)
    return audio[0], placed


def test_bleep_tones_exactly_the_spans_and_nothing_else(speech):
    samples = np.vstack([speech[0], speech[0] * 0.5])  # two channels
    spans = [(0.5, 0.8), (1.25, 1.6)]
    out = bleep(samples, RATE, spans, frequency=1000.0, level=0.25)
    assert out.shape == samples.shape
    mask = np.zeros(samples.shape[1], dtype=bool)
    for start, end in spans:
        a, b = round(start * RATE), round(end * RATE)
        mask[a:b] = True
        expected = 0.25 * np.sin(2 * np.pi * 1000.0 * np.arange(a, b) / RATE)
        for channel in out:
            np.testing.assert_allclose(channel[a:b], expected, atol=1e-6)
        spectrum = np.abs(np.fft.rfft(out[0, a:b]))
        assert abs(np.argmax(spectrum) * RATE / (b - a) - 1000.0) < 5
    np.testing.assert_array_equal(out[:, ~mask], samples[:, ~mask])
    assert not np.array_equal(samples[:, mask], out[:, mask])  # the speech under the spans is gone


def test_word_spans_follow_findings_onto_word_timings():
    segments = (
        Segment("Алло, мам.", speaker="A", start=0.0, end=1.0, words=(Word(0.1, 0.4, "Алло,"), Word(0.5, 0.9, "мам."))),
        Segment(
            "Передай Андрею, номер 8 912 345 67 89.",
            speaker="B",
            start=2.0,
            end=6.0,
            words=(
                Word(2.0, 2.5, "Передай"),
                Word(2.6, 3.1, "Андрею,"),
                Word(3.2, 3.6, "номер"),
                Word(3.7, 3.9, "8"),
                Word(3.9, 4.3, "912"),
                Word(4.3, 4.7, "345"),
                Word(4.7, 5.0, "67"),
                Word(5.0, 5.4, "89."),
            ),
        ),
    )
    transcript = Transcript(segments)
    text = transcript.text
    name_at = text.index("Андрею")
    phone_at = text.index("8 912")

    def finding(label: str, start: int, end: int) -> Finding:
        return Finding(FindingKind.ENTITY, label, start, end, text[start:end], 0.9, "entities.v1", "test")

    findings = [
        finding("PER", name_at, name_at + len("Андрею")),
        finding("PHONE", phone_at, phone_at + len("8 912 345 67 89")),
        finding("LOC", 0, 4),  # not a bleep label by default
    ]
    assert word_spans(transcript, findings) == [(2.6, 3.1), (3.7, 5.4)]
    assert word_spans(transcript, findings, labels={"LOC"}) == [(0.1, 0.4)]


def test_bleeped_clip_of_transcribed_speech_is_toned_over_the_name(speech, tmp_path):
    source = write(tmp_path / "call.wav", speech[0][None, :], RATE)
    settings = ClipSettings(bleep=True)
    result = clip_file(source, settings, tmp_path / "clip.wav")
    assert result.bleeped >= 1  # "Андрею" is found by the entities annotator on the ASR text
    original = load_native(source).channels[0]
    clipped = load_native(result.path).channels[0]
    assert len(clipped) == len(original)
    mask = np.zeros(len(original), dtype=bool)
    for start, end in result.spans:
        a, b = round(start * RATE), round(end * RATE)
        mask[a:b] = True
        tone = settings.bleep_level * np.sin(2 * np.pi * settings.bleep_frequency * np.arange(a, b) / RATE)
        np.testing.assert_allclose(clipped[a:b], tone, atol=2e-4)  # 16-bit quantisation
    np.testing.assert_allclose(clipped[~mask], original[~mask], atol=2e-4)
    assert source.read_bytes() == write(tmp_path / "again.wav", speech[0][None, :], RATE).read_bytes()


def test_disguise_shifts_pitch_by_the_requested_interval(speech):
    samples = speech[0]
    shifted = disguise(samples, RATE, semitones=-4.0)
    assert shifted.shape == samples.shape
    ratio = _pitch(shifted, RATE) / _pitch(samples, RATE)
    print(f"measured pitch ratio {ratio:.3f} (expected {2 ** (-4 / 12):.3f})")
    assert abs(ratio - 2 ** (-4 / 12)) < 0.06
    # tempo kept: the speech still occupies the same stretch of time
    loud = lambda x: np.flatnonzero(np.abs(x) > 0.05 * np.abs(x).max())  # noqa: E731
    assert abs(loud(shifted)[-1] - loud(samples)[-1]) / RATE < 0.15


def test_clip_range_cuts_and_rejects_empty_ranges(speech, tmp_path):
    source = write(tmp_path / "call.wav", speech[0][None, :], RATE)
    audio = load_native(source)
    data, _ = render_clip(audio, ClipSettings(start=0.5, end=1.5))
    assert data.shape == (1, RATE)
    np.testing.assert_array_equal(data[0], audio.channels[0][RATE // 2 : RATE // 2 + RATE])
    with pytest.raises(AudioError):
        render_clip(audio, ClipSettings(start=2.0, end=1.0))


def test_privacy_findings_are_offsets_into_the_whole_transcript():
    transcript = Transcript(
        (
            Segment("Алло, мам, это я.", language="ru"),
            Segment("Передай Андрею, что всё хорошо.", language="ru"),
        )
    )
    findings = privacy_findings(transcript)
    people = [f for f in findings if f.label == "PER"]
    assert people
    for finding in people:
        finding.check_against(transcript.text)
