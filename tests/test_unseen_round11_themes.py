"""Issue 17, round 11: the theme classes its authors (V, W) used that the round-9/10 cues did not reach.

Made-up sentences only (none copied from the blind files), Russian and Ukrainian, with and without
punctuation, and hard negatives where a class could misfire:

- mobilization precision: a conscript ("срочник", "строковик") or the military office alone is a status or a
  place families ask at, not a call-up; the call-up is a conscript sent, brought or pressed into a contract, the
  office taking, seeking or calling men, "told it was exercises", a training unit, "забрали в армию";
- war crimes told as what was done: abuse, forced humiliation or theft counted only where the utterance names a
  civilian or a captive or tells of a capture ("when_victims" cues), captives not taken, civilians killed,
  household goods carried off or sent home; a threat said ahead is never a war crime;
- command criticism: commanders who run, lie about the men, send them without support, sit in the rear while
  sending them, are died for, dodge paying, record men as AWOL, buy luxury, take a place at any cost; new
  contempt words, a hyphenated "шайтан-ротный", and "Псих он." after a sentence naming a commander;
- punishment said as a rule or a condition ("кто ... — в подвал", "расстреляет, если найдёт", "если поймают"),
  taken "на подвал"; "без X" beside a punishment is the sanction, not a shortage, unless the speaker's side goes
  without; pay short of the promise said with a verb; a supply left "на час";
- every word of themes.yaml that is not "=as written" is a dictionary lemma (else it matched only itself:
  "деньги" never matched "денег").
"""

from __future__ import annotations

import re

import pytest
from helpers import MODEL_FALSE_ALARM

from overheard.annotate.analysis import analyze_text
from overheard.annotate.lexicon import morph
from overheard.lexicons.loader import LEXICON_DIR, read_yaml
from overheard.text import fold


def themes(text: str, lang: str) -> set[str]:
    return {t["theme"] for t in analyze_text(text, lang)["themes"]}


def evidence(text: str, lang: str, theme: str) -> str:
    return next(t["evidence"] for t in analyze_text(text, lang)["themes"] if t["theme"] == theme)


