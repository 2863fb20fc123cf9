"""The cheap gates before costly regular expressions (overheard.annotate.rules.gates) never close where the
pattern they guard would match: they only spare searches that cannot find anything."""

import random
import re

import pytest

from overheard.annotate.rules import patterns, phones, unit_numbers
from overheard.annotate.rules.gates import WordStartGates, caseless, contains_any, literal_heads


@pytest.mark.parametrize(("pattern", "head"), [
    ("бригад", "бригад"),
    ("рот[аыуеойіи]", "рот"),
    ("бат(?:а|у|е|і|ом)?\\b", "бат"),
    ("гв\\.?\\s?мсп", "гв"),
    ("четв[её]рт", "четв"),
    ("ab?c", "a"),  # "b" is optional: the match may start "ac"
    ("abc*", "ab"),
    ("ab{0,2}", "a"),
    ("п'ятсот", "п'"),  # an apostrophe ends a run of word characters
    ("п'?ятсот", "п"),
])
def test_literal_heads(pattern, head):
    assert literal_heads([pattern]) == (head,)


@pytest.mark.parametrize("pattern", ["(?:з|із)\\s+нашої", "\\d{3}", "[аб]ат", "ab|cd", "[|]x|y"])
def test_a_pattern_with_no_single_literal_start_has_no_gate(pattern):
    assert literal_heads(["бригад", pattern]) is None


def test_caseless_compares_letters_as_re_does_under_ignorecase():
    assert caseless("РОТА") == "рота"
    assert caseless("ᲂмсбр") == "омсбр"  # re takes the rounded "ᲂ" as "о"
    assert caseless("İv") == "iv"  # re lower-cases "İ" to "i", str.lower to two characters


def test_word_start_gates_report_the_lists_a_word_can_start():
    gates = WordStartGates([["бригад", "рот[аы]"], ["сорок", "п'ятсот"], ["\\d+"]], whole=(False, True))
    assert gates.mask("третьей РОТЫ") == 0b101  # the third list has no gate: always open
    assert gates.mask("з сорок сьомої") == 0b110
    assert gates.mask("в п'ятсот") == 0b110
    assert gates.mask("сорокова") == 0b100  # a whole word: "сорок" must be the run itself
    assert gates.mask("пробригад-2") == 0b100  # "бригад" does not start a run there


def test_contains_any_is_case_sensitive():
    assert contains_any("ЧВК Вагнер", ("ЧВК", "пвк"))
    assert not contains_any("чВк", ("ЧВК", "пвк"))
    assert contains_any("anything", None)


FRAGMENTS = ["в/ч 12345", "200-я бригада", "1-я рота 3-го батальона", "93 ОМБр", "ЧВК Вагнер", "батальон «Сомали»",
             "Шторм Z", "з нашої 117-ї", "в 134-й раз", "з сорок сьомої", "в сто тринадцатом", "з двісті першого",
             "из сороковой", "з п'ятсот", "РОТА", "ᲂмсбр", "мсп-2", "+7 912 345-67-89", "12-34-56", "номер 1234567",
             "восемь девятьсот двенадцать триста сорок пять шестьдесят семь", "дев'яностої", "просто так", "сотня",
             "вэ чэ девять четыре семь один два", "часть сорок семь ноль девяносто", "в/ч п'ять три п'ять дев'ять",
             "ВОЙСКОВАЯ ЧАСТЬ ДВАДЦАТЬ СЕМЬСОТ", "пятьсот двенадцатый", "сорок седьмой", "377-й", "тысяча сто седьмой",
             "3-тю штурмову", "ДЕСАНТНО-ШТУРМОВОЙ", "з четвертої", "роту седьмую", "А4321"]


def test_the_unit_gates_never_close_where_a_unit_pattern_matches():
    rng = random.Random(7)
    gates = patterns._unit_gates()
    elliptic = [patterns._elliptic_words_pattern(), patterns._elliptic_masculine_pattern(),
                patterns._elliptic_tens_pattern()]
    for _ in range(3000):
        text = " ".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 4)))
        mask = gates.starts.mask(text)
        if patterns._formation_start().search(text):
            assert mask & 1, text
        for bit, pattern in zip((2, 4, 8), elliptic, strict=True):
            if pattern.search(text):
                assert mask & bit, text
        if patterns._unit_patterns().named.search(text):
            assert contains_any(text, gates.named) or contains_any(text, gates.named_quoted), text
        if patterns._unit_patterns().vch.search(text):
            assert re.search(r"\d", text)
        if unit_numbers._spoken_pattern().search(text):
            assert mask & 16, text
        if unit_numbers._word_ordinal().search(text):
            assert mask & 2, text
        if unit_numbers._adjective_unit().search(text):
            assert mask & 32, text
        if unit_numbers.company_numbers(text):  # run only in a text with a formation word
            assert mask & 1 and patterns._formation_start().search(text), text


def test_units_and_phones_are_found_as_before():
    assert [m.normal for m in patterns.find_units("служил в в/ч 12345, потом в 200-й бригаде")] == [
        "в/ч 12345", "200-й бригаде"]
    assert [m.normal for m in patterns.find_units("хлопці з сорок сьомої")] == ["сорок сьомої"]
    assert patterns.find_units("просто так") == []
    assert [m.normal for m in phones.find_digit_phones("звони +7 912 345-67-89")] == ["+79123456789"]
    assert [m.normal for m in phones.find_word_phones(
        "номер восемь девятьсот двенадцать триста сорок пять шестьдесят семь ноль два")] == ["+79123456702"]
