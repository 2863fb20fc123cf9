"""Ambiguous place names decided by the call: its metadata oblast and the other places it names.

"Александровка", "Михайловка", "Каменка" name dozens of villages. A candidate in the call's oblast wins
(the gazetteer's lookup already ranks it first); otherwise the candidate nearest to a place the call names
without doubt ("в Каменке под Авдеевкой"); when nothing decides, the mention keeps every candidate and is
flagged ``ambiguous`` (ANNOTATION.md, Places; issue 17).
"""

from __future__ import annotations

import math
from dataclasses import replace
from functools import lru_cache

from overheard.annotate.rules.places import COUNTRIES, KATOTTG_IDS, Place, PlaceMatch, frontline_oblasts, place_data
from overheard.text import fold

NEAR_KM = 150  # "под", "возле", "за": a place named beside another is within a day's drive of it
BESIDE_KM = 40  # "в Каменке под Авдеевкой": a village right beside a place of the call
TOWN = 30_000  # a place this large off the front keeps its name against a frontline village's


def _km(a: Place, b: Place) -> float:
    """Great-circle distance in kilometres."""
    if None in (a.lat, a.lon, b.lat, b.lon):
        return math.inf
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _anchor_km(place: Place, anchor: Place) -> float:
    """Distance from a candidate to a place of the call; a candidate without coordinates (a supplementary village)
    counts as just over BESIDE_KM from a place of its own oblast: it beats a same-name village farther off in
    another oblast, not a town near the place."""
    if place.lat is None and place.oblast and place.oblast == anchor.oblast:
        return BESIDE_KM + 1  # beside, but a town of the call's region keeps its name against it
    return _km(place, anchor)


def _ambiguous(match: PlaceMatch) -> bool:
    """Two or more home settlements of one name, none ten times larger than the next."""
    home = [p for p, _ in match.candidates if p.country in COUNTRIES and p.geonameid > 0]
    if home and home[0].geonameid < KATOTTG_IDS:
        home = [p for p in home if p.geonameid < KATOTTG_IDS]  # the codifier's villages only where GeoNames has none
    if len(home) < 2 or match.candidates[0][0].geonameid < 0:
        return False
    first, second = home[0].population, home[1].population
    return second * 10 >= first


def _frontline_rival(match: PlaceMatch) -> bool:
    """A village off the front (farther than FRONT_KM from the line of contact, or outside the frontline oblasts
    when its place is unknown; under a town's size) shares its name with one in a frontline oblast (in Russia: one
    near the line itself)."""
    best = match.candidates[0][0]
    front = frontline_oblasts()
    distance = _front_km(best)
    off_front = distance > FRONT_KM if distance < math.inf else best.oblast not in front
    return best.geonameid > 0 and best.country in COUNTRIES and off_front and best.population < TOWN \
        and any(p.oblast in front and (p.country == "UA" or _front_km(p) <= FRONT_KM) for p, _ in match.candidates[1:])


FRONT_KM = 60  # a village this near the line of contact is "on the front"


