"""People named beside one man counted with the words (counts30; ANNOTATION.md, Counts: a named individual counts as
1): the others named after the words with "тоже/теж" ("Хертек трёхсотый лёгкий, Салчак тоже", "Серёгу ранило, и Витю
тоже"): he and as many as are named."""

from __future__ import annotations

from overheard.annotate import cues as cue_lists
from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.counting import implicit_number
from overheard.annotate.rules.casualties.followup import _address, _capitalised_name, _counts_people, _person
from overheard.annotate.rules.casualties.words import grammemes, pos, tags
from overheard.annotate.rules.counts import NumberExpr
from overheard.annotate.rules.terms import TermMatch
from overheard.annotate.rules.tokens import SENTENCE_ENDS, Tok

_OPENERS = frozenset({"и", "і", "й", "та", "а", "да"})  # ", и Витю тоже", ", а Салчак тоже"
_REACH = 4  # words after the match before the comma: "трёхсотый лёгкий, ...", "ранило осколком, ..."


def also_named(ctx: Context, match: TermMatch) -> tuple[int, str] | None:
    """1 + the people named in the clause after one man's words that closes with "тоже/теж/також" ("Хертек трёхсотый
    лёгкий, Салчак тоже": 2); the clause must end there ("Лёха тоже там был" tells something else)."""
    if implicit_number(ctx, match) != "sing":
        return None
    toks, n = ctx.toks, len(ctx.toks)
    k = match.last
    while k < n and k - match.last < _REACH and toks[k].text != "," and toks[k].text not in SENTENCE_ENDS and \
            (k == match.last or k not in ctx.breaks) and k not in ctx.casualty_tokens:
        k += 1
    if k < n and toks[k].text in SENTENCE_ENDS:
        return _and_named_after(ctx, k)
    if k >= n or toks[k].text != ",":
        return None
    k += 1
    if k < n and toks[k].key in _OPENERS:
        k += 1
    named = []
    while k < n and k not in ctx.breaks and _named(ctx, k):
        named.append(toks[k].text)
        k += 1
        if k + 1 < n and (toks[k].text == "," or toks[k].key in _OPENERS) and _named(ctx, k + 1):
            k += 1  # "Салчак и Ондар тоже"
            continue
        break
    also = cue_lists.keys("count_also_words")
    if not named or k >= n or toks[k].key not in also:
        return None
    if k + 1 < n and k + 1 not in ctx.breaks and not toks[k + 1].is_punct:
        return None  # "Лёха тоже там был": the clause goes on about something else
    return 1 + len(named), " ".join(named)


def _and_named_after(ctx: Context, end: int) -> tuple[int, str] | None:
    """1 + the people named in a sentence of their own after the words' sentence, opened by "и/і/а" ("Рому Кислова
    убили. И Стаса.", "Петра поранило. І Миколу теж."): nothing but the names and "тоже" in it."""
    toks, n = ctx.toks, len(ctx.toks)
    k = end
    while k < n and toks[k].text in SENTENCE_ENDS:
        k += 1
    if k >= n or k in ctx.breaks or toks[k].key not in _AND:
        return None
    k += 1
    named = []
    while k < n and k not in ctx.breaks and _named(ctx, k):
        named.append(toks[k].text)
        k += 1
        if k < n and _named(ctx, k) and toks[k - 1].text[:1].isupper() and toks[k].text[:1].isupper():
            k += 1  # "И Стаса Петрова": a first name and a surname, one man
        if k + 1 < n and (toks[k].text == "," or toks[k].key in _AND) and _named(ctx, k + 1):
            k += 1
            continue
        break
    if k < n and toks[k].key in cue_lists.keys("count_also_words"):
        k += 1
    if not named or (k < n and toks[k].text not in SENTENCE_ENDS and k not in ctx.breaks):
        return None
    return 1 + len(named), " ".join(named)


def _named(ctx: Context, k: int) -> bool:
    """A named or described person, not the one spoken to ("Салчак", "Витю", "кум")."""
    tok = ctx.toks[k]
    if _address(tok, ctx) or tok.key in ctx.cues.people:
        return False
    if _person(tok, ctx) or _capitalised_name(ctx, k, ("NOUN", "ADJF", "ADJS", "UNKN")):
        return True
    return tok.text[:1].isupper() and tok.key.isalpha() and k not in ctx.casualty_tokens and any(
        {"Surn", "Name"} & grammemes(t) for t in tags(tok.key, ctx.lang)[:3])  # "Бойко", also an adverb


