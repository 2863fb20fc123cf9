"""Scenes that are not a loss now (fa28): a casualty word told inside an exercise ("на тренуванні вводна: хто лежить
трьохсотим") or another war ("лист прадіда з Першої світової: у полку вбитих сотні"), and a wound verb said of a thing
("антенну посекло", "ствол посікло"; "ногу посекло" stays a wound).

The scene is read from the words before the casualty word in its sentence, nearest first (ANNOTATION.md: a casualty
mention is a statement that people were lost; drills and earlier wars are not). A contrast ("а", "але", "но"), "now"
("теперь"), a year of birth or a negation of the scene word ("це не навчання") ends the reading, and a word of a real
strike or of reality anywhere in the sentence ("прилетіло", "обстріл", "реально", "по-справжньому") keeps the word a
loss: "на полігоні прилетіла ракета — двоє двохсотих". The frames are cue lists of ``lexicons/context_cues.yaml``
(:data:`FRAMES`). Games, films and books, and a scene carried from the sentence before, were measured on the held-out
half of the open authors and lost as many true mentions there as they removed false ones (docs/accuracy.md, fa28):
the learned mention filter reads them as its scene features (:mod:`.said_of`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from overheard.annotate import cues as cue_lists
from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.reasons import Reason, Rejection
from overheard.annotate.rules.casualties.words import grammemes, pos, tags
from overheard.annotate.rules.terms import TermMatch
from overheard.annotate.rules.tokens import SENTENCE_ENDS, Tok

# frame -> (the cue lists whose words open it, the reason a word told in it is no mention)
FRAMES = {"exercise": (("scene_drill",), Reason.IMAGINED),
          "war": (("past_wars", "scene_other_wars", "scene_history"), Reason.PAST_WAR)}
_REACH = 20  # words before the casualty word in its sentence where the scene may be named
_OLD_YEAR = re.compile(r"(19\d\d|200\d|201[0-3])(\D.{0,3})?")  # "в 1943-м"; 2014 on is this war


def told_in_scene(ctx: Context, match: TermMatch, span_first: int) -> Rejection | None:
    """The scene (:data:`FRAMES`) a casualty word is told in, named earlier in its sentence, with no contrast or
    negation between and no strike or word of reality in the sentence (None: no such scene)."""
    words = _frame_words()
    if words.keys().isdisjoint(ctx.key_set) and not any(_OLD_YEAR.fullmatch(k) for k in ctx.key_set):
        return None
    real = cue_lists.keys("scene_real")
    said = ctx.sentence_before(span_first, _REACH)
    if any(t.key in real for t in said + ctx.sentence_after(match.last, 12)):
        return None  # "на полігоні прилетіла ракета — двоє двохсотих", "учения были, потом прилетело по полигону"
    stops = cue_lists.keys("scene_breaks")
    for k, tok in enumerate(said):
        if tok.key in stops:
            return None
        frame = _frame(ctx, tok, words)
        if frame is None:
            continue
        if k + 1 < len(said) and said[k + 1].key in ctx.cues.negation:
            return None  # "це не навчання", "не учения начались"
        return Rejection(FRAMES[frame][1], tok.text)
    return None


def _frame(ctx: Context, tok: Tok, words: dict[str, str]) -> str | None:
    """The frame a word opens: one of the lists (an abbreviation only in capitals: "ВОВ", not "Вов"), or "war" for a
    year before 2014 in digits."""
    found = words.get(tok.key)
    if found is not None and not tok.text.isupper() and any(
            "Abbr" in grammemes(t) for t in tags(tok.key, ctx.lang)[:1]):
        return None
    if found is None and _OLD_YEAR.fullmatch(tok.key):
        return "war"
    return found


@lru_cache(maxsize=1)
def _frame_words() -> dict[str, str]:
    """Token key -> the frame its list opens (built once; a word in two lists keeps the first)."""
    out: dict[str, str] = {}
    for frame, (names, _) in FRAMES.items():
        for key in cue_lists.keys(*names):
            out.setdefault(key, frame)
    return out


def wounded_thing(ctx: Context, match: TermMatch) -> Tok | None:
    """The thing a wound verb is said of beside it ("антенну посекло", "винт посекло", "машину зачепило", "ствол
    посікло"): the nearest noun within two words of the verb in its clause, not after a preposition, inanimate, in the
    nominative or accusative, lower case, not a part of the body ("ногу посекло", "руку зачепило" are wounds), with no
    person, pronoun of people, name or count in the clause."""
    if match.last - match.first != 1:
        return None
    lang = ctx.lang
    verb = ctx.toks[match.first]
    found = tags(verb.key, lang)[:1] if verb.key[:1].isalpha() else ()
    if not found or pos(found[0]) != "VERB" or "plur" in grammemes(found[0]):
        return None  # "поранили" of "they" is said of people; the impersonal "посекло" of anything
    cues = ctx.cues
    people = cue_lists.union(cues.people, cues.object_pronouns, cues.plural_pronouns, cues.singular_pronouns,
                             cue_lists.keys("lying_people"))
    body = cue_lists.keys("wound_body_parts")
    for k, tok in _near(ctx, match, 5):
        readings = tags(tok.key, lang) if tok.key[:1].isalpha() else ()
        if tok.key in people or tok.key in body or tok.key[:1].isdigit():
            return None
        if readings and pos(readings[0]) == "NOUN" and "anim" in grammemes(readings[0]) or not _opening(ctx, k) and (
                not tok.text.islower() and any({"Name", "Surn"} & grammemes(t) for t in readings)):
            return None  # "Петра зацепило", "мехвода посекло": a man
    if any(k in ctx.by_first for k in range(max(0, match.first - 5), min(len(ctx.toks), match.last + 5))):
        return None
    for k, tok in sorted(_near(ctx, match, 2), key=lambda pair: abs(pair[0] - match.first)):
        if tok.is_punct or (k > 0 and k - 1 != match.first and _governed(ctx, k)):
            continue  # "по машине посекло": where, not what
        readings = tags(tok.key, lang) if tok.key[:1].isalpha() else ()
        if not readings or pos(readings[0]) != "NOUN" or not (tok.text.islower() or _opening(ctx, k)) or any(
                pos(t) in ("PREP", "CONJ", "PRCL") for t in readings):
            continue  # "під час обстрілу": "під" is a noun to the dictionary too
        g = grammemes(readings[0])
        if "inan" in g and g & {"nomn", "accs"} and tok.key not in cues.units:
            return tok
    return None


def _near(ctx: Context, match: TermMatch, size: int) -> list[tuple[int, Tok]]:
    """The words within ``size`` of the verb in its clause and sentence, with their indices: those before it nearest
    first, then those after it."""
    before = [(match.first - 1 - d, t) for d, t in enumerate(_within_sentence(ctx.before(match.first, size)))]
    after = [(match.last + d, t) for d, t in enumerate(_within_sentence(ctx.after(match.last, size)))]
    return before + after


def _within_sentence(words: list[Tok]) -> list[Tok]:
    """The words of a window (nearest first) up to the end of a sentence."""
    for k, tok in enumerate(words):
        if tok.text in SENTENCE_ENDS:
            return words[:k]
    return words


def _opening(ctx: Context, k: int) -> bool:
    """Whether token ``k`` opens its sentence, line or turn (a capital there names nobody)."""
    return k == 0 or k in ctx.breaks or ctx.toks[k - 1].text in SENTENCE_ENDS or ctx.toks[k - 1].text in "—–:"


def _governed(ctx: Context, k: int) -> bool:
    """Whether the word before token ``k`` can be a preposition ("по машине посекло": where, not what; "під час
    обстрілу": "під" is a noun to the dictionary too)."""
    prev = ctx.toks[k - 1]
    found = tags(prev.key, ctx.lang) if prev.key[:1].isalpha() else ()
    return any(pos(t) == "PREP" for t in found)


_WE = frozenset({"мы", "ми", "нас", "нам", "нами"})
_OPENERS = frozenset({"а", "и", "і", "й", "ну", "так", "вот", "от", "ось", "же", "ж"})


def there_in_story(ctx: Context, match: TermMatch, span_first: int) -> Rejection | None:
    """A casualty word in a sentence that opens with "там" pointing back to a film, a book, a song, a game or a
    memorial named in the sentence before ("Пересматривал «9 роту». Там в конце все полегли", "Читаю Ремарка. Там у них
    почти всех убили", "ти знову в ту гру граєш. Там у тебе всі друзі двохсоті", "на Мамаев курган возили? Там в
    зале имена погибших"): "там" is the story's world, not a place of this war (``there_story_words``). Only the
    sentence right before is read, and a strike or a word of reality in either sentence (``scene_real``) or a word of
    the speaker's side in the casualty word's sentence keeps the loss ("Фильм смотрели, а тут прилетело. Там двоих
    ранило")."""
    story = cue_lists.keys("there_story_words", "game_titles", "imagined_frames")
    verbs = cue_lists.keys("there_story_verbs")
    if story.isdisjoint(ctx.key_set) and verbs.isdisjoint(ctx.key_set) or "там" not in ctx.key_set:
        return None
    first, _ = ctx.sentence_range(match.first, match.last)
    opening = [t for t in ctx.toks[first:span_first] if not t.is_punct][:3]
    lead = next((i for i, t in enumerate(opening) if t.key not in _OPENERS), None)
    if lead is None or opening[lead].key != "там" or first in ctx.breaks and first == 0:
        return None
    k = first - 1
    while k >= 0 and ctx.toks[k].is_punct and k + 1 not in ctx.breaks:
        k -= 1
    if k < 0:
        return None
    before_first, before_last = ctx.sentence_range(k, k + 1)
    said = ctx.toks[before_first:before_last]
    here = ctx.toks[first:ctx.sentence_range(match.first, match.last)[1]]
    real = cue_lists.keys("scene_real")
    if any(t.key in real for t in said + here) or any(t.key.startswith("наш") or t.key in _WE for t in here):
        return None
    named = next((t for t in said if t.key in story), None)
    if named is None and any(t.text in ("«", "„") for t in said):  # "Смотрели «Брат-2». Там как он всех положил"
        named = next((t for t in said if t.key in verbs), None)
    if named is None:
        return None
    return Rejection(Reason.ON_SCREEN, f"{named.text} ... {opening[lead].text}")
