"""False casualty alarms as classes (fa27), read off the development half of the open authors (corpus and hard
negatives whose code ends in A C E G I K M O Q S U W, odd rounds): an ordinal code said of a weapon, a drone or a
vehicle, and two code words joined by a comma before one denial. Every sentence is made up for this file (none copied
from the corpus, the hard negatives or a round); each class has the reports beside it that must stay as they are.
"""

from __future__ import annotations

import pytest

from overheard.annotate.analysis import analyze_text


def mentions(text: str, lang: str) -> list[tuple[str, int | None, bool]]:
    return [(c["category"], c["count"], c["approximate"]) for c in analyze_text(text, lang)["casualties"]]


# ------------------------------------------------------------- an ordinal code said of a thing of war


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Танк двухсотый, башню сорвало, экипаж весь живой.", "ru"),
        ("Подтверждаю: вражеский бтр двухсотый, дымит у лесополосы.", "ru"),
        ("Птичка трёхсотая, но до точки дотянула.", "ru"),
        ("Коробочка у меня двухсотая, мотор встал, тягач нужен.", "ru"),
        ("короче сбили его, двухсотый мавик, а новый брать не на что", "ru"),
        ("Гармата наша трьохсота, приціл побитий, розрахунок цілий.", "uk"),
        ("Пташка трьохсота, але повернулась. Друга двохсота, лежить за посадкою.", "uk"),
        ("Гаубица трёхсотая, течёт. Вторая вообще двухсотая после прилёта.", "ru"),
        ("танк русні двохсотий горить на узліссі", "uk"),
    ],
)
def test_an_ordinal_code_said_of_a_weapon_or_vehicle_is_no_loss(text, lang):
    assert mentions(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Танк подбили, мехвод двухсотый.", "ru", [("killed", 1, False)]),  # the man beside the tank is the code's
        ("Из танка вытащили двухсотого, наводчика.", "ru", [("killed", 1, False)]),
        ("Птичка видела, там двухсотый лежит у посадки.", "ru", [("killed", 1, False)]),  # another gender
        ("У нас один двухсотый, танк сгорел.", "ru", [("killed", 1, False)]),
        ("Дрон прилетел, Вася трёхсотый.", "ru", [("wounded", 1, False)]),
        ("Танк сгорел. Один двухсотый, второй трёхсотый.", "ru", [("killed", 1, False), ("wounded", 1, False)]),
        ("По бэхе прилёт, механик трёхсотый, наводчик двухсотый.", "ru", [("wounded", 1, False), ("killed", 1, False)]),
        ("Машину накрило, Петро трьохсотий, везуть на стаб.", "uk", [("wounded", 1, False)]),
    ],
)
def test_a_man_beside_a_thing_of_war_stays_a_loss(text, lang, expected):
    assert mentions(text, lang) == expected


# ------------------------------------------------------------- two code words, one denial


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Без изменений, двухсотых, трёхсотых нет, воды мало.", "ru"),
        ("Двохсотих, трьохсотих нема, всі на місці.", "uk"),
        ("трёхсотых, двухсотых нет, бьют с утра по квадрату", "ru"),
        ("За ночь двухсотых, трёхсотых не было.", "ru"),
    ],
)
def test_a_denial_after_two_code_words_joined_by_a_comma_denies_both(text, lang):
    assert mentions(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Двухсотые есть, трёхсотых нет.", "ru", [("killed", None, False)]),
        ("Двухсотых двое, трёхсотых нет.", "ru", [("killed", 2, False)]),
        ("Двохсотих троє, трьохсотих нема.", "uk", [("killed", 3, False)]),
        ("У нас двухсотых, трёхсотых много.", "ru", [("killed", None, True), ("wounded", None, True)]),
    ],
)
def test_a_word_the_denial_does_not_reach_stays(text, lang, expected):
    assert mentions(text, lang) == expected
