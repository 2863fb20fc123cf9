"""The people desk's exports: the network of people, units, call signs and phones (JSON, GraphML, SVG) and the
places found in calls (GeoJSON, map data).

The network links what is said in the same call (edges of type "mentioned with"; weight: the number of calls) and
marks the links where a phone, call sign or unit is said right next to a person (attached). A person linked to a
call's speaker (:mod:`overheard.review.speaker_links`) is joined to that call's node by a "speaks in" edge, so two
people who speak in one call meet at it. Nothing personal leaves
without permission: people are shown by pseudonym, call signs by a call-sign pseudonym, phones and units by
a numbered label, unless the user may see identities (editors, admins) *and* asked for them. Viewers get no
network at all (it is made of personal data).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from overheard.annotate.regions import normalise_oblast
from overheard.errors import PermissionDenied
from overheard.model import FindingKind, Role
from overheard.redact.pseudonyms import callsign_pseudonym
from overheard.review.desk import attached, cached, call_headers
from overheard.review.speakers import speaker_key_is_safe
from overheard.store import Store
from overheard.text import fold

SEE_NETWORK = Role.ANALYST
SEE_IDENTITIES = Role.EDITOR
MAX_SHOWN = 150  # nodes drawn on the page (the busiest); exports carry all
MENTIONED_WITH, SPEAKS_IN = "mentioned with", "speaks in"  # the edge types


def network(store: Store, secret: bytes, role: Role, *, identities: bool = False, unit: str | None = None,
            call: int | None = None, limit: int | None = None) -> dict[str, Any]:
    """Nodes and edges of the network for ``role``, optionally only calls naming ``unit`` or only ``call``."""
    if not role.allows(SEE_NETWORK):
        raise PermissionDenied(f"the {role.value} role may not see the network (needs {SEE_NETWORK.value})")
    if identities and not role.allows(SEE_IDENTITIES):
        raise PermissionDenied(f"the {role.value} role may not see real identities (needs {SEE_IDENTITIES.value})")
    if unit is None and call is None:  # the default view, asked for on every visit: kept until the store changes
        return cached(store, f"network:{identities}:{limit}",
                      lambda: _select(store, secret, identities, None, None, limit))
    return _select(store, secret, identities, unit, call, limit)


def _select(store: Store, secret: bytes, identities: bool, unit: str | None, call: int | None,
            limit: int | None) -> dict[str, Any]:
    full = cached(store, f"network:{identities}", lambda: _graph(store, secret, identities))
    nodes, edges = full["nodes"], full["edges"]
    if unit or call is not None:
        calls = {call} if call is not None else set(full["unit_calls"].get(fold(unit or ""), ()))
        edges = [e for e in edges if calls & set(e["calls"])]
        keep = {n for e in edges for n in (e["source"], e["target"])}
        nodes = [n for n in nodes if n["id"] in keep]
    truncated = False
    if limit is not None and len(nodes) > limit:
        degree = Counter(n for e in edges for n in (e["source"], e["target"]))
        keep = {n["id"] for n in sorted(nodes, key=lambda n: (-degree[n["id"]], n["id"]))[:limit]}
        nodes = [n for n in nodes if n["id"] in keep]
        edges = [e for e in edges if e["source"] in keep and e["target"] in keep]
        truncated = True
    return {"nodes": nodes, "edges": edges, "identities": identities, "truncated": truncated,
            "counts": {"nodes": len(nodes), "edges": len(edges), "all_nodes": len(full["nodes"])},
            "units": full["unit_names"]}


def _graph(store: Store, secret: bytes, identities: bool) -> dict[str, Any]:
    people = store.people()
    owner = {key: p.id for p in people for key in p.keys}
    per_call: dict[int, set[str]] = defaultdict(set)
    nodes: dict[str, dict[str, Any]] = {}
    for person in people:
        node = f"person:{person.id}"
        nodes[node] = {"id": node, "type": "person", "person": person.id,
                       "label": person.display if identities else person.pseudonym}
    for mention in store.person_mentions():
        if mention.key in owner and mention.call_id is not None:
            per_call[mention.call_id].add(f"person:{owner[mention.key]}")
    numbers: dict[str, dict[str, int]] = defaultdict(dict)
    unit_calls: dict[str, set[int]] = defaultdict(set)
    unit_names: dict[str, str] = {}
    for form in store.entity_forms():
        value = form.normal or form.text
        key = fold(value)
        node = f"{form.label.lower()}:{key}"
        if node not in nodes:
            if identities:
                label = value
            elif form.label == "CALLSIGN":  # a pseudonym, numbered where two call signs would share one
                label = callsign_pseudonym(secret, key)
                used = numbers["CALLSIGN-labels"]
                used[label] = used.get(label, 0) + 1
                label = label if used[label] == 1 else f"{label}-{used[label]}"
            else:
                labels = numbers[form.label]
                labels.setdefault(key, len(labels) + 1)
                label = f"{form.label}-{labels[key]}"
            nodes[node] = {"id": node, "type": form.label.lower(), "label": label}
        if form.call_id is not None:
            per_call[form.call_id].add(node)
            if form.label == "UNIT":
                unit_calls[key].add(form.call_id)
                unit_names[key] = nodes[node]["label"]
    weights: dict[tuple[str, str], set[int]] = defaultdict(set)
    for call_id, members in per_call.items():
        for a, b in combinations(sorted(members), 2):
            weights[(a, b)].add(call_id)
    together = {(f"person:{pid}", f"{f['label'].lower()}:{fold(f['value'])}")
                for pid, forms in attached(store).items() for f in forms}
    edges = [{"source": a, "target": b, "type": MENTIONED_WITH, "weight": len(calls), "calls": sorted(calls),
              "attached": (a, b) in together or (b, a) in together} for (a, b), calls in sorted(weights.items())]
    edges += _speaker_edges(store, nodes, identities)
    return {"nodes": sorted(nodes.values(), key=lambda n: n["id"]), "edges": edges,
            "unit_calls": {k: sorted(v) for k, v in unit_calls.items()},
            "unit_names": sorted(set(unit_names.values()))}


def _speaker_edges(store: Store, nodes: dict[str, dict[str, Any]], identities: bool) -> list[dict[str, Any]]:
    """A "speaks in" edge from each person linked to a speaker of a call to that call's node (added to ``nodes``);
    a speaker key that could be a name ("Максим:") is shown only with identities."""
    links = store.speaker_links()
    keys = {h.id: h.key for h in store.call_headers()} if links else {}
    speaking: dict[tuple[str, str], list[str]] = defaultdict(list)
    for link in links:
        person, call = f"person:{link.person_id}", f"call:{link.call_id}"
        if person not in nodes:
            continue
        nodes.setdefault(call, {"id": call, "type": "call", "call": link.call_id,
                                "label": keys.get(link.call_id, f"call {link.call_id}")})
        speaking[(person, call)].append(link.speaker if identities or speaker_key_is_safe(link.speaker)
                                        else "speaker")
    return [{"source": person, "target": call, "type": SPEAKS_IN, "weight": 1, "calls": [nodes[call]["call"]],
             "attached": False, "speakers": sorted(speakers)} for (person, call), speakers in sorted(speaking.items())]


def graphml(graph: dict[str, Any]) -> str:
    """The network as GraphML (yEd, Gephi, networkx, Cytoscape read it)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
           '<key id="label" for="node" attr.name="label" attr.type="string"/>',
           '<key id="type" for="node" attr.name="type" attr.type="string"/>',
           '<key id="weight" for="edge" attr.name="weight" attr.type="int"/>',
           '<key id="attached" for="edge" attr.name="attached" attr.type="boolean"/>',
           '<key id="calls" for="edge" attr.name="calls" attr.type="string"/>',
           '<key id="edge_type" for="edge" attr.name="type" attr.type="string"/>',
           '<graph id="overheard" edgedefault="undirected">']
    for node in graph["nodes"]:
        out.append(f'<node id={quoteattr(node["id"])}><data key="label">{escape(node["label"])}</data>'
                   f'<data key="type">{node["type"]}</data></node>')
    for index, edge in enumerate(graph["edges"]):
        out.append(f'<edge id="e{index}" source={quoteattr(edge["source"])} target={quoteattr(edge["target"])}>'
                   f'<data key="weight">{edge["weight"]}</data>'
                   f'<data key="attached">{str(edge["attached"]).lower()}</data>'
                   f'<data key="calls">{",".join(map(str, edge["calls"]))}</data>'
                   f'<data key="edge_type">{escape(edge["type"])}</data></edge>')
    out += ["</graph>", "</graphml>"]
    return "\n".join(out) + "\n"


