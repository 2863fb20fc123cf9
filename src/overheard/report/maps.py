"""An offline map of places and casualty mentions, drawn as server-side SVG: no tile server, no remote script.

Oblast outlines are *generated* from the bundled GeoNames gazetteer extract (``lexicons/gazetteer.csv``,
CC BY 4.0, already shipped for place resolution): each region's outline is the convex hull of its
settlements. That is a schematic shape (a hull smooths the border and can overlap a neighbour's), honest
about what it is, and needs no extra data package. Dots are places resolved in calls at their real
coordinates, sized by how many calls name them; each links to its calls. Regions are shaded by the
casualty mentions of the calls recorded there (a choropleth), each linking to the calls list for it.
"""

from __future__ import annotations

import gettext
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from markupsafe import escape

from overheard.annotate.rules.places import gazetteer

FRAME = (22.0, 43.5, 46.5, 53.5)  # lon min, lat min, lon max, lat max: Ukraine and the Russian border regions
COLOURS = ("#f7f4f0", "#fde0c5", "#facba6", "#f8b58b", "#f59e72", "#f2855d", "#ef6a4c", "#eb4a40")


def _hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Convex hull (Andrew's monotone chain), counter-clockwise."""
    points = sorted(set(points))
    if len(points) < 3:
        return points

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list = []
    for p in points:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list = []
    for p in reversed(points):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


@lru_cache(maxsize=1)
def oblast_outlines() -> dict[str, tuple[tuple[float, float], ...]]:
    """Each region's generated outline: the convex hull of its gazetteer settlements inside the frame."""
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    lon0, lat0, lon1, lat1 = FRAME
    for place in gazetteer().places.values():
        if place.geonameid > 0 and place.oblast and lon0 <= place.lon <= lon1 and lat0 <= place.lat <= lat1:
            points[place.oblast].append((place.lon, place.lat))
    return {name: tuple(_hull(pts)) for name, pts in points.items() if len(pts) >= 3}


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


def map_svg(dots: Sequence[Mapping[str, Any]], casualties: Mapping[str, int], width: int = 900,
            text: gettext.NullTranslations | None = None) -> str:
    """The map: regions shaded by casualty mentions (links to their calls), dots for places (links).

    ``text`` says the labels and tooltips (English by default; the web passes the interface language's catalogue,
    whose msgids are the English here)."""
    text = text or gettext.NullTranslations()
    project = Projection(width)
    top = max(casualties.values(), default=0)
    aria = escape(text.gettext("Places named in calls and casualty mentions by oblast"))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {project.width} {project.height}" '
           f'role="img" aria-label="{aria}" id="map-svg">']
    for name, outline in sorted(oblast_outlines().items()):
        points = " ".join(f"{x},{y}" for x, y in (project(lon, lat) for lon, lat in outline))
        count = casualties.get(name, 0)
        title = text.ngettext("%(name)s: %(num)d casualty mention", "%(name)s: %(num)d casualty mentions", count)
        out.append(f'<a href="/calls?oblast={quote(name)}" class="oblast" data-oblast="{escape(name)}" '
                   f'data-casualties="{count}"><polygon points="{points}" fill="{colour(count, top)}" '
                   f'stroke="#9a8f85" stroke-width="0.8" fill-opacity="0.85">'
                   f'<title>{escape(title % {"name": name, "num": count})}</title></polygon></a>')
    for name, outline in sorted(oblast_outlines().items()):
        xs, ys = zip(*(project(lon, lat) for lon, lat in outline), strict=True)
        out.append(f'<text x="{sum(xs) / len(xs):.0f}" y="{sum(ys) / len(ys):.0f}" font-size="9" fill="#6b625a" '
                   f'text-anchor="middle" pointer-events="none">{escape(name)}</text>')
    biggest = max((d["calls"] for d in dots), default=1)
    for dot in sorted(dots, key=lambda d: -d["calls"]):
        x, y = project(dot["lon"], dot["lat"])
        radius = 3 + 9 * math.sqrt(dot["calls"] / biggest)
        title = text.ngettext("%(name)s (%(oblast)s): %(num)d call", "%(name)s (%(oblast)s): %(num)d calls",
                              dot["calls"]) % {"name": dot["name"], "oblast": dot.get("oblast") or "",
                                               "num": dot["calls"]}
        out.append(f'<a href="/map?place={quote(dot["name"])}#place-calls" class="place" '
                   f'data-place="{escape(dot["name"])}" data-calls="{dot["calls"]}">'
                   f'<circle cx="{x}" cy="{y}" r="{radius:.1f}" fill="#2b5d8a" '
                   f'fill-opacity="0.7" stroke="#fff" stroke-width="1"><title>{escape(title)}</title></circle></a>')
    out.append("</svg>")
    return "".join(out)
