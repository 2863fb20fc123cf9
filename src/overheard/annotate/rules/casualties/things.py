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
from overheard.annotate.rules.tokens import Tok


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
    people = cues.people | cues.object_pronouns | cues.plural_pronouns | cue_lists.keys("lying_people")
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
