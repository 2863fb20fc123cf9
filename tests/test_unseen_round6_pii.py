"""Classes of personal data the sixth blind round (authors L and M, issue 17) showed the redactor leaked, each
with made-up sentences in the words of ANNOTATION.md, and a floor on round 6's leaks.

Round 6 was scored blind once (docs/accuracy.md: 32 of 345 items leaked, 25 of 84 call signs, nearly all in radio
chatter with no "позывной"); the fixes below were made after reading its misses, so its figures after them are
not blind.
"""

from __future__ import annotations

import pytest
from helpers import blind_leaks

from overheard.annotate.analysis import analyze_text
from overheard.annotate.rules.patterns import find_units
from overheard.jobs.redaction import redact_text
from overheard.redact import Policy, Redactor

MASK = Redactor(b"", Policy("mask", "keep"))


@pytest.mark.parametrize(
    ("text", "lang", "gone"),
    [
        # a radio opening, in any case and capitalisation, said once or twice, with no closing phrase
        ("липа липа я клён у меня двое трёхсотых нужна коробочка", "ru", ["липа", "клён"]),
        ("Осина, я Дуб. Двигаемся к точке, всё тихо.", "ru", ["Осина", "Дуб"]),
        ("беркут я кречет на посадке тихо", "ru", ["беркут", "кречет"]),
        ("Вишня, я Калина, у нас один трьохсотий, легкий.", "uk", ["Вишня", "Калина"]),
        ("лис лис я борсук птаха над нами", "uk", ["лис", "борсук"]),
        # an opening whose words are also a river or a region still names call signs
        ("волга я кама обстановка спокойная", "ru", ["волга", "кама"]),
        # radio talk: a noun addressed at the start of a turn, or alone between a comma and the end of a clause
        ("Ольха, у меня минус один, птичка висит. — Принял тебя, Рябина.", "ru", ["Ольха", "Рябина"]),
        ("Тащи его сюда, Сыч, коробочка ждёт. Подтверди.", "ru", ["Сыч"]),
        # a capitalised noun alone between a comma and a full stop is a call sign in any text, a village of that
        # name notwithstanding
        ("Закинь нам ещё сорок мин, Орешник.", "ru", ["Орешник"]),
        # a dative beside a verb of passing a message, and a word before a radio phrase, in lower case
        ("клён я липа дубу передай что мы на месте", "ru", ["дубу"]),
        ("дятел на приёме слушаю", "ru", ["дятел"]),
        # a name no dictionary knows, addressed or guessed a name by pymorphy3
        ("— Сашуньчику, а ти де зараз? — На позиції, мам.", "uk", ["Сашуньчику"]),
        ("Передай, что её Жаргал живой, в госпитале.", "ru", ["Жаргал"]),
        # a Ukrainian plural surname in the genitive
        ("У Кравченків хату розбило, але всі живі.", "uk", ["Кравченків"]),
        # a brigade named by its number in words alone
        ("ми з сорок третьої, під Часовим Яром", "uk", ["сорок третьої"]),
    ],
)
def test_round6_personal_data_is_masked(text, lang, gone):
    output = redact_text(text, MASK, lang).text
    for item in gone:
        assert item not in output, output


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        # a family call is not radio talk: an object after "я", endearments, greetings, the weather
        ("Лен, я контракт подписал, мне деньги нужны.", "ru", ["контракт", "деньги"]),
        ("Кохана, тут мінус двадцять, спальники мокрі.", "uk", ["Кохана", "спальники"]),
        ("Мам, ну я ж тебе повторяю, всё хорошо. Да, юбилей, ха.", "ru", ["юбилей"]),
        ("Юлю, я вже два роки без ротації.", "uk", ["вже"]),
        ("Солнце, я дома, не переживай.", "ru", ["Солнце", "дома"]),
        # pronouns and greetings are nobody's call sign
        ("Юля, я тобі кажу, все добре.", "uk", ["тобі"]),
        ("Мамо, привіт. Гроші прийшли?", "uk", ["привіт"]),
        ("Понял? — Понял. — Всем передай.", "ru", ["Всем"]),
        # God, abbreviations and a place after a preposition
        ("Слава Аллаху. Слушай, брат вернулся.", "ru", ["Аллаху"]),
        ("Так, Іро, ТЦК. Дали повістку.", "uk", ["ТЦК"]),
        ("ні РЕБу, ні дронів, нічого нема", "uk", ["РЕБу"]),
        ("Отказались идти на штурм Клещеевки, всех в яму.", "ru", ["Клещеевки"]),
        # an ordinal in words with a noun after it is not a unit
        ("в сорок седьмой раз тебе говорю", "ru", ["сорок седьмой"]),
    ],
)
def test_round6_plain_words_stay(text, lang, kept):
    output = redact_text(text, MASK, lang).text
    for item in kept:
        assert item in output, output


def test_both_words_of_a_radio_opening_are_call_signs():
    entities = analyze_text("сосна сосна я ель у нас тихо", "ru")["entities"]
    assert [e["text"] for e in entities if e["label"] == "CALLSIGN"] == ["сосна", "сосна", "ель"], entities


def test_units_in_words_need_no_noun_after_them():
    assert [m.rule for m in find_units("хлопці з сорок сьомої двоє двохсотих")] == ["unit:elliptic"]
    assert find_units("в сорок седьмой раз говорю") == []


def test_round6_leaks_stay_low():
    # round 6 after its fixes (not blind): 1 of 345 personal-data items still readable (a lower-case Ukrainian
    # plural surname), no call sign, unit or phone number; the floor allows one more
    leaked, total = blind_leaks("round6")
    assert total >= 340
    assert len(leaked) <= 2, leaked
    assert not [x for x in leaked if x[0] != "PER"], leaked


@pytest.mark.parametrize(
    ("text", "lang", "name", "oblast"),
    [
        # villages too small for GeoNames cities500, from the official codifier KATOTTG, in any case form
        ("Хлопці стоять біля Кліщіївки, тихо поки.", "uk", "Кліщіївка", "Donetsk"),
        ("він зараз під Роботиним", "uk", "Роботине", "Zaporizhzhia"),
        ("Нас перекинули під Бердичі.", "uk", "Бердичі", "Donetsk"),
        # the Russian form of a Ukrainian village the codifier lists only in Ukrainian
        ("Говорят, под Клещеевкой опять штурмуют.", "ru", "Кліщіївка", "Donetsk"),
        # lower-case Ukrainian after a preposition, with no noun after it for an adjective to qualify
        ("стоїмо під очеретиним", "uk", "Очеретине", "Donetsk"),
    ],
)
def test_small_villages_are_found_with_their_oblast(text, lang, name, oblast):
    places = [e for e in analyze_text(text, lang)["entities"] if e["label"] == "LOC"]
    assert places, text
    geo = places[0]["attributes"]["geo"]
    assert geo["oblast"] == oblast, geo
    assert name in (geo["local"], places[0]["attributes"]["normal"]) or geo["name"] == name, geo


def test_an_adjective_before_its_noun_is_not_a_village():
    assert not [e for e in analyze_text("сховались під очеретиним дахом", "uk")["entities"] if e["label"] == "LOC"]
