"""Names shared by a settlement of the war's oblasts and one elsewhere, and how the place rules resolve them.

    python benchmarks/front_namesakes.py [--json] [--list N] [--src PATH]

The class is found from the gazetteer itself: every Cyrillic name of a settlement in the war's oblasts (Ukraine:
Donetsk, Luhansk, Zaporizhzhia, Kherson, Kharkiv, Sumy, Dnipropetrovsk, Mykolaiv, Crimea; Russia: Belgorod, Kursk,
Bryansk) is looked up as the place rules look a word up (stems, so every inflected form; Russian, Ukrainian and
codifier names; the loose Russian/Ukrainian key), and kept when the lookup also returns a settlement of Russia,
Ukraine or Belarus outside those oblasts. Counted: names and (war place, place elsewhere) pairs, by which one the
lookup ranks first and by the size of the place elsewhere.

Every such name with a namesake on the front itself (within 60 km of the line of contact, ``place_aliases.yaml``)
is then put into made-up calls and resolved by the whole place pipeline (``find_places`` and
``resolve_in_context``):

- alone: "Он сейчас в {name}, связи нет.";
- with another front place: "... это недалеко от {anchor}", the front town of ``ANCHORS`` nearest the namesake;
- with the call's oblast: the alone call with the namesake's oblast as metadata;
- with fighting words: "Позиции в {name} держим, штурмы каждый день.";
- in home-town sentences: "Я из {name}, там мама." and "У нас в {name} дома всё хорошо.".

For each context: how often a settlement on the front comes first, how often one in the front namesake's oblast
does, and how often the mention is flagged ambiguous (all candidates kept). ANNOTATION.md: the call's oblast and
its other places decide; when nothing does, the name stays flagged with every candidate. ``--src`` runs another
checkout's ``src`` (``git archive <commit> src | tar -x -C /tmp/base``) to measure a commit before a change.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

WAR = {"UA": {"Donetsk", "Luhansk", "Zaporizhzhia", "Kherson", "Kharkiv", "Sumy", "Dnipropetrovsk", "Mykolaiv",
              "Crimea"},
       "RU": {"Belgorod", "Kursk", "Bryansk"}}
TOWN = 30_000
# front towns a call names beside a village, in the nominative (each must resolve to itself, unflagged)
ANCHORS = ("Херсон", "Каховка", "Энергодар", "Токмак", "Мелитополь", "Пологи", "Орехов", "Гуляйполе", "Волноваха",
           "Угледар", "Курахово", "Донецк", "Авдеевка", "Горловка", "Краматорск", "Славянск", "Бахмут", "Торецк",
           "Лиман", "Лисичанск", "Северодонецк", "Кременная", "Сватово", "Купянск", "Изюм", "Волчанск", "Харьков",
           "Белгород", "Шебекино", "Суджа", "Курск", "Сумы", "Мариуполь", "Бердянск", "Луганск", "Запорожье",
           "Николаев", "Никополь", "Джанкой", "Павлоград", "Рыльск", "Брянск")
CONTEXTS = {
    "alone": ("Он сейчас в {name}, связи нет.", None),
    "front place": ("Он сейчас в {name}, это недалеко от {anchor}.", None),
    "call's oblast": ("Он сейчас в {name}, связи нет.", "oblast"),
    "fighting words": ("Позиции в {name} держим, штурмы каждый день.", None),
    "from X": ("Я из {name}, там мама.", None),
    "home (дома)": ("У нас в {name} дома всё хорошо.", None),
}


def _war(place) -> bool:
    return place.oblast in WAR.get(place.country, ())


def _on_front(place) -> bool:
    """A settlement of the war's oblasts within 60 km of the line of contact (a Ukrainian one without coordinates:
    in an oblast on the front)."""
    from overheard.annotate.rules.place_context import FRONT_KM, _front_km

    distance = _front_km(place)
    return _war(place) and place.geonameid > 0 and (distance <= FRONT_KM or distance == math.inf and (
        place.country == "UA" and place.oblast in ("Donetsk", "Luhansk", "Zaporizhzhia", "Kherson", "Kharkiv")))


def namesakes() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The class counts and, for each name with a namesake on the front, its front place and the place elsewhere."""
    from overheard.annotate.rules.place_context import _front_km
    from overheard.annotate.rules.places import COUNTRIES, KATOTTG_IDS, _word_candidates, gazetteer, name_key

    gaz = gazetteer()
    counts: Counter = Counter()
    pairs: set[tuple[int, int]] = set()
    front_rows: dict[str, dict[str, Any]] = {}
    seen: set[str] = set()
    for place in list(gaz.places.values()):
        if place.geonameid <= 0 or not _war(place):
            continue
        for name in place.local_names:
            key = name_key(name)
            if key in seen or " " in name:
                continue
            seen.add(key)
            candidates = [p for p, _ in _word_candidates(name, None)[0] if p.geonameid > 0]
            war = [p for p in candidates if _war(p)]
            elsewhere = [p for p in candidates if p.country in COUNTRIES and not _war(p)]
            if not war or not elsewhere:
                continue
            pairs.update((w.geonameid, e.geonameid) for w in war for e in elsewhere)
            first = "war place first" if _war(candidates[0]) else "place elsewhere first"
            size = "town elsewhere (30,000+)" if max(e.population for e in elsewhere) >= TOWN else \
                "village elsewhere"
            counts["names"] += 1
            counts[first] += 1
            counts[first, size] += 1
            on_front = [w for w in war if _on_front(w)]
            if on_front:
                counts["names with a namesake on the front"] += 1
                front = min(on_front, key=lambda w: (_front_km(w), w.geonameid >= KATOTTG_IDS, -w.population))
                big = max(elsewhere, key=lambda e: e.population)
                front_rows[key] = {"name": name, "front": front, "elsewhere": big, "first": candidates[0]}
    counts["pairs"] = len(pairs)
    return dict(counts), list(front_rows.values())


