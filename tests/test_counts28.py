"""Counts told away from the casualty word, as classes (ANNOTATION.md, Counts; "One entry per group").

Read as classes from the DEV half of the open authors in the seventeenth session (counts28): one man and the
companions told after him ("Мурада обнулили. С ним трое были", "Тарасик загинув. І ще четверо з його взводу", "Его и
ещё семерых взяли"), "с/з" before a nominative number ("трёхсотых с тридцать"), a count updated or corrected ("было
трое, стало пятеро"), people named in apposition after a plural word, a unit's code, a report's total after its list,
and the men another casualty word describes ("Двоих пятисотых обнулили"). Every row is made up for the test, none is
a corpus or round text; the negatives beside them must keep their reading.
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
    # "с ним (ещё) N" in the sentence of the words or in one of the next two
    ("Рустама убило на переправе. С ним двое было, их тоже.", "ru", [("killed", 3, False)]),
    ("Петра взяли в плен под Кременной, а с ним ещё пятеро из взвода.", "ru", [("captured", 6, False)]),
    ("Остапа забрали в полон біля Кринок, разом з ним ще троє хлопців.", "uk", [("captured", 4, False)]),
    ("Ярослав пішов у СЗЧ після відпустки. Разом з ним ще двоє.", "uk", [("deserted", 3, False)]),
    ("Ефрейтор Лапин самовольно оставил часть, с ним ещё один из роты.", "ru", [("deserted", 2, False)]),
    # "и (ещё) N с ним", "його і ще N"
    ("вадик без вести уже неделю и трое с ним", "ru", [("missing", 4, False)]),
    ("Тимура в плен взяли, и ещё двоих с ним, со второго взвода.", "ru", [("captured", 3, False)]),
    ("Дениса в плену видели. Его и ещё шестерых с батальона под Тоненьким взяли.", "ru", [("captured", 7, False)]),
    ("Назара взяли в полон, і ще двох хлопців з ним.", "uk", [("captured", 3, False)]),
    # "і ще N" opening the next sentence, or right after the man named after the words
    ("Вчора загинув Богдан, наш кулеметник. І ще троє з його відділення.", "uk", [("killed", 4, False)]),
    ("Похоронили вчера Игоря и ещё троих ребят с нашего района.", "ru", [("killed", 4, False)]),
    # one more named in a later sentence
    ("Гриша в плену. Его взяли под Клещеевкой вместе с Витей.", "ru", [("captured", 2, False)]),
    ("Он сейчас в плену, это точно. И Марат с ним.", "ru", [("captured", 2, False)]),
    # "X с двумя пацанами": he and two
    ("Вчера Шмель с тремя пацанами в плен попал.", "ru", [("captured", 4, False)]),
])
def test_one_man_and_his_companions_told_after_him_are_one_group(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # the companions came through, or are no part of the loss
    ("Серёгу ранило. С ним трое были, все целы.", "ru", [("wounded", 1, False)]),
    ("Петра зачепило осколком. З ним ще двоє були, їх не зачепило.", "uk", [("wounded", 1, False)]),
    ("Андрей погиб под Угледаром. Я с ним с первого дня был.", "ru", [("killed", 1, False)]),
    # "с ним" inside a plural count is him included, not one more
    ("Итого у нас: трёхсотых с ним девять.", "ru", [("wounded", 9, False)]),
    # another kind of loss in the next sentence keeps its own count
    ("Колю убило. И ещё двое ранены.", "ru", [("killed", 1, False), ("wounded", 2, False)]),
])
def test_companions_that_are_no_part_of_the_loss_are_not_counted(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # "с/з/із" before a cardinal or a collective in the nominative: about that many
    ("По роте за неделю трёхсотых с двадцать, двухсотых пятеро.", "ru", [("wounded", 20, True), ("killed", 5, False)]),
    ("Кажуть, під Торецьком поранених з тридцять, загиблих двоє.", "uk", [("wounded", 30, True), ("killed", 2, False)]),
    ("у сусідів у батальйоні трьохсотих десь із сорок за тиждень", "uk", [("wounded", 40, True)]),
    ("У нас двохсотих з четверо, трьохсотих нема.", "uk", [("killed", 4, True)]),
])
def test_a_preposition_before_a_nominative_number_makes_it_about(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # a date or a unit's ordinal after the number, a genitive or an instrumental: no "about"
    ("Брат у полоні з двадцять четвертого, обміну все нема.", "uk", [("captured", 1, False)]),
    ("Хлопці з триста двадцятого полку кажуть, у них двоє двохсотих.", "uk", [("killed", 2, False)]),
    ("Из двадцати вернулись шестеро, трое двухсотых.", "ru", [("killed", 3, False)]),
    ("Вышли с двумя ранеными под утро.", "ru", [("wounded", 2, False)]),
])
def test_a_preposition_before_a_date_a_unit_or_another_case_keeps_the_count_exact(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # "было N, теперь / стало M": the count as it stands now
    ("Доклад по раненым: трёхсотых было трое, теперь шестеро.", "ru", [("wounded", 6, False)]),
    ("Поправка по двухсотым: было двое, стало трое.", "ru", [("killed", 3, False)]),
    ("у нас двоє трьохсотих було тепер вже четверо", "uk", [("wounded", 4, False)]),
    ("Было у нас пятеро пленных, теперь семеро.", "ru", [("captured", 7, False)]),
    # a correction said with "уточняю"
    ("Двухсотых у нас трое. Нет, уточняю — четверо.", "ru", [("killed", 4, False)]),
    # "N, а не M": the other number is the one denied
    ("Трёхсотых — двенадцать, а не девять, как в сводке.", "ru", [("wounded", 12, False)]),
])
def test_a_count_updated_or_corrected_is_the_count_as_it_stands(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # "теперь" with no earlier "было": no correction of the count
    ("У нас двое раненых, теперь сидим ждём транспорт.", "ru", [("wounded", 2, False)]),
    ("Троих похоронили, теперь пятеро ребят на ротации.", "ru", [("killed", 3, False)]),
])
def test_now_without_was_is_no_correction(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # people named right after a plural casualty word, between separators
    ("Пятисотые у нас — Лёха и Витя Сомов, с третьего взвода.", "ru", [("refused", 2, False)]),
    ("Сочинцы наши, Карпов с Зуевым, дома объявились.", "ru", [("deserted", 2, False)]),
    ("Ті двохсоті з нашої роти, Гнатюк і Шевчук, з одного села.", "uk", [("killed", 2, False)]),
    # two surnames joined before the words, one read by the dictionary as a short adjective
    ("Рядовые Сомов и Ершов отказываются идти на позицию.", "ru", [("refused", 2, False)]),
    # a unit's code is no count
    ("Все трое пропали без вести, все с в/ч 51234.", "ru", [("missing", 3, False)]),
])
def test_people_named_beside_the_words_are_counted(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # names with commas alone after a plural word are the ones spoken to
    ("Двухсотые, Серёга, Андрей, это вам не шутки.", "ru", [("killed", None, False)]),
    # a unit's code after a mention of one man counts nobody
    ("Пропал без вести под Кореневом, в/ч 42811.", "ru", [("missing", 1, False)]),
])
def test_names_spoken_to_and_unit_codes_count_nobody(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # a report's total in a sentence of its own after the list
    ("Раненые по второй роте: рядовой Котов, осколок в руку. Сержант Лыков, контузия. Рядовой Пименов. Всего трое.",
     "ru", [("wounded", 3, False)]),
    ("Загиблі за добу: солдат Гнатюк, 1990 р.н.; солдат Кравець, 2001 р.н. Усього двоє.", "uk", [("killed", 2, False)]),
    # "ещё N ..., итого M": the total of the day
    ("К утреннему докладу: ещё трое двухсотых, итого семь по батальону.", "ru", [("killed", 7, False)]),
])
def test_a_total_after_the_parts_or_the_list_is_the_count(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # a total of something else, or after another kind of loss
    ("Трёхсотые есть, везём на точку. Всего ехать километров сорок.", "ru", [("wounded", None, False)]),
    ("Раненые есть. Погибших нет. Всего пятеро пострадавших.", "ru", [("wounded", None, False)]),
])
def test_a_total_of_something_else_is_not_the_count(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # the men another casualty word describes, counted for the act done to them too
    ("Троих пятисотых ночью обнулили перед строем.", "ru", [("refused", 3, False), ("killed", 3, False)]),
    ("Ми вчора трьох кацапів трьохсотих в полон взяли.", "uk", [("wounded", 3, False), ("captured", 3, False)]),
    ("Потом двое ихних сочинцев сдались нашим.", "ru", [("deserted", 2, False), ("captured", 2, False)]),
])
def test_the_men_another_casualty_word_describes_are_counted_once_for_both(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # another group: a code word of its own, a conjunction or a comma between
    ("У нас двое двухсотых и трёхсотый тяжёлый.", "ru", [("killed", 2, False), ("wounded", 1, False)]),
    ("Під Часовим Яром двоє загинули, а Стас зник безвісти.", "uk", [("killed", 2, False), ("missing", 1, False)]),
])
def test_another_group_keeps_its_own_count(text, lang, expected):
    assert counts(text, lang) == expected
