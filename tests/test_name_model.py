"""The learned second opinion on names and call signs (issue 17): a token classifier the package ships as data
(``lexicons/name_model.json``), trained by ``scripts/train_name_model.py``. A word the rules leave and the model
scores at its threshold is masked, and the finding names the model and its score; the rules' findings stay."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from overheard.annotate.components.entities import EntityAnnotator
from overheard.annotate.doc import Doc
from overheard.annotate.rules.entities.learned import (
    MODEL_PATH,
    TokenModel,
    gold_examples,
    scored_words,
    shipped_model,
    token_features,
)
from overheard.annotate.rules.entities.roles import RoleReading, role_features
from overheard.jobs.redaction import redact_text
from overheard.redact import Policy, Redactor

ROOT = Path(__file__).resolve().parents[1]
MASK = Redactor(b"", Policy("mask", "keep"))


def personal(text: str, lang: str = "ru", name_model: bool = True) -> list[tuple[str, str, str]]:
    annotator = EntityAnnotator(ner=False, name_model=name_model)
    return [(f.label, f.text, f.explanation) for f in annotator.annotate(Doc(text, lang))
            if f.label in ("PER", "CALLSIGN", "PHONE", "UNIT")]


def test_the_package_ships_the_model_as_data_with_how_it_was_made():
    model = shipped_model()
    assert model is not None and MODEL_PATH.name == "name_model.json"
    assert model.meta["script"] == "scripts/train_name_model.py" and model.meta["version"]
    assert "tests/data/pii_dev.jsonl" in model.meta["trained_on"]
    assert any(name.startswith("tests/data/blind/round11/") for name in model.meta["trained_on"])
    assert 0.5 <= model.threshold < 1 and len(model.weights) > 1000
    assert MODEL_PATH.stat().st_size < 1_500_000  # a small data file, not code (1.1 MB with the word clusters)
    assert TokenModel.from_json(model.to_json()).weights == model.weights


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # a first name that is also a town, addressed or told a message: the rules read the town
        ("Слышь, Салават, ты где пропал?", "Салават"),
        ("Передай Салавату, что мать звонила.", "Салавату"),
    ],
)
def test_a_name_the_rules_read_as_a_place_is_masked_by_the_model_and_says_so(text, word):
    # the rules alone read the town until callsign19's call-sign frames, which run after the model and leave it first
    found = [(label, explanation) for label, w, explanation in personal(text) if w == word]
    assert found and found[0][0] == "PER"
    assert "learned second opinion" in found[0][1] and "p=" in found[0][1]
    assert word not in redact_text(text, MASK, "ru").text


@pytest.mark.parametrize(
    "text",
    [
        "Мы вчера ездили в Казань и в Салават к родне.",  # a town after a preposition of place
        "В Уфе мороз, в Стерлитамаке тоже, а в Нефтекамске снег.",
        "Министр обороны прибыл в Ростов на совещание.",
        "Короче, хлеба нет, воды нет, сидим в подвале.",
        "мам всё нормально кушаем спим не переживай",
    ],
)
def test_the_model_adds_nothing_to_ordinary_words_and_places(text):
    assert personal(text) == personal(text, name_model=False)


def test_the_rules_findings_stay_when_the_model_is_on():
    text = "Это Шамиль, передай Ахмеду, что я на месте. Номер 8 928 415 33 07."
    rules = personal(text, name_model=False)
    assert set(rules) <= set(personal(text)) and rules


def test_the_model_can_be_turned_off_in_the_pipeline_config():
    from overheard.annotate.registry import create

    assert create("entities").model is not None
    assert create("entities", name_model=False).model is None


def test_a_tiny_model_learns_names_from_a_few_annotated_sentences():
    rows = [
        ("Передай Зауру, что я звонил.", [(8, 13)]),
        ("Скажи Тимуру, пусть ждёт.", [(6, 12)]),
        ("Вчера Аслан звонил, всё хорошо.", [(6, 11)]),
        ("Передай маме, что я звонил.", []),
        ("Скажи брату, пусть ждёт.", []),
        ("Вчера дождь шёл, всё мокрое.", []),
    ]
    data = []
    for text, spans in rows:
        doc = Doc(text, "ru")
        gold = [{"label": "PER", "start": s, "end": e} for s, e in spans]
        data += gold_examples(doc.readable_text, doc.words, "ru", gold)
    assert sum(y for _, y in data) == 3
    model = TokenModel.fit(data, l2=0.1, epochs=300, threshold=0.5)
    again = TokenModel.fit(data, l2=0.1, epochs=300, threshold=0.5)
    assert model.weights == again.weights  # deterministic
    doc = Doc("Передай Руслану, что я звонил.", "ru")
    scores = dict(scored_words(doc.readable_text, doc.words, "ru", model))
    name, other = scores[1], scores[0]  # "Руслану" after "Передай"; "Передай" itself
    assert name > 0.5 > other
    features = token_features(doc.readable_text, doc.words, "ru", 1)
    assert "p_w=передай" in features and "shape=cap" in features and "after=comma" in features


def test_the_training_script_writes_a_model_the_package_reads(tmp_path):
    spec = importlib.util.spec_from_file_location("train_name_model", ROOT / "scripts" / "train_name_model.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    data = tmp_path / "tiny.jsonl"
    data.write_text("\n".join(json.dumps({"text": t, "lang": "ru", "entities": e}, ensure_ascii=False) for t, e in [
        ("Передай Зауру, что я звонил.", [{"label": "PER", "start": 8, "end": 13}]),
        ("Передай маме, что я звонил.", []),
    ]), encoding="utf-8")
    model = script.fit([str(data)], threshold=0.7, epochs=50, narrative=0)  # no generated sentences beside
    assert model.threshold == 0.7 and model.meta["texts"] == 2 and model.meta["positive"] == 1
    assert TokenModel.from_json(model.to_json()).bias == round(model.bias, 4)


@pytest.mark.parametrize("text", [
    "кабан вчера сказал что придёт, кабан молодец",
    "Тайга, приём. Забрали Тайгу вчера, с Тайгой пошли",
    "Пятый, кто вернулся, был без ноги. купил кабана на рынке",
    "бачив у лісі пугача, а сокіл каже що все",
])
def test_the_role_features_of_a_word_add_no_more_than_the_models_role_bound(text):
    # a word whose sum falls short of the threshold by more than the bound is not read for its roles (speed28)
    model = shipped_model()
    doc = Doc(text, "ru")
    reading = RoleReading(doc.readable_text, doc.words, "ru")
    for i in range(len(doc.words)):
        for repeated in (False, True):
            assert model.sum(role_features(reading, i, repeated)) <= model.role_bound + 1e-12


@pytest.mark.parametrize("text", [
    "кабан вчера сказал что придёт, кабан молодец",
    "Тайга, приём. Забрали Тайгу вчера, с Тайгой пошли",
    "Пятый, кто вернулся, был без ноги. купил кабана на рынке",
    "Первый, второй, третий — все на месте. Беркуту скажи, Беркут где?",
    "бачив у лісі пугача, а сокіл каже що все",
])
def test_the_role_features_of_a_word_add_no_more_than_the_bound_for_its_shape(text):
    # the bound _scored reads (speed30): one role fires, so its own weights count together only for the best role
    model = shipped_model()
    assert model.role_bound_of(True) <= model.role_bound and model.role_bound_of(False) <= model.role_bound
    doc = Doc(text, "ru")
    reading = RoleReading(doc.readable_text, doc.words, "ru")
    for i, (_start, _end, word) in enumerate(doc.words):
        for repeated in (False, True):
            assert model.sum(role_features(reading, i, repeated)) <= model.role_bound_of(word[:1].isupper()) + 1e-12
