"""Classes of casualty wording the sixth blind round (authors L and M, issue 17) showed the rules missed, each guarded
by made-up sentences in the words of ANNOTATION.md (none is copied from the blind texts), and the hard negatives
that keep each class from over-reaching.

Round 6 was scored blind once (docs/accuracy.md); the fixes below were made after reading its misses, so its
figures after them are not blind. The floors of the casualty and theme scores per round are in
tests/test_unseen_round4.py.
"""

from __future__ import annotations

import pytest

from overheard.annotate.analysis import analyze_text


def mentions(text: str, lang: str) -> list[tuple[str, int | None, bool]]:
    return [(c["category"], c["count"], c["approximate"]) for c in analyze_text(text, lang)["casualties"]]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # euphemisms for death: brought home in a zinc coffin, did not survive, died of wounds, stayed there for good
        ("Витька нашего вчера привезли в цинке, мать не узнала.", "ru", [("killed", 1, False)]),
        ("Кума в цинковому привезли, в суботу похорон.", "uk", [("killed", 1, False)]),
        ("Трое из наших не выжили, до госпиталя не довезли.", "ru", [("killed", 3, False)]),
        ("Двоє хлопців так і не вижили після обстрілу.", "uk", [("killed", 2, False)]),
        ("Гена умер от ран в Ростове, в госпитале.", "ru", [("killed", 1, False)]),
        ("Ромчик помер від ран у шпиталі.", "uk", [("killed", 1, False)]),
        ("Из первого взвода шестеро там и остались, под посадкой.", "ru", [("killed", 6, False)]),
        # a soldier buried is a soldier killed
        ("Лёху Смирнова похоронили в субботу на городском кладбище.", "ru", [("killed", 1, False)]),
        ("Тараса поховали вчора на Личаківському.", "uk", [("killed", 1, False)]),
        # a wound told by what it did
        ("Андрюха без ноги остался, сейчас в Курске лежит.", "ru", [("wounded", 1, False)]),
        ("Петру руку відірвало, його вже вивезли.", "uk", [("wounded", 1, False)]),
        ("Меня немного зацепило, лежу в санчасти.", "ru", [("wounded", 1, False)]),
        # neuter verbs of dying take an amount, not one man
        ("Під Торецьком їх лягло чоловік сорок.", "uk", [("killed", 40, True)]),
        # back from captivity: he was captured
        ("Брата обменяли, вернулся из плена худой как скелет.", "ru", [("captured", 1, False)]),
        ("Сусіда нашого з полону повернули в обмін.", "uk", [("captured", 1, False)]),
        # desertion: "from the unit ran", the uk plural of "сочинец", "на самоход"
        ("двоє з позиції втекли вночі, автомати кинули", "uk", [("deserted", 2, False)]),
        ("У кацапів сочинців стає все більше, бігають цілими відділеннями.", "uk", [("deserted", None, True)]),
        ("Женька на самоход ушёл ещё в апреле, ищут.", "ru", [("deserted", 1, False)]),
        # a refusal written down
        ("Двенадцать человек с батальона написали отказ, их в подвал.", "ru", [("refused", 12, False)]),
        # the relay imperative passes a report on; it is no plan
        ("скажи комбату двое сочинцев с утра ушли", "ru", [("deserted", 2, False)]),
        ("передай сапсану трое пятисотых на точке сидят", "ru", [("refused", 3, False)]),
        # "ты в курсе, что ...?" tells news; it does not ask
        ("Ты в курсе, что Колян в СОЧ ушёл?", "ru", [("deserted", 1, False)]),
        ("Чула, що Василь загинув під Покровськом?", "uk", [("killed", 1, False)]),
        # a code word with a preposition after it is no attributive adjective
        ("Те шесть пятисотых из второй роты сидят в яме.", "ru", [("refused", 6, False)]),
        # a count hedged with "если не больше" is still a count
        ("двухсотых у нас человек тридцать если не больше", "ru", [("killed", 30, True)]),
        # a plain word beside the code word restates it: one mention
        ("Орків під сотню двохсотими лягло за ніч.", "uk", [("killed", 100, True)]),
        ("Толика задело, лёгкий трёхсотый, уже смеётся.", "ru", [("wounded", 1, False)]),
    ],
)
def test_round6_casualty_classes(text, lang, expected):
    assert mentions(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the size of the group with "их"/"їх", in the sentence or the next one
        ("Кума нашого взяли в полон під Куп'янськом, четверо їх було.", "uk", [("captured", 4, False)]),
        ("Серёга погиб при обстреле, их там шестеро было в блиндаже.", "ru", [("killed", 6, False)]),
        ("Брат в плену. Їх було семеро, всі з одного взводу.", "uk", [("captured", 7, False)]),
        # "а их было ..." after a contrast is someone else
        ("Мишу ранило, а их было человек тридцать, укропов.", "ru", [("wounded", 1, False)]),
        # a named man and the others with him, also across a sentence end, and "и ещё трое со мной"
        ("Димка погиб. Там же, вместе с ним ещё трое из роты.", "ru", [("killed", 4, False)]),
        ("Я на штурм отказался идти, и ещё пятеро со мной.", "ru", [("refused", 6, False)]),
        ("Остап здався в полон, разом ще з трьома.", "uk", [("captured", 4, False)]),
        # the one man named by his verb alone, the others in the next sentence; "с двумя своими"
        ("Ну, ушёл он в СОЧ, понимаешь? И с ним ещё трое.", "ru", [("deserted", 4, False)]),
        ("Петро в СЗЧ пішов з двома своїми.", "uk", [("deserted", 3, False)]),
        ("Они ушли в СОЧ с двумя автоматами.", "ru", [("deserted", None, False)]),
        # a date after the number and vehicles before it are no count; a period before it leaves it one
        ("Коля погиб 9 мая под Часовым Яром.", "ru", [("killed", 1, False)]),
        ("Двухсотых везли, машин пять, колонной.", "ru", [("killed", None, False)]),
        ("Двухсотых за день штук двадцать.", "ru", [("killed", 20, True)]),
        # "нема більше" tells a death and denies nothing; a wish in another clause of run-on text is no plan
        ("а Тараса з нашого взводу нема більше, загинув під Бахмутом", "uk", [("killed", 1, False)]),
        ("не хочу я тут пропадать вчера восемь наших двухсотых увезли", "ru", [("killed", 8, False)]),
        # one man and "ещё двое" more are two groups
        ("Сашко важкий трьохсотий, вже в Дніпрі. Ще двоє поранені, легко.", "uk",
         [("wounded", 1, False), ("wounded", 2, False)]),
    ],
)
def test_round6_counts_in_a_neighbouring_clause(text, lang, expected):
    assert mentions(text, lang) == expected


