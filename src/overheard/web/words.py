"""Stored codes the pages show in words of the interface language: segment flags and their meanings,
transcript version kinds, and the people desk's claim, evidence, action and decision words.

:data:`overheard.speech.hallucination.FLAG_MEANINGS` says in English what each flag means (logs, JSON, CLI);
the pages show the same sentences translated. They are repeated here, marked for the catalogues, and
tests/test_web_i18n.py fails when the two drift apart.
"""

from __future__ import annotations

import re

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton

from overheard.report.calendar import UNDATED, period_bounds, period_label, tick_labels
from overheard.web.explain import label_words
from overheard.web.i18n import DEFAULT_LANGUAGE, N_, current, word
from overheard.web.i18n import gettext as _

FLAG_NAMES = {
    "repetition_loop": N_("repetition loop"), "stock_phrase": N_("stock phrase"),
    "high_compression": N_("high compression"), "low_logprob": N_("low logprob"), "no_speech": N_("no speech"),
    "over_silence": N_("over silence"), "low_confidence": N_("low confidence"), "empty_output": N_("empty output"),
    "language_uncertain": N_("language uncertain"), "language_unrecognised": N_("language unrecognised"),
    "translation_repetition_loop": N_("translation repetition loop"),
    "translation_stock_phrase": N_("translation stock phrase"),
    "translation_high_compression": N_("translation high compression"), "translation_empty": N_("translation empty"),
}
FLAG_NOTES = {
    "repetition_loop": N_("a word or phrase repeats back to back: Whisper may be looping"),
    "stock_phrase": N_("a subtitle credit or video outro Whisper invents over noise"),
    "high_compression": N_("the text compresses too well: repetitive, probably looping"),
    "low_logprob": N_("the model was unsure of its words"),
    "no_speech": N_("the model thinks this may not be speech"),
    "over_silence": N_("most words fall where the voice detector heard no speech"),
    "low_confidence": N_("a third or more of the words have low probability"),
    "empty_output": N_("speech was heard but nothing was recognised"),
    "language_uncertain": N_("the language is a close call between the candidates"),
    "language_unrecognised": N_("the model hears neither candidate language: the label is a guess"),
    "translation_repetition_loop": N_(
        "the English rendering repeats a word or phrase back to back: the translation may loop"),
    "translation_stock_phrase": N_("the English rendering holds a subtitle credit or video outro"),
    "translation_high_compression": N_("the English rendering compresses too well: repetitive, probably looping"),
    "translation_empty": N_("the text was recognised but its English rendering came back empty"),
}


def flag_word(flag: str) -> str:
    """A segment flag's name in words ("low confidence"; «низкая уверенность»)."""
    return _(FLAG_NAMES[flag]) if flag in FLAG_NAMES else flag.replace("_", " ")


def flag_note(flag: str, note: str) -> str:
    """What a flag means, in the interface language (the stored English ``note`` for a flag not listed)."""
    return _(FLAG_NOTES[flag]) if flag in FLAG_NOTES and FLAG_NOTES[flag] == note else note


def version_label(label: str) -> str:
    """A transcript version's name ("v1 aligned") with its kind in words of the interface language."""
    number, _sep, kind = label.partition(" ")
    return f"{number} {word(kind)}" if kind else label


# the people desk (review.identities, store.person_decisions): English as the pages showed it ("_" as spaces)
DESK_WORDS = {
    "real_name": N_("real name"), "unit": N_("unit"), "home_town": N_("home town"), "relation": N_("relation"),
    "status": N_("status"),
    "alive": N_("alive"), "killed": N_("killed"), "wounded": N_("wounded"), "captured": N_("captured"),
    "refused": N_("refused"),
    "relative_contacted": N_("relative contacted"), "soldier_contacted": N_("soldier contacted"),
    "phone_profile": N_("phone profile"), "document": N_("document"), "social_media": N_("social media"),
    "voice_comparison": N_("voice comparison"), "other": N_("other"),
    "sign_off": N_("sign off"), "dispute": N_("dispute"), "retract": N_("retract"), "reopen": N_("reopen"),
    "record": N_("record"), "add_evidence": N_("add evidence"),
    "merge": N_("merge"), "split": N_("split"), "merged": N_("merged"), "assigned": N_("assigned"),
    "restored": N_("restored"), "corroborated": N_("corroborated"), "none": N_("none"),
    "rejected": N_("rejected"), "corrected": N_("corrected"),
    "no_transcript_or_findings": N_("no transcript or findings"),
    "outside_dates": N_("outside the dates"), "outside_places": N_("outside the places"),
    "per_call": N_("per call"), "linked": N_("linked"), "unlinked": N_("unlinked"),
}


