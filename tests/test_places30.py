"""Classes of place wording the DEV half of the open data showed the gazetteer missed or misread (places30; the
split of leaks27: DEV authors read, TEST scored only as figures), each guarded by made-up sentences (none copied
from the data) and the hard negatives that keep it from over-reaching (ANNOTATION.md, Places):

- word forms: the accusative -у of a name in -ома ("в Кострому"), the Ukrainian -ів that is -ев- after ч, ж, ш
  ("з Тячева", "у Тячеві"), a town GeoNames lists under another form of the word when only villages of unknown
  size share the first one ("из Орла": Орёл, not only the villages Орли), the locative -ці of a name in -ець found
  beside a name in -ка ("в Кременці");
- lower-case (speech-to-text) text: an ordinary reading of the word after a preposition counts only in a case that
  preposition governs ("под покровском" is the town: the adjective's locative cannot follow "под"); a Ukrainian
  word the dictionary knows only as the place ("з кіндратівки"), not before a noun it qualifies ("під очеретиним
  дахом"); an adjective-shaped name with no noun it agrees with ("в сватовому буряти"); a preposition is no noun
  after a name ("у благодатному під ...");
- a place after a noun of where ("в районе уразово", "з боку очеретиного", "після штурму кремінної") or a
  preposition and an intensifier ("з самого саратова"), and "з боку" is no Baku;
- the object of a verb of taking, holding or storming ("Суджу заняли", "Кремінну однаково звільнимо", "брали
  Берховку"), in a form a place takes there; a surname or a first name there stays a person ("взяли Орлова");
- a name that is a person here ("у Бориса") is no place of the call that decides the others;
- a former name of a city abroad ("Шевченко", Aktau until 1991) yields first place to the best home place that bears
  it now; the city abroad stays the next candidate.
"""

from __future__ import annotations

import pytest
from helpers import places

from overheard.annotate.components.entities import find_entities


def labels(text: str, lang: str = "ru") -> dict[str, str]:
    """Each entity's surface text -> its label."""
    return {f.text: f.label for f in find_entities(text, lang, None)}


@pytest.mark.parametrize(
    "text, lang, mention, oblast",
    [
        ("Сказал, в Кострому к матери поедет, и всё.", "ru", "Кострому", "Kostroma"),
        ("Його з Тячева забрали ще восени.", "uk", "Тячева", "Zakarpattia"),
        ("У Тячеві зараз тихо, мама пише.", "uk", "Тячеві", "Zakarpattia"),
        ("Призвали его из Орла, а служит под Белгородом.", "ru", "Орла", "Oryol"),
        ("Він уже вдома, в Кременці, відпочиває.", "uk", "Кременці", "Ternopil"),
    ],
)
def test_word_forms_the_stemmer_missed(text, lang, mention, oblast):
    assert places(text, lang)[mention]["geo"]["oblast"] == oblast


@pytest.mark.parametrize(
    "text, lang, mention, oblast",
    [
        ("стоим под покровском третью неделю кормят плохо", "ru", "покровском", "Donetsk"),
        ("кажуть в сватовому буряти з якутами побилися", "uk", "сватовому", "Luhansk"),
        ("ми в очакові до неділі стоїмо", "uk", "очакові", "Mykolaiv"),
        ("алло це я з кіндратівки дзвоню", "uk", "кіндратівки", "Sumy"),
        ("ми зараз у благодатному під великою новосілкою тихо", "uk", "благодатному", "Donetsk"),
        ("ночью бахнуло где-то в районе уразово", "ru", "уразово", "Belgorod"),
        ("а там уже москалі заходять з боку очеретиного", "uk", "очеретиного", "Donetsk"),
        ("семеро безвісти зниклих після штурму кремінної", "uk", "кремінної", "Luhansk"),
        ("вагнерів привезли з самого саратова", "uk", "саратова", "Saratov"),
    ],
)
def test_lower_case_places_read_by_grammar(text, lang, mention, oblast):
    assert places(text, lang)[mention]["geo"]["oblast"] == oblast


@pytest.mark.parametrize(
    "text, lang",
    [
        ("сидели под глубоким снегом до утра", "ru"),  # an instrumental adjective "под" governs, with its noun
        ("свечку поставили в покровском соборе", "ru"),  # the adjective's locative after "в"
        ("сиділи під очеретиним дахом і курили", "uk"),  # an adjective qualifying the noun after it
        ("встретимся в районе вокзала в шесть", "ru"),  # a noun of where before an ordinary word
        ("кажуть у москалів на тому березі по сотні", "uk"),  # a bank and the Muscovites, not Береза and Москалі
        ("вона на порозі впала і плакала", "uk"),  # a threshold, not the village Пороги
    ],
)
def test_lower_case_words_that_stay_words(text, lang):
    assert places(text, lang) == {}


def test_an_adjective_of_a_longer_name_after_a_preposition():
    assert places("Лист прийшов через Червоний Хрест, живий.", "uk") == {}  # the Red Cross
    assert places("Кажуть, під Сватовим бурятам добре прилетіло.", "uk")["Сватовим"]["geo"]["oblast"] == "Luhansk"


def test_a_noun_of_where_is_no_place_itself():
    assert "боку" not in places("а там уже москалі заходять з боку очеретиного", "uk")


@pytest.mark.parametrize(
    "text, lang, mention, oblast",
    [
        ("Сам пошёл, когда они Суджу заняли.", "ru", "Суджу", "Kursk"),
        ("Кремінну однаково звільнимо, віримо.", "uk", "Кремінну", "Luhansk"),
        ("Мы Берховку брали прошлой весной.", "ru", "Берховку", "Donetsk"),
        ("Нам кажуть тримайте Суджу і все.", "uk", "Суджу", "Kursk"),
    ],
)
def test_the_object_of_taking_or_holding_is_a_place(text, lang, mention, oblast):
    assert places(text, lang)[mention]["geo"]["oblast"] == oblast


@pytest.mark.parametrize(
    "text, lang, name",
    [
        ("Вчера взяли Орлова в плен, сидит у нас.", "ru", "Орлова"),  # no form of the town Орлов here
        ("Мы Машу взяли с собой на дачу.", "ru", "Машу"),
        ("Держи Сашу крепче, он падает.", "ru", "Сашу"),
        ("Мы взяли Петренко с собой.", "ru", "Петренко"),
        ("Взяли Надежду с собой в город.", "ru", "Надежду"),
    ],
)
def test_a_person_taken_stays_a_person(text, lang, name):
    assert labels(text, lang).get(name) == "PER"


def test_a_person_is_no_place_that_decides_the_others():
    found = places("Под Удачным наших двоих в плен взяли, и ещё у Бориса трое без вести.")
    assert found["Удачным"]["geo"]["oblast"] == "Donetsk" and "Бориса" not in found


def test_a_former_name_abroad_yields_to_the_home_place():
    found = places("Заходили в Шевченко, там пусто.")["Шевченко"]
    assert found["geo"]["country"] == "UA" and found["candidates"][1]["country"] == "KZ"
    assert places("Прилетел в Актау к брату.")["Актау"]["geo"]["country"] == "KZ"  # its name today stays abroad


def test_a_village_known_by_its_battles():
    assert places("нас пятеро отказались идти на липцы командир орёт")["липцы"]["geo"]["oblast"] == "Kharkiv"
