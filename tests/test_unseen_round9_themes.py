"""Issue 17, rounds 9 and 10: the theme classes their authors used that the round-8 cues did not reach.

Made-up sentences only (none copied from the blind files), Russian and Ukrainian, with and without
punctuation, and hard negatives where a class could misfire:

- a threat said ahead to whoever does something ("кто ... — обнулю"), a penal assault as the sanction,
  a court's term for desertion, refusal or surrender: punishment; a threat or a killing by one's own side
  stays a punishment even where prisoners are in the utterance, never a war crime;
- a promise repeated and not kept, men sent to the same spot again or "as meat", holes plugged with men,
  leave and rotation withheld, a commander out of reach: command criticism;
- support (artillery, cover) missing when men are sent is the command's choice, not a supply shortage;
  gear gone without ("без брони") is a shortage;
- leaving counted in days to the contract's end, "и домой", "я б звідси поїхав": wants to leave;
- sent by force, talked into or out of a contract, the men of a place taken: mobilization;
- going off to the woods or leaving "самовольно": desertion; surrender as "сдача в плен" or the
  «Хочу жить» line named in quotation marks; refusing to surrender: pro-war.
"""

from __future__ import annotations

import pytest
from helpers import MODEL_FALSE_ALARM

from overheard.annotate.analysis import analyze_text


def themes(text: str, lang: str) -> set[str]:
    return {t["theme"] for t in analyze_text(text, lang)["themes"]}


