"""Classes of casualty wording the eleventh blind round (authors V and W, issue 17) showed the rules got wrong, each
guarded by made-up sentences in the words of ANNOTATION.md (none is copied from the blind texts), and the hard
negatives that keep each class from over-reaching.

Round 11 was scored blind twice (docs/accuracy.md); the fixes below were made after reading its misses, so its
figures after them are not blind. The floors per round are in tests/test_unseen_round4.py.
"""

from __future__ import annotations

import pytest

from overheard.annotate.analysis import analyze_text


def mentions(text: str, lang: str) -> list[tuple[str, int | None, bool, str]]:
    return [(c["category"], c["count"], c["approximate"], c["side"]) for c in analyze_text(text, lang)["casualties"]]


# ---------------------------------------------------------------- false alarms: no loss is reported


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a code word as the predicate of a future copula or a verb of making: a threat or a prediction
        ("Передай ему: ещё раз полезет к моей сестре, я его сам трёхсотым сделаю.", "ru"),
        ("Старшина кричит: «вы у меня все двухсотыми станете, если не окопаетесь».", "ru"),
        ("Ротний сказав: «будете всі двохсотими, якщо хоч крок назад».", "uk"),
        ("ты так трёхсотым будешь через неделю если каску не наденешь", "ru"),
        # an earlier war: its name, its enemy or its year, in the sentence or the one "тогда" points back to
        ("Дед рассказывал, в восемьдесят шестом под Кандагаром их роту положили почти всю.", "ru"),
        ("Батя в первую чеченскую воевал. Тогда двухсотых грузили машинами, никто не считал.", "ru"),
        ("Мій дід у сорок четвертому під Корсунем поранений був, двічі.", "uk"),
        ("Отец с федералами воевал, говорит, трёхсотых у них было без счёта.", "ru"),
        # hearsay the speaker denies in the same sentence, or calls a swindle
        ("В пабликах пишут, у нас полбатальона двухсотых — нет такого, все живы.", "ru"),
        ("Кажуть, у нас двадцять загиблих — це не так, мамо, не вір.", "uk"),
        ("Ей позвонили, сказали: ваш сын в плену, платите выкуп. А это были мошенники, он в части.", "ru"),
        # a rate paid for anyone killed or wounded
        ("По контракту за трёхсотого дают три миллиона, за двухсотого семье пять.", "ru"),
        ("Обіцяли за двохсотого виплату п'ятнадцять мільйонів, та хто її бачив.", "uk"),
    ],
)
def test_round11_no_mention(text, lang):
    assert mentions(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a unit numbered like a year, a count that starts like a decade, and a loss of this war beside a past one
        ("В девяносто пятом полку вчера трое двухсотых.", "ru", [("killed", 3, False, "own")]),
        ("У нас сорок сім хлопців зниклі безвісти під Вовчанськом.", "uk", [("missing", 47, False, "own")]),
        ("Дед в Афгане служил, а внука его вчера под Бахмутом ранило.", "ru", [("wounded", 1, False, "own")]),
        # hearsay the speaker confirms stays a report
        ("Пишут, у нас двое двухсотых — так и есть, Колю с Витей.", "ru", [("killed", 2, False, "own")]),
        # "за" + the instrumental is fetching the dead, no rate
        ("Поехали за двухсотыми, деньги на бензин сами скидывали.", "ru", [("killed", None, False, "unknown")]),
    ],
)
def test_round11_hard_negatives_stay_mentions(text, lang, expected):
    assert mentions(text, lang) == expected


