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

from overheard.annotate.rules.places import (
    COUNTRIES,
    FRONT_IDS,
    KATOTTG_IDS,
    Place,
    PlaceMatch,
    frontline_oblasts,
    place_data,
)
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
    """The first candidate lies off the front (farther than FRONT_KM from the line of contact, or outside the
    frontline oblasts when its place is unknown) and shares its name with a place on it: a village with one in a
    frontline oblast (in Russia: one near the line itself), a town with one on the line at most RIVAL_RATIO times
    smaller (:func:`_town_rivals`: Tomsk's Seversk and Donetsk's Siversk, Volgograd's Mikhaylovka and
    Zaporizhzhia's Mykhailivka; not Lviv and a Kherson village Львове)."""
    best = match.candidates[0][0]
    front = frontline_oblasts()
    distance = _front_km(best)
    off_front = distance > FRONT_KM if distance < math.inf else best.oblast not in front
    if best.geonameid <= 0 or best.country not in COUNTRIES or not off_front:
        return False
    if best.population >= TOWN:
        return bool(_town_rivals(match))
    return any(p.oblast in front and (p.country == "UA" or _front_km(p) <= FRONT_KM) for p, _ in match.candidates[1:])


FRONT_KM = 60  # a village this near the line of contact is "on the front"
RIVAL_RATIO = 100  # a town off the front more than this many times larger than a namesake on the front keeps its name
VILLAGE = 500  # the people of a codifier or border village (its population is unknown), for RIVAL_RATIO
CITY = 300_000  # a city this large keeps its name against every namesake on the front (Kirov, Mykolaiv, Luhansk)


def _on_front(place: Place) -> bool:
    """A home settlement within FRONT_KM of the line of contact (one without coordinates: a Ukrainian one in a
    frontline oblast)."""
    if place.country not in COUNTRIES or place.geonameid <= 0:
        return False
    distance = _front_km(place)
    if distance == math.inf:
        return place.country == "UA" and place.oblast in frontline_oblasts()
    return distance <= FRONT_KM


def _town_rivals(match: PlaceMatch) -> list[int]:
    """Indexes of the candidates on the front line, nearest the line first (in 15-km bands; then the larger), when
    one of them has at least 1/RIVAL_RATIO of the population of a first candidate of a town's size (a codifier or
    border village, whose population is unknown, counts as VILLAGE people); none otherwise."""
    best = match.candidates[0][0]
    if _front_km(best) <= FRONT_KM or best.population >= CITY:
        return []  # the town is on the front itself, or a city everyone means by its name ("під Миколаєвом")
    on_front = [i for i, (p, _) in enumerate(match.candidates[1:], 1) if _on_front(p)]
    if not any((match.candidates[i][0].population or VILLAGE) * RIVAL_RATIO >= best.population for i in on_front):
        return []
    return sorted(on_front, key=lambda i: (min(_front_km(match.candidates[i][0]), FRONT_KM) // 15,
                                           match.candidates[i][0].geonameid >= KATOTTG_IDS,
                                           -match.candidates[i][0].population))


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
    """Distance from ``place`` to the line of contact (infinite without coordinates); a village of
    ``front_villages.csv`` (the Kursk fighting of 2024-25: Любимовка, Олешня, Гончаровка) lies on it."""
    if place.geonameid >= FRONT_IDS:
        return 0.0
    return min((_km(place, p) for p in _front_points()), default=math.inf)


