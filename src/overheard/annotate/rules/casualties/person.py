"""One person from the grammar of a clause with no count (ANNOTATION.md: a named individual counts as 1; cas18): the
object of "they killed / took" ("А его через час свои же и положили", "Бэху на моих глазах обнулили", "Обнулили у нас
Рустама", "мы хохла в плен взяли") or the subject of a state ("я уже у них в плену сижу", "Здесь, в плену, я впервые
наелся", "Эркемен в плену"). Several people anywhere in the clause ("их", "нас", a number, a plural noun for people)
leave the count unknown.
"""

from __future__ import annotations

from functools import lru_cache

from overheard.annotate import cues as cue_lists
from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.reasons import NounReading
from overheard.annotate.rules.casualties.words import grammemes, pos, tags
from overheard.annotate.rules.terms import TermMatch
from overheard.annotate.rules.token_facts import token_facts
from overheard.annotate.rules.tokens import FIRM_ENDS, Tok
from overheard.names import name_lexicon
from overheard.text import morph

_CAPTORS = frozenset({"у", "в", "к", "до", "від", "от"})  # "у них в плену": the captor, not the captive
_FIRST_SINGULAR = frozenset({"я", "меня", "мене", "мне", "мені", "мной", "мною"})
_PLURAL_SUBJECTS = frozenset({"мы", "ми", "они", "вони", "вы", "ви"})
_OPENING_MARKS = FIRM_ENDS | {"—"}  # a word after these opens its sentence or turn
_INSIDE_STOPS = _OPENING_MARKS | {":", "«"}  # a capital after these may open a quotation


def they_did(ctx: Context, match: TermMatch) -> bool:
    """Whether the match is one plural past transitive verb ("обнулили", "положили", "вбили"): "they" did it to
    someone, whose number the object says."""
    if match.last - match.first != 1 or not ctx.toks[match.first].key[:1].isalpha():
        return False
    return plural_deed(ctx.toks[match.first].key, ctx.lang)


def plural_deed(key: str, lang: str) -> bool:
    """Whether a word's best reading is a plural past transitive verb ("обнулили", "розстріляли"): the Ukrainian
    dictionary marks no transitivity, so there one of ``count_object_verbs`` counts (counts30)."""
    found = token_facts(key, lang).readings if key[:1].isalpha() else ()
    if not found:
        return False
    g = found[0].grammemes
    if lang == "uk" and "tran" not in g and "intr" not in g:
        return {"VERB", "plur", "past"} <= g and key in cue_lists.keys("count_object_verbs")
    return {"VERB", "plur", "past", "tran"} <= g


def one_person(ctx: Context, match: TermMatch, verb: bool) -> str | None:
    """'sing' when the clause names one person as the object (``verb``: the match is "they did it") or the sentence
    names one as the subject of the words, and nobody else; None otherwise."""
    clause = _clause(ctx, match)
    if any(_several(ctx, k, verb) for k in clause):
        return None
    window = clause if verb else _sentence(ctx, match)  # "Здесь, в плену, я впервые наелся"
    return "sing" if any(_one(ctx, k, verb) and not _vocative(ctx, k) for k in window) else None


def _clause(ctx: Context, match: TermMatch) -> list[int]:
    """Token indices of the clause around the match: up to eight words before it and five after it."""
    before = len(ctx.before(match.first, 8))
    after = len(ctx.after(match.last, 5))
    return [*range(match.first - before, match.first), *range(match.last, match.last + after)]


def _sentence(ctx: Context, match: TermMatch) -> list[int]:
    """Token indices of the sentence around the match (commas do not stop it): eight words before, six after."""
    before = len(ctx.sentence_before(match.first, 8))
    after = len(ctx.sentence_after(match.last, 6))
    return [*range(match.first - before, match.first), *range(match.last, match.last + after)]


