"""Names whose second part is a particle: Tuvan "-оол" and Turkic patronymics ("оглы", "кызы", "уулу").

A lower-case Tuvan full name ("сарыг оол") was the one full name a fresh corpus author's text leaked (fourteenth
session, author UE). The particle makes the word before it a name, whatever case or list says: masked when unsure.
"""

from __future__ import annotations

import pytest

from overheard.annotate.components.entities import find_entities
from overheard.jobs.redaction import redact_text
from overheard.redact import Policy, Redactor

REDACTOR = Redactor(b"", Policy("mask", "keep"))


@pytest.mark.parametrize(("text", "name"), [
    ("алло сарыг оол ты меня слышишь это айдыс", "сарыг оол"),
    ("Алло, Сарыг оол, ты меня слышишь?", "Сарыг оол"),
    ("передай кара-оолу что я жив", "кара-оолу"),
    ("мы с чайзат оолом в одном окопе", "чайзат оолом"),
    ("Айгуль кызы звонила из Казани", "Айгуль кызы"),
    ("нурлан уулу передал что всё нормально", "нурлан уулу"),
])
def test_a_name_with_a_particle_is_masked_whole(text, name):
    """The particle and the word before it are one person: no part of the name is left to read."""
    masked = redact_text(text, REDACTOR).text
    for part in name.replace("-", " ").split():
        assert part not in masked, masked


def test_the_particle_after_a_pronoun_is_masked_alone():
    """After a pronoun or a preposition the word before is no part of the name: only the particle is masked."""
    text = "у нас оол один остался"
    found = [(f.label, text[f.start : f.end]) for f in find_entities(text) if f.label == "PER"]
    assert found == [("PER", "оол")]
    assert "masked when unsure" in [f for f in find_entities(text) if f.label == "PER"][0].explanation
