"""Hearsay the text goes on to contradict: a loss told as what others say or wrote ("кажуть, Сірого обнулили",
"сказали, что Костя погиб", "чутка пішла, що наш взвод у полоні"), then, within the next sentences and before any
other casualty word, a word that the man is alive or back, a word of a lie or of disbelief ("да гонят они", "не
вір"), or the claim said again to deny it ("та яке обнулили", "да не пропал он") (ANNOTATION.md, "Not a mention":
rumours the speaker denies, things falsely reported)."""

from __future__ import annotations

from overheard.annotate import cues as cue_lists
from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.reasons import Reason, Rejection
from overheard.annotate.rules.casualties.words import number_of
from overheard.annotate.rules.terms import TermMatch
from overheard.annotate.rules.tokens import SENTENCE_ENDS, Tok

_UNDONE_BY_LIFE = frozenset({"killed", "missing", "deserted"})
_UNDONE_ELSEWHERE = frozenset({"killed", "missing", "deserted", "captured"})


def _framed(ctx: Context, span_first: int) -> Tok | None:
    """A word of hearsay earlier in the sentence ("кажуть", "сказали", "чутка", "болтают")."""
    words = cue_lists.union(ctx.cues.reported, cue_lists.keys("hearsay_words"))
    return next((t for t in ctx.sentence_before(span_first, 14) if t.key in words), None)


def _echo(tok: Tok, nxt: Tok, said: list[Tok]) -> bool:
    """Whether ``tok nxt`` denies the claim by saying it again: "та яке обнулили", "да не пропал", "какой двухсотый"."""
    if tok.key not in cue_lists.keys("echo_denials"):
        return False
    stems = {t.key[:5] for t in said if len(t.key) >= 5}
    return len(nxt.key) >= 5 and nxt.key[:5] in stems


def contradicted_hearsay(ctx: Context, match: TermMatch, span_first: int, category: str,
                         count: int | None) -> Rejection | None:
    """Why a loss told as hearsay is one the text goes on to contradict (None: nothing contradicts it). A word of
    being alive undoes only one man's death, loss or desertion (a prisoner or a wounded man is alive; "семеро
    загиблих, Остап живий" is another man), and not in a wish ("лучше бы живым вернулся"); the same people somewhere
    else undo any loss but a wound ("кажуть, Андрія поранило, а він мовчав, лежить у шпиталі")."""
    frame = _framed(ctx, span_first)
    if frame is None:
        return None
    toks = ctx.toks
    earlier = _alive_before(ctx, frame, category)
    if earlier is not None:  # "Лена с Алданом вернулись! ... А говорили, что оба двухсотые."
        return Rejection(Reason.CALLED_FALSE, f"{earlier.text} ... {frame.text}")
    said = toks[match.first : match.last]
    who = cue_lists.keys("question_who")
    lies = cue_lists.union(ctx.cues.lies, cue_lists.keys("disbelief"))
    one = count == 1 or (count is None and number_of(toks[match.last - 1], ctx.lang) == "sing")
    alive = ctx.cues.alive_after if category in _UNDONE_BY_LIFE and one else frozenset()
    uncounted = count in (1, None)  # "записали в зниклі безвісти": a plural phrase of one man
    elsewhere = category in _UNDONE_ELSEWHERE  # "кажуть, Андрія поранило, а він мовчав, лежить у шпиталі": wounded
    phrases = cue_lists.phrases("disbelief_phrases")
    k, sentences, seen = match.last, 0, 0
    while k < len(toks) and sentences < 3 and seen < 30:
        tok = toks[k]
        if k > match.last and k in ctx.casualty_tokens and not any(t.key[:5] == tok.key[:5] for t in said):
            return None  # another loss is told next: what follows is about it
        if tok.text in SENTENCE_ENDS:
            sentences += 1
        elif not tok.is_punct:
            seen += 1
            pair = (tok.key, toks[k + 1].key) if k + 1 < len(toks) else ()
            asked = any(t.key in who for t in ctx.before(k, 2))  # "кто там врёт": a question, no denial
            denied = tok.key in lies and toks[k - 1].key in ctx.cues.negation  # "это не слухи", "не ошибка"
            if k >= match.last and (tok.key in lies or pair in phrases) and not asked and not denied:
                return Rejection(Reason.FALSE_REPORT, tok.text if tok.key in lies else " ".join(pair))
            if k >= match.last and tok.key in alive and not _wished(ctx, k):
                return Rejection(Reason.FALSE_REPORT, tok.text)
            if k + 1 < len(toks) and k >= match.last and _echo(tok, toks[k + 1], said):
                return Rejection(Reason.FALSE_REPORT, f"{tok.text} {toks[k + 1].text}")
            turned = elsewhere and k > match.last and tok.key in _BUT and k + 1 < len(toks)
            j = k + 1  # "а потом он сам позвонил", "а на другой день Кабан пришёл": when, then who
            while turned and j < len(toks) - 1 and j - k <= 3 and toks[j].key in cue_lists.keys("contrast_when"):
                j += 1
            if turned and _same_subject(ctx, toks[j], frame, k, uncounted):
                return Rejection(Reason.CONTRADICTED_LATER, f"{tok.text} {toks[j].text}")
        k += 1
    return None


