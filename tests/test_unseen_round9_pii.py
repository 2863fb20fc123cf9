"""Classes of personal data blind rounds 9 and 10 (authors R, S, T, U; issue 17) showed the redactor leaked, each with
made-up sentences (not the blind texts) and hard negatives beside them.

Round 9 leaked 23 of 211 items and round 10 38 of 244 on 65a0ece, mostly call signs: numbered stations ("Урал-12",
"Восьмой", "тридцятому", "граніт два"), call signs a family call uses as names in lower case ("шамана зацепило"),
lists after "позывные:", and Buryat, Tuvan, Caucasian and Tatar first names in lower case.
"""

from __future__ import annotations

import pytest

from overheard.jobs.redaction import redact_text
from overheard.redact import Policy, Redactor

MASK = Redactor(b"", Policy("mask", "keep"))


def masked(text: str, lang: str = "ru") -> str:
    return redact_text(text, MASK, lang).text


@pytest.mark.parametrize(
    ("text", "lang", "gone"),
    [
        # a word with a number names a radio station, in any case, addressed or naming the caller
        ("Алтай-7, на связи, у меня всё тихо.", "ru", ["Алтай"]),
        ("Сокол-3, передай Беркуту-5, что выходим.", "ru", ["Сокол", "Беркуту"]),
        ("Вишня-4 — Каштану-2: отходим на вторую.", "ru", ["Вишня", "Каштану"]),
        # an ordinal used as a name: addressed at the start of a turn, naming the caller, told a message
        ("Седьмой, что у вас по людям?", "ru", ["Седьмой"]),
        ("Сосна — Пятому: груз на точке.", "ru", ["Пятому"]),
        ("Четвертий, я Береза, бачу дві коробочки.", "uk", ["Четвертий", "Береза"]),
        ("Двадцять п'ятий, підтверджую, відходимо.", "uk", ["Двадцять п'ятий"]),
        ("лиса сорок второму по квадрату три ноль семь", "ru", ["лиса", "сорок второму"]),
        ("передай Шестому, что патронов нет", "ru", ["Шестому"]),
        # a radio opening whose caller carries a number word, lower case
        ("береза три я ольха у меня тихо", "ru", ["береза", "ольха"]),
        ("кипарис кипарис я малый у меня двое", "ru", ["кипарис", "малый"]),
        ("вишня п'ять я явір бачу рух", "uk", ["вишня", "явір"]),
        # a list of call signs after "позывные:"
        ("Их позывные: Гюрза, Клен-4, Малой.", "ru", ["Гюрза", "Клен", "Малой"]),
    ],
)
def test_numbered_call_signs_and_lists_are_masked(text, lang, gone):
    output = masked(text, lang)
    for word in gone:
        assert word not in output, output


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        ("Первый, второй, третий — все на месте.", "ru", ["Первый"]),
        ("Пятый, кто вернулся, был без ноги.", "ru", ["Пятый"]),
        ("Подбили Леопард-2 и Т-72 под Работино.", "ru", ["Леопард"]),
        ("Во второй раз звоню, а ты не берёшь.", "ru", ["второй"]),
        ("по третьему кругу объясняю", "ru", ["третьему"]),
    ],
)
def test_ordinals_counts_and_weapon_models_stay(text, lang, kept):
    output = masked(text, lang)
    for word in kept:
        assert word in output, output


