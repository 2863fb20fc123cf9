"""Full names, generated: no part of a full name survives ``redact --mode mask``, nor the surname said again (issue 17).

A seeded generator combines first names with invented surnames (stems nobody here has seen, with the surname endings
-ов/-ев/-ин/-ын/-ский/-цкий/-енко/-ук/-юк/-чук/-ко/-ишин/-ич, declined in every case) into first name + surname,
surname + first name + patronymic, first name + patronymic, initials with a surname and a rank with a surname, in
Russian and Ukrainian, cased with punctuation and lower-case without; a later sentence names the person by the surname
alone, in another case. Every word of the name and the later surname must be masked. Hard negatives: a first name next
to an ordinary word that merely ends like a surname ("Олег готов", "Оля одна") keeps that word.
"""

from __future__ import annotations

import random
import re

import pytest

from overheard.jobs.redaction import redact_text
from overheard.redact import Policy, Redactor

REDACTOR = Redactor(b"", Policy("mask", "keep"))  # as `overheard redact --mode mask`
CASES = ("nom", "gen", "dat", "acc", "ins")

# first names: (language, gender, nominative, genitive, dative, accusative, instrumental)
FIRST = [
    ("ru", "m", "Андрей", "Андрея", "Андрею", "Андрея", "Андреем"),
    ("ru", "m", "Сергей", "Сергея", "Сергею", "Сергея", "Сергеем"),
    ("ru", "m", "Олег", "Олега", "Олегу", "Олега", "Олегом"),
    ("ru", "m", "Дмитрий", "Дмитрия", "Дмитрию", "Дмитрия", "Дмитрием"),
    ("ru", "m", "Игорь", "Игоря", "Игорю", "Игоря", "Игорем"),
    ("ru", "m", "Николай", "Николая", "Николаю", "Николая", "Николаем"),
    ("ru", "m", "Виктор", "Виктора", "Виктору", "Виктора", "Виктором"),
    ("ru", "m", "Евгений", "Евгения", "Евгению", "Евгения", "Евгением"),
    ("ru", "m", "Руслан", "Руслана", "Руслану", "Руслана", "Русланом"),
    ("ru", "f", "Ольга", "Ольги", "Ольге", "Ольгу", "Ольгой"),
    ("ru", "f", "Наталья", "Натальи", "Наталье", "Наталью", "Натальей"),
    ("ru", "f", "Ирина", "Ирины", "Ирине", "Ирину", "Ириной"),
    ("ru", "f", "Татьяна", "Татьяны", "Татьяне", "Татьяну", "Татьяной"),
    ("uk", "m", "Тарас", "Тараса", "Тарасу", "Тараса", "Тарасом"),
    ("uk", "m", "Богдан", "Богдана", "Богдану", "Богдана", "Богданом"),
    ("uk", "m", "Дмитро", "Дмитра", "Дмитру", "Дмитра", "Дмитром"),
    ("uk", "m", "Микола", "Миколи", "Миколі", "Миколу", "Миколою"),
    ("uk", "m", "Олексій", "Олексія", "Олексію", "Олексія", "Олексієм"),
    ("uk", "m", "Василь", "Василя", "Василю", "Василя", "Василем"),
    ("uk", "m", "Петро", "Петра", "Петру", "Петра", "Петром"),
    ("uk", "f", "Оксана", "Оксани", "Оксані", "Оксану", "Оксаною"),
    ("uk", "f", "Галина", "Галини", "Галині", "Галину", "Галиною"),
    ("uk", "f", "Світлана", "Світлани", "Світлані", "Світлану", "Світланою"),
]
# patronymics by language and gender: nominative, genitive, dative, accusative, instrumental
PATRONYMICS = {
    ("ru", "m"): [("Викторович", "Викторовича", "Викторовичу", "Викторовича", "Викторовичем"),
                  ("Петрович", "Петровича", "Петровичу", "Петровича", "Петровичем"),
                  ("Сергеевич", "Сергеевича", "Сергеевичу", "Сергеевича", "Сергеевичем")],
    ("ru", "f"): [("Викторовна", "Викторовны", "Викторовне", "Викторовну", "Викторовной"),
                  ("Ивановна", "Ивановны", "Ивановне", "Ивановну", "Ивановной")],
    ("uk", "m"): [("Миколайович", "Миколайовича", "Миколайовичу", "Миколайовича", "Миколайовичем"),
                  ("Іванович", "Івановича", "Івановичу", "Івановича", "Івановичем")],
    ("uk", "f"): [("Петрівна", "Петрівни", "Петрівні", "Петрівну", "Петрівною"),
                  ("Василівна", "Василівни", "Василівні", "Василівну", "Василівною")],
}

