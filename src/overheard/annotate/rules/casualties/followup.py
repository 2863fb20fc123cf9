"""Counts stated away from the casualty word (ANNOTATION.md, Counts; issue 17): in a following sentence or turn
("двухсотых вывезли. Шестерых."; "Сколько? — Человек двенадцать."), as companions of a named person ("он и ещё
двое", "разом з двома хлопцями"), as named people joined ("Петренко з Іваненком"), or as a people count after
a vague amount ("полроты в отказниках, человек сорок")."""

from __future__ import annotations

from dataclasses import replace

from overheard.annotate import cues as cue_lists
from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.counting import LIST_DASHES, clock_time, measured_before
from overheard.annotate.rules.casualties.words import grammemes, is_animate, is_noun, number_of, pos, tags
from overheard.annotate.rules.counts import NumberExpr
from overheard.annotate.rules.terms import TermMatch
from overheard.annotate.rules.tokens import FIRM_ENDS, SENTENCE_ENDS, Tok
from overheard.names import name_lexicon

_PERSON_TAGS = ("Name", "Surn", "Patr")


def sentence_after(ctx: Context, index: int) -> tuple[int, int, bool] | None:
    """The sentence after the one holding token ``index``: ``(first, last, is_question)``, within the utterance."""
    toks, n = ctx.toks, len(ctx.toks)
    k = index
    while k < n and toks[k].text not in SENTENCE_ENDS:
        if k > index and k in ctx.breaks:
            return None
        k += 1
    while k < n and toks[k].text in SENTENCE_ENDS:
        k += 1
    if k >= n or k in ctx.breaks:
        return None
    last = sentence_end(ctx, k)
    question = last < n and toks[last].text.startswith("?")
    return k, last, question


def sentence_end(ctx: Context, first: int) -> int:
    """The index of the end mark (or the next turn, or the end) of the sentence read on from token ``first``."""
    toks, n = ctx.toks, len(ctx.toks)
    last = first
    while last < n and toks[last].text not in SENTENCE_ENDS and (last == first or last not in ctx.breaks):
        last += 1
    return last


def _opening(ctx: Context, first: int, last: int, match: TermMatch) -> int:
    """The first token of a sentence after a speaker's label ("Мать:"), dashes, "всего", "да" or a repeated word."""
    toks, cues = ctx.toks, ctx.cues
    k = first
    if k + 1 < last and toks[k + 1].text == ":" and toks[k].text[:1].isupper():
        k += 2  # "Сын: Семерых."
    repeated = {toks[i].key for i in range(match.first, match.last)}
    while k < last and (toks[k].is_punct or toks[k].key in cues.count_lead or toks[k].key in cues.affirm
                        or toks[k].key in repeated):
        k += 1
    return k


def _counts_people(ctx: Context, expr: NumberExpr) -> bool:
    """Whether a number counts people: nothing, a person noun, a verb or punctuation after it, not "три дня", not
    "один з ..." (one of them)."""
    if clock_time(ctx, expr) or measured_before(ctx, expr):
        return False  # "Выезжаем часов в пять.", "Ему двадцать два."
    k = expr.last
    if k >= len(ctx.toks) or ctx.toks[k].is_punct:
        return True
    tok = ctx.toks[k]
    if tok.key in ctx.cues.people or tok.key in ctx.cues.laid_objects:
        return True
    if expr.value == 1 and tok.key in ctx.cues.count_out_of:
        return False  # "Один з Омська, другий з Бурятії": one of the group told about, not its size
    return not is_noun(tok, ctx.lang) or is_animate(tok, ctx.lang)



def _following_sentences(ctx: Context, index: int, most: int):
    """Up to ``most`` sentences (or turns) after token ``index``, each as (first, last, is_question)."""
    for _ in range(most):
        found = sentence_after(ctx, index)
        if found is None:
            return
        yield found
        index = found[1]

def next_sentence_count(ctx: Context, match: TermMatch, answering: bool = False) -> NumberExpr | None:
    """A count given in a following sentence or turn: at its start, or as the one number of a short sentence.

    Questions in between ("Мать: Много?") are passed over, and so is one sentence with no number and no casualty
    word ("— Двохсотих? Рахували з коптера. Сорок з чимось."). ``answering`` (the words asked "how many?"): a number
    that opens the answer counts them even where another casualty word follows it past a comma ("— Много двухсотых у
    вас? — Да человек семь за неделю, и трёхсотых с десяток")."""
    answered = _answer_to_how_many(ctx, match)
    if answered is not None:
        return answered
    passed = 0
    how_many = cue_lists.keys("count_how_many")
    for first, last, question in _following_sentences(ctx, match.last, 5):
        if question and last - first <= 5:
            if any(t.key in how_many for t in ctx.toks[first:last]):
                passed = 0  # "— Сколько? — Сейчас скажу... Шестеро.": the answer may open with a filler
            continue
        start = _opening(ctx, first, last, match)
        numbers = [ctx.by_first[k] for k in range(first, last) if k in ctx.by_first]
        words = [t for t in ctx.toks[first:last] if t.key[:1].isalpha()]
        other = next((k for k in range(first, last) if k in ctx.casualty_tokens), None)
        if other is not None:
            opening = ctx.by_first.get(start) if answering else None
            if opening is not None and opening.value and not opening.zero and _counts_people(ctx, opening) and any(
                    ctx.toks[k].text == "," for k in range(opening.last, other)):
                return opening  # "— Много двухсотых? — Да человек семь за неделю, и трёхсотых с десяток."
            return None
        usable = [e for e in numbers if not e.zero and _counts_people(ctx, e) and not (
            e.vague and e.first > 0 and ctx.toks[e.first - 1].key in ("как", "як"))]  # "Ну как много... Шестеро."
        numbers = [e for e in numbers if e in usable or not e.vague]
        if survivors_told(ctx, first, last):
            return None  # "Человек шестьдесят было, на ногах девять осталось": the group and its survivors (counts31)
        if usable and (usable[0].first == start or (len(numbers) == 1 and len(words) <= 5)):
            return usable[0]
        if numbers or question or passed:
            return None
        passed += 1
    return None


