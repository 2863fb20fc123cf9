"""Fail-closed call-sign slots (branch callsign18): a word standing where a call sign or a name stands is masked
even when no list knows it, and its explanation says so; ordinary words beside those slots stay readable.

Every sentence here is made up (none is a corpus or a blind text). The slots (rules/entities/slots.py,
speech_slots.py): the station called at the start of a turn, the speaker after it, the one told or asked after a
verb of telling, an address ending a clause of a call between soldiers, numbered stations over coded words, a word
before ", позывной такой", and in lower-case calls a name form opening the call, the station reporting, a caller and
a callee opening a radio line, an ordinal standing for a station and a bare noun acting.
"""

from __future__ import annotations

import re

import pytest

from overheard.annotate.components.entities import find_entities
from overheard.jobs.redaction import redact_text
from overheard.redact import Policy, Redactor

MASK = Redactor(b"", Policy("mask", "keep"))


def masked(text: str, lang: str = "ru") -> str:
    return redact_text(text, MASK, lang).text


def readable(word: str, output: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", output, re.IGNORECASE) is not None


@pytest.mark.parametrize(
    ("text", "lang", "gone"),
    [
        # the station called, set off by a comma at the start of a turn, whatever the word: a town, a river, a region
        ("Кубань, у нас трое трёхсотых, нужна эвакуация.", "ru", ["Кубань"]),
        ("Самара, у меня двое пропали, на связь не выходят.", "ru", ["Самара"]),
        ("— Вишера, у меня потери, двое тяжёлых.", "ru", ["Вишера"]),
        # an adjective said twice, a word no dictionary knows before an imperative
        ("Хмурый, Хмурый, ответь Граниту. Сколько у тебя трёхсотых?", "ru", ["Хмурый", "Граниту"]),
        ("Ґрунтик, запиши номер: нуль шістдесят сім, двісті три.", "uk", ["Ґрунтик"]),
        # the speaker after the station, a kinship word included, every time it comes back; a numbered station
        ("Сыч, я Батя. Держимся. — Батя, понял, подвоз через час.", "ru", ["Батя", "Сыч"]),
        ("Карат-2, это Вьюга. БК на исходе.", "ru", ["Вьюга"]),
        # the one told or asked, after a verb of telling or asking
        ("Если не отвечу, звони Кречету на 067 123 45 67, он знает.", "ru", ["Кречету"]),
        ("питай вереса він там за старшого", "uk", ["вереса"]),
        ("пиши глухарю что у нас двое трехсотых", "ru", ["глухарю"]),
        # an address ending a clause of a call between soldiers, a place name notwithstanding
        ("Трое пятисотых, на позицию не пошли. Что с ними делать, Байкал?", "ru", ["Байкал"]),
        # numbered stations over the coded words
        ("Триста второй, триста второй, ответь. Приём.", "ru", ["Триста второй", "триста второй"]),
        ("двести я клён выдвигаемся к посадке", "ru", ["двести", "клён"]),
        # a word right before ", позывной такой", and every form of it
        ("Ротный у нас Пастух, позывной такой, и ведёт себя как пастух.", "ru", ["Пастух"]),
        # a call sign "позывной" introduces, in lower case later on
        ("Позывной у него Гусар, так вот гусар этот трубку не берёт.", "ru", ["Гусар"]),
    ],
)
def test_a_word_in_a_call_sign_slot_is_masked(text, lang, gone):
    out = masked(text, lang)
    for word in gone:
        assert not readable(word, out), f"{word!r} readable in {out!r}"


@pytest.mark.parametrize(
    ("text", "lang", "gone"),
    [
        # a name form where a lower-case call opens, or where a speaker names themselves
        ("коль я тебе посылку отправила с носками", "ru", ["коль"]),
        ("алло серый это я звоню с передка", "ru", ["серый"]),
        ("алло мамо це влад у нас все добре", "uk", ["влад"]),
        ("я ему говорю кость ну не дури ты", "ru", ["кость"]),
        # the station reporting where it is, a caller and a callee, an ordinal that acts
        ("док на точке один трёхсотый лёгкий", "ru", ["док"]),
        ("филин сове птичка висит над посадкой не высовывайтесь", "ru", ["филин", "сове"]),
        ("сидим без воды вторые сутки бк нет связи нет первый не отвечает", "ru", ["первый"]),
        # a bare noun acting at the start of a clause of a call between soldiers
        ("короче сапсан отработал по посадке у хохлов двое двухсотых", "ru", ["сапсан"]),
        ("да тут барсук с ребятами попали под кассеты трое трёхсотых", "ru", ["барсук"]),
    ],
)
def test_a_word_in_a_slot_of_a_lower_case_call_is_masked(text, lang, gone):
    out = masked(text, lang)
    for word in gone:
        assert not readable(word, out), f"{word!r} readable in {out!r}"


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        # words opening a turn set off by a comma that are no one: kinship and endearment vocatives, a word before
        # the one addressed, a list, a title in quotes
        ("Синочку, тебе шукали з ТЦК, принесли повістку.", "uk", ["Синочку"]),
        ("Любий, гроші прийшли, дякую.", "uk", ["Любий"]),
        ("Неправда, мам, живой он, в госпитале лежит.", "ru", ["Неправда"]),
        ("Носки, сигареты, батарейки передай с Колей.", "ru", ["Носки"]),
        ("Мам, у нас всё хорошо, кормят нормально.", "ru", ["Мам"]),
        # a place opening a sentence of a family call stays a place; "Москва, 5 марта" is a dateline
        ("Москва, пятое марта. Пишу тебе из дома.", "ru", ["Москва"]),
        # a list after a colon is no turn: the town of an address stays a place
        ("Бабусю, записуй адресу: Харків, вулиця Весняна, будинок два.", "uk", ["Харків"]),
        # a verb of telling before an ordinary object, a kinship word told
        ("Скажи бабушке, что я звонил.", "ru", ["бабушке"]),
        # a title in quotes ends no clause
        ("Дед рассказывал, как груз двести возили самолётами, „Чёрный тюльпан“ называли.", "ru", ["Чёрный"]),
        # lower case: an ordinal that counts, a noun that is a thing, a pet in a family call
        ("первый раз слышу чтобы так кормили", "ru", ["первый"]),
        ("короче машина сломалась стоим у посадки", "ru", ["машина"]),
        ("у нас кот заболел мама плачет", "ru", ["кот"]),
        ("ипотека у нас семь процентов платим исправно", "ru", ["ипотека"]),
    ],
)
def test_ordinary_words_beside_the_slots_stay_readable(text, lang, kept):
    out = masked(text, lang)
    for word in kept:
        assert readable(word, out), f"{word!r} masked in {out!r}"


