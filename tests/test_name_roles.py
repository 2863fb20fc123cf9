"""Who or what a word is in its sentence (rules/entities/roles.py, branch names26): the role the learned name model
reads from the grammar around a word. A call sign is an ordinary word; its role tells it from the word's plain use."""

import pytest

from overheard.annotate.doc import Doc
from overheard.annotate.rules.entities import learned
from overheard.annotate.rules.entities.learned import shipped_model, token_features
from overheard.annotate.rules.entities.roles import (
    PERSON_ROLES,
    VOCABULARY_ROLES,
    RoleReading,
    creature_object,
    surname_by_homograph,
    thing_after_verb,
)


def _role(text: str, word: str, language: str = "ru") -> str:
    doc = Doc(text, language)
    reading = RoleReading(doc.readable_text, doc.words, language)
    return reading.role([w[2] for w in doc.words].index(word))


@pytest.mark.parametrize(("text", "word", "role"), [
    # person roles
    ("кабан вчера сказал что придёт", "кабан", "subject"),
    ("Беркуту скажи, пусть идёт", "Беркуту", "told"),
    ("передай кочегару что всё", "кочегару", "told"),
    ("Тайга, приём.", "Тайга", "address"),
    ("где ты, Граф?", "Граф", "address"),
    ("забрали Тайгу вчера", "Тайгу", "object"),
    ("кабана ранило вчера", "кабана", "object"),
    ("с Тайгой пошли на точку", "Тайгой", "companion"),
    ("у кабана в группе трое", "кабана", "possessor"),
    # plain vocabulary
    ("косой дождь идёт", "косой", "modifier"),
    ("косой дождь идёт", "дождь", "modified"),
    ("в лесу кабан бегает", "лесу", "place"),
    ("купил молоток на рынке", "молоток", "bought"),
    ("купил кабана на рынке", "кабана", ""),  # an animate accusative may be someone: no thing
    ("нашёл молот у дороги", "молот", "thing_object"),
    ("видел в лесу волка прямо у дороги", "волка", "seen"),  # after a verb of seeing, a phrase of place between
    ("над полем сокол кружит", "сокол", "animal_doing"),     # before a verb of what animals do
    # neither
    ("Серый, привет", "Серый", "address"),
    ("а гена ну гена", "гена", ""),
])
def test_role_of_a_word(text, word, role):
    assert _role(text, word) == role


def test_roles_are_person_or_vocabulary():
    assert not set(PERSON_ROLES) & set(VOCABULARY_ROLES)


@pytest.mark.parametrize(("text", "index", "present", "absent"), [
    # the same word a person elsewhere in the text ("Беркут пришёл") and told here
    ("Беркуту скажи, что Беркут пришёл", 0, ["role=told", "role_elsewhere"], ["vocab_elsewhere"]),
    # the same word bought elsewhere: plain vocabulary there
    ("купил молот на рынке а молот вчера сказал что придёт", 5, ["role=subject", "vocab_elsewhere"], []),
    # an adjective with its noun: no person role anywhere
    ("косой дождь идёт", 0, ["role=modifier"], ["role_elsewhere"]),
    # a word of people and an ordinal say so
    ("вчера бойца ранило в ногу и пацана убило", 6, ["role_person_noun"], []),
    ("Пятый, кто вернулся, был без ноги.", 0, ["role_ordinal&role=address"], []),
    # a thing taken is plain vocabulary
    ("ладно давай бери гвоздь копать будем", 3, ["role=bought"], []),
    # the clause after a comma describes the word
    ("Пятый, кто вернулся, был без ноги.", 0, ["role_relative"], []),
])
def test_role_features_of_the_name_model(text, index, present, absent):
    doc = Doc(text, "ru")
    features = token_features(doc.readable_text, doc.words, "ru", index)
    assert set(present) <= set(features)
    assert not set(absent) & set(features)


