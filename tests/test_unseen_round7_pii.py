"""Classes of personal data and places the seventh blind round (authors N and O, issue 17) showed the redactor and
the place finder missed, each with made-up sentences in the words of ANNOTATION.md, hard negatives beside them, and
floors on round 7's figures.

Round 7 was scored blind once (docs/accuracy.md: 46 of 425 items leaked on branch pii17); the fixes below were made
after reading its misses, so its figures after them are not blind.
"""

from __future__ import annotations

import pytest
from helpers import blind_leaks, blind_records

from overheard.annotate.analysis import analyze_text
from overheard.annotate.rules.phones import find_word_phones
from overheard.jobs.redaction import redact_text
from overheard.redact import Policy, Redactor

MASK = Redactor(b"", Policy("mask", "keep"))


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        # a mobile number dictated group by group with commas, in two pieces with words between them
        ("есть тут одна женщина, она поможет: восемь, девятьсот, шестнадцать, потом двести, сорок, сорок, два, один.",
         "+79162404021"),
        # commas between every digit group, a unit after a ten starting its own group
        ("запиши номер: ноль, девяносто пять, сто двадцать три, сорок, пять, шесть", "+380951234056"),
    ],
)
def test_phone_numbers_dictated_with_commas_are_found(text, normal):
    phones = find_word_phones(text)
    assert phones and {p.normal for p in phones} == {normal}, phones
    output = redact_text(text, MASK, "ru").text
    assert "девятьсот" not in output and "сто двадцать три" not in output, output


def test_counts_with_commas_are_not_phone_numbers():
    assert find_word_phones("их было восемь, девятьсот, двадцать, сорок человек") == []
    assert find_word_phones("двести, триста, может четыреста метров до них") == []


@pytest.mark.parametrize(
    ("text", "lang", "gone"),
    [
        # speech-to-text output with no capital letter: a first name that is also a word, before a verb whose
        # subject it cannot be, addressed with "ты", before "с позывным", or a vocative short form opening the call
        ("вчера вовку и толика забрали в штурмовики", "ru", ["толика"]),
        ("жека ты только отцу не говори", "ru", ["жека"]),
        ("рома с позывным кедр на связь не выходит", "ru", ["рома"]),
        ("ген короче нас перекидывают", "ru", ["ген"]),
        # a name pymorphy3 guesses, before a verb of speech
        ("мы вышли втроём тимур говорит остальные в плену", "ru", ["тимур"]),
        # nickname adjectives used as the subject, a few words before their verb
        ("серый вчера двоих вытащил", "ru", ["серый"]),
        ("бурый ржёт а самому ногу посекло", "ru", ["бурый"]),
        ("а рыжий тебе поклон передаёт", "ru", ["рыжий"]),
        ("Косой всегда говорил что нас не возьмут", "ru", ["Косой"]),
        ("Ушли Рыжий с Малым, их ищут.", "ru", ["Малым"]),
        # a capitalised word opening the call before a greeting, whatever the word is
        ("Димон, здорово! Как там дома?", "ru", ["Димон"]),
        ("Бэлигтэ, привет, это я.", "ru", ["Бэлигтэ"]),
        # a name form right before a casualty word
        ("Кохана, я цілий. Тарас трьохсотий, легкий.", "uk", ["Тарас"]),
        ("Мам, Вера ранена, но живая.", "ru", ["Вера"]),
    ],
)
def test_spoken_names_are_masked(text, lang, gone):
    output = redact_text(text, MASK, lang).text
    for item in gone:
        assert item not in output, output


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        # the same words as ordinary words: the subject of their verb, a date, a noun after the adjective
        ("роман вышел хороший", "ru", ["роман"]),
        ("кость болит третий день", "ru", ["кость"]),
        ("любовь прошла давно", "ru", ["любовь"]),
        ("восьмого марта приеду домой", "ru", ["марта"]),
        ("серый день опять дождь", "ru", ["серый"]),
        ("косой дождь идёт", "ru", ["косой"]),
        ("малый бизнес закрылся", "ru", ["малый"]),
        ("он лысый стал совсем", "ru", ["лысый"]),
        # kinship, endearment and address words before a greeting are nobody's name
        ("Мамуль, привет, это я.", "ru", ["Мамуль"]),
        ("Брат, привет.", "ru", ["Брат"]),
        ("Солнце, привет!", "ru", ["Солнце"]),
        ("Алло, привет.", "ru", ["Алло"]),
        ("Слушай, ты где?", "ru", ["Слушай"]),
        ("Дэн! Здорово, братан. Короче, брат, слушай.", "ru", ["Здорово", "Короче"]),
        # a lower-case name rule never reaches into a cased text
        ("Вчера кость болела, толика соли добавь.", "ru", ["кость"]),
    ],
)
def test_spoken_words_stay(text, lang, kept):
    output = redact_text(text, MASK, lang).text
    for item in kept:
        assert item in output, output


