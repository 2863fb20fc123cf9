"""Spurious casualty mentions as classes (fa31), read off the development half of the open authors (corpus and hard
negatives whose code ends in A C E G I K M O Q S U W, odd rounds) and measured on the other half as figures: a list of
prisoners searched with nothing found, and a count the speaker takes back before telling the right one. Every
sentence is made up for this file (none copied from the corpus, the hard negatives or a round); each class has the
reports beside it that must stay.
"""

from __future__ import annotations

import pytest

from overheard.annotate.analysis import analyze_text


def mentions(text: str, lang: str) -> list[tuple[str, int | None]]:
    return sorted((c["category"], c["count"]) for c in analyze_text(text, lang)["casualties"])


# ------------------------------------------------------------- a list of prisoners searched with nothing found


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("В списках погибших его нет, в списках пленных тоже. Ждите, ищем дальше.", "ru"),
        ("Пробьём его по спискам пленных, перезвоните в пятницу.", "ru"),
        ("Перевіримо ще раз за списками полонених, залиште телефон.", "uk"),
        ("Ми його шукали у списках полонених, а він у шпиталі у Дніпрі лежить з грипом.", "uk"),
    ],
)
def test_a_list_of_prisoners_searched_in_vain_names_no_prisoner(text, lang):
    assert mentions(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Искали его в списках пленных и нашли, живой, ждём обмена.", "ru", [("captured", 1)]),
        ("Вашего Игоря нашли в списке пленных.", "ru", [("captured", 1)]),
        ("Наш Богдан у списках полонених є, живий.", "uk", [("captured", 1)]),
        ("Перевірили за списками полонених — знайшли Мирона, він у Курську.", "uk", [("captured", 1)]),
    ],
)
def test_a_man_found_in_a_list_of_prisoners_stays_captured(text, lang, expected):
    assert mentions(text, lang) == expected


# ------------------------------------------------------------- a count taken back, then told right


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Утром доложили пятерых двухсотых — ошибка, один живой. Двухсотых четверо.", "ru", [("killed", 4)]),
        ("Говорили, у нас двадцать трёхсотых — это слухи, у меня два трёхсотых, оба лёгкие.", "ru",
         [("wounded", 2)]),
        ("Спочатку передали сім двохсотих. Потім уточнили: двохсотих п'ятеро.", "uk", [("killed", 5)]),
        ("Учора подав трьох трьохсотих, помилився. Трьохсотих двоє, третій цілий.", "uk", [("wounded", 2)]),
    ],
)
def test_a_count_taken_back_is_one_group_counted_as_corrected(text, lang, expected):
    assert mentions(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Вчера трое двухсотых. Сегодня уточнили: ещё двое двухсотых, с третьего взвода.", "ru",
         [("killed", 2), ("killed", 3)]),  # more men, another group
        ("У нас трое двухсотых, у соседей пятеро трёхсотых, и это не слухи.", "ru",
         [("killed", 3), ("wounded", 5)]),  # another category
    ],
)
def test_more_men_after_a_correction_word_stay_their_own_group(text, lang, expected):
    assert mentions(text, lang) == expected
