"""Issue 17, round 8: themes stated implicitly, as classes of wording (none copied from the blind files).

Round 8's authors rarely named a theme: criticism came as contrast or indifference, a shortage as an
inventory of what is missing, commitment as duty, leaving as a plan. themes.yaml now has word classes
(``$commander``, ``$supply``, ``$lacking``, ``$pay``, ...) and clause links (``~``: later in the same
clause), so one cue covers a class in Russian and Ukrainian, with or without punctuation. Every class
below has made-up sentences in both forms and hard negatives where the class could misfire.
"""

from __future__ import annotations

import pytest
from helpers import MODEL_FALSE_ALARM, rule_themes

from overheard.annotate.analysis import analyze_text
from overheard.annotate.rules.themes import _parse_cue, compile_theme_rules
from overheard.errors import LexiconError


def themes(text: str, lang: str) -> set[str]:
    return {t["theme"] for t in analyze_text(text, lang)["themes"]}



@pytest.mark.parametrize(
    ("text", "lang", "theme"),
    [
        # a commander (any word of the class) and contempt anywhere in the sentence, either order
        ("Взводный наш — крыса тыловая, я тебе говорю.", "ru", "command_criticism"),
        ("комбриг у нас клоун каких поискать", "ru", "command_criticism"),
        ("а начштаба вообще вредитель", "ru", "command_criticism"),
        ("Командування — суцільні шкідники.", "uk", "command_criticism"),
        ("бестолочи эти в штабе опять всё перепутали", "ru", "command_criticism"),
        ("каждая тварь с лампасами нас учит", "ru", "command_criticism"),
        # the command only shouts, or shouts "forward"
        ("а штабные только матерят по рации", "ru", "command_criticism"),
        ("комбат з бліндажа тільки кричить на всіх", "uk", "command_criticism"),
        # the commander withheld what the men needed
        ("ротний евакуацію так і не дав", "uk", "command_criticism"),
        ("командир роты отпуск опять не подписал", "ru", "command_criticism"),
        # a commander who takes from locals or drives a looted car
        ("у комбата новый джип трофейный из Бердянска", "ru", "command_criticism"),
        # reports from above and the lie of them
        ("наверху докладывают что всё хорошо враньё это", "ru", "command_criticism"),
        # an inventory of what is missing: any supply, any way of lacking it, either order
        ("турникетов нет, промедола нет, держимся", "ru", "supply_shortage"),
        ("солярки нема вже тиждень генератор стоїть", "uk", "supply_shortage"),
        ("нема батарейок до рацій", "uk", "supply_shortage"),
        ("берцы у всех развалились, а новые не выдали", "ru", "supply_shortage"),
        ("сухпайки закончились позавчера", "ru", "supply_shortage"),
        # pay short of what was promised, pay never credited
        ("премию дали пятьдесят, а обещали сто", "ru", "supply_shortage"),
        ("бойові за травень так і не нарахували", "uk", "supply_shortage"),
        # one item for a whole group, trouble with a supply, nothing to do it with
        ("одна аптечка на весь взвод", "ru", "supply_shortage"),
        ("з водою біда третій день", "uk", "supply_shortage"),
        ("нема чим заряджати дрони", "uk", "supply_shortage"),
        # money raised for gear, wounded left without evacuation, hospitals with no room
        ("всей улицей скидывались на тепловизор", "ru", "supply_shortage"),
        ("раненого нашего так и не вывезли до вечера", "ru", "supply_shortage"),
        ("в больнице в Курске мест нет, лежат в коридорах", "ru", "supply_shortage"),
        # duty: not going back until it is done; holding and going on holding; no right to retreat
        ("Я не поеду домой, пока они тут.", "ru", "pro_war"),
        ("не повернуся поки не закінчимо", "uk", "pro_war"),
        ("закончим и вернусь не раньше", "ru", "pro_war"),
        ("мост держим и будем держать", "ru", "pro_war"),
        ("не маємо права відступати хлопці", "uk", "pro_war"),
        ("да пусть суются, встретим", "ru", "pro_war"),
        ("мы тут за своих детей стоим", "ru", "pro_war"),
        # leaving as a plan or a preference
        ("дослужу свой год и домой", "ru", "wants_to_leave"),
        ("обратно в окопы не хочется совсем", "ru", "wants_to_leave"),
        ("больше меня туда ничем не заманишь", "ru", "wants_to_leave"),
        # war crimes told as anecdotes: a captive shot on the spot, beatings in captivity, occupiers' raids
        ("взяли троих в плен, одного тут же застрелили", "ru", "war_crime"),
        ("Рік у полоні. Розповідає, що там щодня били.", "uk", "war_crime"),
        ("окупанти по селу грабують хати, людей на підвал тягнуть", "uk", "war_crime"),
        ("отжали у местных машину и уехали", "ru", "war_crime"),
        # the war for someone else's sake, in someone else's land, nobody needs it in any order
        ("это всё ради чего вообще", "ru", "anti_war"),
        ("гибнем ради чьих-то миллионов", "ru", "anti_war"),
        ("нікому ця війна вже не потрібна", "uk", "anti_war"),
        # the command lies or hides, does not care, sends men to the same spot again
        ("начальство опять наврало про замену", "ru", "command_criticism"),
        ("штаб усе приховує від родин", "uk", "command_criticism"),
        ("взводному на нас давно наплювати", "uk", "command_criticism"),
        ("а ротный опять гонит на ту же высоту", "ru", "command_criticism"),
        # "это не война", "за что мы тут", for someone else's money, a war nobody chose
        ("Это не война, это бойня какая-то.", "ru", "anti_war"),
        ("скажи мне за что мы тут гниём", "ru", "anti_war"),
        ("гинемо за чужі гроші", "uk", "anti_war"),
        ("я эту войну не выбирал", "ru", "anti_war"),
        # holding as long as needed, better here than at home, someone has to defend, we will reach it
        ("будем держать этот посёлок сколько надо", "ru", "pro_war"),
        ("краще я тут, ніж вони у Львові", "uk", "pro_war"),
        ("хтось же має захищати наше місто", "uk", "pro_war"),
        ("до Днепра дойдём, мам", "ru", "pro_war"),
        # wanting to be with the family; captives humiliated; houses cleaned out
        ("хочу до вас, до дітей", "uk", "wants_to_leave"),
        ("полоненого роздягли і лишили на морозі", "uk", "war_crime"),
        ("хаты в том селе все обнесли", "ru", "war_crime"),
        # pay cut, nothing to pay or feed with; call-ups dressed as training camps
        ("боевые урезали вдвое", "ru", "supply_shortage"),
        ("нічим годувати пса навіть", "uk", "supply_shortage"),
        ("мужиков забирают на сборы, а потом сюда", "ru", "mobilization"),
        # refusers shot or threatened with the tribunal
        ("говорят, комвзвода пятисотых расстреливал", "ru", "punishment"),
        ("відмовників погрожують віддати під трибунал", "uk", "punishment"),
        # punished for a misdeed named after "за то, что"; sitting in a basement beside refusers
        ("его в штурмовую перевели за то, что с позиции отошёл", "ru", "punishment"),
        ("двое отказались, теперь в подвале сидят под охраной", "ru", "punishment"),
    ],
)
def test_round8_theme_classes(text, lang, theme):
    assert theme in themes(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "theme"),
    [
        # a commander, and contempt in the next sentence for someone else
        pytest.param("Командир уехал в штаб. Вовка дурак, опять проспал.", "ru", None, marks=MODEL_FALSE_ALARM),
        ("Пан командир, дозвольте доповісти.", "uk", "command_criticism"),
        # a commander who shouts a threat is not criticised by that
        ("Командир кричить, що розстріляє кожного, хто побіжить.", "uk", None),
        # a commander who gave what was asked
        ("ротный отпуск подписал, еду в пятницу", "ru", "command_criticism"),
        # "нет" as an answer, not as lacking; a supply named in the next sentence
        pytest.param("Нет. Вода есть, еда есть, всё нормально.", "ru", "supply_shortage", marks=MODEL_FALSE_ALARM),
        ("втрат немає, боєкомплект на добу", "uk", "supply_shortage"),
        ("Зарплату обещали к двадцатому, придёт — верну.", "ru", "supply_shortage"),
        # the enemy's own dead left unburied is not a war crime
        ("у русні двохсотих десяток лежить, своїх навіть не забирають", "uk", "war_crime"),
        # finished off in battle, not a captive shot
        ("двое сдались в плен, а троих дроны добили", "ru", "war_crime"),
        # "пусть" about someone going somewhere is no challenge to the enemy
        ("скажи ему, пусть не идёт в военкомат", "ru", "pro_war"),
        # "досидеть" of a film, "home" unrelated
        ("досмотрим фильм и домой пойдём", "ru", "wants_to_leave"),
        # sitting in a basement is a shelter when nobody refused or deserted
        ("у нас обстріл, сидимо в підвалі з сусідами", "uk", "punishment"),
        pytest.param("ротный в подвале сидит, а мы на позиции", "ru", "punishment", marks=MODEL_FALSE_ALARM),
        # "это не война" of a game; "до конца" of a film
        ("я понял, что всё правильно сделал, когда купил машину", "ru", "pro_war"),
        ("бабушка, это не игра, это серьёзно", "ru", "anti_war"),
        # the same road, not the same attack
        ("едем на ту же заправку, что вчера", "ru", "command_criticism"),
        # refusers punished, told by prisoners: a punishment, not a war crime
        ("Троє полонених кажуть: ротний відмовників розстрілював.", "uk", "war_crime"),
    ],
)
def test_round8_theme_negatives(text, lang, theme):
    found = themes(text, lang)
    assert (theme or "command_criticism") not in found


def test_a_class_name_in_a_cue_stands_for_every_word_of_the_class():
    rules, problems = compile_theme_rules()
    assert problems == []
    assert {"командиры", "ротного", "командування"} <= rules.words("commander")
    assert {"патронов", "турнікетів", "тушонки"} <= rules.words("supply")
    assert "а" in rules.breaks and "але" in rules.breaks


def test_a_tilde_link_reaches_only_within_the_clause():
    cue = _parse_cue("supply_shortage", "патрон ~ =нет @0.8")
    assert cue.near == (-1,) and cue.far == (False,)
    assert _parse_cue("supply_shortage", "=нет ~2 патрон @0.7").near == (2,)
    # "а", "але" and punctuation end the clause: the lack belongs to something else
    assert "supply_shortage" in rule_themes("патронов у нас третий день уже почти совсем нет", "ru")
    assert "supply_shortage" not in rule_themes("патроны вчера привезли а командира всё нет", "ru")


def test_an_unknown_class_is_a_lexicon_error():
    with pytest.raises(LexiconError):
        _parse_cue("supply_shortage", "$nosuchclass ~ =нет @0.8", {})
