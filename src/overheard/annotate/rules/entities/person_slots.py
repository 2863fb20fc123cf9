"""The slots in which a text's grammar makes a word someone (:mod:`.narrative`'s call signs, :mod:`.roles`' person
roles): the subject of a verb that agrees with it, the one told, the one wounded or killed, a companion, one something
is done to, one of two joined by "и" before a plural verb, a possessor. Each test takes a :class:`.text_grammar.Grammar`
and a word index and returns why the word is someone, or "" when the slot does not hold."""

from __future__ import annotations

from overheard.annotate.rules.entities.morph import grammemes
from overheard.annotate.rules.entities.text_grammar import GAP_POS, Grammar
from overheard.annotate.rules.entities.word_grammar import agrees, top_pos
from overheard.text import parses

WITH = frozenset({"с", "со", "з", "із", "зі"})
AND = frozenset({"и", "і", "й", "та", "да"})
_WE = frozenset({"мы", "ми"})
_NOMINATIVE = frozenset({"nomn"})
_DATIVE = frozenset({"datv"})


def told(g: Grammar, i: int) -> str:
    """"передай болту что", "скажи бризові": the one told, a dative right after a verb of telling."""
    first = g.run_start(i)
    if first == 0 or g.keys[first - 1] not in g.lists["telling"]:
        return ""
    return "the one told, a dative after a verb of telling" if g.nominal(i, _DATIVE, least=0.01) else ""


def subject(g: Grammar, i: int) -> str:
    """The subject of a verb that agrees with it (the rules: :mod:`.narrative`'s docstring)."""
    nominative = g.nominal(i, _NOMINATIVE)
    if not nominative:
        return ""
    j = g.next_verb(i, objects=1)
    if j is None:
        return ""
    why = _acts(g, i, j, nominative)
    if not why or g.thing_before(i):
        return ""
    if nominative[0].tag.POS == "ADJF" and g.noun_after(i, _NOMINATIVE) or g.said_of_someone(i):
        return ""
    if any("Anum" in grammemes(p) for p in nominative) and i + 1 < g.n and any(
            p.tag.POS == "NOUN" for p in parses(g.keys[i + 1], g.language)):
        return ""  # "четвертый раз": an ordinal counts the noun after it
    return why


def _acts(g: Grammar, i: int, j: int, nominative: tuple) -> str:
    """Why verb ``j`` makes word ``i`` (read as ``nominative``) someone ("": it does not)."""
    adjective = nominative[0].tag.POS == "ADJF"  # "рыжий", not "вишня" (a noun first, an adjective too)
    verbs = g.verb(j)
    if not any(agrees(v, nominative) for v in verbs):
        if any(v.tag.tense == "past" and v.tag.number == "sing" and v.tag.gender == "masc" for v in verbs) \
                and all(p.tag.gender in ("femn", "neut") for p in nominative) and all(
                g.keys[k] in g.lists["body"] or top_pos(g.keys[k], g.language) in GAP_POS
                for k in range(i + 1, j)):  # adverbs or a part of the body between, not "грязь по колено надел"
            return "a feminine or neuter word before a masculine verb: a man's call sign"  # "зубило пришёл"
        return ""
    if any(g.keys[k] in g.lists["body"] and top_pos(g.keys[k - 1], g.language) != "PREP"
           for k in range(i + 1, j)):  # the object, not "в плечо" ("осколок в плечо попал")
        return "one who hurts a part of their body, the verb agreeing"  # "иней опять ногу подвернул"
    key = g.keys[j]
    if key in g.lists["person_verbs"] and key not in g.lists["things"]:
        return "the subject of a verb only a person does, agreeing with it"
    if j + 1 < g.n and g.keys[j + 1] in AND and any(
            g.keys[k] in g.lists["person_verbs"] for k in range(j + 2, min(g.n, j + 4))):
        return "the subject of a verb joined to one only a person does"  # "маяк пришёл и давай орать"
    animate = any("anim" in grammemes(p) or not p.is_known for p in nominative)
    if (animate or adjective) and key in g.lists["acting_verbs"]:
        return "an animal, an unknown word or a bare adjective acting as someone does, the verb agreeing"
    if adjective and j > i + 1:
        return "a bare adjective acting, the verb agreeing"
    return ""  # an object between a noun and its verb is read only as a part of the body (above)


def wounded(g: Grammar, i: int) -> str:
    """"кабана ранило", "зацепило сову": the one an impersonal verb of wounding hits, an animate accusative."""
    near = [j for j in (i - 1, i + 1, i + 2) if 0 <= j < g.n and g.keys[j] in g.lists["wounded"]]
    if not near or g.thing_before(i):
        return ""
    accusative = g.nominal(i, frozenset({"accs"}))
    if any("Anum" in grammemes(p) for p in accusative):
        return ""  # "второго ранило": the second one counted, not a station (tests/test_unseen_round12_pii.py)
    bare = any(p.tag.POS == "ADJF" and p.tag.gender == "masc" for p in accusative) and not g.noun_after(
        i, frozenset({"accs"}))  # "борзого ранило": a bare masculine adjective is someone
    if bare or any("anim" in grammemes(p) or not p.is_known for p in accusative):
        return "the one wounded or killed, an animate accusative"
    return ""


