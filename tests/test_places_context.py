"""Places on wording nobody here wrote (issue 17; ANNOTATION.md, Places): plural and oblique forms, lower-case
ASR text, Crimea and the regions, foreign places never pinned to home villages, ambiguous names decided by the
call or flagged."""

from __future__ import annotations

import pytest
from helpers import places


@pytest.mark.parametrize(
    "text, mention, oblast, country",
    [
        ("жена в Набережных Челнах", "Набережных Челнах", "Tatarstan", "RU"),
        ("до великих лук к тётке", "великих лук", "Pskov", "RU"),
        ("брат в Шахтах работает", "Шахтах", "Rostov", "RU"),
        ("хочу домой в уфу к жене", "уфу", "Bashkortostan", "RU"),
        ("Мы стоим в Крыму", "Крыму", "Crimea", "UA"),
        ("Крым наш, говорят", "Крым", "Crimea", "UA"),
        ("нас перебросили в ДНР", "ДНР", "Donetsk", "UA"),
        ("потом в ЛНР", "ЛНР", "Luhansk", "UA"),
        ("в Тульской, Новгородской и Псковской областях", "Новгородской", "Novgorod", "RU"),
        ("под Угледаром стоим", "Угледаром", "Donetsk", "UA"),
    ],
)
def test_resolves(text, mention, oblast, country):
    geo = places(text)[mention]["geo"]
    assert (geo["oblast"], geo["country"]) == (oblast, country) and geo["lat"] is not None


@pytest.mark.parametrize(
    "text, mention",
    [("сестра уехала в Париж", "Париж"), ("муж работает в Южной Корее", "Южной Корее"),
     ("живёт в Нью-Йорке", "Нью-Йорке"), ("учился в Берлине", "Берлине"), ("в Северной Корее", "Северной Корее")],
)
def test_foreign_places_never_pinned_at_home(text, mention):
    geo = places(text)[mention]["geo"]
    assert geo["country"] not in ("RU", "UA", "BY")


def test_ambiguous_name_decided_by_a_place_nearby():
    found = places("сидим в Андреевке, которая возле Бахмута")
    assert found["Андреевке"]["geo"]["oblast"] == "Donetsk" and not found["Андреевке"]["ambiguous"]


def test_ambiguous_name_decided_by_the_calls_oblast():
    found = places("мы в Михайловке стоим", region="Zaporizhzhia")
    assert found["Михайловке"]["geo"]["oblast"] == "Zaporizhzhia"


def test_ambiguous_name_left_ambiguous_when_nothing_decides():
    found = places("мы в Александровке стоим")["Александровке"]
    assert found["ambiguous"] is True and len(found["candidates"]) > 1
    assert len({c["oblast"] for c in found["candidates"]}) > 1
