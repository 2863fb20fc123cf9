"""Interface languages: English, Russian and Ukrainian, from gettext catalogues (Babel).

The catalogues are ``web/locale/{ru,uk}/LC_MESSAGES/messages.po`` (English is the msgid itself). They are
the only source: each is compiled in memory the first time a page needs it (a few milliseconds), so there
is no ``.mo`` file to forget, a fresh ``pip install -e .`` works, and nothing is fetched. ``make i18n``
extracts the strings and updates the catalogues (docs/web.md, "Interface languages").

Which language a request gets: the one the user chose (``users.locale``, set on ``/language``), else the
first supported one in the browser's ``Accept-Language``, else English. The middleware in
:mod:`overheard.web.app` sets it for the whole request, so templates (``_()``, ``{% trans %}``), the view
builders and error pages all read the same :func:`current` language. Only the interface is translated:
transcripts, names and every analyst's text are shown as stored.
"""

from __future__ import annotations

import gettext as _gettext
from contextvars import ContextVar, Token
from datetime import date, datetime
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date as _format_date
from babel.dates import format_interval
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LANGUAGES = {"en": "English", "ru": "Русский", "uk": "Українська"}  # each in its own words, for the menu
DEFAULT_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "messages"

_current: ContextVar[str] = ContextVar("overheard_language", default=DEFAULT_LANGUAGE)


@cache
def translations(language: str) -> _gettext.NullTranslations:
    """The compiled catalogue of ``language`` (English and unknown languages: the msgids themselves)."""
    po = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == DEFAULT_LANGUAGE or not po.is_file():
        return _gettext.NullTranslations()
    with po.open("rb") as source:
        catalogue = read_po(source, locale=language, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalogue)  # fuzzy entries are left out, as pybabel compile does
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def current() -> str:
    """The language of the request being answered ("en" outside a request)."""
    return _current.get()


def activate(language: str) -> Token:
    """Answer in ``language`` until :func:`deactivate` (the app's middleware does this per request)."""
    return _current.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)


def deactivate(token: Token) -> None:
    """Go back to the language before :func:`activate`."""
    _current.reset(token)


def gettext(message: str) -> str:
    """``message`` in the current language (itself when there is no translation)."""
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n`` in the current language (Russian and Ukrainian have three)."""
    return translations(current()).ngettext(singular, plural, n)


_ = gettext


def N_(message: str) -> str:  # noqa: N802 - the conventional name pybabel looks for
    """Mark a string for extraction without translating it now (translate with ``_`` when shown)."""
    return message


# Stored values the pages show as words (statuses, sides, roles, periods...). The msgid is the value itself, so
# English pages show it as stored; the catalogues say it in words.
VALUE_WORDS = frozenset({
    N_("new"), N_("in_review"), N_("verified"),  # call review status
    N_("pending"), N_("accepted"), N_("rejected"), N_("corrected"),  # finding review status
    N_("own"), N_("enemy"), N_("unknown"), N_("all"),  # casualty sides
    N_("viewer"), N_("analyst"), N_("editor"), N_("admin"),  # roles
    N_("day"), N_("week"), N_("month"),  # report periods
    N_("draft"), N_("approved"), N_("published"),  # quotes
    N_("unverified"), N_("corroborated"), N_("disputed"), N_("retracted"),  # claims
    N_("open"), N_("merged"), N_("separate"), N_("single"), N_("none"),  # incidents
    N_("applied"), N_("undone"), N_("proposed"),
    N_("imported"), N_("asr"), N_("reviewed"), N_("aligned"),  # transcript versions
})

# What the pages' scripts say (static/*.js calls t("...") with these; partials/js_words.html hands them over
# translated). tests/test_web_i18n.py checks that every t("...") in the scripts is listed here.
JS_MESSAGES = (
    N_("Accepted"), N_("Rejected"), N_("Undone"), N_("finding"), N_("Press u to undo."),
    N_("%(action)s (on what you saw: %(status)s)"), N_("accept"), N_("reject"), N_("undo"),
    N_("Corrected: %(what)s. The correction is a new finding; undo withdraws it."),
    N_("Select the words in the transcript first, then press “Use selected text”."),
    N_("Added a finding. Undo withdraws it."), N_("Select the words in the transcript first."),
    N_("select words in the transcript"), N_("Words chosen: %(words)s"),
    N_("to review"), N_("%(status)s by %(who)s"), N_("you"), N_("someone"), N_("Undone: %(what)s"),
    N_("Already %(status)s: press u to undo."),
    N_("Changed by %(who)s at %(time)s"), N_(" while you were looking."), N_("Theirs"), N_("Yours"),
    N_("Keep theirs"), N_("Apply mine"),
    N_("Conflict: changed by %(who)s at %(time)s, now %(status)s. Keep theirs or apply yours."),
    N_("the server cannot be reached; check the connection"), N_("a field of the request is malformed"),
    N_("That action did not work."),
    N_("Starred."), N_("Star removed."), N_("Tag added: %(tag)s."), N_("Tag removed: %(tag)s."),  # marks.js
    N_("Note added."), N_("Note deleted."),
)


def word(value: Any) -> Any:
    """A stored value in words of the current language (anything not in :data:`VALUE_WORDS` as it is)."""
    return gettext(value) if isinstance(value, str) and value in VALUE_WORDS else value


def js_words() -> dict[str, str]:
    """The scripts' sentences and the value words in the current language, keyed by their English msgid."""
    return {message: gettext(message) for message in (*JS_MESSAGES, *sorted(VALUE_WORDS))}


