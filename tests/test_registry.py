"""The annotator registry, the pipeline built from config and the shared Doc: what a plugin author relies on."""

from __future__ import annotations

import textwrap

import pytest

from overheard.annotate import registry
from overheard.annotate.analysis import Analyzer, analyze_text
from overheard.annotate.doc import READINGS, Doc
from overheard.annotate.pipeline import DEFAULT_PIPELINE, Pipeline, Step, run_annotator
from overheard.annotate.registry import create, detects_personal_data, registered_names, spec
from overheard.annotate.rules import casualties
from overheard.errors import RegistryError
from overheard.model import Document, FindingKind

BUILT_IN = {"terms": "v44", "casualties": "v44", "themes": "v32", "entities": "v48"}


@pytest.mark.parametrize(("name", "version"), sorted(BUILT_IN.items()))
def test_built_ins_are_registered_with_their_spec(name, version):
    found = spec(name)
    assert found.name == name and found.version == version
    assert found.origin.startswith("overheard.annotate.components.")  # an entry point, like any plugin's
    assert found.provides and all(":" in item for item in found.provides)
    assert set(found.requires) <= set(READINGS)
    assert create(name).name == name


@pytest.mark.parametrize(("name", "personal"), [("entities", True), ("terms", False), ("casualties", False),
                                                ("themes", False)])
def test_personal_data_detectors_are_those_that_provide_personal_data_labels(name, personal):
    assert spec(name).personal_data is personal
    assert detects_personal_data(create(name)) is personal


def test_unknown_names_and_bad_config_are_refused_with_what_is_known():
    with pytest.raises(RegistryError, match="known: .*entities"):
        create("no-such-annotator")
    with pytest.raises(RegistryError, match="bad config"):
        Pipeline.from_config([{"name": "entities", "config": {"no_such_option": 1}}])
    with pytest.raises(RegistryError, match="expected an annotator name"):
        Pipeline.from_config([{"name": "entities", "extra": 1}])


def test_the_pipeline_is_built_from_config_with_defaults_overridden():
    pipeline = Pipeline.from_config(["terms", {"name": "entities", "config": {"ner": False}}, {"themes": {}}])
    assert pipeline.names == ("terms", "entities", "themes")
    assert pipeline.steps[1] == Step("entities", (("ner", False),))
    assert pipeline.annotators[1].ner is False and create("entities").ner is True
    assert Pipeline.from_config().names == DEFAULT_PIPELINE
    lexicon = pipeline.lexicon
    assert pipeline.annotators[0].lexicon is lexicon and pipeline.annotators[2].lexicon is lexicon


TINY_PLUGIN = '''
from overheard.model import Finding, FindingKind
from overheard.plugins import hookimpl


@hookimpl
def overheard_annotators():
    return {"tiny": "tiny_plugin:TinyAnnotator"}


class TinyAnnotator:
    """Marks every "Гром": a call sign in this newsroom's material."""

    name = "tiny"
    version = "v1"
    requires = ("readable_text",)
    provides = ("entity:CALLSIGN",)
    default_config = {"word": "Гром"}

    def __init__(self, word):
        self.word = word

    def annotate(self, doc):
        text, found, start = doc.readable_text, [], 0
        while (start := text.find(self.word, start)) >= 0:
            found.append(Finding(FindingKind.ENTITY, "CALLSIGN", start, start + len(self.word),
                                 text[start:start + len(self.word)], 0.9, f"{self.name}.{self.version}",
                                 f"the word {self.word}"))
            start += len(self.word)
        return found
'''


