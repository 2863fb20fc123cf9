"""Themes per utterance and per call: rules over lemmas from ``lexicons/themes.yaml``, plus themes
that follow from casualty mentions (ANNOTATION.md):

* ``casualty_report`` exactly when there is a killed, wounded, missing or captured mention;
* ``refusal`` with every refused mention; ``desertion`` with every deserted mention and every
  desertion reading rejected only as an intention ("думаю в СОЧ уйти");
* ``surrender`` with a captured mention made by surrendering ("сдался в плен").

Each THEME finding carries the evidence span of its strongest cue and a score; utterance
findings have ``attributes["scope"] == "utterance"``; when a text has several utterances, one
``"call"`` finding per theme summarises them (score = the best utterance score).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from overheard.annotate.casualties import CasualtyMention, find_casualties
from overheard.annotate.lexicon import _position, compile_lexicon, load_lexicon
from overheard.annotate.registry import register
from overheard.annotate.terms import PRODUCER_VERSION, Tok, scan
from overheard.errors import LexiconError
from overheard.model import Document, Finding, FindingKind
from overheard.text import fold

THEMES = ("wants_to_leave", "refusal", "desertion", "surrender", "casualty_report", "command_criticism",
          "punishment", "supply_shortage", "anti_war", "pro_war", "mobilization", "war_crime")
REPORTED_CATEGORIES = frozenset({"killed", "wounded", "missing", "captured"})
_NEGATION = frozenset({"не", "ні"})
_WILL = frozenset("буду будем будемо стану станем хочу хочемо собираюсь збираюся".split())
_SURRENDER_VERBS = ("сда", "здал", "здав", "здат")


@dataclass(frozen=True)
class Cue:
    """A compiled theme cue: token-key sets per position and a weight."""

    theme: str
    pattern: str
    positions: tuple[frozenset[str], ...]
    weight: float
    negatable: bool


@dataclass(frozen=True)
class ThemeRules:
    """All cues indexed by the keys of their first position."""

    version: str
    threshold: float
    gap: int
    by_first: dict[str, tuple[Cue, ...]]
    cue_count: int


def _parse_cue(theme: str, text: str) -> Cue:
    pattern, _, weight = text.partition("@")
    try:
        value = float(weight) if weight.strip() else 0.6
    except ValueError:
        raise LexiconError(f"themes.yaml {theme}: bad weight in cue {pattern.strip()!r}") from None
    if not 0 < value <= 1:
        raise LexiconError(f"themes.yaml {theme}: weight must lie in (0, 1]")
    words = pattern.split()
    positions = tuple(_position(word, ("ru", "uk")) for word in words)
    negatable = words[0].split("|")[0] not in ("=не", "=ні")
    return Cue(theme, pattern.strip(), positions, value, negatable)


@lru_cache(maxsize=1)
def theme_rules() -> ThemeRules:
    """The compiled theme cues (built once)."""
    data = yaml.safe_load(resources.files("overheard.lexicons").joinpath("themes.yaml").read_text("utf-8"))
    by_first: dict[str, list[Cue]] = {}
    count = 0
    for theme, spec in data["themes"].items():
        if theme not in THEMES:
            raise LexiconError(f"themes.yaml: unknown theme {theme}")
        for text in spec.get("cues") or []:
            cue = _parse_cue(theme, text)
            count += 1
            for key in cue.positions[0]:
                by_first.setdefault(key, []).append(cue)
    return ThemeRules(str(data["version"]), float(data["threshold"]), int(data["gap"]),
                      {k: tuple(v) for k, v in by_first.items()}, count)


@dataclass(frozen=True)
class ThemeHit:
    """A theme found in one utterance: score, evidence span and the cues behind it."""

    theme: str
    score: float
    start: int
    end: int
    utterance: int
    reasons: tuple[str, ...]


def _match_cue(toks: list[Tok], i: int, end: int, cue: Cue, gap: int) -> int | None:
    position = i
    for keys in cue.positions[1:]:
        for k in range(position + 1, min(end, position + gap + 2)):
            if toks[k].key in keys:
                position = k
                break
        else:
            return None
    return position


def _utterance_tokens(starts: list[int], ends: list[int], start: int, end: int) -> tuple[int, int]:
    lo = bisect.bisect_left(starts, start)
    hi = bisect.bisect_right(ends, end, lo)
    return lo, max(lo, hi)


def find_themes(doc: Document, lexicon=None) -> list[ThemeHit]:
    """Themes of every utterance of ``doc``, with evidence and score."""
    rules = theme_rules()
    compiled = compile_lexicon(lexicon or load_lexicon())
    toks, _ = scan(doc.text, compiled)
    mentions, rejected = find_casualties(doc, compiled)
    hits: list[ThemeHit] = []
    starts, ends = [t.start for t in toks], [t.end for t in toks]
    ranges = doc.utterance_ranges
    range_starts = [start for start, _ in ranges]
    by_utterance: dict[int, list] = {}
    for item in (*mentions, *rejected):
        by_utterance.setdefault(bisect.bisect_right(range_starts, item.start) - 1, []).append(item)
    for index, (u_start, u_end) in enumerate(ranges):
        evidence: dict[str, list[tuple[float, int, int, str]]] = {}
        lo, hi = _utterance_tokens(starts, ends, u_start, u_end)
        here = by_utterance.get(index, [])
        mentions_here = [m for m in here if isinstance(m, CasualtyMention)]
        rejected_here = [r for r in here if not isinstance(r, CasualtyMention)]
        for i in range(lo, hi):
            cues = rules.by_first.get(toks[i].key)
            if not cues:
                continue
            negated = i > lo and toks[i - 1].key in _NEGATION
            for cue in cues:
                if negated and cue.negatable:
                    continue
                last = _match_cue(toks, i, hi, cue, rules.gap) if len(cue.positions) > 1 else i
                if last is not None and cue.negatable and last + 2 < hi and toks[last + 1].key in _NEGATION \
                        and toks[last + 2].key in _WILL:
                    continue  # "здаваться не буду"
                if last is not None:
                    evidence.setdefault(cue.theme, []).append(
                        (cue.weight, toks[i].start, toks[last].end, f"cue '{cue.pattern}'"))
        for mention in mentions_here:
            span = (1.0, mention.start, mention.end, f"{mention.category} mention ({mention.term_id})")
            if mention.category in REPORTED_CATEGORIES:
                evidence.setdefault("casualty_report", []).append(span)
            if mention.category == "refused":
                evidence.setdefault("refusal", []).append(span)
            if mention.category == "deserted":
                evidence.setdefault("desertion", []).append(span)
            if mention.category == "captured":
                window = fold(doc.text[max(u_start, mention.start - 25) : mention.end])
                if any(verb in window for verb in _SURRENDER_VERBS):
                    evidence.setdefault("surrender", []).append(span)
        for reading in rejected_here:
            if "denied" in reading.reason:
                continue
            planned = "intention" in reading.reason or "future" in reading.reason
            if reading.category == "deserted" and planned:
                evidence.setdefault("desertion", []).append(
                    (0.9, reading.start, reading.end, f"intended desertion ({reading.term_id})"))
            if reading.category == "refused" and planned and reading.term_id.startswith("plain."):
                evidence.setdefault("refusal", []).append(
                    (0.8, reading.start, reading.end, f"refusal stated as a plan or rule ({reading.term_id})"))
        _victims_decide(evidence)
        for theme, items in evidence.items():
            if theme == "casualty_report" and not any(reason.endswith(")") and "mention" in reason
                                                      for *_, reason in items):
                continue  # casualty_report comes from mentions only
            remaining = 1.0
            for weight, *_ in items:
                remaining *= 1.0 - weight
            score = round(1.0 - remaining, 3)
            if score + 1e-9 < rules.threshold:
                continue
            best = max(items, key=lambda item: item[0])
            hits.append(ThemeHit(theme, score, best[1], best[2], index, tuple(item[3] for item in items)))
    hits.sort(key=lambda hit: (hit.utterance, hit.start, hit.theme))
    return hits


def _victims_decide(evidence: dict[str, list[tuple[float, int, int, str]]]) -> None:
    """A beating or shooting whose victims are prisoners or civilians is a war crime, not a punishment.

    Punishment (ANNOTATION.md) is what a soldier's own side does to soldiers; the same verb inside a
    war_crime cue ("пленного избили") is evidence for war_crime only, so it is dropped from punishment.
    """
    crimes = evidence.get("war_crime")
    if not crimes or "punishment" not in evidence:
        return
    kept = [item for item in evidence["punishment"]
            if not any(start <= item[1] and item[2] <= end for _, start, end, _ in crimes)]
    if kept:
        evidence["punishment"] = kept
    else:
        del evidence["punishment"]


@register("themes")
class ThemeAnnotator:
    """Themes per utterance and per call (rules over lemmas plus casualty-derived themes)."""

    name = "themes"

    def __init__(self, lexicon=None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.version = f"{PRODUCER_VERSION}+themes{theme_rules().version}+lex{self.lexicon.digest[:8]}"

    def annotate(self, doc: Document) -> list[Finding]:
        """THEME findings: one per theme and utterance, and per call when there are several utterances."""
        producer = f"{self.name}.{self.version}"
        hits = find_themes(doc, self.lexicon)
        findings = [
            Finding(
                kind=FindingKind.THEME, label=hit.theme, start=hit.start, end=hit.end,
                text=doc.text[hit.start : hit.end], score=hit.score, producer=producer,
                explanation=f"{hit.theme} (score {hit.score}) from " + "; ".join(hit.reasons),
                attributes={"scope": "utterance", "utterance": hit.utterance},
            )
            for hit in hits
        ]
        if len(doc.utterance_ranges) > 1:
            best: dict[str, ThemeHit] = {}
            counts: dict[str, int] = {}
            for hit in hits:
                counts[hit.theme] = counts.get(hit.theme, 0) + 1
                if hit.theme not in best or hit.score > best[hit.theme].score:
                    best[hit.theme] = hit
            for theme, hit in best.items():
                findings.append(Finding(
                    kind=FindingKind.THEME, label=theme, start=hit.start, end=hit.end,
                    text=doc.text[hit.start : hit.end], score=hit.score, producer=producer,
                    explanation=f"{theme} in {counts[theme]} utterance(s); strongest evidence in utterance "
                                f"{hit.utterance}",
                    attributes={"scope": "call", "utterances": counts[theme]},
                ))
        return findings
