"""Counts in reports told as lists, and numbers that are part of a unit's ordinal (ANNOTATION.md, Counts).

Read as classes from the open corpus wave 4 (authors UJ, UK, UM) in the fifteenth session: a report that names the
unit by an ordinal before its list ("зведення по 72-й: загиблих — двоє, поранених — сім") took the unit's number as
the count of the dead and the next number as the count of the wounded; a round number in words that starts an
ordinal ("в двести первой бригаде", "з вісімдесят другої бригади") was read as two hundred or eighty men; a total
followed by "из них" and an adjective before its part ("трехсотых одиннадцать из них тяжелых четыре") lost its
count. The rows are hand-written, none is a corpus text.
"""

from __future__ import annotations

import pytest

from overheard.annotate.doc import Doc
from overheard.annotate.lexicon import compile_lexicon, load_lexicon

LEXICON = compile_lexicon(load_lexicon())


def counts(text: str, lang: str) -> list[tuple[str, int | None]]:
    """(category, count) of each casualty mention, in text order."""
    return [(m.category, m.count) for m in Doc(text, lang).casualties(LEXICON).mentions]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # a list after a dash: each number belongs to the word before it, not to the next word
    ("Зведення по 58-й: за добу загиблих — троє, поранених — дев'ять.", "uk", [("killed", 3), ("wounded", 9)]),
    ("Доклад по 3-й роте: погибших — один, раненых — шесть.", "ru", [("killed", 1), ("wounded", 6)]),
    ("По 2-й роте за сутки: двухсотых — два, трёхсотых — пять.", "ru", [("killed", 2), ("wounded", 5)]),
    # a total, then "из них" with a word before its part: the total is the count
    ("трехсотых девять из них тяжелых двое", "ru", [("wounded", 9)]),
    ("поранених у нас дванадцять, з них важких троє", "uk", [("wounded", 12)]),
    ("сводка по роте двухсотых два трехсотых двенадцать из них тяжелых пять", "ru", [("killed", 2), ("wounded", 12)]),
])
def test_a_report_list_gives_each_word_its_own_number(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("в двести первой бригаде хохлов сдалось в плен порядка тридцати", "ru", [("captured", 30)]),
    ("хлопці з сімдесят другої бригади взяли в полон кацапів близько двадцяти", "uk", [("captured", 20)]),
    ("у тридцять третьої роти двоє загиблих", "uk", [("killed", 2)]),
    ("наші з дев'яносто третьої бригади під бахмутом взяли в полон росіян десь сорок", "uk", [("captured", 40)]),
    ("в сто сорок первом полку трое раненых", "ru", [("wounded", 3)]),
    ("у меня сын в сто двадцатой бригаде второй месяц в плену", "ru", [("captured", 1)]),
])
def test_a_round_number_that_starts_an_ordinal_is_no_count(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("на заводе у отца печь двести вторую остановили ремонт на месяц", "ru"),
    ("Ніхто в сорок першій бригаді в полон не здавався, то все брехня.", "uk"),
    ("Никто из шестьдесят третьей бригады в плен не сдавался.", "ru"),
])
def test_an_ordinal_or_a_denial_makes_no_mention(text, lang):
    assert counts(text, lang) == []


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # a number that does count the men still does
    ("двухсотых двадцать, трёхсотых сорок", "ru", [("killed", 20), ("wounded", 40)]),
    ("трёхсотых шесть, из них двое тяжёлых", "ru", [("wounded", 6)]),
    ("здались в полон троє, один з них з Бурятії", "uk", [("captured", 3)]),
    ("двадцать двухсотых за неделю", "ru", [("killed", 20)]),
    # an imperfective "не сдавался" is holding out, not a denial: he was taken all the same
    ("до последнего в плен не сдавался, а потом всё равно взяли", "ru", [("captured", 1)]),
])
def test_numbers_that_count_the_men_are_kept(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Рыжов и Абдуллаев пропали без вести под Кореневом, в/ч 48312.", "ru", [("missing", 2)]),
    ("двоє зникли безвісти біля Вовчанська, в/ч А4417", "uk", [("missing", 2)]),
])
def test_a_units_code_after_the_mention_is_no_count(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # people named in a list after the header's colon: their number (ANNOTATION.md: a named person counts as one)
    ("Без вести пропавшие со второй роты: Кравцов Денис, Лыков, Гареев Айдар Ринатович, Сомов.", "ru",
     [("missing", 4)]),
    ("Загиблі за тиждень: Петрук Олег, Марченко, Ганжа Ігор і ще троє, прізвищ не знаю.", "uk", [("killed", 6)]),
    ("Погибшие: рядовой Лунин Сергей, девяносто шестого; ефрейтор Бахтин, восьмидесятого.", "ru", [("killed", 2)]),
    ("трёхсотые у нас: Бурый, Сокол и Тень", "ru", [("wounded", 3)]),
    ("Списки полонених, що мені дали: Гордієнко Назар з Умані, Бабич Роман, Кость.", "uk", [("captured", 3)]),
])
def test_people_listed_after_a_colon_are_counted(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Двухсотые: Ростов, Таганрог, Шахты — со всех концов везут.", "ru", [("killed", None)]),
    ("Раненые: ну что, Саша, Петя, как сказать вам, тяжело.", "ru", [("wounded", None)]),
])
def test_a_list_of_places_or_of_the_ones_spoken_to_is_no_count(text, lang, expected):
    assert counts(text, lang) == expected
