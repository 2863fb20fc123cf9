"""Whose losses a casualty mention reports: ``own``, ``enemy`` or ``unknown`` (ANNOTATION.md, Side).

The nearest decisive word in the mention's sentence decides, without looking across a contrast ("ихних
двухсотых сорок, а у нас один трёхсотый"): a name for the enemy or its possessive ("укропов", "ихних") is
``enemy``, unless it is the captor ("в плену у хохлов") or the subject of a transitive verb that is the mention
("хохлы наших положили"); a pronoun of the speaker's side or the person spoken to ("у нас", "наших", "ваших")
is ``own``; "у них" / "їх" is ``enemy`` when the enemy is named in the sentence or the one before, ``own`` when a
friend, a relative or a named person tells about his unit, and ``unknown`` otherwise. When no such word is
near, an enemy named in the sentence before decides ``enemy`` (an answer to "Скільки там москалів?"); own
people, formations and names anywhere in the text decide ``own``; nothing decides ``unknown``. The words are
data: the ``side_*`` lists of ``lexicons/context_cues.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.words import grammemes, is_finite_verb, pos, tags
from overheard.annotate.rules.terms import TermMatch
from overheard.annotate.rules.token_facts import token_facts
from overheard.annotate.rules.tokens import SENTENCE_ENDS, Tok
from overheard.names import name_lexicon

OWN, ENEMY, UNKNOWN = "own", "enemy", "unknown"
SIDES = (OWN, ENEMY, UNKNOWN)
_PERSON_TAGS = ("Name", "Surn", "Patr")
_NOT_NAMES = ("PREP", "CONJ", "PRCL", "NPRO", "ADVB", "PRED", "INTJ", "INFN", "VERB", "NUMR", "COMP")
_LEFT, _RIGHT = 10, 8  # words looked at before and after a mention, within its sentence
_LOOK_BACK = 3  # sentences looked back for the enemy's name when nothing near decides


@dataclass(frozen=True)
class SideCues:
    """The ``side_*`` word lists as token keys."""

    enemy: frozenset[str]
    enemy_places: frozenset[tuple[str, ...]]
    own: frozenset[str]
    own_people: frozenset[str]
    they: frozenset[str]
    their: frozenset[str]
    they_prepositions: frozenset[str]
    captivity: frozenset[str]
    to_us: tuple[tuple[str, ...], ...]  # longest first, then in order: tried the same way in every run
    reporters: frozenset[str]
    contrast: frozenset[str]
    enemy_speakers: frozenset[str]
    capture_verbs: frozenset[str]
    continuation: frozenset[str]
    intransitive: frozenset[str]
    weak_own: frozenset[str]
    say_verbs: frozenset[str]


@lru_cache(maxsize=1)
def side_cues() -> SideCues:
    """The compiled side lists (built on first use)."""
    k = cues.keys
    return SideCues(enemy=k("side_enemy"), enemy_places=frozenset(cues.phrases("side_enemy_places")),
                    own=k("side_own"), own_people=k("side_own_people"), they=k("side_they"),
                    their=k("side_their"), they_prepositions=k("side_they_prepositions"),
                    captivity=k("side_captivity"),
                    to_us=tuple(sorted(set(cues.phrases("side_to_us")), key=lambda p: (-len(p), p))),
                    reporters=k("side_reporters"), contrast=k("side_contrast"),
                    enemy_speakers=k("side_enemy_speakers"), capture_verbs=k("side_capture_verbs"),
                    continuation=k("side_continuation"), intransitive=k("side_intransitive"),
                    weak_own=k("side_weak_own"), say_verbs=k("side_say_verbs"))


HELD_PRISONERS = "(prisoners the speaker's side holds)"  # a prisoner noun with no owner word: a default
GUESSED_SIDES = ("in the text", HELD_PRISONERS)  # sides guessed, not read beside a mention: they never split a group


@dataclass(frozen=True, slots=True)
class SideReading:
    """The side of a mention and the words that decided it (empty when nothing did)."""

    side: str = UNKNOWN
    words: str = ""
    how: str = ""  # "next to it", "'у них' with ...", "in the sentence before", "in the text"

    @property
    def text(self) -> str:
        """"side enemy ('укропов' next to it)" or "side unknown (nothing decides)"."""
        if not self.words:
            return f"side {self.side} (nothing decides)"
        return f"side {self.side} ('{self.words}' {self.how})"


def _sentence(ctx: Context, index: int) -> tuple[int, int]:
    """The token range ``[first, last)`` of the sentence holding token ``index`` (a line break ends one too)."""
    toks = ctx.toks
    first = index
    while first > 0 and toks[first - 1].text not in SENTENCE_ENDS and first not in ctx.breaks:
        first -= 1
    last = index
    while last < len(toks) and toks[last].text not in SENTENCE_ENDS and (last == index or last not in ctx.breaks):
        last += 1
    return first, last


def is_person(ctx: Context, tok: Tok) -> bool:
    """A first name, surname or patronymic (the morphology's tags), or a name or short form of one
    ("Кирюха", "Санёк") from the name lexicon."""
    if not tok.key[:1].isalpha() or tok.key in ctx.cues.people or len(tok.key) < 3:
        return False
    found = token_facts(tok.key, ctx.lang).readings
    if found and not found[0].grammemes.isdisjoint(_PERSON_TAGS):  # the best reading: "машина" is no surname
        return True
    if found and found[0].pos in _NOT_NAMES:
        return False  # "из", "ничего": a name lexicon's rare short forms that are function words first
    names = name_lexicon()
    return bool(names.lookup(tok.key)) and not names.is_ambiguous(tok.key)


def _first_person_verb(ctx: Context, tok: Tok) -> bool:
    """A verb in the first person ("тащим", "вывозили мы"): the speaker's side acts, so its losses are own."""
    found = token_facts(tok.key, ctx.lang).readings if tok.key[:1].isalpha() else ()
    return bool(found) and found[0].pos == "VERB" and "1per" in found[0].grammemes


def _enemy_at(ctx: Context, k: int, transitive: bool) -> bool:
    """Whether token ``k`` names the enemy as the one who lost, not as captor or as the subject of the mention."""
    toks, side = ctx.toks, side_cues()
    tok = toks[k]
    if k + 1 < len(toks) and (tok.key, toks[k + 1].key) in side.enemy_places:
        return True
    if tok.key not in side.enemy:
        return False
    if k >= 2 and toks[k - 1].key in ("у", "в", "к", "до") and toks[k - 2].key in side.captivity:
        return False  # "в плену у хохлов": the captor
    if transitive and _nominative(ctx, tok):
        return False  # "укропы наших положили": the subject, not the losses
    return True


def _nominative(ctx: Context, tok: Tok) -> bool:
    """Whether the best reading of a word is in the nominative (the subject of a verb)."""
    found = token_facts(tok.key, ctx.lang).readings if tok.key[:1].isalpha() else ()
    # "хохлов" is no subject (a genitive reading besides); "росіяни" is, whatever else the dictionary allows
    # "москалів" reads best as a possessive adjective in the Ukrainian dictionary: only a noun is a subject here
    subject = found[0].pos in ("NOUN", "NPRO") or tok.key in side_cues().own if found else False
    return bool(found) and "nomn" in found[0].grammemes and subject and not any(
        "gent" in reading.grammemes and "plur" in reading.grammemes for reading in found)


_CAPTIVE_PRONOUNS = frozenset({"его", "их", "её", "ее", "його", "їх", "її", "нас"})


def _captive_own(ctx: Context, k: int, match: TermMatch | None = None) -> bool:
    """"в плену у хохлов", "росіяни взяли в полон": an enemy captor makes the captured own; so do, for a captured
    mention, the enemy as the subject of a verb that acts on the captives ("двое в плену, хохлы утащили", "він у
    полоні, кацапи його допитують") and going over to the enemy ("ушёл к хохлам с белой тряпкой")."""
    toks, side = ctx.toks, side_cues()
    if toks[k].key not in side.enemy:
        return False
    if k >= 2 and toks[k - 1].key in ("у", "в", "к", "до") and toks[k - 2].key in side.captivity:
        return True
    if any(t.key in side.capture_verbs for t in toks[k + 1 : k + 3]) and _nominative(ctx, toks[k]):
        return True
    if match is None or not any(e.category == "captured" for e in match.entries):
        return False
    if k >= 1 and toks[k - 1].key in ("к", "до"):
        return True  # "ушёл к хохлам с белой тряпкой", "пішов до росіян здаватися": he went over to them
    if not _nominative(ctx, toks[k]):
        return False
    for j in range(max(0, k - 2), min(len(toks), k + 4)):
        if match.first <= j < match.last or j == k or not toks[j].key[:1].isalpha():
            continue
        found = tags(toks[j].key, ctx.lang)[:1]
        if not found or pos(found[0]) != "VERB" or toks[j].key.endswith(("ся", "сь")) or \
                toks[j].key in side.intransitive:
            continue
        # the Ukrainian dictionary marks no transitivity: there an object pronoun beside the verb must show it
        # ("кацапи його допитують"; not "кацап вийшов з білою ганчіркою", who went over himself)
        objects = {t.key for t in toks[max(0, j - 2) : j + 2]} & _CAPTIVE_PRONOUNS
        if ("tran" in grammemes(found[0]) and ctx.lang != "uk") or objects:
            return True  # "хохлы утащили", "их хохлы принимали", "кацапи його допитують": the captors act
    return False


def _transitive(ctx: Context, match: TermMatch) -> bool:
    """Whether the mention holds a transitive verb ("положили", "взяли в плен"), whose subject is not the losses.

    The Ukrainian dictionary marks no transitivity: there a verb that is not reflexive ("поклали", not
    "здалися") counts as transitive."""
    for tok in ctx.toks[match.first : match.last]:
        if tok.key in side_cues().intransitive:
            continue  # "лягло": the Ukrainian dictionary does not say it is intransitive
        found = token_facts(tok.key, ctx.lang).readings if tok.key[:1].isalpha() else ()
        if not found or found[0].pos not in ("VERB", "PRTS"):
            continue
        g = found[0].grammemes
        if "tran" in g or ("intr" not in g and ctx.lang == "uk" and not tok.key.endswith(("ся", "сь"))):
            return True
    return False


def _order(ctx: Context, match: TermMatch, first: int, last: int) -> list[int]:
    """Token indices around the mention, nearest first (left before right at equal distance), not across a
    contrast word."""
    toks, side = ctx.toks, side_cues()
    left = []
    k = match.first - 1
    while k >= max(first, match.first - _LEFT):
        left.append(k)
        if toks[k].key in side.contrast:
            break
        k -= 1
    right = []
    k = match.last
    while k < min(last, match.last + _RIGHT):
        if toks[k].key in side.contrast:
            break
        right.append(k)
        k += 1
    order = []
    for i in range(max(len(left), len(right))):
        order += [lst[i] for lst in (left, right) if i < len(lst)]
    return order


def _enemy_named(ctx: Context, first: int, last: int) -> Tok | None:
    """A name for the enemy anywhere in ``[first, last)`` (subject or not)."""
    side = side_cues()
    for k in range(first, last):
        tok = ctx.toks[k]
        if tok.key in side.enemy and not _captive_own(ctx, k):
            return tok
        if k + 1 < last and (tok.key, ctx.toks[k + 1].key) in side.enemy_places:
            return tok
    return None


def _enemy_owner(ctx: Context, first: int, last: int) -> Tok | None:
    """An enemy name after "у" / "в" / "от" in ``[first, last)`` ("у хохлов"): the owner of the losses told."""
    side = side_cues()
    for k in range(max(first, 1), last):
        if ctx.toks[k].key in side.enemy and ctx.toks[k - 1].key in side.they_prepositions and not _captive_own(ctx, k):
            return ctx.toks[k]
    return None


def _previous_sentence(ctx: Context, first: int) -> tuple[int, int] | None:
    """The sentence before the one starting at ``first``, within the utterance."""
    if first == 0 or first in ctx.breaks:
        return None
    k = first - 1
    while k > 0 and ctx.toks[k].text in SENTENCE_ENDS:
        k -= 1
    if ctx.toks[k].text in SENTENCE_ENDS:
        return None
    return _sentence(ctx, k)


def _they(ctx: Context, k: int, first: int, last: int) -> SideReading:
    """"у них" / "їх": the enemy named near, a reporter telling about his unit, or unknown."""
    side = side_cues()
    tok = ctx.toks[k]
    enemy = _enemy_named(ctx, first, last)
    previous = _previous_sentence(ctx, first)
    if enemy is None and previous is not None:
        enemy = _enemy_named(ctx, *previous)
    if enemy is not None:
        return SideReading(ENEMY, f"{tok.text} ... {enemy.text}", "(the enemy named near)")
    speaker = next((t for t in ctx.toks[first:k] if t.key in side.enemy_speakers), None)
    if speaker is not None:  # "Полонений розповідає: у них у роті половина п'ятисотих": the enemy's own unit
        return SideReading(ENEMY, f"{speaker.text} ... {tok.text}", "(the enemy tells about his unit)")
    for j in range(first, k):
        before = ctx.toks[j]
        if before.key in side.reporters or is_person(ctx, before):
            return SideReading(OWN, f"{before.text} ... {tok.text}", "(telling about his unit)")
    said = next((t for t in ctx.toks[first:k] if t.key in side.say_verbs), None)
    if said is not None:  # "Он не плакал. И говорит — у них в роте четверо": someone spoken of tells about his unit
        if any(t.key in ("он", "она", "він", "вона") for t in ctx.toks[first:k]):
            return SideReading(OWN, f"{said.text} ... {tok.text}", "(telling about his unit)")
        start = first
        for _ in range(2):
            previous = _previous_sentence(ctx, start)
            if previous is None:
                break
            teller = next((t for t in ctx.toks[previous[0] : previous[1]]
                           if t.key in side.reporters or is_person(ctx, t)), None)
            if teller is not None:
                return SideReading(OWN, f"{teller.text} ... {said.text} ... {tok.text}", "(telling about his unit)")
            start = previous[0]
    if (tok.key in side.their or tok.key in side.they) and k + 1 < len(ctx.toks) and \
            ctx.toks[k + 1].key in ctx.cues.units and previous:
        # "Салават живой, только ранен. С их роты ещё трое ранены": the unit of someone spoken of just before
        person = next((t for t in ctx.toks[previous[0] : previous[1]] if is_person(ctx, t)), None)
        if person is not None:
            return SideReading(OWN, f"{person.text} ... {tok.text}", "(the unit of someone spoken of)")
    return SideReading(UNKNOWN, tok.text, "(no one says whose)")


def _surrendered_to_enemy(ctx: Context, match: TermMatch) -> str:
    """"сдался хохлам", "ушёл к ним с белой тряпкой" (the enemy named in the sentence), "здався до кацапів": a
    surrender to the enemy makes the one who surrendered the speaker's own ("" if not so)."""
    toks, side = ctx.toks, side_cues()
    flag = any(e.id == "plain.surrendered_flag" for e in match.entries)
    verb = next((toks[j] for j in range(match.first, match.last) if toks[j].key.startswith(_SURRENDER)), None)
    if verb is None and not flag:
        return ""
    first, last = _sentence(ctx, match.first)
    near = [(match.first - 1 - i, t) for i, t in enumerate(ctx.before(match.first, 4))]
    near += [(j, t) for j, t in enumerate(ctx.after(match.last, 3), match.last)]
    for j, tok in near:
        to = j > 0 and toks[j - 1].key in ("к", "до")
        dative = j >= match.last and any("datv" in grammemes(tag) for tag in tags(tok.key, ctx.lang)[:2])
        if tok.key in side.enemy and (to or dative):  # not "троє русні здалися": the enemy's own men
            return f"{toks[match.first].text} ... {tok.text}"
        if to and tok.key in ("ним", "них") and _enemy_named(ctx, first, last) is not None:
            return f"{toks[j - 1].text} {tok.text}"  # "ушёл к ним", the enemy named in the sentence
    return ""


_SURRENDER = ("сда", "зда")


def _we_took_counted(ctx: Context, match: TermMatch) -> str:
    """"ми взяли в полон одинадцять строковиків", "вони там взяли трьох в полон": a verb of taking prisoners with a
    counted object, no enemy named in the clause and no owner of the captives: the speaker's side took them, so they
    are the enemy ("" if not so). "наших троих взяли в плен" and "хохлы взяли в плен троих" are left to the rest."""
    if not any(e.category == "captured" and e.kind == "plain" for e in match.entries):
        return ""
    toks, side = ctx.toks, side_cues()
    lo, hi = max(0, match.first - 3), min(len(toks), match.last + 3)
    verb = next((toks[j] for j in range(lo, hi) if toks[j].key in side.capture_verbs), None)
    if verb is None or not any(j in ctx.by_first for j in range(lo, hi)):
        return ""
    clause = ctx.before(match.first, 8) + ctx.after(match.last, 8)
    if any(t.key in side.enemy or (t.key in side.own and t.key not in _WE) or t.key in ctx.cues.object_pronouns
           or t.key in ctx.cues.singular_pronouns or is_person(ctx, t) for t in clause):
        return ""  # "Миколу взяли в полон разом з двома": a person of ours taken with others
    first, _ = _sentence(ctx, match.first)
    previous = _previous_sentence(ctx, first)
    scope = ctx.toks[previous[0] if previous else first : match.first]
    if not any(t.key in _WE or t.key in ("они", "вони") for t in scope):
        return ""  # "Группа Бурого не вышла. Двоих в плен взяли": nobody says who took them
    return verb.text


def _surrendered_to_us(ctx: Context, match: TermMatch, first: int, last: int) -> str:
    """The words that make a captured mention the enemy's: "здались нам в полон", "до нас троє здались" ("" if none)."""
    if not any(e.category == "captured" for e in match.entries):
        return ""
    keys = [t.key for t in ctx.toks]
    for phrase in side_cues().to_us:
        n = len(phrase)
        for k in range(max(first, match.first - 6), min(last, match.last + 3) - n + 1):
            after = ctx.toks[k + n] if k + n < len(ctx.toks) else None
            if tuple(keys[k : k + n]) == phrase and not (k > 0 and keys[k - 1] in side_cues().captivity) and not (
                    n == 1 and after is not None and is_finite_verb(after, ctx.lang)):  # not "нам сказали, что ..."

                return " ".join(t.text for t in ctx.toks[k : k + n])
    return ""


_OPENING, _CLOSING = ("«", "“", "„"), ("»", "”")
_WE = ("мы", "ми", "наши", "наші")


def _quoted_enemy(ctx: Context, match: TermMatch) -> str:
    """The word before a quotation holding the mention that makes the enemy its speaker ("Полонений каже: «у нас
    половина двухсотые»", "перехопили русню: «у нас пятеро двухсотых»"): "" when not quoted or not the enemy's."""
    toks, side = ctx.toks, side_cues()
    opening = None
    for k in range(match.first - 1, max(-1, match.first - 40), -1):
        if toks[k].text in _CLOSING or k + 1 in ctx.breaks:
            return ""
        if toks[k].text in _OPENING:
            opening = k
            break
    if opening is None or not any(t.text in _CLOSING for t in toks[match.last : match.last + 60]):
        return ""
    first, _ = _sentence(ctx, max(opening - 1, 0))
    previous = _previous_sentence(ctx, first)
    for k in range(opening - 1, (previous or (first, 0))[0] - 1, -1):
        tok = toks[k]
        if tok.key in side.enemy_speakers or (tok.key in side.enemy and not _captive_own(ctx, k)):
            return tok.text
    return ""


def _continued_enemy(ctx: Context, match: TermMatch, first: int) -> Tok | None:
    """"положили их человек двадцать, ещё с десяток трёхсотых": the enemy named before a continuation word
    ("ещё", "ще") in the sentence, when no word of the speaker's side stands by the mention."""
    toks, side = ctx.toks, side_cues()
    for k in range(match.first - 1, max(first - 1, match.first - 5), -1):
        if toks[k].text in (",", ".", "!", "?", ";", "—", "–"):
            return None
        if toks[k].key in side.continuation:
            if any(t.key in side.own for t in toks[k + 1 : match.last + 2]) or not _after_mention(ctx, k, first):
                return None
            return _enemy_named(ctx, first, k)
    return None


def _after_mention(ctx: Context, k: int, first: int) -> bool:
    """Whether the continuation word at ``k`` follows another mention, with no other verb between them."""
    for j in range(k - 1, max(first - 1, k - 9), -1):
        if j in ctx.casualty_tokens:
            return True
        if is_finite_verb(ctx.toks[j], ctx.lang):
            return False
    return False


def _left_owner(ctx: Context, match: TermMatch, first: int) -> Tok | None:
    """"у укропов в посадке человек десять двухсотых": the enemy as owner ("у" + name) shortly before the mention,
    with no contrast and no word of the speaker's side between them."""
    toks, side = ctx.toks, side_cues()
    for k in range(match.first - 1, max(first, match.first - _LEFT) - 1, -1):
        if toks[k].key in side.contrast or toks[k].key in side.own:
            return None
        if k > 0 and toks[k].key in side.enemy and toks[k - 1].key in side.they_prepositions \
                and not _captive_own(ctx, k):
            return toks[k]
    return None


def _we_capture(ctx: Context, match: TermMatch, k: int) -> bool:
    """"наші двох взяли в полон": the speaker's side is the subject of a verb of taking prisoners."""
    return (ctx.toks[k].key in _WE and any(e.category == "captured" for e in match.entries)
            and any(t.key in side_cues().capture_verbs for t in ctx.toks[max(0, match.first - 2) : match.last + 2]))


def side_of(ctx: Context, match: TermMatch) -> SideReading:
    """Whose losses the mention of ``match`` reports; in a quotation of the enemy's words ("Полонений каже:
    «у нас половина двухсотые»"), what the words would make own is the enemy's."""
    reading = _side_of(ctx, match)
    if any(entry.id == "plain.prisoner" for entry in match.entries) and reading.side != ENEMY:
        return _prisoners(ctx, match, reading)
    if reading.side == UNKNOWN and any(entry.id == "plain.killed_no_more" for entry in match.entries):
        # "Деда больше нет": the speaker mourns him, he is one of the speaker's own
        return SideReading(OWN, " ".join(t.text for t in ctx.toks[match.first : match.last]), "(someone mourned)")
    if reading.side != ENEMY:
        speaker = _quoted_enemy(ctx, match)
        if speaker:
            return SideReading(ENEMY, speaker, "(the enemy speaks in the quotation)")
    return reading


def _prisoners(ctx: Context, match: TermMatch, reading: SideReading) -> SideReading:
    """Whose prisoners a prisoner noun names: a possessive near it makes them own ("полонених наших двоє"), and so
    do a relative before it ("дружина військовополоненого") and a list families search ("в списке пленных нашли");
    otherwise they are the enemy the speaker's side holds ("маю полонених семеро", "у меня пленный, один", "пленных
    дев'ятнадцять")."""
    near = ctx.sentence_before(match.first, 6) + ctx.sentence_after(match.last, 4)
    owner = next((t for t in near if t.key in cues.keys("prisoner_owners")), None)
    if owner is not None:
        return SideReading(OWN, owner.text, "owns the prisoners")
    kin = ctx.toks[match.first - 1] if match.first > 0 and match.first not in ctx.breaks else None
    if kin is not None and kin.key in cues.keys("prisoner_kin"):
        return SideReading(OWN, f"{kin.text} {ctx.toks[match.first].text}", "(a relative of the prisoner)")
    listed = next((t for t in ctx.sentence_before(match.first, 3) if t.key in cues.keys("prisoner_lists")), None)
    if listed is not None:
        return SideReading(OWN, f"{listed.text} {ctx.toks[match.first].text}", "(a list families search)")
    return SideReading(ENEMY, ctx.toks[match.first].text, HELD_PRISONERS)


def _side_of(ctx: Context, match: TermMatch) -> SideReading:
    side, toks = side_cues(), ctx.toks
    first, last = _sentence(ctx, match.first)
    transitive = _transitive(ctx, match)
    radio = toks[match.first].key in ("минус", "мінус")  # "я Сапсан, минус четыре у хохлов": "я" did it
    held = _held_by_us(ctx, match)
    if held:
        return SideReading(ENEMY, held, "(the speaker's side holds them)")
    to_us = _surrendered_to_us(ctx, match, first, last)
    if to_us:
        return SideReading(ENEMY, to_us, "(they were taken by the speaker's side)")
    to_enemy = _surrendered_to_enemy(ctx, match)
    if to_enemy:
        return SideReading(OWN, to_enemy, "(surrendered to the enemy)")
    took = _we_took_counted(ctx, match)
    if took:
        return SideReading(ENEMY, took, "(the speaker's side took them)")
    for find, how in ((_continued_enemy, "named before 'ещё'"), (_left_owner, "owns them, before")):
        enemy = find(ctx, match, first)
        if enemy is not None:
            return SideReading(ENEMY, enemy.text, how)
    fallen = _fallen_owner(ctx, match)
    if fallen is not None:
        return fallen
    weak = None
    deciding = _deciding_keys()
    for k in _order(ctx, match, first, last):
        tok = toks[k]
        if tok.key not in deciding:
            continue  # a word of no side list: no test below can stop or note it
        if tok.key in side.weak_own:
            weak = weak or tok  # "нам нагороди обіцяють": to whom, not whose
            continue
        if _we_capture(ctx, match, k):
            return SideReading(ENEMY, tok.text, "(the speaker's side took them)")
        if _captive_own(ctx, k, match):
            words = toks[k - 2 : k + 1] if k >= 2 and toks[k - 2].key in side.captivity else toks[k : k + 2]
            return SideReading(OWN, " ".join(t.text for t in words), "(the enemy is the captor)")
        if _enemy_at(ctx, k, transitive):
            return SideReading(ENEMY, tok.text, "next to it")
        if tok.key in side.own and not ((transitive or radio) and _nominative(ctx, tok)):
            return SideReading(OWN, tok.text, "next to it")  # not "мы их положили": the subject
        if tok.key in side.own and transitive and not radio and any(
                t.key in ("их", "їх") for t in toks[max(first, match.first - 5) : match.last + 2]):
            return SideReading(ENEMY, f"{tok.text} ... {toks[match.first].text}", "(the speaker's side killed them)")
        if tok.key in side.their and k + 1 < len(toks) and toks[k + 1].key in ctx.cues.units:
            return _they(ctx, k, first, last)  # "з їхньої роти ще п'ятеро": the unit of the people spoken of
        if tok.key in side.their and (match.first - 3 <= k < match.first or k == match.last):
            return SideReading(ENEMY, tok.text, "next to it")  # "ихних двухсотых"
        if tok.key in side.their or tok.key in side.they and (
                k > 0 and toks[k - 1].key in side.they_prepositions or (transitive and k == match.last)
                or (k < match.first and k - 1 in ctx.by_last)):  # "чоловік двадцять їх там лишилося": of them
            return _they(ctx, k, first, last)  # "у них", "поклали їх", "сина їхнього"
    if weak is not None:
        return SideReading(OWN, weak.text, "next to it")
    enemy = _enemy_owner(ctx, first, match.first)
    if enemy is not None:
        # "у хохлов двое сдались в плен, а троих дроны добили": the sentence is about them (not "росіяни взяли")
        return SideReading(ENEMY, enemy.text, "earlier in the sentence")
    start = first
    for _ in range(_LOOK_BACK):  # "Скільки там москалів лишилось? — Двохсотих десятка два"
        previous = _previous_sentence(ctx, start)
        if previous is None:
            break
        own = next((toks[j] for j in range(*previous) if toks[j].key in side.own), None)
        if own is not None:
            if start == first and _enemy_named(ctx, *previous) is None:
                # "Наших теж... Богдан з Ігорем загинули": the sentence before names whose they are
                return SideReading(OWN, own.text, "in the sentence before")
            break
        enemy = _enemy_named(ctx, *previous)
        if enemy is not None:
            return SideReading(ENEMY, enemy.text, "in a sentence before")
        start = previous[0]
    for tok in toks:
        if (tok.key in side.own or tok.key in side.own_people or tok.key in ctx.cues.singular_pronouns
                or _first_person_verb(ctx, tok) or is_person(ctx, tok)):
            return SideReading(OWN, tok.text, "in the text")
    enemy = _enemy_named(ctx, 0, len(toks))
    if enemy is not None:
        return SideReading(ENEMY, enemy.text, "in the text")
    return SideReading()


@lru_cache(maxsize=1)
def _deciding_keys() -> frozenset[str]:
    """The keys at which the walk of :func:`_side_of` around a mention can stop or note a word: the side lists it
    tests (the first words of the enemy's places too) and "мы"/"наши"; any other word is passed over."""
    side = side_cues()
    return (side.weak_own | side.enemy | side.own | side.their | side.they | frozenset(_WE)
            | frozenset(phrase[0] for phrase in side.enemy_places if phrase))


def _fallen_owner(ctx: Context, match: TermMatch) -> SideReading | None:
    """"хохлов под полсотни легло", "семеро їх там і лягло": the word before a verb of falling dead in its clause
    says whose the dead are (an enemy name, an own possessive, or "їх" with the enemy named near)."""
    toks, side = ctx.toks, side_cues()
    if match.last - match.first != 1 or toks[match.first].key not in side.intransitive:
        return None
    first, last = _sentence(ctx, match.first)
    k = match.first - 1
    while k >= first and toks[k].key not in ctx.cues.clause_end and toks[k].key not in side.contrast:
        tok = toks[k]
        if tok.key in side.enemy and not _captive_own(ctx, k):
            return SideReading(ENEMY, tok.text, "fell, before it")
        if tok.key in side.own and tok.key not in side.weak_own and not _nominative(ctx, tok):
            return SideReading(OWN, tok.text, "fell, before it")
        if tok.key in side.they:
            reading = _they(ctx, k, first, last)
            if reading.side != UNKNOWN:
                return reading
        k -= 1
    return None


_HOLDERS = (("у", "нас"), ("в", "нас"))


def _held_by_us(ctx: Context, match: TermMatch) -> str:
    """"у нас в плену", "він у нас пленный", "в полоні в нас": the speaker's side holds the captured, so they are
    the enemy ("" if not so); "у нас двое в плену" (not right beside it) stays the speaker's own."""
    if not any(e.category == "captured" and e.kind == "plain" for e in match.entries):
        return ""  # "у нас шестисотых двое": a code word with "у нас" is the speaker's own
    toks = ctx.toks
    for words in (toks[max(0, match.first - 2) : match.first], toks[match.last : match.last + 2]):
        if tuple(t.key for t in words) in _HOLDERS:
            return " ".join(t.text for t in words)
    return ""