def test_news_text_gets_no_fail_closed_mask():
    """News has no radio traffic: no word of it is masked for standing in a call-sign slot."""
    text = ("Минюст принял решение по итогам проверки. Министерство обороны направило доклад в Центр имени "
            "Хруничева, сообщает агентство. Nokia, крах которой пришёлся на расцвет iPhone, играла заметную роль.")
    assert not [f for f in find_entities(text) if "fail closed" in f.explanation]


@pytest.mark.parametrize(
    ("text", "lang", "word", "slot"),
    [
        ("Кубань, у нас трое трёхсотых.", "ru", "Кубань", "stands in a call-sign slot"),
        ("алло мамо це влад у нас все добре", "uk", "влад", "stands where a name stands"),
    ],
)
def test_a_fail_closed_mask_says_why(text, lang, word, slot):
    """The explanation of each fail-closed mask names the slot and says it was masked because of it."""
    found = [f for f in find_entities(text, lang) if f.text == word]
    assert found and "fail closed" in found[0].explanation and slot in found[0].explanation


def test_a_numbered_station_is_masked_over_the_coded_word_and_the_code_elsewhere_stays():
    """"Двести первый" called on the radio is a station; "двести" as a code in the same text stays readable."""
    out = masked("Двести первый, двести первый, ответь. У нас груз двести, один.")
    assert not readable("Двести первый", out) and readable("груз двести", out)
