"""Military units as a class, generated (branch units20; the generator is ``tests/unit_generator.py``, its word lists
and templates ``tests/data/units20/``).

ANNOTATION.md, Personal data: UNIT is a numbered formation (в/ч numbers, brigades, regiments, battalions, companies,
platoons), and redaction must remove every occurrence of every form (unnumbered formations such as "Шторм Z" are no
unit: docs/annotation-decisions.md). A seeded generator fills templates of nine groups (numbers in digits, numbers
in words, abbreviations in any case, в/ч numbers written or spoken, a number alone for a unit named before or not,
the formation before its number, casualty codes beside units, the formation word left out after adjectives or after
the word for it) in Russian and Ukrainian, cased or as lower-case speech-to-text; hard negatives put ordinals and
formation-like words where they are no unit ("на второй полке", "в пятом классе", "закрой рот", "трёхсотые из
роты"). The vocabulary and the templates were split once, before anything was measured: the rules were made to pass
``tune``; ``held_out`` was only measured, and the figures below are floors (a change may improve them, not make them
worse).
"""

from __future__ import annotations

import pytest
from unit_generator import negative_case, positive_case, tally

from overheard.annotate.analysis import Analyzer
from overheard.annotate.rules.patterns import find_units

N = 300  # generated texts per split (half as many negatives)

# What the branch measured on the first N seeds (docs/accuracy.md, units20): unit mentions leaked (of 315 and 324),
# negatives whose ordinal was masked (of 150), tokens masked in the negatives. Main f66a4ad leaked 32% (tune) and 44%
# (held out) of 1,000 seeds' mentions.
FLOORS = {
    "tune": {"leaked": 14, "negatives_masked": 0, "negative_tokens_masked": 0},
    "held_out": {"leaked": 46, "negatives_masked": 5, "negative_tokens_masked": 14},
}


