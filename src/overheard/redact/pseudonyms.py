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
from collections.abc import Container, Iterable
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


# ---- one pseudonym per person in a workspace --------------------------------------------------
PROBES = 16  # keyed tries per tier before a longer form is used
NAMELESS = {"ru": "Лицо", "uk": "Особа"}


def _probe(secret: bytes, key: str, tier: str, step: int, size: int) -> int:
    """The ``step``-th keyed index into a pool of ``size`` for the person ``key`` (open addressing)."""
    digest = hmac.new(secret, f"PER:unique:{tier}:{step}\x1f{key}".encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") % size  # the key is a grouping key, already folded


def _surname(base: str, gender: str | None) -> str:
    return base + "а" if gender == "f" else base


@lru_cache(maxsize=8)
def _folded_pool(language: str, gender: str) -> tuple[tuple[str, str], ...]:
    pools = name_lexicon().pseudonyms
    return tuple((n, fold(n)) for n in pools["uk" if language == "uk" else "ru"]["f" if gender == "f" else "m"])


@lru_cache(maxsize=2)
def _folded_surnames(gender: str) -> tuple[tuple[str, str], ...]:
    return tuple((_surname(n, gender), fold(_surname(n, gender))) for n in name_lexicon().pseudonyms["surnames"])


def person_pseudonym(secret: bytes, key: str, *, first: str | None, surname: str | None, gender: str | None,
                     language: str, taken: Container[str], avoid: Container[str] = frozenset()) -> str:
    """A pseudonym for the person ``key`` that no other person in the workspace has (``taken``, folded).

    The first name never is one of ``avoid`` (folded: real first names of the workspace, the other
    pseudonyms' first names in the same calls) while the pool has another. Short forms first: a first
    name alone for a person known by a first name (chosen as :func:`first_name_pseudonym` would, then
    along the pool), a first name and a surname for a full name; when those are taken, a first name and
    a surname, then with a patronymic, then a number. Deterministic for the same secret, key and taken set.
    """
    gender = "f" if gender == "f" else "m"
    pool = [p for p in _folded_pool(language, gender) if p[1] not in avoid] or list(_folded_pool(language, gender))
    surnames = _folded_surnames(gender)

    def pick(pairs, index):
        return pairs[index % len(pairs)]

    if first and not surname:
        start = keyed_index(secret, "PER:first", first, len(pool))
        for step in range(len(pool)):
            name, folded = pick(pool, start + step)
            if folded not in taken:
                return name
    if surname and not first:
        start = keyed_index(secret, "PER:surname", surname, len(surnames))
        for step in range(len(surnames)):
            name, folded = pick(surnames, start + step)
            if folded not in taken:
                return name
    if not first and not surname:
        word = NAMELESS["uk" if language == "uk" else "ru"]
        number = 1
        while fold(f"{word} {number}") in taken:
            number += 1
        return f"{word} {number}"
    tries = []
    if first and surname:
        tries.append((pick(pool, keyed_index(secret, "PER:first", first, len(pool))),
                      pick(surnames, keyed_index(secret, "PER:surname", surname, len(surnames)))))
    tries += [(pick(pool, _probe(secret, key, "first", step, len(pool))),
               pick(surnames, _probe(secret, key, "surname", step, len(surnames)))) for step in range(PROBES)]
    for (name, fname), (sur, fsur) in tries:
        if f"{fname} {fsur}" not in taken:
            return f"{name} {sur}"
    for step in range(PROBES):
        pair = PATRONYMICS[_probe(secret, key, "patronymic", step, len(PATRONYMICS))]
        patronymic = pair[1] if gender == "f" else pair[0]
        (name, fname) = pick(pool, _probe(secret, key, "first2", step, len(pool)))
        (sur, fsur) = pick(surnames, _probe(secret, key, "surname2", step, len(surnames)))
        if f"{fname} {fold(patronymic)} {fsur}" not in taken:
            return f"{name} {patronymic} {sur}"
    (name, fname) = pick(pool, _probe(secret, key, "first3", 0, len(pool)))
    (sur, fsur) = pick(surnames, _probe(secret, key, "surname3", 0, len(surnames)))
    number = 2
    while f"{fname} {fsur} {number}" in taken:
        number += 1
    return f"{name} {sur} {number}"
