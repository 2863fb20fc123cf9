"""Call signs as a class, generated: how they are used in calls and radio chatter, and the same words as ordinary words
(branch callsign19; the generator is ``tests/callsign_cases.py``, its word lists and templates
``tests/data/callsigns19/``).

A seeded generator fills templates written from ANNOTATION.md and radio procedure (every case and the vocative, with
and without "позывной", after a dash or a colon, speaker labels, "приём", "как слышишь", "на связи", "ответь",
"я — X", "X — Y", "X для Y", "X, X, я Y", "работаю", "доложи", lists, plurals, Ukrainian and Surzhyk, cased text and
lower-case speech-to-text) with call signs that are ordinary words (animals, birds, weapons, trades, tools,
adjectives, foreign words in Cyrillic and Latin script, numbers, places, people's names, weather, trees, things).
Hard negatives put the same words in the same slots as ordinary words ("сокол летит", "бери лопату", "пятый день",
"на связи с мамой"). The vocabulary and the templates are split once, before anything was measured: the rules were
made to pass the ``tune`` part; the ``held_out`` part was only measured, and its figures below are floors (what the
branch measured: a change may improve them, not make them worse). Leaking is far worse than over-masking.
"""

from __future__ import annotations

import re

import pytest
from callsign_cases import negative_case, plain_case, positive_case, tally

from overheard.annotate.components.entities import find_entities
from overheard.jobs.redaction import redact_text
from overheard.redact import Policy, Redactor

MASK = Redactor(b"", Policy("mask", "keep"))  # as `overheard redact --mode mask`
N = 500  # generated texts per split and kind (positive; half as many negatives)

# What the branch measured on the first N seeds (docs/accuracy.md, callsign19): call signs leaked of 722 (tune) and
# 706 (held out), hard negatives whose word was masked of 250, procedure words masked in 100 plain texts. Main
# 41387ca leaked about 40% of the call signs of both parts (1,000 seeds: 600/1,474 and 550/1,422).
FLOORS = {
    "tune": {"leaked": 50, "negatives_masked": 10, "plain_tokens_masked": 9},
    "held_out": {"leaked": 114, "negatives_masked": 4, "plain_tokens_masked": 3},
}


