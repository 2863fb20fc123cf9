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
from functools import lru_cache
from typing import Any

from overheard.report import trends
from overheard.text import fold
from overheard.web.i18n import N_, current
from overheard.web.i18n import gettext as _

# English msgids; shown through _() in the request's language. Theme and casualty names are data:
# report/labels.yaml has each in English (gloss), Russian (ru) and Ukrainian (uk).
KIND_WORDS = {"term": N_("coded term"), "casualty": N_("casualty"), "theme": N_("theme"),
              "entity": N_("name or place")}
ENTITY_WORDS = {"PER": N_("person"), "PHONE": N_("phone number"), "CALLSIGN": N_("call sign"), "UNIT": N_("unit"),
                "LOC": N_("place"), "ORG": N_("organisation")}
TERM_CATEGORY_WORDS = {"killed": N_("killed"), "wounded": N_("wounded"), "refused": N_("refused to fight"),
                       "missing": N_("missing"), "captured": N_("captured"), "deserted": N_("deserted"),
                       "location": N_("location"), "combatant": N_("combatant"), "punishment": N_("punishment"),
                       "threat": N_("threat"), "equipment": N_("equipment"), "surrender": N_("surrender"),
                       "slur": N_("slur"), "mobilization": N_("mobilization"), "operation": N_("operation")}
STATUS_WORDS = {"pending": N_("to review"), "accepted": N_("accepted"), "rejected": N_("rejected"),
                "corrected": N_("corrected")}

_QUOTED = re.compile(r"'([^']{1,80})'")
_CASUALTY = re.compile(r"^(?P<id>\S+) \((?P<how>\w+)\) matched '(?P<word>[^']*)' as (?P<category>\w+)(?P<rest>.*)$")
_THEME = re.compile(r"^(?P<theme>\w+) \(score (?P<score>[\d.]+)\) from (?P<reasons>.*)$")
_THEME_CALL = re.compile(r"^(?P<theme>\w+) in (?P<n>\d+) utterance\(s\); strongest evidence in utterance (?P<u>\d+)")
_CUE = re.compile(r"cue '(?P<pattern>[^']*)'")
_MENTION = re.compile(r"(?P<category>\w+) mention \((?P<id>[^)]+)\)")
_REGEXY = re.compile(r"\S*[|\\^$\[\]*+?{}]\S*")
ENTITY_RULES = {"callsign:intro": N_("introduced as a call sign"), "callsign": N_("a call sign pattern"),
                "natasha NER": N_("found by the language model (natasha)"),
                "unit:numbered": N_("a numbered formation"), "unit:vch": N_("a military unit number (в/ч)"),
                "unit": N_("a unit pattern"), "phone:words": N_("dictated in words"),
                "phone:digits": N_("written in digits"), "phone": N_("a phone number pattern")}


@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, dict[str, Any]]]:
    """report/labels.yaml, read once per process (the pages name many findings)."""
    return trends.labels()


def _label_entry(table: str, key: str) -> str | None:
    """A theme's or casualty category's name in the UI language, from report/labels.yaml (None if unknown)."""
    entry = labels()[table].get(key)
    if not entry:
        return None
    return str(entry.get(current()) or entry["gloss"])


def category_short(category: str) -> str:
    """The word a tally puts after a count ("killed"; «убитые»), from report/labels.yaml's ``short``."""
    entry = labels()["casualties"].get(category) or {}
    return str((entry.get("short") or {}).get(current()) or category)


def theme_name(theme: str) -> str:
    """A theme id as people say it in the UI language ("wants to leave", «хочет уйти»)."""
    return _label_entry("themes", theme) or theme.replace("_", " ")


def category_name(category: str) -> str:
    """A casualty category as people say it in the UI language ("200s (killed)", «200-е (убитые)»)."""
    return _label_entry("casualties", category) or category.replace("_", " ")


def label_words(kind: str, label: str) -> str:
    """A finding's label as people say it: "killed (200s)", "supply shortage", "person"."""
    if kind == "entity":
        return _(ENTITY_WORDS[label]) if label in ENTITY_WORDS else label
    if kind == "theme" and _label_entry("themes", label):
        return theme_name(label)
    if kind == "term" and label in TERM_CATEGORY_WORDS and not _label_entry("casualties", label):
        return _(TERM_CATEGORY_WORDS[label])
    if _label_entry("casualties", label):
        return category_name(label)
    if label in TERM_CATEGORY_WORDS:
        return _(TERM_CATEGORY_WORDS[label])
    return label.replace("_", " ")


