"""The per-word record of the casualty rules and the theme model (rules/token_facts.py): each answer is what
pymorphy3's parses say, made once per word."""

from __future__ import annotations

import pytest

from overheard.annotate.rules.casualties.words import is_animate, is_past_verb, key_word, known, tags, word_at
from overheard.annotate.rules.theme_model import lemma
from overheard.annotate.rules.token_facts import grammemes, pos, token_facts
from overheard.annotate.rules.tokens import tokens
from overheard.text import morph, parses


@pytest.mark.parametrize(("key", "language"), [
    ("двухсотых", "ru"), ("погибли", "ru"), ("пацанов", "ru"), ("ёлка", "ru"), ("серёга", "ru"),
    ("трьохсотих", "uk"), ("поклали", "uk"), ("хлопців", "uk"), ("200~", "ru"), (",", "ru"), ("zzqx", "ru"),
])
def test_the_record_answers_as_the_parses_do(key, language):
    facts = token_facts(key, language)
    found = morph(language).parse(key)
    assert facts.tags == tuple(str(p.tag) for p in found[:3]) == tuple(r.tag for r in facts.readings)
    assert [r.pos for r in facts.readings] == [pos(t) for t in facts.tags]
    assert [r.grammemes for r in facts.readings] == [grammemes(t) for t in facts.tags]
    assert facts.known == (bool(found) and found[0].is_known)
    first = parses(key, language)
    assert facts.lemma == (first[0].normal_form.replace("ё", "е") if first else key)
    assert (facts.word_feature, facts.negated_feature) == ("w=" + facts.lemma, "n=" + facts.lemma)


@pytest.mark.parametrize(("key", "model_word"), [("200~", "#"), ("12", "#"), (",", "."), ("погибли", "погибнуть")])
def test_the_models_name_digits_punctuation_and_words_apart(key, model_word):
    assert token_facts(key, "ru").model_word == key_word(key, "ru") == model_word


def test_the_casualty_word_helpers_read_the_record():
    toks = tokens("пацанов положили, погибли двое")
    assert [word_at(toks, k, "ru") for k in range(-1, len(toks) + 1)] == [
        "^", "пацан", "положить", ".", "погибнуть", "двое", "$"]
    assert [is_past_verb(t, "ru") for t in toks] == [False, True, False, True, False]
    assert is_animate(toks[0], "ru") and not is_animate(toks[1], "ru")
    assert tags("погибли", "ru") == token_facts("погибли", "ru").tags
    assert known("погибли", "ru") and not known("zzqx", "ru")
    assert lemma("погибли", "ru") == "погибнуть"