@pytest.mark.parametrize(
    ("text", "lang", "theme"),
    [
        # mobilization: a conscript sent or pressed, the office acting, exercises, a training unit, "в армию"
        ("Обещали же что срочников за ленточку не отправят а их всех под Белгород перебросили", "ru", "mobilization"),
        ("строковиків наших кудись на кордон перекинули, мамо", "uk", "mobilization"),
        ("срочники, говорят, в боях не участвуют, а мой второй месяц в окопе", "ru", "mobilization"),
        ("Нам всем сказали: кто контракт не подпишет, тот поедет без денег.", "ru", "mobilization"),
        ("сина сусідки ТЦК з автобуса зняли і забрали, от так", "uk", "mobilization"),
        ("Він від ТЦК вже другий рік ховається.", "uk", "mobilization"),
        ("нам говорили на учения едем на неделю а привезли под Суджу", "ru", "mobilization"),
        ("Его в учебку отправили, полгода там будет.", "ru", "mobilization"),
        ("как Серёжу в армию забрали так он и не звонил толком", "ru", "mobilization"),
        # war crime told: what was done to civilians or captives
        ("Пленного вчера пацаны до полусмерти избили, я не лез.", "ru", "war_crime"),
        ("бабусю на колени поставили и заставили петь при всех", "ru", "war_crime"),
        ("у діда в селі машину забрали, а хату спалили", "uk", "war_crime"),
        ("двоих хохлов взяли в плен, потом у них часы и телефоны сняли", "ru", "war_crime"),
        ("местного деда расстреляли прямо у калитки", "ru", "war_crime"),
        ("один руки поднял но ребята злые были не до пленных тогда", "ru", "war_crime"),
        ("в том селе двое детей погибли когда они гранату в погреб кинули", "ru", "war_crime"),
        ("Тёте передал посылку: стиралка и микроволновка, не спрашивай откуда.", "ru", "war_crime"),
        ("полонених тих обнулили в посадці, всіх трьох", "uk", "war_crime"),
        # command criticism
        ("Ротный первым и слинял, как только танки пошли.", "ru", "command_criticism"),
        ("а офіцери всі ще вночі злиняли, нас тут лишили", "uk", "command_criticism"),
        ("Комбат сказал жене погибшего что он в госпитале, а это брехня.", "ru", "command_criticism"),
        ("нашу роту кинули на посадку без артподдержки и без разведки", "ru", "command_criticism"),
        ("сам в Белгороде сидит в гостинице а нас гонит на опорник", "ru", "command_criticism"),
        ("не собираюсь я подыхать за этого полкана", "ru", "command_criticism"),
        ("Його в СЗЧ записали, щоб не платити родині.", "uk", "command_criticism"),
        ("У начштаба новый крузак, а нам сказали на бензин скинуться.", "ru", "command_criticism"),
        ("Приказали взять ту высоту любой ценой.", "ru", "command_criticism"),
        ("комбат себе джип новый взял из чьего-то гаража", "ru", "command_criticism"),
        ("наш горе-командир опять всё напутал", "ru", "command_criticism"),
        ("Взводный орал на нас всё утро. Шакал он.", "ru", "command_criticism"),
        ("этот комбат отморозок конченый", "ru", "command_criticism"),
        # punishment said as a rule or a condition
        ("кто ещё раз с телефоном попадётся того в зиндан", "ru", "punishment"),
        ("Хто відмовиться — одразу на нуль, так сказав комбат.", "uk", "punishment"),
        ("Командир кричит, что обнулит, если кто отступит.", "ru", "punishment"),
        ("Он в СЗЧ ушёл. Если поймают — сама понимаешь.", "ru", "punishment"),
        ("двоих отказников утащили куда-то на подвал", "ru", "punishment"),
        ("ротный сказал вы у меня все в штурмовой будете", "ru", "punishment"),
        # supply shortage: pay short of the promise said with a verb, a supply left for an hour
        ("Заплатили сто пятьдесят, а обещали двести.", "ru", "supply_shortage"),
        ("патронов на пару часов осталось, срочно везите", "ru", "supply_shortage"),
        ("води на добу залишилось, не більше", "uk", "supply_shortage"),
        ("денег нет уже третий месяц, ни копейки", "ru", "supply_shortage"),
        # the speaker's side goes without beside a punishment: still a shortage
        ("мы третий день без воды сидим а отказников в яму посадили", "ru", "supply_shortage"),
        # wants to leave: a transfer request; pro-war: the enemy driven out
        ("Всё, рапорт напишу на перевод, пусть куда хотят отправляют.", "ru", "wants_to_leave"),
        ("цих окупантів виженемо до зими, мамо", "uk", "pro_war"),
    ],
)
def test_round11_theme_classes(text, lang, theme):
    assert theme in themes(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "theme"),
    [
        # a conscript as a status, the office as a place families ask at: no call-up
        ("Взяли в плен семерых, там и срочники были, совсем пацаны.", "ru", "mobilization"),
        ("він строковик, зараз у полоні, чекаємо обміну", "uk", "mobilization"),
        ("скажи им что ты срочник, срочников говорят не трогают, ты же срочник", "ru", "mobilization"),
        pytest.param("Я в военкомат ходила, там опять ничего не знают.", "ru", "mobilization", marks=MODEL_FALSE_ALARM),
        pytest.param("з ТЦК подзвонили, сказали що тіло знайшли", "uk", "mobilization", marks=MODEL_FALSE_ALARM),
        ("у сусідки телевізор і пральку забрали, кажуть на потреби армії", "uk", "mobilization"),
        # the same verbs with no civilian or captive: no war crime
        ("Нас вчера арта побила, двоих трёхсотых забрали.", "ru", "war_crime"),
        ("у нас телефоны на входе забрали, теперь без связи", "ru", "war_crime"),
        ("мужики сами поставили на колени разбитый джип и чинят", "ru", "war_crime"),
        # a threat said ahead where a capture is told is a punishment, never a war crime
        ("Двое наших сдались в плен. Ротный орёт, что расстреляет, если вернутся.", "ru", "war_crime"),
        # captives only held in a basement
        ("Двое сдались, вышли сами. Куда их? — На подвал, утром заберут.", "ru", "war_crime"),
        # a commander reporting deserters, or one calling others names, is not criticised
        ("Командир сказал, что двое сбежали ночью с поста.", "ru", "command_criticism"),
        ("Сосед опять орал всю ночь. Псих он.", "ru", "command_criticism"),
        ("Командир орёт, что они предатели.", "ru", "command_criticism"),
        ("у ротного джип новый, видел вчера", "ru", "command_criticism"),  # luxury alone, no contrast
        # the code verbs said of the enemy are no punishment
        ("Командир сказал: ночью пойдём и их там всех задвухсотим.", "ru", "punishment"),
        # "без X" said as the sanction, beside a punishment: no shortage
        ("отказников в яму посадили, сутки без воды держат", "ru", "supply_shortage"),
        ("кто не подпишет — поедет на передок без бронежилета, сказал замполит", "ru", "supply_shortage"),
        # a purpose clause is no shortage that is; feeding withheld as a sanction
        ("ротный его в самоволку записал, чтобы матери не платить", "ru", "supply_shortage"),
        ("тих пятисотих на підвал і не годувати, такий наказ", "uk", "supply_shortage"),
        # compensation for a house is not a soldier's pay
        ("Компенсацию за квартиру так и не дали, обещали к лету.", "ru", "supply_shortage"),
        # a report written about someone else is no request to leave
        ("Он на меня рапорт написал, представляешь.", "ru", "wants_to_leave"),
    ],
)
def test_round11_hard_negatives(text, lang, theme):
    assert theme not in themes(text, lang)