def hurt(g: Grammar, i: int) -> str:
    """"кувалде ногу оторвало", "молотку руку посекло": a dative before a part of the body and the verb that hurt it
    (callsigns30); "машине колесо оторвало" has no part of the body."""
    if i + 2 >= g.n or g.keys[i + 1] not in g.lists["body"] or g.thing_before(i):
        return ""
    dative = g.nominal(i, _DATIVE)
    if not dative or any("Anum" in grammemes(p) for p in dative) or any(p.tag.POS == "ADJF" for p in dative) \
            and g.noun_after(i, _DATIVE):
        return ""
    j = i + 2
    if not (g.verb(j) or any(p.tag.POS == "VERB" and p.score >= 0.3 for p in parses(g.keys[j], g.language)[:2])):
        return ""
    return "one hurt, a dative before a part of the body and the verb that hurt it"


def companion(g: Grammar, i: int) -> str:
    """"мы с кабаном", "с беркутом были", "я с молотом говорил"."""
    first = g.run_start(i)
    if first == 0 or g.keys[first - 1] not in WITH:
        return ""
    instrumental = g.nominal(i, frozenset({"ablt"}))
    if not instrumental:
        return ""
    if first >= 2 and g.keys[first - 2] in _WE:
        return "a companion: \"мы с\" and a word"
    adjective = any(p.tag.POS == "ADJF" for p in instrumental)
    if adjective and g.noun_after(i, frozenset({"ablt"})):
        return ""
    j = g.next_verb(i, span=3)
    if j is None:
        return ""
    if g.keys[j] in g.lists["meeting"]:
        return "a companion one talks or meets with"
    animate = any("anim" in grammemes(p) or not p.is_known for p in instrumental)
    plural = any(v.tag.number == "plur" or v.tag.person == "1per" for v in g.verb(j))
    if (animate or adjective) and plural and j == i + 1:
        return "a companion of a group that acts"
    return ""


def done_to(g: Grammar, i: int) -> str:
    """"барсука убили", "клёна поймали", "пряника взяли в плен", "за дрозда отомстим": someone in the accusative
    beside a plural verb of what is done to a person: an animal or an unknown word, or a masculine thing in the
    genitive, the accusative only someone has."""
    first = g.run_start(i)
    before = g.keys[first - 1] if first else ""
    n = g.n
    after = i + 1 < n and g.done_verb(i + 1) or before == "за" and i + 2 < n and g.done_verb(i + 2)
    if not (first and g.done_verb(first - 1) or after):
        return ""
    if before not in ("", "за") and g.thing_before(i):
        return ""
    accusative = g.nominal(i, frozenset({"accs"}))
    if any("Anum" in grammemes(p) for p in accusative):
        return ""  # "второго убили": the second one counted
    if any(p.tag.POS == "NOUN" and ("anim" in grammemes(p) or not p.is_known) for p in accusative):
        return "someone a plural verb of killing, catching or avenging is done to, an animate accusative"
    genitive = g.nominal(i, frozenset({"gent"}))
    if not accusative and any(p.tag.POS == "NOUN" and p.tag.gender == "masc" for p in genitive):
        return "someone a plural verb of killing or catching is done to, a masculine thing in a person's accusative"
    return ""


def pair(g: Grammar, i: int) -> str:
    """"филин и сорока пропали": two nouns joined by "и" before a plural verb that a person does (or an animal, an
    unknown word or a bare adjective does as someone): both are someone."""
    k = i + 2
    counted = i and any("Coll" in grammemes(p) for p in parses(g.keys[i - 1], g.language)[:1])
    if g.keys[i + 1] not in AND or g.thing_before(i) and not counted:
        return ""  # "двое филин и сорока": the two named after their count
    first = g.nominal(i, _NOMINATIVE)
    second = g.nominal(k, _NOMINATIVE) or tuple(  # "сорока", a numeral first, is a noun after "и" and a noun
        p for p in parses(g.keys[k], g.language)[:6]
        if p.tag.POS == "NOUN" and p.tag.case == "nomn" and p.tag.number != "plur" and p.score >= 0.01)
    if not first or not second or g.said_of_someone(i):
        return ""
    j = g.next_verb(k, span=3)
    if j is None or not any(v.tag.number == "plur" and v.tag.person != "1per" for v in g.verb(j)):
        return ""
    key = g.keys[j]
    if key in g.lists["person_verbs"] and key not in g.lists["things"]:
        return "one of two joined by \"и\" before a verb only people do"
    creature = all(any("anim" in grammemes(p) or not p.is_known or p.tag.POS == "ADJF" for p in found)
                   for found in (first, second))
    if creature and key in g.lists["acting_verbs"]:
        return "one of two animals, unknown words or bare adjectives joined by \"и\" acting as people do"
    return ""


def possessor(g: Grammar, i: int) -> str:
    """"у кабана в группе", "у рыжего", "у молота пацаны"."""
    first = g.run_start(i)
    at = g.keys[first - 1] if first else ""
    if not (at == "у" or at == "в" and g.language == "uk") or i + 1 >= g.n:
        return ""
    genitive = g.nominal(i, frozenset({"gent"}))
    if not genitive or at == "в" and not any("anim" in grammemes(p) for p in genitive):
        return ""  # Ukrainian "в" is "at" only before someone ("в сокола рація"), else "in" ("в лісі")
    adjective = any(p.tag.POS == "ADJF" for p in genitive)
    if adjective and g.noun_after(i, frozenset({"gent"})):
        return ""
    nxt = g.keys[i + 1 : i + 3]
    if any(k in g.lists["groups"] for k in nxt):
        return "a possessor of a group or a soldier's things"
    if adjective or any("anim" in grammemes(p) and "NOUN" == p.tag.POS or not p.is_known for p in genitive):
        return "a possessor: an animal, an unknown word or a bare adjective"
    return ""