_WAS = frozenset({"было", "було", "были", "були"})


def survivors_told(ctx: Context, first: int, last: int) -> bool:
    """Whether tokens ``[first, last)`` (a sentence after the words) tell a group's strength and its survivors: two
    numbers of people, "было/було" and a word of the men left ("Человек шестьдесят было, на ногах девять осталось"),
    so neither number counts the words before (counts31)."""
    survivors, was = cue_lists.keys("count_survivors"), _WAS
    if not any(ctx.toks[k].key in survivors for k in range(first, last)) or not any(
            ctx.toks[k].key in was for k in range(first, last)):
        return False  # the strength said with "было/було" and the survivors both
    numbers = [ctx.by_first[k] for k in range(first, last) if k in ctx.by_first]
    return sum(1 for e in numbers if e.value and not e.zero and _counts_people(ctx, e)) > 1


def _lower_case(ctx: Context) -> bool:
    """Whether the text has no capital letter at all, as speech-to-text writes it (read once per document)."""
    if "lower_case" not in ctx.memo:
        ctx.memo["lower_case"] = not any(tok.text[:1].isupper() for tok in ctx.toks)
    return ctx.memo["lower_case"]


_ASKED = frozenset({"а", "и", "і", "ну", "их", "їх", "всего", "всього", "там", "у", "в", "вас", "было", "було",
                    "точно", "же", "ж"})


def _answer_to_how_many(ctx: Context, match: TermMatch) -> NumberExpr | None:
    """The number that answers a bare "Сколько?" asked in a later turn ("— Двухсотые есть? — Есть. Мы в шесть утра
    выходили. — Сколько? — Двое."): the first number counting people in the one or two sentences after the question,
    which holds nothing but "how many" and fillers ("А сколько их?"). No casualty word on the way."""
    how_many = cue_lists.keys("count_how_many")
    sentences = list(_following_sentences(ctx, match.last, 6))
    for i, (first, last, question) in enumerate(sentences):
        if any(k in ctx.casualty_tokens for k in range(first, last)):
            return None
        words = [t.key for t in ctx.toks[first:last] if t.key[:1].isalpha()]
        if not (question and words and any(w in how_many for w in words) and
                all(w in how_many or w in _ASKED for w in words)):
            continue
        for answer_first, answer_last, _question in sentences[i + 1 : i + 3]:
            if any(k in ctx.casualty_tokens for k in range(answer_first, answer_last)):
                return None
            numbers = [ctx.by_first[k] for k in range(answer_first, answer_last) if k in ctx.by_first]
            usable = [e for e in numbers if not e.zero and e.value and _counts_people(ctx, e)]
            if usable:
                return usable[0]
        return None
    return None


def _person(tok: Tok, ctx: Context) -> bool:
    """A singular named or described person ("Петренко", "кумом", "Миколу", "он")."""
    if tok.key in ctx.cues.singular_pronouns:
        return True
    if not tok.key[:1].isalpha():
        return False
    if tok.key in ctx.cues.people or tok.key in ctx.cues.laid_objects:
        return False  # "пацанов", "наших": people in general, not one named or described person
    names = name_lexicon()  # "Колян": the dictionary reads it first as a plural of something else
    if (tok.text[:1].isupper() or _lower_case(ctx)) and bool(names.lookup(tok.key)) and \
            not names.is_ambiguous(tok.key):
        return True  # in lower-case speech-to-text, "колян" too
    for tag in tags(tok.key, ctx.lang)[:1]:
        g = grammemes(tag)
        if "plur" in g:
            return False
        if any(t in g for t in _PERSON_TAGS) or (pos(tag) == "NOUN" and "anim" in g):
            return True
    return False


def companions(ctx: Context, count: NumberExpr, side: str) -> tuple[NumberExpr, str]:
    """"Он и ещё двое", "Санёк ... и с ним ещё двое": the named person is one more than the count."""
    toks, cues = ctx.toks, ctx.cues
    if count.value is None or count.approximate:
        return count, ""
    k = count.first - 1
    if k >= 2 and toks[k].key in cues.singular_pronouns and toks[k - 1].key in cues.count_out_of and (
            toks[k - 2].key in cues.joining or toks[k - 2].text == ","):
        return replace(count, value=count.value + 1), toks[k].text  # "Лёха и с ним шестеро ушли": he and six
    if side == "before" and k >= 1 and toks[k].key in cues.count_out_of and any(
            "ablt" in grammemes(tag) for tag in tags(toks[count.first].key, ctx.lang)[:1]) and (
            _person(toks[k - 1], ctx) or toks[k - 1].key in _ONE_PERSON):
        return replace(count, value=count.value + 1), toks[k - 1].text  # "Клещ с двумя пацанами в плен попал"
    if k < 0 or toks[k].key not in cues.new_group:
        return count, ""
    k -= 1
    if k >= 1 and toks[k].key in cues.singular_pronouns and toks[k - 1].key in cues.count_out_of:
        return replace(count, value=count.value + 1), toks[k].text  # "и с ним ещё двое": he and two more
    if k >= 1 and toks[k].key in _WITH_THEM and toks[k - 1].key in cues.count_out_of:
        named = _names_before(ctx, k - 2)  # "Артур, Заур, Исмаил, с ними ещё пятеро": the three and five more
        return (replace(count, value=count.value + len(named)), ", ".join(t.text for t in named)) if named else \
            (count, "")
    if k >= 0 and toks[k].key in cues.joining:
        k -= 1
    if k >= 0 and (k + 1 < count.first - 1 or side == "after") and (
            _person(toks[k], ctx) or toks[k].key in cues.singular_pronouns):
        named = [toks[k]]
        while True:  # "Серёга, Андрей и ещё двенадцать": both named men and the twelve ("микола тарас і ще ...")
            joined = k >= 2 and (toks[k - 1].text == "," or toks[k - 1].key in cues.joining)
            if joined and _first_name(toks[k - 2], ctx):
                k -= 2
            elif k >= 1 and _lower_case(ctx) and _first_name(toks[k - 1], ctx):
                k -= 1
            else:
                break
            named.insert(0, toks[k])
        return replace(count, value=count.value + len(named)), ", ".join(t.text for t in named)
    if k >= 0 and toks[k].key in cues.singular_pronouns:
        return replace(count, value=count.value + 1), toks[k].text
    return count, ""


