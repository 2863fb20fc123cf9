"""Interface languages: English, Russian and Ukrainian, chosen per user and defaulting from the browser.

Every string the pages, error messages and scripts show is in the catalogues (web/locale/{ru,uk}), translated;
a page rendered in Russian or Ukrainian shows no English sentence of the catalogue; only the interface is
translated (transcripts stay as spoken) and a viewer's masking is the same in every language.
(The browser test that switches the language is tests/test_web_i18n_browser.py.)
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import web_corpus
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient
from helpers import api_login

from overheard.model import Role
from overheard.review import marks
from overheard.review.quotes import make_quote
from overheard.speech.hallucination import FLAG_MEANINGS
from overheard.web import create_app, i18n, words
from overheard.web.explain import category_name, label_words, theme_name
from overheard.web.i18n import JS_MESSAGES, format_day, format_moment, negotiate

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "src/overheard/web/locale"
TRANSLATED = ("ru", "uk")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def catalogue(language: str):
    with (LOCALES / language / "LC_MESSAGES" / "messages.po").open("rb") as source:
        return read_po(source, locale=language)


def extracted() -> set:
    """What `pybabel extract -F babel.cfg -k N_` finds (Babel's own extractor over babel.cfg's method map)."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options = parse_mapping_cfg(config)
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(ROOT), method_map, options, keywords):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def msgid(message) -> str | tuple:
    return message.id if isinstance(message.id, str) else tuple(message.id)


# ---- the catalogues ---------------------------------------------------------------------------------
@pytest.mark.parametrize("language", TRANSLATED)
def test_every_msgid_has_a_translation_with_the_same_placeholders(language):
    untranslated, wrong = [], []
    for message in catalogue(language):
        if not message.id:
            continue
        forms = [message.string] if isinstance(message.string, str) else list(message.string)
        if "fuzzy" in message.flags or not forms or not all(form.strip() for form in forms):
            untranslated.append(message.id)
        originals = [message.id] if isinstance(message.id, str) else list(message.id)
        wanted = {p for text in originals for p in PLACEHOLDER.findall(text)} - {"%(num)d"}
        if any(set(PLACEHOLDER.findall(form)) - {"%(num)d"} != wanted for form in forms):
            wrong.append(message.id)
        if len(forms) > 1 and len(forms) != 3:  # Russian and Ukrainian have three plural forms
            wrong.append(message.id)
    assert untranslated == [] and wrong == []


def test_pybabel_extract_finds_no_msgid_missing_from_the_catalogues():
    found = extracted()
    assert len(found) > 400
    for language in TRANSLATED:
        ids = {msgid(m) for m in catalogue(language) if m.id}
        assert sorted(map(str, found - ids)) == [], f"run `make i18n` and translate ({language})"
        assert sorted(map(str, ids - found)) == [], f"stale msgids in {language}: run `make i18n`"


def test_every_string_the_scripts_show_is_handed_over_translated():
    static = ROOT / "src/overheard/web/static"
    used = set()
    for script in static.glob("*.js"):
        used |= set(re.findall(r'\bt\("((?:[^"\\]|\\.)*)"', script.read_text(encoding="utf-8")))
    assert {"Accepted", "Keep theirs", "Changed by %(who)s at %(time)s"} <= used
    assert used - set(JS_MESSAGES) - i18n.VALUE_WORDS == set()


def test_the_flag_meanings_shown_are_those_the_speech_layer_writes():
    assert words.FLAG_NOTES == FLAG_MEANINGS


def test_theme_and_category_names_come_from_the_lexicon_labels_in_each_language():
    expected = {"en": ("wants to leave", "200s (killed)"), "ru": ("хочет уйти", "200-е (убитые)"),
                "uk": ("хоче піти", "200-ті (вбиті)")}
    for language, (theme, category) in expected.items():
        token = i18n.activate(language)
        try:
            assert theme_name("wants_to_leave") == theme and category_name("killed") == category
            assert label_words("theme", "wants_to_leave") == theme
            callsign = {"en": "call sign", "ru": "позывной", "uk": "позивний"}[language]
            assert label_words("entity", "CALLSIGN") == callsign
        finally:
            i18n.deactivate(token)


