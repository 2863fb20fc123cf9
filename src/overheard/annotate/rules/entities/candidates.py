"""Entity candidates with structured explanations, and the resolver that makes them non-overlapping.

A candidate says which rule found it (``rule``: "phone:digits", "person: first+surname",
"gazetteer:бахмут", "natasha NER ORG"...) and carries the marks the resolver ranks by (a name only
pymorphy3 knows, a surname after a rank, a span from the NER model) as fields, never as words to look
for in the explanation; :attr:`Candidate.explanation` renders them as an analyst reads them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

LABEL_PRIORITY = {"PHONE": 0, "UNIT": 1, "CALLSIGN": 2, "PER": 3, "LOC": 4, "ORG": 5}


@dataclass
class Candidate:
    """A span that may be an entity: label, score, the rule that found it, its marks and attributes."""

    label: str
    start: int
    end: int
    score: float
    rule: str  # which rule fired ("phone:digits", "person: first+surname", "callsign: ...", "gazetteer:...")
    attributes: dict[str, Any] = field(default_factory=dict)
    pymorphy_name: bool = False  # PER: every first name in it is one only pymorphy3 tags as a name
    after_rank: bool = False  # PER: a rank or "фамилия" stands before it ("лейтенант Петров")
    from_ner: bool = False  # found by the natasha NER model, not by a rule
    leak_first: bool = False  # PER/CALLSIGN from a rule that masks when unsure: outranks a place reading
    over_code: bool = False  # PER said to be a person though the word is a coded term ("Хохол — это фамилия")
    taken_place: bool = False  # LOC: the object of taking or holding ("брали Берховку"): a place whatever its size

    @property
    def explanation(self) -> str:
        """"person: first+surname (pymorphy name) (rank)" - the rule with its marks."""
        return self.rule + (" (pymorphy name)" if self.pymorphy_name else "") + (" (rank)" if self.after_rank else "")

    def overlaps(self, start: int, end: int) -> bool:
        """Whether the candidate overlaps ``[start, end)``."""
        return self.start < end and start < self.end


def overlap_test(spans: Iterable[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test of whether ``[start, end)`` overlaps any of ``spans`` (``(start, end)`` pairs): the answer of
    ``any(s < end and start < e for s, e in spans)``, read by bisection (the spans sorted by start, with the furthest
    end reached so far) where a rule asks it of every word of a long text against many candidates."""
    ordered = sorted(spans)
    if len(ordered) < 8:  # a few spans: the plain walk costs less than sorting
        return lambda start, end: any(s < end and start < e for s, e in ordered)
    starts = [s for s, _e in ordered]
    reach = list(accumulate((e for _s, e in ordered), max))  # reach[k]: the furthest end of the first k + 1 spans

    def overlaps(start: int, end: int) -> bool:
        k = bisect_left(starts, end)  # the spans that start before ``end``
        return k > 0 and reach[k - 1] > start

    return overlaps


def unsure_person(start: int, end: int, rule: str, normal: str, score: float = 0.6) -> Candidate:
    """A PER from a rule that masks when unsure: no name parts known, and it outranks a place reading."""
    return Candidate("PER", start, end, score, rule,
                     {"normal": normal, "first_name": None, "surname": None, "gender": None, "case": None,
                      "parts": []}, leak_first=True)


def unsure_callsign(start: int, end: int, rule: str, normal: str, score: float = 0.6) -> Candidate:
    """A CALLSIGN from a rule that masks when unsure: it outranks a place or a person reading of the same words."""
    return Candidate("CALLSIGN", start, end, score, rule, {"normal": normal}, leak_first=True)


def _priority(c: Candidate) -> float:
    if c.leak_first:
        return LABEL_PRIORITY[c.label]
    # a PER made only of a surname-like word yields to a place ("у Харкові")
    if c.label == "PER" and c.pymorphy_name:
        return LABEL_PRIORITY["LOC"] + 0.5
    if c.label == "PER" and not c.attributes.get("first_name") and not c.after_rank \
            and not any(p["role"] == "patronymic" for p in c.attributes.get("parts", ())):
        return LABEL_PRIORITY["LOC"] + 0.5
    if c.label in ("LOC", "ORG") and c.from_ner:
        return 6
    return LABEL_PRIORITY[c.label]


def outranks_a_place(c: Candidate) -> bool:
    """Whether ``c`` wins over a gazetteer place of the same words in :func:`resolve`."""
    return _priority(c) < LABEL_PRIORITY["LOC"]


def resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping view: higher-priority labels first, then longer spans; in text order."""
    chosen: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (_priority(c), -(c.end - c.start), c.start)):
        if cand.end <= cand.start:
            continue
        if any(cand.overlaps(c.start, c.end) for c in chosen):
            continue
        chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def leftover_parts(candidates: list[Candidate], chosen: list[Candidate]) -> list[Candidate]:
    """The parts of a full name that lost to an overlapping finding of another label ("Вера Мороз" where a call-sign
    rule took "Мороз"): each part no chosen finding covers, as a PER of its own, so no part of the name is left."""
    out = []
    for c in candidates:
        parts = c.attributes.get("parts") or () if c.label == "PER" else ()
        if len(parts) < 2 or c in chosen or not any(
                o.overlaps(c.start, c.end) and o.label in ("CALLSIGN", "PHONE", "UNIT", "PER") for o in chosen):
            continue
        for part in parts:
            if any(o.overlaps(part["start"], part["end"]) for o in chosen):
                continue
            normal = part.get("canonical") or part.get("normal") or ""
            out.append(Candidate("PER", part["start"], part["end"], c.score,
                                 f"{c.rule} (the part of the name no other finding took)",
                                 {"normal": normal, "first_name": part.get("canonical"), "surname": None,
                                  "gender": part.get("gender"), "case": part.get("case"), "parts": [part]},
                                 leak_first=True))
    return out