@pytest.mark.parametrize(
    ("text", "lang", "gone"),
    [
        # a radio opening whose callee is followed by a plural verb (not an object of "я"), or whose caller reads
        # also as a verb or a plural noun
        ("ворон я пугач висуваємось до точки прийом", "uk", ["ворон", "пугач"]),
        ("Тёс, я Явор. Работай по квадрату двенадцать.", "ru", ["Тёс", "Явор"]),
        ("Граб, я Чиж. Тихо.", "ru", ["Граб", "Чиж"]),
        # an opening after the radio word that starts the turn
        ("приём приём вихрь я смерч на точке", "ru", ["вихрь", "смерч"]),
        # "X, ответь Y" and a header "X — Y." with the callee in the dative
        ("Висла, ответь Дону. Что у тебя?", "ru", ["Висла", "Дону"]),
        ("Кречет — Ольхе. Двое трёхсотых, вывозим.", "ru", ["Кречет", "Ольхе"]),
        # a turn opener addressed in radio talk marked only by "на зв'язку" or artillery adjustment words
        ("Сейму, Десна на зв'язку. Все тихо.", "uk", ["Сейму"]),
        ("Чаклуне, квадрат 12-40, третій равлик.", "uk", ["Чаклуне"]),
        # a capitalised word joined by "і"/"и" to a call sign or name found
        ("Двоє трьохсотих. Малий і Смирний, легкі.", "uk", ["Смирний"]),
        # regiments named by a masculine ordinal above a hundred in words, with no noun after it in its case
        ("у сусідів у сто п'ятнадцятому половина в СЗЧ", "uk", ["сто п'ятнадцятому"]),
        ("а в двести восемнадцатом человек сорок ушли", "ru", ["двести восемнадцатом"]),
        ("нас перекинули к сто сорок третьей", "ru", ["сто сорок третьей"]),
        ("меня с второго бата забрали", "ru", ["второго бата"]),
    ],
)
def test_round7_callsigns_and_units_are_masked(text, lang, gone):
    output = redact_text(text, MASK, lang).text
    for item in gone:
        assert item not in output, output


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        # a family call: an object before a verb that goes with "я"
        ("Лен, я контракт подписал.", "ru", ["контракт"]),
        ("Мам, я тобі гроші скинув.", "uk", ["гроші"]),
        # a dash between nouns that is no radio header, a place list, an adjective with its noun after "и"
        ("Москва — столица.", "ru", ["Москва", "столица"]),
        ("Из Мариуполя и Бердянска все уехали.", "ru", ["Мариуполя", "Бердянска"]),
        ("Вчера звонил Коля и Новый год мы отметили.", "ru", ["Новый"]),
        # years and ordinals with their noun are not units
        ("я пішов у двадцять другому і не шкодую", "uk", ["двадцять другому"]),
        ("в двадцать втором году уехал", "ru", ["двадцать втором"]),
        ("в сто пятом кабинете сидит", "ru", ["сто пятом"]),
        ("в сто первый раз говорю", "ru", ["сто первый"]),
        ("на двести пятидесятом километре", "ru", ["двести пятидесятом"]),
    ],
)
def test_round7_plain_words_stay(text, lang, kept):
    output = redact_text(text, MASK, lang).text
    for item in kept:
        assert item in output, output


