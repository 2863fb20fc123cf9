"""Classes of personal data the eighth blind round (authors P and Q, issue 17) and the leftovers of round 7 showed the
redactor missed, each with made-up sentences in the words of ANNOTATION.md and hard negatives beside them.

Round 8 was scored blind once (10 of 218 items leaked on main 16ccf1c); the fixes below were made after reading its
misses, so its figures after them are not blind. Leaking is far worse than masking a word too many: every rule here
masks when unsure and says so in its explanation.
"""

from __future__ import annotations

import pytest
from helpers import blind_leaks

from overheard.annotate.components.entities import find_entities
from overheard.jobs.redaction import redact_text
from overheard.redact import Policy, Redactor

MASK = Redactor(b"", Policy("mask", "keep"))


def _masked(text: str, lang: str) -> str:
    return redact_text(text, MASK, lang).text


@pytest.mark.parametrize(
    ("text", "lang", "gone"),
    [
        # a radio opening in speech-to-text text, the caller said twice, a verb right after the callee; call signs
        # that are also rivers or mountains
        ("енисей енисей я ока вижу технику противника", "ru", ["енисей", "ока"]),
        ("дон дон я висла наблюдаю движение на опушке", "ru", ["дон", "висла"]),
        ("тайфун тайфун я бриз бачу колону на дорозі", "uk", ["тайфун", "бриз"]),
        # a call sign opening a clause of a lower-case text, bare before a verb of speech, with no radio talk
        ("сокол говорит у развилки трое лежат", "ru", ["сокол"]),
        ("а беркут каже що двоє трьохсотих", "uk", ["беркут"]),
        # "X, это Y." between two capitalised call signs is a radio opening, whatever town is called Y
        ("— Берёза, это Орёл. Квадрат пустой, понял?", "ru", ["Орёл"]),
        # a listed animal noun of a lower-case text opening a clause as the subject of a finite verb
        ("пусть филин решает с эвакуацией сам", "ru", ["филин"]),
        ("хай барсук вирішує що робити", "uk", ["барсук"]),
        # a lower-case call sign in the dative before a verb of passing a message
        ("волку передай пусть отходит к посадке", "ru", ["волку"]),
        ("соколу скажи хай відходить", "uk", ["соколу"]),
        # a kinship word of the call-sign list capitalised inside a sentence is a nickname
        ("Слышал, Деда вчера затрёхсотило? Осколок в плечо.", "ru", ["Деда"]),
        ("Кажуть, Діда вчора знову контузило.", "uk", ["Діда"]),
    ],
)
def test_call_signs_outside_radio_talk_are_masked(text, lang, gone):
    output = _masked(text, lang)
    for item in gone:
        assert item not in output.split(), output


