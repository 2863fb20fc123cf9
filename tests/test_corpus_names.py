"""Names the 18-author corpus leaked (issue 17): someone addressed at the start of a call, a line or a radio turn is
masked even when no list knows the word, and so is a capitalised call sign said with "our" ("Наш Бізон");
endearments, kinship words, exclamations, titles and places are not."""

from __future__ import annotations

import pytest

from overheard.annotate.analysis import analyze_text


def masked(text: str, lang: str) -> dict[str, str]:
    return {e["text"]: e["label"] for e in analyze_text(text, lang)["entities"] if e["label"] in ("PER", "CALLSIGN")}


@pytest.mark.parametrize(
    ("text", "lang", "word"),
    [
        # lower-case speech-to-text: an unknown word opening the call, past "алло"/"привіт"/"ой", before an address
        ("привіт ярчик слухай мене уважно", "uk", "ярчик"),
        ("ой айдарчик ты мой хороший", "ru", "айдарчик"),
        ("алло тохич ну ты как там", "ru", "тохич"),
        ("нурик я тебе скинула на карту", "ru", "нурик"),
        # a capitalised unknown word opening a sentence, set off by a comma
        ("Ластонька, не плач, я скоро буду.", "uk", "Ластонька"),
    ],
)
def test_an_unknown_word_addressed_at_the_opening_is_a_person(text, lang, word):
    assert masked(text, lang).get(word) == "PER"


@pytest.mark.parametrize(
    ("text", "lang", "word"),
    [
        ("Ковыль, у нас двое трёхсотых, нужна эвакуация.", "ru", "Ковыль"),
        ("Полынь, я Рубеж, приём.", "ru", "Полынь"),
        ("— Осока, у мене один двохсотий.", "uk", "Осока"),
    ],
)
def test_a_noun_called_at_the_start_of_a_radio_turn_is_a_call_sign(text, lang, word):
    assert masked(text, lang).get(word) == "CALLSIGN"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("алло зай это я", "ru"),
        ("Доню, не плач, все добре.", "uk"),
        ("Блин, опять связи нет.", "ru"),
        ("Жесть, у нас тут третий день стреляют.", "ru"),
        ("Спасибо, у нас все добре.", "uk"),
        ("Командование, я так понимаю, всё на бумаге считает.", "ru"),
        ("Ну, я думаю, завтра приеду.", "ru"),
        ("короче ща приеду", "ru"),
        ("Батюшка, у нас на кладбище новый ряд.", "ru"),
        # a common noun in the middle of a text, or with no station's words after it
        ("Мы вышли к реке. Ковыль, трава по пояс, ничего не видно.", "ru"),
    ],
)
def test_endearments_exclamations_and_plain_words_are_left(text, lang):
    assert masked(text, lang) == {}


@pytest.mark.parametrize(
    ("text", "lang", "word"),
    [
        ("Наш Борсук вчора пішов у СЗЧ, не витримав.", "uk", "Борсук"),
        ("Він три доби повз сам. Наш Лелека його підібрав біля посадки.", "uk", "Лелека"),
        ("нашего Филина вчера зацепило, лёгкий", "ru", "Филина"),
        ("А мій Чайник каже, що ротації не буде.", "uk", "Чайник"),
    ],
)
def test_a_capitalised_noun_said_with_our_is_a_call_sign(text, lang, word):
    assert masked(text, lang).get(word) == "CALLSIGN"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Наш Господь всё видит.", "ru"),
        ("Нам дорого стоило создание этого Союза.", "ru"),
        ("Зарегистрировался в «Мой Мир», там все одноклассники.", "ru"),
        ("Наш Газпром опять цены поднял.", "ru"),
    ],
)
def test_god_titles_demonstratives_and_companies_after_our_are_left(text, lang):
    assert masked(text, lang) == {}