# ---------------------------------------------------------------- prisoners named by the noun


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a counted prisoner noun: the prisoners the speaker's side holds are the enemy
        ("Докладываю: пленных у меня пятеро, все целые.", "ru",
         [("captured", 5, False, "enemy")]),
        ("Маємо полонених одинадцятеро, куди їх вести?", "uk", [("captured", 11, False, "enemy")]),
        ("Вчора трьох полонених до штабу привели, молоді зовсім.", "uk", [("captured", 3, False, "enemy")]),
        # a possessive makes them own
        ("Полонених наших там четверо, всі з третьої роти.", "uk", [("captured", 4, False, "own")]),
        # the one found in a list of prisoners: one, and the family's own
        ("Тётя Зина, вашего Костю нашли в списке пленных, живой он.", "ru", [("captured", 1, False, "own")]),
        ("Я Миколу в списках полонених побачила, живий!", "uk", [("captured", 1, False, "own")]),
        # prisoners who exist, with no count, list or verb of taking: a captured mention (annotation-decisions.md,
        # the lead decided 2026-12-01 following 12 of the 18 corpus authors; this file said no mention before)
        ("пленных там били, я сам видел", "ru", [("captured", None, False, "enemy")]),
        ("Полонених годували тим самим, що й нас.", "uk", [("captured", None, False, "enemy")]),
    ],
)
def test_round11_prisoners(text, lang, expected):
    assert mentions(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # not in the list: a denial
        ("Його нема в списках полонених, ми вже все перевірили.", "uk"),
        # a number that counts something else than the prisoners: no count beside the noun
        ("Кобра, если будут пленные, не вести, понял?", "ru"),
    ],
)
def test_round11_prisoners_no_mention(text, lang):
    assert mentions(text, lang) == []


# ---------------------------------------------------------------- counts read from the grammar


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the number governs a noun of people in the genitive plural, with a place phrase before the verb
        ("У нас четверо чеченцев из Грозного в СОЧ ушли на той неделе.", "ru", [("deserted", 4, False, "own")]),
        ("Двоє строковиків із Курська відмовилися йти на позиції.", "uk", [("refused", 2, False, "unknown")]),
        ("Пятеро мобиков до нас сами выползли, сдались.", "ru", [("captured", 5, False, "enemy")]),
        # an adverb of doing it together counts the doers of a surrender or a desertion
        ("Мам, мы сдались, вчетвером, через «Хочу жить».", "ru", [("captured", 4, False, "own")]),
        ("Вони утрьох пішли в СЗЧ, ще в березні.", "uk", [("deserted", 3, False, "unknown")]),
        # "кто ..., кто ...": each item is a share of the group, a vague number (the lead decided 2026-12-01 for the
        # rest of a group: count null, approximate; this row said bare before)
        ("Нас было тридцать. Остальные — кто двухсотый, кто трёхсотый.", "ru",
         [("killed", None, True, "own"), ("wounded", None, True, "own")]),
        ("Із взводу повернулись семеро, решта — хто загинув, хто в полоні.", "uk",
         [("killed", None, True, "own"), ("captured", None, True, "own")]),
    ],
)
def test_round11_counts(text, lang, expected):
    assert mentions(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a wounded man carried by two is one, not two
        ("Трёхсотого вдвоём тащили до эвакуации, Саню.", "ru", [("wounded", 1, False, "own")]),
        # a number that counts things before an inanimate genitive stays no count of people
        ("Двое суток трёхсотых не вывозили.", "ru", [("wounded", None, False, "unknown")]),
    ],
)
def test_round11_count_hard_negatives(text, lang, expected):
    assert mentions(text, lang) == expected


# ---------------------------------------------------------------- sides read from who did what to whom


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a surrender to the enemy: the one who gave himself up is the speaker's own
        ("слышь а тимур сдался укропам позавчера сам к ним вышел", "ru", [("captured", 1, False, "own")]),
        ("Наш Остап здався до кацапів, відео вже крутять.", "uk", [("captured", 1, False, "own")]),
        # the speaker's side took a counted group, nobody of ours named: the captives are the enemy
        ("Мы вчера под Суджей взяли в плен семерых, молодые совсем.", "ru", [("captured", 7, False, "enemy")]),
        ("брат пише що вони там взяли в полон чотирьох а в них самих усі цілі", "uk",
         [("captured", 4, False, "enemy")]),
        # the unit of someone spoken of just before is own
        ("Скажи Оле: Серёжа живой, ранен в руку, лежит в Курске. С их роты ещё двое ранены.", "ru",
         [("wounded", 1, False, "own"), ("wounded", 2, False, "own")]),
    ],
)
def test_round11_sides(text, lang, expected):
    assert mentions(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the enemy's own men who surrendered stay the enemy
        ("Троє русні до нас в полон здалися вранці.", "uk", [("captured", 3, False, "enemy")]),
        # one of ours taken together with others stays own
        ("Миколу взяли в полон разом з двома хлопцями з роти.", "uk", [("captured", 3, False, "own")]),
        # nobody says who took them: not the enemy (the group is the speaker's)
        ("Группа Седого не вышла. Двоих в плен взяли.", "ru", [("captured", 2, False, "own")]),
    ],
)
def test_round11_side_hard_negatives(text, lang, expected):
    assert mentions(text, lang) == expected


