"""Classes of personal data that blind rounds 13-16 (authors AA..AL; issue 17) showed the redactor leaked or masked
wrongly, each with made-up sentences (not the blind texts) and hard negatives beside them.

The rounds leaked 18 of 1,124 items on 7b6e065. The recurring classes:

- a radio speaker naming themselves after "я", "ответь я", or "это" opening a broadcast, when the station called
  is a nickname adjective, a numbered station or a word the call-sign nouns leave out (authors AA, AB, AH, AJ);
  a call sign named like a region or a town ("это урал", "я терек") is masked there too;
- a numbered station of number words before "ответь" ("ноль пятый ноль пятый ответь"; author AH);
- first names no entry of the name lexicon had: Tatar and Bashkir names, Ukrainian short forms (AA, AI, AL);
- a brigade named by its number alone before a verb or a preposition the other language's dictionary guessed as a
  noun ("з 128-ї кажуть", "у 93-й під Бахмутом"; AC, AF).

Over-masking classes of three or more authors: Ukrainian words the Ukrainian dictionary tags as a name or a surname
("тобі", "молодець", "жарко", "нема"), "на полі", Ukrainian past tenses read as surnames after a first name ("дімка
пішов"), and kinship honorifics and address words ("Атай", "Сестрёнка", "Земляче").
"""

from __future__ import annotations

import re

import pytest

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
        # the speaker naming themselves after the station called: a nickname adjective, a doubled word, a radio word
        ("грозный я филин на месте двое трёхсотых нужна эвакуация", "ru", ["филин", "грозный"]),
        ("хмурый я барсук выходим к точке через десять минут", "ru", ["барсук"]),
        ("база база я ёрш у нас всё тихо", "ru", ["ёрш"]),
        ("скеля я пташка бачу двох на відкритій", "uk", ["пташка", "скеля"]),
        ("гарячий я бобер заходимо о п'ятій", "uk", ["бобер"]),
        # after "ответь" or "приём", whatever called before
        ("седьмой седьмой ответь я коршун у меня пленный", "ru", ["коршун"]),
        ("прийом прийом я лелека повторюю квадрат", "uk", ["лелека"]),
        # "это" opening a broadcast: the call sign may be named like a region or a town
        ("это урал всем кто слышит нужна коробочка", "ru", ["урал"]),
        ("это алтай приём", "ru", ["алтай"]),
        ("це кубань всім хто чує у нас трьохсотий", "uk", ["кубань"]),
        ("Камыш, я Терек. Выдвигаемся.", "ru", ["Терек", "Камыш"]),
    ],
)
def test_a_radio_speaker_naming_themselves_is_masked(text, lang, gone):
    out = masked(text, lang)
    for word in gone:
        assert not readable(word, out), out


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ноль третий ноль третий ответь как слышно", "ru"),
        ("два первый два первый ответь, у нас движение", "ru"),
        ("нуль сьомий нуль сьомий відповідай", "uk"),
    ],
)
def test_a_numbered_station_called_before_answer_is_masked_whole(text, lang):
    out = masked(text, lang)
    assert out.split()[0] == "█████" and out.split()[1] == "█████", out


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        # what the speaker is, not who: kinship, role and rank words, adverbs, adjectives, states
        ("мам я солдат теперь, контракт подписал", "ru", "солдат"),
        ("серый я дома уже", "ru", "дома"),
        ("слушай я командир тут, не ори", "ru", "командир"),
        ("мамо я живий все добре", "uk", "живий"),
        ("брат я ранен но живой", "ru", "ранен"),
        # an object before its verb in a family call
        ("лена я машину продал", "ru", "машину"),
        # "это" that is no broadcast, and an ordinal that counts
        ("это кошмар какой-то у нас", "ru", "кошмар"),
        ("Это Урал, мы туда летом ездили.", "ru", "Урал"),
        ("Сегодня пятый раз звоню, ответь мне уже.", "ru", "пятый"),
        ("я в Крыму был в детстве", "ru", "Крыму"),
    ],
)
def test_what_a_speaker_says_about_themselves_stays_readable(text, lang, kept):
    assert readable(kept, masked(text, lang))


@pytest.mark.parametrize(
    ("text", "lang", "gone"),
    [
        ("булат слушай я вернусь в мае", "ru", "булат"),
        ("ну что марсель как там у вас в деревне", "ru", "марсель"),
        ("розалия ты прости что долго не звонил", "ru", "розалия"),
        ("наиля ты где сейчас", "ru", "наиля"),
        ("мам а дімка вже в школу пішов", "uk", "дімка"),
        ("ми з мишком вчора копали", "uk", "мишком"),
        ("Передай Рамилю и Ренату привет.", "ru", "Ренату"),
    ],
)
def test_names_the_lexicon_lacked_are_masked_in_lower_case_talk(text, lang, gone):
    assert not readable(gone, masked(text, lang))