# invented surname stems by the ending they take; declensions below
STEMS = {
    "ов": ["Брыльц", "Тырк", "Глузд", "Пырх", "Дрынк", "Вихл", "Шмырк", "Мордух", "Кулебяк", "Пешех"],
    "ев": ["Гнатыш", "Кулеш", "Заруб", "Пырж", "Бузыч"],
    "ин": ["Пелех", "Бурлач", "Кочетк", "Шуршал", "Тютюкал"],
    "ын": ["Мыльц", "Грыц", "Сулиц"],
    "ский": ["Вершин", "Дробыш", "Колпин", "Мураш", "Твердош"],
    "цкий": ["Зубри", "Бру", "Лапни", "Глини"],
    "енко": ["Глуз", "Пырч", "Тарабан", "Мазур", "Дрыг"],
    "ук": ["Сташ", "Пелеш", "Гордыч", "Мазн"],
    "юк": ["Пел", "Дрим", "Сав"],
    "чук": ["Дрым", "Кравц", "Бубен"],
    "ко": ["Тыр", "Пыр", "Гуз", "Шмыг"],
    "ишин": ["Пелех", "Бурд", "Стах"],
    "ич": ["Тыркев", "Брыльцев", "Кулеш", "Пашкев"],
}


def decline(stem: str, ending: str, gender: str, language: str) -> dict[str, str]:
    """The surname ``stem + ending`` in each case, for a man or a woman."""
    base = stem + ending
    if ending in ("енко", "ко") or (gender == "f" and ending in ("ук", "юк", "чук", "ич")):
        return dict.fromkeys(CASES, base)
    if ending in ("ов", "ев", "ин", "ын", "ишин"):
        if gender == "f":
            fem = base + "а"
            return {"nom": fem, "gen": base + "ой", "dat": base + "ой", "acc": base + "у", "ins": base + "ой"}
        return {"nom": base, "gen": base + "а", "dat": base + "у", "acc": base + "а",
                "ins": base + ("ым" if language == "ru" else "им")}
    if ending in ("ский", "цкий"):
        root = base[:-2]
        if language == "uk":  # "Вершинський", "Зубрицька": the Ukrainian spelling
            root = root.replace("ы", "и")[:-1] + "ьк"
            if gender == "f":
                return {"nom": root + "а", "gen": root + "ої", "dat": root + "ій", "acc": root + "у",
                        "ins": root + "ою"}
            return {"nom": root + "ий", "gen": root + "ого", "dat": root + "ому", "acc": root + "ого",
                    "ins": root + "им"}
        if gender == "f":
            return {"nom": root + "ая", "gen": root + "ой", "dat": root + "ой", "acc": root + "ую", "ins": root + "ой"}
        return {"nom": base, "gen": root + "ого", "dat": root + "ому", "acc": root + "ого", "ins": root + "им"}
    # -ук, -юк, -чук, -ич for a man
    return {"nom": base, "gen": base + "а", "dat": base + "у", "acc": base + "а",
            "ins": base + ("ем" if ending == "ич" else "ом")}


RANKS = {"ru": ["капитан", "майор", "лейтенант", "старший лейтенант", "сержант", "старшина", "прапорщик", "полковник"],
         "uk": ["капітан", "майор", "лейтенант", "старший лейтенант", "сержант", "старшина", "полковник"]}

