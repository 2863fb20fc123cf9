"""Classes of casualty wording the eighth blind round (authors P and Q, issue 17) showed the rules missed, each guarded
by made-up sentences in the words of ANNOTATION.md (none is copied from the blind texts), and the hard negatives
that keep each class from over-reaching.

Round 8 was scored blind once (docs/accuracy.md); the fixes below were made after reading its misses, so its
figures after them are not blind. The floors per round are in tests/test_unseen_round4.py.
"""

from __future__ import annotations

import pytest

from overheard.annotate.analysis import analyze_text


def mentions(text: str, lang: str) -> list[tuple[str, int | None, bool, str]]:
    return [(c["category"], c["count"], c["approximate"], c["side"]) for c in analyze_text(text, lang)["casualties"]]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # "больше нет" / "більше нема" beside a person (a name, a nickname, an animate noun, a pronoun of someone
        # spoken of before) is a death of one of the speaker's own
        ("Слышь, Гошу больше нет. Под Кременной, вчера.", "ru", [("killed", 1, False, "own")]),
        ("брата моего больше нет, позвонили с части", "ru", [("killed", 1, False, "own")]),
        ("Ти чула про Миколу? Нема його більше, мамо.", "uk", [("killed", 1, False, "own")]),
        ("Бороду больше нет, мина прямо в блиндаж.", "ru", []),  # not a genitive of anyone: no person
        # a capitalised "Дед" inside a sentence is a comrade's nickname, not a grandfather dying of age
        ("Слушай, Деда больше нет, мина прямо в блиндаж.", "ru", [("killed", 1, False, "own")]),
        ("Вити больше нет в живых, вчера сказали.", "ru", [("killed", 1, False, "own")]),
        # deaths implied by what did not happen, and the idiom of the shield
        ("троих до госпиталя не довезли, кровью истекли", "ru", [("killed", 3, False, "unknown")]),
        ("Олег не дожил до эвакуации.", "ru", [("killed", 1, False, "own")]),
        ("Тарас повернувся на щиті, ховаємо в неділю.", "uk", [("killed", 1, False, "own")]),
        # a verb of falling dead: the word before it in its clause says whose the dead are
        ("Орків там полягло не менше сорока, наші арта відпрацювала.", "uk", [("killed", 40, True, "enemy")]),
        ("хохлов под сотню легло за ночь наши птички отработали", "ru", [("killed", 100, True, "enemy")]),
        ("Наших в той посадке человек шесть легло.", "ru", [("killed", 6, True, "own")]),
        # the speaker's side killed them: "мы их положили", and a dative of the speaker decides nothing
        ("мы их вчера человек пятнадцать положили", "ru", [("killed", 15, True, "enemy")]),
        ("Ми вчора кацапів штук десять поклали, нам подяку оголосили.", "uk", [("killed", 10, True, "enemy")]),
        # "ещё N" in a sentence after a mention, with no casualty word and no other deed: another group of it
        ("Я в плену, мам. Тут из нашей роты ещё человек двадцать.", "ru",
         [("captured", 1, False, "own"), ("captured", 20, True, "own")]),
        ("У нас за неделю 7 человек в СОЧ. Сегодня ещё трое.", "ru",
         [("deserted", 7, False, "own"), ("deserted", 3, False, "own")]),
        ("Петра поранило. З ним у шпиталі ще двоє лежать.", "uk",
         [("wounded", 1, False, "own"), ("wounded", 2, False, "own")]),
    ],
)
def test_round8_casualty_classes(text, lang, expected):
    assert mentions(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # "больше нет" of things, or of someone not reachable
        ("Денег больше нет, сигарет тоже нет.", "ru"),
        ("У нас світла більше нема, генератор здох.", "uk"),
        ("Сашки больше нет на связи третий день.", "ru"),
        ("Бабушки больше нет, умерла от сердца зимой.", "ru"),
        # "больше нет" taken back at once: gone, not dead
        ("Кости нашего больше нет. Да живой он, живой, в СОЧ ушёл.", "ru"),
        # "ещё N" that did something else, will come, is counted with him, or counts no people
        ("Серёгу ранило. Ещё двое пришли на смену вечером.", "ru"),
        ("Олега ранило. Завтра ещё один будет, сказали.", "ru"),
        ("Витю ранило. Да, под Бахмутом, его и ещё одного.", "ru"),
        ("Петю ранило. Ещё две недели в госпитале будет.", "ru"),
    ],
)
def test_round8_hard_negatives(text, lang):
    found = mentions(text, lang)
    if "его и ещё одного" in text:  # no second group: counted with him (the rules reach it since counts28)
        assert found == [("wounded", 2, False, "own")]
    elif "ранило" in text:
        assert found == [("wounded", 1, False, "own")]
    elif "СОЧ" in text:
        assert [m[0] for m in found] == ["deserted"]
    elif "Сашки" in text:
        assert found == []  # not reachable is no death (and no missing person said either)
    else:
        assert found == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the number of a unit is no count: "в/ч" and a letter glued to the digits; the one man across the commas is
        # read by the count model (casualties/count_model.py): 1, as ANNOTATION.md counts a named individual
        ("Сын мой, в/ч Б4417, в плену с весны.", "ru", [("captured", 1, False, "own")]),
        ("Брат, в/ч 40281, у полоні з осені.", "uk", [("captured", 1, False, "own")]),
        # a time phrase, "же", "взагалі" or the enemy's name between a count and its verb
        ("Трое наших на той неделе ушли в СЗЧ.", "ru", [("deserted", 3, False, "own")]),
        ("а четверо взагалі втекли в СЗЧ", "uk", [("deserted", 4, False, "unknown")]),
        ("ещё шестерых укропов там же положили", "ru", [("killed", 6, False, "enemy")]),
        # Ukrainian collectives above ten
        ("З нашого села вже дванадцятеро загинуло.", "uk", [("killed", 12, False, "own")]),
        # "у вас" / "у нас" right beside the captured: the captor, not a count, and not the captive's side
        ("Он у вас в плену, я видела видео.", "ru", [("captured", 1, False, "own")]),
        ("Вони в нас у полоні, чай п'ють.", "uk", [("captured", None, False, "enemy")]),
        ("у нас двое в плену с весны", "ru", [("captured", 2, False, "own")]),
        # "столько же" / "стільки ж": as many as the mention before
        ("У нас двадцать двухсотых, и трёхсотых столько же.", "ru",
         [("killed", 20, False, "own"), ("wounded", 20, False, "own")]),
        ("Восьмеро кацапів знищено, ще стільки ж поранених.", "uk",
         [("killed", 8, False, "enemy"), ("wounded", 8, False, "enemy")]),
    ],
)
def test_round8_count_classes(text, lang, expected):
    assert mentions(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # "у них" after a verb of telling, with the teller in the sentence or just before: his own unit
        ("Звонил вчера Петро. И пишет — у них в батальоне трое двухсотых.", "ru", [("killed", 3, False, "own")]),
        ("Вона розповіла, що в них у роті двоє загинули.", "uk", [("killed", 2, False, "own")]),
        # with the enemy named near, "у них" stays the enemy's
        ("Орки на рації. Кажуть, у них у роті п'ятеро двохсотих.", "uk", [("killed", 5, False, "enemy")]),
    ],
)
def test_round8_side_of_a_told_unit(text, lang, expected):
    assert mentions(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # "N їх/их там ...": a count of them, with the enemy named near, before a death phrase
        ("Кацапи лізли всю ніч. Душ п'ятнадцять їх там і лягло.", "uk", [("killed", 15, True, "enemy")]),
        ("укропы лезли с утра шестеро их там в посадке лежать осталось", "ru", [("killed", 6, False, "enemy")]),
    ],
)
def test_round8_count_of_them(text, lang, expected):
    assert mentions(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a household count after the mention is not the count of the lost
        ("Муж в плену, а нас дома пятеро, дети малые.", "ru", [("captured", 1, False, "own")]),
        ("Син у полоні, нас удома четверо лишилося.", "uk", [("captured", 1, False, "own")]),
        # a count before the words of home stays the count
        ("у нас двухсотых четверо, дома ещё не знают", "ru", [("killed", 4, False, "own")]),
    ],
)
def test_round8_household_is_no_count(text, lang, expected):
    assert mentions(text, lang) == expected