def _front_first(match: PlaceMatch) -> tuple[tuple[Place, str], ...] | None:
    """The candidates with the one nearest the line of contact first (in 15-km bands; then a GeoNames village before
    a codifier one, the hotter oblast, the larger place), or None when the first is a town or on the front itself
    (within 30 km of the line; within 60 km unless another lies within 15 km of it), or no candidate is."""
    front = frontline_oblasts()
    best = match.candidates[0][0]
    if match.home:
        return None  # "з нашої Петропавлівки", "у нас в Северске дома": a home is anywhere
    if best.population >= TOWN:
        # "в Кирове" is Kirov, not the Donetsk village that was Кірове; "позиції під Кам'янським", "штурмы под
        # Северском" tell of the fighting there: the namesake on the front first, still flagged
        # (a village of unknown population, only the codifier's, is no rival here: "под Валуйками" is the Belgorod town)
        rivals = [i for i in _town_rivals(match) if match.candidates[i][0].population] \
            if match.fighting and not match.origin else []
        if not rivals:
            return None
        return _put_first(match, rivals[0])
    fought = next((i for i, (p, _) in enumerate(match.candidates) if p.geonameid >= FRONT_IDS), None)
    if fought:  # a village known to have been fought over (``front_villages.csv``) before a namesake on the line
        return _put_first(match, fought)
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
    return _put_first(match, index)


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
    # a region the call names ("в Луганской области", "на Харківщині"), not as where someone comes from, is a prior
    # like the call's oblast
    named = {m.candidates[0][0].oblast for m in matches if m.candidates[0][0].geonameid < 0 and not m.origin
             and m.candidates[0][0].country in COUNTRIES and m.candidates[0][0].oblast}
    out: list[PlaceMatch | None] = []
    for match in matches:
        if _abroad(match):
            out.append(None)  # decided below, beside the home places as decided here
            continue
        if not _ambiguous(match) and not _frontline_rival(match):
            out.append(match)
            continue
        out.append(_by_oblast(match, prior, "the call's oblast") or _by_oblast(match, named, "a region the call names")
                   or _by_the_call(match, matches, anchors, rear_origins))
    # a city abroad is read beside the places of the call: the certain ones, and, where none is certain, the first
    # reading of every home place the call names ("под Шевченко ... под Покровском": Pokrovsk has namesakes, yet
    # its first reading is the Donetsk town, and the Donetsk village Шевченко lies beside it, not Aktau)
    home = anchors or [m.candidates[0][0] for m in out if m is not None and not _abroad(m)]
    abroad_elsewhere = sum(m.candidates[0][0].country not in COUNTRIES for m in matches) > 1  # countries too
    return _which_near([m if m is not None else _abroad_or_beside(match, home, abroad_elsewhere)
                        for m, match in zip(out, matches, strict=True)])


def _which_near(matches: list[PlaceMatch]) -> list[PlaceMatch]:
    """A place a relative clause puts beside the next place named (``PlaceMatch.which_near``: "на Макеевку, ту, что
    под Сватово", "под Михайловкой, ну которая возле Покровска") is its namesake nearest that place, within
    NEAR_KM, whatever the sizes (the speaker has said which one: not the Donetsk city Makiivka); the other mentions
    of that name in the call are read the same ("в ивановке ... ивановка которая под купянском")."""
    out = list(matches)
    for k, match in enumerate(matches[:-1]):
        anchor = out[k + 1].candidates[0][0]
        if not match.which_near or anchor.country not in COUNTRIES or anchor.lat is None:
            continue
        near = min(((_anchor_km(p, anchor), i) for i, (p, _) in enumerate(match.candidates)
                    if p.country in COUNTRIES and p.geonameid > 0), default=(math.inf, 0))
        if near[0] > NEAR_KM:
            continue
        chosen = match.candidates[near[1]][0]
        for j, other in enumerate(out):
            ids = [p.geonameid for p, _ in other.candidates]
            if j == k or (fold(other.text)[:4] == fold(match.text)[:4] and chosen.geonameid in ids):
                ranked = _put_first(other, ids.index(chosen.geonameid))
                out[j] = replace(other, candidates=ranked, ambiguous=False,
                                 reason=f"{other.reason}; which is by {anchor.name} ({near[0]:.0f} km), as said")
    return out


def _put_first(match: PlaceMatch, index: int) -> tuple[tuple[Place, str], ...]:
    """The candidates of ``match`` with the one at ``index`` first, the others in their order."""
    return (match.candidates[index], *(c for i, c in enumerate(match.candidates) if i != index))


def _abroad(match: PlaceMatch) -> bool:
    """Whether the first reading of ``match`` is a city abroad."""
    return match.candidates[0][0].country not in COUNTRIES and match.candidates[0][0].geonameid > 0


def _abroad_or_beside(match: PlaceMatch, anchors: list[Place], abroad_elsewhere: bool) -> PlaceMatch:
    """A city abroad keeps its name, unless a home namesake on the front lies right beside a place of the call ("в
    Нью-Йорке, посёлок так называется, под Торецком" is the Donetsk village; flagged, the city abroad kept), or
    fighting is told in its sentence and the call names no other place abroad (:func:`_abroad_or_fighting`)."""
    beside = [(_km(p, a), i, a.name) for i, (p, _) in enumerate(match.candidates) if _on_front(p)
              for a in anchors if a.country == p.country and _km(p, a) <= BESIDE_KM]
    if not beside:
        return match if abroad_elsewhere else _abroad_or_fighting(match)
    distance, index, anchor = min(beside)
    ranked = _put_first(match, index)
    return replace(match, candidates=ranked, ambiguous=True,
                   reason=f"{match.reason}; ambiguous: a place abroad of this name, the one nearest to {anchor} "
                          f"({distance:.0f} km) named in the call first")