def kind_words(kind: str) -> str:
    """A finding kind as people say it (the legend and the text tag beside each finding)."""
    return _(KIND_WORDS[kind]) if kind in KIND_WORDS else kind


def gloss_in(gloss: Any, language: str | None = None) -> str | None:
    """A term's gloss in the UI language (English when that one is missing); None when there is none."""
    language = language or current()
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
        rule = (_("«%(text)s» is a coded word for %(gloss)s in the lexicon") % {"text": text, "gloss": gloss} if gloss
                else _("«%(text)s» is a coded word in the lexicon") % {"text": text})
        term_id = attributes.get("term_id")
        note = explanation.split("; note: ", 1)[1] if "; note: " in explanation else ""
        return rule + (f" ({term_id})" if term_id else "") + "." + (f" {note}" if note else ""), [text]
    if kind == "casualty":
        found = _CASUALTY.match(explanation)
        if found:
            what = _("«%(word)s» is a code word for %(category)s") if found["how"] == "code" else \
                _("«%(word)s» is a word for %(category)s")
            rest = _quote(found["rest"]).lstrip("; ").replace("; ", "; ")
            rule = what % {"word": found["word"], "category": label_words("casualty", found["category"])}
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
                    reasons.append(_("the words %(words)s") % {"words": ", ".join(f"«{w}»" for w in words)}
                                   if words else _("a cue phrase"))
                elif mention:
                    reasons.append(_("a mention of %(category)s")
                                   % {"category": label_words("casualty", mention["category"])})
                else:
                    reasons.append(_no_patterns(_quote(reason)))
            return (_("Theme “%(theme)s” (strength %(score)s) because of %(reasons)s.")
                    % {"theme": label_words("theme", label), "score": found["score"], "reasons": "; ".join(reasons)},
                    evidence)
        found = _THEME_CALL.match(explanation)
        if found:
            return (_("Theme “%(theme)s” in %(n)s utterance(s) of the call; the strongest evidence is in utterance "
                      "%(u)s.") % {"theme": label_words("theme", label), "n": found["n"], "u": int(found["u"]) + 1},
                    [])
    if kind == "entity":
        if explanation.startswith("gazetteer:"):
            geo = attributes.get("geo") or {}
            where = ", ".join(str(part) for part in (geo.get("name"), geo.get("oblast")) if part)
            return (_("A place in the gazetteer: %(where)s.") % {"where": where} if where
                    else _("A place in the gazetteer.")), [text]
        if explanation.startswith("person:"):
            how = explanation.removeprefix("person:").strip().split(" (")[0].replace("+", " and ")
            first = attributes.get("first_name")
            return (_("A personal name (%(how)s name, %(first)s).") % {"how": how, "first": first} if first
                    else _("A personal name (%(how)s name).") % {"how": how}), [text]
        rule = next((words for prefix, words in ENTITY_RULES.items() if explanation.startswith(prefix)), None)
        if rule:
            return _("A %(what)s: %(rule)s.") % {"what": label_words(kind, label), "rule": _(rule)}, [text]
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


def explain(finding: Mapping[str, Any], language: str | None = None) -> dict[str, Any]:
    """What the page shows of a finding (already masked for the user): kind, label, gloss, rule, evidence parts."""
    kind, label, text = finding["kind"], finding["label"], finding["text"]
    attributes = finding.get("attributes") or {}
    rule, evidence = _rule(kind, label, text, finding.get("explanation") or "", attributes)
    count = attributes.get("count")
    return {
        "kind": kind_words(kind),
        "label": label_words(kind, label),
        "gloss": gloss_in(attributes.get("gloss"), language),
        "count": None if count is None else (_("about %(count)s") % {"count": count} if attributes.get("approximate")
                                             else str(count)),
        "rule": rule,
        "parts": marked_parts(text, evidence),
        "status": _(STATUS_WORDS[finding["review_status"]]) if finding.get("review_status") in STATUS_WORDS
        else finding.get("review_status"),
    }