def _anchors() -> list[tuple[str, Any]]:
    from overheard.annotate.rules.place_context import resolve_in_context
    from overheard.annotate.rules.places import find_places

    out = []
    for name in ANCHORS:
        found = resolve_in_context(find_places(f"Он в {name}."), None)
        if len(found) == 1 and not found[0].ambiguous and _war(found[0].candidates[0][0]):
            out.append((name, found[0].candidates[0][0]))
    return out


def resolve(rows: list[dict[str, Any]]) -> dict[str, Counter]:
    """For each context: names found, resolved to the front namesake's oblast (first candidate), flagged."""
    from overheard.annotate.rules.place_context import _km, resolve_in_context
    from overheard.annotate.rules.places import find_places, name_key

    anchors = _anchors()
    out: dict[str, Counter] = {c: Counter() for c in CONTEXTS}
    for row in rows:
        front, name = row["front"], row["name"]
        usable = [(a, p) for a, p in anchors if name_key(a) != name_key(name)]
        anchor = min(usable, key=lambda ap: _km(ap[1], front))[0] if usable else ANCHORS[0]
        for context, (template, meta) in CONTEXTS.items():
            text = template.format(name=name, anchor=anchor)
            region = front.oblast if meta else None
            found = [m for m in resolve_in_context(find_places(text, "ru", region), region)
                     if fold_key(m.text) == fold_key(name)]
            tally = out[context]
            tally["names"] += 1
            if not found:
                continue
            best = found[0].candidates[0][0]
            tally["found"] += 1
            tally["front first"] += _on_front(best)
            tally["its oblast"] += best.oblast == front.oblast and best.country == front.country
            tally["flagged"] += found[0].ambiguous
            row.setdefault("results", {})[context] = (best.oblast, found[0].ambiguous)
    return out


def fold_key(text: str) -> str:
    """A mention's text compared loosely (case, ё)."""
    return text.lower().replace("ё", "е")


def main() -> None:
    """Print the class counts and the resolution table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--list", type=int, default=0, metavar="N",
                        help="also list N names whose place elsewhere is a town, with each context's reading")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the src folder to measure")
    args = parser.parse_args()
    sys.path.insert(0, str(args.src.resolve()))
    counts, rows = namesakes()
    table = resolve(rows)
    if args.json:
        json.dump({"class": {" / ".join(k) if isinstance(k, tuple) else k: v for k, v in counts.items()},
                   "contexts": {c: dict(t) for c, t in table.items()}}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    for key, value in sorted(counts.items(), key=lambda kv: str(kv[0])):
        print(f"{' / '.join(key) if isinstance(key, tuple) else key:70} {value}")
    print()
    towns = [r for r in rows if r["elsewhere"].population >= TOWN]
    for label, subset in (("all names with a front namesake", rows), ("… whose place elsewhere is a town", towns)):
        sub = resolve(subset) if subset is not rows else table
        print(f"{label} ({len(subset)}):")
        print(f"  {'context':16} {'found':>6} {'front first':>12} {'its oblast':>11} {'flagged':>8}")
        for context, tally in sub.items():
            n = tally["found"] or 1
            print(f"  {context:16} {tally['found']:6} {100 * tally['front first'] / n:11.1f}% "
                  f"{100 * tally['its oblast'] / n:10.1f}% {100 * tally['flagged'] / n:7.1f}%")
    for row in sorted(towns, key=lambda r: -r["elsewhere"].population)[: args.list]:
        front, other = row["front"], row["elsewhere"]
        print(f"{row['name']}: {front.name} ({front.oblast}, {front.population}) / {other.name} ({other.oblast}, "
              f"{other.population}): " + "; ".join(f"{c} {o}{'?' if a else ''}"
                                                   for c, (o, a) in row.get("results", {}).items()))


if __name__ == "__main__":
    main()