def _abroad_or_fighting(match: PlaceMatch) -> PlaceMatch:
    """A city abroad keeps its name, unless a preposition of nearness puts someone by it, its sentence tells of
    fighting and a namesake lies on the front ("под Нью-Йорком штурмуем", "позиції біля Шевченка"): the front one
    first, flagged, the city abroad kept; not where the name is someone's home or where someone comes from."""
    if not (match.fighting and match.near) or match.home or match.origin:
        return match
    front = [i for i, (p, _) in enumerate(match.candidates) if _on_front(p)]
    if not front:
        return match
    index = min(front, key=lambda i: (_front_km(match.candidates[i][0]) // 15, -match.candidates[i][0].population))
    ranked = _put_first(match, index)
    return replace(match, candidates=ranked, ambiguous=True,
                   reason=f"{match.reason}; ambiguous: a place abroad of this name, fighting told in the sentence: "
                          f"the one on the front line ({ranked[0][0].oblast}) first")


def _by_oblast(match: PlaceMatch, oblasts: str | set[str] | None, why: str) -> PlaceMatch | None:
    """``match`` with its first candidate in one of ``oblasts`` (the call's oblast, folded, which may name it
    among other words; or the regions the call names) put first, whatever its size; None when none is there."""
    index = next((i for i, (p, _) in enumerate(match.candidates) if p.country in COUNTRIES and p.geonameid > 0
                  and p.oblast and (fold(p.oblast) in oblasts if isinstance(oblasts, str) else p.oblast in oblasts)),
                 None) if oblasts else None
    if index is None:
        return None
    ranked = _put_first(match, index)
    return replace(match, candidates=ranked, reason=f"{match.reason}; {why} ({ranked[0][0].oblast})")


def _by_the_call(match: PlaceMatch, matches: list[PlaceMatch], anchors: list[Place], rear_origins: set[int]
                 ) -> PlaceMatch:
    """An ambiguous ``match`` decided by the nearest place of the call, or read on the front line first, or
    flagged with every candidate kept."""
    best = match.candidates[0][0]
    # two villages named side by side decide each other
    # (not two mentions of one name: "в Кирове ... в Киров" are not two villages that decide each other)
    ids = {p.geonameid for p, _ in match.candidates}
    on_front = any(_front_km(p) <= FRONT_KM for p, _ in match.candidates if p.country in COUNTRIES)
    placed = [a for a in anchors if a.geonameid != best.geonameid and not (on_front and id(a) in rear_origins)]
    others = placed or [p for m in matches if m is not match and (_ambiguous(m) or _frontline_rival(m))
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
        # a town keeps its name when it lies near a place of the call itself ("Костянтинівка" with Авдіївка and
        # Кременчук named is the Donetsk town, not the village by Kremenchuk). Far from every place of the call it
        # yields to a namesake right beside one (a village without coordinates in that place's oblast counts as
        # beside it: "в Каменке под Авдеевкой"), and to a namesake on the front near one when the town is at most
        # RIVAL_RATIO times larger ("под Северском ... в Краматорск" is Siversk, "в Луганск, потом на Первомайск"
        # Luhansk oblast's); not where the name is someone's home ("я из Северска", "у нас в Северске дома"). With no
        # place of the call certain, each of the other names' candidates counts, and the nearest pair decides ("в
        # каменском под васильевкой": the two Zaporizhzhia villages 13 km apart, not the Dnipro city 130 km off)
        near_best = next((d for (d, _), i in scored if i == 0), math.inf)
        rivals = set() if match.home or match.origin else set(_town_rivals(match))
        scored = [x for x in scored if x[1] == 0] if placed and near_best <= NEAR_KM else [
            x for x in scored if x[0][0] <= BESIDE_KM + 1 or x[1] in rivals]
    if scored and scored[0][0][0] <= NEAR_KM:
        (distance, anchor), index = scored[0]
        ranked = _put_first(match, index)
        return replace(match, candidates=ranked,
                       reason=f"{match.reason}; nearest to {anchor} ({distance:.0f} km) named in the call")
    front = _front_first(match)
    if front is not None:  # the one on the front first, still flagged: a prior, not a proof
        return replace(match, candidates=front, ambiguous=True,
                       reason=f"{match.reason}; ambiguous: {len(match.candidates)} places of this name, "
                              f"the one on the front line ({front[0][0].oblast}) first")
    return replace(match, ambiguous=True,
                   reason=f"{match.reason}; ambiguous: {len(match.candidates)} places of this name, "
                          "nothing in the call decides")