def _tally(split: str) -> dict[str, int]:
    positives = tally(positive_case(seed, split) for seed in range(N))
    negatives = tally(negative_case(seed, split) for seed in range(N // 2))
    plain = tally(plain_case(seed, split) for seed in range(N // 5))
    return {"leaked": positives.leaked, "items": positives.items, "negatives_masked": negatives.target_masked,
            "plain_tokens_masked": plain.overmasked}


@pytest.mark.parametrize("split", ["tune", "held_out"])
def test_generated_call_signs_leak_no_more_than_measured(split):
    """Call signs of every kind in every slot survive masking at most as often as the branch measured, on the part
    the rules were tuned on and on the part they were never tuned on."""
    tally = _tally(split)
    floor = FLOORS[split]
    assert tally["leaked"] <= floor["leaked"], tally
    assert tally["negatives_masked"] <= floor["negatives_masked"], tally
    assert tally["plain_tokens_masked"] <= floor["plain_tokens_masked"], tally


def readable(word: str, output: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", output, re.IGNORECASE) is not None


@pytest.mark.parametrize(
    ("text", "lang", "gone"),
    [
        # radio procedure: the station before "на связи", "приём", "как слышишь", "на связь"; whatever the word is
        ("Бетон, Кремень на связи, приём.", "ru", ["Бетон", "Кремень"]),
        ("сто перший доповідай обстановку", "uk", ["сто перший"]),
        ("і бобер і стриж на зв'язок не виходять", "uk", ["бобер", "стриж"]),
        # the one called after "вызываю", the speaker after "я" past the station called, said twice
        ("Вызываю Мушкета, Мушкета вызываю, ответьте.", "ru", ["Мушкета"]),
        ("двести первый двести первый я дон приём", "ru", ["двести первый", "дон"]),
        ("малой я казань як слышишь прийом", "uk", ["казань"]),
        # the station answered after an acknowledgement; "X для Y"; the caller and the callee in the dative
        ("Прийняв, Сорок п'ятий, висуваємось.", "uk", ["Сорок п'ятий"]),
        ("Ива для Кремня: двое трёхсотых, нужна эвакуация.", "ru", ["Ива", "Кремня"]),
        ("ягуар борзому выдвигайтесь к точке как поняли", "ru", ["ягуар", "борзому"]),
        # talk about people: a verb only a person does, a soldier's move, the one told, the one with casualties
        ("вчера стриж звонил всё нормально", "ru", ["стриж"]),
        ("дай трубку грабу", "ru", ["грабу"]),
        ("У Сокола и Бетона по одному трёхсотому.", "ru", ["Сокола", "Бетона"]),
        ("від пелікана нічого не чути другий день", "uk", ["пелікана"]),
        ("я з єгером в одному окопі сидів", "uk", ["єгером"]),
        ("мам тут зі мною кедр передає тобі привіт", "uk", ["кедр"]),
        # lists of people after a dash or a colon, or after a word that heads them; a number after a hyphen
        ("Раненые: Кирка, Триста второй. Двухсотых нет.", "ru", ["Кирка", "Триста второй"]),
        ("старший групи ведмідь", "uk", ["ведмідь"]),
        ("Лось-7, доповідай обстановку.", "uk", ["Лось-7"]),
        # a speaker label in a dialogue, whatever word it is
        ("Граб: Понял тебя, выдвигаемся.\nStorm: Принял, жду.", "ru", ["Граб", "Storm"]),
    ],
)
def test_a_call_sign_in_a_frame_is_masked(text, lang, gone):
    out = redact_text(text, MASK, lang).text
    for word in gone:
        assert not readable(word, out), f"{word!r} readable in {out!r}"


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        # the same words as ordinary words, in the same slots
        ("над полем чайка кружит красиво тут", "ru", ["чайка"]),
        ("Бери косу, копать будем.", "ru", ["косу"]),
        ("Нам потрібен добрий гончар.", "uk", ["гончар"]),
        ("Пятый день дождь идёт.", "ru", ["Пятый"]),
        ("Я на связи с мамой каждый вечер.", "ru", ["мамой"]),
        ("Сынок, приём, ты меня слышишь?", "ru", ["Сынок"]),
        # what one is, not who: an adjective after "я", a state, a thing that moves, a body of men
        ("Мамо, не плач, я живий.", "uk", ["живий", "плач"]),
        ("Подвоз не идёт третий день, сидим без воды.", "ru", ["Подвоз"]),
        ("Сапери кажуть, вони по мінах самі йшли.", "uk", ["Сапери"]),
        ("два БК и вода, приём.", "ru", ["вода"]),
        ("Знаешь Буйвола? Его вчера ранило.", "ru", ["Его"]),
        # news: a state or an office speaks, a thing is caused
        ("Пентагон попросил Грецию поддержать санкции.", "ru", ["Пентагон"]),
        ("Он вызывает чувство удовольствия и влияет на мотивацию.", "ru", ["чувство"]),
    ],
)
def test_ordinary_words_in_the_same_slots_stay_readable(text, lang, kept):
    out = redact_text(text, MASK, lang).text
    for word in kept:
        assert readable(word, out), f"{word!r} masked in {out!r}"


def test_a_frame_mask_says_it_failed_closed():
    """The explanation of a frame's mask names the frame and says it was masked because of where the word stands."""
    found = [f for f in find_entities("вчера стриж звонил всё нормально", "ru") if f.text == "стриж"]
    assert found and "fail closed" in found[0].explanation and "a verb of what people do" in found[0].explanation