def names_before_comma(ctx: Context, match: TermMatch) -> tuple[int, str] | None:
    """The people named, two or more joined by "и/і/й/та", in the comma-closed phrase right before the clause of the
    words ("Наших, Саню и Гошу, трёхсотыми увезли", "Хлопців з роти, Андрія і Богдана, взяли в полон"): their number.
    The words' clause may hold only a few words of its own and no other person or number; a singular word ("Саня и
    Гоша, а Витя трёхсотый") or a phrase that is not only names ("Саня и Гоша, что с ними были, ...") gives none."""
    toks = ctx.toks
    if implicit_number(ctx, match) == "sing":
        return None
    clause = ctx.before(match.first, _CLAUSE)
    comma = match.first - len(clause) - 1
    if comma < 2 or toks[comma].text != "," or len(clause) >= _CLAUSE or comma + 1 in ctx.breaks:
        return None
    if any(match.first - 1 - i in ctx.by_first or match.first - 1 - i in ctx.by_last or _named(ctx, match.first - 1 - i)
           or t.key in ctx.cues.plural_pronouns or t.key in ctx.cues.singular_pronouns or t.key in _OPENERS
           for i, t in enumerate(clause)):
        return None  # "Саня и Гоша, их двоих ранило", "..., а Витя в плену": the clause has its own people
    named, joiners, k = [], 0, comma - 1
    while k >= 0 and k + 1 not in ctx.breaks and _named(ctx, k):
        named.append(toks[k].text)
        k -= 1
        if k >= 1 and toks[k].key in _AND and _named(ctx, k - 1):
            joiners += 1
            k -= 1
            continue
        break
    if len(named) < 2 or not joiners or k < 1 or toks[k].text != "," or k + 1 in ctx.breaks:
        return None  # "Саша и Петя, двухсотые есть?": names that open the sentence are the ones spoken to
    if not any(_people(ctx, t) for t in ctx.before(k, 5)):
        return None  # the names explain a word for people before them ("Наших, Саню и Гошу, ...")
    return len(named), " ".join(reversed(named))


def _people(ctx: Context, tok: Tok) -> bool:
    """A word for people in the plural ("наших", "хлопців", "пацанов"), which names in apposition explain."""
    if tok.key in ctx.cues.people:
        return True
    found = tags(tok.key, ctx.lang)[:1] if tok.key.isalpha() else ()
    return bool(found) and {"anim", "plur"} <= grammemes(found[0]) and pos(found[0]) in ("NOUN", "ADJF", "NPRO")


_CLAUSE = 4  # tokens of the words' own clause at most: "взяли", "свои же"
_AND = frozenset({"и", "і", "й", "та"})


def list_before(ctx: Context, match: TermMatch) -> tuple[int, str] | None:
    """A list of people told right before the words: closed by a dash and "это/це" ("Гусев Алексей, Тимофеев Олег,
    Захарченко, Нуриев Ильдар — это без вести"), or a sentence of names alone before words opened by "все/всі"
    ("Читаю: Федотов, Рыжов Павел, Абдуллаев, Лосев Игорь Петрович. Все пропали без вести"): as many as are listed,
    a first name with a surname being one man."""
    toks = ctx.toks
    k = match.first - 1
    if k >= 0 and toks[k].key in _THIS:
        k -= 1
    if k >= 1 and toks[k].text in _DASHES and k + 1 not in ctx.breaks:
        return _listed(ctx, k, stop_at_colon=True)
    k = match.first - 1
    while k >= 0 and k >= match.first - 2 and toks[k].key not in _ALL and toks[k].key[:1].isalpha():
        k -= 1  # "Все пропали без вести", "Всі троє"
    if k < 1 or toks[k].key not in _ALL or toks[k - 1].text not in SENTENCE_ENDS or k in ctx.breaks:
        return None
    return _listed(ctx, k - 1, stop_at_colon=True, whole=True)


