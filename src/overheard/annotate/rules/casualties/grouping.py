"""One entry per group (ANNOTATION.md): mentions of one group within an utterance are merged."""

from __future__ import annotations

import bisect
from dataclasses import replace

from overheard.annotate.rules.casualties.mentions import CasualtyMention
from overheard.annotate.rules.casualties.reasons import SameGroup
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
        target = None
        key = (utterance_of(mention.start), mention.category)
        for index in groups.get(key, ()):
            earlier = result[index]
            if another and mention.explicit and earlier.explicit:
                continue
            if mention.explicit and earlier.explicit and mention.count != earlier.count:
                continue
            target = index
        if target is None:
            groups.setdefault(key, []).append(len(result))
            result.append(mention)
            continue
        earlier = result[target]
        counted = not mention.explicit and not earlier.explicit and earlier.count is None and mention.count is not None
        if (mention.explicit and not earlier.explicit) or counted:  # keep the reading that says how many
            why = replace(mention.why, merged=(*mention.why.merged, SameGroup(earlier.term_id, later=False)))
            result[target] = replace(mention, why=why)
        else:
            why = replace(earlier.why, merged=(*earlier.why.merged, SameGroup(mention.term_id, later=True)))
            result[target] = replace(earlier, why=why)
    return result
