"""Window packing and the code-word bias, as invariants on made-up signals (no speech model needed)."""

from __future__ import annotations

import numpy as np
import pytest

from overheard.jobs.bias import code_hotwords
from overheard.speech.windows import GAP_S, pack

RATE = 16_000


def _speech(*spans: tuple[float, float], total: float = 120.0) -> np.ndarray:
    """Noise bursts ("speech") over a quiet floor; a pause is any gap between spans."""
    rng = np.random.default_rng(0)
    samples = rng.normal(0, 0.0005, int(total * RATE)).astype(np.float32)
    for start, end in spans:
        samples[int(start * RATE) : int(end * RATE)] += rng.normal(0, 0.1, int((end - start) * RATE)).astype(np.float32)
    return samples


def _check(plan, regions, window_s):
    # every second of every region is decoded exactly once, in order
    pieces = sorted(plan.regions)
    for start, end in regions:
        inside = [(a, b) for a, b in pieces if start - 1e-9 <= a and b <= end + 1e-9]
        assert inside[0][0] == pytest.approx(start) and inside[-1][1] == pytest.approx(end)
        assert all(b == pytest.approx(c) for (_, b), (c, _) in zip(inside, inside[1:], strict=False))
    assert plan.regions == pieces
    for a, b in plan.windows:
        assert b - a <= window_s + GAP_S + 1e-6
    assert len(plan.region_window) == len(plan.regions) == len(plan.compact)


def test_whole_regions_fill_windows_in_order():
    regions = [(1.0, 9.0), (12.0, 20.0), (25.0, 33.0), (40.0, 48.0)]
    plan = pack(_speech(*regions), regions, 28.0)
    _check(plan, regions, 28.0)
    assert plan.region_window == [0, 0, 0, 1]


def test_zero_window_gives_each_region_its_own_window():
    regions = [(1.0, 3.0), (5.0, 7.0), (9.0, 11.0)]
    plan = pack(_speech(*regions), regions, 0.0)
    assert plan.region_window == [0, 1, 2]
    assert plan.regions == regions


def test_first_fit_packing_fills_an_earlier_window_and_maps_words_back():
    # a long region ends window 0 early; with two open windows the short one after it goes back there
    regions = [(1.0, 11.0), (13.0, 24.0), (26.0, 36.0), (40.0, 43.0)]
    samples = _speech(*regions)
    in_order = pack(samples, regions, 28.0)
    first_fit = pack(samples, regions, 28.0, open_windows=2)
    assert in_order.region_window == [0, 0, 1, 1]
    assert first_fit.region_window == [0, 0, 1, 0]
    _check(first_fit, regions, 28.0)
    assert len(first_fit.windows) == 2
    for window in range(len(first_fit.windows)):  # each window holds its regions in time order
        starts = [first_fit.compact[i][0] for i in first_fit.members(window)]
        assert starts == sorted(starts)
    for index, ((start, end), (a, b)) in enumerate(zip(first_fit.regions, first_fit.compact, strict=True)):
        assert first_fit.to_original(a + 0.5) == pytest.approx(start + 0.5)
        assert first_fit.to_original(a + 0.5, index) == pytest.approx(start + 0.5)
        assert first_fit.to_original(b + 0.1, index) == pytest.approx(end)  # the gap after it: its end
        compact = first_fit.audio[int(a * RATE) : int(a * RATE) + 1000]
        assert np.array_equal(compact, samples[int(start * RATE) : int(start * RATE) + 1000])


def test_windows_are_encoded_one_at_a_time_with_the_batch_result():
    import ctranslate2

    from overheard.speech.language import RestrictedLanguages
    from overheard.speech.transcriber import get_transcriber

    whisper, _ = get_transcriber()._engine()
    engine = whisper.model.inner  # the CTranslate2 model itself, under the stream-spreading wrapper
    rng = np.random.default_rng(1)
    features = rng.normal(0, 1, (3, engine.n_mels, 3000)).astype(np.float32)
    wrapped = RestrictedLanguages(whisper.model, ("ru", "uk"))
    together = np.asarray(engine.encode(ctranslate2.StorageView.from_array(features)))
    one_by_one = np.asarray(wrapped.encode(ctranslate2.StorageView.from_array(features)))
    assert one_by_one.shape == together.shape
    assert np.allclose(one_by_one, together, atol=1e-3)
    encoded = ctranslate2.StorageView.from_array(together)
    detected = wrapped.detect_language(encoded)
    assert len(detected) == len(wrapped.detected) == 3
    assert all({token for token, _ in item} == {"<|ru|>", "<|uk|>"} for item in detected)
    tokens = [[50364, 1000], [], [2000, 3000, 4000]]
    start = [50258, 50263, 50359]
    expected = engine.align(encoded, start, tokens, [1500, 800, 1500])
    got = wrapped.align(encoded, start, tokens, [1500, 800, 1500])
    assert [r.alignments for r in got] == [r.alignments for r in expected]


