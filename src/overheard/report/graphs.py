"""The network drawn as server-side SVG: a deterministic spring layout (numpy), no script, every node a link."""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from typing import Any

import numpy as np
from markupsafe import escape

COLOURS = {"person": "#2b5d8a", "unit": "#8a5a2b", "callsign": "#4d8a2b", "phone": "#8a2b6b", "call": "#555"}


def layout(nodes: list[Mapping[str, Any]], edges: list[Mapping[str, Any]], iterations: int = 120,
           seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions in [0, 1]² from a Fruchterman-Reingold spring layout (the same input, the same picture)."""
    count = len(nodes)
    if count == 0:
        return {}
    index = {n["id"]: i for i, n in enumerate(nodes)}
    rng = np.random.default_rng(seed)
    pos = rng.random((count, 2))
    pairs = np.array([(index[e["source"]], index[e["target"]]) for e in edges], dtype=int).reshape(-1, 2)
    k = 1.2 / np.sqrt(count)
    temperature = 0.1
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=2), 1e-3)
        force = (delta / distance[..., None] * (k * k / distance)[..., None]).sum(axis=1)
        if len(pairs):
            d = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            length = np.maximum(np.linalg.norm(d, axis=1), 1e-3)
            pull = d / length[:, None] * (length * length / k)[:, None]
            np.add.at(force, pairs[:, 0], -pull)
            np.add.at(force, pairs[:, 1], pull)
        force -= (pos - 0.5) * (count * k * 0.6)  # gravity: separate groups stay in view, not flung to the edges
        length = np.maximum(np.linalg.norm(force, axis=1), 1e-9)
        pos += force / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature *= 0.97
    pos -= pos.min(axis=0)
    pos /= np.maximum(pos.max(axis=0), 1e-9)
    return {n["id"]: (float(pos[i, 0]), float(pos[i, 1])) for i, n in enumerate(nodes)}


def network_svg(graph: Mapping[str, Any], width: int = 900, height: int = 640,
                text: gettext.NullTranslations | None = None) -> str:
    """The graph as an SVG: people link to their page, edges say in how many calls the two meet.

    ``text`` says the label and tooltips (English by default; the web passes the interface language's catalogue,
    whose msgids are the English here)."""
    text = text or gettext.NullTranslations()
    nodes, edges = list(graph["nodes"]), list(graph["edges"])
    where = layout(nodes, edges)
    margin = 40

    def xy(node_id: str) -> tuple[float, float]:
        x, y = where[node_id]
        return round(margin + x * (width - 2 * margin), 1), round(margin + y * (height - 2 * margin), 1)

    aria = escape(text.gettext("People, units, call signs and phones named in the same calls"))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
           f'aria-label="{aria}" id="network-svg">']
    for edge in edges:
        (x1, y1), (x2, y2) = xy(edge["source"]), xy(edge["target"])
        if edge.get("type") == "speaks in":
            said = text.gettext("speaks in this call (speaker %(keys)s)") % {
                "keys": ", ".join(edge.get("speakers", ()))}
            out.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#2b5d8a" stroke-width="2" '
                       f'stroke-dasharray="5 3" class="edge edge-speaks"><title>{escape(said)}</title></line>')
            continue
        stroke = "#444" if edge["attached"] else "#bbb"
        title = (text.ngettext("mentioned together in %(num)d call, said together",
                               "mentioned together in %(num)d calls, said together", edge["weight"])
                 if edge["attached"] else
                 text.ngettext("mentioned together in %(num)d call", "mentioned together in %(num)d calls",
                               edge["weight"]))
        out.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{stroke}" '
                   f'stroke-width="{min(1 + edge["weight"], 6)}" class="edge edge-mentioned">'
                   f'<title>{escape(title % {"num": edge["weight"]})}</title></line>')
    for node in nodes:
        x, y = xy(node["id"])
        shape = (f'<circle cx="{x}" cy="{y}" r="6" fill="{COLOURS.get(node["type"], "#555")}"/>'
                 f'<text x="{x + 8}" y="{y + 4}" font-size="11">{escape(node["label"])}</text>')
        if node["type"] == "call":
            shape = (f'<rect x="{x - 6}" y="{y - 6}" width="12" height="12" fill="{COLOURS["call"]}"/>'
                     f'<text x="{x + 8}" y="{y + 4}" font-size="11">{escape(node["label"])}</text>')
            out.append(f'<a href="/calls/{node["call"]}" class="node node-call" data-node="{escape(node["id"])}">'
                       f'{shape}</a>')
        elif node["type"] == "person":
            out.append(f'<a href="/people/{node["person"]}" class="node node-person" data-node="{escape(node["id"])}">'
                       f'{shape}</a>')
        else:
            out.append(f'<g class="node node-{node["type"]}" data-node="{escape(node["id"])}">{shape}</g>')
    out.append("</svg>")
    return "".join(out)