def claim_word(code: str) -> str:
    """A people-desk code in words of the interface language ("real_name" -> "real name"; «настоящее имя»)."""
    return _(DESK_WORDS[code]) if code in DESK_WORDS else str(code or "").replace("_", " ")


# review.signoff's list of what a call still needs, and review.versions' translation provenance, in words
_NEEDS = (
    (re.compile(r"^(\d+) personal-data finding\(s\) to decide$"), N_("%(n)s personal-data finding(s) to decide")),
    (re.compile(r"^(\d+) casualty finding\(s\) to review$"), N_("%(n)s casualty finding(s) to review")),
    (re.compile(r"^a sign-off$"), N_("a sign-off")),
    (re.compile(r"^a second reviewer's sign-off \(signed by (.+)\)$"),
     N_("a second reviewer's sign-off (signed by %(n)s)")),
)
_MACHINE = re.compile(r"^machine translation \((.+)\)$")


def needs_word(item: str) -> str:
    """One thing a call needs before it is verified (:func:`overheard.review.signoff.verification`), translated."""
    for pattern, message in _NEEDS:
        found = pattern.match(item)
        if found:
            return _(message) % {"n": found.group(1) if found.groups() else ""}
    return item


def provenance_words(by: str) -> str:
    """Where a translation came from (:func:`overheard.review.versions.translation_provenance`), translated."""
    found = _MACHINE.match(by or "")
    if found:
        return _("machine translation (%(by)s)") % {"by": found.group(1)}
    if by == "translation from the imported file (origin unknown)":
        return _("translation from the imported file (origin unknown)")
    return by


# ---- notes made below the web layer ------------------------------------------------------------------
# register.exports.SIDE_NOTE / RANGE_NOTE and report.trends.SIDE_NOTE stay English in the JSON and CSV exports
# and the CLI; the pages say them in the interface language. tests/test_web_i18n.py fails when they drift apart.
REGISTER_SIDE_NOTE = N_("Counted side: %(side)s. 'own' counts only mentions the text marks as the speaker's side's "
                        "losses; mentions whose side the text does not decide ('unknown') are tallied apart, not "
                        "added; enemy losses are always counted apart (ANNOTATION.md, Side).")
RANGE_NOTE = N_("People and incidents are ranges: the upper bound keeps undecided proposals apart, the lower bound "
                "merges them; an incident counts the largest number its mentions state.")
TRENDS_SIDE_NOTE = N_("Casualties counted: %(side)s. 'own' counts the losses the text marks as the speaker's side's; "
                      "mentions whose side the text does not decide ('unknown') are tallied beside, not added; the "
                      "enemy's are counted apart (ANNOTATION.md, Side). Choose side=all to sum every mention.")


def register_note(side: str) -> str:
    """What the register counts for ``side`` and why its numbers are ranges, in the interface language."""
    return _(REGISTER_SIDE_NOTE) % {"side": word(side)} + " " + _(RANGE_NOTE)


def trends_note(side: str) -> str:
    """What the Trends casualty numbers count for ``side``, in the interface language."""
    return _(TRENDS_SIDE_NOTE) % {"side": word(side)}


