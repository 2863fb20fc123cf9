"""Classes of personal data blind round 11 (authors V and W; issue 17) showed the redactor leaked, each with made-up
sentences (not the blind texts) and hard negatives beside them.

Round 11 leaked 16 of 287 items on 456442e, mostly author V's Tatar, Bashkir and Caucasian volunteers: a first name
that is also a town ("Салават", a city of 150,000) read as the town, and call signs in lower-case family talk. The
first class is fixed twice: by the rule that a town's name told a message or speaking is a person whatever the
town's size, and by the learned second opinion (``lexicons/name_model.json``), which reads the context.
"""

from __future__ import annotations

import pytest

from overheard.jobs.redaction import redact_text
from overheard.redact import Policy, Redactor

MASK = Redactor(b"", Policy("mask", "keep"))


def masked(text: str, lang: str = "ru") -> str:
    return redact_text(text, MASK, lang).text


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # a first name or surname that is also a big town, told a message or speaking
        ("Передай Салавату, что мать звонила.", "Салавату"),
        ("Скажи Кирову, пусть не ждёт нас к ужину.", "Кирову"),
        ("Салават звонил вчера, всё нормально.", "Салават"),
        # addressed, or what happened to him: the model reads the context
        ("Слышь, Салават, ты где пропал?", "Салават"),
        ("Вчера Салавата ранило, его в Белгород увезли.", "Салавата"),
    ],
)
def test_a_name_that_is_also_a_town_is_masked_when_the_call_talks_about_a_person(text, gone):
    assert gone not in masked(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # the town itself, after a preposition of place or as a place name in news wording
        ("Мы вчера ездили в Казань и в Салават к родне.", "Салават"),
        ("Он родом из Кирова, там его и похоронили.", "Кирова"),
        ("Москва заявила, что переговоров не будет.", "Москва"),
        ("Киев сообщил о новых обстрелах.", "Киев"),
        ("В Уфе мороз, в Стерлитамаке тоже.", "Стерлитамаке"),
        # ordinary capitalised words and names of things
        ("Короче, хлеба нет, воды нет, сидим в подвале.", "хлеба"),
        ("Брат, приеду — машину куплю, деньги есть.", "машину"),
    ],
)
def test_towns_and_ordinary_words_stay_readable(text, kept):
    assert kept in masked(text)


@pytest.mark.parametrize(
    ("text", "lang", "gone"),
    [
        # an ordinary inanimate noun speaking in lower-case family talk is a call sign used as a name
        ("а то хмара сказав що дешевше знайде", "uk", "хмара"),
        ("а туча каже що завтра підемо", "uk", "туча"),
        ("мам ну короче бархан сказал что завтра отведут", "ru", "бархан"),
        ("тут утёс говорит что хохлы ушли", "ru", "утёс"),
    ],
)
def test_a_thing_that_speaks_in_lower_case_talk_is_a_call_sign(text, lang, gone):
    assert gone not in masked(text, lang).split()


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        # things that do speak, bodies of people, verbs things do, plural verbs, a word after an adjective
        ("мам радио говорит что обстрел был", "ru", "радио"),
        ("а телевізор каже що все добре", "uk", "телевізор"),
        ("мам ну штаб сказал ждать", "ru", "штаб"),
        ("тату а військкомат каже що не відпустять", "uk", "військкомат"),
        ("ну мам всё нормально карточка пишет что денег нет", "ru", "карточка"),
        ("мам телефон звонил весь день", "ru", "телефон"),
        ("там дождь говорят будет", "ru", "дождь"),
        ("наш старый дом говорит сам за себя", "ru", "дом"),
    ],
)
def test_things_that_do_speak_stay_readable(text, lang, kept):
    assert kept in masked(text, lang).split()


def test_a_noun_after_a_verb_is_its_object_not_a_speaker():
    assert "привіт" in masked("тато передає привіт каже щоб не хвилювалась", "uk").split()


def test_round11_leaks_stay_at_or_below_what_pii20_reached():
    from helpers import blind_leaks

    # 16 of 287 on 456442e (blind 18 on 28d15fd); 9 after the name model and these classes (pii20)
    leaked, total = blind_leaks("round11", whole_words=True)
    assert total == 287 and len(leaked) <= 10, leaked
