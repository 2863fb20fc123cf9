"""Stored codes the pages show in words of the interface language: segment flags and their meanings,
transcript version kinds, and the people desk's claim, evidence, action and decision words.

:data:`overheard.speech.hallucination.FLAG_MEANINGS` says in English what each flag means (logs, JSON, CLI);
the pages show the same sentences translated. They are repeated here, marked for the catalogues, and
tests/test_web_i18n.py fails when the two drift apart.
"""

from __future__ import annotations

import re

from overheard.web.i18n import N_, word
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