# ---- the chain of custody: audit actions in words ------------------------------------------------------
CUSTODY_WORDS = {
    "call.create": N_("call created"), "call.metadata": N_("call details changed"),
    "call.review_status": N_("review status changed"), "call.sign_off": N_("call signed off"),
    "file.ingest": N_("file ingested"), "derived.create": N_("derived file made"),
    "transcript.add": N_("transcript added"), "transcript.align": N_("transcript aligned"),
    "speaker.rename": N_("speaker renamed"),
    "annotate": N_("findings annotated"), "annotate.run": N_("annotators run"),
    "finding.add": N_("finding added"), "finding.accepted": N_("finding accepted"),
    "finding.rejected": N_("finding rejected"), "finding.corrected": N_("finding corrected"),
    "finding.pending": N_("finding back to review"), "finding.undo": N_("decision undone"),
    "findings.carry": N_("findings carried to a new version"),
    "redact.call": N_("call redacted"), "export.json": N_("exported as JSON"),
    "quote.create": N_("quote made"), "quote.approved": N_("quote approved"), "quote.published": N_("quote published"),
    "quote.draft": N_("quote back to draft"),
    "tag.add": N_("tag added"), "tag.remove": N_("tag removed"), "star.add": N_("starred"),
    "star.remove": N_("star removed"), "note.add": N_("note added"), "note.delete": N_("note deleted"),
    "incident.merge": N_("incidents merged"), "incident.split": N_("incidents split"),
    "incident.keep_apart": N_("incidents kept apart"), "incident.undo": N_("incident decision undone"),
}


def custody_word(action: str) -> str:
    """An audit action of the chain of custody in words ("call.create" -> "call created"; «звонок создан»);
    an action not listed as its code."""
    return _(CUSTODY_WORDS[action]) if action in CUSTODY_WORDS else action


# ---- report periods as dates of the interface language -----------------------------------------------
def period_words(key: str, by: str) -> str:
    """A report period as calendar dates in the interface language («23 февр. — 1 мар. 2026 г.», «март 2026 г.»);
    English as the report writes it ("23 Feb–1 Mar 2026"); "undated" in words."""
    bounds = period_bounds(key, by)
    if bounds is None:
        return _("undated") if key == UNDATED else key
    if current() == DEFAULT_LANGUAGE:
        return period_label(key, by)
    first, last = bounds
    locale = Locale.parse(current())
    if by == "month":
        return format_skeleton("yMMMM", first, locale=locale)
    if first == last:
        return format_date(first, "medium", locale=locale)
    return format_interval(first, last, "yMMMd", locale=locale)


def tick_words(keys: list[str], by: str) -> list[str]:
    """Short period labels for a plot's axis in the interface language: the year on the first tick and where it
    changes (:func:`overheard.report.calendar.tick_labels` in English)."""
    if current() == DEFAULT_LANGUAGE:
        return tick_labels(keys, by)
    locale, out, year = Locale.parse(current()), [], None
    for key in keys:
        bounds = period_bounds(key, by)
        if bounds is None:
            out.append(_("undated") if key == UNDATED else key)
            continue
        first, last = bounds
        with_year = first.year != year or first.year != last.year
        year = last.year
        if by == "month":
            out.append(format_skeleton("yMMM" if with_year else "MMM", first, locale=locale))
        elif first == last:
            out.append(format_skeleton("yMMMd" if with_year else "MMMd", first, locale=locale))
        else:
            out.append(format_interval(first, last, "yMMMd" if with_year else "MMMd", locale=locale))
    return out


# ---- search expansions ---------------------------------------------------------------------------------
def expansion_words(why: dict) -> str:
    """What a search term also stood for (:class:`overheard.search.expand.Reason` as data), in the interface
    language: «категория: 200-е (убитые)», «двухсотый (убитый)»."""
    if why.get("category"):
        return _("category: %(name)s") % {"name": label_words("term", why["category"])}
    gloss = why.get("gloss") or {}
    meaning = gloss.get(current()) or gloss.get(DEFAULT_LANGUAGE)
    name = str(why.get("label") or why.get("entry"))
    return f"{name} ({meaning})" if meaning else name
