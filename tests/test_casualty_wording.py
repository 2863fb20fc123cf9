"""How losses are reported, as a generated specification (recall19): a seeded generator of the whole class
(``tests/casualty_wording.py``; templates and vocabulary in ``tests/data/casualty_wording``) built from ANNOTATION.md's
definition of a casualty mention, for all six categories, split into a tune part (the rules were fixed on it) and a
measure part (held out, written before any fix). Below it, the wording classes the rules learnt, one table each, with
hard negatives; none of the sentences is copied from the corpus or a blind round.

docs/accuracy.md (recall19) has the figures: the measure part is a floor here, not a target.
"""

from __future__ import annotations

import random
from functools import lru_cache

import casualty_wording as cw
import pytest

from overheard.annotate.analysis import analyze_text, utterances_of
from overheard.annotate.doc import Doc
from overheard.annotate.lexicon import compile_lexicon, load_lexicon

# negative templates of the tune part the rules still flag: false alarms of classes another branch (fa19) owns ("не
# попал в плен", "не получил ранение": a negated verb before the phrase; "от ужина отказался": a refusal of food;
# "связь пропала"). A negative template flagged outside this list is a new false alarm.
KNOWN_FALSE_ALARMS = frozenset({"ru.neg.question", "uk.neg.question", "ru.t2.neg.denied_state",
                                "uk.t2.neg.denied_state", "ru.t3.neg.refused_food", "uk.t3.neg.refused_food",
                                "ru.t3.neg.signal_lost"})


@lru_cache(maxsize=1)
def _lexicon():
    return compile_lexicon(load_lexicon())


def predict(text: str, lang: str) -> list[tuple[str, int | None]]:
    doc = Doc(text=text, language=lang, utterances=utterances_of(text))
    return [(m.category, m.count) for m in doc.casualties(_lexicon()).mentions]


@lru_cache(maxsize=2)
def scored(part: str) -> cw.Score:
    return cw.score(cw.generate(part, per_template=3, seed=19), predict)


def mentions(text: str, lang: str) -> list[tuple[str, int | None]]:
    return [(c["category"], c["count"]) for c in analyze_text(text, lang)["casualties"]]


# ------------------------------------------------------------------------------------------------ the generator


def test_the_two_parts_share_no_template_and_render_every_category():
    templates, _ = cw.load()
    tune, measure = ({t["id"] for t in templates[p]} for p in cw.PARTS)
    assert not tune & measure
    assert not {t["text"] for t in templates["tune"]} & {t["text"] for t in templates["measure"]}
    for part in cw.PARTS:
        categories = {g.category for g in cw.generate(part, per_template=1, seed=1) if g.expected}
        assert set(cw.CATEGORIES) <= categories, part


def test_generation_is_seeded_and_every_template_renders():
    templates, _ = cw.load()
    first, again = cw.generate("tune", 2, seed=7), cw.generate("tune", 2, seed=7)
    assert [g.text for g in first] == [g.text for g in again]
    assert [g.text for g in cw.generate("tune", 2, seed=8)] != [g.text for g in first]
    for part in cw.PARTS:
        rendered = {g.template for g in cw.generate(part, 1, seed=3)}
        assert rendered == {t["id"] for t in templates[part]}, part


def test_a_count_slot_gives_the_expected_count():
    rng = random.Random(5)
    template = {"id": "x", "lang": "ru", "text": "{where} {count.before_noun} {code.pl_gen}.", "expect": [["C", "n"]]}
    for _ in range(20):
        g = cw.render(template, "killed", "tune", rng)
        word_counts = {"двое": 2, "четверо": 4, "пятеро": 5, "семеро": 7, "десять": 10, "десятеро": 10, "два": 2,
                       "четыре": 4, "пять": 5, "семь": 7}
        said = next(w for w in g.text.replace(".", "").split() if w.isdigit() or w in word_counts)
        assert g.expected == (("killed", int(said) if said.isdigit() else word_counts[said]),)


# ------------------------------------------------------------------------------------------------ the figures


def test_the_tune_part_is_read_whole():
    s = scored("tune")
    assert s.recall >= 0.99, [(g.text, p) for g, p in s.misses[:10]]
    extra = [(g.text, p) for g, p in s.spurious if g.expected]
    assert not extra  # no positive text gets a mention it does not hold


def test_no_new_false_alarm_on_the_tune_negatives():
    flagged = {g.template for g, _ in cw.score(cw.generate("tune", 3, seed=19), predict).spurious if not g.expected}
    assert flagged <= KNOWN_FALSE_ALARMS


def test_the_held_out_part_stays_above_its_floor():
    assert scored("measure").recall >= 0.85  # 0.870 at three seeds when measured (docs/accuracy.md, recall19)


