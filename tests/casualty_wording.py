"""A seeded generator of how losses are reported, built from ANNOTATION.md's definition of a casualty mention.

Templates and vocabulary are data (``tests/data/casualty_wording/templates.yaml`` and ``vocabulary.yaml``); both are
split into a ``tune`` part, the one rules may be fixed on, and a ``measure`` part, held out: a text of one part is
made only of that part's templates and words. Each positive template says which mentions it holds (category and
count); negatives (threats, intentions, guesses, denials, generic statements, numbers that are no code) hold none.

A template's ``text`` has slots ``{class.form}``: ``class`` is a vocabulary class (``person``, ``group``, ``count``,
...; a digit after it is a second draw of the same class: ``person2``), or for the classes that depend on the
category (``code``, ``code_verb``, ``state``, ``did``, ``it_did``) the class for the template's category; ``form``
is a key of the drawn item. ``{state.@person}`` takes the form named by the gender of ``person`` (``m``, ``f`` or
``pl``). A template with ``categories`` is rendered once per category that has every class it needs. ``expect`` rows
are ``[category, count]``: ``C`` for the template's category, ``n`` for the value of the ``count`` slot (``n2`` for
``count2``), a number, or ``null``. A class of plain strings (``when``, ``where``) is written ``{when}``.

After rendering, a text may be wrapped in reported speech (``reported`` templates only), get an opener and a closer,
lose its ё, or be made lower-case speech-recogniser text without punctuation: the mentions stay the same.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "data" / "casualty_wording"
PARTS = ("tune", "measure")
CATEGORIES = ("killed", "wounded", "missing", "captured", "refused", "deserted")
BY_CATEGORY = ("code", "cargo", "code_did", "code_it", "code_self", "state", "did", "it_did", "it_was", "plural_noun")
SLOT = re.compile(r"\{([a-z_]+?)(\d?)(?:\.([a-z_@0-9]+))?\}")
PUNCTUATION = re.compile(r"[,.!?:;«»\"“”„()…]|(?<!\w)[—–-](?!\w)")


@dataclass(frozen=True)
class Generated:
    """One generated text, its language for the analyser and the mentions it holds."""

    text: str
    lang: str
    expected: tuple[tuple[str, int | None], ...]
    template: str
    category: str
    tags: tuple[str, ...]


@lru_cache(maxsize=1)
def load() -> tuple[dict[str, Any], dict[str, Any]]:
    """(templates, vocabulary) as read from the data files."""
    templates = yaml.safe_load((DATA / "templates.yaml").read_text(encoding="utf-8"))
    vocabulary = yaml.safe_load((DATA / "vocabulary.yaml").read_text(encoding="utf-8"))
    return templates, vocabulary


def _words(vocabulary: dict[str, Any], name: str, lang: str, part: str) -> list[Any]:
    """The items of class ``name`` of one part in ``lang``; Surzhyk ("sz") draws from its own, Russian and Ukrainian
    items alike."""
    entry = vocabulary.get(name)
    if entry is None:
        raise KeyError(f"no vocabulary class {name!r}")
    langs = (lang,) if lang != "sz" else ("sz", "ru", "uk")
    items: list[Any] = []
    for code in langs:
        items += (entry.get(code) or {}).get(part) or []
    return items


def _classes(text: str) -> set[str]:
    return {m.group(1) for m in SLOT.finditer(text)}


def _slot_class(name: str, category: str) -> str:
    return f"{name}.{category}" if name in BY_CATEGORY else name


def render(template: dict[str, Any], category: str, part: str, rng: random.Random) -> Generated | None:
    """One text of ``template`` for ``category`` with words of ``part``; None when a class has no words."""
    _, vocabulary = load()
    lang = template["lang"]
    drawn: dict[str, Any] = {}
    text = template["text"]
    for m in SLOT.finditer(text):
        key = m.group(1) + m.group(2)
        if key in drawn:
            continue
        items = _words(vocabulary, _slot_class(m.group(1), category), lang, part)
        if not items:
            return None
        drawn[key] = rng.choice(items)

    def fill(m: re.Match[str]) -> str:
        item = drawn[m.group(1) + m.group(2)]
        form = m.group(3) or ""
        if isinstance(item, str):
            return item
        if "@" in form:
            stem, other = form.split("@")
            form = (stem + "_" if stem else "") + drawn[other]["g"]
        value = item[form]
        return rng.choice(value) if isinstance(value, list) else str(value)

    try:
        out = SLOT.sub(fill, text)
    except KeyError:
        return None  # the category's words lack a form the template needs (no singular "шестисотый")
    out = re.sub(r" {2,}", " ", out).replace(" ,", ",").replace(" .", ".").replace("\n ", "\n").strip()
    counts = {"n" + key.removeprefix("count"): item["v"] for key, item in drawn.items() if key.startswith("count")}
    expected = []
    for cat, how in template.get("expect") or []:
        expected.append((category if cat == "C" else cat, counts[how] if isinstance(how, str) else how))
    analysed_lang = lang if lang != "sz" else rng.choice(["uk", "uk", "ru"])
    return Generated(out, analysed_lang, tuple(expected), template["id"], category, tuple(template.get("tags", ())))


def _finish(g: Generated, template: dict[str, Any], part: str, rng: random.Random) -> Generated:
    """Reported speech, an opener and a closer, no ё, lower-case speech-recogniser text: the same mentions."""
    _, vocabulary = load()
    lang = template["lang"]
    text, tags = g.text, list(g.tags)
    if "reported" in tags and rng.random() < 0.5:
        frame = rng.choice(_words(vocabulary, "reported_frame", lang, part))
        keep = template["text"].startswith(("{person", "{enemy"))  # a name keeps its capital
        text = frame.replace("{}", text if keep else text[0].lower() + text[1:])
        tags.append("reported_speech")
    if text[:1].islower() and not text.startswith("{"):
        text = text[0].upper() + text[1:]
    if "\n" not in text and rng.random() < 0.4:
        text = rng.choice(_words(vocabulary, "opener", lang, part)) + " " + text
    if "\n" not in text and rng.random() < 0.3:
        text = (text if text[-1:] in "?!." else text + ".") + " " + rng.choice(_words(vocabulary, "closer", lang, part))
    if rng.random() < 0.3:
        text = text.replace("ё", "е").replace("Ё", "Е")
    if rng.random() < 0.35:
        text = " ".join(PUNCTUATION.sub(" ", text).lower().split(" "))
        text = "\n".join(" ".join(line.split()) for line in text.split("\n"))
        tags.append("asr")
    return Generated(text, g.lang, g.expected, g.template, g.category, tuple(tags))


def generate(part: str, per_template: int = 8, seed: int = 19) -> list[Generated]:
    """Every template of ``part`` rendered ``per_template`` times for each of its categories, with ``seed``."""
    if part not in PARTS:
        raise ValueError(f"part must be one of {PARTS}")
    templates, _ = load()
    rng = random.Random(f"{seed}:{part}")
    out: list[Generated] = []
    for template in templates[part]:
        cats = template.get("categories") or [next((c for c, _ in template.get("expect") or []
                                                    if c != "C"), "none")]
        for category in cats:
            for _ in range(per_template):
                g = render(template, category, part, rng)
                if g is None:
                    break
                out.append(_finish(g, template, part, rng))
    return out


@dataclass
class Score:
    """Recall and false mentions over generated texts, in all and by tag and category."""

    expected: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    false: Counter = field(default_factory=Counter)
    counts_right: int = 0
    negatives: int = 0
    flagged_negatives: int = 0
    misses: list[tuple[Generated, list[tuple[str, int | None]]]] = field(default_factory=list)
    spurious: list[tuple[Generated, list[tuple[str, int | None]]]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        """Expected mentions found (by category) over all expected."""
        return self.found["all"] / max(1, self.expected["all"])


def score(texts: list[Generated], predict) -> Score:
    """Match each text's predicted (category, count) pairs to its expected ones by category."""
    s = Score()
    for g in texts:
        predicted = list(predict(g.text, g.lang))
        left = list(predicted)
        keys = ["all", g.category, *(f"tag:{t}" for t in g.tags)]
        missed = []
        for cat, count in g.expected:
            for k in keys:
                s.expected[k] += 1
            hit = next((p for p in left if p[0] == cat), None)
            if hit is None:
                missed.append((cat, count))
                continue
            left.remove(hit)
            for k in keys:
                s.found[k] += 1
            s.counts_right += hit[1] == count
        for k in keys:
            s.false[k] += len(left)
        if not g.expected:
            s.negatives += 1
            s.flagged_negatives += bool(predicted)
        if missed:
            s.misses.append((g, predicted))
        if left:
            s.spurious.append((g, predicted))
    return s