def _alive_before(ctx: Context, frame: Tok, category: str) -> Tok | None:
    """A word of being alive or back (``alive_after``) in the two sentences before hearsay of a death or a loss that
    opens its sentence with "а"/"але" and the verb of saying ("Лена с Алданом вернулись! Вдвоём на «Ниве». А
    говорили, что оба двухсотые", "Він живий. А казали, що зник безвісти"): the speaker sets what was said against
    what is. No other casualty word may stand between them."""
    if category not in ("killed", "missing"):
        return None
    toks = ctx.toks
    k = next(i for i, t in enumerate(toks) if t is frame)
    opening = [t for t in ctx.sentence_before(k, 3) if not t.is_punct]
    if len(opening) != 1 or opening[0].key not in _BUT or k in ctx.breaks:
        return None
    alive, sentences, j = ctx.cues.alive_after, 0, k - len(ctx.sentence_before(k, 3)) - 1
    while j >= 0 and sentences <= 2 and j + 1 not in ctx.breaks:
        if toks[j].text in SENTENCE_ENDS:
            sentences += 1
        elif j in ctx.casualty_tokens:
            return None
        elif toks[j].key in alive and not _wished(ctx, j) and not any(
                t.key in ctx.cues.negation for t in ctx.before(j, 2)):
            return toks[j]
        j -= 1
    return None


def _wished(ctx: Context, k: int) -> bool:
    """Whether the clause of token ``k`` holds the particle of the subjunctive ("лучше бы он живым вернулся")."""
    return any(t.key in ctx.cues.subjunctive for t in ctx.before(k, 6) + ctx.after(k, 3))


_BUT = frozenset({"а", "але", "но"})
_PERSONS = {"3": "contrast_he", "2": "contrast_you", "1": "contrast_we"}


def _same_subject(ctx: Context, tok: Tok, frame: Tok, until: int, one: bool) -> bool:
    """Whether the word after a contrast names the ones the hearsay was about: a name said again ("что Димон в плену
    ... А Димон в госпитале"), or a pronoun of the person the hearsay's words name: "він" of one man named or
    pointed to ("написали, що Юрко в СЗЧ, а він у відпустці був"), "ти" of the listener ("казали що ти в сзч втік а
    ти оно в формі стоїш"), "ми" of the speaker's own ("що наш взвод у полоні ... а ми в лісі сиділи")."""
    start = next(k for k in range(until, -1, -1) if ctx.toks[k] is frame) + 1
    told = [t for t in ctx.toks[start:until] if t.key not in _BUT]  # the hearsay's words up to the contrast
    if tok.text[:1].isupper() and any(t.key == tok.key for t in told):
        return True
    for person, name in _PERSONS.items():
        if tok.key in cue_lists.keys(name):
            cue = cue_lists.keys(name + "_told")
            whole = cue_lists.keys("whole_group")
            if person == "3" and (not one or any(t.key in ctx.cues.units or t.key in whole for t in told)):
                return False  # "вся его рота полегла, а он один остался": another man than the group
            return any(t.key in cue or (person == "3" and t.text[:1].isupper() and t is not told[0]) for t in told)
    return False
