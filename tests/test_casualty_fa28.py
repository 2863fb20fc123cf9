"""False casualty alarms as classes of scene and grammar (fa28), read off the development half of the open authors
(corpus and hard negatives whose code ends in A C E G I K M O Q S U W, odd rounds): a loss told inside an exercise or
another war named earlier in its sentence (rules/casualties/scenes.py); a wound verb said of a thing ("антенну
посекло"); pay and benefits given to people of a kind ("трьохсотим відпустку дають", "за легке поранення — сто
тисяч"). Every sentence is made up for this file (none
copied from the corpus, the hard negatives or a round); each class has the reports beside it that must stay.
"""

from __future__ import annotations

import pytest

from overheard.annotate.analysis import analyze_text


def mentions(text: str, lang: str) -> list[tuple[str, int | None]]:
    return [(c["category"], c["count"]) for c in analyze_text(text, lang)["casualties"]]


# ------------------------------------------------------------- a drill, another war


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # an exercise, without "условно" before the word
        ("Сегодня учения были. Инструктор ходит и тычет пальцем: ты двухсотый, ты трёхсотый.", "ru"),
        ("На тренуванні мене весь день тягали по полю як трьохсотого.", "uk"),
        ("В школе «Зарница» была, брат в санитары записался, раненых бинтовал.", "ru"),
        ("По легенді навчань у колоні шість двохсотих, дев'ять трьохсотих, пишемо донесення.", "uk"),
        # another war, history
        ("Знайшов листи прадіда з Першої світової: пише, що в полку вбитих сотні.", "uk"),
        ("Замполит про Брестскую крепость рассказывал, как там почти все полегли.", "ru"),
        ("У бабусі в альбомі фото 1944 року, там її брат, що загинув під Будапештом.", "uk"),
    ],
)
def test_a_loss_told_in_a_drill_or_another_war_is_no_loss(text, lang):
    assert mentions(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("На полігоні прилетіла ракета — двоє двохсотих.", "uk", [("killed", 2)]),  # the drill turned real
        ("Учения были, потом прилетело по полигону, у нас трое раненых.", "ru", [("wounded", 3)]),
        ("На полигоне двое трёхсотых, один тяжёлый.", "ru", [("wounded", 2)]),  # a range is no drill
        ("Батя в Афгане трёхсотым был, теперь вот я. Ранен в плечо.", "ru", [("wounded", 1)]),  # now, not then
        ("Мой сын, 1998 года рождения, с весны в плену.", "ru", [("captured", 1)]),  # a year of birth, no old war
        ("Вов, слышал? Серёгу ранило под Работино.", "ru", [("wounded", 1)]),  # "Вов" is a name, not "ВОВ"
        ("Скинув тобі відео — це не Ізраїль, це наші вчора взяли в полон чотирьох кацапів.", "uk", [("captured", 4)]),
        ("Дед в Афгане воевал, а у нас вчера двое двухсотых.", "ru", [("killed", 2)]),  # a contrast
    ],
)
def test_a_report_beside_a_drill_or_an_old_war_stays(text, lang, expected):
    assert mentions(text, lang) == expected


# ------------------------------------------------------------- a wound verb said of a thing


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Все живы, только антенну посекло, кабель менять.", "ru"),
        ("Гаубицу накрыло, ствол посекло. Расчёт успел в укрытие.", "ru"),
        ("Машину посікло, колесо міняємо, всі цілі.", "uk"),
    ],
)
def test_a_wound_verb_said_of_a_thing_is_no_wound(text, lang):
    assert mentions(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Ногу посекло, везём на стаб.", "ru", [("wounded", 1)]),  # a part of the body
        ("Руку зачепило, але живий.", "uk", [("wounded", 1)]),
        ("Мехвода посекло осколками.", "ru", [("wounded", 1)]),  # a man
        ("Петра зачепило під час обстрілу, лежить у Павлограді.", "uk", [("wounded", 1)]),
    ],
)
def test_a_wound_verb_said_of_a_man_or_his_body_stays(text, lang, expected):
    assert mentions(text, lang) == expected


# ------------------------------------------------------------- pay and benefits for people of a kind


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Трёхсотым хоть страховку платят, а нам ничего.", "ru"),
        ("Трьохсотим тепер відпустку дають тільки після ВЛК.", "uk"),
        ("За легке поранення — сто тисяч, за тяжке — більше.", "uk"),
        ("За загиблого сім'ї виплачують п'ятнадцять мільйонів, так юрист сказав.", "uk"),
    ],
)
def test_pay_and_benefits_for_people_of_a_kind_are_no_loss(text, lang):
    assert mentions(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("У нас двое трёхсотых, страховку им так и не выплатили.", "ru", [("wounded", 2)]),
        ("Микола загинув, а за нього виплатили тільки половину.", "uk", [("killed", 1)]),
    ],
)
def test_a_loss_beside_pay_stays(text, lang, expected):
    assert mentions(text, lang) == expected