def _tally(split: str) -> dict[str, int]:
    positives = tally(positive_case(seed, split) for seed in range(N))
    negatives = tally(negative_case(seed, split) for seed in range(N // 2))
    return {"leaked": positives.leaked, "items": positives.items, "negatives_masked": negatives.target_masked,
            "negative_tokens_masked": negatives.overmasked}


@pytest.mark.parametrize("split", ["tune", "held_out"])
def test_generated_units_leak_no_more_than_measured(split):
    """Units said every way the templates know survive masking at most as often as the branch measured, on the part
    the rules were tuned on and on the part they were never tuned on; no more ordinals that are no unit are masked."""
    tally = _tally(split)
    floor = FLOORS[split]
    assert tally["leaked"] <= floor["leaked"], tally
    assert tally["negatives_masked"] <= floor["negatives_masked"], tally
    assert tally["negative_tokens_masked"] <= floor["negative_tokens_masked"], tally


@pytest.mark.parametrize(("text", "unit"), [
    ("вэ чэ девять четыре семь один два", "вэ чэ девять четыре семь один два"),
    ("пиши на часть сорок семь ноль девяносто", "часть сорок семь ноль девяносто"),
    ("спроси в в/ч п'ять три п'ять дев'ять дев'ять", "в/ч п'ять три п'ять дев'ять дев'ять"),
    ("адрес войсковая часть четыреста тридцать шесть восемьдесят четыре", "войсковая часть четыреста тридцать шесть "
                                                                         "восемьдесят четыре"),
    ("нас из сто пятьдесят пятой бригады забрали", "сто пятьдесят пятой бригады"),
    ("хлопцы из восемьсот десятой обрмп звонили", "восемьсот десятой обрмп"),
    ("я в тысяча сто восемьдесят седьмом теперь", "тысяча сто восемьдесят седьмом"),
    ("у сто десятій бригаді", "сто десятій бригаді"),
    ("Полк номер 201 вывели.", "Полк номер 201"),
    ("Я в роте № 5.", "роте № 5"),
    ("Бригады отвели, а 377-й стоит под Кременной.", "377-й"),
    ("Его из 47-го перевели, теперь в роте.", "47-го"),
    ("в роте говорят пятьсот двенадцатый опять на передке", "пятьсот двенадцатый"),
    ("рота на місці, сто п'ятдесят п'ятий знову на передку", "сто п'ятдесят п'ятий"),
    ("Слухай, мені запропонували перейти в 3-тю штурмову.", "3-тю штурмову"),
    ("из сорок седьмой отдельной пацаны звонили", "сорок седьмой отдельной"),
    ("З нашої роти, з четвертої, троє пішли.", "четвертої"),
    ("нашу роту седьмую отвели", "седьмую"),
    ("У 2-й роті тихо. Я в 1-й, цілий.", "1-й"),
    ("номер части у него А4321, туда пиши", "А4321"),
    ("Его перевели в роту трёхсотого полка.", "трёхсотого полка"),
])
def test_unit_forms(text, unit):
    """Spoken в/ч numbers, hundreds and thousands in words, "номер", a number alone above 31 in a text that names a
    formation, the formation word left out after its adjectives or after the word for it, a Ukrainian "А" number,
    casualty codes that number a regiment: each is one unit."""
    assert unit.lower() in [m.normal for m in find_units(text)]


@pytest.mark.parametrize(("text", "unit"), [
    ("вчера трое пятисотых у нас во второй батарее отказались", "второй батарее"),
    ("двое с третьей батареи, везём в Валуйки", "третьей батареи"),
    ("Вчора нашій 9-й батареї завезли снаряди.", "9-й батареї"),
    ("Нашу 5-ю батарею под Макеевкой накрыло.", "5-ю батарею"),
    ("я во втором дивизионе теперь", "втором дивизионе"),
    ("из 200-й тбр пацаны звонили", "200-й тбр"),
    ("с вэ-че 71289, искали по всему Ростову", "вэ-че 71289"),
    ("пацаны с вэ че шестьдесят девять тысяч семьсот семьдесят один говорят",
     "вэ че шестьдесят девять тысяч семьсот семьдесят один"),
    ("я теперь в в ч пятьдесят две тысячи триста восемь служу", "в ч пятьдесят две тысячи триста восемь"),
])
def test_batteries_tank_brigades_and_spoken_thousands_are_units(text, unit):
    """A numbered battery or artillery battalion is a unit like a company; "тбр" is a brigade; a в/ч number said in
    words may hold a thousand, and "вэ-че"/"вэ че" is the same prefix as "вэ чэ" (thirteenth session, the new
    training authors' unit leaks)."""
    assert unit.lower() in [m.normal for m in find_units(text)]


@pytest.mark.parametrize(("text", "units"), [
    ("Зараз на позиції 22-а і 33-я бригади разом.", ["22-а", "33-я бригади"]),
    ("с 3-го и 4-го батальонов пацаны звонили", ["3-го", "4-го батальонов"]),
    ("из первой, второй и третьей рот никого", ["первой", "второй", "третьей рот"]),
    ("з двадцять п'ятої та сорок сьомої бригад хлопці", ["двадцять п'ятої", "сорок сьомої бригад"]),
    ("Ну, наша 155-я своё отвоевала. Нас в 37-ю бригаду перекидывают.", ["155-я", "37-ю бригаду"]),
])
def test_ordinals_joined_before_one_formation_word_are_each_a_unit(text, units):
    """Ordinals joined by "и"/"і"/"та" or a comma, the formation word said once after the last, are each a unit; a
    pronoun's adjective after a bare number ("155-я своё отвоевала") is no noun it qualifies (fourteenth session,
    corpus authors UI and UK)."""
    assert [m.normal for m in find_units(text)] == units


@pytest.mark.parametrize("text", [
    "Квадрат сорок два сімнадцять, 92-га бригада просить підтвердження.",  # a cardinal of a grid square
    "их было 20, и 3-я рота ушла",  # a bare number: a count
    "в пятый раз и третья рота опять",  # an ordinal of a noun of its own
])
def test_cardinals_and_counts_before_a_unit_are_not_joined_to_it(text):
    """A cardinal, a bare number or an ordinal that qualifies a noun of its own before a unit is not one."""
    assert len(find_units(text)) == 1


@pytest.mark.parametrize("text", [
    "купи вторую батарейку для фонарика",  # a battery of a torch
    "у нас в батарее трое двухсотых",  # a battery without a number is no unit
    "отдал часть две тысячи рублей",  # "часть" alone before a sum: no unit number
    "батарея села две штуки купи",
])
def test_unnumbered_batteries_and_sums_are_no_unit(text):
    """A torch battery, a battery with no number and a sum after "часть" are no unit."""
    assert [m.normal for m in find_units(text)] == []


@pytest.mark.parametrize(("text", "again"), [
    ("Он в 24-й бригаде. Да, в 24-й, я же говорил.", "24-й"),
    ("Он в четырнадцатом полку, да в четырнадцатом.", "четырнадцатом"),
    ("девяносто третья бригада уходит, а девяносто третья остаётся", "девяносто третья"),
    ("З 201-ої бригади нікого, з 201-ої троє прийшли.", "201-ої"),
])
def test_a_units_number_said_again_alone_is_the_unit(text, again):
    """The number of a unit found in the text, said again alone (ten and above), is masked there too."""
    found = [text[m.start : m.end] for m in find_units(text)]
    assert found.count(again) == 1 and len(found) == 2, found


@pytest.mark.parametrize("text", [
    "Книги на второй полке лежат.",  # a shelf: the ordinal is feminine, a regiment's masculine
    "Книги на 5-ой полке.",
    "Син у сто десятому класі вчиться.",  # a noun it qualifies, read by the Ukrainian dictionary
    "В 201-м штурмовом полку трое трёхсотых.",  # "трое" is no "ТрО" (the unit ends at "полку")
    "в 134-й раз", "на 50-м километре", "в 90-х годах", "в 2014-м", "приеду 25-го",
    "у нас сорок двухсотых", "в двадцать втором", "в тысяча девятьсот сорок пятом", "двадцать пять человек",
    "большая часть пять", "Закрой рот.", "Батя звонил.",
    "377-й стоит под Кременной.",  # a number alone in a text that names no formation: a bus, a year, an article
    "доеду на пятьсот двенадцатом до конечной", "по 228-й сидит", "в сорок третьем под Курском воевал",
    "Один 300-й, вывезли на лодке. Рота на месте.",  # a casualty code, not a unit
    "в роте вторую неделю сидим", "рота с девяноста до тридцати семи сократилась", "на 5-й штурмовой позиции",
    "Трёхсотый из трёхсотой бригады лежит у нас.",  # the wounded man is no unit, the brigade is
])
def test_no_unit_or_no_more_than_the_unit(text):
    """Ordinals of things, dates, years, buses, articles, counts of the dead and formation-like words are no unit."""
    found = [m.normal for m in find_units(text)]
    assert found in ([], ["201-м штурмовом полку"], ["трёхсотой бригады"]), found


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer.build(names=["terms", "casualties", "themes", {"name": "entities", "config": {"ner": False}}])


def test_a_casualty_code_numbering_a_unit_is_no_casualty(analyzer):
    """"трёхсотого полка" is a regiment, "трёхсотые из роты" the wounded of a company (ANNOTATION.md)."""
    unit = analyzer.analyze("Его перевели в роту трёхсотого полка.", "ru")
    assert unit["casualties"] == []
    assert [e["text"] for e in unit["entities"] if e["label"] == "UNIT"] == ["трёхсотого полка"]
    wounded = analyzer.analyze("Трёхсотые из роты уехали в госпиталь.", "ru")
    assert [c["category"] for c in wounded["casualties"]] == ["wounded"]
    assert [e for e in wounded["entities"] if e["label"] == "UNIT"] == []
