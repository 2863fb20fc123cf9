"""False casualty alarms as classes (fa29), read off the development half of the open authors (corpus and hard
negatives whose code ends in A C E G I K M O Q S U W, odd rounds) and measured on the other half as figures: an
ordinal code word that repeats, with its noun left out, an ordinal the rules read as no code a few words before
("трёхсотый день ... Трёхсотый!", "бетон двухсотой марки, а надо трёхсотой"); a negative determiner right before
an uncounted casualty word ("никаких двухсотых"); a lie, a pronoun and "что" before the claim ("брехня це, що ...").
Every sentence is made up for this file (none copied from the corpus, the hard negatives or a round); each class has
the reports beside it that must stay.
"""

from __future__ import annotations

import pytest

from overheard.annotate.analysis import analyze_text


def mentions(text: str, lang: str) -> list[tuple[str, int | None]]:
    return [(c["category"], c["count"]) for c in analyze_text(text, lang)["casualties"]]


# ------------------------------------------------------------- an ordinal repeated with its noun left out


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Сегодня трёхсотый день, как я из дома. Трёхсотый, Оль, я считал.", "ru"),
        ("Вже двохсотий день на цій точці. Двохсотий! А ротації все нема.", "uk"),
        ("Залили бетон двухсотой марки, а надо было трёхсотой, теперь переделывать.", "ru"),
        ("Та сідай на двохсоту маршрутку, а не на трьохсоту, бо та в депо.", "uk"),
    ],
)
def test_an_ordinal_repeated_without_its_noun_is_no_code(text, lang):
    assert mentions(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Двухсотый день пошёл. Вчера ещё один двухсотый.", "ru", [("killed", 1)]),  # a man counted
        ("Сегодня двухсотый день. Вчера двухсотого вывезли с позиции.", "ru", [("killed", 1)]),  # another ending
        ("Двохсотий день тут. Вчора двохсотий у нас, Петро.", "uk", [("killed", 1)]),  # a side beside it
        ("Сотый день на точке. Трёхсотый у нас вчера был, увезли.", "ru", [("wounded", 1)]),  # no ordinal before
    ],
)
def test_a_report_after_an_ordinal_of_days_stays(text, lang, expected):
    assert mentions(text, lang) == expected


# ------------------------------------------------------------- "никаких двухсотых"; a lie, a pronoun, then "что"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Никаких трёхсотых, все на месте, я сам пересчитал.", "ru"),
        ("Ніяких двохсотих, усі живі, мамо, не вір.", "uk"),
        ("Жодних полонених, то вигадки.", "uk"),
        ("Брехня це, що в нас дванадцять двохсотих, усі тут.", "uk"),
        ("Враньё это, что у роты тридцать трёхсотых.", "ru"),
    ],
)
def test_none_said_and_a_claim_called_false_are_no_loss(text, lang):
    assert mentions(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Никаких шансов не было, двое двухсотых.", "ru", [("killed", 2)]),  # the determiner is the chances'
        ("Не брехня це, що в нас четверо трьохсотих.", "uk", [("wounded", 4)]),  # a lie denied
        ("Это правда, что у нас двое двухсотых.", "ru", [("killed", 2)]),
        ("Никаких вестей от них, а у соседей трое трёхсотых.", "ru", [("wounded", 3)]),
    ],
)
def test_a_report_beside_a_denial_word_stays(text, lang, expected):
    assert mentions(text, lang) == expected
