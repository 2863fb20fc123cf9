"""Classes of casualty wording that rounds 13-16 (authors AA..AL, issue 17: 1,440 texts nobody here had read) showed
the rules got wrong, each one seen with at least two authors (rounds 13-16 and the 18-author corpus), guarded by
made-up sentences in the words of ANNOTATION.md (none is copied from the rounds), with the hard negatives that keep
each class from over-reaching.

Rounds 13-16 were scored blind (docs/accuracy.md); the fixes below were made after reading their misses, so their
figures after them are not blind. Round 17, written after this work, is the honest measure.
"""

from __future__ import annotations

import pytest

from overheard.annotate.analysis import analyze_text


def categories(text: str, lang: str) -> list[tuple[str, int | None]]:
    return [(c["category"], c["count"]) for c in analyze_text(text, lang)["casualties"]]


def found(text: str, lang: str) -> set[str]:
    return {c["category"] for c in analyze_text(text, lang)["casualties"]}


# ----------------------------------------------------- desertion negated, forbidden or disputed: no desertion


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a negated verb of going off beside the code: a refusal to desert, a warning, a plea
        ("я тебе честно говорю в соч я не побегу дослужу до весны", "ru"),
        ("Не смей в СЗЧ уходить, мать не переживёт.", "ru"),
        ("братику не тікай у сзч прошу тебе дотерпи", "uk"),
        # a negated state: the speaker says where he is instead
        ("Кто там болтает? Я не в СОЧ, я в отпуске по ранению.", "ru"),
        # a record the speaker disputes: entered as a deserter, but in hospital, captured or dead
        ("Его в СЗЧ оформили, а он третью неделю в реанимации лежит.", "ru"),
        ("Мого Андрія вписали в СЗЧ, хоча він у полоні з весни.", "uk"),
    ],
)
def test_round16_desertion_denied_or_disputed_is_no_mention(text, lang):
    assert "deserted" not in found(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a desertion done stays one, with a later verb that is no going off, or a record after the clause ends
        ("двое ушли в СОЧ и не вернулись до сих пор", "ru", [("deserted", 2)]),
        ("Миша в СЗЧ сбежал, его уже записали в розыск", "ru", [("deserted", 1)]),
        ("троє пішли в сзч, не витримали", "uk", [("deserted", 3)]),
        # leave not come back from: a desertion with no code named
        ("у нас один с отпуска так и не вернулся, ищут", "ru", [("deserted", 1)]),
        ("Степан поїхав у відпустку і не повернувся, командир лютує", "uk", [("deserted", 1)]),
        # the deserter's nickname from the Ukrainian code
        ("у роті вже четверо сзчешників з осені", "uk", [("deserted", 4)]),
    ],
)
def test_round16_desertion_reported(text, lang, expected):
    assert categories(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("он с задачи не вернулся, ищем", "ru"),  # no leave named: not desertion
        ("если из отпуска не вернётся, посадят", "ru"),  # a condition
    ],
)
def test_round16_not_coming_back_without_leave_is_no_desertion(text, lang):
    assert "deserted" not in found(text, lang)


# ---------------------------------------------------- the next sentence or the answer denies the mention


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("У вас правда трое трёхсотых? — Нет, мам, таких у нас нет, все целы.", "ru"),
        ("Кажеш, п'ятеро п'ятисотих? Та ні, в нас таких немає.", "uk"),
        ("Проверяющий первым делом спросил, где двухсотые за неделю. А их нет.", "ru"),
        ("Сусіди брешуть, що в нас десять полонених. Жодного нема.", "uk"),
        ("Та які там двохсоті, всі вийшли цілі.", "uk"),
        # a list of two codes before one denial
        ("всех вывели двухсотых трёхсотых нет", "ru"),
        # a denial right after the word, with a count of something else before it
        ("раненых двое, один тяжёлый, убитых нет", "ru"),
    ],
)
def test_round16_denied_in_the_answer_or_next_sentence(text, lang):
    cats = found(text, lang)
    assert not ({"killed", "refused", "captured"} & cats), cats


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a count told is a report; the next sentence mourns them ("их нет уже" is no denial)
        ("у нас двое двухсотых. Их нет уже, не вернуть.", "ru", [("killed", 2)]),
        # an answer that counts is no denial
        ("Сколько у вас трёхсотых? — Трое, все лёгкие.", "ru", [("wounded", 3)]),
    ],
)
def test_round16_next_sentence_that_denies_nothing(text, lang, expected):
    assert categories(text, lang) == expected


# ----------------------------------------------------- the dead counted by coffins, bodies, graves, the morgue


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("В наш посёлок за месяц семь гробов привезли.", "ru", [("killed", 7)]),
        ("у лісосмузі тіл штук тридцять, кацапи своїх не забирають", "uk", [("killed", 30)]),
        ("трупов там под полсотни, все ихние", "ru", [("killed", 50)]),
        ("на кладовищі за зиму двадцять нових могил, усі хлопці з фронту", "uk", [("killed", 20)]),
        ("с нашего района уже шестеро в цинках вернулись", "ru", [("killed", 6)]),
        ("у морзі наших дев'ятеро лежать, ніхто не опізнав", "uk", [("killed", 9)]),
    ],
)
def test_round16_remains_counted_are_the_dead(text, lang, expected):
    assert categories(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("тело всё болит после марша", "ru"),
        ("в гробу я видел такую службу", "ru"),
        ("гроб закрытый привезли, мать не пустили", "ru"),  # no count: another word must tell the death
        ("на могилу к деду съездил, прибрал", "ru"),
        ("тіло ломить, спати не можу", "uk"),
    ],
)
def test_round16_remains_uncounted_are_no_mention(text, lang):
    assert "killed" not in found(text, lang)