@lru_cache(maxsize=1)
def _front_points() -> tuple[Place, ...]:
    """The line of contact (``place_aliases.yaml``, ``front_line``) as points about 5 km apart."""
    line = place_data().get("front_line", [])
    points = []
    for (la1, lo1), (la2, lo2) in zip(line, line[1:], strict=False):
        steps = max(1, int(_km(Place(0, "", la1, lo1, "", None, 0), Place(0, "", la2, lo2, "", None, 0)) // 5))
        points += [Place(0, "", la1 + (la2 - la1) * k / steps, lo1 + (lo2 - lo1) * k / steps, "UA", None, 0)
                   for k in range(steps)]
    return tuple(points)


@lru_cache(maxsize=50_000)
def _front_km(place: Place) -> float:
    """Distance from ``place`` to the line of contact (infinite without coordinates)."""
    return min((_km(place, p) for p in _front_points()), default=math.inf)


def _front_first(match: PlaceMatch) -> tuple[tuple[Place, str], ...] | None:
    """The candidates with the one nearest the line of contact first (in 15-km bands; then a GeoNames village before
    a codifier one, the hotter oblast, the larger place), or None when the first is a town or on the front itself
    (within 30 km of the line; within 60 km unless another lies within 15 km of it), or no candidate is."""
    front = frontline_oblasts()
    best = match.candidates[0][0]
    if match.home:
        return None  # "з нашої Петропавлівки": a home village is anywhere
    if best.population >= TOWN:
        return None  # "в Кирове" is Kirov, not the Donetsk village that was Кірове
    if _front_km(best) <= FRONT_KM / 2 or _front_km(best) == math.inf and best.oblast in front:
        return None  # the first is on the front itself
    on_front = []
    for i, (p, _) in enumerate(match.candidates):
        if p.country not in COUNTRIES or p.geonameid <= 0:
            continue
        distance = _front_km(p)
        # a Ukrainian codifier village without coordinates counts as on the front in a frontline oblast; a Russian
        # border village without them does not (most of Kursk and Belgorod oblasts lie far from the fighting)
        if distance > FRONT_KM and not (distance == math.inf and p.oblast in front and p.country == "UA"):
            continue
        # within a band, a GeoNames village (its own coordinates) before a codifier one (its hromada's centre)
        on_front.append((int(min(distance, FRONT_KM) // 15), p.geonameid >= KATOTTG_IDS,
                         front.get(p.oblast, len(front)), -p.population, i))
    if not on_front:
        return None
    band, *_, index = min(on_front)
    if index == 0 or _front_km(best) <= FRONT_KM and band > 0:
        return None  # a first 30-60 km from the line yields only to a village right on it
    return (match.candidates[index], *(c for i, c in enumerate(match.candidates) if i != index))


def resolve_in_context(matches: list[PlaceMatch], region: str | None) -> list[PlaceMatch]:
    """``matches`` with each ambiguous one decided by the call's oblast or the nearest unambiguous place in
    the call, or flagged ambiguous with every candidate kept."""
    anchored = [m for m in matches if not _ambiguous(m) and not _frontline_rival(m)
                and m.candidates[0][0].lat is not None
                and m.candidates[0][0].country in COUNTRIES
                and m.candidates[0][0].geonameid < KATOTTG_IDS]  # a codifier village is placed, never places
    anchors = [m.candidates[0][0] for m in anchored]
    # where someone comes from, far behind the line ("Вітьок з Житомира"), says nothing of where the fighting is:
    # it does not pull a village away from a namesake on the front
    rear_origins = {id(m.candidates[0][0]) for m in anchored
                    if m.origin and _front_km(m.candidates[0][0]) > 2 * FRONT_KM}
    prior = fold(region) if region else None
    out = []
    for match in matches:
        if not _ambiguous(match) and not _frontline_rival(match):
            out.append(match)
            continue
        best = match.candidates[0][0]
        if prior and best.oblast and fold(best.oblast) in prior:
            out.append(replace(match, reason=f"{match.reason}; the call's oblast ({best.oblast})"))
            continue
        # two villages named side by side decide each other
        # (not two mentions of one name: "в Кирове ... в Киров" are not two villages that decide each other)
        ids = {p.geonameid for p, _ in match.candidates}
        on_front = any(_front_km(p) <= FRONT_KM for p, _ in match.candidates if p.country in COUNTRIES)
        others = [a for a in anchors if a.geonameid != best.geonameid
                  and not (on_front and id(a) in rear_origins)] or [
            p for m in matches if m is not match and (_ambiguous(m) or _frontline_rival(m))
            and m.candidates[0][0].geonameid not in ids for p, _ in m.candidates]
        # a village only the codifier KATOTTG knows is placed near a Ukrainian place of the call, not near a
        # Russian one ("Ясная Поляна" beside Таганрог is Tolstoy's estate, not a Kherson village)
        # (a Russian border village is placed near a Russian place, or a region, of the call; a village without
        # coordinates lies "beside" a place of its own oblast)
        scored = sorted(((min([(_anchor_km(p, a), a.name) for a in others if p.geonameid < KATOTTG_IDS
                               or a.country == p.country and (a.geonameid > 0 or p.country == "RU")],
                              default=(math.inf, "")), i)
                         for i, (p, _) in enumerate(match.candidates) if p.country in COUNTRIES),
                        key=lambda x: x[0][0]) if others else []
        if scored and best.population >= TOWN:
            # a town keeps its name when it lies near a place of the call itself, and yields only to a village
            # right beside one ("Костянтинівка" with Авдіївка and Кременчук named is the Donetsk town, not the
            # village by Kremenchuk; "в Кирове" is Kirov though a village once called Кирове lies 80 km away)
            near_best = next((d for (d, _), i in scored if i == 0), math.inf)
            scored = [x for x in scored if x[1] == 0] if near_best <= NEAR_KM else [
                x for x in scored if x[0][0] <= BESIDE_KM]
        if scored and scored[0][0][0] <= NEAR_KM:
            (distance, anchor), index = scored[0]
            ranked = (match.candidates[index], *(c for i, c in enumerate(match.candidates) if i != index))
            out.append(replace(match, candidates=ranked,
                               reason=f"{match.reason}; nearest to {anchor} ({distance:.0f} km) named in the call"))
            continue
        front = _front_first(match)
        if front is not None:  # the one on the front first, still flagged: a prior, not a proof
            out.append(replace(match, candidates=front, ambiguous=True,
                               reason=f"{match.reason}; ambiguous: {len(match.candidates)} places of this name, "
                                      f"the one on the front line ({front[0][0].oblast}) first"))
            continue
        out.append(replace(match, ambiguous=True,
                           reason=f"{match.reason}; ambiguous: {len(match.candidates)} places of this name, "
                                  "nothing in the call decides"))
    return out
