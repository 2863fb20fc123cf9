"""Findings explained for people: kinds and labels in words, the gloss in the UI language, the rule
in a sentence, and which words of the finding's text are the evidence (highlighted on the page).

The annotators' explanations are written for traceability (``cas.200 (code) matched 'двухсотых' as
killed``, ``supply_shortage (score 0.7) from cue '=не кормить|платить|...'``); this module turns them
into sentences without regular expressions or dictionaries. Viewers' explanations arrive already
masked (:func:`overheard.web.views.finding_dict`) and stay so: nothing here adds text from the store.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from overheard.report.trends import labels
from overheard.text import fold

KIND_WORDS = {"term": "coded term", "casualty": "casualty", "theme": "theme", "entity": "name or place"}
ENTITY_WORDS = {"PER": "person", "PHONE": "phone number", "CALLSIGN": "call sign", "UNIT": "unit", "LOC": "place",
                "ORG": "organisation"}
TERM_CATEGORY_WORDS = {"killed": "killed", "wounded": "wounded", "refused": "refused to fight",
                       "missing": "missing", "captured": "captured", "deserted": "deserted"}
STATUS_WORDS = {"pending": "to review", "accepted": "accepted", "rejected": "rejected", "corrected": "corrected"}

_QUOTED = re.compile(r"'([^']{1,80})'")
_CASUALTY = re.compile(r"^(?P<id>\S+) \((?P<how>\w+)\) matched '(?P<word>[^']*)' as (?P<category>\w+)(?P<rest>.*)$")
_THEME = re.compile(r"^(?P<theme>\w+) \(score (?P<score>[\d.]+)\) from (?P<reasons>.*)$")
_THEME_CALL = re.compile(r"^(?P<theme>\w+) in (?P<n>\d+) utterance\(s\); strongest evidence in utterance (?P<u>\d+)")
_CUE = re.compile(r"cue '(?P<pattern>[^']*)'")
_MENTION = re.compile(r"(?P<category>\w+) mention \((?P<id>[^)]+)\)")
_REGEXY = re.compile(r"\S*[|\\^$\[\]*+?{}]\S*")
ENTITY_RULES = {"callsign:intro": "introduced as a call sign", "callsign": "a call sign pattern",
                "natasha NER": "found by the language model (natasha)", "unit:numbered": "a numbered formation",
                "unit:vch": "a military unit number (в/ч)", "unit": "a unit pattern",
                "phone:words": "dictated in words", "phone:digits": "written in digits",
                "phone": "a phone number pattern"}


def label_words(kind: str, label: str) -> str:
    """A finding's label as people say it: "killed (200s)", "supply shortage", "person"."""
    if kind == "entity":
        return ENTITY_WORDS.get(label, label)
    table = labels()
    if kind == "theme" and label in table["themes"]:
        return str(table["themes"][label]["gloss"])
    if label in table["casualties"]:
        return str(table["casualties"][label]["gloss"])
    return label.replace("_", " ")


def kind_words(kind: str) -> str:
    """A finding kind as people say it (the legend and the text tag beside each finding)."""
    return KIND_WORDS.get(kind, kind)


def gloss_in(gloss: Any, language: str = "en") -> str | None:
    """A term's gloss in the UI language (English when that one is missing); None when there is none."""
    if isinstance(gloss, Mapping):
        value = gloss.get(language) or gloss.get("en") or next(iter(gloss.values()), None)
        return str(value) if value else None
    return str(gloss) if gloss else None


def _quote(text: str) -> str:
    return _QUOTED.sub(lambda m: f"«{m.group(1)}»", text)


def _no_patterns(text: str) -> str:
    return _REGEXY.sub("…", text)


def _cue_words(pattern: str, text: str) -> list[str]:
    """Words of ``text`` a theme cue pattern stands for (a shared stem of four letters or more)."""
    alternatives = [fold(part.strip("=@ 0123456789.")) for part in re.split(r"[|()]", pattern)]
    alternatives = [alt for alt in alternatives if len(alt) >= 3]
    found = []
    for word in re.findall(r"\w+", text):
        folded = fold(word)
        for alt in alternatives:
            stem = alt.split()[-1] if " " in alt else alt
            size = max(3, min(len(stem) - 2, 5))
            if len(folded) >= size and folded[:size] == stem[:size]:
                found.append(word)
                break
    return found


