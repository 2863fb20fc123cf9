"""Translation: the real CTranslate2 + SentencePiece loading and decoding path on a tiny model built here,
Argos-style package install from a local file, coded-term glosses, and Whisper's translate task on audio."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest

from overheard.errors import ModelError
from overheard.jobs.translate import gloss_translations, translate_transcript, with_glosses
from overheard.model import Segment, Transcript
from overheard.speech.settings import TranscribeSettings
from overheard.speech.synthetic import Utterance, compose, write
from overheard.speech.transcriber import get_transcriber, transcribe_file
from overheard.speech.translate import CTranslate2Translator, install_translator, load_translator

CORPUS = [
    "у нас вчера двое двухсотых и трое трёхсотых",
    "мама, у нас всё хорошо, кормят нормально",
    "завтра нас переводят на другую позицию",
    "we had two killed and three wounded yesterday",
    "mum, everything is fine here, the food is ok",
    "tomorrow we are moving to another position",
]


def _sentencepiece(path) -> None:
    import sentencepiece

    model = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(CORPUS * 5),
        model_writer=model,
        vocab_size=90,
        model_type="unigram",
        hard_vocab_limit=False,
        character_coverage=1.0,
        bos_id=1,
        eos_id=2,
        unk_id=0,
        pad_id=-1,
        minloglevel=2,
    )
    path.write_bytes(model.getvalue())


def _random_transformer(directory, vocabulary: list[str], d: int = 32, ff: int = 64) -> None:
    """A 1+1-layer Transformer with random weights, saved through CTranslate2's own spec API."""
    from ctranslate2 import specs

    rng = np.random.default_rng(7)
    spec = specs.TransformerSpec.from_config((1, 1), 2)
    size = len(vocabulary)

    def shape(name: str) -> tuple[int, ...]:
        leaf, parts = name.rsplit("/", 1)[-1], name.split("/")
        if leaf in ("gamma", "beta"):
            return (d,)
        if "embeddings" in name or parts[0] == "projection":
            return (size, d)
        linear = parts[-2]
        if "self_attention" in parts:
            return {"linear_0": (3 * d, d), "linear_1": (d, d)}[linear]
        if "attention" in parts:
            return {"linear_0": (d, d), "linear_1": (2 * d, d), "linear_2": (d, d)}[linear]
        return {"linear_0": (ff, d), "linear_1": (d, ff)}[linear]

    def fill(layer, name, value) -> None:
        if value is None:
            leaf = name.rsplit("/", 1)[-1]
            array = np.ones(shape(name), np.float32) if leaf == "gamma" else rng.normal(0, 0.2, shape(name))
            setattr(
                layer,
                leaf,
                np.asarray(array, dtype=np.float32) if leaf != "beta" else np.zeros(shape(name), np.float32),
            )

    spec.encoder._visit(fill)
    spec.decoder._visit(fill)
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize()
    spec.save(str(directory))


@pytest.fixture(scope="module")
def argos_package(tmp_path_factory):
    """An Argos-style ``.argosmodel`` zip: ``<pkg>/model/`` (CTranslate2) + ``<pkg>/sentencepiece.model``."""
    import sentencepiece

    root = tmp_path_factory.mktemp("argos")
    package = root / "translate-ru_en-test"
    (package / "model").mkdir(parents=True)
    _sentencepiece(package / "sentencepiece.model")
    processor = sentencepiece.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    _random_transformer(package / "model", vocabulary)
    (package / "metadata.json").write_text('{"from_code": "ru", "to_code": "en"}')
    archive = root / "translate-ru_en-test.argosmodel"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in package.rglob("*"):
            zipped.write(path, path.relative_to(root))
    return archive, package


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("OVERHEARD_CACHE", str(tmp_path / "cache"))
    load_translator.cache_clear()
    yield tmp_path / "cache"
    load_translator.cache_clear()


def test_tiny_model_loads_and_decodes_deterministically(argos_package):
    translator = CTranslate2Translator(argos_package[1])
    first = translator.translate(["мама, у нас всё хорошо", "", "завтра нас переводят"])
    assert first[1] == ""
    assert all(isinstance(text, str) and text for text in (first[0], first[2]))
    assert translator.translate(["мама, у нас всё хорошо"])[0] == first[0]  # beam search: same input, same output


def test_install_from_a_local_argos_file_then_load_by_name(argos_package, cache):
    installed = install_translator(argos_package[0], "ru-en")
    assert installed == cache / "translators" / "ru-en"
    assert load_translator("ru-en").translate(["двухсотых"])[0]
    assert not [p for p in installed.parent.iterdir() if p.name.startswith(".")]  # no staging left