@pytest.mark.parametrize(
    "text",
    [
        # owing, paying and prices: money, up to three words around the number
        "Он мне 300 должен ещё с весны.",
        "Винен мені 500 з минулого місяця.",
        "За свет 200 в месяц плачу, нормально.",
        "Кредит 500 взял, теперь отдавать.",
    ],
)
def test_round6_money_is_no_code(text):
    assert mentions(text, "auto") == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a burial after a death of age or illness is no military loss
        ("Похоронили бабушку в среду, сердце не выдержало.", "ru"),
        ("Дід помер у неділю, інсульт. Поховали біля баби.", "uk"),
        ("Собаку похоронили за сараем, старый был.", "ru"),
        # "цинк" alone is an ammunition can
        ("Нам привезли два цинка патронов и воду.", "ru"),
        # a plan or a fear is not a report
        ("Если так дальше пойдёт, не выживем мы тут.", "ru"),
        ("Похороним его по-человечески, когда вывезем.", "ru"),
        # a hypothetical fate with "быть"/"бути"
        ("Лучше в тюрьму, чем двухсотым быть.", "ru"),
        ("Краще сидіти, ніж трьохсотим стати.", "uk"),
        # "if it had hit me" and a denial that calls the report a lie
        ("А якби зачепило, я б тобі не сказав.", "uk"),
        ("Не было у нас двухсотых, это укропы в телеге наврали.", "ru"),
        # one denial for a pair of codes, and a desertion written down that the speaker says is false
        ("Поки тихо, трьохсотих і двохсотих нема.", "uk"),
        ("Його записали в СЗЧ, а він насправді в лікарні з пневмонією.", "uk"),
        # a real question stays a question
        ("Сколько у вас двухсотых?", "ru"),
        # "лёг" / "легла" without people: sleep, hospital
        ("Мама легла в больницу на обследование.", "ru"),
    ],
)
def test_round6_hard_negatives(text, lang):
    assert mentions(text, lang) == []


