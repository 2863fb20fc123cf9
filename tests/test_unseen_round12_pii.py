"""Classes of personal data blind round 12 (authors X, Y, Z; issue 17) showed the redactor leaked, each with made-up
sentences (not the blind texts) and hard negatives beside them.

Round 12 leaked 37 of 394 items on f0f2c4d, most of them author Y's convicts of storm units: camp aliases that are
ordinary words ("Чума", "Шрам", "Кирпич", "Шнырь", a town "Воронеж") and nickname adjectives ("малой", "седой",
"сиплый"). A list cannot know them; the sentence gives them away: only a person is wounded or "zeroed", leaves the
unit or gives up, sends greetings or says "это я, Лысый" (``annotate/rules/entities/aliases.py``).
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
        # the object of a casualty verb right beside it
        ("мам не переживай у нас всё тихо только гвоздя вчера ранило легко", "ru", "гвоздя"),
        ("короче бурю убило утром прямо на позиции", "ru", "бурю"),
        ("вчора цвяха поранило під бахмутом", "uk", "цвяха"),
        ("Слушай, Молотка контузило, его в тыл повезли.", "ru", "Молотка"),
        ("Наши Кабана минусанули ещё в среду.", "ru", "Кабана"),
        ("у нас нашего филина ранило в руку", "ru", "филина"),
        # the one who left the unit or gave up
        ("а мелкий ушёл в сзч ещё летом его ищут", "ru", "мелкий"),
        ("Слышь, Тамбов в СЗЧ ушёл, с отпуска не вернулся.", "ru", "Тамбов"),
        ("Гвоздь наш запятисотился, не пошёл на штурм.", "ru", "Гвоздь"),
        # who a greeting comes from; a nickname after "это" or before a greeting
        ("привет тебе от гвоздя из соседнего барака", "ru", "гвоздя"),
        ("привіт тобі від цвяха з нашої роти", "uk", "цвяха"),
        ("алло мам это сиплый с нашего отряда", "ru", "сиплый"),
        ("рыжий привет тебе как ты там", "ru", "рыжий"),
    ],
)
def test_a_camp_alias_the_sentence_treats_as_a_person_is_masked(text, lang, gone):
    assert gone not in masked(text, lang).split(), masked(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        # body parts, kit, people named by what they are, numbers and pronouns
        ("руку зацепило осколком, машину посекло", "ru", ["руку", "машину"]),
        ("вчера бойца ранило в ногу и пацана убило", "ru", ["бойца", "пацана"]),
        ("его ранило, одного убило, меня контузило", "ru", ["одного"]),
        ("вчера второго ранило, а старшего контузило", "ru", ["второго", "старшего"]),
        ("його поранило під Куп'янськом ще в жовтні", "uk", ["під"]),
        ("ранило осколок в плечо попал", "ru", ["осколок"]),
        # bodies of people give up too; kinship words are not personal data
        ("брат в сзч ушёл, а взвод сдался", "ru", ["брат", "взвод"]),
        ("один в сзч ушёл, двое остались", "ru", ["один"]),
        ("привет тебе от мамы и от всех наших", "ru", ["мамы", "всех"]),
        ("привет от нашей роты", "ru", ["роты"]),
        # a description, not a name
        ("это лысый мужик стоял у ворот", "ru", ["лысый"]),
        ("вчера в Воронеже были, там тихо", "ru", ["Воронеже"]),
    ],
)
def test_ordinary_words_beside_those_verbs_stay_readable(text, lang, kept):
    out = masked(text, lang)
    for word in kept:
        assert word in out.split() or word + "," in out.split(), out


@pytest.mark.parametrize(
    ("text", "lang", "gone"),
    [
        # a numbered call sign answering "я", and the station called before it
        ("ясень ясень я тридцать первый выходим к посадке", "ru", "ясень"),
        ("ясень ясень я тридцать первый выходим к посадке", "ru", "тридцать"),
        ("берег я сапер-три везу двоих раненых прием", "ru", "сапер-три"),
        ("берег я сапер-три везу двоих раненых прием", "ru", "берег"),
        # the station called opening a lower-case radio line, or asked to confirm
        ("кедр у нас трое трёхсотых нужна эвакуация прием", "ru", "кедр"),
        ("сокира плюс бачу їх біля лісосмуги", "uk", "сокира"),
        ("прийом прийом скеля квадрат сорок два", "uk", "скеля"),
        ("переходим на запасную в ноль ноль бархан подтверди прием", "ru", "бархан"),
    ],
)
def test_a_call_sign_in_a_lower_case_radio_line_is_masked(text, lang, gone):
    assert gone not in masked(text, lang).split(), masked(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        ("мам я двадцать второго приеду", "ru", ["мам"]),
        ("ну я три дня не спал", "ru", ["три"]),
        ("зарплата плюс премия вышла", "ru", ["зарплата"]),
        ("группа у нас на месте прием", "ru", ["группа"]),
        ("частота сто сорок подтверди прием", "ru", ["частота"]),
        ("брат у нас всё нормально", "ru", ["брат"]),
        ("прием прием как слышно", "ru", ["как"]),
    ],
)
def test_radio_nouns_and_family_talk_stay_readable(text, lang, kept):
    out = masked(text, lang)
    for word in kept:
        assert word in out.split(), out


def test_round12_leaks_stay_at_or_below_what_pii21_reached():
    from helpers import blind_leaks

    # 37 of 394 on f0f2c4d (blind 38 on 456442e)
    leaked, total = blind_leaks("round12", whole_words=True)
    assert total == 394 and len(leaked) <= 17, leaked