def test_install_refuses_files_that_are_not_models(tmp_path, cache):
    junk = tmp_path / "junk.argosmodel"
    junk.write_bytes(b"not a zip")
    with pytest.raises(ModelError):
        install_translator(junk, "ru-en")
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as zipped:
        zipped.writestr("x/readme.txt", "nothing here")
    with pytest.raises(ModelError, match="model.bin"):
        install_translator(empty, "ru-en")
    assert not (cache / "translators" / "ru-en").exists()
    with pytest.raises(ModelError, match="no translator"):
        load_translator("ru-en")


def test_archive_members_cannot_escape_the_install_folder(tmp_path, cache):
    evil = tmp_path / "evil.argosmodel"
    with zipfile.ZipFile(evil, "w") as zipped:
        zipped.writestr("../../escaped.txt", "x")
    with pytest.raises(ModelError, match="escapes"):
        install_translator(evil, "ru-en")
    assert not (tmp_path / "escaped.txt").exists()


def test_transcript_translation_sits_beside_the_original_with_glosses(argos_package):
    transcript = Transcript(
        (
            Segment("у нас вчера двое двухсотых", speaker="A", language="ru"),
            Segment("", speaker="B", language="ru"),
        )
    )
    translated = translate_transcript(transcript, CTranslate2Translator(argos_package[1]))
    assert translated.text == transcript.text  # the original never changes
    assert translated.segments[0].translation.endswith("[двухсотых = the 200s: killed (KIA)]")
    assert translated.segments[1].translation is None


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("у нас вчера двое двухсотых", "[двухсотых = the 200s: killed (KIA)]"),
        ("пятеро трехсотых увезли", "[трехсотых = the 300s: wounded (WIA)]"),
        ("у нас двохсоті є", "[двохсоті = the 200s: killed (KIA)]"),
    ],
)
def test_coded_terms_keep_their_meaning(original, expected):
    assert with_glosses("rendering", original, "uk" if "двохсоті" in original else "ru") == f"rendering {expected}"


def test_whisper_renderings_get_the_glosses_too():
    transcript = Transcript(
        (
            Segment("у нас вчера двое двухсотых", speaker="A", language="ru", translation="we had two yesterday"),
            Segment("двое двухсотых", speaker="B", language="ru"),
        )
    )
    glossed = gloss_translations(transcript)
    assert glossed.text == transcript.text
    assert glossed.segments[0].translation == "we had two yesterday [двухсотых = the 200s: killed (KIA)]"
    assert glossed.segments[1].translation is None  # no rendering: nothing to gloss


def test_plain_text_gets_no_gloss():
    assert with_glosses("we walked two hundred metres", "мы прошли двести метров") == "we walked two hundred metres"


def test_whisper_translate_task_on_audio(tmp_path):
    audio, _ = compose([Utterance("Привет, мама. У нас всё хорошо, кормят нормально.", "ru", 0.3)], 16_000, 1)
    path = write(tmp_path / "ru.wav", audio, 16_000)
    result = transcribe_file(path, TranscribeSettings(translate=True), transcriber=get_transcriber())
    spoken = [s for s in result.transcript.segments if s.text]
    assert spoken and all(s.translation for s in spoken)
    english = " ".join(s.translation for s in spoken)
    latin = sum(ch.isascii() and ch.isalpha() for ch in english)
    cyrillic = sum("а" <= ch.lower() <= "я" for ch in english)
    print("translation:", english)
    assert latin > 3 * cyrillic  # English, not a copy of the Russian
    assert all(s.text != s.translation for s in spoken)


def test_cli_install_and_translate_an_imported_transcript(argos_package, tmp_path):
    import os
    import subprocess
    import sys

    from overheard.ingest.ingest import ingest_paths
    from overheard.workspace import Workspace

    env = {**os.environ, "OVERHEARD_CACHE": str(tmp_path / "cache")}
    overheard = [sys.executable, "-m", "overheard"]
    installed = subprocess.run(
        overheard + ["translator", "install", str(argos_package[0])], capture_output=True, text=True, env=env
    )
    assert installed.returncode == 0, installed.stderr[-2000:]
    source = tmp_path / "call-x.txt"
    source.write_text("Солдат: у нас вчера двое двухсотых\nМать: Господи\n", encoding="utf-8")
    ws = Workspace.create(tmp_path / "ws")
    ingest_paths(ws, [source], actor="tester")
    ws.close()
    done = subprocess.run(
        overheard + ["translate", "call-x", "-w", str(tmp_path / "ws")], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr[-2000:]
    ws = Workspace.open(tmp_path / "ws")
    try:
        first, second = ws.store.transcripts("call-x")
        assert second.transcript.text == first.transcript.text  # findings stay anchored
        assert second.transcript.segments[0].translation.endswith("[двухсотых = the 200s: killed (KIA)]")
        assert second.settings["translation"]["translator"] == "ru-en"
    finally:
        ws.close()
    missing = subprocess.run(
        overheard + ["translate", "call-x", "-w", str(tmp_path / "ws"), "--translator", "nope"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert missing.returncode == 2 and missing.stderr.startswith("error: E009")
