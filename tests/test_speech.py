"""Speech recognition on real audio spoken by espeak-ng in the test run (no mocks, the real base model).

Word error rate thresholds, justified by measurement (base model, int8, 2 CPU cores): the base model on
espeak-ng's robotic Russian at 16 kHz scores WER 0.35-0.67 per sentence set; Ukrainian espeak-ng speech
and 8 kHz phone-band speech are near the model's limit (WER 0.85-1.0, often loops). So the Russian 16 kHz
set must stay under 0.7 (a regression in decoding, VAD cuts or resampling pushes it well past that),
and the phone-band set must stay under 1.5 (measured 0.86-1.4: the model hears no words in it, so the
figure only says how much it invents; a wholly looping channel pushes it far above). Recognition of
real phone-band speech is held to WER 0.3 in test_speech_real.py (festvox-ru recordings).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from overheard.errors import AudioError, ModelError
from overheard.speech import model as speech_model
from overheard.speech.audio import load_for_asr
from overheard.speech.metrics import word_error_rate
from overheard.speech.settings import TranscribeSettings
from overheard.speech.synthetic import Utterance, compose, phone_band, write
from overheard.speech.transcriber import get_transcriber, result_to_json, transcribe_file

RU = [
    "Привет, мама. У нас всё хорошо, кормят нормально.",
    "Завтра нас переводят на другую позицию.",
    "Связи не будет несколько дней, не волнуйся.",
    "Ребята говорят, что скоро будет ротация.",
]
UK = [
    "Привіт, синку. Ми дуже чекаємо на тебе вдома.",
    "Бережи себе і дзвони, коли зможеш.",
]
RU_WER_16K = 0.7
PHONE_WER_8K = 1.5


@pytest.fixture(scope="module")
def transcriber():
    """The default base model, joined from its PyPI parts and loaded once for the module."""
    return get_transcriber()


@pytest.fixture(scope="module")
def mono_call(tmp_path_factory):
    """16 kHz mono: three Russian sentences with a 10-second silence, then two Ukrainian ones."""
    utterances = [
        Utterance(RU[0], "ru", 0.5),
        Utterance(RU[1], "ru", 6.5),
        Utterance(RU[2], "ru", 21.0),  # after ~11 s of silence
        Utterance(UK[0], "uk", 27.0),
        Utterance(UK[1], "uk", 33.5),
    ]
    audio, placed = compose(utterances, 16_000, 1)
    path = write(tmp_path_factory.mktemp("speech") / "mono.wav", audio, 16_000)
    return path, placed


@pytest.fixture(scope="module")
def mono_result(transcriber, mono_call):
    return transcribe_file(mono_call[0], transcriber=transcriber)


@pytest.fixture(scope="module")
def stereo_call(tmp_path_factory):
    """8 kHz phone-band stereo: party A (Russian) on the left, party B on the right, taking turns."""
    utterances = [
        Utterance(RU[0], "ru", 0.5, channel=0),
        Utterance(UK[0], "uk", 6.5, channel=1),
        Utterance(RU[3], "ru", 13.0, channel=0),
        Utterance(RU[1], "ru", 18.5, channel=1),
    ]
    audio, placed = compose(utterances, 8_000, 2)
    audio = phone_band(audio * 0.7)
    path = write(tmp_path_factory.mktemp("speech") / "stereo8k.wav", audio, 8_000)
    return path, placed


@pytest.fixture(scope="module")
def stereo_result(transcriber, stereo_call):
    return transcribe_file(stereo_call[0], transcriber=transcriber)


def _text_near(result, placed, language=None, channel=None) -> tuple[str, str]:
    """Reference and recognised text of the utterances matching ``language``/``channel``."""
    chosen = [
        u for u in placed if (language is None or u.language == language) and (channel is None or u.channel == channel)
    ]
    hypothesis = [
        s.text
        for s in result.transcript.segments
        if any(u.start - 0.5 <= s.start <= u.end and (s.channel is None or s.channel == u.channel) for u in chosen)
    ]
    return " ".join(u.text for u in chosen), " ".join(hypothesis)


# ---- model location --------------------------------------------------------------------------


def test_base_model_is_joined_verified_and_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("OVERHEARD_CACHE", str(tmp_path))
    info = speech_model.default_model_dir()
    assert info.path == tmp_path / "models" / "whisper-base"
    assert speech_model.file_sha256(info.path / "model.bin") == speech_model.BASE_MODEL_SHA256
    assert {p.name for p in info.path.iterdir()} >= {"model.bin", "config.json", "tokenizer.json", "vocabulary.txt"}
    assert not [p for p in tmp_path.joinpath("models").iterdir() if p.name.startswith(".")]  # no staging left
    again = speech_model.default_model_dir(verify=True)
    assert again == info


def test_corrupted_cached_model_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("OVERHEARD_CACHE", str(tmp_path))
    info = speech_model.default_model_dir()
    with open(info.path / "model.bin", "r+b") as handle:
        handle.seek(1000)
        byte = handle.read(1)
        handle.seek(1000)
        handle.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(ModelError, match="sha256"):
        speech_model.default_model_dir(verify=True)


def test_incomplete_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("OVERHEARD_CACHE", str(tmp_path))
    target = tmp_path / "models" / "whisper-base"
    target.mkdir(parents=True)
    (target / "model.bin").write_bytes(b"half a model")  # a crash mid-copy, without the marker
    info = speech_model.default_model_dir()
    assert speech_model.file_sha256(info.path / "model.bin") == speech_model.BASE_MODEL_SHA256


@pytest.mark.parametrize("make", [lambda p: p / "missing", lambda p: p])
def test_user_model_path_must_be_a_ctranslate2_directory(tmp_path, make):
    with pytest.raises(ModelError, match="not a CTranslate2 Whisper model directory"):
        speech_model.resolve_model(make(tmp_path))


def test_user_model_path_is_hashed_for_provenance(tmp_path):
    base = speech_model.default_model_dir()
    info = speech_model.resolve_model(base.path)
    assert info.sha256 == speech_model.BASE_MODEL_SHA256


# ---- audio front end --------------------------------------------------------------------------


def test_decoder_resamples_8k_stereo_to_16k_channels(stereo_call):
    audio = load_for_asr(stereo_call[0])
    assert audio.sample_rate == 16_000 and audio.source_sample_rate == 8_000
    assert len(audio.channels) == 2
    assert abs(audio.duration - stereo_call[1][-1].end) < 1.5


def test_identical_stereo_channels_count_as_mono(tmp_path):
    audio, _ = compose([Utterance(RU[1], "ru", 0.2)], 16_000, 1)
    path = write(tmp_path / "dual.wav", np.vstack([audio, audio]), 16_000)
    assert len(load_for_asr(path).channels) == 1


def test_undecodable_file_is_a_coded_error(tmp_path):
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"RIFF\x00\x00\x00\x00WAVEnot really")
    with pytest.raises(AudioError):
        load_for_asr(bad)


# ---- recognition ----------------------------------------------------------------------------------


def test_russian_16k_word_error_rate(mono_result, mono_call):
    reference, hypothesis = _text_near(mono_result, mono_call[1], language="ru")
    wer = word_error_rate(reference, hypothesis)
    print(f"WER ru 16 kHz espeak-ng: {wer:.2f}")
    assert wer <= RU_WER_16K


def test_phone_band_word_error_rate(stereo_result, stereo_call):
    reference, hypothesis = _text_near(stereo_result, stereo_call[1], language="ru")
    wer = word_error_rate(reference, hypothesis)
    print(f"WER ru 8 kHz phone band espeak-ng: {wer:.2f}")
    assert wer < PHONE_WER_8K


def test_no_text_inside_silences(mono_result, mono_call):
    placed = mono_call[1]
    for segment in mono_result.transcript.segments:
        for word in segment.words:
            middle = (word.start + word.end) / 2
            assert any(u.start - 0.3 <= middle <= u.end + 0.3 for u in placed), (word.start, word.end)
    # nothing at all in the long gap between the second and third sentence
    gap = (placed[1].end + 0.5, placed[2].start - 0.5)
    assert gap[1] - gap[0] > 9
    assert not [s for s in mono_result.transcript.segments if gap[0] < s.start < gap[1]]


@pytest.mark.parametrize("which", ["mono", "stereo"])
def test_word_timings_monotonic_and_inside_the_audio(which, mono_result, stereo_result):
    result = mono_result if which == "mono" else stereo_result
    assert result.transcript.segments
    for segment in result.transcript.segments:
        assert 0 <= segment.start <= segment.end <= result.duration
        previous = segment.start
        for word in segment.words:
            assert previous <= word.start <= word.end <= result.duration
            assert segment.start <= word.start and word.end <= segment.end
            assert 0.0 <= word.probability <= 1.0
            previous = word.end
    starts = [s.start for s in result.transcript.segments]
    assert starts == sorted(starts)


def test_speakers_follow_the_channels(stereo_result, stereo_call):
    placed = stereo_call[1]
    segments = [s for s in stereo_result.transcript.segments if s.text]
    assert {s.speaker for s in segments} == {"A", "B"}
    for segment in segments:
        owner = [u for u in placed if u.start - 0.5 <= segment.start <= u.end]
        assert len(owner) == 1
        assert segment.channel == owner[0].channel
        assert segment.speaker == "AB"[owner[0].channel]


LANGUAGE_FLAGS = {"language_uncertain", "language_unrecognised"}


def test_language_per_segment_is_right_or_flagged(mono_result, mono_call):
    """Each segment carries its own language; a wrong label never goes out unflagged.

    Measured on this model: espeak-ng's Ukrainian voice is not heard as Ukrainian or Russian at all
    (ru+uk get 0.00-0.05 of the language probability; the model hears en, la, fr), so the test
    cannot require "uk" on it - it requires that such segments are flagged ``language_unrecognised``
    instead of going out as confident Russian. The switch itself is tested with a language the
    model does recognise in synthetic speech: English, below.
    """
    placed = mono_call[1]
    for segment in mono_result.transcript.segments:
        owner = next(u for u in placed if u.start - 0.5 <= segment.start <= u.end)
        assert segment.language in ("ru", "uk")
        assert 0.0 <= segment.language_probability <= 1.0
        assert segment.language == owner.language or LANGUAGE_FLAGS & set(segment.flags), segment
        if owner.language == "uk":
            assert "language_unrecognised" in segment.flags
    assert mono_result.transcript.language == "ru"


EN = ["The commander said we would rotate next week.", "Nobody knows when they will let us go home."]


@pytest.mark.parametrize(
    "order",
    [
        [("ru", 0), ("en", 0), ("ru", 1), ("en", 1), ("ru", 3)],  # alternating
        [("ru", 0), ("ru", 1), ("en", 0), ("ru", 3)],  # one English sentence among Russian ones
    ],
    ids=["alternating", "one-english"],
)
def test_a_language_switch_inside_one_decoding_window_labels_each_segment(transcriber, tmp_path, order):
    """Sentences 1.5 s apart fit one 28-second window; each must still get its own language.

    Without the per-utterance re-decode, all five alternating sentences came out "en" and the
    Russian was decoded as English words. The window's own probability cannot decide it: "en" 0.62
    on an Intel CPU, 0.79 on an AMD EPYC, 0.75 there with float32 weights; each sentence's own
    language (probed alone) decides which are redone, on any of them. Redone alone, RU[1] was a
    coin toss between ru and en (0.47-0.60: Whisper hears it as Polish) until Polish counted for ru.
    """
    from overheard.speech.synthetic import sequence

    turns = [((RU if language == "ru" else EN)[index], language) for language, index in order]
    audio, placed = sequence(turns, pause=1.5)
    assert placed[-1].end < 28
    path = write(tmp_path / "switch.wav", audio, 16_000)
    result = transcribe_file(path, TranscribeSettings(candidate_languages=("ru", "en")), transcriber=transcriber)
    spoken = [s for s in result.transcript.segments if s.text]
    assert len(spoken) == len(turns)
    for segment, utterance in zip(spoken, placed, strict=True):
        assert utterance.start - 0.5 <= segment.start <= utterance.end
        assert segment.language == utterance.language, (segment.text, segment.language)
        cyrillic = sum("а" <= c.lower() <= "я" or c in "ёЁ" for c in segment.text)
        assert (cyrillic > len(segment.text) / 3) == (utterance.language == "ru"), segment.text
        if utterance.language == "en":
            assert word_error_rate(utterance.text, segment.text) < 0.2


def test_forced_language_is_applied_to_every_segment(transcriber, mono_call):
    result = transcribe_file(mono_call[0], TranscribeSettings(language="uk"), transcriber=transcriber)
    assert {s.language for s in result.transcript.segments} == {"uk"}
    assert {s.language_probability for s in result.transcript.segments} == {None}


def test_silence_is_no_speech_with_a_warning_not_text(transcriber, tmp_path):
    path = write(tmp_path / "silence.wav", np.zeros((1, 16_000 * 5), dtype=np.float32), 16_000)
    result = transcribe_file(path, transcriber=transcriber)
    assert result.transcript.segments == ()
    assert any(w.startswith("no_speech_detected") for w in result.warnings)


def test_bare_file_json_cli(stereo_call):
    completed = subprocess.run(
        [sys.executable, "-m", "overheard", "transcribe", "--format", "json", str(stereo_call[0])],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=Path(stereo_call[0]).parent,  # outside any workspace
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    data = json.loads(completed.stdout)
    assert set(data) >= {"language", "duration", "segments"}
    assert data["segments"]
    for segment in data["segments"]:
        assert set(segment) >= {"start", "end", "speaker", "language", "text", "flags", "words"}
        for word in segment["words"]:
            assert set(word) >= {"start", "end", "word", "probability"}
    assert {s["speaker"] for s in data["segments"]} == {"A", "B"}


def test_missing_file_cli_error_is_one_line(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-m", "overheard", "transcribe", "--model", str(tmp_path), "--format", "json", __file__],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 2
    assert completed.stderr.strip().startswith("error: E009")
    assert "Traceback" not in completed.stderr


def test_unknown_candidate_language_is_a_one_line_error(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-m", "overheard", "transcribe", "--languages", "ru,xx", "--format", "json", __file__],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 2
    assert "'xx' is not a Whisper language code" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_candidate_languages_parse_in_order_without_duplicates():
    from overheard.speech.transcriber import parse_languages

    assert parse_languages("ru, UK,en,ru") == ("ru", "uk", "en")
    with pytest.raises(ValueError):
        parse_languages(" , ")


def test_result_json_marks_low_confidence_words(mono_result):
    data = result_to_json(mono_result)
    threshold = mono_result.settings.thresholds.word_probability
    words = [w for s in data["segments"] for w in s["words"]]
    assert words
    for word in words:
        assert word.get("low_confidence", False) == (word["probability"] < threshold)


def test_mono_speaker_clustering_follows_the_voices(transcriber, tmp_path):
    from overheard.speech.synthetic import sequence

    turns = [
        ("Привет, мама. У нас всё хорошо.", "ru", "ru+f2"),
        ("Сынок, как ты там? Кормят хоть?", "ru", "ru"),
        ("Кормят нормально, не волнуйся.", "ru", "ru+f2"),
        ("Береги себя, сынок.", "ru", "ru"),
    ]
    audio, placed = sequence(turns, pause=1.0)
    path = write(tmp_path / "two-voices.wav", audio, 16_000)
    result = transcribe_file(path, TranscribeSettings(speakers=2), transcriber=transcriber)
    expected = {"ru+f2": "A", "ru": "B"}
    for segment in result.transcript.segments:
        owner = next(i for i, u in enumerate(placed) if u.start - 0.5 <= segment.start <= u.end)
        assert segment.speaker == expected[turns[owner][2]], segment.start
    plain = transcribe_file(path, transcriber=transcriber)  # without --speakers a mono call has one speaker
    assert {s.speaker for s in plain.transcript.segments} == {"A"}


def test_per_utterance_windows_give_each_utterance_its_own_language_estimate(transcriber, mono_call):
    result = transcribe_file(mono_call[0], TranscribeSettings(window_s=0.0), transcriber=transcriber)
    spoken = [s for s in result.transcript.segments if s.text]
    assert len({s.language_probability for s in spoken}) >= len(spoken) - 1  # one estimate per utterance
    for segment in spoken:
        owner = next(u for u in mono_call[1] if u.start - 0.5 <= segment.start <= u.end)
        assert segment.language == owner.language or LANGUAGE_FLAGS & set(segment.flags)


def test_a_confident_single_language_window_is_decoded_once(transcriber, tmp_path):
    """Only uncertain windows are split: Russian alone keeps one packed window and one estimate."""
    from overheard.speech.synthetic import sequence

    audio, _ = sequence([(RU[0], "ru"), (RU[3], "ru")], pause=1.5)
    path = write(tmp_path / "russian.wav", audio, 16_000)
    result = transcribe_file(path, transcriber=transcriber)
    spoken = [s for s in result.transcript.segments if s.text]
    assert len(spoken) == 2
    assert {s.language for s in spoken} == {"ru"}
    assert len({s.language_probability for s in spoken}) == 1


def test_loading_and_transcribing_never_touch_the_network(tmp_path, monkeypatch):
    import socket

    from overheard.speech import transcriber as transcriber_module

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(transcriber_module, "_CACHE", {})  # a fresh load, not the module's cached model
    audio, _ = compose([Utterance(RU[1], "ru", 0.2)], 16_000, 1)
    result = transcribe_file(write(tmp_path / "short.wav", audio, 16_000))
    assert result.transcript.segments