_WITH_THEM = frozenset({"ними", "нимi"})


def _names_before(ctx: Context, k: int) -> list[Tok]:
    """Two or more first names joined by commas and "и/і" that end at token ``k`` or right before a comma there
    ("Артур, Заур, Исмаил, (с ними ещё пятеро)"); empty when fewer are named."""
    toks, names = ctx.toks, name_lexicon()

    def name(tok: Tok) -> bool:  # "Гена" capitalised is a name, though "гена" also reads as a gene's genitive
        return _first_name(tok, ctx) or (tok.text[:1].isupper() and bool(names.lookup(tok.key)))

    if k >= 0 and (toks[k].text == "," or toks[k].key in ctx.cues.joining):
        k -= 1  # "Ильдар, Тимур и с ними ещё трое"
    if k < 0 or not name(toks[k]):
        return []
    named = [toks[k]]
    while k >= 2 and (toks[k - 1].text == "," or toks[k - 1].key in ctx.cues.joining) and \
            k - 1 not in ctx.breaks and name(toks[k - 2]):
        k -= 2
        named.insert(0, toks[k])
    return named if len(named) > 1 else []


def together_with(ctx: Context, match: TermMatch) -> tuple[NumberExpr, str] | None:
    """One named person and a count with him after the words: "Миколу взяли в полон разом з двома хлопцями",
    "Санёк в сзч ушёл, и с ним ещё двое", "сдался сам, вместе с Рустамом" (he and one more)."""
    toks, cues = ctx.toks, ctx.cues
    crossed = False  # "Павлик погиб. Под Угледаром, вместе с ним ещё четверо": "с ним" reaches back one sentence
    for i in range(match.last, min(len(toks) - 1, match.last + 16)):
        if (i > match.last and i in ctx.breaks) or i in ctx.casualty_tokens:
            return None
        if toks[i].text in SENTENCE_ENDS:
            if crossed:
                return None
            crossed = True
            continue
        if i - match.last >= 10 and not crossed:
            return None
        expr = None
        if toks[i].key in cues.together and toks[i + 1].key in cues.count_out_of and not crossed:
            expr = ctx.by_first.get(i + 2)  # "разом з двома"
            if expr is None and i + 2 < len(toks) and _companion(ctx, toks[i + 2]):
                expr = NumberExpr(i + 2, i + 3, 1, False, phrase=toks[i + 2].text)  # "сдался вместе с Рустамом"
        elif toks[i].key in cues.together and toks[i + 1].key in cues.new_group and i + 2 < len(toks) and \
                toks[i + 2].key in cues.count_out_of and not crossed:
            expr = ctx.by_first.get(i + 3)  # "разом ще з двома"
        elif toks[i].key in cues.new_group and i >= 2 and toks[i - 1].key in cues.singular_pronouns and \
                toks[i - 2].key in cues.count_out_of:
            expr = ctx.by_first.get(i + 1)  # "и с ним ещё двое", "вместе с ним ещё четверо"
        elif toks[i].key in cues.count_out_of and i <= match.last + 1 and not crossed:
            own = i + 2 < len(toks) and toks[i + 1].key in _OWN_INSTRUMENTAL  # "со своими двумя"
            later = ctx.by_first.get(i + 1 + own)  # "в СЗЧ ушёл с двумя своими": he and two more
            if later is not None and any("ablt" in grammemes(tag) for tag in tags(toks[later.first].key,
                                                                                ctx.lang)[:1]) \
                    and _counts_people(ctx, later):
                expr = later
        elif toks[i].key in cues.new_group and not crossed:
            later = ctx.by_first.get(i + 1)  # "я отказался, и ещё трое со мной"
            if later is not None and later.last + 1 < len(toks) and toks[later.last].key in cues.count_out_of \
                    and toks[later.last + 1].key in cues.singular_pronouns:
                expr = later
        if expr is None or not expr.value or expr.approximate:
            continue
        if spared(ctx, expr.last):
            return None  # "З ним ще двоє були, їх не зачепило": they came through
        person = next((t for t in ctx.before(match.first, 6) if _person(t, ctx)), None)
        if person is None:  # "Ну, ушёл в СОЧ, понимаешь? И с ним ещё двое": the singular verb names the one man
            verbs = [toks[match.last]] if match.last < len(toks) else []
            verbs += [*toks[match.first : match.last], *ctx.before(match.first, 2)]  # "Сдался сам, вместе с Рустамом"
            person = next((v for v in verbs if v.key[:1].isalpha() and _singular_verb(v, ctx)), None)
            if person is None:
                return None
        return replace(expr, value=expr.value + 1), person.text
    return None


def spared(ctx: Context, index: int) -> bool:
    """Whether the rest of the sentence from token ``index`` says the companions counted there came through ("с ним
    трое были, все целы", "їх не зачепило"): a word of ``companion_spared`` or a negated one of ``companion_unhurt``."""
    toks, k = ctx.toks, index
    spared_words, unhurt = cue_lists.keys("companion_spared"), cue_lists.keys("companion_unhurt")
    while k < len(toks) and toks[k].text not in SENTENCE_ENDS and (k == index or k not in ctx.breaks):
        if toks[k].key in spared_words or (toks[k].key in unhurt and toks[k - 1].key in ctx.cues.negation):
            return True
        k += 1
    return False


_OWN_INSTRUMENTAL = frozenset({"своими", "своїми", "нашими", "моими", "моїми"})
_LIST_STOPS = SENTENCE_ENDS | {"—", "–", ":", ";"}