# ------------------------------------------------------------------------------------------------ the classes


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a verb made from the refusal code, after the fact (annotation-decisions.md: verbs made from codes)
        ("Серёга у нас запятисотился ещё в среду.", "ru", [("refused", 1)]),
        ("Тарас зап'ятисотився вчора, не пішов на позиції.", "uk", [("refused", 1)]),
        # one named person "положили / застрелили / поклали"
        ("Кольку вчера под Бахмутом положили.", "ru", [("killed", 1)]),
        ("— А Остап як?\n— поклали його ще в четвер.", "uk", [("killed", 1)]),
        # the goodbye of unpunctuated speech after a report
        ("у нас ночью шестеро погибли ладно давай мам", "ru", [("killed", 6)]),
        ("брат пішов у сзч минулого тижня все давай", "uk", [("deserted", 1)]),
        ("у нас трое отказались идти на штурм ладно давай", "ru", [("refused", 3)]),
        # a digit code's ending that fits no noun after it; an adverb of time after a code; a call sign after it
        ("у нас в роте 3 200-х матери не говори", "ru", [("killed", 3)]),
        ("С 300-ми беда, вывезти не можем, их у нас пятеро.", "ru", [("wounded", 5)]),
        ("Двухсотого утром вынесли, это Толик был.", "ru", [("killed", 1)]),
        ("брат в сзч ночью ушёл", "ru", [("deserted", 1)]),
        ("малой 300-й шаман тащит его к дороге", "ru", [("wounded", 1)]),
        # a question answered in the next turn
        ("— Сколько трёхсотых?\n— Четверо, утром.", "ru", [("wounded", 4)]),
        ("— А полонені є?\n— Є, троє.", "uk", [("captured", 3)]),
        # the answer "no" before what he is
        ("— Жека живой?\n— нет двухсотый", "ru", [("killed", 1)]),
        # Surzhyk: a Russian past verb in a Ukrainian call
        ("ото в нашій роті троє попали в плен вчора", "uk", [("captured", 3)]),
        # "alive" beside a captive, or one man alive beside a group lost
        ("Сашка забрали в полон, але він живий, відео показали.", "uk", [("captured", 1)]),
        ("вчора чотирьох наших задвохсотило а мене ні живий", "uk", [("killed", 4)]),
        # leaving the unit or the positions
        ("Двое мобиков ночью ушли с позиций, ищут.", "ru", [("deserted", 2)]),
        ("Колька из части ушёл без спросу, у тётки сидит.", "ru", [("deserted", 1)]),
        # "там и остались", "не дотащили", "наглухо", the report terms
        ("Человек двадцать там и осталось, в посадке.", "ru", [("killed", 20)]),
        ("прилёт, и пятеро сразу наглухо", "ru", [("killed", 5)]),
        ("За сутки безвозвратные — двое, санитарные потери — семь человек.", "ru", [("killed", 2), ("wounded", 7)]),
        ("з них 14 безповоротно, 30 санітарні", "uk", [("killed", 14), ("wounded", 30)]),
        ("Зник Мирослав, вже тиждень ні слуху ні духу.", "uk", [("missing", 1)]),
    ],
)
def test_wording_the_rules_read_now(text, lang, expected):
    assert mentions(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Папу в больницу положили, давление, неделю полежит.", "ru"),  # admitted, not killed
        ("Набили мішки піском і поставили на бруствер.", "uk"),  # sacks, not a person
        ("Я тебе в двухсотый раз говорю, не звони ночью.", "ru"),  # an ordinal of a time
        ("Двухсотых днём не забираем, ждём темноты.", "ru"),  # a rule for the dead, not an event
        ("давай сдадимся в плен, пока не поздно", "ru"),  # "давай" before a plan
        ("— Сколько двухсотых?\n— Ни одного, слава богу.", "ru"),  # an answer of none
        ("у нас ні двохсотих ні трьохсотих", "uk"),  # "ні ... ні": a denial
        ("Говорили, что кум попал в плен, а он живой, звонил вчера.", "ru"),  # a rumour the speaker refutes
        ("Серёгу записали в погибшие, а он живой.", "ru"),  # the one man himself alive
        ("Мы с позиций ушли по приказу, отошли на вторую линию.", "ru"),  # a retreat
        ("Дверь закрыли наглухо, трое суток сидели.", "ru"),  # shut tight
        ("Санитарная машина приехала, трое медиков.", "ru"),  # an ambulance
        ("Вчора у селі діда Миколу застрелили на блокпосту.", "uk"),  # a civilian: war crime, no army loss
    ],
)
def test_hard_negatives_of_those_classes(text, lang):
    assert mentions(text, lang) == []


def test_going_over_is_a_capture_not_a_desertion():
    assert mentions("у нас четверо в ту ночь сдались, ушли с позиции к украинцам", "ru") == [("captured", 4)]