@pytest.fixture
def tiny_plugin(tmp_path, monkeypatch):
    """A third-party package installed the way pip installs one: a module and its dist-info entry points."""
    (tmp_path / "tiny_plugin.py").write_text(TINY_PLUGIN, encoding="utf-8")
    info = tmp_path / "tiny_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: tiny-plugin\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(textwrap.dedent("""\
        [overheard]
        tiny = tiny_plugin
        """), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    registry.refresh()
    yield
    registry.refresh()


def test_a_third_party_annotator_is_found_through_its_entry_point(tiny_plugin):
    assert "tiny" in registered_names()
    found = spec("tiny")
    assert found.origin == "tiny_plugin:TinyAnnotator" and found.default_config == {"word": "Гром"}
    assert found.personal_data  # it provides CALLSIGN: viewers' masking trusts what it checked
    pipeline = Pipeline.from_config(["terms", "tiny"])
    text = "Гром, я Кедр. Грoм на связи"  # the second with a Latin o
    results = pipeline.run(Doc(text, "ru"))
    assert [(f.start, f.text) for f in results["tiny.v1"]] == [(0, "Гром"), (14, "Грoм")]  # quoted as written
    analyzer = Analyzer(Pipeline.from_config(["casualties", {"name": "tiny", "config": {"word": "Кедр"}}]))
    assert [f.text for f in analyzer.run(Doc(text, "ru"))["tiny"]] == ["Кедр"]


def test_a_registered_name_cannot_be_taken_twice():
    class Other:
        name, version = "terms", "v9"

        def annotate(self, doc):
            return []

    with pytest.raises(RegistryError, match="twice"):
        registry.register(Other)
    Other.name = "other-test"
    try:
        assert registry.register(Other).name == "other-test"
        assert "other-test" in registered_names() and not detects_personal_data(Other())
        with pytest.raises(RegistryError, match="twice"):
            registry.register(type("Again", (Other,), {}))
    finally:
        registry.unregister("other-test")


def test_readings_are_computed_once_and_shared_by_every_component(monkeypatch):
    calls = []
    real = casualties.decide

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr("overheard.annotate.doc.decide", counting)
    doc = Doc("Мам, у нас двое двухсотых, в 300 метрах от нас. Думаю в СОЧ уйти", "ru")
    results = Pipeline.from_config(["terms", "casualties", "themes"]).by_name(doc)
    assert len(calls) == 1  # terms (not-codes), casualties and themes read one set of decisions
    assert [f.text for f in results["terms"]] == ["двухсотых", "СОЧ"]  # "300 метрах" is a distance
    assert doc.tokens is doc.tokens and doc.readable_text == doc.text


def test_rejections_are_structured_values_rendered_to_text():
    doc = Doc("в 300 метрах от нас. думаю в СОЧ уйти, двухсотых нет", "ru")
    rejected = doc.casualties(Pipeline.from_config(["terms"]).annotators[0].compiled).rejected
    reasons = [(r.reason, r.rejection.reading, r.explanation) for r in rejected]
    assert reasons == [
        (casualties.Reason.NOUN_READING, casualties.reasons.NounReading.DISTANCE, "'300 метрах': distance, not a code"),
        (casualties.Reason.INTENTION_BEFORE, None, "an intention or condition ('думаю'), not a report"),
        (casualties.Reason.DENIAL, None, "denial ('нет' after it)"),
    ]
    assert [r.reason.not_a_code for r in rejected] == [True, False, False]
    assert [r.reason.planned for r in rejected] == [False, True, False]
    out = analyze_text(doc.text, "ru", explain=True)
    assert [r["reason"] for r in out["rejected"]] == [text for *_, text in reasons]


def test_look_alike_letters_are_read_once_for_every_component():
    text = "Cергей звонил, у нас двое двухсотых"  # a Latin C
    doc = Doc(text, "ru")
    assert doc.readable_text == "Сергей звонил, у нас двое двухсотых" and len(doc.readable_text) == len(text)
    results = Pipeline.from_config().by_name(doc)
    assert [(f.label, f.text) for f in results["entities"]] == [("PER", "Cергей")]
    assert [f.text for f in results["casualties"]] == ["двое двухсотых"]
    legacy = run_annotator(create("entities"), Document(text=text, language="ru"))  # a Document still works
    assert [f.text for f in legacy] == ["Cергей"] and legacy[0].kind == FindingKind.ENTITY