def joined_people(ctx: Context, match: TermMatch) -> tuple[int, str] | None:
    """Named or described people joined by "и" / "з" before the words ("Петренко з Іваненком пішли в СЗЧ"), also
    before a dash ("Кеша и Рома — трёхсотые", "Кедр і Вітер — двохсоті"): their number."""
    cues, toks = ctx.cues, ctx.toks
    window = ctx.before(match.first, 6)
    dashed = not window and match.first > 1 and toks[match.first - 1].text in LIST_DASHES and \
        match.first not in ctx.breaks and (number_of(toks[match.first], ctx.lang) == "plur" or (
            toks[match.first].key.isdigit() and match.last - match.first == 1))  # "Лёха и Димон — 200": digits
    if dashed:  # "Кеша и Рома — трёхсотые", "Мельник, Бойко і Шевчук — двохсоті": a list, a dash, a plural word
        k = match.first - 2
        while k >= 0 and len(window) < 8 and toks[k].text not in _LIST_STOPS and k + 1 not in ctx.breaks:
            window.append(toks[k])
            k -= 1

    lower = not any(t.text[:1].isupper() for t in window)  # speech-to-text: no capitals, no commas between names
    names = name_lexicon()

    def person(tok: Tok, joined: bool) -> bool:  # before a dash, a capitalised word joined by "и" is a call sign
        if _address(tok, ctx):
            return False  # "Слухай, брате, Микола, Тарас і Андрій — п'ятисоті": the one spoken to
        return _person(tok, ctx) or (dashed and joined and tok.text[:1].isupper() and tok.key.isalpha()
                                     and tok.key not in cues.people and tok.key not in cues.singular_pronouns) or (
            lower and tok.key.isalpha() and bool(names.lookup(tok.key)) and not names.is_ambiguous(tok.key))

    for start in range(len(window)):
        chain, k, joined, joiners, withs = [], start, True, 0, 0
        while k < len(window) and person(window[k], joined) and window[k].key not in cues.singular_pronouns:
            chain.append(window[k])
            if k + 1 < len(window) and window[k + 1].key in cues.joining:
                withs += window[k + 1].key in cues.count_out_of
                k, joined, joiners = k + 2, True, joiners + 1
                continue
            if dashed and k + 1 < len(window) and window[k + 1].text == ",":
                k, joined = k + 2, False  # "Мельник, Бойко і Шевчук —": a comma joins names, not any word
                continue
            if lower and joiners and k + 1 < len(window) and _first_name(window[k + 1], ctx):
                k, joined = k + 1, False  # "колян серёга и андрей пятисотые": a list whose commas were not written
                continue
            break
        if len(chain) >= 2 and joiners and withs == joiners and _singular_deed(ctx, match):
            return None  # "Грицько з Тлумача пішов в СЗЧ": "з" names where the one man is from (counts30)
        if len(chain) >= 2:
            words = " ".join(t.text for t in reversed(chain))
            return len(chain), words
        if chain:
            break
    return None


def _singular_deed(ctx: Context, match: TermMatch) -> bool:
    """Whether a singular past verb tells the words' deed: the match itself or the verb right before it ("пішов в
    СЗЧ", "ушёл в СОЧ", "попал в плен")."""
    toks = ctx.toks
    verbs = list(toks[match.first : match.last])
    k = match.first - 1
    while k >= 0 and toks[k].key in ctx.cues.count_into:
        k -= 1  # "в", "у"
    if k >= 0 and k + 1 not in ctx.breaks:
        verbs.append(toks[k])
    return any(number_of(v, ctx.lang) == "sing" and any(pos(t) == "VERB" for t in tags(v.key, ctx.lang)[:1])
               for v in verbs if v.key[:1].isalpha())  # the Ukrainian tags say "masc", not "sing"


def _capitalised_name(ctx: Context, k: int, kinds: tuple[str, ...] = ("NOUN", "ADJF", "UNKN")) -> bool:
    """Whether token ``k`` is a capitalised word that may be a nickname or a surname ("Малым", "Ткач", "Пестов"): no
    word of people, no casualty word, no place, organisation or abbreviation; its first reading one of ``kinds``."""
    tok = ctx.toks[k]
    if not tok.key.isalpha() or not tok.text[:1].isupper() or tok.key in ctx.cues.people or k in ctx.casualty_tokens:
        return False
    found = tags(tok.key, ctx.lang)[:1]
    return not found or not grammemes(found[0]) & {"Geox", "Orgn", "Abbr"} and pos(found[0]) in kinds


_LISTED_KINDS = ("NOUN", "ADJF", "ADJS", "UNKN")  # in a list of people "Лыков", "Сомов" are surnames, no adjectives


