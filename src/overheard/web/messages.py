"""Errors in words for the pages: what happened and what to do, with the code kept for small print.

The coded messages of :mod:`overheard.errors` are written for logs and the CLI; a reviewer on the
call page reads these sentences, with the code beside them so a report to the maintainers names it.
"""

from __future__ import annotations

from overheard.web.i18n import N_
from overheard.web.i18n import gettext as _

# English here; each sentence is translated when shown (web/locale/*/LC_MESSAGES/messages.po)
ERROR_WORDS = {
    "E005": N_("That item no longer exists (it may have been replaced by a newer transcript version). "
               "Reload the page."),
    "E012": N_("Your role does not allow this action."),
    "E015": N_("That change could not be saved: a field is empty, out of range or not in the list. Check the form."),
    "E016": N_("A filter value could not be read: dates are written YYYY-MM-DD."),
    "E018": N_("Someone else changed this while you were looking at it. See the current state and decide again."),
    "E025": N_("A report option could not be read."),
    "E030": N_("The search could not be read. Try plain words, codes such as 200, or \"quoted phrases\"."),
    "E035": N_("That tag or note could not be saved: a tag is one short word (letters, digits, - or _); a note "
               "is not empty."),
    "E099": N_("Something went wrong on the server. The error was logged; try again, and report it if it persists."),
}
DEFAULT_WORDS = N_("That action did not work.")


def error_words(code: str | None) -> str:
    """The sentence a person reads for an error code (a generic one for codes without their own), translated."""
    return _(ERROR_WORDS.get((code or "").strip()[:4], DEFAULT_WORDS))


def error_table() -> dict[str, str]:
    """Every code's sentence in the current language ("" for the generic one), for the pages' scripts."""
    return {code: _(words) for code, words in ERROR_WORDS.items()} | {"": _(DEFAULT_WORDS)}


def split_error(message: str) -> tuple[str, str]:
    """``"E018 finding 5 changed ..."`` as (code, message); ("", message) when it carries no code."""
    head, _, rest = message.partition(" ")
    if len(head) == 4 and head[0] == "E" and head[1:].isdigit():
        return head, rest
    return "", message
