"""The name model on the corpus (issue 17, entities v16): the learned second opinion is trained on the 18-author
corpus as well as the rounds, reads a wider context (the lemmas of the words one and two away, an address or radio
slot, the same word capitalised or named after "позывной" elsewhere) and masks at 0.65 (0.62 since the word clusters of
2026.12.4: the lowest threshold at which every row here holds); it leaves the words a lexicon
decides to the rules, and never masks a kinship, role or endearment word or an ordinal in a list of ordinals.
Wordings here are new, written for these tests; each positive row leaked before (rules + the rounds-only model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from overheard.annotate.components.entities import EntityAnnotator
from overheard.annotate.doc import Doc
from overheard.annotate.rules.entities.learned import TokenModel, counting, never_scored, shipped_model
from overheard.jobs.redaction import redact_text
from overheard.redact import Policy, Redactor

MASK = Redactor(b"", Policy("mask", "keep"))
ROOT = Path(__file__).resolve().parents[1]


def personal(text: str, lang: str, name_model: bool = True) -> dict[str, str]:
    annotator = EntityAnnotator(ner=False, name_model=name_model)
    return {f.text: f.explanation for f in annotator.annotate(Doc(text, lang))
            if f.label in ("PER", "CALLSIGN", "PHONE", "UNIT")}


def test_the_model_is_trained_on_the_corpus_and_carries_its_held_out_figures():
    model = shipped_model()
    assert model is not None
    corpus = {f"corpus/{path.name}" for path in (ROOT / "corpus").glob("author-*.jsonl")}
    assert corpus <= set(model.meta["trained_on"])  # 2026.12.6: every corpus author (2026.12.4: the first 18)
    held_out = model.meta["held_out"]
    assert "held out by author" in held_out["how"]
    new, old = held_out["rules_and_this_model_held_out_0.62"], held_out["rules_and_previous_features_held_out_0.62"]
    assert new["leaked"] < old["leaked"] and new["over_masked"] <= old["over_masked"]
    # lever29: 0.62 -> 0.58 (held out by author, --folds 4: leaks 113 -> 109 for 1 masked token; factRuEval
    # over-masking unchanged); the lexicons keep the words they decide (0.80 for them broke spec hard negatives)
    assert model.threshold == 0.58 and model.ruled_threshold is None


def test_the_threshold_for_lexicon_decided_words_round_trips_and_defaults_to_off():
    model = shipped_model()
    assert TokenModel.from_json(model.to_json()).ruled_threshold == model.ruled_threshold
    assert TokenModel({"w=x": 1.0}, 0.0).ruled_threshold is None


@pytest.mark.parametrize(
    ("text", "lang", "word"),
    [
        # a nickname that is a plain noun, the subject of a person's doing or saying, in lower-case speech-to-text
        ("а сич каже що підвозу не буде", "uk", "сич"),
        ("а крук каже що завтра виходимо", "uk", "крук"),
        # a word that is a trade, told a message: "передай" makes it someone's name
        ("передай кочегару пусть перезвонит", "ru", "кочегару"),
        # a numbered station called twice in a lower-case radio line
        ("сто первый сто первый я берёза ответь", "ru", "первый"),
    ],
)
def test_a_common_word_used_as_a_name_in_context_is_masked_by_the_model(text, lang, word):
    # the rules alone leaked these until callsign19's call-sign frames (rules/entities/frames.py), which run after the
    # model: the model's second opinion still decides them first
    explanation = personal(text, lang).get(word, "")
    assert "learned second opinion" in explanation
    assert word not in redact_text(text, MASK, lang).text


@pytest.mark.parametrize(
    ("text", "lang", "word"),
    [
        # kinship words told a message stay: the spec says they are no personal data
        ("передай деду пусть не волнуется", "ru", "деду"),
        ("скажи брату пусть перезвонит", "ru", "брату"),
        ("передай соседу чтобы кур покормил", "ru", "соседу"),
        ("скажи мамі хай не хвилюється", "uk", "мамі"),
        # the same kind of nouns used for what they are
        ("гранит для памятника заказали", "ru", "гранит"),
        ("ангара разлилась дороги размыло", "ru", "ангара"),
        ("рыбаку с лодки не повезло сегодня", "ru", "рыбаку"),
        ("Тополь во дворе спилили после прилёта", "ru", "Тополь"),
        ("Кама разлилась, дороги размыло", "ru", "Кама"),
        ("Лопата сломалась, копаем сапёркой", "ru", "Лопата"),
        ("вишня цього року не вродила", "uk", "вишня"),
        ("Ворота, калитка, забор — всё снесло взрывом", "ru", "Ворота"),
        ("кузнец приходил вчера ворота чинить", "ru", "кузнец"),
        ("хмурый день какой-то, дождь опять", "ru", "хмурый"),
        # an endearment or a priest addressed at the opening: never the model's to mask
        ("Батюшка, помолитесь за сына, он завтра уезжает", "ru", "Батюшка"),
        ("братуха ты как там держишься", "ru", "братуха"),
    ],
)
def test_ordinary_nouns_kinship_and_endearments_stay_readable(text, lang, word):
    assert word not in personal(text, lang)
    assert word in redact_text(text, MASK, lang).text


@pytest.mark.parametrize("word", ["Батюшка", "братуха", "ротный", "мамі"])
def test_the_model_never_scores_kinship_role_and_endearment_words(word):
    assert never_scored(word)


def test_an_ordinal_in_a_list_of_ordinals_is_counting_not_a_station():
    text = "Первый, второй, третий — все на месте."
    doc = Doc(text, "ru")
    assert counting(doc.readable_text, doc.words, "ru", 0)
    assert "Первый" in redact_text(text, MASK, "ru").text
    radio = Doc("Первый, я Сотый, у меня двое трёхсотых", "ru")
    assert not counting(radio.readable_text, radio.words, "ru", 0)
