"""Classes of casualty wording the ninth and tenth blind rounds (authors R, S, T and U, issue 17) showed the rules
got wrong, each guarded by made-up sentences in the words of ANNOTATION.md (none is copied from the blind texts),
and the hard negatives that keep each class from over-reaching.

Rounds 9 and 10 were scored blind once (docs/accuracy.md); the fixes below were made after reading their misses,
so their figures after them are not blind. The floors per round are in tests/test_unseen_round4.py.
"""

from __future__ import annotations

import pytest

from overheard.annotate.analysis import analyze_text


def mentions(text: str, lang: str) -> list[tuple[str, int | None, bool, str]]:
    return [(c["category"], c["count"], c["approximate"], c["side"]) for c in analyze_text(text, lang)["casualties"]]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # "the rest" of a group is a vague number, count null and approximate (the lead decided 2026-12-01 following
        # rounds 4-7, T and most corpus authors; this row said bare, as the development set had it, before)
        ("нас было тридцать вернулось девять остальные двухсотые", "ru", [("killed", None, True, "own")]),
        # a brigade named by its ordinal in digits after "з/с" is no count of people
        ("Хлопці з 72-ї взяли в полон сімох орків біля Вугледара.", "uk", [("captured", 7, False, "enemy")]),
        ("Пацаны с 155-й взяли в плен четверых хохлов.", "ru", [("captured", 4, False, "enemy")]),
        # "двох сотень" is two hundred, not two
        ("Росіян там полягло більше двох сотень.", "uk", [("killed", 200, True, "enemy")]),
        # "полгода", "пів року" are times, not half of a group
        ("наш Лёха уже полгода в плену", "ru", [("captured", 1, False, "own")]),
        # one person as the subject of a state phrase with no verb: a name or a singular pronoun
        ("Наш Тарас вже третій місяць у полоні.", "uk", [("captured", 1, False, "own")]),
        ("Она говорит, он с соседнего батальона, в плену сейчас.", "ru", [("captured", 1, False, "own")]),
        ("сусід наш Остап уже рік безвісти", "uk", [("missing", 1, False, "own")]),
        # several people as the subject stay uncounted
        ("Пацаны наши с третьей роты в плену.", "ru", [("captured", None, False, "own")]),
        # a plural "they did not bring" of one named man
        ("Витю Соколова не довезли до больницы.", "ru", [("killed", 1, False, "own")]),
        # a zero after one code word is that word's, not the next one's; no next-turn count after a denial
        ("Двухсотых ноль, трёхсотых у нас три.", "ru", [("wounded", 3, False, "own")]),
        ("— Сколько у тебя? — Трёхсотых двое, двухсотых нет. — Понял, двое.", "ru",
         [("wounded", 2, False, "own")]),
        # an enemy acting on the captives is the captor: the captured are the speaker's own
        ("Двое в плену, укропы их утащили.", "ru", [("captured", 2, False, "own")]),
        ("Він у полоні, росіяни його катують.", "uk", [("captured", 1, False, "own")]),
        ("Костя ночью ушёл к хохлам с белым флагом.", "ru", [("captured", 1, False, "own")]),
        # burials in the imperfective plural: a death of soldiers
        ("В райцентре в субботу четверых хоронили, все с одной бригады.", "ru", [("killed", 4, False, "own")]),
    ],
)
def test_round9_casualty_classes(text, lang, expected):
    assert mentions(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the enemy who surrendered is the enemy's loss, and so are the enemy held by us
        ("Хохлы сдались в плен.", "ru", [("captured", None, False, "enemy")]),
        ("Двое хохлов в плену, наши их допрашивают.", "ru", [("captured", 2, False, "enemy")]),
        ("Кацапи здалися в полон, ми їх взяли.", "uk", [("captured", None, False, "enemy")]),
        # an enemy who walks out to surrender is the captive, not the captor
        ("Вранці москаль вийшов з посадки з білою ганчіркою, здався.", "uk", [("captured", 1, False, "enemy")]),
        # burying oneself in words and hiding money are no deaths
        ("рано ты себя хоронишь, всё наладится", "ru", []),
        ("мы деньги схоронили в огороде", "ru", []),
    ],
)
def test_round9_hard_negatives(text, lang, expected):
    assert mentions(text, lang) == expected