def listed_people(ctx: Context, match: TermMatch) -> tuple[int, str] | None:
    """People listed by name after a colon that closes a plural casualty word's header, in its sentence ("Без вести
    пропавшие с третьей роты: Кузнецов Андрей, Мухин, Салахов Ринат Ильдарович, Пестов", "Списки полонених, що мені
    передали: Ковальчук Дмитро з Вінниці, Семенюк Іван, Литвин"): their number, with "і ще двоє" added; items are
    split at ";" where the list has one ("ефрейтор Бондарь Алексей, девяносто третьего; рядовой Нуриев"), else at
    commas and the conjunctions "и"/"і". Each item counts when a capitalised person who is not the one spoken to
    stands in it; two at least make a list."""
    toks, n = ctx.toks, len(ctx.toks)
    if not any(number_of(toks[k], ctx.lang) == "plur" for k in range(match.first, match.last)):
        return None
    k = match.last
    while k < n and k - match.last < 8 and toks[k].text != ":" and toks[k].text not in SENTENCE_ENDS and \
            k not in ctx.casualty_tokens and (k == match.last or k not in ctx.breaks):
        k += 1
    if k >= n or toks[k].text != ":":
        return None
    end = k + 1
    while end < n and toks[end].text not in SENTENCE_ENDS and end not in ctx.breaks and end not in ctx.casualty_tokens:
        end += 1
    semicolons = any(toks[j].text == ";" for j in range(k + 1, end))
    items: list[list[int]] = [[]]
    for j in range(k + 1, end):
        if toks[j].text == ";" or not semicolons and (toks[j].text == "," or toks[j].key in ctx.cues.joining and any(
                pos(t) == "CONJ" for t in tags(toks[j].key, ctx.lang)[:1])):  # "і", "и", not "з Вінниці"
            items.append([])
        else:
            items[-1].append(j)
    people, extra = 0, 0
    for n_item, item in enumerate(items):
        if any((toks[j].text[:1].isupper() and _person(toks[j], ctx) or _capitalised_name(ctx, j, _LISTED_KINDS))
               and not _address(toks[j], ctx) for j in item):
            people += 1
        elif not n_item:
            return None  # "Раненые: ну что, Саша, Петя, ...": the list starts at the colon, or there is none
        elif len(item) > 1 and toks[item[0]].key in ctx.cues.new_group and item[1] in ctx.by_first:
            extra += ctx.by_first[item[1]].value or 0  # "і ще двоє, прізвищ не пам'ятаю"
    if people < 2:
        return None
    return people + extra, " ".join(toks[j].text for j in range(k + 1, end))


def _address(tok: Tok, ctx: Context) -> bool:
    """Whether a word is a vocative that no name lexicon knows ("брате", "друже"): the one spoken to."""
    found = tags(tok.key, ctx.lang)[:1] if tok.key.isalpha() else ()
    return bool(found) and "voct" in grammemes(found[0]) and not name_lexicon().lookup(tok.key)


def _first_name(tok: Tok, ctx: Context) -> bool:
    """Whether a word is a first name: one the name lexicon knows and no other word ("колян", "серёга"), or one the
    dictionary reads first as a name ("андрей"); not a kinship word ("брат")."""
    if not tok.key.isalpha():
        return False
    names = name_lexicon()
    if names.lookup(tok.key) and not names.is_ambiguous(tok.key):
        return True
    return any("Name" in grammemes(tag) for tag in tags(tok.key, ctx.lang)[:1])


def _companion(ctx: Context, tok: Tok) -> bool:
    """One person in the instrumental after "вместе с / разом з" ("с Рустамом", "з кумом"); not a pronoun ("разом з ним
    ще троє": he and three more)."""
    found = tags(tok.key, ctx.lang)[:1] if tok.key[:1].isalpha() else ()
    return bool(found) and "ablt" in grammemes(found[0]) and pos(found[0]) != "NPRO" and \
        tok.key not in ctx.cues.singular_pronouns and _person(tok, ctx)


def joined_pair(ctx: Context, match: TermMatch) -> tuple[int, str] | None:
    """Two people joined before the words where the dictionary knows neither as a name: "я и ещё Гоша раненые",
    "Колян с Жорой отказались", "ромчик с тохой ушли сзч", "Байрамов и Ткач ушли в СОЧ", "Рыжий с Малым ушли" (a
    name the lexicon knows, also in lower-case text, a singular pronoun, or a capitalised word inside the sentence that
    no dictionary reads as a place). With "с/з" the verb is plural ("ушли", not "ушёл с ним": he and whom?)."""
    toks, cues = ctx.toks, ctx.cues
    first = match.first - len(ctx.before(match.first, 7))
    lower = not any(t.text[:1].isupper() for t in toks[first : match.first])
    names = name_lexicon()

    def strong(k: int) -> bool:
        tok = toks[k]
        if tok.key in _ONE_PERSON or _person(tok, ctx):
            return tok.key not in cues.object_pronouns or (tok.key in _SPEAKER_OBJECTS and toks[k + 1].key in _AND)
        return lower and tok.key.isalpha() and bool(names.lookup(tok.key)) and not names.is_ambiguous(tok.key)

    def weak(k: int) -> bool:  # a capitalised word: a nickname or a surname ("Малым", "Ткач", "Ершов"), not a place
        if not _capitalised_name(ctx, k, _LISTED_KINDS):
            return False
        found = tags(toks[k].key, ctx.lang)[:1]
        if not found:
            return True
        opening = k == 0 or k in ctx.breaks or toks[k - 1].text in SENTENCE_ENDS
        return not opening or "anim" in grammemes(found[0]) or pos(found[0]) != "NOUN"  # not "Машину с Серёгой"

    for k in range(match.first - 1, first, -1):
        joined = k - 1
        if toks[joined].key in cues.new_group:
            joined -= 1  # "я и ещё Гоша"
        if joined - 1 < first or toks[joined].key not in cues.joining:
            continue
        a, b = joined - 1, k

        def named(i: int) -> bool:  # "толик" (also a word) in lower-case text: a name beside a sure one
            return lower and toks[i].key.isalpha() and bool(names.lookup(toks[i].key))

        sure = strong(a) or strong(b) or weak(b)
        if not (sure and (strong(a) or weak(a) or named(a)) and (strong(b) or weak(b) or named(b))):
            continue
        if toks[joined].key in cues.count_out_of and not (_instrumental(ctx, toks[b]) and any(
                number_of(t, ctx.lang) == "plur" for t in toks[k + 1 : match.last] if t.key[:1].isalpha())):
            continue  # "ушёл с ним": one man went; "Лёха с Кривого Рога": where he is from
        if a > first and toks[a - 1].key in cues.joining:
            return None  # a longer list: joined_people reads it or nobody does
        return 2, " ".join(t.text for t in toks[a : k + 1])
    return None


_ONE_PERSON = frozenset({"я", "он", "она", "він", "вона", "ты", "ти"})
_SPEAKER_OBJECTS = frozenset({"меня", "мене"})  # "мене й Гену поранило": the speaker and one more (counts30)
_AND = frozenset({"и", "і", "й", "та"})