# (language, kind, template, the case of the name, the case of the later surname); {N} is the name
TEMPLATES = [
    ("ru", "first+surname", "Вчера звонил {N}, сказал, что всё нормально. Потом {L} снова забрали на позиции.",
     "nom", "acc"),
    ("ru", "first+surname", "Передай {N}, что я жду. {L} скажи, пусть не звонит.", "dat", "dat"),
    ("ru", "first+surname", "У {N} сын в плену. Мать {L} уже всё знает.", "gen", "gen"),
    ("ru", "first+surname", "С {N} мы служили вместе, а {L} я давно не видел.", "ins", "acc"),
    ("ru", "surname+first+patronymic", "{N}, тысяча девятьсот девяностого года рождения. {L} ищут с марта.",
     "nom", "acc"),
    ("ru", "first+patronymic", "Старший у нас {N}, строгий мужик, но справедливый.", "nom", None),
    ("ru", "initials", "Приказ подписал {N}. Потом {L} уехал в штаб.", "nom", "nom"),
    ("ru", "rank", "Нас построил {N}, сказал, что отпусков не будет. {L} все ненавидят.", "nom", "acc"),
    ("ru", "rank", "Вызвали к {N}, он орал час. Про {L} лучше не говорить.", "dat", "acc"),
    ("uk", "first+surname", "Вчора дзвонив {N}, казав, що все добре. Потім {L} знову забрали на позиції.",
     "nom", "acc"),
    ("uk", "first+surname", "Передай {N}, що я чекаю. {L} скажи, хай не дзвонить.", "dat", "dat"),
    ("uk", "first+surname", "У {N} син у полоні. Мати {L} вже все знає.", "gen", "gen"),
    ("uk", "surname+first+patronymic", "{N}, тисяча дев'ятсот дев'яностого року народження. {L} шукають з березня.",
     "nom", "acc"),
    ("uk", "first+patronymic", "Старший у нас {N}, суворий, але справедливий.", "nom", None),
    ("uk", "initials", "Наказ підписав {N}. Потім {L} поїхав у штаб.", "nom", "nom"),
    ("uk", "rank", "Нас вишикував {N}, сказав, що відпусток не буде. {L} всі ненавидять.", "nom", "acc"),
]


def name_case(seed: int) -> tuple[str, list[str]]:
    """One text with one full name and a later mention of the surname; returns it with the words that must go."""
    rng = random.Random(seed)
    language, kind, template, case, later_case = rng.choice(TEMPLATES)
    kept: set[str] = set()  # a rank stays
    lang, gender, *forms = rng.choice([f for f in FIRST if f[0] == language])
    first = dict(zip(CASES, forms, strict=True))
    ending = rng.choice(list(STEMS))
    surname = decline(rng.choice(STEMS[ending]), ending, gender, language)
    patronymic = dict(zip(CASES, rng.choice(PATRONYMICS[(language, gender)]), strict=True))
    if kind == "first+surname":
        name = f"{first[case]} {surname[case]}" if rng.random() < 0.7 else f"{surname[case]} {first[case]}"
    elif kind == "surname+first+patronymic":
        name = f"{surname[case]} {first[case]} {patronymic[case]}"
    elif kind == "first+patronymic":
        name = f"{first[case]} {patronymic[case]}"
    elif kind == "initials":
        a, b = first["nom"][0], patronymic["nom"][0]
        name = rng.choice([f"{a}. {b}. {surname[case]}", f"{a}.{b}. {surname[case]}", f"{surname[case]} {a}.{b}.",
                           f"{a}. {surname[case]}"])
    else:
        rank = rng.choice(RANKS[language])
        if case == "dat":
            rank = {"старший лейтенант": "старшему лейтенанту", "старшина": "старшине"}.get(rank, rank + "у")
        name = f"{rank} {surname[case]}"
        kept = set(rank.split())
    later = surname[later_case].capitalize() if later_case else ""
    text = template.replace("{N}", name).replace("{L}", later)
    text = text[:1].upper() + text[1:]
    must_go = [w for w in re.findall(r"[^\W\d_]+", name) if w not in kept and len(w) > 1]
    if later:
        must_go.append(later)
    if rng.random() < 0.45:  # speech-to-text: lower case, no punctuation
        text = re.sub(r"[.,!?]", "", text).lower()
        must_go = [w.lower() for w in must_go]
    return text, must_go