# ---- choosing the language --------------------------------------------------------------------------
@pytest.mark.parametrize(("header", "language"), [
    ("ru-RU,ru;q=0.9,en;q=0.8", "ru"), ("uk", "uk"), ("en-GB,en;q=0.9", "en"), ("de-DE,uk;q=0.5,ru;q=0.7", "ru"),
    ("fr,de", "en"), ("", "en"), (None, "en"), ("ru;q=0,uk;q=0.1", "uk"), ("*", "en"), ("ru;q=abc", "en"),
])
def test_the_browser_language_is_the_first_supported_one_by_quality(header, language):
    assert negotiate(header) == language


@pytest.mark.parametrize(("language", "day", "moment"), [
    ("en", "Mar 1, 2026", "Mar 1, 2026, 14:02"), ("ru", "1 мар. 2026\u202fг.", "1 мар. 2026\u202fг., 14:02"),
    ("uk", "1 бер. 2026\u202fр.", "1 бер. 2026\u202fр., 14:02"),  # CLDR's narrow no-break space before г./р.
])
def test_dates_are_dates_in_the_interface_language(language, day, moment):
    token = i18n.activate(language)
    try:
        assert format_day("2026-03-01") == day and format_moment("2026-03-01T14:02:59") == moment
        assert format_day(None, "—") == "—" and format_day("not a date") == "not a date"
    finally:
        i18n.deactivate(token)


@pytest.fixture
def corpus(fresh):
    """The web test corpus (conftest's ``fresh`` copy)."""
    return fresh


def login(corpus, role: str = "analyst", accept_language: str | None = None) -> tuple[TestClient, dict[str, str]]:
    """helpers.api_login from a browser that asks for ``accept_language``."""
    client = TestClient(create_app(corpus.workspace))
    if accept_language:
        client.headers["Accept-Language"] = accept_language
    return api_login(corpus, role, client=client)


def test_without_a_choice_the_browser_decides_and_a_stored_choice_follows_the_user(corpus):
    client, csrf = login(corpus, "viewer", accept_language="uk-UA,uk;q=0.9")
    page = client.get("/calls")
    assert page.headers["content-language"] == "uk" and '<html lang="uk">' in page.text and "Дзвінки" in page.text
    assert client.get("/api/language").json() | {"languages": None} == {
        "language": "uk", "chosen": None, "browser": "uk", "languages": None}
    assert client.post("/api/language", json={"language": "ru"}, headers=csrf).json() == {
        "language": "ru", "chosen": "ru"}
    assert "Звонки" in client.get("/calls").text  # the choice beats the browser
    other, _ = login(corpus, "viewer", accept_language="en")  # the same account in another browser
    assert "Звонки" in other.get("/calls").text
    assert client.post("/api/language", json={"language": None}, headers=csrf).json()["language"] == "uk"
    entries = [e for e in corpus.store.audit_entries() if e.action == "user.locale"]
    changes = [(e.actor, json.loads(e.details)["from"], json.loads(e.details)["to"]) for e in entries]
    assert changes == [("viewer", None, "ru"), ("viewer", "ru", None)]
    assert corpus.store.verify_audit() == []


