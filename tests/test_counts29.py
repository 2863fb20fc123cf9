"""Counts as classes, read from the DEV half of the open authors in the eighteenth session (counts29).

ANNOTATION.md, Counts: an update of one group's number counts as the latest number (the lead decided 2026-12-02:
docs/annotation-decisions.md); a ten or a hundred scaled ("десятка півтора", "сотні дві", "пів сотні") is about that
number; a whole formation said to be lost ("батальон положили", "три роти поклали", "до роты убитыми") and a sea, a
third, every third man, a cellar full are vague quantities (count null, approximate). Every row is made up for the
test, none is a corpus or round text; the negatives beside them must keep their reading.
"""

from __future__ import annotations

import pytest

from overheard.annotate.doc import Doc
from overheard.annotate.lexicon import compile_lexicon, load_lexicon

LEXICON = compile_lexicon(load_lexicon())


def counts(text: str, lang: str) -> list[tuple[str, int | None, bool]]:
    """(category, count, approximate) of each casualty mention, in text order."""
    return [(m.category, m.count, m.approximate) for m in Doc(text, lang).casualties(LEXICON).mentions]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # the lead's decision: an update is one mention counted as the latest number
    ("было 9 трёхсотых стало 11", "ru", [("wounded", 11, False)]),
    ("Было двое двухсотых, стало четверо.", "ru", [("killed", 4, False)]),
    ("Вчера двое пятисотых, сегодня уже шестеро.", "ru", [("refused", 6, False)]),
    ("вчора четверо трьохсотих а сьогодні вже семеро", "uk", [("wounded", 7, False)]),
    ("Утром трое без вести, сейчас уже пятеро.", "ru", [("missing", 5, False)]),
])
def test_an_update_counts_as_the_latest_number(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # no "уже": the day's number is another group, the first count stays
    ("Вчера двое трёхсотых, сегодня ещё трое.", "ru", [("wounded", 2, False)]),
    # no earlier time: "уже" alone is no update
    ("Двое трёхсотых сегодня уже в госпитале.", "ru", [("wounded", 2, False)]),
    # "было" with no new number
    ("Было у нас трое двухсотых, стало тихо.", "ru", [("killed", 3, False)]),
])
def test_no_update_where_no_new_number_is_given(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Десятка півтора трьохсотих вивезли вночі.", "uk", [("wounded", 15, True)]),
    ("полтора десятка двухсотых у них там лежит", "ru", [("killed", 15, True)]),
    ("Кажуть, загиблих у них сотні півтори.", "uk", [("killed", 150, True)]),
    ("у ворога двохсотих сотні дві не менше", "uk", [("killed", 200, True)]),
    ("Там где-то сотни три двухсотых ихних.", "ru", [("killed", 300, True)]),
    ("Полонених у нас уже пів сотні.", "uk", [("captured", 50, True)]),
    ("Півсотні поранених за тиждень.", "uk", [("wounded", 50, True)]),
    ("Полсотни пятисотых в бригаде.", "ru", [("refused", 50, True)]),
    ("У них по сотні двохсотих щотижня.", "uk", [("killed", 100, True)]),
    ("пятисотих у нас человік десять", "uk", [("refused", 10, True)]),  # Surzhyk "человік"
    ("двохсотих там десь пятнадцять", "uk", [("killed", 15, True)]),  # Surzhyk "пятнадцять"
])
def test_a_ten_or_a_hundred_scaled_is_about_that_number(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # a pronoun or a noun the number cannot govern starts a new clause: the number before it is the count
    ("у нас вчора трьохсотих було з десяток мене не зачепило", "uk", [("wounded", 10, True)]),
    ("двухсотых за ночь привезли больше тридцати госпиталь уже не принимает", "ru", [("killed", 30, True)]),
    # a governed noun is what the number counts: no count of the dead
    ("двухсотых вывезли, три машины ушли", "ru", [("killed", None, False)]),
])
def test_a_number_before_a_word_it_cannot_govern_is_the_count(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Под Угледаром батальон положили за неделю.", "ru", [("killed", None, True)]),
    ("За ніч дві роти поклали, а їх далі женуть.", "uk", [("killed", None, True)]),
    ("Під Торецьком пів нашого батальйону поклали за два дні.", "uk", [("killed", None, True)]),
    ("противник потерял до взвода убитыми", "ru", [("killed", None, True)]),
    ("Уничтожено до роты противника.", "ru", [("killed", None, True)]),
    ("Роту нашу под Кременной в плен взяли.", "ru", [("captured", None, True)]),
    ("Бригада с Купянска отказалась идти на штурм.", "ru", [("refused", None, True)]),
])
def test_a_whole_formation_lost_is_a_vague_many(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # the formation is where the men come from, or another noun's: their own count or one man
    ("С роты трое погибли.", "ru", [("killed", 3, False)]),
    ("З нашого батальйону двоє в полоні.", "uk", [("captured", 2, False)]),
    ("В батальоне двое раненых.", "ru", [("wounded", 2, False)]),
    ("Командир роты погиб под Бахмутом.", "ru", [("killed", 1, False)]),
    ("Командир нашей роты погиб.", "ru", [("killed", 1, False)]),
    ("Полк потерял двоих убитыми.", "ru", [("killed", 2, False)]),
    ("Роту вывели, трое раненых.", "ru", [("wounded", 3, False)]),
    # the formation named, and the men counted beside it: the people count
    ("Второй взвод отказался идти, восемь человек.", "ru", [("refused", 8, False)]),
    ("Четверта рота відмовилась виходити. Не вся, чоловік двадцять.", "uk", [("refused", 20, True)]),
    ("Цілий взвод зник безвісти, тридцять людей.", "uk", [("missing", 30, False)]),
])
def test_a_formation_that_is_not_the_group_keeps_the_count(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("у них трёхсотых море, вывозить не успевают", "ru", [("wounded", None, True)]),
    ("москалів там до біса двохсотих лежить", "uk", [("killed", None, True)]),
    ("У них п'ятисотих повний підвал сидить.", "uk", [("refused", None, True)]),
    ("Госпиталь ранеными забит, класть некуда.", "ru", [("wounded", None, True)]),
    ("Везуть ешелонами своїх двохсотих.", "uk", [("killed", None, True)]),
    ("У нас в роте каждый третий пятисотый.", "ru", [("refused", None, True)]),
    ("У бригаді вже третина п'ятисотих.", "uk", [("refused", None, True)]),
    ("А трёхсотых я уже и не считаю.", "ru", [("wounded", None, True)]),
    ("Десятеро загинули, а дехто здався в полон.", "uk", [("killed", 10, False), ("captured", None, True)]),
])
def test_a_sea_a_third_or_a_cellar_full_is_a_vague_many(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Поехали на море, там двое раненых лежали.", "ru", [("wounded", 2, False)]),
    ("Полтора года уже, а трое без вести так и числятся.", "ru", [("missing", 3, False)]),
    ("Трёхсотый у нас один, каждый день звонит.", "ru", [("wounded", 1, False)]),
    # "третью" is an ordinal here, not "a third"; "не считал" is "I did not count", no many
    ("Колёса две лысые, третью вчера пробил, а трое раненых в машине.", "ru", [("wounded", 3, False)]),
    ("Трёхсотых сколько-то, я не считал.", "ru", [("wounded", None, False)]),
])
def test_words_of_a_vague_many_elsewhere_leave_the_count_alone(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("батюшка помяните всех кто двухсотый с нашей роты список у вас там семь фамилий", "ru", [("killed", 7, False)]),
    ("Пам'ятник ставлять тим, хто загинув. Вже вісім прізвищ з нашого села.", "uk", [("killed", 8, False)]),
    ("Андрей без вести пропавший. Их таких, говорят, с роты девять.", "ru", [("missing", 9, False)]),
])
def test_names_papers_and_their_kind_stand_for_the_men(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # a number of other things, or a paper word with no number: the count stays
    ("Кто погиб, тех в список внесли, там три страницы.", "ru", [("killed", 1, False)]),
    ("Двухсотых двое, фамилии я тебе скину.", "ru", [("killed", 2, False)]),
    ("Серёга в плену. Их таких у них там пять рот стоит.", "ru", [("captured", 1, False)]),
])
def test_no_paper_count_without_a_number_of_papers(text, lang, expected):
    assert counts(text, lang) == expected
