"""What the casualty rules decide about each casualty-looking match: a mention, or a rejected reading."""

from __future__ import annotations

from dataclasses import dataclass

from overheard.annotate.rules.casualties.reasons import MentionExplanation, Reason, Rejection


@dataclass(frozen=True)
class CasualtyMention:
    """An accepted casualty mention."""

    category: str
    count: int | None
    approximate: bool
    start: int
    end: int
    term_id: str
    why: MentionExplanation
    explicit: bool  # the count was stated (not inferred from a singular form)
    first: int  # token range of the code word (for grouping)
    last: int
    side: str = "unknown"  # whose losses: "own", "enemy" or "unknown" (ANNOTATION.md, Side)

    @property
    def explanation(self) -> str:
        """Which entry fired, how the count was read, which mentions were merged (rendered from ``why``)."""
        return self.why.text


@dataclass(frozen=True)
class RejectedReading:
    """A casualty-looking match that is not a mention, and why."""

    category: str
    start: int
    end: int
    term_id: str
    rejection: Rejection

    @property
    def reason(self) -> Reason:
        """Why it is not a mention."""
        return self.rejection.reason

    @property
    def explanation(self) -> str:
        """The reason as an analyst reads it ("'300 метрах': distance, not a code")."""
        return self.rejection.text


@dataclass(frozen=True)
class CasualtyDecisions:
    """Every casualty decision on one document: the mentions (grouped) and the rejected readings."""

    mentions: tuple[CasualtyMention, ...]
    rejected: tuple[RejectedReading, ...]
    accepted: frozenset[tuple[int, int]] = frozenset()  # spans of the term matches read as mentions

    @property
    def not_codes(self) -> frozenset[tuple[int, int]]:
        """Spans of digit and ordinal codes that are numbers here ("в 300 метрах"), not codes."""
        return frozenset((r.start, r.end) for r in self.rejected if r.reason.not_a_code)

    def __iter__(self):
        """``mentions, rejected = decisions``."""
        return iter((list(self.mentions), list(self.rejected)))
