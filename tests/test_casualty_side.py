"""Whose losses a casualty mention reports: own, enemy or unknown (ANNOTATION.md, Side; issue 15)."""

from __future__ import annotations

import pytest

from overheard.annotate.analysis import analyze_text
from overheard.annotate.rules.casualties import SIDES


def sides(text: str, lang: str = "auto") -> list[tuple[str, str]]:
    result = analyze_text(text, lang=lang)
    for item in result["casualties"]:
        assert item["side"] in SIDES
        assert "side " in item["explanation"]  # the explanation says how the side was read
    return [(c["category"], c["side"]) for c in result["casualties"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # own: the speaker's side and the person spoken to
        ("у нас вчера трое двухсотых", [("killed", "own")]),
        ("наших трёхсотых увезли в госпиталь", [("wounded", "own")]),
        ("у вас двухсотые есть?", []),  # a question is no mention (and so no side)
        ("в нас двоє трьохсотих, легкі", [("wounded", "own")]),
        ("мого брата поранило під Куп'янськом", [("wounded", "own")]),
        ("с роты четверо ушли в сзч", [("deserted", "own")]),
        ("Серёгу ранило вчера, осколок в бедро", [("wounded", "own")]),  # a named man
        ("брат говорит, у них в роте пятеро двухсотых", [("killed", "own")]),  # "у них" of a brother's unit
        # enemy: a name for the other army or "their" right before the code word
        ("ихних двухсотых штук двадцать лежит", [("killed", "enemy")]),
        ("укропов положили человек двадцать", [("killed", "enemy")]),
        ("у хохлов трёхсотых полно", [("wounded", "enemy")]),
        ("орків поклали під Авдіївкою штук сорок", [("killed", "enemy")]),
        ("кацапів у полон взяли шестеро", [("captured", "enemy")]),
        ("у них, у всушников, двухсотых много", [("killed", "enemy")]),
        ("на той стороне трёхсотых полные машины", [("wounded", "enemy")]),
        ("Скільки там москалів лишилось? — Двохсотих десятка два.", [("killed", "enemy")]),
        # both in one sentence, split by a contrast
        ("ихних двухсотых сорок, а у нас один трёхсотый", [("killed", "enemy"), ("wounded", "own")]),
        ("русні поклали чоловік тридцять, а в нас двоє трьохсотих", [("killed", "enemy"), ("wounded", "own")]),
        # the enemy as subject or captor is not whose losses they are
        ("укропы наших положили человек пять", [("killed", "own")]),
        ("у нас всё тихо, а вот хохлов положили много", [("killed", "enemy")]),  # "хохлов" is also a surname
        ("у ворога двохсоті і трьохсоті", [("killed", "enemy"), ("wounded", "enemy")]),
        ("двое наших в плену у хохлов", [("captured", "own")]),
        ("ми їх поклали штук десять, орків тих", [("killed", "enemy")]),
        # unknown: nothing decides
        ("двухсотых много везут", [("killed", "unknown")]),
        ("машина пришла за двухсотыми", [("killed", "unknown")]),  # "машина" is no surname
        ("у них там за ночь двухсотых с десяток, говорят", [("killed", "unknown")]),
    ],
)
def test_side_of_each_mention(text, expected):
    assert sides(text) == expected


def test_two_sides_are_two_groups_and_one_side_carries_over_to_its_group():
    # the same category of both armies is never merged; a vague amount and a number of one side are one group
    assert sides("ихних двухсотых много, и наших двухсотых двое") == [("killed", "enemy"), ("killed", "own")]
    result = analyze_text("Русні сьогодні багато наклали, двохсотих штук п'ятнадцять лежить біля посадки.")
    assert [(c["count"], c["approximate"], c["side"]) for c in result["casualties"]] == [(15, True, "enemy")]


def test_the_side_is_a_finding_attribute():
    from overheard.annotate.doc import Doc
    from overheard.annotate.registry import create

    annotator = create("casualties")
    findings = annotator.annotate(Doc(text="у укропов двухсотых штук тридцать", language="ru"))
    assert [f.attributes["side"] for f in findings] == ["enemy"]