def _instrumental(ctx: Context, tok: Tok) -> bool:
    """Whether a word may be in the instrumental ("с Малым", "з Тохою", a name "с мишей"), the case of "with", not
    "from"."""
    found = tags(tok.key, ctx.lang)[:3] if tok.key[:1].isalpha() else ()
    return any("ablt" in grammemes(tag) for tag in found) or any("ablt" in r.cases for r in name_lexicon().lookup(
        tok.key))


def people_count_after_vague(ctx: Context, match: TermMatch, count: NumberExpr) -> NumberExpr | None:
    """"Полроты в отказниках, человек сорок": a people count after a vague amount, in the same sentence."""
    if not count.vague:
        return None
    toks = ctx.toks
    k = max(match.last, count.last)
    for i in range(k, min(len(toks), k + 9)):
        if toks[i].text in SENTENCE_ENDS or (i > k and i in ctx.breaks) or i in ctx.casualty_tokens:
            return None
        expr = ctx.by_first.get(i)
        if expr is not None and expr.value:
            inverted = toks[i].key in ctx.cues.people or toks[i].key in ctx.cues.count_units
            counted = expr.last < len(toks) and toks[expr.last].key in ctx.cues.people
            if inverted or counted:
                return expr
            if _hedged(ctx, expr) and _counts_people(ctx, expr):
                return replace(expr, approximate=True)  # "Положили почти всех, двадцать точно"; "стільки лягло ...
                # сотні дві не менше": at least that many (counts30)
            return None
    return None


def _hedged(ctx: Context, expr: NumberExpr) -> bool:
    """Whether a number is told as at least that many: approximate already ("сотні дві не менше"), or "точно" after it
    at the end of its clause ("двадцать точно")."""
    toks, k = ctx.toks, expr.last
    if k in ctx.casualty_tokens:
        return False  # "половина взвода трёхсотые и с десяток двухсотых": the next word's count
    if expr.approximate:
        return True
    closes = k + 1 >= len(toks) or toks[k + 1].is_punct or k + 1 in ctx.breaks
    return k < len(toks) and toks[k].key in _SURELY and closes


_SURELY = frozenset({"точно", "точняк", "минимум", "мінімум"})
_PAUSES = frozenset({",", "...", "…", "—", "–", "-", ":"})
_NOW = frozenset({"теперь", "тепер", "стало"})  # "было 12 двухсотых стало 15": an update, the latest number counts
_ALREADY = frozenset({"уже", "вже", "уж"})  # "вчера трое трёхсотых, сегодня уже пятеро"
_STOPS = FIRM_ENDS - {"…"}  # a sentence end written plainly, not trailing off


def corrected_count(ctx: Context, count: NumberExpr, match: TermMatch) -> NumberExpr | None:
    """The count a speaker (or the one he talks to) corrects to: "двое, не, трое", "троє наших загинуло, ні, четверо",
    "двухсотых двое... а, нет, уже трое", "— У вас трое двухсотых? — Не трое, четверо.", "Трое. Хотя нет, четверо."
    (after the count, or after the casualty word when the count stood before it; one sentence or turn on at most):
    a correction word, then the new number, with fillers ("а", "ой", "уже") and the old number said again between."""
    toks = ctx.toks
    fillers = cue_lists.keys("count_correction_fillers")
    alternatives, confirmations = cue_lists.keys("count_alternatives"), cue_lists.keys("count_confirmations")
    markers = cue_lists.keys("count_correction_markers")
    updates, was = cue_lists.keys("count_update_markers"), cue_lists.keys("count_update_was")
    today, earlier = cue_lists.keys("count_update_today"), cue_lists.keys("count_update_earlier")
    ranged = count.approximate and any(t.key in alternatives or "-" in t.text for t in toks[count.first : count.last])
    negated = count.first > 0 and toks[count.first - 1].key in ("не", "ні")  # "сдались не одиннадцать, а двенадцать"
    for start in dict.fromkeys((count.last, max(count.last, match.last))):
        k, corrected, ends, repeated, denied_again = start, negated, 0, False, False
        offered: NumberExpr | None = None  # "двое... или трое? Да, трое": the number offered, then confirmed
        confirmed = False
        while k < len(toks) and k - start < 14:
            tok = toks[k]
            if k in ctx.casualty_tokens or (k > start and k in ctx.breaks and ends):
                break
            if k > start and k in ctx.breaks:
                ends += 1
            if tok.text in _STOPS or tok.text.startswith(("?", "!")):
                ends += not (repeated and tok.text.startswith("?") and toks[k - 1].key == toks[count.last - 1].key)
                if ends == 2 and repeated and corrected and not denied_again:
                    ends, denied_again = 1, True  # "— Не тридцять, мам. Але четверо є.": the denial, then the number
                if ends > 1:
                    break
                k += 1
                continue
            expr = ctx.by_first.get(k)
            if expr is not None and not repeated and not corrected and _echoed(ctx, expr, count):
                repeated, corrected, k = True, True, expr.last  # "— Пятеро? — Шестеро.": the other doubts the number
                continue  # said again as a question; a new number in the answer corrects it (counts31)
            if expr is None and not repeated and not corrected and (
                    tok.key in confirmations or tok.key in fillers) and \
                    k + 1 in ctx.by_first and _echoed(ctx, ctx.by_first[k + 1], count):
                k += 1  # "— Точно пятеро? — Нет, шестеро."
                continue
            if expr is not None and confirmed:
                if (offered is not None and expr.value == offered.value) or (
                        ranged and expr.value is not None and count.value is not None and expr.value >= count.value):
                    return expr if _counts_people(ctx, expr) else None
                break
            if expr is not None and offered is None and tok.key not in alternatives and k > start and \
                    toks[k - 1].key in alternatives:
                offered, k = expr, expr.last
                continue
            if expr is not None:
                if not corrected:
                    break  # a number before any correction word counts something else
                if expr.value == count.value and not repeated:
                    repeated, k = True, expr.last  # "не трое, (а) четверо": the old number said again
                    continue
                followed = expr.last < len(toks) and expr.last in ctx.casualty_tokens
                if expr.value is not None and expr.value != count.value and not followed and \
                        _counts_people(ctx, expr):
                    return expr
                break
            if k + 1 < len(toks) and toks[k + 1].text.startswith("?") and tok.key.isalpha() and (
                    toks[k - 1].text in _PAUSES or toks[k - 1].text in _STOPS):
                k += 2  # "— Трое. — Точно? — Нет, четверо.": the other's one-word question
                continue
            asked = _short_question(ctx, k)
            if asked and (toks[k - 1].text in _PAUSES or toks[k - 1].text in _STOPS) and not corrected:
                k = asked  # "двохсотих тридцять. Правда, синку? — Не тридцять": the other's short question
                continue
            if tok.key == "не" and toks[k - 1].key == "а" and k + 1 in ctx.by_first:
                break  # "тридцать один, а не двадцать семь": the other number is denied ("а ні, троє" corrects)
            if tok.key in ctx.cues.count_corrections:
                corrected = True
            elif tok.key in updates and any(t.key in was for t in ctx.sentence_before(k, 12)) and (
                    tok.key in _NOW or toks[k - 1].text in _PAUSES):
                corrected = True  # "было трое, стало пятеро", "двое трёхсотых было теперь уже трое"
            elif tok.key in today and k + 1 < len(toks) and toks[k + 1].key in _ALREADY and any(
                    t.key in earlier for t in ctx.sentence_before(k, 12)):
                corrected = True  # "вчера трое трёхсотых, сегодня уже пятеро": the latest number (the lead, counts29)
            elif tok.key in confirmations and (offered is not None or ranged):
                confirmed = True
            elif tok.key in markers:
                corrected = True  # "трое, тьфу, четверо", "то есть четверо", "— Как трое? Уже четверо."
            elif not (tok.text in _PAUSES or tok.key in fillers or tok.key in alternatives):
                break
            k += 1
    return None