def test_a_threat_where_a_surrender_is_told_stays_a_punishment():
    text = "Сдался, говорят, наш Петров. Комбат орёт, что пристрелит, если найдёт."
    found = themes(text, "ru")
    assert "punishment" in found
    assert "war_crime" not in found


def test_every_theme_keeps_its_evidence_span():
    text = "бабку на колени поставили. Ротный первым и свалил. Заплатили сто, а обещали двести."
    assert evidence(text, "ru", "war_crime") == "на колени поставили"
    assert "свалил" in evidence(text, "ru", "command_criticism")
    assert "обещали" in evidence(text, "ru", "supply_shortage")
    assert evidence("Взводный орал на нас всё утро. Шакал он.", "ru", "command_criticism") == "Шакал он."
    assert evidence("этот шайтан-ротный опять всё продал", "ru", "command_criticism") == "шайтан-ротный"


def test_every_lemma_of_themes_yaml_is_a_dictionary_lemma():
    # a word the dictionaries know but that is not its own lemma ("деньги": the lemma is "деньга") expands to
    # itself only, so "денег нет" was never a shortage; such a word is its lemma or an explicit "=form"
    data = read_yaml(LEXICON_DIR / "themes.yaml")
    words: set[str] = set()
    for items in data["classes"].values():
        for item in items:
            words.update(str(item).split("|"))
    for spec in data["themes"].values():
        for cue in list(spec.get("cues") or []) + list(spec.get("when_victims") or []):
            for word in str(cue).partition("@")[0].split():
                words.update(word.split("|"))
    bad = []
    for word in sorted(words):
        if not word or word.startswith(("=", "$")) or word == "..." or re.fullmatch(r"~\d*", word):
            continue
        known = [lang for lang in ("ru", "uk") if morph(lang).word_is_known(word.lower())]
        if known and not any(fold(parse.normal_form) == fold(word) for lang in known
                             for parse in morph(lang).parse(word.lower())):
            bad.append(word)
    assert not bad, f"not dictionary lemmas (use the lemma or '=form'): {bad}"