@pytest.mark.parametrize(
    ("text", "lang", "gone"),
    [
        ("Кажуть, хлопці з 128-ї пишуть, що тримаються.", "uk", "128"),
        ("Хлопці з 115-ї кажуть, що там жарко.", "uk", "115"),
        ("Чув? У 93-й під Бахмутом важко.", "uk", "93"),
        ("Знакомый из 155-й звонил вчера.", "ru", "155"),
    ],
)
def test_a_brigade_named_by_its_number_alone_is_masked(text, lang, gone):
    assert gone not in masked(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        ("в 134-й раз говорю тебе", "ru", "134"),
        ("лежу в 3-й палате", "ru", "3"),
        ("з 128-ї квартири сусіди виїхали", "uk", "128"),
    ],
)
def test_an_ordinal_before_the_noun_it_counts_is_no_brigade(text, lang, kept):
    assert kept in masked(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        # Ukrainian words the Ukrainian dictionary tags as a name or a surname
        ("синку я тобі передала шкарпетки", "uk", "тобі"),
        ("ти в мене молодець, тато пишається", "uk", "молодець"),
        ("у нас тут жарко, але всі живі", "uk", "жарко"),
        ("Нема в нас набоїв, розумієш?", "uk", "Нема"),
        # a field after "на"/"в", a Ukrainian past tense after a first name
        ("Їхніх на полі лежить багато.", "uk", "полі"),
        ("діма пішов у садочок", "uk", "пішов"),
        # kinship honorifics and address words
        ("Атай, здравствуй, у нас всё хорошо.", "ru", "Атай"),
        ("Сестрёнка, не верь телевизору.", "ru", "Сестрёнка"),
        ("Земляче, здоров! Ти теж з Полтави?", "uk", "Земляче"),
    ],
)
def test_ordinary_words_the_dictionaries_misread_stay_readable(text, lang, kept):
    assert readable(kept, masked(text, lang))


def test_a_person_at_someones_place_is_still_masked():
    # "у Полі" is at Polya's (genitive after "у"), not a field
    assert not readable("Полі", masked("Вчора були у Полі на дні народження.", "uk"))


@pytest.mark.parametrize(
    ("text", "lang", "gone"),
    [
        # speech-to-text wrote no comma before the clause the animal call sign opens
        ("о пятой утра беркут прикрывает нас слева", "ru", "беркут"),
        ("заходимо на світанку вовк прикриває справа", "uk", "вовк"),
    ],
)
def test_an_animal_call_sign_acting_after_an_unpunctuated_clause_is_masked(text, lang, gone):
    assert not readable(gone, masked(text, lang))


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        ("мам у нас кот живёт в блиндаже", "ru", "кот"),
        ("наш беркут прикрывает", "ru", "прикрывает"),
    ],
)
def test_an_animal_after_a_qualifier_stays_a_word(text, lang, kept):
    assert readable(kept, masked(text, lang))


@pytest.mark.parametrize(
    ("text", "lang", "kept", "gone"),
    [
        # a listed adjective agreeing with the noun after it is an adjective ("Старый телефон"), not the call sign
        ("Номер новый запиши. Старый телефон разбили.", "ru", "Старый", None),
        ("Старий генератор згорів, сидимо без світла.", "uk", "Старий", None),
        # the call sign itself, and a nickname before a name
        ("Вчера Старый звонил, всё нормально.", "ru", None, "Старый"),
        ("Вчера Лысый Серёга звонил.", "ru", None, "Лысый"),
    ],
)
def test_a_listed_adjective_before_its_noun_is_no_call_sign(text, lang, kept, gone):
    out = masked(text, lang)
    if kept:
        assert readable(kept, out), out
    if gone:
        assert not readable(gone, out), out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a call-sign word that is a whole name in quotes: a team, a unit, a film, a product
        ("Вчера «Гранит» с «Соколом» играли, ничья.", "Соколом"),
        ("Болеем за «Сокол», ты же знаешь.", "Сокол"),
        ("Его перевели в «Гранит». Сказал, что там платят больше.", "Гранит"),
    ],
)
def test_a_call_sign_word_that_is_a_whole_quoted_name_stays_readable(text, kept):
    assert readable(kept, masked(text))


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # a call sign in quotes that is announced, introduced or a quoted radio turn
        ("Двести первый, ответь. Это «Гранит». Как обстановка?", "Гранит"),
        ("Позывной у него «Сокол», он с нами третий месяц.", "Сокол"),
        ("По рации: «Сокол, я Гранит, у меня двое трёхсотых».", "Сокол"),
    ],
)
def test_a_call_sign_in_quotes_that_is_announced_or_introduced_is_masked(text, gone):
    assert not readable(gone, masked(text))