def _echoed(ctx: Context, expr: NumberExpr, count: NumberExpr) -> bool:
    """Whether ``expr`` says the count again as a question of its own ("— Пятеро? —", "Точно пятеро?"): after the end
    of the count's sentence, the same value, a question mark right after it."""
    toks = ctx.toks
    return expr.first > count.last and expr.value == count.value and expr.last < len(toks) and \
        toks[expr.last].text.startswith("?") and any(
            toks[k].text in _STOPS or toks[k].text.startswith(("?", "!")) for k in range(count.last, expr.first))


def _short_question(ctx: Context, k: int) -> int:
    """The index after a question of two or three words that starts at ``k`` ("Правда, синку?", "Серьёзно, мам?"), with
    no number and no casualty word; 0 when there is none."""
    toks = ctx.toks
    for j in range(k + 1, min(len(toks), k + 5)):
        if toks[j].text.startswith("?"):
            return j + 1 if j > k + 1 else 0
        if j in ctx.breaks or j in ctx.by_first or j in ctx.casualty_tokens or toks[j].text in _STOPS or not (
                toks[j].key.isalpha() or toks[j].text == ","):
            return 0
    return 0


def more_with_them(ctx: Context, count: NumberExpr, match: TermMatch) -> NumberExpr | None:
    """A group counted and more with them in the same sentence ("тридцать два наших пропали без вести, и с ними ещё
    пятнадцать с соседней роты", "восьмеро наших поранені, і з ними ще одинадцятеро"): the count of both, as the
    number of a named man and "с ним ещё двое" counts him too."""
    toks, cues = ctx.toks, ctx.cues
    k = joined = max(count.last, match.last)
    for i in range(k, min(len(toks) - 3, k + 8)):
        if i == joined and i in ctx.casualty_tokens:
            joined += 1  # "сдались в плен, и с ними ещё ...": the rest of the same phrase
            continue
        if toks[i].text in _STOPS or (i > k and i in ctx.breaks) or i in ctx.casualty_tokens:
            return None
        if toks[i].key in cues.count_out_of and toks[i + 1].key in ("ними", "нимі", "ними"):
            j = i + 2
            while j < len(toks) and toks[j].key in cues.new_group:
                j += 1
            more = ctx.by_first.get(j)
            if j > i + 2 and more is not None and more.value and not more.approximate and count.value and \
                    _counts_people(ctx, more):
                return replace(more, value=count.value + more.value, phrase=f"{count.phrase} + {more.phrase}")
            return None
    return None


def total_count(ctx: Context, count: NumberExpr, match: TermMatch) -> NumberExpr | None:
    """The total a speaker gives after counting a group in parts, in the same sentence: "двухсотых трое, плюс ещё
    двое, итого пятеро", "двоє вчора і троє сьогодні, всього п'ятеро", "ещё двое двухсотых, итого шесть" (a total
    word, then a number at least the count, with another number or "ещё" before the count)."""
    toks = ctx.toks
    totals = cue_lists.keys("count_totals")
    k = max(count.last, match.last)
    parts = int(count.first > 0 and toks[count.first - 1].key in ctx.cues.new_group)  # "ещё двое ..., итого шесть"
    for i in range(k, min(len(toks), k + 16)):
        if toks[i].text in _STOPS or (i > k and i in ctx.breaks) or i in ctx.casualty_tokens:
            return None
        if i in ctx.by_first:
            parts += 1
        if toks[i].key not in totals or not parts:
            continue
        j = i + 1
        while j < len(toks) and (toks[j].text in _PAUSES or toks[j].key in ctx.cues.skip_after or
                                 toks[j].key in cue_lists.keys("count_total_fillers")):
            j += 1  # "в общей сложности сорок", "всего выходит пятеро"
        total = ctx.by_first.get(j)
        if total is not None and total.value and count.value and total.value > count.value and \
                _counts_people(ctx, total):
            return total
        return None
    return None


