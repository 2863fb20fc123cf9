"""A seeded generator of how three lagging themes are said, with hard negatives (themes22).

Templates and word lists are data, ``tests/data/themes22/templates.yaml``: supply shortage (what is missing, stated
as absence, as improvisation, as buying it oneself, as waiting, as pay not seen), command criticism (contempt,
abandonment, lies, their comfort beside our losses, nicknames for officers) and war crimes (anecdotes, euphemisms,
boasts, rumours), and hard negatives of each (civilian hardship that is no army shortage, supplies that are there,
neutral talk about officers, fair punishment, violence in films, games and other wars), in Russian and Ukrainian.

Every template and every word list is in one half: ``tune`` (what the cues were fixed against) or ``held`` (never
read while fixing). Each text comes in one of two styles: ``cased`` (a capital and a full stop) or ``asr``
(lower-case, no punctuation). :func:`cases` builds a half's texts; :func:`score` gives per-theme P/R/F1.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data" / "themes22" / "templates.yaml"
PARTS = ("tune", "held")
SCORED = ("supply_shortage", "command_criticism", "war_crime")
SLOT = re.compile(r"\{([a-z_]+)\}")
PUNCT = re.compile(r"[,.!?;:«»\"]")


@dataclass(frozen=True)
class ThemeCase:
    """One generated text, the scored themes it carries and those an analyst may also give it."""

    part: str
    sub: str
    lang: str
    style: str
    template: str
    text: str
    themes: frozenset[str]
    allowed: frozenset[str]


@lru_cache(maxsize=1)
def data() -> dict:
    """The generator's templates and word lists (read once)."""
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def _fill(template: str, part: str, rng: random.Random) -> str:
    """The template with each slot replaced by a word of that slot's list in ``part``."""
    slots = data()["slots"]
    return SLOT.sub(lambda m: rng.choice(slots[m.group(1)][part]), template)


def _style(text: str, style: str) -> str:
    """Cased: a capital first letter and a full stop; asr: lower-case with no punctuation."""
    if style == "asr":
        return " ".join(PUNCT.sub(" ", text).lower().split())
    return text[0].upper() + text[1:] + ("" if text[-1] in ".?!" else ".")


def cases(part: str, per_template: int = 6, seed: int = 22) -> list[ThemeCase]:
    """``per_template`` texts of every template of ``part`` (half cased, half lower-case), deterministic."""
    rng = random.Random(f"{seed}-{part}")
    out = []
    for template in data()["templates"]:
        if template["part"] != part:
            continue
        themes = frozenset() if template["theme"] == "none" else frozenset({template["theme"]})
        sub = template["sub"] if themes else f"not_{template['neg']}:{template['sub']}"
        for i in range(per_template):
            style = ("cased", "asr")[i % 2]
            text = _style(_fill(template["text"], part, rng), style)
            out.append(ThemeCase(part, sub, template["lang"], style, template["text"], text, themes,
                                 frozenset(template.get("allow", ()))))
    return list({c.text: c for c in out}.values())


def score(pairs: list[tuple[ThemeCase, set[str]]]) -> dict[str, dict[str, float]]:
    """Per scored theme: tp, fp, fn, P, R, F1 over (case, themes found) pairs."""
    out = {}
    for theme in SCORED:
        tp = sum(1 for c, found in pairs if theme in c.themes and theme in found)
        fn = sum(1 for c, found in pairs if theme in c.themes and theme not in found)
        fp = sum(1 for c, found in pairs if theme not in c.themes | c.allowed and theme in found)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        out[theme] = {"tp": tp, "fp": fp, "fn": fn, "p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
    return out
