"""One pseudonym per person: unique within a workspace, never a real first name, stable across merges."""

from __future__ import annotations

import time
from collections import Counter

import pytest
from people_corpus import generated_workspace, sample_workspace

from overheard.jobs.people import Pseudonymiser, list_people, merge_people, split_person
from overheard.redact.pseudonyms import person_pseudonym
from overheard.text import fold


def shared(people) -> list[str]:
    counts = Counter(fold(p.pseudonym) for p in people)
    return [name for name, n in counts.items() if n > 1]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    ws = sample_workspace(tmp_path_factory.mktemp("demo") / "ws")
    yield ws
    ws.close()


def test_no_two_people_in_the_demo_share_a_pseudonym(demo):
    people = list_people(demo)
    assert len(people) > 40
    assert shared(people) == []
    real = Pseudonymiser(b"").real_first_names(m.attributes for m in demo.store.person_mentions())
    assert not [p.pseudonym for p in people if fold(p.pseudonym.split()[0]) in real]


def test_two_people_with_the_same_first_name_in_different_calls_get_different_pseudonyms(demo):
    sergeys = [p for p in list_people(demo) if p.display == "Сергей"]
    assert len(sergeys) == 2 and sergeys[0].pseudonym != sergeys[1].pseudonym


def test_a_merge_keeps_the_survivors_pseudonym_and_records_the_other(demo):
    sergeys = [p for p in list_people(demo) if p.display == "Сергей"]
    keep, other = sergeys
    merged = merge_people(demo, keep.id, [other.id], "anna")
    assert merged.pseudonym == keep.pseudonym and merged.retired == (other.pseudonym,)
    assert shared(list_people(demo)) == []
    history = demo.store.pseudonym_history([other.id])
    assert [(h.reason, h.pseudonym) for h in history] == [("assigned", other.pseudonym), ("merged", other.pseudonym)]
    # a retired pseudonym is never given to anybody else, even by later syncs
    from overheard.jobs.people import sync_people
    sync_people(demo, "anna")
    assert fold(other.pseudonym) not in {fold(p.pseudonym) for p in list_people(demo) if p.id != other.id}
    # undoing the merge gives the other person its own pseudonym back
    decision = demo.store.person_decisions(keep.id)[-1]
    demo.store.undo_person_decision(decision.id, "anna")
    restored = {p.id: p for p in list_people(demo)}
    assert restored[other.id].pseudonym == other.pseudonym and restored[keep.id].retired == ()
    assert demo.store.verify_audit() == []


def test_a_split_off_person_gets_a_pseudonym_nobody_has(demo):
    sergeys = [p for p in list_people(demo) if p.display == "Сергей"]
    merge_people(demo, sergeys[0].id, [sergeys[1].id], "anna")
    both = demo.store.people([sergeys[0].id])[0]
    new = split_person(demo, both.id, both.keys[1], "anna")
    assert new.pseudonym not in {sergeys[0].pseudonym, sergeys[1].pseudonym}
    assert shared(list_people(demo)) == []


@pytest.mark.parametrize("first, surname, taken, expected", [
    ("Сергей", None, set(), 1),  # a first name alone
    ("Сергей", "Петров", set(), 2),  # a full name: a first name and a surname
    (None, "Петров", set(), 1),
    (None, None, {"лицо 1"}, 2),  # nameless: "Лицо 2"
])
def test_the_shortest_free_form_is_chosen(first, surname, taken, expected):
    name = person_pseudonym(b"k", "key", first=first, surname=surname, gender="m", language="ru", taken=taken)
    assert len(name.split()) == expected and fold(name) not in taken


def test_when_every_short_form_is_taken_a_longer_one_is_still_unique():
    taken: set[str] = set()
    for number in range(3000):
        name = person_pseudonym(b"k", f"сергей@{number}", first="Сергей", surname=None, gender="m", language="ru",
                                taken=taken, avoid={"сергей", "иван"})
        assert fold(name) not in taken and fold(name.split()[0]) not in {"сергей", "иван"}
        taken.add(fold(name))


@pytest.mark.slow
def test_no_two_people_share_a_pseudonym_in_a_10000_call_workspace(tmp_path):
    started = time.perf_counter()
    ws = generated_workspace(tmp_path / "big")
    try:
        people = ws.store.people()
        assert len(people) > 25_000
        assert shared(people) == []
        print(f"10,000 calls, {len(people)} people generated and named in {time.perf_counter() - started:.1f} s")
    finally:
        ws.close()
