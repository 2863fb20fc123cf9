"""A claim the speaker calls false before saying it, or hedges with a guess after it, is no mention
(ANNOTATION.md, "Not a mention": things the speaker says were falsely reported, and guesses).

Fresh corpus authors (fourteenth session: UJ, UN; then TX, UC, UE, UF of the corpus) put the lie first: "це все
брехня, що у нас сорок двохсотих", "то не правда, що ...", "мамо, не вірте, що тата взяли в полон". The rules knew
only the lie after the claim ("пишут двое двухсотых, брехня") and the verb of lying before it ("брешуть, що ...").
"""

from __future__ import annotations

import pytest

from overheard.annotate.analysis import analyze_text


def mentions(text: str, lang: str) -> list[tuple[str, int | None]]:
    return [(c["category"], c["count"]) for c in analyze_text(text, lang)["casualties"]]


@pytest.mark.parametrize(("text", "lang"), [
    ("Та я тобі кажу, це все брехня, що у нас сорок двохсотих. Всі хлопці тут, живі.", "uk"),
    ("Неправда что у нас пятеро двухсотых.", "ru"),
    ("То не правда, що в нас двадцять двохсотих, то якийсь канал наплів.", "uk"),
    ("Мамо, не вірте, що тата взяли в полон.", "uk"),
    ("Это фейк, что в полку двести двухсотых.", "ru"),
    ("Ой, то все брехня, шо там писали про п'ятисотих у нас.", "uk"),
])
def test_a_claim_called_false_before_it_is_said_is_no_mention(text, lang):
    assert mentions(text, lang) == []


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Это не брехня, что у нас сорок двухсотых.", "ru", [("killed", 40)]),  # a negated lie: it is true
    ("Мама, не верь тому, что пишут, у нас двое двухсотых.", "ru", [("killed", 2)]),  # "что" opens what others say
    ("Правда, что у вас двое погибли?", "ru", [("killed", 2)]),  # a question, not called false
    ("Правда в том, что у нас трое двухсотых.", "ru", [("killed", 3)]),
])
def test_a_lie_negated_or_about_something_else_leaves_the_mention(text, lang, expected):
    assert mentions(text, lang) == expected


def test_the_rejection_says_what_called_it_false():
    """Kept for review with the words that decided it."""
    result = analyze_text("Брехня, що в нас двадцять двохсотих.", "uk", explain=True)
    assert any("called false before it is said ('Брехня')" in r["reason"] for r in result["rejected"])


@pytest.mark.parametrize(("text", "lang"), [
    ("Мне по телефону сказали, что он в плену, возможно.", "ru"),
    ("ще один повзе, трьохсотий мабуть.", "uk"),
    ("Сашка ранило, наверное, не знаю точно.", "ru"),
])
def test_a_guess_that_ends_the_sentence_after_the_mention_makes_it_a_guess(text, lang):
    """"Может, в плену" is a guess (ANNOTATION.md, "Not a mention"); so is "в плену, возможно." with the guess last."""
    assert mentions(text, lang) == []


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Вася в плену, может, обменяют скоро", "ru", [("captured", 1)]),  # the guess hedges what follows
    ("Трёхсотых, наверное, пятеро.", "ru", [("wounded", 5)]),  # a hedged count
    ("Вийшов кацап, руки вгору, здається.", "uk", [("captured", 1)]),  # "здається": he surrenders
])
def test_a_guess_about_the_next_clause_or_the_count_leaves_the_mention(text, lang, expected):
    assert [(c, n) for c, n in mentions(text, lang)] == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("Дэн, ты в танчики вчера гонял? — Ага, в трёхсотый раз слил, задвухсотили меня на первой минуте.", "ru"),
    ("в Контру грав на телефоні, мене там разів двадцять вбили, двохсотий за двохсотим.", "uk"),
    ("брат в калду на телефоне до трёх ночи рубился орёт как резаный меня двухсотнули", "ru"),
    ("сон дурний снився ніби я вдома а мама каже тебе вже двохсотим записали", "uk"),
])
def test_games_and_what_is_said_inside_a_dream_are_no_loss(text, lang):
    """A video game named in the turns before a verb made of a code, or in the sentence, and a report told inside
    a dream ("снився ніби ... мама каже"): no loss (round 21, read in the fourteenth session)."""
    assert mentions(text, lang) == []


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("В кс играли с Серёгой до ночи. Утром прилёт, Серёга погиб.", "ru", [("killed", 1)]),
    ("В кс играли с Серёгой до ночи. Утром прилёт, двое двухсотых.", "ru", [("killed", 2)]),
    ("Сон приснился плохой, а утром сказали: Серёга погиб.", "ru", [("killed", 1)]),
])
def test_a_loss_told_after_the_game_or_the_dream_stays(text, lang, expected):
    assert mentions(text, lang) == expected