# ---- places ----------------------------------------------------------------------------------
def place_dots(store: Store) -> list[dict[str, Any]]:
    """Resolved places with the calls naming them (from the last ``people sync``)."""
    def make() -> list[dict[str, Any]]:
        by_place: dict[tuple, set[int]] = defaultdict(set)
        for place in store.place_mentions():
            if place.lat is not None and place.lon is not None and place.name:
                by_place[(place.name, place.oblast, place.country, round(place.lat, 4), round(place.lon, 4))].add(
                    place.call_id)
        return [{"name": name, "oblast": oblast, "country": country, "lat": lat, "lon": lon, "calls": len(calls),
                 "call_ids": sorted(calls)} for (name, oblast, country, lat, lon), calls in sorted(by_place.items())]
    return cached(store, "place-dots", make)


MAX_PLACE_CALLS = 100  # calls (with their findings) listed for one place on the map


def place_calls(store: Store, place: str) -> list[dict[str, Any]]:
    """The calls naming ``place`` (the first :data:`MAX_PLACE_CALLS`), each with its findings to click: where the
    place is found (entity findings on the place's words) and the call's casualty mentions. No finding text is
    given (the map is for viewers too): kind, label, review status and the second of audio."""
    spans = _place_spans(store).get(place, {})
    calls = sorted(spans)[:MAX_PLACE_CALLS]
    if not calls:
        return []
    headers = call_headers(store)
    casualties = _casualty_findings(store)
    entities = store.entity_findings(sorted({t for c in calls for t, _, _ in spans[c]}))
    out = []
    for call_id in calls:
        header = headers.get(call_id)
        if header is None:
            continue
        on_place = [f for t, start, end in spans[call_id] for f in entities.get(t, ())
                    if f.finding.label == "LOC" and f.finding.start < end and start < f.finding.end]
        found = sorted({f.id: f for f in on_place + casualties.get(call_id, [])}.values(),
                       key=lambda f: (f.finding.start, f.id))
        out.append({"id": call_id, "key": header.key, "oblast": header.oblast, "url": f"/calls/{call_id}",
                    "findings": [{"id": f.id, "kind": str(f.finding.kind), "label": f.finding.label,
                                  "status": str(f.review_status), "time": f.time_start,
                                  "url": f"/calls/{call_id}#finding-{f.id}"} for f in found]})
    return out