# ---------------------------------------------------------------- more counts and code words


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the speaker with the people named after "с/з": 1 + as many as are named
        ("Мам, нас с Вовой вчера зацепило, не страшно.", "ru", [("wounded", 2, False, "own")]),
        ("Я отказался, и со мной ещё Паша и Тимур отказались.", "ru", [("refused", 3, False, "own")]),
        ("Ми з Богданом у полоні, нас не б'ють.", "uk", [("captured", 2, False, "own")]),
        ("нас с братом вчера зацепило, не страшно", "ru", [("wounded", 2, False, "own")]),
        # the infinitive a verb governs stands between it and the count after it (speech-to-text, no commas)
        ("пацаны отказались выходить пять человек их в яму посадили", "ru", [("refused", 5, False, "own")]),
        # a period between a code word and its count
        ("наших трёхсотых за неделю пятеро, все лёгкие", "ru", [("wounded", 5, False, "own")]),
        # the name of the man a code word describes is no noun it qualifies
        ("у нас двохсотий тарас з полтави його везуть додому", "uk", [("killed", 1, False, "own")]),
        # an abbreviation is no number a time could measure
        ("Один боец ушёл в СЗЧ ночью, автомат бросил.", "ru", [("deserted", 1, False, "unknown")]),
    ],
)
def test_round11_more_counts(text, lang, expected):
    assert mentions(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # "с" + a thing is no companion, and a companion of another clause counts nobody wounded
        ("Нас с утра накрыло, двое трёхсотых.", "ru", [("wounded", 2, False, "own")]),
        ("нас с ротным послали, а меня ранило", "ru", [("wounded", 1, False, "own")]),
        # an ordinal before a noun stays no code
        ("Это уже двухсотый день, как мы тут сидим.", "ru", []),
        ("за двухсотый раз уже не смешно", "ru", []),
    ],
)
def test_round11_more_count_hard_negatives(text, lang, expected):
    assert mentions(text, lang) == expected


# ---------------------------------------------------------------- a status the text replaces; another group alive


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # an official missing status replaced by a death or a capture told in the text: the later status only
        ("Тёте Вале сказали: Андрей погиб под Торецком, а числился без вести с весны.", "ru",
         [("killed", 1, False, "own")]),
        ("Мого брата визнали зниклим безвісти, а тепер його показали по відео — він у полоні.", "uk",
         [("captured", 1, False, "own")]),
        # the enemy's dead and the speaker's side alive after a contrast: the dead are still reported
        ("Ми відбили атаку, двохсотих москалів там штук десять лежить, а наші всі живі.", "uk",
         [("killed", 10, True, "enemy")]),
    ],
)
def test_round11_superseded_and_others_alive(text, lang, expected):
    assert mentions(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # two people, one missing and one killed, with no status word: two mentions
        ("Петро загинув під Кліщіївкою, а Василь пропав безвісти.", "uk",
         [("killed", 1, False, "own"), ("missing", 1, False, "own")]),
        # the same group said dead and then alive stays contradicted
        ("Пишут, что наша рота вся двухсотая, а мы все живые, сидим в блиндаже.", "ru", []),
    ],
)
def test_round11_superseded_hard_negatives(text, lang, expected):
    assert mentions(text, lang) == expected