@pytest.mark.parametrize(
    ("text", "lang", "gone"),
    [
        ("мам не переживай вчера беркута зацепило легко его увезли", "ru", ["беркута"]),
        ("пацаны говорят сова сам туда пошёл без приказа", "ru", ["сова"]),
        ("короче барсук трёхсотый лёгкий а нас гонят дальше", "ru", ["барсук"]),
        ("ну а потом гюрза сказал кто не пойдёт того в яму", "ru", ["гюрза"]),
        ("а сокіл у полоні вже місяць", "uk", ["сокіл"]),
    ],
)
def test_call_signs_a_family_call_uses_as_names_are_masked(text, lang, gone):
    output = masked(text, lang)
    for word in gone:
        assert word not in output, output


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        ("наш шаман сказал что всё будет хорошо", "ru", ["шаман"]),
        ("в тумане ничего не видно ворона каркает", "ru", ["тумане"]),
        ("мороз сегодня сильный ветер дует", "ru", ["мороз"]),
    ],
)
def test_plain_nouns_of_the_call_sign_list_stay(text, lang, kept):
    output = masked(text, lang)
    for word in kept:
        assert word in output, output


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("алло это я жаргал да живой не плачь", ["жаргал"]),
        ("ой сэсэг ты слышала у дулмы сын вернулся", ["сэсэг", "дулмы"]),
        ("шамиль звонил а зарема всё плачет", ["шамиль", "зарема"]),
        ("тётя туяна говорит в кызыле опять хоронили", ["туяна"]),
        ("айрат сказал что ильнура перевели", ["айрат", "ильнура"]),
    ],
)
def test_regional_first_names_in_lower_case_are_masked(text, gone):
    output = masked(text, "ru")
    for word in gone:
        assert word not in output, output


@pytest.mark.parametrize(
    ("text", "lang", "gone"),
    [
        # a brigade named by an ordinal of whole tens alone, or "сто перша" in Ukrainian
        ("хлопці з сімдесятої казали що тихо", "uk", ["сімдесятої"]),
        ("пацаны из сороковой говорят отвели", "ru", ["сороковой"]),
        ("хлопці з двісті першої вже на місці", "uk", ["двісті першої"]),
        # the name one goes by, said as such
        ("привет это я лысый так меня тут пацаны зовут", "ru", ["лысый"]),
        ("мене тут звуть Бандера, не смійся", "uk", ["Бандера"]),
        # a first name in the plural, lower case
        ("вчера привезли двоих баяров и цыденов из соседнего села", "ru", ["баяров", "цыденов"]),
        # an ambiguous short form addressed after "короче"
        ("короче серый ты мне должен пять тысяч", "ru", ["серый"]),
    ],
)
def test_elliptic_brigades_names_gone_by_and_plural_names_are_masked(text, lang, gone):
    output = masked(text, lang)
    for word in gone:
        assert word not in output, output


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        ("с сороковой попытки дозвонилась", "ru", ["сороковой"]),
        ("з першої спроби не вийшло", "uk", ["першої"]),
        ("меня зовут как папу", "ru", ["как"]),
        ("короче серый цвет ей не идёт", "ru", ["серый"]),
        ("марки собирает а романы читает", "ru", ["марки", "романы"]),
    ],
)
def test_counts_attempts_and_plain_words_stay(text, lang, kept):
    output = masked(text, lang)
    for word in kept:
        assert word in output, output


def test_a_place_name_a_numbered_call_sign_uses_is_masked_in_every_form():
    output = masked("Кама-5, передай Амуру-2: отходим. Приказ Амура, обсуждать нечего.")
    assert "Амур" not in output and "Кама" not in output, output


def test_words_after_call_signs_that_only_point_back_stay():
    output = masked("частота резервна сто сорок шість, позивні ті самі", "uk")
    assert "ті самі" in output, output


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        # a name reading in the locative after "в"/"на" is a place or a thing, not a person
        ("дядя в Афгане служил, рассказывал", ["Афгане"], []),
        ("двоих на поле оставили", ["поле"], []),
        # the accusative after "в"/"на" stays a person
        ("влюбился в Олю и на Свету смотрел", [], ["Олю", "Свету"]),
    ],
)
def test_locative_after_in_is_no_person(text, kept, gone):
    output = masked(text)
    assert all(word in output for word in kept) and not any(word in output for word in gone), output


def test_a_name_one_is_asked_to_remember_is_masked():
    output = masked("мам помнишь толика с нашей улицы его забрали")
    assert "толика" not in output, output
    assert "толика" in masked("там осталась толика надежды")