def test_the_shipped_model_reads_the_roles():
    """The shipped model (2026.12.6) is trained with the role features and weighs them."""
    doc = Doc("Беркуту скажи, что Беркут пришёл", "ru")
    features = token_features(doc.readable_text, doc.words, "ru", 0)
    assert "role=told" in features
    assert shipped_model().weights.get("role=told", 0.0) > 0


@pytest.mark.parametrize(("text", "counted"), [
    ("Пятый, кто вернулся, был без ноги.", True),   # a relative clause describes the fifth one: counting
    ("Первый, второй, третий — все на месте", True),
    ("Пятый, приём.", False),                        # a station called
])
def test_an_ordinal_a_relative_clause_describes_is_counting(text, counted):
    doc = Doc(text, "ru")
    assert learned.counting(doc.readable_text, doc.words, "ru", 0) is counted


@pytest.mark.parametrize(("text", "word", "thing"), [
    ("ладно давай бери гвоздь копать будем", "гвоздь", True),  # a masculine thing in the nominative's form
    ("копай окоп быстрее", "окоп", True),
    ("бери гвоздя с собой", "гвоздя", False),   # the animate accusative: someone may be meant
    ("бери Гвоздь с собой", "Гвоздь", False),   # a capital letter: left to the rest of the model
    ("вызываю утес", "утес", False),            # a station called takes the nominative's form
    ("передай гром что всё", "гром", False),    # one told
    ("найди гвоздь", "гвоздь", False),          # a verb whose object may be someone
])
def test_a_thing_right_after_a_transitive_verb_is_never_someone(text, word, thing):
    """The gate of the learned model (names26b): a masculine noun read only as a thing, in the accusative that is its
    nominative, right after a transitive verb is no person; a call sign there takes the animate form ("бери Гвоздя")."""
    doc = Doc(text, "ru")
    i = [w[2] for w in doc.words].index(word)
    assert thing_after_verb(doc.words, "ru", i) is thing


@pytest.mark.parametrize(("word", "language", "reading"), [
    ("пугача", "uk", "homograph"),   # the Ukrainian dictionary tags the eagle owl's forms as a surname too
    ("сича", "uk", "homograph"),
    ("беркута", "uk", "homograph"),
    ("шевченка", "uk", ""),          # its plain reading is neuter: a surname of its own
    ("петренка", "uk", ""),          # a surname and nothing else
    ("иванова", "ru", ""),
    ("сашка", "uk", ""),             # a first name
    ("кабана", "ru", ""),            # no person reading at all
])
def test_a_surname_that_is_only_a_homograph_of_a_plain_noun(word, language, reading):
    """pymorphy3's person readings of the word are all surnames, each a guess or sharing its lemma with a plain noun
    the dictionary knows (names27): a condition of the creature gate (as a feature of the name model it learned the
    wrong way: Ukrainian call signs like "Беркут" are such homographs too; not kept)."""
    assert surname_by_homograph(word, language) == reading


@pytest.mark.parametrize(("text", "word", "animal"), [
    ("бачив у лісі пугача біля дороги", "пугача", True),  # seen, a phrase of place between
    ("бачив у лісі сича біля дороги", "сича", True),
    ("вчора годували сича", "сича", True),                 # fed
    ("вчора бачили вовка", "вовка", False),                # "Вовка" is a first name too (the name lexicon)
    ("бачив Сича вчора", "Сича", False),                   # a capital letter: left to the rest of the model
    ("забрали сича вчора", "сича", False),                 # a verb whose object is someone
    ("бачив шевченка вчора", "шевченка", False),           # a surname of its own
    ("сич бачив пугача", "сич", False),                    # not after the verb
])
def test_an_animal_seen_caught_or_fed_is_never_masked_by_the_model(text, word, animal):
    """The creature gate of the learned model (names27): a lower-case word that is a surname only by a homograph of an
    animal or a thing, in the accusative after a verb of seeing, hunting, catching or feeding, is the animal."""
    doc = Doc(text, "uk")
    i = [w[2] for w in doc.words].index(word)
    assert creature_object(doc.words, "uk", i) is animal
    assert learned.gated(doc.readable_text, doc.words, "uk", i) is animal
