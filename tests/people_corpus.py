"""Workspaces for the people desk tests: the sample calls' transcripts, and a generated 10,000-call one.

The generated workspace is made through the store (calls, transcripts, person mentions, forms and places
written directly), not through audio or entity detection, so it takes seconds.
"""

from __future__ import annotations

import random
from pathlib import Path

from overheard.ingest.ingest import ingest_paths
from overheard.jobs.people import Pseudonymiser, sync_people
from overheard.model import EntityForm, PeopleFound, PersonMention, PlaceMention, Segment, Transcript
from overheard.names import name_lexicon
from overheard.store import calls as call_rows
from overheard.store import transcripts
from overheard.workspace import Workspace

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
OBLASTS = {"Donetsk": (48.0, 37.8), "Luhansk": (48.57, 39.3), "Kharkiv": (49.99, 36.23),
           "Zaporizhzhia": (47.84, 35.14), "Kherson": (46.64, 32.61), "Belgorod": (50.6, 36.6)}


def sample_workspace(root: Path, calls: tuple[str, ...] | None = None, actor: str = "test") -> Workspace:
    """A workspace with the sample calls' transcripts and metadata (no audio), people synced."""
    ws = Workspace.create(root)
    names = calls or tuple(sorted({p.name.split(".")[0] for p in SAMPLES.glob("call-*.meta.yaml")}))
    paths = [p for name in names for p in SAMPLES.glob(f"{name}.*") if p.suffix in (".txt", ".srt", ".vtt", ".yaml")]
    ingest_paths(ws, paths, actor=actor)
    sync_people(ws, actor)
    return ws


def first_names() -> dict[str, list[str]]:
    """Canonical Russian first names of the name lexicon by gender (what generated people are called)."""
    out: dict[str, set[str]] = {"m": set(), "f": set()}
    for forms in name_lexicon().forms.values():
        for form in forms:
            if form.lang == "ru" and form.gender in out:
                out[form.gender].add(form.canonical)
    return {gender: sorted(names) for gender, names in out.items()}


def generated_workspace(root: Path, calls: int = 10_000, people_per_call: int = 3, seed: int = 7,
                        with_calls: bool = False) -> Workspace:
    """A workspace with the people of ``calls`` generated calls (bare first names, some full names, call signs,
    units, places); ``with_calls`` also stores the calls and transcripts (slower), else ids stand for them."""
    rng = random.Random(seed)
    ws = Workspace.create(root)
    store = ws.store
    pools = first_names()
    units = [f"{n}-я бригада" for n in range(1, 40)]
    callsigns = ["Гром", "Шаман", "Дизель", "Кедр", "Песок", "Бармалей", "Седой", "Лис", "Хан", "Тайфун"]
    found = []
    rows = [(n, n + 1, n + 1, rng.choice(list(OBLASTS))) for n in range(calls)]
    if with_calls:
        rows = []
        for batch in range(0, calls, 500):  # calls and transcripts in bulk, as a white-box test may
            with store.writing() as session:
                for number in range(batch, min(batch + 500, calls)):
                    oblast = rng.choice(list(OBLASTS))
                    row, _ = call_rows.get_or_create(session, f"gen-{number:05d}", "gen")
                    row.oblast, row.place, row.language = oblast, oblast, "ru"
                    text = " ".join(f"слово{i}" for i in range(40))
                    tid = transcripts.add(session, row.id, Transcript(segments=(Segment(text=text, speaker="A"),),
                                                                      language="ru"), actor="gen")
                    rows.append((number, row.id, tid, oblast))
    for number, call_id, transcript_id, oblast in rows:
        mentions, forms = [], []
        for slot in range(people_per_call):
            gender = "f" if rng.random() < 0.3 and "f" in pools else "m"
            first = rng.choice(pools[gender])
            surname = rng.choice(["Петров", "Иванов", "Сидоров", "Кузнецов"]) if rng.random() < 0.1 else None
            key = f"{first.lower()}|{surname.lower()}" if surname else f"{first.lower()}@gen-{number:05d}"
            attributes = {"first_name": first, "surname": surname, "gender": gender, "normal": first,
                          "parts": [{"role": "first", "canonical": first, "gender": gender}]}
            mentions.append(PersonMention(key, call_id, transcript_id, slot * 10, slot * 10 + 5, first, first,
                                          attributes))
        if rng.random() < 0.2:
            sign = rng.choice(callsigns)
            forms.append(EntityForm("CALLSIGN", call_id, transcript_id, 100, 105, sign, sign))
        if rng.random() < 0.2:
            unit = rng.choice(units)
            forms.append(EntityForm("UNIT", call_id, transcript_id, 110, 118, unit, unit))
        lat, lon = OBLASTS[oblast]
        places = (PlaceMention(call_id, transcript_id, 200, 205, oblast, oblast, oblast, "UA", lat, lon),)
        found.append(PeopleFound(transcript_id, call_id, "ru", tuple(mentions), tuple(forms), places))
    store.sync_people(found, Pseudonymiser(b"generated workspace secret"), "gen")
    return ws
