"""Themes per utterance: rules over lemmas from ``lexicons/themes.yaml``, plus themes that follow from
casualty mentions (ANNOTATION.md):

* ``casualty_report`` exactly when there is a killed, wounded, missing or captured mention;
* ``refusal`` with every refused mention and every refuser reading rejected as a general statement about
  refusers ("пятисотых — в яму"); ``desertion`` with every deserted mention and every
  desertion reading rejected only as an intention ("думаю в СОЧ уйти");
* ``surrender`` with a captured mention made by surrendering ("сдался в плен").

Each hit carries the evidence of its strongest cue and a score; the evidence is structured
(:class:`Evidence`: a cue, a mention, an intended desertion or a planned refusal) and rendered for
the analyst. The ``themes`` component (:mod:`overheard.annotate.components.themes`) makes the findings.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from overheard.annotate import cues
from overheard.annotate.lexicon import _position
from overheard.annotate.rules.casualties import CasualtyDecisions, Reason
from overheard.annotate.rules.theme_model import ThemeModel, model_themes
from overheard.annotate.rules.tokens import CLAUSE_ENDS, SENTENCE_ENDS, Tok
from overheard.errors import LexiconError
from overheard.lexicons.loader import LEXICON_DIR, read_yaml
from overheard.text import fold

THEMES = ("wants_to_leave", "refusal", "desertion", "surrender", "casualty_report", "command_criticism",
          "punishment", "supply_shortage", "anti_war", "pro_war", "mobilization", "war_crime")
REPORTED_CATEGORIES = frozenset({"killed", "wounded", "missing", "captured"})


class EvidenceKind(StrEnum):
    """Where a piece of theme evidence comes from."""

    CUE = "cue"  # a cue of themes.yaml
    MENTION = "mention"  # a casualty mention
    INTENDED_DESERTION = "intended_desertion"  # a desertion reading rejected only as an intention
    PLANNED_REFUSAL = "planned_refusal"  # a plain refusal stated as a plan or a rule
    MODEL = "model"  # the learned theme model (:mod:`overheard.annotate.rules.theme_model`)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of evidence for a theme in an utterance: weight, span, and what it is."""

    weight: float
    start: int
    end: int
    kind: EvidenceKind
    detail: str  # the cue's pattern, or the term id of the mention or reading
    category: str = ""  # MENTION: the casualty category

    @property
    def text(self) -> str:
        """"cue 'сдаться @0.8'", "killed mention (cas.200)", "intended desertion (cas.soch)",
        "theme model p=0.41 (words: звёздочку, погоны, кресты)"."""
        if self.kind is EvidenceKind.CUE:
            return f"cue '{self.detail}'"
        if self.kind is EvidenceKind.MENTION:
            return f"{self.category} mention ({self.detail})"
        if self.kind is EvidenceKind.MODEL:
            return f"theme model p={self.weight:.2f} (words: {self.detail})"
        if self.kind is EvidenceKind.INTENDED_DESERTION:
            return f"intended desertion ({self.detail})"
        return f"refusal stated as a plan or rule ({self.detail})"


@dataclass(frozen=True)
class Cue:
    """A compiled theme cue: token-key sets per position and a weight."""

    theme: str
    pattern: str
    positions: tuple[frozenset[str], ...]
    weight: float
    negatable: bool
    far: tuple[bool, ...] = ()  # per position after the first: may stand anywhere later in the sentence ("...")
    near: tuple[int, ...] = ()  # per position after the first: words it may stand later in the same clause
    # ("~": the rules' clause reach, "~N": N words; 0 = not a clause link)
    steps: tuple = ()  # the positions after the first as matched (see _steps), set when the rules compile
    victims: bool = False  # counts only in an utterance that names a civilian or a captive (``when_victims``)
    needs: tuple[frozenset[str], ...] = ()  # the keys of each position after the first (none present: no match)


