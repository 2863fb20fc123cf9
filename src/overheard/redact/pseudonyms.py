"""Keyed-hash pseudonyms: the same person gets the same replacement wherever they appear.

A replacement is chosen by HMAC-SHA256 of the entity's key under the workspace secret,
so it cannot be reversed without the secret and is stable across calls and runs.
First names keep the gender of the original and are inflected into its grammatical
case with pymorphy3 ("передай Серёге" → "передай Ивану").
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from overheard.names import name_lexicon
from overheard.text import fold, morph

SECRET_FILE = "pseudonym.key"
CALLSIGN_POOL = (
    "Берег Клён Ясень Вереск Полоз Сыч Бобр Утёс Причал Маяк Компас Агат Топаз Кварц Базальт Янтарь Пихта "
    "Сосна Ольха Осока Ракита Калина Рябина Ковыль Чабрец Ручей Овраг Пригорок Плёс Кремень"
).split()
PATRONYMICS = (
    ("Иванович", "Ивановна"), ("Петрович", "Петровна"), ("Николаевич", "Николаевна"),
    ("Фёдорович", "Фёдоровна"), ("Степанович", "Степановна"), ("Борисович", "Борисовна"),
    ("Семёнович", "Семёновна"), ("Григорьевич", "Григорьевна"), ("Яковлевич", "Яковлевна"),
    ("Захарович", "Захаровна"), ("Матвеевич", "Матвеевна"), ("Тимофеевич", "Тимофеевна"),
)


def load_or_create_secret(directory: Path, name: str = SECRET_FILE) -> bytes:
    """The workspace's pseudonym key: read it, or create it (mode 0600) on first use."""
    path = Path(directory) / name
    if path.exists():
        return path.read_bytes()
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key


@lru_cache(maxsize=1)
def _families() -> dict[str, frozenset[str]]:
    """Folded canonical first name -> every folded name of its family (see :func:`related_names`)."""
    variants = {key: {fold(v) for v in values} | {key} for key, values in name_lexicon().variants.items()}
    by_variant: dict[str, set[str]] = {}
    for key, forms in variants.items():
        for form in forms:
            by_variant.setdefault(form, set()).add(key)
    return {key: frozenset(set().union(*(variants[other] for form in forms for other in by_variant[form])))
            for key, forms in variants.items()}


def related_names(canonical: str) -> frozenset[str]:
    """A first name, its variants, and every name sharing a variant with it (Петро, Пётр, Петя...), folded:
    none of them may be the pseudonym of someone called by one of them."""
    key = fold(canonical)
    return _families().get(key, frozenset({key}))


def keyed_index(secret: bytes, namespace: str, key: str, size: int) -> int:
    """A stable index in ``range(size)`` for ``key`` under ``secret``."""
    digest = hmac.new(secret, f"{namespace}\x1f{fold(key)}".encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") % size


def _pick(secret: bytes, namespace: str, key: str, pool: list[str], avoid: set[str]) -> str:
    start = keyed_index(secret, namespace, key, len(pool))
    for step in range(len(pool)):
        candidate = pool[(start + step) % len(pool)]
        if fold(candidate) not in avoid:
            return candidate
    return pool[start]


def _inflect(word: str, case: str | None, gender: str | None, lang: str, tag: str) -> str:
    if not case or case == "nomn":
        return word
    if case == "voct" and lang != "uk":
        case = "nomn"
    for parse in morph(lang).parse(word.lower()):
        if tag in str(parse.tag):
            wanted = {case}
            if gender == "f" and tag == "Surn":
                wanted.add("femn")
            form = parse.inflect(wanted)
            if form:
                return form.word[:1].upper() + form.word[1:]
            break
    return word


def inflect_name(name: str, case: str | None, gender: str | None, lang: str) -> str:
    """A first name put into a grammatical case ("Иван", "datv" → "Ивану")."""
    return _inflect(name, case, gender, lang, "Name")


def first_name_pseudonym(secret: bytes, canonical: str, gender: str, case: str | None, lang: str,
                         avoid: Iterable[str] = ()) -> str:
    """Replacement first name for the person whose full first name is ``canonical``."""
    pools = name_lexicon().pseudonyms
    pool = list(pools["uk" if lang == "uk" else "ru"]["f" if gender == "f" else "m"])
    name = _pick(secret, "PER:first", canonical, pool, {fold(a) for a in avoid})
    return _inflect(name, case, gender, lang, "Name")


def surname_pseudonym(secret: bytes, surname: str, gender: str | None, case: str | None,
                      avoid: Iterable[str] = ()) -> str:
    """Replacement surname, in the original's gender and case."""
    pool = list(name_lexicon().pseudonyms["surnames"])
    base = _pick(secret, "PER:surname", surname, pool, {fold(a) for a in avoid})
    if gender == "f" and (not case or case in ("nomn", "voct")):
        return base + "а"
    return _inflect(base, case, gender, "ru", "Surn")


def patronymic_pseudonym(secret: bytes, patronymic: str, gender: str | None, case: str | None,
                         avoid: Iterable[str] = ()) -> str:
    """Replacement patronymic, in the original's gender and case (never one of ``avoid``)."""
    taken = {fold(a)[:5] for a in avoid if a}
    start = keyed_index(secret, "PER:patronymic", patronymic, len(PATRONYMICS))
    pair = PATRONYMICS[start]
    for step in range(len(PATRONYMICS)):
        pair = PATRONYMICS[(start + step) % len(PATRONYMICS)]
        if fold(pair[0])[:5] not in taken:
            break
    word = pair[1] if gender == "f" else pair[0]
    return _inflect(word, case, gender, "ru", "Patr")


def callsign_pseudonym(secret: bytes, callsign: str, avoid: Iterable[str] = (), original: str = "") -> str:
    """Replacement call sign (a neutral noun) in the grammatical case of ``original``."""
    word = _pick(secret, "CALLSIGN", callsign, list(CALLSIGN_POOL), {fold(a) for a in avoid})
    if not original:
        return word
    case = morph("ru").parse(original.lower())[0].tag.case
    if case and case != "nomn":
        form = morph("ru").parse(word.lower())[0].inflect({case})
        if form:
            return form.word[:1].upper() + form.word[1:]
    return word