def _several(ctx: Context, k: int, verb: bool) -> bool:
    """Whether token ``k`` names several people: a number that is no time ("через три дня"), a plural pronoun that is
    no captor ("их", "нас", not "у них"), a people word or a plural animate noun; with a verb of "they did it", its
    subject in the nominative ("мы хохла в плен взяли", "свои же положили") is not who was hit."""
    toks, cues = ctx.toks, ctx.cues
    tok = toks[k]
    expr = ctx.by_first.get(k)
    if expr is not None:
        after = toks[expr.last].key if expr.last < len(toks) else ""
        return not cues.reads_as(after, NounReading.TIME)
    if not tok.key[:1].isalpha() or k in ctx.by_last:
        return False
    if tok.key in cues.plural_pronouns:
        if k > 0 and toks[k - 1].key in _CAPTORS:
            return False
        return not (verb and tok.key in _PLURAL_SUBJECTS)
    found = tags(tok.key, ctx.lang)[:2]
    if verb and any("nomn" in grammemes(t) for t in found):
        return False  # the subject of "they did it": "свои же положили", "хохлы взяли"
    if verb and k > 0 and toks[k - 1].key in _CAPTORS:
        return False  # "в кацапів ротного свої ж розстріляли": whose man, not who was hit
    g = grammemes(found[0]) if found else frozenset()
    if tok.key in cues.people:  # "пацанов", "хлопці", not "хохла" nor "кацап" (Ukrainian tags name no number)
        return any("plur" in grammemes(t) for t in found[:2]) or not g & {"sing", "masc", "femn", "neut"}
    if tok.key in cues.units:
        return not _from_unit(ctx, k)  # "его роту положили": a whole unit; not "Гошу из второго взвода"
    return bool(found) and pos(found[0]) == "NOUN" and {"anim", "plur"} <= g


def _from_unit(ctx: Context, k: int) -> bool:
    """Whether the unit word at ``k`` follows "из/с/з" and its ordinals ("из второго взвода", "з нашої роти"): where a
    man is from, not a unit lost."""
    toks = ctx.toks
    j = k - 1
    while j >= 0 and j >= k - 3 and toks[j].key[:1].isalpha() and any(
            pos(t) in ("ADJF", "NUMR") for t in tags(toks[j].key, ctx.lang)[:1]):
        j -= 1  # "второго", "нашої", "3-й"
    return j >= 0 and j < k and toks[j].key in _FROM


_PREPOSITIONS = frozenset({"до", "к", "ко", "у", "в", "во", "на", "с", "со", "з", "із", "зі", "от", "від", "для",
                           "про", "за", "під", "под", "над", "при", "біля", "возле", "около", "після", "после", "через",
                           "без"})
_FROM = frozenset({"из", "с", "со", "з", "із", "зі", "від", "от"})
_POSSESSIVE_ONE = frozenset({"моего", "мого"})


def _substantive(ctx: Context, k: int) -> bool:
    """Whether token ``k`` is an adjective standing for one man in the accusative, no noun after it ("ротного свои же
    расстреляли", "взводного обнулили", "моего в пятисотые записали"); not a pronoun of a class ("каждого", "всего")."""
    toks = ctx.toks
    tok = toks[k]
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is not None and nxt.key[:1].isalpha() and any(
            pos(t) in ("NOUN", "ADJF") and "plur" not in grammemes(t) and {"accs", "gent"} & grammemes(t)
            for t in tags(nxt.key, ctx.lang)[:1]):
        return False  # "ротного старшину": the noun is the object, read on its own ("ротного свои же": the subject)
    if tok.key in _POSSESSIVE_ONE:
        return True  # "моего в пятисотые записали": a wife's or a mother's "my one"
    found = tags(tok.key, ctx.lang)[:3]
    if not found or pos(found[0]) != "ADJF" or "Apro" in grammemes(found[0]):
        return False  # "каждого", "всего": a class ("а пятого хохлы ранили": the fifth man, one)
    if ctx.lang == "uk" and "anim" not in grammemes(found[0]):  # the Ukrainian tags mark no animacy on adjectives
        return tok.key.endswith("ого") and any("accs" in grammemes(t) for t in found)  # "ротного", not "новий"
    return any(pos(t) == "ADJF" and {"anim", "accs"} <= grammemes(t) and "plur" not in grammemes(t) for t in found)


