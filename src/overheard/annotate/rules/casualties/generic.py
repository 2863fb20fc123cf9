"""People of a kind, not people lost: a casualty noun with no count that a rule, a rate, paperwork or a habit is
about ("отпуск тут только двухсотым дают", "за трёхсотых платят", "про двухсотых молчат", "по отказникам
консультирует") (ANNOTATION.md: generic statements about a class of people
are not mentions). Prisoner nouns have their own class rules (prisoners.py).

The grammar decides, not the words: the noun is plural, the recipient (dative) or after a preposition of topic,
exchange or purpose ("по", "про", "о", "за", "для"), and its clause tells no event: no verb in the past, no verb
of the speaker's own "we" or "I" in the present; what is there is a present verb of "they" (indefinite: "дают",
"платят"), an infinitive, a word of necessity, or no verb at all.
"""

from __future__ import annotations

from overheard.annotate import cues as cue_lists
from overheard.annotate.lexicon import LexiconEntry
from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.prisoners import PRISONER
from overheard.annotate.rules.casualties.reasons import Reason, Rejection
from overheard.annotate.rules.casualties.words import grammemes, is_past_verb, pos, tags
from overheard.annotate.rules.counts import NumberExpr, number_tables
from overheard.annotate.rules.terms import TermMatch
from overheard.annotate.rules.tokens import Tok

_NOUNISH = frozenset({"NOUN", "ADJF", "PRTF"})


def _best(tok: Tok, lang: str) -> str:
    found = tags(tok.key, lang) if tok.key[:1].isalpha() else ()
    return found[0] if found else ""


def _event_verb(tok: Tok, lang: str) -> bool:
    """Whether a word tells an event or the speaker's own doing: a past verb, or a present verb of "I"/"we"/"you"."""
    if is_past_verb(tok, lang):
        return True
    best = _best(tok, lang)
    return pos(best) == "VERB" and bool({"1per", "2per"} & grammemes(best))


def class_talk(ctx: Context, match: TermMatch, entry: LexiconEntry, count: NumberExpr | None) -> Rejection | None:
    """Why an uncounted casualty noun names people of a kind, not people lost (None: it may name people lost)."""
    if count is not None or match.last - match.first != 1 or entry.id == PRISONER:
        return None  # prisoners as a class: prisoners.py
    toks, lang = ctx.toks, ctx.lang
    word = toks[match.first]
    best = _best(word, lang)
    if pos(best) not in _NOUNISH and entry.kind != "code":
        return None
    readings = [grammemes(t) for t in tags(word.key, lang)] if word.key[:1].isalpha() else []
    plural = [g for g in readings if "plur" in g]
    if not plural:
        return None  # "сидят с трёхсотым", "деньги за раненого Шолбана": one man, who exists
    prev = ctx.before(match.first, 1)
    clause = ctx.before(match.first, 6) + ctx.after(match.last, 6)
    governed = prev and prev[0].key in cue_lists.keys("class_prepositions") and not (
        prev[0].key == "за" and "ablt" in grammemes(best))  # "поехали за двухсотыми": to fetch them
    rule = next((t for t in clause if t.key in cue_lists.keys("class_rule_markers")), None)
    if rule is None and entry.category == "refused":  # "пятисотых — в яму", "отказников не в яму, а на штурм"
        rule = _sent_to_punishment(ctx, match)
    if rule is None and any({"plur", "datv"} <= g for g in plural):  # "Трёхсотым страховку платят": a recipient
        rule = next((t for t in clause if t.key in cue_lists.keys("rate_words", "class_benefits")), None)
    if not governed and not {"plur", "datv"} <= grammemes(best) and rule is None:  # "раненым медали раздают"
        return None  # ("пишите пятисотым", "привозят уже двухсотым": one man's state in the instrumental)
    if any(_event_verb(t, lang) for t in clause):
        return None
    if any(t.key in cue_lists.keys("class_not_when") for t in clause):
        return None
    head = prev[0].text + " " if governed else ""
    tail = f" ... {rule.text}" if rule is not None and not governed else ""
    return Rejection(Reason.GENERIC, f"{head}{word.text}{tail}")


def _sent_to_punishment(ctx: Context, match: TermMatch) -> Tok | None:
    """A place of punishment after "в"/"у"/"на" in the clause after a refuser noun ("пятисотых — в яму", "отказников
    не в яму, а сразу на штурм", "всех в пятисотые и в яму"): with no event in the clause (checked by the caller), the
    rule of what is done to refusers, not refusers who exist."""
    places, into = cue_lists.keys("class_punishment_places"), cue_lists.keys("class_punishment_into")
    words = [t for t in ctx.before(match.first, 3)[::-1] + ctx.after(match.last, 6) if not t.is_punct]
    place = next((t for p, t in zip(words, words[1:], strict=False) if p.key in into and t.key in places), None)
    if place is None:
        return None
    _, end = ctx.sentence_range(match.first, match.last)
    collective = number_tables().collective
    if any(t.key in collective for t in ctx.sentence_after(end, 12)):
        return None  # "Пятисотых — в яму, так тут заведено. Вот у нас там четверо сидят": the rule, then the men
    return place


def column_or_definition(ctx: Context, match: TermMatch, count: NumberExpr | None) -> Rejection | None:
    """An uncounted casualty word that names a column or a category of the records ("графи: загиблі, поранені, СЗЧ",
    "в сводке графы: двухсотые, трёхсотые"), or one being defined or asked about as a word ("що таке груз двісті",
    "пятисотый — это когда тебя гонят"): no people lost."""
    if count is not None:
        return None
    said = ctx.sentence_before(match.first, 12)
    column = next((t for t in said if t.key in cue_lists.keys("record_columns")), None)
    if column is not None:
        return Rejection(Reason.GENERIC, f"{column.text} ... {ctx.toks[match.first].text}")
    keys = [t.key for t in ctx.sentence_before(match.first, 3)][::-1]
    after = [t.key for t in ctx.sentence_after(match.last, 4) if not t.is_punct]
    for phrase in cue_lists.phrases("definition_phrases"):
        n = len(phrase)
        if tuple(keys[-n:]) == phrase or any(tuple(after[i : i + n]) == phrase for i in range(len(after))):
            return Rejection(Reason.GENERIC, " ".join(phrase))
    return None

