"""An offline map of places and casualty mentions, drawn as server-side SVG: no tile server, no remote script.

Oblast borders are real ones: ``geo/oblasts.geo.json``, rebuilt from Natural Earth's 1:10m admin-1 lines
(public domain) and named by the bundled GeoNames settlements (``geo/README.md`` says how, and
``scripts/build_oblast_borders.py`` does it again). Dots are places resolved in calls at their real
coordinates, sized by how many calls name them; each links to the calls and findings naming it. Regions are
shaded by the casualty mentions of the calls recorded there (a choropleth), each linking to the calls list for it:
``/calls?oblast=Donetsk`` lists the calls counted in the face (``annotate.regions``: every spelling of the region,
and a city-region drawn within it, ``model.DRAWN_WITHIN``).
"""

from __future__ import annotations

import gettext
import json
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import escape

from overheard.annotate.regions import as_listed
from overheard.model import DRAWN_WITHIN  # noqa: F401  (a city-region drawn and counted in the oblast around it)

BORDERS = Path(__file__).parent / "geo" / "oblasts.geo.json"
FRAME = (22.0, 43.5, 46.5, 53.5)  # lon min, lat min, lon max, lat max: Ukraine and the Russian border regions
COLOURS = ("#f7f4f0", "#fde0c5", "#facba6", "#f8b58b", "#f59e72", "#f2855d", "#ef6a4c", "#eb4a40")
Ring = tuple[tuple[float, float], ...]


@lru_cache(maxsize=1)
def borders() -> dict[str | None, tuple[tuple[Ring, ...], ...]]:
    """Every region's polygons (each: outer ring, then holes) in lon/lat; ``None`` holds the other countries' land."""
    collection = json.loads(BORDERS.read_text(encoding="utf-8"))
    out: dict[str | None, tuple[tuple[Ring, ...], ...]] = {}
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        out[feature["properties"]["name"]] = tuple(tuple(tuple((x, y) for x, y in ring) for ring in polygon)
                                                   for polygon in polygons)
    return out


def region_names() -> list[str]:
    """The regions drawn on the map (oblasts of Ukraine and the neighbouring regions in the frame)."""
    return sorted(name for name in borders() if name)


def _area_centre(ring: Ring) -> tuple[float, float, float]:
    """Area and centroid of a ring (shoelace formula)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        return 0.0, ring[0][0], ring[0][1]
    return abs(area) / 2, cx / (3 * area), cy / (3 * area)


def label_point(polygons: tuple[tuple[Ring, ...], ...]) -> tuple[float, float]:
    """Where a region's name goes: the centroid of its largest polygon."""
    _, x, y = max(_area_centre(polygon[0]) for polygon in polygons)
    return x, y


class Projection:
    """Equirectangular, scaled by the cosine of the frame's middle latitude, y downwards."""

    def __init__(self, width: int = 900) -> None:
        lon0, lat0, lon1, lat1 = FRAME
        self.k = math.cos(math.radians((lat0 + lat1) / 2))
        self.scale = width / ((lon1 - lon0) * self.k)
        self.width, self.height = width, int((lat1 - lat0) * self.scale)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        lon0, _, _, lat1 = FRAME
        return round((lon - lon0) * self.k * self.scale, 1), round((lat1 - lat) * self.scale, 1)


def colour(value: int, top: int) -> str:
    """The choropleth colour of ``value`` on a scale up to ``top``."""
    if value <= 0 or top <= 0:
        return COLOURS[0]
    return COLOURS[min(len(COLOURS) - 1, 1 + int((len(COLOURS) - 2) * math.log1p(value) / math.log1p(top)))]


@lru_cache(maxsize=4)
def region_paths(width: int) -> dict[str | None, str]:
    """Every region's SVG path at this width (drawn once: the borders never change)."""
    project = Projection(width)
    return {name: "".join("M" + "L".join(f"{x},{y}" for x, y in (project(lon, lat) for lon, lat in ring)) + "Z"
                          for polygon in polygons for ring in polygon)
            for name, polygons in borders().items()}


def map_svg(dots: Sequence[Mapping[str, Any]], casualties: Mapping[str, int], width: int = 900,
            text: gettext.NullTranslations | None = None) -> str:
    """The map: regions shaded by casualty mentions (links to their calls), dots for places (links).

    ``text`` says the labels and tooltips (English by default; the web passes the interface language's catalogue,
    whose msgids are the English here)."""
    text = text or gettext.NullTranslations()
    project = Projection(width)
    faces = as_listed(casualties)  # a face counts what its link lists: Kyiv City's mentions are in the Kyiv face
    top = max(faces.values(), default=0)
    aria = escape(text.gettext("Places named in calls and casualty mentions by oblast"))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {project.width} {project.height}" '
           f'role="img" aria-label="{aria}" id="map-svg">',
           f'<rect width="{project.width}" height="{project.height}" fill="#dfe9f0"/>']
    regions, paths = borders(), region_paths(width)
    if None in regions:  # the other countries in the frame: grey, no link
        out.append(f'<path d="{paths[None]}" fill="#ecebe8" stroke="#b9b4ae" '
                   f'stroke-width="0.6" fill-rule="evenodd" class="land"/>')
    for name in region_names():
        count = faces.get(name, 0)
        title = text.ngettext("%(name)s: %(num)d casualty mention", "%(name)s: %(num)d casualty mentions", count)
        out.append(f'<a href="/calls?oblast={quote(name)}" class="oblast" data-oblast="{escape(name)}" '
                   f'data-casualties="{count}"><path d="{paths[name]}" fill="{colour(count, top)}" '
                   f'stroke="#9a8f85" stroke-width="0.8" fill-rule="evenodd">'
                   f'<title>{escape(title % {"name": name, "num": count})}</title></path></a>')
    for name in region_names():
        x, y = project(*label_point(regions[name]))
        out.append(f'<text x="{x:.0f}" y="{y:.0f}" font-size="9" fill="#6b625a" text-anchor="middle" '
                   f'pointer-events="none">{escape(name)}</text>')
    biggest = max((d["calls"] for d in dots), default=1)
    for dot in sorted(dots, key=lambda d: -d["calls"]):
        x, y = project(dot["lon"], dot["lat"])
        radius = 3 + 9 * math.sqrt(dot["calls"] / biggest)
        title = text.ngettext("%(name)s (%(oblast)s): %(num)d call; click for its findings",
                              "%(name)s (%(oblast)s): %(num)d calls; click for the calls and findings",
                              dot["calls"]) % {"name": dot["name"], "oblast": dot.get("oblast") or "",
                                               "num": dot["calls"]}
        out.append(f'<a href="/map?place={quote(dot["name"])}#place-calls" class="place" '
                   f'data-place="{escape(dot["name"])}" data-calls="{dot["calls"]}">'
                   f'<circle cx="{x}" cy="{y}" r="{radius:.1f}" fill="#2b5d8a" '
                   f'fill-opacity="0.7" stroke="#fff" stroke-width="1"><title>{escape(title)}</title></circle></a>')
    out.append("</svg>")
    return "".join(out)
