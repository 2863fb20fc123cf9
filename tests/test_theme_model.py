"""The learned theme model: a second opinion that adds themes said in words no cue lists, each with its clause,
its heaviest words and its probability as evidence; it never adds casualty_report, never overrides the rules,
leaves plain family talk alone, trains deterministically, and can be switched off."""

from __future__ import annotations

import json

import pytest

from overheard.annotate import registry
from overheard.annotate.components.themes import ThemeAnnotator
from overheard.annotate.doc import Doc
from overheard.annotate.rules.linear import fit_logistic, logistic
from overheard.annotate.rules.theme_model import (
    MODEL_THEMES,
    ThemeModel,
    model_themes,
    shipped_theme_model,
    text_features,
    token_features,
)
from overheard.annotate.rules.themes import EvidenceKind

WITH_MODEL, RULES_ONLY = ThemeAnnotator(), ThemeAnnotator(theme_model=False)


def themes(annotator: ThemeAnnotator, text: str, lang: str = "ru") -> dict[str, object]:
    return {hit.theme: hit for hit in annotator.hits(Doc(text, lang))}


@pytest.mark.parametrize(
    ("text", "theme", "clause"),
    [
        # the command's rewards against the men's lot, with no cue word of command criticism
        ("начальство в штабе ордена делит, а мы тут за всех отдуваемся", "command_criticism",
         "начальство в штабе ордена делит"),
        # a shortage stated as a share ("one for three"), bought by the men themselves
        ("броники одни на троих, а каски купили сами", "supply_shortage", "броники одни на троих"),
    ],
)
def test_the_model_adds_a_theme_the_cues_miss_with_its_clause_as_evidence(text, theme, clause):
    assert theme not in themes(RULES_ONLY, text)
    hit = themes(WITH_MODEL, text)[theme]
    assert text[hit.start : hit.end] == clause
    (evidence,) = hit.evidence
    assert evidence.kind is EvidenceKind.MODEL
    assert evidence.text.startswith("theme model p=") and "words: " in evidence.text
    assert shipped_theme_model().threshold <= hit.score <= 1.0
    words = evidence.detail.split(", ")
    assert 1 <= len(words) <= 3 and all(word in clause for word in words)


@pytest.mark.parametrize(
    "text",
    [
        "кинь 300 на карту, мама, и телефон пополни",
        "картошку выкопали, двенадцать мешков, корова отелилась",
        "вибач, мамо, не можу говорити, зв'язку нема, все добре",
        "в субботу у Лены день рождения, торт заказали",
    ],
)
def test_family_small_talk_and_money_get_no_theme_from_the_model(text):
    lang = "uk" if "мамо" in text else "ru"
    assert themes(WITH_MODEL, text, lang) == themes(RULES_ONLY, text, lang) == {}


def test_the_rules_own_themes_stay_as_the_rules_found_them():
    text = "командир тупой гонит нас как мясо, а сам в тылу сидит"
    ruled = themes(RULES_ONLY, text)["command_criticism"]
    assert themes(WITH_MODEL, text)["command_criticism"] == ruled  # same score, span and cue evidence


def test_casualty_report_is_never_the_models():
    model = shipped_theme_model()
    assert "casualty_report" not in model.themes and set(model.themes) == set(MODEL_THEMES)
    text = "мужиков местных у забора положили, а дома их все вынесли"
    assert ("casualty_report" in themes(WITH_MODEL, text)) == ("casualty_report" in themes(RULES_ONLY, text))


def test_each_utterance_is_scored_on_its_own_words():
    text = "Сын: броники одни на троих, а каски купили сами\nМать: картошку выкопали, двенадцать мешков"
    hits = WITH_MODEL.hits(Doc(text, "ru"))
    shortage = [h for h in hits if h.theme == "supply_shortage"]
    assert [h.utterance for h in shortage] == [0]
    assert text[shortage[0].start : shortage[0].end] == "броники одни на троих"


def test_features_are_lemmas_negated_lemmas_and_lemma_pairs():
    doc = Doc("нас не кормят, бинтов нет", "ru")
    features = {f for _, f in token_features(doc.tokens, 0, len(doc.tokens), "ru")}
    assert {"lang=ru", "w=кормить", "n=кормить", "b=не_кормить", "w=бинт", "b=бинт_нет"} <= features
    assert "b=кормить_бинт" not in features  # the comma ends the pair
    assert text_features(doc.tokens, "ru") == sorted(features)


