"""How a casualty group's number is said, as a class (counts19; ANNOTATION.md, Counts).

Fresh blind rounds kept missing counts that a rule read off one author's example did not reach: the number in a
later turn, a correction ("не трое, четверо"), a total, approximate and vague amounts, lower-case speech-to-text.
So the class is generated (tests/count_generator.py, templates and words in tests/data/count_cases.yaml) and the
code is held to the generated ``tune`` part; the ``measure`` part (its own templates and words, not read while
fixing) is a floor that says whether the fixes carry to wordings nobody tuned against. The tables below are the
same classes as hand-written rows, with the hard negatives that keep each one from over-reaching. Nothing here
comes from a blind text.
"""

from __future__ import annotations

import pytest
from count_generator import PARTS, case, data, score, templates

from overheard.annotate.doc import Doc
from overheard.annotate.lexicon import compile_lexicon, load_lexicon

LEXICON = compile_lexicon(load_lexicon())


def counts(text: str, lang: str) -> list[tuple[str, int | None, bool]]:
    """(category, count, approximate) of each casualty mention, as the analyzer reads them (rules + count model)."""
    return [(m.category, m.count, m.approximate) for m in Doc(text, lang).casualties(LEXICON).mentions]


def wrong_counts(part: str, seeds: range) -> list[tuple[int, str, str, list]]:
    """The generated cases of ``seeds`` whose matched mentions have a wrong count (mentions found or missed are not
    judged here: that is the mention rules' business)."""
    out = []
    for seed in seeds:
        item = case(seed, part)
        pairs, _missed, _spurious = score(item.expected, counts(item.text, item.lang))
        bad = [(g, p) for g, p in pairs if g != p]
        if bad:
            out.append((seed, item.template, item.text, bad))
    return out


# ----------------------------------------------------------------------------------------------- the generator
def test_the_parts_share_no_template_and_no_word_list():
    ids = {part: {t["id"] for t in templates(part)} for part in PARTS}
    assert all(ids.values()) and sum(map(len, ids.values())) == len(set().union(*ids.values()))
    for part in PARTS:
        assert {t["class"] for t in templates(part)} <= {t["class"] for t in templates("tune")}
    d = data()
    for lang in ("ru", "uk"):
        names = {part: {n[0] for n in d["names"][lang][part]} for part in ("tune", "measure", "fresh")}
        assert not names["tune"] & names["measure"] and not names["fresh"] & (names["tune"] | names["measure"])
    values = [set(d["values"][part]) for part in ("tune", "measure", "fresh")]
    assert not values[0] & values[1] and not values[2] & (values[0] | values[1])


def test_a_seed_always_makes_the_same_text():
    assert case(7, "tune") == case(7, "tune")
    assert case(7, "tune").text != case(7, "measure").text


KNOWN_WRONG = {
    # "всё" ("that's all") is one of the count model's vague words; in speech-to-text the whole call is one sentence
    448: "t2_bare_them",
}


@pytest.mark.parametrize("chunk", range(20))
def test_generated_tune_part_counts_are_right(chunk):
    seeds = range(chunk * 50, chunk * 50 + 50)
    wrong = wrong_counts("tune", seeds)
    assert [(seed, template) for seed, template, _text, _bad in wrong] == [
        (seed, template) for seed, template in KNOWN_WRONG.items() if seed in seeds], wrong


def count_accuracy(part: str, seeds: range) -> tuple[int, int]:
    """(right, matched) counts of the generated cases of ``seeds``."""
    matched = right = 0
    for seed in seeds:
        item = case(seed, part)
        pairs, _missed, _spurious = score(item.expected, counts(item.text, item.lang))
        matched += len(pairs)
        right += sum(g == p for g, p in pairs)
    return right, matched


@pytest.mark.parametrize(("part", "floor"), [
    # held out while the tune part was fixed (.889 on main, .940 then), opened and fixed at the end
    ("measure", 0.99),
    # written after those fixes: .735 on main, .801 held out, then opened and fixed
    ("fresh", 0.96),
    # written after reading the fresh part, never fixed against (.351 on main): wordings that still fail, "Поправка:",
    # "ну в смысле", "N где-то" after the number, a lower-case name that is also a word ("роман")
    ("fresh2", 0.62),
])
def test_generated_parts_stay_above_their_floors(part, floor):
    right, matched = count_accuracy(part, range(1500))
    assert right / matched >= floor, (right, matched)


