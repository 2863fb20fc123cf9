"""Call signs told of in lower-case narrative: the grammar makes a word someone, whatever the word (branch leak20;
``rules/entities/narrative.py``, generated cases ``tests/data/callsigns20/narrative.yaml``).

In a text with no capital letter, a noun or a bare adjective that is no person noun is masked when it is the subject
of a verb that agrees with it (a verb only a person does for a thing; moving and acting too for an animal, an unknown
word or a bare adjective), the one told after a verb of telling, one wounded in an impersonal clause, a companion ("мы
с X", "с X были") or a possessor ("у X в группе"); the explanation says it was masked because unsure. Person nouns,
kinship, a thing with a determiner before it, and cased text are left alone.
"""

from __future__ import annotations

import pytest
from callsign_cases import narrative_case, narrative_negative_case, tally

from overheard.annotate.components.entities import find_entities
from overheard.jobs.redaction import redact_text
from overheard.redact import Policy, Redactor

MASK = Redactor(b"", Policy("mask", "keep"))  # as `overheard redact --mode mask`
N = 200
# What the branch measured on the first N seeds (docs/accuracy.md, leak20); main 5311834 leaked 95/200 (tune) and
# 123/200 (held out), and masked 3 and 1 of 100 things, 14 and 11 of 100 animals told of as animals. Floors: a change
# may improve them, not make them worse. Animals are where failing closed costs most ("там волк бегает").
# The held-out animals' floor was raised 46 -> 47 by the lead in the sixteenth session, once, to ship the role
# features (name model 2026.12.6): one more animal masked there against 7 fewer leaks on the closed blind rounds and
# fewer held out by author (docs/accuracy.md, "Sixteenth session"); leaking is worse than over-masking.
# lever29 moved it 47 -> 48 (an over-masking floor, by no more than its held-out figures show): the name model's
# threshold 0.62 -> 0.58, held out by author (name_model_by_author.py --folds 4) leaks 113 -> 109 of 7,105 items
# for 586 -> 587 over-masked tokens (docs/accuracy.md, lever29).
FLOORS = {"tune": {"leaked": 4, "things": 5, "animals": 14}, "held_out": {"leaked": 38, "things": 2, "animals": 48}}


@pytest.mark.parametrize(("text", "secret"), [
    ("а кабан вчера говорит что всё нормально", "кабан"),            # the subject of a verb of speech
    ("сокол ушёл на точку и не вернулся", "сокол"),                  # an animal moving as someone does
    ("передай гному что я завтра приеду", "гному"),                  # the one told
    ("с беркутом были на позиции", "беркутом"),                      # a companion of a group that acts
    ("мы с кабаном вчера ходили за водой", "кабаном"),               # "мы с X"
    ("у гвоздя пацаны все живые", "гвоздя"),                          # a possessor of a group
    ("короче рыжий ногу подвернул", "рыжий"),                        # a bare adjective acting
    ("а малой пришёл и говорит", "малой"),                           # "-ой": a masculine the dictionary lacks
    ("я с молотом говорил он говорит всё плохо", "молотом"),          # one talked with
    ("зацепило сову осколком", "сову"),                              # one wounded, an animate accusative
    ("потом зубило пришёл и давай орать", "зубило"),                 # a neuter word, a masculine verb
    ("вчера cobra видел как они заходили", "cobra"),                 # a Latin word
    ("сказав мені що в сокола рація сіла", "сокола"),                # Ukrainian "в" before someone
])
def test_a_word_its_grammar_makes_someone_is_masked(text: str, secret: str) -> None:
    out = redact_text(text, MASK, "uk" if any(ch in text for ch in "іїєґ") else "ru").text
    assert secret not in out.split(), out


@pytest.mark.parametrize("text", [
    "брат звонил говорит всё хорошо",                 # kinship
    "новый командир сказал что завтра выходим",       # a person noun
    "машина сломалась подвоз не пришёл",              # things that move
    "снаряд прилетел прямо в блиндаж",
    "я купил топор пошёл домой",                      # an accusative, not a subject
    "рыжий кот пришёл",                               # an adjective before its noun
    "там девочка вежливая сказала заявку приняли",    # an adjective after its noun
    "всё свободное время сидит",
    "с водой были проблемы",                          # a thing "with"
    "у дома стоит машина",                            # a thing "at"
    "в лісі тихо",
    "первый раз вижу такое",                          # an ordinal counting the noun after it
    "Кабан вчера говорит, что всё нормально.",        # cased text: the other rules decide
])
def test_no_one_is_made_of_a_thing(text: str) -> None:
    found = [f for f in find_entities(text) if "its grammar makes it someone" in f.explanation]
    assert not found, found


def test_the_explanation_says_it_was_masked_because_unsure() -> None:
    found = [f for f in find_entities("мы с кабаном вчера ходили за водой") if f.text == "кабаном"]
    assert found and found[0].label == "CALLSIGN" and "masked because unsure" in found[0].explanation


@pytest.mark.parametrize("split", ["tune", "held_out"])
def test_generated_narrative_floors(split: str) -> None:
    leaked = tally(narrative_case(seed, split) for seed in range(N)).leaked
    assert leaked <= FLOORS[split]["leaked"], leaked
    for kind in ("thing", "animal"):
        masked = tally(narrative_negative_case(seed, split, kind) for seed in range(N // 2)).target_masked
        assert masked <= FLOORS[split][kind + "s"], (kind, masked)


@pytest.mark.parametrize(("text", "secret"), [
    ("вчера двести первый видел как они заходили", "двести первый"),  # a numbered call sign over the coded word
    ("ну а молот сказал что не пойдёт", "молот"),                     # a noun beside a short adjective's reading
    ("потом маяк пришёл и давай орать", "маяк"),                      # a verb joined to one only a person does
    ("короче пуля опять ногу подвернул", "пуля"),                     # a part of the body, a masculine verb
])
def test_more_of_the_grammar(text: str, secret: str) -> None:
    out = redact_text(text, MASK, "ru").text
    assert secret not in out, out


@pytest.mark.parametrize("text", ["а тут грязь по колено надел один раз", "у нас двести первый раз такое",
                                  "вода пришла и всё затопила", "вишня цього року не вродила"])
def test_things_stay_things(text: str) -> None:
    found = [f for f in find_entities(text, "uk" if "ц" in text and "ьо" in text else "ru")
             if "its grammar makes it someone" in f.explanation]
    assert not found, found