def _one(ctx: Context, k: int, verb: bool) -> bool:
    """Whether token ``k`` names one person in the role the words need: an object (accusative) of "they did it", or a
    subject (nominative, "я", a singular verb's "I") of a state."""
    toks, cues = ctx.toks, ctx.cues
    tok = toks[k]
    if not tok.key[:1].isalpha() or k in ctx.casualty_tokens:
        return False
    if verb:
        if tok.key in cues.object_pronouns:
            return not _possessive(ctx, k)  # "его роту положили": whose, not whom
        if k > 0 and (toks[k - 1].key in _PREPOSITIONS or any(
                pos(t) == "PREP" for t in tags(toks[k - 1].key, ctx.lang)[:1])):
            return False  # "кабель до спостерігача поклали": a preposition's noun, not the object
        return named(ctx, k, ("accs", "gent")) or _described(ctx, k, "accs") or _substantive(ctx, k)
    if tok.key in _FIRST_SINGULAR or first_person_verb(tok, ctx):
        return True  # "я", "сижу"
    if tok.key in cues.singular_pronouns and tok.key in ("он", "она", "він", "вона"):
        return True
    return named(ctx, k, ("nomn",)) or _described(ctx, k, "nomn")


def _possessive(ctx: Context, k: int) -> bool:
    """Whether "его/її" before a noun is its owner ("его брата": the noun is the object, read on its own)."""
    nxt = ctx.toks[k + 1] if k + 1 < len(ctx.toks) else None
    found = tags(nxt.key, ctx.lang)[:1] if nxt is not None and nxt.key[:1].isalpha() else ()
    return bool(found) and pos(found[0]) == "NOUN"


def named(ctx: Context, k: int, cases: tuple[str, ...]) -> bool:
    """A first name, a nickname or a surname in one of ``cases``: known to the name lexicon, read as a name by the
    dictionary, or a capitalised word inside the sentence the dictionary does not know as a place."""
    toks = ctx.toks
    tok = toks[k]
    names = name_lexicon()
    lower = not tok.text[:1].isupper()
    inside = k > 0 and k not in ctx.breaks and toks[k - 1].text not in _INSIDE_STOPS
    readings = [] if names.is_ambiguous(tok.key) or (lower and not _lower_text(ctx, k)) else names.lookup(tok.key)
    if readings:
        return any(set(cases) & r.cases for r in readings)  # the lexicon knows the name and its cases ("Лёха": nomn)
    found = tags(tok.key, ctx.lang)[:1]
    if any("Name" in grammemes(t) and "plur" not in grammemes(t) and set(cases) & grammemes(t) for t in found):
        return True
    if not inside or lower or not found or _known(tok.key, ctx.lang):
        return False
    return not grammemes(found[0]) & {"Geox", "Orgn", "Abbr"}  # "Эркемен", "Бэху": a name no dictionary knows


@lru_cache(maxsize=20_000)
def _known(key: str, lang: str) -> bool:
    """Whether the dictionary knows the word (an unknown capitalised word inside a sentence is a name)."""
    return morph(lang).word_is_known(key)


def _vocative(ctx: Context, k: int) -> bool:
    """Whether the word opens its sentence and a comma follows it: an address ("Брат, Эркемен в плену")."""
    toks = ctx.toks
    opening = k == 0 or k in ctx.breaks or toks[k - 1].text in _OPENING_MARKS
    return opening and k + 1 < len(toks) and toks[k + 1].text == ","


def _described(ctx: Context, k: int, case: str) -> bool:
    """A singular animate noun in ``case`` ("хохла", "брата", "сын"; the dictionary may read it first as a thing)."""
    tok = ctx.toks[k]
    found = tags(tok.key, ctx.lang)[:3]
    if not found or "plur" in grammemes(found[0]):
        return False
    return any(pos(t) == "NOUN" and {"anim", case} <= grammemes(t) and "plur" not in grammemes(t) for t in found)


def _lower_text(ctx: Context, k: int) -> bool:
    """Whether the utterance around token ``k`` is written in lower case (speech-to-text: names are lower-case)."""
    words = [t for t in ctx.utterance_of(k) if t.key[:1].isalpha()]
    return not any(t.text[:1].isupper() for t in words)


def first_person_verb(tok: Tok, ctx: Context) -> bool:
    """Whether a word is a verb in the first person singular ("сижу", "сиджу")."""
    found = tags(tok.key, ctx.lang)[:1] if tok.key[:1].isalpha() else ()
    return bool(found) and pos(found[0]) == "VERB" and {"1per", "sing"} <= grammemes(found[0])
