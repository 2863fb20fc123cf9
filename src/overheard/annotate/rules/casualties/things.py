"""What a killing verb is said of when it is no person: an animal ("кота убили"), a place ("посадку зачистили") or
another thing as its object beside it (ANNOTATION.md: a casualty mention is a statement that people were lost)."""

from __future__ import annotations

from collections.abc import Callable

from overheard.annotate import cues as cue_lists
from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.reasons import NounReading
from overheard.annotate.rules.casualties.words import grammemes, is_animate, pos, tags
from overheard.annotate.rules.counts import number_tables
from overheard.annotate.rules.terms import TermMatch
from overheard.annotate.rules.tokens import SENTENCE_ENDS, Tok


def killed_object(ctx: Context, match: TermMatch, named: Callable[[Context, Tok], bool]) -> Tok | None:
    """The thing or animal a killing verb has for its object beside it in the clause ("кота убили", "кур всех
    перестреляли", "посадку зачистили"), when no person, count or pronoun of people stands in the clause (``named``
    tells a man's name after the word)."""
    lang, cues = ctx.lang, ctx.cues
    verb = ctx.toks[match.first]
    best = tags(verb.key, lang)[:1] if verb.key[:1].isalpha() else ()
    if not best or pos(best[0]) not in ("VERB", "PRTS") or "intr" in grammemes(best[0]):
        return None
    clause = ctx.before(match.first, 4) + ctx.after(match.last, 4)
    animals = cue_lists.keys("animals")
    people = cue_lists.union(cues.people, cues.object_pronouns, cues.plural_pronouns, cue_lists.keys("lying_people"))
    tables = number_tables()
    for tok in clause:
        if tok.key in people or tok.key in tables.collective or (is_animate(tok, lang) and tok.key not in animals) \
                or named(ctx, tok) or tok.key[:1].isdigit():
            return None
    if any(k in ctx.by_first for k in range(max(0, match.first - 4), min(len(ctx.toks), match.last + 4))):
        return None  # "поклали з півсотні": a count of people
    for k in [*range(match.first - 1, match.first - 3, -1), *range(match.last, match.last + 2)]:
        if k < 1 or k >= len(ctx.toks) or k in ctx.breaks or ctx.toks[k].is_punct:
            continue
        tok, prev = ctx.toks[k], ctx.toks[k - 1]
        found = tags(tok.key, lang)[:1] if tok.key[:1].isalpha() else ()
        governed = prev.key[:1].isalpha() and any(pos(t) == "PREP" for t in tags(prev.key, lang)[:1])
        when = cues.reads_as(tok.key, NounReading.TIME) or (tok.key.startswith("пол") and cues.reads_as(
            tok.key[3:], NounReading.TIME))  # "неделю стреляли", "полгода как похоронили": how long, no object
        thing = bool(found) and pos(found[0]) == "NOUN" and tok.text.islower() and {"inan", "accs"} <= grammemes(
            found[0])
        if not governed and not when and (tok.key in animals or thing):
            return tok  # not "похоронили в леваши": a place after a preposition
    return None


_SENTENCE_END = SENTENCE_ENDS | {"—", "–", ":"}


def _opens_sentence(ctx: Context, k: int) -> bool:
    """Whether token ``k`` opens a sentence, a line or a turn (its capital says nothing of a name)."""
    return k == 0 or k in ctx.breaks or ctx.toks[k - 1].text in _SENTENCE_END


def thing_subject(ctx: Context, match: TermMatch, named: Callable[[Context, Tok], bool]) -> Tok | None:
    """The thing or animal a word of death, loss or desertion is said of as its subject before it in the clause
    ("рассада погибла", "телефон у Коли погиб", "кросівки вже вбиті", "посылка пропала без вести", "кіт зник
    безвісти"), when no person, count or pronoun of people stands in the clause: the nearest noun before it that no
    preposition governs, in the nominative, agreeing with it in number and gender, lower case or opening the sentence,
    no unit of soldiers, and no living person's name."""
    lang, cues = ctx.lang, ctx.cues
    if _people_in_clause(ctx, match, named):
        return None
    head = next((t for t in ctx.toks[match.first : match.last] if t.key[:1].isalpha() and tags(t.key, lang) and pos(
        tags(t.key, lang)[0]) in _PREDICATES), None)
    if head is None:
        return None
    animals = cue_lists.keys("animals")
    after = _subject_after(ctx, match, head)  # "погиб мой ноут", "Загинув мій павербанк": the verb first
    if after is not None:
        return after
    for k in range(match.first - 1, match.first - 4, -1):
        if k < 0 or k + 1 in ctx.breaks or ctx.toks[k].key in cues.clause_end:
            return None
        tok = ctx.toks[k]
        found = tags(tok.key, lang)[:1] if tok.key[:1].isalpha() else ()
        if not found or pos(found[0]) != "NOUN" or any(pos(t) in _FUNCTION for t in tags(tok.key, lang)):
            continue
        prev = ctx.toks[k - 1] if k > 0 else None
        if prev is not None and prev.key[:1].isalpha() and any(pos(t) == "PREP" for t in tags(prev.key, lang)[:1]):
            continue  # "у Коли", "під Бахмутом": an owner or a place, no subject
        heads = [grammemes(t) for t in tags(head.key, lang)]
        subject = next((grammemes(t) for t in tags(tok.key, lang) if pos(t) == "NOUN" and (
            "nomn" in grammemes(t) or not grammemes(t) & _CASES) and any(_agree(grammemes(t), h) for h in heads)), None)
        if subject is None or tok.key in cues.units or \
                tok.key in cue_lists.keys("distributive_words", "count_vague_words", "count_rest_words"):
            return None  # "третій взвод", "частина загинула": people after all
        plain = tok.text.islower() or (_opens_sentence(ctx, k) and not named(ctx, tok))
        if tok.key in animals or ("inan" in subject and plain and not cues.reads_as(tok.key, NounReading.TIME)):
            return tok
        return None  # the nearest noun decides
    return None