# ------------------------------------------------- killed by one man: "положил" / "поклав" of people


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("ротный за одну ночь двадцать пацанов положил", "ru", [("killed", 20)]),
        ("снайпер наш поклав трьох москалів за ранок", "uk", [("killed", 3)]),
    ],
)
def test_round16_laid_down_by_one_man(text, lang, expected):
    assert categories(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("я тебе пять тысяч на карту положил", "ru"),
        ("поклав телефон на зарядку і заснув", "uk"),
    ],
)
def test_round16_laid_things_are_no_mention(text, lang):
    assert found(text, lang) == set()


# -------------------------------------------------------------- missing: a soldier gone, nobody knows where


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Толик пропал, вторые сутки на связь не выходит, может, в плену.", "ru", [("missing", 1)]),
        ("з групи один зник, шукаємо третій день", "uk", [("missing", 1)]),
    ],
)
def test_round16_gone_soldier_is_missing(text, lang, expected):
    assert categories(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Серёга, ты куда пропал? Трубку не берёшь.", "ru"),
        ("зв'язок зник з обіду, сиджу без інтернету", "uk"),
        ("деньги с карты пропали, в банк звонил", "ru"),
        ("двоє пішли в сзч, просто зникли вночі", "uk"),  # the desertion tells it, no missing man
    ],
)
def test_round16_gone_without_a_missing_soldier(text, lang):
    assert "missing" not in found(text, lang)


def test_round16_gone_then_found_is_the_later_status():
    # "пропали" is an earlier status the next sentence replaces
    assert found("Ночью трое пропали. Утром нашли всех, двухсотые.", "ru") == {"killed"}


# ---------------------------------------------------------------------- captivity in more forms


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("с нашей роты двое взяты в плен под утро", "ru", [("captured", 2)]),
        ("вчора четверо взято в полон, решта відійшла", "uk", [("captured", 4)]),
        ("в плен к ним попали трое наших", "ru", [("captured", 3)]),
        ("наших двох кулеметників полонили біля ставка", "uk", [("captured", 2)]),
        ("утром пленного кацапа привели, совсем мальчишка", "ru", [("captured", 1)]),
        ("у нас четверо полонених орків, чекаємо на обмін", "uk", [("captured", 4)]),
        ("двое с роты сдались по хочу жить, ротный в бешенстве", "ru", [("captured", 2)]),
    ],
)
def test_round16_captivity_told_in_other_forms(text, lang, expected):
    assert categories(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("в плен к ним лучше не попадать", "ru"),
        ("я хочу жить, но в плен не сдамся", "ru"),
    ],
)
def test_round16_captivity_feared_is_no_mention(text, lang):
    assert "captured" not in found(text, lang)


def test_round16_wounded_carried_to_a_place():
    # "до" after the participle is a preposition (the Ukrainian dictionary also reads it as the note C)
    assert found("Бачу орків, несуть пораненого до бліндажа.", "uk") == {"wounded"}


# ------------------------------------------------ channels, past wars told in the sentence before, conditions


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Всем перейти на канал 200, как поняли?", "ru"),
        ("частота 300 занята, работаем на запасной", "ru"),
        ("Батя в восемьдесят пятом в Афгане служил. Говорил, там пацанов десятками хоронили.", "ru"),
        ("Прадід у сорок четвертому тут воював. Казав, там тисячі полягли.", "uk"),
        ("Если меня, не дай бог, трёхсотым привезут, не плачь.", "ru"),
        ("Вчера фильм на ноуте смотрели, про Сталинград там, «Окопы», там всех положили.", "ru"),
    ],
)
def test_round16_no_loss_of_this_war(text, lang):
    assert found(text, lang) == set()


# --------------------------------------------- the plural of the 600 code, "не стало", died before evacuation


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("у соседей шестисотых четверо, ждут обмена", "ru", [("captured", 4)]),
        ("шестисоті наші, троє, кацапи відео виклали", "uk", [("captured", 3)]),
        ("Виталика нашего не стало позавчера, мина", "ru", [("killed", 1)]),
        ("троих вынесли, а двое до госпиталя не дожили", "ru", [("killed", 2)]),
    ],
)
def test_round16_more_words_for_the_lost(text, lang, expected):
    assert categories(text, lang)[-1:] == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("у комбата шестисотый мерс, а мы пешком", "ru"),  # the singular is a car
        ("шестисотые мерсы у всего штаба", "ru"),
        ("света не стало с обеда, сидим без связи", "ru"),
        ("денег не стало совсем, займи", "ru"),
    ],
)
def test_round16_more_words_that_are_no_loss(text, lang):
    assert found(text, lang) == set()