def readable_words(text: str) -> list[str]:
    """The words still readable after mask-mode redaction."""
    return re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", redact_text(text, REDACTOR).text)


@pytest.mark.parametrize("seed", range(1, 321))
def test_every_part_of_a_full_name_and_the_surname_said_again_are_masked(seed):
    text, must_go = name_case(seed)
    left = readable_words(text)
    assert [w for w in must_go if w in left] == [], (text, " ".join(left))


NEGATIVES = [
    ("Олег готов, можно ехать.", "готов"),
    ("олег готов можно ехать", "готов"),
    ("Иван здоров, не переживай.", "здоров"),
    ("Оля одна дома сидит.", "одна"),
    ("оля одна дома сидит", "одна"),
    ("Саша один остался из взвода.", "один"),
    ("Петя виноват сам.", "виноват"),
    ("Коля новый телефон купил.", "новый"),
    ("Миша каждый день звонит.", "каждый"),
    ("Таня своим скажи.", "своим"),
    ("Сергей Петрович сказал: готов, едем.", "готов"),
    ("мама андрей против был", "против"),
    ("Андрей молодец, держится.", "молодец"),
    ("Дима рядом стоял.", "рядом"),
    ("Вова знову дзвонив.", "знову"),
    ("Тарас приїхав, привіз ліки.", "приїхав"),
    ("тарас готовий їхати", "готовий"),
    ("Оксана постійно плаче.", "постійно"),
    ("Ваня остался в Донецке.", "Донецке"),
    ("Лена передавала привет.", "привет"),
    # over-masked on rounds 1-16 by the first versions of these rules
    ("Бабця Ганна пенсію віддала, дві тисячі.", "Бабця"),
    ("Тітко Ніно, Василь загинув під Бахмутом.", "Тітко"),
    ("Слава Україні! Героям слава.", "Україні"),
    ("мамо я в покровську все нормально", "покровську"),
    ("оксано не плач будь ласка ігор живий", "ласка"),
    ("А в бабці Марії корову забрали.", "корову"),
    ("И пусть тётя Валя блок сигарет пришлёт.", "блок"),
    ("рината соседского забрали а его брат уже полгода как без вести", "соседского"),
    ("двадцать второго марта жаворонков напечём сорок штук", "марта"),
    ("Поедете — возьмите мою записку, за здравие воина Евгения.", "воина"),
    ("Комбат знову прислав двох новеньких.", "знову"),
]


@pytest.mark.parametrize(("text", "kept"), NEGATIVES)
def test_a_first_name_does_not_take_an_ordinary_word_with_it(text, kept):
    assert kept in readable_words(text), text


@pytest.mark.parametrize("text", [
    "Звонила Вера Мороз, спрашивала про сына.",
    "Лев Гиль сказал, что всё решит.",
    "Начфин Игорь Долгих опять задерживает выплаты.",
    "Зовут его Максим Кот, он водитель.",
    "Передай Юрию Ковалю, что деньги пришли.",
    "вера мороз приезжала к нам в часть",
    "зовут его максим кот он водитель",
    "водитель у нас семён ткач нормальный мужик",
    "передай юрию ковалю что деньги пришли",
])
def test_a_surname_that_is_also_a_word_goes_with_the_first_name(text):
    """A first name with a surname that is an ordinary word ("Мороз", "Кот", "Ткач") or one a call-sign rule takes:
    neither part stays readable (the class of the full name round 20 leaked)."""
    left = {w.lower() for w in readable_words(text)}
    name = re.search(r"(?i)(вера мороз|лев гиль|игорь долгих|максим кот|юрию ковалю|семён ткач)", text).group()
    assert not left & set(name.lower().split()), (text, left)
