"""Counts as classes, read from the DEV half of the open authors in the nineteenth session (counts30).

ANNOTATION.md, Counts: the count is the number told of the group, next to its words or in their clause; a named
individual counts as 1 and people named beside the words count as many as are named. Every row is made up for the
test, none is a corpus or round text; the negatives beside them must keep their reading.
"""

from __future__ import annotations

import pytest

from overheard.annotate.doc import Doc
from overheard.annotate.lexicon import compile_lexicon, load_lexicon

LEXICON = compile_lexicon(load_lexicon())


def counts(text: str, lang: str) -> list[tuple[str, int | None, bool]]:
    """(category, count, approximate) of each casualty mention, in text order."""
    return [(m.category, m.count, m.approximate) for m in Doc(text, lang).casualties(LEXICON).mentions]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # a number reached only across a comma gives way to the count in the words' own clause
    ("Один танк сожгли, там двухсотых у них штук шесть точно.", "ru", [("killed", 6, True)]),
    ("Одного спалили, там двохсотих у русні штук сім.", "uk", [("killed", 7, True)]),
    ("Двухсотых у нас с роты — считай — пятеро, и трёхсотых ещё штук двенадцать.", "ru",
     [("killed", 5, False), ("wounded", 12, True)]),
])
def test_a_count_in_the_words_own_clause_wins_over_one_across_a_comma(text, lang, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # no count after the words: the number across the comma still counts them
    ("Пятеро, все трёхсотые.", "ru", [("wounded", 5, False)]),
    # the number after the words stands past a comma of its own: it is the next group's
    ("Скид по них: троє у воді, не виринули, ще двоє на березі поранені.", "uk",
     [("killed", 3, False), ("wounded", 2, False)]),
])
def test_a_number_across_a_comma_still_counts_when_the_clause_has_none(text, lang, expected):
    assert counts(text, lang) == expected