@dataclass(frozen=True)
class ThemeRules:
    """All cues indexed by the keys of their first position."""

    version: str
    threshold: float
    gap: int
    by_first: dict[str, tuple[Cue, ...]]
    cue_count: int
    clause: int = 8  # "~": how many words later the next word may stand, in the same clause
    breaks: frozenset[str] = frozenset()  # token keys that end a clause (besides punctuation)
    class_keys: dict[str, frozenset[str]] = field(default_factory=dict)  # token keys of each word class
    # per first key: the keys any of its multi-word cues needs second (none in an utterance: none of those cues can
    # match there), and its one-word cues alone, in the same order
    gates: dict[str, frozenset[str]] = field(default_factory=dict)
    singles: dict[str, tuple[Cue, ...]] = field(default_factory=dict)
    # per first key: each key a multi-word cue needs second -> the bits of those cues (bit n: by_first[key][n]), and
    # the bits of the one-word cues
    seconds: dict[str, dict[str, int]] = field(default_factory=dict)
    single_bits: dict[str, int] = field(default_factory=dict)
    # per theme: token keys that take the theme's cue and model evidence out of an utterance that holds one (a film,
    # another war, a fair sentence: themes.yaml ``unless``)
    unless: dict[str, frozenset[str]] = field(default_factory=dict)

    def words(self, name: str) -> frozenset[str]:
        """The token keys of the word class ``name`` (empty when themes.yaml has no such class)."""
        return self.class_keys.get(name, frozenset())


_NEAR = re.compile(r"~\d*")


def _expand(theme: str, word: str, classes: dict[str, str]) -> str:
    """``word`` with every ``$class`` alternative replaced by that class's alternatives."""
    out = []
    for alternative in word.split("|"):
        if alternative.startswith("$"):
            if alternative[1:] not in classes:
                raise LexiconError(f"themes.yaml {theme}: unknown class {alternative!r}")
            out.append(classes[alternative[1:]])
        else:
            out.append(alternative)
    return "|".join(out)


def _parse_cue(theme: str, text: str, classes: dict[str, str] | None = None) -> Cue:
    pattern, _, weight = text.partition("@")
    try:
        value = float(weight) if weight.strip() else 0.6
    except ValueError:
        raise LexiconError(f"themes.yaml {theme}: bad weight in cue {pattern.strip()!r}") from None
    if not 0 < value <= 1:
        raise LexiconError(f"themes.yaml {theme}: weight must lie in (0, 1]")
    words = pattern.split()
    def link(word: str) -> bool:
        return word == "..." or _NEAR.fullmatch(word) is not None

    if not words or link(words[0]) or link(words[-1]):
        raise LexiconError(f"themes.yaml {theme}: an empty cue, or one that starts or ends with '...' or '~'")
    far = tuple(prev == "..." for prev, word in zip(words, words[1:], strict=False) if not link(word))
    near = tuple((int(prev[1:] or -1) if _NEAR.fullmatch(prev) else 0)
                 for prev, word in zip(words, words[1:], strict=False) if not link(word))
    words = [word for word in words if not link(word)]
    if any("" in word.split("|") or word == "=" or "|=|" in f"|{word}|" for word in words):
        # "нет| воды" or "=не |хватает": the space splits the alternatives into positions that never match
        raise LexiconError(f"themes.yaml {theme}: cue {pattern.strip()!r} has an empty alternative (a space next"
                           " to '|' splits one position into two; an alternative is one word)")
    words = [_expand(theme, word, classes or {}) for word in words]
    positions = tuple(_position(word, ("ru", "uk")) for word in words)
    first = words[0].split("|")[0]
    negatable = not (first.startswith("=") and first[1:] in cues.keys("negation"))  # "=не ..." is itself negated
    return Cue(theme, pattern.strip(), positions, value, negatable, far, near)


def _classes(data: dict, problems: list[str]) -> dict[str, str]:
    """The word classes of themes.yaml (``name: [word, ...]``) as ``a|b|...`` alternatives; a class may use
    classes listed before it."""
    out: dict[str, str] = {}
    for name, words in (data.get("classes") or {}).items():
        if not isinstance(words, list) or not words or any(" " in str(word) for word in words):
            problems.append(f"themes.yaml: class {name} must be a list of single words")
            continue
        try:
            out[str(name)] = "|".join(_expand(f"class {name}", str(word), out) for word in words)
        except LexiconError as error:
            problems.append(error.message)
    return out


@lru_cache(maxsize=1)
def theme_rules() -> ThemeRules:
    """The compiled theme cues (built once; LexiconError on the first problem of themes.yaml)."""
    rules, problems = compile_theme_rules()
    if problems:
        raise LexiconError(problems[0])
    return rules