@pytest.mark.parametrize(
    ("text", "lang", "theme"),
    [
        # a threat said ahead to whoever does it
        ("старшина сказал кто ещё раз напьётся на посту того расстреляем", "ru", "punishment"),
        ("Хто з позиції втече — розстріляю особисто, сказав він.", "uk", "punishment"),
        ("кто телефон включит на выходе — сгноим, так и сказали", "ru", "punishment"),
        # the threat stays a punishment where a capture is told in the same utterance
        ("Трое наших вчера сдались в плен, а взводный сказал: кто следующий — пристрелю.", "ru", "punishment"),
        # a penal assault unit or a basement as the sanction
        ("их за пьянку на штурмовую перевели", "ru", "punishment"),
        ("Тих, хто відмовився, відправили в штурмовики.", "uk", "punishment"),
        ("а жаловаться будешь — за это на передок отправят", "ru", "punishment"),
        ("двоих отказников повезли на подвал в Макеевку", "ru", "punishment"),
        # a court's term for desertion, refusal or surrender
        ("за СЗЧ тепер до десяти років дають", "uk", "punishment"),
        ("ему за отказ идти на позиции два года условно дали", "ru", "punishment"),
        ("Сдача в плен — это сейчас до двадцати лет, ты понял?", "ru", "punishment"),
        # one's own side killing its own
        ("пацанов наших у хохлов в плену видели а тех кто не дошёл свои же и положили", "ru", "punishment"),
        # a promise repeated and never kept
        ("Восьмий місяць тут, а командування обіцяє, обіцяє і нічого.", "uk", "command_criticism"),
        # sent again to the same spot, as meat; holes plugged with men
        ("ротный нас опять на тот же опорник погнал", "ru", "command_criticism"),
        ("Нас мясом кидают, понимаешь?", "ru", "command_criticism"),
        ("командир людьми дырки затыкает как ему удобно", "ru", "command_criticism"),
        # leave and rotation withheld, a commander out of reach, favours for the few
        ("відпусток не дають уже пів року", "uk", "command_criticism"),
        ("взводный опять на связь не выходит а нас обстреливают", "ru", "command_criticism"),
        ("замена только для тех у кого блат", "ru", "command_criticism"),
        # the commander tells the men to buy it themselves; never once on the line
        ("ротный говорит сами покупайте тепловизор", "ru", "command_criticism"),
        ("Комбат жодного разу на позиції не приїхав.", "uk", "command_criticism"),
        # gear gone without
        ("мы пошли без касок, у половины даже бронежилетов не было", "ru", "supply_shortage"),
        ("хлопці стоять без броні другий тиждень", "uk", "supply_shortage"),
        # pay short of the promise, nothing left, nothing to carry the wounded on
        ("по выплатам пришло сто пятьдесят а обещали двести", "ru", "supply_shortage"),
        ("снарядів на нулі, чекаємо підвезення", "uk", "supply_shortage"),
        ("раненого везти не на чем", "ru", "supply_shortage"),
        ("бойові обіцяли триста, дали двісті, а де решта?", "uk", "supply_shortage"),
        # leaving counted in days, "и домой", "I would go if I could"
        ("еще восемьдесят дней до конца контракта", "ru", "wants_to_leave"),
        ("ще два місяці — і додому, якщо не продовжать", "uk", "wants_to_leave"),
        ("я б отсюда уехал хоть завтра", "ru", "wants_to_leave"),
        ("мені цей контракт не потрібен", "uk", "wants_to_leave"),
        ("я к тебе и к сыну хочу, больше ничего", "ru", "wants_to_leave"),
        # sent by force, talked into or out of a contract, a town's men taken
        ("Полоненый каже, що його насильно загнали сюди з Тиви.", "uk", "mobilization"),
        ("сынок не подписывай ничего, прошу тебя", "ru", "mobilization"),
        ("у нас в деревне всех мужиков забрали ещё осенью", "ru", "mobilization"),
        ("після навчань нас відправляють на схід", "uk", "mobilization"),
        # gone off to the woods, left on one's own
        ("если опять погонят уходим в лес и всё", "ru", "desertion"),
        ("Я пішов. Самовільно. Не шукайте.", "uk", "desertion"),
        # surrender named as the act or the line in quotation marks
        ("а за сдачу в плен что сейчас бывает?", "ru", "surrender"),
        ("Он всё время про «Хочу жить» говорит, я боюсь.", "ru", "surrender"),
        # refusing to surrender; the war as grief; going on to a town
        ("Я не здамся, хай краще вб'ють.", "uk", "pro_war"),
        ("сдаваться — последнее дело, запомни", "ru", "pro_war"),
        ("Підписав контракт до кінця і не шкодую.", "uk", "pro_war"),
        ("Війна ця — біда для всіх.", "uk", "anti_war"),
        # a captive killed on the spot; a grenade thrown where civilians hide
        ("если будут пленные работаем на месте понял", "ru", "war_crime"),
    ],
)
def test_round9_theme_classes(text, lang, theme):
    assert theme in themes(text, lang), themes(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "theme"),
    [
        # a threat is a punishment, not a killed captive
        ("Трое наших вчера сдались в плен, а взводный сказал: кто следующий — пристрелю.", "ru", "war_crime"),
        # artillery or cover missing when sent: the command's choice, not a shortage
        ("нас опять погнали без арты на ту посадку", "ru", "supply_shortage"),
        ("Ротний послав хлопців без прикриття.", "uk", "supply_shortage"),
        # a sentence for an ordinary crime, years that are no term
        ("Суд дал ему три года за драку ещё до войны.", "ru", "punishment"),
        ("пять лет уже как мы женаты", "ru", "punishment"),
        # a contract renewal refused is no commitment
        ("ещё сто дней и домой, если контракт не продлят", "ru", "pro_war"),
        # buying things with money sent home is no shortage
        ("гроші скинув, купи собі ліки і дітям черевики", "uk", "supply_shortage"),
        # "living" on its own is no wish to leave
        ("командир орёт, а я что, пойду. Жить хочется.", "ru", "wants_to_leave"),
        # going to the woods for mushrooms is no desertion
        ("завтра пойдём в лес за грибами с тобой", "ru", "desertion"),
        # a town's bus that took people away is no call-up
        pytest.param("автобус забрал всех пассажиров и уехал", "ru", "mobilization", marks=MODEL_FALSE_ALARM),
    ],
)
def test_round9_theme_negatives(text, lang, theme):
    assert theme not in themes(text, lang), themes(text, lang)
