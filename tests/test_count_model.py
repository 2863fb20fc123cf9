"""The learned count model: a second opinion on casualty counts (issue 17; casualties/count_model.py).

The wordings below are written for these tests, not taken from the corpus or the blind rounds. The model is the
shipped one (lexicons/count_model.json); nothing is mocked.
"""

from __future__ import annotations

import pytest

from overheard.annotate.doc import Doc
from overheard.annotate.lexicon import compile_lexicon, load_lexicon
from overheard.annotate.rules.casualties import count_model
from overheard.annotate.rules.casualties.count_model import MODEL_PATH, CountModel, shipped_count_model


def mentions(text: str, lang: str) -> list:
    """The casualty mentions of ``text`` as the analyzer reads them (rules + count model)."""
    return list(Doc(text, lang).casualties(compile_lexicon(load_lexicon())).mentions)


def counts(text: str, lang: str) -> list[tuple]:
    """(category, count, approximate) of each mention."""
    return [(m.category, m.count, m.approximate) for m in mentions(text, lang)]


def test_the_model_ships_as_data_with_its_held_out_figures():
    model = shipped_count_model()
    assert model is not None and MODEL_PATH.name == "count_model.json"
    assert model.weights and model.margin >= 0
    meta = model.meta
    assert meta["script"] == "scripts/train_count_model.py"
    assert any(name.startswith("corpus/") for name in meta["trained_on"])
    held = meta["held_out"]
    assert held["count_accuracy_model"] > held["count_accuracy_rules"]  # better on authors it never saw
    assert CountModel.from_json(model.to_json()) == model


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # "so many" with no number: an unknown many (count null, approximate); the rest of a group is the rules' own
        # reading since cas18 (tests/test_cas18_conventions.py)
        ("Стільки хлопців там поклали, а село так і не взяли.", "uk", [("killed", None, True)]),
        ("Хохлов там положили, столько их было.", "ru", [("killed", None, True)]),
    ],
)
def test_vague_groups_the_rules_left_bare_are_many(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a number the rules read right stays
        ("У нас трое двухсотых и пятеро трёхсотых.", "ru", [("killed", 3, False), ("wounded", 5, False)]),
        ("За месяц у нас было двое раненых.", "ru", [("wounded", 2, False)]),
        ("Двухсотых вывезли. Шестерых.", "ru", [("killed", 6, False)]),
        # one man named, or the speaker himself
        ("Назар із нашої роти вже місяць у полоні.", "uk", [("captured", 1, False)]),
        ("я сам в плену уже полгода, кормят плохо", "ru", [("captured", 1, False)]),
        ("Брата в плену держат уже восемь месяцев.", "ru", [("captured", 1, False)]),
        # a bare mention stays bare, a stated vague amount stays vague
        ("Есть двухсотые, сколько — не знаю.", "ru", [("killed", None, False)]),
        ("Их там много полегло, мы видели с дрона.", "ru", [("killed", None, True)]),
        # numbers of other things are never the count: a noun after them, a contrast, the rest of a group
        ("Поехали за двухсотыми на двух машинах.", "ru", [("killed", None, False)]),
        ("Они ушли в СОЧ с двумя автоматами.", "ru", [("deserted", None, False)]),
        # (the seven who came out are never the count; the rest is vague since cas18, the model reads it so)
        ("Из тридцати вышли семеро, остальные там остались, двухсотые.", "ru", [("killed", None, True)]),
        # a share of a group ("кто ..., кто ...") keeps the rules' reading: a vague number (decided 2026-12-01)
        ("Нас было тридцать. Остальные — кто двухсотый, кто трёхсотый.", "ru",
         [("killed", None, True), ("wounded", None, True)]),
    ],
)
def test_counts_the_rules_read_right_stay_right(text, lang, expected):
    assert counts(text, lang) == expected


def test_a_changed_count_names_the_model_its_probability_and_the_rules_reading():
    text = "Хохлов там положили, столько их было."
    mention = mentions(text, "ru")[0]
    reading = mention.why.count
    assert reading.side == "model" and 0 < reading.model <= 1
    assert "count model" in mention.explanation and "probability" in mention.explanation
    assert "the rules read no count stated" in mention.explanation
    assert text[mention.start : mention.end] == "положили"  # the span stays the term's


def test_a_count_the_model_keeps_has_the_rules_explanation():
    mention = mentions("У нас трое двухсотых.", "ru")[0]
    assert mention.why.count.model is None and "count model" not in mention.explanation
    assert "count 3 from 'трое'" in mention.explanation


def test_the_off_switch_gives_the_rules_alone():
    text = "Хохлов там положили, столько их было."
    with count_model.disabled():
        assert counts(text, "ru") == [("killed", None, False)]
    assert count_model.ENABLED
    assert counts(text, "ru") == [("killed", None, True)]


def test_texts_without_casualty_words_never_reach_the_model():
    assert mentions("Привет, мам. Всё хорошо, кормят нормально, погода тёплая.", "ru") == []