def compile_theme_rules(path: Path | None = None) -> tuple[ThemeRules, list[str]]:
    """The theme rules of ``lexicons/themes.yaml`` (or ``path``) and every problem found in it, one line each."""
    problems: list[str] = []
    data = read_yaml(path or LEXICON_DIR / "themes.yaml")
    by_first: dict[str, list[Cue]] = {}
    count = 0
    themes = data.get("themes") if isinstance(data, dict) else None
    if not isinstance(themes, dict):
        return ThemeRules("0", 0.5, 2, {}, 0), ["themes.yaml: expected a mapping of 'themes'"]
    classes = _classes(data, problems)
    try:
        gap, clause = int(data["gap"]), int(data.get("clause") or 8)
    except (KeyError, TypeError, ValueError):
        gap, clause = 2, 8
    unless: dict[str, frozenset[str]] = {}
    for theme, spec in themes.items():
        if theme not in THEMES:
            problems.append(f"themes.yaml: unknown theme {theme}")
            continue
        if (spec or {}).get("unless"):
            try:
                unless[theme] = _position("|".join(_expand(theme, str(w), classes) for w in spec["unless"]),
                                          ("ru", "uk"))
            except LexiconError as error:
                problems.append(error.message)
        seen: set[str] = set()
        listed = [(str(text), False) for text in (spec or {}).get("cues") or []]
        listed += [(str(text), True) for text in (spec or {}).get("when_victims") or []]
        for text, victims in listed:
            try:
                cue = _parse_cue(theme, text, classes)
                cue = replace(cue, steps=_steps(cue, gap, clause), victims=victims, needs=cue.positions[1:])
            except LexiconError as error:
                problems.append(error.message)
                continue
            if cue.pattern in seen:
                problems.append(f"themes.yaml {theme}: cue {cue.pattern!r} appears twice")
            seen.add(cue.pattern)
            count += 1
            for key in cue.positions[0]:
                by_first.setdefault(key, []).append(cue)
    try:
        version, threshold, gap = str(data["version"]), float(data["threshold"]), int(data["gap"])
    except (KeyError, TypeError, ValueError):
        problems.append("themes.yaml: needs a version, a threshold (0-1) and a gap (words)")
        version, threshold, gap = "0", 0.5, 2
    class_keys = {name: _position(words, ("ru", "uk")) for name, words in classes.items()}
    # 25,000 first keys share a few hundred distinct gates and second-word maps: one object for each (without this
    # the two tables held about 430 MiB)
    shared_gates: dict[frozenset[str], frozenset[str]] = {}
    shared_seconds: dict[frozenset[tuple[str, int]], dict[str, int]] = {}
    gates: dict[str, frozenset[str]] = {}
    seconds: dict[str, dict[str, int]] = {}
    for k, v in by_first.items():
        gate = frozenset().union(*(cue.needs[0] for cue in v if cue.needs))
        gates[k] = shared_gates.setdefault(gate, gate)
        index: dict[str, int] = {}
        for n, cue in enumerate(v):
            for second in cue.needs[0] if cue.needs else ():
                index[second] = index.get(second, 0) | 1 << n
        seconds[k] = shared_seconds.setdefault(frozenset(index.items()), index)
    singles = {k: tuple(cue for cue in v if not cue.steps) for k, v in by_first.items()}
    single_bits = {k: sum(1 << n for n, cue in enumerate(v) if not cue.steps) for k, v in by_first.items()}
    return ThemeRules(version, threshold, gap, {k: tuple(v) for k, v in by_first.items()}, count, clause,
                      class_keys.get("clause_break", frozenset()), class_keys, gates, singles, seconds,
                      single_bits, unless), problems


@dataclass(frozen=True)
class ThemeHit:
    """A theme found in one utterance: score, evidence span and the cues behind it."""

    theme: str
    score: float
    start: int
    end: int
    utterance: int
    evidence: tuple[Evidence, ...]

    @property
    def reasons(self) -> tuple[str, ...]:
        """The evidence as an analyst reads it."""
        return tuple(item.text for item in self.evidence)


_SENTENCE_ENDS, _CLAUSE_ENDS = SENTENCE_ENDS, CLAUSE_ENDS  # quotation marks do not end a clause


