"""Conventions of casualty mentions and counts that most corpus authors and the blind rounds follow (cas18, issue 17):
classes, not examples. Each is checked here on made-up sentences (none copied from the corpus or a round), with hard
negatives; docs/annotation-decisions.md records the two the lead decided on 2026-12-01.
"""

from __future__ import annotations

import pytest

from overheard.annotate.analysis import analyze_text


def mentions(text: str, lang: str) -> list[tuple[str, int | None, bool, str]]:
    return [(c["category"], c["count"], c["approximate"], c["side"]) for c in analyze_text(text, lang)["casualties"]]


def captured(text: str, lang: str) -> list[tuple[int | None, bool]]:
    found = analyze_text(text, lang)["casualties"]
    return [(c["count"], c["approximate"]) for c in found if c["category"] == "captured"]


# ------------------------------------------------------------- prisoner nouns with no verb of taking


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # one prisoner who speaks, sits, is seen or treated: one captured, the enemy the speaker's side holds
        ("Пленный сказал, что их ротный сбежал первым.", "ru", [("captured", 1, False, "enemy")]),
        ("Полонений розповів, що їм обіцяли відпустку після штурму.", "uk", [("captured", 1, False, "enemy")]),
        ("у нас в подвале сидит пленный совсем молодой плачет", "ru", [("captured", 1, False, "enemy")]),
        ("Я сьогодні годувала полоненого, він з-під Рязані.", "uk", [("captured", 1, False, "enemy")]),
        # prisoners with no number: a bare mention
        ("Полонені москалі в один голос кажуть, що їх кинули.", "uk", [("captured", None, False, "enemy")]),
        ("пленных держим в блиндаже кормим как себя", "ru", [("captured", None, False, "enemy")]),
        # the speaker's own prisoners, abused or shot by the enemy
        ("Бачив відео, як вони наших полонених б'ють.", "uk", [("captured", None, False, "own")]),
        # a wife of a prisoner of war: one, her own
        ("Я дружина військовополоненого, ми чекаємо обміну вже рік.", "uk", [("captured", 1, False, "own")]),
    ],
)
def test_a_prisoner_noun_naming_prisoners_who_exist_is_captured(text, lang, expected):
    assert mentions(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a maxim
        ("Запам'ятай, сину: полонений — це полонений.", "uk"),
        ("Пленный есть пленный, его не бьют.", "ru"),
        # an order or a habit denied
        ("Ротный сказал: пленных не брать.", "ru"),
        ("Мы пленных не трогаем, у нас с этим строго.", "ru"),
        ("У нас правило: полоненого не бити.", "uk"),
        ("злые все были, не до пленных", "ru"),
        # a plan to take one
        ("Хто приведе полоненого — тому відпустка, сказав комбат.", "uk"),
        ("Завтра будем пленных брать, готовьтесь.", "ru"),
        # prisoners as a class after a noun that governs them
        ("Завтра мітинг родин полонених біля ОДА.", "uk"),
        ("Я по поводу поиска пленных звоню.", "ru"),
        # a question and a condition
        ("А правда, что пленных там бьют?", "ru"),
        ("Если будут пленные, ведите к нам.", "ru"),
    ],
)
def test_prisoners_as_a_class_a_rule_or_a_plan_are_no_mention(text, lang):
    assert captured(text, lang) == []


def test_a_prisoner_among_a_group_taken_earlier_is_that_group():
    # "один з полонених", "серед полонених": a member of the group counted before, one entry
    assert mentions("Ми взяли в полон трьох. Один з полонених каже, що їх кинули.", "uk") == [
        ("captured", 3, False, "enemy")]
    assert mentions("Двоє наших потрапили в полон, Сокіл серед полонених.", "uk") == [("captured", 2, False, "own")]


def test_a_prisoner_shot_or_beaten_to_death_is_killed_only():
    assert mentions("Вчера пленного прямо у окопа застрелили.", "ru") == [("killed", 1, False, "enemy")]
    assert mentions("их пленного пацаны до смерти забили", "ru") == [("killed", 1, False, "enemy")]


# ------------------------------------------------------------- the rest of a group, a share of it


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the rest after the survivors are counted: no count, a vague group (the lead decided 2026-12-01)
        ("Из двадцати вернулись шестеро, остальные двухсотые.", "ru", [("killed", None, True)]),
        ("из тридцати пришло восемь остальные все трёхсотые", "ru", [("wounded", None, True)]),
        ("З роти лишилось семеро, решта поранені.", "uk", [("wounded", None, True)]),
        ("Вернулись четверо. Остальные — трёхсотые и двухсотые.", "ru",
         [("wounded", None, True), ("killed", None, True)]),
        # a share of a group, with or without the word for the rest
        ("Остальные — кто двухсотый, кто трёхсотый.", "ru", [("killed", None, True), ("wounded", None, True)]),
        ("Інші хто двохсотий, хто трьохсотий, хто в полоні.", "uk",
         [("killed", None, True), ("wounded", None, True), ("captured", None, True)]),
        ("с нашего призыва кто в плену кто без вести пропал", "ru",
         [("captured", None, True), ("missing", None, True)]),
        ("Кажуть, частина загинула, частина в полоні.", "uk", [("killed", None, True), ("captured", None, True)]),
    ],
)
def test_the_rest_of_a_group_and_a_share_of_it_are_a_vague_number(text, lang, expected):
    assert [m[:3] for m in mentions(text, lang)] == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a number that governs the word for the others counts them
        ("Троє нас було, я один вийшов. Двоє інших — двохсоті.", "uk", [("killed", 2, False)]),
        ("Остальные трое двухсотые, их забрали.", "ru", [("killed", 3, False)]),
        # the word for the others with a clause between it and the casualty word: the rules do not read it as the rest
        ("Из тридцати вышли семеро, остальные там остались, двухсотые.", "ru", [("killed", None, False)]),
        # one "кто" is no share: a relative clause
        ("Те, кто двухсотый, уже дома.", "ru", [("killed", 1, False)]),
    ],
)
def test_a_counted_rest_and_one_who_are_no_share(text, lang, expected):
    assert [m[:3] for m in mentions(text, lang)] == expected