def _place_spans(store: Store) -> dict[str, dict[int, list[tuple[int, int, int]]]]:
    """Per place name, per call, where it is named (transcript, start, end); kept until the store changes."""
    def make() -> dict[str, dict[int, list[tuple[int, int, int]]]]:
        out: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))
        for mention in store.place_mentions():
            if mention.name:
                out[mention.name][mention.call_id].append((mention.transcript_id, mention.start, mention.end))
        return {name: dict(calls) for name, calls in out.items()}
    return cached(store, "place-spans", make)


def _casualty_findings(store: Store) -> dict[int, list]:
    """Casualty findings on current transcripts by call (every review status); kept until the store changes."""
    def make() -> dict[int, list]:
        out: dict[int, list] = defaultdict(list)
        for finding in store.findings(kind=FindingKind.CASUALTY):
            out[finding.call_id].append(finding)
        return dict(out)
    return cached(store, "casualty-findings", make)


def casualties_by_oblast(store: Store) -> dict[str, int]:
    """Casualty mentions (not rejected, on current transcripts) by the oblast of their call, the oblast named as
    the map names it ("Донецкая", "Донецька обл." and "Donetsk" are one region)."""
    def make() -> dict[str, int]:
        oblast = {h.id: normalise_oblast(h.oblast) for h in store.call_headers() if h.oblast}
        counts: Counter = Counter()
        for call_id, findings in _casualty_findings(store).items():
            for finding in findings:
                if str(finding.review_status) not in ("rejected", "corrected") and oblast.get(call_id):
                    counts[oblast[call_id]] += 1
        return dict(counts)
    return cached(store, "casualties-by-oblast", make)


def places_geojson(store: Store) -> dict[str, Any]:
    """The places found in calls as a GeoJSON FeatureCollection (points; calls per place)."""
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [d["lon"], d["lat"]]},
         "properties": {"name": d["name"], "oblast": d["oblast"], "country": d["country"], "calls": d["calls"],
                        "call_ids": d["call_ids"]}} for d in place_dots(store)]}
