"""Supply shortage, command criticism and war crimes as generated classes, with hard negatives (branch themes22).

A seeded generator (``tests/theme_generator.py``, templates and words in ``tests/data/themes22/``) says each theme
in several ways (supply: absence, improvisation, buying it oneself, waiting, pay; command: contempt, abandonment,
lies, their comfort beside our losses, nicknames; war crimes: anecdotes, euphemisms, boasts, rumours) and writes hard
negatives (civilian hardship, supplies that are there, neutral and fair talk about officers and sentences, violence
in films, games and other wars), Russian and Ukrainian, cased and lower-case. Templates and words were split into a
``tune`` half the cues were fixed against and a ``held`` half that was only measured; the figures below are floors
(what the branch measured: a change may raise them, not lower them).
"""

from __future__ import annotations

import pytest
import theme_generator as gen
from helpers import rule_themes

from overheard.annotate.analysis import analyze_text

# Per theme (precision, recall) the branch measured on each half (docs/accuracy.md, themes22)
FLOORS = {
    "tune": {"supply_shortage": (0.89, 0.98), "command_criticism": (0.85, 1.00), "war_crime": (0.95, 1.00)},
    "held": {"supply_shortage": (0.72, 0.69), "command_criticism": (0.95, 0.52), "war_crime": (0.83, 0.37)},
}


@pytest.mark.parametrize("part", gen.PARTS)
def test_generated_half_holds_its_floors(part):
    pairs = [(case, {t["theme"] for t in analyze_text(case.text)["themes"]}) for case in gen.cases(part)]
    figures = gen.score(pairs)
    for theme, (precision, recall) in FLOORS[part].items():
        assert figures[theme]["p"] >= precision - 1e-9, (theme, figures[theme])
        assert figures[theme]["r"] >= recall - 1e-9, (theme, figures[theme])


def test_halves_share_no_template():
    tune, held = ({case.template for case in gen.cases(part)} for part in gen.PARTS)
    assert tune and held and not tune & held


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("вместо бинтов футболки рвём, перевязываем чем придётся", "supply_shortage"),  # improvised
        ("одна лопата на пятерых, копаем по очереди", "supply_shortage"),  # one for many
        ("бинтів катма вже третій день", "supply_shortage"),  # slang absence
        ("другий тиждень чекаємо сухпайків, досі нічого", "supply_shortage"),  # waited for
        ("генерал-паркетник наш приехал, покрасовался и уехал", "command_criticism"),  # a mock title
        ("взводный у нас баран, ничего не соображает", "command_criticism"),
        ("я собі мотоцикл з тієї хати взяв, господарів нема", "war_crime"),  # taken from someone else's house
        ("мы с брошенной квартиры ноутбук вытащили, не пропадать же добру", "war_crime"),
        ("місцевого відвели за хату, потім постріл, і все", "war_crime"),  # led away, then a shot
        ("ротний у нас повний нуль, ні про що не думає", "command_criticism"),
    ],
)
def test_class_cues(text, theme):
    assert theme in rule_themes(text, "auto")


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("в фильме там пленных расстреляли, жуть какая", "war_crime"),  # a film
        ("в сериале генерал был дурак полный, смешно смотреть", "command_criticism"),
        ("дед рассказывал, в ту войну немцы деревню сожгли", "war_crime"),  # another war
        ("хто б'є полоненого, той сам під трибунал", "war_crime"),  # a fair sentence
        ("за комуналку три тисячі, а газу нема третій тиждень", "supply_shortage"),  # civilian bills
    ],
)
def test_unless_words_take_the_theme_out(text, theme):
    assert theme not in {t["theme"] for t in analyze_text(text)["themes"]}  # neither the cues nor the model


def test_unless_keeps_the_theme_where_no_such_word_stands():
    assert "war_crime" in {t["theme"] for t in analyze_text("пленных расстреляли прямо у дороги")["themes"]}