def test_the_language_menu_form_stores_the_choice_and_goes_back(corpus):
    client, csrf = login(corpus, "analyst")
    page = client.get("/calls")
    assert 'id="language-menu"' in page.text and 'lang="uk"' in page.text
    response = client.post("/language", data={"language": "uk", "next": "/queue?status=any",
                                              "csrf_token": csrf["X-CSRF-Token"]}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/queue?status=any"
    assert "Черга перевірки" in client.get("/queue").text
    assert client.post("/language", data={"language": "browser", "next": "//evil.example",
                                          "csrf_token": csrf["X-CSRF-Token"]},
                       follow_redirects=False).headers["location"] == "/calls"
    assert "Review queue" in client.get("/queue").text


def test_a_language_the_interface_does_not_speak_is_refused_and_forms_need_csrf(corpus):
    client, csrf = login(corpus, "viewer")
    refused = client.post("/api/language", json={"language": "de"}, headers=csrf)
    assert refused.status_code == 400 and refused.json()["error"].startswith("E013 ")
    assert client.post("/language", data={"language": "ru"}).status_code == 403  # no CSRF token
    assert client.get("/api/language").json()["chosen"] is None
    with pytest.raises(Exception, match="E013"):
        corpus.store.set_user_locale(1, "russian", actor="test")


# ---- every page in every language -------------------------------------------------------------------
class Texts(HTMLParser):
    """The text nodes a person reads, and the attributes a screen reader or a tooltip shows."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        self.texts += [value.strip() for key, value in attrs if key in ("title", "placeholder", "aria-label") and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts += [line.strip() for line in data.splitlines() if line.strip()]


def pages(corpus) -> list[str]:
    call, plain, finding = corpus.audio_call, corpus.plain_call, corpus.findings["casualty"]
    return ["/calls", f"/calls/{call}", f"/calls/{plain}", "/queue", "/queue?status=any", "/search",
            "/search?q=двухсотых", "/search/batch", "/trends", "/trends?side=all", "/timeline", "/register",
            "/users", "/people", "/network", "/map", "/quotes", f"/calls/{call}/versions", "/language",
            "/no/such/page", f"/calls/{call}/parts/nothing", "/calls?date_from=yesterday",
            "/calls?starred=1&tag=срочно", "/queue?status=any&starred=1", "/quotes?starred=1",
            f"/parts/marks/call/{plain}", f"/parts/marks/finding/{finding}", f"/parts/marks/finding/{finding}?inline=1",
            "/parts/marks/quote/1"]


def with_marks(corpus, client, csrf) -> None:
    """Tags, notes (one, and two for the plural) and stars on a call, a finding and a quote, and the
    logged-in user's own stars, so that every marks string is on the pages."""
    store, call, plain, finding = corpus.store, corpus.audio_call, corpus.plain_call, corpus.findings["casualty"]
    quote = make_quote(store, call, {"start": 0, "end": 14}, "editor")
    for kind, oid in (("call", call), ("finding", finding), ("quote", quote.id)):
        marks.tag(store, kind, oid, {"tag": "срочно"}, "editor", Role.EDITOR)
        marks.add_note(store, kind, oid, {"body": "проверить"}, "editor", Role.EDITOR)
    marks.add_note(store, "call", call, {"body": "ещё раз"}, "editor", Role.EDITOR)
    marks.star(store, "call", plain, {"starred": True}, "editor", Role.EDITOR)  # someone else's star
    for path in (f"/api/calls/{call}/star", f"/api/findings/{finding}/star"):
        assert client.post(path, json={"starred": True}, headers=csrf).status_code == 200


def english_sentences(language: str) -> set[str]:
    """The catalogue's English msgids that read differently in ``language`` (placeholders cut out)."""
    found = set()
    for message in catalogue(language):
        originals = [message.id] if isinstance(message.id, str) else list(message.id)
        forms = [message.string] if isinstance(message.string, str) else list(message.string)
        for text in originals:
            if text and text not in forms:
                text = re.sub(r"<(kbd|code)>[^<]*</\1>", "\n", text)  # keys and commands are the same everywhere
                for piece in PLACEHOLDER.split(re.sub(r"<[^>]+>", "\n", text)):
                    for line in piece.splitlines():
                        if len(re.findall(r"[A-Za-z]{2,}", line)) >= 1 and len(line.strip()) >= 4:
                            found.add(line.strip())
    return found


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("role", ["admin", "viewer"])
def test_every_page_shows_no_english_interface_text_in_russian_and_ukrainian(corpus, language, role):
    client, csrf = login(corpus, role)
    client.post("/api/language", json={"language": language}, headers=csrf)
    with_marks(corpus, client, csrf)
    english = english_sentences(language)
    left = {}
    for path in pages(corpus) + ["/login"]:
        response = client.get(path)
        parser = Texts()
        parser.feed(response.text)
        untranslated = sorted({text for text in parser.texts if text in english} - set(web_corpus.ROLES))  # names
        if untranslated:
            left[path] = untranslated
    anonymous = TestClient(create_app(corpus.workspace), headers={"Accept-Language": language})
    parser = Texts()
    parser.feed(anonymous.get("/login").text)
    assert [text for text in parser.texts if text in english] == []
    assert left == {}


@pytest.mark.parametrize(("language", "words"), [
    ("ru", ["2 заметки", "1 заметка", "Со звёздочкой", "#срочно", "Метки и заметки", "Меток нет."]),
    ("uk", ["2 нотатки", "1 нотатка", "Із зіркою", "#срочно", "Мітки й нотатки", "Міток немає."]),
])
def test_tags_notes_and_stars_speak_the_language_with_plural_forms(corpus, language, words):
    client, csrf = login(corpus, "admin")
    client.post("/api/language", json={"language": language}, headers=csrf)
    with_marks(corpus, client, csrf)
    call, plain = corpus.audio_call, corpus.plain_call
    shown = client.get("/calls").text + client.get(f"/calls/{call}").text + client.get(f"/calls/{plain}").text
    assert [w for w in words if w not in shown] == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_scripts_get_their_sentences_translated(corpus, language):
    client, csrf = login(corpus, "analyst")
    client.post("/api/language", json={"language": language}, headers=csrf)
    page = client.get(f"/calls/{corpus.audio_call}").text
    assert 'id="ui-words"' in page and 'id="error-words"' in page
    handed = re.search(r'<script type="application/json" id="ui-words">(.*?)</script>', page).group(1)
    assert {"ru": "Оставить их", "uk": "Залишити їхнє"}[language] in handed.encode().decode("unicode_escape") \
        or {"ru": "Оставить их", "uk": "Залишити їхнє"}[language] in handed


def test_transcripts_are_never_translated_and_viewers_are_masked_alike_in_every_language(corpus):
    shown = {}
    for language in ("en", "ru", "uk"):
        client, csrf = login(corpus, "viewer")
        client.post("/api/language", json={"language": language}, headers=csrf)
        detail = client.get(f"/api/calls/{corpus.audio_call}").json()
        shown[language] = [segment["text"] for segment in detail["transcript"]["segments"]]
        page = client.get(f"/calls/{corpus.audio_call}").text
        assert "Серёг" not in page and "Серег" not in page  # the fictional name stays masked
    assert shown["en"] == shown["ru"] == shown["uk"] and any("█" in text for text in shown["en"])


def test_error_pages_and_messages_speak_the_language(corpus):
    client, csrf = login(corpus, "analyst", accept_language="ru")
    missing = client.get("/no/such/page")
    assert missing.status_code == 404 and "По этому адресу нет страницы." in missing.text
    assert "Не найдено" in missing.text
    bad = client.get(f"/calls/{corpus.audio_call}?error=E018")
    assert "Кто-то другой изменил это, пока вы смотрели." in bad.text and "(E018)" in bad.text
    anonymous = TestClient(create_app(corpus.workspace), headers={"Accept-Language": "uk"})
    token = anonymous.get("/login")
    assert "Увійти" in token.text


# ---- sentences made below the web layer ---------------------------------------------------------------
def test_the_notes_the_pages_translate_are_those_the_exports_and_the_cli_write():
    from overheard.register import exports
    from overheard.report import trends

    assert words.REGISTER_SIDE_NOTE % {"side": "own"} == exports.SIDE_NOTE.format(side="own")
    assert words.RANGE_NOTE == exports.RANGE_NOTE
    assert words.TRENDS_SIDE_NOTE % {"side": "all"} == trends.SIDE_NOTE.format(side="all")


class Titles(HTMLParser):
    """The SVG ``<title>`` tooltips of a page (the map's regions and places, the network's edges)."""

    def __init__(self) -> None:
        super().__init__()
        self.titles: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        self._inside = tag == "title" and self.getpos() != (1, 0)

    def handle_endtag(self, tag):
        self._inside = False

    def handle_data(self, data):
        if self._inside and data.strip():
            self.titles.append(data.strip())


# English these pages showed before they spoke the interface language (notes, plot words, tooltips, custody)
ENGLISH_LEFT = re.compile(
    r"Counted side:|Casualties counted:|People and incidents are ranges|Incidents are the register's|"
    r"call\(s\)|mention\(s\)|casualty mention|\bcalls?\b|said together|Places named in calls|"
    r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b|\bundated\b|category \w+|"
    r"\b(call|finding|tag|note|transcript)\.[a-z_]+\b|role may not|\(killed\)|/ 200s")


@pytest.mark.parametrize("language", TRANSLATED)
def test_notes_periods_tooltips_custody_and_expansions_speak_the_language(corpus, language):
    client, csrf = login(corpus, "admin")
    client.post("/api/language", json={"language": language}, headers=csrf)
    with_marks(corpus, client, csrf)
    left = {}
    for path in ("/trends", "/trends?side=all&by=month", "/trends?by=day", "/register", "/register?side=all",
                 "/timeline", "/map", "/network", f"/calls/{corpus.audio_call}", f"/calls/{corpus.plain_call}",
                 f"/calls/{corpus.audio_call}/parts/custody", "/search?q=killed", "/search?q=200"):
        page = client.get(path)
        assert page.status_code == 200, path
        texts, titles = Texts(), Titles()
        texts.feed(page.text)
        titles.feed(page.text)
        shown = [t for t in texts.texts + titles.titles if ENGLISH_LEFT.search(t)]
        if shown:
            left[path] = shown
    assert left == {}
    note = {"ru": "Учитываемая сторона: свои.", "uk": "Врахована сторона: свої."}[language]
    assert note in client.get("/register").text
    custody = client.get(f"/calls/{corpus.audio_call}/parts/custody").text
    assert {"ru": "звонок создан", "uk": "дзвінок створено"}[language] in custody
    assert 'data-action="call.create"' in custody  # the code stays in the markup for scripts and tests
    expanded = client.get("/search?q=killed").text
    assert {"ru": "категория: ", "uk": "категорія: "}[language] in expanded


def test_english_pages_and_the_exports_keep_their_english(corpus):
    client, csrf = login(corpus, "admin", accept_language="en")
    register = client.get("/api/register").json()
    assert register["notes"][0].startswith("Counted side: own.") and "ranges" in register["notes"][1]
    assert client.get("/api/trends").json()["side_note"].startswith("Casualties counted: own.")
    assert client.get("/api/timeline").json()["note"].startswith("Incidents are the register's")
    assert "Counted side: own." in client.get("/register").text
    assert "call created" in client.get(f"/calls/{corpus.audio_call}/parts/custody").text
    found = client.get("/api/search", params={"q": "killed"}).json()["expanded"]
    assert "category killed" in found[0]["to"] and {"category": "killed"} in found[0]["why"]
    for language in ("ru", "uk"):
        client.post("/api/language", json={"language": language}, headers=csrf)
        assert client.get("/api/register").json()["notes"] == register["notes"]  # JSON stays English


@pytest.mark.parametrize(("language", "words"), [
    ("ru", ["Нет доступа", "Роли «читатель» это не разрешено"]),
    ("uk", ["Немає доступу", "Ролі «читач» це не дозволено"]),
])
def test_a_role_refusal_is_said_in_the_language_and_stays_english_in_json(corpus, language, words):
    client, csrf = login(corpus, "viewer")
    client.post("/api/language", json={"language": language}, headers=csrf)
    page = client.get("/search/batch")
    assert page.status_code == 403 and [w for w in words if w not in page.text] == []
    assert "may not do this" not in page.text
    assert client.get("/api/quotes").json()["error"] == "the viewer role may not do this (needs analyst)"
