"""One entry per group (ANNOTATION.md): mentions of one group within an utterance are merged."""

from __future__ import annotations

import bisect
from dataclasses import replace

from overheard.annotate.rules.casualties.mentions import CasualtyMention
from overheard.annotate.rules.casualties.reasons import SameGroup
from overheard.annotate.rules.casualties.side import GUESSED_SIDES
from overheard.annotate.rules.tokens import Tok


def group(mentions: list[CasualtyMention], toks: list[Tok], utterances, new_group: frozenset[str]
          ) -> list[CasualtyMention]:
    """Merge mentions of one group within an utterance; ``new_group`` words ("ещё") start another group."""
    starts = [start for start, _ in utterances]

    def utterance_of(position: int) -> int:
        return bisect.bisect_right(starts, position) - 1

    result: list[CasualtyMention] = []
    groups: dict[tuple[int, str], list[int]] = {}  # (utterance, category) -> indices into result
    for mention in mentions:
        another = mention.first > 0 and any(
            toks[k].key in new_group for k in range(max(0, mention.first - 3), mention.first))
        # "з їхньої роти в полоні ще п'ятеро": the word of another group between the mention and its count
        another = another or (mention.explicit and mention.why.count.side == "after" and any(
            toks[k].key in new_group for k in range(mention.last, min(len(toks), mention.last + 2))))
        target, phrase = None, False
        key = (utterance_of(mention.start), mention.category)
        for index in groups.get(key, ()):
            earlier = result[index]
            if _one_phrase(earlier, mention, toks):
                target, phrase = index, True  # "троє кацапів здалися в полон нашому взводу": one phrase, one group
                break
            if another and mention.explicit and (earlier.explicit or earlier.count == 1) and not (
                    mention.why.count.plus and not earlier.explicit):
                continue  # "Іван важкий трьохсотий ... Ще двоє теж поранені": one and two more; but "Костю в
                # пятисотые записали. Он и ещё двое отказались": he is counted in the three
            if mention.explicit and earlier.explicit and mention.count != earlier.count and not _vague_and_counted(
                    mention, earlier):
                continue
            if "unknown" not in (mention.side, earlier.side) and mention.side != earlier.side and not (
                    _weak(mention) or _weak(earlier)):
                continue  # "ихних двухсотых ... и наших двухсотых": two groups
            target = index
        if target is None:
            groups.setdefault(key, []).append(len(result))
            result.append(mention)
            continue
        earlier = result[target]
        counted = not mention.explicit and not earlier.explicit and earlier.count is None and mention.count is not None
        counted = counted or (_vague_and_counted(mention, earlier) and mention.count is not None)
        beside = ("before", "after")  # "Сдались в плен двое ... с 4-й роты": the count beside the phrase wins
        closer = phrase and mention.explicit and mention.why.count.side in beside and \
            earlier.why.count.side not in beside
        if (mention.explicit and not earlier.explicit) or counted or closer:  # keep the reading that says how many
            why = replace(mention.why, merged=(*mention.why.merged, SameGroup(earlier.term_id, later=False)))
            kept, other = replace(mention, why=why), earlier
        else:
            why = replace(earlier.why, merged=(*earlier.why.merged, SameGroup(mention.term_id, later=True)))
            kept, other = replace(earlier, why=why), mention
        if (kept.side == "unknown" or _weak(kept)) and other.side != "unknown" and not _weak(other):
            # the side one of them names holds for the group
            kept = replace(kept, side=other.side, why=replace(kept.why, side=other.why.side))
        result[target] = kept
    return result


_CAPTIVITY = "plain.captured"  # "в плен", "у полон": the place a verb of surrender or capture names
_CAPTIVITY_VERBS = frozenset({"plain.surrendered", "plain.captured_taken"})  # "сдались", "взяли" (+ "в плен")


def _one_phrase(a: CasualtyMention, b: CasualtyMention, toks: list[Tok]) -> bool:
    """Whether two captured mentions are one phrase: a verb of surrender or capture and "в плен" / "у полон" beside
    it, in either order, at most one word between and no punctuation ("сдались в плен", "в плен сами сдались")."""
    if {a.term_id, b.term_id} & _CAPTIVITY_VERBS == set() or _CAPTIVITY not in (a.term_id, b.term_id) or \
            a.term_id == b.term_id:
        return False
    left, right = (a, b) if a.first <= b.first else (b, a)
    between = toks[left.last : right.first]
    return len(between) <= 1 and not any(tok.is_punct for tok in between)


def _vague_and_counted(a: CasualtyMention, b: CasualtyMention) -> bool:
    """One says "many" and the other a number, of one side ("русні багато наклали, двохсотих штук п'ятнадцять"):
    the number says how many of the same group."""
    vague = [m for m in (a, b) if m.count is None and m.approximate]
    same_side = a.side == b.side != "unknown" or (_weak(a) != _weak(b) and "unknown" not in (a.side, b.side))
    return len(vague) == 1 and (a.count is not None or b.count is not None) and same_side


def _weak(mention: CasualtyMention) -> bool:
    """Whether the side was only guessed from a word anywhere in the text (not next to the mention or its
    sentence) or is a prisoner noun's default: it does not split a group ("... орків поклали. Двохсоті, всі до одного.
    В нас без втрат", "двоє наших потрапили в полон ... Сокіл серед полонених")."""
    return any(f"{how})" in mention.why.side for how in GUESSED_SIDES)