# ----------------------------------------------------------------------------------------- the classes by hand
@pytest.mark.parametrize(("text", "lang", "expected"), [
    # the speaker corrects himself, with pauses, fillers and the old number said again
    ("Двухсотых двое... а, нет, уже трое.", "ru", [("killed", 3, False)]),
    ("трьохсотих п'ятеро ой вибач шестеро", "uk", [("wounded", 6, False)]),
    ("Пятисотых четверо, не, погоди, пятеро.", "ru", [("refused", 5, False)]),
    ("— У вас трое двухсотых? — Не трое, четверо.", "ru", [("killed", 4, False)]),
    ("— Трьохсоті є? — Троє. — Точно? — Ні, четверо, помилився.", "uk", [("wounded", 4, False)]),
    ("Двухсотых двое... или трое? Да, трое.", "ru", [("killed", 3, False)]),
    # no correction: a number after "не" that is no count, a range with nothing confirmed
    ("Трёхсотых двое, не считая лёгких.", "ru", [("wounded", 2, False)]),
    ("Двухсотых трое или четверо, точно не знаю.", "ru", [("killed", 3, True)]),
])
def test_a_corrected_count_is_the_last_one_said(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # a second number right after the count, a marker of a slip between: the second one ("тьфу", "то есть")
    ("Двухсотых четырнадцать, тьфу, шестнадцать.", "ru", [("killed", 16, False)]),
    ("двухсотых семнадцать то есть шестнадцать", "ru", [("killed", 16, False)]),
    ("— Двадцать два трехсотых. — Как двадцать два? Уже двадцать четыре.", "ru", [("wounded", 24, False)]),
    ("Ушли в СЗЧ не семеро, а девять.", "ru", [("deserted", 9, False)]),
    # and not a second group of the words that follow ("двое тяжёлых"), nor a number of something else
    ("Трёхсотых пятеро, двое тяжёлые.", "ru", [("wounded", 5, False)]),
])
def test_a_slip_corrected_without_a_word_for_it(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Тридцать два наших пропали без вести, и с ними ещё пятнадцать с соседней роты.", "ru", [("missing", 47, False)]),
    ("Семеро наших пішли в СЗЧ, і з ними ще дев'ятеро з сусідньої роти.", "uk", [("deserted", 16, False)]),
    ("Двухсотых восемнадцать и двадцать два, в общей сложности сорок.", "ru", [("killed", 40, False)]),
    ("Жека отказался воевать со своими двумя.", "ru", [("refused", 3, False)]),
    ("Жека и ещё трое с ним ушли в СОЧ.", "ru", [("deserted", 4, False)]),
    ("Группа вернулась с семью ранеными.", "ru", [("wounded", 7, False)]),
    ("Двухсотых трое, плюс ещё двое, итого пятеро.", "ru", [("killed", 5, False)]),
    ("П'ятисотих двоє вчора і троє сьогодні, всього п'ятеро.", "uk", [("refused", 5, False)]),
    ("Трёхсотых пять, из них двое тяжёлых.", "ru", [("wounded", 5, False)]),
    ("трёхсотых шесть из них двое тяжёлых", "ru", [("wounded", 6, False)]),
    ("Из двенадцати человек трое погибли.", "ru", [("killed", 3, False)]),
    ("З п'яти чоловік двоє відмовились іти на штурм.", "uk", [("refused", 2, False)]),
])
def test_totals_and_parts_of_a_group(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Лёха и с ним шестеро ушли в СОЧ.", "ru", [("deserted", 7, False)]),
    ("Серёга, Андрей и ещё двенадцать пропали без вести.", "ru", [("missing", 14, False)]),
    ("микола тарас і ще троє загинули", "uk", [("killed", 5, False)]),
    ("колян серёга и андрей пятисотые", "ru", [("refused", 3, False)]),
    # an address is no member of the group
    ("Слушай, брат, Серёга и ещё двое попали в плен.", "ru", [("captured", 3, False)]),
    ("Слухай, брате, Микола, Тарас і Андрій — п'ятисоті.", "uk", [("refused", 3, False)]),
])
def test_named_men_and_their_companions(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("— Двухсотые у вас есть? — Есть. — Сколько? — Сейчас скажу... Шестеро.", "ru", [("killed", 6, False)]),
    ("— Ну что, трёхсотые есть? — Да. — Много? — Ну как много... Пятеро.", "ru", [("wounded", 5, False)]),
    ("— Двохсоті є? — Є. Ми о шостій ранку виходили. — Скільки? — Двоє.", "uk", [("killed", 2, False)]),
    ("трехсотых вывезли всех двенадцать такие дела", "ru", [("wounded", 12, False)]),
    ("Пятисотых за две недели двадцать три.", "ru", [("refused", 23, False)]),
])
def test_the_number_in_a_later_turn_or_after_a_pause(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Двухсотых пятеро, не меньше.", "ru", [("killed", 5, True)]),
    ("Пятисотых сорок, если не больше.", "ru", [("refused", 40, True)]),
    ("Трьохсотих двадцять з копійками.", "uk", [("wounded", 20, True)]),
    ("Двухсотых двадцать плюс-минус.", "ru", [("killed", 20, True)]),
    ("Трехсотых двадцать три-двадцать четыре сегодня утром.", "ru", [("wounded", 23, True)]),
    ("Двохсотих там немеряно.", "uk", [("killed", None, True)]),
])
def test_approximate_and_vague_amounts(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # a number in the slot of a count that counts no people: a time, a measure, a place on the map, an age, money
    ("Двухсотых вывезли часов в пять.", "ru", [("killed", None, False)]),
    ("трёхсотых вывезли выезжаем в 06 40", "ru", [("wounded", None, False)]),
    ("Пятисотых тащили метров триста.", "ru", [("refused", None, False)]),
    ("Трёхсотые лежат на отметке двести двадцать.", "ru", [("wounded", None, False)]),
    ("Серёга отказался идти на штурм, пацану двадцать два было.", "ru", [("refused", 1, False)]),
    ("П'ятисоті є, двісті тисяч обіцяють родинам.", "uk", [("refused", None, False)]),
    ("Часов в пять отказались идти на штурм трое наших.", "ru", [("refused", 3, False)]),
    # and the counts beside them stay
    ("прилетело двенадцать мин двадцать трехсотых", "ru", [("wounded", 20, False)]),
    ("У нас на точке трое трёхсотых, один тяжёлый.", "ru", [("wounded", 3, False)]),
    ("Короче, оба брата пропали без вести.", "ru", [("missing", 2, False)]),
])
def test_numbers_that_count_no_people(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("алло слышишь меня двухсотые есть на андреевке", "ru", [("killed", None, False)]),
    ("алло слышишь меня трехсотых вывезли", "ru", [("wounded", None, False)]),
    ("меня записали в пятисотые потому что я на штурм не пошел", "ru", [("refused", 1, False)]),
    ("Андрей пятисотый под Бахмутом.", "ru", [("refused", 1, False)]),
])
def test_one_person_or_several_in_speech_to_text(text, lang, expected):
    assert counts(text, lang) == expected