def test_training_is_deterministic_and_learns_what_separates_the_examples():
    examples = [(["w=каска", "w=нет"], 1), (["w=бинт", "w=нет"], 1), (["w=каска", "w=есть"], 0),
                (["w=мама", "w=привет"], 0), (["w=нет", "w=патрон"], 1), (["w=есть", "w=патрон"], 0)] * 5
    first = fit_logistic(examples, l2=0.1, epochs=400, min_count=1)
    assert first == fit_logistic(examples, l2=0.1, epochs=400, min_count=1)
    weights, bias = first
    assert weights["w=нет"] > 0 > weights["w=есть"]
    assert logistic(bias + weights["w=нет"] + weights["w=каска"]) > 0.5 > logistic(
        bias + weights["w=есть"] + weights["w=каска"])


def test_a_model_round_trips_through_its_data_file_and_scores_by_its_threshold():
    model = ThemeModel(("supply_shortage",), {"supply_shortage": {"w=бинт": 3.0, "n=кормить": 2.5}},
                       {"supply_shortage": -2.0}, 0.6, {"version": "test"})
    again = ThemeModel.from_json(model.to_json())
    assert again == model and json.loads(model.to_json())["meta"] == {"version": "test"}
    doc = Doc("бинтов опять привезли мало", "ru")
    (found,) = model_themes(doc.tokens, 0, len(doc.tokens), "ru", again)
    assert found.theme == "supply_shortage" and found.probability == round(logistic(1.0), 3)
    assert found.words == ("бинтов",)
    assert model_themes(doc.tokens, 0, len(doc.tokens), "ru", again, found=("supply_shortage",)) == []
    calm = Doc("привезли всё, что просили", "ru")
    assert model_themes(calm.tokens, 0, len(calm.tokens), "ru", again) == []


def test_the_model_can_be_switched_off_per_pipeline_and_the_version_says_which():
    spec = registry.spec("themes")
    assert spec.default_config["theme_model"] is True
    off = spec.create(theme_model=False)
    assert off.model is None and "+model" not in off.version
    assert f"+model{shipped_theme_model().meta['version']}" in WITH_MODEL.version
    text = "начальство в штабе ордена делит, а мы тут за всех отдуваемся"
    assert all(item.kind is not EvidenceKind.MODEL for hit in off.hits(Doc(text, "ru")) for item in hit.evidence)


def test_the_shipped_model_says_what_it_was_trained_on():
    meta = shipped_theme_model().meta
    assert meta["script"] == "scripts/train_theme_model.py"
    assert any(name.startswith("corpus/") for name in meta["trained_on"])
    assert meta["texts"] >= 6000


# Hard negatives of earlier rounds that the model reads as the theme (marked MODEL_FALSE_ALARM where they stand;
# docs/accuracy.md): the cue rules alone pass every one of them, so the error is the model's.
KNOWN_FALSE_ALARMS = [
    ("Я в военкомат ходила, там опять ничего не знают.", "ru", "mobilization"),
    ("з ТЦК подзвонили, сказали що тіло знайшли", "uk", "mobilization"),
    ("автобус забрал всех пассажиров и уехал", "ru", "mobilization"),
    ("Зарплату обещали двадцатого, двести тысяч. Как придёт — верну.", "ru", "supply_shortage"),
    ("Нет. Вода есть, еда есть, всё нормально.", "ru", "supply_shortage"),
    ("Я сам пошёл в магазин, никто не гнал.", "ru", "pro_war"),
    ("Командир уехал в штаб. Вовка дурак, опять проспал.", "ru", "command_criticism"),
    ("ротный в подвале сидит, а мы на позиции", "ru", "punishment"),
    ("я не хочу домой пока не закончим", "ru", "wants_to_leave"),
]


@pytest.mark.parametrize(("text", "lang", "theme"), KNOWN_FALSE_ALARMS)
def test_known_false_alarms_are_the_models_alone(text, lang, theme):
    assert theme not in themes(RULES_ONLY, text, lang)
    hit = themes(WITH_MODEL, text, lang)[theme]
    assert [item.kind for item in hit.evidence] == [EvidenceKind.MODEL]  # an analyst sees it is the model's
