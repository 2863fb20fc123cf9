"""One record per word form of what the entity rules ask of every word (rules/entities/word_facts.py, speed28): the
answers the rules read, made once per form and shared by the rules of a document."""

import pytest

from overheard.annotate.doc import Doc
from overheard.annotate.rules.entities.word_facts import word_facts, word_facts_of


@pytest.mark.parametrize(("word", "fact", "value"), [
    ("Серёга", "may_be_name", True),
    ("Иванова", "may_be_name", True),
    ("дождь", "may_be_name", False),
    ("ушёл", "finite", True),
    ("иди", "finite", False),  # an imperative is no finite indicative verb
    ("дождь", "finite", False),
    ("кабан", "may_be_someone", True),
    ("ушёл", "may_be_someone", False),
    ("да", "may_be_someone", False),  # under three letters
    ("пятый", "ordinal_shaped", True),
    ("двадцять", "ordinal_shaped", False),
    ("ранило", "casualty_verb", True),
    ("минусанули", "casualty_verb", True),
    ("говорил", "casualty_verb", False),
])
def test_a_word_form_answers_what_the_rules_ask_of_it(word, fact, value):
    assert bool(getattr(word_facts(word, "ru"), fact)) is value


def test_a_case_form_of_a_listed_call_sign_names_the_call_sign():
    assert word_facts("шамана", "ru").listed_callsign == word_facts("Шаман", "ru").listed_callsign is not None
    assert word_facts("дождь", "ru").listed_callsign is None


def test_the_key_is_the_folded_form():
    assert word_facts("Ёлкин", "ru").key == "елкин"


def test_a_document_reads_its_records_once_and_a_plain_word_list_gets_the_same():
    doc = Doc("Серёга сказал, кабан вчера ушёл.", "ru")
    records = word_facts_of(doc.words, "ru")
    assert records is word_facts_of(doc.words, "ru")  # made once per document
    assert records == word_facts_of(list(doc.words), "ru")
    assert [r.key for r in records] == doc.words.keys
