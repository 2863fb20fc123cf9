"""A call's region: the oblast its metadata names, as the gazetteer reads it, for every count and filter by oblast.

Metadata oblasts are typed by people ("Донецкая", "Донецька обл.", "Donetsk"); the map, the trends, the calls
list, the review queue and search all mean by "the call's region" the short English name those spellings
normalise to ("Donetsk"), and a filter by an oblast also takes in a city that is a region of its own inside it
(``model.DRAWN_WITHIN``: Kyiv City in Kyiv). A spelling the gazetteer cannot read stays as given, so it still
filters (and shows) as typed.

The store keeps the raw spellings (a metadata edit changes nothing else, and a better gazetteer regroups old calls
without a migration); :func:`narrowed` turns a filter's region into the stored spellings that are that region.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TypeVar

from overheard.annotate.rules.places import find_places
from overheard.model import DRAWN_WITHIN, CallFilters, QueueFilters

_CYRILLIC = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ]")
_REGION_WORD = re.compile(r"\b(обл|область|край|республика)\b", re.IGNORECASE)

Filters = TypeVar("Filters", CallFilters, QueueFilters)


@lru_cache(maxsize=4096)
def normalise_oblast(name: str) -> str:
    """A region name as the places annotator writes it: "Запорожская" or "Донецкая обл." → the short English name.

    Names already in English, and names the gazetteer cannot read, are returned as given (stripped).
    """
    text = name.strip()
    if not _CYRILLIC.search(text):
        return text
    phrase = text if _REGION_WORD.search(text) else f"{text} область"
    for match in find_places(phrase):
        # the whole phrase must be the region ("Бахмут" is a town in Donetsk, not a name of the oblast)
        if (match.start, match.end) == (0, len(phrase)) and match.candidates and match.candidates[0][0].oblast:
            return match.candidates[0][0].oblast
    return text


def regions_asked(name: str) -> frozenset[str]:
    """The regions a filter by ``name`` takes in: the region it normalises to and the city-regions drawn within it."""
    region = normalise_oblast(name)
    return frozenset((region, *DRAWN_WITHIN.get(region, ())))


def spellings_of(name: str, stored: Iterable[str]) -> tuple[str, ...]:
    """The stored metadata oblast strings that are the region ``name`` asks for, and ``name`` itself as typed."""
    wanted = regions_asked(name)
    return tuple(sorted({name, *(value for value in stored if normalise_oblast(value) in wanted)}))


def region_names(stored: Iterable[str]) -> tuple[str, ...]:
    """The regions of these stored spellings, one name each, sorted (what an oblast filter offers)."""
    return tuple(sorted({normalise_oblast(value) for value in stored if value and value.strip()}))


def as_listed(counts: Mapping[str, int]) -> dict[str, int]:
    """Counts by region as a filter by each region lists them: a region's own plus those of the city-regions within
    it (``{"Kyiv": 1, "Kyiv City": 2}`` → Kyiv 3, Kyiv City 2); an oblast with only its city counted is listed too."""
    names = set(counts) | {outer for outer, inner in DRAWN_WITHIN.items() if any(city in counts for city in inner)}
    return {name: sum(counts.get(region, 0) for region in regions_asked(name)) for name in sorted(names)}


def narrowed(filters: Filters, stored: Iterable[str]) -> Filters:
    """``filters`` asking for the region of their ``oblast`` (its name, as the filter values offer it), with
    ``oblast_spellings`` filled from the stored spellings (``Store.oblast_spellings``)."""
    if not filters.oblast or not filters.oblast.strip():
        return filters
    return dataclasses.replace(filters, oblast=normalise_oblast(filters.oblast),
                               oblast_spellings=spellings_of(filters.oblast, stored))