def _rule(kind: str, label: str, text: str, explanation: str, attributes: Mapping[str, Any]) -> tuple[str, list[str]]:
    """The rule in a sentence and the evidence words."""
    if kind == "term":
        gloss = gloss_in(attributes.get("gloss"))
        rule = f"«{text}» is a coded word" + (f" for {gloss}" if gloss else "") + " in the lexicon"
        term_id = attributes.get("term_id")
        note = explanation.split("; note: ", 1)[1] if "; note: " in explanation else ""
        return rule + (f" ({term_id})" if term_id else "") + "." + (f" {note}" if note else ""), [text]
    if kind == "casualty":
        found = _CASUALTY.match(explanation)
        if found:
            what = "code word" if found["how"] == "code" else "word"
            rest = _quote(found["rest"]).lstrip("; ").replace("; ", "; ")
            rule = f"«{found['word']}» is a {what} for {label_words('casualty', found['category'])}"
            return rule + (f"; {rest}" if rest else "") + ".", _QUOTED.findall(explanation)
    if kind == "theme":
        found = _THEME.match(explanation)
        if found:
            reasons, evidence = [], []
            for reason in found["reasons"].split("; "):
                cue = _CUE.search(reason)
                mention = _MENTION.search(reason)
                if cue:
                    words = _cue_words(cue["pattern"], text)
                    evidence += words
                    reasons.append("the words " + ", ".join(f"«{w}»" for w in words) if words else "a cue phrase")
                elif mention:
                    reasons.append(f"a mention of {label_words('casualty', mention['category'])}")
                else:
                    reasons.append(_no_patterns(_quote(reason)))
            return (f"Theme “{label_words('theme', label)}” (strength {found['score']}) because of "
                    + "; ".join(reasons) + "."), evidence
        found = _THEME_CALL.match(explanation)
        if found:
            return (f"Theme “{label_words('theme', label)}” in {found['n']} utterance(s) of the call; the strongest "
                    f"evidence is in utterance {int(found['u']) + 1}."), []
    if kind == "entity":
        if explanation.startswith("gazetteer:"):
            geo = attributes.get("geo") or {}
            where = ", ".join(str(part) for part in (geo.get("name"), geo.get("oblast")) if part)
            return f"A place in the gazetteer{': ' + where if where else ''}.", [text]
        if explanation.startswith("person:"):
            how = explanation.removeprefix("person:").strip().split(" (")[0].replace("+", " and ")
            first = attributes.get("first_name")
            return (f"A personal name ({how} name" + (f", {first}" if first else "") + ")."), [text]
        rule = next((words for prefix, words in ENTITY_RULES.items() if explanation.startswith(prefix)), None)
        if rule:
            return f"A {label_words(kind, label)}: {rule}.", [text]
    return _no_patterns(_quote(explanation)), _QUOTED.findall(explanation)


def marked_parts(text: str, evidence: list[str]) -> list[dict[str, Any]]:
    """The finding's text cut into parts, the evidence words marked (first occurrence of each)."""
    marks: list[tuple[int, int]] = []
    lowered = text.lower()
    for word in evidence:
        at = lowered.find(word.lower()) if word else -1
        if at >= 0 and not any(s < at + len(word) and at < e for s, e in marks):
            marks.append((at, at + len(word)))
    parts, cursor = [], 0
    for start, end in sorted(marks):
        if start > cursor:
            parts.append({"text": text[cursor:start], "mark": False})
        parts.append({"text": text[start:end], "mark": True})
        cursor = end
    if cursor < len(text):
        parts.append({"text": text[cursor:], "mark": False})
    return parts


def explain(finding: Mapping[str, Any], language: str = "en") -> dict[str, Any]:
    """What the page shows of a finding (already masked for the user): kind, label, gloss, rule, evidence parts."""
    kind, label, text = finding["kind"], finding["label"], finding["text"]
    attributes = finding.get("attributes") or {}
    rule, evidence = _rule(kind, label, text, finding.get("explanation") or "", attributes)
    count = attributes.get("count")
    return {
        "kind": kind_words(kind),
        "label": label_words(kind, label),
        "gloss": gloss_in(attributes.get("gloss"), language),
        "count": None if count is None else (f"about {count}" if attributes.get("approximate") else str(count)),
        "rule": rule,
        "parts": marked_parts(text, evidence),
        "status": STATUS_WORDS.get(finding.get("review_status", ""), finding.get("review_status")),
    }
