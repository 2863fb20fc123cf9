"""Ambiguous place names decided by the call: its metadata oblast and the other places it names.

"Александровка", "Михайловка", "Каменка" name dozens of villages. A candidate in the call's oblast wins
(the gazetteer's lookup already ranks it first); otherwise the candidate nearest to a place the call names
without doubt ("в Каменке под Авдеевкой"); when nothing decides, the mention keeps every candidate and is
flagged ``ambiguous`` (ANNOTATION.md, Places; issue 17).
"""

from __future__ import annotations

import math
from dataclasses import replace

from overheard.annotate.rules.places import COUNTRIES, KATOTTG_IDS, Place, PlaceMatch
from overheard.text import fold

NEAR_KM = 150  # "под", "возле", "за": a place named beside another is within a day's drive of it


def _km(a: Place, b: Place) -> float:
    """Great-circle distance in kilometres."""
    if None in (a.lat, a.lon, b.lat, b.lon):
        return math.inf
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _ambiguous(match: PlaceMatch) -> bool:
    """Two or more home settlements of one name, none ten times larger than the next."""
    home = [p for p, _ in match.candidates if p.country in COUNTRIES and p.geonameid > 0]
    if home and home[0].geonameid < KATOTTG_IDS:
        home = [p for p in home if p.geonameid < KATOTTG_IDS]  # the codifier's villages only where GeoNames has none
    if len(home) < 2 or match.candidates[0][0].geonameid < 0:
        return False
    first, second = home[0].population, home[1].population
    return second * 10 >= first


def resolve_in_context(matches: list[PlaceMatch], region: str | None) -> list[PlaceMatch]:
    """``matches`` with each ambiguous one decided by the call's oblast or the nearest unambiguous place in
    the call, or flagged ambiguous with every candidate kept."""
    anchors = [m.candidates[0][0] for m in matches if not _ambiguous(m) and m.candidates[0][0].lat is not None
               and m.candidates[0][0].country in COUNTRIES
               and m.candidates[0][0].geonameid < KATOTTG_IDS]  # a codifier village is placed, never places
    prior = fold(region) if region else None
    out = []
    for match in matches:
        if not _ambiguous(match):
            out.append(match)
            continue
        best = match.candidates[0][0]
        if prior and best.oblast and fold(best.oblast) in prior:
            out.append(replace(match, reason=f"{match.reason}; the call's oblast ({best.oblast})"))
            continue
        # two villages named side by side decide each other
        others = [a for a in anchors if a.geonameid != best.geonameid] or [
            p for m in matches if m is not match and _ambiguous(m) for p, _ in m.candidates]
        # a village only the codifier KATOTTG knows is placed near a Ukrainian place of the call, not near a
        # Russian one ("Ясная Поляна" beside Таганрог is Tolstoy's estate, not a Kherson village)
        scored = sorted(((min([(_km(p, a), a.name) for a in others if p.geonameid < KATOTTG_IDS
                               or a.country == "UA" and a.geonameid > 0], default=(math.inf, "")), i)
                         for i, (p, _) in enumerate(match.candidates) if p.country in COUNTRIES),
                        key=lambda x: x[0][0]) if others else []
        if scored and scored[0][0][0] <= NEAR_KM:
            (distance, anchor), index = scored[0]
            ranked = (match.candidates[index], *(c for i, c in enumerate(match.candidates) if i != index))
            out.append(replace(match, candidates=ranked,
                               reason=f"{match.reason}; nearest to {anchor} ({distance:.0f} km) named in the call"))
            continue
        out.append(replace(match, ambiguous=True,
                           reason=f"{match.reason}; ambiguous: {len(match.candidates)} places of this name, "
                                  "nothing in the call decides"))
    return out
