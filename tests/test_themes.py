"""Themes, and the scored development set (tests/data/casualty_dev.jsonl, ANNOTATION.md rules)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import rule_themes

from overheard.annotate.analysis import analyze_text, evaluate
from overheard.annotate.components.themes import ThemeAnnotator
from overheard.annotate.rules.themes import THEMES, theme_rules
from overheard.model import Document, FindingKind

DEV = Path(__file__).parent / "data" / "casualty_dev.jsonl"
CATEGORIES = {"killed", "wounded", "refused", "missing", "captured", "deserted"}


def load_dev() -> list[dict]:
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


def themes_of(text: str) -> set[str]:
    return {t["theme"] for t in analyze_text(text)["themes"]}


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("хочу домой мам забери меня отсюда", "wants_to_leave"),
        ("хочу додому, забери мене звідси", "wants_to_leave"),
        ("я не пойду на штурм и всё", "refusal"),
        ("в соч уйти хочу", "desertion"),
        ("позвоню на хочу жить и сдамся", "surrender"),
        ("трое двухсотых", "casualty_report"),
        ("командир тупой гонит нас как мясо", "command_criticism"),
        ("его в яму посадили за отказ", "punishment"),
        ("патронов нет жрать нечего", "supply_shortage"),
        ("это не наша война", "anti_war"),
        ("будем воевать до победы", "pro_war"),
        ("повестку принесли брату", "mobilization"),
        ("мирных расстреляли в селе", "war_crime"),
        ("за что мы тут умираем никто не может объяснить", "anti_war"),
        ("лишь бы живым вернуться", "wants_to_leave"),
        ("кто назад отходит того свои же расстреливают", "punishment"),
        ("наш комбат в тылу сидит а нас гонит вперёд", "command_criticism"),
        # support missing when sent is the command's choice (the blind authors, 9 of 12 times since round 2)
        ("нас бросили без прикрытия без артиллерии", "command_criticism"),
        # issue 17: the themes said without their keywords
        ("ротному медаль дали, а нам только похоронки", "command_criticism"),
        ("отцы-командиры только о наградах думают", "command_criticism"),
        ("штаб докладывает что всё идёт по плану, а у нас полроты нет", "command_criticism"),
        ("кто телефон спалит, того в зиндан", "punishment"),
        ("доведём дело до конца, мам", "pro_war"),
        ("ми тут за свою землю стоїмо", "pro_war"),
        ("эвакуации никакой, раненых на себе тащим", "supply_shortage"),
        ("води не підвозять третій день", "supply_shortage"),
        ("у людей всё повыносили, даже стиралку", "war_crime"),
        ("пленных у нас не берут, сразу в расход", "war_crime"),
        ("пусть сажают, только не обратно", "wants_to_leave"),
        ("скорей бы это всё закончилось и домой", "wants_to_leave"),
        ("обещали отпустить через год, а теперь до конца СВО", "mobilization"),
    ],
)
def test_theme_cues(text, theme):
    assert theme in themes_of(text)


@pytest.mark.parametrize(
    "text",
    ["трёхсотых нет слава богу", "в 300 метрах от нас", "думаю в соч уйти", "может в плену он"],
)
def test_casualty_report_only_with_a_mention(text):
    assert "casualty_report" not in themes_of(text)


def test_violence_against_prisoners_is_a_war_crime_not_a_punishment():
    found = themes_of("пленного украинца избили до смерти прямо у нас на глазах")
    assert "war_crime" in found and "punishment" not in found
    assert "punishment" in themes_of("его избили и в яму посадили за отказ")


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # everyday wording next to the cue classes of issue 17 that must stay quiet
        ("пацаны вчера в подвал спустились и их там накрыло", "punishment"),  # shelter, not a pit
        ("приказа пока нет, ждём", "command_criticism"),
        ("по плану завтра баня, всё идёт по плану", "command_criticism"),
        ("мы пришли домой поздно", "anti_war"),
        ("ушел на сво добровольцем, теперь жалеет", "wants_to_leave"),  # his regret, not the speaker's plan
        ("командир у нас нормальный мужик, за пацанов горой", "command_criticism"),
        ("деньги пришли, спасибо, всё нормально", "supply_shortage"),
        ("обещали три дня отдыха, а дали один", "mobilization"),
    ],
)
def test_everyday_wording_is_no_theme(text, theme):
    assert theme not in themes_of(text)


def test_negated_cue_does_not_fire():
    assert "wants_to_leave" not in rule_themes("я не хочу домой пока не закончим", "ru")


def test_every_theme_has_rules_or_derivation():
    rules = theme_rules()
    cued = {cue.theme for cues in rules.by_first.values() for cue in cues}
    assert cued | {"casualty_report"} == set(THEMES)


def test_themes_per_utterance_and_per_call():
    text = "у нас трое двухсотых\nхочу домой\nпатронов нет\nдвое трёхсотых"
    doc = Document(text, "ru", utterances=((0, 20), (21, 31), (32, 44), (45, 59)))
    findings = ThemeAnnotator().annotate(doc)
    assert all(f.kind == FindingKind.THEME for f in findings)
    per_utterance = [(f.label, f.attributes["utterance"]) for f in findings if f.attributes["scope"] == "utterance"]
    assert ("casualty_report", 0) in per_utterance and ("casualty_report", 3) in per_utterance
    assert ("wants_to_leave", 1) in per_utterance and ("supply_shortage", 2) in per_utterance
    calls = {f.label: f for f in findings if f.attributes["scope"] == "call"}
    assert calls["casualty_report"].attributes["utterances"] == 2
    for finding in findings:
        finding.check_against(text)
        assert finding.explanation


def test_dev_set_is_big_and_varied_enough():
    records = load_dev()
    assert len(records) >= 200
    assert len({r["id"] for r in records}) == len(records)
    assert sum(r["lang"] == "uk" for r in records) >= 30
    hard = [r for r in records if r.get("hard_negative")]
    assert len(hard) >= 40 and all(not r["casualties"] for r in hard)
    for record in records:
        assert set(record["themes"]) <= set(THEMES)
        for mention in record["casualties"]:
            assert mention["category"] in CATEGORIES
        reported = any(m["category"] in {"killed", "wounded", "missing", "captured"} for m in record["casualties"])
        assert reported == ("casualty_report" in record["themes"]), record["id"]


def test_dev_set_scores():
    result = evaluate(load_dev())
    report = "\n".join(result.errors)
    assert result.casualty_f1 >= 0.95, report
    assert result.count_accuracy >= 0.95, report
    assert result.theme_f1 >= 0.85, report


UNSEEN_CLASSES = ("cardinal", "code_verb", "uk_forms", "next_sentence", "plain_count", "money", "side", "theme_cc",
                  "theme_pu", "theme_pw", "theme_ss", "theme_wc", "theme_wl", "theme_mo")


@pytest.mark.parametrize("name", UNSEEN_CLASSES)
def test_each_class_of_unseen_wording_holds(name):
    # issue 17: ten or more dev sentences per class of wording the rules were generalised for (ids "uw-<class>-NN");
    # each class keeps its scores, so a later change that breaks a class is seen here, not in the pooled figure
    records = [r for r in load_dev() if r["id"].rsplit("-", 1)[0] == f"uw-{name}"]
    assert len(records) >= 5
    result = evaluate(records)
    report = "\n".join(result.errors)
    assert result.casualty_fp + result.casualty_fn <= 0, report
    assert result.count_accuracy >= 0.85, report
    assert result.theme_f1 >= 0.80 or name == "money", report  # "money" holds hard negatives: no mention at all
    sides = [(g.get("side"), p["side"]) for r in records
             for g, p in zip(r["casualties"], analyze_text(r["text"], r["lang"])["casualties"], strict=False)]
    assert sum(g == p for g, p in sides) >= 0.9 * len(sides), sides