def negotiate(accept_language: str | None) -> str:
    """The first supported language of an ``Accept-Language`` header, by quality; English when none is."""
    choices: list[tuple[float, int, str]] = []
    for position, item in enumerate((accept_language or "")[:400].split(",")):
        tag, _sep, params = item.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            choices.append((-quality, position, primary))
    return min(choices)[2] if choices else DEFAULT_LANGUAGE


def language_for(chosen: str | None, accept_language: str | None) -> str:
    """The language a request is answered in: the user's choice, else the browser's, else English."""
    if chosen in LANGUAGES:
        return chosen
    return negotiate(accept_language)


def _as_datetime(value: Any) -> date | datetime | None:
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if not text:
        return None
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def format_day(value: Any, empty: str = "") -> str:
    """A date in words of the current language ("1 мар. 2026 г."); ``empty`` for none, the text if unreadable."""
    when = _as_datetime(value)
    if when is None:
        return str(value) if value else empty
    return _format_date(when, "medium", locale=Locale.parse(current()))


def format_moment(value: Any, empty: str = "") -> str:
    """A date and time to the minute in the current language ("1 мар. 2026 г., 14:02")."""
    when = _as_datetime(value)
    if when is None:
        return str(value) if value else empty
    day = _format_date(when, "medium", locale=Locale.parse(current()))
    return f"{day}, {when:%H:%M}" if isinstance(when, datetime) else day


def format_days(first: Any, last: Any, english: str) -> str:
    """A day or a span of days ("14–17 янв. 2023 г.") in the current language; ``english`` (the register's own
    wording, "14–17 Jan 2023") as it is in English; "undated" without a first day."""
    start, end = _as_datetime(first), _as_datetime(last)
    if start is None:
        return gettext("undated")
    if current() == DEFAULT_LANGUAGE:
        return english
    if end is None or end == start:
        return format_day(start)
    return format_interval(start, end, "yMMMd", locale=Locale.parse(current()))


def iso_minute(value: Any) -> str:
    """The machine-readable form for ``<time datetime=...>`` ("2026-03-01T14:02"), or ""."""
    when = _as_datetime(value)
    if when is None:
        return ""
    return when.isoformat()[:16] if isinstance(when, datetime) else when.isoformat()


def install(env: Any) -> None:
    """Give a Jinja environment ``_``/``gettext``/``ngettext`` and ``{% trans %}`` in the current language,
    and the ``day``/``moment`` date filters."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.filters["day"] = format_day
    env.filters["moment"] = format_moment
    env.filters["iso_minute"] = iso_minute
    env.globals["format_days"] = format_days
    env.filters["word"] = word
    env.globals["js_words"] = js_words
    env.globals["current_language"] = current
    env.globals["languages"] = LANGUAGES
