"""A fictional corpus for the register: the same three deaths told in three calls, and the enemy's losses.

Findings are written in the shape of the annotators' contract (docs/analyze.md, ANNOTATION.md):
casualty findings with category, count, approximate and side; entity findings with the normal form,
first name and surname for people and GeoNames data for places.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from helpers import PASSWORD

from overheard.model import CallMetadata, Finding, FindingKind, Segment, Transcript, TranscriptSource
from overheard.store.users import add_user
from overheard.workspace import Workspace

ACTOR = "fixture"
KREMINNA = {"name": "Kreminna", "local": "Кременная", "oblast": "Luhansk", "lat": 49.04811, "lon": 38.21552}
RUBIZHNE = {"name": "Rubizhne", "local": "Рубежное", "oblast": "Luhansk", "lat": 49.01229, "lon": 38.37967}

# key: (recorded_at, oblast, place, utterance, casualty (needle, category, count, approximate, side), entities)
CALLS = {
    "unit-kreminna": (datetime(2023, 1, 14, 19, 0), "Luhansk", "Кременная",
                      "Мам, у нас в 54-й бригаде трое двухсотых под Кременной.",
                      ("трое двухсотых", "killed", 3, False, "own"),
                      [("54-й бригаде", "UNIT", {"normal": "54-й бригаде"}),
                       ("Кременной", "LOC", {"normal": "Кременная", "geo": KREMINNA})]),
    "unit-rubizhne": (datetime(2023, 1, 15, 9, 30), "Luhansk", None,
                      "С 54-й бригады трое двухсотых, под Рубежным, вчера привезли.",
                      ("трое двухсотых", "killed", 3, False, "own"),
                      [("54-й бригады", "UNIT", {"normal": "54-й бригады"}),
                       ("Рубежным", "LOC", {"normal": "Рубежное", "geo": RUBIZHNE})]),
    "relayed": (datetime(2023, 1, 17, 21, 0), "Kharkiv", "Купянск",
                "Мне Санёк говорил, у них под Кременной трое двухсотых.",
                ("трое двухсотых", "killed", 3, False, "own"),
                [("Санёк", "PER", {"normal": "Санёк", "first_name": "Александр", "surname": None}),
                 ("Кременной", "LOC", {"normal": "Кременная", "geo": KREMINNA})]),
    "enemy": (datetime(2023, 1, 15, 12, 0), "Luhansk", "Кременная",
              "А ихних двухсотых штук пятнадцать под Кременной лежит.",
              ("ихних двухсотых штук пятнадцать", "killed", 15, True, "enemy"),
              [("Кременной", "LOC", {"normal": "Кременная", "geo": KREMINNA})]),
    "four": (datetime(2023, 1, 20, 18, 0), "Donetsk", "Бахмут",
             "Двухсотые все четверо, четверо не вернулись с позиций.",
             ("Двухсотые все четверо", "killed", 4, False, "own"), []),
}


def _at(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def add_told_call(store, key: str, spec: tuple) -> int:
    """One call of the shape of :data:`CALLS`: its metadata, transcript, casualty finding and entities."""
    when, oblast, place, text, casualty, entities = spec
    call = store.add_call(key, ACTOR, CallMetadata(recorded_at=when, oblast=oblast, place=place, language="ru"),
                          reason="test").id
    tid = store.add_transcript(call, Transcript(segments=(Segment(text=text, speaker="A", start=0.0, end=4.0),),
                                                language="ru", source=TranscriptSource.IMPORTED), actor=ACTOR)
    needle, category, count, approximate, side = casualty
    start, end = _at(text, needle)
    store.replace_machine_findings(tid, "casualties.v1", [Finding(
        kind=FindingKind.CASUALTY, label=category, start=start, end=end, text=needle, score=0.9,
        producer="casualties.v1", explanation=f"lexicon 200 = killed; count {count}",
        attributes={"count": count, "approximate": approximate, "side": side})], "digest", ACTOR)
    found = []
    for entity_text, label, attributes in entities:
        start, end = _at(text, entity_text)
        found.append(Finding(kind=FindingKind.ENTITY, label=label, start=start, end=end, text=entity_text,
                             score=0.9, producer="entities.v1", explanation=f"{label} lexicon",
                             attributes=attributes))
    store.replace_machine_findings(tid, "entities.v1", found, "digest", ACTOR, personal_data=True)
    return call


def build(root: Path, *, users: bool = False) -> tuple[Workspace, dict[str, int]]:
    """The workspace under ``root`` with the calls above, their findings written as the annotators would."""
    ws = Workspace.create(root)
    store = ws.store
    ids = {key: add_told_call(store, key, spec) for key, spec in CALLS.items()}
    if users:
        for role in ("admin", "editor", "analyst", "viewer"):
            add_user(store, role, role, PASSWORD, actor=ACTOR)
    return ws, ids


def casualty_id(ws: Workspace, call: int) -> int:
    """The machine casualty finding of a call."""
    return next(f.id for f in ws.store.findings(call_ref=call, kind="casualty") if f.origin == "machine")
