"""Places: gazetteer resolution with coordinates and oblast, any case form, ru and uk."""

from __future__ import annotations

import pytest

from overheard.annotate.components.entities import find_entities
from overheard.annotate.rules.places import find_places, gazetteer, stem


def places(text: str, lang: str = "ru", region: str | None = None) -> dict[str, dict]:
    return {f.text: f.attributes["geo"] for f in find_entities(text, lang, region) if f.label == "LOC"}


@pytest.mark.parametrize(
    ("text", "lang", "mention", "name", "oblast", "country", "lat", "lon"),
    [
        ("мы под Бахмутом стоим", "ru", "Бахмутом", "Bakhmut", "Donetsk", "UA", 48.59, 38.0),
        ("мы под бахмутом стоим", "ru", "бахмутом", "Bakhmut", "Donetsk", "UA", 48.59, 38.0),
        ("раньше был под Артёмовском", "ru", "Артёмовском", "Bakhmut", "Donetsk", "UA", 48.59, 38.0),
        ("сидим в Кременной", "ru", "Кременной", "Kreminna", "Luhansk", "UA", 49.05, 38.22),
        ("дзвонив з Куп'янська", "uk", "Куп'янська", "Kupyansk", "Kharkiv", "UA", 49.71, 37.62),
        ("жили в Новой Каховке", "ru", "Новой Каховке", "Nova Kakhovka", "Kherson", "UA", 46.75, 33.35),
        ("сам я из Улан-Удэ", "ru", "Улан-Удэ", "Ulan-Ude", "Buryatia", "RU", 51.83, 107.6),
        ("привезли из Ростова", "ru", "Ростова", "Rostov-on-Don", "Rostov", "RU", 47.23, 39.72),
        ("він у Харкові", "uk", "Харкові", "Kharkiv", "Kharkiv", "UA", 49.98, 36.25),
        ("я из Гомеля", "ru", "Гомеля", "Homyel'", "Homel", "BY", 52.43, 30.98),
        ("лечился в Белгороде", "ru", "Белгороде", "Belgorod", "Belgorod", "RU", 50.61, 36.58),
        ("під Часовим Яром", "uk", "Часовим Яром", "Chasiv Yar", "Donetsk", "UA", 48.59, 37.84),
    ],
)
def test_resolves_with_coordinates_and_oblast(text, lang, mention, name, oblast, country, lat, lon):
    geo = places(text, lang)[mention]
    assert set(geo) >= {"name", "lat", "lon", "oblast", "country", "geonameid"}
    assert (geo["name"], geo["oblast"], geo["country"]) == (name, oblast, country)
    assert abs(geo["lat"] - lat) < 0.1 and abs(geo["lon"] - lon) < 0.1
    assert isinstance(geo["geonameid"], int)


def test_oblast_phrase_and_regions():
    found = places("в Донецкой области, потом Белгородчина, а родом с Бурятии")
    assert found["Донецкой области"]["oblast"] == "Donetsk"
    assert found["Белгородчина"]["oblast"] == "Belgorod"
    assert found["Бурятии"]["oblast"] == "Buryatia"


def test_region_prior_ranks_ambiguous_names():
    """Lyman exists in Donetsk and Kharkiv oblasts: the call's region decides the first candidate."""
    plain = find_places("были в Лимане", "ru")[0]
    assert len(plain.candidates) > 1
    assert plain.candidates[0][0].oblast == "Donetsk"  # the larger town
    prior = find_places("были в Лимане", "ru", region="Kharkiv")[0]
    assert prior.candidates[0][0].oblast == "Kharkiv"
    entity = [f for f in find_entities("были в Лимане", "ru", "Kharkiv") if f.label == "LOC"][0]
    assert len(entity.attributes["candidates"]) > 1
    assert entity.attributes["geo"]["oblast"] == "Kharkiv"


@pytest.mark.parametrize("text", ["привет мама как дела", "счастье было близко", "сходи на рынок, там мир"])
def test_ordinary_words_are_not_places(text):
    assert find_places(text, "ru") == []


@pytest.mark.parametrize(("text", "lang", "found"), [
    ("Кому нужна эта война, скажи.", "ru", []),  # a pronoun opening a sentence is not the Komi republic
    ("Кому вона потрібна, ця війна.", "uk", []),
    ("Мы из Коми. Коми далеко.", "ru", ["Коми", "Коми"]),  # the region itself still is
    ("Крым наш, говорят.", "ru", ["Крым"]),
])
def test_a_pronoun_opening_a_sentence_is_not_a_region(text, lang, found):
    assert [m.text for m in find_places(text, lang)] == found


def test_in_a_cased_text_a_lower_case_common_noun_is_not_a_place():
    assert [m.text for m in find_places("На околиці Горлівки сидимо, біля шахти.", "uk")] == ["Горлівки"]
    assert [m.text for m in find_places("Ми під бахмутом стоїмо", "uk")] == ["бахмутом"]  # no common reading in ru


def test_stemmer_and_gazetteer_cover_three_countries():
    assert stem("Бахмутом") == stem("Бахмут") and stem("Кременной") == stem("Кременная")
    countries = {p.country for p in gazetteer().places.values()}
    assert {"UA", "RU", "BY"} <= countries
    assert len(gazetteer().places) > 10_000
