"""Two features of the learned mention filter: what a loss verb is said of, and the scene a mention is told in
(casualties/said_of.py).

The wordings are written for these tests, not taken from the corpus, the hard negatives or the blind rounds.
"""

from __future__ import annotations

import pytest

from overheard.annotate.doc import Doc
from overheard.annotate.lexicon import compile_lexicon, load_lexicon
from overheard.annotate.rules.casualties import mention_model
from overheard.annotate.rules.casualties.context import Context
from overheard.annotate.rules.casualties.said_of import said_of, scene, word_kind
from overheard.annotate.rules.casualties.words import casualty_cues


def read(text: str, lang: str):
    """The context and the mentions the casualty rules keep in ``text`` (the mention model off)."""
    lexicon = compile_lexicon(load_lexicon())
    doc = Doc(text, lang)
    with mention_model.disabled():
        kept = list(doc.casualties(lexicon).mentions)
    numbers = doc.numbers
    matches = doc.term_matches(lexicon)
    casualty = {k for m in matches if any(e.is_casualty for e in m.entries) for k in range(m.first, m.last)}
    ctx = Context(doc.tokens, doc.language, matches, casualty, {e.first: e for e in numbers},
                  {e.last - 1: e for e in numbers}, casualty_cues(), doc.breaks)
    return ctx, kept


@pytest.mark.parametrize(
    ("key", "lang", "kind"),
    [
        ("хлопців", "uk", "person"),  # pymorphy3 reads it as an adjective; the rules' people list decides
        ("пацанов", "ru", "person"),
        ("наших", "ru", "person"),
        ("рота", "ru", "person"),
        ("полроты", "ru", "person"),
        ("сашку", "ru", "person"),  # a first name
        ("их", "ru", "pronoun"),
        ("його", "uk", "pronoun"),
        ("пятерых", "ru", "number"),
        ("сотню", "ru", "number"),
        ("12", "ru", "number"),
        ("кабанів", "uk", "animal"),
        ("корову", "ru", "animal"),
        ("трубу", "ru", "thing"),
        ("авдеевку", "ru", "place"),
        ("вчера", "ru", ""),  # no noun
        ("осколком", "ru", ""),  # an instrument, no subject or object
    ],
)
def test_what_a_word_names_as_the_subject_or_object_of_a_loss_verb(key, lang, kind):
    assert word_kind(key, lang) == kind


@pytest.mark.parametrize(
    ("text", "lang", "kind"),
    [
        ("Стільки хлопців там поклали, а село так і не взяли.", "uk", "person"),
        ("Вчора на полюванні кабанів поклали двох.", "uk", "animal"),
        ("У нас пятерых положили вчера.", "ru", "number"),
        ("Его ранило вчера под вечер.", "ru", "pronoun"),
        ("Пацанов накрыло, трое трёхсотых.", "ru", "noverb"),  # the verb is in another clause than the code word
    ],
)
def test_the_kind_of_word_a_loss_verb_is_said_of(text, lang, kind):
    ctx, kept = read(text, lang)
    assert kept
    assert said_of(ctx, kept[-1])[0] == f"of={kind}"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Кошмар какой-то, брата ранило.", "ru", ["scene=dream"]),
        ("Сон поганий бачив. Брата поранило, кажуть.", "uk", ["scene.prev=dream"]),
        ("По телевизору говорят, наших много положили.", "ru", ["scene=news"]),
        ("В 2014-м там пятерых положили.", "ru", ["scene=war"]),
        ("Дід розповідав про Карабах. Стільки хлопців там поклали.", "uk", ["scene.prev=war"]),
        ("На полигоне двое трёхсотых, один тяжёлый.", "ru", ["scene=exercise"]),
        ("Вчора на полюванні кабанів поклали двох.", "uk", ["scene=game"]),
        ("Фильм смотрели. Всех положили в конце.", "ru", ["scene.prev=film"]),  # with "Там" the rules drop it
        ("Вчера у нас трое двухсотых.", "ru", []),
    ],
)
def test_the_scene_a_mention_is_told_in(text, lang, expected):
    ctx, kept = read(text, lang)
    assert kept
    assert scene(ctx, kept[-1]) == expected


# The animal before its verb ('двох кабанів поклали') is dropped by the rules (things.animal_said_of) before the model
# reads it; with the count after the verb the rules keep it and these features are what the model sees.
def test_both_are_features_of_the_mention_model():
    ctx, kept = read("Вчора на полюванні кабанів поклали двох.", "uk")
    features = mention_model.features(ctx, kept[0], kept, [])
    assert {"of=animal", "scene=game"} <= set(features)
    assert "of=animal|kind=plain|cat=killed" in features
