"""A status written in the records that the text contradicts: "у вас он числится погибшим" beside "он в плену",
"двухсотым по ошибке записали" beside "ранен в живот", "доложил, что они двухсотые" beside "шестеро сдались в плен"
(ANNOTATION.md, "Not a mention": things the speaker says were falsely reported)."""

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