def _match_cue(toks: list[Tok], i: int, end: int, cue: Cue, gap: int = 2, clause: int = 8,
               breaks: frozenset[str] = frozenset(), negation: frozenset[str] = frozenset()) -> int | None:
    """The last token of ``cue`` matched from token ``i`` (None: no match). Consecutive words may have ``gap``
    other words between them; a word after "..." may stand anywhere later in the same sentence; a word after
    "~" up to ``clause`` words later in the same clause (no punctuation and no ``breaks`` word between).
    No link reaches into the next sentence ("Нет. Вода есть"). A word reached by "..." or "~" with a
    ``negation`` right before it does not match ("русня ... своих не забирают")."""
    return _match_steps(toks, i, end, cue.steps or _steps(cue, gap, clause), _stops(breaks), negation)


def _steps(cue: Cue, gap: int, clause: int) -> tuple[tuple[frozenset[str], int, int], ...]:
    """Per position after the first: (keys, link kind 0 gap / 1 "..." / 2 "~", reach in words; -1 unbounded)."""
    out = []
    for n, keys in enumerate(cue.positions[1:]):
        far = cue.far[n] if n < len(cue.far) else False
        near = cue.near[n] if n < len(cue.near) else 0
        kind = 1 if far else 2 if near else 0
        out.append((keys, kind, -1 if far else (clause if near < 0 else near) if near else gap))
    return tuple(out)


