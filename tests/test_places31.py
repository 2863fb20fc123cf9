"""Classes of place wording the DEV half of the open data showed resolved to the wrong oblast (places31; the split
of leaks27: DEV authors read, TEST scored only as figures), each guarded by made-up sentences (none copied from the
data) and the hard negatives that keep it from over-reaching (ANNOTATION.md, Places):

- a relative clause that says which namesake is meant ("в Макеевке, той, что под Сватово", "під Михайлівкою, яка
  біля Покровська"): the namesake nearest the place named there, whatever the sizes, and the other mentions of that
  name in the call read the same; not a namesake set aside ("а не в той, что под ...") nor two places merely named
  side by side;
- frontline villages GeoNames lacks while it lists a namesake elsewhere in the same oblast (the Bakhmut Андріївка,
  Donetsk oblast's other Новоселівка and Михайлівка): the codifier's village is now a candidate, placed at its
  hromada's centre, so the front and the call can choose it;
- villages fought over that no shipped source places (``front_villages.csv``: Kursk's Любимовка, Олешня,
  Гончаровка of the 2024-25 fighting, Belgorod's Нехотеевка): on the line of contact, first among their namesakes
  unless the call decides ("в Любимовке под Херсоном").
"""

from __future__ import annotations

import pytest
from helpers import places


@pytest.mark.parametrize(
    "text, lang, mention, oblast",
    [
        ("Стоим в Макеевке, той, что под Сватово, третий день без воды.", "ru", "Макеевке", "Luhansk"),
        ("мы щас в макеевке стоим которая под кременной тихо пока", "ru", "макеевке", "Luhansk"),
        ("Нас кинули під Михайлівку, яка біля Покровська, окопуємось.", "uk", "Михайлівку", "Donetsk"),
        ("Работаем по Михайловке, ну которая возле Покровска, до утра.", "ru", "Михайловке", "Donetsk"),
    ],
)
def test_a_relative_clause_says_which_namesake(text, lang, mention, oblast):
    found = places(text, lang)[mention]
    assert found["geo"]["oblast"] == oblast
    assert not found["ambiguous"]


def test_the_other_mentions_of_the_name_follow_the_clause():
    found = places("Мы в макеевке опять. Макеевка которая под сватово, если что, мам не переживай.", "ru")
    assert {found[m]["geo"]["oblast"] for m in ("макеевке", "Макеевка")} == {"Luhansk"}


@pytest.mark.parametrize(
    "text, lang, mention, oblast",
    [
        # a namesake set aside is not the one meant
        ("Живу в Макеевке, а не в той, что под Сватово, не путай.", "ru", "Макеевке", "Donetsk"),
        # two places named side by side, no clause: the city keeps its name
        ("Брат в Макеевке, а я под Сватово сижу.", "ru", "Макеевке", "Donetsk"),
        ("Мама в Макіївці, а я під Сватовим.", "uk", "Макіївці", "Donetsk"),
    ],
)
def test_no_clause_no_choice(text, lang, mention, oblast):
    assert places(text, lang)[mention]["geo"]["oblast"] == oblast


@pytest.mark.parametrize(
    "text, lang, mention, oblast",
    [
        ("Під Андріївкою, на Бахмутському напрямку, знову штурми, тримаємось.", "uk", "Андріївкою", "Donetsk"),
        ("поле заміноване від кліщіївки до андріївки ходимо тільки по стежці", "uk", "андріївки", "Donetsk"),
        ("В посадке под Андреевкой, возле Клещеевки, троих наших нашли.", "ru", "Андреевкой", "Donetsk"),
    ],
)
def test_frontline_villages_geonames_lacks(text, lang, mention, oblast):
    assert places(text, lang)[mention]["geo"]["oblast"] == oblast


def test_a_codifier_namesake_leaves_a_town_of_the_call_alone():
    # the Luhansk town Rovenky keeps its name: a codifier village of the same name adds no doubt to it
    assert places("Мы стоим в Ровеньках, это Луганская область.", "ru")["Ровеньках"]["geo"]["oblast"] == "Luhansk"


@pytest.mark.parametrize(
    "text, lang, mention, oblast",
    [
        ("Третьи сутки держимся под Любимовкой, связи нет.", "ru", "Любимовкой", "Kursk"),
        ("Двоє поранених біля Олешні, везем на стабпункт.", "uk", "Олешні", "Kursk"),
        ("Второй взвод зашёл на Гончаровку, закрепились.", "ru", "Гончаровку", "Kursk"),
        ("сосед из нехотеевки говорит опять прилёты", "ru", "нехотеевки", "Belgorod"),
        ("Отошли из-под Кругленького ночью, все живы.", "ru", "Кругленького", "Kursk"),
        ("Нас перевели в Толпино, там подвалы целые.", "ru", "Толпино", "Kursk"),
    ],
)
def test_villages_fought_over_that_no_source_places(text, lang, mention, oblast):
    assert places(text, lang)[mention]["geo"]["oblast"] == oblast


@pytest.mark.parametrize(
    "text, lang, mention, oblast",
    [
        # the call names where: the namesake there, not the village fought over
        ("Мы в Любимовке под Херсоном стоим, тихо.", "ru", "Любимовке", "Kherson"),
        ("Мама пише з Олешні, що на Чернігівщині тихо.", "uk", "Олешні", "Chernihiv"),
    ],
)
def test_the_call_still_decides_a_village_fought_over(text, lang, mention, oblast):
    assert places(text, lang)[mention]["geo"]["oblast"] == oblast