def test_the_sentence_before_names_whose_losses_they_are():
    # "Наших теж..." opens the report of our losses after the enemy's: the named men are ours, a separate group
    found = analyze_text("Під Бахмутом кацапів лягло — не злічити. Наших теж... Сашко з Іваном загинули.", "uk")
    sides = [(c["category"], c["count"], c["approximate"], c["side"]) for c in found["casualties"]]
    assert sides == [("killed", None, True, "enemy"), ("killed", 2, False, "own")]


def themes(text: str, lang: str) -> set[str]:
    return {t["theme"] for t in analyze_text(text, lang)["themes"]}


@pytest.mark.parametrize(
    ("text", "lang", "theme"),
    [
        # a commander's luxury beside our lack; orders without support; the same attack again; "самоубийство"
        ("Крузак у начштаба новый, а нам на тепловизор скидываемся.", "ru", "command_criticism"),
        ("Ротний знову погнав хлопців без прикриття, двоє трьохсотих.", "uk", "command_criticism"),
        ("Третий раз гонят на одну и ту же лесополосу.", "ru", "command_criticism"),
        ("Днём, по полю, на пулемёты — это же самоубийство.", "ru", "command_criticism"),
        # penal units, threats to whoever talks, refusers sent to assault
        ("Его за пьянку в штрафбат перевели.", "ru", "punishment"),
        ("Хто ще раз про відпустку заїкнеться, того обнулимо.", "uk", "punishment"),
        ("Отказников всех на штурм, первой волной.", "ru", "punishment"),
        # gear that is missing, with words between
        ("Дронов у нас вообще нет, одни глаза.", "ru", "supply_shortage"),
        # holding the line without the word war
        ("Не віддамо ні метра, стоятимемо скільки треба.", "uk", "pro_war"),
        ("Фашистов бить надо, я за этим и приехал.", "ru", "pro_war"),
        # everyone taken in a row
        ("Там мужиков всех подряд гребут, прямо на остановках.", "ru", "mobilization"),
        # appliances carried off; captives beaten
        ("Хлопці по хатах холодильники тягнуть, ніхто не зупиняє.", "uk", "war_crime"),
        ("Вернулся из плена, говорит, били каждый день.", "ru", "war_crime"),
        # refusing to go to this war at all
        ("Я не поеду на эту войну, хоть что делайте.", "ru", "wants_to_leave"),
        # gloating over the enemy's losses; driving them out
        ("У укропов под Часовым Яром трёхсотых полно. Так им и надо.", "ru", "pro_war"),
        ("Ми їх з цього лісу виженемо, от побачиш.", "uk", "pro_war"),
        # a promise of the rear, then the front: mobilization as broken promises
        ("Обещали охрану складов в тылу, а закинули сразу на передок.", "ru", "mobilization"),
        # the war named a murder; "we were lied to"
        ("Какая это освободительная война, это же убийство.", "ru", "anti_war"),
        ("Нам врали всё это время, никаких нацистов тут нет.", "ru", "anti_war"),
        # prisoners kicked and beaten with rifle butts; locals driven into a basement
        ("Пленного попинали, потом прикладом добавили.", "ru", "war_crime"),
        ("Місцевих у підвал зігнали, поки хати перевіряли.", "uk", "war_crime"),
        # "had enough of fighting", "this war is not mine to want"
        ("Все, хватит, навоевался я, Лен.", "ru", "wants_to_leave"),
        ("Мені ця війна не потрібна, я хочу жити.", "uk", "wants_to_leave"),
        # being put on the register for call-up
        ("Всех мужиков до пятидесяти ставят на учёт.", "ru", "mobilization"),
    ],
)
def test_round6_theme_classes(text, lang, theme):
    assert theme in themes(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "theme"),
    [
        # a commander's car alone is no criticism, and a threat at the enemy is no punishment
        ("Вчера видел у комбата шестисотый мерс, красивый.", "ru", "command_criticism"),
        ("Пусть только сунутся, всех задвухсотим.", "ru", "punishment"),
    ],
)
def test_round6_theme_negatives(text, lang, theme):
    assert theme not in themes(text, lang)