def _subject_after(ctx: Context, match: TermMatch, head: Tok) -> Tok | None:
    """A lower-case inanimate noun in the nominative right after a verb that opens its clause, a possessive between
    them allowed ("погиб мой ноут", "Загинув мій павербанк"), agreeing with it."""
    lang = ctx.lang
    if match.first > 0 and match.first not in ctx.breaks and ctx.toks[match.first - 1].key not in ctx.cues.clause_end \
            and ctx.toks[match.first - 1].text not in _SENTENCE_END:
        return None
    heads = [grammemes(t) for t in tags(head.key, lang)]
    for tok in ctx.after(match.last, 2):
        found = tags(tok.key, lang) if tok.key[:1].isalpha() else ()
        if _possessive(ctx, tok):
            continue  # "мій", "мой"
        if not found or pos(found[0]) != "NOUN" or any(pos(t) in _FUNCTION for t in found):
            return None  # "загинув під Бахмутом" ("під" is also a noun to the dictionary)
        subject = next((grammemes(t) for t in found if pos(t) == "NOUN" and (
            "nomn" in grammemes(t) or not grammemes(t) & _CASES) and any(_agree(grammemes(t), h) for h in heads)), None)
        if subject is not None and "inan" in subject and tok.text.islower() and tok.key not in ctx.cues.units:
            return tok
        return None
    return None


_PREDICATES = frozenset({"VERB", "PRTS", "PRTF", "ADJF", "ADJS"})
_FUNCTION = frozenset({"PREP", "CONJ", "PRCL", "INTJ"})
_GENDERS = frozenset({"masc", "femn", "neut"})
_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2"})


def _agree(noun: frozenset[str], word: frozenset[str]) -> bool:
    """Whether a noun can be the subject of a verb, participle or adjective: the same number, and in the singular the
    same gender where the word has one."""
    if ("plur" in noun) != ("plur" in word) and "Pltm" not in noun:
        return False
    return "plur" in word or not (word & _GENDERS) or bool(noun & word & _GENDERS)


def _people_in_clause(ctx: Context, match: TermMatch, named: Callable[[Context, Tok], bool]) -> bool:
    """Whether a person, a count, a pronoun of people or a name stands in the clause of a match (a possessive beside a
    thing, "посылка наша", and a number after a preposition, "вбиті в нуль", are none)."""
    lang, cues = ctx.lang, ctx.cues
    animals = cue_lists.keys("animals")
    people = cue_lists.union(cues.people, cues.object_pronouns, cues.plural_pronouns, cues.singular_pronouns,
                             cue_lists.keys("lying_people"))
    tables = number_tables()
    for tok in ctx.before(match.first, 4) + ctx.after(match.last, 4):
        possessive = _possessive(ctx, tok)
        if (tok.key in people and not possessive) or tok.key in tables.collective or (
                is_animate(tok, lang) and tok.key not in animals) or named(ctx, tok) or tok.key[:1].isdigit():
            return True
    for k in range(max(0, match.first - 4), min(len(ctx.toks), match.last + 4)):
        if k in ctx.by_first and not (k > 0 and any(pos(t) == "PREP" for t in tags(ctx.toks[k - 1].key, lang)[:1])):
            return True
    return False


_BY = frozenset({"у", "в"})