def test_two_streams_decode_a_batch_side_by_side_with_the_one_stream_result():
    """Two one-thread replicas share a batch's windows (encoder, language, beam search, alignment): the
    results are those of one replica decoding the batch, in batch order."""
    import ctranslate2

    from overheard.speech.transcriber import get_transcriber
    from overheard.speech.whisper import _Streams, _streams

    assert _streams(2) == (2, 1) and _streams(8) == (2, 4) and _streams(1) == (1, 1)
    transcriber = get_transcriber(cpu_threads=2)
    whisper, _ = transcriber._engine()
    assert isinstance(whisper.model, _Streams) and whisper.model.streams == 2
    assert whisper.model.inner.num_workers == 2
    single = _Streams(whisper.model.inner, 1)
    rng = np.random.default_rng(2)
    features = ctranslate2.StorageView.from_array(rng.normal(0, 1, (5, single.n_mels, 3000)).astype(np.float32))
    side_by_side = np.asarray(whisper.model.encode(features))
    in_turn = np.asarray(single.encode(features))
    assert np.array_equal(side_by_side, in_turn)
    encoded = ctranslate2.StorageView.from_array(in_turn)
    assert whisper.model.detect_language(encoded) == single.detect_language(encoded)
    prompts = [[50258, 50263, 50359, 50363]] * 5
    options = {"beam_size": 3, "max_length": 40, "return_scores": True, "return_no_speech_prob": True}
    spread, alone = whisper.model.generate(encoded, prompts, **options), single.generate(encoded, prompts, **options)
    assert [r.sequences_ids for r in spread] == [r.sequences_ids for r in alone]
    assert [r.scores for r in spread] == [r.scores for r in alone]
    tokens = [r.sequences_ids[0] for r in alone]
    start = [50258, 50263, 50359]
    aligned, expected = (model.align(encoded, start, tokens, [3000] * 5) for model in (whisper.model, single))
    assert [r.alignments for r in aligned] == [r.alignments for r in expected]


def test_widened_vad_regions_still_fit_a_whisper_window():
    from overheard.speech.synthetic import sequence
    from overheard.speech.vad import VadSettings, speech_regions

    sentences = ["Завтра нас переводят на другую позицию, связи не будет несколько дней."] * 8
    audio, placed = sequence([(s, "ru") for s in sentences], pause=0.1)  # ~40 s without a real pause
    samples = audio[0]
    regions = speech_regions(samples, VadSettings())
    assert placed[-1].end > 35
    assert any(b - a > 20 for a, b in regions)  # one long region (Silero cuts at 28 s, at a short pause)
    assert all(b - a <= 29.0 + 1e-6 for a, b in regions)
    plan = pack(samples, regions, 28.0)
    assert all(b - a <= 30.0 for a, b in plan.windows)


def test_code_hotwords_come_from_the_lexicon():
    from overheard.annotate.lexicon import load_lexicon

    words = [w.strip() for w in code_hotwords().split(",")]
    known = {w for e in load_lexicon().entries if e.kind == "code" for w in e.variants + e.lemmas}
    assert {"двухсотых", "трёхсотых", "пятисотых"} <= set(words)
    assert set(words) <= known
    assert not any(ch.isdigit() for w in words for ch in w)
    assert len(words) == len(set(words))


def test_a_stereo_calls_channels_find_their_speech_side_by_side_with_the_same_regions():
    from overheard.speech.audio import DecodedAudio
    from overheard.speech.settings import TranscribeSettings
    from overheard.speech.synthetic import sequence
    from overheard.speech.transcriber import get_transcriber
    from overheard.speech.vad import VadSettings, speech_regions

    left, _ = sequence([("Завтра нас переводят на другую позицию.", "ru")], pause=0.5)
    right, _ = sequence([("Связи не будет несколько дней, не волнуйся.", "ru")], pause=0.5)
    length = max(left.shape[1], right.shape[1]) + RATE
    channels = tuple(np.pad(a[0], (RATE // 2, length - a.shape[1] - RATE // 2)) for a in (left, right))
    audio = DecodedAudio(channels, RATE, RATE, 2)
    transcriber = get_transcriber(cpu_threads=2)
    assert transcriber.streams == 2
    expected = [speech_regions(samples, VadSettings()) for samples in channels]
    assert all(expected)
    assert transcriber._regions(audio, TranscribeSettings()) == expected
