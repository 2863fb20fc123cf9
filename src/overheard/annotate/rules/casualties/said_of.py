"""What a casualty mention is said of, and the scene it is told in: two features of the learned mention filter
(:mod:`.mention_model`).

"Стільки хлопців там поклали" and "двох кабанів поклали" share their verb; what tells them apart is the word the
verb is said of. :func:`said_of` finds the loss verb (``lexicons/context_cues.yaml``, ``loss_verbs``) in the mention
or next to it, and the nearest noun, pronoun or number in its clause that it governs or that agrees with it (not one
inside a prepositional phrase, not one in a case a subject or object cannot take), and names that word's kind: a
person or a group of people, a personal pronoun, a number, an animal, a thing, a place, or none. pymorphy3's tags
decide (animacy, names, places, numerals, pronouns), with the word lists the casualty rules already hold for people,
groups and animals.

"Скільки хлопців там поклали за ті гори" is told of Karabakh, "мне снилось, что ..." of a dream. :func:`scene`
names the frames with a word earlier in the mention's sentence or in the sentence before: a game or sport, a dream,
a film or book, the news, another war or an earlier year, an exercise. Each frame is a few cue lists of
``context_cues.yaml`` (:data:`SCENES`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from overheard.annotate import cues as cue_lists
from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.mentions import CasualtyMention
from overheard.annotate.rules.casualties.words import casualty_cues, grammemes, pos, tags, word_at
from overheard.annotate.rules.counts import number_tables

REACH = 3  # tokens on each side of the mention where its loss verb may stand
SPAN = 4  # tokens on each side of the verb, within its clause, where the word it is said of may stand
# frame -> the cue lists (lexicons/context_cues.yaml) whose words open it
SCENES = {"game": ("game_titles", "scene_sport"), "dream": ("scene_dream",), "film": ("fiction_media",),
          "news": ("scene_news",), "war": ("past_wars", "scene_other_wars"), "exercise": ("scene_exercise",)}
_PAST_YEAR = re.compile(r"(19\d\d|20[01]\d|202[01])(\D.{0,3})?")  # "в 2014-м", "у 2015 році"
_SUBJECT_OBJECT = frozenset({"nomn", "accs", "gent"})
_PERSONAL = frozenset({"1per", "2per", "3per", "pers"})


def said_of(ctx: Context, mention: CasualtyMention) -> list[str]:
    """The kind of word the mention's loss verb is said of, alone and with the verb's lemma ("of=person",
    "of=animal|v=покласти"); "of=noverb" when no loss verb stands in the mention or within :data:`REACH` words
    of it."""
    toks, lang = ctx.toks, ctx.lang
    verb = _loss_verb(ctx, mention)
    if verb is None:
        return ["of=noverb"]
    skip = range(mention.first, mention.last)
    kind, where = "none", ""
    near = [(verb - 1 - d, "b") for d in range(len(ctx.before(verb, SPAN)))]
    far = [(verb + 1 + d, "a") for d in range(len(ctx.after(verb + 1, SPAN)))]
    for k, side in sorted(near + far, key=lambda pair: (abs(pair[0] - verb), pair[1] == "a")):
        if k in skip or (k > 0 and _is_preposition(toks[k - 1].key, lang)):
            continue
        found = word_kind(toks[k].key, lang)
        if found:
            kind, where = found, side
            break
    out = [f"of={kind}", f"of={kind}|v={word_at(toks, verb, lang)}"]
    if where:
        out.append(f"of={kind}|{where}")
    return out


def scene(ctx: Context, mention: CasualtyMention) -> list[str]:
    """The frames (:data:`SCENES`, and "war" for a year before 2022) with a word earlier in the mention's sentence
    ("scene=dream") or only in the sentence before ("scene.prev=dream")."""
    toks = ctx.toks
    a, _ = ctx.sentence_range(mention.first, mention.last)
    here = _frames(toks[k].key for k in range(a, mention.first))
    prev: set[str] = set()
    if a > 0:
        p, _ = ctx.sentence_range(a - 1, a)
        prev = _frames(toks[k].key for k in range(p, a)) - here
    return [f"scene={f}" for f in sorted(here)] + [f"scene.prev={f}" for f in sorted(prev)]


@lru_cache(maxsize=50_000)
def word_kind(key: str, lang: str) -> str:
    """What a word names as the subject or object of a loss verb: "person" (a person or a group of people, a name),
    "pronoun" (a personal pronoun), "number" (a numeral or digits), "animal", "thing", "place"; "" for any other
    word or a noun in a case no subject or object takes."""
    if not key[:1].isalnum():
        return ""
    if key[0].isdigit():
        return "number"
    if key in _pronouns():
        return "pronoun"
    if key in _animals():
        return "animal"
    if key in _people() or (key.startswith(("пол", "пів")) and key[3:].lstrip("-") in _people()):
        return "person"  # "хлопців", "наших", "полроты", "пів-батальйону"
    if key in _numbers():
        return "number"  # "пятерых", "сотню", "десятка", "много"
    found = tags(key, lang)
    if not found:
        return ""
    best = grammemes(found[0])
    if any(pos(t) == "NPRO" and grammemes(t) & _PERSONAL for t in found):
        return "pronoun"
    if pos(found[0]) == "NUMR":
        return "number"
    if pos(found[0]) != "NOUN" or not any(grammemes(t) & _SUBJECT_OBJECT for t in found if pos(t) == "NOUN"):
        return ""
    if "Geox" in best:
        return "place"
    if best & {"Name", "Surn", "Patr"}:
        return "person"
    return "person" if "anim" in best else "thing"


def _loss_verb(ctx: Context, mention: CasualtyMention) -> int | None:
    """The index of the loss verb in the mention, or else the nearest within :data:`REACH` words of it in its
    clause (None when there is none)."""
    verbs = _verbs()
    toks = ctx.toks
    for k in range(mention.first, mention.last):
        if toks[k].key in verbs:
            return k
    before = [mention.first - 1 - d for d in range(len(ctx.before(mention.first, REACH)))]
    after = [mention.last + d for d in range(len(ctx.after(mention.last, REACH)))]
    for k in sorted(before + after, key=lambda k: min(abs(k - mention.first), abs(k - mention.last + 1))):
        if toks[k].key in verbs:
            return k
    return None


def _frames(keys) -> set[str]:
    """The frames that one of ``keys`` opens."""
    words = _scene_words()
    out: set[str] = set()
    for key in keys:
        out.update(words.get(key, ()))
        if _PAST_YEAR.fullmatch(key):
            out.add("war")
    return out


@lru_cache(maxsize=50_000)
def _is_preposition(key: str, lang: str) -> bool:
    """Whether the best reading of a word is a preposition (the noun after it is no subject or object)."""
    found = tags(key, lang)[:1] if key[:1].isalpha() else ()
    return bool(found) and pos(found[0]) == "PREP"


@lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    """The loss verbs."""
    return cue_lists.keys("loss_verbs")


@lru_cache(maxsize=1)
def _pronouns() -> frozenset[str]:
    """Personal pronouns."""
    return cue_lists.keys("subject_pronouns", "object_pronouns", "plural_pronouns", "singular_pronouns")


@lru_cache(maxsize=1)
def _animals() -> frozenset[str]:
    """Animals."""
    return cue_lists.keys("animals")


@lru_cache(maxsize=1)
def _people() -> frozenset[str]:
    """Words for people and groups of people: those of count phrases, and those "положили" and radio slang are
    said of ("хлопців", "пацанов", "наших", "рота")."""
    return (casualty_cues().people | cue_lists.keys("laid_objects", "radio_objects")) - _pronouns()


@lru_cache(maxsize=1)
def _numbers() -> frozenset[str]:
    """Number words of the count tables: cardinals, collectives, "сотня", "десяток", vague quantities."""
    t = number_tables()
    return (frozenset(t.cardinal) | frozenset(t.collective) | frozenset(t.approximate_noun) | frozenset(t.multiplier)
            | t.tens | t.vague)


@lru_cache(maxsize=1)
def _scene_words() -> dict[str, tuple[str, ...]]:
    """Token key -> the frames whose cue lists hold it (built once)."""
    out: dict[str, list[str]] = {}
    for frame, names in SCENES.items():
        for key in cue_lists.keys(*names):
            out.setdefault(key, []).append(frame)
    return {key: tuple(frames) for key, frames in out.items()}