@lru_cache(maxsize=8)
def _stops(breaks: frozenset[str]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The token keys that stop each link kind: sentence ends (gap, "..."), clause ends (and ``breaks``) for "~"."""
    sentence = frozenset(_SENTENCE_ENDS)
    return sentence, sentence, frozenset(_CLAUSE_ENDS) | breaks


def _match_steps(toks: list[Tok], i: int, end: int, steps, stops, negation: frozenset[str]) -> int | None:
    position = i
    for keys, kind, reach in steps:
        stop_keys = stops[kind]
        for k in range(position + 1, end if reach < 0 else min(end, position + reach + 2)):
            key = toks[k].key
            if key in keys:
                if kind and k - 1 > position and toks[k - 1].key in negation:
                    return None
                position = k
                break
            if key in stop_keys:
                return None
        else:
            return None
    return position


def _utterance_tokens(starts: list[int], ends: list[int], start: int, end: int) -> tuple[int, int]:
    lo = bisect.bisect_left(starts, start)
    hi = bisect.bisect_right(ends, end, lo)
    return lo, max(lo, hi)


_KEYSETS: dict[int, tuple[ThemeRules, dict[str, frozenset[str]]]] = {}
_KEYSET_NAMES = itemgetter("victims", "named_victims", "commander", "contempt", "basement", "basement_or_link",
                           "purpose", "feed", "own", "sit", "execute", "we", "him")  # the classes find_themes reads


def _keysets(rules: ThemeRules) -> dict[str, frozenset[str]]:
    """The word classes find_themes reads, and their unions, built once per compiled rules."""
    cached = _KEYSETS.get(id(rules))
    if cached is not None and cached[0] is rules:
        return cached[1]
    words = rules.words
    victims = cues.keys("crime_victims") | words("captivity")  # "в полоні били": a captive's beating
    out = {name: words(name) for name in ("commander", "basement", "basement_link", "purpose", "feed", "sit",
                                          "execute", "we", "him")}
    out.update(victims=victims, named_victims=victims | words("civilian"),  # also "дети", "женщина"
               contempt=words("contempt") | words("mock"),
               own=words("threat") | words("own") | words("penal"),  # "під автоматами гнали": a penal form
               basement_or_link=words("basement") | words("basement_link"))
    _KEYSETS.clear()
    _KEYSETS[id(rules)] = (rules, out)
    return out


def _with_second(found: tuple[Cue, ...], seconds: dict[str, int], bits: int, present: set[str]) -> list[Cue]:
    """The cues of ``found`` (in order) that are one word, or whose second word is among ``present``."""
    for key in seconds.keys() & present:  # the smaller of the two is walked
        bits |= seconds[key]
    out = []
    while bits:
        low = bits & -bits
        out.append(found[low.bit_length() - 1])
        bits ^= low
    return out


def find_themes(text: str, toks: list[Tok], decisions: CasualtyDecisions,
                ranges: tuple[tuple[int, int], ...]) -> list[ThemeHit]:
    """Themes of every utterance (``ranges``) of a text, from its tokens and casualty decisions."""
    rules = theme_rules()
    negation, will_not = cues.keys("negation"), cues.keys("will_not")
    surrender = cues.forms("surrender_stems")
    keysets = _keysets(rules)
    victim_keys, named_victims, commander, contempt, basement, basement_or_link, purpose, feed, own, sit, execute, \
        we, him = _KEYSET_NAMES(keysets)
    stops = _stops(rules.breaks)
    hits: list[ThemeHit] = []
    starts, ends = [t.start for t in toks], [t.end for t in toks]
    range_starts = [start for start, _ in ranges]
    mentions: dict[int, list] = {}
    rejected: dict[int, list] = {}
    for mention in decisions.mentions:
        mentions.setdefault(bisect.bisect_right(range_starts, mention.start) - 1, []).append(mention)
    for reading in decisions.rejected:
        rejected.setdefault(bisect.bisect_right(range_starts, reading.start) - 1, []).append(reading)
    for index, (u_start, u_end) in enumerate(ranges):
        evidence: dict[str, list[Evidence]] = {}
        lo, hi = _utterance_tokens(starts, ends, u_start, u_end)
        on_victims: list[tuple[str, Evidence]] = []  # when_victims cues' evidence: kept if the utterance names victims
        scorned = False  # a contempt word in the utterance (see _scorned_next)
        present = {toks[k].key for k in range(lo, hi)}  # a cue with a word none of these is skipped unmatched
        for i in range(lo, hi):
            key = toks[i].key
            found = rules.by_first.get(key)
            if key in contempt:
                scorned = True
            elif "-" in key and not found and _scorned_compound(key, commander, contempt):
                evidence.setdefault("command_criticism", []).append(  # "шайтан-ротный", "горе-командир"
                    Evidence(0.8, toks[i].start, toks[i].end, EvidenceKind.CUE, "$contempt-$commander"))
            if not found:
                continue
            negated = i > lo and toks[i - 1].key in negation
            if rules.gates[key].isdisjoint(present):
                found = rules.singles[key]  # no multi-word cue of this word has its second word in the utterance
            else:
                found = _with_second(found, rules.seconds[key], rules.single_bits[key], present)
            for cue in found:
                if negated and cue.negatable:
                    continue
                last: int | None = i
                if cue.steps:
                    last = None
                    for keys in cue.needs:
                        if keys.isdisjoint(present):
                            break  # a word of the cue is nowhere in the utterance
                    else:
                        last = _match_steps(toks, i, hi, cue.steps, stops, negation)
                if last is None:
                    continue
                if cue.negatable and last + 2 < hi and toks[last + 1].key in negation \
                        and toks[last + 2].key in will_not:
                    continue  # "здаваться не буду"
                if cue.theme == "supply_shortage" and any(toks[k].key in purpose for k in range(max(lo, i - 4), i)):
                    continue  # "чтобы семьям не платить": a purpose, not a shortage that is
                item = Evidence(cue.weight, toks[i].start, toks[last].end, EvidenceKind.CUE, cue.pattern)
                if cue.victims:
                    on_victims.append((cue.theme, item))
                else:
                    evidence.setdefault(cue.theme, []).append(item)
        if scorned and "command_criticism" not in evidence:
            said = _scorned_next(toks, lo, hi, commander, contempt, him)
            if said is not None:
                evidence["command_criticism"] = [said]
        for mention in mentions.get(index, ()):
            span = Evidence(1.0, mention.start, mention.end, EvidenceKind.MENTION, mention.term_id, mention.category)
            if mention.category in REPORTED_CATEGORIES:
                evidence.setdefault("casualty_report", []).append(span)
            if mention.category == "refused":
                evidence.setdefault("refusal", []).append(span)
            if mention.category == "deserted":
                evidence.setdefault("desertion", []).append(span)
            if mention.category == "captured":
                window = fold(text[max(u_start, mention.start - 25) : mention.end])
                if any(verb in window for verb in surrender):
                    evidence.setdefault("surrender", []).append(span)
        for reading in rejected.get(index, ()):
            if reading.category == "refused" and reading.reason is Reason.GENERIC:
                # "пятисотых — в яму", "отказников не в яму, а на штурм": a general statement about refusers, which
                # ANNOTATION.md gives the refusal theme with no refused mention
                evidence.setdefault("refusal", []).append(
                    Evidence(0.8, reading.start, reading.end, EvidenceKind.PLANNED_REFUSAL, reading.term_id))
                continue
            if not reading.reason.planned:
                continue
            if reading.category == "deserted":
                evidence.setdefault("desertion", []).append(
                    Evidence(0.9, reading.start, reading.end, EvidenceKind.INTENDED_DESERTION, reading.term_id))
            if reading.category == "refused" and reading.term_id.startswith("plain."):
                evidence.setdefault("refusal", []).append(
                    Evidence(0.8, reading.start, reading.end, EvidenceKind.PLANNED_REFUSAL, reading.term_id))
        span = toks[lo:hi]
        _shelter_decide(evidence, span, sit, basement)
        _sanction_decide(evidence, rules.threshold, span, we, feed)
        _prisoners_decide(evidence, mentions.get(index, ()), span, execute, own, basement_or_link)
        victims = not victim_keys.isdisjoint(present)
        if on_victims and (any(m.category == "captured" for m in mentions.get(index, ()))
                           or not named_victims.isdisjoint(present)):
            # "деда на колени поставил", "телефоны у них забрали": abuse or theft whose victims the utterance names;
            # a threat said ahead ("кто следующий сдастся — расстреляют") is never one
            for theme, item in on_victims:
                if not _said_of_own(item, span, own):
                    evidence.setdefault(theme, []).append(item)
        _victims_decide(evidence, mentions.get(index, ()), victims, span, own)
        _unless_decide(evidence, rules.unless, present)
        for theme, items in evidence.items():
            if theme == "casualty_report" and not any(item.kind is EvidenceKind.MENTION for item in items):
                continue  # casualty_report comes from mentions only
            score = _score(items)
            if score + 1e-9 < rules.threshold:
                continue
            best = max(items, key=lambda item: item.weight)
            hits.append(ThemeHit(theme, score, best.start, best.end, index, tuple(items)))
    hits.sort(key=lambda hit: (hit.utterance, hit.start, hit.theme))
    return hits


def _unless_decide(evidence: dict[str, list[Evidence]], unless: dict[str, frozenset[str]], present: set[str]) -> None:
    """A theme's cue evidence leaves an utterance that holds a word of its ``unless`` list ("в фильме пленных
    расстреляли", "в ту войну немцы село сожгли", "мародёра посадили"); casualty mentions stay."""
    for theme, keys in unless.items():
        if theme in evidence and not keys.isdisjoint(present):
            kept = [item for item in evidence[theme] if item.kind is not EvidenceKind.CUE]
            if kept:
                evidence[theme] = kept
            else:
                del evidence[theme]


def _scorned_compound(key: str, commander: frozenset[str], contempt: frozenset[str]) -> bool:
    """True for a hyphenated word of a contempt word and a commander ("шайтан-ротный", "комбат-мясник")."""
    parts = key.split("-")
    return any(part in commander for part in parts) and any(part in contempt for part in parts)


def _scorned_next(toks: list[Tok], lo: int, hi: int, commander: frozenset[str], contempt: frozenset[str],
                  him: frozenset[str]) -> Evidence | None:
    """A short sentence that calls "him" a contempt word right after a sentence naming a commander ("Ротный орал:
    «вы у меня все двухсотые будете». Псих он."): the evidence of command criticism, its span that sentence."""
    for i in range(lo, hi):
        if toks[i].key not in contempt:
            continue
        start = i
        while start > lo and toks[start - 1].key not in _SENTENCE_ENDS:
            start -= 1
        end = i
        while end + 1 < hi and toks[end].key not in _SENTENCE_ENDS:
            end += 1
        words = [tok.key for tok in toks[start : end + 1] if tok.key[:1].isalpha()]
        if start == lo or len(words) > 4 or not any(key in him for key in words) \
                or any(key in commander for key in words):
            continue
        before = start - 1  # the previous sentence: back to the sentence end before it
        while before > lo and toks[before - 1].key not in _SENTENCE_ENDS:
            before -= 1
        if any(tok.key in commander for tok in toks[before:start]):
            return Evidence(0.8, toks[start].start, toks[end].end, EvidenceKind.CUE, "$commander. $contempt $him")
    return None


def _score(items) -> float:
    """A theme's score from its evidence: 1 - prod(1 - weight)."""
    remaining = 1.0
    for item in items:
        remaining *= 1.0 - item.weight
    return round(1.0 - remaining, 3)


def _sanction_decide(evidence: dict[str, list[Evidence]], threshold: float, toks: list[Tok] = (),
                     we: frozenset[str] = frozenset(), feed: frozenset[str] = frozenset()) -> None:
    """Going or sitting "без X" in an utterance about a punishment is the sanction ("кто не подпишет — поедет без
    бронежилета", "в яму посадил, три дня без еды", "на подвал и не кормить": ``feed``), not a shortage: those
    shortage items go, others stay, and so
    does one in a sentence where the speaker's side is the subject ("мы двое суток без воды сидим", "без брони нас
    гнали": ``we``, "нас" not after "у")."""
    if "supply_shortage" not in evidence or _score(evidence.get("punishment", ())) + 1e-9 < threshold:
        return

    def ours(item: Evidence) -> bool:
        at = next((k for k, tok in enumerate(toks) if tok.start >= item.start), len(toks))
        start, end = at, at
        while start > 0 and toks[start - 1].key not in _SENTENCE_ENDS:
            start -= 1
        while end < len(toks) and toks[end].key not in _SENTENCE_ENDS:
            end += 1
        return any(toks[k].key in we and not (toks[k].key == "нас" and k > start and toks[k - 1].key in ("у", "в"))
                   for k in range(start, end))

    def sanction(item: Evidence) -> bool:
        return item.detail.startswith("=без ") or any(
            tok.key in feed for tok in toks if item.start <= tok.start and tok.end <= item.end)

    kept = [item for item in evidence["supply_shortage"] if not sanction(item) or ours(item)]
    if kept:
        evidence["supply_shortage"] = kept
    else:
        del evidence["supply_shortage"]


def _shelter_decide(evidence: dict[str, list[Evidence]], toks: list[Tok], sit: frozenset[str],
                    basement: frozenset[str]) -> None:
    """Sitting in a basement is a shelter ("мы в подвале сидим, греемся печкой", "ротный в подвале сидит"), not a
    punishment, unless the utterance speaks of refusers or deserters; other punishment evidence stays."""
    if "punishment" not in evidence or "refusal" in evidence or "desertion" in evidence:
        return

    def sitting(item: Evidence) -> bool:
        keys = {tok.key for tok in toks if item.start <= tok.start and tok.end <= item.end}
        return bool(keys & sit) and bool(keys & basement)

    kept = [item for item in evidence["punishment"] if not sitting(item)]
    if kept:
        evidence["punishment"] = kept
    else:
        del evidence["punishment"]


def _prisoners_decide(evidence: dict[str, list[Evidence]], mentions, toks: list[Tok] = (),
                      execute: frozenset[str] = frozenset(), threat: frozenset[str] = frozenset(),
                      basement: frozenset[str] = frozenset()) -> None:
    """Beatings, pits and "no water" in an utterance about enemy prisoners taken ("хохлов троих в плен взяли ...
    а наши его ногами били") are done to prisoners: a war crime, not a punishment or a shortage; so is a
    captive shot on the spot ("двоих взяли в плен, одного ротный сразу шлёпнул": ``execute``). A threat said
    ahead or a killing by one's own side (``threat``: "кто следующий сдастся — пристрелю", "двоих свои же
    положили") is a punishment of one's own, never a captive's killing. Captives taken to a basement and no more
    ("Куда их? — На подвал": every word of the evidence in ``basement``) are held, not abused: that evidence goes."""
    captured = [m for m in mentions if m.category == "captured"]
    if not captured:  # no prisoner taken: nothing below can apply
        return
    # a captive shot after the capture is told, whoever's captive ("наших взяли, одного расстреляли")
    shot = next((tok for tok in toks if tok.key in execute and tok.key not in threat
                 and any(m.end <= tok.start for m in captured)), None)
    if shot is not None:
        evidence.setdefault("war_crime", []).append(Evidence(0.8, shot.start, shot.end, EvidenceKind.CUE, shot.key))
    if not any(m.side == "enemy" for m in captured):
        return
    # refusers or deserters punished ("кажуть: ротный отказников расстреливал") stay a punishment
    moved = [] if "refusal" in evidence or "desertion" in evidence else evidence.pop("punishment", [])
    threats = [item for item in moved if _said_of_own(item, toks, threat)]
    if threats:  # "кто следующий — пристрелю": said to one's own men, it stays a punishment
        evidence["punishment"] = threats
        moved = [item for item in moved if item not in threats]
    moved = [item for item in moved if not _only(item, toks, basement)]
    if moved:
        evidence.setdefault("war_crime", []).extend(moved)
    shortage = [item for item in evidence.get("supply_shortage", ()) if "без" not in item.detail]
    if "supply_shortage" in evidence:
        if shortage:
            evidence["supply_shortage"] = shortage
        else:
            del evidence["supply_shortage"]


def _only(item: Evidence, toks: list[Tok], keys: frozenset[str]) -> bool:
    """True when every token of the evidence span is one of ``keys``."""
    return all(tok.key in keys for tok in toks if item.start <= tok.start and tok.end <= item.end)


def _said_of_own(item: Evidence, toks: list[Tok], own: frozenset[str]) -> bool:
    """True when the evidence span holds a threat said ahead or one's own side as the doer (``own``)."""
    return any(tok.key in own for tok in toks if item.start <= tok.start and tok.end <= item.end)


def _victims_decide(evidence: dict[str, list[Evidence]], mentions=(), victims: bool = False,
                    toks: list[Tok] = (), own: frozenset[str] = frozenset()) -> None:
    """A beating or shooting whose victims are prisoners or civilians is a war crime, not a punishment.

    ``victims``: the utterance names a civilian or a prisoner (``crime_victims``) and no refuser or deserter:
    its punishment evidence all moves to war_crime.

    Punishment (ANNOTATION.md) is what a soldier's own side does to soldiers; the same verb inside a
    war_crime cue ("пленного избили") is evidence for war_crime only, so it is dropped from punishment; and in
    an utterance about a war crime with no refuser or deserter in it, a basement or a beating is the crime's
    ("у бабки всё вынесли, а её саму в подвал заперли").
    """
    soldiers = any(m.category in ("refused", "deserted") for m in mentions) or "refusal" in evidence \
        or "desertion" in evidence  # refusers or deserters named by a cue are soldiers too
    if victims and not soldiers and "punishment" in evidence:
        # "деда местного в подвале заперли": a civilian or a prisoner in the basement is a war crime's victim;
        # a threat or a killing by one's own side ("двоих свои же положили") stays a punishment
        kept = [item for item in evidence["punishment"] if _said_of_own(item, toks, own)]
        moved = [item for item in evidence.pop("punishment") if item not in kept]
        if kept:
            evidence["punishment"] = kept
        if moved:
            evidence.setdefault("war_crime", []).extend(moved)
        return
    crimes = evidence.get("war_crime")
    if not crimes or "punishment" not in evidence:
        return
    kept = [item for item in evidence["punishment"]
            if soldiers and not any(crime.start <= item.start and item.end <= crime.end for crime in crimes)]
    if kept:
        evidence["punishment"] = kept
    else:
        del evidence["punishment"]


def with_model_themes(hits: list[ThemeHit], toks: list[Tok], ranges: tuple[tuple[int, int], ...], language: str,
                      model: ThemeModel) -> list[ThemeHit]:
    """``hits`` (the rules' themes) and, in each utterance, the themes the learned model adds (never one the rules
    found there): score = the model's probability, evidence = its clause and heaviest words."""
    starts, ends = [t.start for t in toks], [t.end for t in toks]
    found: dict[int, set[str]] = {}
    for hit in hits:
        found.setdefault(hit.utterance, set()).add(hit.theme)
    added = []
    unless = theme_rules().unless
    for index, (u_start, u_end) in enumerate(ranges):
        lo, hi = _utterance_tokens(starts, ends, u_start, u_end)
        for m in model_themes(toks, lo, hi, language, model, found.get(index, ())):
            if m.theme in unless and any(toks[k].key in unless[m.theme] for k in range(lo, hi)):
                continue  # the model's reading of a film, another war or a fair sentence (themes.yaml ``unless``)
            evidence = Evidence(m.probability, m.start, m.end, EvidenceKind.MODEL, ", ".join(m.words))
            added.append(ThemeHit(m.theme, m.probability, m.start, m.end, index, (evidence,)))
    return sorted(hits + added, key=lambda hit: (hit.utterance, hit.start, hit.theme)) if added else hits
