"""A status written in the records that the text contradicts: "у вас он числится погибшим" beside "он в плену",
"двухсотым по ошибке записали" beside "ранен в живот", "доложил, что они двухсотые" beside "шестеро сдались в плен"
(ANNOTATION.md, "Not a mention": things the speaker says were falsely reported); and a count the speaker takes back
before telling the right one ("вчора подали шість двохсотих, це помилка. Двохсотих четверо": one group, the later)."""

from __future__ import annotations

from overheard.annotate import cues as cue_lists
from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.mentions import CasualtyMention
from overheard.annotate.rules.casualties.reasons import Reason, Rejection
from overheard.annotate.rules.tokens import Tok


def record_word(ctx: Context, mention: CasualtyMention) -> Tok | None:
    """A verb or noun of the records before the mention in its sentence or right after it ("числится", "записали",
    "доложил, что", "бумагу, что он СОЧ", "отписался")."""
    records = cue_lists.keys("record_words")
    near = ctx.sentence_before(mention.first, 10) + ctx.after(mention.last, 3)
    return next((t for t in near if t.key in records), None)


def _same_people(a: CasualtyMention, b: CasualtyMention) -> bool:
    """Whether two mentions can be the same people: equal counts, or one of them uncounted."""
    return a.count is None or b.count is None or a.count == b.count


def contradicted_record(ctx: Context, mention: CasualtyMention, mentions: list[CasualtyMention]) -> Rejection | None:
    """Why a mention is a record the text contradicts: it stands under a word of the records and another mention of
    the text, of another category and not itself a record, tells what became of the same people (None: it is no
    such record)."""
    word = record_word(ctx, mention)
    if word is None:
        return None
    records = cue_lists.keys("record_words")
    if not any(other.category != mention.category and _same_people(other, mention) and not any(
            t.key in records for t in ctx.before(other.first, 4) + ctx.after(other.last, 2)) for other in mentions):
        return None  # the other fate must be told, not written down in its own clause too
    return Rejection(Reason.FALSE_REPORT, word.text)


_MORE = frozenset({"еще", "ещё", "ще", "плюс", "также", "також", "тоже", "теж"})  # "уточнили: ещё двое": more men


def corrected_claim(ctx: Context, mention: CasualtyMention, mentions: list[CasualtyMention]) -> Rejection | None:
    """Why a counted mention is a claim the speaker corrects later (None: it is not): a word that takes it back
    ("ошибка", "ошибся", "слухи", "уточнили", "поправка") between it and a later mention of the same category and side
    with another number, within 30 words ("вчера докладывал троих двухсотых — ошибся ... двухсотых двое", "тридцать
    трёхсотых — это слухи, у меня три трёхсотых"): the group is told once, by the corrected count
    (annotation-decisions.md, Counts; ANNOTATION.md, one entry per group). More men added ("уточнили: ещё двое") are
    another group."""
    if mention.count is None or mention.approximate:
        return None
    corrections = cue_lists.keys("claim_corrections")
    for other in mentions:
        if other.first <= mention.last or other.first - mention.last > 30 or other.category != mention.category:
            continue
        if other.count is None or other.count == mention.count or (
                other.side != mention.side and "unknown" not in (other.side, mention.side)):
            continue
        if any(t.key in _MORE for t in ctx.before(other.first, 3)):
            continue
        word = next((t for t in ctx.toks[mention.last : other.first] if t.key in corrections), None)
        if word is not None:
            return Rejection(Reason.CONTRADICTED_LATER, word.text)
    return None