# ---------------------------------------------------------------- "на щиті"; a name that is also a word


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # "на щиті" alone: killed; one named man in the nominative, even when the word is also a common noun
        ("Мамо, Влад із сусідньої роти на щиті, завтра похорон.", "uk", [("killed", 1, False, "own")]),
        ("Кум пише, що в них у бригаді за тиждень п'ятеро на щиті.", "uk", [("killed", 5, False, "own")]),
        # a filler between a count and its verb: "потом", "потім"
        ("Двое отказались, а один потом ночью ушёл, СЗЧ, так и не нашли.", "ru",
         [("refused", 2, False, "unknown"), ("deserted", 1, False, "unknown")]),
    ],
)
def test_round11_shield_and_fillers(text, lang, expected):
    assert mentions(text, lang) == expected



# ---------------------------------------------------------------- a concussion someone has; the hospital share


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Из наших один в госпитале с контузией, остальные целы.", "ru", [("wounded", 1, False, "own")]),
        ("Сина з контузією в Суми відвезли, каже, голова болить.", "uk", [("wounded", 1, False, "own")]),
        ("Из роты вернулись девять, остальные — кто погиб, кто в госпитале.", "ru",
         [("killed", None, True, "own"), ("wounded", None, True, "own")]),  # the rest: vague (decided 2026-12-01)
    ],
)
def test_round11_concussion_and_hospital_share(text, lang, expected):
    assert mentions(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a concussion denied, a bare concussion noun, and a hospital with no list of a group's fates
        ("не ранило, просто контузия", "ru"),
        ("Мама в госпитале работает, медсестрой.", "ru"),
    ],
)
def test_round11_concussion_hard_negatives(text, lang):
    assert mentions(text, lang) == []


# ---------------------------------------------------------------- captivity told through a rescue; an amount hedged


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a plan to get people out of captivity says they are captured now
        ("Надо наших ребят из плена вытаскивать, а штаб молчит.", "ru", [("captured", None, False, "own")]),
        ("Може, обміняємо нарешті хлопців з полону, списки вже подали.", "uk", [("captured", None, False, "own")]),
        # "чуть ли не" before a word of quantity hedges the amount
        ("У соседей чуть ли не весь взвод в плену.", "ru", [("captured", None, True, "own")]),
        # prisoners the speaker's side holds ("в нас")
        ("полонені в нас по підвалах сидять, годуємо їх", "uk", [("captured", None, False, "enemy")]),
    ],
)
def test_round11_rescue_and_hedges(text, lang, expected):
    assert mentions(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a guess stays a guess; a near miss stays one
        ("может, в плену он, никто не знает", "ru"),
        ("Его чуть не взяли в плен, еле ушёл.", "ru"),
    ],
)
def test_round11_rescue_hard_negatives(text, lang):
    assert mentions(text, lang) == []


def test_white_flags_in_the_plural_and_a_count_before_k_them():
    assert mentions("Двое наших ночью ушли к ним с белыми тряпками.", "ru") == [("captured", 2, False, "own")]
    assert mentions("Вчора четверо москалів до нас вийшли з білими прапорами.", "uk") == [
        ("captured", 4, False, "enemy")]


def test_thousands_with_no_number_are_a_vague_amount():
    assert mentions("у хохлов, говорят, СЗЧ тысячи, бегут пачками", "ru") == [("deserted", None, True, "enemy")]
    assert mentions("за год двухсотых у них две тысячи", "ru")[0][1] == 2000  # a number before it stays one


def test_an_enemy_prisoner_telling_about_his_unit_tells_the_enemy_s_losses():
    assert mentions("Пленный рассказал, что у них в роте двое двухсотых за ночь.", "ru") == [
        ("captured", 1, False, "enemy"), ("killed", 2, False, "enemy")]  # the teller is a prisoner (decided 2026-12-01)
    # a brother telling about his unit stays own
    assert mentions("Брат говорит, у них в роте пятеро двухсотых.", "ru") == [("killed", 5, False, "own")]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # "набили" of the enemy (kill slang, like "накрошили") is killed; of faces, bags and backpacks it is not
        ("Под Кременной хохлов набили человек тридцать, мы с птички считали.", "ru",
         [("killed", 30, True, "enemy")]),
        ("ему в баре морду набили", "ru", []),
        ("Набили мішки піском і поставили на бруствер.", "uk", []),
    ],
)
def test_round11_kill_slang(text, lang, expected):
    assert mentions(text, lang) == expected
