"""Counts as classes, read from the DEV half of the open authors in the nineteenth session (counts30).

ANNOTATION.md, Counts: the count is the number told of the group, next to its words or in their clause; a named
individual counts as 1 and people named beside the words count as many as are named. Every row is made up for the
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
    # a number reached only across a comma gives way to the count in the words' own clause
    ("Один танк сожгли, там двухсотых у них штук шесть точно.", "ru", [("killed", 6, True)]),
    ("Одного спалили, там двохсотих у русні штук сім.", "uk", [("killed", 7, True)]),
    ("Двухсотых у нас с роты — считай — пятеро, и трёхсотых ещё штук двенадцать.", "ru",
     [("killed", 5, False), ("wounded", 12, True)]),
])
def test_a_count_in_the_words_own_clause_wins_over_one_across_a_comma(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # no count after the words: the number across the comma still counts them
    ("Пятеро, все трёхсотые.", "ru", [("wounded", 5, False)]),
    # the number after the words stands past a comma of its own: it is the next group's
    ("Скид по них: троє у воді, не виринули, ще двоє на березі поранені.", "uk",
     [("killed", 3, False), ("wounded", 2, False)]),
])
def test_a_number_across_a_comma_still_counts_when_the_clause_has_none(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # a report whose counts follow their words: the number right after the word before is that word's
    ("у них за неделю трёхсотых где-то двадцать и двухсотых пятеро", "ru",
     [("wounded", 20, True), ("killed", 5, False)]),
    ("у них за тиждень 300 десь двадцять і 200 п'ятеро", "uk", [("killed", 5, False)]),  # the wounded: see the docs
    ("по роте трехсотых девять из них тяжелых три без вести один", "ru",
     [("wounded", 9, False), ("missing", 1, False)]),
])
def test_a_number_right_after_the_word_before_is_that_words_count(text, lang, expected):
    assert [c for c in counts(text, lang) if c[0] in {e[0] for e in expected}] == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # each count stands before its word: the number after is the next word's, the one before is this one's
    ("по нам отработали один двухсотый двое трёхсотых один без вести", "ru",
     [("killed", 1, False), ("wounded", 2, False), ("missing", 1, False)]),
    # a code number said after the words glosses them, it counts nobody
    ("один двухсотый двое трёхсотых один без вести четыреста короче", "ru",
     [("killed", 1, False), ("wounded", 2, False), ("missing", 1, False)]),
])
def test_counts_before_their_words_keep_them(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Теперь он трёхсотый, обе ноги.", "ru", [("wounded", 1, False)]),  # "both" agrees with the legs it counts
    ("Вона трьохсота, обидві руки посічені.", "uk", [("wounded", 1, False)]),
    ("Трёхсотые оба, вывезли ночью.", "ru", [("wounded", 2, False)]),  # "both" of the men: counted
])
def test_both_with_a_thing_counts_the_thing(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # the next share of a group stops the reach for a count: "двести" is the other share's word
    ("Из десяти вернулись трое, остальных не знаю, кто трёхсотый, кто двести.", "ru", [("wounded", None, True)]),
    # "контрабас": a contract soldier, the people the number counts
    ("говорят двоих контрабасов вчера расстреляли за отказ", "ru", [("killed", 2, False)]),
    # the subject after the object count and its noun
    ("Троих укропов Борзый положил прямо там.", "ru", [("killed", 3, False)]),
])
def test_a_count_reads_past_its_noun_and_stops_at_the_next_share(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # people named beside the words count as many as are named
    ("Накрыли нас: Саня и Вадим — 200, ещё двое трёхсотых.", "ru", [("killed", 2, False), ("wounded", 2, False)]),
    ("Тарас і Мирон — 300, вивозимо.", "uk", [("wounded", 2, False)]),
    ("Хертек трёхсотый тяжёлый, Монгуш тоже.", "ru", [("wounded", 2, False)]),
    ("Серёгу ранило, и Витю тоже.", "ru", [("wounded", 2, False)]),
    ("Наш Петя в плену, Саша и Коля тоже.", "ru", [("captured", 3, False)]),
    ("Нас накрило, а мене й Остапа поранило.", "uk", [("wounded", 2, False)]),
    ("Меня с Гошей ранило под Бахмутом.", "ru", [("wounded", 2, False)]),
])
def test_people_named_beside_the_words_count_as_many_as_are_named(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Саня — 200, Вадим — 300.", "ru", [("killed", 1, False), ("wounded", 1, False)]),  # one name each
    ("Серёга трёхсотый, Лёха тоже там был.", "ru", [("wounded", 1, False)]),  # "тоже" tells something else
    # the speaker and his companion did something else: the list of the dead is not them
    ("Мы с Ритой смотрели списки погибших, там сорок с чем-то фамилий.", "ru", [("killed", 40, True)]),
    ("Мы с Тимуром ушли в СОЧ.", "ru", [("deserted", 2, False)]),  # the verb of the words' own phrase
    ("Мы с Лёхой были ранены под Бахмутом.", "ru", [("wounded", 2, False)]),
])
def test_one_name_each_or_another_deed_keeps_the_count(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # names in apposition to a word for people, closed by a comma before the words' short clause
    ("А наших, Серёгу и Вадика, трёхсотыми увезли.", "ru", [("wounded", 2, False)]),
    ("Пацанов наших, Лёху и Димона, вчера в плен взяли.", "ru", [("captured", 2, False)]),
    ("Хлопців з нашої роти, Тараса і Мирона, взяли в полон.", "uk", [("captured", 2, False)]),
])
def test_names_in_apposition_before_the_words_count_as_many_as_are_named(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Саша и Петя, трёхсотых везём.", "ru", [("wounded", None, False)]),  # names opening the sentence: spoken to
    ("Наших, Саню и Гошу, а Витю в плен взяли.", "ru", [("captured", 1, False)]),  # the clause names its own man
    # a pronoun of its own: not read as apposition, but "вони" stands for the two named (they_before)
    ("Андрій і Богдан, вони в полоні.", "uk", [("captured", 2, False)]),
])
def test_names_that_open_the_sentence_or_another_subject_keep_the_count(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # one person told by the grammar: an adjective standing for a man as the object of "they did it"
    ("Взводного свои же расстреляли.", "ru", [("killed", 1, False)]),
    ("Кажуть, у них ротного свої ж розстріляли.", "uk", [("killed", 1, False)]),
    ("сдались четверо а пятого хохлы ранили", "ru", [("captured", 4, False), ("wounded", 1, False)]),
    # the class a man is entered in is no count: the object tells it
    ("Батюшка, моего в пятисотые записали.", "ru", [("refused", 1, False)]),
    # a surname right before the state
    ("Пахомов в СЗЧ, и правильно сделал.", "ru", [("deserted", 1, False)]),
    # the unit a man is from is not a unit lost
    ("А у нас Гошу из второго взвода в плен взяли.", "ru", [("captured", 1, False)]),
])
def test_one_person_told_by_the_grammar_counts_one(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Каждого третьего расстреляли.", "ru", [("killed", None, True)]),  # a class, not one man: a vague many
    ("Наших хлопців розстріляли.", "uk", [("killed", None, False)]),  # the object is several
    ("Их всех в пятисотые записали.", "ru", [("refused", None, True)]),  # "всех": a vague many
    ("Рыбаков и Пахомов в СЗЧ.", "ru", [("deserted", 2, False)]),
])
def test_a_class_or_several_keep_the_count_unknown(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # a correction across the other's short question and a denial said as a sentence of its own
    ("Говорят, с вашей бригады двухсотых тридцать. Правда, сынок? — Не тридцать, мам. Но четверо есть.", "ru",
     [("killed", 4, False)]),
    ("Кажуть, з вашої роти трьохсотих двадцять. Правда, синку? — Не двадцять, мамо. Але шестеро є.", "uk",
     [("wounded", 6, False)]),
    # the count right after the words wins over a number before them that belongs to an earlier correction
    ("по двухсотым поправка не один а двое ильин тоже у нас трёхсотых трое", "ru", [("wounded", 3, False)]),
])
def test_a_correction_across_a_question_or_a_pause_counts_the_new_number(text, lang, expected):
    assert [c for c in counts(text, lang) if c[0] == expected[0][0]] == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Двухсотых тридцать. Правда, сынок? — Правда, мам.", "ru", [("killed", 30, False)]),  # confirmed, not corrected
    ("взяли двух русаков в плен один из Бурятии", "ru", [("captured", 2, False)]),  # one of them, not the count
])
def test_a_confirmation_or_one_of_them_keeps_the_count(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # the units a count is shared over are no count of the men
    ("Итог: первая рота — двухсотых пять, вторая — двухсотых два, трёхсотых на обе роты семнадцать.", "ru",
     [("killed", 5, False), ("killed", 2, False), ("wounded", 17, False)]),
    ("трьохсотих на два батальйони двадцять один", "uk", [("wounded", 21, False)]),
    # "how many?" asked with a vague word: the number that opens the answer counts
    ("— Много двухсотых у вас? — Да человек шесть за неделю, и трёхсотых с десяток.", "ru",
     [("killed", 6, True), ("wounded", 10, True)]),
])
def test_a_count_past_the_units_or_in_the_answer(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # a number that opens the next sentence before another casualty word is that word's, not an answer
    ("Вернулись трое, и те трёхсотые. Шестеро так и лежат там, двухсотые.", "ru",
     [("wounded", 3, False), ("killed", 6, False)]),
])
def test_a_number_before_another_word_in_the_next_sentence_is_its_own(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # a list of people told before the words: closed by a dash and "это", or a sentence of names before "все ..."
    ("Записывай. Петров Антон, Соколов Илья, Гареев, Мухин Олег — это без вести.", "ru", [("missing", 4, False)]),
    ("Читаю: Карпов, Мельников Игорь, Бойко. Все пропали без вести под Купянском.", "ru", [("missing", 3, False)]),
    ("Саня и Вадим — это без вести.", "ru", [("missing", 2, False)]),
    # "з" names where the one man is from when the verb is singular
    ("Оцей Грицько з Калуша пішов в СЗЧ прямо з госпіталю.", "uk", [("deserted", 1, False)]),
    ("Колян с Жорой ушли в СОЧ.", "ru", [("deserted", 2, False)]),
])
def test_a_list_before_the_words_counts_its_people(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Саня, Вадим — это без вести.", "ru", [("missing", 1, False)]),  # two names and a comma: maybe the ones addressed
    # one man named before a state: the next sentence's number is another tally
    ("Ігоря затрьохсотило. А Михайло на щиті. Двох за тиждень втратили з села.", "uk",
     [("wounded", 1, False), ("killed", 1, False)]),
])
def test_names_spoken_to_or_one_man_keep_their_count(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("По ним за сутки: двухсотых около тридцати, трёхсотых вдвое больше.", "ru",
     [("killed", 30, True), ("wounded", None, True)]),  # a multiple of the group before: a vague many
    ("Морг рядом, каждый день двухсотых привозят, человек по восемь.", "ru", [("killed", 8, True)]),  # about, a time
    ("Кажу їй: у вас від обстрілів уже пів вулиці загинуло.", "uk", [("killed", None, True)]),  # half a street
    ("Він вже пів року в полоні.", "uk", [("captured", 1, False)]),  # half a year: a time, not an amount
    ("по квадрату сорок семь двенадцать минус два пехоты", "ru", [("killed", 2, False)]),  # the grid's numbers
])
def test_vague_multiples_halves_and_numbers_of_a_place(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # "они/вони" right before the words stands for the people counted or named just before
    ("«Потерь нет». А Смирнов, Гареев и Котов где? Они погибли позавчера.", "ru", [("killed", 3, False)]),
    ("Чотирьох поранених русаків підібрали біля річки. Один важкий. Тепер вони в полоні.", "uk",
     [("wounded", 4, False), ("captured", 4, False)]),
    ("Із них п'ятьох уже бачили на відео — вони в полоні.", "uk", [("captured", 5, False)]),
    # one more man named in a sentence of his own after the words
    ("Рому Кислова убили. И Стаса.", "ru", [("killed", 2, False)]),
    # a number told as at least that many after a vague many
    ("Положили почти всех, двадцать точно.", "ru", [("killed", 20, True)]),
])
def test_a_group_told_before_or_after_the_words_counts(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Рому убили. И Стас говорит, что миной.", "ru", [("killed", 1, False)]),  # the sentence goes on: no second man
    ("Пять дней шли. Они погибли под Бахмутом.", "ru", [("killed", None, False)]),  # days, not people
    # the hedged number is the next word's count
    ("Мам, у нас половина взвода трёхсотые и с десяток двухсотых.", "ru",
     [("wounded", None, True), ("killed", 10, True)]),
])
def test_no_group_where_none_is_told(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # a town after a place preposition is no named man, though the dictionary reads "Бахмутом" as a name first
    ("Пацанов наших положили под Бахмутом.", "ru", [("killed", None, False)]),
    ("Серёгу ранило под Бахмутом.", "ru", [("wounded", 1, False)]),
])
def test_a_town_is_no_named_man(text, lang, expected):
    assert counts(text, lang) == expected
