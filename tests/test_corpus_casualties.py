"""Classes of casualty wording that recur across several authors of the training corpus (corpus/, 18 authors who
read only ANNOTATION.md; cas22, issue 17), each with made-up sentences written here and hard negatives.

The corpus texts themselves are scored by ``benchmarks/accuracy.py corpus/author-*.jsonl``; these tests pin the
classes down in new words, in Russian and Ukrainian, with and without punctuation.
"""

from __future__ import annotations

import pytest

from overheard.annotate.analysis import analyze_text


def mentions(text: str, lang: str) -> list[tuple[str, int | None]]:
    return [(c["category"], c["count"]) for c in analyze_text(text, lang)["casualties"]]


def categories(text: str, lang: str) -> list[str]:
    return [c["category"] for c in analyze_text(text, lang)["casualties"]]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a soldier in a military hospital with the wound named within a few words is wounded
        ("я сейчас в госпитале в Курске, осколок из бедра вынули", "ru"),
        ("серега в госпитале лежит руку по локоть отняли", "ru"),
        ("наш Толик у шпиталі в Запоріжжі, ногу зашили, ходить з милицею", "uk"),
        ("мама не переживай я в госпіталі з контузією через тиждень випишуть", "uk"),
        ("Сын в госпитале, без ноги. Двадцать два года.", "ru"),
    ],
)
def test_a_soldier_in_hospital_with_a_wound_is_wounded(text, lang):
    assert categories(text, lang) == ["wounded"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a hospital with no wound beside it, a civilian hospital, a plan: no mention
        ("в госпитале мест нет, всех везут дальше", "ru"),
        ("я в госпитале санитаром работаю, смена до восьми", "ru"),
        ("мама в больнице, ногу сломала на льду", "ru"),
        ("завтра поїду в шпиталь до Миколи, передам йому сало", "uk"),
        ("у шпиталі зробили ремонт, нові ліжка привезли", "uk"),
    ],
)
def test_a_hospital_alone_is_no_casualty(text, lang):
    assert categories(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # captivity as a state: an imperative before it speaks to the captive, it orders nothing
        ("мам ты только не плачь я в плену живой кормят", "ru", [("captured", 1)]),
        ("синку тримайся там у полоні ми тебе чекаємо", "uk", [("captured", 1)]),
        # a number word before the phrase is no verb ("три" is also the imperative of "тереть")
        ("мій Андрій три місяці в полоні, а ми нічого не знаємо", "uk", [("captured", 1)]),
        ("Сашка второй год в плену, мать извелась", "ru", [("captured", 1)]),
    ],
)
def test_captivity_as_a_state_is_captured(text, lang, expected):
    assert mentions(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a direction with an imperative is still an order or a plea, not a report
        ("не попадай в плен, сынок, слышишь", "ru"),
        ("здавайся в полон, поки живий", "uk"),
    ],
)
def test_an_order_into_captivity_is_no_capture(text, lang):
    assert categories(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # an ordinal before a car name in quotation marks is the car's model, not a code (four corpus authors)
        ("у замполита пятисотый «Мерседес», а у нас берцы рваные", "ru"),
        ("Шестисотый \"мерин\" у военкома под окнами стоит", "ru"),
        ("приїхав на п'ятисотому «мерсі», весь такий важливий", "uk"),
    ],
)
def test_an_ordinal_before_a_quoted_car_is_a_model(text, lang):
    assert categories(text, lang) == []