@pytest.mark.parametrize(
    ("text", "lang", "name", "oblast"),
    [
        # speech-to-text with no capital letter: a town or village after a preposition, whatever follows it
        ("мы когда из светлодарска выходили нас было много", "ru", "Svetlodarsk", "Donetsk"),
        ("стоїмо під куп'янськом кацапи лізуть", "uk", "Kupyansk", "Kharkiv"),
        ("на позиції під андріївкою воду дроном скидають", "uk", None, None),
        ("біля роботиного русні лежить багато", "uk", "Роботине", "Zaporizhzhia"),
        # a compound preposition written with a hyphen
        ("дзвонив з-під бахмута сказав що живий", "uk", "Bakhmut", "Donetsk"),
        ("Из-под Торецка вышли ночью.", "ru", "Toretsk", "Donetsk"),
        # Ukrainian adjectival names in an oblique case, capitalised, with no noun after them
        ("Бачу групу біля Кремінної, йдуть лісом.", "uk", "Kreminna", "Luhansk"),
        ("Ідуть з Новопокровки у бік Вербового. Швидкість двадцять.", "uk", None, "Zaporizhzhia"),
        # a town after "з" before "обидва" is a town, not a family
        ("Каже, з Брянська обидва.", "uk", "Bryansk", "Bryansk"),
    ],
)
def test_round7_places_are_found(text, lang, name, oblast):
    places = [e for e in analyze_text(text, lang)["entities"] if e["label"] == "LOC"]
    assert places, text
    if name is not None:
        assert any(name in (p["attributes"]["geo"]["name"], p["attributes"]["geo"]["local"]) for p in places), places
    if oblast is not None:
        assert any(p["attributes"]["geo"]["oblast"] == oblast for p in places), places


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # an adjective with its noun, common words after a preposition, a cased text's lower-case words
        ("сховались під очеретиним дахом", "uk"),
        ("прийшов з роботи пізно", "uk"),
        ("пришёл с работы поздно", "ru"),
        ("Біля шахти стоїть техніка.", "uk"),
        ("вчора під столом знайшли", "ru"),
    ],
)
def test_round7_plain_words_are_no_places(text, lang):
    assert not [e for e in analyze_text(text, lang)["entities"] if e["label"] == "LOC"], text


@pytest.mark.parametrize(
    ("text", "lang", "gone", "kept"),
    [
        # a first name that is also a small village, with no preposition before it (uk "от" is a particle)
        ("А от Мирона ми не вберегли.", "uk", ["Мирона"], []),
        ("Поехали в Мирон вчера.", "ru", [], ["Мирон"]),
        # a patronymic used as a nickname, in any case; words ending alike stay
        ("и ещё михалычу передай двести", "ru", ["михалычу"], []),
        ("дай кирпичу упасть, москвича купил", "ru", [], ["кирпичу", "москвича"]),
        # a unit number said again digit by digit; a countdown stays
        ("Часть новая — в/ч 31742. Запиши: три, один, семь, четыре, два.", "ru", ["три, один, семь, четыре, два"], []),
        ("пять, четыре, три, два, один, пуск", "ru", [], ["пять, четыре, три, два, один"]),
    ],
)
def test_round7_names_in_places_and_numbers(text, lang, gone, kept):
    output = redact_text(text, MASK, lang).text
    for item in gone:
        assert item not in output, output
    for item in kept:
        assert item in output, output


def test_round7_leaks_and_place_misses_stay_low():
    # round 7 after its fixes (not blind): 4 of 425 personal-data items still readable, all PER in lower-case or
    # slang ("колямбы", "марта", "чечена", "Хохол", a surname that is a coded slur); no call sign, phone, unit or full
    # name; 232 of 237 places found. The floors allow one more of each.
    leaked, total = blind_leaks("round7")
    places, found = 0, 0
    for record in blind_records("round7"):
        locs = [e for e in analyze_text(record["text"], record["lang"])["entities"] if e["label"] == "LOC"]
        for place in record.get("places", []):
            places += 1
            found += any(e["start"] < place["end"] and place["start"] < e["end"] for e in locs)
    assert total >= 420 and places >= 230
    assert len(leaked) <= 5, leaked
    assert not [x for x in leaked if x[0] in ("PHONE", "UNIT")], leaked
    assert found >= places - 6, (found, places)


@pytest.mark.parametrize(
    ("text", "lang", "gone", "kept"),
    [
        # a noun in charge of a group ("с X старшим") and a word said to be a surname
        ("на позицию идут трое с кедром старшим как понял приём", "ru", ["кедром"], []),
        ("Бобер — це прізвище, не позивний.", "uk", ["Бобер"], []),
        ("пошёл с отцом старшим", "ru", [], ["отцом"]),
        ("Москва — это столица, фамилия тут ни при чём.", "ru", [], ["Москва"]),
        ("Какая у него фамилия?", "ru", [], ["Какая"]),
    ],
)
def test_round7_said_to_be_people(text, lang, gone, kept):
    output = redact_text(text, MASK, lang).text
    for item in gone:
        assert item not in output, output
    for item in kept:
        assert item in output, output