def _listed(ctx: Context, end: int, stop_at_colon: bool, whole: bool = False) -> tuple[int, str] | None:
    """The people listed before token ``end`` back to the start of the sentence (or a colon): items split at commas and
    "и/і", each a run of one to three capitalised names; two at least. ``whole``: every word of the sentence must
    belong to the list."""
    toks = ctx.toks
    items, run, k, joined, full = 0, 0, end - 1, False, False
    while k >= 0 and toks[k].text not in SENTENCE_ENDS and not (stop_at_colon and toks[k].text == ":"):
        tok = toks[k]
        if tok.text == "," or tok.key in _AND:
            if not run:
                return None  # ", ," or "и" with no name: no list
            items, run, joined = items + 1, 0, joined or tok.key in _AND
        elif tok.text[:1].isupper() and tok.key.isalpha() and _named(ctx, k) and run < 3:
            run += 1
            full = full or run > 1
        elif whole or run == 0:
            return None  # a word that is no name inside the list
        else:
            break  # the list starts after this word ("Записывай, Марина. Гусев ...": not reached; "читаю Гусев ...")
        if k in ctx.breaks:
            break
        k -= 1
    items += bool(run)
    if items < 2 or not (items > 2 or joined or full):
        return None  # "Саня, Вадим — ...": two names and a comma may be the ones spoken to
    return items, " ".join(t.text for t in toks[k + 1 : end])


_THIS = frozenset({"это", "це"})
_DASHES = frozenset({"—", "–", "-"})
_ALL = frozenset({"все", "всі", "усі", "оба", "обидва", "обе", "обидві"})


def they_before(ctx: Context, match: TermMatch) -> NumberExpr | None:
    """The group "они/вони" (or "их/їх" before a verb: "а их всё равно положили") stands for, right before the words
    ("Тепер вони в полоні", "Они погибли позавчера"): the
    people counted or named just before, in the same sentence before a dash ("Із них трьох уже бачили на відео — вони
    в полоні") or in one of the two sentences before ("Трьох поранених русаків підібрали ... Один важкий. Тепер вони в
    полоні": 3; "А Шапошников, Абдуллаев и Клименко где? Они погибли": 3). The nearest count of two or more counts."""
    toks = ctx.toks
    them = _THEM if _verb(ctx, match.first) else frozenset()  # "а их всё равно положили": the object of the deed
    they = next((match.first - 1 - i for i, t in enumerate(ctx.before(match.first, 3)) if t.key in _THEY | them),
                None)
    if they is None:
        return None
    k, ends = they - 1, 0
    while k >= 0 and k + 1 not in ctx.breaks and toks[k].text in _DASHES | {",", "..."}:
        k -= 1  # "— вони в полоні"
    first = max(0, they - _BACK)
    while k >= first:
        if toks[k].text in SENTENCE_ENDS:
            ends += 1
            if ends > 2:
                return None
        listed = _names_ending_at(ctx, k)
        if listed is not None:
            return listed
        expr = ctx.by_last.get(k)
        if expr is not None and (expr.value or 0) > 1 and not expr.approximate and (_counts_people(ctx, expr) or (
                expr.last < len(toks) and toks[expr.last].key in ctx.cues.skip_before)):  # "трьох уже бачили"
            return expr
        if k in ctx.breaks and ends:
            return None  # another turn's words
        k -= 1
    return None


def _names_ending_at(ctx: Context, k: int) -> NumberExpr | None:
    """Two or more names joined by commas and "и/і" that end at token ``k`` ("Шапошников, Абдуллаев и Клименко")."""
    toks = ctx.toks
    if not (toks[k].text[:1].isupper() and _named(ctx, k)):
        return None
    items, j, joined = 1, k - 1, False
    while j >= 1 and (toks[j].text == "," or toks[j].key in _AND) and toks[j - 1].text[:1].isupper() and \
            _named(ctx, j - 1):
        items, joined, j = items + 1, joined or toks[j].key in _AND, j - 2
    if items < 2 or not (joined or items > 2):
        return None
    return NumberExpr(j + 1, k + 1, items, False, phrase=" ".join(t.text for t in toks[j + 1 : k + 1]))


_THEY = frozenset({"они", "вони"})
_THEM = frozenset({"их", "їх"})  # before a verb only: before a noun they say whose ("их двухсотые")


def _verb(ctx: Context, k: int) -> bool:
    """Whether token ``k`` is a finite verb ("положили", "поранило")."""
    found = tags(ctx.toks[k].key, ctx.lang)[:1] if ctx.toks[k].key.isalpha() else ()
    return bool(found) and pos(found[0]) == "VERB"
_BACK = 40  # tokens: the two sentences before