def test_a_quoted_code_word_still_counts():
    assert categories("у нас «двухсотый» один, Вася", "ru") == ["killed"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a refusal of a job, an offer or an evacuation is no refusal to fight (corpus TC, TN, TO; rounds 8 and 10)
        ("мне предлагали место в банке, я отказалась, зарплата маленькая", "ru"),
        ("з села всіх вивезли, а дід Степан відмовився, сидить у льосі", "uk"),
        ("мені Андрій пропонував купити його машину, я відмовився, дорого", "uk"),
    ],
)
def test_a_refusal_of_something_else_is_no_refusal_to_fight(text, lang):
    assert categories(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a refusal with the fighting it refuses, the order, the commander or the punishment beside it
        ("Витёк отказался, сказал на штурм больше не пойдёт", "ru"),
        ("наш взводний відмовився вести хлопців на ту позицію", "uk"),
        ("он отказался, и ротный его сразу в подвал", "ru"),
        ("трое отказались, их в яму посадили", "ru"),
        ("брат відмовився їхати на позиції, тепер на нього справа", "uk"),
        # a bare refusal is still one, and so is one whose reason is an ended contract
        ("я отказался, и всё, пусть что хотят делают", "ru"),
        ("двое отказались на штурм идти, говорят, контракт закончился", "ru"),
    ],
)
def test_a_refusal_to_fight_is_refused(text, lang):
    assert categories(text, lang) == ["refused"]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the code said as a cardinal after "один", or after a count with quotation marks between (TA, TF, TQ)
        ("Берёза, я Клён, у меня один двести, двое триста, прошу эвакуацию", "ru",
         [("killed", 1), ("wounded", 2)]),
        ("в мене один триста, легкий, сам дійде", "uk", [("wounded", 1)]),
        ("на точке четверо «триста», один тяжёлый", "ru", [("wounded", 4)]),
    ],
)
def test_a_cardinal_code_after_one_or_a_quoted_count(text, lang, expected):
    assert mentions(text, lang)[: len(expected)] == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a larger number or a price is no code
        ("номер квартиры двести один, третий этаж", "ru"),
        ("бензин уже одна двести за литр, с ума сошли", "ru"),
    ],
)
def test_a_cardinal_code_inside_a_number_or_a_price_is_no_casualty(text, lang):
    assert categories(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a severity said of the wounded man himself, with no code word beside it (eight corpus authors)
        ("у меня двое трёхсотых лёгких и один тяжёлый, нужна коробочка", "ru", [("wounded", 2), ("wounded", 1)]),
        ("Трое тяжёлых у нас, вертушки нет, по дороге не довезём", "ru", [("wounded", 3)]),
        ("дзвонили зі шпиталю: син важкий, без свідомості", "uk", [("wounded", 1)]),
    ],
)
def test_a_severity_said_of_a_man_is_wounded(text, lang, expected):
    assert mentions(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a severity of a group already counted is part of that group
        ("у нас два трёхсотых, один тяжёлый, нужна эвакуация", "ru", [("wounded", 2)]),
        ("трьохсотих вивезли, троє, двоє важкі", "uk", [("wounded", 3)]),
        ("привезли сорок носилок, из них шесть тяжёлых", "ru", []),
        # a severity that describes a thing, or a text with no wound in it
        ("сегодня тяжёлый день, трёхсотых много", "ru", [("wounded", None)]),
        ("у нас двое тяжёлых пулемётов и один лёгкий, патронов мало", "ru", []),
        ("сумки тяжёлые, одна лёгкая, донесу", "ru", []),
    ],
)
def test_a_severity_of_a_counted_group_or_a_thing_adds_nothing(text, lang, expected):
    assert mentions(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # the dead left where they fell: people or bodies "lie" in a field, a treeline or the ground (ten authors)
        ("там у поля наших трое лежат с весны, забрать не дают", "ru"),
        ("в посадці тіла лежать третій тиждень, дрони не підпускають", "uk"),
        ("укропов там в балке десятки лежат, никто не убирает", "ru"),
    ],
)
def test_the_dead_left_lying_are_killed(text, lang):
    assert categories(text, lang) == ["killed"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # the living lying low, the wounded in a shelter or a hospital, things on the ground
        ("мы там двое суток лежали в посадке, пока не стемнело", "ru"),
        ("хлопці лежать у бліндажі, чекають евакуацію, обидва поранені", "uk"),
        ("он в госпитале, с ним ещё двое там же лежат, тоже с осколками", "ru"),
        ("в поле мины лежат, туда не ходи", "ru"),
    ],
)
def test_the_living_lying_low_are_not_killed(text, lang):
    assert "killed" not in categories(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a man exchanged, or on the exchange lists, was a prisoner (corpus TB, TH, TI, TP, TQ; round 10)
        ("его обменяли в субботу, уже дома отсыпается", "ru", [("captured", 1)]),
        ("мене обміняли позавчора, я вже в Сумах", "uk", [("captured", 1)]),
        ("кажуть, він у списках на обмін, чекаємо", "uk", [("captured", 1)]),
    ],
)
def test_an_exchanged_man_was_captured(text, lang, expected):
    assert mentions(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # money, things, or a plan
        ("обменял доллары на рубли по хорошему курсу", "ru"),
        ("обміняли гривні на долари в банку", "uk"),
        ("меня обменяют, и я сразу домой", "ru"),
    ],
)
def test_an_exchange_of_things_or_a_plan_is_no_capture(text, lang):
    assert categories(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # Ukrainian written with the Russian word split ("без вісти" for "безвісти"), either order
        ("двоє наших без вісти пропали під Торецьком", "uk", [("missing", 2)]),
        ("брат пропав без вісти ще в травні", "uk", [("missing", 1)]),
        # "вісти" as news is no mention
        ("без вісті від тебе я не засну", "uk", []),
    ],
)
def test_missing_without_news_spelt_apart_in_ukrainian(text, lang, expected):
    assert mentions(text, lang) == expected
