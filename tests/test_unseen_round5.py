"""Classes of personal data the fifth blind round (authors J and K, issue 17) showed the redactor leaked, each
with made-up sentences in the words of ANNOTATION.md, and a floor on round 5's leaks.

Round 5 was scored blind once (docs/accuracy.md); the fixes below were made after reading its misses, so its
figures after them are not blind. The floors of the casualty and theme scores per round are in
tests/test_unseen_round4.py.
"""

from __future__ import annotations

import pytest
from helpers import blind_leaks

from overheard.annotate.analysis import analyze_text
from overheard.annotate.rules.patterns import find_units
from overheard.annotate.rules.phones import find_word_phones
from overheard.jobs.redaction import redact_text
from overheard.redact import Policy, Redactor

MASK = Redactor(b"", Policy("mask", "keep"))


@pytest.mark.parametrize(
    ("text", "lang", "gone"),
    [
        # a lower-case call-sign word with no marker, right after a radio cue or an address verb
        ("слышь кедр передай шаману пусть выходят на связь", "ru", ["кедр", "шаману"]),
        ("это беркут, я с ними до вечера", "ru", ["беркут"]),
        ("алло чуєш це сокіл з другої позиції", "uk", ["сокіл"]),
        ("скажи ворону що ми на місці", "uk", ["ворону"]),
        # listed call-sign words in any case form, capitalised
        ("Ми з Бджолою вчора їздили по воду, Бджола за кермом.", "uk", ["Бджолою", "Бджола"]),
        ("Це Вітер, як чути?", "uk", ["Вітер"]),
        # nicknames in any case
        ("если что скажешь от кучерявого, он поймёт", "ru", ["кучерявого"]),
        # a phone number dictated in two pieces with words between them
        ("пиши номер плюс семь девятьсот двадцать шесть, записал? дальше сто двенадцать тридцать четыре ноль пять",
         "ru", ["девятьсот двадцать шесть", "сто двенадцать тридцать четыре ноль пять"]),
        ("його номер нуль шістдесят сім, є? далі сто двадцять три сорок п'ять шістдесят сім", "uk",
         ["шістдесят сім, є", "сто двадцять три сорок п'ять"]),
        # a brigade named by its number alone
        ("Він з нашої 128-ї, під Оріховом.", "uk", ["128-ї"]),
        ("Ти ще в 47-й? — Так, у 47-й.", "uk", ["47-й"]),
        ("брат служит в 155-й, морпех", "ru", ["155-й"]),
        # a Ukrainian first name in the vocative
        ("Марто, ти чуєш мене?", "uk", ["Марто"]),
    ],
)
def test_round5_personal_data_is_masked(text, lang, gone):
    output = redact_text(text, MASK, lang).text
    for item in gone:
        assert item not in output, output


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        # family words of the call-sign list stay plain after an address verb
        ("передай деду что всё хорошо", "ru", ["деду"]),
        ("скажи бате, пусть не волнуется", "ru", ["бате"]),
        # the wind is the wind in lower case
        ("это ветер шумит, не бойся", "ru", ["ветер"]),
    ],
)
def test_round5_plain_words_stay(text, lang, kept):
    output = redact_text(text, MASK, lang).text
    for item in kept:
        assert item in output, output


def test_numbers_that_are_not_phones_stay():
    # a count, a temperature: no pieces of a phone number without "плюс" or a phone cue
    assert find_word_phones("было плюс пять градусов, а потом двадцать три человека пришло") == []
    assert find_word_phones("их было триста двадцать, потом ещё сто сорок пять пришло") == []


def test_ordinal_with_a_noun_after_it_is_not_a_unit():
    assert find_units("в 134-й раз тебе говорю") == []
    assert find_units("до 15-ї години будемо") == []
    assert [m.rule for m in find_units("в 3-й роте порядок")] == ["unit:numbered"]


def test_round5_leaks_stay_low():
    # round 5 after its fixes (not blind): 2 of 387 personal-data items still readable, no call sign, unit or
    # phone number; the floor allows one more
    leaked, total = blind_leaks("round5")
    assert total >= 380
    assert len(leaked) <= 3, leaked
    assert not [x for x in leaked if x[0] != "PER"], leaked


def mentions(text: str, lang: str) -> list[tuple[str, int | None, bool, str]]:
    return [(c["category"], c["count"], c["approximate"], c["side"]) for c in analyze_text(text, lang)["casualties"]]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the enemy quoted: a prisoner or an intercept says "у нас", which is theirs
        # the prisoner who tells is a captured mention too (annotation-decisions.md, decided 2026-12-01)
        ("Пленный рассказал: «у нас в роте шестеро двухсотых за два дня».", "ru",
         [("captured", 1, False, "enemy"), ("killed", 6, False, "enemy")]),
        ("Перехопили їх по рації: «у нас трое трёхсотых, нужна эвакуация».", "uk", [("wounded", 3, False, "enemy")]),
        # the enemy named before "ещё"/"ще" owns the losses that continue the list
        ("Орків під Кураховим поклали двадцять, ще з десяток трьохсотих.", "uk",
         [("killed", 20, False, "enemy"), ("wounded", 10, True, "enemy")]),
        # "у укропов" just before the mention, even with "наши" after it in a run-on text
        ("у укропов на поле человек восемь двухсотых валяется наши все живы", "ru", [("killed", 8, True, "enemy")]),
        # the speaker's side takes prisoners; the enemy as captor makes them own
        ("Наші вчора трьох взяли в полон під Бахмутом.", "uk", [("captured", 3, False, "enemy")]),
        ("Мого кума росіяни взяли в полон.", "uk", [("captured", 1, False, "own")]),
        # a rumour the next turn calls a lie, and "nobody" before the phrase
        ("— Говорят, у вас там пятеро погибли? — Брехня, мам, все живы.", "ru", []),
        ("— По новинах казали, що вас оточили і багато загинуло. — Мам, не вір, то брехня.", "uk", []),
        ("Все на месте, никто в плен не попал.", "ru", []),
    ],
)
def test_round5_casualty_classes(text, lang, expected):
    assert mentions(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Скинь, будь ласка, гроші на тепловізор, бо в нас нічого нема.", "uk"),
        ("Хлопцям треба ще турнікети і бинти, передай волонтерам.", "uk"),
        ("Бойові за два місяці так і не прийшли.", "uk"),
    ],
)
def test_round5_supply_shortage(text, lang):
    assert "supply_shortage" in {t["theme"] for t in analyze_text(text, lang)["themes"]}
