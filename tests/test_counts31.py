"""Counts as classes, read from the DEV half of the open authors in the twentieth session (counts31).

ANNOTATION.md, Counts: the count is the number told of the group; a group of no stated size is null; people named
beside the words count as many as are named; a pronoun for a group counted before counts as many; a range is its
lower bound, approximate. Every row is made up for
the test, none is a corpus or round text; the negatives beside them must keep their reading.
"""

from __future__ import annotations

import pytest

from overheard.annotate.doc import Doc
from overheard.annotate.lexicon import compile_lexicon, load_lexicon
from overheard.annotate.rules.casualties import count_model

LEXICON = compile_lexicon(load_lexicon())


def counts(text: str, lang: str) -> list[tuple[str, int | None, bool]]:
    """(category, count, approximate) of each casualty mention, in text order."""
    return [(m.category, m.count, m.approximate) for m in Doc(text, lang).casualties(LEXICON).mentions]


def rule_counts(text: str, lang: str) -> list[tuple[str, int | None, bool]]:
    """The same, from the count rules alone (the learned count model switched off)."""
    with count_model.disabled():
        return counts(text, lang)


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Тех, кто в СОЧ ушёл и вернулся, сразу на штурм отправляют.", "ru", [("deserted", None, False)]),
    ("Я не пішов, але не мені судити тих, хто пішов у СЗЧ.", "uk", [("deserted", None, False)]),
])
def test_whoever_did_it_after_a_plural_those_is_no_one_man(text, lang, expected):
    assert rule_counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # "тот, кто": one man; "кто" with no plural word before it: the singular verb tells one
    ("Тот, кто в СОЧ ушёл, вчера вернулся.", "ru", [("deserted", 1, False)]),
    ("Вчера Серёга в СОЧ ушёл.", "ru", [("deserted", 1, False)]),
])
def test_a_singular_those_or_no_relative_keeps_one_man(text, lang, expected):
    assert rule_counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Наших там положили, страшно сказать. Гена, Ильдар, Тимур, с ними ещё четверо.", "ru", [("killed", 7, False)]),
    ("Ильдар, Тимур и с ними ещё трое погибли под Бахмутом.", "ru", [("killed", 5, False)]),
])
def test_men_named_before_with_them_so_many_more_are_counted_with_them(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # "with them" after a plural group that names no one: only the number
    ("Наши ушли, с ними ещё четверо пленных.", "ru", [("captured", 4, False)]),
    ("Двоих убило. Вчера ещё пятеро.", "ru", [("killed", 2, False), ("killed", 5, False)]),
])
def test_with_them_after_no_names_counts_only_the_number(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Наші взяли в полон цілий взвод, тридцять дві людини.", "uk", [("captured", 32, False)]),
    ("Поранених двадцять одна людина.", "uk", [("wounded", 21, False)]),
])
def test_a_ukrainian_lyudyna_counts_people(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Троих хохлов взяли в плен, а их потом расстреляли.", "ru", [("captured", 3, False), ("killed", 3, False)]),
    ("Двоє наших пішли в розвідку. Їх поранило.", "uk", [("wounded", 2, False)]),
])
def test_them_before_the_deed_stands_for_the_group_counted_before(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # "их" before a noun says whose: no group taken from before
    ("Их двухсотые лежат у посадки.", "ru", [("killed", None, False)]),
])
def test_them_before_a_noun_is_whose_and_takes_no_count(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # "кто" with a deed of its own and a subject between: the words keep their one man
    ("это гром всем кто слышит у меня трёхсотый тяжёлый нужна броня", "ru", [("wounded", 1, False)]),
])
def test_whoever_with_a_deed_of_its_own_leaves_the_words_their_reading(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # the sentence after tells the group's strength and its survivors: neither number counts the words
    ("Наша рота вся — одни трёхсотые. Человек восемьдесят было, на ногах семь осталось.", "ru",
     [("wounded", None, True)]),
])
def test_a_group_and_its_survivors_after_the_words_count_none_of_them(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # one number in the sentence after: it answers the words
    ("Двухсотые у нас есть. Человек двадцать.", "ru", [("killed", 20, True)]),
])
def test_one_number_after_the_words_still_counts_them(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # a plural participle in the phrase: the count model may not read one man
    ("— Сынок, у вас там четырёхсотые есть? — Это кто такие? — Без вести пропавшие, мам. Ушли в поиск.", "ru",
     [("missing", None, False)]),
])
def test_a_plural_participle_in_the_phrase_is_no_one_man(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # the other says the count again as a question; the answer gives another number
    ("— Сколько двухсотых у вас? — Пятеро. — Точно пятеро? — Нет, шестеро.", "ru", [("killed", 6, False)]),
    ("— Трёхсотых сколько? — Четверо. — Четверо? — Пятеро, я ошибся.", "ru", [("wounded", 5, False)]),
    ("— Скільки двохсотих? — Троє. — Троє? — Ні, четверо.", "uk", [("killed", 4, False)]),
    # a word of a slip before the new number
    ("Двухсотых у нас пятеро. Нет, вру, шестеро.", "ru", [("killed", 6, False)]),
    ("Двохсотих у нас п'ятеро. Ні, брешу, шестеро.", "uk", [("killed", 6, False)]),
])
def test_a_count_doubted_as_a_question_is_corrected_by_the_answer(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # the answer says the same number, or another casualty word follows: the count stands
    ("— Трёхсотых сколько? — Трое. — Трое? — Трое.", "ru", [("wounded", 3, False)]),
    ("— Трёхсотых сколько? — Трое. — Точно трое? — Да, трое, и ещё двое пропали без вести.", "ru",
     [("wounded", 3, False), ("missing", 2, False)]),
])
def test_a_count_confirmed_after_the_question_stands(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # two numbers offered as alternatives: a range, its lower bound, approximate
    ("Двухсотых у них то ли семь, то ли восемь.", "ru", [("killed", 7, True)]),
    ("Не то пять, не то шесть трёхсотых вывезли.", "ru", [("wounded", 5, True)]),
    ("Трёхсотых у нас четверо, а может пятеро.", "ru", [("wounded", 4, True)]),
    ("Двохсотих у них чи то сім, чи то вісім.", "uk", [("killed", 7, True)]),
])
def test_numbers_offered_as_alternatives_are_a_range(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # a correction is no alternative: the new number counts
    ("Двухсотых у них семь, нет, восемь.", "ru", [("killed", 8, False)]),
    ("Двохсотих у них сім, ні, вісім.", "uk", [("killed", 8, False)]),
])
def test_a_correction_after_a_comma_is_no_alternative(text, lang, expected):
    assert counts(text, lang) == expected
