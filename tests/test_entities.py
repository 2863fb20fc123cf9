"""Entities: people, places, units, phones and call signs in clean and ASR-style text."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from overheard.annotate.components.entities import PRODUCER, find_entities
from overheard.annotate.pipeline import Pipeline
from overheard.annotate.registry import registered_names
from overheard.annotate.rules.people import group_people
from overheard.model import Document, FindingKind
from overheard.names import name_lexicon

DEV = Path(__file__).parent / "data" / "pii_dev.jsonl"


def dev_rows() -> list[dict]:
    """The annotated development set."""
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


def labelled(text: str, lang: str = "ru") -> list[tuple[str, str]]:
    return [(f.label, f.text) for f in find_entities(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "label", "span", "normal"),
    [
        ("передай серёге что мы под бахмутом", "ru", "PER", "серёге", "Серёга"),
        ("с андрюхой ходили", "ru", "PER", "андрюхой", "Андрюха"),
        ("у тёмы нога перебита", "ru", "PER", "тёмы", "Тёма"),
        ("Андрей Викторович сказал", "ru", "PER", "Андрей Викторович", "Андрей Викторович"),
        ("скажи Олегу Петрову", "ru", "PER", "Олегу Петрову", "Олег Петров"),
        ("лейтенант Волков приказал", "ru", "PER", "Волков", "Волков"),
        ("Оль, ну не плачь", "ru", "PER", "Оль", "Оля"),
        ("передай сергію що ми тут", "uk", "PER", "сергію", "Сергій"),
        ("Тарасе, ти мене чуєш", "uk", "PER", "Тарасе", "Тарас"),
        ("позывной Гром сказал отходить", "ru", "CALLSIGN", "Гром", "Гром"),
        ("позивний Сокіл на зв'язку", "uk", "CALLSIGN", "Сокіл", "Сокіл"),
        ("Туман, я Сова, приём", "ru", "CALLSIGN", "Сова", "Сова"),
        ("запиши +7 (912) 345-67-89", "ru", "PHONE", "+7 (912) 345-67-89", "+79123456789"),
        ("номер 8 912 345 67 89 звони", "ru", "PHONE", "8 912 345 67 89", "+79123456789"),
        ("наш номер 067 123 45 67", "uk", "PHONE", "067 123 45 67", "+380671234567"),
        ("номер ноль шестьдесят семь сто двадцать три сорок пять шестьдесят семь", "ru", "PHONE",
         "ноль шестьдесят семь сто двадцать три сорок пять шестьдесят семь", "+380671234567"),
        ("запиши номер 345-67-89 это дома", "ru", "PHONE", "345-67-89", "3456789"),
        ("номер: Восемь, девятьсот двадцать семь, ноль сорок, пятнадцать, восемьдесят восемь.", "ru", "PHONE",
         "Восемь, девятьсот двадцать семь, ноль сорок, пятнадцать, восемьдесят восемь", "+79270401588"),
        ("позывной гром на связи а потом гром сказал отходить", "ru", "CALLSIGN", "гром", "Гром"),
        ("200-я бригада стоит", "ru", "UNIT", "200-я бригада", None),
        ("перевели в в/ч 12345", "ru", "UNIT", "в/ч 12345", None),
        ("я в 1-й роте 3-го батальона", "ru", "UNIT", "1-й роте 3-го батальона", None),
        ("ЧВК Вагнер зашли", "ru", "UNIT", "ЧВК Вагнер", None),
        ("мы в кременной стоим", "ru", "LOC", "кременной", "Кременная"),
        ("з Куп'янська дзвонив", "uk", "LOC", "Куп'янська", None),
        ("ванькина мать звонила", "ru", "PER", "ванькина", None),  # possessive of a diminutive
        ("передай оксаниній мамі", "uk", "PER", "оксаниній", None),
        ("у Андрюхи позывной Кот, у меня Тихий", "ru", "CALLSIGN", "Тихий", "Тихий"),  # adjectival call sign
    ],
)
def test_entity_table(text, lang, label, span, normal):
    found = {(f.label, f.text): f for f in find_entities(text, lang)}
    assert (label, span) in found, found.keys()
    if normal is not None:
        assert found[(label, span)].attributes["normal"] == normal


@pytest.mark.parametrize(
    "text",
    [
        "у нас трое двухсотых и груз 200 отправили",
        "200-е — шесть человек, 300-х двенадцать",
        "двухсотый день сидим, пятисотый мерс у него",
        "тема закрыта, роман не читал, вера в победу",
        "мама, всё хорошо, кормят нормально",
        "звони в 14:30, 12.05.2023 приеду",
        "звони после 345 выстрелов, у нас 300-е 12 человек",
        "там человек двести трёхсотых",
        "много машин на дороге, мамин борщ остыл",
        "на Новый год обещали отпустить, Красная площадь",
    ],
)
def test_no_personal_data_in_plain_talk(text):
    assert [lab for lab, _ in labelled(text) if lab in ("PER", "PHONE", "CALLSIGN", "UNIT")] == []


def test_registered_and_runs_in_pipeline():
    assert "entities" in registered_names()
    doc = Document("Передай Серёге, что мы под Бахмутом.", "ru", region="Donetsk")
    results = Pipeline.from_names(["entities"]).run(doc)
    findings = results[PRODUCER]
    assert {f.kind for f in findings} == {FindingKind.ENTITY}
    assert {f.label for f in findings} == {"PER", "LOC"}
    for finding in findings:
        finding.check_against(doc.text)


def test_dev_set_accuracy():
    """Exact-span precision and recall per label on the development set."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for row in dev_rows():
        gold = {(e["start"], e["end"], e["label"]) for e in row["entities"]}
        pred = {(f.start, f.end, f.label) for f in find_entities(row["text"], row["lang"]) if f.label != "ORG"}
        for item in gold:
            (tp if item in pred else fn)[item[2]] += 1
        for item in pred - gold:
            fp[item[2]] += 1
    for label, min_p, min_r in (("PER", 0.95, 0.95), ("PHONE", 0.95, 0.95), ("UNIT", 0.9, 0.9),
                                ("CALLSIGN", 0.8, 0.8), ("LOC", 0.9, 0.9)):
        precision = tp[label] / max(1, tp[label] + fp[label])
        recall = tp[label] / max(1, tp[label] + fn[label])
        assert precision >= min_p and recall >= min_r, (label, precision, recall)


