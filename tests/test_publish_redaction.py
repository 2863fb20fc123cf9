"""Redacted transcripts that read right: speakers kept, one pseudonym per person, names in the original's case.

The whole sample corpus is pseudonymised the way a publication pack does it; the invariants hold for every
call. The case table checks the grammar of each replacement with pymorphy3 (ru and uk dictionaries), the
same analyser the annotators use, so "Петю!" must come back as a vocative, "Петрові" as a dative.
"""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import SAMPLES

from overheard.ingest.ingest import ingest_paths
from overheard.jobs.leakcheck import scan_text
from overheard.jobs.people import list_people, sync_people
from overheard.jobs.redaction import redact_text, redact_transcript, workspace_redactor
from overheard.jobs.redaction import workspace_entities as workspace_findings
from overheard.model import Segment, Transcript
from overheard.redact.leakcheck import KnownForms
from overheard.redact.operators import Policy, Redactor
from overheard.text import fold, morph
from overheard.workspace import Workspace

pytestmark = pytest.mark.slow

# coded casualty terms; "200-я бригада" is a unit, which is personal data and redacted
CODED = re.compile(r"двухсот|двохсот|трёхсот|трехсот|трьохсот|пятисот|п'ятисот|СЗЧ|СОЧ|груз 200|\b[2-6]00\b(?!-я)")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """All 16 sample calls (transcripts and metadata), entities synced, plus a call whose speakers are names."""
    source = tmp_path_factory.mktemp("samples")
    for path in SAMPLES.iterdir():
        if path.suffix in (".txt", ".srt", ".vtt", ".yaml"):
            shutil.copy(path, source / path.name)
    ws = Workspace.create(tmp_path_factory.mktemp("redaction") / "ws")
    ingest_paths(ws, [source], actor="tester")
    named = ws.store.add_call("named-speakers", "tester")
    ws.store.add_transcript(named.id, Transcript((
        Segment("Ира, привет. Это я.", speaker="Андрей"),
        Segment("Андрюша! Наконец-то. Передай Серёге, что я звонила.", speaker="Ира"),
    ), language="ru"), actor="tester")
    sync_people(ws, "tester")
    yield ws
    ws.close()


def _redacted(ws, call, mode="pseudonym"):
    return redact_transcript(ws, call.id, workspace_redactor(ws, Policy(mode), call.key))


def test_every_sample_keeps_its_speakers_and_its_coded_terms(corpus):
    calls = corpus.store.list_calls()
    assert len(calls) == 17
    known = KnownForms().add_entities(workspace_findings(corpus))
    for call in calls:
        original = corpus.store.current_transcript(call.id).transcript
        redacted = _redacted(corpus, call)
        assert len(redacted.segments) == len(original.segments)
        for before, after in zip(original.segments, redacted.segments, strict=True):
            if call.key != "named-speakers":
                assert after.speaker == before.speaker  # role labels: "Мать", "Чоловік", "Муж"
            assert CODED.findall(after.text) == CODED.findall(before.text)  # codes and their counts untouched
        lines = "\n".join(redacted.lines())
        assert scan_text(lines, known) == [], call.key  # no known form of anyone, speakers included


def test_speaker_labels_that_are_names_get_the_persons_pseudonym(corpus):
    call = corpus.store.call_by_key("named-speakers")
    redacted = _redacted(corpus, call)
    andrey, ira = redacted.segments[0].speaker, redacted.segments[1].speaker
    assert andrey not in ("Андрей", None) and ira not in ("Ира", None)
    # the same person in the text ("Андрюша!") and as a speaker: one pseudonym
    assert redacted.segments[1].text.startswith(andrey + "!")
    assert redacted.segments[0].text.startswith(ira + ",") or fold(ira)[:3] in fold(redacted.segments[0].text)
    labelled = _redacted(corpus, call, "label")
    assert labelled.segments[0].speaker.startswith("[PER-")


def test_one_pseudonym_per_person_however_the_name_is_written(corpus):
    call = corpus.store.call_by_key("call-05-lysychansk")
    redacted = _redacted(corpus, call)
    # Петро!, Петрусю, Петю: one man; his pseudonym in whatever case, always the same lemma
    lemmas = {morph("uk").parse(r.replacement.lower())[0].normal_form for r in redacted.replacements
              if r.original in ("Петро", "Петрусю", "Петю")}
    assert len(lemmas) == 1, lemmas
    petro = [p for p in list_people(corpus) if any(k.startswith(("петро@call-05", "петр@call-05")) for k in p.keys)]
    assert len({p.id for p in petro if p.mentions}) == 1
    assert fold(petro[0].pseudonym.split()[0]) == fold(next(iter(lemmas)))
    galya = {r.replacement for r in redacted.replacements if r.original == "Галю"}
    assert len(galya) == 1  # every "Галю" is the same vocative


CASES = [
    # (language, text, the name as written, the case its replacement must have)
    ("uk", "Петю! Ти де?", "Петю", "voct"),
    ("uk", "Алло, Галю? Це я.", "Галю", "voct"),
    ("uk", "Знаю, Петю. Тримайся.", "Петю", "voct"),
    ("uk", "Ой, Петрусю, нарешті.", "Петрусю", "voct"),
    ("uk", "Передай Петрові привіт.", "Петрові", "datv"),
    ("uk", "Подзвони Галі ввечері.", "Галі", "datv"),
    ("uk", "У Галини день народження.", "Галини", "gent"),
    ("uk", "Біля Миколи стояли.", "Миколи", "gent"),
    ("ru", "Передай Андрею, что мы уходим.", "Андрею", "datv"),
    ("ru", "Позвони Оле вечером.", "Оле", "datv"),
    ("ru", "У Серёги день рождения.", "Серёги", "gent"),
    ("ru", "Для Наташи ничего нет.", "Наташи", "gent"),
    ("ru", "Оль, ты где?", "Оль", "nomn"),  # Russian addresses with the nominative (or a truncated form)
    ("ru", "Петя! Ты где?", "Петя", "nomn"),
]


@pytest.mark.parametrize(("language", "text", "name", "case"), CASES)
def test_pseudonyms_agree_in_case_with_the_name_they_replace(language, text, name, case):
    redaction = redact_text(text, Redactor(b"k" * 32, Policy("pseudonym")), language)
    replaced = [r for r in redaction.replacements if r.original == name]
    assert replaced, redaction.text
    new = replaced[0].replacement
    assert fold(new) != fold(name)
    parses = [p for p in morph(language).parse(new.lower()) if "Name" in p.tag]
    assert any(p.tag.case == case for p in parses), (new, [str(p.tag) for p in parses])
    assert redaction.text.replace(new, "#") == text.replace(name, "#")  # punctuation and the rest untouched