def confirmed_answer(ctx: Context, match: TermMatch) -> bool:
    """Whether the turn after a question about a loss confirms it: it opens with "да", "ага", "так" or a severity
    ("Ты трёхсотый? — Мам, ну лёгкий, царапина"), with no negation before that word."""
    found = sentence_after(ctx, match.last)
    if found is None:
        return False
    asked = ctx.sentence_before(match.first, 8)
    if any(tok.key in ctx.cues.question for tok in asked):
        return False  # "Сколько трёхсотых?" asks how many: only a number answers it
    first, last, _question = found
    words = [t for t in ctx.toks[first:last] if t.key[:1].isalpha()][:5]
    if any(tok.key in ctx.cues.negation or tok.key in ctx.cues.deny_after for tok in words):
        return False
    return any(tok.key in ctx.cues.affirm or tok.key in ctx.cues.severity for tok in words[:4])


def pronoun_count(ctx: Context, match: TermMatch) -> NumberExpr | None:
    """The size of the group said with "их"/"їх" after the words, in the same sentence or the next one: "взяли в
    полон, троє їх було", "погиб, их там четверо было", "п'ятеро їх", "їх було семеро"; and, when the speaker
    himself is the captive, with "нас" ("я в плену. Нас двенадцать человек")."""
    toks, cues = ctx.toks, ctx.cues
    group = cue_lists.keys("group_pronouns")
    entry = next((e for e in match.entries if e.is_casualty), None)
    if entry is not None and entry.category == "captured" and any(
            t.key in ("я", "меня", "мене") for t in ctx.sentence_before(match.first, 4)):
        group = group | {"нас"}  # "я в плену ... нас троих взяли": the speaker's captive group, him included
    ends = 0
    joined = match.last  # "сдался в плен, їх було п'ятеро": the phrase right after the words is the same event
    for i in range(match.last, min(len(toks), match.last + 16)):
        if i == joined and i in ctx.casualty_tokens:
            joined += 1
            continue
        if i > match.last and i in ctx.breaks or i in ctx.casualty_tokens or toks[i].key in cues.contrast:
            return None  # another loss, another turn, or "а их было двадцать": someone else
        if toks[i].text in SENTENCE_ENDS:
            ends += 1
            if ends > 1:
                return None
            continue
        if toks[i].key not in group:
            continue
        expr = ctx.by_last.get(i - 1)  # "троє їх"
        if expr is None:
            k = i + 1
            while k < len(toks) and k - i <= 3 and (toks[k].key in cues.count_was or toks[k].key in cues.skip_after):
                k += 1
            expr = ctx.by_first.get(k)  # "їх було семеро", "их там трое было"
        if expr is None and i + 1 < len(toks) and toks[i + 1].key in _SUCH:
            expr = _closing_number(ctx, i + 2)  # "Их таких, говорят, с батальона одиннадцать" (counts29)
        if expr is not None and expr.value and expr.value > 1 and _counts_people(ctx, expr):
            return expr
    return None


_SUCH = frozenset({"таких", "такіх", "такі", "такие"})


def _closing_number(ctx: Context, first: int, reach: int = 8) -> NumberExpr | None:
    """The first number from ``first`` on in its sentence, if it closes the sentence or the clause ("их таких, говорят,
    с батальона одиннадцать."); another casualty word on the way stops the search."""
    toks = ctx.toks
    for k in range(first, min(len(toks), first + reach)):
        if k in ctx.casualty_tokens or toks[k].text in SENTENCE_ENDS or (k > first and k in ctx.breaks):
            return None
        expr = ctx.by_first.get(k)
        if expr is not None:
            closes = expr.last >= len(toks) or expr.last in ctx.breaks or toks[expr.last].is_punct
            return expr if closes else None
    return None


def _singular_verb(tok: Tok, ctx: Context) -> bool:
    """Whether the best reading of a word is a singular verb ("ушёл", "здався")."""
    found = tags(tok.key, ctx.lang)[:1]
    return bool(found) and pos(found[0]) == "VERB" and "sing" in grammemes(found[0])


def more_of_the_same(ctx: Context, match: TermMatch) -> NumberExpr | None:
    """"Я в плену. Тут из нашего батальона ещё человек пятнадцать.", "12 человек в СЗЧ. Вчера ещё двое.": a
    sentence after the mention's (one of the next two) with no casualty word of its own that counts "ещё N" more
    people, its verbs (if any) of being somewhere ("лежат", "сидить"): another group of the same loss."""
    for first, last, question in _following_sentences(ctx, match.last, 2):
        if question or any(k in ctx.casualty_tokens for k in range(first, last)):
            return None
        for k in range(first, last):
            if ctx.toks[k].key not in ctx.cues.new_group:
                continue
            if k > first and ctx.toks[k - 1].key in ("и", "і", "й", "та"):
                return None  # "его и ещё одного пацана": counted together with him, not another group
            for j in range(k + 1, min(k + 4, last)):
                expr = ctx.by_first.get(j)
                if expr is None:
                    continue
                if not expr.zero and expr.value and _counts_people(ctx, expr) and _only_state_verbs(ctx, first, last):
                    named = _names_before(ctx, k - 3) if k - 2 >= first and ctx.toks[k - 1].key in _WITH_THEM and \
                        ctx.toks[k - 2].key in ctx.cues.count_out_of else []
                    # "Артур, Заур, Исмаил, с ними ещё пятеро": the men named and five more (counts31)
                    return replace(expr, value=expr.value + len(named)) if named else expr
                break
    return None


def _only_state_verbs(ctx: Context, first: int, last: int) -> bool:
    """Whether every verb of ``[first, last)`` says where people are ("лежат", "сидить"), not what they did."""
    more = ctx.cues.more_state_verbs
    for tok in ctx.toks[first:last]:
        found = tags(tok.key, ctx.lang)[:1] if tok.key[:1].isalpha() else ()
        if found and pos(found[0]) in ("VERB", "INFN") and (tok.key not in more or "futr" in grammemes(found[0])):
            return False  # "ещё двое пришли", "ще один буде": another deed, or one to come
    return True