@pytest.mark.parametrize(
    ("text", "lang", "gone"),
    [
        # Ukrainian possessive adjectives of a male first name ("Максимова рота" is Maksym's company)
        ("з андрієвої роти ніхто не вернувся", "uk", ["андрієвої"]),
        ("в тарасового брата теж повістка", "uk", ["тарасового"]),
        # a surname after a first name in lower case, with the Ukrainian -ник ending
        ("я дружина тараса мельника шукаю його", "uk", ["мельника"]),
        # a form that is an ordinary word only in the other language ("романа" is a novel's only in Russian)
        ("є новини про романа чи ні", "uk", ["романа"]),
        # a name form that is also a conjunction, with its possessive pronoun
        ("Коли нашего забрали в штурмовики ещё в мае.", "ru", ["Коли"]),
        # invented diminutives of a first name nobody listed, in lower case
        ("светуся ты не волнуйся я живой", "ru", ["светуся"]),
        ("взял телефон у димасика позвонить", "ru", ["димасика"]),
        # a month's genitive that is a name, before a verb
        ("марта плаче кожен день а я нічого не можу", "uk", ["марта"]),
        # a name form opening the call or a turn, set off by a comma, although it is also a word
        ("Вера, мне сегодня сказали, что его видели.", "ru", ["Вера"]),
        ("— Слава, ты где сейчас?", "ru", ["Слава"]),
        # a name or a nickname right after "слышь"/"слухай" in lower case
        ("слышь макс я тебе потом перезвоню", "ru", ["макс"]),
        ("слышь косой ты мне сотку должен", "ru", ["косой"]),
        # ethnic nicknames: bare before a verb in lower case, capitalised inside a sentence, said to be a surname
        ("у нас тут якута вчера зацепило", "ru", ["якута"]),
        ("Вчера Казах звонил, спрашивал про тебя.", "ru", ["Казах"]),
        ("Держимся. Хохол — это фамилия его такая, не смейся.", "ru", ["Хохол"]),
    ],
)
def test_people_named_by_ordinary_words_are_masked(text, lang, gone):
    output = _masked(text, lang)
    for item in gone:
        assert item not in output.split(), output


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        # a family call: the object before its verb after a name is no call sign
        ("сань я машину продал", "ru", ["машину"]),
        # a call-sign word with a determiner, or a plain family word, before a verb of speech
        ("наш сокол говорит что дождь будет", "ru", ["сокол"]),
        ("а дед говорит что всё нормально", "ru", ["дед"]),
        # an object or a qualified noun, a thing that is no animal, or a cased text, stays a word
        ("видел сову вчера у блиндажа", "ru", ["сову"]),
        ("наш кот опять спит", "ru", ["кот"]),
        ("гроза прошла ночью", "ru", ["гроза"]),
        ("Вчера лиса утащила курицу.", "ru", ["лиса"]),
        # a family word told a message stays a word
        ("деду скажи что я позвоню", "ru", ["деду"]),
        # kinship words opening a turn or addressed stay words
        ("Батя, всё нормально, не переживай.", "ru", ["Батя"]),
        ("Слушай, Батя, ты где сейчас?", "ru", ["Батя"]),
        # ordinary Ukrainian adjectives in -ової/-ового
        ("до нової роти перевели з готового окопу", "uk", ["нової", "готового"]),
        # "коли мій" is "when my" in Ukrainian
        ("Коли мого брата забрали, я плакала.", "uk", ["Коли"]),
        # "это" before a big town after a verb is no radio opening
        ("Смотри, это Москва.", "ru", ["Москва"]),
        # a common noun opening a sentence mid-call is no address
        ("Мы пришли. Слава богу, все живы.", "ru", ["Слава"]),
        # months as dates
        ("з восьмого марта не бачились", "uk", ["марта"]),
        ("с начала марта тут сидим", "ru", ["марта"]),
        # a man of a people, qualified or as a predicate; a slur for the enemy in lower case is the enemy
        ("пленного чечена вчера взяли", "ru", ["чечена"]),
        ("один из них бурят, говорит по-русски плохо", "ru", ["бурят"]),
        ("хохла вчера взяли в плен", "ru", ["хохла"]),
        ("Хохлы опять полезли на наш участок.", "ru", ["Хохлы"]),
        # a word no dictionary knows that is no diminutive of a name
        ("короче колонка сломалась", "ru", ["колонка"]),
    ],
)
def test_ordinary_words_stay(text, lang, kept):
    output = _masked(text, lang)
    for item in kept:
        assert item in output.split() or item + "," in output.split() or item in output, output


def test_the_rules_say_they_mask_when_unsure():
    found = find_entities("сокол говорит у развилки трое лежат", "ru")
    assert [f.explanation for f in found if f.text == "сокол"] == [
        "callsign: listed word before a speech verb (masked when unsure)"]
    found = find_entities("у нас тут якута вчера зацепило", "ru")
    assert any("ethnic word" in f.explanation and "masked when unsure" in f.explanation for f in found)


def test_a_surname_said_over_a_coded_slur_is_masked_and_marked():
    text = "Держимся. Хохол — это фамилия его такая, не смейся."
    found = [f for f in find_entities(text, "ru") if f.text == "Хохол"]
    assert found and found[0].label == "PER" and found[0].attributes["over_code"] is True
    assert "Хохол" not in _masked(text, "ru")


def test_round8_and_round7_leaks_stay_low():
    # after these fixes (not blind): round 8 keeps 1 of 218 items readable ("мамуль", a kinship word, which
    # ANNOTATION.md says is not personal data), round 7 none of 425; the floors allow one more each, and no
    # phone, unit or full name may ever leak
    for round_, floor, items in (("round8", 2, 215), ("round7", 1, 420)):
        leaked, total = blind_leaks(round_, whole_words=True)
        assert total >= items
        assert len(leaked) <= floor, (round_, leaked)
        assert not [x for x in leaked if x[0] in ("PHONE", "UNIT") or " " in x[1]], (round_, leaked)