def thing_captor(ctx: Context, match: TermMatch) -> Tok | None:
    """The thing a captivity phrase says holds the speaker ("я в плену у этой ипотеки", "в полоні в цього магазину",
    "в плену у своего телефона", "в полоні цих папірців"): a lower-case inanimate noun in the genitive right after the
    phrase, after "у"/"в" or alone (a word or two between), no animate captor ("у хохлов") and no place ("в Курске" is
    the locative)."""
    lang = ctx.lang
    after = ctx.after(match.last, 4)
    if not after:
        return None
    if after[0].key in _BY:
        words = after[1:]
    elif ctx.toks[match.last - 1].key in ctx.cues.direction or not _pointing(after[0], lang):
        return None  # "з полону листа", "в полоні зараз чотирнадцятий": no captor
    else:
        words = after  # "я в полоні цих папірців": a demonstrative and the genitive alone
    for tok in words:
        found = tags(tok.key, lang)[:1] if tok.key[:1].isalpha() else ()
        if not found:
            return None
        g = grammemes(found[0])
        if pos(found[0]) == "NOUN":
            thing = "inan" in g and "gent" in g and tok.text.islower() and tok.key not in ctx.cues.units
            return tok if thing else None
        if pos(found[0]) not in ("ADJF", "NPRO"):
            return None
    return None


def _pointing(tok: Tok, lang: str) -> bool:
    """Whether a word is a demonstrative or possessive pronoun ("цих", "этой", "своего")."""
    found = tags(tok.key, lang)[:1] if tok.key[:1].isalpha() else ()
    if not found:
        return False
    g = grammemes(found[0])
    return (pos(found[0]) == "ADJF" and "Apro" in g) or (pos(found[0]) == "NPRO" and "pers" not in g)


def _possessive(ctx: Context, tok: Tok) -> bool:
    """Whether a word is an adjective or a pronoun standing before a noun ("мой ноут", "мій павербанк", "посылка
    наша"): it owns or describes the thing, it names no person."""
    found = tags(tok.key, ctx.lang)[:1] if tok.key[:1].isalpha() else ()
    if not found:
        return False
    if pos(found[0]) == "ADJF":
        return True
    k = next(i for i, t in enumerate(ctx.toks) if t is tok)
    nxt = ctx.toks[k + 1] if k + 1 < len(ctx.toks) else None
    after = tags(nxt.key, ctx.lang)[:1] if nxt is not None and nxt.key[:1].isalpha() else ()
    return pos(found[0]) == "NPRO" and "pers" not in grammemes(found[0]) and bool(after) and pos(after[0]) == "NOUN"




_LIKE = frozenset({"как", "як", "мов", "наче", "немов", "будто", "ніби", "словно"})
_PIECES = frozenset({"штук", "штуки", "штука", "шт"})


def animal_said_of(ctx: Context, match: TermMatch, named: Callable[[Context, Tok], bool]) -> Tok | None:
    """The animal a plain casualty word is said of: the nearest living being before it in its sentence (six words at
    most), or after a verb that opens its sentence, is an animal written in lower case ("кабана взяли, але того,
    першого, тільки поранили", "крыс травили — штук двадцать положили", "двести кур положил хорёк", "пёс без вести
    пропал", "малий у грі корову вбив"). A person, a name, a pronoun of people, a count of people ("двоих") or another
    casualty word found first, or one of them in the clause after the word, makes it a loss ("собаку кормил, Сашу
    ранило", "кота кормили, ранило двоих"); an animal in a likeness ("как собак") is passed, and a capitalised one
    may be a call sign ("Кабан пропал")."""
    lang = ctx.lang
    animals = cue_lists.keys("animals")
    if animals.isdisjoint(ctx.key_set):
        return None
    people = cue_lists.union(ctx.cues.people, ctx.cues.object_pronouns, ctx.cues.plural_pronouns,
                             ctx.cues.singular_pronouns, cue_lists.keys("lying_people"))
    collective = number_tables().collective

    def person(k: int, tok: Tok) -> bool:
        if tok.key in _PIECES:
            return False  # "крыс травили — штук двадцать положили": pieces count animals as well as men
        return k in ctx.casualty_tokens or tok.key in people or tok.key in collective or named(ctx, tok) or (
            tok.key[:1].isalpha() and tok.key not in animals and is_animate(tok, lang))

    head = ctx.toks[match.first]
    found = tags(head.key, lang) if head.key[:1].isalpha() else ()
    after = [(match.last + i, t) for i, t in enumerate(ctx.after(match.last, 4))]
    if _opens_sentence(ctx, match.first) and found and pos(found[0]) == "VERB":
        near = [(match.last + i, t) for i, t in enumerate(ctx.sentence_after(match.last, 3))]  # "пропал кот"
    else:
        near = [(match.first - 1 - i, t) for i, t in enumerate(ctx.sentence_before(match.first, 6))]
        if any(person(k, t) and t.key not in animals for k, t in after):
            return None  # "кота кормили, ранило двоих"
    for i, (k, tok) in enumerate(near):
        if tok.key in animals and tok.text.islower():
            if i + 1 < len(near) and near[i + 1][1].key in _LIKE:
                continue  # "двухсотых там как собак": a likeness
            return tok
        if person(k, tok):
            return None
    return None