def test_dev_set_shape():
    rows = dev_rows()
    assert len(rows) >= 150
    assert {r["lang"] for r in rows} == {"ru", "uk"}
    labels = Counter(e["label"] for r in rows for e in r["entities"])
    assert min(labels[x] for x in ("PER", "LOC", "PHONE", "CALLSIGN", "UNIT")) >= 10
    for row in rows:
        for e in row["entities"] + row["coded"]:
            assert row["text"][e["start"] : e["end"]] == e["text"]


def test_name_lexicon_groups_diminutives():
    lexicon = name_lexicon()
    for form, canonical in (("серёге", "Сергей"), ("серого", "Сергей"), ("андрюхой", "Андрей"),
                            ("тёмы", "Артём"), ("шуре", "Александр"), ("саньку", "Александр")):
        assert canonical in {r.canonical for r in lexicon.lookup(form)}, form
    assert lexicon.is_ambiguous("темой") and not lexicon.is_ambiguous("тёмой")


def test_people_grouped_into_candidates():
    text = "Сергей Петров звонил. Передай Серёге и Серёже привет. Андрюха тоже тут, с Андреем говорил."
    people = group_people(find_entities(text, "ru"))
    keys = {p.key: len(p.mentions) for p in people}
    assert keys == {"сергей|петров": 3, "андрей": 2}
